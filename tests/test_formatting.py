"""The formatting stage pauses Python's cyclic garbage collector while black runs (scaffolder/formatting.py): it must
give the collector back as it found it, and free each file's syntax trees with a collection of the youngest
generation once the file is formatted."""

import gc

import pytest

from scaffolder import formatting

SOURCES = {"a.py": "x = [1,\n 2]\n", "b.py": "def f( a ):\n    return a\n", "notes.txt": "kept as is\n"}
FORMATTED = {"a.py": "x = [1, 2]\n", "b.py": "def f(a):\n    return a\n", "notes.txt": "kept as is\n"}


@pytest.fixture
def collections(monkeypatch):
    calls = []
    monkeypatch.setattr(formatting.gc, "collect", lambda *args: calls.append(args) or 0)
    return calls


@pytest.mark.parametrize("enabled", [True, False])
def test_in_process_formatting_gives_the_collector_back_as_it_found_it(enabled, collections):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert formatting.format_files(dict(SOURCES)) == FORMATTED
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_is_paused_while_black_runs(monkeypatch, collections):
    seen = []
    original = formatting.format_source

    def spying(path, text):
        seen.append(gc.isenabled())
        return original(path, text)

    monkeypatch.setattr(formatting, "format_source", spying)
    was = gc.isenabled()
    gc.enable()
    try:
        formatting.format_files(dict(SOURCES))
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False, False]


def test_each_file_formatted_is_followed_by_a_collection_of_the_youngest_generation(collections):
    formatting.format_files(dict(SOURCES))
    assert collections == [(0,), (0,), (0,)]


def test_the_youngest_generation_holds_the_syntax_trees_of_the_file_just_formatted():
    """What the collection after each file relies on: with the collector paused, the trees black leaves behind are
    unreachable cycles that a collection of generation 0 alone frees."""
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        formatting.format_source("big.py", "x = [\n" + "    (1, 2),\n" * 2000 + "]\n")
        assert gc.collect(0) > 1000
    finally:
        (gc.enable if was else gc.disable)()


def test_a_worker_collects_only_once_it_has_formatted_enough_source(monkeypatch, collections):
    monkeypatch.setattr(formatting, "_formatted_since_collection", 0)
    monkeypatch.setattr(formatting, "WORKER_COLLECT_AFTER", 20)
    items = sorted(SOURCES.items())
    assert [formatting._format_in_worker(item) for item in items] == sorted(FORMATTED.items())
    # a.py: 12 characters; b.py: 12 + 25 = 37 >= 20, so one collection and a fresh count; notes.txt: 11 < 20.
    assert collections == [(0,)]


def test_a_worker_formatting_a_connector_sized_output_never_collects(monkeypatch, collections):
    monkeypatch.setattr(formatting, "_formatted_since_collection", 0)
    for item in sorted(SOURCES.items()):
        formatting._format_in_worker(item)
    assert collections == []
