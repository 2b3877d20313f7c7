"""Values for placing, cancelling and tracking orders, over REST and in user-stream order and fill events."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from scaffolder.pysource import (
    Expr,
    condition,
    decimal,
    literal,
    parses_date_times,
    read,
    read_first,
    rows_source,
    safe_read,
    seconds,
    template_string,
)
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec
from scaffolder.context.requests import request


def if_condition(predicate: Any, variable: str) -> str:
    """A condition written after `if`: a truthiness test needs no bool()."""
    if predicate.truthy is True and predicate.equals is None and predicate.one_of is None:
        return read(predicate.field, variable)
    return condition(predicate, variable)


def state_condition(item: Any, variable: str, example: Any) -> str:
    """Python source of a state-rule condition (a Predicate, or `positive`)."""
    if item.positive is None:
        return if_condition(item, variable)
    operator = ">" if item.positive else "=="
    return f"{decimal(item.field, variable, example)} {operator} 0"


def state_derivation(spec: Spec, source: Any, variable: str, example: Any) -> Dict[str, Any]:
    """How an order state is computed: a lookup in ORDER_STATE, or ordered rules ending in a fallback."""
    states = spec.constant("ORDER_STATE")
    lookup = f"CONSTANTS.{states}[{read(source.state, variable)}]" if source.state else None
    rules: List[Tuple[str, str]] = []
    fallback = lookup
    for rule in source.state_rules:
        if not rule.when:
            fallback = f"OrderState.{rule.state}"
            break
        rules.append((" and ".join(state_condition(item, variable, example) for item in rule.when), rule.state))
    return {"rules": rules, "fallback": fallback}


def fee_asset_source(fill: Any, variable: str, order: str) -> str:
    """The fee asset: read from the payload, or by the spec's rule from the order (`order` names it); with both,
    the rule stands in for a payload that lacks the field or leaves it empty."""
    if fill.fee_asset_rule is None:
        return read(fill.fee_asset, variable)
    rule = f"{order}.quote_asset" if fill.fee_asset_rule == "quote" else f"self._received_asset({order})"
    if fill.fee_asset is None:
        return rule
    return f"({safe_read(fill.fee_asset, variable)} or {rule})"


def fill_fields(fill: Any, variable: str, example: Any, order: str) -> Dict[str, str]:
    """Expressions that build a TradeUpdate from a fill payload (REST row or websocket event) of `order`."""
    amount = decimal(fill.amount, variable, example)
    price = decimal(fill.price, variable, example)
    quote_path = getattr(fill, "quote_amount", None)
    fee_amount = decimal(fill.fee_amount, variable, example)
    return {
        "trade_id": f"str({read(fill.trade_id, variable)})",
        "price": price,
        "amount": amount,
        "quote_amount": decimal(quote_path, variable, example) if quote_path else f"{amount} * {price}",
        "fee_amount": f"-{fee_amount}" if fill.negate_fee else fee_amount,
        "fee_asset": fee_asset_source(fill, variable, order),
        "timestamp": seconds(fill.timestamp, variable, example),
    }


def _client_order_id(paths: Any, variable: str, exchange_order_id: str) -> str:
    """The order an event names, as Hummingbot keys orders (its client id, as text): the event's client id when it
    has one, else the tracked order with the event's exchange order id (an event that omits the client id,
    as Backpack's may). Absent keys read as None."""
    return f"self._client_order_id_of_event({read_first(paths, variable, safe=True)}, {exchange_order_id})"


def event_row(example: Any, rows: Optional[str]) -> Any:
    return example if rows is None else fieldpath.first_row(example, rows)


def _not_found(v: Dict[str, Any], request_spec: Any, code_constant: str) -> Tuple[Optional[str], List[Any]]:
    """The documented not-found code (a literal) and the matchers, the code's constant first when there is one."""
    code = request_spec.not_found_code
    if code is None:
        return None, list(request_spec.not_found_matches)
    return literal(code), [Expr(v["const"][code_constant])] + list(request_spec.not_found_matches)


