"""`hbgen new`: the starter spec, rendered from templates/starter_spec.yaml.j2."""

from __future__ import annotations

import os
from pathlib import Path

from scaffolder.render import environment
from scaffolder.schema import SCHEMA_PATH
from scaffolder.spec.model import is_identifier
from scaffolder.writer import write_atomic


def write_starter_spec(name: str, specs_dir: Path) -> Path:
    if not is_identifier(name):
        raise ValueError(f"{name!r} is not a valid connector name: use a lowercase identifier such as my_exchange")
    specs_dir.mkdir(parents=True, exist_ok=True)
    path = specs_dir / f"{name}.yaml"
    if path.exists():
        raise ValueError(f"{path} already exists; hbgen new never overwrites a spec")
    display_name = " ".join(part.capitalize() for part in name.split("_"))
    # Editors with the YAML language server read the schema from this modeline (autocomplete, inline errors).
    schema_path = os.path.relpath(SCHEMA_PATH, specs_dir.resolve())
    text = (
        environment()
        .get_template("starter_spec.yaml.j2")
        .render(name=name, display_name=display_name, schema_path=Path(schema_path).as_posix())
    )
    write_atomic(path, text)
    return path
