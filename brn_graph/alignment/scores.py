"""The alignment model: explainable scores of clusters against goals and strength positions.

This module scores (weights, scores, document coverage and matrix, cluster alignment, evidence
quality). The records it scores are read by :mod:`brn_graph.alignment.data`; a score is
explained by :mod:`brn_graph.alignment.explain`; gaps, overlaps and unanchored clusters are found by
:mod:`brn_graph.alignment.gaps`. The formula below covers all of them.

What is read (``queries/alignment/*.rq``): clusters with their focus-area themes, framework
documents, the goals and strength positions they define (the *targets*) with their themes,
the alignment assessments (``brn:Alignment``) with evidence, sources, assessor and date.
What is derived (``queries/rules/*.rq``): alignments from SKOS links between a cluster's
focus area and a target's theme, each marked ``inferred`` and naming its rule.

The formula
-----------
Every alignment record ``a`` (an assessment, or a rule hit) has a level and a confidence from
closed lists, each with a weight in ``[0, 1]`` (``Settings.alignment_weights``)::

    s(a) = w_level[level(a)] * w_confidence[confidence(a)]

    defaults: level     high 1.0   medium 0.6   low 0.3   none 0 (fixed)
              confidence stated 1.0 inferred 0.6 weak 0.3

``none`` ("assessed, not aligned") scores 0 but is an assessment: it supersedes every rule hit
of its pair, and the pair counts as assessed (completeness) but not as served.

A rule hit always has confidence ``inferred``. An assessment without a level counts as
``low``, without a confidence as ``weak``. The score of cluster ``c`` for target ``t`` is::

    score(c, t) = max s(a) over the assessments of (c, t)            if there are any
                = max s(a) over the rule hits of (c, t)              otherwise
                = 0                                                  if neither exists

so a derived alignment never overrides an assessment: it is kept only as *superseded*
evidence that :func:`~brn_graph.alignment.explain.explain_alignment` shows but no score uses. The
maximum (not the mean) is used because two assessments of one pair are two readings of the
same link; the strongest supported reading stands, and explain lists them all.

Per cluster ``c`` and framework document ``D`` with targets ``T(D)`` (its goals and strength
positions; targets, indicators and documents without targets are left out)::

    served(c, D)     = { t in T(D) : (c, t) has an alignment (assessed or derived) }
    coverage(c, D)   = |served(c, D)| / |T(D)|
    mean_score(c, D) = sum of score(c, t) over T(D) / |T(D)|      (unserved targets count 0)
    assessed(c, D)   = { t in T(D) : (c, t) has an assessment (``none`` included) or a rule hit }
    assessed_mean(c, D) = sum of score(c, t) over assessed(c, D) / |assessed(c, D)|
                        (None, "not assessed", when assessed(c, D) is empty)

Whether a target is *served* depends on the evidence only, not on the weights; how much it
counts does. ``mean_score`` is the figure the ranking uses per document (where coverage is
part of the score). ``assessed_mean`` is the figure shown to a reader next to the matrix, always
with ``assessed`` of ``goals``: a pair without any record is unknown, never 0.

Gaps and overlaps: a target is a gap when no cluster is aligned with it, or when every
alignment it has rests on ``weak`` or ``inferred`` confidence (rule hits included). A target
is an overlap when two or more clusters reach ``score >= Settings.strong_alignment_threshold``
(default 0.6: high with stated or inferred confidence, or medium stated), against the Danish
principle of one national cluster per strength area. A cluster without any alignment is
*unanchored*. Gaps, overlaps and unanchored clusters consider only clusters that still exist
(no ``schema:dissolutionDate``): a goal served only by a dissolved cluster is a gap.

Evidence quality of a cluster is the mean, over the goals and strength positions of the scored
documents (the context's frameworks), of the confidence weight of the best-evidenced record of
the pair (its assessments, ``none`` included, and its rule hits, superseded ones included; 0
without any), where a record none of whose sources has a web address counts as ``weak``.
Adding a record can only raise a pair's best weight, so the criterion never falls when
evidence is added (a weak assessment does not undo a rule's inference as evidence, though it
does replace it as the pair's score).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from brn_graph.alignment.data import (
    CONFIDENCES,
    LEVELS,
    AlignmentData,
    AlignmentRecord,
    ClusterInfo,
    DocumentInfo,
    Origin,
    Ref,
    Source,
    TargetInfo,
    TargetRef,
    load_alignment_data,
)
from brn_graph.config import Language, Settings
from brn_graph.errors import ConfigError
from brn_graph.graph.resolve import Candidate, resolve_identifier, slug_of, suggest
from brn_graph.i18n.message import Message
from brn_graph.i18n.message import message as msg
from brn_graph.query.analytics import GraphQueries


def unknown_weight(kind: str, name: str, hints: Sequence[str]) -> Message:
    """The error for an unknown weight name of ``kind`` (alignment, engagement), with hints."""
    if hints:
        return msg(f"errors.weights.{kind}_unknown_hint", name=repr(name), hints=list(hints))
    return msg(f"errors.weights.{kind}_unknown", name=repr(name))


def round_score(value: float) -> float:
    """Scores in output: four decimals, enough to check a hand calculation."""
    return round(value, 4)


# --------------------------------------------------------------------------------------
# Weights and scores
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AlignmentWeights:
    """Weights of the closed lists (``level.*``, ``confidence.*``) and the overlap threshold.

    >>> w = AlignmentWeights.from_mapping({"level.high": 1, "level.medium": 0.5,
    ...     "level.low": 0.2, "confidence.stated": 1, "confidence.inferred": 0.5,
    ...     "confidence.weak": 0.25})
    >>> w.score("medium", "inferred")
    0.25
    """

    level: Mapping[str, float]
    confidence: Mapping[str, float]
    strong_threshold: float = 0.6

    @classmethod
    def from_settings(cls, settings: Settings) -> AlignmentWeights:
        return cls.from_mapping(
            settings.alignment_weights, strong_threshold=settings.strong_alignment_threshold
        )

    @classmethod
    def from_mapping(
        cls, mapping: Mapping[str, float], *, strong_threshold: float = 0.6
    ) -> AlignmentWeights:
        known = [f"level.{v}" for v in LEVELS] + [f"confidence.{v}" for v in CONFIDENCES]
        mapping = {"level.none": 0.0, **mapping}
        unknown = sorted(set(mapping) - set(known))
        if unknown:
            hints = suggest(unknown[0], [Candidate(iri=k, slug=k) for k in known])
            raise ConfigError(unknown_weight("alignment", unknown[0], hints))
        missing = [k for k in known if k not in mapping]
        if missing:
            raise ConfigError(msg("errors.weights.alignment_missing", names=missing))
        if float(mapping["level.none"]) != 0.0:
            raise ConfigError(msg("errors.weights.none_fixed"))
        for name, value in mapping.items():
            if not 0.0 <= float(value) <= 1.0:
                raise ConfigError(msg("errors.weights.unit_range", name=name, value=value))
        if not 0.0 <= strong_threshold <= 1.0:
            raise ConfigError(msg("errors.weights.threshold"))
        return cls(
            level={v: float(mapping[f"level.{v}"]) for v in LEVELS},
            confidence={v: float(mapping[f"confidence.{v}"]) for v in CONFIDENCES},
            strong_threshold=strong_threshold,
        )

    def score(self, level: str, confidence: str) -> float:
        return self.level[level] * self.confidence[confidence]

    def to_dict(self) -> dict[str, Any]:
        return {
            **{f"level.{k}": v for k, v in self.level.items()},
            **{f"confidence.{k}": v for k, v in self.confidence.items()},
            "strong_threshold": self.strong_threshold,
        }


@dataclass(frozen=True, kw_only=True)
class AlignmentScore:
    """The score of one cluster for one target, and the record it rests on."""

    cluster: str
    target: str
    document: str
    score: float
    level: str
    confidence: str
    origin: Origin
    rule: str | None
    alignment: str | None
    level_weight: float
    confidence_weight: float
    records: int

    @property
    def inferred(self) -> bool:
        return self.origin is Origin.RULE


def effective_confidence(record: AlignmentRecord, sources: Mapping[str, Source]) -> str:
    """The record's confidence, lowered to ``weak`` when none of its sources has a web address."""
    if not any(sources.get(s) is not None and sources[s].is_web for s in record.sources):
        return "weak"
    return record.confidence


