"""The loopback exchange: its signature checks against the exchanges' documented vectors, its matching engine,
and the market tests failing, with the cause named, when the connector's spec and the exchange disagree."""

import hashlib
import hmac
import time
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scaffolder.cli import app
from scaffolder.sandbox.engine import Engine, Market, Rejected
from scaffolder.sandbox.market_test import run_against_sandbox
from scaffolder.sandbox.signing import SignedRequest, Verifier, digest
from scaffolder.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent
BINANCE = ROOT / "specs" / "binance.yaml"


def test_digest_reproduces_binance_documented_signature():
    # Binance's "SIGNED endpoint examples for POST /api/v3/order" (HMAC SHA256 key and query from its docs).
    secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
    query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
    expected = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
    assert digest(secret, query, "sha256", "hex") == expected


def signed_binance_request(secret: str, key: str, timestamp: int) -> SignedRequest:
    query = f"symbol=ZRXETH&timestamp={timestamp}"
    signature = hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()
    return SignedRequest("GET", "/api/v3/order", f"{query}&signature={signature}", "", {"X-MBX-APIKEY": key})


def test_binance_signatures_are_checked_and_a_wrong_one_is_explained():
    spec = load_spec(BINANCE)
    verifier = Verifier(spec, {"api_key": "k", spec.auth.rest.secret: "s"})
    now = int(time.time() * 1e3)
    assert verifier.check_rest(signed_binance_request("s", "k", now)) is None
    wrong_secret = verifier.check_rest(signed_binance_request("not-the-secret", "k", now))
    assert f"is not the HMAC-SHA256 hex keyed by {spec.auth.rest.secret} of 'symbol=ZRXETH&timestamp=" in wrong_secret
    assert "header X-MBX-APIKEY is 'x', expected 'k'" in verifier.check_rest(signed_binance_request("s", "x", now))
    assert "away from the server clock" in verifier.check_rest(signed_binance_request("s", "k", now - 600_000))


def engine() -> Engine:
    return Engine([Market("ZRX-ETH", "ZRX", "ETH", "ZRXETH")], lambda order: order.market.quote)


def test_limit_orders_rest_or_cross_and_a_crossing_limit_maker_is_refused():
    book = engine()
    market = book.markets["ZRX-ETH"]
    best_ask = book.levels("ZRX-ETH", "SELL")[0][0]
    best_bid = book.levels("ZRX-ETH", "BUY")[0][0]
    assert best_bid < best_ask
    with pytest.raises(Rejected, match="would immediately match"):
        book.place(market, "BUY", "LIMIT_MAKER", Decimal("1"), best_ask, "maker")
    crossing = book.place(market, "BUY", "LIMIT", Decimal("2"), best_ask + 5, "taker")
    assert crossing.state == "FILLED" and [fill.price for fill in crossing.fills] == [best_ask]
    resting = book.place(market, "SELL", "LIMIT", Decimal("3"), best_ask + 50, "rests")
    assert resting.state == "OPEN" and (best_ask + 50, Decimal("3")) in book.levels("ZRX-ETH", "SELL")
    assert book.balances["ZRX"][1] == Decimal("3")  # locked while it rests
    book.cancel(resting)
    assert resting.state == "CANCELED" and book.balances["ZRX"][1] == 0
    market_sell = book.place(market, "SELL", "MARKET", Decimal("1.5"), None, "market")
    assert market_sell.state == "FILLED" and market_sell.fills[0].price == best_bid


def test_orders_beyond_the_balance_are_refused():
    book = engine()
    with pytest.raises(Rejected, match="insufficient balance"):
        book.place(book.markets["ZRX-ETH"], "SELL", "LIMIT", Decimal("1000000"), Decimal("200"), "too-big")


def generate_variant(tmp_path: Path, old: str, new: str) -> Path:
    """A connector generated from a copy of the Binance spec with one thing changed; returns its root."""
    text = BINANCE.read_text()
    assert old in text
    spec = tmp_path / "specs" / "binance.yaml"
    spec.parent.mkdir()
    spec.write_text(text.replace(old, new, 1))
    result = CliRunner().invoke(app, ["generate", str(spec), "--out", str(tmp_path / "generated")])
    assert result.exit_code == 0, result.output
    return tmp_path / "generated" / "binance"


ORDER_BOOK_TRACKER = ["-q", "-x", "-p", "no:warnings", "-k", "order_book_tracker"]


@pytest.mark.timeout(300)
def test_a_wrong_signature_recipe_fails_the_market_tests_naming_the_signature(tmp_path, capfd):
    root = generate_variant(tmp_path, "    algorithm: sha256\n    encoding: hex", "    algorithm: sha512\n    encoding: hex")
    assert run_against_sandbox(load_spec(BINANCE), root, ORDER_BOOK_TRACKER) != 0
    refused = capfd.readouterr().err
    assert "bad signature: GET /api/v3/account: signature" in refused
    assert "is not the HMAC-SHA256 hex keyed by secret_key of" in refused


@pytest.mark.timeout(300)
def test_a_wrong_channel_name_fails_the_market_tests_naming_the_channel(tmp_path, capfd):
    root = generate_variant(tmp_path, 'topic: "{symbol_lower}@depth@100ms"', 'topic: "{symbol_lower}@depthUpdate"')
    assert run_against_sandbox(load_spec(BINANCE), root, ORDER_BOOK_TRACKER) != 0
    assert 'websocket subscription to an unknown channel: "zrxeth@depthUpdate"' in capfd.readouterr().err


@pytest.mark.timeout(300)
def test_a_rate_limit_above_the_exchange_fails_the_market_tests_naming_the_limit(tmp_path, capfd):
    # The exchange (the sandbox's spec) allows a tenth of the weight the connector's spec declares.
    exchange = tmp_path / "exchange.yaml"
    exchange.write_text(BINANCE.read_text().replace("{id: REQUEST_WEIGHT, limit: 6000, interval: 60}",
                                                    "{id: REQUEST_WEIGHT, limit: 60, interval: 60}"))
    code = run_against_sandbox(load_spec(exchange), ROOT / "generated" / "binance", ORDER_BOOK_TRACKER)
    assert code != 0
    assert "rate limit exceeded: pool REQUEST_WEIGHT allows 60 per 60s" in capfd.readouterr().err


def test_market_tests_cover_only_the_order_types_the_spec_has():
    # Gemini's spec has LIMIT and LIMIT_MAKER only; Binance's has MARKET too.
    gemini = (ROOT / "generated/gemini/test/integration/test_gemini_market.py").read_text()
    binance = (ROOT / "generated/binance/test/integration/test_binance_market.py").read_text()
    assert "def test_market_buy" not in gemini and "def test_market_sell" not in gemini
    assert "def test_limit_makers_unfilled" in gemini
    assert "def test_market_buy" in binance and "def test_market_sell" in binance
