import asyncio
import json
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from bidict import bidict

from hummingbot.connector.constants import s_decimal_NaN
from hummingbot.connector.exchange.okx import okx_constants as CONSTANTS, okx_utils, okx_web_utils as web_utils
from hummingbot.connector.exchange.okx.okx_api_order_book_data_source import OkxAPIOrderBookDataSource
from hummingbot.connector.exchange.okx.okx_api_user_stream_data_source import OkxAPIUserStreamDataSource
from hummingbot.connector.exchange.okx.okx_auth import OkxAuth
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


class OkxExchange(ExchangePyBase):
    web_utils = web_utils

    def __init__(
        self,
        okx_api_key: str,
        okx_secret_key: str,
        okx_passphrase: str,
        balance_asset_limit: Optional[Dict[str, Dict[str, Decimal]]] = None,
        rate_limits_share_pct: Decimal = Decimal("100"),
        trading_pairs: Optional[List[str]] = None,
        trading_required: bool = True,
        domain: str = CONSTANTS.DEFAULT_DOMAIN,
    ):
        self.okx_api_key = okx_api_key
        self.okx_secret_key = okx_secret_key
        self.okx_passphrase = okx_passphrase
        self._domain = domain
        self._trading_required = trading_required
        self._trading_pairs = trading_pairs
        super().__init__(balance_asset_limit, rate_limits_share_pct)

    @property
    def authenticator(self) -> OkxAuth:
        return OkxAuth(
            api_key=self.okx_api_key,
            secret_key=self.okx_secret_key,
            passphrase=self.okx_passphrase,
            time_provider=self._time_synchronizer,
        )

    @property
    def name(self) -> str:
        if self._domain == CONSTANTS.DEFAULT_DOMAIN:
            return "okx"
        return f"okx_{self._domain}"

    @property
    def rate_limits_rules(self):
        return CONSTANTS.RATE_LIMITS

    @property
    def domain(self) -> str:
        return self._domain

    @property
    def client_order_id_max_length(self) -> int:
        return CONSTANTS.MAX_ID_LEN

    @property
    def client_order_id_prefix(self) -> str:
        return CONSTANTS.CLIENT_ID_PREFIX

    @property
    def trading_rules_request_path(self) -> str:
        return CONSTANTS.OKX_INSTRUMENTS_PATH

    @property
    def trading_pairs_request_path(self) -> str:
        return CONSTANTS.OKX_INSTRUMENTS_PATH

    @property
    def check_network_request_path(self) -> str:
        return CONSTANTS.OKX_SERVER_TIME_PATH

    @property
    def trading_pairs(self) -> Optional[List[str]]:
        return self._trading_pairs

    @property
    def is_cancel_request_in_exchange_synchronous(self) -> bool:
        return False

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
    def okx_order_type(order_type: OrderType) -> str:
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
        return OkxAPIOrderBookDataSource(
            trading_pairs=self._trading_pairs,
            connector=self,
            api_factory=self._web_assistants_factory,
            domain=self.domain,
        )

    def _create_user_stream_data_source(self) -> UserStreamTrackerDataSource:
        return OkxAPIUserStreamDataSource(
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
            "instId": symbol,
            "tdMode": "cash",
            "clOrdId": order_id,
            "side": side,
            "ordType": self.okx_order_type(order_type),
            "sz": f"{amount:f}",
        }
        if order_type is not OrderType.MARKET:
            api_params["px"] = f"{price:f}"
        api_params.update(CONSTANTS.ORDER_TYPE_PARAMS.get(order_type, {}))
        order_result = await self._api_post(
            path_url=CONSTANTS.OKX_PLACE_ORDER_PATH,
            data=api_params,
            is_auth_required=True,
        )
        return str(order_result["data"][0]["ordId"]), self.current_timestamp

    async def _place_cancel(self, order_id: str, tracked_order: InFlightOrder) -> bool:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=tracked_order.trading_pair)
        api_params = {
            "instId": symbol,
            "clOrdId": order_id,
        }
        cancel_result = await self._api_post(
            path_url=CONSTANTS.OKX_ORDER_CANCEL_PATH,
            data=api_params,
            is_auth_required=True,
        )
        # A refusal raises, as a failed request does: Hummingbot logs it and checks it for "order not found".
        if not (cancel_result["data"][0]["sCode"] == "0"):
            raise IOError(f"Error cancelling order {order_id}: {cancel_result}")
        return True

    async def _format_trading_rules(self, exchange_info_dict: Dict[str, Any]) -> List[TradingRule]:
        trading_rules = []
        for rule in filter(okx_utils.is_exchange_information_valid, exchange_info_dict["data"]):
            try:
                trading_pair = await self.trading_pair_associated_to_exchange_symbol(symbol=rule["instId"])
                trading_rules.append(
                    TradingRule(
                        trading_pair,
                        min_order_size=Decimal(rule["minSz"]),
                        min_price_increment=Decimal(rule["tickSz"]),
                        min_base_amount_increment=Decimal(rule["lotSz"]),
                    )
                )
            except Exception:
                self.logger().exception(f"Error parsing the trading pair rule {rule}. Skipping.")
        return trading_rules

    async def _update_trading_fees(self):
        """Fees are not fetched from the exchange: DEFAULT_FEES in okx_utils apply."""
        pass

    async def _make_trading_pairs_request(self) -> Any:
        return await self._api_get(path_url=self.trading_pairs_request_path, params=CONSTANTS.EXCHANGE_INFO_PARAMS)

    async def _make_trading_rules_request(self) -> Any:
        return await self._api_get(path_url=self.trading_rules_request_path, params=CONSTANTS.EXCHANGE_INFO_PARAMS)

    async def _api_request(self, path_url, *args, return_err: bool = False, **kwargs) -> Dict[str, Any]:
        """The exchange reports errors inside HTTP 200 responses: they are raised like HTTP errors, body included."""
        response = await super()._api_request(path_url, *args, return_err=return_err, **kwargs)
        if not return_err and not (response.get("code") == "0"):
            raise IOError(f"Error executing request {path_url}. Error: {json.dumps(response)}")
        return response

    async def _user_stream_event_listener(self):
        """Processes the order, fill and balance events queued by the user stream data source."""
        async for event_message in self._iter_user_event_queue():
            try:
                event_type = event_message.get("arg", {}).get("channel")
                if event_type == CONSTANTS.USER_ORDER_EVENT_TYPE:
                    for order_data in event_message["data"]:
                        self._process_order_event(order_data)
                elif event_type == CONSTANTS.USER_BALANCE_EVENT_TYPE:
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
        client_order_id = self._client_order_id_of_event(event.get("clOrdId"), str(event["ordId"]))
        updatable_order = self._order_tracker.all_updatable_orders.get(client_order_id)
        if event["tradeId"]:
            # An order that takes no more updates (done) still takes a fill that arrives late.
            fillable_order = updatable_order or self._order_tracker.all_fillable_orders.get(client_order_id)
            if fillable_order is not None:
                fee = TradeFeeBase.new_spot_fee(
                    fee_schema=self.trade_fee_schema(),
                    trade_type=fillable_order.trade_type,
                    percent_token=event["fillFeeCcy"],
                    flat_fees=[TokenAmount(amount=-Decimal(event["fillFee"]), token=event["fillFeeCcy"])],
                )
                self._order_tracker.process_trade_update(
                    TradeUpdate(
                        trade_id=str(event["tradeId"]),
                        client_order_id=client_order_id,
                        exchange_order_id=str(event["ordId"]),
                        trading_pair=fillable_order.trading_pair,
                        fee=fee,
                        fill_base_amount=Decimal(event["fillSz"]),
                        fill_quote_amount=Decimal(event["fillSz"]) * Decimal(event["fillPx"]),
                        fill_price=Decimal(event["fillPx"]),
                        fill_timestamp=float(event["fillTime"]) * 1e-3,
                    )
                )
        if updatable_order is not None:
            self._order_tracker.process_order_update(
                OrderUpdate(
                    trading_pair=updatable_order.trading_pair,
                    update_timestamp=float(event["uTime"]) * 1e-3,
                    new_state=CONSTANTS.ORDER_STATE[event["state"]],
                    client_order_id=client_order_id,
                    exchange_order_id=str(event["ordId"]),
                )
            )

    def _process_balance_event(self, event: Dict[str, Any]):
        for balance_entry in event["data"][0]["details"]:
            asset_name = balance_entry["ccy"]
            self._account_available_balances[asset_name] = Decimal(balance_entry["availBal"])
            self._account_balances[asset_name] = Decimal(balance_entry["availBal"]) + Decimal(
                balance_entry["frozenBal"]
            )

    async def _all_trade_updates_for_order(self, order: InFlightOrder) -> List[TradeUpdate]:
        trade_updates = []
        if order.exchange_order_id is None:
            return trade_updates
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=order.trading_pair)
        fills_response = await self._api_get(
            path_url=CONSTANTS.OKX_TRADE_FILLS_PATH,
            params={
                "instType": "SPOT",
                "instId": symbol,
                "ordId": order.exchange_order_id,
            },
            is_auth_required=True,
        )
        for fill in fills_response["data"]:
            fee = TradeFeeBase.new_spot_fee(
                fee_schema=self.trade_fee_schema(),
                trade_type=order.trade_type,
                percent_token=fill["feeCcy"],
                flat_fees=[TokenAmount(amount=-Decimal(fill["fee"]), token=fill["feeCcy"])],
            )
            trade_updates.append(
                TradeUpdate(
                    trade_id=str(fill["tradeId"]),
                    client_order_id=order.client_order_id,
                    exchange_order_id=str(fill["ordId"]),
                    trading_pair=order.trading_pair,
                    fee=fee,
                    fill_base_amount=Decimal(fill["fillSz"]),
                    fill_quote_amount=Decimal(fill["fillSz"]) * Decimal(fill["fillPx"]),
                    fill_price=Decimal(fill["fillPx"]),
                    fill_timestamp=float(fill["ts"]) * 1e-3,
                )
            )
        return trade_updates

    async def _request_order_status(self, tracked_order: InFlightOrder) -> OrderUpdate:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=tracked_order.trading_pair)
        order_status = await self._api_get(
            path_url=CONSTANTS.OKX_ORDER_DETAILS_PATH,
            params={
                "instId": symbol,
                "clOrdId": tracked_order.client_order_id,
            },
            is_auth_required=True,
            limit_id=CONSTANTS.OKX_ORDER_DETAILS_LIMIT_ID,
        )
        return OrderUpdate(
            client_order_id=tracked_order.client_order_id,
            exchange_order_id=str(order_status["data"][0]["ordId"]),
            trading_pair=tracked_order.trading_pair,
            update_timestamp=float(order_status["data"][0]["uTime"]) * 1e-3,
            new_state=CONSTANTS.ORDER_STATE[order_status["data"][0]["state"]],
        )

    async def _update_balances(self):
        account_info = await self._api_get(path_url=CONSTANTS.OKX_BALANCE_PATH, is_auth_required=True)
        local_asset_names = set(self._account_balances.keys())
        remote_asset_names = set()
        for balance_entry in account_info["data"][0]["details"]:
            asset_name = balance_entry["ccy"]
            self._account_available_balances[asset_name] = (
                Decimal(balance_entry["availBal"])
                if balance_entry.get("availBal")
                else Decimal(balance_entry["availEq"])
            )
            self._account_balances[asset_name] = (
                Decimal(balance_entry["eq"])
                if balance_entry.get("eq")
                else Decimal(balance_entry["availBal"]) + Decimal(str(balance_entry.get("frozenBal", 0)))
            )
            remote_asset_names.add(asset_name)
        for asset_name in local_asset_names - remote_asset_names:
            del self._account_available_balances[asset_name]
            del self._account_balances[asset_name]

    def _initialize_trading_pair_symbols_from_exchange_info(self, exchange_info: Dict[str, Any]):
        mapping = bidict()
        for symbol_data in filter(okx_utils.is_exchange_information_valid, exchange_info["data"]):
            mapping[symbol_data["instId"]] = combine_to_hb_trading_pair(
                base=symbol_data["baseCcy"], quote=symbol_data["quoteCcy"]
            )
        self._set_trading_pair_symbol_map(mapping)

    async def _get_last_traded_price(self, trading_pair: str) -> float:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
        ticker = await self._api_get(
            path_url=CONSTANTS.OKX_TICKER_PATH,
            params={
                "instId": symbol,
            },
        )
        return float(ticker["data"][0]["last"])

    async def get_last_traded_prices(self, trading_pairs: List[str]) -> Dict[str, float]:
        """
        One pair is asked through its own ticker; several through one request for every ticker, of which the
        requested pairs' are kept (a ticker without a price is left out).
        """
        if len(trading_pairs) == 1:
            return {trading_pairs[0]: await self._get_last_traded_price(trading_pairs[0])}
        symbol_map = await self.trading_pair_symbol_map()
        # A pair the symbol map does not list is looked up under the symbol the exchange's format writes.
        pairs_by_symbol = {symbol_map.inverse.get(pair) or pair: pair for pair in trading_pairs}
        response = await self._api_get(
            path_url=CONSTANTS.OKX_TICKERS_PATH,
            params={
                "instType": "SPOT",
            },
        )
        prices = {}
        for ticker in response["data"]:
            trading_pair = pairs_by_symbol.get(ticker["instId"])
            if trading_pair is not None and ticker["last"]:
                prices[trading_pair] = float(ticker["last"])
        return prices
