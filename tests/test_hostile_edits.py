"""Hostile and unlucky input to the edit commands (issue 21, items 2, 3, 6, 7 and 13).

Edits that would spread through a YAML anchor, recurring duties edited without a period or with
one they do not have, blank reasons, two edits of different files at once, files as Windows and
editors leave them, and folders, files or disks that cannot be written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CAO_BANG, HA_NOI, run_cli, write_repo
from dothi.edit import additions, locks
from dothi.edit.errors import EditError, Invalid
from dothi.edit.locks import held
from dothi.edit.transaction import edit, repository_lock_path

FIXTURE = Path(__file__).parent / "fixtures" / "edit"
TASKS = "data/tasks/tb-100.yaml"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the repository (temporary files and locks included), by path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".dothi-cache" not in p.parts
    }


def dothi(root: Path, *args: str) -> tuple[int, str]:
    result = run_cli("--root", str(root), *args)
    assert result.stdout == "" or "--dry-run" in args, result.stdout
    return result.exit_code, result.stderr


# --- item 2: an edit does not spread through a YAML anchor -------------------------------------------

ANCHORED = """\
directive:
  number: 1/TB-VPCP
  kind: thong-bao
  date: 1/1/2026
  issuer: vpcp
  subject: Kết luận

tasks:
  - &base
    id: a
    title: Lập đề án
    lead: bxd
    deadline: 31/3/2026
    updates:
      - on: 5/1/2026
        note: Đã giao
  - <<: *base
    id: b
    title: Lập đề án (phần hai)
  - &lonely
    id: c
    title: Việc riêng
    lead: bkhcn
  - id: d
    title: Gửi ý kiến
    each: [bxd, bkhcn]
    responses:
      bxd: &answer
        status: in_progress
      bkhcn: *answer
"""
ANCHORED_FILE = "data/tasks/tb-1.yaml"


@pytest.fixture
def anchored(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "repo", {ANCHORED_FILE: ANCHORED})
    assert run_cli("--root", str(root), "validate", "--strict").exit_code == 0
    return root


def test_done_refuses_a_task_whose_anchor_another_task_merges(anchored: Path) -> None:
    """As found: “done a” marked b done too, b being “<<: *base” over a's anchor."""
    before = snapshot(anchored)
    code, said = dothi(anchored, "done", "a", "--on", "1/2/2026")
    assert (code, said) == (
        2,
        f"Lỗi: Không sửa {ANCHORED_FILE}: phần cần sửa thuộc neo YAML “&base” của nhiệm vụ a (dòng 9), "
        "mà nhiệm vụ b (dòng 17) dùng chung qua “*base”; sửa một chỗ sẽ đổi cả chỗ kia. "
        "Hãy viết đầy đủ nội dung cho nhiệm vụ b thay cho “*base” rồi chạy lại lệnh. Tệp giữ nguyên.\n",
    )
    assert snapshot(anchored) == before
    english = run_cli("--root", str(anchored), "--lang", "en", "done", "a", "--on", "1/2/2026")
    assert "the YAML anchor “&base” of task a (line 9), which task b (line 17) shares" in english.stderr


def test_a_list_a_task_takes_from_a_merge_is_not_changed_through_it(anchored: Path) -> None:
    """b's “updates” is a's list (merged in): a note for b must not land in a."""
    before = snapshot(anchored)
    code, said = dothi(anchored, "update", "b", "Đã trình", "--on", "1/2/2026")
    assert code == 2
    assert "neo YAML “&base” của nhiệm vụ a (dòng 9), mà nhiệm vụ b (dòng 17)" in said
    assert snapshot(anchored) == before


def test_an_alias_inside_one_task_is_not_changed_through(anchored: Path) -> None:
    before = snapshot(anchored)
    code, said = dothi(anchored, "done", "d@bxd", "--on", "1/2/2026")
    assert code == 2
    assert "neo YAML “&answer” của nhiệm vụ d (dòng 28), mà nhiệm vụ d (dòng 30)" in said
    assert snapshot(anchored) == before


