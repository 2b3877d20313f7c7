"""Four options Coinbase Advanced Trade needs, each generic:

- `levels.side`: both sides of a book in one list, each level naming its side (level2's `updates`, `"side": "bid"` or
  `"offer"`); a side keeps the levels marked with its value.
- `public_ws.channels.*.name`: a channel subscribed by another name than the route its messages carry (`level2`,
  received as `l2_data`), written `{name}` in the subscribe messages.
- `orders.create.type_object`: parameters sent inside an object named after the order type (`order_configuration:
  {limit_limit_gtc: {base_size, limit_price}}`).
- `orders.cancel.list_params`: parameters sent as a one-item list (`batch_cancel` `{"order_ids": [id]}`).

specs/coinbase_advanced_trade.yaml uses all four; its generated suite and market tests run with the other shipped
specs' (the loopback exchange writes marked levels, reads the type object and the listed ids).
"""

from pathlib import Path

import pytest
from spec_variants import ROOT, shipped, validate

from scaffolder.generate import generate_files
from scaffolder.sandbox import payloads
from scaffolder.spec.model.orders import TypeObject
from scaffolder.spec.model.public_ws import BookLevel

NAME = "coinbase_advanced_trade"
PACKAGE = f"hummingbot/connector/exchange/{NAME}"


@pytest.fixture(scope="module")
def files():
    # Each file on one line (black wraps long expressions), for the assertions below.
    return {path: " ".join(text.split()) for path, text in generate_files(ROOT / "specs" / f"{NAME}.yaml").items()}


def test_levels_naming_their_side_are_split_by_it(files):
    source = files[f"{PACKAGE}/{NAME}_api_order_book_data_source.py"] + files[f"{PACKAGE}/{NAME}_order_book.py"]
    assert (
        '[level["price_level"], level["new_quantity"]] for level in msg["events"][0]["updates"] '
        'if level["side"] == "bid" ]'
    ) in source
    assert 'if level["side"] == "offer" ]' in source


def test_channel_name_is_subscribed(files):
    source = files[f"{PACKAGE}/{NAME}_api_order_book_data_source.py"]
    assert '"channel": "level2"' in source
    assert '"channel": "market_trades"' in source


def test_type_object_and_list_params(files):
    exchange = files[f"{PACKAGE}/{NAME}_exchange.py"]
    assert (
        'api_params["order_configuration"] = { self.coinbase_advanced_trade_order_type(order_type): { key: '
        'api_params.pop(key) for key in ("base_size", "limit_price", "post_only") if key in api_params } }'
    ) in exchange
    assert '"order_ids": [exchange_order_id]' in exchange


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("side: {field: side, bids: bid, asks: offer}", "side: {field: sid, bids: bid, asks: offer}",
         "public_ws.channels.order_book_diff.levels.side.field"),
        ("side: {field: side, bids: bid, asks: offer}", "side: {field: side, bids: bid, asks: bid}",
         "bids and asks must be marked by different values"),
        (", side: {field: side, bids: bid, asks: offer}}", "}",
         "bids and asks name the same list: give levels.side"),
        ("params: [base_size, limit_price, post_only]", "params: [base_size, limit_pric]",
         "'limit_pric' is neither a parameter of orders.create.params"),
        ("type_object: {key: order_configuration,", "type_object: {key: product_id,",
         "'product_id' is already a parameter of the order"),
        ("list_params: [order_ids]", "list_params: [order_id]",
         "'order_id' is not a parameter of orders.cancel.params"),
        ('channel: "{name}"}', 'channel: "{nam}"}', "unknown placeholder {nam}"),
    ],
)
def test_misuses_are_refused(tmp_path: Path, old: str, new: str, expected: str):
    text = shipped(NAME)
    assert old in text
    result = validate(tmp_path, NAME, text.replace(old, new, 1))
    assert result.exit_code == 2
    assert expected in result.output, result.output


def test_loopback_writes_marked_levels_in_one_list():
    from decimal import Decimal

    level = BookLevel.model_validate(
        {"price": "price_level", "amount": "new_quantity", "side": {"field": "side", "bids": "bid", "asks": "offer"}}
    )
    payload = {"updates": [{"side": "bid", "price_level": "1", "new_quantity": "2"}]}
    payloads.write_book(payload, "updates", "updates", [(Decimal("10"), Decimal("1"))],
                        [(Decimal("11"), Decimal("2"))], level)
    assert payload["updates"] == [
        {"side": "bid", "price_level": "10", "new_quantity": "1"},
        {"side": "offer", "price_level": "11", "new_quantity": "2"},
    ]


def test_loopback_opens_the_type_object():
    type_object = TypeObject(key="order_configuration", params=["base_size"])
    opened, type_name = payloads.opened_type_object(
        {"product_id": "BTC-USD", "order_configuration": {"limit_limit_gtc": {"base_size": "1"}}}, type_object
    )
    assert (opened, type_name) == ({"product_id": "BTC-USD", "base_size": "1"}, "limit_limit_gtc")
