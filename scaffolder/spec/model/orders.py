"""`orders` and `user_stream.order_event` / `user_stream.fill_event`: placing, cancelling and tracking orders and
their fills."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional, Union

from pydantic import Field, model_validator

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
from scaffolder.spec.model.expect import (
    ExpectedCreation,
    ExpectedFill,
    ExpectedFillEvent,
    ExpectedOrderEvent,
    ExpectedStatus,
    rows_of,
)


class FeeAssetSource(Strict):
    """Where a fill's fee asset comes from: a field of the payload, or a rule when the exchange does not send it."""

    fee_asset: Optional[FieldPath] = Field(default=None, description="Field holding the asset the fee is paid in.")
    fee_asset_rule: Optional[Literal["quote", "received"]] = Field(
        default=None,
        description="quote: always the pair's quote asset (Bitstamp, Kraken); received: the asset the order "
        "receives, base for a buy and quote for a sell. With fee_asset too: the fallback when a payload lacks "
        "that field or leaves it empty.",
    )

    @model_validator(mode="after")
    def _some_fee_asset_source(self) -> "FeeAssetSource":
        if self.fee_asset is None and self.fee_asset_rule is None:
            raise ValueError(
                "give fee_asset (a field), fee_asset_rule (quote or received), or both (the rule then stands in "
                "for a missing or empty field)"
            )
        return self


class ClientOrderId(Strict):
    prefix: str = ""
    max_length: PositiveInt
    pattern: Optional[str] = Field(
        default=None,
        description="Regular expression the exchange's client ids must match (OKX: [A-Za-z0-9]{1,32}); the "
        "generated test checks Hummingbot's ids against it.",
    )
    numeric_bits: Optional[int] = Field(
        default=None,
        ge=16,
        le=64,
        description="The exchange takes client order ids as unsigned integers of this many bits (Backpack's uint32 "
        "clientId: 32): the connector makes numeric ids (Hummingbot's get_new_numeric_client_order_id) and sends "
        "a parameter that is exactly {client_order_id} as a JSON integer.",
    )


class OrderTypeEncoding(Strict):
    type: str
    time_in_force: Optional[str] = None
    params: Dict[str, JSON] = Field(
        default_factory=dict,
        description="Fixed parameters sent only with orders of this type (KuCoin LIMIT_MAKER: {postOnly: true}).",
    )


class Sides(Strict):
    BUY: str
    SELL: str


class StateCondition(Predicate):
    """A condition of a state rule: a Predicate, or `positive` (the field read as a Decimal is > 0, or == 0)."""

    positive: Optional[bool] = None


class StateRule(Strict):
    when: List[StateCondition] = Field(
        default_factory=list, description="Conditions that must all hold; empty: always (a final catch-all)."
    )
    state: Literal[ORDER_STATES]  # type: ignore[valid-type]


class TypeObject(Strict):
    """Parameters sent inside an object named after the order type (Coinbase's order_configuration)."""

    key: str = Field(description="The parameter holding the object (`order_configuration`).")
    params: List[str] = Field(
        min_length=1,
        description="The parameters moved into `{key: {<the type's name>: {...}}}` when the order has them: "
        "orders.create.params and orders.order_types.*.params keys.",
    )


class UnknownOutcome(Strict):
    """A placement error after which the order may or may not exist (Binance: HTTP 503 with "Unknown error, please
    check your request or try again later."; "execution status is UNKNOWN, could be a success")."""

    http_status: int = Field(ge=400, le=599, description="The HTTP status of the error response.")
    matches: List[str] = Field(
        min_length=1, description="Texts that must all occur in the error (its body) for the outcome to be unknown."
    )
    example: JSON = Field(description="The documented error body.")


class CreateOrder(Strict):
    endpoint: str
    method: Literal["POST"] = "POST"
    params: Dict[str, str]
    sides: Sides
    market_buy_amount: Literal["base", "quote"] = Field(
        default="base",
        description="quote: a MARKET BUY's {amount} is the quote amount to spend (price x amount), as on Gate.io.",
    )
    market_buy_param: Optional[str] = Field(
        default=None,
        description="With market_buy_amount: quote, the parameter carrying a MARKET BUY's quote amount in place of "
        "the {amount} parameter, which the market buy then leaves out (BitMart's notional); default: the {amount} "
        "parameter itself.",
    )
    type_object: Optional[TypeObject] = Field(
        default=None,
        description="Parameters sent inside an object keyed by the order type's name (Coinbase: "
        "{order_configuration: {limit_limit_gtc: {base_size, limit_price}}}).",
    )
    exchange_order_id: FieldPath
    timestamp: Optional[TimeField] = None
    unknown_outcome: Optional[UnknownOutcome] = Field(
        default=None,
        description="An error after which the order may exist: the order is tracked as open under the exchange "
        "order id UNKNOWN, and the status updates (asking by client order id) settle it.",
    )
    example_response: JSON
    expect: Optional[ExpectedCreation] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class CancelSuccess(Predicate):
    """A Predicate, or `contains`: the field is a list containing the given order id (template)."""

    contains: Optional[str] = None


