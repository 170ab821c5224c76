"""Benchmark of the decision brief on the bundled data, against `brn-graph rank` as baseline.

Both are timed the way a user runs them: a fresh ``brn-graph`` process per run (start-up,
loading the bundled data, building the alignment model are included in both), median of
``--runs`` runs, baseline and brief interleaved in the same run so the machine's load hits
both alike. The target of issue 11: the brief (HTML, PDF and XLSX each) in under 10 s.

Run: ``make bench-brief`` or ``python -m benchmarks.brief --runs 3``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0


def _time(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=("da", "en"), default="da")
    options = parser.parse_args()
    cli = [sys.executable, "-m", "brn_graph", "--lang", options.lang]
    timings: dict[str, list[float]] = {
        "rank (baseline)": [],
        "brief .html": [],
        "brief .pdf": [],
        "brief .xlsx": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(options.runs):
            timings["rank (baseline)"].append(_time([*cli, "rank", "--format", "json"]))
            for suffix in ("html", "pdf", "xlsx"):
                out = Path(folder) / f"brief.{suffix}"
                timings[f"brief .{suffix}"].append(_time([*cli, "brief", "-o", str(out)]))
    baseline = statistics.median(timings["rank (baseline)"])
    target = f"target < {TARGET_SECONDS:g} s"
    print(f"| command | median s ({options.runs} runs) | ratio to rank | {target} |")
    print("|---|---|---|---|")
    for name, runs in timings.items():
        median = statistics.median(runs)
        verdict = (
            "" if name.startswith("rank") else ("met" if median < TARGET_SECONDS else "MISSED")
        )
        print(f"| {name} | {median:.2f} | {median / baseline:.2f} | {verdict} |")


if __name__ == "__main__":
    main()
