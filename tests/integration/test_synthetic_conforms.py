"""The benchmark's synthetic graph conforms to the shapes, so scale runs measure real work.

``serve`` refuses data that does not conform; before this, the 10k graph had 76 violations
(73 of them invented municipality codes) and nothing past the query engine could be measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace
from stdnum.dk import cvr

from benchmarks.generate import generate, municipality_codes
from brn_graph.config import Settings
from brn_graph.graph.loader import load_dataset, load_shapes
from brn_graph.graph.validation import validate_loaded

BRN = Namespace("https://w3id.org/brn-graph/ontology#")
SHAPES = Path(__file__).resolve().parents[2] / "ontology" / "shapes.ttl"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate("10k", out=tmp_path_factory.mktemp("synthetic-10k")).folder


def test_10k_validates_without_violations(folder: Path) -> None:
    settings = Settings(data_paths=(folder,), lang="en")
    report = validate_loaded(load_dataset(settings), load_shapes(settings), lang="en")
    assert report.violations == ()
    assert report.conforms


def test_municipality_codes_are_the_accepted_ones(folder: Path) -> None:
    shapes = Graph().parse(SHAPES, format="turtle")
    shape = Namespace("https://w3id.org/brn-graph/shapes#")["S09-Municipality-code"]
    sh = Namespace("http://www.w3.org/ns/shacl#")
    accepted = {str(item) for item in shapes.items(shapes.value(shape, sh["in"]))}
    assert len(accepted) == 98
    assert {code for code, _ in municipality_codes()} == accepted

    geography = Graph().parse(folder / "geography.ttl", format="turtle")
    codes = [str(o) for o in geography.objects(None, BRN.municipalityCode)]
    assert codes
    assert set(codes) <= accepted
    assert len(codes) == len(set(codes))


def test_cvr_numbers_pass_the_official_check(folder: Path) -> None:
    companies = Graph().parse(folder / "companies.ttl", format="turtle")
    numbers = [o for o in companies.objects(None, BRN.cvrNumber) if isinstance(o, Literal)]
    assert len(numbers) > 100
    assert all(cvr.is_valid(str(n)) for n in numbers)
