"""`fee_asset_rule`: the fee asset of a fill derived by rule when the exchange does not send it.

Bybit's spec reads feeCurrency and keeps `fee_asset_rule: received` as the fallback for executions without it; a
Bybit variant that drops feeCurrency, leaving the rule alone, is generated and its exchange suite run against
Hummingbot.
"""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.runner import run_suite

ROOT = Path(__file__).resolve().parent.parent


def received_variant() -> str:
    text = (ROOT / "specs" / "bybit.yaml").read_text()
    assert text.count("    fee_asset: feeCurrency\n") == 2
    assert text.count("    fee_asset_rule: received\n") == 2
    text = text.replace("    fee_asset: feeCurrency\n", "")
    # The declared expectations name the fee asset the payloads carry; under the rule it is not read from them.
    return re.sub(r"\n +fee_asset: BTC(?=\n)", "", text)


def _validate(tmp_path: Path, text: str):
    spec = tmp_path / "bybit.yaml"
    spec.write_text(text)
    return CliRunner().invoke(app, ["validate", str(spec)])


def test_a_fill_needs_a_fee_asset_source(tmp_path: Path):
    text = received_variant().replace("    fee_asset_rule: received\n", "", 1)
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "give fee_asset (a field), fee_asset_rule (quote or received), or both" in result.output
    assert _validate(tmp_path, received_variant()).exit_code == 0


def test_with_both_the_rule_stands_in_for_a_missing_field():
    """Bybit's spec gives both: the field is read when present and not empty, else the rule applies."""
    source = (ROOT / "generated/bybit/hummingbot/connector/exchange/bybit/bybit_exchange.py").read_text()
    assert 'percent_token=(event.get("feeCurrency") or self._received_asset(fillable_order))' in source
    assert 'percent_token=(fill.get("feeCurrency") or self._received_asset(order))' in source
    tests = (ROOT / "generated/bybit/test/hummingbot/connector/exchange/bybit/test_bybit_exchange.py").read_text()
    assert "def test_update_order_fills_without_a_fee_asset_take_it_by_rule" in tests
    assert "def test_user_stream_fill_without_a_fee_asset_takes_it_by_rule" in tests


@pytest.mark.timeout(300)
def test_the_received_asset_rule_passes_the_exchange_suite(tmp_path: Path):
    spec = tmp_path / "specs" / "bybit.yaml"
    spec.parent.mkdir()
    spec.write_text(received_variant())
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    source = (tmp_path / "generated/bybit/hummingbot/connector/exchange/bybit/bybit_exchange.py").read_text()
    assert "percent_token=self._received_asset(order)" in source
    assert "percent_token=self._received_asset(fillable_order)" in source
    assert run_suite(tmp_path / "generated" / "bybit", ["-q", "-k", "exchange", "-p", "no:warnings"]) == 0
