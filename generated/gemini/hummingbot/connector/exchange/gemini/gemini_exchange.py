import asyncio
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from bidict import bidict

from hummingbot.connector.constants import s_decimal_NaN
from hummingbot.connector.exchange.gemini import (
    gemini_constants as CONSTANTS,
    gemini_utils,
    gemini_web_utils as web_utils,
)
from hummingbot.connector.exchange.gemini.gemini_api_order_book_data_source import GeminiAPIOrderBookDataSource
from hummingbot.connector.exchange.gemini.gemini_api_user_stream_data_source import GeminiAPIUserStreamDataSource
from hummingbot.connector.exchange.gemini.gemini_auth import GeminiAuth
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.connector.utils import combine_to_hb_trading_pair
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderState, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_tracker_data_source import OrderBookTrackerDataSource
from hummingbot.core.data_type.trade_fee import TokenAmount, TradeFeeBase
from hummingbot.core.data_type.user_stream_tracker_data_source import UserStreamTrackerDataSource
from hummingbot.core.utils.estimate_fee import build_trade_fee
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory


class GeminiExchange(ExchangePyBase):
    UPDATE_ORDER_STATUS_MIN_INTERVAL = 10.0

    web_utils = web_utils

    def __init__(
        self,
        gemini_api_key: str,
        gemini_api_secret: str,
        balance_asset_limit: Optional[Dict[str, Dict[str, Decimal]]] = None,
        rate_limits_share_pct: Decimal = Decimal("100"),
        trading_pairs: Optional[List[str]] = None,
        trading_required: bool = True,
        domain: str = CONSTANTS.DEFAULT_DOMAIN,
    ):
        self.gemini_api_key = gemini_api_key
        self.gemini_api_secret = gemini_api_secret
        self._domain = domain
        self._trading_required = trading_required
        self._trading_pairs = trading_pairs
        super().__init__(balance_asset_limit, rate_limits_share_pct)

    @property
    def authenticator(self) -> GeminiAuth:
        return GeminiAuth(
            api_key=self.gemini_api_key,
            secret_key=self.gemini_api_secret,
            time_provider=self._time_synchronizer,
        )

    @property
    def name(self) -> str:
        if self._domain == CONSTANTS.DEFAULT_DOMAIN:
            return "gemini"
        return f"gemini_{self._domain}"

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
        return CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL

    @property
    def trading_pairs_request_path(self) -> str:
        return CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL

    @property
    def check_network_request_path(self) -> str:
        return CONSTANTS.SYMBOLS_DETAILS_ALL_PATH_URL

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
        ]

    @staticmethod
    def gemini_order_type(order_type: OrderType) -> str:
        """The exchange's name for a Hummingbot order type."""
        return CONSTANTS.ORDER_TYPE_NAMES[order_type]

    def _is_request_exception_related_to_time_synchronizer(self, request_exception: Exception) -> bool:
        return False

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
        return GeminiAPIOrderBookDataSource(
            trading_pairs=self._trading_pairs,
            connector=self,
            api_factory=self._web_assistants_factory,
            domain=self.domain,
        )

    def _create_user_stream_data_source(self) -> UserStreamTrackerDataSource:
        return GeminiAPIUserStreamDataSource(
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
            "symbol": symbol,
            "client_order_id": order_id,
            "amount": f"{amount:f}",
            "side": side,
            "type": self.gemini_order_type(order_type),
        }
        if order_type is not OrderType.MARKET:
            api_params["price"] = f"{price:f}"
        api_params.update(CONSTANTS.ORDER_TYPE_PARAMS.get(order_type, {}))
        order_result = await self._api_post(
            path_url=CONSTANTS.NEW_ORDER_PATH_URL,
            data=api_params,
            is_auth_required=True,
        )
        return str(order_result["order_id"]), order_result["timestampms"] * 1e-3

    async def _place_cancel(self, order_id: str, tracked_order: InFlightOrder) -> bool:
        exchange_order_id = await tracked_order.get_exchange_order_id()
        api_params = {
            "order_id": exchange_order_id,
        }
        cancel_result = await self._api_post(
            path_url=CONSTANTS.CANCEL_ORDER_PATH_URL,
            data=api_params,
            is_auth_required=True,
        )
        # A refusal raises, as a failed request does: Hummingbot logs it and checks it for "order not found".
        if not (cancel_result["is_cancelled"]):
            raise IOError(f"Error cancelling order {order_id}: {cancel_result}")
        return True

    async def _format_trading_rules(self, exchange_info_dict: Dict[str, Any]) -> List[TradingRule]:
        trading_rules = []
        for rule in filter(gemini_utils.is_exchange_information_valid, exchange_info_dict):
            try:
                trading_pair = await self.trading_pair_associated_to_exchange_symbol(symbol=rule["symbol"])
                trading_rules.append(
                    TradingRule(
                        trading_pair,
                        min_order_size=Decimal(rule["min_order_size"]),
                        min_price_increment=Decimal(str(rule["quote_increment"])),
                        min_base_amount_increment=Decimal(str(rule["tick_size"])),
                    )
                )
            except Exception:
                self.logger().exception(f"Error parsing the trading pair rule {rule}. Skipping.")
        return trading_rules

    async def _update_trading_fees(self):
        """Fees are not fetched from the exchange: DEFAULT_FEES in gemini_utils apply."""
        pass

    async def _user_stream_event_listener(self):
        """Processes the order, fill and balance events queued by the user stream data source."""
        async for event_message in self._iter_user_event_queue():
            try:
                event_type = event_message.get("e")
                if event_type == CONSTANTS.WS_EVENT_ORDER_UPDATE:
                    await self._process_order_event(event_message)
                elif event_type == CONSTANTS.WS_EVENT_BALANCE_UPDATE:
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

    async def _process_order_event(self, event: Dict[str, Any]):
        client_order_id = self._client_order_id_of_event(event.get("c"), str(event["i"]))
        if event["X"] in ("FILLED", "PARTIALLY_FILLED"):
            # The event reports a fill without its fee: the order's fills are requested.
            fillable_order = self._order_tracker.all_fillable_orders.get(client_order_id)
            if fillable_order is not None:
                if fillable_order.exchange_order_id is None:
                    # The event came before the creation response: it names the order the fills are asked by.
                    fillable_order.update_exchange_order_id(str(event["i"]))
                try:
                    trade_updates = await self._all_trade_updates_for_order(fillable_order)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    # The event's new state is applied all the same; the periodic fill update asks again.
                    self.logger().warning(f"Error requesting the fills of order {client_order_id}.", exc_info=True)
                    trade_updates = []
                for trade_update in trade_updates:
                    self._order_tracker.process_trade_update(trade_update)
        updatable_order = self._order_tracker.all_updatable_orders.get(client_order_id)
        if updatable_order is not None:
            self._order_tracker.process_order_update(
                OrderUpdate(
                    trading_pair=updatable_order.trading_pair,
                    update_timestamp=event["T"] * 1e-9,
                    new_state=CONSTANTS.ORDER_STATE[event["X"]],
                    client_order_id=client_order_id,
                    exchange_order_id=str(event["i"]),
                )
            )

    def _process_balance_event(self, event: Dict[str, Any]):
        for balance_entry in event["B"]:
            asset_name = balance_entry["a"]
            self._account_available_balances[asset_name] = Decimal(balance_entry["f"])
            self._account_balances[asset_name] = Decimal(balance_entry["c"])

    async def _all_trade_updates_for_order(self, order: InFlightOrder) -> List[TradeUpdate]:
        trade_updates = []
        if order.exchange_order_id is None:
            return trade_updates
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=order.trading_pair)
        fills_response = await self._api_post(
            path_url=CONSTANTS.MY_TRADES_PATH_URL,
            data={
                "symbol": symbol,
            },
            is_auth_required=True,
        )
        for fill in fills_response:
            # The trades of the pair: only this order's are its fills.
            if str(fill["order_id"]) != order.exchange_order_id:
                continue
            fee = TradeFeeBase.new_spot_fee(
                fee_schema=self.trade_fee_schema(),
                trade_type=order.trade_type,
                percent_token=fill["fee_currency"],
                flat_fees=[TokenAmount(amount=Decimal(fill["fee_amount"]), token=fill["fee_currency"])],
            )
            trade_updates.append(
                TradeUpdate(
                    trade_id=str(fill["tid"]),
                    client_order_id=order.client_order_id,
                    exchange_order_id=str(fill["order_id"]),
                    trading_pair=order.trading_pair,
                    fee=fee,
                    fill_base_amount=Decimal(fill["amount"]),
                    fill_quote_amount=Decimal(fill["amount"]) * Decimal(fill["price"]),
                    fill_price=Decimal(fill["price"]),
                    fill_timestamp=fill["timestampms"] * 1e-3,
                )
            )
        return trade_updates

    async def _update_order_status(self):
        """Polls fills and order statuses at most once per UPDATE_ORDER_STATUS_MIN_INTERVAL seconds (the first poll
        past each multiple of it), however often the connector polls."""
        last_tick = int(self._last_poll_timestamp / self.UPDATE_ORDER_STATUS_MIN_INTERVAL)
        current_tick = int(self.current_timestamp / self.UPDATE_ORDER_STATUS_MIN_INTERVAL)
        if current_tick > last_tick:
            await super()._update_order_status()

    async def _request_order_status(self, tracked_order: InFlightOrder) -> OrderUpdate:
        order_status = await self._api_post(
            path_url=CONSTANTS.ORDER_STATUS_PATH_URL,
            data={
                "client_order_id": tracked_order.client_order_id,
            },
            is_auth_required=True,
        )
        return OrderUpdate(
            client_order_id=tracked_order.client_order_id,
            exchange_order_id=str(order_status["order_id"]),
            trading_pair=tracked_order.trading_pair,
            update_timestamp=order_status["timestampms"] * 1e-3,
            new_state=self._order_state_from_status(order_status),
        )

    @staticmethod
    def _order_state_from_status(order_status: Dict[str, Any]) -> OrderState:
        if order_status["is_cancelled"]:
            return OrderState.CANCELED
        if not order_status["is_live"]:
            return OrderState.FILLED
        if Decimal(order_status["executed_amount"]) > 0:
            return OrderState.PARTIALLY_FILLED
        return OrderState.OPEN

    async def _update_balances(self):
        account_info = await self._api_get(path_url=CONSTANTS.BALANCES_PATH_URL, is_auth_required=True)
        local_asset_names = set(self._account_balances.keys())
        remote_asset_names = set()
        for balance_entry in account_info:
            asset_name = balance_entry["currency"]
            self._account_available_balances[asset_name] = Decimal(balance_entry["available"])
            self._account_balances[asset_name] = Decimal(balance_entry["amount"])
            remote_asset_names.add(asset_name)
        for asset_name in local_asset_names - remote_asset_names:
            del self._account_available_balances[asset_name]
            del self._account_balances[asset_name]

    def _initialize_trading_pair_symbols_from_exchange_info(self, exchange_info: Dict[str, Any]):
        mapping = bidict()
        for symbol_data in filter(gemini_utils.is_exchange_information_valid, exchange_info):
            mapping[symbol_data["symbol"]] = combine_to_hb_trading_pair(
                base=symbol_data["base_currency"], quote=symbol_data["quote_currency"]
            )
        self._set_trading_pair_symbol_map(mapping)

    async def _get_last_traded_price(self, trading_pair: str) -> float:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
        ticker = await self._api_get(
            path_url=CONSTANTS.TICKER_PATH_URL.format(symbol=symbol),
            params={},
            limit_id=CONSTANTS.TICKER_LIMIT_ID,
        )
        return float(ticker["last"])
