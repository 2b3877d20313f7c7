"""Rows that are the entries of a map keyed by symbol or asset (Kraken's `{"error": [], "result": {"XXBTZUSD":
{...}}}`, its balances `{"ZUSD": "171288.6158", ...}`): a `rows` path whose documented value is an object yields
one row per entry, `[key, value]`, so the key is `[0]` and the value's fields `[1].field`.

No shipped spec has them yet: a Gate.io variant documents its pairs as a map keyed by the pair and its balances as
a map keyed by the currency; its generated suite passes and so do its market tests against the sandbox.
"""

from pathlib import Path

import pytest
from spec_variants import generate_variant, passes_suite_and_market_tests, shipped, validate

from scaffolder.fixtures import fixture
from scaffolder.spec import fieldpath

PAIRS = {"XXBTZUSD": {"altname": "XBTUSD", "lot_decimals": 8}, "XETHZUSD": {"altname": "ETHUSD", "lot_decimals": 8}}


def test_a_map_yields_its_entries_as_key_value_rows():
    payload = {"error": [], "result": PAIRS}
    assert fieldpath.first_row(payload, "result") == ["XXBTZUSD", {"altname": "XBTUSD", "lot_decimals": 8}]
    assert fieldpath.is_map(payload, "result") and not fieldpath.is_map({"result": [1]}, "result")
    assert fieldpath.rows_of([1, 2]) == [1, 2]
    assert fieldpath.top_key("[1].lot_decimals") == "[1].lot_decimals"
    assert fieldpath.top_key("filters[filterType=LOT_SIZE].minQty") == "filters"


def test_map_fixtures_are_rebuilt_from_the_first_entry_with_the_keys_injected():
    source = fixture(
        {"result": PAIRS},
        rows="result",
        row_replacements=[{"[0]": "symbol", "[1].altname": '"A"'}, {"[0]": '"K"', "[1].altname": '"B"'}],
        row_removals=["[1].lot_decimals"],
    )
    assert source == """{'result': {symbol: {'altname': "A"}, "K": {'altname': "B"}}}"""


def _variant() -> str:
    """Gate.io with its pairs and balances documented as maps keyed by pair and currency."""
    text = shipped("gate_io")
    swaps = [
        ("      - id: ETH_USDT\n        base: ETH\n", "      ETH_USDT:\n        base: ETH\n"),
        (
            "    symbol: id\n    base: base\n    quote: quote\n",
            '    symbol: "[0]"\n    base: "[1].base"\n    quote: "[1].quote"\n',
        ),
        ("{field: trade_status, equals: tradable}", '{field: "[1].trade_status", equals: tradable}'),
        ("{path: min_base_amount,", '{path: "[1].min_base_amount",'),
        ("{path: precision,", '{path: "[1].precision",'),
        ("{path: amount_precision,", '{path: "[1].amount_precision",'),
        ("{path: min_quote_amount,", '{path: "[1].min_quote_amount",'),
        ('      - currency: ETH\n        available: "968.8"\n', '      ETH:\n        available: "968.8"\n'),
        (
            "  asset: currency\n  available: available\n  locked: locked\n",
            '  asset: "[0]"\n  available: "[1].available"\n  locked: "[1].locked"\n',
        ),
    ]
    for old, new in swaps:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_an_empty_map_of_symbols_is_refused(tmp_path: Path):
    text = _variant()
    start = text.index("      ETH_USDT:\n")
    end = text.index('  # Public "Retrieve ticker information"')
    result = validate(tmp_path, "gate_io", text[:start].rstrip() + " {}\n" + text[end:])
    assert result.exit_code == 2
    assert "markets.symbols.rows: expected a non-empty list (or map) of symbols in the example" in result.output


@pytest.mark.timeout(600)
def test_map_rows_pass_the_generated_suite_and_market_tests(tmp_path: Path):
    connector = generate_variant(tmp_path, "gate_io", _variant())
    exchange = (connector / "hummingbot/connector/exchange/gate_io/gate_io_exchange.py").read_text()
    assert "for balance_entry in account_info.items():" in exchange
    assert "mapping[symbol_data[0]]" in exchange
    assert passes_suite_and_market_tests(connector)
