"""Bounded input: size, triples and nesting limits, safe RDF/XML, other RDF files listed."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from brn_graph.config import Settings
from brn_graph.errors import DataLoadError
from brn_graph.graph import files, loader
from brn_graph.graph.loader import discover_files, load_dataset
from brn_graph.i18n.message import Message

PREFIX = "@prefix ex: <http://example.org/> .\n"


def settings_for(folder: Path, **limits: int) -> Settings:
    return Settings(data_paths=(folder,), **limits)  # type: ignore[arg-type]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_over_the_size_limit_is_refused_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, "big.ttl", PREFIX + 'ex:a ex:p "' + "x" * 5000 + '" .\n')
    with pytest.raises(DataLoadError, match="max_file_bytes") as info:
        discover_files(settings_for(tmp_path, max_file_bytes=4000))
    assert info.value.path == path


def test_nesting_deeper_than_the_limit_is_refused_with_its_line(tmp_path: Path) -> None:
    deep = "ex:a ex:p " + "[ ex:p " * 5 + "ex:b" + " ]" * 5 + " .\n"
    path = write(tmp_path, "deep.ttl", PREFIX + "\n" + deep)
    with pytest.raises(DataLoadError, match="nested more than 4 deep") as info:
        discover_files(settings_for(tmp_path, max_nesting=4))
    assert info.value.path == path
    assert info.value.line == 3


def test_brackets_in_strings_iris_and_comments_do_not_count(tmp_path: Path) -> None:
    text = PREFIX + 'ex:a ex:p "[[[[[[", """((((((""" . # [[[[[[\n<http://x/[[[[[> ex:p ( 1 ) .\n'
    write(tmp_path, "fine.ttl", text)
    assert len(discover_files(settings_for(tmp_path, max_nesting=2))) > 1


def test_more_triples_than_the_limit_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "many.ttl", PREFIX + "ex:a ex:p ( " + "[] " * 20 + ") .\n")
    settings = settings_for(tmp_path, max_file_triples=10)
    with pytest.raises(DataLoadError, match="more than 10 triples") as info:
        loader.parse_quads(path, max_triples=settings.max_file_triples)
    assert info.value.path == path


def test_rdf_xml_with_entities_is_refused_and_never_expanded(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "laughs.rdf",
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY a "aaaa"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
    )
    with pytest.raises(DataLoadError, match="DOCTYPE") as info:
        discover_files(settings_for(tmp_path))
    assert info.value.path == path
    assert info.value.line == 2


def test_n_triples_and_plain_rdf_xml_are_loaded(tmp_path: Path) -> None:
    write(tmp_path, "a.nt", '<http://example.org/a> <http://example.org/p> "nt" .\n')
    write(
        tmp_path,
        "b.rdf",
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/b">'
        "<ex:p>xml</ex:p></rdf:Description></rdf:RDF>\n",
    )
    loaded = load_dataset(settings_for(tmp_path))
    names = {str(iri).rsplit("/", 1)[-1] for iri in loaded.data_graph_iris}
    assert names == {"a", "b"}
    values = {str(o) for iri in loaded.data_graph_iris for _, _, o in loaded.dataset.graph(iri)}
    assert values == {"nt", "xml"}


def test_other_rdf_files_are_listed_as_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "a.ttl", PREFIX + "ex:a ex:p ex:b .\n")
    write(tmp_path, "b.nq", "<http://x/a> <http://x/p> <http://x/o> <http://x/g> .\n")
    write(tmp_path, "c.trig", "{ <http://x/a> <http://x/p> <http://x/o> }\n")
    write(tmp_path, "notes.txt", "not RDF")
    with caplog.at_level(logging.WARNING, logger="brn_graph.graph"):
        files = discover_files(settings_for(tmp_path))
    assert [f.path.name for f in files if f.role == "data"] == ["a.ttl"]
    skipped = " ".join(r.getMessage() for r in caplog.records)
    assert "b.nq: skipped" in skipped
    assert "c.trig: skipped" in skipped
    assert "notes.txt" not in skipped


def test_a_memory_error_while_parsing_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "a.ttl", PREFIX + "ex:a ex:p ex:b .\n")

    def exhausted(*args: object, **kwargs: object) -> object:
        raise MemoryError

    monkeypatch.setattr(ox, "parse", exhausted)
    with pytest.raises(DataLoadError, match="more memory") as info:
        loader.parse_quads(path)
    assert info.value.path == path


def test_the_limits_apply_to_data_folders_not_to_committed_imports(tmp_path: Path) -> None:
    """An import is written by the ingest pipeline from a checked, bounded upload: a large
    one must not stop the graph from loading, while the same file in a data folder does."""
    data, imports = tmp_path / "data", tmp_path / "imports"
    data.mkdir()
    imports.mkdir()
    # More triples than any ontology file (the triple limit applies to those too).
    many = PREFIX + "".join(f"ex:a{i} ex:p {i} .\n" for i in range(6000))
    write(imports, "import-1.ttl", many)
    limits = {"max_file_triples": 5000, "max_file_bytes": 50_000}
    settings = Settings(data_paths=(data,), imports_dir=imports, **limits)  # type: ignore[arg-type]
    assert len(load_dataset(settings).dataset) >= 6000
    write(data, "many.ttl", many)
    with pytest.raises(DataLoadError, match="max_file_bytes"):
        load_dataset(settings)
    unsized = Settings(data_paths=(data,), imports_dir=imports, max_file_triples=5000)
    with pytest.raises(DataLoadError, match="more than 5,000 triples") as info:
        load_dataset(unsized)
    assert info.value.path == data / "many.ttl"


def _token_scan_depth_exceeded(text: str, limit: int) -> bool:
    """The reference: the token-by-token scan (strings, IRIs, comments hide brackets)."""
    return files._deepest(files._TURTLE_NESTING.finditer(text), limit) is not None


def test_the_fast_nesting_check_agrees_with_the_token_scan_on_random_text(
    tmp_path: Path,
) -> None:
    # Brackets, every character that opens or closes a hiding token, escapes and newlines.
    alphabet = ["[", "]", "(", ")", '"', "'", '"""', "'''", "<", ">", "#", "\\", "\n", " ", "a"]
    rng = random.Random(20240920)
    path = tmp_path / "random.ttl"
    disagreements = []
    refused = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        limit = rng.randint(0, 4)
        expected = _token_scan_depth_exceeded(text, limit)
        try:
            files._check_nesting(path, text, limit)
            got = False
        except DataLoadError:
            got = True
            refused += 1
        if got != expected:
            disagreements.append((text, limit))
    assert disagreements == []
    assert 300 < refused < 2700  # both verdicts were exercised


def test_a_refused_nesting_names_the_line_of_the_first_bracket_too_deep(tmp_path: Path) -> None:
    text = PREFIX + 'ex:a ex:p "[[[[" .\n# ((((\nex:b ex:p [ ex:p\n [ ex:p [ ex:p 1 ] ] ] .\n'
    path = write(tmp_path, "deep.ttl", text)
    with pytest.raises(DataLoadError) as info:
        discover_files(settings_for(tmp_path, max_nesting=2))
    assert info.value.path == path
    assert info.value.line == 5


@pytest.mark.parametrize(
    ("limits", "name", "text", "danish", "english"),
    [
        (
            {"max_file_bytes": 1000},
            "big.ttl",
            PREFIX + 'ex:a ex:p "' + "x" * 5000 + '" .\n',
            "grænsen er 1.000 (indstillingen max_file_bytes)",
            "the limit is 1,000 (setting max_file_bytes)",
        ),
        (
            {"max_nesting": 1},
            "deep.ttl",
            PREFIX + "ex:a ex:p [ ex:p [ ex:p 1 ] ] .\n",
            "indlejret mere end 1 niveauer",
            "nested more than 1 deep",
        ),
    ],
)
def test_input_limit_errors_are_in_the_readers_language(
    tmp_path: Path, limits: dict[str, int], name: str, text: str, danish: str, english: str
) -> None:
    write(tmp_path, name, text)
    with pytest.raises(DataLoadError) as info:
        discover_files(settings_for(tmp_path, **limits))
    reason = info.value.reason
    assert isinstance(reason, Message)
    assert danish in reason.render("da")
    assert english in reason.render("en")
    assert "limit" not in reason.render("da")
    assert "setting " not in reason.render("da")
