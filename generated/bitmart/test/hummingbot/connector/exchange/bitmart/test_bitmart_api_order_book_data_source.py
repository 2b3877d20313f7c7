import asyncio
import json
import re
import zlib
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from unittest.mock import AsyncMock, patch

from aiohttp import WSMsgType
from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.bitmart import bitmart_constants as CONSTANTS, bitmart_web_utils as web_utils
from hummingbot.connector.exchange.bitmart.bitmart_api_order_book_data_source import BitmartAPIOrderBookDataSource
from hummingbot.connector.exchange.bitmart.bitmart_exchange import BitmartExchange
from hummingbot.connector.test_support.network_mocking_assistant import NetworkMockingAssistant
from hummingbot.core.data_type.common import TradeType
from hummingbot.core.data_type.order_book_message import OrderBookMessageType


class BitmartAPIOrderBookDataSourceUnitTests(IsolatedAsyncioWrapperTestCase):
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
        cls.ex_trading_pair = cls.base_asset + "_" + cls.quote_asset
        cls.new_ex_trading_pair = cls.new_base_asset + "_" + cls.quote_asset
        cls.domain = CONSTANTS.DEFAULT_DOMAIN

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.log_records = []
        self.listening_task = None
        self.mocking_assistant = NetworkMockingAssistant()
        await self.mocking_assistant.async_init()

        self.connector = BitmartExchange(
            bitmart_api_key="",
            bitmart_secret_key="",
            bitmart_memo="",
            trading_pairs=[self.trading_pair],
            trading_required=False,
            domain=self.domain,
        )
        # A server time sample is known already, so public requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(
            bidict({self.ex_trading_pair: self.trading_pair, self.new_ex_trading_pair: self.new_trading_pair})
        )
        self.data_source = BitmartAPIOrderBookDataSource(
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
        url = web_utils.public_rest_url(path_url=CONSTANTS.GET_ORDER_BOOK_PATH_URL, domain=self.domain)
        return re.compile(f"^{re.escape(url)}(\\?.*)?$")

    def _snapshot_response(self):
        return {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "success",
            "data": {"ts": "1001", "symbol": "BTC_USDT", "asks": [["10.75", "2.5"]], "bids": [["10.5", "1.25"]]},
        }

    def _trade_event(self):
        return {
            "table": "spot/trade",
            "data": [
                {
                    "symbol": self.ex_trading_pair,
                    "price": "10.625",
                    "side": "sell",
                    "size": "0.375",
                    "s_t": 1700000000,
                    "ms_t": 1542337219120,
                }
            ],
        }

    def _snapshot_event(self):
        return {
            "table": "spot/depth50",
            "data": [
                {
                    "asks": [["10.8", "5.25"]],
                    "bids": [["10.4", "4.5"]],
                    "symbol": self.ex_trading_pair,
                    "ms_t": 1700000000250,
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
        self.assertEqual({"symbol": self.ex_trading_pair, "limit": "50"}, request.kwargs["params"])
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

    async def test_get_new_order_book_raises_exception(self):
        self.mock_api.get(self._snapshot_url_regex(), status=400)

        with self.assertRaises(IOError):
            await self.data_source.get_new_order_book(self.trading_pair)

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_subscriptions_subscribes_to_trades_and_order_diffs(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket_mock=ws_connect_mock.return_value,
            message=json.dumps({"event": "subscribe", "topic": "spot/trade:BTC_USDT"}),
        )

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())
        await self.mocking_assistant.run_until_all_aiohttp_messages_delivered(ws_connect_mock.return_value)

        sent_subscriptions = self.mocking_assistant.json_messages_sent_through_websocket(ws_connect_mock.return_value)
        expected_subscriptions = [
            {"op": "subscribe", "args": ["spot/trade:" + self.ex_trading_pair]},
            {"op": "subscribe", "args": ["spot/depth50:" + self.ex_trading_pair]},
        ]
        self.assertEqual(expected_subscriptions, sent_subscriptions)
        self.assertTrue(self._is_logged("INFO", "Subscribed to public order book and trade channels..."))

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_connects_to_public_websocket_of_each_domain(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        for domain, expected_url in [("com", "wss://ws-manager-compress.bitmart.com/api?protocol=1.1")]:
            with self.subTest(domain=domain):
                data_source = BitmartAPIOrderBookDataSource(
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
        messages = [{"event": "subscribe", "topic": "spot/trade:BTC_USDT"}, self._trade_event()]
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
                "table": "hbgen-unknown-event",
                "data": [
                    {
                        "symbol": "BTC_USDT",
                        "price": "162.12",
                        "side": "buy",
                        "size": "11.085",
                        "s_t": 1542337219,
                        "ms_t": 1542337219120,
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

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_listen_for_subscriptions_inflates_compressed_frames(self, ws_connect_mock):
        ws_connect_mock.return_value = self.mocking_assistant.create_websocket_mock()
        self.mocking_assistant.add_websocket_aiohttp_message(
            websocket_mock=ws_connect_mock.return_value,
            message=self._compressed(json.dumps(self._trade_event())),
            message_type=WSMsgType.BINARY,
        )

        self.listening_task = asyncio.create_task(self.data_source.listen_for_subscriptions())

        trade_queue = self.data_source._message_queue[self.data_source._trade_messages_queue_key]
        self.assertEqual(self._trade_event(), await asyncio.wait_for(trade_queue.get(), timeout=1))

    @staticmethod
    def _compressed(text: str) -> bytes:
        """The frame as the exchange sends it: raw deflate (RFC 1951, no header)."""
        compressor = zlib.compressobj(wbits=-15)
        return compressor.compress(text.encode("utf-8")) + compressor.flush()

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
        self.assertEqual(1700000000.0, trade_message.timestamp)
        self.assertEqual(1700000000, trade_message.trade_id)
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
                "table": "spot/trade",
                "data": [
                    {
                        "symbol": {"hbgen": "not a symbol"},
                        "price": "10.625",
                        "side": "sell",
                        "size": "0.375",
                        "s_t": 1700000000,
                        "ms_t": 1542337219120,
                    }
                ],
            },
            {"table": "spot/trade", "data": []},
            self._trade_event(),
            asyncio.CancelledError(),
        )
        output_queue = asyncio.Queue()

        with self.assertRaises(asyncio.CancelledError):
            await self.data_source.listen_for_trades(asyncio.get_running_loop(), output_queue)

        self.assertEqual(1700000000, output_queue.get_nowait().trade_id)
        self.assertTrue(output_queue.empty())
        error = "Unexpected error when processing public trade updates from exchange"
        self.assertEqual(
            2, sum(record.levelname == "ERROR" and record.getMessage() == error for record in self.log_records)
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
        self.assertEqual(1700000000250, snapshot_message.update_id)
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
            {"op": "subscribe", "args": ["spot/trade:" + self.new_ex_trading_pair]},
            {"op": "subscribe", "args": ["spot/depth50:" + self.new_ex_trading_pair]},
        ]
        self.assertEqual(expected_messages, sent_messages)
        self.assertEqual([self.trading_pair, self.new_trading_pair], self.data_source._trading_pairs)
        self.assertTrue(
            self._is_logged("INFO", f"Subscribed to public order book and trade channels of {self.new_trading_pair}...")
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_subscribe_to_trading_pair_already_tracked_is_not_listed_twice(self, ws_connect_mock):
        await self._connected_websocket(ws_connect_mock)

        self.assertTrue(await self.data_source.subscribe_to_trading_pair(self.trading_pair))

        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)

    async def test_subscribe_to_trading_pair_fails_when_not_connected(self):
        result = await self.data_source.subscribe_to_trading_pair(self.new_trading_pair)

        self.assertFalse(result)
        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)
        self.assertTrue(self._is_logged("WARNING", "Cannot subscribe: WebSocket connection not established"))

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
        self.assertTrue(
            self._is_logged("ERROR", f"Unexpected error occurred subscribing to {self.new_trading_pair}...")
        )

    @patch("aiohttp.ClientSession.ws_connect", new_callable=AsyncMock)
    async def test_unsubscribe_from_trading_pair_successful(self, ws_connect_mock):
        self.data_source.add_trading_pair(self.new_trading_pair)
        websocket = await self._connected_websocket(ws_connect_mock)

        result = await self.data_source.unsubscribe_from_trading_pair(self.new_trading_pair)

        self.assertTrue(result)
        sent_messages = self.mocking_assistant.json_messages_sent_through_websocket(websocket)
        expected_messages = [
            {"op": "unsubscribe", "args": ["spot/trade:" + self.new_ex_trading_pair]},
            {"op": "unsubscribe", "args": ["spot/depth50:" + self.new_ex_trading_pair]},
        ]
        self.assertEqual(expected_messages, sent_messages)
        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)
        self.assertTrue(
            self._is_logged(
                "INFO", f"Unsubscribed from public order book and trade channels of {self.new_trading_pair}..."
            )
        )

    async def test_unsubscribe_from_trading_pair_fails_when_not_connected(self):
        result = await self.data_source.unsubscribe_from_trading_pair(self.trading_pair)

        self.assertFalse(result)
        self.assertEqual([self.trading_pair], self.data_source._trading_pairs)
        self.assertTrue(self._is_logged("WARNING", "Cannot unsubscribe: WebSocket connection not established"))

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
        self.assertTrue(
            self._is_logged("ERROR", f"Unexpected error occurred unsubscribing from {self.trading_pair}...")
        )

    async def test_get_last_traded_prices(self):
        url = web_utils.public_rest_url(path_url=CONSTANTS.GET_LAST_TRADING_PRICES_PATH_URL, domain=self.domain)
        self.mock_api.get(
            re.compile(f"^{re.escape(url)}(\\?.*)?$"),
            body=json.dumps(
                {
                    "code": 1000,
                    "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
                    "message": "success",
                    "data": {
                        "symbol": "BTC_USDT",
                        "last": "10.875",
                        "v_24h": "582.08066",
                        "qv_24h": "4793098.48",
                        "open_24h": "28596.30",
                        "high_24h": "31012.44",
                        "low_24h": "12.44",
                        "fluctuation": "0.04909",
                        "bid_px": "30000",
                        "bid_sz": "1",
                        "ask_px": "31012.44",
                        "ask_sz": "69994.75267",
                        "ts": "1691671061919",
                    },
                }
            ),
        )

        prices = await self.data_source.get_last_traded_prices([self.trading_pair])

        self.assertEqual({self.trading_pair: 10.875}, prices)
