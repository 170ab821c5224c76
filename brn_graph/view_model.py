"""The projection-to-view step: cut the typed networkx projection and style it for drawing.

:mod:`brn_graph.network` projects the RDF graph onto networkx; this module turns that
projection into a :class:`NetworkView`, the exact set of nodes and edges a page will draw,
each with its label in one language, its style (colour, shape, width, dashes), its position
and its tooltip text, plus the legend and a report of what the server cut away and how to
narrow the view. :mod:`brn_graph.visualise` renders a view as HTML; nothing here knows about
HTML, and nothing here escapes: every string stays plain text until the page puts it into
the DOM as text.

The cut happens before anything is drawn, in this order: node types the caller hides
(companies, municipalities, offices), the framework document, the minimum alignment level,
the focus (one node and its neighbourhood), then the node cap, which drops the least
connected nodes of the least central types first (companies, then offices, municipalities,
strength positions, goals, documents, clusters). Positions are computed once here, so the
browser never runs a layout on a large view.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

from rdflib import Dataset

from brn_graph.alignment import AlignmentModel
from brn_graph.config import LANGUAGES, Language, Settings
from brn_graph.errors import ParameterError
from brn_graph.i18n import danish_sort_key
from brn_graph.network import NetworkProjection, project_network
from brn_graph.resolve import Candidate, resolve_identifier, slug_of
from brn_graph.view_layout import compute_positions


class NodeKind(StrEnum):
    """The node types of a view; the order is the drawing and legend order."""

    cluster = "cluster"
    document = "document"
    goal = "goal"
    strength_position = "strength_position"
    municipality = "municipality"
    office = "office"
    company = "company"
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

#: Views with more nodes than this are cut (least central first) and the page says so.
DEFAULT_MAX_NODES = 2500
#: The largest cap a caller may ask for.
MAX_NODES_LIMIT = 20_000
#: Views up to this size settle with browser physics (from the server's positions) and are
#: then frozen; larger views are drawn at the server's positions with physics off.
PHYSICS_MAX_NODES = 300

#: Which kinds the cap removes first (companies first, clusters last).
CUT_ORDER: tuple[NodeKind, ...] = (
    NodeKind.company,
    NodeKind.other,
    NodeKind.office,
    NodeKind.municipality,
    NodeKind.strength_position,
    NodeKind.goal,
    NodeKind.document,
    NodeKind.cluster,
)
#: Kinds that belong to one framework document (the document filter applies to them).
DOCUMENT_KINDS = frozenset({NodeKind.document, NodeKind.goal, NodeKind.strength_position})
#: Kinds a user can focus on from the page.
FOCUS_KINDS = frozenset({NodeKind.cluster, NodeKind.goal, NodeKind.strength_position})
#: Kinds drawn around the node they hang on when a view is large (see view_layout).
LEAF_KINDS = frozenset({NodeKind.company, NodeKind.office, NodeKind.other})


# --------------------------------------------------------------------------------------
# Styles and words
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NodeStyle:
    """How one node type is drawn (vis-network shape names)."""

    shape: str
    color: str
    border: str
    size: int
    font_color: str = "#1b1f23"
    font_size: int = 14


NODE_STYLES: Mapping[NodeKind, NodeStyle] = {
    NodeKind.cluster: NodeStyle(
        shape="box", color="#1f5fa8", border="#123a66", size=22, font_color="#ffffff", font_size=24
    ),
    NodeKind.document: NodeStyle(
        shape="square", color="#4a4f57", border="#24272b", size=18, font_size=18
    ),
    NodeKind.goal: NodeStyle(shape="diamond", color="#e8890c", border="#9a5a06", size=14),
    NodeKind.strength_position: NodeStyle(
        shape="triangle", color="#8e44ad", border="#5b2c70", size=14
    ),
    NodeKind.municipality: NodeStyle(
        shape="triangleDown", color="#2e8b57", border="#1d5a38", size=13
    ),
    NodeKind.office: NodeStyle(shape="hexagon", color="#17a2b8", border="#0f6c7b", size=9),
    NodeKind.company: NodeStyle(shape="dot", color="#a7adb4", border="#6c737b", size=5),
    NodeKind.other: NodeStyle(shape="dot", color="#d0d4d9", border="#8a9099", size=5),
}

LEVEL_COLORS: Mapping[str, str] = {"high": "#b03a2e", "medium": "#e67e22", "low": "#c9a227"}
LEVEL_WIDTHS: Mapping[str, float] = {"high": 5.0, "medium": 3.0, "low": 1.5}
#: vis-network dash patterns: stated solid, inferred dashed, weak dotted.
CONFIDENCE_DASHES: Mapping[str, bool | tuple[int, ...]] = {
    "stated": False,
    "inferred": (8, 6),
    "weak": (2, 5),
}
EDGE_COLORS: Mapping[EdgeKind, str] = {
    EdgeKind.membership: "#b8bec6",
    EdgeKind.office: "#5fa8d3",
    EdgeKind.location: "#7fbf99",
    EdgeKind.part_of: "#8c9299",
    EdgeKind.other: "#c8ccd1",
}
EDGE_WIDTHS: Mapping[EdgeKind, float] = {
    EdgeKind.membership: 0.5,
    EdgeKind.office: 1.0,
    EdgeKind.location: 0.8,
    EdgeKind.part_of: 1.0,
    EdgeKind.other: 0.5,
}

#: Words of the view in both languages (UI chrome lives in :mod:`brn_graph.visualise`).
WORDS: Mapping[str, Mapping[Language, str]] = {
    "kind.cluster": {"da": "Klynge", "en": "Cluster"},
    "kind.document": {"da": "Rammedokument", "en": "Framework document"},
    "kind.goal": {"da": "Mål og pejlemærker", "en": "Goal or guiding goal"},
    "kind.strength_position": {"da": "Styrkeposition", "en": "Strength position"},
    "kind.municipality": {"da": "Kommune", "en": "Municipality"},
    "kind.office": {"da": "Kontor", "en": "Office"},
    "kind.company": {"da": "Virksomhed", "en": "Company"},
    "kind.other": {"da": "Andet", "en": "Other"},
    "kinds.cluster": {"da": "klynger", "en": "clusters"},
    "kinds.document": {"da": "rammedokumenter", "en": "framework documents"},
    "kinds.goal": {"da": "mål", "en": "goals"},
    "kinds.strength_position": {"da": "styrkepositioner", "en": "strength positions"},
    "kinds.municipality": {"da": "kommuner", "en": "municipalities"},
    "kinds.office": {"da": "kontorer", "en": "offices"},
    "kinds.company": {"da": "virksomheder", "en": "companies"},
    "kinds.other": {"da": "andre knuder", "en": "other nodes"},
    "edge.alignment": {"da": "Sammenhæng", "en": "Alignment"},
    "edge.membership": {"da": "Medlemskab", "en": "Membership"},
    "edge.office": {"da": "Kontor", "en": "Office"},
    "edge.location": {"da": "Beliggenhed", "en": "Location"},
    "edge.part_of": {"da": "Del af", "en": "Part of"},
    "edge.other": {"da": "Forbindelse", "en": "Link"},
    "level.high": {"da": "høj", "en": "high"},
    "level.medium": {"da": "middel", "en": "medium"},
    "level.low": {"da": "lav", "en": "low"},
    "confidence.stated": {"da": "udtalt i kilden", "en": "stated in a source"},
    "confidence.inferred": {"da": "udledt", "en": "inferred"},
    "confidence.weak": {"da": "svagt belagt", "en": "weakly supported"},
    "tip.kind": {"da": "Type", "en": "Type"},
    "tip.id": {"da": "Id", "en": "Id"},
    "tip.other_label.da": {"da": "Dansk", "en": "Danish"},
    "tip.other_label.en": {"da": "Engelsk", "en": "English"},
    "tip.document": {"da": "Dokument", "en": "Document"},
    "tip.level": {"da": "Niveau", "en": "Level"},
    "tip.confidence": {"da": "Sikkerhed", "en": "Confidence"},
    "tip.rule": {"da": "Regel", "en": "Rule"},
    "tip.score": {"da": "Score", "en": "Score"},
    "tip.evidence": {"da": "Begrundelse", "en": "Evidence"},
    "tip.passage": {"da": "Passage", "en": "Passage"},
    "tip.source": {"da": "Kilde", "en": "Source"},
    "legend.level": {"da": "Sammenhæng, niveau {level}", "en": "Alignment, {level}"},
    "legend.confidence": {
        "da": "Sammenhæng, {confidence}",
        "en": "Alignment, {confidence}",
    },
    "cut.summary": {
        "da": "Viser {shown} af {total} knuder (loft: {cap}). Skjult: {hidden}.",
        "en": "Showing {shown} of {total} nodes (cap: {cap}). Hidden: {hidden}.",
    },
    "cut.hint": {
        "da": "Indsnævr visningen: vælg et rammedokument (--document / ?document=), fokusér "
        "på en klynge eller et mål (--focus / ?focus=), skjul virksomheder, kontorer eller "
        "kommuner (--hide-companies / ?companies=false, --hide-offices / ?offices=false, "
        "--hide-municipalities / ?municipalities=false) eller hæv loftet "
        "(--max-nodes / ?max_nodes=).",
        "en": "Narrow the view: choose a framework document (--document / ?document=), focus on "
        "a cluster or a goal (--focus / ?focus=), hide companies, offices or municipalities "
        "(--hide-companies / ?companies=false, --hide-offices / ?offices=false, "
        "--hide-municipalities / ?municipalities=false) or raise the cap "
        "(--max-nodes / ?max_nodes=).",
    },
    "scope.document": {"da": "Dokument: {label}", "en": "Document: {label}"},
    "scope.focus": {"da": "Fokus: {label} og naboer", "en": "Focus: {label} and neighbours"},
    "scope.min_level": {
        "da": "Sammenhænge fra niveau {level}",
        "en": "Alignments of level {level} or higher",
    },
    "scope.hidden_kind": {"da": "{kinds} skjult", "en": "{kinds} hidden"},
}


def word(key: str, lang: Language, **values: object) -> str:
    """A word of the view in ``lang``, placeholders filled in.

    >>> word("level.high", "da")
    'høj'
    >>> word("legend.level", "en", level="low")
    'Alignment, low'
    """
    text = WORDS[key][lang]
    return text.format(**values) if values else text


def format_count(number: int, lang: Language) -> str:
    """A whole number with the thousands separator of the language.

    >>> format_count(12345, "da"), format_count(12345, "en")
    ('12.345', '12,345')
    """
    text = f"{number:,}"
    return text.replace(",", ".") if lang == "da" else text


def format_score(value: float, lang: Language) -> str:
    """A score with two decimals and the decimal mark of the language.

    >>> format_score(0.6, "da")
    '0,60'
    """
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "da" else text


# --------------------------------------------------------------------------------------
# The projection as this module reads it (the adapter over brn_graph.network)
# --------------------------------------------------------------------------------------


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


def _token(value: object) -> str:
    """A loose key for a type name: local name of an IRI, lower case, letters only.

    >>> _token("https://w3id.org/brn-graph/ontology#StrengthPosition"), _token("part-of")
    ('strengthposition', 'partof')
    """
    text = str(value)
    text = re.split(r"[/#:]", text.rstrip("/#"))[-1]
    return re.sub(r"[^a-z]", "", text.lower())


#: Kind names of :mod:`brn_graph.network` (and the ontology's document classes), by token.
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


def project_for_view(dataset: Dataset, model: AlignmentModel, settings: Settings) -> Projection:
    """The projection of :mod:`brn_graph.network`, read once for any number of views."""
    return read_network_projection(project_network(dataset, model, settings))


def read_network_projection(projection: NetworkProjection) -> Projection:
    """Read :mod:`brn_graph.network`'s projection through its networkx form.

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


