"""Replacing a file so that a reader sees the old content or the new, never half of one.

Every file dothi writes goes through here: a cache shard and its key (``data/cache.py``), a
briefing or a schema (``output.py``), an edited data file (``edit/``). The new content is written
to a fresh file beside the target (``.NAME.RANDOM.tmp``, created exclusively and without
following a link, so nothing planted there is written through) and synced, then renamed over the target;
a failure removes the fresh file and leaves the target as it was. Through ``folder_fd`` (POSIX)
both names are taken relative to a folder already opened, so a symlink put in the folder's place
meanwhile cannot redirect the write.
"""

from __future__ import annotations

import contextlib
import os

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def stage(target: str, data: bytes, mode: int, *, folder_fd: int | None = None, durable: bool = True) -> str:
    """``data`` in a new file beside ``target`` with exactly the permissions ``mode``; its name.

    ``durable`` syncs it to the disk first (a rename is only as safe as what it renames); a cache,
    rebuilt whenever it is lost, does without.
    """
    handle, temporary = _create(target, folder_fd)
    try:
        with os.fdopen(handle, "wb") as stream:
            _set_mode(stream.fileno(), temporary, mode)
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
    except BaseException:
        discard(temporary, folder_fd)
        raise
    return temporary


def replace(
    target: str, data: bytes, mode: int = 0o600, *, folder_fd: int | None = None, durable: bool = True
) -> None:
    """Put ``data`` at ``target`` in one rename (``target`` itself: a link there is replaced, not
    followed). OSError propagates; the target is then as it was."""
    temporary = stage(target, data, mode, folder_fd=folder_fd, durable=durable)
    try:
        os.replace(temporary, target, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        discard(temporary, folder_fd)
        raise


def discard(temporary: str, folder_fd: int | None = None) -> None:
    """Remove a staged file that will not be renamed; one already gone is no matter."""
    with contextlib.suppress(OSError):
        os.unlink(temporary, dir_fd=folder_fd)


def _create(target: str, folder_fd: int | None) -> tuple[int, str]:
    """A new file beside ``target``, made by this call alone (exclusive, no link followed, 0600)."""
    import secrets  # here: a run that writes nothing (a warm status) does not import them
    import tempfile

    folder, name = os.path.split(target)
    if folder_fd is None:  # mkstemp opens with O_EXCL and O_NOFOLLOW too
        return tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or None)
    temporary = f".{name}.{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    return os.open(temporary, flags, 0o600, dir_fd=folder_fd), temporary


def _set_mode(handle: int, name: str, mode: int) -> None:
    """``mode`` exactly, the umask aside: a rewritten file keeps the permissions it had."""
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    else:  # pragma: no cover - Windows before Python 3.13: only the read-only bit exists there
        os.chmod(name, mode)
