"""Spec stage: load a YAML spec, validate it, and report precise errors."""

from scaffolder.spec.errors import SpecError, SpecErrors
from scaffolder.spec.loader import load_spec

__all__ = ["SpecError", "SpecErrors", "load_spec"]
