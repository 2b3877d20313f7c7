"""Constants of the Kraken connector: URLs, paths, rate limits and exchange vocabularies."""

import os
from enum import Enum

from hummingbot.core.api_throttler.data_types import LinkedLimitWeightPair, RateLimit
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.in_flight_order import OrderState

DEFAULT_DOMAIN = "kraken"

HBOT_ORDER_ID_PREFIX = "HBOT"
MAX_ORDER_ID_LEN = 18

# Base URLs; {domain} is replaced by the connector's domain. With KRAKEN_API_HOST=host:port set, they all point
# at that host over plain http/ws, same paths: a local stand-in for the exchange (`hbgen sandbox`).
LOCAL_API_HOST = os.environ.get("KRAKEN_API_HOST")
BASE_URL = f"http://{LOCAL_API_HOST}" if LOCAL_API_HOST else "https://api.kraken.com"
WS_URL = f"ws://{LOCAL_API_HOST}/v2" if LOCAL_API_HOST else "wss://ws.kraken.com/v2"
WS_AUTH_URL = f"ws://{LOCAL_API_HOST}/v2" if LOCAL_API_HOST else "wss://ws-auth.kraken.com/v2"
PING_TIMEOUT = 10.0

# REST paths
TIME_PATH_URL = "/0/public/Time"
TICKER_PATH_URL = "/0/public/Ticker"
SNAPSHOT_PATH_URL = "/0/public/Depth"
ASSET_PAIRS_PATH_URL = "/0/public/AssetPairs"
GET_TOKEN_PATH_URL = "/0/private/GetWebSocketsToken"
ADD_ORDER_PATH_URL = "/0/private/AddOrder"
CANCEL_ORDER_PATH_URL = "/0/private/CancelOrder"
BALANCE_PATH_URL = "/0/private/BalanceEx"
OPEN_ORDERS_PATH_URL = "/0/private/OpenOrders"
QUERY_ORDERS_PATH_URL = "/0/private/QueryOrders"
QUERY_TRADES_PATH_URL = "/0/private/QueryTrades"

# The exchange's asset names that Hummingbot writes otherwise
ASSET_ALIASES = {
    "XBT": "BTC",
    "XXBT": "BTC",
    "XDG": "DOGE",
    "XXDG": "DOGE",
    "XETH": "ETH",
    "XLTC": "LTC",
    "XXRP": "XRP",
    "XXLM": "XLM",
    "XETC": "ETC",
    "XXMR": "XMR",
    "XZEC": "ZEC",
    "XMLN": "MLN",
    "XREP": "REP",
    "ZUSD": "USD",
    "ZEUR": "EUR",
    "ZGBP": "GBP",
    "ZCAD": "CAD",
    "ZJPY": "JPY",
    "ZAUD": "AUD",
    "ZCHF": "CHF",
}

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
    OrderType.LIMIT_MAKER: {"oflags": "post"},
}

ORDER_STATE = {
    "pending": OrderState.OPEN,
    "open": OrderState.OPEN,
    "closed": OrderState.FILLED,
    "canceled": OrderState.CANCELED,
    "expired": OrderState.FAILED,
    "pending_new": OrderState.OPEN,
    "new": OrderState.OPEN,
    "partially_filled": OrderState.PARTIALLY_FILLED,
    "filled": OrderState.FILLED,
}

# Websocket event types
TRADE_EVENT_TYPE = "trade"
DIFF_EVENT_TYPE = "book"
USER_ORDERS_ENDPOINT_NAME = "executions"

# Substrings that, all present in an error, identify it
ORDER_NOT_FOUND_ON_STATUS_MATCHES = ["EOrder:Invalid order"]
UNKNOWN_ORDER_MESSAGE = ["EOrder:Unknown order"]

