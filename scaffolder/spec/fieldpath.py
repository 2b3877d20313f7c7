"""Field paths: where a value sits in a JSON payload, compiled at generation time to plain Python access.

Grammar:  path := segment ("." segment)*      segment := key ("[" index_or_selector "]")*
  `data[0].ordId`                    -> msg["data"][0]["ordId"]
  `filters[filterType=LOT_SIZE].minQty` -> next(item for item in msg["filters"] if item["filterType"] == "LOT_SIZE")["minQty"]
  `filters[filterType=A|B]`          -> ... if item["filterType"] in ("A", "B")
  `result[*][1].c[0]`                -> next(iter(msg["result"].items()))[1]["c"][0]
`[*]` is the first entry of a map, as a (key, value) pair: an object keyed by a name the request chose (Kraken's
`{"result": {"XXBTZUSD": {...}}}` answering one pair or one order), its key read as `[0]`, its value as `[1]`.
The empty path is the payload itself. The same parsed path reads and writes example payloads, so fixtures and
generated code always agree on where a value lives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, List, Tuple, Union

_SEGMENT = re.compile(r"([^.\[\]]*)((?:\[[^\]]*\])*)")
_BRACKET = re.compile(r"\[([^\]]*)\]")


class FieldPathError(ValueError):
    pass


@dataclass(frozen=True)
class Key:
    name: str


@dataclass(frozen=True)
class Index:
    position: int


@dataclass(frozen=True)
class Select:
    field: str
    values: Tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """`[*]`: the first entry of a map, as a (key, value) pair."""


Step = Union[Key, Index, Select, Entry]


def parse(path: str) -> List[Step]:
    if path == "":
        return []
    steps: List[Step] = []
    for position, part in enumerate(_split(path)):
        match = _SEGMENT.fullmatch(part)
        # Only the first segment may lack a key: `[0].last` indexes a payload that is itself a list.
        if not match or not (match.group(1) or (position == 0 and match.group(2))):
            raise FieldPathError(f"invalid field path {path!r} near {part!r}")
        if match.group(1):
            steps.append(Key(match.group(1)))
        for inner in _BRACKET.findall(match.group(2)):
            if re.fullmatch(r"-?\d+", inner):
                steps.append(Index(int(inner)))
            elif inner == "*":
                steps.append(Entry())
            elif "=" in inner:
                field, _, values = inner.partition("=")
                if not field or not values:
                    raise FieldPathError(f"invalid selector [{inner}] in {path!r}: expected [field=value|value]")
                steps.append(Select(field, tuple(values.split("|"))))
            else:
                raise FieldPathError(f"invalid index [{inner}] in {path!r}: expected a number, * or field=value")
    return steps


def is_key_path(path: str) -> bool:
    """True when every step of `path` is a plain key (a.b.c): no index, no `[*]`, so it can be written and deleted."""
    return all(isinstance(step, Key) for step in parse(path))


def _split(path: str) -> List[str]:
    parts, depth, current = [], 0, ""
    for char in path:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        if char == "." and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    if any(part == "" for part in parts):
        raise FieldPathError(f"invalid field path {path!r}: empty segment")
    return parts


def paths(value: Union[str, List[str], None]) -> List[str]:
    """The field paths a spec value names: one path, or a list of them (first non-empty, or summed); none for
    an absent value."""
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def relative(path: str, prefix: str) -> str:
    """`path` read from the object at `prefix` (`result.b` under `result` is `b`); FieldPathError when it does not
    lie under `prefix`."""
    if path == prefix:
        return ""
    for joint in (".", "["):
        if path.startswith(prefix + joint):
            rest = path[len(prefix) + (1 if joint == "." else 0):]
            parse(rest)
            return rest
    raise FieldPathError(f"{path!r} does not lie under {prefix!r}")


def to_python(path: str, variable: str) -> str:
    """Python source that reads `path` from the payload held in `variable`."""
    expression = variable
    for step in parse(path):
        if isinstance(step, Key):
            expression += f"[{step.name!r}]"
        elif isinstance(step, Index):
            expression += f"[{step.position}]"
        elif isinstance(step, Entry):
            expression = f"next(iter({expression}.items()))"
        else:
            condition = (
                f"item[{step.field!r}] == {step.values[0]!r}"
                if len(step.values) == 1
                else f"item[{step.field!r}] in {step.values!r}"
            )
            expression = f"next(item for item in {expression} if {condition})"
    return expression


def _descend(value: Any, step: Step, path: str) -> Any:
    try:
        if isinstance(step, Key):
            return value[step.name]
        if isinstance(step, Index):
            return value[step.position]
        if isinstance(step, Entry):
            return next(iter(value.items()))
        return next(item for item in value if str(item[step.field]) in step.values)
    except (KeyError, IndexError, TypeError, StopIteration, AttributeError):
        raise FieldPathError(f"the example payload has no value at {path!r}") from None


def read(payload: Any, path: str) -> Any:
    value = payload
    for step in parse(path):
        value = _descend(value, step, path)
    return value


def documented(example: Any, path: str) -> Any:
    """The value a documented example holds at `path`, None when it holds none there."""
    try:
        return read(example, path)
    except FieldPathError:
        return None


def rows_of(value: Any) -> Any:
    """The rows a `rows` path leads to: a list's items, or a map's entries as [key, value] pairs (Kraken's
    `{"result": {"XXBTZUSD": {...}}}`: the key is `[0]` of a row, the value's fields `[1].field`)."""
    return [[key, item] for key, item in value.items()] if isinstance(value, dict) else value


def is_map(payload: Any, rows: str) -> bool:
    """Whether the documented rows at `rows` are the entries of a map rather than a list."""
    return isinstance(documented(payload, rows), dict)


def first_row(payload: Any, rows: str) -> Any:
    """The first row at `rows` (the empty path is the payload itself): a list's first item, a map's first entry."""
    return rows_of(read(payload, rows))[0]


def top_key(path: str) -> str:
    """The path down to its first key (`filters[filterType=LOT_SIZE].minQty` -> `filters`, `[1].a.b` -> `[1].a`)."""
    steps = parse(path)
    first = next(index for index, step in enumerate(steps) if isinstance(step, Key))
    text = ""
    for step in steps[: first + 1]:
        text += f".{step.name}" if isinstance(step, Key) else "[*]" if isinstance(step, Entry) else f"[{step.position}]"
    return text.lstrip(".")


def delete(payload: Any, path: str) -> None:
    """Delete the key at `path` (a path ending in a key) from `payload`."""
    steps = parse(path)
    container = payload
    for step in steps[:-1]:
        container = _descend(container, step, path)
    del container[steps[-1].name]


def write(payload: Any, path: str, new_value: Any) -> None:
    """Replace the value at an existing `path` of `payload` (in place); the path must already exist."""
    steps = parse(path)
    if not steps:
        raise FieldPathError("cannot replace the whole payload")
    container, owner = payload, None
    for step in steps[:-1]:
        # The map an entry ([*]) comes from: writing the entry's key ([*][0]) renames it there.
        owner = container if isinstance(step, Entry) else None
        container = _descend(container, step, path)
    last = steps[-1]
    _descend(container, last, path)  # raises when the field is absent from the documented example
    if owner is not None and isinstance(last, Index):
        key, value = container
        entries = list(owner.items())
        owner.clear()
        owner.update({new_value: value} if last.position == 0 else {key: new_value})
        owner.update(entries[1:])
    elif isinstance(last, Key):
        container[last.name] = new_value
    elif isinstance(last, Index):
        container[last.position] = new_value
    else:
        raise FieldPathError(f"a path ending in a selector cannot be written: {path!r}")