# --------------------------------------------------------------------------------------
# The view
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ViewOptions:
    """What the caller asked to see. Identifiers may be IRIs, prefixed names, slugs or labels."""

    lang: Language = "da"
    document: str | None = None
    focus: str | None = None
    min_level: Level | None = None
    show_companies: bool = True
    show_municipalities: bool = True
    show_offices: bool = True
    max_nodes: int = DEFAULT_MAX_NODES
    physics_max_nodes: int = PHYSICS_MAX_NODES
    seed: int = 20240920

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ParameterError("lang", f"must be one of {', '.join(LANGUAGES)}")
        if self.min_level is not None and self.min_level not in LEVELS:
            raise ParameterError("min_level", f"must be one of {', '.join(LEVELS)}")
        if not 1 <= self.max_nodes <= MAX_NODES_LIMIT:
            raise ParameterError("max_nodes", f"must be between 1 and {MAX_NODES_LIMIT}")


@dataclass(frozen=True)
class TooltipLine:
    """One line of a tooltip: a caption (empty for the heading) and its text."""

    caption: str
    text: str


@dataclass(frozen=True, kw_only=True)
class ViewNode:
    """A node as drawn: label in the view's language, type, position, tooltip."""

    id: str
    label: str
    kind: NodeKind
    x: float
    y: float
    documents: tuple[str, ...]
    tooltip: tuple[TooltipLine, ...]


