"""Test fixtures from the spec's documented example payloads.

A fixture is the example exactly as the exchange documents it, with the test's own values injected at the
fields the spec maps. Injection refuses fields absent from the example, so a mapping that points at a field
the exchange does not send fails at generation instead of producing a test that checks nothing.
"""

from __future__ import annotations

import copy
from typing import Any, Mapping, Optional, Sequence

from scaffolder.pysource import Expr, literal
from scaffolder.spec import fieldpath


def fixture(
    example: Any,
    replacements: Optional[Mapping[str, str]] = None,
    rows: Optional[str] = None,
    row_replacements: Optional[Sequence[Mapping[str, str]]] = None,
    row_removals: Sequence[str] = (),
) -> str:
    """Python source of `example` with each field path in `replacements` set to the given Python expression.

    With `rows` (a path to a list; the empty string is the payload itself), the list is rebuilt from its first
    documented element: one copy per mapping in `row_replacements`, each with its own values injected, and the
    top-level keys in `row_removals` deleted (to build a row that must fail to parse).
    """
    payload = copy.deepcopy(example)
    for path, source in (replacements or {}).items():
        fieldpath.write(payload, path, Expr(source))
    if rows is not None:
        row_list = fieldpath.read(payload, rows)
        template_row = fieldpath.first_row(payload, rows)
        new_rows = []
        for values in row_replacements or [{}]:
            row = copy.deepcopy(template_row)
            for path, source in values.items():
                fieldpath.write(row, path, Expr(source))
            for path in row_removals:
                fieldpath.delete(row, path)
            new_rows.append(row)
        if isinstance(row_list, dict):
            # Map rows are [key, value] entries; the key injected (an expression) becomes the entry's key.
            row_list.clear()
            row_list.update((key, value) for key, value in new_rows)
        else:
            row_list[:] = new_rows
    return literal(payload)
