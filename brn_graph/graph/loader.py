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

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from brn_graph.config import DEFAULT_BASE_IRI, PROJECT_ROOT, Settings, packaged_resources
from brn_graph.errors import DataLoadError
from brn_graph.graph.terms import to_rdflib
from brn_graph.i18n.message import message as msg

ONTOLOGY_FILES_EXCLUDED = frozenset({"shapes.ttl"})
LOG = logging.getLogger("brn_graph.graph")

#: Extensions loaded from data folders, and their Oxigraph formats.
LOADED_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
}
#: Other RDF extensions: seen in a data folder, they are skipped with a warning.
SKIPPED_RDF_EXTENSIONS = frozenset(
    {".nq", ".trig", ".jsonld", ".json-ld", ".n3", ".owl", ".xml", ".trix", ".hdt", ".nquads"}
)

RdflibTriple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class SourceFile:
    """One input file and the named graph it is loaded into."""

    path: Path
    graph_iri: URIRef
    role: str  # "ontology" or "data"


@dataclass(frozen=True)
class LoadedDataset:
    """The Dataset with one named graph per file, and what was loaded into it."""

    dataset: Dataset
    files: tuple[SourceFile, ...]
    fingerprint: str

    @property
    def data_graph_iris(self) -> tuple[URIRef, ...]:
        return tuple(f.graph_iri for f in self.files if f.role == "data")

    @property
    def ontology_graph_iris(self) -> tuple[URIRef, ...]:
        return tuple(f.graph_iri for f in self.files if f.role == "ontology")


def discover_files(settings: Settings) -> tuple[SourceFile, ...]:
    """The ontology files (always) and the data files (from ``settings.data_paths``), sorted.

    A data path may be a file or a folder (searched recursively for ``*.ttl``). A path that
    does not exist is an error naming it.
    """
    graph_base = settings.base_iri + "graph/"
    files: list[SourceFile] = []
    for path in sorted(settings.ontology_dir.glob("*.ttl")):
        if path.name not in ONTOLOGY_FILES_EXCLUDED:
            files.append(SourceFile(path, URIRef(graph_base + "ontology/" + path.stem), "ontology"))
    seen: set[Path] = set()
    for data_path in settings.data_paths:
        if not data_path.exists():
            raise DataLoadError(data_path, msg("errors.file.missing"))
        if data_path.is_file():
            candidates = [(data_path, Path(data_path.stem))]
        else:
            candidates = []
            for p in sorted(data_path.rglob("*")):
                suffix = p.suffix.lower()
                if not p.is_file():
                    continue
                if suffix in LOADED_FORMATS:
                    candidates.append((p, p.relative_to(data_path).with_suffix("")))
                elif suffix in SKIPPED_RDF_EXTENSIONS:
                    LOG.warning(
                        "%s: skipped: %s files are not loaded (use Turtle, N-Triples or RDF/XML)",
                        p,
                        suffix,
                    )
        for path, relative in candidates:
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            name = "data/" + relative.as_posix()
            files.append(SourceFile(path, URIRef(graph_base + name), "data"))
    for f in files:
        if f.role == "data":  # the project's own ontology is trusted
            check_file_limits(f.path, settings)
    # Imports are written by the ingest pipeline from checked, bounded uploads
    # (max_upload_bytes, ingest_max_rows): the input-file limits do not apply to them.
    files.extend(_import_files(settings, graph_base))
    _check_unique_graphs(files)
    return tuple(files)


