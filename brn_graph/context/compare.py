"""Compare a ranking on two dates (or two contexts): rank and score at both, and what changed.

``current`` is the ranking asked for (``--as-of A``), ``baseline`` the one compared to
(``--compare-to B``). What changed between them: the documents counted at one and not the
other, and the assessments counted at one and not the other (evidence dated in between).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from brn_graph.alignment.data import Origin, Ref
from brn_graph.alignment.ranking import ClusterRank, Ranking
from brn_graph.alignment.scores import round_score
from brn_graph.config import Language
from brn_graph.context.view import ContextModel
from brn_graph.graph.resolve import slug_of


@dataclass(frozen=True, kw_only=True)
class Side:
    """One side of the comparison: the context model and its ranking."""

    context: ContextModel
    ranking: Ranking


@dataclass(frozen=True, kw_only=True)
class RankChange:
    cluster: Ref
    current: ClusterRank | None
    baseline: ClusterRank | None

    def to_dict(self) -> dict[str, Any]:
        now, then = self.current, self.baseline
        return {
            "cluster": self.cluster.to_dict(),
            "rank": now.rank if now else None,
            "score": round_score(now.score) if now else None,
            "baseline_rank": then.rank if then else None,
            "baseline_score": round_score(then.score) if then else None,
            "rank_change": then.rank - now.rank if now and then else None,
            "score_change": round_score(now.score - then.score) if now and then else None,
        }


@dataclass(frozen=True, kw_only=True)
class Comparison:
    current: Side
    baseline: Side
    changes: tuple[RankChange, ...]
    documents_entering: tuple[Ref, ...]
    documents_leaving: tuple[Ref, ...]
    assessments_added: tuple[dict[str, Any], ...]
    assessments_removed: tuple[dict[str, Any], ...]
    lang: Language

    def to_dict(self) -> dict[str, Any]:
        return {
            "context": self.current.context.view.to_dict(self.lang),
            "baseline_context": self.baseline.context.view.to_dict(self.lang),
            "clusters": [c.to_dict() for c in self.changes],
            "documents_entering": [d.to_dict() for d in self.documents_entering],
            "documents_leaving": [d.to_dict() for d in self.documents_leaving],
            "assessments_added": list(self.assessments_added),
            "assessments_removed": list(self.assessments_removed),
            "criteria": [c.to_dict() for c in self.current.ranking.criteria],
            "baseline_criteria": [c.to_dict() for c in self.baseline.ranking.criteria],
        }


def _assessments(side: Side, lang: Language) -> dict[str, dict[str, Any]]:
    data = side.context.model.data
    return {
        str(r.iri): {
            "id": slug_of(str(r.iri)),
            "cluster": data.ref(r.cluster, lang).to_dict(),
            "goal": data.ref(r.target, lang).to_dict(),
            "level": r.level,
            "confidence": r.confidence,
            "dated": r.dated,
        }
        for r in data.alignments
        if r.origin is Origin.ASSESSED and r.iri
    }


def compare(current: Side, baseline: Side, *, lang: Language) -> Comparison:
    """Rank and score of every cluster ranked on either side, and what changed."""
    now = {r.cluster.iri: r for r in current.ranking.clusters}
    then = {r.cluster.iri: r for r in baseline.ranking.clusters}
    order = [r.cluster for r in current.ranking.clusters] + [
        r.cluster for r in baseline.ranking.clusters if r.cluster.iri not in now
    ]
    changes = tuple(
        RankChange(cluster=c, current=now.get(c.iri), baseline=then.get(c.iri)) for c in order
    )
    docs_now = current.context.model.data.scored_documents
    docs_then = baseline.context.model.data.scored_documents
    then_iris = {d.iri for d in docs_then}
    now_iris = {d.iri for d in docs_now}
    added_now, added_then = _assessments(current, lang), _assessments(baseline, lang)
    return Comparison(
        current=current,
        baseline=baseline,
        changes=changes,
        documents_entering=tuple(d.ref(lang) for d in docs_now if d.iri not in then_iris),
        documents_leaving=tuple(d.ref(lang) for d in docs_then if d.iri not in now_iris),
        assessments_added=tuple(v for k, v in sorted(added_now.items()) if k not in added_then),
        assessments_removed=tuple(v for k, v in sorted(added_then.items()) if k not in added_now),
        lang=lang,
    )


__all__ = ["Comparison", "RankChange", "Side", "compare"]
