"""The Word briefing at national scale (issue 19 item 4): fast rows, the same document.

The writer builds a data table's body rows by copying one row python-docx prepared, and each run
by copying a run python-docx made, instead of asking python-docx for every cell. These tests hold
the fast writer to the slow one: ``_reference_table`` below is the writer as it was, cell by cell
through python-docx, and for any table (emphasis, code, line breaks, spaces at the ends of a run,
bands across the row, short rows) both give the same XML. The charts are drawn without pyplot, and
a terminal sees the count of tables written advance.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token
from rich.console import Console

from dothi.cli.progress import Working
from dothi.render.docx import ALIGN, CODE_FONT, Meta, _alignment, _Source, to_docx
from dothi.render.docx_style import (
    TABLE_STYLE,
    column_widths,
    docx_bytes,
    grid,
    setup_document,
    widths,
)
from dothi.render.markdown import BREAK, plain, reader
from dothi.render.ticks import tick

META = Meta(date(2025, 9, 1), "vi")

# --- the writer as it was: every cell through python-docx ------------------------------------------


class _ReferenceRuns:
    """Inline tokens as python-docx runs, property by property (the writer before issue 19)."""

    def __init__(self, paragraph: Paragraph, bold: bool = False) -> None:
        self.paragraph, self.bold, self.italic = paragraph, 1 if bold else 0, 0

    def write(self, children: Sequence[Token]) -> None:
        handlers: dict[str, Callable[[Token], None]] = {
            "strong_open": lambda _: self._emphasis(bold=1),
            "strong_close": lambda _: self._emphasis(bold=-1),
            "em_open": lambda _: self._emphasis(italic=1),
            "em_close": lambda _: self._emphasis(italic=-1),
            "text": self._cell_text,
            "text_special": lambda child: self.text(child.content),
            "code_inline": lambda child: self.code(child.content),
            "softbreak": lambda _: self.text(" "),
            "hardbreak": lambda _: self.paragraph.add_run().add_break(),
        }
        for child in children:
            handler = handlers.get(child.type)
            if handler is not None:
                handler(child)

    def _emphasis(self, bold: int = 0, italic: int = 0) -> None:
        self.bold += bold
        self.italic += italic

    def _cell_text(self, child: Token) -> None:
        for number, part in enumerate(child.content.split(BREAK)):
            if number:
                self.paragraph.add_run().add_break()
            self.text(part)

    def code(self, value: str) -> None:
        for number, line in enumerate(value.split("\n")):
            if number:
                self.paragraph.add_run().add_break()
            self.paragraph.add_run(line).font.name = CODE_FONT

    def text(self, value: str) -> None:
        if value:
            run = self.paragraph.add_run(value)
            run.bold = True if self.bold > 0 else None
            run.italic = True if self.italic > 0 else None


def _reference_fill(cell: _Cell, source: _Source, align: WD_ALIGN_PARAGRAPH, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_STYLE
    paragraph.alignment = align
    _ReferenceRuns(paragraph, bold=bold).write(source.inline.children or [])


def _reference_table(document: WordDocument, rows: list[list[_Source]]) -> None:
    header, *body = rows
    count = len(header)
    table = document.add_table(rows=len(rows), cols=count)
    grid(table)
    whole = [row for row in body if len(row) == count]
    columns = [[plain(row[i].inline.children or []) for row in whole] for i in range(count)]
    widths(table, column_widths([plain(cell.inline.children or []) for cell in header], columns))
    for cell, source in zip(table.rows[0].cells, header, strict=True):
        _reference_fill(cell, source, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    aligns = [ALIGN.get(cell.align, WD_ALIGN_PARAGRAPH.LEFT) for cell in header]
    for row, cells in zip(table.rows[1:], body, strict=True):
        column = 0
        for source in cells:
            target = row.cells[column]
            if source.span > 1:
                target = target.merge(row.cells[min(column + source.span, count) - 1])
            _reference_fill(target, source, aligns[column] if source.span == 1 else WD_ALIGN_PARAGRAPH.LEFT)
            column += source.span


def _rows(markdown: str) -> list[list[_Source]]:
    """The table's cells as the writer reads them from the Markdown."""
    tokens = reader().parse(markdown)
    rows: list[list[_Source]] = []
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            span = int(token.attrGet("colspan") or 1)
            rows[-1].append(_Source(tokens[index + 1], _alignment(token), span))
    return rows


def _tables_xml(data: bytes) -> list[str]:
    return [table._tbl.xml for table in Document(io.BytesIO(data)).tables]


def reference_docx(markdown: str) -> bytes:
    document = Document()
    setup_document(document, META.as_of, META.lang)
    _reference_table(document, _rows(markdown))
    return docx_bytes(document, META.as_of)


# --- tables as Markdown ----------------------------------------------------------------------------

WORDS = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyĐẾỆỮ0123456789/-.,%", min_size=1, max_size=8)


