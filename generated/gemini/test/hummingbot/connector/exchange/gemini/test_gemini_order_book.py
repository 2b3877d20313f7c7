from unittest import TestCase

from hummingbot.connector.exchange.gemini.gemini_order_book import GeminiOrderBook
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book_message import OrderBookMessageType


class GeminiOrderBookTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.base_asset = "COINALPHA"
        cls.quote_asset = "HBOT"
        cls.trading_pair = f"{cls.base_asset}-{cls.quote_asset}"
        cls.ex_trading_pair = cls.base_asset + cls.quote_asset

    def test_snapshot_message_from_exchange(self):
        snapshot = {
            "bids": [{"price": "10.5", "amount": "1.25", "timestamp": "1001"}],
            "asks": [{"price": "10.75", "amount": "2.5", "timestamp": "1547147541"}],
        }

        snapshot_message = GeminiOrderBook.snapshot_message_from_exchange(
            msg=snapshot, timestamp=1640000000.0, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.SNAPSHOT, snapshot_message.type)
        self.assertEqual(self.trading_pair, snapshot_message.trading_pair)
        self.assertEqual(1640000000.0, snapshot_message.timestamp)
        self.assertEqual(1001, snapshot_message.update_id)
        self.assertEqual(-1, snapshot_message.trade_id)
        self.assertEqual(1, len(snapshot_message.bids))
        self.assertEqual(10.5, snapshot_message.bids[0].price)
        self.assertEqual(1.25, snapshot_message.bids[0].amount)
        self.assertEqual(1001, snapshot_message.bids[0].update_id)
        self.assertEqual(1, len(snapshot_message.asks))
        self.assertEqual(10.75, snapshot_message.asks[0].price)
        self.assertEqual(2.5, snapshot_message.asks[0].amount)
        self.assertEqual(1001, snapshot_message.asks[0].update_id)

    def test_diff_message_from_exchange(self):
        diff_event = {
            "e": "depthUpdate",
            "E": 1700000000250000000,
            "s": self.ex_trading_pair,
            "U": 2001,
            "u": 2005,
            "b": [["10.25", "3.5"]],
            "a": [["11", "0.5"]],
        }

        diff_message = GeminiOrderBook.diff_message_from_exchange(
            msg=diff_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.DIFF, diff_message.type)
        self.assertEqual(self.trading_pair, diff_message.trading_pair)
        self.assertEqual(1700000000.25, diff_message.timestamp)
        self.assertEqual(2001, diff_message.first_update_id)
        self.assertEqual(2005, diff_message.update_id)
        self.assertEqual(-1, diff_message.trade_id)
        self.assertEqual(1, len(diff_message.bids))
        self.assertEqual(10.25, diff_message.bids[0].price)
        self.assertEqual(3.5, diff_message.bids[0].amount)
        self.assertEqual(2005, diff_message.bids[0].update_id)
        self.assertEqual(1, len(diff_message.asks))
        self.assertEqual(11.0, diff_message.asks[0].price)
        self.assertEqual(0.5, diff_message.asks[0].amount)
        self.assertEqual(2005, diff_message.asks[0].update_id)
        # A time given by the caller is recorded instead of the update's own.
        given_time_message = GeminiOrderBook.diff_message_from_exchange(
            msg=diff_event, timestamp=1640000000.0, metadata={"trading_pair": self.trading_pair}
        )
        self.assertEqual(1640000000.0, given_time_message.timestamp)

    def test_trade_message_from_exchange_for_a_sell(self):
        trade_event = {
            "e": "trade",
            "E": 1700000000250000000,
            "s": self.ex_trading_pair,
            "t": 3001,
            "p": "10.625",
            "q": "0.375",
            "m": True,
        }

        trade_message = GeminiOrderBook.trade_message_from_exchange(
            msg=trade_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.TRADE, trade_message.type)
        self.assertEqual(self.trading_pair, trade_message.trading_pair)
        self.assertEqual(1700000000.25, trade_message.timestamp)
        self.assertEqual(3001, trade_message.trade_id)
        self.assertEqual(-1, trade_message.update_id)
        self.assertEqual(-1, trade_message.first_update_id)
        self.assertEqual(float(TradeType.SELL.value), trade_message.content["trade_type"])
        self.assertEqual("10.625", trade_message.content["price"])
        self.assertEqual("0.375", trade_message.content["amount"])

    def test_trade_message_from_exchange_for_a_buy(self):
        trade_event = {
            "e": "trade",
            "E": 1700000000250000000,
            "s": self.ex_trading_pair,
            "t": 3001,
            "p": "10.625",
            "q": "0.375",
            "m": False,
        }

        trade_message = GeminiOrderBook.trade_message_from_exchange(
            msg=trade_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.TRADE, trade_message.type)
        self.assertEqual(self.trading_pair, trade_message.trading_pair)
        self.assertEqual(1700000000.25, trade_message.timestamp)
        self.assertEqual(3001, trade_message.trade_id)
        self.assertEqual(float(TradeType.BUY.value), trade_message.content["trade_type"])
        self.assertEqual("10.625", trade_message.content["price"])
        self.assertEqual("0.375", trade_message.content["amount"])