@dataclass(frozen=True, kw_only=True)
class ViewEdge:
    """An edge as drawn, with its resolved style."""

    id: str
    source: str
    target: str
    kind: EdgeKind
    level: Level | None
    confidence: Confidence | None
    inferred: bool
    document: str | None
    width: float
    color: str
    dashes: bool | tuple[int, ...]
    arrow: bool
    tooltip: tuple[TooltipLine, ...]


@dataclass(frozen=True, kw_only=True)
class LegendEntry:
    """One row of the legend: a node type or an edge style, with its label."""

    key: str
    label: str
    shape: str
    color: str
    border: str = ""
    width: float = 1.0
    dashes: bool | tuple[int, ...] = False
    count: int = 0


@dataclass(frozen=True, kw_only=True)
class Choice:
    """An option of a filter menu."""

    id: str
    label: str
    group: str = ""


@dataclass(frozen=True, kw_only=True)
class CutReport:
    """What the server left out of the view and why, in the view's language."""

    total_nodes: int
    shown_nodes: int
    cap: int
    capped: bool
    hidden_by_cap: Mapping[str, int]
    scope: tuple[str, ...]
    message: str
    hint: str


@dataclass(frozen=True, kw_only=True)
class NetworkView:
    """Everything a page needs to draw the network, independent of HTML."""

    lang: Language
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    node_legend: tuple[LegendEntry, ...]
    edge_legend: tuple[LegendEntry, ...]
    documents: tuple[Choice, ...]
    clusters: tuple[Choice, ...]
    focus_choices: tuple[Choice, ...]
    cut: CutReport
    physics: bool
    document: str | None = None
    focus: str | None = None
    min_level: Level | None = None


