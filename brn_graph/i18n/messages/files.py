"""Messages of the CLI's output files: why a file the user asked for cannot be written."""

from __future__ import annotations

from collections.abc import Mapping

from brn_graph.config import Language

MESSAGES: Mapping[str, Mapping[Language, str]] = {
    "files.reason.ENOENT": {
        "da": "mappen findes ikke",
        "en": "the folder does not exist",
    },
    "files.reason.EACCES": {
        "da": "ingen skriveadgang",
        "en": "permission denied",
    },
    "files.reason.ENOSPC": {
        "da": "der er ikke mere plads på disken",
        "en": "no space left on the disk",
    },
    "files.reason.EISDIR": {
        "da": "det er en mappe, ikke en fil",
        "en": "it is a folder, not a file",
    },
    "files.reason.ENOTDIR": {
        "da": "en del af stien er ikke en mappe",
        "en": "part of the path is not a folder",
    },
    "files.reason.EROFS": {
        "da": "filsystemet er skrivebeskyttet",
        "en": "the file system is read-only",
    },
    "files.reason.other": {
        "da": "styresystemet afviste skrivningen (fejlkode {code})",
        "en": "the operating system refused the write (error code {code})",
    },
}
