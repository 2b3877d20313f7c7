from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase

from aioresponses import aioresponses
from yarl import URL

from hummingbot.connector.exchange.bybit import bybit_constants as CONSTANTS, bybit_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class BybitWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api.bybit.com/v5/market/time", web_utils.public_rest_url(path_url=CONSTANTS.SERVER_TIME_PATH_URL)
        )
        for domain, expected_url in [
            ("com", "https://api.bybit.com/v5/market/time"),
            ("bybit_testnet", "https://api-testnet.bybit.com/v5/market/time"),
        ]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.SERVER_TIME_PATH_URL, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api.bybit.com/v5/account/wallet-balance",
            web_utils.private_rest_url(path_url=CONSTANTS.BALANCE_PATH_URL),
        )
        for domain, expected_url in [
            ("com", "https://api.bybit.com/v5/account/wallet-balance"),
            ("bybit_testnet", "https://api-testnet.bybit.com/v5/account/wallet-balance"),
        ]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.BALANCE_PATH_URL, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "IP_REQUESTS": (600, 5.0, []),
                "/v5/market/time": (600, 5.0, [("IP_REQUESTS", 1)]),
                "/v5/market/instruments-info": (600, 5.0, [("IP_REQUESTS", 1)]),
                "/v5/market/tickers": (600, 5.0, [("IP_REQUESTS", 1)]),
                "/v5/market/orderbook": (600, 5.0, [("IP_REQUESTS", 1)]),
                "/v5/order/create": (20, 1.0, [("IP_REQUESTS", 1)]),
                "/v5/order/cancel": (20, 1.0, [("IP_REQUESTS", 1)]),
                "/v5/order/realtime": (50, 1.0, [("IP_REQUESTS", 1)]),
                "/v5/execution/list": (50, 1.0, [("IP_REQUESTS", 1)]),
                "/v5/account/info": (50, 1.0, [("IP_REQUESTS", 1)]),
                "/v5/account/wallet-balance": (50, 1.0, [("IP_REQUESTS", 1)]),
                "/v5/account/fee-rate": (10, 1.0, [("IP_REQUESTS", 1)]),
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

    async def test_get_current_server_time_converts_documented_server_time_from_ns_to_ms(self):
        for domain, url in [
            ("com", "https://api.bybit.com/v5/market/time"),
            ("bybit_testnet", "https://api-testnet.bybit.com/v5/market/time"),
        ]:
            with self.subTest(domain=domain), aioresponses() as mock_api:
                mock_api.get(
                    url,
                    payload={
                        "retCode": 0,
                        "retMsg": "OK",
                        "result": {"timeSecond": "1688639403", "timeNano": "1640000001234000000"},
                        "retExtInfo": {},
                        "time": 1688639403423,
                    },
                )

                self.assertEqual(1640000001234.0, await web_utils.get_current_server_time(domain=domain))

    async def test_build_api_factory_creates_working_assistants(self):
        time_synchronizer = TimeSynchronizer()
        api_factory = web_utils.build_api_factory(time_synchronizer=time_synchronizer)
        self.addAsyncCleanup(api_factory.close)
        rest_assistant = await api_factory.get_rest_assistant()

        with aioresponses() as mock_api:
            mock_api.get(
                "https://api.bybit.com/v5/market/time",
                payload={
                    "retCode": 0,
                    "retMsg": "OK",
                    "result": {"timeSecond": "1688639403", "timeNano": "1640000001234000000"},
                    "retExtInfo": {},
                    "time": 1688639403423,
                },
            )
            mock_api.get(
                "https://api.bybit.com/v5/market/time",
                payload={
                    "retCode": 0,
                    "retMsg": "OK",
                    "result": {"timeSecond": "1688639403", "timeNano": "1688639403423213947"},
                    "retExtInfo": {},
                    "time": 1688639403423,
                },
            )
            response = await rest_assistant.execute_request(
                url="https://api.bybit.com/v5/market/time",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.SERVER_TIME_PATH_URL,
            )
            time_requests = mock_api.requests[("GET", URL("https://api.bybit.com/v5/market/time"))]

        self.assertEqual(
            {
                "retCode": 0,
                "retMsg": "OK",
                "result": {"timeSecond": "1688639403", "timeNano": "1688639403423213947"},
                "retExtInfo": {},
                "time": 1688639403423,
            },
            response,
        )
        # The assistant synchronized the clock with the server before its first request.
        self.assertEqual(2, len(time_requests))
        self.assertAlmostEqual(1640000001.234, time_synchronizer.time(), delta=1)
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
