"""Messages of one import's record (``imports show``), its errors, and the kinds of import."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    # the kinds of import, as the report's title and the record name them
    "imports.kind.members": {"da": "medlemmer", "en": "members"},
    "imports.kind.assessments": {"da": "vurderinger", "en": "assessments"},
    "imports.kind.document": {"da": "dokument", "en": "document"},
    "imports.kind.meetings": {"da": "møder", "en": "meetings"},
    # the authoring workbook's lists
    "template.code": {"da": "kode", "en": "code"},
    "template.open_choice.municipality": {
        "da": "Kommunen står ikke på listen. En firecifret kommunekode (fx 0851) er også "
        "gyldig; ellers vælg et navn fra listen.",
        "en": "The municipality is not in the list. A four-digit municipality code (e.g. "
        "0851) is valid too; otherwise choose a name from the list.",
    },
    # errors
    "imports.error.already_reverted": {
        "da": "import {id} er allerede trukket tilbage (af {by}, {at}); den kan ikke trækkes "
        "tilbage igen. Tip: se brn-graph imports list",
        "en": "import {id} is reverted already (by {by}, {at}); it cannot be reverted again. "
        "Hint: see brn-graph imports list",
    },
    "imports.error.busy": {
        "da": "{folder}: en anden import skrives netop nu; prøv igen",
        "en": "{folder}: another import is being written; try again",
    },
    # one import's record, a labelled line each
    "imports.field.id": {"da": "Import", "en": "Import"},
    "imports.field.status": {"da": "Status", "en": "Status"},
    "imports.field.kind": {"da": "Type", "en": "Kind"},
    "imports.field.file": {"da": "Fil", "en": "File"},
    "imports.field.sha256": {"da": "SHA-256", "en": "SHA-256"},
    "imports.field.started": {"da": "Importeret", "en": "Imported"},
    "imports.field.agent": {"da": "Importeret af", "en": "Imported by"},
    "imports.field.cluster": {"da": "Klynge", "en": "Cluster"},
    "imports.field.as_of": {"da": "Gælder pr.", "en": "Valid as of"},
    "imports.field.mapping": {"da": "Oversættelse", "en": "Mapping"},
    "imports.field.rows_read": {"da": "Rækker læst", "en": "Rows read"},
    "imports.field.accepted": {"da": "Poster optaget", "en": "Records accepted"},
    "imports.field.reverted": {"da": "Trukket tilbage", "en": "Reverted"},
    "imports.reverted_by": {"da": "{at} af {by}", "en": "{at} by {by}"},
    "imports.line": {"da": "{label}: {value}", "en": "{label}: {value}"},
}
