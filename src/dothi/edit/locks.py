"""The edit lock: one for the whole repository, usable by everyone who shares it.

Validation is of the whole repository, so two edits of different files can each be valid alone
and wrong together (the same new id in two directive files). An edit therefore holds the
repository's lock from before it loads the repository to after it writes: the item it looks
up, the file it changes and the repository it validates are one state, loaded once (issue 19:
a second load under the lock listed and stat'ed every file again, 30 ms at 100,000 items).
Until session 16 each file had a lock too, held from reading the file to writing it, and the
repository's lock only for validating and writing; with the repository's lock held throughout,
a file's lock kept out nothing. An older dothi that still takes a file's lock first waits for
the repository's lock as before, and its write is refused if this edit changed its file.

The lock lives in ``.dothi-cache/locks``. Several people may edit one shared repository, so
neither the lock file nor its folder may take the first user's umask (a 0600 lock file would
lock everyone else out): the folder is made 1777 (anyone may add a lock, only its owner remove
it), the file 0666. A lock file is opened without following a symlink and never truncated, so
a lock planted by someone else cannot make dothi write anywhere; nor is a lock made through a
symlinked folder.

The lock is the system's, on the open lock file: ``flock`` on POSIX, a lock on the file's first
byte on Windows (``msvcrt.locking``). Both go with the process, so an edit that crashes leaves
no lock behind. (``filelock`` did this until session 15; its 4.x releases grew async, soft and
SQLite locks, and importing it took 17 ms of every edit.)
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dothi.data.cache import CACHE_DIR, prepare_folder
from dothi.edit.errors import EditError
from dothi.problem import Text

LOCKS = "locks"
REPOSITORY_LOCK = "repository.lock"
LOCK_MODE = 0o666
FOLDER_MODE = 0o1777
PERMISSION = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})
# what a try says while another process holds the lock (Windows: EACCES or EDEADLK)
TAKEN = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK})
POLL = 0.05  # seconds between tries while the lock is taken


def repository_lock_path(root: Path) -> Path:
    return root / CACHE_DIR / LOCKS / REPOSITORY_LOCK


if sys.platform == "win32":  # pragma: no cover - CI runs on Linux
    import msvcrt

    def _try_lock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)  # the first byte: the handle was just opened

    def _unlock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def held(lock: Path, what: str, wait: float) -> Iterator[None]:
    """Hold ``lock`` for the block; waiting longer than ``wait`` seconds says the repository is
    busy. ``what``: the file or the id the edit is about, which the messages name."""
    handle = _taken(lock, what, time.monotonic() + wait)
    try:
        yield
    finally:
        try:
            _unlock(handle)
        finally:
            os.close(handle)


def _taken(lock: Path, what: str, deadline: float) -> int:
    """The open lock file, locked, tried every ``POLL`` seconds until ``deadline``.

    A lock file removed while this run waited for it (its cache folder deleted) is no longer
    the one the next edit opens: it is opened again, so that two edits never hold two files."""
    while True:
        try:
            handle = _prepare(lock)
        except OSError as error:
            raise lock_error(error, lock, what) from None
        try:
            _lock(handle, lock, what, deadline)
            if os.fstat(handle).st_nlink > 0:
                return handle
            _unlock(handle)
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)


def _lock(handle: int, lock: Path, what: str, deadline: float) -> None:
    """Lock ``handle``, waiting for whoever holds it; waiting past ``deadline`` says it is busy."""
    while True:
        try:
            _try_lock(handle)
            return
        except OSError as error:
            if error.errno not in TAKEN:
                raise lock_error(error, lock, what) from None
        left = deadline - time.monotonic()
        if left <= 0:
            raise EditError(Text.of("edit.busy_repository", path=what))
        time.sleep(min(POLL, left))


def lock_error(error: OSError, lock: Path, what: str) -> EditError:
    """Why a lock could not be made: no permission (exit 2), a full disk, or what the system says."""
    folder = lock.parent.parent.as_posix()  # .dothi-cache, where it is
    if error.errno in PERMISSION:
        return EditError(Text.of("edit.lock_permission", path=what, folder=folder), usage=True)
    if error.errno in NO_SPACE:
        return EditError(Text.of("edit.lock_disk_full", path=what, folder=folder))
    return EditError(Text.of("edit.no_lock", path=what, reason=error.strerror or str(error)))


def _prepare(lock: Path) -> int:
    """The lock file, open, made with its folders if need be: open to everyone whatever the umask
    of whoever came first."""
    cache = lock.parent.parent
    for folder in (cache, lock.parent):
        if folder.is_symlink():  # a lock made through it would be made outside the repository
            raise EditError(Text.of("edit.lock_outside", folder=folder.as_posix()), usage=True)
    prepare_folder(cache)
    _share(cache, stat.S_IMODE(cache.stat().st_mode) | 0o555)  # others open it and pass to the locks
    lock.parent.mkdir(exist_ok=True)
    _share(lock.parent, FOLDER_MODE)
    flags = os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    handle = os.open(lock, flags, LOCK_MODE)
    try:
        found = os.fstat(handle)
        if _mine(found) and stat.S_IMODE(found.st_mode) != LOCK_MODE and hasattr(os, "fchmod"):
            os.fchmod(handle, LOCK_MODE)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _share(folder: Path, mode: int) -> None:
    """Give a folder of ours ``mode`` (never through a symlink: that would change someone else's)."""
    found = folder.lstat()
    if stat.S_ISDIR(found.st_mode) and _mine(found) and stat.S_IMODE(found.st_mode) != mode:
        folder.chmod(mode)


def _mine(found: os.stat_result) -> bool:
    """Only the owner may change a mode; where there are no owners (Windows) there is nothing to do."""
    return hasattr(os, "geteuid") and found.st_uid == os.geteuid()
