"""Every document dothi writes for people carries Decree 30/2020/NĐ-CP Art. 8's elements, in their
order, from data/settings.yaml (SPEC §11, issue 17); names sort as a Vietnamese dictionary sorts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from conftest import run_cli, write_repo
from dothi.text import collation_key
from test_brief import DATES, brief_files

SETTINGS = """\
parent_body: Bộ Xây dựng
symbol: TCTĐTTM
basis: Quyết định số 100/QĐ-TTg ngày 01/7/2025 của Thủ tướng Chính phủ
signer_authority: KT. Tổ trưởng
signer_title: Tổ phó
signer: Trần Văn B
recipients:
  - Thủ tướng Chính phủ (để báo cáo)
  - Các thành viên Tổ công tác
archive: VT, PTĐT
"""
BLANK = "\u00a0" * 8


def in_order(document: Document) -> list[str]:
    """Every line of the document as a reader meets it: paragraphs, and a table's cells column by
    column (the masthead's and the signature's columns are read down, as they are printed)."""
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            table = Table(child, document)
            for column in range(len(table.columns)):
                seen: set[int] = set()
                for row in table.rows:
                    cell = row.cells[column]
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        lines += [p.text for p in cell.paragraphs]
    return [line.strip() for line in lines if line.strip()]


def after(lines: list[str], wanted: list[str]) -> list[str]:
    """The wanted lines that are found, each after the one before: all of them when in order."""
    found, start = [], 0
    for line in wanted:
        hits = [i for i in range(start, len(lines)) if lines[i] == line or lines[i].startswith(line)]
        if hits:
            found.append(line)
            start = hits[0] + 1
    return found


@pytest.fixture
def repo_root(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo", {**brief_files(), "data/settings.yaml": SETTINGS})


def test_the_word_briefing_carries_every_article_8_element_in_order(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    result = run_cli("--root", str(repo_root), "brief", *DATES, "--number", "12", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    lines = in_order(Document(str(out)))
    wanted = [
        "BỘ XÂY DỰNG",  # the parent body, above
        "TỔ CÔNG TÁC LIÊN NGÀNH",  # the issuing body
        "Số: 12/BC-TCTĐTTM",  # number and symbol
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # national motto
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 01 tháng 9 năm 2025",  # place and date
        "BÁO CÁO",  # type
        "Tình hình thực hiện nhiệm vụ về phát triển đô thị thông minh tính đến ngày 1/9/2025",  # trích yếu
        "Thực hiện Quyết định số 100/QĐ-TTg ngày 01/7/2025 của Thủ tướng Chính phủ, Tổ công tác báo cáo",
        "I. TỔNG QUAN",  # the content
        "Nơi nhận:",
        "- Thủ tướng Chính phủ (để báo cáo);",
        "- Các thành viên Tổ công tác;",
        "- Lưu: VT, PTĐT.",
        "KT. TỔ TRƯỞNG",  # authority
        "TỔ PHÓ",  # title
        "Trần Văn B",  # name, under the room for the seal
        "Phụ lục I",  # appendices, after the signature
        "DANH SÁCH THÀNH VIÊN TỔ CÔNG TÁC",
        "(Kèm theo Báo cáo số 12/BC-TCTĐTTM ngày 01 tháng 9 năm 2025 của Tổ công tác liên ngành)",
        "Phụ lục II",
    ]
    assert after(lines, wanted) == wanted
    assert not any("--" in line for line in lines)  # no command-line hint inside a document


def test_without_settings_the_number_is_left_blank_and_the_leader_signs(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", brief_files())
    result = run_cli("--root", str(root), "brief", *DATES)
    assert result.exit_code == 0
    text = result.stdout
    assert f"| Số: {BLANK}/BC-TCT |" in text
    assert "| ***Nơi nhận:*** | **TỔ TRƯỞNG** |" in text  # no authority line: the head signs
    assert "<br><br><br><br>**Nguyễn Văn A**" in text  # the leader of members.yaml, room for the seal
    assert "- Lưu: VT. |" in text


def test_html_and_markdown_carry_the_same_frame(repo_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    assert run_cli("--root", str(repo_root), "brief", *DATES, "--out", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    for part in ('<div class="masthead">', '<div class="title">', '<div class="signature">', "Nơi nhận:"):
        assert part in page
    assert page.index('<div class="title">') < page.index('<div class="signature">')
    assert page.index('<div class="signature">') < page.index('<div class="appendix-head">')


# --- Vietnamese dictionary order ---------------------------------------------------------------------

ORDERED = [
    "Bộ Công an",
    "Bộ Công Thương",
    "Bộ Nội vụ",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Xây dựng",
    "Thành phố Cần Thơ",
    "Thành phố Đà Nẵng",
    "Thành phố Hà Nội",
    "Thành phố Hải Phòng",
    "Thành phố Hồ Chí Minh",
    "Thành phố Huế",
    "Tỉnh An Giang",
    "Tỉnh Ăn Thử",
    "Tỉnh Âm",
    "Tỉnh Đắk Lắk",
    "Tỉnh Điện Biên",
    "Tỉnh Ơn",
    "Tỉnh Ưng",
]


def test_code_point_order_gets_these_names_wrong() -> None:
    assert sorted(ORDERED) != ORDERED


def test_names_sort_as_a_vietnamese_dictionary_sorts_them() -> None:
    shuffled = ORDERED[:]
    random.Random(17).shuffle(shuffled)
    assert sorted(shuffled, key=collation_key) == ORDERED


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Đà Nẵng", "Huế"),  # đ after d, before e
        ("Hà Nội", "Hồ Chí Minh"),  # a before ô, whatever the tones
        ("Hồ Chí Minh", "Huế"),
        ("Bộ Công an", "Bộ Công Thương"),  # case ignored: a before t
        ("ba", "bà"),  # tones after letters: ngang, huyền, hỏi, ngã, sắc, nặng
        ("bà", "bả"),
        ("bả", "bã"),
        ("bã", "bá"),
        ("bá", "bạ"),
        ("bạ", "bac"),  # a tone never outweighs a letter
        ("ba", "Ba"),  # only then case
        ("Nội", "Nông"),  # a shorter word first: i before n
    ],
)
def test_pairs_in_dictionary_order(first: str, second: str) -> None:
    assert collation_key(first) <= collation_key(second)
    assert collation_key(first) != collation_key(second)
