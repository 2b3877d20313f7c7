import base64
import json
from typing import Any, Dict

from cryptography.hazmat.primitives.asymmetric import ed25519

from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTRequest, WSRequest

# Request parameters that are signed but not sent.
SIGN_ONLY_PARAMS = ("instruction",)


class BackpackAuth(AuthBase):
    """
    Signs requests: Ed25519 (base64) of a message built from the
    timestamp and the request; key, timestamp and signature travel in headers.
    """

    # Milliseconds a signed request stays valid after its timestamp.
    DEFAULT_WINDOW_MS = 5000

    def __init__(self, api_key: str, secret_key: str, time_provider: TimeSynchronizer):
        self.api_key = api_key
        self.secret_key = secret_key
        self.time_provider = time_provider

    async def rest_authenticate(self, request: RESTRequest) -> RESTRequest:
        headers = dict(request.headers or {})
        # A sign-only parameter given as a header is signed, not sent.
        headers = {key: value for key, value in headers.items() if key not in SIGN_ONLY_PARAMS}
        headers.update(self.header_for_authentication(request))
        request.headers = headers
        return request

    async def ws_authenticate(self, request: WSRequest) -> WSRequest:
        """Signs a subscription message: the signature of its fields goes under 'signature'."""
        payload = request.payload
        timestamp = str(int(self.time_provider.time() * 1e3))
        signature = self._ws_signature(
            f"instruction=subscribe&timestamp={timestamp}&window={str(self.DEFAULT_WINDOW_MS)}"
        )
        payload["signature"] = [self.api_key, signature, timestamp, str(self.DEFAULT_WINDOW_MS)]
        return request

    def header_for_authentication(self, request: RESTRequest) -> Dict[str, str]:
        timestamp = str(int(self.time_provider.time() * 1e3))
        sign_only = self._take_sign_only_params(request)
        instruction = sign_only.get("instruction", "")
        sorted_params = self._sorted_params(request)
        signature = self._generate_signature(
            "&".join(
                part
                for part in (
                    f"instruction={instruction}" if instruction else "",
                    sorted_params,
                    f"timestamp={timestamp}",
                    f"window={str(self.DEFAULT_WINDOW_MS)}",
                )
                if part
            )
        )
        return {
            "X-Timestamp": timestamp,
            "X-Window": str(self.DEFAULT_WINDOW_MS),
            "X-API-Key": self.api_key,
            "X-Signature": signature,
            "X-BROKER-ID": "2200",
        }

    @staticmethod
    def _take_sign_only_params(request: RESTRequest) -> Dict[str, Any]:
        """Takes the parameters that are signed but not sent out of the headers, the query and the JSON body."""
        taken = {key: value for key, value in (request.headers or {}).items() if key in SIGN_ONLY_PARAMS}
        if taken:
            request.headers = {key: value for key, value in request.headers.items() if key not in SIGN_ONLY_PARAMS}
        if request.params and any(key in request.params for key in SIGN_ONLY_PARAMS):
            taken.update({key: value for key, value in request.params.items() if key in SIGN_ONLY_PARAMS})
            request.params = {key: value for key, value in request.params.items() if key not in SIGN_ONLY_PARAMS}
        if request.data is not None:
            body = json.loads(request.data)
            if isinstance(body, dict) and any(key in body for key in SIGN_ONLY_PARAMS):
                taken.update({key: value for key, value in body.items() if key in SIGN_ONLY_PARAMS})
                request.data = json.dumps({key: value for key, value in body.items() if key not in SIGN_ONLY_PARAMS})
        return taken

    @staticmethod
    def _sorted_params(request: RESTRequest) -> str:
        """The query parameters, or the JSON body's, sorted by key as key=value&...; booleans as JSON writes them."""
        params: Dict[str, Any] = json.loads(request.data) if request.data is not None else dict(request.params or {})
        return "&".join(
            f"{key}={str(value).lower() if isinstance(value, bool) else value}" for key, value in sorted(params.items())
        )

    def _ws_signature(self, payload: str) -> str:
        private_key = ed25519.Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.secret_key))
        signature = private_key.sign(payload.encode("utf8"))
        return base64.b64encode(signature).decode()

    def _generate_signature(self, payload: str) -> str:
        private_key = ed25519.Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.secret_key))
        signature = private_key.sign(payload.encode("utf8"))
        return base64.b64encode(signature).decode()
