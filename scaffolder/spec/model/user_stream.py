"""`auth.private_ws` and `user_stream`: the private websocket connection and its subscriptions."""

from __future__ import annotations

from typing import Annotated, Any, Dict, List, Literal, Optional, Union

from pydantic import BeforeValidator, Field, GetJsonSchemaHandler
from pydantic_core import core_schema as cs

from scaffolder.spec.model.base import Compression, FieldPath, JSON, PositiveNumber, Predicate, Strict
from scaffolder.spec.model.balances import BalanceEvent
from scaffolder.spec.model.orders import FillEvent, OrderEvent
from scaffolder.spec.model.public_ws import PING_SCHEDULE_DESCRIPTION, ServerPing
from scaffolder.spec.model.ws_token import WsToken


class WsSignature(Strict):
    """The HMAC a private websocket login or subscription carries."""

    payload: str = Field(description="The signed text, a template (placeholders depend on the scheme).")
    algorithm: Optional[Literal["sha256", "sha384", "sha512", "ed25519"]] = Field(
        default=None, description="Defaults to auth.rest.algorithm (ed25519: keyed by the secret decoded as "
        "auth.rest.secret_encoding says)."
    )
    encoding: Optional[Literal["hex", "base64"]] = Field(default=None, description="Defaults to auth.rest.encoding.")
    secret: Optional[str] = Field(
        default=None, description="The credential keying the HMAC; defaults to auth.rest.secret."
    )


class WsTimestamp(Strict):
    """The clock value a login message carries (and signs)."""

    unit: Literal["ms", "s"] = "ms"
    offset: float = Field(default=0, description="Seconds added to the clock (an expiry in the future).")
    text: bool = Field(default=False, description="Sent as a string rather than a number.")


class ListenKey(Strict):
    """A listen key created over REST, kept alive on a timer, and part of the websocket URL."""

    endpoint: str = Field(description="The endpoint POSTed to create the key and PUT to keep it alive.")
    key: FieldPath = Field(description="The key in the endpoint's example_response.")
    param: Optional[str] = Field(
        default=None, description="The parameter carrying the key in the keep-alive request (or keepalive_path)."
    )
    keepalive_path: Optional[str] = Field(
        default=None,
        description="The keep-alive request's path with the key in it, {listen_key} (PUT /listenKey/{listen_key}), "
        "instead of a parameter.",
    )
    keepalive_interval: PositiveNumber = Field(description="Seconds between keep-alive requests.")
    url: Optional[str] = Field(
        default=None,
        description="The base URL of the key requests where it is not the private REST URL (a separate user stream "
        "API host), the same for every domain.",
    )
    headers: Optional[Dict[str, str]] = Field(
        default=None,
        description="The key requests go unsigned, carrying only these headers, templates over the credentials "
        "(Binance: {X-MBX-APIKEY: \"{api_key}\"}); default: signed as any private request.",
    )


class SubscriptionAuth(Strict):
    """The signature added to each subscription message (signed_subscriptions)."""

    key: str = Field(description="The key added to each subscription message.")
    value: JSON = Field(
        description="Its value, a JSON template: credentials, {signature}, {timestamp} and {recv_window}; or, with "
        "auth.rest scheme jwt, exactly \"{jwt}\": a token made without a request (Coinbase's user channel), and then "
        "no signature."
    )


class WsPayload(Strict):
    """A text the handshake headers carry encoded, {payload} (Gemini: base64 of the nonce)."""

    text: str = Field(description="A template over {timestamp} and the credentials (Gemini: \"{timestamp}\").")
    encoding: Literal["base64", "base64url", "hex"] = Field(
        default="base64", description="How the UTF-8 text is written as {payload}: base64, URL-safe base64 or hex."
    )


