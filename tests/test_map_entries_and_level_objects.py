"""Two payload shapes Kraken documents, as generic spec options (`specs/kraken.yaml` uses both; its generated suite
runs them against Hummingbot):

- `[*]` in a field path: the first entry of a map, as a [key, value] pair, for objects keyed by a name the request
  chose (Kraken's `Ticker`, `Depth` and `QueryOrders` answer `{"result": {"XXBTZUSD": {...}}}`);
- `levels` on a websocket book channel: book levels written as objects (`{"price": 0.5657, "qty": 1098.39}`, Kraken's
  websocket v2) rather than `[price, amount]` lists.

Also: `orders.fills.rows` may lead to a map keyed by trade id (its entries are the rows), and
`orders.status.expect.timestamp` is refused when the status maps no timestamp.
"""

from pathlib import Path

import pytest
from spec_variants import shipped, validate

from scaffolder.context.public_ws import book_side
from scaffolder.fixtures import fixture
from scaffolder.pysource import safe_read
from scaffolder.sandbox.payloads import levels
from scaffolder.spec import fieldpath
from scaffolder.spec.model import BookLevel

TICKER = {"error": [], "result": {"XXBTZUSD": {"c": ["30303.20000", "0.00067643"]}, "XETHZUSD": {"c": ["1", "2"]}}}


def test_an_entry_step_reads_the_first_entry_of_a_map_as_a_key_value_pair():
    assert fieldpath.read(TICKER, "result[*][1].c[0]") == "30303.20000"
    assert fieldpath.read(TICKER, "result[*][0]") == "XXBTZUSD"
    source = fieldpath.to_python("result[*][1].c[0]", "msg")
    assert source == "next(iter(msg['result'].items()))[1]['c'][0]"
    assert eval(source, {}, {"msg": TICKER}) == "30303.20000"
    # Read plainly where other paths are read leniently (routing, filters).
    assert safe_read("result[*][0]", "msg") == "next(iter(msg['result'].items()))[0]"
    assert fieldpath.top_key("result[*][1].c[0]") == "result"
    assert fieldpath.documented({"result": []}, "result[*][0]") is None


def test_writing_an_entrys_key_renames_it_in_place_keeping_the_order():
    payload = {"result": {"OLD": {"status": "open"}, "NEXT": {"status": "closed"}}}
    fieldpath.write(payload, "result[*][0]", "NEW")
    fieldpath.write(payload, "result[*][1].status", "canceled")
    assert list(payload["result"]) == ["NEW", "NEXT"]
    assert payload["result"]["NEW"] == {"status": "canceled"}
    source = fixture({"result": {"OLD": {"status": "open"}}}, {"result[*][0]": "order_id", "result[*][1].status": '"x"'})
    assert source == """{'result': {order_id: {'status': "x"}}}"""


@pytest.mark.parametrize("path", ["result[**]", "result[*x]"])
def test_malformed_entry_steps_are_refused(path):
    with pytest.raises(fieldpath.FieldPathError, match=r"expected a number, \* or field=value"):
        fieldpath.parse(path)


def test_level_objects_become_price_amount_rows():
    class Channel:
        bids = "data[0].bids"
        levels = BookLevel(price="price", amount="qty")

    source = book_side(Channel, "bids", "msg")
    assert source == "[[level['price'], level['qty']] for level in msg['data'][0]['bids']]"
    message = {"data": [{"bids": [{"price": 0.5657, "qty": 1098.3947558}, {"price": 0.5656, "qty": 0}]}]}
    assert eval(source, {}, {"msg": message}) == [[0.5657, 1098.3947558], [0.5656, 0]]


def test_the_sandbox_writes_levels_shaped_like_the_documented_objects():
    from decimal import Decimal

    documented = [{"price": 0.5657, "qty": 1098.3947558}]
    rows = levels(documented, [(Decimal("100.5"), Decimal("2"))], BookLevel(price="price", amount="qty"))
    assert rows == [{"price": 100.5, "qty": 2.0}]


