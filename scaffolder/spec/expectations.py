"""Cross-checks of the `expect:` blocks: each declares only values the connector reads from that payload, and
one item per documented row."""

from __future__ import annotations

from typing import Any, List, Optional, Tuple

from scaffolder.spec import fieldpath, routes
from scaffolder.spec.errors import Loc
from scaffolder.spec.model import PAIR, RULE_NAMES, Spec

Problem = Tuple[Loc, str]


def documented_rows(example: Any, rows: Optional[str]) -> Optional[int]:
    """How many rows the documented example carries at `rows` (None: the payload is one item)."""
    if rows is None:
        return 1
    try:
        value = fieldpath.read(example, rows) if rows else example
    except fieldpath.FieldPathError:
        return None
    return len(value) if isinstance(value, list) else None


def _count(problems: List[Problem], loc: Loc, expected: List[Any], example: Any, rows: Optional[str]) -> None:
    count = documented_rows(example, rows)
    if count is not None and count != len(expected):
        what = "one item (a mapping)" if rows is None else f"{count} item(s), one per documented row in order"
        problems.append((loc, f"expected {what}, found {len(expected)}"))


def _refuse(problems: List[Problem], loc: Loc, value: Any, why: str) -> None:
    if value is not None:
        problems.append((loc, f"not read from this payload: {why}"))


def _fill_items(
    problems: List[Problem], loc: Loc, items: List[Any], fill: Any, own_order_id: bool, key: Optional[str] = None
) -> None:
    """Fills (or, with `key`, the one fill at loc.key) declare a fee asset only when read, an order id when their own."""
    for index, item in enumerate(items):
        where = loc + ((key,) if key else (index,))
        _refuse(problems, where + ("fee_asset",), item.fee_asset if fill.fee_asset is None else None,
                f"the fee asset follows fee_asset_rule {fill.fee_asset_rule}")
        if not own_order_id:
            _refuse(problems, where + ("exchange_order_id",), item.exchange_order_id,
                    "the fill belongs to the event's order (give it on the event)")
        elif item.exchange_order_id is None:
            problems.append((where + ("exchange_order_id",), "required field is missing"))


def _book(problems: List[Problem], loc: Loc, expect: Any, ws: bool, timestamp: bool, first_update_id: bool) -> None:
    if ws and expect.trading_pair is None:
        problems.append((loc + ("trading_pair",), "required field is missing: the pair the message is for"))
    if not ws:
        _refuse(problems, loc + ("trading_pair",), expect.trading_pair, "the snapshot is requested for a pair")
    if not timestamp:
        _refuse(problems, loc + ("timestamp",), expect.timestamp, "the book is timed on reception")
    if not first_update_id:
        _refuse(problems, loc + ("first_update_id",), expect.first_update_id, "no first_update_id is mapped")


def exchange_symbol(spec: Spec, pair: str) -> str:
    """The exchange's symbol for a trading pair, by the documented symbol format (markets.symbols.format)."""
    symbol_format = spec.markets.symbols.format
    symbol = pair.replace("-", symbol_format.separator)
    return symbol.lower() if symbol_format.case == "lower" else symbol.upper()


def _symbols(problems: List[Problem], loc: Loc, spec: Spec, channel: Any, pairs: List[str]) -> None:
    """The generated test knows each expected pair under its formatted symbol: the example must carry that symbol."""
    rows = getattr(channel, "rows", None)
    # A route template reads the symbol in the message's route field, the same for every row.
    template = routes.symbol_template(channel.route)
    try:
        examples = fieldpath.read(channel.example, rows) if rows else [channel.example]
    except fieldpath.FieldPathError:
        return
    for index, (example, pair) in enumerate(zip(examples, pairs)):
        try:
            symbol = routes.documented_symbol(spec.public_ws, channel, example if template is None else channel.example)
        except fieldpath.FieldPathError:
            continue
        if symbol != exchange_symbol(spec, pair):
            problems.append(
                (
                    loc + (index, "trading_pair") if rows else loc + ("trading_pair",),
                    f"the example carries symbol {symbol!r}, but markets.symbols.format writes {pair} as "
                    f"{exchange_symbol(spec, pair)!r}",
                )
            )


