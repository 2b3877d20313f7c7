"""Run a generated connector's test suite in a fresh interpreter, under the hbgen pytest plugin.

The interpreter is the one where Hummingbot lives: `--python PATH`, else `$HBGEN_PYTHON`, else hbgen's own. It
needs Hummingbot, pytest and aioresponses (what the generated tests import), not hbgen: the plugin and the test
support module come from hbgen's support folder, put on the child's PYTHONPATH.
"""

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional, Sequence

from scaffolder.resources import SUPPORT_DIR
from scaffolder.testing import CONNECTOR_NAME_ENV, CONNECTOR_ROOT_ENV

NO_TESTS_COLLECTED = 5
PYTHON_ENV = "HBGEN_PYTHON"
PLUGIN_DIR = SUPPORT_DIR / "plugin"
PLUGIN_MODULE = "hbgen_pytest_plugin"
# What the generated suites need in the interpreter that runs them (import names).
REQUIRED_MODULES = ("hummingbot", "pytest", "aioresponses")
# Prints the missing required modules, then whether pytest-timeout is there; imports none of them.
PROBE = (
    "import importlib.util as u, sys; "
    f"print(' '.join(m for m in {REQUIRED_MODULES!r} if u.find_spec(m) is None)); "
    "print(int(u.find_spec('pytest_timeout') is not None))"
)


class SuiteEnvironmentError(Exception):
    """The interpreter cannot run a generated suite; the message is one line saying what to do."""


def suite_python(python: Optional[str] = None) -> str:
    """The interpreter that runs generated suites: the argument, else $HBGEN_PYTHON, else hbgen's own."""
    return python or os.environ.get(PYTHON_ENV) or sys.executable


def check_python(python: str) -> bool:
    """Raise SuiteEnvironmentError unless `python` can run a generated suite; returns whether it has pytest-timeout."""
    how = f"point hbgen at the Python where Hummingbot is installed with --python PATH or {PYTHON_ENV}=PATH"
    try:
        probe = subprocess.run([python, "-c", PROBE], capture_output=True, text=True)
    except OSError as error:
        raise SuiteEnvironmentError(f"cannot run {python} ({error.strerror}): {how}") from None
    lines = probe.stdout.split("\n")
    if probe.returncode != 0 or len(lines) < 2:
        raise SuiteEnvironmentError(f"{python} does not run as a Python interpreter: {how}")
    missing = lines[0].split()
    if "hummingbot" in missing:
        raise SuiteEnvironmentError(
            f"{python} has no {', '.join(missing)}; generated suites run where Hummingbot is installed: {how}"
        )
    if missing:
        raise SuiteEnvironmentError(
            f"{python} has Hummingbot but no {', '.join(missing)}: install with {python} -m pip install "
            f"{' '.join(missing)}, or {how}"
        )
    return lines[1].strip() == "1"


def suite_dir(connector_root: Path, name: Optional[str] = None) -> Path:
    """The tests of connector `name` under `connector_root` (all of `test/` when no name is given)."""
    return Path(connector_root, "test", *(("hummingbot", "connector", "exchange", name) if name else ()))


# The integration tests (order book tracker, user stream tracker, market) need an exchange: `hbgen market-test`
# runs them; the unit suite leaves them out.
INTEGRATION_DIR = Path("test") / "integration"


def _pytest_command(
    connector_root: Path,
    pytest_args: Sequence[str] = (),
    python: Optional[str] = None,
    timeout: bool = True,
    name: Optional[str] = None,
    integration: bool = False,
) -> list[str]:
    """The pytest command line for a connector's ``test/`` tree.

    ``--import-mode=importlib`` keeps test directories off ``sys.path``, where the generated ``test`` tree would
    shadow the ``test`` package the plugin provides. ``--rootdir`` makes test module names ``test.hummingbot...`` as
    in Hummingbot's own tree; a rootdir inside ``test/`` would name them ``hummingbot.connector.exchange.NAME...`` and
    shadow the connector itself. The asyncio option only silences pytest-asyncio, which unittest tests do not use.
    """
    root = Path(connector_root).resolve()
    return [
        suite_python(python),
        "-m",
        "pytest",
        "-p",
        PLUGIN_MODULE,
        "--import-mode=importlib",
        f"--rootdir={root}",
        "-p",
        "no:cacheprovider",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
        # A hung test (a websocket mock waiting forever) fails after this many seconds instead of stalling CI.
        *(["--timeout=120"] if timeout else []),
        *(
            [str(root / INTEGRATION_DIR)]
            if integration
            else [str(suite_dir(root, name)), f"--ignore={root / INTEGRATION_DIR}"]
        ),
        *pytest_args,
    ]


def suite_env(connector_root: Path, name: Optional[str] = None, env: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The environment of a suite's pytest process (from ``env``, else this process's): the connector tree to run,
    the connector's name in it (none: every connector of the tree), and the plugin on PYTHONPATH."""
    base_env = os.environ if env is None else env
    path = os.pathsep.join(filter(None, [str(PLUGIN_DIR), base_env.get("PYTHONPATH")]))
    return {
        **base_env,
        CONNECTOR_ROOT_ENV: str(Path(connector_root).resolve()),
        CONNECTOR_NAME_ENV: name or "",
        "PYTHONPATH": path,
    }


def run_suite(
    connector_root: Path,
    pytest_args: Sequence[str] = (),
    python: Optional[str] = None,
    name: Optional[str] = None,
    integration: bool = False,
    env: Optional[dict] = None,
) -> int:
    """Run the suite of connector ``name`` under ``connector_root`` (a ``generated/NAME`` directory, or a Hummingbot
    checkout, where the name is needed) and return pytest's exit code.

    Output streams straight to the terminal. "No tests collected" (pytest exit code 5) stays a failure: a connector
    whose suite is empty or went missing must not pass. Raises SuiteEnvironmentError when the interpreter lacks
    what the suite needs. ``integration`` runs ``test/integration`` instead (see INTEGRATION_DIR), under ``env``.
    """
    python = suite_python(python)
    timeout = check_python(python)
    command = _pytest_command(connector_root, pytest_args, python, timeout, name, integration)
    code = subprocess.run(command, env=suite_env(connector_root, name, env)).returncode
    if code == NO_TESTS_COLLECTED:
        print(f"hbgen: no tests were collected from {connector_root}", file=sys.stderr)
    return code
