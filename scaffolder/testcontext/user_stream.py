"""Values the generated user_stream tests need (fixtures, expected values), computed from the spec.

Covers the tests of NAME_api_user_stream_data_source, NAME_utils and the websocket part of NAME_auth. Every expected
value is worked out here from the spec (the exchange's documentation), never from the generated connector: URLs and
signed messages are written literally into the tests, and signatures are recomputed by the tests themselves.
"""

from __future__ import annotations

import base64
import re
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from scaffolder import keys
from scaffolder.fixtures import fixture
from scaffolder.pysource import Expr, literal, strings_in
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Predicate, Spec, contained, nested_lists
from scaffolder.context.ws_token import ANNOUNCED_PING_SHARE
from scaffolder.context.user_stream import ws_signature_settings
from scaffolder.spec.validate import jwt_subscriptions, placeholders
from scaffolder.testcontext import tiers as tier_tests
from scaffolder.testcontext.common import UNITS_PER_SECOND
from scaffolder.testcontext.order_book import server_ping_test

# The moment the tests' time provider reports, in seconds (exact in binary, so every unit conversion is exact).
NOW = Decimal("1640000000.25")
# The user stream timestamps its signed subscribe request in milliseconds (the spec has no unit for it).
WS_TIMESTAMP_UNIT = "ms"
# Test values injected into the documented user stream events.
EVENT_CLIENT_ORDER_ID = "OID1"
EVENT_EXCHANGE_ORDER_ID = "100234"


def _identifier(text: str) -> str:
    return re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()


def _credential_value(name: str, spec: Spec) -> str:
    return keys.credential_text(spec, name, "test" + "".join(part.capitalize() for part in name.split("_")))


def _timestamp(unit: str) -> int:
    return int(NOW * UNITS_PER_SECOND[unit])


def _url(template: str, domain: str, path: str = "") -> str:
    return template.replace("{domain}", domain) + path


def _like(example_value: Any, value: str) -> Any:
    """`value` with the JSON type of the documented example value (ids are numbers on some exchanges)."""
    return int(value) if isinstance(example_value, int) and not isinstance(example_value, bool) else value


def _satisfying(predicate: Predicate, nested: bool = False) -> Any:
    if contained(predicate) is not None:
        return [[contained(predicate)]] if nested else [contained(predicate)]
    if predicate.equals is not None:
        return predicate.equals
    if predicate.one_of is not None:
        return predicate.one_of[0]
    return bool(predicate.truthy)


def _violating(predicate: Predicate, nested: bool = False) -> Tuple[Any, str]:
    """A value that breaks the predicate, and a name for the test that uses it."""
    name = _identifier(predicate.field)
    if contained(predicate) is not None:
        other = f"NOT_{contained(predicate)}"
        return ([[other]] if nested else [other]), f"{name}_without_{_identifier(str(contained(predicate)))}"
    if predicate.equals is not None:
        if isinstance(predicate.equals, bool):
            return (not predicate.equals), f"{name}_{str(not predicate.equals).lower()}"
        if isinstance(predicate.equals, int):
            # Another number (for HTTP-like status codes, 200 becomes 400).
            return predicate.equals * 2 or 1, f"{name}_not_{predicate.equals}"
        return f"NOT_{predicate.equals}", f"{name}_not_{_identifier(predicate.equals)}"
    if predicate.one_of is not None:
        return "NOT_" + "_".join(str(value) for value in predicate.one_of), f"{name}_not_listed"
    return (not predicate.truthy), f"{name}_{str(not predicate.truthy).lower()}"


def _auth(spec: Spec) -> Dict[str, Any]:
    rest = spec.auth.rest
    settings = ws_signature_settings(spec)
    # The REST signing tests' values are in testcontext/auth.py; they share these imports.
    return {
        # The websocket signature of the auth tests may be base64 too (see _ws).
        # The websocket signature's imports that the REST signature's (testcontext/auth.py) do not cover.
        "imports": [
            line
            for line in keys.signature_imports(settings["algorithm"], settings["encoding"], rest.secret_encoding)
            # (a jwt auth test imports no HMAC of its own)
            if rest.scheme == "jwt"
            or line not in keys.signature_imports(rest.algorithm, rest.encoding, rest.secret_encoding)
        ],
        "credentials": [
            (credential.name, keys.credential_literal(_credential_value(credential.name, spec))) for credential in spec.credentials
        ],
        "now": str(NOW),
    }