def check(spec: Spec) -> List[Problem]:
    problems: List[Problem] = []
    markets = spec.markets
    rules = markets.trading_rules
    if rules.expect is not None:
        for pair, rule in rules.expect.items():
            loc = ("markets", "trading_rules", "expect", pair)
            if not PAIR.fullmatch(str(pair)):
                problems.append((loc, f"expected trading pairs BASE-QUOTE in upper case as keys, found {pair!r}"))
            for name in RULE_NAMES[3:]:  # the optional rules
                if getattr(rules, name) is None:
                    _refuse(problems, loc + (name,), getattr(rule, name), f"no {name} mapped")
                elif getattr(rule, name) is None:
                    problems.append((loc, f"markets.trading_rules maps {name}: declare its expected value"))
    if markets.order_book_snapshot.expect is not None:
        _book(problems, ("markets", "order_book_snapshot", "expect"), markets.order_book_snapshot.expect,
              False, markets.order_book_snapshot.timestamp is not None, False)

    orders = spec.orders
    create = orders.create
    if create.expect is not None and create.timestamp is None:
        _refuse(problems, ("orders", "create", "expect", "timestamp"), create.expect.timestamp,
                "orders.create maps no timestamp")
    status = orders.status
    if status.expect is not None and status.timestamp is None:
        _refuse(problems, ("orders", "status", "expect", "timestamp"), status.expect.timestamp,
                "orders.status maps no timestamp (the update is stamped with the connector's clock)")
    fills = orders.fills
    if fills.expect is not None:
        loc = ("orders", "fills", "expect")
        _count(problems, loc, fills.expect, fills.example_response, fills.rows)
        _fill_items(problems, loc, fills.expect, fills, own_order_id=True)

    stream = spec.user_stream
    event = stream.order_event if stream is not None else None
    if event is not None and event.expect is not None:
        loc = ("user_stream", "order_event", "expect")
        _count(problems, loc, event.expect, event.example, event.rows)
        for index, item in enumerate(event.expect):
            if item.fill is not None and event.fill is None:
                _refuse(problems, loc + (index, "fill"), item.fill, "order_event has no fill")
            elif item.fill is not None:
                _fill_items(problems, loc + (index,), [item.fill], event.fill, own_order_id=False, key="fill")
    if stream is not None and stream.fill_event is not None and stream.fill_event.expect is not None:
        loc = ("user_stream", "fill_event", "expect")
        _count(problems, loc, stream.fill_event.expect, stream.fill_event.example, stream.fill_event.rows)
        _fill_items(problems, loc, stream.fill_event.expect, stream.fill_event, own_order_id=True)

    channels = spec.public_ws.channels
    trade = channels.trade
    if trade is not None and trade.expect is not None:
        loc = ("public_ws", "channels", "trade", "expect")
        _count(problems, loc, trade.expect, trade.example, trade.rows)
        _symbols(problems, loc, spec, trade, [item.trading_pair for item in trade.expect])
    if channels.order_book_diff is not None and channels.order_book_diff.expect is not None:
        diff = channels.order_book_diff
        _book(problems, ("public_ws", "channels", "order_book_diff", "expect"), diff.expect, True, True,
              diff.first_update_id is not None)
        if diff.expect.trading_pair is not None:
            _symbols(problems, ("public_ws", "channels", "order_book_diff", "expect"), spec, diff,
                     [diff.expect.trading_pair])
    if channels.order_book_snapshot is not None and channels.order_book_snapshot.expect is not None:
        snapshot = channels.order_book_snapshot
        _book(problems, ("public_ws", "channels", "order_book_snapshot", "expect"), snapshot.expect, True,
              snapshot.timestamp is not None, False)
        if snapshot.expect.trading_pair is not None:
            _symbols(problems, ("public_ws", "channels", "order_book_snapshot", "expect"), spec, snapshot,
                     [snapshot.expect.trading_pair])
    return problems
