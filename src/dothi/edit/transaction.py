"""One edit of one file: locked, validated as a whole, written atomically, or refused untouched.

Several people and scripts may edit the same repository at once. Each edit holds the
repository's lock for the whole load–change–validate–write, so no edit is built on a version
another one is about to replace, and two edits of different files cannot each be checked
without the other (see ``locks``). A command that looks its item up first takes the lock before
that load (:func:`locked`) and hands the edit what it loaded, so that the repository is listed
and loaded once. An edit that cannot get the lock in time says so and changes nothing. The
repository is validated as the edit would leave it, and the edit is refused if that brings an
error the repository did not have, or if it changed a part of the file that another part shares
through a YAML anchor (``sharing``). The file is replaced by a complete, synced copy, and only if
nobody changed it on disk since it was read (an editor does not take our lock); a write that
fails leaves the file as it was. The changes of several files (a filled form) are one such edit
(``edit_files``): the repository validated once as all of them leave it, every file checked
before any is written, and the files already written put back if a later write fails.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from dothi.data.loader import Store, has_conflict_markers
from dothi.data.repository import LoadResult, load_repository, revalidated
from dothi.edit.document import Document
from dothi.edit.errors import EditError, Invalid
from dothi.edit.locks import NO_SPACE, PERMISSION, held, repository_lock_path
from dothi.edit.part import faithful, parse_part
from dothi.edit.sharing import SHARED, refuse_spread, watch
from dothi.output import write_atomically
from dothi.problem import Problem, Text

__all__ = ["LOCK_WAIT", "Outcome", "edit", "edit_files", "locked", "repository_lock_path"]

LOCK_WAIT = 30.0  # seconds an edit waits for another one before giving up
NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True)
class Outcome:
    """What an edit did to one file: the diff it made, whether it was written (not with
    ``--dry-run``) and the warnings it brought."""

    relative: str
    diff: str
    written: bool
    warned: LoadResult | None = None  # the warnings the edit brings, with the files to quote them


@contextlib.contextmanager
def locked(root: Path, what: str, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the repository's lock for the block: what is loaded in it is the repository the edit
    changes (pass it to :func:`edit` as ``before``). ``what``: the file or the id the edit is
    about, which the messages name."""
    with held(repository_lock_path(root), what, wait):
        yield


def edit(
    root: Path,
    relative: str,
    change: Callable[[Document], None] | None = None,
    *,
    create: Callable[[], Document] | None = None,
    store: Store | None = None,
    dry_run: bool = False,
    wait: float = LOCK_WAIT,
    item: tuple[str, str] | None = None,
    before: LoadResult | None = None,
) -> Outcome:
    """Apply ``change`` to ``root/relative`` (or write the new file ``create`` makes).
    ``item`` (a list's key and an id: ``("tasks", "t1")``): the change touches only that item,
    whose lines alone go through the round trip when they can (``edit.part``). ``before``: the
    repository as the caller loaded it holding the lock (:func:`locked`), which it still holds;
    without it, the edit takes the lock and loads the repository itself."""
    with contextlib.nullcontext() if before is not None else locked(root, relative, wait):
        doc = _changed(root, relative, change, create, item)
        return _validate_and_write(root, [doc], store, dry_run, create is not None, before)[0]


def edit_files(
    root: Path,
    changes: Mapping[str, Callable[[Document], None]],
    *,
    store: Store | None = None,
    dry_run: bool = False,
    wait: float = LOCK_WAIT,
    before: LoadResult | None = None,
) -> list[Outcome]:
    """Apply each change to its file, all or none (a filled form, ``receive``): the repository is
    validated once, as all of them leave it, and no file is written unless every one can be.
    ``before``: as for :func:`edit`."""
    if not changes:
        return []
    with contextlib.nullcontext() if before is not None else locked(root, min(changes), wait):
        docs = [_changed(root, relative, change, None) for relative, change in changes.items()]
        return _validate_and_write(root, docs, store, dry_run, False, before)


def _changed(
    root: Path,
    relative: str,
    change: Callable[[Document], None] | None,
    create: Callable[[], Document] | None,
    item: tuple[str, str] | None = None,
) -> Document:
    """The file's tree with the change made, or the new file; refused if the change spreads."""
    if create is not None:
        if (root / relative).exists():
            raise EditError(Text.of("edit.file_exists", path=relative))
        return _made(relative, create(), change)
    raw = _read(root / relative, relative)
    if has_conflict_markers(raw):
        raise EditError(Text.of("edit.conflict", path=relative))
    text = raw.decode("utf-8")
    part = parse_part(relative, text, *item) if item is not None and change is not None else None
    refused: EditError | None = None
    if part is not None:
        try:
            made = _made(relative, part, change)
        except EditError as error:  # said again by the whole file's round trip, with its lines
            refused = error
        else:
            if faithful(made):
                return made
    try:
        whole = Document.parse(relative, text)
    except EditError:
        # A layout the whole file's round trip would change: what the change itself refuses
        # (done already, an ``each`` task) is still the answer, unless it names the item's lines.
        if refused is not None and refused.text.key != SHARED:
            raise refused from None
        raise
    return _made(relative, whole, change)