class PrivateWsAuth(Strict):
    scheme: Literal["signed_subscribe", "login", "listen_key", "token", "signed_subscriptions", "headers"] = Field(
        description="signed_subscribe: one request carrying api key, timestamp and an HMAC over the alphabetically "
        "sorted parameters subscribes the connection to the user data stream. login: a login message, then the "
        "subscriptions. listen_key: a REST-created, kept-alive key in the URL. token: a REST-fetched token in the "
        "URL. signed_subscriptions: every subscription message carries its own signature. headers: the websocket "
        "handshake carries `headers`, signed with the current time (Gemini's X-GEMINI-* headers), then the "
        "subscriptions."
    )
    method: Optional[str] = None
    api_key_param: Optional[str] = None
    timestamp_param: Optional[str] = None
    signature_param: Optional[str] = None
    login_message: Optional[JSON] = Field(
        default=None, description="login: the message, a JSON template (credentials, {timestamp}, {signature})."
    )
    timestamp: Optional[WsTimestamp] = None
    payload: Optional[WsPayload] = Field(
        default=None, description="headers: an encoded text, {payload} in `signature.payload` and `headers`."
    )
    headers: Dict[str, str] = Field(
        default_factory=dict,
        description="headers: the handshake's headers, templates over the credentials, {timestamp}, {payload} and "
        "{signature}.",
    )
    signature: Optional[WsSignature] = None
    subscription_auth: Optional[SubscriptionAuth] = None
    listen_key: Optional[ListenKey] = None
    token: Optional[WsToken] = None
    success: Optional[Predicate] = None
    login_reply: Literal["before_subscriptions", "after_subscriptions"] = Field(
        default="before_subscriptions",
        description="login: when the reply to the login message is read and checked against success. "
        "before_subscriptions: the subscriptions are sent once it says the login succeeded. after_subscriptions: "
        "they follow the login message at once (one round trip less), then the first reply, the login's, is checked; "
        "a failed login still raises, and Hummingbot reconnects.",
    )
    event_envelope: Optional[str] = Field(
        default=None,
        description="Key that wraps each event, if any. A message without it is queued as it is, unless it is a "
        "reply to a request (it carries the `success` field).",
    )


class Subscription(Strict):
    message: JSON = Field(
        description="A subscribe message, a JSON template ({symbols}, {time}, {time_ms}, {request_id})."
    )


class UserStreamPing(Strict):
    message: JSON = Field(
        description="A text, or a JSON template ({time} in seconds, {time_ms} in milliseconds, {request_id})."
    )
    interval: Optional[PositiveNumber] = Field(
        default=None, description="Seconds between pings; not needed when auth.private_ws.token announces it."
    )
    schedule: Literal["fixed", "after_last_sent"] = Field(default="fixed", description=PING_SCHEDULE_DESCRIPTION)


# The lines the user stream data source logs and the placeholders each may use.
USER_STREAM_LOG_PLACEHOLDERS = {
    "connected": (),
    "subscribed": (),
    "subscribe_failed": (),
    "login_failed": (),
    "invalid_message": ("message",),
}


class UserStreamLogs(Strict):
    """What the user stream data source logs while it connects and subscribes, a template each."""

    connected: str = Field(
        default="Successfully connected to user stream", description="INFO once the websocket is connected."
    )
    subscribed: Optional[str] = Field(
        default=None,
        description="INFO once the subscriptions are sent (KuCoin's and Gate.io's Hummingbot connectors: "
        "'Subscribed to private order changes and balance updates channels...'); default: 'Subscribed to the user "
        "data stream' ('Successfully subscribed to user data stream via WebSocket API' with signed_subscribe).",
    )
    subscribe_failed: str = Field(
        default="Unexpected error occurred subscribing to user streams...",
        description="ERROR (with the exception) when _subscribe_channels fails.",
    )
    login_failed: str = Field(
        default="Error authenticating the private websocket connection",
        description="ERROR when the reply to the login (or the signed subscription) fails auth.private_ws.success, "
        "before the data source raises and Hummingbot reconnects.",
    )
    invalid_message: Optional[str] = Field(
        default=None,
        description="WARNING for a text message that is not JSON, {message} being the text; default: not logged "
        "(such text is dropped silently).",
    )


