"""The briefing as a Word document (issue 9): Decree 30's layout, the same content as the Markdown.

The fixture is the briefing tests' (tests/test_brief.py), read as of 1/9/2025 since 15/8/2025.
The document is read back with python-docx and checked for what a reader and a clerk see: the A4
page and its margins, Times New Roman, the masthead, the date line, the headings in order, the
tables (exact cells, a repeating header row), the charts and the page numbers.
"""

from __future__ import annotations

import io
import time
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from docx.table import Table

from conftest import write_repo
from dothi.data.repository import Repository, load_repository
from dothi.messages import Catalogue
from dothi.render.briefing import Links, environment, render
from dothi.render.charts import Chart, charts
from dothi.render.docx import Meta, to_docx
from dothi.render.formats import chart_links
from dothi.render.formats import word as word_page
from dothi.render.sandbox import Limits
from dothi.reports.briefing import Briefing, briefing
from test_brief import brief_files

AS_OF, SINCE = date(2025, 9, 1), date(2025, 8, 15)
HOSTILE = "Quy chế | phối hợp\n{{ 7*7 }} {% if x %}"
HEADINGS_VI = [
    ("Heading 1", "I. TỔNG QUAN"),
    ("Heading 2", "Theo cơ quan chủ trì"),
    ("Heading 1", "II. NHIỆM VỤ QUÁ HẠN"),
    ("Heading 2", "1. Văn phòng Chính phủ"),
    ("Heading 2", "2. Bộ Xây dựng"),
    ("Heading 2", "3. Bộ Khoa học và Công nghệ"),
    ("Heading 2", "4. Tỉnh Cao Bằng"),
    ("Heading 1", "III. NHIỆM VỤ SẮP ĐẾN HẠN (TRONG 14 NGÀY TỚI)"),
    ("Heading 1", "IV. CÁC ĐỊA PHƯƠNG"),
    ("Heading 2", "Kế hoạch phát triển đô thị thông minh giai đoạn 2026–2030"),
    ("Heading 2", "Bộ, cơ quan, địa phương chưa thực hiện nhiệm vụ được giao"),
    ("Heading 1", "V. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ"),
    ("Heading 2", "1. Đề nghị Thủ tướng Chính phủ xem xét, quyết định"),
    ("Heading 2", "2. Đề nghị Tổ công tác xử lý"),
    ("Heading 2", "3. Các khó khăn, vướng mắc khác"),
    ("Heading 1", "VI. KẾT QUẢ TỪ NGÀY 15/8/2025"),
    ("Heading 2", "Nhiệm vụ đã hoàn thành"),
    ("Heading 2", "Cập nhật tiến độ"),
    ("Heading 1", "DANH SÁCH THÀNH VIÊN TỔ CÔNG TÁC"),
    ("Heading 1", "NGUỒN SỐ LIỆU"),
]


def render_docx(context: Briefing, t: Catalogue, made: list[Chart]) -> bytes:
    """The Word briefing as ``brief --to docx`` writes it: the built-in template, then the writer."""
    env = environment(None, t, Limits(time.monotonic))
    return word_page(render(env, "briefing", context, Links(), chart_links(made)), context, t, made)


def load(root: Path) -> Repository:
    repository = load_repository(root).repository
    assert repository is not None
    return repository


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    return briefing(load(write_repo(tmp_path_factory.mktemp("brief"), brief_files())), AS_OF, SINCE)


@pytest.fixture(scope="module")
def pictures(context: Briefing) -> list[Chart]:
    return charts(context, Catalogue("vi"))


@pytest.fixture(scope="module")
def word(context: Briefing, pictures: list[Chart]) -> bytes:
    return render_docx(context, Catalogue("vi"), pictures)


@pytest.fixture(scope="module")
def document(word: bytes) -> WordDocument:
    return Document(io.BytesIO(word))


def cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def data_tables(document: WordDocument) -> list[Table]:
    """Every table but the masthead and the signature, which are layout (borderless columns), not data."""
    return [table for table in document.tables if table.style.name == "Table Grid"]


def body_text(document: WordDocument) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


# --- Decree 30's page and type ---------------------------------------------------------------------


def test_the_page_is_a4_with_decree_30_margins(document: WordDocument) -> None:
    """Word keeps lengths in twips: A4 is 11906 × 16838, a 2 cm margin 1134, a 3 cm one 1701."""
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838)) == (7560310, 10692130)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert margins == (Twips(1134), Twips(1134), Twips(1701), Twips(1134))
    assert [round(length.cm, 2) for length in margins] == [2.0, 2.0, 3.0, 2.0]
    assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)


