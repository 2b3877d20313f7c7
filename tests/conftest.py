from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def binance_spec_text() -> str:
    return (ROOT / "specs" / "binance.yaml").read_text()
