"""Benchmark: a synthetic member list ingested, validated and committed, against a plain read.

The baseline is Python's ``csv`` module reading the same file in the same run (every row,
nothing else), so the ratio says what checking, building, validating and the durable commit
cost on top of merely reading, whatever the machine. The ingest time is end to end as the
command runs it: loading the graph, reading and checking every row, building the records,
SHACL validation of the new records with their context, and the atomic commit.

Run: ``make bench-ingest`` or ``python -m benchmarks.ingest_bench --rows 100000``.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import tempfile
import time
from pathlib import Path

from benchmarks.ingest_generate import member_rows, write_csv
from brn_graph.config import Settings
from brn_graph.ingest.pipeline import ingest_members


def plain_read(path: Path) -> tuple[int, float]:
    started = time.perf_counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        count = sum(1 for _ in csv.reader(handle, delimiter=";"))
    return count, time.perf_counter() - started


def run(rows: int, seed: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="brn-ingest-bench-") as tmp:
        folder = Path(tmp)
        path = write_csv(folder / "members.csv", member_rows(rows, seed=seed))
        lines, baseline = plain_read(path)
        settings = Settings(imports_dir=folder / "imports")
        started = time.perf_counter()
        report = ingest_members(settings, path, cluster="made", as_of="2024-06-01")
        elapsed = time.perf_counter() - started
        committed = sum(p.stat().st_size for p in (folder / "imports").glob("*.ttl"))
        assert report.status == "committed", report.render("en")
        return {
            "synthetic": True,
            "rows": rows,
            "file_bytes": path.stat().st_size,
            "csv_read_s": round(baseline, 3),
            "ingest_s": round(elapsed, 2),
            "ratio": round(elapsed / baseline, 1),
            "rows_per_s": round(rows / elapsed),
            "records": report.records,
            "validated_representatives": report.validated,
            "turtle_bytes": committed,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "limit_s": 60,
            "within_limit": elapsed < 60,
            "lines_read_by_baseline": lines,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240920)
    args = parser.parse_args()
    result = run(args.rows, args.seed)
    print(json.dumps(result, indent=2))
    raise SystemExit(0 if result["within_limit"] else 1)


if __name__ == "__main__":
    main()
