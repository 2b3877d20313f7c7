"""Public-stream hot path of every shipped connector, generated against upstream's: route, parse and apply.

    .venv-test/bin/python benchmarks/hot_path.py [NAME ...] [--messages N] [--runs R]

For each spec (default: every spec in specs/ whose exchange Hummingbot ships), the spec's documented diff and trade
messages (and snapshot messages where the stream has them) are fed, in fresh copies, through one connector's public
data source: `_channel_originating_message`, then the matching `_parse_*_message`, then Hummingbot's OrderBook. The
same messages go through the generated connector (generated/NAME ahead of the installed package on the import path)
and through upstream's, each in its own fresh process, sides alternating so that load on the shared machine falls on
both alike. Both must route every message the same way and leave the same book, or they did not do the same work:
the table then says why instead of a speed.

Written to benchmarks/results/hot_path.json. The user stream is not covered (see the README).
"""

from __future__ import annotations

import argparse
import copy
import inspect
import json
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


def worker(side: str, name: str, setup_file: str, count: str) -> None:
    """One side, one process: an untimed warm-up pass, then a timed one. Prints JSON to stdout."""
    import asyncio
    import importlib

    from bidict import bidict

    import hummingbot.connector.exchange as exchange_package

    generated = ROOT / "generated" / name / "hummingbot" / "connector" / "exchange"
    if side == "generated":  # before anything imports a connector (Hummingbot's settings scan them all)
        exchange_package.__path__.insert(0, str(generated))
    from hummingbot.connector.exchange_py_base import ExchangePyBase
    from hummingbot.core.data_type.order_book import OrderBook

    module = importlib.import_module(f"hummingbot.connector.exchange.{name}.{name}_exchange")
    if Path(module.__file__).resolve().is_relative_to(generated) != (side == "generated"):
        raise RuntimeError(f"{side}: imported the wrong connector: {module.__file__}")
    exchange_class = next(
        value
        for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, ExchangePyBase) and value.__module__ == module.__name__
    )
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


def measure(name: str, count: int, runs: int) -> Dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        setup_file = Path(scratch) / "setup.json"
        setup_file.write_text(json.dumps(documented_messages(name)), encoding="utf-8")
        samples: Dict[str, List[Dict[str, Any]]] = {"generated": [], "upstream": []}
        for _ in range(runs):
            for side in samples:
                command = [PYTHON, __file__, "--worker", side, name, str(setup_file), str(count)]
                completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
                if completed.returncode != 0:
                    last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
                    return {"error": f"{side}: {last}"}
                samples[side].append(json.loads(completed.stdout.splitlines()[-1]))
    outcomes = {json.dumps([sample["routed"], sample["book"]]) for side in samples for sample in samples[side]}
    if len(outcomes) != 1:
        generated, upstream = samples["generated"][0], samples["upstream"][0]
        return {"error": f"different work: generated {generated['routed']} {generated['book']}, "
                f"upstream {upstream['routed']} {upstream['book']}"}
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
    args = parser.parse_args()
    names = args.names or [path.stem for path in sorted((ROOT / "specs").glob("*.yaml")) if shipped_by_hummingbot(path.stem)]
    results = {}
    print(f"{'connector':<12} {'generated msg/s':>16} {'upstream msg/s':>16} {'ratio':>7}")
    for name in names:
        result = results[name] = measure(name, args.messages, args.runs)
        if "error" in result:
            print(f"{name:<12} {result['error']}")
        else:
            print(
                f"{name:<12} {result['generated']:>16,.0f} {result['upstream']:>16,.0f} "
                f"{result['generated_over_upstream']:>6.2f}x"
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"messages": args.messages, "runs": args.runs, **results}, indent=2) + "\n")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:])
    else:
        main()
