"""Values for the public websocket: connection, keepalive, subscriptions, routing, trades and order book messages."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from scaffolder.pysource import (
    condition,
    literal,
    parses_date_times,
    read,
    safe_read,
    seconds,
    strings_in,
    template_value,
)
from scaffolder.spec import fieldpath, routes
from scaffolder.context.requests import request
from scaffolder.context.ws_token import token_values
from scaffolder.spec.model import Spec, TimeField
from scaffolder.spec.validate import placeholders

TOPIC_VALUES = {"symbol": "symbol", "symbol_lower": "symbol.lower()", "symbols": '",".join(symbols)'}


def update_id(path: str, variable: str, example: Any, unit: Optional[str] = None) -> str:
    """An update id as Hummingbot orders them: an int, converted when the exchange documents a string; a timestamp
    (`update_id_unit`) in whole seconds."""
    if unit is not None:
        return f"int({seconds(TimeField(path=path, unit=unit), variable, example)})"
    source = read(path, variable)
    return f"int({source})" if isinstance(fieldpath.documented(example, path), str) else source


def snapshot_as_returned(snapshot: Any, example: Any) -> Tuple[Any, Any]:
    """The REST snapshot mapping and example as `_request_order_book_snapshot` returns them: with `returns`, its
    paths made relative to that object, and the example's object there."""
    if snapshot.returns is None:
        return snapshot, example
    prefix = snapshot.returns
    update = {name: fieldpath.relative(getattr(snapshot, name), prefix) for name in ("update_id", "bids", "asks")}
    if snapshot.timestamp is not None:
        update["timestamp"] = snapshot.timestamp.model_copy(
            update={"path": fieldpath.relative(snapshot.timestamp.path, prefix)}
        )
    return snapshot.model_copy(update=update), fieldpath.read(example, prefix)


def book_side(channel: Any, side: str, variable: str) -> str:
    """A side of the book as [price, amount] rows: read as is, or built from level objects (`levels`), keeping
    those marked with the side's value when the levels name their side (`levels.side`)."""
    source = read(getattr(channel, side), variable)
    levels = getattr(channel, "levels", None)
    if levels is None:
        return source
    marked = ""
    if levels.side is not None:
        marked = f" if {read(levels.side.field, 'level')} == {literal(getattr(levels.side, side))}"
    return f"[[{read(levels.price, 'level')}, {read(levels.amount, 'level')}] for level in {source}{marked}]"


def channel_name(channel: Any) -> str:
    """The channel's name in subscribe messages (`{name}`): its own, else its route."""
    return channel.name if getattr(channel, "name", None) is not None else channel.route


def server_ping_values(server_ping: Any) -> Optional[Dict[str, str]]:
    """How a server ping is recognised in `event_message` and the reply sent back (public or private stream)."""
    if server_ping is None:
        return None
    value = read(server_ping.value or server_ping.when.field, "event_message")
    return {
        "condition": condition(server_ping.when, "event_message", safe=True),
        "reply": template_value(server_ping.reply, {"ping": value}),
    }


def uses(value: Any, name: str) -> bool:
    return any(name in placeholders(text) for text in strings_in(value))


def _all_topics(topics: List[tuple]) -> str:
    """The list of every channel's topics: `(topic source, single)` pairs, single when a channel has one topic (its
    pair's, or one for every pair) rather than one per symbol."""
    if all(single for _, single in topics):
        return "[" + ", ".join(topic for topic, _ in topics) + "]"
    return " + ".join(f"[{topic}]" if single else f"[{topic} for symbol in symbols]" for topic, single in topics)


def subscribed_channels(spec: Spec) -> List[tuple]:
    """(channel name, channel, route constant) of each channel with its own subscription, in subscription order."""
    channels = spec.public_ws.channels
    listed = [("trade", channels.trade, spec.constant("TRADE_EVENT_TYPE"))] if channels.trade else []
    if channels.order_book_diff:
        listed.append(("order_book_diff", channels.order_book_diff, spec.constant("DIFF_EVENT_TYPE")))
    if channels.order_book_snapshot and channels.order_book_snapshot.topic is not None:
        listed.append(("order_book_snapshot", channels.order_book_snapshot, spec.constant("SNAPSHOT_EVENT_TYPE")))
    return listed


# How a plain route is compared with the value read at route_field, by route_match.
ROUTE_TESTS = {
    "equals": "event_type == {}",
    "prefix": "event_type.startswith({})",
    "suffix": "event_type.endswith({})",
    "contains": "{} in event_type",
}


