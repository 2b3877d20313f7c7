"""`orders` and `user_stream.order_event`: placing, cancelling and tracking orders and their fills."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional

from pydantic import Field

from scaffolder.spec.model.base import (
    FieldPath,
    FieldPaths,
    JSON,
    ORDER_STATES,
    PositiveInt,
    Predicate,
    Strict,
    TimeField,
)


class ClientOrderId(Strict):
    prefix: str = ""
    max_length: PositiveInt


class OrderTypeEncoding(Strict):
    type: str
    time_in_force: Optional[str] = None


class Sides(Strict):
    BUY: str
    SELL: str


class CreateOrder(Strict):
    endpoint: str
    method: Literal["POST"] = "POST"
    params: Dict[str, str]
    sides: Sides
    exchange_order_id: FieldPath
    timestamp: Optional[TimeField] = None
    example_response: JSON


class CancelOrder(Strict):
    endpoint: str
    method: Literal["DELETE", "POST", "PUT"]
    params: Dict[str, str]
    synchronous: bool
    success: Predicate
    not_found_matches: List[str] = Field(default_factory=list)
    not_found_example: Optional[JSON] = Field(default=None, description="Documented error body for an unknown order.")
    example_response: JSON


class OrderStatus(Strict):
    endpoint: str
    method: Literal["GET", "POST"] = "GET"
    params: Dict[str, str]
    state: FieldPath
    client_order_id: FieldPath
    exchange_order_id: FieldPath
    timestamp: TimeField
    not_found_matches: List[str] = Field(default_factory=list)
    not_found_example: Optional[JSON] = Field(default=None, description="Documented error body for an unknown order.")
    example_response: JSON


class OrderFills(Strict):
    endpoint: str
    method: Literal["GET", "POST"] = "GET"
    params: Dict[str, str]
    rows: FieldPath = Field(description="Path to the list of fills; empty when the response is the list itself.")
    trade_id: FieldPath
    exchange_order_id: FieldPath
    price: FieldPath
    amount: FieldPath
    quote_amount: Optional[FieldPath] = Field(default=None, description="Read when given, else price x amount.")
    fee_amount: FieldPath
    fee_asset: FieldPath
    timestamp: TimeField
    example_response: JSON


class OpenOrders(Strict):
    endpoint: str


class Orders(Strict):
    client_order_id: ClientOrderId
    order_types: Dict[Literal["LIMIT", "LIMIT_MAKER", "MARKET"], OrderTypeEncoding]
    create: CreateOrder
    cancel: CancelOrder
    status: OrderStatus
    states: Dict[str, Literal[ORDER_STATES]]  # type: ignore[valid-type]
    fills: OrderFills
    open_orders: Optional[OpenOrders] = Field(
        default=None,
        description="The exchange's open-orders endpoint (a checklist row; the connector tracks orders itself).",
    )


class FillInEvent(Strict):
    when: Predicate
    trade_id: FieldPath
    price: FieldPath
    amount: FieldPath
    fee_amount: FieldPath
    fee_asset: FieldPath
    timestamp: TimeField


class OrderEvent(Strict):
    route: str
    client_order_id: FieldPaths
    exchange_order_id: FieldPath
    state: FieldPath
    timestamp: TimeField
    fill: Optional[FillInEvent] = None
    example: JSON
