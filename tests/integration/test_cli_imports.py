"""Start-up of the command: what a new ``brn-graph`` process imports before it works.

Each check runs a new interpreter with ``-X importtime`` and asserts on the names of the
modules it imported (never on time: speed is measured in ``benchmarks/startup.py``). The
command's help and the command modules load no analytics, no SHACL engine, no spreadsheet or
chart library and no web framework; a warm ``validate`` (unchanged files, report cached)
answers without rdflib or pySHACL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

#: Libraries the command line must not import before a command needs them.
HEAVY = (
    "networkx",
    "numpy",
    "pyshacl",
    "openpyxl",
    "matplotlib",
    "rdflib",  # rdflib itself (~0.1 s), and with it rdflib.plugins.sparql
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "pyvis",
)

SUBPACKAGES = (
    "brn_graph",
    "brn_graph.alignment",
    "brn_graph.brief",
    "brn_graph.cli",
    "brn_graph.context",
    "brn_graph.graph",
    "brn_graph.i18n",
    "brn_graph.ingest",
    "brn_graph.network",
    "brn_graph.query",
    "brn_graph.search",
    "brn_graph.view",
)


def imported_modules(args: list[str], env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """The modules a new ``python -X importtime ARGS`` imported, and its standard output."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=120,
    )
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    assert names, f"no -X importtime output: {done.stderr[-500:]}"
    return names, done.stdout


def heavy_in(names: set[str]) -> list[str]:
    return sorted(n for n in names if n.split(".")[0] in HEAVY)


def test_the_parser_sees_importtime_lines() -> None:
    """The check itself works: importing rdflib is seen as importing rdflib."""
    names, _ = imported_modules(["-c", "import rdflib"])
    assert "rdflib" in heavy_in(names)


def test_importing_the_command_line_loads_nothing_heavy() -> None:
    names, _ = imported_modules(["-c", "import brn_graph.cli"])
    assert "brn_graph.cli.alignment_commands" in names  # the commands did register
    assert heavy_in(names) == []


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_subpackage_inits_load_nothing_heavy(package: str) -> None:
    names, _ = imported_modules(["-c", f"import {package}"])
    assert heavy_in(names) == []


def test_help_lists_every_command_without_loading_anything_heavy() -> None:
    from brn_graph.cli import app

    group = typer.main.get_command(app)
    with typer.Context(group) as ctx:
        commands = group.list_commands(ctx)  # type: ignore[attr-defined]
    names, out = imported_modules(["-m", "brn_graph", "--help"], env={"COLUMNS": "200"})
    assert heavy_in(names) == []
    assert "serve" in commands
    assert "validate" in commands
    assert "rank" in commands
    for command in commands:
        assert f" {command} " in out, command


def test_the_view_package_still_offers_its_names_lazily() -> None:
    import brn_graph.view as view

    assert view.ViewOptions.__name__ == "ViewOptions"
    assert callable(view.to_pyvis)
    assert callable(view.build_view)
    with pytest.raises(AttributeError):
        _ = view.no_such_name  # type: ignore[attr-defined]


def test_a_warm_validate_reads_the_cache_without_rdflib_or_pyshacl(tmp_path: Path) -> None:
    env = {"BRN_GRAPH_CACHE_DIR": str(tmp_path / "cache"), "BRN_GRAPH_LANG": "en"}
    cold_names, cold_out = imported_modules(["-m", "brn_graph", "validate"], env=env)
    assert "pyshacl" in cold_names  # an empty cache: validated for real
    warm_names, warm_out = imported_modules(["-m", "brn_graph", "validate"], env=env)
    assert warm_out == cold_out
    assert "conforms" in warm_out
    assert heavy_in(warm_names) == []
