"""What every command shares: the options given before it, the console, the clock read once."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from dothi.calendar.dates import DateError, parse_date
from dothi.cli.terminal import Terminal
from dothi.cli.values import REPORT_DAYS, REPORT_OPTIONS, Clock, count_of, in_report_range
from dothi.messages import Catalogue
from dothi.problem import Text

R = TypeVar("R")

if TYPE_CHECKING:  # imported where used, so that --help and --version start fast
    import typer
    from rich.console import Console

    from dothi.data.cache import FileCache
    from dothi.data.repository import LoadResult, Repository
    from dothi.reports.item import Item

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
STYLES = {"error": "bold red", "warning": "yellow", "source": "", "caret": "bold red", "hint": "cyan"}


def stop(code: int) -> NoReturn:
    """End the run with ``code``, as ``typer.Exit`` does, from a command of the application or
    from a run answered without Typer (``cli/quick_edit``), which does not import it."""
    raise SystemExit(code)


def one_of(names: Sequence[str]) -> str:
    """An option's choices, from the table that has them, for its help to list in the reader's
    language ("{choices}" in the catalogue's text becomes "table, json hoặc md")."""
    return ", ".join(names)


@dataclass
class Session:
    """What every command of one run shares: the root asked for, the catalogue, the colour
    setting, the clock read once, the terminal and the caches opened."""

    root_option: str | None
    catalogue: Catalogue
    color: str
    no_cache: bool = False
    clock: Clock = field(default_factory=Clock)
    _terminal: Terminal | None = field(default=None, repr=False)
    _caches: dict[Path, FileCache] = field(default_factory=dict, repr=False)
    # the cache, the key of the files and the repository whose derived values are kept
    _derived: tuple[FileCache, str, Repository] | None = field(default=None, repr=False)

    @property
    def terminal(self) -> Terminal:
        if self._terminal is None:
            self._terminal = Terminal(self.color)
        return self._terminal

    @property
    def out(self) -> Console:
        return self.terminal.out

    @property
    def err(self) -> Console:
        return self.terminal.err

    def console_like_out(self, stream: object) -> Console:
        return self.terminal.console_like_out(stream)

    def echo(self, text: str, nl: bool = True) -> None:
        self.terminal.echo(text, nl)

    def t(self, key: str, **params: object) -> str:
        return self.catalogue.get(key, **params)

    def usage_error(self, text: Text) -> NoReturn:
        self.fail(text, EXIT_USAGE)

    def fail(self, text: Text, code: int) -> NoReturn:
        self.err.print(self.t("usage.error") + self.catalogue.text(text), markup=False)
        stop(code)

    def check_output(self, action: Callable[[], None]) -> None:
        """Run a check or a write of output files; a refusal or a failure is one message: exit 2,
        or 1 for a full disk (nothing the command line could change)."""
        from dothi.output import OutputError

        try:
            action()
        except OutputError as error:
            self.fail(error.text, EXIT_USAGE if error.usage else EXIT_DATA)

    def root(self) -> Path:
        from dothi.data.listing import NoRepository, find_root

        try:
            return find_root(Path.cwd(), self.root_option)
        except NoRepository as error:
            self.usage_error(error.text)

    def load(self, progress: bool = True, near: bool = False) -> LoadResult:
        """Load with the garbage collector paused: loading makes millions of objects and no cycles.

        The collector would otherwise walk every object made so far, again and again, for nothing
        (a third of the loading time at 10,000 items). What was loaded lives until the process
        ends, so it is frozen out of later collections too. ``near`` (an edit): the snapshot of
        the files as they were a few edits ago may serve (``load_repository``). A whole load is
        kept as the snapshot by an edit too: it is what the next edits start from, and without
        it every edit after the code or a 17th file changed would load the whole repository.
        """
        from dothi.cli.progress import LoadingBar
        from dothi.data.repository import load_repository

        root = self.root()
        cache = self.cache(root)
        bar = LoadingBar(self.err, self.t("progress.loading")) if progress and self.err.is_terminal else None
        gc.disable()
        try:
            result = load_repository(root, cache, bar, near=near)
        finally:
            gc.freeze()
            gc.enable()
            if bar is not None:
                bar.close()
        cache.flush()
        return result

    def build(self, work: Callable[..., R], *args: Any, **options: Any) -> R:
        """``work(*args, **options)`` with the garbage collector paused, as loading pauses it: a
        report, a briefing's pages, or the repository as an edit leaves it, is built of new
        objects that make no cycles (or a few: a briefing at 100,000 items leaves 1,600, freed
        when the collector resumes), and the collector would walk them again and again as they
        grow: a third of building every item of a 100,000-item repository, and 3 s of the Word
        writer's 9 s there."""
        enabled = gc.isenabled()  # a build within a build leaves it paused for the outer one
        gc.disable()
        try:
            done = work(*args, **options)
            self._keep_derived()
            return done
        finally:
            if enabled:
                gc.enable()

    def cache(self, root: Path) -> FileCache:
        """The cache of loaded files, as the environment allows: the core does not read it.

        One per repository for the run, so that an edit's loads share what the command loaded
        (one load per edit). Under CI (``CI=true``) nothing a previous run left in
        ``.dothi-cache`` is believed, and with ``--no-cache`` it is not used either: the cache
        then lives in memory, for this run only.
        """
        from dothi.data.cache import key_folder, open_cache, running_in_ci

        if root not in self._caches:
            keys = None if self.no_cache else key_folder(os.environ)
            self._caches[root] = open_cache(root, keys, trusted=not running_in_ci(os.environ))
        return self._caches[root]

    def repository(self, progress: bool = True) -> Repository:
        """The validated data, or the problems printed (as validate does) and exit 1."""
        result = self.load(progress)
        if result.repository is None:
            self.print_problems(result, self.err)
            self.err.print(self.t("usage.data_errors"), markup=False)
            stop(EXIT_DATA)
        self._share_derived(result, result.repository)
        return result.repository

    def _share_derived(self, result: LoadResult, repository: Repository) -> None:
        """Let the repository find what an earlier run over the same files derived from it (a
        day's items), and remember it, to keep what this run derives (see ``build``)."""
        from dothi.data import derived
        from dothi.reports.item import items_of_rows

        cache = self.cache(result.root)
        if cache.secret is None or not result.key:
            return

        def kept(key: tuple[Any, ...]) -> Any:
            rows = derived.read(cache, result.key, key)
            try:
                return items_of_rows(rows) if isinstance(rows, tuple) else None
            except TypeError:  # rows of another shape: built again
                return None

        repository.derived.kept = kept
        self._derived = (cache, result.key, repository)

    def _keep_derived(self) -> None:
        """Keep what this run derived for the next run: a day asked for a second time, by a run
        that parsed no file. As with the snapshot, a one-off run does not pay for it, and a script
        that steps ``--as-of`` through the days does not write a day's items on every run; a day
        whose items are small (``derived.SMALL``) is kept the first time it is asked."""
        if self._derived is None:
            return
        from dothi.data import derived
        from dothi.reports.item import item_rows, listing_rows

        cache, key, repository = self._derived
        added, repository.derived.added = repository.derived.added, []
        for name in added:
            asked = derived.asked_before(cache, name)  # a run that parsed asks too
            if cache.parsed:
                continue
            limit = derived.MAX_DERIVED if asked else derived.SMALL
            items: tuple[Item, ...] = repository.derived[name]
            rows = item_rows(items)
            if derived.write(cache, key, name, rows, limit):
                # and what a status listing of the day reads, for a run that loads no model
                names = repository.names.keeping(_titles_waited_for(items, repository))
                derived.write(cache, key, (derived.LISTING, *name[1:]), (names, listing_rows(rows)))

    def print_problems(self, result: LoadResult, console: Console) -> None:
        from dothi.render.problems import as_text

        for line, style in as_text(result.problems, result.sources(), self.catalogue):
            console.print(line, style=STYLES[style] or None, markup=False)

    def check_choice(self, option: str, value: str, allowed: Sequence[str]) -> None:
        if value not in allowed:
            self.usage_error(
                Text.of("usage.bad_choice", option=option, value=value, allowed=", ".join(allowed))
            )

    def parse_count(self, option: str, written: str) -> int:
        count = count_of(written)
        if count is None:
            self.usage_error(Text.of("usage.bad_number", option=option, value=written))
        return count

    def known_ids(self, kind: str, given: Sequence[str], known: Sequence[str]) -> list[str]:
        """The ids as given, or a usage error (exit 2) naming the closest known one."""
        from dothi.cli.units import UnknownUnit, known_ids, unknown_unit

        try:
            return known_ids(kind, given, known)
        except UnknownUnit as error:
            unknown_unit(self, error)

    def unknown_id(self, ident: str, known: Sequence[str], kind: str) -> NoReturn:
        from dothi.cli.units import UnknownUnit, nearest, unknown_unit

        unknown_unit(self, UnknownUnit(kind, ident, nearest(ident, known)))

    def parse_day(self, option: str, written: str | None) -> date:
        """A date from the command line; the date of a report must fall within REPORT_DAYS."""
        if written is None:
            return self.clock.today_in_vietnam()
        try:
            day = parse_date(written)
        except DateError as error:
            self.usage_error(Text.of("usage.bad_date", option=option, detail=self.catalogue.text(error.text)))
        first, last = REPORT_DAYS
        if option in REPORT_OPTIONS and not in_report_range(day):
            self.usage_error(
                Text.of(
                    "usage.day_out_of_range",
                    option=option,
                    written=written,
                    first=self.catalogue.day(first),
                    last=self.catalogue.day(last),
                )
            )
        return day

    @classmethod
    def of(cls, ctx: typer.Context) -> Session:
        """The session the ``dothi`` callback made for this run."""
        found = ctx.find_object(cls)
        if found is None:  # pragma: no cover - the callback always sets it
            raise RuntimeError("dothi: no session")
        return found


def _titles_waited_for(items: Sequence[Item], repository: Repository) -> dict[str, str]:
    """The titles of the tasks some item of the day waits for: from the day's items (the waited
    task is one, as a rule), else from the directives, whose models a warm run has not
    unpickled (``snapshot.Deferred``: the whole set at once, 3 s at 100,000 items)."""
    from dothi.reports.item import titles_among

    waited = {item.waiting_for for item in items if item.waiting_for}
    titles = titles_among(items, waited)
    for task in waited - titles.keys():
        if task in repository.names.task_titles:
            titles[task] = repository.names.task_titles[task]
    return titles
