"""`exchange`, `urls`, `credentials`, `rate_limits` and `endpoints`: who the exchange is and where its API lives."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Dict, List, Literal, Optional, Tuple

from pydantic import Field, field_validator

from scaffolder.spec.model.base import (
    CONSTANT,
    FieldPath,
    JSON,
    PositiveInt,
    PositiveNumber,
    Predicate,
    RESERVED_NAMES,
    Strict,
    _check_pair,
    is_identifier,
)


def _class_name_check(ending: str = ""):
    """A validator of an optional CamelCase class name ending in `ending`."""

    def check(value: Optional[str]) -> Optional[str]:
        if value is not None and not re.fullmatch(rf"[A-Z][A-Za-z0-9]*{ending}", value):
            shape = f"a CamelCase class name ending in {ending}" if ending else "a CamelCase class name"
            raise ValueError(f"expected {shape}, found {value!r}")
        return value

    return check


def _check_parameter_name(value: Optional[str]) -> Optional[str]:
    """A name that becomes a parameter and attribute of generated code."""
    if value is not None and (not is_identifier(value) or value in RESERVED_NAMES):
        raise ValueError(
            f"expected a lowercase identifier, not a keyword nor one of {sorted(RESERVED_NAMES)}, found {value!r}"
        )
    return value


class Fees(Strict):
    maker_percent: Decimal = Field(description="Maker fee as a fraction (0.001 is 0.1%).")
    taker_percent: Decimal = Field(description="Taker fee as a fraction.")
    buy_percent_fee_deducted_from_returns: bool = False


class DomainUrls(Strict):
    """A domain's own URLs, used as written (no {domain}) instead of the `urls` templates formatted with it."""

    rest: str = Field(description="REST base URL of the domain (Bybit's testnet: https://api-testnet.bybit.com).")
    public_ws: str = Field(description="Public websocket URL of the domain.")
    private_ws: Optional[str] = Field(
        default=None, description="Private websocket URL of the domain: given when urls.private_ws is."
    )


class OtherDomain(Strict):
    example_pair: Optional[str] = None
    connector: Optional[str] = Field(
        default=None,
        description="The connector's name for this domain, when not NAME_DOMAIN (Hummingbot's bybit_testnet for the "
        "domain bybit_testnet): its OTHER_DOMAINS entry, config keys and exchange name.",
    )
    urls: Optional[DomainUrls] = Field(
        default=None,
        description="The domain's own URLs, for a domain that is not a part of the `urls` templates' hosts (a "
        "testnet on another host).",
    )

    _pair = field_validator("example_pair")(_check_pair)

    def connector_name(self, exchange: str, domain: str) -> str:
        return self.connector or f"{exchange}_{domain}"


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
    config_map_class: Optional[str] = Field(
        default=None,
        description="Class name of the config map in NAME_utils.py when Hummingbot imports it under a fixed name "
        "(GateIOConfigMap, KuCoinConfigMap); default: the class prefix + ConfigMap.",
    )

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not is_identifier(value):
            raise ValueError(
                f"expected a lowercase identifier such as 'my_exchange' (not a Python keyword), found {value!r}"
            )
        return value

    _pair = field_validator("example_pair")(_check_pair)

    _class_name = field_validator("config_map_class")(_class_name_check("ConfigMap"))


