"""The `hbgen` command line: new, validate, generate, test, check, schema, checklist.

Errors in a spec are printed as FILE:LINE:COL: field: message, exit code 2, without a traceback.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
from pathlib import Path
from typing import List, Optional

import typer

from scaffolder.manifest import MANIFEST_PATH, inputs_digest, is_up_to_date, render_manifest
from scaffolder.spec.errors import SpecErrors
from scaffolder.writer import read_tree, write_atomic, write_tree

# The spec model, Jinja and black are imported inside the commands that need them: a no-op `generate`
# answers from the manifest without loading them.

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help=__doc__.splitlines()[0]
)

SPECS_DIR = Path("specs")
GENERATED_DIR = Path("generated")


def _fail(message: str, code: int) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _report_spec_errors(errors: SpecErrors) -> None:
    for error in errors.errors:
        typer.echo(str(error), err=True)
    count = len(errors.errors)
    _fail(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", 2)


@app.command()
def new(name: str = typer.Argument(..., help="Connector name: a lowercase identifier such as my_exchange.")):
    """Write specs/NAME.yaml, a commented starter spec that generates a working connector as written."""
    from scaffolder.starter import write_starter_spec

    try:
        path = write_starter_spec(name, SPECS_DIR)
    except ValueError as error:
        _fail(f"error: {error}", 2)
    typer.echo(f"wrote {path}")
    typer.echo(f"next: edit the TODO markers, then run: hbgen generate {path}")


@app.command()
def validate(spec: Path = typer.Argument(..., help="Path to the spec YAML.")):
    """Check a spec and report every problem at once."""
    from scaffolder.spec import load_spec

    try:
        load_spec(spec)
    except SpecErrors as errors:
        _report_spec_errors(errors)
    typer.echo(f"{spec}: ok")


@app.command()
def generate(
    spec: Path = typer.Argument(..., help="Path to the spec YAML."),
    out: Path = typer.Option(GENERATED_DIR, "--out", help="Output folder; the connector goes to OUT/NAME/."),
    workers: int = typer.Option(2, "--workers", help="Processes used to format the output with black."),
):
    """Render the connector and its test suite from SPEC into OUT/NAME/."""
    name = _declared_name(spec)
    digest = inputs_digest(spec) if name else None
    if name and is_up_to_date(out / name, digest):
        typer.echo(f"{out / name}: up to date")
        return
    from scaffolder.formatting import FormattingError
    from scaffolder.generate import generate_files
    from scaffolder.spec import load_spec

    try:
        name = load_spec(spec).exchange.name
        files = generate_files(spec, workers=workers)
    except SpecErrors as errors:
        _report_spec_errors(errors)
    except FormattingError as error:
        _fail(f"internal error (please report): {error}", 3)
    root = out / name
    written = write_tree(root, files)
    write_atomic(root / MANIFEST_PATH, render_manifest(inputs_digest(spec), files))
    for relative in written:
        typer.echo(f"wrote {root / relative}")
    typer.echo(f"{root}: {len(files)} files, {len(written)} changed")


def _declared_name(spec: Path) -> Optional[str]:
    """exchange.name read cheaply (libyaml, no validation) to find the manifest; None when unreadable."""
    import yaml

    try:
        data = yaml.load(spec.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        name = data["exchange"]["name"]
    except Exception:  # any problem is reported by the full validation that follows
        return None
    return name if isinstance(name, str) and name.isidentifier() else None


@app.command("test")
def test_command(
    name: str = typer.Argument(..., help="Connector name (its suite is generated/NAME/test)."),
    out: Path = typer.Option(GENERATED_DIR, "--out", help="Folder holding generated connectors."),
    pytest_args: Optional[List[str]] = typer.Argument(None, help="Extra arguments passed to pytest (after --)."),
):
    """Run a generated suite against the installed Hummingbot; exits with pytest's code."""
    from scaffolder.testing.runner import run_suite

    root = out / name
    if not (root / "test").is_dir():
        _fail(f"error: no generated suite at {root / 'test'}; run hbgen generate first", 2)
    raise typer.Exit(run_suite(root, pytest_args or []))


@app.command()
def check(
    specs: Path = typer.Option(SPECS_DIR, "--specs", help="Folder of specs."),
    out: Path = typer.Option(GENERATED_DIR, "--out", help="Folder of generated connectors."),
    run_tests: bool = typer.Option(True, "--run-tests/--no-run-tests", help="Also run every generated suite."),
):
    """CI gate: generated/ must match a fresh render of every spec, and every generated suite must pass."""
    from scaffolder.generate import generate_files
    from scaffolder.spec import load_spec
    from scaffolder.testing.runner import run_suite

    spec_paths = sorted(specs.glob("*.yaml"))
    if not spec_paths:
        _fail(f"error: no specs in {specs}", 2)
    stale = False
    names = []
    with tempfile.TemporaryDirectory() as scratch:
        for spec in spec_paths:
            try:
                name = load_spec(spec).exchange.name
                files = generate_files(spec, workers=2)
            except SpecErrors as errors:
                _report_spec_errors(errors)
            names.append(name)
            write_tree(Path(scratch) / name, files)
            expected, actual = files, read_tree(out / name)
            differences = _diff_summary(expected, actual)
            if differences:
                stale = True
                typer.echo(f"{out / name}: out of date with {spec}:", err=True)
                for line in differences:
                    typer.echo(f"  {line}", err=True)
            else:
                typer.echo(f"{out / name}: up to date with {spec}")
    if stale:
        _fail("generated/ is stale: run hbgen generate for each spec above and commit the result.", 1)
    if run_tests:
        failed = [name for name in names if run_suite(out / name) != 0]
        if failed:
            _fail(f"generated suites failed: {', '.join(failed)}", 1)


def _diff_summary(expected: dict, actual: dict) -> List[str]:
    lines = []
    for path in sorted(set(expected) | set(actual)):
        if path not in actual:
            lines.append(f"missing: {path}")
        elif path not in expected:
            lines.append(f"not generated by hbgen: {path}")
        elif expected[path] != actual[path]:
            diff = list(difflib.unified_diff(actual[path].splitlines(), expected[path].splitlines(), lineterm="", n=0))
            changed = sum(1 for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))
            lines.append(f"differs: {path} ({changed} lines)")
    return lines


@app.command()
def schema():
    """Print the JSON Schema of the spec language (editors use it to autocomplete and flag errors)."""
    from scaffolder.schema import spec_schema_text

    typer.echo(spec_schema_text(), nl=False)


@app.command()
def checklist(spec: Path = typer.Argument(..., help="Path to the spec YAML.")):
    """Print Hummingbot's Spot Connector v2.1 API checklist for SPEC; exit 1 if a required row is missing."""
    from scaffolder import checklist as api_checklist
    from scaffolder.spec import load_spec

    try:
        parsed = load_spec(spec, cross_checks=False)
    except SpecErrors as errors:
        _report_spec_errors(errors)
    results = api_checklist.evaluate(parsed)
    typer.echo(api_checklist.render(results))
    missing = api_checklist.missing_required(results)
    if missing:
        _fail(f"missing required rows: {', '.join(result.row.title for result in missing)}", 1)


def main() -> None:
    """Console entry: hbgen's own failures are reported in one line (exit 3); `--debug` shows the traceback."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except Exception as error:  # noqa: BLE001 - the last line of defence against a traceback for users
        if debug:
            raise
        typer.echo(f"hbgen: internal error: {type(error).__name__}: {error} (run with --debug for details)", err=True)
        raise SystemExit(3) from None
