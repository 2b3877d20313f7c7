import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.gemini import gemini_utils as utils


class GeminiUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "symbol": "BTCUSD",
                    "base_currency": "BTC",
                    "quote_currency": "USD",
                    "tick_size": 1e-08,
                    "quote_increment": 0.01,
                    "min_order_size": "0.00001",
                    "status": "open",
                    "wrap_enabled": False,
                    "product_type": "spot",
                    "contract_type": "vanilla",
                    "contract_price_currency": "USD",
                }
            )
        )

    def test_exchange_information_is_invalid_when_product_type_not_spot(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "BTCUSD",
                    "base_currency": "BTC",
                    "quote_currency": "USD",
                    "tick_size": 1e-08,
                    "quote_increment": 0.01,
                    "min_order_size": "0.00001",
                    "status": "open",
                    "wrap_enabled": False,
                    "product_type": "NOT_spot",
                    "contract_type": "vanilla",
                    "contract_price_currency": "USD",
                }
            )
        )

    def test_exchange_information_is_invalid_when_status_not_open(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "BTCUSD",
                    "base_currency": "BTC",
                    "quote_currency": "USD",
                    "tick_size": 1e-08,
                    "quote_increment": 0.01,
                    "min_order_size": "0.00001",
                    "status": "NOT_open",
                    "wrap_enabled": False,
                    "product_type": "spot",
                    "contract_type": "vanilla",
                    "contract_price_currency": "USD",
                }
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.002"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.004"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_gemini_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("gemini", keys.connector)
        self.assertEqual(["gemini_api_key", "gemini_api_secret"], [name for name in fields if name != "connector"])
        self.assertEqual(
            {"prompt": "Enter your Gemini API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["gemini_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your Gemini API secret",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["gemini_api_secret"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("GeminiConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual([], getattr(utils, "OTHER_DOMAINS", []))

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["gemini"], sorted(discovered))
        setting = discovered["gemini"]
        self.assertEqual(
            {
                "name": "gemini",
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
        self.assertEqual(Decimal("0.002"), setting.trade_fee_schema.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.004"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual("hummingbot.connector.exchange.gemini.gemini_exchange", setting.module_path())
        self.assertEqual("GeminiExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(importlib.import_module("hummingbot.connector.exchange.gemini.gemini_exchange"), "GeminiExchange"),
            type(connector),
        )
        self.assertEqual("gemini", connector.name)
        self.assertEqual("com", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "gemini")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
