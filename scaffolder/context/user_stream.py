"""Values for the private websocket: authentication and routing of user-stream events."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.pysource import condition, safe_read
from scaffolder.spec.model import Spec


def add(spec: Spec, v: Dict[str, Any]) -> None:
    stream = spec.user_stream
    v["user_route"] = safe_read(stream.route_field, "event_message")
    ws_auth = spec.auth.private_ws
    v["ws_auth"] = ws_auth
    v["ws_subscribe_success"] = condition(ws_auth.success, "response.data", safe=True)
    v["event_envelope"] = ws_auth.event_envelope
