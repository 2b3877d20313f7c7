"""Spec-variant property test: a spec either fails validation with a positioned error, or generates a connector
that compiles, is pyflakes-clean and passes its generated suite.

Hypothesis draws specs from the spec language's option space, starting from the five shipped specs: each draw
takes a base spec and applies a few variations, each a choice the language offers another way:

- the REST auth recipe of another spec (hmac_params or hmac_headers, its credentials, timestamps, headers);
- the private stream of another spec (signed_subscribe, login, listen_key-free token, signed_subscriptions: its
  `auth.private_ws`, `user_stream`, URL and the endpoints they name), or none (`user_stream: none`: orders and
  balances polled over REST), or the public websocket of another spec
  (channel shapes: all-pairs or per-pair, rows, websocket snapshots, pings, tokens);
- optional sections present or absent (time sync, HTTP-200 errors, open orders, pings, balance and fill events,
  a book channel, other domains, order types, min notional, the placement's unknown outcome, the `expect` blocks);
- numeric client order ids (`orders.client_order_id.numeric_bits`: 32, 53 or 64 bits);
- placeholders: `{request_id}` / `{time}` values in subscribe messages, `{symbol}` or `{symbol_lower}` in topics,
  the order id as a path placeholder of the order-status and fills endpoints.

CI replays a fixed (derandomized) set: `HBGEN_PROPERTY_EXAMPLES` draws (200 by default) through validation,
rendering, compilation and pyflakes, and the generated suites of a tenth of them (20 by default), renamed so that
their connectors live side by side in two trees, each run by one pytest process (both at once). Variants of one
shipped spec share its URLs and may share a tree: the hbgen pytest plugin gives each use of an `aioresponses` mock
its own request record (Hummingbot's test base classes share one decorator instance between every connector's
test class, which made the second OKX variant's cancel test read the first one's request: `KeyError:
'OK-ACCESS-KEY'`). A longer run is `HBGEN_PROPERTY_EXAMPLES=5000 pytest tests/test_spec_variants.py`;
`HBGEN_PROPERTY_RANDOM=1` explores beyond the fixed set.
"""

from __future__ import annotations

import ast
import copy
import functools
import hashlib
import io
import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pyflakes.api
import pyflakes.reporter
import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from spec_variants import generate_variant

from scaffolder.context import build_context
from scaffolder.generate import generate_files
from scaffolder.render import render_connector
from scaffolder.spec import SpecErrors, load_spec
from scaffolder.testing.runner import _pytest_command, run_suite, suite_env

