"""Values for the public websocket: subscriptions, trades and order book messages."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.pysource import literal, read, safe_read, seconds, template_string, template_value
from scaffolder.spec.model import Spec


def add(spec: Spec, v: Dict[str, Any]) -> None:
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
    v["trade_is_sell"] = (
        (side_read if sell else f"not {side_read}") if isinstance(sell, bool) else f"{side_read} == {literal(sell)}"
    )
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
