"""The CLI's one writer of output files: usual mode, whole files, errors in catalogue words."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from brn_graph.cli.files import os_reason, write_output
from brn_graph.errors import DataLoadError


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_027")
def test_written_file_gets_the_mode_open_would_give_it(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    write_output(target, b"%PDF-1.7")
    assert target.read_bytes() == b"%PDF-1.7"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_a_missing_folder_is_told_in_danish_words(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "x.html"
    with pytest.raises(DataLoadError) as caught:
        write_output(target, b"<html>")
    danish = caught.value.render("da")
    assert danish == f"{target}: kan ikke skrives: mappen findes ikke"
    assert "No such file" not in danish
    assert caught.value.render("en").endswith("cannot write: the folder does not exist")


def test_a_folder_in_the_way_is_told_and_nothing_is_left_behind(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep").write_text("x")
    with pytest.raises(DataLoadError) as caught:
        write_output(target, b"data")
    assert caught.value.render("da").endswith("kan ikke skrives: det er en mappe, ikke en fil")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    ("code", "danish"),
    [
        (errno.EACCES, "ingen skriveadgang"),
        (errno.EPERM, "ingen skriveadgang"),
        (errno.ENOSPC, "der er ikke mere plads på disken"),
        (errno.EBUSY, "styresystemet afviste skrivningen (fejlkode EBUSY)"),
    ],
)
def test_os_errors_map_to_catalogue_words(code: int, danish: str) -> None:
    assert os_reason(OSError(code, os.strerror(code))).render("da") == danish
