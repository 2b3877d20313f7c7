import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.binance.binance_api_order_book_data_source import BinanceAPIOrderBookDataSource
from hummingbot.connector.exchange.binance.binance_exchange import BinanceExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "server_time": {"serverTime": 1499827319559},
    "exchange_info": {
        "timezone": "UTC",
        "serverTime": 1565246363776,
        "rateLimits": [],
        "exchangeFilters": [],
        "symbols": [
            {
                "symbol": "ETHBTC",
                "status": "TRADING",
                "baseAsset": "ETH",
                "baseAssetPrecision": 8,
                "quoteAsset": "BTC",
                "quotePrecision": 8,
                "quoteAssetPrecision": 8,
                "baseCommissionPrecision": 8,
                "quoteCommissionPrecision": 8,
                "orderTypes": [
                    "LIMIT",
                    "LIMIT_MAKER",
                    "MARKET",
                    "STOP_LOSS",
                    "STOP_LOSS_LIMIT",
                    "TAKE_PROFIT",
                    "TAKE_PROFIT_LIMIT",
                ],
                "icebergAllowed": True,
                "ocoAllowed": True,
                "otoAllowed": True,
                "quoteOrderQtyMarketAllowed": True,
                "allowTrailingStop": False,
                "cancelReplaceAllowed": False,
                "isSpotTradingAllowed": True,
                "isMarginTradingAllowed": True,
                "filters": [
                    {
                        "filterType": "PRICE_FILTER",
                        "minPrice": "0.00000100",
                        "maxPrice": "100000.00000000",
                        "tickSize": "0.00000100",
                    },
                    {
                        "filterType": "LOT_SIZE",
                        "minQty": "0.00100000",
                        "maxQty": "100000.00000000",
                        "stepSize": "0.00100000",
                    },
                    {
                        "filterType": "NOTIONAL",
                        "minNotional": "0.00010000",
                        "applyMinToMarket": True,
                        "maxNotional": "9000000.00000000",
                        "applyMaxToMarket": False,
                        "avgPriceMins": 5,
                    },
                ],
                "permissions": [],
                "permissionSets": [["SPOT", "MARGIN"]],
                "defaultSelfTradePreventionMode": "NONE",
                "allowedSelfTradePreventionModes": ["NONE"],
            }
        ],
    },
    "ticker_24hr": {
        "symbol": "BNBBTC",
        "priceChange": "-94.99999800",
        "priceChangePercent": "-95.960",
        "weightedAvgPrice": "0.29628482",
        "prevClosePrice": "0.10002000",
        "lastPrice": "4.00000200",
        "lastQty": "200.00000000",
        "bidPrice": "4.00000000",
        "bidQty": "100.00000000",
        "askPrice": "4.00000200",
        "askQty": "100.00000000",
        "openPrice": "99.00000000",
        "highPrice": "100.00000000",
        "lowPrice": "0.10000000",
        "volume": "8913.30000000",
        "quoteVolume": "15.30000000",
        "openTime": 1499783499040,
        "closeTime": 1499869899040,
        "firstId": 28385,
        "lastId": 28460,
        "count": 76,
    },
    "order_book_snapshot": {
        "lastUpdateId": 1027024,
        "bids": [["4.00000000", "431.00000000"]],
        "asks": [["4.00000200", "12.00000000"]],
    },
    "account": {
        "makerCommission": 15,
        "takerCommission": 15,
        "buyerCommission": 0,
        "sellerCommission": 0,
        "canTrade": True,
        "canWithdraw": True,
        "canDeposit": True,
        "brokered": False,
        "requireSelfTradePrevention": False,
        "preventSor": False,
        "updateTime": 123456789,
        "accountType": "SPOT",
        "balances": [
            {"asset": "BTC", "free": "4723846.89208129", "locked": "0.00000000"},
            {"asset": "LTC", "free": "4763368.68006011", "locked": "0.00000000"},
        ],
        "permissions": ["SPOT"],
        "uid": 354937868,
    },
}


class BinanceDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "ZRX-ETH"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = BinanceExchange(
            binance_api_key="documented-examples",
            binance_api_secret="documented-examples",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"BNBBTC": "BNB-BTC", "ZRXETH": "ZRX-ETH"}))
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

    def _order_book_data_source(self) -> BinanceAPIOrderBookDataSource:
        return BinanceAPIOrderBookDataSource(
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

        self.assertEqual(1499827319.559, round(self.connector._time_synchronizer.time(), 6))

    async def test_trading_pair_symbols(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["exchange_info"])

        self.assertEqual({"ETHBTC": "ETH-BTC"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["exchange_info"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["exchange_info"])

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
            {"ETH-BTC": (Decimal("0.00100000"), Decimal("0.00000100"), Decimal("0.00100000"), Decimal("0.00010000"))},
            parsed,
        )

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["ticker_24hr"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("4.00000200"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["order_book_snapshot"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {"update_id": 1027024, "bids": [(4.0, 431.0)], "asks": [(4.000002, 12.0)]}
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["account"])

        await self.connector._update_balances()

        self.assertEqual(
            {
                "BTC": (Decimal("4723846.89208129"), Decimal("4723846.89208129")),
                "LTC": (Decimal("4763368.68006011"), Decimal("4763368.68006011")),
            },
            self._balances(),
        )

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "symbol": "BTCUSDT",
                "orderId": 28,
                "orderListId": -1,
                "clientOrderId": "6gCrw2kRUAF9CvJDGP16IP",
                "transactTime": 1507725176595,
                "price": "0.00000000",
                "origQty": "10.00000000",
                "executedQty": "10.00000000",
                "origQuoteOrderQty": "0.000000",
                "cummulativeQuoteQty": "10.00000000",
                "status": "FILLED",
                "timeInForce": "GTC",
                "type": "MARKET",
                "side": "SELL",
                "workingTime": 1507725176595,
                "selfTradePreventionMode": "NONE",
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

        self.assertEqual("28", exchange_order_id)
        self.assertEqual(1507725176.595, round(timestamp, 6))

    async def test_order_status(self):
        self._respond(
            "get",
            {
                "symbol": "LTCBTC",
                "orderId": 1,
                "orderListId": -1,
                "clientOrderId": "myOrder1",
                "price": "0.1",
                "origQty": "1.0",
                "executedQty": "0.0",
                "cummulativeQuoteQty": "0.0",
                "status": "NEW",
                "timeInForce": "GTC",
                "type": "LIMIT",
                "side": "BUY",
                "stopPrice": "0.0",
                "icebergQty": "0.0",
                "time": 1499827319559,
                "updateTime": 1499827319559,
                "isWorking": True,
                "workingTime": 1499827319559,
                "origQuoteOrderQty": "0.000000",
                "selfTradePreventionMode": "NONE",
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="1"))

        expected = {"exchange_order_id": "1", "state": "OPEN", "timestamp": 1499827319.559}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "get",
            [
                {
                    "symbol": "BNBBTC",
                    "id": 28457,
                    "orderId": 100234,
                    "orderListId": -1,
                    "price": "4.00000100",
                    "qty": "12.00000000",
                    "quoteQty": "48.000012",
                    "commission": "10.10000000",
                    "commissionAsset": "BNB",
                    "time": 1499865549590,
                    "isBuyer": True,
                    "isMaker": False,
                    "isBestMatch": True,
                }
            ],
        )

        updates = await self.connector._all_trade_updates_for_order(self._order(exchange_order_id="100234"))

        expected = [
            {
                "trade_id": "28457",
                "exchange_order_id": "100234",
                "price": Decimal("4.00000100"),
                "amount": Decimal("12.00000000"),
                "quote_amount": Decimal("48.000012"),
                "fee_amount": Decimal("10.10000000"),
                "fee_asset": "BNB",
                "timestamp": 1499865549.59,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("mUvoqJxFIILMdfAW5iGSOW", "4293153")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "e": "executionReport",
                "E": 1499405658658,
                "s": "ETHBTC",
                "c": "mUvoqJxFIILMdfAW5iGSOW",
                "S": "BUY",
                "o": "LIMIT",
                "f": "GTC",
                "q": "1.00000000",
                "p": "0.10264410",
                "P": "0.00000000",
                "F": "0.00000000",
                "g": -1,
                "C": "",
                "x": "NEW",
                "X": "NEW",
                "r": "NONE",
                "i": 4293153,
                "l": "0.00000000",
                "z": "0.00000000",
                "L": "0.00000000",
                "n": "0",
                "N": None,
                "T": 1499405658657,
                "t": -1,
                "v": 3,
                "I": 8641984,
                "w": True,
                "m": False,
                "M": False,
                "O": 1499405658657,
                "Z": "0.00000000",
                "Y": "0.00000000",
                "Q": "0.00000000",
                "W": 1499405658657,
                "V": "NONE",
            }
        )

        expected_orders = [
            {
                "client_order_id": "mUvoqJxFIILMdfAW5iGSOW",
                "exchange_order_id": "4293153",
                "state": "OPEN",
                "timestamp": 1499405658.658,
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
                "e": "outboundAccountPosition",
                "E": 1564034571105,
                "u": 1564034571073,
                "B": [{"a": "ETH", "f": "10000.000000", "l": "0.000000"}],
            }
        )

        self.assertEqual({"ETH": (Decimal("10000.000000"), Decimal("10000.000000"))}, self._balances())

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "e": "trade",
                "E": 1672515782136,
                "s": "BNBBTC",
                "t": 12345,
                "p": "0.001",
                "q": "100",
                "T": 1672515782136,
                "m": True,
                "M": True,
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
                    "trading_pair": "BNB-BTC",
                    "trade_id": "12345",
                    "price": Decimal("0.001"),
                    "amount": Decimal("100"),
                    "side": "SELL",
                    "timestamp": 1672515782.136,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "e": "depthUpdate",
                "E": 1672515782136,
                "s": "BNBBTC",
                "U": 157,
                "u": 160,
                "b": [["0.0024", "10"]],
                "a": [["0.0026", "100"]],
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BNB-BTC",
                "first_update_id": 157,
                "update_id": 160,
                "bids": [(0.0024, 10.0)],
                "asks": [(0.0026, 100.0)],
                "timestamp": 1672515782.136,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
