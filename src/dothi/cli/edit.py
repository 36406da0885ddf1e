"""``dothi done``, ``update``, ``respond``, ``obstacle``, ``cancel``, ``reopen`` and ``add``.

Each command finds the file that holds the id, then hands one change to the edit transaction,
which writes it as a careful person would, or refuses and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from dothi.cli.context import EXIT_DATA, EXIT_USAGE, Session
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
ORG_KINDS = ("government", "ministry", "agency", "enterprise", "other")
ROLES = ("leader", "deputy", "member", "invited")

On = Annotated[str | None, typer.Option("--on")]
DryRun = Annotated[bool, typer.Option("--dry-run")]
ItemId = Annotated[str, typer.Argument(metavar="ID")]


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
    found = (known.items.get(ident), known.orgs.get(ident))  # a task or milestone; a locality
    return [file for file in found if file is not None and file.startswith((TASKS_DIR, LOCALITIES_DIR))]


@dataclass
class Editor:
    """One command's edit: the session, and the target its id names."""

    session: Session
    show_diff: bool = False  # print the diff even when writing (a corrected date)
    files: Mapping[str, Any] | None = None  # the loaded values of the files, once an id was looked up

    def target(self, command: str, written: str, day: date) -> Target:
        from dothi.edit.changes import find_target

        result = self.session.load(progress=False, snapshot=False)
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
        from dothi.edit.periods import schedule

        task = next(t for t in data["tasks"] if isinstance(t, dict) and t.get("id") == target.ident)
        try:
            found = schedule(task, data.get("directive"), day, target.assignee)
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
        raise typer.Exit(EXIT_USAGE if error.usage else EXIT_DATA)

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
        raise typer.Exit(EXIT_DATA)

    def apply(
        self,
        relative: str,
        change: Callable[[Document], None] | None,
        dry_run: bool,
        create: Callable[[], Document] | None = None,
    ) -> None:
        from dothi.edit.errors import EditError, Invalid
        from dothi.edit.transaction import edit

        root = self.session.root()
        cache = self.session.cache(root)
        try:
            outcome = self.session.build(
                edit, root, relative, change, create=create, store=cache, dry_run=dry_run
            )
        except EditError as error:
            self.refuse(error)
        except Invalid as refused:
            self.session.print_problems(refused.result, self.session.err)
            self.session.err.print(self.session.t("edit.refused", path=relative), markup=False)
            raise typer.Exit(EXIT_DATA) from None
        cache.flush(snapshot=False)
        if dry_run or self.show_diff:
            typer.echo(outcome.diff, nl=False)
        if outcome.warned is not None:  # new warnings are said as new errors are (issue 18 item 10)
            self.session.err.print(self.session.t("edit.warnings"), markup=False)
            self.session.print_problems(outcome.warned, self.session.err)
        if not dry_run:
            self.session.err.print(self.session.t("edit.written", path=relative), markup=False)

    def new_id(self, ident: str) -> None:
        """Refuse an id that is no slug (usage, exit 2)."""
        from dothi.data.models import is_slug

        if not is_slug(ident):
            self.session.usage_error(Text.of("edit.bad_file_id", id=ident))

    def bodies(self) -> list[str]:
        """The ids of the repository's organizations and localities, as its files write them."""
        from dothi.layout import LOCALITIES_DIR, MEMBERS_FILE

        files = self.session.load(progress=False, snapshot=False).files
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
        target = self.target(command, ident, day)
        if done:
            self.possible_done_day(target, day)
        self.apply(target.file, lambda doc: change(doc, target, day), dry_run)

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


def done_command(
    ctx: typer.Context,
    ident: ItemId,
    on: On = None,
    result: Annotated[str | None, typer.Option("--result")] = None,
    dry_run: DryRun = False,
) -> None:
    """Mark a task or milestone done (for TASK@org: that assignee's answer; TASK#PERIOD: a period's)."""
    from dothi.edit import changes

    editor = Editor(Session.of(ctx))
    editor.written({"--result": result})

    def change(doc: Document, target: Target, day: date) -> None:
        # an explicit --on on a done item corrects its date, and the diff is shown
        editor.show_diff = changes.done(doc, target, day, result, correct=on is not None)

    editor.edit_item("done", ident, on, dry_run, change, done=True)


