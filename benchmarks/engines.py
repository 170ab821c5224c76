"""The catalogue on three engines: embedded Oxigraph, the Oxigraph server and Virtuoso.

For one synthetic size (default ``1m``), in one run: the data (ontology + synthetic files)
is loaded into each engine and every catalogue query (default parameters, English labels) is
timed end to end through the project's ``QueryEngine`` (``oxigraph`` in process, and
``sparql:URL`` for both servers), round-robin across engines, median of ``--runs`` after a
warm-up. Embedded Oxigraph is the baseline; the ratio is engine time / baseline time (below
1 is faster). Rows are compared too (the same normalisation as the integration tests).

Load is: embedded, the engine start (zygote parses the Turtle files); Oxigraph server,
``oxigraph load`` of an N-Quads dump; Virtuoso, its bulk loader (``ld_add`` +
``rdf_loader_run`` + checkpoint) on the Turtle files. Peak RSS of the servers is their
VmHWM after the queries.

Run: ``make bench-engines`` or ``python -m benchmarks.engines --size 100k --runs 3``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pyoxigraph as ox

from benchmarks import virtuoso
from benchmarks.generate import GENERATED, INPUT_LIMITS, SIZES, generate
from brn_graph.config import Settings
from brn_graph.graph.store import open_store
from brn_graph.graph.terms import QueryResult
from brn_graph.query.catalog import load_catalog
from brn_graph.query.engine import QueryEngine

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def _rows(result: QueryResult) -> list[str]:
    out = []
    for row in result.rows:
        cells = []
        for t in row:
            if t is None:
                cells.append("")
                continue
            value = t.python()
            if isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f"n:{float(value):.6g}")
            elif t.kind == "literal" and not t.lang and "; " in t.value:
                cells.append("c:" + "; ".join(sorted(t.value.split("; "))))
            else:
                cells.append(f"{t.kind}:{t.value}:{t.datatype}:{t.lang}")
        out.append("|".join(cells))
    return sorted(out)


def _hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@contextmanager
def oxigraph_server(settings: Settings, work: Path) -> Iterator[tuple[str, float, int]]:
    """(endpoint, load seconds, pid) of a read-only Oxigraph server holding the data."""
    dump = work / "data.nq"
    store = open_store(settings.with_overrides(store="oxigraph"))
    assert store.oxigraph is not None
    store.oxigraph.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    del store
    started = time.perf_counter()
    location = work / "oxigraph-db"
    subprocess.run(
        [str(OXIGRAPH), "load", "--location", str(location), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    port = virtuoso.free_port()
    process = subprocess.Popen(
        [
            str(OXIGRAPH),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):  # noqa: S310
                    break
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        yield url, seconds, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--size", choices=sorted(SIZES), default="1m")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--virtuoso-memory-gb", type=float, default=4.0)
    parser.add_argument(
        "--generated",
        type=Path,
        default=GENERATED,
        help="the folder holding the generated sizes (default benchmarks/generated)",
    )
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    folder = args.generated / args.size
    if not (folder / "manifest.json").exists():
        generate(args.size, out=folder)
    settings = Settings(data_paths=(folder,), query_timeout=args.timeout, lang="en", **INPUT_LIMITS)
    catalog = load_catalog(settings.queries_dir)
    work = Path(tempfile.mkdtemp(prefix="brn-bench-engines-"))
    loads: dict[str, float] = {}
    peaks: dict[str, float | None] = {}
    try:
        with ExitStack() as stack:
            started = time.perf_counter()
            embedded = stack.enter_context(
                QueryEngine(settings.with_overrides(store="oxigraph"), workers=1)
            )
            embedded.run("ASK {}")
            loads["oxigraph (embedded)"] = time.perf_counter() - started
            url, seconds, pid = stack.enter_context(oxigraph_server(settings, work))
            loads["oxigraph server"] = seconds
            engines = {"oxigraph (embedded)": embedded}
            engines["oxigraph server"] = stack.enter_context(
                QueryEngine(settings.with_overrides(store=f"sparql:{url}"), workers=1)
            )
            server_pids = {"oxigraph server": pid}
            if virtuoso.available():
                server, seconds = stack.enter_context(
                    virtuoso.loaded(settings, memory_gb=args.virtuoso_memory_gb)
                )
                loads["virtuoso"] = seconds
                server_pids["virtuoso"] = server.process.pid
                engines["virtuoso"] = stack.enter_context(
                    QueryEngine(
                        settings.with_overrides(store=f"sparql:{server.endpoint}"), workers=1
                    )
                )
            else:
                print("virtuoso: NOT installed (/usr/bin/virtuoso-t); column left out", flush=True)
            names = list(engines)
            times: dict[str, dict[str, list[float]]] = {
                q.name: {n: [] for n in names} for q in catalog
            }
            same: dict[str, bool] = {}
            for query in catalog:
                bound = query.bind(lang="en")
                answers = {}
                for name in names:  # warm-up, and the rows to compare
                    answers[name] = _rows(engines[name].run(bound.checked, bindings=bound.bindings))
                same[query.name] = all(a == answers[names[0]] for a in answers.values())
                for _ in range(args.runs):
                    for name in names:
                        started = time.perf_counter()
                        engines[name].run(bound.checked, bindings=bound.bindings)
                        times[query.name][name].append(time.perf_counter() - started)
                print(f"  {query.name}: done", file=sys.stderr, flush=True)
            for name, server_pid in server_pids.items():
                peaks[name] = _hwm_mb(server_pid)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{args.size}: load seconds: " + ", ".join(f"{n} {s:.1f}" for n, s in loads.items()))
    print(
        "peak RSS MB (servers): "
        + ", ".join(f"{n} {p:.0f}" if p else f"{n} ?" for n, p in peaks.items())
    )
    header = (
        "| query | "
        + " | ".join(f"{n} ms" for n in names)
        + " | "
        + " | ".join(f"{n} / embedded" for n in names[1:])
        + " | same rows |"
    )
    print(header)
    print("|" + "---|" * (2 + len(names) + len(names[1:])))
    ratios: dict[str, list[float]] = {n: [] for n in names[1:]}
    for query in catalog:
        medians = {n: statistics.median(times[query.name][n]) for n in names}
        base = medians[names[0]]
        cells = [f"{medians[n] * 1000:.1f}" for n in names]
        for n in names[1:]:
            ratios[n].append(medians[n] / base)
        print(
            f"| {query.name} | "
            + " | ".join(cells)
            + " | "
            + " | ".join(f"x{medians[n] / base:.2f}" for n in names[1:])
            + f" | {'yes' if same[query.name] else 'NO'} |"
        )
    geo = {n: statistics.geometric_mean(r) for n, r in ratios.items()}
    print("geometric mean of the ratios: " + ", ".join(f"{n} x{g:.2f}" for n, g in geo.items()))


if __name__ == "__main__":
    main()
