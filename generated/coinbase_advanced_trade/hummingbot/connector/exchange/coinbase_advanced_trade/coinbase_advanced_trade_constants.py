"""Constants of the CoinbaseAdvancedTrade connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import LinkedLimitWeightPair, RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "com"

HBOT_ORDER_ID_PREFIX = "CBAT-"
MAX_ORDER_ID_LEN = 32

# Base URLs; {domain} is replaced by the connector's domain. With COINBASE_ADVANCED_TRADE_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("COINBASE_ADVANCED_TRADE_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}/api/v3" if LOCAL_API_HOST else "https://api.coinbase.{domain}/api/v3"
WSS_URL = f"ws://{LOCAL_API_HOST}" if LOCAL_API_HOST else "wss://advanced-trade-ws.coinbase.{domain}"
USER_WSS_URL = f"ws://{LOCAL_API_HOST}" if LOCAL_API_HOST else "wss://advanced-trade-ws-user.coinbase.{domain}"
WS_HEARTBEAT_TIME_INTERVAL = 30.0

# REST paths
SERVER_TIME_EP = "/brokerage/time"
ALL_PAIRS_EP = "/brokerage/market/products"
PAIR_TICKER_24HR_EP = "/brokerage/market/products/{product_id}/ticker"
SNAPSHOT_EP = "/brokerage/market/product_book"
ORDER_EP = "/brokerage/orders"
BATCH_CANCEL_EP = "/brokerage/orders/batch_cancel"
GET_ORDER_STATUS_EP = "/brokerage/orders/historical/{order_id}"
GET_STATUS_BATCH_EP = "/brokerage/orders/historical/batch"
FILLS_EP = "/brokerage/orders/historical/fills"
ACCOUNTS_LIST_EP = "/brokerage/accounts"

# Rate limit ids of the path templates (a filled-in path cannot identify its limit)
PAIR_TICKER_24HR_RATE_LIMIT_ID = "PAIR_TICKER_24HR_RATE_LIMIT_ID"
GET_ORDER_STATUS_RATE_LIMIT_ID = "GET_ORDER_STATUS_RATE_LIMIT_ID"

# Order vocabulary
SIDE_BUY = "BUY"
SIDE_SELL = "SELL"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "limit_limit_gtc",
    OrderType.LIMIT_MAKER: "limit_limit_gtc",
}
# Parameters sent only with orders of a type
ORDER_TYPE_PARAMS = {
    OrderType.LIMIT_MAKER: {"post_only": True},
}

ORDER_STATE = {
    "PENDING": OrderState.PENDING_CREATE,
    "QUEUED": OrderState.PENDING_CREATE,
    "OPEN": OrderState.OPEN,
    "FILLED": OrderState.FILLED,
    "CANCEL_QUEUED": OrderState.PENDING_CANCEL,
    "CANCELLED": OrderState.CANCELED,
    "EXPIRED": OrderState.CANCELED,
    "FAILED": OrderState.FAILED,
}

# Websocket event types
WS_TRADE_CHANNEL = "market_trades"
WS_ORDER_BOOK_CHANNEL = "l2_data"
WS_USER_CHANNEL = "user"

# Substrings that, all present in an error, identify it
TIMESTAMP_ERROR_MATCHES = []
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["NOT_FOUND"]
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = []

# Rate limit pools
PUBLIC_REST_REQUESTS = "PUBLIC_REST_REQUESTS"
PRIVATE_REST_REQUESTS = "PRIVATE_REST_REQUESTS"

RATE_LIMITS = [
    RateLimit(limit_id=PUBLIC_REST_REQUESTS, limit=10, time_interval=1.0),
    RateLimit(limit_id=PRIVATE_REST_REQUESTS, limit=30, time_interval=1.0),
    RateLimit(
        limit_id=SERVER_TIME_EP,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ALL_PAIRS_EP,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=PAIR_TICKER_24HR_RATE_LIMIT_ID,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=SNAPSHOT_EP,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_EP,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=BATCH_CANCEL_EP,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=GET_ORDER_STATUS_RATE_LIMIT_ID,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=GET_STATUS_BATCH_EP,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=FILLS_EP,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_REST_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ACCOUNTS_LIST_EP,
        limit=30,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_REST_REQUESTS, 1),
        ],
    ),
]