def update_command(
    ctx: typer.Context,
    ident: ItemId,
    note: Annotated[str, typer.Argument(metavar="NOTE")],
    on: On = None,
    by: Annotated[str | None, typer.Option("--by")] = None,
    progress: Annotated[int | None, typer.Option("--progress")] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a progress note to a task or milestone."""
    from dothi.edit import changes

    editor = Editor(Session.of(ctx))
    editor.written({"NOTE": note, "--by": by})
    editor.edit_item(
        "update",
        ident,
        on,
        dry_run,
        lambda doc, target, day: changes.update(doc, target, day, note, by, progress),
    )


def respond_command(
    ctx: typer.Context,
    task: Annotated[str, typer.Argument(metavar="TASK")],
    org: Annotated[str, typer.Argument(metavar="ORG")],
    status: Annotated[str, typer.Option("--status")],
    on: On = None,
    result: Annotated[str | None, typer.Option("--result")] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    dry_run: DryRun = False,
) -> None:
    """Record an assignee's answer to an “each” task."""
    from dothi.edit import changes

    editor = Editor(Session.of(ctx))
    editor.session.check_choice("--status", status, STATUSES)
    editor.written({"--result": result, "--note": note})
    editor.edit_item(
        "done",
        f"{task}@{org}",
        on,
        dry_run,
        lambda doc, target, day: changes.respond(doc, target, status, day, result, note),
        done=status == "done",
    )


def obstacle_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    text: Annotated[str, typer.Argument(metavar="TEXT")],
    on: On = None,
    needs: Annotated[str | None, typer.Option("--needs")] = None,
    dry_run: DryRun = False,
) -> None:
    """Record a difficulty (khó khăn, vướng mắc) of a task or locality."""
    from dothi.edit import changes

    editor = Editor(Session.of(ctx))
    editor.written({"TEXT": text})
    if needs is not None:
        editor.session.check_choice("--needs", needs, ("group", "pm"))
    editor.edit_item(
        "obstacle",
        ident,
        on,
        dry_run,
        lambda doc, target, day: changes.obstacle(doc, target, day, text, needs),
    )


def cancel_command(
    ctx: typer.Context,
    ident: ItemId,
    reason: Annotated[str, typer.Option("--reason")],
    on: On = None,
    dry_run: DryRun = False,
) -> None:
    """Stop a task or milestone (dừng thực hiện), saying why."""
    from dothi.edit import changes

    editor = Editor(Session.of(ctx))
    editor.written({"--reason": reason})
    editor.edit_item(
        "cancel", ident, on, dry_run, lambda doc, target, day: changes.cancel(doc, target, reason, day)
    )


def reopen_command(
    ctx: typer.Context,
    ident: ItemId,
    dry_run: DryRun = False,
) -> None:
    """Open again a task or milestone that was done or stopped."""
    from dothi.edit import changes

    Editor(Session.of(ctx)).edit_item(
        "reopen", ident, None, dry_run, lambda doc, target, _: changes.reopen(doc, target)
    )


def extend_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    to: Annotated[str, typer.Option("--to")],
    by: Annotated[str | None, typer.Option("--by")] = None,
    on: On = None,
    dry_run: DryRun = False,
) -> None:
    """Record more time granted (gia hạn): from --on, the task is due by the new deadline."""
    from dothi.calendar.dates import DateError
    from dothi.calendar.deadline import parse_deadline
    from dothi.edit import changes

    editor = Editor(Session.of(ctx))
    editor.written({"--to": to, "--by": by})
    try:
        parse_deadline(to)
    except DateError as error:
        editor.session.usage_error(error.text)
    editor.edit_item(
        "extend", ident, on, dry_run, lambda doc, target, day: changes.extend(doc, target, day, to, by)
    )


def transfer_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    to: Annotated[str, typer.Option("--to")],
    by: Annotated[str | None, typer.Option("--by")] = None,
    on: On = None,
    dry_run: DryRun = False,
) -> None:
    """Pass a task to another lead (chuyển giao) from --on."""
    from dothi.edit import changes

    editor = Editor(Session.of(ctx))
    editor.written({"--by": by})
    bodies = editor.bodies()
    if to not in bodies:
        editor.session.unknown_id(to, bodies, "organization")
    editor.edit_item(
        "transfer", ident, on, dry_run, lambda doc, target, day: changes.transfer(doc, target, day, to, by)
    )


add_app = typer.Typer(no_args_is_help=True)


