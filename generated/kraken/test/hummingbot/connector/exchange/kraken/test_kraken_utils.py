import importlib
import tempfile
import unittest
from decimal import Decimal
from pathlib import Path
from unittest.mock import patch

from hummingbot.client import settings
from hummingbot.client.config.config_helpers import ClientConfigAdapter, api_keys_from_connector_config_map
from hummingbot.client.settings import AllConnectorSettings, ConnectorType
from hummingbot.connector.exchange.kraken import kraken_constants as CONSTANTS, kraken_utils as utils


class KrakenUtilsTests(unittest.TestCase):
    def test_exchange_information_of_documented_trading_pair_is_valid(self):
        self.assertTrue(
            utils.is_exchange_information_valid(
                [
                    "XETHXXBT",
                    {
                        "altname": "ETHXBT",
                        "wsname": True,
                        "aclass_base": "currency",
                        "base": "XETH",
                        "aclass_quote": "currency",
                        "quote": "XXBT",
                        "lot": "unit",
                        "cost_decimals": 6,
                        "pair_decimals": 5,
                        "lot_decimals": 8,
                        "lot_multiplier": 1,
                        "leverage_buy": [2, 3, 4, 5],
                        "leverage_sell": [2, 3, 4, 5],
                        "fees": [
                            [0, 0.26],
                            [50000, 0.24],
                            [100000, 0.22],
                            [250000, 0.2],
                            [500000, 0.18],
                            [1000000, 0.16],
                            [2500000, 0.14],
                            [5000000, 0.12],
                            [10000000, 0.1],
                        ],
                        "fees_maker": [
                            [0, 0.16],
                            [50000, 0.14],
                            [100000, 0.12],
                            [250000, 0.1],
                            [500000, 0.08],
                            [1000000, 0.06],
                            [2500000, 0.04],
                            [5000000, 0.02],
                            [10000000, 0],
                        ],
                        "fee_volume_currency": "ZUSD",
                        "margin_call": 80,
                        "margin_stop": 40,
                        "ordermin": "0.01",
                        "costmin": "0.00002",
                        "tick_size": "0.00001",
                        "status": "online",
                        "long_position_limit": 1100,
                        "short_position_limit": 400,
                    },
                ]
            )
        )

    def test_exchange_information_is_invalid_when_1_wsname_false(self):
        self.assertFalse(
            utils.is_exchange_information_valid(
                [
                    "XETHXXBT",
                    {
                        "altname": "ETHXBT",
                        "wsname": False,
                        "aclass_base": "currency",
                        "base": "XETH",
                        "aclass_quote": "currency",
                        "quote": "XXBT",
                        "lot": "unit",
                        "cost_decimals": 6,
                        "pair_decimals": 5,
                        "lot_decimals": 8,
                        "lot_multiplier": 1,
                        "leverage_buy": [2, 3, 4, 5],
                        "leverage_sell": [2, 3, 4, 5],
                        "fees": [
                            [0, 0.26],
                            [50000, 0.24],
                            [100000, 0.22],
                            [250000, 0.2],
                            [500000, 0.18],
                            [1000000, 0.16],
                            [2500000, 0.14],
                            [5000000, 0.12],
                            [10000000, 0.1],
                        ],
                        "fees_maker": [
                            [0, 0.16],
                            [50000, 0.14],
                            [100000, 0.12],
                            [250000, 0.1],
                            [500000, 0.08],
                            [1000000, 0.06],
                            [2500000, 0.04],
                            [5000000, 0.02],
                            [10000000, 0],
                        ],
                        "fee_volume_currency": "ZUSD",
                        "margin_call": 80,
                        "margin_stop": 40,
                        "ordermin": "0.01",
                        "costmin": "0.00002",
                        "tick_size": "0.00001",
                        "status": "online",
                        "long_position_limit": 1100,
                        "short_position_limit": 400,
                    },
                ]
            )
        )

    def test_default_fees(self):
        self.assertEqual(Decimal("0.0025"), utils.DEFAULT_FEES.maker_percent_fee_decimal)
        self.assertEqual(Decimal("0.004"), utils.DEFAULT_FEES.taker_percent_fee_decimal)
        self.assertEqual(False, utils.DEFAULT_FEES.buy_percent_fee_deducted_from_returns)

    def test_kraken_config_map_asks_for_secure_connect_keys(self):
        keys = utils.KEYS
        fields = type(keys).model_fields

        self.assertEqual("kraken", keys.connector)
        self.assertEqual(
            ["kraken_api_key", "kraken_secret_key", "kraken_api_tier"], [name for name in fields if name != "connector"]
        )
        self.assertEqual(
            {"prompt": "Enter your Kraken API key", "is_secure": True, "is_connect_key": True, "prompt_on_new": True},
            fields["kraken_api_key"].json_schema_extra,
        )
        self.assertEqual(
            {
                "prompt": "Enter your Kraken secret key",
                "is_secure": True,
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["kraken_secret_key"].json_schema_extra,
        )
        # The account tier: not secret, passed to the connector as its kraken_api_tier argument.
        self.assertEqual(
            {
                "prompt": "Enter your Kraken API Tier (Starter/Intermediate/Pro)",
                "is_connect_key": True,
                "prompt_on_new": True,
            },
            fields["kraken_api_tier"].json_schema_extra,
        )
        self.assertEqual("STARTER", fields["kraken_api_tier"].default)

    def test_kraken_config_map_accepts_each_api_tier_in_any_case(self):
        config_class = type(utils.KEYS)
        credentials = {
            name: "key"
            for name in ["kraken_api_key", "kraken_secret_key", "kraken_api_tier"]
            if name != "kraken_api_tier"
        }
        for tier, written in [
            ("STARTER", "STARTER"),
            ("STARTER", "starter"),
            ("STARTER", "Starter"),
            ("INTERMEDIATE", "INTERMEDIATE"),
            ("INTERMEDIATE", "intermediate"),
            ("INTERMEDIATE", "Intermediate"),
            ("PRO", "PRO"),
            ("PRO", "pro"),
            ("PRO", "Pro"),
        ]:
            with self.subTest(written=written):
                config = config_class(**credentials, kraken_api_tier=written)
                # Kept as the user wrote it.
                self.assertEqual(written, config.kraken_api_tier)
        with self.assertRaises(ValueError):
            config_class(**credentials, kraken_api_tier="NOT_STARTER_INTERMEDIATE_PRO")

    # Each tier's rate limits as the spec writes them: {limit id: (limit, time interval, [(linked limit id, weight)])}
    TIER_RATE_LIMITS = {
        "STARTER": {
            "PUBLIC_ENDPOINT_LIMIT_ID": (1, 1.0, []),
            "PRIVATE_ENDPOINT_LIMIT_ID": (35, 60.0, []),
            "MATCHING_ENGINE_LIMIT_ID": (120, 60.0, []),
            "/0/public/Time": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/Ticker": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/Depth": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/AssetPairs": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/GetWebSocketsToken": (35, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/AddOrder": (120, 60.0, [("MATCHING_ENGINE_LIMIT_ID", 1)]),
            "/0/private/CancelOrder": (120, 60.0, [("MATCHING_ENGINE_LIMIT_ID", 1)]),
            "/0/private/BalanceEx": (35, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/OpenOrders": (35, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/QueryOrders": (35, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/QueryTrades": (35, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 2)]),
        },
        "INTERMEDIATE": {
            "PUBLIC_ENDPOINT_LIMIT_ID": (1, 1.0, []),
            "PRIVATE_ENDPOINT_LIMIT_ID": (50, 60.0, []),
            "MATCHING_ENGINE_LIMIT_ID": (265, 60.0, []),
            "/0/public/Time": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/Ticker": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/Depth": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/AssetPairs": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/GetWebSocketsToken": (50, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/AddOrder": (265, 60.0, [("MATCHING_ENGINE_LIMIT_ID", 1)]),
            "/0/private/CancelOrder": (265, 60.0, [("MATCHING_ENGINE_LIMIT_ID", 1)]),
            "/0/private/BalanceEx": (50, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/OpenOrders": (50, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/QueryOrders": (50, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/QueryTrades": (50, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 2)]),
        },
        "PRO": {
            "PUBLIC_ENDPOINT_LIMIT_ID": (1, 1.0, []),
            "PRIVATE_ENDPOINT_LIMIT_ID": (80, 60.0, []),
            "MATCHING_ENGINE_LIMIT_ID": (405, 60.0, []),
            "/0/public/Time": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/Ticker": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/Depth": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/public/AssetPairs": (1, 1.0, [("PUBLIC_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/GetWebSocketsToken": (80, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/AddOrder": (405, 60.0, [("MATCHING_ENGINE_LIMIT_ID", 1)]),
            "/0/private/CancelOrder": (405, 60.0, [("MATCHING_ENGINE_LIMIT_ID", 1)]),
            "/0/private/BalanceEx": (80, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/OpenOrders": (80, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/QueryOrders": (80, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 1)]),
            "/0/private/QueryTrades": (80, 60.0, [("PRIVATE_ENDPOINT_LIMIT_ID", 2)]),
        },
    }

    def test_rate_limits_of_each_account_tier(self):
        self.assertEqual(["STARTER", "INTERMEDIATE", "PRO"], [tier.name for tier in CONSTANTS.KrakenAPITier])
        self.assertEqual(["STARTER", "INTERMEDIATE", "PRO"], [tier.value for tier in CONSTANTS.KrakenAPITier])
        for tier, expected in self.TIER_RATE_LIMITS.items():
            with self.subTest(tier=tier):
                self.assertEqual(
                    expected, self.rate_limits(utils.build_rate_limits_by_tier(CONSTANTS.KrakenAPITier[tier]))
                )
        # Without a tier: the default one, whose limits are RATE_LIMITS.
        self.assertEqual(self.TIER_RATE_LIMITS["STARTER"], self.rate_limits(utils.build_rate_limits_by_tier()))
        self.assertEqual(self.TIER_RATE_LIMITS["STARTER"], self.rate_limits(CONSTANTS.RATE_LIMITS))

    def test_a_saved_api_tier_reaches_the_connector_throttler(self):
        """Hummingbot passes a saved configuration's tier (written in any case) to the connector, as it does the
        API keys; the connector's throttler applies that tier's limits."""
        discovered = self.discover_connectors()
        setting = discovered["kraken"]
        credentials = {
            name: "key"
            for name in ["kraken_api_key", "kraken_secret_key", "kraken_api_tier"]
            if name != "kraken_api_tier"
        }
        config = type(utils.KEYS)(**credentials, kraken_api_tier="pro")
        api_keys = api_keys_from_connector_config_map(ClientConfigAdapter(config))
        self.assertEqual("pro", api_keys["kraken_api_tier"])
        parameters = setting.conn_init_parameters(trading_pairs=[], trading_required=False, api_keys=api_keys)
        connector_class = getattr(
            importlib.import_module("hummingbot.connector.exchange.kraken.kraken_exchange"), "KrakenExchange"
        )
        connector = connector_class(**setting.add_domain_parameter(parameters))
        self.assertEqual(self.TIER_RATE_LIMITS["PRO"], self.rate_limits(connector._throttler._rate_limits))

    @staticmethod
    def rate_limits(rate_limits):
        return {
            limit.limit_id: (
                limit.limit,
                limit.time_interval,
                [(linked.limit_id, linked.weight) for linked in limit.linked_limits],
            )
            for limit in rate_limits
        }

    def test_config_map_class_name(self):
        self.assertEqual("KrakenConfigMap", type(utils.KEYS).__name__)

    def test_other_domains(self):
        self.assertEqual([], getattr(utils, "OTHER_DOMAINS", []))

    def test_hummingbot_connector_discovery_registers_every_domain(self):
        """Hummingbot's own scan of hummingbot/connector/TYPE/NAME accepts the utils module, domains included."""
        discovered = self.discover_connectors()

        self.assertEqual(["kraken"], sorted(discovered))
        setting = discovered["kraken"]
        self.assertEqual(
            {
                "name": "kraken",
                "example_pair": "ETH-USDC",
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
        self.assertEqual(Decimal("0.004"), setting.trade_fee_schema.taker_percent_fee_decimal)
        self.assertEqual("hummingbot.connector.exchange.kraken.kraken_exchange", setting.module_path())
        self.assertEqual("KrakenExchange", setting.class_name())
        connector = setting.non_trading_connector_instance_with_default_configuration()
        self.assertIs(
            getattr(importlib.import_module("hummingbot.connector.exchange.kraken.kraken_exchange"), "KrakenExchange"),
            type(connector),
        )
        self.assertEqual("kraken", connector.name)
        self.assertEqual("kraken", connector.domain)

    def discover_connectors(self):
        """Runs AllConnectorSettings.create_connector_settings over a tree holding only this connector's package."""
        saved_settings = AllConnectorSettings.all_connector_settings
        self.addCleanup(setattr, AllConnectorSettings, "all_connector_settings", saved_settings)
        with tempfile.TemporaryDirectory() as root:
            package = Path(root, "hummingbot", "connector", "exchange", "kraken")
            package.mkdir(parents=True)
            (package / "__init__.py").touch()
            with patch.object(settings, "root_path", return_value=Path(root)):
                return AllConnectorSettings.create_connector_settings()
