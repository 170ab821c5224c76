"""``alignment``, ``explain``, ``gaps``, ``rank``, ``engagement``, ``network-stats``: the analytics.

Thin adapters: each command opens the session (:func:`brn_graph.cli.app.open_session`:
loaded, validated, store open), takes the alignment model of a decision context on a date
(:mod:`brn_graph.context.view`; ``--context``, ``--as-of``, default the 2024 decision on its
date) and prints what a library function returns, as a table, CSV, TSV or JSON, always
with the context and date it was computed for (JSON: ``context``; table: the first lines; CSV
and TSV: on standard error). Clusters, goals and documents are accepted by slug, prefixed
name, IRI or label.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Protocol, TypeVar

import typer

from brn_graph.alignment.gap_kinds import GapKind
from brn_graph.cli.app import app, open_session
from brn_graph.cli.output import TableFormat, code_word, emit_rows, headers, print_json, say
from brn_graph.config import Language, Settings, check_weights, parse_weights
from brn_graph.context.dates import parse_user_day
from brn_graph.errors import ParameterError
from brn_graph.i18n.assessed import format_assessed_mean
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.formats import format_decimal, format_number, format_score, format_share
from brn_graph.i18n.message import reason_of

if TYPE_CHECKING:  # the analytics (rdflib, numpy, networkx) load inside the commands
    from rdflib import Dataset

    from brn_graph.alignment.data import Ref
    from brn_graph.alignment.engagement import EngagementReport
    from brn_graph.alignment.scores import AlignmentModel
    from brn_graph.context.view import ContextModel, ContextView
    from brn_graph.network.analytics import NetworkStats
    from brn_graph.query.analytics import GraphQueries

FormatOption = Annotated[
    TableFormat, typer.Option("--format", help="Output format: table, csv, tsv or json.")
]


ContextOption = Annotated[
    str | None,
    typer.Option(
        "--context", help="Decision context (slug or IRI); default: the 2024 cluster decision."
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="The date (YYYY-MM-DD) the analysis holds for; default: the context's."
    ),
]
AllClustersOption = Annotated[
    bool,
    typer.Option("--all-clusters", help="All existing clusters, not only the context's long list."),
]


@dataclass(frozen=True)
class _Session:
    settings: Settings
    dataset: Dataset
    queries: GraphQueries
    model: AlignmentModel
    view: ContextView
    context: ContextModel


def _open(
    ctx: typer.Context,
    context: str | None = None,
    as_of: str | None = None,
    all_clusters: bool = False,
    *,
    reuse: _Session | None = None,
) -> _Session:
    from brn_graph.context.view import build_context_model

    day = parse_user_day(as_of, "as-of")
    if reuse is not None:  # a second context on the data already opened (and checked)
        settings, dataset, queries = reuse.settings, reuse.dataset, reuse.queries
        known: ContextModel | None = None
    else:
        session = open_session(ctx)  # loaded, validated (warning or --strict), store open
        settings, dataset, queries = session.settings, session.dataset, session.queries
        known = session.context_model
    if known is not None and context is None and day is None and not all_clusters:
        built = known  # the session's own model: the default context on its date
    else:
        built = build_context_model(
            queries,
            settings,
            context=context,
            as_of=day,
            all_clusters=all_clusters,
            data=known.full if known is not None else None,
        )
    return _Session(
        settings=settings,
        dataset=dataset,
        queries=queries,
        model=built.model,
        view=built.view,
        context=built,
    )


def _context_lines(session: _Session, fmt: TableFormat) -> None:
    """The context and date of the numbers that follow (stderr for CSV and TSV)."""
    lines = session.view.lines(session.settings.lang)
    if fmt is TableFormat.table:
        say("\n".join(lines) + "\n")
    elif fmt is not TableFormat.json:
        print("\n".join(lines), file=sys.stderr)


def _with_context(session: _Session, body: Mapping[str, Any]) -> dict[str, Any]:
    return {"context": session.view.to_dict(session.settings.lang), **body}


def _json_or_context_lines(session: _Session, fmt: TableFormat, body: Mapping[str, Any]) -> bool:
    """Print ``body`` with its context as JSON and answer true (the command is done), or
    print the context lines before a table, CSV or TSV and answer false."""
    if fmt is TableFormat.json:
        print_json(_with_context(session, body))
        return True
    _context_lines(session, fmt)
    return False


def _emit(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    fmt: TableFormat,
    lang: Language,
    **named: str,
) -> None:
    """Rows in ``fmt``; a table gets headers in ``lang`` (``named`` for data-made columns)."""
    titles = headers(columns, lang, **named) if fmt is TableFormat.table else None
    emit_rows(columns, rows, fmt, title="brn-graph", titles=titles, lang=lang)


def _words(kind: str, code: str | None, fmt: TableFormat, lang: Language) -> str | None:
    """A level or confidence as a word in a table, as its code elsewhere."""
    return code_word(kind, code, lang) if fmt is TableFormat.table else code


def _name(ref: Ref, fmt: TableFormat) -> str:
    """A resource in a table: its label for people (text tables), its id in files."""
    return ref.label if fmt is TableFormat.table else ref.id


def _mean_columns(fmt: TableFormat) -> list[str]:
    """The mean over assessed goals: one "0,36 (1 af 5)" column in a table, the count and the
    number (empty when none is assessed, never 0) in files."""
    return ["assessed_mean"] if fmt is TableFormat.table else ["assessed", "assessed_mean"]


def _mean_values(
    mean: float | None, assessed: int, goals: int, fmt: TableFormat, lang: Language
) -> dict[str, Any]:
    if fmt is TableFormat.table:
        return {"assessed_mean": format_assessed_mean(mean, assessed, goals, lang)}
    return {"assessed": assessed, "assessed_mean": mean}


def _title(text: str, fmt: TableFormat) -> None:
    if fmt is TableFormat.table:
        say(f"\n{text}")


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
    completeness: Annotated[
        bool,
        typer.Option(
            "--completeness",
            help="The share of (long-list cluster x context goal) pairs with an assessment.",
        ),
    ] = False,
    context: ContextOption = None,
    as_of: AsOfOption = None,
    all_clusters: AllClustersOption = False,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Alignment scores: coverage per cluster x document, a document's matrix, or one cluster."""
    from brn_graph.alignment.scores import (
        compute_cluster_alignment,
        compute_completeness,
        compute_document_matrix,
        compute_document_view,
    )

    session = _open(ctx, context, as_of, all_clusters)
    lang = session.settings.lang
    model = session.model
    if completeness:
        found = compute_completeness(model, lang=lang)
        if _json_or_context_lines(session, fmt, {"completeness": found.to_dict()}):
            return
        share = "-" if found.share is None else format_share(found.share, lang)
        if fmt is TableFormat.table:
            say(
                text(
                    "context.completeness",
                    lang,
                    assessed=found.assessed,
                    pairs=found.pairs,
                    share=share,
                )
            )
        _emit(
            ["cluster", "goal", "label"],
            [{"cluster": c.id, "goal": t.id, "label": t.label} for c, t in found.missing],
            fmt,
            lang,
        )
        return
    if cluster is not None:
        result = compute_cluster_alignment(model, cluster, lang=lang, document=document)
        if _json_or_context_lines(session, fmt, result.to_dict()):
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
                ["document", "served", "goals", "coverage", *_mean_columns(fmt)],
                [
                    {
                        "document": d.document.id,
                        "served": d.served,
                        "goals": d.goals,
                        "coverage": d.coverage,
                        **_mean_values(d.assessed_mean, d.assessed, d.goals, fmt, lang),
                    }
                    for d in result.documents
                ],
                fmt,
                lang,
            )
        return
    if document is not None:
        matrix = compute_document_matrix(model, document, lang=lang)
        counted = {d.iri for d in model.data.scored_documents}
        if fmt is TableFormat.json:
            body = matrix.to_dict()
            body["counted"] = matrix.document.iri in counted
            print_json(_with_context(session, body))
            return
        _context_lines(session, fmt)
        if matrix.document.iri not in counted or not matrix.targets:
            key = (
                "context.document.no_goals"
                if not matrix.targets
                else "context.document.not_counted"
            )
            print(text(key, lang, document=matrix.document.label), file=sys.stderr)
        goal_columns = [t.notation or t.id for t in matrix.targets]
        if len(set(goal_columns)) < len(goal_columns):
            goal_columns = [t.id for t in matrix.targets]
        rows = []
        for row in matrix.rows:
            line: dict[str, Any] = {
                "cluster": _name(row.cluster, fmt),
                "coverage": row.coverage,
                **_mean_values(row.assessed_mean, row.assessed, row.goals, fmt, lang),
            }
            # A goal without any assessment or rule hit is unknown: an empty cell, not 0.
            line.update(
                {
                    h: cell.score if cell.origin else None
                    for h, cell in zip(goal_columns, row.cells, strict=True)
                }
            )
            rows.append(line)
        _emit(
            ["cluster", *goal_columns, "coverage", *_mean_columns(fmt)],
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
    if _json_or_context_lines(session, fmt, {"rows": [v.to_dict() for v in view]}):
        return
    _emit(
        ["cluster", "document", "served", "goals", "coverage", *_mean_columns(fmt)],
        [
            {
                "cluster": _name(v.cluster, fmt),
                "document": _name(v.document, fmt),
                "served": v.served,
                "goals": v.goals,
                "coverage": v.coverage,
                **_mean_values(v.assessed_mean, v.assessed, v.goals, fmt, lang),
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
    context: ContextOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Every piece of evidence behind a cluster's score for a goal, with its sources."""
    from brn_graph.alignment.explain import explain_alignment

    session = _open(ctx, context, as_of)
    lang = session.settings.lang
    result = explain_alignment(session.model, cluster, goal, lang=lang)
    later = [
        r
        for r in session.model.data.later
        if (r.cluster, r.target) == (result.cluster.iri, result.target.iri)
    ]
    if fmt is TableFormat.json:
        body = result.to_dict()
        body["not_counted_later"] = [
            {"alignment": r.iri, "level": r.level, "confidence": r.confidence, "dated": r.dated}
            for r in later
        ]
        print_json(_with_context(session, body))
        return
    _context_lines(session, fmt)
    if later:
        note = text(
            "context.later.assessments",
            session.settings.lang,
            count=len(later),
            as_of=session.view.as_of.isoformat(),
        )
        if fmt is TableFormat.table:
            say(note)
        else:
            print(note, file=sys.stderr)
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
    say(text("cli.explain.cluster", lang, label=c.label, id=c.id))
    say(text("cli.explain.goal", lang, label=t.label, id=t.id, document=result.document.label))
    say(text("cli.explain.score", lang, score=format_decimal(result.score, lang)))
    say(text("cli.explain.formula", lang, formula=result.formula))
    if not rows:
        say(text("cli.explain.no_evidence", lang))
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
        say(f"\n[{row['n']}] {origin} ({flags}): {record}")
        say(f"    {row['text']}")
        if row["passage"]:
            say("    " + text("cli.explain.passage", lang, passage=row["passage"]))
        for source in row["sources"]:
            say("    " + text("cli.explain.source", lang, source=source))
        if row["assessor"] or row["created"]:
            assessed = text(
                "cli.explain.assessed",
                lang,
                assessor=row["assessor"] or "?",
                date=row["created"] or "?",
            )
            say("    " + assessed)


@app.command("gaps")
def gaps_command(
    ctx: typer.Context,
    kind: Annotated[
        GapKind | None,
        typer.Option("--kind", help="Only gaps of this kind."),
    ] = None,
    context: ContextOption = None,
    as_of: AsOfOption = None,
    all_clusters: AllClustersOption = False,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Goals outside the clusters' remit, with no cluster, or only inferred/weak ones; overlaps;
    clusters with no anchor."""
    from brn_graph.alignment.gaps import analyse_gaps

    session = _open(ctx, context, as_of, all_clusters)
    lang = session.settings.lang
    report = analyse_gaps(session.model, lang=lang, kind=kind)
    table = fmt is TableFormat.table
    if _json_or_context_lines(session, fmt, report.to_dict()):
        return
    rows: list[dict[str, Any]] = []
    for gap in report.gaps:
        rows.append(
            {
                "finding": text(f"cli.gaps.gap.{gap.kind}", lang) if table else f"gap: {gap.kind}",
                "document": _name(gap.document, fmt),
                "item": _name(gap.target, fmt),
                "label": gap.target.label,
                "clusters": [
                    f"{_name(s.cluster, fmt)} ({_words('level', s.level, fmt, lang)}/"
                    f"{_words('confidence', s.confidence, fmt, lang)}"
                    + (f", {text('cli.explain.rule', lang, rule=s.rule)}" if s.rule else "")
                    + ")"
                    for s in gap.clusters
                ]
                + ([gap.note] if gap.note else []),
            }
        )
    for overlap in report.overlaps:
        rows.append(
            {
                "finding": text("cli.gaps.overlap", lang) if table else "overlap",
                "document": _name(overlap.document, fmt),
                "item": _name(overlap.target, fmt),
                "label": overlap.target.label,
                "clusters": [
                    f"{_name(s.cluster, fmt)} ({format_score(s.score, lang if table else 'en')})"
                    for s in overlap.clusters
                ],
            }
        )
    for unanchored in report.unanchored:
        rows.append(
            {
                "finding": text("cli.gaps.unanchored", lang) if table else "unanchored cluster",
                "document": None,
                "item": _name(unanchored.cluster, fmt),
                "label": unanchored.cluster.label,
                "clusters": [f.id for f in unanchored.focus_areas],
            }
        )
    # A text table names items by label already; files keep the id and the label apart.
    label = [] if table else ["label"]
    _emit(["finding", "document", "item", *label, "clusters"], rows, fmt, lang)
    if table:
        summary = text(
            "cli.gaps.summary",
            lang,
            gaps=len(report.gaps),
            overlaps=len(report.overlaps),
            threshold=format_decimal(session.model.weights.strong_threshold, lang),
            unanchored=len(report.unanchored),
        )
        say(f"\n{summary}")


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
        int | None,
        typer.Option("--samples", min=0, max=20_000, help="Weight samples for the sensitivity."),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", min=1, max=1000, help="k of the top-k probability.")
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", min=0, max=2**32 - 1, help="Seed of the weight sampler."),
    ] = None,
    include_dissolved: Annotated[
        bool,
        typer.Option("--include-dissolved", help="Rank clusters that no longer exist too."),
    ] = False,
    compare_to: Annotated[
        str | None,
        typer.Option(
            "--compare-to",
            help="Also rank on this date (YYYY-MM-DD) and show what changed.",
        ),
    ] = None,
    compare_context: Annotated[
        str | None,
        typer.Option("--compare-context", help="Compare with this context (default: the same)."),
    ] = None,
    context: ContextOption = None,
    as_of: AsOfOption = None,
    all_clusters: AllClustersOption = False,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Weighted ranking of the clusters with rank intervals and top-k probabilities."""
    from brn_graph.alignment.engagement import compute_engagement
    from brn_graph.alignment.ranking import rank_with_settings
    from brn_graph.context.compare import Side, compare

    try:
        parsed = parse_weights(weights) if weights else None
        if parsed:  # given weights replace the settings' entirely (see rank_with_settings)
            check_weights(parsed, parsed)
    except ValueError as exc:
        raise ParameterError("weights", reason_of(exc)) from exc
    baseline_day = parse_user_day(compare_to, "compare-to")
    session = _open(ctx, context, as_of, all_clusters)
    settings = session.settings

    def ranked(s: _Session) -> Any:
        engagement = compute_engagement(s.queries, s.model, settings)
        return rank_with_settings(
            s.model,
            engagement,
            settings,
            weights=parsed,
            samples=samples,
            top_k=top,
            seed=seed,
            include_dissolved=include_dissolved,
        )

    ranking = ranked(session)
    if baseline_day is not None or compare_context is not None:
        other = _open(
            ctx,
            compare_context or session.view.spec.slug,
            (baseline_day or session.view.as_of).isoformat(),
            all_clusters,
            reuse=session,
        )
        result = compare(
            Side(context=session.context, ranking=ranking),
            Side(context=other.context, ranking=ranked(other)),
            lang=settings.lang,
        )
        _print_comparison(session, other, result.to_dict(), fmt)
        return
    if _json_or_context_lines(session, fmt, ranking.to_dict()):
        return
    lang = settings.lang
    p_top = f"p_top{ranking.top_k}"
    rows = [
        {
            "rank": r.rank,
            "cluster": _name(r.cluster, fmt),
            "score": r.score,
            "interval": f"{r.rank_interval[0]}-{r.rank_interval[1]}",
            "interval_low": r.rank_interval[0],
            "interval_high": r.rank_interval[1],
            p_top: r.top_k_probability,
            "verdict": r.verdict,
            "note": r.note,
        }
        for r in ranking.clusters
    ]
    # A text table shows "2-4"; files keep the two ends apart (Excel reads "2-4" as a date).
    interval = ["interval"] if fmt is TableFormat.table else ["interval_low", "interval_high"]
    _emit(
        ["rank", "cluster", "score", *interval, p_top, "verdict", "note"],
        rows,
        fmt,
        lang,
        **{p_top: text("cli.col.p_top", lang, k=ranking.top_k)},
    )
    if fmt is TableFormat.table:
        weights_text = "; ".join(
            f"{c.label} {format_decimal(c.weight, lang)}" for c in ranking.criteria
        )
        say("\n" + text("cli.rank.weights", lang, weights=weights_text))
        say(
            text(
                "cli.rank.sensitivity",
                lang,
                samples=ranking.samples,
                concentration=format_decimal(ranking.concentration, lang),
                seed=ranking.seed,
            )
        )
        for line in ranking.conclusions:
            say(f"- {line}")


def _print_comparison(
    session: _Session, other: _Session, body: Mapping[str, Any], fmt: TableFormat
) -> None:
    if fmt is TableFormat.json:
        print_json(dict(body))
        return
    lang = session.settings.lang
    _context_lines(session, fmt)
    header = text("context.compare.baseline", lang) + " " + other.view.header(lang)
    if fmt is TableFormat.table:
        say(header)
    if fmt is not TableFormat.table:
        print(header, file=sys.stderr)
    then, now = other.view.as_of.isoformat(), session.view.as_of.isoformat()
    _emit(
        ["cluster", f"rank_{now}", f"score_{now}", f"rank_{then}", f"score_{then}", "change"],
        [
            {
                "cluster": c["cluster"]["id"],
                f"rank_{now}": c["rank"],
                f"score_{now}": c["score"],
                f"rank_{then}": c["baseline_rank"],
                f"score_{then}": c["baseline_score"],
                "change": c["rank_change"],
            }
            for c in body["clusters"]
        ],
        fmt,
        lang,
        **{
            f"rank_{now}": text("cli.col.rank_on", lang, date=now),
            f"score_{now}": text("cli.col.score_on", lang, date=now),
            f"rank_{then}": text("cli.col.rank_on", lang, date=then),
            f"score_{then}": text("cli.col.score_on", lang, date=then),
        },
    )
    if fmt is TableFormat.table:
        for key, docs in (
            ("context.compare.entering", body["documents_entering"]),
            ("context.compare.leaving", body["documents_leaving"]),
        ):
            names = ", ".join(d["label"] for d in docs) or "-"
            say(text(key, lang, documents=names))
        say(
            text(
                "context.compare.assessments",
                lang,
                added=len(body["assessments_added"]),
                removed=len(body["assessments_removed"]),
            )
        )


class _Report(Protocol):
    def to_dict(self) -> Mapping[str, Any]: ...


_R = TypeVar("_R", bound=_Report)


def _report_command(
    name: str,
    summary: str,
    compute: Callable[[_Session], _R],
    show: Callable[[_Session, _R, TableFormat], None],
) -> None:
    """Register ``brn-graph NAME``: one report on a decision context and date, as JSON with
    its context or as the context lines and ``show``'s table (CSV, TSV)."""

    def command(
        ctx: typer.Context,
        context: ContextOption = None,
        as_of: AsOfOption = None,
        all_clusters: AllClustersOption = False,
        fmt: FormatOption = TableFormat.table,
    ) -> None:
        session = _open(ctx, context, as_of, all_clusters)
        report = compute(session)
        if not _json_or_context_lines(session, fmt, report.to_dict()):
            show(session, report, fmt)

    command.__doc__ = summary
    app.command(name)(command)


def _engagement(session: _Session) -> EngagementReport:
    from brn_graph.alignment.engagement import compute_engagement

    return compute_engagement(session.queries, session.model, session.settings)


def _show_engagement(session: _Session, report: EngagementReport, fmt: TableFormat) -> None:
    from brn_graph.alignment.engagement import METRICS

    lang = session.settings.lang
    rows = []
    for c in report.clusters:
        row: dict[str, Any] = {
            "cluster": _name(c.cluster, fmt),
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
        say("\n" + text("cli.engagement.footnote", lang))


_report_command(
    "engagement",
    "Engagement in North Jutland per cluster; missing data is shown as missing.",
    _engagement,
    _show_engagement,
)


def _network_stats(session: _Session) -> NetworkStats:
    from brn_graph.network.analytics import analyse_network, project_network

    projection = project_network(session.queries, session.model, session.settings)
    return analyse_network(
        projection,
        session.model,
        lang=session.settings.lang,
        seed=session.settings.sensitivity_seed,
    )


def _show_network_stats(session: _Session, stats: NetworkStats, fmt: TableFormat) -> None:
    lang = session.settings.lang
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
                "item": _name(g.target, fmt),
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
            "item": _name(b.cluster, fmt),
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
            "item": f"{_name(s.first, fmt)} ~ {_name(s.second, fmt)}",
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


_report_command(
    "network-stats",
    "Graph analytics: most/least served goals, bridging clusters, similarity, communities.",
    _network_stats,
    _show_network_stats,
)
