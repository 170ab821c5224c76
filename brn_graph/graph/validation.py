"""SHACL validation (pySHACL) into a typed report, readable in Danish and English.

Validation always runs on a new in-memory rdflib graph (the union of the inputs), never on
the caller's graphs and never on the Oxigraph store: Oxigraph hands simple literals back typed
``xsd:string``, which makes pySHACL report false ``sh:in`` violations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Self

from rdflib import Graph, Literal, URIRef
from rdflib.paths import Path
from rdflib.term import Node

from brn_graph.config import Language
from brn_graph.errors import ConfigError
from brn_graph.graph.cvr_check import S08, s08_messages, split_s08, wrong_check_digits
from brn_graph.graph.loader import LoadedDataset, union_graph
from brn_graph.graph.validation_report import ValidationReport as ValidationReport
from brn_graph.graph.validation_report import ValidationResult as ValidationResult
from brn_graph.i18n.message import message as msg
from brn_graph.namespaces import RDF, SH

if TYPE_CHECKING:
    from brn_graph.graph.validation_cache import ReportCache

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def validate_graph(
    data: Graph,
    *,
    shapes: Graph,
    ontology: Graph | None = None,
    lang: Language | str = "en",
    source_files: Mapping[Node, str] | None = None,
    private: bool = False,
) -> ValidationReport:
    """Validate ``data`` (plus ``ontology`` for the class hierarchy) against ``shapes``.

    The inputs are not modified: validation runs on a fresh union graph (or on ``data``
    itself when the caller says it is a ``private`` copy no one else reads). Shape S08 (the CVR
    check digit) is evaluated by :mod:`brn_graph.graph.cvr_check`, with the same results.
    """
    from pyshacl import validate as pyshacl_validate  # heavy: only when validating

    from brn_graph.graph import prepared_sparql

    prepared_sparql.install()
    fast = prepared_sparql.enabled()
    original = shapes
    # A store without named-graph bookkeeping: pySHACL asks the data and shapes graphs
    # hundreds of thousands of triple patterns, and rdflib's default (context-aware) store
    # works out the contexts of every match. (Plain pySHACL keeps the default store.)
    if private and fast:
        work = data
    else:
        work = Graph()
        for triple in data:
            work.add(triple)
    if ontology is not None:
        for triple in ontology:
            work.add(triple)
    shapes, native_s08 = split_s08(shapes)
    if fast:
        shapes = _copy(shapes, "SimpleMemory")
    try:
        _conforms, results_graph, _text = pyshacl_validate(
            work,
            shacl_graph=shapes,
            ont_graph=None,
            inference="none",
            advanced=True,
            allow_warnings=True,
            inplace=fast,  # ``work`` is already a private copy; no second clone
        )
    except Exception as exc:  # pySHACL raises plain exceptions for broken shapes
        raise ConfigError(msg("errors.shapes.unusable", reason=str(exc))) from exc
    assert isinstance(results_graph, Graph)
    results = _read_results(results_graph, lang, source_files or {})
    if native_s08:
        results = _with_s08(results, work, original, lang, source_files or {})
    conforms = not any(r.severity == "Violation" for r in results)
    return ValidationReport(conforms=conforms, results=results)


class _RememberingGraph(Graph):
    """A graph that remembers the answer to each triple pattern until it is changed.

    pySHACL asks the shapes graph the same few patterns (a shape's parameters, its
    ``sh:property`` and ``sh:node`` values) once per nested evaluation, ~300,000 times on the
    bundled data. Patterns with a path are not remembered; any change forgets everything.
    """

    def __init__(self, store: str) -> None:
        super().__init__(store=store)
        self._answers: dict[tuple[Any, Any, Any], list[Any]] = {}

    def triples(self, triple: Any) -> Any:
        if isinstance(triple[1], Path):
            return super().triples(triple)
        try:
            found = self._answers.get(triple)
        except TypeError:  # an unhashable pattern part
            return super().triples(triple)
        if found is None:
            found = list(super().triples(triple))
            self._answers[triple] = found
        return iter(found)

    def add(self, triple: Any) -> Self:
        self._answers.clear()
        return super().add(triple)

    def addN(self, quads: Any) -> Self:  # noqa: N802  (rdflib's name)
        self._answers.clear()
        return super().addN(quads)

    def remove(self, triple: Any) -> Self:
        self._answers.clear()
        return super().remove(triple)


def _copy(graph: Graph, store: str) -> Graph:
    """``graph``'s triples and prefixes in a new graph on ``store`` that remembers answers."""
    copy = _RememberingGraph(store)
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    for triple in graph:
        copy.add(triple)
    return copy


