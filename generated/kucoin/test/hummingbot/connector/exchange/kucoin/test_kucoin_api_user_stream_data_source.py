import asyncio
import base64
import hashlib
import hmac
import itertools
import json
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Optional
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses

from hummingbot.connector.exchange.kucoin import kucoin_web_utils as web_utils
from hummingbot.connector.exchange.kucoin.kucoin_api_user_stream_data_source import KucoinAPIUserStreamDataSource
from hummingbot.connector.exchange.kucoin.kucoin_auth import KucoinAuth
from hummingbot.connector.exchange.kucoin.kucoin_exchange import KucoinExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant


class KucoinAPIUserStreamDataSourceTests(IsolatedAsyncioWrapperTestCase):
    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.api_key = "testApiKey"
        self.passphrase = "testPassphrase"
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
        self.connector = KucoinExchange(
            kucoin_api_key=self.api_key,
            kucoin_passphrase=self.passphrase,
            kucoin_secret_key=self.secret_key,
            trading_pairs=[self.trading_pair],
            trading_required=False,
        )
        self.auth = KucoinAuth(
            api_key=self.api_key,
            passphrase=self.passphrase,
            secret_key=self.secret_key,
            time_provider=self.time_provider,
        )
        self.data_source = self.create_data_source(domain="main")
        self.data_source._sleep = AsyncMock()
        self.output = asyncio.Queue()
        self.listening_task: Optional[asyncio.Task] = None
        # The token and server the exchange hands out when the data source connects.
        self.mock_api = aioresponses()
        self.mock_api.start()
        self.mock_api.post(
            "https://api.kucoin.com/api/v1/bullet-private",
            body=json.dumps(
                {
                    "code": "200000",
                    "data": {
                        "token": "2neAiuYvAU61ZDXANAGAsiL4-iAExhsBXZxftpOeh_55i3Ysy2q2LEsEWU64mdzUOPusi34M_wGoSf7iNyEWJ4aBZXpWhrmY9jKtqkdWoFa75w3istPvPtiYB9J6i9GjsxUuhPw3BlrzazF6ghq4L_LhLdOjCeNN8jN-N9i8IYmJfmbx1yCPeJM_eSXlVkt5mDUUxWP0E5VZzyDkkAQkV4Rfag==.tMbgvgWn21M0D-I-mmeKLw==",
                        "instanceServers": [
                            {
                                "endpoint": "wss://ws-api-spot.kucoin.com/",
                                "encrypt": True,
                                "protocol": "websocket",
                                "pingInterval": 18000,
                                "pingTimeout": 10000,
                            }
                        ],
                    },
                }
            ),
            repeat=True,
        )

    async def asyncTearDown(self) -> None:
        if self.listening_task is not None:
            self.listening_task.cancel()
        self.mock_api.stop()
        await self.connector._web_assistants_factory.close()
        await super().asyncTearDown()

    def create_data_source(self, domain: str) -> KucoinAPIUserStreamDataSource:
        return KucoinAPIUserStreamDataSource(
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

    @patch(
        "hummingbot.connector.exchange.kucoin.kucoin_api_user_stream_data_source.uuid.uuid4",
        return_value="testConnectId",
    )
    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_connects_to_the_server_named_by_the_token(self, ws_connect_mock, _):
        websocket = self.websocket(ws_connect_mock, {"id": "hQvf8jkno", "type": "welcome"})

        self.start_listening()
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        self.assertEqual(
            "wss://ws-api-spot.kucoin.com/?token=2neAiuYvAU61ZDXANAGAsiL4-iAExhsBXZxftpOeh_55i3Ysy2q2LEsEWU64mdzUOPusi34M_wGoSf7iNyEWJ4aBZXpWhrmY9jKtqkdWoFa75w3istPvPtiYB9J6i9GjsxUuhPw3BlrzazF6ghq4L_LhLdOjCeNN8jN-N9i8IYmJfmbx1yCPeJM_eSXlVkt5mDUUxWP0E5VZzyDkkAQkV4Rfag==.tMbgvgWn21M0D-I-mmeKLw==&connectId=testConnectId",
            ws_connect_mock.call_args.args[0],
        )
        self.assertEqual(14.4, self.data_source._ping_interval)

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_subscribes_to_account_channels(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"id": "hQvf8jkno", "type": "welcome"})

        self.start_listening()
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(websocket)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        self.assertEqual(
            [
                {
                    "id": 1,
                    "type": "subscribe",
                    "topic": "/spotMarket/tradeOrders",
                    "privateChannel": True,
                    "response": True,
                },
                {"id": 2, "type": "subscribe", "topic": "/account/balance", "privateChannel": True, "response": True},
            ],
            sent_messages,
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_order_event(self, ws_connect_mock):
        event = {
            "type": "message",
            "topic": "/spotMarket/tradeOrders",
            "subject": "orderChange",
            "channelType": "private",
            "data": {
                "symbol": "KCS-USDT",
                "orderType": "limit",
                "side": "buy",
                "orderId": "100234",
                "type": "match",
                "orderTime": 1593487481683297666,
                "size": "0.1",
                "filledSize": "0.1",
                "price": "0.937",
                "matchPrice": "0.937",
                "matchSize": "0.1",
                "tradeId": "5efab07a4ee4c7000a82d6d9",
                "clientOid": "OID1",
                "remainSize": "0",
                "status": "match",
                "ts": 1593487482038606180,
            },
        }
        self.websocket(ws_connect_mock, {"id": "hQvf8jkno", "type": "welcome"}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_queues_balance_event(self, ws_connect_mock):
        event = {
            "type": "message",
            "topic": "/account/balance",
            "subject": "account.balance",
            "channelType": "private",
            "data": {
                "accountId": "XXXX",
                "available": "0.00009788",
                "availableChange": "-0.00000001",
                "currency": "COINALPHA",
                "hold": "0",
                "holdChange": "0",
                "relationContext": {"symbol": "BTC-USDT", "orderId": "6721d0632db25b0007071fdc"},
                "relationEvent": "trade.hold",
                "relationEventId": "354689988084000",
                "time": "1730269283892",
                "total": "0.00009788",
            },
        }
        self.websocket(ws_connect_mock, {"id": "hQvf8jkno", "type": "welcome"}, event)

        self.start_listening()

        self.assertEqual(event, await asyncio.wait_for(self.output.get(), timeout=1))
        self.assertTrue(self.output.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_does_not_queue_malformed_or_empty_payloads_nor_request_replies(
        self, ws_connect_mock
    ):
        event = {
            "type": "message",
            "topic": "/spotMarket/tradeOrders",
            "subject": "orderChange",
            "channelType": "private",
            "data": {
                "symbol": "KCS-USDT",
                "orderType": "limit",
                "side": "buy",
                "orderId": "100234",
                "type": "match",
                "orderTime": 1593487481683297666,
                "size": "0.1",
                "filledSize": "0.1",
                "price": "0.937",
                "matchPrice": "0.937",
                "matchSize": "0.1",
                "tradeId": "5efab07a4ee4c7000a82d6d9",
                "clientOid": "OID1",
                "remainSize": "0",
                "status": "match",
                "ts": 1593487482038606180,
            },
        }
        websocket = self.websocket(ws_connect_mock, {"id": "hQvf8jkno", "type": "welcome"})
        # Text that is not JSON and JSON that is not an object are dropped too, and the connection stays up.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, "{not json")
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps([]))
        self.mocking_assistant.add_websocket_aiohttp_message(websocket, json.dumps({}))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket, json.dumps({"id": "hQvf8jkno", "type": "welcome"})
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
            if self.mocking_assistant.json_messages_sent_through_websocket(websocket):
                break
            await asyncio.sleep(0.01)
        task.cancel()

        self.assertEqual(
            {"id": 1, "type": "ping"}, self.mocking_assistant.json_messages_sent_through_websocket(websocket)[0]
        )

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

        self.assertEqual(
            {"id": 1, "type": "ping"}, self.mocking_assistant.json_messages_sent_through_websocket(websocket)[0]
        )

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
        websocket = self.websocket(ws_connect_mock, {"id": "hQvf8jkno", "type": "welcome"})
        self.mocking_assistant.add_websocket_aiohttp_exception(websocket, Exception("TEST ERROR"))
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket, json.dumps({"id": "hQvf8jkno", "type": "welcome"})
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
        self.assertEqual(4, len(self.mocking_assistant.json_messages_sent_through_websocket(websocket)))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_user_stream_propagates_cancellation(self, ws_connect_mock):
        websocket = self.websocket(ws_connect_mock, {"id": "hQvf8jkno", "type": "welcome"})
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
