"""Values for the generated exchange test: hook fixtures built from documented examples, and expected values.

Test values are injected into the documented payloads at the fields the spec maps, with the JSON type the
exchange documents (a field documented as a number gets a number). Expected values are written as literals
taken from the spec, never read back from the generated connector.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

from scaffolder.fixtures import fixture
from scaffolder.pysource import literal, read
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Predicate, Spec

# Fixed values the generated test injects and expects back.
TRADING_RULE = {
    "min_order_size": "0.01",
    "min_price_increment": "0.0001",
    "min_base_amount_increment": "0.000001",
    "min_notional_size": "10",
}
EVENT_TIME_SECONDS = 1640780000
EXPECTED_EXCHANGE_ORDER_ID = "28"
EXPECTED_FILL_TRADE_ID = "30000"


def typed(example: Any, path: str, source: str, number_source: Optional[str] = None) -> str:
    """`source` (a str expression) converted to the JSON type the example documents at `path`."""
    try:
        documented = fieldpath.read(example, path)
    except fieldpath.FieldPathError:
        return source
    if isinstance(documented, bool) or isinstance(documented, str) or documented is None:
        return source
    if isinstance(documented, int):
        return number_source or f"int({source})"
    if isinstance(documented, float):
        return number_source or f"float({source})"
    return source


def time_in_unit(unit: str) -> str:
    factor = {"s": 1, "ms": 1000, "us": 1_000_000, "ns": 1_000_000_000}[unit]
    return str(EVENT_TIME_SECONDS * factor)


def satisfying(predicate: Predicate) -> str:
    """A value for which the predicate holds."""
    if predicate.equals is not None:
        return literal(predicate.equals)
    if predicate.one_of is not None:
        return literal(predicate.one_of[0])
    return "True" if predicate.truthy else "False"


def violating(predicate: Predicate) -> str:
    """A value for which the predicate fails."""
    if predicate.equals is not None:
        if isinstance(predicate.equals, bool):
            return literal(not predicate.equals)
        if isinstance(predicate.equals, int):
            return literal(predicate.equals + 1)
        return literal(f"NOT_{predicate.equals}")
    if predicate.one_of is not None:
        return literal("NOT_" + "_".join(str(value) for value in predicate.one_of))
    return "False" if predicate.truthy else "True"


def _first_exchange_state(spec: Spec, state: str) -> str:
    return next(exchange for exchange, mapped in spec.orders.states.items() if mapped == state)


def _params_checks(params: Mapping[str, str], expected: Mapping[str, Tuple[str, bool]]) -> List[Tuple[str, str, bool]]:
    """(key, expected source, compare as Decimal) for each request parameter."""
    checks = []
    for key, text in params.items():
        names = [name for name in expected if "{" + name + "}" in text]
        if not names:
            checks.append((key, literal(text), False))
        elif text == "{" + names[0] + "}":
            source, as_decimal = expected[names[0]]
            checks.append((key, source, as_decimal))
    return checks


def _coalesced_client_id(paths: Any, source: str, canceled: bool) -> Dict[str, str]:
    """Client-id fields of an order event. With several paths (first non-empty wins), a new order carries the
    id in the last path only; a canceled order carries it in the first and a decoy in the others."""
    if isinstance(paths, str):
        return {paths: source}
    if canceled:
        return {paths[0]: source, **{path: literal("decoy-id") for path in paths[1:]}}
    return {**{path: literal("") for path in paths[:-1]}, paths[-1]: source}


def values(spec: Spec) -> Dict[str, Any]:
    endpoints = spec.endpoints
    markets = spec.markets
    orders = spec.orders
    symbols = markets.symbols
    fmt = symbols.format
    v: Dict[str, Any] = {}

    joined = f"base_token + {literal(fmt.separator)} + quote_token" if fmt.separator else "base_token + quote_token"
    v["exchange_symbol_source"] = f"({joined}).{fmt.case}()"
    v["credential_values"] = [(c.name, literal(f"test-{c.name}")) for c in spec.credentials]
    v["secret"] = spec.auth.rest.secret
    v["signature_base64"] = spec.auth.rest.encoding == "base64"

    # --- symbols and trading rules -------------------------------------------------------------------------------
    info_example = endpoints[symbols.endpoint].example_response
    row_example = fieldpath.first_row(info_example, symbols.rows)
    valid_fields = {p.field: satisfying(p) for p in symbols.valid_when}
    pair_fields = {
        symbols.symbol: "self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset)",
        symbols.base: "self.base_asset",
        symbols.quote: "self.quote_asset",
    }
    v["all_symbols_response"] = fixture(info_example, rows=symbols.rows, row_replacements=[{**pair_fields, **valid_fields}])
    invalid_fields = dict(valid_fields)
    if symbols.valid_when:
        invalid_fields[symbols.valid_when[0].field] = violating(symbols.valid_when[0])
    v["has_validity_filter"] = bool(symbols.valid_when)
    v["invalid_pair_response"] = fixture(
        info_example,
        rows=symbols.rows,
        row_replacements=[
            {**pair_fields, **valid_fields},
            {
                symbols.symbol: 'self.exchange_symbol_for_tokens("INVALID", "PAIR")',
                symbols.base: '"INVALID"',
                symbols.quote: '"PAIR"',
                **invalid_fields,
            },
        ],
    )
    rules = markets.trading_rules
    rule_values = {
        getattr(rules, name): typed(row_example, getattr(rules, name), literal(value), literal(float(value)))
        for name, value in TRADING_RULE.items()
        if getattr(rules, name)
    }
    v["trading_rules_response"] = fixture(
        info_example, rows=symbols.rows, row_replacements=[{**pair_fields, **valid_fields, **rule_values}]
    )
    # An erroneous rule: a valid pair whose row lacks the fields the rules are read from, so parsing must fail.
    rule_keys = sorted({fieldpath.parse(path)[0].name for path in rule_values})
    v["erroneous_rules_response"] = fixture(
        info_example,
        rows=symbols.rows,
        row_replacements=[{**pair_fields, **valid_fields}],
        row_removals=rule_keys,
    )
    v["erroneous_rule_source"] = read(symbols.rows, "self.trading_rules_request_erroneous_mock_response") + "[0]"
    v["expected_rule"] = [(name, literal(value)) for name, value in TRADING_RULE.items() if getattr(rules, name)]

    price = markets.last_traded_price
    price_example = endpoints[price.endpoint].example_response
    v["latest_prices_response"] = fixture(
        price_example, {price.price: typed(price_example, price.price, "str(self.expected_latest_price)", "self.expected_latest_price")}
    )
    v["network_status_response"] = literal(endpoints[markets.check_network].example_response)
    v["price_has_params"] = bool(price.params)

    # --- orders --------------------------------------------------------------------------------------------------
    create = orders.create
    create_example = create.example_response
    create_values = {create.exchange_order_id: typed(create_example, create.exchange_order_id, "self.expected_exchange_order_id")}
    if create.timestamp:
        create_values[create.timestamp.path] = time_in_unit(create.timestamp.unit)
    v["order_creation_response"] = fixture(create_example, create_values)
    v["expected_exchange_order_id"] = literal(EXPECTED_EXCHANGE_ORDER_ID)
    v["order_type_names"] = [(t, literal(orders.order_types[t].type)) for t in ("LIMIT", "LIMIT_MAKER", "MARKET") if t in orders.order_types]
    v["order_type_name"] = dict(v["order_type_names"])
    v["order_types"] = [t for t in ("LIMIT", "LIMIT_MAKER", "MARKET") if t in orders.order_types]
    limit_tif = orders.order_types["LIMIT"].time_in_force
    v["creation_checks"] = _params_checks(
        create.params,
        {
            "symbol": ("self.exchange_trading_pair", False),
            "side": (f"{literal(create.sides.BUY)} if order.trade_type == TradeType.BUY else {literal(create.sides.SELL)}", False),
            "type": ("self.expected_order_type_names[order.order_type]", False),
            "amount": ("order.amount", True),
            "price": ("order.price", True),
            "time_in_force": (literal(limit_tif), False),
            "client_order_id": ("order.client_order_id", False),
        },
    )
    v["create_params_argument"] = "data" if create.method in ("POST", "PUT") else "params"
    v["price_param"] = next((key for key, text in create.params.items() if "{price}" in text), None)
    v["time_in_force_param"] = next((key for key, text in create.params.items() if "{time_in_force}" in text), None)
    v["type_param"] = next((key for key, text in create.params.items() if "{type}" in text), None)
    v["tif_order_types"] = [t for t in v["order_types"] if orders.order_types[t].time_in_force]

    tracked_expected = {
        "symbol": ("self.exchange_trading_pair", False),
        "client_order_id": ("order.client_order_id", False),
        "exchange_order_id": ("order.exchange_order_id", False),
    }
    cancel = orders.cancel
    v["cancel_method"] = cancel.method.lower()
    v["cancel_constant"] = endpoints[cancel.endpoint].constant
    v["cancel_params_argument"] = "data" if cancel.method in ("POST", "PUT") else "params"
    v["cancel_checks"] = _params_checks(cancel.params, tracked_expected)
    v["cancel_response"] = fixture(cancel.example_response, {cancel.success.field: satisfying(cancel.success)})
    v["cancel_not_found_body"] = literal(cancel.not_found_example) if cancel.not_found_example is not None else None

    status = orders.status
    status_example = status.example_response
    v["status_method"] = status.method.lower()
    v["status_constant"] = endpoints[status.endpoint].constant
    v["status_params_argument"] = "data" if status.method in ("POST", "PUT") else "params"
    v["status_checks"] = _params_checks(status.params, tracked_expected)

    def status_response(state: str) -> str:
        return fixture(
            status_example,
            {
                status.state: literal(_first_exchange_state(spec, state)),
                status.client_order_id: "order.client_order_id",
                status.exchange_order_id: typed(status_example, status.exchange_order_id, "order.exchange_order_id"),
                status.timestamp.path: time_in_unit(status.timestamp.unit),
            },
        )

    v["status_responses"] = {state: status_response(state) for state in ("FILLED", "CANCELED", "OPEN", "PARTIALLY_FILLED")}
    v["has_failed_state"] = "FAILED" in orders.states.values()
    if v["has_failed_state"]:
        v["status_responses"]["FAILED"] = status_response("FAILED")
        v["failed_exchange_state"] = literal(_first_exchange_state(spec, "FAILED"))
    v["status_not_found_body"] = literal(status.not_found_example) if status.not_found_example is not None else None

    fills = orders.fills
    fills_example = fills.example_response
    fill_row = fieldpath.first_row(fills_example, fills.rows)
    v["fills_method"] = fills.method.lower()
    v["fills_constant"] = endpoints[fills.endpoint].constant
    v["fills_params_argument"] = "data" if fills.method in ("POST", "PUT") else "params"
    v["fills_checks"] = _params_checks(fills.params, tracked_expected)

    def fills_response(price_source: str, amount_source: str) -> str:
        row = {
            fills.trade_id: typed(fill_row, fills.trade_id, "self.expected_fill_trade_id"),
            fills.exchange_order_id: typed(fill_row, fills.exchange_order_id, "order.exchange_order_id"),
            fills.price: typed(fill_row, fills.price, f"str({price_source})"),
            fills.amount: typed(fill_row, fills.amount, f"str({amount_source})"),
            fills.fee_amount: typed(fill_row, fills.fee_amount, "str(self.expected_fill_fee.flat_fees[0].amount)"),
            fills.fee_asset: "self.expected_fill_fee.flat_fees[0].token",
            fills.timestamp.path: time_in_unit(fills.timestamp.unit),
        }
        if fills.quote_amount:
            row[fills.quote_amount] = typed(fill_row, fills.quote_amount, f"str({price_source} * {amount_source})")
        return fixture(fills_example, rows=fills.rows, row_replacements=[row])

    v["full_fill_response"] = fills_response("order.price", "order.amount")
    v["partial_fill_response"] = fills_response("self.expected_partial_fill_price", "self.expected_partial_fill_amount")
    v["fee_class"] = (
        "DeductedFromReturnsTradeFee" if spec.exchange.fees.buy_percent_fee_deducted_from_returns else "AddedToCostTradeFee"
    )
    v["expected_fill_trade_id"] = literal(EXPECTED_FILL_TRADE_ID)

    # --- balances ------------------------------------------------------------------------------------------------
    balances = spec.balances
    balance_example = endpoints[balances.endpoint].example_response
    balance_row = fieldpath.first_row(balance_example, balances.rows)

    def balance_values(balance_spec: Any, row: Any, asset: str, available: str, total: str) -> Dict[str, str]:
        values_ = {
            balance_spec.asset: asset,
            balance_spec.available: typed(row, balance_spec.available, literal(available)),
        }
        if balance_spec.total:
            values_[balance_spec.total] = typed(row, balance_spec.total, literal(total))
        else:
            locked = str(int(total) - int(available))
            values_[balance_spec.locked] = typed(row, balance_spec.locked, literal(locked))
        return values_

    base_row = balance_values(balances, balance_row, "self.base_asset", "10", "15")
    quote_row = balance_values(balances, balance_row, "self.quote_asset", "2000", "2000")
    v["balance_base_and_quote"] = fixture(balance_example, rows=balances.rows, row_replacements=[base_row, quote_row])
    v["balance_only_base"] = fixture(balance_example, rows=balances.rows, row_replacements=[base_row])
    v["balances_constant"] = endpoints[balances.endpoint].constant
    balance_event = spec.user_stream.balance_event
    if balance_event:
        event_row = fieldpath.first_row(balance_event.example, balance_event.rows)
        v["balance_event"] = fixture(
            balance_event.example,
            {spec.user_stream.route_field: literal(balance_event.route)},
            rows=balance_event.rows,
            row_replacements=[balance_values(balance_event, event_row, "self.base_asset", "10", "15")],
        )
    else:
        v["balance_event"] = None

    # --- user stream order events --------------------------------------------------------------------------------
    event = spec.user_stream.order_event
    event_example = event.example

    def order_event(state: str, canceled: bool = False, fill: Optional[Tuple[str, str]] = None) -> str:
        replacements = {
            spec.user_stream.route_field: literal(event.route),
            **_coalesced_client_id(event.client_order_id, "order.client_order_id", canceled),
            event.exchange_order_id: typed(event_example, event.exchange_order_id, "order.exchange_order_id"),
            event.state: literal(_first_exchange_state(spec, state)),
            event.timestamp.path: time_in_unit(event.timestamp.unit),
        }
        if event.fill:
            when = event.fill.when
            if fill:
                replacements[when.field] = satisfying(when)
                price_source, amount_source = fill
                replacements.update(
                    {
                        event.fill.trade_id: typed(event_example, event.fill.trade_id, "self.expected_fill_trade_id"),
                        event.fill.price: typed(event_example, event.fill.price, f"str({price_source})"),
                        event.fill.amount: typed(event_example, event.fill.amount, f"str({amount_source})"),
                        event.fill.fee_amount: typed(
                            event_example, event.fill.fee_amount, "str(self.expected_fill_fee.flat_fees[0].amount)"
                        ),
                        event.fill.fee_asset: "self.expected_fill_fee.flat_fees[0].token",
                        event.fill.timestamp.path: time_in_unit(event.fill.timestamp.unit),
                    }
                )
            else:
                replacements[when.field] = violating(when)
        return fixture(event_example, replacements)

    v["new_order_event"] = order_event("OPEN")
    v["canceled_order_event"] = order_event("CANCELED", canceled=True)
    v["full_fill_event"] = order_event("FILLED", fill=("order.price", "order.amount"))
    v["fill_in_order_event"] = event.fill is not None
    if v["has_failed_state"]:
        v["failed_order_event"] = order_event("FAILED")

    # --- time synchronizer ---------------------------------------------------------------------------------------
    time_sync = spec.auth.time_sync
    v["time_sync"] = time_sync is not None
    if time_sync:
        server_example = endpoints[time_sync.endpoint].example_response
        server_time = "1640000003000" if time_sync.unit == "ms" else "1640000003"
        v["server_time_constant"] = endpoints[time_sync.endpoint].constant
        v["server_time_response"] = fixture(server_example, {time_sync.server_time: server_time})
        v["server_time_seconds"] = "1640000003"
        v["time_error_body"] = literal(time_sync.error_example) if time_sync.error_example is not None else None

    v["other_domain"] = next(iter(spec.exchange.domains.others), None)
    return v

