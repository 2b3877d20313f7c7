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
        "limit_maker_orders": "LIMIT_MAKER" in spec.orders.order_types,
        "market_orders": "MARKET" in spec.orders.order_types,
    }
