"""``dothi receive``: filled forms recorded through the edit engine, whole or not at all."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import Run
from dothi.cli.app import app
from dothi.cli.values import Clock
from dothi.edit.locks import held
from dothi.edit.transaction import repository_lock_path
from dothi.messages import Catalogue
from dothi.render.xlsx import FormError, FormLine, form_workbook, read_form
from outreach_repo import AS_OF, FILES

TASKS = "data/tasks/382-tb-vpcp.yaml"
TODAY = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)  # 12/3/2026 in Vietnam
CATALOGUES = [Catalogue("vi"), Catalogue("en")]


def run(*args: str) -> Run:
    env: Mapping[str, str | None] = {"NO_COLOR": "1", "DOTHI_LANG": None, "DOTHI_ROOT": None, "CI": None}
    result = CliRunner().invoke(app, list(args), env=env, obj=Clock(lambda: TODAY), catch_exceptions=False)
    assert "Traceback" not in result.stdout + result.stderr
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def root(repo: Callable[..., Path]) -> Path:
    return repo(FILES)


def forms(root: Path, tmp_path: Path, lang: str = "vi") -> Path:
    out = tmp_path / "dot-1"
    result = run(
        "--root", str(root), "--no-cache", "--lang", lang, "request", "--as-of", AS_OF, "--out", str(out)
    )
    assert result.exit_code == 0, result.stderr
    return out


def fill(form: Path, cells: Mapping[str, Any], to: Path | None = None) -> Path:
    """Fill a form as a clerk would in Excel; the sheet's protection guards nothing from a program."""
    book = openpyxl.load_workbook(form)
    for where, value in cells.items():
        book.active[where] = value
    target = to or form
    book.save(target)
    return target


def receive(root: Path, *args: str) -> Run:
    return run("--root", str(root), "--no-cache", "receive", *args)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()
    }