def _event_fixture(event: Any) -> str:
    """The documented order event with the test's ids at the mapped fields (the client id where it is documented)."""
    example = event.example
    # With `rows` (an event listing several orders), the paths are read in each row.
    row = example if event.rows is None else fieldpath.first_row(example, event.rows)
    client_paths = fieldpath.paths(event.client_order_id)
    client_path = next((path for path in client_paths if fieldpath.read(row, path)), client_paths[-1])
    exchange_order_id = _like(fieldpath.read(row, event.exchange_order_id), EVENT_EXCHANGE_ORDER_ID)
    replacements = {client_path: literal(EVENT_CLIENT_ORDER_ID), event.exchange_order_id: literal(exchange_order_id)}
    if event.rows is None:
        return fixture(example, replacements)
    return fixture(example, rows=event.rows, row_replacements=[replacements])


def _balance_fixture(event: Any) -> str:
    """The documented balance event, its (first) row holding the test's asset."""
    if event.rows is None:
        prefix = f"{event.row}." if event.row else ""
        return fixture(event.example, {prefix + event.asset: literal("COINALPHA")})
    return fixture(event.example, rows=event.rows, row_replacements=[{event.asset: literal("COINALPHA")}])


def _wrapped(source: str, envelope: Optional[str]) -> str:
    return f"{{{literal(envelope)}: {source}}}" if envelope else source


def _ws_values(value: Any, values: Dict[str, Any]) -> Any:
    """A JSON template with its placeholders replaced by test values (whole-string placeholders by the value)."""
    if isinstance(value, str):
        names = placeholders(value)
        if len(names) == 1 and value == "{" + names[0] + "}":
            return values[names[0]]
        # Inside a longer string a list (the symbols) is written joined by commas, as the connector does.
        texts = {name: ",".join(values[name]) if isinstance(values[name], list) else values[name] for name in names}
        return value.format(**texts) if names else value
    if isinstance(value, dict):
        return {key: _ws_values(item, values) for key, item in value.items()}
    if isinstance(value, list):
        items = []
        for item in value:
            if any("symbol" in placeholders(text) for text in strings_in(item)):
                # One item per pair (see pysource.template_value).
                items.extend(_ws_values(item, dict(values, symbol=symbol)) for symbol in values["symbols"])
            else:
                items.append(_ws_values(item, values))
        return items
    return value


def _exchange_symbol(spec: Spec) -> str:
    """The test pair COINALPHA-HBOT in the exchange's symbol format."""
    symbol_format = spec.markets.symbols.format
    symbol = f"COINALPHA{symbol_format.separator}HBOT"
    return symbol.lower() if symbol_format.case == "lower" else symbol


