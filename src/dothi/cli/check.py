"""``dothi check [LOCALITY…]``: each locality's plan against data/requirements.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dothi.cli.context import EXIT_DATA, Session, one_of

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from dothi.data.repository import Repository
    from dothi.reports.check import PlanCheck

    Writer = Callable[[Session, Sequence[PlanCheck], Repository], None]


def _table(session: Session, checks: Sequence[PlanCheck], repo: Repository) -> None:
    from dothi.render.check import CheckView
    from dothi.render.check_rich import as_rich

    session.out.print(as_rich(CheckView(checks, repo.requirements, session.catalogue)))


def _json(session: Session, checks: Sequence[PlanCheck], repo: Repository) -> None:
    from dothi.render.check import as_json

    session.echo(as_json(checks))


def _markdown(session: Session, checks: Sequence[PlanCheck], repo: Repository) -> None:
    from dothi.render.check import CheckView, as_markdown
    from dothi.render.markdown import text as md_text

    session.echo(as_markdown(CheckView(checks, repo.requirements, session.catalogue, md_text)), nl=False)


# Each format and what writes it; the renderers are imported by the one that runs.
WRITERS: dict[str, Writer] = {"table": _table, "json": _json, "md": _markdown}
FORMATS = tuple(WRITERS)


def check(
    ctx: typer.Context,
    localities: Annotated[list[str] | None, typer.Argument(metavar="[LOCALITY]...")] = None,
    output: Annotated[str, typer.Option("--format", help=one_of(FORMATS))] = "table",
    strict: Annotated[bool, typer.Option("--strict")] = False,
) -> None:
    """Check each locality's smart-city plan against the required sections and rules."""
    from dothi.reports.check import check_plans

    session = Session.of(ctx)
    session.check_choice("--format", output, FORMATS)
    repo = session.repository(progress=output != "json")
    chosen = session.known_ids("locality", localities or [], list(repo.localities))
    checks = session.build(check_plans, repo, chosen)
    if not repo.requirements.sections:
        session.err.print(session.t("check.no_requirements"), markup=False)
    WRITERS[output](session, checks, repo)
    if strict and any(c.missing for c in checks):
        raise typer.Exit(EXIT_DATA)


def register(app: typer.Typer) -> None:
    app.command("check")(check)
