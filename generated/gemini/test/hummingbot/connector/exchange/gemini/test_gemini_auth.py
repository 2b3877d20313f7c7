import base64
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import MagicMock

from hummingbot.connector.exchange.gemini.gemini_auth import GeminiAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class GeminiAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.auth = GeminiAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)

    def signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha384).hexdigest()

    async def test_rest_authenticate_moves_the_query_of_get_requests_into_the_signed_payload(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://api.gemini.com/v1/balances",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            is_auth_required=True,
        )
        payload = base64.b64encode(
            json.dumps(
                {
                    "request": "/v1/balances",
                    "nonce": 1640000000250,
                    "symbol": "COINALPHAHBOT",
                    "side": "BUY",
                    "quantity": "1.5",
                }
            ).encode("utf8")
        ).decode()
        expected_signature = self.signature(payload)

        authenticated = await self.auth.rest_authenticate(request)

        self.assertIsNone(authenticated.params)
        self.assertIsNone(authenticated.data)
        self.assertEqual(
            {
                "Content-Type": "text/plain",
                "Content-Length": "0",
                "X-GEMINI-APIKEY": self.api_key,
                "X-GEMINI-PAYLOAD": payload,
                "X-GEMINI-SIGNATURE": expected_signature,
                "Cache-Control": "no-cache",
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_moves_the_body_of_post_requests_into_the_signed_payload(self):
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.gemini.com/v1/balances",
            data=json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}),
            is_auth_required=True,
        )
        payload = base64.b64encode(
            json.dumps(
                {
                    "request": "/v1/balances",
                    "nonce": 1640000000250,
                    "symbol": "COINALPHAHBOT",
                    "side": "BUY",
                    "quantity": "1.5",
                }
            ).encode("utf8")
        ).decode()
        expected_signature = self.signature(payload)

        authenticated = await self.auth.rest_authenticate(request)

        self.assertIsNone(authenticated.params)
        self.assertIsNone(authenticated.data)
        self.assertEqual(
            {
                "Content-Type": "text/plain",
                "Content-Length": "0",
                "X-GEMINI-APIKEY": self.api_key,
                "X-GEMINI-PAYLOAD": payload,
                "X-GEMINI-SIGNATURE": expected_signature,
                "Cache-Control": "no-cache",
            },
            authenticated.headers,
        )

    async def test_ws_authenticate_passes_requests_through(self):
        payload = {"method": "test", "params": {"key": "value"}}
        request = WSJSONRequest(payload=payload, is_auth_required=True)

        authenticated = await self.auth.ws_authenticate(request)

        self.assertIs(request, authenticated)
        self.assertEqual({"method": "test", "params": {"key": "value"}}, authenticated.payload)

    def ws_signature(self, message: str) -> str:
        """The private websocket signature the exchange expects for `message`, computed from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha384).hexdigest()
