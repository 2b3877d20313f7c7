"""Rebuild the malformed-spec corpus from specs/binance.yaml: `python tests/corpus/build_corpus.py`.

Optional tooling: the *.yaml files next to this script are the source of truth and are reviewed as they are. Each
case copies the reference spec, applies exact replacements (each `old` must occur exactly once, so a change to
binance.yaml makes this script stop rather than build a wrong case), and records in a two-line header the line
where the problem must be reported: the line holding the marker `at` (its `nth` occurrence; a leading ^ makes it
a regular expression), counted in the written file.
"""

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent
BASE = (OUT.parent.parent / "specs" / "binance.yaml").read_text(encoding="utf-8")
HEADER_LINES = 2

CASES = []


def case(name, desc, repl=(), at=None, nth=1, frag=None, text=None, line=None, encoding="utf-8"):
    CASES.append(
        dict(name=name, desc=desc, repl=repl, at=at, nth=nth, frag=frag, text=text, line=line, encoding=encoding)
    )


def build(c):
    body = BASE if c["text"] is None else c["text"]
    for old, new in c["repl"]:
        count = body.count(old)
        if count != 1:
            sys.exit(f"{c['name']}: {old!r} occurs {count} times")
        body = body.replace(old, new)
    if c["line"] is not None:
        line = c["line"]
    else:
        at = c["at"]
        match = (lambda l: re.search(at, l)) if at.startswith("^") else (lambda l: at in l)
        hits = [i for i, l in enumerate(body.splitlines(), start=1) if match(l)]
        if len(hits) < c["nth"]:
            sys.exit(f"{c['name']}: marker {c['at']!r} not found (nth={c['nth']})")
        line = hits[c["nth"] - 1] + HEADER_LINES
    expect = f"# expect: {line}" + (f": {c['frag']}" if c["frag"] else "")
    return f"{expect}\n# {c['desc']}\n{body}"


# ---------------------------------------------------------------- YAML syntax
case(
    "syntax_tab_indent",
    "A tab instead of spaces indents exchange.display_name.",
    [("  display_name: Binance\n", "\tdisplay_name: Binance\n")],
    at="display_name: Binance",
    frag='a tab character',
)
case(
    "syntax_tab_deep",
    "A tab indents a key deep inside an example_response.",
    [("      serverTime: 1499827319559\n", "    \tserverTime: 1499827319559\n")],
    at="serverTime: 1499827319559",
    frag='a tab character',
)
case(
    "syntax_tab_after_dash",
    "A tab separates a list dash from its item (credentials).",
    [("  - name: api_secret\n", "  -\tname: api_secret\n")],
    at="name: api_secret",
    frag='a tab character',
)
case(
    "syntax_indent_too_deep",
    "exchange.display_name is indented 3 spaces instead of 2.",
    [("  display_name: Binance\n", "   display_name: Binance\n")],
    at="display_name: Binance",
    frag='indented 3 spaces, deeper than the line above',
)
case(
    "syntax_indent_too_shallow",
    "fees.taker_percent is indented 3 spaces instead of 4.",
    [('    taker_percent: "0.001"\n', '   taker_percent: "0.001"\n')],
    at="taker_percent",
    frag='indented 3 spaces, which matches no enclosing block (0, 2 or 4 spaces)',
)
case(
    "syntax_indent_list_item",
    "The second credential's dash is indented one space more than the first.",
    [("  - name: api_secret\n", "   - name: api_secret\n")],
    at="name: api_secret",
    frag='indented 3 spaces, which matches no enclosing block (0, 2 or 4 spaces)',
)
case(
    "syntax_indent_key_under_scalar",
    "A key indented under a scalar value (path: /ping).",
    [("    path: /ping\n    constant: PING_PATH_URL\n", "    path: /ping\n      constant: PING_PATH_URL\n")],
    at="constant: PING_PATH_URL",
    frag='indented 6 spaces, deeper than the line above',
)
case(
    "syntax_unclosed_double_quote",
    "A double quote opened in a credential prompt is never closed.",
    [("    prompt: Enter your Binance API key\n", '    prompt: "Enter your Binance API key\n')],
    at='prompt: "Enter',
)
case(
    "syntax_unclosed_single_quote",
    "A single quote opened in exchange.display_name is never closed.",
    [("  display_name: Binance\n", "  display_name: 'Binance\n")],
    at="display_name: 'Binance",
)
case(
    "syntax_unclosed_quote_last_line",
    "The last value of the file opens a quote it never closes.",
    [("    result: {subscriptionId: 0}", '    result: "{subscriptionId: 0}')],
    at='result: "{subscriptionId',
)
case(
    "syntax_unclosed_flow_mapping",
    "The flow mapping of endpoints.ping.weights lacks its closing brace.",
    [
        (
            "    weights: {REQUEST_WEIGHT: 1, RAW_REQUESTS: 1}\n    example_response: {}\n",
            "    weights: {REQUEST_WEIGHT: 1, RAW_REQUESTS: 1\n    example_response: {}\n",
        )
    ],
    at="weights: {REQUEST_WEIGHT: 1, RAW_REQUESTS: 1",
)
case(
    "syntax_unclosed_flow_sequence",
    "The flow sequence of auth.time_sync.error_matches lacks its closing bracket.",
    [
        (
            '    error_matches: ["-1021", "Timestamp for this request"]\n',
            '    error_matches: ["-1021", "Timestamp for this request"\n',
        )
    ],
    at="error_matches:",
)
case(
    "syntax_unclosed_bracket_in_example",
    "A bid row in an example_response lacks its closing bracket.",
    [('        - ["4.00000000", "431.00000000"]\n', '        - ["4.00000000", "431.00000000"\n')],
    at='- ["4.00000000"',
)
case(
    "syntax_extra_closing_brace",
    "An extra closing brace after endpoints.ping.weights.",
    [
        (
            "    weights: {REQUEST_WEIGHT: 1, RAW_REQUESTS: 1}\n    example_response: {}\n",
            "    weights: {REQUEST_WEIGHT: 1, RAW_REQUESTS: 1}}\n    example_response: {}\n",
        )
    ],
    at="RAW_REQUESTS: 1}}",
)
case(
    "syntax_missing_colon",
    "exchange.name is written without its colon.",
    [("  name: binance\n", "  name binance\n")],
    at="name binance",
)
case(
    "syntax_undefined_alias",
    "markets.symbols.endpoint uses an alias that no anchor defines.",
    [("    endpoint: exchange_info\n    rows: symbols\n", "    endpoint: *exchange_info\n    rows: symbols\n")],
    at="*exchange_info",
)
case(
    "syntax_bad_escape",
    "A double-quoted prompt contains an unknown escape sequence.",
    [("    prompt: Enter your Binance API secret\n", '    prompt: "Enter your Binance API \\secret"\n')],
    at="\\secret",
)
case(
    "syntax_second_document",
    "A second YAML document follows the spec.",
    [("    result: {subscriptionId: 0}", "    result: {subscriptionId: 0}\n---\nspec_version: 1")],
    at="---",
)
case(
    "syntax_tiny_tab",
    "A tiny file indented with a tab.",
    text="spec_version: 1\nexchange:\n\tname: binance\n",
    at="\tname",
    frag='a tab character',
)
case(
    "syntax_tiny_unclosed_bracket",
    "A tiny file whose flow sequence is never closed.",
    text="spec_version: 1\ncredentials: [api_key, api_secret\n",
    at="credentials:",
)

# ---------------------------------------------------------------- duplicate keys
case(
    "duplicate_top_level_key",
    "spec_version is given twice at the top level.",
    [("spec_version: 1\n", "spec_version: 1\nspec_version: 1\n")],
    at="spec_version",
    nth=2,
    frag="spec_version",
)
case(
    "duplicate_top_level_section",
    "A second urls section at the end of the file.",
    [
        (
            "    result: {subscriptionId: 0}",
            "    result: {subscriptionId: 0}\n\nurls:\n  rest: https://api.binance.com/api/v3\n",
        )
    ],
    at="urls:",
    nth=2,
    frag="urls",
)
case(
    "duplicate_exchange_key",
    "exchange.centralized is given twice.",
    [("  centralized: true\n", "  centralized: true\n  centralized: false\n")],
    at="centralized",
    nth=2,
    frag="exchange.centralized",
)
case(
    "duplicate_flow_mapping_key",
    "A rate-limit pool written as a flow mapping repeats limit.",
    [("    - {id: ORDERS, limit: 100, interval: 10}\n", "    - {id: ORDERS, limit: 100, interval: 10, limit: 50}\n")],
    at="limit: 50",
    frag="rate_limits.pools[1].limit",
)
case(
    "duplicate_endpoint_name",
    "Two endpoints are both named ping.",
    [("  server_time:\n    path: /time\n", "  ping:\n    path: /time\n")],
    at="  ping:",
    nth=2,
    frag="endpoints.ping",
)
case(
    "duplicate_key_in_example_response",
    "An example_response repeats serverTime.",
    [("      serverTime: 1499827319559\n", "      serverTime: 1499827319559\n      serverTime: 1499827319560\n")],
    at="serverTime: 1499827319560",
    frag="endpoints.server_time.example_response.serverTime",
)
case(
    "duplicate_key_in_list_item",
    "A credential list item repeats name.",
    [
        (
            "  - name: api_secret\n    prompt: Enter your Binance API secret\n",
            "  - name: api_secret\n    prompt: Enter your Binance API secret\n    name: api_passphrase\n",
        )
    ],
    at="name: api_passphrase",
    frag="credentials[1].name",
)
case(
    "duplicate_key_in_ws_example",
    "The user-stream order event example repeats the key E.",
    [
        (
            "      e: executionReport\n      E: 1499405658658\n",
            "      e: executionReport\n      E: 1499405658658\n      E: 1499405658659\n",
        )
    ],
    at="E: 1499405658659",
    frag="user_stream.order_event.example.E",
)
case(
    "duplicate_order_state",
    "orders.states maps NEW twice.",
    [("    NEW: OPEN\n", "    NEW: OPEN\n    NEW: PENDING_CREATE\n")],
    at="^    NEW: PENDING_CREATE",
    frag="orders.states.NEW",
)
case(
    "duplicate_channel",
    "public_ws.channels defines trade twice.",
    [("  channels:\n    trade:\n", "  channels:\n    trade: {}\n    trade:\n")],
    at="    trade:",
    nth=2,
    frag="public_ws.channels.trade",
)
case(
    "duplicate_order_type",
    "orders.order_types lists LIMIT twice.",
    [("    LIMIT_MAKER: {type: LIMIT_MAKER}\n", "    LIMIT_MAKER: {type: LIMIT_MAKER}\n    LIMIT: {type: LIMIT}\n")],
    at="LIMIT: {type: LIMIT}",
    nth=1,
    frag="orders.order_types.LIMIT",
)

