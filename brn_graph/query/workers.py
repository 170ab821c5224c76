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
import functools
import gc
import multiprocessing
import os
import resource
import signal
import socket
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.reduction import send_handle
from typing import IO, TYPE_CHECKING, Any

from brn_graph.config import Settings
from brn_graph.errors import QueryRefusedError
from brn_graph.i18n.message import Message
from brn_graph.i18n.message import message as msg
from brn_graph.query.check import check_query
from brn_graph.query.executors import (
    CheckRequest,
    ErrorKind,
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
    #: A loopback port the engine listens on: the zygote must fail to reach it once it is
    #: cut off from the network (the start-up proof of the isolation).
    probe_port: int | None = None


@dataclass(frozen=True)
class ZygoteReady:
    label: str
    kind: str
    graph_iris: tuple[str, ...]
    open_seconds: float
    #: Whether the zygote and its workers have no network at all (own network namespace).
    network_isolated: bool = False
    #: How the isolation was set up, or why it could not be.
    isolation: str | Message = ""


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
    # Parse a query once so the SPARQL grammar is built here, not in every worker.
    check_query("ASK { ?s ?p ?o }")
    isolated, how = isolate_network(spec.kind, config.probe_port)
    ready = ZygoteReady(
        label=spec.label,
        kind=spec.kind,
        graph_iris=graphs,
        open_seconds=time.perf_counter() - start,
        network_isolated=isolated,
        isolation=how,
    )
    return _Prepared(opened, spec, config.settings), ready


_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def isolate_network(kind: str, probe_port: int | None) -> tuple[bool, Message]:
    """Move this process (and every process it forks later) into a network namespace of its
    own, where no interface is up: no connection can leave it, to any address, whatever
    code asks (Python, or Oxigraph's Rust SERVICE client that audit hooks never see).

    Returns whether that worked, verified by failing to reach the engine's probe port on
    loopback, and a description for ``/health`` and the log.
    """
    if kind == "sparql":
        return False, msg("harden.isolation.remote")
    if not sys.platform.startswith("linux"):
        return False, msg("harden.isolation.platform", platform=sys.platform)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError as exc:
        return False, msg("harden.isolation.libc", reason=str(exc))
    errors: list[str] = []
    for flags, how in (
        (_CLONE_NEWNET, msg("harden.isolation.net")),
        (_CLONE_NEWUSER | _CLONE_NEWNET, msg("harden.isolation.user_net")),
    ):
        if libc.unshare(flags) == 0:
            break
        errors.append(f"{how.key.rsplit('.', 1)[-1]}: {os.strerror(ctypes.get_errno())}")
    else:
        return False, msg("harden.isolation.unshare_failed", errors="; ".join(errors))
    if probe_port is not None and _can_connect(probe_port):
        return False, msg("harden.isolation.probe_reachable", how=how)
    return True, msg("harden.isolation.verified", how=how)


def _can_connect(port: int) -> bool:
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect(("127.0.0.1", port))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def zygote_main(
    control: Connection, config: ZygoteConfig, inherited: OpenStore | None = None
) -> None:
    """Open the store once (or keep the one inherited by fork), then fork workers on request.

    Messages on ``control``: ``"fork"`` (answered ``("forked", pid)`` and the worker's socket),
    ``("status", pid)`` (answered ``("status", exit_code, max_rss_kib, stderr_tail)`` once that
    worker has ended: how the engine tells a memory limit from an engine crash, and what the
    worker wrote on its stderr, e.g. a Rust panic), anything else stops.

    Each worker's stderr is an anonymous file of the zygote's, never the user's terminal: a
    panic inside Oxigraph prints a Rust line there, which the engine only logs at debug level.
    """
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # workers are reaped below, with status
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the engine's business
    die_with_parent()
    no_core_dumps()
    try:
        prepared, ready = _prepare(config, inherited)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            control.send(("error", reply_for_error(exc)))
        return
    control.send(("ready", ready))
    ended_workers: dict[int, _Ended] = {}
    stderr_files: dict[int, IO[bytes]] = {}
    while True:
        try:
            message = control.recv()
        except (EOFError, OSError):
            return
        ended = _reap(ended_workers, stderr_files)
        if isinstance(message, tuple) and message[0] == "status":
            known = ended.pop(message[1], None)
            status = known if known is not None else _wait_for(message[1], stderr_files)
            try:
                control.send(("status", *status))
            except OSError:
                return
            continue
        if message != "fork":
            return
        engine_end, worker_end = multiprocessing.Pipe(duplex=True)
        stderr_file = tempfile.TemporaryFile(prefix="brn-graph-worker-")  # noqa: SIM115
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                control.close()
                engine_end.close()
                _redirect_stderr(stderr_file, stderr_files.values())
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                die_with_parent()
                _worker_main(worker_end, prepared)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        worker_end.close()
        stderr_files[pid] = stderr_file
        try:
            control.send(("forked", pid))
            send_handle(control, engine_end.fileno(), config.parent_pid)
        except OSError:
            return
        finally:
            engine_end.close()


#: How one worker ended: exit code, peak memory (KiB), and the end of what it wrote on stderr.
_Ended = tuple[int, int, str]

#: How much of a worker's stderr the engine gets to log (the end of it: a panic comes last).
STDERR_TAIL_BYTES = 4096


def _redirect_stderr(own: IO[bytes], others: Iterable[IO[bytes]]) -> None:
    """In a new worker: file descriptor 2 (Python's and Rust's stderr) goes to ``own``."""
    sys.stderr.flush()
    os.dup2(own.fileno(), 2)
    own.close()
    for other in others:  # the other workers' files, inherited through the fork
        with contextlib.suppress(OSError):
            other.close()


def _stderr_tail(pid: int, files: dict[int, IO[bytes]]) -> str:
    """The end of what an ended worker wrote on its stderr; closes (so deletes) its file."""
    captured = files.pop(pid, None)
    if captured is None:
        return ""
    with captured:
        try:
            size = captured.seek(0, os.SEEK_END)
            captured.seek(max(0, size - STDERR_TAIL_BYTES))
            return captured.read().decode("utf-8", "replace").strip()
        except OSError:
            return ""


def _reap(ended: dict[int, _Ended], files: dict[int, IO[bytes]]) -> dict[int, _Ended]:
    """Collect every ended worker's exit code, peak memory and stderr (bounded bookkeeping)."""
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        ended[pid] = (
            os.waitstatus_to_exitcode(status),
            usage.ru_maxrss,
            _stderr_tail(pid, files),
        )
    while len(ended) > 1000:
        ended.pop(next(iter(ended)))
    return ended


def _wait_for(pid: int, files: dict[int, IO[bytes]]) -> _Ended:
    """How one worker ended (exit code, peak memory in KiB, stderr), waiting for it to end."""
    try:
        _, status, usage = os.wait4(pid, 0)
    except ChildProcessError:
        return 0, 0, _stderr_tail(pid, files)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss, _stderr_tail(pid, files)


def _worker_main(conn: Connection, prepared: _Prepared) -> None:
    """Answer requests one at a time until the engine closes the connection."""
    try:
        executor = prepared.executor()
    except BaseException as exc:
        conn.send(reply_for_error(exc))
        return
    _harden(prepared.spec)
    # A Rust panic in the engine ends the worker; symbolising a backtrace first would take
    # seconds and hundreds of MiB (and can hit the memory limit halfway): one line is enough.
    os.environ["RUST_BACKTRACE"] = "0"
    sys.setrecursionlimit(max(sys.getrecursionlimit(), CHECK_RECURSION_LIMIT))
    limit_memory(prepared.settings.worker_memory_mb)
    _MEMORY_MB[:] = [prepared.settings.worker_memory_mb]
    conn.send(WorkerReply())  # ready
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            if isinstance(request, CheckRequest):
                reply = WorkerReply(checked=_check(request))
            else:
                execute = functools.partial(executor.execute, request)
                stack = _execution_stack_bytes()
                reply = WorkerReply(result=PackedResult.pack(_on_large_stack(execute, stack)))
        except BaseException as exc:
            reply = reply_for_error(exc)
        conn.send(reply)
        if reply.error_kind is ErrorKind.limit:
            return  # a worker that ran out of memory may be in any state: end it


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


#: The check's parser recurses once per nesting level: in a worker it runs on a thread with
#: a large stack and a high recursion limit, so a query nested a thousand levels deep parses,
#: and a deeper one ends in a clean "nested too deeply" (never a crash).
CHECK_STACK_BYTES = 192 * 1024 * 1024
CHECK_RECURSION_LIMIT = 40_000


_MEMORY_MB: list[int] = []


def _check_stack_bytes() -> int:
    """The check thread's stack: at most a third of the memory a query may add."""
    if _MEMORY_MB and _MEMORY_MB[0] > 0:
        return max(8 * 1024 * 1024, min(CHECK_STACK_BYTES, _MEMORY_MB[0] * 1024 * 1024 // 3))
    return CHECK_STACK_BYTES


def _check(request: CheckRequest) -> Any:
    return _on_large_stack(
        lambda: check_query(
            request.text, allowed_graphs=request.allowed_graphs, base_iri=request.base_iri
        ),
        _check_stack_bytes(),
    )


def _execution_stack_bytes() -> int:
    """The engine's stack for one query: an eighth of the memory a query may add (the
    Rust parser and evaluator need far less per nesting level than the Python check)."""
    if _MEMORY_MB and _MEMORY_MB[0] > 0:
        return max(8 * 1024 * 1024, _MEMORY_MB[0] * 1024 * 1024 // 8)
    return CHECK_STACK_BYTES // 2


def _on_large_stack(call: Callable[[], Any], stack_bytes: int) -> Any:
    """``call()`` on a thread with a large stack: the check's parser (Python) and the
    engine's own parser and evaluator (Rust) recurse once per nesting level, and on the
    main thread's 8 MiB a deeply nested expression would overflow it (a segfault, not an
    error)."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the caller below
            outcome.append(exc)

    previous = threading.stack_size(stack_bytes)
    try:
        thread = threading.Thread(target=run, name="brn-graph-query")
        thread.start()
        thread.join()
    except RuntimeError as exc:
        # No room for the large stack under the memory limit: running on this thread's
        # small stack instead could overflow it, so the query needs more than it may add.
        raise MemoryError("no room for the query's stack under the memory limit") from exc
    finally:
        threading.stack_size(previous)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (``RLIMIT_AS``) at what it uses now plus
    ``megabytes``: the memory one query may add, whatever the store's own footprint (an
    on-disk store maps far more address space than one in memory). 0 leaves it unlimited.
    """
    if megabytes <= 0:
        return
    limit = _address_space() + megabytes * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def no_core_dumps() -> None:
    """No core file when this process (the zygote) or a worker forked from it crashes.

    Any client can crash the engine (a query on which Oxigraph panics): with core dumps on,
    each crash would write the worker's memory (the whole store, 100+ MiB on the bundled
    data) into the server's working directory, filling its disk with copies of the data, and
    the crashed worker's socket only closes once the file is written (a slow disk held the
    query, and the client's next one, for seconds). Hard limit too: a query cannot raise it.
    """
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


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


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (no-op elsewhere).

    Linux sends the signal when the *thread* that started this process ends; callers start
    processes that must outlive a thread from a long-lived one (see the query engine).
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
