"""Values for the account's trading fees requested over REST (`trading_fees`)."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.context.requests import sends_body
from scaffolder.pysource import decimal, literal, read, rows_source, template_string
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec
from scaffolder.spec.validate import placeholders

# What the placeholders of the request parameters become: a batch of symbols joined by commas, or one symbol.
PARAM_VALUES = {"symbols": '",".join(batch)', "symbol": "symbol"}


def add(spec: Spec, v: Dict[str, Any]) -> None:
    fees = spec.trading_fees
    v["trading_fees"] = None
    if fees is None:
        return
    endpoint = spec.endpoints[fees.endpoint]
    example = endpoint.example_response
    used = {name for text in fees.params.values() for name in placeholders(text)}
    row = fieldpath.first_row(example, fees.rows) if fees.rows else example[0]
    v["trading_fees"] = {
        # batch: {symbols}, a comma-separated batch per request; per_pair: {symbol}; all: one request for every pair.
        "mode": "batch" if "symbols" in used else "per_pair" if "symbol" in used else "all",
        "batch_size": literal(fees.batch_size) if fees.batch_size is not None else None,
        "constant": endpoint.constant,
        "limit_id": f"CONSTANTS.{endpoint.limit_id}" if endpoint.limit_id else None,
        "method": fees.method.lower(),
        "params_argument": "data" if sends_body(fees.method) else "params",
        "params": [(key, template_string(text, PARAM_VALUES)) for key, text in fees.params.items()],
        "rows": rows_source(example, fees.rows, "fees_response") if fees.rows else "fees_response",
        "symbol": read(fees.symbol, "fee_row"),
        "account_maker": decimal(fees.maker, "account_fees", row),
        "account_taker": decimal(fees.taker, "account_fees", row),
    }
