"""CPU time per request of ``brn-graph serve``, read from ``/proc``: less moved by a shared
machine's load than req/s and latencies.

Starts ``brn-graph serve --workers 1`` on a random loopback port (one server process, its
query engine's zygote and workers below it), drives one route with ``wrk`` (50 keep-alive
connections) for ``--seconds`` after ``--warmup`` seconds of unmeasured load, and divides
the user + system CPU time that each part of the process tree used during the measured run
by the number of requests answered:

- **server**: the uvicorn process (HTTP, routing, parameters, thread pool, admission, the
  worker round trip's sending and receiving, serialisation);
- **workers**: the query workers and the zygote (the engine's evaluation).

The baseline of the same run: the same query through :class:`QueryEngine` in this process
(no HTTP), sequentially, its CPU per query in this process and in the workers, so the
server's overhead beyond the engine call is ``server - in-process``.

``--source DIR`` serves another checkout of the project (e.g. ``git archive main`` unpacked
in a temporary folder) with this environment, for a before/after comparison in one session.

Run: ``python -m benchmarks.http_cpu [--route sparql|health|alignment] [--seconds 6]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks.http import (
    BRN_GRAPH,
    JSON,
    PROJECT,
    SMALL_SELECT,
    SPARQL_JSON,
    machine,
    run_wrk,
    start,
    stop,
)
from benchmarks.virtuoso import free_port

ROUTES: dict[str, tuple[str, str]] = {
    "sparql": ("/sparql?" + urllib.parse.urlencode({"query": SMALL_SELECT}), SPARQL_JSON),
    "health": ("/health", JSON),
    "alignment": ("/api/clusters/energy-cluster-denmark/alignment", JSON),
}


@dataclass(frozen=True)
class Sample:
    requests: int
    seconds: float
    server_ms: float
    workers_ms: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def cpu_seconds(process: psutil.Process) -> float:
    try:
        times = process.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return float(times.user + times.system)


def tree_cpu(root: psutil.Process) -> tuple[float, dict[int, float]]:
    """(CPU seconds of ``root``, CPU seconds of each process below it by pid)."""
    below = {p.pid: cpu_seconds(p) for p in root.children(recursive=True)}
    return cpu_seconds(root), below


def wrk(url: str, accept: str, seconds: float, connections: int) -> tuple[int, float, str]:
    out = run_wrk(url, accept, seconds, connections)
    found = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", out)
    assert found is not None, out
    scale = {"ms": 0.001, "s": 1.0, "m": 60.0}[found.group(3)]
    return int(found.group(1)), float(found.group(2)) * scale, out


def measure(root: psutil.Process, url: str, accept: str, seconds: float, conns: int) -> Sample:
    from benchmarks.http import _ms

    server_before, below_before = tree_cpu(root)
    requests, elapsed, out = wrk(url, accept, seconds, conns)
    server_after, below_after = tree_cpu(root)
    # A process that appeared during the run counts from 0; one that ended is lost (rare:
    # a replaced worker), which can only make the workers' figure smaller.
    workers = sum(cpu - below_before.get(pid, 0.0) for pid, cpu in below_after.items())
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    p50 = re.search(r"\s50%\s+(\S+)", out)
    p99 = re.search(r"\s99%\s+(\S+)", out)
    assert p50 is not None, out
    assert p99 is not None, out
    return Sample(
        requests=requests,
        seconds=elapsed,
        server_ms=(server_after - server_before) * 1000 / requests,
        workers_ms=workers * 1000 / requests,
        p50_ms=_ms(p50.group(1)),
        p99_ms=_ms(p99.group(1)),
        errors=int(bad.group(1)) if bad else 0,
    )


def in_process(queries: int) -> tuple[float, float]:
    """CPU ms per query of the same SELECT through the engine in this process (no HTTP):
    (this process, the engine's workers)."""
    from brn_graph.config import Settings
    from brn_graph.query.engine import QueryEngine

    with QueryEngine(Settings(), workers=2) as engine:
        me = psutil.Process()
        checked = engine.check(SMALL_SELECT)
        for _ in range(50):  # warm
            engine.run(checked)
        mine_before = time.process_time()
        _, below_before = tree_cpu(me)
        for _ in range(queries):
            engine.run(checked)
        mine = time.process_time() - mine_before
        _, below_after = tree_cpu(me)
    workers = sum(cpu - below_before.get(pid, 0.0) for pid, cpu in below_after.items())
    return mine * 1000 / queries, workers * 1000 / queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--route", choices=sorted(ROUTES), default="sparql")
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--queries", type=int, default=2000, help="in-process baseline")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--source", type=Path, help="serve this checkout of the project")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    path, accept = ROUTES[args.route]
    env = {
        **os.environ,
        "BRN_GRAPH_CLIENT_CONCURRENCY": "64",
        "BRN_GRAPH_CLIENT_QUEUE": "256",
    }
    cwd = PROJECT
    if args.source is not None:
        cwd = args.source.resolve()
        env["PYTHONPATH"] = str(cwd)
    load_before = os.getloadavg()
    port = free_port()
    server = start(
        [str(BRN_GRAPH), "serve", "--workers", "1", "--port", str(port), "--log-level", "warning"],
        env,
        port,
        cwd=cwd,
    )
    url = f"http://127.0.0.1:{port}{path}"
    try:
        root = psutil.Process(server.pid)
        if args.warmup > 0:
            wrk(url, accept, args.warmup, args.connections)
        samples = [
            measure(root, url, accept, args.seconds, args.connections) for _ in range(args.runs)
        ]
    finally:
        stop(server)
    baseline = None if args.no_baseline or args.route != "sparql" else in_process(args.queries)
    load_after = os.getloadavg()
    print(
        f"Machine: {machine()}; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after."
    )
    print(
        f"`serve --workers 1` of {cwd}, {args.route} ({path[:60]}), wrk -t2 -c{args.connections}, "
        f"{args.seconds:g} s per run after {args.warmup:g} s of warm-up."
    )
    print()
    print("| run | req/s | p50 ms | p99 ms | non-200 | server CPU ms/req | workers CPU ms/req |")
    print("|---|---|---|---|---|---|---|")
    for number, s in enumerate(samples, 1):
        print(
            f"| {number} | {s.rps:,.0f} | {s.p50_ms:.1f} | {s.p99_ms:.1f} | {s.errors} "
            f"| {s.server_ms:.3f} | {s.workers_ms:.3f} |"
        )
    server_median = statistics.median(s.server_ms for s in samples)
    print()
    print(f"Server process, median: {server_median:.3f} CPU ms per request.")
    if baseline is not None:
        mine, workers = baseline
        print(
            f"Baseline, the same query through QueryEngine in one process ({args.queries} "
            f"in a row): {mine:.3f} CPU ms per query in the calling process, {workers:.3f} in "
            f"the workers; the server's overhead beyond the engine call: "
            f"{server_median - mine:.3f} ms ({server_median / mine:.2f}x)."
        )


if __name__ == "__main__":
    main()
