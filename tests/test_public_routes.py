"""Public channels routed by more than equality or a prefix of `public_ws.route_field`.

A route holding `{symbol}` is a template that recognises a channel whose route value carries the symbol, and reads the
symbol there (HTX's `{"ch": "market.btcusdt.depth.step0", ...}`; Bybit's `"topic": "orderbook.50.BTCUSDT"`): the
channel then has no `symbol` path. `route_match: suffix` and `contains` compare plain routes by their end or by a
substring. `route_match: key` (for all channels, or a channel's own `route_match`) recognises a channel's messages
by a key they carry, its route, whatever route_field holds (or without route_field when every channel is routed by
key). No shipped spec uses them: a Bybit variant reads its symbols from the topic (route templates), Binance variants
route by suffix, by substring, by key (every channel, no route_field) and by key for one channel; each generated
suite runs against Hummingbot, the Bybit and all-key ones against their loopback exchange too (market tests);
contradictions are refused with positions.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, passes_suite_and_market_tests, shipped, validate

from scaffolder.spec import routes
from scaffolder.testing.runner import run_suite


def _replace(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) == count, old
    return text.replace(old, new)


def bybit_templates() -> str:
    """Bybit with its symbols read in the topics: `publicTrade.{symbol}`, `orderbook.50.{symbol}`."""
    text = _replace(shipped("bybit"), "  route_match: prefix\n", "")
    text = _replace(text, "      route: publicTrade.\n", '      route: "publicTrade.{symbol}"\n')
    text = _replace(text, "      route: orderbook.\n", '      route: "orderbook.50.{symbol}"\n', count=2)
    text = _replace(text, "      rows: data\n      symbol: s\n", "      rows: data\n")
    return _replace(text, "      symbol: data.s\n", "", count=2)


def binance_routed(match: str, trade: str, diff: str) -> str:
    text = _replace(shipped("binance"), "  route_field: e\n  channels:", f"  route_field: e\n  route_match: {match}\n  channels:")
    text = _replace(text, "      route: trade\n", f"      route: {trade}\n")
    return _replace(text, "      route: depthUpdate\n", f"      route: {diff}\n")


def binance_by_key() -> str:
    """Binance with every channel recognised by a key its messages carry: trades by `t`, diffs by `U`."""
    text = _replace(shipped("binance"), "  route_field: e\n  channels:", "  route_match: key\n  channels:")
    text = _replace(text, "      route: trade\n", "      route: t\n")
    return _replace(text, "      route: depthUpdate\n", "      route: U\n")


def binance_diff_by_key() -> str:
    """Binance with trades routed by `e` and diffs by their key `U` (a channel's own route_match)."""
    return _replace(shipped("binance"), "      route: depthUpdate\n", "      route: U\n      route_match: key\n")


def test_a_template_reads_the_symbol_between_its_texts():
    assert routes.captured("market.{symbol}.depth.step0", "market.btcusdt.depth.step0") == "btcusdt"
    assert routes.captured("orderbook.50.{symbol}", "orderbook.50.BTCUSDT") == "BTCUSDT"
    assert routes.captured("{symbol}@trade", "bnbbtc@trade") == "bnbbtc"
    assert routes.captured("market.{symbol}.depth.step0", "market.btcusdt.trade.detail") is None
    assert routes.captured("market.{symbol}.depth.step0", "market..depth.step0") is None
    assert routes.captured("orderbook.50.{symbol}", {"not": "text"}) is None
    assert routes.matches("suffix", "Update", "depthUpdate") and not routes.matches("suffix", "Update", "trade")
    assert routes.matches("contains", "pthUp", "depthUpdate") and not routes.matches("prefix", "pthUp", "depthUpdate")


def test_generated_routing_slices_the_symbol_out_of_the_topic(tmp_path: Path):
    connector = generate_variant(tmp_path, "bybit", bybit_templates())
    source = (connector / "hummingbot/connector/exchange/bybit/bybit_api_order_book_data_source.py").read_text()
    assert 'if event_type.startswith("orderbook.50.") and event_message.get("type") == "snapshot":' in source
    assert 'if event_type.startswith("publicTrade."):' in source
    assert 'symbol=raw_message["topic"][13:]' in source
    assert 'symbol=raw_message["topic"][12:]' in source
    constants = (connector / "hummingbot/connector/exchange/bybit/bybit_constants.py").read_text()
    assert 'TRADE_EVENT_TYPE = "publicTrade.{symbol}"' in constants


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            lambda text: _replace(text, "      rows: data\n", "      rows: data\n      symbol: s\n"),
            "public_ws.channels.trade.symbol: the route template reads the symbol ({symbol}): leave symbol out",
        ),
        (
            lambda text: _replace(text, 'route: "publicTrade.{symbol}"', "route: publicTrade."),
            "public_ws.channels.trade.symbol: required: where messages name their symbol",
        ),
        (
            lambda text: _replace(text, 'route: "publicTrade.{symbol}"', 'route: "publicTrade.{symbol}.{symbol}"'),
            "public_ws.channels.trade.route: a route template holds {symbol} once, its only placeholder",
        ),
        (
            lambda text: _replace(text, 'route: "publicTrade.{symbol}"', 'route: "publicTrade.{pair}"'),
            "public_ws.channels.trade.route: a route template names the symbol's place with {symbol}",
        ),
        (
            lambda text: _replace(text, 'route: "publicTrade.{symbol}"', 'route: "{symbol}"'),
            "public_ws.channels.trade.route: a route template holds {symbol} once, its only placeholder, with text",
        ),
        (
            lambda text: _replace(text, 'route: "publicTrade.{symbol}"', 'route: "trade.{symbol}"'),
            "public_ws.channels.trade.route: the example carries 'publicTrade.BTCUSDT' at 'topic', not 'trade.{symbol}'",
        ),
    ],
)
def test_contradictory_templates_are_refused(tmp_path: Path, edit, expected):
    assert validate(tmp_path, "bybit", bybit_templates()).exit_code == 0
    result = validate(tmp_path, "bybit", edit(bybit_templates()))
    assert result.exit_code == 2
    assert expected in result.output