class UserStream(Strict):
    subscriptions: List[Subscription] = Field(default_factory=list)
    all_pairs_symbols: Optional[List[str]] = Field(
        default=None, description="{symbols} when the connector has no trading pairs: every pair (Gate: ['!all'])."
    )
    ping: Optional[UserStreamPing] = None
    server_ping: Optional[ServerPing] = Field(
        default=None,
        description="A ping the server sends on the private stream that needs a reply: answered on the connection, "
        "never queued as an event.",
    )
    logs: UserStreamLogs = Field(
        default_factory=UserStreamLogs,
        description="The wording of the lines the user stream data source logs (Hummingbot's usual by default).",
    )
    keep_ws_assistant: bool = Field(
        default=False,
        description="_get_ws_assistant makes one websocket assistant and returns it until the stream is interrupted "
        "(self._ws_assistant), so last_recv_time follows it from the start; default: a new assistant per call.",
    )
    queue_when: Optional[Union[Predicate, List[Predicate]]] = Field(
        default=None,
        description="Only messages passing it are queued; a list: only messages passing every condition (BitMart's "
        "data messages carry both table and data).",
    )
    error_when: Optional[Predicate] = Field(
        default=None,
        description="A message by which the exchange reports an error on the stream (BitMart: errorCode): the data "
        "source raises IOError instead of queuing it, so Hummingbot logs an unexpected error and reconnects.",
    )
    terminated: Optional[Predicate] = Field(
        default=None,
        description="An event by which the server ends the stream (Binance: e == eventStreamTerminated): the data "
        "source raises ConnectionError, so Hummingbot reconnects and subscribes again.",
    )
    route_field: FieldPath
    order_event: OrderEvent
    fill_event: Optional[FillEvent] = Field(
        default=None, description="Fills sent in their own event (with their own route), apart from order events."
    )
    balance_event: Optional[BalanceEvent] = None
    compression: Optional[Compression] = Field(
        default=None, description="Binary frames are compressed JSON: gzip, deflate (zlib) or raw_deflate."
    )
    example_subscribe_response: JSON


# `user_stream: none`: the exchange has no private websocket (no `urls.private_ws`, no `auth.private_ws`).
NO_PRIVATE_STREAM = "none"
NO_PRIVATE_STREAM_DESCRIPTION = (
    "The exchange has no private websocket: leave out urls.private_ws and auth.private_ws. The connector has no user "
    "stream; Hummingbot's status polling loop follows orders, fills and balances over REST (orders.status, "
    "orders.fills, balances) every SHORT_POLL_INTERVAL."
)


def _no_private_stream(value: Any) -> Any:
    """`none` -> None (no private stream); any other text, or an empty value, is refused."""
    if value == NO_PRIVATE_STREAM:
        return None
    if value is None or isinstance(value, str):
        raise ValueError(
            f"expected the private stream's mapping, or {NO_PRIVATE_STREAM} for an exchange without a private "
            f"websocket, found {value!r}"
        )
    return value


class _NoneWord:
    """The JSON Schema writes the absent stream as the word `none` (what the spec says), not as null."""

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: cs.CoreSchema, handler: GetJsonSchemaHandler) -> Dict[str, Any]:
        written = handler(schema)
        written["anyOf"] = [
            {"const": NO_PRIVATE_STREAM, "description": NO_PRIVATE_STREAM_DESCRIPTION}
            if option == {"type": "null"}
            else option
            for option in written["anyOf"]
        ]
        return written


# `user_stream`: the private stream, or None when the spec says `user_stream: none`.
PrivateStream = Annotated[Optional[UserStream], BeforeValidator(_no_private_stream), _NoneWord]
