"""Cross-field checks the schema alone cannot express: references, placeholders, field paths, examples."""

from __future__ import annotations

import difflib
import json
import keyword
import re
import string
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from scaffolder.spec import datetimes, expectations, fieldpath, routes
from scaffolder.spec.errors import Loc
from scaffolder.spec.model import (
    CONSTANT,
    FIXED_CONSTANTS,
    FirstOf,
    NAMED_CONSTANTS,
    PUBLIC_LOG_PLACEHOLDERS,
    RULE_NAMES,
    RuleValue,
    UNIT_TEXT,
    TIER_LIMITS_CONSTANT,
    Predicate,
    Spec,
    SumOf,
    SymbolCondition,
    TimeField,
    USER_STREAM_LOG_PLACEHOLDERS,
    all_of,
    contained,
    WsToken,
    is_identifier,
)

Problem = Tuple[Loc, str]
# Looks up an endpoint by name, reports an unknown one, and returns its example response.
EndpointRef = Callable[..., Any]

# Placeholders each request's parameters may use; generated code fills them in.
ORDER_PLACEHOLDERS = {"symbol", "side", "type", "amount", "price", "time_in_force", "client_order_id"}
TRACKED_ORDER_PLACEHOLDERS = {"symbol", "client_order_id", "exchange_order_id"}
MARKET_PLACEHOLDERS = {"symbol"}
URL_PLACEHOLDERS = {"domain"}
TOPIC_PLACEHOLDERS = {"symbol", "symbol_lower", "symbols"}
SUBSCRIBE_PLACEHOLDERS = {"topics", "topic", "route", "name", "request_id", "time", "time_ms"}
PING_PLACEHOLDERS = {"request_id", "time", "time_ms"}
# The placeholders of an hmac_params message: the request's method, host and path, and the parameters it signs.
PARAMS_MESSAGE_PLACEHOLDERS = {"method", "host", "path", "params"}
MESSAGE_PLACEHOLDERS = {
    "timestamp",
    "method",
    "path",
    "host",
    "query",
    "request_path",
    "body",
    "body_hash",
    "sorted_params",
    "content_type",
}
# auth.rest.jwt: what the token's claims may use besides the credentials ({method}, {host}, {path}: the request's).
JWT_CLAIM_PLACEHOLDERS = {"timestamp", "expires", "nonce", "method", "host", "path"}
# Options of auth.rest that belong to the HMAC schemes: a jwt spec that writes one is told it is unused.
HMAC_ONLY_OPTIONS = (
    "algorithm", "encoding", "secret_encoding", "nonce", "digest", "signature_param", "message", "message_separator",
    "sign_only_params", "body_hash", "recv_window", "recv_window_attribute", "partner", "params", "signature_method",
)
# auth.rest.signature_method: what a message signed from a request's parts (timestamp, method, payload) may use.
SIGNATURE_METHOD_PLACEHOLDERS = {"timestamp", "method", "query", "body", "recv_window"}
# Characters a client order id needs after its prefix to stay unique (Hummingbot appends a nonce-based suffix).
MIN_CLIENT_ID_ROOM = 8
# States Hummingbot must be able to reach from the exchange's state field.
REQUIRED_STATES = ("OPEN", "FILLED", "CANCELED")
# The functions NAME_utils.py may define besides the tiers' (rate_limits.tiers.function).
UTILS_FUNCTIONS = ("is_exchange_information_valid", "decompress_ws_message", "compress_ws_message",
                   "seconds_from_date_time")
# What an API key or secret looks like (Binance's documented key is 64 letters and digits).
CREDENTIAL_LIKE = re.compile(r"[A-Za-z0-9+/=_.-]{12,}")


def placeholders(text: str) -> List[str]:
    """The {name}s of a template, in order. A placeholder is a bare name: a format spec or a conversion
    (`{timestamp:>20}`, `{x!r}`) would format one value in the connector and another in its tests."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise fieldpath.FieldPathError(f"malformed placeholder in {text!r}: {error}") from None
    for _, name, format_spec, conversion in parsed:
        if name is not None and (format_spec or conversion):
            written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{format_spec}" if format_spec else "")
            raise fieldpath.FieldPathError(
                f"placeholders are plain names: write {{{name}}}, not {written + '}'} (no format spec or conversion)"
            )
    return [name for _, name, _, _ in parsed if name is not None]


def _check_rule_unit(problems: List[Problem], loc: Loc, rule: RuleValue, rows_example: Any) -> None:
    """A rule written with its unit ("20.0 USD") is text: a number, a space and a word, in the example too."""
    if rule.decimals:
        problems.append((loc + ("unit",), "a count of decimals (decimals: true) is no number written with a unit"))
        return
    documented = fieldpath.documented(rows_example, rule.path)
    if documented is not None and not (isinstance(documented, str) and UNIT_TEXT.fullmatch(documented)):
        problems.append(
            (loc + ("unit",), f"the example's value {documented!r} is not a number followed by a unit (\"20.0 USD\")")
        )


def _check_placeholders(problems: List[Problem], loc: Loc, text: str, allowed: set) -> None:
    try:
        names = placeholders(text)
    except fieldpath.FieldPathError as error:
        problems.append((loc, str(error)))
        return
    for name in names:
        if name not in allowed:
            close = difflib.get_close_matches(name, sorted(allowed), n=1)
            hint = f"; did you mean {{{close[0]}}}?" if close else ""
            problems.append(
                (loc, f"unknown placeholder {{{name}}}; expected one of {', '.join(sorted(allowed))}{hint}")
            )


def _check_logs(problems: List[Problem], loc: Loc, logs: Any, allowed: Dict[str, Tuple[str, ...]]) -> None:
    """`public_ws.logs`, `user_stream.logs`: each line given has words and only the placeholders its key allows."""
    for key, names in allowed.items():
        text = getattr(logs, key)
        if text is None:
            continue
        if not text.strip():
            problems.append((loc + (key,), "a log line needs words: leave the key out for Hummingbot's usual wording"))
            continue
        if names:
            _check_placeholders(problems, loc + (key,), text, set(names))
            continue
        try:
            found = placeholders(text)
        except fieldpath.FieldPathError as error:
            problems.append((loc + (key,), str(error)))
            continue
        if found:
            hint = "a literal brace is written {{"
            problems.append((loc + (key,), f"unknown placeholder {{{found[0]}}}: this line takes none ({hint})"))


def _walk_strings(value: Any, loc: Loc) -> Iterable[Tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_strings(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_strings(item, loc + (index,))


def _check_path(problems: List[Problem], loc: Loc, path: str, example: Any = None, where: Optional[str] = None):
    try:
        fieldpath.parse(path)
        if example is not None and path:
            fieldpath.read(example, path)
    except fieldpath.FieldPathError as error:
        suffix = f" ({where})" if where else ""
        problems.append((loc, f"{error}{suffix}"))


def _check_timestamp(problems: List[Problem], loc: Loc, path: str, example: Any) -> None:
    """A timestamp path: its documented value is a number, numeric text or date-time text (ISO 8601)."""
    _check_path(problems, loc, path, example)
    value = fieldpath.documented(example, path)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        if value is not None:
            problems.append((loc, f"a timestamp is a number or text, the example has {value!r}"))
        return
    if isinstance(value, str) and datetimes.seconds_of(value) is None:
        try:
            float(value)
        except ValueError:
            problems.append(
                (loc, f"expected a number, numeric text or an ISO 8601 date-time in the example, found {value!r}")
            )


def _check_predicate(problems: List[Problem], loc: Loc, predicate: Predicate, example: Any = None) -> None:
    """Exactly one test; a symbol condition's `contains` needs a field documented as a list."""
    lists = isinstance(predicate, SymbolCondition)
    names = ("equals", "one_of", "truthy", "contains") if lists else ("equals", "one_of", "truthy")
    given = [name for name in names if getattr(predicate, name) is not None]
    if len(given) != 1:
        problems.append((loc, f"a condition needs exactly one of {', '.join(names)}"))
    _check_path(problems, loc + ("field",), predicate.field, example)
    if contained(predicate) is not None and example is not None:
        if not isinstance(fieldpath.documented(example, predicate.field), list):
            problems.append((loc + ("contains",), "contains needs a field documented as a list (of values or lists)"))


def _check_error_example(problems: List[Problem], loc: Loc, matches: List[Any], example: Any) -> None:
    """The generated tests raise the documented error body; the matchers must recognise it. A matcher that is a
    list (time-sync matchers) is a choice: the body must contain one of its substrings."""
    if not matches:
        return
    matches_loc = loc[:-1] + ("error_matches",)
    for match in matches:
        if isinstance(match, list) and not match:
            problems.append((matches_loc, "an empty list of choices matches nothing; give at least one substring"))
    if example is None:
        problems.append((loc, "give the documented error body as an example: the generated tests send it"))
        return
    text = json.dumps(example)
    for match in matches:
        options = match if isinstance(match, list) else [match]
        if options and not any(option in text for option in options):
            shown = " or ".join(repr(option) for option in options)
            problems.append((loc, f"the error example does not contain {shown}, so the matcher would miss it"))


