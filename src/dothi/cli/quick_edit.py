"""``dothi done`` answered before Typer is imported.

Importing Typer and building its command takes 0.05–0.1 s of an edit that takes 0.3–0.7 s, and
an edit needs nothing of it once its command line is read. This module reads the command lines
it can read exactly as the application does, and runs the command's own code (``cli/editor``)
with a session made as the application makes it: the same checks, refusals, messages, exit
codes and writes. Anything else is left to the application (return None), which then runs as if
this module were not there: another command, an option it does not know, an option given twice,
``--help``, completion, a word that looks like an option where a value goes.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dothi.cli.argv import command_args, command_named, root_options
from dothi.cli.values import Clock

if TYPE_CHECKING:
    from dothi.cli.context import Session

COMPLETION = "_DOTHI_COMPLETE"  # a shell asking for completions: the application answers
ROOT = frozenset({"--root", "--lang", "--color", "--no-cache"})  # what the root may be given here
Options = dict[str, str | None]  # by name: a value, or None for a flag


@dataclass(frozen=True)
class Command:
    """What one command takes (a test holds it to the command's own), and how it is run."""

    arguments: int
    values: frozenset[str]
    flags: frozenset[str]
    run: Callable[[Session, list[str], Options], None]


def _done(session: Session, words: list[str], options: Options) -> None:
    from dothi.cli.editor import mark_done

    mark_done(session, words[0], options.get("--on"), options.get("--result"), "--dry-run" in options)


COMMANDS = {"done": Command(1, frozenset({"--on", "--result"}), frozenset({"--dry-run"}), _done)}


def run(args: Sequence[str], environ: Mapping[str, str]) -> int | None:
    """:func:`answer`, ended as the application ends a run: a reader that stopped reading (a
    closed pipe) exit 1, Ctrl-C exit 130; the objects made frozen out of the last collection."""
    try:
        return answer(args, environ)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # nothing more to flush into the closed pipe
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        gc.freeze()


def answer(args: Sequence[str], environ: Mapping[str, str], clock: Clock | None = None) -> int | None:
    """Run the edit ``args`` ask for and give its exit code, or None when the application has
    to answer (see the module's docstring)."""
    name = command_named(args)
    command = COMMANDS.get(name or "")
    if command is None or COMPLETION in environ:
        return None
    read = _read(command, command_args(args))
    session = _session(args, environ, clock or Clock())
    if read is None or session is None:
        return None
    words, options = read
    try:
        command.run(session, words, options)
    except SystemExit as stopped:  # as ``context.stop`` ends a run
        return stopped.code if isinstance(stopped.code, int) else 1
    return 0


def _session(args: Sequence[str], environ: Mapping[str, str], clock: Clock) -> Session | None:
    """The session ``app.configure`` makes of the root's options, when they are right."""
    from dothi.cli.context import Session
    from dothi.cli.terminal import COLORS
    from dothi.messages import LANGUAGES, Catalogue, chosen_language

    root = root_options(args)
    valued = {name: value for name, value in root.items() if name != "--no-cache"}
    if not set(root) <= ROOT or None in valued.values() or root.get("--no-cache", None) is not None:
        return None
    lang, color = chosen_language(root.get("--lang"), environ), root.get("--color") or "auto"
    if lang not in LANGUAGES or color not in COLORS:
        return None
    return Session(root.get("--root"), Catalogue(lang), color, "--no-cache" in root, clock)


def _read(command: Command, words: Sequence[str]) -> tuple[list[str], Options] | None:
    """The command's arguments and options; None for anything the application reads otherwise
    or refuses (an unknown option, one given twice, a missing value, the wrong count)."""
    arguments: list[str] = []
    options: Options = {}
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if not word.startswith("-"):
            arguments.append(word)
            continue
        name, equals, value = word.partition("=")
        if name in options or (name in command.flags and equals):
            return None
        if name in command.flags:
            options[name] = None
        elif name in command.values:
            if not equals:
                if index == len(words) or words[index].startswith("-"):
                    return None
                value, index = words[index], index + 1
            options[name] = value
        else:
            return None
    return (arguments, options) if len(arguments) == command.arguments else None


__all__ = ["COMMANDS", "answer", "run"]
