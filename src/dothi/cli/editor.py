"""What every edit command does: find the item its id names, check the edit may be made, and
hand one change to the edit transaction, which writes it as a careful person would, or refuses
and writes nothing.

Apart from the commands (``cli/edit.py``) and without Typer, so that an edit can also be
answered before the application is imported (``cli/quick_edit.py``), by the same code.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

from dothi.cli.context import EXIT_DATA, EXIT_USAGE, Session, stop
from dothi.problem import Text

if TYPE_CHECKING:
    from dothi.data.loader import LoadedFile
    from dothi.data.repository import LoadResult
    from dothi.edit.changes import Target
    from dothi.edit.document import Document
    from dothi.edit.errors import EditError
    from dothi.edit.periods import Schedule

STATUSES = ("open", "in_progress", "done", "cancelled")
KINDS_FOR = {
    "done": ("task", "assignment", "milestone"),
    "update": ("task", "assignment", "milestone"),
    "obstacle": ("task", "assignment", "milestone", "locality"),
    "cancel": ("task", "assignment", "milestone"),
    "reopen": ("task", "assignment", "milestone"),
    "extend": ("task", "assignment"),
    "transfer": ("task",),
}
DATED = ("update", "obstacle")  # what they add is dated: it belongs to the period of its day


class _Values(Mapping[str, Any]):
    """The loaded values of the files by path, each read (from the cache) only when asked for:
    an edit needs the file it changes, not the thousands beside it."""

    def __init__(self, files: Mapping[str, LoadedFile]) -> None:
        self.loaded = files

    def __getitem__(self, relative: str) -> Any:
        return self.loaded[relative].data

    def __iter__(self) -> Iterator[str]:
        return iter(self.loaded)

    def __len__(self) -> int:
        return len(self.loaded)


def _likely_files(result: LoadResult, written: str) -> list[str]:
    """The file that holds the id ``written``, as the tables the checks made say (every id with
    the file that defines it), so that looking there finds what looking everywhere would; none
    when the data has errors (an id may then be defined twice) or no file defines the id."""
    from dothi.layout import LOCALITIES_DIR, TASKS_DIR

    known = result.known_tables()
    if known is None:
        return []
    ident = written.partition("@")[0].partition("#")[0]
    found = {known.items.get(ident), known.orgs.get(ident)}  # a task or milestone; a locality
    wanted = {file for file in found if file is not None and file.startswith((TASKS_DIR, LOCALITIES_DIR))}
    return [relative for relative in result.files if relative in wanted]  # looked at in this order


def _schedule(task: dict[str, Any], header: Any, day: date, assignee: str | None) -> Schedule | None:
    """The duty's schedule (``periods.schedule``); the periods' module is imported only for a
    duty that recurs (``every``), not for most edits (2.5 ms, with its dataclass)."""
    if "every" not in task:
        return None
    from dothi.edit.periods import schedule

    return schedule(task, header, day, assignee)


@dataclass
class Editor:
    """One command's edit: the session, and the target its id names."""

    session: Session
    show_diff: bool = False  # print the diff even when writing (a corrected date)
    files: Mapping[str, Any] | None = None  # the loaded values of the files, once an id was looked up
    holding: bool = False  # the repository's lock, for the whole edit (``locked``)
    before: LoadResult | None = None  # the repository as loaded under the lock, while it is held

    @contextlib.contextmanager
    def locked(self, what: str) -> Iterator[None]:
        """Hold the repository's lock from the command's first load to its write: the item is
        looked up in, and the edit validated against, the repository as it is under the lock,
        listed and loaded once. ``what``: the id or the file the command is about, which a
        message about the lock names. Within the block, a second ``locked`` holds nothing more."""
        from dothi.edit.errors import EditError
        from dothi.edit.transaction import locked

        if self.holding:
            yield
            return
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(locked(self.session.root(), what))
            except EditError as error:
                self.refuse(error)
            self.holding = True
            try:
                yield
            finally:
                self.holding, self.before = False, None

    def load(self) -> LoadResult:
        """The repository (a snapshot of a few edits ago may serve); the one the edit starts
        from, when loaded under the lock, which no other edit can change until it is let go."""
        if self.before is not None:
            return self.before
        result = self.session.load(progress=False, near=True)
        if self.holding:
            self.before = result
        return result

    def target(self, command: str, written: str, day: date) -> Target:
        from dothi.edit.changes import find_target

        result = self.load()
        files = _Values(result.files)
        self.files = files
        likely = _likely_files(result, written)
        found = find_target({relative: files[relative] for relative in likely}, written) if likely else None
        found = found or find_target(files, written)
        if found is None and any(data is None for data in files.values()):
            self._unreadable(result)
        if found is None:
            known = [ident for data in files.values() for ident in _ids(data)]
            self.session.unknown_id(written, known, "anything")
        if found.kind not in KINDS_FOR[command]:
            self.session.usage_error(Text.of("edit.wrong_kind", id=written, command=command))
        if found.kind in ("task", "assignment"):
            self._check_period(command, found, files[found.file], day)
        return found

    def _check_period(self, command: str, target: Target, data: Any, day: date) -> None:
        """A recurring duty is edited period by period, a period that it has and that has begun."""
        from dothi.calendar.dates import format_day_first
        from dothi.edit.errors import EditError

        task = next(t for t in data["tasks"] if isinstance(t, dict) and t.get("id") == target.ident)
        try:
            found = _schedule(task, data.get("directive"), day, target.assignee)
        except EditError as error:
            self.refuse(error)
        if found is None:
            if target.period is not None:
                self.session.usage_error(Text.of("edit.not_recurring", id=target.ident, period=target.period))
            return
        if target.period is None:
            self._period_needed(command, target, found)
            return
        period = found.period(target.period, day)
        if isinstance(period, Text):
            self.session.usage_error(period)
        if command in DATED and not period.start <= day <= period.end:
            start, end, on = (format_day_first(d) for d in (period.start, period.end, day))
            self.session.usage_error(
                Text.of("edit.period_day", id=target.ident, period=period.key, day=on, start=start, end=end)
            )
        if task.get("each") and target.assignee is None and command not in DATED:
            self.session.usage_error(Text.of("edit.each_period", id=target.label))

    def _period_needed(self, command: str, target: Target, found: Schedule) -> None:
        """Without a period: a dated note finds its period by its day; anything else names one."""
        from dothi.calendar.recurrence import period_of
        from dothi.edit.errors import EditError
        from dothi.edit.periods import SHOWN, shown

        if command in DATED or (command == "reopen" and found.whole_closed):
            return  # reopening the whole duty undoes what “done TASK” used to write
        keys = found.closed_keys() if command == "reopen" else found.open_keys()
        if command == "reopen" and not keys:
            self.refuse(EditError(Text.of("edit.already_open", id=target.label)))
        example = (keys[-SHOWN:] or [period_of(found.every, found.first).key])[0]
        self.session.usage_error(
            Text.of(
                "edit.period_needed_reopen" if command == "reopen" else "edit.period_needed",
                id=target.ident,
                example=f"{target.ident}#{example}",
                periods=shown(keys) or "—",
            )
        )

    def refuse(self, error: EditError) -> NoReturn:
        said = self.session.catalogue.text(error.text)
        self.session.err.print(self.session.t("usage.error") + said, markup=False)
        stop(EXIT_USAGE if error.usage else EXIT_DATA)

    def written(self, given: Mapping[str, str | None]) -> None:
        """Refuse an empty or blank text (a reason, a note): it would be written as an empty value."""
        for option, value in given.items():
            if value is not None and not value.strip():
                self.session.usage_error(Text.of("edit.blank", option=option))

    def _unreadable(self, result: LoadResult) -> NoReturn:
        """An id may be in a file that cannot be read: say so rather than call the id unknown."""
        from dothi.data.repository import LoadResult

        broken = {relative for relative, loaded in result.files.items() if loaded.data is None}
        problems = [p for p in result.errors if p.file in broken]
        self.session.print_problems(LoadResult(result.root, problems, result.files, None), self.session.err)
        self.session.err.print(self.session.t("edit.fix_first"), markup=False)
        stop(EXIT_DATA)

    def apply(
        self,
        relative: str,
        change: Callable[[Document], None] | None,
        dry_run: bool,
        create: Callable[[], Document] | None = None,
        item: tuple[str, str] | None = None,
    ) -> None:
        from dothi.edit.errors import EditError, Invalid
        from dothi.edit.transaction import edit

        root = self.session.root()
        cache = self.session.cache(root)
        try:
            outcome = self.session.build(
                edit,
                root,
                relative,
                change,
                create=create,
                store=cache,
                dry_run=dry_run,
                item=item,
                before=self.before,
            )
        except EditError as error:
            self.refuse(error)
        except Invalid as refused:
            self.session.print_problems(refused.result, self.session.err)
            self.session.err.print(self.session.t("edit.refused", path=relative), markup=False)
            stop(EXIT_DATA)
        cache.flush(snapshot=False)
        if dry_run or self.show_diff:
            self.session.echo(outcome.diff, nl=False)
        if outcome.warned is not None:  # new warnings are said as new errors are (issue 18 item 10)
            self.session.err.print(self.session.t("edit.warnings"), markup=False)
            self.session.print_problems(outcome.warned, self.session.err)
        if not dry_run:
            self.session.terminal.note(self.session.t("edit.written", path=relative))

    def new_id(self, ident: str) -> None:
        """Refuse an id that is no slug (usage, exit 2)."""
        from dothi.data.models import is_slug

        if not is_slug(ident):
            self.session.usage_error(Text.of("edit.bad_file_id", id=ident))

    def bodies(self) -> list[str]:
        """The ids of the repository's organizations and localities, as its files write them."""
        from dothi.layout import LOCALITIES_DIR, MEMBERS_FILE

        files = self.load().files
        members = files.get(MEMBERS_FILE)
        orgs = members.data.get("organizations") if members and isinstance(members.data, dict) else None
        found = [str(o.get("id")) for o in orgs or [] if isinstance(o, dict) and o.get("id") is not None]
        prefix = LOCALITIES_DIR + "/"
        return found + [r[len(prefix) :].rsplit(".", 1)[0] for r in files if r.startswith(prefix)]

    def day(self, written: str | None) -> date:
        return self.session.parse_day("--on", written)

    def edit_item(
        self,
        command: str,
        ident: str,
        on: str | None,
        dry_run: bool,
        change: Callable[[Document, Target, date], None],
        done: bool = False,
    ) -> None:
        """The usual command: read --on, find the item, apply the change to its file; ``done``:
        the day is a done date, which cannot be in the future nor before the assignment."""
        day = self.day(on)
        with self.locked(ident):
            target = self.target(command, ident, day)
            if done:
                self.possible_done_day(target, day)
            self.apply(target.file, lambda doc: change(doc, target, day), dry_run, item=target.item)

    def possible_done_day(self, target: Target, day: date) -> None:
        """Refuse a done date that cannot be true: after today in Vietnam, or before the task was
        assigned (issue 18 item 10)."""
        from dothi.calendar.dates import DateError, format_day_first, parse_date

        today = self.session.clock.today_in_vietnam()
        if day > today:
            shown, now = format_day_first(day), format_day_first(today)
            self.session.usage_error(Text.of("edit.future_day", option="--on", day=shown, today=now))
        header = (self.files or {}).get(target.file)
        header = header.get("directive") if isinstance(header, dict) else None
        if not isinstance(header, dict):
            return  # a milestone: no directive assigned it
        try:
            assigned = parse_date(str(header.get("assigned_on") or header.get("date")))
        except DateError:
            return  # the file's own problem, which validation reports
        if day < assigned:
            self.session.usage_error(
                Text.of(
                    "edit.before_assigned",
                    option="--on",
                    day=format_day_first(day),
                    id=target.label,
                    assigned=format_day_first(assigned),
                )
            )


