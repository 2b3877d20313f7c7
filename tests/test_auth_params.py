"""`auth.rest.params`: credentials or fixed values sent as signed parameters (HTX puts AccessKeyId,
SignatureMethod and SignatureVersion in the query). No shipped spec uses it, so a Binance variant is generated
and its auth and exchange suites run against Hummingbot."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.runner import run_suite

ROOT = Path(__file__).resolve().parent.parent
SIGNATURE_PARAM = "    timestamp: {param: timestamp, unit: ms}\n    signature_param: signature\n"
AUTH_PARAMS = '    params: {AccessKeyId: "{api_key}", SignatureMethod: HmacSHA256, SignatureVersion: "2"}\n'


def variant(params: str = AUTH_PARAMS) -> str:
    text = (ROOT / "specs" / "binance.yaml").read_text()
    assert text.count(SIGNATURE_PARAM) == 1
    return text.replace(SIGNATURE_PARAM, SIGNATURE_PARAM + params)


def test_auth_params_may_only_name_credentials(tmp_path: Path):
    spec = tmp_path / "binance.yaml"
    spec.write_text(variant(AUTH_PARAMS.replace("{api_key}", "{api_kye}")))
    result = CliRunner().invoke(app, ["validate", str(spec)])
    assert result.exit_code == 2
    assert "auth.rest.params.AccessKeyId" in result.output


@pytest.mark.timeout(300)
def test_signed_auth_params_pass_the_auth_and_exchange_suites(tmp_path: Path):
    spec = tmp_path / "specs" / "binance.yaml"
    spec.parent.mkdir()
    spec.write_text(variant())
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    package = tmp_path / "generated/binance/hummingbot/connector/exchange/binance"
    assert 'request_params["AccessKeyId"] = self.api_key' in (package / "binance_auth.py").read_text()
    auth_test = tmp_path / "generated/binance/test/hummingbot/connector/exchange/binance/test_binance_auth.py"
    assert "AccessKeyId=testApiKey&SignatureMethod=HmacSHA256&SignatureVersion=2&timestamp=" in auth_test.read_text()
    assert run_suite(tmp_path / "generated" / "binance", ["-q", "-k", "auth or exchange", "-p", "no:warnings"]) == 0
