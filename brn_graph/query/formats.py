"""Media types and serialisers for query results, and ``Accept``-header negotiation.

SELECT and ASK results serialise to the four W3C SPARQL 1.1 result formats (JSON, XML, CSV,
TSV); CONSTRUCT and DESCRIBE graphs to Turtle, JSON-LD, N-Triples and RDF/XML. Every
serialiser returns a string and touches neither disk nor network: JSON-LD gets an inline
context built from :data:`~brn_graph.namespaces.PREFIXES`, never a remote one.

SPARQL JSON output carries one extension member, ``"truncated"``, so that a client can tell a
result cut at the row cap from a complete one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import orjson
from rdflib import Graph

from brn_graph.errors import ConfigError
from brn_graph.graph.terms import QueryResult, Term
from brn_graph.namespaces import PREFIXES

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
JSON_LD = "application/ld+json"
N_TRIPLES = "application/n-triples"
RDF_XML = "application/rdf+xml"

#: Formats of SELECT/ASK results, the server's preference first.
BINDINGS_MEDIA_TYPES: tuple[str, ...] = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
#: Formats of CONSTRUCT/DESCRIBE graphs, the server's preference first.
GRAPH_MEDIA_TYPES: tuple[str, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)

#: Other names clients use for the same formats (``Accept: application/json`` ...).
ALIASES: dict[str, str] = {
    "application/json": SPARQL_JSON,
    "application/xml": SPARQL_XML,
    "text/xml": SPARQL_XML,
    "application/x-turtle": TURTLE,
    "application/json+ld": JSON_LD,
    "text/plain": N_TRIPLES,
    "application/ntriples": N_TRIPLES,
}

_RDFLIB_FORMATS = {TURTLE: "turtle", JSON_LD: "json-ld", N_TRIPLES: "nt", RDF_XML: "xml"}


@dataclass(frozen=True)
class Serialized:
    """A serialised result and the ``Content-Type`` to send with it."""

    media_type: str
    text: str

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8"


def serialize_result(result: QueryResult, media_type: str) -> str:
    """The text of ``result`` in ``media_type`` (see :func:`serialize`)."""
    return serialize(result, media_type).text


def media_types_for(result_form: str) -> tuple[str, ...]:
    """The media types a result of this form (SELECT, ASK, CONSTRUCT, DESCRIBE) can take."""
    if result_form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_MEDIA_TYPES
    return BINDINGS_MEDIA_TYPES


def serialize(result: QueryResult, media_type: str) -> Serialized:
    """``result`` in ``media_type`` (an alias is accepted); a :class:`ConfigError` otherwise."""
    wanted = ALIASES.get(media_type, media_type)
    if wanted not in media_types_for(result.form):
        offered = ", ".join(media_types_for(result.form))
        raise ConfigError(f"a {result.form} result cannot be given as {media_type}; use {offered}")
    if wanted == SPARQL_JSON:
        # The bytes of json.dumps(..., ensure_ascii=False, indent=2), whose indenting encoder
        # is pure Python (117 us for 5 rows; orjson 2 us).
        text = orjson.dumps(to_sparql_json(result), option=orjson.OPT_INDENT_2).decode() + "\n"
    elif wanted == SPARQL_XML:
        text = to_sparql_xml(result)
    elif wanted == CSV:
        text = to_csv(result)
    elif wanted == TSV:
        text = to_tsv(result)
    else:
        text = to_graph_text(result, wanted)
    return Serialized(media_type=wanted, text=text)


# --------------------------------------------------------------------------- bindings


def term_to_json(term: Term) -> dict[str, str]:
    """One RDF term as in ``application/sparql-results+json``.

    >>> term_to_json(Term.literal("da"))
    {'type': 'literal', 'value': 'da'}
    """
    if term.kind == "iri":
        return {"type": "uri", "value": term.value}
    if term.kind == "bnode":
        return {"type": "bnode", "value": term.value}
    cell = {"type": "literal", "value": term.value}
    if term.lang:
        cell["xml:lang"] = term.lang
    elif term.datatype:
        cell["datatype"] = term.datatype
    return cell


def to_sparql_json(result: QueryResult) -> dict[str, object]:
    """The W3C SPARQL 1.1 JSON result document (plus ``"truncated"``)."""
    if result.form == "ASK":
        return {"head": {}, "boolean": bool(result.boolean)}
    _require_bindings(result)
    bindings = [
        {v: term_to_json(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return {
        "head": {"vars": list(result.variables)},
        "results": {"bindings": bindings},
        "truncated": result.truncated,
    }


def to_sparql_xml(result: QueryResult) -> str:
    """The W3C SPARQL Query Results XML document."""
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write('<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head>\n')
    if result.form == "ASK":
        out.write("  </head>\n")
        out.write(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>\n</sparql>\n")
        return out.getvalue()
    _require_bindings(result)
    for v in result.variables:
        out.write(f"    <variable name={quoteattr(v)}/>\n")
    out.write("  </head>\n  <results>\n")
    for row in result.rows:
        out.write("    <result>\n")
        for v, t in zip(result.variables, row, strict=True):
            if t is None:
                continue
            out.write(f"      <binding name={quoteattr(v)}>{_xml_term(t)}</binding>\n")
        out.write("    </result>\n")
    out.write("  </results>\n</sparql>\n")
    return out.getvalue()


def _xml_term(term: Term) -> str:
    if term.kind == "iri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.lang:
        return f"<literal xml:lang={quoteattr(term.lang)}>{escape(term.value)}</literal>"
    if term.datatype:
        return f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def to_csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 CSV: lexical values only, CRLF line ends (an ASK gives one cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.form == "ASK":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buffer.getvalue()
    _require_bindings(result)
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_cell(t) for t in row])
    return buffer.getvalue()


def _csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value


def to_tsv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 TSV: terms in N-Triples syntax, one row per line."""
    if result.form == "ASK":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    _require_bindings(result)
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join("" if t is None else t.n3() for t in row) for row in result.rows)
    return "\n".join(lines) + "\n"


