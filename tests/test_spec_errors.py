"""Spec loading: a valid spec loads; each kind of mistake is reported at its line, with its field path."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.spec import SpecErrors, load_spec


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text)
    return path


def errors_for(tmp_path: Path, text: str):
    with pytest.raises(SpecErrors) as raised:
        load_spec(write(tmp_path, text))
    return raised.value.errors


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[occurrence - 1]


def test_binance_spec_loads(repo_root):
    spec = load_spec(repo_root / "specs" / "binance.yaml")
    assert spec.exchange.name == "binance"
    assert [pool.id for pool in spec.rate_limits.pools] == ["REQUEST_WEIGHT", "ORDERS", "ORDERS_24HR", "RAW_REQUESTS"]


def test_unknown_key_is_reported_at_its_line(tmp_path, binance_spec_text):
    text = binance_spec_text.replace("  centralized: true\n", "  centralized: true\n  centralised: true\n")
    [error] = errors_for(tmp_path, text)
    assert error.line == line_of(text, "centralised")
    assert error.loc == ("exchange", "centralised")
    assert "unknown key" in error.message


def test_a_renamed_key_says_where_it_went(tmp_path, repo_root):
    text = (repo_root / "specs" / "okx.yaml").read_text()
    old = "  logs: {subscribed: Subscribed to private account and orders channels...}\n"
    assert old in text
    text = text.replace(old, "  subscribed_log: Subscribed to private account and orders channels...\n")
    [error] = errors_for(tmp_path, text)
    assert error.line == line_of(text, "subscribed_log")
    assert error.loc == ("user_stream", "subscribed_log")
    assert error.message == "this key is now user_stream.logs.subscribed (logs: {subscribed: ...})"


def test_duplicate_key_is_an_error_not_last_wins(tmp_path, binance_spec_text):
    text = binance_spec_text.replace("  centralized: true\n", "  centralized: true\n  centralized: false\n")
    [error] = errors_for(tmp_path, text)
    assert error.line == line_of(text, "centralized", 2)
    assert "duplicate key 'centralized'" in error.message


def test_missing_field_and_wrong_type_are_both_reported(tmp_path, binance_spec_text):
    text = binance_spec_text.replace("  example_pair: ZRX-ETH\n", "").replace("max_length: 32", "max_length: many")
    errors = errors_for(tmp_path, text)
    messages = {error.loc: error.message for error in errors}
    assert messages[("exchange", "example_pair")] == "required field is missing"
    assert ("orders", "client_order_id", "max_length") in messages
    wrong_type = next(e for e in errors if e.loc == ("orders", "client_order_id", "max_length"))
    assert wrong_type.line == line_of(text, "max_length: many")


def test_unknown_endpoint_reference(tmp_path, binance_spec_text):
    text = binance_spec_text.replace("  check_network: ping\n", "  check_network: pong\n")
    [error] = errors_for(tmp_path, text)
    assert error.loc == ("markets", "check_network")
    assert "unknown endpoint 'pong'" in error.message
    assert error.line == line_of(text, "check_network: pong")


def test_mapped_field_absent_from_example(tmp_path, binance_spec_text):
    text = binance_spec_text.replace(
        "    exchange_order_id: orderId\n    timestamp: {path: transactTime",
        "    exchange_order_id: orderID\n    timestamp: {path: transactTime",
    )
    [error] = errors_for(tmp_path, text)
    assert error.loc == ("orders", "create", "exchange_order_id")
    assert "no value at 'orderID'" in error.message


def test_unknown_rate_limit_pool(tmp_path, binance_spec_text):
    text = binance_spec_text.replace(
        "weights: {REQUEST_WEIGHT: 1, RAW_REQUESTS: 1}\n    example_response: {}",
        "weights: {REQUEST_WEIGTH: 1}\n    example_response: {}",
    )
    [error] = errors_for(tmp_path, text)
    assert error.loc == ("endpoints", "ping", "weights", "REQUEST_WEIGTH")
    assert "unknown rate-limit pool" in error.message


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("", 1, "the spec is empty"),
        ("- a\n- b\n", 1, "expected a mapping at the top level"),
        ("a: 1\n\tb: 2\n", 2, "YAML syntax error: a tab character"),
        ("a:\n  b: 1\n  c: x\td\n", 3, "YAML syntax error"),
        ('a: "unclosed\n', 1, "YAML syntax error"),
        # The common slips, each with a hint in words, at the line and column of the culprit.
        ("ws:\n  topic: {symbol}.trades\n  side: m\n", (2, 10), 'quote the whole value, "{symbol}.trades"'),
        ("ws:\n  topics: [{symbol}.trades, x]\n", (2, 12), 'quote the whole value, "{symbol}.trades"'),
        ("ws:\n  - {symbol}@depth\n", (2, 5), 'quote the whole value, "{symbol}@depth"'),
        ('ws:\n  topic: "{symbol}".trades\n', (2, 10), "text follows the closing quote"),
        ("a:\n  b: 1\n   c: 2\n", (3, 4), "indented 3 spaces, deeper than the line above (2)"),
        ("a:\n  b: 1\n c: 2\n", (3, 2), "indented 1 space, which matches no enclosing block (0 or 2 spaces)"),
        ("a:\n  b:\n    - 1\n   - 2\n", (4, 4), "which matches no enclosing block (0, 2 or 4 spaces)"),
        ("a:\n  b 1\n  c: 2\n", (2, 3), "this line has no ':' after its key"),
    ],
)
def test_malformed_documents(tmp_path, text, line, message):
    [error] = errors_for(tmp_path, text)
    expected = line if isinstance(line, tuple) else (line, error.column)
    assert (error.line, error.column) == expected
    assert message in error.message


def test_cli_reports_errors_with_exit_2_no_traceback_and_writes_nothing(tmp_path, binance_spec_text):
    spec = write(tmp_path, binance_spec_text.replace("  centralized: true\n", "  centralised: true\n"))
    out = tmp_path / "out"
    for command in (["validate", str(spec)], ["generate", str(spec), "--out", str(out)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2
        assert (
            f"{spec}:{line_of(spec.read_text(), 'centralised')}:3: exchange.centralised: unknown key" in result.output
        )
        assert "Traceback" not in result.output
    assert not out.exists()


BITMART_MATCHES = '    error_matches: ["Header X-BM-TIMESTAMP", ["30007", "30008"]]\n'


@pytest.mark.parametrize(
    "matches, message",
    [
        ('["Header X-BM-TIMESTAMP", ["30008", "30009"]]', "does not contain '30008' or '30009'"),
        ('["Header X-BM-TIMESTAMP", []]', "an empty list of choices matches nothing"),
    ],
)
def test_time_sync_choices_must_match_the_documented_error(tmp_path, repo_root, matches, message):
    text = (repo_root / "specs" / "bitmart.yaml").read_text()
    assert BITMART_MATCHES in text
    errors = errors_for(tmp_path, text.replace(BITMART_MATCHES, f"    error_matches: {matches}\n"))
    assert any(error.loc[:2] == ("auth", "time_sync") and message in error.message for error in errors), errors


def test_partner_placeholders_need_their_partner_section(tmp_path, repo_root):
    """{partner_id} and {partner_signature} in a header need `auth.rest.partner` with its key and message."""
    kucoin = (repo_root / "specs" / "kucoin.yaml").read_text()
    without_key = kucoin.replace("      key: 8fb50686-81a8-408a-901c-07c5ac5bd758\n", "")
    errors = errors_for(tmp_path, without_key)
    messages = {error.loc: error.message for error in errors}
    assert messages[("auth", "rest", "partner", "key")] == (
        "a partner signature needs both the partner's key and the signed message"
    )
    assert "{partner_signature}" in messages[("auth", "rest", "headers", "KC-API-PARTNER-SIGN")]
    start = kucoin.index("    partner:\n")
    end = kucoin.index('{partner_id}{api_key}"\n') + len('{partner_id}{api_key}"\n')
    no_partner = {e.loc for e in errors_for(tmp_path, kucoin[:start] + kucoin[end:])}
    assert ("auth", "rest", "headers", "KC-API-PARTNER") in no_partner
    unknown = kucoin.replace('message: "{timestamp}{partner_id}{api_key}"', 'message: "{timestamp}{partner}"')
    [error] = errors_for(tmp_path, unknown)
    assert error.loc == ("auth", "rest", "partner", "message")


def test_path_params_name_placeholders_of_the_path_and_known_values(tmp_path, repo_root):
    """`endpoints.*.path_params` renames a path placeholder; the value it stands for must be one the request knows."""
    gate = (repo_root / "specs" / "gate_io.yaml").read_text()
    stray = gate.replace("path_params: {order_id: exchange_order_id}", "path_params: {order_ids: exchange_order_id}", 1)
    messages = {error.loc: error.message for error in errors_for(tmp_path, stray)}
    assert messages[("endpoints", "order_by_id", "path_params", "order_ids")] == (
        "the path '/spot/orders/{order_id}' has no placeholder {order_ids}"
    )
    unknown = gate.replace("path_params: {order_id: exchange_order_id}", "path_params: {order_id: order_uuid}", 1)
    [error] = errors_for(tmp_path, unknown)
    assert error.loc == ("endpoints", "order_by_id", "path")
    assert error.message.startswith("{order_id} (order_uuid) is unknown where orders.status.endpoint requests")


def test_contains_is_a_symbol_filter_on_a_documented_list(tmp_path, binance_spec_text):
    """`contains` tests list fields of the symbol rows; it is refused elsewhere and on a field that is not a list."""
    on_status = binance_spec_text.replace("{field: permissionSets, contains: SPOT}", "{field: status, contains: SPOT}")
    [error] = errors_for(tmp_path, on_status)
    assert error.loc == ("markets", "symbols", "valid_when", 1, "contains")
    assert error.message == "contains needs a field documented as a list (of values or lists)"
    elsewhere = binance_spec_text.replace("success: {field: status, equals: 200}", "success: {field: status, contains: 200}")
    assert elsewhere != binance_spec_text
    [error] = errors_for(tmp_path, elsewhere)
    assert error.loc == ("auth", "private_ws", "success", "contains")
    assert "unknown key" in error.message


def test_snapshot_paths_must_lie_under_returns(tmp_path, repo_root):
    """`markets.order_book_snapshot.returns`: an object of the example holding the snapshot's other paths."""
    text = (repo_root / "specs" / "bybit.yaml").read_text()
    assert "    returns: result\n    update_id: result.u\n" in text
    errors = errors_for(tmp_path, text.replace("    update_id: result.u\n", "    update_id: time\n"))
    assert [(error.loc, error.message) for error in errors] == [
        (("markets", "order_book_snapshot", "update_id"), "'time' must lie under returns ('result')")
    ]
    errors = errors_for(tmp_path, text.replace("    returns: result\n", "    returns: result.u\n"))
    messages = {error.loc: error.message for error in errors}
    assert messages[("markets", "order_book_snapshot", "returns")] == (
        "expected an object at 'result.u' in the endpoint's example_response"
    )
    assert messages[("markets", "order_book_snapshot", "bids")] == "'result.b' must lie under returns ('result.u')"


