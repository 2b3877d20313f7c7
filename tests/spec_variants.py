"""Variant specs (a shipped spec with a few lines changed) for options no shipped spec uses: generated into a
temporary folder and run against Hummingbot (generated suite) and the sandbox (market tests)."""

from pathlib import Path
from typing import Sequence

from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.sandbox.market_test import run_against_sandbox
from scaffolder.spec import load_spec
from scaffolder.testing.runner import run_suite

ROOT = Path(__file__).resolve().parent.parent
QUIET = ["-q", "-p", "no:warnings"]


def shipped(name: str) -> str:
    return (ROOT / "specs" / f"{name}.yaml").read_text()


def generate_variant(tmp_path: Path, name: str, text: str) -> Path:
    """Write `text` as specs/NAME.yaml under `tmp_path`, generate it, and return the connector's folder."""
    spec_path = tmp_path / "specs" / f"{name}.yaml"
    spec_path.parent.mkdir(parents=True)
    spec_path.write_text(text)
    result = CliRunner().invoke(app, ["generate", str(spec_path), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    return tmp_path / "generated" / name


def passes_suite_and_market_tests(connector: Path, pytest_args: Sequence[str] = ()) -> bool:
    """The variant's generated suite passes against Hummingbot, and its market tests against its sandbox."""
    spec = load_spec(connector.parent.parent / "specs" / f"{connector.name}.yaml")
    return run_suite(connector, [*QUIET, *pytest_args]) == 0 and run_against_sandbox(spec, connector, QUIET) == 0


def validate(tmp_path: Path, name: str, text: str):
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(text)
    return CliRunner().invoke(app, ["validate", str(spec)])


def assert_refused(tmp_path: Path, name: str, text: str, expected: str) -> None:
    """Validating `text` as specs/NAME.yaml fails with `expected` in the message, at a position in the file."""
    result = validate(tmp_path, name, text)
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert f"{name}.yaml:" in result.output

