"""Injection safety: whatever string a spec holds, the generated code parses, is black-stable, and carries the
string back as the same value; strings hbgen must refuse are refused with a spec error, never a crash."""

import ast
import copy
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from scaffolder import formatting
from scaffolder.generate import generate_files
from scaffolder.spec import SpecErrors

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "specs" / "binance.yaml").read_text())

NASTY = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\n",
    "\r\n",
    "\t",
    "{{ c.name }}",
    "{% if %}",
    "{# #}",
    "}}",
    "{%",
    "é",
    "名前",
    "🚀",
    "\u2028",
    "\x00",
    "\x7f",
    "# comment",
    "); import os; (",
    "\\x41",
    "f'{x}'",
    " ",
]

text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), min_size=1, max_size=6).map("".join)

# (where the string goes, how it is placed there): every free-text field that reaches generated code.
TARGETS = [
    (("credentials", 0, "prompt"), "{}"),
    (("orders", "client_order_id", "prefix"), "{}"),
    (("auth", "rest", "timestamp", "param"), "{}"),
    (("auth", "rest", "signature_param"), "{}"),
    (("auth", "private_ws", "method"), "{}"),
    (("orders", "create", "sides", "BUY"), "{}"),
    (("orders", "order_types", "LIMIT", "type"), "{}"),
    (("exchange", "domains", "default"), "{}"),
    (("endpoints", "ping", "path"), "/{}"),
    (("urls", "rest"), "https://api.example.com/{}"),
    (("endpoints", "exchange_info", "example_response", "timezone"), "{}"),
    (("public_ws", "subscribe", "message", "method"), "{}"),
    (("public_ws", "channels", "trade", "route"), "{}"),
    (("user_stream", "order_event", "route"), "{}"),
    (("orders", "states", None), "{}"),  # None: the string becomes a new exchange-state key
    (("auth", "rest", "headers", None), "{}"),  # a new header name
]


# Most files do not change between examples; formatting each distinct text once keeps 500 examples fast.
pytestmark = pytest.mark.usefixtures("memoized_black")


def place(spec: dict, loc: tuple, value: str) -> dict:
    spec = copy.deepcopy(spec)
    container = spec
    for part in loc[:-1]:
        container = container[part]
    if loc[-1] is None:
        container[value] = next(iter(container.values()))
    else:
        container[loc[-1]] = value
    return spec


def string_constants(files: dict) -> set:
    found = set()
    for path, content in files.items():
        if path.endswith(".py"):
            tree = ast.parse(content, filename=path)
            assert formatting.format_source(path, content) == content, path
            found |= {
                node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            }
    return found


# derandomize: CI replays the same 300 examples every run, so a red build is reproducible (HBGEN_INJECTION_EXAMPLES
# runs more: 500 were run at every commit until the spec language doubled, and kept CI under its time budget no
# longer). Random exploration (drop derandomize locally) has run 1,500 further examples; it found one harness bug,
# fixed in the YAML dump.
@settings(
    max_examples=int(os.environ.get("HBGEN_INJECTION_EXAMPLES", "300")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.sampled_from(TARGETS), raw=text)
def test_any_string_is_rendered_as_the_same_value_or_refused(tmp_path_factory, target, raw):
    loc, shape = target
    value = shape.replace("{}", raw)
    spec_path = tmp_path_factory.mktemp("spec") / "spec.yaml"
    # Non-ASCII is written escaped: PyYAML dumps some raw line breaks (U+0085) in a form it reads back as spaces.
    spec_path.write_text(yaml.safe_dump(place(SPEC, loc, value)), encoding="utf-8")
    try:
        files = generate_files(spec_path)
    except SpecErrors as errors:
        assert errors.errors, "a refusal names at least one problem"
        event(f"refused: {'.'.join(str(part) for part in loc if part is not None)}")
        return
    event("rendered")
    assert value in string_constants(files)
