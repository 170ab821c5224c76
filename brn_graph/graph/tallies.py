"""Membership tallies: the member counts that do not depend on a date, computed once per store.

The two member-count queries of the catalogue (``count_members_per_cluster`` and
``count_members_per_municipality``) count, besides the member lists, the memberships recorded
one by one: every membership in the member role that has not ended and does not come from a
member list. That count does not depend on the date asked about, but it visits every
membership: at 10 million synthetic triples (880,428 memberships) it took 2.1 s in memory and
7.5 s on an ``oxigraph:DIR`` folder, whatever the shape of the query (an index lookup per
membership is the floor; ``benchmarks/README.md``, "10M").

So each store computes it once, when it is filled from the files (a folder store: when it is
built), with :data:`TALLY_QUERY`, and keeps the result in the named graph :data:`TALLY_GRAPH`:
one ``brn:ClusterMembershipTally`` per cluster (distinct member companies) and one
``brn:AreaMembershipTally`` per municipality and cluster (distinct member companies there, how
many are SMEs, how many have a known size). The two queries read the tallies. The graph is
derived, never edited: a change of the files builds the store, and so the tallies, again. A
remote endpoint (``sparql:URL``) must hold it too: :func:`tally_turtle` writes it for a
loader, and :func:`~brn_graph.graph.store.open_remote` refuses an endpoint without it rather
than answer with member counts that silently leave the memberships out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

#: The named graph holding the tallies (not one of the input files: derived from all of them).
TALLY_GRAPH = "urn:brn-graph:graph:membership-tallies"

#: One solution per tally: per cluster (``?area`` unbound), and per municipality and cluster.
#: The WHERE clause is the count the two catalogue queries used to make themselves.
TALLY_QUERY = """\
PREFIX brn:    <https://w3id.org/brn-graph/ontology#>
PREFIX org:    <http://www.w3.org/ns/org#>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>

CONSTRUCT {
  _:tally a brn:MembershipTally , ?kind ;
          brn:tallyOf ?cluster ;
          brn:tallyArea ?area ;
          brn:companyCount ?companies ;
          brn:smeCount ?smes ;
          brn:sizedCount ?sized .
}
WHERE {
  {
    {
      # memberships recorded one by one (not from a member list) that have not ended, per
      # cluster (the role as a constant: Oxigraph walks the member-role memberships once and
      # looks each one's cluster and company up; the ended and the listed ones taken away by
      # MINUS, one hash of those)
      SELECT ?cluster (COUNT(DISTINCT ?company) AS ?companies)
      WHERE {
        ?membership org:role brn:RoleMember ;
                    org:organization ?cluster ;
                    org:member ?company .
        MINUS { ?membership schema:endDate ?ended }
        MINUS {
          ?from_list brn:memberListOf ?listed_cluster .
          ?membership prov:wasGeneratedBy ?from_list .
        }
      }
      GROUP BY ?cluster
    }
    BIND(brn:ClusterMembershipTally AS ?kind)
  }
  UNION
  {
    {
      # ... and per municipality of the member company (companies of a known size, and SMEs)
      SELECT ?area ?cluster (COUNT(DISTINCT ?company) AS ?companies)
             (COUNT(DISTINCT ?sme) AS ?smes) (COUNT(DISTINCT ?sized_company) AS ?sized)
      WHERE {
        ?company brn:municipality ?area .
        ?membership org:member ?company ;
                    org:organization ?cluster ;
                    org:role ?role .
        FILTER(?role = brn:RoleMember)
        MINUS { ?membership schema:endDate ?ended }
        MINUS {
          ?from_list brn:memberListOf ?listed_cluster .
          ?membership prov:wasGeneratedBy ?from_list .
        }
        OPTIONAL {
          ?company brn:enterpriseSize ?size .
          BIND(?company AS ?sized_company)
          BIND(IF(?size = brn:SME, ?company, ?none) AS ?sme)
        }
      }
      GROUP BY ?area ?cluster
    }
    BIND(brn:AreaMembershipTally AS ?kind)
  }
  FILTER(BOUND(?cluster))  # (rdflib yields an empty row for an empty group)
}
"""


#: What the tally graph says about itself: a ``prov:Bundle`` derived from the files' graphs.
#: (It also marks a store or endpoint that holds the tallies, when there are none to hold.)
_BUNDLE = ox.NamedNode(TALLY_GRAPH)
_PROV = "http://www.w3.org/ns/prov#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

#: Whether an endpoint holds the tallies (asked of its union default graph): a row or none.
#: (Not an ASK: Virtuoso 7.2.5 answers an ASK as a SELECT of ``__ASK_RETVAL``.)
HOLDS_TALLIES = (
    f"SELECT ?bundle WHERE {{ <{TALLY_GRAPH}> a ?bundle FILTER(?bundle = <{_PROV}Bundle>) }}"
)


def oxigraph_tallies(store: ox.Store) -> list[ox.Triple]:
    """The tallies of the files' graphs ``store`` holds, with the bundle's description."""
    result = store.query(TALLY_QUERY, use_default_graph_as_union=True)
    assert isinstance(result, ox.QueryTriples)
    sources = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    bundle = [ox.Triple(_BUNDLE, _RDF_TYPE, ox.NamedNode(_PROV + "Bundle"))] + [
        ox.Triple(_BUNDLE, ox.NamedNode(_PROV + "wasDerivedFrom"), ox.NamedNode(source))
        for source in sources
        if source != TALLY_GRAPH
    ]
    return bundle + list(result)


def add_oxigraph_tallies(store: ox.Store) -> int:
    """Compute the tallies of ``store`` and put them in :data:`TALLY_GRAPH` (replacing any);
    returns how many triples they are."""
    graph = ox.NamedNode(TALLY_GRAPH)
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    triples = oxigraph_tallies(store)
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return len(triples)


def add_rdflib_tallies(dataset: Dataset) -> int:
    """The same for an rdflib Dataset (the ``memory`` backend) whose default graph is the
    union of its named graphs."""
    identifier = URIRef(TALLY_GRAPH)
    dataset.remove_graph(identifier)
    sources = sorted(
        str(g.identifier) for g in dataset.graphs() if isinstance(g.identifier, URIRef)
    )
    result = list(_rdflib_triples(dataset.query(TALLY_QUERY)))
    graph = dataset.graph(identifier)
    graph.add((identifier, RDF.type, PROV.Bundle))
    for source in sources:
        if source not in {TALLY_GRAPH, str(DATASET_DEFAULT_GRAPH_ID)}:
            graph.add((identifier, PROV.wasDerivedFrom, URIRef(source)))
    for triple in result:
        graph.add(triple)
    return len(graph)


def _rdflib_triples(result: Iterable[object]) -> Iterator[tuple[Node, Node, Node]]:
    for row in result:
        assert isinstance(row, tuple)
        subject, predicate, obj = row
        yield subject, predicate, obj


def tally_turtle(store: ox.Store) -> bytes:
    """The tallies ``store`` holds (as :func:`add_oxigraph_tallies` put them) as Turtle, for
    loading into a remote endpoint's graph :data:`TALLY_GRAPH` next to the input files."""
    graph = ox.NamedNode(TALLY_GRAPH)
    data = ox.serialize(
        (
            ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)
        ),
        format=ox.RdfFormat.TURTLE,
        prefixes={"brn": "https://w3id.org/brn-graph/ontology#", "prov": _PROV},
    )
    assert data is not None  # (no output file given: the bytes)
    return data
