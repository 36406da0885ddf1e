"""``dothi request``: a letter urging each organization, and a form to answer it, per organization."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from dothi.cli.context import EXIT_DATA, EXIT_USAGE, Session
from dothi.defaults import DEFAULT_SOON
from dothi.layout import TEMPLATES_DIR
from dothi.problem import Text


def request(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out")],
    lead: Annotated[list[str] | None, typer.Option("--lead")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    soon: Annotated[str, typer.Option("--soon")] = str(DEFAULT_SOON),
    reply_by: Annotated[str | None, typer.Option("--reply-by")] = None,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """Write the urging letter (Word) and the answer form (Excel) of each organization that owes."""
    from dothi.cli.units import UnknownUnit, all_units, units_named, unknown_unit
    from dothi.output import check_file, check_folder, write_files
    from dothi.render.briefing import BriefingError, environment
    from dothi.render.outreach import request_files
    from dothi.render.sandbox import Limits
    from dothi.reports.outreach import outreach

    session = Session.of(ctx)
    day = session.parse_day("--as-of", as_of)
    days = session.parse_count("--soon", soon)
    answer_by = session.parse_day("--reply-by", reply_by) if reply_by else None
    if answer_by is not None and answer_by < day:
        session.usage_error(
            Text.of(
                "request.error.reply_before",
                reply_by=session.catalogue.day(answer_by),
                day=session.catalogue.day(day),
            )
        )
    session.check_output(lambda: check_folder(out))
    repo = session.repository()
    try:
        leads = units_named("organization", lead or [], repo.names, all_units(repo.names))
    except UnknownUnit as error:
        unknown_unit(session, error)
    asked = session.build(outreach, repo, day, days, leads, answer_by)
    if not asked.requests:
        session.err.print(session.t("request.none", day=session.catalogue.day(day), soon=days), markup=False)
        return
    env = environment(repo.root / TEMPLATES_DIR, session.catalogue, Limits(clock=time.monotonic))
    try:
        files = {
            out / name: content
            for name, content in request_files(env, asked, session.catalogue, repo).items()
        }
    except BriefingError as error:
        session.err.print(session.t("usage.error") + session.catalogue.text(error.text), markup=False)
        raise typer.Exit(EXIT_USAGE if error.usage else EXIT_DATA) from None

    def check_and_write() -> None:
        for path, content in files.items():
            check_file(path, "", content, force, "request.error.not_ours")
        write_files(files)

    session.check_output(check_and_write)
    session.err.print(session.t("request.written", count=len(asked.requests), dir=str(out)), markup=False)


def register(app: typer.Typer) -> None:
    app.command("request")(request)
