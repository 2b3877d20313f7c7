"""Values of the documented-examples test: each documented example as is, and the spec's `expect:` literals.

Nothing here reads a field path: the examples are passed to the connector whole, and the expected values are the
author's, so the test fails when a mapping points at the wrong field of the payload.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from scaffolder.keys import credential_imports, credential_literal, credential_text
from scaffolder.pysource import literal
from scaffolder.spec.expectations import exchange_symbol
from scaffolder.spec.model import RULE_NAMES, Spec
from scaffolder.testcontext.common import example_client_order_id, kept_prerequisite_attributes, kept_prerequisites

# Timestamps are compared rounded to the microsecond: what a float keeps of a time since the epoch.
TIME_DIGITS = 6


def _seconds(value: float) -> str:
    return literal(round(value, TIME_DIGITS))


def _decimal(value: Decimal) -> str:
    return f"Decimal({literal(str(value))})"


def _levels(rows: List[Any]) -> str:
    return "[" + ", ".join(f"({literal(float(price))}, {literal(float(amount))})" for price, amount in rows) + "]"


def _item(fields: Dict[str, Optional[str]]) -> str:
    """A dict literal of the declared (not None) fields: keys are the test's names, values Python sources."""
    return "{" + ", ".join(f"{literal(key)}: {source}" for key, source in fields.items() if source is not None) + "}"


def _fill(item: Any) -> Dict[str, Optional[str]]:
    return {
        "client_order_id": (
            literal(item.client_order_id) if getattr(item, "client_order_id", None) is not None else None
        ),
        "trade_id": literal(item.trade_id),
        "exchange_order_id": literal(item.exchange_order_id) if item.exchange_order_id is not None else None,
        "price": _decimal(item.price),
        "amount": _decimal(item.amount),
        "quote_amount": _decimal(item.quote_amount) if item.quote_amount is not None else None,
        "fee_amount": _decimal(item.fee_amount),
        "fee_asset": literal(item.fee_asset) if item.fee_asset is not None else None,
        "timestamp": _seconds(item.timestamp),
    }


def _book(expect: Any) -> str:
    return _item(
        {
            "trading_pair": literal(expect.trading_pair) if expect.trading_pair is not None else None,
            "first_update_id": literal(expect.first_update_id) if expect.first_update_id is not None else None,
            "update_id": literal(expect.update_id),
            "bids": _levels(expect.bids),
            "asks": _levels(expect.asks),
            "timestamp": _seconds(expect.timestamp) if expect.timestamp is not None else None,
        }
    )


def _balances(expect: Dict[str, Any]) -> str:
    return _item({asset: f"({_decimal(value.available)}, {_decimal(value.total)})" for asset, value in expect.items()})


def _tracked(items: List[Any]) -> List[Tuple[str, str]]:
    """(client id, exchange id) sources of the orders an event names, each once, for the test to track first."""
    orders = {item.client_order_id: item.exchange_order_id for item in items}
    return [(literal(client), literal(exchange)) for client, exchange in orders.items()]


