"""Real SPARQL clients against a live server on loopback.

SPARQLWrapper must get the same rows in JSON, XML, CSV and TSV and the same triples in
Turtle and JSON-LD (by GET and by POST); an update changes nothing; SERVICE is refused and no
connection is made; rdflib's SPARQLStore reads the endpoint like any other.
"""

from __future__ import annotations

import csv
import io
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.util import from_n3
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from api.state import ServiceState

pytestmark = pytest.mark.server

PREFIXES = """
PREFIX brn: <https://w3id.org/brn-graph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
"""
SELECT = (
    PREFIXES
    + """
SELECT ?cluster ?label ?figure ?value WHERE {
  ?cluster a brn:Cluster ; skos:prefLabel ?label .
  OPTIONAL { ?figure brn:figureOf ?cluster ; schema:value ?value }
} ORDER BY ?cluster ?label ?figure
"""
)
CONSTRUCT = (
    PREFIXES
    + """
CONSTRUCT { ?cluster a brn:Cluster ; skos:prefLabel ?label ; brn:focusArea ?focus }
WHERE {
  ?cluster a brn:Cluster ; skos:prefLabel ?label .
  OPTIONAL { ?cluster brn:focusArea ?focus }
}
"""
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

Row = tuple[tuple[str, str], ...]


def client(url: str, return_format: str, *, post: bool = False) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(url + "/sparql")
    wrapper.setReturnFormat(return_format)
    if post:
        wrapper.setMethod(POST)
    return wrapper


def _normal(term: Any) -> str:
    """A term as comparable text: IRIs and lexical forms, language tags kept."""
    if isinstance(term, Literal):
        lexical = str(term)
        if term.datatype is not None and str(term.datatype).endswith(("#integer", "#decimal")):
            lexical = str(term.toPython())
        return f"{lexical}@{term.language}" if term.language else lexical
    return str(term)


def rows_from_json(body: dict[str, Any]) -> list[Row]:
    rows = []
    for binding in body["results"]["bindings"]:
        cells = []
        for name, cell in sorted(binding.items()):
            if cell["type"] == "uri":
                term: Any = URIRef(cell["value"])
            else:
                term = Literal(
                    cell["value"],
                    lang=cell.get("xml:lang"),
                    datatype=URIRef(cell["datatype"]) if "datatype" in cell else None,
                )
            cells.append((name, _normal(term)))
        rows.append(tuple(cells))
    return rows


def rows_from_xml(document: Any) -> list[Row]:
    rows = []
    for result in document.getElementsByTagName("result"):
        cells = []
        for binding in result.getElementsByTagName("binding"):
            node = next(n for n in binding.childNodes if n.nodeType == n.ELEMENT_NODE)
            text = "".join(t.data for t in node.childNodes if t.nodeType == t.TEXT_NODE)
            if node.tagName == "uri":
                term: Any = URIRef(text)
            else:
                datatype = node.getAttribute("datatype") or None
                term = Literal(
                    text,
                    lang=node.getAttribute("xml:lang") or None,
                    datatype=URIRef(datatype) if datatype else None,
                )
            cells.append((binding.getAttribute("name"), _normal(term)))
        rows.append(tuple(sorted(cells)))
    return rows


def rows_from_csv(text: str) -> list[Row]:
    """CSV drops language tags and datatypes: compare on lexical forms only."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    return [
        tuple(sorted((name, value) for name, value in zip(header, record, strict=True) if value))
        for record in reader
    ]


def rows_from_tsv(text: str) -> list[Row]:
    lines = text.splitlines()
    header = [h.lstrip("?") for h in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        cells = []
        for name, value in zip(header, line.split("\t"), strict=True):
            if value:
                cells.append((name, _normal(from_n3(value))))
        rows.append(tuple(sorted(cells)))
    return rows


def without_tags(rows: list[Row]) -> list[Row]:
    """Rows as CSV shows them: no language tags."""
    stripped = []
    for row in rows:
        cells = []
        for name, value in row:
            text, at, tag = value.rpartition("@")
            cells.append((name, text if at and tag in {"da", "en"} else value))
        stripped.append(tuple(cells))
    return stripped


@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST"])
def test_same_rows_in_every_format(live_server: str, post: bool) -> None:
    results: dict[str, list[Row]] = {}
    for name, fmt in (("json", JSON), ("xml", XML), ("csv", CSV), ("tsv", TSV)):
        wrapper = client(live_server, fmt, post=post)
        wrapper.setQuery(SELECT)
        converted = wrapper.query().convert()
        if fmt == JSON:
            results[name] = rows_from_json(converted)
        elif fmt == XML:
            results[name] = rows_from_xml(converted)
        elif fmt == CSV:
            text = converted.decode("utf-8") if isinstance(converted, bytes) else converted
            results[name] = rows_from_csv(text)
        else:
            text = converted.decode("utf-8") if isinstance(converted, bytes) else converted
            results[name] = rows_from_tsv(text)
    assert results["json"], "the query has rows"
    assert results["xml"] == results["json"]
    assert results["tsv"] == results["json"]
    assert results["csv"] == without_tags(results["json"])


def _graph_of(converted: Any, fmt: str) -> Graph:
    if isinstance(converted, Graph):
        return converted
    data = converted.decode("utf-8") if isinstance(converted, bytes) else converted
    graph = Graph()
    graph.parse(data=data, format="turtle" if fmt == TURTLE else "json-ld")
    return graph


@pytest.mark.parametrize("post", [False, True], ids=["GET", "POST"])
def test_same_triples_in_turtle_and_json_ld(live_server: str, post: bool) -> None:
    graphs = {}
    for fmt in (TURTLE, JSONLD):
        wrapper = client(live_server, fmt, post=post)
        wrapper.setQuery(CONSTRUCT)
        graphs[fmt] = _graph_of(wrapper.query().convert(), fmt)
    assert len(graphs[TURTLE]) > 0
    assert isomorphic(graphs[TURTLE], graphs[JSONLD])


def _count(url: str) -> int:
    wrapper = client(url, JSON)
    wrapper.setQuery(COUNT)
    body = wrapper.query().convert()
    return int(body["results"]["bindings"][0]["n"]["value"])


def test_update_changes_nothing(live_server: str) -> None:
    before = _count(live_server)
    wrapper = SPARQLWrapper(live_server + "/sparql", updateEndpoint=live_server + "/sparql")
    wrapper.setMethod(POST)
    wrapper.setQuery(
        "INSERT DATA { <http://example.org/s> <http://example.org/p> <http://example.org/o> }"
    )
    with pytest.raises(Exception) as refused:  # noqa: PT011 - SPARQLWrapper raises HTTPError
        wrapper.query()
    assert "403" in str(refused.value)
    store = SPARQLUpdateStore(
        query_endpoint=live_server + "/sparql", update_endpoint=live_server + "/sparql"
    )
    with pytest.raises(Exception):  # noqa: B017, PT011 - urllib's HTTPError 403
        store.update("DELETE WHERE { ?s ?p ?o }")
    assert _count(live_server) == before


@pytest.fixture
def canary() -> Iterator[tuple[int, list[str]]]:
    """A loopback listener that records every connection it receives."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits: list[str] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, address = server.accept()
            except OSError:
                continue
            hits.append(str(address))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], hits
    finally:
        stop.set()
        thread.join(timeout=2)
        server.close()


