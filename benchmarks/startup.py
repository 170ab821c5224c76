"""Start-up of the command line and the service, each against a baseline of the same run.

* **help**: ``brn-graph --help`` as a new process; baseline: ``python -c "import typer"``
  (the interpreter and the command-line framework, the floor of any Typer command).
* **validate**: ``brn-graph validate`` on the bundled data as a new process, warm (report
  cached, files unchanged) and cold (``BRN_GRAPH_VALIDATION_CACHE=0``).
* **serve**: seconds from the process start to the first 200 of ``/health``; baseline: every
  start-up cache off (``BRN_GRAPH_VALIDATION_CACHE=0``, ``BRN_GRAPH_STARTUP_CACHE=0``:
  validate and check every catalogue query at each start); warm: unchanged bundled data.
  Also the CPU seconds the serve process itself used until then (``/proc/PID/stat``) and
  those of all its processes (the supervisor, the server processes forked from it, each
  query engine's zygote and workers, multiprocessing's resource trackers), which the load of
  a shared machine moves far less than wall time. ``/health`` answers once the data is
  loaded; the query engines may still be starting then (``"query_engine": "starting"``).

Runs are interleaved (baseline, then project, per round); medians. Loopback only, a random
port in 20000-29999 per run; each server is stopped after its first answer.

Run: ``python -m benchmarks.startup --runs 3``.
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
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.virtuoso import free_port

BRN_GRAPH = Path(sys.executable).parent / "brn-graph"
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of a running process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and every living descendant."""
    import psutil

    total = 0.0
    try:
        top = psutil.Process(pid)
        for process in (top, *top.children(recursive=True)):
            try:
                times = process.cpu_times()
                total += times.user + times.system
            except psutil.Error:
                continue
    except psutil.Error:
        pass
    return total


def ready_seconds(
    env: dict[str, str],
    timeout: float = 300.0,
    options: tuple[str, ...] = (),
    source: Path | None = None,
) -> tuple[float, float, float]:
    """(wall seconds to the first 200 of /health, CPU seconds of the serve process by then,
    CPU seconds of all its processes by then). With ``source``, the ``brn_graph`` and ``api``
    packages of that source tree (another commit's checkout) are served instead."""
    port = free_port()
    started = time.perf_counter()
    command = [str(BRN_GRAPH)]
    if source is not None:
        command = [sys.executable, "-m", "brn_graph"]
        env = {**env, "PYTHONPATH": str(source)}
    process = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--log-level", "warning", *options],
        env=env,
        cwd=source,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < timeout:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited with {process.returncode}")
            try:
                url = f"http://127.0.0.1:{port}/health"
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        wall = time.perf_counter() - started
                        return wall, _cpu_of(process.pid), _tree_cpu(process.pid)
            except (urllib.error.URLError, OSError):
                time.sleep(0.02)
        raise RuntimeError("serve did not answer")
    finally:
        process.terminate()
        process.wait(timeout=30)


def process_seconds(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, the same CPU seconds) of one new process running ``args``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, cpu


def _row(name: str, samples: list[tuple[float, float, float]]) -> tuple[str, float, float, float]:
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    tree = statistics.median(s[2] for s in samples)
    return name, wall, cpu, tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--compare-to",
        type=Path,
        default=None,
        help="a source tree of another commit (git archive COMMIT | tar -x -C DIR): its "
        "serve start-up is measured in the same rounds, as the before",
    )
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}, load average at start {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    samples: dict[str, list[tuple[float, float, float]]] = {}

    def add(name: str, sample: tuple[float, float, float]) -> None:
        samples.setdefault(name, []).append(sample)

    with tempfile.TemporaryDirectory(prefix="brn-bench-startup-") as cache:
        base = {**os.environ, "BRN_GRAPH_CACHE_DIR": cache, "BRN_GRAPH_LANG": "en"}
        off = {**base, "BRN_GRAPH_VALIDATION_CACHE": "0", "BRN_GRAPH_STARTUP_CACHE": "0"}
        ready_seconds(base)  # fills the caches
        # As after a normal install: Python keeps compiled modules (bytecode). The sandbox
        # this was measured in sets PYTHONDONTWRITEBYTECODE, which makes every process
        # compile the project's own modules again; this row keeps them, in a folder of its own.
        compiled = {k: v for k, v in base.items() if k != "PYTHONDONTWRITEBYTECODE"}
        compiled["PYTHONPYCACHEPREFIX"] = str(Path(cache) / "bytecode")
        ready_seconds(compiled)  # writes the bytecode
        if args.compare_to is not None:
            ready_seconds(base, source=args.compare_to)
        for _ in range(args.runs):
            add(
                "python -c 'import typer' (baseline)",
                process_seconds([sys.executable, "-c", "import typer"], base),
            )
            add("brn-graph --help", process_seconds([str(BRN_GRAPH), "--help"], base))
            add(
                "brn-graph validate, cold (report cache off)",
                process_seconds(
                    [str(BRN_GRAPH), "validate"], {**base, "BRN_GRAPH_VALIDATION_CACHE": "0"}
                ),
            )
            add(
                "brn-graph validate, warm (report cached)",
                process_seconds([str(BRN_GRAPH), "validate"], base),
            )
            add("serve, every start-up cache off (baseline)", ready_seconds(off))
            if args.compare_to is not None:
                add(
                    f"serve, warm caches, unchanged data: {args.compare_to.name} (before)",
                    ready_seconds(base, source=args.compare_to),
                )
            add("serve, warm caches, unchanged data", ready_seconds(base))
            add(
                "serve, warm caches, unchanged data, bytecode kept",
                ready_seconds(compiled),
            )
            add(
                "serve --workers 1, warm caches, unchanged data",
                ready_seconds(base, options=("--workers", "1")),
            )
    print(f"load average at end {os.getloadavg()[0]:.1f}; medians of {args.runs} interleaved runs")
    print(
        "| start-up | wall s (median) | CPU s of the process "
        "| CPU s of all its processes | wall runs s |"
    )
    print("|---|---|---|---|---|")
    rows = {}
    for name, runs in samples.items():
        row = _row(name, runs)
        rows[name] = row
        listed = ", ".join(f"{sample[0]:.2f}" for sample in runs)
        print(f"| {name} | {row[1]:.2f} | {row[2]:.2f} | {row[3]:.2f} | {listed} |")
    help_row = rows["brn-graph --help"]
    floor = rows["python -c 'import typer' (baseline)"]
    serve_off = rows["serve, every start-up cache off (baseline)"]
    serve_warm = rows["serve, warm caches, unchanged data"]
    print(
        f"help / baseline: x{help_row[1] / floor[1]:.2f} wall, x{help_row[2] / floor[2]:.2f} CPU; "
        f"serve baseline / warm: x{serve_off[1] / serve_warm[1]:.2f} wall, "
        f"x{serve_off[2] / serve_warm[2]:.2f} CPU"
    )
    before = next((r for n, r in rows.items() if n.endswith("(before)")), None)
    if before is not None:
        print(
            f"serve warm, before / now: x{before[1] / serve_warm[1]:.2f} wall, "
            f"x{before[3] / serve_warm[3]:.2f} CPU of all processes"
        )


if __name__ == "__main__":
    main()
