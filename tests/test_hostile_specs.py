"""Hostile specs: limits that keep a spec from hanging hbgen or exhausting memory, spec text that cannot drive the
terminal through hbgen's messages, and specs read from standard input.

The positioned refusals themselves (alias bomb and cycle, deep nesting, NUL and escape bytes) are corpus cases
(tests/corpus/hostile_*.yaml, run by tests/test_corpus.py); this file covers what a corpus file cannot.
"""

import os
import resource
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.spec.source import MAX_SPEC_BYTES

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "binance.yaml"
SPEC_TEXT = SPEC.read_text()
CORPUS = ROOT / "tests" / "corpus"
HBGEN = [sys.executable, "-c", "from scaffolder.cli import main; main()"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def invoke(*args, **kwargs):
    return CliRunner().invoke(app, [str(arg) for arg in args], **kwargs)


def limit_memory() -> None:
    """Runs in the child: 1 GiB of address space. A spec expanded in memory fails against it; hbgen's own
    import-and-validate needs a small fraction."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_an_alias_bomb_is_refused_before_it_is_expanded():
    """The bomb expands to 9^9 values. A guard timeout stops the old behaviour (expanding: gigabytes, minutes)
    from hanging the suite; the refusal itself is measured in benchmarks/, not asserted here."""
    bomb = CORPUS / "hostile_alias_bomb.yaml"
    assert len(bomb.read_bytes()) < 600
    result = subprocess.run(
        [*HBGEN, "validate", str(bomb)], env=ENV, capture_output=True, text=True, preexec_fn=limit_memory, timeout=300
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"{bomb}:8:4: (root): with its aliases expanded this holds more than 100,000")


def test_a_spec_larger_than_the_documented_limit_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "big.yaml"
    padding = "# " + "x" * 98 + "\n"
    big.write_text(SPEC_TEXT + padding * (MAX_SPEC_BYTES // len(padding)))
    assert big.stat().st_size > MAX_SPEC_BYTES
    for command in ("validate", "generate"):
        result = invoke(command, big, *(["--out", tmp_path / "out"] if command == "generate" else []))
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"{big}:1:1: (root): the spec is larger than {MAX_SPEC_BYTES:,} bytes")
    assert not (tmp_path / "out").exists()
    reference = (ROOT / "docs" / "spec-reference.md").read_text()
    assert f"{MAX_SPEC_BYTES:,} bytes" in reference  # the limit is documented


# --- spec text in messages ------------------------------------------------------------------------------------------


def test_terminal_escapes_in_spec_text_are_escaped_in_every_message(tmp_path):
    """A key that would recolour the terminal, return the cursor and print a fake `ok` line, and a value that
    would clear the screen; color=True keeps ANSI codes in the output as a terminal would receive them."""
    spec = tmp_path / "evil.yaml"
    fake = '"\\e[2K\\r\\e[32mbinance.yaml: ok\\e[0m\\n"'
    spec.write_text(
        SPEC_TEXT.replace("  centralized: true\n", f"  centralized: true\n  {fake}: 1\n").replace(
            "  display_name: Binance\n", '  display_name: ["\\e[2J\\u202e"]\n'
        )
    )
    for command in ("validate", "generate", "checklist"):
        result = invoke(command, spec, color=True)
        assert result.exit_code == 2, result.output
        assert not any(char in result.output for char in "\x1b\r\u202e"), repr(result.output)
        assert not any(line.startswith("binance.yaml: ok") for line in result.output.splitlines())
        assert "exchange.\\x1b[2K\\r\\x1b[32mbinance.yaml: ok\\x1b[0m\\n: unknown key" in result.output
        assert "exchange.display_name" in result.output


# --- standard input -------------------------------------------------------------------------------------------------


def test_dash_reads_the_spec_from_standard_input(tmp_path):
    assert invoke("validate", "-", input=SPEC_TEXT).output == "<stdin>: ok\n"
    result = invoke("generate", "-", "--out", tmp_path, input=SPEC_TEXT)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "binance" / "hummingbot/connector/exchange/binance/binance_exchange.py").is_file()
    again = invoke("generate", "-", "--out", tmp_path, input=SPEC_TEXT)
    assert again.output == f"{tmp_path / 'binance'}: up to date\n"
    broken = invoke("validate", "-", input=SPEC_TEXT.replace("limit: 6000", "limit: -1"))
    assert broken.exit_code == 2 and broken.output.startswith("<stdin>:")


def test_dev_stdin_is_read_once_not_taken_for_an_empty_spec(tmp_path):
    """Through a pipe, as in `cat spec.yaml | hbgen generate /dev/stdin`: a pipe can be read only once."""
    for command in (["validate", "/dev/stdin"], ["generate", "/dev/stdin", "--out", str(tmp_path)]):
        result = subprocess.run([*HBGEN, *command], env=ENV, input=SPEC_TEXT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "binance" / ".hbgen" / "manifest.json").is_file()
