"""Values for placing, cancelling and tracking orders, over REST and in user-stream order events."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.pysource import condition, decimal, read, read_first, seconds
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec
from scaffolder.context.requests import request


ORDER_TYPE_ORDER = ("LIMIT", "LIMIT_MAKER", "MARKET")


def _fill_fields(fill: Any, variable: str, example: Any) -> Dict[str, str]:
    """Expressions that build a TradeUpdate from a fill payload (REST row or websocket event)."""
    amount = decimal(fill.amount, variable, example)
    price = decimal(fill.price, variable, example)
    quote_path = getattr(fill, "quote_amount", None)
    return {
        "trade_id": f"str({read(fill.trade_id, variable)})",
        "price": price,
        "amount": amount,
        "quote_amount": decimal(quote_path, variable, example) if quote_path else f"{amount} * {price}",
        "fee_amount": decimal(fill.fee_amount, variable, example),
        "fee_asset": read(fill.fee_asset, variable),
        "timestamp": seconds(fill.timestamp, variable),
    }


def add(spec: Spec, v: Dict[str, Any]) -> None:
    orders = spec.orders
    v["order_states"] = list(orders.states.items())
    v["order_types"] = [t for t in ORDER_TYPE_ORDER if t in orders.order_types]
    v["order_type_names"] = [(t, orders.order_types[t].type) for t in v["order_types"]]
    v["time_in_force"] = [
        (t, orders.order_types[t].time_in_force) for t in v["order_types"] if orders.order_types[t].time_in_force
    ]
    v["other_domains"] = list(spec.exchange.domains.others.items())

    create = orders.create
    v["create"] = request(
        spec,
        create.endpoint,
        create.method,
        create.params,
        {
            "symbol": "symbol",
            "side": "side",
            "type": "CONSTANTS.ORDER_TYPE_NAMES[order_type]",
            "amount": 'f"{amount:f}"',
            "price": 'f"{price:f}"',
            "time_in_force": "CONSTANTS.TIME_IN_FORCE[order_type]",
            "client_order_id": "order_id",
        },
    )
    v["sides"] = create.sides
    v["create_exchange_order_id"] = f"str({read(create.exchange_order_id, 'order_result')})"
    v["create_timestamp"] = seconds(create.timestamp, "order_result") if create.timestamp else "self.current_timestamp"
    tracked = {
        "symbol": "symbol",
        "client_order_id": "tracked_order.client_order_id",
        "exchange_order_id": "exchange_order_id",
    }
    cancel = orders.cancel
    v["cancel"] = request(
        spec, cancel.endpoint, cancel.method, cancel.params, dict(tracked, client_order_id="order_id")
    )
    v["cancel_success"] = condition(cancel.success, "cancel_result")
    v["cancel_not_found_matches"] = cancel.not_found_matches
    status = orders.status
    v["status"] = request(spec, status.endpoint, status.method, status.params, tracked)
    v["status_fields"] = {
        "exchange_order_id": f"str({read(status.exchange_order_id, 'order_status')})",
        "timestamp": seconds(status.timestamp, "order_status"),
        "state": read(status.state, "order_status"),
    }
    v["status_not_found_matches"] = status.not_found_matches
    fills = orders.fills
    v["fills"] = request(
        spec,
        fills.endpoint,
        fills.method,
        fills.params,
        dict(tracked, client_order_id="order.client_order_id", exchange_order_id="order.exchange_order_id"),
    )
    v["fill_rows"] = read(fills.rows, "fills_response")
    fill_row = fieldpath.first_row(fills.example_response, fills.rows)
    v["fill_fields"] = _fill_fields(fills, "fill", fill_row)
    v["fill_fields"]["exchange_order_id"] = f"str({read(fills.exchange_order_id, 'fill')})"

    stream = spec.user_stream
    stream = spec.user_stream
    event = stream.order_event
    v["order_event_route"] = event.route
    v["order_event_fields"] = {
        "client_order_id": read_first(event.client_order_id, "event"),
        "exchange_order_id": f"str({read(event.exchange_order_id, 'event')})",
        "state": read(event.state, "event"),
        "timestamp": seconds(event.timestamp, "event"),
    }
    v["event_fill"] = event.fill
    if event.fill:
        v["event_fill_condition"] = condition(event.fill.when, "event")
        v["event_fill_fields"] = _fill_fields(event.fill, "event", event.example)
