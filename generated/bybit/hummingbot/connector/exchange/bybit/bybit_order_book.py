from typing import Any, Dict, Optional

from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book import OrderBook
from hummingbot.core.data_type.order_book_message import OrderBookMessage, OrderBookMessageType


class BybitOrderBook(OrderBook):
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
                "update_id": msg["u"],
                "bids": msg["b"],
                "asks": msg["a"],
            },
            timestamp=timestamp,
        )

    @classmethod
    def snapshot_message_from_websocket(
        cls, msg: Dict[str, Any], timestamp: float, metadata: Optional[Dict] = None
    ) -> OrderBookMessage:
        """
        Creates a snapshot message from a full order book sent through the websocket
        :param msg: the websocket message
        :param timestamp: unused: the message carries its own time
        :param metadata: extra information; must carry the trading_pair
        """
        return OrderBookMessage(
            OrderBookMessageType.SNAPSHOT,
            {
                "trading_pair": metadata["trading_pair"],
                "update_id": msg["data"]["u"],
                "bids": msg["data"]["b"],
                "asks": msg["data"]["a"],
            },
            timestamp=msg["ts"] * 1e-3,
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
                "update_id": msg["data"]["u"],
                "bids": msg["data"]["b"],
                "asks": msg["data"]["a"],
            },
            timestamp=timestamp if timestamp is not None else msg["ts"] * 1e-3,
        )

    @classmethod
    def trade_message_from_exchange(cls, msg: Dict[str, Any], metadata: Optional[Dict] = None) -> OrderBookMessage:
        """
        Creates a trade message from a public trade sent by the exchange
        :param msg: the trade payload
        :param metadata: extra information; must carry the trading_pair
        """
        trade_type = TradeType.SELL if msg["S"] == "Sell" else TradeType.BUY
        return OrderBookMessage(
            OrderBookMessageType.TRADE,
            {
                "trading_pair": metadata["trading_pair"],
                "trade_type": float(trade_type.value),
                "trade_id": msg["i"],
                "price": msg["p"],
                "amount": msg["v"],
            },
            timestamp=msg["T"] * 1e-3,
        )