def task(root: Path, ident: str) -> dict[str, Any]:
    data = yaml.load((root / TASKS).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # text as written
    found: dict[str, Any] = next(t for t in data["tasks"] if t["id"] == ident)
    return found


def status_of(root: Path) -> dict[str, str]:
    result = run(
        "--root", str(root), "--no-cache", "status", "--as-of", "2026-03-12", "--all", "--format", "json"
    )
    return {item["id"]: item["state"] for item in result.json()["items"]}


# rows of bxd's form: 5 ke-hoach-hanh-dong@bxd, 6 nguy-hiem, 7 bao-cao-quy; columns F–J to fill
ANSWERS = {
    "F5": "Đã hoàn thành",
    "G5": datetime(2026, 3, 1),
    "H5": "Quyết định 12/QĐ-BXD",
    "F6": "dang thuc hien",
    "I6": "Chưa bố trí được kinh phí",
    "J6": "Đang trình Bộ trưởng",
    "F7": "DONE",
    "G7": "5/3/2026",
}


def test_the_round_trip(root: Path, tmp_path: Path) -> None:
    form = fill(forms(root, tmp_path) / "bxd.xlsx", ANSWERS)
    result = receive(root, str(form))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"bxd.xlsx: đã ghi nhận 4 nội dung trả lời vào {TASKS}.\n"
    assert task(root, "ke-hoach-hanh-dong")["responses"] == {
        "bxd": {"status": "done", "done_on": "2026-03-01", "result": "Quyết định 12/QĐ-BXD"}
    }
    assert task(root, "nguy-hiem")["updates"] == [{"on": "12/3/2026", "note": "Đang trình Bộ trưởng"}]
    assert task(root, "nguy-hiem")["obstacles"] == [{"on": "12/3/2026", "text": "Chưa bố trí được kinh phí"}]
    assert (task(root, "bao-cao-quy")["status"], task(root, "bao-cao-quy")["done_on"]) == (
        "done",
        "2026-03-05",
    )
    states = status_of(root)
    assert states["ke-hoach-hanh-dong@bxd"] == "done_late"
    assert states["bao-cao-quy"] == "done_on_time"
    assert states["nguy-hiem"] == "overdue"
    assert states["ke-hoach-hanh-dong@ha-noi"] == "overdue"
    assert run("--root", str(root), "--no-cache", "validate").exit_code == 0


def test_receiving_twice_changes_nothing_the_second_time(root: Path, tmp_path: Path) -> None:
    form = fill(forms(root, tmp_path) / "bxd.xlsx", ANSWERS)
    assert receive(root, str(form)).exit_code == 0
    before = snapshot(root)
    again = receive(root, str(form))
    assert again.exit_code == 0
    assert again.stderr == (
        "bxd.xlsx: ke-hoach-hanh-dong@bxd đã được ghi nhận hoàn thành từ trước, giữ nguyên.\n"
        "bxd.xlsx: bao-cao-quy đã được ghi nhận hoàn thành từ trước, giữ nguyên.\n"
        "bxd.xlsx: mọi nội dung trả lời đã được ghi nhận từ trước; dữ liệu không thay đổi.\n"
    )
    assert snapshot(root) == before


def test_two_clerks_receiving_one_form_at_once_record_it_once(root: Path, tmp_path: Path) -> None:
    """Each receive plans its answers on a load made holding the repository's lock: planned on a
    load before it, both found the form's note and difficulty new, and both wrote them."""
    form = fill(forms(root, tmp_path) / "bxd.xlsx", ANSWERS)
    lock = repository_lock_path(root)
    lock.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "dothi", "--root", str(root), "receive", str(form)]
    environ = {**os.environ, "NO_COLOR": "1"}
    with held(lock, "another edit", 0):
        clerks = [subprocess.Popen(command, stderr=subprocess.PIPE, env=environ) for _ in range(2)]
        time.sleep(3)  # both read the form meanwhile, and wait for the lock
    said = [clerk.communicate(timeout=60)[1].decode() for clerk in clerks]
    assert [clerk.returncode for clerk in clerks] == [0, 0], said
    assert len(task(root, "nguy-hiem")["updates"]) == 1
    assert len(task(root, "nguy-hiem")["obstacles"]) == 1
    assert sum("mọi nội dung trả lời đã được ghi nhận từ trước" in text for text in said) == 1


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_blank_form_is_said_to_be_blank(root: Path, tmp_path: Path, dry_run: list[str]) -> None:
    """As found: a blank form printed nothing with --dry-run, and “already recorded” without it."""
    form = forms(root, tmp_path) / "bxd.xlsx"
    before = snapshot(root)
    result = receive(root, *dry_run, str(form))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "bxd.xlsx: phiếu chưa có nội dung trả lời nào; dữ liệu không thay đổi.\n"
    assert snapshot(root) == before


def test_a_dry_run_of_answers_already_recorded_says_so(root: Path, tmp_path: Path) -> None:
    form = fill(forms(root, tmp_path) / "bxd.xlsx", ANSWERS)
    assert receive(root, str(form)).exit_code == 0
    again = receive(root, "--dry-run", str(form))
    assert (again.exit_code, again.stdout) == (0, "")
    assert again.stderr.endswith(
        "bxd.xlsx: mọi nội dung trả lời đã được ghi nhận từ trước; dữ liệu không thay đổi.\n"
    )


def test_dry_run_prints_the_diff_and_writes_nothing(root: Path, tmp_path: Path) -> None:
    form = fill(
        forms(root, tmp_path) / "bxd.xlsx", {"F7": "Đã hoàn thành", "G7": "5/3/2026", "H7": "Báo cáo 7"}
    )
    before = snapshot(root)
    result = receive(root, "--dry-run", str(form))
    assert result.exit_code == 0
    assert result.stdout == (
        f"--- a/{TASKS}\n+++ b/{TASKS}\n@@ -13,6 +13,9 @@\n"
        "     title: Báo cáo tình hình thực hiện quý I\n"
        "     lead: bxd\n"
        "     deadline: 20/3/2026\n"
        "+    status: done\n"
        "+    done_on: 2026-03-05\n"
        "+    result: Báo cáo 7\n"
        "   - id: nguy-hiem\n"
        '     title: \'=HYPERLINK("http://example.com","bấm vào") {{ 7*7 }}\'\n'
        "     lead: bxd\n"
    )
    assert snapshot(root) == before