def test_signature_method_signs_only_a_request_s_parts(tmp_path, repo_root):
    """`auth.rest.signature_method`: the message is made of timestamp, method, query, body, window, credentials."""
    text = (repo_root / "specs" / "bybit.yaml").read_text()
    assert "    signature_method: _generate_rest_signature\n" in text
    message = '    message: "{timestamp}{api_key}{recv_window}{query}{body}"\n'
    errors = errors_for(tmp_path, text.replace(message, '    message: "{timestamp}{path}{body}"\n'))
    assert [(error.loc, error.message) for error in errors] == [
        (
            ("auth", "rest", "signature_method"),
            "the method signs a request from timestamp, method and payload: the message cannot use {path}",
        )
    ]
    errors = errors_for(tmp_path, text.replace(message, '    message: "{api_key}{query}{body}"\n'))
    assert [(error.loc, error.message) for error in errors] == [
        (
            ("auth", "rest", "signature_method"),
            "the method takes the request's timestamp: the message must sign {timestamp}",
        )
    ]


def test_a_domain_s_own_urls_are_written_out_and_connectors_distinct(tmp_path, repo_root):
    """`exchange.domains.others.*.urls` and `.connector`."""
    text = (repo_root / "specs" / "bybit.yaml").read_text()
    rest = "          rest: https://api-testnet.bybit.com\n"
    assert rest in text and "        connector: bybit_testnet\n" in text
    errors = errors_for(tmp_path, text.replace(rest, "          rest: https://api-testnet.bybit.{domain}\n"))
    assert [(error.loc, error.message) for error in errors] == [
        (
            ("exchange", "domains", "others", "bybit_testnet", "urls", "rest"),
            "expected an absolute http(s):// URL, written out in full (no placeholders), found "
            "'https://api-testnet.bybit.{domain}'",
        )
    ]
    errors = errors_for(tmp_path, text.replace("        connector: bybit_testnet\n", "        connector: bybit\n"))
    assert [(error.loc, error.message) for error in errors] == [
        (("exchange", "domains", "others", "bybit_testnet", "connector"), "connector name 'bybit' is taken (by exchange.name)")
    ]
    private = "          private_ws: wss://stream-testnet.bybit.com/v5/private\n"
    errors = errors_for(tmp_path, text.replace(private, ""))
    assert [(error.loc, error.message) for error in errors] == [
        (
            ("exchange", "domains", "others", "bybit_testnet", "urls", "private_ws"),
            "required field is missing: urls.private_ws is given",
        )
    ]
