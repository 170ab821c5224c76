"""How engaged each cluster is in North Jutland, metric by metric, from the data alone.

Metrics (each with its date where the data has one, and the sources behind it):

``offices``
    points for offices in North Jutland municipalities: ``office.headquarters`` (default 2)
    for the headquarters (``org:hasPrimarySite``), ``office.other`` (default 1) for any other.
``members`` / ``smes``
    the latest dated ``brn:Members`` / ``brn:SMEMembers`` figure of the whole cluster.
``members_nj`` / ``smes_nj``
    the same, for figures with ``brn:scope region:nordjylland``.
``partnerships``
    partnerships (``brn:Partnership``) with at least one other partner anchored in North
    Jutland (a municipality of the region, located or with an office there, or a
    collaboration of its municipalities such as BRN).
``merged_networks``
    North Jutland organisations merged into the cluster (``org:ChangeEvent``).
``projects`` / ``project_value``
    projects in North Jutland the cluster takes part in or leads, and the sum of their latest
    budget (else grant, else portfolio) figures in DKK (other currencies are listed, not
    converted). A project is in North Jutland when it, or a project directly part of it, is
    located in one of the region's municipalities; a project with no location counts when an
    organisation of it other than a national cluster is anchored in the region.

Missing is not zero: a figure that is not in the data is ``None``; a count is ``None`` when
the cluster has no such facts at all (no offices, no partnership, no merger, no project), and
``0`` when it has some but none in North Jutland. A merged organisation whose location is not
recorded is unknown, not "outside North Jutland": when none is known to be in the region and
some are unknown, the metric is ``None``. So is a project with no recorded place and no
partner anchored in the region (a national programme): ``projects`` and ``project_value`` are
``None`` when no project is known to be in the region and some are of unknown place.

Scope: every metric says whether it covers the whole (national) cluster or North Jutland:
``members`` and ``smes`` are national, the others North Jutland. A project's value counts for
North Jutland only when the project's own location is North Jutland (all its municipalities
are in the region); a national programme with one partner in Aalborg counts as a project, not
as value.

As of a date (the alignment data's ``as_of``, set by the decision context): a figure is the
latest dated on or before it (of two with the same date, the one from the list imported last);
offices, partnerships, mergers and projects dated after it do not count. The North Jutland
figures of an imported member list say which list they come from (file and date), and a list
dated after the as-of date is named in the note as not counted. Only the context's long
list is scored (normalisation runs over those clusters).

Engagement score (0..1), with metric weights ``w_m`` (``Settings.engagement_weights``)::

    n_m(c)  = log(1 + x_m(c)) / log(1 + max over clusters of x_m)   (0 when the max is 0)
    score(c) = sum of w_m * n_m(c) over the metrics c has / sum of all w_m

A missing metric adds nothing (no evidence earns no points); ``completeness`` is the share of
the metric weight that the cluster has data for, so a low score from missing data can be told
from a low score from real absence. The log scale keeps one very large cluster from flattening
the others.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from brn_graph.alignment.data import ClusterInfo, Ref, Source
from brn_graph.alignment.scores import AlignmentModel, round_score, unknown_weight
from brn_graph.config import Language, Settings
from brn_graph.context.dates import dated_after
from brn_graph.errors import ConfigError
from brn_graph.graph.resolve import Candidate, suggest
from brn_graph.graph.terms import Record, Term
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_number
from brn_graph.i18n.message import message as msg
from brn_graph.namespaces import BRN
from brn_graph.query.analytics import GraphQueries

#: The region the engagement is about, relative to ``Settings.base_iri``.
NORTH_JUTLAND_PATH = "id/region/nordjylland"

METRICS: tuple[str, ...] = (
    "offices",
    "members",
    "smes",
    "members_nj",
    "smes_nj",
    "partnerships",
    "merged_networks",
    "projects",
    "project_value",
)
_OFFICE_POINTS: tuple[str, ...] = ("office.headquarters", "office.other")
NATIONAL = "national"
NORTH_JUTLAND = "north-jutland"
_METRIC_SCOPES: Mapping[str, str] = {
    name: NATIONAL if name in ("members", "smes") else NORTH_JUTLAND for name in METRICS
}
_PROJECT_VALUE_MEASURES: tuple[str, ...] = (
    str(BRN.Budget),
    str(BRN.Grant),
    str(BRN.ProjectPortfolio),
)
_UNITS: Mapping[str, str] = {
    str(BRN.DKK): "DKK",
    str(BRN.EUR): "EUR",
    str(BRN.Count): "count",
    str(BRN.Tonnes): "t",
}
_QUALIFIERS: Mapping[str, str] = {
    str(BRN.Approximately): "approximately",
    str(BRN.AtLeast): "at least",
}


@dataclass(frozen=True, kw_only=True)
class EngagementWeights:
    """Metric weights and office points; a metric left out weighs 0.

    >>> EngagementWeights.from_mapping({"offices": 1}).metrics["members"]
    0.0
    """

    metrics: Mapping[str, float]
    headquarters_points: float = 2.0
    office_points: float = 1.0

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, float]) -> EngagementWeights:
        known = (*METRICS, *_OFFICE_POINTS)
        for name, value in mapping.items():
            if name not in known:
                hints = suggest(name, [Candidate(iri=k, slug=k) for k in known])
                raise ConfigError(unknown_weight("engagement", name, hints))
            if float(value) < 0:
                raise ConfigError(msg("errors.weights.negative", name=name))
        metrics = {m: float(mapping.get(m, 0.0)) for m in METRICS}
        if sum(metrics.values()) <= 0:
            raise ConfigError(msg("errors.weights.no_positive"))
        return cls(
            metrics=metrics,
            headquarters_points=float(mapping.get("office.headquarters", 2.0)),
            office_points=float(mapping.get("office.other", 1.0)),
        )

    def to_dict(self) -> dict[str, float]:
        return {
            **self.metrics,
            "office.headquarters": self.headquarters_points,
            "office.other": self.office_points,
        }


@dataclass(frozen=True, kw_only=True)
class MetricItem:
    """One fact counted in a metric: an office, a figure, a partnership, a network, a project."""

    ref: Ref
    detail: str | None
    date: str | None
    sources: tuple[Source, ...]
    lang: Language

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.ref.to_dict(),
            "detail": self.detail,
            "date": self.date,
            "sources": [s.to_dict(self.lang) for s in self.sources],
        }


@dataclass(frozen=True, kw_only=True)
class Metric:
    """One engagement metric of one cluster; ``value`` is ``None`` when the data is missing."""

    name: str
    label: str
    value: float | None
    unit: str | None
    date: str | None
    items: tuple[MetricItem, ...]
    note: str | None
    lang: Language
    scope: str = NORTH_JUTLAND

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def sources(self) -> tuple[Source, ...]:
        seen: dict[str, Source] = {}
        for item in self.items:
            for s in item.sources:
                seen.setdefault(s.iri, s)
        return tuple(seen.values())

    def to_dict(self) -> dict[str, Any]:
        value: float | int | None = self.value
        if value is not None and float(value).is_integer():
            value = int(value)
        return {
            "name": self.name,
            "label": self.label,
            "value": value,
            "missing": self.missing,
            "scope": self.scope,
            "unit": self.unit,
            "date": self.date,
            "note": self.note,
            "sources": [s.to_dict(self.lang) for s in self.sources],
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True, kw_only=True)
class ClusterEngagement:
    """All metrics of one cluster, their normalised values and the engagement score."""

    cluster: Ref
    metrics: tuple[Metric, ...]
    normalised: Mapping[str, float | None]
    score: float
    completeness: float

    def metric(self, name: str) -> Metric:
        return next(m for m in self.metrics if m.name == name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "score": round_score(self.score),
            "completeness": round_score(self.completeness),
            "metrics": {
                m.name: {
                    **m.to_dict(),
                    "normalised": (
                        None
                        if self.normalised[m.name] is None
                        else round_score(self.normalised[m.name] or 0.0)
                    ),
                }
                for m in self.metrics
            },
        }


@dataclass(frozen=True, kw_only=True)
class EngagementReport:
    """Engagement of every cluster, with the weights and the region used."""

    region: Ref
    weights: EngagementWeights
    clusters: tuple[ClusterEngagement, ...]

    def by_cluster(self, iri: str) -> ClusterEngagement | None:
        return next((c for c in self.clusters if c.cluster.iri == iri), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region.to_dict(),
            "weights": self.weights.to_dict(),
            "clusters": [c.to_dict() for c in self.clusters],
        }


# --------------------------------------------------------------------------------------


def _text(row: Record, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def date_key(text: str | None) -> tuple[int, int, int]:
    """A sort key for ``xsd:date``, ``xsd:gYearMonth`` and ``xsd:gYear`` text (undated first).

    >>> date_key("2024") < date_key("2024-06") < date_key("2024-06-03")
    True
    """
    if not text:
        return (0, 0, 0)
    parts = [int(p) for p in re.findall(r"\d+", text)[:3]]
    parts += [0] * (3 - len(parts))
    return (parts[0], parts[1], parts[2])


def _latest(dates: Iterable[str | None]) -> str | None:
    known = [d for d in dates if d]
    return max(known, key=date_key) if known else None


@dataclass(frozen=True, kw_only=True)
class _Figure:
    iri: str
    subject: str
    measure: str
    value: float
    unit: str | None
    qualifier: str | None
    date: str | None
    scope: str | None
    member_list: str | None = None  # the member-list import the figure was counted from
    imported: str | None = None  # when that list was imported

    @property
    def order(self) -> tuple[tuple[int, int, int], str, str]:
        """Latest last: by date; of two with the same date, the one imported last."""
        return (date_key(self.date), self.imported or "", self.iri)


def _read_figures(rows: Iterable[Record]) -> list[_Figure]:
    figures: dict[str, _Figure] = {}
    for row in rows:
        iri = str(row["figure"])
        try:
            value = float(str(row["value"]))
        except ValueError:
            continue
        if iri in figures:
            continue
        figures[iri] = _Figure(
            iri=iri,
            subject=str(row["subject"]),
            measure=str(row["measure"]),
            value=value,
            unit=_UNITS.get(str(row.get("unit", ""))),
            qualifier=_QUALIFIERS.get(str(row.get("qualifier", ""))),
            date=str(row["date"]) if "date" in row else None,
            scope=str(row["scope"]) if "scope" in row else None,
            member_list=_text(row, "member_list"),
            imported=_text(row, "imported"),
        )
    return sorted(figures.values(), key=lambda f: f.iri)


class _Context:
    """What the metric builders share: names, sources and the region's organisations."""

    def __init__(
        self,
        model: AlignmentModel,
        *,
        region: str,
        regional: set[str],
        lang: Language,
        located: set[str] | None = None,
    ) -> None:
        self.model = model
        self.region = region
        self.regional = regional
        self.lang = lang
        self.located = located if located is not None else set(regional)

    def ref(self, iri: str) -> Ref:
        return self.model.data.ref(iri, self.lang)

    def say(self, key: str, **values: object) -> str:
        """The message ``key`` of the catalogue in the report's language."""
        return text(key, self.lang, **values)

    def sources(self, *iris: str) -> tuple[Source, ...]:
        found: dict[str, None] = {}
        for iri in iris:
            for s in self.model.data.derivations.get(iri, ()):
                found.setdefault(s)
        return self.model.data.sources_of(found)

    def item(self, iri: str, *, detail: str | None = None, date: str | None = None) -> MetricItem:
        return MetricItem(
            ref=self.ref(iri), detail=detail, date=date, sources=self.sources(iri), lang=self.lang
        )

    def metric(
        self,
        name: str,
        value: float | None,
        *,
        unit: str | None = None,
        date: str | None = None,
        items: Iterable[MetricItem] = (),
        note: str | None = None,
    ) -> Metric:
        return Metric(
            name=name,
            scope=_METRIC_SCOPES[name],
            label=self.say(f"engagement.metric.{name}"),
            value=value,
            unit=unit,
            date=date,
            items=tuple(items),
            note=note,
            lang=self.lang,
        )


