"""`hbgen new`: copier's questionnaire shapes the starter spec, and every combination of answers gives a spec that
generates a connector; one suite per auth / private-stream combination runs against Hummingbot."""

import itertools
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.context import build_context
from scaffolder.render import render_connector
from scaffolder.spec import load_spec
from scaffolder.starter import SCHEMA_FILE, questions, write_starter_spec
from scaffolder.testing.runner import run_suite

AUTH = ["hmac_params", "hmac_headers"]
PRIVATE_STREAM = ["signed_subscribe", "login", "listen_key", "none"]
SYMBOL_FORMAT = ["BTCUSDT", "BTC-USDT", "BTC_USDT", "btcusdt", "btc-usdt", "btc_usdt"]


def new(folder: Path, name: str, *args: str):
    """`hbgen new` in `folder`, as a command (stdin is not a terminal)."""
    return subprocess.run(
        [Path(sys.executable).parent / "hbgen", "new", name, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def answers(auth: str, private_stream: str, symbol_format: str) -> list:
    return [
        "--data",
        f"auth={auth}",
        "--data",
        f"private_stream={private_stream}",
        "-d",
        f"symbol_format={symbol_format}",
    ]


def test_the_questions_are_typed_and_cover_what_shapes_a_spec():
    asked = questions()
    assert list(asked) == [
        "display_name",
        "auth",
        "private_stream",
        "rest_url",
        "public_ws_url",
        "private_ws_url",
        "symbol_format",
    ]
    assert sorted(asked["auth"]["choices"].values()) == sorted(AUTH)
    assert sorted(asked["private_stream"]["choices"].values()) == sorted(PRIVATE_STREAM)
    assert asked["symbol_format"]["choices"] == SYMBOL_FORMAT
    assert all(question["type"] == "str" for question in asked.values())


def test_every_combination_of_answers_generates_a_connector_that_compiles(tmp_path):
    for number, (auth, stream, symbol) in enumerate(itertools.product(AUTH, PRIVATE_STREAM, SYMBOL_FORMAT)):
        name = f"x{number}"
        data = {"auth": auth, "private_stream": stream, "symbol_format": symbol}
        spec = load_spec(write_starter_spec(name, tmp_path / "specs", data, defaults=True))
        private_scheme = spec.auth.private_ws.scheme if spec.auth.private_ws is not None else "none"
        assert (spec.auth.rest.scheme, private_scheme) == (auth, stream)
        assert spec.has_private_stream == (stream != "none")
        separator = symbol[3:-4]
        assert (spec.markets.symbols.format.separator, spec.markets.symbols.format.case) == (
            separator,
            "lower" if symbol.islower() else "upper",
        )
        for path, source in render_connector(build_context(spec)).items():
            if path.endswith(".py"):
                compile(source, f"{name}:{path}", "exec")


@pytest.mark.timeout(900)
@pytest.mark.parametrize(
    "auth, stream, symbol",
    [(auth, stream, SYMBOL_FORMAT[n % 6]) for n, (auth, stream) in enumerate(itertools.product(AUTH, PRIVATE_STREAM))],
)
def test_the_starter_suite_passes_against_hummingbot(tmp_path, monkeypatch, auth, stream, symbol):
    monkeypatch.chdir(tmp_path)
    assert new(tmp_path, "coinx", "--defaults", *answers(auth, stream, symbol)).returncode == 0
    result = CliRunner().invoke(app, ["generate", "specs/coinx.yaml"])
    assert result.exit_code == 0, result.output
    assert run_suite(Path("generated/coinx"), ["-q", "-p", "no:warnings"]) == 0


def test_answers_are_recorded_in_the_spec_and_the_schema_sits_beside_it(tmp_path, repo_root):
    result = new(tmp_path, "coin_x", "--defaults", "--data", "display_name=Coin X", "--data", "auth=hmac_headers")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "specs" / "coin_x.yaml").read_text()
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_FILE}\n")
    assert (tmp_path / "specs" / SCHEMA_FILE).read_text() == (repo_root / "docs" / "spec.schema.json").read_text()
    header = text[: text.index("spec_version:")]
    for line in (
        "#   display_name: Coin X",
        "#   auth: hmac_headers",
        "#   private_stream: signed_subscribe",
        "#   rest_url: https://api.coinx.{domain}/api/v3",
        "#   symbol_format: BTCUSDT",
    ):
        assert line in header
    assert yaml.safe_load(text)["exchange"]["display_name"] == "Coin X"


def test_bad_answers_are_one_line_and_nothing_is_written(tmp_path):
    cases = [
        (["--data", "auth=rsa"], "Invalid choice for 'auth': 'rsa' is not in ['hmac_params', 'hmac_headers']"),
        (["--data", "colour=red"], "no question 'colour'; the questions are display_name, auth,"),
        (["--data", "auth"], "--data 'auth': expected KEY=VALUE"),
        (
            ["-d", "private_stream=listen_key", "-d", "private_ws_url=wss://stream.coinx.com/ws"],
            "a listen key goes in the URL: write {listen_key} where it goes",
        ),
        (["-d", "rest_url=api.coinx.com"], "an http(s):// URL is needed"),
        (["-d", "display_name=Coin: X"], "letters, digits, spaces, dots and dashes"),
    ]
    for args, message in cases:
        result = new(tmp_path, "coinx", "--defaults", *args)
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "specs").exists()


def test_without_a_terminal_new_needs_defaults(tmp_path):
    result = new(tmp_path, "coinx")
    assert result.returncode == 2 and "pass --defaults" in result.stderr
    assert not (tmp_path / "specs").exists()
