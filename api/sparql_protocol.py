"""The SPARQL 1.1 Protocol over the query layer: check, negotiate, run, serialise.

Kept apart from the route so it can be read (and tested) as one flow:

1. the query is checked by the query layer (syntax, updates, SERVICE, LOAD, FROM) before
   anything runs;
2. the answer format is negotiated for the query form (406 when nothing fits);
3. ``default-graph-uri`` / ``named-graph-uri`` must name local named graphs;
4. the engine runs the query in a killable worker within the time limit and the row cap;
5. the result is serialised by :mod:`brn_graph.query.formats`; a truncated result says so in the
   ``X-BRN-Truncated`` header (and the row cap in ``X-BRN-Result-Cap``), and in the body
   wherever the format has room for it without changing the data: SPARQL JSON a
   ``"truncated": true`` member; SPARQL XML a ``<link href="urn:x-brn-graph:truncated"/>``
   in its head; Turtle and N-Triples a closing ``# truncated ...`` comment; RDF/XML a closing
   XML comment. CSV, TSV and JSON-LD have no such room: the header only.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from fastapi import HTTPException
from fastapi.responses import Response

from api.state import ServiceState
from brn_graph.errors import QueryTimeoutError
from brn_graph.graph.terms import QueryResult, Term, Triple
from brn_graph.i18n.message import message as msg
from brn_graph.query import formats
from brn_graph.query.check import CheckedQuery

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"

RESULT_MEDIA_TYPES: tuple[str, ...] = formats.BINDINGS_MEDIA_TYPES
GRAPH_MEDIA_TYPES: tuple[str, ...] = formats.GRAPH_MEDIA_TYPES
#: The W3C format IRIs of what the endpoint serves (for the service description).
FORMAT_IRIS: tuple[str, ...] = (
    FORMATS + "SPARQL_Results_JSON",
    FORMATS + "SPARQL_Results_XML",
    FORMATS + "SPARQL_Results_CSV",
    FORMATS + "SPARQL_Results_TSV",
    FORMATS + "Turtle",
    FORMATS + "JSON-LD",
    FORMATS + "N-Triples",
    FORMATS + "RDF_XML",
)


@dataclass(frozen=True, kw_only=True)
class ProtocolRequest:
    """One query operation as the protocol delivers it."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str | None = None
    #: Who asks (the client address): each client gets a fair share of the workers.
    client: str | None = None


def refuse_update() -> None:
    """Updates are forbidden here, whatever they would do: 403 before anything is parsed."""
    raise HTTPException(
        status_code=403,
        detail=msg("errors.sparql.update"),
    )


def prefers_html(accept: str | None) -> bool:
    """Whether a client without a query wants the editor page rather than the description.

    >>> prefers_html("text/html,application/xhtml+xml,*/*;q=0.8")
    True
    >>> prefers_html("text/turtle"), prefers_html(None), prefers_html("*/*")
    (False, False, False)
    """
    if not accept:
        return False
    # HTML last: a client that accepts anything (*/*) gets the description, not a page.
    best = formats.negotiate(accept, (*GRAPH_MEDIA_TYPES, "text/html"))
    return best == "text/html"


def execute(state: ServiceState, request: ProtocolRequest) -> Response:
    """Check, negotiate, run and serialise one query (blocking: call it in a thread)."""
    started = time.monotonic()
    checked = state.engine.check(request.query, client=request.client)
    media_type = negotiate_for(checked, request.accept)
    # The check and the evaluation share the one time limit.
    left = state.settings.query_timeout - (time.monotonic() - started)
    if left <= 0:
        raise QueryTimeoutError(state.settings.query_timeout)
    try:
        result = state.engine.run(
            checked,
            timeout=left,
            default_graphs=request.default_graphs or None,
            named_graphs=request.named_graphs or None,
            client=request.client,
        )
    except QueryTimeoutError:
        raise QueryTimeoutError(state.settings.query_timeout) from None
    return _respond(result, media_type)


def execute_checked(
    state: ServiceState,
    checked: CheckedQuery,
    bindings: Mapping[str, Term],
    accept: str | None,
) -> Response:
    """Run an already checked query (a catalogue query) with bindings; negotiated answer."""
    media_type = negotiate_for(checked, accept)
    return _respond(state.engine.run(checked, bindings=bindings, catalogue=True), media_type)


def negotiate_for(checked: CheckedQuery, accept: str | None) -> str:
    """The media type to answer ``checked`` in; 406 when ``accept`` allows none."""
    offered = RESULT_MEDIA_TYPES if checked.form in ("SELECT", "ASK") else GRAPH_MEDIA_TYPES
    media_type = formats.negotiate(accept, offered)
    if media_type is None:
        raise HTTPException(
            status_code=406,
            detail=msg(
                "errors.sparql.not_acceptable", accept=accept, form=checked.form, offered=offered
            ),
        )
    return media_type


