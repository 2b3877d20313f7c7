"""Public-stream hot path of every shipped connector, generated against upstream's: route, parse and apply.

    .venv-test/bin/python benchmarks/hot_path.py [NAME ...] [--messages N] [--runs R]

For each spec (default: every spec in specs/ whose exchange Hummingbot ships), the spec's documented diff and trade
messages (and snapshot messages where the stream has them) are fed, in fresh copies, through one connector's public
data source: `_channel_originating_message`, then the matching `_parse_*_message`, then Hummingbot's OrderBook. The
same messages go through the generated connector (generated/NAME ahead of the installed package on the import path)
and through upstream's, each in its own fresh process, sides alternating so that load on the shared machine falls on
both alike. Both must route every message the same way and leave the same book, or they did not do the same work:
the table then says why instead of a speed.

The user stream's hot path is measured the same way (`--stream user`, or `--stream both`): the spec's documented
order, fill and balance events (bare, as the spec documents them: both sides accept an event without its envelope) go
through the user stream data source's `_process_event_message` (route) and the exchange's `_user_stream_event_listener`
(parse and apply to a tracked order and the balances, including the order tracker's task that applies an order
update). Only that is timed; the order is tracked again between messages when an event completed it. Both sides must
leave the order and the balances alike. A side that requests anything over the network while handling an event (the
fills of an order whose event carries no fee, say) does different work, and the row says so.

Written to benchmarks/results/hot_path.json.
"""

from __future__ import annotations

import argparse
import copy
import inspect
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "hot_path.json"
PYTHON = sys.executable


def documented_messages(name: str) -> Dict[str, Any]:
    """The spec's documented public messages, the symbol they carry, and what the connector is built with."""
    sys.path.insert(0, str(ROOT))
    from scaffolder.sandbox.server import sandbox_credentials
    from scaffolder.spec import fieldpath, load_spec

    spec = load_spec(ROOT / "specs" / f"{name}.yaml")
    channels = spec.public_ws.channels
    messages = {"trade": channels.trade.example}
    if channels.order_book_diff is not None:
        messages["diff"] = channels.order_book_diff.example
    if channels.order_book_snapshot is not None:
        messages["snapshot"] = channels.order_book_snapshot.example
    # Each channel's example may document another market (Gate.io's trade is GT_USDT, its diff BTC_USDT).
    symbols = {}
    for channel in (channels.trade, channels.order_book_diff, channels.order_book_snapshot):
        if channel is not None:
            rows = getattr(channel, "rows", None)
            row = fieldpath.first_row(channel.example, rows) if rows else channel.example
            symbol = fieldpath.read(row, channel.symbol)
            symbols.setdefault(symbol, spec.exchange.example_pair if not symbols else f"ASSET{len(symbols)}-HBOT")
    credentials = sandbox_credentials(spec)
    return {
        "messages": messages,
        "symbols": symbols,
        "arguments": {c.config_field(name): credentials[c.name] for c in spec.credentials},
    }


def documented_user_events(name: str) -> Dict[str, Any]:
    """The spec's documented user-stream events as they arrive, and the order they are about."""
    sys.path.insert(0, str(ROOT))
    from scaffolder.sandbox.server import sandbox_credentials
    from scaffolder.spec import fieldpath, load_spec

    spec = load_spec(ROOT / "specs" / f"{name}.yaml")
    stream = spec.user_stream
    events = {"order": copy.deepcopy(stream.order_event.example)}
    if stream.fill_event is not None:
        events["fill"] = copy.deepcopy(stream.fill_event.example)
    if stream.balance_event is not None:
        events["balance"] = stream.balance_event.example
    order_event = stream.order_event
    row = fieldpath.first_row(events["order"], order_event.rows) if order_event.rows else events["order"]
    paths = [order_event.client_order_id] if isinstance(order_event.client_order_id, str) else order_event.client_order_id
    documented = [value for path in paths for value in [fieldpath.documented(row, path)] if value]
    client_order_id = str(documented[0]) if documented else "OID1"
    if not documented:
        # The documented event belongs to an order placed without a client id (OKX's clOrdId ""): give it one.
        fieldpath.write(row, paths[-1], client_order_id)
    if "fill" in events:
        fill = stream.fill_event
        fill_row = fieldpath.first_row(events["fill"], fill.rows) if fill.rows else events["fill"]
        fieldpath.write(fill_row, fill.client_order_id, client_order_id)
        fieldpath.write(fill_row, fill.exchange_order_id, fieldpath.read(row, order_event.exchange_order_id))
    credentials = sandbox_credentials(spec)
    return {
        # Sent bare: a spec's event envelope is declared by its key alone (Binance's also carries a subscriptionId,
        # which upstream's unwrapping needs), and the generated data source queues a bare event as it is.
        "messages": events,
        "client_order_id": client_order_id,
        "exchange_order_id": str(fieldpath.read(row, order_event.exchange_order_id)),
        "trading_pair": spec.exchange.example_pair,
        "symbols": documented_messages(name)["symbols"],
        "arguments": {c.config_field(name): credentials[c.name] for c in spec.credentials},
    }


