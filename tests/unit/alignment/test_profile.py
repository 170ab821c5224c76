"""The cluster profile on the hand-built fixture, with the named queries answered by a stub
runner (the real queries on the bundled data are covered through both doors in
``tests/integration/test_session_cli.py`` and ``tests/api/test_clusters.py``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from brn_graph.alignment.engagement import compute_engagement
from brn_graph.alignment.profile import (
    FIGURES_QUERY,
    MEMBERS_QUERY,
    OFFICES_QUERY,
    build_cluster_profile,
)
from brn_graph.errors import NotFoundError
from brn_graph.graph.terms import QueryResult, Term
from tests.unit.alignment.fixture import ENERGY, ORPHAN, iri, load

XSD = "http://www.w3.org/2001/XMLSchema#"
HQ, NJ_OFFICE = iri("site", "hq"), iri("site", "north")


def result(rows: Sequence[Mapping[str, Term]], *, truncated: bool = False) -> QueryResult:
    variables = tuple(sorted({k for row in rows for k in row}))
    return QueryResult(
        form="SELECT",
        variables=variables,
        rows=tuple(tuple(row.get(v) for v in variables) for row in rows),
        truncated=truncated,
        cap=len(rows),
    )


def stub(answers: Mapping[str, QueryResult]) -> object:
    calls: list[tuple[str, dict[str, str]]] = []

    def run(name: str, values: Mapping[str, str]) -> QueryResult:
        calls.append((name, dict(values)))
        if name not in answers:
            raise NotFoundError("named query", name)
        return answers[name]

    run.calls = calls  # type: ignore[attr-defined]
    return run


OFFICE_ROWS = [
    {
        "aspect": Term.literal("headquarters"),
        "value": Term.iri(HQ),
        "value_label": Term.literal("HQ"),
    },
    {"aspect": Term.literal("north-jutland-office"), "value": Term.iri(HQ)},
    {"aspect": Term.literal("other-office"), "value": Term.iri(NJ_OFFICE)},
    {"aspect": Term.literal("name"), "value": Term.literal("not an office")},
]  # fmt: skip
MEMBER_ROWS = [
    {"cluster": Term.iri(ORPHAN), "members": Term.literal("9", datatype=XSD + "integer")},
    {
        "cluster": Term.iri(ENERGY),
        "members": Term.literal("120", datatype=XSD + "integer"),
        "members_basis": Term.literal("figure"),
        "members_date": Term.literal("2023"),
    },
]


def profile_of(answers: Mapping[str, QueryResult], lang: str = "en") -> object:
    loaded = load()
    engagement = compute_engagement(loaded.queries, loaded.model, loaded.settings, lang="en")
    run = stub(answers)
    profile = build_cluster_profile(
        loaded.model,
        engagement,
        ENERGY,
        run=run,
        lang=lang,  # type: ignore[arg-type]
    )
    return profile, run


def test_offices_merge_their_aspects_and_memberships_pick_the_cluster() -> None:
    profile, run = profile_of(
        {
            OFFICES_QUERY: result(OFFICE_ROWS),
            FIGURES_QUERY: result([]),
            MEMBERS_QUERY: result(MEMBER_ROWS),
        }
    )
    offices = {o.iri: o for o in profile.offices}
    assert set(offices) == {HQ, NJ_OFFICE}
    assert offices[HQ].primary
    assert offices[HQ].north_jutland
    assert offices[HQ].label == "HQ"
    assert not offices[NJ_OFFICE].primary
    assert not offices[NJ_OFFICE].north_jutland
    assert profile.memberships is not None
    assert (profile.memberships.members, profile.memberships.members_basis) == (120, "figure")
    assert profile.memberships.smes is None  # unknown, not zero
    assert profile.memberships.smes_basis == "unknown"
    assert (OFFICES_QUERY, {"cluster": ENERGY}) in run.calls
    assert profile.summary.cluster.iri == ENERGY
    assert [a.document.iri for a in profile.alignments] == [
        d.iri for d in load().model.data.scored_documents
    ]
    assert profile.to_dict()["cluster"]["id"] == "fx-energy"


@pytest.mark.parametrize(
    ("lang", "missing", "cut"),
    [
        ("en", "the named query list_cluster_figures is not in the catalogue",
         "get_cluster_profile: only the first 4 rows"),
        ("da", "den navngivne forespørgsel list_cluster_figures findes ikke i kataloget",
         "get_cluster_profile: kun de første 4 rækker"),
    ],
)  # fmt: skip
def test_missing_and_truncated_queries_leave_notes_in_the_language(
    lang: str, missing: str, cut: str
) -> None:
    profile, _run = profile_of(
        {OFFICES_QUERY: result(OFFICE_ROWS, truncated=True), MEMBERS_QUERY: result([])},
        lang=lang,
    )
    assert profile.figures == ()
    assert profile.memberships is None
    assert list(profile.notes) == [cut, missing]
