"""``dothi status`` on a terminal, with Rich: kept apart so that JSON and CSV never import Rich.

The counts and the table by lead are small and go through Rich's ``Table``. The item tables can
hold tens of thousands of rows, and a ``Table`` measures and lays out every cell of every row
through several layers of objects (at 13,000 rows, eight seconds of a nine-second run), so
:func:`print_status` streams them: the number column is measured once from the data, the item
column takes the rest of the width, and a line is wrapped only when it is wider than that, with
Rich's own word-wrapping rule, so that the text is the same as the ``Table`` would print
(``tests/test_status_stream.py`` holds it to that).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich import box
from rich._wrap import divide_line
from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text as RichText

from dothi.render.controls import for_terminal
from dothi.render.status import StatusView
from dothi.reports.item import Item, State

STATE_STYLES = {
    State.OVERDUE: "bold red",
    State.DONE_LATE: "yellow",
    State.DONE_ON_TIME: "green",
    State.DONE_UNDATED: "green",
    State.IN_PROGRESS: "",
    State.ONGOING: "",
    State.NO_DEADLINE: "",
    State.CANCELLED: "dim",
    State.UNKNOWN: "italic",
}


def as_rich(view: StatusView) -> RenderableType:
    notice = view.notice()
    parts: list[RenderableType] = [RichText(notice, style="italic")] if notice else []
    parts.append(RichText(view.title(), style="bold"))
    parts += [_counts(view), *(RichText(line) for line in view.rates_lines())]
    note = view.filtered_note()
    if view.quiet:
        return Group(*parts, *([RichText(note, style="dim")] if note else []))
    parts.append(RichText(""))
    parts.append(LeadTable(view))
    for title, headers, items, row in view.sections():
        parts.append(_item_table(title, headers, items, row, view))
    if note:
        parts.append(RichText(note, style="dim"))
    return Group(*parts)


class LeadTable:
    """The table by lead. On a terminal wide enough for it (100 columns, as a rule), each state
    column has a short header under the group its label opens with, a rule that spans the group:

    ``──── Đã hoàn thành ────   ─ Chưa hoàn thành ─``
    ``Đúng hạn  Quá hạn  Chưa rõ ngày   Trong hạn  Quá hạn``

    so that finished and unfinished items, late and overdue, never read alike. Narrower (80
    columns), it is printed in two parts laid out the same way, the counts, then the rates, each
    led by the lead's column; narrower still, in as many parts as it takes, a group never split.
    (It once fell back to one table of the full labels, wrapped: at 60 columns that was 90 wide,
    and narrower Rich dropped whole columns from it.)"""

    def __init__(self, view: StatusView) -> None:
        self.title = view.by_lead_title()
        self.short = view.lead_short_headers()
        self.groups = view.lead_groups()
        self.rows = view.lead_rows()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield RichText(self.title, style="bold")
        for columns in self._parts(options.max_width):
            yield from self._grouped(columns)[1]

    def _parts(self, width: int) -> list[list[int]]:
        """The columns in as few parts as fit ``width``, each led by the lead's column: the
        others in order, a group's columns never apart (at 80 columns: the counts, then the
        rates; on a phone-sized terminal, more parts)."""
        grouped = {column for _, first, last in self.groups for column in range(first, last + 1)}
        units = [list(range(first, last + 1)) for _, first, last in self.groups]
        units += [[column] for column in range(1, len(self.short)) if column not in grouped]
        units.sort()
        parts, part = [], [0]
        for unit in units:
            if len(part) > 1 and _span(self._layout([*part, *unit])[3]) > width:
                parts.append(part)
                part = [0]
            part = [*part, *unit]
        return [*parts, part]

    def lines(self, width: int, styled: _Styles) -> list[str] | None:
        """The table as :meth:`__rich_console__` lays it out on a console ``width`` wide, written
        line by line (Rich's layout of its 60 rows took 0.05 s, half the printing of a listing of
        2,864 overdue items); None when a part does not fit or a text is not of one-cell
        characters, which Rich then lays out."""
        texts = [self.title, *self.short, *(cell for cells in self.rows for cell in cells)]
        if not all(_NARROW.fullmatch(text) for text in texts):
            return None
        out = [styled(self.title, "bold")]
        for columns in self._parts(width):
            part = self._part_lines(columns, width, styled)
            if part is None:
                return None
            out += part
        return out

    def _part_lines(self, columns: list[int], width: int, styled: _Styles) -> list[str] | None:
        headers, rows, groups, widths = self._layout(columns)
        span = _span(widths)
        if span > width:
            return None
        table, fill = span - 1, " " * (width - span)  # the table, after the blank of its edge

        def aligned(text: str, index: int) -> str:
            return text.ljust(widths[index]) if index == 0 else text.rjust(widths[index])

        header_lines = [
            _in_two_lines(header, widths[index]).split("\n") for index, header in enumerate(headers)
        ]
        height = max(len(found) for found in header_lines)
        out = [styled(_group_line(widths, groups), "bold")]
        for line in range(height):  # a header sits at the bottom of its row
            cells = []
            for index, found in enumerate(header_lines):
                blank = height - len(found)
                if line < blank:
                    cells.append(styled(" " * (widths[index] + 2), "bold"))
                else:
                    pad = styled(" ", "bold")
                    cells.append(pad + styled(aligned(found[line - blank], index), "bold") + pad)
            out.append(" " + " ".join(cells) + fill)
        out.append(" " + "─" * table + fill)
        out += [
            " " + " ".join(f" {aligned(cell, index)} " for index, cell in enumerate(cells)) + fill
            for cells in rows
        ]
        return [*out, ""]

    def _layout(
        self, columns: list[int]
    ) -> tuple[list[str], list[list[str]], list[tuple[str, int, int]], list[int]]:
        """The headers, rows, groups (by position) and widths of the columns ``columns``."""
        headers = [self.short[index] for index in columns]
        rows = [[cells[index] for index in columns] for cells in self.rows]
        groups = [
            (label, columns.index(first), columns.index(last))
            for label, first, last in self.groups
            if first in columns and last in columns
        ]
        return headers, rows, groups, _grouped_widths(headers, groups, rows)

    def _grouped(self, columns: list[int]) -> tuple[int, list[RenderableType]]:
        """The columns ``columns`` laid out under their groups, and how wide that is."""
        headers, rows, groups, widths = self._layout(columns)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        for index, (header, width) in enumerate(zip(headers, widths, strict=True)):
            table.add_column(_in_two_lines(header, width), justify="right" if index else "left", width=width)
        for cells in rows:
            table.add_row(*cells)
        line = RichText(_group_line(widths, groups), style="bold")
        shown: list[RenderableType] = [line, Padding(table, (0, 0, 0, 1)), RichText("")]  # padding: the edge
        return _span(widths), shown


def _splits(header: str) -> list[tuple[str, str]]:
    words = header.split()
    return [(" ".join(words[:cut]), " ".join(words[cut:])) for cut in range(1, len(words))]


def _in_two_lines(header: str, width: int) -> str:
    """``header`` as it fits ``width``: on one line, or broken where its two lines are most even
    (“Cơ quan / chủ trì”, not “Cơ quan chủ / trì” as wrapping would)."""
    if cell_len(header) <= width or not _splits(header):
        return header
    first, second = min(
        _splits(header), key=lambda pair: (max(cell_len(pair[0]), cell_len(pair[1])), -cell_len(pair[0]))
    )
    return f"{first}\n{second}"


def _fit(header: str, values: list[str]) -> int:
    """The narrowest width that holds every value and the header in at most two lines."""
    header_width = min(
        [cell_len(header)] + [max(cell_len(first), cell_len(second)) for first, second in _splits(header)]
    )
    return max([header_width] + [cell_len(value) for value in values])


def _span(widths: list[int]) -> int:
    """How wide columns of ``widths`` are laid out: each padded by a blank on either side, one
    blank between two, and the blank of the table's edge."""
    return sum(widths) + 3 * len(widths)


