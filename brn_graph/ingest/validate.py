"""SHACL validation of an import's new records together with the graph they join.

Only the context the new records need is validated with them: the ontology (class
hierarchy), every existing triple about the nodes they point to (their types, and what a
path such as ``brn:alignedWith/brn:definedIn`` walks through), and every existing triple
about the nodes they describe (a company already imported by another cluster's list). Results on
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
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
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


OxTriple = ox.Triple


def signature(triples: Iterable[OxTriple], subjects: set[ox.NamedNode]) -> Hashable:
    """What the shapes can see of one record, apart from literal text."""
    parts: list[tuple[str, ...]] = []
    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal):
            parts.append((t.predicate.value, "literal", o.datatype.value, o.language or ""))
        elif o in subjects:
            parts.append((t.predicate.value, "new"))
        else:
            parts.append((t.predicate.value, str(o)))
    return tuple(sorted(parts))


def representatives(
    by_subject: dict[ox.NamedNode, list[OxTriple]],
    subjects: set[ox.NamedNode],
    touched: set[ox.NamedNode],
) -> set[ox.NamedNode]:
    """One record per structure, every record touching existing data, and their new objects."""
    chosen: set[ox.NamedNode] = set(touched)
    seen: set[Hashable] = set()
    for subject, triples in by_subject.items():
        key = signature(triples, subjects)
        if key not in seen:
            seen.add(key)
            chosen.add(subject)
    for subject in list(chosen):
        for t in by_subject[subject]:
            if isinstance(t.object, ox.NamedNode) and t.object in subjects:
                chosen.add(t.object)
    return chosen


def validate_delta(
    new: Iterable[OxTriple],
    loaded: LoadedDataset,
    shapes: Graph,
    *,
    lang: Language,
) -> DeltaReport:
    by_subject: dict[ox.NamedNode, list[OxTriple]] = defaultdict(list)
    for triple in new:
        assert isinstance(triple.subject, ox.NamedNode)  # records are named, never blank
        by_subject[triple.subject].append(triple)
    subjects = set(by_subject)
    subject_iris = {s.value for s in subjects}
    existing = loaded.dataset
    known: list[tuple[Node, Node, Node]] = []
    touched: set[ox.NamedNode] = set()
    for iri in loaded.data_graph_iris:  # one pass over the existing data
        for s, p, o in existing.graph(iri):
            if isinstance(s, URIRef) and str(s) in subject_iris:
                known.append((s, p, o))
                touched.add(ox.NamedNode(str(s)))
    chosen = representatives(by_subject, subjects, touched)
    data = Graph()
    objects: set[Node] = set()
    for s, p, o in rdflib_triples(t for subject in chosen for t in by_subject[subject]):
        data.add((s, p, o))
        if isinstance(o, URIRef):
            objects.add(o)
    for old in known:
        data.add(old)
        if isinstance(old[2], URIRef):
            objects.add(old[2])
    _add_blank_closure(data, loaded, [o for _, _, o in known if isinstance(o, BNode)])
    chosen_nodes = {URIRef(c.value) for c in chosen}
    referenced = {o for o in objects if str(o) not in subject_iris}
    for iri in loaded.data_graph_iris:  # what paths through referenced nodes need
        for s, p, o in existing.graph(iri):
            if s in referenced:
                data.add((s, p, o))
    ontology = Graph()
    for iri in loaded.ontology_graph_iris:
        for term in existing.graph(iri):
            ontology.add(term)
    for obj in referenced:
        for t in ontology.objects(obj, RDF.type):
            data.add((obj, RDF.type, t))
    report = validate_graph(data, shapes=delta_shapes(shapes), ontology=ontology, lang=lang)
    kept: tuple[ValidationResult, ...] = tuple(
        r for r in report.results if URIRef(r.focus_node) in chosen_nodes
    )
    return DeltaReport(
        conforms=not any(r.severity == "Violation" for r in kept),
        results=kept,
        records=len(subjects),
        validated=len(chosen),
    )


def _add_blank_closure(data: Graph, loaded: LoadedDataset, blanks: list[BNode]) -> None:
    """The blank nodes existing records point to (a document's ``dct:temporal`` period and its
    instants), with everything below them, so shapes that look into them see them whole."""
    seen: set[BNode] = set()
    while blanks:
        node = blanks.pop()
        if node in seen:
            continue
        seen.add(node)
        for iri in loaded.data_graph_iris:
            for triple in loaded.dataset.graph(iri).triples((node, None, None)):
                data.add(triple)
                if isinstance(triple[2], BNode):
                    blanks.append(triple[2])


@dataclass(frozen=True, kw_only=True)
class DeltaReport(ValidationReport):
    """A validation report that also says how many records were validated through how many."""

    records: int
    validated: int