# ---------------------------------------------------------------- not a spec at all
case("comment_only", "A file holding nothing but comments.", text="# Binance spot\n# TODO: write the spec\n", line=1)
case("document_marker_only", "A file holding only a document start marker.", text="---\n", line=1)
case(
    "root_is_list",
    "The top level is a list, not a mapping.",
    text="- spec_version: 1\n- exchange: {name: binance}\n",
    at="- spec_version",
)
case("root_is_scalar", "The top level is a plain string.", text="binance\n", at="binance")
case("root_is_number", "The top level is a number.", text="42\n", at="42")
case("root_is_null", "The top level is an explicit null.", text="~\n", at="~")

# ---------------------------------------------------------------- wrong types
case(
    "type_string_for_int",
    "orders.client_order_id.max_length is a word, not an integer.",
    [("max_length: 32", "max_length: thirty-two")],
    at="thirty-two",
    frag="orders.client_order_id.max_length",
)
case(
    "type_string_for_int_in_flow",
    "A pool limit is a word, not an integer.",
    [("{id: ORDERS, limit: 100, interval: 10}", "{id: ORDERS, limit: hundred, interval: 10}")],
    at="hundred",
    frag="rate_limits.pools[1].limit",
)
case(
    "type_string_for_number",
    "public_ws.heartbeat_interval is a word, not a number.",
    [("  heartbeat_interval: 30\n", "  heartbeat_interval: thirty\n")],
    at="heartbeat_interval",
    frag="public_ws.heartbeat_interval",
)
case(
    "type_float_for_int",
    "orders.client_order_id.max_length has a fractional part.",
    [("max_length: 32", "max_length: 32.5")],
    at="32.5",
    frag="orders.client_order_id.max_length",
)
case(
    "type_bool_for_int",
    "orders.client_order_id.max_length is a boolean.",
    [("max_length: 32", "max_length: true")],
    at="max_length: true",
    frag="orders.client_order_id.max_length",
)
case(
    "type_bool_for_int_weight",
    "An endpoint weight is a boolean.",
    [
        (
            "    weights: {REQUEST_WEIGHT: 20, RAW_REQUESTS: 1}\n    example_response:\n      timezone",
            "    weights: {REQUEST_WEIGHT: true, RAW_REQUESTS: 1}\n    example_response:\n      timezone",
        )
    ],
    at="REQUEST_WEIGHT: true",
    frag="endpoints.exchange_info.weights.REQUEST_WEIGHT",
)
case(
    "type_bool_for_int_pool_limit",
    "A pool limit is the YAML 1.1 boolean yes.",
    [("{id: ORDERS, limit: 100, interval: 10}", "{id: ORDERS, limit: yes, interval: 10}")],
    at="limit: yes",
    frag="rate_limits.pools[1].limit",
)
case(
    "type_list_for_mapping",
    "exchange.fees is a list instead of a mapping.",
    [
        (
            '  fees:\n    maker_percent: "0.001"\n    taker_percent: "0.001"\n    buy_percent_fee_deducted_from_returns: true\n',
            '  fees: ["0.001", "0.001"]\n',
        )
    ],
    at="fees:",
    frag="exchange.fees",
)
case(
    "type_list_for_mapping_nested",
    "markets.symbols.format is a list instead of a mapping.",
    [('    format: {separator: "", case: upper}\n', '    format: ["", upper]\n')],
    at="format:",
    frag="markets.symbols.format",
)
case(
    "type_mapping_for_string",
    "exchange.display_name is a mapping instead of a string.",
    [("  display_name: Binance\n", "  display_name: {en: Binance}\n")],
    at="display_name",
    frag="exchange.display_name",
)
case(
    "type_mapping_for_string_path",
    "endpoints.ping.path is a mapping instead of a string.",
    [("    path: /ping\n", "    path: {url: /ping}\n")],
    at="{url: /ping}",
    frag="endpoints.ping.path",
)
case(
    "type_mapping_for_field_path",
    "markets.last_traded_price.price is a mapping instead of a field path.",
    [
        (
            '    params: {symbol: "{symbol}"}\n    price: price\n',
            '    params: {symbol: "{symbol}"}\n    price: {path: price}\n',
        )
    ],
    at="{path: price}",
    frag="markets.last_traded_price.price",
)
case(
    "type_list_for_field_path",
    "user_stream.order_event.exchange_order_id is a list (only client_order_id takes one).",
    [("    exchange_order_id: i\n", "    exchange_order_id: [i, I]\n")],
    at="[i, I]",
    frag="user_stream.order_event.exchange_order_id",
)
case(
    "type_int_for_string",
    "exchange.display_name is a number.",
    [("  display_name: Binance\n", "  display_name: 42\n")],
    at="display_name: 42",
    frag="exchange.display_name",
)
case(
    "type_null_for_string",
    "exchange.display_name is left empty (null).",
    [("  display_name: Binance\n", "  display_name:\n")],
    at="display_name:",
    frag="exchange.display_name",
)
case(
    "type_string_for_bool",
    "orders.cancel.synchronous is a word, not a boolean.",
    [("    synchronous: true\n", "    synchronous: maybe\n")],
    at="synchronous: maybe",
    frag="orders.cancel.synchronous",
)
case(
    "type_string_for_list",
    "credentials is a single string instead of a list.",
    [
        (
            "credentials:\n  - name: api_key\n    prompt: Enter your Binance API key\n  - name: api_secret\n    prompt: Enter your Binance API secret\n",
            "credentials: api_key\n",
        )
    ],
    at="credentials:",
    frag="credentials",
)
case(
    "type_list_for_string",
    "markets.check_network is a list instead of an endpoint name.",
    [("  check_network: ping\n", "  check_network: [ping]\n")],
    at="check_network",
    frag="markets.check_network",
)
case(
    "type_mapping_for_list",
    "rate_limits.pools is a mapping instead of a list.",
    [
        (
            "  pools:\n    - {id: REQUEST_WEIGHT, limit: 6000, interval: 60}\n    - {id: ORDERS, limit: 100, interval: 10}\n"
            "    - {id: ORDERS_24HR, limit: 200000, interval: 86400}\n    - {id: RAW_REQUESTS, limit: 61000, interval: 300}\n",
            "  pools:\n    REQUEST_WEIGHT: {limit: 6000, interval: 60}\n",
        )
    ],
    at="  pools:",
    frag="rate_limits.pools",
)
case(
    "type_bad_decimal",
    "exchange.fees.maker_percent is a percentage string, not a decimal.",
    [('    maker_percent: "0.001"\n', '    maker_percent: "0.1%"\n')],
    at="maker_percent",
    frag="exchange.fees.maker_percent",
)
case(
    "type_spec_version_string",
    'spec_version is the string "1".',
    [("spec_version: 1\n", 'spec_version: "1"\n')],
    at="spec_version",
    frag="spec_version",
)
case(
    "type_int_for_string_sides",
    "orders.create.sides maps to numbers.",
    [("    sides: {BUY: BUY, SELL: SELL}\n", "    sides: {BUY: 1, SELL: 2}\n")],
    at="sides:",
    frag="orders.create.sides.BUY",
)

# ---------------------------------------------------------------- missing required fields
case(
    "missing_top_exchange",
    "The exchange section is missing.",
    [
        (
            "exchange:\n  name: binance\n  display_name: Binance\n  docs_url: https://developers.binance.com/docs/binance-spot-api-docs\n"
            '  centralized: true\n  example_pair: ZRX-ETH\n  # Binance.US runs the same API on api.binance.us; Hummingbot lists it as the connector "binance_us".\n'
            '  domains:\n    default: com\n    others:\n      us:\n        example_pair: BTC-USDT\n  fees:\n    maker_percent: "0.001"\n'
            '    taker_percent: "0.001"\n    buy_percent_fee_deducted_from_returns: true\n\n',
            "",
        )
    ],
    at="spec_version",
    frag="exchange",
)
case(
    "missing_top_urls",
    "The urls section is missing.",
    [
        (
            "urls:\n  rest: https://api.binance.{domain}/api/v3\n  public_ws: wss://stream.binance.{domain}:9443/ws\n"
            "  private_ws: wss://ws-api.binance.{domain}:443/ws-api/v3\n\n",
            "",
        )
    ],
    at="spec_version",
    frag="urls",
)
case(
    "missing_top_spec_version",
    "spec_version is missing.",
    [("spec_version: 1\n", "")],
    at="exchange:",
    frag="spec_version",
)
case(
    "missing_top_balances",
    "The balances section is missing (optional in the schema, required to generate).",
    [("balances:\n  endpoint: account\n  rows: balances\n  asset: asset\n  available: free\n  locked: locked\n\n", "")],
    at="spec_version",
    frag="balances",
)
case(
    "missing_exchange_name",
    "exchange.name is missing.",
    [("  name: binance\n", "")],
    at="exchange:",
    frag="exchange.name",
)
case(
    "missing_fees_maker_percent",
    "exchange.fees.maker_percent is missing.",
    [('    maker_percent: "0.001"\n', "")],
    at="  fees:",
    frag="exchange.fees.maker_percent",
)
case(
    "missing_auth_rest_secret",
    "auth.rest.secret is missing.",
    [("    secret: api_secret\n", "")],
    at="  rest:",
    nth=2,
    frag="auth.rest.secret",
)
case(
    "missing_endpoint_path",
    "endpoints.ping.path is missing.",
    [("    path: /ping\n", "")],
    at="  ping:",
    frag="endpoints.ping.path",
)
case(
    "missing_symbols_base",
    "markets.symbols.base is missing.",
    [("    base: baseAsset\n", "")],
    at="^  symbols:$",
    frag="markets.symbols.base",
)
case(
    "missing_create_example_response",
    "orders.create.example_response is missing.",
    [
        (
            "    timestamp: {path: transactTime, unit: ms}\n    example_response:\n      symbol: BTCUSDT\n      orderId: 28\n      orderListId: -1\n"
            '      clientOrderId: 6gCrw2kRUAF9CvJDGP16IP\n      transactTime: 1507725176595\n      price: "0.00000000"\n      origQty: "10.00000000"\n'
            '      executedQty: "10.00000000"\n      origQuoteOrderQty: "0.000000"\n      cummulativeQuoteQty: "10.00000000"\n      status: FILLED\n'
            "      timeInForce: GTC\n      type: MARKET\n      side: SELL\n      workingTime: 1507725176595\n      selfTradePreventionMode: NONE\n",
            "    timestamp: {path: transactTime, unit: ms}\n",
        )
    ],
    at="  create:",
    frag="orders.create.example_response",
)
case(
    "missing_channel_timestamp",
    "public_ws.channels.trade.timestamp is missing.",
    [("      amount: q\n      timestamp: {path: E, unit: ms}\n", "      amount: q\n")],
    at="    trade:",
    frag="public_ws.channels.trade.timestamp",
)
case(
    "missing_order_event_state",
    "user_stream.order_event.state is missing.",
    [("    state: X\n", "")],
    at="  order_event:",
    frag="user_stream.order_event.state",
)
case(
    "missing_pool_interval",
    "A rate-limit pool has no interval.",
    [("{id: ORDERS, limit: 100, interval: 10}", "{id: ORDERS, limit: 100}")],
    at="{id: ORDERS, limit: 100}",
    frag="rate_limits.pools[1].interval",
)
case(
    "missing_endpoint_default",
    "rate_limits.endpoint_default is missing.",
    [
        (
            "  # Per-endpoint limit given to every endpoint unless it sets its own.\n  endpoint_default: {limit: 5000, interval: 60}\n",
            "",
        )
    ],
    at="rate_limits:",
    frag="rate_limits.endpoint_default",
)
case(
    "missing_credential_prompt",
    "The first credential has no prompt.",
    [("    prompt: Enter your Binance API key\n", "")],
    at="- name: api_key",
    frag="credentials[0].prompt",
)
case(
    "missing_private_ws_success",
    "auth.private_ws.success is missing.",
    [("    success: {field: status, equals: 200}\n", "")],
    at="^  private_ws:$",
    frag="auth.private_ws.success",
)
case(
    "empty_credentials",
    "credentials is an empty list.",
    [
        (
            "credentials:\n  - name: api_key\n    prompt: Enter your Binance API key\n  - name: api_secret\n    prompt: Enter your Binance API secret\n",
            "credentials: []\n",
        )
    ],
    at="credentials:",
    frag="credentials",
)
case(
    "missing_api_key_credential",
    "No credential is named api_key (the header reads {key}).",
    [
        ("  - name: api_key\n", "  - name: key\n"),
        ('      X-MBX-APIKEY: "{api_key}"\n', '      X-MBX-APIKEY: "{key}"\n'),
    ],
    at="credentials:",
    frag="credentials",
)

