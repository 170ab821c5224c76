"""A decision context resolved on a date, and the alignment data restricted to what counts then.

For each framework of the context (:class:`~brn_graph.context.read.FrameworkSpec`):

- its document is in force on the day (:mod:`brn_graph.context.periods`) and has goals: the
  document counts;
- it is in force but has no recorded goals: its declared stand-in counts, and says so; without
  a stand-in it is reported as not counted (never a silent zero);
- it is not in force on the day: a stand-in that is in force then counts as the document in
  force; otherwise the framework is not counted;
- it is not in the graph: its stand-in counts, and says so.

A stand-in never counts before it was issued. The frameworks' weights are shares of the
alignment weight; frameworks not counted get 0 and the others are scaled to sum to 1, which
the output states.

:func:`restrict` then leaves out assessments whose evidence is dated after the day (kept in
``later``), lets rule hits stand only where no remaining assessment exists, treats clusters
dissolved after the day as active, and records the documents counted with their shares and the
long list on the :class:`~brn_graph.alignment.data.AlignmentData`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from brn_graph.alignment.data import AlignmentData, Labels, Origin, load_alignment_data
from brn_graph.alignment.scores import AlignmentModel, AlignmentWeights, score_alignments
from brn_graph.config import Language, Settings
from brn_graph.context.dates import dated_after, earliest
from brn_graph.context.periods import (
    DocumentPeriod,
    DocumentStatus,
    InForce,
    document_status,
    read_periods,
)
from brn_graph.context.read import DEFAULT_CONTEXT, ContextSpec, FrameworkSpec, read_contexts
from brn_graph.graph.resolve import Candidate, resolve_identifier, slug_of
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_share
from brn_graph.query.analytics import GraphQueries


class FrameworkUse(StrEnum):
    DOCUMENT = "document"
    STAND_IN = "stand-in"
    NOT_COUNTED = "not-counted"


@dataclass(frozen=True, kw_only=True)
class ResolvedFramework:
    """One framework on the day: which document counts (if any), why, and its share."""

    spec: FrameworkSpec
    label: Labels
    use: FrameworkUse
    document: str | None
    share: float
    reason: str
    values: Mapping[str, str]
    status: DocumentStatus | None

    @property
    def stand_in_used(self) -> bool:
        return self.use is FrameworkUse.STAND_IN

    def message(self, lang: Language, names: Mapping[str, Labels]) -> str:
        values = {k: _name(v, names, lang) for k, v in self.values.items()}
        if "status" in self.values:
            values["status"] = _status_text(self.status, names, lang)
        return text(f"context.framework.{self.reason}", lang, **values)

    def to_dict(self, lang: Language, names: Mapping[str, Labels]) -> dict[str, Any]:
        return {
            "id": slug_of(self.spec.iri),
            "iri": self.spec.iri,
            "notation": self.spec.notation,
            "label": self.label.get(lang),
            "document": slug_of(self.spec.document) if self.spec.document else None,
            "stand_in": slug_of(self.spec.stand_in) if self.spec.stand_in else None,
            "used": slug_of(self.document) if self.document else None,
            "use": str(self.use),
            "weight_declared": self.spec.weight,
            "weight": round(self.share, 4),
            "status": self.reason.replace("_", "-"),
            "message": self.message(lang, names),
            "stand_in_note": self.spec.note.get(lang) or None if self.stand_in_used else None,
        }


@dataclass(frozen=True, kw_only=True)
class ContextView:
    """A context resolved on one day: the frameworks that count and the clusters on the list."""

    spec: ContextSpec
    label: Labels
    as_of: date
    chosen: bool
    frameworks: tuple[ResolvedFramework, ...]
    names: Mapping[str, Labels]
    all_clusters: bool = False

    @property
    def shares(self) -> dict[str, float]:
        shares: dict[str, float] = {}
        for f in self.frameworks:
            if f.document is not None and f.share > 0:
                shares[f.document] = shares.get(f.document, 0.0) + f.share
        return shares

    @property
    def rescaled(self) -> bool:
        return any(f.use is FrameworkUse.NOT_COUNTED and f.spec.weight > 0 for f in self.frameworks)

    def header(self, lang: Language) -> str:
        source = text("context.as_of.option", lang, date=self.spec.as_of) if self.chosen else ""
        return text(
            "context.header",
            lang,
            label=self.label.get(lang),
            id=self.spec.slug,
            as_of=self.as_of.isoformat(),
            source=source,
        )

    def lines(self, lang: Language) -> list[str]:
        """The header, one line per framework and the stand-ins used: for table output."""
        out = [self.header(lang)]
        for f in self.frameworks:
            out.append(
                text(
                    "context.framework.line",
                    lang,
                    notation=f.spec.notation or "-",
                    label=f.label.get(lang),
                    share=format_share(f.share, lang),
                    status=f.message(lang, self.names),
                )
            )
        for f in self.frameworks:
            if f.stand_in_used and f.document:
                out.append(
                    text(
                        "context.stand_in.used",
                        lang,
                        stand_in=_name(f.document, self.names, lang),
                        framework=f.label.get(lang),
                        note=f.spec.note.get(lang),
                    ).strip()
                )
        if self.rescaled:
            out.append(text("context.weights.rescaled", lang, as_of=self.as_of.isoformat()))
        return out

    def to_dict(self, lang: Language) -> dict[str, Any]:
        return {
            "id": self.spec.slug,
            "iri": self.spec.iri,
            "label": self.label.get(lang),
            "as_of": self.as_of.isoformat(),
            "as_of_chosen": self.chosen,
            "context_date": self.spec.as_of.isoformat(),
            "decided_at": _event(self.spec.decided_at, self.spec.decided_on, self.names, lang),
            "prepared_at": _event(self.spec.prepared_at, self.spec.prepared_on, self.names, lang),
            "long_list": [slug_of(c) for c in self.spec.clusters],
            "all_clusters": self.all_clusters,
            "frameworks": [f.to_dict(lang, self.names) for f in self.frameworks],
            "stand_ins": [
                {
                    "framework": slug_of(f.spec.iri),
                    "stand_in": slug_of(f.document),
                    "note": f.spec.note.get(lang) or None,
                    "message": f.message(lang, self.names),
                }
                for f in self.frameworks
                if f.stand_in_used and f.document
            ],
            "weights_rescaled": self.rescaled,
            "summary": self.lines(lang),
            "known_gap": self.spec.known_gap.get(lang) or None,
        }


def _event(
    iri: str | None, day: str | None, names: Mapping[str, Labels], lang: Language
) -> dict[str, Any] | None:
    if iri is None:
        return None
    return {"id": slug_of(iri), "iri": iri, "label": _name(iri, names, lang), "date": day}


def _name(iri: str, names: Mapping[str, Labels], lang: Language) -> str:
    labels = names.get(iri)
    return labels.get(lang) if labels else slug_of(iri)


def _status_text(status: DocumentStatus | None, names: Mapping[str, Labels], lang: Language) -> str:
    if status is None:
        return text("context.unknown", lang)
    by = _name(status.replaced_by, names, lang) if status.replaced_by else ""
    return text(f"context.status.{status.status}", lang, **({"by": by} if by else {}))


def resolve_context(
    spec: ContextSpec,
    day: date,
    data: AlignmentData,
    periods: Mapping[str, DocumentPeriod],
    *,
    chosen: bool = False,
    all_clusters: bool = False,
) -> ContextView:
    """Which document each framework of ``spec`` counts on ``day`` (see the module docstring)."""

    def has_goals(document: str | None) -> bool:
        return bool(document and data.targets_by_document.get(document))

    def usable_stand_in(document: str | None) -> bool:
        return (
            has_goals(document)
            and document is not None
            and document_status(document, day, periods).status is not InForce.NOT_YET
        )

    drafts: list[tuple[FrameworkSpec, FrameworkUse, str | None, str, dict[str, str], Any]] = []
    for f in spec.frameworks:
        intended = f.document if f.document in data.document_by_iri else None
        if intended is not None:
            status = document_status(intended, day, periods)
            values = {"document": intended}
            if status.counts and has_goals(intended):
                reason = "in_force" if status.status is InForce.IN_FORCE else "period_unknown"
                drafts.append((f, FrameworkUse.DOCUMENT, intended, reason, values, status))
            elif status.counts and usable_stand_in(f.stand_in):
                values["stand_in"] = str(f.stand_in)
                drafts.append(
                    (f, FrameworkUse.STAND_IN, f.stand_in, "stand_in_no_goals", values, status)
                )
            elif status.counts:
                drafts.append((f, FrameworkUse.NOT_COUNTED, None, "no_goals", values, status))
            elif (
                f.stand_in
                and has_goals(f.stand_in)
                and document_status(f.stand_in, day, periods).counts
            ):
                values |= {"used": f.stand_in, "status": "", "as_of": day.isoformat()}
                drafts.append(
                    (f, FrameworkUse.DOCUMENT, f.stand_in, "in_force_instead", values, status)
                )
            else:
                values |= {"status": "", "as_of": day.isoformat()}
                drafts.append((f, FrameworkUse.NOT_COUNTED, None, "not_in_force", values, status))
        elif usable_stand_in(f.stand_in):
            values = {"stand_in": str(f.stand_in)}
            drafts.append((f, FrameworkUse.STAND_IN, f.stand_in, "stand_in_missing", values, None))
        else:
            drafts.append((f, FrameworkUse.NOT_COUNTED, None, "missing", {}, None))
    total = sum(f.weight for f, use, *_ in drafts if use is not FrameworkUse.NOT_COUNTED)
    frameworks = tuple(
        ResolvedFramework(
            spec=f,
            label=data.names.get(f.iri) or Labels(fallback=slug_of(f.iri)),
            use=use,
            document=document,
            share=f.weight / total if use is not FrameworkUse.NOT_COUNTED and total > 0 else 0.0,
            reason=reason,
            values=values,
            status=status,
        )
        for f, use, document, reason, values, status in drafts
    )
    return ContextView(
        spec=spec,
        label=data.names.get(spec.iri) or Labels(fallback=spec.slug),
        as_of=day,
        chosen=chosen,
        frameworks=frameworks,
        names=data.names,
        all_clusters=all_clusters,
    )


def restrict(data: AlignmentData, view: ContextView) -> AlignmentData:
    """``data`` as it stood on the view's day, scored against the view's frameworks."""
    day = view.as_of
    assessed = [r for r in data.alignments if r.origin is Origin.ASSESSED]
    rule_hits = [r for r in data.alignments if r.origin is Origin.RULE] + list(data.superseded)
    kept = tuple(r for r in assessed if not dated_after(r.dated, day))
    later = tuple(r for r in assessed if dated_after(r.dated, day))
    pairs = {r.pair for r in kept}
    clusters = tuple(
        dataclasses.replace(c, dissolved=None)
        if c.dissolved is not None and (earliest(c.dissolved) or date.min) > day
        else c
        for c in data.clusters
    )
    shares = view.shares
    return dataclasses.replace(
        data,
        clusters=clusters,
        alignments=(*kept, *(r for r in rule_hits if r.pair not in pairs)),
        superseded=tuple(r for r in rule_hits if r.pair in pairs),
        as_of=day.isoformat(),
        frameworks=tuple(shares),
        framework_shares=shares,
        long_list=None if view.all_clusters else view.spec.clusters,
        later=later,
    )


@dataclass(frozen=True, kw_only=True)
class ContextModel:
    """The alignment model of one context on one day, with the resolved context."""

    model: AlignmentModel
    view: ContextView
    full: AlignmentData


def find_context(contexts: Mapping[str, ContextSpec], wanted: str, base_iri: str) -> ContextSpec:
    """The context named by slug, prefixed name or IRI; unknown raises ``NotFoundError``."""
    candidates = [Candidate(iri=c.iri, slug=c.slug) for c in contexts.values()]
    return contexts[resolve_identifier("context", wanted, candidates, base_iri=base_iri).iri]


def build_context_model(
    queries: GraphQueries,
    settings: Settings,
    *,
    context: str | None = None,
    as_of: date | None = None,
    all_clusters: bool = False,
    data: AlignmentData | None = None,
) -> ContextModel:
    """Read the graph, resolve ``context`` (default: the 2024 decision) on ``as_of`` (default:
    the context's date) and score the data as it stood then."""
    # The context first: an unknown one is refused before the graph is read (at 10M
    # synthetic triples reading it took 35 s, spent on every request naming a wrong context).
    contexts = read_contexts(queries)
    spec = find_context(contexts, context or DEFAULT_CONTEXT, settings.base_iri)
    full = data or load_alignment_data(queries, base_iri=settings.base_iri)
    periods = read_periods(queries.select("context/list_document_periods"))
    day = as_of or spec.as_of
    view = resolve_context(
        spec, day, full, periods, chosen=as_of is not None, all_clusters=all_clusters
    )
    model = score_alignments(restrict(full, view), AlignmentWeights.from_settings(settings))
    return ContextModel(model=model, view=view, full=full)


__all__ = [
    "ContextModel",
    "ContextView",
    "FrameworkUse",
    "ResolvedFramework",
    "build_context_model",
    "find_context",
    "resolve_context",
    "restrict",
]
