import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.coinbase_advanced_trade import coinbase_advanced_trade_utils as utils


class CoinbaseAdvancedTradeUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "product_id": "BTC-USD",
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "base_increment": "0.00000001",
                    "quote_increment": "0.01",
                    "quote_min_size": "1",
                    "quote_max_size": "1000",
                    "base_min_size": "0.00000001",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": False,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": False,
                    "auction_mode": False,
                    "product_type": "SPOT",
                    "quote_currency_id": "USD",
                    "base_currency_id": "BTC",
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                }
            )
        )

    def test_exchange_information_is_invalid_when_product_type_not_spot(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "product_id": "BTC-USD",
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "base_increment": "0.00000001",
                    "quote_increment": "0.01",
                    "quote_min_size": "1",
                    "quote_max_size": "1000",
                    "base_min_size": "0.00000001",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": False,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": False,
                    "auction_mode": False,
                    "product_type": "NOT_SPOT",
                    "quote_currency_id": "USD",
                    "base_currency_id": "BTC",
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                }
            )
        )

    def test_exchange_information_is_invalid_when_trading_disabled_true(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "product_id": "BTC-USD",
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "base_increment": "0.00000001",
                    "quote_increment": "0.01",
                    "quote_min_size": "1",
                    "quote_max_size": "1000",
                    "base_min_size": "0.00000001",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": False,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": True,
                    "auction_mode": False,
                    "product_type": "SPOT",
                    "quote_currency_id": "USD",
                    "base_currency_id": "BTC",
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                }
            )
        )

    def test_exchange_information_is_invalid_when_is_disabled_true(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "product_id": "BTC-USD",
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "base_increment": "0.00000001",
                    "quote_increment": "0.01",
                    "quote_min_size": "1",
                    "quote_max_size": "1000",
                    "base_min_size": "0.00000001",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": True,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": False,
                    "auction_mode": False,
                    "product_type": "SPOT",
                    "quote_currency_id": "USD",
                    "base_currency_id": "BTC",
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                }
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.004"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.006"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_coinbase_advanced_trade_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("coinbase_advanced_trade", keys.connector)
        self.assertEqual(
            ["coinbase_advanced_trade_api_key", "coinbase_advanced_trade_api_secret"],
            [name for name in fields if name != "connector"],
        )
        self.assertEqual(
            {
                "prompt": "Enter your Coinbase Advanced Trade API key name",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["coinbase_advanced_trade_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your Coinbase Advanced Trade API private key",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["coinbase_advanced_trade_api_secret"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("CoinbaseAdvancedTradeConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual([], getattr(utils, "OTHER_DOMAINS", []))

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["coinbase_advanced_trade"], sorted(discovered))
        setting = discovered["coinbase_advanced_trade"]
        self.assertEqual(
            {
                "name": "coinbase_advanced_trade",
                "example_pair": "BTC-USD",
                "centralised": True,
                "is_sub_domain": False,
                "parent_name": None,
                "domain_parameter": None,
            },
            {
                "name": setting.name,
                "example_pair": setting.example_pair,
                "centralised": setting.centralised,
                "is_sub_domain": setting.is_sub_domain,
                "parent_name": setting.parent_name,
                "domain_parameter": setting.domain_parameter,
            },
        )
        self.assertEqual(ConnectorType.Exchange, setting.type)
        self.assertEqual(Decimal("0.004"), setting.trade_fee_schema.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.006"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual(
            "hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_exchange",
            setting.module_path(),
        )
        self.assertEqual("CoinbaseAdvancedTradeExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(
                importlib.import_module(
                    "hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_exchange"
                ),
                "CoinbaseAdvancedTradeExchange",
            ),
            type(connector),
        )
        self.assertEqual("coinbase_advanced_trade", connector.name)
        self.assertEqual("com", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "coinbase_advanced_trade")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
