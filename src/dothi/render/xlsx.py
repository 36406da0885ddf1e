"""Workbooks: ``status`` as a spreadsheet, the answer form of ``request``, and that form read back.

openpyxl writes and reads them: ``receive`` must read what Excel or LibreOffice saved, and one
library that does both keeps the form's layout (its headers, its drop-down, its locked columns)
defined once. Every cell dothi writes holds a value, never a formula: text that starts with
``= + - @`` is stored as a text cell, so a title ``=HYPERLINK(…)`` shows as written and runs
nothing, and reading a form never evaluates one either (a formula a clerk typed is read as its
text). Characters XML cannot hold are dropped; a text longer than a cell holds is cut.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from dothi.data.repository import Repository
from dothi.messages import Catalogue
from dothi.problem import Text
from dothi.render.controls import for_document
from dothi.render.packages import stamped
from dothi.render.status import ITEM_FIELDS
from dothi.reports.item import STATES, Item
from dothi.reports.status import StatusReport, Tally
from dothi.text import fold

CREATOR = "dothi"
CELL_LIMIT = 32_767  # characters a cell holds in Excel
WIDEST = 50  # characters: a wider column wraps its text
LINE_HEIGHT = 15  # points
NARROWEST = 6
DAY_FORMAT = {"vi": "d/m/yyyy", "en": "yyyy-mm-dd"}
PERCENT = "0.00%"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
THIN = Side(style="thin", color="808080")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TO_FILL_COLOUR = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in, pale yellow
FORM_SHEET = {"vi": "Phiếu trả lời", "en": "Answers"}
FORM_HEADER_ROW = 4
MAX_FORM_BYTES = 20 * 1024 * 1024  # a form is a few kB; anything this big is not one
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_FORM_ROWS = 100_000
HEADER_SEARCH = 30  # rows scanned for the header row


# --- cells -----------------------------------------------------------------------------------------


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """A value into a cell: a text stays text (never a formula), dates are date cells."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # dothi merges no cells
    if isinstance(value, str):
        cell.value = for_document(value)[:CELL_LIMIT]
        cell.data_type = "s"  # "=…", "+…", "-…", "@…" as written: openpyxl would make it a formula
    else:
        cell.value = value
    return cell


def _header(sheet: Worksheet, row: int, names: Sequence[str]) -> None:
    for column, name in enumerate(names, start=1):
        cell = _put(sheet, row, column, name)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _fit(sheet: Worksheet, first_row: int = 1) -> None:
    """Column widths that fit their longest line, between NARROWEST and WIDEST; longer text wraps,
    and its row is made tall enough for it (not every spreadsheet measures a row on opening)."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first_row, values_only=True):
        for column, value in enumerate(row, start=1):
            widths[column] = max(widths.get(column, 0), _longest(value))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, NARROWEST), WIDEST) + 2
    for number in range(first_row + 1, sheet.max_row + 1):
        lines = 1
        for column, width in widths.items():
            cell = sheet.cell(row=number, column=column)
            if cell.value is None:
                continue
            cell.alignment = WRAP if width > WIDEST else TOP
            if width > WIDEST:
                lines = max(lines, _lines(str(cell.value), WIDEST))
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines


def _longest(value: Any) -> int:
    if value is None:
        return 0
    shown = value.isoformat() if isinstance(value, date) else str(value)
    return max((len(line) for line in shown.split("\n")), default=0)


def _lines(text: str, width: int) -> int:
    """About how many lines ``text`` takes in a column ``width`` characters wide."""
    return sum(max(1, -(-len(line) // width)) for line in text.split("\n"))


def _print_setup(sheet: Worksheet, header_row: int) -> None:
    """Printed as people print a table: landscape, A4, every column on the page, the header on each."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _bytes(book: Workbook, as_of: date) -> bytes:
    book.properties.creator = CREATOR
    book.properties.lastModifiedBy = CREATOR
    book.properties.created = book.properties.modified = datetime(as_of.year, as_of.month, as_of.day)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:  # not book.save: it stamps "now"
        ExcelWriter(book, archive).save()
    return stamped(buffer.getvalue(), as_of)


# --- status as a workbook --------------------------------------------------------------------------


def status_workbook(report: StatusReport, repo: Repository, t: Catalogue) -> bytes:
    """The listed items, one a row (a header in the user's language, the id column ``Mã``/``ID``),
    frozen header and autofilter; then a sheet of the counts by state and the table by lead."""
    book = Workbook()
    items = book.active
    assert items is not None  # a new workbook has its sheet
    items.title = t.get("xlsx.sheet.items")
    _header(items, 1, [t.get(f"status.csv.{name}") for name in ITEM_FIELDS])
    day_format = DAY_FORMAT[t.lang]
    for row, item in enumerate(report.listing, start=2):
        for column, value in enumerate(_item_row(item, repo, t), start=1):
            cell = _put(items, row, column, value)
            if isinstance(value, date):
                cell.number_format = day_format
    items.freeze_panes = "A2"
    items.auto_filter.ref = f"A1:{get_column_letter(len(ITEM_FIELDS))}{max(len(report.listing) + 1, 2)}"
    _fit(items)
    _print_setup(items, 1)
    _summary(book.create_sheet(t.get("xlsx.sheet.summary")), report, repo, t)
    return _bytes(book, report.as_of)


