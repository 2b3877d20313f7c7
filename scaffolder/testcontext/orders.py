"""Values for the order hooks of the generated exchange test: create, cancel, status, fills, order events."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

from scaffolder.fixtures import fixture
from scaffolder.pysource import literal
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec
from scaffolder.testcontext.common import satisfying, time_in_unit, typed, violating

EXPECTED_EXCHANGE_ORDER_ID = "28"
EXPECTED_FILL_TRADE_ID = "30000"


def _first_exchange_state(spec: Spec, state: str) -> str:
    return next(exchange for exchange, mapped in spec.orders.states.items() if mapped == state)


def _params_checks(params: Mapping[str, str], expected: Mapping[str, Tuple[str, bool]]) -> List[Tuple[str, str, bool]]:
    """(key, expected source, compare as Decimal) for each request parameter."""
    checks = []
    for key, text in params.items():
        names = [name for name in expected if "{" + name + "}" in text]
        if not names:
            checks.append((key, literal(text), False))
        elif text == "{" + names[0] + "}":
            source, as_decimal = expected[names[0]]
            checks.append((key, source, as_decimal))
    return checks


def _coalesced_client_id(paths: Any, source: str, canceled: bool) -> Dict[str, str]:
    """Client-id fields of an order event. With several paths (first non-empty wins), a new order carries the
    id in the last path only; a canceled order carries it in the first and a decoy in the others."""
    if isinstance(paths, str):
        return {paths: source}
    if canceled:
        return {paths[0]: source, **{path: literal("decoy-id") for path in paths[1:]}}
    return {**{path: literal("") for path in paths[:-1]}, paths[-1]: source}


def add(spec: Spec, v: Dict[str, Any]) -> None:
    endpoints = spec.endpoints
    orders = spec.orders
    # --- orders --------------------------------------------------------------------------------------------------
    create = orders.create
    create_example = create.example_response
    create_values = {
        create.exchange_order_id: typed(create_example, create.exchange_order_id, "self.expected_exchange_order_id")
    }
    if create.timestamp:
        create_values[create.timestamp.path] = time_in_unit(create.timestamp.unit)
    v["order_creation_response"] = fixture(create_example, create_values)
    v["expected_exchange_order_id"] = literal(EXPECTED_EXCHANGE_ORDER_ID)
    v["order_type_names"] = [
        (t, literal(orders.order_types[t].type)) for t in ("LIMIT", "LIMIT_MAKER", "MARKET") if t in orders.order_types
    ]
    v["order_type_name"] = dict(v["order_type_names"])
    v["order_types"] = [t for t in ("LIMIT", "LIMIT_MAKER", "MARKET") if t in orders.order_types]
    limit_tif = orders.order_types["LIMIT"].time_in_force
    v["creation_checks"] = _params_checks(
        create.params,
        {
            "symbol": ("self.exchange_trading_pair", False),
            "side": (
                f"{literal(create.sides.BUY)} if order.trade_type == TradeType.BUY else {literal(create.sides.SELL)}",
                False,
            ),
            "type": ("self.expected_order_type_names[order.order_type]", False),
            "amount": ("order.amount", True),
            "price": ("order.price", True),
            "time_in_force": (literal(limit_tif), False),
            "client_order_id": ("order.client_order_id", False),
        },
    )
    v["create_params_argument"] = "data" if create.method in ("POST", "PUT") else "params"
    v["price_param"] = next((key for key, text in create.params.items() if "{price}" in text), None)
    v["time_in_force_param"] = next((key for key, text in create.params.items() if "{time_in_force}" in text), None)
    v["type_param"] = next((key for key, text in create.params.items() if "{type}" in text), None)
    v["tif_order_types"] = [t for t in v["order_types"] if orders.order_types[t].time_in_force]

    tracked_expected = {
        "symbol": ("self.exchange_trading_pair", False),
        "client_order_id": ("order.client_order_id", False),
        "exchange_order_id": ("order.exchange_order_id", False),
    }
    cancel = orders.cancel
    v["cancel_method"] = cancel.method.lower()
    v["cancel_constant"] = endpoints[cancel.endpoint].constant
    v["cancel_params_argument"] = "data" if cancel.method in ("POST", "PUT") else "params"
    v["cancel_checks"] = _params_checks(cancel.params, tracked_expected)
    v["cancel_response"] = fixture(cancel.example_response, {cancel.success.field: satisfying(cancel.success)})
    v["cancel_not_found_body"] = literal(cancel.not_found_example) if cancel.not_found_example is not None else None

    status = orders.status
    status_example = status.example_response
    v["status_method"] = status.method.lower()
    v["status_constant"] = endpoints[status.endpoint].constant
    v["status_params_argument"] = "data" if status.method in ("POST", "PUT") else "params"
    v["status_checks"] = _params_checks(status.params, tracked_expected)

    def status_response(state: str) -> str:
        return fixture(
            status_example,
            {
                status.state: literal(_first_exchange_state(spec, state)),
                status.client_order_id: "order.client_order_id",
                status.exchange_order_id: typed(status_example, status.exchange_order_id, "order.exchange_order_id"),
                status.timestamp.path: time_in_unit(status.timestamp.unit),
            },
        )

    v["status_responses"] = {
        state: status_response(state) for state in ("FILLED", "CANCELED", "OPEN", "PARTIALLY_FILLED")
    }
    v["has_failed_state"] = "FAILED" in orders.states.values()
    if v["has_failed_state"]:
        v["status_responses"]["FAILED"] = status_response("FAILED")
        v["failed_exchange_state"] = literal(_first_exchange_state(spec, "FAILED"))
    v["status_not_found_body"] = literal(status.not_found_example) if status.not_found_example is not None else None

    fills = orders.fills
    fills_example = fills.example_response
    fill_row = fieldpath.first_row(fills_example, fills.rows)
    v["fills_method"] = fills.method.lower()
    v["fills_constant"] = endpoints[fills.endpoint].constant
    v["fills_params_argument"] = "data" if fills.method in ("POST", "PUT") else "params"
    v["fills_checks"] = _params_checks(fills.params, tracked_expected)

    def fills_response(price_source: str, amount_source: str) -> str:
        row = {
            fills.trade_id: typed(fill_row, fills.trade_id, "self.expected_fill_trade_id"),
            fills.exchange_order_id: typed(fill_row, fills.exchange_order_id, "order.exchange_order_id"),
            fills.price: typed(fill_row, fills.price, f"str({price_source})"),
            fills.amount: typed(fill_row, fills.amount, f"str({amount_source})"),
            fills.fee_amount: typed(fill_row, fills.fee_amount, "str(self.expected_fill_fee.flat_fees[0].amount)"),
            fills.fee_asset: "self.expected_fill_fee.flat_fees[0].token",
            fills.timestamp.path: time_in_unit(fills.timestamp.unit),
        }
        if fills.quote_amount:
            row[fills.quote_amount] = typed(fill_row, fills.quote_amount, f"str({price_source} * {amount_source})")
        return fixture(fills_example, rows=fills.rows, row_replacements=[row])

    v["full_fill_response"] = fills_response("order.price", "order.amount")
    v["partial_fill_response"] = fills_response("self.expected_partial_fill_price", "self.expected_partial_fill_amount")
    v["fee_class"] = (
        "DeductedFromReturnsTradeFee"
        if spec.exchange.fees.buy_percent_fee_deducted_from_returns
        else "AddedToCostTradeFee"
    )
    v["expected_fill_trade_id"] = literal(EXPECTED_FILL_TRADE_ID)

    # --- user stream order events --------------------------------------------------------------------------------
    event = spec.user_stream.order_event
    event_example = event.example

    def order_event(state: str, canceled: bool = False, fill: Optional[Tuple[str, str]] = None) -> str:
        replacements = {
            spec.user_stream.route_field: literal(event.route),
            **_coalesced_client_id(event.client_order_id, "order.client_order_id", canceled),
            event.exchange_order_id: typed(event_example, event.exchange_order_id, "order.exchange_order_id"),
            event.state: literal(_first_exchange_state(spec, state)),
            event.timestamp.path: time_in_unit(event.timestamp.unit),
        }
        if event.fill:
            when = event.fill.when
            if fill:
                replacements[when.field] = satisfying(when)
                price_source, amount_source = fill
                replacements.update(
                    {
                        event.fill.trade_id: typed(event_example, event.fill.trade_id, "self.expected_fill_trade_id"),
                        event.fill.price: typed(event_example, event.fill.price, f"str({price_source})"),
                        event.fill.amount: typed(event_example, event.fill.amount, f"str({amount_source})"),
                        event.fill.fee_amount: typed(
                            event_example, event.fill.fee_amount, "str(self.expected_fill_fee.flat_fees[0].amount)"
                        ),
                        event.fill.fee_asset: "self.expected_fill_fee.flat_fees[0].token",
                        event.fill.timestamp.path: time_in_unit(event.fill.timestamp.unit),
                    }
                )
            else:
                replacements[when.field] = violating(when)
        return fixture(event_example, replacements)

    v["new_order_event"] = order_event("OPEN")
    v["canceled_order_event"] = order_event("CANCELED", canceled=True)
    v["full_fill_event"] = order_event("FILLED", fill=("order.price", "order.amount"))
    v["fill_in_order_event"] = event.fill is not None
    if v["has_failed_state"]:
        v["failed_order_event"] = order_event("FAILED")
