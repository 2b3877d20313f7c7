"""`hbgen new`: the starter spec, rendered from templates/starter_spec.yaml.j2."""

from __future__ import annotations

from pathlib import Path

from scaffolder.render import environment
from scaffolder.spec.model import IDENTIFIER
from scaffolder.writer import write_atomic


def write_starter_spec(name: str, specs_dir: Path) -> Path:
    if not IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a valid connector name: use a lowercase identifier such as my_exchange")
    path = specs_dir / f"{name}.yaml"
    if path.exists():
        raise ValueError(f"{path} already exists; hbgen new never overwrites a spec")
    display_name = " ".join(part.capitalize() for part in name.split("_"))
    text = environment().get_template("starter_spec.yaml.j2").render(name=name, display_name=display_name)
    write_atomic(path, text)
    return path