def _ids(data: object) -> list[str]:
    if not isinstance(data, dict):
        return []
    found = []
    for key in ("tasks", "roadmap"):
        for item in data.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found.append(item["id"])
    return found


def mark_done(session: Session, ident: str, on: str | None, result: str | None, dry_run: bool) -> None:
    """``dothi done``: mark a task or milestone done (for TASK@org: that assignee's answer;
    TASK#PERIOD: a period's)."""
    from dothi.edit import changes

    editor = Editor(session)
    editor.written({"--result": result})

    def change(doc: Document, target: Target, day: date) -> None:
        # an explicit --on on a done item corrects its date, and the diff is shown
        editor.show_diff = changes.done(doc, target, day, result, correct=on is not None)

    editor.edit_item("done", ident, on, dry_run, change, done=True)


def add_update(
    session: Session,
    ident: str,
    note: str,
    on: str | None,
    by: str | None,
    progress: int | None,
    dry_run: bool,
) -> None:
    """``dothi update``: add a progress note to a task or milestone."""
    from dothi.edit import changes

    editor = Editor(session)
    editor.written({"NOTE": note, "--by": by})
    editor.edit_item(
        "update",
        ident,
        on,
        dry_run,
        lambda doc, target, day: changes.update(doc, target, day, note, by, progress),
    )


