"""The processes behind the query engine: the zygote, its forked workers, and their guards.

The zygote opens the store once and then only forks; each worker answers requests one at a
time with an executor from :mod:`brn_graph.query.executors`. Both die with their parent
(``PR_SET_PDEATHSIG``); a worker is hardened before its first query (no SERVICE, no graph
loading, and an audit hook refusing every network connection but the configured endpoint).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import sys
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.reduction import send_handle
from typing import TYPE_CHECKING, Any

from brn_graph.config import Settings
from brn_graph.errors import QueryRefusedError
from brn_graph.query.executors import (
    PackedResult,
    WorkerReply,
    _Executor,
    _OxigraphExecutor,
    _RdflibExecutor,
    _RemoteExecutor,
    reply_for_error,
)

if TYPE_CHECKING:
    from brn_graph.graph.store import OpenStore, StoreSpec


@dataclass(frozen=True)
class ZygoteConfig:
    """What the zygote needs to open the store (picklable for ``spawn``)."""

    settings: Settings
    parent_pid: int


@dataclass(frozen=True)
class ZygoteReady:
    label: str
    kind: str
    graph_iris: tuple[str, ...]
    open_seconds: float


class _Prepared:
    """The zygote's opened store, and how a worker turns it into an executor."""

    def __init__(self, opened: OpenStore | None, spec: StoreSpec, settings: Settings) -> None:
        self.opened = opened
        self.spec = spec
        self.settings = settings

    def executor(self) -> _Executor:
        from brn_graph.graph.store import read_only_disk_store

        if self.spec.kind == "sparql":
            assert self.spec.url is not None
            return _RemoteExecutor(self.spec.url, self.spec.label)
        if self.spec.kind == "oxigraph-disk":
            # RocksDB is opened after the fork, in the worker: never share its threads.
            assert self.spec.location is not None
            return _OxigraphExecutor(read_only_disk_store(self.spec.location), self.spec.label)
        assert self.opened is not None
        if self.spec.kind == "oxigraph":
            assert self.opened.oxigraph is not None
            return _OxigraphExecutor(self.opened.oxigraph, self.spec.label)
        return _RdflibExecutor(self.opened)


def _prepare(config: ZygoteConfig, inherited: OpenStore | None) -> tuple[_Prepared, ZygoteReady]:
    from brn_graph.graph.store import StoreSpec, ensure_oxigraph_disk, open_remote, open_store

    start = time.perf_counter()
    spec = StoreSpec.parse(config.settings.store)
    opened: OpenStore | None = None
    if spec.kind == "oxigraph-disk":
        # Build or verify the folder only; each worker opens it read-only after the fork,
        # so no RocksDB thread is ever forked.
        build = ensure_oxigraph_disk(spec, config.settings)
        graphs = tuple(str(f.graph_iri) for f in build.files)
    elif spec.kind == "sparql":
        graphs = tuple(str(g) for g in open_remote(spec).graph_iris)
    else:
        opened = inherited if inherited is not None and inherited.spec == spec else None
        opened = opened or open_store(config.settings)
        graphs = tuple(str(g) for g in opened.graph_iris)
    gc.collect()
    ready = ZygoteReady(
        label=spec.label,
        kind=spec.kind,
        graph_iris=graphs,
        open_seconds=time.perf_counter() - start,
    )
    return _Prepared(opened, spec, config.settings), ready


def zygote_main(
    control: Connection, config: ZygoteConfig, inherited: OpenStore | None = None
) -> None:
    """Open the store once (or keep the one inherited by fork), then fork workers on request."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the engine's business
    _die_with_parent()
    try:
        prepared, ready = _prepare(config, inherited)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            control.send(("error", reply_for_error(exc)))
        return
    control.send(("ready", ready))
    while True:
        try:
            message = control.recv()
        except (EOFError, OSError):
            return
        if message != "fork":
            return
        engine_end, worker_end = multiprocessing.Pipe(duplex=True)
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                control.close()
                engine_end.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _die_with_parent()
                _worker_main(worker_end, prepared)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        worker_end.close()
        try:
            control.send(("forked", pid))
            send_handle(control, engine_end.fileno(), config.parent_pid)
        except OSError:
            return
        finally:
            engine_end.close()


def _worker_main(conn: Connection, prepared: _Prepared) -> None:
    """Answer requests one at a time until the engine closes the connection."""
    try:
        executor = prepared.executor()
    except BaseException as exc:
        conn.send(reply_for_error(exc))
        return
    _harden(prepared.spec)
    conn.send(WorkerReply())  # ready
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            reply = WorkerReply(result=PackedResult.pack(executor.execute(request)))
        except BaseException as exc:
            reply = reply_for_error(exc)
        conn.send(reply)


def _harden(spec: StoreSpec) -> None:
    """Belt and braces inside a worker: no SERVICE, no graph loading, no stray connections."""
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    rdflib_sparql.CUSTOM_EVALS["brn-graph-refuse-service"] = _refuse_service
    allowed: tuple[str, int] | None = None
    if spec.kind == "sparql" and spec.url:
        parts = urllib.parse.urlsplit(spec.url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        allowed = (parts.hostname or "", port)
    sys.addaudithook(_network_guard(allowed))


def _refuse_service(ctx: object, part: Any) -> object:
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise QueryRefusedError("SERVICE is not allowed: federated queries are off")
    raise NotImplementedError


def _network_guard(allowed: tuple[str, int] | None) -> Callable[[str, tuple[Any, ...]], None]:
    """An audit hook refusing every connection except to the configured endpoint."""
    loopback = {"localhost", "127.0.0.1", "::1"}

    def allowed_host(host: object, port: object) -> bool:
        if allowed is None:
            return False
        want_host, want_port = allowed
        same_host = host == want_host or (host in loopback and want_host in loopback)
        return bool(same_host and (port is None or port == want_port))

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "socket.connect":
            address = args[1]
            if isinstance(address, tuple) and len(address) >= 2:
                if not allowed_host(address[0], address[1]):
                    raise PermissionError(f"brn-graph: network access refused ({address[0]})")
            elif not isinstance(address, str | bytes):  # AF_UNIX paths are local
                raise PermissionError("brn-graph: network access refused")
        elif event == "socket.getaddrinfo":
            if not allowed_host(args[0], args[1]):
                raise PermissionError(f"brn-graph: network access refused ({args[0]})")
        elif event == "urllib.Request":
            parts = urllib.parse.urlsplit(str(args[0]))
            port = parts.port or (443 if parts.scheme == "https" else 80)
            if parts.scheme not in {"http", "https"} or not allowed_host(parts.hostname, port):
                raise PermissionError(f"brn-graph: network access refused ({args[0]})")

    return hook


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
