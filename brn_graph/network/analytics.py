"""The one bridge from the RDF graph to networkx: a typed projection, and analytics on it.

:func:`project_network` reads only what the network questions need (never every triple, never
literals as nodes) into typed nodes and edges:

===================  ===============================================================
node kinds           cluster, document, goal, strength-position, municipality,
                     office, company (each with ``labels`` in Danish and English)
edge kinds           ``alignment`` cluster -> goal/strength position (weight = score,
                     level, confidence, inferred flag, rule, evidence summary, source);
                     ``defined-in`` goal -> document; ``part-of`` document -> document;
                     ``has-office`` cluster -> office; ``located-in`` office/company ->
                     municipality; ``member-of`` company -> cluster
===================  ===============================================================

:meth:`NetworkProjection.to_networkx` builds a directed ``networkx.DiGraph`` from it (the
pyvis view and the analytics both start there). :func:`analyse_network` answers: which goals
are most and least served, which clusters bridge several documents (betweenness on the
clusters-goals-documents subgraph only: offices, municipalities and companies are bookkeeping
here and would dominate centrality), how similar clusters are by the goals they share
(Jaccard), and which communities clusters and goals form (Louvain, seeded).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from brn_graph.alignment.data import Labels, Origin, Ref, Source, TargetKind, TargetRef
from brn_graph.alignment.scores import AlignmentModel, counted_records, round_score
from brn_graph.config import Language, Settings
from brn_graph.graph.resolve import slug_of
from brn_graph.graph.terms import Record, Term
from brn_graph.namespaces import XSD
from brn_graph.query.analytics import GraphQueries

if TYPE_CHECKING:
    import networkx as nx

#: Above this many nodes, betweenness is estimated from a seeded sample of sources.
BETWEENNESS_EXACT_LIMIT = 2000
BETWEENNESS_SAMPLE = 200


class NodeKind(StrEnum):
    CLUSTER = "cluster"
    DOCUMENT = "document"
    GOAL = "goal"
    STRENGTH_POSITION = "strength-position"
    MUNICIPALITY = "municipality"
    OFFICE = "office"
    COMPANY = "company"


class EdgeKind(StrEnum):
    ALIGNMENT = "alignment"
    DEFINED_IN = "defined-in"
    PART_OF = "part-of"
    HAS_OFFICE = "has-office"
    LOCATED_IN = "located-in"
    MEMBER_OF = "member-of"


@dataclass(frozen=True, kw_only=True)
class NetworkNode:
    """A node: its IRI is its id in networkx."""

    iri: str
    kind: NodeKind
    labels: Labels
    notation: str | None = None
    document: str | None = None

    @property
    def slug(self) -> str:
        return slug_of(self.iri)

    def attributes(self, lang: Language) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "slug": self.slug,
            "label": self.labels.get(lang),
            "label_da": self.labels.get("da"),
            "label_en": self.labels.get("en"),
            "notation": self.notation,
            "document": self.document,
        }

    def to_dict(self, lang: Language) -> dict[str, Any]:
        return {"iri": self.iri, **self.attributes(lang)}


@dataclass(frozen=True, kw_only=True)
class NetworkEdge:
    """An edge; only ``alignment`` edges carry a level, confidence, evidence and source."""

    source: str
    target: str
    kind: EdgeKind
    weight: float = 1.0
    level: str | None = None
    confidence: str | None = None
    inferred: bool = False
    rule: str | None = None
    evidence: Labels | None = None
    passage: str | None = None
    document: str | None = None
    sources: tuple[Source, ...] = ()

    @property
    def web_source(self) -> Source | None:
        return next((s for s in self.sources if s.is_web), None)

    def attributes(self, lang: Language) -> dict[str, Any]:
        web = self.web_source
        return {
            "kind": str(self.kind),
            "weight": self.weight,
            "score": self.weight if self.kind is EdgeKind.ALIGNMENT else None,
            "level": self.level,
            "confidence": self.confidence,
            "inferred": self.inferred,
            "rule": self.rule,
            "evidence": self.evidence.get(lang) if self.evidence else None,
            "evidence_da": self.evidence.get("da") if self.evidence else None,
            "evidence_en": self.evidence.get("en") if self.evidence else None,
            "passage": self.passage,
            "document": self.document,
            "sources": [{"label": s.title.get(lang), "url": s.url} for s in self.sources],
            "source_url": web.url if web else None,
            "source_title": web.title.get(lang) if web else None,
        }

    def to_dict(self, lang: Language) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, **self.attributes(lang)}


@dataclass(frozen=True, kw_only=True)
class NetworkProjection:
    """The typed network: nodes and edges, independent of networkx."""

    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]

    def to_networkx(
        self,
        *,
        lang: Language,
        edge_kinds: Iterable[EdgeKind] | None = None,
        node_kinds: Iterable[NodeKind] | None = None,
    ) -> nx.DiGraph:
        """A new DiGraph (node ids are IRIs), optionally restricted to some kinds."""
        import networkx as nx

        wanted_edges = set(edge_kinds) if edge_kinds is not None else set(EdgeKind)
        wanted_nodes = set(node_kinds) if node_kinds is not None else set(NodeKind)
        graph = nx.DiGraph()
        for node in self.nodes:
            if node.kind in wanted_nodes:
                graph.add_node(node.iri, **node.attributes(lang))
        for edge in self.edges:
            if edge.kind in wanted_edges and edge.source in graph and edge.target in graph:
                graph.add_edge(edge.source, edge.target, **edge.attributes(lang))
        return graph

    def to_dict(self, lang: Language) -> dict[str, Any]:
        return {
            "nodes": [n.to_dict(lang) for n in self.nodes],
            "edges": [e.to_dict(lang) for e in self.edges],
        }


def project_network(
    queries: GraphQueries, model: AlignmentModel, settings: Settings
) -> NetworkProjection:
    """The typed projection of the graph (alignment edges carry the model's scores)."""
    data = model.data

    def rows(name: str) -> list[Record]:
        return queries.select(f"alignment/{name}")

    def labels(iri: str) -> Labels:
        return data.names.get(iri) or Labels(fallback=slug_of(iri))

    nodes: dict[str, NetworkNode] = {}
    edges: list[NetworkEdge] = []

    def add_node(iri: str, kind: NodeKind) -> None:
        nodes.setdefault(iri, NetworkNode(iri=iri, kind=kind, labels=labels(iri)))

    for cluster in data.clusters:
        add_node(cluster.iri, NodeKind.CLUSTER)
    for document in data.documents:
        add_node(document.iri, NodeKind.DOCUMENT)
    for document in data.documents:
        for parent in document.part_of:
            if parent in nodes:
                edges.append(NetworkEdge(source=document.iri, target=parent, kind=EdgeKind.PART_OF))
    for target in data.targets:
        kind = NodeKind.GOAL if target.kind is TargetKind.GOAL else NodeKind.STRENGTH_POSITION
        nodes.setdefault(
            target.iri,
            NetworkNode(
                iri=target.iri,
                kind=kind,
                labels=target.labels,
                notation=target.notation,
                document=target.document,
            ),
        )
        if target.document in nodes:
            edges.append(
                NetworkEdge(source=target.iri, target=target.document, kind=EdgeKind.DEFINED_IN)
            )
    for row in rows("list_municipalities"):
        add_node(str(row["municipality"]), NodeKind.MUNICIPALITY)

    clusters = {c.iri for c in data.clusters}
    for row in rows("list_sites"):
        organisation, site = str(row["organisation"]), str(row["site"])
        if organisation not in clusters:
            continue
        add_node(site, NodeKind.OFFICE)
        edges.append(NetworkEdge(source=organisation, target=site, kind=EdgeKind.HAS_OFFICE))
        municipality = str(row["municipality"]) if "municipality" in row else None
        if municipality in nodes:
            edges.append(NetworkEdge(source=site, target=municipality, kind=EdgeKind.LOCATED_IN))
    # In a decision context: the members on its date (the list that holds then), as the
    # member counts have them; without one, every membership recorded.
    if data.as_of:
        day = Term.literal(data.as_of, datatype=XSD.date)
        memberships = queries.select("alignment/list_company_memberships_on", as_of=day)
    else:
        memberships = rows("list_company_memberships")
    for row in memberships:
        company, organisation = str(row["company"]), str(row["organisation"])
        if organisation not in clusters:
            continue
        add_node(company, NodeKind.COMPANY)
        edges.append(NetworkEdge(source=company, target=organisation, kind=EdgeKind.MEMBER_OF))
        municipality = str(row["municipality"]) if "municipality" in row else None
        if municipality in nodes:
            edges.append(NetworkEdge(source=company, target=municipality, kind=EdgeKind.LOCATED_IN))

    for (cluster_iri, target_iri), score in sorted(model.scores.items()):
        records = counted_records(data, (cluster_iri, target_iri))
        chosen = next(
            (
                r
                for r in records
                if r.iri == score.alignment and (r.rule.rule if r.rule else None) == score.rule
            ),
            records[0],
        )
        edges.append(
            NetworkEdge(
                source=cluster_iri,
                target=target_iri,
                kind=EdgeKind.ALIGNMENT,
                weight=score.score,
                level=score.level,
                confidence=score.confidence,
                inferred=score.origin is Origin.RULE,
                rule=score.rule,
                evidence=_summary(chosen.evidence),
                passage=chosen.passage,
                document=score.document,
                sources=data.sources_of(chosen.sources),
            )
        )
    unique: dict[tuple[str, str], NetworkEdge] = {}
    for edge in edges:
        unique.setdefault((edge.source, edge.target), edge)
    return NetworkProjection(
        nodes=tuple(sorted(nodes.values(), key=lambda n: (list(NodeKind).index(n.kind), n.iri))),
        edges=tuple(unique.values()),
    )


def _summary(evidence: Labels, limit: int = 200) -> Labels:
    def cut(text: str | None) -> str | None:
        if text is None or len(text) <= limit:
            return text
        return text[: limit - 1].rstrip() + "…"

    return Labels(da=cut(evidence.da), en=cut(evidence.en), fallback=evidence.fallback)


# --------------------------------------------------------------------------------------
# Analytics
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class GoalService:
    """How many clusters serve a goal or strength position, and with what total weight."""

    target: TargetRef
    document: Ref
    clusters: int
    total_weight: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "goal": self.target.to_dict(),
            "document": self.document.to_dict(),
            "clusters": self.clusters,
            "total_weight": round_score(self.total_weight),
        }