def _grouped_widths(
    headers: list[str], groups: list[tuple[str, int, int]], rows: list[list[str]]
) -> list[int]:
    """Each column's width; a group's columns are widened, the rightmost first, until its label
    fits over them with a dash and a space on either side."""
    widths = [_fit(header, [cells[index] for cells in rows]) for index, header in enumerate(headers)]
    for label, first, last in groups:
        span = sum(widths[first : last + 1]) + 3 * (last - first)
        for step in range(max(0, cell_len(label) + 4 - span)):
            widths[last - step % (last - first + 1)] += 1
    return widths


def _group_line(widths: list[int], groups: list[tuple[str, int, int]]) -> str:
    """The line above the headers: each group's label centred in a rule over its columns."""
    line = ""
    for label, first, last in groups:
        start = 2 + sum(width + 3 for width in widths[:first])
        span = sum(widths[first : last + 1]) + 3 * (last - first)
        rule = f" {label} "
        left = (span - cell_len(rule)) // 2
        line += " " * (start - cell_len(line)) + "─" * left + rule + "─" * (span - left - cell_len(rule))
    return line


def _item_table(
    title: str, headers: list[str], items: list[Item], row: Callable[[Item], list[str]], view: StatusView
) -> RenderableType:
    """Two columns that read at 80 characters: the number that matters, then the item in two lines."""
    if not items:
        return Group(RichText(title, style="bold"), RichText(view.t.get("status.none")), RichText(""))
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold", expand=True)
    table.add_column(headers[-1], justify="right", no_wrap=True)
    table.add_column(headers[0] + " — " + " · ".join(headers[1:-1]), ratio=1, overflow="fold")
    for item in view.shown(items):
        cells = row(item)
        text = RichText(item.title, style=STATE_STYLES[item.state])
        text.append("\n" + " · ".join([item.id, *cells[1:-1]]), style="dim")
        table.add_row(cells[-1], text)
    more = view.more(items)
    return Group(table, RichText(more, style="dim"), RichText("")) if more else table