def test_an_english_form_with_its_columns_moved(root: Path, tmp_path: Path) -> None:
    """Headers are found by name in either language, wherever the clerk moved them."""
    out = forms(root, tmp_path, lang="en")
    book = openpyxl.load_workbook(out / "ha-noi.xlsx")
    sheet = book.active
    sheet.protection.sheet = False
    sheet.insert_cols(1)  # a column of the clerk's own, first
    sheet["A4"] = "STT"
    sheet["A5"] = 1
    assert sheet["B4"].value == "ID" and sheet["G4"].value == "Status"
    sheet["G5"], sheet["H5"], sheet["I5"] = "done", datetime(2026, 3, 2), "Kế hoạch 99/KH-UBND"
    book.save(out / "ha-noi.xlsx")
    result = receive(root, str(out / "ha-noi.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert task(root, "ke-hoach-hanh-dong")["responses"]["ha-noi"]["result"] == "Kế hoạch 99/KH-UBND"


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        (
            {"F5": "Đã hoàn thành", "G5": "31/2/2025"},
            "Lỗi: bxd.xlsx!G5 (trang tính “Phiếu trả lời”): “31/2/2025” không phải là ngày "
            "(viết theo thứ tự ngày/tháng/năm, ví dụ 15/8/2025)\n",
        ),
        (
            {"F5": "Đã hoàn thành"},
            "Lỗi: bxd.xlsx!G5 (trang tính “Phiếu trả lời”): nhiệm vụ đã hoàn thành cần ghi ngày hoàn thành\n",
        ),
        (
            {"F6": "xong rồi"},
            "Lỗi: bxd.xlsx!F6 (trang tính “Phiếu trả lời”): “xong rồi” không phải tình trạng hợp lệ; "
            "chọn “Đã hoàn thành” hoặc “Đang thực hiện”\n",
        ),
        (
            {"A8": "khong-co-viec-nay", "F8": "Đã hoàn thành", "G8": "1/3/2026"},
            "Lỗi: bxd.xlsx!A8 (trang tính “Phiếu trả lời”): “khong-co-viec-nay” không phải mã nhiệm vụ nào "
            "trong dữ liệu\n",
        ),
        (
            {"J8": "a note without an id"},
            "Lỗi: bxd.xlsx!A8 (trang tính “Phiếu trả lời”): "
            "dòng có nội dung trả lời nhưng không có mã nhiệm vụ\n",
        ),
    ],
)
def test_a_wrong_cell_refuses_the_whole_form(
    root: Path, tmp_path: Path, cells: dict[str, Any], said: str
) -> None:
    form = fill(forms(root, tmp_path) / "bxd.xlsx", {"F7": "Đã hoàn thành", "G7": "5/3/2026", **cells})
    before = snapshot(root)
    result = receive(root, str(form))
    assert result.exit_code == 1
    assert result.stderr == said + "bxd.xlsx: không ghi nhận nội dung nào của phiếu.\n"
    assert snapshot(root) == before  # the good row (F7) is not recorded either


def test_every_wrong_cell_is_named_at_once(root: Path, tmp_path: Path) -> None:
    form = fill(forms(root, tmp_path) / "bxd.xlsx", {"F5": "?", "F6": "done", "G6": "hôm qua"})
    result = receive(root, str(form))
    assert result.exit_code == 1
    assert [line.split(" (")[0] for line in result.stderr.splitlines()[:2]] == [
        "Lỗi: bxd.xlsx!F5",
        "Lỗi: bxd.xlsx!G6",
    ]


