"""Errors found in a spec, each pinned to a file, line, column and field path."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import List, Sequence, Tuple, Union

Loc = Tuple[Union[str, int], ...]


# Control, format, surrogate, private-use and unassigned characters, and line and paragraph separators.
UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def printable(text: str) -> str:
    """`text` with every control or format character escaped (`\\x1b`, `\\r`, `\\u202e`): spec text in a message
    can then neither move the cursor, recolour the terminal, nor start a line of its own (a fake `ok`)."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in UNPRINTABLE else char
        for char in text
    )


def dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(root)"


@dataclass(frozen=True)
class SpecError:
    file: str
    line: int
    column: int
    loc: Loc
    message: str

    def __str__(self) -> str:
        return printable(f"{self.file}:{self.line}:{self.column}: {dotted(self.loc)}: {self.message}")


class SpecErrors(Exception):
    """Every problem found in one spec; raised before anything is written."""

    def __init__(self, errors: Sequence[SpecError]):
        self.errors: List[SpecError] = sorted(errors, key=lambda e: (e.file, e.line, e.column, e.message))
        super().__init__("\n".join(str(error) for error in self.errors))
