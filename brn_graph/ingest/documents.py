"""The ``document`` authoring workbook: one framework document with its goals, strength
positions and targets, as the bundled ``data/documents-*.ttl`` model them.

Sheets (headers in English or Danish): ``Document``/``Dokument`` (one row), ``Goals``/``Mål``,
``Strength positions``/``Styrkepositioner`` and ``Targets``/``Måltal``. The document is
``brn:Strategy``, ``brn:RegionalChapter``, ``brn:Agreement`` or ``brn:ResultsContract`` with
``dct:title``, ``dct:publisher``, ``dct:isPartOf``, ``dct:spatial``, a ``dct:temporal``
``time:ProperInterval``, ``dct:issued``, ``dct:dateAccepted`` and ``dct:replaces``; goals and
strength positions are ``brn:Goal`` / ``brn:StrengthPosition`` in a ``skos:ConceptScheme`` of
the document (``brn:conceptSchemeOf``) with ``brn:definedIn``, ``skos:notation``,
``skos:broader`` (the parent goal, a pejlemærke) and ``brn:theme``; targets are ``brn:Target``
under their goal (``brn:hasTarget``) with a ``schema:QuantitativeValue``, a ``brn:deadline``
and a ``brn:Indicator``.

A document id that the graph already holds (the 2024-2027 Nordjylland chapter, whose content
was not found when the data was written) is completed, not duplicated: what the graph already
states about it is kept (a different value in the sheet is refused), what it lacks is added.
The ``framework`` cell links the document to a framework of a decision context that names no
document yet (``brn:frameworkDocument``), so the context counts it instead of a stand-in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from brn_graph.ingest.members import RowError
from brn_graph.ingest.records import ImportInfo, TripleBuilder, provenance, term, url_source
from brn_graph.ingest.sheets import Refusals, Row, SheetRows, candidates, order_text
from brn_graph.namespaces import BRN, DCTERMS, FOAF, ORG, PROV, RDF, ROV, TIME

DOCUMENT_TYPES = {
    "strategy": "Strategy",
    "strategi": "Strategy",
    "regional-chapter": "RegionalChapter",
    "regionalt-kapitel": "RegionalChapter",
    "agreement": "Agreement",
    "aftale": "Agreement",
    "results-contract": "ResultsContract",
    "resultatkontrakt": "ResultsContract",
    "framework-document": "FrameworkDocument",
    "rammedokument": "FrameworkDocument",
}
DOCUMENT_CLASSES = (
    BRN.FrameworkDocument,
    BRN.Strategy,
    BRN.RegionalChapter,
    BRN.Agreement,
    BRN.ResultsContract,
)
ORGANISATION_CLASSES = (
    ORG.Organization,
    ORG.FormalOrganization,
    ORG.OrganizationalUnit,
    ORG.OrganizationalCollaboration,
    ROV.RegisteredOrganization,
    BRN.BusinessHub,
    BRN.PublicBody,
    BRN.Cluster,
    BRN.Municipality,
    PROV.Agent,
    FOAF.Agent,
)
SHEETS = (
    ("brn-template-document", True),
    ("brn-template-document-goals", False),
    ("brn-template-document-strengths", False),
    ("brn-template-document-targets", False),
)


def type_key(value: str) -> str:
    return "-".join(value.strip().lower().split())


class DocumentVocabulary:
    """What the cells of a document workbook may name, read once from the graph."""

    def __init__(self, graph: Graph, base_iri: str) -> None:
        self.graph = graph
        self.base_iri = base_iri
        self.documents = candidates(graph, DOCUMENT_CLASSES)
        self.organisations = candidates(graph, ORGANISATION_CLASSES)
        self.themes = candidates(graph, (BRN.Theme,))
        self.regions = candidates(graph, (BRN.Region,))
        self.goals = candidates(graph, (BRN.Goal,))
        self.frameworks = candidates(graph, (BRN.ContextFramework,))

    def iri(self, folder: str, local: str) -> str:
        return f"{self.base_iri}id/{folder}/{local}"

    def exists(self, iri: str) -> bool:
        return (URIRef(iri), None, None) in self.graph


@dataclass(frozen=True)
class Concept:
    """A goal or strength position of the document."""

    row: int
    iri: str
    kind: str  # "Goal" or "StrengthPosition"
    label_da: str
    label_en: str
    notation: str | None = None
    parent: str | None = None
    theme: str | None = None
    definition_da: str | None = None
    definition_en: str | None = None


@dataclass(frozen=True)
class TargetRecord:
    row: int
    goal: str
    label_da: str
    label_en: str
    indicator_da: str | None
    indicator_en: str | None
    value: str | None
    unit: str | None
    year: tuple[str, str] | None


@dataclass
class DocumentRecords:
    """The checked content of a document workbook."""

    document: str = ""
    existing: bool = False
    doc_type: str | None = None
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (property, lang) -> text
    links: dict[str, list[str]] = field(default_factory=dict)  # property -> IRIs
    dates: dict[str, tuple[str, str]] = field(default_factory=dict)  # property -> (value, type)
    period: tuple[tuple[str, str] | None, tuple[str, str] | None] | None = None
    framework: str | None = None
    source_url: str = ""
    confidence: str = "Stated"
    concepts: list[Concept] = field(default_factory=list)
    targets: list[TargetRecord] = field(default_factory=list)
    refusals: Refusals = field(default_factory=Refusals)
    rows_read: int = 0

    @property
    def errors(self) -> list[RowError]:
        return self.refusals.errors

    @property
    def accepted(self) -> int:
        return 1 + len(self.concepts) + len(self.targets) if self.document else 0


def check_document(sheets: list[SheetRows], vocabulary: DocumentVocabulary) -> DocumentRecords:
    """Check every row of every sheet; the records are built only from rows that pass."""
    out = DocumentRecords()
    doc_sheet, goal_sheet, strength_sheet, target_sheet = sheets
    out.rows_read = sum(len(s.rows) for s in sheets)
    if len(doc_sheet.rows) > 1:
        for cells in doc_sheet.rows[1:]:
            Row(doc_sheet, cells, out.refusals).refuse("id", "authoring.row.one_document")
    if doc_sheet.rows:
        _document_row(Row(doc_sheet, doc_sheet.rows[0], out.refusals), vocabulary, out)
    new_ids: dict[str, int] = {}
    for sheet, kind, folder in (
        (goal_sheet, "Goal", "goal"),
        (strength_sheet, "StrengthPosition", "strength"),
    ):
        for cells in sheet.rows:
            row = Row(sheet, cells, out.refusals)
            concept = _concept_row(row, kind, folder, vocabulary, new_ids)
            if concept is not None:
                out.concepts.append(concept)
    goals = {c.iri for c in out.concepts if c.kind == "Goal"}
    for concept in out.concepts:  # a parent is a goal of this workbook or of the graph
        if concept.parent and concept.parent not in goals:
            resolved = _existing_goal(concept.parent, vocabulary)
            if resolved is None:
                out.refusals.add(
                    RowError(
                        goal_sheet.sheet,
                        concept.row,
                        goal_sheet.header.get("parent"),
                        concept.parent.rsplit("/", 1)[-1],
                        "authoring.row.unknown_goal",
                    )
                )
    out.concepts = [
        c if not c.parent or c.parent in goals else _with_parent(c, vocabulary)
        for c in out.concepts
    ]
    for cells in target_sheet.rows:
        row = Row(target_sheet, cells, out.refusals)
        target = _target_row(row, goals, vocabulary)
        if target is not None:
            out.targets.append(target)
    return out


def _with_parent(concept: Concept, vocabulary: DocumentVocabulary) -> Concept:
    return replace(concept, parent=_existing_goal(concept.parent or "", vocabulary))


def _existing_goal(iri_or_name: str, vocabulary: DocumentVocabulary) -> str | None:
    slug = iri_or_name.rsplit("/", 1)[-1]
    for c in vocabulary.goals:
        if c.iri == iri_or_name or c.slug == slug:
            return c.iri
    return None


def _document_row(row: Row, vocabulary: DocumentVocabulary, out: DocumentRecords) -> None:
    row.required("id", "source_url", "confidence")
    slug = row.identifier("id")
    graph = vocabulary.graph
    doc_iri = vocabulary.iri("document", slug) if slug else ""
    existing = bool(doc_iri) and any(c.iri == doc_iri for c in vocabulary.documents)
    node = URIRef(doc_iri)
    doc_type = None
    if row.get("type"):
        doc_type = DOCUMENT_TYPES.get(type_key(row.get("type")))
        if doc_type is None:
            row.refuse("type", "authoring.row.document_type")
        elif existing and BRN[doc_type] not in set(graph.objects(node, RDF.type)):
            row.refuse("type", "authoring.row.document_differs")
    elif not existing and slug:
        row.refuse("type", "ingest.row.required")
    if not existing and slug:
        row.required("title_da", "title_en", "publisher")
        if doc_type == "RegionalChapter":
            row.required("part_of")
    row.both_languages("title_da", "title_en")
    row.both_languages("description_da", "description_en")
    for name, prop, lang in (
        ("title_da", DCTERMS.title, "da"),
        ("title_en", DCTERMS.title, "en"),
        ("description_da", DCTERMS.description, "da"),
        ("description_en", DCTERMS.description, "en"),
    ):
        value = row.get(name)
        if not value:
            continue
        said = [
            o for o in graph.objects(node, prop) if isinstance(o, Literal) and o.language == lang
        ]
        if existing and said and prop == DCTERMS.title and str(said[0]) != value:
            row.refuse(name, "authoring.row.document_differs")
        elif not said:
            out.texts[(str(prop), lang)] = value
    for name, prop, kind, found in (
        ("publisher", DCTERMS.publisher, "organisation", vocabulary.organisations),
        ("part_of", DCTERMS.isPartOf, "document", vocabulary.documents),
        ("area", DCTERMS.spatial, "area", vocabulary.regions),
        ("replaces", DCTERMS.replaces, "document", vocabulary.documents),
    ):
        stated = {str(o) for o in graph.objects(node, prop)}
        for iri in row.pick_all(name, kind, found, f"authoring.row.unknown_{kind}"):
            if iri == doc_iri:
                row.refuse(name, "authoring.row.self_reference")
            elif existing and stated and iri not in stated and prop != DCTERMS.replaces:
                row.refuse(name, "authoring.row.document_differs")
            elif iri not in stated:
                out.links.setdefault(str(prop), []).append(iri)
    for name, prop in (("issued", DCTERMS.issued), ("accepted", DCTERMS.dateAccepted)):
        day = row.partial_date(name)
        if day is None:
            continue
        stated = {str(o) for o in graph.objects(node, prop)}
        if existing and stated and day[0] not in stated:
            row.refuse(name, "authoring.row.document_differs")
        elif not stated:
            out.dates[str(prop)] = day
    start, end = row.partial_date("period_start"), row.partial_date("period_end")
    if start and end and order_text(start[0], end=False) > order_text(end[0], end=True):
        row.refuse("period_end", "authoring.row.period_order")
    if start or end:
        old = _period(graph, node)
        if old is None:
            out.period = (start, end)
        elif (start and start[0] != old[0]) or (end and end[0] != old[1]):
            row.refuse("period_start" if start else "period_end", "authoring.row.document_differs")
    framework = row.pick(
        "framework", "framework", vocabulary.frameworks, "authoring.row.unknown_framework"
    )
    if framework is not None:
        named = {str(o) for o in graph.objects(URIRef(framework), BRN.frameworkDocument)}
        if named and doc_iri not in named:
            row.refuse("framework", "authoring.row.framework_taken")
        elif not named:
            out.framework = framework
    url = row.url("source_url")
    confidence = row.confidence("confidence")
    if row.failed or not slug or not url or not confidence:
        return
    out.document, out.existing, out.doc_type = doc_iri, existing, doc_type
    out.source_url, out.confidence = url, confidence


def _period(graph: Graph, node: URIRef) -> tuple[str | None, str | None] | None:
    interval = graph.value(node, DCTERMS.temporal)
    if interval is None:
        return None

    def at(edge: URIRef) -> str | None:
        instant = graph.value(interval, edge)
        if instant is None:
            return None
        for p in (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear):
            value = graph.value(instant, p)
            if value is not None:
                return str(value)
        return None

    return at(TIME.hasBeginning), at(TIME.hasEnd)


def _concept_row(
    row: Row, kind: str, folder: str, vocabulary: DocumentVocabulary, seen: dict[str, int]
) -> Concept | None:
    row.required("id", "label_da", "label_en")
    slug = row.identifier("id")
    iri = vocabulary.iri(folder, slug) if slug else ""
    if slug and (vocabulary.exists(iri) or iri in seen):
        row.refuse("id", "authoring.row.id_taken")
    if iri:
        seen.setdefault(iri, row.number)
    row.both_languages("definition_da", "definition_en")
    theme = row.pick("theme", "theme", vocabulary.themes, "authoring.row.unknown_theme")
    parent = None
    if kind == "Goal" and row.get("parent"):
        parent_slug = row.identifier("parent")
        parent = vocabulary.iri("goal", parent_slug) if parent_slug else None
    if row.failed or not slug:
        return None
    return Concept(
        row=row.number,
        iri=iri,
        kind=kind,
        label_da=row.get("label_da"),
        label_en=row.get("label_en"),
        notation=row.get("notation") or None,
        parent=parent,
        theme=theme,
        definition_da=row.get("definition_da") or None,
        definition_en=row.get("definition_en") or None,
    )


def _target_row(row: Row, goals: set[str], vocabulary: DocumentVocabulary) -> TargetRecord | None:
    row.required("goal", "label_da", "label_en")
    row.both_languages("indicator_da", "indicator_en")
    goal_slug = row.identifier("goal")
    goal = vocabulary.iri("goal", goal_slug) if goal_slug else None
    if goal and goal not in goals:
        goal = _existing_goal(goal, vocabulary)
        if goal is None:
            row.refuse("goal", "authoring.row.unknown_goal")
    value = row.number_value("value")
    if row.get("unit") and not row.get("value"):
        row.refuse("value", "ingest.row.required")
    year = row.partial_date("year")
    if row.failed or goal is None:
        return None
    return TargetRecord(
        row=row.number,
        goal=goal,
        label_da=row.get("label_da"),
        label_en=row.get("label_en"),
        indicator_da=row.get("indicator_da") or None,
        indicator_en=row.get("indicator_en") or None,
        value=value,
        unit=row.get("unit") or None,
        year=year,
    )


def document_triples(
    info: ImportInfo, records: DocumentRecords, vocabulary: DocumentVocabulary
) -> list[ox.Triple]:
    """The triples of a checked document workbook (call only when it has no refusals)."""
    b = TripleBuilder()
    src = url_source(b, info, records.source_url)
    confidence = term("brn", records.confidence)
    doc = ox.NamedNode(records.document)
    doc_slug = records.document.rsplit("/", 1)[-1]

    def sourced(node: ox.NamedNode) -> None:
        b.add(node, term("prov", "wasDerivedFrom"), src)
        b.add(node, term("prov", "wasDerivedFrom"), info.source)
        b.add(node, term("prov", "wasGeneratedBy"), info.activity)
        b.add(node, term("brn", "confidence"), confidence)

    if not records.existing:
        b.add(doc, term("rdf", "type"), term("brn", records.doc_type or "FrameworkDocument"))
        sourced(doc)
        b.add(doc, term("foaf", "page"), ox.NamedNode(records.source_url))
    else:
        b.add(doc, term("prov", "wasDerivedFrom"), src)
        b.add(doc, term("prov", "wasDerivedFrom"), info.source)
    for (prop, lang), value in records.texts.items():
        b.add(doc, ox.NamedNode(prop), ox.Literal(value, language=lang))
    for prop, iris in records.links.items():
        for iri in iris:
            b.add(doc, ox.NamedNode(prop), ox.NamedNode(iri))
    for prop, (value, kind) in records.dates.items():
        b.typed(doc, ox.NamedNode(prop), value, kind)
    if records.period is not None:
        interval = info.iri("document", f"{doc_slug}-period-{info.import_id[-12:]}")
        b.add(doc, term("dct", "temporal"), interval)
        b.add(interval, term("rdf", "type"), term("time", "ProperInterval"))
        for edge, moment in zip(("hasBeginning", "hasEnd"), records.period, strict=True):
            if moment is None:
                continue
            instant = info.iri("document", f"{doc_slug}-{edge.lower()}-{info.import_id[-12:]}")
            b.add(interval, term("time", edge), instant)
            b.add(instant, term("rdf", "type"), term("time", "Instant"))
            local = {"date": "inXSDDate", "gYearMonth": "inXSDgYearMonth", "gYear": "inXSDgYear"}
            b.typed(instant, term("time", local[moment[1]]), moment[0], moment[1])
    if records.framework is not None:
        b.add(ox.NamedNode(records.framework), term("brn", "frameworkDocument"), doc)
    titles = _titles(records, vocabulary)
    for kind, suffix, da, en in (
        ("Goal", "goals", "Mål i", "Goals of"),
        ("StrengthPosition", "strength-positions", "Styrkepositioner i", "Strength positions of"),
    ):
        concepts = [c for c in records.concepts if c.kind == kind]
        if not concepts:
            continue
        # one scheme per import, so reverting another import never takes this one's away
        scheme = info.iri("scheme", f"{doc_slug}-{suffix}-{info.import_id[-8:]}")
        b.add(scheme, term("rdf", "type"), term("skos", "ConceptScheme"))
        b.text(scheme, term("skos", "prefLabel"), f"{da} {titles[0]}", "da")
        b.text(scheme, term("skos", "prefLabel"), f"{en} {titles[1]}", "en")
        b.add(scheme, term("brn", "conceptSchemeOf"), doc)
        for c in concepts:
            node = ox.NamedNode(c.iri)
            b.add(node, term("rdf", "type"), term("brn", kind))
            b.add(node, term("skos", "inScheme"), scheme)
            if c.parent:
                b.add(node, term("skos", "broader"), ox.NamedNode(c.parent))
            else:
                b.add(node, term("skos", "topConceptOf"), scheme)
                b.add(scheme, term("skos", "hasTopConcept"), node)
            b.add(node, term("brn", "definedIn"), doc)
            if c.notation:
                b.text(node, term("skos", "notation"), c.notation)
            b.text(node, term("skos", "prefLabel"), c.label_da, "da")
            b.text(node, term("skos", "prefLabel"), c.label_en, "en")
            if c.definition_da and c.definition_en:
                b.text(node, term("skos", "definition"), c.definition_da, "da")
                b.text(node, term("skos", "definition"), c.definition_en, "en")
            if c.theme:
                b.add(node, term("brn", "theme"), ox.NamedNode(c.theme))
            sourced(node)
    for t in records.targets:
        goal_slug = t.goal.rsplit("/", 1)[-1]
        node = info.iri("goal", f"{goal_slug}-target-{info.import_id[-8:]}-r{t.row}")
        b.add(ox.NamedNode(t.goal), term("brn", "hasTarget"), node)
        b.add(node, term("rdf", "type"), term("brn", "Target"))
        b.text(node, term("skos", "prefLabel"), t.label_da, "da")
        b.text(node, term("skos", "prefLabel"), t.label_en, "en")
        if t.value is not None:
            quantity = ox.NamedNode(node.value + "-value")
            b.add(node, term("brn", "targetValue"), quantity)
            b.add(quantity, term("rdf", "type"), term("schema", "QuantitativeValue"))
            b.typed(quantity, term("schema", "value"), t.value, "decimal")
            if t.unit:
                b.text(quantity, term("schema", "unitText"), t.unit)
        if t.year is not None:
            b.typed(node, term("brn", "deadline"), t.year[0], t.year[1])
        if t.indicator_da and t.indicator_en:
            indicator = ox.NamedNode(node.value + "-indicator")
            b.add(node, term("brn", "hasIndicator"), indicator)
            b.add(indicator, term("rdf", "type"), term("brn", "Indicator"))
            b.text(indicator, term("skos", "prefLabel"), t.indicator_da, "da")
            b.text(indicator, term("skos", "prefLabel"), t.indicator_en, "en")
            sourced(indicator)
        sourced(node)
    provenance(b, info, {"rowsRead": records.rows_read, "rowsAccepted": records.accepted})
    return b.triples


def _titles(records: DocumentRecords, vocabulary: DocumentVocabulary) -> tuple[str, str]:
    """The document's Danish and English titles: as given in the sheet, else as in the graph."""
    node = URIRef(records.document)

    def title(lang: str) -> str:
        given = records.texts.get((str(DCTERMS.title), lang))
        stated = [
            str(o)
            for o in vocabulary.graph.objects(node, DCTERMS.title)
            if isinstance(o, Literal) and o.language == lang
        ]
        return given or (stated[0] if stated else node.rsplit("/", 1)[-1])

    return title("da"), title("en")
