"""Load a spec file: YAML with positions, duplicate keys rejected, then the pydantic model and cross checks.

PyYAML's composer gives every node its start mark; walking the node graph ourselves lets us keep a map from
each field path to its line and column, and refuse duplicate keys (PyYAML silently keeps the last one).
"""

from __future__ import annotations

import difflib
import re
import typing
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from pydantic import BaseModel, ValidationError

from scaffolder.spec.errors import Loc, SpecError, SpecErrors
from scaffolder.spec.model import Spec

Positions = Dict[Loc, Tuple[int, int]]


class _Document:
    def __init__(self, file: str):
        self.file = file
        self.positions: Positions = {}
        self.errors: List[SpecError] = []

    def error(self, node: yaml.Node, loc: Loc, message: str) -> None:
        self.errors.append(SpecError(self.file, node.start_mark.line + 1, node.start_mark.column + 1, loc, message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: Dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.error(key_node, loc, "merge keys (<<) are not supported in a spec: write the keys out")
                    continue
                key = self.scalar(key_node, loc)
                if not isinstance(key, (str, int, bool)) or key is None:
                    self.error(key_node, loc, f"mapping keys must be plain scalars, found {key!r}")
                    continue
                if key in result:
                    self.error(
                        key_node,
                        loc + (key,),
                        f"duplicate key {key!r} (first defined on line " f"{self.positions[loc + (key,)][0]})",
                    )
                    continue
                self.positions[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, loc + (key,))
                # Keep the key's own position: an error about a field points at its key.
                self.positions[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (index,)) for index, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def scalar(self, node: yaml.Node, loc: Loc) -> Any:
        """A scalar's value; a tag PyYAML's safe loader refuses (`!include`, `!!python/...`, `!!int word`) is an
        error at the node, not an exception."""
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return self.build(node, loc)
        try:
            return yaml.SafeLoader("").construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError) as error:
            problem = getattr(error, "problem", None) or str(error)
            self.error(node, loc, f"cannot read this value ({node.tag}): {problem}")
            return None


def position(positions: Positions, loc: Loc) -> Tuple[int, int]:
    """The position of `loc`, or of its nearest ancestor that exists in the file."""
    while loc not in positions and loc:
        # A mapping written where a list is accepted (an `expect` of one item) has no index 0 in the file.
        if 0 in loc:
            index = loc.index(0)
            unlisted = loc[:index] + loc[index + 1 :]
            if unlisted in positions:
                return positions[unlisted]
        loc = loc[:-1]
    return positions.get(loc, (1, 1))


def read_document(path: Path) -> Tuple[Any, Positions]:
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SpecErrors([SpecError(file, 1, 1, (), f"cannot read the spec: {error}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise SpecErrors([SpecError(file, line, column, (), f"the spec is not UTF-8 text: {error.reason}")]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        line, column, hint = _syntax_error_position(error, text.splitlines())
        problem = hint or " ".join(part for part in (error.context, error.problem) if part)
        raise SpecErrors([SpecError(file, line, column, (), f"YAML syntax error: {problem}")]) from None
    if root is None:
        raise SpecErrors([SpecError(file, 1, 1, (), "the spec is empty")])
    document = _Document(file)
    data = document.build(root, ())
    if document.errors:
        raise SpecErrors(document.errors)
    if data is None and root.tag == "tag:yaml.org,2002:null" and not root.value:
        raise SpecErrors([SpecError(file, 1, 1, (), "the spec is empty")])
    if not isinstance(data, dict):
        found = {list: "a list", str: "a string", type(None): "null"}.get(type(data), f"a {type(data).__name__}")
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        raise SpecErrors([SpecError(file, line, column, (), f"expected a mapping at the top level, found {found}")])
    return data, document.positions


def _syntax_error_position(error: yaml.MarkedYAMLError, lines: List[str]) -> Tuple[int, int, Optional[str]]:
    """Where a human would look: the construct left open (its context mark) when PyYAML names one, else the
    place where parsing stopped, moved back to the line that really caused it in two common cases."""
    opened = (
        error.context_mark
        if error.context
        and error.context.startswith(("while scanning a quoted", "while parsing a flow", "while scanning a simple key"))
        else None
    )
    mark = opened or error.problem_mark or error.context_mark
    if mark is None:
        return 1, 1, None
    line = mark.line
    if error.problem == "mapping values are not allowed here":
        # `name binance` (colon forgotten) runs into the next line's key; point at the line without a colon.
        previous = _previous_content_line(lines, line)
        if previous is not None and ":" not in lines[previous]:
            column = len(lines[previous]) - len(lines[previous].lstrip()) + 1
            return previous + 1, column, "this line has no ':' after its key"
    if error.context == "while parsing a block mapping" and error.context_mark is not None:
        # A double quote left open swallows the lines after it; the first line with an odd count opened it.
        for index in range(error.context_mark.line, min(line + 1, len(lines))):
            text = lines[index].split(" #")[0]
            if (text.count('"') - text.count('\\"')) % 2 == 1:
                return index + 1, text.index('"') + 1, "this double quote is never closed"
    return line + 1, mark.column + 1, None


def _previous_content_line(lines: List[str], line: int) -> Optional[int]:
    for index in range(min(line, len(lines)) - 1, -1, -1):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _fields_at(loc: Loc) -> List[str]:
    """Field names the model accepts at `loc` (a location inside the spec), for "did you mean" hints."""
    annotation: Any = Spec
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return []
            annotation = field.annotation
        else:
            origin_args = typing.get_args(annotation)
            annotation = origin_args[-1] if origin_args else Any
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Optional[X] -> X, so lookups see the model inside."""
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if typing.get_origin(annotation) is typing.Union and len(args) == 1:
        return args[0]
    return annotation


def _did_you_mean(word: Any, choices: List[str]) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    # A suggestion equal to what was written (1 written as "1") would only confuse.
    return f"; did you mean {close[0]!r}?" if close and close[0] != str(word) else ""


def _describe(error: Dict[str, Any]) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _fields_at(loc[:-1])
        hint = _did_you_mean(loc[-1], allowed)
        if not hint and allowed:
            hint = f"; expected one of {', '.join(allowed)}"
        return f"unknown key{hint}"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'|(\d+)", error.get("ctx", {}).get("expected", ""))
        choices = [quoted or number for quoted, number in expected]
        return f"expected one of {', '.join(choices)}, found {error.get('input')!r}{_did_you_mean(error.get('input'), choices)}"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    found = error.get("input")
    if kind not in ("value_error",) and not isinstance(found, (dict, list)):
        message += f" (found {found!r})"
    return message


def load_spec(path: Path, cross_checks: bool = True) -> Spec:
    """Parse and validate the spec at `path`; raises SpecErrors listing every problem found.

    `cross_checks=False` validates the shape only (for `hbgen checklist`, which reports what is missing itself).
    """
    from scaffolder.spec.validate import cross_check  # noqa: PLC0415 (validate imports this module's helpers)

    data, positions = read_document(path)
    try:
        spec = Spec.model_validate(data)
    except ValidationError as validation_error:
        errors = []
        for error in validation_error.errors():
            # Drop pydantic's union/literal tags from the location; keep keys and indexes.
            loc = tuple(
                part
                for part in error["loc"]
                if not (isinstance(part, str) and part.startswith(("function-", "literal[")))
            )
            line, column = position(positions, loc)
            errors.append(SpecError(str(path), line, column, loc, _describe(error)))
        raise SpecErrors(errors) from None
    problems = cross_check(spec) if cross_checks else []
    if problems:
        raise SpecErrors([SpecError(str(path), *position(positions, loc), loc, message) for loc, message in problems])
    return spec
