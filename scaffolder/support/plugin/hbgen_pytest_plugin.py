"""pytest plugin that runs a generated connector's tests against the installed ``hummingbot`` package.

Loaded with ``-p hbgen_pytest_plugin``, this folder on ``PYTHONPATH`` (scaffolder.testing.runner does both); the
interpreter running it needs Hummingbot and pytest but not hbgen, so it imports nothing from hbgen.
``HBGEN_CONNECTOR_ROOT`` names the ``generated/NAME`` directory. Setup happens at import time, before any test
module (or other plugin) can import the connector from site-packages.
"""

import importlib
import os
import sys
from pathlib import Path
from typing import List, Optional

import pytest

# Set by scaffolder.testing.runner (scaffolder.testing.CONNECTOR_ROOT_ENV).
CONNECTOR_ROOT_ENV = "HBGEN_CONNECTOR_ROOT"
# Holds the ``test`` package with the wrapper test case.
SUPPORT_DIR = Path(__file__).resolve().parent.parent
WRAPPER_TEST_CASE_MODULE = "test.isolated_asyncio_wrapper_test_case"


def _connector_root() -> Path:
    value = os.environ.get(CONNECTOR_ROOT_ENV)
    if not value:
        raise pytest.UsageError(f"{CONNECTOR_ROOT_ENV} must name a generated connector directory (generated/NAME)")
    return Path(value).resolve()


def _connector_names(exchange_dir: Path) -> List[str]:
    """The connector packages of the generated tree: one for ``generated/NAME``; several when a test batches
    connectors of different names into one tree (the spec-variant property test)."""
    entries = exchange_dir.iterdir() if exchange_dir.is_dir() else []
    names = sorted(p.name for p in entries if p.is_dir() and p.name != "__pycache__")
    if not names:
        raise pytest.UsageError(f"{exchange_dir} must hold a connector package, found none")
    return names


def _drop_modules(name: str) -> None:
    for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
        del sys.modules[key]


def _is_file_under(file: Optional[str], directory: Path) -> bool:
    """Namespace packages have no file: neither a package missing ``__init__.py`` nor a test directory counts."""
    return file is not None and Path(file).resolve().is_relative_to(directory)


def _prefer_generated_connector(exchange_dir: Path, module: str) -> None:
    """Search the generated tree first, so it wins over a same-named upstream connector (binance ships upstream)."""
    import hummingbot.connector.exchange as exchange_package

    if str(exchange_dir) not in exchange_package.__path__:
        exchange_package.__path__.insert(0, str(exchange_dir))
    _drop_modules(module)


def _ensure_wrapper_test_case_importable() -> None:
    """Hummingbot's test base classes import ``test.isolated_asyncio_wrapper_test_case``, absent from its PyPI wheel.

    Inside a Hummingbot source checkout the real one is used; otherwise ours from ``scaffolder/support`` is put
    first, and the cached ``test`` package (usually the stdlib's, which would shadow ours) is forgotten.
    """
    try:
        importlib.import_module(WRAPPER_TEST_CASE_MODULE)
    except ImportError:
        sys.path.insert(0, str(SUPPORT_DIR))
        _drop_modules("test")
        # Imported now so that pytest, naming test modules ``test.hummingbot...``, nests them under this package
        # instead of importing the generated ``test`` directory as the top-level ``test``.
        importlib.import_module(WRAPPER_TEST_CASE_MODULE)


def _register_generated_connector_in_settings(exchange_dir: Path) -> None:
    """Let Hummingbot's connector discovery (AllConnectorSettings) see the generated connector.

    Discovery scans the installed package's ``connector/exchange`` folder, where a new connector is absent (and
    where binance is upstream's), yet connectors read their fee schema from it. The folder listing it uses is
    extended with the generated package, which replaces a same-named upstream entry.
    """
    from hummingbot.client import settings

    upstream_exchange_dir = Path(settings.root_path()) / "hummingbot" / "connector" / "exchange"

    def scandir_with_generated(path):
        entries = list(os.scandir(path))
        if Path(path).resolve() == upstream_exchange_dir.resolve():
            generated = [entry for entry in os.scandir(exchange_dir) if entry.is_dir()]
            names = {entry.name for entry in generated}
            entries = [entry for entry in entries if entry.name not in names] + generated
        return iter(entries)

    settings.scandir = scandir_with_generated
    settings.AllConnectorSettings.all_connector_settings = {}


CONNECTOR_ROOT = _connector_root()
EXCHANGE_DIR = CONNECTOR_ROOT / "hummingbot" / "connector" / "exchange"
CONNECTOR_NAMES = _connector_names(EXCHANGE_DIR)

for _name in CONNECTOR_NAMES:
    _prefer_generated_connector(EXCHANGE_DIR, f"hummingbot.connector.exchange.{_name}")
_ensure_wrapper_test_case_importable()
_register_generated_connector_in_settings(EXCHANGE_DIR)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Fail the run if the tests would exercise anything but the generated connector packages' own files."""
    for name in CONNECTOR_NAMES:
        module = f"hummingbot.connector.exchange.{name}"
        directory = EXCHANGE_DIR / name
        importlib.import_module(module)
        loaded = {k: m for k, m in sys.modules.items() if k == module or k.startswith(module + ".")}
        stray = sorted(k for k, m in loaded.items() if not _is_file_under(getattr(m, "__file__", None), directory))
        if stray:
            raise pytest.UsageError(f"not loaded from files under {directory}: {', '.join(stray)}")
