"""Values for the exchange's identity, endpoints, rate limits and markets (symbols, rules, prices)."""

from __future__ import annotations

from typing import Any, Dict, List

from scaffolder.pysource import condition, decimal, literal, read
from scaffolder.spec import fieldpath
from scaffolder.spec.model import Spec
from scaffolder.context.requests import request


def _rate_limits(spec: Spec) -> List[Dict[str, Any]]:
    default = spec.rate_limits.endpoint_default
    limits = []
    for endpoint in spec.endpoints.values():
        limit = endpoint.limit or default
        limits.append(
            {
                "constant": endpoint.constant,
                "limit": limit.limit,
                "interval": literal(limit.interval),
                "weights": [(pool, weight) for pool, weight in endpoint.weights.items()],
            }
        )
    return limits


def add(spec: Spec, v: Dict[str, Any]) -> None:
    endpoints = spec.endpoints
    markets = spec.markets
    v["endpoints"] = [(endpoint.constant, endpoint.path) for endpoint in endpoints.values()]
    v["pools"] = spec.rate_limits.pools
    v["rate_limits"] = _rate_limits(spec)
    v["credentials"] = spec.credentials
    v["credential_args"] = [f"{spec.exchange.name}_{credential.name}" for credential in spec.credentials]

    symbols = markets.symbols
    v["symbols_constant"] = endpoints[symbols.endpoint].constant
    v["symbol_rows"] = read(symbols.rows, "exchange_info")
    v["rule_rows"] = read(symbols.rows, "exchange_info_dict")
    v["symbol_source"] = read(symbols.symbol, "symbol_data")
    v["symbol_base"] = read(symbols.base, "symbol_data")
    v["symbol_quote"] = read(symbols.quote, "symbol_data")
    v["validity_conditions"] = [condition(p, "exchange_info", safe=True) for p in symbols.valid_when]
    rules = markets.trading_rules
    rule_row = fieldpath.first_row(endpoints[symbols.endpoint].example_response, symbols.rows)
    v["trading_rules_constant"] = endpoints[rules.endpoint].constant
    v["rule_symbol"] = read(symbols.symbol, "rule")
    v["rule_fields"] = [
        (field_name, decimal(getattr(rules, field_name), "rule", rule_row))
        for field_name in ("min_order_size", "min_price_increment", "min_base_amount_increment", "min_notional_size")
        if getattr(rules, field_name)
    ]
    v["check_network_constant"] = endpoints[markets.check_network].constant
    price = markets.last_traded_price
    v["last_price"] = request(spec, price.endpoint, "GET", price.params, {"symbol": "symbol"})
    v["last_price_source"] = read(price.price, "ticker")
    snapshot = markets.order_book_snapshot
    v["snapshot"] = request(spec, snapshot.endpoint, "GET", snapshot.params, {"symbol": "symbol"})
    v["snapshot_fields"] = {
        "update_id": read(snapshot.update_id, "msg"),
        "bids": read(snapshot.bids, "msg"),
        "asks": read(snapshot.asks, "msg"),
    }
