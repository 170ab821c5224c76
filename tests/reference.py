"""What the tests share about the project: where it is, the process plan's clusters, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

#: The national clusters on the gross list of BRN's 2024 process plan, by slug.
PROCESS_PLAN_CLUSTERS = (
    "energy-cluster-denmark",
    "digitallead",
    "made",
    "danish-life-science-cluster",
    "odense-robotics",
    "we-build-denmark",
    "censec",
    "food-bio-cluster-denmark",
    "maritime-logistics-cluster",
)


def run_cli(
    *args: str, stdin: str | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real ``brn-graph`` command (``python -m brn_graph``) from the project folder;
    ``env`` adds to (or overrides) this process's environment."""
    return subprocess.run(
        [sys.executable, "-m", "brn_graph", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, **env} if env is not None else None,
        timeout=300,
        check=False,
        input=stdin,
    )


def _mixed_order_query(count: int = 300) -> str:
    import random

    rng = random.Random(1)
    values = []
    for _ in range(count):
        value = rng.randint(0, 10**6)
        values.append(str(value) if rng.random() < 0.5 else f'"{value}"')
    return "SELECT ?x { VALUES ?x { " + " ".join(values) + " } } ORDER BY ?x"


#: A query on which Oxigraph's sort panics on every run, whatever the data: ORDER BY over
#: 300 plain strings of digits mixed with integers, given in the query itself. (``SELECT *
#: { ?s ?p ?o } ORDER BY ?o`` panicked on the bundled data only by chance of its content:
#: four more ontology triples once made it sort without a panic.)
MIXED_ORDER = _mixed_order_query()
