from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase

from aioresponses import aioresponses
from yarl import URL

from hummingbot.connector.exchange.kucoin import kucoin_constants as CONSTANTS, kucoin_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class KucoinWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api.kucoin.com/api/v1/timestamp",
            web_utils.public_rest_url(path_url=CONSTANTS.SERVER_TIME_PATH_URL),
        )
        for domain, expected_url in [("main", "https://api.kucoin.com/api/v1/timestamp")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.SERVER_TIME_PATH_URL, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api.kucoin.com/api/v1/accounts", web_utils.private_rest_url(path_url=CONSTANTS.ACCOUNTS_PATH_URL)
        )
        for domain, expected_url in [("main", "https://api.kucoin.com/api/v1/accounts")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.ACCOUNTS_PATH_URL, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "/api/v1/bullet-private": (400, 30.0, []),
                "/api/v1/timestamp": (666, 30.0, []),
                "/api/v2/symbols": (500, 30.0, []),
                "/api/v1/market/orderbook/level1": (1000, 30.0, []),
                "/api/v1/bullet-public": (200, 30.0, []),
                "/api/v1/market/orderbook/level2_100": (500, 30.0, []),
                "/api/v1/orders": (2000, 30.0, []),
                "ORDER_BY_ID": (2000, 30.0, []),
                "OPEN_ORDERS_LIMIT_ID": (2000, 30.0, []),
                "/api/v1/fills": (400, 30.0, []),
                "/api/v1/trade-fees": (1333, 30.0, []),
                "/api/v1/accounts": (800, 30.0, []),
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
        for domain, url in [("main", "https://api.kucoin.com/api/v1/timestamp")]:
            with self.subTest(domain=domain), aioresponses() as mock_api:
                mock_api.get(url, payload={"code": "200000", "msg": "success", "data": 1640000001234})

                self.assertEqual(1640000001234.0, await web_utils.get_current_server_time(domain=domain))

    async def test_build_api_factory_creates_working_assistants(self):
        time_synchronizer = TimeSynchronizer()
        api_factory = web_utils.build_api_factory(time_synchronizer=time_synchronizer)
        self.addAsyncCleanup(api_factory.close)
        rest_assistant = await api_factory.get_rest_assistant()

        with aioresponses() as mock_api:
            mock_api.get(
                "https://api.kucoin.com/api/v1/timestamp",
                payload={"code": "200000", "msg": "success", "data": 1640000001234},
            )
            mock_api.get(
                "https://api.kucoin.com/api/v1/timestamp",
                payload={"code": "200000", "msg": "success", "data": 1546837113087},
            )
            response = await rest_assistant.execute_request(
                url="https://api.kucoin.com/api/v1/timestamp",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.SERVER_TIME_PATH_URL,
            )
            time_requests = mock_api.requests[("GET", URL("https://api.kucoin.com/api/v1/timestamp"))]

        self.assertEqual({"code": "200000", "msg": "success", "data": 1546837113087}, response)
        # The assistant synchronized the clock with the server before its first request.
        self.assertEqual(2, len(time_requests))
        self.assertAlmostEqual(1640000001.234, time_synchronizer.time(), delta=1)
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
