"""The validated repository kept whole, so that a run on files that did not change does no work again.

The shards of ``cache`` spare parsing; what is left of a warm run is validating every cached value
into models and the cross-file checks, most of its time. When no file changed since the last run
(the key of every file read, ``listing.repository_key``, is the same), the last result is read
back as it was: its problems, the files' names, the lines of the files a problem is in, and the
validated :class:`~dothi.data.repository.Repository` (its localities and the directives'
headers unpickled when a run first reads one).

The snapshot follows the shards' rules (see ``cache``): ``.dothi-cache/snapshot.pickle``, sealed
with the user's key and read only as a regular file of bounded size, its MAC checked before a
byte is read; the keys of this dothi's code and of the files written before the data and
compared before it is unpickled. The directives' and the files' models, nine tenths of it, are
sealed apart in ``snapshot-<key>.pickle``: a run that reports only problems (``validate``), or
an edit, neither reads nor checks them (0.1 s at 100,000 items). That file is read, and its
MAC and keys checked, when a run asks for a model; if another run has replaced it since (with
a snapshot of other files), the directives are validated again from the shards.

It is written by a run that parsed no file (the second run over the same files): a one-off run
does not pay for it. Unpickling costs about what validating does, so when a file changed the
snapshot is not read; but an edit, whose command read it, takes the tables the files were
checked against from it and checks only its own file.

Unlike a shard it holds objects, not plain values: the
models are rebuilt by pickle without validating them again (they are the validated output of
the same code). Pickle can build any object, so the reader is restricted on top of the MAC: it
finds only the classes of dothi's models, problems and calendar, dates and paths, never a
function, so a forged file that got past the MAC still could not run anything.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import io
import os
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from dothi.data.checks import Tables
    from dothi.data.models import Directive, DirectiveHeader, Locality
    from dothi.data.repository import LoadResult, Repository
    from dothi.problem import Problem

SNAPSHOT = "snapshot"
SUFFIX = ".pickle"
SNAPSHOT_FILE = SNAPSHOT + SUFFIX
MAX_SNAPSHOT = 512 * 1024 * 1024  # 100,000 items make ~45 MB
KEY_SIZE = 64  # a SHA-256 in hex: the code's key, then the files', before the pickled data
# Where the classes of a snapshot live; only classes are found there, never a function.
MODULES = frozenset(
    {
        "dothi.problem",
        "dothi.data.models",
        "dothi.data.repository",
        "dothi.data.selectors",
        "dothi.calendar.dates",
        "dothi.calendar.deadline",
        "dothi.calendar.recurrence",
        "dothi.calendar.workdays",
    }
)
OTHERS = frozenset({("datetime", "date"), ("pathlib", "PosixPath"), ("pathlib", "WindowsPath")})
# And, in the tables' own pickle, their classes.
TABLES = frozenset({("dothi.data.checks", "Tables"), ("dothi.data.checks", "IdIndex")})


class Restricted(pickle.Unpickler):
    """An unpickler that finds only classes of ``MODULES``, ``OTHERS`` and ``also``."""

    def __init__(self, file: io.BytesIO, also: frozenset[tuple[str, str]] = frozenset()) -> None:
        super().__init__(file)
        self.also = also

    def find_class(self, module: str, name: str) -> Any:
        if module in MODULES or (module, name) in OTHERS or (module, name) in self.also:
            found = super().find_class(module, name)
            if isinstance(found, type) and not issubclass(found, BaseException):
                return found
        raise pickle.UnpicklingError(f"dothi: {module}.{name} is no class of a snapshot")


class Deferred(Mapping[str, Any]):
    """The directives of a snapshot by id: their ids at once, their models unpickled the first
    time one is read. They are most of a snapshot (nine tenths at 100,000 items), and a warm run
    whose report comes from kept items (``status``), or that reports only problems
    (``validate``, ``check``), needs their ids at most. The localities are read the same way:
    an edit of a task file needs none of them."""

    def __init__(self, ids: tuple[str, ...], load: Callable[[], Mapping[str, Any]]) -> None:
        self.ids, self.load = ids, load

    def __getitem__(self, ident: str) -> Any:
        return self.load()[ident]

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, ident: object) -> bool:
        return ident in self._known

    @cached_property
    def _known(self) -> frozenset[str]:
        return frozenset(self.ids)


def read_models(cache: FileCache, key: str) -> bytes | None:
    """The pickled models of the snapshot of ``key``: its second file, if this user's dothi
    sealed it for that key (another run may have replaced it since, with its own snapshot)."""
    if cache.secret is None:  # pragma: no cover - a snapshot is only read with a key
        return None
    name = models_name(key)
    try:
        with opened_folder(cache.folder, create=False) as folder:
            raw = read_regular(folder.at(name + SUFFIX), MAX_SNAPSHOT + HEADER_SIZE, folder.fd)
    except OSError:  # the folder is gone
        return None
    payload = unseal(raw, cache.secret, name) if raw else None
    if payload is None or payload[: 2 * KEY_SIZE] != (code_key() + key).encode():
        return None
    return payload[2 * KEY_SIZE :]


def models_name(key: str) -> str:
    return f"{SNAPSHOT}-{key[:32]}"


@dataclass
class Kept:
    """What a snapshot holds: the key of the files it was made of, the result, and each file's
    digest, model (None when invalid) and problems, for a run in which some files changed.

    The directives' models and the files' are kept apart (the snapshot's second file,
    ``read_models``) and read only when a run reads one of them.
    """

    key: str
    problems: list[Problem]
    paths: list[str]
    lines: dict[str, list[str]]
    repository: Repository | None
    directive_ids: tuple[str, ...]
    digests: dict[str, str]  # of each file's bytes: which files changed since
    tables: bytes  # pickled: what each file was checked against (``checks.Tables``), for an edit
    locality_ids: tuple[str, ...]
    places: bytes  # pickled: the localities, read when a run asks for one (an edit never does)
    heads: bytes  # pickled: the directives' headers by id, read when a report asks for one
    store: FileCache | None = None  # the cache it was read from: its second file is beside it
    root: Path | None = None  # the repository's, once a run takes its result

    @cached_property
    def _models(self) -> tuple[dict[str, Directive], dict[str, tuple[str, Any, list[Problem]]]] | None:
        """The second file's models; None when it is not this snapshot's (replaced, forged).

        Read with the garbage collector paused, as loading is (``Session.load``): millions of
        new objects and no cycles, which it would otherwise walk again and again (it doubled
        the time at 100,000 items, read after the load that paused it)."""
        found = read_models(self.store, self.key) if self.store is not None else None
        if found is None:
            return None
        enabled = gc.isenabled()
        gc.disable()
        try:
            return Restricted(io.BytesIO(found)).load()  # type: ignore[no-any-return]
        finally:
            gc.freeze()
            if enabled:
                gc.enable()

    @property
    def files(self) -> dict[str, tuple[str, Any, list[Problem]]]:
        """Each file's digest, model and problems; none without the second file: the run then
        validates each file from the shards."""
        models = self._models
        return models[1] if models is not None else {}

    def localities(self) -> dict[str, Locality]:
        return self._localities

    @cached_property
    def _localities(self) -> dict[str, Locality]:
        """The localities, unpickled when a run first reads one: three quarters of the light part
        at 10,000 items (510 of 650 KB, 4.6 ms), which an edit of a task file does not need."""
        return _mapping(self.places, "localities")

    def headers(self) -> dict[str, DirectiveHeader]:
        return self._headers

    @cached_property
    def _headers(self) -> dict[str, DirectiveHeader]:
        """The directives' headers, unpickled when a run first reads one: most reports do, an
        edit does not, and at 100,000 items (2,674 headers, 650 KB) they took 31 ms, most of
        what an edit spent reading the light part."""
        return _mapping(self.heads, "headers")

    def directives(self) -> dict[str, Directive]:
        models = self._models
        return models[0] if models is not None else self._loaded_again

    @cached_property
    def _loaded_again(self) -> dict[str, Directive]:
        """The directives validated again from the files (as without a snapshot), for the rare
        run whose snapshot's second file is not its own: another run or program changed it."""
        from dothi.data.repository import load_repository

        if self.root is None or self.store is None:  # pragma: no cover - read through ``result``
            raise RuntimeError("dothi: a snapshot's directives read without its repository")
        again = FileCache(self.store.folder, self.store.secret)
        again.snapshot_read = ""  # the shards, not this snapshot
        result = load_repository(self.root, again)
        return dict(result.repository.directives) if result.repository is not None else {}

    def checked_against(self) -> Tables:
        """The tables, unpickled when an edit asks: every id of the repository is in them."""
        from dothi.data.checks import Tables

        found = Restricted(io.BytesIO(self.tables), TABLES).load()
        if not isinstance(found, Tables):  # pragma: no cover - sealed, and written as one
            raise pickle.UnpicklingError("dothi: the tables of a snapshot are not tables")
        return found

    def result(self, root: Path, store: FileCache) -> LoadResult:
        from dothi.data.repository import LazyFiles, LoadResult

        self.root = root
        if self.repository is not None:
            self.repository.root = root  # the folder may have moved: the files are the same
            self.repository.directives = Deferred(self.directive_ids, self.directives)
            self.repository.localities = Deferred(self.locality_ids, self.localities)
            self.repository.__dict__["headers"] = Deferred(self.directive_ids, self.headers)
        files = LazyFiles(root, self.paths, store)
        tables = self.checked_against if self.tables else None
        return LoadResult(
            root, self.problems, files, self.repository, lines=self.lines, key=self.key, tables=tables
        )


