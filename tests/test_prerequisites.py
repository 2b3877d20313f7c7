"""`prerequisites`: a value the connector requests once (signed) and keeps, for the paths and parameters of the order
and balance requests (HTX: the spot account's `id` from `GET /v1/account/accounts`, in
`/v1/account/accounts/{account-id}/balance` and in the order's `account-id`).

No shipped spec needs it; here a variant of specs/gate_io.yaml that reads an account id as HTX documents its account
list (an `otc` account listed before the `spot` one), requests its balances at `/spot/accounts/{account_id}/balance`
and places orders with `account: "{account_id}"`: its generated suite and market tests (the loopback exchange refuses
another account id in the path) run against Hummingbot, and the refusals.
"""

from pathlib import Path

import pytest
from spec_variants import assert_refused, generate_variant, passes_suite_and_market_tests, shipped

GATE_ACCOUNTS = """  accounts:
    path: /spot/accounts
    constant: USER_BALANCES_PATH_URL
    weights: {PRIVATE_POINTS: 1}
"""
ACCOUNT_LIST = """  account_list:
    path: /v1/account/accounts
    constant: ACCOUNT_ID_URL
    weights: {PRIVATE_POINTS: 1}
    example_response:
      status: ok
      data:
        - {id: 100009, type: otc, subtype: "", state: working}
        - {id: 100001, type: spot, subtype: "", state: working}
"""
BALANCE_BY_ACCOUNT = """  accounts:
    path: /spot/accounts/{account_id}/balance
    constant: USER_BALANCES_PATH_URL
    limit_id: USER_BALANCES_LIMIT_ID
    weights: {PRIVATE_POINTS: 1}
"""
PREREQUISITES = """prerequisites:
  account_id: {endpoint: account_list, value: "data[type=spot].id"}
"""
GATE_CREATE = '      text: "{client_order_id}"\n'


def _variant(prerequisites: str = PREREQUISITES, accounts: str = BALANCE_BY_ACCOUNT, create: str = "") -> str:
    text = shipped("gate_io")
    for part in (GATE_ACCOUNTS, GATE_CREATE, "\nmarkets:\n"):
        assert text.count(part) == 1, part
    return (
        text.replace(GATE_ACCOUNTS, ACCOUNT_LIST + accounts)
        .replace("\nmarkets:\n", "\n" + prerequisites + "\nmarkets:\n")
        .replace(GATE_CREATE, GATE_CREATE + create)
    )


@pytest.mark.timeout(900)
def test_an_account_id_requested_once_fills_a_path_and_an_order_parameter(tmp_path: Path):
    connector = generate_variant(tmp_path, "gate_io", _variant(create='      account: "{account_id}"\n'))
    exchange = (connector / "hummingbot/connector/exchange/gate_io/gate_io_exchange.py").read_text()
    assert "    async def _prerequisite_account_id(self) -> Any:\n" in exchange
    assert (
        '            self._prerequisites["account_id"] = '
        'next(item for item in response["data"] if item["type"] == "spot")["id"]\n'
    ) in exchange
    assert "path_url=CONSTANTS.USER_BALANCES_PATH_URL.format(account_id=await self._prerequisite_account_id())," in (
        exchange
    )
    assert '            "account": await self._prerequisite_account_id(),\n' in exchange
    tests = (connector / "test/hummingbot/connector/exchange/gate_io/test_gate_io_exchange.py").read_text()
    assert "async def test_prerequisite_account_id_is_requested_once_and_kept(self, mock_api):" in tests
    assert passes_suite_and_market_tests(connector)


@pytest.mark.parametrize(
    "prerequisites, accounts, create, expected",
    [
        (
            "",
            BALANCE_BY_ACCOUNT,
            "",
            "endpoints.accounts.path: {account_id} is unknown where balances.endpoint requests this endpoint "
            "(it fills in no placeholder)",
        ),
        (
            PREREQUISITES,
            BALANCE_BY_ACCOUNT,
            '      account: "{acount_id}"\n',
            "orders.create.params.account: unknown placeholder {acount_id}; expected one of account_id, amount,",
        ),
        (
            'prerequisites:\n  account_id: {endpoint: account_list, value: "data[type=margin].id"}\n',
            BALANCE_BY_ACCOUNT,
            "",
            "prerequisites.account_id.value: ",
        ),
        (
            'prerequisites:\n  account_id: {endpoint: accounts_list, value: "data[type=spot].id"}\n',
            BALANCE_BY_ACCOUNT,
            "",
            "prerequisites.account_id.endpoint: unknown endpoint 'accounts_list'; did you mean 'account_list'?",
        ),
        (
            'prerequisites:\n  symbol: {endpoint: account_list, value: "data[type=spot].id"}\n',
            GATE_ACCOUNTS,
            "",
            "prerequisites.symbol: {symbol} is a value the requests fill in themselves: name it otherwise",
        ),
        (
            'prerequisites:\n  Account: {endpoint: account_list, value: "data[type=spot].id"}\n',
            GATE_ACCOUNTS,
            "",
            "prerequisites.Account: 'Account': a prerequisite's name is a lowercase identifier (account_id)",
        ),
    ],
)
def test_unknown_or_undocumented_prerequisites_are_refused(
    tmp_path: Path, prerequisites: str, accounts: str, create: str, expected: str
):
    assert_refused(tmp_path, "gate_io", _variant(prerequisites, accounts, create), expected)
