from typing import Any, Dict, Optional

from hummingbot.connector.exchange.kraken.kraken_utils import seconds_from_date_time
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book import OrderBook
from hummingbot.core.data_type.order_book_message import OrderBookMessage, OrderBookMessageType


class KrakenOrderBook(OrderBook):
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
                "update_id": int(next(iter(msg["result"].items()))[1]["asks"][0][2]),
                "bids": next(iter(msg["result"].items()))[1]["bids"],
                "asks": next(iter(msg["result"].items()))[1]["asks"],
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
                "update_id": int(seconds_from_date_time(msg["data"][0]["timestamp"])),
                "bids": [[level["price"], level["qty"]] for level in msg["data"][0]["bids"]],
                "asks": [[level["price"], level["qty"]] for level in msg["data"][0]["asks"]],
            },
            timestamp=timestamp if timestamp is not None else seconds_from_date_time(msg["data"][0]["timestamp"]),
        )

    @classmethod
    def trade_message_from_exchange(cls, msg: Dict[str, Any], metadata: Optional[Dict] = None) -> OrderBookMessage:
        """
        Creates a trade message from a public trade sent by the exchange
        :param msg: the trade payload
        :param metadata: extra information; must carry the trading_pair
        """
        trade_type = TradeType.SELL if msg["side"] == "sell" else TradeType.BUY
        return OrderBookMessage(
            OrderBookMessageType.TRADE,
            {
                "trading_pair": metadata["trading_pair"],
                "trade_type": float(trade_type.value),
                "trade_id": msg["trade_id"],
                "price": msg["price"],
                "amount": msg["qty"],
            },
            timestamp=seconds_from_date_time(msg["timestamp"]),
        )
