import zlib
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase

from aioresponses import aioresponses
from yarl import URL

from hummingbot.connector.exchange.bitmart import bitmart_constants as CONSTANTS, bitmart_web_utils as web_utils
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, WSResponse
from hummingbot.core.web_assistant.ws_assistant import WSAssistant


class BitmartWebUtilsTests(IsolatedAsyncioWrapperTestCase):
    def test_public_rest_url(self):
        self.assertEqual(
            "https://api-cloud.bitmart.com/system/service",
            web_utils.public_rest_url(path_url=CONSTANTS.CHECK_NETWORK_PATH_URL),
        )
        for domain, expected_url in [("com", "https://api-cloud.bitmart.com/system/service")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url, web_utils.public_rest_url(path_url=CONSTANTS.CHECK_NETWORK_PATH_URL, domain=domain)
                )

    def test_private_rest_url(self):
        self.assertEqual(
            "https://api-cloud.bitmart.com/spot/v1/wallet",
            web_utils.private_rest_url(path_url=CONSTANTS.GET_ACCOUNT_SUMMARY_PATH_URL),
        )
        for domain, expected_url in [("com", "https://api-cloud.bitmart.com/spot/v1/wallet")]:
            with self.subTest(domain=domain):
                self.assertEqual(
                    expected_url,
                    web_utils.private_rest_url(path_url=CONSTANTS.GET_ACCOUNT_SUMMARY_PATH_URL, domain=domain),
                )

    def test_create_throttler_applies_documented_rate_limits(self):
        throttler = web_utils.create_throttler()

        self.assertIsInstance(throttler, AsyncThrottler)
        self.assertEqual(
            {
                "system/service": (10, 1.0, []),
                "system/time": (10, 1.0, []),
                "spot/v1/symbols/details": (12, 2.0, []),
                "spot/quotation/v3/ticker": (15, 2.0, []),
                "spot/quotation/v3/books": (15, 2.0, []),
                "spot/v2/submit_order": (40, 2.0, []),
                "spot/v3/cancel_order": (40, 2.0, []),
                "spot/v4/query/order": (50, 2.0, []),
                "spot/v4/query/open-orders": (12, 2.0, []),
                "spot/v4/query/order-trades": (12, 2.0, []),
                "spot/v1/wallet": (12, 2.0, []),
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
        for domain, url in [("com", "https://api-cloud.bitmart.com/system/time")]:
            with self.subTest(domain=domain), aioresponses() as mock_api:
                mock_api.get(
                    url,
                    payload={
                        "code": 1000,
                        "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
                        "message": "OK",
                        "data": {"server_time": 1640000001234},
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
                "https://api-cloud.bitmart.com/system/time",
                payload={
                    "code": 1000,
                    "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
                    "message": "OK",
                    "data": {"server_time": 1640000001234},
                },
            )
            mock_api.get(
                "https://api-cloud.bitmart.com/system/service",
                payload={
                    "code": 1000,
                    "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
                    "message": "OK",
                    "data": {
                        "service": [
                            {
                                "title": "Spot API Stop",
                                "service_type": "spot",
                                "status": 2,
                                "start_time": 1527777538000,
                                "end_time": 1527777538000,
                            }
                        ]
                    },
                },
            )
            response = await rest_assistant.execute_request(
                url="https://api-cloud.bitmart.com/system/service",
                method=RESTMethod.GET,
                throttler_limit_id=CONSTANTS.CHECK_NETWORK_PATH_URL,
            )
            time_requests = mock_api.requests[("GET", URL("https://api-cloud.bitmart.com/system/time"))]

        self.assertEqual(
            {
                "code": 1000,
                "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
                "message": "OK",
                "data": {
                    "service": [
                        {
                            "title": "Spot API Stop",
                            "service_type": "spot",
                            "status": 2,
                            "start_time": 1527777538000,
                            "end_time": 1527777538000,
                        }
                    ]
                },
            },
            response,
        )
        # The assistant synchronized the clock with the server before its first request.
        self.assertEqual(1, len(time_requests))
        self.assertAlmostEqual(1640000001.234, time_synchronizer.time(), delta=1)
        self.assertIsInstance(await api_factory.get_ws_assistant(), WSAssistant)

    async def test_websocket_frames_are_inflated_and_parsed(self):
        api_factory = web_utils.build_api_factory(time_synchronizer=TimeSynchronizer())
        self.addAsyncCleanup(api_factory.close)
        post_processors = (await api_factory.get_ws_assistant())._ws_post_processors

        compressed = WSResponse(self._compressed('{"table": "spot/trade", "data": [1]}'))
        plain = WSResponse({"event": "subscribe"})
        not_json = WSResponse(self._compressed("pong"))
        for post_processor in post_processors:
            compressed = await post_processor.post_process(compressed)
            plain = await post_processor.post_process(plain)
            not_json = await post_processor.post_process(not_json)

        self.assertEqual({"table": "spot/trade", "data": [1]}, compressed.data)
        self.assertEqual({"event": "subscribe"}, plain.data)
        self.assertEqual("pong", not_json.data)

    @staticmethod
    def _compressed(text: str) -> bytes:
        """The frame as the exchange sends it: raw deflate (RFC 1951, no header)."""
        compressor = zlib.compressobj(wbits=-15)
        return compressor.compress(text.encode("utf-8")) + compressor.flush()
