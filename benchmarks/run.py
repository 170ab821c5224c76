"""Benchmark of the query layer: every catalogue query on every backend, on synthetic data.

For each size (``10k``, ``100k``, ``1m`` triples of :mod:`benchmarks.generate`, plus the
ontology) and each backend (``oxigraph`` in memory, ``oxigraph:DIR`` on disk, rdflib
``memory``), one :class:`~brn_graph.query.engine.QueryEngine` is started the way the service starts
it, and this script reports:

* **load**: seconds to open the store in the engine's zygote (for ``oxigraph:DIR`` both the
  first build and a reopen of the built folder, which parses nothing);
* **peak memory**: the zygote's peak resident set (VmHWM) after loading, and the largest
  peak of a query worker after the queries;
* per catalogue query (default parameters, English labels): the **median latency** over
  ``--runs`` runs after one warm-up run, end to end through ``QueryEngine.run`` (checking,
  the worker round trip, result conversion), and the **speed-up** against the ``memory``
  backend measured in the same run. rdflib's engine is capped per run
  (``--memory-timeout``): a run past it is reported as ``timeout`` (the worker is killed);
* the engine overhead: worker start (fork by the zygote), the round trip of a trivial
  query, and how precisely a runaway query is stopped.

Results: a Markdown table on standard output, raw JSON in ``benchmarks/results/raw/``, and
with ``--update-readme`` the table between the markers in ``benchmarks/README.md``.

Run: ``make bench`` (all sizes) or ``python -m benchmarks.run --sizes 10k 100k``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from benchmarks.generate import DEFAULT_SEED, GENERATED, INPUT_LIMITS, SIZES, generate
from brn_graph.config import Settings
from brn_graph.errors import QueryTimeoutError
from brn_graph.query.catalog import QueryCatalog, load_catalog
from brn_graph.query.engine import QueryEngine

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
RAW = HERE / "results" / "raw"
START = "<!-- query-bench:start -->"
END = "<!-- query-bench:end -->"
BACKENDS = ("oxigraph", "oxigraph-disk", "memory")
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class QueryTiming:
    rows: int | None = None
    runs: list[float] = field(default_factory=list)
    engine_runs: list[float] = field(default_factory=list)
    timeout: bool = False
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs and not self.timeout else None


@dataclass
class BackendResult:
    backend: str
    load_seconds: float | None = None
    reopen_seconds: float | None = None
    peak_rss_mb_load: float | None = None
    peak_rss_mb_worker: float | None = None
    skipped: str | None = None
    queries: dict[str, QueryTiming] = field(default_factory=dict)


@dataclass
class SizeResult:
    label: str
    triples: int
    backends: dict[str, BackendResult] = field(default_factory=dict)


@dataclass
class Overhead:
    zygote_spawn_seconds: float
    zygote_fork_seconds: float
    worker_start_ms: float
    round_trip_ms: float
    engine_ms: float
    timeout_limit_s: float
    timeout_stopped_after_s: float
    replacement_ready: bool


def _hwm_mb(pid: int | None) -> float | None:
    """Peak resident set (VmHWM) of a process, in MB (Linux)."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _settings(folder: Path, store: str, timeout: float) -> Settings:
    return Settings(
        data_paths=(folder,),
        store=store,
        query_timeout=timeout,
        result_cap=100_000,
        **INPUT_LIMITS,
    )


def _time_queries(
    engine: QueryEngine, catalog: QueryCatalog, runs: int, timeout: float
) -> dict[str, QueryTiming]:
    timings: dict[str, QueryTiming] = {}
    for query in catalog:
        bound = query.bind(lang="en")
        timing = QueryTiming()
        timings[query.name] = timing
        try:
            warm = engine.run(bound.checked, bindings=bound.bindings, timeout=timeout)
        except QueryTimeoutError:
            timing.timeout = True
            continue
        except Exception as exc:  # reported in the table, the bench goes on
            timing.error = f"{type(exc).__name__}: {exc}"
            continue
        timing.rows = len(warm)
        wanted = 1 if warm.elapsed_ms > 2_000 else runs
        for _ in range(wanted):
            try:
                result = engine.run(bound.checked, bindings=bound.bindings, timeout=timeout)
            except QueryTimeoutError:
                timing.timeout = True
                break
            timing.runs.append(result.elapsed_ms)
            timing.engine_runs.append(result.engine_ms)
    return timings


def bench_backend(
    backend: str,
    folder: Path,
    catalog: QueryCatalog,
    *,
    runs: int,
    timeout: float,
    scratch: Path,
) -> BackendResult:
    result = BackendResult(backend=backend)
    store = backend
    if backend == "oxigraph-disk":
        location = scratch / f"store-{folder.name}"
        shutil.rmtree(location, ignore_errors=True)
        store = f"oxigraph:{location}"
        with QueryEngine(_settings(folder, store, timeout), workers=1, start_method="fork") as e:
            result.load_seconds = e.info.open_seconds
            result.peak_rss_mb_load = _hwm_mb(e.info.zygote_pid)
    engine = QueryEngine(_settings(folder, store, timeout), workers=1, start_method="fork")
    with engine:
        info = engine.info
        if backend == "oxigraph-disk":
            result.reopen_seconds = info.open_seconds
        else:
            result.load_seconds = info.open_seconds
            result.peak_rss_mb_load = _hwm_mb(info.zygote_pid)
        result.queries = _time_queries(engine, catalog, runs, timeout)
        worker_peaks = [_hwm_mb(pid) for pid in engine.info.worker_pids]
        result.peak_rss_mb_worker = max((p for p in worker_peaks if p is not None), default=None)
    return result