@dataclass(frozen=True, kw_only=True)
class Bridge:
    """A cluster's reach across framework documents and its betweenness centrality."""

    cluster: Ref
    documents: tuple[Ref, ...]
    betweenness: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "documents": [d.id for d in self.documents],
            "document_count": len(self.documents),
            "betweenness": round_score(self.betweenness),
        }


@dataclass(frozen=True, kw_only=True)
class Similarity:
    """Jaccard similarity of two clusters by the goals they are aligned with."""

    first: Ref
    second: Ref
    jaccard: float
    shared: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "clusters": [self.first.id, self.second.id],
            "jaccard": round_score(self.jaccard),
            "shared_goals": list(self.shared),
        }


@dataclass(frozen=True, kw_only=True)
class Community:
    """A group of clusters and goals more linked to each other than to the rest."""

    index: int
    clusters: tuple[Ref, ...]
    targets: tuple[Ref, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "community": self.index,
            "clusters": [c.to_dict() for c in self.clusters],
            "goals": [t.id for t in self.targets],
        }


@dataclass(frozen=True, kw_only=True)
class NetworkStats:
    node_counts: Mapping[str, int]
    edge_counts: Mapping[str, int]
    goal_service: tuple[GoalService, ...]
    bridges: tuple[Bridge, ...]
    similarities: tuple[Similarity, ...]
    communities: tuple[Community, ...]
    betweenness_sampled: bool
    top: int

    @property
    def most_served(self) -> tuple[GoalService, ...]:
        return self.goal_service[: self.top]

    @property
    def least_served(self) -> tuple[GoalService, ...]:
        ordered = sorted(self.goal_service, key=lambda g: (g.clusters, g.total_weight, g.target.id))
        return tuple(ordered[: self.top])

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": dict(self.node_counts),
            "edges": dict(self.edge_counts),
            "most_served": [g.to_dict() for g in self.most_served],
            "least_served": [g.to_dict() for g in self.least_served],
            "bridges": [b.to_dict() for b in self.bridges],
            "betweenness_sampled": self.betweenness_sampled,
            "similarities": [s.to_dict() for s in self.similarities],
            "communities": [c.to_dict() for c in self.communities],
        }


