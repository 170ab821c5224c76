"""graph.terms: one bridge between rdflib's and Oxigraph's terms, simple literals plain."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from brn_graph import namespaces
from brn_graph.graph.terms import Term, to_oxigraph, to_rdflib

XSD = str(namespaces.XSD)


@pytest.mark.parametrize(
    "node",
    [
        URIRef("https://w3id.org/brn-graph/id/cluster/made"),
        BNode("b1"),
        Literal("Aalborg", lang="da"),
        Literal("plain"),
        Literal("500", datatype=URIRef(XSD + "integer")),
    ],
)
def test_terms_cross_the_bridge_both_ways(node: Node) -> None:
    assert to_rdflib(to_oxigraph(node)) == node
    assert Term.from_rdflib(node) == Term.from_oxigraph(to_oxigraph(node))
    assert Term.from_rdflib(node).to_rdflib() == node


def test_xsd_string_becomes_a_plain_literal() -> None:
    typed = ox.Literal("a", datatype=ox.NamedNode(XSD + "string"))
    assert to_rdflib(typed) == Literal("a")
    assert Term.from_oxigraph(typed) == Term.literal("a")


def test_a_datatype_given_as_an_rdflib_iri_is_text() -> None:
    # rdflib's URIRef never equals a str: a Term keeps plain text, so both compare equal
    assert Term.literal("1", datatype=namespaces.XSD.integer) == Term.literal(
        "1", datatype=XSD + "integer"
    )
    assert type(Term.literal("1", datatype=namespaces.XSD.integer).datatype) is str


def test_unknown_terms_are_type_errors() -> None:
    with pytest.raises(TypeError):
        to_rdflib("not a term")
    with pytest.raises(TypeError):
        to_oxigraph(object())  # type: ignore[arg-type]
