"""Issue 19: a warm run takes a file's digest from its stat, when a run before it saw the same stat.

Reading every file to hash it was 0.1–0.15 s of each warm run at 100,000 items (2,700 files),
and an edit did it twice. A file's digest is now remembered with its size, times and inode
(``listing.digest_of``, ``cache.FileCache.known_digest``), as git's index remembers them, and a
file whose stat shows a recent write is read every time (``listing.SETTLED_NS``).
"""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run_cli
from dothi.data import listing
from dothi.data.cache import CACHE_DIR, SEEN_FILE, SHARD_SUFFIX, key_folder, open_cache, seal
from dothi.data.listing import list_data, seen_of

FIXTURE = Path(__file__).parent / "fixtures" / "edit"
TASKS = "data/tasks/tb-100.yaml"
STATUS = ("status", "--as-of", "1/9/2025", "--all", "--format", "json")
SEEN = CACHE_DIR + "/" + SEEN_FILE + SHARD_SUFFIX


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file as if written long ago (the fixture's were written a moment ago)."""
    monkeypatch.setattr(listing, "SETTLED_NS", -(10**30))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """The data files read since the last call, by name."""
    found: list[str] = []
    read_bytes = Path.read_bytes

    def spying(path: Path) -> bytes:
        if "data" in path.parts and path.suffix == ".yaml":
            found.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", spying)

    def taken() -> list[str]:
        names = sorted(found)
        found.clear()
        return names

    return taken


def files(root: Path) -> list[str]:
    return sorted(path.name for path in (root / "data").rglob("*.yaml"))


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    run = run_cli("--root", str(root), *args)
    return run.exit_code, run.stdout, run.stderr


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("command", [("validate",), STATUS, ("check",)])
def test_a_warm_run_reads_no_file_its_stat_stands_for(
    root: Path, reads: Callable[[], list[str]], command: tuple[str, ...]
) -> None:
    cold = cli(root, *command)
    assert cli(root, *command) == cold  # the values from the cache, which keeps them by bytes
    assert reads() == sorted(files(root) * 2)
    assert cli(root, *command) == cold  # from the snapshot (or the day's items)
    assert reads() == []
    assert cli(root, *command) == cold == cli(root, "--no-cache", *command)


def test_a_file_written_a_moment_ago_is_read_by_every_run(root: Path, reads: Callable[[], list[str]]) -> None:
    first = cli(root, *STATUS)
    reads()
    for _ in range(3):
        assert cli(root, *STATUS) == first
        assert reads() == files(root)
    assert not (root / SEEN).exists()  # nothing was noted


@pytest.mark.usefixtures("settled")
def test_a_file_written_again_with_its_size_and_time_kept_is_read_again(
    root: Path, reads: Callable[[], list[str]]
) -> None:
    """A write changes the file's change time (ctime), which no program can set back."""
    before = cli(root, *STATUS)
    assert cli(root, *STATUS) == before
    path = root / TASKS
    text = path.read_text(encoding="utf-8")
    assert "15/8/2025" in text
    times = os.stat(path)
    path.write_text(text.replace("15/8/2025", "25/8/2025"), encoding="utf-8")  # the same size
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert os.stat(path).st_size == times.st_size and os.stat(path).st_mtime_ns == times.st_mtime_ns
    reads()
    after = cli(root, *STATUS)
    assert "tb-100.yaml" in reads()
    assert after != before
    assert after == cli(root, "--no-cache", *STATUS)


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize("command", [("validate",), STATUS])
def test_a_stat_that_does_not_tell_the_bytes_costs_a_read_not_a_wrong_answer(
    root: Path, reads: Callable[[], list[str]], command: tuple[str, ...]
) -> None:
    """The remembered digest of a file is wrong (as when a second write landed within the
    first's time stamp): once the run loads the files it sees that, answers from the bytes,
    and forgets the digest, so the next run reads the file and notes it anew."""
    assert cli(root, *command) == cli(root, *command)
    cache = open_cache(root, key_folder(os.environ))
    cache.note_digest(TASKS, seen_of(os.stat(root / TASKS)), "0" * 64)
    cache.flush()
    reads()
    assert cli(root, *command) == cli(root, "--no-cache", *command)
    assert "tb-100.yaml" in reads()
    cache = open_cache(root, key_folder(os.environ))
    assert cache.known_digest(TASKS, seen_of(os.stat(root / TASKS))) is None
    cli(root, *command)
    cache = open_cache(root, key_folder(os.environ))
    assert cache.known_digest(TASKS, seen_of(os.stat(root / TASKS))) not in (None, "0" * 64)


@pytest.mark.usefixtures("settled")
def test_an_edit_reads_no_other_file_and_what_it_wrote_is_read_next(
    root: Path, reads: Callable[[], list[str]]
) -> None:
    assert cli(root, "validate") == cli(root, "validate")
    before = cli(root, *STATUS)
    reads()
    done = cli(root, "done", "t1", "--on", "1/9/2025", "--dry-run")
    assert done[0] == 0
    assert set(reads()) == {"tb-100.yaml"}  # the edit's own file: its values, and to be edited
    assert cli(root, "done", "t1", "--on", "1/9/2025")[0] == 0
    reads()
    after = cli(root, *STATUS)
    assert "tb-100.yaml" in reads()  # written now: its stat is not taken for its bytes
    assert after == cli(root, "--no-cache", *STATUS)
    assert after != before


@pytest.mark.usefixtures("settled")
def test_the_digests_are_sealed_and_of_the_files_there(root: Path, tmp_path: Path) -> None:
    cli(root, "validate")
    cli(root, "validate")
    seen = root / SEEN
    cache = open_cache(root, key_folder(os.environ))
    noted = seen_of(os.stat(root / TASKS))
    assert cache.known_digest(TASKS, noted) is not None
    # sealed with another user's key, or not in the shape dothi writes: not believed
    seen.write_bytes(seal(b"k" * 32, SEEN_FILE, seen.read_bytes()[40:]))
    assert open_cache(root, key_folder(os.environ)).known_digest(TASKS, noted) is None
    cli(root, "validate")
    assert open_cache(root, key_folder(os.environ)).known_digest(TASKS, noted) is not None
    # a file removed: its digest is dropped by the next run that reads every file
    (root / "data/localities/ha-noi.yaml").unlink()
    cli(root, "--no-cache", "validate")
    cli(root, "validate")
    cache = open_cache(root, key_folder(os.environ))
    cache.known_digest(TASKS, noted)
    assert cache.seen is not None and "data/localities/ha-noi.yaml" not in cache.seen
    assert set(cache.seen) == list_data(root).files


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize(
    "forged",
    [
        lambda stat, digest: [*stat, digest],  # a list
        lambda stat, digest: (*stat[:4], digest),  # a number short
        lambda stat, digest: (*stat, digest.encode()),  # bytes for the digest
        lambda stat, digest: (*stat, digest, "more"),  # one more
        lambda stat, digest: (*stat[:4], str(stat[4]), digest),  # a number as text
    ],
)
def test_an_entry_not_in_the_shape_dothi_writes_costs_a_read_and_is_written_again(
    root: Path, reads: Callable[[], list[str]], forged: Callable[[tuple[int, ...], str], object]
) -> None:
    """Sealed with the user's key (an older dothi wrote it) but not five numbers and a digest:
    the file is read, and the next run reads it no more."""
    cli(root, "validate")
    cli(root, "validate")
    seen = root / SEEN
    cache = open_cache(root, key_folder(os.environ))
    noted = seen_of(os.stat(root / TASKS))
    digest = cache.known_digest(TASKS, noted)
    assert digest is not None and cache.seen is not None and cache.secret is not None
    entries = {**cache.seen, TASKS: forged(noted, digest)}
    seen.write_bytes(seal(cache.secret, SEEN_FILE, marshal.dumps(entries)))
    reads()
    assert cli(root, "validate")[0] == 0 and reads() == [TASKS.rsplit("/", 1)[1]]
    assert cli(root, "validate")[0] == 0 and reads() == []
    assert open_cache(root, key_folder(os.environ)).known_digest(TASKS, noted) == digest


@pytest.mark.usefixtures("settled")
def test_without_a_key_or_in_ci_nothing_is_noted(root: Path) -> None:
    cli(root, "--no-cache", "validate")
    run_cli("--root", str(root), "validate", env={"CI": "true"})
    assert not (root / SEEN).exists()


@pytest.mark.usefixtures("settled")
def test_where_a_files_ctime_is_not_its_last_change_every_file_is_read(
    root: Path, reads: Callable[[], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows: a copy over a file that keeps its size and write time would keep its stat."""
    monkeypatch.setattr(listing, "STAT_TELLS", False)
    first = cli(root, *STATUS)
    reads()
    assert cli(root, "validate")[0] == 0 and cli(root, *STATUS) == first
    assert reads() == sorted(files(root) * 2)
    assert not (root / SEEN).exists()
