"""Rank clusters by a weighted sum of criteria, and show how much the ranking hangs on the weights.

Criteria, each in ``[0, 1]`` per cluster:

- ``alignment:<document>``: the cluster's mean score over the document's goals
  (:func:`brn_graph.alignment.scores.document_coverage`), one criterion per framework document;
- ``engagement``: the engagement score (:mod:`brn_graph.alignment.engagement`);
- ``evidence``: the evidence quality (:func:`brn_graph.alignment.scores.compute_evidence_quality`).

Weights come from ``Settings.ranking_weights``, or, when given, from ``--weights
NAME=VALUE,...`` alone: a criterion the user does not name weighs 0. ``alignment`` is a budget
shared by the documents that have no weight of their own (``alignment:<slug>``) in proportion
to the context's framework shares (equally without a context). The named weights must sum to 1
(nothing is rescaled behind the user's back); the effective weight of every criterion is
printed::

    total(c) = sum of w_k * x_k(c)

The clusters ranked are the context's long list (all existing clusters without a context or
with ``--all-clusters``).

Clusters without any alignment evidence are ranked after all others whatever their total, and
the result says so. Ties share a rank (1, 2, 2, 4). Clusters that no longer exist
(``schema:dissolutionDate``) are left out and listed, unless asked for.

Sensitivity: ``samples`` weight vectors are drawn from a Dirichlet distribution centred on the
chosen weights, ``alpha_k = concentration * w_k`` (criteria with weight 0 stay 0), with a
seeded generator, so a run is reproducible. For each cluster the result gives the 5-95 %
interval and the extremes of its rank, and the share of samples in which it is in the top
``k``; for each pair of neighbours in the ranking, the share of samples in which the higher
stays higher. A conclusion holding in at least ``robust_threshold`` (default 95 %) of the
samples is called robust; otherwise it hinges on the weights.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from brn_graph.alignment.data import Ref
from brn_graph.alignment.engagement import EngagementReport
from brn_graph.alignment.scores import (
    AlignmentModel,
    compute_evidence_quality,
    document_coverage,
    round_score,
)
from brn_graph.config import Language, Settings
from brn_graph.errors import NotFoundError, ParameterError
from brn_graph.graph.resolve import Candidate, suggest
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_percent
from brn_graph.i18n.message import message as msg

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ALIGNMENT = "alignment"
ENGAGEMENT = "engagement"
EVIDENCE = "evidence"
_EVIDENCE_BONUS = 2.0  # added to the sort key of clusters with evidence: they rank first


@dataclass(frozen=True, kw_only=True)
class Criterion:
    """One column of the ranking and its normalised weight."""

    name: str
    label: str
    weight: float
    document: Ref | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "weight": round_score(self.weight),
            "document": self.document.to_dict() if self.document else None,
        }


@dataclass(frozen=True, kw_only=True)
class ClusterRank:
    """One cluster's place in the ranking and how stable it is."""

    cluster: Ref
    score: float
    rank: int
    has_evidence: bool
    components: Mapping[str, float]
    rank_interval: tuple[int, int]
    rank_min: int
    rank_max: int
    top_k_probability: float
    robust: bool
    verdict: str
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.cluster.id,
            "iri": self.cluster.iri,
            "label": self.cluster.label,
            "score": round_score(self.score),
            "rank": self.rank,
            "rank_interval": list(self.rank_interval),
            "rank_min": self.rank_min,
            "rank_max": self.rank_max,
            "top_k_probability": round_score(self.top_k_probability),
            "robust": self.robust,
            "verdict": self.verdict,
            "has_evidence": self.has_evidence,
            "note": self.note,
            "components": {k: round_score(v) for k, v in self.components.items()},
        }


@dataclass(frozen=True, kw_only=True)
class PairOrder:
    """How often the higher of two neighbours in the ranking stays above the lower."""

    higher: Ref
    lower: Ref
    probability: float
    robust: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "higher": self.higher.id,
            "lower": self.lower.id,
            "probability": round_score(self.probability),
            "robust": self.robust,
        }


