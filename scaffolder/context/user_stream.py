"""Values for the private websocket: authentication, subscriptions, keepalive and routing of user-stream events."""

from __future__ import annotations

from typing import Any, Dict, Optional

from scaffolder import keys
from scaffolder.context.public_ws import server_ping_values
from scaffolder.context.ws_token import token_values
from scaffolder.pysource import condition, fstring, literal, read, safe_read, strings_in, template_value
from scaffolder.spec.model import Spec, all_of
from scaffolder.spec.validate import jwt_subscriptions, placeholders

# What the placeholders of the subscription and ping messages become in the data source.
MESSAGE_VALUES = {
    "symbols": "symbols",
    "symbol": "symbol",
    "time": "int(self._time())",
    "time_ms": "int(self._time() * 1e3)",
    "request_id": "web_utils.next_message_id()",
}
# The same inside a longer string: text, the symbols joined by commas.
EMBEDDED_MESSAGE_VALUES = {
    "symbols": '",".join(symbols)',
    "time": "str(int(self._time()))",
    "time_ms": "str(int(self._time() * 1e3))",
    "request_id": "str(web_utils.next_message_id())",
}
# A list item of a subscription message using {symbol} is repeated for each of the connector's pairs.
EACH_SYMBOL = ("symbol", "symbols")


def key_bytes(credential: str, encoding: str) -> str:
    """The key bytes of a credential in the generated auth (`auth.rest.secret_encoding`)."""
    return keys.KEY_SOURCES[encoding].format(f"self.{credential}")


def ws_signature_settings(spec: Spec) -> Dict[str, str]:
    """Secret, algorithm and encoding of the websocket signature (each defaults to the REST one)."""
    signature = spec.auth.private_ws.signature
    rest = spec.auth.rest
    return {
        "secret": (signature and signature.secret) or rest.secret,
        "algorithm": (signature and signature.algorithm) or rest.algorithm,
        "encoding": (signature and signature.encoding) or rest.encoding,
    }


def ws_timestamp_source(spec: Spec) -> Optional[str]:
    """The login (or handshake) timestamp, from the auth's `_time()`: its synchronised clock."""
    stamp = spec.auth.private_ws.timestamp
    if stamp is None:
        return None
    clock = "self._time()"
    if stamp.offset:
        offset = int(stamp.offset) if float(stamp.offset).is_integer() else stamp.offset
        clock = f"({clock} + {literal(offset)})"
    value = f"int({clock} * 1e3)" if stamp.unit == "ms" else f"int({clock})"
    return f"str({value})" if stamp.text else value


def _auth_values(spec: Spec) -> Dict[str, Any]:
    ws = spec.auth.private_ws
    credentials = {credential.name: f"self.{credential.name}" for credential in spec.credentials}
    values: Dict[str, Any] = {
        "ws_signature": None,
        "ws_login_message": None,
        "ws_subscription_auth": None,
        "ws_subscription_timestamp": None,
        "ws_headers": None,
        "ws_timestamp": None,
    }
    if jwt_subscriptions(spec):
        # Each subscription carries a token made without a request (generate_jwt of the REST auth).
        values["ws_subscription_auth"] = (ws.subscription_auth.key, "self.generate_jwt()")
        values["ws_signed_payload"] = None
        return values
    if ws.signature is None:
        return values
    settings = ws_signature_settings(spec)
    rest = spec.auth.rest
    # The REST HMAC (`_generate_signature`) signs the websocket too unless the secret, algorithm or encoding differ.
    # (and the REST key is the secret's text, and the REST message text, not bytes).
    same_as_rest = (
        settings == {"secret": rest.secret, "algorithm": rest.algorithm, "encoding": rest.encoding}
        and rest.secret_encoding == "text"
        and (rest.digest is None or rest.digest.encoding == "hex")
        and rest.scheme != "jwt"  # (a JWT auth has no REST HMAC)
    )
    values["ws_signature"] = None if same_as_rest else settings
    values["ws_key_bytes"] = key_bytes(settings["secret"], rest.secret_encoding)
    values["ws_signer"] = "_generate_signature" if same_as_rest else "_ws_signature"
    if ws.scheme == "login":
        values["ws_timestamp"] = ws_timestamp_source(spec)
        values["ws_signed_payload"] = fstring(ws.signature.payload, dict(credentials, timestamp="timestamp"))
        values["ws_login_message"] = template_value(
            ws.login_message, dict(credentials, timestamp="timestamp", signature="signature")
        )
    elif ws.scheme == "headers":
        # The handshake's headers: the clock, an encoded text of it ({payload}) and the signature.
        from scaffolder.context.auth import PAYLOAD_ENCODERS

        values["ws_timestamp"] = ws_timestamp_source(spec)
        names = dict(credentials, timestamp="timestamp")
        if ws.payload is not None:
            text = fstring(ws.payload.text, names)
            values["ws_payload"] = PAYLOAD_ENCODERS[ws.payload.encoding].format(f'{text}.encode("utf8")')
            names["payload"] = "payload"
        values["ws_signed_payload"] = fstring(ws.signature.payload, names)
        values["ws_headers"] = {
            name: fstring(template, dict(names, signature="signature")) for name, template in ws.headers.items()
        }
    elif ws.scheme == "signed_subscriptions":
        # {timestamp} and {recv_window} are the signing clock and window (as text); other names are message fields.
        clock = {"timestamp": "timestamp"}
        if rest.recv_window is not None:
            clock["recv_window"] = (
                f"str(self.{rest.recv_window_attribute})" if rest.recv_window_attribute else "RECV_WINDOW"
            )
        fields = {name: clock.get(name, f"payload[{name!r}]") for name in placeholders(ws.signature.payload)}
        values["ws_signed_payload"] = fstring(ws.signature.payload, fields)
        value = template_value(ws.subscription_auth.value, dict(credentials, signature="signature", **clock))
        values["ws_subscription_auth"] = (ws.subscription_auth.key, value)
        uses = set(placeholders(ws.signature.payload)) | {
            name for text in strings_in(ws.subscription_auth.value) for name in placeholders(text)
        }
        values["ws_subscription_timestamp"] = (
            "str(int(self.time_provider.time() * 1e3))" if "timestamp" in uses else None
        )
    return values


