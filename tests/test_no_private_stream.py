"""`user_stream: none`: an exchange without a private websocket, whose connector follows orders, fills and balances by
REST polling only (Hummingbot's fallback: `_update_balances()` and `_update_order_status()` run by
`_status_polling_loop()`, every SHORT_POLL_INTERVAL while no user stream message arrives).

No shipped spec uses it. Here: a Gate.io variant without its private websocket generates a connector without a user
stream, which compiles, is pyflakes-clean and passes its generated suite and its market tests against the loopback
exchange; the same edit on every shipped spec renders clean code; contradictory specs are refused with positions.
"""

import ast
import io
from pathlib import Path

import pyflakes.api
import pyflakes.reporter
import pytest
from spec_variants import ROOT, generate_variant, passes_suite_and_market_tests, shipped, validate

from scaffolder.context import build_context
from scaffolder.render import render_connector
from scaffolder.spec import load_spec

URL = "  private_ws: wss://api.gateio.ws/ws/v4/\n"
PUBLIC_URL = "  public_ws: wss://api.gateio.ws/ws/v4/\n"
AUTH = """  private_ws:
    scheme: signed_subscriptions
    signature: {payload: "channel={channel}&event={event}&time={time}", algorithm: sha512, encoding: hex}
    subscription_auth:
      key: auth
      value: {method: api_key, KEY: "{api_key}", SIGN: "{signature}"}
"""
NONE = "user_stream: none\n"
SPECS = sorted(path.stem for path in (ROOT / "specs").glob("*.yaml"))
USER_STREAM_FILES = (
    "hummingbot/connector/exchange/{name}/{name}_api_user_stream_data_source.py",
    "test/hummingbot/connector/exchange/{name}/test_{name}_api_user_stream_data_source.py",
    "test/integration/test_{name}_user_stream_tracker.py",
)


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _without_user_stream(text: str) -> str:
    """The spec with its `user_stream` section (the last top-level key of a shipped spec, or followed by others)
    replaced by `user_stream: none`."""
    start = text.index("\nuser_stream:\n") + 1
    following = [index for index in (text.find(f"\n{key}", start) for key in "abcdefghijklmnopqrstuvwxyz") if index > 0]
    end = min(following) + 1 if following else len(text)
    return text[:start] + NONE + text[end:]


def _private_ws_blocks(text: str) -> list:
    """The `urls.private_ws` line, the `auth.private_ws` block and any domain's own private websocket URL
    (`exchange.domains.others.*.urls.private_ws`) of a shipped spec."""
    lines = text.splitlines(keepends=True)
    blocks = []
    for index, line in enumerate(lines):
        if line.startswith("      ") and line.strip().startswith("private_ws: ws"):
            blocks.append(line)
        elif line.startswith("  private_ws:"):
            end = index + 1
            while end < len(lines) and (lines[end].startswith("   ") or not lines[end].strip()):
                end += 1
            blocks.append("".join(lines[index:end]))
    return blocks


def no_private_stream(text: str) -> str:
    for block in _private_ws_blocks(text):
        text = _replace(text, block, "")
    return _without_user_stream(text)


def gate_io_variant() -> str:
    text = shipped("gate_io")
    assert _private_ws_blocks(text) == [URL, AUTH + "\n"]
    return no_private_stream(text)


def test_the_variant_is_valid(tmp_path: Path):
    result = validate(tmp_path, "gate_io", gate_io_variant())
    assert result.exit_code == 0, result.output


def test_the_variant_generates_a_connector_without_user_stream_that_passes_its_suite(tmp_path: Path):
    connector = generate_variant(tmp_path, "gate_io", gate_io_variant())
    for path in USER_STREAM_FILES:
        assert not (connector / path.format(name="gate_io")).exists(), path
    exchange = (connector / "hummingbot/connector/exchange/gate_io/gate_io_exchange.py").read_text()
    assert "def _create_user_stream_tracker(self):\n        return None" in exchange
    assert "_process_order_event" not in exchange
    constants = (connector / "hummingbot/connector/exchange/gate_io/gate_io_constants.py").read_text()
    assert "WSS_PRIVATE_URL" not in constants and "USER_ORDER_EVENT_TYPE" not in constants
    # Hummingbot's user stream tests are overridden by tests of the polling that replaces them: none is skipped.
    suite = (connector / "test/hummingbot/connector/exchange/gate_io/test_gate_io_exchange.py").read_text()
    for test in ("test_user_stream_update_for_new_order", "test_user_stream_balance_update",
                 "test_lost_order_user_stream_full_fill_events_are_processed", "test_status_is_polled_every"):
        assert f"def {test}" in suite, test
    assert "= None\n" not in suite and "skip" not in suite
    assert passes_suite_and_market_tests(connector)


def _findings(path: str, content: str) -> str:
    output = io.StringIO()
    pyflakes.api.check(content, path, pyflakes.reporter.Reporter(output, output))
    return output.getvalue()


@pytest.mark.parametrize("name", SPECS)
def test_every_shipped_spec_without_its_private_stream_renders_clean_code(tmp_path: Path, name: str):
    path = tmp_path / f"{name}.yaml"
    path.write_text(no_private_stream(shipped(name)))
    files = render_connector(build_context(load_spec(path)))
    assert not any("user_stream" in file for file in files)
    for file, content in files.items():
        if file.endswith(".py"):
            compile(content, file, "exec", ast.PyCF_ONLY_AST)
            assert _findings(file, content) == "", file


@pytest.mark.parametrize(
    "edit, expected",
    [
        # user_stream: none with the private websocket's URL, or its authentication, kept.
        (lambda text: _replace(text, PUBLIC_URL, PUBLIC_URL + URL),
         "gate_io.yaml:23:3: urls.private_ws: user_stream: none says the exchange has no private websocket"),
        (lambda text: _replace(text, "auth:\n", "auth:\n" + AUTH),
         "gate_io.yaml:33:3: auth.private_ws: user_stream: none says the exchange has no private websocket"),
        # A private stream without its URL or its authentication.
        (lambda text: _replace(shipped("gate_io"), URL, ""),
         "gate_io.yaml:20:1: urls.private_ws: required with a user_stream (an exchange without a private websocket: "
         "user_stream: none)"),
        (lambda text: _replace(shipped("gate_io"), AUTH, ""),
         "gate_io.yaml:33:1: auth.private_ws: required with a user_stream"),
        # Another word, or nothing.
        (lambda text: _replace(text, NONE, "user_stream: polling\n"),
         "user_stream: expected the private stream's mapping, or none for an exchange without a private websocket, "
         "found 'polling'"),
        (lambda text: _replace(text, NONE, "user_stream:\n"), "user_stream: expected the private stream's mapping"),
    ],
)
def test_contradictory_specs_are_refused_with_their_position(tmp_path: Path, edit, expected: str):
    result = validate(tmp_path, "gate_io", edit(gate_io_variant()))
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
