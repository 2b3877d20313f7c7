"""`exchange`, `urls`, `credentials`, `rate_limits` and `endpoints`: who the exchange is and where its API lives."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Dict, List, Optional

from pydantic import Field, field_validator

from scaffolder.spec.model.base import (
    CONSTANT,
    JSON,
    PositiveInt,
    PositiveNumber,
    RESERVED_NAMES,
    Strict,
    _check_pair,
    is_identifier,
)


class Fees(Strict):
    maker_percent: Decimal = Field(description="Maker fee as a fraction (0.001 is 0.1%).")
    taker_percent: Decimal = Field(description="Taker fee as a fraction.")
    buy_percent_fee_deducted_from_returns: bool = False


class OtherDomain(Strict):
    example_pair: Optional[str] = None

    _pair = field_validator("example_pair")(_check_pair)


class Domains(Strict):
    default: str = Field(description="Substituted for {domain} in the URLs of the main connector.")
    others: Dict[str, OtherDomain] = Field(
        default_factory=dict, description="Further domains, each offered by Hummingbot as connector NAME_DOMAIN."
    )


class Exchange(Strict):
    name: str = Field(description="Connector name: a lowercase Python identifier (binance, gate_io).")
    display_name: str
    docs_url: Optional[str] = None
    centralized: bool = True
    example_pair: str = Field(description="A trading pair shown as an example to Hummingbot users (BASE-QUOTE).")
    domains: Domains
    fees: Fees

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not is_identifier(value):
            raise ValueError(
                f"expected a lowercase identifier such as 'my_exchange' (not a Python keyword), found {value!r}"
            )
        return value

    _pair = field_validator("example_pair")(_check_pair)


class Urls(Strict):
    rest: str = Field(description="REST base URL; {domain} is replaced by the connector's domain.")
    public_ws: str
    private_ws: str

    @field_validator("rest")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not re.fullmatch(r"https?://[^\s/]+[^\s]*", value):
            raise ValueError(f"expected an absolute http(s):// URL without spaces, found {value!r}")
        return value

    @field_validator("public_ws", "private_ws")
    @classmethod
    def _ws_url(cls, value: str) -> str:
        if not re.fullmatch(r"wss?://[^\s/]+[^\s]*", value):
            raise ValueError(f"expected an absolute ws(s):// URL without spaces, found {value!r}")
        return value


class Credential(Strict):
    name: str = Field(description="Key name; the config field is NAME_<name> (binance_api_key).")
    prompt: str

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not is_identifier(value) or value in RESERVED_NAMES:
            raise ValueError(
                f"expected a lowercase identifier, not a keyword nor one of {sorted(RESERVED_NAMES)}, found {value!r}"
            )
        return value


class Pool(Strict):
    id: str = Field(description="Pool name, also the name of its constant (REQUEST_WEIGHT).")
    limit: PositiveInt
    interval: PositiveNumber = Field(description="Window in seconds.")

    @field_validator("id")
    @classmethod
    def _constant(cls, value: str) -> str:
        if not CONSTANT.fullmatch(value):
            raise ValueError(f"expected an UPPER_CASE name, found {value!r}")
        return value


class EndpointLimit(Strict):
    limit: PositiveInt
    interval: PositiveNumber


class RateLimits(Strict):
    pools: List[Pool] = Field(default_factory=list)
    endpoint_default: EndpointLimit


class Endpoint(Strict):
    path: str
    constant: str = Field(description="Name of the path constant in NAME_constants.py (ORDER_PATH_URL).")
    limit: Optional[EndpointLimit] = None
    weights: Dict[str, PositiveInt] = Field(
        default_factory=dict, description="Weight taken from each pool per request."
    )
    example_response: Optional[JSON] = None

    @field_validator("constant")
    @classmethod
    def _constant(cls, value: str) -> str:
        if not CONSTANT.fullmatch(value) or not value.endswith("_PATH_URL"):
            raise ValueError(f"expected an UPPER_CASE name ending in _PATH_URL, found {value!r}")
        return value
