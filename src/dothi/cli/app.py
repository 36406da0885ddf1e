"""The ``dothi`` application: global options, then one module per command."""

from __future__ import annotations

import copy
import gc
import os
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from dothi.cli import brief as brief_command
from dothi.cli import check as check_command
from dothi.cli import edit as edit_commands
from dothi.cli import importing as import_command
from dothi.cli import init as init_command
from dothi.cli import receive as receive_command
from dothi.cli import request as request_command
from dothi.cli import schema as schema_command
from dothi.cli import show as show_command
from dothi.cli import status as status_command
from dothi.cli import templates as templates_command
from dothi.cli import validate as validate_command
from dothi.cli.argv import command_named, version_line
from dothi.cli.context import Session
from dothi.cli.help import LocalizedGroup
from dothi.cli.terminal import COLORS
from dothi.cli.values import Clock
from dothi.messages import DEFAULT_LANGUAGE, LANGUAGES, Catalogue, chosen_language
from dothi.problem import Text

app = typer.Typer(
    name="dothi",
    cls=LocalizedGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def configure(
    ctx: typer.Context,
    root: Annotated[str | None, typer.Option("--root")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
    color: Annotated[str, typer.Option("--color")] = "auto",
    no_cache: Annotated[bool, typer.Option("--no-cache")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    chosen = chosen_language(lang, os.environ)
    catalogue = Catalogue(chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE)
    clock = ctx.obj if isinstance(ctx.obj, Clock) else Clock()
    session = Session(root, catalogue, color, no_cache, clock)
    ctx.obj = session
    if chosen not in LANGUAGES:
        session.usage_error(Text.of("usage.bad_lang", lang=chosen))
    if color not in COLORS:
        session.usage_error(
            Text.of("usage.bad_choice", option="--color", value=color, allowed=", ".join(COLORS))
        )


validate_command.register(app)
status_command.register(app)
show_command.register(app)
check_command.register(app)
brief_command.register(app)
schema_command.register(app)
edit_commands.register(app)
init_command.register(app)
templates_command.register(app)
import_command.register(app)
request_command.register(app)
receive_command.register(app)


COMPLETION = "_DOTHI_COMPLETE"  # set by a shell asking for completions: every command is a candidate


def reaching(args: Sequence[str]) -> typer.Typer:
    """The application cut to the one command ``args`` run.

    Typer builds every registered command, its options and their checks, on every run, though
    one runs: 25 to 30 ms of each of dothi's commands. A run that names a command it has builds
    only that one; anything else (no command, a misspelt one answered with the nearest names, the
    root's help, completion) gets the whole application.
    """
    name = command_named(args)
    if name is None or COMPLETION in os.environ:
        return app
    cut = copy.copy(app)
    cut.registered_commands = [command for command in app.registered_commands if command.name == name]
    cut.registered_groups = [group for group in app.registered_groups if group.name == name]
    return cut if cut.registered_commands or cut.registered_groups else app


def main() -> None:
    try:
        reaching(sys.argv[1:])()
    finally:
        # The interpreter's last collection, as it exits, walks every object the command made
        # that was not frozen (0.4 s of a warm status at 100,000 items), to free what the exit
        # frees anyway: freeze them all first.
        gc.freeze()
