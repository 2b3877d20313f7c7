"""The `hbgen` command line: new, validate, generate, diff, test, check, sandbox, market-test, schema, checklist.

Errors in a spec are printed as FILE:LINE:COL: field: message, exit code 2, without a traceback.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import typer

from scaffolder.manifest import MANIFEST_PATH, STATE_DIR, Manifest, current_inputs, edited_files, load_manifest
from scaffolder.regenerate import Labels, Plan, apply_plan, check_tree, has_conflict_markers, plan_regeneration
from scaffolder.spec.errors import SpecErrors, printable
from scaffolder.spec.source import display_name, read_spec_bytes
from scaffolder.writer import TreeError, confined, locked, write_atomic

# The spec model, Jinja and black are imported inside the commands that need them: a no-op `generate`
# answers from the manifest without loading them.

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help=__doc__.splitlines()[0],
    context_settings={"help_option_names": ["-h", "--help"]},
)

SPECS_DIR = Path("specs")
SPEC_HELP = "Path to the spec YAML; - reads it from standard input."
GENERATED_DIR = Path("generated")
HUMMINGBOT_HELP = (
    "A Hummingbot source checkout: the connector goes to DIR/hummingbot/connector/exchange/NAME/, its tests to "
    "DIR/test/hummingbot/connector/exchange/NAME/, hbgen's manifest and merge bases to DIR/.hbgen/NAME/."
)


@dataclass(frozen=True)
class Target:
    """Where one connector's files go: `root` holds its `hummingbot/` and `test/` trees; hbgen's manifest and merge
    bases are in `root/state`; files added by hand are looked for in `folders` (relative to root)."""

    root: Path
    state: str
    folders: Tuple[str, ...]
    label: str

    @staticmethod
    def of(name: str, out: Path, hummingbot: Optional[Path]) -> "Target":
        """OUT/NAME/ (generated/ by default), self-contained; or NAME's folders inside a Hummingbot checkout, which
        holds every other connector too: there hbgen's state goes to .hbgen/NAME/, outside Hummingbot's packages."""
        if hummingbot is None:
            return Target(out / name, STATE_DIR, ("",), str(out / name))
        exchange = Path("hummingbot", "connector", "exchange")
        if not (hummingbot / exchange).is_dir() or not (hummingbot / "hummingbot" / "__init__.py").is_file():
            _fail(f"error: {hummingbot} is not a Hummingbot source checkout (no {exchange.as_posix()}/ in it)", 2)
        folders = ((exchange / name).as_posix(), (Path("test") / exchange / name).as_posix())
        return Target(hummingbot, f"{STATE_DIR}/{name}", folders, f"{name} in {hummingbot}")


def _fail(message: str, code: int) -> None:
    typer.echo(printable(message), err=True)
    raise typer.Exit(code)


def _report_spec_errors(errors: SpecErrors) -> None:
    for error in errors.errors:
        typer.echo(str(error), err=True)
    count = len(errors.errors)
    _fail(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.", 2)


def _print_version(value: bool) -> None:
    if value:
        from scaffolder import __version__

        typer.echo(f"hbgen {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print hbgen's version and exit."
    ),
) -> None:
    """Generate Hummingbot spot exchange connectors and their test suites from a YAML spec."""


# The interpreter that runs generated suites (scaffolder.testing.runner.suite_python).
PYTHON_OPTION = typer.Option(
    None,
    "--python",
    envvar="HBGEN_PYTHON",
    help="Python interpreter where Hummingbot (and pytest) are installed; default: hbgen's own.",
)


def _run_suite(root: Path, pytest_args: List[str], python: Optional[str], name: Optional[str] = None) -> int:
    from scaffolder.testing.runner import SuiteEnvironmentError, run_suite

    try:
        return run_suite(root, pytest_args, python, name)
    except SuiteEnvironmentError as error:
        _fail(f"error: {error}", 2)


@app.command()
def new(
    name: str = typer.Argument(..., help="Connector name: a lowercase identifier such as my_exchange."),
    defaults: bool = typer.Option(
        False, "--defaults", help="Ask nothing: take each answer from --data, else the question's default."
    ),
    data: Optional[List[str]] = typer.Option(
        None, "--data", "-d", metavar="KEY=VALUE", help="Answer a question (repeatable); the spec lists the keys."
    ),
):
    """Write specs/NAME.yaml, a starter spec shaped by a few questions (display name, URLs, auth recipe, private
    stream scheme, symbol format) that generates a working connector as written."""
    from scaffolder.starter import parse_data, write_starter_spec

    if not defaults and not sys.stdin.isatty():
        _fail(
            "error: hbgen new asks its questions in a terminal; without one, pass --defaults (and --data KEY=VALUE)", 2
        )
    try:
        path = write_starter_spec(name, SPECS_DIR, parse_data(data or []), defaults)
    except ValueError as error:
        _fail(f"error: {error}", 2)
    except KeyboardInterrupt:
        _fail("hbgen new: interrupted; nothing was written", 130)
    typer.echo(f"wrote {path}")
    typer.echo(f"next: edit the TODO markers, then run: hbgen generate {path}")


@app.command()
def validate(specs: List[Path] = typer.Argument(..., help=SPEC_HELP + " Several are checked in turn.")):
    """Check specs and report every problem at once (exit 2 if any spec has one)."""
    from scaffolder.spec import load_spec

    problems = []
    for spec in specs:
        try:
            load_spec(spec)
        except SpecErrors as errors:
            problems.extend(errors.errors)
        else:
            typer.echo(f"{display_name(spec)}: ok")
    if problems:
        _report_spec_errors(SpecErrors(problems))


@app.command()
def generate(
    spec: Path = typer.Argument(..., help=SPEC_HELP),
    out: Path = typer.Option(GENERATED_DIR, "--out", help="Output folder; the connector goes to OUT/NAME/."),
    hummingbot: Optional[Path] = typer.Option(None, "--hummingbot", metavar="DIR", help=HUMMINGBOT_HELP),
    workers: int = typer.Option(2, "--workers", help="Processes used to format the output with isort and black."),
    force: bool = typer.Option(
        False, "--force", help="Replace every file hbgen owns by the new render: hand edits lost."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change, as a diff; write nothing."),
):
    """Render the connector and its test suite from SPEC into OUT/NAME/ (or a Hummingbot checkout), merging in
    hand edits.

    Exit code 1 when a hand edit collides with the new render: the file gets conflict markers and is listed.
    """
    raise typer.Exit(_generate(spec, out, hummingbot, workers, force, dry_run))


@app.command()
def diff(
    spec: Path = typer.Argument(..., help=SPEC_HELP),
    out: Path = typer.Option(GENERATED_DIR, "--out", help="Output folder; the connector goes to OUT/NAME/."),
    hummingbot: Optional[Path] = typer.Option(None, "--hummingbot", metavar="DIR", help=HUMMINGBOT_HELP),
    workers: int = typer.Option(2, "--workers", help="Processes used to format the output with isort and black."),
    force: bool = typer.Option(False, "--force", help="Show what generate --force would do."),
):
    """Show what `hbgen generate SPEC` would change, as a diff, without writing (same as generate --dry-run)."""
    raise typer.Exit(_generate(spec, out, hummingbot, workers, force, dry_run=True))


# What generate prints for each kind of change (see scaffolder.regenerate.Change; "unchanged" is silent), and with
# --dry-run.
VERBS = {
    "created": ("wrote", "would write"),
    "updated": ("wrote", "would write"),
    "overwritten": ("wrote", "would write"),
    "merged": ("merged", "would merge"),
    "deleted": ("deleted", "would delete"),
    "kept": ("kept", "would keep"),
    "kept-deleted": ("kept deleted", "would keep deleted"),
    "abandoned": ("kept", "would keep"),
    "conflict": ("conflict in", "conflict in"),
    "restored": ("conflict in", "conflict in"),
    "blocked": ("conflict in", "conflict in"),
}


def _generate(spec: Path, out: Path, hummingbot: Optional[Path], workers: int, force: bool, dry_run: bool) -> int:
    if hummingbot is None and out.exists() and not out.is_dir():
        _fail(f"error: --out {out} is a file, not a folder; nothing was written", 2)
    try:
        return _generate_into(spec, out, hummingbot, workers, force, dry_run)
    except TreeError as error:
        _fail(f"error: {error}", 2)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _fail(f"error: {where}{error.strerror or error}; files already written are complete, run again to finish", 2)
    return 2


def _generate_into(
    spec: Path, out: Path, hummingbot: Optional[Path], workers: int, force: bool, dry_run: bool
) -> int:
    name = _declared_name(spec)
    if name and not force:
        target = Target.of(name, out, hummingbot)
        manifest = load_manifest(target.root, target.state)
        if manifest and manifest.is_current(current_inputs(spec)):
            return _report_up_to_date(target, manifest)
    from scaffolder.formatting import FormattingError
    from scaffolder.generate import generate

    try:
        # generate() starts the formatting workers before it imports the spec model (pydantic builds its classes
        # meanwhile, on the other core), so the file-name check is imported after it.
        generated = generate(spec, workers=workers)
        from scaffolder.spec.filename import check_file_name

        check_file_name(spec, generated.name)
    except SpecErrors as errors:
        _report_spec_errors(errors)
    except FormattingError as error:
        _fail(f"internal error (please report): {error}", 3)
    target = Target.of(generated.name, out, hummingbot)
    with contextlib.nullcontext() if dry_run else locked(target.root):
        labels = Labels(theirs=f"generated from {display_name(spec)}")
        inputs = current_inputs(spec, generated.formatter_versions)
        plan = plan_regeneration(target.root, generated.files, inputs, force, labels, target.state)
        if dry_run:
            typer.echo(plan.diff(), nl=False)
        else:
            apply_plan(plan)
        code = _report_plan(plan, target.label, dry_run)
        _create_seeds(target.root, generated.seeds, dry_run)
    return code


def _create_seeds(root: Path, seeds: Dict[str, str], dry_run: bool) -> None:
    """Create the hand-written extension files the spec asks for, once: an existing one is never touched."""
    for path, text in sorted(seeds.items()):
        if (root / path).exists():
            continue
        if not dry_run:
            write_atomic(confined(root, path), text)
        verb = "would create" if dry_run else "created"
        typer.echo(f"{verb} {root / path}: hand-written extensions, yours to edit (hbgen never rewrites it)")


def _report_up_to_date(target: Target, manifest: Manifest) -> int:
    """The no-op answer: the inputs are those of the last generation, so a render would reproduce what hbgen
    last wrote, and every hand edit stays as it is."""
    root = target.root
    typer.echo(f"{target.label}: up to date")
    edits = edited_files(root, manifest)
    for path, text in edits.items():
        typer.echo(f"kept {root / path}: {'deleted' if text is None else 'edited'} by hand")
    return _report_unresolved(root, [path for path, text in edits.items() if text and has_conflict_markers(text)])


def _report_plan(plan: Plan, label: str, dry_run: bool) -> int:
    root = plan.root
    for change in plan.changes:
        if change.kind in VERBS:
            verb = VERBS["deleted" if change.after is None and change.writes else change.kind][dry_run]
            typer.echo(f"{verb} {root / change.path}" + (f": {change.reason}" if change.reason else ""))
    changed = sum(change.writes for change in plan.changes)
    outcome = "would change (dry run: nothing written)" if dry_run else "changed"
    typer.echo(f"{label}: {len(plan.render)} files, {changed} {outcome}")
    if plan.conflicts:
        typer.echo(f"{len(plan.conflicts)} conflict{'s' if len(plan.conflicts) != 1 else ''}:", err=True)
        for change in plan.conflicts:
            typer.echo(f"  {root / change.path}: {change.reason}", err=True)
        typer.echo("Resolve each (edit out the markers, or move the file in the way), then run hbgen check.", err=True)
    return max(int(bool(plan.conflicts)), _report_unresolved(root, plan.unresolved))


def _report_unresolved(root: Path, paths: List[str]) -> int:
    for path in paths:
        typer.echo(f"unresolved conflict markers in {root / path}: resolve them, then run hbgen check", err=True)
    return 1 if paths else 0


def _declared_name(spec: Path) -> Optional[str]:
    """exchange.name read cheaply (libyaml, no validation) to find the manifest; None when unreadable."""
    import yaml

    try:
        text = read_spec_bytes(spec).decode("utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        name = data["exchange"]["name"]
    except Exception:  # any problem is reported by the full validation that follows
        return None
    return name if isinstance(name, str) and name.isidentifier() else None


@app.command(
    "test", context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "allow_interspersed_args": True}
)
def test_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Connector name (its suite is generated/NAME/test)."),
    out: Path = typer.Option(GENERATED_DIR, "--out", help="Folder holding generated connectors."),
    hummingbot: Optional[Path] = typer.Option(
        None, "--hummingbot", metavar="DIR", help="Run the suite generated into this Hummingbot checkout."
    ),
    python: Optional[str] = PYTHON_OPTION,
    upstream: Optional[Path] = typer.Option(
        None,
        "--upstream",
        help="Instead, run Hummingbot's own suite DIR/test/hummingbot/connector/exchange/NAME (a Hummingbot "
        "checkout) against the generated connector; reports passed, failed and not collected.",
    ),
):
    """Run a generated suite against Hummingbot; exits with pytest's code.

    Other arguments go to pytest as they are (hbgen test binance -k test_auth -x); after -- even those hbgen
    would take itself.
    """
    from scaffolder.testing.runner import suite_dir

    if upstream is not None:
        _run_upstream(name, out / name, upstream, python)
    target = Target.of(name, out, hummingbot)
    if not suite_dir(target.root, name).is_dir():
        _fail(f"error: no generated suite at {suite_dir(target.root, name)}; run hbgen generate first", 2)
    raise typer.Exit(_run_suite(target.root, ctx.args, python, name))


def _run_upstream(name: str, root: Path, upstream: Path, python: Optional[str]) -> None:
    """`hbgen test NAME --upstream DIR`: exit 0 when every upstream test collected and passed."""
    from scaffolder.testing.runner import SuiteEnvironmentError
    from scaffolder.testing.upstream import UpstreamSuiteMissing, run_upstream_suite

    if not (root / "hummingbot" / "connector" / "exchange" / name).is_dir():
        _fail(f"error: no generated connector at {root}; run hbgen generate first", 2)
    try:
        result = run_upstream_suite(name, upstream, connector_root=root, python=python)
    except (UpstreamSuiteMissing, SuiteEnvironmentError) as error:
        _fail(f"error: {error}", 2)
    for path in result.not_collected:
        print(f"not collected: {path}")
    print(result.summary(name))
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def check(
    specs: Path = typer.Option(SPECS_DIR, "--specs", help="Folder of specs."),
    out: Path = typer.Option(GENERATED_DIR, "--out", help="Folder of generated connectors."),
    hummingbot: Optional[Path] = typer.Option(
        None, "--hummingbot", metavar="DIR", help="Check the connectors generated into this Hummingbot checkout."
    ),
    run_tests: bool = typer.Option(True, "--run-tests/--no-run-tests", help="Also run every generated suite."),
    strict: bool = typer.Option(False, "--strict", help="Also fail on files edited, deleted or added by hand."),
    python: Optional[str] = PYTHON_OPTION,
):
    """CI gate: generated/ (or the Hummingbot checkout) must be what hbgen generates from the current specs and
    templates (else it is stale), and every generated suite must pass: unit tests, and (for generated/) market tests
    against the loopback exchange. Hand edits are reported, and fail only with --strict."""
    from scaffolder.generate import generate
    from scaffolder.spec import load_spec
    from scaffolder.spec.filename import check_file_name

    spec_paths = sorted(specs.glob("*.yaml"))
    if not spec_paths:
        _fail(f"error: no specs in {specs}", 2)
    stale = edited = unresolved = False
    names = []
    for spec in spec_paths:
        try:
            generated = generate(spec, workers=2)
            check_file_name(spec, generated.name)
        except SpecErrors as errors:
            _report_spec_errors(errors)
        names.append(generated.name)
        target = Target.of(generated.name, out, hummingbot)
        result = check_tree(
            target.root,
            generated.files,
            current_inputs(spec),
            seeds=list(generated.seeds),
            state=target.state,
            folders=target.folders,
        )
        if result.stale:
            stale = True
            typer.echo(f"{target.label}: stale, not what hbgen generates from {spec} now:", err=True)
            for line in result.stale:
                typer.echo(f"  {line}", err=True)
        else:
            typer.echo(f"{target.label}: up to date with {spec}")
        if result.hand_edits:
            edited = True
            typer.echo(f"{target.label}: changed by hand since the last generation (hbgen generate keeps these):")
            for line in result.hand_edits:
                typer.echo(f"  {line}")
        unresolved = _report_unresolved(target.root, result.unresolved) or unresolved
    for orphan in _folders_without_spec(out, names, hummingbot):
        stale = True
        message = f"{orphan}: generated by hbgen, but no spec in {specs} generates it: restore its spec, or delete it"
        typer.echo(message, err=True)
    where = hummingbot or f"{out}/"
    if stale:
        _fail(f"{where} is stale: run hbgen generate for each spec above and commit the result.", 1)
    if unresolved:
        _fail(f"{where} holds unresolved conflicts.", 1)
    if strict and edited:
        _fail(f"{where} was changed by hand (--strict).", 1)
    if run_tests:
        failed = [name for name in names if _run_suite(Target.of(name, out, hummingbot).root, [], python, name) != 0]
        if not hummingbot:
            from scaffolder.sandbox.market_test import run_against_sandbox
            from scaffolder.testing.runner import SuiteEnvironmentError

            # The integration tests of each connector, against the loopback exchange built from its spec.
            try:
                failed += [
                    f"{name} (market tests)"
                    for name, spec in zip(names, spec_paths)
                    if run_against_sandbox(load_spec(spec), out / name, python=python) != 0
                ]
            except SuiteEnvironmentError as error:
                _fail(f"error: {error}", 2)
        if failed:
            _fail(f"generated suites failed: {', '.join(failed)}", 1)


def _folders_without_spec(out: Path, names: List[str], hummingbot: Optional[Path]) -> List[str]:
    """What hbgen generated (its manifest says so) that none of the current specs generates: folders of `out`, or in
    a Hummingbot checkout the connectors whose state is in DIR/.hbgen/NAME/, with what to delete."""
    if hummingbot is None:
        found = sorted(path.parent.parent for path in out.glob(f"*/{MANIFEST_PATH}"))
        return [f"{folder}" for folder in found if folder.name not in names]
    orphans = []
    for manifest in sorted(hummingbot.glob(f"{STATE_DIR}/*/manifest.json")):
        name = manifest.parent.name
        if name not in names:
            folders = [*Target.of(name, out, hummingbot).folders, f"{STATE_DIR}/{name}"]
            orphans.append(f"{name} in {hummingbot} ({', '.join(folders)})")
    return orphans


@app.command()
def sandbox(
    spec: Path = typer.Argument(..., help="Path to the spec YAML."),
    port: int = typer.Option(8765, "--port", help="Port on 127.0.0.1 (0: any free port)."),
):
    """Serve a loopback exchange built from SPEC: its REST endpoints and websocket streams, signatures and rate
    limits checked, orders matched. Point a generated connector at it with NAME_API_HOST=127.0.0.1:PORT."""
    import asyncio

    from scaffolder.sandbox import serve
    from scaffolder.spec import load_spec

    try:
        parsed = load_spec(spec)
    except SpecErrors as errors:
        _report_spec_errors(errors)
    try:
        asyncio.run(serve(parsed, port))
    except KeyboardInterrupt:
        pass
    except OSError as error:
        _fail(f"error: cannot serve on 127.0.0.1:{port}: {error.strerror or error}", 2)


@app.command("market-test")
def market_test(
    name: str = typer.Argument(..., help="Connector name (its integration tests are generated/NAME/test/integration)."),
    out: Path = typer.Option(GENERATED_DIR, "--out", help="Folder holding generated connectors."),
    spec: Optional[Path] = typer.Option(
        None, "--spec", help="The spec the loopback exchange is built from (default: specs/NAME.yaml)."
    ),
    live: bool = typer.Option(False, "--live", help="Against the real exchange with the keys in the environment."),
    python: Optional[str] = PYTHON_OPTION,
    pytest_args: Optional[List[str]] = typer.Argument(None, help="Extra arguments passed to pytest (after --)."),
):
    """Run the order book tracker, user stream tracker and market tests of a generated connector against the
    loopback exchange (or, with --live, the real one: real orders, smallest sizes); exits with pytest's code."""
    from scaffolder.sandbox import market_test as runner
    from scaffolder.spec import load_spec

    root = runner.connector_root_for(out, name)
    if root is None:
        _fail(f"error: no integration tests at {out / name / 'test' / 'integration'}; run hbgen generate first", 2)
    spec_path = spec or SPECS_DIR / f"{name}.yaml"
    try:
        parsed = load_spec(spec_path)
    except SpecErrors as errors:
        _report_spec_errors(errors)
    from scaffolder.testing.runner import SuiteEnvironmentError

    try:
        if live:
            echo = lambda text: typer.echo(text, err=True)  # noqa: E731
            raise typer.Exit(runner.run_live(parsed, root, pytest_args or [], echo=echo, python=python))
        raise typer.Exit(runner.run_against_sandbox(parsed, root, pytest_args or [], python=python))
    except SuiteEnvironmentError as error:
        _fail(f"error: {error}", 2)


@app.command()
def schema():
    """Print the JSON Schema of the spec language (editors use it to autocomplete and flag errors)."""
    from scaffolder.schema import spec_schema_text

    typer.echo(spec_schema_text(), nl=False)


@app.command()
def checklist(spec: Path = typer.Argument(..., help=SPEC_HELP)):
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