def _office_metric(
    ctx: _Context,
    cluster: ClusterInfo,
    sites: Mapping[str, Mapping[str, tuple[str | None, bool]]],
    municipalities: set[str],
    weights: EngagementWeights,
) -> Metric:
    own = sites.get(cluster.iri, {})
    if not own:
        return ctx.metric("offices", None, note=ctx.say("engagement.note.no_offices"))
    points = 0.0
    items = []
    for site, (municipality, primary) in sorted(own.items()):
        if municipality in municipalities:
            points += weights.headquarters_points if primary else weights.office_points
            kind = ctx.say(
                "engagement.office.headquarters" if primary else "engagement.office.other"
            )
            items.append(ctx.item(site, detail=f"{kind}, {ctx.ref(municipality).label}"))
    note = ctx.say("engagement.note.offices", inside=len(items), total=len(own))
    return ctx.metric("offices", points, unit="points", items=items, note=note)


def _figure_metric(
    ctx: _Context,
    name: str,
    figures: list[_Figure],
    measure: str,
    scope: str | None,
    later: Iterable[_Figure] = (),
) -> Metric:
    matching = [f for f in figures if f.measure == measure and f.scope == scope]
    notes = _later_lists(ctx, [f for f in later if f.measure == measure and f.scope == scope])
    if not matching:
        notes.insert(0, ctx.say("engagement.note.no_figure"))
        return ctx.metric(name, None, note=" ".join(notes))
    latest = max(matching, key=lambda f: f.order)
    detail = format_number(latest.value, ctx.lang)
    if latest.qualifier:
        detail = (
            ctx.say(f"engagement.qualifier.{latest.qualifier.replace(' ', '_')}") + " " + detail
        )
    if latest.member_list is not None:
        sources = ctx.sources(latest.iri)
        notes.insert(
            0,
            ctx.say(
                "engagement.note.member_list",
                date=latest.date or "",
                source=", ".join(s.title.get(ctx.lang) for s in sources)
                or ctx.ref(latest.member_list).label,
            ),
        )
    if len(matching) > 1:
        notes.insert(0, ctx.say("engagement.note.latest_figure", count=len(matching)))
    note = " ".join(notes) or None
    return ctx.metric(
        name,
        latest.value,
        unit=latest.unit,
        date=latest.date,
        items=[ctx.item(latest.iri, detail=detail, date=latest.date)],
        note=note,
    )


