"""What the graph says about one resource: for the linked-data pages and the REST doors.

:func:`describe` gathers a resource's labels, types, description, known gaps, sources,
confidence, every other statement (with the labels of what it points to) and the resources
pointing at it. :func:`resource_graph` is the same resource as RDF (its own statements and the
labels of its neighbours) for content negotiation. Both read the union of the named graphs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from brn_graph.config import Language
from brn_graph.namespaces import PREFIXES, shorten

BRN = PREFIXES["brn"]
SCHEMA = "https://schema.org/"
LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, URIRef(SCHEMA + "name"))
KNOWN_GAP = URIRef(BRN + "knownGap")
CONFIDENCE = URIRef(BRN + "confidence")
#: Statements shown in their own sections, not in the list of other statements.
SHOWN_APART = frozenset(
    {*LABELS, RDF.type, DCTERMS.description, KNOWN_GAP, PROV.wasDerivedFrom, CONFIDENCE}
)


@dataclass(frozen=True, kw_only=True)
class Link:
    """A value of a statement: a resource (with its label) or a literal."""

    iri: str | None
    text: str
    datatype: str | None = None
    lang: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"iri": self.iri, "text": self.text, "datatype": self.datatype, "lang": self.lang}


@dataclass(frozen=True, kw_only=True)
class Statement:
    predicate: str
    predicate_label: str
    values: tuple[Link, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "predicate": self.predicate,
            "predicate_label": self.predicate_label,
            "values": [v.to_dict() for v in self.values],
        }


@dataclass(frozen=True, kw_only=True)
class Description:
    """One resource as the doors show it, in one language."""

    iri: str
    label: str
    labels: dict[str, str]
    types: tuple[Link, ...]
    description: str | None
    known_gaps: dict[str, str]
    sources: tuple[Link, ...]
    confidence: str | None
    statements: tuple[Statement, ...]
    incoming: tuple[Statement, ...] = field(default=())

    @property
    def exists(self) -> bool:
        return bool(self.types or self.statements or self.labels)

    def values_of(self, predicate: str) -> tuple[Link, ...]:
        """The values of ``predicate`` (a full IRI) among the other statements."""
        return next((s.values for s in self.statements if s.predicate == predicate), ())

    def to_dict(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "id": shorten(self.iri),
            "label": self.label,
            "labels": self.labels,
            "types": [t.to_dict() for t in self.types],
            "description": self.description,
            "known_gaps": self.known_gaps,
            "sources": [s.to_dict() for s in self.sources],
            "confidence": self.confidence,
            "statements": [s.to_dict() for s in self.statements],
            "incoming": [s.to_dict() for s in self.incoming],
        }


def label_of(dataset: Dataset, node: Node, lang: Language) -> str:
    """The best label of ``node`` in ``lang`` (then untagged, then the other language), else
    its prefixed name."""
    found: dict[str, str] = {}
    for prop in LABELS:
        for value in dataset.objects(node, prop):
            if isinstance(value, Literal):
                found.setdefault(value.language or "", str(value))
    for key in (lang, "", "en" if lang == "da" else "da"):
        if key in found:
            return found[key]
    return shorten(str(node))


def _texts(dataset: Dataset, node: URIRef, prop: URIRef) -> dict[str, str]:
    texts: dict[str, str] = {}
    for value in sorted(dataset.objects(node, prop), key=str):
        if isinstance(value, Literal):
            key = value.language or ""
            texts[key] = f"{texts[key]} {value}" if key in texts else str(value)
    return texts


def _pick(texts: dict[str, str], lang: Language) -> str | None:
    for key in (lang, "", "en" if lang == "da" else "da"):
        if key in texts:
            return texts[key]
    return None


def _link(dataset: Dataset, node: Node, lang: Language) -> Link:
    if isinstance(node, Literal):
        return Link(
            iri=None,
            text=str(node),
            datatype=shorten(str(node.datatype)) if node.datatype else None,
            lang=node.language,
        )
    if isinstance(node, BNode):
        return Link(iri=None, text="[…]")
    return Link(iri=str(node), text=label_of(dataset, node, lang))


def describe(dataset: Dataset, iri: str, lang: Language) -> Description:
    """Everything the graph says about ``iri``, labelled in ``lang``."""
    node = URIRef(iri)
    labels: dict[str, str] = {}
    for prop in LABELS:
        for key, value in _texts(dataset, node, prop).items():
            labels.setdefault(key, value)
    by_predicate: dict[URIRef, list[Node]] = defaultdict(list)
    for p, o in dataset.predicate_objects(node):
        if p not in SHOWN_APART:
            by_predicate[p].append(o)  # type: ignore[index]
    incoming: dict[URIRef, list[Node]] = defaultdict(list)
    for s, p in dataset.subject_predicates(node):
        if p != RDF.type and isinstance(s, URIRef):
            incoming[p].append(s)  # type: ignore[index]
    confidence = next(iter(dataset.objects(node, CONFIDENCE)), None)
    return Description(
        iri=iri,
        label=_pick(labels, lang) or shorten(iri),
        labels=labels,
        types=tuple(
            _link(dataset, t, lang) for t in sorted(dataset.objects(node, RDF.type), key=str)
        ),
        description=_pick(_texts(dataset, node, DCTERMS.description), lang),
        known_gaps=_texts(dataset, node, KNOWN_GAP),
        sources=tuple(
            _link(dataset, s, lang)
            for s in sorted(set(dataset.objects(node, PROV.wasDerivedFrom)), key=str)
        ),
        confidence=label_of(dataset, confidence, lang) if confidence is not None else None,
        statements=_statements(dataset, by_predicate, lang),
        incoming=_statements(dataset, incoming, lang),
    )


def _statements(
    dataset: Dataset, by_predicate: dict[URIRef, list[Node]], lang: Language
) -> tuple[Statement, ...]:
    out = []
    for predicate in sorted(by_predicate, key=shorten):
        values = sorted({*by_predicate[predicate]}, key=str)
        out.append(
            Statement(
                predicate=str(predicate),
                predicate_label=label_of(dataset, predicate, lang),
                values=tuple(_link(dataset, v, lang) for v in values),
            )
        )
    return tuple(out)


def resource_graph(dataset: Dataset, iri: str) -> Graph:
    """``iri``'s own statements (with their blank nodes) and the labels of the resources
    they point to, as one graph with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    node = URIRef(iri)
    pending: list[Node] = [node]
    seen: set[Node] = set()
    while pending:
        subject = pending.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for p, o in dataset.predicate_objects(subject):
            graph.add((subject, p, o))
            if isinstance(o, BNode):
                pending.append(o)
            elif isinstance(o, URIRef) and p != RDF.type:
                _add_labels(dataset, graph, o)
    return graph


def _add_labels(dataset: Dataset, graph: Graph, node: URIRef) -> None:
    for prop in (SKOS.prefLabel, RDFS.label):
        for value in dataset.objects(node, prop):
            graph.add((node, prop, value))


def instances(dataset: Dataset, classes: Iterable[str]) -> list[str]:
    """The IRIs of every resource typed with one of ``classes`` (directly), sorted."""
    found: set[str] = set()
    for cls in classes:
        found.update(
            str(s) for s in dataset.subjects(RDF.type, URIRef(cls)) if isinstance(s, URIRef)
        )
    return sorted(found)


#: Classes counted as "things" in the VoID description's class partitions.
VOCABULARIES = (
    PREFIXES["brn"],
    str(SKOS),
    str(PROV),
    str(DCTERMS),
    str(OWL),
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/ns/regorg#",
    SCHEMA,
)
