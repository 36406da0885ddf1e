"""``dothi templates copy NAME``: a built-in template copied into the repository to adapt.

Only on request: a copy in ``templates/`` overrides the built-in template for good, so ``init``
writes none and this command copies just the ones the user means to customise.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from dothi.cli.context import Session
from dothi.layout import TEMPLATES_DIR
from dothi.problem import Text

templates_app = typer.Typer(no_args_is_help=True)


@templates_app.command("copy")
def copy_command(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(metavar="NAME")] = None,
    every: Annotated[bool, typer.Option("--all")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    """Copy a built-in template into the repository's templates/ folder, to adapt it there."""
    from dothi.init import TEMPLATES, builtin_template
    from dothi.output import check_file, write_files

    session = Session.of(ctx)
    names = chosen_names(session, name, every, TEMPLATES)
    folder = session.root() / TEMPLATES_DIR
    files = {folder / f"{chosen}.md.j2": builtin_template(chosen) for chosen in names}
    taken = [path for path in files if os.path.lexists(path)]
    if taken and not force:
        session.usage_error(Text.of("templates.exists", path=str(taken[0])))

    def check_and_write() -> None:
        for path, text in files.items():
            check_file(path, "", text, True, "templates.exists")
        write_files(files)

    session.check_output(check_and_write)
    for path in files:
        session.err.print(session.t("templates.copied", path=str(path)), markup=False)


def chosen_names(session: Session, name: str | None, every: bool, known: tuple[str, ...]) -> tuple[str, ...]:
    """The templates asked for: NAME or --all, exactly one of them."""
    if every == (name is not None):
        session.usage_error(Text.of("templates.name_or_all", known=", ".join(known)))
    if name is None:
        return known
    session.check_choice("NAME", name, known)
    return (name,)


def register(app: typer.Typer) -> None:
    app.add_typer(templates_app, name="templates")
