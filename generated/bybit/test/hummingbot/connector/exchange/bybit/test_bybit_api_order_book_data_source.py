import asyncio
import json
import re
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.bybit import bybit_constants as CONSTANTS, bybit_web_utils as web_utils
from hummingbot.connector.exchange.bybit.bybit_api_order_book_data_source import BybitAPIOrderBookDataSource
from hummingbot.connector.exchange.bybit.bybit_exchange import BybitExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book_message import OrderBookMessageType


class BybitAPIOrderBookDataSourceUnitTests(IsolatedAsyncioWrapperTestCase):
    # logging.Level required to receive logs from the data source logger
    level = 0

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.base_asset = "COINALPHA"
        cls.new_base_asset = "COINBETA"
        cls.quote_asset = "HBOT"
        cls.trading_pair = f"{cls.base_asset}-{cls.quote_asset}"
        cls.new_trading_pair = f"{cls.new_base_asset}-{cls.quote_asset}"
        cls.ex_trading_pair = cls.base_asset + cls.quote_asset
        cls.new_ex_trading_pair = cls.new_base_asset + cls.quote_asset
        cls.domain = CONSTANTS.DEFAULT_DOMAIN

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.log_records = []
        self.listening_task = None
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()

        self.connector = BybitExchange(
            bybit_api_key="",
            bybit_api_secret="",
            trading_pairs=[self.trading_pair],
            trading_required=False,
            domain=self.domain,
        )
        # A server time sample is known already, so public requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(
            bidict({self.ex_trading_pair: self.trading_pair, self.new_ex_trading_pair: self.new_trading_pair})
        )
        self.data_source = BybitAPIOrderBookDataSource(
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=self.domain,
        )
        self.data_source.logger().setLevel(1)
        self.data_source.logger().addHandler(self)
        self.mock_api = aioresponses()
        self.mock_api.start()

    def tearDown(self) -> None:
        self.mock_api.stop()
        self.listening_task and self.listening_task.cancel()
        self.data_source.logger().removeHandler(self)
        super().tearDown()

    def handle(self, record):
        self.log_records.append(record)

    def _is_logged(self, log_level: str, message: str) -> bool:
        return any(record.levelname == log_level and record.getMessage() == message for record in self.log_records)

    def _snapshot_url_regex(self):
        url = web_utils.public_rest_url(path_url=CONSTANTS.SNAPSHOT_PATH_URL, domain=self.domain)
        return re.compile(f"^{re.escape(url)}(\\?.*)?$")

    def _snapshot_response(self):
        return {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "s": "BTCUSDT",
                "a": [["10.75", "2.5"]],
                "b": [["10.5", "1.25"]],
                "ts": 1716863719031,
                "u": 1001,
                "seq": 1432604333,
                "cts": 1716863718905,
            },
            "retExtInfo": {},
            "time": 1716863719382,
        }

    def _trade_event(self):
        return {
            "topic": "publicTrade.BTCUSDT",
            "type": "snapshot",
            "ts": 1672304486868,
            "data": [
                {
                    "T": 1700000000250,
                    "s": self.ex_trading_pair,
                    "S": "Sell",
                    "v": "0.375",
                    "p": "10.625",
                    "L": "PlusTick",
                    "i": "3001",
                    "BT": False,
                }
            ],
        }

    def _diff_event(self):
        return {
            "topic": "orderbook.50.BTCUSDT",
            "type": "delta",
            "ts": 1700000000250,
            "data": {
                "s": self.ex_trading_pair,
                "b": [["10.25", "3.5"]],
                "a": [["11", "0.5"]],
                "u": 2005,
                "seq": 66544703342,
            },
            "cts": 1687940967464,
        }

    def _snapshot_event(self):
        return {
            "topic": "orderbook.50.BTCUSDT",
            "type": "snapshot",
            "ts": 1700000000250,
            "data": {
                "s": self.ex_trading_pair,
                "b": [["10.4", "4.5"]],
                "a": [["10.8", "5.25"]],
                "u": 1501,
                "seq": 7961638724,
            },
            "cts": 1672304484976,
        }

    async def _connected_websocket(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        self.data_source._ws_assistant = await self.data_source._connected_websocket_assistant()
        return ws_connect_mock.return_value

    def _with_failing_websocket(self, exception):
        websocket = AsyncMock()
        websocket.send.side_effect = exception
        self.data_source._ws_assistant = websocket

    def _queue_delivering(self, *items):
        queue = AsyncMock()
        queue.get.side_effect = items
        return queue

    async def test_get_new_order_book_successful(self):
        self.mock_api.get(self._snapshot_url_regex(), body=json.dumps(self._snapshot_response()))

        order_book = await self.data_source.get_new_order_book(self.trading_pair)

        request = next(iter(self.mock_api.requests.values()))[0]
        self.assertEqual({"category": "spot", "symbol": self.ex_trading_pair, "limit": "200"}, request.kwargs["params"])
        self.assertEqual(1001, order_book.snapshot_uid)
        bids = list(order_book.bid_entries())
        asks = list(order_book.ask_entries())
        self.assertEqual(1, len(bids))
        self.assertEqual(10.5, bids[0].price)
        self.assertEqual(1.25, bids[0].amount)
        self.assertEqual(1001, bids[0].update_id)
        self.assertEqual(1, len(asks))
        self.assertEqual(10.75, asks[0].price)
        self.assertEqual(2.5, asks[0].amount)
        self.assertEqual(1001, asks[0].update_id)

    async def test_request_order_book_snapshot_returns_the_book_in_the_response(self):
        snapshot = self._snapshot_response()
        self.mock_api.get(self._snapshot_url_regex(), body=json.dumps(snapshot))

        returned = await self.data_source._request_order_book_snapshot(self.trading_pair)

        self.assertEqual(snapshot["result"], returned)

    async def test_get_new_order_book_raises_exception(self):
        self.mock_api.get(self._snapshot_url_regex(), status=400)

        with self.assertRaises(IOError):
            await self.data_source.get_new_order_book(self.trading_pair)

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_subscriptions_subscribes_to_trades_and_order_diffs(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket_mock=ws_connect_mock.return_value,
            message=json.dumps(
                {
                    "success": True,
                    "ret_msg": "subscribe",
                    "conn_id": "2324d924-aa4d-45b0-a858-7b8be29ab52b",
                    "req_id": "10001",
                    "op": "subscribe",
                }
            ),
        )

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(ws_connect_mock.return_value)

        sent_subscriptions = self.mocking_assistant.json_messages_sent_through_websocket(ws_connect_mock.return_value)
        expected_subscriptions = [
            {"op": "subscribe", "args": ["publicTrade." + self.ex_trading_pair]},
            {"op": "subscribe", "args": ["orderbook.50." + self.ex_trading_pair]},
        ]
        self.assertEqual(expected_subscriptions, sent_subscriptions)
        self.assertTrue(self._is_logged("INFO", "Subscribed to public order book and trade channels..."))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_public_websocket_of_each_domain(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        for domain, expected_url in [
            ("com", "wss://stream.bybit.com/v5/public/spot"),
            ("bybit_testnet", "wss://stream-testnet.bybit.com/v5/public/spot"),
        ]:
            with self.subTest(domain=domain):
                data_source = BybitAPIOrderBookDataSource(
                    trading_pairs=[self.trading_pair],
                    connector=self.connector,
                    api_factory=self.connector._web_assistants_factory,
                    domain=domain,
                )

                await data_source._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_subscriptions_sends_ping_when_the_interval_passes(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket_mock=ws_connect_mock.return_value,
            message=json.dumps(
                {
                    "success": True,
                    "ret_msg": "subscribe",
                    "conn_id": "2324d924-aa4d-45b0-a858-7b8be29ab52b",
                    "req_id": "10001",
                    "op": "subscribe",
                }
            ),
        )
        # Nothing more arrives within the ping interval.
        self.mocking_assistant.add_websocket_aiohttp_exception(ws_connect_mock.return_value, asyncio.TimeoutError())

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(ws_connect_mock.return_value)
        await asyncio.sleep(0.1)

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(ws_connect_mock.return_value)
        self.assertEqual({"op": "ping"}, sent_messages[-1])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_ping_falls_due_on_the_data_source_clock(self, ws_connect_mock):
        """The interval is measured with _time(): once the clock has moved past it the ping goes out at once."""
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        websocket_assistant = await self.data_source._connected_websocket_assistant()
        now = 1700000000.5
        # Processing begins an hour before now (longer than any ping interval); every later reading is now.
        clock = iter([now - 3600])

        with patch.object(self.data_source, "_time", side_effect=lambda: next(clock, now)):
            task = asyncio.create_task(self.data_source._process_websocket_messages(websocket_assistant))
            await asyncio.sleep(0.1)
            task.cancel()

        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(ws_connect_mock.return_value)
        self.assertEqual([{"op": "ping"}], sent_messages)

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_subscriptions_routes_trades_and_order_diffs_to_their_queues(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        messages = [
            {
                "success": True,
                "ret_msg": "subscribe",
                "conn_id": "2324d924-aa4d-45b0-a858-7b8be29ab52b",
                "req_id": "10001",
                "op": "subscribe",
            },
            self._trade_event(),
        ]
        messages.append(self._diff_event())
        messages.append(self._snapshot_event())
        for message in messages:
            self.mocking_assistant.add_websocket_aiohttp_message(
                websocket_mock=ws_connect_mock.return_value, message=json.dumps(message)
            )

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())

        queues = self.data_source._message_queue
        trade_queue = queues[self.data_source._trade_messages_queue_key]
        diff_queue = queues[self.data_source._diff_messages_queue_key]
        snapshot_queue = queues[self.data_source._snapshot_messages_queue_key]
        self.assertEqual(self._trade_event(), await asyncio.wait_for(trade_queue.get(), timeout=1))
        self.assertEqual(self._diff_event(), await asyncio.wait_for(diff_queue.get(), timeout=1))
        self.assertEqual(self._snapshot_event(), await asyncio.wait_for(snapshot_queue.get(), timeout=1))
        self.assertTrue(trade_queue.empty())
        self.assertTrue(diff_queue.empty())
        self.assertTrue(snapshot_queue.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_subscriptions_drops_malformed_messages_and_keeps_listening(self, ws_connect_mock):
        websocket = self.mocking_assistant.create_websocket_mock()
        ws_connect_mock.return_value = websocket
        # Text that is not JSON, JSON that is not an object, an event of no subscribed channel, then a trade.
        self.mocking_assistant.add_websocket_aiohttp_message(websocket_mock=websocket, message="{not json")
        for message in (
            [],
            {
                "topic": "hbgen-unknown-event",
                "type": "snapshot",
                "ts": 1672304486868,
                "data": [
                    {
                        "T": 1672304486865,
                        "s": "BTCUSDT",
                        "S": "Buy",
                        "v": "0.001",
                        "p": "16578.50",
                        "L": "PlusTick",
                        "i": "20f43950-d8dd-5b31-9112-a178eb6023af",
                        "BT": False,
                    }
                ],
            },
            self._trade_event(),
        ):
            self.mocking_assistant.add_websocket_aiohttp_message(websocket_mock=websocket, message=json.dumps(message))

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())

        trade_queue = self.data_source._message_queue[self.data_source._trade_messages_queue_key]
        self.assertEqual(self._trade_event(), await asyncio.wait_for(trade_queue.get(), timeout=1))
        self.assertTrue(trade_queue.empty())
        # Still on its first connection, and nothing logged as an error.
        self.assertEqual(1, ws_connect_mock.call_count)
        self.assertEqual([], [record.getMessage() for record in self.log_records if record.levelname == "ERROR"])

    @patch("aiohttp.ClientSession.ws_connect")
    async def test_listen_for_subscriptions_raises_cancel_exception(self, ws_connect_mock):
        ws_connect_mock.side_effect = asyncio.CancelledError

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_subscriptions()

    @patch("aiohttp.ClientSession.ws_connect")
    async def test_listen_for_subscriptions_logs_exception_details(self, ws_connect_mock):
        ws_connect_mock.side_effect = Exception("TEST ERROR.")

        with patch.object(self.data_source, "_sleep", side_effect=asyncio.CancelledError):
            with self.assertRaises(asyncio.CancelledError):
                await self.data_source.listen_for_subscriptions()

        self.assertTrue(
            self._is_logged(
                "ERROR", "Unexpected error occurred when listening to order book streams. Retrying in 5 seconds..."
            )
        )

    async def test_subscribe_channels_raises_cancel_exception(self):
        websocket = AsyncMock()
        websocket.send.side_effect = asyncio.CancelledError

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source._subscribe_channels(websocket)

    async def test_subscribe_channels_raises_exception_and_logs_error(self):
        websocket = AsyncMock()
        websocket.send.side_effect = Exception("Test Error")

        with self.assertRaises(Exception):
            await self.data_source._subscribe_channels(websocket)

        self.assertTrue(
            self._is_logged("ERROR", "Unexpected error occurred subscribing to order book trading and delta streams...")
        )

    async def test_listen_for_trades_successful(self):
        self.data_source._message_queue[self.data_source._trade_messages_queue_key] = self._queue_delivering(
            self._trade_event(), asyncio.CancelledError()
        )
        output_queue = asyncio.Queue()

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_trades(asyncio.get_running_loop(), output_queue)

        trade_message = output_queue.get_nowait()
        self.assertEqual(OrderBookMessageType.TRADE, trade_message.type)
        self.assertEqual(self.trading_pair, trade_message.trading_pair)
        self.assertEqual(1700000000.25, trade_message.timestamp)
        self.assertEqual("3001", trade_message.trade_id)
        self.assertEqual(float(TradeType.SELL.value), trade_message.content["trade_type"])
        self.assertEqual("10.625", trade_message.content["price"])
        self.assertEqual("0.375", trade_message.content["amount"])
        self.assertTrue(output_queue.empty())

    async def test_listen_for_trades_cancelled_when_listening(self):
        self.data_source._message_queue[self.data_source._trade_messages_queue_key] = self._queue_delivering(
            asyncio.CancelledError()
        )

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_trades(asyncio.get_running_loop(), asyncio.Queue())

    async def test_listen_for_trades_logs_and_drops_malformed_trades(self):
        # Fields missing, a symbol of the wrong type, no trades in the list: each is dropped, the next trade still arrives.
        self.data_source._message_queue[self.data_source._trade_messages_queue_key] = self._queue_delivering(
            {},
            {
                "topic": "publicTrade.BTCUSDT",
                "type": "snapshot",
                "ts": 1672304486868,
                "data": [
                    {
                        "T": 1700000000250,
                        "s": {"hbgen": "not a symbol"},
                        "S": "Sell",
                        "v": "0.375",
                        "p": "10.625",
                        "L": "PlusTick",
                        "i": "3001",
                        "BT": False,
                    }
                ],
            },
            {"topic": "publicTrade.BTCUSDT", "type": "snapshot", "ts": 1672304486868, "data": []},
            self._trade_event(),
            asyncio.CancelledError(),
        )
        output_queue = asyncio.Queue()

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_trades(asyncio.get_running_loop(), output_queue)

        self.assertEqual("3001", output_queue.get_nowait().trade_id)
        self.assertTrue(output_queue.empty())
        error = "Unexpected error when processing public trade updates from exchange"
        self.assertEqual(
            2, sum(record.levelname == "ERROR" and record.getMessage() == error for record in self.log_records)
        )

    async def test_listen_for_order_book_diffs_successful(self):
        self.data_source._message_queue[self.data_source._diff_messages_queue_key] = self._queue_delivering(
            self._diff_event(), asyncio.CancelledError()
        )
        output_queue = asyncio.Queue()

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_order_book_diffs(asyncio.get_running_loop(), output_queue)

        diff_message = output_queue.get_nowait()
        self.assertEqual(OrderBookMessageType.DIFF, diff_message.type)
        self.assertEqual(self.trading_pair, diff_message.trading_pair)
        self.assertEqual(1700000000.25, diff_message.timestamp)
        self.assertEqual(2005, diff_message.first_update_id)
        self.assertEqual(2005, diff_message.update_id)
        self.assertEqual(10.25, diff_message.bids[0].price)
        self.assertEqual(3.5, diff_message.bids[0].amount)
        self.assertEqual(11.0, diff_message.asks[0].price)
        self.assertEqual(0.5, diff_message.asks[0].amount)
        self.assertTrue(output_queue.empty())

    async def test_listen_for_order_book_diffs_cancelled(self):
        self.data_source._message_queue[self.data_source._diff_messages_queue_key] = self._queue_delivering(
            asyncio.CancelledError()
        )

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_order_book_diffs(asyncio.get_running_loop(), asyncio.Queue())

    async def test_listen_for_order_book_diffs_logs_exception(self):
        self.data_source._message_queue[self.data_source._diff_messages_queue_key] = self._queue_delivering(
            {}, asyncio.CancelledError()
        )

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_order_book_diffs(asyncio.get_running_loop(), asyncio.Queue())

        self.assertTrue(
            self._is_logged("ERROR", "Unexpected error when processing public order book updates from exchange")
        )

    async def test_listen_for_order_book_snapshots_cancelled_when_fetching_snapshot(self):
        # The data source fetches a REST snapshot when none came through the websocket for this long: at once here.
        self.data_source.FULL_ORDER_BOOK_RESET_DELTA_SECONDS = 0
        self.mock_api.get(self._snapshot_url_regex(), exception=asyncio.CancelledError)

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_order_book_snapshots(asyncio.get_running_loop(), asyncio.Queue())

    async def test_listen_for_order_book_snapshots_log_exception(self):
        self.data_source.FULL_ORDER_BOOK_RESET_DELTA_SECONDS = 0
        self.mock_api.get(self._snapshot_url_regex(), exception=Exception("TEST ERROR"))

        with patch.object(self.data_source, "_sleep", side_effect=asyncio.CancelledError):
            with self.assertRaises(asyncio.CancelledError):
                await self.data_source.listen_for_order_book_snapshots(asyncio.get_running_loop(), asyncio.Queue())

        self.assertTrue(
            self._is_logged("ERROR", f"Unexpected error fetching order book snapshot for {self.trading_pair}.")
        )
        self.assertTrue(
            self._is_logged("ERROR", "Unexpected error when processing public order book snapshots from exchange")
        )

    async def test_listen_for_order_book_snapshots_successful(self):
        self.data_source.FULL_ORDER_BOOK_RESET_DELTA_SECONDS = 0
        self.mock_api.get(self._snapshot_url_regex(), body=json.dumps(self._snapshot_response()))
        output_queue = asyncio.Queue()

        listening_task = asyncio.create_task(
            self.data_source.listen_for_order_book_snapshots(asyncio.get_running_loop(), output_queue)
        )
        snapshot_message = await asyncio.wait_for(output_queue.get(), timeout=1)
        # Stopped while the REST mock is still in place: the data source goes on fetching snapshots.
        listening_task.cancel()

        self.assertEqual(OrderBookMessageType.SNAPSHOT, snapshot_message.type)
        self.assertEqual(self.trading_pair, snapshot_message.trading_pair)
        self.assertEqual(1001, snapshot_message.update_id)
        self.assertEqual(10.5, snapshot_message.bids[0].price)
        self.assertEqual(1.25, snapshot_message.bids[0].amount)
        self.assertEqual(10.75, snapshot_message.asks[0].price)
        self.assertEqual(2.5, snapshot_message.asks[0].amount)

    async def test_listen_for_order_book_snapshots_from_websocket(self):
        self.data_source._message_queue[self.data_source._snapshot_messages_queue_key] = self._queue_delivering(
            self._snapshot_event(), asyncio.CancelledError()
        )
        output_queue = asyncio.Queue()

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_order_book_snapshots(asyncio.get_running_loop(), output_queue)

        snapshot_message = output_queue.get_nowait()
        self.assertEqual(OrderBookMessageType.SNAPSHOT, snapshot_message.type)
        self.assertEqual(self.trading_pair, snapshot_message.trading_pair)
        self.assertEqual(1700000000.25, snapshot_message.timestamp)
        self.assertEqual(1501, snapshot_message.update_id)
        self.assertEqual(10.4, snapshot_message.bids[0].price)
        self.assertEqual(4.5, snapshot_message.bids[0].amount)
        self.assertEqual(10.8, snapshot_message.asks[0].price)
        self.assertEqual(5.25, snapshot_message.asks[0].amount)
        self.assertTrue(output_queue.empty())

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_subscribe_to_trading_pair_successful(self, ws_connect_mock):
        websocket = await self._connected_websocket(ws_connect_mock)

        result = await self.data_source.subscribe_to_trading_pair(self.new_trading_pair)

        self.assertTrue(result)
        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        expected_messages = [
            {"op": "subscribe", "args": ["publicTrade." + self.new_ex_trading_pair]},
            {"op": "subscribe", "args": ["orderbook.50." + self.new_ex_trading_pair]},
        ]
        self.assertEqual(expected_messages, sent_messages)
        self.assertEqual([self.trading_pair, self.new_trading_pair], self.data_source._trading_pairs)
        self.assertTrue(self._is_logged("INFO", f"Subscribed to {self.new_trading_pair} order book and trade channels"))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_subscribe_to_trading_pair_already_tracked_is_not_listed_twice(self, ws_connect_mock):
        await self._connected_websocket(ws_connect_mock)

        self.assertTrue(await self.data_source.subscribe_to_trading_pair(self.trading_pair))

        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)

    async def test_subscribe_to_trading_pair_fails_when_not_connected(self):
        result = await self.data_source.subscribe_to_trading_pair(self.new_trading_pair)

        self.assertFalse(result)
        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)
        self.assertTrue(
            self._is_logged("WARNING", f"Cannot subscribe to {self.new_trading_pair}: WebSocket not connected")
        )

    async def test_subscribe_to_trading_pair_raises_cancel_exception(self):
        self._with_failing_websocket(asyncio.CancelledError)

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.subscribe_to_trading_pair(self.new_trading_pair)

        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)

    async def test_subscribe_to_trading_pair_logs_exception(self):
        self._with_failing_websocket(Exception("Test Error"))

        result = await self.data_source.subscribe_to_trading_pair(self.new_trading_pair)

        self.assertFalse(result)
        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)
        self.assertTrue(self._is_logged("ERROR", f"Error subscribing to {self.new_trading_pair}"))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_unsubscribe_from_trading_pair_successful(self, ws_connect_mock):
        self.data_source.add_trading_pair(self.new_trading_pair)
        websocket = await self._connected_websocket(ws_connect_mock)

        result = await self.data_source.unsubscribe_from_trading_pair(self.new_trading_pair)

        self.assertTrue(result)
        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        expected_messages = [
            {
                "op": "unsubscribe",
                "args": ["publicTrade." + self.new_ex_trading_pair, "orderbook.50." + self.new_ex_trading_pair],
            },
        ]
        self.assertEqual(expected_messages, sent_messages)
        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)
        self.assertTrue(
            self._is_logged("INFO", f"Unsubscribed from {self.new_trading_pair} order book and trade channels")
        )

    async def test_unsubscribe_from_trading_pair_fails_when_not_connected(self):
        result = await self.data_source.unsubscribe_from_trading_pair(self.trading_pair)

        self.assertFalse(result)
        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)
        self.assertTrue(
            self._is_logged("WARNING", f"Cannot unsubscribe from {self.trading_pair}: WebSocket not connected")
        )

    async def test_unsubscribe_from_trading_pair_raises_cancel_exception(self):
        self._with_failing_websocket(asyncio.CancelledError)

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.unsubscribe_from_trading_pair(self.trading_pair)

        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)

    async def test_unsubscribe_from_trading_pair_logs_exception(self):
        self._with_failing_websocket(Exception("Test Error"))

        result = await self.data_source.unsubscribe_from_trading_pair(self.trading_pair)

        self.assertFalse(result)
        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)
        self.assertTrue(self._is_logged("ERROR", f"Error unsubscribing from {self.trading_pair}"))

    async def test_get_last_traded_prices(self):
        url = web_utils.public_rest_url(path_url=CONSTANTS.LAST_TRADED_PRICE_PATH, domain=self.domain)
        self.mock_api.get(
            re.compile(f"^{re.escape(url)}(\\?.*)?$"),
            body=json.dumps(
                {
                    "retCode": 0,
                    "retMsg": "OK",
                    "result": {
                        "category": "spot",
                        "list": [
                            {
                                "symbol": "BTCUSDT",
                                "bid1Price": "20517.96",
                                "bid1Size": "2",
                                "ask1Price": "20527.77",
                                "ask1Size": "1.862172",
                                "lastPrice": "10.875",
                                "prevPrice24h": "20393.48",
                                "price24hPcnt": "0.0068",
                                "highPrice24h": "21128.12",
                                "lowPrice24h": "20318.89",
                                "turnover24h": "243765620.65899866",
                                "volume24h": "11801.27771",
                                "usdIndexPrice": "20784.12009279",
                            }
                        ],
                    },
                    "retExtInfo": {},
                    "time": 1673859087947,
                }
            ),
        )

        prices = await self.data_source.get_last_traded_prices([self.trading_pair])

        self.assertEqual({self.trading_pair: 10.875}, prices)
