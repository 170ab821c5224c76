"""Properties of the decision analytics, checked on many generated cases (hypothesis).

1. Adding an assessment (of any level, confidence or source) never lowers a cluster's
   evidence criterion; adding a stated, web-sourced one never lowers its total unless it
   replaces a rule's suggestion that scored more (an assessment always beats a rule hit,
   ``none`` included: that is the point of assessing).
2. Facts dated after the as-of date change nothing: neither assessments nor figures,
   partnerships, projects or mergers.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import XSD

from brn_graph.alignment.data import LEVELS, AlignmentData, AlignmentRecord, Origin
from brn_graph.alignment.engagement import EngagementReport, compute_engagement
from brn_graph.alignment.gaps import analyse_gaps
from brn_graph.alignment.ranking import rank_with_settings
from brn_graph.alignment.scores import (
    AlignmentModel,
    AlignmentWeights,
    compute_completeness,
    compute_evidence_quality,
    counted_records,
    score_alignments,
)
from brn_graph.context.view import build_context_model, restrict
from brn_graph.graph.store import OpenStore, open_store
from brn_graph.namespaces import BRN
from brn_graph.query.analytics import GraphQueries
from tests.unit.alignment.fixture import ID, catalog
from tests.unit.context.fixture import built, queries
from tests.unit.context.fixture import settings as fixture_settings

WEB_SOURCE = ID + "source/fx-web"
PLAN_SOURCE = ID + "source/fx-plan"  # a citation without a web address
SCHEMA = Namespace("https://schema.org/")
AS_OF = date(2024, 9, 20)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def engagement() -> EngagementReport:
    return compute_engagement(queries(), built().model, fixture_settings(), lang="en")


def score(data: AlignmentData) -> AlignmentModel:
    return score_alignments(
        restrict(data, built().view), AlignmentWeights.from_settings(fixture_settings())
    )


def totals(model: AlignmentModel) -> dict[str, float]:
    ranking = rank_with_settings(model, engagement(), fixture_settings(), samples=0, lang="en")
    return {r.cluster.iri: r.score for r in ranking.clusters}


def record(n: int, cluster: str, target: str, level: str, **changes: object) -> AlignmentRecord:
    base = AlignmentRecord(
        cluster=cluster,
        target=target,
        document=built().full.target_by_iri[target].document,
        level=level,
        confidence="stated",
        origin=Origin.ASSESSED,
        iri=f"{ID}alignment/generated-{n}",
        sources=(WEB_SOURCE,),
        evidence_date="2024-01-01",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


LONG_LIST = sorted(built().view.spec.clusters)
SCORED = [t.iri for t in built().model.data.scored_targets]
ALL_CLUSTERS = [c.iri for c in built().full.clusters]
ALL_TARGETS = [t.iri for t in built().full.targets]

new_assessments = st.lists(
    st.tuples(
        st.sampled_from(LONG_LIST),
        st.sampled_from(SCORED),
        st.sampled_from(LEVELS),
        st.sampled_from(("stated", "inferred", "weak")),
        st.booleans(),
    ),
    min_size=1,
    max_size=4,
)


@PROPERTY
@given(new_assessments)
def test_adding_an_assessment_never_lowers_the_evidence_nor_a_stated_one_the_total(
    added: list[tuple[str, str, str, str, bool]],
) -> None:
    data = built().full
    for n, (cluster, target, level, confidence, web) in enumerate(added):
        before = score(data)
        weights = before.weights
        quality_before = compute_evidence_quality(before)[cluster].value
        total_before = totals(before)[cluster]
        previous = counted_records(before.data, (cluster, target))
        new = record(
            n,
            cluster,
            target,
            level,
            confidence=confidence,
            sources=(WEB_SOURCE if web else PLAN_SOURCE,),
        )
        data = dataclasses.replace(data, alignments=(*data.alignments, new))
        after = score(data)
        assert compute_evidence_quality(after)[cluster].value >= quality_before - 1e-12
        replaces_a_better_rule_hit = (
            bool(previous)
            and all(r.origin is Origin.RULE for r in previous)
            and max(weights.score(r.level, r.confidence) for r in previous)
            > weights.score(level, "stated")
        )
        if confidence == "stated" and web and not replaces_a_better_rule_hit:
            assert totals(after)[cluster] >= total_before - 1e-12


def test_an_assessment_overrides_a_rule_hit_even_when_it_scores_less() -> None:
    # The example property 1 allows: fx-energy x fx-s-2 has no rule hit, so take fx-digital x
    # fx-s-2 (skos-exact-match, high, inferred: 0.6) and assess it low (0.3): the total falls,
    # by design, and the evidence criterion rises.
    digital = ID + "cluster/fx-digital"
    s2 = ID + "goal/fx-s-2"
    before = score(built().full)
    data = dataclasses.replace(
        built().full, alignments=(*built().full.alignments, record(0, digital, s2, "low"))
    )
    after = score(data)
    assert before.scores[(digital, s2)].score == 0.6
    assert after.scores[(digital, s2)].score == 0.3
    assert totals(after)[digital] < totals(before)[digital]
    assert (
        compute_evidence_quality(after)[digital].value
        > compute_evidence_quality(before)[digital].value
    )


later_days = st.integers(min_value=1, max_value=3650).map(lambda d: AS_OF + timedelta(days=d))
later_assessments = st.lists(
    st.tuples(
        st.sampled_from(ALL_CLUSTERS),
        st.sampled_from(ALL_TARGETS),
        st.sampled_from(LEVELS),
        st.sampled_from(("stated", "inferred", "weak")),
        later_days,
        st.booleans(),
    ),
    min_size=1,
    max_size=5,
)


def summary(model: AlignmentModel) -> tuple[object, ...]:
    gaps = analyse_gaps(model, lang="en")
    return (
        totals(model),
        [(g.target.id, g.kind, [s.cluster.id for s in g.clusters]) for g in gaps.gaps],
        [o.target.id for o in gaps.overlaps],
        compute_completeness(model, lang="en").assessed,
    )


@PROPERTY
@given(later_assessments)
def test_assessments_dated_after_the_as_of_date_change_nothing(
    added: list[tuple[str, str, str, str, date, bool]],
) -> None:
    baseline = summary(score(built().full))
    records = tuple(
        record(
            n,
            cluster,
            target,
            level,
            confidence=confidence,
            # dated by its evidence, or, without one, by the day it was written
            evidence_date=day.isoformat() if by_evidence else None,
            created=day.isoformat(),
        )
        for n, (cluster, target, level, confidence, day, by_evidence) in enumerate(added)
    )
    data = dataclasses.replace(built().full, alignments=(*built().full.alignments, *records))
    assert summary(score(data)) == baseline


@cache
def own_store() -> OpenStore:
    """A store of its own: these tests add and remove triples."""
    return open_store(fixture_settings())


later_facts = st.lists(
    st.tuples(
        st.sampled_from(("figure", "partnership", "project", "merger", "office")),
        st.sampled_from(LONG_LIST),
        later_days,
        st.integers(min_value=1, max_value=10**9),
    ),
    min_size=1,
    max_size=4,
)


def _triples(n: int, kind: str, cluster: str, day: date, value: int) -> list[tuple[URIRef, ...]]:
    me = URIRef(f"{ID}generated/{kind}-{n}")
    when = Literal(day.isoformat(), datatype=XSD.date)
    aalborg = URIRef(ID + "municipality/fx-aalborg")
    hub = URIRef(ID + "org/fx-nj-hub")
    c = URIRef(cluster)
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    dct_date = URIRef("http://purl.org/dc/terms/date")
    if kind == "figure":
        return [
            (me, rdf_type, BRN.Figure),
            (me, BRN.figureOf, c),
            (me, BRN.measure, BRN.Members),
            (me, SCHEMA.value, Literal(value)),
            (me, BRN.unit, BRN.Count),
            (me, dct_date, when),
        ]
    if kind == "partnership":
        return [
            (me, rdf_type, BRN.Partnership),
            (me, BRN.partner, c),
            (me, BRN.partner, hub),
            (me, SCHEMA.startDate, when),
        ]
    if kind == "project":
        return [
            (me, rdf_type, BRN.Project),
            (me, BRN.participant, c),
            (me, BRN.municipality, aalborg),
            (me, SCHEMA.startDate, when),
        ]
    org = URIRef("http://www.w3.org/ns/org#")
    if kind == "merger":
        return [
            (me, rdf_type, URIRef(str(org) + "ChangeEvent")),
            (me, URIRef(str(org) + "originalOrganization"), hub),
            (me, URIRef(str(org) + "resultingOrganization"), c),
            (me, dct_date, when),
        ]
    return [
        (c, URIRef(str(org) + "hasSite"), me),
        (me, BRN.municipality, aalborg),
        (me, SCHEMA.startDate, when),
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(later_facts)
def test_engagement_facts_dated_after_the_as_of_date_change_nothing(
    added: list[tuple[str, str, date, int]],
) -> None:
    store = own_store().dataset
    config = fixture_settings()
    own = GraphQueries.local(own_store(), catalog(config.queries_dir))
    model = build_context_model(own, config, context="fx-decision").model
    baseline = compute_engagement(own, model, config, lang="en").to_dict()
    triples = [t for n, fact in enumerate(added) for t in _triples(n, *fact)]
    for triple in triples:
        store.add(triple)  # type: ignore[arg-type]
    try:
        changed = build_context_model(own, config, context="fx-decision").model
        assert compute_engagement(own, changed, config, lang="en").to_dict() == baseline
        assert totals(changed) == totals(model)
    finally:
        for triple in triples:
            store.remove(triple)  # type: ignore[arg-type]
