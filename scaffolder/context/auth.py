"""Values for REST signing and server-time sync."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple, Union

from scaffolder.context.user_stream import key_bytes, ws_signature_settings
from scaffolder.pysource import Expr, fstring, literal, read, template_string
from scaffolder.spec import fieldpath
from scaffolder.spec.model import BODY_CONTENT_TYPES, TEXT_TIMESTAMP_UNITS, Spec
from scaffolder.spec.validate import placeholders

# Clock sources of the signed timestamp, in seconds.
CLOCKS = {"server": "self.time_provider.time()", "local": "time.time()"}
# hmac_headers: the locals `header_for_authentication` computes for the placeholders of `auth.rest.message`, in the
# order they are written, with the locals each one reads; only those the message needs are emitted.
MESSAGE_LOCALS: List[Tuple[str, str, Tuple[str, ...]]] = [
    ("path", "urlparse(request.url).path", ()),
    ("host", "urlparse(request.url).netloc", ()),
    ("query", "urlencode(request.params or {})", ()),
    ("request_path", 'f"{path}?{query}" if query else path', ("path", "query")),
    ("body", 'request.data or ""', ()),
    ("body_hash", 'hashlib.{hash}(body.encode("utf8")).hexdigest()', ("body",)),
    ("sorted_params", "self._sorted_params(request)", ()),
    # The Content-Type a request with a body is sent with (as rest_authenticate sends it), "" without a body.
    ("content_type", '"{content_type}" if request.data is not None else ""', ()),
]
# Placeholders of the message that stand for the request and may be empty: a part of a message written as a list
# is left out when all of those it uses are empty (besides the sign-only parameters, which may be absent).
OPTIONAL_PARTS = ("query", "body", "sorted_params", "content_type")

# Conversion of the documented server time to milliseconds.
# Integer divisions are correctly rounded, so a documented whole number of us or ns converts exactly.
TO_MS = {"ms": "", "s": " * 1e3", "us": " / 1000", "ns": " / 1000000"}


def timestamp_source(unit: str, clock: str) -> str:
    """The signed timestamp: an integer (ms, s) or an ISO-8601 UTC string with milliseconds (iso) or to the second
    without a zone (iso_seconds)."""
    now = CLOCKS[clock]
    if unit == "iso":
        return f'datetime.fromtimestamp({now}, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")'
    if unit == "iso_seconds":
        return f'datetime.fromtimestamp({now}, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")'
    return f"int({now} * 1e3)" if unit == "ms" else f"int({now})"


# The nonce of each signed request, by `auth.rest.nonce.kind`: (source of `get_tracking_nonce`, attribute set in
# `__init__` or None); `{clock}` is the signing clock, `{start}` the counter's first value.
NONCE_SOURCES = {
    "milliseconds": (
        "str(self._nonce_creator.get_tracking_nonce(timestamp={clock}))",
        "NonceCreator.for_milliseconds()",
    ),
    "counter": ("str(next(self._nonces))", "itertools.count({start})"),
    "uuid": ("str(uuid.uuid4())", None),
}
NONCE_IMPORTS = {
    "milliseconds": "from hummingbot.core.utils.tracking_nonce import NonceCreator",
    "counter": "import itertools",
    "uuid": "import uuid",
}


# How the payload's JSON text, as UTF-8 bytes `{}`, is written as {payload} (`auth.rest.payload.encoding`).
PAYLOAD_ENCODERS = {
    "base64": "base64.b64encode({}).decode()",
    "base64url": "base64.urlsafe_b64encode({}).decode()",
    "hex": "{}.hex()",
}
PAYLOAD_ENCODING_WORDS = {"base64": "base64-encoded", "base64url": "URL-safe base64-encoded", "hex": "hex-encoded"}


def payload_field_sources(rest_auth: Any, values: Dict[str, str]) -> List[Tuple[str, str]]:
    """(key source, value source) of the payload's own fields: templates, but a field that is exactly an integer
    nonce (milliseconds, counter) or timestamp (ms, s) is the number itself."""
    integers = set()
    if rest_auth.nonce is not None and rest_auth.nonce.kind in ("milliseconds", "counter"):
        integers.add("{nonce}")
    if rest_auth.timestamp.unit in ("ms", "s"):
        integers.add("{timestamp}")
    fields = []
    for key, text in rest_auth.payload.fields.items():
        source = f"int({values[text[1:-1]]})" if text in integers else template_string(text, values)
        fields.append((literal(key), source))
    return fields


def payload_values(rest_auth: Any, values: Dict[str, str]) -> Dict[str, Any]:
    """The payload's fields (sources), how its JSON text is encoded, and the words the docstring says it with."""
    payload = rest_auth.payload
    if payload is None:
        return {"payload_fields": None}
    return {
        "payload_fields": payload_field_sources(rest_auth, values),
        "payload_encoder": PAYLOAD_ENCODERS[payload.encoding].format('json.dumps(fields).encode("utf8")'),
        "payload_encoding": PAYLOAD_ENCODING_WORDS[payload.encoding],
    }


