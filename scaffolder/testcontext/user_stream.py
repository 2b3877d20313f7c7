"""Values the generated user_stream tests need (fixtures, expected values), computed from the spec.

Covers the tests of NAME_api_user_stream_data_source, NAME_auth, NAME_utils and NAME_web_utils. Every expected
value is worked out here from the spec (the exchange's documentation), never from the generated connector: URLs and
signed messages are written literally into the tests, and signatures are recomputed by the tests themselves.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Dict, Optional, Tuple
from urllib.parse import urlencode

from scaffolder.fixtures import fixture
from scaffolder.pysource import Expr, literal, template_string
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Predicate, Spec

# The moment the tests' time provider reports, in seconds (exact in binary, so every unit conversion is exact).
NOW = Decimal("1640000000.25")
# The server clock the documented server-time example is given in the web_utils tests, in milliseconds.
SERVER_TIME_MS = 1640000001234
# Parameters of the request the auth tests sign (plain ASCII values: the message is the same however it is encoded).
SIGNED_PARAMS = {"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}
UNIT_PER_SECOND = {"ms": 1000, "s": 1}
# The user stream timestamps its signed subscribe request in milliseconds (the spec has no unit for it).
WS_TIMESTAMP_UNIT = "ms"
# Test values injected into the documented user stream events.
EVENT_CLIENT_ORDER_ID = "OID1"
EVENT_EXCHANGE_ORDER_ID = "100234"


def _identifier(text: str) -> str:
    return re.sub(r"[^0-9a-zA-Z]+", "_", text).strip("_").lower()


def _credential_value(name: str) -> str:
    return "test" + "".join(part.capitalize() for part in name.split("_"))


def _timestamp(unit: str) -> int:
    return int(NOW * UNIT_PER_SECOND[unit])


def _url(template: str, domain: str, path: str = "") -> str:
    return template.replace("{domain}", domain) + path


def _like(example_value: Any, value: str) -> Any:
    """`value` with the JSON type of the documented example value (ids are numbers on some exchanges)."""
    return int(value) if isinstance(example_value, int) and not isinstance(example_value, bool) else value


def _satisfying(predicate: Predicate) -> Any:
    if predicate.equals is not None:
        return predicate.equals
    if predicate.one_of is not None:
        return predicate.one_of[0]
    return bool(predicate.truthy)


def _violating(predicate: Predicate) -> Tuple[Any, str]:
    """A value that breaks the predicate, and a name for the test that uses it."""
    name = _identifier(predicate.field)
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
    ws = spec.auth.private_ws
    credential_sources = {credential.name: f"self.{credential.name}" for credential in spec.credentials}
    digest = f'hmac.new(self.{rest.secret}.encode("utf8"), message.encode("utf8"), hashlib.{rest.algorithm})'
    headers = {header: Expr(template_string(text, credential_sources)) for header, text in rest.headers.items()}
    rest_timestamp = _timestamp(rest.timestamp.unit)
    signed_params = dict(SIGNED_PARAMS)
    signed_params[rest.timestamp.param] = rest_timestamp
    ws_params = {ws.api_key_param: _credential_value("api_key"), ws.timestamp_param: _timestamp(WS_TIMESTAMP_UNIT)}
    expected_ws_params = {
        ws.api_key_param: Expr("self.api_key"),
        ws.timestamp_param: ws_params[ws.timestamp_param],
        ws.signature_param: Expr("expected_signature"),
    }
    return {
        "imports": (["import base64"] if rest.encoding == "base64" else []) + ["import hashlib", "import hmac"],
        "signature": (
            f"base64.b64encode({digest}.digest()).decode()" if rest.encoding == "base64" else f"{digest}.hexdigest()"
        ),
        "credentials": [
            (credential.name, literal(_credential_value(credential.name))) for credential in spec.credentials
        ],
        "now": str(NOW),
        "params": literal(SIGNED_PARAMS),
        # hmac_params: the urlencoded parameters in request order, the timestamp appended last.
        "message": literal(urlencode(signed_params)),
        "signed_params": literal(dict(signed_params, **{rest.signature_param: Expr("expected_signature")})),
        "headers": literal(headers),
        # hmac_params sends signed POST/PUT parameters as a form body.
        "body_headers": literal(dict(headers, **{"Content-Type": "application/x-www-form-urlencoded"})),
        # signed_subscribe: key=value pairs sorted by key, joined with "&".
        "ws_message": literal("&".join(f"{key}={value}" for key, value in sorted(ws_params.items()))),
        "ws_params": literal(expected_ws_params),
        "ws_method": literal(ws.method),
    }


def _event_fixture(event: Any) -> str:
    """The documented order event with the test's ids at the mapped fields (the client id where it is documented)."""
    example = event.example
    client_paths = [event.client_order_id] if isinstance(event.client_order_id, str) else event.client_order_id
    client_path = next((path for path in client_paths if fieldpath.read(example, path)), client_paths[-1])
    exchange_order_id = _like(fieldpath.read(example, event.exchange_order_id), EVENT_EXCHANGE_ORDER_ID)
    replacements = {client_path: literal(EVENT_CLIENT_ORDER_ID), event.exchange_order_id: literal(exchange_order_id)}
    return fixture(example, replacements)


def _balance_fixture(event: Any) -> str:
    row = fieldpath.first_row(event.example, event.rows)
    values = {
        event.asset: literal("COINALPHA"),
        event.available: literal(_like(fieldpath.read(row, event.available), "10")),
    }
    return fixture(event.example, rows=event.rows, row_replacements=[values])


