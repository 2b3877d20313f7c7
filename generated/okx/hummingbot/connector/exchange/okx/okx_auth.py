import base64
import hashlib
import hmac
import json
from datetime import datetime, timezone
from typing import Any, Dict
from urllib.parse import urlencode, urlparse

from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTRequest, WSRequest


class OkxAuth(AuthBase):
    """
    Signs requests: HMAC-SHA256 (base64) of a message built from the
    timestamp and the request; key, timestamp and signature travel in headers.
    """

    def __init__(self, api_key: str, secret_key: str, passphrase: str, time_provider: TimeSynchronizer):
        self.api_key = api_key
        self.secret_key = secret_key
        self.passphrase = passphrase
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
        timestamp = (
            datetime.fromtimestamp(self.time_provider.time(), timezone.utc)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        path = urlparse(request.url).path
        query = urlencode(request.params or {})
        request_path = f"{path}?{query}" if query else path
        body = self._body_text(request.data)
        signature = self._generate_signature(timestamp + request.method.value + request_path + body)
        return {
            "OK-ACCESS-KEY": self.api_key,
            "OK-ACCESS-SIGN": signature,
            "OK-ACCESS-TIMESTAMP": timestamp,
            "OK-ACCESS-PASSPHRASE": self.passphrase,
        }

    def ws_login_message(self) -> Dict[str, Any]:
        """The private websocket's login message, signed with the current time."""
        timestamp = str(int(self._time()))
        signature = self._generate_signature(f"{timestamp}GET/users/self/verify")
        return {
            "op": "login",
            "args": [
                {"apiKey": self.api_key, "passphrase": self.passphrase, "timestamp": timestamp, "sign": signature}
            ],
        }

    def _time(self) -> float:
        """The clock the private websocket's login is signed with: Hummingbot's, synchronised with the exchange."""
        return self.time_provider.time()

    @staticmethod
    def _body_text(data: Any) -> str:
        """The body as signed: the JSON text Hummingbot's REST assistant passes, a mapping not yet encoded written as
        that text (json.dumps, as the assistant writes it), "" without a body."""
        if data is None:
            return ""
        return data if isinstance(data, str) else json.dumps(data)

    def _generate_signature(self, payload: str) -> str:
        digest = hmac.new(self.secret_key.encode("utf8"), payload.encode("utf8"), hashlib.sha256)
        return base64.b64encode(digest.digest()).decode()
