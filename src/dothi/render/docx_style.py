"""The look every dothi Word file shares, laid out as Decree 30/2020/NĐ-CP lays out a document.

A4 with Decree 30's margins, Times New Roman 14 pt for every script, black headings, bordered
tables whose header row repeats on every page and whose rows never split, page numbers centred
at the top from the second page, and fixed metadata, so the same briefing gives the same bytes:
the core properties carry the briefing's date instead of the clock, and the package is re-zipped
with fixed timestamps (python-docx stamps each entry with the time of saving), kept within the
years a ZIP entry can record. ``docx.py`` writes the content; this module holds how it looks.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell

from dothi.render.packages import Fill, stamped

FONT = "Times New Roman"
BODY_SIZE = 14  # Decree 30: 13–14 pt for the body
TABLE_SIZE = 12  # tables of eight columns do not fit at 14 pt; Decree 30 does not size table text
TEXT_WIDTH = 16.0  # cm: 21 cm of A4 less the 3 cm left and 2 cm right margins
PICTURE_HEIGHT = 22.0  # cm: 25.7 cm of text height less room for the caption
PADDING = 0.12  # cm: a table cell's left and right padding
AFTER_CELL_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")  # schema order
FIRST_LINE = Cm(1)  # Decree 30: paragraphs indent their first line by 1–1.27 cm
TABLE_STYLE = "Table Text"
GRID_STYLE = "Table Grid"
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-GB"}
HEADINGS = ((1, 14, False), (2, 13, False), (3, 13, True))  # Word level, size, italic

# Advance widths of Times New Roman in ems, by kind of letter (accents aside): enough to size a
# column so that its longest word never breaks.
_NARROW, _WIDE = frozenset("fijlrtI.,:;!'|()[]-/ "), frozenset("mwMW%@")
_EM = {"narrow": 0.3, "wide": 0.9, "upper": 0.7, "digit": 0.5, "other": 0.5}
_BOLD = 1.08


def setup_document(document: WordDocument, as_of: date, lang: str) -> None:
    """The page, the styles and the fixed metadata of every dothi Word file."""
    _page(document)
    _styles(document, lang)
    _metadata(document, datetime(as_of.year, as_of.month, as_of.day), lang)
    _page_numbers(document)


def _page(document: WordDocument) -> None:
    """A4 portrait with Decree 30's margins (Appendix I: top/bottom 20–25 mm, left 30–35, right 15–20)."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)


def _styles(document: WordDocument, lang: str) -> None:
    """Times New Roman everywhere, Vietnamese included: theme fonts would let Word fall back to Calibri."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is not None:
        _fonts(r_pr)
        _language(r_pr, LANGUAGE_TAGS.get(lang, "vi-VN"))
    normal = paragraph_style(document, "Normal")
    _restyle(normal, BODY_SIZE)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)  # Decree 30: at least 6 pt between paragraphs
    normal.paragraph_format.line_spacing = 1.0
    for level, size, italic in HEADINGS:
        heading = paragraph_style(document, f"Heading {level}")
        _restyle(heading, size, bold=True, italic=italic or None)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(6)
    caption = paragraph_style(document, "Caption")
    _restyle(caption, 13, bold=False, italic=True)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cells = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(cells, ParagraphStyle)
    cells.base_style = normal
    _restyle(cells, TABLE_SIZE)
    cells.paragraph_format.space_before = cells.paragraph_format.space_after = Pt(2)


def paragraph_style(document: WordDocument, name: str) -> ParagraphStyle:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def _restyle(style: ParagraphStyle, size: int, bold: bool | None = None, italic: bool | None = None) -> None:
    """Black Times New Roman of ``size`` pt: the template's headings are blue Calibri Light."""
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(style.element.get_or_add_rPr())


