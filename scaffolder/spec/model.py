"""The exchange spec language: a strict pydantic model of `specs/NAME.yaml`.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored option. Cross-field
rules (references between sections) live in `validate.py`; this module only describes shapes.
"""

from __future__ import annotations

import keyword
import re
from decimal import Decimal
from typing import Annotated, Any, Dict, List, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*")
PAIR = re.compile(r"[A-Z0-9]+-[A-Z0-9]+")
# Names the generated code already uses where a credential name becomes a parameter or attribute.
RESERVED_NAMES = {"self", "time_provider", "domain", "trading_pairs", "trading_required"}


def is_identifier(value: str) -> bool:
    """A lowercase Python identifier that is not a keyword (names become modules, classes and parameters)."""
    return bool(IDENTIFIER.fullmatch(value)) and not keyword.iskeyword(value)


def _reject_bool(value: Any) -> Any:
    # YAML's true/false would otherwise pass as 1/0 where a number is required.
    if isinstance(value, bool):
        raise ValueError(f"expected a number, found {str(value).lower()}")
    return value


PositiveInt = Annotated[int, BeforeValidator(_reject_bool), Field(gt=0)]
PositiveNumber = Annotated[float, BeforeValidator(_reject_bool), Field(gt=0)]

# Hummingbot's OrderState members a spec may map exchange states to.
ORDER_STATES = ("PENDING_CREATE", "OPEN", "PARTIALLY_FILLED", "FILLED", "PENDING_CANCEL", "CANCELED", "FAILED")
# Hummingbot's OrderType members a spec may support.
ORDER_TYPES = ("LIMIT", "LIMIT_MAKER", "MARKET")

# A field path into a JSON payload: `a.b[0].c`, with list selection `filters[filterType=LOT_SIZE]` and
# alternatives `filters[filterType=MIN_NOTIONAL|NOTIONAL]`. See fieldpath.py for the grammar.
FieldPath = str
# Several paths: the first non-empty value wins (`[C, c]` reads C, falling back to c).
FieldPaths = Union[FieldPath, List[FieldPath]]
JSON = Any


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimeField(Strict):
    """A timestamp read from a payload, in the unit the exchange sends."""

    path: FieldPath
    unit: Literal["ms", "s", "us", "ns"] = "ms"


class Fees(Strict):
    maker_percent: Decimal = Field(description="Maker fee as a fraction (0.001 is 0.1%).")
    taker_percent: Decimal = Field(description="Taker fee as a fraction.")
    buy_percent_fee_deducted_from_returns: bool = False


def _check_pair(value: Optional[str]) -> Optional[str]:
    if value is not None and not PAIR.fullmatch(value):
        raise ValueError(f"expected BASE-QUOTE in upper case, found {value!r}")
    return value


class OtherDomain(Strict):
    example_pair: Optional[str] = None

    _pair = field_validator("example_pair")(_check_pair)


class Domains(Strict):
    default: str = Field(description="Substituted for {domain} in the URLs of the main connector.")
    others: Dict[str, OtherDomain] = Field(
        default_factory=dict, description="Further domains, each offered by Hummingbot as connector NAME_DOMAIN."
    )


class Exchange(Strict):
    name: str = Field(description="Connector name: a lowercase Python identifier (binance, gate_io).")
    display_name: str
    docs_url: Optional[str] = None
    centralized: bool = True
    example_pair: str = Field(description="A trading pair shown as an example to Hummingbot users (BASE-QUOTE).")
    domains: Domains
    fees: Fees

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not is_identifier(value):
            raise ValueError(
                f"expected a lowercase identifier such as 'my_exchange' (not a Python keyword), found {value!r}"
            )
        return value

    _pair = field_validator("example_pair")(_check_pair)


class Urls(Strict):
    rest: str = Field(description="REST base URL; {domain} is replaced by the connector's domain.")
    public_ws: str
    private_ws: str

    @field_validator("rest")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not re.fullmatch(r"https?://[^\s/]+[^\s]*", value):
            raise ValueError(f"expected an absolute http(s):// URL without spaces, found {value!r}")
        return value

    @field_validator("public_ws", "private_ws")
    @classmethod
    def _ws_url(cls, value: str) -> str:
        if not re.fullmatch(r"wss?://[^\s/]+[^\s]*", value):
            raise ValueError(f"expected an absolute ws(s):// URL without spaces, found {value!r}")
        return value


class Credential(Strict):
    name: str = Field(description="Key name; the config field is NAME_<name> (binance_api_key).")
    prompt: str

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not is_identifier(value) or value in RESERVED_NAMES:
            raise ValueError(
                f"expected a lowercase identifier, not a keyword nor one of {sorted(RESERVED_NAMES)}, found {value!r}"
            )
        return value


class TimestampParam(Strict):
    param: str
    unit: Literal["ms", "s"] = "ms"


