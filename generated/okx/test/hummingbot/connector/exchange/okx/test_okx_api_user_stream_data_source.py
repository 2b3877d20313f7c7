import asyncio
import base64
import hashlib
import hmac
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

from hummingbot.connector.exchange.okx.okx_api_user_stream_data_source import OkxAPIUserStreamDataSource
from hummingbot.connector.exchange.okx.okx_auth import OkxAuth
from hummingbot.connector.exchange.okx.okx_exchange import OkxExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class OkxAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.secret_key = "testSecretKey"
        self.passphrase = "testPassphrase"
        self.trading_pair = "COINALPHA-HBOT"
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()
        self.time_provider = MagicMock()
        self.time_provider.time.return_value = 1640000000.25
        self.connector = OkxExchange(
            okx_api_key=self.api_key,
            okx_secret_key=self.secret_key,
            okx_passphrase=self.passphrase,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        self.auth = OkxAuth(
            api_key=self.api_key,
            secret_key=self.secret_key,
            passphrase=self.passphrase,
            time_provider=self.time_provider,
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

    def create_data_source(self, domain: str) -> OkxAPIUserStreamDataSource:
        return OkxAPIUserStreamDataSource(
            auth=self.auth,
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=domain,
        )

    def ws_signature(self, message: str) -> str:
        """The signature the exchange expects for `message`, computed here from the documented recipe."""
        return base64.b64encode(
            hmac.new(self.secret_key.encode("utf8"), message.encode("utf8"), hashlib.sha256).digest()
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
        websocket = self.websocket(ws_connect_mock, {"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"})

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual("wss://ws.okx.com:8443/ws/v5/private", ws_connect_mock.call_args.args[0])
        # The wording of Hummingbot's connectors, or the spec's (user_stream.logs).
        self.assertIn("Successfully connected to user stream", [record.getMessage() for record in logs.records])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_private_websocket_of_each_domain(self, ws_connect_mock):
        self.websocket(ws_connect_mock)
        for domain, expected_url in [("com", "wss://ws.okx.com:8443/ws/v5/private")]:
            with self.subTest(domain=domain):
                await self.create_data_source(domain=domain)._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_logs_in_then_subscribes(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"})

        with self.assertLogs(self.data_source.logger(), level="INFO") as logs:
            self.start_listening()
            await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "op": "login",
                    "args": [
                        {
                            "apiKey": self.api_key,
                            "passphrase": self.passphrase,
                            "timestamp": "1640000000",
                            "sign": self.ws_signature("1640000000GET/users/self/verify"),
                        }
                    ],
                },
                {"op": "subscribe", "args": [{"channel": "account"}]},
                {"op": "subscribe", "args": [{"channel": "orders", "instType": "SPOT"}]},
            ],
            sent_messages,
        )
        self.assertIn(
            "Subscribed to private account and orders channels...", [record.getMessage() for record in logs.records]
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_failed_subscribe_response_raises_and_logs_error(self, ws_connect_mock):
        self.websocket(ws_connect_mock, {"event": "NOT_login", "code": "0", "msg": "", "connId": "a4d3ae55"})
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
            "arg": {"channel": "orders", "instType": "SPOT", "instId": "BTC-USDT", "uid": "614488474791936"},
            "data": [
                {
                    "accFillSz": "0.001",
                    "algoClOrdId": "",
                    "algoId": "",
                    "amendResult": "",
                    "amendSource": "",
                    "avgPx": "31527.1",
                    "cancelSource": "",
                    "category": "normal",
                    "ccy": "",
                    "clOrdId": "OID1",
                    "code": "0",
                    "cTime": "1654084334977",
                    "execType": "M",
                    "fee": "-0.02522168",
                    "feeCcy": "USDT",
                    "fillFee": "-0.02522168",
                    "fillFeeCcy": "USDT",
                    "fillNotionalUsd": "31.50818374",
                    "fillPx": "31527.1",
                    "fillSz": "0.001",
                    "fillTime": "1654084353263",
                    "instId": "BTC-USDT",
                    "instType": "SPOT",
                    "lever": "0",
                    "msg": "",
                    "notionalUsd": "31.50818374",
                    "ordId": "100234",
                    "ordType": "limit",
                    "pnl": "0",
                    "posSide": "",
                    "px": "31527.1",
                    "rebate": "0",
                    "rebateCcy": "BTC",
                    "reduceOnly": "false",
                    "reqId": "",
                    "side": "sell",
                    "slOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "last",
                    "source": "",
                    "state": "filled",
                    "sz": "0.001",
                    "tag": "",
                    "tdMode": "cash",
                    "tgtCcy": "",
                    "tpOrdPx": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "last",
                    "tradeId": "242589207",
                    "quickMgnType": "",
                    "uTime": "1654084353264",
                }
            ],
        }
        self.websocket(ws_connect_mock, {"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_balance_event(self, ws_connect_mock):
        event = {
            "arg": {"channel": "account", "uid": "44*********584"},
            "data": [
                {
                    "adjEq": "55444.12216906034",
                    "details": [
                        {
                            "availBal": "4734.371190691436",
                            "availEq": "4734.371190691435",
                            "ccy": "COINALPHA",
                            "cashBal": "4750.426970691436",
                            "disEq": "4889.379316336831",
                            "eq": "4750.426970691436",
                            "eqUsd": "4889.379316336831",
                            "frozenBal": "16.0557800000000",
                            "ordFrozen": "16.0557800000000",
                            "uTime": "1705564213903",
                        }
                    ],
                    "totalEq": "54738.032348854225",
                    "uTime": "1705564223311",
                }
            ],
        }
        self.websocket(ws_connect_mock, {"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_does_not_queue_malformed_or_empty_payloads_nor_request_replies(
        self, ws_connect_mock
    ):
        event = {
            "arg": {"channel": "orders", "instType": "SPOT", "instId": "BTC-USDT", "uid": "614488474791936"},
            "data": [
                {
                    "accFillSz": "0.001",
                    "algoClOrdId": "",
                    "algoId": "",
                    "amendResult": "",
                    "amendSource": "",
                    "avgPx": "31527.1",
                    "cancelSource": "",
                    "category": "normal",
                    "ccy": "",
                    "clOrdId": "OID1",
                    "code": "0",
                    "cTime": "1654084334977",
                    "execType": "M",
                    "fee": "-0.02522168",
                    "feeCcy": "USDT",
                    "fillFee": "-0.02522168",
                    "fillFeeCcy": "USDT",
                    "fillNotionalUsd": "31.50818374",
                    "fillPx": "31527.1",
                    "fillSz": "0.001",
                    "fillTime": "1654084353263",
                    "instId": "BTC-USDT",
                    "instType": "SPOT",
                    "lever": "0",
                    "msg": "",
                    "notionalUsd": "31.50818374",
                    "ordId": "100234",
                    "ordType": "limit",
                    "pnl": "0",
                    "posSide": "",
                    "px": "31527.1",
                    "rebate": "0",
                    "rebateCcy": "BTC",
                    "reduceOnly": "false",
                    "reqId": "",
                    "side": "sell",
                    "slOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "last",
                    "source": "",
                    "state": "filled",
                    "sz": "0.001",
                    "tag": "",
                    "tdMode": "cash",
                    "tgtCcy": "",
                    "tpOrdPx": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "last",
                    "tradeId": "242589207",
                    "quickMgnType": "",
                    "uTime": "1654084353264",
                }
            ],
        }
        websocket = self.websocket(ws_connect_mock, {"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"})
        # Text that is not JSON and JSON that is not an object are dropped too, and the connection stays up.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, "{not json")
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps([]))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({}))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket, json.dumps({"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"})
        )
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps(event))

        self.start_listening()

        # Messages are processed in order: the event sent last is the first one queued.
        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())
        self.assertEqual(1, ws_connect_mock.call_count)

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_sends_ping_every_ping_interval(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock)
        websocket_assistant = await self.data_source._connected_websocket_assistant()
        self.data_source._ping_interval = 0.01

        task = asyncio.create_task(self.data_source._process_websocket_messages(websocket_assistant, self.output))
        for _ in range(100):
            if self.mocking_assistant.text_messages_sent_through_websocket(websocket):
                break
            await asyncio.sleep(0.01)
        task.cancel()

        self.assertEqual("ping", self.mocking_assistant.text_messages_sent_through_websocket(websocket)[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_ping_falls_due_on_the_data_source_clock(self, ws_connect_mock):
        """The interval is measured with _time(): once the clock has moved past it the ping goes out at once."""
        websocket = self.websocket(ws_connect_mock)
        websocket_assistant = await self.data_source._connected_websocket_assistant()
        now = 1640000000.25
        # Processing begins an hour before now (longer than any ping interval); every later reading is now.
        clock = iter([now - 3600])

        with patch.object(self.data_source, "_time", side_effect=lambda: next(clock, now)):
            task = asyncio.create_task(self.data_source._process_websocket_messages(websocket_assistant, self.output))
            await asyncio.sleep(0.1)
            task.cancel()

        self.assertEqual("ping", self.mocking_assistant.text_messages_sent_through_websocket(websocket)[0])

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
        websocket = self.websocket(ws_connect_mock, {"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"})
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket, json.dumps({"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"})
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
        websocket = self.websocket(ws_connect_mock, {"event": "login", "code": "0", "msg": "", "connId": "a4d3ae55"})
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