def test_the_body_is_times_new_roman_14_for_every_script(document: WordDocument) -> None:
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(14))
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    scripts = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
    assert [fonts.get(qn(name)) for name in scripts] == ["Times New Roman"] * 4
    for name, size in (("Heading 1", 14), ("Heading 2", 13)):
        heading = document.styles[name]
        assert (heading.font.name, heading.font.size, heading.font.bold) == (
            "Times New Roman",
            Pt(size),
            True,
        )
        assert str(heading.font.color.rgb) == "000000"
        assert heading.element.rPr.find(qn("w:rFonts")).get(qn("w:asciiTheme")) is None


# --- masthead, date line, title --------------------------------------------------------------------


def test_the_masthead_puts_the_issuer_beside_the_country_and_motto(document: WordDocument) -> None:
    """Issuer (no parent body in the fixture) over its rule and the number; country and motto over
    the motto's rule and the date line (Decree 30, Appendix I)."""
    masthead = document.tables[0]
    issuer, country = masthead.rows[0].cells
    blank = "\u00a0" * 8
    assert [p.text for p in issuer.paragraphs] == ["TỔ CÔNG TÁC LIÊN NGÀNH", "", f"Số: {blank}/BC-TCT"]
    assert [p.text for p in country.paragraphs] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",  # the rule under the motto
        "Hà Nội, ngày 01 tháng 9 năm 2025",
    ]
    assert [run.bold for p in (issuer.paragraphs[0], *country.paragraphs[:2]) for run in p.runs] == [True] * 3
    assert not issuer.paragraphs[2].runs[0].bold
    assert country.paragraphs[3].runs[0].italic
    assert country.paragraphs[1].runs[0].font.size == Pt(13)
    borders = masthead._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_the_title_its_rule_and_the_opening_follow_the_masthead(document: WordDocument) -> None:
    kind, subject, rule, opening = document.paragraphs[:4]
    assert (kind.text, kind.alignment, kind.runs[0].bold) == ("BÁO CÁO", WD_ALIGN_PARAGRAPH.CENTER, True)
    assert subject.text == (
        "Tình hình thực hiện nhiệm vụ về phát triển đô thị thông minh tính đến ngày 1/9/2025"
    )
    assert (rule.text, rule._p.pPr.find(qn("w:pBdr")) is not None) == ("", True)  # the short rule
    assert opening.text.startswith("Thực hiện nhiệm vụ được giao tại văn bản số 1413/QĐ-TTg ngày 30/6/2025")
    assert opening.text.endswith("như sau:")


def test_english_follows_the_catalogue(context: Briefing) -> None:
    document = Document(io.BytesIO(render_docx(context, Catalogue("en"), [])))
    country = document.tables[0].rows[0].cells[1]
    assert [p.text for p in country.paragraphs] == [
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
        "",
        "Hanoi, 1 September 2025",
    ]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "I. OVERVIEW"
    assert headings[-2:] == ["MEMBERS OF THE WORKING GROUP", "SOURCES OF THE FIGURES"]
    assert len(document.inline_shapes) == 0  # no chart given, none drawn


# --- sections and tables ---------------------------------------------------------------------------


def test_sections_are_word_headings_in_the_templates_order(document: WordDocument) -> None:
    found = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert found == HEADINGS_VI


def test_the_overdue_tables_list_each_leads_items(document: WordDocument) -> None:
    header = ["STT", "Nhiệm vụ", "Văn bản giao", "Thời hạn", "Số ngày quá hạn"]
    overdue = [table for table in data_tables(document) if cells(table)[0] == header]
    assert [cells(table)[1:] for table in overdue] == [
        [["1", "Xây dựng quy chế phối hợp của Tổ công tác", "100/QĐ-TTg", "1/8/2025", "31"]],
        [
            ["1", "Trình Nghị định về đô thị thông minh", "100/QĐ-TTg", "trước ngày 15/8/2025", "17"],
            ["2", "Tổng hợp đề xuất của các địa phương", "100/QĐ-TTg", "25/8/2025", "7"],
        ],
        [["1", "Gửi kế hoạch hành động", "100/QĐ-TTg", "trước ngày 25/8/2025", "7"]],
        [["1", "Gửi kế hoạch hành động", "100/QĐ-TTg", "trước ngày 25/8/2025", "7"]],
    ]
    row = overdue[0].rows[1]
    aligned = [cell.paragraphs[0].alignment for cell in row.cells]
    right, left = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    assert aligned == [right, left, left, left, right]


