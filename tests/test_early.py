"""A cold run starts parsing before the imports (issue 19, the cold path): the same answers, and
no worker left behind, whatever the run turns out to be."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import dothi.cli
from conftest import PROJECT_ROOT, run_cli
from dothi.cli.early import parse_early
from dothi.data import cache, parallel

STATUS = ("status", "--as-of", "1/12/2026", "--format", "json")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[int]]:
    """Workers for any amount of YAML, counted as they are forked; the user's key in tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("DOTHI_ROOT", raising=False)
    monkeypatch.setattr(parallel, "_workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    counted: list[int] = []
    fork = parallel._fork

    def counting(*args: Any) -> tuple[int, int] | None:
        child = fork(*args)
        counted.append(child[0] if child is not None else 0)
        return child

    monkeypatch.setattr(parallel, "_fork", counting)
    yield counted
    parallel.started(Path("/"))  # a test that failed half-way leaves no worker to the next


def project_copy(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    return root


def reaped(pids: list[int]) -> bool:
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def test_a_run_started_early_says_what_a_run_without_it_says(tmp_path: Path, forks: list[int]) -> None:
    """Cold, the workers start before the imports and the loader takes them over (no second
    fork); the next run finds the cache this code wrote and starts none."""
    early, plain = project_copy(tmp_path, "early"), project_copy(tmp_path, "plain")
    parse_early(["--root", str(early), *STATUS], os.environ)
    assert len(forks) == 1
    started = run_cli("--root", str(early), *STATUS)
    assert len(forks) == 1 and parallel._early is None and reaped(forks)
    parse_early(["--root", str(early), *STATUS], os.environ)
    assert len(forks) == 1  # warm: nothing started
    without = run_cli("--root", str(plain), *STATUS)
    assert len(forks) == 2  # the loader's own workers, once the imports are done
    assert started.exit_code == 0
    assert started.stdout.replace(str(early), "ROOT") == without.stdout.replace(str(plain), "ROOT")


def test_a_run_started_early_reads_each_file_once(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project_copy(tmp_path, "repo")
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        reads.append(path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    parse_early(["--root", str(root), "validate"], os.environ)
    assert run_cli("--root", str(root), "validate").exit_code == 0
    data = [relative for relative in reads if relative.startswith("data/")]
    assert sorted(data) == sorted(set(data)) and len(data) > 30


def test_dothi_starts_parsing_before_it_imports_the_application(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project_copy(tmp_path, "repo")
    monkeypatch.setattr(sys, "argv", ["dothi", "--root", str(root), "validate", "--format", "json"])
    monkeypatch.setenv("NO_COLOR", "1")
    with pytest.raises(SystemExit) as stopped:
        dothi.cli.main()
    assert stopped.value.code == 0
    assert '"errors": 0' in capsys.readouterr().out
    assert len(forks) == 1 and parallel._early is None and reaped(forks)


@pytest.mark.parametrize(
    "args",
    [
        ["init"],  # reads no data
        ["done", "some-task"],  # an edit reads under its lock
        ["status", "--help"],
        ["--help", "status"],
        ["statu"],
        [],
    ],
)
def test_nothing_starts_for_a_run_that_does_not_read_every_file(
    args: list[str], tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project_copy(tmp_path, "repo"))
    parse_early(args, os.environ)
    assert forks == [] and parallel._early is None


def test_nothing_starts_outside_a_repository(
    tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    parse_early(["status"], os.environ)
    parse_early(["--root", str(tmp_path / "nowhere"), "status"], os.environ)
    assert forks == []


def test_a_cold_cache_is_guessed_before_it_is_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project_copy(tmp_path, "repo")
    environ = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    assert cache.cold(root, environ, no_cache=False)  # no key yet: the first run ever
    monkeypatch.setenv("XDG_CACHE_HOME", environ["XDG_CACHE_HOME"])
    assert run_cli("--root", str(root), "validate").exit_code == 0  # parses, makes the key, notes the code
    assert (root / cache.CACHE_DIR / cache.CODE_FILE).read_text() == cache.code_key()
    assert not cache.cold(root, environ, no_cache=False)
    assert cache.cold(root, environ, no_cache=True)
    assert cache.cold(root, {**environ, "CI": "true"}, no_cache=False)
    assert cache.cold(root, {}, no_cache=False)  # no home: the cache lives in memory
    (root / cache.CACHE_DIR / cache.CODE_FILE).write_text("0" * 64)  # another dothi wrote entries
    assert cache.cold(root, environ, no_cache=False)
    with (root / "data" / "members.yaml").open("a") as members:
        members.write("# a change\n")
    assert run_cli("--root", str(root), "validate").exit_code == 0
    assert not cache.cold(root, environ, no_cache=False)  # this code parsed again, and noted it


FILES = [(f"data/tasks/f{number}.yaml", f"a: {number}\n".encode() * 50) for number in range(6)]


def test_workers_started_early_give_only_the_files_read_with_the_same_bytes(forks: list[int]) -> None:
    parsing = parallel.Parsing(FILES)
    theirs = dict(parsing.elsewhere)
    changed = next(iter(theirs))
    asked = [(relative, b"b: 1\n" if relative == changed else raw) for relative, raw in FILES[1:]]
    parsing.adopt([*asked, ("data/tasks/new.yaml", b"c: 2\n")])
    assert parsing.wanted == set(theirs) - {changed, FILES[0][0]}
    assert {relative for relative, _ in parsing.here} == {r for r, _ in asked} - parsing.wanted | {
        "data/tasks/new.yaml"
    }
    collected = parsing.collect()
    assert set(collected) == parsing.wanted
    assert all(
        collected[r].data == {"a": r.removeprefix("data/tasks/f").removesuffix(".yaml")} for r in collected
    )
    assert reaped(forks)


def test_workers_nobody_takes_are_stopped(tmp_path: Path, forks: list[int]) -> None:
    parallel.start_early(tmp_path, FILES)
    assert len(forks) == 1
    assert parallel.started(tmp_path / "elsewhere") is None  # another repository: stopped
    assert reaped(forks) and parallel.started(tmp_path) is None
    parallel.start_early(tmp_path, FILES)
    taken = parallel.started(tmp_path)
    assert taken is not None and parallel.started(tmp_path) is None  # taken once
    taken.adopt([("data/tasks/other.yaml", b"a: 1\n")])  # none of theirs: stopped at once
    assert reaped(forks) and taken.collect() == {}
