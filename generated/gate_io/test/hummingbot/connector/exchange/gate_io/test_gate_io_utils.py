import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.gate_io import gate_io_utils as utils


class GateIoUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "id": "ETH_USDT",
                    "base": "ETH",
                    "base_name": "Ethereum",
                    "quote": "USDT",
                    "quote_name": "Tether",
                    "fee": "0.2",
                    "min_base_amount": "0.001",
                    "min_quote_amount": "1.0",
                    "max_base_amount": "10000",
                    "max_quote_amount": "10000000",
                    "amount_precision": 3,
                    "precision": 6,
                    "trade_status": "tradable",
                    "sell_start": 1516378650,
                    "buy_start": 1516378650,
                    "delisting_time": 0,
                    "trade_url": "https://www.gate.io/trade/BTC_USDT",
                    "st_tag": False,
                }
            )
        )

    def test_exchange_information_is_invalid_when_trade_status_not_tradable(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "id": "ETH_USDT",
                    "base": "ETH",
                    "base_name": "Ethereum",
                    "quote": "USDT",
                    "quote_name": "Tether",
                    "fee": "0.2",
                    "min_base_amount": "0.001",
                    "min_quote_amount": "1.0",
                    "max_base_amount": "10000",
                    "max_quote_amount": "10000000",
                    "amount_precision": 3,
                    "precision": 6,
                    "trade_status": "NOT_tradable",
                    "sell_start": 1516378650,
                    "buy_start": 1516378650,
                    "delisting_time": 0,
                    "trade_url": "https://www.gate.io/trade/BTC_USDT",
                    "st_tag": False,
                }
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.002"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.002"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_gate_io_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("gate_io", keys.connector)
        self.assertEqual(["gate_io_api_key", "gate_io_secret_key"], [name for name in fields if name != "connector"])
        self.assertEqual(
            {"prompt": "Enter your Gate.io API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["gate_io_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your Gate.io secret key",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["gate_io_secret_key"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("GateIOConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual([], getattr(utils, "OTHER_DOMAINS", []))

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["gate_io"], sorted(discovered))
        setting = discovered["gate_io"]
        self.assertEqual(
            {
                "name": "gate_io",
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
        self.assertEqual(Decimal("0.002"), setting.trade_fee_schema.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.002"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual("hummingbot.connector.exchange.gate_io.gate_io_exchange", setting.module_path())
        self.assertEqual("GateIoExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(
                importlib.import_module("hummingbot.connector.exchange.gate_io.gate_io_exchange"), "GateIoExchange"
            ),
            type(connector),
        )
        self.assertEqual("gate_io", connector.name)
        self.assertEqual("io", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "gate_io")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
