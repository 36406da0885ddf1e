"""The edits of one item (``dothi done``, ``update``, ``respond``, ``obstacle``, ``cancel``,
``reopen``, ``extend``, ``transfer``) answered before Typer is imported.

Importing Typer and building its command takes 0.05–0.1 s of an edit that takes 0.3–0.7 s, and
an edit needs nothing of it once its command line is read. This module reads the command lines
it can read exactly as the application does, and runs the command's own code (``cli/editor``)
with a session made as the application makes it: the same checks, refusals, messages, exit
codes and writes. Anything else is left to the application (return None), which then runs as if
this module were not there: another command, an option it does not know, an option given twice,
``--help``, completion, a word that looks like an option where a value goes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dothi.cli import editor
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
    required: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()  # whole numbers, written with digits only here


def _done(session: Session, words: list[str], options: Options) -> None:
    editor.mark_done(session, words[0], options.get("--on"), options.get("--result"), DRY in options)


def _update(session: Session, words: list[str], options: Options) -> None:
    progress = options.get("--progress")
    number = int(progress) if progress is not None else None
    editor.add_update(
        session, words[0], words[1], options.get("--on"), options.get("--by"), number, DRY in options
    )


def _respond(session: Session, words: list[str], options: Options) -> None:
    status, on, result, note = (options.get(name) for name in ("--status", "--on", "--result", "--note"))
    editor.record_answer(session, words[0], words[1], str(status), on, result, note, DRY in options)


def _obstacle(session: Session, words: list[str], options: Options) -> None:
    editor.add_obstacle(
        session, words[0], words[1], options.get("--on"), options.get("--needs"), DRY in options
    )


def _cancel(session: Session, words: list[str], options: Options) -> None:
    editor.cancel(session, words[0], str(options.get("--reason")), options.get("--on"), DRY in options)


def _reopen(session: Session, words: list[str], options: Options) -> None:
    editor.reopen(session, words[0], DRY in options)


def _extend(session: Session, words: list[str], options: Options) -> None:
    to, by, on = (options.get(name) for name in ("--to", "--by", "--on"))
    editor.extend(session, words[0], str(to), by, on, DRY in options)


def _transfer(session: Session, words: list[str], options: Options) -> None:
    to, by, on = (options.get(name) for name in ("--to", "--by", "--on"))
    editor.transfer(session, words[0], str(to), by, on, DRY in options)


DRY = "--dry-run"
FLAGS = frozenset({DRY})
COMMANDS = {
    "done": Command(1, frozenset({"--on", "--result"}), FLAGS, _done),
    "update": Command(
        2, frozenset({"--on", "--by", "--progress"}), FLAGS, _update, numbers=frozenset({"--progress"})
    ),
    "respond": Command(
        2, frozenset({"--status", "--on", "--result", "--note"}), FLAGS, _respond, frozenset({"--status"})
    ),
    "obstacle": Command(2, frozenset({"--on", "--needs"}), FLAGS, _obstacle),
    "cancel": Command(1, frozenset({"--reason", "--on"}), FLAGS, _cancel, frozenset({"--reason"})),
    "reopen": Command(1, frozenset(), FLAGS, _reopen),
    "extend": Command(1, frozenset({"--to", "--by", "--on"}), FLAGS, _extend, frozenset({"--to"})),
    "transfer": Command(1, frozenset({"--to", "--by", "--on"}), FLAGS, _transfer, frozenset({"--to"})),
}


def run(args: Sequence[str], environ: Mapping[str, str]) -> int | None:
    """:func:`answer`, ended as the application ends a run (``quick.ended``)."""
    from dothi.cli.quick import ended

    return ended(lambda: answer(args, environ))


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
    flag = "--no-cache"  # given no value; the others, one
    if not set(root) <= ROOT or any((value is None) != (name == flag) for name, value in root.items()):
        return None
    lang, color = chosen_language(root.get("--lang"), environ), root.get("--color") or "auto"
    if lang not in LANGUAGES or color not in COLORS:
        return None
    return Session(root.get("--root"), Catalogue(lang), color, flag in root, clock)


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
            if name in command.numbers and not (value.isascii() and value.isdigit()):
                return None
            options[name] = value
        else:
            return None
    if len(arguments) != command.arguments or not command.required <= options.keys():
        return None
    return arguments, options


__all__ = ["COMMANDS", "answer", "run"]
