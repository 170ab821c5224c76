"""The two member-count queries against an earlier shape of themselves, in the same engine.

``count_members_per_cluster`` and ``count_members_per_municipality`` visit every membership
(880,428 at 10M), so their shape decides whether they stay under 2 s at 10M (issue 15). This
script loads one synthetic size once into a :class:`~brn_graph.query.engine.QueryEngine` (the
way the service does), then runs each query in its current shape (``queries/``) and in its
shape at ``--baseline-ref`` (read from git), alternately after one warm-up of each, with the
default parameters and English labels. It reports the medians end to end (``elapsed``) and
inside the engine, the ratio baseline / current, and whether both shapes gave the same rows
(they must). Run::

    python -m benchmarks.member_counts --size 1m --baseline-ref 39c63bb
    python -m benchmarks.member_counts --size 10m --generated /work/cache-10m --baseline-ref 39c63bb
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.generate import GENERATED, INPUT_LIMITS, SIZES
from brn_graph.config import Settings
from brn_graph.query.catalog import QueryCatalog, load_catalog
from brn_graph.query.engine import QueryEngine

HERE = Path(__file__).resolve().parent
QUERIES = ("count_members_per_cluster", "count_members_per_municipality")


def baseline_catalog(ref: str, folder: Path) -> QueryCatalog:
    """The two queries as they were at git revision ``ref``, parsed as a catalogue."""
    for name in QUERIES:
        text = subprocess.run(
            ["git", "show", f"{ref}:queries/{name}.rq"],
            cwd=HERE.parent,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
    return load_catalog(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="1m")
    parser.add_argument("--generated", type=Path, default=GENERATED)
    parser.add_argument("--store", default="oxigraph", help="oxigraph, or oxigraph:DIR")
    parser.add_argument("--baseline-ref", required=True, help="git revision of the old shape")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()

    folder = args.generated / args.size
    settings = Settings(
        data_paths=(folder,), store=args.store, query_timeout=args.timeout, **INPUT_LIMITS
    )
    current = load_catalog(settings.queries_dir)
    with tempfile.TemporaryDirectory() as scratch:
        old = baseline_catalog(args.baseline_ref, Path(scratch))
        with QueryEngine(settings, workers=1, start_method="fork") as engine:
            print(f"{args.size} on {args.store}: store opened in {engine.info.open_seconds:.1f} s")
            print(f"load average at the start: {os.getloadavg()[0]:.1f}")
            print()
            print(
                "| query | rows | baseline median (ms) | current median (ms) "
                "| baseline / current | baseline engine (ms) | current engine (ms) | same rows |"
            )
            print("|---|---|---|---|---|---|---|---|")
            for name in QUERIES:
                shapes = {"baseline": old.get(name), "current": current.get(name)}
                bound = {k: q.bind(lang="en") for k, q in shapes.items()}
                rows = {}
                for key, b in bound.items():  # warm-up
                    result = engine.run(b.checked, bindings=b.bindings, timeout=args.timeout)
                    rows[key] = (result.variables, sorted(map(repr, result.rows)))
                elapsed: dict[str, list[float]] = {k: [] for k in bound}
                inside: dict[str, list[float]] = {k: [] for k in bound}
                for _ in range(args.runs):
                    for key, b in bound.items():
                        result = engine.run(b.checked, bindings=b.bindings, timeout=args.timeout)
                        elapsed[key].append(result.elapsed_ms)
                        inside[key].append(result.engine_ms)
                base, cur = (statistics.median(elapsed[k]) for k in ("baseline", "current"))
                same = "yes" if rows["baseline"] == rows["current"] else "**no**"
                print(
                    f"| {name} | {len(rows['current'][1]):,} | {base:,.0f} | {cur:,.0f} "
                    f"| x{base / cur:.2f} | {statistics.median(inside['baseline']):,.0f} "
                    f"| {statistics.median(inside['current']):,.0f} | {same} |"
                )


if __name__ == "__main__":
    main()
