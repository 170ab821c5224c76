"""RDF terms and query results, and the one bridge between rdflib's and Oxigraph's terms.

:class:`Term` (one IRI, blank node or literal), :class:`Triple` and :class:`QueryResult`
cross process boundaries (from the query workers to :mod:`brn_graph.query.engine`) and are what
callers, formatters, the analytics and the API read. :func:`to_rdflib` and
:func:`to_oxigraph` convert single terms between the two libraries where no :class:`Term` is
wanted (loading files, copying a Dataset into Oxigraph); every conversion in the package goes
through this module. Simple literals are plain everywhere: an ``xsd:string`` datatype (which
Oxigraph reports and rdflib does not) is dropped. This module only holds values; nothing here
runs a query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from brn_graph.namespaces import RDF, XSD

_XSD = str(XSD)
XSD_STRING = str(XSD.string)
RDF_LANGSTRING = str(RDF.langString)

OxigraphTerm = ox.NamedNode | ox.BlankNode | ox.Literal

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]


@dataclass(frozen=True, slots=True)
class Term:
    """One RDF term of a result or a binding, engine-independent and picklable.

    Simple literals are plain: an ``xsd:string`` datatype (which Oxigraph reports and rdflib
    does not) is dropped, so terms from every backend compare equal. Language tags are
    lower-case.

    >>> Term.literal("500", datatype=XSD.integer).python()
    500
    >>> Term.literal("Aalborg", lang="DA").n3()
    '"Aalborg"@da'
    >>> Term.iri("https://w3id.org/brn-graph/id/cluster/made").n3()
    '<https://w3id.org/brn-graph/id/cluster/made>'
    """

    kind: Literal["iri", "bnode", "literal"]
    value: str
    datatype: str | None = None
    lang: str | None = None

    @classmethod
    def iri(cls, value: str) -> Term:
        return cls("iri", value)

    @classmethod
    def literal(cls, value: str, *, datatype: str | None = None, lang: str | None = None) -> Term:
        if lang:
            return cls("literal", value, None, lang.lower())
        if datatype is None or datatype == XSD_STRING:
            return cls("literal", value)
        return cls("literal", value, str(datatype))

    @classmethod
    def from_rdflib(cls, node: Node) -> Term:
        if isinstance(node, URIRef):
            return cls("iri", str(node))
        if isinstance(node, BNode):
            return cls("bnode", str(node))
        if isinstance(node, RdfLiteral):
            return cls.literal(
                str(node),
                datatype=str(node.datatype) if node.datatype else None,
                lang=node.language,
            )
        raise TypeError(f"unsupported term {node!r}")

    @classmethod
    def from_oxigraph(cls, term: object) -> Term:
        if isinstance(term, ox.NamedNode):
            return cls("iri", term.value)
        if isinstance(term, ox.BlankNode):
            return cls("bnode", term.value)
        if isinstance(term, ox.Literal):
            return cls.literal(term.value, datatype=term.datatype.value, lang=term.language)
        raise TypeError(f"unsupported term {term!r}")

    @classmethod
    def from_sparql_json(cls, cell: Mapping[str, str]) -> Term:
        """A term from one cell of ``application/sparql-results+json``."""
        kind = cell.get("type")
        if kind == "uri":
            return cls("iri", cell["value"])
        if kind == "bnode":
            return cls("bnode", cell["value"])
        if kind in {"literal", "typed-literal"}:
            return cls.literal(
                cell["value"], datatype=cell.get("datatype"), lang=cell.get("xml:lang")
            )
        raise ValueError(f"unsupported SPARQL JSON term {cell!r}")

    def to_rdflib(self) -> Node:
        if self.kind == "iri":
            return URIRef(self.value)
        if self.kind == "bnode":
            return BNode(self.value)
        if self.lang:
            return RdfLiteral(self.value, lang=self.lang)
        if self.datatype:
            return RdfLiteral(self.value, datatype=URIRef(self.datatype))
        return RdfLiteral(self.value)

    def to_oxigraph(self) -> OxigraphTerm:
        """The Oxigraph term; raises ``ValueError`` for an invalid IRI or language tag."""
        if self.kind == "iri":
            return ox.NamedNode(self.value)
        if self.kind == "bnode":
            return ox.BlankNode(self.value)
        if self.lang:
            return ox.Literal(self.value, language=self.lang)
        if self.datatype:
            return ox.Literal(self.value, datatype=ox.NamedNode(self.datatype))
        return ox.Literal(self.value)

    def n3(self) -> str:
        """The term in N-Triples/SPARQL syntax, escaped by Oxigraph's serialiser."""
        return str(self.to_oxigraph())

    @property
    def effective_datatype(self) -> str:
        if self.lang:
            return RDF_LANGSTRING
        return self.datatype or XSD_STRING

    def python(self) -> str | int | float | bool:
        """A JSON-friendly value: numbers and booleans as such, everything else as text."""
        if self.kind != "literal" or not self.datatype:
            return self.value
        local = self.datatype[len(_XSD) :] if self.datatype.startswith(_XSD) else ""
        try:
            if local in _INTEGER_TYPES:
                return int(self.value)
            if local in {"decimal", "double", "float"}:
                return float(self.value)
            if local == "boolean":
                return self.value.strip() in {"true", "1"}
        except ValueError:
            return self.value
        return self.value

    def __str__(self) -> str:
        return self.value


_INTEGER_TYPES = frozenset(
    {
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    }
)


def to_rdflib(term: object) -> Node:
    """An Oxigraph term as an rdflib term; simple literals stay plain (no ``xsd:string``).

    >>> to_rdflib(ox.Literal("a", datatype=ox.NamedNode(XSD_STRING))) == RdfLiteral("a")
    True
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return RdfLiteral(term.value)
        return RdfLiteral(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> OxigraphTerm:
    """An rdflib term as an Oxigraph term.

    >>> to_oxigraph(RdfLiteral("Aalborg", lang="da"))
    <Literal value=Aalborg language=da>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


@dataclass(frozen=True, slots=True)
class Triple:
    """One triple of a CONSTRUCT or DESCRIBE result."""

    subject: Term
    predicate: Term
    object: Term


@dataclass(frozen=True, kw_only=True)
class QueryResult:
    """The complete, bounded result of one query.

    ``rows`` holds one tuple per solution, aligned with ``variables`` (``None`` where a
    variable is unbound); ``triples`` the graph of a CONSTRUCT/DESCRIBE query; ``boolean``
    the answer of an ASK query. ``truncated`` says the engine had more than ``cap``
    rows/triples and only the first ``cap`` are here.
    """

    form: QueryForm
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()
    truncated: bool = False
    cap: int
    store: str = ""
    engine_ms: float = 0.0
    elapsed_ms: float = 0.0

    def records(self) -> list[Record]:
        """The rows as mappings from variable to term (unbound variables left out)."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def column(self, variable: str) -> list[Term | None]:
        index = self.variables.index(variable)
        return [row[index] for row in self.rows]

    def __len__(self) -> int:
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            return len(self.triples)
        return len(self.rows)


#: One result row as a mapping: variable name -> term, unbound variables left out.
Record = dict[str, Term]
