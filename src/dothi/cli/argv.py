"""The command line as read before it is parsed, and before any library is imported.

Two things are decided from the words alone: which command a run builds (``app.reaching``), and
whether a cold run starts parsing before the imports (``early``). Both read only the root's
options, which come before the command; a test holds these names to those ``app.configure``
declares.
"""

from __future__ import annotations

from collections.abc import Sequence

from dothi import __version__

VALUED_OPTIONS = frozenset({"--root", "--lang", "--color"})
ROOT_FLAGS = frozenset(
    {"--no-cache", "--version", "-h", "--help", "--install-completion", "--show-completion"}
)
ROOT_OPTIONS = VALUED_OPTIONS | ROOT_FLAGS
EVERY_COMMAND = frozenset({"-h", "--help", "--install-completion", "--show-completion"})  # they list them all


def version_line() -> str:
    """What ``dothi --version`` says."""
    return f"dothi {__version__}"


def command_named(args: Sequence[str]) -> str | None:
    """The command ``args`` run: the first word after the root's options; None when there is none,
    when an option the root does not know comes first (the whole application then says so), or
    one that lists every command (the root's help, completion)."""
    return _read(args)[0]


def root_options(args: Sequence[str]) -> dict[str, str | None]:
    """The root's options ``args`` give before the command, by name: a flag's value is None, and
    an option given twice has its last value, as the parser takes it."""
    return _read(args)[1]


def command_args(args: Sequence[str]) -> list[str]:
    """The words after the command ``args`` run (see :func:`command_named`)."""
    return list(args[_read(args)[2] :])


def _read(args: Sequence[str]) -> tuple[str | None, dict[str, str | None], int]:
    """The command, the root's options, and where the command's own words start."""
    given: dict[str, str | None] = {}
    index = 0
    while index < len(args):
        word = args[index]
        index += 1
        if word in EVERY_COMMAND:
            return None, given, len(args)
        name, equals, value = word.partition("=")
        if word in VALUED_OPTIONS:
            given[word] = args[index] if index < len(args) else None
            index += 1
        elif word == "--":
            return (args[index], given, index + 1) if index < len(args) else (None, given, len(args))
        elif not word.startswith("-"):
            return word, given, index
        elif name not in ROOT_OPTIONS:
            return None, given, len(args)
        else:
            given[name] = value if equals else None
    return None, given, len(args)
