"""Where the data repository is, and which of its files dothi reads.

Apart from the rest of loading, and importing neither the models nor a library, because a run
asks this before anything else: to find its repository, and, on a cold run, to start parsing
its files on every core while the rest of dothi is imported (``cli/early.py``).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from dothi.layout import (
    CALENDAR_FILE,
    LOCALITIES_DIR,
    MEMBERS_FILE,
    REQUIREMENTS_FILE,
    ROOT_ENV,
    SETTINGS_FILE,
    TASKS_DIR,
)
from dothi.problem import Problem, Severity, Text


class NoRepository(Exception):
    """No data repository where the user pointed (a usage error, exit 2)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.key)
        self.text = text


def find_root(start: Path, explicit: str | None) -> Path:
    """The data repository's root, found as git finds its root (SPEC §1)."""
    chosen = explicit or os.environ.get(ROOT_ENV) or None
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / MEMBERS_FILE).is_file():
            raise NoRepository(Text.of("usage.root_not_repo", root=chosen))
        return root.resolve()
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / MEMBERS_FILE).is_file():
            return folder
    raise NoRepository(Text.of("usage.no_root", cwd=str(start)))


DATA_DIR = "data"
SINGLE_FILES = (MEMBERS_FILE, REQUIREMENTS_FILE, CALENDAR_FILE, SETTINGS_FILE)
FOLDERS = (TASKS_DIR, LOCALITIES_DIR)
YAML_SUFFIXES = (".yaml", ".yml")


# What a file's stat says of its bytes: size, the times of its last change and last write, and
# which file it is (inode and device). A write changes one of them, or all.
Seen = tuple[int, int, int, int, int]
# A file whose stat shows a write this recent is read every time, whatever its stat says: a
# second write may land within the first's time stamp (file systems count in steps of up to 2 s)
# and leave the stat as it was. Older than that, a write shows, as git's index trusts it.
SETTLED_NS = 2_000_000_000
# Only where a file's ctime is the time of its last change (POSIX), which every write moves and
# no program can set: on Windows it is the time the file was made, and a copy that keeps the
# size and the write time of the file it replaces would leave the stat as it was.
STAT_TELLS = os.name == "posix"


def seen_of(found: os.stat_result) -> Seen:
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


@dataclass
class Listing:
    """What ``data/`` holds: the files to read, and a problem for everything else that looks like
    data but will not be read. A file dothi skips is never skipped silently (README.md and other
    files that are not YAML are no data and are left alone)."""

    files: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    # each file's stat as the listing found it, and when it began looking (see ``Seen``)
    seen: dict[str, Seen] = field(default_factory=dict)
    listed_at: int = field(default_factory=time.time_ns)

    def to_read(self, pending: Collection[str] = ()) -> list[str]:
        """The files to read, in the order they are read: the single files, then each folder's
        by name; with those an edit is about to create (``pending``)."""
        singles = [f for f in SINGLE_FILES if f in self.files or f in pending]
        in_folders = [
            sorted({f for f in (*self.files, *pending) if f.startswith(folder + "/")}) for folder in FOLDERS
        ]
        return [*singles, *(f for files in in_folders for f in files)]

    def skip(self, relative: str, message: Text, hint: Text | None = None, code: str = "unread-file") -> None:
        self.problems.append(Problem(relative, 1, 1, Severity.ERROR, code, message, hint))

    def unreadable(self, relative: str, error: OSError, folder: bool = False) -> None:
        path = error.filename if isinstance(error.filename, str) else relative
        link = os.path.islink(path)
        hint = Text.of("hint.unreadable.link") if link else None
        if isinstance(error, FileNotFoundError) and link:
            message = Text.of("problem.unreadable.broken-link", target=_link_target(path))
        else:
            key = "problem.unreadable.folder" if folder else "problem.unreadable"
            message = Text.of(key, reason=error.strerror or str(error))
        self.skip(relative, message, hint, "unreadable")


class Digests(Protocol):
    """What a run remembers of the files' digests by their stat (``cache.FileCache``)."""

    def known_digest(self, relative: str, seen: Seen) -> str | None: ...

    def note_digest(self, relative: str, seen: Seen, digest: str) -> None: ...

    def forget_digest(self, relative: str) -> None: ...