def _ws(spec: Spec) -> Dict[str, Any]:
    """The private websocket's expected messages: login, subscriptions (signed), ping; its signature recipe."""
    ws = spec.auth.private_ws
    stream = spec.user_stream
    settings = ws_signature_settings(spec)
    secret_encoding = spec.auth.rest.secret_encoding
    credentials = {credential.name: _credential_value(credential.name, spec) for credential in spec.credentials}
    credential_sources = {credential.name: Expr(f"self.{credential.name}") for credential in spec.credentials}
    now_seconds = int(NOW)
    values: Dict[str, Any] = {
        "scheme": ws.scheme,
        "imports": keys.signature_imports(settings["algorithm"], settings["encoding"], secret_encoding)
        + keys.credential_imports(spec),
        "signature": keys.signature_source(
            settings["algorithm"], settings["encoding"], f'self.{settings["secret"]}', secret_encoding, "message"
        ),
        "now_seconds": now_seconds,
        "exchange_symbol": literal(_exchange_symbol(spec)),
        "trading_pair_symbols": any(
            "{symbols}" in str(item.message) or "{symbol}" in str(item.message) for item in stream.subscriptions
        ),
        "uses_time": any(
            name in str([item.message for item in stream.subscriptions] + [stream.ping and stream.ping.message])
            for name in ("{time}", "{time_ms}")
        ),
        "subscribe_params": None,
        # Signed subscriptions carrying the signing time (auth.private_ws.subscription_auth / signature).
        # (a subscription's token carries the time too)
        "signing_clock": jwt_subscriptions(spec)
        or ws.scheme == "signed_subscriptions"
        and "{timestamp}" in str([ws.signature.payload, ws.subscription_auth.value]),
        "jwt": None,
        "login_message": None,
        "signed_subscription": None,
        "handshake_headers": None,
    }
    sent: list = []
    if ws.scheme == "signed_subscribe":
        # key=value pairs sorted by key, joined with "&", the timestamp in milliseconds.
        params = {ws.api_key_param: credentials["api_key"], ws.timestamp_param: _timestamp(WS_TIMESTAMP_UNIT)}
        signed = "&".join(f"{key}={value}" for key, value in sorted(params.items()))
        expected = dict(params, **{ws.api_key_param: Expr("self.api_key")})
        expected[ws.signature_param] = Expr(f"self.ws_signature({literal(signed)})")
        values["subscribe_params"] = literal(expected)
        sent.append({"id": Expr('sent_messages[0]["id"]'), "method": ws.method, "params": expected})
    elif ws.scheme == "login":
        stamp = ws.timestamp
        clock = NOW + Decimal(str(stamp.offset))
        timestamp: Any = int(clock * UNITS_PER_SECOND[stamp.unit])
        if stamp.text:
            timestamp = str(timestamp)
        signed = ws.signature.payload.format(**dict(credentials, timestamp=timestamp))
        signature = Expr(f"self.ws_signature({literal(signed)})")
        login = _ws_values(ws.login_message, dict(credential_sources, timestamp=timestamp, signature=signature))
        values["login_message"] = literal(login)
        sent.append(login)
    elif ws.scheme == "headers":
        # The handshake's headers, from the test's clock: the payload encoded here, the signature by the recipe.
        stamp = ws.timestamp
        timestamp = int((NOW + Decimal(str(stamp.offset))) * UNITS_PER_SECOND[stamp.unit])
        texts = dict(credentials, timestamp=str(timestamp))
        if ws.payload is not None:
            texts["payload"] = _encoded(_render(ws.payload.text, texts), ws.payload.encoding)
        signature = f"self.ws_signature({literal(_render(ws.signature.payload, texts))})"
        headers = {}
        for name, template in ws.headers.items():
            if template == "{%s}" % "signature":
                headers[name] = Expr(signature)
            elif template[1:-1] in credential_sources and template == "{%s}" % template[1:-1]:
                headers[name] = credential_sources[template[1:-1]]
            elif "{signature}" in template:
                parts = [literal(_render(part, texts)) for part in template.split("{signature}")]
                headers[name] = Expr(f" + {signature} + ".join(parts))
            else:
                headers[name] = _render(template, texts)
        values["handshake_headers"] = literal(headers)
    message_values = {"symbols": [_exchange_symbol(spec)], "time": now_seconds, "time_ms": int(NOW * 1000)}
    if ws.token is not None and ws.token.server is None:
        # The token of the documented response the tests serve, as the subscriptions carry it.
        message_values["token"] = fieldpath.read(spec.endpoints[ws.token.endpoint].example_response, ws.token.token)
    if jwt_subscriptions(spec):
        # Each subscription carries a token made without a request: the tests verify it with the public key and
        # compare its header and claims with the recipe's (the nonce patched as in the auth tests).
        from scaffolder.testcontext import auth as auth_tests

        header, claims = auth_tests.jwt_expected(spec, None)
        values["jwt"] = {
            "header": header,
            "claims": claims,
            "algorithm": literal(spec.auth.rest.jwt.algorithm),
            "secret": spec.auth.rest.secret,
            "patch_token_hex": auth_tests.jwt_uses_nonce(spec),
            "nonce_unit": literal(auth_tests.JWT_NONCE_UNIT),
        }
        values["imports"] = ["import jwt"] + [line for line in values["imports"] if line != keys.PRIVATE_KEY_IMPORT]
        values["imports"].append(keys.PRIVATE_KEY_IMPORT)
    subscriptions = _subscriptions(spec, message_values, credential_sources)
    if ws.scheme == "signed_subscriptions" and subscriptions:
        values["signed_subscription"] = tuple(
            literal(message) for message in _with_sent_tokens(spec, subscriptions[0], "authenticated.payload")
        )
    values["sent_without_pairs"] = (
        literal(
            sent
            + [
                _with_sent_tokens(spec, (None, signed), f"sent_messages[{len(sent) + index}]")[1]
                for index, (_, signed) in enumerate(
                    _subscriptions(spec, dict(message_values, symbols=stream.all_pairs_symbols), credential_sources)
                )
            ]
        )
        if stream.all_pairs_symbols
        else None
    )
    sent.extend(signed for _, signed in subscriptions)
    sent = [_with_sent_tokens(spec, (None, message), f"sent_messages[{index}]")[1] for index, message in enumerate(sent)]
    values["sent"] = literal(sent)
    # auth.private_ws.login_reply after_subscriptions: everything is sent before a failed login's reply is read.
    values["sent_before_login_reply"] = literal(sent) if ws.login_reply == "after_subscriptions" else None
    values["sent_count"] = len(sent)
    ping = stream.ping
    values["ping"] = None
    if ping is not None:
        text = isinstance(ping.message, str)
        ping_ids = iter(range(1, 1000))
        values["ping"] = {
            "after_last_sent": ping.schedule == "after_last_sent",
            "text": text,
            "message": literal(
                ping.message
                if text
                else _unwrap(_ws_values(ping.message, dict(message_values, request_id=_NextId(ping_ids))))
            ),
        }
    return values