# Rate limit pools
PUBLIC_ENDPOINT_LIMIT_ID = "PUBLIC_ENDPOINT_LIMIT_ID"
PRIVATE_ENDPOINT_LIMIT_ID = "PRIVATE_ENDPOINT_LIMIT_ID"
MATCHING_ENGINE_LIMIT_ID = "MATCHING_ENGINE_LIMIT_ID"

RATE_LIMITS = [
    RateLimit(limit_id=PUBLIC_ENDPOINT_LIMIT_ID, limit=1, time_interval=1.0),
    RateLimit(limit_id=PRIVATE_ENDPOINT_LIMIT_ID, limit=35, time_interval=60.0),
    RateLimit(limit_id=MATCHING_ENGINE_LIMIT_ID, limit=120, time_interval=60.0),
    RateLimit(
        limit_id=TIME_PATH_URL,
        limit=1,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_ENDPOINT_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=TICKER_PATH_URL,
        limit=1,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_ENDPOINT_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=SNAPSHOT_PATH_URL,
        limit=1,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_ENDPOINT_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=ASSET_PAIRS_PATH_URL,
        limit=1,
        time_interval=1.0,
        linked_limits=[
            LinkedLimitWeightPair(PUBLIC_ENDPOINT_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=GET_TOKEN_PATH_URL,
        limit=35,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_ENDPOINT_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=ADD_ORDER_PATH_URL,
        limit=120,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(MATCHING_ENGINE_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=CANCEL_ORDER_PATH_URL,
        limit=120,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(MATCHING_ENGINE_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=BALANCE_PATH_URL,
        limit=35,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_ENDPOINT_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=OPEN_ORDERS_PATH_URL,
        limit=35,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_ENDPOINT_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=QUERY_ORDERS_PATH_URL,
        limit=35,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_ENDPOINT_LIMIT_ID, 1),
        ],
    ),
    RateLimit(
        limit_id=QUERY_TRADES_PATH_URL,
        limit=35,
        time_interval=60.0,
        linked_limits=[
            LinkedLimitWeightPair(PRIVATE_ENDPOINT_LIMIT_ID, 2),
        ],
    ),
]


class KrakenAPITier(Enum):
    """The account tiers, whose rate limits differ: kraken_utils.build_rate_limits_by_tier(tier).
    RATE_LIMITS are the STARTER tier's."""

    STARTER = "STARTER"
    INTERMEDIATE = "INTERMEDIATE"
    PRO = "PRO"


# The rate limits of each tier that differ from RATE_LIMITS: {limit id: (limit, time interval)}
TIER_RATE_LIMITS = {
    KrakenAPITier.STARTER: {},
    KrakenAPITier.INTERMEDIATE: {
        PRIVATE_ENDPOINT_LIMIT_ID: (50, 60.0),
        MATCHING_ENGINE_LIMIT_ID: (265, 60.0),
        GET_TOKEN_PATH_URL: (50, 60.0),
        ADD_ORDER_PATH_URL: (265, 60.0),
        CANCEL_ORDER_PATH_URL: (265, 60.0),
        BALANCE_PATH_URL: (50, 60.0),
        OPEN_ORDERS_PATH_URL: (50, 60.0),
        QUERY_ORDERS_PATH_URL: (50, 60.0),
        QUERY_TRADES_PATH_URL: (50, 60.0),
    },
    KrakenAPITier.PRO: {
        PRIVATE_ENDPOINT_LIMIT_ID: (80, 60.0),
        MATCHING_ENGINE_LIMIT_ID: (405, 60.0),
        GET_TOKEN_PATH_URL: (80, 60.0),
        ADD_ORDER_PATH_URL: (405, 60.0),
        CANCEL_ORDER_PATH_URL: (405, 60.0),
        BALANCE_PATH_URL: (80, 60.0),
        OPEN_ORDERS_PATH_URL: (80, 60.0),
        QUERY_ORDERS_PATH_URL: (80, 60.0),
        QUERY_TRADES_PATH_URL: (80, 60.0),
    },
}
