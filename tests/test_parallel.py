"""Parsing on several cores: the same files, whatever the workers do (issue 19, the cold path)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PROJECT_ROOT, run_cli
from dothi.data import parallel
from dothi.data.loader import LoadedFile, load_bytes
from test_cache import BYTES, PIECES

FILES = st.lists(st.lists(st.one_of(PIECES, BYTES), max_size=6).map(b"".join), min_size=1, max_size=7).map(
    lambda contents: [(f"data/tasks/f{number}.yaml", raw) for number, raw in enumerate(contents)]
)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Two workers for any amount of YAML, here too (the tests run beside other threads)."""
    monkeypatch.setattr(parallel, "_workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    yield


def parse_files(
    files: list[tuple[str, bytes]],
    parse: parallel.Parse = parallel.parse_for_cache,
    min_bytes: int | None = None,
) -> list[LoadedFile]:
    """Each file parsed, in order: this process's share here, the workers' collected (as the
    repository's reader does, which validates in between)."""
    parsing = parallel.Parsing(files, parse, min_bytes)
    parsed = {relative: parse(relative, raw) for relative, raw in parsing.here}
    parsed.update(parsing.collect())
    return [parsed[relative] for relative, _ in files]


def sequential(files: list[tuple[str, bytes]]) -> list[LoadedFile]:
    return [load_bytes(relative, raw) for relative, raw in files]


@settings(max_examples=40, deadline=None)
@given(FILES, st.integers(min_value=2, max_value=4))
def test_files_parsed_by_workers_are_those_parsed_here(files: list[tuple[str, bytes]], count: int) -> None:
    """Values, problems, refused values, and the positions found again later: all the same."""
    original = parallel._workers
    parallel._workers = lambda: count
    try:
        parsed = parse_files(files, min_bytes=0)
    finally:
        parallel._workers = original
    assert [loaded.located() for loaded in parsed] == sequential(files)


def _fail_in_a_worker(how: str) -> parallel.Parse:
    parent = os.getpid()

    def parse(relative: str, raw: bytes) -> LoadedFile:
        if os.getpid() != parent:
            if how == "raise":
                raise RuntimeError("a worker's bug")
            os._exit(9)  # killed
        return parallel.parse_for_cache(relative, raw)

    return parse


@pytest.mark.parametrize("how", ["raise", "exit"])
def test_a_worker_that_fails_costs_only_time(how: str, workers: None) -> None:
    files = [(f"data/tasks/f{number}.yaml", f"a: {number}\nb: [x, y]\n".encode()) for number in range(6)]
    parsed = parse_files(files, _fail_in_a_worker(how))
    assert [loaded.data for loaded in parsed] == [{"a": str(number), "b": ["x", "y"]} for number in range(6)]


def test_no_fork_beside_another_thread_nor_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock another thread holds at the fork would stay held in the child for ever; macOS and
    Windows do not fork safely or at all."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert parallel._workers() == 1
    finally:
        release.set()
        other.join()
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert parallel._workers() == 1


@given(st.lists(st.binary(max_size=40), max_size=12), st.integers(min_value=1, max_value=4))
def test_shares_hold_every_file_once_and_about_the_same_bytes(contents: list[bytes], count: int) -> None:
    files = [(f"f{number}", raw) for number, raw in enumerate(contents)]
    shares = parallel._shares(files, count)
    assert sorted(item for share in shares for item in share) == sorted(files)
    assert len(shares) <= count
    sizes = [sum(len(raw) for _, raw in share) for share in shares]
    if len(shares) > 1:
        assert max(sizes) - min(sizes) <= max(len(raw) for raw in contents)


def test_a_cold_run_on_workers_says_what_a_run_without_them_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project's own data, cold, parsed by two workers, then by one: the same status and
    the same validation, and the second run of each reads what the first left in the cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    forks: list[int] = []
    fork = parallel._fork

    def counted(*args: Any) -> tuple[int, int] | None:
        forks.append(1)
        return fork(*args)

    monkeypatch.setattr(parallel, "_fork", counted)
    answers = []
    for count in (2, 1):
        root = tmp_path / f"repo-{count}"
        shutil.copytree(PROJECT_ROOT / "data", root / "data")
        monkeypatch.setattr(parallel, "_workers", lambda count=count: count)
        monkeypatch.setattr(parallel, "MIN_BYTES", 0)
        runs = [
            run_cli("--root", str(root), *command)
            for command in (("status", "--as-of", "1/12/2026", "--format", "json"), ("validate",)) * 2
        ]
        answers.append([(run.exit_code, run.stdout.replace(str(root), "ROOT")) for run in runs])
    assert len(forks) == 1  # two workers, the first cold run only: the cache had the rest
    assert answers[0] == answers[1]
    assert answers[0][0][0] == 0 and answers[0][0] == answers[0][2]


def test_this_process_keeps_the_smaller_share_when_it_also_validates() -> None:
    """It validates as it parses, while a worker only parses: its share is ``here_weight`` of a
    worker's, and every file is still parsed once."""
    files = [(f"f{number}", b"x" * 1000) for number in range(100)]
    here, *workers = parallel._shares(files, 2, here_weight=0.7)
    assert len(here) == 41 and [len(share) for share in workers] == [59]
    assert sorted(here + workers[0]) == sorted(files)
    assert parallel._shares(files[:1], 4, here_weight=0.5) == [files[:1]]  # one file: no worker


def test_a_head_start_is_counted_in_this_process_share() -> None:
    """Started before the imports, the workers parse while this process imports: the bytes they
    parse meanwhile count as part of this process's share."""
    files = [(f"f{number}", b"x" * 1000) for number in range(100)]
    here, *workers = parallel._shares(files, 2, here_weight=0.7, head_start=17_000)
    assert len(here) == 31 and [len(share) for share in workers] == [69]
    here, *workers = parallel._shares(files, 2, here_weight=0.7, head_start=1_000_000)
    assert here == [] and workers == [files]  # busy throughout: a worker parses everything


def test_an_interrupted_run_leaves_no_worker_behind(workers: None) -> None:
    files = [(f"data/tasks/f{number}.yaml", b"a: 1\n" * 20000) for number in range(4)]  # fills a pipe
    parsing = parallel.Parsing(files)
    pids = [child[0] for child, _ in parsing.children if child is not None]
    assert pids
    parsing.abandon()
    for pid in pids:
        with pytest.raises(ChildProcessError):  # reaped: no such child any more
            os.waitpid(pid, os.WNOHANG)
    assert parsing.collect() == {}


def test_one_worker_a_core_up_to_four_where_forking_is_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.sys, "platform", "linux")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(16)))
    assert parallel._workers() == parallel.MAX_WORKERS
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0})
    assert parallel._workers() == 1


@pytest.mark.parametrize("call", ["pipe", "fork"])
def test_no_process_or_pipe_to_be_had_means_parsing_here(
    call: str, workers: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: Any) -> Any:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, call, refused)
    files = [(f"data/tasks/f{number}.yaml", f"a: {number}\n".encode()) for number in range(4)]
    assert [loaded.data for loaded in parse_files(files)] == [{"a": str(n)} for n in range(4)]
