"""Issue 21, items 11, 5 and 4: a cache that is not believed, ids that do not exist, init into a file.

The cache (.dothi-cache/) sits in the data repository, where a pull request or a CI cache restore can
put anything. These tests forge, break and redirect it, and check that dothi says what the files
say, never crashes, never reads a device or a FIFO, and never writes outside the repository.
"""

from __future__ import annotations

import marshal
import os
import resource
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import PROJECT_ROOT, Run, run_cli
from dothi.data import cache as cache_module
from dothi.data.cache import (
    CACHE_DIR,
    CODE_FILE,
    SECRET_SIZE,
    SHARD_SUFFIX,
    FileCache,
    encode,
    read_regular,
    seal,
    source_fingerprint,
    unseal,
    user_secret,
)
from dothi.data.loader import load_bytes
from test_cache import TASKS  # the same small directive the cache's own tests use

CONFLICTED = TASKS.replace(
    "    lead: bxd\n", "<<<<<<< HEAD\n    lead: bxd\n=======\n    lead: bkhcn\n>>>>>>> other\n"
)
TASK_FILE = "data/tasks/qd-100.yaml"
ANOTHER_KEY = b"k" * SECRET_SIZE


@pytest.fixture(autouse=True)
def key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder of the key that signs the cache: the test's own, not the user's ~/.cache/dothi."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CI", raising=False)
    return tmp_path / "xdg" / "dothi"