def routed_channels(spec: Spec) -> List[tuple]:
    """(channel, route constant, queue key) of each channel, in the order messages are tested: snapshots, diffs,
    trades."""
    channels = spec.public_ws.channels
    listed = [
        (channels.order_book_snapshot, "SNAPSHOT_EVENT_TYPE", "_snapshot_messages_queue_key"),
        (channels.order_book_diff, "DIFF_EVENT_TYPE", "_diff_messages_queue_key"),
        (channels.trade, "TRADE_EVENT_TYPE", "_trade_messages_queue_key"),
    ]
    return [entry for entry in listed if entry[0] is not None]


def _route_condition(spec: Spec, default: str, channel: Any) -> str:
    """The test recognising a channel's messages: str methods on literals computed here, no pattern per message."""
    template = routes.symbol_template(channel.route)
    if routes.by_key(spec.public_ws, channel):
        test = _key_present(channel.route)
    elif template is None:
        test = ROUTE_TESTS[routes.match_of(spec.public_ws, channel)].format(f"CONSTANTS.{spec.constant(default)}")
    else:
        before, after = template
        tests = [f"event_type.startswith({literal(before)})" if before else None]
        tests.append(f"event_type.endswith({literal(after)})" if after else None)
        test = " and ".join(part for part in tests if part)
    when = channel.when
    return f"{test} and {condition(when, 'event_message', safe=True)}" if when else test


def channel_symbol(spec: Spec, channel: Any, variable: str) -> str:
    """Where a channel's message names its symbol: its `symbol` path, or the text a route template leaves around
    {symbol} sliced off the route value."""
    template = routes.symbol_template(channel.route)
    if template is None:
        return read(channel.symbol, variable)
    before, after = template
    end = f"-{len(after)}" if after else ""
    return f"{read(spec.public_ws.route_field, variable)}[{len(before)}:{end}]"


def _key_present(path: str) -> str:
    """The test that a message carries a key (route_match key): `in` for a top-level key, else a read that does not
    raise."""
    steps = fieldpath.parse(path)
    if len(steps) == 1 and isinstance(steps[0], fieldpath.Key):
        return f"{literal(steps[0].name)} in event_message"
    return f"{safe_read(path, 'event_message')} is not None"


def _route_read(spec: Spec) -> Optional[str]:
    """The value routing compares (`event_type`), or None when every channel is routed by key."""
    public = spec.public_ws
    valued = [channel for channel, _, _ in routed_channels(spec) if not routes.by_key(public, channel)]
    if not valued:
        return None
    plain = all(
        routes.symbol_template(channel.route) is None and routes.match_of(public, channel) == "equals"
        for channel in valued
    )
    if plain:
        return safe_read(public.route_field, "event_message")
    # str methods need a string: a message without the field reads as "".
    steps = fieldpath.parse(public.route_field)
    if not all(isinstance(step, fieldpath.Key) for step in steps):
        return read(public.route_field, "event_message")
    expression = "event_message"
    for index, step in enumerate(steps):
        default = '""' if index == len(steps) - 1 else "{}"
        expression = f"{expression}.get({step.name!r}, {default})"
    return expression


def _trade_values(spec: Spec, trade: Any, v: Dict[str, Any]) -> None:
    """How public trade messages are read (a spec without a trade channel has none)."""
    trade_example = fieldpath.first_row(trade.example, trade.rows) if trade.rows else trade.example
    v["trade_rows"] = read(trade.rows, "raw_message") if trade.rows else None
    # A route template reads the symbol in the message's route field, not in each row.
    v["trade_symbol"] = (
        read(trade.symbol, "trade") if trade.rows and trade.symbol else channel_symbol(spec, trade, "raw_message")
    )
    side_read = read(trade.side.field, "msg")
    sell = trade.side.sell_when
    v["trade_is_sell"] = (
        (side_read if sell else f"not {side_read}") if isinstance(sell, bool) else f"{side_read} == {literal(sell)}"
    )
    v["trade_fields"] = {
        "trade_id": read(trade.trade_id, "msg"),
        "price": read(trade.price, "msg"),
        "amount": read(trade.amount, "msg"),
        "timestamp": seconds(trade.timestamp, "msg", trade_example),
    }


