import asyncio
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from bidict import bidict

from hummingbot.connector.constants import s_decimal_NaN
from hummingbot.connector.exchange.backpack import (
    backpack_constants as CONSTANTS,
    backpack_utils,
    backpack_web_utils as web_utils,
)
from hummingbot.connector.exchange.backpack.backpack_api_order_book_data_source import BackpackAPIOrderBookDataSource
from hummingbot.connector.exchange.backpack.backpack_api_user_stream_data_source import BackpackAPIUserStreamDataSource
from hummingbot.connector.exchange.backpack.backpack_auth import BackpackAuth
from hummingbot.connector.exchange.backpack.backpack_utils import seconds_from_date_time
from hummingbot.connector.exchange_py_base import ExchangePyBase
from hummingbot.connector.trading_rule import TradingRule
from hummingbot.connector.utils import combine_to_hb_trading_pair, get_new_numeric_client_order_id
from hummingbot.core.data_type.common import OrderType, TradeType
from hummingbot.core.data_type.in_flight_order import InFlightOrder, OrderUpdate, TradeUpdate
from hummingbot.core.data_type.order_book_tracker_data_source import OrderBookTrackerDataSource
from hummingbot.core.data_type.trade_fee import TokenAmount, TradeFeeBase
from hummingbot.core.data_type.user_stream_tracker_data_source import UserStreamTrackerDataSource
from hummingbot.core.utils.async_utils import safe_ensure_future
from hummingbot.core.utils.estimate_fee import build_trade_fee
from hummingbot.core.utils.tracking_nonce import NonceCreator
from hummingbot.core.web_assistant.web_assistants_factory import WebAssistantsFactory


