import asyncio
import json
import re
from decimal import Decimal
from test.isolated_asyncio_wrapper_test_case import IsolatedAsyncioWrapperTestCase
from typing import Any, Dict, List
from unittest.mock import AsyncMock, MagicMock

from aioresponses import aioresponses
from bidict import bidict

from hummingbot.connector.exchange.kraken.kraken_api_order_book_data_source import KrakenAPIOrderBookDataSource
from hummingbot.connector.exchange.kraken.kraken_exchange import KrakenExchange
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_message import OrderBookMessage

# Any URL: these tests check how documented payloads are read, not how requests are built.
ANY_URL = re.compile(r".*")
# The example_response of each endpoint read below, as documented.
DOCUMENTED_RESPONSES = {
    "asset_pairs": {
        "error": [],
        "result": {
            "XETHXXBT": {
                "altname": "ETHXBT",
                "wsname": "ETH/XBT",
                "aclass_base": "currency",
                "base": "XETH",
                "aclass_quote": "currency",
                "quote": "XXBT",
                "lot": "unit",
                "cost_decimals": 6,
                "pair_decimals": 5,
                "lot_decimals": 8,
                "lot_multiplier": 1,
                "leverage_buy": [2, 3, 4, 5],
                "leverage_sell": [2, 3, 4, 5],
                "fees": [
                    [0, 0.26],
                    [50000, 0.24],
                    [100000, 0.22],
                    [250000, 0.2],
                    [500000, 0.18],
                    [1000000, 0.16],
                    [2500000, 0.14],
                    [5000000, 0.12],
                    [10000000, 0.1],
                ],
                "fees_maker": [
                    [0, 0.16],
                    [50000, 0.14],
                    [100000, 0.12],
                    [250000, 0.1],
                    [500000, 0.08],
                    [1000000, 0.06],
                    [2500000, 0.04],
                    [5000000, 0.02],
                    [10000000, 0],
                ],
                "fee_volume_currency": "ZUSD",
                "margin_call": 80,
                "margin_stop": 40,
                "ordermin": "0.01",
                "costmin": "0.00002",
                "tick_size": "0.00001",
                "status": "online",
                "long_position_limit": 1100,
                "short_position_limit": 400,
            },
            "XXBTZUSD": {
                "altname": "XBTUSD",
                "wsname": "XBT/USD",
                "aclass_base": "currency",
                "base": "XXBT",
                "aclass_quote": "currency",
                "quote": "ZUSD",
                "lot": "unit",
                "cost_decimals": 5,
                "pair_decimals": 1,
                "lot_decimals": 8,
                "lot_multiplier": 1,
                "leverage_buy": [2, 3, 4, 5],
                "leverage_sell": [2, 3, 4, 5],
                "fees": [
                    [0, 0.26],
                    [50000, 0.24],
                    [100000, 0.22],
                    [250000, 0.2],
                    [500000, 0.18],
                    [1000000, 0.16],
                    [2500000, 0.14],
                    [5000000, 0.12],
                    [10000000, 0.1],
                ],
                "fees_maker": [
                    [0, 0.16],
                    [50000, 0.14],
                    [100000, 0.12],
                    [250000, 0.1],
                    [500000, 0.08],
                    [1000000, 0.06],
                    [2500000, 0.04],
                    [5000000, 0.02],
                    [10000000, 0],
                ],
                "fee_volume_currency": "ZUSD",
                "margin_call": 80,
                "margin_stop": 40,
                "ordermin": "0.0001",
                "costmin": "0.5",
                "tick_size": "0.1",
                "status": "online",
                "long_position_limit": 250,
                "short_position_limit": 200,
            },
        },
    },
    "ticker": {
        "error": [],
        "result": {
            "XXBTZUSD": {
                "a": ["30300.10000", "1", "1.000"],
                "b": ["30300.00000", "1", "1.000"],
                "c": ["30303.20000", "0.00067643"],
                "v": ["4083.67001100", "4412.73601799"],
                "p": ["30706.77771", "30689.13205"],
                "t": [34619, 38907],
                "l": ["29868.30000", "29868.30000"],
                "h": ["31631.00000", "31631.00000"],
                "o": "30502.80000",
            }
        },
    },
    "depth": {
        "error": [],
        "result": {
            "XXBTZUSD": {
                "asks": [
                    ["30384.10000", "2.059", 1688671659],
                    ["30387.90000", "1.500", 1688671380],
                    ["30393.70000", "9.871", 1688671261],
                ],
                "bids": [
                    ["30297.00000", "1.115", 1688671636],
                    ["30296.70000", "2.002", 1688671674],
                    ["30289.80000", "5.001", 1688671673],
                ],
            }
        },
    },
    "balance": {
        "error": [],
        "result": {
            "ZUSD": {"balance": 25435.21, "hold_trade": 8249.76},
            "XXBT": {"balance": 1.2435, "hold_trade": 0.8423},
        },
    },
}


