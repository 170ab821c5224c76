"""The catalogue of named analyst queries: ``queries/*.rq``, read, checked and prepared once.

Each file holds one query and starts with a header of comment lines::

    # summary.da: Klynger med deres fokusområder og kontorer i nordjyske kommuner.
    # summary.en: Clusters with their focus areas and their offices in North Jutland.
    # param cluster: iri = cluster:energy-cluster-denmark
    #   da: Klyngen, hvis profil vises.
    #   en: The cluster whose profile is shown.

``summary.da`` and ``summary.en`` are required; each ``param NAME: TYPE = EXAMPLE`` declares
a parameter, whose example value is also its default, with a description in Danish and
English. A parameter is a result column of the query (``SELECT ... ?cluster ...``): every
engine then binds it the same way (see :mod:`brn_graph.query.engine`). Values given by users are
parsed into RDF terms by their declared type, never pasted into the query text.

Rules for query authors, so that every backend gives the same rows (the tests compare them):

- use a parameter in the top-level group of ``WHERE`` (a triple pattern, a ``FILTER``, or
  the ``FILTER`` of a top-level ``OPTIONAL``), not only inside a sub-``SELECT`` or a nested
  group: a remote endpoint receives the values as a ``VALUES`` block opening ``WHERE``;
- wrap ``GROUP_CONCAT`` arguments in ``STR`` (Oxigraph keeps a shared language tag) and
  compare its parts as a set (their order is not defined);
- no ``MAX``/``MIN``/``SUM`` over a group in which some rows leave the variable unbound
  (Oxigraph then gives no value, rdflib ignores those rows): ``COALESCE`` to a sentinel;
- keep ``ORDER BY`` expressions total (``COALESCE(STR(?x), "")``): rdflib fails on errors.

Only files directly in the folder belong to the catalogue; subfolders (``queries/rules/``)
belong to other modules.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox

from brn_graph.config import LANGUAGES, Language
from brn_graph.errors import BrnGraphError, NotFoundError, ParameterError, QuerySyntaxError
from brn_graph.graph.terms import XSD, Term
from brn_graph.i18n.message import message as msg
from brn_graph.namespaces import PREFIXES
from brn_graph.query.check import CheckedQuery, check_bindings, check_query

#: Longest string parameter accepted (characters).
MAX_STRING_PARAMETER = 500

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_PREFIXED_NAME = re.compile(r"^([A-Za-z][\w\-.]*)?:([^\s<>\"{}|^`\\]*)$")


class ParameterType(StrEnum):
    """The value types a catalogue parameter may declare."""

    iri = "iri"
    string = "string"
    language = "language"
    integer = "integer"
    decimal = "decimal"
    boolean = "boolean"
    date = "date"
    year = "year"

    def parse(self, name: str, raw: str) -> Term:
        """The RDF term for a user's text; a :class:`ParameterError` says what to fix.

        >>> ParameterType.iri.parse("cluster", "cluster:made").value
        'https://w3id.org/brn-graph/id/cluster/made'
        >>> ParameterType.integer.parse("n", "12").n3()
        '"12"^^<http://www.w3.org/2001/XMLSchema#integer>'
        """
        text = raw.strip()
        if self is ParameterType.iri:
            return Term.iri(parse_iri(name, text))
        if self is ParameterType.string:
            if len(raw) > MAX_STRING_PARAMETER:
                raise ParameterError(name, f"longer than {MAX_STRING_PARAMETER} characters")
            return Term.literal(raw)
        if self is ParameterType.language:
            if not _LANGUAGE_TAG.match(text):
                raise ParameterError(name, f"expected a language tag such as da or en, got {raw!r}")
            return Term.literal(text.lower())
        if self is ParameterType.integer:
            try:
                return Term.literal(str(int(text)), datatype=XSD + "integer")
            except ValueError:
                raise ParameterError(name, f"expected a whole number, got {raw!r}") from None
        if self is ParameterType.decimal:
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise ParameterError(name, f"expected a number such as 0.5, got {raw!r}") from None
            if not number.is_finite():
                raise ParameterError(name, f"expected a finite number, got {raw!r}")
            return Term.literal(str(number), datatype=XSD + "decimal")
        if self is ParameterType.boolean:
            lowered = text.lower()
            if lowered in {"true", "yes", "1"}:
                return Term.literal("true", datatype=XSD + "boolean")
            if lowered in {"false", "no", "0"}:
                return Term.literal("false", datatype=XSD + "boolean")
            raise ParameterError(name, f"expected true or false, got {raw!r}")
        if self is ParameterType.date:
            try:
                return Term.literal(dt.date.fromisoformat(text).isoformat(), datatype=XSD + "date")
            except ValueError:
                raise ParameterError(name, f"expected a date YYYY-MM-DD, got {raw!r}") from None
        if not re.fullmatch(r"\d{4}", text):
            raise ParameterError(name, f"expected a year YYYY, got {raw!r}")
        return Term.literal(text, datatype=XSD + "gYear")


def parse_iri(name: str, text: str) -> str:
    """An IRI from ``<...>``, an absolute IRI or a prefixed name of :data:`PREFIXES`.

    >>> parse_iri("doc", "doc:brn-nordjyllandsstemme")
    'https://w3id.org/brn-graph/id/document/brn-nordjyllandsstemme'
    """
    if text.startswith("<") and text.endswith(">"):
        candidate = text[1:-1]
    elif "://" in text or text.startswith("urn:"):
        candidate = text
    else:
        match = _PREFIXED_NAME.match(text)
        if not match:
            raise ParameterError(
                name,
                f"expected an IRI (<https://...>) or a prefixed name (cluster:made), got {text!r}",
            )
        prefix = match.group(1) or ""
        if prefix not in PREFIXES:
            known = ", ".join(sorted(PREFIXES))
            raise ParameterError(name, f"unknown prefix {prefix!r}; known prefixes: {known}")
        candidate = PREFIXES[prefix] + match.group(2)
    try:
        return ox.NamedNode(candidate).value
    except ValueError as exc:
        raise ParameterError(name, f"not a valid IRI: {exc}") from exc


@dataclass(frozen=True, kw_only=True)
class Parameter:
    """One declared parameter of a catalogue query."""

    name: str
    type: ParameterType
    example: str
    default: Term
    description: Mapping[str, str]

    def parse(self, raw: str) -> Term:
        return self.type.parse(self.name, raw)

    def to_dict(self, lang: Language | None = None) -> dict[str, object]:
        return {
            "name": self.name,
            "type": str(self.type),
            "example": self.example,
            "description": self.description.get(lang) if lang else dict(self.description),
        }


@dataclass(frozen=True, kw_only=True)
class BoundQuery:
    """A catalogue query with a value for every parameter, ready for :meth:`QueryEngine.run`."""

    query: CatalogQuery
    bindings: Mapping[str, Term]

    @property
    def checked(self) -> CheckedQuery:
        return self.query.checked


@dataclass(frozen=True, kw_only=True)
class CatalogQuery:
    """One named query: its text, header, parameters and the checked (prepared) query."""

    name: str
    path: Path
    text: str
    summary: Mapping[str, str]
    parameters: tuple[Parameter, ...]
    checked: CheckedQuery

    @property
    def form(self) -> str:
        return self.checked.form

    @property
    def variables(self) -> tuple[str, ...]:
        return self.checked.variables

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = [p.name for p in self.parameters]
        if not known:
            raise ParameterError(name, msg("errors.query.no_parameters", query=self.name))
        raise ParameterError(
            name, msg("errors.query.no_such_parameter", query=self.name, parameters=known)
        )

    def bind(
        self, values: Mapping[str, str] | None = None, *, lang: Language | None = None
    ) -> BoundQuery:
        """Parse ``values`` (text by parameter name); defaults fill the rest.

        A ``language`` parameter that is not given takes ``lang`` (the user's language)
        before its declared default.
        """
        values = dict(values or {})
        bindings: dict[str, Term] = {}
        for name, raw in values.items():
            bindings[name] = self.parameter(name).parse(raw)
        for p in self.parameters:
            if p.name in bindings:
                continue
            if p.type is ParameterType.language and lang is not None:
                bindings[p.name] = Term.literal(lang)
            else:
                bindings[p.name] = p.default
        return BoundQuery(query=self, bindings=bindings)

    def to_dict(self, lang: Language | None = None) -> dict[str, object]:
        return {
            "name": self.name,
            "file": self.path.name,
            "form": self.form,
            "summary": self.summary.get(lang) if lang else dict(self.summary),
            "parameters": [p.to_dict(lang) for p in self.parameters],
            "columns": list(self.variables),
        }


@dataclass(frozen=True)
class QueryCatalog:
    """Every catalogue query by name, discovered and checked once."""

    folder: Path
    queries: Mapping[str, CatalogQuery] = field(default_factory=dict)

    def __iter__(self) -> Iterator[CatalogQuery]:
        return iter(self.queries.values())

    def __len__(self) -> int:
        return len(self.queries)

    def __contains__(self, name: object) -> bool:
        return name in self.queries

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.queries)

    def get(self, name: str) -> CatalogQuery:
        """The query called ``name``; the error suggests close names."""
        key = name.removesuffix(".rq")
        try:
            return self.queries[key]
        except KeyError:
            close = difflib.get_close_matches(key, self.names, n=3, cutoff=0.5)
            raise NotFoundError("query", name, close) from None

    def bind(
        self, name: str, values: Mapping[str, str] | None = None, *, lang: Language | None = None
    ) -> BoundQuery:
        return self.get(name).bind(values, lang=lang)


def load_catalog(folder: Path) -> QueryCatalog:
    """Read and check every ``*.rq`` file directly in ``folder``, sorted by name.

    A file whose header or query is broken is an error naming the file: the catalogue is
    all or nothing, so a typo fails at start-up (and in the tests), not for an analyst.
    """
    if not folder.is_dir():
        raise NotFoundError("queries folder", str(folder))
    queries: dict[str, CatalogQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        if path.is_file():
            query = read_query_file(path)
            queries[query.name] = query
    return QueryCatalog(folder=folder, queries=queries)


def read_query_file(path: Path) -> CatalogQuery:
    """Parse one ``.rq`` file: header, parameters, and the query through :func:`check_query`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuerySyntaxError(f"{path.name}: cannot read: {exc}") from exc
    try:
        summary, parameters = parse_header(text)
        checked = check_query(text)
        defaults = {p.name: p.default for p in parameters}
        check_bindings(checked, defaults)
    except BrnGraphError as exc:
        raise QuerySyntaxError(f"{path.name}: {exc}") from exc
    return CatalogQuery(
        name=path.stem,
        path=path,
        text=text,
        summary=summary,
        parameters=parameters,
        checked=checked,
    )


_SUMMARY = re.compile(r"^#\s*summary\.(da|en)\s*:\s*(.+?)\s*$")
_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_]\w*)\s*:\s*(\w+)\s*=\s*(.+?)\s*$")
_PARAM_TEXT = re.compile(r"^#\s{2,}(da|en)\s*:\s*(.+?)\s*$")
_CONTINUATION = re.compile(r"^#\s{4,}(\S.*?)\s*$")


