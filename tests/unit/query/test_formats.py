"""formats: the four SPARQL result formats, four graph formats, and Accept negotiation."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal, URIRef

from brn_graph import namespaces
from brn_graph.errors import ConfigError
from brn_graph.graph.terms import QueryResult, Term, Triple
from brn_graph.query import formats

#: The XSD namespace as text (so that pytest never probes the namespace class).
XSD = str(namespaces.XSD)

CLUSTER = Term.iri("https://w3id.org/brn-graph/id/cluster/energy-cluster-denmark")
SELECT = QueryResult(
    form="SELECT",
    variables=("cluster", "label", "members", "note"),
    rows=(
        (
            CLUSTER,
            Term.literal("Energy Cluster Denmark", lang="da"),
            Term.literal("500", datatype=XSD + "integer"),
            Term.literal('with "quotes", commas\tand tabs'),
        ),
        (Term("bnode", "b1"), None, None, Term.literal("<&>")),
    ),
    truncated=True,
    cap=2,
)
ASK = QueryResult(form="ASK", boolean=True, cap=10)
GRAPH = QueryResult(
    form="CONSTRUCT",
    triples=(
        Triple(CLUSTER, Term.iri("http://www.w3.org/2004/02/skos/core#prefLabel"),
               Term.literal("Energy Cluster Denmark", lang="en")),
        Triple(CLUSTER, Term.iri("https://schema.org/foundingDate"),
               Term.literal("2020-07-01", datatype=XSD + "date")),
    ),
    cap=10,
)  # fmt: skip


def test_sparql_json_is_the_standard_librarys_indented_text() -> None:
    """The encoder is orjson; the text is what ``json.dumps(indent=2)`` gives, byte for byte,
    also for control characters, quotes, non-ASCII letters and characters beyond the BMP."""
    tricky = QueryResult(
        form="SELECT",
        variables=("x", "y"),
        rows=(
            (Term.literal('a\x00b\x1f\x7f\n\t"\\/ æøå 😀 \u2028', lang="da"), None),
            (None, Term.iri("https://example.org/ø")),
        ),
        cap=5,
    )
    for result in (SELECT, ASK, tricky, QueryResult(form="SELECT", variables=(), cap=1)):
        expected = json.dumps(formats.to_sparql_json(result), ensure_ascii=False, indent=2)
        assert formats.serialize_result(result, formats.SPARQL_JSON) == expected + "\n"


def test_sparql_json() -> None:
    document = json.loads(formats.serialize_result(SELECT, formats.SPARQL_JSON))
    assert document["head"]["vars"] == ["cluster", "label", "members", "note"]
    first, second = document["results"]["bindings"]
    assert first["cluster"] == {"type": "uri", "value": CLUSTER.value}
    assert first["label"] == {
        "type": "literal",
        "value": "Energy Cluster Denmark",
        "xml:lang": "da",
    }
    assert first["members"]["datatype"] == XSD + "integer"
    assert set(second) == {"cluster", "note"}, "unbound variables are left out"
    assert second["cluster"] == {"type": "bnode", "value": "b1"}
    assert document["truncated"] is True
    assert json.loads(formats.serialize_result(ASK, "application/json")) == {
        "head": {},
        "boolean": True,
    }


def test_sparql_xml_is_well_formed_and_escaped() -> None:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(formats.serialize_result(SELECT, formats.SPARQL_XML))
    names = [v.get("name") for v in root.findall("r:head/r:variable", ns)]
    assert names == ["cluster", "label", "members", "note"]
    results = root.findall("r:results/r:result", ns)
    assert len(results) == 2
    label = results[0].find("r:binding[@name='label']/r:literal", ns)
    assert label is not None
    assert label.get("{http://www.w3.org/XML/1998/namespace}lang") == "da"
    note = results[1].find("r:binding[@name='note']/r:literal", ns)
    assert note is not None
    assert note.text == "<&>"
    ask = ET.fromstring(formats.serialize_result(ASK, formats.SPARQL_XML))
    assert ask.find("r:boolean", ns).text == "true"  # type: ignore[union-attr]


def test_csv_has_lexical_values_and_crlf() -> None:
    text = formats.serialize_result(SELECT, formats.CSV)
    assert text.startswith("cluster,label,members,note\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == [
        CLUSTER.value,
        "Energy Cluster Denmark",
        "500",
        'with "quotes", commas\tand tabs',
    ]
    assert rows[2] == ["_:b1", "", "", "<&>"]


def test_tsv_uses_ntriples_terms() -> None:
    lines = formats.serialize_result(SELECT, formats.TSV).splitlines()
    assert lines[0] == "?cluster\t?label\t?members\t?note"
    cells = lines[1].split("\t")
    assert cells[0] == f"<{CLUSTER.value}>"
    assert cells[1] == '"Energy Cluster Denmark"@da'
    assert cells[2] == f'"500"^^<{XSD}integer>'
    assert cells[3] == '"with \\"quotes\\", commas\\tand tabs"'
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        (formats.TURTLE, "turtle"),
        (formats.N_TRIPLES, "nt"),
        (formats.RDF_XML, "xml"),
        (formats.JSON_LD, "json-ld"),
    ],
)
def test_graph_formats_round_trip(media_type: str, rdflib_format: str) -> None:
    text = formats.serialize_result(GRAPH, media_type)
    parsed = Graph().parse(data=text, format=rdflib_format)
    assert len(parsed) == 2
    subject = URIRef(CLUSTER.value)
    assert (
        subject,
        URIRef("https://schema.org/foundingDate"),
        Literal("2020-07-01", datatype=URIRef(XSD + "date")),
    ) in parsed


def test_json_ld_has_an_inline_context_only() -> None:
    document = json.loads(formats.serialize_result(GRAPH, formats.JSON_LD))
    context = document["@context"]
    assert isinstance(context, dict)
    assert context["cluster"] == "https://w3id.org/brn-graph/id/cluster/"


def test_turtle_uses_the_project_prefixes() -> None:
    assert "cluster:energy-cluster-denmark" in formats.serialize_result(GRAPH, formats.TURTLE)


def test_a_form_and_format_that_do_not_fit() -> None:
    with pytest.raises(ConfigError, match="cannot be given as text/turtle"):
        formats.serialize(SELECT, formats.TURTLE)
    with pytest.raises(ConfigError, match="cannot be given as text/csv"):
        formats.serialize(GRAPH, formats.CSV)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, formats.SPARQL_JSON),
        ("", formats.SPARQL_JSON),
        ("*/*", formats.SPARQL_JSON),
        ("text/csv", formats.CSV),
        ("text/csv;q=0.5, application/sparql-results+xml", formats.SPARQL_XML),
        ("text/*", formats.CSV),
        ("text/*;q=0.9, text/csv;q=0.1", formats.TSV),
        ("application/json", formats.SPARQL_JSON),
        ("application/xml;q=0.2, text/tab-separated-values;q=0.3", formats.TSV),
        ("TEXT/CSV", formats.CSV),
        ("text/csv;q=0, */*;q=0.1", formats.SPARQL_JSON),
        ("image/png", None),
        ("text/csv;q=0", None),
        ("application/sparql-results+json;q=oops, text/csv", formats.CSV),
        ("garbage", formats.SPARQL_JSON),
    ],
)
def test_negotiation_for_bindings(accept: str | None, expected: str | None) -> None:
    assert formats.negotiate_result(accept, "SELECT") == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, formats.TURTLE),
        ("application/ld+json", formats.JSON_LD),
        ("application/n-triples;q=0.4, application/rdf+xml;q=0.8", formats.RDF_XML),
        ("text/plain", formats.N_TRIPLES),
        ("application/sparql-results+json", None),
    ],
)
def test_negotiation_for_graphs(accept: str | None, expected: str | None) -> None:
    assert formats.negotiate_result(accept, "CONSTRUCT") == expected