def _render(template: str, values: Dict[str, Any]) -> str:
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def _encoded(text: str, encoding: str) -> str:
    """`auth.private_ws.payload.encoding` of a text, as the generated auth writes it."""
    data = text.encode("utf8")
    if encoding == "hex":
        return data.hex()
    return (base64.urlsafe_b64encode if encoding == "base64url" else base64.b64encode)(data).decode()


def _subscriptions(spec: Spec, message_values: Dict[str, Any], credential_sources: Dict[str, Any]) -> List[Tuple]:
    """(message, message as sent) for each subscription: with signed_subscriptions, the second one is signed."""
    ws = spec.auth.private_ws
    request_ids = iter(range(1, 1000))
    messages = []
    for item in spec.user_stream.subscriptions:
        message = _unwrap(_ws_values(item.message, dict(message_values, request_id=_NextId(request_ids))))
        sent = message
        if jwt_subscriptions(spec):
            sent = dict(message, **{ws.subscription_auth.key: _SENT_TOKEN})
        elif ws.scheme == "signed_subscriptions":
            # The signing clock (milliseconds, as text) and the REST window, besides the message's own fields.
            clock = {"timestamp": str(_timestamp("ms"))}
            if spec.auth.rest.recv_window is not None:
                clock["recv_window"] = str(spec.auth.rest.recv_window)
            fields = {name: clock.get(name, message.get(name)) for name in placeholders(ws.signature.payload)}
            signature = Expr(f"self.ws_signature({literal(ws.signature.payload.format(**fields))})")
            auth = _ws_values(ws.subscription_auth.value, dict(credential_sources, signature=signature, **clock))
            sent = dict(message, **{ws.subscription_auth.key: auth})
        messages.append((message, sent))
    return messages


