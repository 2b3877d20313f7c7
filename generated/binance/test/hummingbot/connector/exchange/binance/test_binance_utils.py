import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.binance import binance_utils as utils


class BinanceUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "symbol": "ETHBTC",
                    "status": "TRADING",
                    "baseAsset": "ETH",
                    "baseAssetPrecision": 8,
                    "quoteAsset": "BTC",
                    "quotePrecision": 8,
                    "quoteAssetPrecision": 8,
                    "baseCommissionPrecision": 8,
                    "quoteCommissionPrecision": 8,
                    "orderTypes": [
                        "LIMIT",
                        "LIMIT_MAKER",
                        "MARKET",
                        "STOP_LOSS",
                        "STOP_LOSS_LIMIT",
                        "TAKE_PROFIT",
                        "TAKE_PROFIT_LIMIT",
                    ],
                    "icebergAllowed": True,
                    "ocoAllowed": True,
                    "otoAllowed": True,
                    "quoteOrderQtyMarketAllowed": True,
                    "allowTrailingStop": False,
                    "cancelReplaceAllowed": False,
                    "isSpotTradingAllowed": True,
                    "isMarginTradingAllowed": True,
                    "filters": [
                        {
                            "filterType": "PRICE_FILTER",
                            "minPrice": "0.00000100",
                            "maxPrice": "100000.00000000",
                            "tickSize": "0.00000100",
                        },
                        {
                            "filterType": "LOT_SIZE",
                            "minQty": "0.00100000",
                            "maxQty": "100000.00000000",
                            "stepSize": "0.00100000",
                        },
                        {
                            "filterType": "NOTIONAL",
                            "minNotional": "0.00010000",
                            "applyMinToMarket": True,
                            "maxNotional": "9000000.00000000",
                            "applyMaxToMarket": False,
                            "avgPriceMins": 5,
                        },
                    ],
                    "permissions": [],
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "NONE",
                    "allowedSelfTradePreventionModes": ["NONE"],
                }
            )
        )

    def test_exchange_information_is_invalid_when_status_not_trading(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "ETHBTC",
                    "status": "NOT_TRADING",
                    "baseAsset": "ETH",
                    "baseAssetPrecision": 8,
                    "quoteAsset": "BTC",
                    "quotePrecision": 8,
                    "quoteAssetPrecision": 8,
                    "baseCommissionPrecision": 8,
                    "quoteCommissionPrecision": 8,
                    "orderTypes": [
                        "LIMIT",
                        "LIMIT_MAKER",
                        "MARKET",
                        "STOP_LOSS",
                        "STOP_LOSS_LIMIT",
                        "TAKE_PROFIT",
                        "TAKE_PROFIT_LIMIT",
                    ],
                    "icebergAllowed": True,
                    "ocoAllowed": True,
                    "otoAllowed": True,
                    "quoteOrderQtyMarketAllowed": True,
                    "allowTrailingStop": False,
                    "cancelReplaceAllowed": False,
                    "isSpotTradingAllowed": True,
                    "isMarginTradingAllowed": True,
                    "filters": [
                        {
                            "filterType": "PRICE_FILTER",
                            "minPrice": "0.00000100",
                            "maxPrice": "100000.00000000",
                            "tickSize": "0.00000100",
                        },
                        {
                            "filterType": "LOT_SIZE",
                            "minQty": "0.00100000",
                            "maxQty": "100000.00000000",
                            "stepSize": "0.00100000",
                        },
                        {
                            "filterType": "NOTIONAL",
                            "minNotional": "0.00010000",
                            "applyMinToMarket": True,
                            "maxNotional": "9000000.00000000",
                            "applyMaxToMarket": False,
                            "avgPriceMins": 5,
                        },
                    ],
                    "permissions": [],
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "NONE",
                    "allowedSelfTradePreventionModes": ["NONE"],
                }
            )
        )

    def test_exchange_information_is_invalid_when_permissionsets_without_spot(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "ETHBTC",
                    "status": "TRADING",
                    "baseAsset": "ETH",
                    "baseAssetPrecision": 8,
                    "quoteAsset": "BTC",
                    "quotePrecision": 8,
                    "quoteAssetPrecision": 8,
                    "baseCommissionPrecision": 8,
                    "quoteCommissionPrecision": 8,
                    "orderTypes": [
                        "LIMIT",
                        "LIMIT_MAKER",
                        "MARKET",
                        "STOP_LOSS",
                        "STOP_LOSS_LIMIT",
                        "TAKE_PROFIT",
                        "TAKE_PROFIT_LIMIT",
                    ],
                    "icebergAllowed": True,
                    "ocoAllowed": True,
                    "otoAllowed": True,
                    "quoteOrderQtyMarketAllowed": True,
                    "allowTrailingStop": False,
                    "cancelReplaceAllowed": False,
                    "isSpotTradingAllowed": True,
                    "isMarginTradingAllowed": True,
                    "filters": [
                        {
                            "filterType": "PRICE_FILTER",
                            "minPrice": "0.00000100",
                            "maxPrice": "100000.00000000",
                            "tickSize": "0.00000100",
                        },
                        {
                            "filterType": "LOT_SIZE",
                            "minQty": "0.00100000",
                            "maxQty": "100000.00000000",
                            "stepSize": "0.00100000",
                        },
                        {
                            "filterType": "NOTIONAL",
                            "minNotional": "0.00010000",
                            "applyMinToMarket": True,
                            "maxNotional": "9000000.00000000",
                            "applyMaxToMarket": False,
                            "avgPriceMins": 5,
                        },
                    ],
                    "permissions": [],
                    "permissionSets": [["NOT_SPOT"]],
                    "defaultSelfTradePreventionMode": "NONE",
                    "allowedSelfTradePreventionModes": ["NONE"],
                }
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.001"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.001"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(True, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_binance_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("binance", keys.connector)
        self.assertEqual(["binance_api_key", "binance_api_secret"], [name for name in fields if name != "connector"])
        self.assertEqual(
            {"prompt": "Enter your Binance API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["binance_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your Binance API secret",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["binance_api_secret"].json_schema_extra,
        )

    def test_binance_us_config_map_asks_for_secure_connect_keys(self):
        keys = utils.OTHER_DOMAINS_KEYS["binance_us"]
        fields = type(keys).model_fields

        self.assertEqual("binance_us", keys.connector)
        self.assertEqual(
            ["binance_us_api_key", "binance_us_api_secret"], [name for name in fields if name != "connector"]
        )
        self.assertEqual(
            {"prompt": "Enter your Binance API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["binance_us_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your Binance API secret",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["binance_us_api_secret"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("BinanceConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual(["binance_us"], getattr(utils, "OTHER_DOMAINS", []))
        self.assertEqual({"binance_us": "us"}, utils.OTHER_DOMAINS_PARAMETER)
        self.assertEqual({"binance_us": "BTC-USDT"}, utils.OTHER_DOMAINS_EXAMPLE_PAIR)
        self.assertEqual(["binance_us"], list(utils.OTHER_DOMAINS_KEYS))
        self.assertEqual(["binance_us"], list(utils.OTHER_DOMAINS_DEFAULT_FEES))
        for fees in utils.OTHER_DOMAINS_DEFAULT_FEES.values():
            self.assertEqual(Decimal("0.001"), fees.maker_percent_fee_decimal)
            self.assertEqual(Decimal("0.001"), fees.taker_percent_fee_decimal)

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["binance", "binance_us"], sorted(discovered))
        setting = discovered["binance"]
        self.assertEqual(
            {
                "name": "binance",
                "example_pair": "ZRX-ETH",
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
        self.assertEqual("hummingbot.connector.exchange.binance.binance_exchange", setting.module_path())
        self.assertEqual("BinanceExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(
                importlib.import_module("hummingbot.connector.exchange.binance.binance_exchange"), "BinanceExchange"
            ),
            type(connector),
        )
        self.assertEqual("binance", connector.name)
        self.assertEqual("com", connector.domain)
        setting = discovered["binance_us"]
        self.assertEqual(
            {
                "name": "binance_us",
                "example_pair": "BTC-USDT",
                "centralised": True,
                "is_sub_domain": True,
                "parent_name": "binance",
                "domain_parameter": "us",
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
        self.assertEqual("hummingbot.connector.exchange.binance.binance_exchange", setting.module_path())
        self.assertEqual("BinanceExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(
                importlib.import_module("hummingbot.connector.exchange.binance.binance_exchange"), "BinanceExchange"
            ),
            type(connector),
        )
        self.assertEqual("binance_us", connector.name)
        self.assertEqual("us", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "binance")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
