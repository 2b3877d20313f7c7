import base64
import hashlib
import hmac
import json
from typing import Any, Dict
from urllib.parse import urlencode, urlparse

from hummingbot.connector.exchange.kucoin import kucoin_constants as CONSTANTS
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.web_assistant.auth import AuthBase
from hummingbot.core.web_assistant.connections.data_types import RESTRequest, WSRequest


class KucoinAuth(AuthBase):
    """
    Signs requests: HMAC-SHA256 (base64) of a message built from the
    timestamp and the request; key, timestamp and signature travel in headers.
    """

    def __init__(self, api_key: str, passphrase: str, secret_key: str, time_provider: TimeSynchronizer):
        self.api_key = api_key
        self.passphrase = passphrase
        self.secret_key = secret_key
        self.time_provider = time_provider

    async def rest_authenticate(self, request: RESTRequest) -> RESTRequest:
        if request.params:
            # The query is sent, and signed, in key order.
            request.params = dict(sorted(request.params.items()))
        headers = dict(request.headers or {})
        headers.update(self.header_for_authentication(request))
        request.headers = headers
        return request

    async def ws_authenticate(self, request: WSRequest) -> WSRequest:
        """The user stream authenticates when connecting; websocket messages are sent as they are."""
        return request

    def header_for_authentication(self, request: RESTRequest) -> Dict[str, str]:
        timestamp = str(int(self.time_provider.time() * 1e3))
        path = urlparse(request.url).path
        query = urlencode(request.params or {})
        request_path = f"{path}?{query}" if query else path
        body = self._body_text(request.data)
        signature = self._generate_signature(timestamp + request.method.value + request_path + body)
        partner_signature = self._generate_partner_signature(timestamp + CONSTANTS.HB_PARTNER_ID + self.api_key)
        return {
            "KC-API-KEY": self.api_key,
            "KC-API-SIGN": signature,
            "KC-API-TIMESTAMP": timestamp,
            "KC-API-PASSPHRASE": self._generate_signature(self.passphrase),
            "KC-API-KEY-VERSION": "2",
            "KC-API-PARTNER": CONSTANTS.HB_PARTNER_ID,
            "KC-API-PARTNER-SIGN": partner_signature,
        }

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

    def _generate_partner_signature(self, payload: str) -> str:
        """The partner's signature, which credits the request to Hummingbot: keyed with the partner's key."""
        digest = hmac.new(CONSTANTS.HB_PARTNER_KEY.encode("utf8"), payload.encode("utf8"), hashlib.sha256)
        return base64.b64encode(digest.digest()).decode()
