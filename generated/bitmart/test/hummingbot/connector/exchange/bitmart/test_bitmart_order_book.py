from unittest import TestCase

from hummingbot.connector.exchange.bitmart.bitmart_order_book import BitmartOrderBook
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book_message import OrderBookMessageType


class BitmartOrderBookTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.base_asset = "COINALPHA"
        cls.quote_asset = "HBOT"
        cls.trading_pair = f"{cls.base_asset}-{cls.quote_asset}"
        cls.ex_trading_pair = cls.base_asset + "_" + cls.quote_asset

    def test_snapshot_message_from_exchange(self):
        snapshot = {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "success",
            "data": {"ts": "1001", "symbol": "BTC_USDT", "asks": [["10.75", "2.5"]], "bids": [["10.5", "1.25"]]},
        }

        snapshot_message = BitmartOrderBook.snapshot_message_from_exchange(
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

    def test_snapshot_message_from_websocket(self):
        snapshot_event = {
            "table": "spot/depth50",
            "data": [
                {
                    "asks": [["10.8", "5.25"]],
                    "bids": [["10.4", "4.5"]],
                    "symbol": self.ex_trading_pair,
                    "ms_t": 1700000000250,
                }
            ],
        }

        snapshot_message = BitmartOrderBook.snapshot_message_from_websocket(
            msg=snapshot_event, timestamp=1640000000.0, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.SNAPSHOT, snapshot_message.type)
        self.assertEqual(self.trading_pair, snapshot_message.trading_pair)
        self.assertEqual(1700000000.25, snapshot_message.timestamp)
        self.assertEqual(1700000000250, snapshot_message.update_id)
        self.assertEqual(1, len(snapshot_message.bids))
        self.assertEqual(10.4, snapshot_message.bids[0].price)
        self.assertEqual(4.5, snapshot_message.bids[0].amount)
        self.assertEqual(1700000000250, snapshot_message.bids[0].update_id)
        self.assertEqual(1, len(snapshot_message.asks))
        self.assertEqual(10.8, snapshot_message.asks[0].price)
        self.assertEqual(5.25, snapshot_message.asks[0].amount)
        self.assertEqual(1700000000250, snapshot_message.asks[0].update_id)

    def test_trade_message_from_exchange_for_a_sell(self):
        trade_event = {
            "symbol": self.ex_trading_pair,
            "price": "10.625",
            "side": "sell",
            "size": "0.375",
            "s_t": 1700000000,
            "ms_t": 1542337219120,
        }

        trade_message = BitmartOrderBook.trade_message_from_exchange(
            msg=trade_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.TRADE, trade_message.type)
        self.assertEqual(self.trading_pair, trade_message.trading_pair)
        self.assertEqual(1700000000.0, trade_message.timestamp)
        self.assertEqual(1700000000, trade_message.trade_id)
        self.assertEqual(-1, trade_message.update_id)
        self.assertEqual(-1, trade_message.first_update_id)
        self.assertEqual(float(TradeType.SELL.value), trade_message.content["trade_type"])
        self.assertEqual("10.625", trade_message.content["price"])
        self.assertEqual("0.375", trade_message.content["amount"])

    def test_trade_message_from_exchange_for_a_buy(self):
        trade_event = {
            "symbol": self.ex_trading_pair,
            "price": "10.625",
            "side": "buy",
            "size": "0.375",
            "s_t": 1700000000,
            "ms_t": 1542337219120,
        }

        trade_message = BitmartOrderBook.trade_message_from_exchange(
            msg=trade_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.TRADE, trade_message.type)
        self.assertEqual(self.trading_pair, trade_message.trading_pair)
        self.assertEqual(1700000000.0, trade_message.timestamp)
        self.assertEqual(1700000000, trade_message.trade_id)
        self.assertEqual(float(TradeType.BUY.value), trade_message.content["trade_type"])
        self.assertEqual("10.625", trade_message.content["price"])
        self.assertEqual("0.375", trade_message.content["amount"])
