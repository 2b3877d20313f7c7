import asyncio
import time
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from hummingbot.connector.exchange.kraken import kraken_constants as CONSTANTS, kraken_web_utils as web_utils
from hummingbot.connector.exchange.kraken.kraken_order_book import KrakenOrderBook
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.data_type.order_book_message import OrderBookMessage
from hummingbot.core.data_type.order_book_tracker_data_source import OrderBookTrackerDataSource
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, WSJSONRequest
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory
from hummingbot.core.web_assistant.ws_assistant import WSAssistant
from hummingbot.logger import HummingbotLogger

if TYPE_CHECKING:
    from hummingbot.connector.exchange.kraken.kraken_exchange import KrakenExchange


class KrakenAPIOrderBookDataSource(OrderBookTrackerDataSource):
    _logger: Optional[HummingbotLogger] = None

    def __init__(
        self,
        trading_pairs: List[str],
        connector: "KrakenExchange",
        api_factory: Optional[WebAssistantsFactory] = None,
        domain: str = CONSTANTS.DEFAULT_DOMAIN,
        throttler: Optional[AsyncThrottler] = None,
        time_synchronizer: Optional[TimeSynchronizer] = None,
    ):
        """Takes the arguments Hummingbot's own data sources take; without an api_factory, one is built from the
        throttler and time synchronizer (or new ones)."""
        super().__init__(trading_pairs)
        self._connector = connector
        self._api_factory = api_factory or web_utils.build_api_factory(
            throttler=throttler, time_synchronizer=time_synchronizer, domain=domain
        )
        self._domain = domain

    async def get_last_traded_prices(self, trading_pairs: List[str], domain: Optional[str] = None) -> Dict[str, float]:
        return await self._connector.get_last_traded_prices(trading_pairs=trading_pairs)

    async def _request_order_book_snapshot(self, trading_pair: str) -> Dict[str, Any]:
        """
        Retrieves a copy of the full order book from the exchange, for a particular trading pair.
        :param trading_pair: the trading pair for which the order book will be retrieved
        :return: the response from the exchange (JSON dictionary)
        """
        symbol = await self._connector.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
        rest_assistant = await self._api_factory.get_rest_assistant()
        return await rest_assistant.execute_request(
            url=web_utils.public_rest_url(path_url=CONSTANTS.SNAPSHOT_PATH_URL, domain=self._domain),
            params={
                "pair": symbol,
            },
            method=RESTMethod.GET,
            throttler_limit_id=CONSTANTS.SNAPSHOT_PATH_URL,
        )

    async def _order_book_snapshot(self, trading_pair: str) -> OrderBookMessage:
        snapshot = await self._request_order_book_snapshot(trading_pair)
        return KrakenOrderBook.snapshot_message_from_exchange(
            snapshot, time.time(), metadata={"trading_pair": trading_pair}
        )

    async def _connected_websocket_assistant(self) -> WSAssistant:
        ws: WSAssistant = await self._api_factory.get_ws_assistant()
        await ws.connect(ws_url=CONSTANTS.WS_URL.format(domain=self._domain), ping_timeout=CONSTANTS.PING_TIMEOUT)
        return ws

    async def _subscribe_channels(self, ws: WSAssistant):
        """
        Subscribes to the trade events and diff orders events through the provided websocket connection.
        :param ws: the websocket assistant used to connect to the exchange
        """
        try:
            symbols = [
                await self._connector.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
                for trading_pair in self._trading_pairs
            ]
            for payload in self._subscribe_payloads(symbols):
                await ws.send(WSJSONRequest(payload=payload))
            self.logger().info("Subscribed to public order book and trade channels...")
        except asyncio.CancelledError:
            raise
        except Exception:
            self.logger().error("Unexpected error occurred subscribing to order book data streams.", exc_info=True)
            raise

    def _subscribe_payloads(self, symbols: List[str]) -> List[Dict[str, Any]]:
        """The subscribe messages for the trade and order book channels of the given symbols."""
        payloads = []
        for symbol in symbols:
            payloads.append({"method": "subscribe", "params": {"channel": "trade", "symbol": [symbol]}})
            payloads.append({"method": "subscribe", "params": {"channel": "book", "symbol": [symbol], "depth": 1000}})
        return payloads

    def _unsubscribe_payloads(self, symbols: List[str]) -> List[Dict[str, Any]]:
        """The unsubscribe messages for the trade and order book channels of the given symbols."""
        payloads = []
        for symbol in symbols:
            payloads.append({"method": "unsubscribe", "params": {"channel": "trade", "symbol": [symbol]}})
            payloads.append({"method": "unsubscribe", "params": {"channel": "book", "symbol": [symbol], "depth": 1000}})
        return payloads

    def _channel_originating_message(self, event_message: Dict[str, Any]) -> str:
        if not isinstance(event_message, dict):
            # Text that is not JSON, or JSON that is not an object: not routed.
            return ""
        event_type = event_message.get("channel")
        if event_type == CONSTANTS.DIFF_EVENT_TYPE and event_message.get("type") == "update":
            return self._diff_messages_queue_key
        if event_type == CONSTANTS.TRADE_EVENT_TYPE and event_message.get("type") == "update":
            return self._trade_messages_queue_key
        return ""

    async def _parse_trade_message(self, raw_message: Dict[str, Any], message_queue: asyncio.Queue):
        for trade in raw_message["data"]:
            trading_pair = await self._connector.trading_pair_associated_to_exchange_symbol(symbol=trade["symbol"])
            message_queue.put_nowait(KrakenOrderBook.trade_message_from_exchange(trade, {"trading_pair": trading_pair}))

    async def _parse_order_book_diff_message(self, raw_message: Dict[str, Any], message_queue: asyncio.Queue):
        trading_pair = await self._connector.trading_pair_associated_to_exchange_symbol(
            symbol=raw_message["data"][0]["symbol"]
        )
        message_queue.put_nowait(
            KrakenOrderBook.diff_message_from_exchange(raw_message, metadata={"trading_pair": trading_pair})
        )

    async def subscribe_to_trading_pair(self, trading_pair: str) -> bool:
        """
        Subscribes to the order book and trade channels of one more trading pair on the open connection.
        :return: True if the subscription was sent, False otherwise
        """
        if self._ws_assistant is None:
            self.logger().warning(f"Cannot subscribe to {trading_pair}: WebSocket not connected")
            return False
        try:
            symbol = await self._connector.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
            for payload in self._subscribe_payloads([symbol]):
                await self._ws_assistant.send(WSJSONRequest(payload=payload))
            self.add_trading_pair(trading_pair)
            self.logger().info(f"Subscribed to {trading_pair} order book and trade channels")
            return True
        except asyncio.CancelledError:
            raise
        except Exception:
            self.logger().exception(f"Error subscribing to {trading_pair}")
            return False

    async def unsubscribe_from_trading_pair(self, trading_pair: str) -> bool:
        """
        Unsubscribes from the order book and trade channels of one trading pair on the open connection.
        :return: True if the unsubscription was sent, False otherwise
        """
        if self._ws_assistant is None:
            self.logger().warning(f"Cannot unsubscribe from {trading_pair}: WebSocket not connected")
            return False
        try:
            symbol = await self._connector.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
            for payload in self._unsubscribe_payloads([symbol]):
                await self._ws_assistant.send(WSJSONRequest(payload=payload))
            self.remove_trading_pair(trading_pair)
            self.logger().info(f"Unsubscribed from {trading_pair} order book and trade channels")
            return True
        except asyncio.CancelledError:
            raise
        except Exception:
            self.logger().exception(f"Error unsubscribing from {trading_pair}")
            return False
