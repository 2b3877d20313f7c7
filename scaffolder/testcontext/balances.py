"""Balance rows the generated tests serve: the amounts written into the fields the spec's balance amounts read.

An amount may be one field, a sum of fields (each part but the first gets 1 where the amount allows, so a connector
reading only the first part fails) or the first non-empty of several alternatives (`first_of`). With alternatives,
the base asset's row and the quote asset's row each take a consistent choice of them, as different as can be
(OKX: the base asset's total from availBal + frozenBal with eq empty, the quote asset's from eq with availBal empty),
so a connector that reads only one alternative fails on one of the rows.
"""

from __future__ import annotations

import itertools
from typing import Any, Dict, List, Sequence, Tuple

from scaffolder.pysource import literal
from scaffolder.spec import fieldpath
from scaffolder.spec.model.balances import EMPTY_FIELD, AMOUNT_FIELDS, alternatives, kind_amounts, write_amounts
from scaffolder.testcontext.common import typed


def _choices(balance_spec: Any, rows: Sequence[Dict[str, int]]) -> List[Sequence[int]]:
    """One consistent choice of alternatives per row, the rows' choices differing in as many fields as can be."""
    given = [name for name in AMOUNT_FIELDS if getattr(balance_spec, name)]
    every = list(itertools.product(*(range(len(alternatives(getattr(balance_spec, name)))) for name in given)))
    possible = [
        [choice for choice in every if write_amounts(balance_spec, amounts, choice) is not None] or [every[0]]
        for amounts in rows
    ]
    best, best_score = [possible_row[0] for possible_row in possible], -1
    for combination in itertools.product(*possible):
        score = sum(len({choice[field] for choice in combination}) for field in range(len(given)))
        if score > best_score:
            best, best_score = list(combination), score
    return best


def balance_rows(balance_spec: Any, row: Any, rows: Sequence[Tuple[str, str, str]]) -> List[Dict[str, str]]:
    """The field values (path -> Python source) of each `(asset source, available, total)` row, amounts whole."""
    amounts = [
        {"available": int(available), "locked": int(total) - int(available), "total": int(total)}
        for _, available, total in rows
    ]
    values = []
    for (asset, _, _), row_amounts, choice in zip(rows, amounts, _choices(balance_spec, amounts)):
        written = write_amounts(balance_spec, row_amounts, choice)
        if written is None:
            raise ValueError(f"the balance fields cannot hold available {row_amounts['available']} and total "
                             f"{row_amounts['total']} together: two amounts name the same field")
        row_values = {balance_spec.asset: asset}
        for path, amount in written.items():
            if amount is EMPTY_FIELD:
                documented = fieldpath.documented(row, path)
                row_values[path] = literal("" if isinstance(documented, str) else None)
            else:
                row_values[path] = typed(row, path, literal(str(amount)))
        values.append(row_values)
    return values


def balance_row_groups(balance_spec: Any, row: Any, rows: Sequence[Tuple[str, str, str]]) -> List[List[Dict[str, str]]]:
    """The rows written for each `(asset source, available, total)`: one row, or with `balances.kinds` one row per
    kind listed (an amount of several kinds split among them) and, for the first asset, its first amount in two rows
    of that kind and a row of a kind not listed (HTX's loan), which the connector must ignore."""
    kinds = getattr(balance_spec, "kinds", None)
    if kinds is None:
        return [[values] for values in balance_rows(balance_spec, row, rows)]
    unlisted = next(kind for kind in ("loan", "interest", "other kind") if kind not in kinds.of_kind())
    groups = []
    for index, (asset, available, total) in enumerate(rows):
        amounts = {"available": int(available), "locked": int(total) - int(available), "total": int(total)}
        written = kind_amounts(kinds, amounts)
        if index == 0:
            # The first kind's amount in two rows (the amounts of a kind add up), and a kind to ignore.
            kind, amount = written[0]
            written[:1] = [(kind, amount - 1), (kind, 1)] if amount >= 2 else written[:1]
            written.append((unlisted, 7))
        groups.append(
            [
                {
                    balance_spec.asset: asset,
                    kinds.field: literal(kind),
                    kinds.amount: typed(row, kinds.amount, literal(str(amount))),
                }
                for kind, amount in written
            ]
        )
    return groups
