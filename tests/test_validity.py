"""A spec either fails `hbgen validate` with a positioned error, or generates a connector whose suite passes.

Each case is a shipped spec with one edit (issue 11). The refused ones must name the file, line, column and field;
the supported ones are generated once (a module fixture) and their suites run against Hummingbot.
"""

import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.runner import run_suite

ROOT = Path(__file__).resolve().parent.parent
Edit = Tuple[str, str]


def variant(base: str, edits: List[Edit]) -> str:
    """A shipped spec (or `binance_listen_key`, Binance with its former listen-key stream) with edits applied."""
    if base == "binance_listen_key":
        from test_private_ws_schemes import listen_key_variant

        text = listen_key_variant((ROOT / "specs" / "binance.yaml").read_text())
    else:
        text = (ROOT / "specs" / f"{base}.yaml").read_text()
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


BINANCE_BALANCE_EVENT = """  balance_event:
    route: outboundAccountPosition
    rows: B
    asset: a
    available: f
    locked: l
    example:
      e: outboundAccountPosition
      E: 1564034571105
      u: 1564034571073
      B:
        - {a: ETH, f: "10000.000000", l: "0.000000"}
    expect:
      ETH: {available: "10000.000000", total: "10000.000000"}
"""
OKX_MESSAGE = 'message: "{timestamp}{method}{request_path}{body}"'
BINANCE_TRADE_TAIL = '        p: "0.001"\n        q: "100"\n        T:'

# (id, base spec, edits, the field the error names, what it says)
REFUSED = [
    (
        "format-spec-in-placeholder",
        "okx",
        [(OKX_MESSAGE, OKX_MESSAGE.replace("{timestamp}", "{timestamp:>20}"))],
        "auth.rest.message",
        "write {timestamp}, not {timestamp:>20}",
    ),
    (
        "conversion-in-placeholder",
        "okx",
        [(OKX_MESSAGE, OKX_MESSAGE.replace("{timestamp}", "{timestamp!r}"))],
        "auth.rest.message",
        "write {timestamp}, not {timestamp!r}",
    ),
    (
        "nan-in-example",
        "binance",
        [(BINANCE_TRADE_TAIL, BINANCE_TRADE_TAIL.replace("        T:", "        X: .nan\n        T:"))],
        "public_ws.channels.trade.example.X",
        ".nan is not a JSON number",
    ),
    (
        "inf-in-example",
        "binance",
        [(BINANCE_TRADE_TAIL, BINANCE_TRADE_TAIL.replace("        T:", "        X: -.inf\n        T:"))],
        "public_ws.channels.trade.example.X",
        "-.inf is not a JSON number",
    ),
    (
        "200-deep-example",
        "binance",
        [
            (
                BINANCE_TRADE_TAIL,
                BINANCE_TRADE_TAIL.replace("        T:", f"        X: {'[' * 200}{']' * 200}\n        T:"),
            )
        ],
        # Refused while the YAML is read (hbgen's 64-level limit on any spec), before the 32-level limit on examples.
        "(root)",
        "nested more than 64 levels deep",
    ),
    (
        "literal-key-in-auth-header",
        "binance",
        [
            (
                'X-MBX-APIKEY: "{api_key}"',
                "X-MBX-APIKEY: vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
            )
        ],
        "auth.rest.headers.X-MBX-APIKEY",
        "looks like a key written in; credentials come from the user's credentials: write {api_key}",
    ),
    (
        "path-placeholder-the-request-cannot-fill",
        "binance",
        [("    path: /account\n", "    path: /account/{account_id}\n    limit_id: ACCOUNT\n")],
        "endpoints.account.path",
        "{account_id} is unknown where balances.endpoint requests this endpoint (it fills in no placeholder)",
    ),
    (
        "create-path-names-more-than-the-pair",
        "gate_io",
        [("    path: /spot/orders\n", "    path: /spot/orders/{client_order_id}\n    limit_id: ORDER\n")],
        "endpoints.order.path",
        "{client_order_id} is unknown where orders.create.endpoint requests this endpoint (it fills in {symbol})",
    ),
    (
        "listen-key-in-the-listen-key-endpoint-path",
        "binance_listen_key",
        [("    path: /userDataStream\n", "    path: /userDataStream/{listen_key}\n    limit_id: USER_STREAM\n")],
        "endpoints.user_stream.path",
        "{listen_key} is unknown where auth.private_ws.listen_key.endpoint requests this endpoint",
    ),
    (
        "status-and-fills-on-one-request",
        "binance",
        [("  fills:\n    endpoint: my_trades\n", "  fills:\n    endpoint: order\n")],
        "orders.fills.endpoint",
        "status and fills both GET endpoint 'order': one request serving both is not supported",
    ),
    (
        "timestamp-text-that-is-no-date",
        "binance",
        [("      updateTime: 1499827319559\n      isWorking", "      updateTime: yesterday\n      isWorking")],
        "orders.status.timestamp",
        "expected a number, numeric text or an ISO 8601 date-time in the example, found 'yesterday'",
    ),
    (
        "symbol-path-is-the-route-field",
        "binance",
        [("      route: trade\n      symbol: s\n", "      route: trade\n      symbol: e\n")],
        "public_ws.channels.trade.symbol",
        "the symbol cannot be read from route_field 'e'",
    ),
]


