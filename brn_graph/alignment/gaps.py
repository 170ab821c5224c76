"""Gaps, overlaps and unanchored clusters of an alignment model (``brn-graph gaps``).

The definitions are in the module docstring of :mod:`brn_graph.alignment.scores` ("Gaps and
overlaps"); this module finds them in a scored :class:`~brn_graph.alignment.scores.AlignmentModel`.

Gaps come in three kinds: ``no-cluster`` (no cluster of the long list is aligned at all: no
assessment above ``none`` and no rule hit), ``only-inferred-or-weak`` (every alignment rests on
inferred or weak evidence), and ``outside-remit`` (the goal is marked
``brn:outsideClusterRemit``: no cluster could serve it, whatever the alignments say). Only the
clusters of the context's long list (all existing clusters without a context) and the goals of
the frameworks it counts are considered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from brn_graph.alignment.data import ClusterInfo, Origin, Ref, TargetInfo, TargetRef
from brn_graph.alignment.gap_kinds import GapKind as GapKind
from brn_graph.alignment.scores import AlignmentModel, counted_records, round_score
from brn_graph.config import Language


@dataclass(frozen=True, kw_only=True)
class Support:
    """A cluster's alignment with a target, as listed under a gap or an overlap."""

    cluster: Ref
    score: float
    level: str
    confidence: str
    origin: Origin
    rule: str | None
    stated: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "score": round_score(self.score),
            "level": self.level,
            "confidence": self.confidence,
            "origin": str(self.origin),
            "rule": self.rule,
            "stated": self.stated,
        }


@dataclass(frozen=True, kw_only=True)
class Gap:
    target: TargetRef
    document: Ref
    kind: GapKind
    clusters: tuple[Support, ...]
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "goal": self.target.to_dict(),
            "document": self.document.to_dict(),
            "kind": str(self.kind),
            "note": self.note,
            "clusters": [s.to_dict() for s in self.clusters],
        }


@dataclass(frozen=True, kw_only=True)
class Overlap:
    target: TargetRef
    document: Ref
    clusters: tuple[Support, ...]
    threshold: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "goal": self.target.to_dict(),
            "document": self.document.to_dict(),
            "threshold": self.threshold,
            "clusters": [s.to_dict() for s in self.clusters],
        }


@dataclass(frozen=True, kw_only=True)
class UnanchoredCluster:
    cluster: Ref
    focus_areas: tuple[Ref, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "focus_areas": [f.to_dict() for f in self.focus_areas],
        }


@dataclass(frozen=True, kw_only=True)
class GapReport:
    gaps: tuple[Gap, ...]
    overlaps: tuple[Overlap, ...]
    unanchored: tuple[UnanchoredCluster, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gaps": [g.to_dict() for g in self.gaps],
            "overlaps": [o.to_dict() for o in self.overlaps],
            "unanchored_clusters": [u.to_dict() for u in self.unanchored],
        }


def _supports(model: AlignmentModel, target: TargetInfo, lang: Language) -> list[Support]:
    supports = []
    for cluster in _clusters(model):
        s = model.scores.get((cluster.iri, target.iri))
        if s is None:
            continue
        records = counted_records(model.data, (cluster.iri, target.iri))
        supports.append(
            Support(
                cluster=cluster.ref(lang),
                score=s.score,
                level=s.level,
                confidence=s.confidence,
                origin=s.origin,
                rule=s.rule,
                stated=any(r.confidence == "stated" for r in records),
            )
        )
    return sorted(supports, key=lambda x: (-x.score, x.cluster.id))


def _clusters(model: AlignmentModel) -> tuple[ClusterInfo, ...]:
    return tuple(c for c in model.data.focus_clusters if c.active)


def find_gaps(
    model: AlignmentModel, *, lang: Language, kind: GapKind | None = None
) -> tuple[Gap, ...]:
    """Goals outside every cluster's remit, goals no cluster is aligned with, and goals served
    only through inferred or weak evidence (optionally only one ``kind``)."""
    gaps = []
    for document in model.data.scored_documents:
        for target in model.data.targets_by_document[document.iri]:
            supports = _supports(model, target, lang)
            remit = model.data.remit.get(target.iri)
            note = None
            if remit is not None:
                found, note = GapKind.OUTSIDE_REMIT, remit.get(lang) or None
            elif not supports:
                found = GapKind.NO_CLUSTER
            elif not any(s.stated for s in supports):
                found = GapKind.ONLY_INFERRED_OR_WEAK
            else:
                continue
            if kind is not None and found is not kind:
                continue
            gaps.append(
                Gap(
                    target=target.ref(lang),
                    document=document.ref(lang),
                    kind=found,
                    clusters=tuple(supports),
                    note=note,
                )
            )
    return tuple(gaps)


def find_overlaps(model: AlignmentModel, *, lang: Language) -> tuple[Overlap, ...]:
    """Targets that two or more clusters serve strongly (score >= the strong threshold)."""
    threshold = model.weights.strong_threshold
    overlaps = []
    for document in model.data.scored_documents:
        for target in model.data.targets_by_document[document.iri]:
            strong = [s for s in _supports(model, target, lang) if s.score >= threshold - 1e-12]
            if len(strong) >= 2:
                overlaps.append(
                    Overlap(
                        target=target.ref(lang),
                        document=document.ref(lang),
                        clusters=tuple(strong),
                        threshold=threshold,
                    )
                )
    return tuple(overlaps)


def find_unanchored_clusters(
    model: AlignmentModel, *, lang: Language
) -> tuple[UnanchoredCluster, ...]:
    """Clusters (still existing) with no alignment, assessed or derived, to any goal."""
    anchored = {cluster for cluster, _ in model.scores}
    return tuple(
        UnanchoredCluster(
            cluster=c.ref(lang),
            focus_areas=tuple(model.data.ref(f, lang) for f in c.focus_areas),
        )
        for c in _clusters(model)
        if c.iri not in anchored
    )


def analyse_gaps(
    model: AlignmentModel, *, lang: Language, kind: GapKind | None = None
) -> GapReport:
    """Gaps (optionally of one ``kind``), overlaps and unanchored clusters in one report."""
    return GapReport(
        gaps=find_gaps(model, lang=lang, kind=kind),
        overlaps=find_overlaps(model, lang=lang),
        unanchored=find_unanchored_clusters(model, lang=lang),
    )


__all__ = [
    "Gap",
    "GapKind",
    "GapReport",
    "Overlap",
    "UnanchoredCluster",
    "analyse_gaps",
    "find_gaps",
    "find_overlaps",
    "find_unanchored_clusters",
]
