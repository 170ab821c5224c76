"""Corrections of the bundled data after a fact check against the fact base (issue #9).

Each test states what the fact base supports and fails on the data as it was before the
correction.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from brn_graph.config import Settings
from brn_graph.graph.loader import load_dataset, union_graph
from brn_graph.namespaces import BRN, DCTERMS, ID, ORG, PROV, RDF, RDFS, SKOS
from tests.reference import PROCESS_PLAN_CLUSTERS

PROCESS_PLAN = ID["source/procesplan-2024"]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return union_graph(load_dataset(Settings()), include_ontology=True)


def texts(graph: Graph, node: URIRef, prop: URIRef, lang: str) -> list[str]:
    return [
        str(o) for o in graph.objects(node, prop) if isinstance(o, Literal) and o.language == lang
    ]


def test_the_one_to_one_meetings_are_one_proposed_activity_without_named_clusters(
    graph: Graph,
) -> None:
    """The plan proposes 1:1 meetings with the 'helt centrale' clusters; it names none."""
    clusters = set(graph.subjects(RDF.type, BRN.Cluster))
    from_plan = [
        m
        for m in graph.subjects(RDF.type, BRN.Meeting)
        if (m, PROV.wasDerivedFrom, PROCESS_PLAN) in graph
    ]
    with_a_cluster = [
        m for m in from_plan if any(p in clusters for p in graph.objects(m, BRN.participant))
    ]
    assert with_a_cluster == [], "the process plan names no cluster to meet"
    activity = ID["event/brn-1to1-meetings-2024"]
    assert (activity, BRN.status, BRN.Planned) in graph
    gap = " ".join(texts(graph, activity, BRN.knownGap, "en"))
    assert "which clusters" in gap
    assert "when" in gap


def test_the_2024_2027_chapter_date_is_an_approval_not_an_issue_date(graph: Graph) -> None:
    chapter = ID["document/deb-2024-2027-nordjylland"]
    assert graph.value(chapter, DCTERMS.issued) is None
    assert str(graph.value(chapter, DCTERMS.dateAccepted)) == "2023-11"


@pytest.mark.parametrize(
    "slug", ["advanced-manufacturing", "construction", "robotics-automation-drones"]
)
def test_deb_2020_list_membership_known_only_from_designations_is_inferred(
    graph: Graph, slug: str
) -> None:
    position = ID[f"strength/deb-2020-{slug}"]
    assert graph.value(position, BRN.confidence) == BRN.Inferred


def test_municipality_codes_are_not_attributed_to_rn_dk(graph: Graph) -> None:
    rn_table = ID["source/rn-kommuner"]
    label = " ".join(str(o) for o in graph.objects(rn_table, RDFS.label)).lower()
    assert "code" not in label
    assert "kode" not in label
    for muni in graph.subjects(RDF.type, BRN.Municipality):
        assert (muni, PROV.wasDerivedFrom, ID["source/dawa-codes"]) in graph
        note = " ".join(texts(graph, muni, SKOS.scopeNote, "en"))
        assert "DAWA" in note, muni


def test_the_process_plan_is_an_internt_arbejdspapir(graph: Graph) -> None:
    citation = str(graph.value(PROCESS_PLAN, DCTERMS.bibliographicCitation))
    assert "Internt arbejdspapir" in citation
    assert "Intern arbejdspapir" not in citation


def test_brn_is_not_recorded_as_participant_in_vaekst_via_viden(graph: Graph) -> None:
    project = ID["project/vaekst-via-viden-2"]
    assert (project, RDF.type, BRN.Project) in graph
    assert ID["org/brn"] not in set(graph.objects(project, BRN.participant))
    assert "does not say that BRN takes part" in " ".join(texts(graph, project, BRN.knownGap, "en"))


def test_brn_has_no_unsupported_green_hub_board_seat(graph: Graph) -> None:
    green_hub, brn = ID["org/green-hub-denmark"], ID["org/brn"]
    seats = [
        m
        for m in graph.subjects(ORG.organization, green_hub)
        if (m, ORG.member, brn) in graph and (m, ORG.role, BRN.RoleBoardMember) in graph
    ]
    assert seats == []
    partnership = ID["event/partnership-brn-green-hub"]
    assert "board" in " ".join(texts(graph, partnership, BRN.knownGap, "en"))


def test_green_hub_billions_are_committed_own_investments_not_a_portfolio(graph: Graph) -> None:
    figure = ID["figure/green-hub-committed-investment-2020"]
    assert graph.value(figure, BRN.measure) == BRN.CommittedInvestment
    portfolios = [
        f
        for f in graph.subjects(BRN.figureOf, ID["org/green-hub-denmark"])
        if graph.value(f, BRN.measure) == BRN.ProjectPortfolio
    ]
    assert portfolios == []


def test_odense_jobs_belong_to_the_ecosystem_not_the_cluster(graph: Graph) -> None:
    cluster = ID["cluster/odense-robotics"]
    jobs = [
        f for f in graph.subjects(BRN.figureOf, cluster) if graph.value(f, BRN.measure) == BRN.Jobs
    ]
    assert jobs == []
    figure = ID["figure/odense-robotics-ecosystem-jobs-2023"]
    ecosystem = graph.value(figure, BRN.figureOf)
    assert ecosystem == ID["org/odense-robotics-ecosystem"]
    assert (ecosystem, DCTERMS.relation, cluster) in graph


@pytest.mark.parametrize("slug", PROCESS_PLAN_CLUSTERS)
def test_member_companies_are_a_known_gap_of_every_long_list_cluster(
    graph: Graph, slug: str
) -> None:
    cluster = ID[f"cluster/{slug}"]
    assert any("member companies" in t.lower() for t in texts(graph, cluster, BRN.knownGap, "en"))
    assert any("medlemsvirksomheder" in t for t in texts(graph, cluster, BRN.knownGap, "da"))
