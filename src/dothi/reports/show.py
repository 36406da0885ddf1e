"""``dothi show ID``: one task, assignment, milestone, directive, locality, organization or member.

The report gathers what is recorded and the computed state of every item the entity covers; the
renderer decides how to print it. Ids share namespaces (SPEC §1), so a lookup tries the item
namespace first, then directives, organizations and localities, then members.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dothi.data.models import Directive, Obstacle, Task, Update
from dothi.data.repository import Repository
from dothi.reports.item import Item
from dothi.reports.states import items_as_of


@dataclass(frozen=True)
class Label:
    """A value that is itself a catalogue label (a state, a role), translated when printed."""

    key: str
    params: tuple[tuple[str, str], ...] = ()


FieldValue = str | Label | date | int | float | None


@dataclass(frozen=True)
class Event:
    """One step of an item's story (SPEC §9): on a day, what happened, told by a catalogue key."""

    on: date
    key: str
    params: tuple[tuple[str, str | date | None], ...] = ()


@dataclass(frozen=True)
class Entry:
    """What ``show`` prints: labelled fields, the items with their states, and the history."""

    kind: str
    id: str
    title: str
    fields: list[tuple[str, FieldValue]]
    items: list[Item] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    obstacles: list[Obstacle] = field(default_factory=list)
    story: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class Unknown:
    """``TASK@ORG`` or ``TASK#PERIOD`` naming an assignee or a period that the task does not have.

    ``part`` is "assignee" or "period"; ``known`` the task's assignees, or its periods begun by
    the date (oldest first): both empty when the task has one lead, or is not recurring.
    """

    task: str
    part: str
    given: str
    known: list[str]
    recurring: bool = False


def known_ids(repo: Repository) -> list[str]:
    ids = [task.id for _, task in repo.tasks()]
    ids += [m.id for loc in repo.localities.values() for m in loc.data.roadmap]
    ids += list(repo.directives) + list(repo.organizations) + list(repo.localities)
    return ids + [m.id for m in repo.members.members]


def show(repo: Repository, ident: str, as_of: date) -> Entry | Unknown | None:
    """The entry for ``ident`` as of ``as_of``, or None when no entity has that id.

    ``TASK@ORG`` and ``TASK#PERIOD`` of an existing task whose assignees or periods do not
    include ORG or PERIOD are :class:`Unknown`, not the task: the user asked for something else.
    """
    items = items_as_of(repo, as_of)
    finders: tuple[Callable[[Repository, str, list[Item], date], Entry | Unknown | None], ...] = (
        _item,
        _directive,
        _locality,
        _organization,
        _member,
    )
    for finder in finders:
        found = finder(repo, ident, items, as_of)
        if found is not None:
            return found
    return None


def item_parts(ident: str) -> tuple[str, str | None, str | None]:
    """The task, period and assignee of an item id: ``t1``, ``t1@ha-noi``, ``r#2026-Q1@ha-noi``."""
    head, at, assignee = ident.partition("@")
    task, hash_, period = head.partition("#")
    return task, period if hash_ else None, assignee if at else None


def _covers(wanted: tuple[str, str | None, str | None], item_id: str) -> bool:
    """Whether the item is one of those ``wanted`` names (a part not given matches every value)."""
    task, period, assignee = item_parts(item_id)
    return task == wanted[0] and wanted[1] in (None, period) and wanted[2] in (None, assignee)


