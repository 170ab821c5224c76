"""The shapes graph handed to pySHACL remembers answers, and forgets them on any change."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace
from rdflib.paths import OneOrMore

from brn_graph.graph.validation import _copy

EX = Namespace("urn:ex:")


def _graph() -> Graph:
    graph = _copy(Graph(), "SimpleMemory")
    graph.add((EX.a, EX.p, EX.b))
    return graph


def test_answers_follow_additions_and_removals() -> None:
    graph = _graph()
    assert set(graph.objects(EX.a, EX.p)) == {EX.b}  # remembered now
    graph.add((EX.a, EX.p, EX.c))
    assert set(graph.objects(EX.a, EX.p)) == {EX.b, EX.c}
    graph.remove((EX.a, EX.p, EX.b))
    assert set(graph.objects(EX.a, EX.p)) == {EX.c}
    graph.addN([(EX.a, EX.p, Literal("x"), graph)])
    assert set(graph.objects(EX.a, EX.p)) == {EX.c, Literal("x")}


def test_a_remembered_answer_can_be_read_twice() -> None:
    graph = _graph()
    first = list(graph.triples((EX.a, None, None)))
    assert list(graph.triples((EX.a, None, None))) == first == [(EX.a, EX.p, EX.b)]


def test_paths_are_evaluated_not_remembered() -> None:
    graph = _graph()
    graph.add((EX.b, EX.p, EX.c))
    assert set(graph.objects(EX.a, EX.p * OneOrMore)) == {EX.b, EX.c}
    graph.add((EX.c, EX.p, EX.d))
    assert set(graph.objects(EX.a, EX.p * OneOrMore)) == {EX.b, EX.c, EX.d}


def test_prefixes_are_copied() -> None:
    source = Graph()
    source.bind("ex", EX)
    assert ("ex", EX) in {
        (p, Namespace(str(n))) for p, n in _copy(source, "SimpleMemory").namespaces()
    }
