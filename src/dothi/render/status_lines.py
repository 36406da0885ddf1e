"""``dothi status`` written line by line, as Rich lays it out, without importing Rich's console.

The item tables can hold tens of thousands of rows, and a Rich ``Table`` measures and lays out
every cell of every row through several layers of objects (at 13,000 rows, eight seconds of a
nine-second run), so they are streamed: the number column is measured once from the data, the
item column takes the rest of the width, and a line is wrapped only when it is wider than that,
with Rich's own word-wrapping rule. The table by lead and the counts are written the same way.
``render/status_rich.py`` prints them onto a Rich console, and lays out with Rich whatever these
writers leave to it; :func:`print_plain` writes the whole report into a pipe or a file (where no
style is written) without Rich at all, which was a sixth of a warm ``status`` at 10,000 items.
``tests/test_status_stream.py`` holds every writer to Rich's bytes.

Rich's measures (``rich.cells``, ``rich._wrap``) are imported only for a text that is not of
one-cell characters: Vietnamese written precomposed, as the data is, never needs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

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

Styled = Callable[[str, str], str]  # a text and a Rich style: the text with its escape codes


def unstyled(text: str, style: str) -> str:
    """Text as a console without styles writes it (into a pipe or a file)."""
    return text


@dataclass(frozen=True)
class Screen:
    """Where the report's lines go: how wide they are laid out, how a style is written, and the
    stream they are written to."""

    width: int
    styled: Styled
    write: Callable[[str], object]


# Characters one cell wide in Rich and on a terminal, each a grapheme of its own: ASCII, Latin
# letters with Vietnamese diacritics written precomposed (NFC, as the data is), the common
# punctuation, and the rule of a table. A line made only of them is measured by its length
# (``tests/test_status_stream.py`` checks every one against Rich), which is most of what a table
# of 13,000 rows costs otherwise.
NARROW_RANGES = (
    (" ", "~"),
    ("\u00a0", "\u024f"),
    ("\u1e00", "\u1eff"),
    ("\u2010", "\u2027"),
    ("\u2500", "\u2500"),  # the rule under a table's headers
)
_NARROW = re.compile("[" + "".join(f"{re.escape(a)}-{re.escape(b)}" for a, b in NARROW_RANGES) + "]*")
_WORD = re.compile(r"\s*\S+\s*")  # Rich's word: the word with the blanks around it
_SOLID = re.compile(r"\S")
_BLANKS = (" ", "\u00a0")  # the only blanks among the narrow characters


def narrow(text: str) -> bool:
    """Whether every line of ``text`` is of one-cell characters (no tab, no control character)."""
    return all(_NARROW.fullmatch(line) for line in text.split("\n"))


def _cells(text: str) -> int:
    """How many cells ``text`` takes on a terminal, as Rich counts them."""
    if _NARROW.fullmatch(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _expand_tabs(text: str, size: int = 8) -> str:
    """Tabs as Rich expands them: a space, then up to the next stop counted in cells."""
    out, position = [], 0
    *parts, rest = text.split("\t")
    for part in parts:
        position += _cells(part) + 1
        spaces = (size - position % size) % size
        out.append(part + " " * (1 + spaces))
        position += spaces
    return "".join(out) + rest


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` (one line) in lines of at most ``width`` cells, as Rich's ``fold`` wraps it."""
    return [line for line, _ in _wrapped_sized(text, width)]


def _wrapped_sized(text: str, width: int) -> list[tuple[str, int]]:
    """:func:`_wrapped`'s lines, each with its width in cells (measured once: the stream pads
    each to the column's width)."""
    text = _expand_tabs(text) if "\t" in text else text
    if _NARROW.fullmatch(text) is not None:
        return _narrow_lines(text, width)
    from rich._wrap import divide_line
    from rich.cells import cell_len, chop_cells

    if cell_len(text) <= width:
        return [(text, cell_len(text))]
    lines = []
    for piece in _pieces(text, divide_line(text, width, fold=True)):
        piece = _trimmed(piece, width, _cells)
        lines += chop_cells(piece, width) if _cells(piece) > width else [piece]
    return [(line, _cells(line)) for line in lines]


def _narrow_lines(text: str, width: int) -> list[tuple[str, int]]:
    """:func:`_wrapped_sized` for a line of one-cell characters, where a piece's width is its
    length: most of the listing's lines, written here without a call per piece."""
    if len(text) <= width:
        return [(text, len(text))]
    lines, start = [], 0
    for end in (*_divide_narrow(text, width), len(text)):
        piece, start = text[start:end], end
        size = len(piece)
        if size > width:  # Rich drops its trailing blanks, as many as it takes (_trimmed)
            size = max(len(piece.rstrip(" ")), width)
            piece = piece[:size]
        lines.append((piece, size))
    return lines


