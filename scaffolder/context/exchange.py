"""Values for the exchange's identity, endpoints, rate limits and markets (symbols, rules, prices)."""

from __future__ import annotations

from typing import Any, Dict, List
from urllib.parse import urlsplit

from scaffolder.pysource import condition, fstring, literal, read, rows_source
from scaffolder.spec import fieldpath
from scaffolder.spec.model import RULE_NAMES, RuleValue, Spec, nested_lists
from scaffolder.context.requests import request


def _bulk_last_prices(spec: Spec) -> Dict[str, Any]:
    """`markets.last_traded_price.bulk`: every ticker in one request, kept for the requested pairs."""
    bulk = spec.markets.last_traded_price.bulk
    example = spec.endpoints[bulk.endpoint].example_response
    symbol_format = spec.markets.symbols.format
    # A pair the symbol map does not list is looked up under the symbol the exchange's format writes.
    separator = symbol_format.separator
    formatted = "pair" if separator == "-" else f"pair.replace({literal('-')}, {literal(separator)})"
    if symbol_format.case == "lower":
        formatted += ".lower()"
    return {
        "request": request(spec, bulk.endpoint, "GET", bulk.params, {}),
        "rows": rows_source(example, bulk.rows, "response"),
        "symbol": read(bulk.symbol, "ticker"),
        "price": read(bulk.price, "ticker"),
        "formatted_symbol": formatted,
    }


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _rate_limits(spec: Spec) -> List[Dict[str, Any]]:
    default = spec.rate_limits.endpoint_default
    limits = []
    for endpoint in spec.endpoints.values():
        limit = endpoint.limit or default
        limits.append(
            {
                "constant": endpoint.rate_limit_id,
                "limit": limit.limit,
                "interval": literal(limit.interval),
                "weights": [(pool, weight) for pool, weight in endpoint.weights.items()],
            }
        )
    return limits


def _rule_source(rule: RuleValue, variable: str, example_row: Any) -> str:
    """`Decimal(...)` of a trading rule: a count of decimals becomes 10^-N, text with a unit ("20.0 USD") the number
    before it, an absent field its default."""
    source = read(rule.path, variable)
    if rule.default is not None:
        steps = fieldpath.parse(rule.path)
        parent = rule.path[: -len(steps[-1].name)].rstrip(".")
        source = f"{read(parent, variable)}.get({literal(steps[-1].name)}, {literal(str(rule.default))})"
    if rule.decimals:
        return f"Decimal(10) ** -int({source})"
    if rule.unit:
        return f"Decimal({source}.split()[0])"
    if isinstance(fieldpath.read(example_row, rule.path), str):
        return f"Decimal({source})"
    return f"Decimal(str({source}))"


# The URLs a domain may have of its own: the constant mapping those domains to them, and its comment.
DOMAIN_URLS = {
    "rest": ("REST_URLS", "REST base URLs"),
    "public_ws": ("WSS_URLS", "public websocket URLs"),
    "private_ws": ("WSS_PRIVATE_URLS", "private websocket URLs"),
}
DEFAULT_URL_CONSTANTS = {"rest": "REST_URL", "public_ws": "WSS_URL", "private_ws": "WSS_PRIVATE_URL"}


def _url_source(url: str) -> str:
    """A base URL, or the same path on the local host named by the connector's API host variable when it is set."""
    parts = urlsplit(url)
    local_scheme = "http" if parts.scheme.startswith("http") else "ws"
    if "{" in parts.path:  # the path keeps its own placeholders ({listen_key}) for the connector to format
        local = f"{literal(local_scheme + '://')} + LOCAL_API_HOST + {literal(parts.path)}"
    else:
        local = fstring(f"{local_scheme}://{{host}}{parts.path}", {"host": "LOCAL_API_HOST"})
    return f"{local} if LOCAL_API_HOST else {literal(url)}"


def api_host_env(spec: Spec) -> str:
    """The environment variable that points a generated connector at another host (`hbgen sandbox`)."""
    return f"{spec.exchange.name.upper()}_API_HOST"


