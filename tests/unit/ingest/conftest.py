"""Shared pieces for the ingest tests: the bundled graph's municipalities and a CSV writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from brn_graph.config import Settings
from brn_graph.graph.loader import load_dataset, load_shapes, union_graph
from brn_graph.ingest.municipalities import Municipalities


@pytest.fixture(scope="session")
def bundled_graph() -> Graph:
    return union_graph(load_dataset(Settings(imports_dir=Path("/nonexistent"))))


@pytest.fixture(scope="session")
def municipalities(bundled_graph: Graph) -> Municipalities:
    return Municipalities(bundled_graph, load_shapes(Settings()))


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
