"""A real Hummingbot source tree for the tests: the PyPI sdist of the pinned Hummingbot, fetched once and unpacked
into a cache folder (`HBGEN_TEST_CACHE`, default `~/.cache/hbgen-tests`), then copied for each test that writes.

The sdist is Hummingbot's repository layout (`pyproject.toml` with its isort settings, `hummingbot/`, `test/`), with
the Cython sources not compiled: the tests run generated suites against the Hummingbot installed in the test
environment, and use this tree as the checkout a connector author writes into.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import urllib.request
from pathlib import Path

VERSION = "20260922"
SDIST = f"hummingbot-{VERSION}.tar.gz"
# The published sdist's digest (PyPI's simple index): a different file is refused.
SDIST_SHA256 = "af2012e5fbc66c23844d64e93056dad70aea1eb1b169b6f986b22fd726c4c2c6"
INDEX = "https://pypi.org/simple/hummingbot/"


def cache_dir() -> Path:
    return Path(os.environ.get("HBGEN_TEST_CACHE") or Path.home() / ".cache" / "hbgen-tests")


def hummingbot_source_tree() -> Path:
    """The unpacked sdist (read-only use: copy it before writing into it), fetched on first use."""
    tree = cache_dir() / f"hummingbot-{VERSION}"
    if (tree / "pyproject.toml").is_file():
        return tree
    tree.parent.mkdir(parents=True, exist_ok=True)
    archive = tree.parent / SDIST
    if not archive.is_file() or _sha256(archive) != SDIST_SHA256:
        _download(archive)
    with tempfile.TemporaryDirectory(dir=tree.parent) as scratch:
        with tarfile.open(archive) as tar:
            tar.extractall(scratch, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
        try:
            os.replace(Path(scratch) / f"hummingbot-{VERSION}", tree)
        except OSError:  # unpacked meanwhile by another run
            if not (tree / "pyproject.toml").is_file():
                raise
    return tree


def _download(archive: Path) -> None:
    request = urllib.request.Request(INDEX, headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    url = next(entry["url"] for entry in files if entry["filename"] == SDIST)
    with tempfile.NamedTemporaryFile(dir=archive.parent, suffix=".part", delete=False) as part:
        with urllib.request.urlopen(url, timeout=300) as response:
            shutil.copyfileobj(response, part)
    if _sha256(Path(part.name)) != SDIST_SHA256:
        Path(part.name).unlink()
        raise RuntimeError(f"{url}: SHA-256 is not the published {SDIST_SHA256}")
    os.replace(part.name, archive)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_source_tree(destination: Path) -> Path:
    """A writable copy of the Hummingbot source tree at `destination`, as a connector author's checkout."""
    shutil.copytree(hummingbot_source_tree(), destination)
    return destination
