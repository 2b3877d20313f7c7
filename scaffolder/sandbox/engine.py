"""The loopback exchange's state: balances, order books and a small price-time matching engine.

Prices and amounts are Decimals; sides and order types use Hummingbot's names (BUY/SELL, LIMIT, LIMIT_MAKER,
MARKET) and states Hummingbot's OrderState names: the exchange's vocabulary is applied where payloads are built.
Each book starts with resting "house" liquidity on both sides, so that crossing orders fill and passive ones rest.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Dict, List, Optional, Tuple

MID_PRICE = Decimal("100")
TICK = Decimal("0.01")
STEP = Decimal("0.001")
MIN_NOTIONAL = Decimal("1")
MAX_ORDER_SIZE = Decimal("100000")
HOUSE_LEVELS = 5
HOUSE_LEVEL_AMOUNT = Decimal("1000")
STARTING_BALANCES = (Decimal("1000"), Decimal("100000"))  # base, quote of every pair
FEE_RATE = Decimal("0.001")


class Rejected(Exception):
    """An order the exchange refuses; the message is the reason given to the client."""


@dataclass
class Market:
    trading_pair: str
    base: str
    quote: str
    symbol: str


@dataclass
class Fill:
    trade_id: int
    price: Decimal
    amount: Decimal
    fee: Decimal
    fee_asset: str
    timestamp: float
    maker: bool

    @property
    def quote_amount(self) -> Decimal:
        return self.price * self.amount


@dataclass
class Order:
    exchange_order_id: int
    client_order_id: str
    market: Market
    side: str
    order_type: str
    price: Decimal
    amount: Decimal
    house: bool = False
    quote_budget: Optional[Decimal] = None  # a MARKET BUY sized in quote currency
    filled: Decimal = Decimal(0)
    state: str = "OPEN"
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    fills: List[Fill] = field(default_factory=list)

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.filled

    @property
    def quote_filled(self) -> Decimal:
        return sum((fill.quote_amount for fill in self.fills), Decimal(0))

    @property
    def average_price(self) -> Decimal:
        return self.quote_filled / self.filled if self.filled else Decimal(0)

    @property
    def is_open(self) -> bool:
        return self.state in ("OPEN", "PARTIALLY_FILLED")


Listener = Callable[..., None]


class Engine:
    """Accounts, books and matching. Listeners hear about every change as it happens (see `_notify`)."""

    def __init__(self, markets: List[Market], fee_asset: Callable[[Order], str]):
        self.markets: Dict[str, Market] = {market.trading_pair: market for market in markets}
        self.by_symbol: Dict[str, Market] = {market.symbol: market for market in markets}
        self.balances: Dict[str, List[Decimal]] = {}  # asset -> [available, locked]
        self.orders: Dict[int, Order] = {}
        self.books: Dict[str, Dict[str, List[Order]]] = {}
        self.update_id = 1000
        self._ids = itertools.count(3001)
        self._trade_ids = itertools.count(7001)
        self._fee_asset = fee_asset
        self.listeners: List[Listener] = []
        for market in markets:
            base_amount, quote_amount = STARTING_BALANCES
            self.balances.setdefault(market.base, [base_amount, Decimal(0)])
            self.balances.setdefault(market.quote, [quote_amount, Decimal(0)])
            self.books[market.trading_pair] = {"BUY": [], "SELL": []}
            for level in range(1, HOUSE_LEVELS + 1):
                for side, sign in (("BUY", -1), ("SELL", 1)):
                    house = Order(next(self._ids), "", market, side, "LIMIT",
                                  MID_PRICE + sign * TICK * 10 * level, HOUSE_LEVEL_AMOUNT, house=True)
                    self.books[market.trading_pair][side].append(house)

    # --- reading -------------------------------------------------------------------------------------------------

    def levels(self, trading_pair: str, side: str) -> List[Tuple[Decimal, Decimal]]:
        """Aggregated (price, amount) levels of one side, best first."""
        totals: Dict[Decimal, Decimal] = {}
        for order in self.books[trading_pair][side]:
            totals[order.price] = totals.get(order.price, Decimal(0)) + order.remaining
        return sorted(totals.items(), reverse=side == "BUY")

    def find(self, exchange_order_id: Optional[str] = None, client_order_id: Optional[str] = None) -> Optional[Order]:
        for order in self.orders.values():
            if exchange_order_id not in (None, "") and str(order.exchange_order_id) != str(exchange_order_id):
                continue
            # A numeric client id arrives as a JSON number (orders.client_order_id.numeric_bits): compare as text.
            if client_order_id not in (None, "") and order.client_order_id != str(client_order_id):
                continue
            if exchange_order_id in (None, "") and client_order_id in (None, ""):
                continue
            return order
        return None

    def open_orders(self, trading_pair: Optional[str] = None) -> List[Order]:
        return [o for o in self.orders.values() if o.is_open and trading_pair in (None, o.market.trading_pair)]

    # --- trading -------------------------------------------------------------------------------------------------

    def place(self, market: Market, side: str, order_type: str, amount: Decimal, price: Optional[Decimal],
              client_order_id: str, quote_budget: Optional[Decimal] = None) -> Order:
        book = self.books[market.trading_pair]
        opposite = book["SELL" if side == "BUY" else "BUY"]
        if order_type == "MARKET":
            price = None
        elif price is None or price <= 0:
            raise Rejected("Invalid price.")
        if quote_budget is None and amount <= 0:
            raise Rejected("Invalid quantity.")
        best = self._best(opposite, side)
        if order_type == "LIMIT_MAKER" and best is not None and self._crosses(side, price, best.price):
            raise Rejected("Order would immediately match and take.")
        if order_type == "MARKET" and best is None:
            raise Rejected("No liquidity to fill a market order.")
        if order_type == "MARKET" and quote_budget is not None:
            amount = (quote_budget / best.price).quantize(STEP)
        if any(o.client_order_id == client_order_id for o in self.orders.values() if client_order_id):
            raise Rejected("Duplicate order sent.")
        reserve_asset, reserve = self._reserve(market, side, amount, price or (best.price if best else Decimal(0)))
        if self.balances[reserve_asset][0] < reserve:
            raise Rejected("Account has insufficient balance for requested action.")
        order = Order(next(self._ids), client_order_id, market, side, order_type, price or Decimal(0), amount,
                      quote_budget=quote_budget)
        self.orders[order.exchange_order_id] = order
        if order_type != "MARKET":  # a market order settles at once: nothing stays locked
            self._move(reserve_asset, reserve, locked=True)
        self._notify("order", order, None)
        changed = self._match(order, opposite)
        if order.remaining > 0 and order.order_type != "MARKET":
            book[side].append(order)
            changed.add((side, order.price))
        elif order.remaining > 0:  # a market order's unfilled rest is cancelled
            self._release(order)
            order.state = "CANCELED" if not order.filled else "FILLED"
            self._notify("order", order, None)
        self._book_changed(market, changed)
        self._balances_changed(market)
        return order

    def cancel(self, order: Order) -> None:
        if not order.is_open:
            raise Rejected("Unknown order sent.")
        self.books[order.market.trading_pair][order.side].remove(order)
        self._release(order)
        order.state = "CANCELED"
        order.updated = time.time()
        self._notify("order", order, None)
        self._book_changed(order.market, {(order.side, order.price)})
        self._balances_changed(order.market)

    # --- internals -----------------------------------------------------------------------------------------------

    @staticmethod
    def _crosses(side: str, price: Optional[Decimal], resting: Decimal) -> bool:
        if price is None:
            return True
        return price >= resting if side == "BUY" else price <= resting

    def _best(self, resting: List[Order], taker_side: str) -> Optional[Order]:
        if not resting:
            return None
        ordered = sorted(resting, key=lambda o: (o.price if taker_side == "BUY" else -o.price, o.created))
        return ordered[0]

    def _reserve(self, market: Market, side: str, amount: Decimal, price: Decimal) -> Tuple[str, Decimal]:
        if side == "BUY":
            return market.quote, amount * price
        return market.base, amount

    def _release(self, order: Order) -> None:
        if order.house or order.order_type == "MARKET":
            return
        asset, amount = self._reserve(order.market, order.side, order.remaining, order.price or self._last_price(order))
        self._move(asset, -amount, locked=True)

    def _last_price(self, order: Order) -> Decimal:
        return order.fills[-1].price if order.fills else MID_PRICE

    def _move(self, asset: str, amount: Decimal, locked: bool) -> None:
        """Move `amount` of `asset` from available to locked (negative: back)."""
        balance = self.balances.setdefault(asset, [Decimal(0), Decimal(0)])
        if locked:
            balance[0] -= amount
            balance[1] += amount

    def _match(self, taker: Order, resting: List[Order]) -> set:
        changed = set()
        while taker.remaining > 0:
            maker = self._best(resting, taker.side)
            if maker is None or not self._crosses(taker.side, taker.price if taker.order_type != "MARKET" else None,
                                                  maker.price):
                break
            amount = min(taker.remaining, maker.remaining)
            for order, is_maker in ((maker, True), (taker, False)):
                self._fill(order, maker.price, amount, is_maker)
            changed.add((maker.side, maker.price))
            if maker.remaining <= 0:
                resting.remove(maker)
            self._notify("trade", taker.market, maker.price, amount, taker.side)
        return changed

    def _fill(self, order: Order, price: Decimal, amount: Decimal, maker: bool) -> None:
        now = time.time()
        order.updated = now
        if order.house:
            order.filled += amount
            return
        fee_asset = self._fee_asset(order)
        received = amount if order.side == "BUY" else amount * price
        fee = received * FEE_RATE if fee_asset == (order.market.base if order.side == "BUY" else order.market.quote) \
            else amount * price * FEE_RATE
        fill = Fill(next(self._trade_ids), price, amount, fee, fee_asset, now, maker)
        market = order.market
        # Unlock what this fill consumes (at the order's own price for a limit buy), then settle.
        resting = order.order_type != "MARKET"
        if order.side == "BUY":
            if resting:
                self._move(market.quote, -(amount * order.price), locked=True)
            self.balances[market.quote][0] -= amount * price
            self.balances[market.base][0] += amount
        else:
            if resting:
                self._move(market.base, -amount, locked=True)
            self.balances[market.base][0] -= amount
            self.balances[market.quote][0] += amount * price
        self.balances.setdefault(fee_asset, [Decimal(0), Decimal(0)])[0] -= fee
        order.filled += amount
        order.fills.append(fill)
        order.state = "FILLED" if order.remaining <= 0 else "PARTIALLY_FILLED"
        self._notify("order", order, fill)

    def _book_changed(self, market: Market, changed: set) -> None:
        if not changed:
            return
        self.update_id += 1
        levels = dict(self.levels(market.trading_pair, "BUY")), dict(self.levels(market.trading_pair, "SELL"))
        bids = [(price, levels[0].get(price, Decimal(0))) for side, price in sorted(changed) if side == "BUY"]
        asks = [(price, levels[1].get(price, Decimal(0))) for side, price in sorted(changed) if side == "SELL"]
        self._notify("diff", market, bids, asks, self.update_id)

    def _balances_changed(self, market: Market) -> None:
        self._notify("balance", [market.base, market.quote])

    def _notify(self, kind: str, *args) -> None:
        for listener in list(self.listeners):
            listener(kind, *args)
