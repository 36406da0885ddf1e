"""How a status report goes out: its formats, how much of it a person sees, and its writers.

Apart from the Typer command (``cli/status``), which checks the options and builds the report,
so that a run answered without Typer (``cli/quick``) writes the same bytes through the same
code. A workbook (``--format xlsx``) is a file, written by the command itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dothi.cli.terminal import Terminal
    from dothi.data.names import Names
    from dothi.messages import Catalogue
    from dothi.reports.status import Filters, StatusReport

    Writer = Callable[[Terminal, Catalogue, StatusReport, Names, "Cut"], None]

# The formats a person reads (a loading bar, --limit and --quiet, the pager and the terminal's
# cut are for them); JSON and CSV go to a script.
FOR_PEOPLE = ("table", "md")
# Rows per item table on a terminal when no --limit, --no-limit or --all is given.
TERMINAL_LIMIT = 50


@dataclass(frozen=True)
class Cut:
    """How much of the report a person asked to see: ``limit`` rows per item table (None: all),
    or with ``quiet`` the counts and rates only; ``pager``: shown through the pager."""

    limit: int | None = None
    quiet: bool = False
    pager: bool = False  # through the pager (on a terminal, unless --no-pager)


def cut_of(output: str, limit: int | None, whole: bool, quiet: bool, no_pager: bool) -> Cut:
    """What a person sees of the listing. Tens of thousands of rows scroll past on a terminal, so
    there the item tables stop at TERMINAL_LIMIT rows unless the whole of them is asked for
    (--no-limit, or --all, which asks for every item), and go through a pager (as git does) unless
    --no-pager; a pipe, JSON and CSV get every row, and never a pager."""
    terminal = on_terminal()
    pager = output in FOR_PEOPLE and terminal and not no_pager
    if limit is not None:
        return Cut(limit, quiet, pager)
    cut_rows = output == "table" and not whole and terminal
    return Cut(TERMINAL_LIMIT if cut_rows else None, quiet, pager)


def filters_of(
    names: Names,
    leads: Sequence[str],
    states: Sequence[str],
    localities: Sequence[str],
    directives: Sequence[str],
    everything: bool,
) -> Filters:
    """What narrows the listing, as the options name it: leads and localities by id or by the
    name the tables print, directives by id, states by value (checked by the caller).
    :class:`~dothi.cli.units.UnknownUnit` for one that names nothing."""
    from dothi.cli.units import all_units, known_ids, units_named
    from dothi.reports.item import State
    from dothi.reports.status import Filters

    return Filters(
        leads=tuple(units_named("organization", leads, names, all_units(names))),
        states=tuple(State(state) for state in states),
        localities=tuple(units_named("locality", localities, names, list(names.localities))),
        directives=tuple(known_ids("directive", directives, list(names.directives))),
        everything=everything,
    )


def on_terminal() -> bool:
    return sys.stdout.isatty()


def _table(terminal: Terminal, t: Catalogue, report: StatusReport, names: Names, cut: Cut) -> None:
    """The report for people: into a pipe or a file without Rich, when nothing in it needs
    Rich's layout (importing Rich's console was a sixth of a warm run); else through Rich."""
    from dothi.render.status import StatusView

    view = StatusView(report, names, t, cut.limit, cut.quiet)
    width = None if cut.pager else terminal.plain_width()  # a pager is given Rich's terminal text
    if width is not None:
        from dothi.render.status_lines import Screen, print_plain, unstyled

        if print_plain(Screen(width, unstyled, sys.stdout.write), view):
            return
    from dothi.cli.pager import paged
    from dothi.render.status_rich import print_status

    with paged(terminal, cut.pager) as console:
        print_status(console, view)


def _json(terminal: Terminal, t: Catalogue, report: StatusReport, names: Names, cut: Cut) -> None:
    from dothi.render.status import as_json

    terminal.echo(as_json(report))


def _csv(terminal: Terminal, t: Catalogue, report: StatusReport, names: Names, cut: Cut) -> None:
    from dothi.render.status import as_csv

    terminal.echo(as_csv(report), nl=False)


def _csv_excel(terminal: Terminal, t: Catalogue, report: StatusReport, names: Names, cut: Cut) -> None:
    """The BOM and CRLF go out as bytes into a file: a text stream could turn CRLF into CRCRLF.
    Onto a terminal it goes as text, without control characters, like every other format."""
    from dothi.render.status import as_csv_excel

    text = as_csv_excel(report, t)
    if sys.stdout.isatty():
        terminal.echo(text, nl=False)
    else:
        terminal.echo_bytes(text.encode("utf-8"))


def _markdown(terminal: Terminal, t: Catalogue, report: StatusReport, names: Names, cut: Cut) -> None:
    from dothi.cli.pager import echo_paged
    from dothi.render.status import StatusView, as_markdown

    view = StatusView(report, names, t, cut.limit, cut.quiet)
    echo_paged(terminal, as_markdown(view), cut.pager)


# The writers of the formats a terminal or a pipe gets; the renderers are imported by the one that runs.
WRITERS: dict[str, Writer] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "csv-excel": _csv_excel,
    "md": _markdown,
}
# Every format: those, and a workbook, a file the command writes itself (--out).
FORMATS = (*WRITERS, "xlsx")


__all__ = ["FORMATS", "FOR_PEOPLE", "TERMINAL_LIMIT", "WRITERS", "Cut", "cut_of", "filters_of", "on_terminal"]
