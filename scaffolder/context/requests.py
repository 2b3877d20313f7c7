"""A REST call the generated connector makes: endpoint path, rate-limit id, method and parameter expressions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional

from scaffolder.pysource import path_source, template_string
from scaffolder.spec.model import Spec


@dataclass
class RequestParam:
    key: str
    source: str
    # None: always sent; "price": not for MARKET orders; "time_in_force": only for types that define one.
    only_when: Optional[str] = None


@dataclass
class Request:
    constant: str
    method: str  # GET, POST, PUT, DELETE
    params: List[RequestParam]
    # Where the parameters travel: "params" (query string) or "data" (body).
    params_argument: str
    # The path_url argument: the path constant, formatted when the path is a template.
    path: str = ""
    # The limit_id argument (a constant of NAME_constants.py), for endpoints whose limit id is not their path.
    limit_id: Optional[str] = None
    needs_exchange_order_id: bool = False
    needs_symbol: bool = False


def sends_body(method: str, params_in: Optional[str] = None) -> bool:
    """Whether a request's parameters travel in its body: POST and PUT, or as `params_in` says."""
    return params_in == "body" if params_in else method in ("POST", "PUT")


def client_id_as_integer(spec: Spec, method: str, params_in: Optional[str] = None) -> bool:
    """Whether a request sends a numeric client order id (`orders.client_order_id.numeric_bits`) as a JSON integer:
    where its parameters are JSON (a JSON body, or the signed payload header). In a query or a form the id is
    text either way, as Hummingbot keys orders."""
    if spec.orders.client_order_id.numeric_bits is None:
        return False
    rest = spec.auth.rest
    return rest.payload is not None or (rest.body == "json" and sends_body(method, params_in))


def prerequisite_values(spec: Spec) -> Dict[str, str]:
    """Each prerequisite's value (`prerequisites`), requested once by its own method: `await
    self._prerequisite_account_id()`."""
    return {name: f"await self._prerequisite_{name}()" for name in spec.prerequisites}


def request(
    spec: Spec,
    endpoint: str,
    method: str,
    params: Dict[str, str],
    values: Dict[str, str],
    params_in: Optional[str] = None,
) -> Request:
    """A request to `endpoint`; its parameters travel in the body for POST and PUT, in the query otherwise, unless
    `params_in` says ("body": a DELETE with a body)."""
    # The prerequisites' values, in any request the connector makes (validation says where they may be used).
    values = {**prerequisite_values(spec), **values}
    embedded = {name: f"str({source})" for name, source in prerequisite_values(spec).items()}
    param_list = []
    for key, text in params.items():
        only_when = None
        if "{price}" in text:
            only_when = "price"
        elif "{time_in_force}" in text:
            only_when = "time_in_force"
        source = template_string(text, values, embedded)
        if text == "{client_order_id}" and client_id_as_integer(spec, method, params_in):
            source = f"int({source})"
        param_list.append(RequestParam(key=key, source=source, only_when=only_when))
    definition = spec.endpoints[endpoint]
    texts = list(params.values()) + ["{" + value + "}" for _, value in definition.path_values]
    return Request(
        constant=definition.constant,
        method=method,
        params=param_list,
        params_argument="data" if sends_body(method, params_in) else "params",
        path=path_source(definition, values),
        limit_id=f"CONSTANTS.{definition.limit_id}" if definition.limit_id else None,
        needs_exchange_order_id=any("{exchange_order_id}" in text for text in texts),
        needs_symbol=any("{symbol}" in text for text in texts),
    )
