"""validation.py: a typed report, one result per mistake, messages in the chosen language."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from brn_graph.config import Settings
from brn_graph.graph.loader import load_shapes
from brn_graph.graph.validation import validate_graph

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "shapes"
ONTOLOGY = Path(__file__).resolve().parents[3] / "ontology" / "brn.ttl"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(Settings())


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def test_one_malformed_date_is_one_result_not_two(shapes: Graph, ontology: Graph) -> None:
    # Regression: pySHACL's nested sh:detail results were counted as results of their own.
    data = Graph().parse(FIXTURES / "S04-Dates-date-invalid-01.ttl")
    report = validate_graph(data, shapes=shapes, ontology=ontology)
    assert not report.conforms
    assert [r.shape_id for r in report.results] == ["S04-Dates-date"]


def test_messages_follow_the_language(shapes: Graph, ontology: Graph) -> None:
    data = Graph().parse(FIXTURES / "S04-Dates-date-invalid-01.ttl")
    danish = validate_graph(data, shapes=shapes, ontology=ontology, lang="da").results[0].message
    english = validate_graph(data, shapes=shapes, ontology=ontology, lang="en").results[0].message
    assert danish != english
    assert danish
    assert english


def test_inputs_are_not_modified(shapes: Graph, ontology: Graph) -> None:
    data = Graph().parse(FIXTURES / "S04-Dates-valid.ttl")
    sizes = (len(data), len(shapes), len(ontology))
    validate_graph(data, shapes=shapes, ontology=ontology)
    assert (len(data), len(shapes), len(ontology)) == sizes
