"""Fair sharing and bounded resources of ``brn-graph serve``, measured over loopback.

Starts the real server on 127.0.0.1 (random port 20000-29999) with the bundled data, then:

1. **baseline**: another client's catalogue query and ``/health``, alone;
2. **runaways**: one client (source address 127.0.0.2) keeps 20 runaway queries in flight
   while another client (127.0.0.3) runs the same catalogue query and ``/health``;
3. **slow parse**: one client sends the 20,000-term ``FILTER`` while another times small ASKs;
4. **crash loop**: one client loops ``ORDER BY ?o`` over mixed literals (an engine crash)
   while another times small ASKs;
5. **memory**: the OPTIONAL-chain query while the RSS of every server process is sampled.

Reports p50/p95/max latencies (ms), the ratio to the baseline measured in the same run, the
status codes seen by the runaway client, and the peak RSS of the whole process tree. Linux
only (several loopback source addresses). ``python -m benchmarks.fairness [--seconds N]``.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import psutil

PROJECT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
OPTIONAL_CHAIN = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c OPTIONAL { ?d ?e ?f OPTIONAL { ?g ?h ?i "
    "OPTIONAL { ?j ?k ?l } } } }"
)
LONG_FILTER = "ASK { ?s ?p ?o FILTER(1" + " + 1" * 20_000 + " > 0) }"
MIXED_ORDER = "SELECT * { ?s ?p ?o } ORDER BY ?o"
SMALL_ASK = "ASK { ?s a ?t }"
CATALOGUE = "/api/queries/list_clusters?lang=en"


def request(
    port: int, source: str, path: str, timeout: float = 60.0, body: str | None = None
) -> tuple[int, float]:
    """One GET (or a POST of a query ``body``) from ``source``; (status, milliseconds)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0)
    )
    started = time.perf_counter()
    try:
        if body is None:
            connection.request("GET", path, headers={"Accept": "application/json"})
        else:
            connection.request(
                "POST",
                path,
                body=body.encode("utf-8"),
                headers={
                    "Accept": "application/json",
                    "Content-Type": "application/sparql-query",
                },
            )
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0
    finally:
        connection.close()
    return status, (time.perf_counter() - started) * 1000


def sparql(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ordered[-1], 1),
    }


def probe(port: int, source: str, paths: list[str], seconds: float) -> dict[str, list[float]]:
    """Time ``paths`` in turn from ``source`` for ``seconds``."""
    times: dict[str, list[float]] = collections.defaultdict(list)
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        for path in paths:
            status, ms = request(port, source, path)
            times[f"{path.split('?')[0]} {status}"].append(ms)
        time.sleep(0.05)
    return times


def in_background(
    target: Callable[[], None], count: int
) -> tuple[list[threading.Thread], threading.Event]:
    stop = threading.Event()
    threads = [threading.Thread(target=target, daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    return threads, stop


def tree_rss(pid: int) -> int:
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total


def start_server(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "brn_graph", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "BRN_GRAPH_REFUSE_INVALID_DATA": "false"},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if request(port, "127.0.0.1", "/health", timeout=2)[0] == 200:
            return server
        time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start within 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="length of each phase")
    args = parser.parse_args()
    port = random.randint(20000, 29999)
    server = start_server(port)
    report: dict[str, object] = {"port": port}
    peak = [tree_rss(server.pid)]
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            peak[0] = max(peak[0], tree_rss(server.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        probe_paths = [CATALOGUE, "/health"]
        base = probe(port, "127.0.0.3", probe_paths, args.seconds / 2)
        report["baseline"] = {k: summary(v) for k, v in base.items()}

        statuses: collections.Counter[int] = collections.Counter()
        stop = threading.Event()

        def runaway() -> None:
            while not stop.is_set():
                status, _ = request(port, "127.0.0.2", sparql(RUNAWAY))
                statuses[status] += 1

        threads = [threading.Thread(target=runaway, daemon=True) for _ in range(20)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        loaded = probe(port, "127.0.0.3", probe_paths, args.seconds)
        stop.set()
        report["under_20_runaways"] = {k: summary(v) for k, v in loaded.items()}
        report["runaway_client_statuses"] = dict(statuses)
        for t in threads:
            t.join(30)

        ask_alone = probe(port, "127.0.0.5", [sparql(SMALL_ASK)], args.seconds / 3)
        report["small_ask_alone"] = {k: summary(v) for k, v in ask_alone.items()}
        slow: list[tuple[int, float]] = []
        slow_thread = threading.Thread(
            target=lambda: slow.append(request(port, "127.0.0.4", "/sparql", body=LONG_FILTER)),
            daemon=True,
        )
        slow_thread.start()
        time.sleep(0.3)
        during = probe(port, "127.0.0.5", [sparql(SMALL_ASK)], args.seconds / 2)
        slow_thread.join(60)
        report["small_ask_during_20000_term_filter"] = {k: summary(v) for k, v in during.items()}
        report["20000_term_filter"] = (
            {"status": slow[0][0], "ms": round(slow[0][1])} if slow else {}
        )

        crash_statuses: collections.Counter[int] = collections.Counter()
        stop_crash = threading.Event()

        def crasher() -> None:
            while not stop_crash.is_set():
                crash_statuses[request(port, "127.0.0.6", sparql(MIXED_ORDER))[0]] += 1

        crash_threads = [threading.Thread(target=crasher, daemon=True) for _ in range(4)]
        for t in crash_threads:
            t.start()
        during_crash = probe(port, "127.0.0.7", [sparql(SMALL_ASK)], args.seconds / 2)
        stop_crash.set()
        for t in crash_threads:
            t.join(30)
        report["small_ask_during_order_by_crash_loop"] = {
            k: summary(v) for k, v in during_crash.items()
        }
        report["order_by_client_statuses"] = dict(crash_statuses)

        status, ms = request(port, "127.0.0.8", sparql(OPTIONAL_CHAIN))
        report["optional_chain"] = {"status": status, "ms": round(ms)}
        health = json.loads(
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=10).read()
        )
        report["health_after"] = {
            k: health.get(k) for k in ("query_workers", "network_isolated", "worker_memory_mb")
        }
    finally:
        sampling.set()
        sampler.join(5)
        report["peak_rss_all_processes_mb"] = round(peak[0] / 2**20)
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    import urllib.request

    main()
