"""The options KuCoin's spec uses (issue 9), checked apart from the generated suites: their validation rules, and
what the generated connector does with them, built from variants of the shipped specs."""

from pathlib import Path

import pytest

from scaffolder.context import build_context
from scaffolder.spec import SpecErrors, load_spec

ROOT = Path(__file__).resolve().parent.parent


def kucoin_text() -> str:
    return (ROOT / "specs" / "kucoin.yaml").read_text()


def load(tmp_path: Path, text: str):
    path = tmp_path / "kucoin.yaml"
    path.write_text(text)
    return load_spec(path)


def errors_for(tmp_path: Path, text: str):
    with pytest.raises(SpecErrors) as raised:
        load(tmp_path, text)
    return {error.loc: error.message for error in raised.value.errors}


def test_batch_size_needs_a_symbols_parameter(tmp_path):
    text = kucoin_text().replace(
        '  params: {symbols: "{symbols}"}\n  batch_size: 10\n', '  params: {symbols: "{symbol}"}\n  batch_size: 10\n'
    )
    messages = errors_for(tmp_path, text)
    assert "no parameter uses it" in messages[("trading_fees", "batch_size")]


def test_trading_fee_fields_must_be_in_the_documented_rows(tmp_path):
    text = kucoin_text().replace("  maker: makerFeeRate\n", "  maker: makerRate\n")
    messages = errors_for(tmp_path, text)
    assert ("trading_fees", "maker") in messages


def test_bulk_fills_need_an_endpoint_without_placeholders(tmp_path):
    text = kucoin_text().replace(
        "  my_trades:\n    path: /api/v1/fills\n", "  my_trades:\n    path: /api/v1/fills/{exchange_order_id}\n"
    )
    messages = errors_for(tmp_path, text)
    assert "no placeholder" in messages[("orders", "fills", "bulk")]


def test_error_codes_must_be_in_their_examples(tmp_path):
    text = kucoin_text().replace('    error_code: "400002"\n', '    error_code: "400003"\n')
    messages = errors_for(tmp_path, text)
    assert "does not contain '400003'" in messages[("auth", "time_sync", "error_example")]
    text = kucoin_text().replace('    not_found_code: "400100"\n', '    not_found_code: "400101"\n')
    messages = errors_for(tmp_path, text)
    assert "does not contain '400101'" in messages[("orders", "cancel", "not_found_example")]


def test_absent_success_field_lets_a_body_without_it_pass(tmp_path):
    values = build_context(load(tmp_path, kucoin_text())).values
    assert values["response_success"] == "'code' not in response or response.get('code') == '200000'"
    strict = kucoin_text().replace("  absent_field: success\n", "")
    values = build_context(load(tmp_path, strict)).values
    assert values["response_success"] == "response.get('code') == '200000'"


def test_error_code_constants_come_first_among_the_matchers(tmp_path):
    values = build_context(load(tmp_path, kucoin_text())).values
    assert values["time_error_code"] == "'400002'"
    assert [repr(match) for match in values["cancel_not_found_matches"]] == [
        "RET_CODE_ORDER_NOT_EXIST_OR_NOT_ALLOW_TO_CANCEL",
        "'order_not_exist_or_not_allow_to_cancel'",
    ]


def test_trading_fees_modes(tmp_path):
    fees = build_context(load(tmp_path, kucoin_text())).values["trading_fees"]
    assert (fees["mode"], fees["batch_size"], fees["params"]) == ("batch", "10", [("symbols", '",".join(batch)')])
    per_pair = kucoin_text().replace(
        '  params: {symbols: "{symbols}"}\n  batch_size: 10\n', '  params: {symbols: "{symbol}"}\n'
    )
    assert build_context(load(tmp_path, per_pair)).values["trading_fees"]["mode"] == "per_pair"
    every_pair = kucoin_text().replace('  params: {symbols: "{symbols}"}\n  batch_size: 10\n', "")
    assert build_context(load(tmp_path, every_pair)).values["trading_fees"]["mode"] == "all"


def test_the_ping_schedule_is_fixed_unless_asked(tmp_path):
    values = build_context(load(tmp_path, kucoin_text())).values
    assert values["public_ping"]["after_last_sent"] and values["user_ping"]["after_last_sent"]
    fixed = kucoin_text().replace("    schedule: after_last_sent\n", "").replace(", schedule: after_last_sent}", "}")
    values = build_context(load(tmp_path, fixed)).values
    assert not values["public_ping"]["after_last_sent"] and not values["user_ping"]["after_last_sent"]