# ---------------------------------------------------------------- unknown keys, every level
case(
    "unknown_top_level",
    "An unknown top-level key: version (next to spec_version).",
    [("spec_version: 1\n", "spec_version: 1\nversion: 2\n")],
    at="version: 2",
    frag="version",
)
case(
    "unknown_top_level_typo",
    "A misspelt top-level section: markts.",
    [("markets:\n  check_network: ping\n", "markts:\n  check_network: ping\n")],
    at="markts:",
    frag="markts",
)
case(
    "unknown_exchange_centralised",
    "exchange.centralised: British spelling of centralized.",
    [("  centralized: true\n", "  centralised: true\n")],
    at="centralised",
    frag="exchange.centralised",
)
case(
    "unknown_domains_key",
    "exchange.domains.defualt: typo of default.",
    [("    default: com\n", "    defualt: com\n")],
    at="defualt",
    frag="exchange.domains.defualt",
)
case(
    "unknown_other_domain_key",
    "exchange.domains.others.us.example_par: typo of example_pair.",
    [("        example_pair: BTC-USDT\n", "        example_par: BTC-USDT\n")],
    at="example_par:",
    frag="exchange.domains.others.us.example_par",
)
case(
    "unknown_fees_key",
    "exchange.fees.buy_percent_fee_deducted_from_return: missing trailing s.",
    [("    buy_percent_fee_deducted_from_returns: true\n", "    buy_percent_fee_deducted_from_return: true\n")],
    at="buy_percent_fee_deducted_from_return:",
    frag="exchange.fees.buy_percent_fee_deducted_from_return",
)
case(
    "unknown_urls_key",
    "urls.privat_ws: typo of private_ws.",
    [("  private_ws: wss://ws-api", "  privat_ws: wss://ws-api")],
    at="privat_ws",
    frag="urls.privat_ws",
)
case(
    "unknown_credential_key",
    "credentials[0].promt: typo of prompt.",
    [("    prompt: Enter your Binance API key\n", "    promt: Enter your Binance API key\n")],
    at="promt",
    frag="credentials[0].promt",
)
case(
    "unknown_auth_key",
    "auth.time_synch: typo of time_sync.",
    [("  time_sync:\n", "  time_synch:\n")],
    at="time_synch",
    frag="auth.time_synch",
)
case(
    "unknown_auth_rest_key",
    "auth.rest.signature_parameter: typo of signature_param.",
    [("    signature_param: signature\n    headers:", "    signature_parameter: signature\n    headers:")],
    at="signature_parameter",
    frag="auth.rest.signature_parameter",
)
case(
    "unknown_auth_timestamp_key",
    "auth.rest.timestamp.units: typo of unit.",
    [("    timestamp: {param: timestamp, unit: ms}\n", "    timestamp: {param: timestamp, units: ms}\n")],
    at="units: ms",
    frag="auth.rest.timestamp.units",
)
case(
    "unknown_time_sync_key",
    "auth.time_sync.error_exmaple: typo of error_example.",
    [("    error_example: {code: -1021", "    error_exmaple: {code: -1021")],
    at="error_exmaple",
    frag="auth.time_sync.error_exmaple",
)
case(
    "unknown_private_ws_key",
    "auth.private_ws.envelope: typo of event_envelope.",
    [("    event_envelope: event\n", "    envelope: event\n")],
    at="envelope: event",
    frag="auth.private_ws.envelope",
)
case(
    "unknown_predicate_key",
    "auth.private_ws.success.equal: typo of equals.",
    [("    success: {field: status, equals: 200}\n", "    success: {field: status, equal: 200}\n")],
    at="equal: 200",
    frag="auth.private_ws.success.equal",
)
case(
    "unknown_pool_key",
    "A rate-limit pool has an unknown key burst.",
    [("{id: ORDERS, limit: 100, interval: 10}", "{id: ORDERS, limit: 100, interval: 10, burst: 5}")],
    at="burst: 5",
    frag="rate_limits.pools[1].burst",
)
case(
    "unknown_endpoint_default_key",
    "rate_limits.endpoint_default.weight is not a key.",
    [
        (
            "  endpoint_default: {limit: 5000, interval: 60}\n",
            "  endpoint_default: {limit: 5000, interval: 60, weight: 1}\n",
        )
    ],
    at="endpoint_default",
    frag="rate_limits.endpoint_default.weight",
)
case(
    "unknown_endpoint_exmaple_response",
    "endpoints.server_time.exmaple_response: typo of example_response.",
    [
        (
            "    example_response:\n      serverTime: 1499827319559\n",
            "    exmaple_response:\n      serverTime: 1499827319559\n",
        )
    ],
    at="exmaple_response",
    frag="endpoints.server_time.exmaple_response",
)
case(
    "unknown_endpoint_method",
    "endpoints.ping.method: endpoints carry no method.",
    [("    path: /ping\n", "    path: /ping\n    method: GET\n")],
    at="method: GET",
    frag="endpoints.ping.method",
)
case(
    "unknown_endpoint_limit_key",
    "endpoints.ping.limit.burst: unknown key in a per-endpoint limit.",
    [("    path: /ping\n", "    path: /ping\n    limit: {limit: 10, interval: 1, burst: 2}\n")],
    at="burst: 2",
    frag="endpoints.ping.limit.burst",
)
case(
    "unknown_markets_key",
    "markets.check_netwrok: typo of check_network.",
    [("  check_network: ping\n", "  check_netwrok: ping\n")],
    at="check_netwrok",
    frag="markets.check_netwrok",
)
case(
    "unknown_symbols_key",
    "markets.symbols.valid_if: typo of valid_when.",
    [("    valid_when:\n", "    valid_if:\n")],
    at="valid_if",
    frag="markets.symbols.valid_if",
)
case(
    "unknown_symbol_format_key",
    "markets.symbols.format.sep is not a key.",
    [('    format: {separator: "", case: upper}\n', '    format: {separator: "", case: upper, sep: "-"}\n')],
    at="sep:",
    frag="markets.symbols.format.sep",
)
case(
    "unknown_valid_when_key",
    "markets.symbols.valid_when[1].truthly: typo of truthy.",
    [
        (
            "      - {field: isSpotTradingAllowed, truthy: true}\n",
            "      - {field: isSpotTradingAllowed, truthly: true}\n",
        )
    ],
    at="truthly",
    frag="markets.symbols.valid_when[1].truthly",
)
case(
    "unknown_trading_rules_key",
    "markets.trading_rules.min_notional: typo of min_notional_size.",
    [("    min_notional_size: filters", "    min_notional: filters")],
    at="min_notional:",
    frag="markets.trading_rules.min_notional",
)
case(
    "unknown_last_traded_price_key",
    "markets.last_traded_price.param: typo of params.",
    [('    params: {symbol: "{symbol}"}\n    price: price\n', '    param: {symbol: "{symbol}"}\n    price: price\n')],
    at="^    param:",
    frag="markets.last_traded_price.param",
)
case(
    "unknown_snapshot_key",
    "markets.order_book_snapshot.last_update_id: not update_id.",
    [("    update_id: lastUpdateId\n", "    last_update_id: lastUpdateId\n")],
    at="last_update_id",
    frag="markets.order_book_snapshot.last_update_id",
)
case(
    "unknown_orders_key",
    "orders.open_order: typo of open_orders.",
    [("  open_orders:\n    endpoint: open_orders\n", "  open_order:\n    endpoint: open_orders\n")],
    at="open_order:",
    frag="orders.open_order",
)
case(
    "unknown_client_order_id_key",
    "orders.client_order_id.max_len: typo of max_length.",
    [("max_length: 32", "max_len: 32")],
    at="max_len",
    frag="orders.client_order_id.max_len",
)
case(
    "unknown_order_type_encoding_key",
    "orders.order_types.LIMIT.timeInForce: the exchange's spelling, not time_in_force.",
    [("    LIMIT: {type: LIMIT, time_in_force: GTC}\n", "    LIMIT: {type: LIMIT, timeInForce: GTC}\n")],
    at="timeInForce: GTC}",
    frag="orders.order_types.LIMIT.timeInForce",
)
case(
    "unknown_create_key",
    "orders.create.order_id: not exchange_order_id.",
    [
        (
            "    sides: {BUY: BUY, SELL: SELL}\n    exchange_order_id: orderId\n",
            "    sides: {BUY: BUY, SELL: SELL}\n    order_id: orderId\n",
        )
    ],
    at="    order_id: orderId",
    frag="orders.create.order_id",
)
case(
    "unknown_sides_key",
    "orders.create.sides.BOTH is not a side.",
    [("    sides: {BUY: BUY, SELL: SELL}\n", "    sides: {BUY: BUY, SELL: SELL, BOTH: BOTH}\n")],
    at="BOTH",
    frag="orders.create.sides.BOTH",
)
case(
    "unknown_cancel_key",
    "orders.cancel.synchronously: typo of synchronous.",
    [("    synchronous: true\n", "    synchronously: true\n")],
    at="synchronously",
    frag="orders.cancel.synchronously",
)
case(
    "unknown_status_key",
    "orders.status.client_id: not client_order_id.",
    [("    client_order_id: clientOrderId\n", "    client_id: clientOrderId\n")],
    at="client_id:",
    frag="orders.status.client_id",
)
case(
    "unknown_fills_key",
    "orders.fills.quote_qty: the exchange's name, not quote_amount.",
    [("    quote_amount: quoteQty\n", "    quote_qty: quoteQty\n")],
    at="quote_qty",
    frag="orders.fills.quote_qty",
)
case(
    "unknown_open_orders_key",
    "orders.open_orders.method is not a key.",
    [("  open_orders:\n    endpoint: open_orders\n", "  open_orders:\n    endpoint: open_orders\n    method: GET\n")],
    at="^    method: GET",
    nth=2,
    frag="orders.open_orders.method",
)
case(
    "unknown_balances_key",
    "balances.free: the exchange's name, not available.",
    [("  available: free\n", "  free: free\n")],
    at="  free: free",
    frag="balances.free",
)
case(
    "unknown_public_ws_key",
    "public_ws.heartbeat: typo of heartbeat_interval.",
    [("  heartbeat_interval: 30\n", "  heartbeat: 30\n")],
    at="heartbeat:",
    frag="public_ws.heartbeat",
)
case(
    "unknown_subscribe_key",
    "public_ws.subscribe.unsubscribe: not unsubscribe_message.",
    [("    unsubscribe_message: {method", "    unsubscribe: {method")],
    at="unsubscribe:",
    frag="public_ws.subscribe.unsubscribe",
)
case(
    "unknown_channel",
    "public_ws.channels.trades: typo of trade.",
    [("  channels:\n    trade:\n", "  channels:\n    trades:\n")],
    at="^    trades:",
    frag="public_ws.channels.trades",
)
case(
    "unknown_trade_channel_key",
    "public_ws.channels.trade.router: typo of route.",
    [("      route: trade\n", "      router: trade\n")],
    at="router:",
    frag="public_ws.channels.trade.router",
)
case(
    "unknown_trade_side_key",
    "public_ws.channels.trade.side.sell_if: not sell_when.",
    [("      side: {field: m, sell_when: true}\n", "      side: {field: m, sell_if: true}\n")],
    at="sell_if",
    frag="public_ws.channels.trade.side.sell_if",
)
case(
    "unknown_diff_channel_key",
    "public_ws.channels.order_book_diff.first_update: not first_update_id.",
    [("      first_update_id: U\n", "      first_update: U\n")],
    at="first_update:",
    frag="public_ws.channels.order_book_diff.first_update",
)
case(
    "unknown_time_field_key",
    "A timestamp mapping has an unknown key tz.",
    [
        (
            "      first_update_id: U\n      update_id: u\n      bids: b\n      asks: a\n      timestamp: {path: E, unit: ms}\n",
            "      first_update_id: U\n      update_id: u\n      bids: b\n      asks: a\n      timestamp: {path: E, unit: ms, tz: UTC}\n",
        )
    ],
    at="tz: UTC",
    frag="public_ws.channels.order_book_diff.timestamp.tz",
)
case(
    "unknown_user_stream_key",
    "user_stream.route_key: not route_field.",
    [("user_stream:\n  route_field: e\n", "user_stream:\n  route_key: e\n")],
    at="route_key",
    frag="user_stream.route_key",
)
case(
    "unknown_order_event_key",
    "user_stream.order_event.exmaple: typo of example.",
    [("    example:\n      e: executionReport\n", "    exmaple:\n      e: executionReport\n")],
    at="exmaple:",
    frag="user_stream.order_event.exmaple",
)
case(
    "unknown_fill_key",
    "user_stream.order_event.fill.fee_currency: not fee_asset.",
    [("      fee_asset: N\n", "      fee_currency: N\n")],
    at="fee_currency",
    frag="user_stream.order_event.fill.fee_currency",
)
case(
    "unknown_fill_when_key",
    "user_stream.order_event.fill.when.is: not equals.",
    [("      when: {field: x, equals: TRADE}\n", "      when: {field: x, is: TRADE}\n")],
    at="is: TRADE",
    frag="user_stream.order_event.fill.when.is",
)
case(
    "unknown_balance_event_key",
    "user_stream.balance_event.rws: typo of rows.",
    [("    rows: B\n", "    rws: B\n")],
    at="rws: B",
    frag="user_stream.balance_event.rws",
)

