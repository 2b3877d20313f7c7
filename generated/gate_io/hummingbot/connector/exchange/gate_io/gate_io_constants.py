"""Constants of the GateIo connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import LinkedLimitWeightPair, RateLimit
from hummingbot.core.data_type.common import OrderType

DEFAULT_DOMAIN = "io"

HBOT_ORDER_ID = "t-HBOT"
MAX_ID_LEN = 30

# The partner id the exchange credits Hummingbot's orders to.
HBOT_BROKER_ID = "hummingbot"

# Base URLs; {domain} is replaced by the connector's domain. With GATE_IO_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("GATE_IO_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}/api/v4" if LOCAL_API_HOST else "https://api.gateio.ws/api/v4"
WSS_URL = f"ws://{LOCAL_API_HOST}/ws/v4/" if LOCAL_API_HOST else "wss://api.gateio.ws/ws/v4/"
WSS_PRIVATE_URL = f"ws://{LOCAL_API_HOST}/ws/v4/" if LOCAL_API_HOST else "wss://api.gateio.ws/ws/v4/"
WS_HEARTBEAT_TIME_INTERVAL = 30.0

# REST paths
SERVER_TIME_PATH_URL = "spot/time"
SYMBOL_PATH_URL = "spot/currency_pairs"
TICKER_PATH_URL = "spot/tickers"
ORDER_BOOK_PATH_URL = "spot/order_book"
ORDER_CREATE_PATH_URL = "spot/orders"
ORDER_STATUS_PATH_URL = "spot/orders/{order_id}"
ORDER_DELETE_PATH_URL = "spot/orders/{order_id}"
USER_ORDERS_PATH_URL = "spot/open_orders"
MY_TRADES_PATH_URL = "spot/my_trades"
USER_BALANCES_PATH_URL = "spot/accounts"

# Rate limit ids of the path templates (a filled-in path cannot identify its limit)
ORDER_BY_ID = "ORDER_BY_ID"
ORDER_DELETE = "ORDER_DELETE"

# Order vocabulary
SIDE_BUY = "buy"
SIDE_SELL = "sell"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "limit",
    OrderType.MARKET: "market",
    OrderType.LIMIT_MAKER: "limit",
}
TIME_IN_FORCE = {
    OrderType.LIMIT: "gtc",
    OrderType.MARKET: "ioc",
    OrderType.LIMIT_MAKER: "poc",
}


# Websocket event types
TRADES_ENDPOINT_NAME = "spot.trades"
ORDERS_UPDATE_ENDPOINT_NAME = "spot.order_book_update"
USER_ORDERS_ENDPOINT_NAME = "spot.orders"
USER_TRADES_ENDPOINT_NAME = "spot.usertrades"
USER_BALANCE_ENDPOINT_NAME = "spot.balances"

# Substrings that, all present in an error, identify it
TIMESTAMP_ERROR_MATCHES = ["REQUEST_EXPIRED"]
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["ORDER_NOT_FOUND"]
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = ["ORDER_NOT_FOUND"]

# Rate limit pools
PUBLIC_POINTS = "PUBLIC_POINTS"
PRIVATE_POINTS = "PRIVATE_POINTS"

RATE_LIMITS = [
    RateLimit(limit_id=PUBLIC_POINTS, limit=900, time_interval=1.0),
    RateLimit(limit_id=PRIVATE_POINTS, limit=900, time_interval=1.0),
    RateLimit(
        limit_id=SERVER_TIME_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=SYMBOL_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=TICKER_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_BOOK_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_CREATE_PATH_URL,
        limit=10,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_BY_ID,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_DELETE,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=USER_ORDERS_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=MY_TRADES_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=USER_BALANCES_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_POINTS, 1),
        ],
    ),
]
