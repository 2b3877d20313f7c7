"""`balances` and `user_stream.balance_event`: account balances over REST and websocket."""

from __future__ import annotations

from typing import Annotated, Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

from pydantic import Discriminator, Field, Tag

from scaffolder.spec.model.base import FieldPath, FieldPaths, JSON, Strict
from scaffolder.spec.model.expect import Balances as ExpectedBalances


class SumOf(Strict):
    """An amount that is the sum of several fields; the first must be present, an absent other counts as zero."""

    sum: List[FieldPath] = Field(min_length=1, description="The fields whose values add up (OKX: availBal, frozenBal).")


class FirstOf(Strict):
    """The first of several amounts whose (first) field is not empty: absent, null or "" (OKX leaves the fields
    of another account mode "")."""

    first_of: List[Union[FieldPath, SumOf]] = Field(
        min_length=2,
        description="Field paths or {sum: [...]}, in order of preference: [eq, {sum: [availBal, frozenBal]}].",
    )


AMOUNT_FIELDS = ("available", "locked", "total")
AMOUNT_FORMS = "expected a field path, {sum: [paths]} or {first_of: [paths or sums]}"
EMPTY_FIELD = object()  # a field written empty: "" where the example documents text, else null


def _amount_form(value: Any) -> Optional[str]:
    """Which form a balance amount takes, so that an error speaks of that form alone."""
    if isinstance(value, (str, list)):
        return "tag:path"
    if isinstance(value, dict):
        return "tag:first_of" if "first_of" in value else "tag:sum"
    return None


def _amount(path: Any) -> Any:
    """The type of a balance amount whose plain form is `path`: the form written decides which one validates."""
    return Annotated[
        Union[
            Annotated[path, Tag("tag:path")],
            Annotated[SumOf, Tag("tag:sum")],
            Annotated[FirstOf, Tag("tag:first_of")],
        ],
        Discriminator(_amount_form, custom_error_type="amount", custom_error_message=AMOUNT_FORMS),
    ]


# A balance amount: one field, a sum of fields, or the first non-empty of several.
Amount = _amount(FieldPath)
# `locked` also takes a plain list: the sum of its fields (Backpack: locked and staked).
LockedAmount = _amount(FieldPaths)


class BalanceKinds(Strict):
    """Balances written one row per asset and kind of amount (HTX: {currency, type: trade|frozen, balance}): each
    asset's amounts are the sums of its rows of the kinds listed; rows of other kinds are ignored."""

    field: FieldPath = Field(description="The row's kind (HTX: type).")
    amount: FieldPath = Field(description="The row's amount (HTX: balance).")
    available: Optional[List[str]] = Field(
        default=None, min_length=1, description="Kinds whose amounts are available (HTX: [trade])."
    )
    locked: Optional[List[str]] = Field(
        default=None, min_length=1, description="Kinds whose amounts are not available (HTX: [frozen])."
    )
    total: Optional[List[str]] = Field(default=None, min_length=1, description="Kinds whose amounts are the total.")

    def of_kind(self) -> Dict[str, str]:
        """Each listed kind -> the amount it adds to (available, locked or total)."""
        return {kind: name for name in AMOUNT_FIELDS for kind in getattr(self, name) or []}


def kind_amounts(kinds: BalanceKinds, amounts: Dict[str, Any], spread: bool = True) -> List[Tuple[str, Any]]:
    """(kind, amount) rows writing `amounts` (by available / locked / total) in the kinds given: an amount of several
    kinds is split among them, with `spread` 1 in each but the first where the amount allows (so that reading only
    one kind is wrong), else all of it in the first."""
    rows = []
    for name in AMOUNT_FIELDS:
        values = getattr(kinds, name) or []
        amount = amounts[name]
        ones = len(values) - 1 if spread and amount >= len(values) else 0
        for position, value in enumerate(values):
            rows.append((value, amount - ones if position == 0 else (1 if position <= ones else amount * 0)))
    return rows


