"""`hbgen new`: the starter spec, from copier's questionnaire over templates/starter/ (copier.yml holds the
questions, spec.yaml.jinja the spec they shape)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Dict, List

import yaml

from scaffolder.resources import TEMPLATES_DIR
from scaffolder.schema import spec_schema_text
from scaffolder.spec.model import is_identifier
from scaffolder.writer import write_atomic

STARTER_TEMPLATE = TEMPLATES_DIR / "starter"
# Written beside the specs: the starter spec's modeline names it, so that an editor with the YAML language server
# autocompletes and checks the spec offline, in any folder. Rewritten by `hbgen new` when hbgen's language changed.
SCHEMA_FILE = "hbgen-spec.schema.json"
# Questions answered by hbgen itself, not by the user.
FIXED = ("name", "schema_file")


def questions() -> Dict[str, dict]:
    """The user's questions, by key, in the order they are asked."""
    config = yaml.safe_load((STARTER_TEMPLATE / "copier.yml").read_text(encoding="utf-8"))
    return {key: value for key, value in config.items() if not key.startswith("_") and key not in FIXED}


def parse_data(items: List[str]) -> Dict[str, str]:
    """`--data KEY=VALUE` items as a mapping; ValueError naming a malformed item or an unknown key."""
    known = questions()
    data = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--data {item!r}: expected KEY=VALUE")
        if key not in known:
            raise ValueError(f"--data {item!r}: no question {key!r}; the questions are {', '.join(known)}")
        data[key] = value
    return data


def write_schema(specs_dir: Path) -> Path:
    path = specs_dir / SCHEMA_FILE
    text = spec_schema_text()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text)
    return path


def write_starter_spec(name: str, specs_dir: Path, data: Dict[str, str], defaults: bool) -> Path:
    """Ask the questions copier.yml lists (those not answered by `data`; none with `defaults`) and write
    specs_dir/NAME.yaml with the schema beside it. ValueError for a bad name, an existing spec or a bad answer."""
    import copier

    if not is_identifier(name):
        raise ValueError(f"{name!r} is not a valid connector name: use a lowercase identifier such as my_exchange")
    path = specs_dir / f"{name}.yaml"
    if path.exists():
        raise ValueError(f"{path} already exists; hbgen new never overwrites a spec")
    with tempfile.TemporaryDirectory() as rendered:
        copier.run_copy(
            str(STARTER_TEMPLATE),
            rendered,
            data={**data, "name": name, "schema_file": SCHEMA_FILE},
            defaults=defaults,
            quiet=True,
            unsafe=False,
        )
        text = Path(rendered, "spec.yaml").read_text(encoding="utf-8")
    write_schema(specs_dir)
    write_atomic(path, text)
    return path
