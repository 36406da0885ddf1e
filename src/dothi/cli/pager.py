"""A pager for long listings on a terminal, as git has one.

``status`` at national scale prints thousands of lines; on a terminal they go through a pager so
that a person can scroll and search them and quit. Like git, dothi runs ``DOTHI_PAGER``, else
``PAGER``, else ``less``, through the shell (the command is the user's own setting, not data),
and sets ``LESS=FRX`` when ``LESS`` is unset: ``F`` quits at once when the text fits on one
screen, ``R`` shows the colours, ``X`` leaves the text on the screen afterwards. A pager of ``cat``
or an empty one means none. Never when standard output is not a terminal, and never with
``--no-pager``.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from dothi.cli.terminal import Terminal

LESS_DEFAULT = "FRX"


def pager_command(environ: Mapping[str, str]) -> str | None:
    """The pager the environment asks for; None for none."""
    for name in ("DOTHI_PAGER", "PAGER"):
        if name in environ:
            chosen = environ[name].strip()
            return None if chosen in ("", "cat") else chosen
    return "less"


def pager_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The pager's environment: ours, with git's defaults for ``less`` and ``lv`` where unset."""
    return {"LESS": LESS_DEFAULT, "LV": "-c", **environ}


@contextmanager
def paged(terminal: Terminal, wanted: bool) -> Iterator[Console]:
    """A console whose output goes through the pager when ``wanted`` and one is configured;
    otherwise standard output's own console."""
    command = pager_command(os.environ) if wanted else None
    if command is None:
        yield terminal.out
        return
    buffer = io.StringIO()
    console = terminal.console_like_out(buffer)
    yield console
    show(command, buffer.getvalue(), terminal)


def echo_paged(terminal: Terminal, text: str, wanted: bool) -> None:
    """Text made for files (Markdown) through the pager when ``wanted``, else as ``echo`` prints it."""
    command = pager_command(os.environ) if wanted else None
    if command is None:
        terminal.echo(text, nl=False)
        return
    from dothi.render.controls import for_terminal

    show(command, for_terminal(text), terminal)


def show(command: str, text: str, terminal: Terminal) -> None:
    """Hand ``text`` to the pager and wait for it; print it directly if the pager cannot start.
    A pager quit before reading everything (``q`` in less) is not an error."""
    try:
        process = subprocess.Popen(  # the user's own PAGER, through the shell as git runs it
            command, shell=True, stdin=subprocess.PIPE, env=pager_environment(os.environ)
        )
    except OSError:
        terminal.echo(text, nl=False)
        return
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8"))
        process.stdin.close()
    except BrokenPipeError:
        pass
    while True:
        try:
            process.wait()
            return
        except KeyboardInterrupt:  # Ctrl-C goes to the pager, as in git; dothi waits for it
            continue
