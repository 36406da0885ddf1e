"""Writing reports to disk without ever losing or corrupting a user's file.

A file is written beside its target and renamed over it once complete and synced, so a crash
leaves either the old file or the new one. Several files (a pack) are written all first and
renamed only once every one of them is on disk, so a refusal or a failure (no permission, a full
disk) leaves every target as it was. A file that dothi did not write is never overwritten unless
the user says ``--force``; dothi recognises its own files by their content: a marker on the first
line of text, dothi as the author of a Word document or of a chart, the font a web pack carries.

What is not a regular file is never renamed over: a character device or a named pipe
(``/dev/stdout``, ``/dev/null``, a FIFO) is written to directly, and a folder, a block device or a
socket is refused. A symbolic link to a file stays a link: the file it leads to is rewritten.

Problems are raised as :class:`OutputError` holding a catalogue text; the command prints it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dothi.data import atomic
from dothi.problem import Text

DOCX_CREATOR = b"<dc:creator>dothi</dc:creator>"
XLSX_CREATOR = re.compile(rb"<dc:creator[^>]*>dothi</dc:creator>")
XLSX_SAVED_BY = re.compile(rb"<cp:lastModifiedBy[^>]*>dothi</cp:lastModifiedBy>")
SVG_CREATOR = re.compile(rb"<dc:creator>\s*<cc:Agent>\s*<dc:title>dothi</dc:title>")
TRUETYPE = b"\x00\x01\x00\x00"
PACK_FONT = "DejaVu Serif".encode("utf-16-be")  # the name table of the font a web pack carries
SCHEMA_TITLE = re.compile(rb'\n  "title": "dothi [a-z]+ file",?\n')  # schema.file_schemas names its files
SCHEMA_SIZE = 1 << 20
HEAD = 4096  # bytes read to recognise a chart
FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))  # a quota is a full disk (none on Windows)
REASONS = {
    errno.EACCES: "output.reason.permission",
    errno.EPERM: "output.reason.permission",
    errno.EROFS: "output.reason.read_only",
    **dict.fromkeys(FULL, "output.reason.full"),
}


class OutputError(Exception):
    """A target that cannot or must not be written; ``usage`` is False only for a full disk."""

    def __init__(self, text: Text, usage: bool = True) -> None:
        super().__init__(text.key)
        self.text = text
        self.usage = usage


def is_ours(path: Path, marker: str, content: bytes | None = None) -> bool:
    """True when ``path`` is absent or empty, was written by dothi, or already holds ``content``.

    A text file dothi wrote starts with ``marker``; a Word document names dothi as its author, a
    chart as its creator, a JSON Schema in its title; the web pack's font is DejaVu Serif,
    whatever its version.
    """
    if not path.exists():
        return True
    if not path.is_file():
        return False
    if path.suffix == ".docx":
        return _docx_by_dothi(path)
    if path.suffix == ".xlsx":
        return _xlsx_by_dothi(path)
    with path.open("rb") as handle:
        head = handle.read(HEAD)
    size = path.stat().st_size
    if size == 0 or (content is not None and size == len(content) and path.read_bytes() == content):
        return True  # an empty file, or the same bytes again: writing loses nothing
    if path.suffix == ".svg":
        return SVG_CREATOR.search(head) is not None
    if path.suffix == ".ttf":
        return head.startswith(TRUETYPE) and PACK_FONT in path.read_bytes()
    if path.suffix == ".json":  # the title follows the definitions: read the whole (small) file
        return path.stat().st_size < SCHEMA_SIZE and SCHEMA_TITLE.search(path.read_bytes()) is not None
    first = head.split(b"\n", 1)[0]
    return first.decode("utf-8", "replace").rstrip("\r") == marker


def _docx_by_dothi(path: Path) -> bool:
    import zipfile  # here: every edit writes through this module, and none reads a zip (3.6 ms)

    try:
        with zipfile.ZipFile(path) as document:
            return DOCX_CREATOR in document.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def _xlsx_by_dothi(path: Path) -> bool:
    """Made by dothi and saved by nobody since: a form someone filled in is theirs, not ours."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as book:
            core = book.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return XLSX_CREATOR.search(core) is not None and XLSX_SAVED_BY.search(core) is not None


