"""A cluster's profile: who it is, where its offices are, its figures and members, its coverage.

The profile joins three sources: the alignment model (scores and coverage per framework
document), the engagement report (offices in North Jutland) and three named queries of the
catalogue (``get_cluster_profile`` for offices, ``list_cluster_figures`` for stated figures,
``count_members_per_cluster`` for membership counts). The queries run through a
:data:`NamedQueryRunner` the caller supplies: the web service runs them on its query engine,
the command line on an engine it opens for the command. Both doors show the same profile.

Unknown is never zero: a cluster whose offices are not recorded has ``north_jutland`` set to
``None``; member counts without data are ``None`` with the basis ``"unknown"``; a named query
that is missing from the catalogue or was cut at the row cap leaves a note.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from brn_graph.alignment.data import ClusterInfo, Ref, Source
from brn_graph.alignment.engagement import EngagementReport
from brn_graph.alignment.scores import AlignmentModel, DocumentCoverage, document_coverage
from brn_graph.config import Language
from brn_graph.errors import NotFoundError
from brn_graph.graph.resolve import slug_of
from brn_graph.graph.terms import QueryResult, Term
from brn_graph.i18n.catalogue import text
from brn_graph.query.catalog import QueryCatalog
from brn_graph.query.engine import QueryEngine
from brn_graph.query.named_parameters import resolve_resource_parameters

#: Runs catalogue query ``name`` with parameter values given as text.
NamedQueryRunner = Callable[[str, Mapping[str, str]], QueryResult]

#: The named queries a profile reads.
OFFICES_QUERY = "get_cluster_profile"
FIGURES_QUERY = "list_cluster_figures"
MEMBERS_QUERY = "count_members_per_cluster"

_OFFICE_ASPECTS = ("headquarters", "north-jutland-office", "other-office")


@dataclass(frozen=True, kw_only=True)
class ClusterSummary:
    """A cluster in one line of a list: names, focus areas, North Jutland presence, scores."""

    cluster: ClusterInfo
    lang: Language
    focus_areas: tuple[Ref, ...]
    north_jutland: bool | None
    offices_in_north_jutland: tuple[str, ...]
    aligned_goals: int
    strong_alignments: int
    sources: tuple[Source, ...]

    @property
    def label(self) -> str:
        return self.cluster.labels.get(self.lang)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.cluster.slug,
            "iri": self.cluster.iri,
            "label": self.label,
            "alt_names": list(self.cluster.alt_names),
            "focus_areas": [f.to_dict() for f in self.focus_areas],
            "north_jutland": self.north_jutland,
            "offices_in_north_jutland": list(self.offices_in_north_jutland),
            "dissolved": self.cluster.dissolved,
            "aligned_goals": self.aligned_goals,
            "strong_alignments": self.strong_alignments,
            "sources": [s.to_dict(self.lang) for s in self.sources],
        }


@dataclass(frozen=True, kw_only=True)
class Office:
    """A site of the cluster: its headquarters and any other office."""

    iri: str
    label: str
    primary: bool
    north_jutland: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": slug_of(self.iri),
            "iri": self.iri,
            "label": self.label,
            "primary": self.primary,
            "north_jutland": self.north_jutland,
        }


@dataclass(frozen=True, kw_only=True)
class Figure:
    """One stated figure (``brn:Figure``) about the cluster, with its date and source."""

    iri: str
    label: str
    measure: str
    value: Any
    unit: str | None
    qualifier: str | None
    date: str | None
    scope: Ref | None
    confidence: str | None
    sources: tuple[Source, ...]
    lang: Language

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": slug_of(self.iri),
            "iri": self.iri,
            "label": self.label,
            "measure": self.measure,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "date": self.date,
            "scope": self.scope.to_dict() if self.scope else None,
            "confidence": self.confidence,
            "sources": [s.to_dict(self.lang) for s in self.sources],
        }


@dataclass(frozen=True, kw_only=True)
class Memberships:
    """Member companies and SMEs, each with where the number comes from and its date."""

    members: int | float | None
    members_basis: str
    members_date: str | None
    smes: int | float | None
    smes_basis: str
    smes_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "members": self.members,
            "members_basis": self.members_basis,
            "members_date": self.members_date,
            "smes": self.smes,
            "smes_basis": self.smes_basis,
            "smes_date": self.smes_date,
        }


@dataclass(frozen=True, kw_only=True)
class ClusterProfile:
    """Everything the cluster page and ``brn-graph profile`` show about one cluster."""

    summary: ClusterSummary
    offices: tuple[Office, ...]
    figures: tuple[Figure, ...]
    memberships: Memberships | None
    alignments: tuple[DocumentCoverage, ...]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.summary.to_dict(),
            "offices": [o.to_dict() for o in self.offices],
            "figures": [f.to_dict() for f in self.figures],
            "memberships": self.memberships.to_dict() if self.memberships else None,
            "alignments": [a.to_dict() for a in self.alignments],
            "notes": list(self.notes),
        }


def cluster_summary(
    model: AlignmentModel, engagement: EngagementReport, cluster: ClusterInfo, lang: Language
) -> ClusterSummary:
    """The summary of ``cluster``; North Jutland presence comes from the engagement report."""
    scores = [s for (c, _t), s in model.scores.items() if c == cluster.iri]
    found = engagement.by_cluster(cluster.iri)
    offices = found.metric("offices") if found else None
    north_jutland = None if offices is None or offices.missing else bool(offices.items)
    return ClusterSummary(
        cluster=cluster,
        lang=lang,
        focus_areas=tuple(model.data.ref(f, lang) for f in cluster.focus_areas),
        north_jutland=north_jutland,
        offices_in_north_jutland=tuple(i.ref.label for i in offices.items) if offices else (),
        aligned_goals=len(scores),
        strong_alignments=sum(
            1 for s in scores if s.score >= model.weights.strong_threshold - 1e-12
        ),
        sources=model.data.sources_of(cluster.sources),
    )


def build_cluster_profile(
    model: AlignmentModel,
    engagement: EngagementReport,
    cluster: str | ClusterInfo,
    *,
    run: NamedQueryRunner,
    lang: Language,
) -> ClusterProfile:
    """The profile of ``cluster`` (a :class:`ClusterInfo`, or a slug, IRI or name)."""
    info = cluster if isinstance(cluster, ClusterInfo) else model.resolve_cluster(cluster)
    notes: list[str] = []
    offices = _rows(run, OFFICES_QUERY, {"cluster": info.iri}, lang, notes)
    figures = _rows(run, FIGURES_QUERY, {"cluster": info.iri}, lang, notes)
    # the members on the model's date (the decision context's), as engagement counts them
    on = {"as_of": model.data.as_of} if model.data.as_of else {}
    members = _rows(run, MEMBERS_QUERY, on, lang, notes)
    return ClusterProfile(
        summary=cluster_summary(model, engagement, info, lang),
        offices=_offices(offices),
        figures=_figures(model, figures, lang),
        memberships=_memberships(members, info.iri),
        alignments=tuple(
            document_coverage(model, info, d, lang=lang) for d in model.data.scored_documents
        ),
        notes=tuple(notes),
    )


def catalogue_runner(
    catalog: QueryCatalog, engine: QueryEngine, lang: Language
) -> NamedQueryRunner:
    """A runner binding catalogue queries on ``engine`` (resource parameters resolved by name,
    every value checked as an RDF term)."""

    def run(name: str, values: Mapping[str, str]) -> QueryResult:
        query = catalog.get(name)
        bound = query.bind(resolve_resource_parameters(query, values, engine), lang=lang)
        result: QueryResult = engine.run(bound.checked, bindings=bound.bindings, catalogue=True)
        return result

    return run


def _rows(
    run: NamedQueryRunner,
    name: str,
    values: Mapping[str, str],
    lang: Language,
    notes: list[str],
) -> list[dict[str, Term]]:
    try:
        result = run(name, values)
    except NotFoundError:
        notes.append(text("profile.query_missing", lang, name=name))
        return []
    if result.truncated:
        notes.append(text("profile.query_truncated", lang, name=name, cap=result.cap))
    return result.records()


def _offices(rows: list[dict[str, Term]]) -> tuple[Office, ...]:
    found: dict[str, Office] = {}
    for row in rows:
        aspect = str(row.get("aspect", ""))
        value = row.get("value")
        if aspect not in _OFFICE_ASPECTS or value is None or value.kind != "iri":
            continue
        seen = found.get(value.value)
        found[value.value] = Office(
            iri=value.value,
            label=seen.label if seen else str(row.get("value_label") or slug_of(value.value)),
            primary=(seen is not None and seen.primary) or aspect == "headquarters",
            north_jutland=(seen is not None and seen.north_jutland)
            or aspect == "north-jutland-office",
        )
    return tuple(found.values())


def _text(row: Mapping[str, Term], name: str) -> str | None:
    return str(row[name]) if name in row else None


def _figures(
    model: AlignmentModel, rows: list[dict[str, Term]], lang: Language
) -> tuple[Figure, ...]:
    figures = []
    for row in rows:
        figure, value = row.get("figure"), row.get("value")
        if figure is None or value is None:
            continue
        source = row.get("first_source")
        measure = row.get("measure")
        scope = row.get("scope")
        figures.append(
            Figure(
                iri=figure.value,
                label=model.data.label(figure.value, lang),
                measure=str(
                    row.get("measure_label") or (slug_of(measure.value) if measure else "")
                ),
                value=value.python(),
                unit=_text(row, "unit"),
                qualifier=_text(row, "qualifier"),
                date=_text(row, "date"),
                scope=model.data.ref(scope.value, lang) if scope is not None else None,
                confidence=_text(row, "confidence"),
                sources=model.data.sources_of((source.value,)) if source is not None else (),
                lang=lang,
            )
        )
    return tuple(figures)


def _number(row: Mapping[str, Term], name: str) -> int | float | None:
    term = row.get(name)
    value = term.python() if term is not None else None
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _memberships(rows: list[dict[str, Term]], cluster_iri: str) -> Memberships | None:
    for row in rows:
        cluster = row.get("cluster")
        if cluster is None or cluster.value != cluster_iri:
            continue
        return Memberships(
            members=_number(row, "members"),
            members_basis=str(row.get("members_basis", "unknown")),
            members_date=_text(row, "members_date"),
            smes=_number(row, "smes"),
            smes_basis=str(row.get("smes_basis", "unknown")),
            smes_date=_text(row, "smes_date"),
        )
    return None
