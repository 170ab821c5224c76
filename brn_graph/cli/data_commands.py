"""``brn-graph validate``, ``brn-graph stats`` and ``brn-graph tallies``: the loaded data,
its quality, and what is derived from it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from brn_graph.cli.app import app, state
from brn_graph.cli.output import (
    EXIT_NOT_CONFORMING,
    TableFormat,
    TextFormat,
    headers,
    print_json,
    render_rows,
)
from brn_graph.config import Settings
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_count, format_share

FormatOption = Annotated[TextFormat, typer.Option("--format", help="Output format.")]


@app.command()
def validate(ctx: typer.Context, fmt: FormatOption = TextFormat.text) -> None:
    """Validate the data against the SHACL shapes.

    Exit 0 when the data conforms, 1 when it does not (every violation is listed), 2 when an
    input cannot be read (the message names the file and line).
    """
    # Light first: an unchanged graph is answered from the cache without rdflib or pySHACL.
    from brn_graph.graph.validation_cache import ReportCache, cached_report

    settings = state(ctx).settings
    lang = settings.lang
    _note_unused_store("validate", settings)
    hit = cached_report(settings)  # unchanged files: no parsing, no validation
    if hit is not None:
        report, files = hit
    else:
        from brn_graph.graph.loader import load_dataset, load_shapes
        from brn_graph.graph.validation import validate_loaded

        loaded = load_dataset(settings)
        report = validate_loaded(
            loaded,
            load_shapes(settings),
            lang=settings.lang,
            cache=ReportCache.for_settings(settings),
        )
        files = sum(1 for f in loaded.files if f.role == "data")
    if fmt is TextFormat.json:
        print_json(report.to_dict())
    else:
        for r in report.results:
            where = f" [{r.source_file}]" if r.source_file else ""
            path = f" {r.path}" if r.path else ""
            value = f" = {r.value}" if r.value is not None else ""
            severity = text(f"cli.validate.severity.{r.severity}", lang)
            print(f"{severity}: {r.focus_node}{where}{path}{value}")
            print(f"    {r.message} ({r.shape_id})")
        violations = len(report.violations)
        others = len(report.results) - violations
        verdict = "cli.validate.conforms" if report.conforms else "cli.validate.does_not_conform"
        print(text(verdict, lang, files=files, violations=violations, others=others))
    if not report.conforms:
        raise typer.Exit(EXIT_NOT_CONFORMING)


@app.command()
def stats(ctx: typer.Context, fmt: FormatOption = TextFormat.text) -> None:
    """Triples per named graph, instances per class and the share of facts with provenance."""
    from brn_graph.graph.loader import load_dataset
    from brn_graph.graph.stats import compute_stats

    settings = state(ctx).settings
    lang = settings.lang
    _note_unused_store("stats", settings)
    result = compute_stats(load_dataset(settings))
    if fmt is TextFormat.json:
        print_json(result.to_dict())
        return
    data = result.to_dict()
    graph_columns = ["graph", "file", "triples"]
    print(
        render_rows(
            graph_columns,
            data["graphs"],
            TableFormat.table,
            titles=headers(graph_columns, lang),
            lang=lang,
        )
    )
    class_columns = ["class", "instances"]
    print(
        render_rows(
            class_columns,
            [{"class": c, "instances": n} for c, n in result.instances_per_class.items()],
            TableFormat.table,
            titles=headers(class_columns, lang),
            lang=lang,
        )
    )
    p = data["provenance"]
    print(text("cli.stats.total", lang, total=format_count(result.total_triples, lang)))
    print(
        text(
            "cli.stats.provenance",
            lang,
            covered=p["with_provenance"],
            resources=p["resources"],
            share=format_share(p["share"], lang),
            own=p["with_own_provenance"],
        )
    )


@app.command()
def tallies(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The Turtle file to write.", dir_okay=False)
    ],
) -> None:
    """Write the membership tallies of the data files as Turtle, for a SPARQL server.

    Every local store derives them itself; a server used with --store sparql:URL must hold
    them in the graph urn:brn-graph:graph:membership-tallies next to the data files (write
    them again whenever the files change).
    """
    from brn_graph.cli.files import write_output
    from brn_graph.graph.store import files_tally_turtle
    from brn_graph.graph.tallies import TALLY_GRAPH

    settings = state(ctx).settings
    lang = settings.lang
    _note_unused_store("tallies", settings)
    write_output(output, files_tally_turtle(settings))
    print(text("cli.tallies.written", lang, path=output, graph=TALLY_GRAPH))


def _note_unused_store(command: str, settings: Settings) -> None:
    """``validate``, ``stats`` and ``tallies`` read the files; say so rather than ignore
    ``--store`` silently."""
    if settings.store != "oxigraph":
        note = text(
            "doors.cli.store_not_used", settings.lang, command=command, store=settings.store
        )
        print(f"brn-graph: {note}", file=sys.stderr)
