"""What a network view shows: the caller's options and the cut of the projection.

The cut happens before anything is drawn, in this order: node types the caller hides
(companies, municipalities, offices), the framework document, the minimum alignment level,
the focus (one node and its neighbourhood), then the node cap, which drops the least
connected nodes of the least central types first (companies, then offices, municipalities,
strength positions, goals, documents, clusters). The :class:`CutReport` says, in the view's
language, what was cut away and how to narrow the view.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from brn_graph.config import LANGUAGES, Language
from brn_graph.errors import ParameterError
from brn_graph.graph.resolve import Candidate, resolve_identifier, slug_of
from brn_graph.i18n.catalogue import text as word
from brn_graph.i18n.formats import format_count
from brn_graph.i18n.message import message as msg
from brn_graph.view.limits import DEFAULT_MAX_NODES as DEFAULT_MAX_NODES
from brn_graph.view.limits import MAX_NODES_LIMIT as MAX_NODES_LIMIT
from brn_graph.view.projection import (
    LEVELS,
    EdgeKind,
    Level,
    NodeKind,
    ProjectedEdge,
    ProjectedNode,
    Projection,
    node_label,
)

#: Views up to this size settle with browser physics (from the server's positions) and are
#: then frozen; larger views are drawn at the server's positions with physics off.
PHYSICS_MAX_NODES = 300

#: Which kinds the cap removes first (companies first, clusters last).
CUT_ORDER: tuple[NodeKind, ...] = (
    NodeKind.company,
    NodeKind.company_group,
    NodeKind.other,
    NodeKind.office,
    NodeKind.municipality,
    NodeKind.strength_position,
    NodeKind.goal,
    NodeKind.document,
    NodeKind.cluster,
)
CompanyMode = Literal["grouped", "expanded"]
COMPANY_MODES: tuple[CompanyMode, ...] = ("grouped", "expanded")
ViewMode = Literal["context", "full"]
#: The context view (the decision's clusters and goals) or the whole graph.
VIEW_MODES: tuple[ViewMode, ...] = ("context", "full")

#: Kinds that belong to one framework document (the document filter applies to them).
DOCUMENT_KINDS = frozenset({NodeKind.document, NodeKind.goal, NodeKind.strength_position})


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
    #: Member companies as one node per municipality (``grouped``) or one by one.
    companies: CompanyMode = "grouped"
    max_nodes: int = DEFAULT_MAX_NODES
    physics_max_nodes: int = PHYSICS_MAX_NODES
    seed: int = 20240920

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ParameterError("lang", msg("errors.reason.one_of", choices=LANGUAGES))
        if self.companies not in COMPANY_MODES:
            raise ParameterError("companies", msg("errors.reason.one_of", choices=COMPANY_MODES))
        if self.min_level is not None and self.min_level not in LEVELS:
            raise ParameterError("min_level", msg("errors.reason.one_of", choices=LEVELS))
        if not 1 <= self.max_nodes <= MAX_NODES_LIMIT:
            raise ParameterError(
                "max_nodes", msg("errors.reason.between", low=1, high=MAX_NODES_LIMIT)
            )


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
class Cut:
    """The part of the projection a view draws: its nodes and edges, the document and focus
    the caller's identifiers resolved to, and the report of what was left out."""

    nodes: frozenset[str]
    edges: tuple[ProjectedEdge, ...]
    document: str | None
    focus: str | None
    report: CutReport


def cut_projection(projection: Projection, options: ViewOptions) -> Cut:
    """Apply the caller's options and the node cap to the projection.

    Raises :class:`~brn_graph.errors.NotFoundError` for an unknown document or focus (with
    suggestions) and :class:`~brn_graph.errors.ParameterError` for an ambiguous one.
    """
    lang = options.lang
    all_nodes = projection.nodes
    scope: list[str] = []

    hidden_kinds = {
        kind
        for kind, shown in (
            (NodeKind.company, options.show_companies),
            (NodeKind.company_group, options.show_companies),
            (NodeKind.municipality, options.show_municipalities),
            (NodeKind.office, options.show_offices),
        )
        if not shown
    }
    keep = {i for i, n in all_nodes.items() if n.kind not in hidden_kinds}
    if hidden_kinds:
        names = ", ".join(
            word(f"kinds.{k.value}", lang)
            for k in sorted(hidden_kinds)
            if k is not NodeKind.company_group
        )
        scope.append(word("scope.hidden_kind", lang, kinds=names[:1].upper() + names[1:]))
    edges = [e for e in projection.edges if e.source in keep and e.target in keep]

    document_id: str | None = None
    if options.document:
        document_id = resolve_node(projection, "document", options.document, {NodeKind.document})
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
        scope.append(word("scope.document", lang, label=node_label(all_nodes[document_id], lang)))

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
        focus_id = resolve_node(projection, "node", options.focus, None)
        keep.add(focus_id)
        keep = neighbourhood(projection, focus_id, keep, edges)
        edges = [e for e in edges if e.source in keep and e.target in keep]
        scope.append(word("scope.focus", lang, label=node_label(all_nodes[focus_id], lang)))

    return capped_cut(
        projection, keep, edges, options, scope=scope, document=document_id, focus=focus_id
    )


def capped_cut(
    projection: Projection,
    keep: set[str],
    edges: Sequence[ProjectedEdge],
    options: ViewOptions,
    *,
    scope: Sequence[str],
    document: str | None,
    focus: str | None,
) -> Cut:
    """The cut of ``keep`` after the node cap (the focus is never cut), with its report."""
    lang = options.lang
    total = len(keep)
    keep, hidden_by_cap = _apply_cap(projection, keep, edges, options.max_nodes, protect=focus)
    edges = [e for e in edges if e.source in keep and e.target in keep]
    capped = bool(hidden_by_cap)
    hidden_text = ", ".join(
        f"{format_count(n, lang)} {word(f'kinds.{kind}', lang)}"
        for kind, n in hidden_by_cap.items()
    )
    report = CutReport(
        total_nodes=total,
        shown_nodes=len(keep),
        cap=options.max_nodes,
        capped=capped,
        hidden_by_cap=hidden_by_cap,
        scope=tuple(scope),
        message=word(
            "cut.summary",
            lang,
            shown=format_count(len(keep), lang),
            total=format_count(total, lang),
            cap=format_count(options.max_nodes, lang),
            hidden=hidden_text,
        )
        if capped
        else "",
        hint=word("cut.hint", lang) if capped else "",
    )
    return Cut(
        nodes=frozenset(keep),
        edges=tuple(edges),
        document=document,
        focus=focus,
        report=report,
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


def resolve_node(projection: Projection, kind: str, text: str, kinds: set[NodeKind] | None) -> str:
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
