"""docs/spec-reference.md documents every option the spec model accepts.

`option_paths(model)` walks a pydantic model recursively (through Optional / Union, Annotated, List and Dict values
and nested models) and returns every key it accepts as a dotted path, using the same conventions as the reference:

- a nested model's keys follow its own: `auth.rest.timestamp.unit`;
- for a Dict[str, Model] the key is a name the spec author chooses, written `*`: `endpoints.*.path`,
  `exchange.domains.others.*.example_pair`, `orders.order_types.*.type`;
- for a List[Model] the index is omitted: `credentials.name`, `markets.symbols.valid_when.field`;
- a field whose value is a map or list of scalars (`auth.rest.headers`, `orders.states`, JSON examples) is one
  path: its keys are data, not options.

Each path must appear in the reference in backticks (`` `auth.rest.timestamp.unit` ``), so adding a field to the
model without documenting it fails here. Conversely, every option named in the first cell of a reference table
must still exist in the model, so a renamed or removed option does not linger in the docs.
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Dict, Iterator, List, Optional, Tuple, Type, Union

import pytest
from pydantic import BaseModel, Field, create_model

from scaffolder.spec.model import Spec

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "spec-reference.md"


def _nested_models(annotation: Any) -> Iterator[Tuple[str, Type[BaseModel]]]:
    """(path suffix, model) for each model an annotation can hold: "" for a direct or list item model, ".*" for
    the values of a dict."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield "", annotation
        return
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        yield from _nested_models(args[0])
    elif origin in (Union, types.UnionType):
        for arg in args:
            yield from _nested_models(arg)
    elif origin in (list, tuple, set, frozenset):
        for arg in args:
            yield from _nested_models(arg)
    elif origin is dict and len(args) == 2:
        for suffix, model in _nested_models(args[1]):
            yield ".*" + suffix, model


def option_paths(model: Type[BaseModel], prefix: str = "", _stack: Tuple[type, ...] = ()) -> List[str]:
    """Every key `model` accepts, as dotted paths, in declaration order (see the module docstring)."""
    paths: List[str] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}.{field.alias or name}" if prefix else (field.alias or name)
        paths.append(path)
        for suffix, nested in _nested_models(field.annotation):
            if nested in _stack or nested is model:  # a recursive model: its keys are listed once, at its first use
                continue
            paths.extend(option_paths(nested, path + suffix, _stack + (model,)))
    return list(dict.fromkeys(paths))


def undocumented(paths: List[str], text: str) -> List[str]:
    return [path for path in paths if f"`{path}`" not in text]


TABLE_ROW_OPTION = re.compile(r"^\| `([A-Za-z_][A-Za-z0-9_.*]*)` \|", re.MULTILINE)


def table_options(text: str, top_level: set) -> List[str]:
    """Options named alone in the first cell of a table row (other first cells, like `ms`, are not options)."""
    return [path for path in TABLE_ROW_OPTION.findall(text) if path.split(".")[0] in top_level]


@pytest.fixture(scope="module")
def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


# --- the walker, on a synthetic model -----------------------------------------------------------------------------


class _Leaf(BaseModel):
    x: int
    y: Optional[str] = None


class _Branch(BaseModel):
    leaf: _Leaf
    maybe: Optional[_Leaf] = None
    items: List[_Leaf] = []
    named: Dict[str, _Leaf] = {}
    either: Union[_Leaf, str] = "s"
    scalars: Dict[str, int] = {}
    paths: Union[str, List[str]] = ""
    positive: Annotated[int, Field(gt=0)] = 1
    nested_named: Dict[str, Dict[str, _Leaf]] = {}


def test_walker_collects_every_key_through_optional_list_dict_and_union():
    assert option_paths(_Branch) == [
        "leaf",
        "leaf.x",
        "leaf.y",
        "maybe",
        "maybe.x",
        "maybe.y",
        "items",
        "items.x",
        "items.y",
        "named",
        "named.*.x",
        "named.*.y",
        "either",
        "either.x",
        "either.y",
        "scalars",
        "paths",
        "positive",
        "nested_named",
        "nested_named.*.*.x",
        "nested_named.*.*.y",
    ]


def test_walker_stops_at_recursive_models():
    class Node(BaseModel):
        value: int
        children: List["Node"] = []

    Node.model_rebuild()
    assert option_paths(Node) == ["value", "children"]


def test_a_key_missing_from_the_text_is_reported():
    text = "`leaf` `leaf.x` `leaf.y` `maybe` `maybe.x`"
    assert undocumented(option_paths(_Branch), text)[:3] == ["maybe.y", "items", "items.x"]
    assert "leaf.x" not in undocumented(option_paths(_Branch), text)
    # Without backticks a path does not count as documented.
    assert undocumented(["leaf.x"], "leaf.x is mentioned in prose only") == ["leaf.x"]


def test_an_option_added_to_the_spec_model_would_fail_the_reference_check(reference_text):
    extended = create_model("ExtendedSpec", __base__=Spec, zz_new_section=(Optional[_Leaf], None))
    assert undocumented(option_paths(extended), reference_text) == [
        "zz_new_section",
        "zz_new_section.x",
        "zz_new_section.y",
    ]


# --- the real model against the reference --------------------------------------------------------------------------


def test_the_walker_sees_the_whole_spec_model():
    paths = option_paths(Spec)
    # Spot checks for each kind of level: nested models, dict values, list items, optional sections.
    for path in (
        "auth.rest.timestamp.unit",
        "endpoints.*.limit.interval",
        "exchange.domains.others.*.example_pair",
        "orders.order_types.*.time_in_force",
        "credentials.name",
        "markets.symbols.valid_when.one_of",
        "balances.total",
        "user_stream.order_event.fill.when.truthy",
        "user_stream.balance_event.example",
    ):
        assert path in paths
    assert len(paths) > 200


def test_every_option_of_the_spec_model_is_in_the_reference(reference_text):
    missing = undocumented(option_paths(Spec), reference_text)
    assert not missing, "options the spec model accepts but docs/spec-reference.md does not document:\n" + "\n".join(
        missing
    )


def test_every_option_in_a_reference_table_exists_in_the_model(reference_text):
    accepted = set(option_paths(Spec))
    listed = table_options(reference_text, set(Spec.model_fields))
    assert len(listed) > 100
    stale = [path for path in listed if path not in accepted]
    assert not stale, "docs/spec-reference.md documents options the model does not accept:\n" + "\n".join(stale)


def _slug(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation other than - and _ dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_internal_links_resolve(reference_text):
    anchors = {_slug(heading) for heading in re.findall(r"^#+ (.+)$", reference_text, re.MULTILINE)}
    links = set(re.findall(r"\]\(#([^)]+)\)", reference_text))
    assert links
    assert not sorted(links - anchors)
