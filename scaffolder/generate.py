"""The whole pipeline for one spec: load and validate, build the context, render, format.

Nothing here touches the output directory; `writer.py` does, and only once everything has rendered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Tuple

from scaffolder.context import build_context
from scaffolder.formatting import format_files
from scaffolder.render import render_connector, render_seeds
from scaffolder.spec import load_spec


def generate_files(spec_path: Path, workers: int = 1) -> Dict[str, str]:
    """{path relative to generated/NAME/: final file content} for the spec at `spec_path`."""
    return generate_with_seeds(spec_path, workers)[0]


def generate_with_seeds(spec_path: Path, workers: int = 1) -> Tuple[Dict[str, str], Dict[str, str]]:
    """The files hbgen owns, and the hand-written files it creates only when missing (the extension point)."""
    spec = load_spec(spec_path)
    context = build_context(spec)
    return format_files(render_connector(context), workers=workers), format_files(render_seeds(context))


def connector_name(spec_path: Path) -> str:
    return load_spec(spec_path).exchange.name
