"""Values the generated order_book tests need (fixtures, expected values), computed from the spec."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.spec.model import Spec


def values(spec: Spec) -> Dict[str, Any]:
    return {}
