"""Run read-only SPARQL queries safely: checked first, bound by value, capped, and killable.

Three layers:

1. :func:`check_query` parses a query with rdflib's SPARQL parser *before* anything is
   evaluated and refuses what a read-only analyst service must not run: updates (``INSERT``,
   ``LOAD``, ``DROP`` ...), ``SERVICE`` anywhere in the algebra (federation would make the
   process open connections), and ``FROM``/``FROM NAMED`` naming anything but a named graph
   of the loaded Dataset (rdflib would fetch ``http:`` and read ``file:`` addresses).
2. Values enter a query only as RDF terms (:class:`Term`) bound to projected variables
   through each engine's binding mechanism: Oxigraph ``substitutions``, rdflib
   ``initBindings``; a remote endpoint, which has no such mechanism in the protocol, gets the
   terms in a ``VALUES`` block at the start of the ``WHERE`` group, written by Oxigraph's term
   serialiser from validated terms (never from raw text).
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

The engine is thread-safe: :meth:`QueryEngine.run` may be called from many threads (one
query per worker at a time; callers wait for a free worker within their own time limit).
Nothing is started at import time; :meth:`QueryEngine.close` (or the context manager) stops
every process it started.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import json
import multiprocessing
import os
import queue
import re
import signal
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from multiprocessing.connection import Connection
from multiprocessing.reduction import recv_handle, send_handle
from typing import TYPE_CHECKING, Any, Literal, cast

import pyoxigraph as ox
from rdflib import BNode, URIRef, Variable
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from brn_graph.config import Settings
from brn_graph.errors import (
    BrnGraphError,
    ConfigError,
    ParameterError,
    QueryError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    StoreError,
)

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
    from multiprocessing.process import BaseProcess

    from brn_graph.store import OpenStore, StoreSpec

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: Longest query text accepted (characters); longer texts are refused before parsing.
MAX_QUERY_CHARS = 100_000

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
StartMethod = Literal["spawn", "fork", "forkserver", "auto"]

# --------------------------------------------------------------------------- terms


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result or a binding, engine-independent and picklable.

    Simple literals are plain: an ``xsd:string`` datatype (which Oxigraph reports and rdflib
    does not) is dropped, so terms from every backend compare equal. Language tags are
    lower-case.

    >>> Term.literal("500", datatype=XSD + "integer").python()
    500
    >>> Term.literal("Aalborg", lang="DA").n3()
    '"Aalborg"@da'
    >>> Term.iri("https://w3id.org/brn-graph/id/cluster/made").n3()
    '<https://w3id.org/brn-graph/id/cluster/made>'
    """

    kind: Literal["iri", "bnode", "literal"]
    value: str
    datatype: str | None = None
    lang: str | None = None

    @classmethod
    def iri(cls, value: str) -> Term:
        return cls("iri", value)

    @classmethod
    def literal(cls, value: str, *, datatype: str | None = None, lang: str | None = None) -> Term:
        if lang:
            return cls("literal", value, None, lang.lower())
        if datatype in (None, XSD_STRING):
            return cls("literal", value)
        return cls("literal", value, datatype)

    @classmethod
    def from_rdflib(cls, node: Node) -> Term:
        if isinstance(node, URIRef):
            return cls("iri", str(node))
        if isinstance(node, BNode):
            return cls("bnode", str(node))
        if isinstance(node, RdfLiteral):
            return cls.literal(
                str(node),
                datatype=str(node.datatype) if node.datatype else None,
                lang=node.language,
            )
        raise TypeError(f"unsupported term {node!r}")

    @classmethod
    def from_oxigraph(cls, term: object) -> Term:
        if isinstance(term, ox.NamedNode):
            return cls("iri", term.value)
        if isinstance(term, ox.BlankNode):
            return cls("bnode", term.value)
        if isinstance(term, ox.Literal):
            return cls.literal(term.value, datatype=term.datatype.value, lang=term.language)
        raise TypeError(f"unsupported term {term!r}")

    @classmethod
    def from_sparql_json(cls, cell: Mapping[str, str]) -> Term:
        """A term from one cell of ``application/sparql-results+json``."""
        kind = cell.get("type")
        if kind == "uri":
            return cls("iri", cell["value"])
        if kind == "bnode":
            return cls("bnode", cell["value"])
        if kind in {"literal", "typed-literal"}:
            return cls.literal(
                cell["value"], datatype=cell.get("datatype"), lang=cell.get("xml:lang")
            )
        raise ValueError(f"unsupported SPARQL JSON term {cell!r}")

    def to_rdflib(self) -> Node:
        if self.kind == "iri":
            return URIRef(self.value)
        if self.kind == "bnode":
            return BNode(self.value)
        if self.lang:
            return RdfLiteral(self.value, lang=self.lang)
        if self.datatype:
            return RdfLiteral(self.value, datatype=URIRef(self.datatype))
        return RdfLiteral(self.value)

    def to_oxigraph(self) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        """The Oxigraph term; raises ``ValueError`` for an invalid IRI or language tag."""
        if self.kind == "iri":
            return ox.NamedNode(self.value)
        if self.kind == "bnode":
            return ox.BlankNode(self.value)
        if self.lang:
            return ox.Literal(self.value, language=self.lang)
        if self.datatype:
            return ox.Literal(self.value, datatype=ox.NamedNode(self.datatype))
        return ox.Literal(self.value)

    def n3(self) -> str:
        """The term in N-Triples/SPARQL syntax, escaped by Oxigraph's serialiser."""
        return str(self.to_oxigraph())

    @property
    def effective_datatype(self) -> str:
        if self.lang:
            return RDF_LANGSTRING
        return self.datatype or XSD_STRING

    def python(self) -> str | int | float | bool:
        """A JSON-friendly value: numbers and booleans as such, everything else as text."""
        if self.kind != "literal" or not self.datatype:
            return self.value
        local = self.datatype[len(XSD) :] if self.datatype.startswith(XSD) else ""
        try:
            if local in _INTEGER_TYPES:
                return int(self.value)
            if local in {"decimal", "double", "float"}:
                return float(self.value)
            if local == "boolean":
                return self.value.strip() in {"true", "1"}
        except ValueError:
            return self.value
        return self.value

    def __str__(self) -> str:
        return self.value


