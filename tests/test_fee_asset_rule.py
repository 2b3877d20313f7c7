"""`fee_asset_rule`: the fee asset of a fill derived by rule when the exchange does not send it.

No shipped spec needs it (Bybit's fills carry feeCurrency), so a Bybit variant that drops feeCurrency and uses
`fee_asset_rule: received` is generated and its exchange suite run against Hummingbot.
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
    text = text.replace("    fee_asset: feeCurrency\n", "    fee_asset_rule: received\n")
    # The declared expectations name the fee asset the payloads carry; under the rule it is not read from them.
    return re.sub(r"\n +fee_asset: BTC(?=\n)", "", text)


def _validate(tmp_path: Path, text: str):
    spec = tmp_path / "bybit.yaml"
    spec.write_text(text)
    return CliRunner().invoke(app, ["validate", str(spec)])


def test_a_fill_needs_exactly_one_fee_asset_source(tmp_path: Path):
    text = received_variant().replace(
        "    fee_asset_rule: received\n", "    fee_asset_rule: received\n    fee_asset: x\n", 1
    )
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "give exactly one of fee_asset (a field) and fee_asset_rule (quote or received)" in result.output
    assert _validate(tmp_path, received_variant()).exit_code == 0


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