def cross_check(spec: Spec) -> List[Problem]:
    problems: List[Problem] = []
    endpoints = spec.endpoints

    def endpoint_ref(loc: Loc, name: str, needs_example: bool = False, fills: Iterable[str] = ()) -> Any:
        """`fills`: the path placeholders the connector knows where it calls the endpoint from `loc`."""
        if name not in endpoints:
            close = difflib.get_close_matches(name, list(endpoints), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"defined: {', '.join(sorted(endpoints))}"
            problems.append((loc, f"unknown endpoint {name!r}; {hint}"))
            return None
        _check_path_filled(problems, loc, name, endpoints[name], set(fills))
        example = endpoints[name].example_response
        if needs_example and example is None:
            problems.append(
                (loc, f"endpoint {name!r} needs an example_response: the generated tests are built from it")
            )
        return example

    streaming = _check_private_stream_presence(spec, problems)
    _check_exchange(spec, problems, endpoint_ref)
    _check_auth(spec, problems, endpoint_ref)
    _check_markets(spec, problems, endpoint_ref)
    _check_prerequisites(spec, problems, endpoint_ref)
    _check_orders(spec, problems, endpoint_ref)
    _check_balances(spec, problems, endpoint_ref)
    _check_trading_fees(spec, problems, endpoint_ref)
    _check_public_ws(spec, problems, endpoint_ref)
    if streaming:
        _check_user_stream(spec, problems, endpoint_ref)
    _check_extensions(spec, problems)
    problems.extend(expectations.check(spec))
    _check_constant_names(spec, problems)
    return problems


# Placeholders a prerequisite may not be named after: the values the requests using it fill in themselves.
REQUEST_PLACEHOLDERS = ORDER_PLACEHOLDERS | TRACKED_ORDER_PLACEHOLDERS | {"symbols", "symbol_lower"}


def _check_prerequisites(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`prerequisites`: each a name of its own, read from a documented value of an endpoint without placeholders."""
    for name, prerequisite in spec.prerequisites.items():
        loc = ("prerequisites", name)
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or keyword.iskeyword(name):
            problems.append((loc, f"{name!r}: a prerequisite's name is a lowercase identifier (account_id)"))
        elif name in REQUEST_PLACEHOLDERS:
            problems.append((loc, f"{{{name}}} is a value the requests fill in themselves: name it otherwise"))
        example = endpoint_ref(loc + ("endpoint",), prerequisite.endpoint, needs_example=True)
        if example is not None:
            _check_path(problems, loc + ("value",), prerequisite.value, example)
        if prerequisite.default is not None and prerequisite.values is None:
            problems.append((loc + ("default",), "a default stands for the values read that `values` does not list"))
        if prerequisite.values is not None and example is not None and prerequisite.default is None:
            documented = fieldpath.documented(example, prerequisite.value)  # (None: reported on `value`)
            if documented is not None and str(documented) not in prerequisite.values:
                problems.append(
                    (
                        loc + ("values",),
                        f"the documented value {documented!r} is not listed and there is no default to keep for it",
                    )
                )
        names = [prerequisite.attribute, prerequisite.method]
        for key, given in zip(("attribute", "method"), names):
            if given is not None and not re.fullmatch(r"_[a-z][a-z0-9_]*", given):
                problems.append((loc + (key,), f"{given!r}: a private identifier of the connector (_account_type)"))
        if None not in names and names[0] == names[1]:
            problems.append((loc + ("method",), "the method and the attribute need names of their own"))


def _check_private_stream_presence(spec: Spec, problems: List[Problem]) -> bool:
    """`user_stream: none` (no private websocket) goes without `urls.private_ws` and `auth.private_ws`; a private
    stream needs both. True when the spec describes a private stream completely (its own checks then apply)."""
    given = {("urls", "private_ws"): spec.urls.private_ws, ("auth", "private_ws"): spec.auth.private_ws}
    if not spec.has_private_stream:
        for loc, value in given.items():
            if value is not None:
                problems.append(
                    (loc, "user_stream: none says the exchange has no private websocket: leave this out")
                )
        return False
    for loc, value in given.items():
        if value is None:
            problems.append(
                (loc, "required with a user_stream (an exchange without a private websocket: user_stream: none)")
            )
    return None not in given.values()


def _check_constant_names(spec: Spec, problems: List[Problem]) -> None:
    """`constant_names`: known defaults renamed to distinct UPPER_CASE names that no endpoint or pool uses."""
    for default, name in spec.constant_names.items():
        loc = ("constant_names", default)
        if default not in NAMED_CONSTANTS:
            close = difflib.get_close_matches(default, NAMED_CONSTANTS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(NAMED_CONSTANTS)}"
            problems.append((loc, f"unknown constant {default!r}; {hint}"))
        elif not CONSTANT.fullmatch(name):
            problems.append((loc, f"expected an UPPER_CASE name, found {name!r}"))
    named = {name: "hbgen's own constants" for name in FIXED_CONSTANTS}
    if spec.rate_limits.tiers is not None:
        named[TIER_LIMITS_CONSTANT] = "the constant of the tiers' limits (rate_limits.tiers)"
    for default in NAMED_CONSTANTS:
        name = spec.constant(default)
        if name in named:
            problems.append((("constant_names", default), f"constant {name} is also the name of {named[name]}"))
        named[name] = f"constant_names.{default}" if default in spec.constant_names else "a constant hbgen writes"
    for pool_index, pool in enumerate(spec.rate_limits.pools):
        if pool.id in named:
            problems.append((("rate_limits", "pools", pool_index, "id"), f"{pool.id} is also {named[pool.id]}"))
    for endpoint_name, endpoint in spec.endpoints.items():
        for key in ("constant", "limit_id"):
            constant = getattr(endpoint, key)
            if constant in named:
                problems.append(
                    (("endpoints", endpoint_name, key), f"{constant} is also {named[constant]}: choose another name")
                )


def _check_exchange(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`exchange`, `urls`, `endpoints`, `rate_limits` and the client-id room."""
    endpoints = spec.endpoints
    pools = {pool.id for pool in spec.rate_limits.pools}
    for field in ("rest", "public_ws", "private_ws"):
        if getattr(spec.urls, field) is None:  # no private websocket (see _check_private_stream_presence)
            continue
        private_ws = spec.auth.private_ws
        listen_key = field == "private_ws" and private_ws is not None and private_ws.listen_key is not None
        allowed = URL_PLACEHOLDERS | ({"listen_key"} if listen_key else set())
        _check_placeholders(problems, ("urls", field), getattr(spec.urls, field), allowed)
    for domain in spec.exchange.domains.others:
        if not is_identifier(domain):
            problems.append(
                (
                    ("exchange", "domains", "others", domain),
                    f"domain names are lowercase identifiers (they name connectors), found {domain!r}",
                )
            )
    _check_domain_connectors_and_urls(spec, problems)
    client_id = spec.orders.client_order_id
    if client_id.numeric_bits is not None and client_id.prefix:
        problems.append(
            (
                ("orders", "client_order_id", "prefix"),
                f"numeric client order ids (numeric_bits: {client_id.numeric_bits}) have no prefix: remove it",
            )
        )
    elif client_id.numeric_bits is not None and client_id.pattern is not None:
        problems.append(
            (
                ("orders", "client_order_id", "pattern"),
                "numeric client order ids are unsigned integers below 2 ** numeric_bits: remove the pattern",
            )
        )
    elif client_id.max_length < len(client_id.prefix) + MIN_CLIENT_ID_ROOM:
        problems.append(
            (
                ("orders", "client_order_id", "max_length"),
                f"leaves fewer than {MIN_CLIENT_ID_ROOM} characters after the {len(client_id.prefix)}-character "
                "prefix: client order ids would not be unique",
            )
        )

    constants = {}
    limit_paths = {}
    for name, endpoint in endpoints.items():
        loc = ("endpoints", name)
        if endpoint.constant in constants:
            problems.append(
                (
                    loc + ("constant",),
                    f"constant {endpoint.constant} is also used by endpoint "
                    f"{constants[endpoint.constant]!r}; each endpoint needs its own rate limit id",
                )
            )
        constants[endpoint.constant] = name
        _check_endpoint_path(problems, loc, endpoint, spec.urls.rest_base(private=False).endswith("/"))
        if endpoint.limit_id is not None:
            if endpoint.limit_id in constants or endpoint.limit_id in pools:
                problems.append((loc + ("limit_id",), f"limit id {endpoint.limit_id} is already used"))
            constants[endpoint.limit_id] = name
        elif endpoint.path in limit_paths:
            problems.append(
                (
                    loc + ("limit_id",),
                    f"endpoint {limit_paths[endpoint.path]!r} has the same path, which is the rate-limit id of both: "
                    "give one of them a limit_id",
                )
            )
        else:
            limit_paths[endpoint.path] = name
        for pool in endpoint.weights:
            if pool not in pools:
                problems.append(
                    (
                        loc + ("weights", pool),
                        f"unknown rate-limit pool {pool!r}; defined: " f"{', '.join(sorted(pools)) or 'none'}",
                    )
                )
    unlimited = [name for name, endpoint in endpoints.items() if endpoint.limit is None]
    if unlimited and spec.rate_limits.endpoint_default is None:
        problems.append(
            (
                ("rate_limits", "endpoint_default"),
                f"required: endpoints {', '.join(unlimited)} set no limit of their own (endpoints.*.limit)",
            )
        )
    pool_ids = [pool.id for pool in spec.rate_limits.pools]
    for index, pool in enumerate(pool_ids):
        if pool in pool_ids[:index]:
            problems.append((("rate_limits", "pools", index, "id"), f"duplicate pool id {pool!r}"))
    if spec.rate_limits.tiers is not None:
        _check_tiers(spec, problems)


def _unknown(problems: List[Problem], loc: Loc, kind: str, name: str, known: Iterable[str]) -> None:
    """Reports `name` when it is not one of `known`, with the closest known name or the list of them."""
    known = list(known)
    if name not in known:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"defined: {', '.join(sorted(known)) or 'none'}"
        problems.append((loc, f"unknown {kind} {name!r}; {hint}"))


def _check_tiers(spec: Spec, problems: List[Problem]) -> None:
    """`rate_limits.tiers`: a listed default tier whose limits are the base ones; each tier's limits name defined
    pools and endpoints; the config key, enum and function names free."""
    tiers = spec.rate_limits.tiers
    loc = ("rate_limits", "tiers")
    if len(tiers.levels) < 2:
        problems.append((loc + ("levels",), "expected at least two tiers (with one, the limits do not depend on it)"))
    for tier_name in tiers.levels:
        if not CONSTANT.fullmatch(tier_name):
            problems.append(
                (loc + ("levels", tier_name), f"tier names are UPPER_CASE (enum members), found {tier_name!r}")
            )
    _unknown(problems, loc + ("default",), "tier", tiers.default, tiers.levels)
    if tiers.default in tiers.levels and tiers.tier(tiers.default).overrides:
        problems.append(
            (
                loc + ("levels", tiers.default),
                "the default tier's limits are the base ones (rate_limits.pools, rate_limits.endpoint_default, "
                "endpoints.*.limit): write them there and leave this tier empty",
            )
        )
    defaulted = [name for name, endpoint in spec.endpoints.items() if endpoint.limit is None]
    for tier_name in tiers.levels:
        tier = tiers.tier(tier_name)
        tier_loc = loc + ("levels", tier_name)
        for pool in tier.pools:
            _unknown(problems, tier_loc + ("pools", pool), "rate-limit pool", pool,
                     [pool.id for pool in spec.rate_limits.pools])
        for endpoint in tier.endpoints:
            _unknown(problems, tier_loc + ("endpoints", endpoint), "endpoint", endpoint, spec.endpoints)
        if tier.endpoint_default is not None and not defaulted:
            problems.append(
                (
                    tier_loc + ("endpoint_default",),
                    "no endpoint takes the default limit (each sets endpoints.*.limit): set the endpoints' own "
                    "limits under endpoints",
                )
            )
    connector = spec.exchange.name
    credentials = {credential.config_field(connector) for credential in spec.credentials}
    if tiers.config_field(connector) in credentials:
        problems.append(
            (loc + ("config_key",), f"{tiers.config_field(connector)} is also a credential's config key")
        )
    if tiers.function in UTILS_FUNCTIONS:
        problems.append((loc + ("function",), f"{tiers.function} is also a function of NAME_utils.py"))


def _holds(predicate: Predicate, example: Any) -> bool:
    """Whether the condition holds on the example (False when the field is absent)."""
    try:
        value = fieldpath.read(example, predicate.field)
    except fieldpath.FieldPathError:
        return False
    if predicate.equals is not None:
        return value == predicate.equals
    if predicate.one_of is not None:
        return value in predicate.one_of
    return bool(value) == bool(predicate.truthy)


def _check_path_filled(problems: List[Problem], loc: Loc, name: str, endpoint: Any, fills: set) -> None:
    """Each placeholder of an endpoint's path must be a value the connector knows where it makes the request."""
    for placeholder, value in endpoint.path_values:
        if value not in fills:
            known = ", ".join("{" + value + "}" for value in sorted(fills)) or "no placeholder"
            problems.append(
                (
                    ("endpoints", name, "path"),
                    f"{{{placeholder}}}{'' if value == placeholder else f' ({value})'} is unknown where {'.'.join(map(str, loc))} requests this endpoint "
                    f"(it fills in {known})",
                )
            )


def _check_endpoint_path(problems: List[Problem], loc: Loc, endpoint: Any, base_has_slash: bool = False) -> None:
    """A path starts with '/' (or, after a base URL ending with '/', does not: Hummingbot's `api/v1/ping`); a
    template's placeholders are lowercase names and need an explicit limit id."""
    path = endpoint.path
    if base_has_slash and path.startswith("/"):
        problems.append((loc + ("path",), f"urls.rest ends with '/': paths follow it without one, found {path!r}"))
        return
    if not base_has_slash and not path.startswith("/"):
        problems.append((loc + ("path",), f"paths start with '/', found {path!r}"))
        return
    if any(char.isspace() for char in path):
        problems.append((loc + ("path",), f"a path is sent as written: no spaces, found {path!r}"))
        return
    try:
        names = placeholders(path)
    except fieldpath.FieldPathError as error:
        problems.append((loc + ("path",), str(error)))
        return
    if names != endpoint.path_placeholders:
        problems.append(
            (loc + ("path",), f"placeholders are lowercase names in braces ({{exchange_order_id}}), found {path!r}")
        )
    elif len(set(names)) != len(names):
        problems.append((loc + ("path",), f"each placeholder may appear once, found {path!r}"))
    elif names and endpoint.limit_id is None:
        problems.append(
            (
                loc + ("path",),
                f"a path template ({', '.join('{' + name + '}' for name in names)}) needs a limit_id: the filled-in "
                "path cannot be the rate-limit id",
            )
        )
    for name in endpoint.path_params:
        if name not in endpoint.path_placeholders:
            problems.append((loc + ("path_params", name), f"the path {path!r} has no placeholder {{{name}}}"))


def _check_auth(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`auth.rest` and `auth.time_sync`."""
    credentials = {credential.name for credential in spec.credentials}
    rest_auth = spec.auth.rest
    if rest_auth.secret not in credentials:
        problems.append((("auth", "rest", "secret"), f"unknown credential {rest_auth.secret!r}"))
    for index, credential in enumerate(spec.credentials):
        if credential.signed and credential.name == rest_auth.secret:
            problems.append((("credentials", index, "signed"), "the HMAC key itself cannot be sent signed"))
    _check_rest_signing(spec, problems, credentials)
    if "api_key" not in credentials:
        problems.append((("credentials",), "a credential named api_key is required"))
    if spec.auth.time_sync:
        example = endpoint_ref(("auth", "time_sync", "endpoint"), spec.auth.time_sync.endpoint, needs_example=True)
        _check_path(problems, ("auth", "time_sync", "server_time"), spec.auth.time_sync.server_time, example)
        try:
            server_time = fieldpath.read(example, spec.auth.time_sync.server_time) if example is not None else 0
        except fieldpath.FieldPathError:
            server_time = 0
        if isinstance(server_time, bool) or not (
            isinstance(server_time, (int, float)) or (isinstance(server_time, str) and server_time.isdigit())
        ):
            problems.append(
                (
                    ("auth", "time_sync", "server_time"),
                    f"expected a number (or digits in a string) in the example, found {server_time!r}",
                )
            )
        _check_error_example(
            problems,
            ("auth", "time_sync", "error_example"),
            ([spec.auth.time_sync.error_code] if spec.auth.time_sync.error_code is not None else [])
            + list(spec.auth.time_sync.error_matches),
            spec.auth.time_sync.error_example,
        )


def _placeholders_or_none(text: str) -> set:
    """The placeholders of `text`, or none when it is malformed (reported by `_check_placeholders`)."""
    try:
        return set(placeholders(text))
    except fieldpath.FieldPathError:
        return set()


def _check_not_a_secret(problems: List[Problem], loc: Loc, value: str, credentials: set) -> None:
    """A fixed value sent with every signed request must not be a key pasted in: generated code is committed and
    shared, and credentials come from the user's configuration. Fixed values are short codes ("2", "HmacSHA256")."""
    if not CREDENTIAL_LIKE.fullmatch(value):
        return
    if not (any(char.isdigit() for char in value) and any(char.isalpha() for char in value)):
        return
    names = ", ".join("{" + name + "}" for name in sorted(credentials))
    problems.append(
        (
            loc,
            f"this fixed value looks like a key written in; credentials come from the user's credentials: write {names}",
        )
    )


def _signing_clock(spec: Spec) -> set:
    """What signed websocket subscriptions may use besides their own fields: the clock, and the REST window."""
    return {"timestamp"} | ({"recv_window"} if spec.auth.rest.recv_window is not None else set())


def _check_key_options(spec: Spec, problems: List[Problem]) -> None:
    """`auth.rest.secret_encoding`, and an Ed25519 key, which is 32 bytes written as base64 or hex."""
    rest_auth = spec.auth.rest
    signature = spec.auth.private_ws and spec.auth.private_ws.signature
    ed25519 = rest_auth.algorithm == "ed25519" or (signature is not None and signature.algorithm == "ed25519")
    if ed25519 and rest_auth.secret_encoding == "text":
        problems.append(
            (
                ("auth", "rest", "secret_encoding"),
                "an Ed25519 private key is 32 bytes: say how the secret writes them (base64 or hex)",
            )
        )


def _check_message_options(spec: Spec, problems: List[Problem], allowed: set, credentials_and_window: set) -> None:
    """`auth.rest.message` as a list, `message_separator` and `sign_only_params`."""
    rest_auth = spec.auth.rest
    loc = ("auth", "rest")
    if isinstance(rest_auth.message, list):
        if not rest_auth.message:
            problems.append((loc + ("message",), "a message written as a list needs at least one part"))
        for index, part in enumerate(rest_auth.message):
            _check_placeholders(problems, loc + ("message", index), part, allowed)
    elif rest_auth.message_separator:
        problems.append(
            (loc + ("message_separator",), "message_separator joins the parts of a list: write message as a list")
        )
    if rest_auth.sign_only_params and rest_auth.body != "json":
        problems.append(
            (loc + ("sign_only_params",), "sign-only parameters are taken out of a JSON body: they need body: json")
        )
    seen = set()
    for index, name in enumerate(rest_auth.sign_only_params):
        if not name.isidentifier() or keyword.iskeyword(name):
            problems.append((loc + ("sign_only_params", index), f"{name!r} is not a name a placeholder can have"))
        elif name in MESSAGE_PLACEHOLDERS or name in credentials_and_window or name in seen:
            problems.append((loc + ("sign_only_params", index), f"{{{name}}} already stands for something else"))
        seen.add(name)


def _check_partner(rest_auth: Any, problems: List[Problem], credentials: set) -> set:
    """`auth.rest.partner`: key and message go together (hmac_headers only); returns the header placeholders it
    adds: {partner_id}, and {partner_signature} when it signs."""
    partner = rest_auth.partner
    if partner is None:
        return set()
    loc = ("auth", "rest", "partner")
    if (partner.key is None) != (partner.message is None):
        missing = "key" if partner.key is None else "message"
        problems.append((loc + (missing,), "a partner signature needs both the partner's key and the signed message"))
        return {"partner_id"}
    if partner.message is None:
        return {"partner_id"}
    if rest_auth.scheme != "hmac_headers":
        problems.append((loc + ("message",), "the partner signature travels in headers: hmac_headers only"))
        return {"partner_id"}
    _check_placeholders(problems, loc + ("message",), partner.message, {"timestamp", "partner_id"} | credentials)
    return {"partner_id", "partner_signature"}


# What the fields of `auth.rest.payload` may hold besides the credentials, the window and the nonce.
PAYLOAD_PLACEHOLDERS = {"path", "method", "timestamp"}


def _check_payload(rest_auth: Any, problems: List[Problem], values: set, signed: set) -> set:
    """`auth.rest.payload`: its fields' placeholders; it is signed and sent in a header, and carries the request's
    parameters, so sign-only parameters (taken out of the body) have nowhere to come from. Returns the placeholders
    the payload signs (those of its fields, when the message signs {payload})."""
    payload = rest_auth.payload
    if payload is None:
        return set()
    loc = ("auth", "rest", "payload")
    inside = set()
    for key, text in payload.fields.items():
        _check_placeholders(problems, loc + ("fields", key), text, PAYLOAD_PLACEHOLDERS | values)
        inside |= _placeholders_or_none(text)
    if "payload" not in signed:
        problems.append((loc, "the message does not sign {payload}: write it in the message"))
    if not any(text == "{payload}" for text in rest_auth.headers.values()):
        problems.append(
            (("auth", "rest", "headers"), "no header sends {payload} (as its whole value): the exchange could not "
             "read the request")
        )
    if rest_auth.sign_only_params:
        problems.append(
            (("auth", "rest", "sign_only_params"), "the payload carries the request's parameters: none is sign-only")
        )
    return inside if "payload" in signed else set()


def _check_domain_connectors_and_urls(spec: Spec, problems: List[Problem]) -> None:
    """`exchange.domains.others.*.connector` and `.urls`: distinct connector names, URLs written out in full."""
    names = {spec.exchange.name: ("exchange", "name")}
    for domain, settings in spec.exchange.domains.others.items():
        loc = ("exchange", "domains", "others", domain)
        if settings.connector is not None and not is_identifier(settings.connector):
            problems.append(
                (loc + ("connector",), f"a connector name is a lowercase identifier, found {settings.connector!r}")
            )
        name = settings.connector_name(spec.exchange.name, domain)
        if name in names:
            problems.append((loc + ("connector",), f"connector name {name!r} is taken (by {'.'.join(names[name])})"))
        names[name] = loc
        if settings.urls is None:
            continue
        for field in ("rest", "public_ws", "private_ws"):
            value = getattr(settings.urls, field)
            scheme, shown = (r"https?", "http(s)") if field == "rest" else (r"wss?", "ws(s)")
            if value is None:
                if field == "private_ws" and spec.urls.private_ws is not None:
                    problems.append(
                        (loc + ("urls", "private_ws"), "required field is missing: urls.private_ws is given")
                    )
                continue
            if field == "private_ws" and spec.urls.private_ws is None:
                problems.append(
                    (loc + ("urls", "private_ws"), "the exchange has no private websocket (no urls.private_ws)")
                )
            elif "{" in value or not re.fullmatch(scheme + r"://[^\s/{}]+[^\s{}]*", value):
                problems.append(
                    (
                        loc + ("urls", field),
                        f"expected an absolute {shown}:// URL, written out in full (no placeholders), found {value!r}",
                    )
                )


def _check_signature_method(rest_auth: Any, problems: List[Problem], credentials: set) -> None:
    """`auth.rest.signature_method`: the message must be made of the request's parts the method is given."""
    loc = ("auth", "rest", "signature_method")
    if rest_auth.scheme != "hmac_headers":
        problems.append((loc, "signs the message of hmac_headers; give scheme: hmac_headers"))
        return
    others = [name for name in ("nonce", "digest", "payload") if getattr(rest_auth, name) is not None]
    if rest_auth.sign_only_params:
        others.append("sign_only_params")
    if others or not isinstance(rest_auth.message, str):
        what = ", ".join(others) if others else "a message list"
        problems.append((loc, f"signs one message template from timestamp, method and payload; not with {what}"))
        return
    try:
        used = set(placeholders(rest_auth.message))
    except fieldpath.FieldPathError:
        return
    allowed = SIGNATURE_METHOD_PLACEHOLDERS | credentials
    if "timestamp" not in used:
        problems.append((loc, "the method takes the request's timestamp: the message must sign {timestamp}"))
    for name in sorted(used - allowed):
        problems.append(
            (loc, f"the method signs a request from timestamp, method and payload: the message cannot use {{{name}}}")
        )


def _check_rest_signing(spec: Spec, problems: List[Problem], credentials: set) -> None:
    """`auth.rest`: the keys each scheme needs, and the placeholders of `message` and `headers`."""
    rest_auth = spec.auth.rest
    loc = ("auth", "rest")
    if rest_auth.scheme == "jwt":
        _check_jwt(spec, problems, credentials)
        return
    if rest_auth.jwt is not None:
        problems.append((loc + ("jwt",), f"jwt describes the token of scheme: jwt; {rest_auth.scheme} signs no token"))
    values = credentials | ({"recv_window"} if rest_auth.recv_window is not None else set())
    by_headers = rest_auth.scheme == "hmac_headers"
    nonce = {"nonce"} if rest_auth.nonce is not None else set()
    payload = {"payload"} if rest_auth.payload is not None else set()
    header_names = values | nonce | payload | {"timestamp", "signature"} if by_headers else set(values)
    header_names |= _check_partner(rest_auth, problems, credentials)
    sent = set()
    for header, value in rest_auth.headers.items():
        _check_placeholders(problems, loc + ("headers", header), value, header_names)
        _check_not_a_secret(problems, loc + ("headers", header), value, credentials)
        try:
            sent.update(placeholders(value))
        except fieldpath.FieldPathError:
            pass
    param_names = {
        loc + ("signature_param",): rest_auth.signature_param,
        loc + ("timestamp", "param"): rest_auth.timestamp.param,
    }
    for key, value in rest_auth.params.items():
        if by_headers:
            problems.append((loc + ("params", key), "hmac_headers sends its credentials in headers; params is unused"))
        else:
            _check_placeholders(problems, loc + ("params", key), value, values)
            _check_not_a_secret(problems, loc + ("params", key), value, credentials)
    _check_key_options(spec, problems)
    if rest_auth.recv_window_attribute and rest_auth.recv_window is None:
        problems.append((loc + ("recv_window_attribute",), "names the attribute of recv_window: give recv_window"))
    if rest_auth.signature_method is not None:
        _check_signature_method(rest_auth, problems, credentials)
    if not by_headers:
        for where, value in param_names.items():
            if value is None:
                problems.append((where, "hmac_params sends the signature and timestamp as parameters: name them"))
        if isinstance(rest_auth.message, list):
            problems.append((loc + ("message",), "hmac_params signs one template: write the message as one text"))
        elif rest_auth.message is not None:
            _check_placeholders(problems, loc + ("message",), rest_auth.message, PARAMS_MESSAGE_PLACEHOLDERS | values)
            if "params" not in _placeholders_or_none(rest_auth.message):
                problems.append((loc + ("message",), "the message must sign the parameters: write {params} in it"))
        if rest_auth.params_in == "query" and rest_auth.body == "form":
            problems.append(
                (loc + ("params_in",), "params_in: query sends a POST body as it is (JSON): use body: json")
            )
        if rest_auth.sign_only_params:
            problems.append(
                (loc + ("sign_only_params",), "hmac_params signs what it sends; sign_only_params is unused")
            )
        if rest_auth.digest is not None:
            problems.append((loc + ("digest",), "hmac_params signs the urlencoded parameters; digest is unused"))
        if rest_auth.nonce is not None and rest_auth.nonce.param is None:
            problems.append((loc + ("nonce", "param"), "hmac_params signs the nonce as a parameter: name it"))
        if rest_auth.payload is not None:
            problems.append((loc + ("payload",), "the payload travels in a header: hmac_headers only"))
        return
    for where, value in param_names.items():
        if value is not None:
            problems.append((where, "hmac_headers sends signature and timestamp in headers: {signature}, {timestamp}"))
    if rest_auth.params_in != "request":
        problems.append((loc + ("params_in",), "hmac_headers sends no signed parameters: params_in is for hmac_params"))
    digest = {"digest"} if rest_auth.digest is not None else set()
    allowed = MESSAGE_PLACEHOLDERS | values | nonce | digest | payload | set(rest_auth.sign_only_params)
    if rest_auth.message is None:
        problems.append((loc + ("message",), "hmac_headers needs the signed string as a message template"))
    else:
        if isinstance(rest_auth.message, str):
            _check_placeholders(problems, loc + ("message",), rest_auth.message, allowed)
        parts = [rest_auth.message] if isinstance(rest_auth.message, str) else rest_auth.message
        signed = set().union(*(_placeholders_or_none(part) for part in parts))
        if rest_auth.digest is not None:
            if isinstance(rest_auth.message, list):
                problems.append((loc + ("message",), "a message that signs a digest is one template, not a list"))
            _check_placeholders(
                problems, loc + ("digest", "of"), rest_auth.digest.of, MESSAGE_PLACEHOLDERS | values | nonce
            )
            signed |= _placeholders_or_none(rest_auth.digest.of)
            if "digest" not in signed:
                problems.append((loc + ("digest",), "the message does not sign {digest}: write it in the message"))
        signed |= _check_payload(rest_auth, problems, values | nonce, signed)
        if rest_auth.nonce is not None and "nonce" not in signed | sent and rest_auth.nonce.param is None:
            problems.append((loc + ("nonce",), "the nonce is neither signed, sent in a header, nor a parameter"))
    _check_message_options(spec, problems, allowed, values)
    # A nonce makes each request unique, as a timestamp does: the exchange then needs no timestamp header.
    for name in ("signature",) if rest_auth.nonce is not None else ("signature", "timestamp"):
        if name not in sent:
            problems.append((loc + ("headers",), f"no header sends {{{name}}}: the exchange could not verify requests"))


def _check_jwt(spec: Spec, problems: List[Problem], credentials: set) -> None:
    """`auth.rest` with scheme jwt: the token's header and claims, the headers carrying {token}, and no option of
    the HMAC schemes."""
    rest_auth = spec.auth.rest
    loc = ("auth", "rest")
    written = rest_auth.model_fields_set
    for name in HMAC_ONLY_OPTIONS:
        if name in written:
            problems.append((loc + (name,), f"jwt signs a token with the private key: {name} is unused"))
    if "unit" in rest_auth.timestamp.model_fields_set or rest_auth.timestamp.param is not None:
        problems.append(
            (loc + ("timestamp",), "a JWT's times are integer seconds in its claims: only timestamp.clock applies")
        )
    for index, credential in enumerate(spec.credentials):
        if credential.signed:
            problems.append((("credentials", index, "signed"), "jwt signs no credential with an HMAC"))
    sent = set()
    for header, value in rest_auth.headers.items():
        _check_placeholders(problems, loc + ("headers", header), value, credentials | {"token"})
        _check_not_a_secret(problems, loc + ("headers", header), value, credentials)
        sent |= _placeholders_or_none(value)
    if "token" not in sent:
        problems.append((loc + ("headers",), "no header sends {token}: write e.g. Authorization: \"Bearer {token}\""))
    jwt = rest_auth.jwt
    if jwt is None:
        problems.append((loc + ("jwt",), "scheme jwt needs the token's recipe: jwt: {algorithm, header, claims}"))
        return
    for name in ("alg", "typ"):
        if name in jwt.header:
            problems.append((loc + ("jwt", "header", name), f"{name} is written by the signer (algorithm, JWT)"))
    for name, value in jwt.header.items():
        _check_placeholders(problems, loc + ("jwt", "header", name), value, credentials | {"nonce"})
    if not jwt.claims:
        problems.append((loc + ("jwt", "claims"), "a token needs claims: the key ({api_key}), the times, the request"))
    for name, value in jwt.claims.items():
        _check_placeholders(problems, loc + ("jwt", "claims", name), value, credentials | JWT_CLAIM_PLACEHOLDERS)
        _check_not_a_secret(problems, loc + ("jwt", "claims", name), value, credentials)
    if rest_auth.secret in {name for value in [*jwt.header.values(), *jwt.claims.values(), *rest_auth.headers.values()]
                            for name in _placeholders_or_none(value)}:
        problems.append((loc + ("secret",), "the private key signs the token: it is never sent"))


def _check_markets(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`markets`: symbols, rules, prices, snapshot."""
    markets = spec.markets
    endpoint_ref(("markets", "check_network"), markets.check_network, needs_example=True)
    symbols = markets.symbols
    info = endpoint_ref(("markets", "symbols", "endpoint"), symbols.endpoint, needs_example=True)
    rows_example = None
    if info is not None:
        _check_path(problems, ("markets", "symbols", "rows"), symbols.rows, info)
        try:
            rows = fieldpath.rows_of(fieldpath.read(info, symbols.rows))
            rows_example = rows[0] if isinstance(rows, list) and rows else None
        except fieldpath.FieldPathError:
            rows = None
        if rows_example is None and rows is not None:
            problems.append(
                (("markets", "symbols", "rows"), "expected a non-empty list (or map) of symbols in the example")
            )
    _check_path(problems, ("markets", "symbols", "symbol"), symbols.symbol, rows_example)
    if symbols.pair is not None:
        for field in ("base", "quote"):
            if getattr(symbols, field) is not None:
                problems.append((("markets", "symbols", field), "give either base and quote, or pair"))
        loc = ("markets", "symbols", "pair", "field")
        _check_path(problems, loc, symbols.pair.field, rows_example)
        try:
            documented = fieldpath.read(rows_example, symbols.pair.field) if rows_example is not None else None
        except fieldpath.FieldPathError:
            documented = None
        if documented is not None and (
            not isinstance(documented, str) or documented.count(symbols.pair.separator) != 1
        ):
            problems.append((loc, f"expected base{symbols.pair.separator}quote in the example, found {documented!r}"))
        if symbols.pair.field == symbols.symbol and symbols.format.separator != symbols.pair.separator:
            # The symbol is the pair field itself: its format is that field's, base, separator and quote.
            problems.append(
                (
                    ("markets", "symbols", "format", "separator"),
                    f"the symbol is the pair field ({symbols.symbol}), written with {symbols.pair.separator!r} "
                    f"between base and quote, but the format says {symbols.format.separator!r}",
                )
            )
    else:
        for field in ("base", "quote"):
            if getattr(symbols, field) is None:
                problems.append((("markets", "symbols", field), "required (or give pair)"))
            else:
                _check_path(problems, ("markets", "symbols", field), getattr(symbols, field), rows_example)
    for name, alias in spec.markets.asset_aliases.items():
        if not alias or not alias.replace("_", "").isalnum():
            problems.append((("markets", "asset_aliases", name), f"expected a Hummingbot asset name, found {alias!r}"))
    for index, predicate in enumerate(symbols.valid_when):
        _check_predicate(problems, ("markets", "symbols", "valid_when", index), predicate, rows_example)
    rules = markets.trading_rules
    if rules.endpoint != symbols.endpoint:
        problems.append(
            (
                ("markets", "trading_rules", "endpoint"),
                "trading rules are read from the symbols endpoint's rows; use the same endpoint",
            )
        )
    for key, value in symbols.params.items():
        _check_placeholders(problems, ("markets", "symbols", "params", key), value, set())
    for field in RULE_NAMES:
        rule = rules.rule(field)
        if rule is None:
            continue
        loc = ("markets", "trading_rules", field)
        loc = loc if isinstance(getattr(rules, field), str) else loc + ("path",)
        _check_path(problems, loc, rule.path, rows_example)
        if rule.default is not None and not isinstance((fieldpath.parse(rule.path) or [None])[-1], fieldpath.Key):
            problems.append((loc, "a rule with a default must end with a key (it is read with .get())"))
        if rule.unit:
            _check_rule_unit(problems, loc[:3], rule, rows_example)
    if all(rules.rule(field).default is not None for field in RULE_NAMES[:3]):
        problems.append(
            (("markets", "trading_rules"), "at least one rule needs no default: a row lacking it must fail to parse")
        )
    if spec.response_errors:
        errors = spec.response_errors
        _check_predicate(problems, ("response_errors", "success"), errors.success, errors.example)
        if _holds(errors.success, errors.example):
            problems.append(
                (("response_errors", "example"), "the success condition holds for this error body: it would pass")
            )
        if errors.absent_field == "success" and not fieldpath.is_key_path(errors.success.field):
            problems.append(
                (("response_errors", "absent_field"), "absent_field: success needs a plain key path (a.b.c) as the field")
            )

    price = markets.last_traded_price
    example = endpoint_ref(
        ("markets", "last_traded_price", "endpoint"), price.endpoint, needs_example=True, fills=MARKET_PLACEHOLDERS
    )
    _check_path(problems, ("markets", "last_traded_price", "price"), price.price, example)
    for key, value in price.params.items():
        _check_placeholders(problems, ("markets", "last_traded_price", "params", key), value, MARKET_PLACEHOLDERS)
    if price.bulk is not None:
        loc = ("markets", "last_traded_price", "bulk")
        example = endpoint_ref(loc + ("endpoint",), price.bulk.endpoint, needs_example=True)
        for key, value in price.bulk.params.items():
            if _safe_placeholders(value):
                problems.append((loc + ("params", key), "the request asks every ticker at once: no placeholders"))
        _check_path(problems, loc + ("rows",), price.bulk.rows)
        row = None
        if example is not None:
            try:
                row = fieldpath.first_row(example, price.bulk.rows)
            except (fieldpath.FieldPathError, IndexError, KeyError, TypeError):
                problems.append((loc + ("rows",), "expected a non-empty list (or map) of tickers in the example_response"))
        for field in ("symbol", "price"):
            _check_path(problems, loc + (field,), getattr(price.bulk, field), row)
    snapshot = markets.order_book_snapshot
    example = endpoint_ref(
        ("markets", "order_book_snapshot", "endpoint"), snapshot.endpoint, needs_example=True, fills=MARKET_PLACEHOLDERS
    )
    for field in ("update_id", "bids", "asks"):
        _check_path(problems, ("markets", "order_book_snapshot", field), getattr(snapshot, field), example)
    if snapshot.levels is not None and example is not None:
        _check_book_levels(problems, ("markets", "order_book_snapshot"), snapshot, example)
    _check_shared_book_list(problems, ("markets", "order_book_snapshot"), snapshot)
    if snapshot.timestamp is not None:
        loc = ("markets", "order_book_snapshot", "timestamp", "path")
        _check_path(problems, loc, snapshot.timestamp.path, example)
    for key, value in snapshot.params.items():
        _check_placeholders(problems, ("markets", "order_book_snapshot", "params", key), value, MARKET_PLACEHOLDERS)
    if snapshot.returns is not None:
        _check_snapshot_returns(problems, snapshot, example)


def _check_snapshot_returns(problems: List[Problem], snapshot: Any, example: Any) -> None:
    """`markets.order_book_snapshot.returns`: an object of the example, holding every other path of the snapshot."""
    loc = ("markets", "order_book_snapshot", "returns")
    if example is not None and not isinstance(fieldpath.documented(example, snapshot.returns), dict):
        problems.append((loc, f"expected an object at {snapshot.returns!r} in the endpoint's example_response"))
    paths = [("update_id", snapshot.update_id), ("bids", snapshot.bids), ("asks", snapshot.asks)]
    if snapshot.timestamp is not None:
        paths.append(("timestamp", snapshot.timestamp.path))
    for name, path in paths:
        try:
            fieldpath.relative(path, snapshot.returns)
        except fieldpath.FieldPathError:
            problems.append(
                (("markets", "order_book_snapshot", name), f"{path!r} must lie under returns ({snapshot.returns!r})")
            )


def _check_orders(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`orders`."""
    orders = spec.orders
    if "LIMIT" not in orders.order_types:
        problems.append((("orders", "order_types"), "LIMIT orders must be supported"))
    _check_client_id_pattern(problems, orders.client_order_id)
    create = orders.create
    known = set(spec.prerequisites)  # the prerequisites' values, in any order request
    # The new order's own values are known only when it is placed: its path may name the pair.
    _check_order_request(
        problems, spec, ("orders", "create"), create, ORDER_PLACEHOLDERS | known, MARKET_PLACEHOLDERS | known
    )
    if create.market_buy_amount == "quote" and not any("{amount}" in text for text in create.params.values()):
        problems.append(
            (("orders", "create", "market_buy_amount"), "no parameter of orders.create.params uses {amount}")
        )
    if create.market_buy_param is not None:
        loc = ("orders", "create", "market_buy_param")
        if create.market_buy_amount != "quote":
            problems.append((loc, "only with market_buy_amount: quote (the quote amount a market buy sends)"))
        elif create.market_buy_param in create.params:
            problems.append((loc, f"{create.market_buy_param!r} is already a parameter of orders.create.params"))
        elif not create.market_buy_param.strip():
            problems.append((loc, "name the parameter"))
        if create.type_object is not None:
            problems.append((loc, "not with orders.create.type_object (the parameter would stay outside the object)"))
    if create.type_object is not None:
        _check_type_object(problems, create.type_object, create.params, orders.order_types)
    _check_path(problems, ("orders", "create", "exchange_order_id"), create.exchange_order_id, create.example_response)
    if create.timestamp:
        _check_timestamp(problems, ("orders", "create", "timestamp"), create.timestamp.path, create.example_response)
    if create.unknown_outcome is not None:
        unknown_loc = ("orders", "create", "unknown_outcome")
        _check_error_example(
            problems, unknown_loc + ("example",), create.unknown_outcome.matches, create.unknown_outcome.example
        )
        status_texts = list(orders.status.params.values())
        if orders.status.endpoint in spec.endpoints:
            status_texts += ["{" + value + "}" for _, value in spec.endpoints[orders.status.endpoint].path_values]
        if any("{exchange_order_id}" in text for text in status_texts):
            problems.append(
                (
                    unknown_loc,
                    "an order of unknown outcome has no exchange order id, but orders.status asks by it: the status "
                    "request must name the order by {client_order_id}",
                )
            )
    cancel = orders.cancel
    _check_order_request(problems, spec, ("orders", "cancel"), cancel, TRACKED_ORDER_PLACEHOLDERS | known)
    _check_cancel_success(problems, cancel)
    for index, name in enumerate(cancel.list_params):
        if name not in cancel.params:
            problems.append(
                (("orders", "cancel", "list_params", index), f"{name!r} is not a parameter of orders.cancel.params")
            )
    _check_error_example(
        problems,
        ("orders", "cancel", "not_found_example"),
        ([cancel.not_found_code] if cancel.not_found_code is not None else []) + list(cancel.not_found_matches),
        cancel.not_found_example,
    )
    status = orders.status
    _check_order_request(problems, spec, ("orders", "status"), status, TRACKED_ORDER_PLACEHOLDERS | known)
    for field in ("client_order_id", "exchange_order_id"):
        _check_path(problems, ("orders", "status", field), getattr(status, field), status.example_response)
    if status.timestamp is not None:
        _check_timestamp(problems, ("orders", "status", "timestamp"), status.timestamp.path, status.example_response)
    _check_state_derivation(problems, ("orders", "status"), status, status.example_response, orders.states)
    sources = [status] + ([spec.user_stream.order_event] if spec.has_private_stream else [])
    lookups = [source for source in sources if source.state and not source.state_rules]
    if lookups:
        reached = set(orders.states.values())
        for state in REQUIRED_STATES:
            if state not in reached:
                problems.append((("orders", "states"), f"no exchange state maps to {state}; Hummingbot needs it"))
    _check_error_example(
        problems,
        ("orders", "status", "not_found_example"),
        ([status.not_found_code] if status.not_found_code is not None else []) + list(status.not_found_matches),
        status.not_found_example,
    )
    fills = orders.fills
    if fills.bulk is not None and fills.endpoint in spec.endpoints and spec.endpoints[fills.endpoint].path_placeholders:
        problems.append(
            (("orders", "fills", "bulk"), "the bulk request names no order: the endpoint's path must have no placeholder")
        )
    _check_order_request(problems, spec, ("orders", "fills"), fills, TRACKED_ORDER_PLACEHOLDERS | known)
    if (fills.endpoint, fills.method) == (status.endpoint, status.method):
        problems.append(
            (
                ("orders", "fills", "endpoint"),
                f"status and fills both {status.method} endpoint {status.endpoint!r}: one request serving both is "
                "not supported; give fills the exchange's trades endpoint",
            )
        )
    fill_row = None
    try:
        # A list of fills, or a map keyed by trade id (Kraken): its entries are the rows.
        fill_row = fieldpath.first_row(fills.example_response, fills.rows)
    except (fieldpath.FieldPathError, IndexError, KeyError, TypeError):
        problems.append((("orders", "fills", "rows"), "expected a non-empty list of fills in the example_response"))
    for field in ("trade_id", "exchange_order_id", "price", "amount", "quote_amount", "fee_amount", "fee_asset"):
        path = getattr(fills, field)
        if path is not None and fill_row is not None:
            _check_path(problems, ("orders", "fills", field), path, fill_row)
    if fill_row is not None:
        _check_timestamp(problems, ("orders", "fills", "timestamp"), fills.timestamp.path, fill_row)


def _check_type_object(problems: List[Problem], type_object: Any, params: Dict[str, str], order_types: Any) -> None:
    """`orders.create.type_object`: it moves parameters the order has into an object named after its type."""
    loc = ("orders", "create", "type_object")
    known = set(params).union(*(set(encoding.params) for encoding in order_types.values()))
    if type_object.key in known:
        problems.append((loc + ("key",), f"{type_object.key!r} is already a parameter of the order"))
    for index, name in enumerate(type_object.params):
        if name not in known:
            problems.append(
                (
                    loc + ("params", index),
                    f"{name!r} is neither a parameter of orders.create.params nor of orders.order_types.*.params",
                )
            )
    if any("{type}" in text for text in params.values()):
        problems.append((loc, "the order type is the object's key: no parameter may also send {type}"))


def _check_client_id_pattern(problems: List[Problem], client_id: Any) -> None:
    """Hummingbot's ids (prefix, side, pair initials, hex nonce) must match the exchange's pattern."""
    if client_id.pattern is None:
        return
    loc = ("orders", "client_order_id", "pattern")
    try:
        pattern = re.compile(client_id.pattern)
    except re.error as error:
        problems.append((loc, f"not a regular expression: {error}"))
        return
    sample = (client_id.prefix + "BEHUT" + "6a" * client_id.max_length)[: client_id.max_length]
    if not pattern.fullmatch(sample):
        problems.append((loc, f"a client id Hummingbot would make ({sample!r}) does not match it; check the prefix"))


def _check_order_request(
    problems: List[Problem], spec: Spec, loc: Loc, request: Any, allowed: set, path_fills: Optional[set] = None
) -> None:
    """An order request: its endpoint, the placeholders of its parameters and of the endpoint's path template
    (`path_fills`, when the path may use fewer of them than the parameters)."""
    if request.endpoint not in spec.endpoints:
        close = difflib.get_close_matches(request.endpoint, list(spec.endpoints), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"defined: {', '.join(sorted(spec.endpoints))}"
        problems.append((loc + ("endpoint",), f"unknown endpoint {request.endpoint!r}; {hint}"))
    else:
        endpoint = spec.endpoints[request.endpoint]
        fills = allowed if path_fills is None else path_fills
        _check_path_filled(problems, loc + ("endpoint",), request.endpoint, endpoint, fills)
    for key, value in request.params.items():
        _check_placeholders(problems, loc + ("params", key), value, allowed)


def _check_cancel_success(problems: List[Problem], cancel: Any) -> None:
    loc = ("orders", "cancel", "success")
    success = cancel.success
    given = [name for name in ("equals", "one_of", "truthy", "contains") if getattr(success, name) is not None]
    if len(given) != 1:
        problems.append((loc, "the cancel success test needs exactly one of equals, one_of, truthy, contains"))
    _check_path(problems, loc + ("field",), success.field, cancel.example_response)
    if success.contains is not None:
        _check_placeholders(problems, loc + ("contains",), success.contains, {"client_order_id", "exchange_order_id"})
        try:
            documented = fieldpath.read(cancel.example_response, success.field)
        except fieldpath.FieldPathError:
            return
        if not isinstance(documented, list):
            problems.append((loc + ("field",), "contains tests a list: the example has no list there"))


def _check_state_derivation(problems: List[Problem], loc: Loc, source: Any, example: Any, states: Any) -> None:
    """`state` (looked up in orders.states) and/or `state_rules` (first match wins)."""
    if source.state is not None:
        _check_path(problems, loc + ("state",), source.state, example)
    elif not source.state_rules:
        problems.append((loc + ("state",), "required: give state (a field looked up in orders.states) or state_rules"))
        return
    elif source.state_rules[-1].when:
        problems.append(
            (loc + ("state_rules",), "without state, the last rule must have no conditions (the catch-all)")
        )
    for index, rule in enumerate(source.state_rules):
        rule_loc = loc + ("state_rules", index)
        if not rule.when and index < len(source.state_rules) - 1:
            problems.append(
                (rule_loc, "a rule without conditions must be the last one: the rules after it never apply")
            )
        for position, item in enumerate(rule.when):
            item_loc = rule_loc + ("when", position)
            given = [name for name in ("equals", "one_of", "truthy", "positive") if getattr(item, name) is not None]
            if len(given) != 1:
                problems.append((item_loc, "a condition needs exactly one of equals, one_of, truthy, positive"))
            _check_path(problems, item_loc + ("field",), item.field, example)
    if not source.state_rules:
        return  # a plain lookup: orders.states is checked once, in _check_orders
    reached = {rule.state for rule in source.state_rules}
    if source.state is not None:
        reached |= set(states.values())
    for state in REQUIRED_STATES:
        if state not in reached:
            problems.append((loc + ("state_rules",), f"no rule nor exchange state gives {state}; Hummingbot needs it"))


def _check_order_events(spec: Spec, problems: List[Problem]) -> None:
    """The order-tracking events of `user_stream`: `order_event` and `fill_event`."""
    stream = spec.user_stream
    event = stream.order_event
    loc = ("user_stream", "order_event")
    row = _event_row(problems, loc, event.rows, event.example)
    for path in [event.client_order_id] if isinstance(event.client_order_id, str) else event.client_order_id:
        _check_path(problems, loc + ("client_order_id",), path, row)
    _check_path(problems, loc + ("exchange_order_id",), event.exchange_order_id, row)
    _check_timestamp(problems, loc + ("timestamp",), event.timestamp.path, row)
    _check_state_derivation(problems, loc, event, row, spec.orders.states)
    if event.fill:
        _check_predicate(problems, loc + ("fill", "when"), event.fill.when, row)
        for field in ("trade_id", "price", "amount", "fee_amount", "fee_asset"):
            if getattr(event.fill, field) is not None:
                _check_path(problems, loc + ("fill", field), getattr(event.fill, field), row)
        _check_timestamp(problems, loc + ("fill", "timestamp"), event.fill.timestamp.path, row)
    if event.fetch_fills_when:
        _check_predicate(problems, loc + ("fetch_fills_when",), event.fetch_fills_when, row)
    given = [name for name in ("fill", "fetch_fills_when") if getattr(event, name)]
    if stream.fill_event:
        given.append("user_stream.fill_event")
    if len(given) != 1:
        found = ", ".join(given) or "none"
        problems.append((loc, f"give exactly one of fill, fetch_fills_when, user_stream.fill_event (found {found})"))
    fill_event = stream.fill_event
    if fill_event:
        loc = ("user_stream", "fill_event")
        row = _event_row(problems, loc, fill_event.rows, fill_event.example)
        fields = ("client_order_id", "exchange_order_id", "trade_id", "price", "amount", "quote_amount")
        for field in fields + ("fee_amount", "fee_asset"):
            path = getattr(fill_event, field)
            if path is not None:
                _check_path(problems, loc + (field,), path, row)
        _check_timestamp(problems, loc + ("timestamp",), fill_event.timestamp.path, row)


def _event_row(problems: List[Problem], loc: Loc, rows: Optional[str], example: Any) -> Any:
    """The payload the paths of an event are read from: the event, or the first of its `rows`."""
    if rows is None:
        return example
    try:
        return fieldpath.read(example, rows)[0]
    except (fieldpath.FieldPathError, IndexError, KeyError, TypeError):
        problems.append((loc + ("rows",), "expected a non-empty list in the example"))
        return None


def _check_balances(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`balances` and the open-orders endpoint."""
    orders = spec.orders
    balances = spec.balances
    if balances is None:
        problems.append(
            ((), "a balances section is required: the connector polls balances (checklist row " "GET ACCOUNT BALANCE)")
        )
    else:
        known = set(spec.prerequisites)
        example = endpoint_ref(("balances", "endpoint"), balances.endpoint, needs_example=True, fills=known)
        _check_balance_rows(problems, ("balances",), balances, example)
        for key, value in balances.params.items():
            _check_placeholders(problems, ("balances", "params", key), value, known)
    if orders.open_orders:
        endpoint_ref(("orders", "open_orders", "endpoint"), orders.open_orders.endpoint)


def _check_trading_fees(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`trading_fees`: a documented list of rows, and at most one way of naming the pairs."""
    fees = spec.trading_fees
    if fees is None:
        return
    loc = ("trading_fees",)
    example = endpoint_ref(loc + ("endpoint",), fees.endpoint, needs_example=True)
    used = set()
    for key, value in fees.params.items():
        _check_placeholders(problems, loc + ("params", key), value, {"symbols", "symbol"})
        try:
            used |= set(placeholders(value))
        except fieldpath.FieldPathError:
            pass
    if used == {"symbols", "symbol"}:
        problems.append((loc + ("params",), "use {symbols} (batches of symbols) or {symbol} (pair by pair), not both"))
    if fees.batch_size is not None and "symbols" not in used:
        problems.append((loc + ("batch_size",), "batch_size limits the {symbols} of a request: no parameter uses it"))
    if example is None:
        return
    _check_path(problems, loc + ("rows",), fees.rows, example)
    try:
        rows = fieldpath.read(example, fees.rows) if fees.rows else example
    except fieldpath.FieldPathError:
        return
    if not isinstance(rows, list) or not rows:
        problems.append((loc + ("rows",), "expected a non-empty list of fee rows in the example"))
        return
    for field in ("symbol", "maker", "taker"):
        _check_path(problems, loc + (field,), getattr(fees, field), rows[0])


def _check_public_ws(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`public_ws`."""
    public = spec.public_ws
    channels = public.channels
    per_pair = public.subscribe.scope == "per_pair"
    if public.queue_keys == "event_types":
        queue_routes = [channel.route for channel in (channels.trade, channels.order_book_diff, channels.order_book_snapshot)
                  if channel is not None]
        if len(set(queue_routes)) != len(queue_routes):
            problems.append(
                (("public_ws", "queue_keys"), "event_types keys each queue by its channel's route: the routes differ")
            )
    _check_logs(problems, ("public_ws", "logs"), public.logs, PUBLIC_LOG_PLACEHOLDERS)
    for message, kind in (("message", "subscribe"), ("unsubscribe_message", "unsubscribe")):
        template = getattr(public.subscribe, message)
        names = set()
        for loc, text in _walk_strings(template, ("public_ws", "subscribe", message)):
            _check_placeholders(problems, loc, text, SUBSCRIBE_PLACEHOLDERS)
            names.update(_safe_placeholders(text))
        if getattr(public.subscribe.grouping, kind) == "all_channels":
            loc = ("public_ws", "subscribe", "grouping", kind)
            one_channel = sorted(names & {"topic", "route", "name"})
            if one_channel:
                shown = ", ".join("{" + name + "}" for name in one_channel)
                problems.append(
                    (loc, f"all_channels sends one message for every channel: subscribe.{message} cannot use {shown}, "
                          "which name one channel (list the topics with {topics})")
                )
            elif "topics" not in names:
                problems.append(
                    (loc, f"all_channels lists every channel's topics: use {{topics}} in subscribe.{message}")
                )
    message_uses_topic = any(
        "topic" in _safe_placeholders(text)
        for message in (public.subscribe.message, public.subscribe.unsubscribe_message)
        for _, text in _walk_strings(message, ())
    )
    channel_names = [
        name for name in ("trade", "order_book_diff", "order_book_snapshot") if getattr(channels, name) is not None
    ]
    if channels.order_book_diff is None and channels.order_book_snapshot is None:
        problems.append(
            (("public_ws", "channels"), "give order_book_diff, order_book_snapshot or both: the book needs updates")
        )
    # Channels routed by key are recognised by their route, a key their messages carry; the others by route_field.
    keyed = [name for name in channel_names if routes.by_key(public, getattr(channels, name))]
    routed = [
        (("public_ws", "channels", name), _routed(public, getattr(channels, name)), getattr(channels, name).example)
        for name in channel_names
        if name not in keyed
    ]
    if routed and public.route_field is None:
        problems.append(
            (("public_ws", "route_field"), "required: channels not routed by key are routed by the value there")
        )
    elif routed:
        _check_routes(problems, ("public_ws", "route_field"), public.route_field, routed)
    for name in keyed:
        channel = getattr(channels, name)
        loc = ("public_ws", "channels", name, "route")
        if routes.symbol_template(channel.route) is not None:
            continue
        if not _is_key_path(channel.route):
            problems.append((loc, "routed by key, the route names a key: a path of plain keys (a.b)"))
        else:
            _check_path(problems, loc, channel.route, channel.example)
    for name in channel_names:
        _check_route_template(problems, ("public_ws", "channels", name), getattr(channels, name))
    for name in channel_names:
        channel = getattr(channels, name)
        loc = ("public_ws", "channels", name)
        if channel.topic is not None:
            topic_names = set()
            for topic_loc, text in _walk_strings(channel.topic, loc + ("topic",)):
                _check_placeholders(problems, topic_loc, text, TOPIC_PLACEHOLDERS)
                topic_names.update(_safe_placeholders(text))
            if "symbols" in topic_names and topic_names & {"symbol", "symbol_lower"}:
                problems.append((loc + ("topic",), "use either {symbols} (all pairs) or {symbol} (one pair), not both"))
            if "symbols" in topic_names and per_pair:
                problems.append((loc + ("topic",), "{symbols} lists every pair: use it with subscribe.scope all_pairs"))
            if message_uses_topic and not per_pair and "symbols" not in topic_names:
                problems.append(
                    (
                        loc + ("topic",),
                        "the subscribe message uses {topic}, one topic for all pairs: list them with {symbols}, "
                        "or use {topics}",
                    )
                )
        example = channel.example
        if getattr(channel, "rows", None) is not None:
            _check_path(problems, loc + ("rows",), channel.rows, example)
            try:
                rows = fieldpath.read(example, channel.rows)
            except fieldpath.FieldPathError:
                continue
            if not isinstance(rows, list) or not rows:
                problems.append((loc + ("rows",), "expected a non-empty list of trades in the example"))
                continue
            example = rows[0]
        if channel.when is not None:
            _check_predicate(problems, loc + ("when",), channel.when, channel.example)
        if getattr(channel, "symbol", None) == public.route_field:
            problems.append(
                (
                    loc + ("symbol",),
                    f"the symbol cannot be read from route_field {public.route_field!r}: that field holds the route",
                )
            )
        if getattr(channel, "levels", None) is not None:
            _check_book_levels(problems, loc, channel, example)
        if hasattr(channel, "bids"):
            _check_shared_book_list(problems, loc, channel)
        for field, value in channel:
            skipped = ("topic", "name", "route", "route_match", "example", "rows", "when", "update_id_unit", "levels")
            if field in skipped or value is None:
                continue
            if isinstance(value, TimeField):
                _check_timestamp(problems, loc + (field,), value.path, example)
                continue
            path = value.path if hasattr(value, "path") else (value.field if hasattr(value, "field") else value)
            if isinstance(path, str):
                _check_path(problems, loc + (field,), path, example)
    if public.ping is not None:
        for loc, text in _walk_strings(public.ping.message, ("public_ws", "ping", "message")):
            _check_placeholders(problems, loc, text, PING_PLACEHOLDERS)
    if public.server_ping is not None:
        _check_server_ping(problems, ("public_ws", "server_ping"), public.server_ping)
    if public.token is not None:
        _check_ws_token(problems, ("public_ws", "token"), public.token, endpoint_ref)
        if public.token.ping_interval is not None and public.ping is None:
            problems.append(
                (("public_ws", "token", "ping_interval"), "the announced interval paces public_ws.ping: give it")
            )


def _check_server_ping(problems: List[Problem], loc: Loc, server_ping: Any) -> None:
    """A server ping (public_ws or user_stream): its test holds on its example, its reply uses {ping} only."""
    _check_predicate(problems, loc + ("when",), server_ping.when, server_ping.example)
    if server_ping.value is not None:
        _check_path(problems, loc + ("value",), server_ping.value, server_ping.example)
    for text_loc, text in _walk_strings(server_ping.reply, loc + ("reply",)):
        _check_placeholders(problems, text_loc, text, {"ping"})


def _check_shared_book_list(problems: List[Problem], loc: Loc, book: Any) -> None:
    """Bids and asks read from one list need levels that name their side."""
    if book.bids == book.asks and (book.levels is None or book.levels.side is None):
        problems.append((loc + ("asks",), "bids and asks name the same list: give levels.side to tell them apart"))


def _check_book_levels(problems: List[Problem], loc: Loc, channel: Any, example: Any) -> None:
    """`levels`: each side is documented as a list of level objects holding a price and an amount; one side may be
    empty (an update changing only bids), not both. With `levels.side`, each level names its side there."""
    marks = channel.levels.side
    if marks is not None and marks.bids == marks.asks:
        problems.append((loc + ("levels", "side", "asks"), "bids and asks must be marked by different values"))
    first = None
    for side in ("bids", "asks"):
        rows = fieldpath.documented(example, getattr(channel, side))
        if not isinstance(rows, list) or (rows and not isinstance(rows[0], dict)):
            problems.append((loc + (side,), "with levels, the example must document this side as a list of level objects"))
        elif rows and first is None:
            first = rows[0]
    if first is None:
        problems.append((loc + ("levels",), "the example documents no level on either side"))
        return
    for key in ("price", "amount"):
        _check_path(problems, loc + ("levels", key), getattr(channel.levels, key), first)
    if marks is not None:
        _check_path(problems, loc + ("levels", "side", "field"), marks.field, first)


def _safe_placeholders(text: str) -> List[str]:
    try:
        return placeholders(text)
    except fieldpath.FieldPathError:
        return []


def _is_key_path(path: str) -> bool:
    try:
        return fieldpath.is_key_path(path)
    except fieldpath.FieldPathError:
        return False


def _routed(public: Any, channel: Any) -> str:
    """The value a channel's example must carry at route_field: the route itself, or (route_match prefix, suffix,
    contains, or a route template) any value the route matches."""
    if public.route_field is None:
        return channel.route
    try:
        value = fieldpath.read(channel.example, public.route_field)
    except fieldpath.FieldPathError:
        return channel.route
    return str(value) if routes.matches(routes.match_of(public, channel), channel.route, value) else channel.route


def _check_route_template(problems: List[Problem], loc: Loc, channel: Any) -> None:
    """A route holding {symbol} is a template reading the symbol; a plain route needs the channel's symbol path."""
    template = routes.symbol_template(channel.route)
    names = _safe_placeholders(channel.route)
    if template is not None and channel.route_match == "key":
        problems.append((loc + ("route_match",), "a route template reads the symbol in route_field: not by key"))
    elif template is None and "{" in channel.route:
        problems.append((loc + ("route",), "a route template names the symbol's place with {symbol}, its only placeholder"))
    elif template is not None and (names != ["symbol"] or not any(template)):
        problems.append(
            (loc + ("route",), "a route template holds {symbol} once, its only placeholder, with text around it")
        )
    if template is not None and channel.symbol is not None:
        problems.append((loc + ("symbol",), "the route template reads the symbol ({symbol}): leave symbol out"))
    elif template is None and channel.symbol is None:
        problems.append(
            (loc + ("symbol",), "required: where messages name their symbol (or a route template holding {symbol})")
        )


def _check_ws_token(problems: List[Problem], loc: Loc, token: Any, endpoint_ref: EndpointRef) -> None:
    """A websocket token fetched over REST (`public_ws.token`, `auth.private_ws.token`)."""
    example = endpoint_ref(loc + ("endpoint",), token.endpoint, needs_example=True)
    _check_path(problems, loc + ("token",), token.token, example)
    if token.ping_interval is not None:
        _check_path(problems, loc + ("ping_interval",), token.ping_interval.path, example)
    if token.server is None:
        if loc[0] == "public_ws":
            problems.append((loc + ("server",), "the public websocket connects to the announced server: give server"))
        elif token.connect_url != WsToken.model_fields["connect_url"].default:
            problems.append((loc + ("connect_url",), "without server the connection goes to urls.private_ws"))
        return
    _check_path(problems, loc + ("server",), token.server, example)
    _check_placeholders(problems, loc + ("connect_url",), token.connect_url, {"server", "token", "connect_id"})
    if "server" not in _safe_placeholders(token.connect_url):
        problems.append((loc + ("connect_url",), "the URL must start from the announced server: use {server}"))


def _check_user_stream(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`user_stream` events."""
    stream = spec.user_stream
    event = stream.order_event
    loc = ("user_stream", "order_event")
    names = event.route if isinstance(event.route, list) else [event.route]
    if not names:
        problems.append((loc + ("route",), "an empty list routes nothing: give the order events' names"))
    elif len(set(names)) != len(names):
        problems.append((loc + ("route",), "each order event name once"))
    # The example carries one of the names (the first counts when it carries none).
    documented = fieldpath.documented(event.example, stream.route_field)
    routed = [(loc, str(documented) if str(documented) in names else (names or [""])[0], event.example)]
    others = {"fill_event": stream.fill_event, "balance_event": stream.balance_event}
    for name, other in others.items():
        if other is not None and other.route in names:
            problems.append(
                (("user_stream", name, "route"), f"{other.route!r} is already an order event route (order_event.route)")
            )
    if stream.fill_event:
        routed.append((("user_stream", "fill_event"), stream.fill_event.route, stream.fill_event.example))
    if stream.balance_event:
        routed.append((("user_stream", "balance_event"), stream.balance_event.route, stream.balance_event.example))
    _check_routes(problems, ("user_stream", "route_field"), stream.route_field, routed)
    if stream.server_ping is not None:
        _check_server_ping(problems, ("user_stream", "server_ping"), stream.server_ping)
    _check_private_ws(spec, problems, endpoint_ref)
    _check_order_events(spec, problems)
    if stream.balance_event:
        _check_balance_rows(
            problems, ("user_stream", "balance_event"), stream.balance_event, stream.balance_event.example
        )


# The keys of `auth.private_ws` each scheme needs (given) and cannot use (refused).
PRIVATE_WS_KEYS = {
    "signed_subscribe": ("method", "api_key_param", "timestamp_param", "signature_param", "success"),
    "login": ("login_message", "signature", "success"),
    "listen_key": ("listen_key",),
    "token": ("token",),
    "signed_subscriptions": ("signature", "subscription_auth"),
    "headers": ("signature",),
}
USER_MESSAGE_PLACEHOLDERS = {"symbols", "time", "time_ms", "request_id"}


def jwt_subscriptions(spec: Spec) -> bool:
    """Whether each private subscription carries a JWT (`auth.private_ws.subscription_auth.value: "{jwt}"`)."""
    ws = spec.auth.private_ws
    return (
        spec.auth.rest.scheme == "jwt"
        and ws is not None
        and ws.scheme == "signed_subscriptions"
        and ws.subscription_auth is not None
        and ws.subscription_auth.value == "{jwt}"
    )


def _check_ws_headers(problems: List[Problem], loc: Tuple, ws: Any, credentials: set) -> None:
    """The headers scheme: its handshake headers (and {payload}); no other scheme sends headers or a payload."""
    if ws.scheme != "headers":
        for key in ("headers", "payload"):
            if getattr(ws, key):
                problems.append((loc + (key,), f"only the headers scheme sends {key}"))
        return
    if not ws.headers:
        problems.append((loc + ("headers",), "scheme headers needs headers"))
    if ws.timestamp is None:
        problems.append((loc + ("timestamp",), "the headers scheme needs the timestamp it signs"))
    if ws.payload is not None:
        _check_placeholders(problems, loc + ("payload", "text"), ws.payload.text, credentials | {"timestamp"})
    allowed = credentials | {"timestamp", "signature"} | ({"payload"} if ws.payload is not None else set())
    for name, template in ws.headers.items():
        _check_placeholders(problems, loc + ("headers", name), template, allowed)
    sent = {name for template in ws.headers.values() for name in _safe_placeholders(template)}
    if ws.headers and "signature" not in sent:
        problems.append((loc + ("headers",), "no header sends {signature}"))


def _check_private_ws(spec: Spec, problems: List[Problem], endpoint_ref: EndpointRef) -> None:
    """`auth.private_ws`, `user_stream` connection keys: what each scheme needs, placeholders, examples."""
    ws = spec.auth.private_ws
    stream = spec.user_stream
    loc = ("auth", "private_ws")
    _check_logs(problems, ("user_stream", "logs"), stream.logs, USER_STREAM_LOG_PLACEHOLDERS)
    credentials = {credential.name for credential in spec.credentials}
    needed = PRIVATE_WS_KEYS[ws.scheme]
    if jwt_subscriptions(spec):
        needed = ("subscription_auth",)  # (the token is the subscription's authentication: no signature)
    scheme_keys = {key for keys in PRIVATE_WS_KEYS.values() for key in keys} - {"success"}
    for key in needed:
        if getattr(ws, key) is None:
            problems.append((loc + (key,), f"scheme {ws.scheme} needs {key}"))
    for key in sorted(scheme_keys - set(needed)):
        if getattr(ws, key) is not None:
            problems.append((loc + (key,), f"scheme {ws.scheme} does not use {key}"))
    rest_secret = spec.auth.rest.secret
    if spec.auth.rest.scheme == "jwt" and ws.signature is not None and ws.signature.secret in (None, rest_secret):
        problems.append(
            (
                loc + ("signature", "secret"),
                f"{rest_secret} holds the private key of the JWTs, not an HMAC key: name the websocket's own secret",
            )
        )
    if spec.auth.rest.scheme == "jwt" and ws.scheme == "signed_subscribe":
        problems.append(
            (loc + ("scheme",), "signed_subscribe signs with the REST HMAC; auth.rest scheme jwt has none")
        )
    if ws.success:
        # `truthy: false` on a plain key tests that an error field is absent (or empty): the example may lack it.
        absent_ok = ws.success.truthy is False and fieldpath.is_key_path(ws.success.field)
        example = None if absent_ok else stream.example_subscribe_response
        _check_predicate(problems, loc + ("success",), ws.success, example)
    if ws.login_reply == "after_subscriptions":
        if ws.scheme != "login":
            problems.append((loc + ("login_reply",), f"only the login scheme has a login reply (scheme {ws.scheme})"))
        elif not stream.subscriptions:
            problems.append(
                (loc + ("login_reply",), "no user_stream.subscriptions to send before the reply: leave it out")
            )
    if ws.timestamp is not None and ws.scheme not in ("login", "headers"):
        problems.append((loc + ("timestamp",), "only the login and headers schemes send a timestamp of their own"))
    _check_ws_headers(problems, loc, ws, credentials)
    if ws.signature is not None:
        if ws.signature.secret is not None and ws.signature.secret not in credentials:
            problems.append((loc + ("signature", "secret"), f"unknown credential {ws.signature.secret!r}"))
        if ws.scheme == "login":
            _check_placeholders(
                problems, loc + ("signature", "payload"), ws.signature.payload, credentials | {"timestamp"}
            )
        elif ws.scheme == "headers":
            signed = credentials | {"timestamp"} | ({"payload"} if ws.payload is not None else set())
            _check_placeholders(problems, loc + ("signature", "payload"), ws.signature.payload, signed)
        elif ws.scheme == "signed_subscriptions":
            try:
                names = placeholders(ws.signature.payload)
            except fieldpath.FieldPathError as error:
                problems.append((loc + ("signature", "payload"), str(error)))
                names = []
            clock = _signing_clock(spec)
            for index, item in enumerate(stream.subscriptions):
                for name in names:
                    if name in clock:
                        continue
                    if not isinstance(item.message, dict) or name not in item.message:
                        problems.append(
                            (
                                ("user_stream", "subscriptions", index, "message"),
                                f"the signature signs {{{name}}}, a key every subscription message must have",
                            )
                        )
    if ws.login_message is not None:
        for message_loc, text in _walk_strings(ws.login_message, loc + ("login_message",)):
            _check_placeholders(problems, message_loc, text, credentials | {"timestamp", "signature"})
        if ws.timestamp is None:
            problems.append((loc + ("timestamp",), "the login scheme needs the timestamp it signs"))
    if ws.subscription_auth is not None:
        jwt = {"jwt"} if spec.auth.rest.scheme == "jwt" else set()
        for message_loc, text in _walk_strings(ws.subscription_auth.value, loc + ("subscription_auth", "value")):
            _check_placeholders(problems, message_loc, text, credentials | {"signature"} | _signing_clock(spec) | jwt)
            if jwt and "jwt" in _placeholders_or_none(text) and ws.subscription_auth.value != "{jwt}":
                problems.append((message_loc, 'the token is the whole value: write value: "{jwt}"'))
    if ws.listen_key is not None:
        listen_key = ws.listen_key
        key_loc = loc + ("listen_key",)
        example = endpoint_ref(key_loc + ("endpoint",), listen_key.endpoint, needs_example=True)
        if example is not None:
            _check_path(problems, key_loc + ("key",), listen_key.key, example)
        if (listen_key.param is None) == (listen_key.keepalive_path is None):
            problems.append((key_loc, "give exactly one of param and keepalive_path: where the keep-alive carries the key"))
        if listen_key.keepalive_path is not None:
            names = _safe_placeholders(listen_key.keepalive_path)
            if names != ["listen_key"] or not listen_key.keepalive_path.startswith("/"):
                problems.append(
                    (key_loc + ("keepalive_path",), "a path starting with /, holding {listen_key} once and nothing else")
                )
        if listen_key.url is not None and not re.fullmatch(r"https?://[^\s{}/]+(/[^\s{}]*)?", listen_key.url):
            problems.append((key_loc + ("url",), "an http(s) URL without placeholders (the same for every domain)"))
        for name, text in (listen_key.headers or {}).items():
            _check_placeholders(problems, key_loc + ("headers", name), text, credentials)
        if "listen_key" not in placeholders(spec.urls.private_ws):
            problems.append((("urls", "private_ws"), "the listen_key scheme connects with {listen_key} in this URL"))
    if ws.token is not None:
        _check_ws_token(problems, loc + ("token",), ws.token, endpoint_ref)
        if ws.token.ping_interval is not None and stream.ping is None:
            problems.append((("user_stream", "ping"), "the token gives a ping interval: give the ping message"))
    announced = ws.token is not None and ws.token.ping_interval is not None
    if stream.ping is not None and stream.ping.interval is None and not announced:
        problems.append((("user_stream", "ping", "interval"), "give the interval (no token announces it)"))
    public_compression = spec.public_ws.compression
    if None not in (public_compression, stream.compression) and public_compression != stream.compression:
        problems.append(
            (
                ("user_stream", "compression"),
                f"both websockets share one web assistants factory, which inflates every binary frame: use "
                f"public_ws.compression ({public_compression}) here too, or leave this out",
            )
        )
    if ws.event_envelope is not None and stream.queue_when is not None:
        problems.append((("user_stream", "queue_when"), "give either auth.private_ws.event_envelope or queue_when"))
    # A token announcing no server travels in the subscriptions.
    token = {"token"} if ws.token is not None and ws.token.server is None else set()
    for index, item in enumerate(stream.subscriptions):
        message_root = ("user_stream", "subscriptions", index, "message")
        for message_loc, text in _walk_strings(item.message, message_root):
            _check_placeholders(problems, message_loc, text, USER_MESSAGE_PLACEHOLDERS | token | {"symbol"})
            in_list = any(isinstance(step, int) for step in message_loc[len(message_root) :])
            if not in_list and "symbol" in _safe_placeholders(text):
                problems.append(
                    (message_loc, "{symbol} repeats a list item for each pair: use it inside a list (or use {symbols})")
                )
    if stream.all_pairs_symbols is not None and not any(
        "symbols" in _safe_placeholders(text)
        for item in stream.subscriptions
        for _, text in _walk_strings(item.message, ())
    ):
        problems.append((("user_stream", "all_pairs_symbols"), "no subscription message uses {symbols}"))
    if stream.ping is not None and not isinstance(stream.ping.message, str):
        for message_loc, text in _walk_strings(stream.ping.message, ("user_stream", "ping", "message")):
            _check_placeholders(problems, message_loc, text, USER_MESSAGE_PLACEHOLDERS - {"symbols"})
    if stream.queue_when is not None:
        queue_when = all_of(stream.queue_when)
        many = isinstance(stream.queue_when, list)
        if not queue_when:
            problems.append((("user_stream", "queue_when"), "give at least one condition, or leave queue_when out"))
        for index, predicate in enumerate(queue_when):
            _check_predicate(problems, ("user_stream", "queue_when") + ((index,) if many else ()), predicate)
            if many and not fieldpath.is_key_path(predicate.field):
                problems.append(
                    (
                        ("user_stream", "queue_when", index, "field"),
                        "a path of keys (the generated test breaks each condition of the list in turn)",
                    )
                )
        for name in ("order_event", "fill_event", "balance_event"):
            event = getattr(stream, name, None)
            if event is not None and not all(_holds(predicate, event.example) for predicate in queue_when):
                problems.append((("user_stream", name, "example"), "the example does not pass user_stream.queue_when"))
        if queue_when and all(_holds(predicate, stream.example_subscribe_response) for predicate in queue_when):
            problems.append(
                (
                    ("user_stream", "example_subscribe_response"),
                    "passes user_stream.queue_when: replies would be queued as events",
                )
            )

    if stream.error_when is not None:
        _check_stream_signal(problems, stream, "error_when", "error message", "the event would be an error")
        if _holds(stream.error_when, stream.example_subscribe_response):
            problems.append(
                (("user_stream", "example_subscribe_response"), "passes user_stream.error_when: a reply is no error")
            )
    if stream.terminated is not None:
        _check_stream_signal(problems, stream, "terminated", "ending event", "the event would end the stream")


def _check_stream_signal(problems: List[Problem], stream: Any, key: str, what: str, consequence: str) -> None:
    """`user_stream.error_when` / `terminated`: a message carrying a field on a path of keys (the generated test
    writes it), which no documented event carries."""
    loc = ("user_stream", key)
    predicate = getattr(stream, key)
    _check_predicate(problems, loc, predicate)
    if predicate.truthy is False or predicate.equals is False:
        problems.append((loc, f"the {what} must carry its field: use equals, one_of or truthy: true"))
    if not fieldpath.is_key_path(predicate.field):
        problems.append((loc + ("field",), f"a path of keys (the generated test writes the {what})"))
    for name in ("order_event", "fill_event", "balance_event"):
        event = getattr(stream, name, None)
        if event is not None and _holds(predicate, event.example):
            problems.append(((("user_stream", name, "example")), f"passes user_stream.{key}: {consequence}"))


def _check_extensions(spec: Spec, problems: List[Problem]) -> None:
    """`extensions`: each class at most once."""
    seen = set()
    for index, part in enumerate(spec.extensions):
        if part in seen:
            problems.append((("extensions", index), f"{part!r} is listed twice"))
        seen.add(part)


def _check_routes(problems: List[Problem], field_loc: Loc, route_field: str, messages: List[Tuple[Loc, str, Any]]):
    """Messages are routed by the value at route_field: each documented example must carry its declared route.

    When no example has the field, route_field itself is wrong; otherwise the examples lacking it are."""
    missing = []
    for loc, route, example in messages:
        try:
            value = fieldpath.read(example, route_field)
        except fieldpath.FieldPathError:
            missing.append(loc)
            continue
        if str(value) != route:
            problems.append((loc + ("route",), f"the example carries {value!r} at {route_field!r}, not {route!r}"))
    if missing and len(missing) == len(messages):
        problems.append((field_loc, f"no example has a value at {route_field!r}"))
    else:
        problems.extend(
            (loc + ("example",), f"the example has no value at route_field {route_field!r}") for loc in missing
        )


def _check_balance_rows(problems: List[Problem], loc: Loc, balances: Any, example: Any) -> None:
    given = [field for field in ("available", "locked", "total") if getattr(balances, field) is not None]
    kinds = getattr(balances, "kinds", None)
    if kinds is not None:
        if given:
            problems.append((loc + (given[0],), "with kinds, the amounts are read by kind: give kinds.available, "
                             "kinds.locked or kinds.total instead"))
        given = [field for field in ("available", "locked", "total") if getattr(kinds, field) is not None]
        repeated = [kind for kind in kinds.of_kind() if sum(kind in (getattr(kinds, f) or []) for f in given) > 1]
        if repeated:
            problems.append((loc + ("kinds",), f"kind {repeated[0]!r} is listed for two amounts"))
        loc_given = loc + ("kinds",)
    else:
        loc_given = loc
    if len(given) != 2:
        problems.append((loc_given, "give exactly two of available, locked and total (the third is computed)"))
    single_row = getattr(balances, "row", None)
    if (balances.rows is None) == (single_row is None):
        problems.append((loc, "give exactly one of rows (a list of balances) and row (a single balance)"))
        return
    if example is None:
        return
    if single_row is not None:
        try:
            row = fieldpath.read(example, single_row)
        except fieldpath.FieldPathError as error:
            problems.append((loc + ("row",), str(error)))
            return
    else:
        try:
            rows = fieldpath.read(example, balances.rows)
            # A map of balances (keyed by asset) only at the balances endpoint, which the generated code iterates.
            row = (fieldpath.rows_of(rows) if single_row is None and loc == ("balances",) else rows)[0]
        except fieldpath.FieldPathError as error:
            problems.append((loc + ("rows",), str(error)))
            return
        except (IndexError, KeyError, TypeError):
            problems.append((loc + ("rows",), "expected a non-empty list of balances in the example"))
            return
    for field in ("asset", "available", "locked", "total"):
        path = getattr(balances, field)
        if isinstance(path, list):
            # locked as the sum of several fields (Backpack's locked and staked).
            if not path:
                problems.append((loc + (field,), "an empty list: give the fields whose sum is locked"))
            for index, item in enumerate(path):
                _check_path(problems, loc + (field, index), item, row)
        elif isinstance(path, SumOf):
            for index, item in enumerate(path.sum):
                _check_path(problems, loc + (field, "sum", index), item, row)
        elif isinstance(path, FirstOf):
            for index, choice in enumerate(path.first_of):
                if isinstance(choice, SumOf):
                    for part, item in enumerate(choice.sum):
                        _check_path(problems, loc + (field, "first_of", index, "sum", part), item, row)
                else:
                    _check_path(problems, loc + (field, "first_of", index), choice, row)
        elif path is not None:
            _check_path(problems, loc + (field,), path, row)
    if kinds is not None:
        _check_path(problems, loc + ("kinds", "field"), kinds.field, row)
        _check_path(problems, loc + ("kinds", "amount"), kinds.amount, row)
        listed = list(kinds.of_kind())
        if not any(fieldpath.documented(item, kinds.field) in listed for item in fieldpath.rows_of(rows)):
            problems.append((loc + ("kinds",), f"no row of the example has a listed kind at {kinds.field!r}"))
