"""One ingest, all or nothing: read, check every row, build, validate, then commit or not.

:func:`ingest_members` is what the CLI and the HTTP route call. Nothing is written unless
every row passes and the new records conform together with the graph they join; the
re-import of the same file (same kind, cluster, date, mapping and options) while its import
is active is recognised by its import id and changes nothing. Once that import is reverted,
the file imports again under a new id (see :mod:`brn_graph.ingest.write`).
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from brn_graph.config import Language, Settings
from brn_graph.context.dates import parse_user_day
from brn_graph.errors import ParameterError
from brn_graph.graph.loader import LoadedDataset, load_dataset, load_shapes, union_graph
from brn_graph.graph.resolve import Candidate, resolve_identifier, slug_of
from brn_graph.graph.validation import ValidationResult
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import message
from brn_graph.ingest.mapping import Mapping, builtin_mapping_path, load_mapping
from brn_graph.ingest.members import MemberRows, RowError, check_rows
from brn_graph.ingest.municipalities import Municipalities
from brn_graph.ingest.readers import UnreadableFileError, open_table
from brn_graph.ingest.records import ImportInfo, member_triples, to_turtle
from brn_graph.ingest.validate import validate_delta
from brn_graph.ingest.write import ImportConflictError, ImportsFolder
from brn_graph.namespaces import BRN, RDF, SKOS

NORTH_JUTLAND = "region/nordjylland"


@dataclass
class IngestReport:
    """What an ingest found and did; rendered as text or JSON in either language."""

    kind: str
    file: str
    sha256: str
    mapping: str
    import_id: str = ""
    status: str = "invalid"  # committed, unchanged, dry-run, invalid
    sheet: str = ""
    header_row: int = 0
    rows_read: int = 0
    accepted: int = 0
    duplicates: dict[str, list[int]] = field(default_factory=dict)
    names_dropped: int = 0
    row_errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    violations: list[ValidationResult] = field(default_factory=list)
    region_counts: dict[str, int] = field(default_factory=dict)
    cluster: str | None = None
    as_of: str | None = None
    records: int = 0  # new RDF nodes (companies, memberships, figures, provenance)
    validated: int = 0  # of which validated as representatives of their structure

    @property
    def ok(self) -> bool:
        return self.status != "invalid"

    def to_dict(self, lang: Language) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file,
            "sha256": self.sha256,
            "mapping": self.mapping,
            "import_id": self.import_id,
            "status": self.status,
            "cluster": self.cluster,
            "as_of": self.as_of,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "rows_read": self.rows_read,
            "accepted": self.accepted,
            "duplicates": [{"cvr": k, "rows": v} for k, v in sorted(self.duplicates.items())],
            "names_dropped": self.names_dropped,
            "north_jutland": self.region_counts,
            "error_count": self.error_count,
            "errors": [
                {
                    "sheet": e.sheet,
                    "row": e.row,
                    "column": e.column,
                    "value": e.value,
                    "reason": text(e.reason, lang),
                    "code": e.reason,
                }
                for e in self.row_errors
            ],
            "violations": [v.to_dict() for v in self.violations],
            "validation": {"records": self.records, "representatives": self.validated},
        }

    def render(self, lang: Language) -> str:
        kind = text(f"imports.kind.{self.kind}", lang)
        lines = [text("ingest.report.title", lang, kind=kind, file=self.file)]
        if self.sheet:
            lines.append(
                text(
                    "ingest.report.layout",
                    lang,
                    sheet=self.sheet,
                    header_row=self.header_row,
                    mapping=self.mapping,
                )
            )
        lines.append(
            text(
                "ingest.report.counts" if self.kind == "members" else "ingest.report.records",
                lang,
                rows=self.rows_read,
                accepted=self.accepted,
                merged=sum(len(r) - 1 for r in self.duplicates.values()),
                refused=self.error_count,
                names=self.names_dropped,
            )
        )
        if self.region_counts:
            lines.append(text("ingest.report.region", lang, **self.region_counts))
        for cvr, rows in sorted(self.duplicates.items())[:20]:
            lines.append(
                "  "
                + text("ingest.report.duplicate", lang, cvr=cvr, rows=", ".join(map(str, rows)))
            )
        for e in self.row_errors[:200]:
            lines.append(
                "  "
                + text(
                    "ingest.report.row_error",
                    lang,
                    sheet=e.sheet,
                    row=e.row,
                    column=e.column or "-",
                    value=e.value or "",
                    reason=text(e.reason, lang),
                )
            )
        if self.error_count > min(200, len(self.row_errors)):
            more = self.error_count - min(200, len(self.row_errors))
            lines.append("  " + text("ingest.report.more_errors", lang, count=more))
        for v in self.violations[:200]:
            lines.append(
                "  "
                + text(
                    "ingest.report.violation",
                    lang,
                    focus=v.focus_node,
                    message=v.message,
                    shape=v.shape_id,
                )
            )
        key = {
            "committed": "ingest.status.committed",
            "unchanged": "ingest.status.unchanged",
            "dry-run": "ingest.status.dry_run",
        }.get(self.status, "ingest.status.invalid")
        lines.append(text(key, lang, id=self.import_id))
        return "\n".join(lines)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def resolve_mapping(name_or_path: str | None, default: str) -> Mapping:
    """A mapping by built-in name (``cvr-export``, ``brn-template``) or by file path."""
    if name_or_path is None:
        return load_mapping(builtin_mapping_path(default))
    builtin = builtin_mapping_path(name_or_path)
    if builtin.is_file():
        return load_mapping(builtin)
    return load_mapping(Path(name_or_path))


def cluster_candidates(graph: Graph) -> list[Candidate]:
    out = []
    for node in set(graph.subjects(RDF.type, BRN.Cluster)):
        names = tuple(str(label) for label in graph.objects(node, SKOS.prefLabel))
        names += tuple(str(label) for label in graph.objects(node, SKOS.altLabel))
        out.append(Candidate(iri=str(node), slug=slug_of(str(node)), names=names))
    return sorted(out, key=lambda c: c.slug)


def default_agent() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def parse_as_of(value: str) -> str:
    """The ``--as-of`` date, refused with the same message as every other date option."""
    day = parse_user_day(value, "as-of")
    assert day is not None
    return day.isoformat()


def _claim_id(settings: Settings, report: IngestReport, base: str) -> bool:
    """Set the report's import id for the file whose base id is ``base``: the active import's
    (and ``True``: nothing to do) or a new one (``False``)."""
    folder = ImportsFolder(settings.imports_dir)
    active = folder.active_id(base)
    report.import_id = active or folder.new_id(base)
    return active is not None


def ingest_members(
    settings: Settings,
    path: Path,
    *,
    cluster: str,
    as_of: str,
    mapping: str | None = None,
    dry_run: bool = False,
    keep_names: bool = False,
    agent: str | None = None,
    display_name: str | None = None,
    loaded: LoadedDataset | None = None,
) -> IngestReport:
    """Ingest one member list for ``cluster`` as of ``as_of``; see the module docstring."""
    as_of = parse_as_of(as_of)
    chosen = _mapping_of_kind("members", mapping, "cvr-export")
    report = _file_report("members", path, display_name, chosen.name)
    loaded, graph, shapes = _graph_and_shapes(settings, loaded)
    found = resolve_identifier(
        "cluster", cluster, cluster_candidates(graph), base_iri=settings.base_iri
    )
    report.cluster, report.as_of = found.slug, as_of
    municipalities = Municipalities(graph, shapes)
    with open_table(path, chosen, max_rows=settings.ingest_max_rows) as table:
        report.sheet, report.header_row = table.sheet, table.header_row
        rows = check_rows(table, chosen, municipalities, keep_names=keep_names)
    if rows.rows_read == 0:
        raise UnreadableFileError(path, "ingest.unreadable.no_rows")
    _fill_counts(report, rows, settings.base_iri + "id/" + NORTH_JUTLAND)
    options = f"{chosen.name}|{int(keep_names)}"
    base = (
        f"members-{found.slug}-{as_of}-"
        + hashlib.sha256(f"{report.sha256}|{options}".encode()).hexdigest()[:12]
    )
    unchanged = _claim_id(settings, report, base)
    if rows.error_count:
        return report
    if unchanged:
        report.status = "unchanged"
        return report
    label = next(
        (
            str(x)
            for x in graph.objects(URIRef(found.iri), SKOS.prefLabel)
            if isinstance(x, Literal) and x.language == "en"
        ),
        found.slug,
    )
    info = _import_info(
        settings, report, agent, as_of=as_of, cluster_iri=found.iri, cluster_label=label
    )
    region_iri = settings.base_iri + "id/" + NORTH_JUTLAND
    triples = member_triples(info, rows, region_iri=region_iri, region_local="nordjylland")
    return _validate_and_commit(settings, report, base, triples, loaded, shapes, info, dry_run)


def _fill_counts(report: IngestReport, rows: MemberRows, region_iri: str) -> None:
    report.rows_read = rows.rows_read
    report.accepted = len(rows.members)
    report.duplicates = rows.duplicates
    report.names_dropped = rows.names_dropped
    report.row_errors = rows.errors
    report.error_count = rows.error_count
    nj = [m for m in rows.members.values() if m.municipality.region == region_iri]
    report.region_counts = {
        "members": len(nj),
        "smes": sum(1 for m in nj if m.sme is True),
        "large": sum(1 for m in nj if m.sme is False),
        "unknown": sum(1 for m in nj if m.sme is None),
    }


def ingest_assessments(
    settings: Settings,
    path: Path,
    *,
    mapping: str | None = None,
    dry_run: bool = False,
    agent: str | None = None,
    display_name: str | None = None,
    loaded: LoadedDataset | None = None,
) -> IngestReport:
    """Ingest alignment assessments from the template workbook (or a mapped sheet)."""
    from brn_graph.ingest.assessments import Vocabulary, assessment_triples
    from brn_graph.ingest.assessments import check_rows as check_assessments

    chosen = _mapping_of_kind("assessments", mapping, "brn-template-assessments")
    report = _file_report("assessments", path, display_name, chosen.name)
    loaded, graph, shapes = _graph_and_shapes(settings, loaded)
    with open_table(path, chosen, max_rows=settings.ingest_max_rows) as table:
        report.sheet, report.header_row = table.sheet, table.header_row
        rows = check_assessments(table, chosen, Vocabulary(graph))
    if rows.rows_read == 0:
        raise UnreadableFileError(path, "ingest.unreadable.no_rows")
    report.rows_read, report.accepted = rows.rows_read, len(rows.records)
    report.row_errors, report.error_count = rows.errors, rows.error_count
    base = (
        "assessments-" + hashlib.sha256(f"{report.sha256}|{chosen.name}".encode()).hexdigest()[:12]
    )
    unchanged = _claim_id(settings, report, base)
    if rows.error_count:
        return report
    if unchanged:
        report.status = "unchanged"
        return report
    info = _import_info(settings, report, agent)
    return _validate_and_commit(
        settings, report, base, assessment_triples(info, rows), loaded, shapes, info, dry_run
    )


#: The authoring kinds read from a workbook of several sheets.
WORKBOOK_KINDS = ("document", "meetings")


def ingest_workbook(
    settings: Settings,
    path: Path,
    *,
    kind: str,
    dry_run: bool = False,
    agent: str | None = None,
    display_name: str | None = None,
    loaded: LoadedDataset | None = None,
) -> IngestReport:
    """Ingest a ``document`` or ``meetings`` authoring workbook (``brn-graph template KIND``):
    every sheet checked, the records validated with the graph, all committed or none."""
    from brn_graph.ingest import documents, meetings
    from brn_graph.ingest.sheets import read_sheet

    if kind not in WORKBOOK_KINDS:
        reason = message("mapping.kind_choice", kinds=list(WORKBOOK_KINDS), given=repr(kind))
        raise ParameterError("KIND", reason)
    layout = documents.SHEETS if kind == "document" else meetings.SHEETS
    report = _file_report(kind, path, display_name, layout[0][0])
    loaded, graph, shapes = _graph_and_shapes(settings, loaded)
    sheets = [
        read_sheet(path, name, max_rows=settings.ingest_max_rows, required=required)
        for name, required in layout
    ]
    report.sheet = ", ".join(s.sheet for s in sheets if s.present)
    report.header_row = 1
    if not sheets[0].rows:
        raise UnreadableFileError(path, "ingest.unreadable.no_rows")
    base = f"{kind}-" + hashlib.sha256(f"{report.sha256}|{kind}".encode()).hexdigest()[:12]
    if _claim_id(settings, report, base):
        # the same workbook is in the graph already: its ids are its own, nothing to check
        report.rows_read = sum(len(s.rows) for s in sheets)
        report.status = "unchanged"
        return report
    records: documents.DocumentRecords | meetings.MeetingRecords
    if kind == "document":
        doc_vocabulary = documents.DocumentVocabulary(graph, settings.base_iri)
        records = documents.check_document(sheets, doc_vocabulary)
    else:
        records = meetings.check_meetings(
            sheets, meetings.MeetingVocabulary(graph, settings.base_iri)
        )
    report.rows_read, report.accepted = records.rows_read, records.accepted
    report.row_errors, report.error_count = records.errors, records.refusals.count
    if records.refusals.count:
        report.accepted = 0
        return report
    info = _import_info(settings, report, agent)
    if isinstance(records, documents.DocumentRecords):
        triples = documents.document_triples(info, records, doc_vocabulary)
    else:
        triples = meetings.meeting_triples(info, records)
    return _validate_and_commit(settings, report, base, triples, loaded, shapes, info, dry_run)


def _mapping_of_kind(kind: str, mapping: str | None, default: str) -> Mapping:
    """The mapping to read a file of ``kind`` with (``default`` unless one is named); a
    mapping made for another kind is refused before the file is read."""
    chosen = resolve_mapping(mapping, default)
    if chosen.kind != kind:
        reason = message("mapping.wrong_kind", name=chosen.name, mapped=chosen.kind, kind=kind)
        raise ParameterError("--mapping", reason)
    return chosen


def _file_report(kind: str, path: Path, display_name: str | None, mapping: str) -> IngestReport:
    """The report of one file's ingest, opened with what identifies the file."""
    return IngestReport(
        kind=kind, file=display_name or path.name, sha256=file_sha256(path), mapping=mapping
    )


