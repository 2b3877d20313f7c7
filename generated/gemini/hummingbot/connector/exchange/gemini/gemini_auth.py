import base64
import hashlib
import hmac
import json
from typing import Any, Dict
from urllib.parse import urlparse

from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.utils.tracking_nonce import NonceCreator
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTRequest, WSRequest


class GeminiAuth(AuthBase):
    """
    Signs requests: HMAC-SHA384 (hex) of a payload, the JSON object of the request's
    parameters with the fields the exchange asks for, base64-encoded; payload, key and signature travel
    in headers, the body is empty.
    """

    def __init__(self, api_key: str, secret_key: str, time_provider: TimeSynchronizer):
        self.api_key = api_key
        self.secret_key = secret_key
        self.time_provider = time_provider
        self._nonce_creator = NonceCreator.for_milliseconds()

    async def rest_authenticate(self, request: RESTRequest) -> RESTRequest:
        headers = dict(request.headers or {})
        nonce = self.get_tracking_nonce()
        # The request's parameters travel in the signed payload: its body and query are sent empty.
        params = self._take_params(request)
        headers.update(self.header_for_authentication(request, nonce, params))
        request.headers = headers
        return request

    async def ws_authenticate(self, request: WSRequest) -> WSRequest:
        """The user stream authenticates when connecting; websocket messages are sent as they are."""
        return request

    def header_for_authentication(self, request: RESTRequest, nonce: str, params: Dict[str, Any]) -> Dict[str, str]:
        path = urlparse(request.url).path
        payload = self._encode_payload({"request": path, "nonce": int(nonce), **params})
        signature = self._generate_signature(payload)
        return {
            "Content-Type": "text/plain",
            "Content-Length": "0",
            "X-GEMINI-APIKEY": self.api_key,
            "X-GEMINI-PAYLOAD": payload,
            "X-GEMINI-SIGNATURE": signature,
            "Cache-Control": "no-cache",
        }

    def ws_auth_headers(self) -> Dict[str, str]:
        """The private websocket handshake's headers, signed with the current time."""
        timestamp = str(int(self._time()))
        payload = base64.b64encode(f"{timestamp}".encode("utf8")).decode()
        signature = self._generate_signature(f"{payload}")
        return {
            "X-GEMINI-APIKEY": f"{self.api_key}",
            "X-GEMINI-NONCE": f"{timestamp}",
            "X-GEMINI-PAYLOAD": f"{payload}",
            "X-GEMINI-SIGNATURE": f"{signature}",
        }

    def _time(self) -> float:
        """The clock the private websocket's handshake is signed with: Hummingbot's, synchronised with the exchange."""
        return self.time_provider.time()

    @staticmethod
    def _take_params(request: RESTRequest) -> Dict[str, Any]:
        """Takes the request's parameters (its JSON body, else its query) out of it, for the payload."""
        if request.data is not None:
            params = dict(request.data) if isinstance(request.data, dict) else json.loads(request.data)
        else:
            params = dict(request.params or {})
        request.data = None
        request.params = None
        return params

    @staticmethod
    def _encode_payload(fields: Dict[str, Any]) -> str:
        """The payload: the JSON text of its fields and the request's parameters, base64-encoded."""
        return base64.b64encode(json.dumps(fields).encode("utf8")).decode()

    def get_tracking_nonce(self) -> str:
        """The signing clock in milliseconds, one more than the last nonce when the clock has not moved on."""
        return str(self._nonce_creator.get_tracking_nonce(timestamp=self.time_provider.time()))

    def _generate_signature(self, payload: str) -> str:
        digest = hmac.new(self.secret_key.encode("utf8"), payload.encode("utf8"), hashlib.sha384)
        return digest.hexdigest()
