import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.okx import okx_utils as utils


class OkxUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "alias": "",
                    "baseCcy": "BTC",
                    "category": "1",
                    "ctMult": "",
                    "ctType": "",
                    "ctVal": "",
                    "ctValCcy": "",
                    "expTime": "",
                    "instFamily": "",
                    "instId": "BTC-USDT",
                    "instType": "SPOT",
                    "lever": "10",
                    "listTime": "1606468572000",
                    "lotSz": "0.00000001",
                    "maxIcebergSz": "9999999999.0000000000000000",
                    "maxLmtAmt": "1000000",
                    "maxLmtSz": "9999999999",
                    "maxMktAmt": "1000000",
                    "maxMktSz": "",
                    "maxStopSz": "",
                    "maxTriggerSz": "9999999999.0000000000000000",
                    "maxTwapSz": "9999999999.0000000000000000",
                    "minSz": "0.00001",
                    "optType": "",
                    "quoteCcy": "USDT",
                    "settleCcy": "",
                    "state": "live",
                    "stk": "",
                    "tickSz": "0.1",
                    "uly": "",
                }
            )
        )

    def test_exchange_information_is_invalid_when_insttype_not_spot(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "alias": "",
                    "baseCcy": "BTC",
                    "category": "1",
                    "ctMult": "",
                    "ctType": "",
                    "ctVal": "",
                    "ctValCcy": "",
                    "expTime": "",
                    "instFamily": "",
                    "instId": "BTC-USDT",
                    "instType": "NOT_SPOT",
                    "lever": "10",
                    "listTime": "1606468572000",
                    "lotSz": "0.00000001",
                    "maxIcebergSz": "9999999999.0000000000000000",
                    "maxLmtAmt": "1000000",
                    "maxLmtSz": "9999999999",
                    "maxMktAmt": "1000000",
                    "maxMktSz": "",
                    "maxStopSz": "",
                    "maxTriggerSz": "9999999999.0000000000000000",
                    "maxTwapSz": "9999999999.0000000000000000",
                    "minSz": "0.00001",
                    "optType": "",
                    "quoteCcy": "USDT",
                    "settleCcy": "",
                    "state": "live",
                    "stk": "",
                    "tickSz": "0.1",
                    "uly": "",
                }
            )
        )

    def test_exchange_information_is_invalid_when_state_not_live(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "alias": "",
                    "baseCcy": "BTC",
                    "category": "1",
                    "ctMult": "",
                    "ctType": "",
                    "ctVal": "",
                    "ctValCcy": "",
                    "expTime": "",
                    "instFamily": "",
                    "instId": "BTC-USDT",
                    "instType": "SPOT",
                    "lever": "10",
                    "listTime": "1606468572000",
                    "lotSz": "0.00000001",
                    "maxIcebergSz": "9999999999.0000000000000000",
                    "maxLmtAmt": "1000000",
                    "maxLmtSz": "9999999999",
                    "maxMktAmt": "1000000",
                    "maxMktSz": "",
                    "maxStopSz": "",
                    "maxTriggerSz": "9999999999.0000000000000000",
                    "maxTwapSz": "9999999999.0000000000000000",
                    "minSz": "0.00001",
                    "optType": "",
                    "quoteCcy": "USDT",
                    "settleCcy": "",
                    "state": "NOT_live",
                    "stk": "",
                    "tickSz": "0.1",
                    "uly": "",
                }
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.0008"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_okx_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("okx", keys.connector)
        self.assertEqual(
            ["okx_api_key", "okx_secret_key", "okx_passphrase"], [name for name in fields if name != "connector"]
        )
        self.assertEqual(
            {"prompt": "Enter your OKX API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["okx_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {"prompt": "Enter your OKX secret key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["okx_secret_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your OKX API key passphrase",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["okx_passphrase"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("OkxConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual([], getattr(utils, "OTHER_DOMAINS", []))

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["okx"], sorted(discovered))
        setting = discovered["okx"]
        self.assertEqual(
            {
                "name": "okx",
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
        self.assertEqual(Decimal("0.0008"), setting.trade_fee_schema.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual("hummingbot.connector.exchange.okx.okx_exchange", setting.module_path())
        self.assertEqual("OkxExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(importlib.import_module("hummingbot.connector.exchange.okx.okx_exchange"), "OkxExchange"),
            type(connector),
        )
        self.assertEqual("okx", connector.name)
        self.assertEqual("com", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "okx")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
