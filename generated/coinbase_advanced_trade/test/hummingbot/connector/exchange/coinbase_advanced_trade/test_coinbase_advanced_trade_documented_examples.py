import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses
from bidict import bidict
from cryptography.hazmat.primitives import serialization

from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_api_order_book_data_source import (
    CoinbaseAdvancedTradeAPIOrderBookDataSource,
)
from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_exchange import (
    CoinbaseAdvancedTradeExchange,
)
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "server_time": {"iso": "2023-05-09T20:41:35Z", "epochSeconds": "1683664895", "epochMillis": "1683664895000"},
    "products": {
        "products": [
            {
                "product_id": "BTC-USD",
                "price": "140.21",
                "price_percentage_change_24h": "9.43%",
                "volume_24h": "1908432",
                "volume_percentage_change_24h": "9.43%",
                "base_increment": "0.00000001",
                "quote_increment": "0.01",
                "quote_min_size": "1",
                "quote_max_size": "1000",
                "base_min_size": "0.00000001",
                "base_max_size": "1000",
                "base_name": "Bitcoin",
                "quote_name": "US Dollar",
                "watched": True,
                "is_disabled": False,
                "new": True,
                "status": "online",
                "cancel_only": False,
                "limit_only": False,
                "post_only": False,
                "trading_disabled": False,
                "auction_mode": False,
                "product_type": "SPOT",
                "quote_currency_id": "USD",
                "base_currency_id": "BTC",
                "mid_market_price": "140.22",
                "base_display_symbol": "BTC",
                "quote_display_symbol": "USD",
            }
        ],
        "num_products": 1,
    },
    "ticker": {
        "trades": [
            {
                "trade_id": "34b080bf-fcfd-445a-832b-46b5ddc65601",
                "product_id": "BTC-USD",
                "price": "140.91",
                "size": "4",
                "time": "2021-05-31T09:59:59Z",
                "side": "BUY",
                "bid": "291.13",
                "ask": "292.40",
            }
        ],
        "best_bid": "291.13",
        "best_ask": "292.40",
    },
    "product_book": {
        "pricebook": {
            "product_id": "BTC-USD",
            "bids": [{"price": "21921.73", "size": "0.06317902"}],
            "asks": [{"price": "21921.74", "size": "0.1"}],
            "time": "2023-02-09T20:32:50.714964855Z",
        },
        "last": "21921.74",
        "mid_market": "21921.735",
        "spread_bps": "0.0046",
        "spread_absolute": "0.01",
    },
    "accounts": {
        "accounts": [
            {
                "uuid": "8bfc20d7-f7c6-4422-bf07-8243ca4169fe",
                "name": "BTC Wallet",
                "currency": "BTC",
                "available_balance": {"value": "1.23", "currency": "BTC"},
                "default": False,
                "active": True,
                "created_at": "2021-05-31T09:59:59Z",
                "updated_at": "2021-05-31T09:59:59Z",
                "deleted_at": "2021-05-31T09:59:59Z",
                "type": "ACCOUNT_TYPE_CRYPTO",
                "ready": True,
                "hold": {"value": "0.5", "currency": "BTC"},
            }
        ],
        "has_next": False,
        "cursor": "789100",
        "size": 1,
    },
}


class CoinbaseAdvancedTradeDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "BTC-USD"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = CoinbaseAdvancedTradeExchange(
            coinbase_advanced_trade_api_key="documented-examples",
            coinbase_advanced_trade_api_secret=serialization.load_der_private_key(
                bytes.fromhex(
                    "307702010104206c5a10767e342d78f0255225f3cb60c3d36c684890be3e77d35b3b173d643577a00a06082a8648ce3d030107a144034200046272f3c509b01f33c1b6e54f7cc9bac67ab0e5a3366f134f5ffe4b1333da261939e88ef26ff39081bde0007591cc5b4c916bdf7233bfa4a2721e096785553845"
                ),
                password=None,
            )
            .private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
            )
            .decode(),
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"BTC-USD": "BTC-USD", "ETH-USD": "ETH-USD"}))
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

    def _order_book_data_source(self) -> CoinbaseAdvancedTradeAPIOrderBookDataSource:
        return CoinbaseAdvancedTradeAPIOrderBookDataSource(
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

        self.assertEqual(1683664895.0, round(self.connector._time_synchronizer.time(), 6))

    async def test_trading_pair_symbols(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["products"])

        self.assertEqual({"BTC-USD": "BTC-USD"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["products"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["products"])

        parsed = {
            rule.trading_pair: (
                rule.min_order_size,
                rule.min_price_increment,
                rule.min_base_amount_increment,
                rule.min_notional_size,
            )
            for rule in rules
        }
        self.assertEqual({"BTC-USD": (Decimal("1E-8"), Decimal("0.01"), Decimal("1E-8"), Decimal("1"))}, parsed)

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["ticker"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("140.91"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["product_book"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {"update_id": 1675974770, "bids": [(21921.73, 0.06317902)], "asks": [(21921.74, 0.1)]}
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["accounts"])

        await self.connector._update_balances()

        self.assertEqual({"BTC": (Decimal("1.23"), Decimal("1.73"))}, self._balances())

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "success": True,
                "success_response": {
                    "order_id": "11111-00000-000000",
                    "product_id": "BTC-USD",
                    "side": "BUY",
                    "client_order_id": "0000-00000-000000",
                },
                "order_configuration": {
                    "limit_limit_gtc": {"base_size": "0.001", "limit_price": "10000.00", "post_only": False}
                },
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

        self.assertEqual("11111-00000-000000", exchange_order_id)

    async def test_order_status(self):
        self._respond(
            "get",
            {
                "order": {
                    "order_id": "0000-000000-000000",
                    "product_id": "BTC-USD",
                    "user_id": "2222-000000-000000",
                    "order_configuration": {
                        "limit_limit_gtc": {"base_size": "0.001", "limit_price": "10000.00", "post_only": False}
                    },
                    "side": "BUY",
                    "client_order_id": "11111-000000-000000",
                    "status": "OPEN",
                    "time_in_force": "GOOD_UNTIL_CANCELLED",
                    "created_time": "2021-05-31T09:59:59Z",
                    "completion_percentage": "50",
                    "filled_size": "0.0005",
                    "average_filled_price": "10000.00",
                    "fee": "",
                    "number_of_fills": "2",
                    "filled_value": "5",
                    "pending_cancel": False,
                    "size_in_quote": False,
                    "total_fees": "0.03",
                    "size_inclusive_of_fees": False,
                    "total_value_after_fees": "5.03",
                    "trigger_status": "INVALID_ORDER_TYPE",
                    "order_type": "LIMIT",
                    "reject_reason": "REJECT_REASON_UNSPECIFIED",
                    "settled": False,
                    "product_type": "SPOT",
                    "reject_message": "",
                    "cancel_message": "",
                    "order_placement_source": "RETAIL_ADVANCED",
                    "outstanding_hold_amount": "5.03",
                    "is_liquidation": False,
                    "last_fill_time": "2021-05-31T09:59:59Z",
                }
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="0000-000000-000000"))

        expected = {"exchange_order_id": "0000-000000-000000", "state": "PARTIALLY_FILLED"}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "get",
            {
                "fills": [
                    {
                        "entry_id": "22222-2222222-22222222",
                        "trade_id": "1111-11111-111111",
                        "order_id": "0000-000000-000000",
                        "trade_time": "2021-05-31T09:59:59Z",
                        "trade_type": "FILL",
                        "price": "10000.00",
                        "size": "0.001",
                        "commission": "1.25",
                        "product_id": "BTC-USD",
                        "sequence_timestamp": "2021-05-31T09:58:59Z",
                        "liquidity_indicator": "MAKER",
                        "size_in_quote": False,
                        "user_id": "3333-333333-3333333",
                        "side": "BUY",
                    }
                ],
                "cursor": "789100",
            },
        )

        updates = await self.connector._all_trade_updates_for_order(self._order(exchange_order_id="0000-000000-000000"))

        expected = [
            {
                "trade_id": "1111-11111-111111",
                "exchange_order_id": "0000-000000-000000",
                "price": Decimal("10000.00"),
                "amount": Decimal("0.001"),
                "quote_amount": Decimal("10"),
                "fee_amount": Decimal("1.25"),
                "timestamp": 1622455199.0,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("XXX", "YYY")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "channel": "user",
                "client_id": "",
                "timestamp": "2023-02-09T20:33:57.609931463Z",
                "sequence_num": 0,
                "events": [
                    {
                        "type": "snapshot",
                        "orders": [
                            {
                                "avg_price": "50000",
                                "cancel_reason": "",
                                "client_order_id": "XXX",
                                "completion_percentage": "0.00",
                                "contract_expiry_type": "UNKNOWN_CONTRACT_EXPIRY_TYPE",
                                "cumulative_quantity": "0",
                                "filled_value": "0",
                                "leaves_quantity": "0.000994",
                                "limit_price": "50.00",
                                "number_of_fills": "0",
                                "order_id": "YYY",
                                "order_side": "BUY",
                                "order_type": "Limit",
                                "outstanding_hold_amount": "0.00",
                                "post_only": "false",
                                "product_id": "BTC-USD",
                                "product_type": "SPOT",
                                "reject_reason": "",
                                "retail_portfolio_id": "ZZZ",
                                "risk_managed_by": "UNKNOWN_RISK_MANAGEMENT_TYPE",
                                "status": "OPEN",
                                "stop_price": "",
                                "time_in_force": "GOOD_UNTIL_CANCELLED",
                                "total_fees": "0",
                                "total_value_after_fees": "0",
                                "trigger_status": "INVALID_ORDER_TYPE",
                                "creation_time": "2024-09-11T22:55:13.546353Z",
                                "end_time": "0001-01-01T00:00:00Z",
                                "start_time": "0001-01-01T00:00:00Z",
                            }
                        ],
                    }
                ],
            }
        )

        expected_orders = [
            {"client_order_id": "XXX", "exchange_order_id": "YYY", "state": "OPEN", "timestamp": 1726095313.546353}
        ]
        self.assertEqual(
            expected_orders, self._declared(expected_orders, [self._parsed_order(u) for u in order_updates])
        )
        expected_fills = []
        self.assertEqual(expected_fills, self._declared(expected_fills, [self._parsed_fill(u) for u in trade_updates]))

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "channel": "market_trades",
                "client_id": "",
                "timestamp": "2023-02-09T20:19:35.39625135Z",
                "sequence_num": 0,
                "events": [
                    {
                        "type": "snapshot",
                        "trades": [
                            {
                                "trade_id": "000000000",
                                "product_id": "ETH-USD",
                                "price": "1260.01",
                                "size": "0.3",
                                "side": "BUY",
                                "time": "2019-08-14T20:42:27.265Z",
                            }
                        ],
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
                    "trading_pair": "ETH-USD",
                    "trade_id": "000000000",
                    "price": Decimal("1260.01"),
                    "amount": Decimal("0.3"),
                    "side": "BUY",
                    "timestamp": 1565815347.265,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "channel": "l2_data",
                "client_id": "",
                "timestamp": "2023-02-09T20:32:50.714964855Z",
                "sequence_num": 0,
                "events": [
                    {
                        "type": "snapshot",
                        "product_id": "BTC-USD",
                        "updates": [
                            {
                                "side": "bid",
                                "event_time": "1970-01-01T00:00:00Z",
                                "price_level": "21921.73",
                                "new_quantity": "0.06317902",
                            },
                            {
                                "side": "bid",
                                "event_time": "1970-01-01T00:00:00Z",
                                "price_level": "21921.3",
                                "new_quantity": "0.02",
                            },
                        ],
                    }
                ],
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USD",
                "update_id": 1675974770,
                "bids": [(21921.73, 0.06317902), (21921.3, 0.02)],
                "asks": [],
                "timestamp": 1675974770.714964,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
