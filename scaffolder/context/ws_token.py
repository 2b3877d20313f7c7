"""Values for a websocket token fetched over REST before each connection (`public_ws.token`,
`auth.private_ws.token`): the request, where the token and server are read, the URL and the ping interval."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.pysource import fstring, in_seconds, read
from scaffolder.spec.model import Spec
from scaffolder.spec.model.ws_token import WsToken
from scaffolder.spec.validate import placeholders

# The share of a server-announced ping interval after which the client pings (leaves room for latency).
ANNOUNCED_PING_SHARE = 0.8


def token_values(spec: Spec, token: WsToken, variable: str, pings: bool) -> Dict[str, Any]:
    """`variable` names the token response in the generated code; `pings`: the connection sends pings, at a share
    of the interval the response announces (when the spec says where it is)."""
    interval = token.ping_interval
    if token.server is None:
        # The token travels in the subscriptions ({token}); the connection goes to the private URL.
        url_constant = spec.constant_names.get("WSS_PRIVATE_URL", "WSS_PRIVATE_URL")
        url = f"CONSTANTS.{url_constant}.format(domain=self._domain)"
    else:
        url = fstring(token.connect_url, {"server": "server", "token": "token", "connect_id": "uuid.uuid4()"})
    return {
        "constant": spec.endpoints[token.endpoint].constant,
        "limit_id": spec.endpoints[token.endpoint].rate_limit_id,
        "method": token.method,
        "token": read(token.token, variable),
        "server": read(token.server, variable) if token.server is not None else None,
        "ping_interval": (
            f"{in_seconds(f'float({read(interval.path, variable)})', interval.unit)} * {ANNOUNCED_PING_SHARE}"
            if interval and pings
            else None
        ),
        "url": url,
        "uses_connect_id": token.server is not None and "connect_id" in placeholders(token.connect_url),
        # Only the token is read from the response: a method of its own fetches it (get_auth_token).
        "token_only": token.server is None and not (interval and pings),
    }