# ---------------------------------------------------------------- bad enum values
case(
    "enum_auth_algorithm_sha1",
    "auth.rest.algorithm: sha1 is not offered.",
    [("    algorithm: sha256\n", "    algorithm: sha1\n")],
    at="algorithm: sha1",
    frag="auth.rest.algorithm",
)
case(
    "enum_encoding_hex64",
    "auth.rest.encoding: hex64 is neither hex nor base64.",
    [("    encoding: hex\n", "    encoding: hex64\n")],
    at="encoding: hex64",
    frag="auth.rest.encoding",
)
case(
    "enum_time_unit_minutes",
    "orders.create.timestamp.unit: minutes is not a time unit.",
    [("    timestamp: {path: transactTime, unit: ms}\n", "    timestamp: {path: transactTime, unit: minutes}\n")],
    at="unit: minutes",
    frag="orders.create.timestamp.unit",
)
case(
    "enum_auth_timestamp_unit_minutes",
    "auth.rest.timestamp.unit: minutes.",
    [("    timestamp: {param: timestamp, unit: ms}\n", "    timestamp: {param: timestamp, unit: minutes}\n")],
    at="unit: minutes",
    frag="auth.rest.timestamp.unit",
)
case(
    "enum_time_sync_unit_minutes",
    "auth.time_sync.unit: minutes is not a server time unit.",
    [("    server_time: serverTime\n    unit: ms\n", "    server_time: serverTime\n    unit: minutes\n")],
    at="unit: minutes",
    frag="auth.time_sync.unit",
)
case(
    "enum_order_type_stop",
    "orders.order_types.STOP: Hummingbot has no STOP order type.",
    [("    MARKET: {type: MARKET}\n", "    MARKET: {type: MARKET}\n    STOP: {type: STOP_LOSS}\n")],
    at="STOP: {type",
    frag="orders.order_types.STOP",
)
case(
    "enum_order_state_done",
    "orders.states.EXPIRED: DONE is not a Hummingbot order state.",
    [("    EXPIRED: FAILED\n", "    EXPIRED: DONE\n")],
    at="EXPIRED: DONE",
    frag="orders.states.EXPIRED",
)
case(
    "enum_order_state_lowercase",
    "orders.states.NEW: open (Hummingbot states are upper case).",
    [("    NEW: OPEN\n", "    NEW: open\n")],
    at="NEW: open",
    frag="orders.states.NEW",
)
case(
    "enum_http_method_patch",
    "orders.cancel.method: PATCH is not offered.",
    [("    method: DELETE\n", "    method: PATCH\n")],
    at="method: PATCH",
    frag="orders.cancel.method",
)
case(
    "enum_create_method_get",
    "orders.create.method: orders are not created with GET.",
    [("    endpoint: order\n    method: POST\n", "    endpoint: order\n    method: GET\n")],
    at="method: GET",
    frag="orders.create.method",
)
case(
    "enum_status_method_delete",
    "orders.status.method: DELETE would cancel, not query.",
    [("    endpoint: order\n    method: GET\n", "    endpoint: order\n    method: DELETE\n")],
    at="method: DELETE",
    nth=2,
    frag="orders.status.method",
)
case(
    "enum_rest_auth_scheme",
    "auth.rest.scheme: hmac_body is not a scheme.",
    [("    scheme: hmac_params\n", "    scheme: hmac_body\n")],
    at="hmac_body",
    frag="auth.rest.scheme",
)
case(
    "enum_private_ws_scheme",
    "auth.private_ws.scheme: listen_key is not a scheme.",
    [("    scheme: signed_subscribe\n", "    scheme: listen_key\n")],
    at="listen_key",
    frag="auth.private_ws.scheme",
)
case(
    "enum_subscribe_scope",
    "public_ws.subscribe.scope: per_channel is not offered.",
    [("    scope: all_pairs\n", "    scope: per_channel\n")],
    at="per_channel",
    frag="public_ws.subscribe.scope",
)
case(
    "enum_symbol_case",
    "markets.symbols.format.case: title.",
    [('    format: {separator: "", case: upper}\n', '    format: {separator: "", case: title}\n')],
    at="case: title",
    frag="markets.symbols.format.case",
)
case(
    "enum_spec_version_2",
    "spec_version: 2 does not exist.",
    [("spec_version: 1\n", "spec_version: 2\n")],
    at="spec_version",
    frag="spec_version",
)

