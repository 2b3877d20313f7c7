from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase

from aioresponses import aioresponses
from yarl import URL

from hummingbot.connector.exchange.gate_io import gate_io_constants as CONSTANTS, gate_io_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class GateIoWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api.gateio.ws/api/v4/spot/time", web_utils.public_rest_url(path_url=CONSTANTS.SERVER_TIME_PATH_URL)
        )
        for domain, expected_url in [("io", "https://api.gateio.ws/api/v4/spot/time")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.SERVER_TIME_PATH_URL, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api.gateio.ws/api/v4/spot/accounts",
            web_utils.private_rest_url(path_url=CONSTANTS.USER_BALANCES_PATH_URL),
        )
        for domain, expected_url in [("io", "https://api.gateio.ws/api/v4/spot/accounts")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.USER_BALANCES_PATH_URL, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "PUBLIC_POINTS": (900, 1.0, []),
                "PRIVATE_POINTS": (900, 1.0, []),
                "spot/time": (200, 10.0, [("PUBLIC_POINTS", 1)]),
                "spot/currency_pairs": (200, 10.0, [("PUBLIC_POINTS", 1)]),
                "spot/tickers": (200, 10.0, [("PUBLIC_POINTS", 1)]),
                "spot/order_book": (200, 10.0, [("PUBLIC_POINTS", 1)]),
                "spot/orders": (10, 1.0, [("PRIVATE_POINTS", 1)]),
                "ORDER_BY_ID": (200, 10.0, [("PRIVATE_POINTS", 1)]),
                "ORDER_DELETE": (200, 10.0, [("PRIVATE_POINTS", 1)]),
                "spot/open_orders": (200, 10.0, [("PRIVATE_POINTS", 1)]),
                "spot/my_trades": (200, 10.0, [("PRIVATE_POINTS", 1)]),
                "spot/accounts": (200, 10.0, [("PRIVATE_POINTS", 1)]),
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
        for domain, url in [("io", "https://api.gateio.ws/api/v4/spot/time")]:
            with self.subTest(domain=domain), aioresponses() as mock_api:
                mock_api.get(url, payload={"server_time": 1640000001234})

                self.assertEqual(1640000001234.0, await web_utils.get_current_server_time(domain=domain))

    async def test_build_api_factory_creates_working_assistants(self):
        time_synchronizer = TimeSynchronizer()
        api_factory = web_utils.build_api_factory(time_synchronizer=time_synchronizer)
        self.addAsyncCleanup(api_factory.close)
        rest_assistant = await api_factory.get_rest_assistant()

        with aioresponses() as mock_api:
            mock_api.get("https://api.gateio.ws/api/v4/spot/time", payload={"server_time": 1640000001234})
            mock_api.get("https://api.gateio.ws/api/v4/spot/time", payload={"server_time": 1597026383085})
            response = await rest_assistant.execute_request(
                url="https://api.gateio.ws/api/v4/spot/time",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.SERVER_TIME_PATH_URL,
            )
            time_requests = mock_api.requests[("GET", URL("https://api.gateio.ws/api/v4/spot/time"))]

        self.assertEqual({"server_time": 1597026383085}, response)
        # The assistant synchronized the clock with the server before its first request.
        self.assertEqual(2, len(time_requests))
        self.assertAlmostEqual(1640000001.234, time_synchronizer.time(), delta=1)
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
