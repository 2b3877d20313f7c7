import base64
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import MagicMock

from hummingbot.connector.exchange.okx.okx_auth import OkxAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class OkxAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.passphrase = "testPassphrase"
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.auth = OkxAuth(
            api_key=self.api_key,
            secret_key=self.secret_key,
            passphrase=self.passphrase,
            time_provider=self.time_provider,
        )

    def signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return base64.b64encode(
            hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).digest()
        ).decode()

    async def test_rest_authenticate_signs_get_requests_in_headers(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://www.okx.com/api/v5/account/balance",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "2021-12-20T11:33:20.250ZGET/api/v5/account/balance?symbol=COINALPHAHBOT&side=BUY&quantity=1.5"
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}, authenticated.params)
        self.assertIsNone(authenticated.data)
        self.assertEqual(
            {
                "OK-ACCESS-KEY": self.api_key,
                "OK-ACCESS-SIGN": expected_signature,
                "OK-ACCESS-TIMESTAMP": "2021-12-20T11:33:20.250Z",
                "OK-ACCESS-PASSPHRASE": self.passphrase,
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_json_body_of_post_requests_in_headers(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST, url="https://www.okx.com/api/v5/account/balance", data=body, is_auth_required=True
        )
        expected_signature = self.signature("2021-12-20T11:33:20.250ZPOST/api/v5/account/balance" + body)

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(body, authenticated.data)
        self.assertIsNone(authenticated.params)
        self.assertEqual(
            {
                "OK-ACCESS-KEY": self.api_key,
                "OK-ACCESS-SIGN": expected_signature,
                "OK-ACCESS-TIMESTAMP": "2021-12-20T11:33:20.250Z",
                "OK-ACCESS-PASSPHRASE": self.passphrase,
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_a_body_mapping_as_its_json_text(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://www.okx.com/api/v5/account/balance",
            data=json.loads(body),
            is_auth_required=True,
        )
        expected_signature = self.signature("2021-12-20T11:33:20.250ZPOST/api/v5/account/balance" + body)

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(json.loads(body), authenticated.data)
        self.assertEqual(expected_signature, authenticated.headers["OK-ACCESS-SIGN"])

    async def test_ws_authenticate_passes_requests_through(self):
        payload = {"method": "test", "params": {"key": "value"}}
        request = WSJSONRequest(payload=payload, is_auth_required=True)

        authenticated = await self.auth.ws_authenticate(request)

        self.assertIs(request, authenticated)
        self.assertEqual({"method": "test", "params": {"key": "value"}}, authenticated.payload)

    def test_ws_login_message_is_signed_with_the_current_time(self):
        self.assertEqual(
            {
                "op": "login",
                "args": [
                    {
                        "apiKey": self.api_key,
                        "passphrase": self.passphrase,
                        "timestamp": "1640000000",
                        "sign": self.ws_signature("1640000000GET/users/self/verify"),
                    }
                ],
            },
            self.auth.ws_login_message(),
        )

    def ws_signature(self, message: str) -> str:
        """The private websocket signature the exchange expects for `message`, computed from the documented recipe."""
        return base64.b64encode(
            hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).digest()
        ).decode()