_INTEGER_TYPES = frozenset(
    {
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    }
)


@dataclass(frozen=True, slots=True)
class Triple:
    """One triple of a CONSTRUCT or DESCRIBE result."""

    subject: Term
    predicate: Term
    object: Term


@dataclass(frozen=True, kw_only=True)
class QueryResult:
    """The complete, bounded result of one query.

    ``rows`` holds one tuple per solution, aligned with ``variables`` (``None`` where a
    variable is unbound); ``triples`` the graph of a CONSTRUCT/DESCRIBE query; ``boolean``
    the answer of an ASK query. ``truncated`` says the engine had more than ``cap``
    rows/triples and only the first ``cap`` are here.
    """

    form: QueryForm
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()
    truncated: bool = False
    cap: int
    store: str = ""
    engine_ms: float = 0.0
    elapsed_ms: float = 0.0

    def records(self) -> list[dict[str, Term]]:
        """The rows as mappings from variable to term (unbound variables left out)."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def column(self, variable: str) -> list[Term | None]:
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]

    def __len__(self) -> int:
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            return len(self.triples)
        return len(self.rows)


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True, kw_only=True)
class CheckedQuery:
    """A query that parsed and passed the safety checks; ready to run on any backend."""

    text: str
    form: QueryForm
    variables: tuple[str, ...]
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset_clause(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

_UPDATE_NAMES = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}


def check_query(text: str, *, allowed_graphs: Collection[str] | None = None) -> CheckedQuery:
    """Parse ``text`` and refuse anything a read-only service must not evaluate.

    ``allowed_graphs`` are the named graphs ``FROM``/``FROM NAMED`` may name (the local
    graphs of the Dataset); ``None`` refuses every dataset clause.

    >>> check_query("SELECT ?s WHERE { ?s ?p ?o }").variables
    ('s',)
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    brn_graph.errors.QueryRefusedError: SERVICE <http://example.org/sparql> is not allowed: ...
    """
    from rdflib.plugins.sparql.algebra import traverse
    from rdflib.plugins.sparql.parserutils import CompValue

    if not text.strip():
        raise QuerySyntaxError("the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefusedError(
            f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS:,}"
        )
    with _RDFLIB_PARSER_LOCK:
        translated = _translate(text)

    algebra = translated.algebra
    services: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            target = node.get("term")
            services.append(target.n3() if hasattr(target, "n3") else str(target))

    traverse(algebra, visitPre=visit)
    if services:
        raise QueryRefusedError(
            f"SERVICE {services[0]} is not allowed: federated queries are off, a query may "
            "only read the loaded data"
        )
    _keyword_backstop(text)

    default_graphs: list[str] = []
    named_graphs: list[str] = []
    allowed = set(allowed_graphs or ())
    for clause in algebra.get("datasetClause") or ():
        # (CompValue.get returns the key itself for a missing key: test membership)
        keyword = "FROM" if "default" in clause else "FROM NAMED"
        iri = clause["default"] if "default" in clause else clause["named"]
        if str(iri) not in allowed:
            raise QueryRefusedError(
                f"{keyword} <{iri}> is not allowed: FROM and FROM NAMED may only name the "
                "named graphs of the loaded data (one per file, e.g. "
                "<https://w3id.org/brn-graph/graph/data/clusters>); remote or file "
                "addresses are never fetched"
            )
        (default_graphs if keyword == "FROM" else named_graphs).append(str(iri))

    form = _FORMS.get(algebra.name)
    if form is None:  # pragma: no cover - parseQuery only yields the four forms
        raise QuerySyntaxError(f"unsupported query form {algebra.name}")
    variables: tuple[str, ...] = ()
    if form == "SELECT":
        variables = tuple(str(v) for v in algebra.get("PV") or ())
    return CheckedQuery(
        text=text,
        form=form,
        variables=variables,
        default_graphs=tuple(default_graphs),
        named_graphs=tuple(named_graphs),
    )


# rdflib's SPARQL grammar (pyparsing) is one object per process and is not thread-safe:
# parsing from two threads at once fails with spurious errors. Every parse goes through
# this lock (a parse takes milliseconds; evaluation, the slow part, runs in the workers).
_RDFLIB_PARSER_LOCK = threading.Lock()


def _translate(text: str) -> Any:
    """rdflib's parse and algebra translation, with errors turned into library errors."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except RecursionError as exc:
        raise QuerySyntaxError("the query is nested too deeply to parse") from exc
    except Exception as exc:  # pyparsing.ParseException and ValueError (bad \u escape)
        update = _update_operation(text)
        if update is not None:
            raise QueryRefusedError(
                f"{update} is not allowed: this service is read-only and runs queries only "
                "(SELECT, ASK, CONSTRUCT, DESCRIBE)"
            ) from exc
        raise QuerySyntaxError(f"the query does not parse: {_parser_message(exc)}") from exc
    try:
        return translateQuery(parsed)
    except RecursionError as exc:
        raise QuerySyntaxError("the query is nested too deeply to parse") from exc
    except Exception as exc:  # unknown prefix, variable reused in BIND, ...
        raise QuerySyntaxError(f"the query is not valid: {exc}") from exc


