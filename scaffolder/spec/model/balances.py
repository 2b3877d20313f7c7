"""`balances` and `user_stream.balance_event`: account balances over REST and websocket."""

from __future__ import annotations

from typing import Optional


from scaffolder.spec.model.base import FieldPath, JSON, Strict


class Balances(Strict):
    endpoint: str
    rows: FieldPath
    asset: FieldPath
    available: FieldPath
    locked: Optional[FieldPath] = None
    total: Optional[FieldPath] = None


class BalanceEvent(Strict):
    route: str
    rows: FieldPath
    asset: FieldPath
    available: FieldPath
    locked: Optional[FieldPath] = None
    total: Optional[FieldPath] = None
    example: JSON
