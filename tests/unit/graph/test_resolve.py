"""Slug, IRI, prefixed name or label -> one resource; unknown names fail with close matches."""

from __future__ import annotations

import pytest

from brn_graph.errors import NotFoundError, ParameterError
from brn_graph.graph.resolve import Candidate, normalise, resolve_identifier, slug_of, suggest

BASE = "https://w3id.org/brn-graph/id/cluster/"
CANDIDATES = [
    Candidate(
        iri=BASE + "energy-cluster-denmark",
        slug="energy-cluster-denmark",
        names=("Energy Cluster Denmark", "ECD"),
    ),
    Candidate(iri=BASE + "digitallead", slug="digitallead", names=("DigitalLead",)),
    Candidate(iri=BASE + "made", slug="made", names=("MADE",)),
    Candidate(iri=BASE + "food-bio-cluster-denmark", slug="food-bio-cluster-denmark",
              names=("Food & Bio Cluster Denmark",)),
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "energy-cluster-denmark",
        "cluster:energy-cluster-denmark",
        BASE + "energy-cluster-denmark",
        "Energy Cluster Denmark",
        "ECD",
        "ecd",
        "  Energy-Cluster-Denmark ",
    ],
)
def test_every_way_of_naming_a_cluster_resolves(text: str) -> None:
    assert resolve_identifier("cluster", text, CANDIDATES).slug == "energy-cluster-denmark"


def test_names_compare_without_case_and_punctuation() -> None:
    assert resolve_identifier("cluster", "Digital Lead", CANDIDATES).slug == "digitallead"
    assert resolve_identifier("cluster", "food & bio cluster denmark", CANDIDATES).slug == (
        "food-bio-cluster-denmark"
    )


def test_a_rebased_prefixed_name_resolves() -> None:
    rebased = [Candidate(iri="http://example.org/kg/id/cluster/made", slug="made")]
    found = resolve_identifier(
        "cluster", "cluster:made", rebased, base_iri="http://example.org/kg/"
    )
    assert found.iri == "http://example.org/kg/id/cluster/made"


def test_an_unknown_name_suggests_close_matches() -> None:
    with pytest.raises(NotFoundError) as caught:
        resolve_identifier("cluster", "energy-cluster", CANDIDATES)
    assert caught.value.kind == "cluster"
    assert caught.value.suggestions[0] == "energy-cluster-denmark"
    assert "did you mean" in str(caught.value)


def test_nothing_close_gives_no_suggestion() -> None:
    with pytest.raises(NotFoundError) as caught:
        resolve_identifier("cluster", "zzzz", CANDIDATES)
    assert caught.value.suggestions == ()


def test_an_ambiguous_name_is_a_parameter_error() -> None:
    twins = [
        Candidate(iri="x:1", slug="a", names=("Same",)),
        Candidate(iri="x:2", slug="b", names=("Same",)),
    ]
    with pytest.raises(ParameterError, match="ambiguous"):
        resolve_identifier("goal", "same", twins)


def test_empty_input_is_refused() -> None:
    with pytest.raises(ParameterError):
        resolve_identifier("goal", "  ", CANDIDATES)


def test_helpers() -> None:
    assert slug_of("https://w3id.org/brn-graph/ontology#Cluster") == "Cluster"
    assert normalise("Læsø Kommune") == "laesoekommune"
    assert suggest("mad", CANDIDATES) == ("made",)
