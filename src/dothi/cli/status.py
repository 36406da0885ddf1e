"""``dothi status``: what is overdue, what is due soon, who is behind — as of any date."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dothi.cli.context import Session, one_of
from dothi.cli.status_out import FOR_PEOPLE, FORMATS, WRITERS, cut_of, filters_of
from dothi.cli.units import UnknownUnit, unknown_unit
from dothi.defaults import DEFAULT_SOON
from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.data.repository import Repository
    from dothi.reports.status import StatusReport

# A workbook carries no first-line marker: no text file is taken for one dothi wrote (see output.is_ours).
NOT_TEXT = "\x00"


def _xlsx(session: Session, report: StatusReport, repo: Repository, out: Path) -> None:
    """A workbook is a file, never bytes on a terminal: ``status`` asks for --out first."""
    from dothi.output import check_file, write_files
    from dothi.render.xlsx import status_workbook

    book = status_workbook(report, repo, session.catalogue)

    def check_and_write() -> None:
        check_file(out, NOT_TEXT, book, False, "status.error.not_ours")
        write_files({out: book})

    session.check_output(check_and_write)
    session.err.print(session.t("status.written", path=str(out)), markup=False)


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
    from dothi.reports.status import status_report

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
    for option, given in (("--limit", limit is not None), ("--quiet", quiet)):
        if given and output not in FOR_PEOPLE:
            session.usage_error(Text.of("status.error.limit_format", option=option))
    rows = session.parse_count("--limit", limit) if limit is not None else None
    cut = cut_of(output, rows, no_limit or everything, quiet, no_pager)
    repo = session.repository(progress=output in FOR_PEOPLE)
    states = _states(session, state or [])
    try:
        filters = filters_of(repo.names, lead or [], states, locality or [], directive or [], everything)
    except UnknownUnit as error:
        unknown_unit(session, error)
    report = session.build(status_report, repo, day, days, filters)
    if out is not None:
        session.build(_xlsx, session, report, repo, out)
    else:  # thousands of rows: paused too
        session.build(WRITERS[output], session.terminal, session.catalogue, report, repo.names, cut)


def _states(session: Session, chosen: Iterable[str]) -> list[str]:
    from dothi.reports.item import STATES

    allowed = [s.value for s in STATES]
    for value in chosen:
        session.check_choice("--state", value, allowed)
    return list(chosen)


def register(app: typer.Typer) -> None:
    app.command("status")(status)