class ApiVersion(Strict):
    """The version segment between the REST base URL and the paths, for public and for signed endpoints."""

    public: str = Field(description="Before public paths (Binance: v3).")
    private: str = Field(description="Before signed paths (Binance: v3).")

    @field_validator("public", "private")
    @classmethod
    def _segment(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*", value):
            raise ValueError(f"expected URL path text without slashes at either end or placeholders, found {value!r}")
        return value


class Urls(Strict):
    rest: str = Field(description="REST base URL; {domain} is replaced by the connector's domain.")
    api_version: Optional[ApiVersion] = Field(
        default=None,
        description="A version segment between `rest` and the paths (Binance: `rest: https://api.binance.{domain}/api/`, "
        "`api_version: {public: v3, private: v3}`): Hummingbot's PUBLIC_API_VERSION and PRIVATE_API_VERSION constants, "
        "which public_rest_url and private_rest_url put before the path.",
    )
    public_ws: str
    private_ws: Optional[str] = Field(
        default=None,
        description="The private websocket's URL: required with a user_stream, left out with `user_stream: none`.",
    )
    domain_format: Literal["named", "positional"] = Field(
        default="named",
        description="How the URL constants write the domain: named ({domain}, .format(domain=domain)) or positional "
        "({}, .format(domain)), as Hummingbot's Backpack and Binance constants do.",
    )
    relative_paths: bool = Field(
        default=False,
        description="Path constants without their leading '/', joined to `rest` with '/' (Gate.io's "
        "ORDER_CREATE_PATH_URL = \"spot/orders\").",
    )

    def rest_base(self, private: bool) -> str:
        """The URL endpoint paths follow: `rest`, then the public or private API version if any."""
        if self.api_version is None:
            return self.rest
        return self.rest + (self.api_version.private if private else self.api_version.public)

    @field_validator("rest")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not re.fullmatch(r"https?://[^\s/]+[^\s]*", value):
            raise ValueError(f"expected an absolute http(s):// URL without spaces, found {value!r}")
        return value

    @field_validator("public_ws", "private_ws")
    @classmethod
    def _ws_url(cls, value: Optional[str]) -> Optional[str]:
        if value is None:  # `private_ws:` written empty reads as left out
            return value
        if not re.fullmatch(r"wss?://[^\s/]+[^\s]*", value):
            raise ValueError(f"expected an absolute ws(s):// URL without spaces, found {value!r}")
        return value


class Credential(Strict):
    name: str = Field(
        description="Key name: the auth class's constructor argument and attribute, and the {<name>} placeholder of "
        "the signing templates (api_key, secret_key, passphrase, as Hummingbot's auth classes name them)."
    )
    config_key: Optional[str] = Field(
        default=None,
        description="Config field and exchange constructor argument, after NAME_ (api_secret gives "
        "binance_api_secret); default: the name.",
    )
    prompt: str
    signed: bool = Field(
        default=False,
        description="Where {<name>} appears in auth.rest.headers, send the HMAC of the value (auth.rest secret, "
        "algorithm and encoding) instead of the value (KuCoin's key-version-2 passphrase).",
    )

    _identifier = field_validator("name", "config_key")(_check_parameter_name)

    def config_field(self, connector: str) -> str:
        """The config-map field of this credential for a connector name (binance_api_secret)."""
        return f"{connector}_{self.config_key or self.name}"


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


class TierLimit(Strict):
    limit: PositiveInt
    interval: Optional[PositiveNumber] = Field(
        default=None, description="Window in seconds; default: the window of the limit it replaces."
    )


class Tier(Strict):
    """The limits of one account tier that differ from the base ones (rate_limits.pools, endpoint_default and
    endpoints.*.limit); any limit not named keeps its base value."""

    pools: Dict[str, TierLimit] = Field(default_factory=dict, description="By pool id (rate_limits.pools.id).")
    endpoint_default: Optional[TierLimit] = Field(
        default=None, description="The tier's limit of every endpoint that sets no endpoints.*.limit."
    )
    endpoints: Dict[str, TierLimit] = Field(
        default_factory=dict, description="By endpoint name: the endpoint's own limit in this tier."
    )

    @property
    def overrides(self) -> bool:
        return bool(self.pools or self.endpoint_default or self.endpoints)


class Tiers(Strict):
    """Rate limits that depend on the account's tier, a setting of the user's (Kraken's kraken_api_tier: STARTER,
    INTERMEDIATE or PRO; the VIP levels of other exchanges)."""

    default: str = Field(description="The tier of a user who sets none; its limits are the base ones.")
    levels: Dict[str, Optional[Tier]] = Field(
        description="Each tier by its name (UPPER_CASE, a member of the tier enum), in order, with the limits that "
        "differ from the base ones ({} or nothing for none)."
    )
    config_key: str = Field(
        default="api_tier",
        description="Config field and exchange constructor argument, after NAME_ (api_tier gives kraken_api_tier).",
    )
    prompt: Optional[str] = Field(
        default=None, description="The config field's prompt; default: 'Enter your <display name> API tier (...)'."
    )
    enum: Optional[str] = Field(
        default=None, description="Name of the tier enum in NAME_constants.py; default: the class prefix + APITier."
    )
    function: str = Field(
        default="build_rate_limits_by_tier",
        description="Name of the function of NAME_utils.py that returns a tier's rate limits.",
    )

    _identifier = field_validator("config_key", "function")(_check_parameter_name)
    _class_name = field_validator("enum")(_class_name_check())

    def tier(self, name: str) -> Tier:
        """The limits of a tier that differ from the base ones (an empty Tier when it writes none)."""
        return self.levels[name] or Tier()

    def config_field(self, connector: str) -> str:
        """The config-map field and constructor argument for a connector name (kraken_api_tier)."""
        return f"{connector}_{self.config_key}"

    def enum_name(self, exchange: str) -> str:
        """The tier enum's class name: `enum`, else the class prefix + APITier (KrakenAPITier)."""
        return self.enum or "".join(part.capitalize() for part in exchange.split("_")) + "APITier"

    def prompt_text(self, display_name: str) -> str:
        """The config field's prompt: `prompt`, else one naming the tiers."""
        return self.prompt or f"Enter your {display_name} API tier ({'/'.join(self.levels)})"


class RateLimits(Strict):
    pools: List[Pool] = Field(default_factory=list)
    endpoint_default: Optional[EndpointLimit] = Field(
        default=None, description="Limit of every endpoint that sets none; needed unless each endpoint sets its own."
    )
    tiers: Optional[Tiers] = Field(
        default=None,
        description="Limits that depend on the account tier the user sets (Kraken's STARTER, INTERMEDIATE, PRO): "
        "a tier enum, a config field and constructor argument, and a function giving each tier's limits.",
    )


class Endpoint(Strict):
    path: str = Field(description="Path after urls.rest; {name} placeholders make it a template (/orders/{order_id}).")
    constant: str = Field(
        description="Name of the path constant in NAME_constants.py, any UPPER_SNAKE name (ORDER_PATH_URL, "
        "OKX_PLACE_ORDER_PATH)."
    )
    limit_id: Optional[str] = Field(
        default=None,
        description="Rate-limit id constant (UPPER_CASE); required when the path is a template, else the path constant.",
    )
    path_params: Dict[str, str] = Field(
        default_factory=dict,
        description="What a path placeholder stands for when it is not named after its value: "
        "{order_id: exchange_order_id} for /spot/orders/{order_id}.",
    )
    limit: Optional[EndpointLimit] = None
    weights: Dict[str, PositiveInt] = Field(
        default_factory=dict, description="Weight taken from each pool per request."
    )
    example_response: Optional[JSON] = None

    @field_validator("constant")
    @classmethod
    def _constant(cls, value: str) -> str:
        if not CONSTANT.fullmatch(value):
            raise ValueError(f"expected an UPPER_CASE name, found {value!r}")
        return value

    @field_validator("limit_id")
    @classmethod
    def _limit_id(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not CONSTANT.fullmatch(value):
            raise ValueError(f"expected an UPPER_CASE name, found {value!r}")
        return value

    @property
    def path_placeholders(self) -> List[str]:
        """The {name}s of a path template, in order (empty for a plain path)."""
        return re.findall(r"\{([a-z_][a-z0-9_]*)\}", self.path)

    @property
    def path_values(self) -> List[Tuple[str, str]]:
        """(placeholder, the value it takes: symbol, client_order_id, exchange_order_id) of a path template."""
        return [(name, self.path_params.get(name, name)) for name in self.path_placeholders]

    @property
    def rate_limit_id(self) -> str:
        """The constant naming the endpoint's rate limit: `limit_id`, else the path constant."""
        return self.limit_id or self.constant


class Prerequisite(Strict):
    """A value the connector reads once from a signed request and keeps, for the paths and parameters of later
    requests (HTX's spot account id, from GET /v1/account/accounts, in /v1/account/accounts/{account-id}/balance
    and in the order's account-id)."""

    endpoint: str = Field(description="The endpoint answering it (GET, signed; its path without placeholders).")
    value: FieldPath = Field(description="The value in its response: data[type=spot].id.")
    values: Optional[Dict[str, str]] = Field(
        default=None,
        description="The value kept for each value read, compared as text: the read value names what later "
        "requests send (Bybit's unifiedMarginStatus \"1\", a classic account, has its balances under accountType "
        "SPOT). A value read that is not listed is kept as `default`, or raises without one.",
    )
    default: Optional[str] = Field(default=None, description="With values: kept for a value read they do not list.")
    attribute: Optional[str] = Field(
        default=None,
        description="Hummingbot's name for the connector attribute keeping the value, None until requested "
        "(Bybit: _account_type); default: self._prerequisites[NAME].",
    )
    method: Optional[str] = Field(
        default=None,
        description="Hummingbot's name for a connector method requesting the value anew and keeping it (Bybit: "
        "_update_account_type); _prerequisite_NAME() calls it while the value is not kept.",
    )


class ResponseErrors(Strict):
    """Errors the exchange reports inside HTTP 200 responses, recognised by a success condition on the body."""

    success: Predicate = Field(description="Holds on every successful response body ({field: code, equals: '0'}).")
    absent_field: Literal["error", "success"] = Field(
        default="error",
        description="What a body without the success condition's field is: an error (default), or a success when "
        "the exchange documents every error body as carrying it (KuCoin's errors are all {code, msg}). A plain "
        "key path only.",
    )
    example: JSON = Field(description="A documented error body, as returned with HTTP 200.")