def message_parts(message: Union[str, List[str]]) -> List[str]:
    """The templates of `auth.rest.message`: the text itself, or the parts of a list."""
    return [message] if isinstance(message, str) else list(message)


def recv_window_source(rest_auth: Any) -> str:
    """`{recv_window}` as text: the module constant RECV_WINDOW, or the class attribute
    `auth.rest.recv_window_attribute` (an integer)."""
    if rest_auth.recv_window_attribute:
        return f"str(self.{rest_auth.recv_window_attribute})"
    return "RECV_WINDOW"


def message_source(rest_auth: Any, values: Dict[str, str]) -> str:
    """The signed message: one template, or the non-empty parts of a list joined with `message_separator`."""
    if isinstance(rest_auth.message, str):
        return template_string(rest_auth.message, values)
    optional = set(OPTIONAL_PARTS) | set(rest_auth.sign_only_params)
    parts = []
    for part in rest_auth.message:
        source = fstring(part, values)
        used = [name for name in placeholders(part) if name in optional]
        if used and len(used) == len(placeholders(part)) and part == "{" + used[0] + "}":
            parts.append(values[used[0]])
        elif used:
            parts.append(f'{source} if {" or ".join(values[name] for name in used)} else ""')
        else:
            parts.append(source)
    joined = "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
    return f"{literal(rest_auth.message_separator)}.join(part for part in {joined} if part)"


def message_locals(rest_auth: Any) -> List[Tuple[str, str]]:
    """(name, source) of the locals the signed message reads, in dependency order; `digest` last, from the others."""
    used = {name for part in message_parts(rest_auth.message) for name in placeholders(part)}
    if rest_auth.payload is not None:
        # The payload's fields read the request's locals too (Gemini's {path}).
        used.update(name for text in rest_auth.payload.fields.values() for name in placeholders(text))
    digest = rest_auth.digest
    if digest is not None and "digest" in used:
        used.update(placeholders(digest.of))
    for name, _, needs in reversed(MESSAGE_LOCALS):
        if name in used:
            used.update(needs)
    locals_ = [
        (name, source.replace("{hash}", rest_auth.body_hash).replace("{content_type}", BODY_CONTENT_TYPES[rest_auth.body]))
        for name, source, _ in MESSAGE_LOCALS
        if name in used
    ]
    if rest_auth.body == "form":
        # A form body travels as its parameters (aiohttp encodes them): the text signed is their urlencoding.
        locals_ = [(name, "urlencode(request.data or {})" if name == "body" else source) for name, source in locals_]
    else:
        # The JSON text Hummingbot's REST assistant passes; a body still a mapping is signed as that text.
        locals_ = [(name, "self._body_text(request.data)" if name == "body" else source) for name, source in locals_]
    if digest is not None and "digest" in used:
        hashed = f"hashlib.{digest.algorithm}({_encoded(template_string(digest.of, _message_values(rest_auth)))})"
        locals_.append(("digest", hashed + (".digest()" if digest.encoding == "raw" else ".hexdigest()")))
    return locals_


