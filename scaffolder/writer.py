"""Writing stage: each file hbgen writes is either as it was or fully new, whenever the process stops.

Content goes to a temporary sibling that is renamed into place (rename is atomic on POSIX). A process killed
between the two leaves only the temporary file, recognisable by its suffix; the next run removes it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Dict, List

TEMPORARY_SUFFIX = ".hbgen-tmp"


def write_atomic(path: Path, content: str) -> None:
    """Replace `path` with `content` in one step, keeping the permissions of the file it replaces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    """What open() would give a new file under the current umask (mkstemp itself creates files as 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def remove_file(root: Path, relative: str) -> None:
    """Delete `root/relative` and the folders under `root` that this leaves empty."""
    path = root / relative
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == root or root not in folder.parents or any(folder.iterdir()):
            break
        folder.rmdir()


def remove_temporaries(root: Path) -> None:
    """Delete the temporary files a killed run left under `root`."""
    if root.is_dir():
        for leftover in root.rglob(f".*{TEMPORARY_SUFFIX}"):
            leftover.unlink(missing_ok=True)


def list_tree(root: Path) -> List[str]:
    """Relative posix paths of the files under `root`, without caches and the manifest folder `.hbgen/`."""
    if not root.is_dir():
        return []
    return [
        path.relative_to(root).as_posix()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and ".hbgen" not in path.relative_to(root).parts
    ]


def read_tree(root: Path) -> Dict[str, str]:
    """Every file under `root` as listed by `list_tree` (relative posix path -> text), for comparisons."""
    return {relative: (root / relative).read_text(encoding="utf-8") for relative in list_tree(root)}