class BackpackExchange(ExchangePyBase):
    UPDATE_ORDER_STATUS_MIN_INTERVAL = 10.0

    web_utils = web_utils

    def __init__(
        self,
        backpack_api_key: str,
        backpack_api_secret: str,
        balance_asset_limit: Optional[Dict[str, Dict[str, Decimal]]] = None,
        rate_limits_share_pct: Decimal = Decimal("100"),
        trading_pairs: Optional[List[str]] = None,
        trading_required: bool = True,
        domain: str = CONSTANTS.DEFAULT_DOMAIN,
    ):
        self.backpack_api_key = backpack_api_key
        self.backpack_api_secret = backpack_api_secret
        self._domain = domain
        self._trading_required = trading_required
        self._trading_pairs = trading_pairs
        self._client_order_id_nonce_creator = NonceCreator.for_milliseconds()
        super().__init__(balance_asset_limit, rate_limits_share_pct)
        # The user stream sends no balances: Hummingbot polls them over REST.
        self.real_time_balance_update = False

    @property
    def authenticator(self) -> BackpackAuth:
        return BackpackAuth(
            api_key=self.backpack_api_key,
            secret_key=self.backpack_api_secret,
            time_provider=self._time_synchronizer,
        )

    @property
    def name(self) -> str:
        if self._domain == CONSTANTS.DEFAULT_DOMAIN:
            return "backpack"
        return f"backpack_{self._domain}"

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
        return CONSTANTS.PING_PATH_URL

    @property
    def trading_pairs(self) -> Optional[List[str]]:
        return self._trading_pairs

    @property
    def is_cancel_request_in_exchange_synchronous(self) -> bool:
        return True

    @property
    def is_trading_required(self) -> bool:
        return self._trading_required

    def buy(
        self,
        trading_pair: str,
        amount: Decimal,
        order_type: OrderType = OrderType.LIMIT,
        price: Decimal = s_decimal_NaN,
        **kwargs,
    ) -> str:
        return self._start_order(TradeType.BUY, trading_pair, amount, order_type, price, **kwargs)

    def sell(
        self,
        trading_pair: str,
        amount: Decimal,
        order_type: OrderType = OrderType.LIMIT,
        price: Decimal = s_decimal_NaN,
        **kwargs,
    ) -> str:
        return self._start_order(TradeType.SELL, trading_pair, amount, order_type, price, **kwargs)

    def _start_order(
        self,
        trade_type: TradeType,
        trading_pair: str,
        amount: Decimal,
        order_type: OrderType,
        price: Decimal,
        **kwargs,
    ) -> str:
        """Creates the order in the background under a numeric client order id (the exchange takes no text ids),
        and returns that id as Hummingbot keys orders: its decimal text."""
        order_id = str(
            get_new_numeric_client_order_id(
                nonce_creator=self._client_order_id_nonce_creator,
                max_id_bit_count=CONSTANTS.CLIENT_ORDER_ID_BITS,
            )
        )
        safe_ensure_future(
            self._create_order(
                trade_type=trade_type,
                order_id=order_id,
                trading_pair=trading_pair,
                amount=amount,
                order_type=order_type,
                price=price,
                **kwargs,
            )
        )
        return order_id

    def supported_order_types(self) -> List[OrderType]:
        return [
            OrderType.LIMIT,
            OrderType.LIMIT_MAKER,
            OrderType.MARKET,
        ]

    @staticmethod
    def backpack_order_type(order_type: OrderType) -> str:
        """The exchange's name for a Hummingbot order type."""
        return CONSTANTS.ORDER_TYPE_NAMES[order_type]

    def _is_request_exception_related_to_time_synchronizer(self, request_exception: Exception) -> bool:
        error_description = str(request_exception)
        return all(
            any(option in error_description for option in options) for options in CONSTANTS.TIMESTAMP_ERROR_MATCHES
        )

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
        return BackpackAPIOrderBookDataSource(
            trading_pairs=self._trading_pairs,
            connector=self,
            api_factory=self._web_assistants_factory,
            domain=self.domain,
        )

    def _create_user_stream_data_source(self) -> UserStreamTrackerDataSource:
        return BackpackAPIUserStreamDataSource(
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
            "instruction": "orderExecute",
            "symbol": symbol,
            "side": side,
            "orderType": self.backpack_order_type(order_type),
            "quantity": f"{amount:f}",
            "clientId": int(order_id),
        }
        if order_type is not OrderType.MARKET:
            api_params["price"] = f"{price:f}"
        if order_type in CONSTANTS.TIME_IN_FORCE:
            api_params["timeInForce"] = CONSTANTS.TIME_IN_FORCE[order_type]
        api_params.update(CONSTANTS.ORDER_TYPE_PARAMS.get(order_type, {}))
        try:
            order_result = await self._api_post(
                path_url=CONSTANTS.ORDER_PATH_URL,
                data=api_params,
                is_auth_required=True,
            )
        except IOError as request_error:
            error_description = str(request_error)
            if not all(match in error_description for match in CONSTANTS.UNKNOWN_ORDER_OUTCOME_MATCHES):
                raise
            # The exchange cannot tell whether it placed the order: it is tracked as open, and the status updates,
            # which ask by client order id, settle it (and give its exchange order id).
            return CONSTANTS.UNKNOWN_EXCHANGE_ORDER_ID, self._time_synchronizer.time()
        return str(order_result["id"]), order_result["createdAt"] * 1e-3

    async def _place_cancel(self, order_id: str, tracked_order: InFlightOrder) -> bool:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=tracked_order.trading_pair)
        api_params = {
            "instruction": "orderCancel",
            "symbol": symbol,
            "clientId": int(order_id),
        }
        cancel_result = await self._api_delete(
            path_url=CONSTANTS.ORDER_PATH_URL,
            data=api_params,
            is_auth_required=True,
        )
        # A refusal raises, as a failed request does: Hummingbot logs it and checks it for "order not found".
        if not (cancel_result["status"] == "Cancelled"):
            raise IOError(f"Error cancelling order {order_id}: {cancel_result}")
        return True

    async def _format_trading_rules(self, exchange_info_dict: Dict[str, Any]) -> List[TradingRule]:
        trading_rules = []
        for rule in filter(backpack_utils.is_exchange_information_valid, exchange_info_dict):
            try:
                trading_pair = await self.trading_pair_associated_to_exchange_symbol(symbol=rule["symbol"])
                trading_rules.append(
                    TradingRule(
                        trading_pair,
                        min_order_size=Decimal(rule["filters"]["quantity"]["minQuantity"]),
                        min_price_increment=Decimal(rule["filters"]["price"]["tickSize"]),
                        min_base_amount_increment=Decimal(rule["filters"]["quantity"]["stepSize"]),
                    )
                )
            except Exception:
                self.logger().exception(f"Error parsing the trading pair rule {rule}. Skipping.")
        return trading_rules

    async def _update_trading_fees(self):
        """Fees are not fetched from the exchange: DEFAULT_FEES in backpack_utils apply."""
        pass

    async def _user_stream_event_listener(self):
        """Processes the order, fill and balance events queued by the user stream data source."""
        async for event_message in self._iter_user_event_queue():
            try:
                event_type = event_message.get("stream")
                if event_type == CONSTANTS.ALL_ORDERS_CHANNEL:
                    self._process_order_event(event_message)
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
        client_order_id = self._client_order_id_of_event(event.get("data", {}).get("c"), str(event["data"]["i"]))
        updatable_order = self._order_tracker.all_updatable_orders.get(client_order_id)
        if event["data"]["e"] == "orderFill":
            # An order that takes no more updates (done) still takes a fill that arrives late.
            fillable_order = updatable_order or self._order_tracker.all_fillable_orders.get(client_order_id)
            if fillable_order is not None:
                fee = TradeFeeBase.new_spot_fee(
                    fee_schema=self.trade_fee_schema(),
                    trade_type=fillable_order.trade_type,
                    percent_token=event["data"]["N"],
                    flat_fees=[TokenAmount(amount=Decimal(event["data"]["n"]), token=event["data"]["N"])],
                )
                self._order_tracker.process_trade_update(
                    TradeUpdate(
                        trade_id=str(event["data"]["t"]),
                        client_order_id=client_order_id,
                        exchange_order_id=str(event["data"]["i"]),
                        trading_pair=fillable_order.trading_pair,
                        fee=fee,
                        fill_base_amount=Decimal(event["data"]["l"]),
                        fill_quote_amount=Decimal(event["data"]["l"]) * Decimal(event["data"]["L"]),
                        fill_price=Decimal(event["data"]["L"]),
                        fill_timestamp=event["data"]["T"] * 1e-6,
                    )
                )
        if updatable_order is not None:
            self._order_tracker.process_order_update(
                OrderUpdate(
                    trading_pair=updatable_order.trading_pair,
                    update_timestamp=event["data"]["E"] * 1e-6,
                    new_state=CONSTANTS.ORDER_STATE[event["data"]["X"]],
                    client_order_id=client_order_id,
                    exchange_order_id=str(event["data"]["i"]),
                )
            )

    async def _all_trade_updates_for_order(self, order: InFlightOrder) -> List[TradeUpdate]:
        trade_updates = []
        if order.exchange_order_id is None:
            return trade_updates
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=order.trading_pair)
        fills_response = await self._api_get(
            path_url=CONSTANTS.MY_TRADES_PATH_URL,
            params={
                "instruction": "fillHistoryQueryAll",
                "symbol": symbol,
                "orderId": order.exchange_order_id,
            },
            is_auth_required=True,
        )
        for fill in fills_response:
            fee = TradeFeeBase.new_spot_fee(
                fee_schema=self.trade_fee_schema(),
                trade_type=order.trade_type,
                percent_token=fill["feeSymbol"],
                flat_fees=[TokenAmount(amount=Decimal(fill["fee"]), token=fill["feeSymbol"])],
            )
            trade_updates.append(
                TradeUpdate(
                    trade_id=str(fill["tradeId"]),
                    client_order_id=order.client_order_id,
                    exchange_order_id=str(fill["orderId"]),
                    trading_pair=order.trading_pair,
                    fee=fee,
                    fill_base_amount=Decimal(fill["quantity"]),
                    fill_quote_amount=Decimal(fill["quantity"]) * Decimal(fill["price"]),
                    fill_price=Decimal(fill["price"]),
                    fill_timestamp=seconds_from_date_time(fill["timestamp"]),
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
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=tracked_order.trading_pair)
        order_status = await self._api_get(
            path_url=CONSTANTS.ORDER_PATH_URL,
            params={
                "instruction": "orderQuery",
                "symbol": symbol,
                "clientId": tracked_order.client_order_id,
            },
            is_auth_required=True,
        )
        if tracked_order.exchange_order_id == CONSTANTS.UNKNOWN_EXCHANGE_ORDER_ID:
            # Placed without the exchange saying so (see _place_order): the status names the order.
            tracked_order.update_exchange_order_id(str(order_status["id"]))
        return OrderUpdate(
            client_order_id=tracked_order.client_order_id,
            exchange_order_id=str(order_status["id"]),
            trading_pair=tracked_order.trading_pair,
            update_timestamp=order_status["createdAt"] * 1e-3,
            new_state=CONSTANTS.ORDER_STATE[order_status["status"]],
        )

    async def _update_balances(self):
        account_info = await self._api_get(
            path_url=CONSTANTS.BALANCE_PATH_URL,
            params={"instruction": "balanceQuery"},
            is_auth_required=True,
        )
        local_asset_names = set(self._account_balances.keys())
        remote_asset_names = set()
        for balance_entry in account_info.items():
            asset_name = balance_entry[0]
            self._account_available_balances[asset_name] = Decimal(balance_entry[1]["available"])
            self._account_balances[asset_name] = (
                Decimal(balance_entry[1]["available"])
                + Decimal(balance_entry[1]["locked"])
                + Decimal(str(balance_entry[1].get("staked", 0)))
            )
            remote_asset_names.add(asset_name)
        for asset_name in local_asset_names - remote_asset_names:
            del self._account_available_balances[asset_name]
            del self._account_balances[asset_name]

    def _initialize_trading_pair_symbols_from_exchange_info(self, exchange_info: Dict[str, Any]):
        mapping = bidict()
        for symbol_data in filter(backpack_utils.is_exchange_information_valid, exchange_info):
            mapping[symbol_data["symbol"]] = combine_to_hb_trading_pair(
                base=symbol_data["baseSymbol"], quote=symbol_data["quoteSymbol"]
            )
        self._set_trading_pair_symbol_map(mapping)

    async def _get_last_traded_price(self, trading_pair: str) -> float:
        symbol = await self.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
        ticker = await self._api_get(
            path_url=CONSTANTS.TICKER_PRICE_CHANGE_PATH_URL,
            params={
                "symbol": symbol,
            },
        )
        return float(ticker["lastPrice"])
