from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase

from aioresponses import aioresponses
from yarl import URL

from hummingbot.connector.exchange.backpack import backpack_constants as CONSTANTS, backpack_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class BackpackWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api.backpack.exchange/api/v1/ping", web_utils.public_rest_url(path_url=CONSTANTS.PING_PATH_URL)
        )
        for domain, expected_url in [("exchange", "https://api.backpack.exchange/api/v1/ping")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.PING_PATH_URL, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api.backpack.exchange/api/v1/capital",
            web_utils.private_rest_url(path_url=CONSTANTS.BALANCE_PATH_URL),
        )
        for domain, expected_url in [("exchange", "https://api.backpack.exchange/api/v1/capital")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.BALANCE_PATH_URL, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "GLOBAL": (2000, 60.0, []),
                "api/v1/ping": (2000, 60.0, [("GLOBAL", 1)]),
                "api/v1/time": (2000, 60.0, [("GLOBAL", 1)]),
                "api/v1/markets": (2000, 60.0, [("GLOBAL", 1)]),
                "api/v1/ticker": (2000, 60.0, [("GLOBAL", 1)]),
                "api/v1/depth": (2000, 60.0, [("GLOBAL", 1)]),
                "api/v1/order": (2000, 60.0, [("GLOBAL", 1)]),
                "api/v1/orders": (2000, 60.0, [("GLOBAL", 1)]),
                "api/v1/capital": (2000, 60.0, [("GLOBAL", 1)]),
                "wapi/v1/history/fills": (2000, 60.0, [("GLOBAL", 1)]),
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
        for domain, url in [("exchange", "https://api.backpack.exchange/api/v1/time")]:
            with self.subTest(domain=domain), aioresponses() as mock_api:
                mock_api.get(url, payload=1640000001234)

                self.assertEqual(1640000001234.0, await web_utils.get_current_server_time(domain=domain))

    async def test_build_api_factory_creates_working_assistants(self):
        time_synchronizer = TimeSynchronizer()
        api_factory = web_utils.build_api_factory(time_synchronizer=time_synchronizer)
        self.addAsyncCleanup(api_factory.close)
        rest_assistant = await api_factory.get_rest_assistant()

        with aioresponses() as mock_api:
            mock_api.get("https://api.backpack.exchange/api/v1/time", payload=1640000001234)
            mock_api.get("https://api.backpack.exchange/api/v1/ping", payload="pong")
            response = await rest_assistant.execute_request(
                url="https://api.backpack.exchange/api/v1/ping",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.PING_PATH_URL,
            )
            time_requests = mock_api.requests[("GET", URL("https://api.backpack.exchange/api/v1/time"))]

        self.assertEqual("pong", response)
        # The assistant synchronized the clock with the server before its first request.
        self.assertEqual(1, len(time_requests))
        self.assertAlmostEqual(1640000001.234, time_synchronizer.time(), delta=1)
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