@dataclass
class _ParamDraft:
    name: str
    type: ParameterType
    example: str
    description: dict[str, str] = field(default_factory=dict)


def parse_header(text: str) -> tuple[dict[str, str], tuple[Parameter, ...]]:
    """The summaries and parameters declared in the leading comment lines of a query.

    >>> summary, params = parse_header(
    ...     "# summary.da: Alle klynger.\\n# summary.en: All clusters.\\n"
    ...     "# param lang: language = da\\n#   da: Sprog.\\n#   en: Language.\\nSELECT ..."
    ... )
    >>> summary["en"], params[0].name, params[0].default.value
    ('All clusters.', 'lang', 'da')
    """
    summary: dict[str, str] = {}
    drafts: list[_ParamDraft] = []
    last: tuple[dict[str, str], str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if stripped == "#":
            last = None
            continue
        if match := _SUMMARY.match(stripped):
            summary[match.group(1)] = match.group(2)
            last = (summary, match.group(1))
        elif match := _PARAM.match(stripped):
            name, type_name, example = match.groups()
            if any(d.name == name for d in drafts):
                raise QuerySyntaxError(f"line {number}: parameter {name!r} declared twice")
            try:
                ptype = ParameterType(type_name)
            except ValueError:
                types = ", ".join(t.value for t in ParameterType)
                raise QuerySyntaxError(
                    f"line {number}: unknown parameter type {type_name!r} (use one of {types})"
                ) from None
            drafts.append(_ParamDraft(name=name, type=ptype, example=example))
            last = None
        elif (match := _PARAM_TEXT.match(line.rstrip())) and drafts:
            drafts[-1].description[match.group(1)] = match.group(2)
            last = (drafts[-1].description, match.group(1))
        elif (match := _CONTINUATION.match(line.rstrip())) and last is not None:
            target, key = last
            target[key] = f"{target[key]} {match.group(1)}"
        else:
            raise QuerySyntaxError(
                f"line {number}: not a header line (expected 'summary.da:', 'summary.en:', "
                f"'param NAME: TYPE = EXAMPLE' or an indented 'da:'/'en:' description): {line!r}"
            )
    missing = [lang for lang in LANGUAGES if lang not in summary]
    if missing:
        raise QuerySyntaxError(f"the header has no summary.{missing[0]} line")
    parameters: list[Parameter] = []
    for d in drafts:
        for lang in LANGUAGES:
            if lang not in d.description:
                raise QuerySyntaxError(f"parameter {d.name!r} has no '{lang}:' description")
        parameters.append(
            Parameter(
                name=d.name,
                type=d.type,
                example=d.example,
                default=d.type.parse(d.name, d.example),
                description=dict(d.description),
            )
        )
    return summary, tuple(parameters)