class RestAuth(Strict):
    scheme: Literal["hmac_params"] = Field(
        description="hmac_params: sign the urlencoded request parameters (with the timestamp) and append the "
        "signature as a parameter: query string for GET/DELETE, form body for POST/PUT."
    )
    algorithm: Literal["sha256", "sha384", "sha512"] = "sha256"
    encoding: Literal["hex", "base64"] = "hex"
    secret: str = Field(description="The credential used as the HMAC key.")
    timestamp: TimestampParam
    signature_param: str
    headers: Dict[str, str] = Field(default_factory=dict, description="Headers added to signed requests.")


class TimeSync(Strict):
    endpoint: str = Field(description="Endpoint returning the server time.")
    server_time: FieldPath
    unit: Literal["ms", "s"] = "ms"
    error_matches: List[str] = Field(
        default_factory=list, description="Substrings that together identify a timestamp error; it triggers a resync."
    )
    error_example: Optional[JSON] = Field(default=None, description="The documented body of that error.")


class Predicate(Strict):
    """A test on one field of a payload: exactly one of equals / one_of / truthy."""

    field: FieldPath
    equals: Optional[Union[str, int, bool]] = None
    one_of: Optional[List[Union[str, int]]] = None
    truthy: Optional[bool] = None


class PrivateWsAuth(Strict):
    scheme: Literal["signed_subscribe"] = Field(
        description="signed_subscribe: one request carrying api key, timestamp and an HMAC over the alphabetically "
        "sorted parameters subscribes the connection to the user data stream."
    )
    method: str
    api_key_param: str
    timestamp_param: str
    signature_param: str
    success: Predicate
    event_envelope: Optional[str] = Field(default=None, description="Key that wraps each event, if any.")


class Auth(Strict):
    rest: RestAuth
    time_sync: Optional[TimeSync] = None
    private_ws: PrivateWsAuth


class Pool(Strict):
    id: str = Field(description="Pool name, also the name of its constant (REQUEST_WEIGHT).")
    limit: PositiveInt
    interval: PositiveNumber = Field(description="Window in seconds.")


    @field_validator("id")
    @classmethod
    def _constant(cls, value: str) -> str:
        if not CONSTANT.fullmatch(value):
            raise ValueError(f"expected an UPPER_CASE name, found {value!r}")
        return value


class EndpointLimit(Strict):
    limit: PositiveInt
    interval: PositiveNumber


class RateLimits(Strict):
    pools: List[Pool] = Field(default_factory=list)
    endpoint_default: EndpointLimit


class Endpoint(Strict):
    path: str
    constant: str = Field(description="Name of the path constant in NAME_constants.py (ORDER_PATH_URL).")
    limit: Optional[EndpointLimit] = None
    weights: Dict[str, PositiveInt] = Field(
        default_factory=dict, description="Weight taken from each pool per request."
    )
    example_response: Optional[JSON] = None

    @field_validator("constant")
    @classmethod
    def _constant(cls, value: str) -> str:
        if not CONSTANT.fullmatch(value) or not value.endswith("_PATH_URL"):
            raise ValueError(f"expected an UPPER_CASE name ending in _PATH_URL, found {value!r}")
        return value


class SymbolFormat(Strict):
    separator: str = ""
    case: Literal["upper", "lower"] = "upper"


class Symbols(Strict):
    endpoint: str
    rows: FieldPath
    symbol: FieldPath
    base: FieldPath
    quote: FieldPath
    format: SymbolFormat
    valid_when: List[Predicate] = Field(default_factory=list)


class TradingRules(Strict):
    endpoint: str
    min_order_size: FieldPath
    min_price_increment: FieldPath
    min_base_amount_increment: FieldPath
    min_notional_size: Optional[FieldPath] = None


class LastTradedPrice(Strict):
    endpoint: str
    params: Dict[str, str] = Field(default_factory=dict)
    price: FieldPath


class OrderBookSnapshot(Strict):
    endpoint: str
    params: Dict[str, str] = Field(default_factory=dict)
    update_id: FieldPath
    bids: FieldPath
    asks: FieldPath


class Markets(Strict):
    check_network: str
    symbols: Symbols
    trading_rules: TradingRules
    last_traded_price: LastTradedPrice
    order_book_snapshot: OrderBookSnapshot


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
        default=None, description="The exchange's open-orders endpoint (a checklist row; the connector tracks orders itself)."
    )


class Balances(Strict):
    endpoint: str
    rows: FieldPath
    asset: FieldPath
    available: FieldPath
    locked: Optional[FieldPath] = None
    total: Optional[FieldPath] = None


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


class BalanceEvent(Strict):
    route: str
    rows: FieldPath
    asset: FieldPath
    available: FieldPath
    locked: Optional[FieldPath] = None
    total: Optional[FieldPath] = None
    example: JSON


class UserStream(Strict):
    route_field: FieldPath
    order_event: OrderEvent
    balance_event: Optional[BalanceEvent] = None
    example_subscribe_response: JSON


class Spec(Strict):
    spec_version: Literal[1]
    exchange: Exchange
    urls: Urls
    credentials: List[Credential] = Field(min_length=1)
    auth: Auth
    rate_limits: RateLimits
    endpoints: Dict[str, Endpoint]
    markets: Markets
    orders: Orders
    balances: Optional[Balances] = Field(default=None, description="Required to generate; see hbgen checklist.")
    public_ws: PublicWs
    user_stream: UserStream