def test_what_shares_no_anchor_is_still_edited(anchored: Path) -> None:
    """b itself (the merge's user) and c (an anchor nobody uses) are edited as usual."""
    assert dothi(anchored, "done", "b", "--on", "1/2/2026") == (0, f"Đã ghi {ANCHORED_FILE}\n")
    assert dothi(anchored, "done", "c", "--on", "1/2/2026") == (0, f"Đã ghi {ANCHORED_FILE}\n")
    text = (anchored / ANCHORED_FILE).read_text(encoding="utf-8")
    assert text == ANCHORED.replace(
        "    title: Lập đề án (phần hai)\n",
        "    title: Lập đề án (phần hai)\n    status: done\n    done_on: 1/2/2026\n",
    ).replace("    lead: bkhcn\n", "    lead: bkhcn\n    status: done\n    done_on: 1/2/2026\n")
    status = run_cli("--root", str(anchored), "status", "--all", "--format", "json", "--as-of", "1/2/2026")
    states = {item["id"]: item["state"] for item in status.json()["items"]}
    assert states["a"] == "in_progress" and states["b"] == "done_on_time"


# --- item 3: recurring duties are edited period by period ------------------------------------------

RECURRING = """\
directive:
  number: 2/TB-VPCP
  kind: thong-bao
  date: 1/1/2025
  issuer: vpcp
  subject: Báo cáo định kỳ

tasks:
  - id: quy
    title: Báo cáo quý
    lead: bxd
    every: quarter
    from: 1/1/2026
    until: 31/12/2026
  - id: nam
    title: Kế hoạch năm
    each: [ha-noi, cao-bang]
    every: year
    responses:
      2025:
        ha-noi: {status: done, done_on: 20/12/2025}
  - id: t1
    title: Việc thường
    lead: bxd
"""
RECURRING_FILE = "data/tasks/tb-2.yaml"


@pytest.fixture
def recurring(tmp_path: Path) -> Path:
    files = {
        RECURRING_FILE: RECURRING,
        "data/localities/ha-noi.yaml": HA_NOI,
        "data/localities/cao-bang.yaml": CAO_BANG,
    }
    root = write_repo(tmp_path / "repo", files)
    assert run_cli("--root", str(root), "validate", "--strict").exit_code == 0
    return root


NEEDS_A_PERIOD = [
    (
        ["done", "quy", "--on", "1/2/2026"],
        "“quy” là nhiệm vụ định kỳ: hãy ghi rõ kỳ sau dấu #, ví dụ “quy#2026-Q1”. Các kỳ còn mở: 2026-Q1.",
    ),
    (
        ["done", "quy", "--on", "20/5/2026"],
        "“quy” là nhiệm vụ định kỳ: hãy ghi rõ kỳ sau dấu #, ví dụ “quy#2026-Q1”. "
        "Các kỳ còn mở: 2026-Q1, 2026-Q2.",
    ),
    (
        ["cancel", "quy", "--reason", "Thôi báo cáo", "--on", "1/2/2026"],
        "“quy” là nhiệm vụ định kỳ: hãy ghi rõ kỳ sau dấu #, ví dụ “quy#2026-Q1”. Các kỳ còn mở: 2026-Q1.",
    ),
    (
        ["done", "nam@ha-noi", "--on", "1/2/2026"],
        "“nam” là nhiệm vụ định kỳ: hãy ghi rõ kỳ sau dấu #, ví dụ “nam#2026”. Các kỳ còn mở: 2026.",
    ),
    (
        ["respond", "nam", "cao-bang", "--status", "done", "--on", "1/2/2026"],
        "“nam” là nhiệm vụ định kỳ: hãy ghi rõ kỳ sau dấu #, ví dụ “nam#2025”. Các kỳ còn mở: 2025, 2026.",
    ),
    (
        ["reopen", "nam@ha-noi"],
        "“nam” là nhiệm vụ định kỳ: hãy ghi rõ kỳ cần mở lại sau dấu #, ví dụ “nam#2025”. "
        "Các kỳ đã hoàn thành hoặc dừng thực hiện: 2025.",
    ),
]


@pytest.mark.parametrize(("args", "said"), NEEDS_A_PERIOD, ids=[" ".join(a[:2]) for a, _ in NEEDS_A_PERIOD])
def test_a_recurring_duty_without_a_period_is_a_usage_error(
    recurring: Path, args: list[str], said: str
) -> None:
    """As found: “done quy” on 1/2/2026 marked every quarter done, Q2–Q4 included."""
    before = snapshot(recurring)
    assert dothi(recurring, *args) == (2, f"Lỗi: {said}\n")
    assert snapshot(recurring) == before


