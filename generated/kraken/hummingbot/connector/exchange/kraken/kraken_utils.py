from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, List

from pydantic import ConfigDict, Field, SecretStr, field_validator

from hummingbot.client.config.config_data_types import BaseConnectorConfigMap
from hummingbot.connector.exchange.kraken import kraken_constants as CONSTANTS
from hummingbot.connector.exchange.kraken.kraken_constants import KrakenAPITier
from hummingbot.core.api_throttler.data_types import RateLimit
from hummingbot.core.data_type.trade_fee import TradeFeeSchema

CENTRALIZED = True
EXAMPLE_PAIR = "ETH-USDC"

DEFAULT_FEES = TradeFeeSchema(
    maker_percent_fee_decimal=Decimal("0.0025"),
    taker_percent_fee_decimal=Decimal("0.004"),
    buy_percent_fee_deducted_from_returns=False,
)


def is_exchange_information_valid(exchange_info: Dict[str, Any]) -> bool:
    """
    Verifies if a trading pair is enabled to operate with based on its exchange information
    :param exchange_info: the exchange information for a trading pair
    :return: True if the trading pair is enabled, False otherwise
    """
    return bool(
        (exchange_info[1] if isinstance(exchange_info, (list, tuple)) and len(exchange_info) >= 2 else {}).get("wsname")
    )


def seconds_from_date_time(text: str) -> float:
    """Seconds since the epoch of an ISO 8601 date-time the exchange sends; text without an offset is UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def build_rate_limits_by_tier(tier: KrakenAPITier = KrakenAPITier.STARTER) -> List[RateLimit]:
    """The rate limits of an account tier: RATE_LIMITS with the limits that differ in the tier."""
    changed = CONSTANTS.TIER_RATE_LIMITS[tier]
    rate_limits = []
    for rate_limit in CONSTANTS.RATE_LIMITS:
        limit, time_interval = changed.get(rate_limit.limit_id, (rate_limit.limit, rate_limit.time_interval))
        rate_limits.append(
            RateLimit(
                limit_id=rate_limit.limit_id,
                limit=limit,
                time_interval=time_interval,
                weight=rate_limit.weight,
                linked_limits=rate_limit.linked_limits,
            )
        )
    return rate_limits


class KrakenConfigMap(BaseConnectorConfigMap):
    connector: str = "kraken"
    kraken_api_key: SecretStr = Field(
        default=...,
        json_schema_extra={
            "prompt": "Enter your Kraken API key",
            "is_secure": True,
            "is_connect_key": True,
            "prompt_on_new": True,
        },
    )
    kraken_secret_key: SecretStr = Field(
        default=...,
        json_schema_extra={
            "prompt": "Enter your Kraken secret key",
            "is_secure": True,
            "is_connect_key": True,
            "prompt_on_new": True,
        },
    )
    kraken_api_tier: str = Field(
        default="STARTER",
        json_schema_extra={
            "prompt": "Enter your Kraken API Tier (Starter/Intermediate/Pro)",
            "is_connect_key": True,
            "prompt_on_new": True,
        },
    )
    model_config = ConfigDict(title="kraken")

    @field_validator("kraken_api_tier", mode="before")
    @classmethod
    def _api_tier_validator(cls, value: str) -> str:
        """One of the account tiers, in any case; kept as written."""
        if str(value).upper() not in KrakenAPITier.__members__:
            raise ValueError(f"No such API tier: {value!r}; expected one of {', '.join(KrakenAPITier.__members__)}")
        return value


KEYS = KrakenConfigMap.model_construct()
