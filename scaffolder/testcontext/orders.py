"""Values for the order hooks of the generated exchange test: create, cancel, status, fills, order and fill events."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from scaffolder.context.requests import client_id_as_integer, sends_body
from scaffolder.fixtures import fixture
from scaffolder.pysource import literal, path_source
from scaffolder.spec import datetimes, fieldpath
from scaffolder.spec.validate import placeholders
from scaffolder.spec.model import Spec
from scaffolder.testcontext.common import (
    EVENT_TIME_SECONDS,
    UNITS_PER_SECOND,
    example_client_order_id,
    payload_params,
    prerequisite_test_values,
    satisfying,
    typed,
    violating,
)

EXPECTED_EXCHANGE_ORDER_ID = "28"
EXPECTED_FILL_TRADE_ID = "30000"
# What the generated tests expect of each request parameter placeholder: (source, compare as Decimal).
TRACKED_EXPECTED = {
    "symbol": ("self.exchange_trading_pair", False),
    "client_order_id": ("order.client_order_id", False),
    "exchange_order_id": ("order.exchange_order_id", False),
}
TRACKED_PATH_VALUES = {name: source for name, (source, _) in TRACKED_EXPECTED.items()}


def _time_value(example: Any, path: str, unit: str) -> str:
    """The test's event time in the spec's unit, as the JSON type the example documents (number or string), or
    as date-time text when the example is."""
    documented = fieldpath.documented(example, path)
    if datetimes.seconds_of(documented) is not None:
        return literal(datetimes.text_of(EVENT_TIME_SECONDS, documented))
    value = EVENT_TIME_SECONDS * UNITS_PER_SECOND[unit]
    return literal(str(value)) if isinstance(documented, str) else str(value)


def sent_params(spec: Spec, params: Mapping[str, str]) -> Dict[str, str]:
    """The parameters a request sends: those the spec gives it, but the sign-only ones (`auth.rest.sign_only_params`),
    which the auth takes out to sign (the auth tests and the loopback exchange check their signature)."""
    return {key: text for key, text in params.items() if key not in spec.auth.rest.sign_only_params}


def _params_checks(
    spec: Spec, request: Any, expected: Mapping[str, Tuple[str, bool]]
) -> List[Tuple[str, str, bool]]:
    """(key, expected source, compare as Decimal) for each parameter the request sends. A numeric client order id
    (`orders.client_order_id.numeric_bits`) sent in JSON is expected as an integer."""
    params = sent_params(spec, request.params)
    integer_ids = client_id_as_integer(spec, request.method, getattr(request, "params_in", None))
    expected = {**{name: (value, False) for name, value in prerequisite_test_values(spec).items()}, **expected}
    checks = []
    for key, text in params.items():
        names = [name for name in expected if "{" + name + "}" in text]
        if not names:
            checks.append((key, literal(text), False))
        elif text == "{" + names[0] + "}":
            source, as_decimal = expected[names[0]]
            if names[0] == "client_order_id" and integer_ids:
                source = f"int({source})"
            checks.append((key, source, as_decimal))
    return checks


def _request_values(spec: Spec, request: Any, test_values: Mapping[str, str]) -> Dict[str, Any]:
    """How the generated test finds a request: its mocked path, HTTP method, and where its parameters are."""
    path = path_source(spec.endpoints[request.endpoint], {**prerequisite_test_values(spec), **test_values})
    in_payload = payload_params(spec, "request_call")
    if in_payload is not None:
        # The parameters travel in the signed payload header, whatever the method.
        return {"path": path, "method": request.method.lower(), "request_params": in_payload}
    in_body = sends_body(request.method, getattr(request, "params_in", None))
    argument = "data" if in_body else "params"
    source = f"request_call.kwargs[{literal(argument)}]"
    if in_body and spec.auth.rest.body == "json":
        source = f"json.loads({source})"
    return {"path": path, "method": request.method.lower(), "request_params": source}


def _type_param(create: Any, order_types: Mapping[str, Any]) -> Tuple[Optional[str], Dict[str, str]]:
    """The parameter carrying the order type, and its expected value for a buy order of each type: the whole
    template, so `"{side}-{type}"` (HTX's buy-limit) is expected with the side."""
    key = next((key for key, text in create.params.items() if "{type}" in text), None)
    if key is None:
        return None, {}
    text = create.params[key]
    if not set(placeholders(text)) <= {"side", "type"}:
        return None, {}
    return key, {
        order_type: literal(text.format(side=create.sides.BUY, type=order_types[order_type].type))
        for order_type in order_types
    }


def _nested(values: Mapping[str, Any]) -> Dict[str, Any]:
    """A payload holding only `values`, each at its path of keys and list indexes (`arg.channel`,
    `events[0].orders`); a list is made long enough for its index, its other items empty objects."""
    payload: Dict[str, Any] = {}
    for path, value in values.items():
        steps = fieldpath.parse(path)
        target: Any = payload
        for step, following in zip(steps, steps[1:]):
            empty: Any = [] if isinstance(following, fieldpath.Index) else {}
            if isinstance(step, fieldpath.Index):
                target.extend({} for _ in range(step.position + 1 - len(target)))
                if not target[step.position]:
                    target[step.position] = empty
                target = target[step.position]
            else:
                target = target.setdefault(step.name, empty)
        target[steps[-1].name] = value
    return payload


def _coalesced_client_id(paths: Any, source: str, canceled: bool) -> Dict[str, str]:
    """Client-id fields of an order event. With several paths (first non-empty wins), a new order carries the
    id in the last path only; a canceled order carries it in the first and a decoy in the others."""
    if isinstance(paths, str):
        return {paths: source}
    if canceled:
        return {paths[0]: source, **{path: literal("decoy-id") for path in paths[1:]}}
    return {**{path: literal("") for path in paths[:-1]}, paths[-1]: source}


def _client_id_deletions(event: Any) -> List[str]:
    """Statements removing the client id fields from an order event held in `event` (the test of an event that
    names its order by the exchange id only); none when a field cannot be deleted by subscripts (a selection, a
    map's entry, rows of a map)."""
    paths = fieldpath.paths(event.client_order_id)
    if event.rows is not None:
        if fieldpath.is_map(event.example, event.rows):
            return []
        paths = [f"{event.rows}[0].{path}" if not path.startswith("[") else f"{event.rows}[0]{path}" for path in paths]
    steps = [fieldpath.parse(path) for path in paths]
    if any(not isinstance(step, (fieldpath.Key, fieldpath.Index)) for path_steps in steps for step in path_steps):
        return []
    return [f"del {fieldpath.to_python(path, 'event')}" for path in paths]


# --- order states derived by rules ---------------------------------------------------------------------------------


def _holds(item: Any, value: Any) -> bool:
    """Whether a state-rule condition (or a predicate) holds for a value the test writes."""
    if getattr(item, "positive", None) is not None:
        return (float(value) > 0) == item.positive
    if item.equals is not None:
        return value == item.equals
    if item.one_of is not None:
        return value in item.one_of
    return bool(value) == item.truthy


def _value_for(item: Any, example: Any, hold: bool) -> Any:
    """A value for a condition's field that makes it hold (or fail), in the JSON type the example documents."""
    if item.positive is not None:
        number = 1 if item.positive == hold else 0
        return str(number) if isinstance(fieldpath.documented(example, item.field), str) else number
    if item.equals is not None:
        if hold:
            return item.equals
        if isinstance(item.equals, bool):
            return not item.equals
        return item.equals + 1 if isinstance(item.equals, int) else f"NOT_{item.equals}"
    if item.one_of is not None:
        return item.one_of[0] if hold else "NOT_" + "_".join(str(value) for value in item.one_of)
    return item.truthy if hold else not item.truthy


def state_values(
    spec: Spec, source: Any, example: Any, state: str, also: Sequence[Tuple[Any, bool]] = ()
) -> Optional[Dict[str, str]]:
    """Field values (Python sources) making `source` (orders.status or an order event) yield `state`: the first
    rule giving it holds and every earlier rule fails; or all rules fail and the state field carries an exchange
    state mapped to it. None when the state cannot be reached.

    `also` lists other conditions of the source, each with whether the test needs it to hold: when one of them
    reads the state field itself (an event that asks for its fills when its state is `match` or `filled`), the
    exchange state written is one mapped to `state` that also agrees with it, if the spec maps one."""
    rules = source.state_rules
    options: List[Tuple[int, Dict[str, Any]]] = []
    for index, rule in enumerate(rules):
        if rule.state == state:
            options.append((index, {item.field: _value_for(item, example, True) for item in rule.when}))
    candidates = [key for key, mapped in spec.orders.states.items() if mapped == state]
    agreeing = [
        key
        for key in candidates
        if all(_holds(condition, key) == hold for condition, hold in also if condition.field == source.state)
    ]
    exchange_state = next(iter(agreeing or candidates), None)
    if source.state and exchange_state is not None:
        options.append((len(rules), {source.state: exchange_state}))
    for index, assigned in options:
        assigned = dict(assigned)
        for earlier in rules[:index]:
            if any(item.field in assigned and not _holds(item, assigned[item.field]) for item in earlier.when):
                continue
            free = next((item for item in earlier.when if item.field not in assigned), None)
            if free is None:
                break
            assigned[free.field] = _value_for(free, example, False)
        else:
            return {path: literal(value) for path, value in assigned.items()}
    return None


def reachable(spec: Spec, source: Any, example: Any, state: str) -> bool:
    return state_values(spec, source, example, state) is not None


def add(spec: Spec, v: Dict[str, Any]) -> None:
    orders = spec.orders
    # --- orders --------------------------------------------------------------------------------------------------
    create = orders.create
    create_example = create.example_response
    create_values = {
        create.exchange_order_id: typed(create_example, create.exchange_order_id, "self.expected_exchange_order_id")
    }
    if create.timestamp:
        create_values[create.timestamp.path] = _time_value(create_example, create.timestamp.path, create.timestamp.unit)
    v["order_creation_response"] = fixture(create_example, create_values)
    v["expected_exchange_order_id"] = literal(EXPECTED_EXCHANGE_ORDER_ID)
    unknown = create.unknown_outcome
    v["unknown_outcome"] = None
    if unknown is not None:
        other_text = json.dumps(unknown.example)
        for match in unknown.matches:
            other_text = other_text.replace(match, "hbgen: another error")
        v["unknown_outcome"] = {
            "status": unknown.http_status,
            "other_status": 500 if unknown.http_status != 500 else 502,
            "example": literal(unknown.example),
            "other_example": literal(json.loads(other_text)),
            "client_order_id": example_client_order_id(spec),
        }
    pattern = orders.client_order_id.pattern
    v["client_id_regex"] = literal(f"^(?:{pattern})$") if pattern else None
    bits = orders.client_order_id.numeric_bits
    v["numeric_client_id_limit"] = f"{2 ** bits:_}" if bits else None  # 2 ** 32: 4_294_967_296
    v["order_type_names"] = [(t, literal(orders.order_types[t].type)) for t in orders.order_types]
    v["order_types"] = list(orders.order_types)
    limit_tif = orders.order_types["LIMIT"].time_in_force
    v["creation_checks"] = _params_checks(
        spec,
        create,
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
    v["creation_checks"] += [(key, literal(value), False) for key, value in orders.order_types["LIMIT"].params.items()]
    create_request = _request_values(spec, create, {"symbol": "self.exchange_trading_pair"})
    v["create_path"] = create_request["path"]
    v["create_request_params"] = create_request["request_params"]
    # orders.create.type_object: the tests open the object (_opened_type_object), its key standing for the type.
    v["type_object_key"] = literal(create.type_object.key) if create.type_object else None
    if create.type_object:
        v["create_request_params"] = f"self._opened_type_object({create_request['request_params']})"
        v["creation_checks"].append((create.type_object.key, literal(orders.order_types["LIMIT"].type), False))
    v["price_param"] = next((key for key, text in create.params.items() if "{price}" in text), None)
    v["time_in_force_param"] = next((key for key, text in create.params.items() if "{time_in_force}" in text), None)
    v["type_param"], v["type_param_values"] = _type_param(create, orders.order_types)
    if create.type_object:
        v["type_param"] = create.type_object.key
        v["type_param_values"] = {t: literal(orders.order_types[t].type) for t in orders.order_types}
    v["amount_param"] = next((key for key, text in create.params.items() if text == "{amount}"), None)
    v["market_buy_in_quote"] = create.market_buy_amount == "quote"
    # The parameter carrying a market buy's quote amount (orders.create.market_buy_param, else the amount's).
    v["market_buy_param"] = create.market_buy_param or v["amount_param"]
    # Per order type other than LIMIT: (type, time in force or None, [(param, literal value)]).
    v["other_order_types"] = [
        (
            t,
            literal(orders.order_types[t].time_in_force) if orders.order_types[t].time_in_force else None,
            [(key, literal(value)) for key, value in orders.order_types[t].params.items()],
        )
        for t in v["order_types"]
        if t != "LIMIT"
    ]

    cancel = orders.cancel
    cancel_request = _request_values(spec, cancel, TRACKED_PATH_VALUES)
    v["cancel_path"] = cancel_request["path"]
    v["cancel_method"] = cancel_request["method"]
    v["cancel_request_params"] = cancel_request["request_params"]
    v["cancel_checks"] = [
        (key, f"[{expected}]" if key in cancel.list_params else expected, as_decimal)
        for key, expected, as_decimal in _params_checks(spec, cancel, TRACKED_EXPECTED)
    ]
    success = cancel.success
    if success.contains is not None:
        listed = "order.exchange_order_id" if "{exchange_order_id}" in success.contains else "order.client_order_id"
        v["cancel_response"] = fixture(cancel.example_response, {success.field: f"[{listed}]"})
    else:
        v["cancel_response"] = fixture(cancel.example_response, {success.field: satisfying(success)})
    v["cancel_not_found_body"] = literal(cancel.not_found_example) if cancel.not_found_example is not None else None

    status = orders.status
    status_example = status.example_response
    status_request = _request_values(spec, status, TRACKED_PATH_VALUES)
    v["status_path"] = status_request["path"]
    v["status_method"] = status_request["method"]
    v["status_request_params"] = status_request["request_params"]
    v["status_checks"] = _params_checks(spec, status, TRACKED_EXPECTED)

    def status_response(state: str) -> str:
        values = {
            status.client_order_id: "order.client_order_id",
            status.exchange_order_id: typed(status_example, status.exchange_order_id, "order.exchange_order_id"),
        }
        if status.timestamp:
            values[status.timestamp.path] = _time_value(status_example, status.timestamp.path, status.timestamp.unit)
        values.update(state_values(spec, status, status_example, state) or {})
        return fixture(status_example, values)

    partial = "PARTIALLY_FILLED" if reachable(spec, status, status_example, "PARTIALLY_FILLED") else "OPEN"
    v["status_responses"] = {
        "FILLED": status_response("FILLED"),
        "CANCELED": status_response("CANCELED"),
        "OPEN": status_response("OPEN"),
        "PARTIALLY_FILLED": status_response(partial),
    }
    v["has_failed_status"] = reachable(spec, status, status_example, "FAILED")
    if v["has_failed_status"]:
        v["status_responses"]["FAILED"] = status_response("FAILED")
    v["status_not_found_body"] = literal(status.not_found_example) if status.not_found_example is not None else None

    fills = orders.fills
    fills_example = fills.example_response
    fill_row = fieldpath.first_row(fills_example, fills.rows)
    fills_request = _request_values(spec, fills, TRACKED_PATH_VALUES)
    v["fills_path"] = fills_request["path"]
    v["fills_method"] = fills_request["method"]
    v["fills_request_params"] = fills_request["request_params"]
    v["fills_checks"] = _params_checks(spec, fills, TRACKED_EXPECTED)

    def fill_values(fill: Any, row: Any, price_source: str, amount_source: str) -> Dict[str, str]:
        fee = (
            "-self.expected_fill_fee.flat_fees[0].amount"
            if fill.negate_fee
            else "self.expected_fill_fee.flat_fees[0].amount"
        )
        values = {
            fill.trade_id: typed(row, fill.trade_id, "self.expected_fill_trade_id"),
            fill.price: typed(row, fill.price, f"str({price_source})"),
            fill.amount: typed(row, fill.amount, f"str({amount_source})"),
            fill.fee_amount: typed(row, fill.fee_amount, f"str({fee})"),
            fill.timestamp.path: _time_value(row, fill.timestamp.path, fill.timestamp.unit),
        }
        if fill.fee_asset is not None:
            values[fill.fee_asset] = "self.expected_fill_fee.flat_fees[0].token"
        if getattr(fill, "quote_amount", None):
            values[fill.quote_amount] = typed(row, fill.quote_amount, f"str({price_source} * {amount_source})")
        return values

    def fills_response(price_source: str, amount_source: str) -> str:
        row = fill_values(fills, fill_row, price_source, amount_source)
        row[fills.exchange_order_id] = typed(fill_row, fills.exchange_order_id, "order.exchange_order_id")
        return fixture(fills_example, rows=fills.rows, row_replacements=[row])

    v["full_fill_response"] = fills_response("order.price", "order.amount")
    bulk = fills.bulk
    v["bulk_fills"] = None
    if bulk is not None:
        factor = {"s": "", "ms": " * 1e3", "us": " * 1e6", "ns": " * 1e9"}[bulk.since_unit]
        first = fill_values(fills, fill_row, "order.price", "order.amount")
        first[fills.exchange_order_id] = typed(fill_row, fills.exchange_order_id, "order.exchange_order_id")
        # The fill of another order, unknown to the connector, in the same response.
        other = fill_values(fills, fill_row, "order.price", "order.amount")
        other[fills.trade_id] = typed(fill_row, fills.trade_id, literal("OTHER-TRADE"))
        other[fills.exchange_order_id] = typed(fill_row, fills.exchange_order_id, literal("OTHER-ORDER"))
        v["bulk_fills"] = {
            "since_param": literal(bulk.since_param),
            # Seconds to the time parameter's unit.
            "factor": factor,
            "params": [(literal(key), literal(value)) for key, value in bulk.params.items()],
            "response": fixture(fills_example, rows=fills.rows, row_replacements=[first, other]),
            # The fills' time in the fixtures, in seconds.
            "fill_seconds": literal(float(EVENT_TIME_SECONDS)),
        }
    v["partial_fill_response"] = fills_response("self.expected_partial_fill_price", "self.expected_partial_fill_amount")
    v["fee_class"] = (
        "DeductedFromReturnsTradeFee"
        if spec.exchange.fees.buy_percent_fee_deducted_from_returns
        else "AddedToCostTradeFee"
    )
    v["expected_fill_trade_id"] = literal(EXPECTED_FILL_TRADE_ID)
    # The generic tests fill buy orders: a fee paid in the received asset is paid in the base asset.
    v["fee_token"] = "self.base_asset" if spec.fee_in_received_asset else "self.quote_asset"
    v["fills_fee_asset_fallback"] = fee_asset_fallback(fills, fills_example, "response")

    # --- user stream order and fill events -----------------------------------------------------------------------
    # Without a private websocket (`user_stream: none`) Hummingbot's tests of user stream events are replaced by
    # tests of the status polling that takes their place.
    v["private_stream"] = spec.has_private_stream
    stream = spec.user_stream
    if stream is None:
        v.update(
            fills_fetched_on_event=False, has_failed_event=False, trade_event=None, fill_event_fee_asset_fallback=None
        )
        v["late_fill_event"] = None
        v["renamed_canceled_order_events"] = []
        v["failure_tests"] = v["has_failed_status"]
        v["event_classes"] = _event_classes(v["failure_tests"], polling=True)
        return
    event = stream.order_event
    event_example = event.example
    row = event_example if event.rows is None else fieldpath.first_row(event_example, event.rows)
    names = event.route if isinstance(event.route, list) else [event.route]

    def order_event(state: str, canceled: bool = False, filled: bool = False, name: Optional[str] = None) -> str:
        route = {stream.route_field: literal(name if name is not None else names[0])}
        values = {
            **_coalesced_client_id(event.client_order_id, "order.client_order_id", canceled),
            event.exchange_order_id: typed(row, event.exchange_order_id, "order.exchange_order_id"),
            event.timestamp.path: _time_value(row, event.timestamp.path, event.timestamp.unit),
        }
        conditions = [(event.fill.when, filled)] if event.fill else []
        if event.fetch_fills_when:
            conditions.append((event.fetch_fills_when, filled))
        values.update(state_values(spec, event, row, state, conditions) or {})
        # The field telling that the event carries a fill may be the state field: its state value is kept.
        if event.fill:
            when = event.fill.when
            if filled:
                values.setdefault(when.field, satisfying(when))
                values.update(fill_values(event.fill, row, "order.price", "order.amount"))
            else:
                values.setdefault(when.field, violating(when))
        if event.fetch_fills_when:
            condition = event.fetch_fills_when
            values.setdefault(condition.field, satisfying(condition) if filled else violating(condition))
        if event.rows is None:
            return fixture(event_example, {**route, **values})
        return fixture(event_example, route, rows=event.rows, row_replacements=[values])

    v["new_order_event"] = order_event("OPEN")
    # Malformed account events: one of no known type, an order event with nothing but its type, and one with an
    # empty list of orders; the listener drops each and goes on.
    route_field = spec.user_stream.route_field
    v["unknown_user_event"] = literal(_nested({route_field: "hbgen-unknown-event"}))
    v["fieldless_order_event"] = literal(_nested({route_field: names[0]}))
    v["empty_order_event"] = literal(_nested({route_field: names[0], event.rows: []})) if event.rows else None
    v["canceled_order_event"] = order_event("CANCELED", canceled=True)
    # Several order event names: a cancellation under each of the others is processed too.
    v["renamed_canceled_order_events"] = [
        {"route": literal(name), "event": order_event("CANCELED", canceled=True, name=name)} for name in names[1:]
    ]
    v["client_id_deletions"] = _client_id_deletions(event)
    v["full_fill_event"] = order_event("FILLED", filled=True)
    v["fills_fetched_on_event"] = event.fetch_fills_when is not None
    v["has_failed_event"] = reachable(spec, event, row, "FAILED")
    if v["has_failed_event"]:
        v["failed_order_event"] = order_event("FAILED")
    v["failure_tests"] = v["has_failed_status"] or v["has_failed_event"]
    v["event_classes"] = _event_classes(
        v["failure_tests"], polling=False, cancellations=bool(v["renamed_canceled_order_events"])
    )

    fill_event = stream.fill_event
    v["trade_event"] = None
    # The event that reports a fill over the stream (not one that makes the connector ask for the fills), for the
    # test of a fill that arrives after its order is done.
    v["late_fill_event"] = (
        None
        if event.fetch_fills_when
        else "trade_event_for_full_fill_websocket_update"
        if fill_event
        else "order_event_for_full_fill_websocket_update"
        if event.fill
        else None
    )
    v["fill_event_fee_asset_fallback"] = fee_asset_fallback(
        fill_event, fill_event.example if fill_event else None, "event"
    )
    if fill_event:
        fill_example = fill_event.example
        fill_event_row = fill_example if fill_event.rows is None else fieldpath.first_row(fill_example, fill_event.rows)
        values = fill_values(fill_event, fill_event_row, "order.price", "order.amount")
        values[fill_event.client_order_id] = "order.client_order_id"
        values[fill_event.exchange_order_id] = typed(
            fill_event_row, fill_event.exchange_order_id, "order.exchange_order_id"
        )
        fill_route = {stream.route_field: literal(fill_event.route)}
        if fill_event.rows is None:
            v["trade_event"] = fixture(fill_example, {**fill_route, **values})
        else:
            v["trade_event"] = fixture(fill_example, fill_route, rows=fill_event.rows, row_replacements=[values])


def fee_asset_fallback(fill: Any, example: Any, variable: str) -> Optional[Dict[str, str]]:
    """With both `fee_asset` and `fee_asset_rule`: how a test takes the field out of every fill of `variable` (a
    payload), and the asset the rule then gives a buy order's fee; None for a fill with one source only."""
    if fill is None or fill.fee_asset is None or fill.fee_asset_rule is None:
        return None
    steps = fieldpath.parse(fill.fee_asset)
    if not all(isinstance(step, fieldpath.Key) for step in steps):
        return None
    parent = "row" + "".join(f"[{step.name!r}]" for step in steps[:-1])
    rows = getattr(fill, "rows", None)
    if rows is None:
        rows_source = f"[{variable}]"
    else:
        rows_source = fieldpath.to_python(rows, variable) + (".values()" if fieldpath.is_map(example, rows) else "")
    return {
        "rows": rows_source,
        "strip": f"{parent}.pop({steps[-1].name!r})",
        # The generic tests fill buy orders: the received asset is the base asset.
        "asset": "self.quote_asset" if fill.fee_asset_rule == "quote" else "self.base_asset",
    }


def _event_classes(failure_tests: bool, polling: bool, cancellations: bool = False) -> List[str]:
    """The market events the exchange test reads: order failures when it tests them, with REST polling only (no
    private websocket) those of the order created, canceled and completed by a status poll, and the cancellations
    sent under each order event name (`cancellations`)."""
    names = ["OrderFilledEvent"] + (["MarketOrderFailureEvent"] if failure_tests else [])
    if polling:
        names += ["BuyOrderCompletedEvent", "BuyOrderCreatedEvent", "OrderCancelledEvent"]
    elif cancellations:
        names.append("OrderCancelledEvent")
    return sorted(names)
