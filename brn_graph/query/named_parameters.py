"""Resource parameters of named queries take the same names as every other door.

``cluster=ECD``, ``cluster=energy-cluster-denmark``, ``cluster=Energy Cluster Denmark`` and
``cluster=cluster:energy-cluster-denmark`` all become the cluster's IRI; an IRI-typed value
that names nothing in the graph is a :class:`~brn_graph.errors.NotFoundError` with
suggestions (never a query answering zero rows). The candidates are the resources in the
namespace of the parameter's declared default, read with one SELECT on the same engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from brn_graph.graph.resolve import namespace_of, resolve_in_namespace
from brn_graph.graph.terms import QueryResult, Term
from brn_graph.query.catalog import CatalogQuery, ParameterType
from brn_graph.query.engine import QueryEngine


def resolve_resource_parameters(
    query: CatalogQuery, values: Mapping[str, str], engine: QueryEngine
) -> dict[str, str]:
    """``values`` with every IRI-typed value replaced by ``<IRI>`` of the resource it names."""

    def select(text: str, bindings: Mapping[str, Term]) -> Iterable[Mapping[str, str | None]]:
        # project-written text; the values are bound by the engine, never formatted into it
        return _text_rows(engine.run(text, bindings=bindings, catalogue=True))

    out = dict(values)
    for p in query.parameters:
        if p.type is not ParameterType.iri or p.name not in values:
            continue
        text = values[p.name].strip()
        if ":" in text and " " not in text:
            p.parse(text)  # an IRI or prefixed name must be well formed (unknown prefix ...)
        namespace = namespace_of(p.default.value)
        iri = resolve_in_namespace(p.name, text, namespace, select)
        out[p.name] = f"<{iri}>"
    return out


def _text_rows(result: QueryResult) -> list[dict[str, str | None]]:
    return [
        {
            v: (t.value if t is not None else None)
            for v, t in zip(result.variables, row, strict=True)
        }
        for row in result.rows
    ]
