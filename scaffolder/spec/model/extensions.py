"""`extensions`: the generated classes a connector extends with hand-written code (see docs/spec-reference.md, `extensions`)."""

from __future__ import annotations

from typing import Literal

# The part of the connector -> the class that can be extended.
EXTENSIBLE_CLASSES = {
    "exchange": "Exchange",
    "auth": "Auth",
    "order_book_data_source": "APIOrderBookDataSource",
    "user_stream_data_source": "APIUserStreamDataSource",
}

ExtensiblePart = Literal["exchange", "auth", "order_book_data_source", "user_stream_data_source"]