def test_overview_plans_and_roster_tables(document: WordDocument) -> None:
    tables = data_tables(document)
    assert cells(tables[0])[1] == ["Đã hoàn thành, đúng hạn", "5"]
    assert cells(tables[1])[0] == [
        "Cơ quan chủ trì",
        "Tổng số",
        "Đã hoàn thành, đúng hạn",
        "Đã hoàn thành, quá hạn",
        "Chưa hoàn thành, trong hạn",
        "Chưa hoàn thành, quá hạn",
        "Tỷ lệ hoàn thành / nhiệm vụ đến hạn",
        "Tỷ lệ hoàn thành / tổng số nhiệm vụ",
    ]  # no item is done on a day not known, none without information: those columns are left out
    assert cells(tables[1])[1] == ["Bộ Xây dựng", "6", "2", "0", "1", "2", "50,00%", "40,00%"]
    plans = next(table for table in tables if cells(table)[0][0] == "Địa phương")
    assert cells(plans)[1:] == [
        ["Thành phố Hà Nội", "Đã trình", "50", "1"],
        ["Tỉnh Cao Bằng", "Chưa có thông tin", "—", "—"],  # no plan recorded (SPEC §10)
    ]
    assert cells(tables[-1])[1:4] == [
        ["Tổ trưởng"] * 4,  # one merged cell across the row
        ["1", "Nguyễn Văn A", "Phó Thủ tướng", "Văn phòng Chính phủ"],
        ["Tổ phó"] * 4,
    ]
    assert "Lê Văn Cũ" not in [text for row in cells(tables[-1]) for text in row]


def test_lists_use_names_and_dashes(document: WordDocument) -> None:
    text = body_text(document)
    assert (
        "- 12/8/2025 — Trình Nghị định về đô thị thông minh (Bộ Xây dựng): "
        "Cần Thủ tướng cho ý kiến về phạm vi điều chỉnh của Nghị định" in text
    )
    assert "- 20/8/2025 — Gửi kế hoạch hành động (Thành phố Hà Nội): Kế hoạch 45/KH-UBND" in text
    assert (
        "- Gửi kế hoạch hành động (100/QĐ-TTg, thời hạn: trước ngày 25/8/2025): 2/3 Bộ, cơ quan, địa phương "
        "chưa thực hiện: Tỉnh Cao Bằng, Bộ Khoa học và Công nghệ." in text
    )


def test_every_tables_header_row_repeats_on_each_page(document: WordDocument) -> None:
    tables = data_tables(document)
    assert len(tables) == 9  # two in I, one per lead in II, one each in III and IV, the roster
    for table in tables:
        assert table.style.name == "Table Grid"
        repeat = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert repeat is not None and repeat.get(qn("w:val")) == "true"
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


# --- charts, page numbers, metadata ----------------------------------------------------------------


def test_the_three_charts_are_pictures_with_captions(document: WordDocument, pictures: list[Chart]) -> None:
    assert [chart.name for chart in pictures] == ["rates", "overdue-age", "plans"]
    assert len(document.inline_shapes) == 3
    assert all(shape.width <= Cm(16) for shape in document.inline_shapes)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [chart.title for chart in pictures]
    order = [p.text for p in document.paragraphs if p.style.name in ("Caption", "Heading 1")]
    assert order[:6] == [
        "I. TỔNG QUAN",
        pictures[0].title,
        "II. NHIỆM VỤ QUÁ HẠN",
        pictures[1].title,
        "III. NHIỆM VỤ SẮP ĐẾN HẠN (TRONG 14 NGÀY TỚI)",
        "IV. CÁC ĐỊA PHƯƠNG",
    ]
    assert order[6] == pictures[2].title


def test_a_missing_chart_is_skipped(context: Briefing, pictures: list[Chart]) -> None:
    only = [chart for chart in pictures if chart.name == "overdue-age"]
    document = Document(io.BytesIO(render_docx(context, Catalogue("vi"), only)))
    assert len(document.inline_shapes) == 1
    assert [p.text for p in document.paragraphs if p.style.name == "Caption"] == [only[0].title]


def test_pages_are_numbered_at_the_top_from_the_second_as_decree_30_says(document: WordDocument) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    codes = [node.text for node in header._p.iter(qn("w:instrText"))]
    marks = [node.get(qn("w:fldCharType")) for node in header._p.iter(qn("w:fldChar"))]
    assert (codes, marks) == ([" PAGE "], ["begin", "separate", "end"])
    assert section.different_first_page_header_footer
    assert all(not p.text for p in section.first_page_header.paragraphs)
    assert not list(section.footer.paragraphs[0]._p.iter(qn("w:instrText")))


