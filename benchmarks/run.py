"""hbgen benchmarks: generation time against black alone, no-op regeneration, the Binance suite, public-stream hot path.

Run from anywhere with the test virtualenv: `.venv-test/bin/python benchmarks/run.py [--quick]`. Prints a table and
writes the same figures to benchmarks/results/latest.json. Every timed step runs in a fresh process, so interpreter
start and imports are always included; the same file doubles as the worker those processes run (see WORKERS).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, List

ROOT = Path(__file__).resolve().parent.parent
SPEC = "specs/binance.yaml"
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
PYTHON = sys.executable
HBGEN = str(Path(sys.executable).parent / "hbgen")
GENERATED_EXCHANGE_DIR = ROOT / "generated" / "binance" / "hummingbot" / "connector" / "exchange"
TRADING_PAIR = "COINALPHA-HBOT"
SYMBOL = "COINALPHAHBOT"

TARGET_GENERATE_OVER_BLACK = 1.2
TARGET_NOOP_SECONDS = 0.5


# --- timing helpers ---------------------------------------------------------------------------------------------------


def timed_run(command: List[str], template_cache: str = "") -> float:
    """Wall time of one process run from the project root; a failing command aborts the benchmark."""
    env = {**os.environ, "HBGEN_CACHE_DIR": template_cache} if template_cache else None
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr[-2000:]}")
    return elapsed


def timed_parallel(commands: List[List[str]]) -> float:
    """Wall time of several processes started together, until the last one exits."""
    start = time.perf_counter()
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL) for command in commands]
    codes = [process.wait() for process in processes]
    elapsed = time.perf_counter() - start
    if any(codes):
        raise RuntimeError(f"parallel workers exited {codes}")
    return elapsed


def summary(samples: List[float]) -> Dict[str, object]:
    return {"median": statistics.median(samples), "runs": samples}


def repeat(runs: int, measure: Callable[[], float]) -> Dict[str, object]:
    return summary([measure() for _ in range(runs)])


def interleaved(runs: int, measures: Dict[str, Callable[[], float]]) -> Dict[str, Dict[str, object]]:
    """Each measure `runs` times, taking turns, so that a change of load on the shared machine affects all alike."""
    samples: Dict[str, List[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            samples[name].append(measure())
    return {name: summary(values) for name, values in samples.items()}


# --- 1-3: generation against black alone ------------------------------------------------------------------------------


def generate_cold(workers: int, empty_template_cache: bool = False) -> Callable[[], float]:
    """`hbgen generate --workers N` into a fresh, empty folder: every file is written. The compiled-template cache
    is hbgen's usual one (warm after the first run, as .pyc files are), or an empty one: the first run ever."""

    def once() -> float:
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
            command = [HBGEN, "generate", SPEC, "--out", out, "--workers", str(workers)]
            return timed_run(command, cache if empty_template_cache else "")

    return once


def generate_noop(runs: int) -> Dict[str, object]:
    """`hbgen generate` into a folder that already holds identical output: nothing should be written."""
    with tempfile.TemporaryDirectory() as out:
        timed_run([HBGEN, "generate", SPEC, "--out", out])
        return repeat(runs, lambda: timed_run([HBGEN, "generate", SPEC, "--out", out]))


def hbgen_startup(runs: int) -> Dict[str, object]:
    """`hbgen --help`: interpreter start and the CLI's imports, the floor under every command."""
    return repeat(runs, lambda: timed_run([HBGEN, "--help"]))


def dump_unformatted_sources(path: Path) -> int:
    """Write the Python files hbgen renders for SPEC, before black, as {relative path: text}; returns their count."""
    from scaffolder.context import build_context
    from scaffolder.render import render_connector
    from scaffolder.spec import load_spec

    rendered = render_connector(build_context(load_spec(ROOT / SPEC)))
    sources = {name: text for name, text in rendered.items() if name.endswith(".py")}
    path.write_text(json.dumps(sources), encoding="utf-8")
    return len(sources)


def black_worker(sources_file: str, share: str, shares: str, isort_first: str = "") -> None:
    """Worker: import black and format this process's share of the files (largest first, into the lightest share);
    with `isort_first`, sort each file's imports with hbgen's isort settings first."""
    import black

    sources = json.loads(Path(sources_file).read_text(encoding="utf-8"))
    loads = [0] * int(shares)
    mine = []
    for name in sorted(sources, key=lambda name: (-len(sources[name]), name)):
        lightest = loads.index(min(loads))
        loads[lightest] += len(sources[name])
        if lightest == int(share):
            mine.append(name)
    mode = black.Mode(line_length=120)
    if isort_first:
        import isort

        from scaffolder.formatting import ISORT_SETTINGS

        config = isort.Config(**ISORT_SETTINGS, known_first_party=frozenset({"hummingbot"}), src_paths=())
        for name in mine:
            black.format_str(isort.code(sources[name], config=config), mode=mode)
        return
    for name in mine:
        black.format_str(sources[name], mode=mode)


