import asyncio
import json
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from bidict import bidict

from hummingbot.connector.constants import s_decimal_NaN
from hummingbot.connector.exchange.bybit import bybit_constants as CONSTANTS, bybit_utils, bybit_web_utils as web_utils
from hummingbot.connector.exchange.bybit.bybit_api_order_book_data_source import BybitAPIOrderBookDataSource
from hummingbot.connector.exchange.bybit.bybit_api_user_stream_data_source import BybitAPIUserStreamDataSource
from hummingbot.connector.exchange.bybit.bybit_auth import BybitAuth
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.connector.utils import combine_to_hb_trading_pair
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_tracker_data_source import OrderBookTrackerDataSource
from hummingbot.core.data_type.trade_fee import TokenAmount, TradeFeeBase
from hummingbot.core.data_type.user_stream_tracker_data_source import UserStreamTrackerDataSource
from hummingbot.core.utils.estimate_fee import build_trade_fee
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory


class BybitExchange(ExchangePyBase):
    web_utils = web_utils

    def __init__(
        self,
        bybit_api_key: str,
        bybit_api_secret: str,
        balance_asset_limit: Optional[Dict[str, Dict[str, Decimal]]] = None,
        rate_limits_share_pct: Decimal = Decimal("100"),
        trading_pairs: Optional[List[str]] = None,
        trading_required: bool = True,
        domain: str = CONSTANTS.DEFAULT_DOMAIN,
    ):
        self.bybit_api_key = bybit_api_key
        self.bybit_api_secret = bybit_api_secret
        self._domain = domain
        self._trading_required = trading_required
        # The prerequisite `account_type`, once requested.
        self._account_type: Optional[Any] = None
        self._trading_pairs = trading_pairs
        super().__init__(balance_asset_limit, rate_limits_share_pct)

    @property
    def authenticator(self) -> BybitAuth:
        return BybitAuth(
            api_key=self.bybit_api_key,
            secret_key=self.bybit_api_secret,
            time_provider=self._time_synchronizer,
        )

    @property
    def name(self) -> str:
        if self._domain == CONSTANTS.DEFAULT_DOMAIN:
            return "bybit"
        # Some domains name their connector themselves.
        return {"bybit_testnet": "bybit_testnet"}.get(self._domain, f"bybit_{self._domain}")

    @property
    def rate_limits_rules(self):
        return CONSTANTS.RATE_LIMITS

    @property
    def domain(self) -> str:
        return self._domain

    @property
    def client_order_id_max_length(self) -> int:
        return CONSTANTS.MAX_ORDER_ID_LEN

    @property
    def client_order_id_prefix(self) -> str:
        return CONSTANTS.HBOT_ORDER_ID_PREFIX

    @property
    def trading_rules_request_path(self) -> str:
        return CONSTANTS.EXCHANGE_INFO_PATH_URL

    @property
    def trading_pairs_request_path(self) -> str:
        return CONSTANTS.EXCHANGE_INFO_PATH_URL

    @property
    def check_network_request_path(self) -> str:
        return CONSTANTS.SERVER_TIME_PATH_URL

    @property
    def trading_pairs(self) -> Optional[List[str]]:
        return self._trading_pairs

    @property
    def is_cancel_request_in_exchange_synchronous(self) -> bool:
        return True

    @property
    def is_trading_required(self) -> bool:
        return self._trading_required

    def supported_order_types(self) -> List[OrderType]:
        return [
            OrderType.LIMIT,
            OrderType.LIMIT_MAKER,
            OrderType.MARKET,
        ]

    @staticmethod
    def bybit_order_type(order_type: OrderType) -> str:
        """The exchange's name for a Hummingbot order type."""
        return CONSTANTS.ORDER_TYPE_NAMES[order_type]

    def _is_request_exception_related_to_time_synchronizer(self, request_exception: Exception) -> bool:
        error_description = str(request_exception)
        return all(match in error_description for match in CONSTANTS.TIMESTAMP_ERROR_MATCHES)

    def _is_order_not_found_during_status_update_error(self, status_update_exception: Exception) -> bool:
        error_description = str(status_update_exception)
        return all(match in error_description for match in CONSTANTS.ORDER_NOT_FOUND_ON_STATUS_MATCHES)

    def _is_order_not_found_during_cancelation_error(self, cancelation_exception: Exception) -> bool:
        error_description = str(cancelation_exception)
        return all(match in error_description for match in CONSTANTS.ORDER_NOT_FOUND_ON_CANCEL_MATCHES)

    def _create_web_assistants_factory(self) -> WebAssistantsFactory:
        return web_utils.build_api_factory(
            throttler=self._throttler,
            time_synchronizer=self._time_synchronizer,
            domain=self._domain,
            auth=self._auth,
        )

    def _create_order_book_data_source(self) -> OrderBookTrackerDataSource:
        return BybitAPIOrderBookDataSource(
            trading_pairs=self._trading_pairs,
            connector=self,
            api_factory=self._web_assistants_factory,
            domain=self.domain,
        )

    def _create_user_stream_data_source(self) -> UserStreamTrackerDataSource:
        return BybitAPIUserStreamDataSource(
            auth=self._auth,
            trading_pairs=self._trading_pairs,
            connector=self,
            api_factory=self._web_assistants_factory,
            domain=self.domain,
        )

    def _get_fee(
        self,
        base_currency: str,
        quote_currency: str,
        order_type: OrderType,
        order_side: TradeType,
        amount: Decimal,
        price: Decimal = s_decimal_NaN,
        is_maker: Optional[bool] = None,
    ) -> TradeFeeBase:
        is_maker = is_maker or order_type is OrderType.LIMIT_MAKER
        account_fees = self._trading_fees.get(combine_to_hb_trading_pair(base=base_currency, quote=quote_currency))
        if account_fees is not None:
            # The account's rates for the pair: its fee row from the exchange (_update_trading_fees).
            return TradeFeeBase.new_spot_fee(
                fee_schema=self.trade_fee_schema(),
                trade_type=order_side,
                percent=Decimal(account_fees["makerFeeRate"]) if is_maker else Decimal(account_fees["takerFeeRate"]),
            )
        # The connector's default fees (NAME_utils.DEFAULT_FEES), or the user's fee overrides.
        return build_trade_fee(
            self.name,
            is_maker,
            base_currency=base_currency,
            quote_currency=quote_currency,
            order_type=order_type,
            order_side=order_side,
            amount=amount,
            price=price,
        )

    @staticmethod
    def _received_asset(order: InFlightOrder) -> str:
        """The exchange charges a fill's fee in the asset the order receives: base for a buy, quote for a sell."""
        return order.base_asset if order.trade_type is TradeType.BUY else order.quote_asset

    async def _place_order(
        self,
        order_id: str,
        trading_pair: str,
        amount: Decimal,
        trade_type: TradeType,
        order_type: OrderType,
        price: Decimal,
        **kwargs,
    ) -> Tuple[str, float]:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
        side = CONSTANTS.SIDE_BUY if trade_type is TradeType.BUY else CONSTANTS.SIDE_SELL
        api_params = {
            "category": "spot",
            "symbol": symbol,
            "side": side,
            "orderType": self.bybit_order_type(order_type),
            "qty": f"{amount:f}",
            "orderLinkId": order_id,
        }
        if order_type is not OrderType.MARKET:
            api_params["price"] = f"{price:f}"
        if order_type in CONSTANTS.TIME_IN_FORCE:
            api_params["timeInForce"] = CONSTANTS.TIME_IN_FORCE[order_type]
        api_params.update(CONSTANTS.ORDER_TYPE_PARAMS.get(order_type, {}))
        order_result = await self._api_post(
            path_url=CONSTANTS.ORDER_PLACE_PATH_URL,
            data=api_params,
            is_auth_required=True,
        )
        return str(order_result["result"]["orderId"]), order_result["time"] * 1e-3

    async def _place_cancel(self, order_id: str, tracked_order: InFlightOrder) -> bool:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=tracked_order.trading_pair)
        api_params = {
            "category": "spot",
            "symbol": symbol,
            "orderLinkId": order_id,
        }
        cancel_result = await self._api_post(
            path_url=CONSTANTS.ORDER_CANCEL_PATH_URL,
            data=api_params,
            is_auth_required=True,
        )
        # A refusal raises, as a failed request does: Hummingbot logs it and checks it for "order not found".
        if not (cancel_result["retCode"] == 0):
            raise IOError(f"Error cancelling order {order_id}: {cancel_result}")
        return True

    async def _format_trading_rules(self, exchange_info_dict: Dict[str, Any]) -> List[TradingRule]:
        trading_rules = []
        for rule in filter(bybit_utils.is_exchange_information_valid, exchange_info_dict["result"]["list"]):
            try:
                trading_pair = await self.trading_pair_associated_to_exchange_symbol(symbol=rule["symbol"])
                trading_rules.append(
                    TradingRule(
                        trading_pair,
                        min_order_size=Decimal(rule["lotSizeFilter"]["minOrderQty"]),
                        min_price_increment=Decimal(rule["priceFilter"]["tickSize"]),
                        min_base_amount_increment=Decimal(rule["lotSizeFilter"]["basePrecision"]),
                        min_notional_size=Decimal(rule["lotSizeFilter"]["minOrderAmt"]),
                    )
                )
            except Exception:
                self.logger().exception(f"Error parsing the trading pair rule {rule}. Skipping.")
        return trading_rules

    async def _update_trading_fees(self):
        """The account's maker and taker rates of the connector's pairs; DEFAULT_FEES in bybit_utils apply to
        the others."""
        symbol_map = await self.trading_pair_symbol_map()
        fees_response = await self._api_get(
            path_url=CONSTANTS.EXCHANGE_FEE_RATE_PATH_URL,
            params={"category": "spot"},
            is_auth_required=True,
        )
        self._process_trading_fees(fees_response, symbol_map)

    def _process_trading_fees(self, fees_response: Any, symbol_map: Dict[str, str]):
        for fee_row in fees_response["result"]["list"]:
            trading_pair = symbol_map.get(fee_row["symbol"])
            if trading_pair is not None:
                # The row as the exchange sends it, as Hummingbot's connectors keep it; _get_fee reads its rates.
                self._trading_fees[trading_pair] = fee_row

    async def _make_trading_pairs_request(self) -> Any:
        return await self._api_get(path_url=self.trading_pairs_request_path, params=CONSTANTS.EXCHANGE_INFO_PARAMS)

    async def _make_trading_rules_request(self) -> Any:
        return await self._api_get(path_url=self.trading_rules_request_path, params=CONSTANTS.EXCHANGE_INFO_PARAMS)

    async def _api_request(self, path_url, *args, return_err: bool = False, **kwargs) -> Dict[str, Any]:
        """The exchange reports errors inside HTTP 200 responses: they are raised like HTTP errors, body included."""
        response = await super()._api_request(path_url, *args, return_err=return_err, **kwargs)
        if not return_err and not (response.get("retCode") == 0):
            raise IOError(f"Error executing request {path_url}. Error: {json.dumps(response)}")
        return response

    async def _user_stream_event_listener(self):
        """Processes the order, fill and balance events queued by the user stream data source."""
        async for event_message in self._iter_user_event_queue():
            try:
                event_type = event_message.get("topic")
                if event_type == CONSTANTS.WS_SUBSCRIPTION_ORDERS_ENDPOINT_NAME:
                    for order_data in event_message["data"]:
                        self._process_order_event(order_data)
                elif event_type == CONSTANTS.WS_SUBSCRIPTION_EXECUTIONS_ENDPOINT_NAME:
                    for fill_data in event_message["data"]:
                        self._process_fill_event(fill_data)
                elif event_type == CONSTANTS.PRIVATE_WALLET_CHANNEL:
                    self._process_balance_event(event_message)
            except asyncio.CancelledError:
                raise
            except Exception:
                self.logger().error("Unexpected error in user stream listener loop.", exc_info=True)
                await self._sleep(5.0)

    def _client_order_id_of_event(self, client_order_id: Any, exchange_order_id: str) -> Optional[str]:
        """The client id of the order an event is about: the event's own, else (an event without one) that of the
        tracked order with the event's exchange order id."""
        if client_order_id not in (None, ""):
            return str(client_order_id)
        tracked_order = self._order_tracker.fetch_order(exchange_order_id=exchange_order_id)
        return tracked_order.client_order_id if tracked_order is not None else None

    def _process_order_event(self, event: Dict[str, Any]):
        client_order_id = self._client_order_id_of_event(event.get("orderLinkId"), str(event["orderId"]))
        updatable_order = self._order_tracker.all_updatable_orders.get(client_order_id)
        if updatable_order is not None:
            self._order_tracker.process_order_update(
                OrderUpdate(
                    trading_pair=updatable_order.trading_pair,
                    update_timestamp=float(event["updatedTime"]) * 1e-3,
                    new_state=CONSTANTS.ORDER_STATE[event["orderStatus"]],
                    client_order_id=client_order_id,
                    exchange_order_id=str(event["orderId"]),
                )
            )

    def _process_fill_event(self, event: Dict[str, Any]):
        fillable_order = self._order_tracker.all_fillable_orders.get(
            self._client_order_id_of_event(event.get("orderLinkId"), str(event["orderId"]))
        )
        if fillable_order is not None:
            fee = TradeFeeBase.new_spot_fee(
                fee_schema=self.trade_fee_schema(),
                trade_type=fillable_order.trade_type,
                percent_token=(event.get("feeCurrency") or self._received_asset(fillable_order)),
                flat_fees=[
                    TokenAmount(
                        amount=Decimal(event["execFee"]),
                        token=(event.get("feeCurrency") or self._received_asset(fillable_order)),
                    )
                ],
            )
            self._order_tracker.process_trade_update(
                TradeUpdate(
                    trade_id=str(event["execId"]),
                    client_order_id=fillable_order.client_order_id,
                    exchange_order_id=str(event["orderId"]),
                    trading_pair=fillable_order.trading_pair,
                    fee=fee,
                    fill_base_amount=Decimal(event["execQty"]),
                    fill_quote_amount=Decimal(event["execQty"]) * Decimal(event["execPrice"]),
                    fill_price=Decimal(event["execPrice"]),
                    fill_timestamp=float(event["execTime"]) * 1e-3,
                )
            )

    def _process_balance_event(self, event: Dict[str, Any]):
        for balance_entry in event["data"][0]["coin"]:
            asset_name = balance_entry["coin"]
            self._account_available_balances[asset_name] = Decimal(balance_entry["walletBalance"]) - Decimal(
                balance_entry["locked"]
            )
            self._account_balances[asset_name] = Decimal(balance_entry["walletBalance"])

    async def _all_trade_updates_for_order(self, order: InFlightOrder) -> List[TradeUpdate]:
        trade_updates = []
        if order.exchange_order_id is None:
            return trade_updates
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=order.trading_pair)
        fills_response = await self._api_get(
            path_url=CONSTANTS.TRADE_HISTORY_PATH_URL,
            params={
                "category": "spot",
                "symbol": symbol,
                "orderId": order.exchange_order_id,
            },
            is_auth_required=True,
        )
        for fill in fills_response["result"]["list"]:
            fee = TradeFeeBase.new_spot_fee(
                fee_schema=self.trade_fee_schema(),
                trade_type=order.trade_type,
                percent_token=(fill.get("feeCurrency") or self._received_asset(order)),
                flat_fees=[
                    TokenAmount(
                        amount=Decimal(fill["execFee"]), token=(fill.get("feeCurrency") or self._received_asset(order))
                    )
                ],
            )
            trade_updates.append(
                TradeUpdate(
                    trade_id=str(fill["execId"]),
                    client_order_id=order.client_order_id,
                    exchange_order_id=str(fill["orderId"]),
                    trading_pair=order.trading_pair,
                    fee=fee,
                    fill_base_amount=Decimal(fill["execQty"]),
                    fill_quote_amount=Decimal(fill["execQty"]) * Decimal(fill["execPrice"]),
                    fill_price=Decimal(fill["execPrice"]),
                    fill_timestamp=float(fill["execTime"]) * 1e-3,
                )
            )
        return trade_updates

    async def _request_order_status(self, tracked_order: InFlightOrder) -> OrderUpdate:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=tracked_order.trading_pair)
        order_status = await self._api_get(
            path_url=CONSTANTS.GET_ORDERS_PATH_URL,
            params={
                "category": "spot",
                "symbol": symbol,
                "orderLinkId": tracked_order.client_order_id,
            },
            is_auth_required=True,
        )
        return OrderUpdate(
            client_order_id=tracked_order.client_order_id,
            exchange_order_id=str(order_status["result"]["list"][0]["orderId"]),
            trading_pair=tracked_order.trading_pair,
            update_timestamp=float(order_status["result"]["list"][0]["updatedTime"]) * 1e-3,
            new_state=CONSTANTS.ORDER_STATE[order_status["result"]["list"][0]["orderStatus"]],
        )

    async def _prerequisite_account_type(self) -> Any:
        """The prerequisite `account_type`: requested once (signed), then kept."""
        if self._account_type is None:
            await self._update_account_type()
        return self._account_type

    async def _update_account_type(self) -> None:
        """Requests the prerequisite `account_type` (signed) and keeps it."""
        response = await self._api_get(path_url=CONSTANTS.ACCOUNT_INFO_PATH_URL, is_auth_required=True)
        self._account_type = {"1": "SPOT"}.get(str(response["result"]["unifiedMarginStatus"]), "UNIFIED")

    async def _update_balances(self):
        account_info = await self._api_get(
            path_url=CONSTANTS.BALANCE_PATH_URL,
            params={"accountType": await self._prerequisite_account_type()},
            is_auth_required=True,
        )
        local_asset_names = set(self._account_balances.keys())
        remote_asset_names = set()
        for balance_entry in account_info["result"]["list"][0]["coin"]:
            asset_name = balance_entry["coin"]
            self._account_available_balances[asset_name] = Decimal(balance_entry["walletBalance"]) - Decimal(
                balance_entry["locked"]
            )
            self._account_balances[asset_name] = Decimal(balance_entry["walletBalance"])
            remote_asset_names.add(asset_name)
        for asset_name in local_asset_names - remote_asset_names:
            del self._account_available_balances[asset_name]
            del self._account_balances[asset_name]

    def _initialize_trading_pair_symbols_from_exchange_info(self, exchange_info: Dict[str, Any]):
        mapping = bidict()
        for symbol_data in filter(bybit_utils.is_exchange_information_valid, exchange_info["result"]["list"]):
            mapping[symbol_data["symbol"]] = combine_to_hb_trading_pair(
                base=symbol_data["baseCoin"], quote=symbol_data["quoteCoin"]
            )
        self._set_trading_pair_symbol_map(mapping)

    async def _get_last_traded_price(self, trading_pair: str) -> float:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
        ticker = await self._api_get(
            path_url=CONSTANTS.LAST_TRADED_PRICE_PATH,
            params={
                "category": "spot",
                "symbol": symbol,
            },
        )
        return float(ticker["result"]["list"][0]["lastPrice"])
