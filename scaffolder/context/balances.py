"""Values for account balances, over REST and in user-stream balance events."""

from __future__ import annotations

from typing import Any, Dict, List

from scaffolder.context.exchange import hb_asset
from scaffolder.context.requests import request
from scaffolder.pysource import decimal, literal, read, rows_source, safe_read
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec
from scaffolder.spec.model.balances import alternatives


def _optional_decimal(path: str, variable: str) -> str:
    """`Decimal(...)` of a field added to the first of `locked`, zero when the row has no such key (Backpack's
    rows without `staked`)."""
    steps = fieldpath.parse(path)
    last = steps[-1]
    if not isinstance(last, fieldpath.Key):
        return f"Decimal(str({read(path, variable)}))"
    source = read(path, variable).removesuffix(f"[{last.name!r}]")
    return f"Decimal(str({source}.get({last.name!r}, 0)))"


def _sum(paths: List[str], variable: str, example_row: Any) -> str:
    """`Decimal(...)` of fields that add up: the first read as is, the others zero when absent."""
    return " + ".join(
        decimal(path, variable, example_row) if index == 0 else _optional_decimal(path, variable)
        for index, path in enumerate(paths)
    )


def _present(path: str, variable: str, example_row: Any) -> str:
    """The test that a field holds a value: not empty text ("" where another account mode applies, OKX), nor null
    or absent."""
    source = safe_read(path, variable)
    return source if isinstance(fieldpath.documented(example_row, path), str) else f"{source} is not None"


def _amount(amount: Any, variable: str, example_row: Any) -> str:
    """A balance amount: a field, a sum of fields, or the first alternative whose first field is present."""
    choices = alternatives(amount)
    source = _sum(choices[-1], variable, example_row)
    if len(choices) == 1:
        return source
    for paths in reversed(choices[:-1]):
        source = f"{_sum(paths, variable, example_row)} if {_present(paths[0], variable, example_row)} else {source}"
    return f"({source})"


def _balance_fields(spec: Spec, balances: Any, variable: str, example_row: Any) -> Dict[str, str]:
    """Available and total balance expressions from the two of available / locked / total the spec maps."""
    fields = {
        name: _amount(getattr(balances, name), variable, example_row)
        for name in ("available", "locked", "total")
        if getattr(balances, name)
    }
    if "locked" in fields and "total" in fields and " + " in fields["locked"] and not fields["locked"].startswith("("):
        fields["locked"] = f"({fields['locked']})"  # the locked fields' sum is taken from the total
    available = fields.get("available") or f"{fields['total']} - {fields['locked']}"
    total = fields.get("total") or f"{available} + {fields['locked']}"
    return {"asset": hb_asset(spec, read(balances.asset, variable)), "available": available, "total": total}


def _kind_fields(spec: Spec, balances: Any, variable: str, example_row: Any) -> Dict[str, str]:
    """`balances.kinds`: a row's kind and amount, each asset's amounts by kind, and its available and total balance
    from the two amounts listed."""
    kinds = balances.kinds
    given = [name for name in ("available", "locked", "total") if getattr(kinds, name)]
    amount = {name: f"amounts[{literal(name)}]" for name in given}
    available = amount.get("available") or f"{amount['total']} - {amount['locked']}"
    return {
        "kinds": literal(kinds.of_kind()),
        "asset": hb_asset(spec, read(balances.asset, variable)),
        "kind": read(kinds.field, variable),
        "amount": decimal(kinds.amount, variable, example_row),
        "zero": "{" + ", ".join(f"{literal(name)}: Decimal(0)" for name in given) + "}",
        "available": available,
        "total": amount.get("total") or f"{available} + {amount['locked']}",
    }


def add(spec: Spec, v: Dict[str, Any]) -> None:
    endpoints = spec.endpoints
    balances = spec.balances
    # Its path and parameters may use the prerequisites' values (HTX: /v1/account/accounts/{account_id}/balance).
    balances_request = request(spec, balances.endpoint, balances.method, balances.params, {})
    v["balances_path"] = balances_request.path
    v["balances_limit_id"] = balances_request.limit_id
    v["balances_params"] = [(param.key, param.source) for param in balances_request.params]
    v["balance_rows"] = rows_source(endpoints[balances.endpoint].example_response, balances.rows, "account_info")
    balance_row = fieldpath.first_row(endpoints[balances.endpoint].example_response, balances.rows)
    v["balance_kinds"] = None
    if balances.kinds is not None:
        v["balance_kinds"] = _kind_fields(spec, balances, "balance_entry", balance_row)
    else:
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
