"""A websocket whose server and token come from a REST call made before each connection (KuCoin's bullet tokens),
or whose subscriptions carry a token from such a call (Kraken's GetWebSocketsToken).

Used by `public_ws.token` and `auth.private_ws.token`.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, Strict, TimeField


class WsToken(Strict):
    """The REST request answering with the websocket server and a connection token."""

    endpoint: str = Field(description="Name of the endpoint requested before each connection.")
    method: Literal["GET", "POST"] = "POST"
    token: FieldPath = Field(description="Where the token is in the endpoint's response.")
    server: Optional[FieldPath] = Field(
        default=None,
        description="Where the websocket server URL is in the endpoint's response. Without it (auth.private_ws.token "
        "only), the connection goes to urls.private_ws and the token travels in the subscriptions ({token}).",
    )
    ping_interval: Optional[TimeField] = Field(
        default=None, description="Where the server's ping interval is; pings then go at 80 % of it."
    )
    connect_url: str = Field(
        default="{server}?token={token}",
        description="The URL connected to: {server} the server URL, {token} the token, {connect_id} a unique id.",
    )
