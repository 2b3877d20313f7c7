from unittest import TestCase

from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_order_book import (
    CoinbaseAdvancedTradeOrderBook,
)
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book_message import OrderBookMessageType


class CoinbaseAdvancedTradeOrderBookTests(TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.base_asset = "COINALPHA"
        cls.quote_asset = "HBOT"
        cls.trading_pair = f"{cls.base_asset}-{cls.quote_asset}"
        cls.ex_trading_pair = cls.base_asset + "-" + cls.quote_asset

    def test_snapshot_message_from_exchange(self):
        snapshot = {
            "pricebook": {
                "product_id": "BTC-USD",
                "bids": [{"price": "10.5", "size": "1.25"}],
                "asks": [{"price": "10.75", "size": "2.5"}],
                "time": "2023-11-14T22:13:20.250Z",
            },
            "last": "21921.74",
            "mid_market": "21921.735",
            "spread_bps": "0.0046",
            "spread_absolute": "0.01",
        }

        snapshot_message = CoinbaseAdvancedTradeOrderBook.snapshot_message_from_exchange(
            msg=snapshot, timestamp=1640000000.0, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.SNAPSHOT, snapshot_message.type)
        self.assertEqual(self.trading_pair, snapshot_message.trading_pair)
        self.assertEqual(1640000000.0, snapshot_message.timestamp)
        self.assertEqual(1700000000, snapshot_message.update_id)
        self.assertEqual(-1, snapshot_message.trade_id)
        self.assertEqual(1, len(snapshot_message.bids))
        self.assertEqual(10.5, snapshot_message.bids[0].price)
        self.assertEqual(1.25, snapshot_message.bids[0].amount)
        self.assertEqual(1700000000, snapshot_message.bids[0].update_id)
        self.assertEqual(1, len(snapshot_message.asks))
        self.assertEqual(10.75, snapshot_message.asks[0].price)
        self.assertEqual(2.5, snapshot_message.asks[0].amount)
        self.assertEqual(1700000000, snapshot_message.asks[0].update_id)

    def test_diff_message_from_exchange(self):
        diff_event = {
            "channel": "l2_data",
            "client_id": "",
            "timestamp": "2023-11-14T22:13:20.250Z",
            "sequence_num": 0,
            "events": [
                {
                    "type": "snapshot",
                    "product_id": self.ex_trading_pair,
                    "updates": [
                        {
                            "side": "bid",
                            "event_time": "1970-01-01T00:00:00Z",
                            "price_level": "10.25",
                            "new_quantity": "3.5",
                        },
                        {
                            "side": "offer",
                            "event_time": "1970-01-01T00:00:00Z",
                            "price_level": "11",
                            "new_quantity": "0.5",
                        },
                    ],
                }
            ],
        }

        diff_message = CoinbaseAdvancedTradeOrderBook.diff_message_from_exchange(
            msg=diff_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.DIFF, diff_message.type)
        self.assertEqual(self.trading_pair, diff_message.trading_pair)
        self.assertEqual(1700000000.25, diff_message.timestamp)
        self.assertEqual(1700000000, diff_message.first_update_id)
        self.assertEqual(1700000000, diff_message.update_id)
        self.assertEqual(-1, diff_message.trade_id)
        self.assertEqual(1, len(diff_message.bids))
        self.assertEqual(10.25, diff_message.bids[0].price)
        self.assertEqual(3.5, diff_message.bids[0].amount)
        self.assertEqual(1700000000, diff_message.bids[0].update_id)
        self.assertEqual(1, len(diff_message.asks))
        self.assertEqual(11.0, diff_message.asks[0].price)
        self.assertEqual(0.5, diff_message.asks[0].amount)
        self.assertEqual(1700000000, diff_message.asks[0].update_id)
        # A time given by the caller is recorded instead of the update's own.
        given_time_message = CoinbaseAdvancedTradeOrderBook.diff_message_from_exchange(
            msg=diff_event, timestamp=1640000000.0, metadata={"trading_pair": self.trading_pair}
        )
        self.assertEqual(1640000000.0, given_time_message.timestamp)

    def test_trade_message_from_exchange_for_a_sell(self):
        trade_event = {
            "trade_id": "3001",
            "product_id": self.ex_trading_pair,
            "price": "10.625",
            "size": "0.375",
            "side": "SELL",
            "time": "2023-11-14T22:13:20.250Z",
        }

        trade_message = CoinbaseAdvancedTradeOrderBook.trade_message_from_exchange(
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
            "trade_id": "3001",
            "product_id": self.ex_trading_pair,
            "price": "10.625",
            "size": "0.375",
            "side": "BUY",
            "time": "2023-11-14T22:13:20.250Z",
        }

        trade_message = CoinbaseAdvancedTradeOrderBook.trade_message_from_exchange(
            msg=trade_event, metadata={"trading_pair": self.trading_pair}
        )

        self.assertEqual(OrderBookMessageType.TRADE, trade_message.type)
        self.assertEqual(self.trading_pair, trade_message.trading_pair)
        self.assertEqual(1700000000.25, trade_message.timestamp)
        self.assertEqual("3001", trade_message.trade_id)
        self.assertEqual(float(TradeType.BUY.value), trade_message.content["trade_type"])
        self.assertEqual("10.625", trade_message.content["price"])
        self.assertEqual("0.375", trade_message.content["amount"])
