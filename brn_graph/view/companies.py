"""Member companies grouped per municipality: how the full view draws them by default.

An imported member list brings thousands of companies; drawn one by one they bury the clusters.
:func:`group_companies` replaces them, in a projection, by one node per municipality ("37
virksomheder i Aalborg Kommune"), linked to every cluster its companies are members of (and
to the municipality). Companies whose municipality is not a node of the graph (outside North
Jutland, or unknown) form one group of their own, which says so. The view draws the companies
one by one only when the caller asks (``ViewOptions(companies="expanded")``, ``?companies=
expanded``, ``--companies expanded``).
"""

from __future__ import annotations

from collections import defaultdict

from brn_graph.config import LANGUAGES
from brn_graph.i18n.catalogue import text as word
from brn_graph.i18n.formats import format_count
from brn_graph.view.projection import (
    EdgeKind,
    NodeKind,
    ProjectedEdge,
    ProjectedNode,
    Projection,
    node_label,
)

#: Node ids of the groups: this prefix and the municipality's id (or ``unplaced``).
GROUP_PREFIX = "urn:brn-graph:company-group:"
UNPLACED = "unplaced"


def group_id(municipality: str | None) -> str:
    """The id of the group of a municipality's companies (``None``: not placed).

    >>> group_id(None)
    'urn:brn-graph:company-group:unplaced'
    """
    return GROUP_PREFIX + (municipality or UNPLACED)


def group_companies(projection: Projection) -> Projection:
    """The projection with its companies replaced by one group node per municipality."""
    nodes = projection.nodes
    companies = {i for i, n in nodes.items() if n.kind is NodeKind.company}
    if not companies:
        return projection
    place: dict[str, str | None] = dict.fromkeys(sorted(companies))
    for e in projection.edges:
        if (
            e.kind is EdgeKind.location
            and e.source in companies
            and nodes.get(e.target) is not None
            and nodes[e.target].kind is NodeKind.municipality
        ):
            place[e.source] = e.target
    members: dict[str | None, list[str]] = defaultdict(list)
    for company, municipality in place.items():
        members[municipality].append(company)
    clusters: dict[str | None, set[str]] = defaultdict(set)
    for e in projection.edges:
        if e.kind is EdgeKind.membership and e.source in companies:
            clusters[place[e.source]].add(e.target)

    new_nodes = {i: n for i, n in nodes.items() if i not in companies}
    new_edges = [e for e in projection.edges if e.source not in companies]
    new_edges = [e for e in new_edges if e.target not in companies]
    for municipality in sorted(members, key=lambda m: (m is None, m or "")):
        count = len(members[municipality])
        node_id = group_id(municipality)
        labels: dict[str, str] = {
            lang: (
                word(
                    f"network_context.company_group.{'one' if count == 1 else 'many'}",
                    lang,
                    count=format_count(count, lang),
                    municipality=node_label(nodes[municipality], lang),
                )
                if municipality is not None
                else word(
                    f"network_context.company_group_unplaced.{'one' if count == 1 else 'many'}",
                    lang,
                    count=format_count(count, lang),
                )
            )
            for lang in LANGUAGES
        }
        new_nodes[node_id] = ProjectedNode(id=node_id, kind=NodeKind.company_group, labels=labels)
        for cluster in sorted(clusters[municipality]):
            if cluster in new_nodes:
                new_edges.append(
                    ProjectedEdge(source=node_id, target=cluster, kind=EdgeKind.membership)
                )
        if municipality is not None:
            new_edges.append(
                ProjectedEdge(source=node_id, target=municipality, kind=EdgeKind.location)
            )
    return Projection(nodes=new_nodes, edges=tuple(new_edges))