def _later_lists(ctx: _Context, later: list[_Figure]) -> list[str]:
    """A note per member list dated after the as-of date: it exists, and does not count."""
    lists = sorted({(f.date or "", f.member_list) for f in later if f.member_list is not None})
    return [
        ctx.say("engagement.note.later_list", date=day, as_of=ctx.model.data.as_of or "")
        for day, _ in lists
    ]


def compute_engagement(
    queries: GraphQueries,
    model: AlignmentModel,
    settings: Settings,
    *,
    lang: Language | None = None,
    weights: Mapping[str, float] | None = None,
) -> EngagementReport:
    """Every cluster's engagement in North Jutland, read through ``queries``."""
    lang = lang or settings.lang
    engagement_weights = EngagementWeights.from_mapping(
        settings.engagement_weights if weights is None else weights
    )
    region = settings.base_iri + NORTH_JUTLAND_PATH
    bindings = {"region": Term.iri(region)}

    def rows(name: str, with_region: bool = False) -> list[Record]:
        return queries.select(f"alignment/{name}", **(bindings if with_region else {}))

    municipalities = {str(r["municipality"]) for r in rows("list_region_municipalities", True)}
    regional = {str(r["organisation"]) for r in rows("list_regional_organisations", True)}
    regional |= municipalities | {region}
    located = {str(r["organisation"]) for r in rows("list_located_organisations")} | regional
    ctx = _Context(model, region=region, regional=regional, lang=lang, located=located)
    day = model.data.as_of

    def later(text: str | None) -> bool:
        return day is not None and dated_after(text, date.fromisoformat(day))

    sites: dict[str, dict[str, tuple[str | None, bool]]] = defaultdict(dict)
    for row in rows("list_sites"):
        if later(_text(row, "start")):
            continue
        organisation, site = str(row["organisation"]), str(row["site"])
        municipality = str(row["municipality"]) if "municipality" in row else None
        primary = str(row.get("primary", "false")).lower() in {"true", "1"}
        previous = sites[organisation].get(site)
        sites[organisation][site] = (municipality, primary or bool(previous and previous[1]))

    all_figures = _read_figures(rows("list_figures"))
    figures = [f for f in all_figures if not later(f.date)]
    figures_by_subject: dict[str, list[_Figure]] = defaultdict(list)
    for f in figures:
        figures_by_subject[f.subject].append(f)
    later_by_subject: dict[str, list[_Figure]] = defaultdict(list)
    for f in all_figures:
        if later(f.date):
            later_by_subject[f.subject].append(f)

    partnerships: dict[str, set[str]] = defaultdict(set)
    partnership_dates: dict[str, str] = {}
    for row in rows("list_partnerships"):
        if later(_text(row, "start")):
            continue
        partnerships[str(row["partnership"])].add(str(row["partner"]))
        if "start" in row:
            partnership_dates[str(row["partnership"])] = str(row["start"])

    mergers: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    merger_dates: dict[str, str] = {}
    for row in rows("list_mergers"):
        if later(_text(row, "date")):
            continue
        mergers[str(row["resulting"])][str(row["event"])].add(str(row["original"]))
        if "date" in row:
            merger_dates[str(row["event"])] = str(row["date"])

    projects = _Projects()
    for row in rows("list_projects"):
        if later(_text(row, "start")):
            continue
        project, organisation = str(row["project"]), str(row["organisation"])
        projects.by_organisation[organisation].add(project)
        projects.organisations[project].add(organisation)
        if "municipality" in row:
            projects.places[project].add(str(row["municipality"]))

    raw: list[tuple[ClusterInfo, tuple[Metric, ...]]] = []
    for cluster in model.data.focus_clusters:
        own_figures = figures_by_subject.get(cluster.iri, [])
        own_later = later_by_subject.get(cluster.iri, [])
        metrics = (
            _office_metric(ctx, cluster, sites, municipalities, engagement_weights),
            _figure_metric(ctx, "members", own_figures, str(BRN.Members), None),
            _figure_metric(ctx, "smes", own_figures, str(BRN.SMEMembers), None),
            _figure_metric(ctx, "members_nj", own_figures, str(BRN.Members), region, own_later),
            _figure_metric(ctx, "smes_nj", own_figures, str(BRN.SMEMembers), region, own_later),
            _partnership_metric(ctx, cluster, partnerships, partnership_dates),
            _merger_metric(ctx, cluster, mergers, merger_dates),
            *_project_metrics(ctx, cluster, projects, municipalities, figures_by_subject),
        )
        raw.append((cluster, metrics))
    return EngagementReport(
        region=ctx.ref(region),
        weights=engagement_weights,
        clusters=_score(raw, engagement_weights, lang),
    )