def _message_values(rest_auth: Any, credentials: Dict[str, str] = None) -> Dict[str, str]:
    values = dict(credentials or {}, timestamp="timestamp", method="request.method.value", nonce="nonce")
    values.update({name: name for name, _, _ in MESSAGE_LOCALS})
    values.update({name: name for name in rest_auth.sign_only_params})
    if rest_auth.recv_window is not None:
        values["recv_window"] = recv_window_source(rest_auth)
    if rest_auth.payload is not None:
        values["payload"] = "payload"
    return values


def _encoded(source: str) -> str:
    """`source`, a text expression, as UTF-8 bytes."""
    return f'({source}).encode("utf8")' if " + " in source else f'{source}.encode("utf8")'


def signed_bytes(message: str, values: Dict[str, str]) -> str:
    """The message as bytes: its text runs encoded as UTF-8, `{digest}` (raw bytes) joined between them."""
    parts = []
    for index, run in enumerate(message.split("{digest}")):
        if index:
            parts.append("digest")
        if run:
            parts.append(_encoded(template_string(run, values)))
    return " + ".join(parts)


def nonce_values(rest_auth: Any) -> Dict[str, Any]:
    """The nonce's generator (`get_tracking_nonce`), the attribute it keeps and the module it imports."""
    nonce = rest_auth.nonce
    if nonce is None:
        return {"nonce_source": None, "nonce_state": None, "nonce_param": None}
    source, state = NONCE_SOURCES[nonce.kind]
    clock = CLOCKS[rest_auth.timestamp.clock]
    return {
        "nonce_source": source.replace("{clock}", clock),
        "nonce_state": state.replace("{start}", str(nonce.start)) if state else None,
        "nonce_attribute": "_nonce_creator" if nonce.kind == "milliseconds" else "_nonces",
        "nonce_param": literal(nonce.param) if nonce.param else None,
    }


# auth.rest.jwt: the placeholders of the claims that stand for the request; such a claim is left out of a token made
# without one (the websocket's).
JWT_REQUEST_PLACEHOLDERS = ("method", "host", "path")
# The locals `generate_jwt` computes for the placeholders of the header and claims, in the order they are written.
JWT_LOCALS = ("timestamp", "expires", "nonce", "method", "host", "path")


def jwt_values(spec: Spec) -> Dict[str, Any]:
    """auth.rest with scheme jwt: the token's header and claims as Python source (claims that need the request
    apart), the locals they read, and what the auth imports."""
    rest_auth = spec.auth.rest
    jwt = rest_auth.jwt
    values = {credential.name: f"self.{credential.name}" for credential in spec.credentials}
    values.update({name: name for name in JWT_LOCALS})
    # Integer seconds: a claim that is exactly one of them is that number; inside a text, its digits.
    embedded = {"timestamp": "str(timestamp)", "expires": "str(expires)"}
    claims, request_claims = [], []
    used = set()
    for name, text in jwt.claims.items():
        names = placeholders(text)
        used.update(names)
        exact = len(names) == 1 and text == "{" + names[0] + "}"
        source = template_string(text, values, embedded) if exact or not names else fstring(text, values)
        (request_claims if set(names) & set(JWT_REQUEST_PLACEHOLDERS) else claims).append((literal(name), source))
    header = []
    for name, text in jwt.header.items():
        used.update(placeholders(text))
        header.append((literal(name), template_string(text, values)))
    if "expires" in used:
        used.add("timestamp")
    locals_ = []
    if "timestamp" in used:
        locals_.append(("timestamp", f"int({CLOCKS[rest_auth.timestamp.clock]})"))
    if "expires" in used:
        locals_.append(("expires", f"timestamp + {jwt.lifetime}"))
    if "nonce" in used:
        locals_.append(("nonce", f"secrets.token_hex({jwt.nonce_bytes})"))
    request_locals = [
        (name, source)
        for name, source in (
            ("method", "request.method.value"),
            ("host", "urlparse(request.url).netloc"),
            ("path", "urlparse(request.url).path"),
        )
        if name in used
    ]
    imports = []
    if rest_auth.body == "form":
        imports.append("import json")
    if "nonce" in used:
        imports.append("import secrets")
    if rest_auth.timestamp.clock == "local":
        imports.append("import time")
    imports.append("from typing import Dict, Optional")
    urllib_names = (["urlencode"] if rest_auth.body == "form" else []) + (["urlparse"] if {"host", "path"} & used else [])
    if urllib_names:
        imports.append(f"from urllib.parse import {', '.join(urllib_names)}")
    return {
        "algorithm": literal(jwt.algorithm),
        "header": header,
        "claims": claims,
        "request_claims": request_claims,
        "locals": locals_,
        "request_locals": request_locals,
        "imports": imports,
        "third_party_imports": ["import jwt", "from cryptography.hazmat.primitives import serialization"],
    }


