"""``--help`` in the user's language: every command's and option's text comes from the catalogue.

Typer takes help texts from the code when the application is built, before anyone has said which
language they read. So the texts are kept in the catalogue, keyed by the command's path, and put on
the commands when a run starts (the root group's ``make_context``), once the language is known from
``--lang`` or ``DOTHI_LANG``. The headings and notes the command-line library writes itself
("Usage:", "Options", "[default: 14]") go through the same catalogue, in the help formatter.

Keys, for a command path such as ``add.task`` (the root is ``dothi``):

- ``help.add.task``: what the command does;
- ``help.add.task.<param>``, else ``option.<param>`` (an option shared by several commands): what an
  option or argument means;
- ``metavar.add.task.<param>``, else ``metavar.<param>``: the word shown for the value
  (``--as-of NGÀY``);
- ``example.add.task``: example command lines, one per line, printed at the end.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperGroup

from dothi.messages import DEFAULT_LANGUAGE, LANGUAGES, Catalogue, chosen_language

# What the command-line library writes in English, and the catalogue key that says it.
LIBRARY_WORDS = {
    "Usage: ": "help.word.usage",
    "Options": "help.word.options",
    "Arguments": "help.word.arguments",
    "Commands": "help.word.commands",
    "Show this message and exit.": "help.word.help",
}
NOTE = re.compile(r"\[(default: |required\b)")

# The library's usage errors, by class name (its exception module is not public), and the English
# sentences of those it raises as plain usage errors, with the catalogue key that says each.
USAGE_ERRORS = {
    "NoSuchOption",
    "MissingParameter",
    "BadParameter",
    "BadOptionUsage",
    "BadArgumentUsage",
    "UsageError",
}
SENTENCES = (
    (
        re.compile(r"No such command '(?P<name>.*?)'\.(?: Did you mean (?P<choices>.*)\?)?$"),
        "help.error.no_command",
    ),
    (
        re.compile(r"Option '(?P<name>.*?)' requires (?:an argument|\d+ arguments)\.$"),
        "help.error.needs_value",
    ),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<name>.*)\)$"), "help.error.extra"),
)


def language_in(args: Sequence[str], environ: Mapping[str, str]) -> Catalogue:
    """The catalogue the run will speak, read from the arguments before they are parsed."""
    option: str | None = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            option = args[index + 1]
        elif arg.startswith("--lang="):
            option = arg.partition("=")[2]
    chosen = chosen_language(option, environ)
    return Catalogue(chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE)


class LocalizedContext(typer.Context):
    """A context whose help formatter writes the library's own words in the run's language."""

    def make_formatter(self) -> Any:
        root = self.find_root().command
        catalogue = getattr(root, "catalogue", None) or Catalogue()
        return LocalizedFormatter(catalogue, width=self.terminal_width, max_width=self.max_content_width)


# The library's help formatter, reached through Typer's context: its module is not public.
Formatter: Any = typer.Context.formatter_class


class LocalizedFormatter(Formatter):  # type: ignore[misc]
    """Click's formatter with its few English words looked up in the catalogue."""

    def __init__(self, catalogue: Catalogue, **options: Any) -> None:
        super().__init__(**options)
        self.catalogue = catalogue

    def _word(self, english: str) -> str:
        key = LIBRARY_WORDS.get(english)
        return self.catalogue.get(key) if key else english

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, self._word("Usage: ") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(self._word(heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **options: Any) -> None:
        super().write_dl([(term, self._note(self._word(text))) for term, text in rows], *args, **options)

    def _note(self, text: str) -> str:
        def say(match: re.Match[str]) -> str:
            if match.group(1).startswith("default"):  # one unbroken note: no-break spaces
                return "[" + self.catalogue.get("help.word.default").replace(" ", "\u00a0") + "\u00a0"
            return "[" + self.catalogue.get("help.word.required").replace(" ", "\u00a0")

        return NOTE.sub(say, text)


def _lookup(texts: Mapping[str, str], *keys: str) -> str | None:
    return next((texts[key] for key in keys if key in texts), None)


def _no_type(ctx: Any) -> None:
    return None


def _listed(choices: str, catalogue: Catalogue) -> str:
    """``table, json, md`` as the language lists it: ``table, json hoặc md``."""
    names = choices.split(", ")
    if len(names) < 2:
        return choices
    return f"{', '.join(names[:-1])} {catalogue.get('help.word.or')} {names[-1]}"


def localize(command: Any, catalogue: Catalogue, path: str) -> None:
    """Put the catalogue's texts on a command and everything under it."""
    texts = catalogue.texts
    command.help = _lookup(texts, f"help.{path}") or command.help
    command.short_help = None
    command.options_metavar = catalogue.get("help.word.options_metavar")
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = catalogue.get("help.word.command_metavar")
    examples = _lookup(texts, f"example.{path}")
    if examples:
        lines = "\n".join(f"  {line}" for line in examples.splitlines())
        command.epilog = f"\b\n{catalogue.get('help.word.examples')}\n{lines}"
    command.context_class = LocalizedContext
    for param in command.params:
        text = _lookup(texts, f"help.{path}.{param.name}", f"option.{param.name}")
        if text and "{choices}" in text:  # the code's help is then the choices, from their table
            text = text.replace("{choices}", _listed(param.help or "", catalogue))
        param.help = text or param.help
        if getattr(param, "param_type_name", "") == "argument":  # its name says it: no "<str>" beside it
            param.display_type_rich = _no_type
        if not getattr(param, "is_flag", False):
            named = _lookup(texts, f"metavar.{path}.{param.name}", f"metavar.{param.name}")
            param.metavar = named or param.metavar
    for name, sub in getattr(command, "commands", {}).items():
        localize(sub, catalogue, name if path == "dothi" else f"{path}.{name}")


def _quoted(names: str) -> str:
    """``'--lead', '--lang'`` as “--lead”, “--lang”."""
    return ", ".join(f"“{name.strip(chr(39))}”" for name in names.split(", "))


def explain(error: Any, catalogue: Catalogue) -> str:
    """A usage error of the command-line library, said in the catalogue's language."""
    kind = type(error).__name__
    if kind == "NoSuchOption":
        said = catalogue.get("help.error.no_option", name=_quoted(error.option_name))
        if error.possibilities:
            said += catalogue.get("help.error.did_you_mean", choices=_quoted(", ".join(error.possibilities)))
        return said
    if kind in ("MissingParameter", "BadParameter") and error.param is not None:
        name = _quoted(error.param.get_error_hint().replace(" / ", ", "))
        if kind == "MissingParameter":
            return catalogue.get("help.error.missing", name=name)
        return catalogue.get("help.error.bad_value", name=name, detail=error.message)
    for sentence, key in SENTENCES:
        found = sentence.match(error.message)
        if found:
            said = catalogue.get(key, name=_quoted(found["name"]))
            choices = found.groupdict().get("choices")
            return said + (
                catalogue.get("help.error.did_you_mean", choices=_quoted(choices)) if choices else ""
            )
    return str(error.message)


@contextmanager
def usage_errors_said(catalogue: Catalogue) -> Iterator[None]:
    """Say the library's usage errors as dothi says its own (usage, where to look, “Lỗi: …”), exit 2."""
    try:
        yield
    except typer.TyperException as error:
        if type(error).__name__ not in USAGE_ERRORS:
            raise
        ctx = getattr(error, "ctx", None)
        if ctx is not None:
            hint = catalogue.get("help.error.try", command=f"{ctx.command_path} {ctx.help_option_names[0]}")
            typer.echo(f"{ctx.get_usage()}\n{hint}\n", err=True)
        typer.echo(catalogue.get("usage.error") + explain(error, catalogue), err=True)
        raise typer.Exit(2) from None


class LocalizedGroup(TyperGroup):
    """dothi's root command: learns the language from the arguments, then dresses the tree in it."""

    catalogue: Catalogue

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if parent is None:
            self.catalogue = language_in(args, os.environ)
            localize(self, self.catalogue, "dothi")
        with usage_errors_said(self.catalogue):
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with usage_errors_said(self.catalogue):
            return super().invoke(ctx)
