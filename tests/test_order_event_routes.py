"""`user_stream.order_event.route` as a list: several event names carrying the same order shape (Backpack's order
update stream names each event in `data.e`: orderAccepted, orderCancelled, orderExpired, orderFill, ...), each routed
to the order event handler (`event_type in CONSTANTS.USER_ORDER_EVENT_TYPE`, a tuple).

No shipped spec uses it. Here: a Binance variant whose order events come as executionReport or orderUpdate passes its
generated suite (which sends a cancellation under the second name too) and its market tests; contradictions are
refused with positions.
"""

from pathlib import Path

import pytest
from spec_variants import generate_variant, passes_suite_and_market_tests, shipped, validate
from test_no_private_stream import _findings

ROUTE = "    route: executionReport\n"


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def binance_two_order_events() -> str:
    return _replace(shipped("binance"), ROUTE, "    route: [executionReport, orderUpdate]\n")


def test_the_listener_routes_every_name_to_the_order_handler(tmp_path: Path):
    connector = generate_variant(tmp_path, "binance", binance_two_order_events())
    package = connector / "hummingbot/connector/exchange/binance"
    assert 'USER_ORDER_EVENT_TYPE = ("executionReport", "orderUpdate")' in (package / "binance_constants.py").read_text()
    assert "if event_type in CONSTANTS.USER_ORDER_EVENT_TYPE:" in (package / "binance_exchange.py").read_text()
    suite = (connector / "test/hummingbot/connector/exchange/binance/test_binance_exchange.py").read_text()
    assert "async def test_user_stream_update_for_canceled_order_under_route_2(self):" in suite
    assert '"e": "orderUpdate"' in suite
    for path in connector.rglob("*.py"):
        assert _findings(str(path), path.read_text()) == "", path


@pytest.mark.parametrize(
    "route, expected",
    [
        ("[]", "user_stream.order_event.route: an empty list routes nothing"),
        ("[executionReport, executionReport]", "user_stream.order_event.route: each order event name once"),
        ("[orderUpdate, orderTradeUpdate]", "the example carries 'executionReport' at 'e', not 'orderUpdate'"),
        ("[executionReport, outboundAccountPosition]",
         "user_stream.balance_event.route: 'outboundAccountPosition' is already an order event route"),
    ],
)
def test_contradictory_order_event_routes_are_refused(tmp_path: Path, route: str, expected: str):
    result = validate(tmp_path, "binance", _replace(shipped("binance"), ROUTE, f"    route: {route}\n"))
    assert result.exit_code == 2
    assert expected in result.output


@pytest.mark.timeout(600)
def test_binance_with_two_order_event_names_passes_its_suite_and_market_tests(tmp_path: Path):
    assert passes_suite_and_market_tests(generate_variant(tmp_path, "binance", binance_two_order_events()))
