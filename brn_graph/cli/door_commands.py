"""``brn-graph municipalities [ID]``, ``organisations [ID]`` and ``documents [ID]``: the doors
for every kind of thing, over the same views as the REST routes."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from brn_graph.cli.app import app, state
from brn_graph.cli.output import TableFormat, emit_rows, headers, print_json, say
from brn_graph.config import Language
from brn_graph.i18n.catalogue import text

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
    from brn_graph.graph.store import open_store

    settings = state(ctx).settings
    dataset = open_store(settings).dataset
    lang = settings.lang
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
    if fmt is TableFormat.json:
        print_json(view.to_dict())
        return
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
    _facts(facts, view.description.to_dict(), lang)


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
    from brn_graph.graph.doors import (
        ORGANISATION_CLASSES,
        listing,
        organisation_view,
        resolve_organisation,
    )
    from brn_graph.graph.store import open_store

    settings = state(ctx).settings
    dataset = open_store(settings).dataset
    lang = settings.lang
    if organisation is None:
        _emit(["id", "label", "type"], listing(dataset, ORGANISATION_CLASSES, lang), fmt, lang)
        return
    view = organisation_view(dataset, resolve_organisation(dataset, organisation, lang), lang)
    if fmt is TableFormat.json:
        print_json(view.to_dict())
        return
    facts = [
        (text("doors.page.name", lang), view.description.label),
        (text("doors.page.unit_of", lang), ", ".join(u.text for u in view.unit_of) or "–"),
        (text("doors.page.units", lang), ", ".join(u.text for u in view.units) or "–"),
        (text("doors.page.sites", lang), ", ".join(u.text for u in view.sites) or "–"),
    ]
    if view.dissolved:
        facts.append(("", text("doors.page.dissolved", lang, date=view.dissolved)))
    _facts(facts, view.description.to_dict(), lang)


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
    from brn_graph.graph.doors import listing, resolve_any
    from brn_graph.graph.store import open_store
    from brn_graph.namespaces import PREFIXES

    settings = state(ctx).settings
    dataset = open_store(settings).dataset
    lang = settings.lang
    if document is None:
        _emit(
            ["id", "label", "type"],
            listing(dataset, tuple(PREFIXES["brn"] + c for c in DOCUMENT_CLASS_NAMES), lang),
            fmt,
            lang,
        )
        return
    iri = resolve_any(dataset, "document", document, lang)
    described = describe(dataset, iri, lang)
    if fmt is TableFormat.json:
        print_json(described.to_dict())
        return
    _facts([(text("doors.page.name", lang), described.label)], described.to_dict(), lang)


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
