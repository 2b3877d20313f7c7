import asyncio
import uuid
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from hummingbot.connector.exchange.binance import binance_constants as CONSTANTS, binance_web_utils as web_utils
from hummingbot.connector.exchange.binance.binance_auth import BinanceAuth
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.data_type.user_stream_tracker_data_source import UserStreamTrackerDataSource
from hummingbot.core.web_assistant.connections.data_types import WSJSONRequest
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory
from hummingbot.core.web_assistant.ws_assistant import WSAssistant
from hummingbot.logger import HummingbotLogger

if TYPE_CHECKING:
    from hummingbot.connector.exchange.binance.binance_exchange import BinanceExchange


class BinanceAPIUserStreamDataSource(UserStreamTrackerDataSource):
    """User data stream: one signed subscribe request on the private websocket, then account events."""

    _logger: Optional[HummingbotLogger] = None

    def __init__(
        self,
        auth: BinanceAuth,
        trading_pairs: Optional[List[str]] = None,
        connector: Optional["BinanceExchange"] = None,
        api_factory: Optional[WebAssistantsFactory] = None,
        domain: str = CONSTANTS.DEFAULT_DOMAIN,
        throttler: Optional[AsyncThrottler] = None,
        time_synchronizer: Optional[TimeSynchronizer] = None,
    ):
        """Takes the arguments Hummingbot's own data sources take; without an api_factory, one is built from the
        throttler and time synchronizer (or new ones)."""
        super().__init__()
        self._auth = auth
        self._trading_pairs = trading_pairs or []
        self._connector = connector
        self._api_factory = api_factory or web_utils.build_api_factory(
            throttler=throttler, time_synchronizer=time_synchronizer, domain=domain, auth=auth
        )
        self._domain = domain

    async def _get_ws_assistant(self) -> WSAssistant:
        return await self._api_factory.get_ws_assistant()

    async def _connected_websocket_assistant(self) -> WSAssistant:
        ws = await self._get_ws_assistant()
        await ws.connect(
            ws_url=CONSTANTS.WSS_PRIVATE_URL.format(self._domain),
            ping_timeout=CONSTANTS.WS_HEARTBEAT_TIME_INTERVAL,
        )
        self.logger().info("Successfully connected to user stream")
        return ws

    async def _subscribe_channels(self, websocket_assistant: WSAssistant):
        try:
            payload = {
                "id": str(uuid.uuid4()),
                "method": CONSTANTS.USER_STREAM_SUBSCRIBE_METHOD,
                "params": self._auth.generate_ws_subscribe_params(),
            }
            await websocket_assistant.send(WSJSONRequest(payload=payload))
            response = await websocket_assistant.receive()
            if not (isinstance(response.data, dict) and response.data.get("status") == 200):
                self.logger().error("Error authenticating the private websocket connection")
                raise IOError(f"Error subscribing to the user stream (response: {response.data})")
            self.logger().info("Successfully subscribed to user data stream via WebSocket API")
        except asyncio.CancelledError:
            raise
        except Exception:
            self.logger().exception("Unexpected error occurred subscribing to user streams...")
            raise

    async def _process_event_message(self, event_message: Dict[str, Any], queue: asyncio.Queue):
        # Account events arrive wrapped in 'event', or bare; replies to requests are not queued.
        if not isinstance(event_message, dict) or not event_message:
            return
        if "event" in event_message:
            event = event_message["event"]
        elif event_message.get("status") is None:
            event = event_message
        else:
            return
        if not isinstance(event, dict) or not event:
            return
        if event.get("e") == "eventStreamTerminated":
            # The server ended the stream: reconnect and subscribe again.
            raise ConnectionError(f"The exchange terminated the user stream: {event}")
        queue.put_nowait(event)
