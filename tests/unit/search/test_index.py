"""The search index on the bundled data: folding, prefixes, fuzzy words, ranking, snippets."""

from __future__ import annotations

import pytest

from brn_graph.config import Settings
from brn_graph.errors import ParameterError
from brn_graph.search.index import SearchIndex, build_index, fold
from tests.unit.alignment.fixture import graph_queries

ID = "https://w3id.org/brn-graph/id/"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return build_index(graph_queries(Settings()))


def test_folding_spells_out_danish_letters() -> None:
    assert fold("LÆSØ Å") == "laesoe aa"


def test_the_chair_is_found_in_the_board_description(index: SearchIndex) -> None:
    hits = index.search("Laursen", lang="da")
    assert hits[0].iri == ID + "org/brn-bestyrelse"
    assert "[Laursen]" in hits[0].snippet
    assert hits[0].field == "description"


@pytest.mark.parametrize("text", ["Læsø", "laesoe", "LAESOE", "læsø kommune"])
def test_danish_spellings_meet(index: SearchIndex, text: str) -> None:
    assert index.search(text)[0].iri == ID + "municipality/laesoe"


def test_a_prefix_matches(index: SearchIndex) -> None:
    labels = [h.label for h in index.search("Brønderslev Kom", lang="da")]
    assert labels[0] == "Brønderslev Kommune"


def test_a_misspelt_word_still_finds(index: SearchIndex) -> None:
    hits = index.search("Lauresn")
    assert ID + "org/brn-bestyrelse" in [h.iri for h in hits]


def test_an_exact_name_or_abbreviation_ranks_first_with_its_type(index: SearchIndex) -> None:
    first = index.search("ECD", lang="en")[0]
    assert first.iri == ID + "cluster/energy-cluster-denmark"
    assert first.type_label == "cluster organisation"
    assert first.field == "alt"
    assert index.search("ECD", lang="da")[0].type_label == "klyngeorganisation"


def test_the_label_follows_the_language(index: SearchIndex) -> None:
    assert index.search("laesoe", lang="en")[0].label == "Læsø Municipality"
    assert index.search("laesoe", lang="da")[0].label == "Læsø Kommune"


def test_nothing_found_is_an_empty_list_and_no_words_an_error(index: SearchIndex) -> None:
    assert index.search("xyzzyqwv") == []
    with pytest.raises(ParameterError):
        index.search("  -- ")


def test_limit_caps_the_hits(index: SearchIndex) -> None:
    assert len(index.search("energi", limit=2)) == 2
