"""Turning spec values into Python source: literals, and expressions that read payload fields.

Every spec string reaches generated code through `literal` (repr-based, so quotes, backslashes and newlines
are escaped by Python itself) or as a validated identifier; templates never paste raw spec text.
"""

from __future__ import annotations

import string
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from scaffolder.spec import datetimes, fieldpath
from scaffolder.spec.model import Predicate, TimeField, contained
from scaffolder.spec.validate import placeholders

UNIT_FACTORS = {"ms": "1e-3", "us": "1e-6", "ns": "1e-9"}
# The function NAME_utils.py defines when a timestamp is documented as date-time text.
DATE_TIME_PARSER = "seconds_from_date_time"


class Expr:
    """Python source to embed as is inside a literal built by `literal` (for example a test variable)."""

    def __init__(self, source: str):
        self.source = source

    def __repr__(self) -> str:
        return self.source


def literal(value: Any) -> str:
    """Python source for a JSON-like value; `Expr` leaves are embedded verbatim."""
    if isinstance(value, Expr):
        return value.source
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(key)}: {literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(item) for item in value) + ("," if len(value) == 1 else "") + ")"
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    return repr(str(value))


def read(path: str, variable: str) -> str:
    return fieldpath.to_python(path, variable)


def rows_source(example: Any, rows: str, variable: str) -> str:
    """Python source iterating the rows at `rows`: the list, or the map's `.items()` (rows `[key, value]`)."""
    return read(rows, variable) + (".items()" if fieldpath.is_map(example, rows) else "")


def read_first(paths: Union[str, Sequence[str]], variable: str, safe: bool = False) -> str:
    """The first non-empty of several fields: `msg["C"] or msg["c"]`; with `safe`, absent keys read as None
    (`msg.get("C") or msg.get("c")`)."""
    reader = safe_read if safe else read
    return " or ".join(reader(path, variable) for path in fieldpath.paths(paths))


def safe_read(path: str, variable: str) -> str:
    """Read a path without raising on absent keys (for routing and filters).

    Plain key paths read with `.get`. A path with list indexes reads messages that are JSON arrays (Kraken's
    `[channelID, {...}, "book-10", "XBT/USD"]` routed by `[2]`) next to messages that are objects (its
    `{"event": "heartbeat"}`), and the [key, value] rows of a map: an index applies only to a list (or tuple) long
    enough, else the path reads None (an empty object or list when keys or indexes follow).
    Selections and map entries (`[*]`) read plainly.
    """
    steps = fieldpath.parse(path)
    if any(isinstance(step, (fieldpath.Select, fieldpath.Entry)) for step in steps):
        return read(path, variable)
    if any(isinstance(step, fieldpath.Index) for step in steps):
        expression = variable
        for index, step in enumerate(steps):
            following = steps[index + 1] if index + 1 < len(steps) else None
            # What an absent step reads as: an empty object or list when more steps follow, else None.
            absent = "{}" if isinstance(following, fieldpath.Key) else "[]" if following else "None"
            if isinstance(step, fieldpath.Index):
                size = step.position + 1 if step.position >= 0 else -step.position
                expression = (
                    f"({expression}[{step.position}] if isinstance({expression}, (list, tuple)) "
                    f"and len({expression}) >= {size} else {absent})"
                )
            else:
                default = "" if absent == "None" else f", {absent}"
                expression = f"{expression}.get({step.name!r}{default})"
        return expression
    expression = variable
    for index, step in enumerate(steps):
        default = "" if index == len(steps) - 1 else ", {}"
        expression = f"{expression}.get({step.name!r}{default})"
    return expression


def decimal(path: str, variable: str, example: Any = None) -> str:
    """`Decimal(...)` of a field; numbers documented as JSON numbers go through str() to keep their digits."""
    source = read(path, variable)
    if isinstance(fieldpath.documented(example, path), str):
        return f"Decimal({source})"
    return f"Decimal(str({source}))"


def in_seconds(source: str, unit: str) -> str:
    """`source`, a time in `unit`, converted to seconds."""
    factor = UNIT_FACTORS.get(unit)
    return f"{source} * {factor}" if factor else source


