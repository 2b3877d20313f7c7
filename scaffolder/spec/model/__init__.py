"""The exchange spec language: a strict pydantic model of `specs/NAME.yaml`, one module per section.

Every model forbids unknown keys, so a typo is an error rather than a silently ignored option. Cross-field
rules (references between sections) live in `validate.py`; this package only describes shapes.
"""

from __future__ import annotations

from typing import Dict, List, Literal, Optional

from pydantic import Field

from scaffolder.spec.model.auth import *  # noqa: F401,F403
from scaffolder.spec.model.auth import RestAuth, TimeSync
from scaffolder.spec.model.balances import *  # noqa: F401,F403
from scaffolder.spec.model.balances import Balances
from scaffolder.spec.model.base import *  # noqa: F401,F403
from scaffolder.spec.model.base import Strict
from scaffolder.spec.model.exchange import *  # noqa: F401,F403
from scaffolder.spec.model.extensions import ExtensiblePart
from scaffolder.spec.model.fees import *  # noqa: F401,F403
from scaffolder.spec.model.fees import TradingFees
from scaffolder.spec.model.exchange import (
    Credential,
    Endpoint,
    Exchange,
    Prerequisite,
    RateLimits,
    ResponseErrors,
    Urls,
)
from scaffolder.spec.model.markets import *  # noqa: F401,F403
from scaffolder.spec.model.markets import Markets
from scaffolder.spec.model.orders import *  # noqa: F401,F403
from scaffolder.spec.model.orders import Orders
from scaffolder.spec.model.public_ws import *  # noqa: F401,F403
from scaffolder.spec.model.public_ws import PublicWs
from scaffolder.spec.model.user_stream import *  # noqa: F401,F403
from scaffolder.spec.model.user_stream import PrivateStream, PrivateWsAuth


class Auth(Strict):
    rest: RestAuth
    time_sync: Optional[TimeSync] = None
    private_ws: Optional[PrivateWsAuth] = Field(
        default=None, description="Required with a user_stream; left out with `user_stream: none`."
    )


class Spec(Strict):
    spec_version: Literal[1]
    exchange: Exchange
    urls: Urls
    credentials: List[Credential] = Field(min_length=1)
    auth: Auth
    rate_limits: RateLimits
    endpoints: Dict[str, Endpoint]
    prerequisites: Dict[str, Prerequisite] = Field(
        default_factory=dict,
        description="Values read once from a signed request and kept ({account_id: {endpoint: accounts, value: "
        "data[type=spot].id}}): {name} in the paths and parameters of the order and balance requests.",
    )
    constant_names: Dict[str, str] = Field(
        default_factory=dict,
        description="Names for the constants of NAME_constants.py, by their default names "
        "({HBOT_ORDER_ID_PREFIX: CLIENT_ID_PREFIX}): the names Hummingbot's own connector uses.",
    )
    response_errors: Optional[ResponseErrors] = Field(
        default=None, description="Errors inside HTTP 200 bodies: raised as IOError carrying the body."
    )
    markets: Markets
    orders: Orders
    balances: Optional[Balances] = Field(default=None, description="Required to generate; see hbgen checklist.")
    trading_fees: Optional[TradingFees] = Field(
        default=None,
        description="The account's maker and taker rates per pair, requested over REST; without it, the default "
        "fees (exchange.fees) apply.",
    )
    public_ws: PublicWs
    user_stream: PrivateStream = Field(
        description="The private websocket's subscriptions and events, or `none`: the exchange has none, and the "
        "connector follows orders, fills and balances by REST polling."
    )
    extensions: List[ExtensiblePart] = Field(
        default_factory=list,
        description="Generated classes to extend with hand-written code: each listed class gets a hand-written "
        "mixin in NAME_overrides.py whose methods take precedence over the generated ones.",
    )

    def url_of(self, field: str, domain: str) -> str:
        """The URL `field` (rest, public_ws, private_ws) on `domain`: the domain's own (`exchange.domains.others.*.
        urls`), else the `urls` template with {domain} replaced."""
        other = self.exchange.domains.others.get(domain)
        if other is not None and other.urls is not None and getattr(other.urls, field) is not None:
            return getattr(other.urls, field)
        return getattr(self.urls, field).replace("{domain}", domain)

    def rest_base_of(self, domain: str, private: bool) -> str:
        """Where the endpoint paths follow on `domain`: its REST URL, then the public or private API version."""
        version = self.urls.api_version
        if version is None:
            return self.url_of("rest", domain)
        return self.url_of("rest", domain) + (version.private if private else version.public)

    def connector_name(self, domain: str) -> str:
        """Hummingbot's connector name for `domain`: NAME on the default domain, else NAME_DOMAIN or its own."""
        if domain == self.exchange.domains.default:
            return self.exchange.name
        return self.exchange.domains.others[domain].connector_name(self.exchange.name, domain)

    def constant(self, default: str) -> str:
        """The name of a constant of NAME_constants.py, given its default name (see `constant_names`)."""
        return self.constant_names.get(default, default)

    @property
    def has_private_stream(self) -> bool:
        """False for `user_stream: none`: no private websocket, orders and balances are polled over REST."""
        return self.user_stream is not None

    @property
    def fee_in_received_asset(self) -> bool:
        """Some fill's fee is paid in the asset the order receives (`fee_asset_rule: received`)."""
        stream = self.user_stream
        fills = [self.orders.fills]
        if stream is not None:
            fills += [stream.order_event.fill, stream.fill_event]
        return any(fill is not None and fill.fee_asset_rule == "received" for fill in fills)
