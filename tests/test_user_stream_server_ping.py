"""`user_stream.server_ping`: a ping the server sends on the private stream, answered and never queued (HTX's asset
and order websocket v2 sends {"action": "ping", "data": {"ts": ...}} and expects {"action": "pong", "data": {"ts":
...}}); the same model as `public_ws.server_ping`, whose `value` reads the ping's value elsewhere than `when.field`.

No shipped spec uses it. Here: a Binance variant whose private stream sends HTX's ping passes its generated user stream
tests against Hummingbot (the generated test sends the ping between the subscribe reply and an event, and checks the
reply and that only the event is queued); a public server ping read through `value` passes the order book suite;
contradictions are refused with positions. The loopback exchange sends no server pings: market tests do not cover it.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, shipped, validate

from scaffolder.testing.runner import run_suite

USER_STREAM = "user_stream:\n  route_field: e\n"
SERVER_PING = """  server_ping:
    when: {field: action, equals: ping}
    value: data.ts
    reply: {action: pong, data: {ts: "{ping}"}}
    example: {action: ping, data: {ts: 1575537778295}}
"""
HEARTBEAT = "public_ws:\n  heartbeat_interval: 30\n"


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def binance_user_server_ping() -> str:
    return _replace(shipped("binance"), USER_STREAM, USER_STREAM + SERVER_PING)


def binance_public_server_ping() -> str:
    return _replace(shipped("binance"), HEARTBEAT, HEARTBEAT + SERVER_PING)


def test_the_ping_is_answered_before_anything_is_queued(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", binance_user_server_ping())
    source = (connector / "hummingbot/connector/exchange/binance/binance_api_user_stream_data_source.py").read_text()
    assert (
        '        if isinstance(event_message, dict) and event_message.get("action") == "ping":\n'
        "            # The server's ping: answered on the connection, not queued.\n"
        "            await self._ws_assistant.send(\n"
        '                WSJSONRequest(payload={"action": "pong", "data": {"ts": event_message["data"]["ts"]}})\n'
        "            )\n"
        "            return\n"
    ) in source
    assert "WSJSONRequest" in source.split("class ")[0]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("    value: data.ts\n", "    value: data.time\n", "user_stream.server_ping.value:"),
        ('    reply: {action: pong, data: {ts: "{ping}"}}\n', '    reply: {action: pong, data: {ts: "{pong}"}}\n',
         "user_stream.server_ping.reply.data.ts:"),
        ("    when: {field: action, equals: ping}\n", "    when: {field: op, equals: ping}\n",
         "user_stream.server_ping.when.field:"),
    ],
)
def test_contradictory_server_pings_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    assert validate(tmp_path, "binance", binance_user_server_ping()).exit_code == 0
    result = validate(tmp_path, "binance", _replace(binance_user_server_ping(), old, new))
    assert result.exit_code == 2
    assert expected in result.output


@pytest.mark.timeout(300)
def test_binance_answering_the_private_server_ping_passes_its_user_stream_tests(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", binance_user_server_ping())
    suite = (connector / "test/hummingbot/connector/exchange/binance/test_binance_api_user_stream_data_source.py")
    assert "async def test_listen_for_user_stream_answers_server_ping" in suite.read_text()
    assert run_suite(connector, [*QUIET, "-k", "user_stream"]) == 0


@pytest.mark.timeout(300)
def test_a_public_server_ping_read_at_value_passes_the_order_book_suite(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", binance_public_server_ping())
    source = (connector / "hummingbot/connector/exchange/binance/binance_api_order_book_data_source.py").read_text()
    assert 'payload={"action": "pong", "data": {"ts": event_message["data"]["ts"]}}' in source
    assert run_suite(connector, [*QUIET, "-k", "order_book"]) == 0
