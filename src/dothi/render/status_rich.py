"""``dothi status`` on a terminal, with Rich: kept apart so that JSON and CSV never import Rich."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from dothi.render.status import StatusView
from dothi.reports.states import Item, State

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
    counts = Table(box=box.SIMPLE_HEAD, title=view.counts_title(), title_justify="left")
    for header in (
        view.t.get("status.col.state"),
        view.t.get("status.col.count"),
        view.t.get("status.col.share"),
    ):
        counts.add_column(header, justify="left" if header == view.t.get("status.col.state") else "right")
    for state, *cells in view.count_rows():
        counts.add_row(*cells, style=STATE_STYLES[state] if state else "bold")
    parts += [counts, *(RichText(line) for line in view.rates_lines())]
    note = view.filtered_note()
    if view.quiet:
        return Group(*parts, *([RichText(note, style="dim")] if note else []))
    parts.append(RichText(""))
    leads = _table(view.by_lead_title(), view.lead_headers(), view.lead_rows(), numeric_from=1)
    parts.append(leads)
    for title, headers, items, row in view.sections():
        parts.append(_item_table(title, headers, items, row, view))
    if note:
        parts.append(RichText(note, style="dim"))
    return Group(*parts)


def _table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int) -> Table:
    """Numbers and words are never cut: a numeric column is as wide as its widest value and its
    header's longest word, and its header wraps between words."""
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold")
    for index, header in enumerate(headers):
        numeric = index >= numeric_from
        widest = max([len(word) for word in header.split()] + [len(cells[index]) for cells in rows])
        table.add_column(
            header,
            justify="right" if numeric else "left",
            no_wrap=not numeric,
            min_width=widest if numeric else None,
        )
    for cells in rows:
        table.add_row(*cells)
    return table


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