def validate_loaded(
    loaded: LoadedDataset,
    shapes: Graph,
    *,
    lang: Language | str = "en",
    cache: ReportCache | None = None,
) -> ValidationReport:
    """Validate every data file of a loaded Dataset; results name the file of the focus node.

    With ``cache`` (see :class:`~brn_graph.graph.validation_cache.ReportCache`, which must
    describe the file ``shapes`` was read from), a report made earlier for the same data
    fingerprint, shapes, library versions and language is returned without validating again.
    """
    key = (
        cache.key(loaded.fingerprint, lang, (f.path for f in loaded.files))
        if cache is not None
        else None
    )
    if cache is not None and key is not None:
        found = cache.get(key)
        if found is not None:
            return found
    report = validate_graph(
        union_graph(loaded, include_ontology=True),
        shapes=shapes,
        lang=lang,
        source_files=_files_by_subject(loaded),
        private=True,  # union_graph made a new graph for this call
    )
    if cache is not None and key is not None:
        cache.put(key, report)
    return report


def _with_s08(
    results: tuple[ValidationResult, ...],
    data: Graph,
    shapes: Graph,
    lang: str,
    source_files: Mapping[Node, str],
) -> tuple[ValidationResult, ...]:
    messages = s08_messages(shapes)
    template = next((messages[k] for k in (lang, "en", "da", "") if k in messages), "")
    extra = [
        ValidationResult(
            focus_node=str(subject),
            path=None,
            value=value,
            message=template.replace("{?value}", value).replace("{$value}", value),
            shape=str(S08),
            shape_id="S08-CvrCheckDigit",
            severity="Violation",
            constraint="SPARQLConstraintComponent",
            source_file=source_files.get(subject),
        )
        for subject, value in wrong_check_digits(data)
    ]
    return tuple(
        sorted(
            (*results, *extra),
            key=lambda r: (
                SEVERITY_ORDER.get(r.severity, 9),
                r.source_file or "",
                r.focus_node,
                r.shape_id,
            ),
        )
    )


def _files_by_subject(loaded: LoadedDataset) -> dict[Node, str]:
    from brn_graph.graph.loader import project_relative

    index: dict[Node, str] = {}
    for f in loaded.files:
        if f.role != "data":
            continue
        shown = project_relative(f.path)  # once per file, not once per subject
        for subject in loaded.graph_subjects(f.graph_iri):
            index.setdefault(subject, shown)
    return index


def _read_results(
    results_graph: Graph, lang: str, source_files: Mapping[Node, str]
) -> tuple[ValidationResult, ...]:
    found: list[ValidationResult] = []
    # Results nested under another result (sh:detail, e.g. inside sh:or) explain their parent;
    # reporting them again would count one mistake twice.
    nested = set(results_graph.objects(None, SH.detail))
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        if node in nested:
            continue
        focus = results_graph.value(node, SH.focusNode)
        shape = results_graph.value(node, SH.sourceShape)
        severity = results_graph.value(node, SH.resultSeverity)
        path = results_graph.value(node, SH.resultPath)
        value = results_graph.value(node, SH.value)
        constraint = results_graph.value(node, SH.sourceConstraintComponent)
        message = _pick_language(results_graph.objects(node, SH.resultMessage), lang)
        shape_text = str(shape) if shape is not None else ""
        found.append(
            ValidationResult(
                focus_node=str(focus),
                path=_path_text(path),
                value=None if value is None else str(value),
                message=message,
                shape=shape_text,
                shape_id=_local_name(shape_text) if isinstance(shape, URIRef) else "(anonymous)",
                severity=_local_name(str(severity)) if severity is not None else "Violation",
                constraint=_local_name(str(constraint)) if constraint is not None else "",
                source_file=source_files.get(focus) if focus is not None else None,
            )
        )
    found.sort(
        key=lambda r: (
            SEVERITY_ORDER.get(r.severity, 9),
            r.source_file or "",
            r.focus_node,
            r.shape_id,
        )
    )
    return tuple(found)


def _pick_language(messages: Iterable[Node], lang: str) -> str:
    texts = [m for m in messages if isinstance(m, Literal)]
    for wanted in (lang, "en", "da", None):
        for m in texts:
            if m.language == wanted:
                return str(m)
    return str(texts[0]) if texts else ""


def _path_text(path: Node | None) -> str | None:
    if path is None:
        return None
    return str(path) if isinstance(path, URIRef) else "(complex path)"


def _local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
            break
    return iri
