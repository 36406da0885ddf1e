"""``dothi status`` on a terminal, with Rich: kept apart so that JSON and CSV never import Rich.

The item tables, the table by lead and the counts are written line by line where they can be
(``render/status_lines.py``, which says why); what those writers leave to Rich (a text of wide
characters, a table wider than the terminal, a terminal too narrow for the stream) is laid out
here, and the ``Table``s here stay the oracle the writers are held to
(``tests/test_status_stream.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text as RichText

from dothi.render.status import StatusView
from dothi.render.status_lines import (
    STATE_STYLES,
    LeadLayout,
    Screen,
    group_line,
    in_two_lines,
    section_of,
    span_of,
    write_section,
)
from dothi.reports.item import Item


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


class LeadTable(LeadLayout):
    """The table by lead (see :class:`LeadLayout`), laid out by Rich where its lines cannot be
    written directly."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield RichText(self.title, style="bold")
        for columns in self._parts(options.max_width):
            yield from self._grouped(columns)[1]

    def _grouped(self, columns: list[int]) -> tuple[int, list[RenderableType]]:
        """The columns ``columns`` laid out under their groups, and how wide that is."""
        headers, rows, groups, widths = self._layout(columns)
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        for index, (header, width) in enumerate(zip(headers, widths, strict=True)):
            table.add_column(in_two_lines(header, width), justify="right" if index else "left", width=width)
        for cells in rows:
            table.add_row(*cells)
        line = RichText(group_line(widths, groups), style="bold")
        shown: list[RenderableType] = [line, Padding(table, (0, 0, 0, 1)), RichText("")]  # padding: the edge
        return span_of(widths), shown


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


def print_status(console: Console, view: StatusView) -> None:
    """The status report onto ``console``: what :func:`as_rich` shows, with the item tables and
    the table by lead written line by line (see ``render/status_lines.py``)."""
    if view.quiet:
        console.print(as_rich(view))
        return
    screen = Screen(console.width, _Styles(console), console.file.write)
    notice = view.notice()
    parts: list[RenderableType] = [RichText(notice, style="italic")] if notice else []
    parts.append(RichText(view.title(), style="bold"))
    parts += [_counts(view), *(RichText(line) for line in view.rates_lines()), RichText("")]
    by_lead = LeadTable(view)
    lines = by_lead.lines(screen.width, screen.styled)
    console.print(Group(*parts, *([] if lines is not None else [by_lead])))
    if lines is not None:
        screen.write("\n".join(lines) + "\n")
    for title, headers, items, row in view.sections():
        section = section_of(screen.width, title, headers, items, row, view) if items else None
        if section is None:
            console.print(_item_table(title, headers, items, row, view))
        else:
            write_section(screen, section)
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
