"""The resolved model templates read: every decision about the generated code is taken here, in Python.

`build_context(spec)` turns a validated Spec into plain values and ready-made Python expressions (field reads,
conditions, literals). Templates only place them; they hold no logic beyond loops and presence checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from scaffolder import __version__
from scaffolder.pysource import (
    condition,
    decimal,
    literal,
    read,
    read_first,
    safe_read,
    seconds,
    template_string,
    template_value,
)
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec
from scaffolder.testcontext import exchange as exchange_tests
from scaffolder.testcontext import order_book as order_book_tests
from scaffolder.testcontext import user_stream as user_stream_tests

ORDER_TYPE_ORDER = ("LIMIT", "LIMIT_MAKER", "MARKET")


@dataclass
class RequestParam:
    key: str
    source: str
    # None: always sent; "price": not for MARKET orders; "time_in_force": only for types that define one.
    only_when: Optional[str] = None


@dataclass
class Request:
    constant: str
    method: str  # GET, POST, PUT, DELETE
    params: List[RequestParam]
    # Where the parameters travel: "params" (query string) or "data" (body).
    params_argument: str
    needs_exchange_order_id: bool = False
    needs_symbol: bool = False


@dataclass
class Context:
    spec: Spec
    name: str
    class_prefix: str
    module: str
    test_module: str
    hbgen_version: str
    values: Dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, item: str) -> Any:
        try:
            return self.values[item]
        except KeyError:
            raise AttributeError(item) from None


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _request(spec: Spec, endpoint: str, method: str, params: Dict[str, str], values: Dict[str, str]) -> Request:
    param_list = []
    for key, text in params.items():
        only_when = None
        if "{price}" in text:
            only_when = "price"
        elif "{time_in_force}" in text:
            only_when = "time_in_force"
        param_list.append(RequestParam(key=key, source=template_string(text, values), only_when=only_when))
    return Request(
        constant=spec.endpoints[endpoint].constant,
        method=method,
        params=param_list,
        params_argument="data" if method in ("POST", "PUT") else "params",
        needs_exchange_order_id=any("{exchange_order_id}" in text for text in params.values()),
        needs_symbol=any("{symbol}" in text for text in params.values()),
    )


def _rate_limits(spec: Spec) -> List[Dict[str, Any]]:
    default = spec.rate_limits.endpoint_default
    limits = []
    for endpoint in spec.endpoints.values():
        limit = endpoint.limit or default
        limits.append(
            {
                "constant": endpoint.constant,
                "limit": limit.limit,
                "interval": literal(limit.interval),
                "weights": [(pool, weight) for pool, weight in endpoint.weights.items()],
            }
        )
    return limits


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


def _balance_fields(balances: Any, variable: str, example_row: Any) -> Dict[str, str]:
    available = decimal(balances.available, variable, example_row)
    total = (
        decimal(balances.total, variable, example_row)
        if balances.total
        else f"{available} + {decimal(balances.locked, variable, example_row)}"
    )
    return {"asset": read(balances.asset, variable), "available": available, "total": total}


def build_context(spec: Spec) -> Context:
    name = spec.exchange.name
    prefix = camel(name)
    context = Context(
        spec=spec,
        name=name,
        class_prefix=prefix,
        module=f"hummingbot.connector.exchange.{name}",
        test_module=f"test.hummingbot.connector.exchange.{name}",
        hbgen_version=__version__,
    )
    v = context.values
    endpoints = spec.endpoints
    orders = spec.orders
    markets = spec.markets

    # --- constants -------------------------------------------------------------------------------------------
    v["endpoints"] = [(endpoint.constant, endpoint.path) for endpoint in endpoints.values()]
    v["pools"] = spec.rate_limits.pools
    v["rate_limits"] = _rate_limits(spec)
    v["order_states"] = list(orders.states.items())
    v["order_types"] = [t for t in ORDER_TYPE_ORDER if t in orders.order_types]
    v["order_type_names"] = [(t, orders.order_types[t].type) for t in v["order_types"]]
    v["time_in_force"] = [
        (t, orders.order_types[t].time_in_force) for t in v["order_types"] if orders.order_types[t].time_in_force
    ]
    v["other_domains"] = list(spec.exchange.domains.others.items())
    v["credentials"] = spec.credentials
    v["credential_args"] = [f"{name}_{credential.name}" for credential in spec.credentials]

    # --- auth ------------------------------------------------------------------------------------------------
    rest_auth = spec.auth.rest
    credential_sources = {credential.name: f"self.{credential.name}" for credential in spec.credentials}
    v["auth_headers"] = [(header, template_string(text, credential_sources)) for header, text in rest_auth.headers.items()]
    v["hash_name"] = rest_auth.algorithm
    v["timestamp_factor"] = "1e3" if rest_auth.timestamp.unit == "ms" else "1"
    time_sync = spec.auth.time_sync
    v["time_sync"] = time_sync
    if time_sync:
        v["server_time_constant"] = endpoints[time_sync.endpoint].constant
        server_time = read(time_sync.server_time, "response")
        v["server_time_source"] = server_time if time_sync.unit == "ms" else f"{server_time} * 1e3"
    ws_auth = spec.auth.private_ws
    v["ws_auth"] = ws_auth
    v["ws_subscribe_success"] = condition(ws_auth.success, "response.data", safe=True)

    # --- markets ---------------------------------------------------------------------------------------------
    symbols = markets.symbols
    v["symbols_constant"] = endpoints[symbols.endpoint].constant
    v["symbol_rows"] = read(symbols.rows, "exchange_info")
    v["rule_rows"] = read(symbols.rows, "exchange_info_dict")
    v["symbol_source"] = read(symbols.symbol, "symbol_data")
    v["symbol_base"] = read(symbols.base, "symbol_data")
    v["symbol_quote"] = read(symbols.quote, "symbol_data")
    v["validity_conditions"] = [condition(p, "exchange_info", safe=True) for p in symbols.valid_when]
    rules = markets.trading_rules
    rule_row = fieldpath.first_row(endpoints[symbols.endpoint].example_response, symbols.rows)
    v["trading_rules_constant"] = endpoints[rules.endpoint].constant
    v["rule_symbol"] = read(symbols.symbol, "rule")
    v["rule_fields"] = [
        (field_name, decimal(getattr(rules, field_name), "rule", rule_row))
        for field_name in ("min_order_size", "min_price_increment", "min_base_amount_increment", "min_notional_size")
        if getattr(rules, field_name)
    ]
    v["check_network_constant"] = endpoints[markets.check_network].constant
    price = markets.last_traded_price
    v["last_price"] = _request(spec, price.endpoint, "GET", price.params, {"symbol": "symbol"})
    v["last_price_source"] = read(price.price, "ticker")
    snapshot = markets.order_book_snapshot
    v["snapshot"] = _request(spec, snapshot.endpoint, "GET", snapshot.params, {"symbol": "symbol"})
    v["snapshot_fields"] = {
        "update_id": read(snapshot.update_id, "msg"),
        "bids": read(snapshot.bids, "msg"),
        "asks": read(snapshot.asks, "msg"),
    }

    # --- orders ----------------------------------------------------------------------------------------------
    create = orders.create
    v["create"] = _request(
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
    v["cancel"] = _request(spec, cancel.endpoint, cancel.method, cancel.params, dict(tracked, client_order_id="order_id"))
    v["cancel_success"] = condition(cancel.success, "cancel_result")
    v["cancel_not_found_matches"] = cancel.not_found_matches
    status = orders.status
    v["status"] = _request(spec, status.endpoint, status.method, status.params, tracked)
    v["status_fields"] = {
        "exchange_order_id": f"str({read(status.exchange_order_id, 'order_status')})",
        "timestamp": seconds(status.timestamp, "order_status"),
        "state": read(status.state, "order_status"),
    }
    v["status_not_found_matches"] = status.not_found_matches
    fills = orders.fills
    v["fills"] = _request(spec, fills.endpoint, fills.method, fills.params, dict(tracked, client_order_id="order.client_order_id", exchange_order_id="order.exchange_order_id"))
    v["fill_rows"] = read(fills.rows, "fills_response")
    fill_row = fieldpath.first_row(fills.example_response, fills.rows)
    v["fill_fields"] = _fill_fields(fills, "fill", fill_row)
    v["fill_fields"]["exchange_order_id"] = f"str({read(fills.exchange_order_id, 'fill')})"

    balances = spec.balances
    v["balances_constant"] = endpoints[balances.endpoint].constant
    v["balance_rows"] = read(balances.rows, "account_info")
    balance_row = fieldpath.first_row(endpoints[balances.endpoint].example_response, balances.rows)
    v["balance_fields"] = _balance_fields(balances, "balance_entry", balance_row)

    # --- public websocket ------------------------------------------------------------------------------------
    public = spec.public_ws
    channels = public.channels
    v["public_route"] = safe_read(public.route_field, "event_message")
    v["trade_route"] = channels.trade.route
    v["diff_route"] = channels.order_book_diff.route
    topic_values = {"symbol": "symbol", "symbol_lower": "symbol.lower()"}
    v["trade_topic"] = template_string(channels.trade.topic, topic_values)
    v["diff_topic"] = template_string(channels.order_book_diff.topic, topic_values)
    message_values = {"topics": "topics", "request_id": "next(self._request_ids)"}
    v["subscribe_payload"] = template_value(public.subscribe.message, message_values)
    v["unsubscribe_payload"] = template_value(public.subscribe.unsubscribe_message, message_values)
    trade = channels.trade
    v["trade_symbol"] = read(trade.symbol, "raw_message")
    side_read = read(trade.side.field, "msg")
    sell = trade.side.sell_when
    v["trade_is_sell"] = (side_read if sell else f"not {side_read}") if isinstance(sell, bool) else f"{side_read} == {literal(sell)}"
    v["trade_fields"] = {
        "trade_id": read(trade.trade_id, "msg"),
        "price": read(trade.price, "msg"),
        "amount": read(trade.amount, "msg"),
        "timestamp": seconds(trade.timestamp, "msg"),
        "update_id": read(trade.timestamp.path, "msg"),
    }
    diff = channels.order_book_diff
    v["diff_symbol"] = read(diff.symbol, "raw_message")
    v["diff_fields"] = {
        "first_update_id": read(diff.first_update_id, "msg") if diff.first_update_id else None,
        "update_id": read(diff.update_id, "msg"),
        "bids": read(diff.bids, "msg"),
        "asks": read(diff.asks, "msg"),
        "timestamp": seconds(diff.timestamp, "msg"),
    }

    # --- user stream -----------------------------------------------------------------------------------------
    stream = spec.user_stream
    v["user_route"] = safe_read(stream.route_field, "event_message")
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
    balance_event = stream.balance_event
    v["balance_event"] = balance_event
    if balance_event:
        v["balance_event_route"] = balance_event.route
        v["balance_event_rows"] = read(balance_event.rows, "event")
        event_row = fieldpath.first_row(balance_event.example, balance_event.rows)
        v["balance_event_fields"] = _balance_fields(balance_event, "balance_entry", event_row)
    v["event_envelope"] = ws_auth.event_envelope

    # --- generated tests -------------------------------------------------------------------------------------
    v["tests_order_book"] = order_book_tests.values(spec)
    v["tests_user_stream"] = user_stream_tests.values(spec)
    v["tests_exchange"] = exchange_tests.values(spec)
    return context
