"""`auth.rest` and `auth.time_sync`: how REST requests are signed and the clock is kept in step."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, JSON, PositiveInt, Strict
from scaffolder.spec.model.expect import ExpectedServerTime


class TimestampParam(Strict):
    param: Optional[str] = Field(
        default=None, description="hmac_params: the parameter carrying the timestamp (required there)."
    )
    unit: Literal["ms", "s", "iso"] = Field(
        default="ms", description="ms / s: integer epoch time; iso: ISO-8601 UTC with milliseconds (…T09:08:57.715Z)."
    )
    clock: Literal["server", "local"] = Field(
        default="server", description="server: Hummingbot's clock synchronised with the exchange; local: time.time()."
    )


class RestAuth(Strict):
    scheme: Literal["hmac_params", "hmac_headers"] = Field(
        description="hmac_params: sign the urlencoded request parameters (with the timestamp) and append the "
        "signature as a parameter: query string for GET/DELETE, body for POST/PUT. hmac_headers: sign the `message` "
        "template and send signature, timestamp and key in `headers`; parameters and body are sent as they are."
    )
    algorithm: Literal["sha256", "sha384", "sha512"] = "sha256"
    encoding: Literal["hex", "base64"] = "hex"
    secret: str = Field(description="The credential used as the HMAC key.")
    timestamp: TimestampParam = Field(default_factory=TimestampParam)
    signature_param: Optional[str] = Field(
        default=None, description="hmac_params: the parameter carrying the signature (required there)."
    )
    message: Optional[str] = Field(
        default=None,
        description="hmac_headers: the signed string, a template over {timestamp}, {method}, {path}, {query}, "
        "{request_path}, {body}, {body_hash}, {recv_window} and the credentials (required there).",
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
    headers: Dict[str, str] = Field(default_factory=dict, description="Headers added to signed requests.")
    params: Dict[str, str] = Field(
        default_factory=dict,
        description="hmac_params: parameters added to every signed request before the timestamp and signed with "
        "it: the key ({api_key}) or fixed values (HTX: AccessKeyId, SignatureMethod, SignatureVersion).",
    )


class TimeSync(Strict):
    endpoint: str = Field(description="Endpoint returning the server time.")
    server_time: FieldPath
    unit: Literal["ms", "s", "us", "ns"] = "ms"
    error_matches: List[str] = Field(
        default_factory=list, description="Substrings that together identify a timestamp error; it triggers a resync."
    )
    error_example: Optional[JSON] = Field(default=None, description="The documented body of that error.")
    expect: Optional[ExpectedServerTime] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")
