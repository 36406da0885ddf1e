"""The Word writer: a briefing, or a page of a pack, written from the Markdown its template made.

Ministries read and forward .docx, so the Word file must say what the Markdown and the web page
say, from the same template: a repository's own ``templates/briefing.md.j2`` reaches Word as it
reaches the others. The Markdown (already escaped by the template) is read with markdown-it-py
through ``markdown.reader`` and walked token by token:

- a page's title (``#``) is centred and bold; ``##`` and ``###`` are Word's Heading 1 and 2, so
  the navigation pane lists the sections;
- paragraphs are justified with the first line indented (Decree 30); a list entry is written the
  Vietnamese way, a dash (or its number) at the indent;
- tables are bordered, their header row repeated on every page; a column the template aligns
  right (``---:``) is right-aligned, and widths follow the content, never narrower than a word;
- an image is the chart the writer has for its path, as a picture captioned with its title; a
  path it does not have shows the title alone, as the web page does;
- marked blocks (``<!-- dothi:NAME -->``) are laid out by name: the ``masthead`` and the
  ``signature`` as borderless columns side by side (the masthead with Decree 30's rules under the
  issuer and the motto), the ``dateline`` on the right, the ``title`` centred, the ``appendix`` on
  a new page, and ``nav`` (links between the pages of a pack) left out: paper has nowhere to go.

Word shows text as written: the Markdown's escapes are read back to the characters they stand
for, so a title holding ``|`` or ``{{ 7*7 }}`` reaches its cell literally, as data must. Control
characters, which XML cannot hold, are dropped (``validate`` warns about them).

A national briefing's tables are most of it (34,000 rows at 100,000 items), and held at once as
tokens and then as elements they took 1.2 GiB. So the page is read with its data tables left as
their lines, each table is read when the writer comes to it, and its body rows leave the
document as the XML they would be saved as every ``ROWS`` rows, put back in their place as
document.xml is compressed (``_Spilled``): the same bytes, one table's tokens at a time.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library
from markdown_it.token import Token

from dothi.render.briefing import MARKER
from dothi.render.controls import for_document
from dothi.render.docx_style import (
    FIRST_LINE,
    GRID_STYLE,
    PICTURE_HEIGHT,
    TABLE_SIZE,
    TABLE_STYLE,
    TEXT_WIDTH,
    borderless,
    column_widths,
    docx_bytes,
    grid,
    rule,
    setup_document,
    widths,
)
from dothi.render.markdown import BLOCK_CLOSE, BLOCK_OPEN, BREAK, TABLE_SOURCE, plain, reader
from dothi.render.ticks import tick

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}
CODE_FONT = "Courier New"


@dataclass(frozen=True)
class Meta:
    """What the file says about itself: the briefing's date (its only timestamp) and language."""

    as_of: date
    lang: str
    title: str = ""
    subject: str = ""


@dataclass(frozen=True)
class Layout:
    """A block laid out as columns side by side: widths in cm, type sizes of its first row and of
    the rest, and the length of the rule under each column (Decree 30's masthead), drawn under the
    line of ``rule_row`` (else under the column). ``bold_head``: the first row in bold whatever the
    Markdown says (the old masthead); else the Markdown's own ``**`` decides. ``column_sizes``
    overrides ``sizes`` column by column (the signature: "Nơi nhận" smaller than the signer)."""

    widths: tuple[float, ...]
    sizes: tuple[int, int]
    rules: tuple[float, ...] = ()
    rule_row: int | None = None
    bold_head: bool = True
    column_sizes: tuple[tuple[int, int], ...] = ()

    def size(self, column: int, head: bool) -> int:
        sizes = self.column_sizes[column] if column < len(self.column_sizes) else self.sizes
        return sizes[0 if head else 1]


@dataclass(frozen=True)
class Lines:
    """How a block sets its paragraphs: aligned, and the space before and after them in points."""

    align: WD_ALIGN_PARAGRAPH
    before: int | None = None
    after: int | None = None


