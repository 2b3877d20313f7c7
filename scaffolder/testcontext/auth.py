"""Values the generated REST auth and web_utils tests need, computed from the spec (the exchange's documentation).

Nothing here reads the generated connector: the signed messages are written out from the documented recipe
(`auth.rest`), with the request's path, query and timestamp as literals, and the tests recompute the HMACs (and
body hashes) themselves with hmac/hashlib/base64.
"""

from __future__ import annotations

import string
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple, Union
from urllib.parse import urlencode, urlparse

from scaffolder import keys
from scaffolder.fixtures import fixture
from scaffolder.pysource import Expr, literal
from scaffolder.spec import fieldpath
from scaffolder.spec.model import BODY_CONTENT_TYPES, TEXT_TIMESTAMP_UNITS, Spec
from scaffolder.testcontext import user_stream as user_stream_tests
from scaffolder.testcontext.common import PAYLOAD_ENCODERS, UNITS_PER_SECOND

# The moment the tests' clock reports, in seconds (exact in binary, so every unit conversion is exact).
NOW = Decimal("1640000000.25")
# The server clock the documented server-time example is given in the web_utils tests, in milliseconds.
SERVER_TIME_MS = 1640000001234
# The port the auth tests' URL names when the message signs {host}.
TEST_PORT = 8443
# Parameters of the request the auth tests sign (plain ASCII values: the message is the same however it is encoded).
SIGNED_PARAMS = {"symbol": "COINALPHAHBOT", "side": "BUY", "quantity": "1.5"}


def credential_value(name: str, spec: Optional[Spec] = None) -> str:
    """The auth tests' value of a credential (a real key where the secret holds key bytes)."""
    plain = "test" + "".join(part.capitalize() for part in name.split("_"))
    return keys.credential_text(spec, name, plain) if spec is not None else plain