def counted_records(data: AlignmentData, pair: tuple[str, str]) -> tuple[AlignmentRecord, ...]:
    """The records a score rests on: the assessments of the pair, or else its rule hits."""
    records = data.records_by_pair.get(pair, ())
    assessed = tuple(r for r in records if r.origin is Origin.ASSESSED)
    return assessed or records


def _score_pair(
    data: AlignmentData, weights: AlignmentWeights, pair: tuple[str, str]
) -> AlignmentScore | None:
    records = counted_records(data, pair)
    if not records:
        return None

    def key(r: AlignmentRecord) -> tuple[float, int, int, tuple[str, str]]:
        return (
            -weights.score(r.level, r.confidence),
            CONFIDENCES.index(r.confidence),
            LEVELS.index(r.level),
            r.sort_key,
        )

    best = min(records, key=key)
    if best.level == "none":
        return None  # assessed, not aligned: no score, and no rule hit takes its place
    target = data.target_by_iri[pair[1]]
    return AlignmentScore(
        cluster=pair[0],
        target=pair[1],
        document=target.document,
        score=weights.score(best.level, best.confidence),
        level=best.level,
        confidence=best.confidence,
        origin=best.origin,
        rule=best.rule.rule if best.rule else None,
        alignment=best.iri,
        level_weight=weights.level[best.level],
        confidence_weight=weights.confidence[best.confidence],
        records=len(records),
    )


