import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock, patch

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.okx.okx_api_order_book_data_source import OkxAPIOrderBookDataSource
from hummingbot.connector.exchange.okx.okx_exchange import OkxExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "server_time": {"code": "0", "msg": "", "data": [{"ts": "1597026383085"}]},
    "instruments": {
        "code": "0",
        "msg": "",
        "data": [
            {
                "alias": "",
                "baseCcy": "BTC",
                "category": "1",
                "ctMult": "",
                "ctType": "",
                "ctVal": "",
                "ctValCcy": "",
                "expTime": "",
                "instFamily": "",
                "instId": "BTC-USDT",
                "instType": "SPOT",
                "lever": "10",
                "listTime": "1606468572000",
                "lotSz": "0.00000001",
                "maxIcebergSz": "9999999999.0000000000000000",
                "maxLmtAmt": "1000000",
                "maxLmtSz": "9999999999",
                "maxMktAmt": "1000000",
                "maxMktSz": "",
                "maxStopSz": "",
                "maxTriggerSz": "9999999999.0000000000000000",
                "maxTwapSz": "9999999999.0000000000000000",
                "minSz": "0.00001",
                "optType": "",
                "quoteCcy": "USDT",
                "settleCcy": "",
                "state": "live",
                "stk": "",
                "tickSz": "0.1",
                "uly": "",
            }
        ],
    },
    "ticker": {
        "code": "0",
        "msg": "",
        "data": [
            {
                "instType": "SPOT",
                "instId": "BTC-USDT",
                "last": "9999.99",
                "lastSz": "0.1",
                "askPx": "9999.99",
                "askSz": "11",
                "bidPx": "8888.88",
                "bidSz": "5",
                "open24h": "9000",
                "high24h": "10000",
                "low24h": "8888.88",
                "volCcy24h": "2222",
                "vol24h": "2222",
                "sodUtc0": "2222",
                "sodUtc8": "2222",
                "ts": "1597026383085",
            }
        ],
    },
    "order_book_snapshot": {
        "code": "0",
        "msg": "",
        "data": [
            {
                "asks": [["41006.8", "0.60038921", "0", "1"]],
                "bids": [["41006.3", "0.30178218", "0", "2"]],
                "ts": "1629966436396",
            }
        ],
    },
    "balance": {
        "code": "0",
        "msg": "",
        "data": [
            {
                "adjEq": "",
                "borrowFroz": "",
                "details": [
                    {
                        "availBal": "1",
                        "availEq": "1",
                        "borrowFroz": "",
                        "cashBal": "1",
                        "ccy": "USDT",
                        "crossLiab": "0",
                        "disEq": "1",
                        "eq": "1",
                        "eqUsd": "1",
                        "fixedBal": "0",
                        "frozenBal": "0",
                        "imr": "0",
                        "interest": "0",
                        "isoEq": "0",
                        "isoLiab": "0",
                        "isoUpl": "0",
                        "liab": "0",
                        "maxLoan": "0",
                        "mgnRatio": "0",
                        "mmr": "0",
                        "notionalLever": "0",
                        "ordFrozen": "0",
                        "spotInUseAmt": "",
                        "stgyEq": "0",
                        "twap": "0",
                        "uTime": "1705449605015",
                        "upl": "0",
                        "uplLiab": "0",
                    }
                ],
                "imr": "",
                "isoEq": "0",
                "mgnRatio": "",
                "mmr": "",
                "notionalUsd": "",
                "ordFroz": "",
                "totalEq": "1",
                "uTime": "1705474164160",
                "upl": "",
            }
        ],
    },
}


class OkxDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "BTC-USDT"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = OkxExchange(
            okx_api_key="documented-examples",
            okx_secret_key="documented-examples",
            okx_passphrase="documented-examples",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"BTC-USDT": "BTC-USDT"}))
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

    def _order_book_data_source(self) -> OkxAPIOrderBookDataSource:
        return OkxAPIOrderBookDataSource(
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
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["instruments"])

        self.assertEqual({"BTC-USDT": "BTC-USDT"}, dict(await self.connector.trading_pair_symbol_map()))

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["instruments"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["instruments"])

        parsed = {
            rule.trading_pair: (
                rule.min_order_size,
                rule.min_price_increment,
                rule.min_base_amount_increment,
            )
            for rule in rules
        }
        self.assertEqual({"BTC-USDT": (Decimal("0.00001"), Decimal("0.1"), Decimal("1E-8"))}, parsed)

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["ticker"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("9999.99"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["order_book_snapshot"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {
            "update_id": 1629966436,
            "bids": [(41006.3, 0.30178218)],
            "asks": [(41006.8, 0.60038921)],
            "timestamp": 1629966436.396,
        }
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("get", DOCUMENTED_RESPONSES["balance"])

        await self.connector._update_balances()

        self.assertEqual({"USDT": (Decimal("1"), Decimal("1"))}, self._balances())

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "code": "0",
                "msg": "",
                "data": [
                    {
                        "clOrdId": "oktswap6",
                        "ordId": "312269865356374016",
                        "tag": "",
                        "ts": "1695190491421",
                        "sCode": "0",
                        "sMsg": "",
                    }
                ],
                "inTime": "1695190491421339",
                "outTime": "1695190491423240",
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

        self.assertEqual("312269865356374016", exchange_order_id)

    async def test_order_status(self):
        self._respond(
            "get",
            {
                "code": "0",
                "msg": "",
                "data": [
                    {
                        "instType": "SPOT",
                        "instId": "BTC-USDT",
                        "tgtCcy": "",
                        "ccy": "",
                        "ordId": "680800019749904384",
                        "clOrdId": "",
                        "tag": "",
                        "px": "31527.1",
                        "pxUsd": "",
                        "pxVol": "",
                        "pxType": "",
                        "sz": "0.001",
                        "pnl": "0",
                        "ordType": "limit",
                        "side": "buy",
                        "posSide": "",
                        "tdMode": "cash",
                        "accFillSz": "0",
                        "fillPx": "",
                        "tradeId": "",
                        "fillSz": "0",
                        "fillTime": "",
                        "avgPx": "",
                        "state": "live",
                        "lever": "",
                        "attachAlgoClOrdId": "",
                        "tpTriggerPx": "",
                        "tpTriggerPxType": "",
                        "tpOrdPx": "",
                        "slTriggerPx": "",
                        "slTriggerPxType": "",
                        "slOrdPx": "",
                        "attachAlgoOrds": [],
                        "linkedAlgoOrd": {"algoId": ""},
                        "stpId": "",
                        "stpMode": "",
                        "feeCcy": "BTC",
                        "fee": "0",
                        "rebateCcy": "USDT",
                        "source": "",
                        "rebate": "0",
                        "category": "normal",
                        "reduceOnly": "false",
                        "isTpLimit": "false",
                        "cancelSource": "",
                        "cancelSourceReason": "",
                        "quickMgnType": "",
                        "algoClOrdId": "",
                        "algoId": "",
                        "uTime": "1708587373361",
                        "cTime": "1708587373361",
                    }
                ],
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="680800019749904384"))

        expected = {"exchange_order_id": "680800019749904384", "state": "OPEN", "timestamp": 1708587373.361}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "get",
            {
                "code": "0",
                "msg": "",
                "data": [
                    {
                        "side": "buy",
                        "fillSz": "0.00192834",
                        "fillPx": "51858",
                        "fillPxVol": "",
                        "fillFwdPx": "",
                        "fee": "-0.00000192834",
                        "fillPnl": "0",
                        "ordId": "680800019749904384",
                        "feeRate": "-0.001",
                        "instType": "SPOT",
                        "fillPxUsd": "",
                        "instId": "BTC-USDT",
                        "clOrdId": "",
                        "posSide": "net",
                        "billId": "680800019754098688",
                        "subType": "1",
                        "fillMarkVol": "",
                        "tag": "",
                        "fillTime": "1708587373361",
                        "execType": "T",
                        "fillIdxPx": "",
                        "tradeId": "744876980",
                        "fillMarkPx": "",
                        "feeCcy": "BTC",
                        "ts": "1708587373362",
                    }
                ],
            },
        )

        updates = await self.connector._all_trade_updates_for_order(self._order(exchange_order_id="680800019749904384"))

        expected = [
            {
                "trade_id": "744876980",
                "exchange_order_id": "680800019749904384",
                "price": Decimal("51858"),
                "amount": Decimal("0.00192834"),
                "fee_amount": Decimal("0.00000192834"),
                "fee_asset": "BTC",
                "timestamp": 1708587373.362,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("", "452197707845865472")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "arg": {"channel": "orders", "instType": "SPOT", "instId": "BTC-USDT", "uid": "614488474791936"},
                "data": [
                    {
                        "accFillSz": "0.001",
                        "algoClOrdId": "",
                        "algoId": "",
                        "amendResult": "",
                        "amendSource": "",
                        "avgPx": "31527.1",
                        "cancelSource": "",
                        "category": "normal",
                        "ccy": "",
                        "clOrdId": "",
                        "code": "0",
                        "cTime": "1654084334977",
                        "execType": "M",
                        "fee": "-0.02522168",
                        "feeCcy": "USDT",
                        "fillFee": "-0.02522168",
                        "fillFeeCcy": "USDT",
                        "fillNotionalUsd": "31.50818374",
                        "fillPx": "31527.1",
                        "fillSz": "0.001",
                        "fillTime": "1654084353263",
                        "instId": "BTC-USDT",
                        "instType": "SPOT",
                        "lever": "0",
                        "msg": "",
                        "notionalUsd": "31.50818374",
                        "ordId": "452197707845865472",
                        "ordType": "limit",
                        "pnl": "0",
                        "posSide": "",
                        "px": "31527.1",
                        "rebate": "0",
                        "rebateCcy": "BTC",
                        "reduceOnly": "false",
                        "reqId": "",
                        "side": "sell",
                        "slOrdPx": "",
                        "slTriggerPx": "",
                        "slTriggerPxType": "last",
                        "source": "",
                        "state": "filled",
                        "sz": "0.001",
                        "tag": "",
                        "tdMode": "cash",
                        "tgtCcy": "",
                        "tpOrdPx": "",
                        "tpTriggerPx": "",
                        "tpTriggerPxType": "last",
                        "tradeId": "242589207",
                        "quickMgnType": "",
                        "uTime": "1654084353264",
                    }
                ],
            }
        )

        expected_orders = [
            {
                "client_order_id": "",
                "exchange_order_id": "452197707845865472",
                "state": "FILLED",
                "timestamp": 1654084353.264,
            }
        ]
        self.assertEqual(
            expected_orders, self._declared(expected_orders, [self._parsed_order(u) for u in order_updates])
        )
        expected_fills = [
            {
                "client_order_id": "",
                "trade_id": "242589207",
                "exchange_order_id": "452197707845865472",
                "price": Decimal("31527.1"),
                "amount": Decimal("0.001"),
                "fee_amount": Decimal("0.02522168"),
                "fee_asset": "USDT",
                "timestamp": 1654084353.263,
            }
        ]
        self.assertEqual(expected_fills, self._declared(expected_fills, [self._parsed_fill(u) for u in trade_updates]))

    async def test_balance_event(self):
        await self._process_user_stream_event(
            {
                "arg": {"channel": "account", "uid": "44*********584"},
                "data": [
                    {
                        "adjEq": "55444.12216906034",
                        "details": [
                            {
                                "availBal": "4734.371190691436",
                                "availEq": "4734.371190691435",
                                "ccy": "USDT",
                                "cashBal": "4750.426970691436",
                                "disEq": "4889.379316336831",
                                "eq": "4750.426970691436",
                                "eqUsd": "4889.379316336831",
                                "frozenBal": "16.0557800000000",
                                "ordFrozen": "16.0557800000000",
                                "uTime": "1705564213903",
                            }
                        ],
                        "totalEq": "54738.032348854225",
                        "uTime": "1705564223311",
                    }
                ],
            }
        )

        self.assertEqual({"USDT": (Decimal("4734.371190691436"), Decimal("4750.426970691436"))}, self._balances())

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "arg": {"channel": "trades", "instId": "BTC-USDT"},
                "data": [
                    {
                        "instId": "BTC-USDT",
                        "tradeId": "130639474",
                        "px": "42219.9",
                        "sz": "0.12060306",
                        "side": "buy",
                        "ts": "1630048897897",
                        "count": "3",
                        "source": "0",
                        "seqId": 1234,
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
                    "trade_id": "130639474",
                    "price": Decimal("42219.9"),
                    "amount": Decimal("0.12060306"),
                    "side": "BUY",
                    "timestamp": 1630048897.897,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "arg": {"channel": "books", "instId": "BTC-USDT"},
                "action": "update",
                "data": [
                    {
                        "asks": [["8476.98", "415", "0", "13"], ["8477", "7", "0", "2"]],
                        "bids": [["8476", "256", "0", "12"], ["8475.55", "101", "0", "1"]],
                        "ts": "1597026383085",
                        "checksum": -855196043,
                        "prevSeqId": 123456,
                        "seqId": 123457,
                    }
                ],
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USDT",
                "update_id": 1597026383,
                "bids": [(8476.0, 256.0), (8475.55, 101.0)],
                "asks": [(8476.98, 415.0), (8477.0, 7.0)],
                "timestamp": 1597026383.085,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))

    async def test_order_book_snapshot_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_snapshot_message(
            raw_message={
                "arg": {"channel": "books", "instId": "BTC-USDT"},
                "action": "snapshot",
                "data": [
                    {
                        "asks": [["8476.98", "415", "0", "13"], ["8477", "7", "0", "2"]],
                        "bids": [["8476.97", "256", "0", "12"], ["8475.55", "101", "0", "1"]],
                        "ts": "1597026383085",
                        "checksum": -855196043,
                        "prevSeqId": -1,
                        "seqId": 123456,
                    }
                ],
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "BTC-USDT",
                "update_id": 1597026383,
                "bids": [(8476.97, 256.0), (8475.55, 101.0)],
                "asks": [(8476.98, 415.0), (8477.0, 7.0)],
                "timestamp": 1597026383.085,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
