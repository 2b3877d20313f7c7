"""Checking what the client signed, with the exchange's recipe as the spec declares it (`auth.rest`, `auth.private_ws`).

Each check returns None when the request is correctly signed, else the cause in words, naming what was expected,
so that a connector generated from a wrong recipe fails with a message that says so.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, Mapping, Optional, Union
from urllib.parse import parse_qsl

from scaffolder.spec.model import Spec

# How far a signed timestamp may be from the sandbox's clock.
TIMESTAMP_TOLERANCE_SECONDS = 30.0


@dataclass
class SignedRequest:
    method: str
    path: str
    query: str  # the raw query string, as sent
    body: str
    headers: Mapping[str, str]


def digest(secret: Union[str, bytes], payload: Union[str, bytes], algorithm: str, encoding: str) -> str:
    key = secret.encode("utf8") if isinstance(secret, str) else secret
    message = payload.encode("utf8") if isinstance(payload, str) else payload
    mac = hmac.new(key, message, getattr(hashlib, algorithm))
    return mac.hexdigest() if encoding == "hex" else base64.b64encode(mac.digest()).decode()


def render(template: str, values: Mapping[str, str]) -> str:
    text = template
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def timestamp_seconds(text: str, unit: str) -> Optional[float]:
    try:
        if unit == "iso":
            return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
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
        key: Union[str, bytes] = self.credentials[secret or self.rest.secret]
        if secret is None and self.rest.secret_encoding == "base64":
            key = base64.b64decode(key)
        return digest(key, payload, algorithm or self.rest.algorithm, encoding or self.rest.encoding)

    def recipe(self) -> str:
        key = "the base64-decoded " if self.rest.secret_encoding == "base64" else ""
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
        """`auth.rest.message` with the request's values; bytes around a raw `{digest}`."""
        message = self.rest.message or ""
        hashed = self.rest.digest
        if hashed is None:
            return render(message, values)
        inner = getattr(hashlib, hashed.algorithm)(render(hashed.of, values).encode("utf8"))
        if hashed.encoding == "hex":
            return render(message, dict(values, digest=inner.hexdigest()))
        runs = [render(run, values).encode("utf8") for run in message.split("{digest}")]
        return inner.digest().join(runs)

    def check_rest(self, request: SignedRequest) -> Optional[str]:
        where = f"{request.method} {request.path}"
        header_values = self._header_values()
        received = {key.lower(): value for key, value in request.headers.items()}
        for header, template in self.rest.headers.items():
            if any(f"{{{name}}}" in template for name in ("signature", "timestamp", "partner_signature")):
                if header.lower() not in received:
                    return f"{where}: the signed request lacks the {header} header"
                continue
            expected = render(template, header_values)
            if received.get(header.lower()) != expected:
                return f"{where}: header {header} is {received.get(header.lower())!r}, expected {expected!r}"
        if self.rest.scheme == "hmac_params":
            return self._check_params(request, where)
        return self._check_headers(request, where, received)

    def _check_params(self, request: SignedRequest, where: str) -> Optional[str]:
        raw = request.body if request.method in ("POST", "PUT") and request.body else request.query
        signature_key = f"{self.rest.signature_param}="
        parts = raw.split("&") if raw else []
        signatures = [part[len(signature_key):] for part in parts if part.startswith(signature_key)]
        if not signatures:
            return f"{where}: no {self.rest.signature_param} parameter in the signed request"
        signed = "&".join(part for part in parts if not part.startswith(signature_key))
        if self.rest.nonce is not None:
            nonces = [part.split("=", 1)[1] for part in parts if part.startswith(f"{self.rest.nonce.param}=")]
            problem = self.check_nonce(nonces[0] if nonces else None)
            if problem:
                return f"{where}: {problem}"
        stamp = [part.split("=", 1)[1] for part in parts if part.startswith(f"{self.rest.timestamp.param}=")]
        if not stamp:
            return f"{where}: no {self.rest.timestamp.param} parameter in the signed request"
        problem = stale(stamp[0], self.rest.timestamp.unit)
        if problem:
            return f"{where}: {problem}"
        for key, template in self.rest.params.items():
            expected = f"{key}={render(template, self.credential_values())}"
            if expected not in parts:
                return f"{where}: the signed parameters lack {expected!r}"
        expected = self.sign(signed)
        if signatures[0] != expected:
            return f"{where}: signature {signatures[0]!r} is not the {self.recipe()} of {signed!r} ({expected!r})"
        return None

    def _check_headers(self, request: SignedRequest, where: str, received: Dict[str, str]) -> Optional[str]:
        by_role = {}
        for header, template in self.rest.headers.items():
            for role in ("signature", "timestamp"):
                if template == "{" + role + "}":
                    by_role[role] = received.get(header.lower(), "")
        if "timestamp" in by_role or self.rest.nonce is None:
            problem = stale(by_role.get("timestamp", ""), self.rest.timestamp.unit)
            if problem:
                return f"{where}: {problem}"
        values = self.credential_values()
        if self.rest.nonce is not None:
            nonce = self._received_nonce(request, received)
            problem = self.check_nonce(nonce)
            if problem:
                return f"{where}: {problem}"
            values["nonce"] = nonce
        values.update(
            timestamp=by_role.get("timestamp", ""),
            method=request.method,
            path=request.path,
            query=request.query,
            request_path=f"{request.path}?{request.query}" if request.query else request.path,
            body=request.body,
            body_hash=getattr(hashlib, self.rest.body_hash)(request.body.encode("utf8")).hexdigest(),
        )
        message = self.signed_message(values)
        expected = self.sign(message)
        if by_role.get("signature") != expected:
            return (
                f"{where}: signature {by_role.get('signature')!r} is not the {self.recipe()} of {message!r} "
                f"({expected!r})"
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
