"""Authoring workbooks of several sheets: ``brn-graph template document|meetings``.

One sheet per record type (named and headed in the chosen language; either language reads
back), a hidden ``lists`` sheet whose columns feed the drop-down lists (documents,
organisations, areas, themes, context frameworks, processes, clusters, statuses,
confidences: all from the graph), and a ``help`` sheet in the chosen language that says
which columns must be filled and how dates, ids, languages and the decision context work.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from rdflib import Graph, Literal, URIRef

from brn_graph.config import Language
from brn_graph.graph.resolve import Candidate
from brn_graph.i18n.catalogue import text
from brn_graph.ingest import documents, meetings
from brn_graph.ingest.mapping import Mapping, builtin_mapping_path, load_mapping
from brn_graph.ingest.sheets import CONFIDENCES, candidates
from brn_graph.ingest.template import ROWS, header_for, put
from brn_graph.namespaces import BRN, DCTERMS, RDFS, SKOS

LAYOUTS = {"document": documents.SHEETS, "meetings": meetings.SHEETS}
#: (mapping, field) -> the list feeding its drop-down.
LISTS = {
    ("brn-template-document", "type"): "document_type",
    ("brn-template-document", "publisher"): "organisation",
    ("brn-template-document", "part_of"): "document",
    ("brn-template-document", "area"): "area",
    ("brn-template-document", "replaces"): "document",
    ("brn-template-document", "framework"): "framework",
    ("brn-template-document", "confidence"): "confidence",
    ("brn-template-document-goals", "theme"): "theme",
    ("brn-template-document-strengths", "theme"): "theme",
    ("brn-template-meetings", "status"): "status",
    ("brn-template-meetings", "body"): "organisation",
    ("brn-template-meetings", "process"): "process",
    ("brn-template-meetings", "confidence"): "confidence",
    ("brn-template-meeting-participants", "organisation"): "organisation",
    ("brn-template-meeting-outcomes", "decision"): "yes_no",
    ("brn-template-meeting-outcomes", "cluster"): "cluster",
}
TYPE_KEYS = ("strategy", "regional-chapter", "agreement", "results-contract")


def label(graph: Graph, node: URIRef, lang: Language) -> str:
    """The node's name in ``lang`` (prefLabel, title or label), else its last IRI segment."""
    for prop in (SKOS.prefLabel, DCTERMS.title, RDFS.label):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
    return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _definition(graph: Graph, node: URIRef, lang: Language) -> str:
    for value in graph.objects(node, SKOS.definition):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def sheet_title(mapping: Mapping, lang: Language) -> str:
    names = mapping.sheet_names
    return names[1] if lang == "da" and len(names) > 1 else names[0]


def _lists(graph: Graph, lang: Language) -> dict[str, list[tuple[str, str]]]:
    def named(found: list[Candidate]) -> list[tuple[str, str]]:
        return [(c.slug, label(graph, URIRef(c.iri), lang)) for c in found]

    yes_no = ("ja", "nej") if lang == "da" else ("yes", "no")
    return {
        "document_type": [
            (k, label(graph, BRN[documents.DOCUMENT_TYPES[k]], lang)) for k in TYPE_KEYS
        ],
        "organisation": named(candidates(graph, documents.ORGANISATION_CLASSES)),
        "document": named(candidates(graph, documents.DOCUMENT_CLASSES)),
        "area": named(candidates(graph, (BRN.Region,))),
        "framework": named(candidates(graph, (BRN.ContextFramework,))),
        "theme": named(candidates(graph, (BRN.Theme,))),
        "process": named(candidates(graph, (BRN.Process,))),
        "cluster": named(candidates(graph, (BRN.Cluster,))),
        "status": [(k, label(graph, BRN[k.title()], lang)) for k in ("planned", "held")],
        "confidence": [(k, label(graph, BRN[v], lang)) for k, v in CONFIDENCES.items()],
        "yes_no": [(yes_no[0], ""), (yes_no[1], "")],
    }


def write_workbook(kind: str, graph: Graph, target: Path, *, lang: Language) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    mappings = [load_mapping(builtin_mapping_path(name)) for name, _ in LAYOUTS[kind]]
    sheets = [book.create_sheet(sheet_title(m, lang)) for m in mappings]
    lists_sheet = book.create_sheet("lists")
    values = _lists(graph, lang)
    columns: dict[str, str] = {}  # list name -> its column letter in the lists sheet
    for sheet, mapping in zip(sheets, mappings, strict=True):
        fields = list(mapping.columns)
        for column, name in enumerate(fields, start=1):
            cell = put(sheet, 1, column, header_for(mapping, name, lang))
            cell.font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(column)].width = 26
            list_name = LISTS.get((mapping.name, name))
            if list_name is None:
                continue
            entries = values[list_name]
            if list_name not in columns:
                value_col = 2 * len(columns) + 1
                put(lists_sheet, 1, value_col, list_name)
                put(lists_sheet, 1, value_col + 1, text("template.label", lang))
                for row, (value, name_text) in enumerate(entries, start=2):
                    put(lists_sheet, row, value_col, value)
                    put(lists_sheet, row, value_col + 1, name_text)
                columns[list_name] = get_column_letter(value_col)
            letter = columns[list_name]
            rule = DataValidation(
                type="list",
                formula1=f"=lists!${letter}$2:${letter}${max(len(entries), 1) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=text("template.invalid_title", lang),
                error=text("template.invalid_choice", lang),
            )
            target_col = get_column_letter(column)
            rule.add(f"{target_col}2:{target_col}{ROWS}")
            sheet.add_data_validation(rule)
    lists_sheet.sheet_state = "hidden"
    _help(book.create_sheet("help"), kind, graph, mappings, lang)
    book.save(target)
    return target


def _help(
    sheet: Worksheet, kind: str, graph: Graph, mappings: list[Mapping], lang: Language
) -> None:
    row = 1
    for key in (f"authoring.help.{kind}", "authoring.help.id", "authoring.help.dates"):
        put(sheet, row, 1, text(key, lang))
        row += 1
    if kind == "document":
        put(sheet, row, 1, text("authoring.help.context", lang))
        row += 1
    # the values of the coded columns with their definitions from the ontology
    coded = (
        [(k, BRN[documents.DOCUMENT_TYPES[k]]) for k in TYPE_KEYS]
        if kind == "document"
        else [(k, BRN[k.title()]) for k in ("planned", "held")]
    )
    coded += [(k, BRN[v]) for k, v in CONFIDENCES.items()]
    row += 1
    for key, node in coded:
        put(sheet, row, 1, key)
        put(sheet, row, 2, _definition(graph, node, lang))
        row += 1
    for mapping in mappings:
        row += 1
        put(sheet, row, 1, text("authoring.help.sheet", lang, sheet=sheet_title(mapping, lang)))
        row += 1
        for name in mapping.columns:
            put(sheet, row, 1, header_for(mapping, name, lang))
            need = "required" if name in mapping.required else "optional"
            put(sheet, row, 2, text(f"authoring.help.{need}", lang))
            row += 1
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 90
