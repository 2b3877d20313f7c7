import asyncio
import hashlib
import hmac
import json
import zlib
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

from aiohttp import WSMsgType
from bidict import bidict

from hummingbot.connector.exchange.bitmart.bitmart_api_user_stream_data_source import BitmartAPIUserStreamDataSource
from hummingbot.connector.exchange.bitmart.bitmart_auth import BitmartAuth
from hummingbot.connector.exchange.bitmart.bitmart_exchange import BitmartExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class BitmartAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.memo = "testMemo"
        self.trading_pair = "COINALPHA-HBOT"
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.connector = BitmartExchange(
            bitmart_api_key=self.api_key,
            bitmart_secret_key=self.secret_key,
            bitmart_memo=self.memo,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        self.connector._set_trading_pair_symbol_map(bidict({"COINALPHA_HBOT": self.trading_pair}))
        self.auth = BitmartAuth(
            api_key=self.api_key, secret_key=self.secret_key, memo=self.memo, time_provider=self.time_provider
        )
        self.data_source = self.create_data_source(domain="com")
        self.data_source._sleep = AsyncMock()
        self.output = asyncio.Queue()
        self.listening_task: Optional[asyncio.Task] = None

    async def asyncTearDown(self) -> None:
        if self.listening_task is not None:
            self.listening_task.cancel()
        await self.connector._web_assistants_factory.close()
        await super().asyncTearDown()

    def create_data_source(self, domain: str) -> BitmartAPIUserStreamDataSource:
        return BitmartAPIUserStreamDataSource(
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
        websocket = self.websocket(ws_connect_mock, {"event": "login"})

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual("wss://ws-manager-compress.bitmart.com/user?protocol=1.1", ws_connect_mock.call_args.args[0])
        # The wording of Hummingbot's connectors, or the spec's (user_stream.logs).
        self.assertIn("Successfully connected to user stream", [record.getMessage() for record in logs.records])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_private_websocket_of_each_domain(self, ws_connect_mock):
        self.websocket(ws_connect_mock)
        for domain, expected_url in [("com", "wss://ws-manager-compress.bitmart.com/user?protocol=1.1")]:
            with self.subTest(domain=domain):
                await self.create_data_source(domain=domain)._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_logs_in_then_subscribes(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"event": "login"})

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "op": "login",
                    "args": [
                        self.api_key,
                        "1640000000250",
                        self.ws_signature("1640000000250#testMemo#bitmart.WebSocket"),
                    ],
                },
                {"op": "subscribe", "args": ["spot/user/order:COINALPHA_HBOT"]},
                {"op": "subscribe", "args": ["spot/user/balance:BALANCE_UPDATE"]},
            ],
            sent_messages,
        )
        self.assertIn(
            "Subscribed to private account and orders channels...", [record.getMessage() for record in logs.records]
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_failed_subscribe_response_raises_and_logs_error(self, ws_connect_mock):
        self.websocket(ws_connect_mock, {"event": "login", "errorCode": True})
        websocket_assistant = await self.data_source._connected_websocket_assistant()

        with self.assertLogs(self.data_source.logger(), level="ERROR") as logs, self.assertRaises(Exception):
            await self.data_source._subscribe_channels(websocket_assistant)

        self.assertEqual(
            [
                "Error authenticating the private websocket connection",
                "Unexpected error occurred subscribing to order book trading and delta streams...",
            ],
            [record.getMessage() for record in logs.records],
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_order_event(self, ws_connect_mock):
        event = {
            "data": [
                {
                    "symbol": "LMC_USDT",
                    "side": "buy",
                    "type": "market",
                    "notional": "",
                    "size": "1.0000000000",
                    "ms_t": "1609926028000",
                    "price": "46100.0000000000",
                    "filled_notional": "46100.0000000000",
                    "filled_size": "1.0000000000",
                    "margin_trading": "0",
                    "state": "2",
                    "order_id": "100234",
                    "order_type": "0",
                    "last_fill_time": "1609926039226",
                    "last_fill_price": "46100.00000",
                    "last_fill_count": "1.00000",
                    "exec_type": "M",
                    "detail_id": "256348632",
                    "client_order_id": "OID1",
                    "create_time": "1609926028000",
                    "update_time": "1609926044000",
                    "order_mode": "spot",
                    "entrust_type": "normal",
                    "order_state": "partially_filled",
                }
            ],
            "table": "spot/user/order",
        }
        self.websocket(ws_connect_mock, {"event": "login"}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_balance_event(self, ws_connect_mock):
        event = {
            "data": [
                {
                    "balance_details": [{"av_bal": "2.0", "ccy": "COINALPHA", "fz_bal": "0.0"}],
                    "event_time": "1701632345415",
                    "event_type": "TRANSACTION_COMPLETED",
                }
            ],
            "table": "spot/user/balance",
        }
        self.websocket(ws_connect_mock, {"event": "login"}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    async def test_error_message_raises_to_reconnect(self):
        queue = asyncio.Queue()

        with self.assertRaises(IOError) as raised:
            await self.data_source._process_event_message(
                {
                    "data": [
                        {
                            "symbol": "LMC_USDT",
                            "side": "buy",
                            "type": "market",
                            "notional": "",
                            "size": "1.0000000000",
                            "ms_t": "1609926028000",
                            "price": "46100.0000000000",
                            "filled_notional": "46100.0000000000",
                            "filled_size": "1.0000000000",
                            "margin_trading": "0",
                            "state": "2",
                            "order_id": "2147857398",
                            "order_type": "0",
                            "last_fill_time": "1609926039226",
                            "last_fill_price": "46100.00000",
                            "last_fill_count": "1.00000",
                            "exec_type": "M",
                            "detail_id": "256348632",
                            "client_order_id": "order4872191",
                            "create_time": "1609926028000",
                            "update_time": "1609926044000",
                            "order_mode": "spot",
                            "entrust_type": "normal",
                            "order_state": "partially_filled",
                        }
                    ],
                    "table": "spot/user/order",
                    "errorCode": True,
                },
                queue,
            )

        # Not a ConnectionError: Hummingbot logs it as an unexpected error before reconnecting.
        self.assertNotIsInstance(raised.exception, ConnectionError)
        self.assertTrue(queue.empty())

    async def test_messages_failing_one_queue_condition_are_not_queued(self):
        queue = asyncio.Queue()

        await self.data_source._process_event_message(
            {
                "data": [
                    {
                        "symbol": "LMC_USDT",
                        "side": "buy",
                        "type": "market",
                        "notional": "",
                        "size": "1.0000000000",
                        "ms_t": "1609926028000",
                        "price": "46100.0000000000",
                        "filled_notional": "46100.0000000000",
                        "filled_size": "1.0000000000",
                        "margin_trading": "0",
                        "state": "2",
                        "order_id": "2147857398",
                        "order_type": "0",
                        "last_fill_time": "1609926039226",
                        "last_fill_price": "46100.00000",
                        "last_fill_count": "1.00000",
                        "exec_type": "M",
                        "detail_id": "256348632",
                        "client_order_id": "order4872191",
                        "create_time": "1609926028000",
                        "update_time": "1609926044000",
                        "order_mode": "spot",
                        "entrust_type": "normal",
                        "order_state": "partially_filled",
                    }
                ],
                "table": False,
            },
            queue,
        )
        await self.data_source._process_event_message({"data": False, "table": "spot/user/order"}, queue)

        self.assertTrue(queue.empty())

    async def test_text_that_is_not_json_is_logged_and_not_queued(self):
        queue = asyncio.Queue()
        message = "invalid message content"

        with self.assertLogs(self.data_source.logger(), level="WARNING") as logs:
            await self.data_source._process_event_message(message, queue)

        self.assertEqual(
            [f"Invalid event message received through the order book data source connection ({message})"],
            [record.getMessage() for record in logs.records],
        )
        self.assertTrue(queue.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_inflates_compressed_frames(self, ws_connect_mock):
        event = {
            "data": [
                {
                    "symbol": "LMC_USDT",
                    "side": "buy",
                    "type": "market",
                    "notional": "",
                    "size": "1.0000000000",
                    "ms_t": "1609926028000",
                    "price": "46100.0000000000",
                    "filled_notional": "46100.0000000000",
                    "filled_size": "1.0000000000",
                    "margin_trading": "0",
                    "state": "2",
                    "order_id": "100234",
                    "order_type": "0",
                    "last_fill_time": "1609926039226",
                    "last_fill_price": "46100.00000",
                    "last_fill_count": "1.00000",
                    "exec_type": "M",
                    "detail_id": "256348632",
                    "client_order_id": "OID1",
                    "create_time": "1609926028000",
                    "update_time": "1609926044000",
                    "order_mode": "spot",
                    "entrust_type": "normal",
                    "order_state": "partially_filled",
                }
            ],
            "table": "spot/user/order",
        }
        websocket = self.websocket(ws_connect_mock, {"event": "login"})
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket, self._compressed(json.dumps(event)), message_type=WSMsgType.BINARY
        )

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @staticmethod
    def _compressed(text: str) -> bytes:
        """The frame as the exchange sends it: raw deflate (RFC 1951, no header)."""
        compressor = zlib.compressobj(wbits=-15)
        return compressor.compress(text.encode("utf-8")) + compressor.flush()

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_does_not_queue_malformed_or_empty_payloads_nor_request_replies(
        self, ws_connect_mock
    ):
        event = {
            "data": [
                {
                    "symbol": "LMC_USDT",
                    "side": "buy",
                    "type": "market",
                    "notional": "",
                    "size": "1.0000000000",
                    "ms_t": "1609926028000",
                    "price": "46100.0000000000",
                    "filled_notional": "46100.0000000000",
                    "filled_size": "1.0000000000",
                    "margin_trading": "0",
                    "state": "2",
                    "order_id": "100234",
                    "order_type": "0",
                    "last_fill_time": "1609926039226",
                    "last_fill_price": "46100.00000",
                    "last_fill_count": "1.00000",
                    "exec_type": "M",
                    "detail_id": "256348632",
                    "client_order_id": "OID1",
                    "create_time": "1609926028000",
                    "update_time": "1609926044000",
                    "order_mode": "spot",
                    "entrust_type": "normal",
                    "order_state": "partially_filled",
                }
            ],
            "table": "spot/user/order",
        }
        websocket = self.websocket(ws_connect_mock, {"event": "login"})
        # Text that is not JSON and JSON that is not an object are dropped too, and the connection stays up.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, "{not json")
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps([]))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({}))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({"event": "login"}))
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
        websocket = self.websocket(ws_connect_mock, {"event": "login"})
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({"event": "login"}))

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
        self.assertEqual(6, len(self.mocking_assistant.json_messages_sent_through_websocket(websocket)))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_propagates_cancellation(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"event": "login"})
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
