"""Values of the generated integration tests (test/integration/): the order book tracker, user stream tracker and
market tests of Hummingbot's connector QA list, run against the loopback exchange or the real one."""

from __future__ import annotations

from typing import Any, Dict

from scaffolder.context.exchange import api_host_env
from scaffolder.pysource import literal
from scaffolder.spec.model import Spec


def credential_env(spec: Spec) -> Dict[str, str]:
    """Constructor argument -> environment variable holding it (BINANCE_API_KEY)."""
    fields = [credential.config_field(spec.exchange.name) for credential in spec.credentials]
    return {field: field.upper() for field in fields}


def pair_env(spec: Spec) -> str:
    return f"{spec.exchange.name.upper()}_TEST_PAIR"


# A rate limit this tight (a request or two per window of a few seconds, Kraken's public calls: one a second) is
# shared by the connectors the tests create one after another, each with its own throttler: a test waits for its
# window to pass before the next test's connector starts calling.
TIGHT_LIMIT = 2
TIGHT_WINDOW = 5.0
SETTLE_DEFAULT = 0.1


def settle_seconds(spec: Spec) -> float:
    """How long a finished test waits before the next one starts: its connector's calls out of the way of the next
    connector's tight rate-limit windows."""
    limits = [(pool.limit, pool.interval) for pool in spec.rate_limits.pools]
    limits += [(endpoint.limit.limit, endpoint.limit.interval) for endpoint in spec.endpoints.values() if endpoint.limit]
    tight = [interval for limit, interval in limits if limit <= TIGHT_LIMIT and interval <= TIGHT_WINDOW]
    return max([SETTLE_DEFAULT] + [interval + SETTLE_DEFAULT for interval in tight])


def values(spec: Spec) -> Dict[str, Any]:
    fees = spec.exchange.fees
    return {
        "host_env": literal(api_host_env(spec)),
        "pair_env": literal(pair_env(spec)),
        "example_pair": literal(spec.exchange.example_pair),
        "credentials": [(argument, literal(env)) for argument, env in credential_env(spec).items()],
        "maker_fee": literal(str(fees.maker_percent)),
        "taker_fee": literal(str(fees.taker_percent)),
        # The QA list's tests of an order type run only for the types the exchange has.
        "settle_seconds": literal(settle_seconds(spec)),
        "limit_maker_orders": "LIMIT_MAKER" in spec.orders.order_types,
        "market_orders": "MARKET" in spec.orders.order_types,
    }