def test_service_is_refused_and_nothing_connects(
    live_server: str, canary: tuple[int, list[str]]
) -> None:
    port, hits = canary
    for query in (
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <http://127.0.0.1:{port}/g> WHERE {{ ?s ?p ?o }}",
    ):
        wrapper = client(live_server, JSON)
        wrapper.setQuery(query)
        with pytest.raises(QueryBadFormed):
            wrapper.query()
    assert hits == []


def test_rdflib_sparql_store_reads_the_endpoint(live_server: str) -> None:
    store = SPARQLStore(query_endpoint=live_server + "/sparql")  # SPARQL XML, RDF/XML
    graph = Dataset(store=store, default_union=True)
    rows = list(graph.query(SELECT))
    wrapper = client(live_server, JSON)
    wrapper.setQuery(SELECT)
    expected = rows_from_json(wrapper.query().convert())
    seen = [
        tuple(sorted((str(v), _normal(t)) for v, t in row.asdict().items()))
        for row in rows  # type: ignore[union-attr]
    ]
    assert seen == expected
    constructed = graph.query(CONSTRUCT).graph
    assert constructed is not None
    assert len(constructed) > 0
    assert bool(graph.query("ASK { ?s a <https://w3id.org/brn-graph/ontology#Cluster> }"))


def test_rdflib_sparql_store_on_one_named_graph(
    live_server: str, service_state: ServiceState
) -> None:
    """A Graph with a name makes SPARQLStore send default-graph-uri: a local graph works."""
    clusters = next(g for g in service_state.store.graph_iris if str(g).endswith("/clusters"))
    store = SPARQLStore(query_endpoint=live_server + "/sparql")  # SPARQL XML, RDF/XML
    graph = Graph(store=store, identifier=URIRef(str(clusters)))
    labels = {str(row[0]) for row in graph.query(SELECT)}  # type: ignore[index]
    assert any(label.endswith("energy-cluster-denmark") for label in labels)
    assert len(graph) == len(service_state.store.dataset.graph(clusters))
    elsewhere = Graph(store=store, identifier=URIRef("http://127.0.0.1:9/remote"))
    with pytest.raises(ValueError, match="wrong"):
        list(elsewhere.query(SELECT))
