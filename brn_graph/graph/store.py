"""Open the Dataset on the chosen backend.

Backends (``Settings.store``, the global option ``--store``):

- ``oxigraph`` (default): rdflib API over an in-memory Oxigraph store (oxrdflib); files are
  parsed by Oxigraph straight into the store, one named graph per file;
- ``oxigraph:DIR``: the same on disk (RocksDB). The folder keeps a fingerprint of the input
  files; reopening with unchanged files reuses the store without parsing anything, changed
  files rebuild it (into a fresh folder, swapped in when complete);
- ``memory``: rdflib's own in-memory store, the reference engine;
- ``sparql:URL``: a remote SPARQL 1.1 endpoint, read-only (rdflib's ``SPARQLStore``).

Every backend exposes an rdflib :class:`~rdflib.Dataset` whose default graph is the union of
the named graphs, so queries see all files at once. The fast query path of
:mod:`brn_graph.query.engine` reopens the same backend from :class:`StoreSpec` in its worker
processes; :func:`open_store` is the one place that knows how.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import tempfile
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from brn_graph.config import DEFAULT_BASE_IRI, Settings
from brn_graph.errors import ConfigError, DataLoadError, StoreError
from brn_graph.graph.loader import (
    LoadedDataset,
    SourceFile,
    discover_files,
    fingerprint_files,
    load_dataset,
    parse_quads,
)
from brn_graph.graph.tallies import (
    HOLDS_TALLIES,
    TALLY_GRAPH,
    add_oxigraph_tallies,
    add_rdflib_tallies,
    tally_turtle,
)
from brn_graph.i18n.message import message as msg

StoreKind = Literal["oxigraph", "oxigraph-disk", "memory", "sparql"]

#: Bumped whenever the on-disk layout written by this module changes: old stores rebuild.
#: 2: the store holds the membership tallies (:mod:`brn_graph.graph.tallies`).
DISK_FORMAT_VERSION = 2
METADATA_FILE = "brn-graph-store.json"
STORE_SUBDIR = "oxigraph"


@dataclass(frozen=True)
class StoreSpec:
    """Which backend to open, parsed from ``Settings.store``.

    >>> StoreSpec.parse("memory").kind
    'memory'
    >>> StoreSpec.parse("sparql:http://127.0.0.1:7878/query").url
    'http://127.0.0.1:7878/query'
    >>> StoreSpec.parse("oxigraph:/tmp/brn").label
    'oxigraph:/tmp/brn'
    """

    kind: StoreKind
    location: Path | None = None
    url: str | None = None

    @classmethod
    def parse(cls, text: str) -> StoreSpec:
        """Parse ``oxigraph``, ``oxigraph:DIR``, ``memory`` or ``sparql:URL``."""
        name, sep, rest = text.strip().partition(":")
        name = name.lower()
        if name in {"oxigraph", "memory"} and not sep:
            return cls(kind="oxigraph" if name == "oxigraph" else "memory")
        if name == "oxigraph" and sep:
            if not rest:
                raise ConfigError(msg("errors.store.folder_missing"))
            return cls(kind="oxigraph-disk", location=Path(rest).expanduser())
        if name == "sparql" and sep:
            parsed = urllib.parse.urlsplit(rest)
            if parsed.scheme not in {"http", "https"} or not parsed.netloc:
                raise ConfigError(msg("errors.store.url", given=repr(rest)))
            return cls(kind="sparql", url=rest)
        raise ConfigError(msg("errors.store.unknown", given=repr(text)))

    @property
    def label(self) -> str:
        """The spec as the user writes it."""
        if self.kind == "oxigraph-disk":
            return f"oxigraph:{self.location}"
        if self.kind == "sparql":
            return f"sparql:{self.url}"
        return self.kind

    @property
    def is_local(self) -> bool:
        return self.kind != "sparql"


@dataclass(frozen=True)
class OpenStore:
    """An opened backend: the Dataset to query and what it holds.

    ``loaded`` (the rdflib copy of the input files) is set for the ``memory`` backend and
    whenever the caller passed one in; the Oxigraph backends parse the files straight into
    Oxigraph and do not build it. ``files`` and ``fingerprint`` describe the input of local
    backends; ``graph_iris`` are the named graphs the Dataset holds (for a remote endpoint,
    those it reported when opened).
    """

    kind: StoreKind
    dataset: Dataset
    loaded: LoadedDataset | None
    spec: StoreSpec
    files: tuple[SourceFile, ...] = ()
    fingerprint: str | None = None
    graph_iris: tuple[URIRef, ...] = ()
    oxigraph: ox.Store | None = field(default=None, repr=False, compare=False)
    rebuilt: bool = False

    @property
    def label(self) -> str:
        return self.spec.label


def open_store(settings: Settings, loaded: LoadedDataset | None = None) -> OpenStore:
    """Open ``settings.store``, loading the configured files (or reusing ``loaded``)."""
    spec = StoreSpec.parse(settings.store)
    if spec.kind == "memory":
        return _open_memory(spec, settings, loaded)
    if spec.kind == "oxigraph":
        return _open_oxigraph_memory(spec, settings, loaded)
    if spec.kind == "oxigraph-disk":
        return open_oxigraph_disk(spec, settings, loaded)
    return open_remote(spec)


# --------------------------------------------------------------------------- memory


def _open_memory(spec: StoreSpec, settings: Settings, loaded: LoadedDataset | None) -> OpenStore:
    loaded = loaded or load_dataset(settings)
    # A Dataset of its own (union default graph): the files' graphs copied, and the tallies
    # derived from them, so the caller's object stays the files and nothing else.
    dataset = Dataset(default_union=True)
    for f in loaded.files:
        target = dataset.graph(f.graph_iri)
        target += loaded.dataset.graph(f.graph_iri)
    add_rdflib_tallies(dataset)
    return OpenStore(
        kind="memory",
        dataset=dataset,
        loaded=loaded,
        spec=spec,
        files=loaded.files,
        fingerprint=loaded.fingerprint,
        graph_iris=tuple(f.graph_iri for f in loaded.files),
    )


# --------------------------------------------------------------------------- oxigraph


def oxigraph_dataset(store: ox.Store) -> Dataset:
    """An rdflib Dataset (union default graph) over a pyoxigraph store."""
    return Dataset(store=OxigraphStore(store=store), default_union=True)


def _open_oxigraph_memory(
    spec: StoreSpec, settings: Settings, loaded: LoadedDataset | None
) -> OpenStore:
    store = ox.Store()
    if loaded is not None:
        files, fingerprint = loaded.files, loaded.fingerprint
        _copy_loaded(store, loaded)
    else:
        files = discover_files(settings)
        fingerprint = fingerprint_files(files, settings.base_iri)
        fill_oxigraph(store, files, base_iri=settings.base_iri)
    add_oxigraph_tallies(store)
    return OpenStore(
        kind="oxigraph",
        dataset=oxigraph_dataset(store),
        loaded=loaded,
        spec=spec,
        files=files,
        fingerprint=fingerprint,
        graph_iris=tuple(f.graph_iri for f in files),
        oxigraph=store,
    )


def files_tally_turtle(settings: Settings) -> bytes:
    """The membership tallies of ``settings``' files as Turtle (from an in-memory store,
    whatever ``settings.store`` says), for a SPARQL server behind ``sparql:URL``."""
    store = _open_oxigraph_memory(StoreSpec(kind="oxigraph"), settings, None)
    assert store.oxigraph is not None
    return tally_turtle(store.oxigraph)


def fill_oxigraph(store: ox.Store, files: Iterable[SourceFile], *, base_iri: str) -> None:
    """Parse each file with Oxigraph into its named graph; errors name the file and line."""
    for f in files:
        graph = ox.NamedNode(str(f.graph_iri))
        if base_iri != DEFAULT_BASE_IRI or f.path.suffix.lower() != ".ttl":
            # (N-Triples and RDF/XML files, and rebased IRIs, go through the loader's parser)
            triples = parse_quads(f.path, base_iri=base_iri)
            store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
            continue
        try:
            data = f.path.read_bytes()
        except OSError as exc:
            raise DataLoadError(
                f.path, msg("errors.file.unreadable", reason=exc.strerror or str(exc))
            ) from exc
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise DataLoadError(f.path, msg("errors.file.not_utf8"), line=line) from exc
        try:
            store.bulk_load(
                input=data,
                format=ox.RdfFormat.TURTLE,
                base_iri=f.path.resolve().as_uri(),
                to_graph=graph,
            )
        except SyntaxError as exc:
            message = str(exc.args[0]) if exc.args else str(exc)
            raise DataLoadError(
                f.path, msg("errors.file.turtle", reason=message), line=exc.lineno
            ) from exc


def _copy_loaded(store: ox.Store, loaded: LoadedDataset) -> None:
    for f, triples in loaded.oxigraph_triples():
        graph = ox.NamedNode(str(f.graph_iri))
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)


@dataclass(frozen=True)
class DiskMetadata:
    """What ``brn-graph-store.json`` records about an on-disk store."""

    format_version: int
    fingerprint: str
    base_iri: str
    graphs: tuple[str, ...]
    files: tuple[str, ...]
    triples: int

    def to_json(self) -> str:
        return json.dumps(
            {
                "format_version": self.format_version,
                "fingerprint": self.fingerprint,
                "base_iri": self.base_iri,
                "graphs": list(self.graphs),
                "files": list(self.files),
                "triples": self.triples,
                "pyoxigraph": ox.__version__,
            },
            indent=2,
        )

    @classmethod
    def read(cls, folder: Path) -> DiskMetadata | None:
        """The metadata of a store folder, or None when absent or unreadable."""
        try:
            raw = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
            return cls(
                format_version=int(raw["format_version"]),
                fingerprint=str(raw["fingerprint"]),
                base_iri=str(raw["base_iri"]),
                graphs=tuple(str(g) for g in raw["graphs"]),
                files=tuple(str(f) for f in raw["files"]),
                triples=int(raw["triples"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True)
class DiskBuild:
    """The state of an on-disk store folder after :func:`ensure_oxigraph_disk`."""

    folder: Path
    files: tuple[SourceFile, ...]
    fingerprint: str
    rebuilt: bool


def ensure_oxigraph_disk(
    spec: StoreSpec,
    settings: Settings,
    loaded: LoadedDataset | None = None,
    *,
    rebuild: bool = False,
) -> DiskBuild:
    """Build the on-disk store at ``spec.location`` unless it already holds these files.

    It is rebuilt when the fingerprint of the input files (their graph names and bytes, and
    the base IRI) differs from the one recorded, or when ``rebuild`` is set. Nothing is
    opened: callers open the folder read-only with :func:`read_only_disk_store`.
    """
    assert spec.location is not None
    folder = spec.location
    if loaded is not None:
        files, fingerprint = loaded.files, loaded.fingerprint
    else:
        files = discover_files(settings)
        fingerprint = fingerprint_files(files, settings.base_iri)
    # One builder at a time: two processes (or threads: the service builds its session
    # while the query engine's zygote opens the store) that both find no store must not
    # both build it, or the second swap deletes the files the first one's readers opened.
    with _build_lock(folder):
        needs_build = rebuild or current_disk_store(spec, fingerprint) is None
        if needs_build:
            _build_disk_store(folder, files, fingerprint, settings.base_iri, loaded)
    return DiskBuild(folder=folder, files=files, fingerprint=fingerprint, rebuilt=needs_build)


def current_disk_store(spec: StoreSpec, fingerprint: str) -> DiskMetadata | None:
    """What the ``oxigraph:DIR`` folder of ``spec`` records when it was built from input with
    this ``fingerprint`` in this format (opening it then parses nothing), else ``None``."""
    if spec.kind != "oxigraph-disk" or spec.location is None:
        return None
    meta = DiskMetadata.read(spec.location)
    if meta is None or meta.format_version != DISK_FORMAT_VERSION:
        return None
    return meta if meta.fingerprint == fingerprint else None


@contextlib.contextmanager
def _build_lock(folder: Path) -> Iterator[None]:
    """An exclusive ``flock`` on a file beside ``folder``, held while it is checked and built.

    The lock belongs to the open file, so it also keeps two threads of one process apart.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock_path = folder.parent / f".{folder.name}-build.lock"
    with open(lock_path, "a+b") as lock_file:
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)


