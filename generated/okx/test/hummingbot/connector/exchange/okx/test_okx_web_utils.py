from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase

from aioresponses import aioresponses
from yarl import URL

from hummingbot.connector.exchange.okx import okx_constants as CONSTANTS, okx_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class OkxWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://www.okx.com/api/v5/public/time", web_utils.public_rest_url(path_url=CONSTANTS.OKX_SERVER_TIME_PATH)
        )
        for domain, expected_url in [("com", "https://www.okx.com/api/v5/public/time")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.OKX_SERVER_TIME_PATH, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://www.okx.com/api/v5/account/balance",
            web_utils.private_rest_url(path_url=CONSTANTS.OKX_BALANCE_PATH),
        )
        for domain, expected_url in [("com", "https://www.okx.com/api/v5/account/balance")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.OKX_BALANCE_PATH, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "/api/v5/public/time": (10, 2.0, []),
                "/api/v5/public/instruments": (20, 2.0, []),
                "/api/v5/market/ticker": (20, 2.0, []),
                "/api/v5/market/tickers": (20, 2.0, []),
                "/api/v5/market/books": (40, 2.0, []),
                "/api/v5/trade/order": (60, 2.0, []),
                "OKX_ORDER_DETAILS_LIMIT_ID": (60, 2.0, []),
                "/api/v5/trade/cancel-order": (60, 2.0, []),
                "/api/v5/trade/orders-pending": (60, 2.0, []),
                "/api/v5/trade/fills": (60, 2.0, []),
                "/api/v5/account/balance": (10, 2.0, []),
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
        for domain, url in [("com", "https://www.okx.com/api/v5/public/time")]:
            with self.subTest(domain=domain), aioresponses() as mock_api:
                mock_api.get(url, payload={"code": "0", "msg": "", "data": [{"ts": "1640000001234"}]})

                self.assertEqual(1640000001234.0, await web_utils.get_current_server_time(domain=domain))

    async def test_build_api_factory_creates_working_assistants(self):
        time_synchronizer = TimeSynchronizer()
        api_factory = web_utils.build_api_factory(time_synchronizer=time_synchronizer)
        self.addAsyncCleanup(api_factory.close)
        rest_assistant = await api_factory.get_rest_assistant()

        with aioresponses() as mock_api:
            mock_api.get(
                "https://www.okx.com/api/v5/public/time",
                payload={"code": "0", "msg": "", "data": [{"ts": "1640000001234"}]},
            )
            mock_api.get(
                "https://www.okx.com/api/v5/public/time",
                payload={"code": "0", "msg": "", "data": [{"ts": "1597026383085"}]},
            )
            response = await rest_assistant.execute_request(
                url="https://www.okx.com/api/v5/public/time",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.OKX_SERVER_TIME_PATH,
            )
            time_requests = mock_api.requests[("GET", URL("https://www.okx.com/api/v5/public/time"))]

        self.assertEqual({"code": "0", "msg": "", "data": [{"ts": "1597026383085"}]}, response)
        # The assistant synchronized the clock with the server before its first request.
        self.assertEqual(2, len(time_requests))
        self.assertAlmostEqual(1640000001.234, time_synchronizer.time(), delta=1)
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
