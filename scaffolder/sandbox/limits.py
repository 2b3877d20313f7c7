"""The exchange's declared request limits: its pools (weights) and each endpoint's own limit, over sliding windows."""

from __future__ import annotations

import time
from collections import deque
from typing import Deque, Dict, Optional, Tuple

from scaffolder.spec.model import Spec


class RateLimiter:
    def __init__(self, spec: Spec):
        self.spec = spec
        self._windows: Dict[str, Deque[Tuple[float, int]]] = {}
        self._limits: Dict[str, Tuple[int, float]] = {pool.id: (pool.limit, pool.interval) for pool in spec.rate_limits.pools}

    def charge(self, endpoint_name: str) -> Optional[str]:
        """Count one request to the endpoint; the cause when it exceeds a declared limit (the request is refused)."""
        endpoint = self.spec.endpoints[endpoint_name]
        own = endpoint.limit or self.spec.rate_limits.endpoint_default
        charges = [(f"limit {endpoint.rate_limit_id}", own.limit, own.interval, 1)] if own else []
        for pool, weight in endpoint.weights.items():
            limit, interval = self._limits[pool]
            charges.append((f"pool {pool}", limit, interval, weight))
        now = time.monotonic()
        for key, limit, interval, weight in charges:
            window = self._windows.setdefault(key, deque())
            while window and window[0][0] <= now - interval:
                window.popleft()
            used = sum(w for _, w in window)
            if used + weight > limit:
                return f"rate limit exceeded: {key} allows {limit} per {interval:g}s and {used} were used"
        for key, _, _, weight in charges:
            self._windows[key].append((now, weight))
        return None