def add(spec: Spec, v: Dict[str, Any]) -> None:
    orders = spec.orders
    v["order_states"] = list(orders.states.items())
    # In the spec's order: supported_order_types lists them so (Hummingbot's connectors differ in it).
    v["order_types"] = list(orders.order_types)
    # orders.client_order_id.numeric_bits: buy and sell make numeric ids (see request() for how they are sent).
    v["numeric_client_id_bits"] = orders.client_order_id.numeric_bits
    v["order_type_names"] = [(t, orders.order_types[t].type) for t in v["order_types"]]
    v["time_in_force"] = [
        (t, orders.order_types[t].time_in_force) for t in v["order_types"] if orders.order_types[t].time_in_force
    ]
    v["order_type_params"] = [
        (t, literal(orders.order_types[t].params)) for t in v["order_types"] if orders.order_types[t].params
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
            "type": f"self.{spec.exchange.name}_order_type(order_type)",
            "amount": 'f"{amount:f}"',
            "price": 'f"{price:f}"',
            "time_in_force": f"CONSTANTS.{spec.constant('TIME_IN_FORCE')}[order_type]",
            "client_order_id": "order_id",
        },
    )
    v["sides"] = create.sides
    # orders.create.type_object: the parameters the order has, moved into an object named after its type.
    type_object = create.type_object
    v["create_type_object"] = (
        {
            "key": literal(type_object.key),
            "params": literal(tuple(type_object.params)),
            "type": f"self.{spec.exchange.name}_order_type(order_type)",
        }
        if type_object
        else None
    )
    amount_param = next((key for key, text in create.params.items() if "{amount}" in text), None)
    quote_market_buys = create.market_buy_amount == "quote"
    v["market_buy_amount_param"] = (create.market_buy_param or amount_param) if quote_market_buys else None
    # orders.create.market_buy_param: the quote amount travels in its own parameter, in place of the amount.
    v["market_buy_drops"] = amount_param if quote_market_buys and create.market_buy_param else None
    v["create_exchange_order_id"] = f"str({read(create.exchange_order_id, 'order_result')})"
    # orders.create.unknown_outcome: the error after which the order may exist (tracked under UNKNOWN).
    unknown = create.unknown_outcome
    v["unknown_outcome_matches"] = (
        # Hummingbot's request errors read "... HTTP status is 503. Error: <body>".
        literal([f"HTTP status is {unknown.http_status}.", *unknown.matches])
        if unknown
        else None
    )
    v["create_timestamp"] = (
        seconds(create.timestamp, "order_result", create.example_response)
        if create.timestamp
        else "self.current_timestamp"
    )
    tracked = {
        "symbol": "symbol",
        "client_order_id": "tracked_order.client_order_id",
        "exchange_order_id": "exchange_order_id",
    }
    cancel = orders.cancel
    cancel_values = dict(tracked, client_order_id="order_id")
    v["cancel"] = request(spec, cancel.endpoint, cancel.method, cancel.params, cancel_values, cancel.params_in)
    for param in v["cancel"].params:
        if param.key in cancel.list_params:
            # A batch endpoint cancelling this one order: the value as a one-item list.
            param.source = f"[{param.source}]"
    success = cancel.success
    if success.contains is not None:
        order_id = template_string(success.contains, cancel_values)
        v["cancel_success"] = f"{order_id} in {read(success.field, 'cancel_result')}"
        if "{exchange_order_id}" in success.contains:
            v["cancel"].needs_exchange_order_id = True
    else:
        v["cancel_success"] = condition(success, "cancel_result")
    v["cancel_not_found_code"], v["cancel_not_found_matches"] = _not_found(v, cancel, "ORDER_NOT_FOUND_ON_CANCEL_CODE")
    status = orders.status
    v["status"] = request(spec, status.endpoint, status.method, status.params, tracked)
    v["status_state"] = state_derivation(spec, status, "order_status", status.example_response)
    v["status_fields"] = {
        "exchange_order_id": f"str({read(status.exchange_order_id, 'order_status')})",
        "timestamp": (
            seconds(status.timestamp, "order_status", status.example_response)
            if status.timestamp
            else "self.current_timestamp"
        ),
        "state": (
            "self._order_state_from_status(order_status)"
            if v["status_state"]["rules"]
            else v["status_state"]["fallback"]
        ),
    }
    v["status_not_found_code"], v["status_not_found_matches"] = _not_found(v, status, "ORDER_NOT_FOUND_ON_STATUS_CODE")
    fills = orders.fills
    v["fills"] = request(
        spec,
        fills.endpoint,
        fills.method,
        fills.params,
        dict(tracked, client_order_id="order.client_order_id", exchange_order_id="order.exchange_order_id"),
    )
    v["fill_rows"] = rows_source(fills.example_response, fills.rows, "fills_response")
    fill_row = fieldpath.first_row(fills.example_response, fills.rows)
    v["fill_fields"] = fill_fields(fills, "fill", fill_row, "order")
    # Fills whose fee is paid in the asset the order receives get a helper method naming that asset.
    v["fee_in_received_asset"] = spec.fee_in_received_asset
    v["fill_fields"]["exchange_order_id"] = f"str({read(fills.exchange_order_id, 'fill')})"
    # A request naming neither order id (Gemini's trades of a pair) answers other orders' fills too: keep the order's.
    fill_texts = list(fills.params.values()) + ["{" + value + "}" for _, value in spec.endpoints[fills.endpoint].path_values]
    v["fills_of_pair"] = not any(
        "{exchange_order_id}" in text or "{client_order_id}" in text for text in fill_texts
    )

    bulk = fills.bulk
    v["bulk_fills"] = (
        {
            "since_param": bulk.since_param,
            # Seconds to the parameter's unit.
            "factor": {"s": "", "ms": " * 1e3", "us": " * 1e6", "ns": " * 1e9"}[bulk.since_unit],
            "params": [(key, literal(value)) for key, value in bulk.params.items()],
        }
        if bulk
        else None
    )

    _event_values(spec, v)
    v["order_state_rules"] = bool(v["status_state"]["rules"] or v["order_event_state"]["rules"])
    v["exchange_date_times"] = parses_date_times(
        v["create_timestamp"],
        v["status_fields"],
        v["fill_fields"],
        v["order_event_fields"],
        v.get("event_fill_fields"),
        v.get("fill_event_fields"),
    )


