"""`balances` and `user_stream.balance_event`: account balances over REST and websocket."""

from __future__ import annotations

from typing import Dict, Literal, Optional

from pydantic import Field

from scaffolder.spec.model.base import FieldPath, FieldPaths, JSON, Strict
from scaffolder.spec.model.expect import Balances as ExpectedBalances


class Balances(Strict):
    endpoint: str
    method: Literal["GET", "POST"] = Field(
        default="GET", description="The HTTP method of the balances request: POST for exchanges that read by POST."
    )
    params: Dict[str, str] = Field(
        default_factory=dict, description="Query parameters of the balances request (type=trade)."
    )
    rows: FieldPath
    asset: FieldPath
    available: Optional[FieldPath] = Field(default=None, description="Two of available / locked / total.")
    locked: Optional[FieldPaths] = Field(
        default=None,
        description="The amount not available, or a list of fields whose sum it is (Backpack: locked and staked).",
    )
    total: Optional[FieldPath] = None
    expect: Optional[ExpectedBalances] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")


class BalanceEvent(Strict):
    route: str
    rows: Optional[FieldPath] = Field(default=None, description="The list of balance rows; or `row` for one row.")
    row: Optional[FieldPath] = Field(default=None, description="The single balance row of an event (KuCoin).")
    asset: FieldPath
    available: Optional[FieldPath] = Field(default=None, description="Two of available / locked / total.")
    locked: Optional[FieldPaths] = Field(
        default=None,
        description="The amount not available, or a list of fields whose sum it is (Backpack: locked and staked).",
    )
    total: Optional[FieldPath] = None
    example: JSON
    expect: Optional[ExpectedBalances] = Field(default=None, description="Values expected from the documented example, by hand (see docs).")