def _update_operation(text: str) -> str | None:
    """The name of the first operation when ``text`` is a SPARQL update, else None."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except RecursionError:
        return "SPARQL Update"
    except Exception:
        return _update_keyword(text)
    for request in parsed.get("request") or ():
        name = getattr(request, "name", "")
        return _UPDATE_NAMES.get(name, "SPARQL Update")
    return "SPARQL Update"


_UPDATE_KEYWORD = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|INSERT|DELETE|WITH)\b",
    re.IGNORECASE,
)


def _update_keyword(text: str) -> str | None:
    """An update keyword at the start of a text that does not parse at all."""
    match = _UPDATE_KEYWORD.match(_strip_comments(text))
    return match.group(1).upper() if match else None


def _parser_message(exc: BaseException) -> str:
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    if line is not None and col is not None:
        return f"{message} (line {line}, column {col})"
    return message


# A lexer that knows just enough SPARQL to skip comments, strings and IRIs.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[A-Za-z][\w\-.]*)?:[\w\-.:%]*)
  | (?P<word>[A-Za-z_]\w*)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str) -> Iterator[re.Match[str]]:
    position = 0
    while position < len(text):
        match = _TOKEN.search(text, position)
        if match is None:
            return
        yield match
        position = match.end()


def _strip_comments(text: str) -> str:
    return "".join(
        text[m.start() : m.end()] if m.lastgroup != "comment" else " " for m in _tokens(text)
    )


def _keyword_backstop(text: str) -> None:
    """A second, lexical guard against SERVICE and LOAD (in case two parsers ever disagree)."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError as exc:
        raise QuerySyntaxError(f"the query has an invalid escape: {exc}") from exc
    for match in _tokens(expanded):
        if match.lastgroup != "word":
            continue
        word = match.group()
        if word.upper() in {"SERVICE", "LOAD"}:
            raise QueryRefusedError(
                f"{word.upper()} is not allowed: a query may only read the loaded data"
            )