# Below this width for the item column, the Table's own layout (which may shrink the number
# column too) is used instead of the stream.
NARROWEST = 12
# Lines handed to the stream's file at once.
CHUNK = 2000


def print_status(console: Console, view: StatusView) -> None:
    """The status report onto ``console``: what :func:`as_rich` shows, with the item tables
    streamed (see the module's docstring)."""
    if view.quiet:
        console.print(as_rich(view))
        return
    notice = view.notice()
    parts: list[RenderableType] = [RichText(notice, style="italic")] if notice else []
    parts.append(RichText(view.title(), style="bold"))
    parts += [_counts(view), *(RichText(line) for line in view.rates_lines()), RichText("")]
    by_lead = LeadTable(view)
    lines = by_lead.lines(console.width, _Styles(console))
    console.print(Group(*parts, *([] if lines is not None else [by_lead])))
    if lines is not None:
        console.file.write("\n".join(lines) + "\n")
    for title, headers, items, row in view.sections():
        if not items or not _stream_items(console, title, headers, items, row, view):
            console.print(_item_table(title, headers, items, row, view))
    note = view.filtered_note()
    if note:
        console.print(RichText(note, style="dim"))


def _counts(view: StatusView) -> Table:
    counts = Table(box=box.SIMPLE_HEAD, title=view.counts_title(), title_justify="left")
    for header in (
        view.t.get("status.col.state"),
        view.t.get("status.col.count"),
        view.t.get("status.col.share"),
    ):
        counts.add_column(header, justify="left" if header == view.t.get("status.col.state") else "right")
    for state, *cells in view.count_rows():
        counts.add_row(*cells, style=STATE_STYLES[state] if state else "bold")
    return counts


class _Styles:
    """The escape codes around a styled piece of text, worked out once per style for the console."""

    def __init__(self, console: Console) -> None:
        self.system = console._color_system  # None: no styles at all (a pipe, NO_COLOR …)
        self.no_color = console.no_color
        self.found: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str, style: str) -> str:
        if not style or self.system is None or not text:
            return text
        if style not in self.found:
            parsed = Style.parse(style)
            parsed = parsed.without_color if self.no_color else parsed
            before, _, after = parsed.render("\0", color_system=self.system).partition("\0")
            self.found[style] = (before, after)
        before, after = self.found[style]
        return before + text + after


def _expand_tabs(text: str, size: int = 8) -> str:
    """Tabs as Rich expands them: a space, then up to the next stop counted in cells."""
    out, position = [], 0
    *parts, rest = text.split("\t")
    for part in parts:
        position += cell_len(part) + 1
        spaces = (size - position % size) % size
        out.append(part + " " * (1 + spaces))
        position += spaces
    return "".join(out) + rest


# Characters one cell wide in Rich and on a terminal, each a grapheme of its own: ASCII, Latin
# letters with Vietnamese diacritics written precomposed (NFC, as the data is), and the common
# punctuation. A line made only of them is measured by its length (``tests/test_status_stream.py``
# checks every one against Rich), which is most of what a table of 13,000 rows costs otherwise.
NARROW_RANGES = ((" ", "~"), ("\u00a0", "\u024f"), ("\u1e00", "\u1eff"), ("\u2010", "\u2027"))
_NARROW = re.compile("[" + "".join(f"{re.escape(a)}-{re.escape(b)}" for a, b in NARROW_RANGES) + "]*")
_WORD = re.compile(r"\s*\S+\s*")  # Rich's word: the word with the blanks around it
_SOLID = re.compile(r"\S")
_BLANKS = (" ", "\u00a0")  # the only blanks among the narrow characters