def test_the_file_is_the_same_bytes_for_the_same_briefing(
    context: Briefing, pictures: list[Chart], word: bytes, document: WordDocument
) -> None:
    assert render_docx(context, Catalogue("vi"), pictures) == word
    props = document.core_properties
    assert props.author == props.last_modified_by == "dothi"
    assert props.created == props.modified == datetime(2025, 9, 1, tzinfo=UTC)
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 9, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in package.namelist()


# --- data is shown as written ----------------------------------------------------------------------


def test_a_hostile_title_reaches_its_cell_literally(tmp_path: Path) -> None:
    files = brief_files()
    quoted = '"' + HOSTILE.replace("\n", "\\n") + '"'
    files["data/tasks/qd-100.yaml"] = files["data/tasks/qd-100.yaml"].replace(
        "Xây dựng quy chế phối hợp của Tổ công tác", quoted
    )
    assert quoted in files["data/tasks/qd-100.yaml"]
    context = briefing(load(write_repo(tmp_path, files)), AS_OF, SINCE)
    document = Document(io.BytesIO(render_docx(context, Catalogue("vi"), [])))
    found = [row for table in data_tables(document) for row in cells(table) if "31" in row]
    assert found == [["1", HOSTILE, "100/QĐ-TTg", "1/8/2025", "31"]]


def test_a_pages_table_gets_the_briefings_look() -> None:
    """Any table of a template: bordered, header repeated, the columns it aligns right aligned right."""
    page = "| Nhiệm vụ | Số ngày |\n| --- | ---: |\n| Gửi \\| báo cáo | 1.614 |\n| {{ 7\\*7 }} | — |\n"
    document = Document(io.BytesIO(to_docx(page, Meta(date(2025, 9, 1), "vi"))))
    [table] = document.tables
    assert cells(table) == [["Nhiệm vụ", "Số ngày"], ["Gửi | báo cáo", "1.614"], ["{{ 7*7 }}", "—"]]
    assert [row.cells[1].paragraphs[0].alignment for row in table.rows[1:]] == [WD_ALIGN_PARAGRAPH.RIGHT] * 2
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert document.sections[0].left_margin == Twips(1701)


def test_a_pack_in_word_has_a_document_per_page(tmp_path: Path) -> None:
    from conftest import run_cli
    from test_brief import DATES

    root = write_repo(tmp_path / "repo", brief_files())
    pack = tmp_path / "pack"
    result = run_cli("--root", str(root), "brief", *DATES, "--to", "docx", "--pack", str(pack))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(pack).as_posix() for p in pack.rglob("*.docx")) == [
        "agencies/bkhcn.docx",
        "agencies/bxd.docx",
        "agencies/vpcp.docx",
        "index.docx",
        "localities/cao-bang.docx",
        "localities/ha-noi.docx",
    ]
    page = Document(str(pack / "localities" / "ha-noi.docx"))
    blank = "\u00a0" * 8
    assert [p.text for p in page.paragraphs[:4]] == [  # an appendix of the report, as Decree 30 sets one
        "Phụ lục",
        "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ CỦA THÀNH PHỐ HÀ NỘI",
        f"(Kèm theo Báo cáo số {blank}/BC-TCT ngày 01 tháng 9 năm 2025 của Tổ công tác liên ngành)",
        "",  # the rule; the link back to the index is dropped in Word
    ]
    assert cells(page.tables[0])[0] == ["Mục yêu cầu", "Mục trong kế hoạch", "Số từ", "Đánh giá"]
    again = run_cli("--root", str(root), "brief", *DATES, "--to", "docx", "--pack", str(pack))
    assert again.exit_code == 0  # dothi's own Word files may be written over
    (pack / "index.docx").write_bytes(b"not ours")
    refused = run_cli("--root", str(root), "brief", *DATES, "--to", "docx", "--pack", str(pack))
    assert refused.exit_code == 2
    assert (pack / "index.docx").read_bytes() == b"not ours"


def test_a_word_briefing_needs_a_file(tmp_path: Path) -> None:
    from conftest import run_cli

    root = write_repo(tmp_path / "repo", brief_files())
    result = run_cli("--root", str(root), "brief", "--to", "docx")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--out TỆP.docx" in result.stderr
