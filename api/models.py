"""Response models of the REST API (``*Out``): the OpenAPI schema clients and fuzzers rely on.

They mirror the ``to_dict()`` of the library's result types; routes build them with
``Model.model_validate(result.to_dict())`` so a field added in the library does not break
the API, and a field removed fails the tests.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["high", "medium", "low", "none"]
Confidence = Literal["stated", "inferred", "weak"]


class OutModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# --------------------------------------------------------------------------- service


class HealthOut(OutModel):
    status: Literal["ok"]
    store: str = Field(description="The backend the graph is served from.")
    triples: int = Field(ge=0, description="Triples loaded (ontology and data).")
    conforms: bool = Field(description="Whether the data conforms to the SHACL shapes.")
    violations: int = Field(ge=0)
    fingerprint: str = Field(description="Digest of the loaded files: equal means equal input.")
    query_workers: int = Field(ge=0, description="Live SPARQL worker processes.")
    query_engine: Literal["ready", "starting", "failed"] = Field(
        default="ready",
        description="The query engine (SPARQL and named queries): ready, still starting (the "
        "data is loaded and the pages answer; a query waits for it) or failed to start.",
    )
    network_isolated: bool | None = Field(
        default=False,
        description="Whether the query workers have no network at all (verified at start); "
        "null while the engine starts.",
    )
    isolation: str = Field(default="", description="How the isolation was set up, or why not.")
    adhoc_sparql: bool | None = Field(
        default=True,
        description="Whether ad-hoc SPARQL is served (off when not isolated); null while the "
        "engine starts.",
    )
    worker_memory_mb: int = Field(
        default=0, ge=0, description="Memory limit per query worker in MiB (0: none)."
    )


class ErrorOut(OutModel):
    detail: Any = Field(description="What went wrong.")
    error: str | None = Field(default=None, description="The library error type.")
    message_key: str | None = Field(
        default=None, description="The message's key in the catalogue (stable across languages)."
    )


class NotFoundOut(OutModel):
    """A 404: an unknown identifier (with close matches), or an address that names nothing."""

    detail: str
    error: str | None = None
    kind: str | None = Field(
        default=None, description="What was looked up: cluster, goal, document, query ..."
    )
    identifier: str | None = None
    suggestions: list[str] = Field(default=[], description="Close matches, best first.")
    message_key: str | None = Field(
        default=None, description="The message's key in the catalogue (stable across languages)."
    )


class ValidationErrorItemOut(OutModel):
    loc: list[str | int] = Field(description="Where the bad value is, e.g. [query, lang].")
    msg: str
    type: str


class CandidateOut(OutModel):
    id: str
    type: str | None = None
    document: str | None = None


class ValidationErrorOut(OutModel):
    detail: list[ValidationErrorItemOut]
    error: str | None = Field(None, description="AmbiguousError when a name fits several.")
    candidates: list[CandidateOut] | None = Field(
        None, description="Each resource an ambiguous name fits, with its type and document."
    )


class TimeoutOut(OutModel):
    detail: str
    error: str | None = None
    timeout_seconds: float | None = None
    message_key: str | None = Field(
        default=None, description="The message's key in the catalogue (stable across languages)."
    )


# --------------------------------------------------------------------------- validation


class ValidationResultOut(OutModel):
    focus_node: str
    path: str | None
    value: str | None
    message: str
    shape: str
    shape_id: str
    severity: str
    constraint: str
    source_file: str | None


class ValidationOut(OutModel):
    conforms: bool
    counts: dict[str, int]
    results: list[ValidationResultOut]


# --------------------------------------------------------------------------- references


class RefOut(OutModel):
    id: str = Field(description="The slug: the last segment of the IRI.")
    iri: str
    label: str = Field(description="The label in the chosen language (or the other one).")


class TargetRefOut(RefOut):
    kind: Literal["goal", "strength-position"]
    notation: str | None
    document: str = Field(description="Slug of the framework document defining it.")


class SourceOut(OutModel):
    id: str
    iri: str
    title: str
    url: str | None
    citation: str | None
    confidence: str | None


# --------------------------------------------------------------------------- clusters


class OfficeOut(OutModel):
    id: str
    iri: str
    label: str
    locality: str | None = None
    municipality: RefOut | None = None
    primary: bool = False
    north_jutland: bool = Field(
        default=False, description="Whether the office is in a North Jutland municipality."
    )


class FigureOut(OutModel):
    id: str
    iri: str
    label: str
    measure: str
    value: float | int | str
    detail: str | None = Field(default=None, description="The value as stated (qualifier).")
    unit: str | None = None
    qualifier: str | None = None
    date: str | None = None
    scope: RefOut | None = None
    confidence: str | None = None
    sources: list[SourceOut] = []


class MembershipSummaryOut(OutModel):
    members: int | float | None = Field(
        description="Member companies (from memberships), else the latest members figure."
    )
    members_basis: Literal["memberships", "figure", "unknown"]
    members_date: str | None
    smes: int | float | None = Field(description="SME members, from the latest figure.")
    smes_basis: Literal["figure", "unknown"]
    smes_date: str | None


class ClusterSummaryOut(RefOut):
    alt_names: list[str]
    focus_areas: list[RefOut]
    north_jutland: bool | None = Field(
        default=None,
        description="Has an office in North Jutland (null when the offices are unknown).",
    )
    offices_in_north_jutland: list[str] = []
    dissolved: str | None = Field(
        default=None,
        description="When the cluster was dissolved (schema:dissolutionDate); null if it exists.",
    )
    aligned_goals: int = Field(ge=0, description="Goals and strength positions with a score.")
    strong_alignments: int = Field(ge=0)
    sources: list[SourceOut]


class DocumentCoverageOut(OutModel):
    document: RefOut
    goals: int
    served: int
    coverage: float
    mean_score: float = Field(
        description="Mean score over every goal of the document, unassessed ones as 0 (the "
        "figure the ranking uses)."
    )
    assessed: int = Field(
        ge=0, description="Goals with an assessment (none included) or a rule hit."
    )
    assessed_mean: float | None = Field(
        description="Mean score over the assessed goals only; null when none is assessed."
    )
    served_goals: list[str]


class AlignmentCellOut(OutModel):
    goal: str
    label: str | None = None
    document: str | None = None
    score: float
    level: Level | None
    confidence: Confidence | None
    origin: Literal["assessed", "rule"] | None
    rule: str | None


class ClusterProfileOut(OutModel):
    cluster: ClusterSummaryOut
    offices: list[OfficeOut]
    figures: list[FigureOut]
    memberships: MembershipSummaryOut | None
    alignments: list[DocumentCoverageOut]
    notes: list[str] = Field(default=[], description="What is not available and why.")


class ThemePairOut(OutModel):
    cluster: RefOut
    goal: RefOut


class EvidenceOut(OutModel):
    origin: Literal["assessed", "rule"]
    stated_or_inferred: Literal["stated", "inferred"]
    alignment: str | None
    rule: str | None
    rule_summary: str | None
    matched_themes: ThemePairOut | None
    level: Level
    confidence: Confidence
    effective_confidence: Confidence
    score: float
    text: str
    passage: str | None
    document: RefOut | None
    sources: list[SourceOut]
    assessor: RefOut | None
    created: str | None
    counted: bool
    chosen: bool


class GoalAlignmentOut(OutModel):
    goal: TargetRefOut
    score: float
    level: Level | None
    confidence: Confidence | None
    origin: Literal["assessed", "rule"] | None
    rule: str | None
    evidence: list[EvidenceOut]


class ClusterAlignmentOut(OutModel):
    context: ContextOut | None = None
    cluster: RefOut
    documents: list[DocumentCoverageOut]
    goals: list[GoalAlignmentOut]


# --------------------------------------------------------------------------- documents


class DocumentOut(RefOut):
    kinds: list[str]
    part_of: list[str]
    goals: int = Field(ge=0, description="Goals and strength positions it defines, together.")
    goal_count: int = Field(0, ge=0, description="Goals it defines.")
    strength_position_count: int = Field(0, ge=0, description="Strength positions it defines.")
    description: str | None = Field(None, description="Its description in the chosen language.")
    issued: str | None = Field(None, description="When it was issued, as the sources date it.")
    known_gaps: dict[str, str] = Field(
        default_factory=dict,
        description="What the sources do not say about it, per language (da, en).",
    )
    sources: list[SourceOut]


class GoalOut(TargetRefOut):
    themes: list[RefOut]
    sources: list[SourceOut]


class DocumentDetailOut(OutModel):
    document: DocumentOut
    goals: list[GoalOut]


class MatrixCellOut(OutModel):
    goal: str
    score: float
    level: Level | None
    confidence: Confidence | None
    origin: Literal["assessed", "rule"] | None
    rule: str | None


class MatrixRowOut(OutModel):
    cluster: RefOut
    coverage: float
    mean_score: float = Field(
        description="Mean score over every goal, unassessed ones as 0 (the ranking's figure)."
    )
    goals: int = Field(ge=0)
    assessed: int = Field(ge=0, description="Cells with an assessment or a rule hit.")
    assessed_mean: float | None = Field(
        description="Mean score over the assessed cells only; null when none is assessed."
    )
    cells: list[MatrixCellOut]


class DocumentMatrixOut(OutModel):
    context: ContextOut | None = None
    counted: bool | None = Field(
        default=None, description="Whether the document counts in the context on the date."
    )
    document: RefOut
    goals: list[TargetRefOut]
    rows: list[MatrixRowOut]


class SupportOut(OutModel):
    cluster: RefOut
    score: float
    level: Level
    confidence: Confidence
    origin: Literal["assessed", "rule"]
    rule: str | None
    stated: bool


class GoalDetailOut(OutModel):
    goal: GoalOut
    document: RefOut
    clusters: list[SupportOut]


class GoalClustersOut(OutModel):
    goal: TargetRefOut
    clusters: list[SupportOut]


# --------------------------------------------------------------------------- analytics


class GapOut(OutModel):
    goal: TargetRefOut
    document: RefOut
    kind: Literal["no-cluster", "only-inferred-or-weak", "outside-remit"]
    note: str | None = None
    clusters: list[SupportOut]


class OverlapOut(OutModel):
    goal: TargetRefOut
    document: RefOut
    threshold: float
    clusters: list[SupportOut]


class UnanchoredClusterOut(OutModel):
    cluster: RefOut
    focus_areas: list[RefOut]


class ContextFrameworkOut(OutModel):
    id: str
    notation: str | None
    label: str
    document: str | None = Field(description="The framework's own document, when in the graph.")
    stand_in: str | None = Field(description="The declared stand-in, if any.")
    used: str | None = Field(description="The document counted on the date (None: not counted).")
    use: Literal["document", "stand-in", "not-counted"]
    weight_declared: float
    weight: float = Field(description="Effective share of the alignment weight on the date.")
    status: str
    message: str
    stand_in_note: str | None


class ContextEventOut(OutModel):
    id: str
    iri: str
    label: str
    date: str | None


class ContextOut(OutModel):
    """The decision context and the as-of date a result was computed for."""

    id: str
    iri: str
    label: str
    as_of: str
    as_of_chosen: bool
    context_date: str
    decided_at: ContextEventOut | None
    prepared_at: ContextEventOut | None
    long_list: list[str]
    all_clusters: bool
    frameworks: list[ContextFrameworkOut]
    stand_ins: list[dict[str, str | None]]
    weights_rescaled: bool
    summary: list[str]
    known_gap: str | None


class GapsOut(OutModel):
    context: ContextOut | None = None
    gaps: list[GapOut]
    unanchored_clusters: list[UnanchoredClusterOut]


class OverlapsOut(OutModel):
    context: ContextOut | None = None
    threshold: float
    overlaps: list[OverlapOut]


class ExplanationOut(OutModel):
    context: ContextOut | None = None
    cluster: RefOut
    goal: TargetRefOut
    document: RefOut
    score: float
    level: Level | None
    confidence: Confidence | None
    level_weight: float | None
    confidence_weight: float | None
    formula: str
    evidence: list[EvidenceOut]


# --------------------------------------------------------------------------- queries


class QueryParameterOut(OutModel):
    name: str
    type: str = Field(description="iri, string, language, integer, decimal, boolean, date, year.")
    example: str = Field(description="Also the default value.")
    description: str


class NamedQueryOut(OutModel):
    name: str
    file: str
    form: str = Field(description="SELECT, ASK, CONSTRUCT or DESCRIBE.")
    summary: str
    parameters: list[QueryParameterOut]
    columns: list[str]
    limit: int | None = Field(
        default=None,
        description="The most rows the query returns; a longer result is cut there and "
        'marked truncated ("truncated": true, X-BRN-Truncated). None: the service\'s row cap.',
    )
    url: str = Field(description="Where to run it: GET this address (add ?param=value).")
    query: str = Field(description="The SPARQL text.")


# --------------------------------------------------------------------------- engagement


class MetricItemOut(RefOut):
    detail: str | None
    date: str | None
    sources: list[SourceOut]


class MetricOut(OutModel):
    name: str
    label: str
    value: float | int | None = Field(description="None when the data has no such facts.")
    missing: bool
    scope: Literal["national", "north-jutland"]
    unit: str | None
    date: str | None
    note: str | None
    normalised: float | None
    sources: list[SourceOut]
    items: list[MetricItemOut]


class ClusterEngagementOut(OutModel):
    cluster: RefOut
    score: float = Field(ge=0, le=1)
    completeness: float = Field(ge=0, le=1, description="Share of metric weight with data.")
    metrics: dict[str, MetricOut]


class EngagementOut(OutModel):
    context: ContextOut | None = None
    region: RefOut
    weights: dict[str, float]
    clusters: list[ClusterEngagementOut]


# --------------------------------------------------------------------------- ranking


class CriterionOut(OutModel):
    name: str
    label: str
    weight: float
    document: RefOut | None


class SensitivityOut(OutModel):
    samples: int
    seed: int
    concentration: float
    distribution: str
    rank_interval: str
    top_k: int
    robust_threshold: float


class ClusterRankOut(RefOut):
    score: float
    rank: int = Field(ge=1)
    rank_interval: list[int] = Field(description="5th to 95th percentile of the sampled ranks.")
    rank_min: int
    rank_max: int
    top_k_probability: float
    robust: bool
    verdict: str
    has_evidence: bool
    note: str | None
    components: dict[str, float]


class PairOrderOut(OutModel):
    higher: str
    lower: str
    probability: float
    robust: bool


class RankingOut(OutModel):
    context: ContextOut | None = None
    criteria: list[CriterionOut]
    sensitivity: SensitivityOut
    clusters: list[ClusterRankOut]
    pairs: list[PairOrderOut]
    conclusions: list[str]


# --------------------------------------------------------------------------- context


class CompletenessPairOut(OutModel):
    cluster: RefOut
    goal: TargetRefOut


class CompletenessDetailOut(OutModel):
    pairs: int
    assessed: int
    share: float | None = Field(description="assessed / pairs; None when there are no pairs.")
    missing: list[CompletenessPairOut]


class CompletenessOut(OutModel):
    context: ContextOut | None = None
    completeness: CompletenessDetailOut


class RankChangeOut(OutModel):
    cluster: RefOut
    rank: int | None
    score: float | None
    baseline_rank: int | None
    baseline_score: float | None
    rank_change: int | None
    score_change: float | None


class RankingComparisonOut(OutModel):
    context: ContextOut
    baseline_context: ContextOut
    clusters: list[RankChangeOut]
    documents_entering: list[RefOut]
    documents_leaving: list[RefOut]
    assessments_added: list[dict[str, Any]]
    assessments_removed: list[dict[str, Any]]
    criteria: list[CriterionOut]
    baseline_criteria: list[CriterionOut]