@add_app.command("task")
def add_task_command(
    ctx: typer.Context,
    directive: Annotated[str, typer.Option("--directive")],
    ident: Annotated[str, typer.Option("--id")],
    title: Annotated[str, typer.Option("--title")],
    lead: Annotated[str | None, typer.Option("--lead")] = None,
    support: Annotated[list[str] | None, typer.Option("--support")] = None,
    each: Annotated[list[str] | None, typer.Option("--each")] = None,
    deadline: Annotated[str | None, typer.Option("--deadline")] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a task to a directive's file."""
    from dothi.edit import changes

    editor = Editor(Session.of(ctx))
    editor.written({"--title": title, "--deadline": deadline})
    if (lead is None) == (not each):
        editor.session.usage_error(Text.of("edit.lead_or_each"))
    relative = _directive_file(editor.session, directive)
    task = changes.NewTask(ident, title, lead, tuple(support or ()), tuple(each or ()), deadline)
    editor.apply(relative, lambda doc: changes.add_task(doc, task), dry_run)


@add_app.command("directive")
def add_directive_command(
    ctx: typer.Context,
    file_id: Annotated[str, typer.Argument(metavar="FILE_ID")],
    number: Annotated[str, typer.Option("--number")],
    kind: Annotated[str, typer.Option("--kind")],
    day: Annotated[str, typer.Option("--date")],
    issuer: Annotated[str, typer.Option("--issuer")],
    subject: Annotated[str, typer.Option("--subject")],
    assigned_on: Annotated[str | None, typer.Option("--assigned-on")] = None,
    dry_run: DryRun = False,
) -> None:
    """Start a new directive file (data/tasks/FILE_ID.yaml)."""
    from dothi.data.models import SLUG
    from dothi.edit import changes
    from dothi.layout import TASKS_DIR

    editor = Editor(Session.of(ctx))
    editor.written({"--number": number, "--subject": subject})
    if not SLUG.match(file_id):
        editor.session.usage_error(Text.of("edit.bad_file_id", id=file_id))
    relative = f"{TASKS_DIR}/{file_id}.yaml"
    given = editor.session.parse_day("--assigned-on", assigned_on) if assigned_on else None
    header = changes.NewDirective(
        number, kind, editor.session.parse_day("--date", day), issuer, subject, given
    )
    editor.apply(relative, None, dry_run, create=lambda: changes.new_directive(relative, header))


@add_app.command("org")
def add_org_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    name: Annotated[str, typer.Option("--name")],
    kind: Annotated[str, typer.Option("--kind")],
    short: Annotated[str | None, typer.Option("--short")] = None,
    dry_run: DryRun = False,
) -> None:
    """Add an organization to data/members.yaml."""
    from dothi.edit import changes
    from dothi.layout import MEMBERS_FILE

    editor = Editor(Session.of(ctx))
    editor.written({"--name": name, "--short": short})
    editor.new_id(ident)
    editor.session.check_choice("--kind", kind, ORG_KINDS)
    org = changes.NewOrganization(ident, name, kind, short)
    editor.apply(MEMBERS_FILE, lambda doc: changes.add_organization(doc, org), dry_run)


@add_app.command("member")
def add_member_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    name: Annotated[str, typer.Option("--name")],
    title: Annotated[str, typer.Option("--title")],
    role: Annotated[str, typer.Option("--role")],
    org: Annotated[str, typer.Option("--org")],
    since: Annotated[str | None, typer.Option("--since")] = None,
    email: Annotated[str | None, typer.Option("--email")] = None,
    phone: Annotated[str | None, typer.Option("--phone")] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a member of the group to data/members.yaml."""
    from dothi.edit import changes
    from dothi.layout import MEMBERS_FILE

    editor = Editor(Session.of(ctx))
    editor.written({"--name": name, "--title": title, "--email": email, "--phone": phone})
    editor.new_id(ident)
    editor.session.check_choice("--role", role, ROLES)
    bodies = editor.bodies()
    if org not in bodies:
        editor.session.unknown_id(org, bodies, "organization")
    first = editor.session.parse_day("--since", since) if since else None
    member = changes.NewMember(ident, name, title, role, org, first, email, phone)
    editor.apply(MEMBERS_FILE, lambda doc: changes.add_member(doc, member), dry_run)


@add_app.command("locality")
def add_locality_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    name: Annotated[str, typer.Option("--name")],
    code: Annotated[str, typer.Option("--code")],
    kind: Annotated[str, typer.Option("--kind")],
    dry_run: DryRun = False,
) -> None:
    """Start a new locality file (data/localities/ID.yaml)."""
    from dothi.edit import changes
    from dothi.layout import LOCALITIES_DIR

    editor = Editor(Session.of(ctx))
    editor.written({"--name": name, "--code": code})
    editor.new_id(ident)
    editor.session.check_choice("--kind", kind, ("city", "province"))
    relative = f"{LOCALITIES_DIR}/{ident}.yaml"
    locality = changes.NewLocality(name, code, kind)
    editor.apply(relative, None, dry_run, create=lambda: changes.new_locality(relative, locality))


def _directive_file(session: Session, directive: str) -> str:
    from dothi.layout import TASKS_DIR

    result = session.load(progress=False, snapshot=False)
    for relative in result.files:
        if relative.startswith(TASKS_DIR + "/") and relative.rsplit("/", 1)[1].rsplit(".", 1)[0] == directive:
            return relative
    known: Sequence[str] = [
        r.rsplit("/", 1)[1].rsplit(".", 1)[0] for r in result.files if r.startswith(TASKS_DIR + "/")
    ]
    session.unknown_id(directive, known, "directive")


def register(app: typer.Typer) -> None:
    app.command("done")(done_command)
    app.command("update")(update_command)
    app.command("respond")(respond_command)
    app.command("obstacle")(obstacle_command)
    app.command("cancel")(cancel_command)
    app.command("reopen")(reopen_command)
    app.command("extend")(extend_command)
    app.command("transfer")(transfer_command)
    app.add_typer(add_app, name="add")