def digest_of(
    root: Path, listing: Listing, relative: str, digests: Digests | None
) -> tuple[str, bytes | OSError | None]:
    """The digest of a listed file's bytes, and the bytes when it had to read them (None when
    its stat, as a run saw it last, stood for them: reading 2,700 files takes 0.1–0.15 s).

    A file read is noted with the stat the listing took before reading it, unless that stat
    shows a write less than ``SETTLED_NS`` before the listing began: the bytes read may then be
    a second write's, made within the same time stamp.
    """
    seen = listing.seen.get(relative) if STAT_TELLS else None
    if digests is not None and seen is not None:
        known = digests.known_digest(relative, seen)
        if known is not None:
            return known, None
    try:
        raw: bytes | OSError = (root / relative).read_bytes()
    except OSError as error:
        raw = error
    digest = file_digest(raw)
    settled = seen is not None and listing.listed_at - max(seen[1], seen[2]) > SETTLED_NS
    if digests is not None and seen is not None and settled and isinstance(raw, bytes):
        digests.note_digest(relative, seen, digest)
    return digest, raw


def file_digest(raw: bytes | OSError) -> str:
    """What a file stands for in the key of a whole result: its bytes, or why it could not be read."""
    if isinstance(raw, OSError):
        return f"unreadable {raw.strerror}"
    return hashlib.sha256(raw).hexdigest()


def repository_key(listing: Listing, digests: Mapping[str, str]) -> str:
    """What a whole result depends on: every file read, by path and bytes, and what was not read."""
    digest = hashlib.sha256()
    for problem in listing.problems:
        digest.update(f"{problem!r}\0".encode())
    for relative in sorted(digests):
        digest.update(f"{relative}\0{digests[relative]}\0".encode())
    return digest.hexdigest()


def read_files(root: Path, listing: Listing) -> dict[str, bytes | OSError]:
    """Every file of ``listing`` to read, as it is on disk now: its bytes, or why not."""
    found: dict[str, bytes | OSError] = {}
    for relative in listing.to_read():
        try:
            found[relative] = (root / relative).read_bytes()
        except OSError as error:
            found[relative] = error
    return found


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:  # pragma: no cover - it was a link a moment ago
        return "?"


def list_data(root: Path) -> Listing:
    """Every file under ``data/`` that dothi reads, and a problem for each that it will not."""
    listing = Listing()
    for relative in SINGLE_FILES:
        if _regular(root, relative, listing):
            listing.files.add(relative)
    for folder in FOLDERS:
        _list_folder(root, folder, listing)
    _list_strays(root, listing)
    return listing


def _regular(root: Path, relative: str, listing: Listing, entry: os.DirEntry[str] | None = None) -> bool:
    """True for a regular file; nothing there is False; anything else is a problem, and False.

    A pipe or a device is never opened: reading it could block for ever or never end. The path
    is a string, not a ``Path``: building one per file was half of listing 2,700 files. A file
    of a folder is asked through its ``entry``, relative to the folder its scan opened, rather
    than by its whole path: a third of listing 2,700 files; that path is made only for an
    error. A link is followed, as ``os.stat`` follows it, and an error names the same path.
    """
    try:
        found = entry.stat() if entry is not None else os.stat(os.path.join(root, relative))
    except FileNotFoundError as error:
        if os.path.islink(os.path.join(root, relative)):
            listing.unreadable(relative, error)
        return False
    except OSError as error:  # a link loop, a folder that may not be searched
        listing.unreadable(relative, error)
        return False
    mode = found.st_mode
    if stat.S_ISREG(mode):
        listing.seen[relative] = seen_of(found)
        return True
    if stat.S_ISDIR(mode):
        listing.skip(relative, Text.of("problem.unread.folder"), Text.of("hint.unread.folder"))
    else:
        listing.skip(relative, Text.of("problem.unread.special"), Text.of("hint.unread.special"))
    return False


