"""`orders.create.unknown_outcome`: a placement error after which the order may exist (Binance documents HTTP 503
"Unknown error, please check your request or try again later." as "execution status UNKNOWN, could have been a
success").

specs/binance.yaml and specs/backpack.yaml ship with it; their generated suites check that the documented error
gives the exchange order id UNKNOWN, that other errors still raise, and that a status update gives the order its
exchange id. Here: the generated code of both, and the specs refused because an order of unknown outcome could never
be found or recognised.
"""

from pathlib import Path

import pytest
from spec_variants import generate_variant, shipped, validate

UNKNOWN_OUTCOME = """    unknown_outcome:
      http_status: 503
      matches: ["Unknown error"]
      example: {label: SERVER_ERROR, message: "Unknown error"}
"""
GATE_IO_CREATE = "    exchange_order_id: id\n    timestamp: {path: create_time_ms, unit: ms}\n    example_response:\n"


def test_binance_tracks_an_order_of_unknown_outcome_under_unknown(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", shipped("binance"))
    package = connector / "hummingbot/connector/exchange/binance"
    constants = (package / "binance_constants.py").read_text()
    assert (
        'UNKNOWN_ORDER_OUTCOME_MATCHES = ["HTTP status is 503.", "Unknown error, please check your request or try '
        'again later."]\n' in constants
    )
    assert 'UNKNOWN_EXCHANGE_ORDER_ID = "UNKNOWN"\n' in constants
    exchange = (package / "binance_exchange.py").read_text()
    assert "        except IOError as request_error:\n" in exchange
    assert "return CONSTANTS.UNKNOWN_EXCHANGE_ORDER_ID, self._time_synchronizer.time()" in exchange
    assert 'tracked_order.update_exchange_order_id(str(order_status["orderId"]))' in exchange


def test_a_spec_without_it_places_orders_as_before(tmp_path: Path):
    connector = generate_variant(tmp_path, "okx", shipped("okx"))
    exchange = (connector / "hummingbot/connector/exchange/okx/okx_exchange.py").read_text()
    assert "UNKNOWN" not in exchange and "except IOError" not in exchange


def _gate_io(unknown_outcome: str) -> str:
    text = shipped("gate_io")
    assert text.count(GATE_IO_CREATE) == 1
    anchor = GATE_IO_CREATE.removesuffix("    example_response:\n")
    return text.replace(GATE_IO_CREATE, anchor + unknown_outcome + "    example_response:\n")


@pytest.mark.parametrize(
    "unknown_outcome, expected",
    [
        # Gate.io asks an order's status by its exchange id (/spot/orders/{order_id}).
        (UNKNOWN_OUTCOME, "orders.status asks by it: the status request must name the order by {client_order_id}"),
        (
            UNKNOWN_OUTCOME.replace('message: "Unknown error"', "message: Busy"),
            "the error example does not contain 'Unknown error', so the matcher would miss it",
        ),
        (UNKNOWN_OUTCOME.replace("http_status: 503", "http_status: 200"), "greater than or equal to 400"),
        (UNKNOWN_OUTCOME.replace('matches: ["Unknown error"]', "matches: []"), "at least 1 item"),
    ],
)
def test_an_unknown_outcome_that_could_never_be_settled_is_refused(tmp_path: Path, unknown_outcome: str, expected):
    result = validate(tmp_path, "gate_io", _gate_io(unknown_outcome))
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "gate_io.yaml:" in result.output, result.output