def _cell_lines(text: str, width: int) -> list[tuple[str, int]]:
    """A line of a cell as the table's console shows it: wrapped as the table wraps it, with
    its control characters (of no width) dropped from each line, each line with its width. A
    line of one-cell characters holds none."""
    if _NARROW.fullmatch(text) is not None:
        return _narrow_lines(text, width)
    return [(for_terminal(line), size) for line, size in _wrapped_sized(text, width)]


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
        at = solid.start()
        start = max(text.rfind(_BLANKS[0], 0, at), text.rfind(_BLANKS[1], 0, at)) + 1
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


class LeadLayout:
    """The table by lead, laid out. On a terminal wide enough for it (100 columns, as a rule),
    each state column has a short header under the group its label opens with, a rule that
    spans the group:

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
            if len(part) > 1 and span_of(self._layout([*part, *unit])[3]) > width:
                parts.append(part)
                part = [0]
            part = [*part, *unit]
        return [*parts, part]

    def lines(self, width: int, styled: Styled) -> list[str] | None:
        """The table as Rich lays it out on a console ``width`` wide (``status_rich.LeadTable``),
        written line by line (Rich's layout of its 60 rows took 0.05 s, half the printing of a
        listing of 2,864 overdue items); None when a part does not fit or a text is not of
        one-cell characters, which Rich then lays out."""
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

    def _part_lines(self, columns: list[int], width: int, styled: Styled) -> list[str] | None:
        headers, rows, groups, widths = self._layout(columns)
        span = span_of(widths)
        if span > width:
            return None
        table, fill = span - 1, " " * (width - span)  # the table, after the blank of its edge

        def aligned(text: str, index: int) -> str:
            return text.ljust(widths[index]) if index == 0 else text.rjust(widths[index])

        header_lines = [
            in_two_lines(header, widths[index]).split("\n") for index, header in enumerate(headers)
        ]
        height = max(len(found) for found in header_lines)
        out = [styled(group_line(widths, groups), "bold")]
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
        return headers, rows, groups, grouped_widths(headers, groups, rows)


def _splits(header: str) -> list[tuple[str, str]]:
    words = header.split()
    return [(" ".join(words[:cut]), " ".join(words[cut:])) for cut in range(1, len(words))]


def in_two_lines(header: str, width: int) -> str:
    """``header`` as it fits ``width``: on one line, or broken where its two lines are most even
    (“Cơ quan / chủ trì”, not “Cơ quan chủ / trì” as wrapping would)."""
    if _cells(header) <= width or not _splits(header):
        return header
    first, second = min(
        _splits(header), key=lambda pair: (max(_cells(pair[0]), _cells(pair[1])), -_cells(pair[0]))
    )
    return f"{first}\n{second}"


def _fit(header: str, values: list[str]) -> int:
    """The narrowest width that holds every value and the header in at most two lines."""
    header_width = min(
        [_cells(header)] + [max(_cells(first), _cells(second)) for first, second in _splits(header)]
    )
    return max([header_width] + [_cells(value) for value in values])


def span_of(widths: list[int]) -> int:
    """How wide columns of ``widths`` are laid out: each padded by a blank on either side, one
    blank between two, and the blank of the table's edge."""
    return sum(widths) + 3 * len(widths)


def grouped_widths(
    headers: list[str], groups: list[tuple[str, int, int]], rows: list[list[str]]
) -> list[int]:
    """Each column's width; a group's columns are widened, the rightmost first, until its label
    fits over them with a dash and a space on either side."""
    widths = [_fit(header, [cells[index] for cells in rows]) for index, header in enumerate(headers)]
    for label, first, last in groups:
        span = sum(widths[first : last + 1]) + 3 * (last - first)
        for step in range(max(0, _cells(label) + 4 - span)):
            widths[last - step % (last - first + 1)] += 1
    return widths


def group_line(widths: list[int], groups: list[tuple[str, int, int]]) -> str:
    """The line above the headers: each group's label centred in a rule over its columns."""
    line = ""
    for label, first, last in groups:
        start = 2 + sum(width + 3 for width in widths[:first])
        span = sum(widths[first : last + 1]) + 3 * (last - first)
        rule = f" {label} "
        left = (span - _cells(rule)) // 2
        line += " " * (start - _cells(line)) + "─" * left + rule + "─" * (span - left - _cells(rule))
    return line


# Below this width for the item column, the Table's own layout (which may shrink the number
# column too) is used instead of the stream.
NARROWEST = 12
# Lines handed to the stream's file at once.
CHUNK = 2000


@dataclass(frozen=True)
class Section:
    """One item table, measured: the number column is ``first`` cells wide, the item column
    ``second``; each row's cells with its item, and its number as printed."""

    title: str
    number_header: str
    item_header: str
    rows: list[tuple[list[str], Item]]
    numbers: list[str]
    first: int
    second: int
    more: str | None


