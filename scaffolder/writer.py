"""Writing stage: each file hbgen writes is either as it was or fully new, whenever the process stops, and
nothing outside the output tree is ever written or deleted.

Content goes to a temporary sibling that is renamed into place (rename is atomic on POSIX). A process killed
between the two leaves only the temporary file, recognisable by its suffix; the next run removes it.

Every path hbgen writes or deletes is relative to the connector root and goes through `confined`: no absolute
path, no `..`, and no symbolic link between the root and the file (a link could lead anywhere: hbgen does not
write through links, it reports them as in the way).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Dict, Iterator, List, Optional

try:
    import fcntl
except ImportError:  # Windows: its lock is taken with msvcrt instead
    fcntl = None  # type: ignore[assignment]
    import msvcrt
else:
    msvcrt = None

TEMPORARY_SUFFIX = ".hbgen-tmp"
# Windows only: folders cannot be locked there, so the lock is taken on this file in the tree, removed afterwards.
LOCK_FILE = ".hbgen-lock"


class TreeError(Exception):
    """The output tree cannot be regenerated safely as it is; nothing is written, and the message says why."""


class UnsafePath(TreeError):
    """A path hbgen was asked to write or delete is not confined to the output tree."""


def path_problem(relative: object) -> Optional[str]:
    """Why `relative` is not a plain relative posix path inside a tree (None when it is one)."""
    if not isinstance(relative, str) or not relative:
        return f"{relative!r} is not a relative path"
    if relative.startswith("/") or "\\" in relative or "\0" in relative or (len(relative) > 1 and relative[1] == ":"):
        return f"{relative!r} is not a relative posix path"
    if any(part in ("", ".", "..") for part in relative.split("/")):
        return f"{relative!r} climbs out of the tree or has an empty part"
    return None


def symbolic_link_in(root: Path, relative: str) -> Optional[Path]:
    """The first symbolic link on the way from `root` (exclusive) to `root/relative` (inclusive), if any."""
    path = root
    for part in relative.split("/"):
        path = path / part
        if path.is_symlink():
            return path
        if not path.exists():
            return None
    return None


def confined(root: Path, relative: str) -> Path:
    """`root/relative`, refused (UnsafePath) unless it stays inside `root` without crossing a symbolic link."""
    problem = path_problem(relative)
    if problem:
        raise UnsafePath(f"refusing to touch {problem}: hbgen writes only inside {root}")
    link = symbolic_link_in(root, relative)
    if link is not None:
        raise UnsafePath(f"refusing to write through the symbolic link {link}: hbgen writes only inside {root}")
    return root / relative


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
    path = confined(root, relative)
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == root or root not in folder.parents or any(folder.iterdir()):
            break
        folder.rmdir()


def remove_temporaries(root: Path) -> None:
    """Delete the temporary files a killed run left under `root`."""
    if root.is_dir():
        for folder, _, files in os.walk(root):  # does not follow links to folders
            for name in files:
                if name.startswith(".") and name.endswith(TEMPORARY_SUFFIX):
                    Path(folder, name).unlink(missing_ok=True)


def list_tree(root: Path) -> List[str]:
    """Relative posix paths of the files under `root`, without caches, the manifest folder `.hbgen/` and the lock."""
    if not root.is_dir():
        return []
    return [
        path.relative_to(root).as_posix()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and ".hbgen" not in path.relative_to(root).parts
        and path.relative_to(root).as_posix() != LOCK_FILE
    ]


def read_tree(root: Path) -> Dict[str, str]:
    """Every file under `root` as listed by `list_tree` (relative posix path -> text), for comparisons."""
    return {relative: (root / relative).read_text(encoding="utf-8") for relative in list_tree(root)}


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the lock of the output tree at `root` (created if missing) for one regeneration: a second run on the
    same tree is refused (TreeError) instead of interleaving its writes. The lock is an flock on the folder
    itself, so no lock file is left behind, and the kernel releases it when the process dies, even by kill -9.
    Windows has no flock: there the lock is a byte-range lock (msvcrt) on `LOCK_FILE` in the tree, which Windows
    also releases when the process dies; the file is removed when the run ends."""
    root.mkdir(parents=True, exist_ok=True)
    busy = TreeError(
        f"another hbgen run is regenerating {root}; wait for it to finish, then run again; nothing was written"
    )
    if fcntl is None:
        with _windows_lock(root / LOCK_FILE, busy):
            yield
        return
    descriptor = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise busy from None
        yield
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _windows_lock(path: Path, busy: TreeError) -> Iterator[None]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT)
    try:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise busy from None
        try:
            yield
        finally:
            os.lseek(descriptor, 0, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
    finally:
        os.close(descriptor)
        with contextlib.suppress(OSError):
            path.unlink()
