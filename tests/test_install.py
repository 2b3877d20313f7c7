"""hbgen as a connector author installs and runs it: every package in the wheel, the CLI's conveniences, and
generated suites run under another interpreter (one with Hummingbot, without hbgen)."""

import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import hummingbot
import pytest
from typer.testing import CliRunner

from scaffolder import __version__
from scaffolder.cli import app
from scaffolder.testing.runner import run_suite
from tests.test_runner import PASSING_TESTS, make_connector

BARE = "has no hummingbot"


def invoke(*args: str, env=None):
    return CliRunner().invoke(app, list(args), env=env)


def test_every_package_ships_in_the_wheel(repo_root):
    """pyproject lists the packages (templates/ is mapped into the wheel): a new one left out would be missing."""
    setuptools = tomllib.loads((repo_root / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {
        ".".join(path.parent.relative_to(repo_root).parts)
        for path in (repo_root / "scaffolder").rglob("__init__.py")
        if "support" not in path.parts
    }
    assert on_disk | {"scaffolder.templates"} == set(setuptools["packages"])
    assert setuptools["package-dir"] == {"scaffolder.templates": "templates"}


def make_python(folder: Path, site_dirs=()) -> str:
    """A fresh interpreter that sees only `site_dirs` (through a .pth) besides the standard library."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True
    ).stdout.strip()
    Path(site, "extra.pth").write_text("".join(f"{path}\n" for path in site_dirs))
    return str(python)


@pytest.fixture
def hummingbot_without_hbgen(tmp_path, monkeypatch) -> str:
    """An interpreter with the test environment's packages (Hummingbot, pytest) but not hbgen."""
    python = make_python(tmp_path / "hb", [Path(hummingbot.__file__).resolve().parent.parent])
    monkeypatch.chdir(tmp_path)  # not the repository, whose scaffolder/ would be importable from the cwd
    monkeypatch.delenv("PYTHONPATH", raising=False)  # nor a checkout a developer's PYTHONPATH names
    probe = subprocess.run([python, "-c", "import hummingbot, pytest; import scaffolder"], capture_output=True)
    assert b"No module named 'scaffolder'" in probe.stderr
    return python


def test_a_suite_runs_under_an_interpreter_without_hbgen(tmp_path, hummingbot_without_hbgen):
    connector = make_connector(tmp_path / "binance", PASSING_TESTS)
    assert run_suite(connector, ["-q", "-p", "no:warnings"], python=hummingbot_without_hbgen) == 0


def one_line_error(result) -> str:
    assert result.exit_code == 2
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1, result.output
    return result.output


def test_an_interpreter_without_hummingbot_is_one_line_saying_how_to_point_at_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_connector(tmp_path / "generated" / "binance", PASSING_TESTS)
    bare = make_python(tmp_path / "bare")
    for result in (
        invoke("test", "binance", "--python", bare),
        invoke("test", "binance", env={"HBGEN_PYTHON": bare}),
    ):
        output = one_line_error(result)
        assert f"{bare} has no hummingbot, pytest, aioresponses" in output
        assert "--python PATH" in output and "HBGEN_PYTHON=PATH" in output
    output = one_line_error(invoke("test", "binance", "--python", str(tmp_path / "nowhere" / "python")))
    assert "cannot run" in output and "--python PATH" in output


def test_an_interpreter_with_hummingbot_but_no_pytest_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_connector(tmp_path / "generated" / "binance", PASSING_TESTS)
    only_hummingbot = tmp_path / "site"
    only_hummingbot.mkdir()
    (only_hummingbot / "hummingbot").symlink_to(Path(hummingbot.__file__).resolve().parent)
    python = make_python(tmp_path / "hb", [only_hummingbot])
    output = one_line_error(invoke("test", "binance", "--python", python))
    assert (
        f"has Hummingbot but no pytest, aioresponses: install with {python} -m pip install pytest aioresponses"
        in output
    )


def test_pytest_arguments_pass_through_without_a_double_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_connector(tmp_path / "generated" / "binance", PASSING_TESTS)
    calls = []
    monkeypatch.setattr("scaffolder.testing.runner.run_suite", lambda root, args, python, name=None: calls.append(args) or 0)
    assert invoke("test", "binance", "-k", "test_auth", "-x").exit_code == 0
    assert invoke("test", "binance", "-q", "--out", "generated", "-p", "no:warnings").exit_code == 0
    assert invoke("test", "binance", "--", "--out", "x").exit_code == 0
    assert calls == [["-k", "test_auth", "-x"], ["-q", "-p", "no:warnings"], ["--out", "x"]]


def test_version_short_help_and_completion():
    assert invoke("--version").output == f"hbgen {__version__}\n"
    short, long = invoke("-h"), invoke("--help")
    assert short.exit_code == 0 and short.output == long.output and "generate" in short.output
    assert invoke("test", "-h").exit_code == 0
    completion = subprocess.run(
        [Path(sys.executable).parent / "hbgen", "--show-completion", "bash"], capture_output=True, text=True
    )
    assert completion.returncode == 0 and "complete" in completion.stdout
