"""The session builder: load, validate, open the store, read the catalogue, build the model."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from brn_graph.config import Settings
from brn_graph.errors import DataLoadError
from brn_graph.graph.session import DataNotConformingError, build_session
from brn_graph.graph.tallies import TALLY_GRAPH

INVALID = Path(__file__).resolve().parents[2] / "fixtures" / "api" / "invalid.ttl"


@pytest.fixture(scope="module")
def bundled() -> object:
    return build_session(Settings(store="memory", lang="en"))


def test_bundled_data_gives_a_conforming_session_with_everything_built(bundled: object) -> None:
    from brn_graph.graph.session import Session

    assert isinstance(bundled, Session)
    assert bundled.conforms
    assert bundled.nonconformity() is None
    assert bundled.total_triples > 1000
    assert bundled.fingerprint == bundled.store.fingerprint
    assert "get_cluster_profile" in {q.name for q in bundled.catalog}
    assert bundled.model.data.clusters
    assert bundled.dataset is bundled.store.dataset


def test_invalid_data_is_built_but_says_so_in_both_languages() -> None:
    session = build_session(Settings(data_paths=(INVALID,), store="memory", lang="en"))
    assert not session.conforms
    assert session.violation_count > 0
    english = session.nonconformity("en")
    danish = session.nonconformity("da")
    assert english is not None
    assert english.startswith("the data does not conform to the SHACL shapes: ")
    assert f"{session.violation_count} violations" in english
    assert danish is not None
    assert danish.startswith("data overholder ikke SHACL-formerne: ")
    assert "violations" not in danish


def test_refusing_invalid_data_raises_before_the_store_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import brn_graph.graph.session as module

    def no_store(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the store must not be opened for refused data")

    monkeypatch.setattr(module, "open_store", no_store)
    with pytest.raises(DataNotConformingError, match="does not conform"):
        build_session(Settings(data_paths=(INVALID,), lang="en"), refuse_invalid=True)


def test_the_other_language_report_is_validated_again(bundled: object) -> None:
    from brn_graph.graph.session import Session

    assert isinstance(bundled, Session)
    assert bundled.validation_report("en") is bundled.report
    danish = bundled.validation_report("da")
    assert danish.conforms is bundled.report.conforms


def test_the_session_validates_through_the_one_report_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import brn_graph.graph.validation as validation
    from brn_graph.graph.validation_cache import cached_report

    settings = Settings(data_paths=(INVALID,), store="memory", lang="en", cache_dir=tmp_path)
    assert cached_report(settings) is None
    first = build_session(settings)
    assert cached_report(settings) == (first.report, 1)

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(validation, "validate_graph", fail)
    again = build_session(settings)
    assert again.report == first.report
    assert not again.conforms
    with pytest.raises(AssertionError, match="validated again"):
        build_session(settings.with_overrides(validation_cache=False))


def test_a_cached_start_on_oxigraph_never_builds_the_rdflib_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up on unchanged data: the report comes from the cache, the store is filled from
    the parsed triples, and nothing converts them to rdflib or parses the shapes."""
    import brn_graph.graph.loader as loader
    import brn_graph.graph.session as session_module

    settings = Settings(store="oxigraph", lang="en", cache_dir=tmp_path)
    first = build_session(settings)  # fills the report cache

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("converted to rdflib or parsed the shapes on a cached start")

    monkeypatch.setattr(loader, "rdflib_triples", refuse)
    monkeypatch.setattr(session_module, "load_shapes", refuse)
    again = build_session(settings)
    assert again.report == first.report
    assert again.total_triples == first.total_triples > 0
    assert again.store.oxigraph is not None
    assert len(again.store.oxigraph) == again.total_triples + _tallies(again.store.oxigraph)
    monkeypatch.undo()
    # built on first use, with the same triples the store holds
    for f in again.loaded.files:
        graph = again.loaded.dataset.graph(f.graph_iri)
        in_store = again.store.oxigraph.quads_for_pattern(
            None, None, None, ox.NamedNode(str(f.graph_iri))
        )
        assert len(graph) == sum(1 for _ in in_store)
    assert again.loaded.total_triples == again.total_triples


def test_a_cached_start_on_a_current_disk_store_parses_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On an ``oxigraph:DIR`` folder built from unchanged files, with their report cached,
    start-up reads neither the files' triples nor the shapes: the parse waits for first use."""
    import brn_graph.graph.loader as loader
    import brn_graph.graph.session as session_module

    settings = Settings(store=f"oxigraph:{tmp_path / 'store'}", lang="en", cache_dir=tmp_path)
    first = build_session(settings)  # builds the folder and fills the report cache

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed a file or the shapes on a cached start")

    monkeypatch.setattr(loader, "parse_quads", refuse)
    monkeypatch.setattr(session_module, "load_shapes", refuse)
    again = build_session(settings)
    assert not again.loaded.parsed
    assert again.report == first.report
    assert again.total_triples == first.total_triples > 0
    assert again.model.scores == first.model.scores != {}
    monkeypatch.undo()
    # parsed on first use, with the triples the store holds
    assert again.loaded.total_triples == again.total_triples  # the folder's own count
    assert not again.loaded.parsed
    assert (
        sum(len(again.loaded.dataset.graph(f.graph_iri)) for f in again.loaded.files)
        == again.total_triples
    )
    assert again.loaded.parsed


def test_a_changed_file_is_parsed_at_start_even_on_a_disk_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "one.ttl").write_text(
        '@prefix ex: <http://example.org/> .\nex:a ex:note "x" .\n', encoding="utf-8"
    )
    settings = Settings(
        data_paths=(data,), store=f"oxigraph:{tmp_path / 'store'}", lang="en", cache_dir=tmp_path
    )
    build_session(settings)
    (data / "one.ttl").write_text("ex:a ex:note .\n", encoding="utf-8")  # broken now
    with pytest.raises(DataLoadError, match=r"one\.ttl"):
        build_session(settings)


def _tallies(store: ox.Store) -> int:
    """The triples the store derived itself (its membership tallies), besides the files'."""
    found = len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(TALLY_GRAPH))))
    assert found > 0
    return found


def test_the_parsed_triples_are_dropped_once_the_store_holds_them(tmp_path: Path) -> None:
    session = build_session(Settings(store="oxigraph", lang="en", cache_dir=tmp_path))
    assert not session.loaded.parsed  # released: the store was filled from them
    assert session.loaded.total_triples == session.total_triples > 0
    assert session.store.oxigraph is not None
    assert len(session.store.oxigraph) == session.total_triples + _tallies(session.store.oxigraph)
    # read again on demand, the same triples
    dataset = session.loaded.dataset
    assert (
        sum(len(dataset.graph(f.graph_iri)) for f in session.loaded.files) == session.total_triples
    )


def test_files_changed_after_the_start_are_not_read_as_the_started_graph(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    one = data / "one.ttl"
    one.write_text('@prefix ex: <http://example.org/> .\nex:a ex:note "x" .\n', encoding="utf-8")
    session = build_session(
        Settings(data_paths=(data,), store="oxigraph", lang="en", cache_dir=tmp_path)
    )
    one.write_text('@prefix ex: <http://example.org/> .\nex:a ex:note "y" .\n', encoding="utf-8")
    with pytest.raises(DataLoadError, match="the files changed since the graph was loaded") as err:
        session.loaded.dataset  # noqa: B018
    assert err.value.path == one  # the only data file (else the folder they share)
