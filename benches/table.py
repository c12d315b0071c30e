#!/usr/bin/env python3
"""Prints the README's speed table from criterion's results (Python 3 standard library only).

Run the benches first, then this script from the crate root:

    cargo bench --bench derivations
    python3 benches/table.py [target/criterion]

Every criterion group of `benches/derivations.rs` holds a `derivation` bench and a floor bench
named `floor (N <unit>)`: the bare compression function (or AES block) run N times. The table
gives, per group, N, both medians and their ratio. Groups without a floor (the batch and
identification throughput groups) are listed after the table with their medians.
"""

import json
import re
import sys
from pathlib import Path


def median_ns(bench_dir: Path) -> float:
    est = json.loads((bench_dir / "new" / "estimates.json").read_text())
    return est["median"]["point_estimate"]


def fmt(ns: float) -> str:
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    groups: dict[str, dict[str, float]] = {}
    for meta in sorted(root.glob("*/*/new/benchmark.json")):
        b = json.loads(meta.read_text())
        groups.setdefault(b["group_id"], {})[b["function_id"] or ""] = median_ns(meta.parent.parent)
    rows, others = [], []
    for group, benches in groups.items():
        floor = next((k for k in benches if k.startswith("floor")), None)
        if floor is None or "derivation" not in benches:
            others.append((group, benches))
            continue
        m = re.search(r"\((\d+) ([^)]*)\)", floor)
        count = f"{m.group(1)} {m.group(2)}" if m else floor
        d, f = benches["derivation"], benches[floor]
        rows.append((group, count, f, d, d / f))
    print("| Derivation | Minimal count | Floor (median) | Derivation (median) | Ratio |")
    print("|---|---|---:|---:|---:|")
    for group, count, f, d, r in rows:
        print(f"| {group} | {count} | {fmt(f)} | {fmt(d)} | {r:.2f} |")
    for group, benches in others:
        print()
        print(f"{group}:")
        for name, ns in sorted(benches.items()):
            print(f"  {name}: {fmt(ns)}")


if __name__ == "__main__":
    main()
