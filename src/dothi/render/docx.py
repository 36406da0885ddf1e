"""The briefing as a Word document, laid out as Decree 30/2020/NĐ-CP lays out an administrative one.

Ministries read and forward .docx, not Markdown, so this renderer builds the same briefing as
``templates/briefing.md.j2`` (same sections, same order, same catalogue texts) with python-docx:
A4 with Decree 30's margins, Times New Roman 14 pt, the issuer and the national motto side by side,
the italic date line, bordered tables whose header row repeats on every page, the charts as
pictures, and page numbers. Word shows text as written, so nothing is escaped: a title holding
``|`` or ``{{ 7*7 }}`` reaches the cell literally, as data must. Control characters, which XML
cannot hold, are dropped (``validate`` warns about them).

The output is deterministic to the byte: the core properties carry the briefing's date instead
of the clock, and the package is re-zipped with fixed timestamps (python-docx stamps each entry
with the time of saving): the briefing's date, kept within the years a ZIP entry can record.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from dothi.messages import Catalogue
from dothi.render.charts import Chart
from dothi.render.controls import for_document
from dothi.reports.briefing import Briefing, ItemLine, ObstacleLine
from dothi.reports.states import State
from dothi.reports.status import LeadSummary

FONT = "Times New Roman"
BODY_SIZE = 14  # Decree 30: 13–14 pt for the body
TABLE_SIZE = 12  # tables of eight columns do not fit at 14 pt; Decree 30 does not size table text
TEXT_WIDTH = 16.0  # cm: 21 cm of A4 less the 3 cm left and 2 cm right margins
PICTURE_HEIGHT = 22.0  # cm: 25.7 cm of text height less room for the caption
MASTHEAD = (7.0, 10.0)  # cm: issuer, country and motto
PADDING = 0.12  # cm: a table cell's left and right padding
AFTER_CELL_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")  # schema order
FIRST_LINE = Cm(1)  # Decree 30: paragraphs indent their first line by 1–1.27 cm
TABLE_STYLE = "Table Text"
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-GB"}
CHART_FOR = {"overview": "rates", "overdue": "overdue-age", "localities": "plans"}
ZIP_YEARS = (1980, 2107)  # what a ZIP entry's date can hold


@dataclass(frozen=True)
class Band:
    """A row of one merged cell, in bold, heading the rows below it (the roster's roles)."""

    text: str


Row = Sequence[str] | Band


@dataclass(frozen=True)
class Column:
    """A table column: its header, its width in cm, and whether it holds numbers (right-aligned)."""

    label: str
    width: float
    numeric: bool = False


def render_docx(context: Briefing, t: Catalogue, charts: Sequence[Chart]) -> bytes:
    """The briefing as .docx bytes: the same data, dates and language always give the same bytes."""
    document = Document()
    setup_document(document, datetime(context.as_of.year, context.as_of.month, context.as_of.day), t.lang)
    document.core_properties.title = t.get("brief.title", day=t.day(context.as_of))
    document.core_properties.subject = for_document(context.group_name)
    if context.notice:
        _body(document, context.notice).runs[0].italic = True
    _masthead(document, context, t)
    _title(document, context, t)
    pictures = {chart.name: chart for chart in charts}
    _overview(document, context, t, pictures.get(CHART_FOR["overview"]))
    _overdue(document, context, t, pictures.get(CHART_FOR["overdue"]))
    _soon(document, context, t)
    _localities(document, context, t, pictures.get(CHART_FOR["localities"]))
    _obstacles(document, context, t)
    _since(document, context, t)
    _appendix(document, context, t)
    _sources(document, context, t)
    _page_numbers(document)
    return docx_bytes(document, context.as_of)


def setup_document(document: WordDocument, stamp: datetime, lang: str = "vi") -> None:
    """The page, the styles and the fixed metadata every dothi Word file shares (the pack's too)."""
    _page(document)
    _styles(document, lang)
    _metadata(document, stamp, lang)


def add_table(document: WordDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    """A briefing-style table from plain strings: widths follow the text, numbers align right."""
    values = [[row[i] for row in rows] for i in range(len(header))]
    weights = [  # a column's share of the width: its longest text, within 4 to 40 characters
        min(max(4, len(label), *(len(text) for text in found)), 40)
        for label, found in zip(header, values, strict=True)
    ]
    columns = [
        Column(label, TEXT_WIDTH * weight / sum(weights), _numbers(found))
        for label, weight, found in zip(header, weights, values, strict=True)
    ]
    return _table(document, columns, rows)


def _numbers(values: Sequence[str]) -> bool:
    """A column of numbers, with a dash or nothing where there is none (the catalogue's "none")."""
    filled = [text for text in values if text.strip() not in ("", "—")]
    return bool(filled) and all(
        any(ch.isdigit() for ch in text) and all(ch.isdigit() or ch in ".,% " for ch in text)
        for text in filled
    )


# --- page, styles and properties -------------------------------------------------------------------


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
    normal = _paragraph_style(document, "Normal")
    _restyle(normal, BODY_SIZE)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)  # Decree 30: at least 6 pt between paragraphs
    normal.paragraph_format.line_spacing = 1.0
    for name, size in (("Heading 1", 14), ("Heading 2", 13)):
        heading = _paragraph_style(document, name)
        _restyle(heading, size, bold=True)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.space_after = Pt(6)
    caption = _paragraph_style(document, "Caption")
    _restyle(caption, 13, bold=False, italic=True)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cells = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(cells, ParagraphStyle)
    cells.base_style = normal
    _restyle(cells, TABLE_SIZE)
    cells.paragraph_format.space_before = cells.paragraph_format.space_after = Pt(2)


def _paragraph_style(document: WordDocument, name: str) -> ParagraphStyle:
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


def docx_bytes(document: WordDocument, as_of: date) -> bytes:
    """Save, then re-zip with every entry stamped with the briefing's date instead of the clock."""
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    first, last = ZIP_YEARS
    day = as_of if first <= as_of.year <= last else date(first, 1, 1)  # never a crash over a stamp
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- the masthead and the title --------------------------------------------------------------------


def _masthead(document: WordDocument, context: Briefing, t: Catalogue) -> None:
    """Decree 30's two columns: the issuer on the left, the country and the motto on the right."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _padding(table)
    _widths(table, MASTHEAD)  # wider than the text, as ministries set it: the country's name fits
    left, right = table.rows[0].cells
    _cell_line(left.paragraphs[0], context.group_name.upper(), 12, bold=True)
    _rule(left, 2.0, MASTHEAD[0])  # Decree 30: a line a third to a half as long as the issuer's name
    _cell_line(right.paragraphs[0], t.get("brief.motto.country"), 12, bold=True)
    _cell_line(right.add_paragraph(), t.get("brief.motto.words"), 13, bold=True)
    _rule(right, 6.0, MASTHEAD[1])  # as long as the motto


def _cell_line(paragraph: Paragraph, text: str, size: int, bold: bool = False) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(for_document(text))
    run.font.size = Pt(size)
    run.bold = bold


def _rule(cell: _Cell, length: float, cell_width: float) -> None:
    """A centred line ``length`` cm long: the top border of an empty paragraph indented on both sides."""
    paragraph = cell.add_paragraph()
    borders = OxmlElement("w:pBdr")  # first: python-docx then adds spacing and indents after it, in order
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{name}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    indent = Cm((cell_width - length) / 2 - PADDING)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.space_before = Pt(1)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(2)


def _borderless(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    table._tbl.tblPr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", *AFTER_CELL_MARGINS
    )


def _padding(table: Table) -> None:
    """Cell padding a little under Word's 0.19 cm, so that "100,00%" and "Overdue" fit 1.8 cm columns."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(PADDING / 2.54 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, *AFTER_CELL_MARGINS)


def _title(document: WordDocument, context: Briefing, t: Catalogue) -> None:
    """The date line (italic, right), the document's kind and subject (bold, centred), its purpose."""
    dateline = document.add_paragraph()
    dateline.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    dateline.paragraph_format.space_before = Pt(6)
    dateline.add_run(t.dateline(context.as_of)).italic = True
    kind = document.add_paragraph()
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.space_after = Pt(0)
    kind.add_run(t.get("brief.kind")).bold = True
    subject = document.add_paragraph()
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject.paragraph_format.space_after = Pt(12)
    subject.add_run(t.get("brief.title", day=t.day(context.as_of))).bold = True
    _body(document, t.get("brief.purpose"))


# --- building blocks -------------------------------------------------------------------------------


def _body(document: WordDocument, text: str) -> Paragraph:
    """A paragraph of the body: justified, first line indented, as Decree 30 sets body text."""
    paragraph = document.add_paragraph(for_document(text))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = FIRST_LINE
    return paragraph


def _dash(document: WordDocument, text: str) -> Paragraph:
    """A list entry written the Vietnamese way, a dash at the indent, rather than a bullet."""
    return _body(document, f"- {text}")


def _table(document: WordDocument, columns: Sequence[Column], rows: Sequence[Row]) -> Table:
    """A bordered table whose header row repeats on every page it runs onto."""
    table: Table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _padding(table)
    _widths(table, [c.width for c in columns])
    header, *body = table.rows
    _repeat_header(header._tr.get_or_add_trPr())
    for row in table.rows:  # a row cut in two across pages reads as two items
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, column in zip(header.cells, columns, strict=True):
        _fill(cell, column.label, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for row, values in zip(body, rows, strict=True):
        if isinstance(values, Band):
            _fill(row.cells[0].merge(row.cells[-1]), values.text, WD_ALIGN_PARAGRAPH.LEFT, bold=True)
            continue
        for cell, column, value in zip(row.cells, columns, values, strict=True):
            _fill(cell, value, WD_ALIGN_PARAGRAPH.RIGHT if column.numeric else WD_ALIGN_PARAGRAPH.LEFT)
    document.add_paragraph().paragraph_format.space_after = Pt(0)  # Word joins adjacent tables
    return table


def _repeat_header(tr_pr: BaseOxmlElement) -> None:
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)


def _widths(table: Table, widths: Sequence[float]) -> None:
    """Fixed column widths, on the grid (LibreOffice reads it) and on every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _fill(cell: _Cell, text: str, align: WD_ALIGN_PARAGRAPH, bold: bool = False) -> None:
    """Text exactly as written: a newline in the data becomes a line break, never markup."""
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_STYLE
    paragraph.alignment = align
    paragraph.add_run(for_document(text)).bold = bold


def _chart(document: WordDocument, chart: Chart | None) -> None:
    """The chart as a picture that fits the text area (one page), its title below it as the caption."""
    if chart is None:
        return
    holder = document.add_paragraph()
    holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
    holder.paragraph_format.keep_with_next = True
    shape = holder.add_run().add_picture(io.BytesIO(chart.png))
    scale = min(1.0, Cm(TEXT_WIDTH) / shape.width, Cm(PICTURE_HEIGHT) / shape.height)
    shape.width, shape.height = Emu(int(shape.width * scale)), Emu(int(shape.height * scale))
    document.add_paragraph(chart.title, style="Caption")


def _count(t: Catalogue, value: int | None) -> str:
    return t.get("value.none") if value is None else t.number(value)


def _deadline(t: Catalogue, line: ItemLine) -> str:
    return line.item.deadline or t.day(line.item.due)


# --- sections I–VI and the appendix ----------------------------------------------------------------


def _overview(document: WordDocument, context: Briefing, t: Catalogue, chart: Chart | None) -> None:
    document.add_heading(t.get("brief.overview"), level=1)
    tally = context.status.tally
    counts = {state: t.number(count) for state, count in tally.counts.items()}
    _body(
        document,
        t.get(
            "brief.overview.total",
            total=t.number(tally.total),
            done=t.number(tally.done),
            on_time=counts.get(State.DONE_ON_TIME, "0"),
            late=counts.get(State.DONE_LATE, "0"),
            in_progress=counts.get(State.IN_PROGRESS, "0"),
            overdue=counts.get(State.OVERDUE, "0"),
            ongoing=counts.get(State.ONGOING, "0"),
            cancelled=counts.get(State.CANCELLED, "0"),
            undated=counts.get(State.DONE_UNDATED, "0"),
            no_deadline=counts.get(State.NO_DEADLINE, "0"),
            unknown=counts.get(State.UNKNOWN, "0"),
        ),
    )
    rates = tally.rates
    unknown = t.number(tally.unknown)
    _body(
        document,
        t.get("brief.overview.rates", due=t.percent(rates.due), all=t.percent(rates.all), unknown=unknown),
    )
    states = [Column(t.get("status.col.state"), 11.0), Column(t.get("status.col.count"), 5.0, numeric=True)]
    _table(document, states, [(t.get(f"state.{state}"), count) for state, count in counts.items()])
    document.add_heading(t.get("brief.overview.by_lead"), level=2)
    _table(document, _lead_columns(t), [_lead_row(t, summary, name) for summary, name in context.leads])
    _chart(document, chart)


def _lead_columns(t: Catalogue) -> list[Column]:
    """Widths fitted to the longest header word in either language ("Overdue", "progress", "100,00%")."""
    widths = {"total": 1.5, "on_time": 1.7, "late": 1.5, "in_progress": 1.9, "overdue": 1.9}
    widths |= {"rate_due": 1.95, "rate_all": 1.95}
    return [
        Column(t.get("status.col.lead"), TEXT_WIDTH - sum(widths.values())),
        *(Column(t.get(f"status.col.{key}"), width, numeric=True) for key, width in widths.items()),
    ]


def _lead_row(t: Catalogue, summary: LeadSummary, name: str) -> list[str]:
    n = summary.tally.counts
    states = (State.DONE_ON_TIME, State.DONE_LATE, State.IN_PROGRESS, State.OVERDUE)
    return [
        name,
        t.number(summary.tally.total),
        *(t.number(n.get(state, 0)) for state in states),
        t.percent(summary.tally.rates.due),
        t.percent(summary.tally.rates.all),
    ]


def _overdue(document: WordDocument, context: Briefing, t: Catalogue, chart: Chart | None) -> None:
    document.add_heading(t.get("brief.overdue"), level=1)
    columns = [
        Column(t.get("brief.col.no"), 1.2, numeric=True),
        Column(t.get("brief.col.task"), 7.0),
        Column(t.get("brief.col.directive"), 2.8),
        Column(t.get("brief.col.deadline"), 3.0),
        Column(t.get("brief.col.days_overdue"), 2.0, numeric=True),
    ]
    for index, group in enumerate(context.overdue, start=1):
        document.add_heading(for_document(f"{index}. {group.name}"), level=2)
        rows = [
            (
                t.number(number),
                line.item.title,
                line.directive_number or "",
                _deadline(t, line),
                _count(t, line.item.days_overdue),
            )
            for number, line in enumerate(group.items, start=1)
        ]
        _table(document, columns, rows)
    if not context.overdue:
        _body(document, t.get("brief.overdue.none"))
    _chart(document, chart)


def _soon(document: WordDocument, context: Briefing, t: Catalogue) -> None:
    document.add_heading(t.get("brief.soon", soon=context.soon), level=1)
    if not context.due_soon:
        _body(document, t.get("brief.soon.none"))
        return
    columns = [
        Column(t.get("brief.col.no"), 1.2, numeric=True),
        Column(t.get("brief.col.task"), 6.4),
        Column(t.get("brief.col.lead"), 3.8),
        Column(t.get("brief.col.deadline"), 2.8),
        Column(t.get("brief.col.days_left"), 1.8, numeric=True),
    ]
    rows = [
        (
            t.number(number),
            line.item.title,
            line.lead_name,
            _deadline(t, line),
            _count(t, line.item.days_left),
        )
        for number, line in enumerate(context.due_soon, start=1)
    ]
    _table(document, columns, rows)


def _localities(document: WordDocument, context: Briefing, t: Catalogue, chart: Chart | None) -> None:
    document.add_heading(t.get("brief.localities"), level=1)
    document.add_heading(t.get("brief.localities.plans"), level=2)
    columns = [
        Column(t.get("brief.col.locality"), 6.0),
        Column(t.get("brief.col.plan"), 4.4),
        Column(t.get("brief.col.score"), 2.2, numeric=True),
        Column(t.get("brief.col.missing"), 3.4, numeric=True),
    ]
    rows = [
        (
            loc.name,
            t.get(f"plan.{loc.check.plan_status}"),
            t.score(loc.check.score),
            t.number(len(loc.check.missing)),
        )
        for loc in context.localities
    ]
    _table(document, columns, rows)
    _chart(document, chart)
    document.add_heading(t.get("brief.localities.unanswered"), level=2)
    for task in context.unanswered:
        line = t.get(
            "brief.localities.unanswered.line",
            title=task.title,
            number=task.directive_number or "—",
            deadline=task.deadline or "—",
            count=len(task.assignees),
            total=task.total,
            names=", ".join(task.assignees),
        )
        _dash(document, line)
    if not context.unanswered:
        _body(document, t.get("brief.localities.all_answered"))


def _obstacles(document: WordDocument, context: Briefing, t: Catalogue) -> None:
    """Those the Prime Minister must decide first, then the group's, then the rest."""
    document.add_heading(t.get("brief.obstacles"), level=1)
    groups: list[tuple[str, list[ObstacleLine]]] = [
        ("pm", [o for o in context.obstacles if o.needs == "pm"]),
        ("group", [o for o in context.obstacles if o.needs == "group"]),
        ("other", [o for o in context.obstacles if o.needs is None]),
    ]
    shown = [(key, found) for key, found in groups if found]
    for index, (key, found) in enumerate(shown, start=1):
        document.add_heading(f"{index}. {t.get('brief.obstacles.' + key)}", level=2)
        for o in found:
            _dash(document, t.get("brief.obstacles.line", day=t.day(o.on), about=o.subject, text=o.text))
    if not shown:
        _body(document, t.get("brief.obstacles.none"))


def _since(document: WordDocument, context: Briefing, t: Catalogue) -> None:
    if context.since is None:
        document.add_heading(t.get("brief.since.none_given"), level=1)
        _body(document, t.get("brief.since.ask"))
        return
    document.add_heading(t.get("brief.since", day=t.day(context.since)), level=1)
    document.add_heading(t.get("brief.since.done"), level=2)
    for line in context.done_since:
        result = f": {line.item.result}" if line.item.result else ""
        _dash(document, f"{t.day(line.item.done_on)} — {line.item.title} ({line.lead_name}){result}")
    if not context.done_since:
        _body(document, t.get("brief.since.nothing"))
    document.add_heading(t.get("brief.since.updates"), level=2)
    for update in context.updates_since:
        _dash(
            document,
            f"{t.day(update.on)} — {update.item.item.title} ({update.item.lead_name}): {update.note}",
        )
    if not context.updates_since:
        _body(document, t.get("brief.since.nothing"))


def _appendix(document: WordDocument, context: Briefing, t: Catalogue) -> None:
    """The roster on a page of its own, one merged row naming each role above its members."""
    heading = document.add_heading(t.get("brief.appendix"), level=1)
    heading.paragraph_format.page_break_before = True
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _body(document, t.get("brief.appendix.as_of", day=t.day(context.roster.as_of)))
    columns = [
        Column(t.get("brief.col.no"), 1.2, numeric=True),
        Column(t.get("brief.col.name"), 4.6),
        Column(t.get("brief.col.title"), 4.6),
        Column(t.get("brief.col.org"), 5.6),
    ]
    rows: list[Row] = []
    for role, members in context.roster.by_role:
        rows.append(Band(t.get(f"role.{role}")))
        rows.extend(
            (t.number(number), m.name, m.title, context.names.get(m.org, m.org))
            for number, m in enumerate(members, start=1)
        )
    _table(document, columns, rows)


def _sources(document: WordDocument, context: Briefing, t: Catalogue) -> None:
    """The sources behind the figures, as the Markdown briefing lists them (issue 16)."""
    document.add_heading(t.get("brief.sources"), level=1)
    _body(document, t.get("brief.sources.intro"))
    for line in context.sources:
        if line.kind == "directive":
            key = "brief.sources.directive" if line.label else "brief.sources.unnumbered"
            text = t.get(key, number=line.label, day=t.day(line.day), subject=line.subject)
            _dash(document, f"{text} — {line.source}" if line.source else text)
        elif line.kind == "plan":
            _dash(document, t.get("brief.sources.plan", name=line.label, source=line.source))
        else:
            _dash(document, t.get("brief.sources.item", title=line.label, id=line.ident, source=line.source))
    if not context.sources:
        _body(document, t.get("brief.sources.none"))


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
