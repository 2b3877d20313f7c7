"""Constants of the Kucoin connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "main"

HBOT_ORDER_ID_PREFIX = ""
MAX_ORDER_ID_LEN = 40
# The most symbols one trading fees request may name.
TRADING_FEES_SYMBOL_LIMIT = 10

# The partner id the exchange credits Hummingbot's orders to, and the public key its signature is made with.
HB_PARTNER_ID = "Hummingbot"
HB_PARTNER_KEY = "8fb50686-81a8-408a-901c-07c5ac5bd758"

# Base URLs; {domain} is replaced by the connector's domain. With KUCOIN_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("KUCOIN_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}" if LOCAL_API_HOST else "https://api.kucoin.com"
WSS_URL = f"ws://{LOCAL_API_HOST}/" if LOCAL_API_HOST else "wss://ws-api-spot.kucoin.com/"
WS_HEARTBEAT_TIME_INTERVAL = 30.0
PUBLIC_WS_PING_INTERVAL = 18.0

# REST paths
PRIVATE_WS_DATA_PATH_URL = "/api/v1/bullet-private"
SERVER_TIME_PATH_URL = "/api/v1/timestamp"
SYMBOLS_PATH_URL = "/api/v2/symbols"
TICKER_PRICE_CHANGE_PATH_URL = "/api/v1/market/orderbook/level1"
PUBLIC_WS_DATA_PATH_URL = "/api/v1/bullet-public"
SNAPSHOT_NO_AUTH_PATH_URL = "/api/v1/market/orderbook/level2_100"
ORDERS_PATH_URL = "/api/v1/orders"
ORDER_BY_ID_PATH_URL = "/api/v1/orders/{exchange_order_id}"
OPEN_ORDERS_PATH_URL = "/api/v1/orders"
FILLS_PATH_URL = "/api/v1/fills"
FEE_PATH_URL = "/api/v1/trade-fees"
ACCOUNTS_PATH_URL = "/api/v1/accounts"

# Rate limit ids of the path templates (a filled-in path cannot identify its limit)
ORDER_BY_ID = "ORDER_BY_ID"
OPEN_ORDERS_LIMIT_ID = "OPEN_ORDERS_LIMIT_ID"

# Order vocabulary
SIDE_BUY = "buy"
SIDE_SELL = "sell"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "limit",
    OrderType.LIMIT_MAKER: "limit",
    OrderType.MARKET: "market",
}
# Parameters sent only with orders of a type
ORDER_TYPE_PARAMS = {
    OrderType.LIMIT_MAKER: {"postOnly": True},
}

ORDER_STATE = {
    "open": OrderState.OPEN,
    "match": OrderState.PARTIALLY_FILLED,
    "update": OrderState.OPEN,
    "filled": OrderState.FILLED,
    "canceled": OrderState.CANCELED,
}

# Websocket event types
TRADE_EVENT_TYPE = "trade.l3match"
DIFF_EVENT_TYPE = "trade.l2update"
ORDER_CHANGE_EVENT_TYPE = "orderChange"
BALANCE_EVENT_TYPE = "account.balance"

# Substrings that, all present in an error, identify it
RET_CODE_AUTH_TIMESTAMP_ERROR = "400002"
TIMESTAMP_ERROR_MATCHES = [RET_CODE_AUTH_TIMESTAMP_ERROR, "KC-API-TIMESTAMP"]
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["400100"]
RET_CODE_ORDER_NOT_EXIST_OR_NOT_ALLOW_TO_CANCEL = "400100"
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = [
    RET_CODE_ORDER_NOT_EXIST_OR_NOT_ALLOW_TO_CANCEL,
    "order_not_exist_or_not_allow_to_cancel",
]

RATE_LIMITS = [
    RateLimit(limit_id=PRIVATE_WS_DATA_PATH_URL, limit=400, time_interval=30.0),
    RateLimit(limit_id=SERVER_TIME_PATH_URL, limit=666, time_interval=30.0),
    RateLimit(limit_id=SYMBOLS_PATH_URL, limit=500, time_interval=30.0),
    RateLimit(limit_id=TICKER_PRICE_CHANGE_PATH_URL, limit=1000, time_interval=30.0),
    RateLimit(limit_id=PUBLIC_WS_DATA_PATH_URL, limit=200, time_interval=30.0),
    RateLimit(limit_id=SNAPSHOT_NO_AUTH_PATH_URL, limit=500, time_interval=30.0),
    RateLimit(limit_id=ORDERS_PATH_URL, limit=2000, time_interval=30.0),
    RateLimit(limit_id=ORDER_BY_ID, limit=2000, time_interval=30.0),
    RateLimit(limit_id=OPEN_ORDERS_LIMIT_ID, limit=2000, time_interval=30.0),
    RateLimit(limit_id=FILLS_PATH_URL, limit=400, time_interval=30.0),
    RateLimit(limit_id=FEE_PATH_URL, limit=1333, time_interval=30.0),
    RateLimit(limit_id=ACCOUNTS_PATH_URL, limit=800, time_interval=30.0),
]
