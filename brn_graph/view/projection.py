"""The projection as the network view reads it: the adapter over :mod:`brn_graph.network.analytics`.

:mod:`brn_graph.network.analytics` projects the RDF graph onto networkx; this module reads that
projection (or any networkx graph with the same attributes) once into a small typed form,
:class:`Projection`, that the rest of the view works on: the node and edge kinds of a view,
alignment levels and confidences, per-language labels, evidence and sources. Everything that
knows the attribute names of the networkx graph lives here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

from brn_graph.alignment.scores import AlignmentModel
from brn_graph.config import LANGUAGES, Language, Settings
from brn_graph.graph.resolve import slug_of
from brn_graph.network.analytics import NetworkProjection, project_network
from brn_graph.query.analytics import GraphQueries


class NodeKind(StrEnum):
    """The node types of a view; the order is the drawing and legend order."""

    cluster = "cluster"
    document = "document"
    goal = "goal"
    strength_position = "strength_position"
    municipality = "municipality"
    office = "office"
    company = "company"
    company_group = "company_group"
    other = "other"


class EdgeKind(StrEnum):
    """The edge types of a view."""

    alignment = "alignment"
    membership = "membership"
    office = "office"
    location = "location"
    part_of = "part_of"
    other = "other"


Level = Literal["low", "medium", "high"]
LEVELS: tuple[Level, ...] = ("low", "medium", "high")
Confidence = Literal["stated", "inferred", "weak"]
CONFIDENCES: tuple[Confidence, ...] = ("stated", "inferred", "weak")


@dataclass(frozen=True, kw_only=True)
class SourceRef:
    """A source cited by an alignment: its title per language and its web address, if any."""

    labels: Mapping[str, str]
    url: str | None = None

    def label(self, lang: Language) -> str:
        other: Language = "en" if lang == "da" else "da"
        return self.labels.get(lang) or self.labels.get(other) or self.url or ""


@dataclass(frozen=True, kw_only=True)
class ProjectedNode:
    """One node of the projection, as the view needs it."""

    id: str
    kind: NodeKind
    labels: Mapping[str, str]
    documents: tuple[str, ...] = ()
    notation: str | None = None


@dataclass(frozen=True, kw_only=True)
class ProjectedEdge:
    """One edge of the projection, as the view needs it (alignment fields may be empty)."""

    source: str
    target: str
    kind: EdgeKind
    level: Level | None = None
    confidence: Confidence | None = None
    inferred: bool = False
    rule: str | None = None
    score: float | None = None
    evidence: Mapping[str, str] = field(default_factory=dict)
    passage: str | None = None
    sources: tuple[SourceRef, ...] = ()
    document: str | None = None


@dataclass(frozen=True, kw_only=True)
class Projection:
    """The typed projection, read once from networkx."""

    nodes: Mapping[str, ProjectedNode]
    edges: tuple[ProjectedEdge, ...]


def node_label(node: ProjectedNode, lang: Language) -> str:
    """The node's label in ``lang``, else in the other language, else its slug."""
    other: Language = "en" if lang == "da" else "da"
    return node.labels.get(lang) or node.labels.get(other) or slug_of(node.id)


def _token(value: object) -> str:
    """A loose key for a type name: local name of an IRI, lower case, letters only.

    >>> _token("https://w3id.org/brn-graph/ontology#StrengthPosition"), _token("part-of")
    ('strengthposition', 'partof')
    """
    text = str(value)
    text = re.split(r"[/#:]", text.rstrip("/#"))[-1]
    return re.sub(r"[^a-z]", "", text.lower())


#: Kind names of :mod:`brn_graph.network.analytics` (and the ontology's document classes), by token.
_NODE_KINDS: Mapping[str, NodeKind] = {
    "cluster": NodeKind.cluster,
    "document": NodeKind.document,
    "frameworkdocument": NodeKind.document,
    "strategy": NodeKind.document,
    "regionalchapter": NodeKind.document,
    "agreement": NodeKind.document,
    "resultscontract": NodeKind.document,
    "goal": NodeKind.goal,
    "strengthposition": NodeKind.strength_position,
    "municipality": NodeKind.municipality,
    "office": NodeKind.office,
    "company": NodeKind.company,
}
_EDGE_KINDS: Mapping[str, EdgeKind] = {
    "alignment": EdgeKind.alignment,
    "memberof": EdgeKind.membership,
    "membership": EdgeKind.membership,
    "hasoffice": EdgeKind.office,
    "office": EdgeKind.office,
    "locatedin": EdgeKind.location,
    "location": EdgeKind.location,
    "definedin": EdgeKind.part_of,
    "partof": EdgeKind.part_of,
}


