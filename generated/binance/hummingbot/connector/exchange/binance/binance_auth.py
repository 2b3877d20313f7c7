import hashlib
import hmac
import json
from typing import Any, Dict, Optional
from urllib.parse import urlencode

from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSRequest


class BinanceAuth(AuthBase):
    """
    Signs requests: HMAC-SHA256 (hex) of the urlencoded
    parameters, with the timestamp appended before signing and the signature appended after.
    """

    def __init__(self, api_key: str, secret_key: str, time_provider: TimeSynchronizer):
        self.api_key = api_key
        self.secret_key = secret_key
        self.time_provider = time_provider

    async def rest_authenticate(self, request: RESTRequest) -> RESTRequest:
        headers = dict(request.headers or {})
        if request.method in (RESTMethod.POST, RESTMethod.PUT):
            # Signed bodies are sent form-encoded, as the exchange signs them.
            request.data = self.add_auth_to_params(params=json.loads(request.data) if request.data is not None else {})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            request.params = self.add_auth_to_params(params=request.params)
        headers.update(self.header_for_authentication())
        request.headers = headers
        return request

    async def ws_authenticate(self, request: WSRequest) -> WSRequest:
        """The user stream authenticates with its signed subscribe request (see generate_ws_subscribe_params)."""
        return request

    def add_auth_to_params(self, params: Optional[Dict[str, Any]]) -> Dict[str, Any]:
        request_params = dict(params or {})
        request_params["timestamp"] = int(self.time_provider.time() * 1e3)
        request_params["signature"] = self._generate_signature(urlencode(request_params))
        return request_params

    def header_for_authentication(self) -> Dict[str, str]:
        return {
            "X-MBX-APIKEY": self.api_key,
        }

    def generate_ws_signature(self, params: Dict[str, Any]) -> str:
        """The signature of websocket request parameters: over their alphabetically sorted key=value pairs."""
        payload = "&".join(f"{key}={value}" for key, value in sorted(params.items()))
        return self._generate_signature(payload)

    def generate_ws_subscribe_params(self) -> Dict[str, Any]:
        """Parameters of the user stream subscribe request, signed (generate_ws_signature)."""
        params: Dict[str, Any] = {
            "apiKey": self.api_key,
            "timestamp": int(self.time_provider.time() * 1e3),
        }
        params["signature"] = self.generate_ws_signature(params)
        return params

    def _generate_signature(self, payload: str) -> str:
        digest = hmac.new(self.secret_key.encode("utf8"), payload.encode("utf8"), hashlib.sha256)
        return digest.hexdigest()