KRAKEN_LEVELS = "      levels: {price: price, amount: qty}\n"


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            KRAKEN_LEVELS,
            "      levels: {price: px, amount: qty}\n",
            "public_ws.channels.order_book_diff.levels.price: the example payload has no value at 'px'",
        ),
        (
            "              - {price: 0.5657, qty: 1098.3947558}\n",
            '              - ["0.5657", "1098.3947558"]\n',
            "public_ws.channels.order_book_diff.bids: with levels, the example must document this side as a list of "
            "level objects",
        ),
        (
            "              - {price: 0.5657, qty: 1098.3947558}\n",
            "              []\n",
            "public_ws.channels.order_book_diff.levels: the example documents no level on either side",
        ),
        (
            '    exchange_order_id: "result[*][0]"\n',
            '    exchange_order_id: "result[0][0]"\n',
            "orders.status.exchange_order_id: the example payload has no value at 'result[0][0]'",
        ),
        (
            "    expect: {exchange_order_id: OBCMZD-JIEE7-77TH3F, state: FILLED}\n",
            "    expect: {exchange_order_id: OBCMZD-JIEE7-77TH3F, state: FILLED, timestamp: 1688665499.1922}\n",
            "orders.status.expect.timestamp: not read from this payload: orders.status maps no timestamp",
        ),
    ],
)
def test_kraken_options_are_checked_at_their_line(tmp_path: Path, old: str, new: str, expected: str):
    text = shipped("kraken")
    assert text.count(old) == 1, old
    changed = text.replace(old, new)
    result = validate(tmp_path, "kraken", changed)
    assert result.exit_code == 2
    assert expected in result.output
    # Each problem is reported at the line of the option (the side's key for a side that holds no objects).
    line = changed[: changed.index(new)].count("\n") + 1
    if "levels" in expected and "bids:" in expected:
        line = changed[: changed.index('      bids: "data[0].bids"\n')].count("\n") + 1
    if "no level" in expected:
        line = changed[: changed.index(KRAKEN_LEVELS)].count("\n") + 1
    assert f"kraken.yaml:{line}:" in result.output, result.output


def test_fills_may_be_a_map_keyed_by_trade_id(tmp_path: Path):
    """Kraken's QueryTrades: `{"result": {"THVRQM-...": {...}}}`; an empty map is refused like an empty list."""
    text = shipped("kraken")
    assert validate(tmp_path, "kraken", text).exit_code == 0
    start = text.index("        THVRQM-33VKH-UCI7BS:\n")
    end = text.index("    expect:\n      - trade_id: THVRQM")
    result_line = text.rindex("      result:\n", 0, start)
    emptied = text[:result_line] + "      result: {}\n" + text[end:].replace(
        "    expect:\n      - trade_id: THVRQM-33VKH-UCI7BS\n", "    expect_removed:\n", 1
    )
    emptied = emptied[: emptied.index("    expect_removed:\n")] + emptied[emptied.index("\nbalances:") + 1 :]
    result = validate(tmp_path, "kraken", emptied)
    assert result.exit_code == 2
    assert "orders.fills.rows: expected a non-empty list of fills in the example_response" in result.output


def test_the_sandbox_writes_times_as_date_time_text_where_the_exchange_documents_one():
    """Kraken's websocket v2 times are RFC 3339 text: the loopback exchange writes its times so there."""
    from scaffolder.sandbox.payloads import put_time
    from scaffolder.spec.model import TimeField

    payload = {"timestamp": "2023-09-25T07:49:37.708706Z", "time": 1688667796}
    put_time(payload, TimeField(path="timestamp"), 1700000000.5)
    put_time(payload, TimeField(path="time", unit="s"), 1700000000.5)
    assert payload == {"timestamp": "2023-11-14T22:13:20.500Z", "time": 1700000000}


def test_integration_tests_wait_out_tight_rate_limit_windows_between_connectors():
    """Kraken's public calls: one a second, shared by the connectors the integration tests create one after another
    (each with its own throttler): a finished test waits out that window. Exchanges without so tight a limit keep
    the short pause."""
    from scaffolder.spec import load_spec
    from scaffolder.testcontext.market import settle_seconds

    root = Path(__file__).resolve().parent.parent / "specs"
    assert settle_seconds(load_spec(root / "kraken.yaml")) == pytest.approx(1.1)
    assert settle_seconds(load_spec(root / "binance.yaml")) == 0.1