def node_kind_of(value: object) -> NodeKind:
    """The view's node kind for a type name of the projection (unknown: ``other``).

    >>> node_kind_of("strength_position"), node_kind_of("brn:Strategy"), node_kind_of("x")
    (<NodeKind.strength_position: 'strength_position'>, <NodeKind.document: 'document'>, \
<NodeKind.other: 'other'>)
    """
    return _NODE_KINDS.get(_token(value), NodeKind.other)


def edge_kind_of(value: object) -> EdgeKind:
    """The view's edge kind for a relation name of the projection (unknown: ``other``).

    >>> edge_kind_of("located-in"), edge_kind_of("part-of")
    (<EdgeKind.location: 'location'>, <EdgeKind.part_of: 'part_of'>)
    """
    return _EDGE_KINDS.get(_token(value), EdgeKind.other)


def level_of(value: object) -> Level | None:
    """``high``/``medium``/``low`` from a level name or IRI (``brn:LevelHigh``).

    >>> level_of("https://w3id.org/brn-graph/ontology#LevelMedium"), level_of(None)
    ('medium', None)
    """
    if value is None:
        return None
    token = _token(value).removeprefix("level")
    for level in LEVELS:
        if token == level:
            return level
    return None


def confidence_of(value: object) -> Confidence | None:
    """``stated``/``inferred``/``weak`` from a confidence name or IRI (``brn:Inferred``).

    >>> confidence_of("brn:Stated"), confidence_of("")
    ('stated', None)
    """
    if value is None:
        return None
    token = _token(value)
    for confidence in CONFIDENCES:
        if token == confidence:
            return confidence
    return None


