"""Values for account balances, over REST and in user-stream balance events."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.context.exchange import hb_asset
from scaffolder.pysource import decimal, literal, read, rows_source
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec


def _balance_fields(spec: Spec, balances: Any, variable: str, example_row: Any) -> Dict[str, str]:
    """Available and total balance expressions from the two of available / locked / total the spec maps."""
    fields = {
        name: decimal(getattr(balances, name), variable, example_row)
        for name in ("available", "locked", "total")
        if getattr(balances, name)
    }
    available = fields.get("available") or f"{fields['total']} - {fields['locked']}"
    total = fields.get("total") or f"{available} + {fields['locked']}"
    return {"asset": hb_asset(spec, read(balances.asset, variable)), "available": available, "total": total}


def add(spec: Spec, v: Dict[str, Any]) -> None:
    endpoints = spec.endpoints
    balances = spec.balances
    v["balances_constant"] = endpoints[balances.endpoint].constant
    v["balances_params"] = [(key, literal(value)) for key, value in balances.params.items()]
    v["balance_rows"] = rows_source(endpoints[balances.endpoint].example_response, balances.rows, "account_info")
    balance_row = fieldpath.first_row(endpoints[balances.endpoint].example_response, balances.rows)
    v["balance_fields"] = _balance_fields(spec, balances, "balance_entry", balance_row)

    balance_event = spec.user_stream and spec.user_stream.balance_event
    v["balance_event"] = balance_event
    if balance_event:
        v["balance_event_route"] = balance_event.route
        v["balance_event_row"] = None
        if balance_event.row is not None:
            v["balance_event_row"] = read(balance_event.row, "event")
            event_row = fieldpath.read(balance_event.example, balance_event.row)
        else:
            v["balance_event_rows"] = read(balance_event.rows, "event")
            event_row = fieldpath.first_row(balance_event.example, balance_event.rows)
        v["balance_event_fields"] = _balance_fields(spec, balance_event, "balance_entry", event_row)
