"""How the analytics ask the graph: library queries by name, through one engine API.

The analytics (:mod:`brn_graph.alignment.data`, :mod:`brn_graph.alignment.engagement`,
:mod:`brn_graph.network.analytics`) never hold SPARQL in Python strings and never read a
file: each question is one ``.rq`` file under ``queries/alignment/`` or ``queries/rules/``,
parsed once with the whole library (:func:`~brn_graph.query.catalog.load_catalog`). They
receive a :class:`GraphQueries`, which binds values as RDF terms and runs the query on a
:class:`~brn_graph.query.engine.QueryRunner` (usually the in-process
:class:`~brn_graph.query.engine.LocalEngine`): rows come back as the catalogue's rows, a
mapping from variable to :class:`~brn_graph.graph.terms.Term` (unbound variables left out),
the same whichever backend answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from brn_graph.errors import StoreError
from brn_graph.graph.terms import Record, Term
from brn_graph.query.catalog import CatalogQuery, QueryCatalog
from brn_graph.query.engine import LocalEngine, QueryRunner

if TYPE_CHECKING:
    from brn_graph.graph.store import OpenStore


@dataclass(frozen=True)
class GraphQueries:
    """The parsed query library and the runner the analytics use."""

    catalog: QueryCatalog
    runner: QueryRunner

    @classmethod
    def local(cls, store: OpenStore, catalog: QueryCatalog) -> GraphQueries:
        """Run the library's queries in this process on ``store``."""
        return cls(catalog, LocalEngine(store))

    def query(self, name: str) -> CatalogQuery:
        """A query of the library by name (``alignment/list_sites``)."""
        return self.catalog.query(name)

    def folder(self, folder: str) -> tuple[CatalogQuery, ...]:
        """The queries of one folder (``rules``)."""
        return self.catalog.in_folder(folder)

    def select(self, name: str, **values: Term) -> list[Record]:
        """The rows of the SELECT query ``name`` with ``values`` bound (defaults fill the rest).

        A truncated result is an error: the analytics never work on part of the graph.
        """
        bound = self.catalog.query(name).bind_terms(values)
        result = self.runner.run(bound.checked, bindings=bound.bindings)
        if result.truncated:
            raise StoreError(
                f"{name}: the engine returned only the first {result.cap} rows; the analytics "
                "need them all (run them in this process, LocalEngine)"
            )
        return result.records()


__all__ = ["GraphQueries"]
