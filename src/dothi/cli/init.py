"""``dothi init DIR``: a new data repository that validates clean."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dothi.cli.context import EXIT_DATA, session
from dothi.problem import Text


def init(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Where to make the repository.")],
) -> None:
    """Make a new data repository: members, requirements, an example directive, templates, CI."""
    from dothi.init import skeleton_files
    from dothi.output import write_atomically
    from dothi.repository import load_repository

    state = session(ctx)
    files = skeleton_files()
    taken = [name for name in files if (folder / name).exists()]
    if taken:
        state.usage_error(Text.of("init.exists", path=str(folder / taken[0])))
    for name, text in files.items():
        write_atomically(folder / name, text)
    result = load_repository(folder)
    if result.errors:  # pragma: no cover - the skeleton is tested to validate clean
        state.print_problems(result, state.err)
        raise typer.Exit(EXIT_DATA)
    state.err.print(state.t("init.done", path=str(folder), count=len(files)), markup=False)


def register(app: typer.Typer) -> None:
    app.command("init")(init)
