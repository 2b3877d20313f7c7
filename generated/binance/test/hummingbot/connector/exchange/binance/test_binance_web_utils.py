from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase

from aioresponses import aioresponses
from yarl import URL

from hummingbot.connector.exchange.binance import binance_constants as CONSTANTS, binance_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class BinanceWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api.binance.com/api/v3/ping", web_utils.public_rest_url(path_url=CONSTANTS.PING_PATH_URL)
        )
        for domain, expected_url in [
            ("com", "https://api.binance.com/api/v3/ping"),
            ("us", "https://api.binance.us/api/v3/ping"),
        ]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.PING_PATH_URL, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api.binance.com/api/v3/account", web_utils.private_rest_url(path_url=CONSTANTS.ACCOUNTS_PATH_URL)
        )
        for domain, expected_url in [
            ("com", "https://api.binance.com/api/v3/account"),
            ("us", "https://api.binance.us/api/v3/account"),
        ]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.ACCOUNTS_PATH_URL, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "REQUEST_WEIGHT": (6000, 60.0, []),
                "ORDERS": (100, 10.0, []),
                "ORDERS_24HR": (200000, 86400.0, []),
                "RAW_REQUESTS": (61000, 300.0, []),
                "/ping": (5000, 60.0, [("REQUEST_WEIGHT", 1), ("RAW_REQUESTS", 1)]),
                "/time": (5000, 60.0, [("REQUEST_WEIGHT", 1), ("RAW_REQUESTS", 1)]),
                "/exchangeInfo": (5000, 60.0, [("REQUEST_WEIGHT", 20), ("RAW_REQUESTS", 1)]),
                "/ticker/24hr": (5000, 60.0, [("REQUEST_WEIGHT", 2), ("RAW_REQUESTS", 1)]),
                "/depth": (5000, 60.0, [("REQUEST_WEIGHT", 50), ("RAW_REQUESTS", 1)]),
                "/order": (5000, 60.0, [("REQUEST_WEIGHT", 4), ("ORDERS", 1), ("ORDERS_24HR", 1), ("RAW_REQUESTS", 1)]),
                "/openOrders": (5000, 60.0, [("REQUEST_WEIGHT", 6), ("RAW_REQUESTS", 1)]),
                "/myTrades": (5000, 60.0, [("REQUEST_WEIGHT", 20), ("RAW_REQUESTS", 1)]),
                "/account": (5000, 60.0, [("REQUEST_WEIGHT", 20), ("RAW_REQUESTS", 1)]),
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

    async def test_get_current_server_time_converts_documented_server_time_from_ms_to_ms(self):
        for domain, url in [
            ("com", "https://api.binance.com/api/v3/time"),
            ("us", "https://api.binance.us/api/v3/time"),
        ]:
            with self.subTest(domain=domain), aioresponses() as mock_api:
                mock_api.get(url, payload={"serverTime": 1640000001234})

                self.assertEqual(1640000001234.0, await web_utils.get_current_server_time(domain=domain))

    async def test_build_api_factory_creates_working_assistants(self):
        time_synchronizer = TimeSynchronizer()
        api_factory = web_utils.build_api_factory(time_synchronizer=time_synchronizer)
        self.addAsyncCleanup(api_factory.close)
        rest_assistant = await api_factory.get_rest_assistant()

        with aioresponses() as mock_api:
            mock_api.get("https://api.binance.com/api/v3/time", payload={"serverTime": 1640000001234})
            mock_api.get("https://api.binance.com/api/v3/ping", payload={})
            response = await rest_assistant.execute_request(
                url="https://api.binance.com/api/v3/ping",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.PING_PATH_URL,
            )
            time_requests = mock_api.requests[("GET", URL("https://api.binance.com/api/v3/time"))]

        self.assertEqual({}, response)
        # The assistant synchronized the clock with the server before its first request.
        self.assertEqual(1, len(time_requests))
        self.assertAlmostEqual(1640000001.234, time_synchronizer.time(), delta=1)
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
