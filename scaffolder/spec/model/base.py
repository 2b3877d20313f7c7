"""Shared building blocks of the spec model: names, numbers, field paths, predicates, timestamps."""

from __future__ import annotations

import keyword
import re
from typing import Annotated, Any, List, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*")

# The constants every generated NAME_constants.py may define, by their default names; `constant_names` renames them
# (Hummingbot's connectors name the same values differently: CLIENT_ID_PREFIX, MAX_ID_LEN, USER_ORDERS_ENDPOINT_NAME).
NAMED_CONSTANTS = (
    "HBOT_ORDER_ID_PREFIX",
    "MAX_ORDER_ID_LEN",
    "CLIENT_ORDER_ID_BITS",
    "PARTNER_ID",
    "PARTNER_KEY",
    "REST_URL",
    "PUBLIC_API_VERSION",
    "PRIVATE_API_VERSION",
    "WSS_URL",
    "WSS_PRIVATE_URL",
    "WS_HEARTBEAT_TIME_INTERVAL",
    "PUBLIC_WS_PING_INTERVAL",
    "PUBLIC_WS_PING_MESSAGE",
    "USER_STREAM_PING_INTERVAL",
    "LISTEN_KEY_KEEPALIVE_INTERVAL",
    "EXCHANGE_INFO_PARAMS",
    "SIDE_BUY",
    "SIDE_SELL",
    "ORDER_TYPE_NAMES",
    "TIME_IN_FORCE",
    "ORDER_TYPE_PARAMS",
    "ORDER_STATE",
    "TRADE_EVENT_TYPE",
    "DIFF_EVENT_TYPE",
    "SNAPSHOT_EVENT_TYPE",
    "USER_ORDER_EVENT_TYPE",
    "USER_FILL_EVENT_TYPE",
    "USER_BALANCE_EVENT_TYPE",
    "USER_STREAM_SUBSCRIBE_METHOD",
    "TIMESTAMP_ERROR_CODE",
    "TRADING_FEES_SYMBOL_LIMIT",
    "TIMESTAMP_ERROR_MATCHES",
    "ORDER_NOT_FOUND_ON_STATUS_CODE",
    "ORDER_NOT_FOUND_ON_STATUS_MATCHES",
    "ORDER_NOT_FOUND_ON_CANCEL_CODE",
    "ORDER_NOT_FOUND_ON_CANCEL_MATCHES",
    "UNKNOWN_ORDER_OUTCOME_MATCHES",
)
# Names the generated constants module always uses under these names (Hummingbot's framework expects them).
FIXED_CONSTANTS = ("DEFAULT_DOMAIN", "RATE_LIMITS")
# The constant of the tiers' limits, with `rate_limits.tiers`: {tier: {limit id: (limit, interval)}}.
TIER_LIMITS_CONSTANT = "TIER_RATE_LIMITS"


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


class Predicate(Strict):
    """A test on one field of a payload: exactly one of equals / one_of / truthy."""

    field: FieldPath
    equals: Optional[Union[str, int, bool]] = None
    one_of: Optional[List[Union[str, int]]] = None
    truthy: Optional[bool] = None


class SymbolCondition(Predicate):
    """A condition on a symbol row (`markets.symbols.valid_when`): also `contains`, for list fields."""

    contains: Optional[Union[str, int]] = Field(
        default=None,
        description="The field is a list holding this value, or a list of lists one of which holds it (Binance's "
        "permissionSets: [[SPOT, MARGIN]]).",
    )


def all_of(conditions: Any) -> List[Predicate]:
    """One condition or a list of them (all must hold), as a list; none for None."""
    if conditions is None:
        return []
    return list(conditions) if isinstance(conditions, list) else [conditions]


def contained(predicate: Predicate) -> Optional[Union[str, int]]:
    """The value a `contains` condition looks for (symbol conditions only), else None."""
    return getattr(predicate, "contains", None)


def nested_lists(value: Any) -> bool:
    """A documented list of lists (permission sets), which `contains` searches one level down."""
    return isinstance(value, list) and bool(value) and all(isinstance(entry, list) for entry in value)


def _check_pair(value: Optional[str]) -> Optional[str]:
    if value is not None and not PAIR.fullmatch(value):
        raise ValueError(f"expected BASE-QUOTE in upper case, found {value!r}")
    return value


# How compressed websocket frames are inflated: gzip (RFC 1952), deflate with its zlib header (RFC 1950), raw
# deflate (RFC 1951, no header).
Compression = Literal["gzip", "deflate", "raw_deflate"]