def _exchange_class(side: str, name: str):
    """The generated or upstream exchange class, imported in this fresh process."""
    import importlib

    import hummingbot.connector.exchange as exchange_package

    generated = ROOT / "generated" / name / "hummingbot" / "connector" / "exchange"
    if side == "generated":  # before anything imports a connector (Hummingbot's settings scan them all)
        exchange_package.__path__.insert(0, str(generated))
    from hummingbot.connector.exchange_py_base import ExchangePyBase

    module = importlib.import_module(f"hummingbot.connector.exchange.{name}.{name}_exchange")
    if Path(module.__file__).resolve().is_relative_to(generated) != (side == "generated"):
        raise RuntimeError(f"{side}: imported the wrong connector: {module.__file__}")
    return next(
        value
        for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, ExchangePyBase) and value.__module__ == module.__name__
    )


def user_worker(side: str, name: str, setup_file: str, count: str) -> None:
    """The user stream's hot path on one side, one process: a warm-up pass, then a timed one. Prints JSON."""
    import asyncio
    from decimal import Decimal

    from bidict import bidict

    exchange_class = _exchange_class(side, name)
    from hummingbot.core.data_type.common import OrderType, TradeType

    # Both sides alike: what a side logs is not timed output (a failing side shows in its results).
    logging.disable(logging.CRITICAL)

    setup = json.loads(Path(setup_file).read_text(encoding="utf-8"))
    kinds = list(setup["messages"])
    stream = [kinds[index % len(kinds)] for index in range(int(count))]

    async def run_once(exchange) -> Dict[str, Any]:
        data_source = exchange._user_stream_tracker.data_source
        queue: asyncio.Queue = asyncio.Queue()
        pending: List[Dict[str, Any]] = []

        async def queued_events():
            while pending:
                yield pending.pop(0)

        exchange._iter_user_event_queue = queued_events
        exchange._sleep = _no_sleep
        exchange._api_request = _no_network
        client_order_id = setup["client_order_id"]

        def track():
            exchange.start_tracking_order(
                order_id=client_order_id,
                exchange_order_id=setup["exchange_order_id"],
                trading_pair=setup["trading_pair"],
                trade_type=TradeType.BUY,
                price=Decimal("10000"),
                amount=Decimal("100000"),
                order_type=OrderType.LIMIT,
            )

        messages = [copy.deepcopy(setup["messages"][kind]) for kind in stream]
        elapsed = 0.0
        track()
        first_state = None
        for message in messages:
            if client_order_id not in exchange.in_flight_orders:
                track()
            start = time.perf_counter()
            await data_source._process_event_message(message, queue)
            while not queue.empty():
                pending.append(queue.get_nowait())
            await exchange._user_stream_event_listener()
            # The order tracker applies an order update in a task of its own: let it run, on the clock.
            await asyncio.sleep(0)
            elapsed += time.perf_counter() - start
            if first_state is None:
                order = exchange._order_tracker.fetch_order(client_order_id)
                first_state = [order.current_state.name, _number(order.executed_amount_base)] if order else None
        balances = sorted((asset, _number(amount)) for asset, amount in exchange._account_balances.items())
        return {"messages_per_second": len(messages) / elapsed, "order": first_state, "balances": balances}

    async def main() -> Dict[str, Any]:
        parameters = inspect.signature(exchange_class.__init__).parameters
        arguments = {key: value for key, value in setup["arguments"].items() if key in parameters}
        exchange = exchange_class(**arguments, trading_pairs=[setup["trading_pair"]], trading_required=True)
        exchange._set_trading_pair_symbol_map(bidict(setup["symbols"]))
        # Before every documented event, so that none is taken for an update older than the order.
        exchange._set_current_timestamp(1_000_000_000)
        await run_once(exchange)
        return await run_once(exchange)

    print(json.dumps(asyncio.run(main())))


async def _no_network(*args, **kwargs) -> None:
    """A request made while an event is handled: refused at once, so that the side shows it did other work."""
    raise IOError("the benchmark does not reach the network")


def _number(value: Any) -> str:
    """A Decimal as text that does not depend on how it was written ("4750.4269706914360" is "4750.426970691436")."""
    from decimal import Decimal

    return format(Decimal(value).normalize(), "f")


async def _no_sleep(*args, **kwargs) -> None:
    """The listener's pause after an error: nothing here, so a failing side shows in its results, not its time."""


