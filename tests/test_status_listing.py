"""``dothi status`` for people: a CSV that Excel opens (csv-excel), and a listing that stops."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import write_repo
from dothi.cli.app import app
from test_hostile_outputs import with_title
from test_status_cli import AS_OF, CSV_ALL, HEADER, big_root, root, status

__all__ = ["big_root", "root"]  # the fixtures, imported for the tests below

VI_HEADER = (
    "Mã,Nội dung nhiệm vụ,Loại,Văn bản,Cơ quan chủ trì,Thời hạn,Ngày đến hạn,Trạng thái,Sắp đến hạn,"
    "Số ngày quá hạn,Ngày hoàn thành,Hoàn thành chậm nhất ngày,Thời hạn dự kiến,Nguồn"
)
EN_HEADER = (
    "ID,Task,Kind,Directive,Lead agency,Deadline,Due date,State,Due soon,Days overdue,Done on,"
    "Done at the latest on,Indicative deadline,Source"
)


def status_bytes(root: str, *args: str) -> tuple[int, bytes]:
    """The exact bytes written: CliRunner's text would hide a CRLF turned into CRCRLF."""
    env = {"NO_COLOR": "1", "DOTHI_LANG": None, "DOTHI_ROOT": None, "COLUMNS": "100"}
    result = CliRunner().invoke(app, ["--root", root, *args], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes


def test_csv_excel_is_bom_vietnamese_headers_crlf(root: str) -> None:
    code, written = status_bytes(root, "status", "--as-of", AS_OF, "--format", "csv-excel", "--all")
    rows = CSV_ALL.split("\n")[1:]
    assert code == 0
    assert written == "\ufeff".encode() + "\r\n".join([VI_HEADER, *rows]).encode("utf-8")
    assert written.startswith(b"\xef\xbb\xbfM\xc3\xa3,N\xe1\xbb\x99i dung")


def test_csv_excel_headers_in_english(root: str) -> None:
    code, written = status_bytes(
        root, "--lang", "en", "status", "--as-of", AS_OF, "--format", "csv-excel", "--lead", "vpcp"
    )
    assert (code, written) == (0, b"\xef\xbb\xbf" + EN_HEADER.encode() + b"\r\n")


def test_csv_excel_quotes_formulas_and_line_breaks_as_csv(tmp_path: Path) -> None:
    root = str(write_repo(tmp_path / "repo", with_title("=cmd|' /C calc'!A0\rhai")))
    args = ("status", "--as-of", AS_OF, "--all", "--format")
    plain = status_bytes(root, *args, "csv")[1].decode().split("\n")
    code, written = status_bytes(root, *args, "csv-excel")
    excel = written.decode("utf-8-sig").split("\r\n")
    assert code == 0
    assert "\"'=cmd|' /C calc'!A0\rhai\"" in plain[1]
    assert excel[1:] == plain[1:]


def test_plain_csv_is_unchanged(root: str) -> None:
    code, written = status_bytes(root, "status", "--as-of", AS_OF, "--format", "csv", "--all")
    assert (code, written) == (0, CSV_ALL.encode("utf-8"))
    assert written.startswith(HEADER.encode())


def test_csv_excel_is_offered(root: str) -> None:
    result = status(root, "--format", "xml")
    assert "table, json, csv, csv-excel, md" in result.stderr


# --- item 15: a listing that stops ----------------------------------------------------------------

VI_MORE = "… và {} mục khác — dùng --no-limit để xem hết"


def test_limit_cuts_each_item_table_and_says_how_many_are_left(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--limit", "1")
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    overdue = lines.index("Nhiệm vụ quá hạn (2)")
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines[overdue + 4 : overdue + 8] == [
        "               17   Trình Nghị định về đô thị thông minh",
        "                    t7 · BXD · 100/QĐ-TTg · trước ngày 15/8/2025 · 10/7/2025 (chưa cập nhật)",
        "",
        VI_MORE.format(1),
    ]
    assert "t1@cao-bang" not in result.stdout
    assert lines.count(VI_MORE.format(1)) == 2  # the due-soon table too
    assert "t2 ·" not in result.stdout


def test_limit_in_markdown(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--limit", "1", "--format", "md")
    tail = result.stdout.split("## Nhiệm vụ quá hạn (2)\n")[1].split("## Nhiệm vụ sắp")[0]
    assert tail.splitlines()[4:] == ["", VI_MORE.format(1), ""]


def test_the_more_line_counts_in_the_languages_style(big_root: str) -> None:
    vi = status(big_root, "--as-of", AS_OF, "--all", "--limit", "50")
    en = status(big_root, "--as-of", AS_OF, "--all", "--limit", "50", lang="en")
    assert vi.stdout.rstrip().splitlines()[-1] == VI_MORE.format("1.184")
    assert en.stdout.rstrip().splitlines()[-1] == "… and 1,184 more — use --no-limit to see them all"
    assert len(re.findall(r"\bn[0-9]{4} · BXD", vi.stdout)) == 50


def test_quiet_is_the_counts_and_rates_only(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--quiet", lang="en")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.rstrip() for line in result.stdout.splitlines()[-3:]] == [
        "",
        "Completion: 66.67% of the items already due; 36.36% of all items",
        "No information: 0 items (left out of both rates)",
    ]
    assert "By lead" not in result.stdout and "t7" not in result.stdout


def test_quiet_markdown(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--quiet", "--format", "md")
    assert result.stdout.endswith(
        "\n\nChưa có thông tin về kết quả: 0 nhiệm vụ (không tính vào hai tỷ lệ trên)\n"
    )
    assert "##" + " Theo cơ quan" not in result.stdout


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output as a terminal: CliRunner's stream is never one (and no pager: these tests
    read what is printed)."""
    monkeypatch.setattr("dothi.cli.status_out.on_terminal", lambda: True)
    monkeypatch.setenv("DOTHI_PAGER", "cat")


@pytest.mark.usefixtures("terminal")
def test_a_terminal_gets_50_rows_by_default(big_root: str) -> None:
    result = status(big_root, "--as-of", AS_OF, "--state", "done_on_time")
    lines = result.stdout.splitlines()
    assert lines[-3:] == [
        VI_MORE.format("1.167"),
        "",
        "Số liệu trên đã lọc: chỉ tính 1.217 nhiệm vụ khớp điều kiện lọc, trên tổng số 1.234 nhiệm vụ.",
    ]
    assert len(re.findall(r"\bn[0-9]{4} · BXD", result.stdout)) == 50


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("args", [["--all"], ["--no-limit"], ["--limit", "2000"], ["--format", "md"]])
def test_a_terminal_gets_every_row_when_asked(big_root: str, args: list[str]) -> None:
    result = status(big_root, "--as-of", AS_OF, "--state", "done_on_time", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "mục khác" not in result.stdout
    assert "n1216" in result.stdout


@pytest.mark.usefixtures("terminal")
def test_json_on_a_terminal_is_never_cut(big_root: str) -> None:
    result = status(big_root, "--as-of", AS_OF, "--all", "--format", "json")
    assert len(result.json()["items"]) == 1234


def test_a_pipe_gets_every_row(big_root: str) -> None:
    result = status(big_root, "--as-of", AS_OF, "--state", "done_on_time")
    assert "mục khác" not in result.stdout and "n1216" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--limit", "5", "--format", "json"],
            "Lỗi: --limit chỉ dùng với --format table hoặc md; JSON và CSV luôn có đủ mọi dòng.\n",
        ),
        (
            ["--quiet", "--format", "csv"],
            "Lỗi: --quiet chỉ dùng với --format table hoặc md; JSON và CSV luôn có đủ mọi dòng.\n",
        ),
        (["--limit", "5", "--no-limit"], "Lỗi: Chỉ dùng một trong hai tùy chọn --limit và --no-limit.\n"),
        (["--limit", "-1"], "Lỗi: Tùy chọn --limit: “-1” phải là số nguyên không âm\n"),
    ],
)
def test_limit_usage_errors(root: str, args: list[str], message: str) -> None:
    result = status(root, "--as-of", AS_OF, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
