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
from typing import Any, Dict, List, Mapping, Tuple

from scaffolder.fixtures import fixture
from scaffolder.pysource import literal, template_string, template_value
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec, SymbolFormat, TimeField

EXCHANGE_SYMBOL = "self.ex_trading_pair"
NEW_EXCHANGE_SYMBOL = "self.new_ex_trading_pair"

# The test's values, written as decimal strings and sent in the JSON type of the documented field they replace.
SNAPSHOT_UPDATE_ID = "1001"
SNAPSHOT_BID = ("10.5", "1.25")
SNAPSHOT_ASK = ("10.75", "2.5")
DIFF_FIRST_UPDATE_ID = "2001"
DIFF_UPDATE_ID = "2005"
DIFF_BID = ("10.25", "3.5")
DIFF_ASK = ("11", "0.5")
TRADE_ID = "3001"
TRADE_PRICE = "10.625"
TRADE_AMOUNT = "0.375"
LAST_TRADED_PRICE = "10.875"
# 2023-11-14T22:13:20.250Z; every unit below seconds holds it exactly, and so does a float once converted.
EVENT_TIME_MS = 1700000000250
MS_TO_UNIT = {"ms": 1, "us": 10**3, "ns": 10**6}

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


def _event_time(example: Any, time_field: TimeField) -> Tuple[str, str]:
    """(source of the event time injected in the spec's unit, source of the same instant in seconds)."""
    if time_field.unit == "s":
        seconds = EVENT_TIME_MS // 1000
        raw = str(seconds)
    else:
        seconds = EVENT_TIME_MS / 1000
        raw = str(EVENT_TIME_MS * MS_TO_UNIT[time_field.unit])
    return _injected(example, time_field.path, raw), literal(float(seconds))


def _single_row_example(example: Any, rows_paths: List[str]) -> Any:
    """The example with each order book side reduced to its first documented row, to receive one test row each."""
    payload = copy.deepcopy(example)
    for path in rows_paths:
        del fieldpath.read(payload, path)[1:]
    return payload


def _row(example: Any, rows_path: str, entry: Tuple[str, str], update_id: str) -> Tuple[Dict[str, str], Dict[str, str]]:
    """Replacements putting one [price, amount] entry as the first row at `rows_path`, and the OrderBookRow expected."""
    price, amount = entry
    replacements = {
        f"{rows_path}[0][0]": _injected(example, f"{rows_path}[0][0]", price),
        f"{rows_path}[0][1]": _injected(example, f"{rows_path}[0][1]", amount),
    }
    expected = {"price": literal(float(price)), "amount": literal(float(amount)), "update_id": update_id}
    return replacements, expected


def _exchange_symbol(symbol_format: SymbolFormat, base: str, quote: str) -> str:
    """Source building an exchange symbol from the test's asset variables, as the spec's symbol format says."""
    parts = [base] + ([literal(symbol_format.separator)] if symbol_format.separator else []) + [quote]
    joined = " + ".join(parts)
    return f"({joined}).lower()" if symbol_format.case == "lower" else joined


def _topics(topic_templates: List[str], symbol: str) -> str:
    values = {"symbol": symbol, "symbol_lower": f"{symbol}.lower()"}
    return "[" + ", ".join(template_string(topic, values) for topic in topic_templates) + "]"


def _message(message: Any, topics: str, request_id: int) -> str:
    return template_value(message, {"topics": topics, "request_id": literal(request_id)})


def _snapshot(spec: Spec) -> Dict[str, Any]:
    mapping = spec.markets.order_book_snapshot
    endpoint = spec.endpoints[mapping.endpoint]
    example = _single_row_example(endpoint.example_response, [mapping.bids, mapping.asks])
    update_id = _injected(example, mapping.update_id, SNAPSHOT_UPDATE_ID)
    bid_replacements, bid = _row(example, mapping.bids, SNAPSHOT_BID, update_id)
    ask_replacements, ask = _row(example, mapping.asks, SNAPSHOT_ASK, update_id)
    params = {"symbol": EXCHANGE_SYMBOL}
    return {
        "response": fixture(example, {mapping.update_id: update_id, **bid_replacements, **ask_replacements}),
        "request_params": "{"
        + ", ".join(f"{literal(key)}: {template_string(text, params)}" for key, text in mapping.params.items())
        + "}",
        "update_id": update_id,
        "bid": bid,
        "ask": ask,
    }


