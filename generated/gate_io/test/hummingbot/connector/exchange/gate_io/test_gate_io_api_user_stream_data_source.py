import asyncio
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

from bidict import bidict

from hummingbot.connector.exchange.gate_io.gate_io_api_user_stream_data_source import GateIoAPIUserStreamDataSource
from hummingbot.connector.exchange.gate_io.gate_io_auth import GateIoAuth
from hummingbot.connector.exchange.gate_io.gate_io_exchange import GateIoExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class GateIoAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.trading_pair = "COINALPHA-HBOT"
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.connector = GateIoExchange(
            gate_io_api_key=self.api_key,
            gate_io_secret_key=self.secret_key,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        self.connector._set_trading_pair_symbol_map(bidict({"COINALPHA_HBOT": self.trading_pair}))
        self.auth = GateIoAuth(api_key=self.api_key, secret_key=self.secret_key, time_provider=self.time_provider)
        self.data_source = self.create_data_source(domain="io")
        self.data_source._sleep = AsyncMock()
        self.data_source._time = MagicMock(return_value=1640000000.25)
        self.output = asyncio.Queue()
        self.listening_task: Optional[asyncio.Task] = None

    async def asyncTearDown(self) -> None:
        if self.listening_task is not None:
            self.listening_task.cancel()
        await self.connector._web_assistants_factory.close()
        await super().asyncTearDown()

    def create_data_source(self, domain: str) -> GateIoAPIUserStreamDataSource:
        return GateIoAPIUserStreamDataSource(
            auth=self.auth,
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=domain,
        )

    def ws_signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha512).hexdigest()

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
            {
                "time": 1611541000,
                "time_ms": 1611541000123,
                "id": None,
                "channel": "spot.orders",
                "event": "subscribe",
                "error": None,
                "result": {"status": "success"},
            },
        )

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual("wss://api.gateio.ws/ws/v4/", ws_connect_mock.call_args.args[0])
        # The wording of Hummingbot's connectors, or the spec's (user_stream.logs).
        self.assertIn("Successfully connected to user stream", [record.getMessage() for record in logs.records])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_private_websocket_of_each_domain(self, ws_connect_mock):
        self.websocket(ws_connect_mock)
        for domain, expected_url in [("io", "wss://api.gateio.ws/ws/v4/")]:
            with self.subTest(domain=domain):
                await self.create_data_source(domain=domain)._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_sends_signed_subscriptions(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "time": 1611541000,
                "time_ms": 1611541000123,
                "id": None,
                "channel": "spot.orders",
                "event": "subscribe",
                "error": None,
                "result": {"status": "success"},
            },
        )

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "time": 1640000000,
                    "channel": "spot.orders",
                    "event": "subscribe",
                    "payload": ["COINALPHA_HBOT"],
                    "auth": {
                        "method": "api_key",
                        "KEY": self.api_key,
                        "SIGN": self.ws_signature("channel=spot.orders&event=subscribe&time=1640000000"),
                    },
                },
                {
                    "time": 1640000000,
                    "channel": "spot.usertrades",
                    "event": "subscribe",
                    "payload": ["COINALPHA_HBOT"],
                    "auth": {
                        "method": "api_key",
                        "KEY": self.api_key,
                        "SIGN": self.ws_signature("channel=spot.usertrades&event=subscribe&time=1640000000"),
                    },
                },
                {
                    "time": 1640000000,
                    "channel": "spot.balances",
                    "event": "subscribe",
                    "auth": {
                        "method": "api_key",
                        "KEY": self.api_key,
                        "SIGN": self.ws_signature("channel=spot.balances&event=subscribe&time=1640000000"),
                    },
                },
            ],
            sent_messages,
        )
        self.assertIn(
            "Subscribed to private order changes and balance updates channels...",
            [record.getMessage() for record in logs.records],
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_subscribes_to_every_pair_without_trading_pairs(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "time": 1611541000,
                "time_ms": 1611541000123,
                "id": None,
                "channel": "spot.orders",
                "event": "subscribe",
                "error": None,
                "result": {"status": "success"},
            },
        )
        self.data_source._trading_pairs = []

        self.start_listening()
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "time": 1640000000,
                    "channel": "spot.orders",
                    "event": "subscribe",
                    "payload": ["!all"],
                    "auth": {
                        "method": "api_key",
                        "KEY": self.api_key,
                        "SIGN": self.ws_signature("channel=spot.orders&event=subscribe&time=1640000000"),
                    },
                },
                {
                    "time": 1640000000,
                    "channel": "spot.usertrades",
                    "event": "subscribe",
                    "payload": ["!all"],
                    "auth": {
                        "method": "api_key",
                        "KEY": self.api_key,
                        "SIGN": self.ws_signature("channel=spot.usertrades&event=subscribe&time=1640000000"),
                    },
                },
                {
                    "time": 1640000000,
                    "channel": "spot.balances",
                    "event": "subscribe",
                    "auth": {
                        "method": "api_key",
                        "KEY": self.api_key,
                        "SIGN": self.ws_signature("channel=spot.balances&event=subscribe&time=1640000000"),
                    },
                },
            ],
            sent_messages,
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_order_event(self, ws_connect_mock):
        event = {
            "time": 1694655225,
            "time_ms": 1694655225315,
            "channel": "spot.orders",
            "event": "update",
            "result": [
                {
                    "id": "100234",
                    "text": "OID1",
                    "create_time": "1694655225",
                    "update_time": "1694655225",
                    "currency_pair": "BTC_USDT",
                    "type": "limit",
                    "account": "spot",
                    "side": "sell",
                    "amount": "0.0001",
                    "price": "26253.3",
                    "time_in_force": "gtc",
                    "left": "0.0001",
                    "filled_total": "0",
                    "avg_deal_price": "0",
                    "fee": "0",
                    "fee_currency": "USDT",
                    "point_fee": "0",
                    "gt_fee": "0",
                    "rebated_fee": "0",
                    "rebated_fee_currency": "USDT",
                    "create_time_ms": "1694655225315",
                    "update_time_ms": "1694655225315",
                    "user": 3497082,
                    "event": "put",
                    "stp_id": 0,
                    "stp_act": "-",
                    "finish_as": "open",
                    "biz_info": "-",
                    "amend_text": "-",
                }
            ],
        }
        self.websocket(
            ws_connect_mock,
            {
                "time": 1611541000,
                "time_ms": 1611541000123,
                "id": None,
                "channel": "spot.orders",
                "event": "subscribe",
                "error": None,
                "result": {"status": "success"},
            },
            event,
        )

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_balance_event(self, ws_connect_mock):
        event = {
            "time": 1605248616,
            "time_ms": 1605248616763,
            "channel": "spot.balances",
            "event": "update",
            "result": [
                {
                    "timestamp": "1605248616",
                    "timestamp_ms": "1605248616123",
                    "user": "1000001",
                    "currency": "COINALPHA",
                    "change": "100",
                    "total": "1032951.325075926",
                    "available": "1022943.325075926",
                    "freeze": "10008",
                    "freeze_change": "0",
                    "change_type": "order-create",
                }
            ],
        }
        self.websocket(
            ws_connect_mock,
            {
                "time": 1611541000,
                "time_ms": 1611541000123,
                "id": None,
                "channel": "spot.orders",
                "event": "subscribe",
                "error": None,
                "result": {"status": "success"},
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
            "time": 1694655225,
            "time_ms": 1694655225315,
            "channel": "spot.orders",
            "event": "update",
            "result": [
                {
                    "id": "100234",
                    "text": "OID1",
                    "create_time": "1694655225",
                    "update_time": "1694655225",
                    "currency_pair": "BTC_USDT",
                    "type": "limit",
                    "account": "spot",
                    "side": "sell",
                    "amount": "0.0001",
                    "price": "26253.3",
                    "time_in_force": "gtc",
                    "left": "0.0001",
                    "filled_total": "0",
                    "avg_deal_price": "0",
                    "fee": "0",
                    "fee_currency": "USDT",
                    "point_fee": "0",
                    "gt_fee": "0",
                    "rebated_fee": "0",
                    "rebated_fee_currency": "USDT",
                    "create_time_ms": "1694655225315",
                    "update_time_ms": "1694655225315",
                    "user": 3497082,
                    "event": "put",
                    "stp_id": 0,
                    "stp_act": "-",
                    "finish_as": "open",
                    "biz_info": "-",
                    "amend_text": "-",
                }
            ],
        }
        websocket = self.websocket(
            ws_connect_mock,
            {
                "time": 1611541000,
                "time_ms": 1611541000123,
                "id": None,
                "channel": "spot.orders",
                "event": "subscribe",
                "error": None,
                "result": {"status": "success"},
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
                    "time": 1611541000,
                    "time_ms": 1611541000123,
                    "id": None,
                    "channel": "spot.orders",
                    "event": "subscribe",
                    "error": None,
                    "result": {"status": "success"},
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
                "time": 1611541000,
                "time_ms": 1611541000123,
                "id": None,
                "channel": "spot.orders",
                "event": "subscribe",
                "error": None,
                "result": {"status": "success"},
            },
        )
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket,
            json.dumps(
                {
                    "time": 1611541000,
                    "time_ms": 1611541000123,
                    "id": None,
                    "channel": "spot.orders",
                    "event": "subscribe",
                    "error": None,
                    "result": {"status": "success"},
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
        self.assertEqual(6, len(self.mocking_assistant.json_messages_sent_through_websocket(websocket)))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_propagates_cancellation(self, ws_connect_mock):
        websocket = self.websocket(
            ws_connect_mock,
            {
                "time": 1611541000,
                "time_ms": 1611541000123,
                "id": None,
                "channel": "spot.orders",
                "event": "subscribe",
                "error": None,
                "result": {"status": "success"},
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
