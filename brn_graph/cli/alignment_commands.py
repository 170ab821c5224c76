"""``alignment``, ``explain``, ``gaps``, ``rank``, ``engagement``, ``network-stats``: the analytics.

Thin adapters: each command opens the store, builds the alignment model
(:mod:`brn_graph.alignment.scores`) and prints what a library function returns, as a table, CSV, TSV
or JSON. Clusters, goals and documents are accepted by slug, prefixed name, IRI or label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from rdflib import Dataset

from brn_graph.alignment.engagement import METRICS, compute_engagement
from brn_graph.alignment.explain import explain_alignment
from brn_graph.alignment.gaps import analyse_gaps
from brn_graph.alignment.ranking import rank_with_settings
from brn_graph.alignment.scores import (
    AlignmentModel,
    build_alignment_model,
    compute_cluster_alignment,
    compute_document_matrix,
    compute_document_view,
)
from brn_graph.cli.app import app, state
from brn_graph.cli.output import TableFormat, code_word, headers, print_json, render_rows
from brn_graph.config import Language, Settings, parse_weights
from brn_graph.errors import ParameterError
from brn_graph.graph.store import open_store
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_decimal, format_number, format_score
from brn_graph.i18n.message import reason_of
from brn_graph.network.analytics import analyse_network, project_network

FormatOption = Annotated[
    TableFormat, typer.Option("--format", help="Output format: table, csv, tsv or json.")
]


@dataclass(frozen=True)
class _Session:
    settings: Settings
    dataset: Dataset
    model: AlignmentModel


def _open(ctx: typer.Context) -> _Session:
    settings = state(ctx).settings
    store = open_store(settings)
    return _Session(
        settings=settings,
        dataset=store.dataset,
        model=build_alignment_model(store.dataset, settings),
    )


def _emit(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    fmt: TableFormat,
    lang: Language,
    **named: str,
) -> None:
    """Rows in ``fmt``; a table gets headers in ``lang`` (``named`` for data-made columns)."""
    if fmt is TableFormat.table:
        titles = headers(columns, lang, **named)
        print(render_rows(columns, rows, fmt, titles=titles, lang=lang), end="")
    else:
        print(render_rows(columns, rows, fmt), end="")


def _words(kind: str, code: str | None, fmt: TableFormat, lang: Language) -> str | None:
    """A level or confidence as a word in a table, as its code elsewhere."""
    return code_word(kind, code, lang) if fmt is TableFormat.table else code


def _title(text: str, fmt: TableFormat) -> None:
    if fmt is TableFormat.table:
        print(f"\n{text}")


@app.command("alignment")
def alignment_command(
    ctx: typer.Context,
    cluster: Annotated[
        str | None, typer.Argument(help="A cluster (slug, IRI or name); all when left out.")
    ] = None,
    document: Annotated[
        str | None,
        typer.Option("--document", help="A framework document: show its clusters x goals matrix."),
    ] = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Alignment scores: coverage per cluster x document, a document's matrix, or one cluster."""
    session = _open(ctx)
    lang = session.settings.lang
    model = session.model
    if cluster is not None:
        result = compute_cluster_alignment(model, cluster, lang=lang, document=document)
        if fmt is TableFormat.json:
            print_json(result.to_dict())
            return
        rows = [
            {
                "document": c.target.document.rsplit("/", 1)[-1],
                "goal": c.target.id,
                "label": c.target.label,
                "score": c.score,
                "level": _words("level", c.level, fmt, lang),
                "confidence": _words("confidence", c.confidence, fmt, lang),
                "origin": _words("origin", str(c.origin) if c.origin else None, fmt, lang),
                "rule": c.rule,
            }
            for c in result.cells
        ]
        _emit(
            ["document", "goal", "label", "score", "level", "confidence", "origin", "rule"],
            rows,
            fmt,
            lang,
        )
        if fmt is TableFormat.table:
            _title(text("cli.alignment.coverage_title", lang, cluster=result.cluster.label), fmt)
            _emit(
                ["document", "served", "goals", "coverage", "mean_score"],
                [
                    {
                        "document": d.document.id,
                        "served": d.served,
                        "goals": d.goals,
                        "coverage": d.coverage,
                        "mean_score": d.mean_score,
                    }
                    for d in result.documents
                ],
                fmt,
                lang,
            )
        return
    if document is not None:
        matrix = compute_document_matrix(model, document, lang=lang)
        if fmt is TableFormat.json:
            print_json(matrix.to_dict())
            return
        goal_columns = [t.notation or t.id for t in matrix.targets]
        if len(set(goal_columns)) < len(goal_columns):
            goal_columns = [t.id for t in matrix.targets]
        rows = []
        for row in matrix.rows:
            line: dict[str, Any] = {
                "cluster": row.cluster.id,
                "coverage": row.coverage,
                "mean_score": row.mean_score,
            }
            line.update({h: cell.score for h, cell in zip(goal_columns, row.cells, strict=True)})
            rows.append(line)
        _emit(
            ["cluster", *goal_columns, "coverage", "mean_score"],
            rows,
            fmt,
            lang,
            **{h: h for h in goal_columns},
        )
        if fmt is TableFormat.table:
            _title(text("cli.alignment.goals_title", lang, document=matrix.document.label), fmt)
            _emit(
                ["column", "goal", "label"],
                [
                    {"column": h, "goal": t.id, "label": t.label}
                    for h, t in zip(goal_columns, matrix.targets, strict=True)
                ],
                fmt,
                lang,
            )
        return
    view = compute_document_view(model, lang=lang)
    if fmt is TableFormat.json:
        print_json([v.to_dict() for v in view])
        return
    _emit(
        ["cluster", "document", "served", "goals", "coverage", "mean_score"],
        [
            {
                "cluster": v.cluster.id,
                "document": v.document.id,
                "served": v.served,
                "goals": v.goals,
                "coverage": v.coverage,
                "mean_score": v.mean_score,
            }
            for v in view
        ],
        fmt,
        lang,
    )


