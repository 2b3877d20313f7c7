import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import MagicMock

from hummingbot.connector.exchange.gate_io.gate_io_auth import GateIoAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class GateIoAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.auth = GateIoAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)

    def signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha512).hexdigest()

    async def test_rest_authenticate_signs_get_requests_in_headers(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://api.gateio.ws/api/v4/spot/accounts",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "GET\n/api/v4/spot/accounts\nsymbol=COINALPHAHBOT&side=BUY&quantity=1.5\n"
            + hashlib.sha512(b"").hexdigest()
            + "\n1640000000"
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}, authenticated.params)
        self.assertIsNone(authenticated.data)
        self.assertEqual(
            {
                "KEY": self.api_key,
                "SIGN": expected_signature,
                "Timestamp": "1640000000",
                "X-Gate-Channel-Id": "hummingbot",
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_json_body_of_post_requests_in_headers(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST, url="https://api.gateio.ws/api/v4/spot/accounts", data=body, is_auth_required=True
        )
        expected_signature = self.signature(
            "POST\n/api/v4/spot/accounts\n\n" + hashlib.sha512(body.encode("utf8")).hexdigest() + "\n1640000000"
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(body, authenticated.data)
        self.assertIsNone(authenticated.params)
        self.assertEqual(
            {
                "KEY": self.api_key,
                "SIGN": expected_signature,
                "Timestamp": "1640000000",
                "X-Gate-Channel-Id": "hummingbot",
            },
            authenticated.headers,
        )

    async def test_rest_authenticate_signs_a_body_mapping_as_its_json_text(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.gateio.ws/api/v4/spot/accounts",
            data=json.loads(body),
            is_auth_required=True,
        )
        expected_signature = self.signature(
            "POST\n/api/v4/spot/accounts\n\n" + hashlib.sha512(body.encode("utf8")).hexdigest() + "\n1640000000"
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(json.loads(body), authenticated.data)
        self.assertEqual(expected_signature, authenticated.headers["SIGN"])

    async def test_ws_authenticate_signs_subscription_messages(self):
        request = WSJSONRequest(
            payload={"time": 1640000000, "channel": "spot.orders", "event": "subscribe", "payload": ["COINALPHA_HBOT"]},
            is_auth_required=True,
        )

        authenticated = await self.auth.ws_authenticate(request)

        self.assertEqual(
            {
                "time": 1640000000,
                "channel": "spot.orders",
                "event": "subscribe",
                "payload": ["COINALPHA_HBOT"],
                "auth": {
                    "method": "api_key",
                    "KEY": self.api_key,
                    "SIGN": self.ws_signature("channel=spot.orders&event=subscribe&time=1640000000"),
                },
            },
            authenticated.payload,
        )

    def ws_signature(self, message: str) -> str:
        """The private websocket signature the exchange expects for `message`, computed from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha512).hexdigest()
