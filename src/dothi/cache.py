"""What the loader made of each file, kept so that an unchanged file is not parsed again.

Building Python objects from YAML is most of the time dothi spends, and the secretariat and CI
run it again and again on files that did not change. Each entry holds one file's loaded values,
their positions, its lines and its problems, under a key made of dothi's version, the file's
path and its bytes, so an entry is never stale: a changed file has another key.

Entries are written with :mod:`marshal`, which holds plain values only and cannot run code when
read (pickle could): a cache folder copied from elsewhere can do no harm. An entry that cannot be
read or decoded is ignored and written again; a cache that cannot be written (a read-only folder)
is simply not used; deleting the folder is always safe. The folder ignores itself in git.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from dothi import __version__
from dothi.loader import LoadedFile
from dothi.problem import Problem, Severity, Text

CACHE_DIR = ".dothi-cache"
FORMAT = 2  # bump when the entry layout changes
SHARD_SUFFIX = ".marshal"


class FileCache:
    """Entries for the files of one data repository, in 16 shards in ``folder``.

    One file per entry would make thousands of small files, and creating files is slow on some
    file systems; 16 shards keep a change cheap (one shard rewritten) and the folder small.
    Call :meth:`flush` after loading: it writes what changed and drops what no file uses.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.shards: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.changed: set[str] = set()

    def key(self, relative: str, raw: bytes) -> str:
        digest = hashlib.sha256(f"dothi {__version__} {FORMAT}\0{relative}\0".encode())
        digest.update(raw)
        return digest.hexdigest()

    def get(self, relative: str, raw: bytes) -> LoadedFile | None:
        key = self.key(relative, raw)
        self.used.add(key)
        entry = self._shard(key[0]).get(key)
        if entry is None:
            return None
        try:
            return decode(entry)
        except Exception:  # corrupt: it is only a cache
            self.changed.add(key[0])
            return None

    def put(self, relative: str, raw: bytes, loaded: LoadedFile) -> None:
        key = self.key(relative, raw)
        self.used.add(key)
        self._shard(key[0])[key] = encode(loaded)
        self.changed.add(key[0])

    def flush(self) -> None:
        """Write the shards that gained or lost entries; a folder that cannot be written is skipped."""
        if self.changed:  # a file changed: its old entry may sit in a shard this run did not read
            for name in "0123456789abcdef":
                self._shard(name)
        for name, entries in self.shards.items():
            stale = [key for key in entries if key not in self.used]
            for key in stale:
                del entries[key]
            if stale or name in self.changed:
                try:
                    self._write(name, marshal.dumps(entries))
                except (OSError, ValueError):  # read-only folder, or a value marshal cannot hold
                    return

    def _shard(self, name: str) -> dict[str, Any]:
        if name not in self.shards:
            try:
                found = marshal.loads((self.folder / (name + SHARD_SUFFIX)).read_bytes())
            except Exception:  # missing, unreadable or corrupt
                found = None
            self.shards[name] = found if isinstance(found, dict) else {}
        return self.shards[name]

    def _write(self, name: str, shard: bytes) -> None:
        prepare_folder(self.folder)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(shard)
            os.replace(temporary, self.folder / (name + SHARD_SUFFIX))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def prepare_folder(folder: Path) -> None:
    """Make dothi's folder, which git ignores by itself (it holds the cache and the edit locks)."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitignore").write_text("# made by dothi: a cache, safe to delete\n*\n")


def encode(loaded: LoadedFile) -> tuple[Any, ...]:
    """A loaded file as plain values that marshal can hold."""
    return (
        FORMAT,
        loaded.path,
        loaded.data,
        loaded.values,
        loaded.keys,
        loaded.lines,
        [_problem_fields(problem) for problem in loaded.problems],
        sorted(loaded.refused, key=repr),
    )


def decode(entry: tuple[Any, ...]) -> LoadedFile:
    layout, path, data, values, keys, lines, problems, refused = entry
    if layout != FORMAT:
        raise ValueError(f"cache entry layout {layout}")
    return LoadedFile(
        path,
        data,
        values,
        keys,
        lines,
        [_problem(fields) for fields in problems],
        set(refused),
    )


def _problem_fields(problem: Problem) -> tuple[Any, ...]:
    hint = (problem.hint.key, problem.hint.params) if problem.hint else None
    return (
        problem.file,
        problem.line,
        problem.column,
        problem.severity.value,
        problem.code,
        (problem.message.key, problem.message.params),
        hint,
        problem.waivable,
    )


def _problem(fields: tuple[Any, ...]) -> Problem:
    file, line, column, severity, code, message, hint, waivable = fields
    return Problem(
        file,
        line,
        column,
        Severity(severity),
        code,
        Text(*message),
        Text(*hint) if hint else None,
        waivable,
    )