def build_view(source: Projection | Any, options: ViewOptions | None = None) -> NetworkView:
    """Cut, lay out and style the projection (a :class:`Projection` or a networkx graph).

    Raises :class:`~brn_graph.errors.NotFoundError` for an unknown document or focus (with
    suggestions) and :class:`~brn_graph.errors.ParameterError` for an ambiguous one.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("c", kind="cluster", label_da="Klynge", label_en="Cluster")
    >>> g.add_node("g", kind="goal", label_da="Mål", label_en="Goal")
    >>> _ = g.add_edge("c", "g", kind="alignment", level="high", confidence="inferred")
    >>> view = build_view(g, ViewOptions(lang="en"))
    >>> [n.label for n in view.nodes], view.edges[0].dashes
    (['Cluster', 'Goal'], (8, 6))
    """
    options = options or ViewOptions()
    projection = source if isinstance(source, Projection) else read_projection(source)
    lang = options.lang
    all_nodes = projection.nodes
    scope: list[str] = []

    hidden_kinds = {
        kind
        for kind, shown in (
            (NodeKind.company, options.show_companies),
            (NodeKind.municipality, options.show_municipalities),
            (NodeKind.office, options.show_offices),
        )
        if not shown
    }
    keep = {i for i, n in all_nodes.items() if n.kind not in hidden_kinds}
    if hidden_kinds:
        names = ", ".join(word(f"kinds.{k.value}", lang) for k in sorted(hidden_kinds))
        scope.append(word("scope.hidden_kind", lang, kinds=names[:1].upper() + names[1:]))
    edges = [e for e in projection.edges if e.source in keep and e.target in keep]

    document_id: str | None = None
    if options.document:
        document_id = _resolve(projection, "document", options.document, {NodeKind.document})
        documents = _documents_within(projection, document_id)
        keep = {
            i
            for i in keep
            if all_nodes[i].kind not in DOCUMENT_KINDS
            or i in documents
            or (all_nodes[i].kind is not NodeKind.document and documents & set(_docs(all_nodes[i])))
        }
        edges = [
            e
            for e in edges
            if e.source in keep
            and e.target in keep
            and (e.kind is not EdgeKind.alignment or e.document is None or e.document in documents)
        ]
        scope.append(word("scope.document", lang, label=_label(all_nodes[document_id], lang)))

    if options.min_level:
        floor = LEVELS.index(options.min_level)
        edges = [
            e
            for e in edges
            if e.kind is not EdgeKind.alignment or LEVELS.index(e.level or "low") >= floor
        ]
        scope.append(word("scope.min_level", lang, level=word(f"level.{options.min_level}", lang)))

    focus_id: str | None = None
    if options.focus:
        focus_id = _resolve(projection, "node", options.focus, None)
        keep.add(focus_id)
        keep = neighbourhood(projection, focus_id, keep, edges)
        edges = [e for e in edges if e.source in keep and e.target in keep]
        scope.append(word("scope.focus", lang, label=_label(all_nodes[focus_id], lang)))

    total = len(keep)
    keep, hidden_by_cap = _apply_cap(projection, keep, edges, options.max_nodes, protect=focus_id)
    edges = [e for e in edges if e.source in keep and e.target in keep]

    positions = compute_positions(
        keep,
        [(e.source, e.target) for e in edges],
        leaves={i for i in keep if all_nodes[i].kind in LEAF_KINDS},
        preferred_anchors={i for i in keep if all_nodes[i].kind is NodeKind.cluster},
        seed=options.seed,
    )
    node_ids = sorted(keep, key=lambda i: (_kind_rank(all_nodes[i].kind), i))
    view_nodes = tuple(_view_node(projection, i, positions[i], lang) for i in node_ids)
    view_edges = tuple(_view_edge(projection, index, e, lang) for index, e in enumerate(edges))
    capped = bool(hidden_by_cap)
    hidden_text = ", ".join(
        f"{format_count(n, lang)} {word(f'kinds.{kind}', lang)}"
        for kind, n in hidden_by_cap.items()
    )
    cut = CutReport(
        total_nodes=total,
        shown_nodes=len(view_nodes),
        cap=options.max_nodes,
        capped=capped,
        hidden_by_cap=hidden_by_cap,
        scope=tuple(scope),
        message=word(
            "cut.summary",
            lang,
            shown=format_count(len(view_nodes), lang),
            total=format_count(total, lang),
            cap=format_count(options.max_nodes, lang),
            hidden=hidden_text,
        )
        if capped
        else "",
        hint=word("cut.hint", lang) if capped else "",
    )
    return NetworkView(
        lang=lang,
        nodes=view_nodes,
        edges=view_edges,
        node_legend=_node_legend(view_nodes, lang),
        edge_legend=_edge_legend(view_edges, lang),
        documents=_choices(view_nodes, {NodeKind.document}),
        clusters=_choices(view_nodes, {NodeKind.cluster}),
        focus_choices=_choices(view_nodes, FOCUS_KINDS, grouped=True, lang=lang),
        cut=cut,
        physics=len(view_nodes) <= options.physics_max_nodes,
        document=document_id,
        focus=focus_id,
        min_level=options.min_level,
    )