def _partnership_metric(
    ctx: _Context,
    cluster: ClusterInfo,
    partnerships: Mapping[str, set[str]],
    dates: Mapping[str, str],
) -> Metric:
    own = sorted(p for p, partners in partnerships.items() if cluster.iri in partners)
    if not own:
        return ctx.metric(
            "partnerships",
            None,
            note=ctx.say("engagement.note.no_partnerships"),
        )
    items = []
    for p in own:
        regional = sorted(o for o in partnerships[p] if o != cluster.iri and o in ctx.regional)
        if regional:
            names = ", ".join(ctx.ref(o).label for o in regional)
            items.append(ctx.item(p, detail=names, date=dates.get(p)))
    return ctx.metric(
        "partnerships",
        len(items),
        unit="count",
        date=_latest(i.date for i in items),
        items=items,
        note=ctx.say("engagement.note.partnerships", inside=len(items), total=len(own)),
    )


def _merger_metric(
    ctx: _Context,
    cluster: ClusterInfo,
    mergers: Mapping[str, Mapping[str, set[str]]],
    dates: Mapping[str, str],
) -> Metric:
    events = mergers.get(cluster.iri, {})
    if not events:
        return ctx.metric("merged_networks", None, note=ctx.say("engagement.note.no_merger"))
    items: dict[str, MetricItem] = {}
    originals = 0
    unknown: set[str] = set()
    for event, organisations in sorted(events.items()):
        originals += len(organisations)
        unknown |= {o for o in organisations if o not in ctx.located}
        for o in sorted(organisations):
            if o in ctx.regional and o not in items:
                items[o] = MetricItem(
                    ref=ctx.ref(o),
                    detail=ctx.ref(event).label,
                    date=dates.get(event),
                    sources=ctx.sources(event, o),
                    lang=ctx.lang,
                )
    note = ctx.say("engagement.note.merged", inside=len(items), total=originals)
    if unknown:
        note += ctx.say("engagement.note.unlocated", count=len(unknown))
    return ctx.metric(
        "merged_networks",
        len(items) if items or not unknown else None,
        unit="count",
        date=_latest(i.date for i in items.values()),
        items=items.values(),
        note=note,
    )