def add(spec: Spec, v: Dict[str, Any]) -> None:
    public_messages = [spec.public_ws.subscribe.message, spec.public_ws.subscribe.unsubscribe_message]
    if spec.public_ws.ping is not None:
        public_messages.append(spec.public_ws.ping.message)
    v["public_request_ids"] = any(uses(message, "request_id") for message in public_messages)
    public = spec.public_ws
    channels = public.channels
    per_pair = public.subscribe.scope == "per_pair"

    # --- connection and keepalive
    token = public.token
    # Without a ping message the connection only needs the token, not the announced interval.
    v["public_token"] = token_values(spec, token, "connection_info", pings=bool(public.ping)) if token else None
    # {time}: the clock in whole seconds; {time_ms}: in milliseconds.
    message_values = {
        "request_id": "web_utils.next_message_id()",
        "time": "int(self._time())",
        "time_ms": "int(self._time() * 1e3)",
    }
    embedded = {name: f"str({source})" for name, source in message_values.items()}
    ping = public.ping
    v["public_ping"] = (
        {
            "interval": literal(float(ping.interval)),
            "after_last_sent": ping.schedule == "after_last_sent",
            "text": isinstance(ping.message, str),
            "payload": (
                literal(ping.message)
                if isinstance(ping.message, str)
                else template_value(ping.message, message_values, embedded)
            ),
        }
        if ping
        else None
    )
    v["public_server_ping"] = server_ping_values(public.server_ping)
    # A text ping is answered in text ("pong"), which reaches routing as a string.
    v["public_text_replies"] = bool(ping and isinstance(ping.message, str))

    # --- subscriptions
    v["public_per_pair"] = per_pair
    per_channel, all_topics = [], []
    for _, channel, constant in subscribed_channels(spec):
        topic = template_value(channel.topic, TOPIC_VALUES)
        single = per_pair or uses(channel.topic, "symbols")
        all_topics.append((topic, single))
        values = dict(message_values, route=f"CONSTANTS.{constant}", topic=topic, name=literal(channel_name(channel)))
        values["topics"] = f"[{topic}]" if single else f"[{topic} for symbol in symbols]"
        per_channel.append(values)
    # grouping all_channels: one message whose {topics} lists every channel's topics (the pair's, or every pair's).
    combined = dict(message_values, topics=_all_topics(all_topics))
    subscribe = public.subscribe
    for kind, message in (("subscribe", subscribe.message), ("unsubscribe", subscribe.unsubscribe_message)):
        grouped = per_channel if getattr(subscribe.grouping, kind) == "per_channel" else [combined]
        v[f"{kind}_payloads"] = [template_value(message, values, embedded) for values in grouped]
    v["public_logs"] = public.logs

    # --- routing
    v["public_route"] = _route_read(spec)
    v["public_routes"] = [
        (_route_condition(spec, constant, channel), queue_key) for channel, constant, queue_key in routed_channels(spec)
    ]
    snapshot = channels.order_book_snapshot
    diff = channels.order_book_diff
    trade = channels.trade
    v["trade_route"] = trade.route if trade else None
    v["diff_route"] = diff.route if diff else None
    v["snapshot_route"] = snapshot.route if snapshot else None

    # --- messages
    v["trade_fields"] = None
    if trade:
        _trade_values(spec, trade, v)
    if diff:
        v["diff_symbol"] = channel_symbol(spec, diff, "raw_message")
        v["diff_fields"] = {
            "first_update_id": update_id(diff.first_update_id, "msg", diff.example) if diff.first_update_id else None,
            "update_id": update_id(diff.update_id, "msg", diff.example, diff.update_id_unit),
            "bids": book_side(diff, "bids", "msg"),
            "asks": book_side(diff, "asks", "msg"),
            "timestamp": seconds(diff.timestamp, "msg", diff.example),
        }
    if snapshot:
        v["ws_snapshot_symbol"] = channel_symbol(spec, snapshot, "raw_message")
        v["ws_snapshot_fields"] = {
            "update_id": update_id(snapshot.update_id, "msg", snapshot.example, snapshot.update_id_unit),
            "bids": book_side(snapshot, "bids", "msg"),
            "asks": book_side(snapshot, "asks", "msg"),
            "timestamp": seconds(snapshot.timestamp, "msg", snapshot.example) if snapshot.timestamp else None,
        }
    rest_snapshot = spec.markets.order_book_snapshot
    rest_example = spec.endpoints[rest_snapshot.endpoint].example_response
    v["snapshot"] = request(spec, rest_snapshot.endpoint, "GET", rest_snapshot.params, {"symbol": "symbol"})
    # `returns`: the request gives back the object at that path, in which the message is then read.
    v["snapshot_returns"] = read(rest_snapshot.returns, "response") if rest_snapshot.returns is not None else None
    rest_snapshot, rest_example = snapshot_as_returned(rest_snapshot, rest_example)
    v["snapshot_limit_id"] = spec.endpoints[rest_snapshot.endpoint].rate_limit_id
    v["rest_snapshot_fields"] = {
        "update_id": update_id(rest_snapshot.update_id, "msg", rest_example, rest_snapshot.update_id_unit),
        "bids": book_side(rest_snapshot, "bids", "msg"),
        "asks": book_side(rest_snapshot, "asks", "msg"),
        "timestamp": seconds(rest_snapshot.timestamp, "msg", rest_example) if rest_snapshot.timestamp else None,
    }
    # NAME_order_book.py imports the date-time parser when any message it builds (REST snapshot too) needs it.
    v["order_book_date_times"] = parses_date_times(
        v["trade_fields"], v.get("diff_fields"), v.get("ws_snapshot_fields"), v["rest_snapshot_fields"]
    )
