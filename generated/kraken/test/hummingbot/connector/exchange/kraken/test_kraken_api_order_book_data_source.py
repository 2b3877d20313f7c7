import asyncio
import json
import re
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.kraken import kraken_constants as CONSTANTS, kraken_web_utils as web_utils
from hummingbot.connector.exchange.kraken.kraken_api_order_book_data_source import KrakenAPIOrderBookDataSource
from hummingbot.connector.exchange.kraken.kraken_exchange import KrakenExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book_message import OrderBookMessageType


class KrakenAPIOrderBookDataSourceUnitTests(IsolatedAsyncioWrapperTestCase):
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
        cls.ex_trading_pair = cls.base_asset + "/" + cls.quote_asset
        cls.new_ex_trading_pair = cls.new_base_asset + "/" + cls.quote_asset
        cls.domain = CONSTANTS.DEFAULT_DOMAIN

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.log_records = []
        self.listening_task = None
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()

        self.connector = KrakenExchange(
            kraken_api_key="",
            kraken_secret_key="",
            trading_pairs=[self.trading_pair],
            trading_required=False,
            domain=self.domain,
        )
        # A server time sample is known already, so public requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(
            bidict({self.ex_trading_pair: self.trading_pair, self.new_ex_trading_pair: self.new_trading_pair})
        )
        self.data_source = KrakenAPIOrderBookDataSource(
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
            "error": [],
            "result": {"XXBTZUSD": {"asks": [["10.75", "2.5", 1700000000]], "bids": [["10.5", "1.25", 1688671636]]}},
        }

    def _trade_event(self):
        return {
            "channel": "trade",
            "type": "update",
            "data": [
                {
                    "symbol": self.ex_trading_pair,
                    "side": "sell",
                    "price": 10.625,
                    "qty": 0.375,
                    "ord_type": "market",
                    "trade_id": 3001,
                    "timestamp": "2023-11-14T22:13:20.250Z",
                }
            ],
        }

    def _diff_event(self):
        return {
            "channel": "book",
            "type": "update",
            "data": [
                {
                    "symbol": self.ex_trading_pair,
                    "bids": [{"price": 10.25, "qty": 3.5}],
                    "asks": [{"price": 11.0, "qty": 0.5}],
                    "checksum": 2114181697,
                    "timestamp": "2023-11-14T22:13:20.250Z",
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
        self.assertEqual({"pair": self.ex_trading_pair}, request.kwargs["params"])
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
                {
                    "method": "subscribe",
                    "result": {"channel": "trade", "snapshot": True, "symbol": "MATIC/USD"},
                    "success": True,
                    "time_in": "2023-09-25T09:04:31.742599Z",
                    "time_out": "2023-09-25T09:04:31.742648Z",
                }
            ),
        )

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(ws_connect_mock.return_value)

        sent_subscriptions = self.mocking_assistant.json_messages_sent_through_websocket(ws_connect_mock.return_value)
        expected_subscriptions = [
            {"method": "subscribe", "params": {"channel": "trade", "symbol": [self.ex_trading_pair]}},
            {"method": "subscribe", "params": {"channel": "book", "symbol": [self.ex_trading_pair], "depth": 1000}},
        ]
        self.assertEqual(expected_subscriptions, sent_subscriptions)
        self.assertTrue(self._is_logged("INFO", "Subscribed to public order book and trade channels..."))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_public_websocket_of_each_domain(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        for domain, expected_url in [("kraken", "wss://ws.kraken.com/v2")]:
            with self.subTest(domain=domain):
                data_source = KrakenAPIOrderBookDataSource(
                    trading_pairs=[self.trading_pair],
                    connector=self.connector,
                    api_factory=self.connector._web_assistants_factory,
                    domain=domain,
                )

                await data_source._connected_websocket_assistant()

                self.assertEqual(expected_url, ws_connect_mock.call_args.args[0])

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_subscriptions_routes_trades_and_order_diffs_to_their_queues(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        messages = [
            {
                "method": "subscribe",
                "result": {"channel": "trade", "snapshot": True, "symbol": "MATIC/USD"},
                "success": True,
                "time_in": "2023-09-25T09:04:31.742599Z",
                "time_out": "2023-09-25T09:04:31.742648Z",
            },
            self._trade_event(),
        ]
        messages.append(self._diff_event())
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
                "channel": "hbgen-unknown-event",
                "type": "update",
                "data": [
                    {
                        "symbol": "MATIC/USD",
                        "side": "sell",
                        "price": 0.5117,
                        "qty": 40.0,
                        "ord_type": "market",
                        "trade_id": 4665906,
                        "timestamp": "2023-09-25T07:49:37.708706Z",
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

        self.assertTrue(self._is_logged("ERROR", "Unexpected error occurred subscribing to order book data streams."))

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
        self.assertEqual(3001, trade_message.trade_id)
        self.assertEqual(float(TradeType.SELL.value), trade_message.content["trade_type"])
        self.assertEqual(10.625, trade_message.content["price"])
        self.assertEqual(0.375, trade_message.content["amount"])
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
                "channel": "trade",
                "type": "update",
                "data": [
                    {
                        "symbol": {"hbgen": "not a symbol"},
                        "side": "sell",
                        "price": 10.625,
                        "qty": 0.375,
                        "ord_type": "market",
                        "trade_id": 3001,
                        "timestamp": "2023-11-14T22:13:20.250Z",
                    }
                ],
            },
            {"channel": "trade", "type": "update", "data": []},
            self._trade_event(),
            asyncio.CancelledError(),
        )
        output_queue = asyncio.Queue()

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_trades(asyncio.get_running_loop(), output_queue)

        self.assertEqual(3001, output_queue.get_nowait().trade_id)
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

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_subscribe_to_trading_pair_successful(self, ws_connect_mock):
        websocket = await self._connected_websocket(ws_connect_mock)

        result = await self.data_source.subscribe_to_trading_pair(self.new_trading_pair)

        self.assertTrue(result)
        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        expected_messages = [
            {"method": "subscribe", "params": {"channel": "trade", "symbol": [self.new_ex_trading_pair]}},
            {"method": "subscribe", "params": {"channel": "book", "symbol": [self.new_ex_trading_pair], "depth": 1000}},
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
            {"method": "unsubscribe", "params": {"channel": "trade", "symbol": [self.new_ex_trading_pair]}},
            {
                "method": "unsubscribe",
                "params": {"channel": "book", "symbol": [self.new_ex_trading_pair], "depth": 1000},
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
        url = web_utils.public_rest_url(path_url=CONSTANTS.TICKER_PATH_URL, domain=self.domain)
        self.mock_api.get(
            re.compile(f"^{re.escape(url)}(\\?.*)?$"),
            body=json.dumps(
                {
                    "error": [],
                    "result": {
                        "XXBTZUSD": {
                            "a": ["30300.10000", "1", "1.000"],
                            "b": ["30300.00000", "1", "1.000"],
                            "c": ["10.875", "0.00067643"],
                            "v": ["4083.67001100", "4412.73601799"],
                            "p": ["30706.77771", "30689.13205"],
                            "t": [34619, 38907],
                            "l": ["29868.30000", "29868.30000"],
                            "h": ["31631.00000", "31631.00000"],
                            "o": "30502.80000",
                        }
                    },
                }
            ),
        )

        prices = await self.data_source.get_last_traded_prices([self.trading_pair])

        self.assertEqual({self.trading_pair: 10.875}, prices)