class _Projects:
    """Projects by organisation, and each project's organisations and places."""

    def __init__(self) -> None:
        self.by_organisation: dict[str, set[str]] = defaultdict(set)
        self.organisations: dict[str, set[str]] = defaultdict(set)
        self.places: dict[str, set[str]] = defaultdict(set)

    def regional_detail(
        self, project: str, cluster: str, ctx: _Context, municipalities: set[str]
    ) -> str | None:
        """Why ``project`` is in North Jutland, or ``None`` when it is not.

        A project is in North Jutland when it (or a project directly part of it) is located in
        one of the region's municipalities; a project with no location at all counts when one
        of its organisations other than the national clusters is anchored in the region (the
        clusters are left out so that a national programme does not count for all of them
        through the one cluster with an office in the region).
        """
        places = self.places.get(project, set())
        if places:
            inside = sorted(places & municipalities)
            return ", ".join(ctx.ref(m).label for m in inside) if inside else None
        clusters = ctx.model.data.cluster_by_iri
        partners = sorted(
            o for o in self.organisations[project] if o in ctx.regional and o not in clusters
        )
        if not partners:
            return None
        return ctx.say(
            "engagement.detail.partners", names=", ".join(ctx.ref(o).label for o in partners)
        )


def _project_metrics(
    ctx: _Context,
    cluster: ClusterInfo,
    projects: _Projects,
    municipalities: set[str],
    figures: Mapping[str, list[_Figure]],
) -> tuple[Metric, Metric]:
    own = sorted(projects.by_organisation.get(cluster.iri, ()))
    if not own:
        return (
            ctx.metric("projects", None, note=ctx.say("engagement.note.no_projects")),
            ctx.metric("project_value", None, note=ctx.say("engagement.note.no_projects")),
        )
    details = {p: projects.regional_detail(p, cluster.iri, ctx, municipalities) for p in own}
    regional = [p for p in own if details[p] is not None]
    # A project with no recorded place and no partner anchored in the region may or may not
    # be in North Jutland: unknown, not "outside". With none known inside and some unknown,
    # the count is unknown (None), never 0.
    unlocated = [p for p in own if details[p] is None and not projects.places.get(p)]
    unknown = not regional and bool(unlocated)
    project_items = [ctx.item(p, detail=details[p]) for p in regional]
    projects_note = ctx.say("engagement.note.projects", inside=len(regional), total=len(own))
    if unlocated:
        projects_note += ctx.say("engagement.note.unlocated", count=len(unlocated))
    projects_metric = ctx.metric(
        "projects",
        None if unknown else len(regional),
        unit="count",
        items=project_items,
        note=projects_note,
    )
    value_items = []
    total = 0.0
    valued = 0
    other_currency = []
    own_scope = [
        p for p in regional if projects.places.get(p) and projects.places[p] <= municipalities
    ]
    for p in own_scope:
        candidates = [f for f in figures.get(p, []) if f.measure in _PROJECT_VALUE_MEASURES]
        if not candidates:
            continue
        best = min(
            candidates,
            key=lambda f: (
                _PROJECT_VALUE_MEASURES.index(f.measure),
                tuple(-x for x in date_key(f.date)),
                f.iri,
            ),
        )
        label = f"{format_number(round(best.value), ctx.lang)} {best.unit or ''}".strip()
        value_items.append(ctx.item(best.iri, detail=label, date=best.date))
        if best.unit == "DKK":
            total += best.value
            valued += 1
        else:
            other_currency.append(label)
    value: float | None
    if unknown:
        value = None
        note = ctx.say("engagement.note.projects_unlocated")
    elif not regional:
        value = 0.0
        note = ctx.say("engagement.note.no_regional_projects")
    elif not valued:
        value = None
        note = ctx.say("engagement.note.no_value")
    else:
        value = total
        note = ctx.say("engagement.note.valued", valued=valued, total=len(regional))
    if other_currency:
        note += ctx.say("engagement.note.not_converted", values=", ".join(other_currency))
    value_metric = ctx.metric(
        "project_value",
        value,
        unit="DKK",
        date=_latest(i.date for i in value_items),
        items=value_items,
        note=note,
    )
    return projects_metric, value_metric


