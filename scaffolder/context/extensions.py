"""Class names for the extension point: which generated classes a hand-written mixin extends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

from scaffolder.spec.model import Spec
from scaffolder.spec.model.extensions import EXTENSIBLE_CLASSES


@dataclass(frozen=True)
class ClassNames:
    # The class the templates define: the final class itself, or, when extended, its generated base.
    generated: str
    # The class Hummingbot imports (OkxExchange).
    final: str
    # The hand-written mixin from NAME_overrides.py, when the spec extends this class.
    overrides: Optional[str] = None


def class_names(prefix: str, suffix: str, extended: bool) -> ClassNames:
    final = f"{prefix}{suffix}"
    if not extended:
        return ClassNames(generated=final, final=final)
    return ClassNames(generated=f"{final}Generated", final=final, overrides=f"{final}Overrides")


def add(spec: Spec, v: Dict[str, Any], prefix: str) -> None:
    v["classes"] = {
        part: class_names(prefix, suffix, part in spec.extensions) for part, suffix in EXTENSIBLE_CLASSES.items()
    }
    v["overrides_module"] = f"{spec.exchange.name}_overrides"
    v["extended_classes"] = [v["classes"][part] for part in EXTENSIBLE_CLASSES if part in spec.extensions]