def _fonts(r_pr: BaseOxmlElement) -> None:
    """One font for every script: ``w:eastAsia`` too, and no theme font that would take precedence."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)


def _language(r_pr: BaseOxmlElement, tag: str) -> None:
    """The proofing language, so Word does not flag every Vietnamese word as misspelt."""
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)


def _metadata(document: WordDocument, stamp: datetime, lang: str) -> None:
    """Fixed metadata: python-docx would write "python-docx" and the time of the run."""
    props = document.core_properties
    props.author = props.last_modified_by = "dothi"
    props.comments = ""
    props.language = LANGUAGE_TAGS.get(lang, "vi-VN")
    props.created = props.modified = stamp
    props.revision = 1
    package = document.part.package
    for rid, rel in list(package.rels.items()):  # the template's thumbnail shows an empty page
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[rid]


def docx_bytes(document: WordDocument, as_of: date, fill: Mapping[str, Fill] | None = None) -> bytes:
    """Save, then re-zip with every entry stamped with the briefing's date instead of the clock;
    ``fill`` completes a part by its name in the package (``docx.py`` puts a table's rows back)."""
    saved = io.BytesIO()
    document.save(saved)
    return stamped(saved.getvalue(), as_of, fill)


# --- tables ----------------------------------------------------------------------------------------


def grid(table: Table, style: str | None = None) -> None:
    """A data table: bordered, centred, its header row repeated on every page, no row split in two.
    ``style``: the id of the style "Table Grid", if the caller has looked it up already."""
    if style is None:
        table.style = GRID_STYLE
    else:
        table._tbl.tblStyle_val = style
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    padding(table)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for row in table.rows:  # a row cut in two across pages reads as two items
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def borderless(table: Table) -> None:
    """A layout table (the masthead, the signature): no border anywhere."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", *AFTER_CELL_MARGINS
    )
    padding(table)


def padding(table: Table) -> None:
    """Cell padding a little under Word's 0.19 cm, so that "100,00%" and "Overdue" fit narrow columns."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(PADDING / 2.54 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, *AFTER_CELL_MARGINS)


def widths(table: Table, sizes: Sequence[float]) -> None:
    """Fixed column widths, on the grid (LibreOffice reads it) and on every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, sizes, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def rule(within: _Cell | WordDocument, length: float, width: float) -> None:
    """A centred line ``length`` cm long: the top border of an empty paragraph indented on both sides
    (``width`` is that of the cell or page it is in)."""
    paragraph = within.add_paragraph()
    borders = OxmlElement("w:pBdr")  # first: python-docx then adds spacing and indents after it, in order
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{name}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    indent = Cm(max((width - length) / 2 - PADDING, 0))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.space_before = Pt(1)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(2)


def column_widths(header: Sequence[str], columns: Sequence[Sequence[str]]) -> list[float]:
    """Widths in cm that fill the text width. No column is narrower than its longest word (so "STT"
    and "10" never break letter by letter) nor, while others wrap, wider than its longest line.
    In between, a column gets room in proportion to the square root of all the text it holds,
    which makes the table shortest: its lines add up to about each column's text ÷ its width,
    a sum that is least when each width goes as the root of its text. ``columns`` holds each
    column's cells, their lines split by "\n"."""
    lines = [[line for text in cells for line in text.split("\n")] for cells in columns]
    least = [
        _fit(max([_width(word, True) for word in _words([head])] + [_width(word) for word in _words(found)]))
        for head, found in zip(header, lines, strict=True)
    ]
    most = [
        max(low, _fit(max(map(_width, found), default=0))) for low, found in zip(least, lines, strict=True)
    ]
    if sum(most) <= TEXT_WIDTH:  # every cell fits on one line: stretch to the text width
        return [TEXT_WIDTH * width / sum(most) for width in most]
    if sum(least) >= TEXT_WIDTH:  # too many columns for the page: words must break somewhere
        return [TEXT_WIDTH * width / sum(least) for width in least]
    text = [
        math.sqrt(_width(head, True) + sum(map(_width, found)))
        for head, found in zip(header, lines, strict=True)
    ]
    return _share(least, most, text)


def _share(least: Sequence[float], most: Sequence[float], weights: Sequence[float]) -> list[float]:
    """The text width shared by ``weights``, each column held between its least and most: a column
    pushed to a bound keeps it, and the others share what is left, until none is pushed."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = TEXT_WIDTH - sum(fixed.values())
        total = sum(weights[i] for i in free) or 1.0
        shares = {i: room * weights[i] / total for i in free}
        bounded = {i: min(max(share, least[i]), most[i]) for i, share in shares.items()}
        pushed = {i: width for i, width in bounded.items() if width != shares[i]}
        if not pushed or len(pushed) == len(free):
            return [fixed.get(i, bounded.get(i, 0.0)) for i in range(len(weights))]
        fixed.update(pushed)


def _words(texts: Sequence[str]) -> list[str]:
    """The pieces a line may break between: at spaces, and after "/" or "-" (``4720/VPCP-KGVX``)."""
    return [word for text in texts for word in re.split(r"\s+|(?<=[/-])", text) if word] or [""]


def _fit(width: float) -> float:
    """A text's width plus the cell's padding on both sides and a little slack."""
    return width + 2 * PADDING + 0.1


@cache
def _width(text: str, bold: bool = False) -> float:
    """The width in cm of ``text`` in table type (12 pt Times New Roman), bold or not. A table's
    cells repeat (dates, numbers, names), so each text is measured once."""
    ems = sum(map(_EMS.__getitem__, text))
    return ems * (_BOLD if bold else 1.0) * TABLE_SIZE / 72 * 2.54


class _Ems(dict[str, float]):
    """A character's width in ems, its accents aside, worked out the first time it is met."""

    def __missing__(self, ch: str) -> float:
        pieces = unicodedata.normalize("NFD", ch)
        self[ch] = value = sum(_EM[_kind(piece)] for piece in pieces if not unicodedata.combining(piece))
        return value


_EMS = _Ems()


def _kind(ch: str) -> str:
    if ch in _NARROW:
        return "narrow"
    if ch in _WIDE:
        return "wide"
    if ch.isdigit():
        return "digit"
    return "upper" if ch.isupper() else "other"


# --- page numbers ----------------------------------------------------------------------------------


def _page_numbers(document: WordDocument) -> None:
    """A PAGE field centred at the top of every page but the first, as Decree 30/2020 numbers pages."""
    section = document.sections[0]
    section.different_first_page_header_footer = True  # the first page shows no number
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = [_field_mark("begin"), _field_code(" PAGE "), _field_mark("separate"), _text("1")]
    for part in [*parts, _field_mark("end")]:
        paragraph.add_run()._r.append(part)


def _field_mark(kind: str) -> BaseOxmlElement:
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    return mark


def _field_code(code: str) -> BaseOxmlElement:
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = code
    return instruction


def _text(value: str) -> BaseOxmlElement:
    element = OxmlElement("w:t")
    element.text = value
    return element
