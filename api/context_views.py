"""The analytics routes' results for a decision context on a date (``?context=``, ``?as_of=``).

Every result carries the context and date it was computed for (``context``). Results are
memoised per (context, date, language, parameters) on the service state.
"""

from __future__ import annotations

from typing import Any

from api.models import (
    ClusterAlignmentOut,
    CompletenessOut,
    ContextOut,
    DocumentMatrixOut,
    EngagementOut,
    ExplanationOut,
    GapsOut,
    OverlapsOut,
    RankingComparisonOut,
    RankingOut,
)
from api.state import ServiceState
from api.views import MAX_SAMPLES, cluster_alignment, document_matrix
from brn_graph.alignment.data import AlignmentData
from brn_graph.alignment.engagement import EngagementReport, compute_engagement
from brn_graph.alignment.explain import explain_alignment
from brn_graph.alignment.gaps import GapKind, find_gaps, find_overlaps, find_unanchored_clusters
from brn_graph.alignment.members import MemberCount, north_jutland_members
from brn_graph.alignment.ranking import Ranking, rank_with_settings
from brn_graph.alignment.scores import compute_completeness
from brn_graph.config import Language, check_weights, parse_weights
from brn_graph.context.compare import Side, compare
from brn_graph.context.dates import parse_user_day
from brn_graph.context.view import ContextModel, build_context_model
from brn_graph.errors import ParameterError
from brn_graph.i18n.message import message, reason_of


def context_model(
    state: ServiceState,
    context: str | None = None,
    as_of: str | None = None,
    *,
    all_clusters: bool = False,
) -> ContextModel:
    """The alignment model of ``context`` (default: the 2024 decision) on ``as_of``."""
    day = parse_user_day(as_of, "as_of")
    return state.remember(
        ("context-model", context, day, all_clusters),
        lambda: build_context_model(
            state.queries,
            state.settings,
            context=context,
            as_of=day,
            all_clusters=all_clusters,
            data=full_data(state),
        ),
    )


def full_data(state: ServiceState) -> AlignmentData:
    """Everything the alignment analytics read from the graph, whatever the context: read once
    at start-up (a context or date other than the default is then only a restriction and a
    scoring of it, not another read of the graph: 35 s at 10M synthetic triples)."""
    session = state.session
    if session.context_model is not None:
        return session.context_model.full
    return session.model.data


def _with(built: ContextModel, lang: Language, body: dict[str, Any]) -> dict[str, Any]:
    return {"context": built.view.to_dict(lang), **body}


def gaps(
    state: ServiceState,
    lang: Language,
    *,
    context: str | None = None,
    as_of: str | None = None,
    kind: GapKind | None = None,
    all_clusters: bool = False,
) -> GapsOut:
    built = context_model(state, context, as_of, all_clusters=all_clusters)
    model = built.model
    return GapsOut.model_validate(
        _with(
            built,
            lang,
            {
                "gaps": [g.to_dict() for g in find_gaps(model, lang=lang, kind=kind)],
                "unanchored_clusters": [
                    u.to_dict() for u in find_unanchored_clusters(model, lang=lang)
                ],
            },
        )
    )


def overlaps(
    state: ServiceState, lang: Language, *, context: str | None = None, as_of: str | None = None
) -> OverlapsOut:
    built = context_model(state, context, as_of)
    model = built.model
    return OverlapsOut.model_validate(
        _with(
            built,
            lang,
            {
                "threshold": model.weights.strong_threshold,
                "overlaps": [o.to_dict() for o in find_overlaps(model, lang=lang)],
            },
        )
    )


def completeness(
    state: ServiceState,
    lang: Language,
    *,
    context: str | None = None,
    as_of: str | None = None,
    all_clusters: bool = False,
) -> CompletenessOut:
    built = context_model(state, context, as_of, all_clusters=all_clusters)
    found = compute_completeness(built.model, lang=lang)
    return CompletenessOut.model_validate(_with(built, lang, {"completeness": found.to_dict()}))


def explanation(
    state: ServiceState,
    cluster: str,
    goal: str,
    lang: Language,
    *,
    context: str | None = None,
    as_of: str | None = None,
) -> ExplanationOut:
    built = context_model(state, context, as_of)
    result = explain_alignment(built.model, cluster, goal, lang=lang)
    return ExplanationOut.model_validate(_with(built, lang, result.to_dict()))


def _engagement(built: ContextModel, state: ServiceState, lang: Language) -> EngagementReport:
    return state.remember(
        (
            "context-engagement",
            built.view.spec.iri,
            built.view.as_of,
            built.view.all_clusters,
            lang,
        ),
        lambda: compute_engagement(state.queries, built.model, state.settings, lang=lang),
    )


