"""``dothi init DIR``: a new data repository that validates clean."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from dothi.cli.context import EXIT_DATA, Session
from dothi.problem import Text


def init(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(metavar="DIR")],
) -> None:
    """Make a new data repository: members, requirements, an example directive, CI."""
    from dothi.data.repository import load_repository
    from dothi.init import skeleton_files
    from dothi.output import write_atomically

    session = Session.of(ctx)
    blocking = not_a_folder(folder)
    if blocking is not None:
        session.usage_error(Text.of("init.not_folder", path=str(blocking)))
    files = skeleton_files()
    taken = [name for name in files if os.path.lexists(folder / name)]
    if taken:
        session.usage_error(Text.of("init.exists", path=str(folder / taken[0])))
    for name, text in files.items():
        try:
            write_atomically(folder / name, text)
        except OSError as error:  # a folder without write permission, a full disk
            reason = error.strerror or str(error)
            session.usage_error(Text.of("init.cannot_write", path=str(folder / name), reason=reason))
    result = load_repository(folder)
    if result.errors:  # pragma: no cover - the skeleton is tested to validate clean
        session.print_problems(result, session.err)
        raise typer.Exit(EXIT_DATA)
    session.err.print(session.t("init.done", path=str(folder), count=len(files)), markup=False)


def not_a_folder(folder: Path) -> Path | None:
    """``folder`` or the nearest of its parents that exists, if that is not a folder (a file, a
    dangling symlink): the repository cannot go there, and the file must stay as it was."""
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return None
        if os.path.lexists(candidate):
            return candidate
    return None


def register(app: typer.Typer) -> None:
    app.command("init")(init)
