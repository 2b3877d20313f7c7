import asyncio
import base64
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

from cryptography.hazmat.primitives.asymmetric import ed25519

from hummingbot.connector.exchange.backpack.backpack_api_user_stream_data_source import BackpackAPIUserStreamDataSource
from hummingbot.connector.exchange.backpack.backpack_auth import BackpackAuth
from hummingbot.connector.exchange.backpack.backpack_exchange import BackpackExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class BackpackAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.secret_key = "zEI12pMDN6XDXH9cj2oiXDcB6b0i+qdVhLGadjihh4s="
        self.trading_pair = "COINALPHA-HBOT"
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.connector = BackpackExchange(
            backpack_api_key=self.api_key,
            backpack_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        # The subscriptions are signed with the time, by the connector's auth: its clock is the test's.
        self.connector._time_synchronizer.time = MagicMock(return_value=1640000000.25)
        self.auth = BackpackAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)
        self.data_source = self.create_data_source(domain="exchange")
        self.data_source._sleep = AsyncMock()
        self.output = asyncio.Queue()
        self.listening_task: Optional[asyncio.Task] = None

    async def asyncTearDown(self) -> None:
        if self.listening_task is not None:
            self.listening_task.cancel()
        await self.connector._web_assistants_factory.close()
        await super().asyncTearDown()

    def create_data_source(self, domain: str) -> BackpackAPIUserStreamDataSource:
        return BackpackAPIUserStreamDataSource(
            auth=self.auth,
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=domain,
        )

    def ws_signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return base64.b64encode(
            ed25519.Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.secret_key)).sign(message.encode("utf8"))
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
    async def test_listen_for_user_stream_connects_to_private_websocket(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"result": None})

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual("wss://ws.backpack.exchange/", ws_connect_mock.call_args.args[0])
        # The wording of Hummingbot's connectors, or the spec's (user_stream.logs).
        self.assertIn("Successfully connected to user stream", [record.getMessage() for record in logs.records])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_private_websocket_of_each_domain(self, ws_connect_mock):
        self.websocket(ws_connect_mock)
        for domain, expected_url in [("exchange", "wss://ws.backpack.exchange/")]:
            with self.subTest(domain=domain):
                await self.create_data_source(domain=domain)._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_sends_signed_subscriptions(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"result": None})

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "method": "SUBSCRIBE",
                    "params": ["account.orderUpdate"],
                    "signature": [
                        self.api_key,
                        self.ws_signature("instruction=subscribe&timestamp=1640000000250&window=5000"),
                        "1640000000250",
                        "5000",
                    ],
                }
            ],
            sent_messages,
        )
        self.assertIn(
            "Subscribed to private order changes channel...", [record.getMessage() for record in logs.records]
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_order_event(self, ws_connect_mock):
        event = {
            "stream": "account.orderUpdate",
            "data": {
                "e": "orderFill",
                "E": 1694687692980000,
                "s": "SOL_USDC",
                "c": "OID1",
                "S": "Bid",
                "o": "LIMIT",
                "f": "GTC",
                "q": "32.123",
                "Q": "32.123",
                "p": "20",
                "X": "PartiallyFilled",
                "i": "100234",
                "t": 567,
                "l": "1.23",
                "z": "3.21",
                "L": "20",
                "m": True,
                "n": "0.023",
                "N": "USDC",
                "V": "RejectTaker",
                "T": 1694687692989999,
                "O": "USER",
                "I": "1111343026156135",
            },
        }
        self.websocket(ws_connect_mock, {"result": None}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_does_not_queue_malformed_or_empty_payloads_nor_request_replies(
        self, ws_connect_mock
    ):
        event = {
            "stream": "account.orderUpdate",
            "data": {
                "e": "orderFill",
                "E": 1694687692980000,
                "s": "SOL_USDC",
                "c": "OID1",
                "S": "Bid",
                "o": "LIMIT",
                "f": "GTC",
                "q": "32.123",
                "Q": "32.123",
                "p": "20",
                "X": "PartiallyFilled",
                "i": "100234",
                "t": 567,
                "l": "1.23",
                "z": "3.21",
                "L": "20",
                "m": True,
                "n": "0.023",
                "N": "USDC",
                "V": "RejectTaker",
                "T": 1694687692989999,
                "O": "USER",
                "I": "1111343026156135",
            },
        }
        websocket = self.websocket(ws_connect_mock, {"result": None})
        # Text that is not JSON and JSON that is not an object are dropped too, and the connection stays up.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, "{not json")
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps([]))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({}))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({"result": None}))
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
        websocket = self.websocket(ws_connect_mock, {"result": None})
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({"result": None}))

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
        websocket = self.websocket(ws_connect_mock, {"result": None})
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