class CancelOrder(Strict):
    endpoint: str
    method: Literal["DELETE", "POST", "PUT"]
    params: Dict[str, str]
    params_in: Optional[Literal["query", "body"]] = Field(
        default=None,
        description="Where the parameters travel: the body (default for POST and PUT) or the query (default for "
        "DELETE); Backpack cancels with a DELETE carrying a JSON body.",
    )
    list_params: List[str] = Field(
        default_factory=list,
        description="Parameters sent as a one-item list: a batch endpoint cancelling one order (Coinbase's "
        "batch_cancel {order_ids: [id]}).",
    )
    synchronous: bool
    success: CancelSuccess
    not_found_code: Optional[str] = Field(
        default=None,
        description="The exchange's documented code of the unknown-order error: the constant ORDER_NOT_FOUND_ON_CANCEL_CODE holds it "
        "(constant_names renames it), placed first among not_found_matches.",
    )
    not_found_matches: List[str] = Field(default_factory=list)
    not_found_example: Optional[JSON] = Field(default=None, description="Documented error body for an unknown order.")
    example_response: JSON


class OrderStatus(Strict):
    endpoint: str
    method: Literal["GET", "POST"] = "GET"
    params: Dict[str, str]
    min_interval: Optional[float] = Field(
        default=None,
        gt=0,
        description="Seconds: order statuses (and fills) are polled at most once per interval of this length "
        "(UPDATE_ORDER_STATUS_MIN_INTERVAL, Hummingbot's Binance, Backpack, Kraken: 10).",
    )
    state: Optional[FieldPath] = Field(
        default=None, description="Field looked up in orders.states (after state_rules, when both are given)."
    )
    state_rules: List[StateRule] = Field(
        default_factory=list, description="Ordered rules deriving the state from several fields; the first match wins."
    )
    client_order_id: FieldPath
    exchange_order_id: FieldPath
    timestamp: Optional[TimeField] = Field(
        default=None, description="The order's update time; without it, the connector's clock at the update."
    )
    not_found_code: Optional[str] = Field(
        default=None,
        description="The exchange's documented code of the unknown-order error: the constant ORDER_NOT_FOUND_ON_STATUS_CODE holds it "
        "(constant_names renames it), placed first among not_found_matches.",
    )
    not_found_matches: List[str] = Field(default_factory=list)
    not_found_example: Optional[JSON] = Field(default=None, description="Documented error body for an unknown order.")
    example_response: JSON
    expect: Optional[ExpectedStatus] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class BulkFills(Strict):
    """The fills of every tracked order from one request: the account's fills since a time, matched to the orders by
    exchange order id, instead of one request per order."""

    since_param: str = Field(
        description="The parameter carrying the time the fills are asked from: the latest fill seen, or the "
        "creation of the oldest order polled (KuCoin: startAt)."
    )
    since_unit: Literal["s", "ms", "us", "ns"] = Field(default="ms", description="The unit of that time.")
    params: Dict[str, JSON] = Field(
        default_factory=dict, description="Fixed parameters sent with it (KuCoin: {pageSize: 500})."
    )


class OrderFills(FeeAssetSource):
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
    negate_fee: bool = Field(default=False, description="The exchange reports a fee charged as a negative number.")
    timestamp: TimeField
    bulk: Optional[BulkFills] = Field(
        default=None,
        description="Hummingbot's periodic fill update asks for the fills of all orders at once (since a time); "
        "the per-order request (params) still serves order events with fetch_fills_when.",
    )
    example_response: JSON
    expect: Optional[rows_of(ExpectedFill)] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


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


class FillInEvent(FeeAssetSource):
    when: Predicate
    trade_id: FieldPath
    price: FieldPath
    amount: FieldPath
    fee_amount: FieldPath
    negate_fee: bool = Field(default=False, description="The exchange reports a fee charged as a negative number.")
    timestamp: TimeField


class OrderEvent(Strict):
    route: Union[str, List[str]] = Field(
        description="The value at user_stream.route_field of order events; a list: several event names carrying the "
        "same order shape (Coinbase Exchange's received, open, done...), each routed to the order event handler."
    )
    rows: Optional[FieldPath] = Field(
        default=None, description="Path to the list of orders an event carries; the other paths are read per row."
    )
    client_order_id: FieldPaths
    exchange_order_id: FieldPath
    state: Optional[FieldPath] = Field(default=None, description="Field looked up in orders.states.")
    state_rules: List[StateRule] = Field(
        default_factory=list, description="Ordered rules deriving the state from several fields; the first match wins."
    )
    timestamp: TimeField
    fill: Optional[FillInEvent] = None
    fetch_fills_when: Optional[Predicate] = Field(
        default=None,
        description="When it holds, the order's fills are requested over REST (orders.fills): for order events "
        "that report a fill without its fee.",
    )
    example: JSON
    expect: Optional[rows_of(ExpectedOrderEvent)] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class FillEvent(FeeAssetSource):
    """Fills sent in their own event, apart from order events (Gate.io spot.usertrades, Bybit execution)."""

    route: str
    rows: Optional[FieldPath] = Field(
        default=None, description="Path to the list of fills an event carries; the other paths are read per row."
    )
    client_order_id: FieldPath
    exchange_order_id: FieldPath
    trade_id: FieldPath
    price: FieldPath
    amount: FieldPath
    quote_amount: Optional[FieldPath] = Field(default=None, description="Read when given, else price x amount.")
    fee_amount: FieldPath
    negate_fee: bool = Field(default=False, description="The exchange reports a fee charged as a negative number.")
    timestamp: TimeField
    example: JSON
    expect: Optional[rows_of(ExpectedFillEvent)] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")
