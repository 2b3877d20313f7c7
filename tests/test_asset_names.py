"""`markets.asset_aliases` (the exchange's names of assets Hummingbot names otherwise: Kraken's XBT for BTC) and
`markets.symbols.pair` (base and quote written in one field, split at a separator: Kraken's wsname "XBT/USD").

No shipped spec uses them yet: a Gate.io variant reads its pairs from the id field ("ETH_USDT") and names BTC XBT.
Its generated suite (with the alias test generated for it) passes, and so do its market tests against a sandbox
that writes the example pair BTC-USDT as XBT_USDT.
"""

from pathlib import Path

import pytest
from spec_variants import generate_variant, passes_suite_and_market_tests, shipped, validate

from scaffolder.sandbox.server import exchange_symbol
from scaffolder.spec import load_spec

BASE_QUOTE = "    base: base\n    quote: quote\n"
PAIR = "    pair: {field: id, separator: _}\n"
ALIASES = "  asset_aliases: {XBT: BTC, XDG: DOGE}\n"


def variant(pair: str = PAIR, aliases: str = ALIASES) -> str:
    text = shipped("gate_io")
    assert text.count(BASE_QUOTE) == 1 and text.count("\nmarkets:\n") == 1
    return text.replace(BASE_QUOTE, pair).replace("\nmarkets:\n", "\nmarkets:\n" + aliases)


def _validate(tmp_path: Path, text: str):
    return validate(tmp_path, "gate_io", text)


@pytest.mark.parametrize(
    "pair, aliases, expected",
    [
        ("    pair: {field: id, separator: /}\n", ALIASES, "expected base/quote in the example, found 'ETH_USDT'"),
        ("    pair: {field: idd, separator: _}\n", ALIASES, "markets.symbols.pair.field"),
        (PAIR + "    base: base\n", ALIASES, "markets.symbols.base: give either base and quote, or pair"),
        ("    base: base\n", ALIASES, "markets.symbols.quote: required (or give pair)"),
        (PAIR, "  asset_aliases: {XBT: 'B TC'}\n", "markets.asset_aliases.XBT: expected a Hummingbot asset name"),
    ],
)
def test_bad_pair_and_alias_options_are_refused(tmp_path: Path, pair: str, aliases: str, expected: str):
    result = _validate(tmp_path, variant(pair, aliases))
    assert result.exit_code == 2
    assert expected in result.output


def test_the_sandbox_names_assets_as_the_exchange_does(tmp_path: Path):
    spec_path = tmp_path / "gate_io.yaml"
    spec_path.write_text(variant())
    spec = load_spec(spec_path)
    assert exchange_symbol(spec, "BTC-USDT") == "XBT_USDT"
    assert spec.markets.exchange_asset("DOGE") == "XDG"
    assert spec.markets.exchange_asset("ETH") == "ETH"


@pytest.mark.timeout(600)
def test_split_pairs_and_aliases_pass_the_generated_suite_and_market_tests(tmp_path: Path):
    connector = generate_variant(tmp_path, "gate_io", variant())
    package = connector / "hummingbot/connector/exchange/gate_io"
    assert 'ASSET_ALIASES = {"XBT": "BTC", "XDG": "DOGE"}' in (package / "gate_io_constants.py").read_text()
    assert 'base, quote = symbol_data["id"].split("_")' in (package / "gate_io_exchange.py").read_text()
    exchange_test = (connector / "test/hummingbot/connector/exchange/gate_io/test_gate_io_exchange.py").read_text()
    assert "def test_exchange_asset_names_become_hummingbot_names" in exchange_test
    assert passes_suite_and_market_tests(connector)
