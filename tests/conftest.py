"""Fixtures shared by several test folders.

- ``bundled_settings``: the default settings (bundled ``data/`` and ``queries/``);
- ``oxigraph_server``: one real Oxigraph SPARQL server per test session (the ``oxigraph``
  binary of PyPI's ``oxigraph`` package), on loopback, read-only, loaded with the bundled
  data as named graphs and answering with the union of them as its default graph, like the
  local backends. It yields the query endpoint URL. Tests using it are marked ``server``;
- ``comparable``: turns a query result into sorted, engine-neutral rows, to compare the
  answers of two backends.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from brn_graph.config import Settings
from brn_graph.graph.store import open_store
from brn_graph.graph.terms import QueryResult, Term


@pytest.fixture(scope="session")
def bundled_settings() -> Settings:
    return Settings()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    probe = url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(probe, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph serve did not answer at {url} within {seconds} s")


@contextlib.contextmanager
def oxigraph_serving(dump: Path, work: Path) -> Iterator[str]:
    """A read-only Oxigraph server on loopback holding the N-Quads file ``dump`` (its
    database in ``work``), answering with the union of its graphs; yields the query URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        pytest.fail(f"{binary} is missing: install the dev extra (pip install -e '.[dev]')")
    location = work / "db"
    subprocess.run(
        [str(binary), "load", "--location", str(location), "--file", str(dump)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            str(binary),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            # A query the client gave up on (the remote timeout test) would otherwise keep
            # a core busy until the session ends.
            "--timeout-s",
            "10",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def oxigraph_server(
    bundled_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    work = tmp_path_factory.mktemp("oxigraph-server")
    dump = work / "bundled.nq"
    store = open_store(bundled_settings.with_overrides(store="oxigraph"))
    assert store.oxigraph is not None
    store.oxigraph.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    with oxigraph_serving(dump, work) as url:
        yield url


def comparable_rows(result: QueryResult) -> list[tuple[object, ...]]:
    """The rows of a result as a sorted list, normalised where SPARQL leaves engines free.

    The order of GROUP_CONCAT parts is undefined (parts are compared as a set); numbers are
    compared by value; row order is compared separately where a query sorts totally.
    """
    return sorted((tuple(_comparable(t) for t in row) for row in result.rows), key=repr)


def _comparable(term: Term | None) -> object:
    if term is None:
        return None
    if term.kind == "literal" and not term.lang and "; " in term.value:
        return ("concat", tuple(sorted(term.value.split("; "))))
    value = term.python()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return ("number", float(value))
    return (term.kind, term.value, term.datatype, term.lang)


@pytest.fixture(scope="session")
def comparable() -> Callable[[QueryResult], list[tuple[object, ...]]]:
    """:func:`comparable_rows`: rows of a result, comparable across engines."""
    return comparable_rows
