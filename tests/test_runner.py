"""Tests for scaffolder.testing: a generated connector's suite runs against, and wins over, the installed Hummingbot."""

from pathlib import Path
from typing import Optional

import pytest

from scaffolder.testing.runner import run_suite

CONNECTOR_TEST_DIR = Path("test", "hummingbot", "connector", "exchange", "binance")

# Runs inside the generated suite: binance also ships with Hummingbot, so the marker proves the generated copy won.
PASSING_TESTS = """
import asyncio

from hummingbot.connector.exchange.binance import binance_constants
from hummingbot.connector.test_support import exchange_connector_test
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase


def test_generated_connector_takes_precedence():
    assert binance_constants.HBGEN_MARKER == "generated"


class WrapperTestCaseTests(IsolatedAsyncioWrapperTestCase):
    async def test_async_test_runs(self):
        await asyncio.sleep(0)
        self.assertIs(IsolatedAsyncioWrapperTestCase, exchange_connector_test.IsolatedAsyncioWrapperTestCase)

    def test_run_async_with_timeout(self):
        self.assertEqual(3, self.run_async_with_timeout(asyncio.sleep(0, result=3), 1))
"""

FAILING_TESTS = """
from hummingbot.connector.exchange.binance import binance_constants


def test_marker_mismatch():
    assert binance_constants.HBGEN_MARKER == "upstream"
"""


def make_connector(root: Path, tests: Optional[str], test_packages: bool = False) -> Path:
    """A minimal generated/binance tree; ``test_packages`` adds __init__.py files like Hummingbot's own test tree."""
    package = root / "hummingbot" / "connector" / "exchange" / "binance"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "binance_constants.py").write_text('HBGEN_MARKER = "generated"\n')
    test_dir = root / CONNECTOR_TEST_DIR
    test_dir.mkdir(parents=True)
    if test_packages:
        for depth in range(1, len(CONNECTOR_TEST_DIR.parts) + 1):
            (root.joinpath(*CONNECTOR_TEST_DIR.parts[:depth]) / "__init__.py").write_text("")
    if tests is not None:
        (test_dir / "test_binance_fake.py").write_text(tests)
    return root


@pytest.mark.parametrize("test_packages", [False, True], ids=["plain-dirs", "packages"])
def test_passing_suite_returns_zero(tmp_path: Path, test_packages: bool):
    assert run_suite(make_connector(tmp_path / "binance", PASSING_TESTS, test_packages), ["-q"]) == 0


def test_failing_suite_returns_nonzero(tmp_path: Path):
    assert run_suite(make_connector(tmp_path / "binance", FAILING_TESTS), ["-q"]) == pytest.ExitCode.TESTS_FAILED


def test_connector_loaded_from_elsewhere_is_a_usage_error(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    root = make_connector(tmp_path / "binance", FAILING_TESTS)
    # Without __init__.py the generated directory is only a namespace portion, so upstream's binance package wins.
    (root / "hummingbot" / "connector" / "exchange" / "binance" / "__init__.py").unlink()
    assert run_suite(root, ["-q"]) == pytest.ExitCode.USAGE_ERROR
    assert "not loaded from files under" in capfd.readouterr().err


def test_empty_suite_returns_nonzero(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    assert run_suite(make_connector(tmp_path / "binance", None), ["-q"]) != 0
    assert "no tests were collected" in capfd.readouterr().err


# Two connectors' test classes inheriting one `@aioresponses()`-decorated test, as every generated exchange test
# class inherits Hummingbot's ExchangeConnectorTests: each run must see only its own request.
SHARED_MOCK_BASE = """
import aiohttp
from aioresponses import aioresponses

from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase


class SharedMockTests:
    class Base(IsolatedAsyncioWrapperTestCase):
        client_order_id = ""

        @aioresponses()
        async def test_one_request_recorded(self, mock_api):
            mock_api.post("https://api.example.com/order", payload={})
            async with aiohttp.ClientSession() as session:
                await session.post("https://api.example.com/order", data={"id": self.client_order_id})
            calls = [call for calls in mock_api.requests.values() for call in calls]
            self.assertEqual([{"id": self.client_order_id}], [call.kwargs["data"] for call in calls])
"""


def test_connectors_batched_in_one_tree_each_see_their_own_mocked_requests(tmp_path: Path):
    root = tmp_path / "tree"
    for name in ("alpha", "beta"):
        package = root / "hummingbot" / "connector" / "exchange" / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        tests = root / "test" / "hummingbot" / "connector" / "exchange" / name
        tests.mkdir(parents=True)
        (tests / f"test_{name}.py").write_text(
            "from test.hummingbot.connector.exchange.alpha.shared_mock import SharedMockTests\n\n\n"
            f"class {name.title()}Tests(SharedMockTests.Base):\n    client_order_id = {name!r}\n"
        )
    (root / "test" / "hummingbot" / "connector" / "exchange" / "alpha" / "shared_mock.py").write_text(SHARED_MOCK_BASE)
    assert run_suite(root, ["-q", "-p", "no:warnings"]) == 0
