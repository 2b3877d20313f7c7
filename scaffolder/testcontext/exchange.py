"""Values for the generated exchange test: hook fixtures built from documented examples, and expected values.

Test values are injected into the documented payloads at the fields the spec maps, with the JSON type the
exchange documents (a field documented as a number gets a number). Expected values are written as literals
taken from the spec, never read back from the generated connector.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any, Dict, List
from urllib.parse import urlencode

from scaffolder import keys
from scaffolder.fixtures import fixture
from scaffolder.pysource import literal, path_source, read, template_string
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec, nested_lists, with_unit
from scaffolder.spec.validate import placeholders
from scaffolder.testcontext import auth as auth_tests
from scaffolder.testcontext import orders as order_tests
from scaffolder.testcontext.balances import balance_row_groups, balance_rows
from scaffolder.testcontext.common import (
    PREREQUISITE_SERVED,
    kept_prerequisite_attributes,
    kept_prerequisites,
    payload_params,
    prerequisite_test_values,
    prerequisite_value,
    satisfying,
    typed,
    violating,
)

# Fixed values the generated test injects and expects back.
TRADING_RULE = {
    "min_order_size": "0.01",
    "min_price_increment": "0.0001",
    "min_base_amount_increment": "0.000001",
    "min_notional_size": "10",
    "min_order_value": "5",
    "max_order_size": "9000",
    "min_quote_amount_increment": "0.00001",
}


def _other_choices(matches: List[Any], example: Any) -> List[str]:
    """The documented error's text with the choice it contains (one of a list of error_matches) replaced by each
    other choice of that list: errors the connector must recognise as well (BitMart's 30008 beside 30007)."""
    if example is None:
        return []
    text = json.dumps(example)
    bodies = []
    for match in matches:
        if isinstance(match, list):
            present = next(option for option in match if option in text)
            bodies += [literal(json.loads(text.replace(present, option))) for option in match if option != present]
    return bodies


def _joined(base: str, separator: str, quote: str) -> str:
    """Python source of base and quote (expressions) written in one field with `separator`."""
    return f"{base} + {literal(separator)} + {quote}"


def _trading_fees(spec: Spec) -> Any:
    """The fee rows served to `_update_trading_fees`: the test pair's own rates, and a pair the connector lacks."""
    fees = spec.trading_fees
    if fees is None:
        return None
    example = spec.endpoints[fees.endpoint].example_response
    row = fieldpath.first_row(example, fees.rows) if fees.rows else example[0]

    def rates(symbol: str, maker: str, taker: str) -> Dict[str, str]:
        return {
            fees.symbol: symbol,
            fees.maker: typed(row, fees.maker, literal(maker)),
            fees.taker: typed(row, fees.taker, literal(taker)),
        }

    used = {name for text in fees.params.values() for name in placeholders(text)}
    symbol = "self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset)"
    own_rates = rates(symbol, "0.0002", "0.0007")
    return {
        # The pair's row, kept as the exchange sends it (a list row: rows of a map arrive as entries).
        "kept_row": None if fees.rows and fieldpath.is_map(example, fees.rows) else fixture(row, own_rates),
        "response": fixture(
            example,
            rows=fees.rows,
            row_replacements=[
                own_rates,
                rates(literal("NOT-TRADED"), "0.5", "0.5"),
            ],
        ),
        "method": fees.method.lower(),
        "params_argument": "data" if fees.method in ("POST", "PUT") else "params",
        # The request's parameters for the test pair alone.
        "params": "{"
        + ", ".join(
            f"{literal(key)}: {template_string(text, {'symbols': symbol, 'symbol': symbol})}"
            for key, text in fees.params.items()
        )
        + "}",
        "batch_size": fees.batch_size if "symbols" in used else None,
        "batch_param": next((key for key, text in fees.params.items() if "symbols" in placeholders(text)), None),
    }


def values(spec: Spec) -> Dict[str, Any]:
    endpoints = spec.endpoints
    markets = spec.markets
    symbols = markets.symbols
    fmt = symbols.format
    v: Dict[str, Any] = {}

    joined = f"base_token + {literal(fmt.separator)} + quote_token" if fmt.separator else "base_token + quote_token"
    v["exchange_symbol_source"] = f"({joined}).{fmt.case}()"
    v["credential_values"] = [
        (c.name, keys.credential_literal(keys.credential_text(spec, c.name, f"test-{c.name}"))) for c in spec.credentials
    ]
    v["credential_imports"] = keys.credential_imports(spec)
    v["secret"] = spec.auth.rest.secret
    v["signature_base64"] = spec.auth.rest.encoding == "base64"

    # --- symbols and trading rules -------------------------------------------------------------------------------
    info_example = endpoints[symbols.endpoint].example_response
    row_example = fieldpath.first_row(info_example, symbols.rows)
    nested = {p.field: nested_lists(fieldpath.documented(row_example, p.field)) for p in symbols.valid_when}
    pair_fields = {
        symbols.symbol: "self.exchange_symbol_for_tokens(self.base_asset, self.quote_asset)",
        **symbols.asset_fields("self.base_asset", "self.quote_asset", _joined),
    }
    # A `truthy: true` condition on a field the test fills with the pair (Kraken's wsname: a row without one is no
    # pair) holds with the pair's text, which it must not overwrite.
    valid_fields = {
        p.field: satisfying(p, nested[p.field])
        for p in symbols.valid_when
        if not (p.field in pair_fields and p.truthy is True)
    }
    v["all_symbols_response"] = fixture(
        info_example, rows=symbols.rows, row_replacements=[{**pair_fields, **valid_fields}]
    )
    invalid_fields = dict(valid_fields)
    if symbols.valid_when:
        first = symbols.valid_when[0]
        invalid_fields[first.field] = violating(first, nested[first.field])
    v["has_validity_filter"] = bool(symbols.valid_when)
    v["invalid_pair_response"] = fixture(
        info_example,
        rows=symbols.rows,
        row_replacements=[
            {**pair_fields, **valid_fields},
            {
                symbols.symbol: 'self.exchange_symbol_for_tokens("INVALID", "PAIR")',
                **symbols.asset_fields('"INVALID"', '"PAIR"', _joined),
                **invalid_fields,
            },
        ],
    )
    rules = markets.trading_rules
    rule_values = {}
    # Rules read from one field (an exchange whose minimum size is also the size step) expect the first one's value.
    expected_rules: Dict[str, str] = {}
    first_by_field: Dict[Any, str] = {}
    for name, value in TRADING_RULE.items():
        rule = rules.rule(name)
        if rule is None:
            continue
        value = first_by_field.setdefault((rule.path, rule.decimals), value)
        expected_rules[name] = value
        if rule.decimals:
            # The exchange sends a count of decimals: 4 for an increment of 0.0001.
            places = str(-Decimal(value).as_tuple().exponent)
            rule_values[rule.path] = typed(row_example, rule.path, literal(places), places)
        elif rule.unit:
            # The exchange writes the number with its unit: "10 USD".
            rule_values[rule.path] = literal(with_unit(value, fieldpath.documented(row_example, rule.path)))
        else:
            rule_values[rule.path] = typed(row_example, rule.path, literal(value), literal(float(value)))
    v["trading_rules_response"] = fixture(
        info_example, rows=symbols.rows, row_replacements=[{**pair_fields, **valid_fields, **rule_values}]
    )
    # An erroneous rule: a valid pair whose row lacks the fields the rules are read from, so parsing must fail
    # (fields with a default are read leniently and stay).
    rule_keys = sorted(
        {
            fieldpath.top_key(rules.rule(name).path)
            for name in TRADING_RULE
            if rules.rule(name) and rules.rule(name).default is None
        }
    )
    v["erroneous_rules_response"] = fixture(
        info_example,
        rows=symbols.rows,
        row_replacements=[{**pair_fields, **valid_fields}],
        row_removals=rule_keys,
    )
    erroneous_rows = read(symbols.rows, "self.trading_rules_request_erroneous_mock_response")
    if fieldpath.is_map(info_example, symbols.rows):
        # The connector logs the row it could not parse: a map's (key, value) entry.
        v["erroneous_rule_source"] = f"next(iter({erroneous_rows}.items()))"
    else:
        v["erroneous_rule_source"] = erroneous_rows + "[0]"
    v["expected_rule"] = [(name, literal(value)) for name, value in expected_rules.items()]
    v["symbols_query"] = literal("?" + urlencode(symbols.params)) if symbols.params else None

    price = markets.last_traded_price
    price_example = endpoints[price.endpoint].example_response
    v["last_price_path"] = path_source(endpoints[price.endpoint], {"symbol": "self.exchange_trading_pair"})
    v["latest_prices_response"] = fixture(
        price_example,
        {
            price.price: typed(
                price_example, price.price, "str(self.expected_latest_price)", "self.expected_latest_price"
            )
        },
    )
    v["network_status_response"] = literal(endpoints[markets.check_network].example_response)
    errors = spec.response_errors
    v["response_error_body"] = literal(errors.example) if errors else None
    v["trading_fees"] = _trading_fees(spec)
    # The maker and taker fees of a pair without account rates: the spec's defaults, as fractions (exchange.fees).
    v["default_fee_rates"] = [literal(str(spec.exchange.fees.maker_percent)), literal(str(spec.exchange.fees.taker_percent))]
    # orders.*.not_found_code: (detector, constant, code, documented body, the body with the code removed).
    v["not_found_codes"] = [
        (
            method,
            spec.constant(constant),
            literal(request_spec.not_found_code),
            literal(json.dumps(request_spec.not_found_example)),
            literal(json.dumps(request_spec.not_found_example).replace(request_spec.not_found_code, "")),
        )
        for request_spec, method, constant in (
            (spec.orders.cancel, "_is_order_not_found_during_cancelation_error", "ORDER_NOT_FOUND_ON_CANCEL_CODE"),
            (spec.orders.status, "_is_order_not_found_during_status_update_error", "ORDER_NOT_FOUND_ON_STATUS_CODE"),
        )
        if request_spec.not_found_code is not None and request_spec.not_found_example is not None
    ]
    v["response_without_success_field"] = None
    if errors and errors.absent_field == "success":
        # The network check's documented body without the success condition's field: no error.
        body = copy.deepcopy(endpoints[markets.check_network].example_response)
        *parents, last = [step.name for step in fieldpath.parse(errors.success.field)]
        holder = body
        for name in parents:
            holder = holder.get(name, {}) if isinstance(holder, dict) else {}
        if isinstance(holder, dict):
            holder.pop(last, None)
        v["response_without_success_field"] = literal(body)
    v["price_has_params"] = bool(price.params)

    order_tests.add(spec, v)

    # --- balances ------------------------------------------------------------------------------------------------
    balances = spec.balances
    balance_example = endpoints[balances.endpoint].example_response
    balance_row = fieldpath.first_row(balance_example, balances.rows)

    def balance_values(balance_spec: Any, row: Any, asset: str, available: str, total: str) -> Dict[str, str]:
        return balance_rows(balance_spec, row, [(asset, available, total)])[0]

    # The rows of each asset: one, or one per kind (balances.kinds).
    base_rows, quote_rows = balance_row_groups(
        balances, balance_row, [("self.base_asset", "10", "15"), ("self.quote_asset", "2000", "2000")]
    )
    v["balance_base_and_quote"] = fixture(
        balance_example, rows=balances.rows, row_replacements=[*base_rows, *quote_rows]
    )
    v["balance_only_base"] = fixture(balance_example, rows=balances.rows, row_replacements=base_rows)
    v["asset_alias"] = None
    if markets.asset_aliases:
        # The first alias: a row of the symbols and of the balances naming the base asset as the exchange does.
        alias, hb_name = next(iter(markets.asset_aliases.items()))
        aliased_pair = {
            symbols.symbol: f"self.exchange_symbol_for_tokens({literal(alias)}, self.quote_asset)",
            **symbols.asset_fields(literal(alias), "self.quote_asset", _joined),
            **valid_fields,
        }
        v["asset_alias"] = {
            "alias": literal(alias),
            "hb_name": literal(hb_name),
            # For the test's comment: names only (letters, digits, underscores), validated.
            "alias_text": alias if alias.replace("_", "").isalnum() else literal(alias),
            "hb_text": hb_name,
            "symbols_response": fixture(info_example, rows=symbols.rows, row_replacements=[aliased_pair]),
            "balance_response": fixture(
                balance_example,
                rows=balances.rows,
                row_replacements=balance_row_groups(balances, balance_row, [(literal(alias), "10", "15")])[0],
            ),
        }
    kept = prerequisite_test_values(spec)
    # The prerequisites: kept on the connector the tests create; their own test serves another value to read.
    v["prerequisites_kept"] = kept_prerequisites(spec)
    v["prerequisites_kept_attributes"] = kept_prerequisite_attributes(spec)
    v["prerequisites"] = []
    for index, (name, prerequisite) in enumerate(spec.prerequisites.items()):
        served = prerequisite_value(spec, name, PREREQUISITE_SERVED + index)
        expected = served
        example = endpoints[prerequisite.endpoint].example_response
        # A value the mapping does not list, kept as its default.
        unlisted = (
            (fixture(example, {prerequisite.value: served}), literal(prerequisite.default))
            if prerequisite.default is not None
            else None
        )
        if prerequisite.values is not None:
            # A value the mapping lists (typed as documented), and the value kept for it.
            listed = next(iter(prerequisite.values))
            documented = fieldpath.documented(endpoints[prerequisite.endpoint].example_response, prerequisite.value)
            served = literal(int(listed) if isinstance(documented, int) and listed.isdigit() else listed)
            expected = literal(prerequisite.values[listed])
        v["prerequisites"].append(
            {
                "name": name,
                "path": path_source(endpoints[prerequisite.endpoint], {}),
                "response": fixture(example, {prerequisite.value: served}),
                "served": expected,
                "forget": (
                    f"self.exchange.{prerequisite.attribute} = None"
                    if prerequisite.attribute
                    else "self.exchange._prerequisites.clear()"
                ),
                "method": prerequisite.method,
                "kept": f"self.exchange.{prerequisite.attribute}" if prerequisite.attribute else None,
                "unlisted": unlisted,
            }
        )
    v["balances_path"] = path_source(endpoints[balances.endpoint], kept)
    v["balance_params"] = [
        (literal(key), template_string(value, kept, {name: f"str({source})" for name, source in kept.items()}))
        for key, value in order_tests.sent_params(spec, balances.params).items()
    ]
    # A POST balances request carries its parameters in the body, as the auth sends it: the signed parameters
    # themselves (hmac_params, form), form text (hmac_headers), or JSON text.
    rest = spec.auth.rest
    v["balance_body_params"] = None
    # The signed payload's parameters, read back from its header (`auth.rest.payload`).
    v["balance_payload_params"] = payload_params(spec, "self._all_executed_requests(mock_api, url)[0]")
    v["payload_base64"] = rest.payload is not None and rest.payload.encoding != "hex"
    if balances.method == "POST" and v["balance_payload_params"] is None:
        if rest.body == "json":
            v["balance_body_params"] = "json.loads(data)"
        else:
            v["balance_body_params"] = "data"
    balance_event = spec.user_stream and spec.user_stream.balance_event
    if balance_event and balance_event.row is not None:
        event_row = fieldpath.read(balance_event.example, balance_event.row)
        event_values = balance_values(balance_event, event_row, "self.base_asset", "10", "15")
        prefix = f"{balance_event.row}." if balance_event.row else ""
        v["balance_event"] = fixture(
            balance_event.example,
            {
                spec.user_stream.route_field: literal(balance_event.route),
                **{prefix + path: source for path, source in event_values.items()},
            },
        )
    elif balance_event:
        event_row = fieldpath.first_row(balance_event.example, balance_event.rows)
        v["balance_event"] = fixture(
            balance_event.example,
            {spec.user_stream.route_field: literal(balance_event.route)},
            rows=balance_event.rows,
            row_replacements=[balance_values(balance_event, event_row, "self.base_asset", "10", "15")],
        )
    else:
        v["balance_event"] = None

    # --- time synchronizer ---------------------------------------------------------------------------------------
    time_sync = spec.auth.time_sync
    v["time_sync"] = time_sync is not None
    if time_sync:
        server_example = endpoints[time_sync.endpoint].example_response
        # 1640000003 s, in the unit and JSON type the documented example uses.
        server_time = literal(auth_tests.server_time_value(spec, 1640000003000))
        v["server_time_constant"] = endpoints[time_sync.endpoint].constant
        v["server_time_response"] = fixture(server_example, {time_sync.server_time: server_time})
        v["server_time_seconds"] = "1640000003"
        v["time_error_body"] = literal(time_sync.error_example) if time_sync.error_example is not None else None
        v["time_error_other_choices"] = _other_choices(time_sync.error_matches, time_sync.error_example)
        # With auth.time_sync.error_code: the documented body with the code removed is not a clock error.
        v["time_error_code"] = literal(time_sync.error_code) if time_sync.error_code is not None else None
        v["time_error_without_code"] = (
            literal(json.dumps(time_sync.error_example).replace(time_sync.error_code, ""))
            if time_sync.error_code is not None and time_sync.error_example is not None
            else None
        )

    v["other_domain"] = next(iter(spec.exchange.domains.others), None)
    v["other_domain_connector"] = spec.connector_name(v["other_domain"]) if v["other_domain"] else None
    return v
