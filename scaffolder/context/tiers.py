"""Values for rate limits that depend on the account's tier (`rate_limits.tiers`)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from scaffolder.pysource import literal
from scaffolder.spec.model import TIER_LIMITS_CONSTANT, Spec, Tier


def _changed_limits(spec: Spec, tier: Tier) -> List[Tuple[str, int, str]]:
    """(limit id constant, limit, interval source) of each rate limit the tier changes, in RATE_LIMITS' order: its
    pools, then its endpoints (an endpoint without a limit of its own takes the tier's endpoint_default)."""
    changed = []
    for pool in spec.rate_limits.pools:
        if pool.id in tier.pools:
            limit = tier.pools[pool.id]
            changed.append((pool.id, limit.limit, literal(limit.interval or pool.interval)))
    for name, endpoint in spec.endpoints.items():
        limit = tier.endpoints.get(name) or (tier.endpoint_default if endpoint.limit is None else None)
        if limit is not None:
            base = endpoint.limit or spec.rate_limits.endpoint_default
            changed.append((endpoint.rate_limit_id, limit.limit, literal(limit.interval or base.interval)))
    return changed


def values(spec: Spec) -> Optional[Dict[str, Any]]:
    tiers = spec.rate_limits.tiers
    if tiers is None:
        return None
    names = list(tiers.levels)
    return {
        "model": tiers,
        "enum": tiers.enum_name(spec.exchange.name),
        "names": names,
        "default": tiers.default,
        "function": tiers.function,
        "constant": TIER_LIMITS_CONSTANT,
        "config_field": tiers.config_field(spec.exchange.name),
        "prompt": tiers.prompt_text(spec.exchange.display_name),
        "limits": [(name, _changed_limits(spec, tiers.tier(name))) for name in names],
    }


def add(spec: Spec, v: Dict[str, Any]) -> None:
    v["tiers"] = values(spec)
