"""A query's own row limit (``# limit: N``): parsed once, kept through the check cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from brn_graph.errors import QuerySyntaxError
from brn_graph.query.catalog import load_catalog, parse_header
from brn_graph.query.check_cache import CheckCache

LIMITED = (
    "# summary.da: Alle ressourcer.\n# summary.en: Every resource.\n# limit: 3\n"
    "#\n# Notes.\nSELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n"
)


def test_the_limit_is_read_from_the_header() -> None:
    assert parse_header(LIMITED).limit == 3
    assert parse_header("# summary.da: a\n# summary.en: b\nSELECT").limit is None


@pytest.mark.parametrize("value", ["0", "-5", "many", "2.5", "1e3"])
def test_a_limit_that_is_not_a_positive_whole_number_is_an_error(value: str) -> None:
    with pytest.raises(QuerySyntaxError, match="limit: expected a whole number"):
        parse_header(f"# summary.da: a\n# summary.en: b\n# limit: {value}\nSELECT")


def test_a_limit_among_the_notes_is_an_error() -> None:
    with pytest.raises(QuerySyntaxError, match="after the lone '#'"):
        parse_header("# summary.da: a\n# summary.en: b\n#\n# limit: 5\nSELECT")


def test_the_checked_query_carries_the_limit_also_from_the_check_cache(tmp_path: Path) -> None:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "list_all.rq").write_text(LIMITED, encoding="utf-8")
    (folder / "list_free.rq").write_text(LIMITED.replace("# limit: 3\n", ""), encoding="utf-8")
    first = load_catalog(folder, cache_dir=tmp_path / "cache")
    assert first.get("list_all").checked.row_limit == 3
    assert first.get("list_free").checked.row_limit is None
    assert first.get("list_all").to_dict()["limit"] == 3
    assert list((tmp_path / "cache").glob("*.json")), "the checks were stored"
    again = load_catalog(folder, cache_dir=tmp_path / "cache")  # from the cache this time
    assert (
        CheckCache(tmp_path / "cache").get(
            CheckCache(tmp_path / "cache").key("list_all", LIMITED), LIMITED
        )
        is not None
    )
    assert again.get("list_all").checked.row_limit == 3
    assert again.get("list_free").checked.row_limit is None


def test_search_labels_is_the_catalogue_query_with_a_limit() -> None:
    from brn_graph.config import Settings

    catalog = load_catalog(Settings().queries_dir)
    limited = {q.name: q.header.limit for q in catalog if q.header.limit}
    assert limited == {"search_labels": 1000}


def test_search_labels_cuts_its_matches_one_past_its_limit() -> None:
    """The sub-SELECT that sorts and cuts the matches keeps one row more than the header's
    limit, so the engine still sees that a longer answer was cut; the two must agree."""
    import re

    from brn_graph.config import Settings

    query = load_catalog(Settings().queries_dir).get("search_labels")
    limits = [int(n) for n in re.findall(r"\bLIMIT\s+(\d+)", query.checked.text, re.IGNORECASE)]
    assert query.header.limit is not None
    assert limits == [query.header.limit + 1]
