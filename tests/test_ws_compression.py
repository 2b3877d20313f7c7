"""`public_ws.compression` / `user_stream.compression`, and `{symbol}` items in `user_stream.subscriptions`.

BitMart ships with raw deflate; gzip (HTX, Huobi-style feeds) and zlib deflate (OKX's former feed) are exercised by
BitMart variants whose websocket suites run against Hummingbot: the generated tests compress frames with the
standard library, so a connector inflating with the wrong window size fails them.
"""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.testing.runner import run_suite

ROOT = Path(__file__).resolve().parent.parent
BITMART = (ROOT / "specs" / "bitmart.yaml").read_text()


def variant(public: str, private: str) -> str:
    assert BITMART.count("  compression: raw_deflate\n") == 2
    text = BITMART.replace("  compression: raw_deflate\n", f"  compression: {public}\n", 1)
    return text.replace("  compression: raw_deflate\n", f"  compression: {private}\n", 1)


def _validate(tmp_path: Path, text: str):
    spec = tmp_path / "bitmart.yaml"
    spec.write_text(text)
    return CliRunner().invoke(app, ["validate", str(spec)])


def test_both_streams_must_agree_on_the_compression(tmp_path: Path):
    result = _validate(tmp_path, variant("gzip", "raw_deflate"))
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "user_stream.compression" in line]
    assert len(lines) == 1, result.output
    # The error is at the private stream's compression: the second `compression:` line of the spec.
    private_line = [number for number, line in enumerate(BITMART.splitlines(), 1) if line == "  compression: raw_deflate"][1]
    assert f":{private_line}:3:" in lines[0] and "use public_ws.compression (gzip) here too" in lines[0]


def test_an_unknown_compression_is_refused(tmp_path: Path):
    result = _validate(tmp_path, variant("brotli", "brotli"))
    assert result.exit_code == 2
    assert "public_ws.compression" in result.output and "gzip" in result.output


def test_symbol_outside_a_list_is_refused(tmp_path: Path):
    text = BITMART.replace(
        '    - message: {op: subscribe, args: ["spot/user/order:{symbol}"]}\n',
        '    - message: {op: subscribe, topic: "spot/user/order:{symbol}"}\n',
    )
    result = _validate(tmp_path, text)
    assert result.exit_code == 2
    assert "user_stream.subscriptions[0].message.topic: {symbol} repeats a list item for each pair" in result.output


def test_symbol_items_are_repeated_for_each_pair():
    source = (
        ROOT / "generated/bitmart/hummingbot/connector/exchange/bitmart/bitmart_api_user_stream_data_source.py"
    ).read_text()
    assert '{"op": "subscribe", "args": ["spot/user/order:" + symbol for symbol in symbols]}' in source


@pytest.mark.timeout(600)
@pytest.mark.parametrize("compression", ["gzip", "deflate"])
def test_other_compressions_pass_the_websocket_suites(tmp_path: Path, compression: str):
    spec = tmp_path / "specs" / "bitmart.yaml"
    spec.parent.mkdir()
    spec.write_text(variant(compression, compression))
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    args = ["-q", "-p", "no:warnings", "-k", "compress or inflate"]
    assert run_suite(tmp_path / "generated" / "bitmart", args) == 0
