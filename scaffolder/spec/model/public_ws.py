"""`public_ws` and `markets.order_book_snapshot`: the order book and trades."""

from __future__ import annotations

from typing import Dict, Literal, Optional, Union

from pydantic import Field, StrictInt, StrictStr

from scaffolder.spec.model.base import Compression, FieldPath, JSON, PositiveNumber, Predicate, Strict, TimeField
from scaffolder.spec.model.expect import ExpectedBook, ExpectedTrade, rows_of
from scaffolder.spec.model.ws_token import WsToken


class LevelSide(Strict):
    """Levels of both sides in one list, each naming its side (Coinbase's level2 `{"side": "bid", ...}`)."""

    field: FieldPath = Field(description="Where a level names its side, a path into one level (`side`).")
    bids: Union[StrictStr, StrictInt] = Field(description="The value marking a bid (`bid`).")
    asks: Union[StrictStr, StrictInt] = Field(description="The value marking an ask (`offer`).")


class BookLevel(Strict):
    price: FieldPath = Field(description="The level's price, a path into one level (`price`).")
    amount: FieldPath = Field(description="The level's amount, a path into one level (`qty`).")
    side: Optional[LevelSide] = Field(
        default=None,
        description="Each level names its side: a side keeps the levels marked with its value, so bids and asks may "
        "name the same list (Coinbase's level2 updates).",
    )


class OrderBookSnapshot(Strict):
    endpoint: str
    params: Dict[str, str] = Field(default_factory=dict)
    returns: Optional[FieldPath] = Field(
        default=None,
        description="_request_order_book_snapshot returns the object at this path of the response (Bybit: result) "
        "rather than the whole response; the other paths, written from the response's top, must lie under it and "
        "snapshot_message_from_exchange reads them in that object.",
    )
    update_id: FieldPath
    update_id_unit: Optional[Literal["ms", "s", "us", "ns"]] = Field(
        default=None,
        description="The update id is a timestamp in this unit: the book is keyed by it in whole seconds, as "
        "Hummingbot's OKX connector keys it.",
    )
    bids: FieldPath
    asks: FieldPath
    levels: Optional[BookLevel] = Field(
        default=None,
        description="Each book level is an object rather than a [price, amount, ...] list (Gemini's "
        "`{\"price\": \"3607.85\", \"amount\": \"6.643373\", \"timestamp\": \"1547147541\"}`): where its price "
        "and amount are.",
    )
    timestamp: Optional[TimeField] = Field(
        default=None, description="The snapshot's own time; without it, the local time of reception."
    )
    expect: Optional[ExpectedBook] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class SubscribeGrouping(Strict):
    subscribe: Literal["per_channel", "all_channels"] = Field(
        default="per_channel",
        description="per_channel: one subscribe message per channel; all_channels: one for every channel's topics.",
    )
    unsubscribe: Literal["per_channel", "all_channels"] = Field(
        default="per_channel",
        description="per_channel: one unsubscribe message per channel; all_channels: one for every channel's topics.",
    )


class SubscribeMessages(Strict):
    scope: Literal["all_pairs", "per_pair"] = Field(
        description="all_pairs: one message per channel for every pair; per_pair: one message per pair and channel."
    )
    message: JSON
    unsubscribe_message: JSON
    grouping: SubscribeGrouping = Field(
        default_factory=SubscribeGrouping,
        description="How the channels' topics are grouped into messages: per_channel (one message per channel) or "
        "all_channels (one message with every channel's topics, {topics}), for subscribing and unsubscribing apart.",
    )


ROUTE_DESCRIPTION = (
    "The value at public_ws.route_field that recognises the channel's messages, compared as route_match says; or a "
    "template holding {symbol} (`market.{symbol}.depth.step0`), matching the whole value and reading the symbol in it."
)
RouteMatch = Literal["equals", "prefix", "suffix", "contains", "key"]
CHANNEL_ROUTE_MATCH_DESCRIPTION = (
    "How this channel's route is matched, where it differs from public_ws.route_match (key: the channel's messages "
    "are those carrying its route as a key, whatever route_field holds)."
)
SYMBOL_DESCRIPTION = (
    "Where a message names its symbol; required unless the route is a template holding {symbol}, which reads it."
)


class TradeSide(Strict):
    field: FieldPath
    sell_when: Union[bool, str]


