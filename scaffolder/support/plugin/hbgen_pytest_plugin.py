"""pytest plugin that runs a generated connector's tests against the installed ``hummingbot`` package.

Loaded with ``-p hbgen_pytest_plugin``, this folder on ``PYTHONPATH`` (scaffolder.testing.runner does both); the
interpreter running it needs Hummingbot and pytest but not hbgen, so it imports nothing from hbgen.
``HBGEN_CONNECTOR_ROOT`` names the ``generated/NAME`` directory, or a Hummingbot checkout with
``HBGEN_CONNECTOR_NAME`` naming the connector in it; without a name, every connector package of the tree is
tested (the spec-variant property test batches connectors of different names into one tree). Setup happens at import time, before any test module (or other
plugin) can import the connector from site-packages.
"""

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import List, Optional

import pytest

# Set by scaffolder.testing.runner (scaffolder.testing.CONNECTOR_ROOT_ENV and CONNECTOR_NAME_ENV).
CONNECTOR_ROOT_ENV = "HBGEN_CONNECTOR_ROOT"
CONNECTOR_NAME_ENV = "HBGEN_CONNECTOR_NAME"
# Holds the ``test`` package with the wrapper test case.
SUPPORT_DIR = Path(__file__).resolve().parent.parent
WRAPPER_TEST_CASE_MODULE = "test.isolated_asyncio_wrapper_test_case"


def _connector_root() -> Path:
    value = os.environ.get(CONNECTOR_ROOT_ENV)
    if not value:
        raise pytest.UsageError(f"{CONNECTOR_ROOT_ENV} must name a generated connector directory (generated/NAME)")
    return Path(value).resolve()


def _connector_names(exchange_dir: Path) -> List[str]:
    """The connector packages of the generated tree (their directory names): one for ``generated/NAME``."""
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


def _prefer_generated_connector(connector_dir: Path, module: str) -> None:
    """Import the connector package from `connector_dir`, so it wins over a same-named upstream connector (binance
    ships upstream); only this package: in a checkout, the other connectors stay those of the installed Hummingbot."""
    import hummingbot.connector.exchange as exchange_package

    _drop_modules(module)
    if not (connector_dir / "__init__.py").is_file():
        return  # not a package: whatever is imported in its place is refused in pytest_collection_finish
    spec = importlib.util.spec_from_file_location(
        module, connector_dir / "__init__.py", submodule_search_locations=[str(connector_dir)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[module] = package
    spec.loader.exec_module(package)
    setattr(exchange_package, connector_dir.name, package)


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


def _record_requests_per_test() -> None:
    """Each use of an ``aioresponses`` mock records only its own requests.

    ``aioresponses.start`` resets the mocked responses but not ``requests``, so a decorator instance keeps the
    requests of every earlier use. Hummingbot's test base classes decorate their test methods once (``@aioresponses()``
    in ``ExchangeConnectorTests``), and every connector's test class inherits that one instance: with two connectors
    in one process (the spec-variant property test batches several), a test that reads ``requests`` for a URL both
    connectors use found the first connector's request there (seen: ``KeyError: 'OK-ACCESS-KEY'`` when an OKX variant
    with Binance's auth ran before OKX). One connector per process never reuses an instance, so nothing else changes.
    """
    from aioresponses import aioresponses

    start = aioresponses.start
    if getattr(start, "hbgen_fresh_requests", False):
        return

    def start_recording_afresh(self: aioresponses) -> None:
        self.requests = {}
        start(self)

    start_recording_afresh.hbgen_fresh_requests = True
    aioresponses.start = start_recording_afresh


def _register_generated_connectors_in_settings(connector_dirs: List[Path]) -> None:
    """Let Hummingbot's connector discovery (AllConnectorSettings) see the generated connector.

    Discovery scans the installed package's ``connector/exchange`` folder, where a new connector is absent (and
    where binance is upstream's), yet connectors read their fee schema from it. The folder listing it uses is
    extended with the generated packages, which replace same-named upstream entries.
    """
    from hummingbot.client import settings

    upstream_exchange_dir = Path(settings.root_path()) / "hummingbot" / "connector" / "exchange"

    def scandir_with_generated(path):
        entries = list(os.scandir(path))
        if Path(path).resolve() == upstream_exchange_dir.resolve():
            generated = [
                entry
                for directory in connector_dirs
                for entry in os.scandir(directory.parent)
                if entry.name == directory.name
            ]
            names = {entry.name for entry in generated}
            entries = [entry for entry in entries if entry.name not in names] + generated
        return iter(entries)

    settings.scandir = scandir_with_generated
    settings.AllConnectorSettings.all_connector_settings = {}


CONNECTOR_ROOT = _connector_root()
EXCHANGE_DIR = CONNECTOR_ROOT / "hummingbot" / "connector" / "exchange"
CONNECTOR_NAMES = [os.environ[CONNECTOR_NAME_ENV]] if os.environ.get(CONNECTOR_NAME_ENV) else _connector_names(EXCHANGE_DIR)
CONNECTOR_DIRS = [EXCHANGE_DIR / name for name in CONNECTOR_NAMES]

for _directory in CONNECTOR_DIRS:
    _prefer_generated_connector(_directory, f"hummingbot.connector.exchange.{_directory.name}")
_ensure_wrapper_test_case_importable()
_record_requests_per_test()
_register_generated_connectors_in_settings(CONNECTOR_DIRS)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Fail the run if the tests would exercise anything but the generated connector packages' own files."""
    for directory in CONNECTOR_DIRS:
        module = f"hummingbot.connector.exchange.{directory.name}"
        importlib.import_module(module)
        loaded = {k: m for k, m in sys.modules.items() if k == module or k.startswith(module + ".")}
        stray = sorted(k for k, m in loaded.items() if not _is_file_under(getattr(m, "__file__", None), directory))
        if stray:
            raise pytest.UsageError(f"not loaded from files under {directory}: {', '.join(stray)}")
