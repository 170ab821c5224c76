"""Warnings are reported but do not make the data fail; violations do (issue #9 rubric checks)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from brn_graph.graph.validation import validate_graph

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"


def _ontology() -> Graph:
    graph = Graph()
    for name in ("brn.ttl", "themes.ttl"):
        graph.parse(ROOT / "ontology" / name, format="turtle")
    return graph


def _validate(fixture: str) -> tuple[bool, list[tuple[str, str]]]:
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    data = Graph().parse(FIXTURES / fixture, format="turtle")
    report = validate_graph(data, shapes=shapes, ontology=_ontology())
    return report.conforms, [(r.severity, r.shape_id) for r in report.results]


def test_a_rubric_warning_is_listed_and_the_data_still_conforms() -> None:
    conforms, results = _validate("S38-RubricRegionalHigh-invalid-01.ttl")
    assert results == [("Warning", "S38-RubricRegionalHigh")]
    assert conforms is True


def test_a_violation_makes_the_data_fail() -> None:
    conforms, results = _validate("S25-Alignment-evidenceDate-invalid-11.ttl")
    assert ("Violation", "S25-Alignment-evidenceDate") in results
    assert conforms is False