@app.command("explain")
def explain_command(
    ctx: typer.Context,
    cluster: Annotated[str, typer.Argument(help="A cluster (slug, IRI or name).")],
    goal: Annotated[str, typer.Argument(help="A goal or strength position (slug, IRI or name).")],
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Every piece of evidence behind a cluster's score for a goal, with its sources."""
    session = _open(ctx)
    lang = session.settings.lang
    result = explain_alignment(session.model, cluster, goal, lang=lang)
    if fmt is TableFormat.json:
        print_json(result.to_dict())
        return
    rows: list[dict[str, Any]] = [
        {
            "n": i,
            "origin": str(e.origin),
            "rule": e.rule,
            "counted": e.counted,
            "chosen": e.chosen,
            "level": _words("level", e.level, fmt, lang),
            "confidence": _words("confidence", e.confidence, fmt, lang),
            "score": e.score,
            "text": e.text,
            "passage": e.passage,
            "sources": [
                f"{s.title.get(e.lang)} <{s.url or s.citation or s.iri}>" for s in e.sources
            ],
            "assessor": e.assessor.label if e.assessor else None,
            "created": e.created,
        }
        for i, e in enumerate(result.evidence, start=1)
    ]
    columns = [
        "n", "origin", "rule", "counted", "chosen", "level", "confidence", "score",
        "text", "passage", "sources", "assessor", "created",
    ]  # fmt: skip
    if fmt is not TableFormat.table:
        _emit(columns, rows, fmt, lang)
        return
    c, t = result.cluster, result.target
    print(text("cli.explain.cluster", lang, label=c.label, id=c.id))
    print(text("cli.explain.goal", lang, label=t.label, id=t.id, document=result.document.label))
    print(text("cli.explain.score", lang, score=format_decimal(result.score, lang)))
    print(text("cli.explain.formula", lang, formula=result.formula))
    if not rows:
        print(text("cli.explain.no_evidence", lang))
    for row in rows:
        flags = ", ".join(
            x
            for x in (
                text("cli.explain.chosen", lang) if row["chosen"] else None,
                text("cli.explain.counted" if row["counted"] else "cli.explain.not_counted", lang),
            )
            if x
        )
        origin = (
            text("cli.explain.rule", lang, rule=row["rule"])
            if row["rule"]
            else code_word("origin", row["origin"], lang)
        )
        record = text(
            "cli.explain.record",
            lang,
            level=row["level"],
            confidence=row["confidence"],
            score=format_decimal(row["score"], lang),
        )
        print(f"\n[{row['n']}] {origin} ({flags}): {record}")
        print(f"    {row['text']}")
        if row["passage"]:
            print("    " + text("cli.explain.passage", lang, passage=row["passage"]))
        for source in row["sources"]:
            print("    " + text("cli.explain.source", lang, source=source))
        if row["assessor"] or row["created"]:
            assessed = text(
                "cli.explain.assessed",
                lang,
                assessor=row["assessor"] or "?",
                date=row["created"] or "?",
            )
            print("    " + assessed)


@app.command("gaps")
def gaps_command(ctx: typer.Context, fmt: FormatOption = TableFormat.table) -> None:
    """Goals with no or only weak/inferred clusters, overlaps, and clusters with no anchor."""
    session = _open(ctx)
    lang = session.settings.lang
    report = analyse_gaps(session.model, lang=lang)
    table = fmt is TableFormat.table
    if fmt is TableFormat.json:
        print_json(report.to_dict())
        return
    rows: list[dict[str, Any]] = []
    for gap in report.gaps:
        rows.append(
            {
                "finding": text(f"cli.gaps.gap.{gap.kind}", lang) if table else f"gap: {gap.kind}",
                "document": gap.document.id,
                "item": gap.target.id,
                "label": gap.target.label,
                "clusters": [
                    f"{s.cluster.id} ({_words('level', s.level, fmt, lang)}/"
                    f"{_words('confidence', s.confidence, fmt, lang)}"
                    + (f", {text('cli.explain.rule', lang, rule=s.rule)}" if s.rule else "")
                    + ")"
                    for s in gap.clusters
                ],
            }
        )
    for overlap in report.overlaps:
        rows.append(
            {
                "finding": text("cli.gaps.overlap", lang) if table else "overlap",
                "document": overlap.document.id,
                "item": overlap.target.id,
                "label": overlap.target.label,
                "clusters": [
                    f"{s.cluster.id} ({format_score(s.score, lang if table else 'en')})"
                    for s in overlap.clusters
                ],
            }
        )
    for unanchored in report.unanchored:
        rows.append(
            {
                "finding": text("cli.gaps.unanchored", lang) if table else "unanchored cluster",
                "document": None,
                "item": unanchored.cluster.id,
                "label": unanchored.cluster.label,
                "clusters": [f.id for f in unanchored.focus_areas],
            }
        )
    _emit(["finding", "document", "item", "label", "clusters"], rows, fmt, lang)
    if table:
        summary = text(
            "cli.gaps.summary",
            lang,
            gaps=len(report.gaps),
            overlaps=len(report.overlaps),
            threshold=format_decimal(session.model.weights.strong_threshold, lang),
            unanchored=len(report.unanchored),
        )
        print(f"\n{summary}")


@app.command("rank")
def rank_command(
    ctx: typer.Context,
    weights: Annotated[
        str | None,
        typer.Option(
            "--weights",
            help="NAME=VALUE,... over alignment, alignment:<document>, engagement, evidence; "
            "overrides the same names in the settings.",
        ),
    ] = None,
    samples: Annotated[
        int | None, typer.Option("--samples", help="Weight samples for the sensitivity.")
    ] = None,
    top: Annotated[int | None, typer.Option("--top", help="k of the top-k probability.")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the weight sampler.")] = None,
    include_dissolved: Annotated[
        bool,
        typer.Option("--include-dissolved", help="Rank clusters that no longer exist too."),
    ] = False,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Weighted ranking of the clusters with rank intervals and top-k probabilities."""
    try:
        parsed = parse_weights(weights) if weights else None
    except ValueError as exc:
        raise ParameterError("weights", reason_of(exc)) from exc
    session = _open(ctx)
    settings = session.settings
    engagement = compute_engagement(session.dataset, session.model, settings)
    ranking = rank_with_settings(
        session.model,
        engagement,
        settings,
        weights=parsed,
        samples=samples,
        top_k=top,
        seed=seed,
        include_dissolved=include_dissolved,
    )
    if fmt is TableFormat.json:
        print_json(ranking.to_dict())
        return
    lang = settings.lang
    p_top = f"p_top{ranking.top_k}"
    rows = [
        {
            "rank": r.rank,
            "cluster": r.cluster.id,
            "score": r.score,
            "interval": f"{r.rank_interval[0]}-{r.rank_interval[1]}",
            p_top: r.top_k_probability,
            "verdict": r.verdict,
            "note": r.note,
        }
        for r in ranking.clusters
    ]
    _emit(
        ["rank", "cluster", "score", "interval", p_top, "verdict", "note"],
        rows,
        fmt,
        lang,
        **{p_top: text("cli.col.p_top", lang, k=ranking.top_k)},
    )
    if fmt is TableFormat.table:
        weights_text = "; ".join(
            f"{c.label} {format_decimal(c.weight, lang)}" for c in ranking.criteria
        )
        print("\n" + text("cli.rank.weights", lang, weights=weights_text))
        print(
            text(
                "cli.rank.sensitivity",
                lang,
                samples=ranking.samples,
                concentration=format_decimal(ranking.concentration, lang),
                seed=ranking.seed,
            )
        )
        for line in ranking.conclusions:
            print(f"- {line}")


@app.command("engagement")
def engagement_command(ctx: typer.Context, fmt: FormatOption = TableFormat.table) -> None:
    """Engagement in North Jutland per cluster; missing data is shown as missing."""
    session = _open(ctx)
    lang = session.settings.lang
    report = compute_engagement(session.dataset, session.model, session.settings)
    if fmt is TableFormat.json:
        print_json(report.to_dict())
        return
    rows = []
    for c in report.clusters:
        row: dict[str, Any] = {
            "cluster": c.cluster.id,
            "score": c.score,
            "completeness": c.completeness,
        }
        for m in c.metrics:
            if m.value is None:
                row[m.name] = (
                    text("cli.engagement.missing", lang) if fmt is TableFormat.table else "missing"
                )
            else:
                shown = (
                    format_number(m.value, lang)
                    if fmt is TableFormat.table
                    else (f"{m.value:,.0f}" if float(m.value).is_integer() else f"{m.value:g}")
                )
                row[m.name] = f"{shown} ({m.date})" if m.date else shown
        rows.append(row)
    _emit(["cluster", "score", "completeness", *METRICS], rows, fmt, lang)
    if fmt is TableFormat.table:
        print("\n" + text("cli.engagement.footnote", lang))


@app.command("network-stats")
def network_stats_command(ctx: typer.Context, fmt: FormatOption = TableFormat.table) -> None:
    """Graph analytics: most/least served goals, bridging clusters, similarity, communities."""
    session = _open(ctx)
    lang = session.settings.lang
    projection = project_network(session.dataset, session.model, session.settings)
    stats = analyse_network(
        projection, session.model, lang=lang, seed=session.settings.sensitivity_seed
    )
    if fmt is TableFormat.json:
        print_json(stats.to_dict())
        return
    table = fmt is TableFormat.table

    def section(name: str) -> str:
        return text(f"cli.network.section.{name}", lang) if table else name.replace("_", " ")

    def count_name(kind: str, name: str) -> str:
        return text(f"cli.network.{kind}.{name}", lang) if table else name

    rows: list[dict[str, Any]] = []
    rows += [
        {"section": section("nodes"), "item": count_name("node", k), "value": v}
        for k, v in stats.node_counts.items()
    ]
    rows += [
        {"section": section("edges"), "item": count_name("edge", k), "value": v}
        for k, v in stats.edge_counts.items()
    ]
    out = lang if table else "en"
    for name, service in (("most_served", stats.most_served), ("least_served", stats.least_served)):
        rows += [
            {
                "section": section(name),
                "item": g.target.id,
                "value": g.clusters,
                "detail": text(
                    "cli.network.total_weight",
                    out,
                    weight=format_score(g.total_weight, out),
                    document=g.document.id,
                ),
            }
            for g in service
        ]
    rows += [
        {
            "section": section("bridges"),
            "item": b.cluster.id,
            "value": len(b.documents),
            "detail": text(
                "cli.network.betweenness",
                out,
                value=format_decimal(round(b.betweenness, 3), out),
                documents=", ".join(d.id for d in b.documents),
            ),
        }
        for b in stats.bridges
    ]
    rows += [
        {
            "section": section("similarity"),
            "item": f"{s.first.id} ~ {s.second.id}",
            "value": round(s.jaccard, 3),
            "detail": ", ".join(s.shared),
        }
        for s in stats.similarities
    ]
    rows += [
        {
            "section": section("community"),
            "item": str(c.index),
            "value": len(c.clusters),
            "detail": ", ".join(x.id for x in c.clusters)
            + " | "
            + ", ".join(t.id for t in c.targets),
        }
        for c in stats.communities
    ]
    _emit(["section", "item", "value", "detail"], rows, fmt, lang)