@dataclass(frozen=True, kw_only=True)
class AlignmentModel:
    """The data of one graph with one set of weights, and the scores they give."""

    data: AlignmentData
    weights: AlignmentWeights
    scores: Mapping[tuple[str, str], AlignmentScore]

    def score(self, cluster: str, target: str) -> float:
        found = self.scores.get((cluster, target))
        return found.score if found else 0.0

    def with_weights(self, weights: AlignmentWeights) -> AlignmentModel:
        """The same data scored with other weights (the graph is not read again)."""
        return score_alignments(self.data, weights)

    # Resolution of user input, shared by the CLI and the API.

    def resolve_cluster(self, text: str) -> ClusterInfo:
        candidates = [
            Candidate(
                iri=c.iri,
                slug=c.slug,
                names=tuple(
                    n for n in (c.labels.da, c.labels.en, *c.alt_names, *c.merged_names) if n
                ),
                kind="cluster",
            )
            for c in self.data.clusters
        ]
        found = resolve_identifier("cluster", text, candidates, base_iri=self.data.base_iri)
        return self.data.cluster_by_iri[found.iri]

    def resolve_target(self, text: str) -> TargetInfo:
        candidates = [
            Candidate(
                iri=t.iri,
                slug=t.slug,
                names=tuple(n for n in (t.labels.da, t.labels.en) if n),
                kind=str(t.kind),
                document=slug_of(t.document),
            )
            for t in self.data.targets
        ]
        found = resolve_identifier("goal", text, candidates, base_iri=self.data.base_iri)
        return self.data.target_by_iri[found.iri]

    def resolve_document(self, text: str) -> DocumentInfo:
        candidates = [
            Candidate(
                iri=d.iri, slug=d.slug, names=tuple(n for n in (d.labels.da, d.labels.en) if n)
            )
            for d in self.data.documents
        ]
        found = resolve_identifier("document", text, candidates, base_iri=self.data.base_iri)
        return self.data.document_by_iri[found.iri]


def score_alignments(data: AlignmentData, weights: AlignmentWeights) -> AlignmentModel:
    """Score every (cluster, target) pair that has evidence."""
    scores: dict[tuple[str, str], AlignmentScore] = {}
    for pair in sorted(data.records_by_pair):
        scored = _score_pair(data, weights, pair)
        if scored is not None:
            scores[pair] = scored
    return AlignmentModel(data=data, weights=weights, scores=scores)


def build_alignment_model(queries: GraphQueries, settings: Settings) -> AlignmentModel:
    """Read the graph and score it with the weights of ``settings``: the usual entry point."""
    weights = AlignmentWeights.from_settings(settings)
    data = load_alignment_data(queries, base_iri=settings.base_iri)
    return score_alignments(data, weights)


# --------------------------------------------------------------------------------------
# Document view
# --------------------------------------------------------------------------------------


def _round_or_none(value: float | None) -> float | None:
    return None if value is None else round_score(value)


@dataclass(frozen=True, kw_only=True)
class DocumentCoverage:
    """How one cluster serves one framework document."""

    cluster: Ref
    document: Ref
    goals: int
    served: int
    coverage: float
    mean_score: float
    assessed: int
    assessed_mean: float | None
    served_goals: tuple[TargetRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "document": self.document.to_dict(),
            "goals": self.goals,
            "served": self.served,
            "coverage": round_score(self.coverage),
            "mean_score": round_score(self.mean_score),
            "assessed": self.assessed,
            "assessed_mean": _round_or_none(self.assessed_mean),
            "served_goals": [g.id for g in self.served_goals],
        }


