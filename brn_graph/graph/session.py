"""One loaded graph and everything built from it: the session every door works on.

:func:`build_session` does the start-up work in one place, in this order: load the ontology
and data files, validate them against the SHACL shapes, open the store, read the named query
catalogue and build the alignment model. The command line (every analytics command) and the
web service (:mod:`api.state`) both call it, so both answer from data that went through the
same gate: a session knows whether its data conforms, and :func:`build_session` refuses
non-conforming data when asked to (``refuse_invalid=True``), raising
:class:`DataNotConformingError` with the count and the first violation.

A :class:`Session` is immutable. Replacing the data (a new ingest) means building a new
session and swapping the one reference that holds it (the web service keeps it in
:class:`api.state.ServiceHolder`); readers that already took the old session finish on it.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from brn_graph.alignment.scores import AlignmentModel, build_alignment_model
from brn_graph.cache import startup_folder
from brn_graph.config import Language, Settings
from brn_graph.context.view import ContextModel, ContextView, build_context_model
from brn_graph.errors import BrnGraphError, DataLoadError, NotFoundError
from brn_graph.graph.files import fingerprint_files
from brn_graph.graph.loader import (
    LoadedDataset,
    SourceFile,
    discover_files,
    load_shapes,
    parse_files,
)
from brn_graph.graph.store import OpenStore, StoreSpec, current_disk_store, open_store
from brn_graph.graph.validation import ValidationReport, validate_loaded
from brn_graph.graph.validation_cache import ReportCache
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import message as msg
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import QueryCatalog, load_catalog


class DataNotConformingError(BrnGraphError):
    """The data does not conform to the SHACL shapes and the caller asked to refuse it."""


@dataclass(frozen=True, kw_only=True)
class Session:
    """The loaded files, their SHACL report, the open store, the query library and the model."""

    settings: Settings
    loaded: LoadedDataset
    report: ValidationReport
    store: OpenStore
    #: The parsed query library and the runner the analytics use, on ``store``.
    queries: GraphQueries
    model: AlignmentModel
    #: The default decision context on its date, which ``model`` was computed for; ``None``
    #: for data without it (then ``model`` scores every alignment, undated).
    context_model: ContextModel | None
    total_triples: int
    built_at: float = field(default_factory=time.time)
    seconds: float = 0.0

    @property
    def catalog(self) -> QueryCatalog:
        """The named query catalogue (``queries.catalog``)."""
        return self.queries.catalog

    @property
    def dataset(self) -> Dataset:
        """The Dataset the analytics read (the store's view of the data)."""
        return self.store.dataset

    @property
    def context(self) -> ContextView | None:
        return self.context_model.view if self.context_model else None

    @property
    def conforms(self) -> bool:
        return self.report.conforms

    @property
    def violation_count(self) -> int:
        return len(self.report.violations)

    @property
    def fingerprint(self) -> str:
        return self.loaded.fingerprint

    def nonconformity(self, lang: Language | None = None) -> str | None:
        """One line saying that (and how) the data does not conform; ``None`` when it does."""
        return nonconformity_message(self.report, lang or self.settings.lang)

    def validation_report(self, lang: Language) -> ValidationReport:
        """The SHACL report with its messages in ``lang`` (validated again for the other one)."""
        if lang == self.settings.lang:
            return self.report
        return validate(self.loaded, self.settings, lang)


def validate(loaded: LoadedDataset, settings: Settings, lang: Language) -> ValidationReport:
    """The SHACL report of ``loaded`` through the one report cache
    (:class:`~brn_graph.graph.validation_cache.ReportCache`, unless the settings switch it off);
    the shapes are parsed only when the report is not cached."""
    cache = ReportCache.for_settings(settings)
    if cache is not None:
        found = cache.get(cache.key(loaded.fingerprint, lang, (f.path for f in loaded.files)))
        if found is not None:
            return found
    return validate_loaded(loaded, load_shapes(settings), lang=lang, cache=cache)


def _load(settings: Settings) -> LoadedDataset:
    """The input files, parsed now unless nothing at start-up reads them: when the store is an
    ``oxigraph:DIR`` folder already built from these files and their validation report is
    cached, the parse waits until something asks for the triples (an import, the rdflib
    Dataset). At 10M synthetic triples that parse took about 40 s and 4.4 GB that a service
    on the folder never used. (The fingerprint covers the files' bytes, so files that parsed
    when the store was built parse again.)"""
    files = discover_files(settings)
    fingerprint = fingerprint_files(files, settings.base_iri)
    meta = current_disk_store(StoreSpec.parse(settings.store), fingerprint)
    cache = ReportCache.for_settings(settings)
    cached = (
        meta is not None
        and cache is not None
        and cache.get(cache.key(fingerprint, settings.lang, (f.path for f in files))) is not None
    )
    if meta is None or not cached:
        return LoadedDataset(files, fingerprint, parse_files(files, settings))
    return LoadedDataset.deferred(
        files, fingerprint, lambda: _parse_again(files, fingerprint, settings), triples=meta.triples
    )


def _parse_again(
    files: tuple[SourceFile, ...], fingerprint: str, settings: Settings
) -> list[list[ox.Triple]]:
    """The files' triples, parsed later than the session was built: refused when the files
    changed since (they would no longer be the graph the store and the report describe)."""
    if fingerprint_files(files, settings.base_iri) != fingerprint:
        paths = [str(f.path) for f in files if f.role == "data"] or [str(f.path) for f in files]
        folder = Path(os.path.commonpath(paths))
        raise DataLoadError(folder, msg("errors.file.changed_since_loaded"))
    return parse_files(files, settings)


def nonconformity_message(report: ValidationReport, lang: Language) -> str | None:
    """``None`` for a conforming report, else the count and the first violation.

    >>> from brn_graph.graph.validation import ValidationReport
    >>> nonconformity_message(ValidationReport(conforms=True, results=()), "en") is None
    True
    """
    if report.conforms:
        return None
    first = report.violations[0] if report.violations else None
    where = (
        text(
            "session.first_violation",
            lang,
            node=first.focus_node,
            message=first.message,
            shape=first.shape_id,
        )
        if first
        else ""
    )
    return text("session.not_conforming", lang, count=len(report.violations), first=where)


def build_session(
    settings: Settings, *, refuse_invalid: bool = False, check_queries: bool = False
) -> Session:
    """Load, validate, open the store, read the query library and build the alignment model.

    Every query file is read once; with ``check_queries`` every query is also checked now
    (the server: a broken query file stops the start; a query unchanged since it last passed
    is taken from the start-up cache), else each when first run (a short command-line run
    checks only what it runs).

    With ``refuse_invalid`` a graph that does not conform raises
    :class:`DataNotConformingError` before the store is opened; otherwise the session is
    built and says so (:attr:`Session.conforms`, :meth:`Session.nonconformity`).
    Input errors (a file that does not parse, a folder that does not exist) raise
    :class:`~brn_graph.errors.DataLoadError` naming the file and line.
    """
    started = time.perf_counter()
    loaded = _load(settings)
    report = validate(loaded, settings, settings.lang)
    if refuse_invalid and not report.conforms:
        raise DataNotConformingError(nonconformity_message(report, settings.lang) or "")
    store = open_store(settings, loaded)
    if store.kind in {"oxigraph", "oxigraph-disk"}:  # filled from them, or built before
        loaded.release(lambda: _parse_again(loaded.files, loaded.fingerprint, settings))
    catalog = load_catalog(
        settings.queries_dir,
        check=check_queries,
        cache_dir=startup_folder(settings, "queries") if check_queries else None,
    )
    queries = GraphQueries.local(store, catalog)
    try:
        context_model: ContextModel | None = build_context_model(queries, settings)
    except NotFoundError:  # data without the default decision context: no as-of date
        context_model = None
    model = context_model.model if context_model else build_alignment_model(queries, settings)
    return Session(
        settings=settings,
        loaded=loaded,
        report=report,
        store=store,
        queries=queries,
        model=model,
        context_model=context_model,
        total_triples=loaded.total_triples,
        seconds=time.perf_counter() - started,
    )
