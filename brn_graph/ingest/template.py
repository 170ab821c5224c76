"""Authoring workbooks: ``brn-graph template KIND -o FILE.xlsx``.

One sheet for the records (its header is the one the built-in template mapping reads back),
a hidden ``lists`` sheet whose columns feed the drop-down lists (clusters, goals and strength
positions, levels, confidences, assessors, municipalities: all from the graph), and a
``help`` sheet with the rubric (the definitions of the levels and confidences, from the
ontology) and what each column means. Every text written is a plain string cell, never a
formula, whatever it starts with.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from rdflib import Graph, Literal, URIRef

from brn_graph.config import Language
from brn_graph.errors import ParameterError
from brn_graph.i18n.catalogue import text
from brn_graph.i18n.message import message
from brn_graph.ingest.assessments import CONFIDENCES, LEVELS, Vocabulary
from brn_graph.ingest.kinds import KINDS as KINDS
from brn_graph.ingest.mapping import Mapping, builtin_mapping_path, load_mapping
from brn_graph.ingest.members import FORMULA_START
from brn_graph.namespaces import BRN, SKOS

ROWS = 1000
#: The header of the ``lists`` column next to a field's choices (a name by default).
SECOND_COLUMN = {"municipality": "template.code"}
#: Fields whose list is a suggestion, not a rule (a municipality may also be given by its
#: four-digit code): a value not in the list gets a warning the author may overrule.
OPEN_CHOICES = {"municipality": "template.open_choice.municipality"}


def put(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """A plain text cell: a value starting with =, +, - or @ stays text, never a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def _label(graph: Graph, node: URIRef, lang: Language) -> str:
    for value in graph.objects(node, SKOS.prefLabel):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return str(node).rsplit("/", 1)[-1]


def _definition(graph: Graph, node: URIRef, lang: Language) -> str:
    for value in graph.objects(node, SKOS.definition):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def header_for(mapping: Mapping, field: str, lang: Language) -> str:
    names = mapping.columns[field]
    return names[1] if lang == "da" and len(names) > 1 else names[0]


def write_template(kind: str, graph: Graph, target: Path, *, lang: Language) -> Path:
    if kind not in KINDS:
        reason = message("mapping.kind_choice", kinds=list(KINDS), given=repr(kind))
        raise ParameterError("KIND", reason)
    if kind in ("document", "meetings"):
        from brn_graph.ingest.workbooks import write_workbook

        return write_workbook(kind, graph, target, lang=lang)
    mapping = load_mapping(builtin_mapping_path(KINDS[kind]))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = mapping.sheet or kind
    fields = list(mapping.columns)
    for column, name in enumerate(fields, start=1):
        put(sheet, 1, column, header_for(mapping, name, lang)).font = sheet.cell(1, 1).font.copy(
            bold=True
        )
        sheet.column_dimensions[get_column_letter(column)].width = 28
    lists = book.create_sheet("lists")
    help_sheet = book.create_sheet("help")
    choices = _choices(kind, graph, lang)
    for index, (name, values) in enumerate(choices.items()):
        value_col = 2 * index + 1
        put(lists, 1, value_col, header_for(mapping, name, lang))
        put(lists, 1, value_col + 1, text(SECOND_COLUMN.get(name, "template.label"), lang))
        for row, (value, label) in enumerate(values, start=2):
            put(lists, row, value_col, value)
            put(lists, row, value_col + 1, label)
        letter = get_column_letter(value_col)
        rule = DataValidation(
            type="list",
            formula1=f"=lists!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning" if name in OPEN_CHOICES else "stop",
            errorTitle=text("template.invalid_title", lang),
            error=text(OPEN_CHOICES.get(name, "template.invalid_choice"), lang),
        )
        target_col = get_column_letter(fields.index(name) + 1)
        rule.add(f"{target_col}2:{target_col}{ROWS}")
        sheet.add_data_validation(rule)
    lists.sheet_state = "hidden"
    _help(help_sheet, kind, graph, mapping, lang)
    book.save(target)
    return target


def _choices(kind: str, graph: Graph, lang: Language) -> dict[str, list[tuple[str, str]]]:
    if kind == "members":
        municipalities = sorted(
            (
                (_label(graph, m, lang), str(graph.value(m, BRN.municipalityCode)))
                for m in graph.subjects(BRN.municipalityCode, None)
                if isinstance(m, URIRef)
            ),
        )
        return {"municipality": [(label, code) for label, code in municipalities]}
    vocabulary = Vocabulary(graph)
    return {
        "cluster": [(c.slug, _label(graph, URIRef(c.iri), lang)) for c in vocabulary.clusters],
        "goal": [(c.slug, _label(graph, URIRef(c.iri), lang)) for c in vocabulary.goals],
        "level": [(k, _label(graph, BRN[v], lang)) for k, v in LEVELS.items()],
        "confidence": [(k, _label(graph, BRN[v], lang)) for k, v in CONFIDENCES.items()],
        "assessor": [(c.slug, _label(graph, URIRef(c.iri), lang)) for c in vocabulary.assessors],
    }


def _help(sheet: Worksheet, kind: str, graph: Graph, mapping: Mapping, lang: Language) -> None:
    row = 1
    put(sheet, row, 1, text(f"template.help.{kind}", lang))
    row += 2
    for name in mapping.columns:
        put(sheet, row, 1, header_for(mapping, name, lang))
        put(sheet, row, 2, text(f"template.column.{kind}.{name}", lang))
        row += 1
    if kind == "assessments":
        row += 1
        put(sheet, row, 1, text("template.rubric", lang))
        row += 1
        for key, local in (*LEVELS.items(), *CONFIDENCES.items()):
            put(sheet, row, 1, key)
            put(sheet, row, 2, _definition(graph, BRN[local], lang))
            row += 1
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100