def _cells(text: str) -> int:
    """How many cells ``text`` takes on a terminal, as Rich counts them."""
    return len(text) if _NARROW.fullmatch(text) else cell_len(text)


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` (one line) in lines of at most ``width`` cells, as Rich's ``fold`` wraps it."""
    return [line for line, _ in _wrapped_sized(text, width)]


def _wrapped_sized(text: str, width: int) -> list[tuple[str, int]]:
    """:func:`_wrapped`'s lines, each with its width in cells (measured once: the stream pads
    each to the column's width)."""
    text = _expand_tabs(text) if "\t" in text else text
    narrow = _NARROW.fullmatch(text) is not None
    size = len(text) if narrow else cell_len(text)
    if size <= width:
        return [(text, size)]
    if narrow:  # every piece is narrow too: its width is its length
        pieces = _pieces(text, _divide_narrow(text, width))
        return [(piece, len(piece)) for piece in (_trimmed(piece, width, len) for piece in pieces)]
    lines = []
    for piece in _pieces(text, divide_line(text, width, fold=True)):
        piece = _trimmed(piece, width, _cells)
        lines += chop_cells(piece, width) if _cells(piece) > width else [piece]
    return [(line, _cells(line)) for line in lines]


def _pieces(text: str, offsets: list[int]) -> list[str]:
    return [text[start:end] for start, end in zip([0, *offsets], [*offsets, len(text)], strict=True)]


def _trimmed(piece: str, width: int, cells: Callable[[str], int]) -> str:
    """Rich drops a line's trailing blanks first when it is too wide."""
    while cells(piece) > width and piece.endswith(" "):
        piece = piece[:-1]
    return piece


def _divide_narrow(text: str, width: int) -> list[int]:
    """Rich's ``divide_line(text, width, fold=True)`` for a line of one-cell characters, where a
    word's width is its length: the offsets at which the line breaks.

    Rich walks every word; here the words that fit are skipped at once. A word fits when its
    last character falls within the line, so a line starting at ``line`` runs up to the word
    holding the first character, blanks aside, at or past ``line + width``: the line breaks
    before that word, or folds it when it is longer than a line.
    """
    breaks: list[int] = []
    solid = _SOLID.search(text)
    if solid is None:
        return breaks
    first = solid.start()  # the first word starts at 0, with the blanks before it
    line = 0
    while (solid := _SOLID.search(text, line + width)) is not None:
        start = max(text.rfind(blank, 0, solid.start()) for blank in _BLANKS) + 1
        word = _WORD.match(text, 0 if start <= first else start)
        if word is None:  # pragma: no cover - a character not a blank starts a word
            break
        if len(word.group().rstrip()) > width:  # folded across lines of ``width`` characters
            cuts = range(word.start(), word.end(), width)
            breaks.extend(cut for cut in cuts if cut)
            line = cuts[-1]
        else:
            breaks.append(word.start())
            line = word.start()
    return breaks


def _stream_items(
    console: Console,
    title: str,
    headers: list[str],
    items: list[Item],
    row: Callable[[Item], list[str]],
    view: StatusView,
) -> bool:
    """One item table written line by line, as :func:`_item_table` lays it out (the number,
    then the title and the item's particulars); False when the terminal is too narrow for it."""
    shown = view.shown(items)
    rows = [(row(item), item) for item in shown]
    number_header = for_terminal(headers[-1])
    item_header = for_terminal(headers[0] + " — " + " · ".join(headers[1:-1]))
    numbers = [for_terminal(cells[-1]) for cells, _ in rows]
    first = max(_cells(text) for text in [number_header, *numbers])
    width = console.width
    second = width - first - 7  # the edges, the paddings and the divider of a SIMPLE_HEAD box
    if second < NARROWEST:
        return False
    styled = _Styles(console)
    blank = " " * width
    out = [styled(for_terminal(title), "bold"), blank]
    header_lines = _wrapped(item_header, second)
    for index, line in enumerate(header_lines):  # a header cell sits at the bottom of its row
        last = index == len(header_lines) - 1
        number = " " * (first - _cells(number_header)) + number_header if last else " " * first
        out.append(f"  {styled(number, 'bold')}   {styled(line, 'bold')}{' ' * (second - _cells(line))}  ")
    out.append(" " + "─" * (width - 2) + " ")
    for (cells, item), number in zip(rows, numbers, strict=True):
        left = " " * (first - _cells(number)) + number
        parts = [(item.title, STATE_STYLES[item.state]), (" · ".join([item.id, *cells[1:-1]]), "dim")]
        for text, style in parts:
            for written in text.split("\n"):
                # wrapped as the table wraps a cell, with its control characters (of no width),
                # which are dropped from each line as the table's console drops them
                for line, size in _wrapped_sized(written, second):
                    painted = styled(for_terminal(line), style)
                    out.append(f"  {left}   {painted}{' ' * (second - size)}  ")
                    left = " " * first
        if len(out) >= CHUNK:
            console.file.write("\n".join(out) + "\n")
            out = []
    out.append(blank)
    more = view.more(items)
    if more:
        out += [styled(for_terminal(more), "dim"), ""]
    console.file.write("\n".join(out) + "\n")
    return True
