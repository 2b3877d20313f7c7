"""Two options Gemini's REST API needs (issue 10), each generic:

- `markets.order_book_snapshot.levels`: the REST book's levels are objects (`GET /v1/book/{symbol}`:
  `{"price": "3607.85", "amount": "6.643373", "timestamp": "1547147541"}`), read as the websocket channels' `levels`.
- fills requested by pair (`POST /v1/mytrades` with only the symbol): the response holds other orders' trades, so
  `_all_trade_updates_for_order` keeps the rows of the order's exchange id.

specs/gemini.yaml uses both; its generated suite and its market tests (the loopback exchange writes object levels
and answers the pair's fills) run with the other shipped specs'.
"""

from pathlib import Path

import pytest
from spec_variants import ROOT, shipped, validate

from scaffolder.generate import generate_files

SNAPSHOT = """    levels: {price: price, amount: amount}
"""


def _files(name: str):
    return generate_files(ROOT / "specs" / f"{name}.yaml")


def test_rest_snapshot_levels_are_read_from_the_objects():
    book = _files("gemini")["hummingbot/connector/exchange/gemini/gemini_order_book.py"]
    assert '"bids": [[level["price"], level["amount"]] for level in msg["bids"]],' in book
    assert '"asks": [[level["price"], level["amount"]] for level in msg["asks"]],' in book


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("levels: {price: price, amount: amount}", "levels: {price: prce, amount: amount}",
         "markets.order_book_snapshot.levels.price"),
        # Binance-like rows are lists, not level objects.
        ("        - {price: \"3607.85\", amount: \"6.643373\", timestamp: \"1547147541\"}\n",
         "        - [\"3607.85\", \"6.643373\"]\n",
         "markets.order_book_snapshot.bids: with levels, the example must document this side as a list of level objects"),
        ("levels: {price: price, amount: amount}", "levels: {price: price}",
         "markets.order_book_snapshot.levels.amount"),
    ],
)
def test_bad_rest_snapshot_levels_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    text = shipped("gemini")
    assert text.count(old) == 1
    result = validate(tmp_path, "gemini", text.replace(old, new))
    assert result.exit_code == 2
    assert expected in result.output, result.output


def test_fills_requested_by_pair_are_kept_by_order():
    exchange = _files("gemini")["hummingbot/connector/exchange/gemini/gemini_exchange.py"]
    method = exchange[exchange.index("async def _all_trade_updates_for_order"):]
    method = method[: method.index("async def _request_order_status")]
    assert "if order.exchange_order_id is None:\n            return trade_updates" in method
    assert 'if str(fill["order_id"]) != order.exchange_order_id:\n                continue' in method


@pytest.mark.parametrize("name", ["binance", "okx", "gate_io"])
def test_fills_requested_by_order_are_not_filtered(name: str):
    exchange = _files(name)[f"hummingbot/connector/exchange/{name}/{name}_exchange.py"]
    assert "only this order's are its fills" not in exchange
