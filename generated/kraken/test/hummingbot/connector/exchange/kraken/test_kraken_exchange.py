import asyncio
import json
import re
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall

from hummingbot.connector.exchange.kraken import (
    kraken_constants as CONSTANTS,
    kraken_utils,
    kraken_web_utils as web_utils,
)
from hummingbot.connector.exchange.kraken.kraken_exchange import KrakenExchange
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import MarketOrderFailureEvent, OrderFilledEvent


class KrakenExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = "R6DeheCivFh6ul7fHseQAqy/Vb9qU+DWUgMSy0JEfGE="
    expected_order_type_names = {
        OrderType.LIMIT: "limit",
        OrderType.LIMIT_MAKER: "limit",
        OrderType.MARKET: "market",
    }

    @property
    def all_symbols_url(self):
        return web_utils.public_rest_url(CONSTANTS.ASSET_PAIRS_PATH_URL, domain=self.exchange.domain)

    @property
    def latest_prices_url(self):
        return self._url_pattern(web_utils.public_rest_url(CONSTANTS.TICKER_PATH_URL, domain=self.exchange.domain))

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.TICKER_PATH_URL, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return web_utils.public_rest_url(CONSTANTS.ASSET_PAIRS_PATH_URL, domain=self.exchange.domain)

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.ADD_ORDER_PATH_URL, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.BALANCE_PATH_URL, domain=self.exchange.domain)

    def _configure_balance_response(
        self,
        response: Dict[str, Any],
        mock_api: aioresponses,
        callback: Optional[Callable] = lambda *args, **kwargs: None,
    ) -> str:
        # The exchange reads balances by POST.
        url = self.balance_url
        mock_api.post(
            re.compile(f"^{url}".replace(".", r"\.").replace("?", r"\?")), body=json.dumps(response), callback=callback
        )
        return url

    @property
    def all_symbols_request_mock_response(self):
        return {
            "error": [],
            "result": {
                "XETHXXBT": {
                    "altname": "ETHXBT",
                    "wsname": self.base_asset + "/" + self.quote_asset,
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
                }
            },
        }

    @property
    def latest_prices_request_mock_response(self):
        return {
            "error": [],
            "result": {
                "XXBTZUSD": {
                    "a": ["30300.10000", "1", "1.000"],
                    "b": ["30300.00000", "1", "1.000"],
                    "c": [str(self.expected_latest_price), "0.00067643"],
                    "v": ["4083.67001100", "4412.73601799"],
                    "p": ["30706.77771", "30689.13205"],
                    "t": [34619, 38907],
                    "l": ["29868.30000", "29868.30000"],
                    "h": ["31631.00000", "31631.00000"],
                    "o": "30502.80000",
                }
            },
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = {
            "error": [],
            "result": {
                "XETHXXBT": {
                    "altname": "ETHXBT",
                    "wsname": False,
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
                }
            },
        }
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return {
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
        }

    @property
    def trading_rules_request_mock_response(self):
        return {
            "error": [],
            "result": {
                "XETHXXBT": {
                    "altname": "ETHXBT",
                    "wsname": self.base_asset + "/" + self.quote_asset,
                    "aclass_base": "currency",
                    "base": "XETH",
                    "aclass_quote": "currency",
                    "quote": "XXBT",
                    "lot": "unit",
                    "cost_decimals": 6,
                    "pair_decimals": 4,
                    "lot_decimals": 6,
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
                    "costmin": "10",
                    "tick_size": "0.00001",
                    "status": "online",
                    "long_position_limit": 1100,
                    "short_position_limit": 400,
                }
            },
        }

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return {
            "error": [],
            "result": {
                "XETHXXBT": {
                    "altname": "ETHXBT",
                    "wsname": self.base_asset + "/" + self.quote_asset,
                    "aclass_base": "currency",
                    "base": "XETH",
                    "aclass_quote": "currency",
                    "quote": "XXBT",
                    "lot": "unit",
                    "cost_decimals": 6,
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
                    "costmin": "0.00002",
                    "tick_size": "0.00001",
                    "status": "online",
                    "long_position_limit": 1100,
                    "short_position_limit": 400,
                }
            },
        }

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "error": [],
            "result": {
                "descr": {"order": "buy 1.25000000 XBTUSD @ limit 27500.0"},
                "txid": [self.expected_exchange_order_id],
            },
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return {
            "error": [],
            "result": {
                self.base_asset: {"balance": 15.0, "hold_trade": 5.0},
                self.quote_asset: {"balance": 2000.0, "hold_trade": 0.0},
            },
        }

    @property
    def balance_request_mock_response_only_base(self):
        return {"error": [], "result": {self.base_asset: {"balance": 15.0, "hold_trade": 5.0}}}

    @property
    def balance_event_websocket_update(self):
        raise AssertionError("the exchange sends no balance events")

    # The exchange sends no balance events: Hummingbot's generic test of them does not apply to this connector.
    test_user_stream_balance_update = None

    @property
    def expected_latest_price(self):
        return 9999.9

    @property
    def expected_supported_order_types(self):
        return [
            OrderType.LIMIT,
            OrderType.LIMIT_MAKER,
            OrderType.MARKET,
        ]

    @property
    def expected_trading_rule(self):
        return TradingRule(
            trading_pair=self.trading_pair,
            min_order_size=Decimal("0.01"),
            min_price_increment=Decimal("0.0001"),
            min_base_amount_increment=Decimal("0.000001"),
            min_notional_size=Decimal("10"),
        )

    @property
    def expected_logged_error_for_erroneous_trading_rule(self):
        erroneous_rule = next(iter(self.trading_rules_request_erroneous_mock_response["result"].items()))
        return f"Error parsing the trading pair rule {erroneous_rule}. Skipping."

    @property
    def expected_exchange_order_id(self):
        return "28"

    @property
    def is_order_fill_http_update_included_in_status_update(self) -> bool:
        return True

    @property
    def is_order_fill_http_update_executed_during_websocket_order_event_processing(self) -> bool:
        return False

    @property
    def expected_partial_fill_price(self) -> Decimal:
        return Decimal(10500)

    @property
    def expected_partial_fill_amount(self) -> Decimal:
        return Decimal("0.5")

    @property
    def expected_fill_fee(self) -> TradeFeeBase:
        return AddedToCostTradeFee(
            percent_token=self.quote_asset,
            flat_fees=[TokenAmount(token=self.quote_asset, amount=Decimal("30"))],
        )

    @property
    def expected_fill_trade_id(self) -> str:
        return "30000"

    def exchange_symbol_for_tokens(self, base_token: str, quote_token: str) -> str:
        return (base_token + "/" + quote_token).upper()

    def create_exchange_instance(self):
        return KrakenExchange(
            kraken_api_key=self.api_key,
            kraken_secret_key=self.secret_key,
            trading_pairs=[self.trading_pair],
        )

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertEqual(self.api_key, headers["API-Key"])
        self.assertIn("API-Sign", headers)

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = request_call.kwargs["data"]
        self.assertEqual(self.exchange_trading_pair, request_data["pair"])
        self.assertEqual("buy" if order.trade_type == TradeType.BUY else "sell", request_data["type"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["ordertype"])
        self.assertEqual(order.amount, Decimal(request_data["volume"]))
        self.assertEqual(order.price, Decimal(request_data["price"]))
        self.assertEqual(order.client_order_id, request_data["cl_ord_id"])

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["data"]
        self.assertEqual(order.exchange_order_id, request_params["txid"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["data"]
        self.assertEqual(order.exchange_order_id, request_params["txid"])

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["data"]
        self.assertEqual(order.exchange_order_id, request_params["txid"])

    @staticmethod
    def _url_pattern(url: str) -> re.Pattern:
        """Matches the URL whatever its query string (aioresponses matches queries too), and no longer path."""
        return re.compile(f"^{re.escape(url)}(\\?.*)?$")

    def _private_url(self, path_url: str) -> Tuple[str, re.Pattern]:
        url = web_utils.private_rest_url(path_url, domain=self.exchange.domain)
        return url, self._url_pattern(url)

    def configure_successful_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.CANCEL_ORDER_PATH_URL)
        response = {"error": [], "result": {"count": 1}}
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.CANCEL_ORDER_PATH_URL)
        mock_api.post(regex_url, status=400, callback=callback)
        return url

    def configure_order_not_found_error_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.CANCEL_ORDER_PATH_URL)
        response = {"error": ["EOrder:Unknown order"]}
        mock_api.post(regex_url, status=400, body=json.dumps(response), callback=callback)
        return url

    def configure_one_successful_one_erroneous_cancel_all_response(
        self, successful_order: InFlightOrder, erroneous_order: InFlightOrder, mock_api: aioresponses
    ) -> List[str]:
        return [
            self.configure_successful_cancelation_response(order=successful_order, mock_api=mock_api),
            self.configure_erroneous_cancelation_response(order=erroneous_order, mock_api=mock_api),
        ]

    def configure_completely_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_ORDERS_PATH_URL)
        response = {
            "error": [],
            "result": {
                order.exchange_order_id: {
                    "refid": "None",
                    "userref": 0,
                    "cl_ord_id": order.client_order_id,
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
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_ORDERS_PATH_URL)
        response = {
            "error": [],
            "result": {
                order.exchange_order_id: {
                    "refid": "None",
                    "userref": 0,
                    "cl_ord_id": order.client_order_id,
                    "status": "canceled",
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
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_ORDERS_PATH_URL)
        response = {
            "error": [],
            "result": {
                order.exchange_order_id: {
                    "refid": "None",
                    "userref": 0,
                    "cl_ord_id": order.client_order_id,
                    "status": "pending",
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
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_ORDERS_PATH_URL)
        response = {
            "error": [],
            "result": {
                order.exchange_order_id: {
                    "refid": "None",
                    "userref": 0,
                    "cl_ord_id": order.client_order_id,
                    "status": "open",
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
                    "vol_exec": "1",
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
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_failed_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_ORDERS_PATH_URL)
        response = {
            "error": [],
            "result": {
                order.exchange_order_id: {
                    "refid": "None",
                    "userref": 0,
                    "cl_ord_id": order.client_order_id,
                    "status": "expired",
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
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_ORDERS_PATH_URL)
        mock_api.post(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(CONSTANTS.QUERY_ORDERS_PATH_URL)
        response = {"error": ["EOrder:Invalid order"]}
        mock_api.post(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_TRADES_PATH_URL)
        response = {
            "error": [],
            "result": {
                self.expected_fill_trade_id: {
                    "ordertxid": order.exchange_order_id,
                    "postxid": "TKH2SE-M7IF5-CFI7LT",
                    "pair": "XXBTZUSD",
                    "time": 1640780000,
                    "type": "buy",
                    "ordertype": "limit",
                    "price": str(self.expected_partial_fill_price),
                    "cost": str(self.expected_partial_fill_price * self.expected_partial_fill_amount),
                    "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                    "vol": str(self.expected_partial_fill_amount),
                    "margin": "0.00000",
                    "misc": "",
                    "trade_id": 93748276,
                    "maker": True,
                }
            },
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_http_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_TRADES_PATH_URL)
        mock_api.post(regex_url, status=400, callback=callback)
        return url

    def configure_full_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.QUERY_TRADES_PATH_URL)
        response = {
            "error": [],
            "result": {
                self.expected_fill_trade_id: {
                    "ordertxid": order.exchange_order_id,
                    "postxid": "TKH2SE-M7IF5-CFI7LT",
                    "pair": "XXBTZUSD",
                    "time": 1640780000,
                    "type": "buy",
                    "ordertype": "limit",
                    "price": str(order.price),
                    "cost": str(order.price * order.amount),
                    "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                    "vol": str(order.amount),
                    "margin": "0.00000",
                    "misc": "",
                    "trade_id": 93748276,
                    "maker": True,
                }
            },
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "channel": "executions",
            "type": "update",
            "data": [
                {
                    "order_id": order.exchange_order_id,
                    "order_userref": 3,
                    "cl_ord_id": order.client_order_id,
                    "exec_id": "TGBB7L-HT5LX-J3BZ4A",
                    "exec_type": "NOT_trade",
                    "trade_id": 62887576,
                    "symbol": "BTC/USD",
                    "side": "sell",
                    "last_qty": 0.005,
                    "last_price": 26599.9,
                    "liquidity_ind": "t",
                    "cost": 132.9995,
                    "order_type": "limit",
                    "timestamp": "2021-12-29T12:13:20.000Z",
                    "order_status": "pending",
                    "cum_qty": 0.005,
                    "cum_cost": 132.9995,
                    "avg_price": 26599.9,
                    "fee_usd_equiv": 0.3458,
                    "fees": [{"asset": "USD", "qty": 0.3458}],
                }
            ],
            "sequence": 10,
        }

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "channel": "executions",
            "type": "update",
            "data": [
                {
                    "order_id": order.exchange_order_id,
                    "order_userref": 3,
                    "cl_ord_id": order.client_order_id,
                    "exec_id": "TGBB7L-HT5LX-J3BZ4A",
                    "exec_type": "NOT_trade",
                    "trade_id": 62887576,
                    "symbol": "BTC/USD",
                    "side": "sell",
                    "last_qty": 0.005,
                    "last_price": 26599.9,
                    "liquidity_ind": "t",
                    "cost": 132.9995,
                    "order_type": "limit",
                    "timestamp": "2021-12-29T12:13:20.000Z",
                    "order_status": "canceled",
                    "cum_qty": 0.005,
                    "cum_cost": 132.9995,
                    "avg_price": 26599.9,
                    "fee_usd_equiv": 0.3458,
                    "fees": [{"asset": "USD", "qty": 0.3458}],
                }
            ],
            "sequence": 10,
        }

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "channel": "executions",
            "type": "update",
            "data": [
                {
                    "order_id": order.exchange_order_id,
                    "order_userref": 3,
                    "cl_ord_id": order.client_order_id,
                    "exec_id": self.expected_fill_trade_id,
                    "exec_type": "trade",
                    "trade_id": 62887576,
                    "symbol": "BTC/USD",
                    "side": "sell",
                    "last_qty": float(str(order.amount)),
                    "last_price": float(str(order.price)),
                    "liquidity_ind": "t",
                    "cost": 132.9995,
                    "order_type": "limit",
                    "timestamp": "2021-12-29T12:13:20.000Z",
                    "order_status": "closed",
                    "cum_qty": 0.005,
                    "cum_cost": 132.9995,
                    "avg_price": 26599.9,
                    "fee_usd_equiv": 0.3458,
                    "fees": [
                        {
                            "asset": self.expected_fill_fee.flat_fees[0].token,
                            "qty": float(str(self.expected_fill_fee.flat_fees[0].amount)),
                        }
                    ],
                }
            ],
            "sequence": 10,
        }

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        # Fills arrive with the order event itself.
        return None

    def order_event_for_failed_order_websocket_update(self, order: InFlightOrder):
        return {
            "channel": "executions",
            "type": "update",
            "data": [
                {
                    "order_id": order.exchange_order_id,
                    "order_userref": 3,
                    "cl_ord_id": order.client_order_id,
                    "exec_id": "TGBB7L-HT5LX-J3BZ4A",
                    "exec_type": "NOT_trade",
                    "trade_id": 62887576,
                    "symbol": "BTC/USD",
                    "side": "sell",
                    "last_qty": 0.005,
                    "last_price": 26599.9,
                    "liquidity_ind": "t",
                    "cost": 132.9995,
                    "order_type": "limit",
                    "timestamp": "2021-12-29T12:13:20.000Z",
                    "order_status": "expired",
                    "cum_qty": 0.005,
                    "cum_cost": 132.9995,
                    "avg_price": 26599.9,
                    "fee_usd_equiv": 0.3458,
                    "fees": [{"asset": "USD", "qty": 0.3458}],
                }
            ],
            "sequence": 10,
        }

    def _track_buy_order(self) -> InFlightOrder:
        self.exchange.start_tracking_order(
            order_id=self.client_order_id_prefix + "1",
            exchange_order_id=str(self.expected_exchange_order_id),
            trading_pair=self.trading_pair,
            order_type=OrderType.LIMIT,
            trade_type=TradeType.BUY,
            price=Decimal("10000"),
            amount=Decimal("1"),
        )
        return self.exchange.in_flight_orders[self.client_order_id_prefix + "1"]

    def test_name_for_each_domain(self):
        self.assertEqual("kraken", self.exchange.name)

    def test_api_tier_argument_sets_the_throttler_rate_limits(self):
        """The throttler holds the limits of the tier, written in any case: those kraken_utils.build_rate_limits_by_tier
        gives it (which test_kraken_utils checks against the spec)."""
        for tier in ["STARTER", "INTERMEDIATE", "PRO"]:
            expected = self.rate_limit_values(kraken_utils.build_rate_limits_by_tier(CONSTANTS.KrakenAPITier[tier]))
            for written in (tier, tier.lower()):
                with self.subTest(tier=written):
                    exchange = self.exchange_with_api_tier(written)
                    self.assertEqual(expected, self.rate_limit_values(exchange._throttler._rate_limits))
        # Left out, or empty as Hummingbot passes an unset configuration field: the default tier (RATE_LIMITS).
        expected = self.rate_limit_values(CONSTANTS.RATE_LIMITS)
        self.assertEqual(expected, self.rate_limit_values(self.exchange._throttler._rate_limits))
        self.assertEqual(expected, self.rate_limit_values(self.exchange_with_api_tier("")._throttler._rate_limits))
        with self.assertRaises(ValueError):
            self.exchange_with_api_tier("NOT_STARTER_INTERMEDIATE_PRO")

    def exchange_with_api_tier(self, tier: str) -> KrakenExchange:
        return KrakenExchange(
            kraken_api_key="key",
            kraken_secret_key="key",
            trading_pairs=[self.trading_pair],
            kraken_api_tier=tier,
        )

    @staticmethod
    def rate_limit_values(rate_limits):
        return {
            limit.limit_id: (
                limit.limit,
                limit.time_interval,
                [(linked.limit_id, linked.weight) for linked in limit.linked_limits],
            )
            for limit in rate_limits
        }

    @aioresponses()
    async def test_exchange_asset_names_become_hummingbot_names(self, mock_api):
        # The exchange writes XBT for Hummingbot's BTC, in its symbols and balances.
        self.exchange._set_trading_pair_symbol_map(None)
        mock_api.get(
            self.all_symbols_url,
            body=json.dumps(
                {
                    "error": [],
                    "result": {
                        "XETHXXBT": {
                            "altname": "ETHXBT",
                            "wsname": "XBT" + "/" + self.quote_asset,
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
                        }
                    },
                }
            ),
        )

        all_trading_pairs = await self.exchange.all_trading_pairs()

        self.assertEqual(["BTC" + "-" + self.quote_asset], all_trading_pairs)

        self._configure_balance_response(
            response={"error": [], "result": {"XBT": {"balance": 15.0, "hold_trade": 5.0}}}, mock_api=mock_api
        )
        await self.exchange._update_balances()

        self.assertEqual(Decimal("10"), self.exchange.available_balances["BTC"])
        self.assertEqual(Decimal("15"), self.exchange.get_all_balances()["BTC"])
        self.assertNotIn("XBT", self.exchange.available_balances)

    @aioresponses()
    async def test_error_in_successful_http_response_raises_with_the_body(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.TICKER_PATH_URL, domain=self.exchange.domain)
        error_body = {"error": ["EGeneral:Invalid arguments"]}
        mock_api.get(url, body=json.dumps(error_body))

        with self.assertRaises(IOError) as raised:
            await self.exchange._api_get(path_url=CONSTANTS.TICKER_PATH_URL)

        self.assertIn(json.dumps(error_body), str(raised.exception))

    def test_get_fee_without_account_rates_is_the_default_fee(self):
        # LIMIT_MAKER rests on the book (maker); LIMIT is taken as taker unless the caller says it is maker.
        fees = [
            self.exchange.get_fee(
                self.base_asset, self.quote_asset, order_type, TradeType.BUY, Decimal("1"), Decimal("10"), is_maker
            )
            for order_type, is_maker in (
                (OrderType.LIMIT_MAKER, None),
                (OrderType.LIMIT, None),
                (OrderType.LIMIT, True),
            )
        ]
        self.assertEqual(
            [Decimal("0.0025"), Decimal("0.004"), Decimal("0.0025")],
            [fee.percent for fee in fees],
        )

    async def test_order_statuses_are_polled_at_most_once_per_min_interval(self):
        interval = 10.0
        self.assertEqual(interval, self.exchange.UPDATE_ORDER_STATUS_MIN_INTERVAL)
        # Halfway through an interval (1640780000 is a multiple of it).
        self.exchange._set_current_timestamp(1640780000 + interval / 2)
        with patch.object(ExchangePyBase, "_update_order_status", new_callable=AsyncMock) as update_order_status:
            # Last polled at the start of the same interval: nothing is asked.
            self.exchange._last_poll_timestamp = 1640780000
            await self.exchange._update_order_status()
            update_order_status.assert_not_awaited()
            # Last polled in the interval before: fills and statuses are asked.
            self.exchange._last_poll_timestamp = 1640780000 - interval / 2
            await self.exchange._update_order_status()
            update_order_status.assert_awaited_once()

    def test_client_order_id_has_prefix_and_fits_max_length(self):
        self._simulate_trading_rules_initialized()
        with patch.object(self.exchange, "_create_order", new_callable=AsyncMock):
            order_id = self.place_buy_order()
        self.assertTrue(order_id.startswith("HBOT"))
        self.assertLessEqual(len(order_id), 18)
        self.assertRegex(order_id, "^(?:[A-Za-z0-9-]{1,18})$")

    @aioresponses()
    async def test_create_limit_maker_order_request(self, mock_api):
        self._simulate_trading_rules_initialized()
        self.exchange._set_current_timestamp(1640780000)
        request_sent_event = asyncio.Event()
        mock_api.post(
            self.order_creation_url,
            body=json.dumps(self.order_creation_request_successful_mock_response),
            callback=lambda *args, **kwargs: request_sent_event.set(),
        )

        self.place_buy_order(order_type=OrderType.LIMIT_MAKER)
        await asyncio.wait_for(request_sent_event.wait(), timeout=1)

        request_call = self._all_executed_requests(mock_api, self.order_creation_url)[0]
        request_data = request_call.kwargs["data"]
        self.assertEqual("limit", request_data["ordertype"])
        self.assertEqual(Decimal("10000"), Decimal(request_data["price"]))
        self.assertEqual("post", request_data["oflags"])

    @aioresponses()
    async def test_create_market_order_request(self, mock_api):
        self._simulate_trading_rules_initialized()
        self.exchange._set_current_timestamp(1640780000)
        request_sent_event = asyncio.Event()
        mock_api.post(
            self.order_creation_url,
            body=json.dumps(self.order_creation_request_successful_mock_response),
            callback=lambda *args, **kwargs: request_sent_event.set(),
        )

        self.place_buy_order(order_type=OrderType.MARKET)
        await asyncio.wait_for(request_sent_event.wait(), timeout=1)

        request_call = self._all_executed_requests(mock_api, self.order_creation_url)[0]
        request_data = request_call.kwargs["data"]
        self.assertEqual("market", request_data["ordertype"])
        self.assertNotIn("price", request_data)

    @aioresponses()
    async def test_update_order_fills_triggers_filled_event(self, mock_api):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        self.configure_partial_fill_trade_response(order=order, mock_api=mock_api)

        await self.exchange._update_orders_fills(orders=[order])

        fill_event: OrderFilledEvent = self.order_filled_logger.event_log[0]
        self.assertEqual(order.client_order_id, fill_event.order_id)
        self.assertEqual(self.trading_pair, fill_event.trading_pair)
        self.assertEqual(TradeType.BUY, fill_event.trade_type)
        self.assertEqual(self.expected_partial_fill_price, fill_event.price)
        self.assertEqual(self.expected_partial_fill_amount, fill_event.amount)
        self.assertEqual(self.expected_fill_fee, fill_event.trade_fee)
        self.assertEqual(self.expected_fill_trade_id, fill_event.exchange_trade_id)

    @aioresponses()
    async def test_update_order_fills_with_repeated_fill_triggers_only_one_event(self, mock_api):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        self.configure_partial_fill_trade_response(order=order, mock_api=mock_api)
        self.configure_partial_fill_trade_response(order=order, mock_api=mock_api)

        await self.exchange._update_orders_fills(orders=[order])
        await self.exchange._update_orders_fills(orders=[order])

        self.assertEqual(1, len(self.order_filled_logger.event_log))

    @aioresponses()
    async def test_update_order_fills_logs_request_failure(self, mock_api):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        self.configure_erroneous_http_fill_trade_response(order=order, mock_api=mock_api)

        await self.exchange._update_orders_fills(orders=[order])

        self.assertEqual(0, len(self.order_filled_logger.event_log))
        self.assertTrue(
            any(
                record.levelname == "WARNING"
                and record.getMessage().startswith(f"Failed to fetch trade updates for order {order.client_order_id}")
                for record in self.log_records
            )
        )

    @aioresponses()
    async def test_update_order_status_when_failed(self, mock_api):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        self.configure_erroneous_http_fill_trade_response(order=order, mock_api=mock_api)
        self.configure_failed_order_status_response(order=order, mock_api=mock_api)

        await self.exchange._update_order_status()
        await asyncio.sleep(0.1)

        failure_event: MarketOrderFailureEvent = self.order_failure_logger.event_log[0]
        self.assertEqual(self.exchange.current_timestamp, failure_event.timestamp)
        self.assertEqual(order.client_order_id, failure_event.order_id)
        self.assertEqual(order.order_type, failure_event.order_type)
        self.assertNotIn(order.client_order_id, self.exchange.in_flight_orders)
        self.assertTrue(order.is_failure)

    async def test_user_stream_update_for_order_failure(self):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        mock_queue = AsyncMock()
        mock_queue.get.side_effect = [self.order_event_for_failed_order_websocket_update(order), asyncio.CancelledError]
        self.exchange._user_stream_tracker._user_stream = mock_queue

        with self.assertRaises(asyncio.CancelledError):
            await self.exchange._user_stream_event_listener()
        await asyncio.sleep(0.1)

        failure_event: MarketOrderFailureEvent = self.order_failure_logger.event_log[0]
        self.assertEqual(self.exchange.current_timestamp, failure_event.timestamp)
        self.assertEqual(order.client_order_id, failure_event.order_id)
        self.assertTrue(order.is_failure)
        self.assertTrue(order.is_done)

    async def test_user_stream_ignores_events_for_untracked_orders(self):
        self.exchange._set_current_timestamp(1640780000)
        order = InFlightOrder(
            client_order_id=self.client_order_id_prefix + "99",
            exchange_order_id=self.exchange_order_id_prefix + "99",
            trading_pair=self.trading_pair,
            order_type=OrderType.LIMIT,
            trade_type=TradeType.BUY,
            amount=Decimal("1"),
            price=Decimal("10000"),
            creation_timestamp=1640780000,
        )
        mock_queue = AsyncMock()
        mock_queue.get.side_effect = [self.order_event_for_full_fill_websocket_update(order), asyncio.CancelledError]
        self.exchange._user_stream_tracker._user_stream = mock_queue

        with self.assertRaises(asyncio.CancelledError):
            await self.exchange._user_stream_event_listener()
        await asyncio.sleep(0.1)

        self.assertEqual(0, len(self.order_filled_logger.event_log))
        self.assertEqual(0, len(self.buy_order_completed_logger.event_log))

    async def test_user_stream_fill_of_an_order_already_done_is_recorded(self):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        # Done (by a status update, say) before its fill is reported: no longer tracked, but kept among the orders
        # that still take fills.
        self.exchange._order_tracker.stop_tracking_order(order.client_order_id)
        self.assertNotIn(order.client_order_id, self.exchange.in_flight_orders)
        mock_queue = AsyncMock()
        mock_queue.get.side_effect = [self.order_event_for_full_fill_websocket_update(order), asyncio.CancelledError]
        self.exchange._user_stream_tracker._user_stream = mock_queue

        with self.assertRaises(asyncio.CancelledError):
            await self.exchange._user_stream_event_listener()
        await asyncio.sleep(0.1)

        self.assertEqual(1, len(self.order_filled_logger.event_log))
        fill_event: OrderFilledEvent = self.order_filled_logger.event_log[0]
        self.assertEqual(order.client_order_id, fill_event.order_id)
        self.assertEqual(order.amount, fill_event.amount)
        self.assertEqual(order.amount, order.executed_amount_base)

    async def test_user_stream_order_event_without_client_id_applies_to_the_order_with_its_exchange_id(self):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        event = self.order_event_for_canceled_order_websocket_update(order)
        del event["data"][0]["cl_ord_id"]
        mock_queue = AsyncMock()
        mock_queue.get.side_effect = [event, asyncio.CancelledError]
        self.exchange._user_stream_tracker._user_stream = mock_queue

        with self.assertRaises(asyncio.CancelledError):
            await self.exchange._user_stream_event_listener()
        await asyncio.sleep(0.1)

        self.assertTrue(order.is_cancelled)
        self.assertNotIn(order.client_order_id, self.exchange.in_flight_orders)

    async def test_user_stream_drops_malformed_events_and_keeps_listening(self):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        mock_queue = AsyncMock()
        # An event of no known type, an order event without its fields, one without orders, then the order's own event.
        mock_queue.get.side_effect = [
            {"channel": "hbgen-unknown-event"},
            {"channel": "executions"},
            {"channel": "executions", "data": []},
            self.order_event_for_new_order_websocket_update(order),
            asyncio.CancelledError,
        ]
        self.exchange._user_stream_tracker._user_stream = mock_queue

        with patch.object(self.exchange, "_sleep", new_callable=AsyncMock):
            with self.assertRaises(asyncio.CancelledError):
                await self.exchange._user_stream_event_listener()
        await asyncio.sleep(0.1)

        self.assertEqual(OrderState.OPEN, order.current_state)
        self.assertTrue(self.is_logged("ERROR", "Unexpected error in user stream listener loop."))
