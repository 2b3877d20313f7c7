"""The formatting stage pauses Python's cyclic garbage collector while black runs (scaffolder/formatting.py): it must
give the collector back as it found it, and still collect now and then, so that an outsized spec cannot exhaust
memory."""

import gc

import pytest

from scaffolder import formatting

SOURCES = {"a.py": "x = [1,\n 2]\n", "b.py": "def f( a ):\n    return a\n", "notes.txt": "kept as is\n"}
FORMATTED = {"a.py": "x = [1, 2]\n", "b.py": "def f(a):\n    return a\n", "notes.txt": "kept as is\n"}


@pytest.fixture
def collections(monkeypatch):
    calls = []
    monkeypatch.setattr(formatting, "_formatted_since_collection", 0)
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


def test_a_collection_runs_once_enough_source_is_formatted(monkeypatch, collections):
    monkeypatch.setattr(formatting, "COLLECT_AFTER", 20)
    formatting.format_files(dict(SOURCES))
    # a.py: 12 characters; b.py: 12 + 25 = 37 >= 20, so one collection and a fresh count; notes.txt: 11 < 20.
    assert len(collections) == 1


def test_no_collection_for_a_connector_sized_output(collections):
    formatting.format_files(dict(SOURCES))
    assert collections == []
