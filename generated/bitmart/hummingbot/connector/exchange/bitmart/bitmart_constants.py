"""Constants of the Bitmart connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "com"

HBOT_ORDER_ID_PREFIX = ""
MAX_ORDER_ID_LEN = 32

# Base URLs; {domain} is replaced by the connector's domain. With BITMART_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("BITMART_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}" if LOCAL_API_HOST else "https://api-cloud.bitmart.com"
WSS_PUBLIC_URL = (
    f"ws://{LOCAL_API_HOST}/api" if LOCAL_API_HOST else "wss://ws-manager-compress.bitmart.com/api?protocol=1.1"
)
WSS_PRIVATE_URL = (
    f"ws://{LOCAL_API_HOST}/user" if LOCAL_API_HOST else "wss://ws-manager-compress.bitmart.com/user?protocol=1.1"
)
WS_HEARTBEAT_TIME_INTERVAL = 16.0

# REST paths
CHECK_NETWORK_PATH_URL = "system/service"
SERVER_TIME_PATH_URL = "system/time"
GET_TRADING_RULES_PATH_URL = "spot/v1/symbols/details"
GET_LAST_TRADING_PRICES_PATH_URL = "spot/quotation/v3/ticker"
GET_ORDER_BOOK_PATH_URL = "spot/quotation/v3/books"
CREATE_ORDER_PATH_URL = "spot/v2/submit_order"
CANCEL_ORDER_PATH_URL = "spot/v3/cancel_order"
GET_ORDER_DETAIL_PATH_URL = "spot/v4/query/order"
GET_OPEN_ORDERS_PATH_URL = "spot/v4/query/open-orders"
GET_TRADE_DETAIL_PATH_URL = "spot/v4/query/order-trades"
GET_ACCOUNT_SUMMARY_PATH_URL = "spot/v1/wallet"

# Order vocabulary
SIDE_BUY = "buy"
SIDE_SELL = "sell"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "limit",
    OrderType.MARKET: "market",
    OrderType.LIMIT_MAKER: "limit_maker",
}

ORDER_STATE = {
    "new": OrderState.OPEN,
    "partially_filled": OrderState.PARTIALLY_FILLED,
    "filled": OrderState.FILLED,
    "canceled": OrderState.CANCELED,
    "partially_canceled": OrderState.CANCELED,
    "failed": OrderState.FAILED,
}

# Websocket event types
PUBLIC_TRADE_CHANNEL_NAME = "spot/trade"
PUBLIC_DEPTH_CHANNEL_NAME = "spot/depth50"
PRIVATE_ORDER_PROGRESS_CHANNEL_NAME = "spot/user/order"
USER_BALANCE_EVENT_TYPE = "spot/user/balance"

# Substrings that, all present in an error, identify it
TIMESTAMP_ERROR_MATCHES = [("Header X-BM-TIMESTAMP",), ("30007", "30008")]
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["50005"]
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = ["50005"]

RATE_LIMITS = [
    RateLimit(limit_id=CHECK_NETWORK_PATH_URL, limit=10, time_interval=1.0),
    RateLimit(limit_id=SERVER_TIME_PATH_URL, limit=10, time_interval=1.0),
    RateLimit(limit_id=GET_TRADING_RULES_PATH_URL, limit=12, time_interval=2.0),
    RateLimit(limit_id=GET_LAST_TRADING_PRICES_PATH_URL, limit=15, time_interval=2.0),
    RateLimit(limit_id=GET_ORDER_BOOK_PATH_URL, limit=15, time_interval=2.0),
    RateLimit(limit_id=CREATE_ORDER_PATH_URL, limit=40, time_interval=2.0),
    RateLimit(limit_id=CANCEL_ORDER_PATH_URL, limit=40, time_interval=2.0),
    RateLimit(limit_id=GET_ORDER_DETAIL_PATH_URL, limit=50, time_interval=2.0),
    RateLimit(limit_id=GET_OPEN_ORDERS_PATH_URL, limit=12, time_interval=2.0),
    RateLimit(limit_id=GET_TRADE_DETAIL_PATH_URL, limit=12, time_interval=2.0),
    RateLimit(limit_id=GET_ACCOUNT_SUMMARY_PATH_URL, limit=12, time_interval=2.0),
]
