"""The query library: every ``.rq`` file under ``queries/``, read, parsed and checked once.

One file format for every folder (documented in ``queries/README.md``). Each file holds one
query and starts with a header of comment lines::

    # summary.da: Klynger med deres fokusområder og kontorer i nordjyske kommuner.
    # summary.en: Clusters with their focus areas and their offices in North Jutland.
    # param cluster: iri = cluster:energy-cluster-denmark
    #   da: Klyngen, hvis profil vises.
    #   en: The cluster whose profile is shown.
    #
    # Free notes for maintainers follow a lone "#" line.

``summary.da`` and ``summary.en`` are required; each ``param NAME: TYPE = EXAMPLE`` declares
a parameter, whose example value is also its default, with a description in Danish and
English. A parameter is a result column of the query (``SELECT ... ?cluster ...``): every
engine then binds it the same way (see :mod:`brn_graph.query.engine`). Values given by users are
parsed into RDF terms by their declared type, never pasted into the query text. Inference
rules (``queries/rules/``) also declare ``rule: ID`` and ``level: high|medium|low``; quality
checks (``queries/quality/``) declare ``input: ontology shapes data`` and ``fixture: FILE``.
Any query may declare ``limit: N``: the engine returns at most N rows of it (a caller's row
cap may lower that, never raise it), and marks a longer result truncated.
:func:`parse_header` is the only reader of these headers.

Rules for query authors, so that every backend gives the same rows (the tests compare them):

- use a parameter in the top-level group of ``WHERE`` (a triple pattern, a ``FILTER``, or
  the ``FILTER`` of a top-level ``OPTIONAL``) or in the ``WHERE`` group of a sub-``SELECT``,
  not only in a nested group: a remote endpoint receives the values as a ``VALUES`` block
  opening ``WHERE`` and opening each sub-``SELECT``'s ``WHERE`` that uses them
  (:func:`~brn_graph.query.check.values_clause_query`);
- wrap ``GROUP_CONCAT`` arguments in ``STR`` (Oxigraph keeps a shared language tag); the
  engine sorts the parts of every ``GROUP_CONCAT`` column of a library query
  (:mod:`brn_graph.query.lists`), as SPARQL leaves their order to the engine;
- no ``MAX``/``MIN``/``SUM`` over a group in which some rows leave the variable unbound
  (Oxigraph then gives no value, rdflib ignores those rows): ``COALESCE`` to a sentinel;
- keep ``ORDER BY`` expressions total (``COALESCE(STR(?x), "")``): rdflib fails on errors.

The files directly in the folder are the analysts' catalogue (``brn-graph queries``, the
``/api/queries`` routes); the files of its subfolders (``alignment/``, ``context/``,
``rules/``, ``quality/``) are the library's own questions, run by the analytics in this process and
reached with :meth:`QueryCatalog.query` (``"alignment/list_sites"``). Nothing reads a
``.rq`` file after :func:`load_catalog`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from brn_graph.config import LANGUAGES, Language
from brn_graph.errors import BrnGraphError, NotFoundError, ParameterError, QuerySyntaxError
from brn_graph.graph.terms import Term
from brn_graph.i18n.message import message as msg
from brn_graph.namespaces import PREFIXES, XSD
from brn_graph.query.check import check_bindings, check_query
from brn_graph.query.check_cache import CheckCache
from brn_graph.query.lists import ListedQuery, aggregated_lists

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
                return Term.literal(str(int(text)), datatype=str(XSD.integer))
            except ValueError:
                raise ParameterError(name, f"expected a whole number, got {raw!r}") from None
        if self is ParameterType.decimal:
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise ParameterError(name, f"expected a number such as 0.5, got {raw!r}") from None
            if not number.is_finite():
                raise ParameterError(name, f"expected a finite number, got {raw!r}")
            return Term.literal(str(number), datatype=str(XSD.decimal))
        if self is ParameterType.boolean:
            lowered = text.lower()
            if lowered in {"true", "yes", "1"}:
                return Term.literal("true", datatype=str(XSD.boolean))
            if lowered in {"false", "no", "0"}:
                return Term.literal("false", datatype=str(XSD.boolean))
            raise ParameterError(name, f"expected true or false, got {raw!r}")
        if self is ParameterType.date:
            try:
                return Term.literal(dt.date.fromisoformat(text).isoformat(), datatype=str(XSD.date))
            except ValueError:
                raise ParameterError(name, f"expected a date YYYY-MM-DD, got {raw!r}") from None
        if not re.fullmatch(r"\d{4}", text):
            raise ParameterError(name, f"expected a year YYYY, got {raw!r}")
        return Term.literal(text, datatype=str(XSD.gYear))


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
    """A library query with a value for every parameter, ready for :meth:`QueryEngine.run`."""

    query: CatalogQuery
    bindings: Mapping[str, Term]

    @property
    def checked(self) -> ListedQuery:
        return self.query.checked


#: The levels a rule may declare (``level:``), strongest first.
RULE_LEVELS: tuple[str, ...] = ("high", "medium", "low")
#: The inputs a quality check may declare (``input:``).
QUALITY_INPUTS: tuple[str, ...] = ("ontology", "shapes", "data")
#: Header keys that belong to one subfolder, and must appear in every file there.
FOLDER_KEYS: Mapping[str, tuple[str, ...]] = {
    "rules": ("rule", "level"),
    "quality": ("input", "fixture"),
}


@dataclass(frozen=True, kw_only=True)
class QueryHeader:
    """What the header of one ``.rq`` file declares (the one header model of every folder)."""

    summary: Mapping[str, str]
    parameters: tuple[Parameter, ...] = ()
    #: ``rules/``: the rule's identifier and the alignment level it gives.
    rule: str | None = None
    level: str | None = None
    #: ``quality/``: the files the check reads, and its fixture with a planted defect.
    inputs: tuple[str, ...] = ()
    fixture: str | None = None
    #: Any folder: the most rows the query returns by default (``limit: N``); the engine cuts
    #: a longer result there and marks it truncated.
    limit: int | None = None

    @property
    def keys(self) -> frozenset[str]:
        """The folder-specific keys this header declares."""
        present = {
            "rule": self.rule is not None,
            "level": self.level is not None,
            "input": bool(self.inputs),
            "fixture": self.fixture is not None,
        }
        return frozenset(k for k, there in present.items() if there)

    def check_folder(self, folder: str) -> None:
        """A :class:`QuerySyntaxError` when a key is missing in ``folder`` or foreign to it."""
        required = FOLDER_KEYS.get(folder, ())
        for key in required:
            if key not in self.keys:
                raise QuerySyntaxError(f"the header has no '{key}:' line (required in {folder}/)")
        for key in sorted(self.keys - set(required)):
            owner = next(f for f, keys in FOLDER_KEYS.items() if key in keys)
            raise QuerySyntaxError(f"'{key}:' belongs in queries/{owner}/ only")


@dataclass(frozen=True, kw_only=True)
class CatalogQuery:
    """One query file: its name, text and header; checked (prepared) on first use.

    ``name`` is the path below the queries folder without ``.rq``: ``list_clusters`` for a
    catalogue query, ``alignment/list_sites`` or ``rules/infer_same_theme`` for the others.
    """

    name: str
    path: Path
    text: str
    header: QueryHeader

    @property
    def folder(self) -> str:
        """The subfolder (``rules``), or ``""`` for the analysts' catalogue."""
        return self.name.rpartition("/")[0]

    @property
    def summary(self) -> Mapping[str, str]:
        return self.header.summary

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return self.header.parameters

    @cached_property
    def checked(self) -> ListedQuery:
        """The query through :func:`check_query` (once), with its aggregated list columns.

        An error names the file: the parameters must be result columns, and the query must
        pass the checks every user query passes.
        """
        try:
            checked = check_query(self.text)
            defaults = {p.name: p.default for p in self.parameters}
            check_bindings(checked, defaults)
            lists = aggregated_lists(self.text)
        except BrnGraphError as exc:
            raise QuerySyntaxError(f"{self.name}.rq: {exc}") from exc
        return ListedQuery.of(checked, lists, row_limit=self.header.limit)

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
        return self.bind_terms(bindings, lang=lang)

    def bind_terms(
        self, terms: Mapping[str, Term] | None = None, *, lang: Language | None = None
    ) -> BoundQuery:
        """Bind RDF terms the program holds (the engine checks them); defaults fill the rest."""
        bindings: dict[str, Term] = {}
        for name, term in (terms or {}).items():
            bindings[self.parameter(name).name] = term
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
            "limit": self.header.limit,
        }


