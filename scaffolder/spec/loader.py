"""Load a spec file: YAML with positions, duplicate keys rejected, then the pydantic model and cross checks.

PyYAML's composer gives every node its start mark; walking the node graph ourselves lets us keep a map from
each field path to its line and column, and refuse duplicate keys (PyYAML silently keeps the last one).
"""

from __future__ import annotations

import difflib
import math
import re
import typing
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from pydantic import BaseModel, ValidationError

from scaffolder.spec.errors import Loc, SpecError, SpecErrors
from scaffolder.spec.model import Spec
from scaffolder.spec.source import display_name, read_spec_bytes

Positions = Dict[Loc, Tuple[int, int]]
# How deep mappings and lists may nest. Documented payloads nest a few levels; generated tests write them as
# Python literals, which the compiler refuses beyond 200 nested brackets.
MAX_DEPTH = 32

# Limits that keep a hostile spec from hanging hbgen or exhausting memory. Real exchange payloads nest fewer than
# 10 levels, and the shipped specs have 2,000 to 3,000 nodes with every alias expanded.
MAX_DEPTH = 64
MAX_NODES = 100_000


# libyaml's parser, when PyYAML was built with it (its wheels are): see _FastLimitedLoader.
try:
    from yaml.cyaml import CParser

    _C_PARSER: Tuple[type, ...] = (CParser,)
except ImportError:  # a PyYAML built without libyaml
    _C_PARSER = ()


class _LimitExceeded(yaml.composer.ComposerError):
    """A limit below was reached: reported as is, not as a syntax error."""


class _Limits(yaml.composer.Composer):
    """PyYAML's composer with two limits, checked while composing, before anything is expanded: nesting depth, and
    the number of nodes the document holds once every alias is expanded (a 600-byte "billion laughs" alias bomb
    expands to 10^9 nodes). Aliases to an anchor that contains them (cycles) are refused too."""

    depth: int
    expanded: Dict[int, int]  # id(node) -> its node count with aliases expanded

    def start_limits(self) -> None:
        self.depth = 0
        self.expanded = {}

    def compose_node(self, parent: Optional[yaml.Node], index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.ScalarEvent):
            node = super().compose_node(parent, index)
            self.expanded[id(node)] = 1
            return node
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            if id(node) not in self.expanded:
                raise _LimitExceeded(
                    None, None, "this alias refers to the anchor that contains it (a cycle)", event.start_mark
                )
            return node
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _LimitExceeded(
                None, None, f"nested more than {MAX_DEPTH} levels deep, the limit hbgen reads", event.start_mark
            )
        node = super().compose_node(parent, index)
        self.depth -= 1
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        size = 1 + sum(self.expanded[id(child)] for child in children)
        if size > MAX_NODES:
            raise _LimitExceeded(
                None,
                None,
                f"with its aliases expanded this holds more than {MAX_NODES:,} values, the limit hbgen reads "
                "(an alias bomb?): write the values out, or use fewer aliases",
                event.start_mark,
            )
        self.expanded[id(node)] = size
        return node


class _LimitedLoader(_Limits, yaml.SafeLoader):
    """PyYAML's safe loader, pure Python, with the limits."""

    def __init__(self, stream: str):
        yaml.SafeLoader.__init__(self, stream)
        self.start_limits()


