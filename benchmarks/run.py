"""hbgen benchmarks: generation time against black alone, no-op regeneration, the Binance suite, public-stream hot path
(Binance's, measured by hot_path.py, which covers every connector).

Run from anywhere with the test virtualenv: `.venv-test/bin/python benchmarks/run.py [--quick]`. Prints a table and
writes the same figures to benchmarks/results/latest.json. Every timed step runs in a fresh process, so interpreter
start and imports are always included; the same file doubles as the worker those processes run (see WORKERS).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
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


def compile_hbgen() -> None:
    """Byte-compile hbgen's own modules, as `pip install` does for a wheel. An editable install compiles them on
    first import, unless PYTHONDONTWRITEBYTECODE is set (as on this machine): then every timed run would compile
    hbgen from source while black, installed as a wheel, runs from bytecode."""
    if not compileall.compile_dir(str(ROOT / "scaffolder"), quiet=1):
        raise RuntimeError("hbgen's modules did not byte-compile")


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


def hot_path(messages: int, runs: int) -> Dict[str, object]:
    """Binance's documented diff and trade messages through the generated and upstream data source (hot_path.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import hot_path as hot_path_benchmark

    result = hot_path_benchmark.measure("binance", messages, runs)
    if "error" in result:
        raise RuntimeError(f"hot path: {result['error']}")
    return {"messages": messages, **result}


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
        ("hot path, generated (median)", f"{hot['generated']:,.0f} msg/s", ""),
        ("hot path, upstream (median)", f"{hot['upstream']:,.0f} msg/s", ""),
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

    compile_hbgen()
    with tempfile.TemporaryDirectory() as scratch:
        sources_file = Path(scratch) / "sources.json"
        source_count = dump_unformatted_sources(sources_file)
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
            "hot_path": hot_path(40_000, hot_runs),
        }
    results["generate_over_black"] = results["generate_cold_s"]["median"] / results["black_2_processes_s"]["median"]
    results["generate_over_black_1_process"] = (
        results["generate_cold_1_worker_s"]["median"] / results["black_1_process_s"]["median"]
    )

    print_table(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


WORKERS = {"black": black_worker}

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in WORKERS:
        WORKERS[sys.argv[1]](*sys.argv[2:])
    else:
        main()
