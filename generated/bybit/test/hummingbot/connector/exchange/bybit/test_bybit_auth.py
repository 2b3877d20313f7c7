import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import MagicMock

from hummingbot.connector.exchange.bybit.bybit_auth import BybitAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class BybitAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.auth = BybitAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)

    def signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).hexdigest()

    async def test_rest_authenticate_signs_get_requests_in_headers(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://api.bybit.com/v5/account/wallet-balance",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "1640000000250" + self.api_key + "5000symbol=COINALPHAHBOT&side=BUY&quantity=1.5"
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}, authenticated.params)
        self.assertIsNone(authenticated.data)
        self.assertEqual(
            {
                "X-BAPI-API-KEY": self.api_key,
                "X-BAPI-SIGN": expected_signature,
                "X-BAPI-SIGN-TYPE": "2",
                "X-BAPI-TIMESTAMP": "1640000000250",
                "X-BAPI-RECV-WINDOW": "5000",
                "referer": "Hummingbot",
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_json_body_of_post_requests_in_headers(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.bybit.com/v5/account/wallet-balance",
            data=body,
            is_auth_required=True,
        )
        expected_signature = self.signature("1640000000250" + self.api_key + "5000" + body)

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(body, authenticated.data)
        self.assertIsNone(authenticated.params)
        self.assertEqual(
            {
                "X-BAPI-API-KEY": self.api_key,
                "X-BAPI-SIGN": expected_signature,
                "X-BAPI-SIGN-TYPE": "2",
                "X-BAPI-TIMESTAMP": "1640000000250",
                "X-BAPI-RECV-WINDOW": "5000",
                "referer": "Hummingbot",
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_a_body_mapping_as_its_json_text(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.bybit.com/v5/account/wallet-balance",
            data=json.loads(body),
            is_auth_required=True,
        )
        expected_signature = self.signature("1640000000250" + self.api_key + "5000" + body)

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(json.loads(body), authenticated.data)
        self.assertEqual(expected_signature, authenticated.headers["X-BAPI-SIGN"])

    def test_signature_method_signs_a_request_from_its_parts(self):
        timestamp = "1640000000250"
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})

        self.assertEqual(
            self.signature("1640000000250" + self.api_key + "5000symbol=COINALPHAHBOT&side=BUY&quantity=1.5"),
            self.auth._generate_rest_signature(
                timestamp, RESTMethod.GET, {"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}
            ),
        )
        self.assertEqual(
            self.signature("1640000000250" + self.api_key + "5000" + body),
            self.auth._generate_rest_signature(timestamp, RESTMethod.POST, body),
        )
        self.assertEqual(
            self.signature("1640000000250" + self.api_key + "5000" + body),
            self.auth._generate_rest_signature(timestamp, RESTMethod.POST, json.loads(body)),
        )

    async def test_ws_authenticate_passes_requests_through(self):
        payload = {"method": "test", "params": {"key": "value"}}
        request = WSJSONRequest(payload=payload, is_auth_required=True)

        authenticated = await self.auth.ws_authenticate(request)

        self.assertIs(request, authenticated)
        self.assertEqual({"method": "test", "params": {"key": "value"}}, authenticated.payload)

    def test_ws_login_message_is_signed_with_the_current_time(self):
        self.assertEqual(
            {"op": "auth", "args": [self.api_key, 1640000010250, self.ws_signature("GET/realtime1640000010250")]},
            self.auth.ws_login_message(),
        )

    def ws_signature(self, message: str) -> str:
        """The private websocket signature the exchange expects for `message`, computed from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).hexdigest()