UNKNOWN_PERIODS = [
    (["done", "quy#garbage", "--on", "1/2/2026"], "“quy” không có kỳ “garbage”. Các kỳ đã bắt đầu: 2026-Q1."),
    (["done", "quy#2026-Q5", "--on", "1/2/2026"], "“quy” không có kỳ “2026-Q5”. Các kỳ đã bắt đầu: 2026-Q1."),
    (["done", "quy#2026-4", "--on", "1/2/2026"], "“quy” không có kỳ “2026-4”. Các kỳ đã bắt đầu: 2026-Q1."),
    (["done", "quy#2025-Q4", "--on", "1/2/2026"], "“quy” không có kỳ “2025-Q4”. Các kỳ đã bắt đầu: 2026-Q1."),
    (
        ["done", "quy#2027-Q1", "--on", "1/2/2027"],
        "“quy” không có kỳ “2027-Q1”. Các kỳ đã bắt đầu: 2026-Q1, 2026-Q2, 2026-Q3, 2026-Q4.",
    ),
    (
        ["done", "quy#2026-Q4", "--on", "1/2/2026"],
        "Kỳ “2026-Q4” của “quy” bắt đầu từ ngày 1/10/2026, chưa đến.",
    ),
    (
        ["respond", "nam#2025-Q1", "ha-noi", "--status", "done", "--on", "1/2/2026"],
        "“nam” không có kỳ “2025-Q1”. Các kỳ đã bắt đầu: 2025, 2026.",
    ),
    (
        ["cancel", "quy#x", "--reason", "y", "--on", "1/2/2026"],
        "“quy” không có kỳ “x”. Các kỳ đã bắt đầu: 2026-Q1.",
    ),
    (
        ["update", "quy#2026-Q1", "Đã gửi", "--on", "1/5/2026"],
        "Ngày 1/5/2026 không thuộc kỳ “2026-Q1” (1/1/2026–31/3/2026) của “quy”; "
        "hãy ghi --on là một ngày trong kỳ đó.",
    ),
    (
        ["obstacle", "quy#2026-Q9", "Thiếu số liệu", "--on", "1/2/2026"],
        "“quy” không có kỳ “2026-Q9”. Các kỳ đã bắt đầu: 2026-Q1.",
    ),
    (
        ["done", "t1#2026", "--on", "1/2/2026"],
        "“t1” không phải nhiệm vụ định kỳ nên không có kỳ “2026”; hãy dùng “t1”.",
    ),
    (
        ["cancel", "nam#2025", "--reason", "y", "--on", "1/2/2026"],
        "“nam#2025” là nhiệm vụ giao từng Bộ, cơ quan, địa phương: hãy ghi rõ nơi thực hiện, "
        "ví dụ “nam#2025@MÃ_CƠ_QUAN”.",
    ),
]


@pytest.mark.parametrize(("args", "said"), UNKNOWN_PERIODS, ids=[a[1] for a, _ in UNKNOWN_PERIODS])
def test_a_period_the_duty_does_not_have_is_a_usage_error(
    recurring: Path, args: list[str], said: str
) -> None:
    """As found: “done 'r#garbage'” was accepted and wrote an answer nobody reads."""
    before = snapshot(recurring)
    assert dothi(recurring, *args) == (2, f"Lỗi: {said}\n")
    assert snapshot(recurring) == before


def test_a_named_period_closes_that_period_only(recurring: Path) -> None:
    assert dothi(recurring, "done", "quy#2026-Q1", "--on", "1/2/2026") == (0, f"Đã ghi {RECURRING_FILE}\n")
    assert dothi(recurring, "respond", "nam#2026", "cao-bang", "--status", "done", "--on", "1/2/2026")[0] == 0
    status = run_cli("--root", str(recurring), "status", "--all", "--format", "json", "--as-of", "1/12/2026")
    states = {item["id"]: item["state"] for item in status.json()["items"]}
    assert {key: value for key, value in states.items() if key.startswith(("quy", "nam#2026"))} == {
        "quy#2026-Q1": "done_on_time",
        "quy#2026-Q2": "overdue",
        "quy#2026-Q3": "overdue",
        "quy#2026-Q4": "in_progress",
        "nam#2026@ha-noi": "in_progress",
        "nam#2026@cao-bang": "done_on_time",
    }


