"""`expect:` blocks: the values an author expects the connector to read from a documented example, by hand.

Each section that maps fields of a documented payload may carry an `expect` block next to its example (or, for
sections reading an endpoint's `example_response`, in the section itself). The generated tests feed the
documented example, as documented, to the connector and compare what it parsed with these literals, so a
mapping that points at a wrong but existing field fails although every injected-fixture test passes.

Numbers are written as the exchange documents them (strings or numbers) and compared as decimals; timestamps
are seconds since the epoch (what Hummingbot keeps), whatever unit the exchange sends; ids are compared as text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Dict, List, Literal, Optional, Tuple

from pydantic import BeforeValidator, Field

from scaffolder.spec.model.base import ORDER_STATES, PAIR, Strict, _reject_bool


def _one_or_many(value: Any) -> Any:
    # A payload without rows parses to one item: a mapping is accepted for a one-item list.
    return [value] if isinstance(value, dict) else value


def _id_text(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"expected an id (text or integer), found {str(value).lower()}")
    return str(value) if isinstance(value, int) else value


def _pair(value: Any) -> Any:
    if not isinstance(value, str) or not PAIR.fullmatch(value):
        raise ValueError(f"expected a trading pair BASE-QUOTE in upper case, found {value!r}")
    return value


Number = Annotated[Decimal, BeforeValidator(_reject_bool), Field(allow_inf_nan=False)]
Seconds = Annotated[
    float, BeforeValidator(_reject_bool), Field(allow_inf_nan=False, ge=0, description="Seconds since the epoch.")
]
Id = Annotated[str, BeforeValidator(_id_text)]
Pair = Annotated[str, BeforeValidator(_pair)]
BookRows = List[Tuple[Number, Number]]


class ExpectedServerTime(Strict):
    server_time: Seconds


class ExpectedRule(Strict):
    min_order_size: Number
    min_price_increment: Number
    min_base_amount_increment: Number
    min_notional_size: Optional[Number] = Field(default=None, description="When trading_rules maps it.")
    min_order_value: Optional[Number] = Field(default=None, description="When trading_rules maps it.")
    max_order_size: Optional[Number] = Field(default=None, description="When trading_rules maps it.")
    min_quote_amount_increment: Optional[Number] = Field(default=None, description="When trading_rules maps it.")


class ExpectedPrice(Strict):
    price: Number


class ExpectedBook(Strict):
    """An order book snapshot (REST or websocket) or diff: every documented level, in order."""

    trading_pair: Optional[Pair] = Field(default=None, description="Websocket books: the pair the message is for.")
    first_update_id: Optional[int] = Field(default=None, description="Diffs mapping first_update_id.")
    update_id: int
    bids: BookRows
    asks: BookRows
    timestamp: Optional[Seconds] = Field(default=None, description="Books that map a timestamp.")


class ExpectedBalance(Strict):
    available: Number
    total: Number


class ExpectedCreation(Strict):
    exchange_order_id: Id
    timestamp: Optional[Seconds] = Field(default=None, description="When orders.create maps a timestamp.")


class ExpectedStatus(Strict):
    exchange_order_id: Id
    state: Literal[ORDER_STATES]  # type: ignore[valid-type]
    timestamp: Optional[Seconds] = Field(
        default=None, description="The update's time (only when orders.status.timestamp is mapped)."
    )


class ExpectedFill(Strict):
    trade_id: Id
    exchange_order_id: Optional[Id] = Field(default=None, description="Fills read over REST and fill events.")
    price: Number
    amount: Number
    quote_amount: Optional[Number] = None
    fee_amount: Number = Field(description="As Hummingbot records it: a fee charged is positive.")
    fee_asset: Optional[str] = Field(default=None, description="When the fill maps fee_asset (not with a rule).")
    timestamp: Seconds


class ExpectedFillEvent(ExpectedFill):
    client_order_id: Id


class ExpectedOrderEvent(Strict):
    client_order_id: Id
    exchange_order_id: Id
    state: Literal[ORDER_STATES]  # type: ignore[valid-type]
    timestamp: Seconds
    fill: Optional[ExpectedFill] = Field(
        default=None, description="The fill the event carries (when order_event.fill's condition holds)."
    )


class ExpectedTrade(Strict):
    trading_pair: Pair
    trade_id: Id
    price: Number
    amount: Number
    side: Literal["BUY", "SELL"]
    timestamp: Seconds


def rows_of(model: Any) -> Any:
    """A list of `model`, one per documented row; a single mapping stands for a one-row list."""
    return Annotated[List[model], BeforeValidator(_one_or_many)]


Balances = Dict[str, ExpectedBalance]
