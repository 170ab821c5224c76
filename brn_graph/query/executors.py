"""Evaluate one checked request on one backend, inside a query worker process.

One executor per backend: :class:`_OxigraphExecutor` (pyoxigraph, in memory or on disk),
:class:`_RdflibExecutor` (rdflib's reference engine) and :class:`_RemoteExecutor` (a SPARQL
1.1 Protocol client). Also the messages between the engine and its workers: the
:class:`WorkerRequest`, the :class:`WorkerReply` with its compact :class:`PackedResult`, and
the conversion of errors to and from replies. Both ends import these classes from this module,
so they pickle by the same path.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

import pyoxigraph as ox
from rdflib import URIRef, Variable
from rdflib.term import Node

from brn_graph.errors import (
    BrnGraphError,
    ParameterError,
    QueryError,
    QueryLimitError,
    QueryRefusedError,
    QuerySyntaxError,
    StoreError,
)
from brn_graph.graph.terms import QueryForm, QueryResult, Term, Triple
from brn_graph.i18n.message import Message
from brn_graph.i18n.message import message as msg
from brn_graph.query.check import CheckedQuery, values_clause_query

if TYPE_CHECKING:
    from brn_graph.graph.store import OpenStore


@dataclass(frozen=True, kw_only=True)
class WorkerRequest:
    text: str
    form: QueryForm
    bindings: tuple[tuple[str, Term], ...]
    cap: int
    has_dataset_clause: bool
    timeout: float
    #: The protocol's dataset (``default-graph-uri``/``named-graph-uri``); overrides FROM.
    protocol_dataset: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    #: The query's own FROM / FROM NAMED graphs (a remote endpoint gets them as protocol
    #: parameters: an endpoint whose default graph is the union may ignore FROM).
    query_dataset: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    #: The service's base IRI: relative IRIs in the query resolve against it.
    base_iri: str | None = None


@dataclass(frozen=True, kw_only=True)
class CheckRequest:
    """Check a query text inside a worker (under the worker's time and memory limits)."""

    text: str
    allowed_graphs: tuple[str, ...]
    base_iri: str | None = None


class ErrorKind(StrEnum):
    syntax = "syntax"
    refused = "refused"
    parameter = "parameter"
    store = "store"
    query = "query"
    limit = "limit"


@dataclass(frozen=True, kw_only=True)
class WorkerReply:
    result: PackedResult | None = None
    checked: CheckedQuery | None = None
    error_kind: ErrorKind | None = None
    #: The error as a catalogue message where it has one, so the parent can word it in the
    #: user's language (a Message pickles across the worker socket; a plain str is English).
    message: str | Message = ""


_RawTerm = tuple[str, str, str | None, str | None]


@dataclass(frozen=True)
class PackedResult:
    """A result on its way from a worker: each distinct term once, rows as indexes into them.

    Pickling thousands of small objects costs far more than the query; a table of distinct
    terms plus integer rows crosses the socket several times faster.
    """

    result: QueryResult
    terms: tuple[_RawTerm, ...]
    rows: tuple[tuple[int, ...], ...]
    triples: tuple[tuple[int, int, int], ...]

    @classmethod
    def pack(cls, result: QueryResult) -> PackedResult:
        index: dict[Term, int] = {}

        def number(term: Term | None) -> int:
            if term is None:
                return -1
            found = index.get(term)
            if found is None:
                found = index[term] = len(index)
            return found

        rows = tuple(tuple(number(t) for t in row) for row in result.rows)
        triples = tuple(
            (number(t.subject), number(t.predicate), number(t.object)) for t in result.triples
        )
        terms = tuple((t.kind, t.value, t.datatype, t.lang) for t in index)
        return cls(replace(result, rows=(), triples=()), terms, rows, triples)

    def unpack(self) -> QueryResult:
        table = [Term(*raw) for raw in self.terms]  # type: ignore[arg-type]
        rows = tuple(tuple(None if i < 0 else table[i] for i in row) for row in self.rows)
        triples = tuple(Triple(table[s], table[p], table[o]) for s, p, o in self.triples)
        return replace(self.result, rows=rows, triples=triples)


def error_from_reply(kind: ErrorKind, message: str | Message) -> BrnGraphError:
    if kind is ErrorKind.syntax:
        return QuerySyntaxError(message)
    if kind is ErrorKind.refused:
        return QueryRefusedError(message)
    if kind is ErrorKind.parameter:
        return ParameterError("value", message)
    if kind is ErrorKind.store:
        return StoreError(message)
    if kind is ErrorKind.limit:
        return QueryLimitError(message)
    return QueryError(message)


def reply_for_error(exc: BaseException) -> WorkerReply:
    if isinstance(exc, QuerySyntaxError):
        kind = ErrorKind.syntax
    elif isinstance(exc, QueryRefusedError):
        kind = ErrorKind.refused
    elif isinstance(exc, ParameterError):
        kind = ErrorKind.parameter
    elif isinstance(exc, StoreError):
        kind = ErrorKind.store
    elif isinstance(exc, MemoryError | QueryLimitError):
        kind = ErrorKind.limit
        if isinstance(exc, MemoryError):
            return WorkerReply(
                error_kind=kind,
                message="the query needed more memory than a query worker may use",
            )
    else:
        kind = ErrorKind.query
    if isinstance(exc, ParameterError):
        return WorkerReply(error_kind=kind, message=exc.reason)
    if isinstance(exc, BrnGraphError):
        return WorkerReply(error_kind=kind, message=exc.detail)
    return WorkerReply(error_kind=kind, message=f"{type(exc).__name__}: {exc}")


class _Executor:
    """Evaluates one request on one backend, inside a worker process."""

    label = ""

    def execute(self, request: WorkerRequest) -> QueryResult:
        raise NotImplementedError

    def _ask(self, request: WorkerRequest, answer: bool, start: float) -> QueryResult:
        """An ASK result."""
        return QueryResult(
            form="ASK",
            boolean=answer,
            cap=request.cap,
            store=self.label,
            engine_ms=elapsed_ms(start),
        )

    def _select(
        self,
        request: WorkerRequest,
        variables: tuple[str, ...],
        rows: Iterable[tuple[Term | None, ...]],
        start: float,
    ) -> QueryResult:
        """A SELECT result: the first ``request.cap`` rows, and whether there were more."""
        taken, truncated = _take(rows, request.cap)
        return QueryResult(
            form="SELECT",
            variables=variables,
            rows=tuple(taken),
            truncated=truncated,
            cap=request.cap,
            store=self.label,
            engine_ms=elapsed_ms(start),
        )

    def _graph(
        self, request: WorkerRequest, triples: Iterable[Triple], start: float
    ) -> QueryResult:
        """A CONSTRUCT or DESCRIBE result: the first ``request.cap`` triples."""
        taken, truncated = _take(triples, request.cap)
        return QueryResult(
            form=request.form,
            triples=tuple(taken),
            truncated=truncated,
            cap=request.cap,
            store=self.label,
            engine_ms=elapsed_ms(start),
        )


def _take(items: Iterable[Any], cap: int) -> tuple[list[Any], bool]:
    taken: list[Any] = []
    for item in items:
        if len(taken) == cap:
            return taken, True
        taken.append(item)
    return taken, False


def _cached_conversion() -> Callable[[Any], Term]:
    """Oxigraph term -> :class:`Term`, converting each distinct term once per result."""
    cache: dict[Any, Term] = {}

    def convert(term: Any) -> Term:
        known = cache.get(term)
        if known is None:
            known = cache[term] = Term.from_oxigraph(term)
        return known

    return convert


class _OxigraphExecutor(_Executor):
    """pyoxigraph straight (the store behind the oxrdflib Dataset): no rdflib term detour."""

    def __init__(self, store: ox.Store, label: str) -> None:
        self.store = store
        self.label = label

    def execute(self, request: WorkerRequest) -> QueryResult:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(name): term.to_oxigraph() for name, term in request.bindings
        }
        dataset: dict[str, Any] = {
            "use_default_graph_as_union": not request.has_dataset_clause,
        }
        if request.protocol_dataset is not None:
            defaults, named = request.protocol_dataset
            dataset = {
                "use_default_graph_as_union": False,
                "default_graph": [ox.NamedNode(g) for g in defaults],
                "named_graphs": [ox.NamedNode(g) for g in named],
            }
        start = time.perf_counter()
        try:
            answer = self.store.query(
                request.text,
                substitutions=substitutions or None,
                base_iri=request.base_iri,
                **dataset,
            )
            if isinstance(answer, ox.QueryBoolean):
                return self._ask(request, bool(answer), start)
            convert = _cached_conversion()
            if isinstance(answer, ox.QuerySolutions):
                variables = tuple(v.value for v in answer.variables)
                width = range(len(variables))
                rows = (
                    tuple(None if (value := solution[i]) is None else convert(value) for i in width)
                    for solution in answer
                )
                return self._select(request, variables, rows, start)
            triples = (
                Triple(convert(t.subject), convert(t.predicate), convert(t.object)) for t in answer
            )
            return self._graph(request, triples, start)
        except SyntaxError as exc:
            raise QuerySyntaxError(msg("errors.query.oxigraph_parse", reason=str(exc))) from exc
        except (OSError, RuntimeError) as exc:
            raise QueryError(msg("errors.query.failed", reason=str(exc))) from exc