@pytest.mark.parametrize("base, edits, field, message", [case[1:] for case in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused_with_a_positioned_error(tmp_path: Path, base: str, edits: List[Edit], field: str, message: str):
    spec = tmp_path / "spec.yaml"
    spec.write_text(variant(base, edits))
    result = CliRunner().invoke(app, ["validate", str(spec)])
    assert result.exit_code == 2, result.output
    positioned = re.compile(rf"^{re.escape(str(spec))}:\d+:\d+: {re.escape(field)}[^ ]*: .*{re.escape(message)}", re.M)
    assert positioned.search(result.output), result.output
    assert "internal error" not in result.output


# Supported cases, grouped by the shipped spec they edit: each group is generated once and its suite run once.
# (id, edits, generated file (under the connector package, or test/ for a test file), text it must contain)
SUPPORTED: Dict[str, List[Tuple[str, List[Edit], str, str]]] = {
    "binance": [
        (
            "ticker-path-placeholder",
            [("    path: /ticker/24hr\n", "    path: /ticker/{symbol}/\n    limit_id: TICKER\n")],
            "binance_exchange.py",
            "path_url=CONSTANTS.TICKER_PRICE_CHANGE_PATH_URL.format(symbol=symbol),",
        ),
        (
            "snapshot-path-placeholder",
            [("    path: /depth\n", "    path: /depth/{symbol}\n    limit_id: DEPTH\n")],
            "binance_api_order_book_data_source.py",
            "path_url=CONSTANTS.SNAPSHOT_PATH_URL.format(symbol=symbol)",
        ),
        (
            "request-id-inside-a-string",
            [
                (
                    'params: "{topics}", id: "{request_id}"}\n    unsub',
                    'params: "{topics}", id: "r{request_id}"}\n    unsub',
                )
            ],
            "binance_api_order_book_data_source.py",
            '"id": "r" + str(web_utils.next_message_id()),',
        ),
        (
            # The connector parses the text; the tests inject text (a number would pass float() and prove nothing).
            "date-time-text-timestamp-in-an-order-status",
            [
                (
                    "      updateTime: 1499827319559\n      isWorking",
                    '      updateTime: "2017-07-12T02:41:59.559Z"\n      isWorking',
                )
            ],
            "test/test_binance_exchange.py",
            '"updateTime": "2021-12-29T12:13:20.000Z",',
        ),
        (
            "date-time-text-timestamp-in-a-trade",
            [
                (
                    '      timestamp: {path: E, unit: ms}\n      # "m"',
                    '      timestamp: {path: D, unit: ms}\n      # "m"',
                ),
                (
                    "        E: 1672515782136\n        s: BNBBTC\n        t: 12345",
                    '        E: 1672515782136\n        D: "2023-01-01 00:00:00.123"\n        s: BNBBTC\n        t: 12345',
                ),
                # The documented-examples test expects the time the trade now reads, by hand.
                ('side: SELL, timestamp: 1672515782.136}', 'side: SELL, timestamp: 1672531200.123}'),
            ],
            "binance_order_book.py",
            'timestamp=seconds_from_date_time(msg["D"]),',
        ),
        (
            # Hummingbot's generic test of balance events is dropped from the suite of an exchange that sends none.
            "no-balance-channel",
            [(BINANCE_BALANCE_EVENT, "")],
            "test/test_binance_exchange.py",
            "    test_user_stream_balance_update = None\n",
        ),
        (
            # The test's minimum notional, 10, goes in as the integer the exchange documents, not 10.0.
            "integer-documented-number",
            [
                ('              minNotional: "0.00010000"\n', "              minNotional: 5\n"),
                ('        min_notional_size: "0.00010000"\n', "        min_notional_size: 5\n"),
            ],
            "test/test_binance_exchange.py",
            '"minNotional": 10,',
        ),
        (
            "side-in-the-type-parameter",
            [('      type: "{type}"\n      quantity', '      type: "{side}-{type}"\n      quantity')],
            "test/test_binance_exchange.py",
            'self.assertEqual("BUY-LIMIT_MAKER", request_data["type"])',
        ),
    ],
    "gate_io": [
        (
            "create-path-placeholder",
            [("    path: /spot/orders\n", "    path: /spot/orders/{symbol}\n    limit_id: ORDER\n")],
            "gate_io_exchange.py",
            "path_url=CONSTANTS.ORDER_CREATE_PATH_URL.format(symbol=symbol),",
        ),
        (
            # Status is /spot/orders/{id}: a prefix-matching mock of it would also answer the fills request.
            "fills-path-under-the-status-path",
            [
                (
                    "    path: /spot/my_trades\n",
                    "    path: /spot/orders/{exchange_order_id}/trades\n    limit_id: MY_TRADES\n",
                )
            ],
            "test/test_gate_io_exchange.py",
            'return re.compile(f"^{re.escape(url)}(\\\\?.*)?$")',
        ),
        (
            "symbols-inside-a-string",
            [
                (
                    'channel: spot.usertrades, event: subscribe, payload: "{symbols}"}',
                    'channel: spot.usertrades, event: subscribe, payload: ["pairs={symbols}"]}',
                )
            ],
            "gate_io_api_user_stream_data_source.py",
            '"payload": ["pairs=" + ",".join(symbols)],',
        ),
        (
            "response-errors-with-a-list-response",
            [
                (
                    "\nmarkets:\n",
                    "\nresponse_errors:\n  success: {field: label, truthy: false}\n  example: {label: INVALID_PARAM_VALUE, message: bad}\n\nmarkets:\n",
                )
            ],
            "gate_io_exchange.py",
            'not (not isinstance(response, dict) or not response.get("label"))',
        ),
    ],
    "okx": [
        (
            "signed-form-body",
            [("    body: json\n", "    body: form\n")],
            "test/test_okx_exchange.py",
            # Form bodies travel as their parameters (aiohttp form-encodes them in the order signed).
            'request_data = request_call.kwargs["data"]',
        ),
    ],
    "kucoin": [
        (
            "token-url-without-connect-id",
            [
                (
                    '      connect_url: "{server}?token={token}&connectId={connect_id}"',
                    '      connect_url: "{server}?token={token}"',
                )
            ],
            "test/test_kucoin_api_user_stream_data_source.py",
            "async def test_listen_for_user_stream_connects_to_the_server_named_by_the_token(self, ws_connect_mock):",
        ),
        (
            "request-id-inside-a-ping",
            [
                (
                    '  ping: {message: {id: "{request_id}", type: ping}, schedule',
                    '  ping: {message: {id: "p{request_id}", type: ping}, schedule',
                )
            ],
            "kucoin_api_user_stream_data_source.py",
            '"id": "p" + str(web_utils.next_message_id()),',
        ),
        (
            # A subscribe message stamped with the time takes no request id: the ping after it is the first.
            "time-in-the-subscribe-message",
            [
                (
                    '    message: {id: "{request_id}", type: subscribe, topic: "{topic}"',
                    '    message: {id: "{time}", type: subscribe, topic: "{topic}"',
                )
            ],
            "test/test_kucoin_api_order_book_data_source.py",
            'self.assertEqual({"id": 1, "type": "ping"}, sent_messages[-1])',
        ),
    ],
}


@pytest.fixture(scope="module")
def supported(tmp_path_factory) -> Path:
    """The supported variants, generated once: generated/<base>/ for each shipped spec edited."""
    root = tmp_path_factory.mktemp("validity")
    (root / "specs").mkdir()
    for base, cases in SUPPORTED.items():
        spec = root / "specs" / f"{base}.yaml"
        spec.write_text(variant(base, [edit for _, edits, _, _ in cases for edit in edits]))
        result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(root / "generated")])
        assert result.exit_code == 0, result.output
    return root / "generated"