# Wider than the text, as ministries set the masthead: the country's name fits on one line.
# The masthead: parent body (upright) over the issuer (bold), the rule under the issuer, then the
# number; the country's name over the motto, the rule under the motto, then the date line (Decree
# 30, Appendix I). The signature: "Nơi nhận" (12 pt) and its lines (11 pt) beside the signer (13 pt).
LAYOUTS = {
    "masthead": Layout((7.0, 10.0), (12, 13), (2.0, 6.0), rule_row=1, bold_head=False),
    "signature": Layout((8.0, 8.0), (12, 13), bold_head=False, column_sizes=((12, 11), (13, 13))),
    "reference": Layout((7.0, 10.0), (13, 13)),  # a letter's "Số: …/…" and "V/v …" beside its date line
}
BLOCK_LINES = {
    "dateline": Lines(WD_ALIGN_PARAGRAPH.RIGHT, before=6),
    "title": Lines(WD_ALIGN_PARAGRAPH.CENTER, after=0),
    "appendix-head": Lines(WD_ALIGN_PARAGRAPH.CENTER, after=0),
}
RULED = {"title": 3.5, "appendix-head": 3.5}  # blocks with a short rule under them, its length in cm
HIDDEN = frozenset({"nav"})
NEW_PAGE = frozenset({"appendix"})
CENTRED_HEADINGS = frozenset({"appendix", "appendix-head"})


ROWS = 256  # body rows held as elements at a time; more costs memory, fewer costs nothing measurable
DOCUMENT_PART = "word/document.xml"
_MARK = "dothi-rows"  # an XML comment where a table's rows go back: data cannot write "<!--"
_MARKS = re.compile(rb"<!--" + _MARK.encode() + rb" (\d+)-->")
_DECLARATION = re.compile(rb' xmlns:[A-Za-z0-9_.-]+="[^"]*"')


def to_docx(
    markdown: str, meta: Meta, pictures: Mapping[str, bytes] | None = None, rows: int | None = ROWS
) -> bytes:
    """The page as .docx bytes; ``pictures`` maps an image's path to its PNG. The same Markdown,
    pictures and meta always give the same bytes.

    ``rows``: a data table is read from the Markdown when the writer comes to it, and its body
    rows leave the document as XML every ``rows`` rows, to be put back in their place when the
    file is saved; ``None`` reads the page and holds the document whole (the same bytes, in
    about twice the memory: at 100,000 items, every cell's tokens and elements at once)."""
    return _to_docx(markdown, meta, pictures or {}, rows)


def _to_docx(markdown: str, meta: Meta, pictures: Mapping[str, bytes], rows: int | None) -> bytes:
    from docx import Document

    document = Document()
    setup_document(document, meta.as_of, meta.lang)
    document.core_properties.title = for_document(meta.title)
    document.core_properties.subject = for_document(meta.subject)
    page = for_document(markdown.removeprefix(MARKER + "\n"))  # a template may write controls too
    env: dict[str, Any] = {}  # the page's link references, which a table read later may use
    tokens = reader(deferred=rows is not None).parse(page, env)
    del page
    spilled = _Spilled(rows) if rows is not None else None
    _Writer(document, pictures, env=env, spilled=spilled).write(tokens)
    del tokens
    if spilled is None:
        return docx_bytes(document, meta.as_of)
    return docx_bytes(document, meta.as_of, {DOCUMENT_PART: spilled.put_back})


class _Spilled:
    """The body rows of the document's data tables, written out as the XML the saved document
    would hold, table by table, and put back in place of each table's mark when it is saved."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.tables: list[list[bytes]] = []

    def table(self) -> int:
        self.tables.append([])
        return len(self.tables) - 1

    def take(self, number: int, rows: Sequence[BaseOxmlElement]) -> None:
        """``rows`` serialized into table ``number`` and taken out of the document. A row alone is
        serialized with the namespaces of the document declared on it; in the whole document
        they are declared once, on its root, so they are dropped from the row's opening tag."""
        for tr in rows:
            xml = etree.tostring(tr, encoding="UTF-8")
            tag = xml.index(b">")
            self.tables[number].append(_DECLARATION.sub(b"", xml[:tag]) + xml[tag:])
            tr.getparent().remove(tr)

    def mark(self, number: int) -> BaseOxmlElement:
        return cast(BaseOxmlElement, etree.Comment(f"{_MARK} {number}"))

    def put_back(self, xml: bytes) -> Iterator[bytes]:
        """The saved document.xml with each table's rows in place of its mark, piece by piece."""
        start = 0
        for found in _MARKS.finditer(xml):
            yield xml[start : found.start()]
            number = int(found[1])
            yield from self.tables[number]
            self.tables[number] = []
            start = found.end()
        yield xml[start:]


