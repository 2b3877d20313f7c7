"""`markets.last_traded_price.bulk`: the last prices of several pairs from one request for every ticker (OKX's
`/api/v5/market/tickers`), one pair still through its own ticker.

specs/okx.yaml ships with it; its generated suite serves one tickers response for three pairs (one the symbol map does
not list, whose ticker has no price) and a fourth ticker nobody asked for. Here: the generated code, a variant of a
spec whose symbols are written differently (Gate.io, `BTC_USDT`, the tickers as a bare list) run against
Hummingbot, the loopback exchange's answer, and the refusals.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, shipped, validate

from scaffolder.sandbox.server import Sandbox
from scaffolder.spec import load_spec
from scaffolder.testing.runner import run_suite

OKX_BULK = "    bulk: {endpoint: tickers, params: {instType: SPOT}, rows: data, symbol: instId, price: last}\n"
GATE_PRICE = '    price: "[0].last"\n    expect: {price: "2.46140352"}\n'
KRAKEN_PRICE = '    price: "result[*][1].c[0]"\n    expect: {price: "30303.20000"}\n'
# Kraken's Ticker without "pair" answers every pair's ticker in a map keyed by the pair.
KRAKEN_BULK = '    bulk: {endpoint: ticker, rows: result, symbol: "[0]", price: "[1].c[0]"}\n'


def kraken_with_bulk() -> str:
    text = shipped("kraken")
    assert text.count(KRAKEN_PRICE) == 1
    return text.replace(KRAKEN_PRICE, KRAKEN_PRICE + KRAKEN_BULK)


def _exchange(connector: Path, name: str) -> str:
    return (connector / f"hummingbot/connector/exchange/{name}/{name}_exchange.py").read_text()


def test_okx_asks_every_ticker_for_several_pairs(tmp_path: Path):
    source = _exchange(generate_variant(tmp_path, "okx", shipped("okx")), "okx")
    assert "        if len(trading_pairs) == 1:\n" in source
    assert "path_url=CONSTANTS.OKX_TICKERS_PATH," in source
    assert "pairs_by_symbol = {symbol_map.inverse.get(pair) or pair: pair for pair in trading_pairs}" in source
    assert '            if trading_pair is not None and ticker["last"]:\n' in source


@pytest.mark.timeout(300)
def test_a_bare_list_of_tickers_and_another_symbol_format_pass_the_suite(tmp_path: Path):
    text = shipped("gate_io")
    assert text.count(GATE_PRICE) == 1
    variant = text.replace(
        GATE_PRICE, GATE_PRICE + '    bulk: {endpoint: tickers, rows: "", symbol: currency_pair, price: last}\n'
    )
    connector = generate_variant(tmp_path, "gate_io", variant)
    source = _exchange(connector, "gate_io")
    assert 'pairs_by_symbol = {symbol_map.inverse.get(pair) or pair.replace("-", "_"): pair' in source
    assert "        for ticker in response:\n" in source
    assert run_suite(connector, [*QUIET, "-k", "last_traded_prices"]) == 0


@pytest.mark.parametrize(
    "bulk, expected",
    [
        (
            "    bulk: {endpoint: ticker_list, rows: data, symbol: instId, price: last}\n",
            "markets.last_traded_price.bulk.endpoint: unknown endpoint 'ticker_list'",
        ),
        (
            '    bulk: {endpoint: tickers, params: {instId: "{symbol}"}, rows: data, symbol: instId, price: last}\n',
            "markets.last_traded_price.bulk.params.instId: the request asks every ticker at once: no placeholders",
        ),
        (
            "    bulk: {endpoint: tickers, rows: data, symbol: instrument, price: last}\n",
            "markets.last_traded_price.bulk.symbol:",
        ),
        (
            "    bulk: {endpoint: tickers, rows: tickers, symbol: instId, price: last}\n",
            "markets.last_traded_price.bulk.rows: expected a non-empty list (or map) of tickers in the example_response",
        ),
        (
            "    bulk: {endpoint: tickers, rows: data, symbol: instId}\n",
            "markets.last_traded_price.bulk.price",
        ),
    ],
)
def test_a_bulk_form_without_its_tickers_is_refused(tmp_path: Path, bulk: str, expected: str):
    text = shipped("okx")
    assert text.count(OKX_BULK) == 1
    result = validate(tmp_path, "okx", text.replace(OKX_BULK, bulk))
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "okx.yaml:" in result.output


def test_the_loopback_exchange_answers_every_ticker(tmp_path: Path):
    okx = Sandbox(load_spec(Path(__file__).resolve().parent.parent / "specs" / "okx.yaml"))
    assert "tickers" in {route[2] for route in okx.rest.routes}
    rows = okx.rest._tickers({})["data"]
    assert [row["instId"] for row in rows] == [market.symbol for market in okx.engine.markets.values()]
    assert all(isinstance(row["last"], str) and float(row["last"]) > 0 for row in rows)
    # Gate.io's one tickers endpoint answers for one pair, and for all without currency_pair.
    text = shipped("gate_io").replace(
        GATE_PRICE, GATE_PRICE + '    bulk: {endpoint: tickers, rows: "", symbol: currency_pair, price: last}\n'
    )
    spec_path = tmp_path / "gate_io.yaml"
    spec_path.write_text(text)
    gate = Sandbox(load_spec(spec_path))
    rows = gate.rest._ticker({})
    assert [row["currency_pair"] for row in rows] == [market.symbol for market in gate.engine.markets.values()]


@pytest.mark.timeout(300)
def test_a_map_of_tickers_keyed_by_symbol_passes_the_suite(tmp_path: Path):
    """Kraken's `{"result": {"XXBTZUSD": {"c": ["30303.20000", ...]}, ...}}`: the map's entries are the rows, the
    key the symbol (`[0]`), the price in the value (`[1].c[0]`)."""
    connector = generate_variant(tmp_path, "kraken", kraken_with_bulk())
    source = _exchange(connector, "kraken")
    assert '        for ticker in response["result"].items():\n' in source
    assert "            trading_pair = pairs_by_symbol.get(ticker[0])\n" in source
    assert '            if trading_pair is not None and ticker[1]["c"][0]:\n' in source
    assert run_suite(connector, [*QUIET, "-k", "last_traded_price"]) == 0


def test_the_loopback_exchange_answers_every_ticker_in_a_map(tmp_path: Path):
    spec_path = tmp_path / "kraken.yaml"
    spec_path.write_text(kraken_with_bulk())
    kraken = Sandbox(load_spec(spec_path))
    # The one Ticker endpoint answers for one pair with "pair", for every pair without.
    tickers = kraken.rest._ticker({})["result"]
    assert list(tickers) == [market.symbol for market in kraken.engine.markets.values()]
    assert all(isinstance(ticker["c"][0], str) and float(ticker["c"][0]) > 0 for ticker in tickers.values())
    assert all(ticker["o"] == "30502.80000" for ticker in tickers.values())
