"""The cache of loaded files (.dothi-cache/): never stale, never harmful, safe to delete."""

from __future__ import annotations

import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from dothi.data import cache as cache_module
from dothi.data.cache import CACHE_DIR, HEADER_SIZE, SHARD_SUFFIX, FileCache, decode, encode, seal
from dothi.data.loader import load_bytes

TASKS = """\
directive:
  number: 100/QĐ-TTg
  kind: quyet-dinh
  date: 2025-07-01
  issuer: vpcp
  subject: Về đô thị thông minh
tasks:
  - id: t1
    title: Trình Nghị định
    lead: bxd
    deadline: trước ngày 15/8/2025
"""
BROKEN = TASKS.replace("    lead: bxd\n", "    lead: bxd\n    deadlne: 1/9/2025\n")


@pytest.fixture(autouse=True)
def key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The key that signs the cache lives here, not in the user's own ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CI", raising=False)
    return tmp_path / "xdg"


def secret(key_home: Path) -> bytes:
    return (key_home / "dothi" / "key").read_bytes()


def shards(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("*" + SHARD_SUFFIX))


def entries(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry of every shard, by key."""
    found: dict[str, tuple[Any, ...]] = {}
    for shard in shards(root):
        found.update(marshal.loads(shard.read_bytes()[HEADER_SIZE:]))
    return found


def status_json(root: Path, *options: str) -> str:
    result = run_cli(
        "--root", str(root), *options, "status", "--as-of", "1/9/2025", "--all", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def validate_text(root: Path, *options: str) -> tuple[int, str]:
    result = run_cli("--root", str(root), *options, "validate")
    return result.exit_code, result.stdout


def test_a_second_run_reads_the_cache_and_says_the_same(repo: Callable[..., Path]) -> None:
    root = repo({"data/tasks/qd-100.yaml": TASKS})
    first = status_json(root)
    assert len(entries(root)) == 2  # members.yaml and the task file
    assert (root / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    stamps = [shard.stat().st_mtime_ns for shard in shards(root)]
    assert status_json(root) == first
    assert [shard.stat().st_mtime_ns for shard in shards(root)] == stamps  # read, not rewritten


def test_a_changed_file_is_read_again_and_its_old_entry_dropped(repo: Callable[..., Path]) -> None:
    root = repo({"data/tasks/qd-100.yaml": TASKS})
    status_json(root)
    before = set(entries(root))
    (root / "data/tasks/qd-100.yaml").write_text(TASKS.replace("Trình Nghị định", "Ban hành Nghị định"))
    assert '"title": "Ban hành Nghị định"' in status_json(root)
    after = set(entries(root))
    assert len(after) == 2
    assert len(before & after) == 1  # members.yaml's entry is kept


def test_problems_come_back_from_the_cache_at_their_lines(repo: Callable[..., Path]) -> None:
    root = repo({"data/tasks/qd-100.yaml": BROKEN})
    cold = validate_text(root)
    assert cold[0] == 1
    assert "data/tasks/qd-100.yaml:11:5: error unknown-key" in cold[1]
    assert validate_text(root) == cold
    assert validate_text(root, "--no-cache") == cold


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", marshal.dumps([1, 2]), "bad entries"])
def test_a_corrupt_shard_or_entry_is_ignored_and_rebuilt(
    repo: Callable[..., Path], key_home: Path, damage: bytes | str
) -> None:
    root = repo({"data/tasks/qd-100.yaml": TASKS})
    first = status_json(root)
    for shard in shards(root):
        if isinstance(damage, bytes):
            shard.write_bytes(damage)
        else:
            bad = dict.fromkeys(marshal.loads(shard.read_bytes()[HEADER_SIZE:]), (1, "x"))
            shard.write_bytes(seal(secret(key_home), shard.stem, marshal.dumps(bad)))
    assert status_json(root) == first
    assert len(entries(root)) == 2
    assert all(decode(entry, b"") for entry in entries(root).values())


def test_an_entry_of_an_older_layout_is_not_used(repo: Callable[..., Path], key_home: Path) -> None:
    root = repo({"data/tasks/qd-100.yaml": TASKS})
    status_json(root)
    old = {key: (cache_module.FORMAT - 1, *entry[1:]) for key, entry in entries(root).items()}
    with pytest.raises(ValueError, match="layout"):
        decode(next(iter(old.values())), b"")
    for shard in shards(root):
        mine = marshal.dumps({k: v for k, v in old.items() if k[0] == shard.stem})
        shard.write_bytes(seal(secret(key_home), shard.stem, mine))
    status_json(root)
    assert {entry[0] for entry in entries(root).values()} == {cache_module.FORMAT}


def test_another_version_of_dothi_has_other_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    store = FileCache(tmp_path, None)
    key = store.key("data/members.yaml", b"x: 1\n")
    monkeypatch.setattr(cache_module, "__version__", "9.9.9")
    assert store.key("data/members.yaml", b"x: 1\n") != key
    assert store.key("data/members.yaml", b"x: 2\n") != key


def test_no_cache_neither_reads_nor_writes(repo: Callable[..., Path]) -> None:
    root = repo({"data/tasks/qd-100.yaml": TASKS})
    status_json(root, "--no-cache")
    assert not (root / CACHE_DIR).exists()


def test_a_cache_path_that_is_a_file_still_works(repo: Callable[..., Path]) -> None:
    root = repo({"data/tasks/qd-100.yaml": TASKS})
    (root / CACHE_DIR).write_text("not a folder\n")
    assert '"id": "t1"' in status_json(root)
    assert (root / CACHE_DIR).read_text() == "not a folder\n"


# Whatever the loader makes of any input, the cache gives back the same.
PIECES = st.sampled_from(
    [
        "a: 1\n",
        "- x\n",
        "b: [1, 2]\n",
        "c: {d: e}\n",
        "&x f: 1\n",
        "g: *x\n",
        "<<: *x\n",
        "\t\n",
        "h: ~\n",
        "i: !!python/object:os.system x\n",
        "j: 'ệ'\n",
        "k: e\u0301\n",
        "<<<<<<< HEAD\n",
        "l: [\n",
        "m: n: o\n",
        "a: 2\n",
        "---\n",
        "? [p]\n: q\n",
    ]
).map(lambda piece: piece.encode("utf-8"))
BYTES = st.sampled_from([b"\xff", b"\xef\xbb\xbf", b"\xc3"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, BYTES), max_size=8).map(b"".join))
def test_an_entry_gives_back_exactly_what_the_loader_made(raw: bytes) -> None:
    loaded = load_bytes("data/tasks/x.yaml", raw)
    again = decode(marshal.loads(marshal.dumps(encode(loaded))), raw)
    assert again.raw == raw and not again.values  # the positions are found again only when asked for
    assert again.located() == loaded


def test_problems_read_back_from_the_cache_point_where_a_fresh_read_points(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    """The cache keeps no positions: a problem finds its line again from the file's bytes, the
    same line as on the first run (an id defined twice, an unknown reference, a wrong key)."""
    second = TASKS.replace("100/QĐ-TTg", "101/QĐ-TTg").replace("lead: bxd", "lead: bxx")
    files = {"data/tasks/qd-100.yaml": BROKEN, "data/tasks/qd-101.yaml": second}
    root = repo(files)
    cold = validate_text(root)
    assert cold[0] == 1
    assert "qd-100.yaml:11" in cold[1] and "qd-101.yaml:8" in cold[1] and "qd-101.yaml:10" in cold[1]
    assert validate_text(root) == cold  # from the shards, positions found again
    assert validate_text(root) == cold  # and once more, from the snapshot
    assert all(len(entry) == 5 for entry in entries(root).values())  # no positions, no lines kept


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, BYTES), max_size=8).map(b"".join))
def test_a_file_read_without_positions_is_the_same_file(raw: bytes) -> None:
    """Values, problems and refused values do not depend on recording positions, and the
    positions found again afterwards are those a full read records."""
    full = load_bytes("data/tasks/x.yaml", raw)
    plain = load_bytes("data/tasks/x.yaml", raw, positions=False)
    assert (plain.data, plain.problems, plain.refused) == (full.data, full.problems, full.refused)
    assert plain.raw == raw and not plain.values and not plain.keys
    assert plain.located() == full


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose bytes the cache hashes into a key, each time it does."""
    keys: list[str] = []
    key = FileCache.key
    monkeypatch.setattr(
        FileCache, "key", lambda self, relative, raw: keys.append(relative) or key(self, relative, raw)
    )
    return keys


def test_a_file_the_cache_missed_is_hashed_once_for_get_and_put(tmp_path: Path, hashed: list[str]) -> None:
    store = FileCache(tmp_path / CACHE_DIR, b"k" * 32)
    raw = TASKS.encode()
    assert store.get("data/tasks/qd-100.yaml", raw) is None
    store.put("data/tasks/qd-100.yaml", raw, load_bytes("data/tasks/qd-100.yaml", raw, positions=False))
    assert hashed == ["data/tasks/qd-100.yaml"]
    assert store.get("data/tasks/qd-100.yaml", raw) is not None  # and the entry is where get looks


def test_a_file_asked_for_twice_before_it_is_put_is_hashed_once(tmp_path: Path, hashed: list[str]) -> None:
    """The reader asks the cache for every file up front, then again as it takes each one."""
    store = FileCache(tmp_path / CACHE_DIR, b"k" * 32)
    raw = TASKS.encode()
    assert store.get("data/tasks/qd-100.yaml", raw) is None
    assert store.get("data/tasks/qd-100.yaml", raw) is None
    assert store.get("data/tasks/qd-100.yaml", BROKEN.encode()) is None  # other bytes: asked anew
    assert hashed == ["data/tasks/qd-100.yaml"] * 2


def test_a_run_that_read_one_file_keeps_the_entries_of_the_others(tmp_path: Path) -> None:
    """An edit answered from the snapshot reads the file it changes and no other: the entries of
    the files beside it in that shard are not stale, and the next run must not parse them."""
    secret, raw = b"k" * 32, TASKS.encode()
    names = [f"data/tasks/qd-{number}.yaml" for number in range(100)]
    shard = FileCache(tmp_path, secret).key(names[0], raw)[0]
    beside = [n for n in names if FileCache(tmp_path, secret).key(n, raw)[0] == shard]
    assert len(beside) >= 2  # 100 names in 16 shards
    whole = FileCache(tmp_path / CACHE_DIR, secret)
    for name in beside:
        assert whole.get(name, raw) is None
        whole.put(name, raw, load_bytes(name, raw, positions=False))
    whole.keep_result("every file", None, persist=True)  # a whole result of the disk was made
    whole.flush(snapshot=False)
    one = FileCache(tmp_path / CACHE_DIR, secret)
    assert one.get(beside[0], raw) is not None
    one.flush(snapshot=False)
    later = FileCache(tmp_path / CACHE_DIR, secret)
    assert all(later.get(name, raw) is not None for name in beside)
    later.keep_result("every file", None, persist=True)  # this run asked for every file but one
    later.used.discard(later.key(beside[-1], raw))
    later.flush(snapshot=False)
    assert FileCache(tmp_path / CACHE_DIR, secret).get(beside[-1], raw) is None  # stale: dropped
