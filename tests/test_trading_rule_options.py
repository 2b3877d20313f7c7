"""Trading rules beyond the minimums: `max_order_size` (TradingRule.max_order_size), `min_quote_amount_increment`
(TradingRule.min_quote_amount_increment), and a rule written as text with its unit (`unit: true`, Bitstamp's
`"minimum_order": "20.0 USD"`).

No shipped spec needs them; here a variant of specs/kucoin.yaml reads KuCoin's documented `baseMaxSize` and
`quoteIncrement`, and its `quoteMinSize` written as `"0.1 USDT"`: its generated suite (which injects `"10 USDT"` and
expects 10) and market tests run against Hummingbot, and the refusals.
"""

from pathlib import Path

import pytest
from spec_variants import assert_refused, generate_variant, passes_suite_and_market_tests, shipped

KUCOIN_RULES = "    min_notional_size: quoteMinSize\n    expect:\n"
KUCOIN_EXPECT = '        min_notional_size: "0.1"\n'
KUCOIN_QUOTE_MIN = 'quoteMinSize: "0.1"\n'


def _variant(rules: str = "", expect: str = "", quote_min: str = 'quoteMinSize: "0.1 USDT"\n') -> str:
    text = shipped("kucoin")
    for part in (KUCOIN_RULES, KUCOIN_EXPECT, KUCOIN_QUOTE_MIN):
        assert text.count(part) == 1, part
    return (
        text.replace(KUCOIN_QUOTE_MIN, quote_min)
        .replace(KUCOIN_RULES, rules + "    expect:\n")
        .replace(KUCOIN_EXPECT, KUCOIN_EXPECT + expect)
    )


RULES = (
    "    min_notional_size: {path: quoteMinSize, unit: true}\n"
    "    max_order_size: baseMaxSize\n"
    "    min_quote_amount_increment: quoteIncrement\n"
)
EXPECT = '        max_order_size: "10000000000"\n        min_quote_amount_increment: "0.000001"\n'


@pytest.mark.timeout(900)
def test_kucoin_with_a_maximum_a_quote_step_and_a_minimum_written_with_its_unit(tmp_path: Path):
    connector = generate_variant(tmp_path, "kucoin", _variant(RULES, EXPECT))
    exchange = (connector / "hummingbot/connector/exchange/kucoin/kucoin_exchange.py").read_text()
    assert '                        min_notional_size=Decimal(rule["quoteMinSize"].split()[0]),\n' in exchange
    assert '                        max_order_size=Decimal(rule["baseMaxSize"]),\n' in exchange
    assert '                        min_quote_amount_increment=Decimal(rule["quoteIncrement"]),\n' in exchange
    tests = (connector / "test/hummingbot/connector/exchange/kucoin/test_kucoin_exchange.py").read_text()
    assert '"quoteMinSize": "10 USDT",' in tests
    assert 'max_order_size=Decimal("9000"),' in tests
    assert passes_suite_and_market_tests(connector)


@pytest.mark.parametrize(
    "rules, expect, quote_min, expected",
    [
        (
            RULES,
            EXPECT,
            'quoteMinSize: "0.1"\n',
            "markets.trading_rules.min_notional_size.unit: the example's value '0.1' is not a number followed by a "
            'unit ("20.0 USD")',
        ),
        (
            "    min_notional_size: {path: quoteMinSize, unit: true, decimals: true}\n",
            "",
            'quoteMinSize: "0.1 USDT"\n',
            "markets.trading_rules.min_notional_size.unit: a count of decimals (decimals: true) is no number written "
            "with a unit",
        ),
        (
            "    min_notional_size: {path: quoteMinSize, unit: true}\n",
            EXPECT,
            'quoteMinSize: "0.1 USDT"\n',
            "markets.trading_rules.expect.BTC-USDT.max_order_size: not read from this payload: no max_order_size mapped",
        ),
        (
            RULES,
            "",
            'quoteMinSize: "0.1 USDT"\n',
            "markets.trading_rules.expect.BTC-USDT: markets.trading_rules maps max_order_size: declare its expected "
            "value",
        ),
        (
            "    min_notional_size: {path: quoteMinSize, unit: true}\n    max_order_size: maxSize\n",
            "",
            'quoteMinSize: "0.1 USDT"\n',
            "markets.trading_rules.max_order_size: ",
        ),
    ],
)
def test_contradictory_or_undocumented_rules_are_refused(
    tmp_path: Path, rules: str, expect: str, quote_min: str, expected: str
):
    assert_refused(tmp_path, "kucoin", _variant(rules, expect, quote_min), expected)
