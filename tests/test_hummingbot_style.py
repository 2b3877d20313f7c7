"""generated/ passes Hummingbot's own pre-commit checks, run as Hummingbot's CI runs them.

Every generated connector and suite of every spec is put into a Hummingbot source tree (the PyPI sdist, see
hummingbot_source.py), where the checks run with Hummingbot's settings: isort with its pyproject.toml (first-party
`hummingbot` and `test` found in the tree, as in a checkout), flake8 with its .flake8, autopep8 with the arguments
of its pre-commit file (a no-op: nothing to fix), and the pre-commit-hooks scripts trailing-whitespace,
end-of-file-fixer and detect-private-key over every file under generated/. The tool versions are the ones
Hummingbot's pre-commit file pins.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from hummingbot_source import copy_source_tree

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
SETTINGS = Path(__file__).resolve().parent / "hummingbot_settings"
FLAKE8_CONFIG = SETTINGS / "flake8.cfg"
CONNECTORS = sorted(path.name for path in GENERATED.iterdir() if (path / "hummingbot").is_dir())


def _hooks() -> Dict[str, dict]:
    """Hummingbot's pre-commit hooks by id, each with its repository's `rev`."""
    config = yaml.safe_load((SETTINGS / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: {**hook, "rev": repo["rev"]} for repo in config["repos"] for hook in repo["hooks"]}


HOOKS = _hooks()


def _run(args: List[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """A Hummingbot source tree holding every generated connector and its tests."""
    root = copy_source_tree(tmp_path_factory.mktemp("style") / "hummingbot")
    for name in CONNECTORS:
        for top in ("hummingbot", "test"):
            shutil.copytree(GENERATED / name / top, root / top, dirs_exist_ok=True)
    return root


def _files(pattern: str) -> List[str]:
    """Paths relative to a checkout of the generated files matching `pattern`, every connector's."""
    return sorted(
        path.relative_to(GENERATED / name).as_posix()
        for name in CONNECTORS
        for top in ("hummingbot", "test")
        for path in (GENERATED / name / top).rglob(pattern)
    )


def isort_check(root: Path, files: List[str]) -> subprocess.CompletedProcess:
    args = HOOKS["isort"]["args"]
    return _run(["-m", "isort", "--check-only", "--diff", *args, *files], root)


def flake8_check(root: Path, files: List[str]) -> subprocess.CompletedProcess:
    return _run(["-m", "flake8", f"--config={FLAKE8_CONFIG}", *files], root)


def autopep8_changes(root: Path, files: List[str]) -> str:
    """What Hummingbot's autopep8 hook would change in `files`, as a diff (its args, with --diff for --in-place)."""
    args = ["--diff" if arg == "--in-place" else arg for arg in HOOKS["autopep8"]["args"]]
    result = _run(["-m", "autopep8", *args, *files], root)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_tool_versions_are_those_hummingbot_pins():
    assert f"{metadata.version('isort')}" == HOOKS["isort"]["rev"]
    assert f"v{metadata.version('autopep8')}" == HOOKS["autopep8"]["rev"]


def test_every_connector_is_checked():
    assert len(CONNECTORS) == len(list((ROOT / "specs").glob("*.yaml")))
    # per connector: 9 package modules and 7 unit-test modules (with their __init__.py), 3 integration tests, and
    # the documented-examples test for a spec declaring `expect:` blocks
    declaring = [name for name in CONNECTORS if "expect:" in (ROOT / "specs" / f"{name}.yaml").read_text()]
    assert len(_files("*.py")) == 20 * len(CONNECTORS) + len(declaring)


def test_isort_with_hummingbots_settings(checkout):
    result = isort_check(checkout, _files("*.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_flake8_with_hummingbots_settings(checkout):
    files = _files("*.py") + _files("*.pyx") + _files("*.pxd")
    result = flake8_check(checkout, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_autopep8_with_hummingbots_fixes_changes_nothing(checkout):
    files = _files("*.py") + _files("*.pyx") + _files("*.pxd")
    assert autopep8_changes(checkout, files) == ""


@pytest.mark.parametrize("hook", ["trailing_whitespace_fixer", "end_of_file_fixer", "detect_private_key"])
def test_pre_commit_hooks_pass_on_every_generated_file(hook, tmp_path):
    """Run on a copy: the fixers rewrite what they fix (and then exit 1)."""
    copy = shutil.copytree(GENERATED, tmp_path / "generated")
    files = sorted(str(path) for path in copy.rglob("*") if path.is_file())
    assert len(files) > 19 * len(CONNECTORS)  # the manifests and merge bases too
    result = _run(["-m", f"pre_commit_hooks.{hook}", *files], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


# The checks above can fail: each one rejects a file with the slip it exists for.

MISPLACED_IMPORTS = """import asyncio
from unittest.mock import patch

from hummingbot.connector.constants import s_decimal_NaN
from hummingbot.connector.exchange.zz import zz_constants as CONSTANTS
from hummingbot.connector.exchange.zz import zz_web_utils as web_utils
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
"""


def test_the_checks_reject_what_hummingbots_ci_rejects(checkout):
    sample = checkout / "test" / "hummingbot" / "connector" / "exchange" / "zz" / "test_zz_sample.py"
    sample.parent.mkdir(parents=True)
    sample.write_text(MISPLACED_IMPORTS, encoding="utf-8")
    relative = [sample.relative_to(checkout).as_posix()]
    sorted_imports = isort_check(checkout, relative)
    assert sorted_imports.returncode == 1
    # `test` goes with the standard library (isort's list of it names CPython's `test` package), and two imports
    # from one module are combined.
    assert "+from test.isolated_asyncio_wrapper_test_case import" in sorted_imports.stdout
    assert "+from hummingbot.connector.exchange.zz import zz_constants as CONSTANTS, zz_web_utils as web_utils" in (
        sorted_imports.stdout
    )
    assert "F401" in flake8_check(checkout, relative).stdout
    sample.write_text("def f(a,b):\n    return a+b \n", encoding="utf-8")
    assert "E231" in flake8_check(checkout, relative).stdout
    assert "+def f(a, b):" in autopep8_changes(checkout, relative)
