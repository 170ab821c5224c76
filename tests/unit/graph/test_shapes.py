"""The SHACL shapes (``ontology/shapes.ttl``) against their fixtures.

Fixtures live in ``tests/fixtures/shapes/`` and are named after the shape they exercise:
``<NodeShapeId>-valid.ttl`` must validate with no result at all, and
``<ShapeId>-invalid-NN.ttl`` must be reported under ``<ShapeId>`` (a node shape or one of its
property shapes), with nothing reported by an unrelated shape. Each fixture is validated on
its own, together with the ontology files, as the data is in production.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from stdnum.dk import cvr

from brn_graph.graph.validation import ValidationReport, validate_graph

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "shapes"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY_FILES = (ROOT / "ontology" / "brn.ttl", ROOT / "ontology" / "themes.ttl")
BRNSH = "https://w3id.org/brn-graph/shapes#"
SH = Namespace("http://www.w3.org/ns/shacl#")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CVR_NUMBER = URIRef("https://w3id.org/brn-graph/ontology#cvrNumber")

#: Shapes without targets (S90-S99), used through sh:node, sh:or ...: pySHACL also reports
#: them as nested details of the result of the shape that uses them.
VALUE_SHAPE = re.compile(r"^S9\d-")
INVALID_NAME = re.compile(r"^(?P<shape>S\d\d-[A-Za-z0-9-]+?)-invalid-(?P<number>\d\d)$")
VALID_NAME = re.compile(r"^(?P<shape>S\d\d-[A-Za-z0-9-]+?)-valid$")

VALID_FIXTURES = sorted(p for p in FIXTURES.glob("S*-valid.ttl"))
INVALID_FIXTURES = sorted(p for p in FIXTURES.glob("S*-invalid-*.ttl"))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path, format="turtle")
    return graph


def validate_fixture(
    path: Path, shapes: Graph, ontology: Graph, lang: str = "en"
) -> ValidationReport:
    data = Graph().parse(path, format="turtle")
    return validate_graph(data, shapes=shapes, ontology=ontology, lang=lang)


def describe(report: ValidationReport) -> str:
    return "\n".join(
        f"  {r.severity} {r.shape_id} focus={r.focus_node} value={r.value}: {r.message}"
        for r in report.results
    )


def expected_shape(path: Path) -> str:
    match = INVALID_NAME.match(path.stem)
    assert match, f"{path.name} is not named <ShapeId>-invalid-NN.ttl"
    return match.group("shape")


def node_shape_prefix(shape_id: str) -> str:
    """``S24-Figure-unit`` -> ``S24-``: every shape of one node shape shares its number."""
    return shape_id.split("-", 1)[0] + "-"


def shape_ids(shapes: Graph, kind: URIRef) -> set[str]:
    return {
        str(s)[len(BRNSH) :]
        for s in shapes.subjects(RDF_TYPE, kind)
        if isinstance(s, URIRef) and str(s).startswith(BRNSH)
    }


def targeted_node_shapes(shapes: Graph) -> set[str]:
    targets = (
        SH["targetClass"],
        SH["targetNode"],
        SH["targetSubjectsOf"],
        SH["targetObjectsOf"],
        SH["target"],  # SHACL-AF SPARQL targets (the rubric shapes S38-S40)
    )
    return {
        shape_id
        for shape_id in shape_ids(shapes, SH["NodeShape"])
        if any(shapes.value(URIRef(BRNSH + shape_id), t) is not None for t in targets)
    }


def severity_of(shapes: Graph, shape_id: str) -> str:
    severity = shapes.value(URIRef(BRNSH + shape_id), SH["severity"])
    return "Violation" if severity is None else str(severity).rsplit("#", 1)[1]


def test_fixtures_exist() -> None:
    assert VALID_FIXTURES, f"no valid fixtures in {FIXTURES}"
    assert INVALID_FIXTURES, f"no invalid fixtures in {FIXTURES}"


@pytest.mark.parametrize("path", VALID_FIXTURES, ids=lambda p: p.stem)
def test_valid_fixture_conforms(path: Path, shapes: Graph, ontology: Graph) -> None:
    report = validate_fixture(path, shapes, ontology)
    assert report.conforms, f"{path.name} should conform:\n{describe(report)}"
    assert report.results == (), f"{path.name} should give no result at all:\n{describe(report)}"


@pytest.mark.parametrize("path", INVALID_FIXTURES, ids=lambda p: p.stem)
def test_invalid_fixture_fails_its_shape(path: Path, shapes: Graph, ontology: Graph) -> None:
    expected = expected_shape(path)
    report = validate_fixture(path, shapes, ontology)
    found = {r.shape_id for r in report.results}
    assert expected in found, f"{path.name} should be reported by {expected}:\n{describe(report)}"
    unrelated = {
        shape_id
        for shape_id in found
        if not shape_id.startswith(node_shape_prefix(expected)) and not VALUE_SHAPE.match(shape_id)
    }
    assert not unrelated, f"{path.name} breaks more than {expected}:\n{describe(report)}"
    if severity_of(shapes, expected) == "Violation":
        assert not report.conforms
    else:
        assert all(r.severity != "Violation" for r in report.results), describe(report)


@pytest.mark.parametrize("path", INVALID_FIXTURES, ids=lambda p: p.stem)
def test_invalid_fixture_says_what_it_breaks(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith(f"# breaks {expected_shape(path)}"), (
        f"{path.name}: line 1 must be '# breaks {expected_shape(path)}: ...', got {first_line!r}"
    )


def test_fixture_names_name_existing_shapes(shapes: Graph) -> None:
    known = shape_ids(shapes, SH["NodeShape"]) | shape_ids(shapes, SH["PropertyShape"])
    named = {expected_shape(p) for p in INVALID_FIXTURES}
    for path in VALID_FIXTURES:
        match = VALID_NAME.match(path.stem)
        assert match, f"{path.name} is not named <NodeShapeId>-valid.ttl"
        named.add(match.group("shape"))
    assert named <= known, f"fixtures name unknown shapes: {sorted(named - known)}"


def test_every_targeted_node_shape_has_fixtures(shapes: Graph) -> None:
    valid = {VALID_NAME.match(p.stem).group("shape") for p in VALID_FIXTURES}  # type: ignore[union-attr]
    invalid = {expected_shape(p) for p in INVALID_FIXTURES}
    missing = []
    for node_shape in sorted(targeted_node_shapes(shapes)):
        if node_shape not in valid:
            missing.append(f"{node_shape}-valid.ttl")
        if not any(i == node_shape or i.startswith(node_shape + "-") for i in invalid):
            missing.append(f"{node_shape}-...-invalid-NN.ttl")
    assert not missing, f"fixtures missing: {missing}"


def test_ontology_itself_gives_no_result(shapes: Graph, ontology: Graph) -> None:
    report = validate_graph(Graph(), shapes=shapes, ontology=ontology)
    assert report.results == (), describe(report)


def test_messages_follow_the_chosen_language(shapes: Graph, ontology: Graph) -> None:
    path = FIXTURES / "S24-Figure-unit-invalid-01.ttl"
    danish = validate_fixture(path, shapes, ontology, lang="da")
    english = validate_fixture(path, shapes, ontology, lang="en")
    assert [r.message for r in danish.results] == [
        "Et nøgletal har præcis én enhed (brn:unit) fra listen brn:Units."
    ]
    assert [r.message for r in english.results] == [
        "A figure has exactly one unit (brn:unit) from the list brn:Units."
    ]


def cvr_numbers(path: Path) -> list[str]:
    graph = Graph().parse(path, format="turtle")
    return [str(o) for o in graph.objects(None, CVR_NUMBER) if isinstance(o, Literal)]


def test_cvr_fixtures_agree_with_stdnum() -> None:
    """The SPARQL check digit (S08) and python-stdnum must judge the fixture numbers alike."""
    valid = cvr_numbers(FIXTURES / "S08-CvrCheckDigit-valid.ttl")
    assert len(valid) >= 5
    assert all(cvr.is_valid(n) for n in valid), valid
    invalid_paths = sorted(FIXTURES.glob("S08-CvrCheckDigit-invalid-*.ttl"))
    assert len(invalid_paths) >= 2
    for path in invalid_paths:
        numbers = cvr_numbers(path)
        assert numbers, path.name
        assert not any(cvr.is_valid(n) for n in numbers), (path.name, numbers)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("13748136", True),
        ("24256790", True),
        ("13585628", True),
        ("24256791", False),
        ("13585627", False),
    ],
)
def test_cvr_check_digit_on_published_vectors(
    number: str, valid: bool, shapes: Graph, ontology: Graph
) -> None:
    """Erhvervsstyrelsen's, python-stdnum's and hexdocs' vectors, through the S08 SPARQL rule."""
    data = Graph()
    company = URIRef(f"https://w3id.org/brn-graph/id/company/{number}")
    data.add((company, CVR_NUMBER, Literal(number)))
    report = validate_graph(data, shapes=shapes, ontology=ontology)
    flagged = any(r.shape_id == "S08-CvrCheckDigit" for r in report.results)
    assert flagged is not valid
    assert cvr.is_valid(number) is valid