def neighbourhood(
    projection: Projection, focus: str, allowed: set[str], edges: Sequence[ProjectedEdge]
) -> set[str]:
    """The focus, its neighbours, and what places them: the documents of goals and
    strength positions, the municipalities of offices (only among ``allowed`` nodes).

    The page computes the same set when a user focuses on a node (``network.js``).
    """
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e.source in allowed and e.target in allowed:
            adjacent[e.source].add(e.target)
            adjacent[e.target].add(e.source)
    result = {focus} | adjacent[focus]
    for node_id in list(result):
        node = projection.nodes[node_id]
        if node.kind in {NodeKind.goal, NodeKind.strength_position}:
            result |= {d for d in node.documents if d in allowed}
        if node.kind in {NodeKind.goal, NodeKind.strength_position, NodeKind.office}:
            result |= {
                other
                for other in adjacent[node_id]
                if projection.nodes[other].kind in {NodeKind.document, NodeKind.municipality}
            }
    return result


def _resolve(projection: Projection, kind: str, text: str, kinds: set[NodeKind] | None) -> str:
    candidates = [
        Candidate(
            iri=n.id,
            slug=slug_of(n.id),
            names=tuple(dict.fromkeys(v for v in n.labels.values() if v)),
        )
        for n in projection.nodes.values()
        if kinds is None or n.kind in kinds
    ]
    return resolve_identifier(kind, text, candidates).iri


