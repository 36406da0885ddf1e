"""Writing reports to disk without ever losing or corrupting a user's file.

A file is written beside its target and renamed over it once complete and synced, so a crash
leaves either the old file or the new one. A file that dothi did not write (no marker on its first
line) is never overwritten unless the user says ``--force``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def is_ours(path: Path, marker: str) -> bool:
    """True when ``path`` is absent or was written by dothi (its first line is ``marker``)."""
    if not path.exists():
        return True
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        first = handle.readline(len(marker.encode()) + 2)
    return first.decode("utf-8", "replace").rstrip("\r\n") == marker


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
