import asyncio
import json
import re
from decimal import Decimal
from typing import Any, Callable, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall

from hummingbot.connector.exchange.backpack import backpack_constants as CONSTANTS, backpack_web_utils as web_utils
from hummingbot.connector.exchange.backpack.backpack_exchange import BackpackExchange
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import MarketOrderFailureEvent, OrderFilledEvent


class BackpackExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = "R6DeheCivFh6ul7fHseQAqy/Vb9qU+DWUgMSy0JEfGE="
    expected_order_type_names = {
        OrderType.LIMIT: "Limit",
        OrderType.LIMIT_MAKER: "Limit",
        OrderType.MARKET: "Market",
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
        return web_utils.private_rest_url(CONSTANTS.BALANCE_PATH_URL, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return [
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "baseSymbol": self.base_asset,
                "quoteSymbol": self.quote_asset,
                "marketType": "SPOT",
                "filters": {
                    "price": {"minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.01"},
                    "quantity": {"minQuantity": "0.01", "maxQuantity": "1000000", "stepSize": "0.01"},
                },
                "orderBookState": "Open",
                "createdAt": "2024-01-16T00:00:00",
                "visible": True,
            }
        ]

    @property
    def latest_prices_request_mock_response(self):
        return {
            "symbol": "SOL_USDC",
            "firstPrice": "142.10",
            "lastPrice": str(self.expected_latest_price),
            "priceChange": "3.13",
            "priceChangePercent": "0.022",
            "high": "146.00",
            "low": "140.50",
            "volume": "120345.12",
            "quoteVolume": "17345678.90",
            "trades": "35012",
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = [
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "baseSymbol": self.base_asset,
                "quoteSymbol": self.quote_asset,
                "marketType": "SPOT",
                "filters": {
                    "price": {"minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.01"},
                    "quantity": {"minQuantity": "0.01", "maxQuantity": "1000000", "stepSize": "0.01"},
                },
                "orderBookState": "Open",
                "createdAt": "2024-01-16T00:00:00",
                "visible": True,
            },
            {
                "symbol": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                "baseSymbol": "INVALID",
                "quoteSymbol": "PAIR",
                "marketType": "SPOT",
                "filters": {
                    "price": {"minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.01"},
                    "quantity": {"minQuantity": "0.01", "maxQuantity": "1000000", "stepSize": "0.01"},
                },
                "orderBookState": "Open",
                "createdAt": "2024-01-16T00:00:00",
                "visible": False,
            },
        ]
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return "pong"

    @property
    def trading_rules_request_mock_response(self):
        return [
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "baseSymbol": self.base_asset,
                "quoteSymbol": self.quote_asset,
                "marketType": "SPOT",
                "filters": {
                    "price": {"minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.0001"},
                    "quantity": {"minQuantity": "0.01", "maxQuantity": "1000000", "stepSize": "0.000001"},
                },
                "orderBookState": "Open",
                "createdAt": "2024-01-16T00:00:00",
                "visible": True,
            }
        ]

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return [
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "baseSymbol": self.base_asset,
                "quoteSymbol": self.quote_asset,
                "marketType": "SPOT",
                "orderBookState": "Open",
                "createdAt": "2024-01-16T00:00:00",
                "visible": True,
            }
        ]

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "orderType": "Limit",
            "id": self.expected_exchange_order_id,
            "clientId": 1234,
            "createdAt": 1640780000000,
            "executedQuantity": "0",
            "executedQuoteQuantity": "0",
            "postOnly": False,
            "price": "145.20",
            "quantity": "1.5",
            "selfTradePrevention": "RejectTaker",
            "status": "New",
            "side": "Bid",
            "symbol": "SOL_USDC",
            "timeInForce": "GTC",
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return {
            self.base_asset: {"available": "10", "locked": "4", "staked": "1"},
            self.quote_asset: {"available": "2000", "locked": "0", "staked": "0"},
        }

    @property
    def balance_request_mock_response_only_base(self):
        return {self.base_asset: {"available": "10", "locked": "4", "staked": "1"}}

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
        )

    @property
    def expected_logged_error_for_erroneous_trading_rule(self):
        erroneous_rule = self.trading_rules_request_erroneous_mock_response[0]
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
        return (base_token + "_" + quote_token).upper()

    def create_exchange_instance(self):
        return BackpackExchange(
            backpack_api_key=self.api_key,
            backpack_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
        )

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertIn("X-Timestamp", headers)
        self.assertEqual("5000", headers["X-Window"])
        self.assertEqual(self.api_key, headers["X-API-Key"])
        self.assertIn("X-Signature", headers)
        self.assertEqual("2200", headers["X-BROKER-ID"])

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = json.loads(request_call.kwargs["data"])
        self.assertEqual(self.exchange_trading_pair, request_data["symbol"])
        self.assertEqual("Bid" if order.trade_type == TradeType.BUY else "Ask", request_data["side"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["orderType"])
        self.assertEqual(order.amount, Decimal(request_data["quantity"]))
        self.assertEqual(order.price, Decimal(request_data["price"]))
        self.assertEqual("GTC", request_data["timeInForce"])
        self.assertEqual(int(order.client_order_id), request_data["clientId"])

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(request_call.kwargs["data"])
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])
        self.assertEqual(int(order.client_order_id), request_params["clientId"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])
        self.assertEqual(order.client_order_id, request_params["clientId"])

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
            "orderType": "Limit",
            "id": "11234567890",
            "clientId": 1234,
            "createdAt": 1719825432312,
            "executedQuantity": "0",
            "executedQuoteQuantity": "0",
            "postOnly": False,
            "price": "145.20",
            "quantity": "1.5",
            "selfTradePrevention": "RejectTaker",
            "status": "Cancelled",
            "side": "Bid",
            "symbol": "SOL_USDC",
            "timeInForce": "GTC",
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
        response = {"code": "RESOURCE_NOT_FOUND", "message": "Not Found"}
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
            "orderType": "Limit",
            "id": order.exchange_order_id,
            "clientId": order.client_order_id,
            "createdAt": 1640780000000,
            "executedQuantity": "0",
            "executedQuoteQuantity": "0",
            "postOnly": False,
            "price": "145.20",
            "quantity": "1.5",
            "selfTradePrevention": "RejectTaker",
            "status": "Filled",
            "side": "Bid",
            "symbol": "SOL_USDC",
            "timeInForce": "GTC",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "orderType": "Limit",
            "id": order.exchange_order_id,
            "clientId": order.client_order_id,
            "createdAt": 1640780000000,
            "executedQuantity": "0",
            "executedQuoteQuantity": "0",
            "postOnly": False,
            "price": "145.20",
            "quantity": "1.5",
            "selfTradePrevention": "RejectTaker",
            "status": "Cancelled",
            "side": "Bid",
            "symbol": "SOL_USDC",
            "timeInForce": "GTC",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "orderType": "Limit",
            "id": order.exchange_order_id,
            "clientId": order.client_order_id,
            "createdAt": 1640780000000,
            "executedQuantity": "0",
            "executedQuoteQuantity": "0",
            "postOnly": False,
            "price": "145.20",
            "quantity": "1.5",
            "selfTradePrevention": "RejectTaker",
            "status": "New",
            "side": "Bid",
            "symbol": "SOL_USDC",
            "timeInForce": "GTC",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "orderType": "Limit",
            "id": order.exchange_order_id,
            "clientId": order.client_order_id,
            "createdAt": 1640780000000,
            "executedQuantity": "0",
            "executedQuoteQuantity": "0",
            "postOnly": False,
            "price": "145.20",
            "quantity": "1.5",
            "selfTradePrevention": "RejectTaker",
            "status": "PartiallyFilled",
            "side": "Bid",
            "symbol": "SOL_USDC",
            "timeInForce": "GTC",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_failed_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_PATH_URL)
        response = {
            "orderType": "Limit",
            "id": order.exchange_order_id,
            "clientId": order.client_order_id,
            "createdAt": 1640780000000,
            "executedQuantity": "0",
            "executedQuoteQuantity": "0",
            "postOnly": False,
            "price": "145.20",
            "quantity": "1.5",
            "selfTradePrevention": "RejectTaker",
            "status": "TriggerFailed",
            "side": "Bid",
            "symbol": "SOL_USDC",
            "timeInForce": "GTC",
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
        response = {"code": "RESOURCE_NOT_FOUND", "message": "Not Found"}
        mock_api.get(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.MY_TRADES_PATH_URL)
        response = [
            {
                "clientId": "1234",
                "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                "feeSymbol": self.expected_fill_fee.flat_fees[0].token,
                "isMaker": True,
                "orderId": order.exchange_order_id,
                "price": str(self.expected_partial_fill_price),
                "quantity": str(self.expected_partial_fill_amount),
                "side": "Bid",
                "symbol": "SOL_USDC",
                "systemOrderType": None,
                "timestamp": "2021-12-29T12:13:20.000",
                "tradeId": int(self.expected_fill_trade_id),
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
                "clientId": "1234",
                "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                "feeSymbol": self.expected_fill_fee.flat_fees[0].token,
                "isMaker": True,
                "orderId": order.exchange_order_id,
                "price": str(order.price),
                "quantity": str(order.amount),
                "side": "Bid",
                "symbol": "SOL_USDC",
                "systemOrderType": None,
                "timestamp": "2021-12-29T12:13:20.000",
                "tradeId": int(self.expected_fill_trade_id),
            }
        ]
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "stream": "account.orderUpdate",
            "data": {
                "e": "NOT_orderFill",
                "E": 1640780000000000,
                "s": "SOL_USDC",
                "c": order.client_order_id,
                "S": "Bid",
                "o": "LIMIT",
                "f": "GTC",
                "q": "32.123",
                "Q": "32.123",
                "p": "20",
                "X": "New",
                "i": order.exchange_order_id,
                "t": 567,
                "l": "1.23",
                "z": "3.21",
                "L": "20",
                "m": True,
                "n": "0.023",
                "N": "USDC",
                "V": "RejectTaker",
                "T": 1694687692989999,
                "O": "USER",
                "I": "1111343026156135",
            },
        }

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "stream": "account.orderUpdate",
            "data": {
                "e": "NOT_orderFill",
                "E": 1640780000000000,
                "s": "SOL_USDC",
                "c": order.client_order_id,
                "S": "Bid",
                "o": "LIMIT",
                "f": "GTC",
                "q": "32.123",
                "Q": "32.123",
                "p": "20",
                "X": "Cancelled",
                "i": order.exchange_order_id,
                "t": 567,
                "l": "1.23",
                "z": "3.21",
                "L": "20",
                "m": True,
                "n": "0.023",
                "N": "USDC",
                "V": "RejectTaker",
                "T": 1694687692989999,
                "O": "USER",
                "I": "1111343026156135",
            },
        }

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "stream": "account.orderUpdate",
            "data": {
                "e": "orderFill",
                "E": 1640780000000000,
                "s": "SOL_USDC",
                "c": order.client_order_id,
                "S": "Bid",
                "o": "LIMIT",
                "f": "GTC",
                "q": "32.123",
                "Q": "32.123",
                "p": "20",
                "X": "Filled",
                "i": order.exchange_order_id,
                "t": int(self.expected_fill_trade_id),
                "l": str(order.amount),
                "z": "3.21",
                "L": str(order.price),
                "m": True,
                "n": str(self.expected_fill_fee.flat_fees[0].amount),
                "N": self.expected_fill_fee.flat_fees[0].token,
                "V": "RejectTaker",
                "T": 1640780000000000,
                "O": "USER",
                "I": "1111343026156135",
            },
        }

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        # Fills arrive with the order event itself.
        return None

    def order_event_for_failed_order_websocket_update(self, order: InFlightOrder):
        return {
            "stream": "account.orderUpdate",
            "data": {
                "e": "NOT_orderFill",
                "E": 1640780000000000,
                "s": "SOL_USDC",
                "c": order.client_order_id,
                "S": "Bid",
                "o": "LIMIT",
                "f": "GTC",
                "q": "32.123",
                "Q": "32.123",
                "p": "20",
                "X": "TriggerFailed",
                "i": order.exchange_order_id,
                "t": 567,
                "l": "1.23",
                "z": "3.21",
                "L": "20",
                "m": True,
                "n": "0.023",
                "N": "USDC",
                "V": "RejectTaker",
                "T": 1694687692989999,
                "O": "USER",
                "I": "1111343026156135",
            },
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
        self.assertEqual("backpack", self.exchange.name)

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
            [Decimal("0.0008"), Decimal("0.001"), Decimal("0.0008")],
            [fee.percent for fee in fees],
        )

    @aioresponses()
    async def test_place_order_of_unknown_outcome_is_tracked_under_an_unknown_exchange_id(self, mock_api):
        self._simulate_trading_rules_initialized()
        self.exchange._set_current_timestamp(1640780000)
        mock_api.post(
            self.order_creation_url,
            status=503,
            body=json.dumps(
                {
                    "code": "SERVICE_UNAVAILABLE",
                    "message": "Unknown error, please check your request or try again later.",
                }
            ),
        )

        exchange_order_id, _ = await self.exchange._place_order(
            order_id="1001",
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
            self.order_creation_url,
            status=503,
            body=json.dumps({"code": "SERVICE_UNAVAILABLE", "message": "hbgen: another error"}),
        )
        mock_api.post(
            self.order_creation_url,
            status=500,
            body=json.dumps(
                {
                    "code": "SERVICE_UNAVAILABLE",
                    "message": "Unknown error, please check your request or try again later.",
                }
            ),
        )

        for _ in range(2):
            with self.assertRaises(IOError):
                await self.exchange._place_order(
                    order_id="1001",
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
        self.assertTrue(order_id.startswith(""))
        self.assertLessEqual(len(order_id), 32)

    def test_client_order_ids_are_unsigned_integers_the_exchange_takes(self):
        self._simulate_trading_rules_initialized()
        with patch.object(self.exchange, "_create_order", new_callable=AsyncMock) as create_order:
            buy_id = self.place_buy_order()
            sell_id = self.place_sell_order()
        self.assertNotEqual(buy_id, sell_id)
        for order_id in (buy_id, sell_id):
            self.assertRegex(order_id, r"^[0-9]+$")
            self.assertLess(int(order_id), 4_294_967_296)
        self.assertEqual(buy_id, create_order.call_args_list[0].kwargs["order_id"])
        self.assertEqual(TradeType.SELL, create_order.call_args_list[1].kwargs["trade_type"])

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
        self.assertEqual("GTC", request_data["timeInForce"])
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
        self.assertEqual("Market", request_data["orderType"])
        self.assertNotIn("price", request_data)
        self.assertNotIn("timeInForce", request_data)

    @aioresponses()
    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_update_time_synchronizer_successfully(self, mock_api, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.exchange._time_synchronizer.clear_time_offset_ms_samples()
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        response = 1640000003000
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
        error_body = json.dumps({"code": "INVALID_CLIENT_REQUEST", "message": "Request has expired"})
        exception = IOError(f"Error executing request POST {url}. HTTP status is 400. Error: {error_body}")
        self.assertTrue(self.exchange._is_request_exception_related_to_time_synchronizer(exception))

        # The same error with another of the codes or words the exchange uses for it.
        error_body = json.dumps({"code": "INVALID_CLIENT_REQUEST", "message": "timestamp"})
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
        del event["data"]["c"]
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
            {"stream": "hbgen-unknown-event"},
            {"stream": "account.orderUpdate"},
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
