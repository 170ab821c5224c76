"""query_catalog: every .rq file is found, parsed, documented and bound by value."""

from __future__ import annotations

from pathlib import Path

import pytest

from brn_graph.config import PROJECT_ROOT
from brn_graph.errors import NotFoundError, ParameterError, QuerySyntaxError
from brn_graph.graph.terms import XSD, Term
from brn_graph.query.catalog import (
    ParameterType,
    load_catalog,
    parse_header,
    parse_iri,
    read_query_file,
)

QUERIES = PROJECT_ROOT / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))

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
    (folder / "rules" / "not_mine.rq").write_text("not even SPARQL", encoding="utf-8")
    return folder


def test_the_bundled_catalogue_has_at_least_fifteen_queries() -> None:
    catalog = load_catalog(QUERIES)
    assert len(catalog) >= 15
    assert set(catalog.names) == {p.stem for p in QUERY_FILES}


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_every_query_file_parses_and_is_documented(path: Path) -> None:
    query = read_query_file(path)
    assert query.summary["da"]
    assert query.summary["en"]
    assert query.summary["da"] != query.summary["en"]
    assert query.form == "SELECT"
    for parameter in query.parameters:
        assert parameter.description["da"]
        assert parameter.description["en"]
        assert parameter.name in query.variables, "a parameter must be a result column"
    text = path.read_text(encoding="utf-8")
    assert "PREFIX" in text, "explicit PREFIX lines: no engine pre-binds them"
    assert "SERVICE" not in text.upper().replace("SERVICES", "")
    assert query.name.split("_")[0] in {
        "list", "get", "find", "build", "compare", "describe", "count", "search",
    }  # fmt: skip


def test_subfolders_belong_to_others(catalog_folder: Path) -> None:
    catalog = load_catalog(catalog_folder)
    assert catalog.names == ("list_things",)


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
