import functools
from pathlib import Path

import pytest

from scaffolder import formatting

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def binance_spec_text() -> str:
    return (ROOT / "specs" / "binance.yaml").read_text()


@pytest.fixture(scope="module")
def memoized_black():
    """For property tests that generate many similar specs: most files do not change between examples, so black
    formats each distinct text once."""
    original = formatting.format_source
    formatting.format_source = functools.lru_cache(maxsize=None)(original)
    yield
    formatting.format_source = original
