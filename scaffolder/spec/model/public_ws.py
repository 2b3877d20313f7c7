"""`public_ws` and `markets.order_book_snapshot`: the order book and trades."""

from __future__ import annotations

from typing import Dict, Literal, Optional, Union

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, JSON, PositiveNumber, Strict, TimeField


class OrderBookSnapshot(Strict):
    endpoint: str
    params: Dict[str, str] = Field(default_factory=dict)
    update_id: FieldPath
    bids: FieldPath
    asks: FieldPath


class SubscribeMessages(Strict):
    scope: Literal["all_pairs"] = Field(description="all_pairs: one message per channel listing every pair's topic.")
    message: JSON
    unsubscribe_message: JSON


class TradeSide(Strict):
    field: FieldPath
    sell_when: Union[bool, str]


class TradeChannel(Strict):
    topic: str
    route: str
    symbol: FieldPath
    trade_id: FieldPath
    price: FieldPath
    amount: FieldPath
    timestamp: TimeField
    side: TradeSide
    example: JSON


class DiffChannel(Strict):
    topic: str
    route: str
    symbol: FieldPath
    first_update_id: Optional[FieldPath] = None
    update_id: FieldPath
    bids: FieldPath
    asks: FieldPath
    timestamp: TimeField
    example: JSON


class PublicChannels(Strict):
    trade: TradeChannel
    order_book_diff: DiffChannel


class PublicWs(Strict):
    heartbeat_interval: PositiveNumber = Field(description="Seconds between websocket protocol pings.")
    subscribe: SubscribeMessages
    route_field: FieldPath
    channels: PublicChannels
    example_subscribe_response: JSON
