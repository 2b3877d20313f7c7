"""Run a generated connector's test suite in a fresh interpreter, under the hbgen pytest plugin."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional, Sequence

from scaffolder.testing import CONNECTOR_ROOT_ENV

NO_TESTS_COLLECTED = 5


def _pytest_command(connector_root: Path, pytest_args: Sequence[str] = (), python: Optional[str] = None) -> list[str]:
    """The pytest command line for a connector's ``test/`` tree.

    ``--import-mode=importlib`` keeps test directories off ``sys.path``, where the generated ``test`` tree would
    shadow the ``test`` package the plugin provides. ``--rootdir`` makes test module names ``test.hummingbot...`` as
    in Hummingbot's own tree; a rootdir inside ``test/`` would name them ``hummingbot.connector.exchange.NAME...`` and
    shadow the connector itself. The asyncio option only silences pytest-asyncio, which unittest tests do not use.
    """
    root = Path(connector_root).resolve()
    return [
        python or sys.executable,
        "-m",
        "pytest",
        "-p",
        "scaffolder.testing.plugin",
        "--import-mode=importlib",
        f"--rootdir={root}",
        "-p",
        "no:cacheprovider",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
        # A hung test (a websocket mock waiting forever) fails after this many seconds instead of stalling CI.
        "--timeout=120",
        str(root / "test"),
        *pytest_args,
    ]


def run_suite(connector_root: Path, pytest_args: Sequence[str] = (), python: Optional[str] = None) -> int:
    """Run the suite of ``connector_root`` (a ``generated/NAME`` directory) and return pytest's exit code.

    Output streams straight to the terminal. "No tests collected" (pytest exit code 5) stays a failure: a connector
    whose suite is empty or went missing must not pass.
    """
    env = {**os.environ, CONNECTOR_ROOT_ENV: str(Path(connector_root).resolve())}
    code = subprocess.run(_pytest_command(connector_root, pytest_args, python), env=env).returncode
    if code == NO_TESTS_COLLECTED:
        print(f"hbgen: no tests were collected from {connector_root}", file=sys.stderr)
    return code
