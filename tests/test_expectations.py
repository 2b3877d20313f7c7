"""Declared expectations (`expect:` blocks): validated with positioned errors, and they catch what injected fixtures
cannot: a mapping pointing at a wrong field that the documented payload also has.

The proof runs a Binance variant with five such mappings (each to an existing field of the same payload): the
generated suite as it was before expectations (every other test module) passes, and the documented-examples
module fails exactly on the five payloads concerned.
"""

import json
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.runner import _pytest_command, suite_env

ROOT = Path(__file__).resolve().parent.parent

# A wrong but existing field for each mapping, and the documented-examples test that must catch it.
WRONG_FIELDS = [
    (
        "    min_order_size: filters[filterType=LOT_SIZE].minQty\n",
        "    min_order_size: filters[filterType=LOT_SIZE].maxQty\n",
        "test_trading_rules",
    ),
    (
        "    client_order_id: clientOrderId\n    exchange_order_id: orderId\n",
        "    client_order_id: clientOrderId\n    exchange_order_id: orderListId\n",
        "test_order_status",
    ),
    ("      trade_id: t\n      price: p\n", "      trade_id: T\n      price: p\n", "test_public_trades"),
    ("    exchange_order_id: i\n    state: X\n", "    exchange_order_id: I\n    state: X\n", "test_order_event"),
    ("  available: free\n  locked: locked\n", "  available: locked\n  locked: free\n", "test_balances"),
]


def _validate(tmp_path: Path, text: str):
    spec = tmp_path / "binance.yaml"
    spec.write_text(text)
    return CliRunner().invoke(app, ["validate", str(spec)])


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# The specs whose expectations were written and checked against the exchanges' documentation (a spec added since,
# such as BitMart, declares none yet: its documented-examples test is simply not generated).
DECLARING = ("binance", "bybit", "gate_io", "kucoin", "okx")


def test_shipped_specs_declare_expectations_for_their_main_payloads():
    for spec in (ROOT / "specs" / f"{name}.yaml" for name in DECLARING):
        text = spec.read_text()
        for section in ("orders:", "user_stream:", "public_ws:", "markets:", "balances:"):
            body = text.split("\n" + section, 1)[1]
            assert "expect:" in body, f"{spec.name}: no expect block after {section}"
        tests = (ROOT / "generated" / spec.stem / "test/hummingbot/connector/exchange" / spec.stem).glob(
            "test_*_documented_examples.py"
        )
        source = next(tests).read_text()
        for name in ("test_order_status", "test_order_fills", "test_order_event", "test_trading_rules",
                     "test_balances", "test_public_trades", "test_server_time", "test_order_book_snapshot_over_rest"):
            assert f"def {name}(" in source, f"{spec.name}: {name}"


def test_an_unknown_key_is_refused_at_its_line(tmp_path: Path, binance_spec_text: str):
    text = binance_spec_text.replace(
        "expect: {exchange_order_id: 1, state: OPEN,", "expect: {exchange_order_idd: 1, state: OPEN,"
    )
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    line = _line_of(text, "expect: {exchange_order_idd")
    assert re.search(rf":{line}:\d+: orders\.status\.expect\.exchange_order_idd: unknown key", result.output)


@pytest.mark.parametrize(
    "old, new, where, message",
    [
        ("state: OPEN, timestamp: 1499827319.559}", "state: OPENED, timestamp: 1499827319.559}",
         "orders.status.expect.state", "expected one of PENDING_CREATE"),
        ('    expect: {price: "4.00000200"}', '    expect: {price: "four"}',
         "markets.last_traded_price.expect.price", "decimal"),
        ("timestamp: 1507725176.595}", "timestamp: true}", "orders.create.expect.timestamp", "expected a number"),
        ('side: SELL, timestamp: 1672515782.136}', 'side: SOLD, timestamp: 1672515782.136}',
         "public_ws.channels.trade.expect[0].side", "expected one of BUY, SELL"),
        ("    BTC: {available: \"4723846.89208129\", total: \"4723846.89208129\"}",
         "    BTC: {available: \"4723846.89208129\"}", "balances.expect.BTC.total", "required field is missing"),
        ("      ETH-BTC:\n        min_order_size:", "      ETHBTC:\n        min_order_size:",
         "markets.trading_rules.expect.ETHBTC", "trading pairs BASE-QUOTE"),
        ("        timestamp: 1499865549.590\n", "        timestamp: 1499865549.590\n      - {trade_id: 1, exchange_order_id: 2, price: 1, "
         "amount: 1, fee_amount: 0, timestamp: 1}\n", "orders.fills.expect", "expected 1 item(s)"),
        ("      expect:\n        trading_pair: BNB-BTC\n        first_update_id: 157\n",
         "      expect:\n        first_update_id: 157\n", "public_ws.channels.order_book_diff.expect.trading_pair",
         "required field is missing"),
        ("expect: {trading_pair: BNB-BTC,", "expect: {trading_pair: BNB-USDT,",
         "public_ws.channels.trade.expect.trading_pair", "the example carries symbol 'BNBBTC'"),
        ("      update_id: 1027024\n", "      update_id: 1027024\n      timestamp: 1\n",
         "markets.order_book_snapshot.expect.timestamp", "not read from this payload"),
        ("      timestamp: 1499405658.658\n", "      timestamp: 1499405658.658\n      fill: {trade_id: 1, price: 1, "
         "amount: 1, fee_amount: 0, timestamp: 1, exchange_order_id: 4}\n",
         "user_stream.order_event.expect[0].fill.exchange_order_id", "not read from this payload"),
    ],
)
def test_a_wrong_expectation_is_refused_with_its_position(tmp_path, binance_spec_text, old, new, where, message):
    assert binance_spec_text.count(old) == 1, old
    text = binance_spec_text.replace(old, new)
    result = _validate(tmp_path, text)
    assert result.exit_code == 2, result.output
    line = next(line for line in result.output.splitlines() if f": {where}: " in line)
    assert re.match(r".*binance\.yaml:\d+:\d+: ", line), line
    assert message in line, line


def _run_suite_report(connector_root: Path, report: Path) -> dict:
    """{test name: passed?} for every test of a generated suite, run in one pytest process."""
    command = _pytest_command(connector_root, ["-q", "-p", "no:warnings", f"--junitxml={report}"])
    subprocess.run(command, env=suite_env(connector_root), capture_output=True, text=True)
    outcomes = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        failed = any(child.tag in ("failure", "error") for child in case)
        outcomes[f"{case.get('classname').rsplit('.', 1)[-1]}.{case.get('name')}"] = not failed
    return outcomes


@pytest.mark.timeout(300)
def test_a_mapping_to_a_wrong_existing_field_passes_the_fixture_suite_but_fails_its_expectation(
    tmp_path: Path, binance_spec_text: str
):
    text = binance_spec_text
    for old, new, _ in WRONG_FIELDS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    spec = tmp_path / "specs" / "binance.yaml"
    spec.parent.mkdir()
    spec.write_text(text)
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output

    outcomes = _run_suite_report(tmp_path / "generated" / "binance", tmp_path / "report.xml")

    documented = {name: ok for name, ok in outcomes.items() if name.startswith("BinanceDocumentedExamplesTests.")}
    others = {name: ok for name, ok in outcomes.items() if name not in documented}
    assert len(others) > 100 and all(others.values()), json.dumps(
        {name: ok for name, ok in others.items() if not ok}
    )
    failed = sorted(name.split(".")[-1] for name, ok in documented.items() if not ok)
    assert failed == sorted(test for _, _, test in WRONG_FIELDS)
