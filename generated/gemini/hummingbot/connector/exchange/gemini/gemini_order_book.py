from typing import Any, Dict, Optional

from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book import OrderBook
from hummingbot.core.data_type.order_book_message import OrderBookMessage, OrderBookMessageType


class GeminiOrderBook(OrderBook):
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
                "update_id": int(msg["bids"][0]["timestamp"]),
                "bids": [[level["price"], level["amount"]] for level in msg["bids"]],
                "asks": [[level["price"], level["amount"]] for level in msg["asks"]],
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
                "first_update_id": msg["U"],
                "update_id": msg["u"],
                "bids": msg["b"],
                "asks": msg["a"],
            },
            timestamp=timestamp if timestamp is not None else msg["E"] * 1e-9,
        )

    @classmethod
    def trade_message_from_exchange(cls, msg: Dict[str, Any], metadata: Optional[Dict] = None) -> OrderBookMessage:
        """
        Creates a trade message from a public trade sent by the exchange
        :param msg: the trade payload
        :param metadata: extra information; must carry the trading_pair
        """
        trade_type = TradeType.SELL if msg["m"] else TradeType.BUY
        return OrderBookMessage(
            OrderBookMessageType.TRADE,
            {
                "trading_pair": metadata["trading_pair"],
                "trade_type": float(trade_type.value),
                "trade_id": msg["t"],
                "price": msg["p"],
                "amount": msg["q"],
            },
            timestamp=msg["E"] * 1e-9,
        )