def hb_asset(spec: Spec, source: str) -> str:
    """Hummingbot's name for the asset `source` reads: the exchange's name, or its `markets.asset_aliases` entry."""
    if not spec.markets.asset_aliases:
        return source
    return f"CONSTANTS.ASSET_ALIASES.get({source}, {source})"


def _absent(path: str, variable: str) -> str:
    """Python source testing that the key path `path` is absent from `variable` (a dict)."""
    steps = fieldpath.parse(path)
    parent = variable
    for step in steps[:-1]:
        parent = f"{parent}.get({literal(step.name)}, {{}})"
    return f"{literal(steps[-1].name)} not in {parent}"


def _prerequisite(spec: Spec, name: str, prerequisite: Any) -> Dict[str, Any]:
    """A prerequisite's request, the value kept from its response (mapped by `values`), and where it is kept: its
    own attribute, or the `_prerequisites` dict."""
    value = read(prerequisite.value, "response")
    if prerequisite.values is not None:
        mapping = literal(dict(prerequisite.values))
        value = (
            f"{mapping}[str({value})]"
            if prerequisite.default is None
            else f"{mapping}.get(str({value}), {literal(prerequisite.default)})"
        )
    attribute = prerequisite.attribute
    return {
        "name": name,
        "request": request(spec, prerequisite.endpoint, "GET", {}, {}),
        "value": value,
        "attribute": attribute,
        "kept": f"self.{attribute}" if attribute else f"self._prerequisites[{literal(name)}]",
        "missing": f"self.{attribute} is None" if attribute else f"{literal(name)} not in self._prerequisites",
        "method": prerequisite.method,
    }


