"""`auth.private_ws.login_reply: after_subscriptions`: the user stream's subscriptions follow the login message at
once, and the first reply, the login's, is read and checked after them (a failed login still raises). Bybit's spec
uses it (its docs do not ask to wait for the auth's reply before subscribing); here an OKX variant, whose login reply
is `{"event": "login", ...}`, passes its generated suite against Hummingbot (the generated failed-login test checks
that the subscriptions were sent before the reply was read) and its market tests against the loopback exchange,
which answers the messages in order. Contradictions are refused with their position.
"""

from pathlib import Path

import pytest
from spec_variants import assert_refused, generate_variant, passes_suite_and_market_tests, shipped

SUCCESS = "    success: {field: event, equals: login}\n"
AFTER = SUCCESS + "    login_reply: after_subscriptions\n"


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def okx_login_reply_after_subscriptions() -> str:
    return _replace(shipped("okx"), SUCCESS, AFTER)


def test_the_subscriptions_are_sent_before_the_login_reply_is_read(tmp_path: Path):
    connector = generate_variant(tmp_path, "okx", okx_login_reply_after_subscriptions())
    source = (connector / "hummingbot/connector/exchange/okx/okx_api_user_stream_data_source.py").read_text()
    assert (
        "            await websocket_assistant.send(WSJSONRequest(payload=self._auth.ws_login_message()))\n"
        '            await websocket_assistant.send(WSJSONRequest(payload={"op": "subscribe", "args": [{"channel": '
        '"account"}]}))\n'
    ) in source
    sent, checked = source.index('"channel": "orders"'), source.index("response = await websocket_assistant.receive()")
    assert sent < checked
    suite = (connector / "test/hummingbot/connector/exchange/okx/test_okx_api_user_stream_data_source.py").read_text()
    assert "# The subscriptions follow the login message before its reply is read" in suite


def test_the_shipped_okx_spec_reads_the_reply_first(tmp_path: Path):
    connector = generate_variant(tmp_path, "okx", shipped("okx"))
    source = (connector / "hummingbot/connector/exchange/okx/okx_api_user_stream_data_source.py").read_text()
    assert source.index("response = await websocket_assistant.receive()") < source.index('"channel": "account"')


@pytest.mark.parametrize(
    "name, old, new, expected",
    [
        # Binance subscribes with one signed request: no login message, no login reply.
        ("binance", "    success: {field: status, equals: 200}\n",
         "    success: {field: status, equals: 200}\n    login_reply: after_subscriptions\n",
         "auth.private_ws.login_reply: only the login scheme has a login reply (scheme signed_subscribe)"),
        # Nothing to send before the reply.
        ("okx", "  subscriptions:\n    - message: {op: subscribe, args: [{channel: account}]}\n"
         "    - message: {op: subscribe, args: [{channel: orders, instType: SPOT}]}\n", "",
         "auth.private_ws.login_reply: no user_stream.subscriptions to send before the reply"),
        ("okx", "    login_reply: after_subscriptions\n", "    login_reply: after_login\n",
         "auth.private_ws.login_reply:"),
    ],
)
def test_contradictions_are_refused(tmp_path: Path, name: str, old: str, new: str, expected: str):
    text = okx_login_reply_after_subscriptions() if name == "okx" else shipped(name)
    if name == "binance":
        assert old in text, "binance's success predicate moved"
    assert_refused(tmp_path, name, _replace(text, old, new), expected)


@pytest.mark.timeout(600)
def test_okx_subscribing_before_the_login_reply_passes_its_suite_and_market_tests(tmp_path: Path):
    connector = generate_variant(tmp_path, "okx", okx_login_reply_after_subscriptions())
    assert passes_suite_and_market_tests(connector)