def _mapping(pickled: bytes, what: str) -> dict[str, Any]:
    """A part of the snapshot kept apart as a mapping by id (``what`` names it in the error)."""
    found = Restricted(io.BytesIO(pickled)).load()
    if not isinstance(found, dict):  # pragma: no cover - sealed, and written as one
        raise pickle.UnpicklingError(f"dothi: the {what} of a snapshot are not a mapping")
    return found


def read(cache: FileCache, key: str, near: bool = False) -> Kept | None:
    """The snapshot the last run of this dothi left of the same files, or None.

    Unpickling it costs about what validating the files does, so a snapshot of other files
    (one changed) is not unpickled at all: the run validates from the shards, as without it.
    An edit (``near``) takes it anyway: if only a few task files changed since, it checks
    those against it (``repository.revalidated``), as it checks the file it changes.
    """
    if cache.secret is None:  # pragma: no cover - the cache only asks with a key
        return None
    try:
        with opened_folder(cache.folder, create=False) as folder:
            raw = read_regular(folder.at(SNAPSHOT_FILE), MAX_SNAPSHOT + HEADER_SIZE, folder.fd)
    except OSError:
        return None
    payload = unseal(raw, cache.secret, SNAPSHOT) if raw else None
    if payload is None or payload[:KEY_SIZE] != code_key().encode():
        return None
    if not near and payload[KEY_SIZE : 2 * KEY_SIZE] != key.encode():
        return None
    kept = _unpickled(payload[2 * KEY_SIZE :])
    if kept is not None:
        kept.store = cache
    return kept


