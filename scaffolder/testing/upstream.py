"""Run Hummingbot's own test suite for a connector (the upstream oracle) against a generated connector.

Hummingbot keeps a connector's tests in ``test/hummingbot/connector/exchange/NAME`` of its repository, next to the
helper modules they import (``test/isolated_asyncio_wrapper_test_case.py``, ``test/logger_mixin_for_test.py``).
The suite is copied with those helpers into a scratch folder and run there, so that neither the upstream folder
(read-only, shared) nor the project is written to, and a Hummingbot source checkout's own ``hummingbot`` package
never shadows the installed one.

Outcomes are recorded per test by the ``hbgen_outcomes_plugin`` pytest plugin (``scaffolder/support/plugin``): a
test file that fails to import counts as not collected, and the other files still run. The interpreter is chosen as
for ``hbgen test`` (``--python``, ``$HBGEN_PYTHON``, hbgen's own) and need not have hbgen installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from scaffolder.resources import SUPPORT_DIR
from scaffolder.testing import CONNECTOR_ROOT_ENV, OUTCOMES_ENV
from scaffolder.testing.runner import PLUGIN_DIR, PLUGIN_MODULE, check_python, suite_python

SUITE_DIR = Path("test") / "hummingbot" / "connector" / "exchange"
SUPPORT_TEST_DIR = SUPPORT_DIR / "test"
OUTCOMES_PLUGIN_MODULE = "hbgen_outcomes_plugin"


class UpstreamSuiteMissing(Exception):
    """DIR holds no upstream suite for the connector."""


@dataclass
class UpstreamResult:
    passed: List[str] = field(default_factory=list)
    failed: List[str] = field(default_factory=list)
    not_collected: List[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.passed) and not self.failed and not self.not_collected

    def summary(self, name: str) -> str:
        return (
            f"upstream {name}: {len(self.passed)} passed, {len(self.failed)} failed, "
            f"{len(self.not_collected)} files not collected"
        )


def suite_dir(upstream: Path, name: str) -> Path:
    """The folder of NAME's upstream tests under a Hummingbot checkout (or a copy of its ``test`` tree)."""
    folder = Path(upstream) / SUITE_DIR / name
    if not folder.is_dir():
        raise UpstreamSuiteMissing(f"no upstream suite for {name}: {folder} is not a folder")
    return folder


def _stage(upstream: Path, name: str, work: Path) -> Path:
    """Copy NAME's suite, the package markers above it and the shared helper modules into ``work``."""
    source = suite_dir(upstream, name)
    test_root = Path(upstream) / "test"
    staged_test = work / "test"
    staged_test.mkdir()
    # hbgen's stand-in for the helper Hummingbot's generic test classes import, unless the suite brings its own.
    for helper in [*sorted(SUPPORT_TEST_DIR.glob("*.py")), *sorted(test_root.glob("*.py"))]:
        shutil.copy2(helper, staged_test / helper.name)
    (staged_test / "__init__.py").touch()
    package = staged_test
    for part in SUITE_DIR.parts[1:]:
        package = package / part
        package.mkdir()
        marker = test_root / package.relative_to(staged_test) / "__init__.py"
        (package / "__init__.py").write_bytes(marker.read_bytes() if marker.is_file() else b"")
    shutil.copytree(source, package / name, ignore=shutil.ignore_patterns("__pycache__"))
    return package / name


def run_upstream_suite(
    name: str,
    upstream: Path,
    connector_root: Optional[Path] = None,
    python: Optional[str] = None,
    quiet: bool = False,
) -> UpstreamResult:
    """Run NAME's upstream suite from ``upstream`` and return each test's outcome.

    With ``connector_root`` (a ``generated/NAME`` folder) the generated package takes precedence over the installed
    one, through the same plugin as ``hbgen test``; without it, the installed Hummingbot's own connector is tested.
    """
    with tempfile.TemporaryDirectory(prefix=f"hbgen-upstream-{name}-") as scratch:
        work = Path(scratch)
        suite = _stage(upstream, name, work)
        outcomes = work / "outcomes.json"
        python = suite_python(python)
        timeout = check_python(python)
        command = [python, "-m", "pytest", "-p", OUTCOMES_PLUGIN_MODULE]
        path = os.pathsep.join(filter(None, [str(PLUGIN_DIR), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, OUTCOMES_ENV: str(outcomes), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": path}
        env.pop(CONNECTOR_ROOT_ENV, None)
        if connector_root is not None:
            command += ["-p", PLUGIN_MODULE]
            env[CONNECTOR_ROOT_ENV] = str(Path(connector_root).resolve())
        command += [
            f"--rootdir={work}",
            "-p",
            "no:cacheprovider",
            "-W",
            "ignore",
            "--continue-on-collection-errors",
            # A hung websocket mock fails after this many seconds instead of stalling the run.
            *(["--timeout=60"] if timeout else []),
            "-q",
            str(suite.relative_to(work)),
        ]
        output = subprocess.DEVNULL if quiet else None
        subprocess.run(command, cwd=work, env=env, stdout=output, stderr=output)
        if not outcomes.is_file():
            raise RuntimeError(f"pytest recorded no outcomes for the upstream {name} suite (see its output)")
        recorded = json.loads(outcomes.read_text(encoding="utf-8"))
    return UpstreamResult(
        passed=sorted(recorded["passed"]),
        failed=sorted(recorded["failed"]),
        not_collected=sorted(recorded["not_collected"]),
    )
