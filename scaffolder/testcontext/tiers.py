"""Expected values of the generated tests of account tiers (`rate_limits.tiers`): each tier's rate limits as the
spec writes them (its base limits with the tier's own), its config field and the exchange's tier argument."""

from __future__ import annotations

from typing import Any, Dict, Optional

from scaffolder.pysource import literal
from scaffolder.spec.model import Spec


def documented_limits(spec: Spec, tier_name: Optional[str] = None) -> Dict[str, Any]:
    """{limit id: (limit, interval, [(linked limit id, weight), ...])} as documented in the spec, in a tier: a pool
    or an endpoint the tier names takes the tier's limit (and window, if it writes one); an endpoint without a limit
    of its own takes the tier's endpoint_default when it has one."""
    tier = spec.rate_limits.tiers.tier(tier_name) if tier_name else None
    expected: Dict[str, Any] = {}
    for pool in spec.rate_limits.pools:
        limit, interval = pool.limit, pool.interval
        if tier is not None and pool.id in tier.pools:
            limit, interval = tier.pools[pool.id].limit, tier.pools[pool.id].interval or interval
        expected[pool.id] = (limit, float(interval), [])
    default = spec.rate_limits.endpoint_default
    for name, endpoint in spec.endpoints.items():
        own = endpoint.limit or default
        limit, interval = own.limit, own.interval
        override = None
        if tier is not None:
            override = tier.endpoints.get(name) or (tier.endpoint_default if endpoint.limit is None else None)
        if override is not None:
            limit, interval = override.limit, override.interval or interval
        # A path's own limit is identified by the path as documented (relative: without its leading "/").
        limit_id = endpoint.limit_id or (endpoint.path.lstrip("/") if spec.urls.relative_paths else endpoint.path)
        expected[limit_id] = (limit, float(interval), list(endpoint.weights.items()))
    return expected


def values(spec: Spec) -> Optional[Dict[str, Any]]:
    tiers = spec.rate_limits.tiers
    if tiers is None:
        return None
    names = list(tiers.levels)
    # The last tier, written in lower case as a user may: it travels from a saved configuration to the throttler.
    chosen = names[-1] if names[-1] != tiers.default else names[0]
    return {
        "enum": tiers.enum_name(spec.exchange.name),
        "function": tiers.function,
        "config_key": tiers.config_key,
        "config_field": tiers.config_field(spec.exchange.name),
        "default": literal(tiers.default),
        "prompt": literal(tiers.prompt_text(spec.exchange.display_name)),
        "limits": literal({name: documented_limits(spec, name) for name in names}),
        "names": literal(names),
        # Each tier as a user may write it in the configuration.
        "written": literal([(name, written) for name in names for written in (name, name.lower(), name.capitalize())]),
        # No tier: longer than any.
        "unknown": literal("NOT_" + "_".join(names)),
        "chosen": literal(chosen.lower()),
        "chosen_tier": literal(chosen),
    }
