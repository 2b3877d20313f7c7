"""The malformed-spec corpus: every file in tests/corpus/ must be rejected, at the line a human would point at.

Each corpus file starts with `# expect: LINE: FRAGMENT` (FRAGMENT optional): both `hbgen validate` and
`hbgen generate` must exit 2 without a traceback, print a `FILE:LINE:COL: ...` line containing FRAGMENT (a field
path such as `exchange.centralised`), and write nothing. A second comment line says what is broken.

Cases the validator does not handle yet are kept with their right expectation and marked xfail(strict=True) in
GAPS below, with the reason; fixing the validator turns them into XPASS failures, so remove the entry then.
"""

import re
import traceback
from pathlib import Path
from typing import Optional, Tuple

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app

CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECT = re.compile(r"^# expect: (\d+)(?:: (.+))?$")
MINIMUM_CASES = 100

# Files that cannot carry the expectation comment: an empty file must stay empty.
WITHOUT_HEADER = {"empty_file.yaml": (1, None)}


GAPS = {}


def expectation(path: Path) -> Tuple[int, Optional[str]]:
    if path.name in WITHOUT_HEADER:
        return WITHOUT_HEADER[path.name]
    # Only the header is decoded: a case may hold bytes that are not UTF-8 further down (not_utf8.yaml).
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", errors="replace")
    match = EXPECT.match(first_line)
    if not match:
        raise AssertionError(f"{path.name}: first line must be '# expect: LINE: FRAGMENT', found {first_line!r}")
    return int(match.group(1)), match.group(2)


CASES = sorted(CORPUS.glob("*.yaml"))


def _param(path: Path):
    marks = [pytest.mark.xfail(strict=True, reason=GAPS[path.name])] if path.name in GAPS else []
    return pytest.param(path, id=path.stem, marks=marks)


def _run(arguments):
    result = CliRunner().invoke(app, [str(argument) for argument in arguments])
    unexpected = result.exception if not isinstance(result.exception, SystemExit) else None
    details = "".join(traceback.format_exception(unexpected)) if unexpected else ""
    return result, unexpected, details


def _assert_rejected(spec: Path, result, unexpected, details: str) -> None:
    line, fragment = expectation(spec)
    output = result.output
    assert unexpected is None, f"the CLI raised instead of reporting:\n{details}"
    assert "Traceback" not in output, output
    assert result.exit_code == 2, f"exit code {result.exit_code}, expected 2:\n{output}"
    prefix = f"{spec}:{line}:"
    reported = [text for text in output.splitlines() if text.startswith(prefix)]
    assert reported, f"nothing reported at line {line}:\n{output}"
    if fragment:
        assert any(fragment in text for text in reported), f"no report at line {line} mentions {fragment!r}:\n{output}"


@pytest.mark.parametrize("spec", [_param(path) for path in CASES])
def test_validate_rejects_at_the_expected_line(spec: Path):
    _assert_rejected(spec, *_run(["validate", spec]))


@pytest.mark.parametrize("spec", [_param(path) for path in CASES])
def test_generate_rejects_and_writes_nothing(spec: Path, tmp_path: Path):
    out = tmp_path / "out"
    result, unexpected, details = _run(["generate", spec, "--out", out])
    written = sorted(str(path.relative_to(out)) for path in out.rglob("*")) if out.exists() else []
    _assert_rejected(spec, result, unexpected, details)
    assert written == [], f"generate wrote files for a rejected spec: {written[:5]}"


def test_corpus_has_enough_cases():
    assert len(CASES) >= MINIMUM_CASES, f"only {len(CASES)} corpus files"


def test_every_case_states_its_expectation():
    for path in CASES:
        expectation(path)  # raises with the file name when the header is missing or malformed


def test_every_known_gap_names_a_corpus_file():
    names = {path.name for path in CASES}
    assert sorted(set(GAPS) - names) == []
    assert sorted(set(WITHOUT_HEADER) - names) == []
