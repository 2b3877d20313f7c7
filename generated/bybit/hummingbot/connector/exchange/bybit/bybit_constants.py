"""Constants of the Bybit connector: URLs, paths, rate limits and exchange vocabularies."""

import os

from hummingbot.core.api_throttler.data_types import LinkedLimitWeightPair, RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "com"

HBOT_ORDER_ID_PREFIX = "HBOT-"
MAX_ORDER_ID_LEN = 36

# The partner id the exchange credits Hummingbot's orders to.
HBOT_BROKER_ID = "Hummingbot"

# Base URLs; {domain} is replaced by the connector's domain. With BYBIT_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("BYBIT_API_HOST")
REST_URL = f"http://{LOCAL_API_HOST}" if LOCAL_API_HOST else "https://api.bybit.{domain}"
WSS_URL = f"ws://{LOCAL_API_HOST}/v5/public/spot" if LOCAL_API_HOST else "wss://stream.bybit.{domain}/v5/public/spot"
WSS_PRIVATE_URL = f"ws://{LOCAL_API_HOST}/v5/private" if LOCAL_API_HOST else "wss://stream.bybit.{domain}/v5/private"
# Domains with URLs of their own, used as written instead of the templates above (none with BYBIT_API_HOST set).
REST_URLS = {} if LOCAL_API_HOST else {"bybit_testnet": "https://api-testnet.bybit.com"}
WSS_URLS = {} if LOCAL_API_HOST else {"bybit_testnet": "wss://stream-testnet.bybit.com/v5/public/spot"}
WSS_PRIVATE_URLS = {} if LOCAL_API_HOST else {"bybit_testnet": "wss://stream-testnet.bybit.com/v5/private"}
WS_HEARTBEAT_TIME_INTERVAL = 30.0
PUBLIC_WS_PING_INTERVAL = 20.0
USER_STREAM_PING_INTERVAL = 20.0

# REST paths
SERVER_TIME_PATH_URL = "/v5/market/time"
EXCHANGE_INFO_PATH_URL = "/v5/market/instruments-info"
LAST_TRADED_PRICE_PATH = "/v5/market/tickers"
SNAPSHOT_PATH_URL = "/v5/market/orderbook"
ORDER_PLACE_PATH_URL = "/v5/order/create"
ORDER_CANCEL_PATH_URL = "/v5/order/cancel"
GET_ORDERS_PATH_URL = "/v5/order/realtime"
TRADE_HISTORY_PATH_URL = "/v5/execution/list"
ACCOUNT_INFO_PATH_URL = "/v5/account/info"
BALANCE_PATH_URL = "/v5/account/wallet-balance"
EXCHANGE_FEE_RATE_PATH_URL = "/v5/account/fee-rate"

# Query parameters of the symbols and trading rules request
EXCHANGE_INFO_PARAMS = {"category": "spot"}

# Order vocabulary
SIDE_BUY = "Buy"
SIDE_SELL = "Sell"
ORDER_TYPE_NAMES = {
    OrderType.LIMIT: "Limit",
    OrderType.LIMIT_MAKER: "Limit",
    OrderType.MARKET: "Market",
}
TIME_IN_FORCE = {
    OrderType.LIMIT: "GTC",
    OrderType.LIMIT_MAKER: "PostOnly",
}
# Parameters sent only with orders of a type
ORDER_TYPE_PARAMS = {
    OrderType.MARKET: {"marketUnit": "baseCoin"},
}

ORDER_STATE = {
    "New": OrderState.OPEN,
    "PartiallyFilled": OrderState.PARTIALLY_FILLED,
    "Untriggered": OrderState.OPEN,
    "Filled": OrderState.FILLED,
    "Cancelled": OrderState.CANCELED,
    "PartiallyFilledCanceled": OrderState.CANCELED,
    "Deactivated": OrderState.CANCELED,
    "Rejected": OrderState.FAILED,
}

# Websocket event types
TRADE_EVENT_TYPE = "publicTrade."
DIFF_EVENT_TYPE = "orderbook."
SNAPSHOT_EVENT_TYPE = "orderbook."
WS_SUBSCRIPTION_ORDERS_ENDPOINT_NAME = "order"
WS_SUBSCRIPTION_EXECUTIONS_ENDPOINT_NAME = "execution"
PRIVATE_WALLET_CHANNEL = "wallet"

# Substrings that, all present in an error, identify it
TIMESTAMP_ERROR_MATCHES = ["10002", "recv_window"]
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["110001"]
ORDER_NOT_FOUND_ON_CANCEL_MATCHES = ["110001"]

# Rate limit pools
IP_REQUESTS = "IP_REQUESTS"

RATE_LIMITS = [
    RateLimit(limit_id=IP_REQUESTS, limit=600, time_interval=5.0),
    RateLimit(
        limit_id=SERVER_TIME_PATH_URL,
        limit=600,
        time_interval=5.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=EXCHANGE_INFO_PATH_URL,
        limit=600,
        time_interval=5.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=LAST_TRADED_PRICE_PATH,
        limit=600,
        time_interval=5.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=SNAPSHOT_PATH_URL,
        limit=600,
        time_interval=5.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_PLACE_PATH_URL,
        limit=20,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ORDER_CANCEL_PATH_URL,
        limit=20,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=GET_ORDERS_PATH_URL,
        limit=50,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=TRADE_HISTORY_PATH_URL,
        limit=50,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=ACCOUNT_INFO_PATH_URL,
        limit=50,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=BALANCE_PATH_URL,
        limit=50,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
    RateLimit(
        limit_id=EXCHANGE_FEE_RATE_PATH_URL,
        limit=10,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(IP_REQUESTS, 1),
        ],
    ),
]
