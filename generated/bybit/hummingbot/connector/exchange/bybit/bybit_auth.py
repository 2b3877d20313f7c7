import hashlib
import hmac
import json
from typing import Any, Dict
from urllib.parse import urlencode

from hummingbot.connector.exchange.bybit import bybit_constants as CONSTANTS
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, RESTRequest, WSRequest

# Milliseconds a signed request stays valid after its timestamp.
RECV_WINDOW = "5000"


class BybitAuth(AuthBase):
    """
    Signs requests: HMAC-SHA256 (hex) of a message built from the
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
        """The user stream authenticates with its login message (see ws_login_message)."""
        return request

    def header_for_authentication(self, request: RESTRequest) -> Dict[str, str]:
        timestamp = str(int(self.time_provider.time() * 1e3))
        payload = request.data if request.method in (RESTMethod.POST, RESTMethod.PUT) else request.params
        signature = self._generate_rest_signature(timestamp, request.method, payload)
        return {
            "X-BAPI-API-KEY": self.api_key,
            "X-BAPI-SIGN": signature,
            "X-BAPI-SIGN-TYPE": "2",
            "X-BAPI-TIMESTAMP": timestamp,
            "X-BAPI-RECV-WINDOW": RECV_WINDOW,
            "referer": CONSTANTS.HBOT_BROKER_ID,
        }

    def ws_login_message(self) -> Dict[str, Any]:
        """The private websocket's login message, signed with the current time."""
        timestamp = int((self._time() + 10) * 1e3)
        signature = self._generate_signature(f"GET/realtime{timestamp}")
        return {"op": "auth", "args": [self.api_key, timestamp, signature]}

    def _time(self) -> float:
        """The clock the private websocket's login is signed with: Hummingbot's, synchronised with the exchange."""
        return self.time_provider.time()

    def _generate_rest_signature(self, timestamp: str, method: RESTMethod, payload: Any) -> str:
        """The signature of a request from its parts: the timestamp as the headers send it, the HTTP method, and
        the payload: the query parameters of a GET or DELETE, the body of a POST or PUT."""
        if method in (RESTMethod.POST, RESTMethod.PUT):
            query, body = "", self._body_text(payload)
        else:
            query, body = urlencode(payload or {}), ""
        return self._generate_signature(timestamp + self.api_key + RECV_WINDOW + query + body)

    @staticmethod
    def _body_text(data: Any) -> str:
        """The body as signed: the JSON text Hummingbot's REST assistant passes, a mapping not yet encoded written as
        that text (json.dumps, as the assistant writes it), "" without a body."""
        if data is None:
            return ""
        return data if isinstance(data, str) else json.dumps(data)

    def _generate_signature(self, payload: str) -> str:
        digest = hmac.new(self.secret_key.encode("utf8"), payload.encode("utf8"), hashlib.sha256)
        return digest.hexdigest()