def _add_jwt(spec: Spec, v: Dict[str, Any]) -> None:
    """The values the auth template reads, for a JWT per request: sent in headers, no HMAC."""
    rest_auth = spec.auth.rest
    token = jwt_values(spec)
    v["auth_jwt"] = token
    v["partner"] = v["partner_message"] = None
    v["auth_signs_bytes"] = False
    v.update(nonce_values(rest_auth))
    header_values = {credential.name: f"self.{credential.name}" for credential in spec.credentials}
    header_values["token"] = "token"
    v["auth_headers"] = [(header, template_string(text, header_values)) for header, text in rest_auth.headers.items()]
    v["auth_params"] = []
    v["hash_name"] = rest_auth.algorithm
    v["secret_key_bytes"] = None
    v["auth_by_headers"] = True
    v["auth_form_body"] = rest_auth.body == "form"
    v["recv_window"] = v["recv_window_attribute"] = None
    v["ed25519"] = False
    v["third_party_imports"] = token["third_party_imports"]
    v["sorted_params"] = False
    v["auth_locals"] = []
    v["auth_uses_timestamp"] = False
    v["auth_timestamp"] = None
    v["auth_message"] = None
    v["sign_only_params"] = None
    v["payload_fields"] = None
    v["body_text"] = False
    v["signature_method"] = None
    v["auth_imports"] = token["imports"]


