"""`auth.private_ws` and `user_stream`: the private websocket connection and its subscriptions."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, JSON, Predicate, Strict
from scaffolder.spec.model.balances import BalanceEvent
from scaffolder.spec.model.orders import OrderEvent


class PrivateWsAuth(Strict):
    scheme: Literal["signed_subscribe"] = Field(
        description="signed_subscribe: one request carrying api key, timestamp and an HMAC over the alphabetically "
        "sorted parameters subscribes the connection to the user data stream."
    )
    method: str
    api_key_param: str
    timestamp_param: str
    signature_param: str
    success: Predicate
    event_envelope: Optional[str] = Field(default=None, description="Key that wraps each event, if any.")


class UserStream(Strict):
    route_field: FieldPath
    order_event: OrderEvent
    balance_event: Optional[BalanceEvent] = None
    example_subscribe_response: JSON