def _connection_values(spec: Spec) -> Dict[str, Any]:
    ws = spec.auth.private_ws
    values: Dict[str, Any] = {"listen_key": None, "ws_token": None}
    if ws.listen_key:
        listen_key = ws.listen_key
        path = f"CONSTANTS.{spec.endpoints[listen_key.endpoint].constant}"
        keepalive_path = path
        if listen_key.keepalive_path is not None:
            # The key travels in the keep-alive's path (PUT /listenKey/{listen_key}).
            keepalive_path = "keepalive_path"

        def url(path_source: str) -> str:
            # Another host (`url`): its base URL; else the private REST URL of the domain.
            if listen_key.url is not None:
                return f"CONSTANTS.LISTEN_KEY_URL + {path_source}"
            return f"web_utils.private_rest_url(path_url={path_source}, domain=self._domain)"

        credentials = {credential.name: f"self._auth.{credential.name}" for credential in spec.credentials}
        values["listen_key"] = {
            "constant": spec.endpoints[listen_key.endpoint].constant,
            "limit_id": spec.endpoints[listen_key.endpoint].rate_limit_id,
            "key": read(listen_key.key, "response"),
            "param": listen_key.param,
            "interval": literal(float(listen_key.keepalive_interval)),
            "create_url": url(path),
            "keepalive_url": url(keepalive_path),
            "keepalive_path": literal(listen_key.keepalive_path) if listen_key.keepalive_path is not None else None,
            "base_url": literal(listen_key.url) if listen_key.url is not None else None,
            # Unsigned requests (`headers`): the headers only, not the REST authentication.
            "headers": (
                "{"
                + ", ".join(
                    f"{literal(name)}: {template_value(text, credentials)}" for name, text in listen_key.headers.items()
                )
                + "}"
                if listen_key.headers is not None
                else None
            ),
        }
    if ws.token:
        values["ws_token"] = token_values(spec, ws.token, "response", pings=True)
    return values


# Without a private websocket (`user_stream: none`) nothing of the user stream is generated; these values say so to
# the files that mention it (constants, auth, exchange).
NO_PRIVATE_STREAM_VALUES = {
    "ws_auth": None,
    "ws_scheme": None,
    "ws_signature": None,
    "ws_login_message": None,
    "ws_subscription_auth": None,
    "ws_subscription_timestamp": None,
    "ws_headers": None,
    "ws_timestamp": None,
    "listen_key": None,
    "ws_token": None,
    "user_ping": None,
    "user_server_ping": None,
    "user_request_ids": False,
    "keep_ws_assistant": False,
}
# The templates of the files a connector without a private websocket does without: its user stream data source
# (ExchangePyBase is given no user stream tracker, as Hummingbot's Injective connector does) and their tests.
USER_STREAM_TEMPLATES = (
    "NAME_api_user_stream_data_source.py.j2",
    "test_NAME_api_user_stream_data_source.py.j2",
    "test_NAME_user_stream_tracker.py.j2",
)