def worker(side: str, name: str, setup_file: str, count: str) -> None:
    """One side, one process: an untimed warm-up pass, then a timed one. Prints JSON to stdout."""
    import asyncio

    from bidict import bidict

    exchange_class = _exchange_class(side, name)
    from hummingbot.core.data_type.order_book import OrderBook

    setup = json.loads(Path(setup_file).read_text(encoding="utf-8"))
    kinds = list(setup["messages"])
    stream = [kinds[index % len(kinds)] for index in range(int(count))]

    async def run_once(data_source) -> Dict[str, Any]:
        book = OrderBook()
        queue: asyncio.Queue = asyncio.Queue()
        # The queue keys are each connector's own names ("depthUpdate", "order_book_diff"): compared by role.
        roles = {
            data_source._trade_messages_queue_key: ("trade", data_source._parse_trade_message),
            data_source._diff_messages_queue_key: ("diff", data_source._parse_order_book_diff_message),
            data_source._snapshot_messages_queue_key: ("snapshot", data_source._parse_order_book_snapshot_message),
        }
        messages = [copy.deepcopy(setup["messages"][kind]) for kind in stream]  # upstream's parsers edit messages
        routed: Dict[str, str] = {}
        start = time.perf_counter()
        for kind, message in zip(stream, messages):
            role, parse = roles.get(data_source._channel_originating_message(message), (None, None))
            routed.setdefault(kind, role)
            if parse is None:
                continue
            await parse(message, queue)
            while not queue.empty():
                parsed = queue.get_nowait()
                if role == "diff":
                    book.apply_diffs(parsed.bids, parsed.asks, parsed.update_id)
                elif role == "snapshot":
                    book.apply_snapshot(parsed.bids, parsed.asks, parsed.update_id)
        elapsed = time.perf_counter() - start
        bids, asks = book.snapshot
        return {
            "messages_per_second": len(messages) / elapsed,
            "routed": routed,
            "book": [len(bids), len(asks), float(bids.price.max()) if len(bids) else None],
        }

    async def main() -> Dict[str, Any]:
        parameters = inspect.signature(exchange_class.__init__).parameters
        arguments = {key: value for key, value in setup["arguments"].items() if key in parameters}
        pairs = list(setup["symbols"].values())
        exchange = exchange_class(**arguments, trading_pairs=pairs, trading_required=False)
        exchange._set_trading_pair_symbol_map(bidict(setup["symbols"]))
        await run_once(exchange._orderbook_ds)
        return await run_once(exchange._orderbook_ds)

    try:
        print(json.dumps(asyncio.run(main())))
    except NotImplementedError:
        sys.exit("its data source routes messages in its own _process_websocket_messages, not by channel")


def measure(name: str, count: int, runs: int, stream: str = "public") -> Dict[str, Any]:
    """One connector's hot path on both sides: `stream` is public (route, parse, apply to a book) or user."""
    setup = documented_messages(name) if stream == "public" else documented_user_events(name)
    # What both sides must agree on: the routing and the book, or the order and the balances.
    outcome_keys = ("routed", "book") if stream == "public" else ("order", "balances")
    flag = "--worker" if stream == "public" else "--user-worker"
    with tempfile.TemporaryDirectory() as scratch:
        setup_file = Path(scratch) / "setup.json"
        setup_file.write_text(json.dumps(setup), encoding="utf-8")
        samples: Dict[str, List[Dict[str, Any]]] = {"generated": [], "upstream": []}
        for _ in range(runs):
            for side in samples:
                command = [PYTHON, __file__, flag, side, name, str(setup_file), str(count)]
                completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
                if completed.returncode != 0:
                    last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
                    return {"error": f"{side}: {last}"}
                samples[side].append(json.loads(completed.stdout.splitlines()[-1]))
    outcomes = {json.dumps([sample[key] for key in outcome_keys]) for side in samples for sample in samples[side]}
    if len(outcomes) != 1:
        generated, upstream = samples["generated"][0], samples["upstream"][0]
        described = ", ".join(f"{key} {{}}" for key in outcome_keys)
        return {
            "error": "different work: generated "
            + described.format(*(generated[key] for key in outcome_keys))
            + "; upstream "
            + described.format(*(upstream[key] for key in outcome_keys))
        }
    result = {side: statistics.median(s["messages_per_second"] for s in samples[side]) for side in samples}
    result["generated_over_upstream"] = result["generated"] / result["upstream"]
    return result


def shipped_by_hummingbot(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(f"hummingbot.connector.exchange.{name}") is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="Specs to measure (default: all whose exchange Hummingbot ships).")
    parser.add_argument("--messages", type=int, default=20_000, help="Messages per timed pass.")
    parser.add_argument("--runs", type=int, default=3, help="Processes per side.")
    parser.add_argument("--stream", choices=("public", "user", "both"), default="both", help="Which stream's hot path.")
    args = parser.parse_args()
    names = args.names or [path.stem for path in sorted((ROOT / "specs").glob("*.yaml")) if shipped_by_hummingbot(path.stem)]
    streams = ("public", "user") if args.stream == "both" else (args.stream,)
    results: Dict[str, Dict[str, Any]] = {stream: {} for stream in streams}
    for stream in streams:
        print(f"{stream + ' stream':<14} {'generated msg/s':>16} {'upstream msg/s':>16} {'ratio':>7}")
        for name in names:
            result = results[stream][name] = measure(name, args.messages, args.runs, stream)
            if "error" in result:
                print(f"{name:<14} {result['error']}")
            else:
                print(
                    f"{name:<14} {result['generated']:>16,.0f} {result['upstream']:>16,.0f} "
                    f"{result['generated_over_upstream']:>6.2f}x"
                )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"messages": args.messages, "runs": args.runs, **results}, indent=2) + "\n")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:])
    elif len(sys.argv) > 1 and sys.argv[1] == "--user-worker":
        user_worker(*sys.argv[2:])
    else:
        main()
