"""pytest plugin that runs a generated connector's tests against the installed ``hummingbot`` package.

Loaded with ``-p hbgen_pytest_plugin``, this folder on ``PYTHONPATH`` (scaffolder.testing.runner does both); the
interpreter running it needs Hummingbot and pytest but not hbgen, so it imports nothing from hbgen.
``HBGEN_CONNECTOR_ROOT`` names the ``generated/NAME`` directory, or a Hummingbot checkout with
``HBGEN_CONNECTOR_NAME`` naming the connector in it. Setup happens at import time, before any test module (or other
plugin) can import the connector from site-packages.
"""

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Optional

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


def _connector_name(exchange_dir: Path) -> str:
    """The generated tree holds exactly one connector package; its directory name is the connector name."""
    entries = exchange_dir.iterdir() if exchange_dir.is_dir() else []
    names = sorted(p.name for p in entries if p.is_dir() and p.name != "__pycache__")
    if len(names) != 1:
        raise pytest.UsageError(f"{exchange_dir} must hold exactly one connector package, found {names}")
    return names[0]


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


def _register_generated_connector_in_settings(connector_dir: Path) -> None:
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
            generated = [entry for entry in os.scandir(connector_dir.parent) if entry.name == connector_dir.name]
            names = {entry.name for entry in generated}
            entries = [entry for entry in entries if entry.name not in names] + generated
        return iter(entries)

    settings.scandir = scandir_with_generated
    settings.AllConnectorSettings.all_connector_settings = {}


CONNECTOR_ROOT = _connector_root()
EXCHANGE_DIR = CONNECTOR_ROOT / "hummingbot" / "connector" / "exchange"
CONNECTOR_NAME = os.environ.get(CONNECTOR_NAME_ENV) or _connector_name(EXCHANGE_DIR)
CONNECTOR_DIR = EXCHANGE_DIR / CONNECTOR_NAME
CONNECTOR_MODULE = f"hummingbot.connector.exchange.{CONNECTOR_NAME}"

_prefer_generated_connector(CONNECTOR_DIR, CONNECTOR_MODULE)
_ensure_wrapper_test_case_importable()
_register_generated_connector_in_settings(CONNECTOR_DIR)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Fail the run if the tests would exercise anything but the generated connector package's own files."""
    importlib.import_module(CONNECTOR_MODULE)
    loaded = {k: m for k, m in sys.modules.items() if k == CONNECTOR_MODULE or k.startswith(CONNECTOR_MODULE + ".")}
    stray = sorted(k for k, m in loaded.items() if not _is_file_under(getattr(m, "__file__", None), CONNECTOR_DIR))
    if stray:
        raise pytest.UsageError(f"not loaded from files under {CONNECTOR_DIR}: {', '.join(stray)}")
