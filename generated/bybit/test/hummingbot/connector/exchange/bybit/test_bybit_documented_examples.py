import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.bybit.bybit_api_order_book_data_source import BybitAPIOrderBookDataSource
from hummingbot.connector.exchange.bybit.bybit_exchange import BybitExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "server_time": {
        "retCode": 0,
        "retMsg": "OK",
        "result": {"timeSecond": "1688639403", "timeNano": "1688639403423213947"},
        "retExtInfo": {},
        "time": 1688639403423,
    },
    "instruments_info": {
        "retCode": 0,
        "retMsg": "OK",
        "result": {
            "category": "spot",
            "list": [
                {
                    "symbol": "BTCUSDT",
                    "baseCoin": "BTC",
                    "quoteCoin": "USDT",
                    "innovation": "0",
                    "status": "Trading",
                    "marginTrading": "both",
                    "stTag": "0",
                    "lotSizeFilter": {
                        "basePrecision": "0.000001",
                        "quotePrecision": "0.00000001",
                        "minOrderQty": "0.000048",
                        "maxOrderQty": "71.73956243",
                        "minOrderAmt": "1",
                        "maxOrderAmt": "2000000",
                    },
                    "priceFilter": {"tickSize": "0.01"},
                    "riskParameters": {"priceLimitRatioX": "0.01", "priceLimitRatioY": "0.02"},
                }
            ],
        },
        "retExtInfo": {},
        "time": 1701226460087,
    },
    "tickers": {
        "retCode": 0,
        "retMsg": "OK",
        "result": {
            "category": "spot",
            "list": [
                {
                    "symbol": "BTCUSDT",
                    "bid1Price": "20517.96",
                    "bid1Size": "2",
                    "ask1Price": "20527.77",
                    "ask1Size": "1.862172",
                    "lastPrice": "20533.13",
                    "prevPrice24h": "20393.48",
                    "price24hPcnt": "0.0068",
                    "highPrice24h": "21128.12",
                    "lowPrice24h": "20318.89",
                    "turnover24h": "243765620.65899866",
                    "volume24h": "11801.27771",
                    "usdIndexPrice": "20784.12009279",
                }
            ],
        },
        "retExtInfo": {},
        "time": 1673859087947,
    },
    "order_book_snapshot": {
        "retCode": 0,
        "retMsg": "OK",
        "result": {
            "s": "BTCUSDT",
            "a": [["65557.7", "16.606555"]],
            "b": [["65485.47", "47.081829"]],
            "ts": 1716863719031,
            "u": 230704,
            "seq": 1432604333,
            "cts": 1716863718905,
        },
        "retExtInfo": {},
        "time": 1716863719382,
    },
    "wallet_balance": {
        "retCode": 0,
        "retMsg": "OK",
        "result": {
            "list": [
                {
                    "totalEquity": "3.31216591",
                    "accountIMRate": "0",
                    "totalMarginBalance": "3.00326056",
                    "totalInitialMargin": "0",
                    "accountType": "UNIFIED",
                    "totalAvailableBalance": "3.00326056",
                    "accountMMRate": "0",
                    "totalPerpUPL": "0",
                    "totalWalletBalance": "3.00326056",
                    "accountLTV": "0",
                    "totalMaintenanceMargin": "0",
                    "coin": [
                        {
                            "availableToBorrow": "3",
                            "bonus": "0",
                            "accruedInterest": "0",
                            "availableToWithdraw": "0",
                            "totalOrderIM": "0",
                            "equity": "0",
                            "totalPositionMM": "0",
                            "usdValue": "0",
                            "unrealisedPnl": "0",
                            "collateralSwitch": True,
                            "spotHedgingQty": "0",
                            "borrowAmount": "0.0",
                            "totalPositionIM": "0",
                            "walletBalance": "0",
                            "cumRealisedPnl": "0",
                            "locked": "0",
                            "marginCollateral": True,
                            "coin": "BTC",
                        }
                    ],
                }
            ]
        },
        "retExtInfo": {},
        "time": 1690872862481,
    },
}


class BybitDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "BTC-USDT"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = BybitExchange(
            bybit_api_key="documented-examples",
            bybit_api_secret="documented-examples",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"BTCUSDT": "BTC-USDT"}))
        # The prerequisites' values, as if requested already.
        self.connector._account_type = "5550001"
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

    def _order_book_data_source(self) -> BybitAPIOrderBookDataSource:
        return BybitAPIOrderBookDataSource(
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

        self.assertEqual(1688639403.423214, round(self.connector._time_synchronizer.time(), 6))

    async def test_trading_pair_symbols(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["instruments_info"])

        self.assertEqual({"BTCUSDT": "BTC-USDT"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["instruments_info"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["instruments_info"])

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
            {"BTC-USDT": (Decimal("0.000048"), Decimal("0.01"), Decimal("0.000001"), Decimal("1"))}, parsed
        )

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["tickers"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("20533.13"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["order_book_snapshot"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {"update_id": 230704, "bids": [(65485.47, 47.081829)], "asks": [(65557.7, 16.606555)]}
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["wallet_balance"])

        await self.connector._update_balances()

        self.assertEqual({"BTC": (Decimal("0"), Decimal("0"))}, self._balances())

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "retCode": 0,
                "retMsg": "OK",
                "result": {"orderId": "1321003749386327552", "orderLinkId": "spot-test-postonly"},
                "retExtInfo": {},
                "time": 1672211918471,
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

        self.assertEqual("1321003749386327552", exchange_order_id)
        self.assertEqual(1672211918.471, round(timestamp, 6))

    async def test_order_status(self):
        self._respond(
            "get",
            {
                "retCode": 0,
                "retMsg": "OK",
                "result": {
                    "list": [
                        {
                            "orderId": "fd4300ae-7847-404e-b947-b46980a4d140",
                            "orderLinkId": "test-000005",
                            "blockTradeId": "",
                            "symbol": "ETHUSDT",
                            "price": "1600.00",
                            "qty": "0.10",
                            "side": "Buy",
                            "isLeverage": "",
                            "positionIdx": 1,
                            "orderStatus": "New",
                            "cancelType": "UNKNOWN",
                            "rejectReason": "EC_NoError",
                            "avgPrice": "0",
                            "leavesQty": "0.10",
                            "leavesValue": "160",
                            "cumExecQty": "0.00",
                            "cumExecValue": "0",
                            "cumExecFee": "0",
                            "timeInForce": "GTC",
                            "orderType": "Limit",
                            "stopOrderType": "UNKNOWN",
                            "orderIv": "",
                            "triggerPrice": "0.00",
                            "takeProfit": "2500.00",
                            "stopLoss": "1500.00",
                            "tpTriggerBy": "LastPrice",
                            "slTriggerBy": "LastPrice",
                            "triggerDirection": 0,
                            "triggerBy": "UNKNOWN",
                            "lastPriceOnCreated": "",
                            "reduceOnly": False,
                            "closeOnTrigger": False,
                            "smpType": "None",
                            "smpGroup": 0,
                            "smpOrderId": "",
                            "tpslMode": "Full",
                            "tpLimitPrice": "",
                            "slLimitPrice": "",
                            "placeType": "",
                            "createdTime": "1684738540559",
                            "updatedTime": "1684738540561",
                        }
                    ],
                    "nextPageCursor": "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26",
                    "category": "linear",
                },
                "retExtInfo": {},
                "time": 1684765770483,
            },
        )

        update = await self.connector._request_order_status(
            self._order(exchange_order_id="fd4300ae-7847-404e-b947-b46980a4d140")
        )

        expected = {
            "exchange_order_id": "fd4300ae-7847-404e-b947-b46980a4d140",
            "state": "OPEN",
            "timestamp": 1684738540.561,
        }
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "get",
            {
                "retCode": 0,
                "retMsg": "OK",
                "result": {
                    "nextPageCursor": "132766%3A2%2C132766%3A2",
                    "category": "spot",
                    "list": [
                        {
                            "symbol": "BTCUSDT",
                            "orderType": "Limit",
                            "underlyingPrice": "",
                            "orderLinkId": "",
                            "side": "Buy",
                            "indexPrice": "",
                            "orderId": "1552303185178813184",
                            "stopOrderType": "",
                            "leavesQty": "0",
                            "execTime": "1702888868473",
                            "feeCurrency": "BTC",
                            "isMaker": False,
                            "execFee": "0.00000052",
                            "feeRate": "0.001",
                            "execId": "2100000000057197046",
                            "tradeIv": "",
                            "blockTradeId": "",
                            "markPrice": "",
                            "execPrice": "42770.47",
                            "markIv": "",
                            "orderQty": "0.0005",
                            "orderPrice": "",
                            "execValue": "21.385235",
                            "execType": "Trade",
                            "execQty": "0.0005",
                            "closedSize": "",
                        }
                    ],
                },
                "retExtInfo": {},
                "time": 1702888880384,
            },
        )

        updates = await self.connector._all_trade_updates_for_order(
            self._order(exchange_order_id="1552303185178813184")
        )

        expected = [
            {
                "trade_id": "2100000000057197046",
                "exchange_order_id": "1552303185178813184",
                "price": Decimal("42770.47"),
                "amount": Decimal("0.0005"),
                "quote_amount": Decimal("21.385235"),
                "fee_amount": Decimal("5.2E-7"),
                "fee_asset": "BTC",
                "timestamp": 1702888868.473,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("", "5cf98598-39a7-459e-97bf-76ca765ee020")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "id": "5923240c6880ab-c59f-420b-9adb-3639adc9dd90",
                "topic": "order",
                "creationTime": 1672364262474,
                "data": [
                    {
                        "symbol": "ETH-30DEC22-1400-C",
                        "orderId": "5cf98598-39a7-459e-97bf-76ca765ee020",
                        "side": "Sell",
                        "orderType": "Market",
                        "cancelType": "UNKNOWN",
                        "price": "72.5",
                        "qty": "1",
                        "orderIv": "",
                        "timeInForce": "IOC",
                        "orderStatus": "Filled",
                        "orderLinkId": "",
                        "lastPriceOnCreated": "",
                        "reduceOnly": False,
                        "leavesQty": "",
                        "leavesValue": "",
                        "cumExecQty": "1",
                        "cumExecValue": "75",
                        "avgPrice": "75",
                        "blockTradeId": "",
                        "positionIdx": 0,
                        "cumExecFee": "0.358635",
                        "createdTime": "1672364262444",
                        "updatedTime": "1672364262457",
                        "rejectReason": "EC_NoError",
                        "stopOrderType": "",
                        "tpslMode": "",
                        "triggerPrice": "",
                        "takeProfit": "",
                        "stopLoss": "",
                        "tpTriggerBy": "",
                        "slTriggerBy": "",
                        "tpLimitPrice": "",
                        "slLimitPrice": "",
                        "triggerDirection": 0,
                        "triggerBy": "",
                        "closeOnTrigger": False,
                        "category": "spot",
                        "placeType": "price",
                        "smpType": "None",
                        "smpGroup": 0,
                        "smpOrderId": "",
                        "feeCurrency": "",
                    }
                ],
            }
        )

        expected_orders = [
            {
                "client_order_id": "",
                "exchange_order_id": "5cf98598-39a7-459e-97bf-76ca765ee020",
                "state": "FILLED",
                "timestamp": 1672364262.457,
            }
        ]
        self.assertEqual(
            expected_orders, self._declared(expected_orders, [self._parsed_order(u) for u in order_updates])
        )
        expected_fills = []
        self.assertEqual(expected_fills, self._declared(expected_fills, [self._parsed_fill(u) for u in trade_updates]))

    async def test_fill_event(self):
        self._track("", "1946128513588427264")

        _, trade_updates = await self._process_user_stream_event(
            {
                "topic": "execution",
                "id": "386825804_BTCUSDT_140612148849382",
                "creationTime": 1746270400355,
                "data": [
                    {
                        "category": "spot",
                        "symbol": "BTCUSDT",
                        "closedSize": "",
                        "execFee": "0.000000106",
                        "execId": "2100000000097371373",
                        "execPrice": "94308.6",
                        "execQty": "0.000106",
                        "execType": "Trade",
                        "execValue": "9.9967116",
                        "feeRate": "0.001",
                        "tradeIv": "",
                        "markIv": "",
                        "blockTradeId": "",
                        "markPrice": "",
                        "indexPrice": "",
                        "underlyingPrice": "",
                        "leavesQty": "0",
                        "orderId": "1946128513588427264",
                        "orderLinkId": "",
                        "orderPrice": "94308.6",
                        "orderQty": "0.000106",
                        "orderType": "Limit",
                        "stopOrderType": "",
                        "side": "Buy",
                        "execTime": "1746270400353",
                        "isLeverage": "0",
                        "isMaker": False,
                        "seq": 140612148849382,
                        "marketUnit": "",
                        "execPnl": "",
                        "createType": "CreateByUser",
                        "extraFees": "",
                        "feeCurrency": "BTC",
                    }
                ],
            }
        )

        expected = [
            {
                "client_order_id": "",
                "trade_id": "2100000000097371373",
                "exchange_order_id": "1946128513588427264",
                "price": Decimal("94308.6"),
                "amount": Decimal("0.000106"),
                "quote_amount": Decimal("9.9967116"),
                "fee_amount": Decimal("1.06E-7"),
                "fee_asset": "BTC",
                "timestamp": 1746270400.353,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(u) for u in trade_updates]))

    async def test_balance_event(self):
        await self._process_user_stream_event(
            {
                "id": "592324d2bce751-ad38-48eb-8f42-4671d1fb4d4e",
                "topic": "wallet",
                "creationTime": 1700034722104,
                "data": [
                    {
                        "accountIMRate": "0",
                        "accountMMRate": "0",
                        "totalEquity": "10262.91335023",
                        "totalWalletBalance": "9684.46297164",
                        "totalMarginBalance": "9684.46297164",
                        "totalAvailableBalance": "9556.6056555",
                        "totalPerpUPL": "0",
                        "totalInitialMargin": "0",
                        "totalMaintenanceMargin": "0",
                        "coin": [
                            {
                                "coin": "BTC",
                                "equity": "0.00102964",
                                "usdValue": "36.70759517",
                                "walletBalance": "0.00102964",
                                "availableToWithdraw": "0.00102964",
                                "availableToBorrow": "",
                                "borrowAmount": "0",
                                "accruedInterest": "0",
                                "totalOrderIM": "",
                                "totalPositionIM": "",
                                "totalPositionMM": "",
                                "unrealisedPnl": "0",
                                "cumRealisedPnl": "-0.00000973",
                                "bonus": "0",
                                "collateralSwitch": True,
                                "marginCollateral": True,
                                "locked": "0",
                                "spotHedgingQty": "0.01592413",
                            }
                        ],
                        "accountLTV": "0",
                        "accountType": "UNIFIED",
                    }
                ],
            }
        )

        self.assertEqual({"BTC": (Decimal("0.00102964"), Decimal("0.00102964"))}, self._balances())

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "topic": "publicTrade.BTCUSDT",
                "type": "snapshot",
                "ts": 1672304486868,
                "data": [
                    {
                        "T": 1672304486865,
                        "s": "BTCUSDT",
                        "S": "Buy",
                        "v": "0.001",
                        "p": "16578.50",
                        "L": "PlusTick",
                        "i": "20f43950-d8dd-5b31-9112-a178eb6023af",
                        "BT": False,
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
                    "trade_id": "20f43950-d8dd-5b31-9112-a178eb6023af",
                    "price": Decimal("16578.50"),
                    "amount": Decimal("0.001"),
                    "side": "BUY",
                    "timestamp": 1672304486.865,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "topic": "orderbook.50.BTCUSDT",
                "type": "delta",
                "ts": 1687940967466,
                "data": {
                    "s": "BTCUSDT",
                    "b": [["30247.20", "30.028"], ["30245.40", "0.224"]],
                    "a": [["30248.70", "0"], ["30249.30", "0.892"]],
                    "u": 177400507,
                    "seq": 66544703342,
                },
                "cts": 1687940967464,
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USDT",
                "update_id": 177400507,
                "bids": [(30247.2, 30.028), (30245.4, 0.224)],
                "asks": [(30248.7, 0.0), (30249.3, 0.892)],
                "timestamp": 1687940967.466,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))

    async def test_order_book_snapshot_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_snapshot_message(
            raw_message={
                "topic": "orderbook.50.BTCUSDT",
                "type": "snapshot",
                "ts": 1672304484978,
                "data": {
                    "s": "BTCUSDT",
                    "b": [["16493.50", "0.006"], ["16493.00", "0.100"]],
                    "a": [["16611.00", "0.029"], ["16612.00", "0.213"]],
                    "u": 18521288,
                    "seq": 7961638724,
                },
                "cts": 1672304484976,
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USDT",
                "update_id": 18521288,
                "bids": [(16493.5, 0.006), (16493.0, 0.1)],
                "asks": [(16611.0, 0.029), (16612.0, 0.213)],
                "timestamp": 1672304484.978,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