def signed_timestamp(unit: str) -> Union[int, str]:
    """NOW as the exchange expects it signed: integer ms or s, or ISO-8601 UTC with milliseconds."""
    if unit == "iso":
        moment = datetime.fromtimestamp(float(NOW), timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    if unit == "iso_seconds":
        return datetime.fromtimestamp(float(NOW), timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return int(NOW * UNITS_PER_SECOND[unit])


def _concatenation(parts: List[Union[str, Expr]]) -> str:
    """Python source joining literal texts and expressions with +, adjacent texts merged."""
    merged: List[Union[str, Expr]] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return " + ".join(literal(part) for part in merged) or '""'


def _message(template: str, values: Dict[str, Union[str, Expr]]) -> str:
    parts: List[Union[str, Expr]] = []
    for text, name, _, _ in string.Formatter().parse(template):
        parts.append(text)
        if name is not None:
            parts.append(values[name])
    return _concatenation(parts)


# The uuid the auth tests give `uuid.uuid4` (auth.rest.nonce.kind: uuid).
NONCE_UUID = "3b241101-e2bb-4255-8caf-4136c566a962"


def nonce_value(nonce: Any) -> str:
    """The first nonce a fresh auth object signs at NOW: the clock in ms, the counter's start, the patched uuid."""
    if nonce.kind == "milliseconds":
        return str(int(NOW * 1000))
    return str(nonce.start) if nonce.kind == "counter" else NONCE_UUID


def _digest(rest: Any, message: str) -> str:
    """The REST signature of `message` (source; bytes when the message holds a raw digest), computed in the test
    from the documented recipe."""
    message_bytes = rest.digest is not None and rest.digest.encoding == "raw"
    return keys.signature_source(
        rest.algorithm, rest.encoding, f"self.{rest.secret}", rest.secret_encoding, message, message_bytes
    )


# auth.rest.jwt: what the tests' secrets.token_hex gives for n bytes (n times "ab": the length shows n).
JWT_NONCE_UNIT = "ab"


def jwt_expected(spec: Spec, request: Optional[Dict[str, str]]) -> Tuple[str, str]:
    """scheme jwt: (header, claims) as Python source, the token the exchange expects for `request` (method, host,
    path) or, without one, for the websocket (the claims describing a request left out), written out from the
    recipe (`auth.rest.jwt`) with the test clock, the test credentials and the patched nonce."""
    token = spec.auth.rest.jwt
    credentials = {credential.name: Expr(f"self.{credential.name}") for credential in spec.credentials}
    seconds = int(NOW)
    nonce = JWT_NONCE_UNIT * token.nonce_bytes
    values = dict(credentials, timestamp=seconds, expires=seconds + token.lifetime, nonce=nonce, **(request or {}))
    claims = {}
    for name, text in token.claims.items():
        names = _names(text)
        if request is None and set(names) & {"method", "host", "path"}:
            continue
        if len(names) == 1 and text == "{" + names[0] + "}":
            claims[name] = values[names[0]]
        else:
            claims[name] = Expr(_message(text, {key: _text(value) for key, value in values.items()}))
    header = {"alg": token.algorithm, "typ": "JWT"}
    header.update({name: _header(text, dict(credentials, nonce=nonce)) for name, text in token.header.items()})
    return literal(header), literal(claims)


def jwt_uses_nonce(spec: Spec) -> bool:
    token = spec.auth.rest.jwt
    return "nonce" in {name for text in [*token.header.values(), *token.claims.values()] for name in _names(text)}


def _jwt_rest(spec: Spec) -> Dict[str, Any]:
    """scheme jwt: the token's header and claims the exchange expects for the test requests (`jwt_expected`); the
    generated test verifies the token's signature with the public key of the test's private key."""
    rest = spec.auth.rest
    token = rest.jwt
    url = (
        spec.urls.rest.replace("{domain}", spec.exchange.domains.default) + spec.endpoints[spec.balances.endpoint].path
    )
    parsed = urlparse(url)
    credentials = {credential.name: Expr(f"self.{credential.name}") for credential in spec.credentials}
    request = {"host": parsed.netloc, "path": parsed.path}
    header, get_claims = jwt_expected(spec, dict(request, method="GET"))
    _, post_claims = jwt_expected(spec, dict(request, method="POST"))
    has_request_claims = any(set(_names(text)) & {"method", "host", "path"} for text in token.claims.values())
    token_header, token_template = next((h, text) for h, text in rest.headers.items() if "{token}" in text)
    prefix, suffix = token_template.split("{token}", 1)
    header_values = dict(credentials, token=Expr("token"))
    headers = {name: _header(text, header_values) for name, text in rest.headers.items()}
    body_headers = dict(headers)
    if rest.body == "form":
        body_headers["Content-Type"] = "application/x-www-form-urlencoded"
    imports = ["import json", "import jwt", "from cryptography.hazmat.primitives import serialization"]
    imports.append("from typing import Any, Dict, Tuple")
    imports.append("from unittest.mock import MagicMock, patch")
    if rest.body == "form":
        imports.append("from urllib.parse import urlencode")
    return {
        "jwt": True,
        "imports": imports,
        "credentials": [(c.name, keys.credential_literal(credential_value(c.name, spec))) for c in spec.credentials],
        "now": str(NOW),
        "local_clock": rest.timestamp.clock == "local",
        "patch_uuid": False,
        "partner_signature": None,
        "patch_token_hex": jwt_uses_nonce(spec),
        "nonce_unit": literal(JWT_NONCE_UNIT),
        "secret": rest.secret,
        "algorithm": literal(token.algorithm),
        "url": literal(url),
        "params": literal(SIGNED_PARAMS),
        "body": f"urlencode({literal(SIGNED_PARAMS)})" if rest.body == "form" else f"json.dumps({literal(SIGNED_PARAMS)})",
        "data": f"json.dumps({literal(SIGNED_PARAMS)})" if rest.body == "form" else "body",
        "form_body": rest.body == "form",
        "token_header": literal(token_header),
        "token_prefix": literal(prefix),
        "token_suffix": literal(suffix) if suffix else None,
        "headers": literal(headers),
        "body_headers": literal(body_headers),
        "header": header,
        "get_claims": get_claims,
        "post_claims": post_claims,
        "bare_claims": jwt_expected(spec, None)[1] if has_request_claims else None,
        "payload": None,
    }


def _text(value: Any) -> Any:
    """A claim's value inside a longer text: integers as their digits."""
    return str(value) if isinstance(value, int) else value


def _rest(spec: Spec) -> Dict[str, Any]:
    rest = spec.auth.rest
    if rest.scheme == "jwt":
        return _jwt_rest(spec)
    by_headers = rest.scheme == "hmac_headers"
    timestamp = signed_timestamp(rest.timestamp.unit)
    # A signed request to a real private endpoint: the balances endpoint on the default domain.
    url = (
        spec.urls.rest_base(private=True).replace("{domain}", spec.exchange.domains.default)
        + spec.endpoints[spec.balances.endpoint].path
    )
    if "host" in {name for part in _parts(rest.message or "") for name in _names(part)}:
        # {host} is host[:port]: the test's URL names its port, so that a connector signing the bare host fails.
        parts = urlparse(url)
        url = parts._replace(netloc=f"{parts.hostname}:{TEST_PORT}").geturl()
    path = urlparse(url).path
    nonce = nonce_value(rest.nonce) if rest.nonce is not None else None
    # The request's parameters once signed: the nonce parameter first (GET: query; POST: body).
    params = dict({rest.nonce.param: nonce} if nonce and rest.nonce.param else {}, **SIGNED_PARAMS)
    # `sort_query`: the query is sent, and signed, in key order.
    query_params = dict(sorted(params.items())) if rest.sort_query else params
    query = urlencode(query_params)
    header_values: Dict[str, Any] = {
        credential.name: Expr(f"self.{credential.name}") for credential in spec.credentials
    }
    for credential in spec.credentials:
        if credential.signed:
            # KuCoin's key-version-2 passphrase: HMAC of the passphrase with the secret, same algorithm and encoding.
            header_values[credential.name] = Expr(f"self.signature(self.{credential.name})")
    if rest.recv_window is not None:
        header_values["recv_window"] = str(rest.recv_window)
    header_values.update(timestamp=str(timestamp), signature=Expr("expected_signature"))
    partner = rest.partner
    if partner is not None:
        # The partner id as the exchange documents it, and its signature recomputed with the partner's key.
        header_values["partner_id"] = partner.id
        if partner.message is not None:
            plain = {credential.name: Expr(f"self.{credential.name}") for credential in spec.credentials}
            message = _message(partner.message, dict(plain, timestamp=str(timestamp), partner_id=partner.id))
            header_values["partner_signature"] = Expr(f"self.partner_signature({message})")
    if nonce is not None:
        header_values["nonce"] = nonce
    if rest.payload is not None:
        header_values["payload"] = Expr("payload")
    headers = {header: _header(text, header_values) for header, text in rest.headers.items()}
    body_headers = dict(headers)
    if rest.body == "form" and rest.payload is None:  # (with a payload, no body is sent)
        body_headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif not by_headers:
        body_headers["Content-Type"] = "application/json"
    values: Dict[str, Any] = {
        # Besides base64/hashlib/hmac, which the user stream's auth values import for both signatures.
        "imports": _imports(rest),
        "signature": _digest(rest, "message"),
        "partner_signature": (
            keys.signature_source(rest.algorithm, rest.encoding, literal(rest.partner.key), "text", "message")
            if rest.partner is not None and rest.partner.key is not None
            else None
        ),
        "jwt": False,
        "patch_token_hex": False,
        "patch_uuid": rest.nonce is not None and rest.nonce.kind == "uuid",
        "nonce_uuid": literal(NONCE_UUID),
        "credentials": [(c.name, keys.credential_literal(credential_value(c.name, spec))) for c in spec.credentials],
        "now": str(NOW),
        "local_clock": rest.timestamp.clock == "local",
        "by_headers": by_headers,
        # With `auth.rest.payload`: the expected payload of the GET and of the POST request (set below).
        "payload": None,
        "mapping_body": False,
        "signature_method": None,
        "timestamp_text": None,
        "form_body": rest.body == "form",
        "url": literal(url),
        "params": literal(SIGNED_PARAMS),
        "get_params": literal(query_params),
        "sort_query": rest.sort_query,
        "headers": literal(headers),
        "body_headers": literal(body_headers),
    }
    if not by_headers:
        # The values the auth test gives the credentials (and the fixed recv window) stand in the auth params.
        known = {credential.name: credential_value(credential.name, spec) for credential in spec.credentials}
        if rest.recv_window is not None:
            known["recv_window"] = str(rest.recv_window)
        auth_params = {key: _substitute(text, known) for key, text in rest.params.items()}
        if nonce is not None:
            auth_params[rest.nonce.param] = nonce
        signature = {rest.signature_param: Expr("expected_signature")}
        # hmac_params: the urlencoded parameters in request order, the timestamp appended last (all in key order
        # with sort_query); with params_in: query, a POST signs only the auth parameters, in its query.
        values["params_in_query"] = rest.params_in == "query"
        known_window = {"recv_window": str(rest.recv_window)} if rest.recv_window is not None else {}
        post_params = {} if rest.params_in == "query" else SIGNED_PARAMS
        for method, request_params in (("GET", SIGNED_PARAMS), ("POST", post_params)):
            signed_params = dict(request_params, **auth_params, **{rest.timestamp.param: timestamp})
            if rest.sort_query:
                signed_params = dict(sorted(signed_params.items()))
            message: Any = urlencode(signed_params)
            if rest.message is not None:
                parts = {credential.name: Expr(f"self.{credential.name}") for credential in spec.credentials}
                parts.update(known_window, method=method, host=urlparse(url).netloc, path=path, params=message)
                message = Expr(_message(rest.message, parts))
            prefix = "" if method == "GET" else "post_"
            values[prefix + "message"] = literal(message)
            values[prefix + "signed_params"] = literal(dict(signed_params, **signature))
        return values
    credentials = {credential.name: Expr(f"self.{credential.name}") for credential in spec.credentials}
    common = dict(credentials, timestamp=str(timestamp), path=path, host=urlparse(url).netloc, query=query)
    if rest.recv_window is not None:
        common["recv_window"] = str(rest.recv_window)
    if nonce is not None:
        common["nonce"] = nonce
    empty_hash = Expr(f'hashlib.{rest.body_hash}(b"").hexdigest()')
    get = dict(common, method="GET", request_path=f"{path}?{query}", body="", body_hash=empty_hash, content_type="")
    body_hash = Expr(f'hashlib.{rest.body_hash}(body.encode("utf8")).hexdigest()')
    post = dict(common, method="POST", query="", request_path=path, body=Expr("body"), body_hash=body_hash)
    # {content_type}: what a request with a body is sent with.
    post["content_type"] = BODY_CONTENT_TYPES[rest.body]
    # {sorted_params}: the parameters sorted by key as key=value pairs; the sign-only parameters (given with the
    # request, signed, not sent) have the test's values.
    sorted_params = "&".join(f"{key}={value}" for key, value in sorted(params.items()))
    sign_only = {name: credential_value(name) for name in rest.sign_only_params}
    get.update(sign_only, sorted_params=sorted_params)
    post.update(sign_only, sorted_params=sorted_params)
    if rest.payload is not None:
        # The request's parameters leave it for the payload: nothing is sent in the query or the body.
        bare = dict(
            query="", request_path=path, body="", body_hash=empty_hash, payload=Expr("payload"), content_type=""
        )
        get.update(bare)
        post.update(bare)
        values["payload"] = {
            method: _payload_source(rest, dict(common, method=method), params) for method in ("GET", "POST")
        }
    values["get_message"] = _signed_message(rest, get)
    values["post_message"] = _signed_message(rest, post)
    values["request_params"] = literal(dict(SIGNED_PARAMS, **sign_only))
    # The body as sent (the JSON text the exchange passes, or the parameters urlencoded), and the data given.
    body_params = literal(params if rest.nonce is not None and rest.nonce.param else SIGNED_PARAMS)
    values["body"] = f"urlencode({body_params})" if rest.body == "form" else f"json.dumps({body_params})"
    # The data given: the body itself, unless the auth rewrites it (form-encodes it, adds the nonce parameter or
    # takes the sign-only parameters out).
    rewritten = rest.body == "form" or (rest.nonce is not None and rest.nonce.param) or sign_only
    values["data"] = f"json.dumps({literal(dict(SIGNED_PARAMS, **sign_only))})" if rewritten else "body"
    values["bare_message"] = values["flags_message"] = None
    values["signature_header"] = literal(next(h for h, text in rest.headers.items() if "{signature}" in text))
    signed = {name for part in _parts(rest.message) for name in _names(part)}
    # A JSON body handed over as a mapping is signed as its JSON text (`_body_text`).
    values["mapping_body"] = (
        rest.body == "json" and rest.payload is None and not rewritten and bool(signed & {"body", "body_hash"})
    )
    # `signature_method`: the method signs the test's requests from their parts, at the test's timestamp.
    values["signature_method"] = rest.signature_method
    values["timestamp_text"] = literal(str(timestamp))
    if sign_only or isinstance(rest.message, list):
        # A request without parameters: the parts of the message standing for them are left out.
        bare = dict(get, query="", request_path=path, sorted_params="", **{name: "" for name in sign_only})
        values["bare_message"] = _signed_message(rest, bare)
    if "sorted_params" in {name for part in _parts(rest.message) for name in _names(part)}:
        # Booleans are signed as JSON writes them (true/false), whatever Python's str() says.
        flags = {"symbol": "COINALPHAHBOT", "postOnly": True}
        values["flags_body"] = literal(flags)
        values["flags_message"] = _signed_message(
            rest, dict(post, **{name: "" for name in sign_only}, sorted_params="postOnly=true&symbol=COINALPHAHBOT")
        )
    return values


def _payload_source(rest: Any, values: Dict[str, Any], params: Dict[str, Any]) -> str:
    """The payload the exchange expects for a request with these values and parameters, written out from the
    recipe: the fields (the integer nonce or timestamp a JSON number), then the parameters, as JSON, encoded."""
    numbers = set()
    if rest.nonce is not None and rest.nonce.kind != "uuid":
        numbers.add("nonce")
    if rest.timestamp.unit not in TEXT_TIMESTAMP_UNITS:
        numbers.add("timestamp")
    fields: Dict[str, Any] = {}
    for key, text in rest.payload.fields.items():
        names = _names(text)
        if len(names) == 1 and text == "{" + names[0] + "}":
            value = values[names[0]]
            fields[key] = int(value) if names[0] in numbers else value
        else:
            fields[key] = Expr(_message(text, values))
    fields.update(params)
    return PAYLOAD_ENCODERS[rest.payload.encoding].format(literal(fields))


def _parts(message: Union[str, List[str]]) -> List[str]:
    return [message] if isinstance(message, str) else list(message)


def _names(template: str) -> List[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def _signed_message(rest: Any, values: Dict[str, Union[str, Expr]]) -> str:
    """The message the exchange signs for a request with these values, written out from the recipe: a template,
    or the parts of a list joined with the separator, leaving out each part whose request placeholders (query,
    body, sorted parameters, sign-only parameters) are all empty; bytes around a raw `{digest}`."""
    digest = rest.digest
    if digest is None:
        parts = keys.kept_parts(rest, lambda name: values[name] == "")
        return _message(rest.message_separator.join(parts), values)
    hashed = f"hashlib.{digest.algorithm}({_utf8(_message(digest.of, values))})"
    if digest.encoding == "hex":
        return _message(rest.message, dict(values, digest=Expr(hashed + ".hexdigest()")))
    parts = []
    for index, run in enumerate(rest.message.split("{digest}")):
        if index:
            parts.append(hashed + ".digest()")
        if run:
            parts.append(_utf8(_message(run, values)))
    return " + ".join(parts)


def _utf8(source: str) -> str:
    return f'({source}).encode("utf8")' if " + " in source else f'{source}.encode("utf8")'


def _imports(rest: Any) -> List[str]:
    imports = ["import json"] + keys.signature_imports(rest.algorithm, rest.encoding, rest.secret_encoding)
    # A digest inside the message, and the partner's signature (an HMAC), need hashlib and hmac besides.
    needed = (["import hashlib"] if rest.digest is not None else []) + (
        ["import hashlib", "import hmac"] if rest.partner is not None and rest.partner.key is not None else []
    )
    imports += [line for line in dict.fromkeys(needed) if line not in imports]
    if rest.nonce is not None and rest.nonce.kind == "uuid":
        imports.append("import uuid")
    if rest.timestamp.clock == "local" or (rest.nonce is not None and rest.nonce.kind == "uuid"):
        imports.append("from unittest.mock import MagicMock, patch")
    else:
        imports.append("from unittest.mock import MagicMock")
    if rest.payload is not None and rest.payload.encoding != "hex" and "import base64" not in imports:
        imports.insert(1, "import base64")
    if rest.scheme == "hmac_headers" and rest.body == "form" and rest.payload is None:
        imports.append("from urllib.parse import urlencode")
    return imports


def _header(text: str, values: Dict[str, Any]) -> Any:
    """A header's expected value: the placeholder's value itself, or the text with literals and expressions."""
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    if len(names) == 1 and text == "{" + names[0] + "}":
        return values[names[0]]
    return Expr(_message(text, values))


def _url(template: str, domain: str, path: str = "") -> str:
    return template.replace("{domain}", domain) + path


def server_time_value(spec: Spec, milliseconds: int) -> Any:
    """`milliseconds` in the unit and JSON type the server-time example documents."""
    time_sync = spec.auth.time_sync
    value = milliseconds * UNITS_PER_SECOND[time_sync.unit] // 1000
    documented = fieldpath.read(spec.endpoints[time_sync.endpoint].example_response, time_sync.server_time)
    return str(value) if isinstance(documented, str) else value


def _web_utils(spec: Spec) -> Dict[str, Any]:
    domains = [spec.exchange.domains.default, *spec.exchange.domains.others]
    public_base = spec.urls.rest_base(private=False)
    private_base = spec.urls.rest_base(private=True)
    public = spec.endpoints[spec.markets.check_network]
    private = spec.endpoints[spec.balances.endpoint]
    values: Dict[str, Any] = {
        "public_constant": public.constant,
        "private_constant": private.constant,
        # Each domain's own URL when it has one (`exchange.domains.others.*.urls`).
        "public_urls": literal([(domain, spec.rest_base_of(domain, False) + public.path) for domain in domains]),
        "private_urls": literal([(domain, spec.rest_base_of(domain, True) + private.path) for domain in domains]),
        "default_public_url": literal(_url(public_base, domains[0], public.path)),
        "default_private_url": literal(_url(private_base, domains[0], private.path)),
        "public_response": fixture(public.example_response),
        "rate_limits": user_stream_tests._rate_limits(spec),
        "time_sync": spec.auth.time_sync is not None,
        "now": str(NOW),
        "now_ms": literal(float(NOW * 1000)),
    }
    time_sync = spec.auth.time_sync
    if time_sync:
        # The server time a whole number of the documented unit, so the expected value is exact.
        unit_ms = max(1, 1000 // UNITS_PER_SECOND[time_sync.unit])
        server_ms = SERVER_TIME_MS // unit_ms * unit_ms
        server_time = spec.endpoints[time_sync.endpoint]
        values["unit"] = time_sync.unit
        values["time_urls"] = literal(
            [(domain, spec.rest_base_of(domain, False) + server_time.path) for domain in domains]
        )
        values["time_url"] = literal(_url(public_base, domains[0], server_time.path))
        values["time_response"] = fixture(
            server_time.example_response, {time_sync.server_time: literal(server_time_value(spec, server_ms))}
        )
        values["server_time_ms"] = literal(float(server_ms))
        values["server_time_seconds"] = literal(server_ms / 1000)
        # When the public endpoint is the server-time one, the test's request is the second to reach it.
        values["time_requests"] = 2 if server_time.path == public.path else 1
    return values


def _exchange_headers(spec: Spec) -> List[Tuple[str, Optional[str]]]:
    """The exchange test's check of a signed request's headers: (header, expected value source, or None when the
    value depends on the request or the clock; the auth tests check those)."""
    rest = spec.auth.rest
    constant = {
        credential.name: Expr(f"self.{credential.name}") for credential in spec.credentials if not credential.signed
    }
    # (jwt: {token} depends on the request and the clock; the auth tests check it)
    if rest.recv_window is not None:
        constant["recv_window"] = str(rest.recv_window)
    if rest.partner is not None:
        constant["partner_id"] = rest.partner.id
    checks = []
    for header, text in rest.headers.items():
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
        fixed = all(name in constant for name in names)
        checks.append((literal(header), literal(_header(text, constant)) if fixed else None))
    return checks


def values(spec: Spec) -> Dict[str, Any]:
    return {"rest": _rest(spec), "web": _web_utils(spec), "exchange_headers": _exchange_headers(spec)}


def _substitute(text: str, known: Dict[str, str]) -> str:
    """`text` with each {name} replaced by its known value (names are validated against the same set)."""
    for name, value in known.items():
        text = text.replace("{" + name + "}", value)
    return text
