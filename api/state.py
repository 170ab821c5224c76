"""What the service holds while it runs: the store, its SHACL report, the query engine, the
alignment model and the named-query catalogue.

:func:`build_state` does the start-up work once; the lifespan in :mod:`api.app` calls it,
keeps the result on ``app.state`` and calls :func:`close_state` at shutdown (which stops the
query worker processes). Tests build one state per session and hand it to the routes through
a dependency override.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from brn_graph.alignment.scores import AlignmentModel, build_alignment_model
from brn_graph.config import Language, Settings
from brn_graph.context.view import ContextView, build_context_model
from brn_graph.errors import BrnGraphError, NotFoundError
from brn_graph.graph.loader import LoadedDataset, load_dataset, load_shapes
from brn_graph.graph.stats import compute_stats
from brn_graph.graph.store import OpenStore, open_store
from brn_graph.graph.validation import ValidationReport, validate_loaded
from brn_graph.graph.validation_cache import ReportCache
from brn_graph.i18n.message import message as msg
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import QueryCatalog, load_catalog
from brn_graph.query.engine import QueryEngine, open_engine

LOG = logging.getLogger("brn_graph.api")
T = TypeVar("T")


class StartupRefusedError(BrnGraphError):
    """The data does not conform and the settings say not to serve it."""


@dataclass(frozen=True, kw_only=True)
class ServiceState:
    """Everything a request may read; built once, never changed while serving.

    ``memo`` caches derived results (a report in the other language, a ranking with default
    weights) so repeated requests do not recompute them; it is the only mutable part and is
    guarded by a lock.
    """

    settings: Settings
    loaded: LoadedDataset
    store: OpenStore
    report: ValidationReport
    total_triples: int
    engine: QueryEngine
    model: AlignmentModel
    catalog: QueryCatalog
    #: The decision context and date ``model`` was computed for (the default context on its
    #: date); the analytics routes compute others on request.
    context: ContextView | None = None
    loaded_at: float = field(default_factory=time.time)
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def conforms(self) -> bool:
        return self.report.conforms

    @property
    def violation_count(self) -> int:
        return len(self.report.violations)

    @property
    def fingerprint(self) -> str:
        return self.loaded.fingerprint

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
        return self.remember(
            ("validation", lang),
            lambda: validate_loaded(
                self.loaded,
                load_shapes(self.settings),
                lang=lang,
                cache=ReportCache.for_settings(self.settings),
            ),
        )


def build_state(settings: Settings, *, workers: int | None = None) -> ServiceState:
    """Load and validate the graph, open the store and the query engine, score alignments.

    Raises :class:`StartupRefusedError` when the data does not conform and
    ``settings.refuse_invalid_data`` is set; otherwise a non-conforming graph is served with
    a warning (the pages show a banner, ``/health`` says ``"conforms": false``).
    """
    started = time.perf_counter()
    loaded = load_dataset(settings)
    report = validate_loaded(
        loaded, load_shapes(settings), lang=settings.lang, cache=ReportCache.for_settings(settings)
    )
    if not report.conforms:
        first = report.violations[0] if report.violations else None
        message = (
            msg(
                "errors.startup.not_conforming.first",
                count=len(report.violations),
                node=first.focus_node,
                text=first.message,
                shape=first.shape_id,
            )
            if first
            else msg("errors.startup.not_conforming", count=len(report.violations))
        )
        if settings.refuse_invalid_data:
            LOG.error(
                "refusing to start: %s. Run `brn-graph validate` for the full list, or set "
                "BRN_GRAPH_REFUSE_INVALID_DATA=false to serve it with a warning.",
                message,
            )
            raise StartupRefusedError(message)
        LOG.warning("serving data that does not conform: %s", message)
    store = open_store(settings, loaded)
    catalog = load_catalog(settings.queries_dir)
    queries = GraphQueries.local(store, catalog)
    try:
        built = build_context_model(queries, settings)
        model, context = built.model, built.view
    except NotFoundError:  # data without the default decision context: no as-of date
        LOG.warning("the data has no default decision context; analytics are not dated")
        model, context = build_alignment_model(queries, settings), None
    # At least three workers: one is kept for catalogue queries, and two clients can each
    # run an ad-hoc query at once (a worker waiting on a query costs no CPU).
    engine = open_engine(
        settings, workers=workers or max(3, min(4, os.cpu_count() or 2)), store=store
    )
    total = compute_stats(loaded).total_triples
    LOG.info(
        "graph ready: %d triples in %d files, store %s, %.1f s",
        total,
        len(loaded.files),
        store.label,
        time.perf_counter() - started,
    )
    return ServiceState(
        settings=settings,
        loaded=loaded,
        store=store,
        report=report,
        total_triples=total,
        engine=engine,
        model=model,
        catalog=catalog,
        context=context,
    )


def close_state(state: ServiceState) -> None:
    """Stop the query workers; the state must not be used afterwards."""
    state.engine.close()
