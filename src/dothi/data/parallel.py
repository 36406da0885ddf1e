"""Parsing the files of a cold run on every core.

Parsing is most of a cold run (the first after a change of dothi, a fresh clone in CI), and
libyaml's composer and the walk over its nodes hold the interpreter's lock, so threads would
not help. Forked workers do: each parses its share of the files and hands the plain values back
through a pipe, as the cache holds them (``cache.encode``), which the parent reads as it reads a
cache entry. A fork costs a few milliseconds and shares the parent's imported modules, so below
``MIN_BYTES`` of YAML, or where fork is not the way to start a process (anything but Linux) or
not safe (another thread runs), the files are parsed here, one after the other, as before.

A worker that fails in any way (killed, out of memory, a value the pipe cannot carry) costs
only time: its share is parsed again here, so the result never depends on the workers.

A cold run may start its workers before dothi's libraries are imported (``cli/early.py``, with
:func:`start_early`): the loader then takes them over (:func:`started`, :meth:`Parsing.adopt`)
for each file it finds with the same bytes, and parses any other itself.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import marshal
import os
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from dothi.data.cache import decode, encode
from dothi.data.loader import LoadedFile, load_bytes

MIN_BYTES = 1 << 20  # a megabyte of YAML (about 2,500 items) takes ~0.1 s to parse
MAX_WORKERS = 4  # past four, the parent's reading back costs what another worker saves
HERE_WEIGHT = 0.7  # this process parses less than a worker: it also validates what it parses
# Started before the imports, a worker parses about this much while this process imports (0.2 s),
# which counts as part of this process's share.
IMPORT_BYTES = 1 << 20

Parse = Callable[[str, bytes], LoadedFile]


def parse_for_cache(relative: str, raw: bytes) -> LoadedFile:
    """A file read as the cache keeps it: positions only if a problem asks for one."""
    return load_bytes(relative, raw, positions=False)


class Parsing:
    """Files handed to workers at once, parsed while this process goes on with its own share.

    ``here`` is the share left to this process, to parse itself; ``here_weight`` says how large
    it is against a worker's (less than 1 when this process also validates each file it parses,
    so that it finishes its work when the workers finish theirs). :meth:`collect` waits for the
    workers and gives what they parsed, by path.
    """

    def __init__(
        self,
        files: Sequence[tuple[str, bytes]],
        parse: Parse = parse_for_cache,
        min_bytes: int | None = None,
        here_weight: float = 1.0,
        head_start: int = 0,
    ) -> None:
        enough = MIN_BYTES if min_bytes is None else min_bytes
        workers = _workers() if sum(len(raw) for _, raw in files) >= enough else 1
        shares = _shares(files, workers, here_weight, head_start)
        self.parse = parse
        self.here = shares[0]
        self.children = [(_fork(share, parse), share) for share in shares[1:]]
        self.wanted: set[str] | None = None  # of what the workers parse, what is used (adopt)

    @property
    def elsewhere(self) -> list[tuple[str, bytes]]:
        """The files the workers parse (path, bytes), those used of them once adopted."""
        return [item for _, share in self.children for item in self._used(share)]

    def _used(self, share: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        return share if self.wanted is None else [item for item in share if item[0] in self.wanted]

    def adopt(self, files: Sequence[tuple[str, bytes]]) -> Parsing:
        """This parsing, started early, put to parsing ``files``: the workers' files with the same
        bytes are theirs, the others this process's (``here``). Workers with none are stopped."""
        asked = dict(files)
        self.wanted = {
            relative for _, share in self.children for relative, raw in share if asked.get(relative) == raw
        }
        self.here = [(relative, raw) for relative, raw in files if relative not in self.wanted]
        if not self.wanted:
            self.abandon()
        return self

    def collect(self) -> dict[str, LoadedFile]:
        """What the workers parsed, by path (a failed worker's share parsed here)."""
        parsed: dict[str, LoadedFile] = {}
        for child, share in self.children:
            wanted = self._used(share)
            if wanted:
                parsed.update(_collect(child, share, self.parse, wanted))
            else:
                Parsing._stop(child)
        self.children = []
        return parsed

    def abandon(self) -> None:
        """Stop the workers not collected (the run was interrupted): none is left blocked on a
        pipe that nobody reads, or holding a copy of a lock the parent held when it forked."""
        for child, _ in self.children:
            Parsing._stop(child)
        self.children = []

    @staticmethod
    def _stop(child: tuple[int, int] | None) -> None:
        if child is not None:
            pid, reading = child
            os.close(reading)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


