"""The bundled reference data holds what issue #2 promises, each fact with provenance."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from brn_graph.config import Settings
from brn_graph.graph.loader import load_dataset, union_graph
from brn_graph.graph.stats import compute_stats
from brn_graph.namespaces import BRN, ID, PROV, RDF, SDO, SKOS
from tests.reference import PROCESS_PLAN_CLUSTERS

# Official municipality codes of the 11 North Jutland municipalities (fact base section 1.1).
NORTH_JUTLAND_CODES = {
    "0773", "0787", "0810", "0813", "0820", "0825", "0840", "0846", "0849", "0851", "0860",
}  # fmt: skip


@pytest.fixture(scope="module")
def graph() -> Graph:
    return union_graph(load_dataset(Settings()), include_ontology=True)


@pytest.mark.parametrize("slug", PROCESS_PLAN_CLUSTERS)
def test_every_process_plan_cluster_is_there_with_labels_and_source(
    graph: Graph, slug: str
) -> None:
    cluster = ID[f"cluster/{slug}"]
    assert (cluster, RDF.type, BRN.Cluster) in graph
    languages = {label.language for label in graph.objects(cluster, SKOS.prefLabel)}  # type: ignore[union-attr]
    assert {"da", "en"} <= languages
    assert any(graph.objects(cluster, PROV.wasDerivedFrom))


def test_the_eleven_municipalities_with_their_codes(graph: Graph) -> None:
    codes = {
        str(code)
        for muni in graph.subjects(RDF.type, BRN.Municipality)
        for code in graph.objects(muni, BRN.municipalityCode)
    }
    assert codes == NORTH_JUTLAND_CODES
    region = ID["region/nordjylland"]
    for muni in graph.subjects(RDF.type, BRN.Municipality):
        assert (muni, BRN.inRegion, region) in graph
    assert (region, BRN.isoCode, Literal("DK-81")) in graph
    assert (region, BRN.nutsCode, Literal("DK050")) in graph


@pytest.mark.parametrize("kind", [BRN.Strategy, BRN.RegionalChapter, BRN.Agreement])
def test_the_three_kinds_of_framework_document(graph: Graph, kind: URIRef) -> None:
    kinds = {kind} | set(
        graph.subjects(URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), kind)
    )
    documents = {d for k in kinds for d in graph.subjects(RDF.type, k)}
    assert documents, f"no {kind}"


def test_process_plan_figures_for_energy_cluster_denmark(graph: Graph) -> None:
    cluster = ID["cluster/energy-cluster-denmark"]
    figures = {
        (graph.value(f, BRN.measure), float(graph.value(f, SDO.value).toPython()))  # type: ignore[union-attr, arg-type]
        for f in graph.subjects(BRN.figureOf, cluster)
        if (f, PROV.wasDerivedFrom, ID["source/procesplan-2024"]) in graph
    }
    assert (BRN.Members, 500.0) in figures
    assert (BRN.SMEMembers, 300.0) in figures
    assert (BRN.ProjectPortfolio, 3_000_000_000.0) in figures


def test_nordjylland_chapter_2024_gap_is_visible(graph: Graph) -> None:
    chapters = set(graph.subjects(RDF.type, BRN.RegionalChapter))
    with_gap = [c for c in chapters if any(graph.objects(c, BRN.knownGap))]
    assert with_gap, "the unknown content of a regional chapter must be recorded as a known gap"


def test_at_least_90_percent_of_resources_carry_provenance() -> None:
    stats = compute_stats(load_dataset(Settings()))
    assert stats.resources > 100
    assert stats.provenance_share >= 0.9


def test_every_source_has_a_web_address_or_a_citation(graph: Graph) -> None:
    for source in graph.subjects(RDF.type, BRN.Source):
        urls = list(graph.objects(source, SDO.url))
        citations = list(
            graph.objects(source, URIRef("http://purl.org/dc/terms/bibliographicCitation"))
        )
        assert urls or citations, source
        for url in urls:
            assert str(url).startswith(("http://", "https://")), url
