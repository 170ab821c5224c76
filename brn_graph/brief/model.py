"""The decision brief as one model: every number and sentence the three renderings show.

:func:`build_brief` calls the same library functions the API calls (ranking, document
matrices, engagement, gaps, explanations), with the same settings, so every number in the
brief equals the API's for the same data. The HTML, PDF and XLSX renderings
(:mod:`brn_graph.brief.html`, :mod:`brn_graph.brief.pdf`, :mod:`brn_graph.brief.xlsx`) only
lay this model out; none of them computes anything.

Sources are numbered in the order they are first cited, so citation ``[3]`` in a cluster page
is entry 3 of the source list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from rdflib import Dataset, Literal, URIRef

import brn_graph
from brn_graph.alignment.data import Ref, Source, TargetRef
from brn_graph.alignment.engagement import EngagementReport, compute_engagement
from brn_graph.alignment.explain import explain_alignment
from brn_graph.alignment.gaps import GapReport, analyse_gaps
from brn_graph.alignment.ranking import Ranking, rank_with_settings
from brn_graph.alignment.scores import (
    AlignmentModel,
    DocumentMatrix,
    compute_document_matrix,
    compute_evidence_quality,
    round_score,
)
from brn_graph.config import Language, Settings
from brn_graph.context.view import ContextModel, ContextView
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_date, format_number
from brn_graph.namespaces import BRN
from brn_graph.query.analytics import GraphQueries

#: Engagement metrics on the cluster pages, in this order (each with its scope).
BRIEF_METRICS: tuple[str, ...] = (
    "offices", "members_nj", "smes_nj", "projects", "members", "smes",
)  # fmt: skip
#: The metrics of the engagement chart: North Jutland only.
CHART_METRICS: tuple[str, ...] = ("offices", "members_nj", "smes_nj", "projects")


@dataclass(frozen=True, kw_only=True)
class SourceEntry:
    """One numbered entry of the source list."""

    number: int
    title: str
    url: str | None
    citation: str | None


@dataclass
class _Citations:
    """Numbers sources in the order of first citation."""

    lang: Language
    entries: dict[str, SourceEntry] = field(default_factory=dict)

    def cite(self, sources: Iterable[Source]) -> tuple[int, ...]:
        numbers = []
        for s in sources:
            entry = self.entries.get(s.iri)
            if entry is None:
                entry = SourceEntry(
                    number=len(self.entries) + 1,
                    title=s.title.get(self.lang),
                    url=s.url if s.is_web else None,  # only http(s) addresses become links
                    citation=s.citation,
                )
                self.entries[s.iri] = entry
            numbers.append(entry.number)
        return tuple(sorted(set(numbers)))


@dataclass(frozen=True, kw_only=True)
class FrameworkLine:
    """A criterion of the ranking: a framework document (or engagement, evidence) and its weight."""

    name: str
    label: str
    weight: float
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class RankRow:
    cluster: Ref
    rank: int
    score: float
    low: int
    high: int
    top_k_probability: float
    robust: bool
    verdict: str


@dataclass(frozen=True, kw_only=True)
class EvidenceLine:
    """The evidence behind one (cluster, goal) score, with numbered citations."""

    goal: TargetRef
    level: str
    confidence: str
    score: float
    text: str
    citations: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class FrameworkEvidence:
    document: Ref
    lines: tuple[EvidenceLine, ...]


@dataclass(frozen=True, kw_only=True)
class FigureLine:
    """One engagement metric of one cluster: ``value`` is ``None`` when unknown."""

    name: str
    label: str
    scope: str
    value: float | None
    date: str | None
    note: str | None
    citations: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class ClusterPage:
    cluster: Ref
    rank: RankRow | None
    presence: str
    frameworks: tuple[FrameworkEvidence, ...]
    figures: tuple[FigureLine, ...]


@dataclass(frozen=True, kw_only=True)
class GapLine:
    goal: TargetRef
    document: Ref
    clusters: tuple[Ref, ...]


@dataclass(frozen=True, kw_only=True)
class GapGroup:
    kind: str
    heading: str
    advice: str
    lines: tuple[GapLine, ...]


@dataclass(frozen=True, kw_only=True)
class Quality:
    total: int
    stated: int
    inferred: int
    weak: int
    known_gaps: tuple[str, ...]
    fingerprint: str | None
    version: str


@dataclass(frozen=True, kw_only=True)
class Brief:
    """Everything the brief shows, in one language."""

    lang: Language
    generated: str
    context: ContextView
    decision: str
    as_of: str
    frameworks: tuple[FrameworkLine, ...]
    recommendation: tuple[str, ...]
    ranking: Ranking
    rows: tuple[RankRow, ...]
    matrices: tuple[DocumentMatrix, ...]
    engagement: EngagementReport
    clusters: tuple[ClusterPage, ...]
    gaps: tuple[GapGroup, ...]
    overlaps: GapGroup
    quality: Quality
    sources: tuple[SourceEntry, ...]

    def t(self, key: str, /, **values: object) -> str:
        """A message of the catalogue in the brief's language (used by the templates)."""
        return text(key, self.lang, **values)

    def number(self, value: float | None, digits: int = 2) -> str:
        """A number as the brief's language writes it; unknown stays unknown."""
        if value is None:
            return self.t("brief.unknown")
        return format_number(value, self.lang, digits=digits)

    def date_text(self, iso: str | None) -> str:
        return format_date(iso, self.lang) if iso else self.t("brief.unknown")


