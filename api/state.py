"""What the service holds while it runs: one library session and the query engine on its store.

The start-up work (load, validate, open the store, read the catalogue, build the models) is
the library's :func:`brn_graph.graph.session.build_session`, the same the command line uses;
:func:`build_state` adds what only a server needs: the query worker processes and a memo of
derived results. The app keeps the state in one :class:`ServiceHolder`, whose reference can
be swapped atomically for a state built from new data (requests that already took the old
state finish on it; the caller closes the old one afterwards).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from brn_graph.alignment.scores import AlignmentModel
from brn_graph.config import Language, Settings
from brn_graph.context.view import ContextView
from brn_graph.graph.loader import LoadedDataset
from brn_graph.graph.session import DataNotConformingError, Session, build_session
from brn_graph.graph.store import OpenStore
from brn_graph.graph.validation import ValidationReport
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_count, format_decimal
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import QueryCatalog
from brn_graph.query.engine import QueryEngine

LOG = logging.getLogger("brn_graph.api")
T = TypeVar("T")

#: Raised by :func:`build_state` when the data does not conform and the settings refuse it.
StartupRefusedError = DataNotConformingError


@dataclass(frozen=True, kw_only=True)
class ServiceState:
    """Everything a request may read: the session, the engine, a memo; never changed.

    ``memo`` caches derived results (a report in the other language, a ranking with default
    weights) so repeated requests do not recompute them; it is the only mutable part and is
    guarded by a lock.
    """

    session: Session
    engine: QueryEngine
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # The session's parts, under the names the routes use.
    @property
    def settings(self) -> Settings:
        return self.session.settings

    @property
    def loaded(self) -> LoadedDataset:
        return self.session.loaded

    @property
    def store(self) -> OpenStore:
        return self.session.store

    @property
    def report(self) -> ValidationReport:
        return self.session.report

    @property
    def model(self) -> AlignmentModel:
        return self.session.model

    @property
    def context(self) -> ContextView | None:
        """The decision context and date ``model`` was computed for (the default context on
        its date); the analytics routes compute others on request."""
        return self.session.context

    @property
    def catalog(self) -> QueryCatalog:
        return self.session.catalog

    @property
    def queries(self) -> GraphQueries:
        """The session's query library and runner (in this process, on ``store``)."""
        return self.session.queries

    @property
    def total_triples(self) -> int:
        return self.session.total_triples

    @property
    def loaded_at(self) -> float:
        return self.session.built_at

    @property
    def conforms(self) -> bool:
        return self.session.conforms

    @property
    def violation_count(self) -> int:
        return self.session.violation_count

    @property
    def fingerprint(self) -> str:
        return self.session.fingerprint

    def remember(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per ``key`` (results depend only on the loaded graph)."""
        with self.lock:
            if key in self.memo:
                return self.memo[key]  # type: ignore[no-any-return]
        value = compute()
        with self.lock:
            if len(self.memo) > 256:  # bounded: weights in query strings vary freely
                self.memo.clear()
            self.memo[key] = value
        return value

    def validation_report(self, lang: Language) -> ValidationReport:
        """The SHACL report with messages in ``lang`` (start-up made the default one)."""
        if lang == self.settings.lang:
            return self.report
        return self.remember(("validation", lang), lambda: self.session.validation_report(lang))


class ServiceHolder:
    """The one reference through which requests find the current :class:`ServiceState`.

    :meth:`swap` replaces it atomically and returns the state it replaced; a request reads
    :attr:`current` once and works on that state to the end.

    >>> ServiceHolder().current is None
    True
    """

    def __init__(self, state: ServiceState | None = None) -> None:
        self._state = state
        self._lock = threading.Lock()

    @property
    def current(self) -> ServiceState | None:
        return self._state

    def swap(self, state: ServiceState) -> ServiceState | None:
        """Serve ``state`` from now on; returns the previous state (close it when done)."""
        with self._lock:
            previous, self._state = self._state, state
        return previous


def build_state(
    settings: Settings,
    *,
    workers: int | None = None,
    session: Session | None = None,
    wait_for_engine: bool = True,
) -> ServiceState:
    """Build the session (load, validate, store, catalogue, model) and start the query engine.

    With ``session`` (built earlier for the same settings and files, e.g. by the process
    that forked this one) only the engine is started. With ``wait_for_engine=False`` (the
    server's start-up) the state is returned as soon as the session is built, while the
    engine's zygote still starts: the pages and the REST lookups answer from the session,
    a query waits for the engine, and ``/health`` says ``"query_engine": "starting"``.

    Raises :class:`StartupRefusedError` when the data does not conform and
    ``settings.refuse_invalid_data`` is set; otherwise a non-conforming graph is served with
    a warning (the pages show a banner, ``/health`` says ``"conforms": false``).
    """
    # At least three workers: one is kept for catalogue queries, and two clients can each
    # run an ad-hoc query at once (a worker waiting on a query costs no CPU).
    engine = QueryEngine(
        settings, workers=workers or max(3, min(4, os.cpu_count() or 2)), start_method="spawn"
    )
    # The session is built while the engine's zygote starts (a new process that opens the
    # store from the files itself): the two overlap on separate cores. (Zygotes are started
    # by the engine's one long-lived spawner thread, so any thread may ask.)
    try:
        if wait_for_engine:
            session = _session_beside_engine(settings, engine, session)
        else:
            engine.start_in_background()
            session = session or build_session(
                settings, refuse_invalid=settings.refuse_invalid_data, check_queries=True
            )
    except DataNotConformingError as exc:
        engine.close()
        log_refusal(exc, settings.lang)
        raise
    except BaseException:
        engine.close()
        raise
    lang = settings.lang
    problem = session.nonconformity(lang)
    if problem:
        LOG.warning("%s", text("serve.log.not_conforming", lang, problem=problem))
    LOG.info(
        "%s",
        text(
            "serve.log.ready",
            lang,
            triples=format_count(session.total_triples, lang),
            files=len(session.loaded.files),
            store=session.store.label,
            seconds=format_decimal(session.seconds, lang, digits=1),
        ),
    )
    return ServiceState(session=session, engine=engine)


def log_refusal(exc: DataNotConformingError, lang: Language) -> None:
    """The log line of a start refused because the data does not conform."""
    LOG.error("%s", text("serve.log.refused", lang, problem=exc.render(lang)))


def _session_beside_engine(
    settings: Settings, engine: QueryEngine, session: Session | None
) -> Session:
    """The session (built in a thread) once the engine has started in this one."""
    prebuilt = session
    building = _Background(
        lambda: (
            prebuilt
            or build_session(
                settings, refuse_invalid=settings.refuse_invalid_data, check_queries=True
            )
        )
    )
    try:
        engine.start()
    except BaseException:
        building.wait()
        raise
    return building.result()


class _Background(Generic[T]):
    """``compute()`` in a thread; :meth:`result` waits and returns it or re-raises its error."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(compute,), daemon=True)
        self._thread.start()

    def _run(self, compute: Callable[[], T]) -> None:
        try:
            self._value = compute()
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def close_state(state: ServiceState) -> None:
    """Stop the query workers; the state must not be used afterwards."""
    state.engine.close()
