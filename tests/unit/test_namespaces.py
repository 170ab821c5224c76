"""The closed BRN namespace class and ontology/brn.ttl stay in step."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from brn_graph.namespaces import BRN, ONTOLOGY_IRI

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "brn.ttl"


def test_every_ontology_term_is_in_the_namespace_class_and_back() -> None:
    graph = Graph().parse(ONTOLOGY)
    in_ontology = {
        str(s)[len(ONTOLOGY_IRI) :] for s in graph.subjects() if str(s).startswith(ONTOLOGY_IRI)
    }
    in_class = set(BRN.__annotations__)
    assert in_ontology == in_class


def test_misspelt_terms_fail_loudly() -> None:
    with pytest.raises(AttributeError):
        _ = BRN.Clutser
