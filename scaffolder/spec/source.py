"""Reading a spec's bytes: from a file, from `-` (standard input) or from a pipe such as /dev/stdin, within a size
limit.

A pipe can be read only once, and hbgen reads the spec more than once in a run (the manifest's fast path, the
validation, the spec hash recorded in the manifest), so what a pipe gave is kept for the rest of the process.
Standard library only: the no-op path of `hbgen generate` uses it.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any, Dict, Tuple

from scaffolder.spec.errors import SpecError, SpecErrors

STDIN = "-"
# The shipped specs are 13 to 22 KB; a spec a hundred times larger is not a spec.
MAX_SPEC_BYTES = 2_000_000

_pipes: Dict[str, bytes] = {}
_stdin: Tuple[Any, bytes] = (None, b"")


def display_name(path: Path) -> str:
    """How messages name the spec: `<stdin>` for `-`."""
    return "<stdin>" if str(path) == STDIN else str(path)


def has_file_name(path: Path) -> bool:
    """False for a spec read from standard input or a pipe (/dev/stdin, <(...)): its path names no spec."""
    return str(path) != STDIN and str(path) not in _pipes


def read_spec_bytes(path: Path) -> bytes:
    """The spec's bytes; SpecErrors when it cannot be read or is larger than MAX_SPEC_BYTES."""
    global _stdin
    name = str(path)
    if name == STDIN:
        if _stdin[0] is not sys.stdin:
            _stdin = (sys.stdin, _read_limited(path, sys.stdin.buffer))
        return _stdin[1]
    if name in _pipes:
        return _pipes[name]
    try:
        with open(path, "rb") as handle:
            data = _read_limited(path, handle)
            regular = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SpecErrors([SpecError(name, 1, 1, (), f"cannot read the spec: {reason}")]) from None
    if not regular:
        _pipes[name] = data
    return data


def _read_limited(path: Path, handle: Any) -> bytes:
    data = handle.read(MAX_SPEC_BYTES + 1)
    if len(data) > MAX_SPEC_BYTES:
        raise SpecErrors(
            [
                SpecError(
                    display_name(path),
                    1,
                    1,
                    (),
                    f"the spec is larger than {MAX_SPEC_BYTES:,} bytes, the limit hbgen reads "
                    "(the shipped specs are 13 to 22 KB): trim the example payloads",
                )
            ]
        )
    return data