def rank_rows_from_dict(body: Mapping[str, Any]) -> tuple[RankRow, ...]:
    """Rows of a ranking as the API serialises it (``Ranking.to_dict()``)."""
    return tuple(
        RankRow(
            cluster=Ref(id=c["id"], iri=c["iri"], label=c["label"]),
            rank=c["rank"],
            score=c["score"],
            low=c["rank_interval"][0],
            high=c["rank_interval"][1],
            top_k_probability=c["top_k_probability"],
            robust=c["robust"],
            verdict=c["verdict"],
        )
        for c in body["clusters"]
    )


def _rank_rows(ranking: Ranking) -> tuple[RankRow, ...]:
    return tuple(
        RankRow(
            cluster=c.cluster,
            rank=c.rank,
            score=round_score(c.score),
            low=c.rank_interval[0],
            high=c.rank_interval[1],
            top_k_probability=round_score(c.top_k_probability),
            robust=c.robust,
            verdict=c.verdict,
        )
        for c in ranking.clusters
    )


def _frameworks(ranking: Ranking, view: ContextView, lang: Language) -> tuple[FrameworkLine, ...]:
    """The context's frameworks with their effective weight in the ranking (and stand-ins, or
    why one is not counted), then the ranking's other criteria."""
    by_document = {c.document.iri: c.weight for c in ranking.criteria if c.document is not None}
    lines = []
    for f in view.frameworks:
        weight = by_document.get(f.document, 0.0) if f.document else 0.0
        lines.append(
            FrameworkLine(
                name=f.spec.iri,
                label=text(
                    "brief.framework.line",
                    lang,
                    label=f.label.get(lang),
                    weight=format_number(weight, lang, digits=3),
                ),
                weight=weight,
                note=f.message(lang, view.names),
            )
        )
    for c in ranking.criteria:
        if c.document is not None:
            continue
        shown = format_number(c.weight, lang, digits=3)
        key = "brief.criterion.engagement" if c.name == "engagement" else "brief.criterion.evidence"
        lines.append(
            FrameworkLine(name=c.name, label=text(key, lang, weight=shown), weight=c.weight)
        )
    return tuple(lines)


def _recommendation(ranking: Ranking, rows: Sequence[RankRow], lang: Language) -> tuple[str, ...]:
    """Plain sentences on the top clusters, whether their order is robust, and the method."""
    top = [r for r in rows if r.rank <= ranking.top_k]
    sentences = [
        text(
            "brief.reco.top",
            lang,
            cluster=r.cluster.label,
            rank=r.rank,
            score=format_number(r.score, lang, digits=2),
            low=r.low,
            high=r.high,
            verdict=r.verdict,
        )
        for r in top
    ]
    robust = all(r.robust for r in top)
    sentences.append(text("brief.reco.robust" if robust else "brief.reco.fragile", lang))
    sentences.append(text("brief.reco.method", lang, samples=ranking.samples))
    return tuple(sentences)


