import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.bitmart.bitmart_api_order_book_data_source import BitmartAPIOrderBookDataSource
from hummingbot.connector.exchange.bitmart.bitmart_exchange import BitmartExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "server_time": {
        "code": 1000,
        "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
        "message": "OK",
        "data": {"server_time": 1527777538000},
    },
    "symbols_details": {
        "code": 1000,
        "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
        "message": "OK",
        "data": {
            "symbols": [
                {
                    "symbol": "GXC_BTC",
                    "symbol_id": 1024,
                    "base_currency": "GXC",
                    "quote_currency": "BTC",
                    "quote_increment": "1.00000000",
                    "base_min_size": "1.00000000",
                    "base_max_size": "10000000.00000000",
                    "price_min_precision": 6,
                    "price_max_precision": 8,
                    "expiration": "NA",
                    "min_buy_amount": "0.00010000",
                    "min_sell_amount": "0.00010000",
                    "trade_status": "trading",
                }
            ]
        },
    },
    "ticker": {
        "code": 1000,
        "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
        "message": "success",
        "data": {
            "symbol": "BTC_USDT",
            "last": "30000.00",
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
    },
    "books": {
        "code": 1000,
        "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
        "message": "success",
        "data": {
            "ts": "1691672864874",
            "symbol": "BTC_USDT",
            "asks": [["31012.44", "69994.75267"]],
            "bids": [["30000.00", "0.00001"]],
        },
    },
    "wallet": {
        "message": "OK",
        "code": 1000,
        "trace": "ef834248-b8d1-4e31-a3c5-8b4b45bd8a0c",
        "data": {"wallet": [{"id": "BTC", "name": "Bitcoin", "available": "10.000000", "frozen": "10.000000"}]},
    },
}


class BitmartDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "ETH-USDT"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = BitmartExchange(
            bitmart_api_key="documented-examples",
            bitmart_secret_key="documented-examples",
            bitmart_memo="documented-examples",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"BTC_USDT": "BTC-USDT", "ETH_USDT": "ETH-USDT"}))
        self.mock_api = aioresponses()
        self.mock_api.start()

    def tearDown(self) -> None:
        self.mock_api.stop()
        super().tearDown()

    def _respond(self, method: str, body: Any):
        getattr(self.mock_api, method)(ANY_URL, body=json.dumps(body))

    def _order(self, client_order_id: str = "OID1", exchange_order_id: str = "1") -> InFlightOrder:
        return InFlightOrder(
            client_order_id=client_order_id,
            exchange_order_id=exchange_order_id,
            trading_pair=self.trading_pair,
            order_type=OrderType.LIMIT,
            trade_type=TradeType.BUY,
            amount=Decimal("1"),
            price=Decimal("10000"),
            creation_timestamp=1640780000,
        )

    @staticmethod
    def _declared(expected: List[Dict[str, Any]], parsed: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        """The parsed items, each restricted to the keys the spec declares (extra items are kept whole)."""
        restricted = [{key: item.get(key) for key in declared} for declared, item in zip(expected, parsed)]
        count = len(restricted)
        return restricted + parsed[count:]

    @staticmethod
    def _parsed_order(update: OrderUpdate) -> Dict[str, Any]:
        return {
            "client_order_id": update.client_order_id,
            "exchange_order_id": update.exchange_order_id,
            "state": update.new_state.name,
            "timestamp": round(update.update_timestamp, 6),
        }

    @staticmethod
    def _parsed_fill(update: TradeUpdate) -> Dict[str, Any]:
        fee = update.fee.flat_fees[0] if update.fee.flat_fees else None
        return {
            "client_order_id": update.client_order_id,
            "trade_id": update.trade_id,
            "exchange_order_id": update.exchange_order_id,
            "price": update.fill_price,
            "amount": update.fill_base_amount,
            "quote_amount": update.fill_quote_amount,
            "fee_amount": fee.amount if fee is not None else Decimal("0"),
            "fee_asset": fee.token if fee is not None else None,
            "timestamp": round(update.fill_timestamp, 6),
        }

    @staticmethod
    def _parsed_book(message: OrderBookMessage) -> Dict[str, Any]:
        return {
            "trading_pair": message.content.get("trading_pair"),
            "first_update_id": message.first_update_id,
            "update_id": message.update_id,
            "bids": [(row.price, row.amount) for row in message.bids],
            "asks": [(row.price, row.amount) for row in message.asks],
            "timestamp": round(message.timestamp, 6),
        }

    def _order_book_data_source(self) -> BitmartAPIOrderBookDataSource:
        return BitmartAPIOrderBookDataSource(
            trading_pairs=[self.trading_pair],
            connector=self.connector,
            api_factory=self.connector._web_assistants_factory,
            domain=self.connector.domain,
        )

    @staticmethod
    def _queued(queue: asyncio.Queue) -> List[OrderBookMessage]:
        return [queue.get_nowait() for _ in range(queue.qsize())]

    def _track(self, client_order_id: str, exchange_order_id: str):
        self.connector.start_tracking_order(
            order_id=client_order_id,
            exchange_order_id=exchange_order_id,
            trading_pair=self.trading_pair,
            order_type=OrderType.LIMIT,
            trade_type=TradeType.BUY,
            price=Decimal("10000"),
            amount=Decimal("1"),
        )

    async def _process_user_stream_event(self, event: Dict[str, Any]):
        """Feeds the event to the connector's listener and captures the order and trade updates it produces."""
        self.connector._order_tracker.process_order_update = MagicMock()
        self.connector._order_tracker.process_trade_update = MagicMock()
        self.connector._all_trade_updates_for_order = AsyncMock(return_value=[])
        self.connector._sleep = AsyncMock()
        queue = AsyncMock()
        queue.get.side_effect = [event, asyncio.CancelledError]
        self.connector._user_stream_tracker._user_stream = queue
        with self.assertRaises(asyncio.CancelledError):
            await self.connector._user_stream_event_listener()
        order_updates = [call.args[0] for call in self.connector._order_tracker.process_order_update.call_args_list]
        trade_updates = [call.args[0] for call in self.connector._order_tracker.process_trade_update.call_args_list]
        return order_updates, trade_updates

    def _balances(self) -> Dict[str, Any]:
        return {
            asset: (self.connector._account_available_balances.get(asset), total)
            for asset, total in self.connector._account_balances.items()
        }

    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_server_time(self, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.connector._time_synchronizer.clear_time_offset_ms_samples()
        self._respond("get", DOCUMENTED_RESPONSES["server_time"])

        await self.connector._update_time_synchronizer()

        self.assertEqual(1527777538.0, round(self.connector._time_synchronizer.time(), 6))

    async def test_trading_pair_symbols(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["symbols_details"])

        self.assertEqual({"GXC_BTC": "GXC-BTC"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["symbols_details"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["symbols_details"])

        parsed = {
            rule.trading_pair: (
                rule.min_order_size,
                rule.min_price_increment,
                rule.min_base_amount_increment,
                rule.min_order_value,
            )
            for rule in rules
        }
        self.assertEqual(
            {"GXC-BTC": (Decimal("1.00000000"), Decimal("1E-8"), Decimal("1.00000000"), Decimal("0.00010000"))}, parsed
        )

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["ticker"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("30000.00"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["books"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {"update_id": 1691672864874, "bids": [(30000.0, 1e-05)], "asks": [(31012.44, 69994.75267)]}
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["wallet"])

        await self.connector._update_balances()

        self.assertEqual({"BTC": (Decimal("10.000000"), Decimal("20.000000"))}, self._balances())

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "code": 1000,
                "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
                "message": "OK",
                "data": {"order_id": "1223181"},
            },
        )

        exchange_order_id, timestamp = await self.connector._place_order(
            order_id="OID1",
            trading_pair=self.trading_pair,
            amount=Decimal("1"),
            trade_type=TradeType.BUY,
            order_type=OrderType.LIMIT,
            price=Decimal("10000"),
        )

        self.assertEqual("1223181", exchange_order_id)

    async def test_order_status(self):
        self._respond(
            "post",
            {
                "code": 1000,
                "message": "success",
                "trace": "2b3d9ab4-5b6e-4e4f-96b6-1f9a2a9d9c3d",
                "data": {
                    "orderId": "118100034543076010",
                    "clientOrderId": "118100034543076010",
                    "symbol": "BTC_USDT",
                    "side": "buy",
                    "orderMode": "spot",
                    "type": "limit",
                    "state": "filled",
                    "price": "48800.00",
                    "priceAvg": "39999.00",
                    "size": "0.10000",
                    "filledSize": "0.10000",
                    "notional": "4880.00000000",
                    "filledNotional": "3999.90000000",
                    "createTime": 1681701557927,
                    "updateTime": 1681701559408,
                },
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="118100034543076010"))

        expected = {"exchange_order_id": "118100034543076010", "state": "FILLED"}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "post",
            {
                "code": 1000,
                "message": "success",
                "trace": "5fc697fb817a4b5396284786a9b2609a.263.16788429527990329",
                "data": [
                    {
                        "tradeId": "6883934839",
                        "orderId": "118100034543076010",
                        "clientOrderId": "118100034543076010",
                        "symbol": "BTC_USDT",
                        "side": "buy",
                        "orderMode": "spot",
                        "type": "limit",
                        "price": "39999.00",
                        "size": "0.10000",
                        "notional": "3999.90000000",
                        "fee": "0.00999975",
                        "feeCoinName": "USDT",
                        "tradeRole": "taker",
                        "createTime": 1681701559408,
                        "updateTime": 1681701559408,
                    }
                ],
            },
        )

        updates = await self.connector._all_trade_updates_for_order(self._order(exchange_order_id="118100034543076010"))

        expected = [
            {
                "trade_id": "6883934839",
                "exchange_order_id": "118100034543076010",
                "price": Decimal("39999.00"),
                "amount": Decimal("0.10000"),
                "quote_amount": Decimal("3999.90000000"),
                "fee_amount": Decimal("0.00999975"),
                "fee_asset": "USDT",
                "timestamp": 1681701559.408,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("order4872191", "2147857398")

        order_updates, trade_updates = await self._process_user_stream_event(
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
            }
        )

        expected_orders = [
            {
                "client_order_id": "order4872191",
                "exchange_order_id": "2147857398",
                "state": "PARTIALLY_FILLED",
                "timestamp": 1609926028.0,
            }
        ]
        self.assertEqual(
            expected_orders, self._declared(expected_orders, [self._parsed_order(u) for u in order_updates])
        )
        expected_fills = []
        self.assertEqual(expected_fills, self._declared(expected_fills, [self._parsed_fill(u) for u in trade_updates]))

    async def test_balance_event(self):
        await self._process_user_stream_event(
            {
                "data": [
                    {
                        "balance_details": [{"av_bal": "2.0", "ccy": "BTC", "fz_bal": "0.0"}],
                        "event_time": "1701632345415",
                        "event_type": "TRANSACTION_COMPLETED",
                    }
                ],
                "table": "spot/user/balance",
            }
        )

        self.assertEqual({"BTC": (Decimal("2.0"), Decimal("2.0"))}, self._balances())

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "table": "spot/trade",
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
            message_queue=queue,
        )

        parsed = [
            {
                "trading_pair": message.trading_pair,
                "trade_id": str(message.trade_id),
                "price": Decimal(str(message.content["price"])),
                "amount": Decimal(str(message.content["amount"])),
                "side": TradeType(int(message.content["trade_type"])).name,
                "timestamp": round(message.timestamp, 6),
            }
            for message in self._queued(queue)
        ]
        self.assertEqual(
            [
                {
                    "trading_pair": "BTC-USDT",
                    "trade_id": "1542337219",
                    "price": Decimal("162.12"),
                    "amount": Decimal("11.085"),
                    "side": "BUY",
                    "timestamp": 1542337219.0,
                }
            ],
            parsed,
        )

    async def test_order_book_snapshot_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_snapshot_message(
            raw_message={
                "table": "spot/depth50",
                "data": [
                    {
                        "asks": [["161.96", "7.37567"]],
                        "bids": [["161.94", "4.552355"]],
                        "symbol": "BTC_USDT",
                        "ms_t": 1542337219120,
                    }
                ],
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USDT",
                "update_id": 1542337219120,
                "bids": [(161.94, 4.552355)],
                "asks": [(161.96, 7.37567)],
                "timestamp": 1542337219.12,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
