"""A websocket token from a REST prerequisite that travels in the subscriptions (Kraken: POST GetWebSocketsToken,
then `{"event": "subscribe", "subscription": {"name": "ownTrades", "token": "..."}}` on wss://ws-auth.kraken.com):
`auth.private_ws.token` without `server` connects to `urls.private_ws` and fills `{token}` in
`user_stream.subscriptions`.

A KuCoin variant sends its bullet token in its private subscriptions instead of the URL: its generated suite passes,
and its market tests pass against a sandbox that authenticates the subscriptions by the token they carry.
"""

from pathlib import Path

import pytest
from spec_variants import generate_variant, passes_suite_and_market_tests, shipped, validate

SERVER = """      server: data.instanceServers[0].endpoint
      ping_interval: {path: "data.instanceServers[0].pingInterval", unit: ms}
      connect_url: "{server}?token={token}&connectId={connect_id}"
"""
NO_SERVER = """      ping_interval: {path: "data.instanceServers[0].pingInterval", unit: ms}
"""
SUBSCRIPTION = "privateChannel: true, response: false}"


def variant(
    token_settings: str = NO_SERVER, subscription: str = 'privateChannel: true, response: false, token: "{token}"}'
) -> str:
    text = shipped("kucoin")
    assert text.count(SERVER) == 1 and text.count(SUBSCRIPTION) == 2
    return text.replace(SERVER, token_settings).replace(SUBSCRIPTION, subscription)


def _validate(tmp_path: Path, text: str):
    return validate(tmp_path, "kucoin", text)


def test_token_in_subscriptions_needs_a_token_without_server(tmp_path: Path):
    result = _validate(tmp_path, variant(token_settings=SERVER))
    assert result.exit_code == 2
    assert "user_stream.subscriptions[0].message.token: unknown placeholder {token}" in result.output


def test_a_connect_url_needs_a_server(tmp_path: Path):
    result = _validate(tmp_path, variant(token_settings=NO_SERVER + '      connect_url: "{server}?t={token}"\n'))
    assert result.exit_code == 2
    assert "auth.private_ws.token.connect_url: without server the connection goes to urls.private_ws" in result.output


def test_the_public_token_needs_its_server(tmp_path: Path):
    text = variant()
    public_server = "    server: data.instanceServers[0].endpoint\n"
    assert text.count(public_server) == 1
    text = text.replace(public_server, "")
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "public_ws.token.server: the public websocket connects to the announced server" in result.output


@pytest.mark.timeout(600)
def test_token_in_subscriptions_passes_the_generated_suite_and_market_tests(tmp_path: Path):
    connector = generate_variant(tmp_path, "kucoin", variant())
    package = connector / "hummingbot/connector/exchange/kucoin"
    source = (package / "kucoin_api_user_stream_data_source.py").read_text()
    assert 'self._ws_token = response["data"]["token"]' in source and '"token": self._ws_token' in source
    assert "WSS_PRIVATE_URL = " in (package / "kucoin_constants.py").read_text()
    assert passes_suite_and_market_tests(connector)


@pytest.mark.timeout(600)
def test_a_token_read_alone_is_fetched_by_get_auth_token(tmp_path: Path):
    """Without server and ping interval only the token is read from the response: `get_auth_token()` fetches it, as
    Hummingbot's Kraken data source names it, and the generated suite calls it."""
    ping = "  ping: {message: {id: \"{request_id}\", type: ping}, schedule: after_last_sent}\n"
    text = variant(token_settings="")
    assert text.count(ping) == 1
    text = text.replace(ping, ping.replace("schedule:", "interval: 18, schedule:"))
    connector = generate_variant(tmp_path, "kucoin", text)
    package = connector / "hummingbot/connector/exchange/kucoin"
    source = (package / "kucoin_api_user_stream_data_source.py").read_text()
    assert "    async def get_auth_token(self) -> str:\n" in source
    assert 'return response["data"]["token"]' in source and "self._ws_token = await self.get_auth_token()" in source
    tests = (connector / "test/hummingbot/connector/exchange/kucoin/test_kucoin_api_user_stream_data_source.py").read_text()
    assert "await self.data_source.get_auth_token()" in tests
    assert passes_suite_and_market_tests(connector)


def test_a_token_read_with_its_ping_interval_is_fetched_on_connection(tmp_path: Path):
    connector = generate_variant(tmp_path, "kucoin", variant())
    source = (connector / "hummingbot/connector/exchange/kucoin/kucoin_api_user_stream_data_source.py").read_text()
    assert "get_auth_token" not in source
