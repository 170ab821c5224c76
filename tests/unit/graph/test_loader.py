"""Loader: files become named graphs; errors name the file and line; loading is deterministic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import to_isomorphic

from brn_graph.config import Settings
from brn_graph.errors import DataLoadError
from brn_graph.graph.loader import discover_files, load_dataset, union_graph

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "loader"
SKOS_PREFLABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


def settings_for(*paths: Path, **kwargs: object) -> Settings:
    return Settings(data_paths=tuple(paths), **kwargs)  # type: ignore[arg-type]


def test_each_file_is_its_own_named_graph(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "one.ttl", tmp_path / "one.ttl")
    (tmp_path / "sub").mkdir()
    shutil.copy(FIXTURES / "one.ttl", tmp_path / "sub" / "two.ttl")
    loaded = load_dataset(settings_for(tmp_path))
    data_graphs = {str(g) for g in loaded.data_graph_iris}
    assert data_graphs == {
        "https://w3id.org/brn-graph/graph/data/one",
        "https://w3id.org/brn-graph/graph/data/sub/two",
    }
    assert "https://w3id.org/brn-graph/graph/ontology/brn" in {
        str(g) for g in loaded.ontology_graph_iris
    }
    assert len(loaded.dataset.graph(URIRef("https://w3id.org/brn-graph/graph/data/one"))) == 4


def test_literals_keep_language_and_plain_strings_stay_plain() -> None:
    loaded = load_dataset(settings_for(FIXTURES / "one.ttl"))
    graph = union_graph(loaded, include_ontology=False)
    labels = set(graph.objects(None, SKOS_PREFLABEL))
    assert Literal("Eksempel æøå", lang="da") in labels
    notes = list(graph.objects(None, URIRef("http://example.org/note")))
    # A simple literal must not come back typed xsd:string (that breaks sh:in comparisons).
    assert notes == [Literal("plain")]
    assert notes[0].datatype is None


def test_malformed_turtle_names_file_and_line(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "broken.ttl", tmp_path / "broken.ttl")
    with pytest.raises(DataLoadError) as info:
        load_dataset(settings_for(tmp_path))
    assert info.value.line == 4
    assert info.value.path.name == "broken.ttl"
    assert "broken.ttl:4" in str(info.value)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.ttl"
    bad.write_bytes(b'@prefix ex: <http://example.org/> .\n\nex:a ex:b "K\xf8ge" .\n')
    with pytest.raises(DataLoadError) as info:
        load_dataset(settings_for(bad))
    assert info.value.line == 3
    assert "UTF-8" in str(info.value)


def test_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(DataLoadError, match="nowhere"):
        discover_files(settings_for(missing))


def test_a_failed_load_builds_nothing(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "one.ttl", tmp_path / "a.ttl")
    shutil.copy(FIXTURES / "broken.ttl", tmp_path / "b.ttl")
    with pytest.raises(DataLoadError):
        load_dataset(settings_for(tmp_path))


def test_loading_is_deterministic() -> None:
    first = load_dataset(Settings())
    second = load_dataset(Settings())
    assert first.fingerprint == second.fingerprint
    assert [f.graph_iri for f in first.files] == [f.graph_iri for f in second.files]
    for iri in first.data_graph_iris:
        assert to_isomorphic(first.dataset.graph(iri)) == to_isomorphic(second.dataset.graph(iri))


def test_fingerprint_changes_with_content(tmp_path: Path) -> None:
    target = tmp_path / "one.ttl"
    shutil.copy(FIXTURES / "one.ttl", target)
    before = load_dataset(settings_for(tmp_path)).fingerprint
    target.write_text(target.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert load_dataset(settings_for(tmp_path)).fingerprint != before


def test_base_iri_is_configurable() -> None:
    loaded = load_dataset(settings_for(FIXTURES / "one.ttl", base_iri="https://example.dk/kg/"))
    graph = union_graph(loaded, include_ontology=False)
    subjects = {str(s) for s in graph.subjects(SKOS_PREFLABEL, None)}
    assert subjects == {"https://example.dk/kg/id/cluster/example"}
    assert str(loaded.data_graph_iris[0]).startswith("https://example.dk/kg/graph/")
    # Ontology terms keep their own namespace.
    everything = union_graph(loaded, include_ontology=True)
    assert (URIRef("https://w3id.org/brn-graph/ontology#Cluster"), None, None) in everything


def test_the_rdflib_dataset_is_built_once_and_matches_the_parsed_triples(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "one.ttl", tmp_path / "one.ttl")
    loaded = load_dataset(settings_for(tmp_path))
    parsed = {f.graph_iri: set(triples) for f, triples in loaded.oxigraph_triples()}
    count = loaded.total_triples
    dataset = loaded.dataset
    assert loaded.dataset is dataset  # built once
    for f in loaded.files:
        assert len(dataset.graph(f.graph_iri)) == len(parsed[f.graph_iri])
    assert count == sum(len(triples) for triples in parsed.values()) > 0
    # after the build the Oxigraph triples come from the Dataset, unchanged
    again = {f.graph_iri: set(triples) for f, triples in loaded.oxigraph_triples()}
    assert again == parsed
    assert loaded.total_triples == count


def test_a_file_that_does_not_parse_is_an_error_at_load_time_not_at_first_use(
    tmp_path: Path,
) -> None:
    (tmp_path / "bad.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    with pytest.raises(DataLoadError) as raised:
        load_dataset(settings_for(tmp_path))
    assert raised.value.path.name == "bad.ttl"
    assert raised.value.line == 2


def test_graph_subjects_are_the_same_before_and_after_the_dataset_is_built() -> None:
    loaded = load_dataset(Settings())
    before = {f.graph_iri: loaded.graph_subjects(f.graph_iri) for f in loaded.files}
    expected = {
        f.graph_iri: {s for s, _p, _o in loaded.graph_triples(f.graph_iri)} for f in loaded.files
    }
    assert before == expected
    assert sum(len(s) for s in before.values()) > 500
    loaded.dataset  # noqa: B018  (builds the Dataset; the parsed triples are dropped)
    after = {f.graph_iri: loaded.graph_subjects(f.graph_iri) for f in loaded.files}
    assert after == expected
    assert loaded.graph_subjects(URIRef("https://example.org/no-such-graph")) == set()
