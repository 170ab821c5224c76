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