def test_dated_notes_need_no_period_and_reopen_undoes_a_whole_duty_closed_before(recurring: Path) -> None:
    """update/obstacle find their period by their day; “reopen quy” undoes what “done quy” used to write."""
    assert dothi(recurring, "update", "quy", "Đang tổng hợp", "--on", "1/5/2026")[0] == 0
    assert dothi(recurring, "update", "quy#2026-Q2", "Đã gửi", "--on", "2/5/2026")[0] == 0
    assert dothi(recurring, "reopen", "quy")[1] == "Lỗi: “quy” đang mở, không có gì để mở lại.\n"
    path = recurring / RECURRING_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    until: 31/12/2026\n", "    until: 31/12/2026\n    status: done\n    done_on: 1/2/2026\n"
        ),
        encoding="utf-8",
    )
    assert dothi(recurring, "reopen", "quy") == (0, f"Đã ghi {RECURRING_FILE}\n")
    assert "status: open" in path.read_text(encoding="utf-8")


BLANK = [
    (["cancel", "t1", "--reason", ""], "--reason"),
    (["cancel", "t1", "--reason", "   "], "--reason"),
    (["update", "t1", " ", "--on", "1/2/2026"], "NOTE"),
    (["obstacle", "t1", "", "--on", "1/2/2026"], "TEXT"),
    (["done", "t1", "--result", "", "--on", "1/2/2026"], "--result"),
    (["respond", "nam#2026", "ha-noi", "--status", "done", "--note", "\t"], "--note"),
    (["add", "task", "--directive", "tb-2", "--id", "t9", "--title", " ", "--lead", "bxd"], "--title"),
]


@pytest.mark.parametrize(("args", "option"), BLANK, ids=[f"{a[0]}-{o}-{i}" for i, (a, o) in enumerate(BLANK)])
def test_a_blank_reason_or_note_is_a_usage_error(recurring: Path, args: list[str], option: str) -> None:
    """As found: “cancel --reason ""” wrote “cancel_reason: ''”."""
    before = snapshot(recurring)
    assert dothi(recurring, *args) == (2, f"Lỗi: {option} không được để trống.\n")
    assert snapshot(recurring) == before


# --- item 6: edits of different files that conflict ---------------------------------------------------

TWO_DIRECTIVES = {
    f"data/tasks/tb-{n}.yaml": f"""\
        directive:
          number: {n}/TB-VPCP
          kind: thong-bao
          date: 1/1/2026
          issuer: vpcp
          subject: Văn bản {n}
        tasks:
          - id: t{n}
            title: Việc {n}
            lead: bxd
        """
    for n in (1, 2)
}


def new_task(ident: str) -> additions.NewTask:
    return additions.NewTask(ident, "Việc trùng", "bxd", (), (), None)


