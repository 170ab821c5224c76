"""query.catalog: every .rq file of every folder is found, parsed, documented and bound by value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brn_graph import namespaces
from brn_graph.config import PROJECT_ROOT
from brn_graph.errors import NotFoundError, ParameterError, QuerySyntaxError
from brn_graph.graph.terms import Term
from brn_graph.query.catalog import (
    ParameterType,
    QueryCatalog,
    load_catalog,
    parse_header,
    parse_iri,
    read_query_file,
)
from brn_graph.query.lists import _mask

#: The XSD namespace as text (so that pytest never probes the namespace class).
XSD = str(namespaces.XSD)

QUERIES = PROJECT_ROOT / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
#: Every .rq file of every folder (the catalogue, alignment/, rules/, quality/).
ALL_QUERY_FILES = sorted(QUERIES.rglob("*.rq"))

RULE = """\
# summary.da: Samme tema.
# summary.en: The same theme.
# rule: same-theme
# level: high
#
# Notes for maintainers: free text, even with a colon.
SELECT ?cluster ?target WHERE { ?cluster ?p ?target }
"""

HEADER = """\
# summary.da: Alle klynger.
# summary.en: All clusters.
# param cluster: iri = cluster:made
#   da: Klyngen.
#   en: The cluster.
# param lang: language = da
#   da: Sprog.
#   en: Language.
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?cluster ?label ?lang WHERE {
  ?cluster skos:prefLabel ?label FILTER(LANGMATCHES(LANG(?label), ?lang))
}
"""


@pytest.fixture(scope="module")
def catalog_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("queries")
    (folder / "list_things.rq").write_text(HEADER, encoding="utf-8")
    (folder / "rules").mkdir()
    (folder / "rules" / "infer_same.rq").write_text(RULE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bundled() -> QueryCatalog:
    return load_catalog(QUERIES)


def test_the_bundled_catalogue_has_at_least_fifteen_queries(bundled: QueryCatalog) -> None:
    assert len(bundled) >= 15
    assert set(bundled.names) == {p.stem for p in QUERY_FILES}


def test_every_file_of_every_folder_is_in_the_library(bundled: QueryCatalog) -> None:
    names = {q.name for q in bundled.all()}
    assert names == {p.relative_to(QUERIES).with_suffix("").as_posix() for p in ALL_QUERY_FILES}
    assert {q.folder for q in bundled.all()} == {
        "",
        "alignment",
        "context",
        "doors",
        "rules",
        "quality",
    }
    assert bundled.query("alignment/list_sites.rq").name == "alignment/list_sites"
    assert [q.name for q in bundled.in_folder("rules")] == sorted(
        "rules/" + p.stem for p in (QUERIES / "rules").glob("*.rq")
    )


def test_no_two_query_files_share_a_name() -> None:
    stems = [p.stem for p in ALL_QUERY_FILES]
    assert sorted({s for s in stems if stems.count(s) > 1}) == []


@pytest.mark.parametrize(
    "path", ALL_QUERY_FILES, ids=[p.relative_to(QUERIES).as_posix() for p in ALL_QUERY_FILES]
)
def test_every_query_file_parses_and_is_documented(path: Path) -> None:
    query = read_query_file(path, folder=QUERIES)
    assert query.summary["da"]
    assert query.summary["en"]
    assert query.summary["da"] != query.summary["en"]
    assert query.form == "SELECT"
    for parameter in query.parameters:
        assert parameter.description["da"]
        assert parameter.description["en"]
        assert parameter.name in query.variables, "a parameter must be a result column"
    text = path.read_text(encoding="utf-8")
    code = re.sub(r"<[^>\s]*>", "<>", _mask(text)[0])
    if re.search(r"(?<![\w?$])[A-Za-z][\w-]*:[A-Za-z_]", code):
        # rdflib pre-binds common prefixes, Oxigraph does not: declare every one
        assert "PREFIX" in text, "explicit PREFIX lines: no engine pre-binds them"
    assert "SERVICE" not in text.upper().replace("SERVICES", "")
    assert path.stem.split("_")[0] in {
        "list", "get", "find", "build", "compare", "describe", "count", "search", "infer",
    }  # fmt: skip


def test_every_rule_names_itself_a_level_and_the_common_projection(
    bundled: QueryCatalog,
) -> None:
    rules = bundled.in_folder("rules")
    assert len({q.header.rule for q in rules}) == len(rules) >= 4
    for query in rules:
        assert query.header.level in {"high", "medium", "low"}
        assert set(query.variables) >= {
            "cluster", "target", "document", "level", "clusterTheme", "targetTheme",
        }, query.name  # fmt: skip


def test_every_quality_check_names_its_input_and_fixture(bundled: QueryCatalog) -> None:
    checks = bundled.in_folder("quality")
    assert len(checks) >= 8
    for query in checks:
        assert set(query.header.inputs) <= {"ontology", "shapes", "data"}
        assert query.header.inputs
        assert (query.header.fixture or "").endswith(".ttl")


def test_subfolders_are_in_the_library_but_not_in_the_catalogue(catalog_folder: Path) -> None:
    catalog = load_catalog(catalog_folder)
    assert catalog.names == ("list_things",)
    assert "rules/infer_same" not in catalog
    rule = catalog.query("rules/infer_same")
    assert (rule.header.rule, rule.header.level) == ("same-theme", "high")
    assert rule.summary == {"da": "Samme tema.", "en": "The same theme."}
    with pytest.raises(NotFoundError):
        catalog.get("rules/infer_same")


def test_folder_keys_are_required_in_their_folder_and_refused_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "infer_x.rq").write_text(
        "# summary.da: a\n# summary.en: b\n# rule: x\nSELECT * WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    with pytest.raises(QuerySyntaxError, match=r"rules/infer_x\.rq: .*'level:'"):
        load_catalog(tmp_path, check=False)
    (tmp_path / "rules" / "infer_x.rq").unlink()
    (tmp_path / "find_x.rq").write_text(
        "# summary.da: a\n# summary.en: b\n# fixture: x.ttl\nSELECT * WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    with pytest.raises(
        QuerySyntaxError, match=r"find_x\.rq: 'fixture:' belongs in queries/quality/"
    ):
        load_catalog(tmp_path, check=False)


def test_header_is_parsed(catalog_folder: Path) -> None:
    query = load_catalog(catalog_folder).get("list_things")
    assert query.summary == {"da": "Alle klynger.", "en": "All clusters."}
    cluster, lang = query.parameters
    assert cluster.type is ParameterType.iri
    assert cluster.default == Term.iri("https://w3id.org/brn-graph/id/cluster/made")
    assert lang.default == Term.literal("da")
    assert query.to_dict("en")["parameters"] == [
        {
            "name": "cluster",
            "type": "iri",
            "example": "cluster:made",
            "description": "The cluster.",
        },
        {"name": "lang", "type": "language", "example": "da", "description": "Language."},
    ]


def test_binding_parses_values_and_fills_defaults(catalog_folder: Path) -> None:
    query = load_catalog(catalog_folder).get("list_things")
    bound = query.bind({"cluster": "<https://w3id.org/brn-graph/id/cluster/odense-robotics>"})
    assert bound.bindings["cluster"].value.endswith("/odense-robotics")
    assert bound.bindings["lang"] == Term.literal("da")
    assert query.bind(lang="en").bindings["lang"] == Term.literal("en"), "the user's language"
    assert query.bind({"lang": "EN"}, lang="da").bindings["lang"] == Term.literal("en")


def test_binding_errors_name_the_parameter(catalog_folder: Path) -> None:
    query = load_catalog(catalog_folder).get("list_things")
    with pytest.raises(ParameterError, match=r"'clustr'.*cluster, lang"):
        query.bind({"clustr": "cluster:made"})
    with pytest.raises(ParameterError, match="unknown prefix 'nope'"):
        query.bind({"cluster": "nope:made"})
    with pytest.raises(ParameterError, match="language tag"):
        query.bind({"lang": "dansk sprog"})


def test_unknown_names_suggest_close_ones(catalog_folder: Path) -> None:
    catalog = load_catalog(catalog_folder)
    with pytest.raises(NotFoundError, match="did you mean: list_things"):
        catalog.get("list_thing")
    assert catalog.get("list_things.rq").name == "list_things"


@pytest.mark.parametrize(
    ("type_", "raw", "expected"),
    [
        (
            ParameterType.iri,
            "doc:deb-2019",
            Term.iri("https://w3id.org/brn-graph/id/document/deb-2019"),
        ),
        (ParameterType.iri, "https://example.org/x", Term.iri("https://example.org/x")),
        (ParameterType.string, " energi ", Term.literal(" energi ")),
        (ParameterType.integer, "042", Term.literal("42", datatype=XSD + "integer")),
        (ParameterType.decimal, "0.50", Term.literal("0.50", datatype=XSD + "decimal")),
        (ParameterType.boolean, "Yes", Term.literal("true", datatype=XSD + "boolean")),
        (ParameterType.date, "2024-09-20", Term.literal("2024-09-20", datatype=XSD + "date")),
        (ParameterType.year, "2024", Term.literal("2024", datatype=XSD + "gYear")),
        (ParameterType.language, "en-GB", Term.literal("en-gb")),
    ],
)
def test_parameter_types(type_: ParameterType, raw: str, expected: Term) -> None:
    assert type_.parse("p", raw) == expected


@pytest.mark.parametrize(
    ("type_", "raw"),
    [
        (ParameterType.iri, "not an iri"),
        (ParameterType.iri, "<http://x.test/a b>"),
        (ParameterType.iri, "https://x.test/> } SERVICE <http://evil.test/"),
        (ParameterType.integer, "1.5"),
        (ParameterType.decimal, "NaN"),
        (ParameterType.boolean, "maybe"),
        (ParameterType.date, "2024-13-01"),
        (ParameterType.year, "24"),
        (ParameterType.string, "x" * 501),
    ],
)
def test_bad_parameter_values_are_refused(type_: ParameterType, raw: str) -> None:
    with pytest.raises(ParameterError):
        type_.parse("p", raw)


def test_iri_parsing_validates_with_oxigraph() -> None:
    assert parse_iri("x", "cluster:made").endswith("/cluster/made")
    with pytest.raises(ParameterError, match="not a valid IRI"):
        parse_iri("x", "<http://x.test/{a}>")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# summary.da: Kun dansk.\nSELECT * WHERE { ?s ?p ?o }", "summary.en"),
        (
            "# summary.da: a\n# summary.en: b\n# param x: colour = red\n#   da: x\n#   en: x\n",
            "unknown parameter type",
        ),
        ("# summary.da: a\n# summary.en: b\n# param x: iri = cluster:made\n#   da: x\n", "'en:'"),
        ("# summary.da: a\n# summary.en: b\n# just a remark\nSELECT", "not a header line"),
        ("# summary.da: a\n# summary.en: b\n# Summary: old dialect\n", "not a header line"),
        ("# summary.da: a\n# summary.en: b\n# level: extreme\n", "level: expected one of"),
        ("# summary.da: a\n# summary.en: b\n# input: ontology web\n", "input: expected"),
        ("# summary.da: a\n# summary.en: b\n#\n# param x: iri = a:b\n", "after the lone '#'"),
        ("# summary.da: a\n# summary.en: b\n# rule: x\n# rule: y\n", "given twice"),
    ],
)
def test_broken_headers_are_errors(header: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse_header(header)


def test_a_broken_file_names_itself(tmp_path: Path) -> None:
    (tmp_path / "find_bad.rq").write_text(
        "# summary.da: a\n# summary.en: b\n# param x: iri = cluster:made\n#   da: x\n#   en: x\n"
        "SELECT ?s WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    with pytest.raises(QuerySyntaxError, match=r"find_bad\.rq: .*result column"):
        load_catalog(tmp_path)


def test_a_missing_folder_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        load_catalog(tmp_path / "nowhere")


def _python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((PROJECT_ROOT / folder).rglob("*.py"))]


def test_exactly_one_function_reads_query_headers() -> None:
    """Guards against a second header dialect: only ``catalog.parse_header`` reads headers."""
    import ast

    readers = []
    for path in _python_files("brn_graph", "api", "tests", "benchmarks"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and (
                node.name in {"parse_header", "read_header"}
                or (
                    "header" in node.name
                    and not node.name.startswith("test_")
                    and "splitlines" in ast.unparse(node)
                )
            ):
                readers.append(f"{path.relative_to(PROJECT_ROOT)}:{node.name}")
    assert readers == ["brn_graph/query/catalog.py:parse_header"]


def test_xsd_is_declared_once() -> None:
    """``namespaces.XSD`` is the only XSD declaration in the library (docstrings aside)."""
    import ast

    found = []
    for path in _python_files("brn_graph"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and "XMLSchema#" in node.value
                and id(node) not in docstrings
            ):
                found.append(str(path.relative_to(PROJECT_ROOT)))
    assert found == []
