import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, Tuple
from unittest.mock import MagicMock, patch

import jwt
from cryptography.hazmat.primitives import serialization

from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_auth import CoinbaseAdvancedTradeAuth
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSJSONRequest


class CoinbaseAdvancedTradeAuthTests(IsolatedAsyncioWrapperTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.api_key = "testApiKey"
        self.secret_key = (
            serialization.load_der_private_key(
                bytes.fromhex(
                    "307702010104204c4235da930337a5c35c7f5c8f6a225c3701e9bd22faa75584b19a7638a1878ca00a06082a8648ce3d030107a1440342000474b526a955a6fc014dee261fa267b008ad04b7cef37abf9e206bc9dc9450b8f1261216358e24cc9c89d73a77a21dc932cc64209ba6da0c1597f50ccffd08b7e5"
                ),
                password=None,
            )
            .private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
            )
            .decode()
        )
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        # Each token carries a random hex nonce: n bytes give n times 'ab' here.
        token_hex_patcher = patch(
            "hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_auth.secrets.token_hex",
            side_effect=lambda nbytes: "ab" * nbytes,
        )
        token_hex_patcher.start()
        self.addCleanup(token_hex_patcher.stop)
        self.auth = CoinbaseAdvancedTradeAuth(
            api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider
        )

    def decoded(self, token: str) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        """The token's header and claims, its signature verified with the public key of the test's private key
        (the times are the test clock's, long past: their expiry is not checked)."""
        private_key = serialization.load_pem_private_key(self.secret_key.encode("utf8"), password=None)
        claims = jwt.decode(
            token,
            private_key.public_key(),
            algorithms=["ES256"],
            options={"verify_exp": False, "verify_nbf": False, "verify_iat": False, "verify_aud": False},
        )
        return jwt.get_unverified_header(token), claims

    def sent_token(self, headers: Dict[str, str]) -> str:
        """The token in the header that carries it (the rest of the header is checked with the others)."""
        sent = headers["Authorization"]
        self.assertTrue(sent.startswith("Bearer "))
        return sent.removeprefix("Bearer ")

    async def test_rest_authenticate_sends_a_jwt_for_get_requests(self):
        request = RESTRequest(
            method=RESTMethod.GET,
            url="https://api.coinbase.com/api/v3/brokerage/accounts",
            params={"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"},
            is_auth_required=True,
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}, authenticated.params)
        self.assertIsNone(authenticated.data)
        token = self.sent_token(authenticated.headers)
        self.assertEqual({"Authorization": "Bearer " + token}, authenticated.headers)
        header, claims = self.decoded(token)
        self.assertEqual(
            {
                "alg": "ES256",
                "typ": "JWT",
                "kid": self.api_key,
                "nonce": "abababababababababababababababababababababababababababababababab",
            },
            header,
        )
        self.assertEqual(
            {
                "sub": self.api_key,
                "iss": "cdp",
                "nbf": 1640000000,
                "exp": 1640000120,
                "uri": "GET api.coinbase.com/api/v3/brokerage/accounts",
            },
            claims,
        )

    async def test_rest_authenticate_sends_a_jwt_for_post_requests_with_the_json_body(self):
        body = json.dumps({"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"})
        request = RESTRequest(
            method=RESTMethod.POST,
            url="https://api.coinbase.com/api/v3/brokerage/accounts",
            data=body,
            is_auth_required=True,
        )

        authenticated = await self.auth.rest_authenticate(request)

        self.assertEqual(body, authenticated.data)
        self.assertIsNone(authenticated.params)
        token = self.sent_token(authenticated.headers)
        self.assertEqual({"Authorization": "Bearer " + token}, authenticated.headers)
        header, claims = self.decoded(token)
        self.assertEqual(
            {
                "alg": "ES256",
                "typ": "JWT",
                "kid": self.api_key,
                "nonce": "abababababababababababababababababababababababababababababababab",
            },
            header,
        )
        self.assertEqual(
            {
                "sub": self.api_key,
                "iss": "cdp",
                "nbf": 1640000000,
                "exp": 1640000120,
                "uri": "POST api.coinbase.com/api/v3/brokerage/accounts",
            },
            claims,
        )

    def verified_jwt(self, token: str) -> str:
        """`token`, once verified (`decoded`) and its header and claims the recipe's for a token made without a request."""
        header, claims = self.decoded(token)
        self.assertEqual(
            {
                "alg": "ES256",
                "typ": "JWT",
                "kid": self.api_key,
                "nonce": "abababababababababababababababababababababababababababababababab",
            },
            header,
        )
        self.assertEqual({"sub": self.api_key, "iss": "cdp", "nbf": 1640000000, "exp": 1640000120}, claims)
        return token

    def test_a_jwt_made_without_a_request_leaves_out_the_request_claims(self):
        header, claims = self.decoded(self.auth.generate_jwt())

        self.assertEqual(
            {
                "alg": "ES256",
                "typ": "JWT",
                "kid": self.api_key,
                "nonce": "abababababababababababababababababababababababababababababababab",
            },
            header,
        )
        self.assertEqual({"sub": self.api_key, "iss": "cdp", "nbf": 1640000000, "exp": 1640000120}, claims)

    async def test_ws_authenticate_signs_subscription_messages(self):
        request = WSJSONRequest(
            payload={"type": "subscribe", "channel": "user", "product_ids": ["COINALPHA-HBOT"]}, is_auth_required=True
        )

        authenticated = await self.auth.ws_authenticate(request)

        self.assertEqual(
            {
                "type": "subscribe",
                "channel": "user",
                "product_ids": ["COINALPHA-HBOT"],
                "jwt": self.verified_jwt(authenticated.payload["jwt"]),
            },
            authenticated.payload,
        )

    def ws_signature(self, message: str) -> str:
        """The private websocket signature the exchange expects for `message`, computed from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).hexdigest()
