"""query.lists: the parts of aggregated lists come back in one order on every engine."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from brn_graph.graph.terms import QueryResult, Term
from brn_graph.query.check import check_query
from brn_graph.query.engine import LocalEngine
from brn_graph.query.lists import ListedQuery, aggregated_lists, order_lists

EX = "http://example.org/"
CONCAT = """\
PREFIX ex: <http://example.org/>
SELECT ?s (GROUP_CONCAT(DISTINCT STR(?name); separator="; ") AS ?names)
       (COUNT(?name) AS ?n)
WHERE { ?s ex:name ?name }
GROUP BY ?s
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CONCAT, (("names", "; "),)),
        ("SELECT (GROUP_CONCAT(?o) AS ?all) WHERE { ?s ?p ?o }", (("all", " "),)),
        ("SELECT (group_concat(?o ; SEPARATOR = '|') as $x) WHERE { ?s ?p ?o }", (("x", "|"),)),
        # a list inside an expression is no list column; nor are comments and strings
        ("SELECT (CONCAT('a', GROUP_CONCAT(?o)) AS ?x) WHERE { ?s ?p ?o }", ()),
        ('SELECT ?s WHERE { ?s ?p "GROUP_CONCAT(?o) AS ?x)" } # (GROUP_CONCAT(?o) AS ?y)', ()),
        (
            'SELECT (GROUP_CONCAT(COALESCE(STR(?o), ");"); separator=", ") AS ?x) '
            "WHERE { ?s ?p ?o }",
            (("x", ", "),),
        ),
    ],
)
def test_list_columns_are_found_in_the_text(text: str, expected: tuple[tuple[str, str]]) -> None:
    check_query(text)
    assert aggregated_lists(text) == expected


def test_parts_are_sorted_in_danish_order_and_other_columns_kept() -> None:
    result = QueryResult(
        form="SELECT",
        variables=("names", "other"),
        rows=(
            (Term.literal("Ærø; Aalborg; Brønderslev"), Term.literal("b; a")),
            (None, Term.literal("x")),
        ),
        cap=10,
    )
    ordered = order_lists(result, (("names", "; "),))
    assert ordered.rows == (
        (Term.literal("Brønderslev; Ærø; Aalborg"), Term.literal("b; a")),
        (None, Term.literal("x")),
    )


@pytest.mark.parametrize(
    "order", [("Ærø", "Aalborg", "Brønderslev"), ("Brønderslev", "Aalborg", "Ærø")]
)
def test_a_library_query_gives_one_text_whatever_the_engine_order(order: tuple[str, ...]) -> None:
    dataset = Dataset(default_union=True)
    graph = dataset.graph(URIRef("urn:x-test:g"))
    for name in order:
        graph.add(
            (URIRef("http://example.org/s"), URIRef("http://example.org/name"), Literal(name))
        )
    engine = LocalEngine.over_dataset(dataset)
    checked = check_query(CONCAT)
    listed = ListedQuery.of(checked, aggregated_lists(CONCAT))
    result = engine.run(listed)
    assert result.column("names") == [Term.literal("Brønderslev; Ærø; Aalborg")]
    assert result.column("n") == [
        Term.literal("3", datatype="http://www.w3.org/2001/XMLSchema#integer")
    ]
    # an ad-hoc query is returned as the engine gave it
    assert engine.run(checked).column("names")[0] is not None
