import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.kucoin.kucoin_api_order_book_data_source import KucoinAPIOrderBookDataSource
from hummingbot.connector.exchange.kucoin.kucoin_exchange import KucoinExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "server_time": {"code": "200000", "msg": "success", "data": 1546837113087},
    "symbols": {
        "code": "200000",
        "data": [
            {
                "symbol": "BTC-USDT",
                "name": "BTC-USDT",
                "baseCurrency": "BTC",
                "quoteCurrency": "USDT",
                "feeCurrency": "USDT",
                "market": "USDS",
                "baseMinSize": "0.00001",
                "quoteMinSize": "0.1",
                "baseMaxSize": "10000000000",
                "quoteMaxSize": "99999999",
                "baseIncrement": "0.00000001",
                "quoteIncrement": "0.000001",
                "priceIncrement": "0.1",
                "priceLimitRate": "0.1",
                "minFunds": "0.1",
                "isMarginEnabled": True,
                "enableTrading": True,
                "feeCategory": 1,
                "makerFeeCoefficient": "1.00",
                "takerFeeCoefficient": "1.00",
                "st": False,
            }
        ],
    },
    "ticker": {
        "code": "200000",
        "data": {
            "time": 1729172965609,
            "sequence": "14609309753",
            "price": "67269",
            "size": "0.000025",
            "bestBid": "67267.5",
            "bestBidSize": "0.000025",
            "bestAsk": "67267.6",
            "bestAskSize": "1.24808993",
        },
    },
    "order_book_snapshot": {
        "code": "200000",
        "data": {
            "time": 1550653727731,
            "sequence": "27564713",
            "bids": [["6500.12", "0.45054140"], ["6500.11", "0.45054140"]],
            "asks": [["6500.16", "0.57753524"], ["6500.15", "0.57753524"]],
        },
    },
    "accounts": {
        "code": "200000",
        "data": [
            {
                "id": "548674591753",
                "currency": "USDT",
                "type": "trade",
                "balance": "26.66759503",
                "available": "26.66759503",
                "holds": "0",
            }
        ],
    },
}


class KucoinDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "ETH-USDT"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = KucoinExchange(
            kucoin_api_key="documented-examples",
            kucoin_passphrase="documented-examples",
            kucoin_secret_key="documented-examples",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"BTC-USDT": "BTC-USDT", "ETH-USDT": "ETH-USDT"}))
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

    def _order_book_data_source(self) -> KucoinAPIOrderBookDataSource:
        return KucoinAPIOrderBookDataSource(
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

        self.assertEqual(1546837113.087, round(self.connector._time_synchronizer.time(), 6))

    async def test_trading_pair_symbols(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["symbols"])

        self.assertEqual({"BTC-USDT": "BTC-USDT"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["symbols"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["symbols"])

        parsed = {
            rule.trading_pair: (
                rule.min_order_size,
                rule.min_price_increment,
                rule.min_base_amount_increment,
                rule.min_notional_size,
            )
            for rule in rules
        }
        self.assertEqual({"BTC-USDT": (Decimal("0.00001"), Decimal("0.1"), Decimal("1E-8"), Decimal("0.1"))}, parsed)

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["ticker"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("67269"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["order_book_snapshot"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {
            "update_id": 27564713,
            "bids": [(6500.12, 0.4505414), (6500.11, 0.4505414)],
            "asks": [(6500.16, 0.57753524), (6500.15, 0.57753524)],
        }
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["accounts"])

        await self.connector._update_balances()

        self.assertEqual({"USDT": (Decimal("26.66759503"), Decimal("26.66759503"))}, self._balances())

    async def test_order_creation(self):
        self._respond("post", {"code": "200000", "data": {"orderId": "5bd6e9286d99522a52e458de"}})

        exchange_order_id, timestamp = await self.connector._place_order(
            order_id="OID1",
            trading_pair=self.trading_pair,
            amount=Decimal("1"),
            trade_type=TradeType.BUY,
            order_type=OrderType.LIMIT,
            price=Decimal("10000"),
        )

        self.assertEqual("5bd6e9286d99522a52e458de", exchange_order_id)

    async def test_order_status(self):
        self._respond(
            "get",
            {
                "code": "200000",
                "data": {
                    "id": "5c35c02703aa673ceec2a168",
                    "symbol": "BTC-USDT",
                    "opType": "DEAL",
                    "type": "limit",
                    "side": "buy",
                    "price": "10",
                    "size": "2",
                    "funds": "0",
                    "dealFunds": "0.166",
                    "dealSize": "2",
                    "fee": "0",
                    "feeCurrency": "USDT",
                    "stp": "",
                    "stop": "",
                    "stopTriggered": False,
                    "stopPrice": "0",
                    "timeInForce": "GTC",
                    "postOnly": False,
                    "hidden": False,
                    "iceberg": False,
                    "visibleSize": "0",
                    "cancelAfter": 0,
                    "channel": "IOS",
                    "clientOid": "",
                    "remark": "",
                    "tags": "",
                    "isActive": False,
                    "cancelExist": False,
                    "createdAt": 1547026471000,
                    "tradeType": "TRADE",
                },
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="5c35c02703aa673ceec2a168"))

        expected = {"exchange_order_id": "5c35c02703aa673ceec2a168", "state": "FILLED", "timestamp": 1547026471.0}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "get",
            {
                "code": "200000",
                "data": {
                    "currentPage": 1,
                    "pageSize": 1,
                    "totalNum": 251915,
                    "totalPage": 251915,
                    "items": [
                        {
                            "symbol": "BTC-USDT",
                            "tradeId": "5c35c02709e4f67d5266954e",
                            "orderId": "5c35c02703aa673ceec2a168",
                            "counterOrderId": "5c1ab46003aa676e487fa8e3",
                            "side": "buy",
                            "liquidity": "taker",
                            "forceTaker": True,
                            "price": "0.083",
                            "size": "0.8424304",
                            "funds": "0.0699217232",
                            "fee": "0",
                            "feeRate": "0",
                            "feeCurrency": "USDT",
                            "stop": "",
                            "type": "limit",
                            "createdAt": 1547026472000,
                            "tradeType": "TRADE",
                        }
                    ],
                },
            },
        )

        updates = await self.connector._all_trade_updates_for_order(
            self._order(exchange_order_id="5c35c02703aa673ceec2a168")
        )

        expected = [
            {
                "trade_id": "5c35c02709e4f67d5266954e",
                "exchange_order_id": "5c35c02703aa673ceec2a168",
                "price": Decimal("0.083"),
                "amount": Decimal("0.8424304"),
                "quote_amount": Decimal("0.0699217232"),
                "fee_amount": Decimal("0"),
                "fee_asset": "USDT",
                "timestamp": 1547026472.0,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("1593487481000313", "5efab07953bdea00089965d2")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "type": "message",
                "topic": "/spotMarket/tradeOrders",
                "subject": "orderChange",
                "channelType": "private",
                "data": {
                    "symbol": "KCS-USDT",
                    "orderType": "limit",
                    "side": "buy",
                    "orderId": "5efab07953bdea00089965d2",
                    "type": "match",
                    "orderTime": 1593487481683297666,
                    "size": "0.1",
                    "filledSize": "0.1",
                    "price": "0.937",
                    "matchPrice": "0.937",
                    "matchSize": "0.1",
                    "tradeId": "5efab07a4ee4c7000a82d6d9",
                    "clientOid": "1593487481000313",
                    "remainSize": "0",
                    "status": "match",
                    "ts": 1593487482038606180,
                },
            }
        )

        expected_orders = [
            {
                "client_order_id": "1593487481000313",
                "exchange_order_id": "5efab07953bdea00089965d2",
                "state": "PARTIALLY_FILLED",
                "timestamp": 1593487482.038606,
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
                "type": "message",
                "topic": "/account/balance",
                "subject": "account.balance",
                "channelType": "private",
                "data": {
                    "accountId": "XXXX",
                    "available": "0.00009788",
                    "availableChange": "-0.00000001",
                    "currency": "BTC",
                    "hold": "0",
                    "holdChange": "0",
                    "relationContext": {"symbol": "BTC-USDT", "orderId": "6721d0632db25b0007071fdc"},
                    "relationEvent": "trade.hold",
                    "relationEventId": "354689988084000",
                    "time": "1730269283892",
                    "total": "0.00009788",
                },
            }
        )

        self.assertEqual({"BTC": (Decimal("0.00009788"), Decimal("0.00009788"))}, self._balances())

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "type": "message",
                "topic": "/market/match:BTC-USDT",
                "subject": "trade.l3match",
                "data": {
                    "makerOrderId": "6287c3015c27f000017d0c2f",
                    "price": "0.08300000",
                    "sequence": "1636010",
                    "side": "buy",
                    "size": "0.01000000",
                    "symbol": "BTC-USDT",
                    "takerOrderId": "6287c3015c27f000017d0c30",
                    "time": "1652999937374385000",
                    "tradeId": "6287c3015c27f000017d0c31",
                    "type": "match",
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
                    "trading_pair": "BTC-USDT",
                    "trade_id": "6287c3015c27f000017d0c31",
                    "price": Decimal("0.08300000"),
                    "amount": Decimal("0.01000000"),
                    "side": "BUY",
                    "timestamp": 1652999937.374385,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "type": "message",
                "topic": "/market/level2:BTC-USDT",
                "subject": "trade.l2update",
                "data": {
                    "changes": {
                        "asks": [["18906", "0.00331", "14103845"], ["18907.3", "0.58751503", "14103844"]],
                        "bids": [["18891.9", "0.15688", "14103847"]],
                    },
                    "sequenceEnd": 14103847,
                    "sequenceStart": 14103844,
                    "symbol": "BTC-USDT",
                    "time": 1663747970273,
                },
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USDT",
                "first_update_id": 14103844,
                "update_id": 14103847,
                "bids": [(18891.9, 0.15688)],
                "asks": [(18906.0, 0.00331), (18907.3, 0.58751503)],
                "timestamp": 1663747970.273,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