def _graph_and_shapes(
    settings: Settings, loaded: LoadedDataset | None
) -> tuple[LoadedDataset, Graph, Graph]:
    """The data an ingest checks against (loaded once unless given), its union and the shapes."""
    loaded = loaded or load_dataset(settings)
    return loaded, union_graph(loaded), load_shapes(settings)


def _import_info(
    settings: Settings,
    report: IngestReport,
    agent: str | None,
    *,
    as_of: str | None = None,
    cluster_iri: str | None = None,
    cluster_label: str | None = None,
) -> ImportInfo:
    """The provenance of the import ``report`` describes: file, agent, start, mapping."""
    return ImportInfo(
        import_id=report.import_id,
        kind=report.kind,
        file_name=report.file,
        sha256=report.sha256,
        agent=agent or default_agent(),
        started=datetime.now(UTC).replace(microsecond=0),
        base_iri=settings.base_iri,
        mapping=report.mapping,
        as_of=as_of,
        cluster_iri=cluster_iri,
        cluster_label=cluster_label,
    )


def _validate_and_commit(
    settings: Settings,
    report: IngestReport,
    base: str,
    triples: list[Any],
    loaded: LoadedDataset,
    shapes: Graph,
    info: ImportInfo,
    dry_run: bool,
) -> IngestReport:
    """Validate ``triples`` with the graph and commit them as ``report.import_id`` (claimed
    for the file with base id ``base``) unless another writer got there first."""
    folder = ImportsFolder(settings.imports_dir)
    validation = validate_delta(triples, loaded, shapes, lang=settings.lang)
    report.violations = list(validation.violations)
    report.records, report.validated = validation.records, validation.validated
    if not validation.conforms:
        return report
    if dry_run:
        report.status = "dry-run"
        return report
    summary = {
        "id": report.import_id,
        "kind": report.kind,
        "file": report.file,
        "sha256": report.sha256,
        "agent": info.agent,
        "started": info.started.isoformat(),
        "cluster": report.cluster,
        "as_of": report.as_of,
        "mapping": report.mapping,
        "rows_read": report.rows_read,
        "accepted": report.accepted,
    }
    turtle = to_turtle(triples)
    with folder.lock():
        active = folder.active_id(base)
        if active is not None:
            report.import_id, report.status = active, "unchanged"
            return report
        if folder.new_id(base) != report.import_id:
            raise ImportConflictError(
                message("imports.error.busy", folder=str(settings.imports_dir))
            )
        folder.commit(report.import_id, summary, turtle)
    report.status = "committed"
    return report