def check_file_limits(path: Path, settings: Settings) -> None:
    """Refuse a file past the size limit, Turtle nested deeper than ``max_nesting``
    brackets (``[ ]`` and ``( )``), or RDF/XML declaring a DOCTYPE or entities; before any
    parser sees it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DataLoadError(path, f"cannot read: {exc.strerror or exc}") from exc
    if size > settings.max_file_bytes:
        raise DataLoadError(
            path,
            f"the file is {size:,} bytes; the limit is {settings.max_file_bytes:,} "
            "(setting max_file_bytes)",
        )
    suffix = path.suffix.lower()
    if suffix not in (".ttl", ".rdf"):
        return
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise DataLoadError(path, f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError:
        return  # the parse reports the bad line
    if suffix == ".rdf":
        declaration = _XML_DECLARATIONS.search(text)
        if declaration is not None:
            raise DataLoadError(
                path,
                f"RDF/XML with {declaration.group(1).upper()} declarations is not loaded "
                "(entities are never expanded); remove the DOCTYPE",
                line=text.count("\n", 0, declaration.start()) + 1,
            )
        return
    _check_nesting(path, text, settings.max_nesting)


_XML_DECLARATIONS = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_TURTLE_NESTING = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|\#[^\n\r]*"
    r"|[\[\]()]",
    re.DOTALL,
)


def _check_nesting(path: Path, text: str, limit: int) -> None:
    """Refuse Turtle whose ``[ ]``/``( )`` nest deeper than ``limit`` (outside strings,
    IRIs and comments): such files cost parsers time and memory out of all proportion."""
    depth = 0
    for match in _TURTLE_NESTING.finditer(text):
        token = match.group()
        if token in ("[", "("):
            depth += 1
            if depth > limit:
                raise DataLoadError(
                    path,
                    f"blank nodes or lists nested more than {limit} deep (setting max_nesting)",
                    line=text.count("\n", 0, match.start()) + 1,
                )
        elif token in ("]", ")"):
            depth = max(0, depth - 1)


def _is_import(f: SourceFile, settings: Settings) -> bool:
    """Whether ``f`` is a committed import (exempt from the input-file limits)."""
    return f.path.parent.resolve() == settings.imports_dir.resolve()


def _import_files(settings: Settings, graph_base: str) -> list[SourceFile]:
    """The committed imports (``<imports_dir>/*.ttl``, not its subfolders), one graph each."""
    folder = settings.imports_dir
    if not folder.is_dir():
        return []
    return [
        SourceFile(p, URIRef(graph_base + "imports/" + p.stem), "data")
        for p in sorted(folder.glob("*.ttl"))
        if p.is_file()
    ]


def _check_unique_graphs(files: list[SourceFile]) -> None:
    by_graph: dict[URIRef, Path] = {}
    for f in files:
        other = by_graph.setdefault(f.graph_iri, f.path)
        if other != f.path:
            raise DataLoadError(
                f.path, f"would share the named graph <{f.graph_iri}> with {other}; rename one"
            )


def fingerprint_files(files: Iterable[SourceFile], base_iri: str) -> str:
    """A digest of every file's graph name and bytes: equal digests mean equal input."""
    digest = hashlib.sha256(base_iri.encode())
    for f in files:
        digest.update(str(f.graph_iri).encode() + b"\0")
        try:
            digest.update(f.path.read_bytes())
        except OSError as exc:
            raise DataLoadError(
                f.path, msg("errors.file.unreadable", reason=exc.strerror or str(exc))
            ) from exc
        digest.update(b"\0")
    return digest.hexdigest()


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
                    path, f"more than {max_triples:,} triples (setting max_file_triples)"
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


def rdflib_triples(triples: Iterable[ox.Triple]) -> Iterator[RdflibTriple]:
    for t in triples:
        yield to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)


def load_dataset(settings: Settings) -> LoadedDataset:
    """Load the ontology and data files into a new in-memory rdflib Dataset.

    Nothing is added to the Dataset unless every file parses: a failed load leaves no
    half-built graph behind.
    """
    files = discover_files(settings)
    parsed = [
        (
            f,
            parse_quads(
                f.path,
                base_iri=settings.base_iri,
                max_triples=None if _is_import(f, settings) else settings.max_file_triples,
            ),
        )
        for f in files
    ]
    dataset = Dataset()
    for f, triples in parsed:
        graph = dataset.graph(f.graph_iri)
        for triple in rdflib_triples(triples):
            graph.add(triple)
    return LoadedDataset(dataset, files, fingerprint_files(files, settings.base_iri))


def union_graph(loaded: LoadedDataset, *, include_ontology: bool = True) -> Graph:
    """A new Graph holding the data graphs (and the ontology graphs): the inputs stay untouched."""
    union = Graph()
    wanted = set(loaded.data_graph_iris)
    if include_ontology:
        wanted |= set(loaded.ontology_graph_iris)
    for iri in sorted(wanted):
        for triple in loaded.dataset.graph(iri):
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