def document_coverage(
    model: AlignmentModel, cluster: ClusterInfo, document: DocumentInfo, *, lang: Language
) -> DocumentCoverage:
    """Coverage and mean score of ``cluster`` over the goals of ``document`` (see the formula)."""
    targets = model.data.targets_by_document.get(document.iri, ())
    served = tuple(t for t in targets if (cluster.iri, t.iri) in model.scores)
    assessed = [
        t
        for t in targets
        if (cluster.iri, t.iri) in model.scores or (cluster.iri, t.iri) in model.data.assessed_pairs
    ]
    total = sum(model.score(cluster.iri, t.iri) for t in targets)
    n = len(targets)
    return DocumentCoverage(
        cluster=cluster.ref(lang),
        document=document.ref(lang),
        goals=n,
        served=len(served),
        coverage=len(served) / n if n else 0.0,
        mean_score=total / n if n else 0.0,
        assessed=len(assessed),
        assessed_mean=(
            sum(model.score(cluster.iri, t.iri) for t in assessed) / len(assessed)
            if assessed
            else None
        ),
        served_goals=tuple(t.ref(lang) for t in served),
    )


def compute_document_view(
    model: AlignmentModel,
    *,
    lang: Language,
    cluster: str | None = None,
    document: str | None = None,
) -> tuple[DocumentCoverage, ...]:
    """Coverage and mean score for every cluster x framework document (optionally filtered)."""
    clusters = [model.resolve_cluster(cluster)] if cluster else list(model.data.clusters)
    documents = (
        [model.resolve_document(document)] if document else list(model.data.scored_documents)
    )
    return tuple(document_coverage(model, c, d, lang=lang) for c in clusters for d in documents)


@dataclass(frozen=True, kw_only=True)
class MatrixCell:
    target: TargetRef
    score: float
    level: str | None
    confidence: str | None
    origin: Origin | None
    rule: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "goal": self.target.id,
            "score": round_score(self.score),
            "level": self.level,
            "confidence": self.confidence,
            "origin": str(self.origin) if self.origin else None,
            "rule": self.rule,
        }


@dataclass(frozen=True, kw_only=True)
class MatrixRow:
    cluster: Ref
    cells: tuple[MatrixCell, ...]
    coverage: float
    mean_score: float
    goals: int
    assessed: int
    assessed_mean: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "coverage": round_score(self.coverage),
            "mean_score": round_score(self.mean_score),
            "goals": self.goals,
            "assessed": self.assessed,
            "assessed_mean": _round_or_none(self.assessed_mean),
            "cells": [c.to_dict() for c in self.cells],
        }


@dataclass(frozen=True, kw_only=True)
class DocumentMatrix:
    """Every cluster against every goal and strength position of one framework document."""

    document: Ref
    targets: tuple[TargetRef, ...]
    rows: tuple[MatrixRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "goals": [t.to_dict() for t in self.targets],
            "rows": [r.to_dict() for r in self.rows],
        }


def _cell(model: AlignmentModel, cluster: str, target: TargetInfo, lang: Language) -> MatrixCell:
    s = model.scores.get((cluster, target.iri))
    if s is None and (cluster, target.iri) in model.data.assessed_pairs:
        return MatrixCell(
            target=target.ref(lang),
            score=0.0,
            level="none",
            confidence=None,
            origin=Origin.ASSESSED,
            rule=None,
        )
    return MatrixCell(
        target=target.ref(lang),
        score=s.score if s else 0.0,
        level=s.level if s else None,
        confidence=s.confidence if s else None,
        origin=s.origin if s else None,
        rule=s.rule if s else None,
    )


def compute_document_matrix(
    model: AlignmentModel, document: str, *, lang: Language, cluster: str | None = None
) -> DocumentMatrix:
    """The clusters x goals matrix of one document (optionally one cluster's row)."""
    doc = model.resolve_document(document)
    targets = model.data.targets_by_document.get(doc.iri, ())
    clusters = [model.resolve_cluster(cluster)] if cluster else list(model.data.clusters)
    rows = []
    for c in clusters:
        coverage = document_coverage(model, c, doc, lang=lang)
        rows.append(
            MatrixRow(
                cluster=c.ref(lang),
                cells=tuple(_cell(model, c.iri, t, lang) for t in targets),
                coverage=coverage.coverage,
                mean_score=coverage.mean_score,
                goals=coverage.goals,
                assessed=coverage.assessed,
                assessed_mean=coverage.assessed_mean,
            )
        )
    return DocumentMatrix(
        document=doc.ref(lang), targets=tuple(t.ref(lang) for t in targets), rows=tuple(rows)
    )