@dataclass(frozen=True)
class QueryCatalog:
    """Every query file of the queries folder, read once.

    Iterating, :attr:`names`, ``in`` and :meth:`get` cover the analysts' catalogue (the files
    directly in the folder); :meth:`query` and :meth:`in_folder` reach every file.
    """

    folder: Path
    queries: Mapping[str, CatalogQuery] = field(default_factory=dict)
    #: The files of the subfolders, by name (``alignment/list_sites``).
    internal: Mapping[str, CatalogQuery] = field(default_factory=dict)

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
        """The catalogue query called ``name``; the error suggests close names."""
        key = name.removesuffix(".rq")
        try:
            return self.queries[key]
        except KeyError:
            close = difflib.get_close_matches(key, self.names, n=3, cutoff=0.5)
            raise NotFoundError("query", name, close) from None

    def query(self, name: str) -> CatalogQuery:
        """Any query by its path below the folder (``alignment/list_sites``, ``.rq`` optional)."""
        key = name.removesuffix(".rq")
        found = self.internal.get(key) or self.queries.get(key)
        if found is None:
            known = (*self.queries, *self.internal)
            raise NotFoundError("query", name, difflib.get_close_matches(key, known, n=3))
        return found

    def in_folder(self, folder: str) -> tuple[CatalogQuery, ...]:
        """The queries of one subfolder (``rules``), sorted by file name."""
        prefix = folder.strip("/") + "/"
        return tuple(q for name, q in self.internal.items() if name.startswith(prefix))

    def all(self) -> tuple[CatalogQuery, ...]:
        """Every query of every folder: the catalogue first, then the subfolders."""
        return (*self.queries.values(), *self.internal.values())

    def check(self, cache: CheckCache | None = None) -> QueryCatalog:
        """Check every query now (all or nothing) rather than on first use; returns ``self``.

        With ``cache``, a query whose text (and checking code) is unchanged since it last
        passed takes its check from there instead of being parsed again.
        """
        for query in self.all():
            if cache is None or "checked" in query.__dict__:
                _ = query.checked
                continue
            key = cache.key(query.name, query.text)
            found = cache.get(key, query.text)
            if found is not None:
                # The limit comes from the header (part of the cached text), not the entry.
                found = replace(found, row_limit=query.header.limit)
                query.__dict__["checked"] = found  # what ``cached_property`` would store
            else:
                cache.put(key, query.checked)
        return self

    def bind(
        self, name: str, values: Mapping[str, str] | None = None, *, lang: Language | None = None
    ) -> BoundQuery:
        return self.get(name).bind(values, lang=lang)


