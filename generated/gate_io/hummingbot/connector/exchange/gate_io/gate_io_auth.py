import hashlib
import hmac
import json
from typing import Any, Dict
from urllib.parse import urlencode, urlparse

from hummingbot.connector.exchange.gate_io import gate_io_constants as CONSTANTS
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTRequest, WSRequest


class GateIoAuth(AuthBase):
    """
    Signs requests: HMAC-SHA512 (hex) of a message built from the
    timestamp and the request; key, timestamp and signature travel in headers.
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
        """Signs a subscription message: the signature of its fields goes under 'auth'."""
        payload = request.payload
        signature = self._generate_signature(
            f"channel={payload['channel']}&event={payload['event']}&time={payload['time']}"
        )
        payload["auth"] = {"method": "api_key", "KEY": self.api_key, "SIGN": signature}
        return request

    def header_for_authentication(self, request: RESTRequest) -> Dict[str, str]:
        timestamp = str(int(self.time_provider.time()))
        path = urlparse(request.url).path
        query = urlencode(request.params or {})
        body = self._body_text(request.data)
        body_hash = hashlib.sha512(body.encode("utf8")).hexdigest()
        signature = self._generate_signature(
            request.method.value + "\n" + path + "\n" + query + "\n" + body_hash + "\n" + timestamp
        )
        return {
            "KEY": self.api_key,
            "SIGN": signature,
            "Timestamp": timestamp,
            "X-Gate-Channel-Id": CONSTANTS.HBOT_BROKER_ID,
        }

    @staticmethod
    def _body_text(data: Any) -> str:
        """The body as signed: the JSON text Hummingbot's REST assistant passes, a mapping not yet encoded written as
        that text (json.dumps, as the assistant writes it), "" without a body."""
        if data is None:
            return ""
        return data if isinstance(data, str) else json.dumps(data)

    def _generate_signature(self, payload: str) -> str:
        digest = hmac.new(self.secret_key.encode("utf8"), payload.encode("utf8"), hashlib.sha512)
        return digest.hexdigest()
