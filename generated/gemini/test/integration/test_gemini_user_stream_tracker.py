"""User stream tracker test of the Gemini connector (Hummingbot's connector QA list): Hummingbot's
UserStreamTracker receives the events of an order placed and cancelled, over real sockets.

Run by `hbgen market-test gemini` (loopback exchange) or `hbgen market-test gemini --live`.
"""

import asyncio
import json
import os
import time
import unittest
from decimal import Decimal

from hummingbot.connector.exchange.gemini.gemini_exchange import GeminiExchange
from hummingbot.core.data_type.common import OrderType
from hummingbot.core.data_type.user_stream_tracker import UserStreamTracker

TRADING_PAIR = os.environ.get("GEMINI_TEST_PAIR", "BTC-USD")
# Seconds an event may take before the test fails (a guard against hanging, not a speed check).
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


class GeminiUserStreamTrackerTest(unittest.TestCase):
    def setUp(self):
        # One loop for every test: Hummingbot's connections factory keeps a session bound to the loop it started on.
        self.ev_loop = asyncio.get_event_loop()
        self.connector = GeminiExchange(trading_pairs=[TRADING_PAIR], trading_required=True, **connector_arguments())
        self.tracker = UserStreamTracker(data_source=self.connector._create_user_stream_data_source())
        self.received = []

    def tearDown(self):
        self.tracker_task.cancel()
        self.ev_loop.run_until_complete(self.connector.stop_network())
        self.ev_loop.run_until_complete(asyncio.sleep(0.1))

    def run_async(self, coroutine):
        return self.ev_loop.run_until_complete(asyncio.wait_for(coroutine, EVENT_TIMEOUT * 2))

    async def message_about(self, text: str, since: int) -> None:
        """Wait for a user stream message, after the first `since`, that mentions `text`."""

        def mentioned() -> bool:
            while not self.tracker.user_stream.empty():
                self.received.append(self.tracker.user_stream.get_nowait())
            return any(text in json.dumps(message, default=str) for message in self.received[since:])

        await until(mentioned, lambda: f"no user stream message about {text}: {self.received}")

    def test_user_stream_reports_placed_and_cancelled_orders(self):
        self.connector._set_current_timestamp(time.time())
        self.run_async(self.connector._update_time_synchronizer())
        self.run_async(self.connector._update_trading_rules())
        self.run_async(self.connector._update_balances())
        self.tracker_task = self.ev_loop.create_task(self.tracker.start())
        self.run_async(until(lambda: self.tracker.data_source.last_recv_time, "the user stream did not connect"))

        last_price = Decimal(str(self.run_async(self.connector._get_last_traded_price(TRADING_PAIR))))
        price = self.connector.quantize_order_price(TRADING_PAIR, last_price * Decimal("0.8"))
        rule = self.connector.trading_rules[TRADING_PAIR]
        notional = max(rule.min_notional_size, rule.min_order_value)
        amount = self.connector.quantize_order_amount(
            TRADING_PAIR, max(rule.min_order_size, notional * 2 / price) + rule.min_base_amount_increment
        )
        order_id = self.connector.buy(TRADING_PAIR, amount, OrderType.LIMIT, price)
        self.run_async(self.message_about(order_id, 0))
        placed = len(self.received)
        exchange_order_id = self.connector.in_flight_orders[order_id].exchange_order_id
        self.run_async(self.connector._execute_cancel(TRADING_PAIR, order_id))
        self.run_async(self.message_about(str(exchange_order_id), placed))
