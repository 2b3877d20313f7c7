"""Constants of the Okx connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "com"

CLIENT_ID_PREFIX = "93027a12dac34fBC"
MAX_ID_LEN = 32

# Base URLs; {domain} is replaced by the connector's domain. With OKX_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("OKX_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}" if LOCAL_API_HOST else "https://www.okx.{domain}"
WSS_URL = f"ws://{LOCAL_API_HOST}/ws/v5/public" if LOCAL_API_HOST else "wss://ws.okx.{domain}:8443/ws/v5/public"
WSS_PRIVATE_URL = (
    f"ws://{LOCAL_API_HOST}/ws/v5/private" if LOCAL_API_HOST else "wss://ws.okx.{domain}:8443/ws/v5/private"
)
WS_HEARTBEAT_TIME_INTERVAL = 30.0
PUBLIC_WS_PING_INTERVAL = 25.0
PUBLIC_WS_PING_MESSAGE = "ping"
USER_STREAM_PING_INTERVAL = 25.0

# REST paths
OKX_SERVER_TIME_PATH = "/api/v5/public/time"
OKX_INSTRUMENTS_PATH = "/api/v5/public/instruments"
OKX_TICKER_PATH = "/api/v5/market/ticker"
OKX_TICKERS_PATH = "/api/v5/market/tickers"
OKX_ORDER_BOOK_PATH = "/api/v5/market/books"
OKX_PLACE_ORDER_PATH = "/api/v5/trade/order"
OKX_ORDER_DETAILS_PATH = "/api/v5/trade/order"
OKX_ORDER_CANCEL_PATH = "/api/v5/trade/cancel-order"
OKX_OPEN_ORDERS_PATH = "/api/v5/trade/orders-pending"
OKX_TRADE_FILLS_PATH = "/api/v5/trade/fills"
OKX_BALANCE_PATH = "/api/v5/account/balance"

# Rate limit ids of the path templates (a filled-in path cannot identify its limit)
OKX_ORDER_DETAILS_LIMIT_ID = "OKX_ORDER_DETAILS_LIMIT_ID"

# Query parameters of the symbols and trading rules request
EXCHANGE_INFO_PARAMS = {"instType": "SPOT"}

# Order vocabulary
SIDE_BUY = "buy"
SIDE_SELL = "sell"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "limit",
    OrderType.LIMIT_MAKER: "post_only",
    OrderType.MARKET: "market",
}
# Parameters sent only with orders of a type
ORDER_TYPE_PARAMS = {
    OrderType.MARKET: {"tgtCcy": "base_ccy"},
}

ORDER_STATE = {
    "live": OrderState.OPEN,
    "partially_filled": OrderState.PARTIALLY_FILLED,
    "filled": OrderState.FILLED,
    "canceled": OrderState.CANCELED,
    "mmp_canceled": OrderState.CANCELED,
}

# Websocket event types
TRADE_EVENT_TYPE = "trades"
DIFF_EVENT_TYPE = "books"
SNAPSHOT_EVENT_TYPE = "books"
USER_ORDER_EVENT_TYPE = "orders"
USER_BALANCE_EVENT_TYPE = "account"

# Substrings that, all present in an error, identify it
TIMESTAMP_ERROR_MATCHES = ["50102", "Timestamp request expired"]
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["51603"]
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = ["51400"]

RATE_LIMITS = [
    RateLimit(limit_id=OKX_SERVER_TIME_PATH, limit=10, time_interval=2.0),
    RateLimit(limit_id=OKX_INSTRUMENTS_PATH, limit=20, time_interval=2.0),
    RateLimit(limit_id=OKX_TICKER_PATH, limit=20, time_interval=2.0),
    RateLimit(limit_id=OKX_TICKERS_PATH, limit=20, time_interval=2.0),
    RateLimit(limit_id=OKX_ORDER_BOOK_PATH, limit=40, time_interval=2.0),
    RateLimit(limit_id=OKX_PLACE_ORDER_PATH, limit=60, time_interval=2.0),
    RateLimit(limit_id=OKX_ORDER_DETAILS_LIMIT_ID, limit=60, time_interval=2.0),
    RateLimit(limit_id=OKX_ORDER_CANCEL_PATH, limit=60, time_interval=2.0),
    RateLimit(limit_id=OKX_OPEN_ORDERS_PATH, limit=60, time_interval=2.0),
    RateLimit(limit_id=OKX_TRADE_FILLS_PATH, limit=60, time_interval=2.0),
    RateLimit(limit_id=OKX_BALANCE_PATH, limit=10, time_interval=2.0),
]
