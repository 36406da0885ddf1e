"""The edits, each a function on one file's round-trip tree.

A change only says what the data should now hold; whether the result is valid is decided by
validating the whole repository afterwards (the same checks as ``dothi validate``). The refusals
here are the ones no validation would catch: marking done what is done, reopening what is open.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal, cast, get_args

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from dothi.calendar.dates import DateError, format_day_first, parse_date
from dothi.calendar.recurrence import Every, period_of
from dothi.edit.document import Document, add_to_list, append, mapping, remove_key, set_key
from dothi.edit.errors import EditError
from dothi.layout import LOCALITIES_DIR, TASKS_DIR
from dothi.problem import Text

TargetKind = Literal["task", "assignment", "milestone", "locality"]


@dataclass(frozen=True)
class Target:
    """What an id names: a task, one assignee of an ``each`` task, a milestone or a locality."""

    kind: TargetKind
    ident: str  # the task, milestone or locality id
    file: str
    assignee: str | None = None
    period: str | None = None  # one period of a recurring duty: 2026-Q1

    @property
    def label(self) -> str:
        written = f"{self.ident}#{self.period}" if self.period else self.ident
        return f"{written}@{self.assignee}" if self.assignee else written

    @property
    def item(self) -> tuple[str, str] | None:
        """The list and id of the item whose lines a change of it touches (``transaction.edit``);
        None for a locality. A change that writes elsewhere too (a milestone's obstacle is its
        locality's) is found out (``part.faithful``) and made on the whole file."""
        if self.kind == "locality":
            return None
        return ("roadmap" if self.kind == "milestone" else "tasks", self.ident)

    @property
    def answer_keys(self) -> tuple[str, ...]:
        """Where its answer is under ``responses``: by period, then by assignee (when each applies)."""
        return tuple(key for key in (self.period, self.assignee) if key)


def find_target(files: Mapping[str, Any], written: str) -> Target | None:
    """Where ``written`` (an id as ``status`` shows it) lives, from the files' loaded values."""
    base, _, assignee = written.partition("@")
    ident, _, period = base.partition("#")
    for relative, data in files.items():
        if relative.startswith(TASKS_DIR + "/") and _has(data, "tasks", ident):
            kind: TargetKind = "assignment" if assignee else "task"
            return Target(kind, ident, relative, assignee or None, period or None)
        if relative.startswith(LOCALITIES_DIR + "/") and not assignee and not period:
            if _has(data, "roadmap", ident):
                return Target("milestone", ident, relative)
            if relative.rsplit("/", 1)[-1].rsplit(".", 1)[0] == ident:
                return Target("locality", ident, relative)
    return None


def _has(data: Any, key: str, ident: str) -> bool:
    items = data.get(key) if isinstance(data, dict) else None
    return isinstance(items, list) and any(isinstance(i, dict) and i.get("id") == ident for i in items)


def _entity(doc: Document, target: Target) -> CommentedMap:
    found = doc.entity("roadmap" if target.kind == "milestone" else "tasks", target.ident)
    if found is None or target.kind == "locality":  # the file changed since it was looked up
        raise EditError(Text.of("edit.not_found", id=target.label, path=doc.relative))
    return found


def _status(entity: CommentedMap) -> str:
    return str(entity.get("status") or "open")


def done(doc: Document, target: Target, on: date, result: str | None, correct: bool = False) -> bool:
    """Mark done; with ``correct`` (an explicit ``--on``), a done item's date is corrected instead
    of refused. True when it corrected a date."""
    entity = _entity(doc, target)
    if entity.get("each") and not target.assignee:
        raise EditError(Text.of("edit.done_each", id=target.label), usage=True)
    if target.answer_keys:
        current = _answer(doc, target)
        if correct and current is not None and _corrected(doc, current, target, on, result):
            return True
        respond(doc, target, "done", on, result, None)
        return False
    if correct and _corrected(doc, entity, target, on, result):
        return True
    _refuse_closed(entity, target)
    set_key(entity, "status", "done")
    set_key(entity, "done_on", doc.day(on, "done_on"))
    if result:
        set_key(entity, "result", result)
    return False


def _corrected(doc: Document, entity: CommentedMap, target: Target, on: date, result: str | None) -> bool:
    """Correct the done date of what is done (issue 18 item 18); False when it is not done. The
    same date again is no correction: it is refused as already done."""
    if _status(entity) != "done" or "done_on" not in entity:
        return False
    written = entity.get("done_on")
    try:
        same = parse_date(str(written)) == on
    except DateError:
        same = False
    if same:
        _refuse_closed(entity, target)
    set_key(entity, "done_on", doc.day(on, "done_on"))
    if result:
        set_key(entity, "result", result)
    return True


def _refuse_closed(entity: CommentedMap, target: Target) -> None:
    status = _status(entity)
    if status == "cancelled":
        raise EditError(Text.of("edit.already_cancelled", id=target.label, day=""))
    if status == "done":  # said with the day as known: on it, by it at the latest, or not known
        for key, variant in (("done_on", "edit.already_done"), ("done_by", "edit.already_done.by")):
            if key in entity:
                raise EditError(Text.of(variant, id=target.label, day=_day_written(entity.get(key))))
        raise EditError(Text.of("edit.already_done.undated", id=target.label))


def _day_written(value: object) -> str:
    """A day of the file as people read it (15/8/2025), or as written when it is not a date."""
    try:
        return format_day_first(parse_date(str(value)))
    except DateError:
        return str(value)


def respond(
    doc: Document, target: Target, status: str, on: date, result: str | None, note: str | None
) -> None:
    """Record an answer under ``responses``: an assignee's, a period's, or an assignee's in a period."""
    current = _answer(doc, target)
    if current is not None:
        if status == "done":
            _refuse_closed(current, target)
        set_key(current, "status", status)
        done_on = doc.day(on, "done_on") if status == "done" else None
        _set_all(current, done_on=done_on, result=result, note=note)
        return
    answer = mapping(
        status=status, done_on=doc.day(on, "done_on") if status == "done" else None, result=result, note=note
    )
    _place_answer(doc, target, answer)


def _place_answer(doc: Document, target: Target, answer: CommentedMap) -> CommentedMap:
    """Put a new answer where ``target`` names it under ``responses``, making the levels it needs."""
    owner, key = _entity(doc, target), "responses"
    for depth, inner in enumerate(target.answer_keys):
        found = owner.get(key)
        if not isinstance(found, CommentedMap) or not len(found):
            set_key(owner, key, _nested(target.answer_keys[depth:], answer))
            return answer
        owner, key = found, inner
    append(owner, key, answer)
    return answer


def _own_answer(doc: Document, target: Target, on: date) -> CommentedMap:
    """The assignee's answer a dated note about it belongs to (made if absent): in a recurring duty,
    the answer for the period of the note's day."""
    entity = _entity(doc, target)
    every = entity.get("every")
    if target.period is None and isinstance(every, str) and every in get_args(Every):
        target = replace(target, period=period_of(cast(Every, every), on).key)
    found = _answer(doc, target)
    return found if found is not None else _place_answer(doc, target, mapping())


def _nested(keys: tuple[str, ...], answer: CommentedMap) -> CommentedMap:
    """``{2026-Q1: {ha-noi: answer}}`` for keys (2026-Q1, ha-noi), as block mappings."""
    value = answer
    for key in reversed(keys):
        holder = CommentedMap()
        holder[key] = value
        holder.fa.set_block_style()
        value = holder
    return value


def _answer(doc: Document, target: Target) -> CommentedMap | None:
    """The answer ``target`` names under ``responses``, if it is recorded."""
    found: Any = _entity(doc, target).get("responses")
    for key in target.answer_keys:
        found = found.get(key) if isinstance(found, CommentedMap) else None
    return found if isinstance(found, CommentedMap) else None


def _set_all(owner: CommentedMap, **values: Any) -> None:
    for key, value in values.items():
        if value is not None:
            set_key(owner, key, value)


def update(doc: Document, target: Target, on: date, note: str, by: str | None, progress: int | None) -> None:
    entity = _entity(doc, target)
    if target.assignee:  # the assignee's own progress: its answer, not the whole task's
        add_to_list(_own_answer(doc, target, on), "updates", mapping(on=doc.day(on, "on"), note=note, by=by))
    else:
        add_to_list(entity, "updates", mapping(on=doc.day(on, "on"), note=note, by=by))
    if progress is not None:
        set_key(entity, "progress", progress)


def obstacle(doc: Document, target: Target, on: date, text: str, needs: str | None) -> None:
    owner = doc.data if target.kind == "locality" else _entity(doc, target)
    if target.kind == "milestone":  # milestones carry none: the locality does
        owner = doc.data
    if target.assignee:  # the assignee's difficulty, not the whole task's
        owner = _own_answer(doc, target, on)
    add_to_list(owner, "obstacles", mapping(on=doc.day(on, "on"), text=text, needs=needs))


def cancel(doc: Document, target: Target, reason: str, on: date) -> None:
    entity = _entity(doc, target)
    if target.answer_keys:
        respond(doc, target, "cancelled", on, None, None)
        answer = _answer(doc, target)
        if answer is not None:
            set_key(answer, "cancel_reason", reason)
        return
    if _status(entity) == "cancelled":
        raise EditError(Text.of("edit.already_cancelled", id=target.label, day=""))
    set_key(entity, "status", "cancelled")
    set_key(entity, "cancel_reason", reason)
    set_key(entity, "cancelled_on", doc.day(on, "cancelled_on"))


def reopen(doc: Document, target: Target) -> None:
    entity = _entity(doc, target)
    if target.answer_keys:
        answer = _answer(doc, target)
        if answer is None:
            raise EditError(Text.of("edit.already_open", id=target.label))
        entity = answer
    if _status(entity) not in ("done", "cancelled"):
        raise EditError(Text.of("edit.already_open", id=target.label))
    for key in ("done_on", "done_by", "result", "cancel_reason", "cancelled_on"):
        if key in entity:
            remove_key(entity, key)
    set_key(entity, "status", "open")


def extend(doc: Document, target: Target, on: date, deadline: str, by: str | None) -> None:
    """Record an extension (gia hạn) of a task, of one assignee's answer, or of one period's."""
    owner = _entity(doc, target)
    entry = mapping(on=doc.day(on, "on"), deadline=deadline, by=by)
    if target.answer_keys:
        found = _answer(doc, target)
        if found is None:  # no answer yet: one that holds the extension, made whole
            extensions = CommentedSeq([entry])
            extensions.fa.set_block_style()
            _place_answer(doc, target, mapping(extensions=extensions))
            return
        owner = found
    status = _status(owner)
    if status in ("done", "cancelled"):
        raise EditError(Text.of(f"edit.extend_{status}", id=target.label))
    add_to_list(owner, "extensions", entry)


def transfer(doc: Document, target: Target, on: date, to: str, by: str | None) -> None:
    """Record that a lead task passes to another lead (chuyển giao) from ``on``."""
    entity = _entity(doc, target)
    if entity.get("lead") is None or target.answer_keys:
        raise EditError(Text.of("edit.transfer_each", id=target.label), usage=True)
    if to == lead_on(entity, on):
        raise EditError(Text.of("edit.transfer_same", id=target.label, org=to, day=format_day_first(on)))
    add_to_list(entity, "transfers", mapping(on=doc.day(on, "on"), to=to, by=by))


def lead_on(entity: Any, day: date) -> str | None:
    """Who leads a task's raw entry on ``day``: its lead, then the last transfer by then."""
    lead = entity.get("lead") if isinstance(entity, dict) else None
    steps = entity.get("transfers") if isinstance(entity, dict) else None
    dated = []
    for step in steps if isinstance(steps, list) else []:
        try:
            dated.append((parse_date(str(step.get("on"))), str(step.get("to"))))
        except (DateError, AttributeError):
            continue
    for when, to in sorted(dated, key=lambda pair: pair[0]):
        if when <= day:
            lead = to
    return str(lead) if lead is not None else None