CASES = [(base, *case) for base, cases in SUPPORTED.items() for case in cases]


@pytest.mark.parametrize("base, edits, file, text", [c[:1] + c[2:] for c in CASES], ids=[c[1] for c in CASES])
def test_supported_variant_generates_the_construct(supported: Path, base: str, edits, file: str, text: str):
    package = f"hummingbot/connector/exchange/{base}"
    path = supported / base / (f"test/{package}/{file[5:]}" if file.startswith("test/") else f"{package}/{file}")
    assert text in path.read_text()


def test_supported_variants_are_pyflakes_clean(supported: Path):
    result = subprocess.run([sys.executable, "-m", "pyflakes", str(supported)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.timeout(600)
@pytest.mark.parametrize("base", list(SUPPORTED))
def test_supported_variant_suites_pass_against_hummingbot(supported: Path, base: str):
    assert run_suite(supported / base, ["-q", "-p", "no:warnings"]) == 0


@pytest.mark.parametrize("name", ["binance", "bybit", "gate_io", "kucoin", "okx"])
def test_shipped_connectors_drop_malformed_messages_and_their_suites_say_so(name: str):
    """Text that is not JSON, a list, an unknown event: dropped without losing the connection (hbgen check runs
    these generated tests against Hummingbot; this only checks that they and the guards are there)."""
    package = ROOT / "generated" / name / "hummingbot/connector/exchange" / name
    tests = ROOT / "generated" / name / "test/hummingbot/connector/exchange" / name
    public = (package / f"{name}_api_order_book_data_source.py").read_text()
    assert "        if not isinstance(event_message, dict):\n" in public
    suites = {
        f"test_{name}_api_order_book_data_source.py": [
            "test_listen_for_subscriptions_drops_malformed_messages_and_keeps_listening",
            "test_listen_for_trades_logs_and_drops_malformed_trades",
        ],
        f"test_{name}_api_user_stream_data_source.py": ["test_listen_for_user_stream_does_not_queue_malformed_"],
        f"test_{name}_exchange.py": ["test_user_stream_drops_malformed_events_and_keeps_listening"],
    }
    for file, names in suites.items():
        text = (tests / file).read_text()
        assert all(f"async def {test}" in text for test in names), file
