"""The alignment model: explainable scores of clusters against goals and strength positions.

What it reads (``queries/alignment/*.rq``): clusters with their focus-area themes, framework
documents, the goals and strength positions they define (the *targets*) with their themes,
the alignment assessments (``brn:Alignment``) with evidence, sources, assessor and date.
What it derives (``queries/rules/*.rq``): alignments from SKOS links between a cluster's
focus area and a target's theme, each marked ``inferred`` and naming its rule.

The formula
-----------
Every alignment record ``a`` (an assessment, or a rule hit) has a level and a confidence from
closed lists, each with a weight in ``[0, 1]`` (``Settings.alignment_weights``)::

    s(a) = w_level[level(a)] * w_confidence[confidence(a)]

    defaults: level     high 1.0   medium 0.6   low 0.3
              confidence stated 1.0 inferred 0.6 weak 0.3

A rule hit always has confidence ``inferred``. An assessment without a level counts as
``low``, without a confidence as ``weak``. The score of cluster ``c`` for target ``t`` is::

    score(c, t) = max s(a) over the assessments of (c, t)            if there are any
                = max s(a) over the rule hits of (c, t)              otherwise
                = 0                                                  if neither exists

so a derived alignment never overrides an assessment: it is kept only as *superseded*
evidence that :func:`explain_alignment` shows but no score uses. The maximum (not the mean)
is used because two assessments of one pair are two readings of the same link; the
strongest supported reading stands, and explain lists them all.

Per cluster ``c`` and framework document ``D`` with targets ``T(D)`` (its goals and strength
positions; targets, indicators and documents without targets are left out)::

    served(c, D)     = { t in T(D) : (c, t) has an alignment (assessed or derived) }
    coverage(c, D)   = |served(c, D)| / |T(D)|
    mean_score(c, D) = sum of score(c, t) over T(D) / |T(D)|      (unserved targets count 0)

Whether a target is *served* depends on the evidence only, not on the weights; how much it
counts does. ``mean_score`` is the figure the ranking uses per document.

Gaps and overlaps: a target is a gap when no cluster is aligned with it, or when every
alignment it has rests on ``weak`` or ``inferred`` confidence (rule hits included). A target
is an overlap when two or more clusters reach ``score >= Settings.strong_alignment_threshold``
(default 0.6: high with stated or inferred confidence, or medium stated), against the Danish
principle of one national cluster per strength area. A cluster without any alignment is
*unanchored*. Gaps, overlaps and unanchored clusters consider only clusters that still exist
(no ``schema:dissolutionDate``): a goal served only by a dissolved cluster is a gap.

Evidence quality of a cluster is the mean confidence weight over the records behind its
scores, where a record none of whose sources has a web address counts as ``weak``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef

from brn_graph.analytics_query import Row, read_queries, read_query, select_rows
from brn_graph.config import Language, Settings
from brn_graph.errors import ConfigError
from brn_graph.namespaces import BRN, DCTERMS, RDFS, ROV, SKOS, shorten
from brn_graph.resolve import Candidate, resolve_identifier, slug_of, suggest

LEVELS: tuple[str, ...] = ("high", "medium", "low")
CONFIDENCES: tuple[str, ...] = ("stated", "inferred", "weak")

_LEVEL_CODES: Mapping[str, str] = {
    str(BRN.LevelHigh): "high",
    str(BRN.LevelMedium): "medium",
    str(BRN.LevelLow): "low",
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


def round_score(value: float) -> float:
    """Scores in output: four decimals, enough to check a hand calculation."""
    return round(value, 4)


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
    rule: RuleMatch | None = None

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

    @property
    def active_clusters(self) -> tuple[ClusterInfo, ...]:
        """The clusters that still exist: the ones gaps, overlaps and the ranking are about."""
        return tuple(c for c in self.clusters if c.active)

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
        """Documents that define at least one goal or strength position, in IRI order."""
        return tuple(d for d in self.documents if self.targets_by_document.get(d.iri))

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


def _term_str(row: Row, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


@dataclass(frozen=True, kw_only=True)
class _Names:
    labels: dict[str, Labels]
    alternatives: dict[str, tuple[str, ...]]
    notations: dict[str, str]


def _collect_names(rows: Iterable[Row]) -> _Names:
    best: dict[str, dict[int, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(dict))
    alternatives: dict[str, set[str]] = defaultdict(set)
    notations: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        resource, prop, label = row.get("resource"), row.get("property"), row.get("label")
        if not isinstance(resource, URIRef) or label is None or prop is None:
            continue
        text = str(label)
        if str(prop) == str(SKOS.notation):
            notations[str(resource)].add(text)
        if str(prop) in _ALT_PROPERTIES:
            alternatives[str(resource)].add(text)
            continue
        rank = _LABEL_PROPERTIES.index(str(prop)) if str(prop) in _LABEL_PROPERTIES else 99
        lang = (label.language or "") if isinstance(label, Literal) else ""
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


def load_alignment_data(dataset: Dataset, *, queries_dir: Path, base_iri: str) -> AlignmentData:
    """Read clusters, documents, targets, assessments and sources, and run the inference rules.

    Runs only read queries on the Dataset's union graph; the Dataset is not changed.
    """

    def rows(name: str) -> list[Row]:
        return select_rows(dataset, read_query(queries_dir, f"alignment/{name}.rq"))

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
    for row in rows("list_clusters"):
        dates = dissolved.setdefault(str(row["cluster"]), set())
        if "dissolved" in row:
            dates.add(str(row["dissolved"]))
    clusters = tuple(
        ClusterInfo(
            iri=iri,
            slug=slug_of(iri),
            labels=_labels(names, iri),
            alt_names=alternatives.get(iri, ()),
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
    rules = _read_rules(queries_dir, base_iri)
    derived = _run_rules(dataset, queries_dir, rules, names, derivations, cluster_iris, target_iris)
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
    )


def _read_sources(rows: Iterable[Row], names: Mapping[str, Labels]) -> dict[str, Source]:
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
    target_rows: Iterable[Row],
    theme_rows: Iterable[Row],
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
    rows: Iterable[Row],
    evidence_rows: Iterable[Row],
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
        lang = (text.language or "") if isinstance(text, Literal) else ""
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
            )
        )
    return tuple(records)


def _best_code(
    values: set[str], codes: Mapping[str, str], order: Sequence[str], *, default: str
) -> str:
    # Several values on one assessment (a data error the shapes report): take the lowest,
    # so a contradiction never raises a score.
    known = [codes[v] for v in values if v in codes]
    return max(known, key=order.index) if known else default


def _read_rules(queries_dir: Path, base_iri: str) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for query in read_queries(queries_dir, "rules"):
        rule_id = query.header.get("rule") or query.name
        level = query.header.get("level", "low").lower()
        rules.append(
            Rule(
                id=rule_id,
                iri=f"{base_iri}id/rule/{rule_id}",
                file=f"rules/{query.path.name}",
                summary=Labels(
                    da=query.header.get("summary-da") or None,
                    en=query.header.get("summary") or None,
                    fallback=rule_id,
                ),
                level=level if level in LEVELS else "low",
            )
        )
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ConfigError(f"two rule files name the same rule: {', '.join(duplicates)}")
    return tuple(rules)


def _run_rules(
    dataset: Dataset,
    queries_dir: Path,
    rules: Sequence[Rule],
    names: Mapping[str, Labels],
    derivations: Mapping[str, tuple[str, ...]],
    cluster_iris: set[str],
    target_iris: set[str],
) -> tuple[AlignmentRecord, ...]:
    records: list[AlignmentRecord] = []
    for rule in rules:
        query = read_query(queries_dir, rule.file)
        for row in select_rows(dataset, query):
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
        unknown = sorted(set(mapping) - set(known))
        if unknown:
            hints = suggest(unknown[0], [Candidate(iri=k, slug=k) for k in known])
            hint = f" (did you mean {', '.join(hints)}?)" if hints else ""
            raise ConfigError(f"unknown alignment weight {unknown[0]!r}{hint}")
        missing = [k for k in known if k not in mapping]
        if missing:
            raise ConfigError(f"alignment weights lack {', '.join(missing)}")
        for name, value in mapping.items():
            if not 0.0 <= float(value) <= 1.0:
                raise ConfigError(f"alignment weight {name} must be between 0 and 1, not {value}")
        if not 0.0 <= strong_threshold <= 1.0:
            raise ConfigError("strong_alignment_threshold must be between 0 and 1")
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
                names=tuple(n for n in (c.labels.da, c.labels.en, *c.alt_names) if n),
            )
            for c in self.data.clusters
        ]
        found = resolve_identifier("cluster", text, candidates, base_iri=self.data.base_iri)
        return self.data.cluster_by_iri[found.iri]

    def resolve_target(self, text: str) -> TargetInfo:
        candidates = [
            Candidate(
                iri=t.iri, slug=t.slug, names=tuple(n for n in (t.labels.da, t.labels.en) if n)
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


def build_alignment_model(dataset: Dataset, settings: Settings) -> AlignmentModel:
    """Read the graph and score it with the weights of ``settings``: the usual entry point."""
    weights = AlignmentWeights.from_settings(settings)
    data = load_alignment_data(
        dataset, queries_dir=settings.queries_dir, base_iri=settings.base_iri
    )
    return score_alignments(data, weights)


# --------------------------------------------------------------------------------------
# Document view
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DocumentCoverage:
    """How one cluster serves one framework document."""

    cluster: Ref
    document: Ref
    goals: int
    served: int
    coverage: float
    mean_score: float
    served_goals: tuple[TargetRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "document": self.document.to_dict(),
            "goals": self.goals,
            "served": self.served,
            "coverage": round_score(self.coverage),
            "mean_score": round_score(self.mean_score),
            "served_goals": [g.id for g in self.served_goals],
        }


def document_coverage(
    model: AlignmentModel, cluster: ClusterInfo, document: DocumentInfo, *, lang: Language
) -> DocumentCoverage:
    """Coverage and mean score of ``cluster`` over the goals of ``document`` (see the formula)."""
    targets = model.data.targets_by_document.get(document.iri, ())
    served = tuple(t for t in targets if (cluster.iri, t.iri) in model.scores)
    total = sum(model.score(cluster.iri, t.iri) for t in targets)
    n = len(targets)
    return DocumentCoverage(
        cluster=cluster.ref(lang),
        document=document.ref(lang),
        goals=n,
        served=len(served),
        coverage=len(served) / n if n else 0.0,
        mean_score=total / n if n else 0.0,
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster": self.cluster.to_dict(),
            "coverage": round_score(self.coverage),
            "mean_score": round_score(self.mean_score),
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
# Explain
# --------------------------------------------------------------------------------------


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
        formula = "no alignment evidence: score = 0"
    else:
        kind = "rule hit" if scored.origin is Origin.RULE else "assessment"
        kind += "" if scored.records == 1 else "s"
        formula = (
            f"score = w_level[{scored.level}] {scored.level_weight:g} x "
            f"w_confidence[{scored.confidence}] {scored.confidence_weight:g} = "
            f"{round_score(scored.score):g} (best of {scored.records} {kind})"
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


# --------------------------------------------------------------------------------------
# Gaps, overlaps, unanchored clusters
# --------------------------------------------------------------------------------------


class GapKind(StrEnum):
    NO_CLUSTER = "no-cluster"
    ONLY_WEAK_OR_INFERRED = "only-weak-or-inferred"


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "goal": self.target.to_dict(),
            "document": self.document.to_dict(),
            "kind": str(self.kind),
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
    for cluster in model.data.active_clusters:
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


def _document_ref(model: AlignmentModel, iri: str, lang: Language) -> Ref:
    document = model.data.document_by_iri.get(iri)
    return document.ref(lang) if document else model.data.ref(iri, lang)


def find_gaps(model: AlignmentModel, *, lang: Language) -> tuple[Gap, ...]:
    """Targets no cluster is aligned with, or only through weak or inferred evidence."""
    gaps = []
    for document in model.data.scored_documents:
        for target in model.data.targets_by_document[document.iri]:
            supports = _supports(model, target, lang)
            if not supports:
                kind = GapKind.NO_CLUSTER
            elif not any(s.stated for s in supports):
                kind = GapKind.ONLY_WEAK_OR_INFERRED
            else:
                continue
            gaps.append(
                Gap(
                    target=target.ref(lang),
                    document=document.ref(lang),
                    kind=kind,
                    clusters=tuple(supports),
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
        for c in model.data.active_clusters
        if c.iri not in anchored
    )


def analyse_gaps(model: AlignmentModel, *, lang: Language) -> GapReport:
    """Gaps, overlaps and unanchored clusters in one report (``brn-graph gaps``)."""
    return GapReport(
        gaps=find_gaps(model, lang=lang),
        overlaps=find_overlaps(model, lang=lang),
        unanchored=find_unanchored_clusters(model, lang=lang),
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
    per_cluster: dict[str, list[str]] = {c.iri: [] for c in model.data.clusters}
    for pair in model.scores:
        for record in counted_records(model.data, pair):
            per_cluster.setdefault(pair[0], []).append(
                effective_confidence(record, model.data.sources)
            )
    result = {}
    for cluster, confidences in per_cluster.items():
        n = len(confidences)
        total = sum(model.weights.confidence[c] for c in confidences)
        result[cluster] = EvidenceQuality(
            cluster=cluster,
            value=total / n if n else 0.0,
            records=n,
            web_sourced=sum(1 for c in confidences if c != "weak"),
            by_confidence={k: confidences.count(k) for k in CONFIDENCES},
        )
    return result


__all__ = [
    "AlignmentData",
    "AlignmentModel",
    "AlignmentRecord",
    "AlignmentScore",
    "AlignmentWeights",
    "ClusterAlignment",
    "DocumentCoverage",
    "DocumentMatrix",
    "EvidenceItem",
    "EvidenceQuality",
    "Explanation",
    "Gap",
    "GapKind",
    "GapReport",
    "Labels",
    "Origin",
    "Overlap",
    "Ref",
    "Source",
    "TargetKind",
    "TargetRef",
    "UnanchoredCluster",
    "analyse_gaps",
    "build_alignment_model",
    "compute_cluster_alignment",
    "compute_document_matrix",
    "compute_document_view",
    "compute_evidence_quality",
    "explain_alignment",
    "find_gaps",
    "find_overlaps",
    "find_unanchored_clusters",
    "load_alignment_data",
    "score_alignments",
]
