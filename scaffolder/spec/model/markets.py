"""`markets`: symbols, trading rules, last traded price and the network check."""

from __future__ import annotations

from decimal import Decimal
from typing import Dict, List, Literal, Optional, Union

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, Predicate, Strict
from scaffolder.spec.model.expect import ExpectedPrice, ExpectedRule, Pair
from scaffolder.spec.model.public_ws import OrderBookSnapshot


class SymbolFormat(Strict):
    separator: str = ""
    case: Literal["upper", "lower"] = "upper"


class Symbols(Strict):
    endpoint: str
    params: Dict[str, str] = Field(
        default_factory=dict, description="Query parameters of the symbols (and trading rules) request: instType=SPOT."
    )
    rows: FieldPath
    symbol: FieldPath
    base: FieldPath
    quote: FieldPath
    format: SymbolFormat
    valid_when: List[Predicate] = Field(default_factory=list)
    expect: Optional[Dict[str, Pair]] = Field(
        default=None, description="Every valid documented symbol and the trading pair it stands for, by hand."
    )


class RuleValue(Strict):
    """A trading rule read with a conversion: a count of decimals, or a default when the field is absent."""

    path: FieldPath
    decimals: bool = Field(
        default=False, description="The field holds a number of decimal places N; the rule is 10^-N (8 -> 1E-8)."
    )
    default: Optional[Decimal] = Field(
        default=None, description="Value used when the (plain-key) field is absent from a row."
    )


RULE_NAMES = ("min_order_size", "min_price_increment", "min_base_amount_increment", "min_notional_size")


# A rule is a field path, or a mapping with a conversion.
Rule = Union[FieldPath, RuleValue]


class TradingRules(Strict):
    endpoint: str
    min_order_size: Rule
    min_price_increment: Rule
    min_base_amount_increment: Rule
    min_notional_size: Optional[Rule] = None
    expect: Optional[Dict[str, ExpectedRule]] = Field(
        default=None, description="The rules expected for each documented trading pair, by hand."
    )

    def rule(self, name: str) -> Optional[RuleValue]:
        """The rule `name` as a RuleValue (a plain path is a RuleValue without conversion), None when not given."""
        value = getattr(self, name)
        return RuleValue(path=value) if isinstance(value, str) else value


class LastTradedPrice(Strict):
    endpoint: str
    params: Dict[str, str] = Field(default_factory=dict)
    price: FieldPath
    expect: Optional[ExpectedPrice] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class Markets(Strict):
    check_network: str
    symbols: Symbols
    trading_rules: TradingRules
    last_traded_price: LastTradedPrice
    order_book_snapshot: OrderBookSnapshot
