"""An endpoint's own `limit_id` is the throttler id wherever the connector calls it, not only for orders."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.runner import run_suite

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_CONSTANT = "    constant: SNAPSHOT_PATH_URL\n"
SERVER_TIME_CONSTANT = "    constant: SERVER_TIME_PATH_URL\n"


@pytest.mark.timeout(300)
def test_snapshot_and_server_time_requests_use_their_limit_ids(tmp_path: Path):
    text = (ROOT / "specs" / "binance.yaml").read_text()
    assert text.count(SNAPSHOT_CONSTANT) == 1 and text.count(SERVER_TIME_CONSTANT) == 1
    text = text.replace(SNAPSHOT_CONSTANT, SNAPSHOT_CONSTANT + "    limit_id: DEPTH\n")
    text = text.replace(SERVER_TIME_CONSTANT, SERVER_TIME_CONSTANT + "    limit_id: SERVER_TIME\n")
    spec = tmp_path / "specs" / "binance.yaml"
    spec.parent.mkdir()
    spec.write_text(text)
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    package = tmp_path / "generated/binance/hummingbot/connector/exchange/binance"
    assert "throttler_limit_id=CONSTANTS.DEPTH," in (package / "binance_api_order_book_data_source.py").read_text()
    assert "throttler_limit_id=CONSTANTS.SERVER_TIME," in (package / "binance_web_utils.py").read_text()
    arguments = ["-q", "-k", "order_book or web_utils or time", "-p", "no:warnings"]
    assert run_suite(tmp_path / "generated" / "binance", arguments) == 0
