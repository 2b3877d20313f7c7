import asyncio
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from hummingbot.connector.exchange.gemini import gemini_constants as CONSTANTS, gemini_web_utils as web_utils
from hummingbot.connector.exchange.gemini.gemini_auth import GeminiAuth
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.data_type.user_stream_tracker_data_source import UserStreamTrackerDataSource
from hummingbot.core.web_assistant.connections.data_types import WSJSONRequest
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory
from hummingbot.core.web_assistant.ws_assistant import WSAssistant
from hummingbot.logger import HummingbotLogger

if TYPE_CHECKING:
    from hummingbot.connector.exchange.gemini.gemini_exchange import GeminiExchange


class GeminiAPIUserStreamDataSource(UserStreamTrackerDataSource):
    """User data stream: the private websocket's handshake carries signed headers, then the account subscriptions."""

    _logger: Optional[HummingbotLogger] = None

    def __init__(
        self,
        auth: GeminiAuth,
        trading_pairs: Optional[List[str]] = None,
        connector: Optional["GeminiExchange"] = None,
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
            ws_url=CONSTANTS.WSS_PRIVATE_URL.format(domain=self._domain),
            ping_timeout=CONSTANTS.WS_HEARTBEAT_TIME_INTERVAL,
            ws_headers=self._auth.ws_auth_headers(),
        )
        self.logger().info("Successfully connected to authenticated user stream")
        return ws

    async def _subscribe_channels(self, websocket_assistant: WSAssistant):
        try:
            await websocket_assistant.send(
                WSJSONRequest(
                    payload={
                        "id": web_utils.next_message_id(),
                        "method": "subscribe",
                        "params": ["orders@account", "balances@account"],
                    }
                )
            )
            self.logger().info("Subscribed to user order events and balance update channels...")
        except asyncio.CancelledError:
            raise
        except Exception:
            self.logger().exception("Unexpected error occurred subscribing to user stream channels...")
            raise

    async def _process_event_message(self, event_message: Dict[str, Any], queue: asyncio.Queue):
        # Only account events are queued: replies to requests and pongs are not.
        if not (isinstance(event_message, dict) and event_message.get("e")):
            return
        event = event_message
        queue.put_nowait(event)
