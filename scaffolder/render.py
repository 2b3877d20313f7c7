"""Rendering stage: the Jinja templates under templates/connector/ mirror the output tree one file per file.

A template path's NAME segments become the connector name and `.j2` is dropped:
templates/connector/hummingbot/connector/exchange/NAME/NAME_exchange.py.j2 -> .../binance/binance_exchange.py
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Dict, Optional

import jinja2
import jinja2.bccache

from scaffolder.context import Context
from scaffolder.fixtures import fixture
from scaffolder.pysource import fstring, literal
from scaffolder.resources import TEMPLATES_DIR

CONNECTOR_TEMPLATES = TEMPLATES_DIR / "connector"
# Files hbgen writes once, when missing, and never again: the hand-written extension point.
SEED_TEMPLATES = TEMPLATES_DIR / "extensions"


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs (compiling them was a third of hbgen's own time in `generate`), like
    Python's .pyc files: keyed by each template's source checksum, Jinja's bytecode version and the Python version,
    so an edited template or another Python compiles anew. A cache that cannot be written is only slower."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache() -> Optional[TemplateCache]:
    """The cache under $HBGEN_CACHE_DIR, else $XDG_CACHE_HOME/hbgen, else ~/.cache/hbgen; None when unusable."""
    version = f"templates-jinja{jinja2.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    try:
        cache = os.environ.get("HBGEN_CACHE_DIR") or Path(
            os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "hbgen"
        )
        folder = Path(cache, version)
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    return TemplateCache(str(folder))


@functools.lru_cache(maxsize=None)
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """One environment per templates folder: it keeps the compiled templates (reloaded when a file changes)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        bytecode_cache=template_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    # The only way spec text reaches Python source: as an escaped literal.
    env.filters["py"] = literal
    # A log line written in the spec, as Python source: {placeholders} become the expressions given.
    env.filters["logline"] = lambda text, **values: fstring(text, values)
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
        if template.name in context.absent_templates:  # (a stream the exchange does not have)
            continue
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
