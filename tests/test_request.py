"""``dothi request``: the urging letter (read back with python-docx) and the answer form (openpyxl)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

from conftest import run_cli
from outreach_repo import AS_OF, FILES

FORM_HEADER = (
    "Mã",
    "Nội dung nhiệm vụ",
    "Văn bản giao",
    "Thời hạn",
    "Trạng thái theo dõi",
    "Tình trạng",
    "Ngày hoàn thành",
    "Kết quả",
    "Khó khăn, vướng mắc",
    "Ghi chú",
)


@pytest.fixture
def root(repo: Callable[..., Path]) -> Path:
    return repo(FILES)


def request(root: Path, *args: str, lang: str = "vi") -> tuple[int, str]:
    result = run_cli("--root", str(root), "--no-cache", "--lang", lang, "request", *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout + result.stderr


def letter_text(path: Path) -> tuple[list[str], list[list[str]]]:
    """The letter's paragraphs, and the rows of all its tables (cells' text)."""
    document = docx.Document(str(path))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return [p.text for p in document.paragraphs if p.text], rows


def test_a_letter_and_a_form_for_each_organization_that_owes(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    code, said = request(root, "--as-of", AS_OF, "--out", str(out))
    assert (code, said) == (0, f"Đã ghi công văn và phiếu báo cáo gửi 2 cơ quan, địa phương vào “{out}”.\n")
    # bkhcn's only task is done: nothing to ask it
    assert sorted(p.name for p in out.iterdir()) == ["bxd.docx", "bxd.xlsx", "ha-noi.docx", "ha-noi.xlsx"]


def test_the_letter_reads_as_a_cong_van(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    assert request(root, "--as-of", AS_OF, "--out", str(out))[0] == 0
    paragraphs, rows = letter_text(out / "bxd.docx")
    # The Decree 30 frame every document shares: the issuer, "Số:" left blank to be numbered
    # (no-break spaces keep the room), the motto and the date line; "V/v" under the number.
    blank = "\xa0" * 8
    assert rows[0] == [
        f"TỔ CÔNG TÁC LIÊN NGÀNH\n\nSố: {blank}/TCT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHà Nội, ngày 10 tháng 3 năm 2026",
    ]
    assert rows[1] == ["V/v đôn đốc thực hiện nhiệm vụ được giao", ""]
    assert paragraphs[0] == "Kính gửi: Bộ Xây dựng"
    assert paragraphs[1] == (
        "Thực hiện nhiệm vụ đôn đốc, kiểm tra việc triển khai các nhiệm vụ được giao tại văn bản số "
        "382/TB-VPCP ngày 5/8/2025 (Kết luận của Phó Thủ tướng tại phiên họp thứ nhất của Tổ công tác), "
        "Tổ công tác liên ngành đã tổng hợp tình hình thực hiện của các Bộ, cơ quan, địa phương."
    )
    assert paragraphs[2] == (
        "Tính đến ngày 10/3/2026, Bộ Xây dựng có 3 nhiệm vụ quá hạn, sắp đến hạn hoặc chưa có thông "
        "tin về kết quả thực hiện (trong đó 2 nhiệm vụ quá hạn), cụ thể như sau:"
    )
    assert rows[2:6] == [
        ["STT", "Nhiệm vụ", "Văn bản giao", "Thời hạn", "Trạng thái", "Số ngày quá hạn"],
        [
            "1",
            "Ban hành kế hoạch hành động phát triển đô thị thông minh",
            "382/TB-VPCP",
            "15/9/2025",
            "Chưa hoàn thành, quá hạn",
            "176",
        ],
        [
            "2",
            '=HYPERLINK("http://example.com","bấm vào") {{ 7*7 }}',
            "382/TB-VPCP",
            "1/10/2025",
            "Chưa hoàn thành, quá hạn",
            "160",
        ],
        [
            "3",
            "Báo cáo tình hình thực hiện quý I",
            "382/TB-VPCP",
            "20/3/2026",
            "Chưa hoàn thành, trong hạn",
            "",
        ],
    ]
    # five working days after Tuesday 10/3/2026
    assert paragraphs[3].endswith(
        "về Tổ công tác (qua Bộ Xây dựng, cơ quan thường trực) trước ngày 17/3/2026."
    )
    # The signature block of every document: with no settings, the group's leader signs as its head.
    assert rows[6] == ["Nơi nhận:\n- Như trên;\n- Lưu: VT.", "TỔ TRƯỞNG\n\n\n\n\nNguyễn Văn A"]
    assert not any("dothi" in text or "--" in text for text in paragraphs)  # no command-line hint


def test_the_reply_day_is_counted_in_working_days_across_tet(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    # Thursday 12/2/2026; Tết Bính Ngọ closes the offices from 14 to 22 February
    assert request(root, "--as-of", "2026-02-12", "--out", str(out), "--lead", "ha-noi")[0] == 0
    paragraphs, _ = letter_text(out / "ha-noi.docx")
    assert (
        paragraphs[0] == "Kính gửi: Ủy ban nhân dân thành phố Hà Nội"
    )  # a province's letter goes to its committee
    assert paragraphs[3].startswith("Đề nghị Ủy ban nhân dân thành phố Hà Nội khẩn trương chỉ đạo")
    assert paragraphs[3].endswith("trước ngày 26/2/2026.")
    assert sorted(p.name for p in out.iterdir()) == ["ha-noi.docx", "ha-noi.xlsx"]


def test_reply_by_given(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    assert request(root, "--as-of", AS_OF, "--out", str(out), "--reply-by", "31/3/2026")[0] == 0
    assert letter_text(out / "bxd.docx")[0][3].endswith("trước ngày 31/3/2026.")
    code, said = request(root, "--as-of", AS_OF, "--out", str(out), "--reply-by", "1/3/2026")
    assert (code, said) == (2, "Lỗi: --reply-by 1/3/2026 sớm hơn ngày của công văn (10/3/2026).\n")


def test_the_form_layout(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    assert request(root, "--as-of", AS_OF, "--out", str(out))[0] == 0
    book = openpyxl.load_workbook(out / "bxd.xlsx")
    sheet = book.active
    assert sheet.title == "Phiếu trả lời"
    assert sheet["A1"].value == "Bộ Xây dựng"
    assert sheet["A2"].value == (
        "Tình hình thực hiện nhiệm vụ tính đến ngày 10/3/2026; "
        "đề nghị gửi lại phiếu này trước ngày 17/3/2026."
    )
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0] == FORM_HEADER
    assert rows[1:] == [
        ("ke-hoach-hanh-dong@bxd", "Ban hành kế hoạch hành động phát triển đô thị thông minh", "382/TB-VPCP",
         "15/9/2025", "Chưa hoàn thành, quá hạn", None, None, None, None, None),
        ("nguy-hiem", '=HYPERLINK("http://example.com","bấm vào") {{ 7*7 }}', "382/TB-VPCP", "1/10/2025",
         "Chưa hoàn thành, quá hạn", None, None, None, None, None),
        ("bao-cao-quy", "Báo cáo tình hình thực hiện quý I", "382/TB-VPCP", "20/3/2026",
         "Chưa hoàn thành, trong hạn", None, None, None, None, None),
    ]  # fmt: skip
    assert sheet["B6"].data_type == "s"  # the title that looks like a formula is text
    # the sheet is protected, without a password; the given columns locked, the others open
    assert sheet.protection.sheet is True
    assert sheet.protection.password is None
    assert [sheet.cell(5, column).protection.locked for column in range(1, 11)] == [True] * 5 + [False] * 5
    # the drop-down of the status column
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"Đã hoàn thành,Đang thực hiện"'
    assert str(validation.sqref) == "F5:F7"
    assert sheet.freeze_panes == "A5"
    assert book.properties.identifier == "dothi:1413/QĐ-TTg"


def test_the_form_in_english(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    assert request(root, "--as-of", AS_OF, "--out", str(out), lang="en")[0] == 0
    sheet = openpyxl.load_workbook(out / "bxd.xlsx").active
    header = next(sheet.iter_rows(min_row=4, max_row=4, values_only=True))
    assert header == ("ID", "Task", "Directive", "Deadline", "Tracked state", "Status", "Done on", "Result",
                      "Obstacle", "Note")  # fmt: skip
    assert sheet.data_validations.dataValidation[0].formula1 == '"Done,In progress"'
    paragraphs, rows = letter_text(out / "bxd.docx")
    assert paragraphs[0] == "To: Bộ Xây dựng"
    assert rows[0][0].endswith("No.: " + "\xa0" * 8 + "/TCT")
    assert rows[1][0] == "Re: the tasks assigned"


def test_a_city_letter_in_english_goes_to_its_committee_in_english(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    assert request(root, "--as-of", "2026-02-12", "--out", str(out), "--lead", "ha-noi", lang="en")[0] == 0
    paragraphs, _ = letter_text(out / "ha-noi.docx")
    assert paragraphs[0] == "To: People's Committee of Hà Nội City"  # not “… of thành phố Hà Nội”
    said = "\n".join(paragraphs)  # in a sentence, with its article
    assert "the People's Committee of Hà Nội City has " in said
    assert "It is requested that the People's Committee of Hà Nội City see to these tasks" in said
    # a date in a sentence written out, as the date line writes it; ISO is for the table's cells
    assert "As of 12 February 2026, the People's Committee" in said
    assert "in document 382/TB-VPCP of 5 August 2025 (" in said
    assert "by 26 February 2026." in said  # five working days, past the Tết holiday


def test_nothing_to_ask_writes_nothing(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    code, said = request(root, "--as-of", "2025-08-10", "--out", str(out))
    assert code == 0
    assert said == (
        "Tính đến ngày 10/8/2025, không cơ quan, địa phương nào có nhiệm vụ quá hạn, "
        "đến hạn trong 14 ngày tới hoặc chưa có thông tin về kết quả; không ghi tệp nào.\n"
    )
    assert not out.exists()


def test_a_file_dothi_did_not_write_is_not_overwritten(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    out.mkdir()
    (out / "bxd.xlsx").write_bytes(b"the clerk's own workbook")
    code, said = request(root, "--as-of", AS_OF, "--out", str(out))
    assert code == 2
    assert "bxd.xlsx” đã có và không phải tệp do dothi tạo" in said
    assert sorted(p.name for p in out.iterdir()) == ["bxd.xlsx"]  # all or nothing
    assert (out / "bxd.xlsx").read_bytes() == b"the clerk's own workbook"
    assert request(root, "--as-of", AS_OF, "--out", str(out), "--force")[0] == 0
    assert openpyxl.load_workbook(out / "bxd.xlsx").active["A1"].value == "Bộ Xây dựng"
    # its own files, as it wrote them, are written again
    assert request(root, "--as-of", AS_OF, "--out", str(out))[0] == 0


def test_a_form_someone_saved_is_theirs(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "dot-1"
    assert request(root, "--as-of", AS_OF, "--out", str(out))[0] == 0
    book = openpyxl.load_workbook(out / "bxd.xlsx")
    book.active["F5"] = "Đã hoàn thành"
    book.properties.lastModifiedBy = "Văn thư BXD"
    book.save(out / "bxd.xlsx")
    before = (out / "bxd.xlsx").read_bytes()
    assert request(root, "--as-of", AS_OF, "--out", str(out))[0] == 2
    assert (out / "bxd.xlsx").read_bytes() == before


def test_an_unknown_lead_is_a_usage_error(root: Path, tmp_path: Path) -> None:
    code, said = request(root, "--out", str(tmp_path / "x"), "--lead", "bxdd")
    assert code == 2
    assert "bxdd" in said and "bxd" in said


UNKNOWN = """\
directive:
  number: 5802/VPCP-CN
  kind: cong-van
  date: 2024-08-15
  issuer: vpcp
  subject: Triển khai đô thị thông minh
tasks:
  - id: chua-ro
    title: Tổng kết Đề án
    lead: bkhcn
    deadline: năm 2025
    status: unknown
  - id: chua-ro-sau-nay
    title: Việc của năm sau
    lead: bkhcn
    deadline: năm 2027
    status: unknown
"""


def test_what_nothing_is_known_of_is_asked_about_once_it_is_due(
    repo: Callable[..., Path], tmp_path: Path
) -> None:
    """An item whose result no source gives (SPEC §10) is not overdue; the letter asks about it all
    the same once it would be, since the answer is what the secretariat lacks."""
    root = repo({**FILES, "data/tasks/5802-vpcp-cn.yaml": UNKNOWN})
    out = tmp_path / "dot-1"
    assert request(root, "--as-of", AS_OF, "--out", str(out), "--lead", "bkhcn")[0] == 0
    _, rows = letter_text(out / "bkhcn.docx")
    assert rows[3] == ["1", "Tổng kết Đề án", "5802/VPCP-CN", "năm 2025", "Chưa có thông tin về kết quả", ""]
    assert len(rows) == 5  # the one due in 2027 is not asked about; then the signature
