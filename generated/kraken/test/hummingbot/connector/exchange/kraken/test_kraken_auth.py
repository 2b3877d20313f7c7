import base64
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import MagicMock
from urllib.parse import urlencode

from hummingbot.connector.exchange.kraken.kraken_auth import KrakenAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class KrakenAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.secret_key = "zEI12pMDN6XDXH9cj2oiXDcB6b0i+qdVhLGadjihh4s="
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.auth = KrakenAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)

    def signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return base64.b64encode(hmac.new(base64.b64decode(self.secret_key), message, hashlib.sha512).digest()).decode()

    async def test_rest_authenticate_signs_get_requests_in_headers(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://api.kraken.com/0/private/BalanceEx",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "/0/private/BalanceEx".encode("utf8") + hashlib.sha256("1640000000250".encode("utf8")).digest()
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(
            {"nonce": "1640000000250", "symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            authenticated.params,
        )
        self.assertIsNone(authenticated.data)
        self.assertEqual({"API-Key": self.api_key, "API-Sign": expected_signature}, authenticated.headers)

    async def test_rest_authenticate_signs_form_body_of_post_requests_in_headers(self):
        body = urlencode({"nonce": "1640000000250", "symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.kraken.com/0/private/BalanceEx",
            data=json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}),
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "/0/private/BalanceEx".encode("utf8") + hashlib.sha256(("1640000000250" + body).encode("utf8")).digest()
        )

        authenticated = await self.auth.rest_authenticate(request)

        # The form body travels as its parameters, in the order signed: aiohttp encodes them so.
        self.assertEqual(body, urlencode(authenticated.data))
        self.assertIsNone(authenticated.params)
        self.assertEqual(
            {
                "API-Key": self.api_key,
                "API-Sign": expected_signature,
                "Content-Type": "application/x-www-form-urlencoded",
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
        return base64.b64encode(
            hmac.new(base64.b64decode(self.secret_key), message.encode("utf8"), hashlib.sha512).digest()
        ).decode()
