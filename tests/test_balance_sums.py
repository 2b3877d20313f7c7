"""`balances.locked` (and `user_stream.balance_event.locked`) as a list: the amount not available is the sum of
several fields (Backpack reports funds in staking or auto-lending under `staked`, beside `locked`).

specs/backpack.yaml ships with it; its generated suite splits the locked amount between the fields, so a connector
reading only one of them fails. Here: the generated code, and the refusals.
"""

from pathlib import Path

import pytest
from spec_variants import generate_variant, shipped, validate

BACKPACK_LOCKED = '  locked: ["[1].locked", "[1].staked"]\n'


def test_backpack_adds_staked_funds_to_the_total(tmp_path: Path):
    connector = generate_variant(tmp_path, "backpack", shipped("backpack"))
    exchange = (connector / "hummingbot/connector/exchange/backpack/backpack_exchange.py").read_text()
    total = (
        "            self._account_balances[asset_name] = (\n"
        '                Decimal(balance_entry[1]["available"])\n'
        '                + Decimal(balance_entry[1]["locked"])\n'
        '                + Decimal(str(balance_entry[1].get("staked", 0)))\n'
        "            )\n"
    )
    assert total in exchange
    assert 'self._account_available_balances[asset_name] = Decimal(balance_entry[1]["available"])\n' in exchange


@pytest.mark.parametrize(
    "locked, expected",
    [
        ("  locked: []\n", "balances.locked: an empty list: give the fields whose sum is locked"),
        (
            '  locked: ["[1].locked", "[1].lent"]\n',
            "balances.locked[1]: the example payload has no value at '[1].lent'",
        ),
    ],
)
def test_a_sum_of_no_fields_or_of_undocumented_fields_is_refused(tmp_path: Path, locked: str, expected: str):
    text = shipped("backpack")
    assert text.count(BACKPACK_LOCKED) == 1
    result = validate(tmp_path, "backpack", text.replace(BACKPACK_LOCKED, locked))
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "backpack.yaml:" in result.output
