"""Benchmark of ``validate``: pySHACL as it comes (baseline) against the project's path.

For each dataset (``bundled`` = ``data/``, or a synthetic size of :mod:`benchmarks.generate`),
in one process, runs interleaved round-robin:

* **plain**: ``validate_loaded`` inside ``plain_pyshacl()`` (pySHACL parses every SPARQL
  constraint per focus node, clones the data graph): the baseline;
* **cold**: the project's path (prepared constraints, hashed parameter lookup, no second
  clone) with an empty report cache;
* **warm**: ``cached_report``: the unchanged files are fingerprinted, nothing is parsed;
* **cli warm**: ``brn-graph validate`` as a new process with a warm cache (interpreter and
  import time included), wall-clock.

The reports of plain and cold are compared (they must be equal). Loading the files (parse
into rdflib) is timed separately and is not part of any of the above. Peak RSS is the
process's ``ru_maxrss``. Run: ``python -m benchmarks.validate --sizes bundled 10k 100k``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import generate
from brn_graph.config import Settings
from brn_graph.graph.loader import load_dataset, load_shapes
from brn_graph.graph.prepared_sparql import plain_pyshacl
from brn_graph.graph.validation import ValidationReport, validate_loaded
from brn_graph.graph.validation_cache import ReportCache, cached_report

BRN_GRAPH = Path(sys.executable).parent / "brn-graph"


CPU: dict[str, list[float]] = {"plain": [], "cold": []}


def _timed(action: Callable[[], object], cpu: list[float] | None = None) -> float:
    """Wall seconds of ``action``; its CPU seconds are appended to ``cpu``."""
    started, started_cpu = time.perf_counter(), time.process_time()
    action()
    if cpu is not None:
        cpu.append(time.process_time() - started_cpu)
    return time.perf_counter() - started


def _settings(size: str, work: Path) -> Settings:
    cache = work / f"cache-{size}"
    if size == "bundled":
        return Settings(cache_dir=cache, lang="en")
    folder = generate(size, out=work / size).folder
    return Settings(data_paths=(folder,), cache_dir=cache, lang="en")


def bench(size: str, runs: int, baseline: bool, work: Path) -> dict[str, object]:
    settings = _settings(size, work)
    started = time.perf_counter()
    loaded = load_dataset(settings)
    shapes = load_shapes(settings)
    load_seconds = time.perf_counter() - started
    triples = len(loaded.dataset)
    cache = ReportCache.for_settings(settings)
    assert cache is not None
    plain: list[float] = []
    cold: list[float] = []
    reports: dict[str, ValidationReport] = {}

    def run_plain() -> None:
        with plain_pyshacl():
            reports["plain"] = validate_loaded(loaded, shapes, lang="en")

    def run_cold() -> None:
        reports["cold"] = validate_loaded(loaded, shapes, lang="en", cache=cache)

    for _ in range(runs):
        if baseline:
            plain.append(_timed(run_plain, CPU["plain"]))
        for old in cache.folder.glob("*.json"):
            old.unlink()
        cold.append(_timed(run_cold, CPU["cold"]))
    warm = [_timed(lambda: cached_report(settings)) for _ in range(max(3, runs))]
    assert cached_report(settings) is not None
    env = {**os.environ, "BRN_GRAPH_CACHE_DIR": str(settings.cache_dir), "BRN_GRAPH_LANG": "en"}
    data_args = [] if size == "bundled" else ["--data", str(settings.data_paths[0])]
    cli = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [str(BRN_GRAPH), *data_args, "validate"], env=env, capture_output=True, check=False
        )
        cli.append(time.perf_counter() - started)
    same = reports.get("plain") == reports["cold"] if baseline else None
    return {
        "size": size,
        "triples": triples,
        "load": load_seconds,
        "plain": statistics.median(plain) if plain else None,
        "cold": statistics.median(cold),
        "warm": statistics.median(warm),
        "cli_warm": statistics.median(cli),
        "same": same,
        "plain_cpu": statistics.median(CPU["plain"]) if CPU["plain"] else None,
        "cold_cpu": statistics.median(CPU["cold"]),
        "results": len(reports["cold"].results),
        "violations": len(reports["cold"].violations),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _fmt(seconds: object) -> str:
    return f"{seconds:.3f}" if isinstance(seconds, float) else "not run"


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| data | triples | load (not timed below) | plain pySHACL s (baseline) | project cold s "
        "| ratio | warm (cached) s | `brn-graph validate` warm, process s | same report "
        "| violations | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        plain, cold = r["plain"], r["cold"]
        ratio = "—"
        if isinstance(plain, float) and isinstance(cold, float):
            ratio = f"x{plain / cold:.1f}"
        lines.append(
            f"| {r['size']} | {r['triples']:,} | {_fmt(r['load'])} | {_fmt(plain)} | {_fmt(cold)} "
            f"| {ratio} | {_fmt(r['warm'])} | {_fmt(r['cli_warm'])} | {r['same']} "
            f"| {r['violations']} | {r['peak_rss_mb']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--sizes", nargs="+", default=["bundled", "10k"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--no-baseline-above",
        type=int,
        default=20_000,
        help="skip plain pySHACL above this many triples (it took over 400 s at 100k)",
    )
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="brn-bench-validate-") as tmp:
        for size in args.sizes:
            estimate = {"bundled": 7_000, "10k": 12_000, "100k": 100_000, "1m": 1_100_000}
            baseline = estimate.get(size, 10**9) <= args.no_baseline_above
            runs = args.runs if estimate.get(size, 10**9) <= 20_000 else 1
            CPU["plain"].clear()
            CPU["cold"].clear()
            rows.append(bench(size, runs, baseline, Path(tmp)))
            plain_cpu, cold_cpu = rows[-1]["plain_cpu"], rows[-1]["cold_cpu"]
            ratio = (
                f", ratio x{plain_cpu / cold_cpu:.2f}"
                if isinstance(plain_cpu, float) and isinstance(cold_cpu, float)
                else ""
            )
            print(f"  CPU s (median): plain {plain_cpu}, cold {cold_cpu}{ratio}")
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
