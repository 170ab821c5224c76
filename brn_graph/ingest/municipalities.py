"""Municipality names and codes resolved against the official code list.

The 98 codes are Statistics Denmark's list as the shapes state it (``S09-Municipality-code``);
names, IRIs and regions come from the municipalities in the graph (North Jutland's eleven).
A code outside the graph is valid but has no node: the company keeps the code only.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.collection import Collection

from brn_graph.ingest.mapping import fold
from brn_graph.namespaces import BRN, SH, SHAPES, SKOS

_SUFFIXES = ("kommune", "municipality")


@dataclass(frozen=True)
class Municipality:
    code: str
    iri: str | None
    region: str | None


class Municipalities:
    """Resolve ``"Aalborg"``, ``"aalborg kommune"``, ``"0851"`` or ``851`` to a municipality."""

    def __init__(self, graph: Graph, shapes: Graph) -> None:
        self.codes: frozenset[str] = frozenset(_official_codes(shapes))
        self.by_code: dict[str, Municipality] = {}
        self.by_name: dict[str, str] = {}
        for node in graph.subjects(BRN.municipalityCode, None):
            code = str(graph.value(node, BRN.municipalityCode))
            region = graph.value(node, BRN.inRegion)
            self.by_code[code] = Municipality(code, str(node), str(region) if region else None)
            for label in graph.objects(node, SKOS.prefLabel):
                name = fold(str(label))
                self.by_name[name] = code
                for suffix in _SUFFIXES:
                    if name.endswith(suffix) and len(name) > len(suffix):
                        self.by_name[name[: -len(suffix)]] = code

    def resolve(self, text: str) -> Municipality | None:
        value = text.strip()
        if value.isdigit() and len(value) <= 4:
            code = value.zfill(4)
            if code not in self.codes:
                return None
            return self.by_code.get(code, Municipality(code, None, None))
        code_for_name = self.by_name.get(fold(value))
        if code_for_name is None:
            return None
        return self.by_code[code_for_name]

    def in_region(self, region: str) -> list[Municipality]:
        return sorted(
            (m for m in self.by_code.values() if m.region == region), key=lambda m: m.code
        )


def _official_codes(shapes: Graph) -> list[str]:
    shape = SHAPES["S09-Municipality-code"]
    for node in shapes.objects(shape, SH["in"]):
        return [str(x) for x in Collection(shapes, node)]
    return []
