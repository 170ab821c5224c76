"""Run read-only SPARQL queries safely: checked first, bound by value, capped, and killable.

This module is the public entry: :class:`QueryEngine` (with :func:`open_engine` and
:func:`run_query`), :class:`EngineInfo`, and :class:`LocalEngine`, the same API in this
process for the library's own trusted query files (the analytics). Both satisfy
:class:`QueryRunner` and return the same :class:`~brn_graph.graph.terms.QueryResult`. The
work is split over five modules:

- :mod:`brn_graph.graph.terms`: :class:`~brn_graph.graph.terms.Term`,
  :class:`~brn_graph.graph.terms.Triple` and :class:`~brn_graph.graph.terms.QueryResult`,
  the engine-independent values every backend returns.
- :mod:`brn_graph.query.check`: the checks before evaluation and of bound values.
- :mod:`brn_graph.query.executors`: one executor per backend, and the request/reply
  messages between the engine and its workers.
- :mod:`brn_graph.query.workers`: the zygote and worker processes and their hardening.
- :mod:`brn_graph.query.lists`: the parts of aggregated lists (``GROUP_CONCAT``) of library
  queries, sorted so that every engine gives the same text.

Three layers:

1. :func:`~brn_graph.query.check.check_query` parses a query with rdflib's SPARQL parser
   *before* anything is evaluated and refuses what a read-only analyst service must not
   run: updates (``INSERT``, ``LOAD``, ``DROP`` ...), ``SERVICE`` anywhere in the algebra
   (federation would make the process open connections), and ``FROM``/``FROM NAMED``
   naming anything but a named graph of the loaded Dataset (rdflib would fetch ``http:``
   and read ``file:`` addresses).
2. Values enter a query only as RDF terms (:class:`~brn_graph.graph.terms.Term`) bound to
   projected variables through each engine's binding mechanism: Oxigraph
   ``substitutions``, rdflib ``initBindings``; a remote endpoint, which has no such
   mechanism in the protocol, gets the terms in a ``VALUES`` block at the start of the
   ``WHERE`` group, written by Oxigraph's term serialiser from validated terms (never from
   raw text).
3. :class:`QueryEngine` evaluates in worker processes that can be killed: a runaway query (a
   cross product, a catastrophic ``REGEX``) is stopped at its time limit however deep in C
   or Rust it is, and the caller gets :class:`~brn_graph.errors.QueryTimeoutError`. Results
   are capped at ``result_cap`` rows and say when they were truncated.

How the workers get the data: one *zygote* process opens the store once (Oxigraph in
memory, rdflib in memory, the on-disk store or the remote endpoint) and then only forks;
each worker is a fork of the zygote, so it starts in milliseconds and shares the loaded
store copy-on-write. The zygote is started with ``spawn`` by default (safe from a threaded
server: it never inherits the server's threads or locks) or with ``fork`` from a
single-threaded program such as the CLI (it then reuses a store the caller already opened).
Worker sockets are handed to the engine with ``SCM_RIGHTS``; workers die with the zygote
(``PR_SET_PDEATHSIG``) and the zygote dies with the engine's process (end of its pipe).
The hard timeout is a kill: when a query passes its limit the engine SIGKILLs its worker
and asks the zygote for a fresh one.

The engine is thread-safe: :meth:`QueryEngine.run` may be called from many threads (one
query per worker at a time; callers wait for a free worker within their own time limit).
Nothing is started at import time; :meth:`QueryEngine.close` (or the context manager) stops
every process it started.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import logging
import multiprocessing
import os
import queue
import select
import signal
import socket
import statistics
import threading
import time
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from multiprocessing.reduction import recv_handle
from typing import TYPE_CHECKING, Literal, Protocol

from brn_graph.config import Settings
from brn_graph.errors import (
    BrnGraphError,
    ConfigError,
    EngineFailedError,
    QueryLimitError,
    QueryRefusedError,
    QueryTimeoutError,
    StoreError,
)
from brn_graph.graph.terms import QueryResult, Term
from brn_graph.i18n.catalogue import text as message
from brn_graph.i18n.message import message as msg
from brn_graph.i18n.message import render
from brn_graph.query.adhoc_checks import AdhocChecks
from brn_graph.query.admission import Admission, AdmissionLimits
from brn_graph.query.check import (
    _RDFLIB_PARSER_LOCK,
    MAX_QUERY_CHARS,
    CheckedQuery,
    check_bindings,
    check_query,
)
from brn_graph.query.executors import (
    CheckRequest,
    ErrorKind,
    WorkerReply,
    WorkerRequest,
    _Executor,
    _OxigraphExecutor,
    _RdflibExecutor,
    _RemoteExecutor,
    elapsed_ms,
    error_from_reply,
)
from brn_graph.query.lists import ListedQuery, order_lists
from brn_graph.query.workers import ZygoteConfig, ZygoteReady, zygote_main

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
    from multiprocessing.process import BaseProcess

    from rdflib import Dataset

    from brn_graph.graph.store import OpenStore

StartMethod = Literal["spawn", "fork", "forkserver", "auto"]
LOG = logging.getLogger("brn_graph.query")


_SPAWNER: concurrent.futures.ThreadPoolExecutor | None = None
_SPAWNER_LOCK = threading.Lock()


def _spawner() -> concurrent.futures.ThreadPoolExecutor:
    """The one thread that starts every spawned zygote, alive until the program ends.

    Linux delivers the parent-death signal (``PR_SET_PDEATHSIG``, which the zygote asks
    for) when the *thread* that started a process ends, not the process. A server builds
    engines on pool threads that end when idle; started from one of them, a zygote (and
    its workers, and the queries in flight) would be killed minutes later. An executor's
    thread never ends while the program runs.
    """
    global _SPAWNER
    with _SPAWNER_LOCK:
        if _SPAWNER is None:
            _SPAWNER = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="brn-graph-spawner"
            )
        return _SPAWNER


@dataclass
class _Worker:
    pid: int
    conn: Connection
    pidfd: int | None = None
    queries: int = 0

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self.pidfd)
            self.pidfd = None


@dataclass(frozen=True)
class EngineInfo:
    """What an engine reports about itself (for ``/health`` and the benchmark)."""

    store: str
    kind: str
    workers: int
    live_workers: int
    graph_iris: tuple[str, ...]
    open_seconds: float
    zygote_pid: int | None
    worker_pids: tuple[int, ...]
    #: Median time to get a new worker ready (fork by the zygote, socket hand-over,
    #: the worker's first reply), over every worker started so far.
    worker_start_ms: float
    workers_started: int
    #: Whether the workers have no network at all (verified at start), and how.
    network_isolated: bool = False
    isolation: str = ""  # (in English: /health is for operators and scripts)
    #: Whether ad-hoc SPARQL is served (refused when isolation failed, unless allowed).
    adhoc_sparql: bool = True
    worker_memory_mb: int = 0


@dataclass
class _EngineState:
    """Everything the finaliser needs to stop the processes (no reference to the engine)."""

    zygote: BaseProcess | None = None
    control: Connection | None = None
    workers: dict[int, _Worker] = field(default_factory=dict)


def _shutdown(state: _EngineState) -> None:
    for worker in list(state.workers.values()):
        worker.kill()
    state.workers.clear()
    if state.control is not None:
        with contextlib.suppress(OSError):
            state.control.send("stop")
        with contextlib.suppress(OSError):
            state.control.close()
        state.control = None
    zygote = state.zygote
    state.zygote = None
    if zygote is not None:
        zygote.join(timeout=2)
        if zygote.is_alive():
            zygote.kill()
            zygote.join(timeout=2)


class QueryEngine:
    """Runs checked queries on one backend in killable worker processes.

    >>> from brn_graph.config import Settings
    >>> with QueryEngine(Settings(), workers=1) as engine:  # doctest: +SKIP
    ...     engine.run("ASK { ?s a ?type }").boolean
    True

    ``workers`` is the number of queries that can run at once. ``start_method`` is how the
    zygote (the process that holds the data and forks workers) starts: ``spawn`` (default;
    safe in a threaded server), ``forkserver``, ``fork`` (only from a single-threaded
    process; it reuses ``store`` if given, so nothing is loaded twice) or ``auto`` (``fork``
    when this process has one thread, else ``spawn``: for command-line programs).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        workers: int = 2,
        start_method: StartMethod = "spawn",
        store: OpenStore | None = None,
    ) -> None:
        if workers < 1:
            raise ConfigError("an engine needs at least one worker")
        if start_method not in ("spawn", "fork", "forkserver", "auto"):
            raise ConfigError(
                f"unknown start method {start_method!r}: use spawn, fork, forkserver or auto"
            )
        self.settings = settings
        self.size = workers
        self.start_method = start_method
        self._store = store
        self._state = _EngineState()
        self._start_ms: list[float] = []
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()  # zygote channel, worker table, start/close
        self._ready: ZygoteReady | None = None
        self._closed = False
        self._starting: threading.Thread | None = None
        self._start_error: BaseException | None = None
        self._finalizer = weakref.finalize(self, _shutdown, self._state)
        #: Ad-hoc checks by query text (a repeated query is not parsed again).
        self.checked = AdhocChecks()
        self.admission = Admission(
            AdmissionLimits(
                workers=workers,
                client_concurrency=settings.client_concurrency,
                client_queue=settings.client_queue,
                queue_seconds=settings.queue_seconds,
            )
        )

    # -- life cycle -----------------------------------------------------------------

    def __enter__(self) -> QueryEngine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> QueryEngine:
        """Start the zygote and the workers (idempotent); raises if the store cannot open."""
        with self._lock:
            if self._closed:
                raise StoreError("the query engine is closed")
            if self._ready is not None:
                return self
            self._start_zygote()
            for _ in range(self.size):
                self._idle.put(self._fork_worker())
            self._start_error = None
        return self

    def start_in_background(self) -> None:
        """Start the zygote and the workers in a thread of their own and return at once.

        A query that comes meanwhile waits for the start (:meth:`start` holds the engine's
        lock); :attr:`status` says ``"starting"`` until it is done. A failed start is logged
        and kept (``"failed"``); the next query tries again and gets the error.
        """

        lang = self.settings.lang

        def run() -> None:
            try:
                self.start()
            except BaseException as exc:  # reported by status; the next query retries
                self._start_error = exc
                reason = exc.render(lang) if isinstance(exc, BrnGraphError) else str(exc)
                LOG.error("%s", message("harden.start_failed", lang, reason=reason))

        with self._lock:
            if self._ready is not None or self._starting is not None or self._closed:
                return
            self._starting = threading.Thread(target=run, name="brn-graph-engine-start")
            self._starting.daemon = True
            self._starting.start()

    @property
    def status(self) -> Literal["ready", "starting", "failed", "closed"]:
        """Where the engine is, without waiting: ``ready`` (the zygote answered), ``starting``
        (not yet), ``failed`` (the last start raised) or ``closed``."""
        if self._closed:
            return "closed"
        if self._ready is not None:
            return "ready"
        if self._start_error is not None and not (self._starting and self._starting.is_alive()):
            return "failed"
        return "starting"

    def heal(self, *, zygote_too: bool = True) -> None:
        """Replace workers that ended outside a query (killed from outside), and the zygote
        if it ended (unless ``zygote_too`` is false: that takes as long as opening the
        store). Every query calls this first, and so does :attr:`info` (``/health``)."""
        with self._lock:
            if self._closed or self._ready is None:
                return
            zygote = self._state.zygote
            if zygote is not None and not zygote.is_alive():
                if not zygote_too:
                    return
                LOG.warning("the query engine's zygote process ended; starting a new one")
                self._restart_zygote()
            for pid, worker in list(self._state.workers.items()):
                if _exited(worker):
                    self._state.workers.pop(pid, None)
                    worker.close()
            while len(self._state.workers) < self.size:
                self._idle.put(self._fork_from_zygote())

    def close(self) -> None:
        """Stop every process this engine started; later calls to :meth:`run` fail."""
        with self._lock:
            self._closed = True
            self._ready = None
        self._finalizer()

    @property
    def info(self) -> EngineInfo:
        ready = self._require_ready()
        with contextlib.suppress(BrnGraphError):
            self.heal(zygote_too=False)
        zygote = self._state.zygote
        return EngineInfo(
            store=ready.label,
            kind=ready.kind,
            workers=self.size,
            live_workers=sum(not _exited(w) for w in list(self._state.workers.values())),
            graph_iris=ready.graph_iris,
            open_seconds=ready.open_seconds,
            zygote_pid=zygote.pid if zygote is not None else None,
            worker_pids=tuple(self._state.workers),
            worker_start_ms=statistics.median(self._start_ms) if self._start_ms else 0.0,
            workers_started=len(self._start_ms),
            network_isolated=ready.network_isolated,
            isolation=render(ready.isolation, "en"),
            adhoc_sparql=self._adhoc_allowed(ready),
            worker_memory_mb=self.settings.worker_memory_mb,
        )

    def live_workers(self) -> int:
        """How many query workers are alive (a quick look: nothing is restarted)."""
        return sum(not _exited(w) for w in list(self._state.workers.values()))

    def _adhoc_allowed(self, ready: ZygoteReady) -> bool:
        return (
            ready.network_isolated
            or ready.kind == "sparql"
            or self.settings.allow_unisolated_sparql
        )

    def _start_zygote(self) -> None:
        method = self.start_method
        if method == "auto":
            method = "fork" if threading.active_count() == 1 else "spawn"
        ctx = _context(method)
        inherited: OpenStore | None = None
        if method == "fork":
            if threading.active_count() > 1:
                raise ConfigError(
                    "the fork start method needs a single-threaded process; use spawn"
                )
            inherited = self._store  # handed over in memory by the fork, never pickled
        control, zygote_end = ctx.Pipe(duplex=True)
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        probe.listen(8)
        probe.setblocking(False)
        config = ZygoteConfig(
            settings=self.settings, parent_pid=os.getpid(), probe_port=probe.getsockname()[1]
        )
        process = ctx.Process(
            target=zygote_main,
            args=(zygote_end, config, inherited),
            name="brn-graph-zygote",
            daemon=True,
        )
        if method == "fork":
            process.start()  # single-threaded: this thread lives as long as the program
        else:
            _spawner().submit(process.start).result()
        zygote_end.close()
        self._state.zygote = process
        self._state.control = control
        try:
            answer = control.recv()
        except (EOFError, OSError) as exc:
            _shutdown(self._state)
            raise StoreError("the query engine stopped while opening the store") from exc
        finally:
            reached = _accepted(probe)
            probe.close()
        if answer[0] == "error":
            _shutdown(self._state)
            reply: WorkerReply = answer[1]
            assert reply.error_kind is not None
            raise error_from_reply(reply.error_kind, reply.message)
        ready: ZygoteReady = answer[1]
        if reached and ready.network_isolated:  # the zygote's own probe said no: trust ours
            ready = replace(
                ready, network_isolated=False, isolation=msg("harden.isolation.probe_reached")
            )
        self._ready = ready
        lang = self.settings.lang
        if ready.network_isolated:
            LOG.info("%s", message("harden.isolated", lang, how=render(ready.isolation, lang)))
        elif ready.kind != "sparql":
            key = "harden.unisolated_allowed" if self._adhoc_allowed(ready) else "harden.unisolated"
            LOG.warning("%s", message(key, lang, why=render(ready.isolation, lang)))

    def _fork_worker(self) -> _Worker:
        """A new worker, forked by the zygote (call with ``self._lock`` held).

        When the zygote itself is gone (killed), a new one is started first: the workers of
        the old one died with it.
        """
        zygote = self._state.zygote
        if zygote is not None and not zygote.is_alive() and not self._closed:
            LOG.warning("the query engine's zygote process ended; starting a new one")
            self._restart_zygote()
        return self._fork_from_zygote()

    def _restart_zygote(self) -> None:
        for worker in list(self._state.workers.values()):
            worker.kill()
        self._state.workers.clear()
        with contextlib.suppress(OSError):
            if self._state.control is not None:
                self._state.control.close()
        self._state.control = None
        self._state.zygote = None
        if self.start_method == "fork" and threading.active_count() > 1:
            self.start_method = "spawn"
        self._start_zygote()

    def _fork_from_zygote(self) -> _Worker:
        control = self._state.control
        if control is None:
            raise StoreError("the query engine is closed")
        started = time.perf_counter()
        try:
            control.send("fork")
            tag, pid = control.recv()
            fd = recv_handle(control)
        except (EOFError, OSError, ValueError) as exc:
            raise StoreError("the query engine's zygote process stopped") from exc
        assert tag == "forked"
        pidfd: int | None = None
        with contextlib.suppress(OSError, AttributeError):
            pidfd = os.pidfd_open(pid)
        worker = _Worker(pid=pid, conn=Connection(fd), pidfd=pidfd)
        try:
            first: WorkerReply = worker.conn.recv()
        except (EOFError, OSError) as exc:
            worker.kill()
            raise StoreError("a query worker stopped while starting") from exc
        if first.error_kind is not None:
            worker.kill()
            raise error_from_reply(first.error_kind, first.message)
        self._state.workers[pid] = worker
        self._start_ms.append(elapsed_ms(started))
        return worker

    def _require_ready(self) -> ZygoteReady:
        ready = self._ready
        if ready is None:
            self.start()
            ready = self._ready
        assert ready is not None
        return ready

    # -- queries ---------------------------------------------------------------------

    def check(
        self, text: str, *, client: str | None = None, timeout: float | None = None
    ) -> CheckedQuery:
        """:func:`~brn_graph.query.check.check_query` against the named graphs of this
        engine's store, run in a worker under the query time and memory limits (a parse
        can be slow: it never blocks other requests, and it is killed at the limit).

        Refused with :class:`QueryRefusedError` when the workers could not be cut off from
        the network and the settings do not allow ad-hoc SPARQL anyway.
        """
        ready = self._require_ready()
        lang = self.settings.lang
        if not self._adhoc_allowed(ready):
            why = render(ready.isolation, lang)
            raise QueryRefusedError(message("harden.adhoc_refused", lang, why=why))
        if not text.strip():
            from brn_graph.errors import QuerySyntaxError

            raise QuerySyntaxError("the query is empty")
        if len(text) > MAX_QUERY_CHARS:
            raise QueryRefusedError(
                f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}"
            )
        limit = self._limit(timeout)
        key = (text, ready.graph_iris, self.settings.base_iri)
        known = self.checked.get(key)
        if known is not None:
            return known
        request = CheckRequest(
            text=text, allowed_graphs=ready.graph_iris, base_iri=self.settings.base_iri
        )
        reply = self._exchange(request, text, client=client, catalogue=False, limit=limit)
        assert reply.checked is not None
        self.checked.put(key, reply.checked)
        return reply.checked

    def _limit(self, timeout: float | None) -> float:
        limit = self.settings.query_timeout if timeout is None else timeout
        if limit <= 0:
            raise ConfigError("the query timeout must be positive")
        return min(limit, self.settings.query_timeout)

    def run(
        self,
        query: str | CheckedQuery,
        *,
        bindings: Mapping[str, Term] | None = None,
        timeout: float | None = None,
        result_cap: int | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        client: str | None = None,
        catalogue: bool = False,
    ) -> QueryResult:
        """Check (when given text), then evaluate ``query`` in a worker.

        ``timeout`` (seconds) and ``result_cap`` may lower the engine's limits from the
        settings (and a library query's own ``limit:``), never raise them.
        ``default_graphs``/``named_graphs`` are the SPARQL protocol's
        ``default-graph-uri``/``named-graph-uri``: when either is given they replace the
        query's FROM/FROM NAMED, and each must name a local named graph.
        ``client`` names who asks (for the per-client share); ``catalogue`` marks a
        catalogue query or other project-written text (never user text), which may use the
        worker kept free of ad-hoc queries and is checked in this process.

        Raises :class:`QueryTimeoutError` when the limit passes (the worker is killed and
        replaced), :class:`QuerySyntaxError` / :class:`QueryRefusedError` before evaluation,
        :class:`~brn_graph.errors.QueryBusyError` when the client has used its share,
        :class:`~brn_graph.errors.QueryLimitError` past the worker memory limit,
        :class:`~brn_graph.errors.EngineFailedError` when the engine crashes on the query,
        :class:`StoreError` when a backend fails.
        """
        started = time.perf_counter()
        limit = self._limit(timeout)
        if isinstance(query, str) and catalogue:
            # The project's own text (a resolver's query): checked here, trusted, quick.
            checked = check_query(
                query,
                allowed_graphs=self._require_ready().graph_iris,
                base_iri=self.settings.base_iri,
            )
        elif isinstance(query, str):
            checked = self.check(query, client=client, timeout=timeout)
        else:
            checked = query
        bindings = dict(bindings or {})
        check_bindings(checked, bindings)
        cap = self.settings.result_cap if result_cap is None else result_cap
        if cap < 1:
            raise ConfigError("the result cap must be at least 1")
        cap = min(cap, self.settings.result_cap)
        if isinstance(checked, ListedQuery) and checked.row_limit:
            # A library query's own limit (``limit:`` in its header) is the most it returns: a
            # caller's cap may lower it, not raise it (its text may rely on it, e.g. a sub-SELECT
            # that sorts and cuts before a costly step).
            cap = min(cap, checked.row_limit)
        protocol_dataset = self._protocol_dataset(default_graphs, named_graphs)
        request = WorkerRequest(
            text=checked.text,
            form=checked.form,
            bindings=tuple(bindings.items()),
            cap=cap,
            has_dataset_clause=checked.has_dataset_clause,
            timeout=limit,
            protocol_dataset=protocol_dataset,
            query_dataset=(
                (checked.default_graphs, checked.named_graphs)
                if checked.has_dataset_clause
                else None
            ),
            base_iri=self.settings.base_iri,
        )
        # The check and the evaluation share one time limit.
        budget = limit - (time.perf_counter() - started)
        if budget <= 0:
            raise QueryTimeoutError(limit)
        reply = self._exchange(
            request, checked.text, client=client, catalogue=catalogue, limit=limit, budget=budget
        )
        assert reply.result is not None
        return _with_elapsed(_ordered(reply.result.unpack(), checked), started)

    def _exchange(
        self,
        request: WorkerRequest | CheckRequest,
        text: str,
        *,
        client: str | None,
        catalogue: bool,
        limit: float,
        budget: float | None = None,
    ) -> WorkerReply:
        """Send one request to a worker within the client's share and the time limit
        (``budget``: what is left of ``limit``, when part of it was spent already)."""
        deadline = time.monotonic() + (limit if budget is None else budget)
        with self.admission.admit(client, catalogue=catalogue, deadline=deadline):
            worker = self._acquire(deadline, limit)
            healthy = False
            ended: tuple[int, int] | None = None
            try:
                worker.conn.send(request)
                if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                    raise QueryTimeoutError(limit)
                reply: WorkerReply = worker.conn.recv()
                healthy = reply.error_kind is not ErrorKind.limit
            except (EOFError, OSError) as exc:
                ended = self._ended(worker)
                raise self._crash_error(text, ended) from exc
            finally:
                self._release(worker, healthy=healthy, ended=ended is not None)
        if reply.error_kind is not None:
            raise error_from_reply(reply.error_kind, reply.message)
        return reply

    def _ended(self, worker: _Worker) -> tuple[int, int]:
        """How a worker that closed its socket ended: (exit code, peak memory in KiB)."""
        worker.kill()
        with self._lock:
            control = self._state.control
            if control is None:
                return 0, 0
            try:
                control.send(("status", worker.pid))
                if not control.poll(5.0):
                    return 0, 0
                _, code, max_rss, stderr_tail = control.recv()
            except (EOFError, OSError, ValueError):
                return 0, 0
        if stderr_tail:
            # e.g. Oxigraph's Rust panic line: for the operator's debug log, never the user
            LOG.debug(
                "query worker %d wrote on its stderr before it ended:\n%s", worker.pid, stderr_tail
            )
        return int(code), int(max_rss)

    def _crash_error(self, text: str, ended: tuple[int, int]) -> BrnGraphError:
        """A memory-limit error when the worker died near its limit, else an engine failure."""
        code, max_rss_kib = ended
        lang = self.settings.lang
        limit_mb = self.settings.worker_memory_mb
        query_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        if limit_mb and max_rss_kib * 2 >= limit_mb * 1024:  # peak near the limit
            LOG.warning(
                "query %s stopped at the worker memory limit (%d MiB; exit %d, peak %d MiB)",
                query_hash,
                limit_mb,
                code,
                max_rss_kib // 1024,
            )
            return QueryLimitError(message("harden.memory_limit", lang, limit=limit_mb))
        LOG.error(
            "the engine failed on query %s (worker exit %d, peak %d MiB); worker replaced",
            query_hash,
            code,
            max_rss_kib // 1024,
        )
        return EngineFailedError(
            message("harden.engine_failed", lang, hash=query_hash, code=code), query_hash
        )

    def _protocol_dataset(
        self, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None
    ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        if not default_graphs and not named_graphs:
            return None
        local = set(self._require_ready().graph_iris)
        for keyword, iris in (
            ("default-graph-uri", default_graphs or ()),
            ("named-graph-uri", named_graphs or ()),
        ):
            for iri in iris:
                if iri not in local:
                    raise QueryRefusedError(
                        f"{keyword} <{iri}> is not allowed: it may only name a named graph of "
                        "the loaded data (one per file); remote graphs are never fetched"
                    )
        return tuple(default_graphs or ()), tuple(named_graphs or ())

    def _acquire(self, deadline: float, limit: float) -> _Worker:
        self._require_ready()
        self.heal()
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    if self._closed:
                        raise StoreError("the query engine is closed") from None
                    if len(self._state.workers) < self.size:
                        return self._fork_worker()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise QueryTimeoutError(limit) from None
                try:
                    worker = self._idle.get(timeout=remaining)
                except queue.Empty:
                    raise QueryTimeoutError(limit) from None
            if worker.pid not in self._state.workers:
                worker.close()  # closed by close(), or already replaced by heal()
                continue
            if not _gone(worker):
                return worker
            # killed from outside while idle: drop it (heal() or the next query replaces it)
            worker.kill()
            with self._lock:
                self._state.workers.pop(worker.pid, None)

    def _release(self, worker: _Worker, *, healthy: bool, ended: bool = False) -> None:
        del ended  # the zygote reaps every ended worker on its next message
        if healthy and not self._closed:
            worker.queries += 1
            self._idle.put(worker)
            return
        worker.kill()
        with self._lock:
            self._state.workers.pop(worker.pid, None)
            if self._closed or self._state.control is None:
                return
            # Replace it now, so the next query does not pay for the fork (unless the
            # supervisor already did).
            if len(self._state.workers) < self.size:
                with contextlib.suppress(BrnGraphError):
                    self._idle.put(self._fork_worker())


def _exited(worker: _Worker) -> bool:
    """Whether a worker process has ended (its pidfd turns readable), busy or idle."""
    if worker.pidfd is None:
        return False
    try:
        readable, _, _ = select.select([worker.pidfd], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _gone(worker: _Worker) -> bool:
    """Whether an idle worker has ended (its socket reads as closed)."""
    try:
        return worker.conn.poll(0)
    except (OSError, EOFError, ValueError):
        return True


def _accepted(probe: socket.socket) -> bool:
    """Whether anything connected to the isolation probe (it must not have)."""
    try:
        connection, _ = probe.accept()
    except (BlockingIOError, OSError):
        return False
    connection.close()
    return True


class QueryRunner(Protocol):
    """What runs a query: :class:`QueryEngine` (worker processes) or :class:`LocalEngine`."""

    def run(
        self, query: str | CheckedQuery, *, bindings: Mapping[str, Term] | None = None
    ) -> QueryResult: ...


class LocalEngine:
    """The :class:`QueryEngine` API in this process, for the library's own query files.

    The analytics run the trusted files of ``queries/`` (parsed once by
    :func:`~brn_graph.query.catalog.load_catalog`) through the same executors as the
    workers, with the same binding mechanism, result type and list order, but without a
    worker process: no row cap unless asked, and no time limit (``timeout`` only bounds the
    wait for a remote endpoint), so it must never run a query a user wrote. Thread-safe
    (rdflib's parser is not: queries on the ``memory`` backend run one at a time).
    """

    #: Seconds a remote endpoint may take to answer when no ``timeout`` is given.
    store_timeout = 300.0

    def __init__(self, store: OpenStore) -> None:
        self.store = store
        self._executor = _local_executor(store)
        self._lock = _RDFLIB_PARSER_LOCK if isinstance(self._executor, _RdflibExecutor) else None

    @classmethod
    def over_dataset(cls, dataset: Dataset) -> LocalEngine:
        """An engine over an rdflib Dataset built in memory (rdflib's engine, ``memory``).

        Queries see the Dataset's default graph: create it with ``default_union=True`` to
        query the union of its named graphs, as every store of :mod:`brn_graph.graph.store`.
        """
        from rdflib import URIRef

        from brn_graph.graph.store import OpenStore, StoreSpec

        store = OpenStore(
            kind="memory",
            dataset=dataset,
            loaded=None,
            spec=StoreSpec(kind="memory"),
            graph_iris=tuple(URIRef(str(g.identifier)) for g in dataset.graphs()),
        )
        return cls(store)

    def check(self, text: str) -> CheckedQuery:
        return check_query(text, allowed_graphs=tuple(str(g) for g in self.store.graph_iris))

    def run(
        self,
        query: str | CheckedQuery,
        *,
        bindings: Mapping[str, Term] | None = None,
        timeout: float | None = None,
        result_cap: int | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Check (when given text), then evaluate ``query`` here; see :meth:`QueryEngine.run`."""
        started = time.perf_counter()
        checked = self.check(query) if isinstance(query, str) else query
        bound = dict(bindings or {})
        check_bindings(checked, bound)
        protocol_dataset = None
        if default_graphs or named_graphs:
            protocol_dataset = (tuple(default_graphs or ()), tuple(named_graphs or ()))
        request = WorkerRequest(
            text=checked.text,
            form=checked.form,
            bindings=tuple(bound.items()),
            cap=result_cap if result_cap is not None else _UNCAPPED,
            has_dataset_clause=checked.has_dataset_clause,
            timeout=timeout if timeout is not None else self.store_timeout,
            protocol_dataset=protocol_dataset,
            query_dataset=(
                (checked.default_graphs, checked.named_graphs)
                if checked.has_dataset_clause
                else None
            ),
        )
        if self._lock is not None:
            with self._lock:
                result = self._executor.execute(request)
        else:
            result = self._executor.execute(request)
        return _with_elapsed(_ordered(result, checked), started)


#: "No cap": more rows than any result this process could hold.
_UNCAPPED = 2**62


def _local_executor(store: OpenStore) -> _Executor:
    if store.spec.kind == "sparql":
        assert store.spec.url is not None
        return _RemoteExecutor(store.spec.url, store.label)
    if store.oxigraph is not None:
        return _OxigraphExecutor(store.oxigraph, store.label)
    return _RdflibExecutor(store)


def _ordered(result: QueryResult, checked: CheckedQuery) -> QueryResult:
    """Aggregated lists of a library query in one order (:mod:`brn_graph.query.lists`)."""
    if isinstance(checked, ListedQuery) and checked.lists:
        return order_lists(result, checked.lists)
    return result


def _context(method: StartMethod) -> SpawnContext | ForkContext | ForkServerContext:
    if method == "fork":
        return multiprocessing.get_context("fork")
    if method == "forkserver":
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _with_elapsed(result: QueryResult, started: float) -> QueryResult:
    return replace(result, elapsed_ms=elapsed_ms(started))


def run_query(
    engine: QueryEngine,
    query: str | CheckedQuery,
    *,
    bindings: Mapping[str, Term] | None = None,
    timeout: float | None = None,
    result_cap: int | None = None,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
) -> QueryResult:
    """Run one query on ``engine``: the function form of :meth:`QueryEngine.run`."""
    return engine.run(
        query,
        bindings=bindings,
        timeout=timeout,
        result_cap=result_cap,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
    )


def open_engine(
    settings: Settings,
    *,
    workers: int = 2,
    start_method: StartMethod = "spawn",
    store: OpenStore | None = None,
) -> QueryEngine:
    """A started :class:`QueryEngine` (close it, or use it as a context manager)."""
    return QueryEngine(settings, workers=workers, start_method=start_method, store=store).start()
