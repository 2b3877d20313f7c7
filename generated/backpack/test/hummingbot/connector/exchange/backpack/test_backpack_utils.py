import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.backpack import backpack_utils as utils


class BackpackUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "symbol": "SOL_USDC",
                    "baseSymbol": "SOL",
                    "quoteSymbol": "USDC",
                    "marketType": "SPOT",
                    "filters": {
                        "price": {"minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.01"},
                        "quantity": {"minQuantity": "0.01", "maxQuantity": "1000000", "stepSize": "0.01"},
                    },
                    "orderBookState": "Open",
                    "createdAt": "2024-01-16T00:00:00",
                    "visible": True,
                }
            )
        )

    def test_exchange_information_is_invalid_when_visible_false(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "SOL_USDC",
                    "baseSymbol": "SOL",
                    "quoteSymbol": "USDC",
                    "marketType": "SPOT",
                    "filters": {
                        "price": {"minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.01"},
                        "quantity": {"minQuantity": "0.01", "maxQuantity": "1000000", "stepSize": "0.01"},
                    },
                    "orderBookState": "Open",
                    "createdAt": "2024-01-16T00:00:00",
                    "visible": False,
                }
            )
        )

    def test_exchange_information_is_invalid_when_markettype_not_spot(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "SOL_USDC",
                    "baseSymbol": "SOL",
                    "quoteSymbol": "USDC",
                    "marketType": "NOT_SPOT",
                    "filters": {
                        "price": {"minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.01"},
                        "quantity": {"minQuantity": "0.01", "maxQuantity": "1000000", "stepSize": "0.01"},
                    },
                    "orderBookState": "Open",
                    "createdAt": "2024-01-16T00:00:00",
                    "visible": True,
                }
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.0008"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_backpack_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("backpack", keys.connector)
        self.assertEqual(["backpack_api_key", "backpack_api_secret"], [name for name in fields if name != "connector"])
        self.assertEqual(
            {"prompt": "Enter your Backpack API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["backpack_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your Backpack API secret",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["backpack_api_secret"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("BackpackConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual([], getattr(utils, "OTHER_DOMAINS", []))

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["backpack"], sorted(discovered))
        setting = discovered["backpack"]
        self.assertEqual(
            {
                "name": "backpack",
                "example_pair": "SOL-USDC",
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
        self.assertEqual(Decimal("0.0008"), setting.trade_fee_schema.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual("hummingbot.connector.exchange.backpack.backpack_exchange", setting.module_path())
        self.assertEqual("BackpackExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(
                importlib.import_module("hummingbot.connector.exchange.backpack.backpack_exchange"), "BackpackExchange"
            ),
            type(connector),
        )
        self.assertEqual("backpack", connector.name)
        self.assertEqual("exchange", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "backpack")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
