import asyncio
import hashlib
import hmac
import itertools
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

from hummingbot.connector.exchange.gemini import gemini_web_utils as web_utils
from hummingbot.connector.exchange.gemini.gemini_api_user_stream_data_source import GeminiAPIUserStreamDataSource
from hummingbot.connector.exchange.gemini.gemini_auth import GeminiAuth
from hummingbot.connector.exchange.gemini.gemini_exchange import GeminiExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class GeminiAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.trading_pair = "COINALPHA-HBOT"
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()
        # Request ids count from 1 in each test.
        message_ids = patch.object(web_utils, "next_message_id", side_effect=itertools.count(1))
        message_ids.start()
        self.addCleanup(message_ids.stop)
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.connector = GeminiExchange(
            gemini_api_key=self.api_key,
            gemini_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        self.auth = GeminiAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)
        self.data_source = self.create_data_source(domain="com")
        self.data_source._sleep = AsyncMock()
        self.output = asyncio.Queue()
        self.listening_task: Optional[asyncio.Task] = None

    async def asyncTearDown(self) -> None:
        if self.listening_task is not None:
            self.listening_task.cancel()
        await self.connector._web_assistants_factory.close()
        await super().asyncTearDown()

    def create_data_source(self, domain: str) -> GeminiAPIUserStreamDataSource:
        return GeminiAPIUserStreamDataSource(
            auth=self.auth,
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=domain,
        )

    def ws_signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha384).hexdigest()

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
    async def test_listen_for_user_stream_connects_to_private_websocket(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"id": "1", "status": 200, "result": None})

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual("wss://ws.gemini.com", ws_connect_mock.call_args.args[0])
        # The wording of Hummingbot's connectors, or the spec's (user_stream.logs).
        self.assertIn(
            "Successfully connected to authenticated user stream", [record.getMessage() for record in logs.records]
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_private_websocket_of_each_domain(self, ws_connect_mock):
        self.websocket(ws_connect_mock)
        for domain, expected_url in [("com", "wss://ws.gemini.com")]:
            with self.subTest(domain=domain):
                await self.create_data_source(domain=domain)._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_with_signed_handshake_headers(self, ws_connect_mock):
        self.websocket(ws_connect_mock)

        await self.data_source._connected_websocket_assistant()

        # The exchange authenticates the handshake: its headers, signed with the auth's clock.
        self.assertEqual(
            {
                "X-GEMINI-APIKEY": self.api_key,
                "X-GEMINI-NONCE": "1640000000",
                "X-GEMINI-PAYLOAD": "MTY0MDAwMDAwMA==",
                "X-GEMINI-SIGNATURE": self.ws_signature("MTY0MDAwMDAwMA=="),
            },
            ws_connect_mock.call_args.kwargs["headers"],
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_subscribes_to_account_channels(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"id": "1", "status": 200, "result": None})

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [{"id": 1, "method": "subscribe", "params": ["orders@account", "balances@account"]}], sent_messages
        )
        self.assertIn(
            "Subscribed to user order events and balance update channels...",
            [record.getMessage() for record in logs.records],
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_order_event(self, ws_connect_mock):
        event = {
            "e": "executionReport",
            "E": 1759873041187000000,
            "s": "BTCUSD",
            "i": 100234,
            "c": "OID1",
            "S": "BUY",
            "o": "LIMIT",
            "X": "NEW",
            "p": "123000.00",
            "q": "0.001",
            "z": "0.001",
            "T": 1759873041187000000,
        }
        self.websocket(ws_connect_mock, {"id": "1", "status": 200, "result": None}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_balance_event(self, ws_connect_mock):
        event = {"e": "balanceUpdate", "E": 1759873041187, "B": [{"a": "COINALPHA", "f": "207.39", "c": "300.00"}]}
        self.websocket(ws_connect_mock, {"id": "1", "status": 200, "result": None}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_does_not_queue_malformed_or_empty_payloads_nor_request_replies(
        self, ws_connect_mock
    ):
        event = {
            "e": "executionReport",
            "E": 1759873041187000000,
            "s": "BTCUSD",
            "i": 100234,
            "c": "OID1",
            "S": "BUY",
            "o": "LIMIT",
            "X": "NEW",
            "p": "123000.00",
            "q": "0.001",
            "z": "0.001",
            "T": 1759873041187000000,
        }
        websocket = self.websocket(ws_connect_mock, {"id": "1", "status": 200, "result": None})
        # Text that is not JSON and JSON that is not an object are dropped too, and the connection stays up.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, "{not json")
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps([]))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({}))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket, json.dumps({"id": "1", "status": 200, "result": None})
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
        websocket = self.websocket(ws_connect_mock, {"id": "1", "status": 200, "result": None})
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket, json.dumps({"id": "1", "status": 200, "result": None})
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
        websocket = self.websocket(ws_connect_mock, {"id": "1", "status": 200, "result": None})
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
