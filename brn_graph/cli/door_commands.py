"""``brn-graph municipalities [ID]``, ``organisations [ID]`` and ``documents [ID]``: the doors
for every kind of thing, over the same views as the REST routes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from brn_graph.cli.app import app, state
from brn_graph.cli.output import TableFormat, emit_rows, headers, print_json, say
from brn_graph.config import Language
from brn_graph.i18n.catalogue import text

if TYPE_CHECKING:
    from rdflib import Dataset

FormatOption = Annotated[
    TableFormat, typer.Option("--format", help="Output format: table, csv, tsv or json.")
]
#: The classes ``documents`` lists (local names in the brn: namespace).
DOCUMENT_CLASS_NAMES = (
    "FrameworkDocument",
    "Strategy",
    "RegionalChapter",
    "Agreement",
    "ResultsContract",
)


@app.command("municipalities")
def municipalities_command(
    ctx: typer.Context,
    municipality: Annotated[
        str | None, typer.Argument(help="A municipality (slug, code, name); all when left out.")
    ] = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Municipalities: code, region, clusters with an office there."""
    from brn_graph.graph.doors import (
        MUNICIPALITY_CLASSES,
        listing,
        municipality_view,
        resolve_municipality,
    )

    dataset, lang = _opened(ctx)
    if municipality is None:
        rows = []
        for row in listing(dataset, MUNICIPALITY_CLASSES, lang):
            view = municipality_view(dataset, str(row["iri"]), lang, "")
            rows.append(
                {
                    "id": row["id"],
                    "label": row["label"],
                    "code": view.code,
                    "clusters": [c.text for c in view.clusters_present],
                }
            )
        _emit(["id", "label", "code", "clusters"], rows, fmt, lang)
        return
    iri = resolve_municipality(dataset, municipality, lang)
    view = municipality_view(dataset, iri, lang, text("doors.members_unknown", lang))
    facts = [
        (text("doors.page.name", lang), view.description.label),
        (text("doors.page.code", lang), view.code or text("doors.unknown", lang)),
        (text("doors.page.region", lang), view.region.text if view.region else "–"),
        (
            text("doors.page.clusters_present", lang),
            ", ".join(c.text for c in view.clusters_present) or "–",
        ),
        (text("doors.page.members", lang), view.members_note),
    ]
    _show(view.to_dict(), facts, view.description.to_dict(), fmt, lang)


@app.command("organisations")
def organisations_command(
    ctx: typer.Context,
    organisation: Annotated[
        str | None,
        typer.Argument(help="An organisation (slug, name, abbreviation); all if left out."),
    ] = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Organisations: BRN and its board, Erhvervshus Nordjylland, networks, public bodies."""
    from brn_graph.graph.doors import ORGANISATION_CLASSES, organisation_view, resolve_organisation

    dataset, lang = _opened(ctx)
    if organisation is None:
        _list(dataset, ORGANISATION_CLASSES, fmt, lang)
        return
    view = organisation_view(dataset, resolve_organisation(dataset, organisation, lang), lang)
    facts = [
        (text("doors.page.name", lang), view.description.label),
        (text("doors.page.unit_of", lang), ", ".join(u.text for u in view.unit_of) or "–"),
        (text("doors.page.units", lang), ", ".join(u.text for u in view.units) or "–"),
        (text("doors.page.sites", lang), ", ".join(u.text for u in view.sites) or "–"),
    ]
    if view.dissolved:
        facts.append(("", text("doors.page.dissolved", lang, date=view.dissolved)))
    _show(view.to_dict(), facts, view.description.to_dict(), fmt, lang)


@app.command("documents")
def documents_command(
    ctx: typer.Context,
    document: Annotated[
        str | None, typer.Argument(help="A framework document (slug, title); all if left out.")
    ] = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Framework documents with their description, issue date and known gaps."""
    from brn_graph.graph.describe import describe
    from brn_graph.graph.doors import resolve_any
    from brn_graph.namespaces import PREFIXES

    dataset, lang = _opened(ctx)
    if document is None:
        _list(dataset, tuple(PREFIXES["brn"] + c for c in DOCUMENT_CLASS_NAMES), fmt, lang)
        return
    described = describe(dataset, resolve_any(dataset, "document", document, lang), lang)
    as_dict = described.to_dict()
    _show(as_dict, [(text("doors.page.name", lang), described.label)], as_dict, fmt, lang)


def _opened(ctx: typer.Context) -> tuple[Dataset, Language]:
    """The graph to read, opened with the command's settings, and the output language."""
    from brn_graph.graph.store import open_store

    settings = state(ctx).settings
    return open_store(settings).dataset, settings.lang


def _list(dataset: Dataset, classes: tuple[str, ...], fmt: TableFormat, lang: Language) -> None:
    """Every resource of ``classes``: id, label and type."""
    from brn_graph.graph.doors import listing

    _emit(["id", "label", "type"], listing(dataset, classes, lang), fmt, lang)


def _show(
    as_json: dict[str, Any],
    facts: list[tuple[str, str]],
    described: dict[str, Any],
    fmt: TableFormat,
    lang: Language,
) -> None:
    """One resource: its JSON view, or its facts, description, known gaps and sources."""
    if fmt is TableFormat.json:
        print_json(as_json)
        return
    _facts(facts, described, lang)


def _emit(columns: list[str], rows: list[dict[str, Any]], fmt: TableFormat, lang: Language) -> None:
    if fmt is TableFormat.json:
        print_json(rows)
        return
    emit_rows(columns, rows, fmt, title="brn-graph", titles=headers(columns, lang), lang=lang)


def _facts(facts: list[tuple[str, str]], described: dict[str, Any], lang: Language) -> None:
    for label, value in facts:
        say(f"{label}: {value}" if label else value)
    if described.get("description"):
        say(f"\n{described['description']}")
    gaps = described.get("known_gaps") or {}
    if gaps:
        say(f"\n{text('doors.page.known_gaps', lang)}:")
        for key in sorted(gaps):
            say(f"  [{key}] {gaps[key]}")
    sources = described.get("sources") or []
    if sources:
        say(f"\n{text('doors.page.sources', lang)} ({described.get('confidence') or '–'}):")
        for s in sources:
            say(f"  - {s['text']} <{s['iri']}>")
