"""`markets`: symbols, trading rules, last traded price and the network check."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, Predicate, Strict
from scaffolder.spec.model.public_ws import OrderBookSnapshot


class SymbolFormat(Strict):
    separator: str = ""
    case: Literal["upper", "lower"] = "upper"


class Symbols(Strict):
    endpoint: str
    rows: FieldPath
    symbol: FieldPath
    base: FieldPath
    quote: FieldPath
    format: SymbolFormat
    valid_when: List[Predicate] = Field(default_factory=list)


class TradingRules(Strict):
    endpoint: str
    min_order_size: FieldPath
    min_price_increment: FieldPath
    min_base_amount_increment: FieldPath
    min_notional_size: Optional[FieldPath] = None


class LastTradedPrice(Strict):
    endpoint: str
    params: Dict[str, str] = Field(default_factory=dict)
    price: FieldPath


class Markets(Strict):
    check_network: str
    symbols: Symbols
    trading_rules: TradingRules
    last_traded_price: LastTradedPrice
    order_book_snapshot: OrderBookSnapshot
