"""`public_ws.subscribe.grouping`: the channels' topics in one message per channel (`per_channel`, the default) or in
one message listing every channel's topics (`all_channels`, through `{topics}`), for subscribing and unsubscribing
apart.

specs/okx.yaml, specs/bybit.yaml (`per_pair`) and specs/binance.yaml (`all_pairs`) unsubscribe a pair's channels in
one message and subscribe them one channel a message; their generated suites expect exactly those messages. Here: the
generated code, a variant subscribing with all channels at once run against Hummingbot, and the refusals.
"""

from pathlib import Path

import pytest
from spec_variants import QUIET, generate_variant, shipped, validate

from scaffolder.testing.runner import run_suite

OKX_SUBSCRIBE = (
    '    message: {op: subscribe, args: ["{topic}"]}\n'
    '    unsubscribe_message: {op: unsubscribe, args: "{topics}"}\n'
    "    grouping: {unsubscribe: all_channels}\n"
)


def _source(connector: Path, name: str) -> str:
    return (connector / f"hummingbot/connector/exchange/{name}/{name}_api_order_book_data_source.py").read_text()


def test_shipped_specs_unsubscribe_a_pair_in_one_message(tmp_path: Path):
    okx = _source(generate_variant(tmp_path / "okx", "okx", shipped("okx")), "okx")
    assert '"args": [{"channel": "trades", "instId": symbol}, {"channel": "books", "instId": symbol}],' in okx
    # Subscriptions stay one message per channel.
    assert 'payloads.append({"op": "subscribe", "args": [{"channel": "trades", "instId": symbol}]})' in okx
    binance = _source(generate_variant(tmp_path / "binance", "binance", shipped("binance")), "binance")
    assert (
        '"params": [symbol.lower() + "@trade" for symbol in symbols]\n'
        '                + [symbol.lower() + "@depth@100ms" for symbol in symbols],'
    ) in binance


@pytest.mark.timeout(300)
def test_subscribing_all_channels_at_once_passes_the_order_book_suite(tmp_path: Path):
    text = shipped("okx")
    assert text.count(OKX_SUBSCRIBE) == 1
    variant = text.replace(
        OKX_SUBSCRIBE,
        '    message: {op: subscribe, args: "{topics}"}\n'
        '    unsubscribe_message: {op: unsubscribe, args: "{topics}"}\n'
        "    grouping: {subscribe: all_channels, unsubscribe: all_channels}\n",
    )
    connector = generate_variant(tmp_path, "okx", variant)
    source = _source(connector, "okx")
    assert '"args": [{"channel": "trades", "instId": symbol}, {"channel": "books", "instId": symbol}],' in source
    assert 'payloads.append({"op": "subscribe", "args": [{"channel": "trades"' not in source
    assert run_suite(connector, [*QUIET, "-k", "order_book"]) == 0


@pytest.mark.parametrize(
    "grouping, expected",
    [
        (
            '    unsubscribe_message: {op: unsubscribe, args: ["{topic}"]}\n'
            "    grouping: {unsubscribe: all_channels}\n",
            "public_ws.subscribe.grouping.unsubscribe: all_channels sends one message for every channel: "
            "subscribe.unsubscribe_message cannot use {topic}",
        ),
        (
            "    unsubscribe_message: {op: unsubscribe}\n    grouping: {unsubscribe: all_channels}\n",
            "public_ws.subscribe.grouping.unsubscribe: all_channels lists every channel's topics: use {topics} in "
            "subscribe.unsubscribe_message",
        ),
        (
            '    unsubscribe_message: {op: unsubscribe, args: "{topics}"}\n    grouping: {unsubscribe: together}\n',
            "public_ws.subscribe.grouping.unsubscribe",
        ),
    ],
)
def test_grouping_without_topics_or_unknown_is_refused(tmp_path: Path, grouping: str, expected: str):
    text = shipped("okx")
    old = '    unsubscribe_message: {op: unsubscribe, args: "{topics}"}\n    grouping: {unsubscribe: all_channels}\n'
    assert text.count(old) == 1
    result = validate(tmp_path, "okx", text.replace(old, grouping))
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "okx.yaml:" in result.output
