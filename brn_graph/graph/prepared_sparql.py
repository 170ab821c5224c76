"""SPARQL-based SHACL constraints prepared once, not parsed again for every focus node.

pySHACL (0.40) evaluates an ``sh:sparql`` constraint by calling ``Graph.query(text, ...)``
once per focus node. rdflib then parses and translates the same text every time
(``parseQuery`` was 76 % of the samples when validating 10k triples). Here the text is
translated once per distinct (text, namespaces) pair and the prepared query is evaluated
with the same initial bindings. The namespaces are the ones ``Graph.query`` would use
(``initNs=dict(graph.namespaces())``), so prefixes resolve exactly as before.

pySHACL's text report (one line per result, built with qualified names for every result,
also the nested ones it drops) is not built: :func:`~brn_graph.graph.validation.validate_graph`
reads only the results graph. The shapes graph is handed to pySHACL on rdflib's
``SimpleMemory`` store (no named-graph bookkeeping on every lookup).

The same module also gives pySHACL's list of constraint parameters a set-based membership
test: ``Shape.validate`` filters every predicate of a shape through ``p in <list of 40 IRIs>``
for every (nested) evaluation, which was a third of the time on the bundled data once the
queries were prepared. Membership answers are the same; only the lookup is hashed.

Use :func:`install` once; :func:`plain_pyshacl` switches back to pySHACL's own code path
(for the reference comparison in tests and benchmarks).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pyshacl.constraints.constraint_component import ConstraintComponent
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from rdflib import Graph
from rdflib.plugins.sparql.processor import prepareQuery
from rdflib.plugins.sparql.sparql import Query

_MAX_PREPARED = 512

_enabled: ContextVar[bool] = ContextVar("brn_prepared_sparql", default=True)
_prepared: dict[tuple[str, tuple[tuple[str, str], ...]], Query] = {}
_lock = threading.Lock()
_original: Any = None
_original_description: Any = None


def prepared(text: str, namespaces: Mapping[str, Any]) -> Query:
    """The translated query for ``text`` with ``namespaces`` (cached, bounded)."""
    key = (text, tuple(sorted((str(p), str(n)) for p, n in namespaces.items())))
    with _lock:
        found = _prepared.get(key)
    if found is not None:
        return found
    query = prepareQuery(text, initNs=dict(namespaces))
    with _lock:
        if len(_prepared) >= _MAX_PREPARED:
            _prepared.clear()
        _prepared[key] = query
    return query


def _run_prepared(text: str, init_binds: Mapping[str, Any], target_graph: Graph) -> Any:
    """What ``target_graph.query(text, initBindings=init_binds)`` returns, parsed once."""
    query = prepared(text, dict(target_graph.namespaces()))
    return target_graph.query(query, initBindings=dict(init_binds))


def _validate_sparql_query(
    self: SPARQLBasedConstraint, query: Any, init_binds: Any, target_graph: Any
) -> Any:
    if not _enabled.get() or not isinstance(query, str) or not isinstance(target_graph, Graph):
        return _original(self, query, init_binds, target_graph)

    class _Prepared:
        """Hands pySHACL's unchanged result handling a graph whose query is prepared."""

        def query(self, text: str, initBindings: Mapping[str, Any]) -> Any:  # noqa: N803
            return _run_prepared(text, initBindings, target_graph)

    return _original(self, query, init_binds, _Prepared())


def _no_description(self: ConstraintComponent, *args: Any, **kwargs: Any) -> str:
    """pySHACL's text line for one result, which this project never reads: it reads the
    results graph, and ``validate`` discards the text report. pySHACL builds the line
    (qualified names of every node) for every result, including the many nested results that
    ``sh:or``/``sh:node`` evaluations make and then drop. Only the text report changes."""
    if not _enabled.get():
        return str(_original_description(self, *args, **kwargs))
    return ""


class _ParameterList(list[Any]):
    """pySHACL's parameter list with a hashed ``in`` (the list itself is unchanged)."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__(items)
        self._members = set(self)

    def __contains__(self, item: object) -> bool:
        if not _enabled.get():
            return super().__contains__(item)
        try:
            return item in self._members
        except TypeError:  # unhashable: fall back to the list's own test
            return super().__contains__(item)

    def copy(self) -> _ParameterList:
        return _ParameterList(self)

    def append(self, item: Any) -> None:
        super().append(item)
        self._members.add(item)


def install() -> None:
    """Route pySHACL's SPARQL constraints through prepared queries (idempotent)."""
    global _original
    with _lock:
        if _original is not None:
            return
        from pyshacl import shape as shape_module
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

        shape_module.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
            _ParameterList(ALL_CONSTRAINT_PARAMETERS),
            CONSTRAINT_PARAMETERS_MAP,
        )
        _original = SPARQLBasedConstraint._validate_sparql_query
        SPARQLBasedConstraint._validate_sparql_query = _validate_sparql_query  # type: ignore[method-assign]
        global _original_description
        _original_description = ConstraintComponent.make_v_result_description
        ConstraintComponent.make_v_result_description = _no_description  # type: ignore[method-assign]


def enabled() -> bool:
    """False inside :func:`plain_pyshacl`."""
    return _enabled.get()


@contextmanager
def plain_pyshacl() -> Iterator[None]:
    """Within this block (this thread or task), pySHACL parses every query itself."""
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)