def validate(root: Path, *options: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = run_cli("--root", str(root), *options, "validate", env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout


def shard_of(root: Path, relative: str) -> Path:
    raw = (root / relative).read_bytes()
    return root / CACHE_DIR / (FileCache(root / CACHE_DIR, None).key(relative, raw)[0] + SHARD_SUFFIX)


def forged(root: Path, relative: str, shown: str) -> dict[str, Any]:
    """A shard entry for the file's real bytes that holds what the loader made of ``shown``."""
    raw = (root / relative).read_bytes()
    key = FileCache(root / CACHE_DIR, None).key(relative, raw)
    return {key: encode(load_bytes(relative, shown.encode()))}


def plant(root: Path, relative: str, content: bytes) -> Path:
    """Write ``content`` as the shard that would hold ``relative``'s entry."""
    shard = shard_of(root, relative)
    shard.parent.mkdir(exist_ok=True)
    shard.write_bytes(content)
    return shard


def sealed_by(secret: bytes, shard: Path, entries: dict[str, Any]) -> bytes:
    return seal(secret, shard.stem, marshal.dumps(entries))


# --- forged and broken shards ------------------------------------------------------------------


@pytest.mark.parametrize("how", ["unsigned, as dothi wrote shards before", "signed with another key"])
def test_a_forged_shard_does_not_hide_a_conflict_marker(
    repo: Callable[..., Path], key_home: Path, how: str
) -> None:
    root = repo({TASK_FILE: CONFLICTED})
    truth = validate(root, "--no-cache")
    assert truth[0] == 1
    assert f"{TASK_FILE}:10:1: error conflict-marker" in truth[1]
    entries = forged(root, TASK_FILE, shown=TASKS)
    shard = shard_of(root, TASK_FILE)
    content = marshal.dumps(entries) if how.startswith("unsigned") else sealed_by(ANOTHER_KEY, shard, entries)
    plant(root, TASK_FILE, content)
    assert validate(root) == truth
    mine = unseal(shard.read_bytes(), (key_home / "key").read_bytes(), shard.stem)
    assert mine is not None  # rebuilt from the file and signed with this user's key
    # the task file's own entry: members.yaml may share its shard, as the code fingerprint falls
    key = FileCache(root / CACHE_DIR, None).key(TASK_FILE, (root / TASK_FILE).read_bytes())
    problems = cache_module.decode(marshal.loads(mine)[key], b"").problems
    assert {problem.code for problem in problems} == {"conflict-marker"}


def _problems_none(entry: tuple[Any, ...]) -> Any:
    return (*entry[:3], None, *entry[4:])


def _another_path(entry: tuple[Any, ...]) -> Any:
    return (entry[0], "data/members.yaml", *entry[2:])


@pytest.mark.parametrize(
    ("signed", "damage"),
    [
        pytest.param(False, _problems_none, id="unsigned-problems-none"),
        pytest.param(True, _problems_none, id="signed-problems-none"),
        pytest.param(True, lambda entry: list(entry), id="signed-list"),
        pytest.param(True, lambda entry: entry[:4], id="signed-short"),
        pytest.param(True, _another_path, id="signed-another-file"),
        pytest.param(True, lambda entry: (*entry[:3], [("x",)], entry[4]), id="signed-bad-problem"),
    ],
)
def test_a_shard_of_the_wrong_shape_is_discarded(
    repo: Callable[..., Path], key_home: Path, signed: bool, damage: Callable[[tuple[Any, ...]], Any]
) -> None:
    root = repo({TASK_FILE: TASKS})
    truth = validate(root, "--no-cache")
    entries = {key: damage(entry) for key, entry in forged(root, TASK_FILE, shown=TASKS).items()}
    shard = shard_of(root, TASK_FILE)
    secret = user_secret(key_home)
    assert secret is not None
    plant(root, TASK_FILE, sealed_by(secret, shard, entries) if signed else marshal.dumps(entries))
    assert validate(root) == truth
    payload = unseal(shard.read_bytes(), secret, shard.stem)
    assert payload is not None
    assert [cache_module.decode(entry, b"") for entry in marshal.loads(payload).values()]  # rewritten whole


def _dothi_in_a_child(root: Path, key_home: Path, tmp_path: Path) -> tuple[int, str, str, int]:
    """Run validate in a process of its own, memory capped at 1 GiB and killed after a minute:
    its exit code, output, errors and peak resident memory in KiB (its own, from wait4)."""

    def cap() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {**os.environ, "XDG_CACHE_HOME": str(key_home.parent), "NO_COLOR": "1"}
    env.pop("CI", None)
    out, err = tmp_path / "child.out", tmp_path / "child.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "dothi", "--root", str(root), "validate"],
            stdout=stdout,
            stderr=stderr,
            env=env,
            preexec_fn=cap,
        )
    timer = threading.Timer(60, child.kill)  # a FIFO opened for reading waits for ever
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, out.read_text(), err.read_text(), usage.ru_maxrss


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX only")
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_shard_that_is_a_device_or_a_fifo_is_not_read(
    repo: Callable[..., Path], key_home: Path, tmp_path: Path, target: str
) -> None:
    root = repo({TASK_FILE: TASKS})
    truth = validate(root, "--no-cache")
    shard = shard_of(root, TASK_FILE)
    shard.parent.mkdir()
    if target == "fifo":
        os.mkfifo(shard)  # opening it to read would wait for ever for a writer
    else:
        shard.symlink_to(target)  # reading it would never end, nor stop growing
    code, stdout, stderr, peak_kib = _dothi_in_a_child(root, key_home, tmp_path)
    assert (code, stdout, stderr) == (truth[0], truth[1], "")
    # Reading /dev/zero whole would have run into the 1 GiB cap and died. The peak memory wait4
    # reports cannot be asserted: Linux carries into it the pre-exec pages of the forked test process.
    del peak_kib
    assert stat.S_ISREG(os.lstat(shard).st_mode)  # replaced by a shard of dothi's own


def test_read_regular_reads_only_a_regular_file_of_bounded_size(tmp_path: Path) -> None:
    (tmp_path / "small").write_bytes(b"12345")
    (tmp_path / "link").symlink_to(tmp_path / "small")
    (tmp_path / "folder").mkdir()
    assert read_regular(str(tmp_path / "small"), 5) == b"12345"
    assert read_regular(str(tmp_path / "small"), 4) == b""  # too big
    assert read_regular(str(tmp_path / "link"), 5) == b""  # a symlink is not followed
    assert read_regular(str(tmp_path / "folder"), 5) == b""
    assert read_regular(str(tmp_path / "missing"), 5) is None
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        assert read_regular(str(tmp_path / "fifo"), 5) == b""
    if Path("/dev/zero").exists():
        assert read_regular("/dev/zero", 5) == b""


def test_a_shard_too_big_is_not_read(
    repo: Callable[..., Path], key_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo({TASK_FILE: TASKS})
    truth = validate(root)
    shard = shard_of(root, TASK_FILE)
    secret = (key_home / "key").read_bytes()
    entries = forged(root, TASK_FILE, shown=CONFLICTED)  # believed, if it were read
    plant(root, TASK_FILE, sealed_by(secret, shard, entries))
    monkeypatch.setattr(cache_module, "MAX_SHARD", shard.stat().st_size - 1)
    assert validate(root) == truth


# --- the folder itself ---------------------------------------------------------------------------


def test_a_cache_folder_that_is_a_symlink_is_not_written_through(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = repo({TASK_FILE: TASKS})
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / CACHE_DIR).symlink_to(outside)
    assert validate(root) == (0, "2 tệp, 0 lỗi, 0 cảnh báo. Dữ liệu hợp lệ.\n")
    status = run_cli("--root", str(root), "status", "--as-of", "1/9/2025", "--format", "json")
    assert status.exit_code == 0
    assert list(outside.iterdir()) == []
    assert (root / CACHE_DIR).is_symlink()


def test_an_edit_takes_no_lock_through_a_symlinked_cache_folder(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    root = repo({TASK_FILE: TASKS})
    before = (root / TASK_FILE).read_bytes()
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / CACHE_DIR).symlink_to(outside)
    result = run_cli("--root", str(root), "done", "t1", "--on", "1/8/2025")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Lỗi: Không sửa: {root / CACHE_DIR} là liên kết (symlink) tới nơi khác, dothi không tạo khóa "
        "ngoài kho dữ liệu. Hãy xóa liên kết đó rồi chạy lại lệnh.\n"
    )
    assert list(outside.iterdir()) == []
    assert (root / TASK_FILE).read_bytes() == before


def test_the_cache_folder_is_made_as_a_real_folder_that_git_ignores(repo: Callable[..., Path]) -> None:
    root = repo({TASK_FILE: TASKS})
    validate(root)
    folder = root / CACHE_DIR
    assert stat.S_ISDIR(os.lstat(folder).st_mode)
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    made = sorted(p.name for p in folder.iterdir() if p.name != ".gitignore")
    shards = {shard_of(root, name).name for name in ("data/members.yaml", TASK_FILE)}
    assert made == sorted({*shards, CODE_FILE})  # the shards, and which code wrote them


# --- the key -----------------------------------------------------------------------------------


def test_the_key_is_made_private_on_first_use(repo: Callable[..., Path], key_home: Path) -> None:
    root = repo({TASK_FILE: TASKS})
    assert not key_home.exists()
    validate(root)
    key = key_home / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == SECRET_SIZE
    first = key.read_bytes()
    validate(root)
    assert key.read_bytes() == first


def test_without_a_key_dothi_runs_without_the_cache(
    repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo({TASK_FILE: CONFLICTED})
    (tmp_path / "a-file").write_text("x\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file" / "cache"))  # cannot be made
    truth = validate(root, "--no-cache")
    assert validate(root) == truth
    assert validate(root) == truth
    assert not (root / CACHE_DIR).exists()


def test_without_a_home_dothi_runs_without_the_cache(
    repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo({TASK_FILE: TASKS})
    for name in ("XDG_CACHE_HOME", "HOME", "USERPROFILE"):
        monkeypatch.delenv(name, raising=False)
    assert validate(root)[0] == 0
    assert not (root / CACHE_DIR).exists()


@pytest.mark.parametrize("bad", ["symlink", "group-readable", "short"])
def test_a_key_that_is_not_private_is_replaced(
    repo: Callable[..., Path], key_home: Path, tmp_path: Path, bad: str
) -> None:
    key = key_home / "key"
    key_home.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(ANOTHER_KEY)
    if bad == "symlink":
        key.symlink_to(elsewhere)
    else:
        key.write_bytes(ANOTHER_KEY if bad == "group-readable" else b"short")
        key.chmod(0o640 if bad == "group-readable" else 0o600)
    validate(repo({TASK_FILE: TASKS}))
    assert not key.is_symlink()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == SECRET_SIZE
    assert key.read_bytes() != ANOTHER_KEY
    assert elsewhere.read_bytes() == ANOTHER_KEY


def test_a_cache_made_under_another_key_is_rebuilt(
    repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache copied from another machine, or restored by CI without its key."""
    root = repo({TASK_FILE: TASKS})
    validate(root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-home"))
    validate(root)
    secret = (tmp_path / "another-home" / "dothi" / "key").read_bytes()
    shards = sorted((root / CACHE_DIR).glob("*" + SHARD_SUFFIX))
    assert shards == sorted({shard_of(root, name) for name in ("data/members.yaml", TASK_FILE)})
    assert all(unseal(shard.read_bytes(), secret, shard.stem) is not None for shard in shards)


# --- CI ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("ci", ["true", "TRUE", "1"])
def test_under_ci_a_cache_left_by_another_run_is_not_believed(
    repo: Callable[..., Path], key_home: Path, ci: str
) -> None:
    """A CI cache restores both .dothi-cache and ~/.cache: even a validly signed entry is not read."""
    root = repo({TASK_FILE: CONFLICTED})
    truth = validate(root, "--no-cache")
    validate(root)
    shard = shard_of(root, TASK_FILE)
    secret = (key_home / "key").read_bytes()
    plant(root, TASK_FILE, sealed_by(secret, shard, forged(root, TASK_FILE, shown=TASKS)))
    planted = {p.name: p.read_bytes() for p in (root / CACHE_DIR).iterdir()}
    assert validate(root, env={"CI": ci}) == truth
    assert {p.name: p.read_bytes() for p in (root / CACHE_DIR).iterdir()} == planted  # nor written
    assert validate(root, env={"CI": "false"})[0] == 0  # outside CI, this user's signature is believed


def test_under_ci_the_cache_is_not_written(repo: Callable[..., Path]) -> None:
    root = repo({TASK_FILE: TASKS})
    assert validate(root, env={"CI": "true"}) == (0, "2 tệp, 0 lỗi, 0 cảnh báo. Dữ liệu hợp lệ.\n")
    assert not (root / CACHE_DIR).exists()


# --- what an entry is keyed by -------------------------------------------------------------------


def test_the_key_holds_the_files_path_and_dothis_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    store = FileCache(tmp_path, None)
    key = store.key("data/tasks/a.yaml", b"x: 1\n")
    assert store.key("data/tasks/b.yaml", b"x: 1\n") != key
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another dothi")
    assert store.key("data/tasks/a.yaml", b"x: 1\n") != key


def test_the_code_fingerprint_follows_the_source(tmp_path: Path) -> None:
    package = tmp_path / "dothi"
    for source in (PROJECT_ROOT / "src" / "dothi").rglob("*.py"):
        copy = package / source.relative_to(PROJECT_ROOT / "src" / "dothi")
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(source.read_bytes())
    first = source_fingerprint(package)
    os.utime(package / "data" / "loader.py", (0, 0))
    assert source_fingerprint(package) == first  # the same code, however installed
    (package / "data" / "loader.py").write_text(
        (package / "data" / "loader.py").read_text() + "\n# changed\n"
    )
    assert source_fingerprint(package) != first
    with_texts = source_fingerprint(package)
    (package / "locale").mkdir()
    (package / "locale" / "vi.toml").write_text('"a" = "b"\n')
    assert source_fingerprint(package) != with_texts  # a catalogue names items too


def test_the_code_fingerprint_follows_the_holidays_release(monkeypatch: pytest.MonkeyPatch) -> None:
    """A release of the holidays that adds a day off moves due dates: nothing kept by the one
    before is read."""
    assert cache_module.release_of("holidays").startswith("holidays-")
    assert cache_module.release_of("no-such-library") == "no-such-library absent"
    first = cache_module.code_fingerprint()
    cache_module.code_fingerprint.cache_clear()
    monkeypatch.setattr(cache_module, "release_of", lambda name: f"{name}-9999.dist-info")
    assert cache_module.code_fingerprint() != first
    cache_module.code_fingerprint.cache_clear()


# --- show TASK@ORG and TASK#PERIOD (item 5) ------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "status"
HA_NOI = 'name: Thành phố Hà Nội\ncode: "01"\nkind: city\n'
CAO_BANG = 'name: Tỉnh Cao Bằng\ncode: "04"\nkind: province\n'
RECURRING = """\
directive: {number: 1/QĐ-TTg, kind: quyet-dinh, date: 20/11/2025, issuer: vpcp, subject: Thử}
tasks:
  - id: bc-quy
    title: Báo cáo định kỳ
    lead: bxd
    every: quarter
    due: ngày 15 tháng cuối quý
  - id: bc-thang
    title: Báo cáo tháng
    each: [bxd, bkhcn]
    every: month
    due: {day: 25, month_of_period: last}
    from: 1/12/2025
    until: 28/2/2026
"""


@pytest.fixture
def show_root(repo: Callable[..., Path]) -> str:
    return str(
        repo(
            {
                TASK_FILE: (FIXTURES / "qd-100.yaml").read_text(encoding="utf-8"),
                "data/tasks/tb-200.yaml": (FIXTURES / "tb-200.yaml").read_text(encoding="utf-8"),
                "data/tasks/qd-1.yaml": RECURRING,
                "data/localities/ha-noi.yaml": HA_NOI,
                "data/localities/cao-bang.yaml": CAO_BANG,
            }
        )
    )


def show(root: str, ident: str, as_of: str, lang: str = "vi") -> Run:
    result = run_cli("--root", root, "--lang", lang, "show", ident, "--as-of", as_of)
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize(
    ("ident", "as_of", "message"),
    [
        pytest.param(
            "t1@nobody",
            "1/9/2025",
            "Nhiệm vụ “t1” không giao cho “nobody”. Các Bộ, cơ quan, địa phương được giao: ha-noi, cao-bang.",
            id="assignee",
        ),
        pytest.param(
            "t1@nobody",
            "1/6/2025",
            "Nhiệm vụ “t1” không giao cho “nobody”. Các Bộ, cơ quan, địa phương được giao: ha-noi, cao-bang.",
            id="assignee-before-the-directive",
        ),
        pytest.param(
            "t1#garbage",
            "1/9/2025",
            "Nhiệm vụ “t1” không phải nhiệm vụ định kỳ nên không có kỳ “garbage”.",
            id="period-of-a-task-that-does-not-recur",
        ),
        pytest.param(
            "t7@bxd",
            "1/9/2025",
            "Không có “t7@bxd”: nhiệm vụ “t7” do một cơ quan chủ trì, "
            "không giao từng Bộ, cơ quan, địa phương.",
            id="assignee-of-a-lead-task",
        ),
        pytest.param(
            "bc-quy#garbage",
            "1/4/2026",
            "Nhiệm vụ “bc-quy” không có kỳ “garbage” tính đến ngày 1/4/2026. "
            "Các kỳ: 2025-Q4, 2026-Q1, 2026-Q2.",
            id="period",
        ),
        pytest.param(
            "bc-quy#2026-Q3",
            "1/4/2026",
            "Nhiệm vụ “bc-quy” không có kỳ “2026-Q3” tính đến ngày 1/4/2026. "
            "Các kỳ: 2025-Q4, 2026-Q1, 2026-Q2.",
            id="period-not-begun",
        ),
        pytest.param(
            "bc-quy#2025-Q4",
            "19/11/2025",
            "Nhiệm vụ “bc-quy” chưa có kỳ nào tính đến ngày 19/11/2025, nên không có kỳ “2025-Q4”.",
            id="before-any-period",
        ),
        pytest.param(
            "bc-thang#2025-12@nobody",
            "1/4/2026",
            "Nhiệm vụ “bc-thang” không giao cho “nobody”. Các Bộ, cơ quan, địa phương được giao: bxd, bkhcn.",
            id="assignee-of-a-period",
        ),
        pytest.param(
            "bc-thang#2026-05@bxd",
            "1/4/2026",
            "Nhiệm vụ “bc-thang” không có kỳ “2026-05” tính đến ngày 1/4/2026. "
            "Các kỳ: 2025-12, 2026-01, 2026-02.",
            id="period-after-until",
        ),
    ],
)
def test_show_an_assignee_or_period_the_task_does_not_have(
    show_root: str, ident: str, as_of: str, message: str
) -> None:
    result = show(show_root, ident, as_of)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Lỗi: {message}\n")


def test_show_an_unknown_period_in_english(show_root: str) -> None:
    result = show(show_root, "bc-quy#garbage", "1/4/2026", lang="en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: Task “bc-quy” has no period “garbage” as of 2026-04-01. "
        "Its periods: 2025-Q4, 2026-Q1, 2026-Q2.\n"
    )


def test_show_a_long_list_of_periods_names_the_latest(repo: Callable[..., Path]) -> None:
    monthly = RECURRING.replace("every: quarter", "every: month").replace(
        "ngày 15 tháng cuối quý", "{day: 15}"
    )
    root = str(repo({"data/tasks/qd-1.yaml": monthly}))
    result = show(root, "bc-quy#garbage", "1/1/2028")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Các kỳ: …, "
        + ", ".join(f"2026-{m:02d}" for m in range(6, 13))
        + ", "
        + ", ".join(f"2027-{m:02d}" for m in range(1, 13))
        + ", 2028-01.\n"
    )


@pytest.mark.parametrize(
    ("ident", "as_of", "first"),
    [
        pytest.param(
            "t1@ha-noi",
            "1/9/2025",
            "Nhiệm vụ giao từng Bộ, cơ quan, địa phương t1@ha-noi: Gửi kế hoạch hành động",
        ),
        pytest.param("t1@ha-noi", "1/6/2025", "Nhiệm vụ t1@ha-noi: Gửi kế hoạch hành động"),  # not yet
        pytest.param("bc-quy#2026-Q1", "1/4/2026", "Nhiệm vụ bc-quy#2026-Q1: Báo cáo định kỳ (2026-Q1)"),
        pytest.param(
            "bc-thang#2026-01@bxd",
            "1/4/2026",
            "Nhiệm vụ giao từng Bộ, cơ quan, địa phương bc-thang#2026-01@bxd: Báo cáo tháng (2026-01)",
        ),
        pytest.param("bc-thang#2026-01", "1/4/2026", "Nhiệm vụ bc-thang#2026-01: Báo cáo tháng"),
    ],
)
def test_show_an_assignee_or_period_the_task_has(show_root: str, ident: str, as_of: str, first: str) -> None:
    result = show(show_root, ident, as_of)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == first


def test_show_one_assignee_of_a_recurring_duty_lists_its_periods(show_root: str) -> None:
    result = show(show_root, "bc-thang@bxd", "1/4/2026")
    assert (result.exit_code, result.stderr) == (0, "")
    listed = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("bc-thang#")]
    assert listed == ["bc-thang#2025-12@bxd", "bc-thang#2026-01@bxd", "bc-thang#2026-02@bxd"]


# --- init into a file (item 4) -------------------------------------------------------------------


def test_init_into_an_existing_file_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_bytes(b"my notes\n")
    result = run_cli("init", str(target))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Lỗi: “{target}” đã có và không phải là thư mục: dothi init chỉ tạo kho dữ liệu trong "
        "một thư mục, không ghi vào tệp.\n"
    )
    assert target.read_bytes() == b"my notes\n"
    assert sorted(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("below", ["notes.txt/repo", "notes.txt/a/b"])
def test_init_below_a_file_names_the_file(tmp_path: Path, below: str) -> None:
    (tmp_path / "notes.txt").write_bytes(b"my notes\n")
    result = run_cli("--lang", "en", "init", str(tmp_path / below))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: “{tmp_path / 'notes.txt'}” exists and is not a folder: dothi init makes a data "
        "repository in a folder and writes into no file.\n"
    )
    assert (tmp_path / "notes.txt").read_bytes() == b"my notes\n"


def test_init_into_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    result = run_cli("init", str(tmp_path / "link"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Lỗi: “{tmp_path / 'link'}” đã có và không phải là thư mục")
    assert not (tmp_path / "nowhere").exists()


def test_init_into_an_existing_empty_folder_still_works(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "data" / "members.yaml").is_file()


def test_init_where_it_cannot_write_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, content: str | bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("dothi.output.write_atomically", refuse)
    result = run_cli("init", str(tmp_path / "repo"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Lỗi: Không ghi được “{tmp_path / 'repo' / 'data' / 'members.yaml'}”: Permission denied. "
        "Hãy chọn một thư mục mà bạn có quyền ghi.\n"
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_init_into_a_read_only_folder_says_so(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        result = run_cli("init", str(tmp_path / "repo"))
    finally:
        tmp_path.chmod(0o700)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Permission denied" in result.stderr