def engagement(
    state: ServiceState,
    lang: Language,
    *,
    context: str | None = None,
    as_of: str | None = None,
    all_clusters: bool = False,
) -> EngagementOut:
    built = context_model(state, context, as_of, all_clusters=all_clusters)
    return EngagementOut.model_validate(
        _with(built, lang, _engagement(built, state, lang).to_dict())
    )


def members_on(
    state: ServiceState, lang: Language, *, context: str | None = None, as_of: str | None = None
) -> tuple[dict[str, MemberCount], str]:
    """Every cluster's North Jutland members and SMEs (by IRI) in ``context`` on ``as_of``
    (default: the 2024 decision on its date), and that date. All clusters, not only the long
    list: a table of all clusters shows them all."""
    built = context_model(state, context, as_of, all_clusters=True)
    counts = north_jutland_members(_engagement(built, state, lang), lang)
    return dict(counts), built.view.as_of.isoformat()


def _ranking(
    state: ServiceState,
    built: ContextModel,
    lang: Language,
    weights: str | None,
    samples: int | None,
) -> Ranking:
    try:
        parsed = parse_weights(weights) if weights else None
        if parsed:  # given weights replace the settings' entirely (see rank_with_settings)
            check_weights(parsed, parsed)
    except ValueError as exc:
        raise ParameterError("weights", reason_of(exc)) from exc
    if samples is not None and not 0 <= samples <= MAX_SAMPLES:
        raise ParameterError("samples", message("errors.reason.between", low=0, high=MAX_SAMPLES))
    key = (
        "context-ranking",
        built.view.spec.iri,
        built.view.as_of,
        built.view.all_clusters,
        lang,
        tuple(sorted(parsed.items())) if parsed is not None else None,
        samples,
    )
    return state.remember(
        key,
        lambda: rank_with_settings(
            built.model,
            _engagement(built, state, lang),
            state.settings,
            weights=parsed,
            samples=samples,
            lang=lang,
        ),
    )


def ranking(
    state: ServiceState,
    lang: Language,
    *,
    weights: str | None = None,
    samples: int | None = None,
    context: str | None = None,
    as_of: str | None = None,
    all_clusters: bool = False,
) -> RankingOut:
    built = context_model(state, context, as_of, all_clusters=all_clusters)
    result = _ranking(state, built, lang, weights, samples)
    return RankingOut.model_validate(_with(built, lang, result.to_dict()))


def ranking_comparison(
    state: ServiceState,
    lang: Language,
    *,
    compare_to: str | None,
    compare_context: str | None = None,
    weights: str | None = None,
    samples: int | None = None,
    context: str | None = None,
    as_of: str | None = None,
    all_clusters: bool = False,
) -> RankingComparisonOut:
    built = context_model(state, context, as_of, all_clusters=all_clusters)
    baseline_day = parse_user_day(compare_to, "compare_to") or built.view.as_of
    other = context_model(
        state,
        compare_context or built.view.spec.slug,
        baseline_day.isoformat(),
        all_clusters=all_clusters,
    )
    result = compare(
        Side(context=built, ranking=_ranking(state, built, lang, weights, samples)),
        Side(context=other, ranking=_ranking(state, other, lang, weights, samples)),
        lang=lang,
    )
    return RankingComparisonOut.model_validate(result.to_dict())


def cluster_alignment_on(
    state: ServiceState,
    cluster_id: str,
    lang: Language,
    *,
    document: str | None = None,
    context: str | None = None,
    as_of: str | None = None,
) -> ClusterAlignmentOut:
    """A cluster's alignment per goal, as it stood in ``context`` on ``as_of``."""
    built = context_model(state, context, as_of)
    result = cluster_alignment(state, cluster_id, lang, document=document, model=built.model)
    return result.model_copy(update={"context": _context_out(built, lang)})


def document_matrix_on(
    state: ServiceState,
    document_id: str,
    lang: Language,
    *,
    context: str | None = None,
    as_of: str | None = None,
) -> DocumentMatrixOut:
    """A document's clusters x goals matrix in ``context`` on ``as_of``; ``counted`` says
    whether the document counts there."""
    built = context_model(state, context, as_of)
    result = document_matrix(state, document_id, lang, model=built.model)
    counted = {d.iri for d in built.model.data.scored_documents}
    return result.model_copy(
        update={
            "context": _context_out(built, lang),
            "counted": result.document.iri in counted,
        }
    )


def _context_out(built: ContextModel, lang: Language) -> ContextOut:
    return ContextOut.model_validate(built.view.to_dict(lang))
