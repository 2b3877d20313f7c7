"""Public websocket options no shipped spec uses, generated from Binance variants and run against Hummingbot.

`server_ping` answers the server's own pings (HTX sends {"ping": <ms>} and expects {"pong": <ms>}); a snapshots-only
feed has an `order_book_snapshot` channel with its own topic and no diff channel (HTX and Bitrue send full books).
"""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.runner import run_suite

HEARTBEAT = "public_ws:\n  heartbeat_interval: 30\n"
SERVER_PING = """  server_ping:
    when: {field: ping, truthy: true}
    reply: {pong: "{ping}"}
    example: {ping: 1492420473027}
"""
DIFF_CHANNEL_START = "    order_book_diff:\n"
SNAPSHOT_CHANNEL = """    order_book_snapshot:
      topic: "{symbol_lower}@depth20@100ms"
      route: depthSnapshot
      symbol: s
      update_id: lastUpdateId
      bids: bids
      asks: asks
      example:
        e: depthSnapshot
        s: BNBBTC
        lastUpdateId: 160
        bids:
          - ["0.0024", "10"]
        asks:
          - ["0.0026", "100"]
"""


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def server_ping_variant(binance: str) -> str:
    return _replace(binance, HEARTBEAT, HEARTBEAT + SERVER_PING)


def snapshots_only_variant(binance: str) -> str:
    start = binance.index(DIFF_CHANNEL_START)
    end = binance.index("  # Replies to SUBSCRIBE")
    return binance[:start] + SNAPSHOT_CHANNEL + binance[end:]


def _validate(tmp_path: Path, text: str):
    spec = tmp_path / "binance.yaml"
    spec.write_text(text)
    return CliRunner().invoke(app, ["validate", str(spec)])


def test_a_book_needs_diffs_or_snapshots(tmp_path: Path, binance_spec_text: str):
    start = binance_spec_text.index(DIFF_CHANNEL_START)
    end = binance_spec_text.index("  # Replies to SUBSCRIBE")
    result = _validate(tmp_path, binance_spec_text[:start] + binance_spec_text[end:])
    assert result.exit_code == 2
    assert "public_ws.channels: give order_book_diff, order_book_snapshot or both" in result.output


def test_a_joined_topic_needs_all_pairs(tmp_path: Path, binance_spec_text: str):
    text = _replace(binance_spec_text, "    scope: all_pairs\n", "    scope: per_pair\n")
    text = _replace(text, 'topic: "{symbol_lower}@trade"', 'topic: "trade:{symbols}"')
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "{symbols} lists every pair: use it with subscribe.scope all_pairs" in result.output


def test_a_prefix_route_must_prefix_the_example(tmp_path: Path, binance_spec_text: str):
    text = _replace(
        binance_spec_text, "  route_field: e\n  channels:", "  route_field: e\n  route_match: prefix\n  channels:"
    )
    text = _replace(text, "      route: trade\n", "      route: trad\n")
    assert _validate(tmp_path, text).exit_code == 0
    text = _replace(text, "      route: trad\n", "      route: rade\n")
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "the example carries 'trade' at 'e', not 'rade'" in result.output


@pytest.mark.timeout(300)
@pytest.mark.parametrize("variant", [server_ping_variant, snapshots_only_variant])
def test_order_book_suites_pass_against_hummingbot(tmp_path: Path, binance_spec_text: str, variant):
    spec = tmp_path / "specs" / "binance.yaml"
    spec.parent.mkdir()
    spec.write_text(variant(binance_spec_text))
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    source = (
        tmp_path / "generated/binance/hummingbot/connector/exchange/binance/binance_api_order_book_data_source.py"
    ).read_text()
    if variant is server_ping_variant:
        assert 'WSJSONRequest(payload={"pong": event_message["ping"]})' in source
    else:
        assert "_parse_order_book_diff_message" not in source
    assert run_suite(tmp_path / "generated" / "binance", ["-q", "-k", "order_book", "-p", "no:warnings"]) == 0
