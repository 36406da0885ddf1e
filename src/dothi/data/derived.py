"""What reports derived from the repository, kept for the next run over the same files.

Once the snapshot spares validating, building every item as of the day asked is the largest work
left of a warm run (0.9 s of 2.5 s at 100,000 items); reading a day's items back as rows of
values takes a quarter of that. So the items a run built are kept, one file per day and reach of
"due soon" (``.dothi-cache/items-2026-11-30-14.pickle``), and a later run over the same files,
by the same code, that asks for the same day reads them instead of building them.

The files follow the snapshot's rules (``snapshot``): sealed with the user's key, read only as
regular files of bounded size with the MAC checked first, the keys of the code and of the files
compared before a byte is unpickled, and unpickled by a reader that finds only dothi's classes
(here also the items' states and extensions), never a function. They are written by a run that
parsed no file, as the snapshot is, for a day asked for a second time (a script stepping
``--as-of`` through the days would otherwise write 25 MB a run at 100,000 items), and only the
latest few days are kept.
"""

from __future__ import annotations

import io
import os
import pickle
from datetime import date
from typing import Any

from dothi.data import atomic
from dothi.data.cache import (
    HEADER_SIZE,
    FileCache,
    Folder,
    code_key,
    opened_folder,
    read_regular,
    unseal,
    write_sealed,
)
from dothi.data.snapshot import SUFFIX, Restricted

ASKED = ".asked"  # a day asked for once: its items are kept when it is asked again
# The kinds of value kept: a day's items (``Repository.derived``'s key, ``states.items_as_of``), and
# what a status listing of that day reads.
ITEMS, LISTING = "items", "listing"
MAX_DERIVED = 512 * 1024 * 1024  # a day's items at 100,000 items make ~25 MB
KEEP = 4  # days kept, of each kind: a week's meetings ask for a few days at most
# A day's items this small (a few thousand items) are kept the first time the day is asked.
SMALL = 1024 * 1024
# The classes of the items' fields beyond the snapshot's: their states and their extensions.
ITEM_CLASSES = frozenset({("dothi.reports.item", "State"), ("dothi.reports.item", "Granted")})
# What each kind holds beyond plain values: a day's items (``items``), and a day's items without
# their models beside what a listing names (``listing``, read by ``cli/quick`` with no model).
CLASSES = {ITEMS: ITEM_CLASSES, LISTING: ITEM_CLASSES | {("dothi.data.names", "Names")}}


def file_name(key: tuple[Any, ...]) -> str | None:
    """Where the value of ``key`` is kept: ``items-DAY-SOON`` for a day's items, ``listing-DAY-SOON``
    for what a status listing of that day reads, else nowhere."""
    match key:
        case (kind, date() as day, int() as soon) if kind in CLASSES:
            return f"{kind}-{day.isoformat()}-{soon}"
    return None


def read(cache: FileCache, files_key: str, key: tuple[Any, ...]) -> Any:
    """The value an earlier run kept for ``key`` over the same files, or None."""
    name = file_name(key)
    if cache.secret is None or name is None or not files_key:
        return None
    try:
        with opened_folder(cache.folder, create=False) as folder:
            raw = read_regular(folder.at(name + SUFFIX), MAX_DERIVED + HEADER_SIZE, folder.fd)
    except OSError:
        return None
    payload = unseal(raw, cache.secret, name) if raw else None
    header = (code_key() + files_key).encode()
    if payload is None or not payload.startswith(header):
        return None
    try:
        return Restricted(io.BytesIO(payload[len(header) :]), CLASSES[key[0]]).load()
    except Exception:  # sealed by this user but not what this dothi reads: built again
        return None


def asked_before(cache: FileCache, key: tuple[Any, ...]) -> bool:
    """Whether an earlier run asked for ``key`` (an empty ``items-DAY-SOON.asked`` says so);
    this run's asking is noted for the next one."""
    name = file_name(key)
    if cache.secret is None or name is None:
        return False
    try:
        with opened_folder(cache.folder, create=True) as folder:
            try:
                os.stat(folder.at(name + ASKED), dir_fd=folder.fd, follow_symlinks=False)
                return True
            except FileNotFoundError:
                atomic.replace(folder.at(name + ASKED), b"", folder_fd=folder.fd, durable=False)
                _prune(folder, key[0], name + ASKED, ASKED)
    except (OSError, ValueError):
        pass
    return False


def write(
    cache: FileCache, files_key: str, key: tuple[Any, ...], value: Any, limit: int = MAX_DERIVED
) -> bool:
    """Keep ``value`` for ``key`` unless it takes more than ``limit`` bytes, and only the latest
    ``KEEP`` days; a folder that cannot be written is skipped. Whether it was kept."""
    name = file_name(key)
    if cache.secret is None or name is None or not files_key:
        return False
    try:
        payload = (code_key() + files_key).encode() + pickle.dumps(value, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):  # pragma: no cover
        return False
    if len(payload) > min(limit, MAX_DERIVED):
        return False
    try:
        with opened_folder(cache.folder, create=True) as folder:
            write_sealed(folder, name + SUFFIX, name, payload, cache.secret)
            _prune(folder, key[0], name + SUFFIX, SUFFIX)
    except (OSError, ValueError):
        return False
    return True


def _prune(folder: Folder, kind: str, keep: str, suffix: str) -> None:
    """Remove all but the ``KEEP`` newest day files of ``kind`` ending in ``suffix`` (``keep``,
    just written, among them), by the folder's descriptor as every write is (no symlink followed)."""
    where: int | str = folder.fd if folder.fd is not None else str(folder.path)
    found = []
    for name in os.listdir(where):
        if name.startswith(kind + "-") and name.endswith(suffix):
            kept = os.stat(folder.at(name), dir_fd=folder.fd, follow_symlinks=False)
            found.append((name == keep, kept.st_mtime_ns, name))
    for _, _, name in sorted(found, reverse=True)[KEEP:]:
        os.unlink(folder.at(name), dir_fd=folder.fd)


__all__ = ["ITEMS", "KEEP", "LISTING", "SUFFIX", "asked_before", "file_name", "read", "write"]