@dataclass(frozen=True)
class _Source:
    """A cell as the Markdown has it: its content, its column's alignment, the columns it spans."""

    inline: Token
    align: str
    span: int


@dataclass
class _Columns:
    """A layout table being written: its cells, the one being filled and how many lines it has."""

    layout: Layout
    sizes: tuple[float, ...]
    cells: list[_Cell]
    column: int = -1
    lines: int = 0

    ruled: bool = False

    def line(self, opening: Token, children: Sequence[Token]) -> None:
        """A cell of the Markdown table as a line of its column: its row's size, the head in bold."""
        cell = self.cells[self.column]
        paragraph = cell.paragraphs[0] if self.lines == 0 else cell.add_paragraph()
        self.lines += 1
        paragraph.alignment = ALIGN.get(_alignment(opening), WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.paragraph_format.space_after = Pt(0)
        row = opening.meta.get("row")
        head = row == 0
        size = self.layout.size(self.column, head)
        _Runs(paragraph._p, bold=head and self.layout.bold_head, size=size).write(children)
        if row == self.layout.rule_row:
            self.rule()

    def next(self) -> None:
        self.column, self.lines, self.ruled = self.column + 1, 0, False

    def rule(self) -> None:
        """Decree 30's line under the column (the issuer's, the motto's), where the layout has one."""
        if self.column < len(self.layout.rules) and not self.ruled:
            self.ruled = True
            rule(self.cells[self.column], self.layout.rules[self.column], self.sizes[self.column])


@dataclass
class _Writer:
    """Walks the block tokens in order; each kind of token has its handler."""

    document: Any
    pictures: Mapping[str, bytes]
    blocks: list[str] = field(default_factory=list)
    depth: int = 0  # lists and quotes the walk is inside
    marker: str = ""  # the dash or number the next paragraph starts with
    new_page: bool = False
    columns: _Columns | None = None  # the layout table being written (the masthead, the signature)
    styles: dict[str, str] = field(default_factory=dict)  # paragraph styles' ids by name
    prepared: dict[tuple[str | None, int], BaseOxmlElement] = field(default_factory=dict)  # _body_paragraph
    end: BaseOxmlElement | None = None  # _end
    tables: int = 0  # tables in the page, and tables written: the rendering's progress
    tables_done: int = 0
    env: dict[str, Any] = field(default_factory=dict)  # the page's parse environment (link references)
    spilled: _Spilled | None = None  # where the body rows go as they are written; None: they stay

    def write(self, tokens: list[Token]) -> None:
        handlers: dict[str, Callable[[list[Token], int], int]] = {
            BLOCK_OPEN: self._open,
            BLOCK_CLOSE: self._close,
            "heading_open": self._heading,
            "paragraph_open": self._paragraph,
            "table_open": self._table,
            TABLE_SOURCE: self._table_source,
            "bullet_list_open": self._nest,
            "ordered_list_open": self._nest,
            "blockquote_open": self._nest,
            "bullet_list_close": self._unnest,
            "ordered_list_close": self._unnest,
            "blockquote_close": self._unnest,
            "list_item_open": self._item,
            "fence": self._code,
            "code_block": self._code,
            "hr": self._rule,
            "columns_open": self._columns_open,
            "column_open": self._column_open,
            "column_close": self._column_close,
            "columns_close": self._columns_close,
        }
        self.tables = sum(1 for token in tokens if token.type in ("table_open", TABLE_SOURCE))
        index = 0
        while index < len(tokens):
            handler = handlers.get(tokens[index].type)
            index = handler(tokens, index) if handler else index + 1

    # --- blocks, lists ---------------------------------------------------------------------------

    def _open(self, tokens: list[Token], index: int) -> int:
        self.blocks.append(tokens[index].info)
        self.new_page = self.new_page or tokens[index].info in NEW_PAGE
        return index + 1

    def _close(self, tokens: list[Token], index: int) -> int:
        name = self.blocks.pop()  # the reader pairs every close with its open
        if name in RULED:  # under the trích yếu, under an appendix's title (Decree 30)
            rule(self.document, RULED[name], TEXT_WIDTH)
            self.document.paragraphs[-1].paragraph_format.space_after = Pt(12)
        return index + 1

    def _nest(self, tokens: list[Token], index: int) -> int:
        self.depth += 1
        return index + 1

    def _unnest(self, tokens: list[Token], index: int) -> int:
        self.depth -= 1
        return index + 1

    def _item(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        self.marker = f"{token.info}{token.markup} " if token.info else "- "
        return index + 1

    def _inside(self, names: frozenset[str] | Mapping[str, Any]) -> str | None:
        """The innermost open block among ``names``."""
        return next((name for name in reversed(self.blocks) if name in names), None)

    # --- paragraphs and headings -----------------------------------------------------------------

    def _style(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str:
        """The id of the style ``name``: python-docx searches the styles at each lookup."""
        if name not in self.styles:
            self.styles[name] = self.document.part.get_style_id(name, kind)
        return self.styles[name]

    def _new_paragraph(self, style: str | None = None) -> Paragraph:
        paragraph: Paragraph = self.document.add_paragraph()
        if style is not None:
            paragraph._p.style = self._style(style)
        if self.new_page:
            paragraph.paragraph_format.page_break_before = True
            self.new_page = False
        return paragraph

    def _heading(self, tokens: list[Token], index: int) -> int:
        self.marker = ""
        if self._inside(HIDDEN):
            return index + 3
        level = int(tokens[index].tag[1:])
        if level == 1:  # the page's title: centred and bold, as Decree 30 sets a document's name
            paragraph = self._new_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            spacing = paragraph.paragraph_format
            spacing.space_before, spacing.space_after, spacing.keep_with_next = Pt(18), Pt(0), True
        else:
            paragraph = self._new_paragraph(f"Heading {min(level - 1, 3)}")
        if self._inside(CENTRED_HEADINGS):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _Runs(paragraph._p, bold=level == 1).write(tokens[index + 1].children or [])
        return index + 3

    def _paragraph(self, tokens: list[Token], index: int) -> int:
        children = tokens[index + 1].children or []
        marker, self.marker = self.marker, ""  # a list entry's mark is for its first paragraph only
        if self._inside(HIDDEN):
            pass
        elif len(children) == 1 and children[0].type == "image":
            self._figure(children[0])
        elif self.columns is not None:
            self.columns.line(tokens[index], children)
        else:
            runs = _Runs(self._body_paragraph())
            runs.text(marker)
            runs.write(children)
        return index + 3

    def _body_paragraph(self) -> BaseOxmlElement:
        """A new paragraph of text (its ``w:p``), set by ``_set_lines``: the first of each setting
        through python-docx, the others copies of it (a briefing has thousands of list lines)."""
        key = (self._inside(BLOCK_LINES), self.depth)
        prepared = None if self.new_page else self.prepared.get(key)
        if prepared is None:
            paragraph = self._new_paragraph()
            self._set_lines(paragraph)
            if not paragraph.paragraph_format.page_break_before:
                self.prepared[key] = deepcopy(paragraph._p)
            return paragraph._p
        p = deepcopy(prepared)
        self._end().addprevious(p)  # where python-docx adds a paragraph: before the section's settings
        return p

    def _end(self) -> BaseOxmlElement:
        """The body's last element, ``w:sectPr`` (the page settings): what comes next goes before it."""
        if self.end is None:
            self.end = self.document.element.body.sectPr
        return self.end

    def _set_lines(self, paragraph: Paragraph) -> None:
        """Body text, or the alignment and spacing of the block it is in."""
        block = self._inside(BLOCK_LINES)
        spacing = paragraph.paragraph_format
        if block is None:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            spacing.first_line_indent = FIRST_LINE
            spacing.left_indent = Cm(max(self.depth - 1, 0))
            return
        lines = BLOCK_LINES[block]
        paragraph.alignment = lines.align
        if lines.before is not None:
            spacing.space_before = Pt(lines.before)
        if lines.after is not None:
            spacing.space_after = Pt(lines.after)

    def _code(self, tokens: list[Token], index: int) -> int:
        if not self._inside(HIDDEN):
            paragraph = self._new_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _Runs(paragraph._p).code(tokens[index].content.rstrip("\n"))
        return index + 1

    def _rule(self, tokens: list[Token], index: int) -> int:
        if not self._inside(HIDDEN):
            rule(self.document, 5.0, TEXT_WIDTH)
        return index + 1

    def _figure(self, image: Token) -> None:
        """The chart as a picture that fits the text area (one page), its title below as the caption."""
        png = self.pictures.get(str(image.attrGet("src") or ""))
        if png is not None:
            holder = self._new_paragraph()
            holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            holder.paragraph_format.keep_with_next = True
            shape = holder.add_run().add_picture(io.BytesIO(png))
            scale = min(1.0, Cm(TEXT_WIDTH) / shape.width, Cm(PICTURE_HEIGHT) / shape.height)
            shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
        self._new_paragraph("Caption").add_run(plain(image.children or []))

    # --- columns side by side: the masthead, the signature -------------------------------------------

    def _columns_open(self, tokens: list[Token], index: int) -> int:
        end = next(i for i in range(index, len(tokens)) if tokens[i].type == "columns_close")
        count = sum(1 for token in tokens[index:end] if token.type == "column_open")
        name = self._inside(LAYOUTS)
        layout = LAYOUTS[name] if name is not None else Layout((), (TABLE_SIZE, TABLE_SIZE))
        sizes = layout.widths if len(layout.widths) == count else (TEXT_WIDTH / count,) * count
        if name == "signature":  # a line's room between the content and the signature (Decree 30)
            self.document.add_paragraph().paragraph_format.space_after = Pt(0)
        table = self.document.add_table(rows=1, cols=count)
        borderless(table)
        widths(table, sizes)
        self.columns = _Columns(layout, sizes, list(table.rows[0].cells))
        return index + 1

    def _column_open(self, tokens: list[Token], index: int) -> int:
        if self.columns is not None:
            self.columns.next()
        return index + 1

    def _column_close(self, tokens: list[Token], index: int) -> int:
        if self.columns is not None:
            self.columns.rule()
        return index + 1

    def _columns_close(self, tokens: list[Token], index: int) -> int:
        self.columns = None
        return index + 1

    # --- tables ----------------------------------------------------------------------------------

    def _table_source(self, tokens: list[Token], index: int) -> int:
        """A table the page left as its lines: read now, written, and its tokens let go."""
        self._table(reader().parse(tokens[index].content, self.env), 0)
        return index + 1

    def _table(self, tokens: list[Token], start: int) -> int:
        rows: list[list[_Source]] = []
        index = start
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                rows[-1].append(
                    _Source(tokens[index + 1], _alignment(token), int(token.attrGet("colspan") or 1))
                )
            index += 1
        if not self._inside(HIDDEN):
            self._data_table(rows)
        self.tables_done += 1
        tick(self.tables_done, self.tables)  # a sign of life on a terminal: tables are the long part
        return index + 1

    def _data_table(self, rows: list[list[_Source]]) -> None:
        """Bordered, the header row bold and centred, each column aligned as the Markdown says.

        python-docx writes the header row and one prepared body row (widths, borders, "never split",
        each column's style and alignment); every body row is a copy of the prepared one with its
        runs added (``_Rows``), so a row of a 10,000-row table costs an XML copy, not python-docx's
        reads of every attribute and a search of the table per cell. The XML is the same."""
        if self.new_page:
            self._new_paragraph().paragraph_format.space_after = Pt(0)
        header, *body = rows
        count = len(header)
        table = self.document.add_table(rows=2, cols=count)  # the header and the prepared row
        grid(table, self._style(GRID_STYLE, WD_STYLE_TYPE.TABLE))
        whole = [row for row in body if len(row) == count]  # a band across the row says nothing of widths
        columns = [[plain(row[i].inline.children or []) for row in whole] for i in range(count)]
        widths(table, column_widths([plain(cell.inline.children or []) for cell in header], columns))
        style = self._style(TABLE_STYLE)
        for cell, source in zip(table.rows[0].cells, header, strict=True):
            _fill(cell, source, style, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        aligns = [ALIGN.get(cell.align, WD_ALIGN_PARAGRAPH.LEFT) for cell in header]
        _Rows(table, style, aligns, self.spilled).write(body)
        self.document.add_paragraph().paragraph_format.space_after = Pt(0)  # Word joins adjacent tables


class _Rows:
    """The body rows of a data table, each a copy of a row prepared once by python-docx.

    ``table`` holds the header and a bare body row (bordered, sized, never split); that row is
    taken out and kept twice: ``bare`` as it is, ``row`` with each cell's paragraph styled and
    aligned as its column. A row of one cell per column is a copy of ``row`` with the runs added;
    a band (one cell across the row) is a copy of ``band``, made by python-docx's merge once; any
    other shape is written through python-docx from a copy of ``bare``, as before.
    """

    def __init__(
        self, table: Table, style: str, aligns: Sequence[WD_ALIGN_PARAGRAPH], spilled: _Spilled | None = None
    ) -> None:
        self.table, self.style, self.aligns, self.spilled = table, style, aligns, spilled
        self.tbl = table._tbl
        self.bare = self.tbl.tr_lst[1]
        self.tbl.remove(self.bare)
        self.row = deepcopy(self.bare)
        for tc, align in zip(self.row.tc_lst, aligns, strict=True):
            paragraph = _Cell(tc, table).paragraphs[0]
            paragraph._p.style = style
            paragraph.alignment = align
        self._band: BaseOxmlElement | None = None

    def write(self, body: Sequence[Sequence[_Source]]) -> None:
        """Every body row; with ``spilled``, every ``spilled.rows`` rows leave for it, and a mark is
        left where they go back."""
        number = self.spilled.table() if self.spilled is not None else -1
        for written, cells in enumerate(body, start=1):
            self._row(cells)
            if self.spilled is not None and written % self.spilled.rows == 0:
                self.spilled.take(number, self.tbl.tr_lst[1:])
        if self.spilled is not None:
            self.spilled.take(number, self.tbl.tr_lst[1:])
            self.tbl.append(self.spilled.mark(number))

    def _row(self, cells: Sequence[_Source]) -> None:
        count = len(self.aligns)
        if len(cells) == count and all(source.span == 1 for source in cells):
            tr = deepcopy(self.row)
            self.tbl.append(tr)
            for tc, source in zip(tr[-count:], cells, strict=True):  # after the row's w:trPr
                _Runs(tc[-1]).write(source.inline.children or [])  # the cell's one w:p, after w:tcPr
        elif len(cells) == 1 and cells[0].span >= count > 1:
            tr = deepcopy(self.band())
            self.tbl.append(tr)
            _Runs(tr[-1][-1]).write(cells[0].inline.children or [])
        else:
            self._other(cells)

    def band(self) -> BaseOxmlElement:
        """A row that is one cell across the table, left-aligned: python-docx merges it once."""
        if self._band is None:
            tr = deepcopy(self.bare)
            self.tbl.append(tr)
            cells = [_Cell(tc, self.table) for tc in tr.tc_lst]
            paragraph = cells[0].merge(cells[-1]).paragraphs[0]
            paragraph._p.style = self.style
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            self.tbl.remove(tr)
            self._band = tr
        return self._band

    def _other(self, cells: Sequence[_Source]) -> None:
        """A row of any other shape, through python-docx as every row once was."""
        tr = deepcopy(self.bare)
        self.tbl.append(tr)
        targets = [_Cell(tc, self.table) for tc in tr.tc_lst]
        count, column = len(targets), 0
        for source in cells:
            target = targets[column]
            if source.span > 1:
                target = target.merge(targets[min(column + source.span, count) - 1])
            align = self.aligns[column] if source.span == 1 else WD_ALIGN_PARAGRAPH.LEFT
            _fill(target, source, self.style, align)
            column += source.span


def _alignment(cell: Token) -> str:
    """A column's alignment, which markdown-it writes on each cell as ``text-align:…``."""
    return str(cell.attrGet("style") or "").removeprefix("text-align:")


def _fill(cell: _Cell, source: _Source, style: str, align: WD_ALIGN_PARAGRAPH, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style
    paragraph.alignment = align
    _Runs(paragraph._p, bold=bold).write(source.inline.children or [])


class _Runs:
    """Inline tokens as runs of one paragraph (its ``w:p``): bold, italic, code, line breaks; links
    as their text. Each run is a copy of a prepared one (``_run``), so a run costs an XML copy, not
    python-docx's reads and writes of each property: the XML is what python-docx writes."""

    def __init__(self, p: BaseOxmlElement, bold: bool = False, size: int | None = None) -> None:
        self.p = p
        self.bold = 1 if bold else 0
        self.italic = 0
        self.size = size

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
            "hardbreak": lambda _: self._break(),
            "image": self._image,
        }
        for child in children:
            handler = handlers.get(child.type)  # links are their text: paper has nowhere to go
            if handler is not None:
                handler(child)

    def _emphasis(self, bold: int = 0, italic: int = 0) -> None:
        self.bold += bold
        self.italic += italic

    def _cell_text(self, child: Token) -> None:
        """A "<br>" in a text token is a table cell's line break; a title's own is text_special."""
        for number, part in enumerate(child.content.split(BREAK)):
            if number:
                self._break()
            self.text(part)

    def _break(self) -> None:
        self.p.append(_run(_BREAK).__copy__())

    def _image(self, child: Token) -> None:
        """An image inside a line of text: its title, in italics."""
        self.italic += 1
        self.text(plain(child.children or []))
        self.italic -= 1

    def text(self, value: str) -> None:
        if value:
            self._add(_Look(self.bold > 0, self.italic > 0, self.size), value)

    def code(self, value: str) -> None:
        for number, line in enumerate(value.split("\n")):
            if number:
                self._break()
            self._add(_CODE, line)

    def _add(self, look: _Look, value: str) -> None:
        """A run of ``value`` set as ``look``: python-docx's ``add_run(value)`` then its properties."""
        run = _run(look).__copy__()  # lxml copies the whole element, as deepcopy does
        plain_text = "\t" not in value and "\r" not in value and "\n" not in value  # nearly always
        for part in (value,) if plain_text else _CONTROLS.split(value):
            if part == "\t":
                run.append(deepcopy(_TAB))
            elif part in ("\r", "\n"):
                run.append(deepcopy(_BR))
            elif part:
                text = run.makeelement(_T, {})
                text.text = part
                run.append(text)
                if len(part.strip()) < len(part):
                    text.set(_SPACE, "preserve")
        self.p.append(run)


@dataclass(frozen=True)
class _Look:
    """How a run is set: bold, italic, its size in points (else the style's), its font (else the style's)."""

    bold: bool = False
    italic: bool = False
    size: int | None = None
    font: str | None = None


_CODE = _Look(font=CODE_FONT)
_BREAK = _Look(font="")  # a line break's run: no properties at all
_CONTROLS = re.compile(r"([\t\r\n])")  # what python-docx writes as w:tab and w:br, not as text
_T, _SPACE = qn("w:t"), qn("xml:space")
_TAB, _BR = OxmlElement("w:tab"), OxmlElement("w:br")


@cache
def _run(look: _Look) -> BaseOxmlElement:
    """An empty run set as ``look``, made once by python-docx itself, so that a copy of it holds
    exactly the properties python-docx would write (``w:rPr`` even when empty, as it does)."""
    paragraph = Paragraph(OxmlElement("w:p"), cast(Any, None))  # a run needs no story
    run = paragraph.add_run()
    if look == _BREAK:
        run.add_break()
        return run._r
    if look.font:
        run.font.name = look.font
        return run._r
    run.bold = True if look.bold else None
    run.italic = True if look.italic else None
    if look.size is not None:
        run.font.size = Pt(look.size)
    return run._r