# ---------------------------------------------------------------- URLs
case(
    "url_no_scheme",
    "urls.rest has no scheme.",
    [("  rest: https://api.binance.{domain}/api/v3\n", "  rest: api.binance.{domain}/api/v3\n")],
    at="rest: api.",
    frag="urls.rest",
)
case(
    "url_ftp_scheme",
    "urls.public_ws uses ftp://.",
    [("  public_ws: wss://stream.binance.{domain}:9443/ws\n", "  public_ws: ftp://stream.binance.{domain}:9443/ws\n")],
    at="ftp://",
    frag="urls.public_ws",
)
case(
    "url_empty_host",
    "urls.rest has an empty host (three slashes).",
    [("  rest: https://api.binance.{domain}/api/v3\n", "  rest: https:///api/v3\n")],
    at="https:///",
    frag="urls.rest",
)
case(
    "url_single_slash",
    "urls.private_ws is missing a slash after the scheme.",
    [
        (
            "  private_ws: wss://ws-api.binance.{domain}:443/ws-api/v3\n",
            "  private_ws: wss:/ws-api.binance.{domain}:443/ws-api/v3\n",
        )
    ],
    at="wss:/ws-api",
    frag="urls.private_ws",
)
case(
    "url_with_space",
    "urls.rest contains a space.",
    [("  rest: https://api.binance.{domain}/api/v3\n", "  rest: https://api.binance.{domain}/api /v3\n")],
    at="/api /v3",
    frag="urls.rest",
)
case(
    "url_rest_with_ws_scheme",
    "urls.rest is a websocket URL.",
    [("  rest: https://api.binance.{domain}/api/v3\n", "  rest: wss://api.binance.{domain}/api/v3\n")],
    at="rest: wss://",
    frag="urls.rest",
)
case(
    "url_ws_with_http_scheme",
    "urls.public_ws is an https URL.",
    [
        (
            "  public_ws: wss://stream.binance.{domain}:9443/ws\n",
            "  public_ws: https://stream.binance.{domain}:9443/ws\n",
        )
    ],
    at="public_ws: https://",
    frag="urls.public_ws",
)
case(
    "url_unknown_placeholder",
    "urls.rest uses {domian}.",
    [("  rest: https://api.binance.{domain}/api/v3\n", "  rest: https://api.binance.{domian}/api/v3\n")],
    at="{domian}",
    frag="urls.rest",
)
case(
    "url_unclosed_placeholder",
    "urls.public_ws opens a placeholder it never closes.",
    [("  public_ws: wss://stream.binance.{domain}:9443/ws\n", "  public_ws: wss://stream.binance.{domain:9443/ws\n")],
    at="{domain:9443",
    frag="urls.public_ws",
)

# ---------------------------------------------------------------- placeholders in templates
case(
    "placeholder_symbl_in_params",
    "markets.last_traded_price.params uses {symbl}.",
    [('    params: {symbol: "{symbol}"}\n    price: price\n', '    params: {symbol: "{symbl}"}\n    price: price\n')],
    at="{symbl}",
    frag="markets.last_traded_price.params.symbol",
)
case(
    "placeholder_symbl_in_snapshot_params",
    "markets.order_book_snapshot.params uses {symbl}.",
    [('    params: {symbol: "{symbol}", limit: "1000"}\n', '    params: {symbol: "{symbl}", limit: "1000"}\n')],
    at="{symbl}",
    frag="markets.order_book_snapshot.params.symbol",
)
case(
    "placeholder_in_create_params",
    "orders.create.params.quantity uses {amout}.",
    [('      quantity: "{amount}"\n', '      quantity: "{amout}"\n')],
    at="{amout}",
    frag="orders.create.params.quantity",
)
case(
    "placeholder_price_in_cancel",
    "orders.cancel.params uses {price}, which a cancel does not know.",
    [
        (
            '      orderId: "{exchange_order_id}"\n      origClientOrderId: "{client_order_id}"\n    synchronous',
            '      orderId: "{exchange_order_id}"\n      origClientOrderId: "{client_order_id}"\n      price: "{price}"\n    synchronous',
        )
    ],
    at='price: "{price}"',
    nth=2,
    frag="orders.cancel.params.price",
)
case(
    "placeholder_unclosed_in_status",
    "orders.status.params opens a placeholder it never closes.",
    [
        (
            '    params:\n      symbol: "{symbol}"\n      origClientOrderId: "{client_order_id}"\n    state: status\n',
            '    params:\n      symbol: "{symbol}"\n      origClientOrderId: "{client_order_id"\n    state: status\n',
        )
    ],
    at='"{client_order_id"',
    frag="orders.status.params.origClientOrderId",
)
case(
    "placeholder_in_fills_params",
    "orders.fills.params uses {order_id}.",
    [
        (
            '      symbol: "{symbol}"\n      orderId: "{exchange_order_id}"\n    rows: ""\n',
            '      symbol: "{symbol}"\n      orderId: "{order_id}"\n    rows: ""\n',
        )
    ],
    at="{order_id}",
    frag="orders.fills.params.orderId",
)
case(
    "placeholder_topic",
    "public_ws.channels.trade.topic uses {symbl_lower}.",
    [('      topic: "{symbol_lower}@trade"\n', '      topic: "{symbl_lower}@trade"\n')],
    at="{symbl_lower}",
    frag="public_ws.channels.trade.topic",
)
case(
    "placeholder_subscribe_message",
    "public_ws.subscribe.message uses {topix}.",
    [('    message: {method: SUBSCRIBE, params: "{topics}"', '    message: {method: SUBSCRIBE, params: "{topix}"')],
    at='params: "{topix}"',
    frag="public_ws.subscribe.message.params",
)
case(
    "placeholder_unsubscribe_message",
    "public_ws.subscribe.unsubscribe_message uses {topix}.",
    [
        (
            '    unsubscribe_message: {method: UNSUBSCRIBE, params: "{topics}"',
            '    unsubscribe_message: {method: UNSUBSCRIBE, params: "{topix}"',
        )
    ],
    at='UNSUBSCRIBE, params: "{topix}"',
    frag="public_ws.subscribe.unsubscribe_message",
)
case(
    "placeholder_header_credential",
    "auth.rest.headers uses {api_kye}, no such credential.",
    [('      X-MBX-APIKEY: "{api_key}"\n', '      X-MBX-APIKEY: "{api_kye}"\n')],
    at="{api_kye}",
    frag="auth.rest.headers.X-MBX-APIKEY",
)
case(
    "auth_headers_scheme_keeps_signature_param",
    "auth.rest.scheme hmac_headers with Binance's signature parameter (and no message).",
    [("    scheme: hmac_params\n", "    scheme: hmac_headers\n")],
    at="signature_param: signature",
    frag="auth.rest.signature_param",
)
case(
    "placeholder_auth_message",
    "auth.rest.message uses {bodyhash}, not one of the message placeholders.",
    [
        ("    scheme: hmac_params\n", "    scheme: hmac_headers\n"),
        ("    timestamp: {param: timestamp, unit: ms}\n", "    timestamp: {unit: ms}\n"),
        (
            '    signature_param: signature\n    headers:\n      X-MBX-APIKEY: "{api_key}"\n',
            '    message: "{method}{path}{bodyhash}{timestamp}"\n    headers:\n      X-MBX-APIKEY: "{api_key}"\n'
            '      X-SIGN: "{signature}"\n      X-TS: "{timestamp}"\n',
        ),
    ],
    at="{bodyhash}",
    frag="auth.rest.message",
)
case(
    "placeholder_recv_window_without_window",
    "auth.rest.headers uses {recv_window} but auth.rest.recv_window is not set.",
    [('      X-MBX-APIKEY: "{api_key}"\n', '      X-MBX-APIKEY: "{api_key}"\n      X-RECV-WINDOW: "{recv_window}"\n')],
    at="{recv_window}",
    frag="auth.rest.headers.X-RECV-WINDOW",
)
case(
    "placeholder_in_endpoint_path",
    "endpoints.order_book_snapshot.path uses {symbl}.",
    [("    path: /depth\n", "    path: /depth/{symbl}\n")],
    at="/depth/{symbl}",
    frag="endpoints.order_book_snapshot.path",
)

# ---------------------------------------------------------------- references
case(
    "ref_check_network_endpoint",
    "markets.check_network names an undefined endpoint.",
    [("  check_network: ping\n", "  check_network: pong\n")],
    at="check_network: pong",
    frag="markets.check_network",
)
case(
    "ref_symbols_endpoint",
    "markets.symbols.endpoint names an undefined endpoint.",
    [("    endpoint: exchange_info\n    rows: symbols\n", "    endpoint: exchange_inf\n    rows: symbols\n")],
    at="endpoint: exchange_inf",
    frag="markets.symbols.endpoint",
)
case(
    "ref_create_endpoint",
    "orders.create.endpoint names an undefined endpoint.",
    [("    endpoint: order\n    method: POST\n", "    endpoint: orders\n    method: POST\n")],
    at="endpoint: orders",
    frag="orders.create.endpoint",
)
case(
    "ref_cancel_endpoint",
    "orders.cancel.endpoint names an undefined endpoint.",
    [("    endpoint: order\n    method: DELETE\n", "    endpoint: cancel_order\n    method: DELETE\n")],
    at="endpoint: cancel_order",
    frag="orders.cancel.endpoint",
)
case(
    "ref_fills_endpoint",
    "orders.fills.endpoint names an undefined endpoint.",
    [("    endpoint: my_trades\n", "    endpoint: mytrades\n")],
    at="endpoint: mytrades",
    frag="orders.fills.endpoint",
)
case(
    "ref_open_orders_endpoint",
    "orders.open_orders.endpoint names an undefined endpoint.",
    [("  open_orders:\n    endpoint: open_orders\n", "  open_orders:\n    endpoint: open_order\n")],
    at="endpoint: open_order",
    frag="orders.open_orders.endpoint",
)
case(
    "ref_balances_endpoint",
    "balances.endpoint names an undefined endpoint.",
    [("  endpoint: account\n", "  endpoint: accounts\n")],
    at="endpoint: accounts",
    frag="balances.endpoint",
)
case(
    "ref_time_sync_endpoint",
    "auth.time_sync.endpoint names an undefined endpoint.",
    [("    endpoint: server_time\n", "    endpoint: time\n")],
    at="endpoint: time",
    frag="auth.time_sync.endpoint",
)
case(
    "ref_endpoint_without_example",
    "markets.last_traded_price reads the order endpoint, which has no example_response.",
    [("    endpoint: ticker_price\n", "    endpoint: order\n")],
    at="    endpoint: order",
    nth=1,
    frag="markets.last_traded_price.endpoint",
)
case(
    "ref_trading_rules_other_endpoint",
    "markets.trading_rules reads another endpoint than markets.symbols.",
    [("    endpoint: exchange_info\n    min_order_size", "    endpoint: ticker_price\n    min_order_size")],
    at="endpoint: ticker_price",
    nth=1,
    frag="markets.trading_rules.endpoint",
)
case(
    "ref_pool_undefined",
    "endpoints.ping.weights names an undefined pool (REQUEST_WEIGTH).",
    [
        (
            "    weights: {REQUEST_WEIGHT: 1, RAW_REQUESTS: 1}\n    example_response: {}\n",
            "    weights: {REQUEST_WEIGTH: 1, RAW_REQUESTS: 1}\n    example_response: {}\n",
        )
    ],
    at="REQUEST_WEIGTH",
    frag="endpoints.ping.weights.REQUEST_WEIGTH",
)
case(
    "ref_pool_lowercase",
    "endpoints.account.weights names pool request_weight in lower case.",
    [
        (
            "    constant: ACCOUNTS_PATH_URL\n    weights: {REQUEST_WEIGHT: 20",
            "    constant: ACCOUNTS_PATH_URL\n    weights: {request_weight: 20",
        )
    ],
    at="request_weight",
    frag="endpoints.account.weights.request_weight",
)
case(
    "ref_secret_credential",
    "auth.rest.secret names an undefined credential.",
    [("    secret: api_secret\n", "    secret: api_secrets\n")],
    at="secret: api_secrets",
    frag="auth.rest.secret",
)