def _entries(root: Path, folder: str, listing: Listing) -> list[os.DirEntry[str]]:
    """The entries of a folder, by name; a folder that is not there has none."""
    path = root / folder
    try:
        with os.scandir(path) as found:
            return sorted(found, key=lambda entry: entry.name)
    except FileNotFoundError as error:
        if path.is_symlink():
            listing.unreadable(folder, error)
    except NotADirectoryError:
        listing.skip(folder, Text.of("problem.unread.not-folder"), Text.of("hint.unread.not-folder"))
    except OSError as error:
        listing.unreadable(folder, error, folder=True)
    return []


def _list_folder(root: Path, folder: str, listing: Listing) -> None:
    """``data/tasks`` or ``data/localities``: each ``<id>.yaml`` file in it (``.yml`` too)."""
    for entry in _entries(root, folder, listing):
        relative = f"{folder}/{entry.name}"
        suffix = os.path.splitext(entry.name)[1]
        if suffix in YAML_SUFFIXES:
            if _regular(root, relative, listing, entry):
                listing.files.add(relative)
        elif suffix.lower() in YAML_SUFFIXES:  # .YAML, .Yml: the id would not be the name written
            listing.skip(
                relative,
                Text.of("problem.unread.suffix"),
                Text.of("hint.unread.rename", name=Path(entry.name).stem + ".yaml"),
            )
        else:
            _subfolder(root, folder, entry, listing)


def _subfolder(root: Path, folder: str, entry: os.DirEntry[str], listing: Listing) -> None:
    """A folder inside ``folder``: each YAML file in it is a problem (ids are file names, flat)."""
    relative = f"{folder}/{entry.name}"
    stray = folder == DATA_DIR
    message = Text.of("problem.unread.stray") if stray else Text.of("problem.unread.nested", folder=folder)
    hint = Text.of("hint.unread.stray") if stray else Text.of("hint.unread.nested", folder=folder)
    try:
        if not entry.is_dir():
            return  # README.md and the like: not data
        if entry.is_symlink():  # never walked: it may lead anywhere, even back here
            listing.skip(
                relative, Text.of("problem.unread.linked-folder"), Text.of("hint.unread.linked-folder")
            )
            return
    except OSError as error:  # pragma: no cover - scandir answered these from the listing
        listing.unreadable(relative, error)
        return
    for found in _walk_yaml(root, relative, listing):
        listing.skip(found, message, hint)


def _walk_yaml(root: Path, relative: str, listing: Listing) -> list[str]:
    """The YAML files anywhere under ``relative`` (links not followed), by path."""
    found: list[str] = []

    def unreadable(error: OSError) -> None:
        where = Path(str(error.filename)).relative_to(root).as_posix() if error.filename else relative
        listing.unreadable(where, error, folder=True)

    for folder, _, names in os.walk(root / relative, onerror=unreadable):
        base = Path(folder).relative_to(root).as_posix()
        found += [f"{base}/{name}" for name in names if Path(name).suffix.lower() in YAML_SUFFIXES]
    return sorted(found)


def _list_strays(root: Path, listing: Listing) -> None:
    """YAML files in ``data/`` that are none of its files, and YAML in folders it does not have."""
    known = {Path(relative).name for relative in (*SINGLE_FILES, *FOLDERS)}
    for entry in _entries(root, DATA_DIR, listing):
        if entry.name in known:
            continue
        relative = f"{DATA_DIR}/{entry.name}"
        if Path(entry.name).suffix.lower() in YAML_SUFFIXES:
            listing.skip(relative, Text.of("problem.unread.stray"), _stray_hint(entry.name))
        else:
            _subfolder(root, DATA_DIR, entry, listing)


def _stray_hint(name: str) -> Text:
    """Rename “members.yml” (or “member.yaml”) to “members.yaml”; otherwise say where data goes."""
    singles = {Path(relative).stem: Path(relative).name for relative in SINGLE_FILES}
    close = difflib.get_close_matches(Path(name).stem.lower(), list(singles), n=1, cutoff=0.8)
    return Text.of("hint.unread.rename", name=singles[close[0]]) if close else Text.of("hint.unread.stray")
