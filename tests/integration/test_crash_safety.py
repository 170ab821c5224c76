"""Crash safety of the service's own processes: kill -9 a worker, the zygote and the server
while queries run. Workers come back, ``/health`` answers, no request hangs past its deadline,
and no process outlives the server."""

from __future__ import annotations

import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator

import psutil
import pytest

from tests.reference import PROJECT

pytestmark = pytest.mark.server

TIMEOUT = 3.0  # the server's query time limit in these tests
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def get(port: int, path: str, source: str = "127.0.0.1") -> int:
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=TIMEOUT + 20, source_address=(source, 0)
    )
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


def sparql(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def wait_for(condition: object, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def start_server(*options: str) -> tuple[subprocess.Popen[bytes], int]:
    port = random.randint(20000, 29999)
    process = subprocess.Popen(
        [
            sys.executable,
            *("-m", "brn_graph", "serve", "--host", "127.0.0.1", "--port", str(port)),
            *options,
        ],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={
            **os.environ,
            "BRN_GRAPH_REFUSE_INVALID_DATA": "false",
            "BRN_GRAPH_QUERY_TIMEOUT": str(TIMEOUT),
            "BRN_GRAPH_CLIENT_CONCURRENCY": "4",
        },
    )
    assert wait_for(lambda: get(port, "/health") == 200, 120), "the server did not start"
    # /health answers once the data is loaded, maybe while the query engines still start:
    # these tests kill their processes, so wait until every server process has its zygote.
    several = "--workers" not in options
    expected = (os.cpu_count() or 1) if several else 1
    assert wait_for(lambda: len(engine_zygotes(process.pid, several)) == expected, 120)
    return process, port


def engine_zygotes(server_pid: int, several: bool) -> list[psutil.Process]:
    """The zygotes (with their query workers) of the server process, or of each server
    process under the supervisor ``server_pid`` when ``several``."""
    try:
        top = psutil.Process(server_pid)
        servers = top.children() if several else [top]
        return [c for s in servers for c in s.children() if c.children()]
    except psutil.Error:
        return []


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """One server process (the engine's own crash safety is what these tests watch)."""
    process, port = start_server("--workers", "1")
    yield process, port
    if process.poll() is None:
        process.kill()
        process.wait(20)


@pytest.fixture
def default_server() -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """The server as ``serve`` starts it by default: one process per core."""
    process, port = start_server()
    yield process, port
    if process.poll() is None:
        process.kill()
        process.wait(20)


def zygote_and_workers(server_pid: int) -> tuple[psutil.Process, list[psutil.Process]]:
    children = psutil.Process(server_pid).children()
    zygotes = [c for c in children if c.children()]
    assert len(zygotes) == 1, children
    return zygotes[0], zygotes[0].children()


def under_load(port: int, action: object) -> list[tuple[int, float]]:
    """Run ``action`` while four clients keep runaways and small queries in flight;
    every request's (status, seconds)."""
    results: list[tuple[int, float]] = []
    stop = threading.Event()

    def client(index: int) -> None:
        source = f"127.0.0.{10 + index}"
        while not stop.is_set():
            started = time.monotonic()
            query = RUNAWAY if index % 2 else "ASK { ?s a ?t }"
            results.append((get(port, sparql(query), source), time.monotonic() - started))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    action()  # type: ignore[operator]
    time.sleep(TIMEOUT + 1)
    stop.set()
    for t in threads:
        t.join(TIMEOUT + 30)
        assert not t.is_alive(), "a request hung past its deadline"
    return results


def healthy(port: int, workers: int = 3) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/health")
        body = connection.getresponse().read().decode()
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()
    return f'"query_workers":{workers}' in body.replace(" ", "")


def test_kill_9_of_a_worker_under_load(server: tuple[subprocess.Popen[bytes], int]) -> None:
    process, port = server
    _, workers = zygote_and_workers(process.pid)
    results = under_load(port, lambda: os.kill(workers[0].pid, signal.SIGKILL))
    assert all(seconds < TIMEOUT + 15 for _, seconds in results)
    assert {status for status, _ in results} <= {200, 429, 500, 503}
    assert wait_for(lambda: get(port, sparql("ASK { ?s a ?t }")) == 200)
    assert wait_for(lambda: healthy(port))


def test_kill_9_of_the_zygote_under_load(server: tuple[subprocess.Popen[bytes], int]) -> None:
    process, port = server
    zygote, _ = zygote_and_workers(process.pid)
    results = under_load(port, lambda: os.kill(zygote.pid, signal.SIGKILL))
    assert all(seconds < TIMEOUT + 15 for _, seconds in results)
    assert wait_for(lambda: get(port, sparql("ASK { ?s a ?t }")) == 200)
    assert wait_for(lambda: healthy(port))
    new_zygote, workers = zygote_and_workers(process.pid)
    assert new_zygote.pid != zygote.pid
    assert workers


def test_kill_9_of_the_server_leaves_no_process(
    server: tuple[subprocess.Popen[bytes], int],
) -> None:
    process, port = server
    zygote, workers = zygote_and_workers(process.pid)
    descendants = [zygote, *workers]
    results = under_load(port, lambda: os.kill(process.pid, signal.SIGKILL))
    assert all(seconds < TIMEOUT + 15 for _, seconds in results)
    process.wait(10)

    def all_gone() -> bool:
        return not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in descendants)

    assert wait_for(all_gone, 10)


def test_kill_9_of_the_supervisor_of_several_server_processes_leaves_no_process(
    default_server: tuple[subprocess.Popen[bytes], int],
) -> None:
    # By default `serve` runs one uvicorn process per core under a supervisor: a kill -9 of
    # the supervisor must not leave server processes (holding the port) or their engines.
    process, port = default_server
    descendants = psutil.Process(process.pid).children(recursive=True)
    # the server processes are the children with a query engine (a zygote) of their own
    servers = [p for p in psutil.Process(process.pid).children() if p.children()]
    assert len(servers) == (os.cpu_count() or 1), descendants
    results = under_load(port, lambda: os.kill(process.pid, signal.SIGKILL))
    assert all(seconds < TIMEOUT + 15 for _, seconds in results)
    process.wait(10)

    def all_gone() -> bool:
        return not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in descendants)

    assert wait_for(all_gone, 10)
    assert get(port, "/health") == 0  # nothing listens any more
