"""The loopback exchange: one spec's REST endpoints and websocket streams on 127.0.0.1 (`hbgen sandbox`)."""

from __future__ import annotations

import asyncio
import copy
import sys
import time
from decimal import Decimal
from typing import Any, Dict, List, Optional

from aiohttp import web

from scaffolder import keys
from scaffolder.sandbox import payloads
from scaffolder.sandbox.engine import MID_PRICE, Engine, Fill, Market, Order
from scaffolder.sandbox.limits import RateLimiter
from scaffolder.sandbox.payloads import put, put_first, put_time
from scaffolder.sandbox.rest import RestApi
from scaffolder.sandbox.signing import Verifier
from scaffolder.sandbox.streams import Streams
from scaffolder.spec import fieldpath, routes
from scaffolder.spec.model import Spec
from scaffolder.spec.model.balances import AMOUNT_FIELDS, kind_amounts, write_amounts

WS_PATH = "/sandbox/ws"


def exchange_symbol(spec: Spec, trading_pair: str) -> str:
    """The pair's symbol as the exchange writes it: its assets by the exchange's names, in `symbols.format`."""
    fmt = spec.markets.symbols.format
    symbol = fmt.separator.join(spec.markets.exchange_asset(asset) for asset in trading_pair.split("-"))
    return symbol.upper() if fmt.case == "upper" else symbol.lower()


def sandbox_credentials(spec: Spec) -> Dict[str, str]:
    """The account's credentials: fixed, so that a connector can be pointed at the sandbox with them."""
    return {
        credential.name: keys.credential_text(spec, credential.name, f"sandbox-{credential.name.replace('_', '-')}")
        for credential in spec.credentials
    }


