"""`balances` and `user_stream.balance_event`: account balances over REST and websocket."""

from __future__ import annotations

from typing import Dict, Optional

from pydantic import Field, model_validator

from scaffolder.spec.model.base import FieldPath, JSON, Strict


class Balances(Strict):
    endpoint: str
    params: Dict[str, str] = Field(
        default_factory=dict, description="Query parameters of the balances request (type=trade)."
    )
    rows: FieldPath
    keyed_by_asset: bool = Field(
        default=False,
        description="The rows are a map from asset name to its balance (Backpack's {\"SOL\": {\"available\": ...}}) "
        "rather than a list: the asset is the key, and `asset` is left out.",
    )
    asset: Optional[FieldPath] = Field(default=None, description="The asset name in a row (unless keyed_by_asset).")
    available: Optional[FieldPath] = Field(default=None, description="Two of available / locked / total.")
    locked: Optional[FieldPath] = None
    total: Optional[FieldPath] = None

    @model_validator(mode="after")
    def _asset_or_key(self) -> "Balances":
        if (self.asset is None) != self.keyed_by_asset:
            raise ValueError("give asset (the field naming a row's asset), or keyed_by_asset: true, not both")
        return self


class BalanceEvent(Strict):
    route: str
    rows: Optional[FieldPath] = Field(default=None, description="The list of balance rows; or `row` for one row.")
    row: Optional[FieldPath] = Field(default=None, description="The single balance row of an event (KuCoin).")
    asset: FieldPath
    available: Optional[FieldPath] = Field(default=None, description="Two of available / locked / total.")
    locked: Optional[FieldPath] = None
    total: Optional[FieldPath] = None
    example: JSON
