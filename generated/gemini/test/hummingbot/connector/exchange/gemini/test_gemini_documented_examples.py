import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.gemini.gemini_api_order_book_data_source import GeminiAPIOrderBookDataSource
from hummingbot.connector.exchange.gemini.gemini_exchange import GeminiExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "symbols_details": [
        {
            "symbol": "BTCUSD",
            "base_currency": "BTC",
            "quote_currency": "USD",
            "tick_size": 1e-08,
            "quote_increment": 0.01,
            "min_order_size": "0.00001",
            "status": "open",
            "wrap_enabled": False,
            "product_type": "spot",
            "contract_type": "vanilla",
            "contract_price_currency": "USD",
        }
    ],
    "ticker": {
        "ask": "977.59",
        "bid": "977.35",
        "last": "977.65",
        "volume": {"BTC": "2210.505328803", "USD": "2135477.463379586263", "timestamp": 1483018200000},
    },
    "order_book": {
        "bids": [{"price": "3607.85", "amount": "6.643373", "timestamp": "1547147541"}],
        "asks": [{"price": "3607.86", "amount": "14.68205084", "timestamp": "1547147541"}],
    },
    "balances": [
        {
            "type": "exchange",
            "currency": "BTC",
            "amount": "1154.62034001",
            "available": "1129.10517279",
            "availableForWithdrawal": "1129.10517279",
        },
        {
            "type": "exchange",
            "currency": "USD",
            "amount": "18722.79",
            "available": "14481.62",
            "availableForWithdrawal": "14481.62",
        },
    ],
}


class GeminiDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "BTC-USD"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = GeminiExchange(
            gemini_api_key="documented-examples",
            gemini_api_secret="documented-examples",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"BTCUSD": "BTC-USD"}))
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

    def _order_book_data_source(self) -> GeminiAPIOrderBookDataSource:
        return GeminiAPIOrderBookDataSource(
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

    async def test_trading_pair_symbols(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["symbols_details"])

        self.assertEqual({"BTCUSD": "BTC-USD"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["symbols_details"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["symbols_details"])

        parsed = {
            rule.trading_pair: (
                rule.min_order_size,
                rule.min_price_increment,
                rule.min_base_amount_increment,
            )
            for rule in rules
        }
        self.assertEqual({"BTC-USD": (Decimal("0.00001"), Decimal("0.01"), Decimal("1E-8"))}, parsed)

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["ticker"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("977.65"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["order_book"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {"update_id": 1547147541, "bids": [(3607.85, 6.643373)], "asks": [(3607.86, 14.68205084)]}
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["balances"])

        await self.connector._update_balances()

        self.assertEqual(
            {
                "BTC": (Decimal("1129.10517279"), Decimal("1154.62034001")),
                "USD": (Decimal("14481.62"), Decimal("18722.79")),
            },
            self._balances(),
        )

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "order_id": "106817811",
                "id": "106817811",
                "symbol": "btcusd",
                "exchange": "gemini",
                "avg_execution_price": "3632.8508430064554",
                "side": "buy",
                "type": "exchange limit",
                "timestamp": "1547220404",
                "timestampms": 1547220404836,
                "is_live": True,
                "is_cancelled": False,
                "is_hidden": False,
                "was_forced": False,
                "executed_amount": "3.7567928949",
                "remaining_amount": "1.2432071051",
                "client_order_id": "20190110-4738721",
                "options": [],
                "price": "3633.00",
                "original_amount": "5",
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

        self.assertEqual("106817811", exchange_order_id)
        self.assertEqual(1547220404.836, round(timestamp, 6))

    async def test_order_status(self):
        self._respond(
            "post",
            {
                "order_id": "123456789012345",
                "id": "123456789012345",
                "symbol": "btcusd",
                "exchange": "gemini",
                "avg_execution_price": "400.00",
                "side": "buy",
                "type": "exchange limit",
                "timestamp": "1494870642",
                "timestampms": 1494870642156,
                "is_live": False,
                "is_cancelled": False,
                "is_hidden": False,
                "was_forced": False,
                "executed_amount": "3",
                "remaining_amount": "0",
                "options": [],
                "price": "400.00",
                "original_amount": "3",
                "client_order_id": "123456789",
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="123456789012345"))

        expected = {"exchange_order_id": "123456789012345", "state": "FILLED", "timestamp": 1494870642.156}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "post",
            [
                {
                    "price": "3648.09",
                    "amount": "0.0027343246",
                    "timestamp": 1547232911,
                    "timestampms": 1547232911021,
                    "type": "Buy",
                    "aggressor": True,
                    "fee_currency": "USD",
                    "fee_amount": "0.024937655575035",
                    "tid": 107317526,
                    "order_id": "107317524",
                    "exchange": "gemini",
                    "is_auction_fill": False,
                    "client_order_id": "20190110-4738721",
                }
            ],
        )

        updates = await self.connector._all_trade_updates_for_order(self._order(exchange_order_id="107317524"))

        expected = [
            {
                "trade_id": "107317526",
                "exchange_order_id": "107317524",
                "price": Decimal("3648.09"),
                "amount": Decimal("0.0027343246"),
                "fee_amount": Decimal("0.024937655575035"),
                "fee_asset": "USD",
                "timestamp": 1547232911.021,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("my-order-1", "73891417283")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "e": "executionReport",
                "E": 1759873041187000000,
                "s": "BTCUSD",
                "i": 73891417283,
                "c": "my-order-1",
                "S": "BUY",
                "o": "LIMIT",
                "X": "NEW",
                "p": "123000.00",
                "q": "0.001",
                "z": "0.001",
                "T": 1759873041187000000,
            }
        )

        expected_orders = [
            {
                "client_order_id": "my-order-1",
                "exchange_order_id": "73891417283",
                "state": "OPEN",
                "timestamp": 1759873041.187,
            }
        ]
        self.assertEqual(
            expected_orders, self._declared(expected_orders, [self._parsed_order(u) for u in order_updates])
        )
        expected_fills = []
        self.assertEqual(expected_fills, self._declared(expected_fills, [self._parsed_fill(u) for u in trade_updates]))

    async def test_balance_event(self):
        await self._process_user_stream_event(
            {"e": "balanceUpdate", "E": 1759873041187, "B": [{"a": "USD", "f": "207.39", "c": "300.00"}]}
        )

        self.assertEqual({"USD": (Decimal("207.39"), Decimal("300.00"))}, self._balances())

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "e": "trade",
                "E": 1759873041187000000,
                "s": "BTCUSD",
                "t": 2840140956529623,
                "p": "123419.51",
                "q": "0.00162",
                "m": True,
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
                    "trading_pair": "BTC-USD",
                    "trade_id": "2840140956529623",
                    "price": Decimal("123419.51"),
                    "amount": Decimal("0.00162"),
                    "side": "SELL",
                    "timestamp": 1759873041.187,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "e": "depthUpdate",
                "E": 1759873041187000000,
                "s": "BTCUSD",
                "U": 157,
                "u": 160,
                "b": [["123419.51", "0.25"]],
                "a": [["123419.52", "0"]],
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USD",
                "first_update_id": 157,
                "update_id": 160,
                "bids": [(123419.51, 0.25)],
                "asks": [(123419.52, 0.0)],
                "timestamp": 1759873041.187,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