@dataclass(frozen=True, kw_only=True)
class ClusterAlignment:
    """One cluster: its coverage per document and its score for every target."""

    cluster: Ref
    documents: tuple[DocumentCoverage, ...]
    cells: tuple[MatrixCell, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "documents": [
                {k: v for k, v in d.to_dict().items() if k != "cluster"} for d in self.documents
            ],
            "goals": [
                {**c.to_dict(), "label": c.target.label, "document": slug_of(c.target.document)}
                for c in self.cells
            ],
        }


def compute_cluster_alignment(
    model: AlignmentModel, cluster: str, *, lang: Language, document: str | None = None
) -> ClusterAlignment:
    """Everything about one cluster's alignment, for ``GET /api/clusters/{id}/alignment``."""
    c = model.resolve_cluster(cluster)
    documents = (
        [model.resolve_document(document)] if document else list(model.data.scored_documents)
    )
    cells = tuple(
        _cell(model, c.iri, t, lang)
        for d in documents
        for t in model.data.targets_by_document.get(d.iri, ())
    )
    return ClusterAlignment(
        cluster=c.ref(lang),
        documents=tuple(document_coverage(model, c, d, lang=lang) for d in documents),
        cells=cells,
    )


# --------------------------------------------------------------------------------------
# Evidence quality (used by the ranking)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EvidenceQuality:
    """Mean confidence weight of the records behind a cluster's scores (0 without evidence)."""

    cluster: str
    value: float
    records: int
    web_sourced: int
    by_confidence: Mapping[str, int]

    @property
    def has_evidence(self) -> bool:
        return self.records > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": round_score(self.value),
            "records": self.records,
            "web_sourced": self.web_sourced,
            "by_confidence": dict(self.by_confidence),
        }


def compute_evidence_quality(model: AlignmentModel) -> dict[str, EvidenceQuality]:
    """Evidence quality per cluster IRI (see the module docstring)."""
    data = model.data
    targets = data.scored_targets
    result = {}
    for cluster in data.clusters:
        best: list[str] = []
        for target in targets:
            pair = (cluster.iri, target.iri)
            records = data.records_by_pair.get(pair, ()) + data.superseded_by_pair.get(pair, ())
            if records:
                confidences = [effective_confidence(r, data.sources) for r in records]
                best.append(min(confidences, key=CONFIDENCES.index))
        total = sum(model.weights.confidence[c] for c in best)
        result[cluster.iri] = EvidenceQuality(
            cluster=cluster.iri,
            value=total / len(targets) if targets else 0.0,
            records=len(best),
            web_sourced=sum(1 for c in best if c != "weak"),
            by_confidence={k: best.count(k) for k in CONFIDENCES},
        )
    return result


@dataclass(frozen=True, kw_only=True)
class Completeness:
    """How many (cluster, goal) pairs of the focus clusters and scored documents are assessed."""

    pairs: int
    assessed: int
    missing: tuple[tuple[Ref, TargetRef], ...]

    @property
    def share(self) -> float | None:
        return self.assessed / self.pairs if self.pairs else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "assessed": self.assessed,
            "share": None if self.share is None else round_score(self.share),
            "missing": [{"cluster": c.to_dict(), "goal": t.to_dict()} for c, t in self.missing],
        }


def compute_completeness(model: AlignmentModel, *, lang: Language) -> Completeness:
    """The share of (focus cluster x scored goal) pairs with an explicit assessment."""
    data = model.data
    pairs = [(c, t) for c in data.focus_clusters for t in data.scored_targets]
    missing = tuple(
        (c.ref(lang), t.ref(lang)) for c, t in pairs if (c.iri, t.iri) not in data.assessed_pairs
    )
    return Completeness(pairs=len(pairs), assessed=len(pairs) - len(missing), missing=missing)


__all__ = [
    "AlignmentModel",
    "AlignmentScore",
    "AlignmentWeights",
    "ClusterAlignment",
    "Completeness",
    "DocumentCoverage",
    "DocumentMatrix",
    "EvidenceQuality",
    "build_alignment_model",
    "compute_cluster_alignment",
    "compute_completeness",
    "compute_document_matrix",
    "compute_document_view",
    "compute_evidence_quality",
    "score_alignments",
]
