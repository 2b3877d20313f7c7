"""Values for compressed websocket frames: how the connector inflates them (`public_ws.compression`,
`user_stream.compression`)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from scaffolder.spec.model import Spec

# zlib's wbits for each format: gzip header and trailer (RFC 1952), zlib header (RFC 1950), none (RFC 1951).
WBITS = {"gzip": "16 + zlib.MAX_WBITS", "deflate": "zlib.MAX_WBITS", "raw_deflate": "-zlib.MAX_WBITS"}
DESCRIPTIONS = {
    "gzip": "gzip (RFC 1952)",
    "deflate": "deflate with a zlib header (RFC 1950)",
    "raw_deflate": "raw deflate (RFC 1951, no header)",
}


def ws_compression(spec: Spec) -> Optional[str]:
    """The compression of the websocket frames; validation makes the two streams agree when both give one."""
    return spec.public_ws.compression or (spec.user_stream and spec.user_stream.compression)


def add(spec: Spec, v: Dict[str, Any]) -> None:
    compression = ws_compression(spec)
    v["ws_compression"] = (
        {"wbits": WBITS[compression], "description": DESCRIPTIONS[compression]} if compression else None
    )
