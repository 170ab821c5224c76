"""Which files make the graph, and their fingerprint: no RDF library, no parsing.

:func:`discover` lists the ontology files (always), the data files (``settings.data_paths``)
and the committed imports, each with the name of its named graph, after the input-file limits
(size, nesting, RDF/XML declarations). :func:`fingerprint_files` digests every file's graph
name and bytes. Both are cheap on purpose: the report cache and the store snapshot ask "has
anything changed?" before rdflib or pyoxigraph is imported (see
:mod:`brn_graph.graph.loader` for the parsing).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from brn_graph.config import Settings
from brn_graph.errors import DataLoadError
from brn_graph.i18n.message import Count
from brn_graph.i18n.message import message as msg

LOG = logging.getLogger("brn_graph.graph")

#: Extensions loaded from data folders (Turtle, N-Triples, RDF/XML; see the loader's formats).
LOADED_SUFFIXES = frozenset({".ttl", ".nt", ".rdf"})
ONTOLOGY_FILES_EXCLUDED = frozenset({"shapes.ttl"})
#: Other RDF extensions: seen in a data folder, they are skipped with a warning.
SKIPPED_RDF_EXTENSIONS = frozenset(
    {".nq", ".trig", ".jsonld", ".json-ld", ".n3", ".owl", ".xml", ".trix", ".hdt", ".nquads"}
)


class Located(Protocol):
    """A file and the name of the graph it goes into."""

    @property
    def path(self) -> Path: ...

    @property
    def graph_iri(self) -> object: ...


@dataclass(frozen=True)
class FileEntry:
    """One input file, the IRI of its named graph (a plain string) and its role."""

    path: Path
    graph_iri: str
    role: str  # "ontology" or "data"


def discover(settings: Settings) -> tuple[FileEntry, ...]:
    """The ontology files (always) and the data files (from ``settings.data_paths``), sorted.

    A data path may be a file or a folder (searched recursively for ``*.ttl``). A path that
    does not exist is an error naming it.
    """
    graph_base = settings.base_iri + "graph/"
    files: list[FileEntry] = []
    for path in sorted(settings.ontology_dir.glob("*.ttl")):
        if path.name not in ONTOLOGY_FILES_EXCLUDED:
            files.append(FileEntry(path, graph_base + "ontology/" + path.stem, "ontology"))
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
                if suffix in LOADED_SUFFIXES:
                    candidates.append((p, p.relative_to(data_path).with_suffix("")))
                elif suffix in SKIPPED_RDF_EXTENSIONS:
                    LOG.warning(msg("errors.file.skipped", path=p, suffix=suffix))
        for path, relative in candidates:
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            name = "data/" + relative.as_posix()
            files.append(FileEntry(path, graph_base + name, "data"))
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
        raise DataLoadError(
            path, msg("errors.file.unreadable", reason=exc.strerror or str(exc))
        ) from exc
    if size > settings.max_file_bytes:
        limit = Count(settings.max_file_bytes)
        raise DataLoadError(path, msg("errors.file.too_large", size=Count(size), limit=limit))
    suffix = path.suffix.lower()
    if suffix not in (".ttl", ".rdf"):
        return
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise DataLoadError(
            path, msg("errors.file.unreadable", reason=exc.strerror or str(exc))
        ) from exc
    except UnicodeDecodeError:
        return  # the parse reports the bad line
    if suffix == ".rdf":
        declaration = _XML_DECLARATIONS.search(text)
        if declaration is not None:
            raise DataLoadError(
                path,
                msg("errors.file.xml_declaration", declaration=declaration.group(1).upper()),
                line=text.count("\n", 0, declaration.start()) + 1,
            )
        return
    _check_nesting(path, text, settings.max_nesting)


_XML_DECLARATIONS = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
#: What hides a bracket from the nesting count: strings, IRIs and comments.
_TURTLE_OPAQUE = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|\#[^\n\r]*"
)
_TURTLE_NESTING = re.compile(_TURTLE_OPAQUE + r"|[\[\]()]", re.DOTALL)
_TURTLE_OPAQUE_ONLY = re.compile(_TURTLE_OPAQUE, re.DOTALL)
_BRACKETS = re.compile(r"[\[\]()]")


def _check_nesting(path: Path, text: str, limit: int) -> None:
    """Refuse Turtle whose ``[ ]``/``( )`` nest deeper than ``limit`` (outside strings,
    IRIs and comments): such files cost parsers time and memory out of all proportion.

    Fast path: the strings, IRIs and comments are cut out in one ``re.sub`` (the scan stays
    in C; a token loop in Python took 22 s on 393 MB of Turtle), which leaves exactly the
    brackets the token scan counts, in order. Only a file found too deep is scanned again
    token by token, for the line to report.
    """
    if text.count("[") + text.count("(") <= limit:
        return  # not enough opening brackets anywhere to nest that deep
    structure = _TURTLE_OPAQUE_ONLY.sub("", text)
    if structure.count("[") + structure.count("(") <= limit:
        return
    if _deepest(_BRACKETS.finditer(structure), limit) is None:
        return
    deepest = _deepest(_TURTLE_NESTING.finditer(text), limit)
    raise DataLoadError(
        path,
        msg("errors.file.nested", limit=limit),
        line=None if deepest is None else text.count("\n", 0, deepest) + 1,
    )


def _deepest(tokens: Iterable[re.Match[str]], limit: int) -> int | None:
    """The offset of the first opening bracket past ``limit`` deep, or None."""
    depth = 0
    for match in tokens:
        token = match.group()
        if token in ("[", "("):
            depth += 1
            if depth > limit:
                return match.start()
        elif token in ("]", ")"):
            depth = max(0, depth - 1)
    return None


def is_import(f: Located, settings: Settings) -> bool:
    """Whether ``f`` is a committed import (exempt from the input-file limits)."""
    return f.path.parent.resolve() == settings.imports_dir.resolve()


def _import_files(settings: Settings, graph_base: str) -> list[FileEntry]:
    """The committed imports (``<imports_dir>/*.ttl``, not its subfolders), one graph each."""
    folder = settings.imports_dir
    if not folder.is_dir():
        return []
    return [
        FileEntry(p, graph_base + "imports/" + p.stem, "data")
        for p in sorted(folder.glob("*.ttl"))
        if p.is_file()
    ]


def _check_unique_graphs(files: list[FileEntry]) -> None:
    by_graph: dict[str, Path] = {}
    for f in files:
        other = by_graph.setdefault(f.graph_iri, f.path)
        if other != f.path:
            raise DataLoadError(
                f.path, msg("errors.file.shared_graph", graph=f.graph_iri, other=other)
            )


def fingerprint_files(files: Iterable[Located], base_iri: str) -> str:
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