@dataclass(frozen=True, kw_only=True)
class DissolvedCluster:
    """A cluster left out of the ranking because it no longer exists."""

    cluster: Ref
    dissolved: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.cluster.to_dict(), "dissolved": self.dissolved}


@dataclass(frozen=True, kw_only=True)
class Ranking:
    """The ranking, its criteria and weights, and the sensitivity analysis."""

    criteria: tuple[Criterion, ...]
    clusters: tuple[ClusterRank, ...]
    pairs: tuple[PairOrder, ...]
    conclusions: tuple[str, ...]
    samples: int
    seed: int
    concentration: float
    top_k: int
    robust_threshold: float
    excluded: tuple[DissolvedCluster, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "excluded": [e.to_dict() for e in self.excluded],
            "criteria": [c.to_dict() for c in self.criteria],
            "sensitivity": {
                "samples": self.samples,
                "seed": self.seed,
                "concentration": self.concentration,
                "distribution": "dirichlet(concentration * weights)",
                "rank_interval": "5th to 95th percentile",
                "top_k": self.top_k,
                "robust_threshold": self.robust_threshold,
            },
            "clusters": [c.to_dict() for c in self.clusters],
            "pairs": [p.to_dict() for p in self.pairs],
            "conclusions": list(self.conclusions),
        }


_SUM_TOLERANCE = 1e-6


def resolve_criteria(
    model: AlignmentModel, weights: Mapping[str, float], *, lang: Language
) -> tuple[Criterion, ...]:
    """The criteria with their effective weights (see the module docstring)."""
    documents = model.data.scored_documents
    shares = model.data.framework_shares or {d.iri: 1.0 / len(documents) for d in documents}
    explicit: dict[str, float] = {}
    budget: float | None = None
    engagement = evidence = 0.0
    known = [ALIGNMENT, ENGAGEMENT, EVIDENCE, *(f"{ALIGNMENT}:{d.slug}" for d in documents)]
    quoted = [repr(k) for k in known]
    scored = {d.iri for d in documents}
    for name, value in weights.items():
        if value < 0:
            raise ParameterError("weights", msg("ranking.error.negative", name=name))
        if name == ALIGNMENT:
            budget = float(value)
        elif name == ENGAGEMENT:
            engagement = float(value)
        elif name == EVIDENCE:
            evidence = float(value)
        elif name.startswith(f"{ALIGNMENT}:"):
            try:
                document = model.resolve_document(name.split(":", 1)[1])
            except NotFoundError as exc:
                raise ParameterError(
                    "weights", msg("ranking.error.document", reason=exc.detail, criteria=quoted)
                ) from exc
            if document.iri not in scored:
                raise ParameterError(
                    "weights",
                    msg("ranking.error.not_counted", document=document.slug, criteria=quoted),
                )
            explicit[document.iri] = float(value)
        else:
            hints = suggest(name, [Candidate(iri=k, slug=k) for k in known])
            key = "ranking.error.unknown.suggest" if hints else "ranking.error.unknown"
            raise ParameterError(
                "weights",
                msg(key, name=repr(name), suggestions=[repr(h) for h in hints], criteria=quoted),
            )
    total = sum(explicit.values()) + (budget or 0.0) + engagement + evidence
    if abs(total - 1.0) > _SUM_TOLERANCE:
        raise ParameterError("weights", msg("ranking.error.sum", total=f"{total:g}"))
    shared = [d for d in documents if d.iri not in explicit]
    shared_total = sum(shares.get(d.iri, 0.0) for d in shared)
    if budget and documents and not shared:
        raise ParameterError("weights", msg("ranking.error.no_share"))
    raw: list[tuple[str, str, float, Ref | None]] = []
    if budget and shared_total <= 0:
        # No framework counts (none in force, none with goals): the alignment weight stays
        # where it was put, and every cluster scores 0 on it. Nothing is rescaled.
        raw.append((ALIGNMENT, text("ranking.criterion.alignment_none", lang), budget, None))
    for d in documents:
        if d.iri in explicit:
            w = explicit[d.iri]
        else:
            w = (budget or 0.0) * shares.get(d.iri, 0.0) / shared_total if shared_total else 0.0
        label = text("ranking.criterion.alignment", lang, document=d.labels.get(lang))
        raw.append((f"{ALIGNMENT}:{d.slug}", label, w, d.ref(lang)))
    raw.append(
        (
            ENGAGEMENT,
            text("ranking.criterion.engagement", lang),
            engagement,
            None,
        )
    )
    raw.append((EVIDENCE, text("ranking.criterion.evidence", lang), evidence, None))
    return tuple(Criterion(name=n, label=label, weight=w, document=doc) for n, label, w, doc in raw)