def load_catalog(
    folder: Path, *, check: bool = True, cache_dir: Path | None = None
) -> QueryCatalog:
    """Read every ``*.rq`` file in ``folder`` and its subfolders, sorted by name.

    Every header is parsed here, and every file is read here and nowhere else. With
    ``check`` (the default) every query is also checked now, so the catalogue is all or
    nothing and a typo fails at start-up (and in the tests), not for an analyst; without it,
    a query is checked on first use (a short command-line run checks only what it runs).
    ``cache_dir`` keeps passed checks there (:mod:`brn_graph.query.check_cache`).
    """
    if not folder.is_dir():
        raise NotFoundError("queries folder", str(folder))
    queries: dict[str, CatalogQuery] = {}
    internal: dict[str, CatalogQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        if path.is_file():
            query = read_query_file(path, folder=folder)
            queries[query.name] = query
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for path in sorted(sub.glob("*.rq")):
            if path.is_file():
                query = read_query_file(path, folder=folder)
                internal[query.name] = query
    catalog = QueryCatalog(folder=folder, queries=queries, internal=internal)
    if not check:
        return catalog
    return catalog.check(CheckCache(cache_dir) if cache_dir is not None else None)


def read_query_file(path: Path, *, folder: Path | None = None) -> CatalogQuery:
    """Read one ``.rq`` file and parse its header (:func:`parse_header`).

    ``folder`` is the queries folder the file belongs to (default: the file's own folder);
    the file's name, and the header keys it needs, follow from its subfolder.
    """
    root = folder if folder is not None else path.parent
    relative = path.relative_to(root).with_suffix("").as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuerySyntaxError(f"{relative}.rq: cannot read: {exc}") from exc
    try:
        header = parse_header(text)
        header.check_folder(relative.rpartition("/")[0])
    except BrnGraphError as exc:
        raise QuerySyntaxError(f"{relative}.rq: {exc}") from exc
    return CatalogQuery(name=relative, path=path, text=text, header=header)


_SUMMARY = re.compile(r"^#\s*summary\.(da|en)\s*:\s*(.+?)\s*$")
_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_]\w*)\s*:\s*(\w+)\s*=\s*(.+?)\s*$")
_PARAM_TEXT = re.compile(r"^#\s{2,}(da|en)\s*:\s*(.+?)\s*$")
_CONTINUATION = re.compile(r"^#\s{4,}(\S.*?)\s*$")
_FIELD = re.compile(r"^#\s*(rule|level|input|fixture|limit)\s*:\s*(.+?)\s*$")
_KEY_LIKE = re.compile(r"^#\s*(summary\.\w+|param|rule|level|input|fixture|limit)\b")
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class _ParamDraft:
    name: str
    type: ParameterType
    example: str
    description: dict[str, str] = field(default_factory=dict)


