"""Cross-field checks the schema alone cannot express: references, placeholders, field paths, examples."""

from __future__ import annotations

import difflib
import json
import string
from typing import Any, Callable, Iterable, List, Optional, Tuple

from scaffolder.spec import fieldpath
from scaffolder.spec.errors import Loc
from scaffolder.spec.model import Predicate, Spec, is_identifier

Problem = Tuple[Loc, str]
# Looks up an endpoint by name, reports an unknown one, and returns its example response.
EndpointRef = Callable[..., Any]

# Placeholders each request's parameters may use; generated code fills them in.
ORDER_PLACEHOLDERS = {"symbol", "side", "type", "amount", "price", "time_in_force", "client_order_id"}
TRACKED_ORDER_PLACEHOLDERS = {"symbol", "client_order_id", "exchange_order_id"}
MARKET_PLACEHOLDERS = {"symbol"}
URL_PLACEHOLDERS = {"domain"}
TOPIC_PLACEHOLDERS = {"symbol", "symbol_lower"}
SUBSCRIBE_PLACEHOLDERS = {"topics", "request_id"}
# Characters a client order id needs after its prefix to stay unique (Hummingbot appends a nonce-based suffix).
MIN_CLIENT_ID_ROOM = 8
# States Hummingbot must be able to reach from the exchange's state field.
REQUIRED_STATES = ("OPEN", "FILLED", "CANCELED")


