"""``dothi import FILE``: a directive's text becomes a draft task file (SPEC §7)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dothi.cli.context import EXIT_DATA, Session
from dothi.cli.editor import Editor
from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.drafts.writer import DraftDocument
    from dothi.importer.model import Draft

IdOption = Annotated[str | None, typer.Option("--id")]


def import_command(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE")],
    ident: IdOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
) -> None:
    """Read a directive (.txt, .md, .docx, .pdf) into a draft data/tasks/<id>.yaml."""
    from dothi.data.models import is_slug
    from dothi.drafts.writer import build, directory_of, missing_fields, summary
    from dothi.importer.files import ImportFileError, read_text
    from dothi.importer.reader import file_id, read

    session = Session.of(ctx)
    if ident is not None and not is_slug(ident):
        session.usage_error(Text.of("import.error.bad_id", id=ident))
    try:
        text = read_text(Path(file))
    except ImportFileError as error:
        session.usage_error(error.text)
    repository = session.repository(progress=False)
    draft = read(text, directory_of(repository))
    _report(session, draft)
    if draft.header.number is None and ident is None:
        session.fail(Text.of("import.error.no_number"), EXIT_DATA)
    if missing := missing_fields(draft):
        session.fail(Text.of("import.error.header", fields=", ".join(missing)), EXIT_DATA)
    if not draft.tasks and not draft.unplaced:
        session.fail(Text.of("import.error.no_tasks", path=file), EXIT_DATA)
    name = ident or file_id(draft.header.number or "")
    relative = f"data/tasks/{name}.yaml"
    if (session.root() / relative).exists():
        session.usage_error(Text.of("import.error.exists", path=relative))
    taken = {task.id for _, task in repository.tasks()}
    doc = build(draft, relative, name, taken, session.catalogue, Path(file).name)
    _write(session, relative, doc, dry_run)
    session.err.print(session.catalogue.text(summary(draft)), markup=False)


def _write(session: Session, relative: str, doc: DraftDocument, dry_run: bool) -> None:
    """Through the edit transaction: validated with the repository, atomic, never over a file."""
    from dothi.edit.errors import EditError, Invalid
    from dothi.edit.transaction import edit

    root = session.root()
    cache = session.cache(root)
    try:
        edit(root, relative, None, create=lambda: doc, store=cache, dry_run=dry_run)
    except EditError as error:
        Editor(session).refuse(error)
    except Invalid as refused:
        session.print_problems(refused.result, session.err)
        session.fail(Text.of("edit.refused", path=relative), EXIT_DATA)
    cache.flush()
    if dry_run:
        session.echo(doc.dump(), nl=False)
    else:
        session.err.print(session.t("import.written", path=relative), markup=False)


def _report(session: Session, draft: Draft) -> None:
    """What could not be placed, on stderr, each with its text as written."""
    for item in draft.unplaced:
        where = session.catalogue.text(item.source) if item.source is not None else "—"
        reason = session.catalogue.text(item.reason)
        session.err.print(session.t("import.unplaced.line", where=where, reason=reason), markup=False)
        if item.text not in reason:
            session.err.print(session.t("import.unplaced.text", text=item.text), markup=False)


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
