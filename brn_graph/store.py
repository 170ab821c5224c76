"""Open the Dataset on the chosen backend.

Backends (``Settings.store``):

- ``oxigraph`` (default): rdflib API over an in-memory Oxigraph store (oxrdflib);
- ``memory``: rdflib's own in-memory store, the reference engine.

Every backend exposes an rdflib :class:`~rdflib.Dataset` whose default graph is the union of
the named graphs, so queries see all files at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset

from brn_graph.config import Settings
from brn_graph.errors import ConfigError
from brn_graph.loader import LoadedDataset, load_dataset


@dataclass(frozen=True)
class OpenStore:
    """An opened backend: the Dataset to query and, for local backends, what was loaded."""

    kind: str
    dataset: Dataset
    loaded: LoadedDataset | None


def open_store(settings: Settings, loaded: LoadedDataset | None = None) -> OpenStore:
    """Open ``settings.store``, loading the configured files (or reusing ``loaded``)."""
    loaded = loaded or load_dataset(settings)
    if settings.store == "memory":
        dataset = Dataset(default_union=True)
    elif settings.store == "oxigraph":
        dataset = Dataset(store="Oxigraph", default_union=True)
    else:
        raise ConfigError(
            f"unknown store {settings.store!r}: use oxigraph, oxigraph:DIR, memory or sparql:URL"
        )
    for iri in (*loaded.ontology_graph_iris, *loaded.data_graph_iris):
        target = dataset.graph(iri)
        target += loaded.dataset.graph(iri)
    return OpenStore(kind=settings.store, dataset=dataset, loaded=loaded)
