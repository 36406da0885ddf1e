"""``dothi show`` and ``dothi members`` for people: labelled fields, tables, history."""

from __future__ import annotations

from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from dothi.data.repository import Repository
from dothi.messages import Catalogue
from dothi.problem import Text
from dothi.render.status import state_label
from dothi.reports.roster import Roster
from dothi.reports.show import Entry, Event, FieldValue, Label, Unknown


def _value(value: FieldValue, t: Catalogue) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, Label):
        params = {name: t.day(date.fromisoformat(v)) if name == "day" else v for name, v in value.params}
        return t.get(value.key, **params)
    if isinstance(value, date):
        return t.day(value)
    if isinstance(value, int):
        return t.number(value)
    if isinstance(value, float):
        return t.decimal(value)
    return value


LISTED = 20  # a monthly duty of many years has hundreds of periods: name the latest ones


def unknown_part(unknown: Unknown, t: Catalogue, as_of: date) -> Text:
    """Why ``TASK@ORG`` or ``TASK#PERIOD`` is not an id, with what the task does have."""
    if unknown.part == "assignee":
        if not unknown.known:
            return Text.of("show.not_each", task=unknown.task, id=f"{unknown.task}@{unknown.given}")
        shown = unknown.known[:LISTED] + (["…"] if len(unknown.known) > LISTED else [])
        return Text.of(
            "show.unknown_assignee", task=unknown.task, assignee=unknown.given, known=", ".join(shown)
        )
    if not unknown.recurring:
        return Text.of("show.not_recurring", task=unknown.task, period=unknown.given)
    day = t.day(as_of)
    if not unknown.known:
        return Text.of("show.no_period_yet", task=unknown.task, period=unknown.given, day=day)
    shown = (["…"] if len(unknown.known) > LISTED else []) + unknown.known[-LISTED:]
    return Text.of(
        "show.unknown_period", task=unknown.task, period=unknown.given, day=day, known=", ".join(shown)
    )


def entry_view(entry: Entry, repo: Repository, t: Catalogue, as_of: date) -> RenderableType:
    parts: list[RenderableType] = [
        RichText(f"{t.get('entity.kind.' + entry.kind)} {entry.id}: {entry.title}", style="bold"),
        RichText(t.get("show.as_of", day=t.day(as_of)), style="dim"),
    ]
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    for key, raw in entry.fields:
        shown = _value(raw, t)
        if shown is not None:
            fields.add_row(t.get(key), shown)
    parts.append(fields)
    if entry.items and not (len(entry.items) == 1 and entry.items[0].id == entry.id):
        parts.append(_items(entry, repo, t))
    if entry.story:
        parts.append(RichText(t.get("show.story"), style="bold"))
        parts += [RichText(f"  {t.day(event.on)}  {story_line(event, t)}") for event in entry.story]
    if entry.updates:
        parts.append(RichText(t.get("show.updates"), style="bold"))
        parts += [
            RichText(f"  {t.day(u.on)}  {u.note}" + (f" ({u.by})" if u.by else "")) for u in entry.updates
        ]
    if entry.obstacles:
        parts.append(RichText(t.get("show.obstacles"), style="bold"))
        for obstacle in entry.obstacles:
            needs = f" [{t.get('show.needs.' + obstacle.needs)}]" if obstacle.needs else ""
            parts.append(RichText(f"  {t.day(obstacle.on)}  {obstacle.text}{needs}"))
    return Group(*parts)


def story_line(event: Event, t: Catalogue) -> str:
    """One step of the story: a date shown as the language writes dates; an absent document unsaid."""
    params = {name: t.day(v) if isinstance(v, date) else (v or "") for name, v in event.params}
    said = t.get(event.key, **params)
    by = dict(event.params).get("by")
    return said + (t.get("show.story.by", by=by) if isinstance(by, str) and by else "")


def _items(entry: Entry, repo: Repository, t: Catalogue) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        title=t.get("show.items", count=len(entry.items)),
        title_justify="left",
        title_style="bold",
        expand=True,
    )
    table.add_column(t.get("status.col.task"), ratio=1, overflow="fold")
    assignees = all(item.kind == "assignment" for item in entry.items)  # each one's part, not a lead's
    table.add_column(t.get("field.each" if assignees else "status.col.lead"), no_wrap=True)
    table.add_column(t.get("status.col.state_short"), overflow="fold")
    for item in entry.items:
        table.add_row(f"{item.title}\n{item.id}", repo.short_name_of(item.lead), state_label(t, item))
    return table


def roster_view(result: Roster, repo: Repository, t: Catalogue) -> RenderableType:
    parts: list[RenderableType] = [
        RichText(t.get("members.title", group=result.group, day=t.day(result.as_of)), style="bold")
    ]
    for role, members in result.by_role:
        table = Table(
            box=box.SIMPLE_HEAD,
            title=f"{t.get('role.' + role)} ({t.get('members.count', count=len(members))})",
            title_justify="left",
            title_style="bold",
            expand=True,
        )
        for key in ("name", "title", "org"):
            table.add_column(t.get(f"members.col.{key}"), overflow="fold")
        for member in members:
            table.add_row(member.name, member.title, repo.name_of(member.org))
        parts.append(table)
    return Group(*parts)
