import asyncio
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from hummingbot.connector.exchange.bybit import bybit_constants as CONSTANTS, bybit_web_utils as web_utils
from hummingbot.connector.exchange.bybit.bybit_auth import BybitAuth
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.data_type.user_stream_tracker_data_source import UserStreamTrackerDataSource
from hummingbot.core.web_assistant.connections.data_types import WSJSONRequest
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory
from hummingbot.core.web_assistant.ws_assistant import WSAssistant
from hummingbot.logger import HummingbotLogger

if TYPE_CHECKING:
    from hummingbot.connector.exchange.bybit.bybit_exchange import BybitExchange


class BybitAPIUserStreamDataSource(UserStreamTrackerDataSource):
    """User data stream: a login message on the private websocket, then the account subscriptions."""

    _logger: Optional[HummingbotLogger] = None

    def __init__(
        self,
        auth: BybitAuth,
        trading_pairs: Optional[List[str]] = None,
        connector: Optional["BybitExchange"] = None,
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
        self._ping_interval = CONSTANTS.USER_STREAM_PING_INTERVAL

    async def _get_ws_assistant(self) -> WSAssistant:
        """The stream's one assistant, made on first use; listen_for_user_stream forgets it on an interruption."""
        if self._ws_assistant is None:
            self._ws_assistant = await self._api_factory.get_ws_assistant()
        return self._ws_assistant

    async def _connected_websocket_assistant(self) -> WSAssistant:
        ws = await self._get_ws_assistant()
        await ws.connect(
            ws_url=CONSTANTS.WSS_PRIVATE_URLS.get(self._domain, CONSTANTS.WSS_PRIVATE_URL).format(domain=self._domain),
            ping_timeout=CONSTANTS.WS_HEARTBEAT_TIME_INTERVAL,
        )
        self.logger().info("Successfully connected to user stream")
        return ws

    async def _subscribe_channels(self, websocket_assistant: WSAssistant):
        try:
            await websocket_assistant.send(WSJSONRequest(payload=self._auth.ws_login_message()))
            await websocket_assistant.send(WSJSONRequest(payload={"op": "subscribe", "args": ["order"]}))
            await websocket_assistant.send(WSJSONRequest(payload={"op": "subscribe", "args": ["execution"]}))
            await websocket_assistant.send(WSJSONRequest(payload={"op": "subscribe", "args": ["wallet"]}))
            # The subscriptions went right after the login message: the first reply is the login's.
            response = await websocket_assistant.receive()
            if not (isinstance(response.data, dict) and response.data.get("success")):
                self.logger().error("Error authenticating the private websocket connection")
                raise IOError(f"Error subscribing to the user stream (response: {response.data})")
            self.logger().info("Subscribed to the user data stream")
        except asyncio.CancelledError:
            raise
        except Exception:
            self.logger().exception("Unexpected error occurred subscribing to user streams...")
            raise

    async def _process_websocket_messages(self, websocket_assistant: WSAssistant, queue: asyncio.Queue):
        """Processes messages, sending the exchange's ping message whenever the ping interval has passed on the data
        source's clock (`_time`) since the last ping, or since processing began."""
        last_ping = self._time()
        while True:
            try:
                await asyncio.wait_for(
                    super()._process_websocket_messages(websocket_assistant=websocket_assistant, queue=queue),
                    timeout=self._ping_interval - (self._time() - last_ping),
                )
                return
            except asyncio.TimeoutError:
                last_ping = self._time()
                await websocket_assistant.send(WSJSONRequest(payload={"op": "ping"}))

    async def _process_event_message(self, event_message: Dict[str, Any], queue: asyncio.Queue):
        # Only account events are queued: replies to requests and pongs are not.
        if not (isinstance(event_message, dict) and event_message.get("topic")):
            return
        event = event_message
        queue.put_nowait(event)
