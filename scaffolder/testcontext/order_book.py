"""Values the generated order_book tests need (fixtures, expected values), computed from the spec.

Every fixture is a documented example payload (`fixture`) with the test's own values injected at the fields the
spec maps, and every expected value is an injected one, never something read back from the connector. The injected
values differ from all documented ones, so a connector reading any other field than the mapped one fails a test.

The generated test classes define `trading_pair`, `ex_trading_pair` (its exchange symbol), `new_trading_pair` and
`new_ex_trading_pair` (a second pair, for incremental subscriptions); the sources below refer to them.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Tuple

from scaffolder.context.public_ws import channel_name, subscribed_channels, uses
from scaffolder.fixtures import fixture
from scaffolder.pysource import literal, path_source, template_string, template_value
from scaffolder.spec import datetimes, fieldpath, routes
from scaffolder.spec.model import Spec, SymbolFormat, TimeField
from scaffolder.testcontext.common import UNITS_PER_SECOND

EXCHANGE_SYMBOL = "self.ex_trading_pair"
NEW_EXCHANGE_SYMBOL = "self.new_ex_trading_pair"

# The test's values, written as decimal strings and sent in the JSON type of the documented field they replace.
SNAPSHOT_UPDATE_ID = "1001"
SNAPSHOT_BID = ("10.5", "1.25")
SNAPSHOT_ASK = ("10.75", "2.5")
WS_SNAPSHOT_UPDATE_ID = "1501"
WS_SNAPSHOT_BID = ("10.4", "4.5")
WS_SNAPSHOT_ASK = ("10.8", "5.25")
DIFF_FIRST_UPDATE_ID = "2001"
DIFF_UPDATE_ID = "2005"
DIFF_BID = ("10.25", "3.5")
DIFF_ASK = ("11", "0.5")
TRADE_ID = "3001"
TRADE_PRICE = "10.625"
TRADE_AMOUNT = "0.375"
LAST_TRADED_PRICE = "10.875"
BULK_LAST_TRADED_PRICE = "21.25"
# 2023-11-14T22:13:20.250Z; every unit below seconds holds it exactly, and so does a float once converted.
EVENT_TIME_MS = 1700000000250
MS_TO_UNIT = {"ms": 1, "us": 10**3, "ns": 10**6}
# The data source's clock in the tests that patch it ({time} in websocket messages), and the receive time the
# order book tests give.
NOW = 1700000000.5
# {time_ms} at NOW.
NOW_MS = int(NOW * 1000)
RECEIVED_AT = 1640000000.0
# A websocket token announced over REST: the server, the token and the ping interval (seconds).
WS_SERVER = "wss://ws-test.hbot.io/endpoint"
WS_TOKEN = "test-token-4001"
WS_PING_INTERVAL_S = 25

# The data source numbers its websocket requests from 1.
FIRST_REQUEST_ID = 1


def _as_documented(documented: Any, text: str) -> Any:
    """`text` (a decimal string) in the JSON type of the documented value it replaces."""
    if isinstance(documented, str):
        return text
    number = Decimal(text)
    if isinstance(documented, int) and number == number.to_integral_value():
        return int(number)
    return float(number)


def _injected(example: Any, path: str, text: str) -> str:
    """Python source of the value injected at `path`, typed like the documented one."""
    return literal(_as_documented(fieldpath.read(example, path), text))


def _raw_event_time(time_field: TimeField) -> str:
    """The event time in the spec's unit, as a decimal string."""
    if time_field.unit == "s":
        return str(EVENT_TIME_MS // 1000)
    return str(EVENT_TIME_MS * MS_TO_UNIT[time_field.unit])


def _event_time(example: Any, time_field: TimeField) -> Tuple[str, str]:
    """(source of the event time injected in the spec's unit, source of the same instant in seconds)."""
    documented = fieldpath.read(example, time_field.path)
    if datetimes.seconds_of(documented) is not None:
        text = datetimes.text_of(EVENT_TIME_MS / 1000, documented)
        return literal(text), literal(datetimes.seconds_of(text))
    seconds = EVENT_TIME_MS // 1000 if time_field.unit == "s" else EVENT_TIME_MS / 1000
    return _injected(example, time_field.path, _raw_event_time(time_field)), literal(float(seconds))


def _update_id_text(channel: Any, default: str) -> str:
    """The update id a channel's test message carries: the event time when the book is keyed by its timestamp."""
    if channel.update_id_unit is not None:
        return _raw_event_time(TimeField(path=channel.update_id, unit=channel.update_id_unit))
    timestamp = channel.timestamp
    return _raw_event_time(timestamp) if timestamp is not None and timestamp.path == channel.update_id else default


def _update_id_injected(example: Any, channel: Any, text: str) -> str:
    """Source of the update id a test message carries: a timestamp (`update_id_unit`) written as the example writes
    it (date-time text included), else `text` typed like the documented id."""
    if channel.update_id_unit is not None:
        return _event_time(example, TimeField(path=channel.update_id, unit=channel.update_id_unit))[0]
    return _injected(example, channel.update_id, text)


def _single_row_example(example: Any, rows_paths: List[str]) -> Any:
    """The example with each order book side reduced to its first documented row, to receive one test row each; a
    side documented empty (Kraken's update `"asks": []`) takes a copy of the other side's row."""
    payload = copy.deepcopy(example)
    for path in rows_paths:
        del fieldpath.read(payload, path)[1:]
    documented = next((rows[0] for rows in (fieldpath.read(payload, path) for path in rows_paths) if rows), None)
    for path in rows_paths:
        rows = fieldpath.read(payload, path)
        if not rows and documented is not None:
            rows.append(copy.deepcopy(documented))
    return payload


def _row(
    example: Any, rows_path: str, entry: Tuple[str, str], update_id: str, levels: Any = None, index: int = 0
) -> Tuple[Dict[str, str], Dict[str, str]]:
    """Replacements putting one [price, amount] entry as the row `index` at `rows_path` (or one level object, with
    `levels`), and the OrderBookRow expected."""
    price, amount = entry
    price_path, amount_path = (
        (f"{rows_path}[{index}].{levels.price}", f"{rows_path}[{index}].{levels.amount}")
        if levels is not None
        else (f"{rows_path}[{index}][0]", f"{rows_path}[{index}][1]")
    )
    replacements = {
        price_path: _injected(example, price_path, price),
        amount_path: _injected(example, amount_path, amount),
    }
    expected = {"price": literal(float(price)), "amount": literal(float(amount)), "update_id": update_id}
    return replacements, expected


def _exchange_symbol(symbol_format: SymbolFormat, base: str, quote: str) -> str:
    """Source building an exchange symbol from the test's asset variables, as the spec's symbol format says."""
    parts = [base] + ([literal(symbol_format.separator)] if symbol_format.separator else []) + [quote]
    joined = " + ".join(parts)
    return f"({joined}).lower()" if symbol_format.case == "lower" else joined


def _expected_id(text: str, unit: Optional[str] = None) -> str:
    """An update id as Hummingbot holds it: an int, whatever JSON type the exchange sends it in; a timestamp
    (`update_id_unit`) in whole seconds."""
    if unit is not None:
        return literal(int(Decimal(text) / UNITS_PER_SECOND[unit]))
    return literal(int(text))


def _book_rows(
    example: Any,
    bids: str,
    asks: str,
    entries: Tuple[Tuple[str, str], Tuple[str, str]],
    update_id: str,
    levels: Any = None,
):
    """Replacements putting one bid and one ask at `bids` and `asks`, and the OrderBookRows expected. Levels that
    name their side (`levels.side`) are marked so; sharing one list, the bid is its first level and the ask its
    second (`example`, a copy of the documented one, is given that second level)."""
    marks = getattr(levels, "side", None)
    ask_index = 0
    marked: Dict[str, str] = {}
    if marks is not None:
        if bids == asks:
            rows = fieldpath.read(example, bids)
            del rows[1:]
            rows.append(copy.deepcopy(rows[0]))
            ask_index = 1
        marked[f"{bids}[0].{marks.field}"] = _injected(example, f"{bids}[0].{marks.field}", str(marks.bids))
        marked[f"{asks}[{ask_index}].{marks.field}"] = _injected(
            example, f"{asks}[{ask_index}].{marks.field}", str(marks.asks)
        )
    bid_replacements, bid = _row(example, bids, entries[0], update_id, levels)
    ask_replacements, ask = _row(example, asks, entries[1], update_id, levels, ask_index)
    return {**bid_replacements, **ask_replacements, **marked}, bid, ask


def _snapshot(spec: Spec) -> Dict[str, Any]:
    mapping = spec.markets.order_book_snapshot
    endpoint = spec.endpoints[mapping.endpoint]
    example = _single_row_example(endpoint.example_response, [mapping.bids, mapping.asks])
    update_text = _update_id_text(mapping, SNAPSHOT_UPDATE_ID)
    update_id = _expected_id(update_text, mapping.update_id_unit)
    rows, bid, ask = _book_rows(
        example, mapping.bids, mapping.asks, (SNAPSHOT_BID, SNAPSHOT_ASK), update_id, mapping.levels
    )
    params = {"symbol": EXCHANGE_SYMBOL}
    replacements = {mapping.update_id: _update_id_injected(example, mapping, update_text), **rows}
    # Without a time of its own, the snapshot takes the time it is received at (given by the test).
    seconds = literal(RECEIVED_AT)
    if mapping.timestamp:
        replacements[mapping.timestamp.path], seconds = _event_time(example, mapping.timestamp)
    return {
        "response": fixture(example, replacements),
        # What _request_order_book_snapshot returns of the response held in `snapshot` (`returns`).
        "returned": fieldpath.to_python(mapping.returns, "snapshot") if mapping.returns is not None else "snapshot",
        "timestamp": seconds,
        "request_params": "{"
        + ", ".join(f"{literal(key)}: {template_string(text, params)}" for key, text in mapping.params.items())
        + "}",
        "update_id": update_id,
        "bid": bid,
        "ask": ask,
    }


def _ws_snapshot(spec: Spec) -> Optional[Dict[str, Any]]:
    channel = spec.public_ws.channels.order_book_snapshot
    if channel is None:
        return None
    example = _single_row_example(channel.example, [channel.bids, channel.asks])
    update_text = _update_id_text(channel, WS_SNAPSHOT_UPDATE_ID)
    update_id = _expected_id(update_text, channel.update_id_unit)
    rows, bid, ask = _book_rows(
        example, channel.bids, channel.asks, (WS_SNAPSHOT_BID, WS_SNAPSHOT_ASK), update_id, channel.levels
    )
    replacements = {
        **symbol_replacement(spec, channel, EXCHANGE_SYMBOL),
        channel.update_id: _update_id_injected(example, channel, update_text),
        **rows,
    }
    # Without a time of its own, the message takes the time it is received at (given by the test).
    seconds = literal(RECEIVED_AT)
    if channel.timestamp:
        replacements[channel.timestamp.path], seconds = _event_time(example, channel.timestamp)
    return {
        "event": fixture(example, replacements),
        "own_time": channel.timestamp is not None,
        "update_id": update_id,
        "bid": bid,
        "ask": ask,
        "timestamp": seconds,
    }


def _diff(spec: Spec) -> Optional[Dict[str, Any]]:
    channel = spec.public_ws.channels.order_book_diff
    if channel is None:
        return None
    example = _single_row_example(channel.example, [channel.bids, channel.asks])
    update_text = _update_id_text(channel, DIFF_UPDATE_ID)
    update_id = _expected_id(update_text, channel.update_id_unit)
    event_time, seconds = _event_time(example, channel.timestamp)
    replacements: Dict[str, str] = {
        **symbol_replacement(spec, channel, EXCHANGE_SYMBOL),
        channel.update_id: _update_id_injected(example, channel, update_text),
        channel.timestamp.path: event_time,
    }
    # Without a first update id in the updates, Hummingbot takes the update id for it.
    first_update_id = update_id
    if channel.first_update_id:
        first_update_id = _expected_id(DIFF_FIRST_UPDATE_ID)
        replacements[channel.first_update_id] = _injected(example, channel.first_update_id, DIFF_FIRST_UPDATE_ID)
    rows, bid, ask = _book_rows(example, channel.bids, channel.asks, (DIFF_BID, DIFF_ASK), update_id, channel.levels)
    return {
        "event": fixture(example, {**replacements, **rows}),
        "first_update_id": first_update_id,
        "update_id": update_id,
        "bid": bid,
        "ask": ask,
        "timestamp": seconds,
    }


def _buy_side_value(spec: Spec) -> Any:
    """A side value that does not mean sell: the opposite flag, or the word the exchange uses for buy orders."""
    sell_when = spec.public_ws.channels.trade.side.sell_when
    return not sell_when if isinstance(sell_when, bool) else spec.orders.create.sides.BUY


def _trade_event(spec: Spec, side_value: Any) -> Dict[str, Any]:
    channel = spec.public_ws.channels.trade
    example = fieldpath.first_row(channel.example, channel.rows) if channel.rows else channel.example
    event_time, seconds = _event_time(example, channel.timestamp)
    # An exchange whose only trade id is the trade's time (BitMart's s_t) has one field for both: one value.
    shared = channel.trade_id == channel.timestamp.path
    trade_id = event_time if shared else _injected(example, channel.trade_id, TRADE_ID)
    price = _injected(example, channel.price, TRADE_PRICE)
    amount = _injected(example, channel.amount, TRADE_AMOUNT)
    # A route template carries the symbol in the message's route field, outside the rows.
    in_route = routes.symbol_template(channel.route) is not None
    symbol = symbol_replacement(spec, channel, EXCHANGE_SYMBOL)
    replacements = {
        **({} if in_route and channel.rows else symbol),
        channel.trade_id: trade_id,
        channel.price: price,
        channel.amount: amount,
        channel.timestamp.path: event_time,
        channel.side.field: literal(side_value),
    }
    message = symbol if in_route and channel.rows else {}
    if channel.rows:
        event = fixture(channel.example, message, rows=channel.rows, row_replacements=[replacements])
    else:
        event = fixture(example, replacements)
    # Malformed: the symbol (or the route value holding it) of the wrong type (unhashable); no trades at all (an
    # empty rows list).
    wrong = {path: literal({"hbgen": "not a symbol"}) for path in symbol}
    mistyped = dict(replacements, **({} if message else wrong))
    if channel.rows:
        mistyped_event = fixture(channel.example, wrong if message else {}, rows=channel.rows, row_replacements=[mistyped])
        empty_event = fixture(channel.example, {**message, channel.rows: "[]"})
    else:
        mistyped_event, empty_event = fixture(example, mistyped), None
    return {
        "event": event,
        "mistyped_event": mistyped_event,
        "empty_event": empty_event,
        # What trade_message_from_exchange receives: one row of the message, or the message itself.
        "trade": fixture(example, replacements),
        "trade_id": trade_id,
        "price": price,
        "amount": amount,
        "timestamp": seconds,
    }


def symbol_replacement(spec: Spec, channel: Any, source: str) -> Dict[str, str]:
    """The field a message names its symbol at, with `source`: the channel's `symbol` path, or its route field
    written from the route template around the symbol."""
    template = routes.symbol_template(channel.route)
    if template is None:
        return {channel.symbol: source}
    before, after = template
    parts = ([literal(before)] if before else []) + [source] + ([literal(after)] if after else [])
    return {spec.public_ws.route_field: " + ".join(parts)}


def _routed_event(spec: Spec) -> Dict[str, str]:
    """The channel whose event the generic routing tests send (trades, else diffs, else snapshots): the test's
    method building it, its queue key, the test's variable for its queue, its description, and an event of no subscribed channel made from its example (another route
    value, or, routed by key, the example without the channel's key)."""
    channels = spec.public_ws.channels
    channel, method, queue_key, queue, kind = next(
        entry
        for entry in (
            (channels.trade, "_trade_event", "_trade_messages_queue_key", "trade_queue", "a trade"),
            (channels.order_book_diff, "_diff_event", "_diff_messages_queue_key", "diff_queue", "a book update"),
            (
                channels.order_book_snapshot,
                "_snapshot_event",
                "_snapshot_messages_queue_key",
                "snapshot_queue",
                "a book snapshot",
            ),
        )
        if entry[0] is not None
    )
    unknown = copy.deepcopy(channel.example)
    if routes.by_key(spec.public_ws, channel):
        fieldpath.delete(unknown, channel.route)
        unknown_event = fixture(unknown)
    else:
        unknown_event = fixture(unknown, {spec.public_ws.route_field: literal("hbgen-unknown-event")})
    return {"method": method, "queue_key": queue_key, "queue": queue, "kind": kind, "unknown_event": unknown_event}


def _topic(topic: Any, symbol: str) -> str:
    return template_value(topic, {"symbol": symbol, "symbol_lower": f"{symbol}.lower()", "symbols": symbol})


def _messages(spec: Spec, kind: str, symbol: str) -> List[str]:
    """The subscribe (or unsubscribe) messages for one pair, numbered from 1: one per subscribed channel, or one for
    all of them (`public_ws.subscribe.grouping`)."""
    subscribe = spec.public_ws.subscribe
    message = subscribe.message if kind == "subscribe" else subscribe.unsubscribe_message
    topics = [_topic(channel.topic, symbol) for _, channel, _ in subscribed_channels(spec)]
    if getattr(subscribe.grouping, kind) == "all_channels":
        grouped = [{"topics": "[" + ", ".join(topics) + "]"}]
    else:
        grouped = [
            {
                "topic": topic,
                "topics": f"[{topic}]",
                "route": literal(channel.route),
                "name": literal(channel_name(channel)),
            }
            for topic, (_, channel, _) in zip(topics, subscribed_channels(spec))
        ]
    sources = []
    for request_id, values in enumerate(grouped, start=FIRST_REQUEST_ID):
        values = dict(values, request_id=literal(request_id), time=literal(int(NOW)), time_ms=literal(NOW_MS))
        embedded = {
            "request_id": literal(str(request_id)),
            "time": literal(str(int(NOW))),
            "time_ms": literal(str(NOW_MS)),
        }
        sources.append(template_value(message, values, embedded))
    return sources


def _subscriptions(spec: Spec) -> Dict[str, Any]:
    public = spec.public_ws
    return {
        # One message per channel, in the order trades, order book diffs, order book snapshots (or one for all).
        "channel_subscriptions": _messages(spec, "subscribe", EXCHANGE_SYMBOL),
        "pair_subscriptions": _messages(spec, "subscribe", NEW_EXCHANGE_SYMBOL),
        "pair_unsubscriptions": _messages(spec, "unsubscribe", NEW_EXCHANGE_SYMBOL),
        "subscribe_response": fixture(public.example_subscribe_response),
        "patch_time": literal(NOW) if uses_time(spec) else None,
    }


def _keepalive(spec: Spec) -> Dict[str, Any]:
    public = spec.public_ws
    ping = public.ping
    values: Dict[str, Any] = {"ping": None, "server_ping": None}
    if ping:
        # The ping follows the subscriptions, which took the first request ids if their message numbers itself
        # (a subscribe message stamped with {time} takes none).
        numbered = uses(public.subscribe.message, "request_id")
        taken = len(_messages(spec, "subscribe", EXCHANGE_SYMBOL)) if numbered else 0

        def message(request_id: int) -> str:
            if isinstance(ping.message, str):
                return literal(ping.message)
            return template_value(
                ping.message,
                {"request_id": literal(request_id), "time": literal(int(NOW)), "time_ms": literal(NOW_MS)},
                {
                    "request_id": literal(str(request_id)),
                    "time": literal(str(int(NOW))),
                    "time_ms": literal(str(NOW_MS)),
                },
            )

        values["ping"] = {
            "after_last_sent": ping.schedule == "after_last_sent",
            # The clock reads this when the ping is sent (its {time}, {time_ms}).
            "now": literal(NOW),
            "text": isinstance(ping.message, str),
            "message": message(FIRST_REQUEST_ID + taken),
            # The ping of a connection that has sent nothing else (processing driven directly).
            "first_message": message(FIRST_REQUEST_ID),
        }
    values["server_ping"] = server_ping_test(public.server_ping)
    return values


def server_ping_test(server_ping: Any) -> Optional[Dict[str, str]]:
    """The documented server ping a test sends, and the reply it expects: the spec's reply with the ping's value."""
    if server_ping is None:
        return None
    ping_value = fieldpath.read(server_ping.example, server_ping.value or server_ping.when.field)
    return {
        "event": fixture(server_ping.example),
        "reply": template_value(server_ping.reply, {"ping": literal(ping_value)}),
    }


def _token(spec: Spec) -> Optional[Dict[str, Any]]:
    token = spec.public_ws.token
    if token is None:
        return None
    example = spec.endpoints[token.endpoint].example_response
    replacements = {
        token.token: literal(WS_TOKEN),
        token.server: literal(WS_SERVER),
    }
    interval = None
    if token.ping_interval:
        raw = UNITS_PER_SECOND[token.ping_interval.unit] * WS_PING_INTERVAL_S
        replacements[token.ping_interval.path] = _injected(example, token.ping_interval.path, str(raw))
        # The client pings at 80 % of the announced interval.
        interval = literal(WS_PING_INTERVAL_S * 0.8)
    # The connect id is unique per connection: the URL is checked up to it.
    prefix = token.connect_url.split("{connect_id}")[0].format(server=WS_SERVER, token=WS_TOKEN)
    return {
        "constant": spec.endpoints[token.endpoint].constant,
        "method": token.method.lower(),
        "response": fixture(example, replacements),
        "url_prefix": literal(prefix),
        "ping_interval": interval,
    }


def _last_traded_price(spec: Spec) -> Dict[str, str]:
    mapping = spec.markets.last_traded_price
    example = spec.endpoints[mapping.endpoint].example_response
    return {
        "response": fixture(example, {mapping.price: _injected(example, mapping.price, LAST_TRADED_PRICE)}),
        "price": literal(float(LAST_TRADED_PRICE)),
    }


def _bulk_last_traded_prices(spec: Spec) -> Optional[Dict[str, str]]:
    """`markets.last_traded_price.bulk`: every ticker in one response, of which the test asks three pairs: two the
    symbol map lists, one it does not (looked up under the symbol format's symbol) whose ticker has no price yet; a
    fourth ticker is not asked for."""
    bulk = spec.markets.last_traded_price.bulk
    if bulk is None:
        return None
    example = spec.endpoints[bulk.endpoint].example_response
    row = fieldpath.first_row(example, bulk.rows)
    documented = fieldpath.read(row, bulk.price)
    unmapped = _exchange_symbol(spec.markets.symbols.format, literal("UNMAPPED"), "self.quote_asset")
    other = _exchange_symbol(spec.markets.symbols.format, literal("OTHER"), "self.quote_asset")
    rows = [
        ("self.ex_trading_pair", _injected(row, bulk.price, LAST_TRADED_PRICE)),
        ("self.new_ex_trading_pair", _injected(row, bulk.price, BULK_LAST_TRADED_PRICE)),
        (unmapped, literal("" if isinstance(documented, str) else None)),
        (other, _injected(row, bulk.price, "1")),
    ]
    return {
        "path": path_source(spec.endpoints[bulk.endpoint], {}),
        "response": fixture(
            example,
            rows=bulk.rows,
            row_replacements=[{bulk.symbol: symbol, bulk.price: price} for symbol, price in rows],
        ),
        "unmapped_pair": f"{literal('UNMAPPED-')} + self.quote_asset",
        "price": literal(float(LAST_TRADED_PRICE)),
        "new_price": literal(float(BULK_LAST_TRADED_PRICE)),
    }


def _symbols(spec: Spec) -> Mapping[str, str]:
    symbol_format = spec.markets.symbols.format
    return {
        "ex_trading_pair": _exchange_symbol(symbol_format, "cls.base_asset", "cls.quote_asset"),
        "new_ex_trading_pair": _exchange_symbol(symbol_format, "cls.new_base_asset", "cls.quote_asset"),
    }


def _path(spec: Spec, endpoint: str) -> str:
    """A market request's path, filled in for the test's pair."""
    return path_source(spec.endpoints[endpoint], {"symbol": "self.ex_trading_pair"})


def uses_time(spec: Spec) -> bool:
    public = spec.public_ws
    messages = [public.subscribe.message, public.subscribe.unsubscribe_message]
    messages.append(public.ping and public.ping.message)
    return any(uses(message, name) for message in messages for name in ("time", "time_ms"))


def values(spec: Spec) -> Dict[str, Any]:
    trade = spec.public_ws.channels.trade
    return {
        "symbols": _symbols(spec),
        "snapshot": _snapshot(spec),
        "ws_snapshot": _ws_snapshot(spec),
        "diff": _diff(spec),
        "token": _token(spec),
        "received_at": literal(RECEIVED_AT),
        **_keepalive(spec),
        "sell_trade": _trade_event(spec, trade.side.sell_when) if trade else None,
        "buy_trade": _trade_event(spec, _buy_side_value(spec)) if trade else None,
        "routed": _routed_event(spec),
        "last_traded_price": _last_traded_price(spec),
        "bulk_last_traded_prices": _bulk_last_traded_prices(spec),
        "last_price_path": _path(spec, spec.markets.last_traded_price.endpoint),
        "snapshot_path": _path(spec, spec.markets.order_book_snapshot.endpoint),
        # The public websocket of each domain: its own URL, or the template on it.
        "public_ws_urls": literal(
            [
                (domain, spec.url_of("public_ws", domain))
                for domain in [spec.exchange.domains.default, *spec.exchange.domains.others]
            ]
        ),
        **_subscriptions(spec),
    }
