import asyncio
import json
import re
from decimal import Decimal
from typing import Any, Callable, List, Optional, Tuple
from unittest.mock import AsyncMock, patch

from aioresponses import aioresponses
from aioresponses.core import RequestCall

from hummingbot.connector.exchange.okx import okx_constants as CONSTANTS, okx_web_utils as web_utils
from hummingbot.connector.exchange.okx.okx_exchange import OkxExchange
from hummingbot.connector.test_support.exchange_connector_test import AbstractExchangeConnectorTests
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState
from hummingbot.core.data_type.trade_fee import AddedToCostTradeFee, TokenAmount, TradeFeeBase
from hummingbot.core.event.events import OrderFilledEvent


class OkxExchangeTests(AbstractExchangeConnectorTests.ExchangeConnectorTests):
    api_key = "test-api_key"
    secret_key = "test-secret_key"
    passphrase = "test-passphrase"
    expected_order_type_names = {
        OrderType.LIMIT: "limit",
        OrderType.LIMIT_MAKER: "post_only",
        OrderType.MARKET: "market",
    }

    @property
    def all_symbols_url(self):
        return web_utils.public_rest_url(CONSTANTS.OKX_INSTRUMENTS_PATH, domain=self.exchange.domain) + "?instType=SPOT"

    @property
    def latest_prices_url(self):
        return self._url_pattern(web_utils.public_rest_url(CONSTANTS.OKX_TICKER_PATH, domain=self.exchange.domain))

    @property
    def network_status_url(self):
        return web_utils.public_rest_url(CONSTANTS.OKX_SERVER_TIME_PATH, domain=self.exchange.domain)

    @property
    def trading_rules_url(self):
        return web_utils.public_rest_url(CONSTANTS.OKX_INSTRUMENTS_PATH, domain=self.exchange.domain) + "?instType=SPOT"

    @property
    def order_creation_url(self):
        return web_utils.private_rest_url(CONSTANTS.OKX_PLACE_ORDER_PATH, domain=self.exchange.domain)

    @property
    def balance_url(self):
        return web_utils.private_rest_url(CONSTANTS.OKX_BALANCE_PATH, domain=self.exchange.domain)

    @property
    def all_symbols_request_mock_response(self):
        return {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "alias": "",
                    "baseCcy": self.base_asset,
                    "category": "1",
                    "ctMult": "",
                    "ctType": "",
                    "ctVal": "",
                    "ctValCcy": "",
                    "expTime": "",
                    "instFamily": "",
                    "instId": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "instType": "SPOT",
                    "lever": "10",
                    "listTime": "1606468572000",
                    "lotSz": "0.00000001",
                    "maxIcebergSz": "9999999999.0000000000000000",
                    "maxLmtAmt": "1000000",
                    "maxLmtSz": "9999999999",
                    "maxMktAmt": "1000000",
                    "maxMktSz": "",
                    "maxStopSz": "",
                    "maxTriggerSz": "9999999999.0000000000000000",
                    "maxTwapSz": "9999999999.0000000000000000",
                    "minSz": "0.00001",
                    "optType": "",
                    "quoteCcy": self.quote_asset,
                    "settleCcy": "",
                    "state": "live",
                    "stk": "",
                    "tickSz": "0.1",
                    "uly": "",
                }
            ],
        }

    @property
    def latest_prices_request_mock_response(self):
        return {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "instType": "SPOT",
                    "instId": "BTC-USDT",
                    "last": str(self.expected_latest_price),
                    "lastSz": "0.1",
                    "askPx": "9999.99",
                    "askSz": "11",
                    "bidPx": "8888.88",
                    "bidSz": "5",
                    "open24h": "9000",
                    "high24h": "10000",
                    "low24h": "8888.88",
                    "volCcy24h": "2222",
                    "vol24h": "2222",
                    "sodUtc0": "2222",
                    "sodUtc8": "2222",
                    "ts": "1597026383085",
                }
            ],
        }

    @property
    def all_symbols_including_invalid_pair_mock_response(self) -> Tuple[str, Any]:
        response = {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "alias": "",
                    "baseCcy": self.base_asset,
                    "category": "1",
                    "ctMult": "",
                    "ctType": "",
                    "ctVal": "",
                    "ctValCcy": "",
                    "expTime": "",
                    "instFamily": "",
                    "instId": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "instType": "SPOT",
                    "lever": "10",
                    "listTime": "1606468572000",
                    "lotSz": "0.00000001",
                    "maxIcebergSz": "9999999999.0000000000000000",
                    "maxLmtAmt": "1000000",
                    "maxLmtSz": "9999999999",
                    "maxMktAmt": "1000000",
                    "maxMktSz": "",
                    "maxStopSz": "",
                    "maxTriggerSz": "9999999999.0000000000000000",
                    "maxTwapSz": "9999999999.0000000000000000",
                    "minSz": "0.00001",
                    "optType": "",
                    "quoteCcy": self.quote_asset,
                    "settleCcy": "",
                    "state": "live",
                    "stk": "",
                    "tickSz": "0.1",
                    "uly": "",
                },
                {
                    "alias": "",
                    "baseCcy": "INVALID",
                    "category": "1",
                    "ctMult": "",
                    "ctType": "",
                    "ctVal": "",
                    "ctValCcy": "",
                    "expTime": "",
                    "instFamily": "",
                    "instId": self.exchange_symbol_for_tokens("INVALID", "PAIR"),
                    "instType": "NOT_SPOT",
                    "lever": "10",
                    "listTime": "1606468572000",
                    "lotSz": "0.00000001",
                    "maxIcebergSz": "9999999999.0000000000000000",
                    "maxLmtAmt": "1000000",
                    "maxLmtSz": "9999999999",
                    "maxMktAmt": "1000000",
                    "maxMktSz": "",
                    "maxStopSz": "",
                    "maxTriggerSz": "9999999999.0000000000000000",
                    "maxTwapSz": "9999999999.0000000000000000",
                    "minSz": "0.00001",
                    "optType": "",
                    "quoteCcy": "PAIR",
                    "settleCcy": "",
                    "state": "live",
                    "stk": "",
                    "tickSz": "0.1",
                    "uly": "",
                },
            ],
        }
        return "INVALID-PAIR", response

    @property
    def network_status_request_successful_mock_response(self):
        return {"code": "0", "msg": "", "data": [{"ts": "1597026383085"}]}

    @property
    def trading_rules_request_mock_response(self):
        return {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "alias": "",
                    "baseCcy": self.base_asset,
                    "category": "1",
                    "ctMult": "",
                    "ctType": "",
                    "ctVal": "",
                    "ctValCcy": "",
                    "expTime": "",
                    "instFamily": "",
                    "instId": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "instType": "SPOT",
                    "lever": "10",
                    "listTime": "1606468572000",
                    "lotSz": "0.000001",
                    "maxIcebergSz": "9999999999.0000000000000000",
                    "maxLmtAmt": "1000000",
                    "maxLmtSz": "9999999999",
                    "maxMktAmt": "1000000",
                    "maxMktSz": "",
                    "maxStopSz": "",
                    "maxTriggerSz": "9999999999.0000000000000000",
                    "maxTwapSz": "9999999999.0000000000000000",
                    "minSz": "0.01",
                    "optType": "",
                    "quoteCcy": self.quote_asset,
                    "settleCcy": "",
                    "state": "live",
                    "stk": "",
                    "tickSz": "0.0001",
                    "uly": "",
                }
            ],
        }

    @property
    def trading_rules_request_erroneous_mock_response(self):
        return {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "alias": "",
                    "baseCcy": self.base_asset,
                    "category": "1",
                    "ctMult": "",
                    "ctType": "",
                    "ctVal": "",
                    "ctValCcy": "",
                    "expTime": "",
                    "instFamily": "",
                    "instId": self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset),
                    "instType": "SPOT",
                    "lever": "10",
                    "listTime": "1606468572000",
                    "maxIcebergSz": "9999999999.0000000000000000",
                    "maxLmtAmt": "1000000",
                    "maxLmtSz": "9999999999",
                    "maxMktAmt": "1000000",
                    "maxMktSz": "",
                    "maxStopSz": "",
                    "maxTriggerSz": "9999999999.0000000000000000",
                    "maxTwapSz": "9999999999.0000000000000000",
                    "optType": "",
                    "quoteCcy": self.quote_asset,
                    "settleCcy": "",
                    "state": "live",
                    "stk": "",
                    "uly": "",
                }
            ],
        }

    @property
    def order_creation_request_successful_mock_response(self):
        return {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "clOrdId": "oktswap6",
                    "ordId": self.expected_exchange_order_id,
                    "tag": "",
                    "ts": "1695190491421",
                    "sCode": "0",
                    "sMsg": "",
                }
            ],
            "inTime": "1695190491421339",
            "outTime": "1695190491423240",
        }

    @property
    def balance_request_mock_response_for_base_and_quote(self):
        return {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "adjEq": "",
                    "borrowFroz": "",
                    "details": [
                        {
                            "availBal": "10",
                            "availEq": "1",
                            "borrowFroz": "",
                            "cashBal": "1",
                            "ccy": self.base_asset,
                            "crossLiab": "0",
                            "disEq": "1",
                            "eq": "",
                            "eqUsd": "1",
                            "fixedBal": "0",
                            "frozenBal": "5",
                            "imr": "0",
                            "interest": "0",
                            "isoEq": "0",
                            "isoLiab": "0",
                            "isoUpl": "0",
                            "liab": "0",
                            "maxLoan": "0",
                            "mgnRatio": "0",
                            "mmr": "0",
                            "notionalLever": "0",
                            "ordFrozen": "0",
                            "spotInUseAmt": "",
                            "stgyEq": "0",
                            "twap": "0",
                            "uTime": "1705449605015",
                            "upl": "0",
                            "uplLiab": "0",
                        },
                        {
                            "availBal": "",
                            "availEq": "2000",
                            "borrowFroz": "",
                            "cashBal": "1",
                            "ccy": self.quote_asset,
                            "crossLiab": "0",
                            "disEq": "1",
                            "eq": "2000",
                            "eqUsd": "1",
                            "fixedBal": "0",
                            "frozenBal": "0",
                            "imr": "0",
                            "interest": "0",
                            "isoEq": "0",
                            "isoLiab": "0",
                            "isoUpl": "0",
                            "liab": "0",
                            "maxLoan": "0",
                            "mgnRatio": "0",
                            "mmr": "0",
                            "notionalLever": "0",
                            "ordFrozen": "0",
                            "spotInUseAmt": "",
                            "stgyEq": "0",
                            "twap": "0",
                            "uTime": "1705449605015",
                            "upl": "0",
                            "uplLiab": "0",
                        },
                    ],
                    "imr": "",
                    "isoEq": "0",
                    "mgnRatio": "",
                    "mmr": "",
                    "notionalUsd": "",
                    "ordFroz": "",
                    "totalEq": "1",
                    "uTime": "1705474164160",
                    "upl": "",
                }
            ],
        }

    @property
    def balance_request_mock_response_only_base(self):
        return {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "adjEq": "",
                    "borrowFroz": "",
                    "details": [
                        {
                            "availBal": "10",
                            "availEq": "1",
                            "borrowFroz": "",
                            "cashBal": "1",
                            "ccy": self.base_asset,
                            "crossLiab": "0",
                            "disEq": "1",
                            "eq": "",
                            "eqUsd": "1",
                            "fixedBal": "0",
                            "frozenBal": "5",
                            "imr": "0",
                            "interest": "0",
                            "isoEq": "0",
                            "isoLiab": "0",
                            "isoUpl": "0",
                            "liab": "0",
                            "maxLoan": "0",
                            "mgnRatio": "0",
                            "mmr": "0",
                            "notionalLever": "0",
                            "ordFrozen": "0",
                            "spotInUseAmt": "",
                            "stgyEq": "0",
                            "twap": "0",
                            "uTime": "1705449605015",
                            "upl": "0",
                            "uplLiab": "0",
                        }
                    ],
                    "imr": "",
                    "isoEq": "0",
                    "mgnRatio": "",
                    "mmr": "",
                    "notionalUsd": "",
                    "ordFroz": "",
                    "totalEq": "1",
                    "uTime": "1705474164160",
                    "upl": "",
                }
            ],
        }

    @property
    def balance_event_websocket_update(self):
        return {
            "arg": {"channel": "account", "uid": "44*********584"},
            "data": [
                {
                    "adjEq": "55444.12216906034",
                    "details": [
                        {
                            "availBal": "10",
                            "availEq": "4734.371190691435",
                            "ccy": self.base_asset,
                            "cashBal": "4750.426970691436",
                            "disEq": "4889.379316336831",
                            "eq": "4750.426970691436",
                            "eqUsd": "4889.379316336831",
                            "frozenBal": "5",
                            "ordFrozen": "16.0557800000000",
                            "uTime": "1705564213903",
                        }
                    ],
                    "totalEq": "54738.032348854225",
                    "uTime": "1705564223311",
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
        return (base_token + "-" + quote_token).upper()

    def create_exchange_instance(self):
        return OkxExchange(
            okx_api_key=self.api_key,
            okx_secret_key=self.secret_key,
            okx_passphrase=self.passphrase,
            trading_pairs=[self.trading_pair],
        )

    def validate_auth_credentials_present(self, request_call: RequestCall):
        # The signature and timestamp values are recomputed from the documented recipe in the auth tests.
        headers = request_call.kwargs["headers"]
        self.assertEqual(self.api_key, headers["OK-ACCESS-KEY"])
        self.assertIn("OK-ACCESS-SIGN", headers)
        self.assertIn("OK-ACCESS-TIMESTAMP", headers)
        self.assertEqual(self.passphrase, headers["OK-ACCESS-PASSPHRASE"])

    def validate_order_creation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_data = json.loads(request_call.kwargs["data"])
        self.assertEqual(self.exchange_trading_pair, request_data["instId"])
        self.assertEqual("cash", request_data["tdMode"])
        self.assertEqual(order.client_order_id, request_data["clOrdId"])
        self.assertEqual("buy" if order.trade_type == TradeType.BUY else "sell", request_data["side"])
        self.assertEqual(self.expected_order_type_names[order.order_type], request_data["ordType"])
        self.assertEqual(order.amount, Decimal(request_data["sz"]))
        self.assertEqual(order.price, Decimal(request_data["px"]))

    def validate_order_cancelation_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = json.loads(request_call.kwargs["data"])
        self.assertEqual(self.exchange_trading_pair, request_params["instId"])
        self.assertEqual(order.client_order_id, request_params["clOrdId"])

    def validate_order_status_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual(self.exchange_trading_pair, request_params["instId"])
        self.assertEqual(order.client_order_id, request_params["clOrdId"])

    def validate_trades_request(self, order: InFlightOrder, request_call: RequestCall):
        request_params = request_call.kwargs["params"]
        self.assertEqual("SPOT", request_params["instType"])
        self.assertEqual(self.exchange_trading_pair, request_params["instId"])
        self.assertEqual(order.exchange_order_id, request_params["ordId"])

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
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_CANCEL_PATH)
        response = {
            "code": "0",
            "msg": "",
            "data": [
                {"clOrdId": "oktswap6", "ordId": "312269865356374016", "ts": "1695190491421", "sCode": "0", "sMsg": ""}
            ],
            "inTime": "1695190491421339",
            "outTime": "1695190491423240",
        }
        mock_api.post(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_CANCEL_PATH)
        mock_api.post(regex_url, status=400, callback=callback)
        return url

    def configure_order_not_found_error_cancelation_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_CANCEL_PATH)
        response = {
            "code": "1",
            "msg": "All operations failed",
            "data": [
                {
                    "clOrdId": "oktswap6",
                    "ordId": "312269865356374016",
                    "sCode": "51400",
                    "sMsg": "Order cancellation failed as the order has been filled, canceled or does not exist",
                }
            ],
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
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_DETAILS_PATH)
        response = {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "instType": "SPOT",
                    "instId": "BTC-USDT",
                    "tgtCcy": "",
                    "ccy": "",
                    "ordId": order.exchange_order_id,
                    "clOrdId": order.client_order_id,
                    "tag": "",
                    "px": "31527.1",
                    "pxUsd": "",
                    "pxVol": "",
                    "pxType": "",
                    "sz": "0.001",
                    "pnl": "0",
                    "ordType": "limit",
                    "side": "buy",
                    "posSide": "",
                    "tdMode": "cash",
                    "accFillSz": "0",
                    "fillPx": "",
                    "tradeId": "",
                    "fillSz": "0",
                    "fillTime": "",
                    "avgPx": "",
                    "state": "filled",
                    "lever": "",
                    "attachAlgoClOrdId": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "",
                    "tpOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "",
                    "slOrdPx": "",
                    "attachAlgoOrds": [],
                    "linkedAlgoOrd": {"algoId": ""},
                    "stpId": "",
                    "stpMode": "",
                    "feeCcy": "BTC",
                    "fee": "0",
                    "rebateCcy": "USDT",
                    "source": "",
                    "rebate": "0",
                    "category": "normal",
                    "reduceOnly": "false",
                    "isTpLimit": "false",
                    "cancelSource": "",
                    "cancelSourceReason": "",
                    "quickMgnType": "",
                    "algoClOrdId": "",
                    "algoId": "",
                    "uTime": "1640780000000",
                    "cTime": "1708587373361",
                }
            ],
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_canceled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_DETAILS_PATH)
        response = {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "instType": "SPOT",
                    "instId": "BTC-USDT",
                    "tgtCcy": "",
                    "ccy": "",
                    "ordId": order.exchange_order_id,
                    "clOrdId": order.client_order_id,
                    "tag": "",
                    "px": "31527.1",
                    "pxUsd": "",
                    "pxVol": "",
                    "pxType": "",
                    "sz": "0.001",
                    "pnl": "0",
                    "ordType": "limit",
                    "side": "buy",
                    "posSide": "",
                    "tdMode": "cash",
                    "accFillSz": "0",
                    "fillPx": "",
                    "tradeId": "",
                    "fillSz": "0",
                    "fillTime": "",
                    "avgPx": "",
                    "state": "canceled",
                    "lever": "",
                    "attachAlgoClOrdId": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "",
                    "tpOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "",
                    "slOrdPx": "",
                    "attachAlgoOrds": [],
                    "linkedAlgoOrd": {"algoId": ""},
                    "stpId": "",
                    "stpMode": "",
                    "feeCcy": "BTC",
                    "fee": "0",
                    "rebateCcy": "USDT",
                    "source": "",
                    "rebate": "0",
                    "category": "normal",
                    "reduceOnly": "false",
                    "isTpLimit": "false",
                    "cancelSource": "",
                    "cancelSourceReason": "",
                    "quickMgnType": "",
                    "algoClOrdId": "",
                    "algoId": "",
                    "uTime": "1640780000000",
                    "cTime": "1708587373361",
                }
            ],
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_open_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_DETAILS_PATH)
        response = {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "instType": "SPOT",
                    "instId": "BTC-USDT",
                    "tgtCcy": "",
                    "ccy": "",
                    "ordId": order.exchange_order_id,
                    "clOrdId": order.client_order_id,
                    "tag": "",
                    "px": "31527.1",
                    "pxUsd": "",
                    "pxVol": "",
                    "pxType": "",
                    "sz": "0.001",
                    "pnl": "0",
                    "ordType": "limit",
                    "side": "buy",
                    "posSide": "",
                    "tdMode": "cash",
                    "accFillSz": "0",
                    "fillPx": "",
                    "tradeId": "",
                    "fillSz": "0",
                    "fillTime": "",
                    "avgPx": "",
                    "state": "live",
                    "lever": "",
                    "attachAlgoClOrdId": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "",
                    "tpOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "",
                    "slOrdPx": "",
                    "attachAlgoOrds": [],
                    "linkedAlgoOrd": {"algoId": ""},
                    "stpId": "",
                    "stpMode": "",
                    "feeCcy": "BTC",
                    "fee": "0",
                    "rebateCcy": "USDT",
                    "source": "",
                    "rebate": "0",
                    "category": "normal",
                    "reduceOnly": "false",
                    "isTpLimit": "false",
                    "cancelSource": "",
                    "cancelSourceReason": "",
                    "quickMgnType": "",
                    "algoClOrdId": "",
                    "algoId": "",
                    "uTime": "1640780000000",
                    "cTime": "1708587373361",
                }
            ],
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_partially_filled_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_DETAILS_PATH)
        response = {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "instType": "SPOT",
                    "instId": "BTC-USDT",
                    "tgtCcy": "",
                    "ccy": "",
                    "ordId": order.exchange_order_id,
                    "clOrdId": order.client_order_id,
                    "tag": "",
                    "px": "31527.1",
                    "pxUsd": "",
                    "pxVol": "",
                    "pxType": "",
                    "sz": "0.001",
                    "pnl": "0",
                    "ordType": "limit",
                    "side": "buy",
                    "posSide": "",
                    "tdMode": "cash",
                    "accFillSz": "0",
                    "fillPx": "",
                    "tradeId": "",
                    "fillSz": "0",
                    "fillTime": "",
                    "avgPx": "",
                    "state": "partially_filled",
                    "lever": "",
                    "attachAlgoClOrdId": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "",
                    "tpOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "",
                    "slOrdPx": "",
                    "attachAlgoOrds": [],
                    "linkedAlgoOrd": {"algoId": ""},
                    "stpId": "",
                    "stpMode": "",
                    "feeCcy": "BTC",
                    "fee": "0",
                    "rebateCcy": "USDT",
                    "source": "",
                    "rebate": "0",
                    "category": "normal",
                    "reduceOnly": "false",
                    "isTpLimit": "false",
                    "cancelSource": "",
                    "cancelSourceReason": "",
                    "quickMgnType": "",
                    "algoClOrdId": "",
                    "algoId": "",
                    "uTime": "1640780000000",
                    "cTime": "1708587373361",
                }
            ],
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_http_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_DETAILS_PATH)
        mock_api.get(regex_url, status=401, callback=callback)
        return url

    def configure_order_not_found_error_order_status_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> List[str]:
        url, regex_url = self._private_url(CONSTANTS.OKX_ORDER_DETAILS_PATH)
        response = {"code": "51603", "msg": "Order does not exist", "data": []}
        mock_api.get(regex_url, status=400, body=json.dumps(response), callback=callback)
        return [url]

    def configure_partial_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_TRADE_FILLS_PATH)
        response = {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "side": "buy",
                    "fillSz": str(self.expected_partial_fill_amount),
                    "fillPx": str(self.expected_partial_fill_price),
                    "fillPxVol": "",
                    "fillFwdPx": "",
                    "fee": str(-self.expected_fill_fee.flat_fees[0].amount),
                    "fillPnl": "0",
                    "ordId": order.exchange_order_id,
                    "feeRate": "-0.001",
                    "instType": "SPOT",
                    "fillPxUsd": "",
                    "instId": "BTC-USDT",
                    "clOrdId": "",
                    "posSide": "net",
                    "billId": "680800019754098688",
                    "subType": "1",
                    "fillMarkVol": "",
                    "tag": "",
                    "fillTime": "1708587373361",
                    "execType": "T",
                    "fillIdxPx": "",
                    "tradeId": self.expected_fill_trade_id,
                    "fillMarkPx": "",
                    "feeCcy": self.expected_fill_fee.flat_fees[0].token,
                    "ts": "1640780000000",
                }
            ],
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def configure_erroneous_http_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_TRADE_FILLS_PATH)
        mock_api.get(regex_url, status=400, callback=callback)
        return url

    def configure_full_fill_trade_response(
        self, order: InFlightOrder, mock_api: aioresponses, callback: Optional[Callable] = lambda *args, **kwargs: None
    ) -> str:
        url, regex_url = self._private_url(CONSTANTS.OKX_TRADE_FILLS_PATH)
        response = {
            "code": "0",
            "msg": "",
            "data": [
                {
                    "side": "buy",
                    "fillSz": str(order.amount),
                    "fillPx": str(order.price),
                    "fillPxVol": "",
                    "fillFwdPx": "",
                    "fee": str(-self.expected_fill_fee.flat_fees[0].amount),
                    "fillPnl": "0",
                    "ordId": order.exchange_order_id,
                    "feeRate": "-0.001",
                    "instType": "SPOT",
                    "fillPxUsd": "",
                    "instId": "BTC-USDT",
                    "clOrdId": "",
                    "posSide": "net",
                    "billId": "680800019754098688",
                    "subType": "1",
                    "fillMarkVol": "",
                    "tag": "",
                    "fillTime": "1708587373361",
                    "execType": "T",
                    "fillIdxPx": "",
                    "tradeId": self.expected_fill_trade_id,
                    "fillMarkPx": "",
                    "feeCcy": self.expected_fill_fee.flat_fees[0].token,
                    "ts": "1640780000000",
                }
            ],
        }
        mock_api.get(regex_url, body=json.dumps(response), callback=callback)
        return url

    def order_event_for_new_order_websocket_update(self, order: InFlightOrder):
        return {
            "arg": {"channel": "orders", "instType": "SPOT", "instId": "BTC-USDT", "uid": "614488474791936"},
            "data": [
                {
                    "accFillSz": "0.001",
                    "algoClOrdId": "",
                    "algoId": "",
                    "amendResult": "",
                    "amendSource": "",
                    "avgPx": "31527.1",
                    "cancelSource": "",
                    "category": "normal",
                    "ccy": "",
                    "clOrdId": order.client_order_id,
                    "code": "0",
                    "cTime": "1654084334977",
                    "execType": "M",
                    "fee": "-0.02522168",
                    "feeCcy": "USDT",
                    "fillFee": "-0.02522168",
                    "fillFeeCcy": "USDT",
                    "fillNotionalUsd": "31.50818374",
                    "fillPx": "31527.1",
                    "fillSz": "0.001",
                    "fillTime": "1654084353263",
                    "instId": "BTC-USDT",
                    "instType": "SPOT",
                    "lever": "0",
                    "msg": "",
                    "notionalUsd": "31.50818374",
                    "ordId": order.exchange_order_id,
                    "ordType": "limit",
                    "pnl": "0",
                    "posSide": "",
                    "px": "31527.1",
                    "rebate": "0",
                    "rebateCcy": "BTC",
                    "reduceOnly": "false",
                    "reqId": "",
                    "side": "sell",
                    "slOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "last",
                    "source": "",
                    "state": "live",
                    "sz": "0.001",
                    "tag": "",
                    "tdMode": "cash",
                    "tgtCcy": "",
                    "tpOrdPx": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "last",
                    "tradeId": False,
                    "quickMgnType": "",
                    "uTime": "1640780000000",
                }
            ],
        }

    def order_event_for_canceled_order_websocket_update(self, order: InFlightOrder):
        return {
            "arg": {"channel": "orders", "instType": "SPOT", "instId": "BTC-USDT", "uid": "614488474791936"},
            "data": [
                {
                    "accFillSz": "0.001",
                    "algoClOrdId": "",
                    "algoId": "",
                    "amendResult": "",
                    "amendSource": "",
                    "avgPx": "31527.1",
                    "cancelSource": "",
                    "category": "normal",
                    "ccy": "",
                    "clOrdId": order.client_order_id,
                    "code": "0",
                    "cTime": "1654084334977",
                    "execType": "M",
                    "fee": "-0.02522168",
                    "feeCcy": "USDT",
                    "fillFee": "-0.02522168",
                    "fillFeeCcy": "USDT",
                    "fillNotionalUsd": "31.50818374",
                    "fillPx": "31527.1",
                    "fillSz": "0.001",
                    "fillTime": "1654084353263",
                    "instId": "BTC-USDT",
                    "instType": "SPOT",
                    "lever": "0",
                    "msg": "",
                    "notionalUsd": "31.50818374",
                    "ordId": order.exchange_order_id,
                    "ordType": "limit",
                    "pnl": "0",
                    "posSide": "",
                    "px": "31527.1",
                    "rebate": "0",
                    "rebateCcy": "BTC",
                    "reduceOnly": "false",
                    "reqId": "",
                    "side": "sell",
                    "slOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "last",
                    "source": "",
                    "state": "canceled",
                    "sz": "0.001",
                    "tag": "",
                    "tdMode": "cash",
                    "tgtCcy": "",
                    "tpOrdPx": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "last",
                    "tradeId": False,
                    "quickMgnType": "",
                    "uTime": "1640780000000",
                }
            ],
        }

    def order_event_for_full_fill_websocket_update(self, order: InFlightOrder):
        return {
            "arg": {"channel": "orders", "instType": "SPOT", "instId": "BTC-USDT", "uid": "614488474791936"},
            "data": [
                {
                    "accFillSz": "0.001",
                    "algoClOrdId": "",
                    "algoId": "",
                    "amendResult": "",
                    "amendSource": "",
                    "avgPx": "31527.1",
                    "cancelSource": "",
                    "category": "normal",
                    "ccy": "",
                    "clOrdId": order.client_order_id,
                    "code": "0",
                    "cTime": "1654084334977",
                    "execType": "M",
                    "fee": "-0.02522168",
                    "feeCcy": "USDT",
                    "fillFee": str(-self.expected_fill_fee.flat_fees[0].amount),
                    "fillFeeCcy": self.expected_fill_fee.flat_fees[0].token,
                    "fillNotionalUsd": "31.50818374",
                    "fillPx": str(order.price),
                    "fillSz": str(order.amount),
                    "fillTime": "1640780000000",
                    "instId": "BTC-USDT",
                    "instType": "SPOT",
                    "lever": "0",
                    "msg": "",
                    "notionalUsd": "31.50818374",
                    "ordId": order.exchange_order_id,
                    "ordType": "limit",
                    "pnl": "0",
                    "posSide": "",
                    "px": "31527.1",
                    "rebate": "0",
                    "rebateCcy": "BTC",
                    "reduceOnly": "false",
                    "reqId": "",
                    "side": "sell",
                    "slOrdPx": "",
                    "slTriggerPx": "",
                    "slTriggerPxType": "last",
                    "source": "",
                    "state": "filled",
                    "sz": "0.001",
                    "tag": "",
                    "tdMode": "cash",
                    "tgtCcy": "",
                    "tpOrdPx": "",
                    "tpTriggerPx": "",
                    "tpTriggerPxType": "last",
                    "tradeId": self.expected_fill_trade_id,
                    "quickMgnType": "",
                    "uTime": "1640780000000",
                }
            ],
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
        self.assertEqual("okx", self.exchange.name)

    @aioresponses()
    async def test_error_in_successful_http_response_raises_with_the_body(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.OKX_SERVER_TIME_PATH, domain=self.exchange.domain)
        error_body = {"code": "51001", "msg": "Instrument ID does not exist", "data": []}
        mock_api.get(url, body=json.dumps(error_body))

        with self.assertRaises(IOError) as raised:
            await self.exchange._api_get(path_url=CONSTANTS.OKX_SERVER_TIME_PATH)

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
            [Decimal("0.0008"), Decimal("0.001"), Decimal("0.0008")],
            [fee.percent for fee in fees],
        )

    def test_client_order_id_has_prefix_and_fits_max_length(self):
        self._simulate_trading_rules_initialized()
        with patch.object(self.exchange, "_create_order", new_callable=AsyncMock):
            order_id = self.place_buy_order()
        self.assertTrue(order_id.startswith("93027a12dac34fBC"))
        self.assertLessEqual(len(order_id), 32)
        self.assertRegex(order_id, "^(?:[A-Za-z0-9]{1,32})$")

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
        self.assertEqual("post_only", request_data["ordType"])
        self.assertEqual(Decimal("10000"), Decimal(request_data["px"]))

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
        self.assertEqual("market", request_data["ordType"])
        self.assertNotIn("px", request_data)
        self.assertEqual("base_ccy", request_data["tgtCcy"])

    @aioresponses()
    @patch("hummingbot.connector.time_synchronizer.TimeSynchronizer._current_seconds_counter")
    async def test_update_time_synchronizer_successfully(self, mock_api, seconds_counter_mock):
        seconds_counter_mock.return_value = 0
        self.exchange._time_synchronizer.clear_time_offset_ms_samples()
        url = web_utils.public_rest_url(CONSTANTS.OKX_SERVER_TIME_PATH, domain=self.exchange.domain)
        response = {"code": "0", "msg": "", "data": [{"ts": "1640000003000"}]}
        mock_api.get(url, body=json.dumps(response))

        await self.exchange._update_time_synchronizer()

        self.assertEqual(1640000003, self.exchange._time_synchronizer.time())

    @aioresponses()
    async def test_update_time_synchronizer_failure_is_logged(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.OKX_SERVER_TIME_PATH, domain=self.exchange.domain)
        mock_api.get(url, status=500)

        await self.exchange._update_time_synchronizer()

        self.assertTrue(self.is_logged("NETWORK", "Error getting server time."))

    @aioresponses()
    async def test_update_time_synchronizer_raises_cancelled_error(self, mock_api):
        url = web_utils.public_rest_url(CONSTANTS.OKX_SERVER_TIME_PATH, domain=self.exchange.domain)
        mock_api.get(url, exception=asyncio.CancelledError)

        with self.assertRaises(asyncio.CancelledError):
            await self.exchange._update_time_synchronizer()

    def test_time_synchronizer_related_request_error_detection(self):
        url = web_utils.private_rest_url(CONSTANTS.OKX_PLACE_ORDER_PATH)
        error_body = json.dumps({"code": "50102", "data": [], "msg": "Timestamp request expired"})
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
        del event["data"][0]["clOrdId"]
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
            {"arg": {"channel": "hbgen-unknown-event"}},
            {"arg": {"channel": "orders"}},
            {"arg": {"channel": "orders"}, "data": []},
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
