"""Check a query before anything evaluates it, and check the values bound into it.

:func:`check_query` parses with rdflib's SPARQL parser and refuses what a read-only analyst
service must not run: updates (``INSERT``, ``LOAD``, ``DROP`` ...), ``SERVICE`` anywhere in
the algebra, and ``FROM``/``FROM NAMED`` naming anything but a named graph of the loaded
Dataset. :func:`check_bindings` admits values only as RDF terms bound to projected SELECT
variables; :func:`values_clause_query` writes such values into a ``VALUES`` block for a
remote endpoint, which has no binding mechanism in the protocol.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from brn_graph.errors import ParameterError, QueryRefusedError, QuerySyntaxError
from brn_graph.graph.terms import QueryForm, Term
from brn_graph.i18n.message import Message
from brn_graph.i18n.message import message as msg

#: Longest query text accepted (characters); longer texts are refused before parsing.
MAX_QUERY_CHARS = 100_000


@dataclass(frozen=True, kw_only=True)
class CheckedQuery:
    """A query that parsed and passed the safety checks; ready to run on any backend."""

    text: str
    form: QueryForm
    variables: tuple[str, ...]
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset_clause(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


_FORMS: dict[str, QueryForm] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

_UPDATE_NAMES = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}


def check_query(
    text: str,
    *,
    allowed_graphs: Collection[str] | None = None,
    base_iri: str | None = None,
) -> CheckedQuery:
    """Parse ``text`` and refuse anything a read-only service must not evaluate.

    ``allowed_graphs`` are the named graphs ``FROM``/``FROM NAMED`` may name (the local
    graphs of the Dataset); ``None`` refuses every dataset clause. ``base_iri`` resolves
    relative IRIs (the service's base IRI).

    The codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) are processed once, here, as the
    SPARQL grammar says (before parsing, everywhere in the text), and the returned
    :attr:`CheckedQuery.text` is the processed text: the check and every engine see exactly
    the same characters. (Oxigraph processes escapes only inside strings and IRIs, rdflib
    everywhere; given raw escapes they would read two different queries.)

    >>> check_query("SELECT ?s WHERE { ?s ?p ?o }").variables
    ('s',)
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    brn_graph.errors.QueryRefusedError: SERVICE <http://example.org/sparql> is not allowed: ...
    """
    from rdflib.plugins.sparql.algebra import traverse
    from rdflib.plugins.sparql.parserutils import CompValue

    if not text.strip():
        raise QuerySyntaxError(msg("errors.query.empty"))
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefusedError(
            msg("errors.query.too_long", length=f"{len(text):,}", limit=f"{MAX_QUERY_CHARS:,}")
        )
    text = expand_codepoint_escapes(text)
    with _RDFLIB_PARSER_LOCK:
        translated = _translate(text, base_iri)

    algebra = translated.algebra
    services: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            target = node.get("term")
            services.append(target.n3() if hasattr(target, "n3") else str(target))

    traverse(algebra, visitPre=visit)
    if services:
        raise QueryRefusedError(msg("errors.query.service", target=services[0]))
    _keyword_backstop(text)
    _operators_read_as_iri(text)

    default_graphs: list[str] = []
    named_graphs: list[str] = []
    allowed = set(allowed_graphs or ())
    for clause in algebra.get("datasetClause") or ():
        # (CompValue.get returns the key itself for a missing key: test membership)
        keyword = "FROM" if "default" in clause else "FROM NAMED"
        iri = clause["default"] if "default" in clause else clause["named"]
        if str(iri) not in allowed:
            raise QueryRefusedError(msg("errors.query.from", keyword=keyword, iri=f"<{iri}>"))
        (default_graphs if keyword == "FROM" else named_graphs).append(str(iri))

    form = _FORMS.get(algebra.name)
    if form is None:  # pragma: no cover - parseQuery only yields the four forms
        raise QuerySyntaxError(f"unsupported query form {algebra.name}")
    variables: tuple[str, ...] = ()
    if form == "SELECT":
        variables = tuple(str(v) for v in algebra.get("PV") or ())
    return CheckedQuery(
        text=text,
        form=form,
        variables=variables,
        default_graphs=tuple(default_graphs),
        named_graphs=tuple(named_graphs),
    )


def _fix_negative_decimals() -> None:
    """rdflib 7.6 cannot negate a decimal literal (``?s ?p -1.0`` fails with "Not a
    number"): its parse action negates ``Literal.value``, which for ``xsd:decimal`` is a
    :class:`~decimal.Decimal` that ``Literal.__neg__`` refuses. Replace that one action."""
    from rdflib import Literal
    from rdflib.plugins.sparql import parser

    def negative(tokens: Any) -> Literal:
        literal = tokens[0]
        return Literal(-literal.value, datatype=literal.datatype)

    parser.DECIMAL_NEGATIVE.set_parse_action(negative)


# rdflib's SPARQL grammar (pyparsing) is one object per process and is not thread-safe:
# parsing from two threads at once fails with spurious errors. Every parse goes through
# this lock (a parse takes milliseconds; evaluation, the slow part, runs in the workers).
_RDFLIB_PARSER_LOCK = threading.Lock()


_FIXED: list[bool] = []


def _translate(text: str, base_iri: str | None = None) -> Any:
    """rdflib's parse and algebra translation, with errors turned into library errors."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    if not _FIXED:
        _fix_negative_decimals()
        _FIXED.append(True)
    try:
        parsed = parseQuery(text)
    except RecursionError as exc:
        raise QuerySyntaxError(msg("errors.query.nested")) from exc
    except Exception as exc:  # pyparsing.ParseException and ValueError (bad \u escape)
        update = _update_operation(text)
        if update is not None:
            raise QueryRefusedError(msg("errors.query.update", operation=update)) from exc
        raise QuerySyntaxError(
            msg("errors.query.does_not_parse", reason=_parser_message(exc))
        ) from exc
    try:
        return translateQuery(parsed, base=base_iri)
    except RecursionError as exc:
        raise QuerySyntaxError(msg("errors.query.nested")) from exc
    except Exception as exc:  # unknown prefix, variable reused in BIND, ...
        raise QuerySyntaxError(msg("errors.query.not_valid", reason=str(exc))) from exc


def _update_operation(text: str) -> str | None:
    """The name of the first operation when ``text`` is a SPARQL update, else None."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except RecursionError:
        return "SPARQL Update"
    except Exception:
        return _update_keyword(text)
    for request in parsed.get("request") or ():
        name = getattr(request, "name", "")
        return _UPDATE_NAMES.get(name, "SPARQL Update")
    return "SPARQL Update"


_UPDATE_KEYWORD = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|INSERT|DELETE|WITH)\b",
    re.IGNORECASE,
)


def _update_keyword(text: str) -> str | None:
    """An update keyword at the start of a text that does not parse at all."""
    match = _UPDATE_KEYWORD.match(_strip_comments(text))
    return match.group(1).upper() if match else None


def _parser_message(exc: BaseException) -> str | Message:
    """The parser's own text (not ours to translate), with the position in our words."""
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    message = getattr(exc, "msg", None) or str(exc)
    if line is not None and col is not None:
        return msg("errors.query.position", message=message, line=line, column=col)
    return str(message)


# A lexer that knows just enough SPARQL to skip comments, strings and IRIs.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[A-Za-z][\w\-.]*)?:[\w\-.:%]*)
  | (?P<word>[A-Za-z_]\w*)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str) -> Iterator[re.Match[str]]:
    position = 0
    while position < len(text):
        match = _TOKEN.search(text, position)
        if match is None:
            return
        yield match
        position = match.end()


