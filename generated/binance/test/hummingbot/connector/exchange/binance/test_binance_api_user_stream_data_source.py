import asyncio
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

from hummingbot.connector.exchange.binance.binance_api_user_stream_data_source import BinanceAPIUserStreamDataSource
from hummingbot.connector.exchange.binance.binance_auth import BinanceAuth
from hummingbot.connector.exchange.binance.binance_exchange import BinanceExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class BinanceAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.trading_pair = "COINALPHA-HBOT"
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.connector = BinanceExchange(
            binance_api_key=self.api_key,
            binance_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        self.auth = BinanceAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)
        self.data_source = self.create_data_source(domain="com")
        self.data_source._sleep = AsyncMock()
        self.output = asyncio.Queue()
        self.listening_task: Optional[asyncio.Task] = None

    async def asyncTearDown(self) -> None:
        if self.listening_task is not None:
            self.listening_task.cancel()
        await self.connector._web_assistants_factory.close()
        await super().asyncTearDown()

    def create_data_source(self, domain: str) -> BinanceAPIUserStreamDataSource:
        return BinanceAPIUserStreamDataSource(
            auth=self.auth,
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=domain,
        )

    def ws_signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).hexdigest()

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
        websocket = self.websocket(
            ws_connect_mock,
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}},
        )

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual("wss://ws-api.binance.com:443/ws-api/v3", ws_connect_mock.call_args.args[0])
        # The wording of Hummingbot's connectors, or the spec's (user_stream.logs).
        self.assertIn("Successfully connected to user stream", [record.getMessage() for record in logs.records])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_private_websocket_of_each_domain(self, ws_connect_mock):
        self.websocket(ws_connect_mock)
        for domain, expected_url in [
            ("com", "wss://ws-api.binance.com:443/ws-api/v3"),
            ("us", "wss://ws-api.binance.us:443/ws-api/v3"),
        ]:
            with self.subTest(domain=domain):
                await self.create_data_source(domain=domain)._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_sends_signed_subscribe_request(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}},
        )

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "id": sent_messages[0]["id"],
                    "method": "userDataStream.subscribe.signature",
                    "params": {
                        "apiKey": self.api_key,
                        "timestamp": 1640000000250,
                        "signature": self.ws_signature("apiKey=testApiKey&timestamp=1640000000250"),
                    },
                }
            ],
            sent_messages,
        )
        self.assertIn(
            "Successfully subscribed to user data stream via WebSocket API",
            [record.getMessage() for record in logs.records],
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_failed_subscribe_response_raises_and_logs_error(self, ws_connect_mock):
        self.websocket(
            ws_connect_mock,
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 400, "result": {"subscriptionId": 0}},
        )
        websocket_assistant = await self.data_source._connected_websocket_assistant()

        with self.assertLogs(self.data_source.logger(), level="ERROR") as logs, self.assertRaises(Exception):
            await self.data_source._subscribe_channels(websocket_assistant)

        self.assertEqual(
            [
                "Error authenticating the private websocket connection",
                "Unexpected error occurred subscribing to user streams...",
            ],
            [record.getMessage() for record in logs.records],
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_order_event(self, ws_connect_mock):
        event = {
            "e": "executionReport",
            "E": 1499405658658,
            "s": "ETHBTC",
            "c": "OID1",
            "S": "BUY",
            "o": "LIMIT",
            "f": "GTC",
            "q": "1.00000000",
            "p": "0.10264410",
            "P": "0.00000000",
            "F": "0.00000000",
            "g": -1,
            "C": "",
            "x": "NEW",
            "X": "NEW",
            "r": "NONE",
            "i": 100234,
            "l": "0.00000000",
            "z": "0.00000000",
            "L": "0.00000000",
            "n": "0",
            "N": None,
            "T": 1499405658657,
            "t": -1,
            "v": 3,
            "I": 8641984,
            "w": True,
            "m": False,
            "M": False,
            "O": 1499405658657,
            "Z": "0.00000000",
            "Y": "0.00000000",
            "Q": "0.00000000",
            "W": 1499405658657,
            "V": "NONE",
        }
        self.websocket(
            ws_connect_mock,
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}},
            {"event": event},
        )

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_balance_event(self, ws_connect_mock):
        event = {
            "e": "outboundAccountPosition",
            "E": 1564034571105,
            "u": 1564034571073,
            "B": [{"a": "COINALPHA", "f": "10000.000000", "l": "0.000000"}],
        }
        self.websocket(
            ws_connect_mock,
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}},
            {"event": event},
        )

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_events_sent_without_envelope(self, ws_connect_mock):
        event = {
            "e": "executionReport",
            "E": 1499405658658,
            "s": "ETHBTC",
            "c": "OID1",
            "S": "BUY",
            "o": "LIMIT",
            "f": "GTC",
            "q": "1.00000000",
            "p": "0.10264410",
            "P": "0.00000000",
            "F": "0.00000000",
            "g": -1,
            "C": "",
            "x": "NEW",
            "X": "NEW",
            "r": "NONE",
            "i": 100234,
            "l": "0.00000000",
            "z": "0.00000000",
            "L": "0.00000000",
            "n": "0",
            "N": None,
            "T": 1499405658657,
            "t": -1,
            "v": 3,
            "I": 8641984,
            "w": True,
            "m": False,
            "M": False,
            "O": 1499405658657,
            "Z": "0.00000000",
            "Y": "0.00000000",
            "Q": "0.00000000",
            "W": 1499405658657,
            "V": "NONE",
        }
        self.websocket(
            ws_connect_mock,
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}},
            event,
        )

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    async def test_terminated_stream_raises_connection_error_to_reconnect(self):
        queue = asyncio.Queue()

        with self.assertRaises(ConnectionError):
            await self.data_source._process_event_message({"event": {"e": "eventStreamTerminated"}}, queue)

        self.assertTrue(queue.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_does_not_queue_malformed_or_empty_payloads_nor_request_replies(
        self, ws_connect_mock
    ):
        event = {
            "e": "executionReport",
            "E": 1499405658658,
            "s": "ETHBTC",
            "c": "OID1",
            "S": "BUY",
            "o": "LIMIT",
            "f": "GTC",
            "q": "1.00000000",
            "p": "0.10264410",
            "P": "0.00000000",
            "F": "0.00000000",
            "g": -1,
            "C": "",
            "x": "NEW",
            "X": "NEW",
            "r": "NONE",
            "i": 100234,
            "l": "0.00000000",
            "z": "0.00000000",
            "L": "0.00000000",
            "n": "0",
            "N": None,
            "T": 1499405658657,
            "t": -1,
            "v": 3,
            "I": 8641984,
            "w": True,
            "m": False,
            "M": False,
            "O": 1499405658657,
            "Z": "0.00000000",
            "Y": "0.00000000",
            "Q": "0.00000000",
            "W": 1499405658657,
            "V": "NONE",
        }
        websocket = self.websocket(
            ws_connect_mock,
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}},
        )
        # Text that is not JSON and JSON that is not an object are dropped too, and the connection stays up.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, "{not json")
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps([]))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({}))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket,
            json.dumps({"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}}),
        )
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({"event": event}))

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
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}},
        )
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket,
            json.dumps({"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}}),
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
            {"id": "d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0", "status": 200, "result": {"subscriptionId": 0}},
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
