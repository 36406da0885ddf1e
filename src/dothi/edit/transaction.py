"""One edit of one file: locked, validated as a whole, written atomically, or refused untouched.

Several people and scripts may edit the same file at once. Each edit holds a lock on the file
for its whole read–change–validate–write, so no edit is built on a version another one is about
to replace; an edit that cannot get the lock in time says the file is busy and changes nothing.
The repository is validated as the edit would leave it, and the edit is refused if that brings
an error the repository did not have. The file is replaced by a complete, synced copy, and only
if nobody changed it on disk since it was read (an editor does not take our lock).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from dothi.cache import CACHE_DIR, prepare_folder
from dothi.edit.document import Document
from dothi.edit.errors import EditError, Invalid
from dothi.loader import Store
from dothi.output import write_atomically
from dothi.problem import Problem, Text
from dothi.repository import LoadResult, load_repository

LOCK_WAIT = 30.0  # seconds an edit waits for another one on the same file before giving up
LOCKS = "locks"


@dataclass(frozen=True)
class Outcome:
    relative: str
    diff: str
    written: bool


def lock_path(root: Path, relative: str) -> Path:
    return root / CACHE_DIR / LOCKS / (relative.replace("/", "__") + ".lock")


def edit(
    root: Path,
    relative: str,
    change: Callable[[Document], None] | None = None,
    *,
    create: Callable[[], Document] | None = None,
    store: Store | None = None,
    dry_run: bool = False,
    wait: float = LOCK_WAIT,
) -> Outcome:
    """Apply ``change`` to ``root/relative`` (or write the new file ``create`` makes)."""
    lock = lock_path(root, relative)
    try:
        prepare_folder(root / CACHE_DIR)
        lock.parent.mkdir(parents=True, exist_ok=True)
        held = FileLock(lock, timeout=wait)
        held.acquire()
    except Timeout:
        raise EditError(Text.of("edit.busy", path=relative)) from None
    except OSError as error:
        raise EditError(Text.of("edit.no_lock", path=relative, reason=error.strerror or str(error))) from None
    try:
        return _edit_locked(root, relative, change, create, store, dry_run)
    finally:
        held.release()


def _edit_locked(
    root: Path,
    relative: str,
    change: Callable[[Document], None] | None,
    create: Callable[[], Document] | None,
    store: Store | None,
    dry_run: bool,
) -> Outcome:
    path = root / relative
    before_bytes = _read(path, relative, create is not None)
    before = load_repository(root, store)
    if any(p.file == relative and p.code == "conflict-marker" for p in before.problems):
        raise EditError(Text.of("edit.conflict", path=relative))
    doc = create() if create is not None else Document.parse(relative, before_bytes.decode("utf-8"))
    if change is not None:
        change(doc)
    text = doc.dump()
    after = load_repository(root, store, pending={relative: text.encode("utf-8")})
    new = _new_errors(before, after)
    if new:
        raise Invalid(LoadResult(root, new, after.files, None), len(new))
    diff = "".join(
        difflib.unified_diff(
            doc.original.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile="/dev/null" if create else f"a/{relative}",
            tofile=f"b/{relative}",
        )
    )
    if dry_run:
        return Outcome(relative, diff, False)
    if _read(path, relative, create is not None) != before_bytes:
        raise EditError(Text.of("edit.changed", path=relative))
    write_atomically(path, text)
    return Outcome(relative, diff, True)


def _read(path: Path, relative: str, new: bool) -> bytes:
    if new:
        if path.exists():
            raise EditError(Text.of("edit.file_exists", path=relative))
        return b""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise EditError(Text.of("edit.unreadable", path=relative)) from error
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(Text.of("edit.unreadable", path=relative)) from None
    return raw


def _new_errors(before: LoadResult, after: LoadResult) -> list[Problem]:
    """Errors of the edited repository that it did not have (lines may have moved, so not compared)."""
    known = Counter((p.file, p.code, p.message) for p in before.errors)
    found = []
    for problem in after.errors:
        key = (problem.file, problem.code, problem.message)
        if known[key]:
            known[key] -= 1
        else:
            found.append(problem)
    return found
