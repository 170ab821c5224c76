"""Assessment rows (cluster, goal, level, evidence, source, confidence, assessor, date) to
``brn:Alignment`` records, each with its own ``brn:Source`` for the given web address.

Clusters, goals and strength positions, assessors (agents and organisations in the graph),
levels and confidences are resolved by slug, IRI or label, as on the command line; the
source document is the one the goal is defined in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import Graph, URIRef

from brn_graph.errors import NotFoundError, ParameterError
from brn_graph.graph.resolve import Candidate, resolve_identifier, slug_of
from brn_graph.ingest.mapping import Mapping
from brn_graph.ingest.members import FORMULA_START, MAX_STORED_ERRORS, RowError
from brn_graph.ingest.readers import Table
from brn_graph.ingest.records import ImportInfo, TripleBuilder, provenance, term
from brn_graph.namespaces import BRN, ORG, PROV, RDF, RDFS, SKOS

LEVELS = {"high": "LevelHigh", "medium": "LevelMedium", "low": "LevelLow", "none": "LevelNone"}
CONFIDENCES = {"stated": "Stated", "inferred": "Inferred", "weak": "Weak"}
AGENT_CLASSES = (PROV.Agent, ORG.Organization, ORG.FormalOrganization, BRN.BusinessHub)


@dataclass(frozen=True)
class Assessment:
    row: int
    cluster: str
    goal: str
    document: str
    level: str
    confidence: str
    evidence_da: str
    evidence_en: str | None
    source_url: str
    assessor: str
    created: str  # the evidence date: of the latest dated evidence the assessment rests on
    passage: str | None


@dataclass
class AssessmentRows:
    records: list[Assessment] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows_read: int = 0

    def refuse(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(error)


def _candidates(graph: Graph, classes: tuple[URIRef, ...]) -> list[Candidate]:
    nodes = {s for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}
    out = []
    for node in sorted(nodes):
        names = tuple(str(x) for p in (SKOS.prefLabel, RDFS.label) for x in graph.objects(node, p))
        out.append(Candidate(iri=str(node), slug=slug_of(str(node)), names=names))
    return out


class Vocabulary:
    """What assessment cells may name, read once from the graph."""

    def __init__(self, graph: Graph) -> None:
        self.clusters = _candidates(graph, (BRN.Cluster,))
        self.goals = _candidates(graph, (BRN.Goal, BRN.StrengthPosition))
        self.assessors = _candidates(graph, AGENT_CLASSES)
        self.defined_in = {
            str(s): str(o) for s, o in graph.subject_objects(BRN.definedIn) if isinstance(o, URIRef)
        }
        self.graph = graph


def _pick(kind: str, text: str, candidates: list[Candidate]) -> str | None:
    try:
        return resolve_identifier(kind, text, candidates).iri
    except (NotFoundError, ParameterError):
        return None


def check_rows(table: Table, mapping: Mapping, vocabulary: Vocabulary) -> AssessmentRows:
    out = AssessmentRows()
    headers = {name: table.header[index] for name, index in table.columns.items()}
    for row in table.rows:
        out.rows_read += 1
        cells = {
            name: (row.cells[i] if i < len(row.cells) else "") for name, i in table.columns.items()
        }
        errors: list[RowError] = []

        def refuse(
            name: str,
            reason: str,
            number: int = row.number,
            errors: list[RowError] = errors,
            cells: dict[str, str] = cells,
        ) -> None:
            errors.append(RowError(table.sheet, number, headers.get(name), cells.get(name), reason))

        for name, value in cells.items():
            if value.startswith(FORMULA_START):
                refuse(name, "ingest.row.formula")
        if errors:
            for e in errors:
                out.refuse(e)
            continue
        for name in mapping.required:
            if not cells.get(name):
                refuse(name, "ingest.row.required")
        cluster = (
            _pick("cluster", cells["cluster"], vocabulary.clusters) if cells["cluster"] else None
        )
        if cells["cluster"] and cluster is None:
            refuse("cluster", "ingest.row.unknown_cluster")
        goal = _pick("goal", cells["goal"], vocabulary.goals) if cells["goal"] else None
        if cells["goal"] and goal is None:
            refuse("goal", "ingest.row.unknown_goal")
        level = LEVELS.get(cells["level"].strip().lower())
        if cells["level"] and level is None:
            refuse("level", "ingest.row.level")
        confidence = CONFIDENCES.get(cells["confidence"].strip().lower())
        if cells["confidence"] and confidence is None:
            refuse("confidence", "ingest.row.confidence")
        assessor = (
            _pick("assessor", cells["assessor"], vocabulary.assessors)
            if cells["assessor"]
            else None
        )
        if cells["assessor"] and assessor is None:
            refuse("assessor", "ingest.row.unknown_assessor")
        url = cells["source_url"]
        parts = urlsplit(url)
        if url and (parts.scheme not in {"http", "https"} or not parts.netloc or " " in url):
            refuse("source_url", "ingest.row.url")
        created = cells["date"][:10]
        if created:
            try:
                created = date.fromisoformat(created).isoformat()
            except ValueError:
                refuse("date", "ingest.row.date")
        if errors or not (cluster and goal and level and confidence and assessor):
            for e in errors:
                out.refuse(e)
            continue
        out.records.append(
            Assessment(
                row=row.number,
                cluster=cluster,
                goal=goal,
                document=vocabulary.defined_in.get(goal, ""),
                level=level,
                confidence=confidence,
                evidence_da=cells["evidence"],
                evidence_en=cells.get("evidence_en") or None,
                source_url=url,
                assessor=assessor,
                created=created,
                passage=cells.get("passage") or None,
            )
        )
    return out


def assessment_triples(info: ImportInfo, rows: AssessmentRows) -> list[ox.Triple]:
    b = TripleBuilder()
    sources: dict[str, ox.NamedNode] = {}
    for a in rows.records:
        src = sources.get(a.source_url)
        if src is None:
            digest = hashlib.sha256(a.source_url.encode()).hexdigest()[:16]
            src = sources[a.source_url] = info.iri("source", f"url-{digest}")
            b.add(src, term("rdf", "type"), term("brn", "Source"))
            b.text(src, term("rdfs", "label"), f"Kilde til vurdering: {a.source_url}", "da")
            b.text(src, term("rdfs", "label"), f"Source of an assessment: {a.source_url}", "en")
            b.add(src, term("schema", "url"), ox.NamedNode(a.source_url))
            b.add(src, term("brn", "confidence"), term("brn", "Stated"))
        aln = info.iri(
            "alignment",
            f"{slug_of(a.cluster)}--{slug_of(a.goal)}--{info.import_id[-12:]}-r{a.row}",
        )
        b.add(aln, term("rdf", "type"), term("brn", "Alignment"))
        b.add(aln, term("brn", "cluster"), ox.NamedNode(a.cluster))
        b.add(aln, term("brn", "alignedWith"), ox.NamedNode(a.goal))
        if a.document:
            b.add(aln, term("brn", "sourceDocument"), ox.NamedNode(a.document))
        b.add(aln, term("brn", "level"), term("brn", a.level))
        b.add(aln, term("brn", "confidence"), term("brn", a.confidence))
        b.text(aln, term("brn", "evidence"), a.evidence_da, "da")
        if a.evidence_en:
            b.text(aln, term("brn", "evidence"), a.evidence_en, "en")
        if a.passage:
            b.text(aln, term("brn", "passage"), a.passage)
        b.add(aln, term("prov", "wasDerivedFrom"), src)
        b.add(aln, term("prov", "wasDerivedFrom"), info.source)
        b.add(aln, term("prov", "wasAttributedTo"), ox.NamedNode(a.assessor))
        b.add(aln, term("prov", "wasGeneratedBy"), info.activity)
        b.typed(aln, term("brn", "evidenceDate"), a.created, "date")
        b.typed(aln, term("dct", "created"), info.started.date().isoformat(), "date")
    provenance(b, info, {"rowsRead": rows.rows_read, "rowsAccepted": len(rows.records)})
    return b.triples
