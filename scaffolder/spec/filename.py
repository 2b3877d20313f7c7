"""A spec's file name and its `exchange.name` agree: `specs/NAME.yaml` generates `generated/NAME/`."""

from __future__ import annotations

from pathlib import Path

from scaffolder.spec.errors import SpecError, SpecErrors
from scaffolder.spec.loader import position, read_document
from scaffolder.spec.source import display_name, has_file_name


def check_file_name(path: Path, name: str) -> None:
    """Raise SpecErrors at `exchange.name` unless the file is NAME.yaml.

    The output folder is named after exchange.name and `hbgen check` pairs each folder with its spec, so a spec
    copied or renamed without its name would generate silently into another connector's folder.
    """
    if path.stem == name or not has_file_name(path):
        return
    loc = ("exchange", "name")
    line, column = position(read_document(path)[1], loc)
    message = (
        f"{name!r} differs from the file name {path.name!r}; the connector is generated into a folder named after "
        f"it: rename the file to {name}.yaml, or set exchange.name to {path.stem}"
    )
    raise SpecErrors([SpecError(display_name(path), line, column, loc, message)])
