import asyncio
import json
import re
from decimal import Decimal
from typing import Any, Callable, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall
from bidict import bidict

from hummingbot.connector.exchange.kucoin import kucoin_constants as CONSTANTS, kucoin_web_utils as web_utils
from hummingbot.connector.exchange.kucoin.kucoin_exchange import KucoinExchange
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import OrderFilledEvent


class KucoinExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    passphrase = "test-passphrase"
    secret_key = "test-secret_key"
    expected_order_type_names = {
        OrderType.LIMIT: "limit",
        OrderType.LIMIT_MAKER: "limit",
        OrderType.MARKET: "market",
    }

    @property
    def all_symbols_url(self):
        return web_utils.public_rest_url(CONSTANTS.SYMBOLS_PATH_URL, domain=self.exchange.domain)

    @property
    def latest_prices_url(self):
        return self._url_pattern(
            web_utils.public_rest_url(CONSTANTS.TICKER_PRICE_CHANGE_PATH_URL, domain=self.exchange.domain)
        )

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return web_utils.public_rest_url(CONSTANTS.SYMBOLS_PATH_URL, domain=self.exchange.domain)

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.ORDERS_PATH_URL, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.ACCOUNTS_PATH_URL, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return {
            "code": "200000",
            "data": [
                {
                    "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "name": "BTC-USDT",
                    "baseCurrency": self.base_asset,
                    "quoteCurrency": self.quote_asset,
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
        }

    @property
    def latest_prices_request_mock_response(self):
        return {
            "code": "200000",
            "data": {
                "time": 1729172965609,
                "sequence": "14609309753",
                "price": str(self.expected_latest_price),
                "size": "0.000025",
                "bestBid": "67267.5",
                "bestBidSize": "0.000025",
                "bestAsk": "67267.6",
                "bestAskSize": "1.24808993",
            },
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = {
            "code": "200000",
            "data": [
                {
                    "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "name": "BTC-USDT",
                    "baseCurrency": self.base_asset,
                    "quoteCurrency": self.quote_asset,
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
                },
                {
                    "symbol": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                    "name": "BTC-USDT",
                    "baseCurrency": "INVALID",
                    "quoteCurrency": "PAIR",
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
                    "enableTrading": False,
                    "feeCategory": 1,
                    "makerFeeCoefficient": "1.00",
                    "takerFeeCoefficient": "1.00",
                    "st": False,
                },
            ],
        }
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return {"code": "200000", "msg": "success", "data": 1546837113087}

    @property
    def trading_rules_request_mock_response(self):
        return {
            "code": "200000",
            "data": [
                {
                    "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "name": "BTC-USDT",
                    "baseCurrency": self.base_asset,
                    "quoteCurrency": self.quote_asset,
                    "feeCurrency": "USDT",
                    "market": "USDS",
                    "baseMinSize": "0.01",
                    "quoteMinSize": "10",
                    "baseMaxSize": "10000000000",
                    "quoteMaxSize": "99999999",
                    "baseIncrement": "0.000001",
                    "quoteIncrement": "0.000001",
                    "priceIncrement": "0.0001",
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
        }

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return {
            "code": "200000",
            "data": [
                {
                    "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "name": "BTC-USDT",
                    "baseCurrency": self.base_asset,
                    "quoteCurrency": self.quote_asset,
                    "feeCurrency": "USDT",
                    "market": "USDS",
                    "baseMaxSize": "10000000000",
                    "quoteMaxSize": "99999999",
                    "quoteIncrement": "0.000001",
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
        }

    @property
    def order_creation_request_successful_mock_response(self):
        return {"code": "200000", "data": {"orderId": self.expected_exchange_order_id}}

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return {
            "code": "200000",
            "data": [
                {
                    "id": "548674591753",
                    "currency": self.base_asset,
                    "type": "trade",
                    "balance": "15",
                    "available": "10",
                    "holds": "0",
                },
                {
                    "id": "548674591753",
                    "currency": self.quote_asset,
                    "type": "trade",
                    "balance": "2000",
                    "available": "2000",
                    "holds": "0",
                },
            ],
        }

    @property
    def balance_request_mock_response_only_base(self):
        return {
            "code": "200000",
            "data": [
                {
                    "id": "548674591753",
                    "currency": self.base_asset,
                    "type": "trade",
                    "balance": "15",
                    "available": "10",
                    "holds": "0",
                }
            ],
        }

    @property
    def balance_event_websocket_update(self):
        return {
            "type": "message",
            "topic": "/account/balance",
            "subject": "account.balance",
            "channelType": "private",
            "data": {
                "accountId": "XXXX",
                "available": "10",
                "availableChange": "-0.00000001",
                "currency": self.base_asset,
                "hold": "0",
                "holdChange": "0",
                "relationContext": {"symbol": "BTC-USDT", "orderId": "6721d0632db25b0007071fdc"},
                "relationEvent": "trade.hold",
                "relationEventId": "354689988084000",
                "time": "1730269283892",
                "total": "15",
            },
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
        erroneous_rule = self.trading_rules_request_erroneous_mock_response["data"][0]
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
        return (base_token + "-" + quote_token).upper()

    def create_exchange_instance(self):
        return KucoinExchange(
            kucoin_api_key=self.api_key,
            kucoin_passphrase=self.passphrase,
            kucoin_secret_key=self.secret_key,
            trading_pairs=[self.trading_pair],
        )

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertEqual(self.api_key, headers["KC-API-KEY"])
        self.assertIn("KC-API-SIGN", headers)
        self.assertIn("KC-API-TIMESTAMP", headers)
        self.assertIn("KC-API-PASSPHRASE", headers)
        self.assertEqual("2", headers["KC-API-KEY-VERSION"])
        self.assertEqual("Hummingbot", headers["KC-API-PARTNER"])
        self.assertIn("KC-API-PARTNER-SIGN", headers)

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = json.loads(request_call.kwargs["data"])
        self.assertEqual(order.client_order_id, request_data["clientOid"])
        self.assertEqual("buy" if order.trade_type == TradeType.BUY else "sell", request_data["side"])
        self.assertEqual(self.exchange_trading_pair, request_data["symbol"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["type"])
        self.assertEqual(order.amount, Decimal(request_data["size"]))
        self.assertEqual(order.price, Decimal(request_data["price"]))

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        """The request names the order in its URL path, which the mocked URL pins to the order's ids."""

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        """The request names the order in its URL path, which the mocked URL pins to the order's ids."""

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        # One request for the fills of every order (orders.fills.bulk): the time they are asked from.
        request_params = request_call.kwargs["params"]
        self.assertIn("startAt", request_params)
        self.assertEqual(500, request_params["pageSize"])

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
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        response = {"code": "200000", "data": {"cancelledOrderIds": [order.exchange_order_id]}}
        mock_api.delete(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        mock_api.delete(regex_url, status=400, callback=callback)
        return url

    def configure_order_not_found_error_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        response = {"code": "400100", "msg": "order_not_exist_or_not_allow_to_cancel"}
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
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        response = {
            "code": "200000",
            "data": {
                "id": order.exchange_order_id,
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
                "clientOid": order.client_order_id,
                "remark": "",
                "tags": "",
                "isActive": False,
                "cancelExist": False,
                "createdAt": 1640780000000,
                "tradeType": "TRADE",
            },
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        response = {
            "code": "200000",
            "data": {
                "id": order.exchange_order_id,
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
                "clientOid": order.client_order_id,
                "remark": "",
                "tags": "",
                "isActive": False,
                "cancelExist": True,
                "createdAt": 1640780000000,
                "tradeType": "TRADE",
            },
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        response = {
            "code": "200000",
            "data": {
                "id": order.exchange_order_id,
                "symbol": "BTC-USDT",
                "opType": "DEAL",
                "type": "limit",
                "side": "buy",
                "price": "10",
                "size": "2",
                "funds": "0",
                "dealFunds": "0.166",
                "dealSize": "0",
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
                "clientOid": order.client_order_id,
                "remark": "",
                "tags": "",
                "isActive": True,
                "cancelExist": False,
                "createdAt": 1640780000000,
                "tradeType": "TRADE",
            },
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        response = {
            "code": "200000",
            "data": {
                "id": order.exchange_order_id,
                "symbol": "BTC-USDT",
                "opType": "DEAL",
                "type": "limit",
                "side": "buy",
                "price": "10",
                "size": "2",
                "funds": "0",
                "dealFunds": "0.166",
                "dealSize": "1",
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
                "clientOid": order.client_order_id,
                "remark": "",
                "tags": "",
                "isActive": True,
                "cancelExist": False,
                "createdAt": 1640780000000,
                "tradeType": "TRADE",
            },
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        mock_api.get(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(
            CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=order.exchange_order_id)
        )
        response = {"code": "400100", "msg": "order not exist."}
        mock_api.get(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.FILLS_PATH_URL)
        response = {
            "code": "200000",
            "data": {
                "currentPage": 1,
                "pageSize": 1,
                "totalNum": 251915,
                "totalPage": 251915,
                "items": [
                    {
                        "symbol": "BTC-USDT",
                        "tradeId": self.expected_fill_trade_id,
                        "orderId": order.exchange_order_id,
                        "counterOrderId": "5c1ab46003aa676e487fa8e3",
                        "side": "buy",
                        "liquidity": "taker",
                        "forceTaker": True,
                        "price": str(self.expected_partial_fill_price),
                        "size": str(self.expected_partial_fill_amount),
                        "funds": str(self.expected_partial_fill_price * self.expected_partial_fill_amount),
                        "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                        "feeRate": "0",
                        "feeCurrency": self.expected_fill_fee.flat_fees[0].token,
                        "stop": "",
                        "type": "limit",
                        "createdAt": 1640780000000,
                        "tradeType": "TRADE",
                    }
                ],
            },
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_http_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.FILLS_PATH_URL)
        mock_api.get(regex_url, status=400, callback=callback)
        return url

    def configure_full_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.FILLS_PATH_URL)
        response = {
            "code": "200000",
            "data": {
                "currentPage": 1,
                "pageSize": 1,
                "totalNum": 251915,
                "totalPage": 251915,
                "items": [
                    {
                        "symbol": "BTC-USDT",
                        "tradeId": self.expected_fill_trade_id,
                        "orderId": order.exchange_order_id,
                        "counterOrderId": "5c1ab46003aa676e487fa8e3",
                        "side": "buy",
                        "liquidity": "taker",
                        "forceTaker": True,
                        "price": str(order.price),
                        "size": str(order.amount),
                        "funds": str(order.price * order.amount),
                        "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                        "feeRate": "0",
                        "feeCurrency": self.expected_fill_fee.flat_fees[0].token,
                        "stop": "",
                        "type": "limit",
                        "createdAt": 1640780000000,
                        "tradeType": "TRADE",
                    }
                ],
            },
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "type": "message",
            "topic": "/spotMarket/tradeOrders",
            "subject": "orderChange",
            "channelType": "private",
            "data": {
                "symbol": "KCS-USDT",
                "orderType": "limit",
                "side": "buy",
                "orderId": order.exchange_order_id,
                "type": "open",
                "orderTime": 1593487481683297666,
                "size": "0.1",
                "filledSize": "0.1",
                "price": "0.937",
                "matchPrice": "0.937",
                "matchSize": "0.1",
                "tradeId": "5efab07a4ee4c7000a82d6d9",
                "clientOid": order.client_order_id,
                "remainSize": "0",
                "status": "match",
                "ts": 1640780000000000000,
            },
        }

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "type": "message",
            "topic": "/spotMarket/tradeOrders",
            "subject": "orderChange",
            "channelType": "private",
            "data": {
                "symbol": "KCS-USDT",
                "orderType": "limit",
                "side": "buy",
                "orderId": order.exchange_order_id,
                "type": "canceled",
                "orderTime": 1593487481683297666,
                "size": "0.1",
                "filledSize": "0.1",
                "price": "0.937",
                "matchPrice": "0.937",
                "matchSize": "0.1",
                "tradeId": "5efab07a4ee4c7000a82d6d9",
                "clientOid": order.client_order_id,
                "remainSize": "0",
                "status": "match",
                "ts": 1640780000000000000,
            },
        }

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "type": "message",
            "topic": "/spotMarket/tradeOrders",
            "subject": "orderChange",
            "channelType": "private",
            "data": {
                "symbol": "KCS-USDT",
                "orderType": "limit",
                "side": "buy",
                "orderId": order.exchange_order_id,
                "type": "filled",
                "orderTime": 1593487481683297666,
                "size": "0.1",
                "filledSize": "0.1",
                "price": "0.937",
                "matchPrice": "0.937",
                "matchSize": "0.1",
                "tradeId": "5efab07a4ee4c7000a82d6d9",
                "clientOid": order.client_order_id,
                "remainSize": "0",
                "status": "match",
                "ts": 1640780000000000000,
            },
        }

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        # Fills arrive with the order event itself.
        return None

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
        self.assertEqual("kucoin", self.exchange.name)

    @aioresponses()
    async def test_update_balances_sends_the_documented_query(self, mock_api):
        url = self._configure_balance_response(
            response=self.balance_request_mock_response_for_base_and_quote, mock_api=mock_api
        )

        await self.exchange._update_balances()

        request_params = self._all_executed_requests(mock_api, url)[0].kwargs["params"]
        self.assertEqual("trade", request_params["type"])

    @aioresponses()
    async def test_error_in_successful_http_response_raises_with_the_body(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        error_body = {"code": "400100", "msg": "Parameter Error"}
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
        url, regex_url = self._private_url(CONSTANTS.FEE_PATH_URL)
        mock_api.get(
            regex_url,
            body=json.dumps(
                {
                    "code": "200000",
                    "data": [
                        {
                            "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                            "takerFeeRate": "0.0007",
                            "makerFeeRate": "0.0002",
                        },
                        {"symbol": "NOT-TRADED", "takerFeeRate": "0.5", "makerFeeRate": "0.5"},
                    ],
                }
            ),
            repeat=True,
        )

        await self.exchange._update_trading_fees()

        request = next(iter(mock_api.requests.values()))[0]
        sent = request.kwargs["params"]
        sent = (json.loads(sent) if isinstance(sent, str) else sent) or {}
        expected_params = {"symbols": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset)}
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

    @aioresponses()
    async def test_update_trading_fees_names_at_most_the_symbol_limit_per_request(self, mock_api):
        url, regex_url = self._private_url(CONSTANTS.FEE_PATH_URL)
        mock_api.get(
            regex_url,
            body=json.dumps(
                {
                    "code": "200000",
                    "data": [
                        {
                            "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                            "takerFeeRate": "0.0007",
                            "makerFeeRate": "0.0002",
                        },
                        {"symbol": "NOT-TRADED", "takerFeeRate": "0.5", "makerFeeRate": "0.5"},
                    ],
                }
            ),
            repeat=True,
        )
        pairs = [f"A{index}-HBOT" for index in range(CONSTANTS.TRADING_FEES_SYMBOL_LIMIT + 1)]
        self.exchange._trading_pairs = pairs
        self.exchange._set_trading_pair_symbol_map(bidict({pair: pair for pair in pairs}))

        await self.exchange._update_trading_fees()

        sent = [call.kwargs["params"]["symbols"] for calls in mock_api.requests.values() for call in calls]
        self.assertEqual(10, CONSTANTS.TRADING_FEES_SYMBOL_LIMIT)
        self.assertEqual([",".join(pairs[:-1]), pairs[-1]], sent)

    def test_order_not_found_errors_need_the_documented_code(self):
        self.assertEqual("400100", CONSTANTS.RET_CODE_ORDER_NOT_EXIST_OR_NOT_ALLOW_TO_CANCEL)
        self.assertTrue(
            self.exchange._is_order_not_found_during_cancelation_error(
                IOError("Error: " + '{"code": "400100", "msg": "order_not_exist_or_not_allow_to_cancel"}')
            )
        )
        self.assertFalse(
            self.exchange._is_order_not_found_during_cancelation_error(
                IOError("Error: " + '{"code": "", "msg": "order_not_exist_or_not_allow_to_cancel"}')
            )
        )

    @aioresponses()
    async def test_response_without_the_success_field_is_no_error(self, mock_api):
        """response_errors.absent_field is success: every documented error carries the field."""
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        body = {"msg": "success", "data": 1546837113087}
        mock_api.get(url, body=json.dumps(body))

        response = await self.exchange._api_get(path_url=CONSTANTS.SERVER_TIME_PATH_URL)

        self.assertEqual(body, response)

    def test_client_order_id_has_prefix_and_fits_max_length(self):
        self._simulate_trading_rules_initialized()
        with patch.object(self.exchange, "_create_order", new_callable=AsyncMock):
            order_id = self.place_buy_order()
        self.assertTrue(order_id.startswith(""))
        self.assertLessEqual(len(order_id), 40)
        self.assertRegex(order_id, "^(?:[A-Za-z0-9_-]{1,40})$")

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
        self.assertEqual("limit", request_data["type"])
        self.assertEqual(Decimal("10000"), Decimal(request_data["price"]))
        self.assertEqual(True, request_data["postOnly"])

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

    @aioresponses()
    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_update_time_synchronizer_successfully(self, mock_api, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.exchange._time_synchronizer.clear_time_offset_ms_samples()
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        response = {"code": "200000", "msg": "success", "data": 1640000003000}
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
        url = web_utils.private_rest_url(CONSTANTS.ORDERS_PATH_URL)
        error_body = json.dumps(
            {
                "code": "400002",
                "msg": "KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds",
            }
        )
        exception = IOError(f"Error executing request POST {url}. HTTP status is 400. Error: {error_body}")
        self.assertTrue(self.exchange._is_request_exception_related_to_time_synchronizer(exception))

        exception = IOError(f"Error executing request POST {url}. HTTP status is 400. Error: {{}}")
        self.assertFalse(self.exchange._is_request_exception_related_to_time_synchronizer(exception))

        # The documented error code (auth.time_sync.error_code) is required: without it, the text is another error.
        self.assertEqual("400002", CONSTANTS.RET_CODE_AUTH_TIMESTAMP_ERROR)
        error_body = (
            '{"code": "", "msg": "KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds"}'
        )
        exception = IOError(f"Error executing request POST {url}. HTTP status is 400. Error: {error_body}")
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
                and record.getMessage().startswith("Failed to fetch trade updates. Error:")
                for record in self.log_records
            )
        )

    @aioresponses()
    async def test_fills_of_all_orders_come_from_one_request_since_the_latest_fill(self, mock_api):
        self.exchange._set_current_timestamp(1640779000)
        order = self._track_buy_order()
        self.exchange.start_tracking_order(
            order_id="OID2",
            exchange_order_id="EOID2",
            trading_pair=self.trading_pair,
            order_type=OrderType.LIMIT,
            trade_type=TradeType.BUY,
            price=Decimal("10000"),
            amount=Decimal("1"),
        )
        url, regex_url = self._private_url(CONSTANTS.FILLS_PATH_URL)
        response = {
            "code": "200000",
            "data": {
                "currentPage": 1,
                "pageSize": 1,
                "totalNum": 251915,
                "totalPage": 251915,
                "items": [
                    {
                        "symbol": "BTC-USDT",
                        "tradeId": self.expected_fill_trade_id,
                        "orderId": order.exchange_order_id,
                        "counterOrderId": "5c1ab46003aa676e487fa8e3",
                        "side": "buy",
                        "liquidity": "taker",
                        "forceTaker": True,
                        "price": str(order.price),
                        "size": str(order.amount),
                        "funds": str(order.price * order.amount),
                        "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                        "feeRate": "0",
                        "feeCurrency": self.expected_fill_fee.flat_fees[0].token,
                        "stop": "",
                        "type": "limit",
                        "createdAt": 1640780000000,
                        "tradeType": "TRADE",
                    },
                    {
                        "symbol": "BTC-USDT",
                        "tradeId": "OTHER-TRADE",
                        "orderId": "OTHER-ORDER",
                        "counterOrderId": "5c1ab46003aa676e487fa8e3",
                        "side": "buy",
                        "liquidity": "taker",
                        "forceTaker": True,
                        "price": str(order.price),
                        "size": str(order.amount),
                        "funds": str(order.price * order.amount),
                        "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                        "feeRate": "0",
                        "feeCurrency": self.expected_fill_fee.flat_fees[0].token,
                        "stop": "",
                        "type": "limit",
                        "createdAt": 1640780000000,
                        "tradeType": "TRADE",
                    },
                ],
            },
        }
        mock_api.get(regex_url, body=json.dumps(response), repeat=True)
        self.assertEqual(0, self.exchange._last_order_fill_ts_s)

        await self.exchange._update_orders_fills(orders=list(self.exchange.in_flight_orders.values()))
        await self.exchange._update_orders_fills(orders=list(self.exchange.in_flight_orders.values()))

        calls = [call for calls in mock_api.requests.values() for call in calls]
        self.assertEqual(2, len(calls))
        # First from the orders' creation, then from the latest fill seen.
        for request_call, since in zip(calls, (1640779000, 1640780000.0)):
            request_params = request_call.kwargs["params"]
            self.assertEqual(int(since * 1e3), request_params["startAt"])
            self.assertEqual(500, request_params["pageSize"])
            self.validate_auth_credentials_present(request_call)
        self.assertEqual(1640780000.0, self.exchange._last_order_fill_ts_s)
        # The fill of the order, once; the other order's fill is not the connector's.
        self.assertEqual(1, len(self.order_filled_logger.event_log))
        fill_event: OrderFilledEvent = self.order_filled_logger.event_log[0]
        self.assertEqual(order.client_order_id, fill_event.order_id)
        self.assertEqual(self.expected_fill_trade_id, fill_event.exchange_trade_id)

    async def test_bulk_fill_update_propagates_cancellation_and_asks_nothing_without_orders(self):
        with patch.object(self.exchange, "_api_request", AsyncMock(side_effect=asyncio.CancelledError)) as request:
            await self.exchange._update_orders_fills(orders=[])
            self.assertEqual([], await self.exchange._all_trades_updates([]))
            request.assert_not_called()
            self.exchange._set_current_timestamp(1640780000)
            order = self._track_buy_order()
            with self.assertRaises(asyncio.CancelledError):
                await self.exchange._update_orders_fills(orders=[order])

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
        del event["data"]["clientOid"]
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
            {"subject": "hbgen-unknown-event"},
            {"subject": "orderChange"},
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