@st.composite
def cells(draw: st.DrawFn) -> str:
    """A cell's Markdown: words, some bold, italic or code, some joined by a line break."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        word = draw(WORDS)
        kind = draw(st.sampled_from(["plain", "plain", "bold", "italic", "code", "break"]))
        parts.append(
            {"plain": word, "bold": f"**{word}**", "italic": f"*{word}*", "code": f"`{word}`"}.get(
                kind, f"{word}{BREAK}"
            )
        )
    return draw(st.sampled_from([" ", "  "])).join(parts)


@st.composite
def tables(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 5))
    header = [draw(WORDS) for _ in range(count)]
    aligns = [draw(st.sampled_from(["---", "---:", ":---:"])) for _ in range(count)]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(aligns) + " |"]
    for _ in range(draw(st.integers(0, 6))):
        shape = draw(st.sampled_from(["full", "full", "band", "short"]))
        if shape == "band":  # one bold cell, the rest empty: the reader merges it across the row
            row = [f"**{draw(WORDS)}**"] + [""] * (count - 1)
        elif shape == "short":  # fewer cells than the header: markdown-it pads or the row is short
            row = [draw(cells()) for _ in range(draw(st.integers(1, count)))]
        else:
            row = [draw(cells()) for _ in range(count)]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_fast_rows_give_the_xml_python_docx_gives_cell_by_cell(markdown: str) -> None:
    assert _tables_xml(to_docx(markdown, META)) == _tables_xml(reference_docx(markdown))


def test_a_table_of_every_kind_of_row_is_the_same_as_cell_by_cell() -> None:
    markdown = (
        "| STT | Nhiệm vụ | Hạn |\n| ---: | --- | --- |\n"
        "| 1 | Xây dựng **đề án**  *thí điểm* | 31/12/2025 |\n"
        "| **Bộ Xây dựng** |  |  |\n"  # a band
        f"| 2 | `KH-BXD` a{BREAK}b | Quý IV |\n"
        "| 3 |\n"  # a short row
        "| 4 | ở đầu và cuối | |\n"
    )
    fast = _tables_xml(to_docx(markdown, META))
    assert fast == _tables_xml(reference_docx(markdown))
    assert 'w:gridSpan w:val="3"' in fast[0] and "<w:tblHeader" in fast[0] and "<w:br/>" in fast[0]
    assert fast[0].count("<w:cantSplit/>") == 6  # every row, the header included


def test_body_paragraphs_copied_from_the_first_are_set_as_python_docx_sets_them() -> None:
    markdown = "Mở đầu **đậm** và *nghiêng*.\n\n- một\n- hai\n  - ba\n\nKết thúc.\n"
    body = Document(io.BytesIO(to_docx(markdown, META))).paragraphs
    texts = [paragraph.text for paragraph in body]
    assert texts == ["Mở đầu đậm và nghiêng.", "- một", "- hai", "- ba", "Kết thúc."]
    for paragraph in body:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert paragraph.paragraph_format.first_line_indent is not None
    indents = [paragraph.paragraph_format.left_indent for paragraph in body]
    assert indents[:3] == indents[4:] * 3 and abs(indents[3] - indents[1] - Cm(1)) < Cm(0.01)  # nested: 1 cm
    bold = [run.text for run in body[0].runs if run.bold]
    assert bold == ["đậm"] and [run.text for run in body[0].runs if run.italic] == ["nghiêng"]
    assert all(run.font.size is None or run.font.size == Pt(14) for run in body[0].runs)


# --- the charts, the progress ------------------------------------------------------------------------


def test_the_charts_are_drawn_without_pyplot() -> None:
    """pyplot's import and its figure manager are the charts' fixed cost; the Agg canvas needs neither."""
    code = (
        "import sys\n"
        "from dothi.render import charts\n"
        "assert 'matplotlib' not in sys.modules\n"
        "figure, axes = charts._figure(2.0, 1.0)\n"
        "axes.bar(['a'], [1])\n"
        "chart = charts._finish(figure, 'x', 'Tiêu đề', [1])\n"
        "assert chart.png.startswith(b'\\x89PNG') and chart.svg.startswith('<?xml')\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_chart_is_saved_only_in_the_format_asked_for() -> None:
    from dothi.render import charts

    figure, axes = charts._figure(2.0, 1.0)
    axes.bar(["a"], [1])
    chart = charts._finish(figure, "x", "Tiêu đề", [1])
    assert chart.png == chart.png and chart.png.startswith(b"\x89PNG")
    assert "svg" not in chart._saved  # Word asked for the picture only


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_the_spinner_counts_the_tables_written() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=80)
    working = Working(console, "Đang soạn văn bản Word", delay=0.0)
    _until(lambda: working.bar is not None)
    markdown = "".join(f"| A |\n| --- |\n| {n} |\n\n" for n in range(3))
    to_docx(markdown, META)  # three tables: three ticks
    _until(lambda: "3/3" in stream.getvalue())
    working.close()
    assert "3/3" in stream.getvalue()
    tick(1, 1)  # closed: nobody listens any more, and nothing breaks
    assert working.bar is None