def _item(repo: Repository, ident: str, items: list[Item], as_of: date) -> Entry | Unknown | None:
    exact = [item for item in items if item.id == ident]
    # an “each” task shows its assignments; a recurring duty its periods (TASK#2026-Q1…)
    wanted = item_parts(ident)
    mine = exact or [i for i in items if _covers(wanted, i.id)]
    task = _task(repo, wanted[0])
    if not mine:
        if task is None:
            return None
        return _unknown_part(repo, task, wanted, items) or _not_yet_assigned(repo, ident, task, as_of)
    first = mine[0]
    fields: list[tuple[str, FieldValue]] = [
        ("field.kind", Label(f"kind.{first.kind}" if exact else "kind.task")),
        ("field.directive", _directive_label(repo, first.directive)),
        (
            "field.each" if any(i.kind == "assignment" for i in mine) and not exact else "field.lead",
            ", ".join(dict.fromkeys(repo.name_of(i.lead) for i in mine)),
        ),
        ("field.support", ", ".join(repo.name_of(s) for s in first.support) or None),
        ("field.deadline", _deadline(first)),
        ("field.due", first.due if len({i.due for i in mine}) == 1 else None),  # periods differ
    ]
    if exact and first.extended:
        fields.append(("field.original_due", first.original_due))
    if exact and first.carried_from is not None:
        fields.append(("field.carried_from", repo.name_of(first.carried_from)))
    if exact:
        fields += [
            ("field.state", Label(f"state.{first.state.value}")),
            ("field.done_on", first.done_on),
            ("field.done_by", first.done_by),
            ("field.days_overdue", first.days_overdue),
            ("field.result", first.result),
            ("field.source", first.source),
            ("field.note", first.note),
        ]
    elif task is not None:
        fields.append(("field.source", task[1].source))
    if task is not None:
        fields += _task_record_fields(task[1], as_of)
    kind = first.kind if exact else "task"
    title = task[1].title if task is not None and not exact else first.title
    changed = exact and bool(first.extensions or first.transfers or first.carried_from)
    story = _story(repo, first, task, as_of) if changed else []  # told when it changed over time
    return Entry(kind, ident, title, fields, mine, list(first.updates), list(first.obstacles), story)


def _story(repo: Repository, item: Item, task: tuple[Directive, Task] | None, as_of: date) -> list[Event]:
    """The item's story in order: assigned, extended, transferred, carried on, answered, done."""
    events: list[Event] = []
    if task is not None:
        header = task[0].data.directive
        number = header.number or task[0].id
        events.append(Event(header.assigned, "show.story.assigned", (("directive", number),)))
    before = item.original_due
    for granted in item.extensions:
        events.append(
            Event(
                granted.on,
                "show.story.extended",
                (("before", before), ("after", granted.due or granted.deadline), ("by", granted.by)),
            )
        )
        before = granted.due
    lead = task[1].lead if task is not None and task[1].lead else item.lead
    for transfer in item.transfers:
        params = (("before", repo.name_of(lead)), ("after", repo.name_of(transfer.to)), ("by", transfer.by))
        events.append(Event(transfer.on, "show.story.transferred", params))
        lead = transfer.to
    if item.carried_from is not None:
        ending = repo.endings.get(item.carried_from)
        if ending is not None:
            carried = (("before", repo.name_of(item.carried_from)), ("after", repo.name_of(item.lead)))
            events.append(Event(ending.until, "show.story.carried", carried))
    if item.done_on is not None:
        events.append(Event(item.done_on, "show.story.done", (("result", item.result),)))
    elif task is not None and item.state.value == "cancelled" and task[1].cancelled_on is not None:
        reason = (("reason", task[1].cancel_reason),)
        events.append(Event(task[1].cancelled_on, "show.story.cancelled", reason))
    return sorted((e for e in events if e.on <= as_of), key=lambda e: e.on)


def _deadline(item: Item) -> FieldValue:
    """The deadline as written, marked when the document only expected it ("dự kiến")."""
    if item.deadline and item.indicative:
        return Label("status.indicative", (("deadline", item.deadline),))
    return item.deadline


def _task(repo: Repository, task_id: str) -> tuple[Directive, Task] | None:
    return next(((d, t) for d, t in repo.tasks() if t.id == task_id), None)


def _unknown_part(
    repo: Repository,
    found: tuple[Directive, Task],
    wanted: tuple[str, str | None, str | None],
    items: list[Item],
) -> Unknown | None:
    """The assignee or period ``wanted`` names that the task does not have, if any."""
    directive, task = found
    _, period, assignee = wanted
    if assignee is not None:
        assignees = repo.expand(task.each, directive.data.directive.assigned) if task.lead is None else []
        if assignee not in assignees:
            return Unknown(task.id, "assignee", assignee, assignees)
    if period is not None:
        begun = [item_parts(item.id) for item in items]
        periods = list(dict.fromkeys(p for t, p, _ in begun if t == task.id and p is not None))
        if period not in periods:
            return Unknown(task.id, "period", period, periods, task.every is not None)
    return None


