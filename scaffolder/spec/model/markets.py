"""`markets`: symbols, trading rules, last traded price and the network check."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable, Dict, List, Literal, Optional, Union

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, Predicate, Strict, SymbolCondition
from scaffolder.spec.model.expect import ExpectedPrice, ExpectedRule, Pair
from scaffolder.spec.model.public_ws import OrderBookSnapshot


class SymbolFormat(Strict):
    separator: str = ""
    case: Literal["upper", "lower"] = "upper"


class PairField(Strict):
    """Base and quote written in one field, `"XBT/USD"`."""

    field: FieldPath = Field(description="The field holding base, separator and quote (Kraken: wsname).")
    separator: str = Field(min_length=1, description="Between base and quote in that field: /.")


class Symbols(Strict):
    endpoint: str
    params: Dict[str, str] = Field(
        default_factory=dict, description="Query parameters of the symbols (and trading rules) request: instType=SPOT."
    )
    rows: FieldPath
    symbol: FieldPath
    base: Optional[FieldPath] = Field(default=None, description="The base asset's field (or give `pair`).")
    quote: Optional[FieldPath] = Field(default=None, description="The quote asset's field (or give `pair`).")
    pair: Optional[PairField] = Field(
        default=None, description="Instead of base and quote: one field holding both, split at a separator."
    )

    def asset_fields(self, base: str, quote: str, join: Callable[[str, str, str], str]) -> Dict[str, str]:
        """Field path to value of a row's base and quote: `base` and `quote` at their fields, or
        `join(base, separator, quote)` at the pair field."""
        if self.pair is not None:
            return {self.pair.field: join(base, self.pair.separator, quote)}
        return {self.base: base, self.quote: quote}

    format: SymbolFormat
    valid_when: List[SymbolCondition] = Field(default_factory=list)
    expect: Optional[Dict[str, Pair]] = Field(
        default=None, description="Every valid documented symbol and the trading pair it stands for, by hand."
    )


class RuleValue(Strict):
    """A trading rule read with a conversion: a count of decimals, a number written with its unit, or a default when
    the field is absent."""

    path: FieldPath
    decimals: bool = Field(
        default=False, description="The field holds a number of decimal places N; the rule is 10^-N (8 -> 1E-8)."
    )
    unit: bool = Field(
        default=False,
        description="The field is text: a number, a space, then a unit word (Bitstamp's minimum_order \"20.0 USD\"); "
        "the rule is the number before the unit.",
    )
    default: Optional[Decimal] = Field(
        default=None, description="Value used when the (plain-key) field is absent from a row."
    )


# A number written with its unit, "20.0 USD": the number, then the unit word.
UNIT_TEXT = re.compile(r"\s*([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s+(\S+)\s*")


def with_unit(value: str, documented: Any) -> str:
    """`value` written as the documented text writes its number, with the documented unit ("0.01" -> "0.01 USD")."""
    match = UNIT_TEXT.fullmatch(documented) if isinstance(documented, str) else None
    return f"{value} {match.group(2) if match else 'UNIT'}"


RULE_NAMES = (
    "min_order_size",
    "min_price_increment",
    "min_base_amount_increment",
    "min_notional_size",
    "min_order_value",
    "max_order_size",
    "min_quote_amount_increment",
)


# A rule is a field path, or a mapping with a conversion.
Rule = Union[FieldPath, RuleValue]


class TradingRules(Strict):
    endpoint: str
    min_order_size: Rule
    min_price_increment: Rule
    min_base_amount_increment: Rule
    min_notional_size: Optional[Rule] = None
    min_order_value: Optional[Rule] = None
    max_order_size: Optional[Rule] = Field(
        default=None, description="The largest order amount in the base asset (Binance's LOT_SIZE maxQty)."
    )
    min_quote_amount_increment: Optional[Rule] = Field(
        default=None, description="The step of an amount in the quote asset (KuCoin's quoteIncrement)."
    )
    expect: Optional[Dict[str, ExpectedRule]] = Field(
        default=None, description="The rules expected for each documented trading pair, by hand."
    )

    def rule(self, name: str) -> Optional[RuleValue]:
        """The rule `name` as a RuleValue (a plain path is a RuleValue without conversion), None when not given."""
        value = getattr(self, name)
        return RuleValue(path=value) if isinstance(value, str) else value


class BulkLastTradedPrices(Strict):
    """Every ticker in one request, for several pairs at once (OKX /api/v5/market/tickers)."""

    endpoint: str
    params: Dict[str, str] = Field(default_factory=dict, description="Its query parameters (no placeholders).")
    rows: FieldPath = Field(
        description="The list of tickers in the response (empty: the response is the list), or a map of tickers keyed "
        "by symbol (rows [key, value])."
    )
    symbol: FieldPath = Field(description="A ticker's exchange symbol, in a row.")
    price: FieldPath = Field(description="A ticker's last traded price, in a row; an empty value is no price.")


class LastTradedPrice(Strict):
    endpoint: str
    params: Dict[str, str] = Field(default_factory=dict)
    price: FieldPath
    bulk: Optional[BulkLastTradedPrices] = Field(
        default=None,
        description="get_last_traded_prices for several pairs asks this endpoint once for every ticker and keeps the "
        "requested pairs'; one pair is still asked through endpoint.",
    )
    expect: Optional[ExpectedPrice] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class Markets(Strict):
    check_network: str
    asset_aliases: Dict[str, str] = Field(
        default_factory=dict,
        description="The exchange's name of an asset to Hummingbot's (Kraken: XBT: BTC, XXBT: BTC, ZUSD: USD), "
        "applied to the assets of the symbols and of the balances.",
    )
    symbols: Symbols
    trading_rules: TradingRules

    def exchange_asset(self, name: str) -> str:
        """The exchange's name for Hummingbot's asset `name`: the first alias naming it, else `name`."""
        return next((alias for alias, hb_name in self.asset_aliases.items() if hb_name == name), name)

    last_traded_price: LastTradedPrice
    order_book_snapshot: OrderBookSnapshot
