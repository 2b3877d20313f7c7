"""Timestamps exchanges write as date-time text (`"2024-01-02T03:04:05.678Z"`) instead of a number.

A timestamp field whose documented example is such text is parsed by the generated connector with the stdlib
(`datetime.fromisoformat`, UTC when the text names no offset), and the generated tests inject text in the same
style; numeric text (`"1700000000123"`) stays a number read with float().
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Optional


def seconds_of(value: Any) -> Optional[float]:
    """Seconds since the epoch of date-time text; None for anything else (numbers and numeric text included)."""
    if not isinstance(value, str):
        return None
    try:
        float(value)
        return None
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def text_of(seconds: float, like: str) -> str:
    """`seconds` as date-time text written like the documented `like`: separator, fraction and offset style."""
    moment = datetime.fromtimestamp(seconds, timezone.utc)
    text = moment.strftime("%Y-%m-%d") + ("T" if "T" in like else " ") + moment.strftime("%H:%M:%S")
    if "." in like[10:]:
        text += f".{moment.microsecond // 1000:03d}"
    if like.endswith("Z"):
        return text + "Z"
    if like[10:].count("+") or like[19:].count("-"):
        return text + "+00:00"
    return text
