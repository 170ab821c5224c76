"""``brn-graph serve`` start-up: seconds from the process start to the first 200 of /health.

Interleaved runs with the validation report cache off (baseline: validate at every start)
and warm (unchanged bundled data, report read from the cache). Loopback only, a random port
in 20000-29999 per run; each server is stopped after its first answer.

Run: ``python -m benchmarks.startup --runs 3``.
"""

from __future__ import annotations

import argparse
import os
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


def ready_seconds(env: dict[str, str], timeout: float = 300.0) -> float:
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(BRN_GRAPH), "serve", "--port", str(port), "--log-level", "warning"],
        env=env,
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
                        return time.perf_counter() - started
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        raise RuntimeError("serve did not answer")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="brn-bench-startup-") as cache:
        base = {**os.environ, "BRN_GRAPH_CACHE_DIR": cache}
        off = {**base, "BRN_GRAPH_VALIDATION_CACHE": "0"}
        ready_seconds(base)  # fills the cache
        cold: list[float] = []
        warm: list[float] = []
        for _ in range(args.runs):
            cold.append(ready_seconds(off))
            warm.append(ready_seconds(base))
    print(f"load average {os.getloadavg()[0]:.1f}")
    print("| serve to first 200 | median s | runs |")
    print("|---|---|---|")
    print(f"| validation cache off (baseline) | {statistics.median(cold):.2f} | {cold} |")
    print(f"| warm cache, unchanged data | {statistics.median(warm):.2f} | {warm} |")
    print(f"ratio: x{statistics.median(cold) / statistics.median(warm):.2f}")


if __name__ == "__main__":
    main()
