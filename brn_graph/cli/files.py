"""The one writer of the files the CLI is asked for (``network -o``, ``brief -o``).

A file is written whole or not at all (a temporary file in the same folder, then renamed),
gets the usual mode of a new file (``0o666`` less the umask, as ``open()`` would give it;
:func:`tempfile.mkstemp` alone gives ``0o600``), and a failure is told in catalogue words
(the operating system's own text is English).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from brn_graph.errors import DataLoadError
from brn_graph.i18n.message import Message
from brn_graph.i18n.message import message as msg

#: Errors with their own words (EPERM reads as EACCES); others name their code.
_KNOWN = {"ENOENT", "EACCES", "ENOSPC", "EISDIR", "ENOTDIR", "EROFS"}


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically with the usual file mode.

    Raises :class:`DataLoadError` (naming the file) when the file cannot be written.
    """
    temporary: str | None = None
    try:
        folder = path.resolve().parent
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise DataLoadError(path, msg("errors.file.unwritable", reason=os_reason(exc))) from exc
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise


def os_reason(exc: OSError) -> Message:
    """Why an operating-system call failed, as a catalogue message.

    >>> os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")).key
    'files.reason.ENOENT'
    >>> os_reason(OSError(errno.EBUSY, "busy")).values["code"]
    'EBUSY'
    """
    code = errno.errorcode.get(exc.errno or 0, "")
    if code == "EPERM":
        code = "EACCES"
    if code in _KNOWN:
        return msg(f"files.reason.{code}")
    return msg("files.reason.other", code=code or str(exc.errno))


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
