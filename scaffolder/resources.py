"""Where hbgen's data files are: inside the installed package (a wheel), or beside it (a checkout).

The repository keeps `templates/` at its top level; the wheel ships it as `scaffolder/templates/` (see
pyproject.toml). Nothing else may compute these paths from `__file__`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = PACKAGE_DIR / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


TEMPLATES_DIR = _data_dir("templates")
# Support files put on the path of the interpreter that runs a generated suite (the pytest plugin and the test
# module Hummingbot's PyPI release lacks): that interpreter need not have hbgen installed.
SUPPORT_DIR = PACKAGE_DIR / "support"
