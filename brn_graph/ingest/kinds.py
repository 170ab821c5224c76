"""What ``brn-graph template`` can write, and the mapping each template uses (a light module:
the command line lists the kinds in its help before anything loads)."""

from __future__ import annotations

KINDS = {
    "members": "brn-template",
    "assessments": "brn-template-assessments",
    "document": "brn-template-document",
    "meetings": "brn-template-meetings",
}