def _decision(view: ContextView, lang: Language) -> tuple[str, str]:
    """The decision (the context's label, where and when it is decided and prepared) and the
    as-of sentence of the summary."""
    spec = view.spec
    parts = [view.label.get(lang) + "."]
    for key, iri, day, name in (
        ("brief.decision", spec.decided_at, spec.decided_on, "decided"),
        ("brief.prepared", spec.prepared_at, spec.prepared_on, "prepared"),
    ):
        labels = view.names.get(iri) if iri else None
        if labels is not None and day:
            label, when = labels.get(lang), format_date(day, lang)
            # A label that already names its day ("board meeting 20 September 2024") gets no
            # second copy of it.
            if when in label:
                parts.append(text(f"{key}.undated", lang, **{name: label}))
            else:
                parts.append(text(key, lang, date=when, **{name: label}))
    as_of = text("brief.as_of", lang, date=format_date(view.as_of.isoformat(), lang))
    return " ".join(parts), as_of


def _framework_documents(ranking: Ranking) -> tuple[Ref, ...]:
    return tuple(c.document for c in ranking.criteria if c.document is not None and c.weight > 0)


def _cluster_page(
    model: AlignmentModel,
    cluster: Ref,
    row: RankRow | None,
    documents: Sequence[Ref],
    engagement: EngagementReport,
    citations: _Citations,
    lang: Language,
) -> ClusterPage:
    frameworks = []
    for doc in documents:
        lines = []
        for target in model.data.targets_by_document.get(doc.iri, ()):
            if (cluster.iri, target.iri) not in model.scores:
                continue
            explanation = explain_alignment(model, cluster.iri, target.iri, lang=lang)
            chosen = next((e for e in explanation.evidence if e.chosen), None)
            if chosen is None:
                continue
            lines.append(
                EvidenceLine(
                    goal=explanation.target,
                    level=chosen.level,
                    confidence=chosen.effective_confidence,
                    score=round_score(explanation.score),
                    text=chosen.text,
                    citations=citations.cite(chosen.sources),
                )
            )
        frameworks.append(FrameworkEvidence(document=doc, lines=tuple(lines)))
    figures: list[FigureLine] = []
    presence = text("brief.presence.unknown", lang)
    found = engagement.by_cluster(cluster.iri)
    if found is not None:
        for name in BRIEF_METRICS:
            metric = next((m for m in found.metrics if m.name == name), None)
            if metric is None:
                continue
            value = metric.value
            if name == "offices" and value is not None:
                value = float(len(metric.items))  # the metric itself is weighted points
            figures.append(
                FigureLine(
                    name=name,
                    label=text(f"brief.metric.{name}", lang),
                    scope=text(f"brief.scope.{metric.scope}", lang),
                    value=value,
                    date=metric.date,
                    note=metric.note,
                    citations=citations.cite(metric.sources),
                )
            )
        offices = next((m for m in found.metrics if m.name == "offices"), None)
        if offices is not None and offices.items:
            names = ", ".join(i.ref.label for i in offices.items)
            presence = text("brief.presence.offices", lang, offices=names)
        elif offices is not None and offices.value == 0:
            presence = text("brief.presence.none", lang)
    return ClusterPage(
        cluster=cluster,
        rank=row,
        presence=presence,
        frameworks=tuple(frameworks),
        figures=tuple(figures),
    )


