"""The alignment model at scale: reading the graph, scoring, and a decision context.

For each data folder (synthetic, from ``benchmarks.generate``, or the bundled data) and each
backend, in one process: open the store as the service does (``open_store``; for
``oxigraph:DIR`` a folder built beforehand is reopened, nothing parsed), then time

- **read**: ``load_alignment_data`` (every query of ``queries/alignment`` and the rules),
- **score**: ``score_alignments`` with the default weights (pure Python),
- **context**: ``build_context_model`` for the default decision context on its date, from the
  data already read (what the service does for another context or date),

as medians of ``--runs``, and the peak RSS of the process so far (run one backend per
process to read it per backend). The baseline, where it is affordable
(``--baseline-up-to``, default 200,000 triples), is rdflib's own engine (``memory``) on the
same data in the same run: the ratio is baseline / backend.

Run: ``python -m benchmarks.model --data /work/gen1m --backends oxigraph oxigraph-disk``
(large folders need ``BRN_GRAPH_MAX_FILE_BYTES``/``BRN_GRAPH_MAX_FILE_TRIPLES``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from brn_graph.alignment.data import load_alignment_data
from brn_graph.alignment.scores import AlignmentWeights, score_alignments
from brn_graph.config import Settings
from brn_graph.context.view import build_context_model
from brn_graph.graph.store import OpenStore, open_store
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import load_catalog

T = TypeVar("T")
BACKENDS = ("oxigraph", "oxigraph-disk", "memory")


def _timed(runs: int, work: Callable[[], T]) -> tuple[float, T]:
    times: list[float] = []
    result: T | None = None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    assert result is not None
    return statistics.median(times), result


def _store(settings: Settings, backend: str, folder: Path) -> tuple[OpenStore, float]:
    spec = {"oxigraph-disk": f"oxigraph:{folder / 'store'}"}.get(backend, backend)
    chosen = settings.with_overrides(store=spec)
    if backend == "oxigraph-disk":
        open_store(chosen)  # build the folder (not timed): the service reopens a built one
    started = time.perf_counter()
    store = open_store(chosen)
    return store, time.perf_counter() - started


def measure(data: Path | None, backend: str, runs: int) -> dict[str, float | int | str]:
    settings = Settings.from_env() if data is None else Settings.from_env(data_paths=(data,))
    with tempfile.TemporaryDirectory(prefix="brn-bench-model-") as folder:
        store, opened = _store(settings, backend, Path(folder))
        queries = GraphQueries.local(store, load_catalog(settings.queries_dir))
        read, full = _timed(runs, lambda: load_alignment_data(queries, base_iri=settings.base_iri))
        weights = AlignmentWeights.from_settings(settings)
        score, model = _timed(runs, lambda: score_alignments(full, weights))
        context, built = _timed(runs, lambda: build_context_model(queries, settings, data=full))
        return {
            "backend": backend,
            "open": opened,
            "read": read,
            "score": score,
            "context": context,
            "scores": len(model.scores),
            "context_scores": len(built.model.scores),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="data folder (default: the bundled data)")
    parser.add_argument("--backends", nargs="+", default=["oxigraph"], choices=BACKENDS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-up-to", type=int, default=200_000)
    args = parser.parse_args()
    if args.data is not None and not args.data.is_dir():
        sys.exit(f"{args.data}: not a folder")
    rows = [measure(args.data, backend, args.runs) for backend in args.backends]
    baseline: dict[str, float | int | str] | None = None
    triples = _triples(args.data)
    if "memory" not in args.backends and triples <= args.baseline_up_to:
        baseline = measure(args.data, "memory", args.runs)
    load = os.getloadavg()[0]
    print(
        f"Data: {args.data or 'bundled'} ({triples:,} triples in the data files); "
        f"{args.runs} runs (median); load average {load:.2f} at the end; "
        f"Python {sys.version.split()[0]}."
    )
    print()
    print(
        "| backend | open s | read s | score s | context s | total s | scores "
        "| baseline (memory) total s | ratio | peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    base_total = (
        float(baseline["read"]) + float(baseline["score"]) + float(baseline["context"])
        if baseline
        else None
    )
    for row in rows:
        total = float(row["read"]) + float(row["score"]) + float(row["context"])
        ratio = f"x{base_total / total:.1f}" if base_total else "–"
        print(
            f"| {row['backend']} | {float(row['open']):.2f} | {float(row['read']):.2f} "
            f"| {float(row['score']):.3f} | {float(row['context']):.3f} | {total:.2f} "
            f"| {row['scores']:,} | {f'{base_total:.2f}' if base_total else 'not run'} "
            f"| {ratio} | {float(row['rss_mb']):,.0f} |"
        )


def _triples(data: Path | None) -> int:
    if data is None:
        return 0
    manifest = data / "manifest.json"
    if manifest.exists():
        return int(json.loads(manifest.read_text(encoding="utf-8"))["triples"])
    return 0


if __name__ == "__main__":
    main()