def _task_record_fields(task: Task, as_of: date) -> list[tuple[str, FieldValue]]:
    """What the item does not carry: the wording, the progress note, why it was stopped."""
    fields: list[tuple[str, FieldValue]] = [("field.detail", task.detail), ("field.progress", task.progress)]
    if task.status == "cancelled" and (task.cancelled_on is None or task.cancelled_on <= as_of):
        fields += [("field.cancel_reason", task.cancel_reason), ("field.cancelled_on", task.cancelled_on)]
    return fields


def _not_yet_assigned(repo: Repository, ident: str, found: tuple[Directive, Task], as_of: date) -> Entry:
    """A task whose directive came after the date: it exists in the data but not yet then."""
    directive, task = found
    fields: list[tuple[str, FieldValue]] = [
        ("field.directive", _directive_label(repo, directive.id)),
        ("field.deadline", task.deadline.text if task.deadline else None),
        ("field.state", Label("show.not_yet", (("day", directive.data.directive.assigned.isoformat()),))),
    ]
    return Entry("task", ident, task.title, fields)


def _directive_label(repo: Repository, directive_id: str | None) -> str | None:
    if directive_id is None:
        return None
    header = repo.directives[directive_id].data.directive
    return f"{header.number or directive_id} — {header.subject}"


def _directive(repo: Repository, ident: str, items: list[Item], as_of: date) -> Entry | None:
    directive = repo.directives.get(ident)
    if directive is None:
        return None
    header = directive.data.directive
    fields: list[tuple[str, FieldValue]] = [
        ("field.number", header.number),
        ("field.kind", Label(f"directive.{header.kind}")),
        ("field.date", header.date),
        ("field.assigned_on", header.assigned_on),
        ("field.issuer", repo.name_of(header.issuer)),
        ("field.signer", header.signer),
        ("field.url", header.url),
    ]
    mine = [item for item in items if item.directive == ident]
    return Entry("directive", ident, header.subject, fields, mine)


def _locality(repo: Repository, ident: str, items: list[Item], as_of: date) -> Entry | None:
    locality = repo.localities.get(ident)
    if locality is None:
        return None
    data = locality.data
    plan = data.plan
    fields: list[tuple[str, FieldValue]] = [
        ("field.code", data.code),
        ("field.kind", Label(f"locality.{data.kind}")),
        ("field.plan", plan.title if plan else None),
        ("field.plan_kind", Label(f"plan.kind.{plan.kind}") if plan and plan.kind else None),
        ("field.plan_ref", plan.ref if plan else None),
        ("field.plan_status", Label(f"plan.{plan.status if plan else 'unknown'}")),
        ("field.source", plan.source if plan else None),
    ]
    if data.focal_point:
        fields.append(("field.focal_point", f"{data.focal_point.name}, {data.focal_point.title}"))
    total = sum(f.amount / 1000 if f.unit == "triệu đồng" else f.amount for f in data.funding)
    if data.funding:
        fields.append(("field.funding", total))
    mine = [item for item in items if item.lead == ident]
    return Entry("locality", ident, data.name, fields, mine, [], list(data.obstacles))


def _organization(repo: Repository, ident: str, items: list[Item], as_of: date) -> Entry | None:
    org = repo.organizations.get(ident)
    if org is None:
        return None
    fields: list[tuple[str, FieldValue]] = [
        ("field.short", org.short),
        ("field.kind", Label(f"org.{org.kind}")),
    ]
    mine = [item for item in items if item.lead == ident or ident in item.support]
    return Entry("organization", ident, org.name, fields, mine)


def _member(repo: Repository, ident: str, items: list[Item], as_of: date) -> Entry | None:
    member = next((m for m in repo.members.members if m.id == ident), None)
    if member is None:
        return None
    fields: list[tuple[str, FieldValue]] = [
        ("field.title", member.title),
        ("field.role", Label(f"role.{member.role}")),
        ("field.org", repo.name_of(member.org)),
        ("field.since", member.since),
        ("field.until", member.until),
        ("field.email", member.email),
        ("field.phone", member.phone),
    ]
    return Entry("member", ident, member.name, fields)
