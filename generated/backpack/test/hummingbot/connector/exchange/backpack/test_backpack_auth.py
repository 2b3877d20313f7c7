import base64
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import MagicMock

from cryptography.hazmat.primitives.asymmetric import ed25519

from hummingbot.connector.exchange.backpack.backpack_auth import BackpackAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class BackpackAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.secret_key = "zEI12pMDN6XDXH9cj2oiXDcB6b0i+qdVhLGadjihh4s="
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.auth = BackpackAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)

    def signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return base64.b64encode(
            ed25519.Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.secret_key)).sign(message.encode("utf8"))
        ).decode()

    async def test_rest_authenticate_signs_get_requests_in_headers(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://api.backpack.exchange/api/v1/capital",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5", "instruction": "testInstruction"},
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "instruction=testInstruction&quantity=1.5&side=BUY&symbol=COINALPHAHBOT&timestamp=1640000000250&window=5000"
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}, authenticated.params)
        self.assertIsNone(authenticated.data)
        self.assertEqual(
            {
                "X-Timestamp": "1640000000250",
                "X-Window": "5000",
                "X-API-Key": self.api_key,
                "X-Signature": expected_signature,
                "X-BROKER-ID": "2200",
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_json_body_of_post_requests_in_headers(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.backpack.exchange/api/v1/capital",
            data=json.dumps(
                {"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5", "instruction": "testInstruction"}
            ),
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "instruction=testInstruction&quantity=1.5&side=BUY&symbol=COINALPHAHBOT&timestamp=1640000000250&window=5000"
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(body, authenticated.data)
        self.assertIsNone(authenticated.params)
        self.assertEqual(
            {
                "X-Timestamp": "1640000000250",
                "X-Window": "5000",
                "X-API-Key": self.api_key,
                "X-Signature": expected_signature,
                "X-BROKER-ID": "2200",
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_leaves_out_the_message_parts_of_absent_parameters(self):
        request = RESTRequest(
            method=RESTMethod.GET, url="https://api.backpack.exchange/api/v1/capital", is_auth_required=True
        )
        expected_signature = self.signature("timestamp=1640000000250&window=5000")

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(expected_signature, authenticated.headers["X-Signature"])

    async def test_rest_authenticate_signs_booleans_as_json_writes_them(self):
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.backpack.exchange/api/v1/capital",
            data=json.dumps({"symbol": "COINALPHAHBOT", "postOnly": True}),
            is_auth_required=True,
        )
        expected_signature = self.signature("postOnly=true&symbol=COINALPHAHBOT&timestamp=1640000000250&window=5000")

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(expected_signature, authenticated.headers["X-Signature"])

    async def test_ws_authenticate_signs_subscription_messages(self):
        request = WSJSONRequest(
            payload={"method": "SUBSCRIBE", "params": ["account.orderUpdate"]}, is_auth_required=True
        )

        authenticated = await self.auth.ws_authenticate(request)

        self.assertEqual(
            {
                "method": "SUBSCRIBE",
                "params": ["account.orderUpdate"],
                "signature": [
                    self.api_key,
                    self.ws_signature("instruction=subscribe&timestamp=1640000000250&window=5000"),
                    "1640000000250",
                    "5000",
                ],
            },
            authenticated.payload,
        )

    def ws_signature(self, message: str) -> str:
        """The private websocket signature the exchange expects for `message`, computed from the documented recipe."""
        return base64.b64encode(
            ed25519.Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.secret_key)).sign(message.encode("utf8"))
        ).decode()