class _RdflibExecutor(_Executor):
    """rdflib's own SPARQL engine over its in-memory store: the reference engine."""

    def __init__(self, open_store: OpenStore) -> None:
        self.dataset = open_store.dataset
        self.label = open_store.label

    def execute(self, request: WorkerRequest) -> QueryResult:
        bindings = {Variable(name): term.to_rdflib() for name, term in request.bindings}
        start = time.perf_counter()
        try:
            query: str | Any = request.text
            if request.protocol_dataset is not None:
                query = _with_dataset_clause(
                    request.text, *request.protocol_dataset, base_iri=request.base_iri
                )
            result = self.dataset.query(
                query,
                initBindings=bindings,  # type: ignore[arg-type]
                base=request.base_iri,
            )
            if result.type == "ASK":
                return self._ask(request, bool(result.askAnswer), start)
            if result.type == "SELECT":
                variables = tuple(str(v) for v in result.vars or ())
                rows = (
                    tuple(
                        None if value is None else Term.from_rdflib(value)
                        for value in cast("tuple[Node | None, ...]", row)
                    )
                    for row in result
                )
                return self._select(request, variables, rows, start)
            graph = result.graph
            assert graph is not None
            triples = (
                Triple(Term.from_rdflib(s), Term.from_rdflib(p), Term.from_rdflib(o))
                for s, p, o in graph
            )
            return self._graph(request, triples, start)
        except BrnGraphError:
            raise
        except RecursionError as exc:
            raise QueryError(msg("errors.query.nested_evaluate")) from exc
        except Exception as exc:  # rdflib raises plain Exceptions for evaluation errors
            raise QueryError(
                msg("errors.query.failed", reason=f"{type(exc).__name__}: {exc}")
            ) from exc


