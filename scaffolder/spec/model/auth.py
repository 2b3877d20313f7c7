"""`auth.rest` and `auth.time_sync`: how REST requests are signed and the clock is kept in step."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional, Union

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, JSON, PositiveInt, Strict
from scaffolder.spec.model.expect import ExpectedServerTime


# The Content-Type a signed request's body is sent with, by `auth.rest.body` ({content_type} in `auth.rest.message`).
# The timestamp units written as text (the others are integers).
TEXT_TIMESTAMP_UNITS = ("iso", "iso_seconds")
BODY_CONTENT_TYPES = {"form": "application/x-www-form-urlencoded", "json": "application/json"}


class TimestampParam(Strict):
    param: Optional[str] = Field(
        default=None, description="hmac_params: the parameter carrying the timestamp (required there)."
    )
    unit: Literal["ms", "s", "iso", "iso_seconds"] = Field(
        default="ms",
        description="ms / s: integer epoch time; iso: ISO-8601 UTC with milliseconds (…T09:08:57.715Z); iso_seconds: "
        "ISO-8601 UTC to the second, without a zone (HTX: 2017-05-11T15:19:30).",
    )
    clock: Literal["server", "local"] = Field(
        default="server", description="server: Hummingbot's clock synchronised with the exchange; local: time.time()."
    )


class Partner(Strict):
    id: str = Field(
        description="The partner (broker, channel) id the exchange credits Hummingbot's orders to: PARTNER_ID in "
        "NAME_constants.py, sent as {partner_id} in `auth.rest.headers`."
    )
    key: Optional[str] = Field(
        default=None,
        description="The partner's signing key, public (it ships in Hummingbot's source): PARTNER_KEY; with "
        "`message`, {partner_signature} is the HMAC of `message` keyed with it.",
    )
    message: Optional[str] = Field(
        default=None,
        description="hmac_headers: the string the partner signature signs, a template over {timestamp}, "
        "{partner_id} and the credentials (KuCoin: \"{timestamp}{partner_id}{api_key}\").",
    )


class Nonce(Strict):
    kind: Literal["milliseconds", "counter", "uuid"] = Field(
        description="milliseconds: the signing clock in ms, strictly increasing (Hummingbot's NonceCreator); "
        "counter: an integer from `start`, one more per signed request; uuid: a random uuid4 per request."
    )
    start: PositiveInt = Field(default=1, description="counter: the first nonce.")
    param: Optional[str] = Field(
        default=None,
        description="The request parameter carrying the nonce, added before signing: to the body of POST/PUT "
        "requests, to the query of the others (Kraken: nonce).",
    )


class Digest(Strict):
    algorithm: Literal["sha256", "sha384", "sha512"] = Field(description="The hash of `of`.")
    of: str = Field(
        description="The hashed text: a template over the placeholders of `message` (except {digest}) and {nonce}."
    )
    encoding: Literal["raw", "hex"] = Field(
        default="raw",
        description="raw: the digest's bytes join the signed message (which is then signed as bytes); hex: its hex "
        "text.",
    )


class Payload(Strict):
    fields: Dict[str, str] = Field(
        description="The JSON object's own fields, in order, each a template over {path}, {method}, {nonce}, "
        "{timestamp}, {recv_window} and the credentials (Gemini: {request: \"{path}\", nonce: \"{nonce}\"}); a "
        "field that is exactly {nonce} or {timestamp} is a JSON number when that value is an integer (a "
        "milliseconds or counter nonce, an ms or s timestamp). The request's parameters (its JSON body, else its "
        "query) follow them and leave the request: its body and query are sent empty."
    )
    encoding: Literal["base64", "base64url", "hex"] = Field(
        default="base64",
        description="How the JSON text (json.dumps, UTF-8) is written as {payload}: base64, URL-safe base64, or hex.",
    )


class Jwt(Strict):
    algorithm: Literal["ES256", "ES384", "EdDSA"] = Field(
        default="ES256",
        description="The JWS algorithm (pyjwt, backed by cryptography): ES256 (ECDSA P-256, SHA-256), ES384 (P-384, "
        "SHA-384), EdDSA (Ed25519). The secret is the matching private key in PEM (PKCS#8 or SEC1 \"EC PRIVATE "
        "KEY\"); newlines written as \\n are accepted.",
    )
    header: Dict[str, str] = Field(
        default_factory=dict,
        description="Fields of the token's JOSE header besides alg (from `algorithm`) and typ (JWT): templates over "
        "the credentials and {nonce} (Coinbase: kid: \"{api_key}\", nonce: \"{nonce}\").",
    )
    claims: Dict[str, str] = Field(
        description="The token's claims, templates over the credentials, {timestamp} and {expires} (integer seconds: "
        "a claim that is exactly one of them is a JSON number), {nonce}, and the request's {method}, {host} "
        "(host[:port] of its URL) and {path} (without query). A claim using {method}, {host} or {path} is left out "
        "of a token made for the websocket ({jwt}), which has no request."
    )
    lifetime: PositiveInt = Field(default=120, description="Seconds the token is valid: {expires} = {timestamp} + lifetime.")
    nonce_bytes: PositiveInt = Field(
        default=32, description="{nonce}: this many random bytes as hex (secrets.token_hex), a new one per token."
    )


class RestAuth(Strict):
    scheme: Literal["hmac_params", "hmac_headers", "jwt"] = Field(
        description="hmac_params: sign the urlencoded request parameters (with the timestamp) and append the "
        "signature as a parameter: query string for GET/DELETE, body for POST/PUT. hmac_headers: sign the `message` "
        "template and send signature, timestamp and key in `headers`; parameters and body are sent as they are. "
        "jwt: a JSON Web Token per request, signed with the private key the secret holds (`jwt`), sent as {token} "
        "in `headers`; parameters and body are sent as they are."
    )
    jwt: Optional[Jwt] = Field(default=None, description="jwt: the token's algorithm, header, claims and lifetime (required there).")
    algorithm: Literal["sha256", "sha384", "sha512", "ed25519"] = Field(
        default="sha256",
        description="sha256 / sha384 / sha512: an HMAC with that hash; ed25519: an Ed25519 signature (RFC 8032) made "
        "with the private key the secret holds (its 32-byte seed, decoded as secret_encoding says).",
    )
    encoding: Literal["hex", "base64"] = Field(default="hex", description="How the signature bytes are written.")
    secret: str = Field(description="The credential holding the key: the HMAC key, or the Ed25519 private key.")
    secret_encoding: Literal["text", "base64", "hex"] = Field(
        default="text",
        description="How the secret credential gives the key bytes: text (its UTF-8 bytes, as most HMAC keys), "
        "base64 or hex (decoded: Kraken's base64 HMAC key; an Ed25519 seed is 32 bytes).",
    )
    nonce: Optional[Nonce] = Field(
        default=None,
        description="A value unique to each signed request: {nonce} in `message`, `headers` and `digest.of`, "
        "and the request parameter `nonce.param`.",
    )
    digest: Optional[Digest] = Field(
        default=None,
        description="hmac_headers: a hash inside the signed message, {digest} in `message` (Kraken: "
        "{path}{digest} with the SHA-256 of {nonce}{body}).",
    )
    payload: Optional[Payload] = Field(
        default=None,
        description="hmac_headers: the request carried as an encoded JSON object, {payload} in `message` and "
        "`headers` (Gemini: base64 of {request, nonce, ...parameters} in X-GEMINI-PAYLOAD, signed as it is sent).",
    )
    timestamp: TimestampParam = Field(default_factory=TimestampParam)
    signature_param: Optional[str] = Field(
        default=None, description="hmac_params: the parameter carrying the signature (required there)."
    )
    message: Optional[Union[str, List[str]]] = Field(
        default=None,
        description="hmac_headers: the signed string, a template over {timestamp}, {method}, {host}, {path}, {query}, "
        "{request_path}, {body}, {body_hash}, {sorted_params}, {content_type}, {recv_window}, the credentials and the "
        "sign_only_params (required there). A list of templates is joined with message_separator, leaving out "
        "each part whose request placeholders are all empty. hmac_params (optional there): a template over {method}, "
        "{host}, {path}, {params} (the urlencoded signed parameters), {recv_window} and the credentials; "
        "without it the parameters alone are signed.",
    )
    message_separator: str = Field(
        default="", description="hmac_headers: what joins the parts of a message written as a list."
    )
    sign_only_params: List[str] = Field(
        default_factory=list,
        description="hmac_headers: request parameters that are signed but not sent (Backpack's instruction): each "
        "is taken out of the query or JSON body and is the placeholder {name} of message (empty when absent).",
    )
    sort_query: bool = Field(
        default=False,
        description="The query parameters are put in key order before the request is signed, so they are sent and "
        "signed sorted (an exchange whose signature is over the sorted query; any order for one that signs the "
        "query as sent).",
    )
    body: Literal["form", "json"] = Field(
        default="form",
        description="How POST/PUT parameters travel: form (urlencoded body) or json (the JSON text given to the "
        "request, signed as sent).",
    )
    body_hash: Literal["sha256", "sha512"] = Field(
        default="sha512", description="The hex digest {body_hash} stands for in `message`."
    )
    recv_window: Optional[PositiveInt] = Field(
        default=None, description="A fixed validity window (ms), usable as {recv_window} in `message` and `headers`."
    )
    recv_window_attribute: Optional[str] = Field(
        default=None,
        description="The window as an integer class attribute of the auth by this UPPER_CASE name (Hummingbot's "
        "Backpack: DEFAULT_WINDOW_MS) instead of the module constant RECV_WINDOW.",
        pattern=r"^[A-Z][A-Z0-9_]*$",
    )
    signature_method: Optional[str] = Field(
        default=None,
        description="hmac_headers: the name of a method of the auth class, NAME(timestamp, method, payload), that "
        "signs a request from its parts (the query parameters of a GET or DELETE, the body of a POST or PUT), as "
        "Hummingbot's Bybit auth has _generate_rest_signature; header_for_authentication calls it.",
        pattern=r"^_?[a-z][a-z0-9_]*$",
    )
    headers: Dict[str, str] = Field(
        default_factory=dict,
        description="Headers added to signed requests (jwt: {token} is the signed token, e.g. Authorization: "
        "\"Bearer {token}\").",
    )
    partner: Optional[Partner] = Field(
        default=None,
        description="A partner or broker id sent with signed requests ({partner_id}, {partner_signature} in "
        "`headers`): how the exchange credits Hummingbot's orders.",
    )
    params: Dict[str, str] = Field(
        default_factory=dict,
        description="hmac_params: parameters added to every signed request before the timestamp and signed with "
        "it: the key ({api_key}) or fixed values (HTX: AccessKeyId, SignatureMethod, SignatureVersion).",
    )
    params_in: Literal["request", "query"] = Field(
        default="request",
        description="hmac_params: where the signed parameters travel. request: with the request's own parameters, "
        "the query of GET/DELETE, the body of POST/PUT (Binance). query: always in the query string, with the "
        "query's parameters; a POST/PUT body is sent as it is, unsigned (HTX).",
    )



class TimeSync(Strict):
    endpoint: str = Field(description="Endpoint returning the server time.")
    server_time: FieldPath
    unit: Literal["ms", "s", "us", "ns"] = "ms"
    error_matches: List[Union[str, List[str]]] = Field(
        default_factory=list,
        description="Substrings that together identify a timestamp error; it triggers a resync. An item that is a "
        "list is a choice: any one of its substrings.",
    )
    error_code: Optional[str] = Field(
        default=None,
        description="The exchange's documented code of a clock error: the constant TIMESTAMP_ERROR_CODE holds it "
        "(constant_names renames it: KuCoin's RET_CODE_AUTH_TIMESTAMP_ERROR), and an error is a timestamp error only "
        "when it contains it as well as error_matches.",
    )
    error_example: Optional[JSON] = Field(default=None, description="The documented body of that error.")
    expect: Optional[ExpectedServerTime] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")
