"""Rendering stage: the Jinja templates under templates/connector/ mirror the output tree one file per file.

A template path's NAME segments become the connector name and `.j2` is dropped:
templates/connector/hummingbot/connector/exchange/NAME/NAME_exchange.py.j2 -> .../binance/binance_exchange.py
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Dict

import jinja2

from scaffolder.context import Context
from scaffolder.fixtures import fixture
from scaffolder.pysource import literal
from scaffolder.resources import TEMPLATES_DIR

CONNECTOR_TEMPLATES = TEMPLATES_DIR / "connector"
# Files hbgen writes once, when missing, and never again: the hand-written extension point.
SEED_TEMPLATES = TEMPLATES_DIR / "extensions"


@functools.lru_cache(maxsize=None)
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """One environment per templates folder: it keeps the compiled templates (reloaded when a file changes)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    # The only way spec text reaches Python source: as an escaped literal.
    env.filters["py"] = literal
    env.globals["fixture"] = fixture
    return env


def output_path(template: Path, name: str, root: Path = CONNECTOR_TEMPLATES) -> str:
    relative = template.relative_to(root).as_posix()
    return relative[: -len(".j2")].replace("NAME", name)


def render_connector(context: Context) -> Dict[str, str]:
    """Render every connector and test file; returns {relative output path: unformatted text}."""
    env = environment()
    rendered = {}
    for template in sorted(CONNECTOR_TEMPLATES.rglob("*.j2")):
        template_name = template.relative_to(TEMPLATES_DIR).as_posix()
        text = env.get_template(template_name).render(c=context)
        # A test module with nothing to test renders empty (the documented-examples test without `expect:`).
        if text.strip() or not template.name.startswith("test_"):
            rendered[output_path(template, context.name)] = text
    return rendered


def render_seeds(context: Context) -> Dict[str, str]:
    """The hand-written files the spec asks for (`extensions:`), as first created; empty when it asks for none."""
    if not context.extended_classes:
        return {}
    env = environment()
    return {
        output_path(template, context.name, SEED_TEMPLATES): env.get_template(
            template.relative_to(TEMPLATES_DIR).as_posix()
        ).render(c=context)
        for template in sorted(SEED_TEMPLATES.rglob("*.j2"))
    }
