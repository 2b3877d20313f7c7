import importlib
import tempfile
import unittest
import zlib
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.bitmart import bitmart_utils as utils


class BitmartUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                {
                    "symbol": "GXC_BTC",
                    "symbol_id": 1024,
                    "base_currency": "GXC",
                    "quote_currency": "BTC",
                    "quote_increment": "1.00000000",
                    "base_min_size": "1.00000000",
                    "base_max_size": "10000000.00000000",
                    "price_min_precision": 6,
                    "price_max_precision": 8,
                    "expiration": "NA",
                    "min_buy_amount": "0.00010000",
                    "min_sell_amount": "0.00010000",
                    "trade_status": "trading",
                }
            )
        )

    def test_exchange_information_is_invalid_when_trade_status_not_trading(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                {
                    "symbol": "GXC_BTC",
                    "symbol_id": 1024,
                    "base_currency": "GXC",
                    "quote_currency": "BTC",
                    "quote_increment": "1.00000000",
                    "base_min_size": "1.00000000",
                    "base_max_size": "10000000.00000000",
                    "price_min_precision": 6,
                    "price_max_precision": 8,
                    "expiration": "NA",
                    "min_buy_amount": "0.00010000",
                    "min_sell_amount": "0.00010000",
                    "trade_status": "NOT_trading",
                }
            )
        )

    def test_decompress_ws_message_inflates_a_compressed_frame(self):
        text = '{"table": "spot/trade", "data": []}'
        frame = self._compressed(text)

        self.assertEqual(text, utils.decompress_ws_message(frame))
        # A text frame is already plain.
        self.assertEqual(text, utils.decompress_ws_message(text))

    def test_compress_ws_message_compresses_as_the_exchange_does(self):
        text = '{"event": "subscribe"}'
        frame = utils.compress_ws_message(text)

        self.assertIsInstance(frame, bytes)
        self.assertEqual(text, zlib.decompress(frame, -15).decode("utf-8"))

    @staticmethod
    def _compressed(text: str) -> bytes:
        """The frame as the exchange sends it: raw deflate (RFC 1951, no header)."""
        compressor = zlib.compressobj(wbits=-15)
        return compressor.compress(text.encode("utf-8")) + compressor.flush()

    def test_default_fees(self):
        self.assertEqual(Decimal("0.0025"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.0025"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_bitmart_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("bitmart", keys.connector)
        self.assertEqual(
            ["bitmart_api_key", "bitmart_secret_key", "bitmart_memo"], [name for name in fields if name != "connector"]
        )
        self.assertEqual(
            {"prompt": "Enter your BitMart API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["bitmart_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your BitMart secret key",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["bitmart_secret_key"].json_schema_extra,
        )
        self.assertEqual(
            {"prompt": "Enter your BitMart API Memo", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["bitmart_memo"].json_schema_extra,
        )

    def test_config_map_class_name(self):
        self.assertEqual("BitmartConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual([], getattr(utils, "OTHER_DOMAINS", []))

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["bitmart"], sorted(discovered))
        setting = discovered["bitmart"]
        self.assertEqual(
            {
                "name": "bitmart",
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
        self.assertEqual(Decimal("0.0025"), setting.trade_fee_schema.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.0025"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual("hummingbot.connector.exchange.bitmart.bitmart_exchange", setting.module_path())
        self.assertEqual("BitmartExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(
                importlib.import_module("hummingbot.connector.exchange.bitmart.bitmart_exchange"), "BitmartExchange"
            ),
            type(connector),
        )
        self.assertEqual("bitmart", connector.name)
        self.assertEqual("com", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "bitmart")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
