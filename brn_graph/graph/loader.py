"""Files to named graphs of one Dataset; errors name the file and the line.

Every Turtle file becomes one named graph, ``<base>graph/<path-without-.ttl>``, so each triple
can say which file it came from. Files are parsed with Oxigraph's parser (fast, and its errors
carry line and column) and converted to rdflib terms; simple literals come back plain (never
``xsd:string``-typed), which keeps SHACL ``sh:in`` and literal comparisons correct.

Data folders are searched for Turtle (``.ttl``), N-Triples (``.nt``) and RDF/XML (``.rdf``);
RDF/XML is refused when it declares a DOCTYPE or entities (no entity is ever expanded).
Files with other RDF extensions (N-Quads, TriG, JSON-LD, N3, ...) name their own graphs or
need a different model; they are listed as skipped with a warning, never dropped silently.

Input is bounded (settings ``max_file_bytes``, ``max_file_triples``, ``max_nesting``): a file
past a limit, one the parser fails on or one that exhausts memory is a
:class:`~brn_graph.errors.DataLoadError` naming the file (and the line where known).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from brn_graph.config import DEFAULT_BASE_IRI, PROJECT_ROOT, Settings, packaged_resources
from brn_graph.errors import DataLoadError
from brn_graph.graph import files as _files
from brn_graph.graph.files import LOADED_SUFFIXES
from brn_graph.graph.files import ONTOLOGY_FILES_EXCLUDED as ONTOLOGY_FILES_EXCLUDED
from brn_graph.graph.files import SKIPPED_RDF_EXTENSIONS as SKIPPED_RDF_EXTENSIONS
from brn_graph.graph.files import check_file_limits as check_file_limits
from brn_graph.graph.files import fingerprint_files as fingerprint_files
from brn_graph.graph.terms import to_oxigraph, to_rdflib
from brn_graph.i18n.message import Count
from brn_graph.i18n.message import message as msg

LOG = logging.getLogger("brn_graph.graph")

#: Extensions loaded from data folders, and their Oxigraph formats.
LOADED_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
}
assert set(LOADED_FORMATS) == LOADED_SUFFIXES
RdflibTriple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class SourceFile:
    """One input file and the named graph it is loaded into."""

    path: Path
    graph_iri: URIRef
    role: str  # "ontology" or "data"


def discover_files(settings: Settings) -> tuple[SourceFile, ...]:
    """The ontology files (always) and the data files (from ``settings.data_paths``), sorted.

    A data path may be a file or a folder (searched recursively for ``*.ttl``). A path that
    does not exist is an error naming it. (The listing is :func:`brn_graph.graph.files.discover`;
    here the graph names become rdflib IRIs.)
    """
    return tuple(SourceFile(f.path, URIRef(f.graph_iri), f.role) for f in _files.discover(settings))


def _is_import(f: SourceFile, settings: Settings) -> bool:
    return _files.is_import(f, settings)


class LoadedDataset:
    """The input files (every one parsed), their fingerprint, and their triples.

    :attr:`dataset`, the rdflib Dataset with one named graph per file, is built on first use
    (once, thread-safe): a start-up whose validation report is cached and whose store is
    Oxigraph fills the store straight from the parsed triples (:meth:`oxigraph_triples`)
    and never converts them to rdflib terms (about 0.3 s on the bundled data).
    """

    def __init__(
        self,
        files: tuple[SourceFile, ...],
        fingerprint: str,
        parsed: Sequence[Sequence[ox.Triple]] | None,
        *,
        parse: Callable[[], Sequence[Sequence[ox.Triple]]] | None = None,
        triples: int | None = None,
    ) -> None:
        if (parsed is None) == (parse is None):
            raise ValueError("give the parsed triples or a way to parse them, not both")
        if parsed is not None and len(parsed) != len(files):
            raise ValueError("one list of triples per file")
        self.files = files
        self.fingerprint = fingerprint
        self._parsed: list[Sequence[ox.Triple]] | None = None if parsed is None else list(parsed)
        self._parse_later = parse
        self._known_triples = triples
        self._dataset: Dataset | None = None
        self._lock = threading.Lock()

    @classmethod
    def deferred(
        cls,
        files: tuple[SourceFile, ...],
        fingerprint: str,
        parse: Callable[[], Sequence[Sequence[ox.Triple]]],
        *,
        triples: int | None = None,
    ) -> LoadedDataset:
        """Files whose parse waits until something reads their triples (``parse`` gives one
        list per file); ``triples``, when known, answers :attr:`total_triples` meanwhile."""
        return cls(files, fingerprint, None, parse=parse, triples=triples)

    def __repr__(self) -> str:
        return f"LoadedDataset({len(self.files)} files, fingerprint={self.fingerprint[:12]})"

    def release(self, parse: Callable[[], Sequence[Sequence[ox.Triple]]]) -> None:
        """Drop the parsed triples once what needed them has them (the Oxigraph store was
        filled from them); ``parse`` gives them again if anything reads them later. The
        triple count stays known. A service on the in-memory store of 1M synthetic triples
        went from 844 to 675 MB (not all of it returns to the system); on the bundled data a
        later read parses again in 0.1 s."""
        with self._lock:
            if self._parsed is None or self._dataset is not None:
                return
            parsed = self._parsed
        total = self._known_triples or sum(len(set(triples)) for triples in parsed)
        with self._lock:
            if self._parsed is parsed and self._dataset is None:
                self._parsed, self._parse_later, self._known_triples = None, parse, total

    @property
    def parsed(self) -> bool:
        """Whether the parsed triples (or the Dataset) are at hand: not after :meth:`deferred`
        or :meth:`release` until something reads the triples."""
        with self._lock:
            return self._parse_later is None

    def _contents(self) -> tuple[list[Sequence[ox.Triple]] | None, Dataset | None]:
        """The parsed triples or the Dataset, parsing first when that was deferred (under
        the lock: one parse however many threads ask)."""
        with self._lock:
            if self._parse_later is not None:
                parsed = list(self._parse_later())
                if len(parsed) != len(self.files):
                    raise ValueError("one list of triples per file")
                self._parsed, self._parse_later = parsed, None
            return self._parsed, self._dataset

    @property
    def dataset(self) -> Dataset:
        """The files as one rdflib Dataset, one named graph per file (built on first use; the
        parsed triples are dropped then, so the two copies never stay side by side)."""
        self._contents()
        with self._lock:
            if self._dataset is None:
                assert self._parsed is not None
                dataset = Dataset()
                for f, triples in zip(self.files, self._parsed, strict=True):
                    graph = dataset.graph(f.graph_iri)
                    for triple in rdflib_triples(triples):
                        graph.add(triple)
                self._dataset, self._parsed = dataset, None
            return self._dataset

    def oxigraph_triples(self) -> Iterator[tuple[SourceFile, Iterable[ox.Triple]]]:
        """Each file and its triples as Oxigraph terms (from the parse, or from
        :attr:`dataset` once that was built)."""
        parsed, dataset = self._contents()
        if parsed is not None:
            yield from zip(self.files, parsed, strict=True)
            return
        assert dataset is not None
        for f in self.files:
            yield f, (to_oxigraph_triple(t) for t in dataset.graph(f.graph_iri))

    def graph_triples(self, graph_iri: URIRef) -> Iterable[RdflibTriple]:
        """The rdflib triples of one file's named graph, in file order, without building
        :attr:`dataset` (converted from the parse until the Dataset exists)."""
        parsed, dataset = self._contents()
        if parsed is None:
            assert dataset is not None
            return dataset.graph(graph_iri)
        for f, triples in zip(self.files, parsed, strict=True):
            if f.graph_iri == graph_iri:
                return rdflib_triples(triples)
        return ()

    def graph_subjects(self, graph_iri: URIRef) -> set[Node]:
        """The subjects of one file's named graph, each converted to rdflib once (not every
        triple: at 1M synthetic triples 0.5 s instead of 3.3 s)."""
        parsed, dataset = self._contents()
        if parsed is None:
            assert dataset is not None
            return set(dataset.graph(graph_iri).subjects(unique=True))
        for f, triples in zip(self.files, parsed, strict=True):
            if f.graph_iri == graph_iri:
                return {to_rdflib(subject) for subject in {t.subject for t in triples}}
        return set()

    @property
    def total_triples(self) -> int:
        """Distinct triples over all files (each file's named graph counted on its own)."""
        with self._lock:
            if self._parse_later is not None and self._known_triples is not None:
                return self._known_triples
        parsed, dataset = self._contents()
        if parsed is not None:
            return sum(len(set(triples)) for triples in parsed)
        assert dataset is not None
        return sum(len(dataset.graph(f.graph_iri)) for f in self.files)

    @property
    def data_graph_iris(self) -> tuple[URIRef, ...]:
        return tuple(f.graph_iri for f in self.files if f.role == "data")

    @property
    def ontology_graph_iris(self) -> tuple[URIRef, ...]:
        return tuple(f.graph_iri for f in self.files if f.role == "ontology")


def parse_quads(
    path: Path, *, base_iri: str = DEFAULT_BASE_IRI, max_triples: int | None = None
) -> list[ox.Triple]:
    """Parse one Turtle, N-Triples or RDF/XML file with Oxigraph; errors name the file, the
    line and the column. More than ``max_triples`` triples is an error naming the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataLoadError(
            path, msg("errors.file.unreadable", reason=exc.strerror or str(exc))
        ) from exc
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        raise DataLoadError(path, msg("errors.file.not_utf8"), line=bad_line) from exc
    rdf_format = LOADED_FORMATS.get(path.suffix.lower(), ox.RdfFormat.TURTLE)
    kind = {ox.RdfFormat.N_TRIPLES: "N-Triples", ox.RdfFormat.RDF_XML: "RDF/XML"}.get(
        rdf_format, "Turtle"
    )
    triples: list[ox.Triple] = []
    try:
        for quad in ox.parse(data, format=rdf_format, base_iri=path.resolve().as_uri()):
            triples.append(quad.triple)
            if max_triples is not None and len(triples) > max_triples:
                raise DataLoadError(
                    path, msg("errors.file.too_many_triples", limit=Count(max_triples))
                )
    except SyntaxError as exc:
        line = exc.lineno
        message = str(exc.args[0]) if exc.args else str(exc)
        raise DataLoadError(
            path, msg("errors.file.syntax", kind=kind, reason=message), line=line
        ) from exc
    except MemoryError as exc:
        triples.clear()
        raise DataLoadError(path, msg("errors.file.memory")) from exc
    except (RecursionError, ValueError, OSError) as exc:
        raise DataLoadError(
            path, msg("errors.file.parser", error=f"{type(exc).__name__}: {exc}")
        ) from exc
    if base_iri != DEFAULT_BASE_IRI:
        # Only resource IRIs move with the base; ontology and shape terms keep their namespace.
        triples = [_rebase_triple(t, DEFAULT_BASE_IRI + "id/", base_iri + "id/") for t in triples]
    return triples


def _rebase_triple(t: ox.Triple, old: str, new: str) -> ox.Triple:
    def rebase(term: Any) -> Any:
        if isinstance(term, ox.NamedNode) and term.value.startswith(old):
            return ox.NamedNode(new + term.value[len(old) :])
        return term

    return ox.Triple(rebase(t.subject), rebase(t.predicate), rebase(t.object))


def to_oxigraph_triple(triple: RdflibTriple) -> ox.Triple:
    """An rdflib triple as an Oxigraph triple."""
    s, p, o = triple
    return ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]


def rdflib_triples(triples: Iterable[ox.Triple]) -> Iterator[RdflibTriple]:
    for t in triples:
        yield to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)


def load_dataset(settings: Settings) -> LoadedDataset:
    """Parse the ontology and data files (every one, so an error names its file and line
    now); the rdflib Dataset (:attr:`LoadedDataset.dataset`) is built from them on first use.

    Nothing is kept unless every file parses: a failed load leaves no half-built graph behind.
    """
    files = discover_files(settings)
    return LoadedDataset(
        files, fingerprint_files(files, settings.base_iri), parse_files(files, settings)
    )


def parse_files(files: Iterable[SourceFile], settings: Settings) -> list[list[ox.Triple]]:
    """Each file's triples, parsed with the settings' base IRI and limits."""
    return [
        parse_quads(
            f.path,
            base_iri=settings.base_iri,
            max_triples=None if _is_import(f, settings) else settings.max_file_triples,
        )
        for f in files
    ]


def union_graph(loaded: LoadedDataset, *, include_ontology: bool = True) -> Graph:
    """A new Graph holding the data graphs (and the ontology graphs): the inputs stay untouched."""
    union = Graph()
    wanted = set(loaded.data_graph_iris)
    if include_ontology:
        wanted |= set(loaded.ontology_graph_iris)
    for iri in sorted(wanted):
        for triple in loaded.graph_triples(iri):
            union.add(triple)
    return union


def load_shapes(settings: Settings) -> Graph:
    """The SHACL shapes graph (``ontology/shapes.ttl``)."""
    shapes = Graph()
    for triple in rdflib_triples(parse_quads(settings.shapes_path)):
        shapes.add(triple)
    return shapes


def project_relative(path: Path) -> str:
    """A path as shown to users: relative to the project (or the installed package's
    resources, so ``data/clusters.ttl`` either way) when inside it."""
    resolved = path.resolve()
    for root in (PROJECT_ROOT, packaged_resources()):
        try:
            return resolved.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)
