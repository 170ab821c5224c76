"""Quality checks on the ontology, the shapes and the data, written as SPARQL.

Each ``queries/quality/*.rq`` file is one check that returns one row per defect. Its header
(the one format of ``queries/README.md``, read by the query library) says which files it runs
on (``# input: ontology shapes data``) and names a small fixture in ``tests/fixtures/shapes/``
with a planted defect: every check must return no rows on the project's files and at least
one row on its fixture, so no check can pass vacuously. The checks run through the same
engine API as the analytics (:class:`~brn_graph.query.engine.LocalEngine`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib import namespace as vocabularies

from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import CatalogQuery, load_catalog
from brn_graph.query.engine import LocalEngine

ROOT = Path(__file__).resolve().parents[2]
QUALITY = ROOT / "queries" / "quality"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "shapes"
INPUTS: dict[str, tuple[Path, ...]] = {
    "ontology": (ROOT / "ontology" / "brn.ttl", ROOT / "ontology" / "themes.ttl"),
    "shapes": (ROOT / "ontology" / "shapes.ttl",),
    "data": tuple(sorted((ROOT / "data").rglob("*.ttl"))),
}
LIBRARY = load_catalog(ROOT / "queries", check=False)
CHECKS = LIBRARY.in_folder("quality")

#: rdflib's closed namespaces (by name): a term outside their term lists is a typo. Looked up
#: when needed, so that pytest's collection does not probe the namespace classes.
CLOSED_NAMESPACES = (
    "DCTERMS",
    "FOAF",
    "ORG",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SH",
    "SKOS",
    "TIME",
    "XSD",
)


def load(paths: tuple[Path, ...]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@cache
def engine_over(paths: tuple[Path, ...]) -> GraphQueries:
    """The library's queries on these files (one named graph each; read once per run)."""
    dataset = Dataset(default_union=True)
    for path in paths:
        dataset.graph(URIRef(path.as_uri())).parse(path, format="turtle")
    return GraphQueries(LIBRARY, LocalEngine.over_dataset(dataset))


def run_check(check: CatalogQuery, paths: tuple[Path, ...]) -> list[tuple[str, ...]]:
    rows = engine_over(paths).select(check.name)
    return [tuple(str(value) for value in row.values()) for row in rows]


def project_input(check: CatalogQuery) -> tuple[Path, ...]:
    return tuple(p for name in check.header.inputs for p in INPUTS[name])


def test_quality_checks_exist() -> None:
    assert len(CHECKS) >= 8, f"expected the quality checks in {QUALITY}"
    assert {p.stem for p in QUALITY.glob("*.rq")} == {c.path.stem for c in CHECKS}


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.path.stem)
def test_check_has_header(check: CatalogQuery) -> None:
    assert set(check.header.inputs) <= set(INPUTS)
    assert check.header.fixture is not None
    assert (FIXTURES / check.header.fixture).is_file(), (
        f"{check.name}: no fixture {check.header.fixture}"
    )


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.path.stem)
def test_check_passes_on_project_files(check: CatalogQuery) -> None:
    rows = run_check(check, project_input(check))
    assert rows == [], f"{check.name} found defects:\n" + "\n".join(
        "  " + " | ".join(row) for row in rows
    )


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.path.stem)
def test_check_finds_planted_defect(check: CatalogQuery) -> None:
    assert check.header.fixture is not None
    fixture = FIXTURES / check.header.fixture
    rows = run_check(check, (fixture,))
    assert rows, f"{check.name} found nothing in {fixture.name}, which plants a defect"


def unknown_terms(graph: Graph) -> set[str]:
    """IRIs in a closed namespace of rdflib that are not terms of that namespace."""
    unknown: set[str] = set()
    for triple in graph:
        for term in triple:
            if not isinstance(term, URIRef):
                continue
            for name in CLOSED_NAMESPACES:
                namespace = getattr(vocabularies, name)
                base = str(namespace._NS)
                if str(term).startswith(base) and str(term) != base and term not in namespace:
                    unknown.add(str(term))
    return unknown


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "ontology" / "brn.ttl",
        ROOT / "ontology" / "themes.ttl",
        ROOT / "ontology" / "shapes.ttl",
    ],
    ids=lambda p: p.name,
)
def test_external_terms_exist(path: Path) -> None:
    """A misspelt skos:, dct:, org:, schema: ... term in the ontology or the shapes fails here."""
    assert unknown_terms(load((path,))) == set()


def test_external_term_check_catches_a_typo() -> None:
    graph = Graph()
    skos = "http://www.w3.org/2004/02/skos/core#"
    graph.add(
        (
            URIRef("https://example.org/x"),
            URIRef(skos + "preflabel"),
            URIRef("http://www.w3.org/ns/org#Site"),
        )
    )
    assert unknown_terms(graph) == {skos + "preflabel"}
