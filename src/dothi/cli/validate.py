"""``dothi validate``: every problem in the data, at once, for people, scripts and CI."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from dothi.cli.context import EXIT_DATA, EXIT_OK, Session, one_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from dothi.data.repository import LoadResult

    Writer = Callable[[Session, LoadResult, bool], None]


def _text(session: Session, result: LoadResult, failed: bool) -> None:
    """Each problem with its source line, then the counts and the verdict."""
    session.print_problems(result, session.out)
    summary = session.t(
        "validate.summary", files=len(result.files), errors=len(result.errors), warnings=len(result.warnings)
    )
    verdict = "validate.failed" if result.errors else ("validate.strict_failed" if failed else "validate.ok")
    session.out.print(f"{summary}. {session.t(verdict)}", markup=False)


def _json(session: Session, result: LoadResult, failed: bool) -> None:
    from dothi.render.problems import as_json

    session.echo(as_json(result.problems, len(result.files), not failed, session.catalogue))


def _github(session: Session, result: LoadResult, failed: bool) -> None:
    from dothi.render.problems import as_github

    for line in as_github(result.problems, session.catalogue):
        session.echo(line)


def _gitlab(session: Session, result: LoadResult, failed: bool) -> None:
    from dothi.render.problems import as_gitlab

    session.echo(as_gitlab(result.problems, session.catalogue))


def _sarif(session: Session, result: LoadResult, failed: bool) -> None:
    from dothi import __version__
    from dothi.render.problems import as_sarif

    session.echo(as_sarif(result.problems, session.catalogue, __version__))


# Each format and what writes it; text is for people, and the only one with a loading bar.
WRITERS: dict[str, Writer] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "gitlab": _gitlab,
    "sarif": _sarif,
}
FORMATS = tuple(WRITERS)


def validate(
    ctx: typer.Context,
    output: Annotated[str | None, typer.Option("--format", help=one_of(FORMATS))] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
) -> None:
    """Check every file of the data repository and report every problem."""
    session = Session.of(ctx)
    chosen = output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    session.check_choice("--format", chosen, FORMATS)
    result = session.load(progress=chosen == "text")
    failed = bool(result.errors) or (strict and bool(result.warnings))
    WRITERS[chosen](session, result, failed)
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