def _item_row(item: Item, repo: Repository, t: Catalogue) -> list[Any]:
    header = repo.headers.get(item.directive) if item.directive else None
    yes_no = {True: t.get("xlsx.yes"), False: ""}
    return [
        item.id,
        item.title,
        t.get(f"kind.{item.kind}"),
        header.number if header else (item.directive or ""),
        repo.name_of(item.lead),
        item.deadline or "",
        item.due,
        t.get(f"state.{item.state.value}"),
        yes_no[item.due_soon],
        item.days_overdue,
        item.done_on,
        item.done_by,
        yes_no[item.indicative],
        item.source or "",
    ]


TALLY_COLUMNS = (
    ("status.col.total", None),
    ("status.col.on_time", "done_on_time"),
    ("status.col.late", "done_late"),
    ("status.col.undated", "done_undated"),
    ("status.col.in_progress", "in_progress"),
    ("status.col.overdue", "overdue"),
)


def _summary(sheet: Worksheet, report: StatusReport, repo: Repository, t: Catalogue) -> None:
    _put(sheet, 1, 1, t.get("status.title", day=t.day(report.as_of))).font = BOLD
    _header(sheet, 3, [t.get("status.col.state"), t.get("status.col.count")])
    row = 4
    for state in STATES:
        _put(sheet, row, 1, t.get(f"state.{state.value}"))
        _put(sheet, row, 2, report.tally.counts[state])
        row += 1
    for key, rate in (
        ("status.col.rate_due", report.tally.rates.due),
        ("status.col.rate_all", report.tally.rates.all),
    ):
        _put(sheet, row, 1, t.get(key)).font = BOLD
        _put(sheet, row, 2, rate).number_format = PERCENT
        row += 1
    row += 1
    names = [t.get("status.col.lead"), *(t.get(key) for key, _ in TALLY_COLUMNS)]
    names += [t.get("status.col.rate_due"), t.get("status.col.rate_all"), t.get("status.col.unknown")]
    _header(sheet, row, names)
    for summary in report.by_lead:
        row += 1
        _lead_row(sheet, row, repo.name_of(summary.lead), summary.tally)
    _fit(sheet, 3)
    _print_setup(sheet, 3)


def _lead_row(sheet: Worksheet, row: int, name: str, tally: Tally) -> None:
    values: list[Any] = [name]
    values += [tally.total if state is None else tally.counts[_state(state)] for _, state in TALLY_COLUMNS]
    values += [tally.rates.due, tally.rates.all, tally.unknown]
    for column, value in enumerate(values, start=1):
        cell = _put(sheet, row, column, value)
        if column in (len(values) - 2, len(values) - 1):
            cell.number_format = PERCENT


def _state(value: str) -> Any:
    return next(state for state in STATES if state.value == value)


# --- the answer form -------------------------------------------------------------------------------

GIVEN = ("id", "title", "directive", "deadline", "state")
TO_FILL = ("status", "done_on", "result", "obstacle", "note")
STATUS_WORDS = ("done", "in_progress")
# characters; "directive" holds a trích yếu when the document has no number, so it is not a narrow column
FORM_WIDTHS = {"id": 30, "title": 50, "directive": 30, "deadline": 20, "state": 20}
FORM_WIDTHS |= {"status": 18, "done_on": 14, "result": 28, "obstacle": 36, "note": 36}


@dataclass(frozen=True)
class FormLine:
    """One item the form asks about: what the given columns show."""

    ident: str
    title: str
    directive: str
    deadline: str
    state: str