def section_of(
    width: int,
    title: str,
    headers: list[str],
    items: list[Item],
    row: Callable[[Item], list[str]],
    view: StatusView,
) -> Section | None:
    """An item table laid out as ``status_rich._item_table`` lays it out (the number, then the
    title and the item's particulars) ``width`` wide; None when that is too narrow for it."""
    shown = view.shown(items)
    rows = [(row(item), item) for item in shown]
    number_header = for_terminal(headers[-1])
    item_header = for_terminal(headers[0] + " — " + " · ".join(headers[1:-1]))
    numbers = [for_terminal(cells[-1]) for cells, _ in rows]
    first = max(_cells(text) for text in [number_header, *numbers])
    second = width - first - 7  # the edges, the paddings and the divider of a SIMPLE_HEAD box
    if second < NARROWEST:
        return None
    return Section(title, number_header, item_header, rows, numbers, first, second, view.more(items))


def write_section(screen: Screen, section: Section) -> None:
    """The table, line by line, onto ``screen``, in chunks of :data:`CHUNK` lines."""
    styled, first, second = screen.styled, section.first, section.second
    blank, indent = " " * screen.width, " " * section.first
    out = [styled(for_terminal(section.title), "bold"), blank]
    header_lines = _wrapped(section.item_header, second)
    for index, line in enumerate(header_lines):  # a header cell sits at the bottom of its row
        last = index == len(header_lines) - 1
        header = section.number_header
        number = " " * (first - _cells(header)) + header if last else " " * first
        out.append(f"  {styled(number, 'bold')}   {styled(line, 'bold')}{' ' * (second - _cells(line))}  ")
    out.append(" " + "─" * (screen.width - 2) + " ")
    for (cells, item), number in zip(section.rows, section.numbers, strict=True):
        left = " " * (first - _cells(number)) + number
        parts = [(item.title, STATE_STYLES[item.state]), (" · ".join([item.id, *cells[1:-1]]), "dim")]
        for text, style in parts:
            for written in text.split("\n"):
                for line, size in _cell_lines(written, second):
                    out.append(f"  {left}   {styled(line, style)}{' ' * (second - size)}  ")
                    left = indent
        if len(out) >= CHUNK:
            screen.write("\n".join(out) + "\n")
            out = []
    out.append(blank)
    if section.more:
        out += [styled(for_terminal(section.more), "dim"), ""]
    screen.write("\n".join(out) + "\n")


def counts_lines(view: StatusView, width: int) -> list[str] | None:
    """The counts by state as ``status_rich._counts`` lays them out on a console ``width`` wide
    that writes no style (into a pipe or a file); None when Rich has to: a text not of one-cell
    characters, or a table wider than the console. (The title is not wrapped: dothi's consoles
    leave long lines to the terminal.)"""
    headers = [view.t.get("status.col.state"), view.t.get("status.col.count"), view.t.get("status.col.share")]
    rows = [cells for _, *cells in view.count_rows()]
    title = view.counts_title()
    if not all(
        _NARROW.fullmatch(text) for text in [title, *headers, *(cell for cells in rows for cell in cells)]
    ):
        return None
    widths = [
        max(len(text) for text in [header, *(cells[index] for cells in rows)])
        for index, header in enumerate(headers)
    ]
    span = span_of(widths) + 1  # and the blank of the right edge

    def line(cells: list[str]) -> str:
        aligned = [
            cell.ljust(widths[0]) if index == 0 else cell.rjust(widths[index])
            for index, cell in enumerate(cells)
        ]
        return " " + " ".join(f" {cell} " for cell in aligned) + " "

    if span > width:
        return None
    return [title, " " * span, line(headers), " " + "─" * (span - 2) + " ", *map(line, rows), " " * span]


def print_plain(screen: Screen, view: StatusView) -> bool:
    """The status report onto ``screen``, which writes no style, as ``status_rich.print_status``
    prints it; False, having written nothing, when a part of it needs Rich's layout."""
    notice, note = view.notice(), view.filtered_note()
    start, end, rates = [notice] if notice else [], [note] if note else [], view.rates_lines()
    counts = counts_lines(view, screen.width)
    if counts is None or not all(narrow(text) for text in [*start, view.title(), *rates, *end]):
        return False
    head = [*start, view.title(), *counts, *rates]
    if view.quiet:
        screen.write("\n".join([*head, *end]) + "\n")
        return True
    lead = LeadLayout(view).lines(screen.width, unstyled)
    sections = _plain_sections(view, screen.width)
    if lead is None or sections is None:
        return False
    screen.write("\n".join([*head, "", *lead]) + "\n")
    for section in sections:
        if isinstance(section, Section):
            write_section(screen, section)
        else:
            screen.write("\n".join(section) + "\n")
    screen.write("".join(line + "\n" for line in end))
    return True


def _plain_sections(view: StatusView, width: int) -> list[Section | list[str]] | None:
    """The item tables, each measured, or the lines of one that is empty; None when one needs
    Rich's layout (a terminal too narrow for the stream)."""
    sections: list[Section | list[str]] = []
    for title, headers, items, row in view.sections():
        none = view.t.get("status.none")
        section = section_of(width, title, headers, items, row, view) if items else None
        if section is not None:
            sections.append(section)
        elif not items and narrow(title) and narrow(none):
            sections.append([title, none, ""])
        else:
            return None
    return sections