def add(spec: Spec, v: Dict[str, Any]) -> None:
    # hmac_params options (set below for that scheme).
    v["params_in_query"] = v["sort_signed"] = v["params_request"] = False
    rest_auth = spec.auth.rest
    if rest_auth.scheme == "jwt":
        _add_jwt(spec, v)
        _add_time_sync(spec, v)
        return
    v["auth_jwt"] = None
    by_headers = rest_auth.scheme == "hmac_headers"
    # What a placeholder stands for in the signed message, and in the headers (signed credentials are sent as
    # their HMAC there).
    values = {credential.name: f"self.{credential.name}" for credential in spec.credentials}
    if rest_auth.recv_window is not None:
        values["recv_window"] = recv_window_source(rest_auth)
    header_values = dict(values, timestamp="timestamp", signature="signature")
    partner = rest_auth.partner
    v["partner"] = partner
    v["partner_message"] = None
    if partner is not None:
        header_values["partner_id"] = f"CONSTANTS.{spec.constant('PARTNER_ID')}"
        if partner.message is not None:
            header_values["partner_signature"] = "partner_signature"
            partner_values = dict(values, timestamp="timestamp", partner_id=header_values["partner_id"])
            v["partner_message"] = template_string(partner.message, partner_values)
    for credential in spec.credentials:
        if credential.signed:
            header_values[credential.name] = f"self._generate_signature(self.{credential.name})"
    signs_bytes = rest_auth.digest is not None and rest_auth.digest.encoding == "raw"
    for credential in spec.credentials:
        if credential.signed and signs_bytes:
            header_values[credential.name] = f'self._generate_signature(self.{credential.name}.encode("utf8"))'
    if rest_auth.nonce is not None:
        header_values["nonce"] = "nonce"
    if rest_auth.payload is not None:
        header_values["payload"] = "payload"
    v["auth_signs_bytes"] = signs_bytes
    v.update(nonce_values(rest_auth))
    v["auth_headers"] = [(header, template_string(text, header_values)) for header, text in rest_auth.headers.items()]
    v["auth_params"] = [(key, template_string(text, values)) for key, text in rest_auth.params.items()]
    v["hash_name"] = rest_auth.algorithm
    v["secret_key_bytes"] = key_bytes(rest_auth.secret, rest_auth.secret_encoding)
    v["auth_by_headers"] = by_headers
    # The payload carries the request's parameters: no body is sent, whatever `body` says.
    v["auth_form_body"] = rest_auth.body == "form" and rest_auth.payload is None
    v["recv_window"] = literal(str(rest_auth.recv_window)) if rest_auth.recv_window is not None else None
    if rest_auth.recv_window_attribute:
        # A class attribute instead of the module constant.
        v["recv_window_attribute"] = (rest_auth.recv_window_attribute, rest_auth.recv_window)
        v["recv_window"] = None
    else:
        v["recv_window_attribute"] = None
    timestamp = timestamp_source(rest_auth.timestamp.unit, rest_auth.timestamp.clock)
    locals_ = message_locals(rest_auth) if by_headers else []
    local_names = {name for name, _ in locals_}
    ws_auth = spec.auth.private_ws  # (None without a private websocket)
    ws_settings = ws_signature_settings(spec) if ws_auth and ws_auth.signature else None
    signers = [(rest_auth.algorithm, rest_auth.encoding)]
    if ws_settings:
        signers.append((ws_settings["algorithm"], ws_settings["encoding"]))
    # (the partner signature is an HMAC whatever the request's signature is)
    hmac_signing = any(algorithm != "ed25519" for algorithm, _ in signers) or v["partner_message"] is not None
    # Standard-library imports, then the third-party ones (Hummingbot's own dependencies).
    imports = []
    payload = rest_auth.payload
    ws_payload = ws_auth and ws_auth.payload
    payload_base64 = (payload is not None and payload.encoding != "hex") or (
        ws_payload is not None and ws_payload.encoding != "hex"
    )
    if any(encoding == "base64" for _, encoding in signers) or rest_auth.secret_encoding == "base64" or payload_base64:
        imports.append("import base64")
    if hmac_signing or local_names & {"body_hash", "digest"}:
        imports.append("import hashlib")
    if hmac_signing:
        imports.append("import hmac")
    reads_body = bool(rest_auth.sign_only_params) or "sorted_params" in local_names
    nonce_param = rest_auth.nonce is not None and rest_auth.nonce.param
    signature_method = rest_auth.signature_method if by_headers else None
    # `_body_text(data)`: the body as signed, for a JSON body the message signs (in the request or in the method).
    v["body_text"] = by_headers and rest_auth.body == "json" and "body" in local_names
    # (hmac_params reads the body it signs, but in the query: params_in: query)
    reads_signed_body = not by_headers and rest_auth.params_in == "request"
    if reads_signed_body or v["auth_form_body"] or reads_body or nonce_param or payload is not None or v["body_text"]:
        imports.append("import json")
    if rest_auth.timestamp.clock == "local":
        imports.append("import time")
    if rest_auth.timestamp.unit in TEXT_TIMESTAMP_UNITS:
        imports.append("from datetime import datetime, timezone")
    if rest_auth.nonce is not None:
        imports.append(NONCE_IMPORTS[rest_auth.nonce.kind])
    # Any types the parameter dicts of Binance-style signing and of the websocket subscribe/login messages.
    needs_any = (
        not by_headers
        or reads_body
        or v["body_text"]
        or signature_method is not None
        or payload is not None
        or (ws_auth is not None and ws_auth.scheme in ("signed_subscribe", "login"))
    )
    typing_names = (["Any"] if needs_any else []) + ["Dict"] + ([] if by_headers else ["Optional"])
    imports.append(f"from typing import {', '.join(typing_names)}")
    urllib_names = ["urlencode"] if not by_headers or v["auth_form_body"] or "query" in local_names else []
    v["ed25519"] = any(algorithm == "ed25519" for algorithm, _ in signers)
    v["third_party_imports"] = ["from cryptography.hazmat.primitives.asymmetric import ed25519"] if v["ed25519"] else []
    v["sorted_params"] = "sorted_params" in local_names
    if by_headers:
        if any(name in ("path", "host") for name, _ in locals_):
            urllib_names.append("urlparse")
        v["auth_locals"] = locals_
        used = {name for part in message_parts(rest_auth.message) for name in placeholders(part)}
        used |= {name for name, _ in locals_}
        used |= {name for _, text in rest_auth.headers.items() for name in placeholders(text)}
        if rest_auth.digest is not None:
            used |= set(placeholders(rest_auth.digest.of))
        if payload is not None:
            used |= {name for text in payload.fields.values() for name in placeholders(text)}
        v["auth_uses_timestamp"] = "timestamp" in used
        v["auth_timestamp"] = timestamp if rest_auth.timestamp.unit in TEXT_TIMESTAMP_UNITS else f"str({timestamp})"
        message_values = _message_values(rest_auth, {c.name: f"self.{c.name}" for c in spec.credentials})
        v.update(payload_values(rest_auth, message_values))
        if signs_bytes:
            # (validate: a message signed as bytes is one template)
            v["auth_message"] = signed_bytes(rest_auth.message, message_values)
        else:
            v["auth_message"] = message_source(rest_auth, message_values)
        v["signature_method"] = None
        if signature_method is not None:
            # The method signs the request from its parts: header_for_authentication computes no message locals.
            # (validate: one template over timestamp, method, query, body, recv_window and the credentials)
            v["signature_method"] = {
                "name": signature_method,
                "message": message_source(rest_auth, dict(message_values, method="method.value")),
                "query": "query" in local_names,
                "body": "body" in local_names,
                "body_source": "self._body_text(payload)" if rest_auth.body == "json" else "urlencode(payload or {})",
            }
            v["auth_locals"] = []
        v["sign_only_params"] = literal(tuple(rest_auth.sign_only_params)) if rest_auth.sign_only_params else None
    else:
        v["auth_timestamp"] = timestamp
        v["sign_only_params"] = None
        v["payload_fields"] = None
        v["signature_method"] = None
        # hmac_params: the signed parameters in the query whatever the method (params_in: query), signed in key
        # order (sort_query), the string signed (a message over the request and {params}, else the parameters).
        v["params_in_query"] = rest_auth.params_in == "query"
        v["sort_signed"] = rest_auth.sort_query
        v["params_message"] = "urlencode(request_params)"
        v["params_request"] = rest_auth.message is not None
        if rest_auth.message is not None:
            message_values = {c.name: f"self.{c.name}" for c in spec.credentials}
            message_values.update(
                method="request.method.value",
                host="urlparse(request.url).netloc",
                path="urlparse(request.url).path",
                params="urlencode(request_params)",
            )
            if rest_auth.recv_window is not None:
                message_values["recv_window"] = recv_window_source(rest_auth)
            v["params_message"] = template_string(rest_auth.message, message_values)
            if set(placeholders(rest_auth.message)) & {"host", "path"}:
                urllib_names.append("urlparse")
    if urllib_names:
        imports.append(f"from urllib.parse import {', '.join(urllib_names)}")
    v["auth_imports"] = imports
    _add_time_sync(spec, v)


