"""pytest plugin recording each test's outcome, and each test file that could not be collected, as JSON.

Loaded with ``-p hbgen_outcomes_plugin`` (by ``hbgen test NAME --upstream``, with this folder on the path of an
interpreter that need not have hbgen); ``HBGEN_OUTCOMES`` names the file written at the end of the run:
``{"passed": [node ids], "failed": [node ids], "not_collected": [file paths]}``. A test whose setup or teardown
errors counts as failed; a skipped test is in neither list.
"""

import json
import os
from pathlib import Path

import pytest

# Set by scaffolder.testing.upstream (scaffolder.testing.OUTCOMES_ENV).
OUTCOMES_ENV = "HBGEN_OUTCOMES"

_passed = set()
_failed = set()
_not_collected = set()


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        _not_collected.add(report.nodeid)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed:
        _failed.add(report.nodeid)
    elif report.when == "call" and report.passed:
        _passed.add(report.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    target = os.environ.get(OUTCOMES_ENV)
    if target:
        outcomes = {
            "passed": sorted(_passed - _failed),
            "failed": sorted(_failed),
            "not_collected": sorted(_not_collected),
        }
        Path(target).write_text(json.dumps(outcomes, indent=1), encoding="utf-8")