# ---------------------------------------------------------------- order states, constants, pools
case(
    "states_open_unreachable",
    "No exchange state maps to OPEN.",
    [
        ("    NEW: OPEN\n", "    NEW: PENDING_CREATE\n"),
        ("    PENDING_CANCEL: OPEN\n", "    PENDING_CANCEL: PENDING_CANCEL\n"),
    ],
    at="  states:",
    frag="orders.states",
)
case(
    "states_filled_unreachable",
    "No exchange state maps to FILLED.",
    [("    FILLED: FILLED\n", "    FILLED: PARTIALLY_FILLED\n")],
    at="  states:",
    frag="orders.states",
)
case(
    "states_canceled_unreachable",
    "No exchange state maps to CANCELED.",
    [("    CANCELED: CANCELED\n", "    CANCELED: FAILED\n")],
    at="  states:",
    frag="orders.states",
)
case(
    "states_empty",
    "orders.states is empty.",
    [
        (
            "  states:\n    PENDING_NEW: PENDING_CREATE\n    NEW: OPEN\n    PARTIALLY_FILLED: PARTIALLY_FILLED\n    FILLED: FILLED\n"
            "    PENDING_CANCEL: OPEN\n    CANCELED: CANCELED\n    REJECTED: FAILED\n    EXPIRED: FAILED\n    EXPIRED_IN_MATCH: FAILED\n",
            "  states: {}\n",
        )
    ],
    at="  states:",
    frag="orders.states",
)
case(
    "constant_shared",
    "endpoints.open_orders reuses ORDER_PATH_URL, the throttler limit id of endpoints.order.",
    [("    constant: OPEN_ORDERS_PATH_URL\n", "    constant: ORDER_PATH_URL\n")],
    at="constant: ORDER_PATH_URL",
    nth=2,
    frag="endpoints.open_orders.constant",
)
case(
    "constant_shared_far",
    "endpoints.account reuses PING_PATH_URL.",
    [("    constant: ACCOUNTS_PATH_URL\n", "    constant: PING_PATH_URL\n")],
    at="constant: PING_PATH_URL",
    nth=2,
    frag="endpoints.account.constant",
)
case(
    "pool_id_duplicate",
    "Two rate-limit pools are both named ORDERS.",
    [
        ("{id: ORDERS_24HR, limit: 200000, interval: 86400}", "{id: ORDERS, limit: 200000, interval: 86400}"),
        (
            "    weights: {REQUEST_WEIGHT: 4, ORDERS: 1, ORDERS_24HR: 1, RAW_REQUESTS: 1}\n",
            "    weights: {REQUEST_WEIGHT: 4, ORDERS: 1, RAW_REQUESTS: 1}\n",
        ),
    ],
    at="{id: ORDERS, limit: 200000",
    frag="rate_limits.pools[2].id",
)
case(
    "endpoint_path_no_slash",
    "endpoints.ping.path does not start with a slash.",
    [("    path: /ping\n", "    path: ping\n")],
    at="path: ping",
    frag="endpoints.ping.path",
)
case(
    "order_types_without_limit",
    "orders.order_types leaves out LIMIT.",
    [("    LIMIT: {type: LIMIT, time_in_force: GTC}\n", "")],
    at="  order_types:",
    frag="orders.order_types",
)
case(
    "balances_locked_and_total_missing",
    "balances gives neither locked nor total.",
    [("  available: free\n  locked: locked\n", "  available: free\n")],
    at="^balances:",
    frag="balances",
)
case(
    "predicate_two_conditions",
    "A valid_when condition gives both equals and truthy.",
    [("      - {field: status, equals: TRADING}\n", "      - {field: status, equals: TRADING, truthy: true}\n")],
    at="equals: TRADING, truthy",
    frag="markets.symbols.valid_when[0]",
)
case(
    "predicate_no_condition",
    "orders.cancel.success names a field but no condition.",
    [("    success: {field: status, equals: CANCELED}\n", "    success: {field: status}\n")],
    at="success: {field: status}",
    frag="orders.cancel.success",
)
case(
    "error_example_mismatch",
    "orders.cancel.not_found_example does not contain the text its matchers look for.",
    [
        (
            "    not_found_example: {code: -2011, msg: Unknown order sent.}\n",
            "    not_found_example: {code: -2011, msg: Order unknown.}\n",
        )
    ],
    at="msg: Order unknown.",
    frag="orders.cancel.not_found_example",
)

# ---------------------------------------------------------------- examples lacking a field a mapping reads
case(
    "example_lacks_server_time",
    "The server_time example calls the field server_time; auth.time_sync reads serverTime.",
    [
        (
            "    example_response:\n      serverTime: 1499827319559\n",
            "    example_response:\n      server_time: 1499827319559\n",
        )
    ],
    at="server_time: serverTime",
    frag="auth.time_sync.server_time",
)
case(
    "example_create_lacks_transact_time",
    "The create example_response has no transactTime; orders.create.timestamp reads it.",
    [
        (
            "      clientOrderId: 6gCrw2kRUAF9CvJDGP16IP\n      transactTime: 1507725176595\n",
            "      clientOrderId: 6gCrw2kRUAF9CvJDGP16IP\n",
        )
    ],
    at="{path: transactTime",
    frag="orders.create.timestamp",
)
case(
    "example_create_lacks_order_id",
    "The create example_response has no orderId; orders.create.exchange_order_id reads it.",
    [("      symbol: BTCUSDT\n      orderId: 28\n", "      symbol: BTCUSDT\n")],
    at="    exchange_order_id: orderId",
    nth=1,
    frag="orders.create.exchange_order_id",
)
case(
    "example_status_lacks_update_time",
    "The status example_response has no updateTime.",
    [("      time: 1499827319559\n      updateTime: 1499827319559\n", "      time: 1499827319559\n")],
    at="{path: updateTime",
    frag="orders.status.timestamp",
)
case(
    "example_status_lacks_status",
    "The status example_response has no status; orders.status.state reads it.",
    [('      cummulativeQuoteQty: "0.0"\n      status: NEW\n', '      cummulativeQuoteQty: "0.0"\n')],
    at="    state: status",
    frag="orders.status.state",
)
case(
    "example_cancel_lacks_status",
    "The cancel example_response has no status; orders.cancel.success tests it.",
    [
        (
            '      cummulativeQuoteQty: "0.00000000"\n      status: CANCELED\n',
            '      cummulativeQuoteQty: "0.00000000"\n',
        )
    ],
    at="success: {field: status, equals: CANCELED}",
    frag="orders.cancel.success.field",
)
case(
    "example_fills_lacks_commission",
    "The fills example_response has no commission; orders.fills.fee_amount reads it.",
    [('        commission: "10.10000000"\n', "")],
    at="fee_amount: commission",
    frag="orders.fills.fee_amount",
)
case(
    "example_fills_rows_not_list",
    "orders.fills.rows points at a key the example_response does not have.",
    [('    rows: ""\n', "    rows: trades\n")],
    at="rows: trades",
    frag="orders.fills.rows",
)
case(
    "example_symbols_lack_base_asset",
    "The exchange_info symbols lack baseAsset; markets.symbols.base reads it.",
    [("          baseAsset: ETH\n", "")],
    at="base: baseAsset",
    frag="markets.symbols.base",
)
case(
    "example_symbols_empty",
    "The exchange_info example has an empty symbols list.",
    [("      symbols:\n        - symbol: ETHBTC\n", "      symbols: []\n      unused:\n        - symbol: ETHBTC\n")],
    at="    rows: symbols",
    frag="markets.symbols.rows",
)
case(
    "example_symbols_lack_lot_size",
    "The exchange_info example has no LOT_SIZE filter; trading rules select it.",
    [("            - {filterType: LOT_SIZE, minQty", "            - {filterType: LOTSIZE, minQty")],
    at="min_order_size:",
    frag="markets.trading_rules.min_order_size",
)
case(
    "example_valid_when_field_absent",
    "markets.symbols.valid_when tests a field the symbols lack.",
    [("      - {field: status, equals: TRADING}\n", "      - {field: state, equals: TRADING}\n")],
    at="field: state",
    frag="markets.symbols.valid_when[0].field",
)
case(
    "example_ticker_lacks_price",
    "The ticker_price example has no price.",
    [('      symbol: LTCBTC\n      price: "4.00000200"\n', '      symbol: LTCBTC\n      lastPrice: "4.00000200"\n')],
    at="    price: price",
    nth=1,
    frag="markets.last_traded_price.price",
)
case(
    "example_snapshot_lacks_update_id",
    "The depth example has no lastUpdateId.",
    [("      lastUpdateId: 1027024\n", "      updateId: 1027024\n")],
    at="update_id: lastUpdateId",
    frag="markets.order_book_snapshot.update_id",
)
case(
    "example_account_lacks_locked",
    "The account example's first balance has no locked.",
    [
        (
            '        - {asset: BTC, free: "4723846.89208129", locked: "0.00000000"}\n',
            '        - {asset: BTC, free: "4723846.89208129"}\n',
        )
    ],
    at="  locked: locked",
    frag="balances.locked",
)
case(
    "example_trade_lacks_trade_id",
    "The trade channel example has no t.",
    [("        t: 12345\n", "")],
    at="trade_id: t",
    frag="public_ws.channels.trade.trade_id",
)
case(
    "example_trade_lacks_route_field",
    "The trade channel example has no e, the public route_field.",
    [("      example:\n        e: trade\n", "      example:\n")],
    at="      example:",
    nth=1,
    frag="public_ws.channels.trade.example",
)
case(
    "example_trade_side_field_absent",
    "public_ws.channels.trade.side reads a field the example lacks.",
    [("      side: {field: m, sell_when: true}\n", "      side: {field: maker, sell_when: true}\n")],
    at="field: maker",
    frag="public_ws.channels.trade.side",
)
case(
    "example_diff_lacks_first_update_id",
    "The order_book_diff example has no U.",
    [("        U: 157\n", "")],
    at="first_update_id: U",
    frag="public_ws.channels.order_book_diff.first_update_id",
)
case(
    "example_order_event_lacks_state",
    "The order event example has no X.",
    [("      X: NEW\n", "")],
    at="    state: X",
    frag="user_stream.order_event.state",
)
case(
    "example_order_event_lacks_fill_when",
    "user_stream.order_event.fill.when tests a field the example lacks.",
    [("      when: {field: x, equals: TRADE}\n", "      when: {field: execType, equals: TRADE}\n")],
    at="execType",
    frag="user_stream.order_event.fill.when.field",
)
case(
    "example_balance_event_lacks_locked",
    "The balance event example's row has no l.",
    [('        - {a: ETH, f: "10000.000000", l: "0.000000"}\n', '        - {a: ETH, f: "10000.000000"}\n')],
    at="    locked: l",
    frag="user_stream.balance_event.locked",
)
case(
    "example_subscribe_response_lacks_status",
    "user_stream.example_subscribe_response has no status; auth.private_ws.success tests it.",
    [
        (
            "    id: d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0\n    status: 200\n",
            "    id: d3df8a61-98ea-4fe0-8f4e-0fcea5d418b0\n    code: 200\n",
        )
    ],
    at="success: {field: status, equals: 200}",
    frag="auth.private_ws.success.field",
)
case(
    "route_field_typo_public",
    "public_ws.route_field names a field no channel example has.",
    [("  route_field: e\n  channels:", "  route_field: ev\n  channels:")],
    at="route_field: ev",
    frag="public_ws.route_field",
)
case(
    "route_field_typo_user_stream",
    "user_stream.route_field names a field no user-stream example has.",
    [("user_stream:\n  route_field: e\n", "user_stream:\n  route_field: ev\n")],
    at="route_field: ev",
    frag="user_stream.route_field",
)
case(
    "route_value_mismatch",
    "public_ws.channels.trade.route does not match the example's event type (trade).",
    [("      route: trade\n", "      route: trades\n")],
    at="route: trades",
    frag="public_ws.channels.trade.route",
)
case(
    "route_value_mismatch_user_stream",
    "user_stream.order_event.route does not match the example's event type.",
    [("    route: executionReport\n", "    route: executionReprot\n")],
    at="route: executionReprot",
    frag="user_stream.order_event.route",
)

