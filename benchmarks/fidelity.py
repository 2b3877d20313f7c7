"""Fidelity report: how many of Hummingbot's own tests pass on each generated connector.

    .venv-test/bin/python benchmarks/fidelity.py DIR [NAME ...]

DIR is a Hummingbot checkout, or a folder holding a copy of its `test/` tree (../shared/upstream-tests). For each
shipped spec (or each NAME given), the upstream suite `DIR/test/hummingbot/connector/exchange/NAME` runs twice,
exactly as `hbgen test NAME --upstream DIR` runs it: against `generated/NAME` (the generated package first), and
against the installed Hummingbot's own connector. Fidelity is the share of the tests passing on upstream's own
connector that also pass on the generated one. Prints a markdown table, then the upstream tests that still fail on
the generated connector (those that also fail upstream are not counted against it).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scaffolder.spec import load_spec  # noqa: E402
from scaffolder.testing.upstream import UpstreamSuiteMissing, run_upstream_suite, suite_dir  # noqa: E402


def _installed_connector(name: str) -> bool:
    return importlib.util.find_spec(f"hummingbot.connector.exchange.{name}") is not None


def _shipped_names() -> List[str]:
    return [load_spec(path).exchange.name for path in sorted((ROOT / "specs").glob("*.yaml"))]


def fidelity_row(name: str, upstream: Path) -> Optional[dict]:
    """Both runs of one connector; None when DIR has no suite for it or Hummingbot ships no such connector."""
    try:
        suite_dir(upstream, name)
    except UpstreamSuiteMissing:
        return None
    if not _installed_connector(name):
        return None
    generated = run_upstream_suite(name, upstream, connector_root=ROOT / "generated" / name, quiet=True)
    own = run_upstream_suite(name, upstream, quiet=True)
    reference = set(own.passed)
    matched = reference & set(generated.passed)
    return {
        "name": name,
        "generated": len(generated.passed),
        "own": len(own.passed),
        "matched": len(matched),
        "share": len(matched) / len(reference) if reference else 0.0,
        "still_failing": sorted(reference - matched),
        "not_collected": generated.not_collected,
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("upstream", type=Path, help="Hummingbot checkout or folder holding its test/ tree")
    parser.add_argument("names", nargs="*", help="connectors to measure (default: every shipped spec)")
    args = parser.parse_args(argv)
    rows, skipped = [], []
    for name in args.names or _shipped_names():
        row = fidelity_row(name, args.upstream)
        (rows if row else skipped).append(row or name)
    print("| exchange | upstream tests passing on the generated connector | on upstream's own | fidelity |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row['name']} | {row['matched']} | {row['own']} | {row['share']:.0%} |")
    if skipped:
        print(f"\nNo upstream suite or no upstream connector for: {', '.join(skipped)}")
    for row in rows:
        if row["still_failing"] or row["not_collected"]:
            print(f"\n{row['name']}: passing upstream, not on the generated connector:")
            for test in row["still_failing"]:
                print(f"- {test.rsplit('::', 1)[-1]} ({test.split('::')[0].rsplit('/', 1)[-1]})")
            for path in row["not_collected"]:
                print(f"- not collected: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
