"""Virtuoso Open Source on loopback: a private database, its bulk loader, a SPARQL endpoint.

Debian's ``virtuoso-opensource`` (``/usr/bin/virtuoso-t``, ``/usr/bin/isql-vt``) is started
in the foreground with a generated ``virtuoso.ini`` in a private folder: both ports bound to
127.0.0.1, the folder the only one the loader may read besides the input folders. Turtle files
are bulk-loaded with ``ld_add`` (one named graph per file, the graph names the project's
loader gives them) and ``rdf_loader_run()``, then checkpointed. Queries without ``FROM`` see the
union of the named graphs, as with the project's own stores. The endpoint is
``http://127.0.0.1:PORT/sparql``; use it as ``--store sparql:URL``.

The database is new and private, so Virtuoso's default ``dba`` account is only reachable from
this machine's loopback while the server runs; the folder is deleted by the caller.

Command line::

    python -m benchmarks.virtuoso serve [--data DIR ...] [--port N] [--folder DIR]

starts the server, loads the ontology, the data (the bundled ``data/`` by default) and the
membership tallies derived from them (:mod:`brn_graph.graph.tallies`), prints
the endpoint and keeps running until interrupted (then stops Virtuoso).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from brn_graph.config import Settings
from brn_graph.graph.loader import SourceFile, discover_files
from brn_graph.graph.store import files_tally_turtle
from brn_graph.graph.tallies import TALLY_GRAPH

VIRTUOSO = Path("/usr/bin/virtuoso-t")
ISQL = Path("/usr/bin/isql-vt")

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
ServerThreads = 20
CheckpointInterval = 0
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = {allowed}
ThreadCleanupInterval = 0
ResultSetMaxRows = 1000000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
MaxClientConnections = 20
ServerThreads = 20
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


class VirtuosoError(RuntimeError):
    """Virtuoso is missing, did not start, or refused the load."""


def available() -> bool:
    return VIRTUOSO.exists() and ISQL.exists()


def free_port() -> int:
    """A free loopback port picked at random in 20000-29999."""
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randint(20000, 29999)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise VirtuosoError("no free port in 20000-29999 on 127.0.0.1")


@dataclass
class Virtuoso:
    """A running server: its folder, ports and process."""

    folder: Path
    isql_port: int
    http_port: int
    process: subprocess.Popen[bytes]

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, script: str, timeout: float = 3600.0) -> str:
        """Run SQL statements through ``isql-vt`` as ``dba``; an error raises."""
        done = subprocess.run(
            [str(ISQL), f"127.0.0.1:{self.isql_port}", "dba", "dba", "VERBOSE=OFF"],
            input=script.encode(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        out = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        if done.returncode != 0 or "*** Error" in out:
            raise VirtuosoError(f"isql failed ({done.returncode}): {out.strip()[-2000:]}")
        return out

    def bulk_load(self, files: Iterable[tuple[Path, str]]) -> float:
        """Load Turtle ``(file, graph IRI)`` pairs with the bulk loader; returns seconds."""
        started = time.perf_counter()
        lines = [f"ld_add('{_sql(str(p.resolve()))}', '{_sql(g)}');" for p, g in files]
        lines += ["rdf_loader_run();", "checkpoint;"]
        self.isql("\n".join(lines) + "\n")
        failed = self.isql(
            "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;\n"
        )
        if "ll_error" in failed and "0 Rows" not in failed:
            raise VirtuosoError(f"the bulk loader reported errors:\n{failed}")
        return time.perf_counter() - started

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _sql(text: str) -> str:
    return text.replace("'", "''")


def start(
    folder: Path,
    *,
    readable: Iterable[Path] = (),
    http_port: int | None = None,
    memory_gb: float = 2.0,
    timeout: float = 120.0,
) -> Virtuoso:
    """Start Virtuoso with a new database in ``folder`` (which must be private to the caller)."""
    if not available():
        raise VirtuosoError(
            f"{VIRTUOSO} is missing: install Debian's virtuoso-opensource "
            "(apt-get install virtuoso-opensource)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    buffers = int(memory_gb * 1024**3 * 0.66 / 8000)
    allowed = ", ".join([".", *sorted({str(p.resolve()) for p in readable})])
    isql_port = free_port()
    http = http_port or free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        INI.format(
            folder=folder.resolve(),
            isql_port=isql_port,
            http_port=http,
            buffers=buffers,
            dirty=buffers * 3 // 4,
            allowed=allowed,
        ),
        encoding="utf-8",
    )
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [str(VIRTUOSO), "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = Virtuoso(folder=folder, isql_port=isql_port, http_port=http, process=process)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = (folder / "stdout.log").read_text(errors="replace")
            raise VirtuosoError(f"virtuoso-t exited ({process.returncode}): {text[-2000:]}")
        try:
            query = urllib.parse.urlencode({"query": "ASK {}"})
            probe = f"{server.endpoint}?{query}"  # http on loopback, built here
            with urllib.request.urlopen(probe, timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    server.stop()
    raise VirtuosoError(f"Virtuoso did not answer within {timeout:.0f} s (see {folder})")


def project_files(settings: Settings, folder: Path) -> list[tuple[Path, str]]:
    """The ontology and data files with the graph names the project's loader gives them, and
    the membership tallies derived from them (written into ``folder``; every store of the
    project holds them, a remote one is refused without them)."""
    files: tuple[SourceFile, ...] = discover_files(settings)
    tallies = folder / "membership-tallies.ttl"
    tallies.write_bytes(files_tally_turtle(settings))
    return [(f.path, str(f.graph_iri)) for f in files] + [(tallies, TALLY_GRAPH)]


@contextmanager
def loaded(settings: Settings, *, memory_gb: float = 2.0) -> Iterator[tuple[Virtuoso, float]]:
    """A Virtuoso holding ``settings``' files in a temporary folder; stopped and deleted after."""
    folder = Path(tempfile.mkdtemp(prefix="brn-virtuoso-"))
    server = None
    try:
        files = project_files(settings, folder)
        server = start(folder, readable={p.parent for p, _ in files}, memory_gb=memory_gb)
        seconds = server.bulk_load(files)
        yield server, seconds
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("command", choices=["serve"])
    parser.add_argument("--data", type=Path, action="append", default=None)
    parser.add_argument("--memory-gb", type=float, default=2.0)
    args = parser.parse_args()
    settings = Settings.from_env(data_paths=tuple(args.data) if args.data else None)
    with loaded(settings, memory_gb=args.memory_gb) as (server, seconds):
        print(f"loaded in {seconds:.1f} s; endpoint: {server.endpoint}", flush=True)
        print(f"use: brn-graph --store sparql:{server.endpoint} ...  (Ctrl-C stops)", flush=True)
        try:
            while server.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
