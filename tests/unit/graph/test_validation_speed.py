"""The faster validation path gives pySHACL's own report, and the report cache is exact.

pySHACL stays the reference: every shape fixture is validated with the optimisations
(prepared SPARQL constraints, hashed parameter lookup, no second clone) and inside
``plain_pyshacl()`` (pySHACL's own code path), and the two reports must be equal.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from brn_graph.config import Settings
from brn_graph.errors import ConfigError
from brn_graph.graph import prepared_sparql, validation
from brn_graph.graph.loader import load_dataset, load_shapes
from brn_graph.graph.prepared_sparql import plain_pyshacl
from brn_graph.graph.validation import ValidationReport, validate_graph, validate_loaded
from brn_graph.graph.validation_cache import ReportCache, cached_report

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
ALL_FIXTURES = sorted(FIXTURES.glob("S*.ttl"))
BRN = Namespace("https://w3id.org/brn-graph/ontology#")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for name in ("brn.ttl", "themes.ttl"):
        graph.parse(ROOT / "ontology" / name, format="turtle")
    return graph


def test_fixture_list_is_not_empty() -> None:
    assert len(ALL_FIXTURES) > 100


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.stem)
def test_same_report_as_plain_pyshacl(path: Path, shapes: Graph, ontology: Graph) -> None:
    data = Graph().parse(path, format="turtle")
    fast = validate_graph(data, shapes=shapes, ontology=ontology, lang="da")
    with plain_pyshacl():
        reference = validate_graph(data, shapes=shapes, ontology=ontology, lang="da")
    assert fast == reference


def test_sparql_constraints_are_parsed_once_per_text(
    shapes: Graph, ontology: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three periods that begin after they end: one S34 query text, three focus nodes. (S08,
    # the CVR check digit, is checked in Python now; S34 is still a SPARQL constraint.)
    data = Graph()
    event = Namespace("https://w3id.org/brn-graph/id/event/")
    schema = Namespace("https://schema.org/")
    for n in range(3):
        data.add((event[f"backwards-{n}"], schema.startDate, Literal(f"202{n + 4}-01-01")))
        data.add((event[f"backwards-{n}"], schema.endDate, Literal("2020-12-31")))
    prepared_sparql._prepared.clear()
    parsed: list[str] = []
    original = prepared_sparql.prepareQuery

    def counting(text: str, **kwargs: object) -> object:
        parsed.append(text)
        return original(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(prepared_sparql, "prepareQuery", counting)
    report = validate_graph(data, shapes=shapes, ontology=ontology)
    order_results = [r for r in report.results if r.shape_id == "S34-PeriodOrder"]
    assert len(order_results) == 3
    assert len(parsed) == len(set(parsed))  # every distinct text prepared exactly once
    assert any("time:hasBeginning" in text for text in parsed)


def test_prepared_query_depends_on_the_namespaces() -> None:
    text = "SELECT ?s WHERE { ?s ex:p ?o }"
    first = prepared_sparql.prepared(text, {"ex": URIRef("http://a.example/")})
    again = prepared_sparql.prepared(text, {"ex": URIRef("http://a.example/")})
    other = prepared_sparql.prepared(text, {"ex": URIRef("http://b.example/")})
    assert first is again
    assert other is not first
    graph = Graph()
    graph.add((URIRef("http://x.example/s"), URIRef("http://b.example/p"), Literal(1)))
    assert len(list(graph.query(first))) == 0
    assert len(list(graph.query(other))) == 1


# The report cache


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    """A private copy of ontology and data, with the cache in its own folder."""
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURES / "S08-CvrCheckDigit-valid.ttl", tmp_path / "data" / "a.ttl")
    return Settings(
        ontology_dir=tmp_path / "ontology",
        data_paths=(tmp_path / "data",),
        cache_dir=tmp_path / "cache",
        lang="en",
    )


def _validate(settings: Settings, lang: str = "en") -> ValidationReport:
    return validate_loaded(
        load_dataset(settings),
        load_shapes(settings),
        lang=lang,
        cache=ReportCache.for_settings(settings),
    )


def _forbid_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> ValidationReport:
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(validation, "validate_graph", fail)


def test_unchanged_data_is_not_validated_twice(
    project: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _validate(project)
    assert cached_report(project) is not None
    _forbid_validation(monkeypatch)
    assert _validate(project) == first
    hit = cached_report(project)
    assert hit is not None
    assert hit == (first, 1)


def test_changed_data_shapes_or_language_is_validated_again(project: Settings) -> None:
    _validate(project)
    assert cached_report(project) is not None
    assert cached_report(project.with_overrides(lang="da")) is None

    data = project.data_paths[0] / "a.ttl"
    bad = (FIXTURES / "S08-CvrCheckDigit-invalid-01.ttl").read_text(encoding="utf-8")
    data.write_text(bad, encoding="utf-8")
    assert cached_report(project) is None
    report = _validate(project)
    assert not report.conforms
    assert [r.shape_id for r in report.violations] == ["S08-CvrCheckDigit"]
    assert cached_report(project) == (report, 1)

    shapes = project.shapes_path
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert cached_report(project) is None


def test_the_same_files_elsewhere_are_validated_again(project: Settings, tmp_path: Path) -> None:
    # Results name the focus node's file, so a copy in another folder needs its own report.
    _validate(project)
    moved = tmp_path / "elsewhere"
    shutil.copytree(project.data_paths[0], moved)
    elsewhere = project.with_overrides(data_paths=(moved,))
    assert cached_report(elsewhere) is None
    report = _validate(elsewhere)
    assert cached_report(elsewhere) == (report, 1)


def test_a_damaged_entry_is_a_miss(project: Settings) -> None:
    first = _validate(project)
    cache = ReportCache.for_settings(project)
    assert cache is not None
    (entry,) = cache.folder.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert cached_report(project) is None
    assert _validate(project) == first
    assert json.loads(entry.read_text(encoding="utf-8"))["conforms"] is True


def test_cache_can_be_switched_off(project: Settings) -> None:
    off = project.with_overrides(validation_cache=False)
    assert ReportCache.for_settings(off) is None
    _validate(off)
    assert not (project.cache_dir or Path("/nonexistent")).exists()


def test_cache_inside_the_package_is_refused() -> None:
    inside = Settings(cache_dir=ROOT / "brn_graph" / "cache")
    with pytest.raises(ConfigError, match="inside the installed package"):
        ReportCache.for_settings(inside)


def test_cache_folder_comes_from_the_environment(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"BRN_GRAPH_CACHE_DIR": str(tmp_path / "c"), "BRN_GRAPH_VALIDATION_CACHE": "0"}
    )
    assert settings.cache_dir == tmp_path / "c"
    assert settings.validation_cache is False
