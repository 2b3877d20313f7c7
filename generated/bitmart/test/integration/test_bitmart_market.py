"""Market tests of the Bitmart connector (Hummingbot's connector QA list): the whole order life cycle,
with the connector's own loops running over real sockets.

Run by `hbgen market-test bitmart` against the loopback exchange (BITMART_API_HOST points the connector
at it), or with `--live` against the exchange itself with the keys in 'BITMART_API_KEY', 'BITMART_SECRET_KEY', 'BITMART_MEMO':
real orders, of the smallest sizes the trading rules allow.
"""

import asyncio
import contextlib
import json
import os
import time
import unittest
from decimal import Decimal
from typing import List, Optional

from hummingbot.connector.exchange.bitmart.bitmart_exchange import BitmartExchange
from hummingbot.core.clock import Clock, ClockMode
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.event.event_logger import EventLogger
from hummingbot.core.event.events import (
    BuyOrderCompletedEvent,
    BuyOrderCreatedEvent,
    MarketEvent,
    MarketOrderFailureEvent,
    OrderCancelledEvent,
    OrderFilledEvent,
    SellOrderCompletedEvent,
    SellOrderCreatedEvent,
)

TRADING_PAIR = os.environ.get("BITMART_TEST_PAIR", "ETH-USDT")
BASE, QUOTE = TRADING_PAIR.split("-")
# Seconds an awaited event or state may take before the test fails (a guard against hanging, not a speed check).
EVENT_TIMEOUT = 30.0


def connector_arguments() -> dict:
    """The connector's credentials, from the environment variables named here."""
    missing = [env for env in ("BITMART_API_KEY", "BITMART_SECRET_KEY", "BITMART_MEMO") if not os.environ.get(env)]
    if missing:
        raise RuntimeError(f"set {', '.join(missing)} (`hbgen market-test bitmart` does, for the loopback exchange)")
    return {
        "bitmart_api_key": os.environ["BITMART_API_KEY"],
        "bitmart_secret_key": os.environ["BITMART_SECRET_KEY"],
        "bitmart_memo": os.environ["BITMART_MEMO"],
    }


async def until(condition, what, timeout: float = EVENT_TIMEOUT):
    """Poll `condition` until it returns something true, and return that; past `timeout` seconds, fail saying
    `what` did not happen (a text, or a function giving one, called then)."""
    deadline = time.monotonic() + timeout
    while True:
        outcome = condition()
        if outcome:
            return outcome
        if time.monotonic() > deadline:
            raise AssertionError(f"{what() if callable(what) else what} within {timeout:g}s")
        await asyncio.sleep(0.05)


