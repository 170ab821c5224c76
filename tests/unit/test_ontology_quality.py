"""Quality checks on the ontology, the shapes and the data, written as SPARQL.

Each ``queries/quality/*.rq`` file is one check that returns one row per defect. Its header
says which files it runs on (``# input: ontology shapes data``) and names a small fixture in
``tests/fixtures/shapes/`` with a planted defect: every check must return no rows on the
project's files and at least one row on its fixture, so no check can pass vacuously.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as vocabularies

ROOT = Path(__file__).resolve().parents[2]
QUALITY = ROOT / "queries" / "quality"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "shapes"
INPUTS: dict[str, tuple[Path, ...]] = {
    "ontology": (ROOT / "ontology" / "brn.ttl", ROOT / "ontology" / "themes.ttl"),
    "shapes": (ROOT / "ontology" / "shapes.ttl",),
    "data": tuple(sorted((ROOT / "data").rglob("*.ttl"))),
}
HEADER_KEYS = ("summary.da", "summary.en", "input", "fixture")
QUERY_FILES = sorted(QUALITY.glob("*.rq"))

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


def read_header(path: Path) -> dict[str, str]:
    """The ``# key: value`` lines at the top of a query file."""
    header: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].strip().partition(":")
        if sep and key in HEADER_KEYS:
            header[key] = value.strip()
    return header


def load(paths: tuple[Path, ...]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def run_check(query_file: Path, graph: Graph) -> list[tuple[str, ...]]:
    result = graph.query(query_file.read_text(encoding="utf-8"))
    return [tuple(str(value) for value in row) for row in result]  # type: ignore[union-attr]


def project_input(query_file: Path) -> Graph:
    names = read_header(query_file)["input"].split()
    unknown = set(names) - set(INPUTS)
    assert not unknown, f"{query_file.name}: unknown input {sorted(unknown)}"
    return load(tuple(p for name in names for p in INPUTS[name]))


def test_quality_checks_exist() -> None:
    assert len(QUERY_FILES) >= 8, f"expected the quality checks in {QUALITY}"


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=lambda p: p.stem)
def test_check_has_header(query_file: Path) -> None:
    header = read_header(query_file)
    missing = [key for key in HEADER_KEYS if not header.get(key)]
    assert not missing, f"{query_file.name}: header lacks {missing}"
    assert (FIXTURES / header["fixture"]).is_file(), (
        f"{query_file.name}: no fixture {header['fixture']}"
    )


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=lambda p: p.stem)
def test_check_passes_on_project_files(query_file: Path) -> None:
    rows = run_check(query_file, project_input(query_file))
    assert rows == [], f"{query_file.name} found defects:\n" + "\n".join(
        "  " + " | ".join(row) for row in rows
    )


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=lambda p: p.stem)
def test_check_finds_planted_defect(query_file: Path) -> None:
    fixture = FIXTURES / read_header(query_file)["fixture"]
    rows = run_check(query_file, load((fixture,)))
    assert rows, f"{query_file.name} found nothing in {fixture.name}, which plants a defect"


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