# Stands for the token a subscription carries (`{jwt}`) until `_with_sent_tokens` says where the test reads it.
_SENT_TOKEN = Expr("SENT_TOKEN")


def _with_sent_tokens(spec: Spec, pair: Tuple[Any, Any], sent: str) -> Tuple[Any, Any]:
    """(message, message as sent) with the token of a `{jwt}` subscription expected as itself once verified:
    `self.verified_jwt(<sent>["<key>"])`, `sent` the test's expression for the message as sent."""
    message, signed = pair
    if not jwt_subscriptions(spec) or not isinstance(signed, dict):
        return pair
    key = spec.auth.private_ws.subscription_auth.key
    if signed.get(key) is not _SENT_TOKEN:
        return pair
    return message, dict(signed, **{key: Expr(f"self.verified_jwt({sent}[{literal(key)}])")})


class _NextId:
    """A request id placeholder: each use in a template takes the next number."""

    def __init__(self, ids):
        self.ids = ids

    def __format__(self, spec: str) -> str:
        # Inside a longer string ("p{request_id}"), as the connector's str(web_utils.next_message_id()).
        return str(next(self.ids))


def _unwrap(value: Any) -> Any:
    if isinstance(value, _NextId):
        return next(value.ids)
    if isinstance(value, dict):
        return {key: _unwrap(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unwrap(item) for item in value]
    return value


def _user_stream(spec: Spec) -> Dict[str, Any]:
    stream = spec.user_stream
    ws = spec.auth.private_ws
    envelope = ws.event_envelope
    events = [("order_event", _event_fixture(stream.order_event))]
    if stream.balance_event:
        events.append(("balance_event", _balance_fixture(stream.balance_event)))
    success = ws.success
    filtered = bool(envelope or stream.queue_when)
    connection: Dict[str, Any] = {"listen_key": None, "token": None}
    if ws.listen_key:
        listen_key = ws.listen_key
        endpoint = spec.endpoints[listen_key.endpoint]
        key = "testListenKey"
        # The key requests go to the private REST URL, or to their own host (`url`).
        base = listen_key.url if listen_key.url is not None else _url(
            spec.urls.rest_base(private=True), spec.exchange.domains.default, ""
        )
        keepalive_path = (
            listen_key.keepalive_path.replace("{listen_key}", key) if listen_key.keepalive_path else endpoint.path
        )
        test_credentials = {credential.name: _credential_value(credential.name, spec) for credential in spec.credentials}
        connection["listen_key"] = {
            "url": literal(base + endpoint.path),
            "keepalive_url": literal(base + keepalive_path),
            "response": fixture(endpoint.example_response, {listen_key.key: literal(key)}),
            "ws_url": literal(
                spec.urls.private_ws.replace("{domain}", spec.exchange.domains.default).replace("{listen_key}", key)
            ),
            "param": literal(listen_key.param) if listen_key.param is not None else None,
            "key": literal(key),
            # Unsigned requests: exactly these headers, with the test's credentials.
            "headers": (
                literal({name: text.format(**test_credentials) for name, text in listen_key.headers.items()})
                if listen_key.headers is not None
                else None
            ),
        }
    if ws.token:
        endpoint = spec.endpoints[ws.token.endpoint]
        token_value = fieldpath.read(endpoint.example_response, ws.token.token)
        if ws.token.server is None:
            # The connection goes to the private URL; the token travels in the subscriptions.
            ws_url = _url(spec.urls.private_ws, spec.exchange.domains.default)
        else:
            server = fieldpath.read(endpoint.example_response, ws.token.server)
            ws_url = ws.token.connect_url.format(server=server, token=token_value, connect_id="testConnectId")
        ping_interval = None
        if ws.token.ping_interval:
            raw = fieldpath.read(endpoint.example_response, ws.token.ping_interval.path)
            seconds = Decimal(str(raw)) / UNITS_PER_SECOND[ws.token.ping_interval.unit]
            ping_interval = literal(float(seconds * Decimal(str(ANNOUNCED_PING_SHARE))))
        connection["token"] = {
            "url": literal(_url(spec.urls.rest_base(private=True), spec.exchange.domains.default, endpoint.path)),
            "method": ws.token.method.lower(),
            "response": fixture(endpoint.example_response),
            "ws_url": literal(ws_url),
            "ping_interval": ping_interval,
            # get_auth_token() returns this token (only the token is read from the response).
            "value": literal(token_value) if ws.token.server is None and not ws.token.ping_interval else None,
        }
    return {
        **connection,
        "exchange_arguments": [
            (credential.config_field(spec.exchange.name), f"self.{credential.name}") for credential in spec.credentials
        ],
        "domain": literal(spec.exchange.domains.default),
        "private_url": literal(_url(spec.urls.private_ws, spec.exchange.domains.default)),
        "private_urls": literal(
            [
                (domain, spec.url_of("private_ws", domain))
                for domain in [spec.exchange.domains.default, *spec.exchange.domains.others]
            ]
        ),
        "subscribe_response": fixture(stream.example_subscribe_response),
        # Messages that must not reach the output queue. Request replies are told apart from events by the envelope
        # wrapping events or by user_stream.queue_when; without either, the data source queues every non-empty message.
        "ignored": {
            "name": "malformed_or_empty_payloads_nor_request_replies" if filtered else "malformed_or_empty_payloads",
            "messages": ["{}", fixture(stream.example_subscribe_response)] if filtered else ["{}"],
        },
        "failed_subscribe_response": _failed_reply(stream.example_subscribe_response, success) if success else None,
        # The documented events, and the websocket messages carrying them (reading the test's `event` variable).
        "events": [{"name": name, "event": source, "message": _wrapped("event", envelope)} for name, source in events],
        # With an envelope and a reply field, an event sent bare is queued as it is.
        "bare_events": bool(envelope and success),
        # user_stream.server_ping: the documented ping, answered on the connection and not queued.
        "server_ping": server_ping_test(stream.server_ping),
        "terminated": _wrapped(literal(_message_with(stream.terminated)), envelope) if stream.terminated else None,
        # The documented order event carrying the error field (user_stream.error_when).
        "stream_error": (
            literal(_merged(stream.order_event.example, _message_with(stream.error_when)))
            if stream.error_when
            else None
        ),
        # With a list of queue_when conditions, the documented order event with each condition broken in turn.
        "queue_broken": (
            [_failed_reply(stream.order_event.example, predicate) for predicate in stream.queue_when]
            if isinstance(stream.queue_when, list)
            else []
        ),
        "invalid_message": stream.logs.invalid_message is not None,
    }


def _failed_reply(example: Any, success: Predicate) -> str:
    """The documented reply with the success test broken; an error field the reply lacks (`truthy: false`) added."""
    value = literal(_violating(success)[0])
    try:
        fieldpath.read(example, success.field)
    except fieldpath.FieldPathError:
        reply = dict(example) if isinstance(example, dict) else {}
        container = reply
        steps = fieldpath.parse(success.field)
        for step in steps[:-1]:
            container[step.name] = dict(container.get(step.name) or {})
            container = container[step.name]
        container[steps[-1].name] = Expr(value)
        return literal(reply)
    return fixture(example, {success.field: value})


def _merged(message: Any, addition: Dict[str, Any]) -> Any:
    """`message` with the keys of `addition` set, nested mappings merged."""
    if not isinstance(message, dict):
        return addition
    merged = dict(message)
    for key, value in addition.items():
        merged[key] = _merged(merged.get(key), value) if isinstance(value, dict) else value
    return merged


def _message_with(predicate: Predicate) -> Dict[str, Any]:
    """The smallest message satisfying a condition on a path of keys (the stream's ending event)."""
    names = [step.name for step in fieldpath.parse(predicate.field)]
    message: Any = _satisfying(predicate)
    for name in reversed(names):
        message = {name: message}
    return message


def _utils(spec: Spec) -> Dict[str, Any]:
    exchange = spec.exchange
    symbols = spec.markets.symbols
    example = spec.endpoints[symbols.endpoint].example_response
    row = fieldpath.first_row(example, symbols.rows)
    nested = {p.field: nested_lists(fieldpath.documented(row, p.field)) for p in symbols.valid_when}
    valid = {p.field: literal(_satisfying(p, nested[p.field])) for p in symbols.valid_when}
    invalid_rows = []
    for predicate in symbols.valid_when:
        value, name = _violating(predicate, nested[predicate.field])
        invalid_rows.append((name, fixture(row, dict(valid, **{predicate.field: literal(value)}))))
    class_prefix = "".join(part.capitalize() for part in exchange.name.split("_"))
    connectors = [_connector(spec, exchange.name, "utils.KEYS", exchange.example_pair, None)]
    for domain, settings in exchange.domains.others.items():
        name = spec.connector_name(domain)
        keys = f"utils.OTHER_DOMAINS_KEYS[{literal(name)}]"
        connectors.append(_connector(spec, name, keys, settings.example_pair or exchange.example_pair, domain))
    return {
        "valid_row": fixture(row, valid),
        "invalid_rows": invalid_rows,
        "maker_fee": literal(str(exchange.fees.maker_percent)),
        "taker_fee": literal(str(exchange.fees.taker_percent)),
        "buy_fee_deducted": literal(exchange.fees.buy_percent_fee_deducted_from_returns),
        "connectors": connectors,
        "has_other_domains": bool(exchange.domains.others),
        "other_domains": literal([connector["name"] for connector in connectors[1:]]),
        "other_domains_parameter": literal({spec.connector_name(domain): domain for domain in exchange.domains.others}),
        "other_domains_example_pair": literal(
            {connector["name"]: connector["example_pair"] for connector in connectors[1:]}
        ),
        "connector_names": literal(sorted(connector["name"] for connector in connectors)),
        "exchange_class": literal(f"{class_prefix}Exchange"),
        "exchange_module": literal(f"hummingbot.connector.exchange.{exchange.name}.{exchange.name}_exchange"),
    }


def _connector(spec: Spec, name: str, keys: str, example_pair: str, domain: Optional[str]) -> Dict[str, Any]:
    """What Hummingbot's connector discovery must register for the main connector or one of its other domains."""
    return {
        "name": name,
        "config_keys": keys,
        "example_pair": example_pair,
        "setting": literal(
            {
                "name": name,
                "example_pair": example_pair,
                "centralised": spec.exchange.centralized,
                "is_sub_domain": domain is not None,
                "parent_name": spec.exchange.name if domain else None,
                "domain_parameter": domain,
            }
        ),
        "domain": literal(domain or spec.exchange.domains.default),
        "field_names": literal(
            [credential.config_field(name) for credential in spec.credentials]
            + ([spec.rate_limits.tiers.config_field(name)] if spec.rate_limits.tiers else [])
        ),
        "tier_field": spec.rate_limits.tiers.config_field(name) if spec.rate_limits.tiers else None,
        "fields": [
            (literal(credential.config_field(name)), literal(credential.prompt)) for credential in spec.credentials
        ],
    }


def _rate_limits(spec: Spec) -> str:
    """{limit id: (limit, interval, [(linked limit id, weight), ...])} as documented in the spec."""
    return literal(tier_tests.documented_limits(spec))


# The auth test of a connector without a private websocket (`user_stream: none`): nothing signs websocket messages,
# `ws_authenticate` passes them through.
NO_PRIVATE_STREAM_TESTS = {
    "auth": {"imports": []},
    "ws": dict.fromkeys(("jwt", "signed_subscription", "subscribe_params", "login_message", "signature")),
    "stream": None,
}


def values(spec: Spec) -> Dict[str, Any]:
    if not spec.has_private_stream:
        return dict(NO_PRIVATE_STREAM_TESTS, utils=_utils(spec))
    return {
        "auth": _auth(spec),
        "ws": _ws(spec),
        "stream": _user_stream(spec),
        "utils": _utils(spec),
    }