def measure_overhead(folder: Path) -> Overhead:
    """Zygote and worker start, round trip of a trivial query, and the timeout's precision."""
    settings = _settings(folder, "oxigraph", 10.0)
    started = time.perf_counter()
    with QueryEngine(settings, workers=1, start_method="spawn") as spawned:
        spawn_seconds = time.perf_counter() - started - spawned.info.open_seconds
    started = time.perf_counter()
    with QueryEngine(settings, workers=2, start_method="fork") as engine:
        fork_seconds = time.perf_counter() - started - engine.info.open_seconds
        checked = engine.check("ASK { ?s ?p ?o }")
        for _ in range(20):
            engine.run(checked)
        trips = [engine.run(checked) for _ in range(200)]
        limit = 2.0
        began = time.perf_counter()
        try:
            engine.run(CROSS_PRODUCT, timeout=limit)
        except QueryTimeoutError:
            stopped = time.perf_counter() - began
        else:  # pragma: no cover - the cross product never ends in time
            stopped = float("nan")
        ready = engine.run(checked).boolean is True
        worker_start = engine.info.worker_start_ms
    return Overhead(
        zygote_spawn_seconds=spawn_seconds,
        zygote_fork_seconds=fork_seconds,
        worker_start_ms=worker_start,
        round_trip_ms=statistics.median(t.elapsed_ms for t in trips),
        engine_ms=statistics.median(t.engine_ms for t in trips),
        timeout_limit_s=limit,
        timeout_stopped_after_s=stopped,
        replacement_ready=ready,
    )


def machine() -> dict[str, object]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": memory_gb,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyoxigraph": metadata.version("pyoxigraph"),
        "oxrdflib": metadata.version("oxrdflib"),
        "rdflib": metadata.version("rdflib"),
        "load_average": os.getloadavg(),
    }


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:,.2f}"


def _cell(timing: QueryTiming | None, cap: float) -> str:
    if timing is None:
        return "–"
    if timing.error:
        return "error"
    if timing.timeout:
        return f"timeout (>{cap:g} s)"
    return _ms(timing.median)


def _speedup(base: QueryTiming | None, other: QueryTiming | None, cap: float) -> str:
    value, bound = speedup(base, other, cap)
    if value is None:
        return "–"
    return (
        f"{'≥' if bound else ''}x{value:,.0f}"
        if value >= 10
        else f"{'≥' if bound else ''}x{value:.1f}"
    )


def speedup(
    memory: QueryTiming | None, other: QueryTiming | None, cap: float
) -> tuple[float | None, bool]:
    """memory time / other time, and whether it is a lower bound (memory timed out)."""
    if memory is None or other is None or other.median is None:
        return None, False
    if memory.timeout:
        return cap * 1000 / other.median, True
    if memory.median is None:
        return None, False
    return memory.median / other.median, False