def _with_dataset_clause(
    text: str, defaults: tuple[str, ...], named: tuple[str, ...], base_iri: str | None = None
) -> Any:
    """The parsed query with its dataset replaced by the protocol's (rdflib's engine)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    query = translateQuery(parseQuery(text), base=base_iri)
    clause = [CompValue("DatasetClause", default=URIRef(g)) for g in defaults]
    clause += [CompValue("DatasetClause", named=URIRef(g)) for g in named]
    if not defaults:
        # an empty default graph, as the protocol says, rather than "no dataset at all"
        clause.insert(0, CompValue("DatasetClause", default=URIRef(_EMPTY_GRAPH)))
    query.algebra["datasetClause"] = clause
    return query


_EMPTY_GRAPH = "urn:x-brn-graph:empty-default-graph"


class _RemoteExecutor(_Executor):
    """A SPARQL 1.1 Protocol client for a remote endpoint (POST, JSON / N-Triples results)."""

    def __init__(self, url: str, label: str) -> None:
        self.url = url
        self.label = label

    def execute(self, request: WorkerRequest) -> QueryResult:
        text = values_clause_query(request.text, dict(request.bindings))
        accept = (
            "application/sparql-results+json"
            if request.form in ("SELECT", "ASK")
            else "application/n-triples"
        )
        # "query via URL-encoded POST" (SPARQL 1.1 Protocol 2.1.2): every endpoint supports
        # it; Virtuoso 7.2 never answers a direct POST (application/sparql-query).
        params = [("query", text)]
        dataset = request.protocol_dataset or request.query_dataset
        if dataset is not None:
            defaults, named = dataset
            params += [("default-graph-uri", g) for g in defaults]
            params += [("named-graph-uri", g) for g in named]
        http_request = urllib.request.Request(  # noqa: S310 - http(s) only (StoreSpec)
            self.url,
            data=urllib.parse.urlencode(params).encode("ascii"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            method="POST",
        )
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(http_request, timeout=request.timeout + 1) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            if 400 <= exc.code < 500:
                raise QueryError(
                    msg("errors.endpoint.refused", status=exc.code, reason=detail)
                ) from exc
            raise StoreError(
                msg("errors.endpoint.failed", url=self.url, status=exc.code, reason=detail)
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(msg("errors.endpoint.silent", url=self.url, reason=str(exc))) from exc
        if request.form in ("SELECT", "ASK"):
            return self._bindings(body, request, start)
        try:
            parsed = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            triples = (
                Triple(
                    Term.from_oxigraph(q.subject),
                    Term.from_oxigraph(q.predicate),
                    Term.from_oxigraph(q.object),
                )
                for q in parsed
            )
            return self._graph(request, triples, start)
        except SyntaxError as exc:
            raise StoreError(msg("errors.endpoint.ntriples", reason=str(exc))) from exc

    def _bindings(self, body: bytes, request: WorkerRequest, start: float) -> QueryResult:
        try:
            document = json.loads(body)
            if "boolean" in document:
                return self._ask(request, bool(document["boolean"]), start)
            variables = tuple(str(v) for v in document["head"]["vars"])
            rows = (
                tuple(
                    Term.from_sparql_json(cell) if (cell := binding.get(v)) else None
                    for v in variables
                )
                for binding in document["results"]["bindings"]
            )
            return self._select(request, variables, rows, start)
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(msg("errors.endpoint.json", reason=str(exc))) from exc


def elapsed_ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0