def placeholders(text: str) -> List[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise fieldpath.FieldPathError(f"malformed placeholder in {text!r}: {error}") from None


def _check_placeholders(problems: List[Problem], loc: Loc, text: str, allowed: set) -> None:
    try:
        names = placeholders(text)
    except fieldpath.FieldPathError as error:
        problems.append((loc, str(error)))
        return
    for name in names:
        if name not in allowed:
            close = difflib.get_close_matches(name, sorted(allowed), n=1)
            hint = f"; did you mean {{{close[0]}}}?" if close else ""
            problems.append(
                (loc, f"unknown placeholder {{{name}}}; expected one of {', '.join(sorted(allowed))}{hint}")
            )


def _walk_strings(value: Any, loc: Loc) -> Iterable[Tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_strings(item, loc + (index,))


def _check_path(problems: List[Problem], loc: Loc, path: str, example: Any = None, where: Optional[str] = None):
    try:
        fieldpath.parse(path)
        if example is not None and path:
            fieldpath.read(example, path)
    except fieldpath.FieldPathError as error:
        suffix = f" ({where})" if where else ""
        problems.append((loc, f"{error}{suffix}"))


def _check_predicate(problems: List[Problem], loc: Loc, predicate: Predicate, example: Any = None) -> None:
    given = [name for name in ("equals", "one_of", "truthy") if getattr(predicate, name) is not None]
    if len(given) != 1:
        problems.append((loc, "a condition needs exactly one of equals, one_of, truthy"))
    _check_path(problems, loc + ("field",), predicate.field, example)


def _check_error_example(problems: List[Problem], loc: Loc, matches: List[str], example: Any) -> None:
    """The generated tests raise the documented error body; the matchers must recognise it."""
    if not matches:
        return
    if example is None:
        problems.append((loc, "give the documented error body as an example: the generated tests send it"))
        return
    text = json.dumps(example)
    for match in matches:
        if match not in text:
            problems.append((loc, f"the error example does not contain {match!r}, so the matcher would miss it"))


def cross_check(spec: Spec) -> List[Problem]:
    problems: List[Problem] = []
    endpoints = spec.endpoints

    def endpoint_ref(loc: Loc, name: str, needs_example: bool = False) -> Any:
        if name not in endpoints:
            close = difflib.get_close_matches(name, list(endpoints), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"defined: {', '.join(sorted(endpoints))}"
            problems.append((loc, f"unknown endpoint {name!r}; {hint}"))
            return None
        example = endpoints[name].example_response
        if needs_example and example is None:
            problems.append(
                (loc, f"endpoint {name!r} needs an example_response: the generated tests are built from it")
            )
        return example

    _check_exchange(spec, problems, endpoint_ref)
    _check_auth(spec, problems, endpoint_ref)
    _check_markets(spec, problems, endpoint_ref)
    _check_orders(spec, problems, endpoint_ref)
    _check_balances(spec, problems, endpoint_ref)
    _check_public_ws(spec, problems, endpoint_ref)
    _check_user_stream(spec, problems, endpoint_ref)
    return problems


def _check_exchange(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`exchange`, `urls`, `endpoints`, `rate_limits` and the client-id room."""
    endpoints = spec.endpoints
    pools = {pool.id for pool in spec.rate_limits.pools}
    for field in ("rest", "public_ws", "private_ws"):
        _check_placeholders(problems, ("urls", field), getattr(spec.urls, field), URL_PLACEHOLDERS)
    for domain in spec.exchange.domains.others:
        if not is_identifier(domain):
            problems.append(
                (
                    ("exchange", "domains", "others", domain),
                    f"domain names are lowercase identifiers (they name connectors), found {domain!r}",
                )
            )
    client_id = spec.orders.client_order_id
    if client_id.max_length < len(client_id.prefix) + MIN_CLIENT_ID_ROOM:
        problems.append(
            (
                ("orders", "client_order_id", "max_length"),
                f"leaves fewer than {MIN_CLIENT_ID_ROOM} characters after the {len(client_id.prefix)}-character "
                "prefix: client order ids would not be unique",
            )
        )

    constants = {}
    for name, endpoint in endpoints.items():
        loc = ("endpoints", name)
        if endpoint.constant in constants:
            problems.append(
                (
                    loc + ("constant",),
                    f"constant {endpoint.constant} is also used by endpoint "
                    f"{constants[endpoint.constant]!r}; each endpoint needs its own rate limit id",
                )
            )
        constants[endpoint.constant] = name
        if not endpoint.path.startswith("/"):
            problems.append((loc + ("path",), f"paths start with '/', found {endpoint.path!r}"))
        elif "{" in endpoint.path or "}" in endpoint.path or any(char.isspace() for char in endpoint.path):
            problems.append(
                (loc + ("path",), f"a path is sent as written: no placeholders or spaces, found {endpoint.path!r}")
            )
        for pool in endpoint.weights:
            if pool not in pools:
                problems.append(
                    (
                        loc + ("weights", pool),
                        f"unknown rate-limit pool {pool!r}; defined: " f"{', '.join(sorted(pools)) or 'none'}",
                    )
                )
    pool_ids = [pool.id for pool in spec.rate_limits.pools]
    for index, pool in enumerate(pool_ids):
        if pool in pool_ids[:index]:
            problems.append((("rate_limits", "pools", index, "id"), f"duplicate pool id {pool!r}"))


def _check_auth(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`auth.rest` and `auth.time_sync`."""
    credentials = {credential.name for credential in spec.credentials}
    rest_auth = spec.auth.rest
    if rest_auth.secret not in credentials:
        problems.append((("auth", "rest", "secret"), f"unknown credential {rest_auth.secret!r}"))
    for header, value in rest_auth.headers.items():
        _check_placeholders(problems, ("auth", "rest", "headers", header), value, credentials)
    if "api_key" not in credentials:
        problems.append((("credentials",), "a credential named api_key is required"))
    if spec.auth.time_sync:
        example = endpoint_ref(("auth", "time_sync", "endpoint"), spec.auth.time_sync.endpoint, needs_example=True)
        _check_path(problems, ("auth", "time_sync", "server_time"), spec.auth.time_sync.server_time, example)
        _check_error_example(
            problems,
            ("auth", "time_sync", "error_example"),
            spec.auth.time_sync.error_matches,
            spec.auth.time_sync.error_example,
        )
    _check_predicate(
        problems,
        ("auth", "private_ws", "success"),
        spec.auth.private_ws.success,
        spec.user_stream.example_subscribe_response,
    )


def _check_markets(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`markets`: symbols, rules, prices, snapshot."""
    markets = spec.markets
    endpoint_ref(("markets", "check_network"), markets.check_network, needs_example=True)
    symbols = markets.symbols
    info = endpoint_ref(("markets", "symbols", "endpoint"), symbols.endpoint, needs_example=True)
    rows_example = None
    if info is not None:
        _check_path(problems, ("markets", "symbols", "rows"), symbols.rows, info)
        try:
            rows = fieldpath.read(info, symbols.rows)
            rows_example = rows[0] if isinstance(rows, list) and rows else None
        except fieldpath.FieldPathError:
            rows = None
        if rows_example is None and rows is not None:
            problems.append((("markets", "symbols", "rows"), "expected a non-empty list of symbols in the example"))
    for field in ("symbol", "base", "quote"):
        _check_path(problems, ("markets", "symbols", field), getattr(symbols, field), rows_example)
    for index, predicate in enumerate(symbols.valid_when):
        _check_predicate(problems, ("markets", "symbols", "valid_when", index), predicate, rows_example)
    rules = markets.trading_rules
    if rules.endpoint != symbols.endpoint:
        problems.append(
            (
                ("markets", "trading_rules", "endpoint"),
                "trading rules are read from the symbols endpoint's rows; use the same endpoint",
            )
        )
    for field in ("min_order_size", "min_price_increment", "min_base_amount_increment", "min_notional_size"):
        path = getattr(rules, field)
        if path is not None:
            _check_path(problems, ("markets", "trading_rules", field), path, rows_example)

    price = markets.last_traded_price
    example = endpoint_ref(("markets", "last_traded_price", "endpoint"), price.endpoint, needs_example=True)
    _check_path(problems, ("markets", "last_traded_price", "price"), price.price, example)
    for key, value in price.params.items():
        _check_placeholders(problems, ("markets", "last_traded_price", "params", key), value, MARKET_PLACEHOLDERS)
    snapshot = markets.order_book_snapshot
    example = endpoint_ref(("markets", "order_book_snapshot", "endpoint"), snapshot.endpoint, needs_example=True)
    for field in ("update_id", "bids", "asks"):
        _check_path(problems, ("markets", "order_book_snapshot", field), getattr(snapshot, field), example)
    for key, value in snapshot.params.items():
        _check_placeholders(problems, ("markets", "order_book_snapshot", "params", key), value, MARKET_PLACEHOLDERS)


def _check_orders(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`orders`."""
    orders = spec.orders
    if "LIMIT" not in orders.order_types:
        problems.append((("orders", "order_types"), "LIMIT orders must be supported"))
    create = orders.create
    endpoint_ref(("orders", "create", "endpoint"), create.endpoint)
    for key, value in create.params.items():
        _check_placeholders(problems, ("orders", "create", "params", key), value, ORDER_PLACEHOLDERS)
    _check_path(problems, ("orders", "create", "exchange_order_id"), create.exchange_order_id, create.example_response)
    if create.timestamp:
        _check_path(problems, ("orders", "create", "timestamp"), create.timestamp.path, create.example_response)
    cancel = orders.cancel
    endpoint_ref(("orders", "cancel", "endpoint"), cancel.endpoint)
    for key, value in cancel.params.items():
        _check_placeholders(problems, ("orders", "cancel", "params", key), value, TRACKED_ORDER_PLACEHOLDERS)
    _check_predicate(problems, ("orders", "cancel", "success"), cancel.success, cancel.example_response)
    _check_error_example(
        problems, ("orders", "cancel", "not_found_example"), cancel.not_found_matches, cancel.not_found_example
    )
    status = orders.status
    endpoint_ref(("orders", "status", "endpoint"), status.endpoint)
    for key, value in status.params.items():
        _check_placeholders(problems, ("orders", "status", "params", key), value, TRACKED_ORDER_PLACEHOLDERS)
    for field in ("state", "client_order_id", "exchange_order_id"):
        _check_path(problems, ("orders", "status", field), getattr(status, field), status.example_response)
    _check_path(problems, ("orders", "status", "timestamp"), status.timestamp.path, status.example_response)
    _check_error_example(
        problems, ("orders", "status", "not_found_example"), status.not_found_matches, status.not_found_example
    )
    reached = set(orders.states.values())
    for state in REQUIRED_STATES:
        if state not in reached:
            problems.append((("orders", "states"), f"no exchange state maps to {state}; Hummingbot needs it"))
    fills = orders.fills
    endpoint_ref(("orders", "fills", "endpoint"), fills.endpoint)
    for key, value in fills.params.items():
        _check_placeholders(problems, ("orders", "fills", "params", key), value, TRACKED_ORDER_PLACEHOLDERS)
    fill_row = None
    try:
        fill_rows = fieldpath.read(fills.example_response, fills.rows)
        fill_row = fill_rows[0]
    except (fieldpath.FieldPathError, IndexError, KeyError, TypeError):
        problems.append((("orders", "fills", "rows"), "expected a non-empty list of fills in the example_response"))
    for field in ("trade_id", "exchange_order_id", "price", "amount", "quote_amount", "fee_amount", "fee_asset"):
        path = getattr(fills, field)
        if path is not None and fill_row is not None:
            _check_path(problems, ("orders", "fills", field), path, fill_row)
    if fill_row is not None:
        _check_path(problems, ("orders", "fills", "timestamp"), fills.timestamp.path, fill_row)


def _check_balances(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`balances` and the open-orders endpoint."""
    orders = spec.orders
    balances = spec.balances
    if balances is None:
        problems.append(
            ((), "a balances section is required: the connector polls balances (checklist row " "GET ACCOUNT BALANCE)")
        )
    else:
        example = endpoint_ref(("balances", "endpoint"), balances.endpoint, needs_example=True)
        _check_balance_rows(problems, ("balances",), balances, example)
    if orders.open_orders:
        endpoint_ref(("orders", "open_orders", "endpoint"), orders.open_orders.endpoint)


def _check_public_ws(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`public_ws`."""
    public = spec.public_ws
    for message in ("message", "unsubscribe_message"):
        template = getattr(public.subscribe, message)
        for loc, text in _walk_strings(template, ("public_ws", "subscribe", message)):
            _check_placeholders(problems, loc, text, SUBSCRIBE_PLACEHOLDERS)
    channel_names = ("trade", "order_book_diff")
    _check_routes(
        problems,
        ("public_ws", "route_field"),
        public.route_field,
        [
            (
                ("public_ws", "channels", name),
                getattr(public.channels, name).route,
                getattr(public.channels, name).example,
            )
            for name in channel_names
        ],
    )
    for name in channel_names:
        channel = getattr(public.channels, name)
        loc = ("public_ws", "channels", name)
        _check_placeholders(problems, loc + ("topic",), channel.topic, TOPIC_PLACEHOLDERS)
        for field, value in channel:
            if field in ("topic", "route", "example"):
                continue
            path = value.path if hasattr(value, "path") else (value.field if hasattr(value, "field") else value)
            if isinstance(path, str):
                _check_path(problems, loc + (field,), path, channel.example)


def _check_user_stream(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`user_stream` events."""
    stream = spec.user_stream
    event = stream.order_event
    loc = ("user_stream", "order_event")
    routed = [(loc, event.route, event.example)]
    if stream.balance_event:
        routed.append((("user_stream", "balance_event"), stream.balance_event.route, stream.balance_event.example))
    _check_routes(problems, ("user_stream", "route_field"), stream.route_field, routed)
    for path in [event.client_order_id] if isinstance(event.client_order_id, str) else event.client_order_id:
        _check_path(problems, loc + ("client_order_id",), path, event.example)
    for field in ("exchange_order_id", "state"):
        _check_path(problems, loc + (field,), getattr(event, field), event.example)
    _check_path(problems, loc + ("timestamp",), event.timestamp.path, event.example)
    if event.fill:
        _check_predicate(problems, loc + ("fill", "when"), event.fill.when, event.example)
        for field in ("trade_id", "price", "amount", "fee_amount", "fee_asset"):
            _check_path(problems, loc + ("fill", field), getattr(event.fill, field), event.example)
    if stream.balance_event:
        _check_balance_rows(
            problems, ("user_stream", "balance_event"), stream.balance_event, stream.balance_event.example
        )


def _check_routes(problems: List[Problem], field_loc: Loc, route_field: str, messages: List[Tuple[Loc, str, Any]]):
    """Messages are routed by the value at route_field: each documented example must carry its declared route.

    When no example has the field, route_field itself is wrong; otherwise the examples lacking it are."""
    missing = []
    for loc, route, example in messages:
        try:
            value = fieldpath.read(example, route_field)
        except fieldpath.FieldPathError:
            missing.append(loc)
            continue
        if str(value) != route:
            problems.append((loc + ("route",), f"the example carries {value!r} at {route_field!r}, not {route!r}"))
    if missing and len(missing) == len(messages):
        problems.append((field_loc, f"no example has a value at {route_field!r}"))
    else:
        problems.extend(
            (loc + ("example",), f"the example has no value at route_field {route_field!r}") for loc in missing
        )


def _check_balance_rows(problems: List[Problem], loc: Loc, balances: Any, example: Any) -> None:
    if (balances.locked is None) == (balances.total is None):
        problems.append((loc, "give exactly one of locked (free + locked = total) or total"))
    if example is None:
        return
    try:
        rows = fieldpath.read(example, balances.rows)
        row = rows[0]
    except fieldpath.FieldPathError as error:
        problems.append((loc + ("rows",), str(error)))
        return
    except (IndexError, KeyError, TypeError):
        problems.append((loc + ("rows",), "expected a non-empty list of balances in the example"))
        return
    for field in ("asset", "available", "locked", "total"):
        path = getattr(balances, field)
        if path is not None:
            _check_path(problems, loc + (field,), path, row)
