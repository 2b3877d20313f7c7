"""`balances.kinds`: balances written one row per asset and kind of amount (HTX's
`GET /v1/account/accounts/{account-id}/balance`: `{"currency": "usdt", "type": "trade", "balance": "91.85"}` beside
`{"currency": "usdt", "type": "frozen", "balance": "5.16"}`), each asset's amounts summed by kind, other kinds ignored.

No shipped spec needs it; here a variant of specs/gate_io.yaml whose balances come as HTX writes them: its generated
suite (the base asset's available amount in two rows, a `loan` row to ignore) and market tests run against
Hummingbot, the documented example's sums, and the refusals.
"""

from pathlib import Path

import pytest
from spec_variants import assert_refused, generate_variant, passes_suite_and_market_tests, shipped

GATE_EXAMPLE = """    example_response:
      - currency: ETH
        available: "968.8"
        locked: "0"
        update_id: 98
"""
KIND_EXAMPLE = """    example_response:
      - {currency: ETH, type: trade, balance: "968.8"}
      - {currency: ETH, type: frozen, balance: "1.2"}
      - {currency: ETH, type: loan, balance: "3"}
      - {currency: USDT, type: frozen, balance: "5"}
"""
GATE_BALANCES = """  available: available
  locked: locked
  # 968.8 available and nothing locked.
  expect:
    ETH: {available: "968.8", total: "968.8"}
"""
KINDS = "  kinds: {field: type, amount: balance, available: [trade], locked: [frozen]}\n"
EXPECT = """  expect:
    ETH: {available: "968.8", total: "970.0"}
    USDT: {available: "0", total: "5"}
"""


def _variant(balances: str = KINDS + EXPECT) -> str:
    text = shipped("gate_io")
    assert text.count(GATE_EXAMPLE) == 1 and text.count(GATE_BALANCES) == 1
    return text.replace(GATE_EXAMPLE, KIND_EXAMPLE).replace(GATE_BALANCES, balances)


@pytest.mark.timeout(900)
def test_balances_by_kind_add_up_per_asset(tmp_path: Path):
    connector = generate_variant(tmp_path, "gate_io", _variant())
    package = connector / "hummingbot/connector/exchange/gate_io"
    constants = (package / "gate_io_constants.py").read_text()
    assert 'BALANCE_KINDS = {"trade": "available", "frozen": "locked"}\n' in constants
    exchange = (package / "gate_io_exchange.py").read_text()
    assert '            kind = CONSTANTS.BALANCE_KINDS.get(balance_entry["type"])\n' in exchange
    assert '                amounts[kind] += Decimal(balance_entry["balance"])\n' in exchange
    assert '            self._account_balances[asset_name] = amounts["available"] + amounts["locked"]\n' in exchange
    tests = (connector / "test/hummingbot/connector/exchange/gate_io/test_gate_io_exchange.py").read_text()
    assert '{"currency": self.base_asset, "type": "loan", "balance": "7"},' in tests
    assert passes_suite_and_market_tests(connector)


@pytest.mark.parametrize(
    "balances, expected",
    [
        (
            "  available: balance\n" + KINDS,
            "balances.available: with kinds, the amounts are read by kind: give kinds.available, kinds.locked or "
            "kinds.total instead",
        ),
        (
            "  kinds: {field: type, amount: balance, available: [trade]}\n",
            "balances.kinds: give exactly two of available, locked and total (the third is computed)",
        ),
        (
            "  kinds: {field: type, amount: balance, available: [trade], locked: [frozen, trade]}\n",
            "balances.kinds: kind 'trade' is listed for two amounts",
        ),
        (
            "  kinds: {field: kind, amount: balance, available: [trade], locked: [frozen]}\n",
            "balances.kinds.field: ",
        ),
        (
            "  kinds: {field: type, amount: balance, available: [available], locked: [hold]}\n",
            "balances.kinds: no row of the example has a listed kind at 'type'",
        ),
        (
            "  kinds: {field: type, amount: balance, available: [], locked: [frozen]}\n",
            "balances.kinds.available",
        ),
    ],
)
def test_contradictory_or_undocumented_kinds_are_refused(tmp_path: Path, balances: str, expected: str):
    assert_refused(tmp_path, "gate_io", _variant(balances), expected)
