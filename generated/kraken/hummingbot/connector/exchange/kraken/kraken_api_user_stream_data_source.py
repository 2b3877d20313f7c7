import asyncio
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from hummingbot.connector.exchange.kraken import kraken_constants as CONSTANTS, kraken_web_utils as web_utils
from hummingbot.connector.exchange.kraken.kraken_auth import KrakenAuth
from hummingbot.connector.time_synchronizer import TimeSynchronizer
from hummingbot.core.api_throttler.async_throttler import AsyncThrottler
from hummingbot.core.data_type.user_stream_tracker_data_source import UserStreamTrackerDataSource
from hummingbot.core.web_assistant.connections.data_types import RESTMethod, WSJSONRequest
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory
from hummingbot.core.web_assistant.ws_assistant import WSAssistant
from hummingbot.logger import HummingbotLogger

if TYPE_CHECKING:
    from hummingbot.connector.exchange.kraken.kraken_exchange import KrakenExchange


class KrakenAPIUserStreamDataSource(UserStreamTrackerDataSource):
    """User data stream: a token fetched over REST before each connection authenticates the subscriptions."""

    _logger: Optional[HummingbotLogger] = None

    def __init__(
        self,
        auth: KrakenAuth,
        trading_pairs: Optional[List[str]] = None,
        connector: Optional["KrakenExchange"] = None,
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
        self._ws_token: Optional[str] = None

    async def _get_ws_assistant(self) -> WSAssistant:
        return await self._api_factory.get_ws_assistant()

    async def get_auth_token(self) -> str:
        """A new websocket token, fetched with a signed request; the subscriptions carry it."""
        rest_assistant = await self._api_factory.get_rest_assistant()
        response = await rest_assistant.execute_request(
            url=web_utils.private_rest_url(path_url=CONSTANTS.GET_TOKEN_PATH_URL, domain=self._domain),
            method=RESTMethod.POST,
            throttler_limit_id=CONSTANTS.GET_TOKEN_PATH_URL,
            is_auth_required=True,
        )
        return response["result"]["token"]

    async def _connected_websocket_assistant(self) -> WSAssistant:
        self._ws_token = await self.get_auth_token()
        ws = await self._get_ws_assistant()
        await ws.connect(ws_url=CONSTANTS.WS_AUTH_URL.format(domain=self._domain), ping_timeout=CONSTANTS.PING_TIMEOUT)
        self.logger().info("Successfully connected to user stream")
        return ws

    async def _subscribe_channels(self, websocket_assistant: WSAssistant):
        try:
            await websocket_assistant.send(
                WSJSONRequest(
                    payload={
                        "method": "subscribe",
                        "params": {
                            "channel": "executions",
                            "token": self._ws_token,
                            "snap_orders": False,
                            "snap_trades": False,
                        },
                    }
                )
            )
            self.logger().info("Subscribed to the user data stream")
        except asyncio.CancelledError:
            raise
        except Exception:
            self.logger().exception("Unexpected error occurred subscribing to user streams...")
            raise

    async def _process_event_message(self, event_message: Dict[str, Any], queue: asyncio.Queue):
        # Only account events are queued: replies to requests and pongs are not.
        if not (isinstance(event_message, dict) and event_message.get("channel") == "executions"):
            return
        event = event_message
        queue.put_nowait(event)
