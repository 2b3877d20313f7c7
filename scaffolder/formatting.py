"""Formatting stage: isort and black with Hummingbot's settings, applied in process to every generated Python file.

The output goes into a Hummingbot checkout, whose pre-commit runs isort 5.12.0 with the `[tool.isort]` settings of
its pyproject.toml (reproduced in ISORT_SETTINGS) and whose pyproject sets black to 120 columns. isort runs first;
black then formats what it sorted (the two agree on the import layout: parenthesized, one name per line, trailing
comma), so the result passes both unchanged.

Inside a Hummingbot checkout isort finds `hummingbot/` at the project root and places it first party; here that is
said explicitly (`known_first_party`) and the project root is not searched (`src_paths` empty), so the output does
not depend on the folder hbgen runs in. `test.isolated_asyncio_wrapper_test_case`, from Hummingbot's repo-level
`test/` folder, lands among the standard library imports exactly as in Hummingbot's own sources: isort's list of
standard-library modules names `test` (CPython's regression-test package), and that list wins over the checkout.

isort and black are imported on first use: with several workers, the worker processes import them while the main
process is still loading the spec and rendering (see Formatter).

Python's cyclic garbage collector is paused while formatting (cyclic_gc_paused; in worker processes, for their whole
life). Black's syntax trees link each node to its parent, so every file formatted leaves its trees behind as cyclic
garbage, and the collector, triggered by allocations, would walk every live object again and again while black runs:
on a whole connector that is about a fifth of black's time. In process, each file formatted is followed instead by one
collection of the youngest generation, which frees that file's trees and looks at nothing older. A worker does not
collect at all: its memory goes back with the process when it exits (multiprocessing ends workers without the
interpreter's final collection), unless it formats more than WORKER_COLLECT_AFTER characters, so that an outsized
spec cannot exhaust memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Dict, Iterator, Optional, Tuple

LINE_LENGTH = 120

# Hummingbot's pyproject.toml [tool.isort], as its pre-commit hook reads it (conda_env only names an environment,
# filter_files and skip only select files: none changes how a file is sorted).
ISORT_SETTINGS = dict(
    line_length=LINE_LENGTH,
    multi_line_output=3,
    include_trailing_comma=True,
    use_parentheses=True,
    ensure_newline_before_comments=True,
    combine_as_imports=True,
)


# Characters a worker formats between two collections (about 125 MB of syntax trees; a whole connector is about
# 200 KB of source, shared between the workers).
WORKER_COLLECT_AFTER = 500_000
_formatted_since_collection = 0


class FormattingError(Exception):
    """A template produced Python that black cannot parse: a bug in hbgen, reported with the file name."""


@lru_cache(maxsize=None)
def _formatters() -> Tuple[Any, Any, Any, Any]:
    """(black, its mode, isort, its config), imported once per process."""
    import black
    import isort

    config = isort.Config(**ISORT_SETTINGS, known_first_party=frozenset({"hummingbot"}), src_paths=())
    return black, black.Mode(line_length=LINE_LENGTH), isort, config


def format_source(path: str, text: str) -> str:
    if not path.endswith(".py"):
        return text
    black, mode, isort, config = _formatters()
    try:
        text = isort.code(text, config=config)
    except isort.exceptions.FileSkipComment:  # spec text holding "isort:skip_file": Hummingbot's isort skips it too
        pass
    try:
        return black.format_str(text, mode=mode)
    except black.InvalidInput as error:
        raise FormattingError(f"{path}: generated code does not parse: {error}") from None


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (see the module's docstring), restoring its state afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _format_item(item: Tuple[str, str]) -> Tuple[str, str]:
    path, text = item
    formatted = format_source(path, text)
    gc.collect(0)  # this file's syntax trees, with the collector paused: see the module's docstring
    return path, formatted


def _format_in_worker(item: Tuple[str, str]) -> Tuple[str, str]:
    global _formatted_since_collection
    path, text = item
    formatted = format_source(path, text)
    _formatted_since_collection += len(text)
    if _formatted_since_collection >= WORKER_COLLECT_AFTER:
        gc.collect(0)
        _formatted_since_collection = 0
    return path, formatted


def _die_with_parent(parent: int) -> None:
    """Runs first in each worker: a thread that ends the worker as soon as its parent is gone. A parent killed
    with SIGKILL runs no cleanup, and its workers, blocked reading a queue whose writing end they share, would
    otherwise wait forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="hbgen-parent-watch", daemon=True).start()


def _load_formatters() -> Dict[str, str]:
    """Imports isort and black; returns their versions, as the manifest records them."""
    black, _, isort, _ = _formatters()
    return {"black_version": black.__version__, "isort_version": isort.__version__}


def _start_worker(parent: int, importing: Any) -> None:
    """Runs first in each worker. The main process is loading the spec and rendering meanwhile, on one core: the
    workers import isort and black on the cores left over, as many at a time as there are, so that none of them
    slows the main process down (on two cores one worker imports while the other waits its turn, and both are
    ready long before the first file is rendered)."""
    _die_with_parent(parent)
    gc.disable()  # for the worker's whole life: see the module's docstring
    with importing:
        _load_formatters()


def _spare_cores() -> int:
    """Cores this process may run on, less the one the main process needs; at least one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity (macOS)
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


class Formatter:
    """Formats files, in `workers` processes when more than one.

    The processes start when the Formatter is created, so that they import isort and black while the caller is
    still loading the spec and rendering (on the cores it leaves free: see _start_worker); the main process then
    never imports them. Use it as a context manager.
    """

    def __init__(self, workers: int = 1):
        self._pool: Optional[ProcessPoolExecutor] = None
        self._loaded: Optional[Future] = None
        if workers > 1:
            context = multiprocessing.get_context()
            importing = context.BoundedSemaphore(min(workers, _spare_cores()))
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(os.getpid(), importing),
            )
            self._loaded = self._pool.submit(_load_formatters)  # starts every worker now

    def format(self, files: Dict[str, str]) -> Dict[str, str]:
        if self._pool is not None and len(files) > 1:
            # Largest first: a worker that picks up the last files then finishes close to the other.
            largest_first = sorted(files.items(), key=lambda item: (-len(item[1]), item[0]))
            return dict(sorted(self._pool.map(_format_in_worker, largest_first)))
        with cyclic_gc_paused():
            return dict(map(_format_item, sorted(files.items())))

    def versions(self) -> Dict[str, str]:
        """The versions of black and isort this formatter runs (from a worker when there are workers: the main
        process then never imports them, nor importlib.metadata)."""
        return self._loaded.result() if self._loaded is not None else _load_formatters()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    def __enter__(self) -> "Formatter":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def format_files(files: Dict[str, str], workers: int = 1) -> Dict[str, str]:
    """Format all files; with workers > 1 the files are split across processes (black is CPU bound), which end
    with the process that started them."""
    with Formatter(workers) as formatter:
        return formatter.format(files)