class _FastLimitedLoader(_Limits, *_C_PARSER, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
    """The same composer and limits over libyaml's parser, about five times faster than PyYAML's own scanner and
    parser, where most of the reading time goes. Only used for specs that parse: any error is reported by reading
    the spec again with _LimitedLoader, whose messages and marks the syntax hints below are written for."""

    def __init__(self, stream: str):
        _C_PARSER[0].__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.start_limits()


class _Document:
    def __init__(self, file: str):
        self.file = file
        self.positions: Positions = {}
        self.errors: List[SpecError] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def error(self, node: yaml.Node, loc: Loc, message: str) -> None:
        self.errors.append(SpecError(self.file, node.start_mark.line + 1, node.start_mark.column + 1, loc, message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(loc) > MAX_DEPTH and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.error(node, loc, f"nested more than {MAX_DEPTH} levels deep: a spec or payload is never this deep")
            return None
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
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError) as error:
            self._constructor = yaml.constructor.SafeConstructor()  # its bookkeeping is left mid-construction
            problem = getattr(error, "problem", None) or str(error)
            self.error(node, loc, f"cannot read this value ({node.tag}): {problem}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            # JSON has no NaN or infinity: no exchange sends them, and no generated test could write them.
            self.error(node, loc, f"{node.value} is not a JSON number: write a finite number")
            return None
        return value


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
    file = display_name(path)
    raw = read_spec_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise SpecErrors([SpecError(file, line, column, (), f"the spec is not UTF-8 text: {error.reason}")]) from None
    root = _compose_fast(text)
    loader = None
    try:
        if root is None:
            loader = _LimitedLoader(text)
            root = loader.get_single_node()
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        problem = f"the control character {character} is not allowed in a spec (write it as an escape in quotes)"
        raise SpecErrors([SpecError(file, line, column, (), problem)]) from None
    except _LimitExceeded as error:
        mark = error.problem_mark
        raise SpecErrors([SpecError(file, mark.line + 1, mark.column + 1, (), error.problem)]) from None
    except yaml.MarkedYAMLError as error:
        line, column, hint = _syntax_error_position(error, text.splitlines())
        problem = hint or " ".join(part for part in (error.context, error.problem) if part)
        raise SpecErrors([SpecError(file, line, column, (), f"YAML syntax error: {problem}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
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


def _compose_fast(text: str) -> Optional[yaml.Node]:
    """The document's root node through libyaml, or None when it is empty, when libyaml is missing, or when
    reading fails in any way (the caller then reads with _LimitedLoader, which reports the problem). Text with a tab
    goes to PyYAML's parser too: libyaml accepts a tab inside a plain value (`c: x<TAB>d`), which PyYAML refuses,
    and a spec must not read differently depending on how PyYAML was built."""
    if not _C_PARSER or "\t" in text:
        return None
    loader = _FastLimitedLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


Place = Tuple[int, int, Optional[str]]  # line and column (1-based), and a hint in words


def _syntax_error_position(error: yaml.MarkedYAMLError, lines: List[str]) -> Place:
    """Where a human would look: the construct left open (its context mark) when PyYAML names one, else the
    place where parsing stopped, moved back to the line that really caused it in common cases, with a hint in
    words for the common slips (an unquoted `{symbol}.trades`, a tab, a key indented off, a colon forgotten)."""
    opened = (
        error.context_mark
        if error.context
        and error.context.startswith(("while scanning a quoted", "while parsing a flow", "while scanning a simple key"))
        else None
    )
    mark = opened or error.problem_mark or error.context_mark
    if mark is None:
        return 1, 1, None
    for slip in (_unquoted_value, _tab, _colon_forgotten, _indented_deeper, _indented_between, _quote_left_open):
        place = slip(error, mark.line, lines)
        if place:
            return place
    return mark.line + 1, mark.column + 1, None


def _unquoted_value(error: yaml.MarkedYAMLError, line: int, lines: List[str]) -> Optional[Place]:
    """`topic: {symbol}.trades` (YAML reads a flow mapping, then a stray scalar) or `topic: "{symbol}".trades`."""
    marks = (error.problem_mark, error.context_mark)
    for index in sorted({line, *(mark.line for mark in marks if mark)} & set(range(len(lines)))):
        placeholder = _PLACEHOLDER_VALUE.search(lines[index])
        if placeholder:
            value = placeholder.group(1)
            hint = f'a value starting with {{ is read as a YAML mapping: quote the whole value, "{value}"'
            return index + 1, placeholder.start(1) + 1, hint
        quoted = _TEXT_AFTER_QUOTE.search(lines[index])
        if quoted:
            return index + 1, quoted.start(1) + 1, "text follows the closing quote: quote the whole value"
    return None


def _tab(error: yaml.MarkedYAMLError, line: int, lines: List[str]) -> Optional[Place]:
    if "found character '\\t'" not in (error.problem or ""):
        return None
    hint = "a tab character: YAML indents, and separates a value from its key, with spaces only; use spaces"
    return line + 1, error.problem_mark.column + 1, hint


def _colon_forgotten(error: yaml.MarkedYAMLError, line: int, lines: List[str]) -> Optional[Place]:
    """`name binance` (colon forgotten) runs into the next line's key: point at the line without a colon."""
    previous = _previous_content_line(lines, line)
    if error.problem != "mapping values are not allowed here" or previous is None or ":" in lines[previous]:
        return None
    return previous + 1, _indent(lines[previous]) + 1, "this line has no ':' after its key"


def _indented_deeper(error: yaml.MarkedYAMLError, line: int, lines: List[str]) -> Optional[Place]:
    """A key indented deeper than the `key: value` line above reads as the rest of that value."""
    previous = _previous_content_line(lines, line)
    if error.problem != "mapping values are not allowed here" or previous is None or line >= len(lines):
        return None
    depth, above = _indent(lines[line]), _indent(lines[previous])
    if depth <= above:
        return None
    hint = (
        f"this line is indented {_spaces(depth)}, deeper than the line above ({above}), so YAML reads it as the "
        "rest of that line's value: indent it like the keys it belongs with"
    )
    return line + 1, depth + 1, hint


def _indented_between(error: yaml.MarkedYAMLError, line: int, lines: List[str]) -> Optional[Place]:
    """A key or list item indented between two levels belongs to neither."""
    if not (error.problem or "").startswith("expected <block end>, but found '<block") or line >= len(lines):
        return None
    depth, levels = _indent(lines[line]), _enclosing_indents(lines, line)
    if depth in levels or not levels:
        return None
    choices = " or ".join([", ".join(map(str, levels[:-1])), str(levels[-1])] if len(levels) > 1 else map(str, levels))
    hint = (
        f"this line is indented {_spaces(depth)}, which matches no enclosing block ({choices} spaces): the keys "
        "of one mapping, and the items of one list, share one indentation"
    )
    return line + 1, depth + 1, hint


def _quote_left_open(error: yaml.MarkedYAMLError, line: int, lines: List[str]) -> Optional[Place]:
    """A double quote left open swallows the lines after it; the first line with an odd count opened it."""
    if error.context != "while parsing a block mapping" or error.context_mark is None:
        return None
    for index in range(error.context_mark.line, min(line + 1, len(lines))):
        text = lines[index].split(" #")[0]
        if (text.count('"') - text.count('\\"')) % 2 == 1:
            return index + 1, text.index('"') + 1, "this double quote is never closed"
    return None


# `topic: {symbol}.trades`, `- {symbol}@depth`, `[{symbol}.trades]`: a placeholder opening a plain value, with
# more text right after its brace, which YAML reads as a flow mapping followed by a stray scalar.
_PLACEHOLDER_VALUE = re.compile(r"(?:^\s*(?:-\s+)?|:\s+|[\[,]\s*)(\{[A-Za-z_]\w*\}[^\s,\]}#][^\s,\]}#]*)")
# `topic: "{symbol}".trades`: a quoted scalar with text after its closing quote.
_TEXT_AFTER_QUOTE = re.compile(r"(?:^\s*(?:-\s+)?|:\s+)((\"|')(?:(?!\2).)*\2[^\s,\]}#])")


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _enclosing_indents(lines: List[str], line: int) -> List[int]:
    """Indentations of the blocks open at `line`: each less indented content line above it, going up."""
    levels: List[int] = []
    for index in range(line - 1, -1, -1):
        text = lines[index]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        depth = _indent(text)
        if not levels or depth < levels[-1]:
            levels.append(depth)
        if depth == 0:
            break
    return sorted(levels)


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


# Keys the spec language has renamed, by their old path (list indices left out): a spec written for an earlier hbgen
# is told where the key went instead of only that it is unknown.
RENAMED_KEYS = {
    ("user_stream", "subscribed_log"): "user_stream.logs.subscribed (logs: {subscribed: ...})",
}


def _describe(error: Dict[str, Any]) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        return "required field is missing"
    renamed = RENAMED_KEYS.get(tuple(part for part in loc if isinstance(part, str)))
    if kind == "extra_forbidden" and renamed:
        return f"this key is now {renamed}"
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
    if isinstance(found, dict) and len(found) == 1 and None in found.values():
        # `symbol: {symbol}`: YAML reads an unquoted placeholder as a mapping with one key and no value.
        placeholder = f"{{{next(iter(found))}}}"
        message += f'; unquoted, {placeholder} is a YAML mapping: write "{placeholder}"'
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
            # Drop pydantic's union/literal tags (and the spec model's own, "tag:...") from the location; keep keys
            # and indexes.
            loc = tuple(
                part
                for part in error["loc"]
                if not (isinstance(part, str) and part.startswith(("function-", "literal[", "tag:")))
            )
            line, column = position(positions, loc)
            errors.append(SpecError(display_name(path), line, column, loc, _describe(error)))
        raise SpecErrors(errors) from None
    problems = cross_check(spec) if cross_checks else []
    if problems:
        raise SpecErrors(
            [SpecError(display_name(path), *position(positions, loc), loc, message) for loc, message in problems]
        )
    return spec