def values(spec: Spec) -> Dict[str, Any]:
    v: Dict[str, Any] = {"time_digits": TIME_DIGITS}
    # Any value works for a key the examples never sign with, but a secret holding key bytes must decode.
    v["credential_imports"] = credential_imports(spec)
    v["credentials"] = [
        (
            credential.config_field(spec.exchange.name),
            credential_literal(credential_text(spec, credential.name, "documented-examples")),
        )
        for credential in spec.credentials
    ]
    endpoints = spec.endpoints
    markets = spec.markets
    orders = spec.orders
    stream = spec.user_stream
    channels = spec.public_ws.channels
    pairs = {spec.exchange.example_pair}
    # Endpoint examples, several of which may serve one endpoint (symbols and rules), are written once.
    responses: Dict[str, Any] = {}

    def response(endpoint: str) -> str:
        responses[endpoint] = endpoints[endpoint].example_response
        return f"DOCUMENTED_RESPONSES[{literal(endpoint)}]"

    time_sync = spec.auth.time_sync
    v["server_time"] = None
    if time_sync is not None and time_sync.expect is not None:
        v["server_time"] = {
            "example": response(time_sync.endpoint),
            "seconds": _seconds(time_sync.expect.server_time),
        }
    v["symbols"] = None
    if markets.symbols.expect is not None:
        v["symbols"] = {
            "example": response(markets.symbols.endpoint),
            "expected": literal(dict(markets.symbols.expect)),
        }
    rules = markets.trading_rules
    v["trading_rules"] = None
    if rules.expect is not None:
        names = [name for name in RULE_NAMES if getattr(rules, name) is not None]
        v["trading_rules"] = {
            "symbols_example": response(markets.symbols.endpoint),
            "example": response(rules.endpoint),
            "names": names,
            "expected": _item(
                {
                    pair: "(" + ", ".join(_decimal(getattr(rule, name)) for name in names) + ")"
                    for pair, rule in rules.expect.items()
                }
            ),
        }
    last_price = markets.last_traded_price
    v["last_traded_price"] = None
    if last_price.expect is not None:
        v["last_traded_price"] = {
            "example": response(last_price.endpoint),
            "price": _decimal(last_price.expect.price),
        }
    snapshot = markets.order_book_snapshot
    v["snapshot"] = None
    if snapshot.expect is not None:
        v["snapshot"] = {
            "example": response(snapshot.endpoint),
            "expected": _book(snapshot.expect),
        }
    v["balances"] = None
    if spec.balances is not None and spec.balances.expect is not None:
        v["balances"] = {
            "example": response(spec.balances.endpoint),
            "method": spec.balances.method.lower(),
            "expected": _balances(spec.balances.expect),
        }

    # The client order id the tests give their orders: one the exchange would take (numeric_bits: digits).
    v["example_client_order_id"] = example_client_order_id(spec)
    create = orders.create
    v["creation"] = None
    if create.expect is not None:
        v["creation"] = {
            "example": literal(create.example_response),
            "exchange_order_id": literal(create.expect.exchange_order_id),
            "timestamp": _seconds(create.expect.timestamp) if create.expect.timestamp is not None else None,
        }
    status = orders.status
    v["status"] = None
    if status.expect is not None:
        v["status"] = {
            "method": status.method.lower(),
            "example": literal(status.example_response),
            "exchange_order_id": literal(status.expect.exchange_order_id),
            "expected": _item(
                {
                    "exchange_order_id": literal(status.expect.exchange_order_id),
                    "state": literal(status.expect.state),
                    "timestamp": _seconds(status.expect.timestamp) if status.expect.timestamp is not None else None,
                }
            ),
        }
    fills = orders.fills
    v["fills"] = None
    if fills.expect is not None:
        v["fills"] = {
            "method": fills.method.lower(),
            "example": literal(fills.example_response),
            "exchange_order_id": literal(fills.expect[0].exchange_order_id if fills.expect else "1"),
            "expected": "[" + ", ".join(_item(_fill(item)) for item in fills.expect) + "]",
        }

    # User stream events: the orders they name are tracked first, so the connector finds them.
    # (no events without a private websocket, `user_stream: none`)
    event = stream and stream.order_event
    v["order_event"] = None
    if event is not None and event.expect is not None:
        v["order_event"] = {
            "example": literal(event.example),
            "tracked": _tracked(event.expect),
            "orders": "["
            + ", ".join(
                _item(
                    {
                        "client_order_id": literal(item.client_order_id),
                        "exchange_order_id": literal(item.exchange_order_id),
                        "state": literal(item.state),
                        "timestamp": _seconds(item.timestamp),
                    }
                )
                for item in event.expect
            )
            + "]",
            "fills": "["
            + ", ".join(
                _item(
                    {
                        **_fill(item.fill),
                        "client_order_id": literal(item.client_order_id),
                        "exchange_order_id": literal(item.exchange_order_id),
                    }
                )
                for item in event.expect
                if item.fill is not None
            )
            + "]",
        }
    fill_event = stream and stream.fill_event
    v["fill_event"] = None
    if fill_event is not None and fill_event.expect is not None:
        v["fill_event"] = {
            "example": literal(fill_event.example),
            "tracked": _tracked(fill_event.expect),
            "fills": "[" + ", ".join(_item(_fill(item)) for item in fill_event.expect) + "]",
        }
    balance_event = stream and stream.balance_event
    v["balance_event"] = None
    if balance_event is not None and balance_event.expect is not None:
        v["balance_event"] = {"example": literal(balance_event.example), "expected": _balances(balance_event.expect)}

    # Public channels: the pairs the messages are for are known to the connector under their formatted symbols.
    v["trade"] = None
    if channels.trade is not None and channels.trade.expect is not None:
        pairs.update(item.trading_pair for item in channels.trade.expect)
        v["trade"] = {
            "example": literal(channels.trade.example),
            "expected": "["
            + ", ".join(
                _item(
                    {
                        "trading_pair": literal(item.trading_pair),
                        "trade_id": literal(item.trade_id),
                        "price": _decimal(item.price),
                        "amount": _decimal(item.amount),
                        "side": literal(item.side),
                        "timestamp": _seconds(item.timestamp),
                    }
                )
                for item in channels.trade.expect
            )
            + "]",
        }
    v["books"] = []
    for name, method in (
        ("order_book_diff", "_parse_order_book_diff_message"),
        ("order_book_snapshot", "_parse_order_book_snapshot_message"),
    ):
        channel = getattr(channels, name)
        if channel is not None and channel.expect is not None:
            pairs.add(channel.expect.trading_pair)
            v["books"].append(
                {"name": name, "method": method, "example": literal(channel.example), "expected": _book(channel.expect)}
            )
    v["documented_responses"] = literal(responses) if responses else None
    v["symbol_map"] = literal({exchange_symbol(spec, pair): pair for pair in sorted(pairs)})
    v["prerequisites_kept"] = kept_prerequisites(spec)
    v["prerequisites_kept_attributes"] = kept_prerequisite_attributes(spec)
    v["public"] = bool(v["trade"] or v["books"] or v["snapshot"])
    v["user_events"] = bool(v["order_event"] or v["fill_event"] or v["balance_event"])
    v["any"] = any(
        v[key]
        for key in (
            "server_time",
            "symbols",
            "trading_rules",
            "last_traded_price",
            "snapshot",
            "balances",
            "creation",
            "status",
            "fills",
            "order_event",
            "fill_event",
            "balance_event",
            "trade",
            "books",
        )
    )
    return v
