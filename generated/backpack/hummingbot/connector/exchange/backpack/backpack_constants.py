"""Constants of the Backpack connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import LinkedLimitWeightPair, RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "exchange"

HBOT_ORDER_ID_PREFIX = ""
MAX_ORDER_ID_LEN = 32
# The exchange takes client order ids as unsigned integers of this many bits.
CLIENT_ORDER_ID_BITS = 32

# Base URLs; {} is replaced by the connector's domain. With BACKPACK_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("BACKPACK_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}/" if LOCAL_API_HOST else "https://api.backpack.{}/"
WSS_URL = f"ws://{LOCAL_API_HOST}/" if LOCAL_API_HOST else "wss://ws.backpack.{}/"
WSS_PRIVATE_URL = f"ws://{LOCAL_API_HOST}/" if LOCAL_API_HOST else "wss://ws.backpack.{}/"
WS_HEARTBEAT_TIME_INTERVAL = 60.0

# REST paths
PING_PATH_URL = "api/v1/ping"
SERVER_TIME_PATH_URL = "api/v1/time"
EXCHANGE_INFO_PATH_URL = "api/v1/markets"
TICKER_PRICE_CHANGE_PATH_URL = "api/v1/ticker"
SNAPSHOT_PATH_URL = "api/v1/depth"
ORDER_PATH_URL = "api/v1/order"
OPEN_ORDERS_PATH_URL = "api/v1/orders"
BALANCE_PATH_URL = "api/v1/capital"
MY_TRADES_PATH_URL = "wapi/v1/history/fills"

# Order vocabulary
SIDE_BUY = "Bid"
SIDE_SELL = "Ask"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "Limit",
    OrderType.LIMIT_MAKER: "Limit",
    OrderType.MARKET: "Market",
}
TIME_IN_FORCE = {
    OrderType.LIMIT: "GTC",
    OrderType.LIMIT_MAKER: "GTC",
}
# Parameters sent only with orders of a type
ORDER_TYPE_PARAMS = {
    OrderType.LIMIT_MAKER: {"postOnly": True},
}

ORDER_STATE = {
    "New": OrderState.OPEN,
    "PartiallyFilled": OrderState.PARTIALLY_FILLED,
    "Filled": OrderState.FILLED,
    "Cancelled": OrderState.CANCELED,
    "Expired": OrderState.CANCELED,
    "TriggerPending": OrderState.PENDING_CREATE,
    "TriggerFailed": OrderState.FAILED,
}

# Websocket event types
TRADE_EVENT_TYPE = "trade"
DIFF_EVENT_TYPE = "depth"
ALL_ORDERS_CHANNEL = "account.orderUpdate"

# Substrings that, all present in an error, identify it
TIMESTAMP_ERROR_MATCHES = [("INVALID_CLIENT_REQUEST",), ("Request has expired", "timestamp")]
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["RESOURCE_NOT_FOUND", "Not Found"]
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = ["RESOURCE_NOT_FOUND", "Not Found"]
# A failed order placement whose error has all these may still have placed the order: it is tracked under
# UNKNOWN_EXCHANGE_ORDER_ID until a status update names it.
UNKNOWN_ORDER_OUTCOME_MATCHES = ["HTTP status is 503.", "Unknown error, please check your request or try again later."]
UNKNOWN_EXCHANGE_ORDER_ID = "UNKNOWN"

# Rate limit pools
GLOBAL = "GLOBAL"

RATE_LIMITS = [
    RateLimit(limit_id=GLOBAL, limit=2000, time_interval=60.0),
    RateLimit(
        limit_id=PING_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
    RateLimit(
        limit_id=SERVER_TIME_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
    RateLimit(
        limit_id=EXCHANGE_INFO_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
    RateLimit(
        limit_id=TICKER_PRICE_CHANGE_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
    RateLimit(
        limit_id=SNAPSHOT_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
    RateLimit(
        limit_id=OPEN_ORDERS_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
    RateLimit(
        limit_id=BALANCE_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
    RateLimit(
        limit_id=MY_TRADES_PATH_URL,
        limit=2000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(GLOBAL, 1),
        ],
    ),
]