def values_clause_query(text: str, bindings: Mapping[str, Term]) -> str:
    """``text`` with ``bindings`` as a one-row ``VALUES`` block opening its ``WHERE`` group.

    This is how a remote endpoint (which has no binding mechanism in the SPARQL protocol)
    receives parameter values. Each term is written by Oxigraph's serialiser, which refuses
    an invalid IRI, so a value can never become query syntax.

    >>> values_clause_query("SELECT ?c WHERE { ?c a ?k }", {"c": Term.iri("http://x.org/c")})
    'SELECT ?c WHERE { VALUES (?c) { (<http://x.org/c>) } ?c a ?k }'
    """
    if not bindings:
        return text
    depth = 0
    after_where = False
    for match in _tokens(text):
        group = match.lastgroup
        if group == "word" and depth == 0 and match.group().upper() == "WHERE":
            after_where = True
        elif group == "open":
            if depth == 0 and after_where:
                names = " ".join(f"?{_check_variable(name)}" for name in bindings)
                try:
                    values = " ".join(term.n3() for term in bindings.values())
                except ValueError as exc:
                    raise ParameterError("value", f"not a valid RDF term: {exc}") from exc
                block = f" VALUES ({names}) {{ ({values}) }}"
                return text[: match.end()] + block + text[match.end() :]
            depth += 1
        elif group == "close":
            depth -= 1
    raise ParameterError(
        next(iter(bindings)),
        "parameters need a query with an explicit WHERE clause to run on a remote endpoint",
    )


_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _check_variable(name: str) -> str:
    if not _VARIABLE_NAME.match(name):
        raise ParameterError(name, "not a valid variable name")
    return name


def check_bindings(query: CheckedQuery, bindings: Mapping[str, Term]) -> None:
    """Refuse bindings the engines cannot apply alike: only projected SELECT variables."""
    for name in bindings:
        _check_variable(name)
        if query.form != "SELECT":
            raise ParameterError(name, f"parameters need a SELECT query, not {query.form}")
        if name not in query.variables:
            raise ParameterError(
                name,
                "a parameter must be a result column of the query "
                f"(SELECT ... ?{name} ...); the columns are: {', '.join(query.variables)}",
            )
        try:
            bindings[name].to_oxigraph()
        except ValueError as exc:
            raise ParameterError(name, f"not a valid RDF term: {exc}") from exc


