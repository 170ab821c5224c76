"""Before and after a query rewrite, in the same run: the old text (from a git revision) and
the current one, interleaved on one engine, through ``QueryEngine.run`` as the service runs
them.

    .venv/bin/python -m benchmarks.query_shapes --size 1m --backend oxigraph \\
        --before main --queries list_clusters search_labels

Each query is bound with its example parameters (English labels); both versions run once to
warm up, then ``--runs`` times each, alternating; the table gives the medians, the ratio, the
row counts and whether the two versions returned the same rows (compared as the engine
returns them, first ``--cap`` rows; a version with a ``limit:`` in its header is cut there).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.generate import GENERATED, INPUT_LIMITS
from brn_graph.config import PROJECT_ROOT, Settings
from brn_graph.query.catalog import CatalogQuery, load_catalog
from brn_graph.query.engine import QueryEngine


def _old_catalogue(revision: str, names: list[str], folder: Path) -> dict[str, CatalogQuery]:
    for name in names:
        text = subprocess.run(
            ["git", "show", f"{revision}:queries/{name}.rq"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
    catalog = load_catalog(folder)
    return {name: catalog.get(name) for name in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1m")
    parser.add_argument("--generated", type=Path, default=GENERATED)
    parser.add_argument("--backend", default="oxigraph", help="oxigraph, memory or oxigraph:DIR")
    parser.add_argument("--before", default="main", help="the git revision of the old texts")
    parser.add_argument("--queries", nargs="+", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cap", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()

    new = load_catalog(Settings().queries_dir)
    settings = Settings(
        data_paths=(args.generated / args.size,),
        store=args.backend,
        query_timeout=args.timeout,
        result_cap=args.cap,
        **INPUT_LIMITS,
    )
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="brn-shapes-") as scratch:
        old = _old_catalogue(args.before, args.queries, Path(scratch))
        with QueryEngine(settings, workers=1, start_method="fork") as engine:
            print(
                f"{args.size} on {args.backend}: opened in {engine.info.open_seconds:.1f} s; "
                f"load average {load:.1f} at the start"
            )
            print(
                "| query | rows before | rows after | before (ms) | after (ms) | ratio "
                "| same rows |"
            )
            print("|---|---|---|---|---|---|---|")
            for name in args.queries:
                versions = {"before": old[name], "after": new.get(name)}
                bound = {k: q.bind(lang="en") for k, q in versions.items()}
                times: dict[str, list[float]] = {"before": [], "after": []}
                rows = {}
                for key, b in bound.items():  # warm-up
                    rows[key] = engine.run(b.checked, bindings=b.bindings).rows
                for _ in range(args.runs):
                    for key, b in bound.items():
                        times[key].append(engine.run(b.checked, bindings=b.bindings).elapsed_ms)
                before = statistics.median(times["before"])
                after = statistics.median(times["after"])
                shared = min(len(rows["before"]), len(rows["after"]))
                same = rows["before"][:shared] == rows["after"][:shared]
                print(
                    f"| {name} | {len(rows['before']):,} | {len(rows['after']):,} | "
                    f"{before:,.1f} | {after:,.1f} | x{before / after:,.1f} | "
                    f"{'yes' if same else 'NO'} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
