"""A query's own row limit, end to end: the engine cuts there and says so; --max-rows may
lower it, never raise it; the catalogue's label search stays complete on the bundled data."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from brn_graph.config import Settings
from brn_graph.query.catalog import QueryCatalog, load_catalog
from brn_graph.query.engine import QueryEngine
from tests.reference import run_cli

TYPED = (
    "# summary.da: Typede ressourcer.\n# summary.en: Typed resources.\n# limit: 4\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "SELECT DISTINCT ?s WHERE { ?s rdf:type ?c } ORDER BY ?s\n"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries")
    (path / "list_typed.rq").write_text(TYPED, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def engine(bundled_settings: Settings) -> Iterator[QueryEngine]:
    with QueryEngine(bundled_settings.with_overrides(store="oxigraph"), workers=1) as started:
        yield started


def test_the_engine_cuts_at_the_limit_and_marks_the_result(
    folder: Path, engine: QueryEngine
) -> None:
    query = load_catalog(folder).get("list_typed")
    complete = engine.run(query.checked.text)  # the same text without the header's limit
    assert len(complete.rows) > 4
    assert not complete.truncated
    cut = engine.run(query.checked)
    assert (len(cut.rows), cut.truncated, cut.cap) == (4, True, 4)
    assert cut.rows == complete.rows[:4], "the first rows in the query's order"
    lower = engine.run(query.checked, result_cap=2)
    assert (len(lower.rows), lower.truncated) == (2, True)
    # the limit is the most the query returns (its text may rely on it): a cap cannot raise it
    wider = engine.run(query.checked, result_cap=6)
    assert (len(wider.rows), wider.truncated, wider.cap) == (4, True, 4)


def test_the_label_search_is_complete_on_the_bundled_data(
    bundled_settings: Settings, engine: QueryEngine
) -> None:
    catalog: QueryCatalog = load_catalog(bundled_settings.queries_dir)
    for text in ("energi", "a", "e"):
        bound = catalog.bind("search_labels", {"text": text}, lang="en")
        result = engine.run(bound.checked, bindings=bound.bindings)
        assert len(result.rows) <= 1000
        assert result.truncated == (len(result.rows) == 1000), text


def _cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"BRN_GRAPH_QUERIES_DIR": str(folder)}
    return run_cli("--lang", "en", "query", "list_typed", *args, env=env)


def test_the_command_says_when_the_limit_cut_and_max_rows_lowers_it(folder: Path) -> None:
    cut = _cli(folder, "--format", "csv")
    assert cut.returncode == 0, cut.stderr
    assert len(cut.stdout.strip().splitlines()) == 1 + 4
    assert "truncated to its first 4 rows" in cut.stderr
    assert "the query's own limit" in cut.stderr
    lower = _cli(folder, "--format", "csv", "--max-rows", "2")
    assert lower.returncode == 0, lower.stderr
    assert len(lower.stdout.strip().splitlines()) == 1 + 2
    assert "truncated to its first 2 rows" in lower.stderr
    assert "the row cap" in lower.stderr  # cut by --max-rows: raising it would help
    wider = _cli(folder, "--format", "csv", "--max-rows", "7")
    assert wider.returncode == 0, wider.stderr
    assert len(wider.stdout.strip().splitlines()) == 1 + 4
    assert "truncated to its first 4 rows" in wider.stderr
    # cut by the query's own limit: the warning does not send the reader to --max-rows
    assert "the query's own limit, which --max-rows can only lower" in wider.stderr
    assert "raise --max-rows" not in wider.stderr