class Sandbox:
    def __init__(self, spec: Spec, trading_pairs: Optional[List[str]] = None, log=None):
        self.spec = spec
        pairs = trading_pairs or [spec.exchange.example_pair]
        markets = [Market(pair, *pair.split("-"), exchange_symbol(spec, pair)) for pair in pairs]
        self.credentials = sandbox_credentials(spec)
        self.engine = Engine(markets, self._fee_asset)
        self.verifier = Verifier(spec, self.credentials)
        self.limiter = RateLimiter(spec)
        self.problems: List[str] = []
        self.public_token = "sandbox-public-token"
        self.private_token = "sandbox-private-token"
        self.port: Optional[int] = None
        self._log = log or (lambda text: print(f"sandbox: {text}", file=sys.stderr, flush=True))
        self.rest = RestApi(self)
        self.streams = Streams(self)
        self._runner: Optional[web.AppRunner] = None
        self._last_prices: Dict[str, Decimal] = {}
        self.engine.listeners.append(self._remember_trade)

    # --- serving -------------------------------------------------------------------------------------------------

    def app(self) -> web.Application:
        application = web.Application()
        application.router.add_route("*", "/{tail:.*}", self._dispatch)
        return application

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await self.streams.handle(request)
        return await self.rest.handle(request)

    async def start(self, port: int = 0) -> int:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        for connection in list(self.streams.connections):
            await connection.ws.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def problem(self, text: str) -> str:
        """Record why a request was refused (reported by `hbgen market-test` when the tests fail)."""
        self.problems.append(text)
        self._log(text)
        return text

    @staticmethod
    def now() -> float:
        return time.time()

    # --- values shared by REST answers and stream events ---------------------------------------------------------

    def _fee_asset(self, order: Order) -> str:
        stream = self.spec.user_stream
        fills = [self.spec.orders.fills] + ([stream.fill_event, stream.order_event.fill] if stream else [])
        rules = {fill.fee_asset_rule for fill in fills if fill is not None}
        if "quote" in rules:
            return order.market.quote
        return order.market.base if order.side == "BUY" else order.market.quote

    def _remember_trade(self, kind: str, *args) -> None:
        if kind == "trade":
            self._last_prices[args[0].trading_pair] = args[1]

    def last_price(self, market: Market) -> Decimal:
        return self._last_prices.get(market.trading_pair, MID_PRICE)

    def token_response(self, token, private: bool) -> Any:
        payload = copy.deepcopy(self.spec.endpoints[token.endpoint].example_response)
        put(payload, token.token, self.private_token if private else self.public_token)
        if token.server is not None:
            put(payload, token.server, f"ws://{self.host}{WS_PATH}")
        return payload

    def balance_rows(self, source) -> List[Dict[str, Any]]:
        rows = []
        for asset, (available, locked) in sorted(self.engine.balances.items()):
            row = {source.asset: self.spec.markets.exchange_asset(asset)}
            amounts = {"available": available, "locked": locked, "total": available + locked}
            kinds = getattr(source, "kinds", None)
            if kinds is not None:
                # One row per kind listed; an amount of several kinds all in the first.
                rows.extend({**row, kinds.field: kind, kinds.amount: amount}
                            for kind, amount in kind_amounts(kinds, amounts, spread=False))
                continue
            # Each amount in its preferred field; a sum of fields: all of it in the first, zero in the others.
            given = [name for name in AMOUNT_FIELDS if getattr(source, name)]
            row.update(write_amounts(source, amounts, [0] * len(given), spread=False) or {})
            rows.append(row)
        return rows

    def _fill_values(self, source, order: Order, fill: Fill) -> Dict[str, Any]:
        values = {source.trade_id: fill.trade_id, source.price: fill.price, source.amount: fill.amount,
                  source.fee_amount: -fill.fee if source.negate_fee else fill.fee}
        if getattr(source, "exchange_order_id", None):
            values[source.exchange_order_id] = order.exchange_order_id
        if getattr(source, "client_order_id", None):
            values[source.client_order_id] = order.client_order_id
        if getattr(source, "quote_amount", None):
            values[source.quote_amount] = fill.quote_amount
        if source.fee_asset:
            values[source.fee_asset] = fill.fee_asset
        values[source.timestamp.path] = payloads.time_value(source.timestamp, fill.timestamp)
        return values

    def fill_rows(self, fills, order: Order, since: Optional[float] = None) -> List[Dict[str, Any]]:
        """The order's fills (those at or after `since`, seconds, when given) as rows of `fills`."""
        return [
            self._fill_values(fills, order, fill) for fill in order.fills if since is None or fill.timestamp >= since
        ]

    def write_order(self, payload: Any, source, order: Order) -> None:
        """The order's ids, state and time at the paths an order status or event maps."""
        put_first(payload, source.client_order_id, order.client_order_id)
        put(payload, source.exchange_order_id, order.exchange_order_id)
        put_time(payload, source.timestamp, order.updated)
        if source.state_rules:
            payloads.apply_state_rules(payload, source.state_rules, order.state)
        if source.state:
            word = payloads.exchange_state(self.spec.orders.states, order.state)
            if word is not None:
                put(payload, source.state, word)

    # --- stream messages -----------------------------------------------------------------------------------------

    def _book_message(self, channel, market: Market, bids, asks, update_id: int, first_update_id=None) -> Any:
        payload = copy.deepcopy(channel.example)
        if channel.when is not None:
            payloads.satisfy(payload, channel.when)
        self._put_symbol(payload, channel, market)
        timestamp = getattr(channel, "timestamp", None)
        if timestamp is None or timestamp.path != channel.update_id:
            # (A book keyed by its time takes the time written below.)
            put(payload, channel.update_id, update_id)
        if getattr(channel, "first_update_id", None):
            put(payload, channel.first_update_id, first_update_id or update_id)
        put_time(payload, channel.timestamp, self.now())
        payloads.write_book(payload, channel.bids, channel.asks, bids, asks, getattr(channel, "levels", None))
        return payload

    def snapshot_message(self, market: Market) -> Any:
        channel = self.spec.public_ws.channels.order_book_snapshot
        engine = self.engine
        return self._book_message(channel, market, engine.levels(market.trading_pair, "BUY"),
                                  engine.levels(market.trading_pair, "SELL"), engine.update_id)

    def diff_message(self, market: Market, bids, asks, update_id: int) -> Any:
        channel = self.spec.public_ws.channels.order_book_diff
        return self._book_message(channel, market, bids, asks, update_id, update_id)

    def trade_message(self, market: Market, price: Decimal, amount: Decimal, taker_side: str) -> Any:
        channel = self.spec.public_ws.channels.trade
        now = self.now()
        values = {channel.trade_id: int(now * 1e6), channel.price: price,
                  channel.amount: amount, channel.timestamp.path: payloads.time_value(channel.timestamp, now)}
        if channel.symbol is not None:
            values[channel.symbol] = market.symbol

        def side(row, _values):
            documented = fieldpath.read(row, channel.side.field)
            sell = channel.side.sell_when
            if taker_side == "SELL":
                fieldpath.write(row, channel.side.field, sell)
            elif isinstance(sell, bool):
                fieldpath.write(row, channel.side.field, not sell)
            elif documented == sell:
                fieldpath.write(row, channel.side.field, "buy" if sell.islower() else "Buy")

        if channel.rows is not None:
            payload = payloads.with_rows(channel.example, channel.rows, [values], side)
        else:
            payload = copy.deepcopy(channel.example)
            for path, value in values.items():
                put(payload, path, value)
            side(payload, values)
        self._put_symbol(payload, channel, market, in_route_only=True)
        return payload

    def _put_symbol(self, payload: Any, channel, market: Market, in_route_only: bool = False) -> None:
        """The market's symbol where the channel's messages name it: at its `symbol` path, or in the route field
        written from its route template."""
        if routes.symbol_template(channel.route) is not None:
            put(payload, self.spec.public_ws.route_field, routes.with_symbol(channel.route, market.symbol))
        elif not in_route_only:
            put(payload, channel.symbol, market.symbol)

    def _enveloped(self, payload: Any) -> Any:
        envelope = self.spec.auth.private_ws.event_envelope
        return {envelope: payload} if envelope else payload

    def order_messages(self, order: Order, fill: Optional[Fill]) -> List[Any]:
        stream = self.spec.user_stream
        event = stream.order_event
        fill_spec = event.fill

        def order_row(row, _values):
            self.write_order(row, event, order)
            if event.fetch_fills_when is not None:
                payloads.satisfy(row, event.fetch_fills_when, holds=fill is not None)
            if fill_spec is not None:
                payloads.satisfy(row, fill_spec.when, holds=fill is not None)
                if fill is not None:
                    for path, value in self._fill_values(fill_spec, order, fill).items():
                        put(row, path, value)

        if event.rows is not None:
            message = payloads.with_rows(event.example, event.rows, [{}], order_row)
        else:
            message = copy.deepcopy(event.example)
            order_row(message, {})
        messages = [self._enveloped(message)]
        if fill is not None and stream.fill_event is not None:
            fill_event = stream.fill_event
            values = self._fill_values(fill_event, order, fill)
            if fill_event.rows is not None:
                fill_message = payloads.with_rows(fill_event.example, fill_event.rows, [values])
            else:
                fill_message = copy.deepcopy(fill_event.example)
                for path, value in values.items():
                    put(fill_message, path, value)
            messages.append(self._enveloped(fill_message))
        return messages

    def balance_messages(self, assets: List[str]) -> List[Any]:
        event = self.spec.user_stream.balance_event
        if event is None:
            return []
        names = {self.spec.markets.exchange_asset(asset) for asset in assets}
        rows = [row for row in self.balance_rows(event) if row[event.asset] in names]
        if event.rows is not None:
            return [self._enveloped(payloads.with_rows(event.example, event.rows, rows))]
        messages = []
        for values in rows:
            message = copy.deepcopy(event.example)
            row = fieldpath.read(message, event.row) if event.row else message
            for path, value in values.items():
                put(row, path, value)
            messages.append(self._enveloped(message))
        return messages


async def serve(spec: Spec, port: int, trading_pairs: Optional[List[str]] = None) -> None:
    """Run until interrupted, printing how to point the connector at it."""
    sandbox = Sandbox(spec, trading_pairs)
    await sandbox.start(port)
    from scaffolder.context.exchange import api_host_env

    print(f"{spec.exchange.display_name} sandbox on http://{sandbox.host} ({', '.join(sandbox.engine.markets)})")
    print(f"  export {api_host_env(spec)}={sandbox.host}")
    for name, value in sandbox.credentials.items():
        print(f"  {spec.exchange.name}_{name}: {value}")
    try:
        await asyncio.Event().wait()
    finally:
        await sandbox.stop()
