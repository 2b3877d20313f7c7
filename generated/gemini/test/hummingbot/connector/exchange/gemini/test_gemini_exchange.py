import asyncio
import base64
import json
import re
from decimal import Decimal
from typing import Any, Callable, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall

from hummingbot.connector.exchange.gemini import gemini_constants as CONSTANTS, gemini_web_utils as web_utils
from hummingbot.connector.exchange.gemini.gemini_exchange import GeminiExchange
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import MarketOrderFailureEvent, OrderFilledEvent


class GeminiExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = "test-secret_key"
    expected_order_type_names = {
        OrderType.LIMIT: "exchange limit",
        OrderType.LIMIT_MAKER: "exchange limit",
    }

    @property
    def all_symbols_url(self):
        return web_utils.public_rest_url(CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL, domain=self.exchange.domain)

    @property
    def latest_prices_url(self):
        return self._url_pattern(
            web_utils.public_rest_url(
                CONSTANTS.TICKER_PATH_URL.format(symbol=self.exchange_trading_pair), domain=self.exchange.domain
            )
        )

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return web_utils.public_rest_url(CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL, domain=self.exchange.domain)

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.NEW_ORDER_PATH_URL, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.BALANCES_PATH_URL, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return [
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "base_currency": self.base_asset,
                "quote_currency": self.quote_asset,
                "tick_size": 1e-08,
                "quote_increment": 0.01,
                "min_order_size": "0.00001",
                "status": "open",
                "wrap_enabled": False,
                "product_type": "spot",
                "contract_type": "vanilla",
                "contract_price_currency": "USD",
            }
        ]

    @property
    def latest_prices_request_mock_response(self):
        return {
            "ask": "977.59",
            "bid": "977.35",
            "last": str(self.expected_latest_price),
            "volume": {"BTC": "2210.505328803", "USD": "2135477.463379586263", "timestamp": 1483018200000},
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = [
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "base_currency": self.base_asset,
                "quote_currency": self.quote_asset,
                "tick_size": 1e-08,
                "quote_increment": 0.01,
                "min_order_size": "0.00001",
                "status": "open",
                "wrap_enabled": False,
                "product_type": "spot",
                "contract_type": "vanilla",
                "contract_price_currency": "USD",
            },
            {
                "symbol": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                "base_currency": "INVALID",
                "quote_currency": "PAIR",
                "tick_size": 1e-08,
                "quote_increment": 0.01,
                "min_order_size": "0.00001",
                "status": "open",
                "wrap_enabled": False,
                "product_type": "NOT_spot",
                "contract_type": "vanilla",
                "contract_price_currency": "USD",
            },
        ]
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return [
            {
                "symbol": "BTCUSD",
                "base_currency": "BTC",
                "quote_currency": "USD",
                "tick_size": 1e-08,
                "quote_increment": 0.01,
                "min_order_size": "0.00001",
                "status": "open",
                "wrap_enabled": False,
                "product_type": "spot",
                "contract_type": "vanilla",
                "contract_price_currency": "USD",
            }
        ]

    @property
    def trading_rules_request_mock_response(self):
        return [
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "base_currency": self.base_asset,
                "quote_currency": self.quote_asset,
                "tick_size": 1e-06,
                "quote_increment": 0.0001,
                "min_order_size": "0.01",
                "status": "open",
                "wrap_enabled": False,
                "product_type": "spot",
                "contract_type": "vanilla",
                "contract_price_currency": "USD",
            }
        ]

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return [
            {
                "symbol": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "base_currency": self.base_asset,
                "quote_currency": self.quote_asset,
                "status": "open",
                "wrap_enabled": False,
                "product_type": "spot",
                "contract_type": "vanilla",
                "contract_price_currency": "USD",
            }
        ]

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "order_id": self.expected_exchange_order_id,
            "id": "106817811",
            "symbol": "btcusd",
            "exchange": "gemini",
            "avg_execution_price": "3632.8508430064554",
            "side": "buy",
            "type": "exchange limit",
            "timestamp": "1547220404",
            "timestampms": 1640780000000,
            "is_live": True,
            "is_cancelled": False,
            "is_hidden": False,
            "was_forced": False,
            "executed_amount": "3.7567928949",
            "remaining_amount": "1.2432071051",
            "client_order_id": "20190110-4738721",
            "options": [],
            "price": "3633.00",
            "original_amount": "5",
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return [
            {
                "type": "exchange",
                "currency": self.base_asset,
                "amount": "15",
                "available": "10",
                "availableForWithdrawal": "1129.10517279",
            },
            {
                "type": "exchange",
                "currency": self.quote_asset,
                "amount": "2000",
                "available": "2000",
                "availableForWithdrawal": "1129.10517279",
            },
        ]

    @property
    def balance_request_mock_response_only_base(self):
        return [
            {
                "type": "exchange",
                "currency": self.base_asset,
                "amount": "15",
                "available": "10",
                "availableForWithdrawal": "1129.10517279",
            }
        ]

    @property
    def balance_event_websocket_update(self):
        return {"e": "balanceUpdate", "E": 1759873041187, "B": [{"a": self.base_asset, "f": "10", "c": "15"}]}

    @property
    def expected_latest_price(self):
        return 9999.9

    @property
    def expected_supported_order_types(self):
        return [
            OrderType.LIMIT,
            OrderType.LIMIT_MAKER,
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
        return (base_token + quote_token).upper()

    def create_exchange_instance(self):
        return GeminiExchange(
            gemini_api_key=self.api_key,
            gemini_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
        )

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertEqual("text/plain", headers["Content-Type"])
        self.assertEqual("0", headers["Content-Length"])
        self.assertEqual(self.api_key, headers["X-GEMINI-APIKEY"])
        self.assertIn("X-GEMINI-PAYLOAD", headers)
        self.assertIn("X-GEMINI-SIGNATURE", headers)
        self.assertEqual("no-cache", headers["Cache-Control"])

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = json.loads(base64.b64decode(request_call.kwargs["headers"]["X-GEMINI-PAYLOAD"]))
        self.assertEqual(self.exchange_trading_pair, request_data["symbol"])
        self.assertEqual(order.client_order_id, request_data["client_order_id"])
        self.assertEqual(order.amount, Decimal(request_data["amount"]))
        self.assertEqual(order.price, Decimal(request_data["price"]))
        self.assertEqual("buy" if order.trade_type == TradeType.BUY else "sell", request_data["side"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["type"])

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(base64.b64decode(request_call.kwargs["headers"]["X-GEMINI-PAYLOAD"]))
        self.assertEqual(order.exchange_order_id, request_params["order_id"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(base64.b64decode(request_call.kwargs["headers"]["X-GEMINI-PAYLOAD"]))
        self.assertEqual(order.client_order_id, request_params["client_order_id"])

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(base64.b64decode(request_call.kwargs["headers"]["X-GEMINI-PAYLOAD"]))
        self.assertEqual(self.exchange_trading_pair, request_params["symbol"])

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
            "order_id": "106817811",
            "id": "106817811",
            "symbol": "btcusd",
            "exchange": "gemini",
            "avg_execution_price": "3632.85101103",
            "side": "buy",
            "type": "exchange limit",
            "timestamp": "1547220404",
            "timestampms": 1547220404836,
            "is_live": False,
            "is_cancelled": True,
            "is_hidden": False,
            "was_forced": False,
            "executed_amount": "3.7610296649",
            "remaining_amount": "1.2389703351",
            "reason": "Requested",
            "options": [],
            "price": "3633.00",
            "original_amount": "5",
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
        response = {"result": "error", "reason": "OrderNotFound", "message": "Order 1234 not found"}
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
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL)
        response = {
            "order_id": order.exchange_order_id,
            "id": "123456789012345",
            "symbol": "btcusd",
            "exchange": "gemini",
            "avg_execution_price": "400.00",
            "side": "buy",
            "type": "exchange limit",
            "timestamp": "1494870642",
            "timestampms": 1640780000000,
            "is_live": False,
            "is_cancelled": False,
            "is_hidden": False,
            "was_forced": False,
            "executed_amount": "3",
            "remaining_amount": "0",
            "options": [],
            "price": "400.00",
            "original_amount": "3",
            "client_order_id": order.client_order_id,
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL)
        response = {
            "order_id": order.exchange_order_id,
            "id": "123456789012345",
            "symbol": "btcusd",
            "exchange": "gemini",
            "avg_execution_price": "400.00",
            "side": "buy",
            "type": "exchange limit",
            "timestamp": "1494870642",
            "timestampms": 1640780000000,
            "is_live": False,
            "is_cancelled": True,
            "is_hidden": False,
            "was_forced": False,
            "executed_amount": "3",
            "remaining_amount": "0",
            "options": [],
            "price": "400.00",
            "original_amount": "3",
            "client_order_id": order.client_order_id,
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL)
        response = {
            "order_id": order.exchange_order_id,
            "id": "123456789012345",
            "symbol": "btcusd",
            "exchange": "gemini",
            "avg_execution_price": "400.00",
            "side": "buy",
            "type": "exchange limit",
            "timestamp": "1494870642",
            "timestampms": 1640780000000,
            "is_live": True,
            "is_cancelled": False,
            "is_hidden": False,
            "was_forced": False,
            "executed_amount": "0",
            "remaining_amount": "0",
            "options": [],
            "price": "400.00",
            "original_amount": "3",
            "client_order_id": order.client_order_id,
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL)
        response = {
            "order_id": order.exchange_order_id,
            "id": "123456789012345",
            "symbol": "btcusd",
            "exchange": "gemini",
            "avg_execution_price": "400.00",
            "side": "buy",
            "type": "exchange limit",
            "timestamp": "1494870642",
            "timestampms": 1640780000000,
            "is_live": True,
            "is_cancelled": False,
            "is_hidden": False,
            "was_forced": False,
            "executed_amount": "1",
            "remaining_amount": "0",
            "options": [],
            "price": "400.00",
            "original_amount": "3",
            "client_order_id": order.client_order_id,
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL)
        mock_api.post(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL)
        response = {"result": "error", "reason": "OrderNotFound", "message": "Order 1234 not found"}
        mock_api.post(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.MY_TRADES_PATH_URL)
        response = [
            {
                "price": str(self.expected_partial_fill_price),
                "amount": str(self.expected_partial_fill_amount),
                "timestamp": 1547232911,
                "timestampms": 1640780000000,
                "type": "Buy",
                "aggressor": True,
                "fee_currency": self.expected_fill_fee.flat_fees[0].token,
                "fee_amount": str(self.expected_fill_fee.flat_fees[0].amount),
                "tid": int(self.expected_fill_trade_id),
                "order_id": order.exchange_order_id,
                "exchange": "gemini",
                "is_auction_fill": False,
                "client_order_id": "20190110-4738721",
            }
        ]
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_http_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.MY_TRADES_PATH_URL)
        mock_api.post(regex_url, status=400, callback=callback)
        return url

    def configure_full_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.MY_TRADES_PATH_URL)
        response = [
            {
                "price": str(order.price),
                "amount": str(order.amount),
                "timestamp": 1547232911,
                "timestampms": 1640780000000,
                "type": "Buy",
                "aggressor": True,
                "fee_currency": self.expected_fill_fee.flat_fees[0].token,
                "fee_amount": str(self.expected_fill_fee.flat_fees[0].amount),
                "tid": int(self.expected_fill_trade_id),
                "order_id": order.exchange_order_id,
                "exchange": "gemini",
                "is_auction_fill": False,
                "client_order_id": "20190110-4738721",
            }
        ]
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "e": "executionReport",
            "E": 1759873041187000000,
            "s": "BTCUSD",
            "i": int(order.exchange_order_id),
            "c": order.client_order_id,
            "S": "BUY",
            "o": "LIMIT",
            "X": "NEW",
            "p": "123000.00",
            "q": "0.001",
            "z": "0.001",
            "T": 1640780000000000000,
        }

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "e": "executionReport",
            "E": 1759873041187000000,
            "s": "BTCUSD",
            "i": int(order.exchange_order_id),
            "c": order.client_order_id,
            "S": "BUY",
            "o": "LIMIT",
            "X": "CANCELED",
            "p": "123000.00",
            "q": "0.001",
            "z": "0.001",
            "T": 1640780000000000000,
        }

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "e": "executionReport",
            "E": 1759873041187000000,
            "s": "BTCUSD",
            "i": int(order.exchange_order_id),
            "c": order.client_order_id,
            "S": "BUY",
            "o": "LIMIT",
            "X": "FILLED",
            "p": "123000.00",
            "q": "0.001",
            "z": "0.001",
            "T": 1640780000000000000,
        }

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        # Fills arrive with the order event itself.
        return None

    def order_event_for_failed_order_websocket_update(self, order: InFlightOrder):
        return {
            "e": "executionReport",
            "E": 1759873041187000000,
            "s": "BTCUSD",
            "i": int(order.exchange_order_id),
            "c": order.client_order_id,
            "S": "BUY",
            "o": "LIMIT",
            "X": "REJECTED",
            "p": "123000.00",
            "q": "0.001",
            "z": "0.001",
            "T": 1640780000000000000,
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
        self.assertEqual("gemini", self.exchange.name)

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
            [Decimal("0.002"), Decimal("0.004"), Decimal("0.002")],
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
        self.assertLessEqual(len(order_id), 36)

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
        request_data = json.loads(base64.b64decode(request_call.kwargs["headers"]["X-GEMINI-PAYLOAD"]))
        self.assertEqual("exchange limit", request_data["type"])
        self.assertEqual(Decimal("10000"), Decimal(request_data["price"]))
        self.assertEqual(["maker-or-cancel"], request_data["options"])

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
