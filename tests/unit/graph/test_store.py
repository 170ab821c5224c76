"""store: every backend gives the same Dataset; on disk it is reused until the files change."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from brn_graph.config import Settings
from brn_graph.errors import ConfigError, DataLoadError, StoreError
from brn_graph.graph.loader import load_dataset
from brn_graph.graph.store import METADATA_FILE, DiskMetadata, StoreSpec, open_store

DATA = """\
@prefix ex: <http://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:a skos:prefLabel "Aalborg"@da ; ex:n 1 ; ex:note "plain" .
"""
GRAPH = URIRef("https://w3id.org/brn-graph/graph/data/one")
COUNT = (
    "SELECT (COUNT(*) AS ?n) "
    "WHERE { GRAPH <https://w3id.org/brn-graph/graph/data/one> { ?s ?p ?o } }"
)


def data_settings(folder: Path, store: str) -> Settings:
    folder.mkdir(exist_ok=True)
    (folder / "one.ttl").write_text(DATA, encoding="utf-8")
    return Settings(data_paths=(folder,), store=store)


@pytest.mark.parametrize(
    ("text", "kind", "location", "url"),
    [
        ("oxigraph", "oxigraph", None, None),
        ("OXIGRAPH", "oxigraph", None, None),
        ("memory", "memory", None, None),
        ("oxigraph:/tmp/store", "oxigraph-disk", Path("/tmp/store"), None),
        ("sparql:http://127.0.0.1:7878/query", "sparql", None, "http://127.0.0.1:7878/query"),
        ("sparql:https://example.org/sparql", "sparql", None, "https://example.org/sparql"),
    ],
)
def test_store_specs(text: str, kind: str, location: Path | None, url: str | None) -> None:
    spec = StoreSpec.parse(text)
    assert (spec.kind, spec.location, spec.url) == (kind, location, url)
    assert StoreSpec.parse(spec.label) == spec


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rocksdb", "unknown store 'rocksdb'"),
        ("oxigraph:", "needs a folder"),
        ("sparql:ftp://example.org/", "http"),
        ("sparql:file:///etc/passwd", "http"),
        ("memory:x", "unknown store"),
    ],
)
def test_bad_store_specs_say_what_to_use(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        StoreSpec.parse(text)


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_local_backends_hold_one_graph_per_file(tmp_path: Path, store: str) -> None:
    opened = open_store(data_settings(tmp_path / "data", store))
    assert GRAPH in opened.graph_iris
    assert opened.fingerprint
    rows = list(opened.dataset.query(COUNT))
    assert int(rows[0][0]) == 3  # type: ignore[index]
    # the default graph is the union of every file (data and ontology)
    union = list(opened.dataset.query("ASK { <http://example.org/a> ?p ?o }"))
    assert union == [True]
    labels = set(opened.dataset.objects(URIRef("http://example.org/a"), None))
    assert Literal("Aalborg", lang="da") in labels


def test_oxigraph_reuses_a_loaded_dataset(tmp_path: Path) -> None:
    settings = data_settings(tmp_path / "data", "oxigraph")
    loaded = load_dataset(settings)
    opened = open_store(settings, loaded)
    assert opened.loaded is loaded
    assert int(next(iter(opened.dataset.query(COUNT)))[0]) == 3  # type: ignore[index]


def test_memory_does_not_mutate_the_given_dataset(tmp_path: Path) -> None:
    settings = data_settings(tmp_path / "data", "memory")
    loaded = load_dataset(settings)
    opened = open_store(settings, loaded)
    assert loaded.dataset.default_union is False
    assert opened.dataset.default_union is True


def test_disk_store_is_built_once_and_reopened_without_parsing(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    settings = data_settings(tmp_path / "data", f"oxigraph:{folder}")
    first = open_store(settings)
    assert first.rebuilt
    assert int(next(iter(first.dataset.query(COUNT)))[0]) == 3  # type: ignore[index]
    meta = DiskMetadata.read(folder)
    assert meta is not None
    assert meta.fingerprint == first.fingerprint
    assert str(GRAPH) in meta.graphs

    second = open_store(settings)
    assert not second.rebuilt
    assert int(next(iter(second.dataset.query(COUNT)))[0]) == 3  # type: ignore[index]


def test_disk_store_rebuilds_when_a_file_changes(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    settings = data_settings(tmp_path / "data", f"oxigraph:{folder}")
    open_store(settings)
    with (tmp_path / "data" / "one.ttl").open("a", encoding="utf-8") as f:
        f.write('ex:b ex:note "new" .\n')
    reopened = open_store(settings)
    assert reopened.rebuilt
    assert int(next(iter(reopened.dataset.query(COUNT)))[0]) == 4  # type: ignore[index]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".store.")]
    assert leftovers == []


def test_disk_store_is_read_only(tmp_path: Path) -> None:
    settings = data_settings(tmp_path / "data", f"oxigraph:{tmp_path / 'store'}")
    opened = open_store(settings)
    with pytest.raises(RuntimeError, match="read-write"):
        opened.dataset.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))


def test_disk_store_refuses_a_foreign_folder(tmp_path: Path) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    settings = data_settings(tmp_path / "data", f"oxigraph:{foreign}")
    with pytest.raises(StoreError, match="not a brn-graph store"):
        open_store(settings)
    assert (foreign / "holiday.jpg").exists()


def test_a_broken_file_leaves_the_old_disk_store_intact(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    data = tmp_path / "data"
    settings = data_settings(data, f"oxigraph:{folder}")
    open_store(settings)
    before = (folder / METADATA_FILE).read_text(encoding="utf-8")
    (data / "broken.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    with pytest.raises(DataLoadError, match=r"broken\.ttl"):
        open_store(settings)
    assert (folder / METADATA_FILE).read_text(encoding="utf-8") == before
    shutil.rmtree(folder)


def test_an_unreachable_endpoint_is_a_store_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match="did not answer"):
        open_store(Settings(store=f"sparql:http://127.0.0.1:{port}/query"))


def test_two_builders_at_once_build_the_disk_store_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The service builds its session in a thread while the query engine's zygote opens the
    # same folder. Both found no store, both built it, and the second swap deleted the files
    # the first one's reader had open ("Corruption: ... No such file or directory").
    import threading
    import time

    from brn_graph.graph import store as store_module

    folder = tmp_path / "store"
    settings = data_settings(tmp_path / "data", f"oxigraph:{folder}")
    spec = StoreSpec.parse(settings.store)
    real_build = store_module._build_disk_store
    builds: list[int] = []

    def slow_build(*args: object, **kwargs: object) -> None:
        builds.append(1)
        time.sleep(0.3)  # both callers have read the (missing) metadata by now
        real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "_build_disk_store", slow_build)
    results: list[bool] = []
    start = threading.Barrier(2)

    def build() -> None:
        start.wait()
        results.append(store_module.ensure_oxigraph_disk(spec, settings).rebuilt)

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [False, True]
    assert len(builds) == 1
    opened = open_store(settings)
    assert not opened.rebuilt
    assert int(next(iter(opened.dataset.query(COUNT)))[0]) == 3  # type: ignore[index]
