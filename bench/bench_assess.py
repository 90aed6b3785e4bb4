"""Benchmark: one warm assessment (``reviewer.rules.engine.assess``) of each demo submission.

Warm = parameter packs, carriers, units, formulas already loaded (they are cached per process, as in the app).
Prints the median per demo and writes a section to bench/results/assess.md. Target: ≤ 5 ms median.

    .venv/bin/python bench/bench_assess.py
"""

from __future__ import annotations

import platform
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

from reviewer.rules.engine import assess
from reviewer.submission.parse import load_json

ROOT = Path(__file__).resolve().parents[1]
RUNS = 200


def main() -> None:
    rows = []
    for name in ("hospital", "electronics", "boiler", "datacentre"):
        sub = load_json(ROOT / "resources" / "demo" / f"{name}.json")
        for _ in range(20):  # warm-up: load packs, fill caches
            assess(sub)
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            assess(sub)
            times.append((time.perf_counter() - t0) * 1000)
        over = []
        for _ in range(RUNS // 4):
            t0 = time.perf_counter()
            assess(sub, overrides={"energy.coefficients.electricity_equal_value": "0.3"})
            over.append((time.perf_counter() - t0) * 1000)
        to_dict = []
        a = assess(sub)
        for _ in range(RUNS // 4):
            t0 = time.perf_counter()
            a.to_dict()
            to_dict.append((time.perf_counter() - t0) * 1000)
        rows.append((name, statistics.median(times), max(times), statistics.median(over), statistics.median(to_dict),
                     len(a.trace.steps)))
        print(f"{name:12s} assess median {rows[-1][1]:.2f} ms (max {rows[-1][2]:.2f}); with --set {rows[-1][3]:.2f} ms; "
              f"to_dict {rows[-1][4]:.2f} ms; {rows[-1][5]} trace steps")
    worst = max(r[1] for r in rows)
    print(f"worst median {worst:.2f} ms (target ≤ 5 ms): {'OK' if worst <= 5 else 'OVER'}")
    out = ROOT / "bench" / "results" / "assess.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# bench_assess — one warm assessment",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()} / Python {platform.python_version()}, "
        f"{RUNS} runs per demo after 20 warm-up runs. Target: median ≤ 5 ms.",
        "",
        "| demo | assess median (ms) | max (ms) | with one --set override (ms) | to_dict (ms) | trace steps |",
        "|---|---|---|---|---|---|",
        *(f"| {n} | {m:.2f} | {mx:.2f} | {o:.2f} | {d:.2f} | {s} |" for n, m, mx, o, d, s in rows),
        "",
        f"Worst median: **{worst:.2f} ms** — {'within' if worst <= 5 else 'OVER'} the 5 ms target.",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