def record_answer(
    session: Session,
    task: str,
    org: str,
    status: str,
    on: str | None,
    result: str | None,
    note: str | None,
    dry_run: bool,
) -> None:
    """``dothi respond``: record an assignee's answer to an “each” task."""
    from dothi.edit import changes

    editor = Editor(session)
    session.check_choice("--status", status, STATUSES)
    editor.written({"--result": result, "--note": note})
    editor.edit_item(
        "done",
        f"{task}@{org}",
        on,
        dry_run,
        lambda doc, target, day: changes.respond(doc, target, status, day, result, note),
        done=status == "done",
    )


def add_obstacle(
    session: Session, ident: str, text: str, on: str | None, needs: str | None, dry_run: bool
) -> None:
    """``dothi obstacle``: record a difficulty (khó khăn, vướng mắc) of a task or locality."""
    from dothi.edit import changes

    editor = Editor(session)
    editor.written({"TEXT": text})
    if needs is not None:
        session.check_choice("--needs", needs, ("group", "pm"))
    editor.edit_item(
        "obstacle",
        ident,
        on,
        dry_run,
        lambda doc, target, day: changes.obstacle(doc, target, day, text, needs),
    )


def cancel(session: Session, ident: str, reason: str, on: str | None, dry_run: bool) -> None:
    """``dothi cancel``: stop a task or milestone (dừng thực hiện), saying why."""
    from dothi.edit import changes

    editor = Editor(session)
    editor.written({"--reason": reason})
    editor.edit_item(
        "cancel", ident, on, dry_run, lambda doc, target, day: changes.cancel(doc, target, reason, day)
    )


