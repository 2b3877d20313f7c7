"""The resolved model templates read: every decision about the generated code is taken here, in Python.

`build_context(spec)` turns a validated Spec into plain values and ready-made Python expressions (field reads,
conditions, literals). Templates only place them; they hold no logic beyond loops and presence checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict

from scaffolder import __version__
from scaffolder.spec.model import NAMED_CONSTANTS, Spec
from scaffolder.context import (
    auth,
    balances,
    compression,
    exchange,
    extensions,
    fees,
    orders,
    public_ws,
    tiers,
    user_stream,
)
from scaffolder.testcontext import auth as auth_tests
from scaffolder.testcontext import compression as compression_tests
from scaffolder.testcontext import exchange as exchange_tests
from scaffolder.testcontext import expectations as expectation_tests
from scaffolder.testcontext import market as market_tests
from scaffolder.testcontext import order_book as order_book_tests
from scaffolder.testcontext import tiers as tier_tests
from scaffolder.testcontext import user_stream as user_stream_tests


@dataclass
class Context:
    spec: Spec
    name: str
    class_prefix: str
    module: str
    test_module: str
    hbgen_version: str
    values: Dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, item: str) -> Any:
        try:
            return self.values[item]
        except KeyError:
            raise AttributeError(item) from None


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def build_context(spec: Spec) -> Context:
    name = spec.exchange.name
    prefix = camel(name)
    context = Context(
        spec=spec,
        name=name,
        class_prefix=prefix,
        module=f"hummingbot.connector.exchange.{name}",
        test_module=f"test.hummingbot.connector.exchange.{name}",
        hbgen_version=__version__,
    )
    v = context.values
    v["const"] = {default: spec.constant(default) for default in NAMED_CONSTANTS}

    for section in (exchange, auth, orders, balances, fees, public_ws, user_stream, compression, tiers):
        section.add(spec, v)
    extensions.add(spec, v, prefix)

    # --- generated tests -------------------------------------------------------------------------------------
    v["tests_order_book"] = order_book_tests.values(spec)
    v["tests_user_stream"] = user_stream_tests.values(spec)
    v["tests_auth"] = auth_tests.values(spec)
    v["tests_exchange"] = exchange_tests.values(spec)
    v["tests_expectations"] = expectation_tests.values(spec)
    v["tests_compression"] = compression_tests.values(spec)
    v["tests_market"] = market_tests.values(spec)
    v["tests_tiers"] = tier_tests.values(spec)
    return context