def _strip_comments(text: str) -> str:
    return "".join(
        text[m.start() : m.end()] if m.lastgroup != "comment" else " " for m in _tokens(text)
    )


def _operators_read_as_iri(text: str) -> None:
    """Refuse ``<`` ... ``>`` that the SPARQL grammar reads as one IRI while parsers read
    comparisons (``FILTER(?x<?a&&?b>?y)``, the W3C test ``syn-bad-26``): the grammar's
    longest-match rule makes ``<?a&&?b>`` an IRIREF, so the query is not valid SPARQL."""
    for match in _tokens(text):
        if match.lastgroup != "iri":
            continue
        inner = match.group()[1:-1]
        if inner[:1] in ("?", "$") or "&&" in inner or "||" in inner:
            raise QuerySyntaxError(
                f"{match.group()} is an IRI by the SPARQL grammar, not a comparison; "
                "put spaces around < and > when comparing"
            )


_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def expand_codepoint_escapes(text: str) -> str:
    """``text`` with its codepoint escapes processed, as SPARQL 1.1 section 19.2 says.

    An escape that writes another escape (``\\u005Cu0041``) is refused: a second engine
    processing the result again would read a different query.
    """

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QuerySyntaxError(
                msg("errors.query.bad_escape", escape=repr(match.group()), at=match.start() + 1)
            )
        return chr(code)

    if "\\" not in text:
        return text
    expanded = _CODEPOINT_ESCAPE.sub(character, text)
    again = _CODEPOINT_ESCAPE.search(expanded)
    if again is not None:
        raise QuerySyntaxError(msg("errors.query.escape_twice", escape=repr(again.group())))
    return expanded


# The lexical backstop: SERVICE or LOAD followed by what can only be their target, wherever
# it appears (strings and comments included: two parsers may disagree on where those end).
_SKIP = r"(?:\s|\#[^\n\r]*)*"
_FEDERATION = re.compile(
    rf"(?<![\w?$:/#.\-])(SERVICE|LOAD){_SKIP}(?:SILENT\b{_SKIP})?(?:<|[?$]|[A-Za-z_][\w.\-]*:|:)",
    re.IGNORECASE,
)


