"""Payloads in the exchange's own shapes: its documented examples, with the sandbox's values written at the
fields the spec maps (the same field paths the generated connector reads)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from scaffolder.spec import datetimes, fieldpath
from scaffolder.spec.model import Predicate, TimeField, contained, nested_lists

UNITS_PER_SECOND = {"ms": 1e3, "s": 1, "us": 1e6, "ns": 1e9}


def text(value: Decimal) -> str:
    """A decimal as the exchanges print it: plain notation, no exponent, no trailing zeros."""
    return format(value.normalize(), "f")


class Instant(int):
    """A time in a field's unit (an int) that remembers its seconds: written as date-time text where the exchange
    documents one ("2023-09-25T07:49:37.708706Z", Kraken's websocket v2)."""

    seconds: float

    def __new__(cls, value: int, seconds: float) -> "Instant":
        instant = super().__new__(cls, value)
        instant.seconds = seconds
        return instant


def typed(documented: Any, value: Any) -> Any:
    """`value` in the JSON type the exchange documents for the field (a string, a number, a boolean)."""
    if isinstance(value, Instant) and datetimes.seconds_of(documented) is not None:
        return datetimes.text_of(value.seconds, documented)
    if isinstance(value, Decimal):
        if isinstance(documented, bool):
            return value > 0
        if isinstance(documented, int):
            return int(value)
        if isinstance(documented, float):
            return float(value)
        return text(value)
    if isinstance(documented, str) and not isinstance(value, str) and value is not None:
        return text(Decimal(str(value))) if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else str(value)
    if isinstance(documented, int) and not isinstance(documented, bool) and isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return value
    return value


def put(payload: Any, path: str, value: Any) -> None:
    """Write `value` at a path of a documented payload, typed like the documented value there."""
    fieldpath.write(payload, path, typed(fieldpath.read(payload, path), value))


def put_first(payload: Any, paths: Union[str, Sequence[str]], value: Any) -> None:
    """For `[C, c]` (the first non-empty of): write the last one, empty the others."""
    if isinstance(paths, str):
        put(payload, paths, value)
        return
    for path in paths[:-1]:
        fieldpath.write(payload, path, "")
    put(payload, paths[-1], value)


def time_value(field: TimeField, seconds: float) -> int:
    return Instant(int(seconds * UNITS_PER_SECOND[field.unit]), seconds)


def put_time(payload: Any, field: Optional[TimeField], seconds: float) -> None:
    if field is not None:
        put(payload, field.path, time_value(field, seconds))


def satisfy(payload: Any, predicate: Predicate, holds: bool = True) -> None:
    """Make a predicate hold on the payload (or fail, with holds=False); a payload already right is kept."""
    documented = fieldpath.documented(payload, predicate.field)
    if _matches(predicate, documented) == holds:
        return
    if contained(predicate) is not None:
        entry = [contained(predicate) if holds else f"NOT_{contained(predicate)}"]
        fieldpath.write(payload, predicate.field, [entry] if nested_lists(documented) else entry)
        return
    if predicate.equals is not None:
        wanted = predicate.equals
    elif predicate.one_of:
        wanted = predicate.one_of[0]
    elif predicate.truthy is not None:
        truthy = predicate.truthy if holds else not predicate.truthy
        if bool(documented) != truthy:
            falsy = False if isinstance(documented, bool) else ([] if isinstance(documented, list) else "")
            fieldpath.write(payload, predicate.field, True if truthy else falsy)
        return
    else:
        return
    if holds:
        fieldpath.write(payload, predicate.field, wanted)
    elif _matches(predicate, documented):
        fieldpath.write(payload, predicate.field, (not wanted) if isinstance(wanted, bool) else "open")


def _matches(predicate: Predicate, value: Any) -> bool:
    if contained(predicate) is not None:
        entries = value if isinstance(value, list) else []
        return any(contained(predicate) == entry or (isinstance(entry, list) and contained(predicate) in entry)
                   for entry in entries)
    if predicate.equals is not None:
        return value == predicate.equals or str(value) == str(predicate.equals)
    if predicate.one_of:
        return value in predicate.one_of or str(value) in [str(v) for v in predicate.one_of]
    if predicate.truthy is not None:
        return bool(value) == predicate.truthy
    return True


def holds(payload: Any, predicate: Predicate) -> bool:
    return _matches(predicate, fieldpath.documented(payload, predicate.field))


def apply_state_rules(payload: Any, rules: Iterable[Any], state: str) -> None:
    """Set the fields the state rules read so that the first matching rule names `state`."""
    for rule in rules:
        conditions = [c for c in rule.when if c.positive is None]
        if rule.state == state:
            for condition in conditions:
                satisfy(payload, condition)
            return
        if conditions and all(holds(payload, c) for c in conditions):
            satisfy(payload, conditions[0], holds=False)


def exchange_state(states: Mapping[str, str], state: str) -> Optional[str]:
    """The exchange's word for a Hummingbot state: the first documented state mapped to it."""
    for word, hummingbot_state in states.items():
        if hummingbot_state == state:
            return word
    return None


def with_rows(example: Any, rows: str, values: List[Dict[str, Any]], row_hook=None) -> Any:
    """The example with its list at `rows` rebuilt from its first row, one copy per mapping of path -> value."""
    payload = copy.deepcopy(example)
    row_list = fieldpath.read(payload, rows)
    template = copy.deepcopy(fieldpath.first_row(payload, rows))
    new_rows = []
    for row_values in values:
        row = copy.deepcopy(template)
        for path, value in row_values.items():
            put(row, path, value)
        if row_hook:
            row_hook(row, row_values)
        new_rows.append(row)
    if isinstance(row_list, dict):
        # A map's rows are its [key, value] entries.
        row_list.clear()
        row_list.update((key, value) for key, value in new_rows)
    else:
        row_list[:] = new_rows
    return payload


def levels(
    documented_rows: List[Any], levels_: Sequence[Sequence[Decimal]], level_paths: Any = None, mark: Any = None
) -> List[Any]:
    """Book levels shaped like the documented ones ([price, size, ...] lists, or level objects whose price and
    amount are at `level_paths.price` and `level_paths.amount`, and whose side is `mark` with `level_paths.side`)."""
    template = documented_rows[0] if documented_rows else ["0", "0"]
    rows = []
    for price, amount in levels_:
        row = copy.deepcopy(template)
        if level_paths is not None:
            fieldpath.write(row, level_paths.price, typed(fieldpath.read(template, level_paths.price), price))
            fieldpath.write(row, level_paths.amount, typed(fieldpath.read(template, level_paths.amount), amount))
            if level_paths.side is not None:
                fieldpath.write(row, level_paths.side.field, mark)
        else:
            row[0] = typed(template[0], price)
            row[1] = typed(template[1], amount)
        rows.append(row)
    return rows


def write_book(payload: Any, bids_path: str, asks_path: str, bids: Sequence[Sequence[Decimal]],
               asks: Sequence[Sequence[Decimal]], level_paths: Any = None) -> None:
    """Writes both sides of a book into `payload`, shaped like its documented levels: a side documented empty is
    shaped like the other side's; levels that name their side (`levels.side`) sharing one list hold bids, then
    asks."""
    documented = fieldpath.read(payload, bids_path) or fieldpath.read(payload, asks_path)
    marks = getattr(level_paths, "side", None)
    sides = [(bids_path, bids, marks.bids if marks else None), (asks_path, asks, marks.asks if marks else None)]
    if bids_path == asks_path:
        fieldpath.write(payload, bids_path, [row for _, rows, mark in sides
                                             for row in levels(documented, rows, level_paths, mark)])
        return
    for path, rows, mark in sides:
        fieldpath.write(payload, path, levels(fieldpath.read(payload, path) or documented, rows, level_paths, mark))


def opened_type_object(received: Dict[str, Any], type_object: Any) -> Tuple[Dict[str, Any], Any]:
    """A create request with its `orders.create.type_object` opened: (its parameters, the type's name: the
    object's one key). A request without the object, or with another shape, names no type."""
    opened = dict(received)
    configuration = opened.pop(type_object.key, None)
    if not isinstance(configuration, dict) or len(configuration) != 1:
        return opened, None
    ((type_name, params),) = configuration.items()
    if isinstance(params, dict):
        opened.update(params)
    return opened, type_name
