from typing import Any, Dict, Optional

from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_utils import seconds_from_date_time
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book import OrderBook
from hummingbot.core.data_type.order_book_message import OrderBookMessage, OrderBookMessageType


class CoinbaseAdvancedTradeOrderBook(OrderBook):
    @classmethod
    def snapshot_message_from_exchange(
        cls, msg: Dict[str, Any], timestamp: float, metadata: Optional[Dict] = None
    ) -> OrderBookMessage:
        """
        Creates a snapshot message from the order book snapshot sent by the exchange
        :param msg: the snapshot payload
        :param timestamp: the snapshot timestamp
        :param metadata: extra information; must carry the trading_pair
        """
        return OrderBookMessage(
            OrderBookMessageType.SNAPSHOT,
            {
                "trading_pair": metadata["trading_pair"],
                "update_id": int(seconds_from_date_time(msg["pricebook"]["time"])),
                "bids": [[level["price"], level["size"]] for level in msg["pricebook"]["bids"]],
                "asks": [[level["price"], level["size"]] for level in msg["pricebook"]["asks"]],
            },
            timestamp=timestamp,
        )

    @classmethod
    def diff_message_from_exchange(
        cls, msg: Dict[str, Any], timestamp: Optional[float] = None, metadata: Optional[Dict] = None
    ) -> OrderBookMessage:
        """
        Creates a diff message from an order book update sent by the exchange
        :param msg: the update payload
        :param timestamp: the time to record; by default the update's own event time
        :param metadata: extra information; must carry the trading_pair
        """
        return OrderBookMessage(
            OrderBookMessageType.DIFF,
            {
                "trading_pair": metadata["trading_pair"],
                "update_id": int(seconds_from_date_time(msg["timestamp"])),
                "bids": [
                    [level["price_level"], level["new_quantity"]]
                    for level in msg["events"][0]["updates"]
                    if level["side"] == "bid"
                ],
                "asks": [
                    [level["price_level"], level["new_quantity"]]
                    for level in msg["events"][0]["updates"]
                    if level["side"] == "offer"
                ],
            },
            timestamp=timestamp if timestamp is not None else seconds_from_date_time(msg["timestamp"]),
        )

    @classmethod
    def trade_message_from_exchange(cls, msg: Dict[str, Any], metadata: Optional[Dict] = None) -> OrderBookMessage:
        """
        Creates a trade message from a public trade sent by the exchange
        :param msg: the trade payload
        :param metadata: extra information; must carry the trading_pair
        """
        trade_type = TradeType.SELL if msg["side"] == "SELL" else TradeType.BUY
        return OrderBookMessage(
            OrderBookMessageType.TRADE,
            {
                "trading_pair": metadata["trading_pair"],
                "trade_type": float(trade_type.value),
                "trade_id": msg["trade_id"],
                "price": msg["price"],
                "amount": msg["size"],
            },
            timestamp=seconds_from_date_time(msg["time"]),
        )
