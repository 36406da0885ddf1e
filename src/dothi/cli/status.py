"""``dothi status``: what is overdue, what is due soon, who is behind — as of any date."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import typer

from dothi.cli.context import Session
from dothi.defaults import DEFAULT_SOON

if TYPE_CHECKING:
    from dothi.data.repository import Repository

FORMATS = ("table", "json", "csv", "md")


def status(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date (15/8/2025 or 2025-08-15); default today.")
    ] = None,
    soon: Annotated[str, typer.Option("--soon", help="Days ahead that count as due soon.")] = str(
        DEFAULT_SOON
    ),
    lead: Annotated[
        list[str] | None, typer.Option("--lead", help="Only items of this lead (repeatable).")
    ] = None,
    state: Annotated[
        list[str] | None, typer.Option("--state", help="Only items in this state (repeatable).")
    ] = None,
    locality: Annotated[
        list[str] | None, typer.Option("--locality", help="Only items of this locality.")
    ] = None,
    directive: Annotated[
        list[str] | None, typer.Option("--directive", help="Only items of this directive.")
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="List every item.")] = False,
    output: Annotated[str, typer.Option("--format", help="table, json, csv or md.")] = "table",
) -> None:
    """Counts by state, both completion rates, per lead, then the overdue and due-soon items."""
    from dothi.render.status import StatusView, as_csv, as_json, as_markdown
    from dothi.reports.states import State
    from dothi.reports.status import Filters, status_report

    session = Session.of(ctx)
    session.check_choice("--format", output, FORMATS)
    day = session.parse_day("--as-of", as_of)
    days = session.parse_count("--soon", soon)
    repo = session.repository(progress=output in ("table", "md"))
    filters = Filters(
        leads=tuple(session.known_ids("organization", lead or [], _organizations(repo))),
        states=tuple(State(s) for s in _states(session, state or [])),
        localities=tuple(session.known_ids("locality", locality or [], list(repo.localities))),
        directives=tuple(session.known_ids("directive", directive or [], list(repo.directives))),
        everything=everything,
    )
    report = status_report(repo, day, days, filters)
    if output == "json":
        session.echo(as_json(report))
    elif output == "csv":
        session.echo(as_csv(report), nl=False)
    else:
        view = StatusView(report, repo, session.catalogue)
        if output == "md":
            session.echo(as_markdown(view), nl=False)
        else:
            from dothi.render.status_rich import as_rich

            session.out.print(as_rich(view))


def _organizations(repo: Repository) -> list[str]:
    return [*repo.organizations, *repo.localities]


def _states(session: Session, chosen: Iterable[str]) -> list[str]:
    from dothi.reports.states import STATES

    allowed = [s.value for s in STATES]
    for value in chosen:
        session.check_choice("--state", value, allowed)
    return list(chosen)


def register(app: typer.Typer) -> None:
    app.command("status")(status)