def _documents_within(projection: Projection, document: str) -> set[str]:
    """The document and the documents that are part of it (regional chapters)."""
    parts = {
        e.source
        for e in projection.edges
        if e.kind is EdgeKind.part_of
        and e.target == document
        and projection.nodes.get(e.source) is not None
        and projection.nodes[e.source].kind is NodeKind.document
    }
    return {document} | parts


def _docs(node: ProjectedNode) -> tuple[str, ...]:
    return node.documents


def _kind_rank(kind: NodeKind) -> int:
    return list(NodeKind).index(kind)


def _apply_cap(
    projection: Projection,
    keep: set[str],
    edges: Sequence[ProjectedEdge],
    cap: int,
    *,
    protect: str | None,
) -> tuple[set[str], dict[str, int]]:
    """Drop nodes until ``cap`` remain: least central kinds first, least connected first."""
    excess = len(keep) - cap
    if excess <= 0:
        return keep, {}
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    by_kind: dict[NodeKind, list[str]] = defaultdict(list)
    for node_id in keep:
        by_kind[projection.nodes[node_id].kind].append(node_id)
    kept = set(keep)
    hidden: dict[str, int] = {}
    for kind in CUT_ORDER:
        if excess <= 0:
            break
        members = sorted(
            (i for i in by_kind.get(kind, []) if i != protect), key=lambda i: (degree[i], i)
        )
        dropped = members[:excess]
        kept.difference_update(dropped)
        excess -= len(dropped)
        if dropped:
            hidden[kind.value] = len(dropped)
    return kept, hidden


# --------------------------------------------------------------------------------------
# Styling
# --------------------------------------------------------------------------------------


def _label(node: ProjectedNode, lang: Language) -> str:
    other: Language = "en" if lang == "da" else "da"
    return node.labels.get(lang) or node.labels.get(other) or slug_of(node.id)


def _view_node(
    projection: Projection, node_id: str, position: tuple[float, float], lang: Language
) -> ViewNode:
    node = projection.nodes[node_id]
    label = _label(node, lang)
    lines = [
        TooltipLine("", label),
        TooltipLine(word("tip.kind", lang), word(f"kind.{node.kind}", lang)),
    ]
    for other in LANGUAGES:
        text = node.labels.get(other)
        if other != lang and text and text != label:
            lines.append(TooltipLine(word(f"tip.other_label.{other}", lang), text))
    for document in node.documents:
        if node.kind is not NodeKind.document and document in projection.nodes:
            lines.append(
                TooltipLine(word("tip.document", lang), _label(projection.nodes[document], lang))
            )
    lines.append(TooltipLine(word("tip.id", lang), node.id))
    return ViewNode(
        id=node_id,
        label=label,
        kind=node.kind,
        x=position[0],
        y=position[1],
        documents=node.documents if node.kind is not NodeKind.document else (node.id,),
        tooltip=tuple(lines),
    )


