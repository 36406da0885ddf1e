"""Writing reports to disk without ever losing or corrupting a user's file.

A file is written beside its target and renamed over it once complete and synced, so a crash
leaves either the old file or the new one. A file that dothi did not write (no marker on its first
line) is never overwritten unless the user says ``--force``.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

DOCX_CREATOR = b"<dc:creator>dothi</dc:creator>"


def is_ours(path: Path, marker: str) -> bool:
    """True when ``path`` is absent or was written by dothi.

    A text file dothi wrote starts with ``marker``; a Word document names dothi as its author.
    """
    if not path.exists():
        return True
    if not path.is_file():
        return False
    if path.suffix == ".docx":
        return _docx_by_dothi(path)
    with path.open("rb") as handle:
        first = handle.readline(len(marker.encode()) + 2)
    return first.decode("utf-8", "replace").rstrip("\r\n") == marker


def _docx_by_dothi(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as document:
            return DOCX_CREATOR in document.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8 with LF line ends) through a synced temporary file."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, _mode_for(path))  # mkstemp makes 0600: keep the file readable as it was
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The file's own permissions, or for a new file what the user's umask gives."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where a folder cannot be opened, there is nothing to do."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
