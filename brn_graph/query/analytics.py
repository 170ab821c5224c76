"""Read and run the canned queries of the analytics (``queries/alignment``, ``queries/rules``).

The analytics (:mod:`brn_graph.alignment.data`, :mod:`brn_graph.alignment.engagement`,
:mod:`brn_graph.network.analytics`) never hold SPARQL in Python strings: each question is one
``.rq`` file with a header of ``# Key: value`` lines (``Summary``, ``Parameters``, and ``Rule``
for inference rules). Values enter only through bindings. On the Oxigraph backend bindings
become substitutions, which require every bound variable to appear in the ``SELECT`` projection;
the files keep to that.

Results come back as plain dictionaries of rdflib terms with simple literals normalised
(Oxigraph types them ``xsd:string``, rdflib's memory store does not), so callers compare values
with ``str()`` and never see which backend answered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pyparsing import ParseBaseException
from rdflib import Dataset, Literal
from rdflib.term import Identifier, Node

from brn_graph.errors import NotFoundError, QuerySyntaxError
from brn_graph.namespaces import XSD

#: One result row: variable name -> term, unbound variables left out.
Row = dict[str, Node]


@dataclass(frozen=True, kw_only=True)
class CannedQuery:
    """One ``.rq`` file: its text and its header fields (keys lower-cased)."""

    name: str
    path: Path
    text: str
    header: Mapping[str, str]

    @property
    def summary(self) -> str:
        return self.header.get("summary", "")


def parse_header(text: str) -> dict[str, str]:
    """The ``# Key: value`` lines at the top of a query (continuation lines are joined).

    >>> parse_header("# Rule: same-theme\\n# Summary: equal\\n#   themes\\nSELECT * {}")
    {'rule': 'same-theme', 'summary': 'equal themes'}
    """
    header: dict[str, str] = {}
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        after = stripped.lstrip("#")
        body = after.strip()
        key, sep, value = body.partition(":")
        indented = after.startswith("  ")
        if sep and key and not indented and " " not in key and key[0].isupper():
            last = key.lower()
            header[last] = value.strip()
        elif last is not None and body:
            header[last] = f"{header[last]} {body}".strip()
    return header


def read_query(queries_dir: Path, relative: str) -> CannedQuery:
    """The query ``queries_dir/relative`` (e.g. ``alignment/list_alignments.rq``)."""
    path = queries_dir / relative
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NotFoundError("query", relative) from exc
    return CannedQuery(name=path.stem, path=path, text=text, header=parse_header(text))


def read_queries(queries_dir: Path, folder: str) -> tuple[CannedQuery, ...]:
    """Every ``.rq`` file of ``queries_dir/folder``, sorted by file name."""
    directory = queries_dir / folder
    if not directory.is_dir():
        raise NotFoundError("query folder", str(directory))
    return tuple(
        read_query(queries_dir, f"{folder}/{p.name}") for p in sorted(directory.glob("*.rq"))
    )


def plain(term: Node) -> Node:
    """A simple literal typed ``xsd:string`` as an untyped literal; other terms unchanged.

    >>> plain(Literal("a", datatype=XSD.string)) == Literal("a")
    True
    """
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def select_rows(
    dataset: Dataset, query: CannedQuery, bindings: Mapping[str, Identifier] | None = None
) -> list[Row]:
    """Run a SELECT query on the Dataset's default (union) graph with ``bindings``."""
    try:
        result = dataset.query(query.text, initBindings=dict(bindings or {}))
    except (SyntaxError, ParseBaseException) as exc:  # Oxigraph / rdflib's parser
        raise QuerySyntaxError(f"{query.path.name}: {exc}") from exc
    variables = [str(v) for v in (result.vars or [])]
    rows: list[Row] = []
    for solution in result:
        row: Row = {}
        for name, value in zip(variables, solution, strict=False):  # type: ignore[arg-type]
            if value is not None:
                row[name] = plain(value)
        rows.append(row)
    return rows