def _view_edge(projection: Projection, index: int, edge: ProjectedEdge, lang: Language) -> ViewEdge:
    source = _label(projection.nodes[edge.source], lang)
    target = _label(projection.nodes[edge.target], lang)
    lines = [
        TooltipLine("", f"{source} → {target}"),
        TooltipLine(word("tip.kind", lang), word(f"edge.{edge.kind}", lang)),
    ]
    level: Level | None
    confidence: Confidence | None
    if edge.kind is EdgeKind.alignment:
        level = edge.level or "low"
        confidence = edge.confidence or ("inferred" if edge.inferred else "stated")
        width = LEVEL_WIDTHS[level]
        color = LEVEL_COLORS[level]
        dashes = CONFIDENCE_DASHES[
            "inferred" if edge.inferred and confidence == "stated" else confidence
        ]
        lines.append(TooltipLine(word("tip.level", lang), word(f"level.{level}", lang)))
        lines.append(
            TooltipLine(word("tip.confidence", lang), word(f"confidence.{confidence}", lang))
        )
        if edge.rule:
            lines.append(TooltipLine(word("tip.rule", lang), edge.rule))
        if edge.score is not None:
            lines.append(TooltipLine(word("tip.score", lang), format_score(edge.score, lang)))
        other: Language = "en" if lang == "da" else "da"
        evidence = edge.evidence.get(lang) or edge.evidence.get(other)
        if evidence:
            lines.append(TooltipLine(word("tip.evidence", lang), evidence))
        if edge.passage:
            lines.append(TooltipLine(word("tip.passage", lang), edge.passage))
        if edge.document and edge.document in projection.nodes:
            lines.append(
                TooltipLine(
                    word("tip.document", lang), _label(projection.nodes[edge.document], lang)
                )
            )
        for ref in edge.sources:
            title = ref.label(lang)
            text = title if not ref.url or ref.url == title else f"{title} ({ref.url})"
            lines.append(TooltipLine(word("tip.source", lang), text))
        arrow = True
    else:
        width = EDGE_WIDTHS[edge.kind]
        color = EDGE_COLORS[edge.kind]
        dashes = False
        confidence = edge.confidence
        level = None
        arrow = False
    return ViewEdge(
        id=f"e{index}",
        source=edge.source,
        target=edge.target,
        kind=edge.kind,
        level=level,
        confidence=confidence,
        inferred=edge.inferred,
        document=edge.document,
        width=width,
        color=color,
        dashes=dashes,
        arrow=arrow,
        tooltip=tuple(lines),
    )


def _node_legend(nodes: Sequence[ViewNode], lang: Language) -> tuple[LegendEntry, ...]:
    counts = Counter(n.kind for n in nodes)
    entries = []
    for kind in NodeKind:
        if kind is NodeKind.other and not counts[kind]:
            continue
        style = NODE_STYLES[kind]
        entries.append(
            LegendEntry(
                key=kind.value,
                label=word(f"kind.{kind.value}", lang),
                shape=style.shape,
                color=style.color,
                border=style.border,
                count=counts[kind],
            )
        )
    return tuple(entries)


def _edge_legend(edges: Sequence[ViewEdge], lang: Language) -> tuple[LegendEntry, ...]:
    counts = Counter(e.kind for e in edges)
    entries = [
        LegendEntry(
            key=f"level.{level}",
            label=word("legend.level", lang, level=word(f"level.{level}", lang)),
            shape="line",
            color=LEVEL_COLORS[level],
            width=LEVEL_WIDTHS[level],
            count=sum(1 for e in edges if e.kind is EdgeKind.alignment and e.level == level),
        )
        for level in reversed(LEVELS)
    ]
    entries += [
        LegendEntry(
            key=f"confidence.{confidence}",
            label=word(
                "legend.confidence", lang, confidence=word(f"confidence.{confidence}", lang)
            ),
            shape="line",
            color="#555b63",
            width=2.0,
            dashes=CONFIDENCE_DASHES[confidence],
            count=sum(
                1 for e in edges if e.kind is EdgeKind.alignment and e.confidence == confidence
            ),
        )
        for confidence in CONFIDENCES
    ]
    entries += [
        LegendEntry(
            key=f"edge.{kind.value}",
            label=word(f"edge.{kind.value}", lang),
            shape="line",
            color=EDGE_COLORS[kind],
            width=max(EDGE_WIDTHS[kind], 1.0),
            count=counts[kind],
        )
        for kind in EdgeKind
        if kind is not EdgeKind.alignment and counts[kind]
    ]
    return tuple(entries)


def _choices(
    nodes: Sequence[ViewNode],
    kinds: set[NodeKind] | frozenset[NodeKind],
    *,
    grouped: bool = False,
    lang: Language = "da",
) -> tuple[Choice, ...]:
    chosen = [n for n in nodes if n.kind in kinds]
    chosen.sort(
        key=lambda n: (_kind_rank(n.kind) if grouped else 0, danish_sort_key(n.label), n.id)
    )
    return tuple(
        Choice(id=n.id, label=n.label, group=word(f"kind.{n.kind.value}", lang) if grouped else "")
        for n in chosen
    )
