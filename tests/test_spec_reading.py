"""Specs are read through libyaml when PyYAML has it, and through PyYAML's own parser when that fails: the two must
give the same values and the same positions, or errors would point at other lines than the ones a spec was read with.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scaffolder.spec import loader
from scaffolder.spec.errors import SpecErrors

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))

# Multi-byte characters before a node on the same line, flow collections, block scalars, anchors and aliases.
TRICKY = """\
a: "héllo wörld 🚀"
b: {x: 1, y: ["é", 2, {z: null}]}
c: &anchor
  - "ü": 1
  - long: |
      two
      lines
d: *anchor
e: ö
"""


def read(loader_class: type, text: str):
    document = loader._Document("spec.yaml")
    value = document.build(loader_class(text).get_single_node(), ())
    return value, document.positions


def test_libyaml_is_used() -> None:
    assert loader._C_PARSER, "PyYAML without libyaml: every spec would be read by the slow pure-Python parser"


@pytest.mark.parametrize("text", [spec.read_text(encoding="utf-8") for spec in SPECS] + [TRICKY])
def test_both_parsers_give_the_same_values_and_positions(text: str) -> None:
    assert read(loader._FastLimitedLoader, text) == read(loader._LimitedLoader, text)


def test_syntax_errors_keep_pure_python_messages(tmp_path: Path) -> None:
    """libyaml's messages differ from PyYAML's, which the hints are written for: a spec that fails to parse is read
    again with PyYAML's parser, which reports it."""
    spec = tmp_path / "coinx.yaml"
    spec.write_text("exchange:\n  name: coinx\n  topic: {symbol}.trades\n", encoding="utf-8")
    with pytest.raises(SpecErrors) as raised:
        loader.read_document(spec)
    (error,) = raised.value.errors
    assert (error.line, error.column) == (3, 10)
    assert "quote the whole value" in error.message


def test_limits_hold_on_the_fast_path() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(5)
    )
    with pytest.raises(yaml.YAMLError, match="alias bomb"):
        loader._FastLimitedLoader(bomb).get_single_node()