def _require_bindings(result: QueryResult) -> None:
    if result.form not in ("SELECT", "ASK"):
        raise ConfigError(f"a {result.form} result is a graph; use a graph format")


# --------------------------------------------------------------------------- graphs


def result_graph(result: QueryResult) -> Graph:
    """A new rdflib Graph of a CONSTRUCT/DESCRIBE result, with the project prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for t in result.triples:
        graph.add((t.subject.to_rdflib(), t.predicate.to_rdflib(), t.object.to_rdflib()))
    return graph


def to_graph_text(result: QueryResult, media_type: str) -> str:
    """A CONSTRUCT/DESCRIBE result as Turtle, JSON-LD (inline context), N-Triples or RDF/XML."""
    if result.form not in ("CONSTRUCT", "DESCRIBE"):
        raise ConfigError(f"a {result.form} result is a table; use a table format")
    graph = result_graph(result)
    rdflib_format = _RDFLIB_FORMATS[media_type]
    if media_type == JSON_LD:
        context = dict(PREFIXES)
        return graph.serialize(format=rdflib_format, context=context, indent=2)
    return graph.serialize(format=rdflib_format)


# --------------------------------------------------------------------------- negotiation


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return (self.type in ("*", main)) and (self.subtype in ("*", sub))

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str) -> list[_Range]:
    """The media ranges of an ``Accept`` header with their q-values (invalid parts skipped)."""
    ranges: list[_Range] = []
    for order, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        if media == "*":
            media = "*/*"
        main, slash, sub = media.partition("/")
        if not slash or not main or not sub or (main == "*" and sub != "*"):
            continue
        q = 1.0
        for param in pieces[1:]:
            name, eq, value = param.partition("=")
            if eq and name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                q = min(max(q, 0.0), 1.0)
        media = ALIASES.get(media, media)
        main, _, sub = media.partition("/")
        ranges.append(_Range(main, sub, q, order))
    return ranges


def negotiate(accept: str | None, available: Sequence[str]) -> str | None:
    """The best of ``available`` for an ``Accept`` header, or ``None`` when none is acceptable.

    The most specific matching range decides a type's q-value (RFC 9110); among equal
    q-values the server's order of ``available`` wins. No header means the first type.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", BINDINGS_MEDIA_TYPES)
    'application/sparql-results+json'
    >>> negotiate("text/*;q=0.9, text/csv;q=0.1", BINDINGS_MEDIA_TYPES)
    'text/tab-separated-values'
    >>> negotiate("image/png", BINDINGS_MEDIA_TYPES) is None
    True
    """
    if not available:
        return None
    if accept is None or not accept.strip():
        return available[0]
    ranges = parse_accept(accept)
    if not ranges:
        return available[0]
    best: tuple[float, int] | None = None
    chosen: str | None = None
    for preference, media_type in enumerate(available):
        matching = [r for r in ranges if r.matches(media_type)]
        if not matching:
            continue
        top = max(matching, key=lambda r: (r.specificity, r.q))
        if top.q <= 0:
            continue
        score = (top.q, -preference)
        if best is None or score > best:
            best, chosen = score, media_type
    return chosen


def negotiate_result(accept: str | None, result_form: str) -> str | None:
    """:func:`negotiate` over the media types a result of ``result_form`` can take."""
    return negotiate(accept, media_types_for(result_form))
