"""Formatting stage: black, at Hummingbot's line length, applied in process to every generated Python file."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Dict, Tuple

import black

LINE_LENGTH = 120
MODE = black.Mode(line_length=LINE_LENGTH)


class FormattingError(Exception):
    """A template produced Python that black cannot parse: a bug in hbgen, reported with the file name."""


def format_source(path: str, text: str) -> str:
    if not path.endswith(".py"):
        return text
    try:
        return black.format_str(text, mode=MODE)
    except black.InvalidInput as error:
        raise FormattingError(f"{path}: generated code does not parse: {error}") from None


def _format_item(item: Tuple[str, str]) -> Tuple[str, str]:
    return item[0], format_source(*item)


def _die_with_parent(parent: int) -> None:
    """Runs first in each worker: a thread that ends the worker as soon as its parent is gone. A parent killed
    with SIGKILL runs no cleanup, and its workers, blocked reading a queue whose writing end they share, would
    otherwise wait forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="hbgen-parent-watch", daemon=True).start()


def format_files(files: Dict[str, str], workers: int = 1) -> Dict[str, str]:
    """Format all files; with workers > 1 the files are split across processes (black is CPU bound), which end
    with the process that started them."""
    if workers > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
            return dict(pool.map(_format_item, sorted(files.items())))
    return {path: format_source(path, text) for path, text in sorted(files.items())}
