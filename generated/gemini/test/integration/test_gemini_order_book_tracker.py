"""Order book tracker test of the Gemini connector (Hummingbot's connector QA list): the data source
and Hummingbot's OrderBookTracker keep a book that mirrors the exchange's, over real sockets.

Run by `hbgen market-test gemini` (loopback exchange) or `hbgen market-test gemini --live`.
"""

import asyncio
import os
import time
import unittest
from decimal import Decimal

from hummingbot.connector.exchange.gemini.gemini_api_order_book_data_source import GeminiAPIOrderBookDataSource
from hummingbot.connector.exchange.gemini.gemini_exchange import GeminiExchange
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.order_book_tracker import OrderBookTracker

TRADING_PAIR = os.environ.get("GEMINI_TEST_PAIR", "BTC-USD")
# Seconds a book may take to show a change before the test fails (a guard against hanging, not a speed check).
EVENT_TIMEOUT = 30.0


def connector_arguments() -> dict:
    """The connector's credentials, from the environment variables named here."""
    missing = [env for env in ("GEMINI_API_KEY", "GEMINI_API_SECRET") if not os.environ.get(env)]
    if missing:
        raise RuntimeError(f"set {', '.join(missing)} (`hbgen market-test gemini` does, for the loopback exchange)")
    return {
        "gemini_api_key": os.environ["GEMINI_API_KEY"],
        "gemini_api_secret": os.environ["GEMINI_API_SECRET"],
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


class GeminiOrderBookTrackerTest(unittest.TestCase):
    def setUp(self):
        # One loop for every test: Hummingbot's connections factory keeps a session bound to the loop it started on.
        self.ev_loop = asyncio.get_event_loop()
        # The connector places the orders that move the book; the tracker under test has its own data source.
        self.connector = GeminiExchange(trading_pairs=[TRADING_PAIR], trading_required=True, **connector_arguments())
        self.data_source = GeminiAPIOrderBookDataSource(
            trading_pairs=[TRADING_PAIR], connector=self.connector, api_factory=self.connector._web_assistants_factory
        )
        self.tracker = OrderBookTracker(data_source=self.data_source, trading_pairs=[TRADING_PAIR])

    def tearDown(self):
        self.tracker.stop()
        self.ev_loop.run_until_complete(self.connector.stop_network())
        self.ev_loop.run_until_complete(asyncio.sleep(0.1))

    def run_async(self, coroutine):
        return self.ev_loop.run_until_complete(asyncio.wait_for(coroutine, EVENT_TIMEOUT * 2))

    def bid_amount(self, price: Decimal) -> Decimal:
        book = self.tracker.order_books[TRADING_PAIR]
        return sum(
            (Decimal(str(row.amount)) for row in book.bid_entries() if Decimal(str(row.price)) == price), Decimal(0)
        )

    def test_tracker_mirrors_the_exchange_book(self):
        self.connector._set_current_timestamp(time.time())
        self.run_async(self.connector._update_trading_rules())
        self.run_async(self.connector._update_balances())
        self.tracker.start()
        self.run_async(self.tracker.wait_ready())
        book = self.tracker.order_books[TRADING_PAIR]
        self.assertGreater(book.get_price(True), book.get_price(False), "the best ask must be above the best bid")

        # The book as the exchange sends it in a snapshot, and the tracked book, agree on the best levels.
        snapshot = self.run_async(self.data_source._order_book_snapshot(TRADING_PAIR))
        best_bid = max(Decimal(str(row.price)) for row in snapshot.bids)
        self.assertEqual(best_bid, Decimal(str(book.get_price(False))))

        # A resting order of ours appears in the tracked book through the diff stream, and goes when cancelled.
        rule = self.connector.trading_rules[TRADING_PAIR]
        price = self.connector.quantize_order_price(TRADING_PAIR, best_bid * Decimal("0.9"))
        notional = max(rule.min_notional_size, rule.min_order_value)
        amount = self.connector.quantize_order_amount(
            TRADING_PAIR, max(rule.min_order_size, notional * 2 / price) + rule.min_base_amount_increment
        )
        before = self.bid_amount(price)
        self.connector._set_current_timestamp(time.time())
        order_id = self.connector.buy(TRADING_PAIR, amount, OrderType.LIMIT, price)
        self.run_async(
            until(lambda: self.bid_amount(price) >= before + amount, f"no bid of {amount} at {price} in the book")
        )
        self.run_async(
            until(
                lambda: self.connector.in_flight_orders.get(order_id) is not None
                and self.connector.in_flight_orders[order_id].exchange_order_id,
                "the order was not acknowledged",
            )
        )
        self.run_async(self.connector._execute_cancel(TRADING_PAIR, order_id))
        self.run_async(until(lambda: self.bid_amount(price) <= before, f"the bid at {price} stayed in the book"))
