import base64
import hashlib
import hmac
import json
from typing import Dict
from urllib.parse import urlencode, urlparse

from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.utils.tracking_nonce import NonceCreator
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSRequest


class KrakenAuth(AuthBase):
    """
    Signs requests: HMAC-SHA512 (base64) of a message built from a
    nonce unique to the request and the request itself; key and signature travel in headers.
    """

    def __init__(self, api_key: str, secret_key: str, time_provider: TimeSynchronizer):
        self.api_key = api_key
        self.secret_key = secret_key
        self.time_provider = time_provider
        self._nonce_creator = NonceCreator.for_milliseconds()

    async def rest_authenticate(self, request: RESTRequest) -> RESTRequest:
        headers = dict(request.headers or {})
        nonce = self.get_tracking_nonce()
        if request.data is not None or request.method in (RESTMethod.POST, RESTMethod.PUT):
            # The nonce travels first in the body, and is signed with it.
            request.data = json.dumps({"nonce": nonce, **json.loads(request.data or "{}")})
        else:
            request.params = {"nonce": nonce, **(request.params or {})}
        if request.data is not None:
            # Bodies are sent form-encoded: the parameters, in order, which aiohttp encodes as urlencode writes them
            # for the signature.
            request.data = json.loads(request.data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers.update(self.header_for_authentication(request, nonce))
        request.headers = headers
        return request

    async def ws_authenticate(self, request: WSRequest) -> WSRequest:
        """The user stream authenticates when connecting; websocket messages are sent as they are."""
        return request

    def header_for_authentication(self, request: RESTRequest, nonce: str) -> Dict[str, str]:
        path = urlparse(request.url).path
        body = urlencode(request.data or {})
        digest = hashlib.sha256((nonce + body).encode("utf8")).digest()
        signature = self._generate_signature(path.encode("utf8") + digest)
        return {
            "API-Key": self.api_key,
            "API-Sign": signature,
        }

    def get_tracking_nonce(self) -> str:
        """The signing clock in milliseconds, one more than the last nonce when the clock has not moved on."""
        return str(self._nonce_creator.get_tracking_nonce(timestamp=self.time_provider.time()))

    def _generate_signature(self, payload: bytes) -> str:
        digest = hmac.new(base64.b64decode(self.secret_key), payload, hashlib.sha512)
        return base64.b64encode(digest.digest()).decode()
