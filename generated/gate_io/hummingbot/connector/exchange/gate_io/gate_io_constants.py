"""Constants of the GateIo connector: URLs, paths, rate limits and exchange vocabularies."""

from hummingbot.core.api_throttler.data_types import LinkedLimitWeightPair, RateLimit
from hummingbot.core.data_type.common import OrderType

DEFAULT_DOMAIN = "io"

HBOT_ORDER_ID_PREFIX = "t-HBOT"
MAX_ORDER_ID_LEN = 30

# Base URLs; {domain} is replaced by the connector's domain
REST_URL = "https://api.gateio.ws/api/v4"
WSS_URL = "wss://api.gateio.ws/ws/v4/"
WSS_PRIVATE_URL = "wss://api.gateio.ws/ws/v4/"
WS_HEARTBEAT_TIME_INTERVAL = 30.0

# REST paths
SERVER_TIME_PATH_URL = "/spot/time"
CURRENCY_PAIRS_PATH_URL = "/spot/currency_pairs"
TICKERS_PATH_URL = "/spot/tickers"
SNAPSHOT_PATH_URL = "/spot/order_book"
ORDER_PATH_URL = "/spot/orders"
ORDER_BY_ID_PATH_URL = "/spot/orders/{exchange_order_id}"
OPEN_ORDERS_PATH_URL = "/spot/open_orders"
MY_TRADES_PATH_URL = "/spot/my_trades"
ACCOUNTS_PATH_URL = "/spot/accounts"

# Rate limit ids of the path templates (a filled-in path cannot identify its limit)
ORDER_BY_ID = "ORDER_BY_ID"

# Order vocabulary
SIDE_BUY = "buy"
SIDE_SELL = "sell"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "limit",
    OrderType.LIMIT_MAKER: "limit",
    OrderType.MARKET: "market",
}
TIME_IN_FORCE = {
    OrderType.LIMIT: "gtc",
    OrderType.LIMIT_MAKER: "poc",
    OrderType.MARKET: "ioc",
}


# Websocket event types
TRADE_EVENT_TYPE = "spot.trades"
DIFF_EVENT_TYPE = "spot.order_book_update"
USER_ORDER_EVENT_TYPE = "spot.orders"
USER_FILL_EVENT_TYPE = "spot.usertrades"
USER_BALANCE_EVENT_TYPE = "spot.balances"

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
        limit_id=CURRENCY_PAIRS_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=TICKERS_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=SNAPSHOT_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_POINTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_PATH_URL,
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
        limit_id=OPEN_ORDERS_PATH_URL,
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
        limit_id=ACCOUNTS_PATH_URL,
        limit=200,
        time_interval=10.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_POINTS, 1),
        ],
    ),
]
