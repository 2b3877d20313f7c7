"""`orders.client_order_id.numeric_bits`: exchanges that take client order ids as unsigned integers (Backpack's
uint32 `clientId`; Hummingbot's GRVT and Lighter connectors use 63 and 48 bits).

specs/backpack.yaml ships with it: its connector makes numeric ids and sends them as JSON integers in its JSON
bodies. Here: a Binance variant, whose parameters travel in the query and a form body, generates a connector that
makes numeric ids and sends them as text (what a query carries either way), and its suite passes; contradictory
specs are refused with their position.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, shipped, validate

from scaffolder.testing.runner import run_suite

BINANCE_IDS = "client_order_id: {prefix: x-MG43PCSN, max_length: 32}"


def binance_variant(ids: str = "{prefix: '', max_length: 20, numeric_bits: 63}") -> str:
    text = shipped("binance")
    assert text.count(BINANCE_IDS) == 1
    return text.replace(BINANCE_IDS, f"client_order_id: {ids}")


@pytest.mark.timeout(600)
def test_a_binance_variant_with_numeric_ids_passes_its_suite(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", binance_variant())
    package = connector / "hummingbot/connector/exchange/binance"
    assert "CLIENT_ORDER_ID_BITS = 63\n" in (package / "binance_constants.py").read_text()
    exchange = (package / "binance_exchange.py").read_text()
    assert "max_id_bit_count=CONSTANTS.CLIENT_ORDER_ID_BITS," in exchange
    assert "    def buy(\n" in exchange and "    def sell(\n" in exchange
    # A query or a form carries text either way: the id is sent as Hummingbot keys the order.
    assert '"newClientOrderId": order_id,' in exchange
    assert "int(order_id)" not in exchange
    suite = (connector / "test/hummingbot/connector/exchange/binance/test_binance_exchange.py").read_text()
    assert "self.assertLess(int(order_id), 9_223_372_036_854_775_808)" in suite
    assert run_suite(connector, QUIET) == 0


def test_backpack_sends_its_numeric_ids_as_json_integers(tmp_path: Path):
    connector = generate_variant(tmp_path, "backpack", shipped("backpack"))
    exchange = (connector / "hummingbot/connector/exchange/backpack/backpack_exchange.py").read_text()
    assert '"clientId": int(order_id),' in exchange  # create and cancel: JSON bodies
    assert '"clientId": tracked_order.client_order_id,' in exchange  # order status: a query
    suite = (connector / "test/hummingbot/connector/exchange/backpack/test_backpack_exchange.py").read_text()
    assert 'self.assertEqual(int(order.client_order_id), request_data["clientId"])' in suite
    assert "self.assertLess(int(order_id), 4_294_967_296)" in suite


@pytest.mark.parametrize(
    "ids, expected",
    [
        (
            "{prefix: hb-, max_length: 20, numeric_bits: 32}",
            "numeric client order ids (numeric_bits: 32) have no prefix",
        ),
        (
            "{prefix: '', max_length: 20, numeric_bits: 32, pattern: '[0-9]+'}",
            "numeric client order ids are unsigned integers below 2 ** numeric_bits: remove the pattern",
        ),
        ("{prefix: '', max_length: 20, numeric_bits: 8}", "greater than or equal to 16"),
        ("{prefix: '', max_length: 20, numeric_bits: 128}", "less than or equal to 64"),
    ],
)
def test_contradictory_numeric_ids_are_refused_with_their_position(tmp_path: Path, ids: str, expected: str):
    result = validate(tmp_path, "binance", binance_variant(ids))
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "binance.yaml:249:" in result.output, result.output


def test_the_variant_is_valid(tmp_path: Path):
    result = validate(tmp_path, "binance", binance_variant())
    assert result.exit_code == 0, result.output
