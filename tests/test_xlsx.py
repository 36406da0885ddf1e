"""``dothi status --format xlsx``: the listing as a workbook, read back with openpyxl."""

from __future__ import annotations

import io
import re
import time
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from conftest import run_cli
from outreach_repo import AS_OF, FILES


@pytest.fixture
def root(repo: Callable[..., Path]) -> Path:
    return repo(FILES)


def _status(root: Path, *args: str, lang: str = "vi") -> tuple[int, str]:
    result = run_cli("--root", str(root), "--no-cache", "--lang", lang, "status", "--as-of", AS_OF, *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout + result.stderr


def test_the_listing_as_a_workbook(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    code, said = _status(root, "--format", "xlsx", "--out", str(out))
    assert (code, said) == (0, f"Đã ghi {out}\n")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Nhiệm vụ", "Tổng hợp"]
    items = book["Nhiệm vụ"]
    rows = list(items.iter_rows(values_only=True))
    assert rows[0] == (
        "Mã",
        "Nội dung nhiệm vụ",
        "Loại",
        "Văn bản",
        "Cơ quan chủ trì",
        "Thời hạn",
        "Ngày đến hạn",
        "Trạng thái",
        "Sắp đến hạn",
        "Số ngày quá hạn",
        "Ngày hoàn thành",
        "Hoàn thành chậm nhất ngày",
        "Thời hạn dự kiến",
        "Nguồn",
    )
    # the same items, in the same order, as the other formats list them
    listed = run_cli("--root", str(root), "--no-cache", "status", "--as-of", AS_OF, "--format", "json").json()
    assert [row[0] for row in rows[1:]] == [item["id"] for item in listed["items"]]
    first = rows[1]
    assert first[:8] == (
        "ke-hoach-hanh-dong@bxd",
        "Ban hành kế hoạch hành động phát triển đô thị thông minh",
        "nhiệm vụ giao từng Bộ, cơ quan, địa phương",
        "382/TB-VPCP",
        "Bộ Xây dựng",
        "15/9/2025",
        datetime(2025, 9, 15),
        "Chưa hoàn thành, quá hạn",
    )
    assert first[9] == 176  # a number, not text
    assert items["G2"].is_date and items["G2"].number_format == "d/m/yyyy"
    assert items.freeze_panes == "A2"
    assert items.auto_filter.ref == f"A1:N{len(rows)}"


def test_the_summary_sheet_has_counts_and_rates_as_numbers(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    assert _status(root, "--format", "xlsx", "--out", str(out))[0] == 0
    summary = openpyxl.load_workbook(out)["Tổng hợp"]
    rows = {row[0]: row[1:] for row in summary.iter_rows(values_only=True) if row[0]}
    assert rows["Chưa hoàn thành, quá hạn"][0] == 3
    assert rows["Đã hoàn thành, đúng hạn"][0] == 1
    assert rows["Tỷ lệ hoàn thành / nhiệm vụ đến hạn"][0] == pytest.approx(0.25)
    assert rows["Bộ Xây dựng"][:6] == (3, 0, 0, 0, 1, 2)


def test_english_headers_and_iso_dates(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    assert _status(root, "--format", "xlsx", "--out", str(out), lang="en")[0] == 0
    items = openpyxl.load_workbook(out)["Items"]
    assert items["A1"].value == "ID"
    assert items["H2"].value == "Overdue"
    assert items["G2"].number_format == "yyyy-mm-dd"


def test_filters_apply_as_in_every_format(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    assert _status(root, "--format", "xlsx", "--out", str(out), "--lead", "ha-noi")[0] == 0
    ids = [row[0] for row in openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True)]
    assert ids == ["ke-hoach-hanh-dong@ha-noi"]


def test_text_that_looks_like_a_formula_is_stored_as_text(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.xlsx"
    assert _status(root, "--format", "xlsx", "--out", str(out), "--all")[0] == 0
    items = openpyxl.load_workbook(out).active
    cells = [row[1] for row in items.iter_rows(min_row=2) if row[0].value == "nguy-hiem"]
    assert cells[0].value == '=HYPERLINK("http://example.com","bấm vào") {{ 7*7 }}'
    assert cells[0].data_type == "s"  # a formula would be "f"


def test_a_workbook_needs_a_file(root: Path) -> None:
    code, said = _status(root, "--format", "xlsx")
    assert code == 2
    assert (
        said == "Lỗi: --format xlsx ghi ra tệp Excel: hãy cho biết tên tệp bằng --out "
        "(ví dụ --out tinh-hinh.xlsx).\n"
    )
    code, said = _status(root, "--format", "json", "--out", "x.json")
    assert code == 2
    assert "--out chỉ dùng với --format xlsx" in said


def test_a_file_dothi_did_not_write_is_kept(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine.xlsx"
    out.write_bytes(b"my own spreadsheet")
    code, said = _status(root, "--format", "xlsx", "--out", str(out))
    assert code == 2
    assert "không phải tệp do dothi tạo" in said
    assert out.read_bytes() == b"my own spreadsheet"
    out.unlink()
    assert _status(root, "--format", "xlsx", "--out", str(out))[0] == 0
    assert _status(root, "--format", "xlsx", "--out", str(out))[0] == 0  # its own file: written again


def test_a_text_file_is_not_taken_for_a_workbook(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("\nmy notes\n", encoding="utf-8")
    assert _status(root, "--format", "xlsx", "--out", str(out))[0] == 2
    assert out.read_text(encoding="utf-8") == "\nmy notes\n"


def test_the_same_data_and_date_give_the_same_workbook_at_any_hour(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl stamps each ZIP entry with the clock; the workbook carries the report's date instead."""
    made = []
    for hour, name in ((8, "morning.xlsx"), (17, "evening.xlsx")):
        clock = datetime(2026, 3, 2, hour, 30).timestamp()
        monkeypatch.setattr(time, "time", lambda clock=clock: clock)
        out = tmp_path / name
        assert _status(root, "--format", "xlsx", "--out", str(out))[0] == 0
        made.append(out.read_bytes())
    assert made[0] == made[1]
    with zipfile.ZipFile(io.BytesIO(made[0])) as package:
        assert {entry.date_time for entry in package.infolist()} == {(2026, 3, 10, 0, 0, 0)}
        stamps = re.findall(rb"\d{4}-\d\d-\d\dT[\d:]+Z", package.read("docProps/core.xml"))
    assert stamps == [b"2026-03-10T00:00:00Z"] * 2  # created and modified: the report's day, not the clock
