"""`auth.rest` and `auth.time_sync`: how REST requests are signed and the clock is kept in step."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, JSON, Strict


class TimestampParam(Strict):
    param: str
    unit: Literal["ms", "s"] = "ms"


class RestAuth(Strict):
    scheme: Literal["hmac_params"] = Field(
        description="hmac_params: sign the urlencoded request parameters (with the timestamp) and append the "
        "signature as a parameter: query string for GET/DELETE, form body for POST/PUT."
    )
    algorithm: Literal["sha256", "sha384", "sha512"] = "sha256"
    encoding: Literal["hex", "base64"] = "hex"
    secret: str = Field(description="The credential used as the HMAC key.")
    timestamp: TimestampParam
    signature_param: str
    headers: Dict[str, str] = Field(default_factory=dict, description="Headers added to signed requests.")


class TimeSync(Strict):
    endpoint: str = Field(description="Endpoint returning the server time.")
    server_time: FieldPath
    unit: Literal["ms", "s"] = "ms"
    error_matches: List[str] = Field(
        default_factory=list, description="Substrings that together identify a timestamp error; it triggers a resync."
    )
    error_example: Optional[JSON] = Field(default=None, description="The documented body of that error.")