def reopen(session: Session, ident: str, dry_run: bool) -> None:
    """``dothi reopen``: open again a task or milestone that was done or stopped."""
    from dothi.edit import changes

    Editor(session).edit_item(
        "reopen", ident, None, dry_run, lambda doc, target, _: changes.reopen(doc, target)
    )


def extend(session: Session, ident: str, to: str, by: str | None, on: str | None, dry_run: bool) -> None:
    """``dothi extend``: record more time granted (gia hạn) from ``on``."""
    from dothi.calendar.dates import DateError
    from dothi.calendar.deadline import parse_deadline
    from dothi.edit import changes

    editor = Editor(session)
    editor.written({"--to": to, "--by": by})
    try:
        parse_deadline(to)
    except DateError as error:
        session.usage_error(error.text)
    editor.edit_item(
        "extend", ident, on, dry_run, lambda doc, target, day: changes.extend(doc, target, day, to, by)
    )


def transfer(session: Session, ident: str, to: str, by: str | None, on: str | None, dry_run: bool) -> None:
    """``dothi transfer``: pass a task to another lead (chuyển giao) from ``on``."""
    from dothi.edit import changes

    editor = Editor(session)
    editor.written({"--by": by})
    with editor.locked(ident):
        bodies = editor.bodies()
        if to not in bodies:
            session.unknown_id(to, bodies, "organization")
        editor.edit_item(
            "transfer",
            ident,
            on,
            dry_run,
            lambda doc, target, day: changes.transfer(doc, target, day, to, by),
        )
