from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import patch

from aioresponses import aioresponses

from hummingbot.connector.exchange.kraken import kraken_constants as CONSTANTS, kraken_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class KrakenWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api.kraken.com/0/public/Ticker", web_utils.public_rest_url(path_url=CONSTANTS.TICKER_PATH_URL)
        )
        for domain, expected_url in [("kraken", "https://api.kraken.com/0/public/Ticker")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.TICKER_PATH_URL, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api.kraken.com/0/private/BalanceEx",
            web_utils.private_rest_url(path_url=CONSTANTS.BALANCE_PATH_URL),
        )
        for domain, expected_url in [("kraken", "https://api.kraken.com/0/private/BalanceEx")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.BALANCE_PATH_URL, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
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
            {
                limit.limit_id: (
                    limit.limit,
                    limit.time_interval,
                    [(linked.limit_id, linked.weight) for linked in limit.linked_limits],
                )
                for limit in throttler._rate_limits
            },
        )

    async def test_get_current_server_time_returns_local_time_in_ms(self):
        with patch.object(web_utils.time, "time", return_value=1640000000.25):
            self.assertEqual(1640000000250.0, await web_utils.get_current_server_time())

    async def test_build_api_factory_creates_working_assistants(self):
        time_synchronizer = TimeSynchronizer()
        api_factory = web_utils.build_api_factory(time_synchronizer=time_synchronizer)
        self.addAsyncCleanup(api_factory.close)
        rest_assistant = await api_factory.get_rest_assistant()

        with aioresponses() as mock_api:
            mock_api.get(
                "https://api.kraken.com/0/public/Ticker",
                payload={
                    "error": [],
                    "result": {
                        "XXBTZUSD": {
                            "a": ["30300.10000", "1", "1.000"],
                            "b": ["30300.00000", "1", "1.000"],
                            "c": ["30303.20000", "0.00067643"],
                            "v": ["4083.67001100", "4412.73601799"],
                            "p": ["30706.77771", "30689.13205"],
                            "t": [34619, 38907],
                            "l": ["29868.30000", "29868.30000"],
                            "h": ["31631.00000", "31631.00000"],
                            "o": "30502.80000",
                        }
                    },
                },
            )
            response = await rest_assistant.execute_request(
                url="https://api.kraken.com/0/public/Ticker",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.TICKER_PATH_URL,
            )

        self.assertEqual(
            {
                "error": [],
                "result": {
                    "XXBTZUSD": {
                        "a": ["30300.10000", "1", "1.000"],
                        "b": ["30300.00000", "1", "1.000"],
                        "c": ["30303.20000", "0.00067643"],
                        "v": ["4083.67001100", "4412.73601799"],
                        "p": ["30706.77771", "30689.13205"],
                        "t": [34619, 38907],
                        "l": ["29868.30000", "29868.30000"],
                        "h": ["31631.00000", "31631.00000"],
                        "o": "30502.80000",
                    }
                },
            },
            response,
        )
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
