"""Options the BitMart spec uses, on variants of it: `public_ws.logs`, `user_stream.logs` (the wording of the data
sources' log lines), `user_stream.error_when`, lists of `user_stream.queue_when` conditions and
`orders.create.market_buy_param`: validated at the spec's line, and generated as written."""

from pathlib import Path

import pytest

from scaffolder.generate import generate_files
from scaffolder.spec import SpecErrors, load_spec
from scaffolder.spec.model import public_ws, user_stream


def errors_for(tmp_path: Path, text: str):
    path = tmp_path / "bitmart.yaml"
    path.write_text(text)
    with pytest.raises(SpecErrors) as raised:
        load_spec(path)
    return raised.value.errors


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.fixture
def bitmart_text(repo_root) -> str:
    return (repo_root / "specs" / "bitmart.yaml").read_text()


def test_an_unknown_log_key_is_reported_at_its_line_with_the_keys_it_could_be(tmp_path, bitmart_text):
    text = bitmart_text.replace("    pair_subscribed: ", "    pair_subscribd: ", 1)
    [error] = errors_for(tmp_path, text)
    assert error.loc == ("public_ws", "logs", "pair_subscribd")
    assert error.line == line_of(text, "pair_subscribd")
    assert "unknown key" in error.message and "pair_subscribed" in error.message


def test_an_unknown_placeholder_in_a_log_line_is_reported_with_the_allowed_ones(tmp_path, bitmart_text):
    text = bitmart_text.replace(
        'channels of {trading_pair}..."\n    pair_subscribe_failed', 'channels of {pair}..."\n    pair_subscribe_failed'
    )
    [error] = errors_for(tmp_path, text)
    assert error.loc == ("public_ws", "logs", "pair_subscribed")
    assert error.line == line_of(text, "channels of {pair}")
    assert "unknown placeholder {pair}" in error.message and "expected one of trading_pair" in error.message


def test_lines_without_a_pair_take_no_placeholder_and_none_may_be_blank(tmp_path, bitmart_text):
    text = bitmart_text.replace(
        "    subscribed: Subscribed to private account and orders channels...",
        '    subscribed: "Subscribed to {trading_pair}"\n    connected: " "',
    )
    errors = {error.loc: error.message for error in errors_for(tmp_path, text)}
    assert "unknown placeholder {trading_pair}: this line takes none" in errors[("user_stream", "logs", "subscribed")]
    assert "needs words" in errors[("user_stream", "logs", "connected")]


def test_a_formatted_placeholder_is_refused(tmp_path, bitmart_text):
    text = bitmart_text.replace("connection ({message})", "connection ({message!r})")
    [error] = errors_for(tmp_path, text)
    assert error.loc == ("user_stream", "logs", "invalid_message")
    assert "plain names" in error.message


def test_error_when_must_not_match_the_events_nor_the_reply(tmp_path, bitmart_text):
    text = bitmart_text.replace(
        "error_when: {field: errorCode, truthy: true}", "error_when: {field: table, truthy: true}"
    )
    messages = {error.loc: error.message for error in errors_for(tmp_path, text)}
    assert "passes user_stream.error_when" in messages[("user_stream", "order_event", "example")]
    text = bitmart_text.replace(
        "error_when: {field: errorCode, truthy: true}", "error_when: {field: event, truthy: true}"
    )
    messages = {error.loc: error.message for error in errors_for(tmp_path, text)}
    assert "a reply is no error" in messages[("user_stream", "example_subscribe_response")]


def test_every_queue_condition_of_a_list_must_hold_on_the_events(tmp_path, bitmart_text):
    text = bitmart_text.replace("    - {field: data, truthy: true}", "    - {field: data, truthy: false}")
    messages = {error.loc: error.message for error in errors_for(tmp_path, text)}
    assert "does not pass user_stream.queue_when" in messages[("user_stream", "order_event", "example")]
    text = bitmart_text.replace("    - {field: data, truthy: true}", '    - {field: "data[0].symbol", truthy: true}')
    messages = {error.loc: error.message for error in errors_for(tmp_path, text)}
    assert "a path of keys" in messages[("user_stream", "queue_when", 1, "field")]


def test_the_spec_s_wording_is_what_the_connector_logs_and_its_tests_expect(tmp_path, bitmart_text):
    # Quotes, a backslash and a literal brace ({{ in the template) survive into both the connector and its test.
    wording = 'Added {trading_pair} to "{{public}}" \\ channels'
    text = bitmart_text.replace(
        '    pair_subscribed: "Subscribed to public order book and trade channels of {trading_pair}..."',
        "    pair_subscribed: '" + wording + "'",
    )
    assert text != bitmart_text
    path = tmp_path / "bitmart.yaml"
    path.write_text(text)
    files = generate_files(path)
    source = files["hummingbot/connector/exchange/bitmart/bitmart_api_order_book_data_source.py"]
    test_source = files["test/hummingbot/connector/exchange/bitmart/test_bitmart_api_order_book_data_source.py"]
    expected = 'Added COINALPHA-HBOT to "{public}" \\ channels'
    connector_line = next(line for line in source.splitlines() if "Added" in line).strip()
    test_line = next(line for line in test_source.splitlines() if "Added" in line).strip()
    connector_expression = connector_line[len("self.logger().info(") : -1]
    assert eval(connector_expression, {"trading_pair": "COINALPHA-HBOT"}) == expected
    assert "self.new_trading_pair" in test_line


def test_market_buy_param_needs_quote_market_buys_and_a_new_name(tmp_path, bitmart_text):
    text = bitmart_text.replace("    market_buy_amount: quote\n", "")
    [error] = errors_for(tmp_path, text)
    assert error.loc == ("orders", "create", "market_buy_param")
    assert error.line == line_of(text, "market_buy_param:")
    assert "market_buy_amount: quote" in error.message
    text = bitmart_text.replace("    market_buy_param: notional\n", "    market_buy_param: size\n")
    [error] = errors_for(tmp_path, text)
    assert "already a parameter" in error.message


def test_every_log_line_has_its_placeholders_listed():
    """The placeholder tables the validation reads name exactly the log models' fields: a log line added to a model
    without its placeholders (or a table entry left after a field is removed) fails here."""
    assert set(public_ws.PUBLIC_LOG_PLACEHOLDERS) == set(public_ws.PublicWsLogs.model_fields)
    assert set(user_stream.USER_STREAM_LOG_PLACEHOLDERS) == set(user_stream.UserStreamLogs.model_fields)
