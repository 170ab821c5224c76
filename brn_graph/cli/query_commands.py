"""``brn-graph queries``, ``brn-graph query`` and ``brn-graph sparql``: the query catalogue.

Every query runs in a killable worker (see :mod:`brn_graph.query.engine`): ``--timeout`` is a hard
limit, and a result cut at the row cap says so on standard error.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from brn_graph.cli.app import app, state
from brn_graph.cli.output import (
    LAYOUT,
    TableFormat,
    TextFormat,
    headers,
    print_json,
    print_warning,
    render_rows,
)
from brn_graph.config import Language, Settings
from brn_graph.errors import ConfigError, NotFoundError, ParameterError, QuerySyntaxError
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import Message
from brn_graph.i18n.message import message as msg

if TYPE_CHECKING:  # the engine, rdflib and the serialisers load inside the commands
    from brn_graph.graph.terms import QueryResult, Term
    from brn_graph.query.check import CheckedQuery


class ResultFormat(StrEnum):
    """How ``query`` and ``sparql`` print a result."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"
    rdfxml = "rdfxml"


#: The media type of each table format (the others print a table or are refused).
_TABLE_MEDIA = {
    ResultFormat.csv: "text/csv",
    ResultFormat.tsv: "text/tab-separated-values",
    ResultFormat.json: "application/sparql-results+json",
    ResultFormat.xml: "application/sparql-results+xml",
}
#: The media type a CONSTRUCT or DESCRIBE result is printed in, by the format asked for.
_GRAPH_MEDIA = {
    ResultFormat.turtle: "text/turtle",
    ResultFormat.table: "text/turtle",
    ResultFormat.ntriples: "application/n-triples",
    ResultFormat.tsv: "application/n-triples",
    ResultFormat.csv: "application/n-triples",
    ResultFormat.jsonld: "application/ld+json",
    ResultFormat.json: "application/ld+json",
    ResultFormat.rdfxml: "application/rdf+xml",
    ResultFormat.xml: "application/rdf+xml",
}

ResultFormatOption = Annotated[
    ResultFormat,
    typer.Option(
        "--format",
        help="table, csv, tsv, json (SPARQL JSON), xml; for CONSTRUCT/DESCRIBE also "
        "turtle, ntriples, jsonld, rdfxml.",
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0.001,
        help="Stop the query after this many seconds (default: the query_timeout setting, 10).",
    ),
]
MaxRowsOption = Annotated[
    int | None,
    typer.Option(
        "--max-rows", min=1, help="Return at most this many rows (default: the result_cap, 10000)."
    ),
]


@app.command("queries")
def list_queries(
    ctx: typer.Context,
    fmt: Annotated[TextFormat, typer.Option("--format", help="Output format.")] = TextFormat.text,
) -> None:
    """List the catalogue of named queries with their parameters."""
    from brn_graph.query.catalog import load_catalog

    settings = state(ctx).settings
    catalog = load_catalog(settings.queries_dir)
    if fmt is TextFormat.json:
        print_json([q.to_dict() for q in catalog])
        return
    lang = settings.lang
    rows = [
        {
            "query": q.name,
            "parameters": ", ".join(f"{p.name}={p.example}" for p in q.parameters),
            "summary": q.summary[lang],
        }
        for q in catalog
    ]
    columns = ["query", "parameters", "summary"]
    table = render_rows(columns, rows, TableFormat.table, titles=headers(columns, lang), lang=lang)
    print(table, end="")
    print(text("cli.queries.count", lang, count=len(catalog), folder=settings.queries_dir))


@app.command("query")
def run_named_query(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The query's name (see `brn-graph queries`).")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as KEY=VALUE (repeatable)."),
    ] = None,
    fmt: ResultFormatOption = ResultFormat.table,
    timeout: TimeoutOption = None,
    max_rows: MaxRowsOption = None,
) -> None:
    """Run one named query from the catalogue."""
    from brn_graph.query.catalog import load_catalog, read_query_file
    from brn_graph.query.engine import QueryEngine
    from brn_graph.query.named_parameters import resolve_resource_parameters

    settings = _limited(state(ctx).settings, timeout, max_rows)
    values = _parse_params(param or [])
    path = settings.queries_dir / f"{name.removesuffix('.rq')}.rq"
    # Read just that file when it is there; the whole catalogue only to suggest names.
    if name.replace("_", "").replace(".", "").isalnum() and path.is_file():
        query = read_query_file(path)
    else:
        query = load_catalog(settings.queries_dir).get(name)
    with QueryEngine(settings, workers=1, start_method="auto") as engine:
        values = resolve_resource_parameters(query, values, engine)
        bound = query.bind(values, lang=settings.lang)
        # --max-rows may lower the query's own limit (``limit:``), never raise it.
        result = engine.run(query.checked, bindings=bound.bindings, result_cap=max_rows)
    _print_result(result, fmt, lang=settings.lang, own_limit=query.header.limit)


@app.command("sparql")
def run_sparql(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(help="A SPARQL query, or @FILE to read it from a file (@- for stdin).")
    ],
    fmt: ResultFormatOption = ResultFormat.table,
    timeout: TimeoutOption = None,
    max_rows: MaxRowsOption = None,
) -> None:
    """Run an ad-hoc, read-only SPARQL query (no updates, SERVICE, LOAD or remote FROM)."""
    settings = _limited(state(ctx).settings, timeout, max_rows)
    # The one text that is both checked and run: the project's prefixes, then the query.
    written = _read_query(query)
    text = with_project_prefixes(written)
    try:
        result = _run(settings, text, {})
    except QuerySyntaxError as exc:
        added = text.count("\n") - written.count("\n")
        raise QuerySyntaxError(_shift_detail(exc.detail, added)) from exc
    _print_result(result, fmt, lang=settings.lang)


