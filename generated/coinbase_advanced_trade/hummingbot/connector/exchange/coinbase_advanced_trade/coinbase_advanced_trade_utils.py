from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict

from pydantic import ConfigDict, Field, SecretStr

from hummingbot.client.config.config_data_types import BaseConnectorConfigMap
from hummingbot.core.data_type.trade_fee import TradeFeeSchema

CENTRALIZED = True
EXAMPLE_PAIR = "BTC-USD"

DEFAULT_FEES = TradeFeeSchema(
    maker_percent_fee_decimal=Decimal("0.004"),
    taker_percent_fee_decimal=Decimal("0.006"),
    buy_percent_fee_deducted_from_returns=False,
)


def is_exchange_information_valid(exchange_info: Dict[str, Any]) -> bool:
    """
    Verifies if a trading pair is enabled to operate with based on its exchange information
    :param exchange_info: the exchange information for a trading pair
    :return: True if the trading pair is enabled, False otherwise
    """
    return (
        exchange_info.get("product_type") == "SPOT"
        and not exchange_info.get("trading_disabled")
        and not exchange_info.get("is_disabled")
    )


def seconds_from_date_time(text: str) -> float:
    """Seconds since the epoch of an ISO 8601 date-time the exchange sends; text without an offset is UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


class CoinbaseAdvancedTradeConfigMap(BaseConnectorConfigMap):
    connector: str = "coinbase_advanced_trade"
    coinbase_advanced_trade_api_key: SecretStr = Field(
        default=...,
        json_schema_extra={
            "prompt": "Enter your Coinbase Advanced Trade API key name",
            "is_secure": True,
            "is_connect_key": True,
            "prompt_on_new": True,
        },
    )
    coinbase_advanced_trade_api_secret: SecretStr = Field(
        default=...,
        json_schema_extra={
            "prompt": "Enter your Coinbase Advanced Trade API private key",
            "is_secure": True,
            "is_connect_key": True,
            "prompt_on_new": True,
        },
    )
    model_config = ConfigDict(title="coinbase_advanced_trade")


KEYS = CoinbaseAdvancedTradeConfigMap.model_construct()