def _add_time_sync(spec: Spec, v: Dict[str, Any]) -> None:
    endpoints = spec.endpoints
    time_sync = spec.auth.time_sync
    v["time_sync"] = time_sync
    if time_sync:
        # With a choice among the matchers (a list item), every matcher is a tuple of substrings, any one of which
        # must occur; else they are plain substrings that must all occur.
        matches: List[Any] = list(time_sync.error_matches)
        v["time_error_code"] = literal(time_sync.error_code) if time_sync.error_code is not None else None
        if time_sync.error_code is not None:
            # The documented error code, under its own constant, is one more substring to match.
            matches.insert(0, Expr(v["const"]["TIMESTAMP_ERROR_CODE"]))
        v["time_error_choices"] = any(isinstance(match, list) for match in matches)
        v["time_error_matches"] = literal(
            [tuple(match) if isinstance(match, list) else (match,) for match in matches]
            if v["time_error_choices"]
            else matches
        )
        v["server_time_constant"] = endpoints[time_sync.endpoint].constant
        v["server_time_limit_id"] = endpoints[time_sync.endpoint].rate_limit_id
        server_time = read(time_sync.server_time, "response")
        if isinstance(fieldpath.read(endpoints[time_sync.endpoint].example_response, time_sync.server_time), str):
            server_time = f"int({server_time})"
        v["server_time_source"] = server_time + TO_MS[time_sync.unit]
