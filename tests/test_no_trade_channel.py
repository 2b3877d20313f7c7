"""A public stream without a trade channel (`public_ws.channels.trade` left out): the connector follows the order book
only. It subscribes to the book channels alone, routes no trades, defines no TRADE_EVENT_TYPE, no
_parse_trade_message and no trade_message_from_exchange; its generated suite has no trade test and every test for
what the spec has (the routing tests send a book event instead).

No shipped spec lacks trades. Here: a Binance variant without its trade channel passes its generated suite and its
market tests against the loopback exchange (which streams no trades); a variant with neither trades nor diffs (full
book snapshots only) passes its order book suite; every shipped spec without its trades renders pyflakes-clean code.
"""

import ast
from pathlib import Path

import pytest
from spec_variants import QUIET, ROOT, generate_variant, passes_suite_and_market_tests, shipped, validate
from test_no_private_stream import _findings
from test_public_ws_variants import SNAPSHOT_CHANNEL

from scaffolder.context import build_context
from scaffolder.render import render_connector
from scaffolder.spec import load_spec
from scaffolder.testing.runner import run_suite

TRADE_START = "    trade:\n"
DIFF_START = "    order_book_diff:\n"
SPECS = sorted(path.stem for path in (ROOT / "specs").glob("*.yaml"))
PACKAGE = "hummingbot/connector/exchange/binance/"
TESTS = "test/hummingbot/connector/exchange/binance/"


def without_trades(text: str) -> str:
    """The spec without its public trade channel: from `    trade:` to the next key (or comment) at its indentation."""
    start = text.index("\n" + TRADE_START) + 1
    end = start + len(TRADE_START)
    while end < len(text) and (text[end:].startswith("     ") or text[end] == "\n"):
        end = text.index("\n", end) + 1
    return text[:start] + text[end:]


def snapshots_only_without_trades(text: str) -> str:
    text = without_trades(text)
    start = text.index(DIFF_START)
    return text[:start] + SNAPSHOT_CHANNEL + text[text.index("  # Replies to SUBSCRIBE"):]


def test_the_connector_and_its_suite_leave_trades_out(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", without_trades(shipped("binance")))
    data_source = (connector / PACKAGE / "binance_api_order_book_data_source.py").read_text()
    assert "_parse_trade_message" not in data_source
    assert "TRADE_EVENT_TYPE" not in data_source
    assert '"{}@trade"' not in data_source and "@trade" not in data_source
    assert "TRADE_EVENT_TYPE" not in (connector / PACKAGE / "binance_constants.py").read_text()
    order_book = (connector / PACKAGE / "binance_order_book.py").read_text()
    assert "trade_message_from_exchange" not in order_book and "TradeType" not in order_book
    suite = (connector / TESTS / "test_binance_api_order_book_data_source.py").read_text()
    assert "_trade_event" not in suite and "listen_for_trades" not in suite
    assert '"e": "hbgen-unknown-event",' in suite and "self._diff_event(),\n        ):" in suite
    assert "diff_queue = self.data_source._message_queue[self.data_source._diff_messages_queue_key]" in suite
    assert "trade_message_from_exchange" not in (connector / TESTS / "test_binance_order_book.py").read_text()


@pytest.mark.parametrize("name", SPECS)
def test_every_shipped_spec_without_its_trades_renders_clean_code(tmp_path: Path, name: str):
    path = tmp_path / f"{name}.yaml"
    path.write_text(without_trades(shipped(name)))
    files = render_connector(build_context(load_spec(path)))
    for file, content in files.items():
        if file.endswith(".py"):
            compile(content, file, "exec", ast.PyCF_ONLY_AST)
            assert _findings(file, content) == "", file
            assert "_trade_event" not in content and "trade_message_from_exchange" not in content, file


def test_a_trade_channel_when_given_is_complete(tmp_path: Path):
    # A spec without trades validates; a trade channel, when given, still needs its fields.
    assert validate(tmp_path, "binance", without_trades(shipped("binance"))).exit_code == 0
    text = without_trades(shipped("binance")).replace("  channels:\n", "  channels:\n    trade: {}\n", 1)
    result = validate(tmp_path, "binance", text)
    assert result.exit_code == 2
    assert "public_ws.channels.trade.route" in result.output


@pytest.mark.timeout(600)
def test_binance_without_trades_passes_its_suite_and_market_tests(tmp_path: Path):
    assert passes_suite_and_market_tests(generate_variant(tmp_path, "binance", without_trades(shipped("binance"))))


@pytest.mark.timeout(300)
def test_snapshots_only_without_trades_passes_its_order_book_suite(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", snapshots_only_without_trades(shipped("binance")))
    suite = (connector / TESTS / "test_binance_api_order_book_data_source.py").read_text()
    assert "snapshot_queue = self.data_source._message_queue[self.data_source._snapshot_messages_queue_key]" in suite
    assert run_suite(connector, [*QUIET, "-k", "order_book"]) == 0
