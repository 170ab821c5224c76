"""Messages of the ``document`` and ``meetings`` authoring workbooks: row refusals and help."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    # a workbook that cannot be read as the kind's template (exit 2)
    "authoring.unreadable.no_sheet": {
        "da": "arket {sheet} mangler; brug skabelonen fra brn-graph template",
        "en": "the sheet {sheet} is missing; use the template from brn-graph template",
    },
    "authoring.unreadable.not_xlsx": {
        "da": "filen er ikke en XLSX-projektmappe; brug skabelonen fra brn-graph template",
        "en": "the file is not an XLSX workbook; use the template from brn-graph template",
    },
    "authoring.no_file": {
        "da": "{file}: ingen sådan fil. Tip: udfyld `brn-graph template {kind}`",
        "en": "{file}: no such file. Hint: fill in `brn-graph template {kind}`",
    },
    # a refused cell (exit 1)
    "authoring.row.language_missing": {
        "da": "teksten skal også gives på det andet sprog (dansk og engelsk)",
        "en": "the text must also be given in the other language (Danish and English)",
    },
    "authoring.row.id": {
        "da": "et id er små bogstaver a-z, cifre og bindestreger, fx deb-2024-2027-nj-1",
        "en": "an id is lower-case letters a-z, digits and hyphens, e.g. deb-2024-2027-nj-1",
    },
    "authoring.row.id_taken": {
        "da": "id'et findes allerede i grafen eller i arket (træk en tidligere import "
        "tilbage med brn-graph imports revert, eller vælg et andet id)",
        "en": "the id is already in the graph or in the sheet (revert an earlier import "
        "with brn-graph imports revert, or choose another id)",
    },
    "authoring.row.partial_date": {
        "da": "ikke en gyldig dato: skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
        "en": "not a valid date: write YYYY, YYYY-MM or YYYY-MM-DD",
    },
    "authoring.row.period_order": {
        "da": "perioden slutter, før den begynder",
        "en": "the period ends before it begins",
    },
    "authoring.row.yes_no": {
        "da": "skriv ja eller nej",
        "en": "write yes or no",
    },
    "authoring.row.number": {
        "da": "ikke et tal (skriv fx 2000 eller 12,5; ikke 2.000)",
        "en": "not a number (write e.g. 2000 or 12.5; not 2.000)",
    },
    "authoring.row.one_document": {
        "da": "arket beskriver ét dokument: kun første række bruges; slet de øvrige",
        "en": "the sheet describes one document: only the first row is used; delete the others",
    },
    "authoring.row.document_type": {
        "da": "ukendt dokumenttype (strategy, regional-chapter, agreement, results-contract)",
        "en": "unknown document type (strategy, regional-chapter, agreement, results-contract)",
    },
    "authoring.row.document_differs": {
        "da": "dokumentet findes allerede i grafen med en anden værdi her; lad feltet stå tomt "
        "eller skriv grafens værdi",
        "en": "the document is already in the graph with another value here; leave the cell "
        "empty or give the graph's value",
    },
    "authoring.row.self_reference": {
        "da": "dokumentet kan ikke pege på sig selv",
        "en": "the document cannot point to itself",
    },
    "authoring.row.unknown_document": {
        "da": "ukendt rammedokument (se listen)",
        "en": "unknown framework document (see the list)",
    },
    "authoring.row.unknown_organisation": {
        "da": "ukendt organisation (se listen)",
        "en": "unknown organisation (see the list)",
    },
    "authoring.row.unknown_area": {
        "da": "ukendt område (se listen)",
        "en": "unknown area (see the list)",
    },
    "authoring.row.unknown_framework": {
        "da": "ukendt ramme i en beslutningskontekst (se listen)",
        "en": "unknown framework of a decision context (see the list)",
    },
    "authoring.row.framework_taken": {
        "da": "rammen peger allerede på et andet dokument; ret beslutningskonteksten i data/",
        "en": "the framework already names another document; change the decision context in data/",
    },
    "authoring.row.unknown_goal": {
        "da": "ukendt mål: hverken i arket Mål eller i grafen",
        "en": "unknown goal: neither in the Goals sheet nor in the graph",
    },
    "authoring.row.unknown_theme": {
        "da": "ukendt tema (se listen)",
        "en": "unknown theme (see the list)",
    },
    "authoring.row.unknown_meeting": {
        "da": "ukendt møde: id'et står ikke i arket Møder",
        "en": "unknown meeting: the id is not in the Meetings sheet",
    },
    "authoring.row.unknown_process": {
        "da": "ukendt proces (se listen)",
        "en": "unknown process (see the list)",
    },
    "authoring.row.status": {
        "da": "status er planned (planlagt) eller held (afholdt)",
        "en": "the status is planned or held",
    },
    "authoring.row.no_body": {
        "da": "mødet skal have et organ eller mindst én deltager (arket Deltagere)",
        "en": "the meeting needs a body or at least one participant (the Participants sheet)",
    },
    # the help sheet of the workbooks
    "authoring.help.document": {
        "da": "Rammedokument: arket Dokument beskriver ét dokument (første række); arkene Mål, "
        "Styrkepositioner og Måltal dets indhold. Et dokument-id, der allerede findes i "
        "grafen (fx deb-2024-2027-nordjylland), udfyldes med det, grafen mangler. Indlæs med: "
        "brn-graph ingest document FIL.xlsx",
        "en": "Framework document: the Document sheet describes one document (first row); the "
        "Goals, Strength positions and Targets sheets its content. A document id already in "
        "the graph (e.g. deb-2024-2027-nordjylland) is completed with what the graph lacks. "
        "Read back with: brn-graph ingest document FILE.xlsx",
    },
    "authoring.help.meetings": {
        "da": "Møder: én række pr. møde i arket Møder; deltagende organisationer i arket "
        "Deltagere og udfald (beslutninger og andet) i arket Udfald, koblet med møde-id. "
        "Indlæs med: brn-graph ingest meetings FIL.xlsx",
        "en": "Meetings: one row per meeting in the Meetings sheet; participating "
        "organisations in the Participants sheet and outcomes (decisions and others) in the "
        "Outcomes sheet, linked by meeting id. Read back with: brn-graph ingest meetings "
        "FILE.xlsx",
    },
    "authoring.help.sheet": {"da": "Ark: {sheet}", "en": "Sheet: {sheet}"},
    "authoring.help.required": {"da": "skal udfyldes", "en": "required"},
    "authoring.help.optional": {"da": "kan udelades", "en": "optional"},
    "authoring.help.id": {
        "da": "Et id er små bogstaver a-z, cifre og bindestreger; det bliver en del af "
        "postens IRI og kan ikke genbruges.",
        "en": "An id is lower-case letters a-z, digits and hyphens; it becomes part of the "
        "record's IRI and cannot be reused.",
    },
    "authoring.help.dates": {
        "da": "Datoer skrives ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD. Tekster gives på dansk og engelsk.",
        "en": "Dates are written YYYY, YYYY-MM or YYYY-MM-DD. Texts are given in Danish and "
        "English.",
    },
    "authoring.help.context": {
        "da": "Beslutningskonteksten tæller et dokument, når rammen peger på det og det har "
        "mål; en erklæret erstatning bruges kun, så længe rammens eget dokument ikke har mål. "
        "Kolonnen Ramme i beslutningskonteksten kobler dokumentet til en ramme uden dokument.",
        "en": "The decision context counts a document when the framework names it and it has "
        "goals; a declared stand-in is used only while the framework's own document has no "
        "goals. The column Framework of the decision context links the document to a "
        "framework that names none.",
    },
}
