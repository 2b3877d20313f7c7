"""Values for REST signing and server-time sync."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.pysource import read, template_string
from scaffolder.spec.model import Spec


def add(spec: Spec, v: Dict[str, Any]) -> None:
    endpoints = spec.endpoints
    rest_auth = spec.auth.rest
    credential_sources = {credential.name: f"self.{credential.name}" for credential in spec.credentials}
    v["auth_headers"] = [
        (header, template_string(text, credential_sources)) for header, text in rest_auth.headers.items()
    ]
    v["hash_name"] = rest_auth.algorithm
    v["timestamp_factor"] = "1e3" if rest_auth.timestamp.unit == "ms" else "1"
    time_sync = spec.auth.time_sync
    v["time_sync"] = time_sync
    if time_sync:
        v["server_time_constant"] = endpoints[time_sync.endpoint].constant
        server_time = read(time_sync.server_time, "response")
        v["server_time_source"] = server_time if time_sync.unit == "ms" else f"{server_time} * 1e3"
