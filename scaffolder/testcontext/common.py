"""Helpers shared by the test-context modules: typed test values, predicates, timestamps."""

from __future__ import annotations

import ast
from decimal import Decimal
from typing import Any, Optional

from scaffolder.pysource import literal
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Predicate, contained

EVENT_TIME_SECONDS = 1640780000
# How many of each time unit a spec may name make one second.
UNITS_PER_SECOND = {"s": 1, "ms": 1000, "us": 1_000_000, "ns": 1_000_000_000}


def typed(example: Any, path: str, source: str, number_source: Optional[str] = None) -> str:
    """`source` (a str expression) converted to the JSON type the example documents at `path`."""
    try:
        documented = fieldpath.read(example, path)
    except fieldpath.FieldPathError:
        return source
    if isinstance(documented, bool) or isinstance(documented, str) or documented is None:
        return source
    if not isinstance(documented, (int, float)):
        return source
    try:
        # A value known here (a literal) is written as a number literal: an integer where the example documents an
        # integer and the value is whole, so a count or an id is not injected as 12.0.
        value = Decimal(str(ast.literal_eval(number_source or source)))
    except (ValueError, SyntaxError, ArithmeticError):
        return number_source or f"{type(documented).__name__}({source})"
    if isinstance(documented, int) and value == value.to_integral_value():
        return literal(int(value))
    return literal(float(value))


def example_client_order_id(spec: Any) -> str:
    """The client order id (a literal) the tests give orders they place or track by hand: one the exchange would
    take, digits with `orders.client_order_id.numeric_bits`."""
    return literal("1001" if spec.orders.client_order_id.numeric_bits else "OID1")


def time_in_unit(unit: str) -> str:
    return str(EVENT_TIME_SECONDS * UNITS_PER_SECOND[unit])


def satisfying(predicate: Predicate, nested: bool = False) -> str:
    """A value for which the predicate holds (`nested`: `contains` on a documented list of lists)."""
    if contained(predicate) is not None:
        return literal([[contained(predicate)]] if nested else [contained(predicate)])
    if predicate.equals is not None:
        return literal(predicate.equals)
    if predicate.one_of is not None:
        return literal(predicate.one_of[0])
    return "True" if predicate.truthy else "False"


def violating(predicate: Predicate, nested: bool = False) -> str:
    """A value for which the predicate fails."""
    if contained(predicate) is not None:
        other = f"NOT_{contained(predicate)}"
        return literal([[other]] if nested else [other])
    if predicate.equals is not None:
        if isinstance(predicate.equals, bool):
            return literal(not predicate.equals)
        if isinstance(predicate.equals, int):
            return literal(predicate.equals + 1)
        return literal(f"NOT_{predicate.equals}")
    if predicate.one_of is not None:
        return literal("NOT_" + "_".join(str(value) for value in predicate.one_of))
    return "False" if predicate.truthy else "True"


# How the generated tests read back the JSON text of `auth.rest.payload` from its header, by encoding (`{}`: the
# header's value), and write it: written here from the documented encodings, not read from the connector.
PAYLOAD_DECODERS = {
    "base64": "base64.b64decode({})",
    "base64url": "base64.urlsafe_b64decode({})",
    "hex": "bytes.fromhex({})",
}
PAYLOAD_ENCODERS = {
    "base64": 'base64.b64encode(json.dumps({}).encode("utf8")).decode()',
    "base64url": 'base64.urlsafe_b64encode(json.dumps({}).encode("utf8")).decode()',
    "hex": 'json.dumps({}).encode("utf8").hex()',
}


def payload_header(rest: Any) -> Optional[str]:
    """The header sending `auth.rest.payload` (validated: one sends exactly {payload}), or None without one."""
    if rest.payload is None:
        return None
    return next(header for header, text in rest.headers.items() if text == "{payload}")


def payload_params(spec: Any, call: str) -> Optional[str]:
    """Source of the parameters a signed request `call` (a RequestCall expression) sent inside the payload header:
    the header decoded, its JSON read; None when the spec signs no payload."""
    rest = spec.auth.rest
    header = payload_header(rest)
    if header is None:
        return None
    decoded = PAYLOAD_DECODERS[rest.payload.encoding].format(f'{call}.kwargs["headers"][{literal(header)}]')
    return f"json.loads({decoded})"


def prerequisite_value(spec: Any, name: str, value: int) -> str:
    """`value` as the prerequisite `name`'s test value, typed as its documented value (an id as an integer or as
    text)."""
    prerequisite = spec.prerequisites[name]
    documented = fieldpath.documented(spec.endpoints[prerequisite.endpoint].example_response, prerequisite.value)
    return literal(value if isinstance(documented, int) and not isinstance(documented, bool) else str(value))


# The values the generated tests give the prerequisites: the connector's kept ones, and those its test serves.
PREREQUISITE_KEPT = 5550001
PREREQUISITE_SERVED = 7770001


def prerequisite_test_values(spec: Any) -> dict:
    """Each prerequisite's value as the generated tests keep it on the connector (create_exchange_instance): text
    when the prerequisite maps what it reads (`values`)."""
    return {
        name: (
            literal(str(PREREQUISITE_KEPT + index))
            if spec.prerequisites[name].values is not None
            else prerequisite_value(spec, name, PREREQUISITE_KEPT + index)
        )
        for index, name in enumerate(spec.prerequisites)
    }


def kept_prerequisites(spec: Any) -> Optional[str]:
    """The dict the generated tests put in the connector's `_prerequisites` (none without prerequisites kept
    there)."""
    kept = {
        name: source
        for name, source in prerequisite_test_values(spec).items()
        if spec.prerequisites[name].attribute is None
    }
    return "{" + ", ".join(f"{literal(name)}: {source}" for name, source in kept.items()) + "}" if kept else None


def kept_prerequisite_attributes(spec: Any) -> list:
    """`(attribute, value)` of the prerequisites kept in attributes of their own (`prerequisites.*.attribute`)."""
    kept = prerequisite_test_values(spec)
    return [
        (prerequisite.attribute, kept[name])
        for name, prerequisite in spec.prerequisites.items()
        if prerequisite.attribute
    ]