def add(spec: Spec, v: Dict[str, Any]) -> None:
    endpoints = spec.endpoints
    v["api_host_env"] = api_host_env(spec)
    urls = spec.urls
    positional = urls.domain_format == "positional"
    v["url_sources"] = {
        name: _url_source(getattr(urls, name).replace("{domain}", "{}") if positional else getattr(urls, name))
        for name in ("rest", "public_ws", "private_ws")
        if getattr(urls, name) is not None  # (no private_ws without a private websocket)
    }
    # The URL constants' .format(...) argument naming the domain: `domain=domain`, or `domain` (positional).
    v["domain_keyword"] = "" if positional else "domain="
    # Domains with URLs of their own (`exchange.domains.others.*.urls`): per URL, the constant mapping them to it
    # (none under the local host of `hbgen sandbox`), and how the connector picks a domain's URL.
    own = {domain: other.urls for domain, other in spec.exchange.domains.others.items() if other.urls is not None}
    v["domain_urls"] = None
    v["url_of_domain"] = {name: f"CONSTANTS.{spec.constant(DEFAULT_URL_CONSTANTS[name])}" for name in DOMAIN_URLS}
    if own:
        v["domain_urls"] = []
        for name, (constant, comment) in DOMAIN_URLS.items():
            values = {domain: getattr(urls, name) for domain, urls in own.items() if getattr(urls, name) is not None}
            if values:
                v["domain_urls"].append((constant, f"{{}} if LOCAL_API_HOST else {literal(values)}", comment))
                default = f"CONSTANTS.{spec.constant(DEFAULT_URL_CONSTANTS[name])}"
                v["url_of_domain"][name] = f"CONSTANTS.{constant}.get(DOMAIN, {default})"
    # Connector names by domain, for the exchange's `name` when a domain names its connector itself.
    v["domain_connector_names"] = (
        literal({domain: spec.connector_name(domain) for domain in spec.exchange.domains.others})
        if any(other.connector for other in spec.exchange.domains.others.values())
        else None
    )
    v["domain_connectors"] = [
        (domain, settings, spec.connector_name(domain), camel(spec.connector_name(domain)) + "ConfigMap")
        for domain, settings in spec.exchange.domains.others.items()
    ]
    v["api_version"] = urls.api_version
    markets = spec.markets
    # Relative paths: the constants leave out the leading "/", which rest_url puts between base URL and path.
    relative = urls.relative_paths
    v["path_separator"] = "/" if relative else ""
    v["endpoints"] = [
        (endpoint.constant, endpoint.path[1:] if relative else endpoint.path) for endpoint in endpoints.values()
    ]
    v["endpoint_limit_ids"] = [endpoint.limit_id for endpoint in endpoints.values() if endpoint.limit_id]
    v["pools"] = spec.rate_limits.pools
    v["rate_limits"] = _rate_limits(spec)
    v["linked_limits"] = any(limit["weights"] for limit in v["rate_limits"])
    v["credentials"] = spec.credentials
    v["config_map_class"] = spec.exchange.config_map_class or f"{camel(spec.exchange.name)}ConfigMap"
    v["credential_args"] = [credential.config_field(spec.exchange.name) for credential in spec.credentials]

    symbols = markets.symbols
    v["symbols_constant"] = endpoints[symbols.endpoint].constant
    symbols_example = endpoints[symbols.endpoint].example_response
    v["symbol_rows"] = rows_source(symbols_example, symbols.rows, "exchange_info")
    v["rule_rows"] = rows_source(symbols_example, symbols.rows, "exchange_info_dict")
    v["symbol_source"] = read(symbols.symbol, "symbol_data")
    v["asset_aliases"] = literal(markets.asset_aliases) if markets.asset_aliases else None
    if symbols.pair is not None:
        v["symbol_pair"] = f"{read(symbols.pair.field, 'symbol_data')}.split({literal(symbols.pair.separator)})"
        base, quote = "base", "quote"
    else:
        v["symbol_pair"] = None
        base, quote = read(symbols.base, "symbol_data"), read(symbols.quote, "symbol_data")
    v["symbol_base"] = hb_asset(spec, base)
    v["symbol_quote"] = hb_asset(spec, quote)
    symbol_row = fieldpath.first_row(endpoints[symbols.endpoint].example_response, symbols.rows)
    v["validity_conditions"] = [
        condition(p, "exchange_info", safe=True, nested=nested_lists(fieldpath.documented(symbol_row, p.field)))
        for p in symbols.valid_when
    ]
    rules = markets.trading_rules
    rule_row = fieldpath.first_row(endpoints[symbols.endpoint].example_response, symbols.rows)
    v["trading_rules_constant"] = endpoints[rules.endpoint].constant
    v["rule_symbol"] = read(symbols.symbol, "rule")
    v["rule_fields"] = [
        (name, _rule_source(rules.rule(name), "rule", rule_row)) for name in RULE_NAMES if rules.rule(name)
    ]
    # prerequisites: each value's method, requesting it once.
    v["prerequisites"] = [_prerequisite(spec, name, prerequisite) for name, prerequisite in spec.prerequisites.items()]
    v["prerequisites_in_dict"] = any(prerequisite.attribute is None for prerequisite in spec.prerequisites.values())
    v["symbols_params"] = [(key, literal(value)) for key, value in symbols.params.items()]
    v["check_network_constant"] = endpoints[markets.check_network].constant
    errors = spec.response_errors
    v["response_success"] = condition(errors.success, "response", safe=True) if errors else None
    if errors and errors.absent_field == "success":
        # Every documented error body carries the field: a body without it is no error.
        v["response_success"] = f"{_absent(errors.success.field, 'response')} or {v['response_success']}"
    if errors and any(isinstance(endpoint.example_response, list) for endpoint in endpoints.values()):
        # Error bodies are objects; a list is a successful answer (Gate.io's tickers) and has no code to test.
        v["response_success"] = f"not isinstance(response, dict) or {v['response_success']}"
    price = markets.last_traded_price
    v["last_price"] = request(spec, price.endpoint, "GET", price.params, {"symbol": "symbol"})
    v["last_price_source"] = read(price.price, "ticker")
    v["bulk_last_prices"] = _bulk_last_prices(spec) if price.bulk else None
