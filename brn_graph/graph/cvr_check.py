"""Shape S08 (the CVR check digit) evaluated in Python instead of by pySHACL's SPARQL engine.

pySHACL runs S08's SPARQL constraint once per company, about 0.2 s each: a member list of
2,000 companies took 8 minutes to validate. This module applies the same rule (the modulus-11
check of python-stdnum, weights 2,7,6,5,4,3,2,1, to values of exactly 8 digits) to every
``brn:cvrNumber`` of the data and reports it as S08 would, with S08's own messages, so the
report is unchanged. It runs only when the shapes graph holds S08.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal
from rdflib.term import Node
from stdnum.dk import cvr

from brn_graph.namespaces import BRN, SH, SHAPES

S08 = SHAPES["S08-CvrCheckDigit"]
S08_CONSTRAINT = SHAPES["S08-CvrCheckDigit-modulus11"]
_EIGHT_DIGITS = re.compile(r"^[0-9]{8}$")


def split_s08(shapes: Graph) -> tuple[Graph, bool]:
    """The shapes without S08, and whether S08 was there."""
    if (S08, SH.sparql, S08_CONSTRAINT) not in shapes:
        return shapes, False
    rest = Graph()
    for triple in shapes:
        if triple[0] not in (S08, S08_CONSTRAINT):
            rest.add(triple)
    return rest, True


def s08_messages(shapes: Graph) -> dict[str, str]:
    return {
        m.language or "": str(m)
        for m in shapes.objects(S08_CONSTRAINT, SH.message)
        if isinstance(m, Literal)
    }


def wrong_check_digits(data: Graph) -> list[tuple[Node, str]]:
    """(subject, value) of every 8-digit ``brn:cvrNumber`` whose check digit is wrong."""
    found = []
    for subject, value in data.subject_objects(BRN.cvrNumber):
        text = str(value)
        if _EIGHT_DIGITS.match(text) and cvr.checksum(text) != 0:
            found.append((subject, text))
    return sorted(found, key=lambda sv: (str(sv[0]), sv[1]))