def _unpickled(light: bytes) -> Kept | None:
    try:
        found = Restricted(io.BytesIO(light)).load()
    except Exception:  # a sealed snapshot of another shape (another Python?): it is rebuilt
        return None
    shape = [item.name for item in fields(Kept) if item.name not in ("store", "root")]
    return Kept(*found) if isinstance(found, tuple) and len(found) == len(shape) else None


def write(cache: FileCache, key: str, result: LoadResult) -> None:
    """Keep ``result`` for the next run; a folder that cannot be written is skipped."""
    if cache.secret is None:  # pragma: no cover - the cache only writes with a key
        return
    named = {problem.file for problem in result.problems}
    lines = {path: result.files[path].located().lines for path in sorted(named) if path in result.files}
    repository, directives, localities, headers = result.repository, {}, {}, {}
    if repository is not None:
        for name in ("organizations", "endings", "_directory", "derived"):  # computed again when needed
            repository.__dict__.pop(name, None)
        directives, localities = dict(repository.directives), dict(repository.localities)
        headers = dict(repository.headers)
        repository = copy.copy(repository)
        repository.__dict__.pop("headers", None)  # kept apart: made again from them (``result``)
        repository.directives, repository.localities = {}, {}
    files = {relative: (o.digest, o.valid, o.problems) for relative, o in result.outcomes.items()}
    try:
        heavy = pickle.dumps((directives, files), protocol=5)
        known = result.known_tables()
        tables = pickle.dumps(known, protocol=5) if known is not None else b""
        digests = {relative: outcome.digest for relative, outcome in result.outcomes.items()}
        light = (result.problems, sorted(result.files), lines, repository, tuple(directives), digests)
        places = pickle.dumps(localities, protocol=5)
        heads = pickle.dumps(headers, protocol=5)
        data = pickle.dumps((key, *light, tables, tuple(localities), places, heads), protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):  # pragma: no cover
        return
    header = (code_key() + key).encode()
    if len(header) + max(len(data), len(heavy)) > MAX_SNAPSHOT:
        return
    try:
        with opened_folder(cache.folder, create=True) as folder:
            # the models first: a snapshot on disk always has its second file
            write_sealed(folder, models_name(key) + SUFFIX, models_name(key), header + heavy, cache.secret)
            write_sealed(folder, SNAPSHOT_FILE, SNAPSHOT, header + data, cache.secret)
            _remove_others(folder, models_name(key))
    except (OSError, ValueError):
        return


def _remove_others(folder: Folder, kept: str) -> None:
    """The second files of earlier snapshots (a run that read one of those snapshots and asks
    for a model later validates the directives again)."""
    names = os.listdir(folder.fd if folder.fd is not None else folder.path)
    for name in names:
        if name.startswith(SNAPSHOT + "-") and name.endswith(SUFFIX) and name != kept + SUFFIX:
            with contextlib.suppress(OSError):
                os.unlink(folder.at(name), dir_fd=folder.fd)


__all__ = ["MAX_SNAPSHOT", "read", "write"]
