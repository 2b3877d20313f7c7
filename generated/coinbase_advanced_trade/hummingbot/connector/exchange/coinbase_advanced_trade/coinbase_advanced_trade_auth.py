import secrets
from typing import Dict, Optional
from urllib.parse import urlparse

import jwt
from cryptography.hazmat.primitives import serialization

from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTRequest, WSRequest


class CoinbaseAdvancedTradeAuth(AuthBase):
    """
    Authenticates requests with a JSON Web Token (ES256) made for each one, signed with
    the private key the secret_key holds (PEM); the token travels in headers.
    """

    def __init__(self, api_key: str, secret_key: str, time_provider: TimeSynchronizer):
        self.api_key = api_key
        self.secret_key = secret_key
        self.time_provider = time_provider

    async def rest_authenticate(self, request: RESTRequest) -> RESTRequest:
        headers = dict(request.headers or {})
        headers.update(self.header_for_authentication(request))
        request.headers = headers
        return request

    async def ws_authenticate(self, request: WSRequest) -> WSRequest:
        """Authenticates a subscription message: a token made without a request goes under 'jwt'."""
        request.payload["jwt"] = self.generate_jwt()
        return request

    def header_for_authentication(self, request: RESTRequest) -> Dict[str, str]:
        token = self.generate_jwt(request)
        return {
            "Authorization": "Bearer " + token,
        }

    def generate_jwt(self, request: Optional[RESTRequest] = None) -> str:
        """A token signed with the private key, valid for 120 s; made without a request, it leaves out the
        claims that describe one."""
        timestamp = int(self.time_provider.time())
        expires = timestamp + 120
        nonce = secrets.token_hex(32)
        claims = {
            "sub": self.api_key,
            "iss": "cdp",
            "nbf": timestamp,
            "exp": expires,
        }
        if request is not None:
            method = request.method.value
            host = urlparse(request.url).netloc
            path = urlparse(request.url).path
            claims["uri"] = f"{method} {host}{path}"
        return jwt.encode(
            claims,
            self._private_key(),
            algorithm="ES256",
            headers={"kid": self.api_key, "nonce": nonce},
        )

    def _private_key(self):
        """The private key the secret_key holds in PEM (newlines written as \\n accepted)."""
        pem = self.secret_key.replace("\\n", "\n")
        return serialization.load_pem_private_key(pem.encode("utf8"), password=None)
