import asyncio
import uuid
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from hummingbot.connector.exchange.kucoin import kucoin_constants as CONSTANTS, kucoin_web_utils as web_utils
from hummingbot.connector.exchange.kucoin.kucoin_auth import KucoinAuth
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.data_type.user_stream_tracker_data_source import UserStreamTrackerDataSource
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, WSJSONRequest
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory
from hummingbot.core.web_assistant.ws_assistant import WSAssistant
from hummingbot.logger import HummingbotLogger

if TYPE_CHECKING:
    from hummingbot.connector.exchange.kucoin.kucoin_exchange import KucoinExchange


class KucoinAPIUserStreamDataSource(UserStreamTrackerDataSource):
    """User data stream: a token fetched over REST names the private websocket server to connect to."""

    _logger: Optional[HummingbotLogger] = None

    def __init__(
        self,
        auth: KucoinAuth,
        trading_pairs: Optional[List[str]] = None,
        connector: Optional["KucoinExchange"] = None,
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
        self._ping_interval = 0.0  # announced by the token endpoint on connection
        # When the client last sent a message (self._time()): a ping is due one interval later.
        self._last_ws_message_sent_timestamp = 0.0

    async def _get_ws_assistant(self) -> WSAssistant:
        return await self._api_factory.get_ws_assistant()

    async def _connected_websocket_assistant(self) -> WSAssistant:
        rest_assistant = await self._api_factory.get_rest_assistant()
        response = await rest_assistant.execute_request(
            url=web_utils.private_rest_url(path_url=CONSTANTS.PRIVATE_WS_DATA_PATH_URL, domain=self._domain),
            method=RESTMethod.POST,
            throttler_limit_id=CONSTANTS.PRIVATE_WS_DATA_PATH_URL,
            is_auth_required=True,
        )
        server = response["data"]["instanceServers"][0]["endpoint"]
        token = response["data"]["token"]
        self._ping_interval = float(response["data"]["instanceServers"][0]["pingInterval"]) * 1e-3 * 0.8
        ws = await self._get_ws_assistant()
        await ws.connect(
            ws_url=f"{server}?token={token}&connectId={uuid.uuid4()}", ping_timeout=CONSTANTS.WS_HEARTBEAT_TIME_INTERVAL
        )
        self.logger().info("Successfully connected to user stream")
        return ws

    async def _subscribe_channels(self, websocket_assistant: WSAssistant):
        try:
            await websocket_assistant.send(
                WSJSONRequest(
                    payload={
                        "id": web_utils.next_message_id(),
                        "type": "subscribe",
                        "topic": "/spotMarket/tradeOrders",
                        "privateChannel": True,
                        "response": False,
                    }
                )
            )
            await websocket_assistant.send(
                WSJSONRequest(
                    payload={
                        "id": web_utils.next_message_id(),
                        "type": "subscribe",
                        "topic": "/account/balance",
                        "privateChannel": True,
                        "response": False,
                    }
                )
            )
            self._last_ws_message_sent_timestamp = self._time()
            self.logger().info("Subscribed to private order changes and balance updates channels...")
        except asyncio.CancelledError:
            raise
        except Exception:
            self.logger().exception("Unexpected error occurred subscribing to user streams...")
            raise

    async def _process_websocket_messages(self, websocket_assistant: WSAssistant, queue: asyncio.Queue):
        """Processes messages, sending the exchange's ping message one ping interval after the last message sent."""
        while True:
            try:
                await asyncio.wait_for(
                    super()._process_websocket_messages(websocket_assistant=websocket_assistant, queue=queue),
                    timeout=self._ping_interval - (self._time() - self._last_ws_message_sent_timestamp),
                )
                return
            except asyncio.TimeoutError:
                self._last_ws_message_sent_timestamp = self._time()
                await websocket_assistant.send(
                    WSJSONRequest(payload={"id": web_utils.next_message_id(), "type": "ping"})
                )

    async def _process_event_message(self, event_message: Dict[str, Any], queue: asyncio.Queue):
        # Only account events are queued: replies to requests and pongs are not.
        if not (isinstance(event_message, dict) and event_message.get("type") == "message"):
            return
        event = event_message
        queue.put_nowait(event)