# ---------------------------------------------------------------- malformed field paths
case(
    "fieldpath_double_dot",
    "markets.trading_rules.min_order_size has an empty segment (..).",
    [
        (
            "    min_order_size: filters[filterType=LOT_SIZE].minQty\n",
            "    min_order_size: filters[filterType=LOT_SIZE]..minQty\n",
        )
    ],
    at="..minQty",
    frag="markets.trading_rules.min_order_size",
)
case(
    "fieldpath_selector_without_field",
    "markets.trading_rules.min_price_increment selects [=PRICE_FILTER].",
    [
        (
            "    min_price_increment: filters[filterType=PRICE_FILTER].tickSize\n",
            "    min_price_increment: filters[=PRICE_FILTER].tickSize\n",
        )
    ],
    at="[=PRICE_FILTER]",
    frag="markets.trading_rules.min_price_increment",
)
case(
    "fieldpath_selector_without_value",
    "markets.trading_rules.min_base_amount_increment selects [filterType=].",
    [
        (
            "    min_base_amount_increment: filters[filterType=LOT_SIZE].stepSize\n",
            "    min_base_amount_increment: filters[filterType=].stepSize\n",
        )
    ],
    at="[filterType=]",
    frag="markets.trading_rules.min_base_amount_increment",
)
case(
    "fieldpath_index_equals_one",
    "A field path with the selector [=1].",
    [("    bids: bids\n", "    bids: bids[=1]\n")],
    at="bids[=1]",
    frag="markets.order_book_snapshot.bids",
)
case(
    "fieldpath_unclosed_bracket",
    "orders.fills.price opens a bracket it never closes.",
    [("    price: price\n    amount: qty\n", "    price: price[0\n    amount: qty\n")],
    at="price[0",
    frag="orders.fills.price",
)
case(
    "fieldpath_word_index",
    "balances.rows indexes with a word.",
    [("  rows: balances\n", "  rows: balances[first]\n")],
    at="balances[first]",
    frag="balances.rows",
)
case(
    "fieldpath_leading_dot",
    "balances.asset starts with a dot.",
    [("  asset: asset\n", "  asset: .asset\n")],
    at="asset: .asset",
    frag="balances.asset",
)
case(
    "fieldpath_trailing_dot",
    "orders.status.state ends with a dot.",
    [("    state: status\n", "    state: status.\n")],
    at="state: status.",
    frag="orders.status.state",
)
case(
    "fieldpath_in_path_list",
    "One of the alternatives of user_stream.order_event.client_order_id is malformed.",
    [("    client_order_id: [C, c]\n", "    client_order_id: [C, c..x]\n")],
    at="[C, c..x]",
    frag="user_stream.order_event.client_order_id",
)
case(
    "fieldpath_stray_closing_bracket",
    "public_ws.channels.order_book_diff.bids has a stray ].",
    [("      bids: b\n", "      bids: b]\n")],
    at="bids: b]",
    frag="public_ws.channels.order_book_diff.bids",
)

# ---------------------------------------------------------------- connector names, pairs, identifiers
case(
    "name_uppercase",
    "exchange.name is capitalised.",
    [("  name: binance\n", "  name: Binance\n")],
    at="name: Binance",
    frag="exchange.name",
)
case(
    "name_hyphen",
    "exchange.name contains a hyphen.",
    [("  name: binance\n", "  name: binance-us\n")],
    at="binance-us",
    frag="exchange.name",
)
case(
    "name_leading_digit",
    "exchange.name starts with a digit.",
    [("  name: binance\n", "  name: 1inch\n")],
    at="1inch",
    frag="exchange.name",
)
case(
    "name_with_space",
    "exchange.name contains a space.",
    [("  name: binance\n", '  name: "bin ance"\n')],
    at="bin ance",
    frag="exchange.name",
)
case(
    "name_with_quote",
    "exchange.name contains a quote.",
    [("  name: binance\n", "  name: binance'\n")],
    at="binance'",
    frag="exchange.name",
)
case(
    "name_empty",
    "exchange.name is the empty string.",
    [("  name: binance\n", '  name: ""\n')],
    at='name: ""',
    frag="exchange.name",
)
case(
    "name_python_keyword",
    "exchange.name is a Python keyword: the connector package could not be imported.",
    [("  name: binance\n", "  name: import\n")],
    at="name: import",
    frag="exchange.name",
)
case(
    "name_trailing_newline",
    "exchange.name is a quoted string ending in a newline.",
    [("  name: binance\n", '  name: "binance\\n"\n')],
    at='name: "binance',
    frag="exchange.name",
)
case(
    "domain_name_invalid",
    "exchange.domains.others has a domain with a dot (it names a connector).",
    [("      us:\n", "      binance.us:\n")],
    at="binance.us:",
    frag="exchange.domains.others",
)
case(
    "credential_name_with_space",
    "credentials[1].name contains a space.",
    [("  - name: api_secret\n", '  - name: "api secret"\n')],
    at="api secret",
    frag="credentials[1].name",
)
case(
    "credential_name_with_quote",
    "credentials[1].name contains a double quote.",
    [("  - name: api_secret\n", '  - name: api_secret"\n')],
    at='api_secret"',
    frag="credentials[1].name",
)
case(
    "credential_name_python_keyword",
    "credentials[1].name is a Python keyword (it becomes an argument name).",
    [("  - name: api_secret\n", "  - name: pass\n"), ("    secret: api_secret\n", "    secret: pass\n")],
    at="- name: pass",
    frag="credentials[1].name",
)
case(
    "constant_with_quote",
    "endpoints.order.constant contains a double quote.",
    [("    constant: ORDER_PATH_URL\n", '    constant: ORDER"_PATH_URL\n')],
    at='ORDER"_PATH_URL',
    frag="endpoints.order.constant",
)
case(
    "constant_with_space",
    "endpoints.order.constant contains a space.",
    [("    constant: ORDER_PATH_URL\n", '    constant: "ORDER PATH_URL"\n')],
    at="ORDER PATH_URL",
    frag="endpoints.order.constant",
)
case(
    "constant_code_injection",
    "endpoints.ping.constant tries to smuggle code into the constants module.",
    [("    constant: PING_PATH_URL\n", '    constant: "PING_PATH_URL = 1; import os  # _PATH_URL"\n')],
    at="import os",
    frag="endpoints.ping.constant",
)
case(
    "constant_lowercase",
    "endpoints.ping.constant is lower case.",
    [("    constant: PING_PATH_URL\n", "    constant: ping_path_url\n")],
    at="ping_path_url",
    frag="endpoints.ping.constant",
)
case(
    "constant_takes_generated_name",
    "endpoints.ping.constant takes the name of a constant hbgen writes itself (REST_URL).",
    [("    constant: PING_PATH_URL\n", "    constant: REST_URL\n")],
    at="REST_URL",
    frag="endpoints.ping.constant",
)
case(
    "pool_id_with_space",
    "A rate-limit pool id contains a space.",
    [("{id: RAW_REQUESTS, limit: 61000, interval: 300}", '{id: "RAW REQUESTS", limit: 61000, interval: 300}')],
    at="RAW REQUESTS",
    frag="rate_limits.pools[3].id",
)
case(
    "pool_id_lowercase",
    "A rate-limit pool id is lower case.",
    [("{id: ORDERS_24HR, limit: 200000, interval: 86400}", "{id: orders_24hr, limit: 200000, interval: 86400}")],
    at="orders_24hr",
    frag="rate_limits.pools[2].id",
)
case(
    "pair_with_slash",
    "exchange.example_pair uses a slash.",
    [("  example_pair: ZRX-ETH\n", "  example_pair: ZRX/ETH\n")],
    at="ZRX/ETH",
    frag="exchange.example_pair",
)
case(
    "pair_lower_case",
    "exchange.example_pair is lower case.",
    [("  example_pair: ZRX-ETH\n", "  example_pair: zrx-eth\n")],
    at="zrx-eth",
    frag="exchange.example_pair",
)
case(
    "pair_no_separator",
    "exchange.example_pair has no dash.",
    [("  example_pair: ZRX-ETH\n", "  example_pair: ZRXETH\n")],
    at="ZRXETH",
    frag="exchange.example_pair",
)
case(
    "pair_three_assets",
    "exchange.example_pair names three assets.",
    [("  example_pair: ZRX-ETH\n", "  example_pair: ZRX-ETH-BTC\n")],
    at="ZRX-ETH-BTC",
    frag="exchange.example_pair",
)
case(
    "pair_other_domain_lower_case",
    "exchange.domains.others.us.example_pair is lower case.",
    [("        example_pair: BTC-USDT\n", "        example_pair: btc-usdt\n")],
    at="btc-usdt",
    frag="exchange.domains.others.us.example_pair",
)

