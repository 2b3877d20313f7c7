import asyncio
import json
import re
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall
from cryptography.hazmat.primitives import serialization

from hummingbot.connector.exchange.coinbase_advanced_trade import (
    coinbase_advanced_trade_constants as CONSTANTS,
    coinbase_advanced_trade_web_utils as web_utils,
)
from hummingbot.connector.exchange.coinbase_advanced_trade.coinbase_advanced_trade_exchange import (
    CoinbaseAdvancedTradeExchange,
)
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import MarketOrderFailureEvent, OrderFilledEvent


class CoinbaseAdvancedTradeExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = (
        serialization.load_der_private_key(
            bytes.fromhex(
                "3077020101042047a0de85e0a2bc587aba5edf1ec79002acbf55bf6a53e0d6520312cb42447c62a00a06082a8648ce3d030107a14403420004c46d9125036f8a46320d141f7042f8d11116439b31e4da55247fa9b54e62e4352511f716f532c0a3501cc8c902bafa529f39c5adbc77bbe38d81de9c3df4e879"
            ),
            password=None,
        )
        .private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
        .decode()
    )
    expected_order_type_names = {
        OrderType.LIMIT: "limit_limit_gtc",
        OrderType.LIMIT_MAKER: "limit_limit_gtc",
    }

    @property
    def all_symbols_url(self):
        return web_utils.public_rest_url(CONSTANTS.ALL_PAIRS_EP, domain=self.exchange.domain)

    @property
    def latest_prices_url(self):
        return self._url_pattern(
            web_utils.public_rest_url(
                CONSTANTS.PAIR_TICKER_24HR_EP.format(product_id=self.exchange_trading_pair), domain=self.exchange.domain
            )
        )

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.SERVER_TIME_EP, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return web_utils.public_rest_url(CONSTANTS.ALL_PAIRS_EP, domain=self.exchange.domain)

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.ORDER_EP, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.ACCOUNTS_LIST_EP, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return {
            "products": [
                {
                    "product_id": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "base_increment": "0.00000001",
                    "quote_increment": "0.01",
                    "quote_min_size": "1",
                    "quote_max_size": "1000",
                    "base_min_size": "0.00000001",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": False,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": False,
                    "auction_mode": False,
                    "product_type": "SPOT",
                    "quote_currency_id": self.quote_asset,
                    "base_currency_id": self.base_asset,
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                }
            ],
            "num_products": 1,
        }

    @property
    def latest_prices_request_mock_response(self):
        return {
            "trades": [
                {
                    "trade_id": "34b080bf-fcfd-445a-832b-46b5ddc65601",
                    "product_id": "BTC-USD",
                    "price": str(self.expected_latest_price),
                    "size": "4",
                    "time": "2021-05-31T09:59:59Z",
                    "side": "BUY",
                    "bid": "291.13",
                    "ask": "292.40",
                }
            ],
            "best_bid": "291.13",
            "best_ask": "292.40",
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = {
            "products": [
                {
                    "product_id": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "base_increment": "0.00000001",
                    "quote_increment": "0.01",
                    "quote_min_size": "1",
                    "quote_max_size": "1000",
                    "base_min_size": "0.00000001",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": False,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": False,
                    "auction_mode": False,
                    "product_type": "SPOT",
                    "quote_currency_id": self.quote_asset,
                    "base_currency_id": self.base_asset,
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                },
                {
                    "product_id": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "base_increment": "0.00000001",
                    "quote_increment": "0.01",
                    "quote_min_size": "1",
                    "quote_max_size": "1000",
                    "base_min_size": "0.00000001",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": False,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": False,
                    "auction_mode": False,
                    "product_type": "NOT_SPOT",
                    "quote_currency_id": "PAIR",
                    "base_currency_id": "INVALID",
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                },
            ],
            "num_products": 1,
        }
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return {"iso": "2023-05-09T20:41:35Z", "epochSeconds": "1683664895", "epochMillis": "1683664895000"}

    @property
    def trading_rules_request_mock_response(self):
        return {
            "products": [
                {
                    "product_id": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "base_increment": "0.000001",
                    "quote_increment": "0.0001",
                    "quote_min_size": "10",
                    "quote_max_size": "1000",
                    "base_min_size": "0.01",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": False,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": False,
                    "auction_mode": False,
                    "product_type": "SPOT",
                    "quote_currency_id": self.quote_asset,
                    "base_currency_id": self.base_asset,
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                }
            ],
            "num_products": 1,
        }

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return {
            "products": [
                {
                    "product_id": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "price": "140.21",
                    "price_percentage_change_24h": "9.43%",
                    "volume_24h": "1908432",
                    "volume_percentage_change_24h": "9.43%",
                    "quote_max_size": "1000",
                    "base_max_size": "1000",
                    "base_name": "Bitcoin",
                    "quote_name": "US Dollar",
                    "watched": True,
                    "is_disabled": False,
                    "new": True,
                    "status": "online",
                    "cancel_only": False,
                    "limit_only": False,
                    "post_only": False,
                    "trading_disabled": False,
                    "auction_mode": False,
                    "product_type": "SPOT",
                    "quote_currency_id": self.quote_asset,
                    "base_currency_id": self.base_asset,
                    "mid_market_price": "140.22",
                    "base_display_symbol": "BTC",
                    "quote_display_symbol": "USD",
                }
            ],
            "num_products": 1,
        }

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "success": True,
            "success_response": {
                "order_id": self.expected_exchange_order_id,
                "product_id": "BTC-USD",
                "side": "BUY",
                "client_order_id": "0000-00000-000000",
            },
            "order_configuration": {
                "limit_limit_gtc": {"base_size": "0.001", "limit_price": "10000.00", "post_only": False}
            },
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return {
            "accounts": [
                {
                    "uuid": "8bfc20d7-f7c6-4422-bf07-8243ca4169fe",
                    "name": "BTC Wallet",
                    "currency": self.base_asset,
                    "available_balance": {"value": "10", "currency": "BTC"},
                    "default": False,
                    "active": True,
                    "created_at": "2021-05-31T09:59:59Z",
                    "updated_at": "2021-05-31T09:59:59Z",
                    "deleted_at": "2021-05-31T09:59:59Z",
                    "type": "ACCOUNT_TYPE_CRYPTO",
                    "ready": True,
                    "hold": {"value": "5", "currency": "BTC"},
                },
                {
                    "uuid": "8bfc20d7-f7c6-4422-bf07-8243ca4169fe",
                    "name": "BTC Wallet",
                    "currency": self.quote_asset,
                    "available_balance": {"value": "2000", "currency": "BTC"},
                    "default": False,
                    "active": True,
                    "created_at": "2021-05-31T09:59:59Z",
                    "updated_at": "2021-05-31T09:59:59Z",
                    "deleted_at": "2021-05-31T09:59:59Z",
                    "type": "ACCOUNT_TYPE_CRYPTO",
                    "ready": True,
                    "hold": {"value": "0", "currency": "BTC"},
                },
            ],
            "has_next": False,
            "cursor": "789100",
            "size": 1,
        }

    @property
    def balance_request_mock_response_only_base(self):
        return {
            "accounts": [
                {
                    "uuid": "8bfc20d7-f7c6-4422-bf07-8243ca4169fe",
                    "name": "BTC Wallet",
                    "currency": self.base_asset,
                    "available_balance": {"value": "10", "currency": "BTC"},
                    "default": False,
                    "active": True,
                    "created_at": "2021-05-31T09:59:59Z",
                    "updated_at": "2021-05-31T09:59:59Z",
                    "deleted_at": "2021-05-31T09:59:59Z",
                    "type": "ACCOUNT_TYPE_CRYPTO",
                    "ready": True,
                    "hold": {"value": "5", "currency": "BTC"},
                }
            ],
            "has_next": False,
            "cursor": "789100",
            "size": 1,
        }

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
        erroneous_rule = self.trading_rules_request_erroneous_mock_response["products"][0]
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
        return CoinbaseAdvancedTradeExchange(
            coinbase_advanced_trade_api_key=self.api_key,
            coinbase_advanced_trade_api_secret=self.secret_key,
            trading_pairs=[self.trading_pair],
        )

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertIn("Authorization", headers)

    def _opened_type_object(self, request_data: Dict[str, Any]) -> Dict[str, Any]:
        """The order's parameters with its configuration object opened: its one key, the type's name, in its place."""
        configuration = request_data.pop("order_configuration")
        self.assertEqual(1, len(configuration))
        ((type_name, params),) = configuration.items()
        return {**request_data, **params, "order_configuration": type_name}

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = self._opened_type_object(json.loads(request_call.kwargs["data"]))
        self.assertEqual(order.client_order_id, request_data["client_order_id"])
        self.assertEqual(self.exchange_trading_pair, request_data["product_id"])
        self.assertEqual("BUY" if order.trade_type == TradeType.BUY else "SELL", request_data["side"])
        self.assertEqual(order.amount, Decimal(request_data["base_size"]))
        self.assertEqual(order.price, Decimal(request_data["limit_price"]))
        self.assertEqual("limit_limit_gtc", request_data["order_configuration"])

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(request_call.kwargs["data"])
        self.assertEqual([order.exchange_order_id], request_params["order_ids"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        """The request names the order in its URL path, which the mocked URL pins to the order's ids."""

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual(order.exchange_order_id, request_params["order_ids"])

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
        url, regex_url = self._private_url(CONSTANTS.BATCH_CANCEL_EP)
        response = {
            "results": [{"success": True, "failure_reason": "UNKNOWN_CANCEL_FAILURE_REASON", "order_id": "0000-00000"}]
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.BATCH_CANCEL_EP)
        mock_api.post(regex_url, status=400, callback=callback)
        return url

    def configure_order_not_found_error_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.BATCH_CANCEL_EP)
        response = None
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
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_STATUS_EP.format(order_id=order.exchange_order_id))
        response = {
            "order": {
                "order_id": order.exchange_order_id,
                "product_id": "BTC-USD",
                "user_id": "2222-000000-000000",
                "order_configuration": {
                    "limit_limit_gtc": {"base_size": "0.001", "limit_price": "10000.00", "post_only": False}
                },
                "side": "BUY",
                "client_order_id": order.client_order_id,
                "status": "FILLED",
                "time_in_force": "GOOD_UNTIL_CANCELLED",
                "created_time": "2021-05-31T09:59:59Z",
                "completion_percentage": "50",
                "filled_size": "0.0005",
                "average_filled_price": "10000.00",
                "fee": "",
                "number_of_fills": "2",
                "filled_value": "5",
                "pending_cancel": False,
                "size_in_quote": False,
                "total_fees": "0.03",
                "size_inclusive_of_fees": False,
                "total_value_after_fees": "5.03",
                "trigger_status": "INVALID_ORDER_TYPE",
                "order_type": "LIMIT",
                "reject_reason": "REJECT_REASON_UNSPECIFIED",
                "settled": False,
                "product_type": "SPOT",
                "reject_message": "",
                "cancel_message": "",
                "order_placement_source": "RETAIL_ADVANCED",
                "outstanding_hold_amount": "5.03",
                "is_liquidation": False,
                "last_fill_time": "2021-05-31T09:59:59Z",
            }
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_STATUS_EP.format(order_id=order.exchange_order_id))
        response = {
            "order": {
                "order_id": order.exchange_order_id,
                "product_id": "BTC-USD",
                "user_id": "2222-000000-000000",
                "order_configuration": {
                    "limit_limit_gtc": {"base_size": "0.001", "limit_price": "10000.00", "post_only": False}
                },
                "side": "BUY",
                "client_order_id": order.client_order_id,
                "status": "CANCELLED",
                "time_in_force": "GOOD_UNTIL_CANCELLED",
                "created_time": "2021-05-31T09:59:59Z",
                "completion_percentage": "50",
                "filled_size": "0.0005",
                "average_filled_price": "10000.00",
                "fee": "",
                "number_of_fills": "2",
                "filled_value": "5",
                "pending_cancel": False,
                "size_in_quote": False,
                "total_fees": "0.03",
                "size_inclusive_of_fees": False,
                "total_value_after_fees": "5.03",
                "trigger_status": "INVALID_ORDER_TYPE",
                "order_type": "LIMIT",
                "reject_reason": "REJECT_REASON_UNSPECIFIED",
                "settled": False,
                "product_type": "SPOT",
                "reject_message": "",
                "cancel_message": "",
                "order_placement_source": "RETAIL_ADVANCED",
                "outstanding_hold_amount": "5.03",
                "is_liquidation": False,
                "last_fill_time": "2021-05-31T09:59:59Z",
            }
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_STATUS_EP.format(order_id=order.exchange_order_id))
        response = {
            "order": {
                "order_id": order.exchange_order_id,
                "product_id": "BTC-USD",
                "user_id": "2222-000000-000000",
                "order_configuration": {
                    "limit_limit_gtc": {"base_size": "0.001", "limit_price": "10000.00", "post_only": False}
                },
                "side": "BUY",
                "client_order_id": order.client_order_id,
                "status": "OPEN",
                "time_in_force": "GOOD_UNTIL_CANCELLED",
                "created_time": "2021-05-31T09:59:59Z",
                "completion_percentage": "50",
                "filled_size": "0",
                "average_filled_price": "10000.00",
                "fee": "",
                "number_of_fills": "2",
                "filled_value": "5",
                "pending_cancel": False,
                "size_in_quote": False,
                "total_fees": "0.03",
                "size_inclusive_of_fees": False,
                "total_value_after_fees": "5.03",
                "trigger_status": "INVALID_ORDER_TYPE",
                "order_type": "LIMIT",
                "reject_reason": "REJECT_REASON_UNSPECIFIED",
                "settled": False,
                "product_type": "SPOT",
                "reject_message": "",
                "cancel_message": "",
                "order_placement_source": "RETAIL_ADVANCED",
                "outstanding_hold_amount": "5.03",
                "is_liquidation": False,
                "last_fill_time": "2021-05-31T09:59:59Z",
            }
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_STATUS_EP.format(order_id=order.exchange_order_id))
        response = {
            "order": {
                "order_id": order.exchange_order_id,
                "product_id": "BTC-USD",
                "user_id": "2222-000000-000000",
                "order_configuration": {
                    "limit_limit_gtc": {"base_size": "0.001", "limit_price": "10000.00", "post_only": False}
                },
                "side": "BUY",
                "client_order_id": order.client_order_id,
                "status": "OPEN",
                "time_in_force": "GOOD_UNTIL_CANCELLED",
                "created_time": "2021-05-31T09:59:59Z",
                "completion_percentage": "50",
                "filled_size": "1",
                "average_filled_price": "10000.00",
                "fee": "",
                "number_of_fills": "2",
                "filled_value": "5",
                "pending_cancel": False,
                "size_in_quote": False,
                "total_fees": "0.03",
                "size_inclusive_of_fees": False,
                "total_value_after_fees": "5.03",
                "trigger_status": "INVALID_ORDER_TYPE",
                "order_type": "LIMIT",
                "reject_reason": "REJECT_REASON_UNSPECIFIED",
                "settled": False,
                "product_type": "SPOT",
                "reject_message": "",
                "cancel_message": "",
                "order_placement_source": "RETAIL_ADVANCED",
                "outstanding_hold_amount": "5.03",
                "is_liquidation": False,
                "last_fill_time": "2021-05-31T09:59:59Z",
            }
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_failed_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_STATUS_EP.format(order_id=order.exchange_order_id))
        response = {
            "order": {
                "order_id": order.exchange_order_id,
                "product_id": "BTC-USD",
                "user_id": "2222-000000-000000",
                "order_configuration": {
                    "limit_limit_gtc": {"base_size": "0.001", "limit_price": "10000.00", "post_only": False}
                },
                "side": "BUY",
                "client_order_id": order.client_order_id,
                "status": "FAILED",
                "time_in_force": "GOOD_UNTIL_CANCELLED",
                "created_time": "2021-05-31T09:59:59Z",
                "completion_percentage": "50",
                "filled_size": "0.0005",
                "average_filled_price": "10000.00",
                "fee": "",
                "number_of_fills": "2",
                "filled_value": "5",
                "pending_cancel": False,
                "size_in_quote": False,
                "total_fees": "0.03",
                "size_inclusive_of_fees": False,
                "total_value_after_fees": "5.03",
                "trigger_status": "INVALID_ORDER_TYPE",
                "order_type": "LIMIT",
                "reject_reason": "REJECT_REASON_UNSPECIFIED",
                "settled": False,
                "product_type": "SPOT",
                "reject_message": "",
                "cancel_message": "",
                "order_placement_source": "RETAIL_ADVANCED",
                "outstanding_hold_amount": "5.03",
                "is_liquidation": False,
                "last_fill_time": "2021-05-31T09:59:59Z",
            }
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_STATUS_EP.format(order_id=order.exchange_order_id))
        mock_api.get(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(CONSTANTS.GET_ORDER_STATUS_EP.format(order_id=order.exchange_order_id))
        response = {
            "error": "NOT_FOUND",
            "error_details": "order with this orderID was not found",
            "message": "order with this orderID was not found",
        }
        mock_api.get(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.FILLS_EP)
        response = {
            "fills": [
                {
                    "entry_id": "22222-2222222-22222222",
                    "trade_id": self.expected_fill_trade_id,
                    "order_id": order.exchange_order_id,
                    "trade_time": "2021-12-29T12:13:20Z",
                    "trade_type": "FILL",
                    "price": str(self.expected_partial_fill_price),
                    "size": str(self.expected_partial_fill_amount),
                    "commission": str(self.expected_fill_fee.flat_fees[0].amount),
                    "product_id": "BTC-USD",
                    "sequence_timestamp": "2021-05-31T09:58:59Z",
                    "liquidity_indicator": "MAKER",
                    "size_in_quote": False,
                    "user_id": "3333-333333-3333333",
                    "side": "BUY",
                }
            ],
            "cursor": "789100",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_http_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.FILLS_EP)
        mock_api.get(regex_url, status=400, callback=callback)
        return url

    def configure_full_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.FILLS_EP)
        response = {
            "fills": [
                {
                    "entry_id": "22222-2222222-22222222",
                    "trade_id": self.expected_fill_trade_id,
                    "order_id": order.exchange_order_id,
                    "trade_time": "2021-12-29T12:13:20Z",
                    "trade_type": "FILL",
                    "price": str(order.price),
                    "size": str(order.amount),
                    "commission": str(self.expected_fill_fee.flat_fees[0].amount),
                    "product_id": "BTC-USD",
                    "sequence_timestamp": "2021-05-31T09:58:59Z",
                    "liquidity_indicator": "MAKER",
                    "size_in_quote": False,
                    "user_id": "3333-333333-3333333",
                    "side": "BUY",
                }
            ],
            "cursor": "789100",
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "channel": "user",
            "client_id": "",
            "timestamp": "2023-02-09T20:33:57.609931463Z",
            "sequence_num": 0,
            "events": [
                {
                    "type": "snapshot",
                    "orders": [
                        {
                            "avg_price": "50000",
                            "cancel_reason": "",
                            "client_order_id": order.client_order_id,
                            "completion_percentage": "0.00",
                            "contract_expiry_type": "UNKNOWN_CONTRACT_EXPIRY_TYPE",
                            "cumulative_quantity": "0",
                            "filled_value": "0",
                            "leaves_quantity": "0.000994",
                            "limit_price": "50.00",
                            "number_of_fills": "0",
                            "order_id": order.exchange_order_id,
                            "order_side": "BUY",
                            "order_type": "Limit",
                            "outstanding_hold_amount": "0.00",
                            "post_only": "false",
                            "product_id": "BTC-USD",
                            "product_type": "SPOT",
                            "reject_reason": "",
                            "retail_portfolio_id": "ZZZ",
                            "risk_managed_by": "UNKNOWN_RISK_MANAGEMENT_TYPE",
                            "status": "OPEN",
                            "stop_price": "",
                            "time_in_force": "GOOD_UNTIL_CANCELLED",
                            "total_fees": "0",
                            "total_value_after_fees": "0",
                            "trigger_status": "INVALID_ORDER_TYPE",
                            "creation_time": "2021-12-29T12:13:20.000Z",
                            "end_time": "0001-01-01T00:00:00Z",
                            "start_time": "0001-01-01T00:00:00Z",
                        }
                    ],
                }
            ],
        }

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "channel": "user",
            "client_id": "",
            "timestamp": "2023-02-09T20:33:57.609931463Z",
            "sequence_num": 0,
            "events": [
                {
                    "type": "snapshot",
                    "orders": [
                        {
                            "avg_price": "50000",
                            "cancel_reason": "",
                            "client_order_id": order.client_order_id,
                            "completion_percentage": "0.00",
                            "contract_expiry_type": "UNKNOWN_CONTRACT_EXPIRY_TYPE",
                            "cumulative_quantity": "0",
                            "filled_value": "0",
                            "leaves_quantity": "0.000994",
                            "limit_price": "50.00",
                            "number_of_fills": "0",
                            "order_id": order.exchange_order_id,
                            "order_side": "BUY",
                            "order_type": "Limit",
                            "outstanding_hold_amount": "0.00",
                            "post_only": "false",
                            "product_id": "BTC-USD",
                            "product_type": "SPOT",
                            "reject_reason": "",
                            "retail_portfolio_id": "ZZZ",
                            "risk_managed_by": "UNKNOWN_RISK_MANAGEMENT_TYPE",
                            "status": "CANCELLED",
                            "stop_price": "",
                            "time_in_force": "GOOD_UNTIL_CANCELLED",
                            "total_fees": "0",
                            "total_value_after_fees": "0",
                            "trigger_status": "INVALID_ORDER_TYPE",
                            "creation_time": "2021-12-29T12:13:20.000Z",
                            "end_time": "0001-01-01T00:00:00Z",
                            "start_time": "0001-01-01T00:00:00Z",
                        }
                    ],
                }
            ],
        }

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "channel": "user",
            "client_id": "",
            "timestamp": "2023-02-09T20:33:57.609931463Z",
            "sequence_num": 0,
            "events": [
                {
                    "type": "snapshot",
                    "orders": [
                        {
                            "avg_price": "50000",
                            "cancel_reason": "",
                            "client_order_id": order.client_order_id,
                            "completion_percentage": "0.00",
                            "contract_expiry_type": "UNKNOWN_CONTRACT_EXPIRY_TYPE",
                            "cumulative_quantity": "0",
                            "filled_value": "0",
                            "leaves_quantity": "0.000994",
                            "limit_price": "50.00",
                            "number_of_fills": "0",
                            "order_id": order.exchange_order_id,
                            "order_side": "BUY",
                            "order_type": "Limit",
                            "outstanding_hold_amount": "0.00",
                            "post_only": "false",
                            "product_id": "BTC-USD",
                            "product_type": "SPOT",
                            "reject_reason": "",
                            "retail_portfolio_id": "ZZZ",
                            "risk_managed_by": "UNKNOWN_RISK_MANAGEMENT_TYPE",
                            "status": "FILLED",
                            "stop_price": "",
                            "time_in_force": "GOOD_UNTIL_CANCELLED",
                            "total_fees": "0",
                            "total_value_after_fees": "0",
                            "trigger_status": "INVALID_ORDER_TYPE",
                            "creation_time": "2021-12-29T12:13:20.000Z",
                            "end_time": "0001-01-01T00:00:00Z",
                            "start_time": "0001-01-01T00:00:00Z",
                        }
                    ],
                }
            ],
        }

    def trade_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        # Fills arrive with the order event itself.
        return None

    def order_event_for_failed_order_websocket_update(self, order: InFlightOrder):
        return {
            "channel": "user",
            "client_id": "",
            "timestamp": "2023-02-09T20:33:57.609931463Z",
            "sequence_num": 0,
            "events": [
                {
                    "type": "snapshot",
                    "orders": [
                        {
                            "avg_price": "50000",
                            "cancel_reason": "",
                            "client_order_id": order.client_order_id,
                            "completion_percentage": "0.00",
                            "contract_expiry_type": "UNKNOWN_CONTRACT_EXPIRY_TYPE",
                            "cumulative_quantity": "0",
                            "filled_value": "0",
                            "leaves_quantity": "0.000994",
                            "limit_price": "50.00",
                            "number_of_fills": "0",
                            "order_id": order.exchange_order_id,
                            "order_side": "BUY",
                            "order_type": "Limit",
                            "outstanding_hold_amount": "0.00",
                            "post_only": "false",
                            "product_id": "BTC-USD",
                            "product_type": "SPOT",
                            "reject_reason": "",
                            "retail_portfolio_id": "ZZZ",
                            "risk_managed_by": "UNKNOWN_RISK_MANAGEMENT_TYPE",
                            "status": "FAILED",
                            "stop_price": "",
                            "time_in_force": "GOOD_UNTIL_CANCELLED",
                            "total_fees": "0",
                            "total_value_after_fees": "0",
                            "trigger_status": "INVALID_ORDER_TYPE",
                            "creation_time": "2021-12-29T12:13:20.000Z",
                            "end_time": "0001-01-01T00:00:00Z",
                            "start_time": "0001-01-01T00:00:00Z",
                        }
                    ],
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
        self.assertEqual("coinbase_advanced_trade", self.exchange.name)

    @aioresponses()
    async def test_update_balances_sends_the_documented_query(self, mock_api):
        url = self._configure_balance_response(
            response=self.balance_request_mock_response_for_base_and_quote, mock_api=mock_api
        )

        await self.exchange._update_balances()

        request_params = self._all_executed_requests(mock_api, url)[0].kwargs["params"]
        self.assertEqual("250", request_params["limit"])

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
            [Decimal("0.004"), Decimal("0.006"), Decimal("0.004")],
            [fee.percent for fee in fees],
        )

    @aioresponses()
    async def test_cancel_order_not_found_in_the_exchange(self, mock_api):
        """The spec names no not-found error for cancels: a failed cancel leaves the order tracked, never counted
        as not found."""
        self.exchange._set_current_timestamp(1640780000)
        request_sent_event = asyncio.Event()
        order = self._track_buy_order()
        self.configure_order_not_found_error_cancelation_response(
            order=order, mock_api=mock_api, callback=lambda *args, **kwargs: request_sent_event.set()
        )

        self.exchange.cancel(trading_pair=self.trading_pair, client_order_id=order.client_order_id)
        await asyncio.wait_for(request_sent_event.wait(), timeout=1)

        self.assertFalse(order.is_done)
        self.assertIn(order.client_order_id, self.exchange._order_tracker.all_updatable_orders)
        self.assertNotIn(order.client_order_id, self.exchange._order_tracker._order_not_found_records)

    async def test_order_statuses_are_polled_at_most_once_per_min_interval(self):
        interval = 2.5
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
        self.assertTrue(order_id.startswith("CBAT-"))
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
        request_data = self._opened_type_object(json.loads(request_call.kwargs["data"]))
        self.assertEqual("limit_limit_gtc", request_data["order_configuration"])
        self.assertEqual(Decimal("10000"), Decimal(request_data["limit_price"]))
        self.assertEqual(True, request_data["post_only"])

    @aioresponses()
    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_update_time_synchronizer_successfully(self, mock_api, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.exchange._time_synchronizer.clear_time_offset_ms_samples()
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_EP, domain=self.exchange.domain)
        response = {"iso": "2023-05-09T20:41:35Z", "epochSeconds": "1683664895", "epochMillis": "1640000003000"}
        mock_api.get(url, body=json.dumps(response))

        await self.exchange._update_time_synchronizer()

        self.assertEqual(1640000003, self.exchange._time_synchronizer.time())

    @aioresponses()
    async def test_update_time_synchronizer_failure_is_logged(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_EP, domain=self.exchange.domain)
        mock_api.get(url, status=500)

        await self.exchange._update_time_synchronizer()

        self.assertTrue(self.is_logged("NETWORK", "Error getting server time."))

    @aioresponses()
    async def test_update_time_synchronizer_raises_cancelled_error(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.SERVER_TIME_EP, domain=self.exchange.domain)
        mock_api.get(url, exception=asyncio.CancelledError)

        with self.assertRaises(asyncio.CancelledError):
            await self.exchange._update_time_synchronizer()

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
        del event["events"][0]["orders"][0]["client_order_id"]
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
            {"channel": "user"},
            {"channel": "user", "events": [{"orders": []}]},
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
