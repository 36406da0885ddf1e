"""``dothi show ID`` and ``dothi members``."""

from __future__ import annotations

from typing import Annotated

import typer

from dothi.cli.context import Session


def show_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
) -> None:
    """Everything recorded about one id, its history and its computed session."""
    from dothi.render.show import entry_view, unknown_part
    from dothi.reports.show import Unknown, known_ids, show

    session = Session.of(ctx)
    day = session.parse_day("--as-of", as_of)
    repo = session.repository()
    entry = session.build(show, repo, ident, day)
    if entry is None:
        session.unknown_id(ident, known_ids(repo), "anything")
    if isinstance(entry, Unknown):
        session.usage_error(unknown_part(entry, session.catalogue, day))
    session.out.print(entry_view(entry, repo, session.catalogue, day))


def members_command(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
) -> None:
    """The group's roster by role as of a date."""
    from dothi.render.show import roster_view
    from dothi.reports.roster import roster

    session = Session.of(ctx)
    day = session.parse_day("--as-of", as_of)
    repo = session.repository()
    session.out.print(roster_view(session.build(roster, repo, day), repo, session.catalogue))


def register(app: typer.Typer) -> None:
    app.command("show")(show_command)
    app.command("members")(members_command)
