import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.gate_io.gate_io_api_order_book_data_source import GateIoAPIOrderBookDataSource
from hummingbot.connector.exchange.gate_io.gate_io_exchange import GateIoExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "server_time": {"server_time": 1597026383085},
    "currency_pairs": [
        {
            "id": "ETH_USDT",
            "base": "ETH",
            "base_name": "Ethereum",
            "quote": "USDT",
            "quote_name": "Tether",
            "fee": "0.2",
            "min_base_amount": "0.001",
            "min_quote_amount": "1.0",
            "max_base_amount": "10000",
            "max_quote_amount": "10000000",
            "amount_precision": 3,
            "precision": 6,
            "trade_status": "tradable",
            "sell_start": 1516378650,
            "buy_start": 1516378650,
            "delisting_time": 0,
            "trade_url": "https://www.gate.io/trade/BTC_USDT",
            "st_tag": False,
        }
    ],
    "tickers": [
        {
            "currency_pair": "BTC3L_USDT",
            "last": "2.46140352",
            "lowest_ask": "2.477",
            "highest_bid": "2.4606821",
            "change_percentage": "-8.91",
            "change_utc0": "-8.91",
            "change_utc8": "-8.91",
            "base_volume": "656614.0845820589",
            "quote_volume": "1602221.66468375534639404191",
            "high_24h": "2.7431",
            "low_24h": "1.9863",
            "etf_net_value": "2.46316141",
            "etf_pre_net_value": "2.43201848",
            "etf_pre_timestamp": 1611244800,
            "etf_leverage": "2.2803019447281203",
        }
    ],
    "order_book_snapshot": {
        "id": 123456,
        "current": 1623898993123,
        "update": 1623898993121,
        "asks": [["1.52", "1.151"], ["1.53", "1.218"]],
        "bids": [["1.17", "201.863"], ["1.16", "153.478"]],
    },
    "accounts": [{"currency": "ETH", "available": "968.8", "locked": "0", "update_id": 98}],
}


class GateIoDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "BTC-USDT"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = GateIoExchange(
            gate_io_api_key="documented-examples",
            gate_io_secret_key="documented-examples",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"BTC_USDT": "BTC-USDT", "GT_USDT": "GT-USDT"}))
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

    def _order_book_data_source(self) -> GateIoAPIOrderBookDataSource:
        return GateIoAPIOrderBookDataSource(
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

        self.assertEqual(1597026383.085, round(self.connector._time_synchronizer.time(), 6))

    async def test_trading_pair_symbols(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["currency_pairs"])

        self.assertEqual({"ETH_USDT": "ETH-USDT"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["currency_pairs"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["currency_pairs"])

        parsed = {
            rule.trading_pair: (
                rule.min_order_size,
                rule.min_price_increment,
                rule.min_base_amount_increment,
                rule.min_notional_size,
            )
            for rule in rules
        }
        self.assertEqual(
            {"ETH-USDT": (Decimal("0.001"), Decimal("0.000001"), Decimal("0.001"), Decimal("1.0"))}, parsed
        )

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["tickers"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("2.46140352"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["order_book_snapshot"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {
            "update_id": 123456,
            "bids": [(1.17, 201.863), (1.16, 153.478)],
            "asks": [(1.52, 1.151), (1.53, 1.218)],
        }
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["accounts"])

        await self.connector._update_balances()

        self.assertEqual({"ETH": (Decimal("968.8"), Decimal("968.8"))}, self._balances())

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "id": "12332324",
                "text": "t-123456",
                "amend_text": "-",
                "create_time": "1548000000",
                "update_time": "1548000100",
                "create_time_ms": 1548000000123,
                "update_time_ms": 1548000100123,
                "currency_pair": "ETH_BTC",
                "status": "open",
                "type": "limit",
                "account": "spot",
                "side": "buy",
                "iceberg": "0",
                "amount": "1",
                "price": "5.00032",
                "time_in_force": "gtc",
                "left": "1",
                "filled_amount": "0",
                "fill_price": "0",
                "filled_total": "0",
                "fee": "0",
                "fee_currency": "ETH",
                "point_fee": "0",
                "gt_fee": "0",
                "gt_discount": False,
                "rebated_fee": "0",
                "rebated_fee_currency": "BTC",
                "finish_as": "open",
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

        self.assertEqual("12332324", exchange_order_id)
        self.assertEqual(1548000000.123, round(timestamp, 6))

    async def test_order_status(self):
        self._respond(
            "get",
            {
                "id": "12332324",
                "text": "t-123456",
                "amend_text": "-",
                "create_time": "1548000000",
                "update_time": "1548000100",
                "create_time_ms": 1548000000123,
                "update_time_ms": 1548000100123,
                "currency_pair": "ETH_BTC",
                "status": "open",
                "type": "limit",
                "account": "spot",
                "side": "buy",
                "iceberg": "0",
                "amount": "1",
                "price": "5.00032",
                "time_in_force": "gtc",
                "left": "0.5",
                "filled_amount": "0.5",
                "fill_price": "2.50016",
                "filled_total": "2.50016",
                "fee": "0.005",
                "fee_currency": "ETH",
                "point_fee": "0",
                "gt_fee": "0",
                "gt_discount": False,
                "rebated_fee": "0",
                "rebated_fee_currency": "BTC",
                "finish_as": "open",
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="12332324"))

        expected = {"exchange_order_id": "12332324", "state": "PARTIALLY_FILLED", "timestamp": 1548000100.123}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "get",
            [
                {
                    "id": "1232893232",
                    "create_time": "1548000000",
                    "create_time_ms": "1548000000123.456",
                    "order_id": "4128442423",
                    "side": "buy",
                    "role": "maker",
                    "amount": "0.15",
                    "price": "0.03",
                    "fee": "0.0005",
                    "fee_currency": "ETH",
                    "point_fee": "0",
                    "gt_fee": "0",
                    "sequence_id": "588018",
                    "text": "t-test",
                }
            ],
        )

        updates = await self.connector._all_trade_updates_for_order(self._order(exchange_order_id="4128442423"))

        expected = [
            {
                "trade_id": "1232893232",
                "exchange_order_id": "4128442423",
                "price": Decimal("0.03"),
                "amount": Decimal("0.15"),
                "fee_amount": Decimal("0.0005"),
                "fee_asset": "ETH",
                "timestamp": 1548000000.123456,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("t-testtext", "399123456")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "time": 1694655225,
                "time_ms": 1694655225315,
                "channel": "spot.orders",
                "event": "update",
                "result": [
                    {
                        "id": "399123456",
                        "text": "t-testtext",
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
        )

        expected_orders = [
            {
                "client_order_id": "t-testtext",
                "exchange_order_id": "399123456",
                "state": "OPEN",
                "timestamp": 1694655225.315,
            }
        ]
        self.assertEqual(
            expected_orders, self._declared(expected_orders, [self._parsed_order(u) for u in order_updates])
        )
        expected_fills = []
        self.assertEqual(expected_fills, self._declared(expected_fills, [self._parsed_fill(u) for u in trade_updates]))

    async def test_fill_event(self):
        self._track("apiv4", "30784428")

        _, trade_updates = await self._process_user_stream_event(
            {
                "time": 1605176741,
                "time_ms": 1605176741123,
                "channel": "spot.usertrades",
                "event": "update",
                "result": [
                    {
                        "id": 5736713,
                        "user_id": 1000001,
                        "order_id": "30784428",
                        "currency_pair": "BTC_USDT",
                        "create_time": 1605176741,
                        "create_time_ms": "1605176741123.456",
                        "side": "sell",
                        "amount": "1.00000000",
                        "role": "taker",
                        "price": "10000.00000000",
                        "fee": "0.00200000000000",
                        "point_fee": "0",
                        "gt_fee": "0",
                        "text": "apiv4",
                        "fee_currency": "USDT",
                    }
                ],
            }
        )

        expected = [
            {
                "client_order_id": "apiv4",
                "trade_id": "5736713",
                "exchange_order_id": "30784428",
                "price": Decimal("10000.00000000"),
                "amount": Decimal("1.00000000"),
                "fee_amount": Decimal("0.00200000000000"),
                "fee_asset": "USDT",
                "timestamp": 1605176741.123456,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(u) for u in trade_updates]))

    async def test_balance_event(self):
        await self._process_user_stream_event(
            {
                "time": 1605248616,
                "time_ms": 1605248616763,
                "channel": "spot.balances",
                "event": "update",
                "result": [
                    {
                        "timestamp": "1605248616",
                        "timestamp_ms": "1605248616123",
                        "user": "1000001",
                        "currency": "USDT",
                        "change": "100",
                        "total": "1032951.325075926",
                        "available": "1022943.325075926",
                        "freeze": "10008",
                        "freeze_change": "0",
                        "change_type": "order-create",
                    }
                ],
            }
        )

        self.assertEqual({"USDT": (Decimal("1022943.325075926"), Decimal("1032951.325075926"))}, self._balances())

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "time": 1606292218,
                "time_ms": 1606292218231,
                "channel": "spot.trades",
                "event": "update",
                "result": {
                    "id": 309143071,
                    "create_time": 1606292218,
                    "create_time_ms": "1606292218213.4578",
                    "side": "sell",
                    "currency_pair": "GT_USDT",
                    "amount": "16.4700000000",
                    "price": "0.4705000000",
                    "range": "2390902-2390902",
                },
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
                    "trading_pair": "GT-USDT",
                    "trade_id": "309143071",
                    "price": Decimal("0.4705000000"),
                    "amount": Decimal("16.4700000000"),
                    "side": "SELL",
                    "timestamp": 1606292218.213458,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "time": 1606294781,
                "time_ms": 1606294781236,
                "channel": "spot.order_book_update",
                "event": "update",
                "result": {
                    "t": 1606294781123,
                    "e": "update",
                    "E": 1606294781,
                    "s": "BTC_USDT",
                    "U": 48776301,
                    "u": 48776306,
                    "b": [["19137.74", "0.0001"], ["19088.37", "0"]],
                    "a": [["19137.75", "0.6135"]],
                },
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USDT",
                "first_update_id": 48776301,
                "update_id": 48776306,
                "bids": [(19137.74, 0.0001), (19088.37, 0.0)],
                "asks": [(19137.75, 0.6135)],
                "timestamp": 1606294781.123,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
