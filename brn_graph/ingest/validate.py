"""SHACL validation of an import's new records together with the graph they join.

Only the context the new records need is validated with them: the ontology (class
hierarchy), the type of every existing node they point to, and every existing triple about
the nodes they describe (a company already imported by another cluster's list). Results on
context nodes are left out. The CVR check-digit shape (S08, a SPARQL constraint costing
~0.2 s per company) is left out for the delta because every CVR number was checked with
python-stdnum at ingest, which applies the same modulus-11 rule.

Records of equal structure are validated once. A record's structure is what the shapes can
see of it apart from literal text: its predicates, each IRI object (an IRI of another new
record counts as "a new record"), and each literal's datatype and language. The lexical
values that shapes check (CVR digits, dates, integers) were checked at ingest by the same
rules. Every record that touches existing data (a company another import already holds) is
validated itself, with that data. So a list of 100,000 companies costs a few hundred focus
nodes instead of 200,000, and any record a shape could judge differently is its own
representative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from brn_graph.config import Language
from brn_graph.graph.loader import LoadedDataset, rdflib_triples
from brn_graph.graph.validation import ValidationReport, ValidationResult, validate_graph
from brn_graph.namespaces import RDF, SHAPES

#: Shapes already enforced at ingest by equivalent code, left out of the delta validation.
ENFORCED_AT_INGEST = (SHAPES["S08-CvrCheckDigit"],)


def delta_shapes(shapes: Graph) -> Graph:
    out = Graph()
    for s, p, o in shapes:
        if s in ENFORCED_AT_INGEST:
            continue
        out.add((s, p, o))
    return out


def signature(triples: Iterable[tuple[Node, Node, Node]], subjects: set[Node]) -> Hashable:
    """What the shapes can see of one record, apart from literal text."""
    parts: list[tuple[str, ...]] = []
    for _s, p, o in triples:
        if isinstance(o, Literal):
            parts.append((str(p), "literal", str(o.datatype or ""), o.language or ""))
        elif o in subjects:
            parts.append((str(p), "new"))
        else:
            parts.append((str(p), str(o)))
    return tuple(sorted(parts))


def representatives(
    by_subject: dict[Node, list[tuple[Node, Node, Node]]], subjects: set[Node], touched: set[Node]
) -> set[Node]:
    """One record per structure, every record touching existing data, and their new objects."""
    chosen: set[Node] = set(touched)
    seen: set[Hashable] = set()
    for subject, triples in by_subject.items():
        key = signature(triples, subjects)
        if key not in seen:
            seen.add(key)
            chosen.add(subject)
    for subject in list(chosen):
        for _s, _p, o in by_subject[subject]:
            if o in subjects:
                chosen.add(o)
    return chosen


def validate_delta(
    new: Iterable[ox.Triple],
    loaded: LoadedDataset,
    shapes: Graph,
    *,
    lang: Language,
) -> ValidationReport:
    by_subject: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
    for triple in rdflib_triples(new):
        by_subject[triple[0]].append(triple)
    subjects: set[Node] = set(by_subject)
    existing = loaded.dataset
    known: list[tuple[Node, Node, Node]] = []
    touched: set[Node] = set()
    for iri in loaded.data_graph_iris:  # one pass over the existing data
        for s, p, o in existing.graph(iri):
            if s in subjects:
                known.append((s, p, o))
                touched.add(s)
    chosen = representatives(by_subject, subjects, touched)
    data = Graph()
    objects: set[Node] = set()
    for subject in chosen:
        for s, p, o in by_subject[subject]:
            data.add((s, p, o))
            if isinstance(o, URIRef):
                objects.add(o)
    for triple in known:
        if triple[0] in chosen:
            data.add(triple)
    referenced = objects - subjects
    for iri in loaded.data_graph_iris:
        for s, p, o in existing.graph(iri):
            if p == RDF.type and s in referenced:
                data.add((s, p, o))
    ontology = Graph()
    for iri in loaded.ontology_graph_iris:
        for triple in existing.graph(iri):
            ontology.add(triple)
    for obj in objects - subjects:
        for t in ontology.objects(obj, RDF.type):
            data.add((obj, RDF.type, t))
    report = validate_graph(data, shapes=delta_shapes(shapes), ontology=ontology, lang=lang)
    kept: tuple[ValidationResult, ...] = tuple(
        r for r in report.results if URIRef(r.focus_node) in subjects
    )
    return ValidationReport(conforms=not any(r.severity == "Violation" for r in kept), results=kept)