def _gap_groups(
    report: GapReport, documents: Sequence[Ref], lang: Language
) -> tuple[tuple[GapGroup, ...], GapGroup]:
    counted = {d.iri for d in documents}
    by_kind: dict[str, list[GapLine]] = {}
    for gap in report.gaps:
        if gap.document.iri not in counted:
            continue
        by_kind.setdefault(str(gap.kind), []).append(
            GapLine(
                goal=gap.target,
                document=gap.document,
                clusters=tuple(s.cluster for s in gap.clusters),
            )
        )
    groups = tuple(
        GapGroup(
            kind=kind,
            heading=text(f"brief.gap.kind.{kind}", lang),
            advice=text(f"brief.gap.advice.{kind}", lang),
            lines=tuple(lines),
        )
        for kind, lines in sorted(by_kind.items())
    )
    overlaps = GapGroup(
        kind="overlap",
        heading=text("brief.h.overlaps", lang),
        advice=text("brief.overlap.advice", lang),
        lines=tuple(
            GapLine(
                goal=o.target,
                document=o.document,
                clusters=tuple(s.cluster for s in o.clusters),
            )
            for o in report.overlaps
            if o.document.iri in counted
        ),
    )
    return groups, overlaps


def _known_gaps(dataset: Dataset, view: ContextView, lang: Language) -> tuple[str, ...]:
    """Known gaps of the sources about the context, its framework documents (stand-ins
    included) and its long-list clusters: the gaps that matter for this decision."""
    subjects = {view.spec.iri, *view.spec.clusters}
    for f in view.frameworks:
        subjects.update(x for x in (f.spec.document, f.spec.stand_in, f.document) if x)
    texts = set()
    for iri in subjects:
        for o in dataset.objects(URIRef(iri), BRN.knownGap):
            if isinstance(o, Literal) and o.language == lang:
                texts.add(str(o))
    return tuple(sorted(texts))


def _quality(
    model: AlignmentModel,
    dataset: Dataset,
    view: ContextView,
    fingerprint: str | None,
    lang: Language,
) -> Quality:
    counts: dict[str, int] = {"stated": 0, "inferred": 0, "weak": 0}
    for q in compute_evidence_quality(model).values():
        for name, n in q.by_confidence.items():
            counts[name] = counts.get(name, 0) + n
    return Quality(
        total=sum(counts.values()),
        stated=counts["stated"],
        inferred=counts["inferred"],
        weak=counts["weak"],
        known_gaps=_known_gaps(dataset, view, lang),
        fingerprint=fingerprint,
        version=brn_graph.__version__,
    )


def build_brief(
    dataset: Dataset,
    built: ContextModel,
    settings: Settings,
    *,
    queries: GraphQueries,
    lang: Language,
    weights: Mapping[str, float] | None = None,
    fingerprint: str | None = None,
    today: date | None = None,
) -> Brief:
    """The brief for one decision context on its date, in ``lang``.

    ``built`` comes from :func:`brn_graph.context.view.build_context_model`; the ranking,
    matrices, engagement and gaps are computed from it exactly as the API computes them for the
    same context, date and weights.
    """
    model = built.model
    engagement = compute_engagement(queries, model, settings, lang=lang)
    ranking = rank_with_settings(model, engagement, settings, lang=lang, weights=weights or None)
    rows = _rank_rows(ranking)
    documents = _framework_documents(ranking)
    ranked = {r.cluster.iri for r in rows}
    matrices = tuple(
        replace(m, rows=tuple(r for r in m.rows if r.cluster.iri in ranked))
        for m in (compute_document_matrix(model, d.iri, lang=lang) for d in documents)
    )
    citations = _Citations(lang=lang)
    by_cluster = {r.cluster.iri: r for r in rows}
    clusters = tuple(
        _cluster_page(
            model, r.cluster, by_cluster.get(r.cluster.iri), documents, engagement, citations, lang
        )
        for r in rows
    )
    gaps, overlaps = _gap_groups(analyse_gaps(model, lang=lang), documents, lang)
    decision, as_of = _decision(built.view, lang)
    return Brief(
        lang=lang,
        generated=(today or date.today()).isoformat(),
        context=built.view,
        decision=decision,
        as_of=as_of,
        frameworks=_frameworks(ranking, built.view, lang),
        recommendation=_recommendation(ranking, rows, lang),
        ranking=ranking,
        rows=rows,
        matrices=matrices,
        engagement=engagement,
        clusters=clusters,
        gaps=gaps,
        overlaps=overlaps,
        quality=_quality(model, dataset, built.view, fingerprint, lang),
        sources=tuple(sorted(citations.entries.values(), key=lambda e: e.number)),
    )