def _ranks(keys: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Competition ranks along the last axis: 1 + the number of strictly greater keys."""
    import numpy as np

    greater: npt.NDArray[np.bool_] = keys[..., None, :] > keys[..., :, None] + 1e-12
    counts: npt.NDArray[np.int64] = greater.sum(axis=-1, dtype=np.int64)
    return counts + 1


def rank_clusters(
    model: AlignmentModel,
    engagement: EngagementReport,
    *,
    weights: Mapping[str, float],
    samples: int,
    seed: int,
    concentration: float,
    top_k: int,
    lang: Language,
    robust_threshold: float = 0.95,
    include_dissolved: bool = False,
) -> Ranking:
    """The weighted ranking of every cluster with its sensitivity to the weights.

    Clusters that no longer exist (``schema:dissolutionDate``) are left out and listed in
    ``excluded``, unless ``include_dissolved``.
    """
    import numpy as np

    if samples < 0:
        raise ParameterError("samples", msg("errors.reason.negative"))
    if top_k < 1:
        raise ParameterError("top", msg("errors.reason.at_least", minimum=1))
    if concentration <= 0:
        raise ParameterError("concentration", msg("errors.reason.positive"))
    criteria = resolve_criteria(model, weights, lang=lang)
    focus = model.data.focus_clusters
    clusters = focus if include_dissolved else tuple(c for c in focus if c.active)
    excluded = tuple(
        DissolvedCluster(cluster=c.ref(lang), dissolved=c.dissolved)
        for c in focus
        if c.dissolved is not None and c not in clusters
    )
    quality = compute_evidence_quality(model)
    values = np.zeros((len(clusters), len(criteria)))
    for i, cluster in enumerate(clusters):
        for j, criterion in enumerate(criteria):
            if criterion.document is not None:
                document = model.data.document_by_iri[criterion.document.iri]
                values[i, j] = document_coverage(model, cluster, document, lang=lang).mean_score
            elif criterion.name == ALIGNMENT:
                values[i, j] = 0.0
            elif criterion.name == ENGAGEMENT:
                found = engagement.by_cluster(cluster.iri)
                values[i, j] = found.score if found else 0.0
            else:
                values[i, j] = quality[cluster.iri].value
    evidence = np.array([quality[c.iri].has_evidence for c in clusters], dtype=bool)
    bonus = np.where(evidence, _EVIDENCE_BONUS, 0.0)
    chosen = np.array([c.weight for c in criteria])
    totals = values @ chosen
    base = _ranks(totals + bonus)

    if samples > 0 and len(clusters) > 0:
        rng = np.random.default_rng(seed)
        positive = chosen > 0
        drawn = rng.dirichlet(concentration * chosen[positive], size=samples)
        sampled_weights = np.zeros((samples, len(criteria)))
        sampled_weights[:, positive] = drawn
        sampled_keys = sampled_weights @ values.T + bonus
        sampled = _ranks(sampled_keys)
    else:
        sampled_keys = (totals + bonus)[None, :]
        sampled = base[None, :]

    order = sorted(range(len(clusters)), key=lambda i: (base[i], clusters[i].slug))
    ranked = []
    for i in order:
        ranks = sampled[:, i]
        low, high = (int(q) for q in np.quantile(ranks, [0.05, 0.95], method="inverted_cdf"))
        p_top = float(np.mean(ranks <= top_k))
        ranked.append(
            ClusterRank(
                cluster=clusters[i].ref(lang),
                score=float(totals[i]),
                rank=int(base[i]),
                has_evidence=bool(evidence[i]),
                components={c.name: float(values[i, j]) for j, c in enumerate(criteria)},
                rank_interval=(low, high),
                rank_min=int(ranks.min()),
                rank_max=int(ranks.max()),
                top_k_probability=p_top,
                robust=p_top >= robust_threshold or p_top <= 1 - robust_threshold,
                verdict=_verdict(p_top, top_k, robust_threshold, lang),
                note=None if evidence[i] else text("ranking.no_evidence", lang),
            )
        )
    pairs = []
    for a, b in itertools.pairwise(order):
        p = float(np.mean(sampled_keys[:, a] > sampled_keys[:, b] + 1e-12))
        pairs.append(
            PairOrder(
                higher=clusters[a].ref(lang),
                lower=clusters[b].ref(lang),
                probability=p,
                robust=p >= robust_threshold,
            )
        )
    return Ranking(
        criteria=criteria,
        clusters=tuple(ranked),
        pairs=tuple(pairs),
        conclusions=_conclusions(ranked, pairs, top_k, samples, lang, excluded),
        samples=samples,
        seed=seed,
        concentration=concentration,
        top_k=top_k,
        robust_threshold=robust_threshold,
        excluded=excluded,
    )


def rank_with_settings(
    model: AlignmentModel,
    engagement: EngagementReport,
    settings: Settings,
    *,
    weights: Mapping[str, float] | None = None,
    samples: int | None = None,
    top_k: int | None = None,
    seed: int | None = None,
    lang: Language | None = None,
    include_dissolved: bool = False,
) -> Ranking:
    """:func:`rank_clusters` with the settings' defaults; ``weights``, when given (not empty),
    replace the settings' weights entirely (a criterion not named weighs 0)."""
    merged = dict(weights) if weights else dict(settings.ranking_weights)
    return rank_clusters(
        model,
        engagement,
        weights=merged,
        samples=settings.sensitivity_samples if samples is None else samples,
        seed=settings.sensitivity_seed if seed is None else seed,
        concentration=settings.sensitivity_concentration,
        top_k=settings.top_k if top_k is None else top_k,
        lang=lang or settings.lang,
        include_dissolved=include_dissolved,
    )


def _verdict(p: float, k: int, threshold: float, lang: Language) -> str:
    if p >= threshold:
        return text("ranking.verdict.robust_in", lang, k=k)
    if p <= 1 - threshold:
        return text("ranking.verdict.robust_out", lang, k=k)
    return text("ranking.verdict.hinges", lang, k=k, share=format_percent(p, lang))


def _conclusions(
    ranked: Sequence[ClusterRank],
    pairs: Sequence[PairOrder],
    k: int,
    samples: int,
    lang: Language,
    excluded: Sequence[DissolvedCluster] = (),
) -> tuple[str, ...]:
    lines = []
    if samples == 0:
        lines.append(text("ranking.conclusion.no_samples", lang))
    robust_in = [r.cluster.label for r in ranked if r.robust and r.top_k_probability >= 0.5]
    hinged = [r for r in ranked if not r.robust]
    if robust_in:
        lines.append(text("ranking.conclusion.robust_in", lang, k=k, names=", ".join(robust_in)))
    for r in hinged:
        lines.append(
            text(
                "ranking.conclusion.hinges",
                lang,
                cluster=r.cluster.label,
                k=k,
                share=format_percent(r.top_k_probability, lang),
                low=r.rank_interval[0],
                high=r.rank_interval[1],
            )
        )
    for p in pairs:
        if p.robust:
            continue
        lines.append(
            text(
                "ranking.conclusion.pair",
                lang,
                higher=p.higher.label,
                lower=p.lower.label,
                share=format_percent(p.probability, lang),
            )
        )
    without = [r.cluster.label for r in ranked if not r.has_evidence]
    if without:
        lines.append(text("ranking.conclusion.no_evidence", lang, names=", ".join(without)))
    if excluded:
        names = ", ".join(f"{e.cluster.label} ({e.dissolved})" for e in excluded)
        lines.append(text("ranking.conclusion.dissolved", lang, names=names))
    return tuple(lines)


__all__ = [
    "ClusterRank",
    "Criterion",
    "DissolvedCluster",
    "PairOrder",
    "Ranking",
    "rank_clusters",
    "rank_with_settings",
    "resolve_criteria",
]
