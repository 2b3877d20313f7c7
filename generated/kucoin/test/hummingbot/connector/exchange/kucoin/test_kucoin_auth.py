import base64
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import MagicMock

from hummingbot.connector.exchange.kucoin.kucoin_auth import KucoinAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class KucoinAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.passphrase = "testPassphrase"
        self.secret_key = "testSecretKey"
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.auth = KucoinAuth(
            api_key=self.api_key,
            passphrase=self.passphrase,
            secret_key=self.secret_key,
            time_provider=self.time_provider,
        )

    def signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return base64.b64encode(
            hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).digest()
        ).decode()

    def partner_signature(self, message: str) -> str:
        """The partner signature the exchange expects for `message`: keyed with the partner's documented key."""
        return base64.b64encode(
            hmac.new(
                "8fb50686-81a8-408a-901c-07c5ac5bd758".encode("utf8"), message.encode("utf8"), hashlib.sha256
            ).digest()
        ).decode()

    async def test_rest_authenticate_signs_get_requests_in_headers(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://api.kucoin.com/api/v1/accounts",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "1640000000250GET/api/v1/accounts?quantity=1.5&side=BUY&symbol=COINALPHAHBOT"
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual({"quantity": "1.5", "side": "BUY", "symbol": "COINALPHAHBOT"}, authenticated.params)
        # auth.rest.sort_query: sent in key order, as signed.
        self.assertEqual(sorted(authenticated.params), list(authenticated.params))
        self.assertIsNone(authenticated.data)
        self.assertEqual(
            {
                "KC-API-KEY": self.api_key,
                "KC-API-SIGN": expected_signature,
                "KC-API-TIMESTAMP": "1640000000250",
                "KC-API-PASSPHRASE": self.signature(self.passphrase),
                "KC-API-KEY-VERSION": "2",
                "KC-API-PARTNER": "Hummingbot",
                "KC-API-PARTNER-SIGN": self.partner_signature("1640000000250Hummingbot" + self.api_key),
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_json_body_of_post_requests_in_headers(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST, url="https://api.kucoin.com/api/v1/accounts", data=body, is_auth_required=True
        )
        expected_signature = self.signature("1640000000250POST/api/v1/accounts" + body)

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(body, authenticated.data)
        self.assertIsNone(authenticated.params)
        self.assertEqual(
            {
                "KC-API-KEY": self.api_key,
                "KC-API-SIGN": expected_signature,
                "KC-API-TIMESTAMP": "1640000000250",
                "KC-API-PASSPHRASE": self.signature(self.passphrase),
                "KC-API-KEY-VERSION": "2",
                "KC-API-PARTNER": "Hummingbot",
                "KC-API-PARTNER-SIGN": self.partner_signature("1640000000250Hummingbot" + self.api_key),
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_a_body_mapping_as_its_json_text(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.kucoin.com/api/v1/accounts",
            data=json.loads(body),
            is_auth_required=True,
        )
        expected_signature = self.signature("1640000000250POST/api/v1/accounts" + body)

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(json.loads(body), authenticated.data)
        self.assertEqual(expected_signature, authenticated.headers["KC-API-SIGN"])

    async def test_ws_authenticate_passes_requests_through(self):
        payload = {"method": "test", "params": {"key": "value"}}
        request = WSJSONRequest(payload=payload, is_auth_required=True)

        authenticated = await self.auth.ws_authenticate(request)

        self.assertIs(request, authenticated)
        self.assertEqual({"method": "test", "params": {"key": "value"}}, authenticated.payload)

    def ws_signature(self, message: str) -> str:
        """The private websocket signature the exchange expects for `message`, computed from the documented recipe."""
        return base64.b64encode(
            hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).digest()
        ).decode()