def _made(relative: str, doc: Document, change: Callable[[Document], None] | None) -> Document:
    """``doc`` with the change made; refused if the change spreads through an anchor."""
    watched = watch(doc.data)
    if change is not None:
        change(doc)
    refuse_spread(relative, doc.data, watched)
    return doc


def _validate_and_write(
    root: Path,
    docs: list[Document],
    store: Store | None,
    dry_run: bool,
    new: bool,
    before: LoadResult | None = None,
) -> list[Outcome]:
    """Validate the repository as the edit leaves it, then write (under the repository's lock);
    ``before``: the repository as it was loaded under the lock, else it is loaded now."""
    texts = {doc.relative: doc.dump() for doc in docs}
    if before is None:
        before = load_repository(root, store)  # what the command loaded, if no file changed since
    pending = {relative: text.encode("utf-8") for relative, text in texts.items()}
    after = revalidated(before, pending) or load_repository(root, store, pending=pending, previous=before)
    found = _new_errors(before, after)
    if found:
        raise Invalid(LoadResult(root, found, after.files, None), len(found))
    warnings = _new(before.warnings, after.warnings)
    warned = LoadResult(root, warnings, after.files, None) if warnings else None
    diffs = {
        doc.relative: _diff(
            doc.original,
            texts[doc.relative],
            "/dev/null" if new else f"a/{doc.relative}",
            f"b/{doc.relative}",
        )
        for doc in docs
    }
    if not dry_run:
        _write_all(root, docs, texts, new)
    return [Outcome(doc.relative, diffs[doc.relative], not dry_run, warned) for doc in docs]


def _write_all(root: Path, docs: list[Document], texts: Mapping[str, str], new: bool) -> None:
    """Write every file, or none: each is checked unchanged on disk and writable first, and a
    write that fails puts back the files written before it."""
    for doc in docs:
        path = root / doc.relative
        if path.exists() if new else _read(path, doc.relative) != doc.original.encode("utf-8"):
            raise EditError(Text.of("edit.file_exists" if new else "edit.changed", path=doc.relative))
        _check_writable(path, doc.relative)
    written: list[Document] = []
    try:
        for doc in docs:
            _write(root / doc.relative, doc.relative, texts[doc.relative])
            written.append(doc)
    except EditError:
        for doc in reversed(written):  # a failure here leaves that file as the edit wrote it: valid
            with contextlib.suppress(OSError):
                write_atomically(root / doc.relative, doc.original.encode("utf-8"))
        raise


def _diff(before: str, after: str, old: str, new: str) -> str:
    """A unified diff as git writes it, a last line without its newline marked as such."""
    lines = difflib.unified_diff(_lines(before), _lines(after), old, new)
    return "".join(line if line.endswith("\n") else line + "\n" + NO_NEWLINE for line in lines)


def _lines(text: str) -> list[str]:
    """Lines as git counts them: ended by LF only (a form feed or U+2028 inside a value is no line end)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _read(path: Path, relative: str) -> bytes:
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise EditError(Text.of("edit.cannot_read", path=relative), usage=True) from None
    except OSError as error:
        raise EditError(Text.of("edit.unreadable", path=relative)) from error
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(Text.of("edit.unreadable", path=relative)) from None
    return raw


def _check_writable(path: Path, relative: str) -> None:
    folder = Path(relative).parent.as_posix()
    if path.exists() and not os.access(path, os.W_OK):
        raise EditError(Text.of("edit.cannot_write", path=relative, place=relative), usage=True)
    if path.parent.is_dir() and not os.access(path.parent, os.W_OK | os.X_OK):
        raise EditError(Text.of("edit.cannot_write", path=relative, place=folder), usage=True)


def _write(path: Path, relative: str, text: str) -> None:
    """Replace the file by a complete copy; a failure leaves it (and its folder) as it was."""
    folder = Path(relative).parent.as_posix()
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as error:
        if error.errno in PERMISSION:
            raise EditError(Text.of("edit.cannot_write", path=relative, place=folder), usage=True) from None
        if error.errno in NO_SPACE:
            raise EditError(Text.of("edit.disk_full", path=relative)) from None
        reason = error.strerror or str(error)
        raise EditError(Text.of("edit.not_written", path=relative, reason=reason)) from None


def _new_errors(before: LoadResult, after: LoadResult) -> list[Problem]:
    """Errors of the edited repository that it did not have (lines may have moved, so not compared)."""
    return _new(before.errors, after.errors)


def _new(before: list[Problem], after: list[Problem]) -> list[Problem]:
    """The problems of ``after`` that ``before`` did not have (lines may have moved: not compared)."""
    known = Counter((p.file, p.code, p.message) for p in before)
    found = []
    for problem in after:
        key = (problem.file, problem.code, problem.message)
        if known[key]:
            known[key] -= 1
        else:
            found.append(problem)
    return found
