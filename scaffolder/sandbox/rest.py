"""The REST side of the loopback exchange: each spec endpoint, by the role the spec gives it, answered in the
exchange's documented response shape."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

from aiohttp import web

from scaffolder.sandbox import payloads
from scaffolder.sandbox.engine import FEE_RATE, MAX_ORDER_SIZE, MIN_NOTIONAL, STEP, TICK, Order, Rejected
from scaffolder.sandbox.payloads import put, put_time
from scaffolder.sandbox.signing import SignedRequest
from scaffolder.spec import datetimes, fieldpath
from scaffolder.spec.model import TimeField, with_unit

# Keys under which exchanges put the human-readable part of an error.
MESSAGE_KEYS = ("msg", "message", "retMsg", "error_message", "label")


def _path_pattern(path: str) -> re.Pattern:
    pattern = re.sub(r"\\\{([a-z_][a-z0-9_]*)\\\}", r"(?P<\1>[^/]+)", re.escape(path))
    return re.compile(pattern + "$")


PATH_VALUES = "path values"
ENDPOINT = "endpoint name"


def inverse(params: Dict[str, str], received: Dict[str, Any]) -> Dict[str, Any]:
    """The values behind a request's parameters: {"symbol": "ETHBTC"} from {"symbol": "{symbol}"}, and those of
    the path template (/orders/{exchange_order_id})."""
    values = dict(received.get(PATH_VALUES, {}))
    for key, template in params.items():
        match = re.fullmatch(r"\{([a-z_]+)\}", template)
        if match and key in received:
            values[match.group(1)] = received[key]
    return values


def _base_path(url: str) -> str:
    return urlsplit(url).path


def _kept(prerequisite, value):
    """The value the connector keeps for a prerequisite read as `value` (mapped by `values`, else as it is)."""
    if prerequisite.values is None:
        return value
    return prerequisite.values.get(str(value), prerequisite.default)


class RestApi:
    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.spec = sandbox.spec
        spec = self.spec
        # The base URL's path, to which the endpoint paths are appended as written (`/api/v3` + `/order`, or
        # `/` + `api/v1/order` after a base ending with a slash); with urls.api_version, public and signed endpoints
        # may sit under different versions.
        base_paths = {private: _base_path(spec.urls.rest_base(private)) for private in (False, True)}
        roles: List[Tuple[str, str, str]] = []  # (endpoint, method, role)
        orders = spec.orders
        roles += [(orders.create.endpoint, orders.create.method, "create"),
                  (orders.cancel.endpoint, orders.cancel.method, "cancel"),
                  (orders.status.endpoint, orders.status.method, "status"),
                  (orders.fills.endpoint, orders.fills.method, "fills")]
        if orders.open_orders:
            roles.append((orders.open_orders.endpoint, "GET", "open_orders"))
        if spec.balances:
            roles.append((spec.balances.endpoint, spec.balances.method, "balances"))
        if spec.trading_fees:
            roles.append((spec.trading_fees.endpoint, spec.trading_fees.method, "trading_fees"))
        # A prerequisite (HTX's account list) is answered as documented: its value is the one the requests carry.
        roles += [(prerequisite.endpoint, "GET", "prerequisite") for prerequisite in spec.prerequisites.values()]
        self.prerequisites = {name: _kept(prerequisite, fieldpath.read(spec.endpoints[prerequisite.endpoint]
                                                                       .example_response, prerequisite.value))
                              for name, prerequisite in spec.prerequisites.items()}
        private_token = spec.auth.private_ws and spec.auth.private_ws.token
        if private_token:
            roles.append((private_token.endpoint, private_token.method, "private_token"))
        self.private_roles = {role for _, _, role in roles}
        markets = spec.markets
        # The server-time answer also serves as the network check when both name the same endpoint.
        if spec.auth.time_sync:
            roles.append((spec.auth.time_sync.endpoint, "GET", "server_time"))
        roles += [(markets.symbols.endpoint, "GET", "exchange_info"),
                  (markets.trading_rules.endpoint, "GET", "exchange_info"),
                  (markets.last_traded_price.endpoint, "GET", "ticker"),
                  (markets.order_book_snapshot.endpoint, "GET", "snapshot"),
                  (markets.check_network, "GET", "ping")]
        bulk = markets.last_traded_price.bulk
        if bulk is not None and bulk.endpoint != markets.last_traded_price.endpoint:
            roles.append((bulk.endpoint, "GET", "tickers"))
        if spec.public_ws.token:
            roles.append((spec.public_ws.token.endpoint, spec.public_ws.token.method, "public_token"))
        # Literal paths before templates, as a web server routes them: /orders/historical/fills is not the order
        # "fills" of /orders/historical/{order_id} (Coinbase); the order among each kind is kept.
        self.routes = sorted(
            [
                (_path_pattern(base_paths[role in self.private_roles] + spec.endpoints[name].path), method, role, name)
                for name, method, role in roles
            ],
            key=lambda route: "{" in spec.endpoints[route[3]].path,
        )
        errors = [spec.response_errors.example if spec.response_errors else None,
                  spec.auth.time_sync.error_example if spec.auth.time_sync else None,
                  orders.cancel.not_found_example, orders.status.not_found_example]
        self.error_example = next((e for e in errors if isinstance(e, dict)), {"msg": ""})

    # --- dispatch ------------------------------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path, method = request.path, request.method
        route = next(((m, role, name) for pattern, meth, role, name in self.routes
                      for m in [pattern.match(path)] if m and meth == method), None)
        if route is None:
            return self.error(f"{method} {path}: no such endpoint", 404)
        match, role, name = route
        body = await request.text()
        problem = self.sandbox.limiter.charge(name)
        if problem:
            return self.error(self.sandbox.problem(f"{method} {path}: {problem}"), 429)
        if role in self.private_roles:
            signed = SignedRequest(method, path, request.query_string, body, request.headers)
            problem = self.sandbox.verifier.check_rest(signed, self._sign_only(role))
            if problem:
                return self.error(self.sandbox.problem(f"bad signature: {problem}"), 401)
        received: Dict[str, Any] = dict(parse_qsl(request.query_string, keep_blank_values=True))
        if body:
            try:
                parsed = json.loads(body)
                received.update(parsed if isinstance(parsed, dict) else {})
            except ValueError:
                received.update(parse_qsl(body, keep_blank_values=True))
        if role in self.private_roles and self.spec.auth.rest.payload is not None:
            # The parameters of a signed request travel in its payload header (`auth.rest.payload`).
            received.update(self.sandbox.verifier.payload_params(request.headers))
        # Each path placeholder under the name of the value it stands for (endpoints.*.path_params).
        path_params = self.spec.endpoints[name].path_params
        received[PATH_VALUES] = {path_params.get(key, key): value for key, value in match.groupdict().items()}
        received[ENDPOINT] = name
        for prerequisite, value in self.prerequisites.items():
            sent = received[PATH_VALUES].get(prerequisite)
            if sent is not None and sent != str(value):
                return self.error(f"{method} {path}: unknown {prerequisite} {sent!r}", 400)
        try:
            result = getattr(self, f"_{role}")(received)
        except Rejected as rejection:
            return self.error(str(rejection), 400)
        if isinstance(result, web.Response):
            return result
        return web.json_response(result, dumps=lambda value: json.dumps(value, default=str))

    def error(self, message: str, status: int) -> web.Response:
        """An error in the shape the exchange documents (its error example, with this message)."""
        body = copy.deepcopy(self.error_example)
        for key in MESSAGE_KEYS:
            if isinstance(body.get(key), str):
                body[key] = message
                break
        # Exchanges that report errors inside HTTP 200 bodies answer 200 for request errors too.
        if self.spec.response_errors and status == 400:
            status = 200
        return web.json_response(body, status=status)

    # --- markets -------------------------------------------------------------------------------------------------

    def _sign_only(self, role: str) -> Dict[str, str]:
        """The sign-only parameters (`auth.rest.sign_only_params`) the spec gives the requests of `role`."""
        spec = self.spec
        params = {
            "create": spec.orders.create.params,
            "cancel": spec.orders.cancel.params,
            "status": spec.orders.status.params,
            "fills": spec.orders.fills.params,
            "trading_fees": spec.trading_fees.params if spec.trading_fees else {},
            "balances": spec.balances.params if spec.balances else {},
        }.get(role, {})
        return {name: params[name] for name in spec.auth.rest.sign_only_params if name in params}

    def _server_time(self, received) -> Any:
        time_sync = self.spec.auth.time_sync
        payload = copy.deepcopy(self.spec.endpoints[time_sync.endpoint].example_response)
        unit = payloads.UNITS_PER_SECOND[time_sync.unit]
        now = int(self.sandbox.now() * unit)
        if not time_sync.server_time:
            # The response is the time itself (a bare number, or its text).
            return payloads.typed(payload, now)
        put(payload, time_sync.server_time, now)
        return payload

    def _ping(self, received) -> Any:
        return copy.deepcopy(self.spec.endpoints[self.spec.markets.check_network].example_response)

    def _exchange_info(self, received) -> Any:
        symbols = self.spec.markets.symbols
        rules = self.spec.markets.trading_rules
        rule_values = {"min_order_size": STEP, "min_price_increment": TICK, "min_base_amount_increment": STEP,
                       "min_notional_size": MIN_NOTIONAL, "min_order_value": MIN_NOTIONAL,
                       "max_order_size": MAX_ORDER_SIZE, "min_quote_amount_increment": TICK}

        def fill_row(row, values):
            for predicate in symbols.valid_when:
                payloads.satisfy(row, predicate)
            for name, value in rule_values.items():
                rule = rules.rule(name)
                if rule is None or fieldpath.documented(row, rule.path) is None and rule.default is not None:
                    continue
                if rule.unit:
                    fieldpath.write(row, rule.path, with_unit(str(value), fieldpath.documented(row, rule.path)))
                else:
                    put(row, rule.path, -value.as_tuple().exponent if rule.decimals else value)

        example = self.spec.endpoints[symbols.endpoint].example_response
        named = self.spec.markets.exchange_asset
        rows = [{symbols.symbol: m.symbol,
                 **symbols.asset_fields(named(m.base), named(m.quote), lambda base, sep, quote: base + sep + quote)}
                for m in self.sandbox.engine.markets.values()]
        return payloads.with_rows(example, symbols.rows, rows, fill_row)

    def _market(self, received, symbol_key: str = "symbol"):
        symbol = received.get(symbol_key)
        market = self.sandbox.engine.by_symbol.get(symbol)
        if market is None:
            raise Rejected(f"Invalid symbol {symbol!r}.")
        return market

    def _ticker(self, received) -> Any:
        price = self.spec.markets.last_traded_price
        if price.bulk is not None and price.bulk.endpoint == price.endpoint and not any(
            key in received for key in price.params
        ):
            # Every ticker, from the one endpoint that also answers for a single pair.
            return self._tickers(received)
        if price.endpoint == self.spec.markets.check_network and not any(key in received for key in price.params):
            # The network check, requested without the pair (Kraken's ticker then answers for every pair).
            return self._ping(received)
        market = self._market(inverse(price.params, received))
        payload = copy.deepcopy(self.spec.endpoints[price.endpoint].example_response)
        put(payload, price.price, self.sandbox.last_price(market))
        return payload

    def _tickers(self, received) -> Any:
        """`markets.last_traded_price.bulk`: one row per market, its symbol and last price in the documented row (a
        list's item, or a map's entry keyed by the symbol)."""
        bulk = self.spec.markets.last_traded_price.bulk
        rows = [
            {bulk.symbol: market.symbol, bulk.price: self.sandbox.last_price(market)}
            for market in self.sandbox.engine.markets.values()
        ]
        return payloads.with_rows(self.spec.endpoints[bulk.endpoint].example_response, bulk.rows, rows)

    def _snapshot(self, received) -> Any:
        snapshot = self.spec.markets.order_book_snapshot
        market = self._market(inverse(snapshot.params, received))
        payload = copy.deepcopy(self.spec.endpoints[snapshot.endpoint].example_response)
        engine = self.sandbox.engine
        documented_id = fieldpath.read(payload, snapshot.update_id)
        if snapshot.update_id_unit is not None and datetimes.seconds_of(documented_id) is not None:
            # A book keyed by its date-time text (Coinbase's pricebook.time).
            put_time(payload, TimeField(path=snapshot.update_id, unit=snapshot.update_id_unit), self.sandbox.now())
        else:
            put(payload, snapshot.update_id, engine.update_id)
        payloads.write_book(payload, snapshot.bids, snapshot.asks, engine.levels(market.trading_pair, "BUY"),
                            engine.levels(market.trading_pair, "SELL"), snapshot.levels)
        return payload

    def _prerequisite(self, received) -> Any:
        return copy.deepcopy(self.spec.endpoints[received[ENDPOINT]].example_response)

    def _public_token(self, received) -> Any:
        return self.sandbox.token_response(self.spec.public_ws.token, private=False)

    def _private_token(self, received) -> Any:
        return self.sandbox.token_response(self.spec.auth.private_ws.token, private=True)

    # --- account -------------------------------------------------------------------------------------------------

    def _balances(self, received) -> Any:
        balances = self.spec.balances
        example = self.spec.endpoints[balances.endpoint].example_response
        return payloads.with_rows(example, balances.rows, self.sandbox.balance_rows(balances))

    def _create(self, received) -> Any:
        create = self.spec.orders.create
        type_value = None
        if create.type_object is not None:
            received, type_value = payloads.opened_type_object(received, create.type_object)
        values = inverse(create.params, received)
        if create.type_object is not None:
            values["type"] = type_value
        market = self._market(values)
        sides = {create.sides.BUY: "BUY", create.sides.SELL: "SELL"}
        side = sides.get(str(values.get("side")))
        order_type = self._order_type(values.get("type"), values.get("time_in_force"), received)
        if side is None or order_type is None:
            raise Rejected(f"Invalid side {values.get('side')!r} or type {values.get('type')!r}.")
        quote_market_buy = order_type == "MARKET" and side == "BUY" and create.market_buy_amount == "quote"
        # orders.create.market_buy_param: a market buy's quote amount travels in its own parameter.
        own_param = quote_market_buy and create.market_buy_param is not None
        try:
            amount = Decimal(str(received.get(create.market_buy_param) if own_param else values.get("amount")))
            price = Decimal(str(values["price"])) if values.get("price") not in (None, "") else None
        except InvalidOperation:
            raise Rejected("Invalid quantity or price.") from None
        quote_budget = None
        if quote_market_buy:
            quote_budget, amount = amount, Decimal(0)
        order = self.sandbox.engine.place(market, side, order_type, amount, price,
                                          str(values.get("client_order_id", "")), quote_budget=quote_budget)
        payload = copy.deepcopy(create.example_response)
        put(payload, create.exchange_order_id, order.exchange_order_id)
        put_time(payload, create.timestamp, order.created)
        return payload

    def _order_type(self, type_value: Any, time_in_force: Any, received: Dict[str, Any]) -> Optional[str]:
        """The order type whose encoding the request carries: its type, time in force and fixed parameters."""
        candidates = [(name, encoding) for name, encoding in self.spec.orders.order_types.items()
                      if encoding.type == type_value and encoding.time_in_force in (None, time_in_force)]
        for name, encoding in sorted(candidates, key=lambda item: (-len(item[1].params), item[1].time_in_force is None)):
            if all(str(received.get(key)).lower() == str(value).lower() for key, value in encoding.params.items()):
                return name
        return None

    def _find(self, values: Dict[str, Any]) -> Optional[Order]:
        return self.sandbox.engine.find(values.get("exchange_order_id"), values.get("client_order_id"))

    def _not_found(self, example: Any, fallback: str) -> web.Response:
        if example is None:
            return self.error(fallback, 400)
        return web.json_response(example, status=200 if self.spec.response_errors else 400)

    def _cancel(self, received) -> Any:
        cancel = self.spec.orders.cancel
        received = dict(received)
        for key in cancel.list_params:
            # A batch endpoint cancelling one order: a one-item list.
            listed = received.get(key)
            if not isinstance(listed, list) or len(listed) != 1:
                raise Rejected(f"Invalid {key}: expected a list of one order id, got {listed!r}.")
            received[key] = listed[0]
        order = self._find(inverse(cancel.params, received))
        if order is None or not order.is_open:
            return self._not_found(cancel.not_found_example, "Unknown order sent.")
        self.sandbox.engine.cancel(order)
        payload = copy.deepcopy(cancel.example_response)
        if cancel.success.contains:
            ids = cancel.success.contains.replace("{exchange_order_id}", str(order.exchange_order_id))
            fieldpath.write(payload, cancel.success.field, [ids.replace("{client_order_id}", order.client_order_id)])
        else:
            payloads.satisfy(payload, cancel.success)
        return payload

    def _status(self, received) -> Any:
        status = self.spec.orders.status
        order = self._find(inverse(status.params, received))
        if order is None:
            return self._not_found(status.not_found_example, "Order does not exist.")
        payload = copy.deepcopy(status.example_response)
        self.sandbox.write_order(payload, status, order)
        return payload

    def _fills(self, received) -> Any:
        fills = self.spec.orders.fills
        values = inverse(fills.params, received)
        bulk = fills.bulk
        if bulk is not None and bulk.since_param in received:
            # The account's fills since a time (orders.fills.bulk), of every order.
            since = float(received[bulk.since_param]) / payloads.UNITS_PER_SECOND.get(bulk.since_unit, 1)
            rows = [row for order in self.sandbox.engine.orders.values()
                    for row in self.sandbox.fill_rows(fills, order, since)]
        elif "exchange_order_id" in values or "client_order_id" in values:
            order = self._find(values)
            rows = self.sandbox.fill_rows(fills, order) if order else []
        else:
            # Requested by pair (Gemini's trades of a symbol): the fills of every order of the pair.
            market = self._market(values)
            rows = [row for order in self.sandbox.engine.orders.values() if order.market is market
                    for row in self.sandbox.fill_rows(fills, order)]
        if not rows:
            payload = copy.deepcopy(fills.example_response)
            fieldpath.read(payload, fills.rows)[:] = []
            return payload
        return payloads.with_rows(fills.example_response, fills.rows, rows)

    def _trading_fees(self, received) -> Any:
        """The account's rates for the markets named (or every market): the rate the engine charges."""
        fees = self.spec.trading_fees
        named = set()
        for key, text in fees.params.items():
            if key in received and "{symbols}" in text:
                named |= set(str(received[key]).split(","))
            elif key in received and "{symbol}" in text:
                named.add(str(received[key]))
        example = self.spec.endpoints[fees.endpoint].example_response
        rows = [{fees.symbol: market.symbol, fees.maker: payloads.text(FEE_RATE), fees.taker: payloads.text(FEE_RATE)}
                for market in self.sandbox.engine.markets.values() if not named or market.symbol in named]
        return payloads.with_rows(example, fees.rows, rows)

    def _open_orders(self, received) -> Any:
        example = self.spec.endpoints[self.spec.orders.open_orders.endpoint].example_response
        return copy.deepcopy(example) if example is not None else []