# --------------------------------------------------------------------------- executors


@dataclass(frozen=True, kw_only=True)
class _Request:
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


class _ErrorKind(StrEnum):
    syntax = "syntax"
    refused = "refused"
    parameter = "parameter"
    store = "store"
    query = "query"


@dataclass(frozen=True, kw_only=True)
class _Reply:
    result: _Packed | None = None
    error_kind: _ErrorKind | None = None
    message: str = ""


_RawTerm = tuple[str, str, str | None, str | None]


@dataclass(frozen=True)
class _Packed:
    """A result on its way from a worker: each distinct term once, rows as indexes into them.

    Pickling thousands of small objects costs far more than the query; a table of distinct
    terms plus integer rows crosses the socket several times faster.
    """

    result: QueryResult
    terms: tuple[_RawTerm, ...]
    rows: tuple[tuple[int, ...], ...]
    triples: tuple[tuple[int, int, int], ...]

    @classmethod
    def pack(cls, result: QueryResult) -> _Packed:
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


def _error_from_reply(kind: _ErrorKind, message: str) -> BrnGraphError:
    if kind is _ErrorKind.syntax:
        return QuerySyntaxError(message)
    if kind is _ErrorKind.refused:
        return QueryRefusedError(message)
    if kind is _ErrorKind.parameter:
        return ParameterError("value", message)
    if kind is _ErrorKind.store:
        return StoreError(message)
    return QueryError(message)


def _reply_for_error(exc: BaseException) -> _Reply:
    if isinstance(exc, QuerySyntaxError):
        kind = _ErrorKind.syntax
    elif isinstance(exc, QueryRefusedError):
        kind = _ErrorKind.refused
    elif isinstance(exc, ParameterError):
        kind = _ErrorKind.parameter
    elif isinstance(exc, StoreError):
        kind = _ErrorKind.store
    else:
        kind = _ErrorKind.query
    message = str(exc) if isinstance(exc, BrnGraphError) else f"{type(exc).__name__}: {exc}"
    return _Reply(error_kind=kind, message=message)


