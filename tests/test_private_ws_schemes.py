"""The private websocket schemes no shipped spec uses: generated from a Binance variant and run against Hummingbot.

`listen_key` (a REST-created key in the URL, kept alive by PUT) is Binance's former user stream; the variant below
is Binance's spec with its user stream switched to it, as Binance documented it (POST/PUT /api/v3/userDataStream,
`wss://stream.binance.com:9443/ws/<listenKey>`, keep-alive every 30 minutes).
"""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.runner import run_suite

SIGNED_SUBSCRIBE = """  private_ws:
    scheme: signed_subscribe
    method: userDataStream.subscribe.signature
    api_key_param: apiKey
    timestamp_param: timestamp
    signature_param: signature
    success: {field: status, equals: 200}
    # Events arrive wrapped as {"subscriptionId": 0, "event": {...}}.
    event_envelope: event
"""
LISTEN_KEY = """  private_ws:
    scheme: listen_key
    listen_key: {endpoint: user_stream, key: listenKey, param: listenKey, keepalive_interval: 1800}
"""
LISTEN_KEY_ENDPOINT = """endpoints:
  user_stream:
    path: /userDataStream
    constant: USER_STREAM_PATH_URL
    weights: {REQUEST_WEIGHT: 2, RAW_REQUESTS: 1}
    example_response: {listenKey: pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1}
"""
SUBSCRIBE_RESPONSE = """  example_subscribe_response:
    id: d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0
    status: 200
    result: {subscriptionId: 0}"""


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def listen_key_variant(binance: str) -> str:
    text = _replace(
        binance,
        "  private_ws: wss://ws-api.binance.{domain}:443/ws-api/v3\n",
        "  private_ws: wss://stream.binance.{domain}:9443/ws/{listen_key}\n",
    )
    text = _replace(text, SIGNED_SUBSCRIBE, LISTEN_KEY)
    text = _replace(text, "endpoints:\n", LISTEN_KEY_ENDPOINT)
    # Events come bare; the only other message, a reply to a SUBSCRIBE request, has no event type.
    text = _replace(
        text,
        "user_stream:\n  route_field: e\n",
        "user_stream:\n  queue_when: {field: e, truthy: true}\n  route_field: e\n",
    )
    return _replace(text, SUBSCRIBE_RESPONSE, "  example_subscribe_response: {result: null, id: 1}")


def _validate(tmp_path: Path, text: str):
    spec = tmp_path / "binance.yaml"
    spec.write_text(text)
    return CliRunner().invoke(app, ["validate", str(spec)])


def test_listen_key_variant_is_valid(tmp_path: Path, binance_spec_text: str):
    result = _validate(tmp_path, listen_key_variant(binance_spec_text))
    assert result.exit_code == 0, result.output


def test_listen_key_url_must_carry_the_key(tmp_path: Path, binance_spec_text: str):
    text = _replace(listen_key_variant(binance_spec_text), "/ws/{listen_key}\n", "/ws\n")
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "urls.private_ws: the listen_key scheme connects with {listen_key} in this URL" in result.output


def test_a_scheme_refuses_the_keys_of_another(tmp_path: Path, binance_spec_text: str):
    text = _replace(
        listen_key_variant(binance_spec_text), "    scheme: listen_key\n", "    scheme: listen_key\n    method: x\n"
    )
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "auth.private_ws.method: scheme listen_key does not use method" in result.output


def test_login_needs_its_message(tmp_path: Path, binance_spec_text: str):
    text = _replace(
        binance_spec_text,
        SIGNED_SUBSCRIBE,
        "  private_ws:\n    scheme: login\n    success: {field: status, equals: 200}\n",
    )
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "auth.private_ws.login_message: scheme login needs login_message" in result.output
    assert "auth.private_ws.signature: scheme login needs signature" in result.output


@pytest.mark.timeout(300)
def test_listen_key_user_stream_and_auth_suites_pass_against_hummingbot(tmp_path: Path, binance_spec_text: str):
    spec = tmp_path / "specs" / "binance.yaml"
    spec.parent.mkdir()
    spec.write_text(listen_key_variant(binance_spec_text))
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    source = (
        tmp_path / "generated/binance/hummingbot/connector/exchange/binance/binance_api_user_stream_data_source.py"
    ).read_text()
    assert "async def _keep_listen_key_alive(self):" in source
    assert run_suite(tmp_path / "generated" / "binance", ["-q", "-k", "user_stream or auth", "-p", "no:warnings"]) == 0
