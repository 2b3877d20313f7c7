import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.bybit import bybit_utils as utils


class BybitUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "symbol": "BTCUSDT",
                    "baseCoin": "BTC",
                    "quoteCoin": "USDT",
                    "innovation": "0",
                    "status": "Trading",
                    "marginTrading": "both",
                    "stTag": "0",
                    "lotSizeFilter": {
                        "basePrecision": "0.000001",
                        "quotePrecision": "0.00000001",
                        "minOrderQty": "0.000048",
                        "maxOrderQty": "71.73956243",
                        "minOrderAmt": "1",
                        "maxOrderAmt": "2000000",
                    },
                    "priceFilter": {"tickSize": "0.01"},
                    "riskParameters": {"priceLimitRatioX": "0.01", "priceLimitRatioY": "0.02"},
                }
            )
        )

    def test_exchange_information_is_invalid_when_status_not_trading(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "BTCUSDT",
                    "baseCoin": "BTC",
                    "quoteCoin": "USDT",
                    "innovation": "0",
                    "status": "NOT_Trading",
                    "marginTrading": "both",
                    "stTag": "0",
                    "lotSizeFilter": {
                        "basePrecision": "0.000001",
                        "quotePrecision": "0.00000001",
                        "minOrderQty": "0.000048",
                        "maxOrderQty": "71.73956243",
                        "minOrderAmt": "1",
                        "maxOrderAmt": "2000000",
                    },
                    "priceFilter": {"tickSize": "0.01"},
                    "riskParameters": {"priceLimitRatioX": "0.01", "priceLimitRatioY": "0.02"},
                }
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.001"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_bybit_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("bybit", keys.connector)
        self.assertEqual(["bybit_api_key", "bybit_api_secret"], [name for name in fields if name != "connector"])
        self.assertEqual(
            {"prompt": "Enter your Bybit API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["bybit_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {"prompt": "Enter your Bybit API secret", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["bybit_api_secret"].json_schema_extra,
        )

    def test_bybit_testnet_config_map_asks_for_secure_connect_keys(self):
        keys = utils.OTHER_DOMAINS_KEYS["bybit_testnet"]
        fields = type(keys).model_fields

        self.assertEqual("bybit_testnet", keys.connector)
        self.assertEqual(
            ["bybit_testnet_api_key", "bybit_testnet_api_secret"], [name for name in fields if name != "connector"]
        )
        self.assertEqual(
            {"prompt": "Enter your Bybit API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["bybit_testnet_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {"prompt": "Enter your Bybit API secret", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["bybit_testnet_api_secret"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("BybitConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual(["bybit_testnet"], getattr(utils, "OTHER_DOMAINS", []))
        self.assertEqual({"bybit_testnet": "bybit_testnet"}, utils.OTHER_DOMAINS_PARAMETER)
        self.assertEqual({"bybit_testnet": "BTC-USDT"}, utils.OTHER_DOMAINS_EXAMPLE_PAIR)
        self.assertEqual(["bybit_testnet"], list(utils.OTHER_DOMAINS_KEYS))
        self.assertEqual(["bybit_testnet"], list(utils.OTHER_DOMAINS_DEFAULT_FEES))
        for fees in utils.OTHER_DOMAINS_DEFAULT_FEES.values():
            self.assertEqual(Decimal("0.001"), fees.maker_percent_fee_decimal)
            self.assertEqual(Decimal("0.001"), fees.taker_percent_fee_decimal)

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["bybit", "bybit_testnet"], sorted(discovered))
        setting = discovered["bybit"]
        self.assertEqual(
            {
                "name": "bybit",
                "example_pair": "BTC-USDT",
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
        self.assertEqual(Decimal("0.001"), setting.trade_fee_schema.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual("hummingbot.connector.exchange.bybit.bybit_exchange", setting.module_path())
        self.assertEqual("BybitExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(importlib.import_module("hummingbot.connector.exchange.bybit.bybit_exchange"), "BybitExchange"),
            type(connector),
        )
        self.assertEqual("bybit", connector.name)
        self.assertEqual("com", connector.domain)
        setting = discovered["bybit_testnet"]
        self.assertEqual(
            {
                "name": "bybit_testnet",
                "example_pair": "BTC-USDT",
                "centralised": True,
                "is_sub_domain": True,
                "parent_name": "bybit",
                "domain_parameter": "bybit_testnet",
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
        self.assertEqual(Decimal("0.001"), setting.trade_fee_schema.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual("hummingbot.connector.exchange.bybit.bybit_exchange", setting.module_path())
        self.assertEqual("BybitExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(importlib.import_module("hummingbot.connector.exchange.bybit.bybit_exchange"), "BybitExchange"),
            type(connector),
        )
        self.assertEqual("bybit_testnet", connector.name)
        self.assertEqual("bybit_testnet", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "bybit")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