def test_suffix_and_substring_routes_must_match_the_examples(tmp_path: Path):
    assert validate(tmp_path, "binance", binance_routed("suffix", "rade", "Update")).exit_code == 0
    assert validate(tmp_path, "binance", binance_routed("contains", "rad", "pthUp")).exit_code == 0
    result = validate(tmp_path, "binance", binance_routed("suffix", "trad", "Update"))
    assert result.exit_code == 2
    assert "public_ws.channels.trade.route: the example carries 'trade' at 'e', not 'trad'" in result.output


@pytest.mark.timeout(600)
def test_bybit_with_route_templates_passes_its_suite_and_market_tests(tmp_path: Path):
    assert passes_suite_and_market_tests(generate_variant(tmp_path, "bybit", bybit_templates()))


@pytest.mark.timeout(300)
@pytest.mark.parametrize("match, trade, diff", [("suffix", "rade", "Update"), ("contains", "rad", "pthUp")])
def test_binance_routed_by_suffix_or_substring_passes_its_order_book_suite(tmp_path: Path, match, trade, diff):
    connector = generate_variant(tmp_path, "binance", binance_routed(match, trade, diff))
    source = (connector / "hummingbot/connector/exchange/binance/binance_api_order_book_data_source.py").read_text()
    test = {"suffix": "event_type.endswith(CONSTANTS.TRADE_EVENT_TYPE)", "contains": "CONSTANTS.TRADE_EVENT_TYPE in event_type"}
    assert test[match] in source
    assert run_suite(connector, [*QUIET, "-k", "order_book"]) == 0


def test_generated_routing_tests_keys(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", binance_diff_by_key())
    source = (connector / "hummingbot/connector/exchange/binance/binance_api_order_book_data_source.py").read_text()
    assert 'event_type = event_message.get("e")' in source
    assert 'if "U" in event_message:\n            return self._diff_messages_queue_key' in source
    assert "if event_type == CONSTANTS.TRADE_EVENT_TYPE:" in source
    connector = generate_variant(tmp_path / "all", "binance", binance_by_key())
    source = (connector / "hummingbot/connector/exchange/binance/binance_api_order_book_data_source.py").read_text()
    assert "event_type" not in source
    assert 'if "t" in event_message:\n            return self._trade_messages_queue_key' in source


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            lambda: _replace(binance_by_key(), "      route: U\n", "      route: V\n"),
            "public_ws.channels.order_book_diff.route:",
        ),
        (
            lambda: _replace(binance_by_key(), "      route: U\n", "      route: b[0]\n"),
            "public_ws.channels.order_book_diff.route: routed by key, the route names a key: a path of plain keys",
        ),
        (
            lambda: _replace(binance_diff_by_key(), "  route_field: e\n  channels:", "  channels:"),
            "public_ws.route_field: required: channels not routed by key are routed by the value there",
        ),
        (
            lambda: _replace(
                bybit_templates(), 'route: "publicTrade.{symbol}"\n', 'route: "publicTrade.{symbol}"\n      route_match: key\n'
            ),
            "public_ws.channels.trade.route_match: a route template reads the symbol in route_field: not by key",
        ),
    ],
)
def test_contradictory_key_routes_are_refused(tmp_path: Path, text, expected):
    result = validate(tmp_path, "spec", text())
    assert result.exit_code == 2
    assert expected in result.output


@pytest.mark.timeout(600)
def test_binance_routed_by_keys_passes_its_suite_and_market_tests(tmp_path: Path):
    assert passes_suite_and_market_tests(generate_variant(tmp_path, "binance", binance_by_key()))


@pytest.mark.timeout(300)
def test_binance_with_diffs_routed_by_key_passes_its_order_book_suite(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", binance_diff_by_key())
    assert run_suite(connector, [*QUIET, "-k", "order_book"]) == 0