class TradeChannel(Strict):
    topic: JSON = Field(description="A pair's topic: a string or JSON template ({symbol}, {symbol_lower}, {symbols}).")
    name: Optional[str] = Field(
        default=None,
        description="The channel's name in the subscribe messages ({name}) where it differs from its route (Coinbase "
        "subscribes to level2 and receives l2_data); default: the route.",
    )
    route: str = Field(description=ROUTE_DESCRIPTION)
    route_match: Optional[RouteMatch] = Field(default=None, description=CHANNEL_ROUTE_MATCH_DESCRIPTION)
    when: Optional[Predicate] = Field(default=None, description="A second test the channel's messages pass.")
    rows: Optional[FieldPath] = Field(default=None, description="The list of trades a message carries, if any.")
    symbol: Optional[FieldPath] = Field(default=None, description=SYMBOL_DESCRIPTION)
    trade_id: FieldPath
    price: FieldPath
    amount: FieldPath
    timestamp: TimeField
    side: TradeSide
    example: JSON
    expect: Optional[rows_of(ExpectedTrade)] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


LEVELS_DESCRIPTION = (
    "Each book level is an object rather than a [price, amount, ...] list (Kraken's websocket v2 "
    "`{\"price\": 0.5666, \"qty\": 4831.75}`): where its price and amount are."
)


class DiffChannel(Strict):
    topic: JSON
    name: Optional[str] = Field(
        default=None,
        description="The channel's name in the subscribe messages ({name}) where it differs from its route (Coinbase "
        "subscribes to level2 and receives l2_data); default: the route.",
    )
    route: str = Field(description=ROUTE_DESCRIPTION)
    route_match: Optional[RouteMatch] = Field(default=None, description=CHANNEL_ROUTE_MATCH_DESCRIPTION)
    when: Optional[Predicate] = None
    symbol: Optional[FieldPath] = Field(default=None, description=SYMBOL_DESCRIPTION)
    first_update_id: Optional[FieldPath] = None
    update_id: FieldPath
    update_id_unit: Optional[Literal["ms", "s", "us", "ns"]] = Field(
        default=None,
        description="The update id is a timestamp in this unit: the book is keyed by it in whole seconds, as "
        "Hummingbot's OKX connector keys it.",
    )
    bids: FieldPath
    asks: FieldPath
    levels: Optional[BookLevel] = Field(default=None, description=LEVELS_DESCRIPTION)
    timestamp: TimeField
    example: JSON
    expect: Optional[ExpectedBook] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class SnapshotChannel(Strict):
    topic: Optional[JSON] = Field(
        default=None, description="Its own topic; without one, snapshots come on the order_book_diff subscription."
    )
    name: Optional[str] = Field(
        default=None,
        description="The channel's name in the subscribe messages ({name}) where it differs from its route (Coinbase "
        "subscribes to level2 and receives l2_data); default: the route.",
    )
    route: str = Field(description=ROUTE_DESCRIPTION)
    route_match: Optional[RouteMatch] = Field(default=None, description=CHANNEL_ROUTE_MATCH_DESCRIPTION)
    when: Optional[Predicate] = None
    symbol: Optional[FieldPath] = Field(default=None, description=SYMBOL_DESCRIPTION)
    update_id: FieldPath
    update_id_unit: Optional[Literal["ms", "s", "us", "ns"]] = Field(
        default=None,
        description="The update id is a timestamp in this unit: the book is keyed by it in whole seconds, as "
        "Hummingbot's OKX connector keys it.",
    )
    bids: FieldPath
    asks: FieldPath
    levels: Optional[BookLevel] = Field(default=None, description=LEVELS_DESCRIPTION)
    timestamp: Optional[TimeField] = Field(default=None, description="Without it, the local time of reception.")
    example: JSON
    expect: Optional[ExpectedBook] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class PublicChannels(Strict):
    trade: Optional[TradeChannel] = Field(
        default=None,
        description="Public trades; without them the connector follows the order book only (no trade messages, no "
        "trade tests).",
    )
    order_book_diff: Optional[DiffChannel] = None
    order_book_snapshot: Optional[SnapshotChannel] = None


PING_SCHEDULE_DESCRIPTION = (
    "fixed: a ping every interval while messages are processed; after_last_sent: a ping one interval after the "
    "last message the client sent (subscriptions included), measured with the data source's clock (self._time()), "
    "for servers that close a connection the client sent nothing on for an interval (KuCoin)."
)


class ClientPing(Strict):
    message: JSON = Field(
        description="A text sent as is, or a JSON template ({request_id}, {time} in seconds, {time_ms} in "
        "milliseconds)."
    )
    interval: PositiveNumber = Field(description="Seconds between pings (a token's ping_interval overrides it).")
    schedule: Literal["fixed", "after_last_sent"] = Field(default="fixed", description=PING_SCHEDULE_DESCRIPTION)