def parse_header(text: str) -> QueryHeader:
    """The header declared in the leading comment lines of a query file.

    The header ends at the first line that is not a comment, or at a lone ``#``: comment
    lines after that are free notes (but a header key there is an error, not a note).

    >>> header = parse_header(
    ...     "# summary.da: Alle klynger.\\n# summary.en: All clusters.\\n"
    ...     "# param lang: language = da\\n#   da: Sprog.\\n#   en: Language.\\nSELECT ..."
    ... )
    >>> header.summary["en"], header.parameters[0].name, header.parameters[0].default.value
    ('All clusters.', 'lang', 'da')
    """
    summary: dict[str, str] = {}
    fields: dict[str, str] = {}
    drafts: list[_ParamDraft] = []
    last: tuple[dict[str, str], str] | None = None
    in_notes = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if in_notes:
            if _KEY_LIKE.match(stripped) and ":" in stripped:
                raise QuerySyntaxError(
                    f"line {number}: a header line after the lone '#' that ends the header: "
                    f"{line!r}"
                )
            continue
        if stripped == "#":
            in_notes = True
            continue
        if match := _SUMMARY.match(stripped):
            summary[match.group(1)] = match.group(2)
            last = (summary, match.group(1))
        elif match := _FIELD.match(stripped):
            key = match.group(1)
            if key in fields:
                raise QuerySyntaxError(f"line {number}: '{key}:' given twice")
            fields[key] = match.group(2)
            last = None
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
                "'param NAME: TYPE = EXAMPLE' with indented 'da:'/'en:' descriptions, "
                f"'rule:', 'level:', 'input:', 'fixture:', or a lone '#' before notes): {line!r}"
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
    return QueryHeader(
        summary=summary,
        parameters=tuple(parameters),
        rule=_rule_id(fields.get("rule")),
        level=_choice("level", fields.get("level"), RULE_LEVELS),
        inputs=_inputs(fields.get("input")),
        fixture=fields.get("fixture"),
        limit=_limit(fields.get("limit")),
    )


def _rule_id(value: str | None) -> str | None:
    if value is not None and not _RULE_ID.match(value):
        raise QuerySyntaxError(f"rule: expected lower-case letters, digits and '-', got {value!r}")
    return value


def _limit(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or int(value) < 1:
        raise QuerySyntaxError(f"limit: expected a whole number of rows, 1 or more, got {value!r}")
    return int(value)


def _choice(key: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    lowered = value.lower()
    if lowered not in allowed:
        raise QuerySyntaxError(f"{key}: expected one of {', '.join(allowed)}, got {value!r}")
    return lowered


def _inputs(value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    names = tuple(value.split())
    unknown = [n for n in names if n not in QUALITY_INPUTS]
    if unknown or not names:
        raise QuerySyntaxError(
            f"input: expected some of {', '.join(QUALITY_INPUTS)}, got {value!r}"
        )
    return names
