"""Spec stage: load a YAML spec, validate it, and report precise errors.

`load_spec` is imported on first use: the no-op path of `hbgen generate` needs only the error types, and
importing the loader would pull in pydantic and the whole model.
"""

from scaffolder.spec.errors import SpecError, SpecErrors

__all__ = ["SpecError", "SpecErrors", "load_spec"]


def __getattr__(name: str):
    if name == "load_spec":
        from scaffolder.spec.loader import load_spec

        return load_spec
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
