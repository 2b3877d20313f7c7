import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.backpack.backpack_api_order_book_data_source import BackpackAPIOrderBookDataSource
from hummingbot.connector.exchange.backpack.backpack_exchange import BackpackExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "server_time": 1719825432312,
    "markets": [
        {
            "symbol": "SOL_USDC",
            "baseSymbol": "SOL",
            "quoteSymbol": "USDC",
            "marketType": "SPOT",
            "filters": {
                "price": {"minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.01"},
                "quantity": {"minQuantity": "0.01", "maxQuantity": "1000000", "stepSize": "0.01"},
            },
            "orderBookState": "Open",
            "createdAt": "2024-01-16T00:00:00",
            "visible": True,
        }
    ],
    "ticker": {
        "symbol": "SOL_USDC",
        "firstPrice": "142.10",
        "lastPrice": "145.23",
        "priceChange": "3.13",
        "priceChangePercent": "0.022",
        "high": "146.00",
        "low": "140.50",
        "volume": "120345.12",
        "quoteVolume": "17345678.90",
        "trades": "35012",
    },
    "depth": {
        "asks": [["145.25", "12.5"]],
        "bids": [["145.20", "3.2"]],
        "lastUpdateId": "1718902",
        "timestamp": 1719825432312,
    },
    "capital": {
        "SOL": {"available": "25.5", "locked": "1.5", "staked": "0"},
        "USDC": {"available": "1500.25", "locked": "100", "staked": "0"},
    },
}


class BackpackDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "SOL-USDC"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = BackpackExchange(
            backpack_api_key="documented-examples",
            backpack_api_secret="7FoQdn40LXjwJVIl88tgw9NsaEiQvj5301s7Fz1kNXY=",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"SOL_USDC": "SOL-USDC"}))
        self.mock_api = aioresponses()
        self.mock_api.start()

    def tearDown(self) -> None:
        self.mock_api.stop()
        super().tearDown()

    def _respond(self, method: str, body: Any):
        getattr(self.mock_api, method)(ANY_URL, body=json.dumps(body))

    def _order(self, client_order_id: str = "1001", exchange_order_id: str = "1") -> InFlightOrder:
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

    def _order_book_data_source(self) -> BackpackAPIOrderBookDataSource:
        return BackpackAPIOrderBookDataSource(
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

        self.assertEqual(1719825432.312, round(self.connector._time_synchronizer.time(), 6))

    async def test_trading_pair_symbols(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["markets"])

        self.assertEqual({"SOL_USDC": "SOL-USDC"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["markets"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["markets"])

        parsed = {
            rule.trading_pair: (
                rule.min_order_size,
                rule.min_price_increment,
                rule.min_base_amount_increment,
            )
            for rule in rules
        }
        self.assertEqual({"SOL-USDC": (Decimal("0.01"), Decimal("0.01"), Decimal("0.01"))}, parsed)

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["ticker"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("145.23"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["depth"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {"update_id": 1718902, "bids": [(145.2, 3.2)], "asks": [(145.25, 12.5)]}
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["capital"])

        await self.connector._update_balances()

        self.assertEqual(
            {"SOL": (Decimal("25.5"), Decimal("27.0")), "USDC": (Decimal("1500.25"), Decimal("1600.25"))},
            self._balances(),
        )

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "orderType": "Limit",
                "id": "11234567890",
                "clientId": 1234,
                "createdAt": 1719825432312,
                "executedQuantity": "0",
                "executedQuoteQuantity": "0",
                "postOnly": False,
                "price": "145.20",
                "quantity": "1.5",
                "selfTradePrevention": "RejectTaker",
                "status": "New",
                "side": "Bid",
                "symbol": "SOL_USDC",
                "timeInForce": "GTC",
            },
        )

        exchange_order_id, timestamp = await self.connector._place_order(
            order_id="1001",
            trading_pair=self.trading_pair,
            amount=Decimal("1"),
            trade_type=TradeType.BUY,
            order_type=OrderType.LIMIT,
            price=Decimal("10000"),
        )

        self.assertEqual("11234567890", exchange_order_id)
        self.assertEqual(1719825432.312, round(timestamp, 6))

    async def test_order_status(self):
        self._respond(
            "get",
            {
                "orderType": "Limit",
                "id": "11234567890",
                "clientId": 1234,
                "createdAt": 1719825432312,
                "executedQuantity": "0",
                "executedQuoteQuantity": "0",
                "postOnly": False,
                "price": "145.20",
                "quantity": "1.5",
                "selfTradePrevention": "RejectTaker",
                "status": "New",
                "side": "Bid",
                "symbol": "SOL_USDC",
                "timeInForce": "GTC",
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="11234567890"))

        expected = {"exchange_order_id": "11234567890", "state": "OPEN", "timestamp": 1719825432.312}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "get",
            [
                {
                    "clientId": "1234",
                    "fee": "0.0145",
                    "feeSymbol": "USDC",
                    "isMaker": True,
                    "orderId": "11234567890",
                    "price": "145.20",
                    "quantity": "0.5",
                    "side": "Bid",
                    "symbol": "SOL_USDC",
                    "systemOrderType": None,
                    "timestamp": "2024-07-01T09:17:12.312",
                    "tradeId": 3456789,
                }
            ],
        )

        updates = await self.connector._all_trade_updates_for_order(self._order(exchange_order_id="11234567890"))

        expected = [
            {
                "trade_id": "3456789",
                "exchange_order_id": "11234567890",
                "price": Decimal("145.20"),
                "amount": Decimal("0.5"),
                "fee_amount": Decimal("0.0145"),
                "fee_asset": "USDC",
                "timestamp": 1719825432.312,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("1234", "1111343026172067")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "stream": "account.orderUpdate",
                "data": {
                    "e": "orderFill",
                    "E": 1694687692980000,
                    "s": "SOL_USDC",
                    "c": 1234,
                    "S": "Bid",
                    "o": "LIMIT",
                    "f": "GTC",
                    "q": "32.123",
                    "Q": "32.123",
                    "p": "20",
                    "X": "PartiallyFilled",
                    "i": "1111343026172067",
                    "t": 567,
                    "l": "1.23",
                    "z": "3.21",
                    "L": "20",
                    "m": True,
                    "n": "0.023",
                    "N": "USDC",
                    "V": "RejectTaker",
                    "T": 1694687692989999,
                    "O": "USER",
                    "I": "1111343026156135",
                },
            }
        )

        expected_orders = [
            {
                "client_order_id": "1234",
                "exchange_order_id": "1111343026172067",
                "state": "PARTIALLY_FILLED",
                "timestamp": 1694687692.98,
            }
        ]
        self.assertEqual(
            expected_orders, self._declared(expected_orders, [self._parsed_order(u) for u in order_updates])
        )
        expected_fills = [
            {
                "client_order_id": "1234",
                "trade_id": "567",
                "exchange_order_id": "1111343026172067",
                "price": Decimal("20"),
                "amount": Decimal("1.23"),
                "fee_amount": Decimal("0.023"),
                "fee_asset": "USDC",
                "timestamp": 1694687692.989999,
            }
        ]
        self.assertEqual(expected_fills, self._declared(expected_fills, [self._parsed_fill(u) for u in trade_updates]))

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "stream": "trade.SOL_USDC",
                "data": {
                    "e": "trade",
                    "E": 1694688638091000,
                    "s": "SOL_USDC",
                    "p": "18.68",
                    "q": "0.122",
                    "b": "111063114377265150",
                    "a": "111063114585735170",
                    "t": 12345,
                    "T": 1694688638089000,
                    "m": True,
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
                    "trading_pair": "SOL-USDC",
                    "trade_id": "12345",
                    "price": Decimal("18.68"),
                    "amount": Decimal("0.122"),
                    "side": "SELL",
                    "timestamp": 1694688638.091,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "stream": "depth.SOL_USDC",
                "data": {
                    "e": "depth",
                    "E": 1694687965941000,
                    "s": "SOL_USDC",
                    "a": [["18.70", "0.000"]],
                    "b": [["18.67", "0.832"], ["18.68", "0.000"]],
                    "U": 94978271,
                    "u": 94978271,
                    "T": 1694687965940999,
                },
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "SOL-USDC",
                "first_update_id": 94978271,
                "update_id": 94978271,
                "bids": [(18.67, 0.832), (18.68, 0.0)],
                "asks": [(18.7, 0.0)],
                "timestamp": 1694687965.941,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