class Balances(Strict):
    endpoint: str
    method: Literal["GET", "POST"] = Field(
        default="GET", description="The HTTP method of the balances request: POST for exchanges that read by POST."
    )
    params: Dict[str, str] = Field(
        default_factory=dict, description="Query parameters of the balances request (type=trade)."
    )
    rows: FieldPath
    asset: FieldPath
    available: Optional[Amount] = Field(
        default=None, description="Two of available / locked / total: a field, {sum: [...]} or {first_of: [...]}."
    )
    locked: Optional[LockedAmount] = Field(
        default=None,
        description="The amount not available, or a list of fields whose sum it is (Backpack: locked and staked).",
    )
    total: Optional[Amount] = None
    kinds: Optional[BalanceKinds] = Field(
        default=None,
        description="Instead of available / locked / total: one row per asset and kind (HTX's trade and frozen rows), "
        "amounts summed per asset by kind.",
    )
    expect: Optional[ExpectedBalances] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class BalanceEvent(Strict):
    route: str
    rows: Optional[FieldPath] = Field(default=None, description="The list of balance rows; or `row` for one row.")
    row: Optional[FieldPath] = Field(default=None, description="The single balance row of an event (KuCoin).")
    asset: FieldPath
    available: Optional[Amount] = Field(
        default=None, description="Two of available / locked / total: a field, {sum: [...]} or {first_of: [...]}."
    )
    locked: Optional[LockedAmount] = Field(
        default=None,
        description="The amount not available, or a list of fields whose sum it is (Backpack: locked and staked).",
    )
    total: Optional[Amount] = None
    example: JSON
    expect: Optional[ExpectedBalances] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


def alternatives(amount: Optional[LockedAmount]) -> List[List[str]]:
    """A balance amount as its alternatives, in order of preference, each the list of fields that add up: a field is
    `[[path]]`, a sum (or `locked`'s plain list) `[[path, ...]]`, `first_of` one list per alternative; none for an
    absent amount."""
    if amount is None:
        return []
    if isinstance(amount, FirstOf):
        return [choice.sum if isinstance(choice, SumOf) else [choice] for choice in amount.first_of]
    if isinstance(amount, SumOf):
        return [list(amount.sum)]
    return [[amount]] if isinstance(amount, str) else [list(amount)]


def write_amounts(
    balance_spec: Any, amounts: Dict[str, Any], choice: Sequence[int], spread: bool = True
) -> Optional[Dict[str, Any]]:
    """path -> amount (or EMPTY_FIELD) writing `amounts` with alternative `choice[i]` of each given field (available,
    locked, total, in that order); None when the choice contradicts itself (a field both empty and needed, or two
    amounts in one field). A sum's fields not written yet share what remains: with `spread`, 1 in each but the
    first where the amount allows (so that reading only the first field is wrong), else all of it in the first."""
    written: Dict[str, Any] = {}

    def put(path: str, value: Any) -> bool:
        if path in written and written[path] != value:
            return False
        written[path] = value
        return True

    given = [name for name in AMOUNT_FIELDS if getattr(balance_spec, name)]
    sums: List[Tuple[List[str], int]] = []
    for name, index in zip(given, choice):
        choices = alternatives(getattr(balance_spec, name))
        # The preferred alternatives are empty (their first field decides), the chosen one holds the amount.
        if not all(put(paths[0], EMPTY_FIELD) for paths in choices[:index]):
            return None
        paths = choices[index]
        if len(paths) == 1:
            if not put(paths[0], amounts[name]):
                return None
        else:
            sums.append((paths, amounts[name]))
    for paths, amount in sums:
        if any(written.get(path) is EMPTY_FIELD for path in paths):
            return None
        free = [path for path in paths if path not in written]
        rest = amount - sum(written[path] for path in paths if path in written)
        if rest < 0 or (not free and rest != 0):
            return None
        ones = len(free) - 1 if spread and rest >= len(free) else 0
        for position, path in enumerate(free):
            written[path] = rest - ones if position == 0 else (1 if position <= ones else rest * 0)
    return written
