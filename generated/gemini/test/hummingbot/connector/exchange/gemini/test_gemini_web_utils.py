from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import patch

from aioresponses import aioresponses

from hummingbot.connector.exchange.gemini import gemini_constants as CONSTANTS, gemini_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class GeminiWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api.gemini.com/v1/symbols/details/all",
            web_utils.public_rest_url(path_url=CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL),
        )
        for domain, expected_url in [("com", "https://api.gemini.com/v1/symbols/details/all")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url,
                    web_utils.public_rest_url(path_url=CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL, domain=domain),
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api.gemini.com/v1/balances", web_utils.private_rest_url(path_url=CONSTANTS.BALANCES_PATH_URL)
        )
        for domain, expected_url in [("com", "https://api.gemini.com/v1/balances")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.private_rest_url(path_url=CONSTANTS.BALANCES_PATH_URL, domain=domain)
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "PUBLIC_REQUEST_WEIGHT": (120, 60.0, []),
                "REQUEST_WEIGHT": (600, 60.0, []),
                "/v1/symbols/details/all": (600, 60.0, [("PUBLIC_REQUEST_WEIGHT", 1)]),
                "TICKER_LIMIT_ID": (600, 60.0, [("PUBLIC_REQUEST_WEIGHT", 1)]),
                "ORDER_BOOK_LIMIT_ID": (600, 60.0, [("PUBLIC_REQUEST_WEIGHT", 1)]),
                "/v1/order/new": (600, 60.0, [("REQUEST_WEIGHT", 1)]),
                "/v1/order/cancel": (600, 60.0, [("REQUEST_WEIGHT", 1)]),
                "/v1/order/status": (600, 60.0, [("REQUEST_WEIGHT", 1)]),
                "/v1/orders": (600, 60.0, [("REQUEST_WEIGHT", 1)]),
                "/v1/mytrades": (600, 60.0, [("REQUEST_WEIGHT", 1)]),
                "/v1/balances": (600, 60.0, [("REQUEST_WEIGHT", 1)]),
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
                "https://api.gemini.com/v1/symbols/details/all",
                payload=[
                    {
                        "symbol": "BTCUSD",
                        "base_currency": "BTC",
                        "quote_currency": "USD",
                        "tick_size": 1e-08,
                        "quote_increment": 0.01,
                        "min_order_size": "0.00001",
                        "status": "open",
                        "wrap_enabled": False,
                        "product_type": "spot",
                        "contract_type": "vanilla",
                        "contract_price_currency": "USD",
                    }
                ],
            )
            response = await rest_assistant.execute_request(
                url="https://api.gemini.com/v1/symbols/details/all",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL,
            )

        self.assertEqual(
            [
                {
                    "symbol": "BTCUSD",
                    "base_currency": "BTC",
                    "quote_currency": "USD",
                    "tick_size": 1e-08,
                    "quote_increment": 0.01,
                    "min_order_size": "0.00001",
                    "status": "open",
                    "wrap_enabled": False,
                    "product_type": "spot",
                    "contract_type": "vanilla",
                    "contract_price_currency": "USD",
                }
            ],
            response,
        )
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)
