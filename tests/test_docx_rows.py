"""The Word briefing within 1 GiB at 100,000 items (issue 19): a table at a time, the same file.

The writer reads a data table from the Markdown only when it comes to it, and sends its body rows
out of the document as XML every few rows, to be put back when the file is saved; ``rows=None``
reads the page and holds the document whole, as the writer did before. These tests hold the two
to the same bytes: on the project's own briefing, on tables many times longer than a chunk, and
on pages where a table is not at the top level (in a list, a quote, the masthead), uses a link
reference defined elsewhere on the page, or holds more rows than ``ROWS``.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dothi.render.docx import ROWS, Meta, to_docx
from dothi.render.markdown import TABLE_SOURCE, reader
from dothi.render.packages import stamped
from test_docx_fast import tables

META = Meta(date(2025, 9, 1), "vi", "Báo cáo", "Tổ công tác")
GOLDEN = Path(__file__).parent / "golden" / "brief"


def _document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/document.xml").decode()


def _long_table(rows: int) -> str:
    lines = ["| STT | Nhiệm vụ | Hạn |", "| ---: | --- | :---: |"]
    for number in range(1, rows + 1):
        if number % 7 == 0:
            lines.append(f"| **Bộ {number}** |  |  |")  # a band across the row
        elif number % 5 == 0:
            lines.append(f"| {number} |")  # a short row
        else:
            lines.append(f"| {number} | Nhiệm vụ **số {number}**<br>dòng hai `KH-{number}` | 31/12/2025 |")
    return "\n".join(lines) + "\n"


def test_the_project_briefing_is_the_same_file_table_by_table() -> None:
    for name in ("briefing_vi.md", "briefing_en.md"):
        page = (GOLDEN / name).read_text(encoding="utf-8")
        assert to_docx(page, META) == to_docx(page, META, rows=None), name


def test_a_table_of_many_chunks_is_the_same_file_and_every_row_is_back() -> None:
    page = "Mở đầu.\n\n" + _long_table(3 * ROWS + 5) + "\nỞ giữa.\n\n" + _long_table(3) + "\nKết thúc.\n"
    chunked = to_docx(page, META)
    assert chunked == to_docx(page, META, rows=None)
    xml = _document_xml(chunked)
    assert "dothi-rows" not in xml
    assert xml.count("<w:tr>") + xml.count("<w:tr ") == (3 * ROWS + 5 + 1) + (3 + 1)


def test_the_page_is_read_with_its_top_level_tables_left_as_their_lines() -> None:
    page = "Mở đầu.\n\n" + _long_table(3) + "\n- một\n\n  | A |\n  | --- |\n  | 1 |\n"
    tokens = reader(deferred=True).parse(page)
    sources = [token for token in tokens if token.type == TABLE_SOURCE]
    assert [token.content for token in sources] == [_long_table(3)]
    assert sum(1 for token in tokens if token.type == "table_open") == 1  # the one in the list


def test_a_table_read_later_knows_the_link_references_of_the_whole_page() -> None:
    page = "| STT | Ghi chú |\n| ---: | --- |\n| 1 | [văn bản][ref] |\n\n[ref]: https://example.org/vb\n"
    chunked = to_docx(page, META)
    assert chunked == to_docx(page, META, rows=None)
    assert "[ref]" not in _document_xml(chunked)  # a link: its text alone, as paper shows it


BLOCKS = st.sampled_from(
    [
        "Một đoạn văn có **chữ đậm** và [liên kết][ref].\n",
        "- mục một\n- mục hai\n  - mục con\n",
        "- trong danh sách:\n\n  | A | B |\n  | --- | ---: |\n  | 1 | **2** |\n",
        "> | Trích | dẫn |\n> | --- | --- |\n> | x | y |\n",
        "<!-- dothi:masthead -->\n\n|  | **QUỐC HIỆU** |\n| :---: | :---: |\n"
        "| **CƠ QUAN** | **Tiêu ngữ** |\n\n<!-- /dothi:masthead -->\n",
        "<!-- dothi:appendix -->\n\n## Phụ lục\n\n| STT | Ghi chú |\n| ---: | --- |\n"
        "| 1 | [ref] và [liên kết][ref] |\n\n<!-- /dothi:appendix -->\n",
        "## Mục\n\n| Bảng | ngay dưới đoạn |\n| --- | --- |\n| a | b |\n",
        "Đoạn văn\n| Bảng | cắt ngang đoạn văn |\n| --- | --- |\n| a | b |\n",
        "[ref]: https://example.org/tham-chieu\n",
    ]
)


@st.composite
def pages(draw: st.DrawFn) -> str:
    """Blocks of every kind a template writes, and data tables, in any order."""
    parts = draw(st.lists(st.one_of(BLOCKS, tables()), min_size=1, max_size=8))
    return "\n".join(parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages(), st.integers(1, 4))
def test_any_page_written_a_few_rows_at_a_time_is_the_page_written_whole(page: str, rows: int) -> None:
    assert to_docx(page, META, rows=rows) == to_docx(page, META, rows=None)


def test_a_part_filled_piece_by_piece_is_the_part_written_at_once() -> None:
    body = ("<w:p>Dòng ở giữa</w:p>" * 5000).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("a.xml", b"<a/>")
        package.writestr("word/document.xml", body)
    whole = stamped(out.getvalue(), META.as_of)
    pieces = stamped(
        out.getvalue(),
        META.as_of,
        {"word/document.xml": lambda xml: (xml[i : i + 1000] for i in range(0, len(xml), 1000))},
    )
    assert pieces == whole
