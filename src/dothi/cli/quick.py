"""``dothi status`` answered from what an earlier run kept, before Typer, Pydantic or the models
are imported.

Starting Python and importing Typer, Pydantic and dothi's models take 0.25–0.35 s, more than
Taskwarrior takes to list 10,000 tasks, and more than anything a warm ``status`` does with the
data. A run that keeps a day's items (``data/derived.py``: at once for a small repository, else
when the day is asked a second time) also keeps what a status listing of that day reads: the
items without their models, and the names they print (``data/names.py``). A later ``status`` for
that day, over the same files and by the same code, is answered from that alone, through the
same report (``reports.status.report_of``) and the same writers (``cli/status_out.py``): the
same bytes.

Anything this module does not read exactly as the application would is left to it: another
command, an option it does not know, a value that is not right (the application says what is
wrong), ``--no-cache``, CI, ``--format xlsx``, a cold cache, files changed since. The application
then runs as if this module were not there, reading each file it read here no second time.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dothi.cli.argv import command_args, command_named, root_options
from dothi.cli.terminal import COLORS
from dothi.cli.values import Clock, count_of, in_report_range
from dothi.defaults import DEFAULT_SOON

if TYPE_CHECKING:
    from dothi.data.names import Names
    from dothi.reports.item import Item

COMMAND = "status"
# The options of ``status`` (cli/status.py) by how each takes its value; a test holds them to the
# command's own. A flag takes none, a value option its last value, a list option every value.
FLAGS = frozenset({"--all", "--no-limit", "--quiet", "--no-pager"})
VALUES = frozenset({"--as-of", "--soon", "--format", "--limit", "--out"})
LISTS = frozenset({"--lead", "--state", "--locality", "--directive"})
COMPLETION = "_DOTHI_COMPLETE"  # a shell asking for completions: the application answers


@dataclass(frozen=True)
class Asked:
    """What a ``status`` command line asks, read as the application reads it."""

    root: str | None
    lang: str
    color: str
    day: date
    soon: int
    output: str
    limit: int | None
    whole: bool  # --no-limit or --all: every row
    everything: bool  # --all
    quiet: bool
    no_pager: bool
    leads: tuple[str, ...]
    states: tuple[str, ...]
    localities: tuple[str, ...]
    directives: tuple[str, ...]


def run(args: Sequence[str], environ: Mapping[str, str]) -> int | None:
    """:func:`answer`, ended as the application ends a run (:func:`ended`)."""
    return ended(lambda: answer(args, environ))


def ended(answering: Callable[[], int | None]) -> int | None:
    """What ``answering`` gives, ended as the application ends a run: a reader that stopped
    reading (a closed pipe) exit 1 and nothing more said, Ctrl-C exit 130; the objects made
    frozen out of the interpreter's last collection (``app.main``)."""
    try:
        return answering()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # nothing more to flush into the closed pipe
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        gc.freeze()


def answer(args: Sequence[str], environ: Mapping[str, str], clock: Clock | None = None) -> int | None:
    """Answer ``dothi status`` from what an earlier run kept: the exit code, or None when the
    application has to answer (see the module's docstring)."""
    if command_named(args) != COMMAND or COMPLETION in environ:  # before any import
        return None
    asked = _asked(args, environ, clock or Clock())
    if asked is None:
        return None
    from dothi.data import cache
    from dothi.data.listing import NoRepository, find_root

    try:
        root = find_root(Path.cwd(), asked.root)
    except (NoRepository, OSError):
        return None
    if cache.cold(root, environ, False) or not _kept_for(root, asked):
        return None
    kept = _kept(root, asked, environ)  # the collector paused (``cli.main``): no cycles made
    return _write(asked, *kept) if kept is not None else None


def _asked(args: Sequence[str], environ: Mapping[str, str], clock: Clock) -> Asked | None:
    """The command line, when it is a ``status`` this module answers and every value is right."""
    from dothi.cli.status_out import FOR_PEOPLE, WRITERS
    from dothi.data.cache import running_in_ci
    from dothi.messages import LANGUAGES, chosen_language

    if running_in_ci(environ):
        return None
    root = root_options(args)
    options = _options(command_args(args))
    if options is None or not set(root) <= {"--root", "--lang", "--color"} or None in root.values():
        return None
    lang, color = chosen_language(root.get("--lang"), environ), root.get("--color") or "auto"
    output = str(options.get("--format", "table"))
    limit = count_of(str(options["--limit"])) if "--limit" in options else None
    soon = count_of(str(options.get("--soon", DEFAULT_SOON)))
    day = _day(options.get("--as-of"), clock)
    people = output in FOR_PEOPLE
    if (
        lang not in LANGUAGES
        or color not in COLORS
        or output not in WRITERS
        or "--out" in options
        or day is None
        or soon is None
        or ("--limit" in options and (limit is None or "--no-limit" in options or not people))
        or ("--quiet" in options and not people)
        or not set(_listed(options, "--state")) <= _state_values()
    ):
        return None
    return Asked(
        root=root.get("--root"),
        lang=lang,
        color=color,
        day=day,
        soon=soon,
        output=output,
        limit=limit,
        whole="--no-limit" in options or "--all" in options,
        everything="--all" in options,
        quiet="--quiet" in options,
        no_pager="--no-pager" in options,
        leads=_listed(options, "--lead"),
        states=_listed(options, "--state"),
        localities=_listed(options, "--locality"),
        directives=_listed(options, "--directive"),
    )