class BitmartMarketTest(unittest.TestCase):
    events = [
        MarketEvent.BuyOrderCompleted,
        MarketEvent.SellOrderCompleted,
        MarketEvent.OrderFilled,
        MarketEvent.OrderCancelled,
        MarketEvent.BuyOrderCreated,
        MarketEvent.SellOrderCreated,
        MarketEvent.OrderFailure,
    ]

    @classmethod
    def setUpClass(cls):
        # One loop for every test: Hummingbot's connections factory keeps a session bound to the loop it started on.
        cls.ev_loop = asyncio.get_event_loop()
        cls.connector = BitmartExchange(trading_pairs=[TRADING_PAIR], trading_required=True, **connector_arguments())
        cls.clock = Clock(ClockMode.REALTIME)
        cls.clock.add_iterator(cls.connector)
        cls.stack = contextlib.ExitStack()
        cls.stack.enter_context(cls.clock)
        cls.clock_task = cls.ev_loop.create_task(cls.clock.run())
        cls.ev_loop.run_until_complete(cls.wait_until_ready(cls.connector))

    @classmethod
    def tearDownClass(cls):
        cls.clock_task.cancel()
        cls.ev_loop.run_until_complete(cls.connector.stop_network())
        cls.stack.close()
        cls.ev_loop.run_until_complete(asyncio.sleep(0.1))

    @classmethod
    async def wait_until_ready(cls, connector):
        await until(lambda: connector.ready, lambda: f"the connector did not become ready: {connector.status_dict}", 60)

    def setUp(self):
        self.event_logger = EventLogger()
        for event in self.events:
            self.connector.add_listener(event, self.event_logger)

    def tearDown(self):
        for event in self.events:
            self.connector.remove_listener(event, self.event_logger)
        self.run_async(self.cancel_open_orders())

    def run_async(self, coroutine):
        return self.ev_loop.run_until_complete(asyncio.wait_for(coroutine, EVENT_TIMEOUT * 2))

    async def cancel_open_orders(self):
        if self.connector.in_flight_orders:
            await self.connector.cancel_all(EVENT_TIMEOUT)

    async def wait_for(self, event_class, order_id: str, timeout: float = EVENT_TIMEOUT):
        """The first event of the class logged for the order."""

        def logged_event():
            log = self.event_logger.event_log
            return next(
                (e for e in log if isinstance(e, event_class) and getattr(e, "order_id", None) == order_id), None
            )

        def missing() -> str:
            logged = [type(event).__name__ for event in self.event_logger.event_log]
            return f"no {event_class.__name__} for {order_id} (logged: {logged})"

        return await until(logged_event, missing, timeout)

    def fills(self, order_id: str) -> List[OrderFilledEvent]:
        return [e for e in self.event_logger.event_log if isinstance(e, OrderFilledEvent) and e.order_id == order_id]

    async def filled_amount(self, order_id: str, amount: Decimal) -> None:
        """Until the order's fills add up to `amount`."""
        await until(
            lambda: sum(fill.amount for fill in self.fills(order_id)) >= amount,
            f"the fills of {order_id} do not add up to {amount}",
        )

    # --- prices and sizes from the live book and the trading rules ----------------------------------------------

    def price(self, is_buy: bool, factor: str) -> Decimal:
        """The best price of one side (ask for a buy), times a factor, on the price grid."""
        reference = self.connector.get_price(TRADING_PAIR, is_buy)
        return self.connector.quantize_order_price(TRADING_PAIR, reference * Decimal(factor))

    def amount(self, price: Decimal) -> Decimal:
        """The smallest amount the rules accept at that price, with a margin over the minimum notional."""
        rule = self.connector.trading_rules[TRADING_PAIR]
        notional = max(rule.min_notional_size, rule.min_order_value)
        amount = max(rule.min_order_size, notional * Decimal("1.5") / price)
        return self.connector.quantize_order_amount(TRADING_PAIR, amount + rule.min_base_amount_increment)

    def place(self, is_buy: bool, order_type: OrderType, price: Optional[Decimal] = None, amount=None) -> str:
        amount = amount or self.amount(price or self.connector.get_price(TRADING_PAIR, is_buy))
        place = self.connector.buy if is_buy else self.connector.sell
        return place(TRADING_PAIR, amount, order_type, price or Decimal("NaN"))

    def place_resting(self, is_buy: bool) -> str:
        """A limit order well away from the book, so that it rests."""
        order_id = self.place(is_buy, OrderType.LIMIT, self.price(not is_buy, "0.8" if is_buy else "1.2"))
        self.run_async(self.wait_for(BuyOrderCreatedEvent if is_buy else SellOrderCreatedEvent, order_id))
        return order_id

    # --- the QA list ------------------------------------------------------------------------------------------------

    def test_get_fee(self):
        for order_type, expected in (
            # A LIMIT order may take liquidity: Hummingbot estimates its fee as a taker's.
            (OrderType.LIMIT, Decimal("0.0025")),
            (OrderType.LIMIT_MAKER, Decimal("0.0025")),
            (OrderType.MARKET, Decimal("0.0025")),
        ):
            fee = self.connector.get_fee(BASE, QUOTE, order_type, TradeType.BUY, Decimal("1"), Decimal("10"))
            self.assertEqual(expected, fee.percent, order_type)

    def assert_filled(self, order_id: str, completed_class, amount: Decimal):
        completed = self.run_async(self.wait_for(completed_class, order_id))
        # Hummingbot completes a filled order whose fills are late (it waits TRADE_FILLS_WAIT_TIMEOUT for them, then
        # reports them as they arrive): on a loaded machine the completion can come first.
        self.run_async(self.filled_amount(order_id, amount))
        fills = self.fills(order_id)
        self.assertTrue(fills, f"no OrderFilledEvent for {order_id}")
        self.assertEqual(amount, sum(fill.amount for fill in fills))
        self.assertEqual(BASE, completed.base_asset)
        self.assertEqual(QUOTE, completed.quote_asset)
        self.assertEqual(amount, completed.base_asset_amount)
        self.assertNotIn(order_id, self.connector.in_flight_orders)

    def test_limit_buy(self):
        price = self.price(True, "1.05")
        amount = self.amount(price)
        order_id = self.place(True, OrderType.LIMIT, price, amount)
        self.assert_filled(order_id, BuyOrderCompletedEvent, amount)
        self.assertTrue(all(fill.trade_type is TradeType.BUY for fill in self.fills(order_id)))

    def test_limit_sell(self):
        price = self.price(False, "0.95")
        amount = self.amount(price)
        order_id = self.place(False, OrderType.LIMIT, price, amount)
        self.assert_filled(order_id, SellOrderCompletedEvent, amount)
        self.assertTrue(all(fill.trade_type is TradeType.SELL for fill in self.fills(order_id)))

    def test_limit_maker_rejections(self):
        for is_buy, factor in ((True, "1.02"), (False, "0.98")):
            order_id = self.place(is_buy, OrderType.LIMIT_MAKER, self.price(is_buy, factor))
            self.run_async(self.wait_for(MarketOrderFailureEvent, order_id))
            self.assertFalse(self.fills(order_id))

    def test_limit_makers_unfilled(self):
        buy_id = self.place(True, OrderType.LIMIT_MAKER, self.price(False, "0.8"))
        sell_id = self.place(False, OrderType.LIMIT_MAKER, self.price(True, "1.2"))
        self.run_async(self.wait_for(BuyOrderCreatedEvent, buy_id))
        self.run_async(self.wait_for(SellOrderCreatedEvent, sell_id))
        for order_id in (buy_id, sell_id):
            order = self.connector.in_flight_orders[order_id]
            self.assertTrue(order.is_open)
            self.assertEqual(Decimal(0), order.executed_amount_base)
            self.connector.cancel(TRADING_PAIR, order_id)
            self.run_async(self.wait_for(OrderCancelledEvent, order_id))

    def test_market_buy(self):
        amount = self.amount(self.connector.get_price(TRADING_PAIR, True))
        order_id = self.place(True, OrderType.MARKET, amount=amount)
        self.assert_filled(order_id, BuyOrderCompletedEvent, amount)

    def test_market_sell(self):
        amount = self.amount(self.connector.get_price(TRADING_PAIR, False))
        order_id = self.place(False, OrderType.MARKET, amount=amount)
        self.assert_filled(order_id, SellOrderCompletedEvent, amount)

    def test_cancel_order(self):
        order_id = self.place_resting(True)
        # The cancel request needs the exchange's id for the client id, resolved by the connector.
        self.assertIsNotNone(self.connector.in_flight_orders[order_id].exchange_order_id)
        self.connector.cancel(TRADING_PAIR, order_id)
        cancelled = self.run_async(self.wait_for(OrderCancelledEvent, order_id))
        self.assertEqual(order_id, cancelled.order_id)
        self.assertNotIn(order_id, self.connector.in_flight_orders)

    def test_cancel_all(self):
        order_ids = [self.place_resting(True), self.place_resting(False)]
        results = self.run_async(self.connector.cancel_all(EVENT_TIMEOUT))
        self.assertEqual(sorted(order_ids), sorted(result.order_id for result in results))
        self.assertTrue(all(result.success for result in results), results)
        for order_id in order_ids:
            self.run_async(self.wait_for(OrderCancelledEvent, order_id))

    def test_list_orders(self):
        order_id = self.place_resting(True)
        orders = self.connector.limit_orders
        self.assertEqual(1, len(orders))
        self.assertEqual(order_id, orders[0].client_order_id)
        self.assertTrue(orders[0].is_buy)
        self.assertEqual(TRADING_PAIR, orders[0].trading_pair)
        self.assertEqual(self.connector.in_flight_orders[order_id].price, orders[0].price)

    def test_order_saving_and_restoration(self):
        order_id = self.place_resting(True)
        # What Hummingbot saves between sessions (MarketsRecorder stores it as JSON), restored into a new connector.
        saved = json.loads(json.dumps(self.connector.tracking_states))
        self.assertIn(order_id, saved)
        restored = BitmartExchange(trading_pairs=[TRADING_PAIR], trading_required=True, **connector_arguments())
        restored.restore_tracking_states(saved)
        order = restored.in_flight_orders[order_id]
        original = self.connector.in_flight_orders[order_id]
        self.assertEqual(
            (original.exchange_order_id, original.trading_pair, original.trade_type, original.price, original.amount),
            (order.exchange_order_id, order.trading_pair, order.trade_type, order.price, order.amount),
        )
        self.connector.cancel(TRADING_PAIR, order_id)
        self.run_async(self.wait_for(OrderCancelledEvent, order_id))

    def test_order_fill_record(self):
        price = self.price(True, "1.05")
        amount = self.amount(price)
        order_id = self.place(True, OrderType.LIMIT, price, amount)
        self.assert_filled(order_id, BuyOrderCompletedEvent, amount)
        # Each fill is recorded once, with the exchange's trade id, on the order the connector keeps.
        order = (
            self.connector._order_tracker.all_fillable_orders.get(order_id)
            or self.connector._order_tracker.cached_orders[order_id]
        )
        events = self.fills(order_id)
        self.assertEqual(sorted(e.exchange_trade_id for e in events), sorted(order.order_fills))
        self.assertEqual(amount, sum(fill.fill_base_amount for fill in order.order_fills.values()))
        self.assertTrue(all(fill.fee.flat_fees or fill.fee.percent for fill in order.order_fills.values()))