def open_oxigraph_disk(
    spec: StoreSpec,
    settings: Settings,
    loaded: LoadedDataset | None = None,
    *,
    rebuild: bool = False,
) -> OpenStore:
    """Open (building or rebuilding when needed) the on-disk store at ``spec.location``.

    The store is opened read-only: nothing this process does can change it, and any number
    of processes may open it at once.
    """
    build = ensure_oxigraph_disk(spec, settings, loaded, rebuild=rebuild)
    store = read_only_disk_store(build.folder)
    return OpenStore(
        kind="oxigraph-disk",
        dataset=oxigraph_dataset(store),
        loaded=loaded,
        spec=spec,
        files=build.files,
        fingerprint=build.fingerprint,
        graph_iris=tuple(f.graph_iri for f in build.files),
        oxigraph=store,
        rebuilt=build.rebuilt,
    )


def read_only_disk_store(folder: Path) -> ox.Store:
    """Open a built store folder read-only (cheap: no parsing)."""
    try:
        return ox.Store.read_only(str(folder / STORE_SUBDIR))
    except OSError as exc:
        raise StoreError(msg("errors.store.open", folder=folder, reason=str(exc))) from exc


def _build_disk_store(
    folder: Path,
    files: tuple[SourceFile, ...],
    fingerprint: str,
    base_iri: str,
    loaded: LoadedDataset | None,
) -> None:
    if folder.exists() and not folder.is_dir():
        raise StoreError(msg("errors.store.is_file", folder=folder))
    if folder.exists() and any(folder.iterdir()) and not (folder / METADATA_FILE).exists():
        raise StoreError(msg("errors.store.not_ours", folder=folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.building-", dir=folder.parent))
    try:
        store = ox.Store(str(staging / STORE_SUBDIR))
        if loaded is not None:
            _copy_loaded(store, loaded)
        else:
            fill_oxigraph(store, files, base_iri=base_iri)
        store.flush()
        # Compact what the bulk loader wrote (many level-0 files): the store is read-only
        # from here on, and reads of a compacted store were 2.5-9x faster at 10M triples
        # (benchmarks/README.md, "10M"), for about a third more build time.
        store.optimize()
        triples = len(store)  # the files' triples (the tallies are derived)
        # The tallies are counted on the compacted store (its reads were 2.5-9x faster), then
        # compacted in: left as a level of their own, every later read of the store also
        # looked there (10M: the label search 1.7 s -> 2.1 s; the second compaction 6.5 s).
        add_oxigraph_tallies(store)
        store.flush()
        store.optimize()
        del store  # closes RocksDB before the folder moves
        meta = DiskMetadata(
            format_version=DISK_FORMAT_VERSION,
            fingerprint=fingerprint,
            base_iri=base_iri,
            graphs=tuple(str(f.graph_iri) for f in files),
            files=tuple(str(f.path) for f in files),
            triples=triples,
        )
        (staging / METADATA_FILE).write_text(meta.to_json(), encoding="utf-8")
        _swap_in(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, folder: Path) -> None:
    old: Path | None = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
        os.replace(folder, old / "store")
    os.replace(staging, folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- remote


def open_remote(spec: StoreSpec) -> OpenStore:
    """A read-only Dataset over a remote SPARQL 1.1 endpoint (no data is loaded)."""
    assert spec.url is not None
    store = SPARQLStore(query_endpoint=spec.url, returnFormat="json", method="POST_FORM")
    dataset = Dataset(store=store, default_union=True)
    graphs = tuple(_remote_graphs(dataset, spec.url))
    if not _holds_tallies(dataset, spec.url):
        # Without them the member counts would leave every membership recorded one by one
        # out, and say nothing: refuse the endpoint instead.
        raise StoreError(msg("errors.endpoint.no_tallies", url=spec.url, graph=TALLY_GRAPH))
    return OpenStore(
        kind="sparql",
        dataset=dataset,
        loaded=None,
        spec=spec,
        graph_iris=tuple(g for g in graphs if str(g) != TALLY_GRAPH),
    )


def _holds_tallies(dataset: Dataset, url: str) -> bool:
    try:
        return len(list(dataset.query(HOLDS_TALLIES))) > 0
    except Exception as exc:  # as in _remote_graphs
        raise StoreError(msg("errors.endpoint.silent", url=url, reason=str(exc))) from exc


def _remote_graphs(dataset: Dataset, url: str) -> Iterator[URIRef]:
    try:
        result = dataset.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        rows = list(result)
    except Exception as exc:  # urllib and rdflib raise many kinds; all mean "unreachable"
        raise StoreError(msg("errors.endpoint.silent", url=url, reason=str(exc))) from exc
    for row in rows:
        graph = row[0]  # type: ignore[index]
        if isinstance(graph, URIRef):
            yield graph
