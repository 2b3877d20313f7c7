"""`{time_ms}` in websocket messages: the data source's clock in milliseconds, `int(self._time() * 1e3)`, wherever
`{time}` (whole seconds, Gate.io's `time`) may be used: public subscribe, unsubscribe and ping messages, private
subscriptions and pings. Crypto.com's Exchange API v1 stamps each websocket request with `nonce`, the current time in
milliseconds.

No shipped spec uses it: Bybit documents `{"op": "ping"}` with an optional `req_id` (any id of the client's), so
here a Bybit variant sends the time in milliseconds as both pings' `req_id` and as `nonce` in its private
subscriptions. Its generated suite passes against Hummingbot (the ping and subscription tests patch the data
source's clock and expect literal milliseconds), and its market tests against the loopback exchange, which reads
a whole-string placeholder as any value. Misspelt placeholders are refused with their position.
"""

from pathlib import Path

import pytest
from spec_variants import assert_refused, generate_variant, passes_suite_and_market_tests, shipped

PUBLIC_PING = "  ping:\n    message: {op: ping}\n"
USER_PING = "  ping: {message: {op: ping}, interval: 20}\n"
SUBSCRIPTION = "    - message: {op: subscribe, args: [order]}\n"


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def bybit_time_ms() -> str:
    text = _replace(shipped("bybit"), PUBLIC_PING, '  ping:\n    message: {op: ping, req_id: "{time_ms}"}\n')
    text = _replace(text, USER_PING, '  ping: {message: {op: ping, req_id: "{time_ms}"}, interval: 20}\n')
    return _replace(text, SUBSCRIPTION, '    - message: {op: subscribe, args: [order], nonce: "{time_ms}"}\n')


def test_the_messages_carry_the_clock_in_milliseconds(tmp_path: Path):
    connector = generate_variant(tmp_path, "bybit", bybit_time_ms())
    package = connector / "hummingbot/connector/exchange/bybit"
    public = (package / "bybit_api_order_book_data_source.py").read_text()
    private = (package / "bybit_api_user_stream_data_source.py").read_text()
    assert 'payload={"op": "ping", "req_id": int(self._time() * 1e3)}' in public
    assert 'payload={"op": "ping", "req_id": int(self._time() * 1e3)}' in private
    assert '{"op": "subscribe", "args": ["order"], "nonce": int(self._time() * 1e3)}' in private
    tests = connector / "test/hummingbot/connector/exchange/bybit"
    # The tests' clocks: 1640000000.25 (user stream) and 1700000000.5 (order book), as literals in milliseconds.
    assert '{"op": "subscribe", "args": ["order"], "nonce": 1640000000250}' in (
        tests / "test_bybit_api_user_stream_data_source.py"
    ).read_text()
    assert '{"op": "ping", "req_id": 1700000000500}' in (tests / "test_bybit_api_order_book_data_source.py").read_text()


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (USER_PING, '  ping: {message: {op: ping, req_id: "{time_us}"}, interval: 20}\n',
         "user_stream.ping.message.req_id: unknown placeholder {time_us}"),
        (PUBLIC_PING, '  ping:\n    message: {op: ping, req_id: "{timems}"}\n',
         "public_ws.ping.message.req_id: unknown placeholder {timems}"),
        (SUBSCRIPTION, '    - message: {op: subscribe, args: [order], nonce: "{time_msec}"}\n',
         "user_stream.subscriptions[0].message.nonce: unknown placeholder {time_msec}"),
    ],
)
def test_unknown_placeholders_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    assert_refused(tmp_path, "bybit", _replace(shipped("bybit"), old, new), expected)


@pytest.mark.timeout(600)
def test_bybit_stamping_its_messages_in_milliseconds_passes_its_suite_and_market_tests(tmp_path: Path):
    connector = generate_variant(tmp_path, "bybit", bybit_time_ms())
    assert passes_suite_and_market_tests(connector)
