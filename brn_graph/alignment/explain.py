"""Explain one alignment score: the formula applied and every record behind it, with sources.

Backs ``brn-graph explain`` and the explain views of the API. The scores themselves come from
:mod:`brn_graph.alignment.scores`; this module only lays out why a pair has the score it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from brn_graph.alignment.data import AlignmentRecord, Origin, Ref, Source, TargetRef
from brn_graph.alignment.scores import (
    AlignmentModel,
    counted_records,
    effective_confidence,
    round_score,
)
from brn_graph.config import Language
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_decimal


@dataclass(frozen=True, kw_only=True)
class EvidenceItem:
    """One record behind a score, with everything needed to check it at the source."""

    origin: Origin
    alignment: str | None
    rule: str | None
    rule_summary: str | None
    matched_themes: tuple[Ref, Ref] | None
    level: str
    confidence: str
    effective_confidence: str
    score: float
    text: str
    passage: str | None
    document: Ref | None
    sources: tuple[Source, ...]
    assessor: Ref | None
    created: str | None
    counted: bool
    chosen: bool
    lang: Language

    @property
    def web_sources(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.is_web)

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": str(self.origin),
            "stated_or_inferred": "inferred" if self.origin is Origin.RULE else "stated",
            "inferred": self.origin is Origin.RULE,
            "alignment": self.alignment,
            "rule": self.rule,
            "rule_summary": self.rule_summary,
            "matched_themes": (
                {
                    "cluster": self.matched_themes[0].to_dict(),
                    "goal": self.matched_themes[1].to_dict(),
                }
                if self.matched_themes
                else None
            ),
            "level": self.level,
            "confidence": self.confidence,
            "effective_confidence": self.effective_confidence,
            "score": round_score(self.score),
            "text": self.text,
            "passage": self.passage,
            "document": self.document.to_dict() if self.document else None,
            "sources": [s.to_dict(self.lang) for s in self.sources],
            "assessor": self.assessor.to_dict() if self.assessor else None,
            "created": self.created,
            "counted": self.counted,
            "chosen": self.chosen,
        }


@dataclass(frozen=True, kw_only=True)
class Explanation:
    """Why a cluster has the score it has for a goal: the formula and all the evidence."""

    cluster: Ref
    target: TargetRef
    document: Ref
    score: float
    level: str | None
    confidence: str | None
    level_weight: float | None
    confidence_weight: float | None
    formula: str
    evidence: tuple[EvidenceItem, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "goal": self.target.to_dict(),
            "document": self.document.to_dict(),
            "score": round_score(self.score),
            "level": self.level,
            "confidence": self.confidence,
            "level_weight": self.level_weight,
            "confidence_weight": self.confidence_weight,
            "formula": self.formula,
            "evidence": [e.to_dict() for e in self.evidence],
        }


def _evidence_item(
    model: AlignmentModel,
    record: AlignmentRecord,
    *,
    counted: bool,
    chosen: bool,
    lang: Language,
) -> EvidenceItem:
    data = model.data
    rule = data.rule_by_id.get(record.rule.rule) if record.rule else None
    return EvidenceItem(
        origin=record.origin,
        alignment=record.iri,
        rule=record.rule.rule if record.rule else None,
        rule_summary=rule.summary.get(lang) if rule else None,
        matched_themes=(
            (data.ref(record.rule.cluster_theme, lang), data.ref(record.rule.target_theme, lang))
            if record.rule
            else None
        ),
        level=record.level,
        confidence=record.confidence,
        effective_confidence=effective_confidence(record, data.sources),
        score=model.weights.score(record.level, record.confidence),
        text=record.evidence.get(lang),
        passage=record.passage,
        document=data.ref(record.document, lang) if record.document else None,
        sources=data.sources_of(record.sources),
        assessor=data.ref(record.assessor, lang) if record.assessor else None,
        created=record.created,
        counted=counted,
        chosen=chosen,
        lang=lang,
    )


def explain_alignment(
    model: AlignmentModel, cluster: str, goal: str, *, lang: Language
) -> Explanation:
    """The score of ``cluster`` for ``goal`` (a goal or strength position) and its evidence.

    Lists the records the score rests on (the chosen one first), then superseded rule hits and
    (when assessments exist) nothing else. A pair without evidence scores 0 and says so.
    """
    c = model.resolve_cluster(cluster)
    t = model.resolve_target(goal)
    pair = (c.iri, t.iri)
    scored = model.scores.get(pair)
    counted = counted_records(model.data, pair)
    others = tuple(
        r for r in model.data.records_by_pair.get(pair, ()) if r not in counted
    ) + model.data.superseded_by_pair.get(pair, ())
    chosen_key = (scored.alignment, scored.rule) if scored else None

    def is_chosen(r: AlignmentRecord) -> bool:
        return chosen_key == (r.iri, r.rule.rule if r.rule else None)

    ordered = sorted(counted, key=lambda r: (not is_chosen(r), r.sort_key))
    items = tuple(
        _evidence_item(model, r, counted=True, chosen=is_chosen(r), lang=lang) for r in ordered
    ) + tuple(_evidence_item(model, r, counted=False, chosen=False, lang=lang) for r in others)
    if scored is None:
        formula = text("explain.formula.none", lang)
    else:
        kind = "rule" if scored.origin is Origin.RULE else "assessment"
        number = "one" if scored.records == 1 else "many"
        formula = text(
            f"explain.formula.{kind}.{number}",
            lang,
            level=text(f"level.{scored.level}", lang),
            level_weight=format_decimal(scored.level_weight, lang),
            confidence=text(f"confidence.{scored.confidence}", lang),
            confidence_weight=format_decimal(scored.confidence_weight, lang),
            score=format_decimal(round_score(scored.score), lang),
            records=scored.records,
        )
    document = model.data.document_by_iri.get(t.document)
    return Explanation(
        cluster=c.ref(lang),
        target=t.ref(lang),
        document=document.ref(lang) if document else model.data.ref(t.document, lang),
        score=scored.score if scored else 0.0,
        level=scored.level if scored else None,
        confidence=scored.confidence if scored else None,
        level_weight=scored.level_weight if scored else None,
        confidence_weight=scored.confidence_weight if scored else None,
        formula=formula,
        evidence=items,
    )


__all__ = [
    "EvidenceItem",
    "Explanation",
    "explain_alignment",
]
