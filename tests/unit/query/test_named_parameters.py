"""Resolving a named query's resource parameter binds the namespace: no text goes into SPARQL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pytest

from brn_graph.config import Settings
from brn_graph.errors import NotFoundError
from brn_graph.graph.resolve import NAMESPACE_CANDIDATES, resolve_in_namespace
from brn_graph.graph.store import open_store
from brn_graph.graph.terms import Term
from brn_graph.query.engine import LocalEngine

NS = "http://example.org/thing/"
DATA = f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/> .
<{NS}alpha> a ex:Thing ; skos:prefLabel "Alpha Cluster" ; skos:altLabel "AC" .
<{NS}beta> a ex:Thing ; skos:prefLabel "Beta" .
<http://example.org/other/gamma> a ex:Thing ; skos:prefLabel "Gamma" .
"""
#: A namespace that would end the string literal and open a new group if it were pasted in.
HOSTILE = 'http://example.org/thing/" )) } SELECT * { ?s ?p ?o } # \\ "'


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> LocalEngine:
    folder = tmp_path_factory.mktemp("names") / "data"
    folder.mkdir()
    (folder / "things.ttl").write_text(DATA, encoding="utf-8")
    return LocalEngine(open_store(Settings(data_paths=(folder,), store=request.param)))


Rows = Iterable[Mapping[str, str | None]]


def _select(
    engine: LocalEngine, seen: list[tuple[str, dict[str, Term]]]
) -> Callable[[str, Mapping[str, Term]], Rows]:
    def select(text: str, bindings: Mapping[str, Term]) -> Rows:
        seen.append((text, dict(bindings)))
        result = engine.run(text, bindings=bindings)
        return [
            {v: (t.value if t else None) for v, t in zip(result.variables, row, strict=True)}
            for row in result.rows
        ]

    return select


@pytest.mark.parametrize(
    ("text", "iri"), [("AC", NS + "alpha"), ("Alpha Cluster", NS + "alpha"), ("beta", NS + "beta")]
)
def test_a_name_resolves_within_the_bound_namespace(
    engine: LocalEngine, text: str, iri: str
) -> None:
    seen: list[tuple[str, dict[str, Term]]] = []
    assert resolve_in_namespace("thing", text, NS, _select(engine, seen)) == iri
    assert seen == [(NAMESPACE_CANDIDATES, {"namespace": Term.literal(NS)})]


def test_a_resource_outside_the_namespace_is_not_a_candidate(engine: LocalEngine) -> None:
    with pytest.raises(NotFoundError):
        resolve_in_namespace("thing", "Gamma", NS, _select(engine, []))


def test_a_namespace_with_a_quote_and_a_backslash_is_a_value_never_query_text(
    engine: LocalEngine,
) -> None:
    seen: list[tuple[str, dict[str, Term]]] = []
    with pytest.raises(NotFoundError):  # no IRI starts with it: nothing found, no syntax error
        resolve_in_namespace("thing", "Alpha Cluster", HOSTILE, _select(engine, seen))
    assert seen == [(NAMESPACE_CANDIDATES, {"namespace": Term.literal(HOSTILE)})]
    assert "example.org" not in NAMESPACE_CANDIDATES
