import asyncio
import json
import re
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.okx import okx_constants as CONSTANTS, okx_web_utils as web_utils
from hummingbot.connector.exchange.okx.okx_api_order_book_data_source import OkxAPIOrderBookDataSource
from hummingbot.connector.exchange.okx.okx_exchange import OkxExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book_message import OrderBookMessageType


class OkxAPIOrderBookDataSourceUnitTests(IsolatedAsyncioWrapperTestCase):
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
        cls.ex_trading_pair = cls.base_asset + "-" + cls.quote_asset
        cls.new_ex_trading_pair = cls.new_base_asset + "-" + cls.quote_asset
        cls.domain = CONSTANTS.DEFAULT_DOMAIN

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.log_records = []
        self.listening_task = None
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()

        self.connector = OkxExchange(
            okx_api_key="",
            okx_secret_key="",
            okx_passphrase="",
            trading_pairs=[self.trading_pair],
            trading_required=False,
            domain=self.domain,
        )
        # A server time sample is known already, so public requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(
            bidict({self.ex_trading_pair: self.trading_pair, self.new_ex_trading_pair: self.new_trading_pair})
        )
        self.data_source = OkxAPIOrderBookDataSource(
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
        url = web_utils.public_rest_url(path_url=CONSTANTS.OKX_ORDER_BOOK_PATH, domain=self.domain)
        return re.compile(f"^{re.escape(url)}(\\?.*)?$")

    def _snapshot_response(self):
        return {
            "code": "0",
            "msg": "",
            "data": [
                {"asks": [["10.75", "2.5", "0", "1"]], "bids": [["10.5", "1.25", "0", "2"]], "ts": "1700000000250"}
            ],
        }

    def _trade_event(self):
        return {
            "arg": {"channel": "trades", "instId": "BTC-USDT"},
            "data": [
                {
                    "instId": self.ex_trading_pair,
                    "tradeId": "3001",
                    "px": "10.625",
                    "sz": "0.375",
                    "side": "sell",
                    "ts": "1700000000250",
                    "count": "3",
                    "source": "0",
                    "seqId": 1234,
                }
            ],
        }

    def _diff_event(self):
        return {
            "arg": {"channel": "books", "instId": self.ex_trading_pair},
            "action": "update",
            "data": [
                {
                    "asks": [["11", "0.5", "0", "13"]],
                    "bids": [["10.25", "3.5", "0", "12"]],
                    "ts": "1700000000250",
                    "checksum": -855196043,
                    "prevSeqId": 123456,
                    "seqId": 123457,
                }
            ],
        }

    def _snapshot_event(self):
        return {
            "arg": {"channel": "books", "instId": self.ex_trading_pair},
            "action": "snapshot",
            "data": [
                {
                    "asks": [["10.8", "5.25", "0", "13"]],
                    "bids": [["10.4", "4.5", "0", "12"]],
                    "ts": "1700000000250",
                    "checksum": -855196043,
                    "prevSeqId": -1,
                    "seqId": 123456,
                }
            ],
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
        self.assertEqual({"instId": self.ex_trading_pair, "sz": "400"}, request.kwargs["params"])
        self.assertEqual(1700000000, order_book.snapshot_uid)
        bids = list(order_book.bid_entries())
        asks = list(order_book.ask_entries())
        self.assertEqual(1, len(bids))
        self.assertEqual(10.5, bids[0].price)
        self.assertEqual(1.25, bids[0].amount)
        self.assertEqual(1700000000, bids[0].update_id)
        self.assertEqual(1, len(asks))
        self.assertEqual(10.75, asks[0].price)
        self.assertEqual(2.5, asks[0].amount)
        self.assertEqual(1700000000, asks[0].update_id)

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
                {"event": "subscribe", "arg": {"channel": "trades", "instId": "BTC-USDT"}, "connId": "a4d3ae55"}
            ),
        )

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(ws_connect_mock.return_value)

        sent_subscriptions = self.mocking_assistant.json_messages_sent_through_websocket(ws_connect_mock.return_value)
        expected_subscriptions = [
            {"op": "subscribe", "args": [{"channel": "trades", "instId": self.ex_trading_pair}]},
            {"op": "subscribe", "args": [{"channel": "books", "instId": self.ex_trading_pair}]},
        ]
        self.assertEqual(expected_subscriptions, sent_subscriptions)
        self.assertTrue(self._is_logged("INFO", "Subscribed to public order book and trade channels..."))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_public_websocket_of_each_domain(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        for domain, expected_url in [("com", "wss://ws.okx.com:8443/ws/v5/public")]:
            with self.subTest(domain=domain):
                data_source = OkxAPIOrderBookDataSource(
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
                {"event": "subscribe", "arg": {"channel": "trades", "instId": "BTC-USDT"}, "connId": "a4d3ae55"}
            ),
        )
        # Nothing more arrives within the ping interval.
        self.mocking_assistant.add_websocket_aiohttp_exception(ws_connect_mock.return_value, asyncio.TimeoutError())

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(ws_connect_mock.return_value)
        await asyncio.sleep(0.1)

        sent_messages = self.mocking_assistant.text_messages_sent_through_websocket(ws_connect_mock.return_value)
        self.assertEqual("ping", sent_messages[-1])

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

        sent_messages = self.mocking_assistant.text_messages_sent_through_websocket(ws_connect_mock.return_value)
        self.assertEqual(["ping"], sent_messages)

    def test_text_reply_to_a_ping_is_not_routed(self):
        self.assertEqual("", self.data_source._channel_originating_message("pong"))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_subscriptions_routes_trades_and_order_diffs_to_their_queues(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        messages = [
            {"event": "subscribe", "arg": {"channel": "trades", "instId": "BTC-USDT"}, "connId": "a4d3ae55"},
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
                "arg": {"channel": "hbgen-unknown-event", "instId": "BTC-USDT"},
                "data": [
                    {
                        "instId": "BTC-USDT",
                        "tradeId": "130639474",
                        "px": "42219.9",
                        "sz": "0.12060306",
                        "side": "buy",
                        "ts": "1630048897897",
                        "count": "3",
                        "source": "0",
                        "seqId": 1234,
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
                "arg": {"channel": "trades", "instId": "BTC-USDT"},
                "data": [
                    {
                        "instId": {"hbgen": "not a symbol"},
                        "tradeId": "3001",
                        "px": "10.625",
                        "sz": "0.375",
                        "side": "sell",
                        "ts": "1700000000250",
                        "count": "3",
                        "source": "0",
                        "seqId": 1234,
                    }
                ],
            },
            {"arg": {"channel": "trades", "instId": "BTC-USDT"}, "data": []},
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
        self.assertEqual(1700000000, diff_message.first_update_id)
        self.assertEqual(1700000000, diff_message.update_id)
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
        self.assertEqual(1700000000, snapshot_message.update_id)
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
        self.assertEqual(1700000000, snapshot_message.update_id)
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
            {"op": "subscribe", "args": [{"channel": "trades", "instId": self.new_ex_trading_pair}]},
            {"op": "subscribe", "args": [{"channel": "books", "instId": self.new_ex_trading_pair}]},
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
                "args": [
                    {"channel": "trades", "instId": self.new_ex_trading_pair},
                    {"channel": "books", "instId": self.new_ex_trading_pair},
                ],
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
        url = web_utils.public_rest_url(path_url=CONSTANTS.OKX_TICKER_PATH, domain=self.domain)
        self.mock_api.get(
            re.compile(f"^{re.escape(url)}(\\?.*)?$"),
            body=json.dumps(
                {
                    "code": "0",
                    "msg": "",
                    "data": [
                        {
                            "instType": "SPOT",
                            "instId": "BTC-USDT",
                            "last": "10.875",
                            "lastSz": "0.1",
                            "askPx": "9999.99",
                            "askSz": "11",
                            "bidPx": "8888.88",
                            "bidSz": "5",
                            "open24h": "9000",
                            "high24h": "10000",
                            "low24h": "8888.88",
                            "volCcy24h": "2222",
                            "vol24h": "2222",
                            "sodUtc0": "2222",
                            "sodUtc8": "2222",
                            "ts": "1597026383085",
                        }
                    ],
                }
            ),
        )

        prices = await self.data_source.get_last_traded_prices([self.trading_pair])

        self.assertEqual({self.trading_pair: 10.875}, prices)

    async def test_get_last_traded_prices_of_several_pairs_in_one_request(self):
        # Every ticker in one response: the requested pairs' are kept, a ticker without a price is left out.
        url = web_utils.public_rest_url(path_url=CONSTANTS.OKX_TICKERS_PATH, domain=self.domain)
        self.mock_api.get(
            re.compile(f"^{re.escape(url)}(\\?.*)?$"),
            body=json.dumps(
                {
                    "code": "0",
                    "msg": "",
                    "data": [
                        {
                            "instType": "SPOT",
                            "instId": self.ex_trading_pair,
                            "last": "10.875",
                            "lastSz": "0.1",
                            "askPx": "9999.99",
                            "askSz": "11",
                            "bidPx": "8888.88",
                            "bidSz": "5",
                            "open24h": "9000",
                            "high24h": "10000",
                            "low24h": "8888.88",
                            "volCcy24h": "2222",
                            "vol24h": "2222",
                            "sodUtc0": "2222",
                            "sodUtc8": "2222",
                            "ts": "1597026383085",
                        },
                        {
                            "instType": "SPOT",
                            "instId": self.new_ex_trading_pair,
                            "last": "21.25",
                            "lastSz": "0.1",
                            "askPx": "9999.99",
                            "askSz": "11",
                            "bidPx": "8888.88",
                            "bidSz": "5",
                            "open24h": "9000",
                            "high24h": "10000",
                            "low24h": "8888.88",
                            "volCcy24h": "2222",
                            "vol24h": "2222",
                            "sodUtc0": "2222",
                            "sodUtc8": "2222",
                            "ts": "1597026383085",
                        },
                        {
                            "instType": "SPOT",
                            "instId": "UNMAPPED" + "-" + self.quote_asset,
                            "last": "",
                            "lastSz": "0.1",
                            "askPx": "9999.99",
                            "askSz": "11",
                            "bidPx": "8888.88",
                            "bidSz": "5",
                            "open24h": "9000",
                            "high24h": "10000",
                            "low24h": "8888.88",
                            "volCcy24h": "2222",
                            "vol24h": "2222",
                            "sodUtc0": "2222",
                            "sodUtc8": "2222",
                            "ts": "1597026383085",
                        },
                        {
                            "instType": "SPOT",
                            "instId": "OTHER" + "-" + self.quote_asset,
                            "last": "1",
                            "lastSz": "0.1",
                            "askPx": "9999.99",
                            "askSz": "11",
                            "bidPx": "8888.88",
                            "bidSz": "5",
                            "open24h": "9000",
                            "high24h": "10000",
                            "low24h": "8888.88",
                            "volCcy24h": "2222",
                            "vol24h": "2222",
                            "sodUtc0": "2222",
                            "sodUtc8": "2222",
                            "ts": "1597026383085",
                        },
                    ],
                }
            ),
        )
        unmapped_pair = "UNMAPPED-" + self.quote_asset

        prices = await self.data_source.get_last_traded_prices(
            [self.trading_pair, self.new_trading_pair, unmapped_pair]
        )

        self.assertEqual({self.trading_pair: 10.875, self.new_trading_pair: 21.25}, prices)