@dataclass
class Early:
    """What a run did for ``root`` before the imports: the files it read, and the workers it
    started on those (None when it started none)."""

    root: Path
    read: dict[str, bytes]
    parsing: Parsing | None


_early: Early | None = None


def start_early(root: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Start the workers of a cold run on ``root``'s ``files`` before dothi is imported; the
    loader takes over the bytes read (:func:`read_early`) and the workers (:func:`started`), and
    any worker it does not take is stopped at exit."""
    global _early
    parsing = Parsing(files, here_weight=HERE_WEIGHT, head_start=IMPORT_BYTES)
    _early = Early(root, dict(files), parsing if parsing.children else None)
    if parsing.children:
        atexit.register(parsing.abandon)


def keep_read(root: Path, files: Mapping[str, bytes]) -> None:
    """Files read for ``root`` before the imports with no worker started (a run that looked for
    what an earlier one kept, and found nothing): the loader takes them as its own reading."""
    global _early
    if _early is None:
        _early = Early(root, dict(files), None)


def read_early(root: Path) -> dict[str, bytes]:
    """The files read for ``root`` before the imports, by path, once: the loader reads them no
    second time (an early read is this run's read of the file, a moment sooner)."""
    if _early is None or _early.root != root:
        return {}
    read, _early.read = _early.read, {}
    return read


def started(root: Path) -> Parsing | None:
    """The parsing started early for ``root``, once: a second load of the run parses itself."""
    global _early
    found, _early = _early, None
    if found is None or found.parsing is None:
        return None
    if found.root != root:
        found.parsing.abandon()
        return None
    return found.parsing


def _workers() -> int:
    """How many processes may parse at once: one per core, when forking is safe."""
    if not sys.platform.startswith("linux"):  # fork is unsafe on macOS and absent on Windows
        return 1
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:  # a lock another thread holds
        return 1  # would stay held in the child forever
    return max(1, min(len(os.sched_getaffinity(0)), MAX_WORKERS))


def _shares(
    files: Sequence[tuple[str, bytes]], workers: int, here_weight: float = 1.0, head_start: int = 0
) -> list[list[tuple[str, bytes]]]:
    """``files`` in up to ``workers`` shares of about the same bytes (the first, this process's,
    ``here_weight`` times a worker's, less ``head_start`` bytes: the time it is busy with
    something else), largest files first; the first share may be empty."""
    weights = [here_weight] + [1.0] * (max(1, min(workers, len(files))) - 1)
    shares: list[list[tuple[str, bytes]]] = [[] for _ in weights]
    sizes = [head_start] + [0] * (len(weights) - 1)
    for item in sorted(files, key=lambda item: len(item[1]), reverse=True):
        lightest = min(range(len(weights)), key=lambda k: (sizes[k] + len(item[1])) / weights[k])
        shares[lightest].append(item)
        sizes[lightest] += len(item[1])
    return [shares[0], *(share for share in shares[1:] if share)]


def _fork(share: list[tuple[str, bytes]], parse: Parse) -> tuple[int, int] | None:
    """A worker parsing ``share``, as (process id, the pipe it writes to); None if none started."""
    try:
        reading, writing = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:  # pragma: no cover - the child: coverage does not follow it, the tests do
        gc.disable()  # it makes objects without cycles, then exits: forked early, it had the collector on
        os.close(reading)
        code = 1
        try:
            payload = marshal.dumps([encode(parse(relative, raw)) for relative, raw in share])
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(payload)
            code = 0
        finally:
            os._exit(code)  # no exit handlers, no flush of the parent's buffers a second time
    os.close(writing)
    return pid, reading


def _collect(
    child: tuple[int, int] | None,
    share: list[tuple[str, bytes]],
    parse: Parse,
    wanted: list[tuple[str, bytes]],
) -> dict[str, LoadedFile]:
    """What a worker parsed of ``wanted`` (its share, or part of it), read back; parsed here if
    the worker failed."""
    if child is not None:
        pid, reading = child
        with os.fdopen(reading, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                entries = marshal.loads(payload)
                names = {relative for relative, _ in wanted}
                return {
                    relative: decode(entry, raw, relative)
                    for (relative, raw), entry in zip(share, entries, strict=True)
                    if relative in names
                }
            except (ValueError, TypeError, EOFError):  # pragma: no cover - a worker cut short
                pass
    return {relative: parse(relative, raw) for relative, raw in wanted}