class _Executor:
    """Evaluates one request on one backend, inside a worker process."""

    label = ""

    def execute(self, request: _Request) -> QueryResult:
        raise NotImplementedError


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

    def execute(self, request: _Request) -> QueryResult:
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
            answer = self.store.query(request.text, substitutions=substitutions or None, **dataset)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult(
                    form="ASK",
                    boolean=bool(answer),
                    cap=request.cap,
                    store=self.label,
                    engine_ms=_ms(start),
                )
            if isinstance(answer, ox.QuerySolutions):
                variables = tuple(v.value for v in answer.variables)
                width = range(len(variables))
                convert = _cached_conversion()
                rows, truncated = _take(
                    (
                        tuple(
                            None if (value := solution[i]) is None else convert(value)
                            for i in width
                        )
                        for solution in answer
                    ),
                    request.cap,
                )
                return QueryResult(
                    form="SELECT",
                    variables=variables,
                    rows=tuple(rows),
                    truncated=truncated,
                    cap=request.cap,
                    store=self.label,
                    engine_ms=_ms(start),
                )
            convert = _cached_conversion()
            triples, truncated = _take(
                (
                    Triple(convert(t.subject), convert(t.predicate), convert(t.object))
                    for t in answer
                ),
                request.cap,
            )
        except SyntaxError as exc:
            raise QuerySyntaxError(f"Oxigraph cannot parse the query: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc
        return QueryResult(
            form=request.form,
            triples=tuple(triples),
            truncated=truncated,
            cap=request.cap,
            store=self.label,
            engine_ms=_ms(start),
        )


class _RdflibExecutor(_Executor):
    """rdflib's own SPARQL engine over its in-memory store: the reference engine."""

    def __init__(self, open_store: OpenStore) -> None:
        self.dataset = open_store.dataset
        self.label = open_store.label

    def execute(self, request: _Request) -> QueryResult:
        bindings = {Variable(name): term.to_rdflib() for name, term in request.bindings}
        start = time.perf_counter()
        try:
            query: str | Any = request.text
            if request.protocol_dataset is not None:
                query = _with_dataset_clause(request.text, *request.protocol_dataset)
            result = self.dataset.query(query, initBindings=bindings)  # type: ignore[arg-type]
            if result.type == "ASK":
                return QueryResult(
                    form="ASK",
                    boolean=bool(result.askAnswer),
                    cap=request.cap,
                    store=self.label,
                    engine_ms=_ms(start),
                )
            if result.type == "SELECT":
                variables = tuple(str(v) for v in result.vars or ())
                rows, truncated = _take(
                    (
                        tuple(
                            None if value is None else Term.from_rdflib(value)
                            for value in cast("tuple[Node | None, ...]", row)
                        )
                        for row in result
                    ),
                    request.cap,
                )
                return QueryResult(
                    form="SELECT",
                    variables=variables,
                    rows=tuple(rows),
                    truncated=truncated,
                    cap=request.cap,
                    store=self.label,
                    engine_ms=_ms(start),
                )
            graph = result.graph
            assert graph is not None
            triples, truncated = _take(
                (
                    Triple(Term.from_rdflib(s), Term.from_rdflib(p), Term.from_rdflib(o))
                    for s, p, o in graph
                ),
                request.cap,
            )
        except BrnGraphError:
            raise
        except RecursionError as exc:
            raise QueryError("the query is nested too deeply to evaluate") from exc
        except Exception as exc:  # rdflib raises plain Exceptions for evaluation errors
            raise QueryError(f"the query failed: {type(exc).__name__}: {exc}") from exc
        return QueryResult(
            form=request.form,
            triples=tuple(triples),
            truncated=truncated,
            cap=request.cap,
            store=self.label,
            engine_ms=_ms(start),
        )


def _with_dataset_clause(text: str, defaults: tuple[str, ...], named: tuple[str, ...]) -> Any:
    """The parsed query with its dataset replaced by the protocol's (rdflib's engine)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    query = translateQuery(parseQuery(text))
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

    def execute(self, request: _Request) -> QueryResult:
        text = values_clause_query(request.text, dict(request.bindings))
        accept = (
            "application/sparql-results+json"
            if request.form in ("SELECT", "ASK")
            else "application/n-triples"
        )
        url = self.url
        dataset = request.protocol_dataset or request.query_dataset
        if dataset is not None:
            defaults, named = dataset
            params = [("default-graph-uri", g) for g in defaults]
            params += [("named-graph-uri", g) for g in named]
            separator = "&" if urllib.parse.urlsplit(url).query else "?"
            url = url + separator + urllib.parse.urlencode(params) if params else url
        http_request = urllib.request.Request(  # noqa: S310 - http(s) only (StoreSpec)
            url,
            data=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-query", "Accept": accept},
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
                    f"the endpoint refused the query (HTTP {exc.code}): {detail}"
                ) from exc
            raise StoreError(f"the endpoint {self.url} failed (HTTP {exc.code}): {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"the endpoint {self.url} did not answer: {exc}") from exc
        if request.form in ("SELECT", "ASK"):
            return self._bindings(body, request, start)
        try:
            parsed = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            triples, truncated = _take(
                (
                    Triple(
                        Term.from_oxigraph(q.subject),
                        Term.from_oxigraph(q.predicate),
                        Term.from_oxigraph(q.object),
                    )
                    for q in parsed
                ),
                request.cap,
            )
        except SyntaxError as exc:
            raise StoreError(f"the endpoint sent invalid N-Triples: {exc}") from exc
        return QueryResult(
            form=request.form,
            triples=tuple(triples),
            truncated=truncated,
            cap=request.cap,
            store=self.label,
            engine_ms=_ms(start),
        )

    def _bindings(self, body: bytes, request: _Request, start: float) -> QueryResult:
        try:
            document = json.loads(body)
            if "boolean" in document:
                return QueryResult(
                    form="ASK",
                    boolean=bool(document["boolean"]),
                    cap=request.cap,
                    store=self.label,
                    engine_ms=_ms(start),
                )
            variables = tuple(str(v) for v in document["head"]["vars"])
            rows, truncated = _take(
                (
                    tuple(
                        Term.from_sparql_json(cell) if (cell := binding.get(v)) else None
                        for v in variables
                    )
                    for binding in document["results"]["bindings"]
                ),
                request.cap,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"the endpoint sent an invalid SPARQL JSON result: {exc}") from exc
        return QueryResult(
            form="SELECT",
            variables=variables,
            rows=tuple(rows),
            truncated=truncated,
            cap=request.cap,
            store=self.label,
            engine_ms=_ms(start),
        )


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000.0


# --------------------------------------------------------------------------- processes


@dataclass(frozen=True)
class _ZygoteConfig:
    """What the zygote needs to open the store (picklable for ``spawn``)."""

    settings: Settings
    parent_pid: int


@dataclass(frozen=True)
class _ZygoteReady:
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
        from brn_graph.store import read_only_disk_store

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


def _prepare(config: _ZygoteConfig, inherited: OpenStore | None) -> tuple[_Prepared, _ZygoteReady]:
    from brn_graph.store import StoreSpec, ensure_oxigraph_disk, open_remote, open_store

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
    ready = _ZygoteReady(
        label=spec.label,
        kind=spec.kind,
        graph_iris=graphs,
        open_seconds=time.perf_counter() - start,
    )
    return _Prepared(opened, spec, config.settings), ready


def _zygote_main(
    control: Connection, config: _ZygoteConfig, inherited: OpenStore | None = None
) -> None:
    """Open the store once (or keep the one inherited by fork), then fork workers on request."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the engine's business
    _die_with_parent()
    try:
        prepared, ready = _prepare(config, inherited)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            control.send(("error", _reply_for_error(exc)))
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
        conn.send(_reply_for_error(exc))
        return
    _harden(prepared.spec)
    conn.send(_Reply())  # ready
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            reply = _Reply(result=_Packed.pack(executor.execute(request)))
        except BaseException as exc:
            reply = _reply_for_error(exc)
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


# --------------------------------------------------------------------------- the engine


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
        self._ready: _ZygoteReady | None = None
        self._closed = False
        self._finalizer = weakref.finalize(self, _shutdown, self._state)

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
        return self

    def close(self) -> None:
        """Stop every process this engine started; later calls to :meth:`run` fail."""
        with self._lock:
            self._closed = True
            self._ready = None
        self._finalizer()

    @property
    def info(self) -> EngineInfo:
        ready = self._require_ready()
        zygote = self._state.zygote
        return EngineInfo(
            store=ready.label,
            kind=ready.kind,
            workers=self.size,
            live_workers=len(self._state.workers),
            graph_iris=ready.graph_iris,
            open_seconds=ready.open_seconds,
            zygote_pid=zygote.pid if zygote is not None else None,
            worker_pids=tuple(self._state.workers),
            worker_start_ms=statistics.median(self._start_ms) if self._start_ms else 0.0,
            workers_started=len(self._start_ms),
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
        config = _ZygoteConfig(settings=self.settings, parent_pid=os.getpid())
        process = ctx.Process(
            target=_zygote_main,
            args=(zygote_end, config, inherited),
            name="brn-graph-zygote",
            daemon=True,
        )
        process.start()
        zygote_end.close()
        self._state.zygote = process
        self._state.control = control
        try:
            message = control.recv()
        except (EOFError, OSError) as exc:
            _shutdown(self._state)
            raise StoreError("the query engine stopped while opening the store") from exc
        if message[0] == "error":
            _shutdown(self._state)
            reply: _Reply = message[1]
            assert reply.error_kind is not None
            raise _error_from_reply(reply.error_kind, reply.message)
        self._ready = message[1]

    def _fork_worker(self) -> _Worker:
        """A new worker, forked by the zygote (call with ``self._lock`` held)."""
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
            first: _Reply = worker.conn.recv()
        except (EOFError, OSError) as exc:
            worker.kill()
            raise StoreError("a query worker stopped while starting") from exc
        if first.error_kind is not None:
            worker.kill()
            raise _error_from_reply(first.error_kind, first.message)
        self._state.workers[pid] = worker
        self._start_ms.append(_ms(started))
        return worker

    def _require_ready(self) -> _ZygoteReady:
        ready = self._ready
        if ready is None:
            self.start()
            ready = self._ready
        assert ready is not None
        return ready

    # -- queries ---------------------------------------------------------------------

    def check(self, text: str) -> CheckedQuery:
        """:func:`check_query` against the named graphs of this engine's store."""
        return check_query(text, allowed_graphs=self._require_ready().graph_iris)

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
        """Check (when given text), then evaluate ``query`` in a worker.

        ``timeout`` (seconds) and ``result_cap`` may lower the engine's limits from the
        settings, never raise them. ``default_graphs``/``named_graphs`` are the SPARQL
        protocol's ``default-graph-uri``/``named-graph-uri``: when either is given they
        replace the query's FROM/FROM NAMED, and each must name a local named graph.

        Raises :class:`QueryTimeoutError` when the limit passes (the worker is killed and
        replaced), :class:`QuerySyntaxError` / :class:`QueryRefusedError` before evaluation,
        :class:`StoreError` when a backend fails.
        """
        started = time.perf_counter()
        checked = self.check(query) if isinstance(query, str) else query
        bindings = dict(bindings or {})
        check_bindings(checked, bindings)
        limit = self.settings.query_timeout if timeout is None else timeout
        if limit <= 0:
            raise ConfigError("the query timeout must be positive")
        limit = min(limit, self.settings.query_timeout)
        cap = self.settings.result_cap if result_cap is None else result_cap
        if cap < 1:
            raise ConfigError("the result cap must be at least 1")
        cap = min(cap, self.settings.result_cap)
        protocol_dataset = self._protocol_dataset(default_graphs, named_graphs)
        request = _Request(
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
        )
        deadline = time.monotonic() + limit
        worker = self._acquire(deadline, limit)
        healthy = False
        try:
            worker.conn.send(request)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeoutError(limit)
            reply: _Reply = worker.conn.recv()
            healthy = True
        except (EOFError, OSError) as exc:
            raise StoreError(
                "the query worker stopped unexpectedly (out of memory?); try a narrower query"
            ) from exc
        finally:
            self._release(worker, healthy=healthy)
        if reply.error_kind is not None:
            raise _error_from_reply(reply.error_kind, reply.message)
        assert reply.result is not None
        return _with_elapsed(reply.result.unpack(), started)

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
            if worker.pid in self._state.workers:
                return worker
            # a worker closed by close() while idle: skip it

    def _release(self, worker: _Worker, *, healthy: bool) -> None:
        if healthy and not self._closed:
            worker.queries += 1
            self._idle.put(worker)
            return
        worker.kill()
        with self._lock:
            self._state.workers.pop(worker.pid, None)
            if self._closed or self._state.control is None:
                return
            # Replace it now, so the next query does not pay for the fork.
            with contextlib.suppress(BrnGraphError):
                self._idle.put(self._fork_worker())


def _context(method: StartMethod) -> SpawnContext | ForkContext | ForkServerContext:
    if method == "fork":
        return multiprocessing.get_context("fork")
    if method == "forkserver":
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _with_elapsed(result: QueryResult, started: float) -> QueryResult:
    return replace(result, elapsed_ms=_ms(started))


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
