"""Balance amounts `{sum: [...]}` and `{first_of: [...]}` (balances and user-stream balance events).

specs/okx.yaml ships with them: OKX leaves the fields that do not apply to the account's mode "" (available is
availBal or availEq; the total eq, or availBal + frozenBal). Its generated `test_update_balances` serves the base and
the quote asset through different alternatives. Here: the generated code, a balance-event variant run against
Hummingbot, the test rows, and the refusals.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, shipped, validate

from scaffolder.spec import load_spec
from scaffolder.testcontext.balances import balance_rows
from scaffolder.testing.runner import run_suite

OKX_BALANCES = "  available: {first_of: [availBal, availEq]}\n  total: {first_of: [eq, {sum: [availBal, frozenBal]}]}\n"
OKX_EVENT = "    available: availBal\n    locked: frozenBal\n"


def test_okx_reads_the_first_field_that_holds_a_value(tmp_path: Path):
    connector = generate_variant(tmp_path, "okx", shipped("okx"))
    source = (connector / "hummingbot/connector/exchange/okx/okx_exchange.py").read_text()
    assert (
        "            self._account_available_balances[asset_name] = (\n"
        '                Decimal(balance_entry["availBal"])\n'
        '                if balance_entry.get("availBal")\n'
        '                else Decimal(balance_entry["availEq"])\n'
        "            )\n"
    ) in source
    assert (
        '                Decimal(balance_entry["eq"])\n'
        '                if balance_entry.get("eq")\n'
        '                else Decimal(balance_entry["availBal"]) + Decimal(str(balance_entry.get("frozenBal", 0)))\n'
    ) in source


def test_the_base_and_quote_rows_take_different_alternatives():
    balances = load_spec(Path(__file__).resolve().parent.parent / "specs" / "okx.yaml").balances
    row = {"availBal": "1", "availEq": "1", "eq": "1", "frozenBal": "0", "ccy": "USDT"}
    base, quote = balance_rows(balances, row, [("BASE", "10", "15"), ("QUOTE", "2000", "2000")])
    # The base asset: availBal, and the total as availBal + frozenBal (eq empty); the quote asset: availEq and eq.
    assert base == {"ccy": "BASE", "eq": "''", "availBal": "'10'", "frozenBal": "'5'"}
    assert quote == {"ccy": "QUOTE", "availBal": "''", "availEq": "'2000'", "eq": "'2000'"}


@pytest.mark.timeout(300)
def test_a_balance_event_with_alternatives_passes_the_suite(tmp_path: Path):
    text = shipped("okx")
    assert text.count(OKX_EVENT) == 1
    variant = text.replace(
        OKX_EVENT, "    available: {first_of: [availBal, availEq]}\n    locked: {sum: [frozenBal]}\n"
    )
    connector = generate_variant(tmp_path, "okx", variant)
    source = (connector / "hummingbot/connector/exchange/okx/okx_exchange.py").read_text()
    assert 'if balance_entry.get("availBal")' in source
    assert run_suite(connector, [*QUIET, "-k", "balance"]) == 0


@pytest.mark.parametrize(
    "amounts, expected",
    [
        (
            "  available: {first_of: [availBal]}\n  total: eq\n",
            "balances.available.first_of: List should have at least 2 items",
        ),
        (
            "  available: {first_of: [availBal, availEquity]}\n  total: eq\n",
            "balances.available.first_of[1]: the example payload has no value at 'availEquity'",
        ),
        (
            "  available: availBal\n  total: {first_of: [eq, {sum: [availBal, frozen]}]}\n",
            "balances.total.first_of[1].sum[1]: the example payload has no value at 'frozen'",
        ),
        (
            "  available: 5\n  total: eq\n",
            "balances.available: expected a field path, {sum: [paths]} or {first_of: [paths or sums]} (found 5)",
        ),
        (
            "  available: availBal\n  total: {sum: []}\n",
            "balances.total.sum: List should have at least 1 item",
        ),
    ],
)
def test_amounts_without_alternatives_or_documented_fields_are_refused(tmp_path: Path, amounts: str, expected: str):
    text = shipped("okx")
    assert text.count(OKX_BALANCES) == 1
    result = validate(tmp_path, "okx", text.replace(OKX_BALANCES, amounts))
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "okx.yaml:" in result.output