ROOT = Path(__file__).resolve().parent.parent
SPECS = {path.stem: yaml.safe_load(path.read_text()) for path in sorted((ROOT / "specs").glob("*.yaml"))}
EXAMPLES = int(os.environ.get("HBGEN_PROPERTY_EXAMPLES", "200"))
SUITES = max(1, EXAMPLES // 10)
DERANDOMIZE = os.environ.get("HBGEN_PROPERTY_RANDOM", "") != "1"
POSITIONED = re.compile(r"^.+:\d+:\d+: .+$")

# Trees of batched suites, each run by one pytest process, all at once (CI has two cores).
TREES = 2

# Sections a spec may leave out, as paths into the spec.
OPTIONAL = [
    ("auth", "time_sync"),
    ("response_errors",),
    ("orders", "open_orders"),
    ("public_ws", "ping"),
    ("public_ws", "server_ping"),
    ("user_stream", "ping"),
    ("user_stream", "balance_event"),
    ("user_stream", "fill_event"),
    ("public_ws", "channels", "order_book_diff"),
    ("public_ws", "channels", "order_book_snapshot"),
    ("exchange", "domains", "others"),
    ("orders", "order_types", "LIMIT_MAKER"),
    ("orders", "order_types", "MARKET"),
    ("markets", "trading_rules", "min_notional_size"),
    ("orders", "cancel", "not_found_matches"),
    ("orders", "create", "unknown_outcome"),
]
EXPECT_KEY = "expect"


# --- variations ----------------------------------------------------------------------------------------------------


def _get(spec: Dict[str, Any], path: Tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(spec, dict) or part not in spec:
            return None
        spec = spec[part]
    return spec


def _drop(spec: Dict[str, Any], path: Tuple[str, ...]) -> None:
    container = _get(spec, path[:-1])
    if isinstance(container, dict):
        container.pop(path[-1], None)


def _drop_expectations(value: Any) -> None:
    if isinstance(value, dict):
        value.pop(EXPECT_KEY, None)
        for key, item in value.items():
            if not key.startswith("example"):
                _drop_expectations(item)
    elif isinstance(value, list):
        for item in value:
            _drop_expectations(item)


def _add_credentials(spec: Dict[str, Any], donor: Dict[str, Any]) -> None:
    names = {credential["name"] for credential in spec["credentials"]}
    spec["credentials"] += [copy.deepcopy(c) for c in donor["credentials"] if c["name"] not in names]


def _import_endpoint(spec: Dict[str, Any], donor: Dict[str, Any], name: str) -> str:
    """Copies a donor endpoint under a fresh name and constant, with a limit of its own."""
    endpoint = copy.deepcopy(donor["endpoints"][name])
    new_name = f"imported_{name}"
    endpoint["constant"] = f"IMPORTED_{endpoint['constant']}"
    endpoint.pop("weights", None)
    # Its own rate-limit id: the original (or another import) may share its path.
    endpoint["limit_id"] = f"IMPORTED_{name.upper()}_LIMIT"
    endpoint["limit"] = {"limit": 10, "interval": 1}
    while new_name in spec["endpoints"]:
        new_name = "imported_" + new_name
        endpoint["constant"] = "IMPORTED_" + endpoint["constant"]
        endpoint["limit_id"] = "IMPORTED_" + endpoint["limit_id"]
    spec["endpoints"][new_name] = endpoint
    return new_name


def _import_token(spec: Dict[str, Any], donor: Dict[str, Any], holder: Dict[str, Any]) -> None:
    for key in ("token", "listen_key"):
        if isinstance(holder.get(key), dict) and "endpoint" in holder[key]:
            holder[key]["endpoint"] = _import_endpoint(spec, donor, holder[key]["endpoint"])


def rest_auth(spec: Dict[str, Any], donor: Dict[str, Any]) -> None:
    spec["auth"]["rest"] = copy.deepcopy(donor["auth"]["rest"])
    _add_credentials(spec, donor)


def private_stream(spec: Dict[str, Any], donor: Dict[str, Any]) -> None:
    spec["auth"]["private_ws"] = copy.deepcopy(donor["auth"]["private_ws"])
    spec["user_stream"] = copy.deepcopy(donor["user_stream"])
    spec["urls"]["private_ws"] = donor["urls"]["private_ws"]
    _import_token(spec, donor, spec["auth"]["private_ws"])
    for state, mapped in donor["orders"]["states"].items():
        spec["orders"]["states"].setdefault(state, mapped)
    _add_credentials(spec, donor)


def no_private_stream(spec: Dict[str, Any]) -> None:
    """An exchange without a private websocket: `user_stream: none`, without its URL and authentication."""
    spec["user_stream"] = "none"
    spec["auth"].pop("private_ws", None)
    spec["urls"].pop("private_ws", None)


def public_stream(spec: Dict[str, Any], donor: Dict[str, Any]) -> None:
    # The donor's messages carry symbols in its own format.
    spec["markets"]["symbols"]["format"] = copy.deepcopy(donor["markets"]["symbols"]["format"])
    spec["public_ws"] = copy.deepcopy(donor["public_ws"])
    spec["urls"]["public_ws"] = donor["urls"]["public_ws"]
    _import_token(spec, donor, spec["public_ws"])


def subscribe_placeholder(spec: Dict[str, Any], value: str) -> None:
    message = spec["public_ws"]["subscribe"]["message"]
    if isinstance(message, dict):
        message["id"] = value


def topic_case(spec: Dict[str, Any], placeholder: str) -> None:
    for channel in spec["public_ws"]["channels"].values():
        if isinstance(channel, dict) and isinstance(channel.get("topic"), str):
            channel["topic"] = re.sub(r"\{symbol(_lower)?\}", placeholder, channel["topic"])


def numeric_client_ids(spec: Dict[str, Any], bits: int) -> None:
    """Client order ids as unsigned integers of `bits` bits (`orders.client_order_id.numeric_bits`): no prefix, no
    pattern, as the option requires."""
    client_order_id = spec["orders"].setdefault("client_order_id", {})
    client_order_id.update(prefix="", numeric_bits=bits)
    client_order_id.pop("pattern", None)


def order_id_in_path(spec: Dict[str, Any], section: str) -> None:
    """The tracked order's exchange id as a path placeholder of the status or fills endpoint."""
    request = spec["orders"][section]
    if spec["orders"]["create"]["endpoint"] == request["endpoint"]:
        # Order creation sends no order id: the request gets an endpoint of its own.
        request["endpoint"] = _import_endpoint(spec, spec, request["endpoint"])
    endpoint = spec["endpoints"][request["endpoint"]]
    if "{" in endpoint["path"]:
        return
    endpoint["path"] = endpoint["path"].rstrip("/") + "/{exchange_order_id}"
    endpoint.setdefault("limit_id", f"{section.upper()}_BY_ID_LIMIT")


@st.composite
def spec_variants(draw) -> Tuple[str, List[str], Dict[str, Any]]:
    base = draw(st.sampled_from(sorted(SPECS)))
    spec = copy.deepcopy(SPECS[base])
    donors = st.sampled_from(sorted(SPECS))
    steps: List[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(
            st.sampled_from(
                [
                    "rest_auth",
                    "private_stream",
                    "public_stream",
                    "drop",
                    "drop",
                    "expect",
                    "subscribe",
                    "topic",
                    "path",
                    "numeric",
                ]
            )
        )
        if kind == "private_stream" and draw(st.integers(min_value=0, max_value=len(SPECS))) == 0:
            no_private_stream(spec)
            steps.append("no private stream")
        elif kind in ("rest_auth", "private_stream", "public_stream"):
            donor = draw(donors)
            {"rest_auth": rest_auth, "private_stream": private_stream, "public_stream": public_stream}[kind](
                spec, SPECS[donor]
            )
            steps.append(f"{kind} from {donor}")
        elif kind == "drop":
            path = draw(st.sampled_from(OPTIONAL))
            _drop(spec, path)
            steps.append("drop " + ".".join(path))
        elif kind == "expect":
            _drop_expectations(spec)
            steps.append("drop every expect block")
        elif kind == "subscribe":
            value = draw(st.sampled_from(["{request_id}", "{time}"]))
            subscribe_placeholder(spec, value)
            steps.append(f"subscribe message id {value}")
        elif kind == "topic":
            value = draw(st.sampled_from(["{symbol}", "{symbol_lower}"]))
            topic_case(spec, value)
            steps.append(f"topics with {value}")
        elif kind == "numeric":
            bits = draw(st.sampled_from([32, 53, 64]))
            numeric_client_ids(spec, bits)
            steps.append(f"numeric client order ids of {bits} bits")
        else:
            section = draw(st.sampled_from(["status", "fills"]))
            order_id_in_path(spec, section)
            steps.append(f"{{exchange_order_id}} in the {section} endpoint's path")
    return base, steps, spec


# --- checks --------------------------------------------------------------------------------------------------------


# Most files do not change between draws: black (and pyflakes below) run once per distinct text.
pytestmark = pytest.mark.usefixtures("memoized_black")


@functools.lru_cache(maxsize=None)
def pyflakes_findings(path: str, content: str) -> Tuple[str, ...]:
    output = io.StringIO()
    pyflakes.api.check(content, path, pyflakes.reporter.Reporter(output, output))
    return tuple(output.getvalue().splitlines())


def _write_spec(directory: Path, name: str, spec: Dict[str, Any]) -> Path:
    path = directory / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=False), encoding="utf-8")
    return path


def render(spec_path: Path) -> Dict[str, str]:
    """The generation pipeline without black: formatting does not change what compiles or what pyflakes finds
    (black refuses exactly the sources that do not parse), and skipping it keeps 200 draws fast."""
    return render_connector(build_context(load_spec(spec_path)))


def generate_or_refuse(spec_path: Path, pipeline=render) -> Dict[str, str]:
    """The generated files, or {} when validation refuses the spec with positioned errors only."""
    try:
        files = pipeline(spec_path)
    except SpecErrors as errors:
        assert errors.errors, "a refusal names at least one problem"
        for error in errors.errors:
            assert POSITIONED.match(str(error)) and error.line >= 1 and error.column >= 1, str(error)
        event(f"refused: {errors.errors[0].message[:60]}")
        return {}
    for path, content in files.items():
        if path.endswith(".py"):
            compile(content, path, "exec", ast.PyCF_ONLY_AST)
            assert pyflakes_findings(path, content) == (), "\n".join(pyflakes_findings(path, content))
    event("generated")
    return files


PROPERTY_SETTINGS = dict(
    deadline=None,
    # No shrinking: a failing draw is reported as drawn (its steps name the variation), and CI stays fast.
    phases=[Phase.explicit, Phase.generate],
    derandomize=DERANDOMIZE,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(max_examples=EXAMPLES, **PROPERTY_SETTINGS)
@given(variant=spec_variants())
def test_a_drawn_spec_is_refused_with_positions_or_generates_clean_code(tmp_path_factory, variant):
    base, steps, spec = variant
    spec_path = _write_spec(tmp_path_factory.mktemp("variant"), base, spec)
    try:
        generate_or_refuse(spec_path)
    except Exception as error:
        raise AssertionError(f"draw {base} + {steps} (spec {spec_path}): {type(error).__name__}: {error}") from error


def _suite_failures(root: Path, report: Path) -> Tuple[int, Dict[str, str]]:
    """Runs every suite under `root` in one pytest process: (tests run, {failed test: its message})."""
    command = _pytest_command(root, ["-q", "-p", "no:warnings", f"--junitxml={report}"])
    run = subprocess.run(command, env=suite_env(root), capture_output=True, text=True)
    if not report.exists():
        raise AssertionError(f"the batched suites did not run:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    cases = list(ElementTree.parse(report).getroot().iter("testcase"))
    failures = {}
    for case in cases:
        for child in case:
            if child.tag in ("failure", "error"):
                text = (child.text or child.get("message") or "").strip().splitlines()
                failures[f"{case.get('classname')}.{case.get('name')}"] = " | ".join(text[-3:])[:400]
    return len(cases), failures


# Draws known to fail, by (base spec, mutations): the failing test methods and why. Each must still fail exactly so
# (strict), so a fix shows up as a failure here asking for the entry to go.
KNOWN_FAILURES: Dict[Tuple[str, Tuple[str, ...]], Tuple[set, str]] = {}


@pytest.mark.timeout(300)
def test_a_fill_event_keeps_the_state_value_that_asks_for_its_fills(tmp_path: Path):
    """Once a known failing draw: Binance (states NEW, FILLED, ...) with KuCoin's private stream, whose order event
    asks for its fills when its `type` is `match` or `filled`. Both specs' states are in the map; the full-fill
    event must carry `filled`, the FILLED state that also asks for the fills, or Hummingbot's full-fill tests wait
    forever for a fill the connector never requested."""
    spec = copy.deepcopy(SPECS["binance"])
    private_stream(spec, SPECS["kucoin"])
    suite = generate_variant(tmp_path, "binance", yaml.safe_dump(spec, sort_keys=False))
    source = (suite / "test/hummingbot/connector/exchange/binance/test_binance_exchange.py").read_text()
    event = source[source.index("def order_event_for_full_fill_websocket_update") :]
    assert '"type": "filled"' in event[: event.index("    def ", 10)]
    assert run_suite(suite, ["-q", "-k", "full_fill"]) == 0


@pytest.mark.timeout(900)
def test_drawn_specs_pass_their_generated_suites(tmp_path_factory):
    """SUITES distinct drawn specs that generate, renamed so that their connectors live side by side, run against
    Hummingbot in TREES pytest processes at once."""
    batches = [tmp_path_factory.mktemp("batch") for _ in range(TREES)]
    specs_dir = tmp_path_factory.mktemp("batch_specs")
    drawn: Dict[str, Tuple[str, List[str], Path]] = {}
    seen = set()

    @settings(max_examples=SUITES * 4, **PROPERTY_SETTINGS)
    @given(variant=spec_variants())
    def collect(variant):
        base, steps, spec = variant
        if len(drawn) >= SUITES:
            return
        key = hashlib.sha256(yaml.safe_dump(spec).encode()).hexdigest()
        if key in seen:
            return
        seen.add(key)
        name = f"variant{len(drawn):03d}_{base}"
        spec["exchange"]["name"] = name
        spec["exchange"].pop("config_map_class", None)
        spec_path = _write_spec(specs_dir, name, spec)
        files = generate_or_refuse(spec_path, generate_files)
        if not files:
            return
        for path, content in files.items():
            target = batches[len(drawn) % TREES] / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content)
        drawn[name] = (base, steps, spec_path)

    collect()
    assert len(drawn) >= min(SUITES, 20), f"only {len(drawn)} drawn specs generated"
    batches = [batch for batch in batches if any(batch.iterdir())]
    reports = [tmp_path_factory.mktemp("report") / "report.xml" for _ in batches]
    with ThreadPoolExecutor(max_workers=TREES) as pool:
        results = list(pool.map(_suite_failures, batches, reports))
    run = sum(count for count, _ in results)
    failed = {test: message for _, failures in results for test, message in failures.items()}
    assert run > 50 * len(drawn), f"{run} tests for {len(drawn)} connectors"
    by_draw: Dict[str, List[str]] = {}
    for test, message in failed.items():
        name = next((n for n in drawn if f".{n}." in test), "?")
        by_draw.setdefault(name, []).append(f"{test.rsplit('.', 2)[-2]}.{test.rsplit('.', 1)[-1]}: {message}")
    for name, (base, steps, _) in drawn.items():
        known = KNOWN_FAILURES.get((base, tuple(steps)))
        if known is None:
            continue
        failing = {entry.split(":", 1)[0].rsplit(".", 1)[-1] for entry in by_draw.pop(name, [])}
        assert failing == known[0], f"{name}: known failure {known[1]!r} now fails {sorted(failing)}: update the entry"
    assert not by_draw, "\n".join(
        f"{name}: {drawn[name][0] if name in drawn else ''} + {drawn[name][1] if name in drawn else ''} "
        f"(spec {drawn[name][2] if name in drawn else ''}; {len(tests)} failed): {tests[:3]}"
        for name, tests in by_draw.items()
    )