def test_two_edits_of_different_files_cannot_both_add_the_same_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As found: two “add task --id same” at once into two files both succeeded (2 of 14 trials).

    Made deterministic: each edit waits (up to 3 s) for the other before validating what it
    would write and, when they met, again before writing it. Without a lock around
    validate-and-write both validate a repository without the other's task, and both write; with
    it, the second validates only after the first has written, and is refused.
    """
    import dothi.edit.transaction as transaction

    root = write_repo(tmp_path / "repo", TWO_DIRECTIVES)
    validating, writing = threading.Barrier(2, timeout=3), threading.Barrier(2, timeout=3)
    real = transaction.load_repository

    def meeting(*args: object, **kwargs: object) -> object:
        if not kwargs.get("pending"):
            return real(*args, **kwargs)  # type: ignore[arg-type]
        try:
            validating.wait()
        except threading.BrokenBarrierError:  # the other edit waits for our lock: nothing to meet
            return real(*args, **kwargs)  # type: ignore[arg-type]
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        with contextlib.suppress(threading.BrokenBarrierError):
            writing.wait()
        return result

    monkeypatch.setattr(transaction, "load_repository", meeting)
    outcomes: dict[str, object] = {}

    def add(relative: str) -> None:
        try:
            outcomes[relative] = edit(root, relative, lambda doc: additions.add_task(doc, new_task("trung")))
        except (EditError, Invalid) as refused:
            outcomes[relative] = refused

    writers = [threading.Thread(target=add, args=(relative,)) for relative in TWO_DIRECTIVES]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
    refused = [o for o in outcomes.values() if isinstance(o, Invalid)]
    assert len(outcomes) == 2 and len(refused) == 1, outcomes
    assert [p.code for p in refused[0].result.problems] == ["duplicate-id"]
    assert run_cli("--root", str(root), "validate").exit_code == 0


def test_an_edit_waits_while_another_process_holds_the_repository_lock(tmp_path: Path) -> None:
    """A real second process: the edit of tb-2 waits for the repository's lock, then goes on."""
    root = write_repo(tmp_path / "repo", TWO_DIRECTIVES)
    lock = repository_lock_path(root)
    command = [sys.executable, "-m", "dothi", "--root", str(root), "add", "task", "--directive", "tb-2",
               "--id", "t9", "--title", "Việc mới", "--lead", "bxd"]  # fmt: skip
    lock.parent.mkdir(parents=True, exist_ok=True)
    with held(lock, "another edit", 0):
        writer = subprocess.Popen(command, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
        time.sleep(3)
        assert writer.poll() is None, writer.stderr.read() if writer.stderr else ""
        assert "t9" not in (root / "data/tasks/tb-2.yaml").read_text(encoding="utf-8")
    assert writer.wait(timeout=60) == 0
    assert "id: t9" in (root / "data/tasks/tb-2.yaml").read_text(encoding="utf-8")


def test_the_repository_lock_says_when_another_edit_holds_it_too_long(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", TWO_DIRECTIVES)
    before = snapshot(root)
    lock = repository_lock_path(root)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with held(lock, "another edit", 0), pytest.raises(EditError) as busy:
        edit(root, "data/tasks/tb-1.yaml", lambda doc: additions.add_task(doc, new_task("t5")), wait=0.2)
    assert busy.value.text.key == "edit.busy_repository"
    assert snapshot(root) == before


@pytest.fixture
def umask_077() -> Iterator[None]:
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def test_lock_files_do_not_take_the_first_users_umask(tmp_path: Path, umask_077: None) -> None:
    """As found: the lock folder and files took the umask of whoever edited first (0700, 0600)."""
    root = write_repo(tmp_path / "repo", TWO_DIRECTIVES)
    edit(root, "data/tasks/tb-1.yaml", lambda doc: additions.add_task(doc, new_task("t5")))
    locks = repository_lock_path(root).parent
    assert stat.S_IMODE(locks.stat().st_mode) == 0o1777
    assert stat.S_IMODE(locks.parent.stat().st_mode) & 0o111 == 0o111
    assert sorted(p.name for p in locks.iterdir()) == ["repository.lock"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in locks.iterdir()} == {0o666}


def test_a_lock_planted_as_a_symlink_is_not_followed(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", TWO_DIRECTIVES)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    lock = repository_lock_path(root)
    lock.parent.mkdir(parents=True)
    lock.symlink_to(victim)
    before = snapshot(root)
    code, said = dothi(
        root, "add", "task", "--directive", "tb-1", "--id", "t5", "--title", "x", "--lead", "bxd"
    )
    assert code == 1
    assert said.startswith("Lỗi: Không khóa được tb-1 để sửa: ")
    assert victim.read_text() == "keep me\n"
    assert stat.S_IMODE(victim.stat().st_mode) != 0o666
    assert snapshot(root) == before


def test_no_lock_is_made_through_a_symlinked_folder(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", TWO_DIRECTIVES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".dothi-cache").mkdir()
    (root / ".dothi-cache" / "locks").symlink_to(elsewhere)
    before = snapshot(root)
    code, said = dothi(root, "done", "t1", "--on", "1/2/2026")
    assert (code, said) == (
        2,
        f"Lỗi: Không sửa: {root.as_posix()}/.dothi-cache/locks là liên kết (symlink) tới nơi khác, dothi "
        "không tạo khóa ngoài kho dữ liệu. Hãy xóa liên kết đó rồi chạy lại lệnh.\n",
    )
    assert list(elsewhere.iterdir()) == []
    assert snapshot(root) == before


# --- item 7: files as Windows and editors leave them --------------------------------------------------

HABIT_EDITS = [
    ["update", "t1", "Đã lấy ý kiến", "--on", "1/8/2025"],
    ["done", "t2@bkhcn", "--on", "25/7/2025"],
    ["add", "task", "--directive", "tb-100", "--id", "t4", "--title", "Báo cáo quý", "--lead", "bxd"],
]


def with_habits(text: bytes, bom: bool, crlf: bool, final_newline: bool, start: str) -> bytes:
    written = start.encode() + text
    if not final_newline:
        written = written.removesuffix(b"\n")
    if crlf:
        written = written.replace(b"\n", b"\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + written


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    bom=st.booleans(),
    crlf=st.booleans(),
    final_newline=st.booleans(),
    start=st.sampled_from(
        ["", "---\n", "--- # Thông báo 100\n", "# Tệp của Văn phòng\n---\n", "%YAML 1.2\n---\n"]
    ),
    args=st.sampled_from(HABIT_EDITS),
)
def test_windows_and_editor_habits_are_kept_and_the_file_edited(
    tmp_path_factory: pytest.TempPathFactory, bom: bool, crlf: bool, final_newline: bool, start: str,
    args: list[str],
) -> None:  # fmt: skip
    """As found: CRLF, a BOM, no final newline or a leading “---” were refused as “odd indentation”.

    The edit of a file with any mix of them is the edit of the plain file, with the same habits.
    """
    plain = tmp_path_factory.mktemp("plain") / "repo"
    shutil.copytree(FIXTURE, plain)
    assert run_cli("--root", str(plain), *args).exit_code == 0
    habits = tmp_path_factory.mktemp("habits") / "repo"
    shutil.copytree(FIXTURE, habits)
    original = (FIXTURE / TASKS).read_bytes()
    (habits / TASKS).write_bytes(with_habits(original, bom, crlf, final_newline, start))
    dry = run_cli("--root", str(habits), *args, "--dry-run")
    assert (dry.exit_code, dry.stderr) == (0, "")
    result = run_cli("--root", str(habits), *args)
    assert (result.exit_code, result.stderr) == (0, f"Đã ghi {TASKS}\n")
    edited = (plain / TASKS).read_bytes()
    assert (habits / TASKS).read_bytes() == with_habits(edited, bom, crlf, final_newline, start)
    assert run_cli("--root", str(habits), "validate", "--strict").exit_code == 0


def test_the_diff_of_a_file_without_a_final_newline_says_so(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    path = root / TASKS
    path.write_bytes(path.read_bytes().removesuffix(b"\n"))
    dry = run_cli("--root", str(root), "add", "task", "--directive", "tb-100", "--id", "t4", "--title", "Mới",
                  "--lead", "bxd", "--dry-run")  # fmt: skip
    assert dry.exit_code == 0
    assert dry.stdout.endswith(
        "+  - id: t4\n+    title: Mới\n+    lead: bxd\n"
        " \n # End of the notice.\n\\ No newline at end of file\n"
    )


def test_mixed_line_ends_are_refused_with_what_to_do(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    path = root / TASKS
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 3))
    before = snapshot(root)
    assert dothi(root, "update", "t1", "x", "--on", "1/8/2025") == (
        1,
        f"Lỗi: Không sửa {TASKS}: tệp lẫn lộn hai kiểu xuống dòng (CRLF của Windows và LF). "
        "Hãy đưa về một kiểu (trình soạn thảo làm được việc này) rồi chạy lại lệnh.\n",
    )
    assert snapshot(root) == before


# --- item 13: folders, files and disks that cannot be written ------------------------------------------


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "data" / "tasks").iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    return root


def test_a_full_disk_during_an_edit_leaves_the_file_as_it_was(
    copied: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the new copy is synced: exit 1, one message, no temporary file left."""
    before = snapshot(copied)

    def full(handle: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert dothi(copied, "update", "t1", "x", "--on", "1/8/2025") == (
        1,
        f"Lỗi: Không ghi được {TASKS}: ổ đĩa đã đầy. Tệp giữ nguyên; hãy giải phóng dung lượng "
        "rồi chạy lại lệnh.\n",
    )
    assert snapshot(copied) == before
    assert leftovers(copied) == []


def test_a_folder_refusing_the_new_copy_is_a_permission_error(
    copied: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As when the folder is not writable (simulated, so that it also runs as root): exit 2."""
    before = snapshot(copied)

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert dothi(copied, "update", "t1", "x", "--on", "1/8/2025") == (
        2,
        f"Lỗi: Không ghi được {TASKS}: không có quyền ghi vào data/tasks. Tệp giữ nguyên; hãy xin quyền ghi "
        "rồi chạy lại lệnh.\n",
    )
    assert snapshot(copied) == before


def test_a_lock_that_cannot_be_made_is_a_permission_error(
    copied: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(lock: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(locks, "_prepare", denied)
    code, said = dothi(copied, "update", "t1", "x", "--on", "1/8/2025")
    assert (code, said) == (
        2,
        f"Lỗi: Không sửa được t1: không có quyền tạo khóa trong {copied.as_posix()}/.dothi-cache. "
        "Hãy xin quyền ghi vào thư mục đó (hoặc xóa thư mục để dothi tạo lại) rồi chạy lại lệnh.\n",
    )


# The same, for real, as a user who is not root (root may write anywhere): when the tests run as
# root, the commands run as “nobody” through setpriv.


def _as_user() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    try:
        import pwd

        pwd.getpwnam("nobody")
    except KeyError:
        return None
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


AS_USER = _as_user()
needs_a_user = pytest.mark.skipif(
    AS_USER is None, reason="running as root without setpriv and “nobody”: root may write anywhere"
)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A repository anyone may edit, in a folder every user can reach (pytest's is private to root)."""
    top = Path(tempfile.mkdtemp(prefix="dothi-perm-"))
    top.chmod(0o755)
    root = top / "repo"
    shutil.copytree(FIXTURE, root)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    try:
        yield root
    finally:
        for path in [root, *root.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o777)
        shutil.rmtree(top)


def as_user(root: Path, *args: str, umask: int = 0o022) -> tuple[int, str]:
    assert AS_USER is not None
    command = [*AS_USER, sys.executable, "-m", "dothi", "--root", str(root), *args]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(root.parent)}
    env.pop("XDG_CACHE_HOME", None)  # the session's own, which only root may enter
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, preexec_fn=lambda: os.umask(umask)
    )
    return done.returncode, done.stderr


@needs_a_user
def test_an_edit_in_a_folder_that_is_not_writable(shared: Path) -> None:
    before = snapshot(shared)
    (shared / "data" / "tasks").chmod(0o555)
    assert as_user(shared, "update", "t1", "x", "--on", "1/8/2025") == (
        2,
        f"Lỗi: Không ghi được {TASKS}: không có quyền ghi vào data/tasks. Tệp giữ nguyên; hãy xin quyền ghi "
        "rồi chạy lại lệnh.\n",
    )
    assert snapshot(shared) == before
    assert leftovers(shared) == []


@needs_a_user
def test_an_edit_of_a_read_only_file(shared: Path) -> None:
    (shared / TASKS).chmod(0o444)
    before = snapshot(shared)
    code, said = as_user(shared, "update", "t1", "x", "--on", "1/8/2025")
    assert (code, said) == (
        2,
        f"Lỗi: Không ghi được {TASKS}: không có quyền ghi vào {TASKS}. Tệp giữ nguyên; hãy xin quyền ghi "
        "rồi chạy lại lệnh.\n",
    )
    assert snapshot(shared) == before


@needs_a_user
def test_adding_to_a_file_that_cannot_be_read(shared: Path) -> None:
    (shared / TASKS).chmod(0o200)
    before = snapshot(shared)
    args = ["add", "task", "--directive", "tb-100", "--id", "t4", "--title", "Mới", "--lead", "bxd"]
    assert as_user(shared, *args) == (2, f"Lỗi: Không đọc được {TASKS}: không có quyền đọc tệp này.\n")
    assert snapshot(shared) == before


@needs_a_user
def test_a_repository_without_room_for_locks(shared: Path) -> None:
    shared.chmod(0o555)
    code, said = as_user(shared, "update", "t1", "x", "--on", "1/8/2025")
    assert code == 2
    assert said.startswith("Lỗi: Không sửa được t1: không có quyền tạo khóa trong ")


@pytest.mark.skipif(
    not AS_USER, reason="needs root (to run the first edit) and setpriv (the second, as nobody)"
)
def test_a_second_user_can_edit_after_one_with_a_strict_umask(shared: Path) -> None:
    """As found: the first user's umask made the locks theirs alone; the second could not edit."""
    first = subprocess.run(
        [sys.executable, "-m", "dothi", "--root", str(shared), "update", "t1", "một", "--on", "1/8/2025"],
        capture_output=True, text=True, timeout=120, preexec_fn=lambda: os.umask(0o077),
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert as_user(shared, "update", "t1", "hai", "--on", "2/8/2025") == (0, f"Đã ghi {TASKS}\n")
    text = (shared / TASKS).read_text(encoding="utf-8")
    assert "note: một" in text and "note: hai" in text
