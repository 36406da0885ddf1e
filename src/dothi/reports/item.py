"""An item and its state: what the states engine makes and every report reads.

Apart from the engine (``states``), which needs the models to build them, so that a run that
reads items kept by an earlier one (``dothi status`` on unchanged files, see ``cli/quick``)
imports no Pydantic: the model classes an item holds (updates, obstacles, transfers) are named
here for the type checker only.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dothi.data.models import Obstacle, Transfer, Update


class State(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DONE_UNDATED = "done_undated"  # done, but only the latest possible day is known (SPEC §10)
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    ONGOING = "ongoing"
    NO_DEADLINE = "no_deadline"  # not done, and the directive sets no deadline at all
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"  # nothing is known of it (Chưa có thông tin)


STATES = tuple(State)
DONE_STATES = frozenset({State.DONE_ON_TIME, State.DONE_LATE, State.DONE_UNDATED})
OPEN_STATES = frozenset({State.IN_PROGRESS, State.OVERDUE, State.ONGOING, State.NO_DEADLINE})
ItemKind = Literal["task", "assignment", "milestone"]


@dataclass(frozen=True, slots=True)
class Granted:
    """An extension (gia hạn) with the due date it sets: from ``on``, the item is due on ``due``."""

    on: date
    deadline: str
    due: date | None
    by: str | None = None
    note: str | None = None


@dataclass(slots=True)
class Item:
    """One tracked piece of work and its state as of the report's date.

    Nothing changes an item once the engine has built it; the class is not frozen only because a
    frozen class's construction, one ``object.__setattr__`` per field, made a quarter of the
    engine's time (it builds every item of the repository for every report).
    """

    id: str
    title: str
    kind: ItemKind
    directive: str | None
    lead: str
    support: tuple[str, ...]
    deadline: str | None
    due: date | None
    state: State
    due_soon: bool
    days_overdue: int | None
    done_on: date | None
    last_update: date | None
    stale: bool
    updates: tuple[Update, ...]
    obstacles: tuple[Obstacle, ...]
    result: str | None

    days_left: int | None
    waiting_for: str | None = None  # the task whose completion starts this item's deadline
    done_by: date | None = None  # done_undated: the latest day it can have been done
    indicative: bool = False  # the deadline is only what the document expected ("dự kiến")
    source: str | None = None  # where the item or its answer is known from
    note: str | None = None  # the assignee's answer's note (``respond --note``)
    original_due: date | None = None  # the due date before any extension (SPEC §9)
    extended: bool = False  # an extension is in force as of the report's date
    extensions: tuple[Granted, ...] = ()  # those granted by the report's date, in order
    transfers: tuple[Transfer, ...] = ()  # the lead's changes by the report's date, in order
    carried_from: str | None = None  # the body that ended, whose open item its successor carries

    @property
    def done(self) -> bool:
        return self.state in DONE_STATES


_ITEM_FIELDS = tuple(field.name for field in fields(Item))


# The fields whose values repeat from item to item (a lead, a deadline, a day, a state), each
# field's values of one kind and hashable.
SHARED_FIELDS = frozenset(
    {
        "title",
        "kind",
        "directive",
        "lead",
        "support",
        "deadline",
        "due",
        "state",
        "done_on",
        "last_update",
        "result",
        "waiting_for",
        "done_by",
        "source",
        "original_due",
        "carried_from",
    }
)


def item_rows(items: Sequence[Item]) -> tuple[tuple[object, ...], ...]:
    """Items as rows of their fields, in order: what the CLI's store keeps (a tuple is read back
    three times faster than the object it stood for).

    The equal values of a field that repeats are made one object: pickle writes an object it
    has written before as a reference to it, so a day's items at 100,000 items take 13 MB
    instead of 17 and are read back in two thirds of the time.
    """
    columns = [[getattr(item, name) for item in items] for name in _ITEM_FIELDS]
    for index, name in enumerate(_ITEM_FIELDS):
        if name in SHARED_FIELDS:
            seen: dict[object, object] = {}
            columns[index] = list(map(seen.setdefault, columns[index], columns[index]))
    return tuple(zip(*columns, strict=True))


def items_of_rows(rows: Sequence[Sequence[object]]) -> tuple[Item, ...]:
    """The items ``item_rows`` gave; TypeError when a row is not one."""
    return tuple(Item(*row) for row in rows)  # type: ignore[arg-type]


# The fields of an item that hold models: what a listing of items never prints.
MODEL_FIELDS = frozenset({"updates", "obstacles", "transfers"})


def listing_rows(rows: Sequence[tuple[object, ...]]) -> tuple[tuple[object, ...], ...]:
    """Rows of ``item_rows`` with the items' updates, obstacles and transfers left empty: what a
    status listing reads, kept for a run that imports no model (``cli/quick``)."""
    empty = [index for index, name in enumerate(_ITEM_FIELDS) if name in MODEL_FIELDS]
    listed = []
    for row in rows:
        values = list(row)
        for index in empty:
            values[index] = ()
        listed.append(tuple(values))
    return tuple(listed)


def titles_among(items: Sequence[Item], tasks: Collection[str]) -> dict[str, str]:
    """The titles of those of ``tasks`` that are among a day's ``items``: a task with one lead is
    an item of its own id, an ``each`` task one per assignee (``TASK@ORG``), with its title. (A
    recurring duty's items carry their period in their titles: they are not counted.)"""
    found: dict[str, str] = {}
    for item in items:
        task = item.id.partition("@")[0] if item.kind == "assignment" else item.id
        if item.kind != "milestone" and task in tasks and "#" not in item.id:
            found.setdefault(task, item.title)
    return found