def _encoded(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


# --- checking the targets --------------------------------------------------------------------------


def check_folder(folder: Path) -> None:
    """A folder to write into (``--pack``, ``schema --out``): absent, or a folder, never a file."""
    _check_ancestors(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(Text.of("output.error.not_folder", path=str(folder)))


def check_file(path: Path, marker: str, content: str | bytes, force: bool, refusal: str) -> None:
    """A file to write: refused when it is a folder or a device of the wrong kind, or (without
    ``force``) a file dothi did not write; ``refusal`` is the catalogue key that says so."""
    _check_ancestors(path.parent)
    kind = _kind(path)
    if kind == "folder":
        raise OutputError(Text.of("output.error.is_folder", path=str(path)))
    if kind == "special":
        raise OutputError(Text.of("output.error.special", path=str(path)))
    if kind == "file" and not force and not is_ours(path, marker, _encoded(content)):
        raise OutputError(Text.of(refusal, path=str(path)))


def _kind(path: Path) -> str:
    """absent, file, folder, stream (a character device or a pipe: written in place) or special."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "absent"
    except OSError as error:
        raise _cannot(path, error) from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    return "stream" if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) else "special"


def _check_ancestors(folder: Path) -> None:
    """The nearest existing ancestor must be a folder, or no file below it can be made."""
    for ancestor in (folder, *folder.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OutputError(Text.of("output.error.not_folder", path=str(ancestor)))
            return


def _cannot(path: Path, error: OSError) -> OutputError:
    key = REASONS.get(error.errno or 0)
    reason = Text.of(key) if key else Text.of("output.reason.other", detail=error.strerror or str(error))
    text = Text.of("output.error.cannot_write", path=str(path), reason_key=reason.key, **dict(reason.params))
    return OutputError(text, usage=error.errno not in FULL)


# --- writing ---------------------------------------------------------------------------------------


@dataclass
class _Staged:
    """One file of :func:`write_files`, staged beside its target until all are renamed in place."""

    path: Path  # the file asked for
    target: Path  # where the content goes: the file itself, or the file a link leads to
    temporary: Path | None  # None: a device or a pipe, written in place


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write every file or none: each is staged beside its target, then all are renamed.

    Text is written as UTF-8 with LF line ends. Folders made for the files are removed again when
    the write fails. A link to a file is written through (the user named it), a device or a pipe
    is written in place.
    """
    made: list[Path] = []
    staged: list[_Staged] = []
    current = Path()
    try:
        for current, content in files.items():
            staged.append(_stage(current, _encoded(content), made))
        for item, content in zip(staged, files.values(), strict=True):
            current = item.path
            _commit(item, _encoded(content))
    except OSError as error:
        _discard(staged, made)
        raise _cannot(current, error) from None
    except BaseException:
        _discard(staged, made)
        raise


def _stage(path: Path, data: bytes, made: list[Path]) -> _Staged:
    if _kind(path) == "stream":
        return _Staged(path, path, None)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    _make_folders(target.parent, made)
    return _Staged(path, target, _temporary(target, data))


def _commit(item: _Staged, data: bytes) -> None:
    if item.temporary is None:
        with item.target.open("wb") as stream:
            stream.write(data)
        return
    os.replace(item.temporary, item.target)
    item.temporary = None
    _sync_folder(item.target.parent)


def _discard(staged: list[_Staged], made: list[Path]) -> None:
    for item in staged:
        if item.temporary is not None:
            atomic.discard(str(item.temporary))
    for folder in reversed(made):
        with contextlib.suppress(OSError):  # not empty: someone else is writing there too
            folder.rmdir()


def _make_folders(folder: Path, made: list[Path]) -> None:
    missing = []
    for ancestor in (folder, *folder.parents):
        if ancestor.is_dir():
            break
        missing.append(ancestor)
    for ancestor in reversed(missing):
        ancestor.mkdir()
        made.append(ancestor)


def _temporary(path: Path, data: bytes) -> Path:
    """``data`` in a synced temporary file beside ``path``, with ``path``'s permissions."""
    return Path(atomic.stage(str(path), data, _mode_for(path)))


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replace ``path`` itself (a link too: an edit never writes outside the repository) through
    a synced temporary file. OSError propagates: the edit reports it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.replace(str(path), _encoded(content), _mode_for(path))
    _sync_folder(path.parent)


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
