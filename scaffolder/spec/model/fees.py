"""`trading_fees`: the account's maker and taker fee rates per trading pair, requested over REST."""

from __future__ import annotations

from typing import Dict, Literal, Optional

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, PositiveInt, Strict


class TradingFees(Strict):
    """The account's fee rates by pair, polled by Hummingbot's trading fees loop (`_update_trading_fees`) and used by
    `_get_fee`; pairs the response leaves out keep the default fees (`exchange.fees`)."""

    endpoint: str = Field(description="The (signed) endpoint returning fee rates; it needs an example_response.")
    method: Literal["GET", "POST"] = "GET"
    params: Dict[str, str] = Field(
        default_factory=dict,
        description="Request parameters, templates: {symbols} is a comma-separated batch of the connector's "
        "exchange symbols (at most batch_size per request), {symbol} asks pair by pair; with neither, one request "
        "answers for every pair.",
    )
    batch_size: Optional[PositiveInt] = Field(
        default=None,
        description="With {symbols}: the most symbols one request may name (KuCoin: 10), the constant "
        "TRADING_FEES_SYMBOL_LIMIT; without it, one request names them all.",
    )
    rows: FieldPath = Field(description="Path to the list of fee rows; empty when the response is the list itself.")
    symbol: FieldPath = Field(
        description="The exchange symbol of a row; rows of pairs the connector does not know are skipped."
    )
    maker: FieldPath = Field(description="The maker fee rate of a row, a fraction (0.001 for 0.1%).")
    taker: FieldPath = Field(description="The taker fee rate of a row, a fraction.")
