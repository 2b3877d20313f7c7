import asyncio
import hashlib
import hmac
import json
import re
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional, Tuple
from unittest.mock import AsyncMock, patch
from urllib.parse import urlencode

from aioresponses import aioresponses
from aioresponses.core import RequestCall

from hummingbot.connector.exchange.binance import binance_constants as CONSTANTS, binance_web_utils as web_utils
from hummingbot.connector.exchange.binance.binance_exchange import BinanceExchange
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import DeductedFromReturnsTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import MarketOrderFailureEvent, OrderFilledEvent


class BinanceExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = "test-secret_key"
    expected_order_type_names = {
        OrderType.LIMIT: "LIMIT",
        OrderType.LIMIT_MAKER: "LIMIT_MAKER",
        OrderType.MARKET: "MARKET",
    }

    @property
    def all_symbols_url(self):
        return web_utils.public_rest_url(CONSTANTS.EXCHANGE_INFO_PATH_URL, domain=self.exchange.domain)

    @property
    def latest_prices_url(self):
        return self._url_pattern(
            web_utils.public_rest_url(CONSTANTS.TICKER_PRICE_CHANGE_PATH_URL, domain=self.exchange.domain)
        )

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.PING_PATH_URL, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return web_utils.public_rest_url(CONSTANTS.EXCHANGE_INFO_PATH_URL, domain=self.exchange.domain)

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.ORDER_PATH_URL, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.ACCOUNTS_PATH_URL, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return {
            "timezone": "UTC",
            "serverTime": 1565246363776,
            "rateLimits": [],
            "exchangeFilters": [],
            "symbols": [
                {
                    "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "status": "TRADING",
                    "baseAsset": self.base_asset,
                    "baseAssetPrecision": 8,
                    "quoteAsset": self.quote_asset,
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
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "NONE",
                    "allowedSelfTradePreventionModes": ["NONE"],
                }
            ],
        }

    @property
    def latest_prices_request_mock_response(self):
        return {
            "symbol": "BNBBTC",
            "priceChange": "-94.99999800",
            "priceChangePercent": "-95.960",
            "weightedAvgPrice": "0.29628482",
            "prevClosePrice": "0.10002000",
            "lastPrice": str(self.expected_latest_price),
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
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = {
            "timezone": "UTC",
            "serverTime": 1565246363776,
            "rateLimits": [],
            "exchangeFilters": [],
            "symbols": [
                {
                    "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "status": "TRADING",
                    "baseAsset": self.base_asset,
                    "baseAssetPrecision": 8,
                    "quoteAsset": self.quote_asset,
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
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "NONE",
                    "allowedSelfTradePreventionModes": ["NONE"],
                },
                {
                    "symbol": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                    "status": "NOT_TRADING",
                    "baseAsset": "INVALID",
                    "baseAssetPrecision": 8,
                    "quoteAsset": "PAIR",
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
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "NONE",
                    "allowedSelfTradePreventionModes": ["NONE"],
                },
            ],
        }
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return {}

    @property
    def trading_rules_request_mock_response(self):
        return {
            "timezone": "UTC",
            "serverTime": 1565246363776,
            "rateLimits": [],
            "exchangeFilters": [],
            "symbols": [
                {
                    "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "status": "TRADING",
                    "baseAsset": self.base_asset,
                    "baseAssetPrecision": 8,
                    "quoteAsset": self.quote_asset,
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
                            "tickSize": "0.0001",
                        },
                        {
                            "filterType": "LOT_SIZE",
                            "minQty": "0.01",
                            "maxQty": "100000.00000000",
                            "stepSize": "0.000001",
                        },
                        {
                            "filterType": "NOTIONAL",
                            "minNotional": "10",
                            "applyMinToMarket": True,
                            "maxNotional": "9000000.00000000",
                            "applyMaxToMarket": False,
                            "avgPriceMins": 5,
                        },
                    ],
                    "permissions": [],
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "NONE",
                    "allowedSelfTradePreventionModes": ["NONE"],
                }
            ],
        }

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return {
            "timezone": "UTC",
            "serverTime": 1565246363776,
            "rateLimits": [],
            "exchangeFilters": [],
            "symbols": [
                {
                    "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "status": "TRADING",
                    "baseAsset": self.base_asset,
                    "baseAssetPrecision": 8,
                    "quoteAsset": self.quote_asset,
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
                    "permissions": [],
                    "permissionSets": [["SPOT"]],
                    "defaultSelfTradePreventionMode": "NONE",
                    "allowedSelfTradePreventionModes": ["NONE"],
                }
            ],
        }

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "symbol": "BTCUSDT",
            "orderId": int(self.expected_exchange_order_id),
            "orderListId": -1,
            "clientOrderId": "6gCrw2kRUAF9CvJDGP16IP",
            "transactTime": 1640780000000,
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
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return {
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
                {"asset": self.base_asset, "free": "10", "locked": "5"},
                {"asset": self.quote_asset, "free": "2000", "locked": "0"},
            ],
            "permissions": ["SPOT"],
            "uid": 354937868,
        }

    @property
    def balance_request_mock_response_only_base(self):
        return {
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
            "balances": [{"asset": self.base_asset, "free": "10", "locked": "5"}],
            "permissions": ["SPOT"],
            "uid": 354937868,
        }

    @property
    def balance_event_websocket_update(self):
        return {
            "e": "outboundAccountPosition",
            "E": 1564034571105,
            "u": 1564034571073,
            "B": [{"a": self.base_asset, "f": "10", "l": "5"}],
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
        erroneous_rule = self.trading_rules_request_erroneous_mock_response["symbols"][0]
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
        return DeductedFromReturnsTradeFee(
            percent_token=self.quote_asset,
            flat_fees=[TokenAmount(token=self.quote_asset, amount=Decimal("30"))],
        )

    @property
    def expected_fill_trade_id(self) -> str:
        return "30000"

    def exchange_symbol_for_tokens(self, base_token: str, quote_token: str) -> str:
        return (base_token + quote_token).upper()

    def create_exchange_instance(self):
        return BinanceExchange(
            binance_api_key=self.api_key,
            binance_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
        )

    def _signed_params(self, request_call: RequestCall) -> Dict[str, Any]:
        return request_call.kwargs["data"] or request_call.kwargs["params"]

    def validate_auth_credentials_present(self, request_call: RequestCall):
        headers = request_call.kwargs["headers"]
        self.assertIn("X-MBX-APIKEY", headers)
        signed = dict(self._signed_params(request_call))
        self.assertIn("timestamp", signed)
        signature = signed.pop("signature")
        # The signature is recomputed here, independently, from the documented recipe.
        digest = hmac.new(self.secret_key.encode("utf8"), urlencode(signed).encode("utf8"), hashlib.sha256)
        self.assertEqual(digest.hexdigest(), signature)

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = request_call.kwargs["data"]
        self.assertEqual(self.exchange_trading_pair, request_data["symbol"])
        self.assertEqual("BUY" if order.trade_type == TradeType.BUY else "SELL", request_data["side"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["type"])
        self.assertEqual(order.amount, Decimal(request_data["quantity"]))
        self.assertEqual(order.price, Decimal(request_data["price"]))
        self.assertEqual("GTC", request_data["timeInForce"])
        self.assertEqual(order.client_order_id, request_data["newClientOrderId"])

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])
        self.assertEqual(order.exchange_order_id, request_params["orderId"])
        self.assertEqual(order.client_order_id, request_params["origClientOrderId"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])
        self.assertEqual(order.client_order_id, request_params["origClientOrderId"])

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
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
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "symbol": "LTCBTC",
            "origClientOrderId": "myOrder1",
            "orderId": 4,
            "orderListId": -1,
            "clientOrderId": "cancelMyOrder1",
            "transactTime": 1684804350068,
            "price": "2.00000000",
            "origQty": "1.00000000",
            "executedQty": "0.00000000",
            "origQuoteOrderQty": "0.000000",
            "cummulativeQuoteQty": "0.00000000",
            "status": "CANCELED",
            "timeInForce": "GTC",
            "type": "LIMIT",
            "side": "BUY",
            "selfTradePreventionMode": "NONE",
        }
        mock_api.delete(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        mock_api.delete(regex_url, status=400, callback=callback)
        return url

    def configure_order_not_found_error_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {"code": -2011, "msg": "Unknown order sent."}
        mock_api.delete(regex_url, status=400, body=json.dumps(response), callback=callback)
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
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "symbol": "LTCBTC",
            "orderId": int(order.exchange_order_id),
            "orderListId": -1,
            "clientOrderId": order.client_order_id,
            "price": "0.1",
            "origQty": "1.0",
            "executedQty": "0.0",
            "cummulativeQuoteQty": "0.0",
            "status": "FILLED",
            "timeInForce": "GTC",
            "type": "LIMIT",
            "side": "BUY",
            "stopPrice": "0.0",
            "icebergQty": "0.0",
            "time": 1499827319559,
            "updateTime": 1640780000000,
            "isWorking": True,
            "workingTime": 1499827319559,
            "origQuoteOrderQty": "0.000000",
            "selfTradePreventionMode": "NONE",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "symbol": "LTCBTC",
            "orderId": int(order.exchange_order_id),
            "orderListId": -1,
            "clientOrderId": order.client_order_id,
            "price": "0.1",
            "origQty": "1.0",
            "executedQty": "0.0",
            "cummulativeQuoteQty": "0.0",
            "status": "CANCELED",
            "timeInForce": "GTC",
            "type": "LIMIT",
            "side": "BUY",
            "stopPrice": "0.0",
            "icebergQty": "0.0",
            "time": 1499827319559,
            "updateTime": 1640780000000,
            "isWorking": True,
            "workingTime": 1499827319559,
            "origQuoteOrderQty": "0.000000",
            "selfTradePreventionMode": "NONE",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "symbol": "LTCBTC",
            "orderId": int(order.exchange_order_id),
            "orderListId": -1,
            "clientOrderId": order.client_order_id,
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
            "updateTime": 1640780000000,
            "isWorking": True,
            "workingTime": 1499827319559,
            "origQuoteOrderQty": "0.000000",
            "selfTradePreventionMode": "NONE",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "symbol": "LTCBTC",
            "orderId": int(order.exchange_order_id),
            "orderListId": -1,
            "clientOrderId": order.client_order_id,
            "price": "0.1",
            "origQty": "1.0",
            "executedQty": "0.0",
            "cummulativeQuoteQty": "0.0",
            "status": "PARTIALLY_FILLED",
            "timeInForce": "GTC",
            "type": "LIMIT",
            "side": "BUY",
            "stopPrice": "0.0",
            "icebergQty": "0.0",
            "time": 1499827319559,
            "updateTime": 1640780000000,
            "isWorking": True,
            "workingTime": 1499827319559,
            "origQuoteOrderQty": "0.000000",
            "selfTradePreventionMode": "NONE",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_failed_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "symbol": "LTCBTC",
            "orderId": int(order.exchange_order_id),
            "orderListId": -1,
            "clientOrderId": order.client_order_id,
            "price": "0.1",
            "origQty": "1.0",
            "executedQty": "0.0",
            "cummulativeQuoteQty": "0.0",
            "status": "REJECTED",
            "timeInForce": "GTC",
            "type": "LIMIT",
            "side": "BUY",
            "stopPrice": "0.0",
            "icebergQty": "0.0",
            "time": 1499827319559,
            "updateTime": 1640780000000,
            "isWorking": True,
            "workingTime": 1499827319559,
            "origQuoteOrderQty": "0.000000",
            "selfTradePreventionMode": "NONE",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        mock_api.get(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {"code": -2013, "msg": "Order does not exist."}
        mock_api.get(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.MY_TRADES_PATH_URL)
        response = [
            {
                "symbol": "BNBBTC",
                "id": int(self.expected_fill_trade_id),
                "orderId": int(order.exchange_order_id),
                "orderListId": -1,
                "price": str(self.expected_partial_fill_price),
                "qty": str(self.expected_partial_fill_amount),
                "quoteQty": str(self.expected_partial_fill_price * self.expected_partial_fill_amount),
                "commission": str(self.expected_fill_fee.flat_fees[0].amount),
                "commissionAsset": self.expected_fill_fee.flat_fees[0].token,
                "time": 1640780000000,
                "isBuyer": True,
                "isMaker": False,
                "isBestMatch": True,
            }
        ]
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_http_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.MY_TRADES_PATH_URL)
        mock_api.get(regex_url, status=400, callback=callback)
        return url

    def configure_full_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.MY_TRADES_PATH_URL)
        response = [
            {
                "symbol": "BNBBTC",
                "id": int(self.expected_fill_trade_id),
                "orderId": int(order.exchange_order_id),
                "orderListId": -1,
                "price": str(order.price),
                "qty": str(order.amount),
                "quoteQty": str(order.price * order.amount),
                "commission": str(self.expected_fill_fee.flat_fees[0].amount),
                "commissionAsset": self.expected_fill_fee.flat_fees[0].token,
                "time": 1640780000000,
                "isBuyer": True,
                "isMaker": False,
                "isBestMatch": True,
            }
        ]
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "e": "executionReport",
            "E": 1640780000000,
            "s": "ETHBTC",
            "c": order.client_order_id,
            "S": "BUY",
            "o": "LIMIT",
            "f": "GTC",
            "q": "1.00000000",
            "p": "0.10264410",
            "P": "0.00000000",
            "F": "0.00000000",
            "g": -1,
            "C": "",
            "x": "NOT_TRADE",
            "X": "NEW",
            "r": "NONE",
            "i": int(order.exchange_order_id),
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

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "e": "executionReport",
            "E": 1640780000000,
            "s": "ETHBTC",
            "c": "decoy-id",
            "S": "BUY",
            "o": "LIMIT",
            "f": "GTC",
            "q": "1.00000000",
            "p": "0.10264410",
            "P": "0.00000000",
            "F": "0.00000000",
            "g": -1,
            "C": order.client_order_id,
            "x": "NOT_TRADE",
            "X": "CANCELED",
            "r": "NONE",
            "i": int(order.exchange_order_id),
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

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "e": "executionReport",
            "E": 1640780000000,
            "s": "ETHBTC",
            "c": order.client_order_id,
            "S": "BUY",
            "o": "LIMIT",
            "f": "GTC",
            "q": "1.00000000",
            "p": "0.10264410",
            "P": "0.00000000",
            "F": "0.00000000",
            "g": -1,
            "C": "",
            "x": "TRADE",
            "X": "FILLED",
            "r": "NONE",
            "i": int(order.exchange_order_id),
            "l": str(order.amount),
            "z": "0.00000000",
            "L": str(order.price),
            "n": str(self.expected_fill_fee.flat_fees[0].amount),
            "N": self.expected_fill_fee.flat_fees[0].token,
            "T": 1640780000000,
            "t": int(self.expected_fill_trade_id),
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

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        # Fills arrive with the order event itself.
        return None

    def order_event_for_failed_order_websocket_update(self, order: InFlightOrder):
        return {
            "e": "executionReport",
            "E": 1640780000000,
            "s": "ETHBTC",
            "c": order.client_order_id,
            "S": "BUY",
            "o": "LIMIT",
            "f": "GTC",
            "q": "1.00000000",
            "p": "0.10264410",
            "P": "0.00000000",
            "F": "0.00000000",
            "g": -1,
            "C": "",
            "x": "NOT_TRADE",
            "X": "REJECTED",
            "r": "NONE",
            "i": int(order.exchange_order_id),
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
        self.assertEqual("binance", self.exchange.name)
        other = BinanceExchange(
            binance_api_key="key",
            binance_api_secret="key",
            trading_pairs=[self.trading_pair],
            domain="us",
        )
        self.assertEqual("binance_us", other.name)

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
    async def test_place_order_of_unknown_outcome_is_tracked_under_an_unknown_exchange_id(self, mock_api):
        self._simulate_trading_rules_initialized()
        self.exchange._set_current_timestamp(1640780000)
        mock_api.post(
            self.order_creation_url,
            status=503,
            body=json.dumps({"code": -1003, "msg": "Unknown error, please check your request or try again later."}),
        )

        exchange_order_id, _ = await self.exchange._place_order(
            order_id="OID1",
            trading_pair=self.trading_pair,
            amount=Decimal("1"),
            trade_type=TradeType.BUY,
            order_type=OrderType.LIMIT,
            price=Decimal("10000"),
        )

        self.assertEqual("UNKNOWN", exchange_order_id)

    @aioresponses()
    async def test_place_order_failing_otherwise_raises(self, mock_api):
        self._simulate_trading_rules_initialized()
        self.exchange._set_current_timestamp(1640780000)
        # The same status without the documented text, then the documented text with another status.
        mock_api.post(
            self.order_creation_url, status=503, body=json.dumps({"code": -1003, "msg": "hbgen: another error"})
        )
        mock_api.post(
            self.order_creation_url,
            status=500,
            body=json.dumps({"code": -1003, "msg": "Unknown error, please check your request or try again later."}),
        )

        for _ in range(2):
            with self.assertRaises(IOError):
                await self.exchange._place_order(
                    order_id="OID1",
                    trading_pair=self.trading_pair,
                    amount=Decimal("1"),
                    trade_type=TradeType.BUY,
                    order_type=OrderType.LIMIT,
                    price=Decimal("10000"),
                )

    @aioresponses()
    async def test_order_of_unknown_outcome_takes_the_exchange_order_id_its_status_gives(self, mock_api):
        self.exchange._set_current_timestamp(1640780000)
        order = self._track_buy_order()
        self.configure_open_order_status_response(order=order, mock_api=mock_api)
        order.exchange_order_id = "UNKNOWN"

        await self.exchange._update_order_status()
        await asyncio.sleep(0.1)

        self.assertEqual(str(self.expected_exchange_order_id), order.exchange_order_id)
        self.assertEqual(OrderState.OPEN, order.current_state)

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
        self.assertTrue(order_id.startswith("x-MG43PCSN"))
        self.assertLessEqual(len(order_id), 32)

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
        self.assertEqual("LIMIT_MAKER", request_data["type"])
        self.assertEqual(Decimal("10000"), Decimal(request_data["price"]))
        self.assertNotIn("timeInForce", request_data)

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
        self.assertEqual("MARKET", request_data["type"])
        self.assertNotIn("price", request_data)
        self.assertNotIn("timeInForce", request_data)

    @aioresponses()
    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_update_time_synchronizer_successfully(self, mock_api, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.exchange._time_synchronizer.clear_time_offset_ms_samples()
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        response = {"serverTime": 1640000003000}
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
        url = web_utils.private_rest_url(CONSTANTS.ORDER_PATH_URL)
        error_body = json.dumps({"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."})
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
        del event["C"]
        del event["c"]
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
        # An event of no known type, an order event without its fields, then the order's own event.
        mock_queue.get.side_effect = [
            {"e": "hbgen-unknown-event"},
            {"e": "executionReport"},
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
