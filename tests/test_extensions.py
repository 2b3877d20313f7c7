"""The extension point: `extensions:` in a spec gives hand-written mixins in NAME_overrides.py that take precedence
over the generated classes, are created once, and survive every regeneration."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HBGEN = [str(Path(sys.executable).parent / "hbgen")]
PACKAGE = "hummingbot/connector/exchange/binance"
OVERRIDES = f"{PACKAGE}/binance_overrides.py"

# A hand-written override, and a hand-written test (a file hbgen never touches) proving it is the one that runs.
OVERRIDE = '''

class BinanceExchangeOverrides:
    """Methods of BinanceExchange that replace or add to the generated ones."""

    def supported_order_types(self):
        # Hand-written: this venue's account only trades limit orders.
        return super().supported_order_types()[:1]
'''
HAND_TEST = """from hummingbot.connector.exchange.binance.binance_exchange import BinanceExchange, BinanceExchangeGenerated
from hummingbot.connector.exchange.binance.binance_overrides import BinanceExchangeOverrides
from hummingbot.core.data_type.common import OrderType


def test_the_hand_written_method_replaces_the_generated_one():
    assert BinanceExchange.__mro__[1:3] == (BinanceExchangeOverrides, BinanceExchangeGenerated)
    exchange = BinanceExchange(binance_api_key="k", binance_api_secret="s", trading_pairs=[])
    assert exchange.supported_order_types() == [OrderType.LIMIT]
"""


def hbgen(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(HBGEN + list(args), cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    spec = (ROOT / "specs" / "binance.yaml").read_text()
    (tmp_path / "specs" / "binance.yaml").write_text(spec + "\nextensions: [exchange]\n")
    return tmp_path


def generate(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return hbgen("generate", "specs/binance.yaml", "--out", "generated", *extra, cwd=project)


def test_the_overrides_file_is_created_once_and_the_final_class_mixes_it_in(project):
    result = generate(project)
    assert result.returncode == 0, result.stderr
    assert f"created generated/binance/{OVERRIDES}" in result.stdout
    overrides = (project / "generated/binance" / OVERRIDES).read_text()
    assert "class BinanceExchangeOverrides:" in overrides
    exchange = (project / "generated/binance" / PACKAGE / "binance_exchange.py").read_text()
    assert "class BinanceExchangeGenerated(ExchangePyBase):" in exchange
    assert "class BinanceExchange(BinanceExchangeOverrides, BinanceExchangeGenerated):" in exchange
    # Classes the spec does not extend keep their plain definition.
    auth = (project / "generated/binance" / PACKAGE / "binance_auth.py").read_text()
    assert "class BinanceAuth(AuthBase):" in auth


def test_a_dry_run_creates_nothing(project):
    result = generate(project, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would create" in result.stdout
    assert not (project / "generated/binance" / OVERRIDES).exists()


def test_hand_written_code_survives_spec_edits_and_force_and_runs(project):
    assert generate(project).returncode == 0
    overrides = project / "generated/binance" / OVERRIDES
    overrides.write_text(overrides.read_text().split("\n\nclass ")[0] + OVERRIDE)
    hand_test = project / "generated/binance/test/hummingbot/connector/exchange/binance/test_binance_overrides.py"
    hand_test.write_text(HAND_TEST)
    written = overrides.read_text()

    spec = project / "specs" / "binance.yaml"
    spec.write_text(
        spec.read_text().replace("{id: ORDERS, limit: 100, interval: 10}", "{id: ORDERS, limit: 50, interval: 10}")
    )
    result = generate(project)
    assert result.returncode == 0, result.stderr
    assert "created" not in result.stdout
    assert generate(project, "--force").returncode == 0
    assert overrides.read_text() == written

    check = hbgen("check", "--specs", "specs", "--out", "generated", "--strict", "--no-run-tests", cwd=project)
    # The overrides file is the spec's own extension point, not a hand-added file; the hand-written test is.
    assert OVERRIDES not in check.stdout
    assert "test_binance_overrides.py: added by hand" in check.stdout

    suite = hbgen("test", "binance", "--out", "generated", "--", "-q", "-k", "overrides", cwd=project)
    assert suite.returncode == 0, suite.stdout[-3000:]
    assert "1 passed" in suite.stdout


def test_check_reports_a_missing_overrides_file_as_stale(project):
    assert generate(project).returncode == 0
    (project / "generated/binance" / OVERRIDES).unlink()
    check = hbgen("check", "--specs", "specs", "--out", "generated", "--no-run-tests", cwd=project)
    assert check.returncode == 1
    assert f"{OVERRIDES}: missing (hbgen generate creates it)" in check.stderr


def test_a_class_listed_twice_is_refused_at_its_line(project):
    spec = project / "specs" / "binance.yaml"
    spec.write_text(spec.read_text().replace("extensions: [exchange]", "extensions: [exchange, exchange]"))
    result = hbgen("validate", "specs/binance.yaml", cwd=project)
    assert result.returncode == 2
    assert "extensions[1]: 'exchange' is listed twice" in result.stderr
    shutil.rmtree(project / "generated", ignore_errors=True)


@pytest.mark.parametrize("spec_path", sorted((ROOT / "specs").glob("*.yaml")), ids=lambda path: path.stem)
def test_no_shipped_spec_needs_hand_written_code(spec_path):
    from scaffolder.spec import load_spec

    assert load_spec(spec_path).extensions == []
    assert "extensions:" not in spec_path.read_text()
