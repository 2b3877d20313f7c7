import asyncio
import json
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from bidict import bidict

from hummingbot.connector.constants import s_decimal_NaN
from hummingbot.connector.exchange.kucoin import (
    kucoin_constants as CONSTANTS,
    kucoin_utils,
    kucoin_web_utils as web_utils,
)
from hummingbot.connector.exchange.kucoin.kucoin_api_order_book_data_source import KucoinAPIOrderBookDataSource
from hummingbot.connector.exchange.kucoin.kucoin_api_user_stream_data_source import KucoinAPIUserStreamDataSource
from hummingbot.connector.exchange.kucoin.kucoin_auth import KucoinAuth
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


class KucoinExchange(ExchangePyBase):
    web_utils = web_utils

    def __init__(
        self,
        kucoin_api_key: str,
        kucoin_passphrase: str,
        kucoin_secret_key: str,
        balance_asset_limit: Optional[Dict[str, Dict[str, Decimal]]] = None,
        rate_limits_share_pct: Decimal = Decimal("100"),
        trading_pairs: Optional[List[str]] = None,
        trading_required: bool = True,
        domain: str = CONSTANTS.DEFAULT_DOMAIN,
    ):
        self.kucoin_api_key = kucoin_api_key
        self.kucoin_passphrase = kucoin_passphrase
        self.kucoin_secret_key = kucoin_secret_key
        self._domain = domain
        self._trading_required = trading_required
        self._trading_pairs = trading_pairs
        # The time (seconds) the periodic fill update asks the fills from: the latest fill seen so far.
        self._last_order_fill_ts_s: float = 0
        super().__init__(balance_asset_limit, rate_limits_share_pct)

    @property
    def authenticator(self) -> KucoinAuth:
        return KucoinAuth(
            api_key=self.kucoin_api_key,
            passphrase=self.kucoin_passphrase,
            secret_key=self.kucoin_secret_key,
            time_provider=self._time_synchronizer,
        )

    @property
    def name(self) -> str:
        if self._domain == CONSTANTS.DEFAULT_DOMAIN:
            return "kucoin"
        return f"kucoin_{self._domain}"

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
        return CONSTANTS.SYMBOLS_PATH_URL

    @property
    def trading_pairs_request_path(self) -> str:
        return CONSTANTS.SYMBOLS_PATH_URL

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
    def kucoin_order_type(order_type: OrderType) -> str:
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
        return KucoinAPIOrderBookDataSource(
            trading_pairs=self._trading_pairs,
            connector=self,
            api_factory=self._web_assistants_factory,
            domain=self.domain,
        )

    def _create_user_stream_data_source(self) -> UserStreamTrackerDataSource:
        return KucoinAPIUserStreamDataSource(
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
            "clientOid": order_id,
            "side": side,
            "symbol": symbol,
            "type": self.kucoin_order_type(order_type),
            "size": f"{amount:f}",
        }
        if order_type is not OrderType.MARKET:
            api_params["price"] = f"{price:f}"
        api_params.update(CONSTANTS.ORDER_TYPE_PARAMS.get(order_type, {}))
        order_result = await self._api_post(
            path_url=CONSTANTS.ORDERS_PATH_URL,
            data=api_params,
            is_auth_required=True,
        )
        return str(order_result["data"]["orderId"]), self.current_timestamp

    async def _place_cancel(self, order_id: str, tracked_order: InFlightOrder) -> bool:
        exchange_order_id = await tracked_order.get_exchange_order_id()
        cancel_result = await self._api_delete(
            path_url=CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=exchange_order_id),
            is_auth_required=True,
            limit_id=CONSTANTS.ORDER_BY_ID,
        )
        # A refusal raises, as a failed request does: Hummingbot logs it and checks it for "order not found".
        if not (exchange_order_id in cancel_result["data"]["cancelledOrderIds"]):
            raise IOError(f"Error cancelling order {order_id}: {cancel_result}")
        return True

    async def _format_trading_rules(self, exchange_info_dict: Dict[str, Any]) -> List[TradingRule]:
        trading_rules = []
        for rule in filter(kucoin_utils.is_exchange_information_valid, exchange_info_dict["data"]):
            try:
                trading_pair = await self.trading_pair_associated_to_exchange_symbol(symbol=rule["symbol"])
                trading_rules.append(
                    TradingRule(
                        trading_pair,
                        min_order_size=Decimal(rule["baseMinSize"]),
                        min_price_increment=Decimal(rule["priceIncrement"]),
                        min_base_amount_increment=Decimal(rule["baseIncrement"]),
                        min_notional_size=Decimal(rule["quoteMinSize"]),
                    )
                )
            except Exception:
                self.logger().exception(f"Error parsing the trading pair rule {rule}. Skipping.")
        return trading_rules

    async def _update_trading_fees(self):
        """The account's maker and taker rates of the connector's pairs; DEFAULT_FEES in kucoin_utils apply to
        the others."""
        symbol_map = await self.trading_pair_symbol_map()
        symbols = [
            await self.exchange_symbol_associated_to_pair(trading_pair=trading_pair)
            for trading_pair in self._trading_pairs or []
        ]
        batch_size = CONSTANTS.TRADING_FEES_SYMBOL_LIMIT
        for start in range(0, len(symbols), batch_size):
            end = start + batch_size
            batch = symbols[start:end]
            fees_response = await self._api_get(
                path_url=CONSTANTS.FEE_PATH_URL,
                params={"symbols": ",".join(batch)},
                is_auth_required=True,
            )
            self._process_trading_fees(fees_response, symbol_map)

    def _process_trading_fees(self, fees_response: Any, symbol_map: Dict[str, str]):
        for fee_row in fees_response["data"]:
            trading_pair = symbol_map.get(fee_row["symbol"])
            if trading_pair is not None:
                # The row as the exchange sends it, as Hummingbot's connectors keep it; _get_fee reads its rates.
                self._trading_fees[trading_pair] = fee_row

    async def _api_request(self, path_url, *args, return_err: bool = False, **kwargs) -> Dict[str, Any]:
        """The exchange reports errors inside HTTP 200 responses: they are raised like HTTP errors, body included."""
        response = await super()._api_request(path_url, *args, return_err=return_err, **kwargs)
        if not return_err and not ("code" not in response or response.get("code") == "200000"):
            raise IOError(f"Error executing request {path_url}. Error: {json.dumps(response)}")
        return response

    async def _user_stream_event_listener(self):
        """Processes the order, fill and balance events queued by the user stream data source."""
        async for event_message in self._iter_user_event_queue():
            try:
                event_type = event_message.get("subject")
                if event_type == CONSTANTS.ORDER_CHANGE_EVENT_TYPE:
                    await self._process_order_event(event_message)
                elif event_type == CONSTANTS.BALANCE_EVENT_TYPE:
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
        client_order_id = self._client_order_id_of_event(
            event.get("data", {}).get("clientOid"), str(event["data"]["orderId"])
        )
        if event["data"]["type"] in ("match", "filled"):
            # The event reports a fill without its fee: the order's fills are requested.
            fillable_order = self._order_tracker.all_fillable_orders.get(client_order_id)
            if fillable_order is not None:
                if fillable_order.exchange_order_id is None:
                    # The event came before the creation response: it names the order the fills are asked by.
                    fillable_order.update_exchange_order_id(str(event["data"]["orderId"]))
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
                    update_timestamp=event["data"]["ts"] * 1e-9,
                    new_state=CONSTANTS.ORDER_STATE[event["data"]["type"]],
                    client_order_id=client_order_id,
                    exchange_order_id=str(event["data"]["orderId"]),
                )
            )

    def _process_balance_event(self, event: Dict[str, Any]):
        balance_entry = event["data"]
        asset_name = balance_entry["currency"]
        self._account_available_balances[asset_name] = Decimal(balance_entry["available"])
        self._account_balances[asset_name] = Decimal(balance_entry["total"])

    async def _all_trade_updates_for_order(self, order: InFlightOrder) -> List[TradeUpdate]:
        trade_updates = []
        if order.exchange_order_id is None:
            return trade_updates
        fills_response = await self._api_get(
            path_url=CONSTANTS.FILLS_PATH_URL,
            params={
                "orderId": order.exchange_order_id,
            },
            is_auth_required=True,
        )
        for fill in fills_response["data"]["items"]:
            fee = TradeFeeBase.new_spot_fee(
                fee_schema=self.trade_fee_schema(),
                trade_type=order.trade_type,
                percent_token=fill["feeCurrency"],
                flat_fees=[TokenAmount(amount=Decimal(fill["fee"]), token=fill["feeCurrency"])],
            )
            trade_updates.append(
                TradeUpdate(
                    trade_id=str(fill["tradeId"]),
                    client_order_id=order.client_order_id,
                    exchange_order_id=str(fill["orderId"]),
                    trading_pair=order.trading_pair,
                    fee=fee,
                    fill_base_amount=Decimal(fill["size"]),
                    fill_quote_amount=Decimal(fill["funds"]),
                    fill_price=Decimal(fill["price"]),
                    fill_timestamp=fill["createdAt"] * 1e-3,
                )
            )
        return trade_updates

    async def _update_orders_fills(self, orders: List[InFlightOrder]):
        """One request for the fills of all the orders (_all_trades_updates), rather than one per order."""
        if not orders:
            return
        try:
            trade_updates = await self._all_trades_updates(orders)
        except asyncio.CancelledError:
            raise
        except Exception as request_error:
            self.logger().warning(f"Failed to fetch trade updates. Error: {request_error}", exc_info=request_error)
            return
        for trade_update in trade_updates:
            self._order_tracker.process_trade_update(trade_update)

    async def _all_trades_updates(self, orders: List[InFlightOrder]) -> List[TradeUpdate]:
        """The account's fills since the latest fill seen (or the oldest order's creation), matched to the orders by
        exchange order id."""
        trade_updates = []
        if not orders:
            return trade_updates
        orders_by_exchange_id = {order.exchange_order_id: order for order in orders if order.exchange_order_id}
        self._last_order_fill_ts_s = max(self._last_order_fill_ts_s, min(order.creation_timestamp for order in orders))
        fills_response = await self._api_get(
            path_url=CONSTANTS.FILLS_PATH_URL,
            params={
                "startAt": int(self._last_order_fill_ts_s * 1e3),
                "pageSize": 500,
            },
            is_auth_required=True,
        )
        for fill in fills_response["data"]["items"]:
            order = orders_by_exchange_id.get(str(fill["orderId"]))
            if order is None:
                # Another order's fill (one not polled now, or not placed by this connector).
                continue
            fee = TradeFeeBase.new_spot_fee(
                fee_schema=self.trade_fee_schema(),
                trade_type=order.trade_type,
                percent_token=fill["feeCurrency"],
                flat_fees=[TokenAmount(amount=Decimal(fill["fee"]), token=fill["feeCurrency"])],
            )
            trade_updates.append(
                TradeUpdate(
                    trade_id=str(fill["tradeId"]),
                    client_order_id=order.client_order_id,
                    exchange_order_id=order.exchange_order_id,
                    trading_pair=order.trading_pair,
                    fee=fee,
                    fill_base_amount=Decimal(fill["size"]),
                    fill_quote_amount=Decimal(fill["funds"]),
                    fill_price=Decimal(fill["price"]),
                    fill_timestamp=fill["createdAt"] * 1e-3,
                )
            )
            self._last_order_fill_ts_s = max(self._last_order_fill_ts_s, fill["createdAt"] * 1e-3)
        return trade_updates

    async def _request_order_status(self, tracked_order: InFlightOrder) -> OrderUpdate:
        exchange_order_id = await tracked_order.get_exchange_order_id()
        order_status = await self._api_get(
            path_url=CONSTANTS.ORDER_BY_ID_PATH_URL.format(exchange_order_id=exchange_order_id),
            is_auth_required=True,
            limit_id=CONSTANTS.ORDER_BY_ID,
        )
        return OrderUpdate(
            client_order_id=tracked_order.client_order_id,
            exchange_order_id=str(order_status["data"]["id"]),
            trading_pair=tracked_order.trading_pair,
            update_timestamp=order_status["data"]["createdAt"] * 1e-3,
            new_state=self._order_state_from_status(order_status),
        )

    @staticmethod
    def _order_state_from_status(order_status: Dict[str, Any]) -> OrderState:
        if not order_status["data"]["isActive"] and order_status["data"]["cancelExist"]:
            return OrderState.CANCELED
        if not order_status["data"]["isActive"]:
            return OrderState.FILLED
        if Decimal(order_status["data"]["dealSize"]) == 0:
            return OrderState.OPEN
        return OrderState.PARTIALLY_FILLED

    async def _update_balances(self):
        account_info = await self._api_get(
            path_url=CONSTANTS.ACCOUNTS_PATH_URL,
            params={"type": "trade"},
            is_auth_required=True,
        )
        local_asset_names = set(self._account_balances.keys())
        remote_asset_names = set()
        for balance_entry in account_info["data"]:
            asset_name = balance_entry["currency"]
            self._account_available_balances[asset_name] = Decimal(balance_entry["available"])
            self._account_balances[asset_name] = Decimal(balance_entry["balance"])
            remote_asset_names.add(asset_name)
        for asset_name in local_asset_names - remote_asset_names:
            del self._account_available_balances[asset_name]
            del self._account_balances[asset_name]

    def _initialize_trading_pair_symbols_from_exchange_info(self, exchange_info: Dict[str, Any]):
        mapping = bidict()
        for symbol_data in filter(kucoin_utils.is_exchange_information_valid, exchange_info["data"]):
            mapping[symbol_data["symbol"]] = combine_to_hb_trading_pair(
                base=symbol_data["baseCurrency"], quote=symbol_data["quoteCurrency"]
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
        return float(ticker["data"]["price"])
