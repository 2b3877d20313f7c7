import asyncio
import json
import re
from decimal import Decimal
from typing import Any, Callable, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall

from hummingbot.connector.exchange.gate_io import gate_io_constants as CONSTANTS, gate_io_web_utils as web_utils
from hummingbot.connector.exchange.gate_io.gate_io_exchange import GateIoExchange
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import OrderFilledEvent


class GateIoExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = "test-secret_key"
    expected_order_type_names = {
        OrderType.LIMIT: "limit",
        OrderType.MARKET: "market",
        OrderType.LIMIT_MAKER: "limit",
    }

    @property
    def all_symbols_url(self):
        return web_utils.public_rest_url(CONSTANTS.SYMBOL_PATH_URL, domain=self.exchange.domain)

    @property
    def latest_prices_url(self):
        return self._url_pattern(web_utils.public_rest_url(CONSTANTS.TICKER_PATH_URL, domain=self.exchange.domain))

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return web_utils.public_rest_url(CONSTANTS.SYMBOL_PATH_URL, domain=self.exchange.domain)

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.ORDER_CREATE_PATH_URL, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.USER_BALANCES_PATH_URL, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return [
            {
                "id": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "base": self.base_asset,
                "base_name": "Ethereum",
                "quote": self.quote_asset,
                "quote_name": "Tether",
                "fee": "0.2",
                "min_base_amount": "0.001",
                "min_quote_amount": "1.0",
                "max_base_amount": "10000",
                "max_quote_amount": "10000000",
                "amount_precision": 3,
                "precision": 6,
                "trade_status": "tradable",
                "sell_start": 1516378650,
                "buy_start": 1516378650,
                "delisting_time": 0,
                "trade_url": "https://www.gate.io/trade/BTC_USDT",
                "st_tag": False,
            }
        ]

    @property
    def latest_prices_request_mock_response(self):
        return [
            {
                "currency_pair": "BTC3L_USDT",
                "last": str(self.expected_latest_price),
                "lowest_ask": "2.477",
                "highest_bid": "2.4606821",
                "change_percentage": "-8.91",
                "change_utc0": "-8.91",
                "change_utc8": "-8.91",
                "base_volume": "656614.0845820589",
                "quote_volume": "1602221.66468375534639404191",
                "high_24h": "2.7431",
                "low_24h": "1.9863",
                "etf_net_value": "2.46316141",
                "etf_pre_net_value": "2.43201848",
                "etf_pre_timestamp": 1611244800,
                "etf_leverage": "2.2803019447281203",
            }
        ]

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = [
            {
                "id": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "base": self.base_asset,
                "base_name": "Ethereum",
                "quote": self.quote_asset,
                "quote_name": "Tether",
                "fee": "0.2",
                "min_base_amount": "0.001",
                "min_quote_amount": "1.0",
                "max_base_amount": "10000",
                "max_quote_amount": "10000000",
                "amount_precision": 3,
                "precision": 6,
                "trade_status": "tradable",
                "sell_start": 1516378650,
                "buy_start": 1516378650,
                "delisting_time": 0,
                "trade_url": "https://www.gate.io/trade/BTC_USDT",
                "st_tag": False,
            },
            {
                "id": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                "base": "INVALID",
                "base_name": "Ethereum",
                "quote": "PAIR",
                "quote_name": "Tether",
                "fee": "0.2",
                "min_base_amount": "0.001",
                "min_quote_amount": "1.0",
                "max_base_amount": "10000",
                "max_quote_amount": "10000000",
                "amount_precision": 3,
                "precision": 6,
                "trade_status": "NOT_tradable",
                "sell_start": 1516378650,
                "buy_start": 1516378650,
                "delisting_time": 0,
                "trade_url": "https://www.gate.io/trade/BTC_USDT",
                "st_tag": False,
            },
        ]
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return {"server_time": 1597026383085}

    @property
    def trading_rules_request_mock_response(self):
        return [
            {
                "id": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "base": self.base_asset,
                "base_name": "Ethereum",
                "quote": self.quote_asset,
                "quote_name": "Tether",
                "fee": "0.2",
                "min_base_amount": "0.01",
                "min_quote_amount": "10",
                "max_base_amount": "10000",
                "max_quote_amount": "10000000",
                "amount_precision": 6,
                "precision": 4,
                "trade_status": "tradable",
                "sell_start": 1516378650,
                "buy_start": 1516378650,
                "delisting_time": 0,
                "trade_url": "https://www.gate.io/trade/BTC_USDT",
                "st_tag": False,
            }
        ]

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return [
            {
                "id": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                "base": self.base_asset,
                "base_name": "Ethereum",
                "quote": self.quote_asset,
                "quote_name": "Tether",
                "fee": "0.2",
                "min_base_amount": "0.001",
                "min_quote_amount": "1.0",
                "max_base_amount": "10000",
                "max_quote_amount": "10000000",
                "trade_status": "tradable",
                "sell_start": 1516378650,
                "buy_start": 1516378650,
                "delisting_time": 0,
                "trade_url": "https://www.gate.io/trade/BTC_USDT",
                "st_tag": False,
            }
        ]

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "id": self.expected_exchange_order_id,
            "text": "t-123456",
            "amend_text": "-",
            "create_time": "1548000000",
            "update_time": "1548000100",
            "create_time_ms": 1640780000000,
            "update_time_ms": 1548000100123,
            "currency_pair": "ETH_BTC",
            "status": "open",
            "type": "limit",
            "account": "spot",
            "side": "buy",
            "iceberg": "0",
            "amount": "1",
            "price": "5.00032",
            "time_in_force": "gtc",
            "left": "1",
            "filled_amount": "0",
            "fill_price": "0",
            "filled_total": "0",
            "fee": "0",
            "fee_currency": "ETH",
            "point_fee": "0",
            "gt_fee": "0",
            "gt_discount": False,
            "rebated_fee": "0",
            "rebated_fee_currency": "BTC",
            "finish_as": "open",
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return [
            {"currency": self.base_asset, "available": "10", "locked": "5", "update_id": 98},
            {"currency": self.quote_asset, "available": "2000", "locked": "0", "update_id": 98},
        ]

    @property
    def balance_request_mock_response_only_base(self):
        return [{"currency": self.base_asset, "available": "10", "locked": "5", "update_id": 98}]

    @property
    def balance_event_websocket_update(self):
        return {
            "time": 1605248616,
            "time_ms": 1605248616763,
            "channel": "spot.balances",
            "event": "update",
            "result": [
                {
                    "timestamp": "1605248616",
                    "timestamp_ms": "1605248616123",
                    "user": "1000001",
                    "currency": self.base_asset,
                    "change": "100",
                    "total": "15",
                    "available": "10",
                    "freeze": "10008",
                    "freeze_change": "0",
                    "change_type": "order-create",
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
            OrderType.MARKET,
            OrderType.LIMIT_MAKER,
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
        return GateIoExchange(
            gate_io_api_key=self.api_key,
            gate_io_secret_key=self.secret_key,
            trading_pairs=[self.trading_pair],
        )

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertEqual(self.api_key, headers["KEY"])
        self.assertIn("SIGN", headers)
        self.assertIn("Timestamp", headers)
        self.assertEqual("hummingbot", headers["X-Gate-Channel-Id"])

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = json.loads(request_call.kwargs["data"])
        self.assertEqual(order.client_order_id, request_data["text"])
        self.assertEqual(self.exchange_trading_pair, request_data["currency_pair"])
        self.assertEqual("buy" if order.trade_type == TradeType.BUY else "sell", request_data["side"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["type"])
        self.assertEqual(order.amount, Decimal(request_data["amount"]))
        self.assertEqual(order.price, Decimal(request_data["price"]))
        self.assertEqual("gtc", request_data["time_in_force"])

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual(self.exchange_trading_pair, request_params["currency_pair"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual(self.exchange_trading_pair, request_params["currency_pair"])

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual(self.exchange_trading_pair, request_params["currency_pair"])
        self.assertEqual(order.exchange_order_id, request_params["order_id"])

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
        url, regex_url = self._private_url(CONSTANTS.ORDER_DELETE_PATH_URL.format(order_id=order.exchange_order_id))
        response = {
            "id": "12332324",
            "text": "t-123456",
            "amend_text": "-",
            "create_time": "1548000000",
            "update_time": "1548000100",
            "create_time_ms": 1548000000123,
            "update_time_ms": 1548000100123,
            "currency_pair": "ETH_BTC",
            "status": "cancelled",
            "type": "limit",
            "account": "spot",
            "side": "buy",
            "iceberg": "0",
            "amount": "1",
            "price": "5.00032",
            "time_in_force": "gtc",
            "left": "1",
            "filled_amount": "0",
            "fill_price": "0",
            "filled_total": "0",
            "fee": "0",
            "fee_currency": "ETH",
            "point_fee": "0",
            "gt_fee": "0",
            "gt_discount": False,
            "rebated_fee": "0",
            "rebated_fee_currency": "BTC",
            "finish_as": "cancelled",
        }
        mock_api.delete(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_DELETE_PATH_URL.format(order_id=order.exchange_order_id))
        mock_api.delete(regex_url, status=400, callback=callback)
        return url

    def configure_order_not_found_error_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_DELETE_PATH_URL.format(order_id=order.exchange_order_id))
        response = {"label": "ORDER_NOT_FOUND", "message": "Order not found"}
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
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL.format(order_id=order.exchange_order_id))
        response = {
            "id": order.exchange_order_id,
            "text": order.client_order_id,
            "amend_text": "-",
            "create_time": "1548000000",
            "update_time": "1548000100",
            "create_time_ms": 1548000000123,
            "update_time_ms": 1640780000000,
            "currency_pair": "ETH_BTC",
            "status": "NOT_cancelled",
            "type": "limit",
            "account": "spot",
            "side": "buy",
            "iceberg": "0",
            "amount": "1",
            "price": "5.00032",
            "time_in_force": "gtc",
            "left": "0.5",
            "filled_amount": "0.5",
            "fill_price": "2.50016",
            "filled_total": "2.50016",
            "fee": "0.005",
            "fee_currency": "ETH",
            "point_fee": "0",
            "gt_fee": "0",
            "gt_discount": False,
            "rebated_fee": "0",
            "rebated_fee_currency": "BTC",
            "finish_as": "filled",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL.format(order_id=order.exchange_order_id))
        response = {
            "id": order.exchange_order_id,
            "text": order.client_order_id,
            "amend_text": "-",
            "create_time": "1548000000",
            "update_time": "1548000100",
            "create_time_ms": 1548000000123,
            "update_time_ms": 1640780000000,
            "currency_pair": "ETH_BTC",
            "status": "cancelled",
            "type": "limit",
            "account": "spot",
            "side": "buy",
            "iceberg": "0",
            "amount": "1",
            "price": "5.00032",
            "time_in_force": "gtc",
            "left": "0.5",
            "filled_amount": "0.5",
            "fill_price": "2.50016",
            "filled_total": "2.50016",
            "fee": "0.005",
            "fee_currency": "ETH",
            "point_fee": "0",
            "gt_fee": "0",
            "gt_discount": False,
            "rebated_fee": "0",
            "rebated_fee_currency": "BTC",
            "finish_as": "open",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL.format(order_id=order.exchange_order_id))
        response = {
            "id": order.exchange_order_id,
            "text": order.client_order_id,
            "amend_text": "-",
            "create_time": "1548000000",
            "update_time": "1548000100",
            "create_time_ms": 1548000000123,
            "update_time_ms": 1640780000000,
            "currency_pair": "ETH_BTC",
            "status": "NOT_cancelled",
            "type": "limit",
            "account": "spot",
            "side": "buy",
            "iceberg": "0",
            "amount": "1",
            "price": "5.00032",
            "time_in_force": "gtc",
            "left": "0.5",
            "filled_amount": "0.5",
            "fill_price": "2.50016",
            "filled_total": "0",
            "fee": "0.005",
            "fee_currency": "ETH",
            "point_fee": "0",
            "gt_fee": "0",
            "gt_discount": False,
            "rebated_fee": "0",
            "rebated_fee_currency": "BTC",
            "finish_as": "NOT_filled_ioc",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL.format(order_id=order.exchange_order_id))
        response = {
            "id": order.exchange_order_id,
            "text": order.client_order_id,
            "amend_text": "-",
            "create_time": "1548000000",
            "update_time": "1548000100",
            "create_time_ms": 1548000000123,
            "update_time_ms": 1640780000000,
            "currency_pair": "ETH_BTC",
            "status": "NOT_cancelled",
            "type": "limit",
            "account": "spot",
            "side": "buy",
            "iceberg": "0",
            "amount": "1",
            "price": "5.00032",
            "time_in_force": "gtc",
            "left": "0.5",
            "filled_amount": "0.5",
            "fill_price": "2.50016",
            "filled_total": "1",
            "fee": "0.005",
            "fee_currency": "ETH",
            "point_fee": "0",
            "gt_fee": "0",
            "gt_discount": False,
            "rebated_fee": "0",
            "rebated_fee_currency": "BTC",
            "finish_as": "NOT_filled_ioc",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL.format(order_id=order.exchange_order_id))
        mock_api.get(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(CONSTANTS.ORDER_STATUS_PATH_URL.format(order_id=order.exchange_order_id))
        response = {"label": "ORDER_NOT_FOUND", "message": "Order not found"}
        mock_api.get(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.MY_TRADES_PATH_URL)
        response = [
            {
                "id": self.expected_fill_trade_id,
                "create_time": "1548000000",
                "create_time_ms": "1640780000000",
                "order_id": order.exchange_order_id,
                "side": "buy",
                "role": "maker",
                "amount": str(self.expected_partial_fill_amount),
                "price": str(self.expected_partial_fill_price),
                "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                "fee_currency": self.expected_fill_fee.flat_fees[0].token,
                "point_fee": "0",
                "gt_fee": "0",
                "sequence_id": "588018",
                "text": "t-test",
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
                "id": self.expected_fill_trade_id,
                "create_time": "1548000000",
                "create_time_ms": "1640780000000",
                "order_id": order.exchange_order_id,
                "side": "buy",
                "role": "maker",
                "amount": str(order.amount),
                "price": str(order.price),
                "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                "fee_currency": self.expected_fill_fee.flat_fees[0].token,
                "point_fee": "0",
                "gt_fee": "0",
                "sequence_id": "588018",
                "text": "t-test",
            }
        ]
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "time": 1694655225,
            "time_ms": 1694655225315,
            "channel": "spot.orders",
            "event": "update",
            "result": [
                {
                    "id": order.exchange_order_id,
                    "text": order.client_order_id,
                    "create_time": "1694655225",
                    "update_time": "1694655225",
                    "currency_pair": "BTC_USDT",
                    "type": "limit",
                    "account": "spot",
                    "side": "sell",
                    "amount": "0.0001",
                    "price": "26253.3",
                    "time_in_force": "gtc",
                    "left": "0.0001",
                    "filled_total": "0",
                    "avg_deal_price": "0",
                    "fee": "0",
                    "fee_currency": "USDT",
                    "point_fee": "0",
                    "gt_fee": "0",
                    "rebated_fee": "0",
                    "rebated_fee_currency": "USDT",
                    "create_time_ms": "1694655225315",
                    "update_time_ms": "1640780000000",
                    "user": 3497082,
                    "event": "NOT_finish",
                    "stp_id": 0,
                    "stp_act": "-",
                    "finish_as": "open",
                    "biz_info": "-",
                    "amend_text": "-",
                }
            ],
        }

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "time": 1694655225,
            "time_ms": 1694655225315,
            "channel": "spot.orders",
            "event": "update",
            "result": [
                {
                    "id": order.exchange_order_id,
                    "text": order.client_order_id,
                    "create_time": "1694655225",
                    "update_time": "1694655225",
                    "currency_pair": "BTC_USDT",
                    "type": "limit",
                    "account": "spot",
                    "side": "sell",
                    "amount": "0.0001",
                    "price": "26253.3",
                    "time_in_force": "gtc",
                    "left": "0.0001",
                    "filled_total": "0",
                    "avg_deal_price": "0",
                    "fee": "0",
                    "fee_currency": "USDT",
                    "point_fee": "0",
                    "gt_fee": "0",
                    "rebated_fee": "0",
                    "rebated_fee_currency": "USDT",
                    "create_time_ms": "1694655225315",
                    "update_time_ms": "1640780000000",
                    "user": 3497082,
                    "event": "finish",
                    "stp_id": 0,
                    "stp_act": "-",
                    "finish_as": "NOT_filled_ioc",
                    "biz_info": "-",
                    "amend_text": "-",
                }
            ],
        }

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "time": 1694655225,
            "time_ms": 1694655225315,
            "channel": "spot.orders",
            "event": "update",
            "result": [
                {
                    "id": order.exchange_order_id,
                    "text": order.client_order_id,
                    "create_time": "1694655225",
                    "update_time": "1694655225",
                    "currency_pair": "BTC_USDT",
                    "type": "limit",
                    "account": "spot",
                    "side": "sell",
                    "amount": "0.0001",
                    "price": "26253.3",
                    "time_in_force": "gtc",
                    "left": "0.0001",
                    "filled_total": "0",
                    "avg_deal_price": "0",
                    "fee": "0",
                    "fee_currency": "USDT",
                    "point_fee": "0",
                    "gt_fee": "0",
                    "rebated_fee": "0",
                    "rebated_fee_currency": "USDT",
                    "create_time_ms": "1694655225315",
                    "update_time_ms": "1640780000000",
                    "user": 3497082,
                    "event": "finish",
                    "stp_id": 0,
                    "stp_act": "-",
                    "finish_as": "filled",
                    "biz_info": "-",
                    "amend_text": "-",
                }
            ],
        }

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "time": 1605176741,
            "time_ms": 1605176741123,
            "channel": "spot.usertrades",
            "event": "update",
            "result": [
                {
                    "id": int(self.expected_fill_trade_id),
                    "user_id": 1000001,
                    "order_id": order.exchange_order_id,
                    "currency_pair": "BTC_USDT",
                    "create_time": 1605176741,
                    "create_time_ms": "1640780000000",
                    "side": "sell",
                    "amount": str(order.amount),
                    "role": "taker",
                    "price": str(order.price),
                    "fee": str(self.expected_fill_fee.flat_fees[0].amount),
                    "point_fee": "0",
                    "gt_fee": "0",
                    "text": order.client_order_id,
                    "fee_currency": self.expected_fill_fee.flat_fees[0].token,
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
        self.assertEqual("gate_io", self.exchange.name)

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
            [Decimal("0.002"), Decimal("0.002"), Decimal("0.002")],
            [fee.percent for fee in fees],
        )

    def test_client_order_id_has_prefix_and_fits_max_length(self):
        self._simulate_trading_rules_initialized()
        with patch.object(self.exchange, "_create_order", new_callable=AsyncMock):
            order_id = self.place_buy_order()
        self.assertTrue(order_id.startswith("t-HBOT"))
        self.assertLessEqual(len(order_id), 30)
        self.assertRegex(order_id, "^(?:t-[A-Za-z0-9_.-]{1,28})$")

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
        self.assertEqual("ioc", request_data["time_in_force"])
        # A market buy is sized in the quote currency: 100 at 10000.
        self.assertEqual(Decimal("1000000"), Decimal(request_data["amount"]))

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
        self.assertEqual("poc", request_data["time_in_force"])

    @aioresponses()
    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_update_time_synchronizer_successfully(self, mock_api, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.exchange._time_synchronizer.clear_time_offset_ms_samples()
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_PATH_URL, domain=self.exchange.domain)
        response = {"server_time": 1640000003000}
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
        url = web_utils.private_rest_url(CONSTANTS.ORDER_CREATE_PATH_URL)
        error_body = json.dumps(
            {"label": "REQUEST_EXPIRED", "message": "gap between request Timestamp and server time exceeds 60"}
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
        del event["result"][0]["text"]
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
            {"channel": "spot.orders"},
            {"channel": "spot.orders", "result": []},
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
