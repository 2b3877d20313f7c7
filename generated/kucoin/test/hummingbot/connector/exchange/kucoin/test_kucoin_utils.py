import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.kucoin import kucoin_utils as utils


class KucoinUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "symbol": "BTC-USDT",
                    "name": "BTC-USDT",
                    "baseCurrency": "BTC",
                    "quoteCurrency": "USDT",
                    "feeCurrency": "USDT",
                    "market": "USDS",
                    "baseMinSize": "0.00001",
                    "quoteMinSize": "0.1",
                    "baseMaxSize": "10000000000",
                    "quoteMaxSize": "99999999",
                    "baseIncrement": "0.00000001",
                    "quoteIncrement": "0.000001",
                    "priceIncrement": "0.1",
                    "priceLimitRate": "0.1",
                    "minFunds": "0.1",
                    "isMarginEnabled": True,
                    "enableTrading": True,
                    "feeCategory": 1,
                    "makerFeeCoefficient": "1.00",
                    "takerFeeCoefficient": "1.00",
                    "st": False,
                }
            )
        )

    def test_exchange_information_is_invalid_when_enabletrading_false(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "BTC-USDT",
                    "name": "BTC-USDT",
                    "baseCurrency": "BTC",
                    "quoteCurrency": "USDT",
                    "feeCurrency": "USDT",
                    "market": "USDS",
                    "baseMinSize": "0.00001",
                    "quoteMinSize": "0.1",
                    "baseMaxSize": "10000000000",
                    "quoteMaxSize": "99999999",
                    "baseIncrement": "0.00000001",
                    "quoteIncrement": "0.000001",
                    "priceIncrement": "0.1",
                    "priceLimitRate": "0.1",
                    "minFunds": "0.1",
                    "isMarginEnabled": True,
                    "enableTrading": False,
                    "feeCategory": 1,
                    "makerFeeCoefficient": "1.00",
                    "takerFeeCoefficient": "1.00",
                    "st": False,
                }
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.001"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_kucoin_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("kucoin", keys.connector)
        self.assertEqual(
            ["kucoin_api_key", "kucoin_passphrase", "kucoin_secret_key"],
            [name for name in fields if name != "connector"],
        )
        self.assertEqual(
            {"prompt": "Enter your KuCoin API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["kucoin_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your KuCoin API key passphrase",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["kucoin_passphrase"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your KuCoin secret key",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["kucoin_secret_key"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("KuCoinConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual([], getattr(utils, "OTHER_DOMAINS", []))

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["kucoin"], sorted(discovered))
        setting = discovered["kucoin"]
        self.assertEqual(
            {
                "name": "kucoin",
                "example_pair": "ETH-USDT",
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
        self.assertEqual("hummingbot.connector.exchange.kucoin.kucoin_exchange", setting.module_path())
        self.assertEqual("KucoinExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(importlib.import_module("hummingbot.connector.exchange.kucoin.kucoin_exchange"), "KucoinExchange"),
            type(connector),
        )
        self.assertEqual("kucoin", connector.name)
        self.assertEqual("main", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "kucoin")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
