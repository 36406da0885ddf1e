"""``dothi validate``: every problem in the data, at once, for people, scripts and CI."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from dothi.cli.context import EXIT_DATA, EXIT_OK, Session
from dothi.problem import Text

FORMATS = ("text", "json", "github")


def validate(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option("--format", help="text, json or github (default: github under GitHub Actions)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
) -> None:
    """Check every file of the data repository and report every problem."""
    from dothi.render.problems import as_github, as_json

    session = Session.of(ctx)
    chosen = output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if chosen not in FORMATS:
        session.usage_error(
            Text.of("usage.bad_choice", option="--format", value=chosen, allowed=", ".join(FORMATS))
        )
    result = session.load(progress=chosen == "text")
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if chosen == "json":
        session.echo(as_json(result.problems, len(result.files), not failed, session.catalogue))
    elif chosen == "github":
        for line in as_github(result.problems, session.catalogue):
            session.echo(line)
    else:
        session.print_problems(result, session.out)
        summary = session.t(
            "validate.summary",
            files=len(result.files),
            errors=len(result.errors),
            warnings=len(result.warnings),
        )
        verdict = (
            "validate.failed" if result.errors else ("validate.strict_failed" if failed else "validate.ok")
        )
        session.out.print(f"{summary}. {session.t(verdict)}", markup=False)
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
