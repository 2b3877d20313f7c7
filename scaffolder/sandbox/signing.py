"""Checking what the client signed, with the exchange's recipe as the spec declares it (`auth.rest`, `auth.private_ws`).

Each check returns None when the request is correctly signed, else the cause in words, naming what was expected,
so that a connector generated from a wrong recipe fails with a message that says so.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, Mapping, Optional, Union
from urllib.parse import parse_qsl, unquote_plus, urlencode

from scaffolder import keys
from scaffolder.spec.model import TEXT_TIMESTAMP_UNITS, Spec
from scaffolder.spec.validate import placeholders

# How far a signed timestamp may be from the sandbox's clock.
TIMESTAMP_TOLERANCE_SECONDS = 30.0


# How the sandbox reads the payload header's bytes, by `auth.rest.payload.encoding` (strict: a stray character is
# refused, as the exchange would).
PAYLOAD_DECODERS = {
    "base64": lambda text: base64.b64decode(text, validate=True),
    "base64url": lambda text: base64.b64decode(text, altchars=b"-_", validate=True),
    "hex": bytes.fromhex,
}


@dataclass
class SignedRequest:
    method: str
    path: str
    query: str  # the raw query string, as sent
    body: str
    headers: Mapping[str, str]


def digest(secret: str, payload: Union[str, bytes], algorithm: str, encoding: str,
           secret_encoding: str = "text") -> str:
    return keys.hmac_signature(secret, secret_encoding, payload, algorithm, encoding)


def sorted_params(query: str, body: str) -> str:
    """{sorted_params}: the JSON body's parameters, or the query's, sorted by key as key=value&... (booleans as JSON
    writes them)."""
    params: Dict[str, Any] = {}
    if body:
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        params = parsed if isinstance(parsed, dict) else {}
    elif query:
        params = dict(parse_qsl(query, keep_blank_values=True))
    return "&".join(
        f"{key}={str(value).lower() if isinstance(value, bool) else value}" for key, value in sorted(params.items())
    )


def joined_message(rest: Any, values: Mapping[str, str]) -> str:
    """The text `auth.rest.message` makes of these values: a template, or the parts of a list joined with the
    separator, each part whose request placeholders are all empty left out."""
    if rest.message is None:
        return ""
    parts = keys.kept_parts(rest, lambda name: not values.get(name))
    return rest.message_separator.join(render(part, values) for part in parts)


def render(template: str, values: Mapping[str, str]) -> str:
    text = template
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def timestamp_seconds(text: str, unit: str) -> Optional[float]:
    try:
        if unit == "iso":
            return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
        if unit == "iso_seconds":
            # Exactly YYYY-MM-DDThh:mm:ss, as the exchange parses it.
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", text):
                return None
            return datetime.fromisoformat(text + "+00:00").timestamp()
        return float(text) / (1e3 if unit == "ms" else 1)
    except ValueError:
        return None


def stale(text: str, unit: str) -> Optional[str]:
    seconds = timestamp_seconds(text, unit)
    if seconds is None:
        return f"timestamp {text!r} is not a {unit} timestamp"
    if abs(seconds - time.time()) > TIMESTAMP_TOLERANCE_SECONDS:
        return f"timestamp {text!r} is more than {TIMESTAMP_TOLERANCE_SECONDS:.0f}s away from the server clock"
    return None


class Verifier:
    def __init__(self, spec: Spec, credentials: Dict[str, str]):
        self.spec = spec
        self.credentials = credentials
        self.rest = spec.auth.rest
        self.seen_nonces: set = set()

    def credential_values(self) -> Dict[str, str]:
        values = dict(self.credentials)
        if self.rest.recv_window is not None:
            values["recv_window"] = str(self.rest.recv_window)
        return values

    def _header_values(self) -> Dict[str, str]:
        values = self.credential_values()
        if self.rest.partner is not None:
            values["partner_id"] = self.rest.partner.id
        for credential in self.spec.credentials:
            if credential.signed:
                values[credential.name] = self.sign(self.credentials[credential.name])
        return values

    def sign(self, payload: Union[str, bytes], algorithm: Optional[str] = None, encoding: Optional[str] = None,
             secret: Optional[str] = None) -> str:
        """The HMAC of `payload` (an Ed25519 signature is only verified: see `verifies`)."""
        return digest(self.credentials[secret or self.rest.secret], payload, algorithm or self.rest.algorithm,
                      encoding or self.rest.encoding, self.rest.secret_encoding)

    def verifies(self, signature: Any, payload: Union[str, bytes], algorithm: Optional[str] = None,
                 encoding: Optional[str] = None, secret: Optional[str] = None) -> bool:
        """Whether `signature` signs `payload`: the HMAC recomputed, or an Ed25519 signature verified with the public
        key of the account's keypair, as the exchange holds it."""
        algorithm = algorithm or self.rest.algorithm
        encoding = encoding or self.rest.encoding
        if algorithm == "ed25519":
            secret_text = self.credentials[secret or self.rest.secret]
            public_key = keys.ed25519_public_key(secret_text, self.rest.secret_encoding)
            return isinstance(signature, str) and keys.ed25519_verifies(public_key, signature, payload, encoding)
        return signature == self.sign(payload, algorithm, encoding, secret)

    def expected(self, payload: Union[str, bytes], algorithm: Optional[str] = None, encoding: Optional[str] = None,
                 secret: Optional[str] = None) -> str:
        """What a refusal names as expected: the HMAC, or the Ed25519 recipe (the sandbox never signs with it)."""
        if (algorithm or self.rest.algorithm) == "ed25519":
            return "an Ed25519 signature by the account's key"
        return repr(self.sign(payload, algorithm, encoding, secret))

    def recipe(self) -> str:
        if self.rest.algorithm == "ed25519":
            return f"Ed25519 signature ({self.rest.encoding}) by the keypair of {self.rest.secret}"
        key = {"base64": "the base64-decoded ", "hex": "the hex-decoded "}.get(self.rest.secret_encoding, "")
        return f"HMAC-{self.rest.algorithm.upper()} {self.rest.encoding} keyed by {key}{self.rest.secret}"

    def check_nonce(self, nonce: Optional[str]) -> Optional[str]:
        """None when `nonce` is of the declared kind, fresh (milliseconds) and not a replay. Increase is not
        required: concurrent requests may arrive out of order, as exchanges' nonce windows allow."""
        kind = self.rest.nonce.kind
        if nonce is None:
            return "the signed request carries no nonce"
        if kind == "uuid":
            try:
                uuid.UUID(nonce)
            except ValueError:
                return f"nonce {nonce!r} is not a uuid"
        elif not nonce.isdigit():
            return f"nonce {nonce!r} is not an integer"
        elif kind == "milliseconds":
            problem = stale(nonce, "ms")
            if problem:
                return problem.replace("timestamp", "nonce", 1)
        if nonce in self.seen_nonces:
            return f"nonce {nonce!r} was used before"
        self.seen_nonces.add(nonce)
        return None

    def _received_nonce(self, request: SignedRequest, received: Dict[str, str]) -> Optional[str]:
        """The nonce from the header that sends it alone, else from the nonce parameter (body, else query)."""
        for header, template in self.rest.headers.items():
            if template == "{nonce}":
                return received.get(header.lower())
        param = self.rest.nonce.param
        for raw in (request.body if request.method in ("POST", "PUT") else "", request.query):
            try:
                found = dict(parse_qsl(raw or "", keep_blank_values=True)).get(param)
            except ValueError:
                found = None
            if found is not None:
                return found
        return None

    def signed_message(self, values: Dict[str, str]) -> Union[str, bytes]:
        """`auth.rest.message` with the request's values (the kept parts of a list joined with the separator);
        bytes around a raw `{digest}`."""
        hashed = self.rest.digest
        if hashed is None:
            return joined_message(self.rest, values)
        message = self.rest.message or ""  # (validate: one template when it signs a digest)
        inner = getattr(hashlib, hashed.algorithm)(render(hashed.of, values).encode("utf8"))
        if hashed.encoding == "hex":
            return render(message, dict(values, digest=inner.hexdigest()))
        runs = [render(run, values).encode("utf8") for run in message.split("{digest}")]
        return inner.digest().join(runs)

    def check_rest(self, request: SignedRequest, sign_only: Optional[Mapping[str, str]] = None) -> Optional[str]:
        """None when `request` is signed as the spec says; `sign_only`: the values of the sign-only parameters the
        spec gives this request (signed, never sent)."""
        where = f"{request.method} {request.path}"
        header_values = self._header_values()
        received = {key.lower(): value for key, value in request.headers.items()}
        if self.rest.scheme == "jwt":
            return self._check_jwt(request, where, received)
        for header, template in self.rest.headers.items():
            if any(f"{{{name}}}" in template for name in ("signature", "timestamp", "partner_signature", "payload")):
                if header.lower() not in received:
                    return f"{where}: the signed request lacks the {header} header"
                continue
            expected = render(template, header_values)
            if received.get(header.lower()) != expected:
                return f"{where}: header {header} is {received.get(header.lower())!r}, expected {expected!r}"
        if self.rest.scheme == "hmac_params":
            return self._check_params(request, where)
        sent = dict(parse_qsl(request.query, keep_blank_values=True))
        try:
            body = json.loads(request.body) if request.body else {}
        except ValueError:
            body = {}
        for name in self.rest.sign_only_params:
            if name in sent or (isinstance(body, dict) and name in body):
                return f"{where}: {name} is signed, not sent, but the request sends it"
        return self._check_headers(request, where, received, dict(sign_only or {}))

    def _check_params(self, request: SignedRequest, where: str) -> Optional[str]:
        in_body = request.method in ("POST", "PUT") and request.body and self.rest.params_in == "request"
        raw = request.body if in_body else request.query
        signature_key = f"{self.rest.signature_param}="
        parts = raw.split("&") if raw else []
        # (as sent: URL-encoded, so a base64 signature's +, / and = are unquoted)
        signatures = [unquote_plus(part[len(signature_key):]) for part in parts if part.startswith(signature_key)]
        if not signatures:
            return f"{where}: no {self.rest.signature_param} parameter in the signed request"
        signed = "&".join(part for part in parts if not part.startswith(signature_key))
        if not in_body:
            # The query as the client urlencoded it to sign it (the server's query string is partly decoded:
            # an ISO timestamp's colons).
            signed = urlencode(parse_qsl(signed, keep_blank_values=True))
        if self.rest.nonce is not None:
            nonces = [part.split("=", 1)[1] for part in parts if part.startswith(f"{self.rest.nonce.param}=")]
            problem = self.check_nonce(nonces[0] if nonces else None)
            if problem:
                return f"{where}: {problem}"
        stamp = [unquote_plus(part.split("=", 1)[1]) for part in parts if part.startswith(f"{self.rest.timestamp.param}=")]
        if not stamp:
            return f"{where}: no {self.rest.timestamp.param} parameter in the signed request"
        problem = stale(stamp[0], self.rest.timestamp.unit)
        if problem:
            return f"{where}: {problem}"
        for key, template in self.rest.params.items():
            expected = f"{key}={render(template, self.credential_values())}"
            if expected not in parts:
                return f"{where}: the signed parameters lack {expected!r}"
        if self.rest.message is not None:
            # The message over the request and its signed parameters (HTX: "{method}\n{host}\n{path}\n{params}").
            host = {key.lower(): value for key, value in request.headers.items()}.get("host", "")
            values = dict(self.credential_values(), method=request.method, host=host, path=request.path, params=signed)
            if self.rest.recv_window is not None:
                values["recv_window"] = str(self.rest.recv_window)
            signed = render(self.rest.message, values)
        expected = self.sign(signed)
        if signatures[0] != expected:
            return f"{where}: signature {signatures[0]!r} is not the {self.recipe()} of {signed!r} ({expected!r})"
        return None

    def payload_object(self, headers: Mapping[str, str]) -> Optional[Dict[str, Any]]:
        """The JSON object the payload header carries, decoded as `auth.rest.payload.encoding` says; None when
        there is none or it does not decode to an object."""
        header = next((h for h, text in self.rest.headers.items() if text == "{payload}"), None)
        if self.rest.payload is None or header is None:
            return None
        text = {key.lower(): value for key, value in headers.items()}.get(header.lower(), "")
        try:
            raw = PAYLOAD_DECODERS[self.rest.payload.encoding](text)
            decoded = json.loads(raw.decode("utf8"))
        except (ValueError, UnicodeDecodeError):
            return None
        return decoded if isinstance(decoded, dict) else None

    def payload_params(self, headers: Mapping[str, str]) -> Dict[str, Any]:
        """The request's parameters inside the payload: its object but the recipe's own fields."""
        decoded = self.payload_object(headers) or {}
        fields = self.rest.payload.fields if self.rest.payload is not None else {}
        return {key: value for key, value in decoded.items() if key not in fields}

    def _check_payload(self, request: SignedRequest, where: str, received: Dict[str, str],
                       by_role: Dict[str, str]) -> Optional[str]:
        """The payload header: an object of the recipe's fields (the request's path, method, credentials; a JSON
        number for an integer nonce or timestamp), with the request's parameters, which nothing else sends."""
        if request.query or request.body:
            return f"{where}: the parameters travel in the payload, but the request sends a query or a body"
        decoded = self.payload_object(received)
        if decoded is None:
            encoding = self.rest.payload.encoding
            return f"{where}: the payload header is not the {encoding} text of a JSON object"
        numbers = set()
        if self.rest.nonce is not None and self.rest.nonce.kind != "uuid":
            numbers.add("nonce")
        if self.rest.timestamp.unit not in TEXT_TIMESTAMP_UNITS:
            numbers.add("timestamp")
        known = dict(self.credential_values(), path=request.path, method=request.method)
        for key, template in self.rest.payload.fields.items():
            if key not in decoded:
                return f"{where}: the payload lacks its field {key!r}"
            value = decoded[key]
            role = template[1:-1] if template in ("{nonce}", "{timestamp}") else None
            if role is not None:
                if role in numbers and (isinstance(value, bool) or not isinstance(value, int)):
                    return f"{where}: payload field {key!r} is {value!r}, expected the {role} as a JSON integer"
                by_role[role] = str(value)
            elif value != render(template, known):
                return f"{where}: payload field {key!r} is {value!r}, expected {render(template, known)!r}"
        return None

    def _check_headers(self, request: SignedRequest, where: str, received: Dict[str, str],
                       sign_only: Dict[str, str]) -> Optional[str]:
        by_role = {}
        for header, template in self.rest.headers.items():
            for role in ("signature", "timestamp", "payload"):
                if template == "{" + role + "}":
                    by_role[role] = received.get(header.lower(), "")
        if self.rest.payload is not None:
            problem = self._check_payload(request, where, received, by_role)
            if problem:
                return problem
        if "timestamp" in by_role or self.rest.nonce is None:
            problem = stale(by_role.get("timestamp", ""), self.rest.timestamp.unit)
            if problem:
                return f"{where}: {problem}"
        values = self.credential_values()
        if self.rest.nonce is not None:
            nonce = by_role.get("nonce") or self._received_nonce(request, received)
            problem = self.check_nonce(nonce)
            if problem:
                return f"{where}: {problem}"
            values["nonce"] = nonce
        values.update(
            timestamp=by_role.get("timestamp", ""),
            method=request.method,
            path=request.path,
            host=received.get("host", ""),
            content_type=received.get("content-type", "") if request.body else "",
            query=request.query,
            request_path=f"{request.path}?{request.query}" if request.query else request.path,
            body=request.body,
            body_hash=getattr(hashlib, self.rest.body_hash)(request.body.encode("utf8")).hexdigest(),
            sorted_params=sorted_params(request.query, request.body),
            payload=by_role.get("payload", ""),
        )
        values.update({name: sign_only.get(name, "") for name in self.rest.sign_only_params})
        message = self.signed_message(values)
        if not self.verifies(by_role.get("signature"), message):
            return (
                f"{where}: signature {by_role.get('signature')!r} is not the {self.recipe()} of {message!r} "
                f"({self.expected(message)})"
            )
        return self._check_partner_signature(where, received, by_role.get("timestamp", ""))

    def _check_partner_signature(self, where: str, received: Dict[str, str], timestamp: str) -> Optional[str]:
        """The partner signature: the partner message, keyed with the partner's key (`auth.rest.partner`)."""
        partner = self.rest.partner
        if partner is None or partner.message is None:
            return None
        message = render(partner.message, dict(self.credentials, timestamp=timestamp, partner_id=partner.id))
        expected = digest(partner.key, message, self.rest.algorithm, self.rest.encoding)
        for header, template in self.rest.headers.items():
            if template == "{partner_signature}" and received.get(header.lower()) != expected:
                return f"{where}: header {header} is {received.get(header.lower())!r}, expected {expected!r}"
        return None

    def _check_jwt(self, request: SignedRequest, where: str, received: Dict[str, str]) -> Optional[str]:
        """scheme jwt: the token verifies with the public key of the account's private key (the exchange never holds
        the private key), its header and claims are the recipe's for this request, its times fresh and its nonce
        new."""
        values = self.credential_values()
        token = None
        for header, template in self.rest.headers.items():
            sent = received.get(header.lower())
            if sent is None:
                return f"{where}: the authenticated request lacks the {header} header"
            if "{token}" not in template:
                expected = render(template, values)
                if sent != expected:
                    return f"{where}: header {header} is {sent!r}, expected {expected!r}"
                continue
            prefix, suffix = (render(part, values) for part in template.split("{token}", 1))
            if not (sent.startswith(prefix) and sent.endswith(suffix)) or len(sent) <= len(prefix) + len(suffix):
                return f"{where}: header {header} is {sent!r}, expected {template!r} around the token"
            token = sent[len(prefix):len(sent) - len(suffix)]
        problem = self.check_jwt(token, {"method": request.method, "host": received.get("host", ""),
                                         "path": request.path})
        return f"{where}: {problem}" if problem else None

    def check_jwt(self, token: Any, request: Optional[Dict[str, str]] = None) -> Optional[str]:
        """None when `token` verifies with the public key of the account's private key and its header and claims are
        the recipe's (`auth.rest.jwt`), for `request` (method, host, path) or, without one, a token leaving out the
        claims that describe a request (the websocket's)."""
        import jwt as pyjwt

        recipe = self.rest.jwt
        values = self.credential_values()
        if not isinstance(token, str):
            return f"the token {token!r} is not a JWT"
        public_key = keys.jwt_public_key(self.credentials[self.rest.secret])
        try:
            header = pyjwt.get_unverified_header(token)
            claims = pyjwt.decode(
                token, public_key, algorithms=[recipe.algorithm], leeway=TIMESTAMP_TOLERANCE_SECONDS,
                options={"verify_aud": False},
            )
        except pyjwt.InvalidTokenError as error:
            return (
                f"the token is not a {recipe.algorithm} JWT signed by the keypair of {self.rest.secret}, "
                f"or not valid now: {error}"
            )
        # The times and the nonce are read from the fields that are exactly them, then every field is compared.
        found = {}
        for fields, template_fields in ((claims, recipe.claims), (header, recipe.header)):
            for name, template in template_fields.items():
                for placeholder in ("timestamp", "expires", "nonce"):
                    if template == "{" + placeholder + "}" and name in fields:
                        found[placeholder] = fields[name]
        if "timestamp" not in found and isinstance(found.get("expires"), int):
            found["timestamp"] = found["expires"] - recipe.lifetime
        if "timestamp" in found:
            problem = stale(str(found["timestamp"]), "s") if isinstance(found["timestamp"], int) else "not an integer"
            if problem:
                return f"the token's time {found['timestamp']!r}: {problem}"
            found["expires"] = found["timestamp"] + recipe.lifetime
        if "nonce" in found:
            nonce = found["nonce"]
            if not (isinstance(nonce, str) and len(nonce) == 2 * recipe.nonce_bytes
                    and all(char in "0123456789abcdef" for char in nonce)):
                return f"the token's nonce {nonce!r} is not {recipe.nonce_bytes} random bytes in hex"
            if nonce in self.seen_nonces:
                return f"the token's nonce {nonce!r} was used before"
            self.seen_nonces.add(nonce)
        values.update({name: str(value) for name, value in found.items()})
        values.update(request or {})

        def expected_field(template: str) -> Any:
            for placeholder in ("timestamp", "expires"):
                if template == "{" + placeholder + "}":
                    return found.get(placeholder)
            return render(template, values)

        expected_header = {"alg": recipe.algorithm, "typ": "JWT"}
        expected_header.update({name: expected_field(text) for name, text in recipe.header.items()})
        if header != expected_header:
            return f"the token's header is {header!r}, expected {expected_header!r}"
        expected_claims = {
            name: expected_field(text)
            for name, text in recipe.claims.items()
            if request is not None or not set(placeholders(text)) & {"method", "host", "path"}
        }
        if claims != expected_claims:
            return f"the token's claims are {claims!r}, expected {expected_claims!r}"
        return None