def _score(
    raw: list[tuple[ClusterInfo, tuple[Metric, ...]]],
    weights: EngagementWeights,
    lang: Language,
) -> tuple[ClusterEngagement, ...]:
    maxima: dict[str, float] = {}
    for name in METRICS:
        values = [m.value for _, ms in raw for m in ms if m.name == name and m.value is not None]
        maxima[name] = max(values) if values else 0.0
    total_weight = sum(weights.metrics.values())
    result = []
    for cluster, metrics in raw:
        normalised: dict[str, float | None] = {}
        score = 0.0
        available = 0.0
        for m in metrics:
            if m.value is None:
                normalised[m.name] = None
                continue
            top = maxima[m.name]
            n = math.log1p(max(m.value, 0.0)) / math.log1p(top) if top > 0 else 0.0
            normalised[m.name] = n
            score += weights.metrics[m.name] * n
            available += weights.metrics[m.name]
        result.append(
            ClusterEngagement(
                cluster=cluster.ref(lang),
                metrics=metrics,
                normalised=normalised,
                score=score / total_weight,
                completeness=available / total_weight,
            )
        )
    return tuple(result)


__all__ = [
    "METRICS",
    "NORTH_JUTLAND_PATH",
    "ClusterEngagement",
    "EngagementReport",
    "EngagementWeights",
    "Metric",
    "MetricItem",
    "compute_engagement",
    "date_key",
]