def black_alone(sources_file: Path, processes: int, isort_first: bool = False) -> Callable[[], float]:
    """black over the rendered files, split across `processes` fresh interpreters running at the same time."""
    commands = [
        [PYTHON, __file__, "black", str(sources_file), str(share), str(processes), *(["isort"] if isort_first else [])]
        for share in range(processes)
    ]
    return lambda: timed_parallel(commands)


# --- 4: the generated suite -------------------------------------------------------------------------------------------


def generated_suite() -> Dict[str, object]:
    """One run of `hbgen test binance` on the checked-in generated/binance tree."""
    start = time.perf_counter()
    result = subprocess.run([HBGEN, "test", "binance"], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    lines = [line.strip("= ") for line in result.stdout.splitlines() if line.startswith("=")]
    return {"seconds": elapsed, "passed": result.returncode == 0, "summary": lines[-1] if lines else ""}


# --- 5: public-stream hot path ----------------------------------------------------------------------------------------


def stream_messages(diffs: int, trades: int, seed: int = 7) -> List[dict]:
    """Binance depthUpdate and trade events for SYMBOL, shuffled together, with consistent ids and times."""
    rng = random.Random(seed)
    kinds = ["diff"] * diffs + ["trade"] * trades
    rng.shuffle(kinds)

    def levels(low: int, high: int) -> List[List[str]]:
        picks = sorted(rng.sample(range(low, high), rng.randint(1, 4)))
        return [
            [f"{tick / 100:.8f}", "0.00000000" if rng.random() < 0.2 else f"{rng.uniform(0.01, 50):.8f}"]
            for tick in picks
        ]

    messages, update_id, trade_id, event_time = [], 1001, 5000, 1_700_000_000_000
    for kind in kinds:
        event_time += rng.randint(0, 3)
        if kind == "diff":
            bids, asks = levels(9500, 10000), levels(10001, 10500)
            last = update_id + len(bids) + len(asks) - 1
            event = {"e": "depthUpdate", "E": event_time, "s": SYMBOL, "U": update_id, "u": last, "b": bids, "a": asks}
            update_id = last + 1
        else:
            trade_id += 1
            event = {
                "e": "trade",
                "E": event_time,
                "s": SYMBOL,
                "t": trade_id,
                "p": f"{rng.randint(9990, 10010) / 100:.8f}",
                "q": f"{rng.uniform(0.001, 5):.8f}",
                "T": event_time - 1,
                "m": rng.random() < 0.5,
                "M": True,
            }
        messages.append(event)
    return messages


def hot_path_worker(side: str, messages_file: str) -> None:
    """Worker: push the messages through one connector's data source and order book; prints JSON to stdout.

    `side` is "generated" (generated/binance, ahead of the installed package on the import path) or "upstream".
    One untimed warm-up pass, then one timed pass on fresh copies of the messages and a fresh order book.
    """
    import asyncio

    import hummingbot.connector.exchange as exchange_package

    if side == "generated":
        exchange_package.__path__.insert(0, str(GENERATED_EXCHANGE_DIR))
    from bidict import bidict

    from hummingbot.connector.exchange.binance import binance_exchange
    from hummingbot.connector.exchange.binance.binance_order_book import BinanceOrderBook

    if Path(binance_exchange.__file__).resolve().is_relative_to(GENERATED_EXCHANGE_DIR) != (side == "generated"):
        raise RuntimeError(f"{side}: imported the wrong connector: {binance_exchange.__file__}")
    text = Path(messages_file).read_text(encoding="utf-8")

    async def run_once(data_source) -> Dict[str, object]:
        messages = json.loads(text)  # fresh dicts each pass: upstream's parsers add keys to the message
        book = BinanceOrderBook()
        diff_queue, trade_queue = asyncio.Queue(), asyncio.Queue()
        diff_key, trade_key = data_source._diff_messages_queue_key, data_source._trade_messages_queue_key
        start = time.perf_counter()
        for message in messages:
            channel = data_source._channel_originating_message(message)
            if channel == diff_key:
                await data_source._parse_order_book_diff_message(message, diff_queue)
                diff = diff_queue.get_nowait()
                book.apply_diffs(diff.bids, diff.asks, diff.update_id)
            elif channel == trade_key:
                await data_source._parse_trade_message(message, trade_queue)
                trade_queue.get_nowait()
        elapsed = time.perf_counter() - start
        bids, asks = book.snapshot
        return {
            "messages_per_second": len(messages) / elapsed,
            "book": [len(bids), len(asks), float(bids.price.max()), float(asks.price.min())],
        }

    async def main() -> Dict[str, object]:
        exchange = binance_exchange.BinanceExchange(
            binance_api_key="dummy-key", binance_api_secret="dummy-secret", trading_pairs=[TRADING_PAIR]
        )
        exchange._set_trading_pair_symbol_map(bidict({SYMBOL: TRADING_PAIR}))
        await run_once(exchange._orderbook_ds)
        return await run_once(exchange._orderbook_ds)

    print(json.dumps(asyncio.run(main())))


def hot_path(messages_file: Path, runs: int) -> Dict[str, object]:
    """messages/second for each side, one process per run, sides alternating so that load on the machine is shared.

    Both connectors must leave the order book in the same state, or they did not do the same work.
    """
    sides = ("generated", "upstream")
    samples = {side: [] for side in sides}
    for _ in range(runs):
        for side in sides:
            command = [PYTHON, __file__, "hot-path", side, str(messages_file)]
            completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            if completed.returncode != 0:
                raise RuntimeError(f"hot path ({side}) failed:\n{completed.stderr[-2000:]}")
            samples[side].append(json.loads(completed.stdout.splitlines()[-1]))
    books = {json.dumps(sample["book"]) for side in sides for sample in samples[side]}
    if len(books) != 1:
        raise RuntimeError(f"the connectors built different order books: {sorted(books)}")
    results = {side: summary([sample["messages_per_second"] for sample in samples[side]]) for side in sides}
    results["generated_over_upstream"] = results["generated"]["median"] / results["upstream"]["median"]
    return results


# --- report -----------------------------------------------------------------------------------------------------------


def print_table(results: Dict[str, object]) -> None:
    hot = results["hot_path"]
    suite = results["suite"]
    ratio = results["generate_over_black"]
    noop = results["generate_noop_s"]["median"]
    ratio_1 = results["generate_over_black_1_process"]
    rows = [
        ("hbgen generate, cold, 2 workers (median)", f"{results['generate_cold_s']['median']:.3f} s", ""),
        ("black alone, 2 processes (median)", f"{results['black_2_processes_s']['median']:.3f} s", ""),
        ("generate / black (2 processes)", f"{ratio:.2f}x", target(ratio <= TARGET_GENERATE_OVER_BLACK, "<= 1.2x")),
        ("hbgen generate, cold, 1 worker (median)", f"{results['generate_cold_1_worker_s']['median']:.3f} s", ""),
        ("black alone, 1 process (median)", f"{results['black_1_process_s']['median']:.3f} s", ""),
        ("generate / black (1 process)", f"{ratio_1:.2f}x", target(ratio_1 <= TARGET_GENERATE_OVER_BLACK, "<= 1.2x")),
        ("isort + black alone, 2 processes (median)", f"{results['isort_black_2_processes_s']['median']:.3f} s", ""),
        ("hbgen generate, first run (empty template cache)", f"{results['generate_first_run_s']['median']:.3f} s", ""),
        ("hbgen generate, no-op (median)", f"{noop:.3f} s", target(noop < TARGET_NOOP_SECONDS, "< 0.5 s")),
        ("hbgen --help (startup floor)", f"{results['hbgen_startup_s']['median']:.3f} s", ""),
        ("hbgen test binance", f"{suite['seconds']:.2f} s", "passed" if suite["passed"] else "FAILED"),
        ("hot path, generated (median)", f"{hot['generated']['median']:,.0f} msg/s", ""),
        ("hot path, upstream (median)", f"{hot['upstream']['median']:,.0f} msg/s", ""),
        (
            "hot path generated / upstream",
            f"{hot['generated_over_upstream']:.3f}x",
            target(hot["generated_over_upstream"] >= 1.0, ">= 1.0x"),
        ),
    ]
    width = max(len(row[0]) for row in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>16}  {note}")
    if suite["summary"]:
        print(f"suite: {suite['summary']}")


def target(met: bool, goal: str) -> str:
    return f"{'ok' if met else 'MISSED'} (target {goal})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Fewer repetitions (3 per timing, 1 hot-path run).")
    args = parser.parse_args()
    runs, hot_runs = (3, 1) if args.quick else (7, 3)
    diffs = trades = 20_000

    with tempfile.TemporaryDirectory() as scratch:
        sources_file, messages_file = Path(scratch) / "sources.json", Path(scratch) / "messages.json"
        source_count = dump_unformatted_sources(sources_file)
        messages_file.write_text(json.dumps(stream_messages(diffs, trades)), encoding="utf-8")
        results = {
            "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "quick": args.quick,
            "formatted_files": source_count,
            **interleaved(
                runs,
                {
                    "generate_cold_s": generate_cold(workers=2),
                    "black_2_processes_s": black_alone(sources_file, processes=2),
                    "generate_cold_1_worker_s": generate_cold(workers=1),
                    "black_1_process_s": black_alone(sources_file, processes=1),
                    "isort_black_2_processes_s": black_alone(sources_file, processes=2, isort_first=True),
                    "generate_first_run_s": generate_cold(workers=2, empty_template_cache=True),
                },
            ),
            "generate_noop_s": generate_noop(runs),
            "hbgen_startup_s": hbgen_startup(runs),
            "suite": generated_suite(),
            "hot_path": {"diff_messages": diffs, "trade_messages": trades, **hot_path(messages_file, hot_runs)},
        }
    results["generate_over_black"] = results["generate_cold_s"]["median"] / results["black_2_processes_s"]["median"]
    results["generate_over_black_1_process"] = (
        results["generate_cold_1_worker_s"]["median"] / results["black_1_process_s"]["median"]
    )

    print_table(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


WORKERS = {"black": black_worker, "hot-path": hot_path_worker}

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in WORKERS:
        WORKERS[sys.argv[1]](*sys.argv[2:])
    else:
        main()
