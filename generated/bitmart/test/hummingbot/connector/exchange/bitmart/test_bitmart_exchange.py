import asyncio
import json
import re
from decimal import Decimal
from typing import Any, Callable, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall

from hummingbot.connector.exchange.bitmart import bitmart_constants as CONSTANTS, bitmart_web_utils as web_utils
from hummingbot.connector.exchange.bitmart.bitmart_exchange import BitmartExchange
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import MarketOrderFailureEvent, OrderFilledEvent


class BitmartExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = "test-secret_key"
    memo = "test-memo"
    expected_order_type_names = {
        OrderType.LIMIT: "limit",
        OrderType.MARKET: "market",
        OrderType.LIMIT_MAKER: "limit_maker",
    }

    @property
    def all_symbols_url(self):
        return web_utils.public_rest_url(CONSTANTS.GET_TRADING_RULES_PATH_URL, domain=self.exchange.domain)

    @property
    def latest_prices_url(self):
        return self._url_pattern(
            web_utils.public_rest_url(CONSTANTS.GET_LAST_TRADING_PRICES_PATH_URL, domain=self.exchange.domain)
        )

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.CHECK_NETWORK_PATH_URL, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return web_utils.public_rest_url(CONSTANTS.GET_TRADING_RULES_PATH_URL, domain=self.exchange.domain)

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.CREATE_ORDER_PATH_URL, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.GET_ACCOUNT_SUMMARY_PATH_URL, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "OK",
            "data": {
                "symbols": [
                    {
                        "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                        "symbol_id": 1024,
                        "base_currency": self.base_asset,
                        "quote_currency": self.quote_asset,
                        "quote_increment": "1.00000000",
                        "base_min_size": "1.00000000",
                        "base_max_size": "10000000.00000000",
                        "price_min_precision": 6,
                        "price_max_precision": 8,
                        "expiration": "NA",
                        "min_buy_amount": "0.00010000",
                        "min_sell_amount": "0.00010000",
                        "trade_status": "trading",
                    }
                ]
            },
        }

    @property
    def latest_prices_request_mock_response(self):
        return {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "success",
            "data": {
                "symbol": "BTC_USDT",
                "last": str(self.expected_latest_price),
                "v_24h": "582.08066",
                "qv_24h": "4793098.48",
                "open_24h": "28596.30",
                "high_24h": "31012.44",
                "low_24h": "12.44",
                "fluctuation": "0.04909",
                "bid_px": "30000",
                "bid_sz": "1",
                "ask_px": "31012.44",
                "ask_sz": "69994.75267",
                "ts": "1691671061919",
            },
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "OK",
            "data": {
                "symbols": [
                    {
                        "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                        "symbol_id": 1024,
                        "base_currency": self.base_asset,
                        "quote_currency": self.quote_asset,
                        "quote_increment": "1.00000000",
                        "base_min_size": "1.00000000",
                        "base_max_size": "10000000.00000000",
                        "price_min_precision": 6,
                        "price_max_precision": 8,
                        "expiration": "NA",
                        "min_buy_amount": "0.00010000",
                        "min_sell_amount": "0.00010000",
                        "trade_status": "trading",
                    },
                    {
                        "symbol": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                        "symbol_id": 1024,
                        "base_currency": "INVALID",
                        "quote_currency": "PAIR",
                        "quote_increment": "1.00000000",
                        "base_min_size": "1.00000000",
                        "base_max_size": "10000000.00000000",
                        "price_min_precision": 6,
                        "price_max_precision": 8,
                        "expiration": "NA",
                        "min_buy_amount": "0.00010000",
                        "min_sell_amount": "0.00010000",
                        "trade_status": "NOT_trading",
                    },
                ]
            },
        }
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "OK",
            "data": {
                "service": [
                    {
                        "title": "Spot API Stop",
                        "service_type": "spot",
                        "status": 2,
                        "start_time": 1527777538000,
                        "end_time": 1527777538000,
                    }
                ]
            },
        }

    @property
    def trading_rules_request_mock_response(self):
        return {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "OK",
            "data": {
                "symbols": [
                    {
                        "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                        "symbol_id": 1024,
                        "base_currency": self.base_asset,
                        "quote_currency": self.quote_asset,
                        "quote_increment": "1.00000000",
                        "base_min_size": "0.01",
                        "base_max_size": "10000000.00000000",
                        "price_min_precision": 6,
                        "price_max_precision": 4,
                        "expiration": "NA",
                        "min_buy_amount": "5",
                        "min_sell_amount": "0.00010000",
                        "trade_status": "trading",
                    }
                ]
            },
        }

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "OK",
            "data": {
                "symbols": [
                    {
                        "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                        "symbol_id": 1024,
                        "base_currency": self.base_asset,
                        "quote_currency": self.quote_asset,
                        "quote_increment": "1.00000000",
                        "base_max_size": "10000000.00000000",
                        "price_min_precision": 6,
                        "expiration": "NA",
                        "min_sell_amount": "0.00010000",
                        "trade_status": "trading",
                    }
                ]
            },
        }

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "OK",
            "data": {"order_id": self.expected_exchange_order_id},
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return {
            "message": "OK",
            "code": 1000,
            "trace": "ef834248-b8d1-4e31-a3c5-8b4b45bd8a0c",
            "data": {
                "wallet": [
                    {"id": self.base_asset, "name": "Bitcoin", "available": "10", "frozen": "5"},
                    {"id": self.quote_asset, "name": "Bitcoin", "available": "2000", "frozen": "0"},
                ]
            },
        }

    @property
    def balance_request_mock_response_only_base(self):
        return {
            "message": "OK",
            "code": 1000,
            "trace": "ef834248-b8d1-4e31-a3c5-8b4b45bd8a0c",
            "data": {"wallet": [{"id": self.base_asset, "name": "Bitcoin", "available": "10", "frozen": "5"}]},
        }

    @property
    def balance_event_websocket_update(self):
        return {
            "data": [
                {
                    "balance_details": [{"av_bal": "10", "ccy": self.base_asset, "fz_bal": "5"}],
                    "event_time": "1701632345415",
                    "event_type": "TRANSACTION_COMPLETED",
                }
            ],
            "table": "spot/user/balance",
        }

    @property
    def expected_latest_price(self):
        return 9999.9

    @property
    def expected_supported_order_types(self):
        return [
            OrderType.LIMIT,
            OrderType.MARKET,
            OrderType.LIMIT_MAKER,
        ]

    @property
    def expected_trading_rule(self):
        return TradingRule(
            trading_pair=self.trading_pair,
            min_order_size=Decimal("0.01"),
            min_price_increment=Decimal("0.0001"),
            min_base_amount_increment=Decimal("0.01"),
            min_order_value=Decimal("5"),
        )

    @property
    def expected_logged_error_for_erroneous_trading_rule(self):
        erroneous_rule = self.trading_rules_request_erroneous_mock_response["data"]["symbols"][0]
        return f"Error parsing the trading pair rule {erroneous_rule}. Skipping."

    @property
    def expected_exchange_order_id(self):
        return "28"

    @property
    def is_order_fill_http_update_included_in_status_update(self) -> bool:
        return True

    @property
    def is_order_fill_http_update_executed_during_websocket_order_event_processing(self) -> bool:
        return True

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
        return (base_token + "_" + quote_token).upper()

    def create_exchange_instance(self):
        return BitmartExchange(
            bitmart_api_key=self.api_key,
            bitmart_secret_key=self.secret_key,
            bitmart_memo=self.memo,
            trading_pairs=[self.trading_pair],
        )

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertEqual(self.api_key, headers["X-BM-KEY"])
        self.assertIn("X-BM-SIGN", headers)
        self.assertIn("X-BM-TIMESTAMP", headers)
        self.assertEqual("hummingbotfound", headers["X-BM-BROKER-ID"])

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = json.loads(request_call.kwargs["data"])
        self.assertEqual(self.exchange_trading_pair, request_data["symbol"])
        self.assertEqual("buy" if order.trade_type == TradeType.BUY else "sell", request_data["side"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["type"])
        self.assertEqual(order.amount, Decimal(request_data["size"]))
        self.assertEqual(order.price, Decimal(request_data["price"]))
        self.assertEqual(order.client_order_id, request_data["client_order_id"])

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(request_call.kwargs["data"])
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])
        self.assertEqual(order.client_order_id, request_params["client_order_id"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(request_call.kwargs["data"])
        self.assertEqual(order.exchange_order_id, request_params["orderId"])

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(request_call.kwargs["data"])
        self.assertEqual(order.exchange_order_id, request_params["orderId"])

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
        response = {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "OK",
            "data": {"result": True},
        }
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
        response = {
            "message": "Order not found",
            "code": 50005,
            "trace": "7a8b9c0d-1e2f-4a5b-8c7d-6e5f4a3b2c1d",
            "data": {},
        }
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
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_DETAIL_PATH_URL)
        response = {
            "code": 1000,
            "message": "success",
            "trace": "2b3d9ab4-5b6e-4e4f-96b6-1f9a2a9d9c3d",
            "data": {
                "orderId": order.exchange_order_id,
                "clientOrderId": order.client_order_id,
                "symbol": "BTC_USDT",
                "side": "buy",
                "orderMode": "spot",
                "type": "limit",
                "state": "filled",
                "price": "48800.00",
                "priceAvg": "39999.00",
                "size": "0.10000",
                "filledSize": "0.10000",
                "notional": "4880.00000000",
                "filledNotional": "3999.90000000",
                "createTime": 1681701557927,
                "updateTime": 1681701559408,
            },
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_DETAIL_PATH_URL)
        response = {
            "code": 1000,
            "message": "success",
            "trace": "2b3d9ab4-5b6e-4e4f-96b6-1f9a2a9d9c3d",
            "data": {
                "orderId": order.exchange_order_id,
                "clientOrderId": order.client_order_id,
                "symbol": "BTC_USDT",
                "side": "buy",
                "orderMode": "spot",
                "type": "limit",
                "state": "canceled",
                "price": "48800.00",
                "priceAvg": "39999.00",
                "size": "0.10000",
                "filledSize": "0.10000",
                "notional": "4880.00000000",
                "filledNotional": "3999.90000000",
                "createTime": 1681701557927,
                "updateTime": 1681701559408,
            },
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_DETAIL_PATH_URL)
        response = {
            "code": 1000,
            "message": "success",
            "trace": "2b3d9ab4-5b6e-4e4f-96b6-1f9a2a9d9c3d",
            "data": {
                "orderId": order.exchange_order_id,
                "clientOrderId": order.client_order_id,
                "symbol": "BTC_USDT",
                "side": "buy",
                "orderMode": "spot",
                "type": "limit",
                "state": "new",
                "price": "48800.00",
                "priceAvg": "39999.00",
                "size": "0.10000",
                "filledSize": "0.10000",
                "notional": "4880.00000000",
                "filledNotional": "3999.90000000",
                "createTime": 1681701557927,
                "updateTime": 1681701559408,
            },
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_DETAIL_PATH_URL)
        response = {
            "code": 1000,
            "message": "success",
            "trace": "2b3d9ab4-5b6e-4e4f-96b6-1f9a2a9d9c3d",
            "data": {
                "orderId": order.exchange_order_id,
                "clientOrderId": order.client_order_id,
                "symbol": "BTC_USDT",
                "side": "buy",
                "orderMode": "spot",
                "type": "limit",
                "state": "partially_filled",
                "price": "48800.00",
                "priceAvg": "39999.00",
                "size": "0.10000",
                "filledSize": "0.10000",
                "notional": "4880.00000000",
                "filledNotional": "3999.90000000",
                "createTime": 1681701557927,
                "updateTime": 1681701559408,
            },
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_failed_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_DETAIL_PATH_URL)
        response = {
            "code": 1000,
            "message": "success",
            "trace": "2b3d9ab4-5b6e-4e4f-96b6-1f9a2a9d9c3d",
            "data": {
                "orderId": order.exchange_order_id,
                "clientOrderId": order.client_order_id,
                "symbol": "BTC_USDT",
                "side": "buy",
                "orderMode": "spot",
                "type": "limit",
                "state": "failed",
                "price": "48800.00",
                "priceAvg": "39999.00",
                "size": "0.10000",
                "filledSize": "0.10000",
                "notional": "4880.00000000",
                "filledNotional": "3999.90000000",
                "createTime": 1681701557927,
                "updateTime": 1681701559408,
            },
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_DETAIL_PATH_URL)
        mock_api.post(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_DETAIL_PATH_URL)
        response = {
            "message": "Order not found",
            "code": 50005,
            "trace": "7a8b9c0d-1e2f-4a5b-8c7d-6e5f4a3b2c1d",
            "data": {},
        }
        mock_api.post(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_TRADE_DETAIL_PATH_URL)
        response = {
            "code": 1000,
            "message": "success",
            "trace": "5fc697fb817a4b5396284786a9b2609a.263.16788429527990329",
            "data": [
                {
                    "tradeId": self.expected_fill_trade_id,
                    "orderId": order.exchange_order_id,
                    "clientOrderId": "118100034543076010",
                    "symbol": "BTC_USDT",
                    "side": "buy",
                    "orderMode": "spot",
                    "type": "limit",
                    "price": str(self.expected_partial_fill_price),
                    "size": str(self.expected_partial_fill_amount),
                    "notional": str(self.expected_partial_fill_price * self.expected_partial_fill_amount),
                    "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                    "feeCoinName": self.expected_fill_fee.flat_fees[0].token,
                    "tradeRole": "taker",
                    "createTime": 1640780000000,
                    "updateTime": 1681701559408,
                }
            ],
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_http_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_TRADE_DETAIL_PATH_URL)
        mock_api.post(regex_url, status=400, callback=callback)
        return url

    def configure_full_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_TRADE_DETAIL_PATH_URL)
        response = {
            "code": 1000,
            "message": "success",
            "trace": "5fc697fb817a4b5396284786a9b2609a.263.16788429527990329",
            "data": [
                {
                    "tradeId": self.expected_fill_trade_id,
                    "orderId": order.exchange_order_id,
                    "clientOrderId": "118100034543076010",
                    "symbol": "BTC_USDT",
                    "side": "buy",
                    "orderMode": "spot",
                    "type": "limit",
                    "price": str(order.price),
                    "size": str(order.amount),
                    "notional": str(order.price * order.amount),
                    "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                    "feeCoinName": self.expected_fill_fee.flat_fees[0].token,
                    "tradeRole": "taker",
                    "createTime": 1640780000000,
                    "updateTime": 1681701559408,
                }
            ],
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "data": [
                {
                    "symbol": "LMC_USDT",
                    "side": "buy",
                    "type": "market",
                    "notional": "",
                    "size": "1.0000000000",
                    "ms_t": "1640780000000",
                    "price": "46100.0000000000",
                    "filled_notional": "46100.0000000000",
                    "filled_size": "1.0000000000",
                    "margin_trading": "0",
                    "state": "2",
                    "order_id": order.exchange_order_id,
                    "order_type": "0",
                    "last_fill_time": "1609926039226",
                    "last_fill_price": "46100.00000",
                    "last_fill_count": "1.00000",
                    "exec_type": "M",
                    "detail_id": "256348632",
                    "client_order_id": order.client_order_id,
                    "create_time": "1609926028000",
                    "update_time": "1609926044000",
                    "order_mode": "spot",
                    "entrust_type": "normal",
                    "order_state": "new",
                }
            ],
            "table": "spot/user/order",
        }

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "data": [
                {
                    "symbol": "LMC_USDT",
                    "side": "buy",
                    "type": "market",
                    "notional": "",
                    "size": "1.0000000000",
                    "ms_t": "1640780000000",
                    "price": "46100.0000000000",
                    "filled_notional": "46100.0000000000",
                    "filled_size": "1.0000000000",
                    "margin_trading": "0",
                    "state": "2",
                    "order_id": order.exchange_order_id,
                    "order_type": "0",
                    "last_fill_time": "1609926039226",
                    "last_fill_price": "46100.00000",
                    "last_fill_count": "1.00000",
                    "exec_type": "M",
                    "detail_id": "256348632",
                    "client_order_id": order.client_order_id,
                    "create_time": "1609926028000",
                    "update_time": "1609926044000",
                    "order_mode": "spot",
                    "entrust_type": "normal",
                    "order_state": "canceled",
                }
            ],
            "table": "spot/user/order",
        }

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "data": [
                {
                    "symbol": "LMC_USDT",
                    "side": "buy",
                    "type": "market",
                    "notional": "",
                    "size": "1.0000000000",
                    "ms_t": "1640780000000",
                    "price": "46100.0000000000",
                    "filled_notional": "46100.0000000000",
                    "filled_size": "1.0000000000",
                    "margin_trading": "0",
                    "state": "2",
                    "order_id": order.exchange_order_id,
                    "order_type": "0",
                    "last_fill_time": "1609926039226",
                    "last_fill_price": "46100.00000",
                    "last_fill_count": "1.00000",
                    "exec_type": "M",
                    "detail_id": "256348632",
                    "client_order_id": order.client_order_id,
                    "create_time": "1609926028000",
                    "update_time": "1609926044000",
                    "order_mode": "spot",
                    "entrust_type": "normal",
                    "order_state": "filled",
                }
            ],
            "table": "spot/user/order",
        }

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        # Fills arrive with the order event itself.
        return None

    def order_event_for_failed_order_websocket_update(self, order: InFlightOrder):
        return {
            "data": [
                {
                    "symbol": "LMC_USDT",
                    "side": "buy",
                    "type": "market",
                    "notional": "",
                    "size": "1.0000000000",
                    "ms_t": "1640780000000",
                    "price": "46100.0000000000",
                    "filled_notional": "46100.0000000000",
                    "filled_size": "1.0000000000",
                    "margin_trading": "0",
                    "state": "2",
                    "order_id": order.exchange_order_id,
                    "order_type": "0",
                    "last_fill_time": "1609926039226",
                    "last_fill_price": "46100.00000",
                    "last_fill_count": "1.00000",
                    "exec_type": "M",
                    "detail_id": "256348632",
                    "client_order_id": order.client_order_id,
                    "create_time": "1609926028000",
                    "update_time": "1609926044000",
                    "order_mode": "spot",
                    "entrust_type": "normal",
                    "order_state": "failed",
                }
            ],
            "table": "spot/user/order",
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
        self.assertEqual("bitmart", self.exchange.name)

    @aioresponses()
    async def test_error_in_successful_http_response_raises_with_the_body(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.CHECK_NETWORK_PATH_URL, domain=self.exchange.domain)
        error_body = {
            "message": "Param symbol is not correct",
            "code": 50000,
            "trace": "0bd7e1ef-3e9a-43d4-9e1c-d3a7f1e0aa6d",
            "data": {},
        }
        mock_api.get(url, body=json.dumps(error_body))

        with self.assertRaises(IOError) as raised:
            await self.exchange._api_get(path_url=CONSTANTS.CHECK_NETWORK_PATH_URL)

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
            [Decimal("0.0025"), Decimal("0.0025"), Decimal("0.0025")],
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
        self.assertTrue(order_id.startswith(""))
        self.assertLessEqual(len(order_id), 32)
        self.assertRegex(order_id, "^(?:[A-Za-z0-9]{1,32})$")

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
        request_data = json.loads(request_call.kwargs["data"])
        self.assertEqual("market", request_data["type"])
        self.assertNotIn("price", request_data)
        # A market buy is sized in the quote currency: 100 at 10000.
        self.assertEqual(Decimal("1000000"), Decimal(request_data["notional"]))
        self.assertNotIn("size", request_data)

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
        request_data = json.loads(request_call.kwargs["data"])
        self.assertEqual("limit_maker", request_data["type"])
        self.assertEqual(Decimal("10000"), Decimal(request_data["price"]))

    @aioresponses()
    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_update_time_synchronizer_successfully(self, mock_api, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.exchange._time_synchronizer.clear_time_offset_ms_samples()
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        response = {
            "code": 1000,
            "trace": "886fb6ae-456b-4654-b4e0-d681ac05cea1",
            "message": "OK",
            "data": {"server_time": 1640000003000},
        }
        mock_api.get(url, body=json.dumps(response))

        await self.exchange._update_time_synchronizer()

        self.assertEqual(1640000003, self.exchange._time_synchronizer.time())

    @aioresponses()
    async def test_update_time_synchronizer_failure_is_logged(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        mock_api.get(url, status=500)

        await self.exchange._update_time_synchronizer()

        self.assertTrue(self.is_logged("NETWORK", "Error getting server time."))

    @aioresponses()
    async def test_update_time_synchronizer_raises_cancelled_error(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        mock_api.get(url, exception=asyncio.CancelledError)

        with self.assertRaises(asyncio.CancelledError):
            await self.exchange._update_time_synchronizer()

    def test_time_synchronizer_related_request_error_detection(self):
        url = web_utils.private_rest_url(CONSTANTS.CREATE_ORDER_PATH_URL)
        error_body = json.dumps(
            {
                "message": "Header X-BM-TIMESTAMP range. Within a minute",
                "code": 30007,
                "trace": "14893925-3a1c-4a35-b0e8-60dff9b1bf6c",
                "data": {},
            }
        )
        exception = IOError(f"Error executing request POST {url}. HTTP status is 400. Error: {error_body}")
        self.assertTrue(self.exchange._is_request_exception_related_to_time_synchronizer(exception))

        # The same error with another of the codes or words the exchange uses for it.
        error_body = json.dumps(
            {
                "message": "Header X-BM-TIMESTAMP range. Within a minute",
                "code": 30008,
                "trace": "14893925-3a1c-4a35-b0e8-60dff9b1bf6c",
                "data": {},
            }
        )
        exception = IOError(f"Error executing request POST {url}. HTTP status is 400. Error: {error_body}")
        self.assertTrue(self.exchange._is_request_exception_related_to_time_synchronizer(exception))

        exception = IOError(f"Error executing request POST {url}. HTTP status is 400. Error: {{}}")
        self.assertFalse(self.exchange._is_request_exception_related_to_time_synchronizer(exception))

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

    @aioresponses()
    async def test_user_stream_order_event_applied_when_its_fills_cannot_be_requested(self, mock_api):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        self.configure_erroneous_http_fill_trade_response(order=order, mock_api=mock_api)
        mock_queue = AsyncMock()
        mock_queue.get.side_effect = [self.order_event_for_full_fill_websocket_update(order), asyncio.CancelledError]
        self.exchange._user_stream_tracker._user_stream = mock_queue

        # The tracker waits this long for the fills of a filled order before it applies the new state, in a task
        # of its own: the test waits for the state (a fixed sleep is too short on a loaded machine).
        with patch.object(self.exchange._order_tracker, "TRADE_FILLS_WAIT_TIMEOUT", 0.01):
            with self.assertRaises(asyncio.CancelledError):
                await self.exchange._user_stream_event_listener()
            for _ in range(500):
                if order.current_state == OrderState.FILLED:
                    break
                await asyncio.sleep(0.01)

        self.assertEqual(OrderState.FILLED, order.current_state)
        self.assertEqual(0, len(self.order_filled_logger.event_log))
        self.assertTrue(self.is_logged("WARNING", f"Error requesting the fills of order {order.client_order_id}."))

    async def test_user_stream_order_event_without_client_id_applies_to_the_order_with_its_exchange_id(self):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        event = self.order_event_for_canceled_order_websocket_update(order)
        del event["data"][0]["client_order_id"]
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
            {"table": "hbgen-unknown-event"},
            {"table": "spot/user/order"},
            {"table": "spot/user/order", "data": []},
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
