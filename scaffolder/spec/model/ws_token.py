"""A websocket whose server and token come from a REST call made before each connection (KuCoin's bullet tokens).

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
    server: FieldPath = Field(description="Where the websocket server URL is in the endpoint's response.")
    ping_interval: Optional[TimeField] = Field(
        default=None, description="Where the server's ping interval is; pings then go at 80 % of it."
    )
    connect_url: str = Field(
        default="{server}?token={token}",
        description="The URL connected to: {server} the server URL, {token} the token, {connect_id} a unique id.",
    )
