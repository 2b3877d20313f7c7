"""Constants of the Gemini connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import LinkedLimitWeightPair, RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "com"

HBOT_ORDER_ID_PREFIX = "HBOT"
MAX_ORDER_ID_LEN = 36

# Base URLs; {domain} is replaced by the connector's domain. With GEMINI_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("GEMINI_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}" if LOCAL_API_HOST else "https://api.gemini.{domain}"
WSS_URL = f"ws://{LOCAL_API_HOST}" if LOCAL_API_HOST else "wss://ws.gemini.{domain}"
WSS_PRIVATE_URL = f"ws://{LOCAL_API_HOST}" if LOCAL_API_HOST else "wss://ws.gemini.{domain}"
WS_HEARTBEAT_TIME_INTERVAL = 30.0

# REST paths
SYMBOLS_DETAILS_ALL_PATH_URL = "/v1/symbols/details/all"
TICKER_PATH_URL = "/v1/pubticker/{symbol}"
ORDER_BOOK_PATH_URL = "/v1/book/{symbol}"
NEW_ORDER_PATH_URL = "/v1/order/new"
CANCEL_ORDER_PATH_URL = "/v1/order/cancel"
ORDER_STATUS_PATH_URL = "/v1/order/status"
ACTIVE_ORDERS_PATH_URL = "/v1/orders"
MY_TRADES_PATH_URL = "/v1/mytrades"
BALANCES_PATH_URL = "/v1/balances"

# Rate limit ids of the path templates (a filled-in path cannot identify its limit)
TICKER_LIMIT_ID = "TICKER_LIMIT_ID"
ORDER_BOOK_LIMIT_ID = "ORDER_BOOK_LIMIT_ID"

# Order vocabulary
SIDE_BUY = "buy"
SIDE_SELL = "sell"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "exchange limit",
    OrderType.LIMIT_MAKER: "exchange limit",
}
# Parameters sent only with orders of a type
ORDER_TYPE_PARAMS = {
    OrderType.LIMIT_MAKER: {"options": ["maker-or-cancel"]},
}

ORDER_STATE = {
    "NEW": OrderState.OPEN,
    "OPEN": OrderState.OPEN,
    "PARTIALLY_FILLED": OrderState.PARTIALLY_FILLED,
    "FILLED": OrderState.FILLED,
    "CANCELED": OrderState.CANCELED,
    "REJECTED": OrderState.FAILED,
}

# Websocket event types
WS_EVENT_TRADE = "trade"
WS_EVENT_DEPTH_UPDATE = "depthUpdate"
WS_EVENT_ORDER_UPDATE = "executionReport"
WS_EVENT_BALANCE_UPDATE = "balanceUpdate"

# Substrings that, all present in an error, identify it
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["OrderNotFound"]
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = ["OrderNotFound"]

# Rate limit pools
PUBLIC_REQUEST_WEIGHT = "PUBLIC_REQUEST_WEIGHT"
REQUEST_WEIGHT = "REQUEST_WEIGHT"

RATE_LIMITS = [
    RateLimit(limit_id=PUBLIC_REQUEST_WEIGHT, limit=120, time_interval=60.0),
    RateLimit(limit_id=REQUEST_WEIGHT, limit=600, time_interval=60.0),
    RateLimit(
        limit_id=SYMBOLS_DETAILS_ALL_PATH_URL,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_REQUEST_WEIGHT, 1),
        ],
    ),
    RateLimit(
        limit_id=TICKER_LIMIT_ID,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_REQUEST_WEIGHT, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_BOOK_LIMIT_ID,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_REQUEST_WEIGHT, 1),
        ],
    ),
    RateLimit(
        limit_id=NEW_ORDER_PATH_URL,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 1),
        ],
    ),
    RateLimit(
        limit_id=CANCEL_ORDER_PATH_URL,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_STATUS_PATH_URL,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 1),
        ],
    ),
    RateLimit(
        limit_id=ACTIVE_ORDERS_PATH_URL,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 1),
        ],
    ),
    RateLimit(
        limit_id=MY_TRADES_PATH_URL,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 1),
        ],
    ),
    RateLimit(
        limit_id=BALANCES_PATH_URL,
        limit=600,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 1),
        ],
    ),
]