class KrakenDocumentedExamplesTests(IsolatedAsyncioWrapperTestCase):
    """Each documented example, as the exchange documents it, read by the connector and compared with the values
    the spec declares by hand in its `expect:` blocks."""

    trading_pair = "ETH-USDC"

    async def asyncSetUp(self) -> None:
        await super().asyncSetUp()
        self.connector = KrakenExchange(
            kraken_api_key="documented-examples",
            kraken_secret_key="7FoQdn40LXjwJVIl88tgw9NsaEiQvj5301s7Fz1kNXY=",
            trading_pairs=[self.trading_pair],
        )
        # A server time sample is known already, so requests go out without a time synchronization request.
        self.connector._time_synchronizer.add_time_offset_ms_sample(0)
        self.connector._set_trading_pair_symbol_map(bidict({"ETH/USDC": "ETH-USDC", "MATIC/USD": "MATIC-USD"}))
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

    def _order_book_data_source(self) -> KrakenAPIOrderBookDataSource:
        return KrakenAPIOrderBookDataSource(
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
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["asset_pairs"])

        self.assertEqual(
            {"ETH/XBT": "ETH-BTC", "XBT/USD": "BTC-USD"}, dict(await self.connector.trading_pair_symbol_map())
        )

    async def test_trading_rules(self):
        self.connector._initialize_trading_pair_symbols_from_exchange_info(DOCUMENTED_RESPONSES["asset_pairs"])

        rules = await self.connector._format_trading_rules(DOCUMENTED_RESPONSES["asset_pairs"])

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
            {
                "ETH-BTC": (Decimal("0.01"), Decimal("0.00001"), Decimal("1E-8"), Decimal("0.00002")),
                "BTC-USD": (Decimal("0.0001"), Decimal("0.1"), Decimal("1E-8"), Decimal("0.5")),
            },
            parsed,
        )

    async def test_last_traded_price(self):
        self._respond("get", DOCUMENTED_RESPONSES["ticker"])

        price = await self.connector._get_last_traded_price(self.trading_pair)

        self.assertEqual(Decimal("30303.20000"), Decimal(str(price)))

    async def test_order_book_snapshot_over_rest(self):
        self._respond("get", DOCUMENTED_RESPONSES["depth"])

        message = await self._order_book_data_source()._order_book_snapshot(self.trading_pair)

        expected = {
            "update_id": 1688671659,
            "bids": [(30297.0, 1.115), (30296.7, 2.002), (30289.8, 5.001)],
            "asks": [(30384.1, 2.059), (30387.9, 1.5), (30393.7, 9.871)],
        }
        self.assertEqual([expected], self._declared([expected], [self._parsed_book(message)]))

    async def test_balances(self):
        self._respond("post", DOCUMENTED_RESPONSES["balance"])

        await self.connector._update_balances()

        self.assertEqual(
            {"USD": (Decimal("17185.45"), Decimal("25435.21")), "BTC": (Decimal("0.4012"), Decimal("1.2435"))},
            self._balances(),
        )

    async def test_order_creation(self):
        self._respond(
            "post",
            {
                "error": [],
                "result": {
                    "descr": {"order": "buy 1.25000000 XBTUSD @ limit 27500.0"},
                    "txid": ["OU22CG-KLAF2-FWUDD7"],
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

        self.assertEqual("OU22CG-KLAF2-FWUDD7", exchange_order_id)

    async def test_order_status(self):
        self._respond(
            "post",
            {
                "error": [],
                "result": {
                    "OBCMZD-JIEE7-77TH3F": {
                        "refid": "None",
                        "userref": 0,
                        "cl_ord_id": "HBOTBEHUT1a2b3c4d5",
                        "status": "closed",
                        "reason": None,
                        "opentm": 1688665496.7808,
                        "closetm": 1688665499.1922,
                        "starttm": 0,
                        "expiretm": 0,
                        "descr": {
                            "pair": "XBTUSD",
                            "type": "buy",
                            "ordertype": "stop-loss-limit",
                            "price": "27500.0",
                            "price2": "0",
                            "leverage": "none",
                            "order": "buy 1.25000000 XBTUSD @ limit 27500.0",
                            "close": "",
                        },
                        "vol": "1.25000000",
                        "vol_exec": "1.25000000",
                        "cost": "27526.2",
                        "fee": "26.2",
                        "price": "27500.0",
                        "stopprice": "0.00000",
                        "limitprice": "0.00000",
                        "misc": "",
                        "oflags": "fciq",
                        "trigger": "index",
                        "trades": ["TZX2WP-XSEOP-FP7WYR"],
                    },
                    "OMMDB2-FSB6Z-7W3HPO": {
                        "refid": "None",
                        "userref": 0,
                        "status": "closed",
                        "reason": None,
                        "opentm": 1688592012.2317,
                        "closetm": 1688592012.2335,
                        "starttm": 0,
                        "expiretm": 0,
                        "descr": {
                            "pair": "XBTUSD",
                            "type": "sell",
                            "ordertype": "market",
                            "price": "0",
                            "price2": "0",
                            "leverage": "none",
                            "order": "sell 0.25000000 XBTUSD @ market",
                            "close": "",
                        },
                        "vol": "0.25000000",
                        "vol_exec": "0.25000000",
                        "cost": "7500.0",
                        "fee": "7.5",
                        "price": "30000.0",
                        "stopprice": "0.00000",
                        "limitprice": "0.00000",
                        "misc": "",
                        "oflags": "fcib",
                        "trades": ["TJUW2K-FLX2N-AR2FLU"],
                    },
                },
            },
        )

        update = await self.connector._request_order_status(self._order(exchange_order_id="OBCMZD-JIEE7-77TH3F"))

        expected = {"exchange_order_id": "OBCMZD-JIEE7-77TH3F", "state": "FILLED"}
        self.assertEqual([expected], self._declared([expected], [self._parsed_order(update)]))

    async def test_order_fills(self):
        self._respond(
            "post",
            {
                "error": [],
                "result": {
                    "THVRQM-33VKH-UCI7BS": {
                        "ordertxid": "OQCLML-BW3P3-BUCMWZ",
                        "postxid": "TKH2SE-M7IF5-CFI7LT",
                        "pair": "XXBTZUSD",
                        "time": 1688667796.8802,
                        "type": "buy",
                        "ordertype": "limit",
                        "price": "30010.00000",
                        "cost": "600.20000",
                        "fee": "0.00000",
                        "vol": "0.02000000",
                        "margin": "0.00000",
                        "misc": "",
                        "trade_id": 93748276,
                        "maker": True,
                    },
                    "TTEUX3-HDAAA-RC2RUO": {
                        "ordertxid": "OH76VO-UKWAD-PSBDX6",
                        "postxid": "TKH2SE-M7IF5-CFI7LT",
                        "pair": "XXBTZEUR",
                        "time": 1688082549.3138,
                        "type": "buy",
                        "ordertype": "limit",
                        "price": "27732.00000",
                        "cost": "0.20020",
                        "fee": "0.00000",
                        "vol": "0.00020000",
                        "margin": "0.00000",
                        "misc": "",
                        "trade_id": 74625834,
                        "maker": True,
                    },
                },
            },
        )

        updates = await self.connector._all_trade_updates_for_order(
            self._order(exchange_order_id="OQCLML-BW3P3-BUCMWZ")
        )

        expected = [
            {
                "trade_id": "THVRQM-33VKH-UCI7BS",
                "exchange_order_id": "OQCLML-BW3P3-BUCMWZ",
                "price": Decimal("30010.00000"),
                "amount": Decimal("0.02000000"),
                "quote_amount": Decimal("600.20000"),
                "fee_amount": Decimal("0.00000"),
                "timestamp": 1688667796.8802,
            },
            {
                "trade_id": "TTEUX3-HDAAA-RC2RUO",
                "exchange_order_id": "OH76VO-UKWAD-PSBDX6",
                "price": Decimal("27732.00000"),
                "amount": Decimal("0.00020000"),
                "quote_amount": Decimal("0.20020"),
                "fee_amount": Decimal("0.00000"),
                "timestamp": 1688082549.3138,
            },
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_fill(update) for update in updates]))

    async def test_order_event(self):
        self._track("HBOTSBTUS1a2b3c4d", "OK4GJX-KSTLS-7DZZO5")

        order_updates, trade_updates = await self._process_user_stream_event(
            {
                "channel": "executions",
                "type": "update",
                "data": [
                    {
                        "order_id": "OK4GJX-KSTLS-7DZZO5",
                        "order_userref": 3,
                        "cl_ord_id": "HBOTSBTUS1a2b3c4d",
                        "exec_id": "TGBB7L-HT5LX-J3BZ4A",
                        "exec_type": "trade",
                        "trade_id": 62887576,
                        "symbol": "BTC/USD",
                        "side": "sell",
                        "last_qty": 0.005,
                        "last_price": 26599.9,
                        "liquidity_ind": "t",
                        "cost": 132.9995,
                        "order_type": "limit",
                        "timestamp": "2023-09-22T10:33:05.709993Z",
                        "order_status": "partially_filled",
                        "cum_qty": 0.005,
                        "cum_cost": 132.9995,
                        "avg_price": 26599.9,
                        "fee_usd_equiv": 0.3458,
                        "fees": [{"asset": "USD", "qty": 0.3458}],
                    }
                ],
                "sequence": 10,
            }
        )

        expected_orders = [
            {
                "client_order_id": "HBOTSBTUS1a2b3c4d",
                "exchange_order_id": "OK4GJX-KSTLS-7DZZO5",
                "state": "PARTIALLY_FILLED",
                "timestamp": 1695378785.709993,
            }
        ]
        self.assertEqual(
            expected_orders, self._declared(expected_orders, [self._parsed_order(u) for u in order_updates])
        )
        expected_fills = [
            {
                "client_order_id": "HBOTSBTUS1a2b3c4d",
                "trade_id": "TGBB7L-HT5LX-J3BZ4A",
                "exchange_order_id": "OK4GJX-KSTLS-7DZZO5",
                "price": Decimal("26599.9"),
                "amount": Decimal("0.005"),
                "fee_amount": Decimal("0.3458"),
                "fee_asset": "USD",
                "timestamp": 1695378785.709993,
            }
        ]
        self.assertEqual(expected_fills, self._declared(expected_fills, [self._parsed_fill(u) for u in trade_updates]))

    async def test_public_trades(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_trade_message(
            raw_message={
                "channel": "trade",
                "type": "update",
                "data": [
                    {
                        "symbol": "MATIC/USD",
                        "side": "sell",
                        "price": 0.5117,
                        "qty": 40.0,
                        "ord_type": "market",
                        "trade_id": 4665906,
                        "timestamp": "2023-09-25T07:49:37.708706Z",
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
                    "trading_pair": "MATIC-USD",
                    "trade_id": "4665906",
                    "price": Decimal("0.5117"),
                    "amount": Decimal("40.0"),
                    "side": "SELL",
                    "timestamp": 1695628177.708706,
                }
            ],
            parsed,
        )

    async def test_order_book_diff_message(self):
        queue = asyncio.Queue()

        await self._order_book_data_source()._parse_order_book_diff_message(
            raw_message={
                "channel": "book",
                "type": "update",
                "data": [
                    {
                        "symbol": "MATIC/USD",
                        "bids": [{"price": 0.5657, "qty": 1098.3947558}],
                        "asks": [],
                        "checksum": 2114181697,
                        "timestamp": "2023-10-06T17:35:55.440295Z",
                    }
                ],
            },
            message_queue=queue,
        )

        expected = [
            {
                "trading_pair": "MATIC-USD",
                "update_id": 1696613755,
                "bids": [(0.5657, 1098.3947558)],
                "asks": [],
                "timestamp": 1696613755.440295,
            }
        ]
        self.assertEqual(expected, self._declared(expected, [self._parsed_book(m) for m in self._queued(queue)]))
