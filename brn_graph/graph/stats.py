"""Counts that describe a loaded graph: triples per named graph, instances per class, provenance.

A data resource *carries provenance* when it has its own ``prov:wasDerivedFrom``, or when a
node that has one states it (mentions it as an object): a target is stated by its goal, an
office by its cluster. Sources themselves are the provenance and are not counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from brn_graph.graph.loader import LoadedDataset, project_relative
from brn_graph.namespaces import BRN, PROV, RDF, shorten


@dataclass(frozen=True, kw_only=True)
class GraphStats:
    """Size and provenance figures of a loaded Dataset."""

    triples_per_graph: dict[str, int]
    files_per_graph: dict[str, str]
    instances_per_class: dict[str, int]
    resources: int
    resources_with_own_provenance: int
    resources_with_provenance: int

    @property
    def total_triples(self) -> int:
        return sum(self.triples_per_graph.values())

    @property
    def provenance_share(self) -> float:
        return self.resources_with_provenance / self.resources if self.resources else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "total_triples": self.total_triples,
            "graphs": [
                {"graph": g, "file": self.files_per_graph[g], "triples": n}
                for g, n in self.triples_per_graph.items()
            ],
            "instances_per_class": self.instances_per_class,
            "provenance": {
                "resources": self.resources,
                "with_own_provenance": self.resources_with_own_provenance,
                "with_provenance": self.resources_with_provenance,
                "share": round(self.provenance_share, 4),
            },
        }


def compute_stats(loaded: LoadedDataset) -> GraphStats:
    """Count triples per named graph, instances per class and provenance coverage of the data."""
    triples_per_graph: dict[str, int] = {}
    files_per_graph: dict[str, str] = {}
    classes: Counter[str] = Counter()
    subjects: set[URIRef] = set()
    sources: set[URIRef] = set()
    with_own: set[URIRef] = set()
    stated: set[URIRef] = set()
    for f in loaded.files:
        graph = loaded.dataset.graph(f.graph_iri)
        triples_per_graph[str(f.graph_iri)] = len(graph)
        files_per_graph[str(f.graph_iri)] = project_relative(f.path)
        if f.role != "data":
            continue
        for s, _p, o in graph.triples((None, RDF.type, None)):
            if isinstance(s, URIRef):
                classes[shorten(str(o))] += 1
        for s in graph.subjects():
            if isinstance(s, URIRef):
                subjects.add(s)
        sources.update(s for s in graph.subjects(RDF.type, BRN.Source) if isinstance(s, URIRef))
        with_own.update(
            s for s in graph.subjects(PROV.wasDerivedFrom, None) if isinstance(s, URIRef)
        )
    for f in loaded.files:
        if f.role != "data":
            continue
        graph = loaded.dataset.graph(f.graph_iri)
        for s, _p, o in graph:
            if s in with_own and isinstance(o, URIRef):
                stated.add(o)
    resources = subjects - sources
    covered = {r for r in resources if r in with_own or r in stated}
    return GraphStats(
        triples_per_graph=triples_per_graph,
        files_per_graph=files_per_graph,
        instances_per_class=dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
        resources=len(resources),
        resources_with_own_provenance=len(resources & with_own),
        resources_with_provenance=len(covered),
    )