def _event_values(spec: Spec, v: Dict[str, Any]) -> None:
    """The order and fill events of the private stream (none without one: orders are followed by polling)."""
    stream = spec.user_stream
    if stream is None:
        v.update(order_event_route=None, order_event_fields=None, event_fill=None, fetch_fills_condition=None)
        v.update(order_event_looks_up_once=False)
        v.update(order_event_state={"rules": []}, fill_event=None)
        return
    event = stream.order_event
    row = event_row(event.example, event.rows)
    # Several order event names: a tuple of them, which the listener tests with `in`.
    several = isinstance(event.route, list)
    v["order_event_route"] = tuple(event.route) if several else event.route
    v["order_event_route_test"] = "in" if several else "=="
    v["order_event_rows"] = read(event.rows, "event_message") if event.rows is not None else None
    v["order_event_state"] = state_derivation(spec, event, "event", row)
    exchange_order_id = f"str({read(event.exchange_order_id, 'event')})"
    v["order_event_fields"] = {
        "client_order_id": _client_order_id(event.client_order_id, "event", exchange_order_id),
        "exchange_order_id": exchange_order_id,
        "state": (
            "self._order_state_from_event(event)"
            if v["order_event_state"]["rules"]
            else v["order_event_state"]["fallback"]
        ),
        "timestamp": seconds(event.timestamp, "event", row),
    }
    v["event_fill"] = event.fill
    if event.fill:
        v["event_fill_condition"] = if_condition(event.fill.when, "event")
        v["event_fill_fields"] = fill_fields(event.fill, "event", row, "fillable_order")
    v["fetch_fills_condition"] = if_condition(event.fetch_fills_when, "event") if event.fetch_fills_when else None
    # An event that reports a fill looks the order up once, among the orders that take updates, and among the done
    # ones only when it is not there (a late fill). With fills fetched over REST the handler awaits, and the order
    # may be done by then: it is looked up again for the update.
    v["order_event_looks_up_once"] = bool(event.fill) and not event.fetch_fills_when
    # Fetching fills over REST makes the order event handler a coroutine.
    v["order_event_def"] = "async def" if event.fetch_fills_when else "def"
    v["order_event_await"] = "await " if event.fetch_fills_when else ""

    fill_event = stream.fill_event
    v["fill_event"] = fill_event
    if fill_event:
        fill_event_row = event_row(fill_event.example, fill_event.rows)
        v["fill_event_route"] = fill_event.route
        v["fill_event_rows"] = read(fill_event.rows, "event_message") if fill_event.rows is not None else None
        v["fill_event_fields"] = fill_fields(fill_event, "event", fill_event_row, "fillable_order")
        fill_exchange_order_id = f"str({read(fill_event.exchange_order_id, 'event')})"
        v["fill_event_fields"]["exchange_order_id"] = fill_exchange_order_id
        v["fill_event_fields"]["client_order_id"] = _client_order_id(
            fill_event.client_order_id, "event", fill_exchange_order_id
        )
