"""``dothi status`` for people: a CSV that Excel opens (csv-excel), and a listing that stops."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from conftest import write_repo
from dothi.cli import app
from test_hostile_outputs import with_title
from test_status_cli import AS_OF, CSV_ALL, HEADER, root, status

__all__ = ["root"]  # the fixture, imported for the tests below

VI_HEADER = (
    "Mã,Nội dung nhiệm vụ,Loại,Văn bản,Đơn vị chủ trì,Thời hạn,Ngày đến hạn,Trạng thái,Sắp đến hạn,"
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
