"""The HTTP service under load, against a minimal FastAPI app returning the same bytes.

Starts ``brn-graph serve --workers 2`` on a random loopback port and, in the same run, the
baseline: a minimal FastAPI app (:mod:`benchmarks.http_baseline`) under the same uvicorn with
the same number of workers, answering every benchmarked URL with the bytes the project
answered. ``wrk`` (Debian package ``wrk``) drives 50 keep-alive connections for ``--seconds``
per route, project and baseline interleaved, after ``--warmup`` seconds of unmeasured load on
each (so every server process has answered once); the table gives req/s, p50, p99, ratio.

All 50 connections come from one address, which the service's fair share of query workers
would hold to one query at a time (429 past it, by design): the run raises that share
(``BRN_GRAPH_CLIENT_CONCURRENCY``/``BRN_GRAPH_CLIENT_QUEUE``) so ``/sparql`` measures the
engine, and counts any answer that is not 200.

Run: ``make bench-http`` or ``python -m benchmarks.http --seconds 10``; at scale, e.g.
``python -m benchmarks.http --data benchmarks/generated/10m --store oxigraph:DIR --workers 1``
(the service validates the data at start unless its report is cached).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.virtuoso import free_port

PROJECT = Path(__file__).resolve().parents[1]
BRN_GRAPH = Path(sys.executable).parent / "brn-graph"
SMALL_SELECT = (
    "PREFIX brn: <https://w3id.org/brn-graph/ontology#> "
    "SELECT ?c WHERE { ?c a brn:Cluster } LIMIT 5"
)
JSON = "application/json"
SPARQL_JSON = "application/sparql-results+json"
#: (label, path with query string, Accept)
ROUTES: list[tuple[str, str, str]] = [
    ("/health", "/health", JSON),
    ("/api/clusters", "/api/clusters", JSON),
    ("/api/clusters/energy-cluster-denmark", "/api/clusters/energy-cluster-denmark", JSON),
    (
        "/api/clusters/energy-cluster-denmark/alignment",
        "/api/clusters/energy-cluster-denmark/alignment",
        JSON,
    ),
    (
        "/sparql small SELECT",
        "/sparql?" + urllib.parse.urlencode({"query": SMALL_SELECT}),
        SPARQL_JSON,
    ),
]


@dataclass(frozen=True)
class Load:
    """One wrk run: requests per second, latency percentiles (ms), answers that were not 2xx/3xx."""

    rps: float
    p50: float
    p99: float
    errors: int


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, accept: str, seconds: float, connections: int, threads: int = 2) -> str:
    """``wrk`` against ``url`` with latency statistics; its summary text."""
    return subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds:g}s",
            "--latency",
            "-H",
            f"Accept: {accept}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout


def drive(url: str, accept: str, seconds: float, connections: int, threads: int) -> Load:
    """``wrk`` against ``url``; parses its summary."""
    out = run_wrk(url, accept, seconds, connections, threads)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    socket_errors = re.search(r"Socket errors:.*", out)
    if socket_errors:
        print("   ", socket_errors.group(0), file=sys.stderr)
    return Load(rps=rps, p50=p50, p99=p99, errors=errors)


def start(
    argv: list[str],
    env: dict[str, str],
    port: int,
    timeout: float = 300.0,
    cwd: Path = PROJECT,
) -> subprocess.Popen[bytes]:
    """Start a server (in ``cwd``) and wait for its first 200 on ``/health`` that does not
    say the query engine is still starting (at 10M triples in memory it loads for a minute
    after the port opens; ``/sparql`` answers 503 until then)."""
    process = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{argv[0]} exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                ready = json.loads(answer.read() or b"{}").get("query_engine") != "starting"
                if answer.status == 200 and ready:
                    return process
                time.sleep(0.2)
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not answer")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def fetch(base: str, path: str, accept: str) -> tuple[str, bytes]:
    request = urllib.request.Request(base + path, headers={"Accept": accept})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 - loopback http
        return answer.headers.get("content-type", JSON), answer.read()


def machine() -> str:
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} cores ({model}), {system}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="server processes (both apps)")
    parser.add_argument("--runs", type=int, default=1, help="interleaved runs per route (median)")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of unmeasured load")
    parser.add_argument("--only", help="run only the routes whose label contains this")
    parser.add_argument(
        "--data",
        type=Path,
        help="serve this data folder instead of the bundled data (e.g. benchmarks/generated/10m; "
        "set BRN_GRAPH_MAX_FILE_BYTES/BRN_GRAPH_MAX_FILE_TRIPLES for its large files)",
    )
    parser.add_argument(
        "--store", help="the service's store, e.g. oxigraph:DIR (one server process then)"
    )
    parser.add_argument(
        "--start-timeout", type=float, default=300.0, help="seconds to wait for the first 200"
    )
    args = parser.parse_args()
    routes = [r for r in ROUTES if args.only is None or args.only in r[0]]
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")

    env = {
        **os.environ,
        "BRN_GRAPH_CLIENT_CONCURRENCY": "64",
        "BRN_GRAPH_CLIENT_QUEUE": "256",
    }
    load_before = os.getloadavg()
    port = free_port()
    data_args = [] if args.data is None else ["--data", str(args.data.resolve())]
    store_args = [] if args.store is None else ["--store", args.store]
    started = time.perf_counter()
    project = start(
        [
            str(BRN_GRAPH),
            *data_args,
            *store_args,
            "serve",
            "--workers",
            str(args.workers),
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env,
        port,
        timeout=args.start_timeout,
    )
    print(f"  serve ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        with tempfile.TemporaryDirectory(prefix="brn-bench-http-") as folder:
            answers = {path: fetch(base, path, accept) for _label, path, accept in ROUTES}
            table = Path(folder) / "answers.json"
            table.write_text(
                json.dumps({p: [ct, body.decode("utf-8")] for p, (ct, body) in answers.items()}),
                encoding="utf-8",
            )
            baseline_port = free_port()
            baseline = start(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "benchmarks.http_baseline:app",
                    "--factory",
                    "--workers",
                    str(args.workers),
                    "--port",
                    str(baseline_port),
                    "--log-level",
                    "warning",
                    "--no-access-log",
                ],
                {**env, "BRN_BENCH_ANSWERS": str(table)},
                baseline_port,
            )
            baseline_url = f"http://127.0.0.1:{baseline_port}"
            for _label, path, accept in ROUTES:  # the same bytes, or the comparison is void
                assert fetch(baseline_url, path, accept)[1] == answers[path][1]
            results: dict[str, dict[str, list[Load]]] = {}
            try:
                for label, path, accept in routes:
                    runs: dict[str, list[Load]] = {"project": [], "baseline": []}
                    for url in (base, f"http://127.0.0.1:{baseline_port}"):
                        if args.warmup > 0:  # every server process answers once before measuring
                            drive(url + path, accept, args.warmup, args.connections, args.threads)
                    for _ in range(args.runs):
                        for name, url in (
                            ("project", base),
                            ("baseline", f"http://127.0.0.1:{baseline_port}"),
                        ):
                            load = drive(
                                url + path, accept, args.seconds, args.connections, args.threads
                            )
                            runs[name].append(load)
                            print(
                                f"  {label} {name}: {load.rps:,.0f} req/s, "
                                f"p50 {load.p50:.1f} ms, p99 {load.p99:.1f} ms",
                                file=sys.stderr,
                            )
                    results[label] = runs
            finally:
                stop(baseline)
    finally:
        stop(project)
    load_after = os.getloadavg()

    def med(loads: list[Load], attr: str) -> float:
        return statistics.median(getattr(x, attr) for x in loads)

    print(
        f"Machine: {machine()}; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after."
    )
    print(
        f"{args.connections} keep-alive connections, {args.seconds:g} s per route and app, "
        f"{args.runs} run(s) (median), wrk -t{args.threads} on the same machine; "
        f"{args.workers} server processes for both apps."
    )
    print(
        f"Data: {args.data or 'bundled'}; store: {args.store or 'oxigraph (in memory)'}; "
        "the lookups are the project's precomputed answers for this data."
    )
    print()
    print(
        "| route | bytes | project req/s | p50 ms | p99 ms | non-200 "
        "| baseline req/s | baseline p99 ms | ratio |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for label, path, _accept in routes:
        runs = results[label]
        ratio = med(runs["project"], "rps") / med(runs["baseline"], "rps")
        errors = sum(x.errors for x in runs["project"])
        print(
            f"| `{label}` | {len(answers[path][1]):,} | {med(runs['project'], 'rps'):,.0f} | "
            f"{med(runs['project'], 'p50'):.1f} | {med(runs['project'], 'p99'):.1f} | {errors} | "
            f"{med(runs['baseline'], 'rps'):,.0f} | {med(runs['baseline'], 'p99'):.1f} "
            f"| {ratio:.2f} |"
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {k: {n: [vars(x) for x in v] for n, v in r.items()} for k, r in results.items()},
                indent=1,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
