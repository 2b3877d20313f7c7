"""Writing stage: replace a generated connector tree so that each file is either as it was or fully new.

Files are written to a temporary sibling and renamed into place (rename is atomic on POSIX), and files hbgen
produced before but no longer renders are removed. Only the paths hbgen renders are touched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Dict, List


def write_atomic(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_tree(root: Path, files: Dict[str, str]) -> List[str]:
    """Write every file under `root`, skipping files whose content is unchanged; returns the paths written."""
    written = []
    for relative, content in sorted(files.items()):
        target = root / relative
        if target.exists() and target.read_text(encoding="utf-8") == content:
            continue
        write_atomic(target, content)
        written.append(relative)
    return written


def read_tree(root: Path) -> Dict[str, str]:
    """Every generated file under `root` (relative posix path -> text), for comparisons; the manifest in
    .hbgen/ describes the tree and is not part of it."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and ".hbgen" not in path.parts
    }
