"""`prerequisites.*.values` / `default` (the value read is mapped to the one later requests send) and
`prerequisites.*.attribute` / `method` (Hummingbot's names for where it is kept and for the method requesting it anew).

Bybit ships with them: "Get Account Info"'s `unifiedMarginStatus` (1: a classic account, whose spot balances are
under `accountType=SPOT`; 3 to 6: unified accounts, `UNIFIED`) is kept as `_account_type` by `_update_account_type()`,
the names of Hummingbot's Bybit connector, and fills `balances.params`. Its generated suite tests the mapping, the
default and the renewal; its market tests run against the loopback exchange. Here, the same mapping kept in the
`_prerequisites` dict: the HTX-like Gate.io variant of tests/test_prerequisites.py maps its account id to the text its
balance path carries (the loopback exchange refuses any other), and the contradictions are refused with positions.
"""

from pathlib import Path

import pytest
from spec_variants import assert_refused, generate_variant, passes_suite_and_market_tests, shipped
from test_prerequisites import PREREQUISITES, _variant

MAPPED = """prerequisites:
  account_id: {endpoint: account_list, value: "data[type=spot].id", values: {"100001": spot-100001}}
"""
BYBIT = """    values: {"1": SPOT}
    default: UNIFIED
    attribute: _account_type
    method: _update_account_type
"""


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_bybit_keeps_its_account_type_under_hummingbots_names():
    source = (
        Path(__file__).resolve().parent.parent / "generated/bybit/hummingbot/connector/exchange/bybit/bybit_exchange.py"
    ).read_text()
    assert "        self._account_type: Optional[Any] = None\n" in source
    assert (
        "    async def _update_account_type(self) -> None:\n"
        '        """Requests the prerequisite `account_type` (signed) and keeps it."""\n'
        "        response = await self._api_get(path_url=CONSTANTS.ACCOUNT_INFO_PATH_URL, is_auth_required=True)\n"
        '        self._account_type = {"1": "SPOT"}.get(str(response["result"]["unifiedMarginStatus"]), "UNIFIED")\n'
    ) in source
    assert '            params={"accountType": await self._prerequisite_account_type()},\n' in source


@pytest.mark.timeout(900)
def test_a_mapped_account_id_kept_in_the_dict_fills_the_balance_path(tmp_path: Path):
    connector = generate_variant(tmp_path, "gate_io", _replace(_variant(), PREREQUISITES, MAPPED))
    exchange = (connector / "hummingbot/connector/exchange/gate_io/gate_io_exchange.py").read_text()
    assert (
        '            self._prerequisites["account_id"] = {"100001": "spot-100001"}[\n'
        '                str(next(item for item in response["data"] if item["type"] == "spot")["id"])\n'
        "            ]\n"
    ) in exchange
    assert passes_suite_and_market_tests(connector)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('    values: {"1": SPOT}\n', "", "prerequisites.account_type.default: a default stands for the values read"),
        ("    default: UNIFIED\n", "", "prerequisites.account_type.values: the documented value 4 is not listed"),
        ("    attribute: _account_type\n", "    attribute: account_type\n",
         "prerequisites.account_type.attribute: 'account_type': a private identifier"),
        ("    method: _update_account_type\n", "    method: _account_type\n",
         "prerequisites.account_type.method: the method and the attribute need names of their own"),
    ],
)
def test_contradictions_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    text = shipped("bybit")
    assert BYBIT in text
    assert_refused(tmp_path, "bybit", _replace(text, old, new), expected)
