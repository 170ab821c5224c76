"""The read side of the alignment analytics: what is read from the graph, and what the rules derive.

Reads (``queries/alignment/*.rq``) clusters with their focus-area themes, framework documents,
the goals and strength positions they define (the *targets*) with their themes, and the
alignment assessments (``brn:Alignment``) with evidence, sources, assessor and date, into
immutable typed records (:class:`AlignmentData`). Runs the inference rules
(``queries/rules/*.rq``): alignments from SKOS links between a cluster's focus area and a
target's theme, each marked ``inferred`` and naming its rule. No scoring happens here; the
formula is in :mod:`brn_graph.alignment.scores`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from brn_graph.config import Language
from brn_graph.errors import ConfigError
from brn_graph.graph.resolve import slug_of
from brn_graph.graph.terms import Record
from brn_graph.i18n.message import message as msg
from brn_graph.namespaces import BRN, DCTERMS, ONTOLOGY_IRI, RDFS, ROV, SKOS, shorten
from brn_graph.query.analytics import GraphQueries
from brn_graph.query.catalog import CatalogQuery

#: Levels best first; ``none`` is an explicit "assessed, not aligned" (``brn:LevelNone``).
LEVELS: tuple[str, ...] = ("high", "medium", "low", "none")
CONFIDENCES: tuple[str, ...] = ("stated", "inferred", "weak")

_LEVEL_CODES: Mapping[str, str] = {
    str(BRN.LevelHigh): "high",
    str(BRN.LevelMedium): "medium",
    str(BRN.LevelLow): "low",
    ONTOLOGY_IRI + "LevelNone": "none",
}
_CONFIDENCE_CODES: Mapping[str, str] = {
    str(BRN.Stated): "stated",
    str(BRN.Inferred): "inferred",
    str(BRN.Weak): "weak",
}
_DOCUMENT_KINDS: Mapping[str, str] = {
    str(BRN.Strategy): "strategy",
    str(BRN.RegionalChapter): "regional-chapter",
    str(BRN.ResultsContract): "results-contract",
    str(BRN.Agreement): "agreement",
    str(BRN.FrameworkDocument): "framework-document",
}
#: Which label property names a resource, best first (``docs/model.md``, "Labels").
_LABEL_PROPERTIES: tuple[str, ...] = (
    str(SKOS.prefLabel),
    str(DCTERMS.title),
    str(RDFS.label),
    str(ROV.legalName),
)
_ALT_PROPERTIES: tuple[str, ...] = (str(SKOS.altLabel), str(SKOS.notation))


class Origin(StrEnum):
    """Where an alignment record comes from: an assessment in the data, or a rule."""

    ASSESSED = "assessed"
    RULE = "rule"


class TargetKind(StrEnum):
    GOAL = "goal"
    STRENGTH_POSITION = "strength-position"


# --------------------------------------------------------------------------------------
# Names and references
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Labels:
    """A name in Danish and English; :meth:`get` falls back to the other language, then the id.

    >>> Labels(da=None, en="Energy", fallback="energy").get("da")
    'Energy'
    """

    da: str | None = None
    en: str | None = None
    fallback: str = ""

    def get(self, lang: Language) -> str:
        first, second = (self.da, self.en) if lang == "da" else (self.en, self.da)
        return first or second or self.fallback

    def to_dict(self) -> dict[str, str | None]:
        return {"da": self.da, "en": self.en}


@dataclass(frozen=True, kw_only=True)
class Ref:
    """A resource as shown to people: its slug (``id``), its IRI and its label in one language."""

    id: str
    iri: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "iri": self.iri, "label": self.label}


@dataclass(frozen=True, kw_only=True)
class TargetRef(Ref):
    """A goal or strength position, with its kind, notation and framework document."""

    kind: TargetKind
    notation: str | None
    document: str

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "kind": str(self.kind),
            "notation": self.notation,
            "document": slug_of(self.document),
        }


@dataclass(frozen=True, kw_only=True)
class Source:
    """A ``brn:Source``: title, web address (or a citation when it has none), confidence."""

    iri: str
    title: Labels
    url: str | None
    citation: str | None
    confidence: str | None

    @property
    def is_web(self) -> bool:
        return self.url is not None and self.url.startswith(("http://", "https://"))

    def to_dict(self, lang: Language) -> dict[str, Any]:
        return {
            "id": shorten(self.iri),
            "iri": self.iri,
            "title": self.title.get(lang),
            "url": self.url,
            "citation": self.citation,
            "confidence": self.confidence,
        }


# --------------------------------------------------------------------------------------
# What is read from the graph
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ClusterInfo:
    iri: str
    slug: str
    labels: Labels
    alt_names: tuple[str, ...]
    #: Names of the networks merged into the cluster: a user may still call it by them.
    merged_names: tuple[str, ...] = ()
    focus_areas: tuple[str, ...]
    sources: tuple[str, ...]
    dissolved: str | None = None

    @property
    def active(self) -> bool:
        """False for a cluster that no longer exists (``schema:dissolutionDate``)."""
        return self.dissolved is None

    def ref(self, lang: Language) -> Ref:
        return Ref(id=self.slug, iri=self.iri, label=self.labels.get(lang))


@dataclass(frozen=True, kw_only=True)
class DocumentInfo:
    iri: str
    slug: str
    labels: Labels
    kinds: tuple[str, ...]
    part_of: tuple[str, ...]
    sources: tuple[str, ...]

    def ref(self, lang: Language) -> Ref:
        return Ref(id=self.slug, iri=self.iri, label=self.labels.get(lang))


@dataclass(frozen=True, kw_only=True)
class TargetInfo:
    """A goal or strength position that clusters can be aligned with."""

    iri: str
    slug: str
    kind: TargetKind
    labels: Labels
    document: str
    notation: str | None
    themes: tuple[str, ...]
    sources: tuple[str, ...]

    def ref(self, lang: Language) -> TargetRef:
        return TargetRef(
            id=self.slug,
            iri=self.iri,
            label=self.labels.get(lang),
            kind=self.kind,
            notation=self.notation,
            document=self.document,
        )


@dataclass(frozen=True, kw_only=True)
class Rule:
    """An inference rule: one ``queries/rules/*.rq`` file and what its header says."""

    id: str
    iri: str
    file: str
    summary: Labels
    level: str


@dataclass(frozen=True, kw_only=True)
class RuleMatch:
    """Which rule derived an alignment, through which pair of themes."""

    rule: str
    cluster_theme: str
    target_theme: str


@dataclass(frozen=True, kw_only=True)
class AlignmentRecord:
    """One piece of alignment evidence: an assessment from the data or a rule hit."""

    cluster: str
    target: str
    document: str | None
    level: str
    confidence: str
    origin: Origin
    iri: str | None = None
    evidence: Labels = field(default_factory=Labels)
    passage: str | None = None
    sources: tuple[str, ...] = ()
    assessor: str | None = None
    created: str | None = None
    evidence_date: str | None = None
    rule: RuleMatch | None = None

    @property
    def dated(self) -> str | None:
        """The date the record counts from: its evidence date, else the day it was written."""
        return self.evidence_date or self.created

    @property
    def pair(self) -> tuple[str, str]:
        return (self.cluster, self.target)

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.iri or "", self.rule.rule if self.rule else "")


@dataclass(frozen=True, kw_only=True)
class AlignmentData:
    """Everything the alignment analytics read from one graph; immutable, so share it freely."""

    base_iri: str
    clusters: tuple[ClusterInfo, ...]
    documents: tuple[DocumentInfo, ...]
    targets: tuple[TargetInfo, ...]
    alignments: tuple[AlignmentRecord, ...]
    superseded: tuple[AlignmentRecord, ...]
    rules: tuple[Rule, ...]
    sources: Mapping[str, Source]
    names: Mapping[str, Labels]
    derivations: Mapping[str, tuple[str, ...]]
    #: Goals and strength positions outside every cluster's remit, with the reason.
    remit: Mapping[str, Labels] = field(default_factory=dict)
    #: Set by :func:`brn_graph.context.view.restrict`: the as-of date, the documents counted
    #: (in order) with their shares of the alignment weight, the long list, and the
    #: assessments left out because their evidence is dated after the as-of date.
    as_of: str | None = None
    frameworks: tuple[str, ...] | None = None
    framework_shares: Mapping[str, float] | None = None
    long_list: tuple[str, ...] | None = None
    later: tuple[AlignmentRecord, ...] = ()

    @property
    def active_clusters(self) -> tuple[ClusterInfo, ...]:
        """The clusters that still exist: the ones gaps, overlaps and the ranking are about."""
        return tuple(c for c in self.clusters if c.active)

    @property
    def focus_clusters(self) -> tuple[ClusterInfo, ...]:
        """The long list of the context when there is one, else every cluster (dissolved ones
        included: each user decides whether to leave those out)."""
        if self.long_list is None:
            return self.clusters
        wanted = set(self.long_list)
        return tuple(c for c in self.clusters if c.iri in wanted)

    @cached_property
    def assessed_pairs(self) -> frozenset[tuple[str, str]]:
        """(cluster, target) pairs with at least one assessment, ``none`` included."""
        return frozenset(r.pair for r in self.alignments if r.origin is Origin.ASSESSED)

    @cached_property
    def cluster_by_iri(self) -> Mapping[str, ClusterInfo]:
        return {c.iri: c for c in self.clusters}

    @cached_property
    def document_by_iri(self) -> Mapping[str, DocumentInfo]:
        return {d.iri: d for d in self.documents}

    @cached_property
    def target_by_iri(self) -> Mapping[str, TargetInfo]:
        return {t.iri: t for t in self.targets}

    @cached_property
    def rule_by_id(self) -> Mapping[str, Rule]:
        return {r.id: r for r in self.rules}

    @cached_property
    def records_by_pair(self) -> Mapping[tuple[str, str], tuple[AlignmentRecord, ...]]:
        grouped: dict[tuple[str, str], list[AlignmentRecord]] = defaultdict(list)
        for record in self.alignments:
            grouped[record.pair].append(record)
        return {pair: tuple(records) for pair, records in grouped.items()}

    @cached_property
    def superseded_by_pair(self) -> Mapping[tuple[str, str], tuple[AlignmentRecord, ...]]:
        grouped: dict[tuple[str, str], list[AlignmentRecord]] = defaultdict(list)
        for record in self.superseded:
            grouped[record.pair].append(record)
        return {pair: tuple(records) for pair, records in grouped.items()}

    @cached_property
    def targets_by_document(self) -> Mapping[str, tuple[TargetInfo, ...]]:
        grouped: dict[str, list[TargetInfo]] = defaultdict(list)
        for target in self.targets:
            grouped[target.document].append(target)
        return {d: tuple(sorted(ts, key=_target_sort_key)) for d, ts in grouped.items()}

    @property
    def scored_documents(self) -> tuple[DocumentInfo, ...]:
        """The context's counted documents in order; without a context, every document that
        defines at least one goal or strength position, in IRI order."""
        if self.frameworks is not None:
            return tuple(
                self.document_by_iri[d]
                for d in self.frameworks
                if d in self.document_by_iri and self.targets_by_document.get(d)
            )
        return tuple(d for d in self.documents if self.targets_by_document.get(d.iri))

    @property
    def scored_targets(self) -> tuple[TargetInfo, ...]:
        """The goals and strength positions of the scored documents."""
        return tuple(t for d in self.scored_documents for t in self.targets_by_document[d.iri])

    def label(self, iri: str, lang: Language) -> str:
        labels = self.names.get(iri)
        return labels.get(lang) if labels else slug_of(iri)

    def ref(self, iri: str, lang: Language) -> Ref:
        return Ref(id=slug_of(iri), iri=iri, label=self.label(iri, lang))

    def sources_of(self, iris: Iterable[str]) -> tuple[Source, ...]:
        return tuple(
            self.sources.get(i)
            or Source(
                iri=i, title=Labels(fallback=slug_of(i)), url=None, citation=None, confidence=None
            )
            for i in iris
        )


def _target_sort_key(target: TargetInfo) -> tuple[Any, ...]:
    notation = target.notation or ""
    parts = tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\s]+", notation) if p
    )
    return (target.kind != TargetKind.GOAL, not parts, parts, target.slug)


def _term_str(row: Record, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


@dataclass(frozen=True, kw_only=True)
class _Names:
    labels: dict[str, Labels]
    alternatives: dict[str, tuple[str, ...]]
    notations: dict[str, str]


def _collect_names(rows: Iterable[Record]) -> _Names:
    best: dict[str, dict[int, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(dict))
    alternatives: dict[str, set[str]] = defaultdict(set)
    notations: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        resource, prop, label = row.get("resource"), row.get("property"), row.get("label")
        if resource is None or resource.kind != "iri" or label is None or prop is None:
            continue
        text = str(label)
        if str(prop) == str(SKOS.notation):
            notations[str(resource)].add(text)
        if str(prop) in _ALT_PROPERTIES:
            alternatives[str(resource)].add(text)
            continue
        rank = _LABEL_PROPERTIES.index(str(prop)) if str(prop) in _LABEL_PROPERTIES else 99
        lang = label.lang or ""
        best[str(resource)][rank].setdefault(lang.lower(), []).append(text)
        alternatives[str(resource)].add(text)
    names: dict[str, Labels] = {}
    for iri, by_rank in best.items():
        texts: dict[str, str] = {}
        for rank in sorted(by_rank):
            for lang in ("da", "en", ""):
                values = sorted(by_rank[rank].get(lang, []))
                if values and lang not in texts:
                    texts[lang] = values[0]
        untagged = texts.get("")
        names[iri] = Labels(
            da=texts.get("da") or untagged,
            en=texts.get("en") or untagged,
            fallback=slug_of(iri),
        )
    return _Names(
        labels=names,
        alternatives={r: tuple(sorted(a)) for r, a in alternatives.items()},
        notations={r: sorted(n)[0] for r, n in notations.items()},
    )


def _labels(names: Mapping[str, Labels], iri: str) -> Labels:
    return names.get(iri) or Labels(fallback=slug_of(iri))


def load_alignment_data(queries: GraphQueries, *, base_iri: str) -> AlignmentData:
    """Read clusters, documents, targets, assessments and sources, and run the inference rules.

    Runs only read queries (``queries/alignment``, ``queries/rules``, parsed once) on the
    union graph; the graph is not changed and no file is read.
    """

    def rows(name: str) -> list[Record]:
        return queries.select(f"alignment/{name}")

    collected = _collect_names(rows("list_labels"))
    names, alternatives = collected.labels, collected.alternatives
    derivations_lists: dict[str, set[str]] = defaultdict(set)
    for row in rows("list_derivations"):
        resource, source = _term_str(row, "resource"), _term_str(row, "source")
        if resource and source:
            derivations_lists[resource].add(source)
    derivations = {r: tuple(sorted(s)) for r, s in derivations_lists.items()}
    sources = _read_sources(rows("list_sources"), names)

    focus: dict[str, set[str]] = defaultdict(set)
    for row in rows("list_focus_areas"):
        focus[str(row["cluster"])].add(str(row["theme"]))
    dissolved: dict[str, set[str]] = {}
    for row in rows("list_every_cluster"):
        dates = dissolved.setdefault(str(row["cluster"]), set())
        if "dissolved" in row:
            dates.add(str(row["dissolved"]))
    merged: dict[str, set[str]] = defaultdict(set)
    for row in rows("list_mergers"):
        original = _labels(names, str(row["original"]))
        merged[str(row["resulting"])].update(
            n for n in (original.da, original.en, *alternatives.get(str(row["original"]), ())) if n
        )
    clusters = tuple(
        ClusterInfo(
            iri=iri,
            slug=slug_of(iri),
            labels=_labels(names, iri),
            alt_names=alternatives.get(iri, ()),
            merged_names=tuple(sorted(merged.get(iri, ()))),
            focus_areas=tuple(sorted(focus.get(iri, ()))),
            sources=derivations.get(iri, ()),
            dissolved=min(dissolved[iri]) if dissolved[iri] else None,
        )
        for iri in sorted(dissolved)
    )

    kinds: dict[str, set[str]] = defaultdict(set)
    part_of: dict[str, set[str]] = defaultdict(set)
    for row in rows("list_documents"):
        document = str(row["document"])
        kinds[document].add(_DOCUMENT_KINDS.get(str(row["type"]), slug_of(str(row["type"]))))
        if "partOf" in row:
            part_of[document].add(str(row["partOf"]))
    documents = tuple(
        DocumentInfo(
            iri=iri,
            slug=slug_of(iri),
            labels=_labels(names, iri),
            kinds=tuple(sorted(kinds[iri])),
            part_of=tuple(sorted(part_of.get(iri, ()))),
            sources=derivations.get(iri, ()),
        )
        for iri in sorted(kinds)
    )

    targets = _read_targets(
        rows("list_alignment_targets"),
        rows("list_target_themes"),
        names,
        collected.notations,
        derivations,
    )
    target_iris = {t.iri for t in targets}
    cluster_iris = {c.iri for c in clusters}
    assessed = _read_assessments(
        rows("list_alignments"),
        rows("list_alignment_evidence"),
        derivations,
        cluster_iris,
        target_iris,
    )
    remit = _read_remit(rows("list_remit"))
    rules = _read_rules(queries.folder("rules"), base_iri)
    derived = _run_rules(queries, rules, names, derivations, cluster_iris, target_iris)
    assessed_pairs = {a.pair for a in assessed}
    kept = tuple(d for d in derived if d.pair not in assessed_pairs)
    superseded = tuple(d for d in derived if d.pair in assessed_pairs)
    return AlignmentData(
        base_iri=base_iri,
        clusters=clusters,
        documents=documents,
        targets=targets,
        alignments=(*assessed, *kept),
        superseded=superseded,
        rules=rules,
        sources=sources,
        names=names,
        derivations=derivations,
        remit=remit,
    )


def _read_remit(rows: Iterable[Record]) -> dict[str, Labels]:
    """Targets marked ``brn:outsideClusterRemit true``, with their ``brn:remitNote``."""
    outside: set[str] = set()
    notes: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        target = str(row["target"])
        if str(row.get("outside", "")).lower() in {"true", "1"}:
            outside.add(target)
        note = row.get("note")
        if note is not None and note.kind == "literal":
            notes[target].setdefault((note.lang or "").lower(), str(note))
    return {
        t: Labels(
            da=notes[t].get("da") or notes[t].get(""),
            en=notes[t].get("en") or notes[t].get(""),
            fallback="",
        )
        for t in sorted(outside)
    }


def _read_sources(rows: Iterable[Record], names: Mapping[str, Labels]) -> dict[str, Source]:
    grouped: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        fields = grouped.setdefault(str(row["source"]), defaultdict(set))
        for key in ("url", "citation", "confidence"):
            value = _term_str(row, key)
            if value is not None:
                fields[key].add(value)

    def first(values: set[str]) -> str | None:
        return sorted(values)[0] if values else None

    return {
        iri: Source(
            iri=iri,
            title=_labels(names, iri),
            url=first(fields["url"]),
            citation=first(fields["citation"]),
            confidence=_CONFIDENCE_CODES.get(first(fields["confidence"]) or ""),
        )
        for iri, fields in grouped.items()
    }


def _read_targets(
    target_rows: Iterable[Record],
    theme_rows: Iterable[Record],
    names: Mapping[str, Labels],
    notations: Mapping[str, str],
    derivations: Mapping[str, tuple[str, ...]],
) -> tuple[TargetInfo, ...]:
    kinds: dict[str, set[str]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    for row in target_rows:
        target = str(row["target"])
        kinds[target].add(str(row["type"]))
        documents[target].add(str(row["document"]))
    themes: dict[str, set[str]] = defaultdict(set)
    for row in theme_rows:
        themes[str(row["target"])].add(str(row["theme"]))
    return tuple(
        TargetInfo(
            iri=iri,
            slug=slug_of(iri),
            kind=TargetKind.GOAL if str(BRN.Goal) in kinds[iri] else TargetKind.STRENGTH_POSITION,
            labels=_labels(names, iri),
            document=sorted(documents[iri])[0],
            notation=notations.get(iri),
            themes=tuple(sorted(themes.get(iri, ()))),
            sources=derivations.get(iri, ()),
        )
        for iri in sorted(kinds)
    )


def _read_assessments(
    rows: Iterable[Record],
    evidence_rows: Iterable[Record],
    derivations: Mapping[str, tuple[str, ...]],
    cluster_iris: set[str],
    target_iris: set[str],
) -> tuple[AlignmentRecord, ...]:
    fields: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        alignment = str(row["alignment"])
        for key, value in row.items():
            if key != "alignment":
                fields[alignment][key].add(str(value))
    evidence: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in evidence_rows:
        text = row.get("evidence")
        if text is None:
            continue
        lang = text.lang or ""
        evidence[str(row["alignment"])][lang.lower()].append(str(text))

    def first(values: set[str]) -> str | None:
        return sorted(values)[0] if values else None

    records: list[AlignmentRecord] = []
    for iri in sorted(fields):
        f = fields[iri]
        cluster, target = first(f["cluster"]), first(f["target"])
        if cluster is None or target is None:
            continue
        if cluster not in cluster_iris or target not in target_iris:
            continue
        texts = evidence.get(iri, {})
        untagged = " ".join(sorted(texts.get("", []))) or None
        records.append(
            AlignmentRecord(
                cluster=cluster,
                target=target,
                document=first(f["document"]),
                level=_best_code(f["level"], _LEVEL_CODES, LEVELS, default="low"),
                confidence=_best_code(
                    f["confidence"], _CONFIDENCE_CODES, CONFIDENCES, default="weak"
                ),
                origin=Origin.ASSESSED,
                iri=iri,
                evidence=Labels(
                    da=" ".join(sorted(texts.get("da", []))) or untagged,
                    en=" ".join(sorted(texts.get("en", []))) or untagged,
                    fallback="",
                ),
                passage=first(f["passage"]),
                sources=derivations.get(iri, ()),
                assessor=first(f["assessor"]),
                created=first(f["created"]),
                evidence_date=_latest_text(f["evidenceDate"]),
            )
        )
    return tuple(records)


def _latest_text(values: set[str]) -> str | None:
    # Several evidence dates (a data error): the latest, so the record never counts too early.
    return max(values) if values else None


def _best_code(
    values: set[str], codes: Mapping[str, str], order: Sequence[str], *, default: str
) -> str:
    # Several values on one assessment (a data error the shapes report): take the lowest,
    # so a contradiction never raises a score.
    known = [codes[v] for v in values if v in codes]
    return max(known, key=order.index) if known else default


def _read_rules(files: Iterable[CatalogQuery], base_iri: str) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for query in files:
        rule_id = query.header.rule or query.path.stem
        level = query.header.level or "low"
        rules.append(
            Rule(
                id=rule_id,
                iri=f"{base_iri}id/rule/{rule_id}",
                file=f"{query.name}.rq",
                summary=Labels(
                    da=query.summary.get("da") or None,
                    en=query.summary.get("en") or None,
                    fallback=rule_id,
                ),
                level=level if level in LEVELS else "low",
            )
        )
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ConfigError(msg("errors.rules.duplicate", rules=duplicates))
    return tuple(rules)


def _run_rules(
    queries: GraphQueries,
    rules: Sequence[Rule],
    names: Mapping[str, Labels],
    derivations: Mapping[str, tuple[str, ...]],
    cluster_iris: set[str],
    target_iris: set[str],
) -> tuple[AlignmentRecord, ...]:
    records: list[AlignmentRecord] = []
    for rule in rules:
        for row in queries.select(rule.file):
            cluster, target = _term_str(row, "cluster"), _term_str(row, "target")
            if cluster is None or target is None:
                continue
            if cluster not in cluster_iris or target not in target_iris:
                continue
            cluster_theme = _term_str(row, "clusterTheme") or ""
            target_theme = _term_str(row, "targetTheme") or ""
            level = _LEVEL_CODES.get(_term_str(row, "level") or "", rule.level)
            match = RuleMatch(rule=rule.id, cluster_theme=cluster_theme, target_theme=target_theme)
            sources = tuple(
                dict.fromkeys((*derivations.get(cluster, ()), *derivations.get(target, ())))
            )
            records.append(
                AlignmentRecord(
                    cluster=cluster,
                    target=target,
                    document=_term_str(row, "document"),
                    level=level,
                    confidence="inferred",
                    origin=Origin.RULE,
                    evidence=_rule_evidence(rule, match, names),
                    sources=sources,
                    rule=match,
                )
            )
    unique = {(r.pair, r.rule): r for r in records}

    def key(r: AlignmentRecord) -> tuple[str, ...]:
        match = r.rule
        assert match is not None
        return (*r.pair, match.rule, match.cluster_theme, match.target_theme)

    return tuple(sorted(unique.values(), key=key))


def _rule_evidence(rule: Rule, match: RuleMatch, names: Mapping[str, Labels]) -> Labels:
    cluster_theme = _labels(names, match.cluster_theme)
    target_theme = _labels(names, match.target_theme)
    return Labels(
        da=(
            f"Udledt af reglen {rule.id}: {rule.summary.get('da')} Klyngens fokusområde "
            f"'{cluster_theme.get('da')}', målets tema '{target_theme.get('da')}'."
        ),
        en=(
            f"Derived by rule {rule.id}: {rule.summary.get('en')} The cluster's focus area "
            f"'{cluster_theme.get('en')}', the goal's theme '{target_theme.get('en')}'."
        ),
        fallback=rule.id,
    )


__all__ = [
    "AlignmentData",
    "AlignmentRecord",
    "Labels",
    "Origin",
    "Ref",
    "Source",
    "TargetKind",
    "TargetRef",
    "load_alignment_data",
]