def seconds(time_field: TimeField, variable: str, example: Any = None) -> str:
    """A timestamp field in seconds; one the example documents as a numeric string goes through float() first, and
    one documented as date-time text through the generated NAME_utils.seconds_from_date_time (its unit is moot)."""
    source = read(time_field.path, variable)
    documented = fieldpath.documented(example, time_field.path)
    if datetimes.seconds_of(documented) is not None:
        return f"{DATE_TIME_PARSER}({source})"
    if isinstance(documented, str):
        source = f"float({source})"
    return in_seconds(source, time_field.unit)


def parses_date_times(*expressions: Any) -> bool:
    """Whether any of these expressions (or dicts of them) calls seconds_from_date_time: its module imports it."""
    return DATE_TIME_PARSER + "(" in repr(expressions)


def condition(predicate: Predicate, variable: str, safe: bool = False, nested: bool = False) -> str:
    """`nested`: the field is documented as a list of lists, which `contains` searches one level down."""
    source = safe_read(predicate.field, variable) if safe else read(predicate.field, variable)
    if contained(predicate) is not None:
        value = literal(contained(predicate))
        if nested:
            return f"any({value} in entry for entry in {source} or [])"
        return f"{value} in ({source} or [])"
    if predicate.equals is not None:
        if isinstance(predicate.equals, bool):
            return source if predicate.equals else f"not {source}"
        return f"{source} == {literal(predicate.equals)}"
    if predicate.one_of is not None:
        return f"{source} in {literal(tuple(predicate.one_of))}"
    return f"bool({source})" if predicate.truthy else f"not {source}"


def path_source(endpoint: Any, values: Mapping[str, str]) -> str:
    """The path_url argument for an endpoint: its path constant, formatted with `values` when it is a template."""
    source = f"CONSTANTS.{endpoint.constant}"
    names = endpoint.path_values
    if names:
        source += ".format(" + ", ".join(f"{name}={values[value]}" for name, value in names) + ")"
    return source


def template_string(text: str, values: Mapping[str, str], embedded: Optional[Mapping[str, str]] = None) -> str:
    """Python source for a string with {placeholders}; `values` maps each name to an expression.

    A template that is exactly one placeholder is its value, whatever its type; inside a longer text a placeholder
    is concatenated, as `embedded[name]` when given: the text form of a value that is not a string
    (`str(web_utils.next_message_id())` for a counter, `",".join(symbols)` for a list).
    """
    names = placeholders(text)
    if not names:
        return literal(text)
    if text == "{" + names[0] + "}" and len(names) == 1:
        return values[names[0]]
    embedded = embedded or {}
    parts: List[str] = []
    for literal_text, name, _, _ in string.Formatter().parse(text):
        if literal_text:
            parts.append(literal(literal_text))
        if name is not None:
            parts.append(embedded.get(name, values[name]))
    return " + ".join(parts)


def template_value(
    value: Any,
    values: Mapping[str, str],
    embedded: Optional[Mapping[str, str]] = None,
    each: Optional[Tuple[str, str]] = None,
) -> str:
    """Like `template_string`, for JSON templates (subscribe messages): strings inside are substituted.

    `each` is (placeholder, iterable): a list item using that placeholder is repeated for each value of the
    iterable (`["spot/user/order:{symbol}"]` gives `["spot/user/order:" + symbol for symbol in symbols]`).
    """
    if isinstance(value, str):
        return template_string(value, values, embedded)
    if isinstance(value, dict):
        items = (f"{literal(key)}: {template_value(item, values, embedded, each)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        sources = []
        for item in value:
            source = template_value(item, values, embedded, each)
            if each is not None and any(each[0] in placeholders(text) for text in strings_in(item)):
                comprehension = f"{source} for {values[each[0]]} in {each[1]}"
                if len(value) == 1:
                    return f"[{comprehension}]"
                source = f"*[{comprehension}]"
            sources.append(source)
        return "[" + ", ".join(sources) + "]"
    return literal(value)


def fstring(text: str, values: Dict[str, str]) -> str:
    """Python source for a text with {placeholders}: an f-string, or a concatenation when the text needs escapes."""
    parts = list(string.Formatter().parse(text))
    if any(name is not None for _, name, _, _ in parts) and all(
        char not in literal_text for literal_text, _, _, _ in parts for char in '"\\\n\r{}'
    ):
        source = "".join(
            literal_text + ("{" + values[name] + "}" if name is not None else "") for literal_text, name, _, _ in parts
        )
        if '"' not in source:
            return f'f"{source}"'
    return template_string(text, values)


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value (a message template), depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