def _diff(spec: Spec) -> Dict[str, Any]:
    channel = spec.public_ws.channels.order_book_diff
    example = _single_row_example(channel.example, [channel.bids, channel.asks])
    update_id = _injected(example, channel.update_id, DIFF_UPDATE_ID)
    event_time, seconds = _event_time(example, channel.timestamp)
    replacements: Dict[str, str] = {
        channel.symbol: EXCHANGE_SYMBOL,
        channel.update_id: update_id,
        channel.timestamp.path: event_time,
    }
    # Without a first update id in the updates, Hummingbot takes the update id for it.
    first_update_id = update_id
    if channel.first_update_id:
        first_update_id = _injected(example, channel.first_update_id, DIFF_FIRST_UPDATE_ID)
        replacements[channel.first_update_id] = first_update_id
    bid_replacements, bid = _row(example, channel.bids, DIFF_BID, update_id)
    ask_replacements, ask = _row(example, channel.asks, DIFF_ASK, update_id)
    return {
        "event": fixture(example, {**replacements, **bid_replacements, **ask_replacements}),
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
    example = channel.example
    event_time, seconds = _event_time(example, channel.timestamp)
    trade_id = _injected(example, channel.trade_id, TRADE_ID)
    price = _injected(example, channel.price, TRADE_PRICE)
    amount = _injected(example, channel.amount, TRADE_AMOUNT)
    replacements = {
        channel.symbol: EXCHANGE_SYMBOL,
        channel.trade_id: trade_id,
        channel.price: price,
        channel.amount: amount,
        channel.timestamp.path: event_time,
        channel.side.field: literal(side_value),
    }
    return {
        "event": fixture(example, replacements),
        "trade_id": trade_id,
        "price": price,
        "amount": amount,
        "timestamp": seconds,
    }


def _subscriptions(spec: Spec) -> Dict[str, Any]:
    public = spec.public_ws
    channels = public.channels
    trade_topic, diff_topic = channels.trade.topic, channels.order_book_diff.topic
    subscribe, unsubscribe = public.subscribe.message, public.subscribe.unsubscribe_message
    pair_topics = _topics([trade_topic, diff_topic], NEW_EXCHANGE_SYMBOL)
    return {
        # One message per channel, in the order trades then order book diffs.
        "channel_subscriptions": [
            _message(subscribe, _topics([trade_topic], EXCHANGE_SYMBOL), FIRST_REQUEST_ID),
            _message(subscribe, _topics([diff_topic], EXCHANGE_SYMBOL), FIRST_REQUEST_ID + 1),
        ],
        "pair_subscription": _message(subscribe, pair_topics, FIRST_REQUEST_ID),
        "pair_unsubscription": _message(unsubscribe, pair_topics, FIRST_REQUEST_ID),
        "subscribe_response": fixture(public.example_subscribe_response),
    }


def _last_traded_price(spec: Spec) -> Dict[str, str]:
    mapping = spec.markets.last_traded_price
    example = spec.endpoints[mapping.endpoint].example_response
    return {
        "response": fixture(example, {mapping.price: _injected(example, mapping.price, LAST_TRADED_PRICE)}),
        "price": literal(float(LAST_TRADED_PRICE)),
    }


def _symbols(spec: Spec) -> Mapping[str, str]:
    symbol_format = spec.markets.symbols.format
    return {
        "ex_trading_pair": _exchange_symbol(symbol_format, "cls.base_asset", "cls.quote_asset"),
        "new_ex_trading_pair": _exchange_symbol(symbol_format, "cls.new_base_asset", "cls.quote_asset"),
    }


def values(spec: Spec) -> Dict[str, Any]:
    sell_when = spec.public_ws.channels.trade.side.sell_when
    return {
        "symbols": _symbols(spec),
        "snapshot": _snapshot(spec),
        "diff": _diff(spec),
        "sell_trade": _trade_event(spec, sell_when),
        "buy_trade": _trade_event(spec, _buy_side_value(spec)),
        "last_traded_price": _last_traded_price(spec),
        **_subscriptions(spec),
    }
