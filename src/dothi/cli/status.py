"""``dothi status``: what is overdue, what is due soon, who is behind — as of any date."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dothi.cli.context import Session, one_of
from dothi.cli.units import all_units, named_units
from dothi.defaults import DEFAULT_SOON
from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.data.repository import Repository
    from dothi.reports.status import StatusReport

    Writer = Callable[[Session, StatusReport, Repository, "Cut"], None]

# A workbook carries no first-line marker: no text file is taken for one dothi wrote (see output.is_ours).
NOT_TEXT = "\x00"
# Rows per item table on a terminal when no --limit, --no-limit or --all is given.
TERMINAL_LIMIT = 50


@dataclass(frozen=True)
class Cut:
    """How much of the report a person asked to see: ``limit`` rows per item table (None: all),
    or with ``quiet`` the counts and rates only; ``pager``: shown through the pager."""

    limit: int | None = None
    quiet: bool = False
    pager: bool = False  # through the pager (on a terminal, unless --no-pager)
    out: Path | None = None  # where a binary format (xlsx) is written


def _table(session: Session, report: StatusReport, repo: Repository, cut: Cut) -> None:
    from dothi.cli.pager import paged
    from dothi.render.status import StatusView
    from dothi.render.status_rich import print_status

    with paged(session, cut.pager) as console:
        print_status(console, StatusView(report, repo.names, session.catalogue, cut.limit, cut.quiet))


def _json(session: Session, report: StatusReport, repo: Repository, cut: Cut) -> None:
    from dothi.render.status import as_json

    session.echo(as_json(report))


def _csv(session: Session, report: StatusReport, repo: Repository, cut: Cut) -> None:
    from dothi.render.status import as_csv

    session.echo(as_csv(report), nl=False)


def _csv_excel(session: Session, report: StatusReport, repo: Repository, cut: Cut) -> None:
    """The BOM and CRLF go out as bytes into a file: a text stream could turn CRLF into CRCRLF.
    Onto a terminal it goes as text, without control characters, like every other format."""
    from dothi.render.status import as_csv_excel

    text = as_csv_excel(report, session.catalogue)
    if sys.stdout.isatty():
        session.echo(text, nl=False)
    else:
        session.terminal.echo_bytes(text.encode("utf-8"))


def _markdown(session: Session, report: StatusReport, repo: Repository, cut: Cut) -> None:
    from dothi.cli.pager import echo_paged
    from dothi.render.status import StatusView, as_markdown

    view = StatusView(report, repo.names, session.catalogue, cut.limit, cut.quiet)
    echo_paged(session, as_markdown(view), cut.pager)


def _xlsx(session: Session, report: StatusReport, repo: Repository, cut: Cut) -> None:
    """A workbook is a file, never bytes on a terminal: ``status`` asks for --out first."""
    from dothi.output import check_file, write_files
    from dothi.render.xlsx import status_workbook

    out = cut.out
    assert out is not None  # status() refuses xlsx without --out
    book = status_workbook(report, repo, session.catalogue)

    def check_and_write() -> None:
        check_file(out, NOT_TEXT, book, False, "status.error.not_ours")
        write_files({out: book})

    session.check_output(check_and_write)
    session.err.print(session.t("status.written", path=str(out)), markup=False)


# Each format and what writes it; the renderers are imported by the one that runs.
WRITERS: dict[str, Writer] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "csv-excel": _csv_excel,
    "md": _markdown,
    "xlsx": _xlsx,
}
FORMATS = tuple(WRITERS)
# Read by a person: a loading bar may show on a terminal. JSON and CSV go to a script.
FOR_PEOPLE = ("table", "md")


def status(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    soon: Annotated[str, typer.Option("--soon")] = str(DEFAULT_SOON),
    lead: Annotated[list[str] | None, typer.Option("--lead")] = None,
    state: Annotated[list[str] | None, typer.Option("--state")] = None,
    locality: Annotated[list[str] | None, typer.Option("--locality")] = None,
    directive: Annotated[list[str] | None, typer.Option("--directive")] = None,
    everything: Annotated[bool, typer.Option("--all")] = False,
    output: Annotated[str, typer.Option("--format", help=one_of(FORMATS))] = "table",
    limit: Annotated[str | None, typer.Option("--limit")] = None,
    no_limit: Annotated[bool, typer.Option("--no-limit")] = False,
    quiet: Annotated[bool, typer.Option("--quiet")] = False,
    out: Annotated[Path | None, typer.Option("--out")] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager")] = False,
) -> None:
    """Counts by state, both completion rates, per lead, then the overdue and due-soon items."""
    from dothi.reports.item import State
    from dothi.reports.status import Filters, status_report

    session = Session.of(ctx)
    session.check_choice("--format", output, FORMATS)
    day = session.parse_day("--as-of", as_of)
    days = session.parse_count("--soon", soon)
    if limit is not None and no_limit:
        session.usage_error(Text.of("status.error.limit_twice"))
    if (output == "xlsx") != (out is not None):
        session.usage_error(
            Text.of("status.error.xlsx_needs_out" if out is None else "status.error.out_format")
        )
    cut = _cut(session, output, limit, no_limit or everything, quiet, no_pager)
    cut = Cut(cut.limit, cut.quiet, cut.pager, out)
    repo = session.repository(progress=output in FOR_PEOPLE)
    filters = Filters(
        leads=tuple(named_units(session, "organization", lead or [], repo, all_units(repo))),
        states=tuple(State(s) for s in _states(session, state or [])),
        localities=tuple(named_units(session, "locality", locality or [], repo, list(repo.localities))),
        directives=tuple(session.known_ids("directive", directive or [], list(repo.directives))),
        everything=everything,
    )
    report = session.build(status_report, repo, day, days, filters)
    session.build(WRITERS[output], session, report, repo, cut)  # thousands of rows: paused too


def _cut(
    session: Session, output: str, limit: str | None, whole: bool, quiet: bool, no_pager: bool = False
) -> Cut:
    """What a person sees of the listing. Tens of thousands of rows scroll past on a terminal, so
    there the item tables stop at TERMINAL_LIMIT rows unless the whole of them is asked for
    (--no-limit, or --all, which asks for every item), and go through a pager (as git does) unless
    --no-pager; a pipe, JSON and CSV get every row, and never a pager."""
    for option, given in (("--limit", limit is not None), ("--quiet", quiet)):
        if given and output not in FOR_PEOPLE:
            session.usage_error(Text.of("status.error.limit_format", option=option))
    terminal = _on_terminal()
    pager = output in FOR_PEOPLE and terminal and not no_pager
    if limit is not None:
        return Cut(session.parse_count("--limit", limit), quiet, pager)
    cut_rows = output == "table" and not whole and terminal
    return Cut(TERMINAL_LIMIT if cut_rows else None, quiet, pager)


def _on_terminal() -> bool:
    return sys.stdout.isatty()


def _states(session: Session, chosen: Iterable[str]) -> list[str]:
    from dothi.reports.item import STATES

    allowed = [s.value for s in STATES]
    for value in chosen:
        session.check_choice("--state", value, allowed)
    return list(chosen)


def register(app: typer.Typer) -> None:
    app.command("status")(status)