# ---------------------------------------------------------------- non-positive limits
case(
    "pool_limit_zero",
    "A rate-limit pool allows 0 requests.",
    [("{id: ORDERS, limit: 100, interval: 10}", "{id: ORDERS, limit: 0, interval: 10}")],
    at="limit: 0,",
    frag="rate_limits.pools[1].limit",
)
case(
    "pool_interval_negative",
    "A rate-limit pool has a negative interval.",
    [("{id: ORDERS, limit: 100, interval: 10}", "{id: ORDERS, limit: 100, interval: -10}")],
    at="interval: -10",
    frag="rate_limits.pools[1].interval",
)
case(
    "endpoint_default_limit_zero",
    "rate_limits.endpoint_default.limit is 0.",
    [("  endpoint_default: {limit: 5000, interval: 60}\n", "  endpoint_default: {limit: 0, interval: 60}\n")],
    at="endpoint_default",
    frag="rate_limits.endpoint_default.limit",
)
case(
    "endpoint_limit_negative",
    "endpoints.ping.limit.limit is negative.",
    [("    path: /ping\n", "    path: /ping\n    limit: {limit: -5, interval: 1}\n")],
    at="limit: -5",
    frag="endpoints.ping.limit.limit",
)
case(
    "max_length_zero",
    "orders.client_order_id.max_length is 0.",
    [("max_length: 32", "max_length: 0")],
    at="max_length: 0",
    frag="orders.client_order_id.max_length",
)
case(
    "heartbeat_zero",
    "public_ws.heartbeat_interval is 0.",
    [("  heartbeat_interval: 30\n", "  heartbeat_interval: 0\n")],
    at="heartbeat_interval",
    frag="public_ws.heartbeat_interval",
)
case(
    "weight_negative",
    "endpoints.ping.weights.REQUEST_WEIGHT is negative.",
    [
        (
            "    weights: {REQUEST_WEIGHT: 1, RAW_REQUESTS: 1}\n    example_response: {}\n",
            "    weights: {REQUEST_WEIGHT: -1, RAW_REQUESTS: 1}\n    example_response: {}\n",
        )
    ],
    at="REQUEST_WEIGHT: -1",
    frag="endpoints.ping.weights.REQUEST_WEIGHT",
)
case(
    "max_length_shorter_than_prefix",
    "orders.client_order_id.max_length (8) is shorter than its 10-character prefix.",
    [("max_length: 32", "max_length: 8")],
    at="max_length: 8",
    frag="orders.client_order_id",
)

case(
    "pool_id_trailing_newline",
    "A rate-limit pool id is a quoted string ending in a newline.",
    [
        ("{id: ORDERS_24HR, limit: 200000, interval: 86400}", '{id: "ORDERS_24HR\\n", limit: 200000, interval: 86400}'),
        (
            "    weights: {REQUEST_WEIGHT: 4, ORDERS: 1, ORDERS_24HR: 1, RAW_REQUESTS: 1}\n",
            '    weights: {REQUEST_WEIGHT: 4, ORDERS: 1, "ORDERS_24HR\\n": 1, RAW_REQUESTS: 1}\n',
        ),
    ],
    at='id: "ORDERS_24HR',
    frag="rate_limits.pools[2].id",
)
case(
    "credential_name_trailing_newline",
    "credentials[1].name is a quoted string ending in a newline.",
    [
        ("  - name: api_secret\n", '  - name: "api_secret\\n"\n'),
        ("    secret: api_secret\n", '    secret: "api_secret\\n"\n'),
    ],
    at='name: "api_secret',
    frag="credentials[1].name",
)
case(
    "pair_trailing_newline",
    "exchange.example_pair is a quoted string ending in a newline.",
    [("  example_pair: ZRX-ETH\n", '  example_pair: "ZRX-ETH\\n"\n')],
    at='example_pair: "ZRX-ETH',
    frag="exchange.example_pair",
)

# ---------------------------------------------------------------- YAML features the loader must refuse politely
case(
    "tag_custom_include",
    "An application tag (!include) the safe loader cannot construct.",
    [("  display_name: Binance\n", "  display_name: !include names.yaml\n")],
    at="!include",
    frag="exchange.display_name",
)
case(
    "tag_python_name",
    "A Python tag (!!python/name:os.system), refused by the safe loader.",
    [("  display_name: Binance\n", "  display_name: !!python/name:os.system\n")],
    at="!!python",
    frag="exchange.display_name",
)
case(
    "tag_int_on_word",
    "An explicit !!int tag on a word that is not a number.",
    [("max_length: 32", "max_length: !!int thirty-two")],
    at="!!int",
    frag="orders.client_order_id.max_length",
)
case(
    "merge_key",
    "A YAML merge key (<<) inside an endpoint.",
    [("    path: /time\n", "    path: /time\n    <<: {weights: {REQUEST_WEIGHT: 1}}\n")],
    at="<<:",
    frag="endpoints.server_time",
)
case(
    "key_not_scalar",
    "A complex (sequence) mapping key inside exchange.",
    [("  centralized: true\n", "  ? [centralized, decentralized]\n  : true\n")],
    at="? [centralized",
    frag="exchange",
)
case(
    "key_null",
    "A null mapping key inside exchange.",
    [("  centralized: true\n", "  ~: true\n")],
    at="~: true",
    frag="exchange",
)
case(
    "not_utf8",
    "The file is saved in Latin-1: exchange.display_name holds the byte 0xE9.",
    [("  display_name: Binance\n", "  display_name: Binance Caf\u00e9\n")],
    at="Caf\u00e9",
    encoding="latin-1",
)

# ---------------------------------------------------------------- rate limits, rules, balances, response errors
case(
    "endpoint_same_path_without_limit_id",
    "endpoints.open_orders has the path of endpoints.order, so both would share one rate-limit id.",
    [("    path: /openOrders\n", "    path: /order\n")],
    at="^  open_orders:$",
    frag="endpoints.open_orders.limit_id",
)
case(
    "trading_rule_default_after_selector",
    "markets.trading_rules.min_notional_size has a default but its path ends with a selection, not a key.",
    [
        (
            "    min_notional_size: filters[filterType=MIN_NOTIONAL|NOTIONAL].minNotional\n",
            '    min_notional_size: {path: "filters[filterType=NOTIONAL]", default: "0"}\n',
        )
    ],
    at='min_notional_size: {path: "filters',
    frag="markets.trading_rules.min_notional_size.path",
)
case(
    "balances_three_amounts",
    "balances maps available, locked and total: one of them must be computed from the other two.",
    [("  available: free\n  locked: locked\n", "  available: free\n  locked: locked\n  total: free\n")],
    at="^balances:$",
    frag="balances",
)
case(
    "response_errors_example_succeeds",
    "response_errors.success holds for response_errors.example, so the documented error would pass as a success.",
    [
        (
            "\nmarkets:\n",
            "\nresponse_errors:\n  success: {field: code, equals: 0}\n  example: {code: 0, msg: ok}\n\nmarkets:\n",
        )
    ],
    at="example: {code: 0, msg: ok}",
    frag="response_errors.example",
)

case(
    "syntax_placeholder_unquoted",
    "A topic written {symbol_lower}@trade without quotes: YAML reads a flow mapping, then a stray scalar.",
    [('      topic: "{symbol_lower}@trade"\n', "      topic: {symbol_lower}@trade\n")],
    at="topic: {symbol_lower}@trade",
    frag='quote the whole value, "{symbol_lower}@trade"',
)
case(
    "syntax_text_after_quote",
    "Only the placeholder of a topic is quoted: text follows the closing quote.",
    [('      topic: "{symbol_lower}@depth@100ms"\n', '      topic: "{symbol_lower}"@depth@100ms\n')],
    at='topic: "{symbol_lower}"@depth',
    frag="text follows the closing quote",
)
case(
    "placeholder_unquoted_whole_value",
    "orders.create.params.symbol written {symbol} without quotes: YAML reads a mapping with one key.",
    [
        (
            '    endpoint: order\n    method: POST\n    params:\n      symbol: "{symbol}"\n',
            "    endpoint: order\n    method: POST\n    params:\n      symbol: {symbol}\n",
        )
    ],
    at="^      symbol: {symbol}$",
    frag="unquoted, {symbol} is a YAML mapping",
)

# ---------------------------------------------------------------- hostile input: limits and control characters
case(
    "hostile_alias_bomb",
    "A billion-laughs alias bomb of 400 bytes: 9 levels of 9 aliases would expand to 9^9 values.",
    text='a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\ni: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n',
    at="^f: &f",
    frag="alias bomb",
)
case(
    "hostile_alias_cycle",
    "An alias inside the list its anchor names: a cycle that never ends when expanded.",
    [("  example_pair: ZRX-ETH\n", "  example_pair: &pair [ZRX-ETH, *pair]\n")],
    at="example_pair: &pair",
    frag="cycle",
)
case(
    "hostile_deep_flow_nesting",
    "An example response nested 500 lists deep (Python's parser and PyYAML's composer recurse on it).",
    [("    example_response: {}\n", "    example_response: " + "[" * 500 + "]" * 500 + "\n")],
    at="example_response: [[[",
    frag="nested more than 64 levels",
)
case(
    "hostile_deep_block_nesting",
    "A mapping nested 80 levels deep in block style.",
    text="spec_version: 1\nexchange:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 80)) + "  " * 80 + "v: 1\n",
    at="^ {128}k64:",
    frag="nested more than 64 levels",
)
case(
    "hostile_nul_byte",
    "A NUL byte inside exchange.display_name.",
    [("  display_name: Binance\n", "  display_name: Bin\x00ance\n")],
    at="display_name: Bin",
    frag="U+0000",
)
case(
    "hostile_escape_byte",
    "A raw terminal escape (ESC [ 2 J, clear screen) in a comment.",
    [("# (REST API v3", "# \x1b[2J(REST API v3")],
    at="REST API v3",
    frag="U+001B",
)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    names = set()
    for c in CASES:
        assert c["name"] not in names, c["name"]
        names.add(c["name"])
        (OUT / f"{c['name']}.yaml").write_bytes(build(c).encode(c["encoding"]))
    (OUT / "empty_file.yaml").write_text("")
    print(len(CASES) + 1, "files")
