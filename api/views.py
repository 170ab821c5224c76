"""Library results -> response models: the only place the API shapes what the library returns.

Each function takes the service state, the identifiers as typed by the user and the
language, calls :mod:`brn_graph` functions, and returns ``*Out`` models. Nothing here reads
the graph directly (no rdflib), so the routes and the pages share one view of the data.
Results that depend only on the loaded graph and the language are memoised on the state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi.responses import Response
from rdflib import Dataset
from rdflib.namespace import DCTERMS

from api.models import (
    ClusterAlignmentOut,
    ClusterProfileOut,
    ClusterSummaryOut,
    DocumentCoverageOut,
    DocumentDetailOut,
    DocumentMatrixOut,
    DocumentOut,
    EngagementOut,
    ExplanationOut,
    GapsOut,
    GoalAlignmentOut,
    GoalClustersOut,
    GoalDetailOut,
    GoalOut,
    NamedQueryOut,
    OverlapsOut,
    RankingOut,
    RefOut,
    SourceOut,
    SupportOut,
)
from api.sparql_protocol import execute_checked
from api.state import ServiceState
from brn_graph.alignment.data import ClusterInfo, DocumentInfo, TargetInfo, TargetKind
from brn_graph.alignment.engagement import EngagementReport, compute_engagement
from brn_graph.alignment.explain import explain_alignment
from brn_graph.alignment.gaps import find_gaps, find_overlaps, find_unanchored_clusters
from brn_graph.alignment.profile import build_cluster_profile, catalogue_runner, cluster_summary
from brn_graph.alignment.ranking import Ranking, rank_with_settings
from brn_graph.alignment.scores import (
    AlignmentModel,
    compute_cluster_alignment,
    compute_document_matrix,
)
from brn_graph.config import Language, check_weights, parse_weights
from brn_graph.errors import ParameterError
from brn_graph.graph.describe import describe
from brn_graph.graph.terms import QueryResult
from brn_graph.i18n.collation import danish_sort_key
from brn_graph.i18n.message import message as msg
from brn_graph.i18n.message import reason_of
from brn_graph.query.check import values_clause_query
from brn_graph.query.named_parameters import resolve_resource_parameters

#: The most sensitivity samples a request may ask for (each is one weight vector).
MAX_SAMPLES = 20_000

# --------------------------------------------------------------------------- helpers


def _sources(model: AlignmentModel, iris: tuple[str, ...], lang: Language) -> list[SourceOut]:
    return [SourceOut.model_validate(s.to_dict(lang)) for s in model.data.sources_of(iris)]


def _ref(model: AlignmentModel, iri: str, lang: Language) -> RefOut:
    return RefOut.model_validate(model.data.ref(iri, lang).to_dict())


def _cluster_summary(
    state: ServiceState, cluster: ClusterInfo, lang: Language
) -> ClusterSummaryOut:
    summary = cluster_summary(state.model, engagement_report(state, lang), cluster, lang)
    return ClusterSummaryOut.model_validate(summary.to_dict())


def _document_out(
    model: AlignmentModel, document: DocumentInfo, lang: Language, dataset: Dataset | None = None
) -> DocumentOut:
    targets = model.data.targets_by_document.get(document.iri, ())
    goals = sum(1 for t in targets if t.kind is TargetKind.GOAL)
    extra: dict[str, Any] = {}
    if dataset is not None:
        described = describe(dataset, document.iri, lang)
        issued = described.values_of(str(DCTERMS.issued))
        extra = {
            "description": described.description,
            "known_gaps": described.known_gaps,
            "issued": issued[0].text if issued else None,
        }
    return DocumentOut(
        id=document.slug,
        iri=document.iri,
        label=document.labels.get(lang),
        kinds=list(document.kinds),
        part_of=list(document.part_of),
        goals=len(targets),
        goal_count=goals,
        strength_position_count=len(targets) - goals,
        sources=_sources(model, document.sources, lang),
        **extra,
    )


def _goal_out(model: AlignmentModel, target: TargetInfo, lang: Language) -> GoalOut:
    return GoalOut.model_validate(
        {
            **target.ref(lang).to_dict(),
            "themes": [_ref(model, t, lang) for t in target.themes],
            "sources": _sources(model, target.sources, lang),
        }
    )


def _supports(model: AlignmentModel, target: TargetInfo, lang: Language) -> list[SupportOut]:
    """Clusters aligned with ``target``, strongest first (from the explanations)."""
    out = []
    for cluster in model.data.clusters:
        scored = model.scores.get((cluster.iri, target.iri))
        if scored is None:
            continue
        explanation = explain_alignment(model, cluster.iri, target.iri, lang=lang)
        out.append(
            SupportOut(
                cluster=RefOut.model_validate(cluster.ref(lang).to_dict()),
                score=round(scored.score, 4),
                level=scored.level,  # type: ignore[arg-type]
                confidence=scored.confidence,  # type: ignore[arg-type]
                origin=str(scored.origin),  # type: ignore[arg-type]
                rule=scored.rule,
                stated=any(e.counted and e.confidence == "stated" for e in explanation.evidence),
            )
        )
    return sorted(out, key=lambda s: (-s.score, s.cluster.id))


# --------------------------------------------------------------------------- clusters


def cluster_summaries(state: ServiceState, lang: Language) -> list[ClusterSummaryOut]:
    def compute() -> list[ClusterSummaryOut]:
        clusters = [_cluster_summary(state, c, lang) for c in state.model.data.clusters]
        return sorted(clusters, key=lambda c: danish_sort_key(c.label))

    return state.remember(("clusters", lang), compute)


def cluster_profile(state: ServiceState, cluster_id: str, lang: Language) -> ClusterProfileOut:
    cluster = state.model.resolve_cluster(cluster_id)

    def compute() -> ClusterProfileOut:
        profile = build_cluster_profile(
            state.model,
            engagement_report(state, lang),
            cluster,
            run=catalogue_runner(state.catalog, state.engine, lang),
            lang=lang,
        )
        return ClusterProfileOut.model_validate(profile.to_dict())

    return state.remember(("profile", cluster.iri, lang), compute)


def run_named_query(
    state: ServiceState, name: str, values: Mapping[str, str], lang: Language
) -> QueryResult:
    """Run catalogue query ``name`` with parameter ``values`` (text) on the query engine."""
    return catalogue_runner(state.catalog, state.engine, lang)(name, values)


def cluster_alignment(
    state: ServiceState,
    cluster_id: str,
    lang: Language,
    *,
    document: str | None = None,
    model: AlignmentModel | None = None,
) -> ClusterAlignmentOut:
    model = model or state.model
    result = compute_cluster_alignment(model, cluster_id, lang=lang, document=document)
    goals = []
    for cell in result.cells:
        evidence: list[Any] = []
        if cell.score > 0 or cell.origin is not None:
            explanation = explain_alignment(model, result.cluster.iri, cell.target.iri, lang=lang)
            evidence = [e.to_dict() for e in explanation.evidence]
        goals.append(
            GoalAlignmentOut.model_validate(
                {
                    "goal": cell.target.to_dict(),
                    "score": round(cell.score, 4),
                    "level": cell.level,
                    "confidence": cell.confidence,
                    "origin": str(cell.origin) if cell.origin else None,
                    "rule": cell.rule,
                    "evidence": evidence,
                }
            )
        )
    data = result.to_dict()
    return ClusterAlignmentOut(
        cluster=RefOut.model_validate(data["cluster"]),
        documents=[DocumentCoverageOut.model_validate(d) for d in data["documents"]],
        goals=goals,
    )


# --------------------------------------------------------------------------- documents


def default_document(state: ServiceState) -> str | None:
    """The document the front page shows first.

    ``Settings.front_page_document`` (BRN's own strategy by default) when the graph has it,
    else the document with the most scored alignments.
    """
    model = state.model
    preferred = state.settings.front_page_document
    if any(d.slug == preferred for d in model.data.scored_documents):
        return preferred
    counts = {d.iri: 0 for d in model.data.scored_documents}
    for score in model.scores.values():
        if score.document in counts:
            counts[score.document] += 1
    if not counts:
        return None
    best = max(counts, key=lambda iri: (counts[iri], iri))
    return model.data.document_by_iri[best].slug


def document_list(state: ServiceState, lang: Language) -> list[DocumentOut]:
    model = state.model
    dataset = state.store.dataset
    return [_document_out(model, d, lang, dataset) for d in model.data.documents]


def document_detail(state: ServiceState, document_id: str, lang: Language) -> DocumentDetailOut:
    model = state.model
    document = model.resolve_document(document_id)
    return DocumentDetailOut(
        document=_document_out(model, document, lang, state.store.dataset),
        goals=[
            _goal_out(model, t, lang) for t in model.data.targets_by_document.get(document.iri, ())
        ],
    )


def document_matrix(
    state: ServiceState, document_id: str, lang: Language, *, model: AlignmentModel | None = None
) -> DocumentMatrixOut:
    return DocumentMatrixOut.model_validate(
        compute_document_matrix(model or state.model, document_id, lang=lang).to_dict()
    )


# --------------------------------------------------------------------------- goals


def goal_detail(state: ServiceState, goal_id: str, lang: Language) -> GoalDetailOut:
    model = state.model
    target = model.resolve_target(goal_id)
    return GoalDetailOut(
        goal=_goal_out(model, target, lang),
        document=_ref(model, target.document, lang),
        clusters=_supports(model, target, lang),
    )


def goal_clusters(state: ServiceState, goal_id: str, lang: Language) -> GoalClustersOut:
    model = state.model
    target = model.resolve_target(goal_id)
    return GoalClustersOut.model_validate(
        {"goal": target.ref(lang).to_dict(), "clusters": _supports(model, target, lang)}
    )


def strength_positions(state: ServiceState, lang: Language) -> list[GoalOut]:
    model = state.model
    return [
        _goal_out(model, t, lang)
        for t in model.data.targets
        if t.kind is TargetKind.STRENGTH_POSITION
    ]


# --------------------------------------------------------------------------- analytics


def gaps(state: ServiceState, lang: Language) -> GapsOut:
    def compute() -> GapsOut:
        model = state.model
        return GapsOut.model_validate(
            {
                "gaps": [g.to_dict() for g in find_gaps(model, lang=lang)],
                "unanchored_clusters": [
                    u.to_dict() for u in find_unanchored_clusters(model, lang=lang)
                ],
            }
        )

    return state.remember(("gaps", lang), compute)


def overlaps(state: ServiceState, lang: Language) -> OverlapsOut:
    def compute() -> OverlapsOut:
        model = state.model
        return OverlapsOut.model_validate(
            {
                "threshold": model.weights.strong_threshold,
                "overlaps": [o.to_dict() for o in find_overlaps(model, lang=lang)],
            }
        )

    return state.remember(("overlaps", lang), compute)


def explanation(state: ServiceState, cluster: str, goal: str, lang: Language) -> ExplanationOut:
    return ExplanationOut.model_validate(
        explain_alignment(state.model, cluster, goal, lang=lang).to_dict()
    )


# --------------------------------------------------------------------------- engagement, ranking


def engagement_report(state: ServiceState, lang: Language) -> EngagementReport:
    """Engagement with the configured weights (memoised per language)."""
    return state.remember(
        ("engagement", lang),
        lambda: compute_engagement(state.queries, state.model, state.settings, lang=lang),
    )


def engagement(state: ServiceState, lang: Language) -> EngagementOut:
    return EngagementOut.model_validate(engagement_report(state, lang).to_dict())


def ranking_result(
    state: ServiceState, lang: Language, *, weights: str | None = None, samples: int | None = None
) -> Ranking:
    """The ranking with ``weights`` (``NAME=VALUE,...``) over the configured ones."""
    try:
        parsed = parse_weights(weights) if weights else {}
        # given weights replace the settings' entirely (see rank_with_settings)
        check_weights(parsed, parsed or state.settings.ranking_weights)
    except ValueError as exc:
        raise ParameterError("weights", reason_of(exc)) from exc
    if samples is not None and not 0 <= samples <= MAX_SAMPLES:
        raise ParameterError("samples", msg("errors.reason.between", low=0, high=MAX_SAMPLES))
    key = ("ranking", lang, tuple(sorted(parsed.items())), samples)
    return state.remember(
        key,
        lambda: rank_with_settings(
            state.model,
            engagement_report(state, lang),
            state.settings,
            weights=parsed,
            samples=samples,
            lang=lang,
        ),
    )


def ranking(
    state: ServiceState, lang: Language, *, weights: str | None = None, samples: int | None = None
) -> RankingOut:
    result = ranking_result(state, lang, weights=weights, samples=samples)
    return RankingOut.model_validate(result.to_dict())


# --------------------------------------------------------------------------- named queries


def named_queries(state: ServiceState, lang: Language) -> list[NamedQueryOut]:
    """The catalogue, with each query's text and the address that runs it."""
    return [
        NamedQueryOut.model_validate(
            {**q.to_dict(lang), "url": f"/api/queries/{q.name}", "query": q.text}
        )
        for q in state.catalog
    ]


def editor_examples(state: ServiceState, lang: Language) -> list[dict[str, str]]:
    """The catalogue as YASGUI tabs: name and query text with its parameter defaults."""

    def compute() -> list[dict[str, str]]:
        examples = []
        for query in state.catalog:
            bound = query.bind({}, lang=lang)
            # Ready to run: the defaults (and the reader's language) as a VALUES block,
            # written by the query layer from checked RDF terms.
            text = values_clause_query(query.text, bound.bindings) if bound.bindings else query.text
            examples.append({"name": query.name, "query": text})
        return examples

    return state.remember(("editor-examples", lang), compute)


def run_named_query_response(
    state: ServiceState,
    name: str,
    values: Sequence[tuple[str, str]],
    lang: Language,
    accept: str | None,
) -> Response:
    """Run catalogue query ``name`` with ``values`` and answer in the negotiated format."""
    query = state.catalog.get(name)
    given: dict[str, str] = {}
    for key, value in values:
        if key in given:
            raise ParameterError(key, msg("errors.reason.given_twice"))
        given[key] = value
    bound = query.bind(resolve_resource_parameters(query, given, state.engine), lang=lang)
    return execute_checked(state, bound.checked, bound.bindings, accept)
