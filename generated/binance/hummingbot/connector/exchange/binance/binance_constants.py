"""Constants of the Binance connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import LinkedLimitWeightPair, RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "com"

HBOT_ORDER_ID_PREFIX = "x-MG43PCSN"
MAX_ORDER_ID_LEN = 32

# Base URLs; {} is replaced by the connector's domain. With BINANCE_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("BINANCE_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}/api/" if LOCAL_API_HOST else "https://api.binance.{}/api/"
# The API version between the base URL and the paths.
PUBLIC_API_VERSION = "v3"
PRIVATE_API_VERSION = "v3"
WSS_URL = f"ws://{LOCAL_API_HOST}/ws" if LOCAL_API_HOST else "wss://stream.binance.{}:9443/ws"
WSS_PRIVATE_URL = f"ws://{LOCAL_API_HOST}/ws-api/v3" if LOCAL_API_HOST else "wss://ws-api.binance.{}:443/ws-api/v3"
WS_HEARTBEAT_TIME_INTERVAL = 30.0

# REST paths
PING_PATH_URL = "/ping"
SERVER_TIME_PATH_URL = "/time"
EXCHANGE_INFO_PATH_URL = "/exchangeInfo"
TICKER_PRICE_CHANGE_PATH_URL = "/ticker/24hr"
SNAPSHOT_PATH_URL = "/depth"
ORDER_PATH_URL = "/order"
OPEN_ORDERS_PATH_URL = "/openOrders"
MY_TRADES_PATH_URL = "/myTrades"
ACCOUNTS_PATH_URL = "/account"

# Order vocabulary
SIDE_BUY = "BUY"
SIDE_SELL = "SELL"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "LIMIT",
    OrderType.LIMIT_MAKER: "LIMIT_MAKER",
    OrderType.MARKET: "MARKET",
}
TIME_IN_FORCE = {
    OrderType.LIMIT: "GTC",
}

ORDER_STATE = {
    "PENDING_NEW": OrderState.PENDING_CREATE,
    "NEW": OrderState.OPEN,
    "PARTIALLY_FILLED": OrderState.PARTIALLY_FILLED,
    "FILLED": OrderState.FILLED,
    "PENDING_CANCEL": OrderState.OPEN,
    "CANCELED": OrderState.CANCELED,
    "REJECTED": OrderState.FAILED,
    "EXPIRED": OrderState.FAILED,
    "EXPIRED_IN_MATCH": OrderState.FAILED,
}

# Websocket event types
TRADE_EVENT_TYPE = "trade"
DIFF_EVENT_TYPE = "depthUpdate"
USER_ORDER_EVENT_TYPE = "executionReport"
USER_BALANCE_EVENT_TYPE = "outboundAccountPosition"
USER_STREAM_SUBSCRIBE_METHOD = "userDataStream.subscribe.signature"

# Substrings that, all present in an error, identify it
TIMESTAMP_ERROR_MATCHES = ["-1021", "Timestamp for this request"]
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["-2013", "Order does not exist"]
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = ["-2011", "Unknown order sent"]
# A failed order placement whose error has all these may still have placed the order: it is tracked under
# UNKNOWN_EXCHANGE_ORDER_ID until a status update names it.
UNKNOWN_ORDER_OUTCOME_MATCHES = ["HTTP status is 503.", "Unknown error, please check your request or try again later."]
UNKNOWN_EXCHANGE_ORDER_ID = "UNKNOWN"

# Rate limit pools
REQUEST_WEIGHT = "REQUEST_WEIGHT"
ORDERS = "ORDERS"
ORDERS_24HR = "ORDERS_24HR"
RAW_REQUESTS = "RAW_REQUESTS"

RATE_LIMITS = [
    RateLimit(limit_id=REQUEST_WEIGHT, limit=6000, time_interval=60.0),
    RateLimit(limit_id=ORDERS, limit=100, time_interval=10.0),
    RateLimit(limit_id=ORDERS_24HR, limit=200000, time_interval=86400.0),
    RateLimit(limit_id=RAW_REQUESTS, limit=61000, time_interval=300.0),
    RateLimit(
        limit_id=PING_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 1),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=SERVER_TIME_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 1),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=EXCHANGE_INFO_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 20),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=TICKER_PRICE_CHANGE_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 2),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=SNAPSHOT_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 50),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 4),
            LinkedLimitWeightPair(ORDERS, 1),
            LinkedLimitWeightPair(ORDERS_24HR, 1),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=OPEN_ORDERS_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 6),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=MY_TRADES_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 20),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ACCOUNTS_PATH_URL,
        limit=5000,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(REQUEST_WEIGHT, 20),
            LinkedLimitWeightPair(RAW_REQUESTS, 1),
        ],
    ),
]
