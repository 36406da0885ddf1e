"""``dothi check [LOCALITY…]``: each locality's plan against data/requirements.yaml."""

from __future__ import annotations

from typing import Annotated

import typer

from dothi.cli.context import EXIT_DATA, Session

FORMATS = ("table", "json", "md")


def check(
    ctx: typer.Context,
    localities: Annotated[
        list[str] | None, typer.Argument(metavar="[LOCALITY]...", help="Locality ids.")
    ] = None,
    output: Annotated[str, typer.Option("--format", help="table, json or md.")] = "table",
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when a required section is missing.")
    ] = False,
) -> None:
    """Check each locality's smart-city plan against the required sections and rules."""
    from dothi.render.check import CheckView, as_json, as_markdown
    from dothi.render.markdown import text as md_text
    from dothi.reports.check import check_plans

    session = Session.of(ctx)
    session.check_choice("--format", output, FORMATS)
    repo = session.repository(progress=output != "json")
    chosen = session.known_ids("locality", localities or [], list(repo.localities))
    checks = check_plans(repo, chosen)
    if not repo.requirements.sections:
        session.err.print(session.t("check.no_requirements"), markup=False)
    if output == "json":
        session.echo(as_json(checks))
    else:
        if output == "md":
            session.echo(
                as_markdown(CheckView(checks, repo.requirements, session.catalogue, md_text)), nl=False
            )
        else:
            from dothi.render.check_rich import as_rich

            session.out.print(as_rich(CheckView(checks, repo.requirements, session.catalogue)))
    if strict and any(c.missing for c in checks):
        raise typer.Exit(EXIT_DATA)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