def _keyword_backstop(text: str) -> None:
    """A second, lexical guard against SERVICE and LOAD (in case two parsers ever disagree).

    Two scans of the processed text: the keyword as a token outside strings, comments and
    IRIs; and the keyword followed by a target (an IRI, a variable, a prefixed name)
    anywhere at all, since a string or comment one parser sees may not be one for another.
    """
    for match in _tokens(text):
        if match.lastgroup != "word":
            continue
        word = match.group()
        if word.upper() in {"SERVICE", "LOAD"}:
            raise QueryRefusedError(msg("errors.query.keyword", keyword=word.upper()))
    found = _FEDERATION.search(text)
    if found is not None:
        raise QueryRefusedError(msg("errors.query.keyword_text", keyword=found.group(1).upper()))


def values_clause_query(text: str, bindings: Mapping[str, Term]) -> str:
    """``text`` with ``bindings`` as a one-row ``VALUES`` block opening its ``WHERE`` group,
    and opening the ``WHERE`` group of every sub-``SELECT`` that uses one of them (with those
    it uses).

    This is how a remote endpoint (which has no binding mechanism in the SPARQL protocol)
    receives parameter values: bound everywhere the name occurs, as embedded Oxigraph binds
    them (its substitutions reach into sub-``SELECT``s; not yet into an ``EXISTS`` written in a
    sub-``SELECT``'s select clause, which no catalogue query has). Each term is written by
    Oxigraph's serialiser, which refuses an invalid IRI, so a value can never become query
    syntax.

    >>> values_clause_query("SELECT ?c WHERE { ?c a ?k }", {"c": Term.iri("http://x.org/c")})
    'SELECT ?c WHERE { VALUES (?c) { (<http://x.org/c>) } ?c a ?k }'
    >>> values_clause_query(
    ...     "SELECT ?c ?t WHERE { { SELECT ?c ?t { ?c ?p ?t FILTER(?t = ?x) } } ?c a ?k }",
    ...     {"t": Term.literal("a"), "k": Term.iri("http://x.org/k")},
    ... )  # doctest: +NORMALIZE_WHITESPACE
    'SELECT ?c ?t WHERE { VALUES (?t ?k) { ("a" <http://x.org/k>) }
     { SELECT ?c ?t { VALUES (?t) { ("a") } ?c ?p ?t FILTER(?t = ?x) } } ?c a ?k }'
    """
    if not bindings:
        return text
    names = {name: f"?{_check_variable(name)}" for name in bindings}
    try:
        values = {name: term.n3() for name, term in bindings.items()}
    except ValueError as exc:
        raise ParameterError("value", msg("errors.query.term", reason=str(exc))) from exc

    def block(used: Iterable[str]) -> str:
        chosen = [name for name in bindings if name in set(used)]
        heads = " ".join(names[name] for name in chosen)
        row = " ".join(values[name] for name in chosen)
        return f" VALUES ({heads}) {{ ({row}) }}"

    tokens = list(_tokens(text))
    inserts: list[tuple[int, str]] = []
    depth = 0
    top_where = False
    top_done = False
    selects: list[int] = []  # depths of sub-SELECTs whose WHERE group has not opened yet
    previous_word = ""
    for index, match in enumerate(tokens):
        group = match.lastgroup
        if group == "word":
            word = match.group().upper()
            if depth == 0 and word == "WHERE":
                top_where = True
            elif depth > 0 and word == "SELECT":
                selects.append(depth)
            previous_word = word
        elif group == "open":
            if depth == 0 and top_where and not top_done:
                inserts.append((match.end(), block(bindings)))
                top_done = True
            elif selects and selects[-1] == depth and previous_word != "EXISTS":
                selects.pop()
                used = {
                    t.group()[1:]
                    for t in _group_tokens(tokens, index)
                    if t.lastgroup == "var" and t.group()[1:] in bindings
                }
                if used:
                    inserts.append((match.end(), block(used)))
            depth += 1
            previous_word = ""
        elif group == "close":
            depth -= 1
    if not top_done:
        raise ParameterError(
            next(iter(bindings)),
            "parameters need a query with an explicit WHERE clause to run on a remote endpoint",
        )
    for position, added in sorted(inserts, reverse=True):
        text = text[:position] + added + text[position:]
    return text


def _group_tokens(tokens: list[re.Match[str]], opening: int) -> Iterator[re.Match[str]]:
    """The tokens inside the group that ``tokens[opening]`` (an ``{``) opens."""
    depth = 0
    for match in tokens[opening:]:
        if match.lastgroup == "open":
            depth += 1
        elif match.lastgroup == "close":
            depth -= 1
            if depth == 0:
                return
        yield match


_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _check_variable(name: str) -> str:
    if not _VARIABLE_NAME.match(name):
        raise ParameterError(name, msg("errors.query.variable_name"))
    return name


def check_bindings(query: CheckedQuery, bindings: Mapping[str, Term]) -> None:
    """Refuse bindings the engines cannot apply alike: only projected SELECT variables."""
    for name in bindings:
        _check_variable(name)
        if query.form != "SELECT":
            raise ParameterError(name, msg("errors.query.select_only", form=query.form))
        if name not in query.variables:
            raise ParameterError(
                name, msg("errors.query.not_a_column", name=name, columns=query.variables)
            )
        try:
            bindings[name].to_oxigraph()
        except ValueError as exc:
            raise ParameterError(name, msg("errors.query.term", reason=str(exc))) from exc
