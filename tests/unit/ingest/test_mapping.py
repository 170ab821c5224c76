"""Mapping files: a user's own mapping works without Python; a broken one is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from brn_graph.config import Settings
from brn_graph.errors import ConfigError
from brn_graph.ingest.mapping import builtin_mappings, load_mapping
from brn_graph.ingest.pipeline import ingest_members
from tests.unit.ingest.conftest import write_text

OWN = """
[mapping]
name = "cluster-x-export"
kind = "members"

[columns]
cvr = "Virksomhedens CVR"
municipality = ["Hjemkommune"]
name = ["Firma"]
employees = ["Størrelse"]
"""


def test_builtin_mappings_load() -> None:
    assert set(builtin_mappings()) >= {"cvr-export", "brn-template", "brn-template-assessments"}
    for name in builtin_mappings():
        mapping = load_mapping(Path(__file__).parents[3] / f"brn_graph/ingest/mappings/{name}.toml")
        assert mapping.name == name


def test_a_users_own_mapping_reads_their_export(tmp_path: Path) -> None:
    mapping = write_text(tmp_path / "own.toml", OWN)
    data = write_text(
        tmp_path / "export.csv",
        "Firma;Virksomhedens CVR;Hjemkommune;Størrelse\nFirma A/S;13585628;Thisted;5-9\n",
    )
    settings = Settings(imports_dir=tmp_path / "imports")
    report = ingest_members(
        settings, data, cluster="made", as_of="2024-06-01", mapping=str(mapping), dry_run=True
    )
    assert (report.status, report.mapping, report.accepted) == ("dry-run", "cluster-x-export", 1)
    assert report.region_counts["smes"] == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[mapping\nkind=", "not a valid TOML mapping"),
        ('[mapping]\nkind = "people"\n', "kind must be one of"),
        ('[mapping]\nkind = "members"\n[columns]\ncvr = ["CVR"]\n', "lacks the required"),
        (
            '[mapping]\nkind = "members"\n[columns]\ncvr="A"\nmunicipality="B"\nshoe_size="C"\n',
            "'shoe_size' is not a field of members",
        ),
        ('[mapping]\nkind = "members"\n[columns]\ncvr=1\nmunicipality="B"\n', "must be a header"),
    ],
)
def test_a_broken_mapping_names_the_file_and_the_mistake(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write_text(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError, match=message) as info:
        load_mapping(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("text", "danish"),
    [
        ("[mapping\nkind=", "ikke en gyldig TOML-kortlægning"),
        ('[mapping]\nkind = "people"\n', "[mapping] kind skal være en af"),
        ('[mapping]\nkind = "members"\n[columns]\ncvr = ["CVR"]\n', "mangler de krævede felter"),
        (
            '[mapping]\nkind = "members"\n[columns]\ncvr="A"\nmunicipality="B"\nshoe_size="C"\n',
            "'shoe_size' er ikke et felt i members",
        ),
    ],
)
def test_a_broken_mapping_is_explained_in_danish_too(
    tmp_path: Path, text: str, danish: str
) -> None:
    path = write_text(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError) as info:
        load_mapping(path)
    rendered = info.value.render("da")
    assert danish in rendered
    assert str(path) in rendered
    for english in ("must", "lacks", "not a valid", "is not a field"):
        assert english not in rendered
