"""``dothi done``, ``update``, ``respond``, ``obstacle``, ``cancel``, ``reopen`` and ``add``.

Each command finds the file that holds the id, then hands one change to the edit transaction,
which writes it as a careful person would, or refuses and writes nothing (``cli/editor.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from dothi.cli import editor as editing
from dothi.cli.context import Session
from dothi.cli.editor import Editor
from dothi.problem import Text

ORG_KINDS = ("government", "ministry", "agency", "enterprise", "other")
ROLES = ("leader", "deputy", "member", "invited")

On = Annotated[str | None, typer.Option("--on")]
DryRun = Annotated[bool, typer.Option("--dry-run")]
ItemId = Annotated[str, typer.Argument(metavar="ID")]


def done_command(
    ctx: typer.Context,
    ident: ItemId,
    on: On = None,
    result: Annotated[str | None, typer.Option("--result")] = None,
    dry_run: DryRun = False,
) -> None:
    """Mark a task or milestone done (for TASK@org: that assignee's answer; TASK#PERIOD: a period's)."""
    editing.mark_done(Session.of(ctx), ident, on, result, dry_run)


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
    editing.add_update(Session.of(ctx), ident, note, on, by, progress, dry_run)


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
    editing.record_answer(Session.of(ctx), task, org, status, on, result, note, dry_run)


def obstacle_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    text: Annotated[str, typer.Argument(metavar="TEXT")],
    on: On = None,
    needs: Annotated[str | None, typer.Option("--needs")] = None,
    dry_run: DryRun = False,
) -> None:
    """Record a difficulty (khó khăn, vướng mắc) of a task or locality."""
    editing.add_obstacle(Session.of(ctx), ident, text, on, needs, dry_run)


def cancel_command(
    ctx: typer.Context,
    ident: ItemId,
    reason: Annotated[str, typer.Option("--reason")],
    on: On = None,
    dry_run: DryRun = False,
) -> None:
    """Stop a task or milestone (dừng thực hiện), saying why."""
    editing.cancel(Session.of(ctx), ident, reason, on, dry_run)


def reopen_command(
    ctx: typer.Context,
    ident: ItemId,
    dry_run: DryRun = False,
) -> None:
    """Open again a task or milestone that was done or stopped."""
    editing.reopen(Session.of(ctx), ident, dry_run)


def extend_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    to: Annotated[str, typer.Option("--to")],
    by: Annotated[str | None, typer.Option("--by")] = None,
    on: On = None,
    dry_run: DryRun = False,
) -> None:
    """Record more time granted (gia hạn): from --on, the task is due by the new deadline."""
    editing.extend(Session.of(ctx), ident, to, by, on, dry_run)


def transfer_command(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID")],
    to: Annotated[str, typer.Option("--to")],
    by: Annotated[str | None, typer.Option("--by")] = None,
    on: On = None,
    dry_run: DryRun = False,
) -> None:
    """Pass a task to another lead (chuyển giao) from --on."""
    editing.transfer(Session.of(ctx), ident, to, by, on, dry_run)


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
    from dothi.edit import additions

    editor = Editor(Session.of(ctx))
    editor.written({"--title": title, "--deadline": deadline})
    if (lead is None) == (not each):
        editor.session.usage_error(Text.of("edit.lead_or_each"))
    task = additions.NewTask(ident, title, lead, tuple(support or ()), tuple(each or ()), deadline)
    with editor.locked(directive):
        relative = _directive_file(editor, directive)
        editor.apply(relative, lambda doc: additions.add_task(doc, task), dry_run)


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
    from dothi.edit import additions
    from dothi.layout import TASKS_DIR

    editor = Editor(Session.of(ctx))
    editor.written({"--number": number, "--subject": subject})
    if not SLUG.match(file_id):
        editor.session.usage_error(Text.of("edit.bad_file_id", id=file_id))
    relative = f"{TASKS_DIR}/{file_id}.yaml"
    given = editor.session.parse_day("--assigned-on", assigned_on) if assigned_on else None
    header = additions.NewDirective(
        number, kind, editor.session.parse_day("--date", day), issuer, subject, given
    )
    editor.apply(relative, None, dry_run, create=lambda: additions.new_directive(relative, header))


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
    from dothi.edit import additions
    from dothi.layout import MEMBERS_FILE

    editor = Editor(Session.of(ctx))
    editor.written({"--name": name, "--short": short})
    editor.new_id(ident)
    editor.session.check_choice("--kind", kind, ORG_KINDS)
    org = additions.NewOrganization(ident, name, kind, short)
    editor.apply(MEMBERS_FILE, lambda doc: additions.add_organization(doc, org), dry_run)


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
    from dothi.edit import additions
    from dothi.layout import MEMBERS_FILE

    editor = Editor(Session.of(ctx))
    editor.written({"--name": name, "--title": title, "--email": email, "--phone": phone})
    editor.new_id(ident)
    editor.session.check_choice("--role", role, ROLES)
    with editor.locked(MEMBERS_FILE):
        bodies = editor.bodies()
        if org not in bodies:
            editor.session.unknown_id(org, bodies, "organization")
        first = editor.session.parse_day("--since", since) if since else None
        member = additions.NewMember(ident, name, title, role, org, first, email, phone)
        editor.apply(MEMBERS_FILE, lambda doc: additions.add_member(doc, member), dry_run)


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
    from dothi.edit import additions
    from dothi.layout import LOCALITIES_DIR

    editor = Editor(Session.of(ctx))
    editor.written({"--name": name, "--code": code})
    editor.new_id(ident)
    editor.session.check_choice("--kind", kind, ("city", "province"))
    relative = f"{LOCALITIES_DIR}/{ident}.yaml"
    locality = additions.NewLocality(name, code, kind)
    editor.apply(relative, None, dry_run, create=lambda: additions.new_locality(relative, locality))


def _directive_file(editor: Editor, directive: str) -> str:
    from dothi.layout import TASKS_DIR

    result = editor.load()
    for relative in result.files:
        if relative.startswith(TASKS_DIR + "/") and relative.rsplit("/", 1)[1].rsplit(".", 1)[0] == directive:
            return relative
    known: Sequence[str] = [
        r.rsplit("/", 1)[1].rsplit(".", 1)[0] for r in result.files if r.startswith(TASKS_DIR + "/")
    ]
    editor.session.unknown_id(directive, known, "directive")


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
