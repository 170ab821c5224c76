"""``brn-graph ingest KIND FILE`` and ``brn-graph imports list|show|revert``.

Exit codes: 0 committed (or valid dry run, or unchanged re-import), 1 invalid rows or SHACL
violations (nothing written), 2 unreadable file or bad option (nothing written).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from brn_graph.cli.app import app, state
from brn_graph.cli.output import (
    EXIT_BAD_INPUT,
    EXIT_NOT_CONFORMING,
    TableFormat,
    TextFormat,
    print_error,
    print_json,
    render_rows,
)
from brn_graph.config import Language, Settings
from brn_graph.i18n.catalogue import text
from brn_graph.ingest.kinds import KINDS
from brn_graph.ingest.readers import UnreadableFileError
from brn_graph.ingest.write import ImportEntry, ImportsFolder

if TYPE_CHECKING:  # rdflib, openpyxl and pySHACL load inside the commands
    from brn_graph.ingest.pipeline import IngestReport

ingest_app = typer.Typer(
    help="Add data from a spreadsheet (CSV or XLSX): checked, validated, all or nothing.",
    no_args_is_help=True,
)
imports_app = typer.Typer(help="The committed imports: list, show, revert.", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")
app.add_typer(imports_app, name="imports")

FormatOption = Annotated[TextFormat, typer.Option("--format", help="Output format.")]


def unreadable_message(exc: UnreadableFileError, settings: Settings) -> str:
    where = f"{exc.path}:{exc.line}" if exc.line else str(exc.path)
    return f"{where}: {text(exc.key, settings.lang, **exc.values)}"


@ingest_app.command("members")
def ingest_members_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The member list, CSV or XLSX.")],
    cluster: Annotated[str, typer.Option("--cluster", help="The cluster (slug, IRI or name).")],
    as_of: Annotated[str, typer.Option("--as-of", help="The date the list is valid for.")],
    mapping: Annotated[
        str | None,
        typer.Option(
            "--mapping",
            help="Column mapping: cvr-export (default), brn-template, or a TOML file.",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check only; write nothing.")] = False,
    keep_names: Annotated[
        bool, typer.Option("--keep-names", help="Keep the names of sole proprietorships.")
    ] = False,
    fmt: FormatOption = TextFormat.text,
) -> None:
    """Import a cluster's member companies (CVR number, municipality, industry, size)."""
    from brn_graph.ingest.pipeline import ingest_members

    settings = state(ctx).settings
    if not file.is_file():
        print_error(text("errors.ingest.no_file_members", settings.lang, file=file), settings.lang)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        report = ingest_members(
            settings,
            file,
            cluster=cluster,
            as_of=as_of,
            mapping=mapping,
            dry_run=dry_run,
            keep_names=keep_names,
        )
    except UnreadableFileError as exc:
        print_error(unreadable_message(exc, settings), settings.lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    _finish(report, settings, fmt)


def _finish(report: IngestReport, settings: Settings, fmt: TextFormat) -> None:
    if fmt is TextFormat.json:
        print_json(report.to_dict(settings.lang))
    else:
        print(report.render(settings.lang))
    if not report.ok:
        raise typer.Exit(EXIT_NOT_CONFORMING)


@ingest_app.command("assessments")
def ingest_assessments_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The filled-in assessments workbook (XLSX).")],
    mapping: Annotated[
        str | None,
        typer.Option("--mapping", help="Column mapping (default brn-template-assessments)."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check only; write nothing.")] = False,
    fmt: FormatOption = TextFormat.text,
) -> None:
    """Import alignment assessments (cluster, goal, level, evidence, source, confidence)."""
    from brn_graph.ingest.pipeline import ingest_assessments

    settings = state(ctx).settings
    if not file.is_file():
        print_error(
            text("errors.ingest.no_file_assessments", settings.lang, file=file), settings.lang
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        report = ingest_assessments(settings, file, mapping=mapping, dry_run=dry_run)
    except UnreadableFileError as exc:
        print_error(unreadable_message(exc, settings), settings.lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    _finish(report, settings, fmt)


def _ingest_workbook_command(
    ctx: typer.Context, kind: str, file: Path, dry_run: bool, fmt: TextFormat
) -> None:
    from brn_graph.ingest.pipeline import ingest_workbook

    settings = state(ctx).settings
    if not file.is_file():
        print_error(text("authoring.no_file", settings.lang, file=file, kind=kind), settings.lang)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        report = ingest_workbook(settings, file, kind=kind, dry_run=dry_run)
    except UnreadableFileError as exc:
        print_error(unreadable_message(exc, settings), settings.lang)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    _finish(report, settings, fmt)


@ingest_app.command("document")
def ingest_document_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The filled-in document workbook (XLSX).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check only; write nothing.")] = False,
    fmt: FormatOption = TextFormat.text,
) -> None:
    """Import a framework document with its goals, strength positions and targets."""
    _ingest_workbook_command(ctx, "document", file, dry_run, fmt)


@ingest_app.command("meetings")
def ingest_meetings_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The filled-in meetings workbook (XLSX).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check only; write nothing.")] = False,
    fmt: FormatOption = TextFormat.text,
) -> None:
    """Import meetings with their participants, outcomes, decisions and sources."""
    _ingest_workbook_command(ctx, "meetings", file, dry_run, fmt)


@app.command("template")
def template_command(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(help=f"What to author: {', '.join(KINDS)}.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The workbook to write (.xlsx).")],
) -> None:
    """Write an authoring workbook with drop-down lists filled from the graph."""
    from brn_graph.graph.loader import load_dataset, union_graph
    from brn_graph.ingest.template import write_template

    settings = state(ctx).settings
    if kind not in KINDS:
        print_error(
            text("errors.ingest.kind", settings.lang, kind=repr(kind), kinds=", ".join(KINDS)),
            settings.lang,
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    graph = union_graph(load_dataset(settings))
    write_template(kind, graph, out, lang=settings.lang)
    print(out)


#: The fields of an import's record, in the order ``imports show`` prints them.
RECORD_FIELDS = (
    "sha256",
    "started",
    "agent",
    "cluster",
    "as_of",
    "mapping",
    "rows_read",
    "accepted",
)


def _kind(kind: str, lang: Language) -> str:
    """A kind of import in words (an unknown kind, from a newer version, as it is)."""
    return text(f"imports.kind.{kind}", lang) if kind in KINDS else kind


def record_lines(entry: ImportEntry, lang: Language) -> list[str]:
    """One import's record as labelled lines in ``lang`` (fields it lacks are left out)."""
    values: list[tuple[str, object]] = [
        ("id", entry.import_id),
        ("status", text(f"imports.status.{entry.status}", lang)),
        ("kind", _kind(str(entry.summary.get("kind", "")), lang)),
        ("file", entry.summary.get("file") or entry.path.name),
        *((name, entry.summary.get(name)) for name in RECORD_FIELDS),
    ]
    if entry.reverted:
        by, at = entry.reverted.get("by", "?"), entry.reverted.get("at", "?")
        values.append(("reverted", text("imports.reverted_by", lang, by=by, at=at)))
    return [
        text("imports.line", lang, label=text(f"imports.field.{name}", lang), value=value)
        for name, value in values
        if value not in (None, "")
    ]


def _rows(settings: Settings) -> list[dict[str, object]]:
    lang = settings.lang
    return [
        {
            "id": e.import_id,
            "status": text(f"imports.status.{e.status}", lang),
            "kind": _kind(str(e.summary.get("kind", "")), lang),
            "file": e.summary.get("file", ""),
            "started": e.summary.get("started", ""),
            "agent": e.summary.get("agent", ""),
            "accepted": e.summary.get("accepted", ""),
        }
        for e in ImportsFolder(settings.imports_dir).entries()
    ]


@imports_app.command("list")
def imports_list(
    ctx: typer.Context,
    fmt: Annotated[TableFormat, typer.Option("--format", help="Output format.")] = (
        TableFormat.table
    ),
) -> None:
    """Every import, active or reverted, oldest first."""
    settings = state(ctx).settings
    entries = ImportsFolder(settings.imports_dir).entries()
    if fmt is TableFormat.json:
        print_json([e.to_dict() for e in entries])
        return
    if not entries:
        print(text("imports.none", settings.lang))
        return
    columns = ["id", "status", "kind", "file", "started", "agent", "accepted"]
    rows = _rows(settings)
    header = {c: text(f"imports.column.{c}", settings.lang) for c in columns}
    renamed = [{header[c]: r[c] for c in columns} for r in rows]
    print(render_rows([header[c] for c in columns], renamed, fmt), end="")


@imports_app.command("show")
def imports_show(
    ctx: typer.Context,
    import_id: Annotated[str, typer.Argument(help="The import id (see `imports list`).")],
    fmt: FormatOption = TextFormat.text,
) -> None:
    """One import: its file, SHA-256, time, agent, counts and status."""
    settings = state(ctx).settings
    entry = ImportsFolder(settings.imports_dir).entry(import_id)
    if fmt is TextFormat.json:
        print_json(entry.to_dict())
        return
    print("\n".join(record_lines(entry, settings.lang)))


@imports_app.command("revert")
def imports_revert(
    ctx: typer.Context,
    import_id: Annotated[str, typer.Argument(help="The import id (see `imports list`).")],
) -> None:
    """Take one import back out of the graph (atomic; the file is kept under reverted/)."""
    from brn_graph.ingest.pipeline import default_agent

    settings = state(ctx).settings
    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    ImportsFolder(settings.imports_dir).revert(import_id, agent=default_agent(), when=when)
    print(text("imports.reverted", settings.lang, id=import_id))
