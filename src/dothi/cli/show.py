"""``dothi show ID`` and ``dothi members``."""

from __future__ import annotations

from typing import Annotated

import typer

from dothi.cli.context import session

AS_OF_HELP = "Date (15/8/2025 or 2025-08-15); default today in Vietnam."


def show_command(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A task, assignment (TASK@org), milestone, directive, locality, organization or member id.",
        ),
    ],
    as_of: Annotated[str | None, typer.Option("--as-of", help=AS_OF_HELP)] = None,
) -> None:
    """Everything recorded about one id, its history and its computed state."""
    from dothi.render.show import entry_view, unknown_part
    from dothi.reports.show import Unknown, known_ids, show

    state = session(ctx)
    day = state.parse_day("--as-of", as_of)
    repo = state.repository()
    entry = show(repo, ident, day)
    if entry is None:
        state.unknown_id(ident, known_ids(repo), "anything")
    if isinstance(entry, Unknown):
        state.usage_error(unknown_part(entry, state.catalogue, day))
    state.out.print(entry_view(entry, repo, state.catalogue, day))


def members_command(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help=AS_OF_HELP)] = None,
) -> None:
    """The group's roster by role as of a date."""
    from dothi.render.show import roster_view
    from dothi.reports.roster import roster

    state = session(ctx)
    day = state.parse_day("--as-of", as_of)
    repo = state.repository()
    state.out.print(roster_view(roster(repo, day), repo, state.catalogue))


def register(app: typer.Typer) -> None:
    app.command("show")(show_command)
    app.command("members")(members_command)