def add(spec: Spec, v: Dict[str, Any]) -> None:
    # False with `user_stream: none`: no user stream data source; Hummingbot's status polling loop follows orders,
    # fills and balances over REST.
    v["private_stream"] = spec.has_private_stream
    v["absent_templates"] = () if spec.has_private_stream else USER_STREAM_TEMPLATES
    if not spec.has_private_stream:
        v.update(NO_PRIVATE_STREAM_VALUES)
        return
    stream = spec.user_stream
    ws_auth = spec.auth.private_ws
    v["user_route"] = safe_read(stream.route_field, "event_message")
    v["ws_auth"] = ws_auth
    v["ws_scheme"] = ws_auth.scheme
    v["ws_subscribe_success"] = condition(ws_auth.success, "response.data", safe=True) if ws_auth.success else None
    # The login's reply read before the subscriptions are sent, or after (auth.private_ws.login_reply).
    v["login_reply_after_subscriptions"] = ws_auth.login_reply == "after_subscriptions"
    v["event_envelope"] = ws_auth.event_envelope
    # With an envelope, a bare message is an event unless it is a reply to a request (it carries the success field).
    v["reply_field"] = safe_read(ws_auth.success.field, "event_message") if ws_auth.success else None
    v["stream_terminated"] = condition(stream.terminated, "event", safe=True) if stream.terminated else None
    v["user_logs"] = stream.logs.model_copy(
        update={
            "subscribed": stream.logs.subscribed
            or (
                "Successfully subscribed to user data stream via WebSocket API"
                if ws_auth.scheme == "signed_subscribe"
                else "Subscribed to the user data stream"
            )
        }
    )
    # Inside `isinstance(...) and ...` a truthy test needs no bool(); a list of conditions must all hold.
    v["queue_condition"] = (
        " and ".join(
            safe_read(predicate.field, "event_message")
            if predicate.truthy
            else condition(predicate, "event_message", safe=True)
            for predicate in all_of(stream.queue_when)
        )
        or None
    )
    v["stream_error"] = condition(stream.error_when, "event_message", safe=True) if stream.error_when else None
    v["user_server_ping"] = server_ping_values(stream.server_ping)
    # A token announcing no server travels in the subscriptions, as fetched on connection.
    v["subscription_token"] = ws_auth.token is not None and ws_auth.token.server is None
    message_values = dict(MESSAGE_VALUES, token="self._ws_token") if v["subscription_token"] else MESSAGE_VALUES
    v["user_subscriptions"] = [
        template_value(item.message, message_values, EMBEDDED_MESSAGE_VALUES, EACH_SYMBOL)
        for item in stream.subscriptions
    ]
    v["subscriptions_need_symbols"] = any(
        {"symbols", "symbol"} & set(placeholders(text))
        for item in stream.subscriptions
        for text in strings_in(item.message)
    )
    v["subscriptions_signed"] = ws_auth.scheme == "signed_subscriptions"
    v["all_pairs_symbols"] = literal(stream.all_pairs_symbols) if stream.all_pairs_symbols else None
    v["keep_ws_assistant"] = stream.keep_ws_assistant
    ping = stream.ping
    v["user_ping"] = (
        {
            "text": isinstance(ping.message, str),
            "payload": (
                literal(ping.message)
                if isinstance(ping.message, str)
                else template_value(ping.message, MESSAGE_VALUES, EMBEDDED_MESSAGE_VALUES)
            ),
            "interval": literal(float(ping.interval)) if ping.interval else None,
            "after_last_sent": ping.schedule == "after_last_sent",
        }
        if ping
        else None
    )
    texts = [text for item in stream.subscriptions for text in strings_in(item.message)]
    if ping is not None and not isinstance(ping.message, str):
        texts.extend(strings_in(ping.message))
    v["user_request_ids"] = any("request_id" in placeholders(text) for text in texts)
    v.update(_auth_values(spec))
    v.update(_connection_values(spec))
    v["user_stream_subscribes"] = bool(stream.subscriptions) or ws_auth.scheme in ("signed_subscribe", "login")
    data_types = []
    if ws_auth.listen_key or ws_auth.token:
        data_types.append("RESTMethod")
    if v["user_stream_subscribes"] or (ping and not isinstance(ping.message, str)) or stream.server_ping:
        data_types.append("WSJSONRequest")
    if ping and isinstance(ping.message, str):
        data_types.append("WSPlainTextRequest")
    v["user_stream_data_types"] = ", ".join(data_types)
