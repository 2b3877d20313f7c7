from unittest import TestCase

from hummingbot.connector.exchange.bybit.bybit_order_book import BybitOrderBook
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book_message import OrderBookMessageType


class BybitOrderBookTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.base_asset = "COINALPHA"
        cls.quote_asset = "HBOT"
        cls.trading_pair = f"{cls.base_asset}-{cls.quote_asset}"
        cls.ex_trading_pair = cls.base_asset + cls.quote_asset

    def test_snapshot_message_from_exchange(self):
        snapshot = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "s": "BTCUSDT",
                "a": [["10.75", "2.5"]],
                "b": [["10.5", "1.25"]],
                "ts": 1716863719031,
                "u": 1001,
                "seq": 1432604333,
                "cts": 1716863718905,
            },
            "retExtInfo": {},
            "time": 1716863719382,
        }

        snapshot_message = BybitOrderBook.snapshot_message_from_exchange(
            msg=snapshot["result"], timestamp=1640000000.0, metadata={"trading_pair": self.trading_pair}
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

    def test_snapshot_message_from_websocket(self):
        snapshot_event = {
            "topic": "orderbook.50.BTCUSDT",
            "type": "snapshot",
            "ts": 1700000000250,
            "data": {
                "s": self.ex_trading_pair,
                "b": [["10.4", "4.5"]],
                "a": [["10.8", "5.25"]],
                "u": 1501,
                "seq": 7961638724,
            },
            "cts": 1672304484976,
        }

        snapshot_message = BybitOrderBook.snapshot_message_from_websocket(
            msg=snapshot_event, timestamp=1640000000.0, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.SNAPSHOT, snapshot_message.type)
        self.assertEqual(self.trading_pair, snapshot_message.trading_pair)
        self.assertEqual(1700000000.25, snapshot_message.timestamp)
        self.assertEqual(1501, snapshot_message.update_id)
        self.assertEqual(1, len(snapshot_message.bids))
        self.assertEqual(10.4, snapshot_message.bids[0].price)
        self.assertEqual(4.5, snapshot_message.bids[0].amount)
        self.assertEqual(1501, snapshot_message.bids[0].update_id)
        self.assertEqual(1, len(snapshot_message.asks))
        self.assertEqual(10.8, snapshot_message.asks[0].price)
        self.assertEqual(5.25, snapshot_message.asks[0].amount)
        self.assertEqual(1501, snapshot_message.asks[0].update_id)

    def test_diff_message_from_exchange(self):
        diff_event = {
            "topic": "orderbook.50.BTCUSDT",
            "type": "delta",
            "ts": 1700000000250,
            "data": {
                "s": self.ex_trading_pair,
                "b": [["10.25", "3.5"]],
                "a": [["11", "0.5"]],
                "u": 2005,
                "seq": 66544703342,
            },
            "cts": 1687940967464,
        }

        diff_message = BybitOrderBook.diff_message_from_exchange(
            msg=diff_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.DIFF, diff_message.type)
        self.assertEqual(self.trading_pair, diff_message.trading_pair)
        self.assertEqual(1700000000.25, diff_message.timestamp)
        self.assertEqual(2005, diff_message.first_update_id)
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
        given_time_message = BybitOrderBook.diff_message_from_exchange(
            msg=diff_event, timestamp=1640000000.0, metadata={"trading_pair": self.trading_pair}
        )
        self.assertEqual(1640000000.0, given_time_message.timestamp)

    def test_trade_message_from_exchange_for_a_sell(self):
        trade_event = {
            "T": 1700000000250,
            "s": self.ex_trading_pair,
            "S": "Sell",
            "v": "0.375",
            "p": "10.625",
            "L": "PlusTick",
            "i": "3001",
            "BT": False,
        }

        trade_message = BybitOrderBook.trade_message_from_exchange(
            msg=trade_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.TRADE, trade_message.type)
        self.assertEqual(self.trading_pair, trade_message.trading_pair)
        self.assertEqual(1700000000.25, trade_message.timestamp)
        self.assertEqual("3001", trade_message.trade_id)
        self.assertEqual(-1, trade_message.update_id)
        self.assertEqual(-1, trade_message.first_update_id)
        self.assertEqual(float(TradeType.SELL.value), trade_message.content["trade_type"])
        self.assertEqual("10.625", trade_message.content["price"])
        self.assertEqual("0.375", trade_message.content["amount"])

    def test_trade_message_from_exchange_for_a_buy(self):
        trade_event = {
            "T": 1700000000250,
            "s": self.ex_trading_pair,
            "S": "Buy",
            "v": "0.375",
            "p": "10.625",
            "L": "PlusTick",
            "i": "3001",
            "BT": False,
        }

        trade_message = BybitOrderBook.trade_message_from_exchange(
            msg=trade_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.TRADE, trade_message.type)
        self.assertEqual(self.trading_pair, trade_message.trading_pair)
        self.assertEqual(1700000000.25, trade_message.timestamp)
        self.assertEqual("3001", trade_message.trade_id)
        self.assertEqual(float(TradeType.BUY.value), trade_message.content["trade_type"])
        self.assertEqual("10.625", trade_message.content["price"])
        self.assertEqual("0.375", trade_message.content["amount"])
