from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase

from aioresponses import aioresponses
from yarl import URL

from hummingbot.connector.exchange.coinbase_advanced_trade import (
    coinbase_advanced_trade_constants as CONSTANTS,
    coinbase_advanced_trade_web_utils as web_utils,
)
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class CoinbaseAdvancedTradeWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api.coinbase.com/api/v3/brokerage/time",
            web_utils.public_rest_url(path_url=CONSTANTS.SERVER_TIME_EP),
        )
        for domain, expected_url in [("com", "https://api.coinbase.com/api/v3/brokerage/time")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.SERVER_TIME_EP, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api.coinbase.com/api/v3/brokerage/accounts",
            web_utils.private_rest_url(path_url=CONSTANTS.ACCOUNTS_LIST_EP),
        )
        for domain, expected_url in [("com", "https://api.coinbase.com/api/v3/brokerage/accounts")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.ACCOUNTS_LIST_EP, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "PUBLIC_REST_REQUESTS": (10, 1.0, []),
                "PRIVATE_REST_REQUESTS": (30, 1.0, []),
                "/brokerage/time": (30, 1.0, [("PUBLIC_REST_REQUESTS", 1)]),
                "/brokerage/market/products": (30, 1.0, [("PUBLIC_REST_REQUESTS", 1)]),
                "PAIR_TICKER_24HR_RATE_LIMIT_ID": (30, 1.0, [("PUBLIC_REST_REQUESTS", 1)]),
                "/brokerage/market/product_book": (30, 1.0, [("PUBLIC_REST_REQUESTS", 1)]),
                "/brokerage/orders": (30, 1.0, [("PRIVATE_REST_REQUESTS", 1)]),
                "/brokerage/orders/batch_cancel": (30, 1.0, [("PRIVATE_REST_REQUESTS", 1)]),
                "GET_ORDER_STATUS_RATE_LIMIT_ID": (30, 1.0, [("PRIVATE_REST_REQUESTS", 1)]),
                "/brokerage/orders/historical/batch": (30, 1.0, [("PRIVATE_REST_REQUESTS", 1)]),
                "/brokerage/orders/historical/fills": (30, 1.0, [("PRIVATE_REST_REQUESTS", 1)]),
                "/brokerage/accounts": (30, 1.0, [("PRIVATE_REST_REQUESTS", 1)]),
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
        for domain, url in [("com", "https://api.coinbase.com/api/v3/brokerage/time")]:
            with self.subTest(domain=domain), aioresponses() as mock_api:
                mock_api.get(
                    url,
                    payload={
                        "iso": "2023-05-09T20:41:35Z",
                        "epochSeconds": "1683664895",
                        "epochMillis": "1640000001234",
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
                "https://api.coinbase.com/api/v3/brokerage/time",
                payload={"iso": "2023-05-09T20:41:35Z", "epochSeconds": "1683664895", "epochMillis": "1640000001234"},
            )
            mock_api.get(
                "https://api.coinbase.com/api/v3/brokerage/time",
                payload={"iso": "2023-05-09T20:41:35Z", "epochSeconds": "1683664895", "epochMillis": "1683664895000"},
            )
            response = await rest_assistant.execute_request(
                url="https://api.coinbase.com/api/v3/brokerage/time",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.SERVER_TIME_EP,
            )
            time_requests = mock_api.requests[("GET", URL("https://api.coinbase.com/api/v3/brokerage/time"))]

        self.assertEqual(
            {"iso": "2023-05-09T20:41:35Z", "epochSeconds": "1683664895", "epochMillis": "1683664895000"}, response
        )
        # The assistant synchronized the clock with the server before its first request.
        self.assertEqual(2, len(time_requests))
        self.assertAlmostEqual(1640000001.234, time_synchronizer.time(), delta=1)
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