def _ref(graph: nx.DiGraph, node: str) -> Ref:
    attributes = graph.nodes[node]
    return Ref(id=attributes["slug"], iri=node, label=attributes["label"])


def analyse_network(
    projection: NetworkProjection,
    model: AlignmentModel,
    *,
    lang: Language,
    seed: int = 0,
    top: int = 5,
) -> NetworkStats:
    """Goals most and least served, bridging clusters, similarity and communities."""
    import networkx as nx

    full = projection.to_networkx(lang=lang)
    core = projection.to_networkx(
        lang=lang,
        edge_kinds=(EdgeKind.ALIGNMENT, EdgeKind.DEFINED_IN),
        node_kinds=(NodeKind.CLUSTER, NodeKind.GOAL, NodeKind.STRENGTH_POSITION, NodeKind.DOCUMENT),
    )
    node_counts = {str(k): 0 for k in NodeKind}
    for _, kind in full.nodes(data="kind"):
        node_counts[kind] += 1
    edge_counts = {str(k): 0 for k in EdgeKind}
    for _, _, kind in full.edges(data="kind"):
        edge_counts[kind] += 1

    data = model.data
    service = []
    for target in data.targets:
        incoming = [
            (u, d)
            for u, _, d in core.in_edges(target.iri, data=True)
            if d["kind"] == EdgeKind.ALIGNMENT
        ]
        service.append(
            GoalService(
                target=target.ref(lang),
                document=data.ref(target.document, lang),
                clusters=len(incoming),
                total_weight=sum(d["weight"] for _, d in incoming),
            )
        )
    service.sort(key=lambda g: (-g.clusters, -g.total_weight, g.target.id))

    undirected = core.to_undirected(as_view=False)
    sampled = undirected.number_of_nodes() > BETWEENNESS_EXACT_LIMIT
    betweenness: dict[str, float] = nx.betweenness_centrality(
        undirected,
        k=BETWEENNESS_SAMPLE if sampled else None,
        normalized=True,
        seed=seed if sampled else None,
    )
    reach: dict[str, set[str]] = defaultdict(set)
    aligned: dict[str, set[str]] = defaultdict(set)
    for cluster_iri, target_iri in model.scores:
        reach[cluster_iri].add(data.target_by_iri[target_iri].document)
        aligned[cluster_iri].add(target_iri)
    bridges = sorted(
        (
            Bridge(
                cluster=c.ref(lang),
                documents=tuple(data.ref(d, lang) for d in sorted(reach.get(c.iri, ()))),
                betweenness=float(betweenness.get(c.iri, 0.0)),
            )
            for c in data.clusters
        ),
        key=lambda b: (-len(b.documents), -b.betweenness, b.cluster.id),
    )

    similarities = []
    for a, b in itertools.combinations(data.clusters, 2):
        sa, sb = aligned.get(a.iri, set()), aligned.get(b.iri, set())
        union = sa | sb
        if not union or not (sa & sb):
            continue
        similarities.append(
            Similarity(
                first=a.ref(lang),
                second=b.ref(lang),
                jaccard=len(sa & sb) / len(union),
                shared=tuple(sorted(slug_of(t) for t in sa & sb)),
            )
        )
    similarities.sort(key=lambda s: (-s.jaccard, s.first.id, s.second.id))

    return NetworkStats(
        node_counts=node_counts,
        edge_counts=edge_counts,
        goal_service=tuple(service),
        bridges=tuple(bridges),
        similarities=tuple(similarities),
        communities=_communities(core, seed=seed),
        betweenness_sampled=sampled,
        top=top,
    )


