"""Messages of spreadsheet ingestion, the import folder and the authoring workbooks."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    # a file that cannot be read (exit 2)
    "ingest.unreadable.io": {
        "da": "filen kan ikke læses: {reason}",
        "en": "the file cannot be read: {reason}",
    },
    "ingest.unreadable.empty": {"da": "filen er tom", "en": "the file is empty"},
    "ingest.unreadable.no_rows": {
        "da": "filen har en overskrift, men ingen datarækker",
        "en": "the file has a header but no data rows",
    },
    "ingest.unreadable.binary": {
        "da": "filen er hverken CSV eller XLSX (den indeholder binære data)",
        "en": "the file is neither CSV nor XLSX (it holds binary data)",
    },
    "ingest.unreadable.encoding": {
        "da": "teksten er ikke gyldig {encoding}; gem filen som UTF-8 eller Windows-1252",
        "en": "the text is not valid {encoding}; save the file as UTF-8 or Windows-1252",
    },
    "ingest.unreadable.csv": {
        "da": "CSV-filen er ødelagt: {reason}",
        "en": "the CSV file is malformed: {reason}",
    },
    "ingest.unreadable.xlsx": {
        "da": "XLSX-filen er ødelagt eller afkortet: {reason}",
        "en": "the XLSX file is damaged or truncated: {reason}",
    },
    "ingest.unreadable.zip_bomb": {
        "da": "XLSX-filen fylder {inflated} byte udpakket ({compressed} pakket): "
        "afvist som zip-bombe",
        "en": "the XLSX file inflates to {inflated} bytes ({compressed} packed): "
        "refused as a zip bomb",
    },
    "ingest.unreadable.too_many_rows": {
        "da": "filen har mere end {limit} rækker (grænse: BRN_GRAPH_INGEST_MAX_ROWS)",
        "en": "the file has more than {limit} rows (limit: BRN_GRAPH_INGEST_MAX_ROWS)",
    },
    "ingest.unreadable.no_header": {
        "da": "ingen overskriftsrække passer til oversættelsen {mapping} blandt de første 30 "
        "rækker; forventede kolonner: {expected}. Tip: vælg en anden med --mapping",
        "en": "no header row among the first 30 rows fits the mapping {mapping}; expected "
        "columns: {expected}. Hint: choose another with --mapping",
    },
    # a refused row (exit 1)
    "ingest.row.formula": {
        "da": "cellen ligner en regnearksformel (begynder med =, +, -, @) og læses ikke",
        "en": "the cell looks like a spreadsheet formula (starts with =, +, -, @) and is not read",
    },
    "ingest.row.cvr_missing": {"da": "CVR-nummer mangler", "en": "the CVR number is missing"},
    "ingest.row.cvr_checksum": {
        "da": "CVR-nummeret har et forkert kontrolciffer (modulus 11)",
        "en": "the CVR number has a wrong check digit (modulus 11)",
    },
    "ingest.row.cvr_length": {
        "da": "et CVR-nummer har 8 cifre",
        "en": "a CVR number has 8 digits",
    },
    "ingest.row.cvr_format": {
        "da": "et CVR-nummer består af 8 cifre",
        "en": "a CVR number consists of 8 digits",
    },
    "ingest.row.municipality_missing": {
        "da": "kommunen mangler",
        "en": "the municipality is missing",
    },
    "ingest.row.municipality_unknown": {
        "da": "ukendt kommune: hverken en af de 98 kommunekoder eller navnet på en kommune i "
        "grafen (brug den firecifrede kode)",
        "en": "unknown municipality: neither one of the 98 municipality codes nor the name of a "
        "municipality in the graph (use the four-digit code)",
    },
    "ingest.row.industry": {
        "da": "branchekoden (DB07) skal være 2-6 cifre, fx 620100 eller 62.01.00",
        "en": "the industry code (DB07) must be 2-6 digits, e.g. 620100 or 62.01.00",
    },
    "ingest.row.employees": {
        "da": "antal ansatte skal være et helt tal eller et interval som 10-19 eller 1000+",
        "en": "employees must be a whole number or an interval such as 10-19 or 1000+",
    },
    "ingest.row.name": {
        "da": "navnet mangler (kun en enkeltmandsvirksomheds navn må mangle)",
        "en": "the name is missing (only a sole proprietorship's name may be missing)",
    },
    "ingest.row.required": {"da": "feltet skal udfyldes", "en": "the field is required"},
    "ingest.row.unknown_cluster": {
        "da": "ukendt klynge (brug rullelisten)",
        "en": "unknown cluster (use the drop-down list)",
    },
    "ingest.row.unknown_goal": {
        "da": "ukendt mål eller styrkeposition (brug rullelisten)",
        "en": "unknown goal or strength position (use the drop-down list)",
    },
    "ingest.row.level": {
        "da": "niveauet skal være high, medium, low eller none",
        "en": "the level must be high, medium, low or none",
    },
    "ingest.row.confidence": {
        "da": "sikkerheden skal være stated, inferred eller weak",
        "en": "the confidence must be stated, inferred or weak",
    },
    "ingest.row.unknown_assessor": {
        "da": "ukendt vurderingsansvarlig (brug rullelisten)",
        "en": "unknown assessor (use the drop-down list)",
    },
    "ingest.row.url": {
        "da": "kilden skal være en webadresse, der begynder med http:// eller https://",
        "en": "the source must be a web address starting with http:// or https://",
    },
    "ingest.row.date": {
        "da": "datoen skal skrives ÅÅÅÅ-MM-DD",
        "en": "the date must be written YYYY-MM-DD",
    },
    # the report
    "ingest.report.title": {
        "da": "Import af {kind} fra {file}",
        "en": "Import of {kind} from {file}",
    },
    "ingest.report.layout": {
        "da": "Ark {sheet}, overskrift i række {header_row}, oversættelse {mapping}",
        "en": "Sheet {sheet}, header on row {header_row}, mapping {mapping}",
    },
    "ingest.report.counts": {
        "da": "{rows} rækker læst, {accepted} virksomheder optaget, {merged} dubletter slået "
        "sammen, {refused} fejl, {names} navne på enkeltmandsvirksomheder udeladt",
        "en": "{rows} rows read, {accepted} companies accepted, {merged} duplicates merged, "
        "{refused} errors, {names} sole-proprietorship names left out",
    },
    "ingest.report.records": {
        "da": "{rows} rækker læst, {accepted} poster optaget, {refused} fejl",
        "en": "{rows} rows read, {accepted} records accepted, {refused} errors",
    },
    "ingest.report.region": {
        "da": "I Nordjylland: {members} medlemmer, heraf {smes} SMV'er, {large} store og "
        "{unknown} af ukendt størrelse (EU-definitionen, alene efter antal ansatte)",
        "en": "In North Jutland: {members} members, of which {smes} SMEs, {large} large and "
        "{unknown} of unknown size (EU definition, by head count alone)",
    },
    "ingest.report.duplicate": {
        "da": "CVR {cvr} står i rækkerne {rows}: slået sammen (første række gælder)",
        "en": "CVR {cvr} is on rows {rows}: merged (the first row holds)",
    },
    "ingest.report.row_error": {
        "da": "{sheet}, række {row}, kolonne {column}: {value!r}: {reason}",
        "en": "{sheet}, row {row}, column {column}: {value!r}: {reason}",
    },
    "ingest.report.more_errors": {
        "da": "... og {count} fejl mere",
        "en": "... and {count} more errors",
    },
    "ingest.report.violation": {
        "da": "SHACL: {focus}: {message} [{shape}]",
        "en": "SHACL: {focus}: {message} [{shape}]",
    },
    "ingest.status.committed": {
        "da": "Gemt som import {id}.",
        "en": "Committed as import {id}.",
    },
    "ingest.status.unchanged": {
        "da": "Uændret: den samme fil er allerede importeret som {id}.",
        "en": "Unchanged: the same file is already imported as {id}.",
    },
    "ingest.status.dry_run": {
        "da": "Prøvekørsel: gyldig, intet er skrevet (import {id}).",
        "en": "Dry run: valid, nothing written (import {id}).",
    },
    "ingest.status.invalid": {
        "da": "Afvist: intet er skrevet. Ret fejlene og prøv igen.",
        "en": "Refused: nothing was written. Fix the errors and try again.",
    },
    # authoring workbooks
    "template.label": {"da": "navn", "en": "name"},
    "template.invalid_title": {"da": "Ugyldig værdi", "en": "Invalid value"},
    "template.invalid_choice": {
        "da": "Vælg en værdi fra listen.",
        "en": "Choose a value from the list.",
    },
    "template.rubric": {
        "da": "Vurderingsnøgle (niveauer og sikkerhed)",
        "en": "Rubric (levels and confidence)",
    },
    "template.help.members": {
        "da": "Medlemsliste: én række pr. medlemsvirksomhed. Indlæs med: brn-graph ingest "
        "members FIL.xlsx --cluster KLYNGE --as-of DATO --mapping brn-template",
        "en": "Member list: one row per member company. Read back with: brn-graph ingest "
        "members FILE.xlsx --cluster CLUSTER --as-of DATE --mapping brn-template",
    },
    "template.help.assessments": {
        "da": "Sammenhængsvurderinger: én række pr. vurdering af en klynges bidrag til et mål "
        "eller en styrkeposition. Indlæs med: brn-graph ingest assessments FIL.xlsx",
        "en": "Alignment assessments: one row per assessment of how a cluster serves a goal "
        "or strength position. Read back with: brn-graph ingest assessments FILE.xlsx",
    },
    "template.column.members.cvr": {
        "da": "CVR-nummer, 8 cifre (kontrolcifferet tjekkes)",
        "en": "CVR number, 8 digits (the check digit is checked)",
    },
    "template.column.members.name": {
        "da": "Virksomhedens navn (udelades for enkeltmandsvirksomheder)",
        "en": "The company's name (left out for sole proprietorships)",
    },
    "template.column.members.municipality": {
        "da": "Kommune: navn fra listen eller firecifret kommunekode",
        "en": "Municipality: a name from the list or a four-digit code",
    },
    "template.column.members.industry": {
        "da": "Branchekode (DB07), fx 620100",
        "en": "Industry code (DB07), e.g. 620100",
    },
    "template.column.members.employees": {
        "da": "Antal ansatte eller interval (fx 10-19); SMV = under 250",
        "en": "Employees or an interval (e.g. 10-19); SME = fewer than 250",
    },
    "template.column.members.legal_form": {
        "da": "Virksomhedsform, fx Aktieselskab eller Enkeltmandsvirksomhed",
        "en": "Legal form, e.g. Aktieselskab or Enkeltmandsvirksomhed",
    },
    "template.column.assessments.cluster": {"da": "Klyngen (liste)", "en": "The cluster (list)"},
    "template.column.assessments.goal": {
        "da": "Målet eller styrkepositionen (liste)",
        "en": "The goal or strength position (list)",
    },
    "template.column.assessments.level": {
        "da": "Niveau: high, medium, low eller none (se nøglen nedenfor)",
        "en": "Level: high, medium, low or none (see the rubric below)",
    },
    "template.column.assessments.evidence": {
        "da": "Begrundelsen på dansk, med henvisning til kilden",
        "en": "The reasoning in Danish, referring to the source",
    },
    "template.column.assessments.evidence_en": {
        "da": "Begrundelsen på engelsk (valgfri)",
        "en": "The reasoning in English (optional)",
    },
    "template.column.assessments.source_url": {
        "da": "Webadressen på kilden (http:// eller https://)",
        "en": "The web address of the source (http:// or https://)",
    },
    "template.column.assessments.confidence": {
        "da": "Sikkerhed: stated, inferred eller weak (se nøglen nedenfor)",
        "en": "Confidence: stated, inferred or weak (see the rubric below)",
    },
    "template.column.assessments.assessor": {
        "da": "Hvem der vurderede (liste)",
        "en": "Who made the assessment (list)",
    },
    "template.column.assessments.date": {
        "da": "Datoen for den seneste daterede dokumentation, vurderingen bygger på, ÅÅÅÅ-MM-DD "
        "(vurderingsdatoen er importdatoen)",
        "en": "The date of the latest dated evidence the assessment rests on, YYYY-MM-DD "
        "(the assessment date is the import date)",
    },
    "template.column.assessments.passage": {
        "da": "Afsnittet i dokumentet (valgfrit)",
        "en": "The passage of the document (optional)",
    },
    # imports list / show / revert
    "imports.none": {"da": "Ingen importer.", "en": "No imports."},
    "imports.reverted": {
        "da": "Import {id} er trukket tilbage; data er uændret ellers.",
        "en": "Import {id} is reverted; nothing else changed.",
    },
    "imports.column.id": {"da": "id", "en": "id"},
    "imports.column.status": {"da": "status", "en": "status"},
    "imports.column.kind": {"da": "type", "en": "kind"},
    "imports.column.file": {"da": "fil", "en": "file"},
    "imports.column.started": {"da": "tidspunkt", "en": "time"},
    "imports.column.agent": {"da": "af", "en": "by"},
    "imports.column.accepted": {"da": "poster", "en": "records"},
    "imports.status.active": {"da": "aktiv", "en": "active"},
    "imports.status.reverted": {"da": "trukket tilbage", "en": "reverted"},
}