def with_project_prefixes(text: str) -> str:
    r"""``text`` with a PREFIX declaration for every project prefix it does not declare itself.

    The declarations go on lines of their own before the query (rdflib misreads a
    ``SERVICE`` clause on the line of the declarations); :func:`_shift_lines` turns the
    parser's line numbers back into those of the text as written.

    >>> q = with_project_prefixes("PREFIX brn: <urn:x#>\nASK { ?c a brn:Cluster }")
    >>> q.count("PREFIX brn:"), "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>" in q
    (1, True)
    >>> q.splitlines()[-1]
    'ASK { ?c a brn:Cluster }'
    """
    from brn_graph.namespaces import PREFIXES

    declared = {m.group(1) for m in _DECLARED.finditer(text)}
    missing = "".join(
        f"PREFIX {prefix}: <{namespace}>\n"
        for prefix, namespace in PREFIXES.items()
        if prefix not in declared
    )
    return missing + text


def _shift_detail(detail: object, added: int) -> str | Message:
    """A syntax error's detail with line numbers counted in the query as written.

    >>> found = msg("errors.query.position", message="X", line=12, column=42)
    >>> str(_shift_detail(found, 11))
    'X (line 1, column 42)'
    """
    if isinstance(detail, Message):
        values = {
            k: _shift_detail(v, added) if isinstance(v, Message | str) else v
            for k, v in detail.values.items()
        }
        if detail.key == "errors.query.position" and isinstance(values.get("line"), int):
            values["line"] = max(1, int(str(values["line"])) - added)
        return Message(detail.key, values)
    return _shift_lines(str(detail), added)


def _shift_lines(message: str, added: int) -> str:
    """A parser message with line numbers counted in the query as written (``added``: the
    lines of declarations put before it).

    >>> _shift_lines("Expected X (line 12, column 42)", 11)
    'Expected X (line 1, column 42)'
    """

    def back(m: re.Match[str]) -> str:
        return f"line {max(1, int(m.group(1)) - added)}, column"

    return re.sub(r"line (\d+), column", back, message)


_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")


def _limited(settings: Settings, timeout: float | None, max_rows: int | None) -> Settings:
    if timeout is not None and not math.isfinite(timeout):
        raise ConfigError(
            f"--timeout must be a finite number of seconds, not {timeout}; "
            f"the default is {settings.query_timeout:g}"
        )
    return settings.with_overrides(query_timeout=timeout, result_cap=max_rows)


def _parse_params(items: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ParameterError(item, msg("errors.reason.param_syntax"))
        if key in values:
            raise ParameterError(key, msg("errors.reason.given_twice"))
        values[key] = value
    return values


def _read_query(argument: str) -> str:
    if not argument.startswith("@"):
        return argument
    source = argument[1:]
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise NotFoundError("query file", source)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(msg("cli.query.file_unreadable", file=source, reason=str(exc))) from exc


def _run(
    settings: Settings, query: str | CheckedQuery, bindings: Mapping[str, Term]
) -> QueryResult:
    # A single-threaded CLI forks the zygote (no second interpreter starts); in a threaded
    # host (a test runner, an embedding program) it falls back to spawn.
    from brn_graph.query.engine import QueryEngine

    with QueryEngine(settings, workers=1, start_method="auto") as engine:
        return engine.run(query, bindings=bindings)


def _print_result(
    result: QueryResult, fmt: ResultFormat, *, lang: Language, own_limit: int | None = None
) -> None:
    """Print ``result`` in ``fmt``; a cut result gets a warning that says which limit cut it
    (``own_limit``: the query's ``limit:``, which --max-rows cannot raise)."""
    from brn_graph.query.formats import serialize

    if result.truncated:
        key = "cli.query.truncated"
        if own_limit is not None and result.cap == own_limit:
            key = "cli.query.truncated_at_limit"
        print_warning(text(key, lang, cap=result.cap), lang)
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.write(serialize(result, _GRAPH_MEDIA[fmt]).text)
        return
    if fmt is ResultFormat.table:
        if result.form == "ASK":
            print("true" if result.boolean else "false")
            return
        rows = [
            {v: _table_cell(t) for v, t in zip(result.variables, row, strict=True)}
            for row in result.rows
        ]
        print(render_rows(list(result.variables), rows, TableFormat.table), end="")
        if result.truncated:
            key = "cli.query.rows_truncated"
        else:
            key = "cli.query.row" if len(result.rows) == 1 else "cli.query.rows"
        ms = f"{result.elapsed_ms:.0f}"
        print(text(key, lang, count=len(result.rows), ms=ms, store=result.store))
        return
    media = _TABLE_MEDIA.get(fmt)
    if media is None:
        raise ConfigError(msg("cli.query.graph_format", format=fmt))
    if fmt is ResultFormat.csv and LAYOUT.excel and result.form == "SELECT":
        sys.stdout.write(excel_result(result))
        return
    sys.stdout.write(serialize(result, media).text)


def excel_result(result: QueryResult) -> str:
    """A SELECT result as Danish-Excel CSV (the global ``--excel``): the one writer of
    :mod:`brn_graph.tables`, numbers as numbers (decimal comma), IRIs in full as in plain CSV."""
    from brn_graph.tables import excel_csv

    rows = [
        {v: None if t is None else t.python() for v, t in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]
    return excel_csv(list(result.variables), rows)


def _table_cell(term: Term | None) -> str:
    from brn_graph.namespaces import shorten

    if term is None:
        return ""
    if term.kind == "iri":
        return shorten(term.value)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return term.value.replace("\n", " ")