def geometric_mean(values: list[float]) -> float | None:
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def render(
    sizes: list[SizeResult],
    overhead: Overhead | None,
    info: dict[str, object],
    caps: dict[str, float],
) -> str:
    lines: list[str] = []
    load = info["load_average"]
    lines.append(
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {info['cpus']} × {info['cpu']}, "
        f"{info['memory_gb']} GB RAM, {info['system']}, CPython {info['python']}, "
        f"pyoxigraph {info['pyoxigraph']}, oxrdflib {info['oxrdflib']}, rdflib {info['rdflib']}; "
        f"load average at the start {load[0]:.1f} (other jobs shared the machine)."  # type: ignore[index]
    )
    lines.append("")
    for size in sizes:
        backends = [b for b in BACKENDS if b in size.backends]
        cap = caps[size.label]
        lines.append(f"#### {size.label}: {size.triples:,} triples (synthetic data + ontology)")
        lines.append("")
        lines.append(
            "| backend | load (s) | reopen (s) | peak RSS load (MB) | peak RSS worker (MB) | note |"
        )
        lines.append("|---|---|---|---|---|---|")
        for name in backends:
            measured = size.backends[name]
            lines.append(
                f"| {name} | {_seconds(measured.load_seconds)} "
                f"| {_seconds(measured.reopen_seconds)} "
                f"| {_ms(measured.peak_rss_mb_load)} | {_ms(measured.peak_rss_mb_worker)} "
                f"| {measured.skipped or ''} |"
            )
        lines.append("")
        header = ["query", "rows", *(f"{b} (ms)" for b in backends)]
        compared = [b for b in backends if b != "memory"]
        header += [f"{b} speed-up vs memory" for b in compared]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        names = sorted({q for b in backends for q in size.backends[b].queries})
        means: dict[str, list[float]] = {b: [] for b in compared}
        for query in names:
            timings = {b: size.backends[b].queries.get(query) for b in backends}
            count = next((t.rows for t in timings.values() if t and t.rows is not None), None)
            cells = [query, "–" if count is None else f"{count:,}"]
            cells += [_cell(timings[b], cap if b == "memory" else 60) for b in backends]
            for b in compared:
                cells.append(_speedup(timings.get("memory"), timings[b], cap))
                value, _ = speedup(timings.get("memory"), timings[b], cap)
                if value is not None:
                    means[b].append(value)
            lines.append("| " + " | ".join(cells) + " |")
        if "memory" in backends and compared:
            geo = [geometric_mean(means[b]) for b in compared]
            cells = ["**geometric mean**", "", *([""] * len(backends))]
            cells += [f"**x{g:,.1f}**" if g else "–" for g in geo]
            lines.append("| " + " | ".join(cells) + " |")
        slowest = max(
            (
                (t.median, q)
                for q, t in size.backends.get("oxigraph", BackendResult("x")).queries.items()
                if t.median is not None
            ),
            default=None,
        )
        if slowest:
            lines.append("")
            lines.append(
                f"Slowest query on the default backend: {slowest[1]}, {slowest[0]:.1f} ms median."
            )
        lines.append("")
    if overhead:
        o = overhead
        rows = [
            (
                "zygote start, spawn (interpreter and imports, without the load)",
                f"{o.zygote_spawn_seconds:.2f} s",
            ),
            ("zygote start, fork (without the load)", f"{o.zygote_fork_seconds:.2f} s"),
            (
                "worker start (fork by the zygote, socket hand-over, first reply), median",
                f"{o.worker_start_ms:.1f} ms",
            ),
            ("trivial query (`ASK`), end to end, median of 200", f"{o.round_trip_ms:.2f} ms"),
            ("of which inside the engine", f"{o.engine_ms:.2f} ms"),
            (
                f"cross product with a {o.timeout_limit_s:g} s limit: stopped after "
                "(kill and replacement worker included)",
                f"{o.timeout_stopped_after_s:.3f} s",
            ),
        ]
        lines.append("#### Engine overhead (10k, oxigraph)")
        lines.append("")
        lines.append("| measure | value |")
        lines.append("|---|---|")
        lines.extend(f"| {name} | {value} |" for name, value in rows)
        lines.append("")
    return "\n".join(lines)  # fmt: skip


def update_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = head + block + tail
    else:
        text = block + "\n\n" + text
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark of the catalogue queries.")
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k", "1m"], choices=sorted(SIZES))
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=BACKENDS)
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per query (after a warm-up)"
    )
    parser.add_argument(
        "--memory-timeout", type=float, default=30.0, help="cap per run of rdflib's engine (s)"
    )
    parser.add_argument(
        "--skip-memory-above",
        type=int,
        default=2_000_000,
        help="skip the memory backend above this many triples",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--generated",
        type=Path,
        default=GENERATED,
        help="the folder holding the generated sizes (e.g. a cache outside the repository)",
    )
    parser.add_argument(
        "--skip-overhead",
        action="store_true",
        help="leave out the engine-overhead measurement (it reloads the first size)",
    )
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()

    info = machine()
    catalog = load_catalog(Settings().queries_dir)
    sizes: list[SizeResult] = []
    caps: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="brn-bench-") as scratch:
        for label in args.sizes:
            folder = args.generated / label
            manifest = folder / "manifest.json"
            if not manifest.exists() or json.loads(manifest.read_text())["seed"] != args.seed:
                generate(label, out=folder, seed=args.seed)
            triples = int(json.loads(manifest.read_text())["triples"])
            size = SizeResult(label=label, triples=triples + _ontology_triples())
            caps[label] = args.memory_timeout
            for backend in args.backends:
                print(f"[{label}] {backend} ...", flush=True)
                if backend == "memory" and triples > args.skip_memory_above:
                    size.backends[backend] = BackendResult(
                        backend=backend, skipped=f"skipped above {args.skip_memory_above:,} triples"
                    )
                    continue
                timeout = args.memory_timeout if backend == "memory" else 60.0
                size.backends[backend] = bench_backend(
                    backend, folder, catalog, runs=args.runs, timeout=timeout, scratch=Path(scratch)
                )
            sizes.append(size)
        overhead = (
            measure_overhead(args.generated / args.sizes[0])
            if args.sizes and not args.skip_overhead
            else None
        )
    table = render(sizes, overhead, info, caps)
    print(table)
    RAW.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    raw = {
        "machine": info,
        "sizes": [asdict(s) for s in sizes],
        "overhead": asdict(overhead) if overhead else None,
        "args": vars(args),
    }
    (RAW / f"query-bench-{stamp}.json").write_text(
        json.dumps(raw, indent=2, default=str), encoding="utf-8"
    )
    if args.update_readme:
        update_readme(table)


def _ontology_triples() -> int:
    from brn_graph.graph.loader import discover_files, parse_quads

    settings = Settings(data_paths=())
    return sum(len(parse_quads(f.path)) for f in discover_files(settings))


if __name__ == "__main__":
    main()
