import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import MagicMock

from hummingbot.connector.exchange.binance.binance_auth import BinanceAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class BinanceAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.auth = BinanceAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)

    def signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).hexdigest()

    async def test_rest_authenticate_signs_query_parameters_of_get_requests(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://api.binance.com/api/v3/account",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            is_auth_required=True,
        )
        expected_signature = self.signature("symbol=COINALPHAHBOT&side=BUY&quantity=1.5&timestamp=1640000000250")

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(
            {
                "symbol": "COINALPHAHBOT",
                "side": "BUY",
                "quantity": "1.5",
                "timestamp": 1640000000250,
                "signature": expected_signature,
            },
            authenticated.params,
        )
        self.assertIsNone(authenticated.data)
        self.assertEqual({"X-MBX-APIKEY": self.api_key}, authenticated.headers)

    async def test_rest_authenticate_signs_form_body_of_post_requests(self):
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.binance.com/api/v3/account",
            data=json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}),
            is_auth_required=True,
        )
        expected_signature = self.signature("symbol=COINALPHAHBOT&side=BUY&quantity=1.5&timestamp=1640000000250")

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(
            {
                "symbol": "COINALPHAHBOT",
                "side": "BUY",
                "quantity": "1.5",
                "timestamp": 1640000000250,
                "signature": expected_signature,
            },
            authenticated.data,
        )
        self.assertIsNone(authenticated.params)
        self.assertEqual(
            {"X-MBX-APIKEY": self.api_key, "Content-Type": "application/x-www-form-urlencoded"}, authenticated.headers
        )

    async def test_ws_authenticate_passes_requests_through(self):
        payload = {"method": "test", "params": {"key": "value"}}
        request = WSJSONRequest(payload=payload, is_auth_required=True)

        authenticated = await self.auth.ws_authenticate(request)

        self.assertIs(request, authenticated)
        self.assertEqual({"method": "test", "params": {"key": "value"}}, authenticated.payload)

    def test_ws_subscribe_params_are_signed_over_sorted_parameters(self):
        self.assertEqual(
            {
                "apiKey": self.api_key,
                "timestamp": 1640000000250,
                "signature": self.ws_signature("apiKey=testApiKey&timestamp=1640000000250"),
            },
            self.auth.generate_ws_subscribe_params(),
        )

    def ws_signature(self, message: str) -> str:
        """The private websocket signature the exchange expects for `message`, computed from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).hexdigest()