def _communities(core: nx.DiGraph, *, seed: int) -> tuple[Community, ...]:
    import networkx as nx

    alignment = nx.Graph()
    for u, v, d in core.edges(data=True):
        if d["kind"] == EdgeKind.ALIGNMENT and d["weight"] > 0:
            alignment.add_edge(u, v, weight=d["weight"])
    if alignment.number_of_edges() == 0:
        return ()
    found = nx.community.louvain_communities(alignment, weight="weight", seed=seed)
    groups = []
    for members in found:
        clusters = sorted(m for m in members if core.nodes[m]["kind"] == NodeKind.CLUSTER)
        targets = sorted(m for m in members if core.nodes[m]["kind"] != NodeKind.CLUSTER)
        groups.append((clusters, targets))
    groups.sort(key=lambda g: (-len(g[0]) - len(g[1]), g[0][:1], g[1][:1]))
    return tuple(
        Community(
            index=i + 1,
            clusters=tuple(_ref(core, c) for c in clusters),
            targets=tuple(_ref(core, t) for t in targets),
        )
        for i, (clusters, targets) in enumerate(groups)
    )


__all__ = [
    "Bridge",
    "Community",
    "EdgeKind",
    "GoalService",
    "NetworkEdge",
    "NetworkNode",
    "NetworkProjection",
    "NetworkStats",
    "NodeKind",
    "Similarity",
    "analyse_network",
    "project_network",
]