def test_a_form_for_another_repository(root: Path, tmp_path: Path) -> None:
    form = fill(forms(root, tmp_path) / "bxd.xlsx", {"F7": "Đã hoàn thành", "G7": "5/3/2026"})
    book = openpyxl.load_workbook(form)
    book.properties.identifier = "dothi:99/QĐ-UBND"
    book.save(form)
    before = snapshot(root)
    result = receive(root, str(form))
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: bxd.xlsx: phiếu này được lập cho một kho dữ liệu khác (dothi:99/QĐ-UBND), "
        "không phải kho dữ liệu này (dothi:1413/QĐ-TTg)\n"
        "bxd.xlsx: không ghi nhận nội dung nào của phiếu.\n"
    )
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"PK\x03\x04 not really a zip", "tệp không phải bảng tính Excel (.xlsx) đọc được"),
        (b"", "tệp không phải bảng tính Excel (.xlsx) đọc được"),
        (b"Ma,Tinh trang\nbao-cao-quy,done\n", "tệp không phải bảng tính Excel (.xlsx) đọc được"),
    ],
)
def test_a_damaged_file(root: Path, tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "bxd.xlsx"
    path.write_bytes(content)
    before = snapshot(root)
    result = receive(root, str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Lỗi: bxd.xlsx: {said}")
    assert snapshot(root) == before


def test_a_workbook_that_is_not_a_form(root: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "Something else"
    book.save(tmp_path / "other.xlsx")
    result = receive(root, str(tmp_path / "other.xlsx"))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Lỗi: other.xlsx: trang tính đầu tiên không có dòng tiêu đề với cột “Mã” (hoặc “ID”)\n"
    )


def test_a_missing_file_is_a_usage_error(root: Path, tmp_path: Path) -> None:
    result = receive(root, str(tmp_path / "none.xlsx"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Lỗi: Không đọc được tệp “{tmp_path / 'none.xlsx'}”:")


def test_each_form_is_whole_or_nothing_on_its_own(root: Path, tmp_path: Path) -> None:
    out = forms(root, tmp_path)
    good = fill(out / "ha-noi.xlsx", {"F5": "Đã hoàn thành", "G5": "2/3/2026"})
    bad = fill(out / "bxd.xlsx", {"F5": "Đã hoàn thành", "G5": "32/1/2026"})
    result = receive(root, str(bad), str(good))
    assert result.exit_code == 1
    assert task(root, "ke-hoach-hanh-dong")["responses"] == {
        "ha-noi": {"status": "done", "done_on": "2026-03-02"}
    }


HOSTILE = {
    "formula": '=HYPERLINK("http://evil.example","bấm")',
    "template": "{{ 7*7 }} {% for x in range(9) %}x{% endfor %}",
    "lines": "dòng một\ndòng hai\r\n- dòng ba: có dấu hai chấm",
    "long": "rất dài " * 2000,
    "yaml": "&anchor !!python/object:os.system ['ls'] *anchor",
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_cells_are_recorded_literally(root: Path, tmp_path: Path, kind: str) -> None:
    text = HOSTILE[kind]
    form = fill(forms(root, tmp_path) / "bxd.xlsx", {"J6": text, "I6": text})
    sheet = openpyxl.load_workbook(form).active
    if kind == "formula":
        assert sheet["J6"].data_type == "f"  # the clerk's cell is a real formula; it is read as its text
    result = receive(root, str(form))
    assert result.exit_code == 0, result.stderr
    recorded = task(root, "nguy-hiem")
    assert recorded["updates"][0]["note"] == text.strip()
    assert recorded["obstacles"][0]["text"] == text.strip()
    assert run("--root", str(root), "--no-cache", "validate").exit_code == 0
    shown = run("--root", str(root), "--no-cache", "show", "nguy-hiem")
    assert "49" not in shown.stdout  # {{ 7*7 }} is never evaluated


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_written_into_a_form_is_read_back_as_written(text: str) -> None:
    """What dothi writes into a cell (drop what XML cannot hold) is what reading gives back."""
    from dothi.render.controls import for_document

    line = FormLine("bao-cao-quy", text, text, text, text)
    raw = form_workbook(
        text or "x",
        datetime(2026, 3, 10).date(),
        datetime(2026, 3, 17).date(),
        [line],
        "dothi:x",
        CATALOGUES[0],
    )
    form = read_form(raw, CATALOGUES)
    (answer,) = form.answers
    kept = for_document(text)
    assert answer.value("id") == "bao-cao-quy"
    assert (answer.value("title") or "") == kept


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_reading_any_bytes_gives_a_form_or_a_form_error(raw: bytes) -> None:
    with contextlib.suppress(FormError):
        read_form(raw, CATALOGUES)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(FormError):
        read_form(buffer.getvalue(), CATALOGUES)


def test_a_zip_bomb_is_not_unpacked(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (210 * 1024 * 1024))
    raw = buffer.getvalue()
    assert len(raw) < 1024 * 1024
    with pytest.raises(FormError) as refused:
        read_form(raw, CATALOGUES)
    assert refused.value.text.key == "receive.error.too_big"


SECOND = "data/tasks/100-tb-vpcp.yaml"
SECOND_DIRECTIVE = """\
directive:
  number: 100/TB-VPCP
  kind: thong-bao
  date: 2025-06-01
  issuer: vpcp
  subject: Kết luận của Tổ công tác về báo cáo riêng
tasks:
  - id: bao-cao-rieng
    title: Báo cáo riêng của Bộ Xây dựng
    lead: bxd
    deadline: 15/12/2025
"""


@pytest.fixture
def two_files(repo: Callable[..., Path]) -> Path:
    """bxd's form then holds rows of two files."""
    return repo({**FILES, SECOND: SECOND_DIRECTIVE})


def answered_in_two_files(root: Path, tmp_path: Path) -> Path:
    form = forms(root, tmp_path) / "bxd.xlsx"
    rows = {row[0].value: row[0].row for row in openpyxl.load_workbook(form).active.iter_rows(min_row=5)}
    return fill(
        form,
        {
            f"F{rows['bao-cao-quy']}": "Đã hoàn thành",
            f"G{rows['bao-cao-quy']}": "5/3/2026",
            f"F{rows['bao-cao-rieng']}": "Đã hoàn thành",
            f"G{rows['bao-cao-rieng']}": "1/3/2026",
        },
    )


def test_a_form_over_two_files_is_recorded_in_both(two_files: Path, tmp_path: Path) -> None:
    result = receive(two_files, str(answered_in_two_files(two_files, tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"bxd.xlsx: đã ghi nhận 2 nội dung trả lời vào {SECOND}, {TASKS}.\n"
    states = status_of(two_files)
    assert (states["bao-cao-quy"], states["bao-cao-rieng"]) == ("done_on_time", "done_late")


def test_a_write_that_fails_puts_back_the_files_written_before_it(
    two_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or none, even when the disk fills between the first file and the second."""
    import errno

    from dothi.edit import transaction

    form = answered_in_two_files(two_files, tmp_path)
    before = snapshot(two_files)
    writes: list[Path] = []
    write = transaction.write_atomically

    def filling(path: Path, data: bytes) -> None:
        writes.append(path)
        if len(writes) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        write(path, data)

    monkeypatch.setattr(transaction, "write_atomically", filling)
    result = receive(two_files, str(form))
    assert result.exit_code == 1
    assert f"Không ghi được {writes[1].relative_to(two_files).as_posix()}: ổ đĩa đã đầy." in result.stderr
    assert len(writes) == 3  # the first file, the second (refused), the first put back
    assert writes[2] == writes[0]
    assert snapshot(two_files) == before
