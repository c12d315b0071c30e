#!/usr/bin/env python3
"""Prints the README's speed table from criterion's results (Python 3 standard library only).

Run the benches first, then this script from the crate root:

    cargo bench --bench derivations
    python3 benches/table.py [target/criterion]

On a shared or virtual machine, whose speed drifts over seconds, run the benches several times
under named baselines and give their names: every median in the table is then the median of the
runs' medians (the floor's and the derivation's each), and the ratio is taken from those.

    for r in 1 2 3; do cargo bench --bench derivations -- --save-baseline run$r; done
    python3 benches/table.py target/criterion run1 run2 run3

Every criterion group of `benches/derivations.rs` holds a `derivation` bench and a floor bench
named `floor (N <unit>)`: the bare compression function (or AES block) run N times. The table
gives, per group, N, both medians and their ratio. Groups without a floor (the batch and
identification throughput groups) are listed after the table with their medians.
"""

import json
import re
import statistics
import sys
from pathlib import Path


def median_ns(bench_dir: Path, runs: list[str]) -> float:
    """The median estimate of one bench, or the median of several runs' median estimates."""
    meds = []
    for run in runs:
        est = json.loads((bench_dir / run / "estimates.json").read_text())
        meds.append(est["median"]["point_estimate"])
    return statistics.median(meds)


def fmt(ns: float) -> str:
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    runs = sys.argv[2:] or ["new"]
    groups: dict[str, dict[str, float]] = {}
    for meta in sorted(root.glob(f"*/*/{runs[0]}/benchmark.json")):
        b = json.loads(meta.read_text())
        ns = median_ns(meta.parent.parent, runs)
        groups.setdefault(b["group_id"], {})[b["function_id"] or ""] = ns
    rows, others = [], []
    for group, benches in groups.items():
        floor = next((k for k in benches if k.startswith("floor")), None)
        if floor is None or "derivation" not in benches:
            others.append((group, benches))
            continue
        # Everything inside the floor's outer parentheses (a unit's name may hold its own).
        m = re.fullmatch(r"floor \((.*)\)", floor)
        count = m.group(1) if m else floor
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
