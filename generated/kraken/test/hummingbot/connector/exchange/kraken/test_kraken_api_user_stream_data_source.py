import asyncio
import base64
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses

from hummingbot.connector.exchange.kraken.kraken_api_user_stream_data_source import KrakenAPIUserStreamDataSource
from hummingbot.connector.exchange.kraken.kraken_auth import KrakenAuth
from hummingbot.connector.exchange.kraken.kraken_exchange import KrakenExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class KrakenAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.secret_key = "zEI12pMDN6XDXH9cj2oiXDcB6b0i+qdVhLGadjihh4s="
        self.trading_pair = "COINALPHA-HBOT"
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.connector = KrakenExchange(
            kraken_api_key=self.api_key,
            kraken_secret_key=self.secret_key,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        self.auth = KrakenAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)
        self.data_source = self.create_data_source(domain="kraken")
        self.data_source._sleep = AsyncMock()
        self.output = asyncio.Queue()
        self.listening_task: Optional[asyncio.Task] = None
        # The token and server the exchange hands out when the data source connects.
        self.mock_api = aioresponses()
        self.mock_api.start()
        self.mock_api.post(
            "https://api.kraken.com/0/private/GetWebSocketsToken",
            body=json.dumps(
                {"error": [], "result": {"token": "1Dwc4lzSwNWOAwkMdqhssNNFhs1ed606d1WcF3XfEMw", "expires": 900}}
            ),
            repeat=True,
        )

    async def asyncTearDown(self) -> None:
        if self.listening_task is not None:
            self.listening_task.cancel()
        self.mock_api.stop()
        await self.connector._web_assistants_factory.close()
        await super().asyncTearDown()

    def create_data_source(self, domain: str) -> KrakenAPIUserStreamDataSource:
        return KrakenAPIUserStreamDataSource(
            auth=self.auth,
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=domain,
        )

    def ws_signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return base64.b64encode(
            hmac.new(base64.b64decode(self.secret_key), message.encode("utf8"), hashlib.sha512).digest()
        ).decode()

    def websocket(self, ws_connect_mock: AsyncMock, *messages) -> AsyncMock:
        """The websocket `ws_connect` opens, receiving `messages` (payloads as the exchange sends them) in order."""
        websocket = self.mocking_assistant.create_websocket_mock()
        ws_connect_mock.return_value = websocket
        for message in messages:
            self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps(message))
        return websocket

    def start_listening(self) -> None:
        self.listening_task = asyncio.create_task(self.data_source.listen_for_user_stream(self.output))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_connects_to_the_server_named_by_the_token(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "method": "subscribe",
                "result": {"channel": "executions", "maxratecount": 125, "snap_orders": True, "snap_trades": True},
                "success": True,
                "time_in": "2023-10-16T13:18:35.303171Z",
                "time_out": "2023-10-16T13:18:35.318297Z",
            },
        )

        self.start_listening()
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual("wss://ws-auth.kraken.com/v2", ws_connect_mock.call_args.args[0])

    async def test_get_auth_token_returns_the_token_the_exchange_hands_out(self):
        self.assertEqual("1Dwc4lzSwNWOAwkMdqhssNNFhs1ed606d1WcF3XfEMw", await self.data_source.get_auth_token())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_subscribes_to_account_channels(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "method": "subscribe",
                "result": {"channel": "executions", "maxratecount": 125, "snap_orders": True, "snap_trades": True},
                "success": True,
                "time_in": "2023-10-16T13:18:35.303171Z",
                "time_out": "2023-10-16T13:18:35.318297Z",
            },
        )

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "method": "subscribe",
                    "params": {
                        "channel": "executions",
                        "token": "1Dwc4lzSwNWOAwkMdqhssNNFhs1ed606d1WcF3XfEMw",
                        "snap_orders": False,
                        "snap_trades": False,
                    },
                }
            ],
            sent_messages,
        )
        self.assertIn("Subscribed to the user data stream", [record.getMessage() for record in logs.records])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_order_event(self, ws_connect_mock):
        event = {
            "channel": "executions",
            "type": "update",
            "data": [
                {
                    "order_id": "100234",
                    "order_userref": 3,
                    "cl_ord_id": "OID1",
                    "exec_id": "TGBB7L-HT5LX-J3BZ4A",
                    "exec_type": "trade",
                    "trade_id": 62887576,
                    "symbol": "BTC/USD",
                    "side": "sell",
                    "last_qty": 0.005,
                    "last_price": 26599.9,
                    "liquidity_ind": "t",
                    "cost": 132.9995,
                    "order_type": "limit",
                    "timestamp": "2023-09-22T10:33:05.709993Z",
                    "order_status": "partially_filled",
                    "cum_qty": 0.005,
                    "cum_cost": 132.9995,
                    "avg_price": 26599.9,
                    "fee_usd_equiv": 0.3458,
                    "fees": [{"asset": "USD", "qty": 0.3458}],
                }
            ],
            "sequence": 10,
        }
        self.websocket(
            ws_connect_mock,
            {
                "method": "subscribe",
                "result": {"channel": "executions", "maxratecount": 125, "snap_orders": True, "snap_trades": True},
                "success": True,
                "time_in": "2023-10-16T13:18:35.303171Z",
                "time_out": "2023-10-16T13:18:35.318297Z",
            },
            event,
        )

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_does_not_queue_malformed_or_empty_payloads_nor_request_replies(
        self, ws_connect_mock
    ):
        event = {
            "channel": "executions",
            "type": "update",
            "data": [
                {
                    "order_id": "100234",
                    "order_userref": 3,
                    "cl_ord_id": "OID1",
                    "exec_id": "TGBB7L-HT5LX-J3BZ4A",
                    "exec_type": "trade",
                    "trade_id": 62887576,
                    "symbol": "BTC/USD",
                    "side": "sell",
                    "last_qty": 0.005,
                    "last_price": 26599.9,
                    "liquidity_ind": "t",
                    "cost": 132.9995,
                    "order_type": "limit",
                    "timestamp": "2023-09-22T10:33:05.709993Z",
                    "order_status": "partially_filled",
                    "cum_qty": 0.005,
                    "cum_cost": 132.9995,
                    "avg_price": 26599.9,
                    "fee_usd_equiv": 0.3458,
                    "fees": [{"asset": "USD", "qty": 0.3458}],
                }
            ],
            "sequence": 10,
        }
        websocket = self.websocket(
            ws_connect_mock,
            {
                "method": "subscribe",
                "result": {"channel": "executions", "maxratecount": 125, "snap_orders": True, "snap_trades": True},
                "success": True,
                "time_in": "2023-10-16T13:18:35.303171Z",
                "time_out": "2023-10-16T13:18:35.318297Z",
            },
        )
        # Text that is not JSON and JSON that is not an object are dropped too, and the connection stays up.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, "{not json")
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps([]))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({}))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket,
            json.dumps(
                {
                    "method": "subscribe",
                    "result": {"channel": "executions", "maxratecount": 125, "snap_orders": True, "snap_trades": True},
                    "success": True,
                    "time_in": "2023-10-16T13:18:35.303171Z",
                    "time_out": "2023-10-16T13:18:35.318297Z",
                }
            ),
        )
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps(event))

        self.start_listening()

        # Messages are processed in order: the event sent last is the first one queued.
        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())
        self.assertEqual(1, ws_connect_mock.call_count)

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_logs_connection_failure(self, ws_connect_mock):
        ws_connect_mock.side_effect = Exception("TEST ERROR")
        self.data_source._sleep.side_effect = asyncio.CancelledError

        with self.assertLogs(self.data_source.logger(), level="ERROR") as logs, self.assertRaises(
            asyncio.CancelledError
        ):
            await self.data_source.listen_for_user_stream(self.output)

        self.assertEqual(
            ["Unexpected error while listening to user stream. Retrying after 5 seconds..."],
            [record.getMessage() for record in logs.records],
        )
        self.assertEqual("TEST ERROR", str(logs.records[0].exc_info[1]))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_logs_receive_failure_and_reconnects(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "method": "subscribe",
                "result": {"channel": "executions", "maxratecount": 125, "snap_orders": True, "snap_trades": True},
                "success": True,
                "time_in": "2023-10-16T13:18:35.303171Z",
                "time_out": "2023-10-16T13:18:35.318297Z",
            },
        )
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket,
            json.dumps(
                {
                    "method": "subscribe",
                    "result": {"channel": "executions", "maxratecount": 125, "snap_orders": True, "snap_trades": True},
                    "success": True,
                    "time_in": "2023-10-16T13:18:35.303171Z",
                    "time_out": "2023-10-16T13:18:35.318297Z",
                }
            ),
        )

        with self.assertLogs(self.data_source.logger(), level="ERROR") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual(
            ["Unexpected error while listening to user stream. Retrying after 5 seconds..."],
            [record.getMessage() for record in logs.records],
        )
        self.assertEqual("TEST ERROR", str(logs.records[0].exc_info[1]))
        self.data_source._sleep.assert_awaited_once()
        self.assertEqual(2, ws_connect_mock.call_count)
        self.assertEqual(2, len(self.mocking_assistant.json_messages_sent_through_websocket(websocket)))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_propagates_cancellation(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "method": "subscribe",
                "result": {"channel": "executions", "maxratecount": 125, "snap_orders": True, "snap_trades": True},
                "success": True,
                "time_in": "2023-10-16T13:18:35.303171Z",
                "time_out": "2023-10-16T13:18:35.318297Z",
            },
        )
        self.start_listening()
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.listening_task.cancel()

        with self.assertRaises(asyncio.CancelledError):
            await self.listening_task

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_subscribe_propagates_cancellation_without_logging_errors(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock)
        websocket.send_json.side_effect = asyncio.CancelledError
        websocket_assistant = await self.data_source._connected_websocket_assistant()

        with self.assertNoLogs(self.data_source.logger(), level="ERROR"), self.assertRaises(asyncio.CancelledError):
            await self.data_source._subscribe_channels(websocket_assistant)
