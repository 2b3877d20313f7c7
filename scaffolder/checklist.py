"""The Spot Connector v2.1 API checklist (Hummingbot's connector guide), evaluated against a spec.

Each row says whether Hummingbot requires it (required), needs it depending on the exchange (conditional) or
merely benefits from it (optional), and whether the spec covers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, List

from scaffolder.spec.model import Spec

REQUIRED, CONDITIONAL, OPTIONAL = "required", "conditional", "optional"


@dataclass(frozen=True)
class Row:
    title: str
    need: str
    covered_by: str  # the spec section that covers the row, shown to the reader
    test: Callable[[Spec], bool]


def _uses(placeholder: str, request: Any, spec: Any) -> bool:
    """The request's parameters, or its endpoint's path template, use the placeholder (a path placeholder by the
    value it takes: `path_params`)."""
    endpoint = spec.endpoints.get(request.endpoint)
    if endpoint is not None and any(value == placeholder for _, value in endpoint.path_values):
        return True
    return any("{" + placeholder + "}" in text for text in request.params.values())


ROWS = [
    Row("GET ACTIVE MARKETS", REQUIRED, "markets.symbols", lambda s: bool(s.markets.symbols.endpoint)),
    Row("GET LAST TRADED PRICE", REQUIRED, "markets.last_traded_price", lambda s: bool(s.markets.last_traded_price)),
    Row(
        "GET ORDERBOOK SNAPSHOT", REQUIRED, "markets.order_book_snapshot", lambda s: bool(s.markets.order_book_snapshot)
    ),
    Row(
        "[TR] MINIMUM NOTIONAL SIZE",
        CONDITIONAL,
        "markets.trading_rules.min_notional_size",
        lambda s: s.markets.trading_rules.min_notional_size is not None,
    ),
    Row(
        "[TR] MINIMUM ORDER SIZE",
        CONDITIONAL,
        "markets.trading_rules.min_order_size",
        lambda s: bool(s.markets.trading_rules.min_order_size),
    ),
    Row(
        "[TR] MINIMUM PRICE",
        CONDITIONAL,
        "markets.trading_rules.min_price_increment",
        lambda s: bool(s.markets.trading_rules.min_price_increment),
    ),
    Row(
        "[TR] ORDER INCREMENT",
        CONDITIONAL,
        "markets.trading_rules.min_base_amount_increment",
        lambda s: bool(s.markets.trading_rules.min_base_amount_increment),
    ),
    Row("PING ENDPOINT", REQUIRED, "markets.check_network", lambda s: bool(s.markets.check_network)),
    Row("GET ACCOUNT BALANCE", REQUIRED, "balances", lambda s: s.balances is not None),
    Row(
        "GET ORDER STATUS BY client order id",
        CONDITIONAL,
        "orders.status.params",
        lambda s: _uses("client_order_id", s.orders.status, s),
    ),
    Row(
        "GET ORDER STATUS BY exchange_order_id",
        CONDITIONAL,
        "orders.status.params",
        lambda s: _uses("exchange_order_id", s.orders.status, s),
    ),
    Row(
        "GET TRADES HISTORY BY ORDER ID",
        CONDITIONAL,
        "orders.fills.params",
        lambda s: _uses("exchange_order_id", s.orders.fills, s) or _uses("client_order_id", s.orders.fills, s),
    ),
    Row("GET TRADES HISTORY BY TIMESTAMPS", CONDITIONAL, "(not expressible yet)", lambda s: False),
    Row("GET OPEN ORDERS", REQUIRED, "orders.open_orders", lambda s: s.orders.open_orders is not None),
    Row("CREATE ORDERS", REQUIRED, "orders.create", lambda s: s.orders.create is not None),
    Row(
        "CREATE ORDERS with client_order_id",
        CONDITIONAL,
        "orders.create.params",
        lambda s: _uses("client_order_id", s.orders.create, s),
    ),
    Row(
        "CANCEL ORDERS",
        REQUIRED,
        "orders.cancel",
        lambda s: _uses("exchange_order_id", s.orders.cancel, s) or _uses("client_order_id", s.orders.cancel, s),
    ),
    # Either id identifies the order to cancel: OKX and Bybit cancel by client id, KuCoin and Gate by exchange id.
    Row(
        "CANCEL ORDER BY exchange_order_id",
        CONDITIONAL,
        "orders.cancel.params",
        lambda s: _uses("exchange_order_id", s.orders.cancel, s),
    ),
    Row(
        "CANCEL ORDER BY client order id",
        CONDITIONAL,
        "orders.cancel.params",
        lambda s: _uses("client_order_id", s.orders.cancel, s),
    ),
    Row("ORDERBOOK CHANNEL", REQUIRED, "public_ws.channels", lambda s: s.public_ws.channels is not None),
    Row(
        "ORDERBOOK DIFF CHANNEL",
        CONDITIONAL,
        "public_ws.channels.order_book_diff",
        lambda s: s.public_ws.channels.order_book_diff is not None,
    ),
    Row(
        "USER ORDER/TRADES CHANNEL",
        REQUIRED,
        "user_stream.order_event",
        # Without a private websocket (`user_stream: none`) Hummingbot's documented fallback covers it: order status
        # and fills polled over REST (orders.status, orders.fills).
        lambda s: s.user_stream is None or s.user_stream.order_event is not None,
    ),
    Row(
        "USER BALANCE CHANNEL",
        OPTIONAL,
        "user_stream.balance_event",
        lambda s: s.user_stream is not None and s.user_stream.balance_event is not None,
    ),
    Row("AUTHENTICATION", REQUIRED, "auth.rest", lambda s: s.auth.rest is not None),
    Row(
        "RATE LIMITS",
        REQUIRED,
        "rate_limits + endpoints.*.weights",
        lambda s: bool(s.rate_limits.pools) or any(e.limit for e in s.endpoints.values()),
    ),
    Row("SERVER TIME", CONDITIONAL, "auth.time_sync", lambda s: s.auth.time_sync is not None),
]


@dataclass(frozen=True)
class Result:
    row: Row
    covered: bool


def evaluate(spec: Spec) -> List[Result]:
    return [Result(row, bool(row.test(spec))) for row in ROWS]


def render(results: List[Result]) -> str:
    width = max(len(result.row.title) for result in results)
    lines = []
    for result in results:
        status = "covered" if result.covered else "MISSING"
        lines.append(f"{result.row.title:<{width}}  {result.row.need:<11}  {status:<7}  {result.row.covered_by}")
    return "\n".join(lines)


def missing_required(results: List[Result]) -> List[Result]:
    return [result for result in results if result.row.need == REQUIRED and not result.covered]