def _options(words: Sequence[str]) -> dict[str, str | bool | list[str]] | None:
    """``status``'s options by name; None for anything else (a word that is no option, an option
    it does not have, a flag given a value, a value missing or that looks like an option)."""
    given: dict[str, str | bool | list[str]] = {}
    index = 0
    while index < len(words):
        name, equals, value = words[index].partition("=")
        index += 1
        if name in FLAGS and not equals:
            given[name] = True
            continue
        if name not in VALUES | LISTS:
            return None
        if not equals:
            if index == len(words) or words[index].startswith("-"):
                return None
            value, index = words[index], index + 1
        if name in LISTS:
            listed = given.setdefault(name, [])
            assert isinstance(listed, list)
            listed.append(value)
        else:
            given[name] = value
    return given


def _listed(options: Mapping[str, str | bool | list[str]], name: str) -> tuple[str, ...]:
    found = options.get(name, [])
    return tuple(found) if isinstance(found, list) else ()


def _state_values() -> set[str]:
    from dothi.reports.item import STATES

    return {state.value for state in STATES}


def _day(written: object, clock: Clock) -> date | None:
    """The report's day: today in Vietnam, or the one written if it is a right one."""
    from dothi.calendar.dates import DateError, parse_date

    if written is None:
        return clock.today_in_vietnam()
    try:
        day = parse_date(str(written))
    except DateError:
        return None
    return day if in_report_range(day) else None


def _kept_for(root: Path, asked: Asked) -> bool:
    """Whether an earlier run kept a listing of the day at all: when not, nothing is read here."""
    from dothi.data.cache import CACHE_DIR
    from dothi.data.derived import LISTING, SUFFIX, file_name

    name = file_name((LISTING, asked.day, asked.soon))
    return name is not None and (root / CACHE_DIR / (name + SUFFIX)).is_file()


def _kept(root: Path, asked: Asked, environ: Mapping[str, str]) -> tuple[Names, tuple[Item, ...]] | None:
    """The names and items kept for the day over the files as they are now; None when none
    were, or not for these files. The files read are handed to the loader when None."""
    from dothi.data import derived
    from dothi.data.cache import key_folder, open_cache
    from dothi.data.listing import digest_of, list_data, repository_key
    from dothi.data.names import Names
    from dothi.reports.item import items_of_rows

    listing = list_data(root)
    cache = open_cache(root, key_folder(environ))
    digests, read = {}, {}
    for relative in listing.to_read():
        digests[relative], raw = digest_of(root, listing, relative, cache)
        if isinstance(raw, bytes):
            read[relative] = raw
    found = derived.read(cache, repository_key(listing, digests), (derived.LISTING, asked.day, asked.soon))
    try:
        names, rows = found
        if isinstance(names, Names):
            cache.flush(snapshot=False)  # the digests of files read (see listing.digest_of)
            return names, items_of_rows(rows)
    except (TypeError, ValueError):  # not a listing: the application builds it
        pass
    from dothi.data import parallel

    parallel.keep_read(root, read)
    return None


def _write(asked: Asked, names: Names, items: tuple[Item, ...]) -> int | None:
    """The report of the day, written as the application writes it; None when a filter names
    nothing (the application says so)."""
    from dothi.cli.status_out import WRITERS, cut_of, filters_of
    from dothi.cli.terminal import Terminal
    from dothi.cli.units import UnknownUnit
    from dothi.messages import Catalogue
    from dothi.reports.status import report_of

    try:
        filters = filters_of(
            names, asked.leads, asked.states, asked.localities, asked.directives, asked.everything
        )
    except UnknownUnit:
        return None
    report = report_of(names, items, asked.day, asked.soon, filters)
    cut = cut_of(asked.output, asked.limit, asked.whole, asked.quiet, asked.no_pager)
    WRITERS[asked.output](Terminal(asked.color), Catalogue(asked.lang), report, names, cut)
    return 0


__all__ = ["answer", "run"]