class ServerPing(Strict):
    when: Predicate = Field(description="Recognises the server's ping.")
    value: Optional[FieldPath] = Field(
        default=None,
        description="Where the ping's value ({ping}) is read, when not at when.field (HTX's private stream: data.ts "
        "of {action: ping, data: {ts: ...}}).",
    )
    reply: JSON = Field(description="A JSON template; {ping} is the value read at value, by default when.field.")
    example: JSON = Field(description="A documented server ping.")


# The lines the order book data source logs, in the words most of Hummingbot's connectors use.
PUBLIC_LOG_PLACEHOLDERS = {
    "subscribed": (),
    "subscribe_failed": (),
    "pair_subscribed": ("trading_pair",),
    "pair_subscribe_failed": ("trading_pair",),
    "pair_subscribe_not_connected": ("trading_pair",),
    "pair_unsubscribed": ("trading_pair",),
    "pair_unsubscribe_failed": ("trading_pair",),
    "pair_unsubscribe_not_connected": ("trading_pair",),
}


class PublicWsLogs(Strict):
    """What the order book data source logs when it subscribes, a template each ({trading_pair} for one pair's)."""

    subscribed: str = Field(
        default="Subscribed to public order book and trade channels...",
        description="INFO once _subscribe_channels has sent every subscription.",
    )
    subscribe_failed: str = Field(
        default="Unexpected error occurred subscribing to order book trading and delta streams...",
        description="ERROR (with the exception) when _subscribe_channels fails.",
    )
    pair_subscribed: str = Field(
        default="Subscribed to {trading_pair} order book and trade channels",
        description="INFO when subscribe_to_trading_pair has sent a pair's subscriptions.",
    )
    pair_subscribe_failed: str = Field(
        default="Error subscribing to {trading_pair}",
        description="ERROR (with the exception) when subscribe_to_trading_pair fails.",
    )
    pair_subscribe_not_connected: str = Field(
        default="Cannot subscribe to {trading_pair}: WebSocket not connected",
        description="WARNING when subscribe_to_trading_pair is called without a connection.",
    )
    pair_unsubscribed: str = Field(
        default="Unsubscribed from {trading_pair} order book and trade channels",
        description="INFO when unsubscribe_from_trading_pair has sent a pair's unsubscriptions.",
    )
    pair_unsubscribe_failed: str = Field(
        default="Error unsubscribing from {trading_pair}",
        description="ERROR (with the exception) when unsubscribe_from_trading_pair fails.",
    )
    pair_unsubscribe_not_connected: str = Field(
        default="Cannot unsubscribe from {trading_pair}: WebSocket not connected",
        description="WARNING when unsubscribe_from_trading_pair is called without a connection.",
    )


class PublicWs(Strict):
    heartbeat_interval: PositiveNumber = Field(description="Seconds between websocket protocol pings.")
    token: Optional[WsToken] = Field(default=None, description="Fetch the server and a token over REST first.")
    ping: Optional[ClientPing] = Field(default=None, description="A keepalive message the client sends.")
    server_ping: Optional[ServerPing] = Field(default=None, description="A server ping that needs a reply.")
    subscribe: SubscribeMessages
    route_field: Optional[FieldPath] = Field(
        default=None,
        description="Where a message names its channel, compared with each channel's route; required unless every "
        "channel is routed by key.",
    )
    queue_keys: Literal["hummingbot", "event_types"] = Field(
        default="hummingbot",
        description="The keys of the data source's message queues: Hummingbot's defaults (trade, order_book_diff, "
        "order_book_snapshot), or event_types: the channels' routes (TRADE_EVENT_TYPE, ...), as Hummingbot's "
        "Binance and Backpack data sources key them.",
    )
    route_match: RouteMatch = Field(
        default="equals",
        description="How the value at route_field is compared with each plain channel route: equal to it, starting "
        "with it, ending with it, or containing it (a route template holding {symbol} matches the whole value); "
        "key: a channel's messages are those carrying its route as a key (a field path). A channel's own "
        "route_match overrides it.",
    )
    channels: PublicChannels
    compression: Optional[Compression] = Field(
        default=None, description="Binary frames are compressed JSON: gzip, deflate (zlib) or raw_deflate."
    )
    logs: PublicWsLogs = Field(
        default_factory=PublicWsLogs,
        description="The wording of the lines the order book data source logs (Hummingbot's usual by default).",
    )
    example_subscribe_response: JSON
