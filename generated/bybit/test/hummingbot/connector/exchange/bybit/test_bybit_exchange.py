import asyncio
import json
import re
from decimal import Decimal
from typing import Any, Callable, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall

from hummingbot.connector.exchange.bybit import bybit_constants as CONSTANTS, bybit_web_utils as web_utils
from hummingbot.connector.exchange.bybit.bybit_exchange import BybitExchange
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import MarketOrderFailureEvent, OrderFilledEvent


class BybitExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = "test-secret_key"
    expected_order_type_names = {
        OrderType.LIMIT: "Limit",
        OrderType.LIMIT_MAKER: "Limit",
        OrderType.MARKET: "Market",
    }

    @property
    def all_symbols_url(self):
        return (
            web_utils.public_rest_url(CONSTANTS.EXCHANGE_INFO_PATH_URL, domain=self.exchange.domain) + "?category=spot"
        )

    @property
    def latest_prices_url(self):
        return self._url_pattern(
            web_utils.public_rest_url(CONSTANTS.LAST_TRADED_PRICE_PATH, domain=self.exchange.domain)
        )

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return (
            web_utils.public_rest_url(CONSTANTS.EXCHANGE_INFO_PATH_URL, domain=self.exchange.domain) + "?category=spot"
        )

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.ORDER_PLACE_PATH_URL, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.BALANCE_PATH_URL, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "category": "spot",
                "list": [
                    {
                        "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                        "baseCoin": self.base_asset,
                        "quoteCoin": self.quote_asset,
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
        }

    @property
    def latest_prices_request_mock_response(self):
        return {
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
                        "lastPrice": str(self.expected_latest_price),
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
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "category": "spot",
                "list": [
                    {
                        "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                        "baseCoin": self.base_asset,
                        "quoteCoin": self.quote_asset,
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
                    },
                    {
                        "symbol": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                        "baseCoin": "INVALID",
                        "quoteCoin": "PAIR",
                        "innovation": "0",
                        "status": "NOT_Trading",
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
                    },
                ],
            },
            "retExtInfo": {},
            "time": 1701226460087,
        }
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return {
            "retCode": 0,
            "retMsg": "OK",
            "result": {"timeSecond": "1688639403", "timeNano": "1688639403423213947"},
            "retExtInfo": {},
            "time": 1688639403423,
        }

    @property
    def trading_rules_request_mock_response(self):
        return {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "category": "spot",
                "list": [
                    {
                        "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                        "baseCoin": self.base_asset,
                        "quoteCoin": self.quote_asset,
                        "innovation": "0",
                        "status": "Trading",
                        "marginTrading": "both",
                        "stTag": "0",
                        "lotSizeFilter": {
                            "basePrecision": "0.000001",
                            "quotePrecision": "0.00000001",
                            "minOrderQty": "0.01",
                            "maxOrderQty": "71.73956243",
                            "minOrderAmt": "10",
                            "maxOrderAmt": "2000000",
                        },
                        "priceFilter": {"tickSize": "0.0001"},
                        "riskParameters": {"priceLimitRatioX": "0.01", "priceLimitRatioY": "0.02"},
                    }
                ],
            },
            "retExtInfo": {},
            "time": 1701226460087,
        }

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "category": "spot",
                "list": [
                    {
                        "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                        "baseCoin": self.base_asset,
                        "quoteCoin": self.quote_asset,
                        "innovation": "0",
                        "status": "Trading",
                        "marginTrading": "both",
                        "stTag": "0",
                        "riskParameters": {"priceLimitRatioX": "0.01", "priceLimitRatioY": "0.02"},
                    }
                ],
            },
            "retExtInfo": {},
            "time": 1701226460087,
        }

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "retCode": 0,
            "retMsg": "OK",
            "result": {"orderId": self.expected_exchange_order_id, "orderLinkId": "spot-test-postonly"},
            "retExtInfo": {},
            "time": 1640780000000,
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return {
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
                                "walletBalance": "15",
                                "cumRealisedPnl": "0",
                                "locked": "5",
                                "marginCollateral": True,
                                "coin": self.base_asset,
                            },
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
                                "walletBalance": "2000",
                                "cumRealisedPnl": "0",
                                "locked": "0",
                                "marginCollateral": True,
                                "coin": self.quote_asset,
                            },
                        ],
                    }
                ]
            },
            "retExtInfo": {},
            "time": 1690872862481,
        }

    @property
    def balance_request_mock_response_only_base(self):
        return {
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
                                "walletBalance": "15",
                                "cumRealisedPnl": "0",
                                "locked": "5",
                                "marginCollateral": True,
                                "coin": self.base_asset,
                            }
                        ],
                    }
                ]
            },
            "retExtInfo": {},
            "time": 1690872862481,
        }

    @property
    def balance_event_websocket_update(self):
        return {
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
                            "coin": self.base_asset,
                            "equity": "0.00102964",
                            "usdValue": "36.70759517",
                            "walletBalance": "15",
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
                            "locked": "5",
                            "spotHedgingQty": "0.01592413",
                        }
                    ],
                    "accountLTV": "0",
                    "accountType": "UNIFIED",
                }
            ],
        }

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
        erroneous_rule = self.trading_rules_request_erroneous_mock_response["result"]["list"][0]
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
            percent_token=self.base_asset,
            flat_fees=[TokenAmount(token=self.base_asset, amount=Decimal("30"))],
        )

    @property
    def expected_fill_trade_id(self) -> str:
        return "30000"

    def exchange_symbol_for_tokens(self, base_token: str, quote_token: str) -> str:
        return (base_token + quote_token).upper()

    def create_exchange_instance(self):
        exchange = BybitExchange(
            bybit_api_key=self.api_key,
            bybit_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
        )
        # The prerequisites' values, as if requested already (test_prerequisite_* request them).
        exchange._account_type = "5550001"
        return exchange

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertEqual(self.api_key, headers["X-BAPI-API-KEY"])
        self.assertIn("X-BAPI-SIGN", headers)
        self.assertEqual("2", headers["X-BAPI-SIGN-TYPE"])
        self.assertIn("X-BAPI-TIMESTAMP", headers)
        self.assertEqual("5000", headers["X-BAPI-RECV-WINDOW"])
        self.assertEqual("Hummingbot", headers["referer"])

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = json.loads(request_call.kwargs["data"])
        self.assertEqual("spot", request_data["category"])
        self.assertEqual(self.exchange_trading_pair, request_data["symbol"])
        self.assertEqual("Buy" if order.trade_type == TradeType.BUY else "Sell", request_data["side"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["orderType"])
        self.assertEqual(order.amount, Decimal(request_data["qty"]))
        self.assertEqual(order.price, Decimal(request_data["price"]))
        self.assertEqual("GTC", request_data["timeInForce"])
        self.assertEqual(order.client_order_id, request_data["orderLinkId"])

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(request_call.kwargs["data"])
        self.assertEqual("spot", request_params["category"])
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])
        self.assertEqual(order.client_order_id, request_params["orderLinkId"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual("spot", request_params["category"])
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])
        self.assertEqual(order.client_order_id, request_params["orderLinkId"])

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual("spot", request_params["category"])
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])
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
        url, regex_url = self._private_url(CONSTANTS.ORDER_CANCEL_PATH_URL)
        response = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {"orderId": "c6f055d9-7f21-4079-913d-e6523a9cfffa", "orderLinkId": "linear-004"},
            "retExtInfo": {},
            "time": 1672217377164,
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_CANCEL_PATH_URL)
        mock_api.post(regex_url, status=400, callback=callback)
        return url

    def configure_order_not_found_error_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_CANCEL_PATH_URL)
        response = {
            "retCode": 110001,
            "retMsg": "order not exists or too late to cancel",
            "result": {},
            "retExtInfo": {},
            "time": 1672211918471,
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
        url, regex_url = self._private_url(CONSTANTS.GET_ORDERS_PATH_URL)
        response = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "list": [
                    {
                        "orderId": order.exchange_order_id,
                        "orderLinkId": order.client_order_id,
                        "blockTradeId": "",
                        "symbol": "ETHUSDT",
                        "price": "1600.00",
                        "qty": "0.10",
                        "side": "Buy",
                        "isLeverage": "",
                        "positionIdx": 1,
                        "orderStatus": "Filled",
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
                        "updatedTime": "1640780000000",
                    }
                ],
                "nextPageCursor": "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26",
                "category": "linear",
            },
            "retExtInfo": {},
            "time": 1684765770483,
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDERS_PATH_URL)
        response = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "list": [
                    {
                        "orderId": order.exchange_order_id,
                        "orderLinkId": order.client_order_id,
                        "blockTradeId": "",
                        "symbol": "ETHUSDT",
                        "price": "1600.00",
                        "qty": "0.10",
                        "side": "Buy",
                        "isLeverage": "",
                        "positionIdx": 1,
                        "orderStatus": "Cancelled",
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
                        "updatedTime": "1640780000000",
                    }
                ],
                "nextPageCursor": "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26",
                "category": "linear",
            },
            "retExtInfo": {},
            "time": 1684765770483,
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDERS_PATH_URL)
        response = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "list": [
                    {
                        "orderId": order.exchange_order_id,
                        "orderLinkId": order.client_order_id,
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
                        "updatedTime": "1640780000000",
                    }
                ],
                "nextPageCursor": "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26",
                "category": "linear",
            },
            "retExtInfo": {},
            "time": 1684765770483,
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDERS_PATH_URL)
        response = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "list": [
                    {
                        "orderId": order.exchange_order_id,
                        "orderLinkId": order.client_order_id,
                        "blockTradeId": "",
                        "symbol": "ETHUSDT",
                        "price": "1600.00",
                        "qty": "0.10",
                        "side": "Buy",
                        "isLeverage": "",
                        "positionIdx": 1,
                        "orderStatus": "PartiallyFilled",
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
                        "updatedTime": "1640780000000",
                    }
                ],
                "nextPageCursor": "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26",
                "category": "linear",
            },
            "retExtInfo": {},
            "time": 1684765770483,
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_failed_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDERS_PATH_URL)
        response = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {
                "list": [
                    {
                        "orderId": order.exchange_order_id,
                        "orderLinkId": order.client_order_id,
                        "blockTradeId": "",
                        "symbol": "ETHUSDT",
                        "price": "1600.00",
                        "qty": "0.10",
                        "side": "Buy",
                        "isLeverage": "",
                        "positionIdx": 1,
                        "orderStatus": "Rejected",
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
                        "updatedTime": "1640780000000",
                    }
                ],
                "nextPageCursor": "page_args%3Dfd4300ae-7847-404e-b947-b46980a4d140%26symbol%3D6%26",
                "category": "linear",
            },
            "retExtInfo": {},
            "time": 1684765770483,
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDERS_PATH_URL)
        mock_api.get(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDERS_PATH_URL)
        response = {
            "retCode": 110001,
            "retMsg": "order not exists or too late to cancel",
            "result": {},
            "retExtInfo": {},
            "time": 1672211918471,
        }
        mock_api.get(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.TRADE_HISTORY_PATH_URL)
        response = {
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
                        "orderId": order.exchange_order_id,
                        "stopOrderType": "",
                        "leavesQty": "0",
                        "execTime": "1640780000000",
                        "feeCurrency": self.expected_fill_fee.flat_fees[0].token,
                        "isMaker": False,
                        "execFee": str(self.expected_fill_fee.flat_fees[0].amount),
                        "feeRate": "0.001",
                        "execId": self.expected_fill_trade_id,
                        "tradeIv": "",
                        "blockTradeId": "",
                        "markPrice": "",
                        "execPrice": str(self.expected_partial_fill_price),
                        "markIv": "",
                        "orderQty": "0.0005",
                        "orderPrice": "",
                        "execValue": "21.385235",
                        "execType": "Trade",
                        "execQty": str(self.expected_partial_fill_amount),
                        "closedSize": "",
                    }
                ],
            },
            "retExtInfo": {},
            "time": 1702888880384,
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_http_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.TRADE_HISTORY_PATH_URL)
        mock_api.get(regex_url, status=400, callback=callback)
        return url

    def configure_full_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.TRADE_HISTORY_PATH_URL)
        response = {
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
                        "orderId": order.exchange_order_id,
                        "stopOrderType": "",
                        "leavesQty": "0",
                        "execTime": "1640780000000",
                        "feeCurrency": self.expected_fill_fee.flat_fees[0].token,
                        "isMaker": False,
                        "execFee": str(self.expected_fill_fee.flat_fees[0].amount),
                        "feeRate": "0.001",
                        "execId": self.expected_fill_trade_id,
                        "tradeIv": "",
                        "blockTradeId": "",
                        "markPrice": "",
                        "execPrice": str(order.price),
                        "markIv": "",
                        "orderQty": "0.0005",
                        "orderPrice": "",
                        "execValue": "21.385235",
                        "execType": "Trade",
                        "execQty": str(order.amount),
                        "closedSize": "",
                    }
                ],
            },
            "retExtInfo": {},
            "time": 1702888880384,
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "id": "5923240c6880ab-c59f-420b-9adb-3639adc9dd90",
            "topic": "order",
            "creationTime": 1672364262474,
            "data": [
                {
                    "symbol": "ETH-30DEC22-1400-C",
                    "orderId": order.exchange_order_id,
                    "side": "Sell",
                    "orderType": "Market",
                    "cancelType": "UNKNOWN",
                    "price": "72.5",
                    "qty": "1",
                    "orderIv": "",
                    "timeInForce": "IOC",
                    "orderStatus": "New",
                    "orderLinkId": order.client_order_id,
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
                    "updatedTime": "1640780000000",
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

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "id": "5923240c6880ab-c59f-420b-9adb-3639adc9dd90",
            "topic": "order",
            "creationTime": 1672364262474,
            "data": [
                {
                    "symbol": "ETH-30DEC22-1400-C",
                    "orderId": order.exchange_order_id,
                    "side": "Sell",
                    "orderType": "Market",
                    "cancelType": "UNKNOWN",
                    "price": "72.5",
                    "qty": "1",
                    "orderIv": "",
                    "timeInForce": "IOC",
                    "orderStatus": "Cancelled",
                    "orderLinkId": order.client_order_id,
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
                    "updatedTime": "1640780000000",
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

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "id": "5923240c6880ab-c59f-420b-9adb-3639adc9dd90",
            "topic": "order",
            "creationTime": 1672364262474,
            "data": [
                {
                    "symbol": "ETH-30DEC22-1400-C",
                    "orderId": order.exchange_order_id,
                    "side": "Sell",
                    "orderType": "Market",
                    "cancelType": "UNKNOWN",
                    "price": "72.5",
                    "qty": "1",
                    "orderIv": "",
                    "timeInForce": "IOC",
                    "orderStatus": "Filled",
                    "orderLinkId": order.client_order_id,
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
                    "updatedTime": "1640780000000",
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

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "topic": "execution",
            "id": "386825804_BTCUSDT_140612148849382",
            "creationTime": 1746270400355,
            "data": [
                {
                    "category": "spot",
                    "symbol": "BTCUSDT",
                    "closedSize": "",
                    "execFee": str(self.expected_fill_fee.flat_fees[0].amount),
                    "execId": self.expected_fill_trade_id,
                    "execPrice": str(order.price),
                    "execQty": str(order.amount),
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
                    "orderId": order.exchange_order_id,
                    "orderLinkId": order.client_order_id,
                    "orderPrice": "94308.6",
                    "orderQty": "0.000106",
                    "orderType": "Limit",
                    "stopOrderType": "",
                    "side": "Buy",
                    "execTime": "1640780000000",
                    "isLeverage": "0",
                    "isMaker": False,
                    "seq": 140612148849382,
                    "marketUnit": "",
                    "execPnl": "",
                    "createType": "CreateByUser",
                    "extraFees": "",
                    "feeCurrency": self.expected_fill_fee.flat_fees[0].token,
                }
            ],
        }

    def order_event_for_failed_order_websocket_update(self, order: InFlightOrder):
        return {
            "id": "5923240c6880ab-c59f-420b-9adb-3639adc9dd90",
            "topic": "order",
            "creationTime": 1672364262474,
            "data": [
                {
                    "symbol": "ETH-30DEC22-1400-C",
                    "orderId": order.exchange_order_id,
                    "side": "Sell",
                    "orderType": "Market",
                    "cancelType": "UNKNOWN",
                    "price": "72.5",
                    "qty": "1",
                    "orderIv": "",
                    "timeInForce": "IOC",
                    "orderStatus": "Rejected",
                    "orderLinkId": order.client_order_id,
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
                    "updatedTime": "1640780000000",
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
        self.assertEqual("bybit", self.exchange.name)
        other = BybitExchange(
            bybit_api_key="key",
            bybit_api_secret="key",
            trading_pairs=[self.trading_pair],
            domain="bybit_testnet",
        )
        self.assertEqual("bybit_testnet", other.name)

    @aioresponses()
    async def test_update_balances_sends_the_documented_query(self, mock_api):
        url = self._configure_balance_response(
            response=self.balance_request_mock_response_for_base_and_quote, mock_api=mock_api
        )

        await self.exchange._update_balances()

        request_params = self._all_executed_requests(mock_api, url)[0].kwargs["params"]
        self.assertEqual("5550001", request_params["accountType"])

    @aioresponses()
    async def test_prerequisite_account_type_is_requested_once_and_kept(self, mock_api):
        self.exchange._account_type = None
        url, regex_url = self._private_url(CONSTANTS.ACCOUNT_INFO_PATH_URL)
        mock_api.get(
            regex_url,
            body=json.dumps(
                {
                    "retCode": 0,
                    "retMsg": "OK",
                    "result": {
                        "marginMode": "REGULAR_MARGIN",
                        "updatedTime": "1697078946000",
                        "unifiedMarginStatus": 1,
                        "dcpStatus": "OFF",
                        "timeWindow": 10,
                        "smpGroup": 0,
                        "isMasterTrader": False,
                        "spotHedgingStatus": "OFF",
                    },
                }
            ),
            repeat=True,
        )

        first = await self.exchange._prerequisite_account_type()
        second = await self.exchange._prerequisite_account_type()

        self.assertEqual("SPOT", first)
        self.assertEqual("SPOT", second)
        requests = self._all_executed_requests(mock_api, regex_url)
        self.assertEqual(1, len(requests))
        self.validate_auth_credentials_present(requests[0])

    @aioresponses()
    async def test_update_account_type_requests_the_prerequisite_anew(self, mock_api):
        url, regex_url = self._private_url(CONSTANTS.ACCOUNT_INFO_PATH_URL)
        mock_api.get(
            regex_url,
            body=json.dumps(
                {
                    "retCode": 0,
                    "retMsg": "OK",
                    "result": {
                        "marginMode": "REGULAR_MARGIN",
                        "updatedTime": "1697078946000",
                        "unifiedMarginStatus": 1,
                        "dcpStatus": "OFF",
                        "timeWindow": 10,
                        "smpGroup": 0,
                        "isMasterTrader": False,
                        "spotHedgingStatus": "OFF",
                    },
                }
            ),
        )

        await self.exchange._update_account_type()

        self.assertEqual("SPOT", self.exchange._account_type)

    @aioresponses()
    async def test_update_account_type_keeps_the_default_for_an_unlisted_value(self, mock_api):
        url, regex_url = self._private_url(CONSTANTS.ACCOUNT_INFO_PATH_URL)
        mock_api.get(
            regex_url,
            body=json.dumps(
                {
                    "retCode": 0,
                    "retMsg": "OK",
                    "result": {
                        "marginMode": "REGULAR_MARGIN",
                        "updatedTime": "1697078946000",
                        "unifiedMarginStatus": 7770001,
                        "dcpStatus": "OFF",
                        "timeWindow": 10,
                        "smpGroup": 0,
                        "isMasterTrader": False,
                        "spotHedgingStatus": "OFF",
                    },
                }
            ),
        )

        await self.exchange._update_account_type()

        self.assertEqual("UNIFIED", self.exchange._account_type)

    @aioresponses()
    async def test_error_in_successful_http_response_raises_with_the_body(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        error_body = {"retCode": 10001, "retMsg": "params error", "result": {}, "retExtInfo": {}, "time": 1688639403423}
        mock_api.get(url, body=json.dumps(error_body))

        with self.assertRaises(IOError) as raised:
            await self.exchange._api_get(path_url=CONSTANTS.SERVER_TIME_PATH_URL)

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
            [Decimal("0.001"), Decimal("0.001"), Decimal("0.001")],
            [fee.percent for fee in fees],
        )

    @aioresponses()
    async def test_update_trading_fees_sets_the_account_rates_of_each_pair(self, mock_api):
        url, regex_url = self._private_url(CONSTANTS.EXCHANGE_FEE_RATE_PATH_URL)
        mock_api.get(
            regex_url,
            body=json.dumps(
                {
                    "retCode": 0,
                    "retMsg": "OK",
                    "result": {
                        "list": [
                            {
                                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                                "takerFeeRate": "0.0007",
                                "makerFeeRate": "0.0002",
                            },
                            {"symbol": "NOT-TRADED", "takerFeeRate": "0.5", "makerFeeRate": "0.5"},
                        ]
                    },
                    "retExtInfo": {},
                    "time": 1676360412576,
                }
            ),
            repeat=True,
        )

        await self.exchange._update_trading_fees()

        request = next(iter(mock_api.requests.values()))[0]
        sent = request.kwargs["params"]
        sent = (json.loads(sent) if isinstance(sent, str) else sent) or {}
        expected_params = {"category": "spot"}
        self.assertEqual(expected_params, {key: sent.get(key) for key in expected_params})
        self.validate_auth_credentials_present(request)
        # The pair's fee row is kept as the exchange sends it, as Hummingbot's connectors keep theirs.
        self.assertEqual(
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "takerFeeRate": "0.0007",
                "makerFeeRate": "0.0002",
            },
            self.exchange._trading_fees[self.trading_pair],
        )
        fees = [
            self.exchange.get_fee(base, quote, order_type, TradeType.BUY, Decimal("1"), Decimal("10")).percent
            for base, quote in ((self.base_asset, self.quote_asset), ("SOME", "OTHER"))
            for order_type in (OrderType.LIMIT_MAKER, OrderType.LIMIT)
        ]
        # The pair's maker and taker rates; the default fees for a pair without rates.
        self.assertEqual(
            [Decimal("0.0002"), Decimal("0.0007"), Decimal("0.001"), Decimal("0.001")],
            fees,
        )

    def test_fill_fees_are_paid_in_the_asset_the_order_receives(self):
        for trade_type, received in ((TradeType.BUY, self.base_asset), (TradeType.SELL, self.quote_asset)):
            order = InFlightOrder(
                client_order_id="OID1",
                exchange_order_id="EOID1",
                trading_pair=self.trading_pair,
                order_type=OrderType.LIMIT,
                trade_type=trade_type,
                amount=Decimal("1"),
                price=Decimal("10000"),
                creation_timestamp=1640780000,
            )
            self.assertEqual(received, self.exchange._received_asset(order))

    def test_client_order_id_has_prefix_and_fits_max_length(self):
        self._simulate_trading_rules_initialized()
        with patch.object(self.exchange, "_create_order", new_callable=AsyncMock):
            order_id = self.place_buy_order()
        self.assertTrue(order_id.startswith("HBOT-"))
        self.assertLessEqual(len(order_id), 36)
        self.assertRegex(order_id, "^(?:[A-Za-z0-9_-]{1,36})$")

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
        self.assertEqual("Limit", request_data["orderType"])
        self.assertEqual(Decimal("10000"), Decimal(request_data["price"]))
        self.assertEqual("PostOnly", request_data["timeInForce"])

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
        self.assertEqual("Market", request_data["orderType"])
        self.assertNotIn("price", request_data)
        self.assertNotIn("timeInForce", request_data)
        self.assertEqual("baseCoin", request_data["marketUnit"])

    @aioresponses()
    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_update_time_synchronizer_successfully(self, mock_api, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.exchange._time_synchronizer.clear_time_offset_ms_samples()
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        response = {
            "retCode": 0,
            "retMsg": "OK",
            "result": {"timeSecond": "1688639403", "timeNano": "1640000003000000000"},
            "retExtInfo": {},
            "time": 1688639403423,
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
        url = web_utils.private_rest_url(CONSTANTS.ORDER_PLACE_PATH_URL)
        error_body = json.dumps(
            {
                "retCode": 10002,
                "retMsg": "invalid request, please check your server timestamp or recv_window param",
                "result": {},
                "retExtInfo": {},
                "time": 1688639403423,
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

    @aioresponses()
    async def test_update_order_fills_without_a_fee_asset_take_it_by_rule(self, mock_api):
        """A fill row without its fee asset field: fee_asset_rule stands in for it."""
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        url, regex_url = self._private_url(CONSTANTS.TRADE_HISTORY_PATH_URL)
        response = {
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
                        "orderId": order.exchange_order_id,
                        "stopOrderType": "",
                        "leavesQty": "0",
                        "execTime": "1640780000000",
                        "feeCurrency": self.expected_fill_fee.flat_fees[0].token,
                        "isMaker": False,
                        "execFee": str(self.expected_fill_fee.flat_fees[0].amount),
                        "feeRate": "0.001",
                        "execId": self.expected_fill_trade_id,
                        "tradeIv": "",
                        "blockTradeId": "",
                        "markPrice": "",
                        "execPrice": str(order.price),
                        "markIv": "",
                        "orderQty": "0.0005",
                        "orderPrice": "",
                        "execValue": "21.385235",
                        "execType": "Trade",
                        "execQty": str(order.amount),
                        "closedSize": "",
                    }
                ],
            },
            "retExtInfo": {},
            "time": 1702888880384,
        }
        for row in response["result"]["list"]:
            row.pop("feeCurrency")
        mock_api.get(regex_url, body=json.dumps(response))

        await self.exchange._update_orders_fills(orders=[order])

        fill_event: OrderFilledEvent = self.order_filled_logger.event_log[0]
        self.assertEqual([self.base_asset], [fee.token for fee in fill_event.trade_fee.flat_fees])
        self.assertEqual(self.base_asset, fill_event.trade_fee.percent_token)

    async def test_user_stream_fill_without_a_fee_asset_takes_it_by_rule(self):
        """A fill event without its fee asset field: fee_asset_rule stands in for it."""
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        event = self.trade_event_for_full_fill_websocket_update(order)
        for row in event["data"]:
            row.pop("feeCurrency")
        mock_queue = AsyncMock()
        mock_queue.get.side_effect = [event, asyncio.CancelledError]
        self.exchange._user_stream_tracker._user_stream = mock_queue

        with self.assertRaises(asyncio.CancelledError):
            await self.exchange._user_stream_event_listener()

        fill_event: OrderFilledEvent = self.order_filled_logger.event_log[0]
        self.assertEqual(order.client_order_id, fill_event.order_id)
        self.assertEqual([self.base_asset], [fee.token for fee in fill_event.trade_fee.flat_fees])
        self.assertEqual(self.base_asset, fill_event.trade_fee.percent_token)

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
        mock_queue.get.side_effect = [self.trade_event_for_full_fill_websocket_update(order), asyncio.CancelledError]
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
        del event["data"][0]["orderLinkId"]
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
            {"topic": "hbgen-unknown-event"},
            {"topic": "order"},
            {"topic": "order", "data": []},
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