def _labels(attrs: Mapping[str, Any], node_id: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    mapping = attrs.get("labels")
    if isinstance(mapping, Mapping):
        labels.update({str(k): str(v) for k, v in mapping.items() if v})
    for lang in LANGUAGES:
        value = attrs.get(f"label_{lang}")
        if value:
            labels[lang] = str(value)
    plain = attrs.get("label")
    if plain and not labels:
        labels = dict.fromkeys(LANGUAGES, str(plain))
    return labels or {"da": slug_of(node_id), "en": slug_of(node_id)}


def _texts(value: object, attrs: Mapping[str, Any], prefix: str) -> dict[str, str]:
    """Per-language texts from a mapping, ``<prefix>_da``/``_en`` fields or one string."""
    texts: dict[str, str] = {}
    if isinstance(value, Mapping):
        texts.update({str(k): str(v) for k, v in value.items() if v})
    elif isinstance(value, str) and value:
        texts = dict.fromkeys(LANGUAGES, value)
    for lang in LANGUAGES:
        extra = attrs.get(f"{prefix}_{lang}")
        if extra:
            texts[lang] = str(extra)
    return texts


def _sources(value: object) -> tuple[SourceRef, ...]:
    """Sources as ``{label, url}`` mappings (``label_da``/``label_en``, or ``labels``/``title``
    per language, are used when present), objects with ``title`` and ``url``, or strings."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str | Mapping) else list(value)  # type: ignore[call-overload]
    return tuple(ref for ref in (_source(item) for item in items) if ref is not None)


def _source(item: object) -> SourceRef | None:
    if isinstance(item, SourceRef):
        return item
    if isinstance(item, str):
        url = item if item.startswith(("http://", "https://")) else None
        return SourceRef(labels=dict.fromkeys(LANGUAGES, item), url=url) if item else None
    fields = (
        dict(item)
        if isinstance(item, Mapping)
        else {
            "url": getattr(item, "url", None),
            "title": getattr(item, "title", None),
        }
    )
    title = fields.get("labels") or fields.get("title") or fields.get("label")
    if title is not None and not isinstance(title, str | Mapping) and hasattr(title, "get"):
        title = {lang: title.get(lang) for lang in LANGUAGES}  # an alignment.Labels
    labels = _texts(title, fields, "label")
    url = fields.get("url")
    if not labels and not url:
        return None
    return SourceRef(labels=labels, url=str(url) if url else None)


def project_for_view(
    queries: GraphQueries, model: AlignmentModel, settings: Settings
) -> Projection:
    """The projection of :mod:`brn_graph.network.analytics`, read once for any number of views."""
    return read_network_projection(project_network(queries, model, settings))


def read_network_projection(projection: NetworkProjection) -> Projection:
    """Read :mod:`brn_graph.network.analytics`'s projection through its networkx form.

    ``to_networkx`` gives source titles in one language; the other language's titles come
    from a second conversion, so a view in either language names its sources in it.
    """
    graph = projection.to_networkx(lang="da")
    english = projection.to_networkx(lang="en")
    for source, target, attrs in graph.edges(data=True):
        titles = english.edges[source, target].get("sources") or []
        for entry, other in zip(attrs.get("sources") or [], titles, strict=False):
            if isinstance(entry, dict) and isinstance(other, Mapping):
                entry.setdefault("label_da", entry.get("label"))
                entry.setdefault("label_en", other.get("label"))
    return read_projection(graph)


def _single_source(attrs: Mapping[str, Any]) -> tuple[SourceRef, ...]:
    """The one web source of an alignment (``source_url`` and ``source_title``)."""
    url = attrs.get("source_url")
    title = attrs.get("source_title")
    if not url and not title:
        return ()
    return (
        SourceRef(
            labels=dict.fromkeys(LANGUAGES, str(title or url)), url=str(url) if url else None
        ),
    )


def _score(attrs: Mapping[str, Any]) -> float | None:
    for key in ("score", "weight"):
        value = attrs.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def read_projection(graph: Any) -> Projection:
    """Read a networkx projection into the typed form this module works on.

    Node attributes read: ``kind`` (or ``type``), ``label_da``/``label_en`` (or ``labels``
    per language, or ``label``), ``document`` or ``documents`` (for goals and strength
    positions), ``notation``. Edge attributes read: ``kind`` (or ``type``/``relation``);
    for alignments ``level``, ``confidence``, ``inferred``, ``rule``, ``score`` (or
    ``weight``), ``evidence`` (per language, or ``evidence_da``/``evidence_en``),
    ``passage``, ``sources`` (strings or ``{label, url}``, else ``source_url`` and
    ``source_title``) and ``document``. Kind names are compared loosely (``has-office``,
    ``strength-position``, ``brn:Strategy`` all work). Goals with no ``document`` attribute
    take it from their defined-in/part-of edges, and alignments with no ``document`` take
    their goal's.
    """
    nodes: dict[str, ProjectedNode] = {}
    for node_id, attrs in graph.nodes(data=True):
        key = str(node_id)
        documents = attrs.get("documents") or ()
        if isinstance(documents, str):
            documents = (documents,)
        if attrs.get("document"):
            documents = (str(attrs["document"]), *documents)
        nodes[key] = ProjectedNode(
            id=key,
            kind=node_kind_of(attrs.get("kind") or attrs.get("type") or ""),
            labels=_labels(attrs, key),
            documents=tuple(dict.fromkeys(str(d) for d in documents)),
            notation=str(attrs["notation"]) if attrs.get("notation") else None,
        )
    edges: list[ProjectedEdge] = []
    for source, target, attrs in graph.edges(data=True):
        kind = edge_kind_of(attrs.get("kind") or attrs.get("type") or attrs.get("relation") or "")
        confidence = confidence_of(attrs.get("confidence"))
        inferred = bool(attrs.get("inferred")) or confidence == "inferred"
        edges.append(
            ProjectedEdge(
                source=str(source),
                target=str(target),
                kind=kind,
                level=level_of(attrs.get("level")),
                confidence=confidence,
                inferred=inferred,
                rule=str(attrs["rule"]) if attrs.get("rule") else None,
                score=_score(attrs),
                evidence=_texts(attrs.get("evidence"), attrs, "evidence"),
                passage=str(attrs["passage"]) if attrs.get("passage") else None,
                sources=_sources(attrs.get("sources")) or _single_source(attrs),
                document=str(attrs["document"]) if attrs.get("document") else None,
            )
        )
    nodes = _with_documents(nodes, edges)
    return Projection(nodes=nodes, edges=tuple(_alignment_documents(nodes, edges)))


def _alignment_documents(
    nodes: Mapping[str, ProjectedNode], edges: Sequence[ProjectedEdge]
) -> list[ProjectedEdge]:
    """An alignment with no source document is about its goal's (or strength position's)."""
    out = []
    for e in edges:
        target = nodes.get(e.target)
        if e.kind is EdgeKind.alignment and e.document is None and target and target.documents:
            e = replace(e, document=target.documents[0])
        out.append(e)
    return out


def _with_documents(
    nodes: dict[str, ProjectedNode], edges: Sequence[ProjectedEdge]
) -> dict[str, ProjectedNode]:
    """Goals and strength positions learn their document from part-of edges."""
    found: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.kind is not EdgeKind.part_of or e.source not in nodes or e.target not in nodes:
            continue
        if nodes[e.target].kind is NodeKind.document:
            found[e.source].append(e.target)
    result = dict(nodes)
    for node_id, docs in found.items():
        node = nodes[node_id]
        merged = tuple(dict.fromkeys((*node.documents, *docs)))
        if merged != node.documents:
            result[node_id] = ProjectedNode(
                id=node.id,
                kind=node.kind,
                labels=node.labels,
                documents=merged,
                notation=node.notation,
            )
    return result
