"""The whole pipeline for one spec: load and validate, build the context, render, format.

Nothing here touches the output directory; `writer.py` does, and only once everything has rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict

from scaffolder.formatting import Formatter, cyclic_gc_paused


@dataclass(frozen=True)
class Generated:
    name: str  # the connector's name (exchange.name)
    files: Dict[str, str]  # path relative to the connector root -> content: the files hbgen owns
    seeds: Dict[str, str]  # the hand-written files hbgen creates only when missing (the extension point)
    formatter_versions: Dict[str, str]  # black_version and isort_version, as they formatted the files


def generate(spec_path: Path, workers: int = 1) -> Generated:
    """Everything hbgen generates from the spec at `spec_path`. With workers > 1, the formatting processes start
    first and import the formatters while the spec loads and the templates render. The cyclic garbage collector
    is paused throughout: pydantic building the spec model's classes, and black, leave cycles it would walk for
    nothing in a run this short."""
    with Formatter(workers) as formatter, cyclic_gc_paused():
        from scaffolder.context import build_context
        from scaffolder.render import render_connector, render_seeds
        from scaffolder.spec import load_spec

        spec = load_spec(spec_path)
        context = build_context(spec)
        files, seeds = render_connector(context), render_seeds(context)
        formatted, formatted_seeds = formatter.format(files), formatter.format(seeds)
        return Generated(spec.exchange.name, formatted, formatted_seeds, formatter.versions())


def generate_files(spec_path: Path, workers: int = 1) -> Dict[str, str]:
    """{path relative to generated/NAME/: final file content} for the spec at `spec_path`."""
    return generate(spec_path, workers).files
