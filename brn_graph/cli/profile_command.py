"""``brn-graph profile CLUSTER``: one cluster's profile, the same the cluster page shows.

A thin adapter over :func:`brn_graph.alignment.profile.build_cluster_profile`: the named
queries of the profile run on a one-worker query engine over the session's store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from brn_graph.cli.app import app, open_session
from brn_graph.cli.output import TableFormat, TextFormat, print_json, render_rows
from brn_graph.config import Language
from brn_graph.i18n.catalogue import text

if TYPE_CHECKING:
    from brn_graph.alignment.profile import ClusterProfile


@app.command("profile")
def profile_command(
    ctx: typer.Context,
    cluster: Annotated[str, typer.Argument(help="A cluster (slug, IRI or name).")],
    fmt: Annotated[TextFormat, typer.Option("--format", help="Output format.")] = TextFormat.text,
) -> None:
    """A cluster's names, offices, figures, members and coverage per framework document."""
    from brn_graph.alignment.engagement import compute_engagement
    from brn_graph.alignment.profile import build_cluster_profile, catalogue_runner
    from brn_graph.query.engine import QueryEngine

    session = open_session(ctx)
    settings = session.settings
    lang = settings.lang
    info = session.model.resolve_cluster(cluster)
    engagement = compute_engagement(session.queries, session.model, settings, lang=lang)
    with QueryEngine(settings, workers=1, start_method="auto", store=session.store) as engine:
        profile = build_cluster_profile(
            session.model,
            engagement,
            info,
            run=catalogue_runner(session.catalog, engine, lang),
            lang=lang,
        )
    if fmt is TextFormat.json:
        print_json(profile.to_dict())
        return
    print(format_profile(profile, lang), end="")


def _number(value: float | None, lang: Language) -> str:
    if value is None:
        return text("profile.unknown", lang)
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if lang == "da":
        shown = shown.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return shown


def format_profile(profile: ClusterProfile, lang: Language) -> str:
    """The profile as plain text in ``lang`` (every word from the message catalogue)."""
    s = profile.summary
    unknown = text("profile.unknown", lang)
    lines = [f"{text('profile.heading', lang)}: {s.label} ({s.cluster.slug})"]
    if s.cluster.alt_names:
        lines.append(f"{text('profile.names', lang)}: {', '.join(s.cluster.alt_names)}")
    focus = ", ".join(f.label for f in s.focus_areas) or text("profile.none", lang)
    lines.append(f"{text('profile.focus_areas', lang)}: {focus}")
    if s.north_jutland is None:
        presence = unknown
    elif s.north_jutland:
        presence = text("profile.yes", lang)
        if s.offices_in_north_jutland:
            presence += f" ({', '.join(s.offices_in_north_jutland)})"
    else:
        presence = text("profile.no", lang)
    lines.append(f"{text('profile.north_jutland', lang)}: {presence}")
    lines.append(text("profile.aligned", lang, count=s.aligned_goals, strong=s.strong_alignments))
    lines.append("")
    lines.append(f"{text('profile.offices', lang)}:")
    if not profile.offices:
        lines.append(f"  {unknown}")
    for office in profile.offices:
        flags = [
            text("profile.headquarters", lang) if office.primary else "",
            text("profile.in_north_jutland", lang) if office.north_jutland else "",
        ]
        shown = ", ".join(f for f in flags if f)
        lines.append(f"  - {office.label}" + (f" ({shown})" if shown else ""))
    m = profile.memberships
    if m is not None:
        lines.append(
            text(
                "profile.members",
                lang,
                members=_number(m.members, lang),
                basis=text(f"profile.basis.{m.members_basis}", lang),
                date=m.members_date or unknown,
                smes=_number(m.smes, lang),
                smes_basis=text(f"profile.basis.{m.smes_basis}", lang),
                smes_date=m.smes_date or unknown,
            )
        )
    lines.append("")
    lines.append(f"{text('profile.figures', lang)}:")
    if not profile.figures:
        lines.append(f"  {text('profile.none', lang)}")
    for f in profile.figures:
        value = _number(f.value, lang) if isinstance(f.value, int | float) else str(f.value)
        unit = f" {f.unit}" if f.unit and f.unit != "count" else ""
        date = f" ({f.date})" if f.date else ""
        sources = "; ".join(src.title.get(lang) for src in f.sources)
        lines.append(f"  - {f.measure}: {value}{unit}{date}" + (f" [{sources}]" if sources else ""))
    lines.append("")
    lines.append(f"{text('profile.coverage', lang)}:")
    columns = ["document", "served", "goals", "coverage", "mean_score"]
    headers = {c: text(f"profile.col.{c}", lang) for c in columns}
    rows = [
        {
            headers["document"]: a.document.label,
            headers["served"]: a.served,
            headers["goals"]: a.goals,
            headers["coverage"]: a.coverage,
            headers["mean_score"]: a.mean_score,
        }
        for a in profile.alignments
    ]
    lines.append(render_rows([headers[c] for c in columns], rows, TableFormat.table).rstrip())
    if profile.notes:
        lines.append("")
        lines.append(f"{text('profile.notes', lang)}:")
        lines.extend(f"  - {note}" for note in profile.notes)
    return "\n".join(lines) + "\n"