def _wrapped(source: str, envelope: Optional[str]) -> str:
    return f"{{{literal(envelope)}: {source}}}" if envelope else source


def _user_stream(spec: Spec) -> Dict[str, Any]:
    stream = spec.user_stream
    envelope = spec.auth.private_ws.event_envelope
    events = [("order_event", _event_fixture(stream.order_event))]
    if stream.balance_event:
        events.append(("balance_event", _balance_fixture(stream.balance_event)))
    success = spec.auth.private_ws.success
    failed_value, _ = _violating(success)
    return {
        "exchange_arguments": [
            (f"{spec.exchange.name}_{credential.name}", f"self.{credential.name}") for credential in spec.credentials
        ],
        "domain": literal(spec.exchange.domains.default),
        "private_url": literal(_url(spec.urls.private_ws, spec.exchange.domains.default)),
        "private_urls": literal(
            [
                (domain, _url(spec.urls.private_ws, domain))
                for domain in [spec.exchange.domains.default, *spec.exchange.domains.others]
            ]
        ),
        "subscribe_response": fixture(stream.example_subscribe_response),
        # Messages that must not reach the output queue. Request replies are told apart from events only by the
        # envelope wrapping events; without one, the data source queues every non-empty message.
        "ignored": {
            "name": "empty_payloads_nor_request_replies" if envelope else "empty_payloads",
            "messages": ["{}", fixture(stream.example_subscribe_response)] if envelope else ["{}"],
        },
        "failed_subscribe_response": fixture(stream.example_subscribe_response, {success.field: literal(failed_value)}),
        # The documented events, and the websocket messages carrying them (reading the test's `event` variable).
        "events": [{"name": name, "event": source, "message": _wrapped("event", envelope)} for name, source in events],
    }


def _utils(spec: Spec) -> Dict[str, Any]:
    exchange = spec.exchange
    symbols = spec.markets.symbols
    example = spec.endpoints[symbols.endpoint].example_response
    row = fieldpath.first_row(example, symbols.rows)
    valid = {predicate.field: literal(_satisfying(predicate)) for predicate in symbols.valid_when}
    invalid_rows = []
    for predicate in symbols.valid_when:
        value, name = _violating(predicate)
        invalid_rows.append((name, fixture(row, dict(valid, **{predicate.field: literal(value)}))))
    class_prefix = "".join(part.capitalize() for part in exchange.name.split("_"))
    connectors = [_connector(spec, exchange.name, "utils.KEYS", exchange.example_pair, None)]
    for domain, settings in exchange.domains.others.items():
        name = f"{exchange.name}_{domain}"
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
        "other_domains_parameter": literal({f"{exchange.name}_{domain}": domain for domain in exchange.domains.others}),
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
        "field_names": literal([f"{name}_{credential.name}" for credential in spec.credentials]),
        "fields": [
            (literal(f"{name}_{credential.name}"), literal(credential.prompt)) for credential in spec.credentials
        ],
    }


def _rate_limits(spec: Spec) -> str:
    """{limit id: (limit, interval, [(linked limit id, weight), ...])} as documented in the spec."""
    default = spec.rate_limits.endpoint_default
    expected: Dict[str, Any] = {pool.id: (pool.limit, float(pool.interval), []) for pool in spec.rate_limits.pools}
    for endpoint in spec.endpoints.values():
        limit = endpoint.limit or default
        expected[endpoint.path] = (limit.limit, float(limit.interval), list(endpoint.weights.items()))
    return literal(expected)


def _web_utils(spec: Spec) -> Dict[str, Any]:
    domains = [spec.exchange.domains.default, *spec.exchange.domains.others]
    rest = spec.urls.rest
    public = spec.endpoints[spec.markets.check_network]
    private = spec.endpoints[spec.balances.endpoint]
    values: Dict[str, Any] = {
        "public_constant": public.constant,
        "private_constant": private.constant,
        "public_urls": literal([(domain, _url(rest, domain, public.path)) for domain in domains]),
        "private_urls": literal([(domain, _url(rest, domain, private.path)) for domain in domains]),
        "default_public_url": literal(_url(rest, domains[0], public.path)),
        "default_private_url": literal(_url(rest, domains[0], private.path)),
        "public_response": fixture(public.example_response),
        "rate_limits": _rate_limits(spec),
        "time_sync": spec.auth.time_sync is not None,
        "now": str(NOW),
        "now_ms": literal(float(NOW * 1000)),
    }
    time_sync = spec.auth.time_sync
    if time_sync:
        server_time = spec.endpoints[time_sync.endpoint]
        sent = SERVER_TIME_MS // 1000 if time_sync.unit == "s" else SERVER_TIME_MS
        values["time_urls"] = literal([(domain, _url(rest, domain, server_time.path)) for domain in domains])
        values["time_url"] = literal(_url(rest, domains[0], server_time.path))
        values["time_response"] = fixture(server_time.example_response, {time_sync.server_time: literal(sent)})
        values["server_time_ms"] = literal(sent * 1000 if time_sync.unit == "s" else sent)
        values["server_time_seconds"] = literal(sent if time_sync.unit == "s" else sent / 1000)
    return values


def values(spec: Spec) -> Dict[str, Any]:
    return {
        "auth": _auth(spec),
        "stream": _user_stream(spec),
        "utils": _utils(spec),
        "web": _web_utils(spec),
    }
