"""What the generated tests need for compressed websocket frames: their own compressor and decompressor.

The tests compress and inflate with the standard library directly (gzip's own module for gzip), never with the
connector's helpers, so a wrong window size in the connector fails them.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from scaffolder.context.compression import DESCRIPTIONS, ws_compression
from scaffolder.spec.model import Spec

RECIPES = {
    "gzip": {
        "imports": ["import gzip"],
        "compress": ['return gzip.compress(text.encode("utf-8"))'],
        "decompress": 'gzip.decompress(frame).decode("utf-8")',
    },
    "deflate": {
        "imports": ["import zlib"],
        "compress": ['return zlib.compress(text.encode("utf-8"))'],
        "decompress": 'zlib.decompress(frame).decode("utf-8")',
    },
    "raw_deflate": {
        "imports": ["import zlib"],
        # A negative window size: no zlib header, no checksum.
        "compress": [
            "compressor = zlib.compressobj(wbits=-15)",
            'return compressor.compress(text.encode("utf-8")) + compressor.flush()',
        ],
        "decompress": 'zlib.decompress(frame, -15).decode("utf-8")',
    },
}


def recipe(compression: Optional[str]) -> Optional[Dict[str, Any]]:
    """The test-side recipe of a compression (None without one)."""
    if compression is None:
        return None
    return dict(RECIPES[compression], description=DESCRIPTIONS[compression])


def values(spec: Spec) -> Dict[str, Any]:
    """Per stream: whether its tests send compressed frames, and the recipe they use."""
    compression = ws_compression(spec)
    return {
        "any": recipe(compression),
        "public": recipe(spec.public_ws.compression),
        "private": recipe(spec.user_stream and spec.user_stream.compression),
    }