def form_workbook(
    org_name: str, as_of: date, reply_by: date, lines: Sequence[FormLine], identity: str, t: Catalogue
) -> bytes:
    """The form an agency fills in: its name and the date at the top, a header row, one row per
    item. The given columns are locked (the sheet is protected without a password), the columns to
    fill are not; ``Tình trạng`` offers its two answers in a drop-down; ``identity`` names the
    repository the form belongs to, so that ``receive`` refuses a form of another one."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = FORM_SHEET[t.lang]
    _put(sheet, 1, 1, org_name).font = Font(bold=True, size=13)
    _put(sheet, 2, 1, t.get("form.as_of", day=t.written_day(as_of), reply_by=t.written_day(reply_by)))
    _put(sheet, 3, 1, t.get("form.how"))
    _header(sheet, FORM_HEADER_ROW, [t.get(f"form.col.{name}") for name in (*GIVEN, *TO_FILL)])
    sheet.row_dimensions[FORM_HEADER_ROW].height = LINE_HEIGHT * 2
    day_format = DAY_FORMAT[t.lang]
    last = FORM_HEADER_ROW + len(lines)
    for row, line in enumerate(lines, start=FORM_HEADER_ROW + 1):
        given = (line.ident, line.title, line.directive, line.deadline, line.state)
        for column, value in enumerate(given, 1):
            _put(sheet, row, column, value).alignment = WRAP
        high = max(_lines(value, FORM_WIDTHS[name] - 2) for name, value in zip(GIVEN, given, strict=True))
        sheet.row_dimensions[row].height = LINE_HEIGHT * max(high, 2)  # room to write an answer
        for column in range(len(GIVEN) + 1, len(GIVEN) + len(TO_FILL) + 1):
            cell = sheet.cell(row=row, column=column)
            cell.protection = Protection(locked=False)
            cell.alignment = WRAP
            cell.fill = TO_FILL_COLOUR
            if TO_FILL[column - len(GIVEN) - 1] == "done_on":
                cell.number_format = day_format
    for cells in sheet.iter_rows(min_row=FORM_HEADER_ROW, max_row=last, max_col=len(GIVEN) + len(TO_FILL)):
        for cell in cells:
            cell.border = GRID
    status_column = get_column_letter(len(GIVEN) + 1)
    choices = ",".join(t.get(f"form.status.{word}") for word in STATUS_WORDS)
    check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    check.error, check.errorTitle = t.get("form.status.error"), t.get("form.col.status")
    check.add(f"{status_column}{FORM_HEADER_ROW + 1}:{status_column}{max(last, FORM_HEADER_ROW + 1)}")
    sheet.add_data_validation(check)
    sheet.freeze_panes = f"A{FORM_HEADER_ROW + 1}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # a clerk may widen a column
    sheet.protection.formatRows = False
    for column, name in enumerate((*GIVEN, *TO_FILL), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = FORM_WIDTHS[name]
    _print_setup(sheet, FORM_HEADER_ROW)
    book.properties.identifier = identity
    book.properties.title = t.get("form.title")
    return _bytes(book, as_of)


# --- reading a filled form -------------------------------------------------------------------------


class FormError(Exception):
    """A file that is not a form dothi can read: the message says why."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.key)
        self.text = text


@dataclass(frozen=True)
class Answer:
    """One row of a filled form: its cells by column name (value and coordinate)."""

    row: int
    cells: dict[str, tuple[Any, str]] = field(default_factory=dict)

    def value(self, name: str) -> Any:
        return self.cells.get(name, (None, ""))[0]

    def where(self, name: str) -> str:
        return self.cells.get(name, (None, ""))[1]


@dataclass(frozen=True)
class Form:
    """A filled form as read back: its sheet, the repository it was made for, and each row's answer."""

    sheet: str
    identity: str | None
    answers: tuple[Answer, ...]


def header_names(catalogues: Iterable[Catalogue]) -> dict[str, str]:
    """Each column's header, folded, in every language, to the column's name."""
    return {fold(t.get(f"form.col.{name}")): name for t in catalogues for name in (*GIVEN, *TO_FILL)}


def read_form(raw: bytes, catalogues: Sequence[Catalogue]) -> Form:
    """The first sheet's answers, its columns found by their headers in either language. Values
    are read as stored (a formula as its text): nothing is evaluated."""
    if len(raw) > MAX_FORM_BYTES:
        raise FormError(Text.of("receive.error.too_big", megabytes=MAX_FORM_BYTES // (1024 * 1024)))
    if _unpacked_size(raw) > MAX_UNPACKED_BYTES:  # a few kB that unpack to gigabytes
        raise FormError(Text.of("receive.error.too_big", megabytes=MAX_UNPACKED_BYTES // (1024 * 1024)))
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError, AttributeError):
        raise FormError(Text.of("receive.error.damaged")) from None
    except Exception:  # a damaged file can make a parser fail in any way: it is still a damaged file
        raise FormError(Text.of("receive.error.damaged")) from None
    try:
        return _read_sheet(book, catalogues)
    finally:
        book.close()


def _unpacked_size(raw: bytes) -> int:
    """What the workbook's parts take once unpacked, as its directory says (0: not a zip at all,
    which loading then reports as damaged)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0


def _read_sheet(book: Any, catalogues: Sequence[Catalogue]) -> Form:
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise FormError(Text.of("receive.error.no_header"))
    known = header_names(catalogues)
    columns: dict[int, str] = {}
    answers: list[Answer] = []
    for number, row in enumerate(sheet.iter_rows(max_row=MAX_FORM_ROWS), start=1):
        if not columns:
            if number > HEADER_SEARCH:
                break
            found = {
                index: known.get(fold(str(c.value))) for index, c in enumerate(row) if c.value is not None
            }
            if "id" in found.values() and len({n for n in found.values() if n}) > 1:  # not a lone "Mã"
                columns = {index: name for index, name in found.items() if name is not None}
            continue
        cells = {
            columns[index]: (cell.value, f"{get_column_letter(index + 1)}{number}")
            for index, cell in enumerate(row)
            if index in columns
        }
        answers.append(Answer(number, cells))
    if not columns:
        raise FormError(Text.of("receive.error.no_header"))
    identity = book.properties.identifier if book.properties is not None else None
    return Form(str(sheet.title), identity or None, tuple(answers))
