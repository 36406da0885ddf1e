"""``dothi receive``: record the answers of filled forms, each form whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dothi.cli.context import EXIT_DATA, EXIT_USAGE, Session
from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.edit.receive import Received

DryRun = Annotated[bool, typer.Option("--dry-run")]


def receive(
    ctx: typer.Context,
    forms: Annotated[list[Path], typer.Argument(metavar="FILE…")],
    dry_run: DryRun = False,
) -> None:
    """Record the answers of forms written by “dothi request” and filled in by the agencies."""
    session = Session.of(ctx)
    raws = {path: _read(session, path) for path in forms}
    refused = [path for path, raw in raws.items() if not _one(session, path, raw, dry_run)]
    if refused:
        raise typer.Exit(EXIT_DATA)


def _one(session: Session, path: Path, raw: bytes, dry_run: bool) -> bool:
    """Record one form (the repository as the forms before it left it); False when refused.

    The repository's lock is held from the load the answers are planned on to the write: two
    people receiving the same form at once would otherwise both find its notes new, and both
    write them."""
    from dothi.edit.errors import EditError, Invalid
    from dothi.edit.receive import Refused, receive
    from dothi.edit.transaction import locked
    from dothi.messages import LANGUAGES, Catalogue

    root, today = session.root(), session.clock.today_in_vietnam()
    catalogues = [Catalogue(lang) for lang in LANGUAGES]
    try:
        with locked(root, path.name):
            result = session.load(progress=False)
            if result.repository is None:
                session.print_problems(result, session.err)
                session.err.print(session.t("usage.data_errors"), markup=False)
                raise typer.Exit(EXIT_DATA)
            files = {relative: loaded.data for relative, loaded in result.files.items()}
            received = receive(
                root,
                path,
                raw,
                result.repository,
                files,
                today,
                catalogues,
                session.cache(root),
                dry_run,
                result,
            )
    except Refused as error:
        for text in error.texts:
            session.err.print(session.t("usage.error") + session.catalogue.text(text), markup=False)
    except EditError as error:
        detail = session.catalogue.text(error.text)
        session.err.print(session.t("usage.error") + f"{path.name}: {detail}", markup=False)
    except Invalid as invalid:
        session.print_problems(invalid.result, session.err)
    else:
        _said(session, path, received, dry_run)
        return True
    session.err.print(session.t("receive.refused", file=path.name), markup=False)
    return False


def _said(session: Session, path: Path, received: Received, dry_run: bool) -> None:
    for ident in received.kept:
        session.err.print(session.t("receive.same_done", file=path.name, id=ident), markup=False)
    if dry_run:
        typer.echo("".join(outcome.diff for outcome in received.outcomes), nl=False)
    if not received.answered:
        session.err.print(session.t("receive.blank", file=path.name), markup=False)
    elif not received.outcomes:
        session.err.print(session.t("receive.nothing_new", file=path.name), markup=False)
    elif not dry_run:
        names = ", ".join(outcome.relative for outcome in received.outcomes)
        said = session.t("receive.applied", file=path.name, count=received.recorded, files=names)
        session.err.print(said, markup=False)


def _read(session: Session, path: Path) -> bytes:
    """A form's bytes; a file that is missing or cannot be read is a usage error (exit 2)."""
    try:
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        session.fail(Text.of("receive.error.missing", path=str(path), reason=reason), EXIT_USAGE)


def register(app: typer.Typer) -> None:
    app.command("receive")(receive)