#: The link a truncated SPARQL XML result carries in its head.
TRUNCATED_LINK = "urn:x-brn-graph:truncated"


def mark_truncated(body: str, media_type: str, cap: int) -> str:
    """``body`` with a truncation marker where ``media_type`` has room for one.

    >>> mark_truncated("@prefix a: <x:> .", "text/turtle", 5).splitlines()[-1]
    '# truncated: only the first 5 results (the row cap)'
    """
    note = f"truncated: only the first {cap} results (the row cap)"
    if media_type == formats.SPARQL_XML and "</head>" in body:
        head, _, rest = body.partition("</head>")
        return f'{head}  <link href="{TRUNCATED_LINK}"/>\n  </head>{rest}'
    if media_type in (formats.TURTLE, formats.N_TRIPLES):
        return body + ("" if body.endswith("\n") or not body else "\n") + f"# {note}\n"
    if media_type == formats.RDF_XML:
        return body + ("" if body.endswith("\n") else "\n") + f"<!-- {note} -->\n"
    return body


def _respond(result: QueryResult, media_type: str) -> Response:
    serialized = formats.serialize(result, media_type)
    text = serialized.text
    if result.truncated:
        text = mark_truncated(text, media_type, result.cap)
    headers = {
        "Vary": "Accept",
        "X-BRN-Truncated": "true" if result.truncated else "false",
        "X-BRN-Result-Cap": str(result.cap),
    }
    return Response(
        content=text.encode("utf-8"),
        headers={**headers, "Content-Type": serialized.content_type},
    )


def service_description(state: ServiceState, accept: str | None, *, endpoint: str) -> Response:
    """The SPARQL Service Description of this endpoint, in a negotiated RDF format."""
    media_type = formats.negotiate(accept or "text/turtle", GRAPH_MEDIA_TYPES)
    if media_type is None:
        raise HTTPException(
            status_code=406,
            detail=msg("errors.sparql.description_types", offered=GRAPH_MEDIA_TYPES),
        )
    result = QueryResult(
        form="CONSTRUCT",
        triples=tuple(_description_triples(state, endpoint)),
        cap=10_000,
    )
    return _respond(result, media_type)


def _description_triples(state: ServiceState, endpoint: str) -> list[Triple]:
    service = Term.iri(endpoint)
    dataset = Term("bnode", "dataset")
    default_graph = Term("bnode", "default")

    def iri(value: str) -> Term:
        return Term.iri(value)

    triples = [
        Triple(service, iri(RDF_TYPE), iri(SD + "Service")),
        Triple(service, iri(SD + "endpoint"), service),
        Triple(service, iri(SD + "supportedLanguage"), iri(SD + "SPARQL11Query")),
        Triple(service, iri(SD + "feature"), iri(SD + "UnionDefaultGraph")),
        Triple(
            service,
            iri(SD + "defaultEntailmentRegime"),
            iri("http://www.w3.org/ns/entailment/Simple"),
        ),
        Triple(service, iri(SD + "defaultDataset"), dataset),
        Triple(dataset, iri(RDF_TYPE), iri(SD + "Dataset")),
        Triple(dataset, iri(SD + "defaultGraph"), default_graph),
        Triple(default_graph, iri(RDF_TYPE), iri(SD + "Graph")),
        Triple(
            default_graph,
            iri(VOID + "triples"),
            Term.literal(
                str(state.total_triples), datatype="http://www.w3.org/2001/XMLSchema#integer"
            ),
        ),
        Triple(
            service,
            iri(DCT + "description"),
            Term.literal(
                "Read-only SPARQL 1.1 endpoint of brn-graph: clusters and North Jutland "
                "framework documents. SERVICE, LOAD and remote FROM are refused; a row cap "
                f"of {state.settings.result_cap} and a time limit of "
                f"{state.settings.query_timeout:g} s apply.",
                lang="en",
            ),
        ),
    ]
    triples += [Triple(service, iri(SD + "resultFormat"), iri(f)) for f in FORMAT_IRIS]
    for index, graph in enumerate(state.store.graph_iris):
        named = Term("bnode", f"named{index}")
        triples += [
            Triple(dataset, iri(SD + "namedGraph"), named),
            Triple(named, iri(RDF_TYPE), iri(SD + "NamedGraph")),
            Triple(named, iri(SD + "name"), iri(str(graph))),
        ]
    return triples
