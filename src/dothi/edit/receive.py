"""``receive``: the answers of a filled form, checked all first, then recorded through the edits.

A form comes from outside: every cell is data, read as written (a formula as its text, never
evaluated) and checked before anything is written. Each row becomes the edit commands' changes
(``changes.done``, ``update``, ``obstacle``), grouped by the file that holds the item, and the
files' changes go through one edit transaction (``transaction.edit_files``): validated together,
as the repository would be after all of them, and written all or none. An answer already
recorded (the item done, the same note, the same difficulty) is not recorded again, so receiving
a form twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dothi.calendar.dates import DateError, format_day_first, parse_date
from dothi.data.loader import Store
from dothi.data.repository import LoadResult, Repository
from dothi.edit import changes
from dothi.edit.changes import Target, find_target
from dothi.edit.document import Document
from dothi.edit.errors import EditError
from dothi.edit.transaction import Outcome, edit_files
from dothi.messages import Catalogue
from dothi.problem import Text
from dothi.render.outreach import identity
from dothi.render.xlsx import TO_FILL, Answer, Form, FormError, read_form
from dothi.reports.item import Item
from dothi.reports.states import items_as_of
from dothi.text import fold

DONE_WORDS = frozenset({"da hoan thanh", "hoan thanh", "done", "completed", "complete", "finished"})
GOING_WORDS = frozenset({"dang thuc hien", "in progress", "in_progress", "ongoing", "chua hoan thanh"})


class Refused(Exception):
    """The form cannot be recorded: every reason, each naming its file (and cell)."""

    def __init__(self, texts: Sequence[Text]) -> None:
        super().__init__(texts[0].key if texts else "")
        self.texts = tuple(texts)


@dataclass(frozen=True)
class Planned:
    """What one row of the form asks to record about one item."""

    target: Target
    done_on: date | None
    result: str | None
    note: str | None
    obstacle: str | None

    @property
    def count(self) -> int:
        return sum(1 for value in (self.done_on, self.note, self.obstacle) if value is not None)


@dataclass
class Received:
    """What receiving one form did (or, in a dry run, would do)."""

    outcomes: list[Outcome] = field(default_factory=list)
    answered: int = 0  # rows with an answer: none is a blank form, not answers already recorded
    recorded: int = 0
    kept: list[str] = field(default_factory=list)  # items already done: the record stands


@dataclass(frozen=True)
class Where:
    """The form being read, for the messages: its file name and sheet."""

    file: str
    sheet: str

    def cell(self, answer: Answer, column: str, detail: str, **params: object) -> Text:
        cell = answer.where(column) or f"{answer.row}"
        return Text.of(
            "receive.error.cell", file=self.file, cell=cell, sheet=self.sheet, detail_key=detail, **params
        )


def receive(
    root: Path,
    path: Path,
    raw: bytes,
    repo: Repository,
    files: Mapping[str, Any],
    today: date,
    catalogues: Sequence[Catalogue],
    store: Store | None = None,
    dry_run: bool = False,
    before: LoadResult | None = None,
) -> Received:
    """Read the form, plan every answer, then record them all or none (raises Refused, EditError
    or Invalid when refused; nothing is then written). ``before``: the repository ``repo`` and
    ``files`` come from, loaded holding the repository's lock (``transaction.locked``), which
    the caller still holds; without it, recording takes the lock."""
    try:
        form = read_form(raw, catalogues)
    except FormError as error:
        raise Refused(
            [
                Text.of(
                    "receive.error.file", file=path.name, detail_key=error.text.key, **dict(error.text.params)
                )
            ]
        ) from None
    expected = identity(repo)
    if form.identity is not None and form.identity.startswith("dothi:") and form.identity != expected:
        text = Text.of("receive.error.other_repo", found=form.identity, expected=expected)
        raise Refused(
            [Text.of("receive.error.file", file=path.name, detail_key=text.key, **dict(text.params))]
        )
    items = {item.id: item for item in items_as_of(repo, today)}
    planned = _plan(form, Where(path.name, form.sheet), files, items)
    return _record(root, planned, repo, items, today, store, dry_run, before)


def _plan(form: Form, where: Where, files: Mapping[str, Any], items: Mapping[str, Item]) -> list[Planned]:
    errors: list[Text] = []
    planned: list[Planned] = []
    for answer in form.answers:
        found = _row(answer, where, files, errors)
        if found is not None:
            planned.append(found)
    if errors:
        raise Refused(errors)
    return planned


def _row(answer: Answer, where: Where, files: Mapping[str, Any], errors: list[Text]) -> Planned | None:
    written = _text(answer.value("id"))
    filled = any(_text(answer.value(name)) is not None for name in TO_FILL)
    if written is None:
        if filled:
            errors.append(where.cell(answer, "id", "receive.error.no_id"))
        return None
    if not filled:
        return None
    target = find_target(files, written)
    if target is None or target.kind == "locality":
        errors.append(where.cell(answer, "id", "receive.error.unknown_id", value=written))
        return None
    status = _status(answer, where, errors)
    done_on = _day(answer, where, errors)
    if status == "done" and _text(answer.value("done_on")) is None:
        column = "done_on" if answer.where("done_on") else "status"
        errors.append(where.cell(answer, column, "receive.error.done_needs_day"))
    return Planned(
        target,
        done_on if status == "done" else None,
        _text(answer.value("result")) if status == "done" else None,
        _text(answer.value("note")),
        _text(answer.value("obstacle")),
    )


def _status(answer: Answer, where: Where, errors: list[Text]) -> str | None:
    written = _text(answer.value("status"))
    if written is None:
        return None
    folded = fold(written)
    if folded in DONE_WORDS:
        return "done"
    if folded in GOING_WORDS:
        return "in_progress"
    errors.append(where.cell(answer, "status", "receive.error.bad_status", value=written))
    return None


def _day(answer: Answer, where: Where, errors: list[Text]) -> date | None:
    value = answer.value("done_on")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = _text(value)
    if written is None:
        return None
    if isinstance(value, str):
        try:
            return parse_date(written)
        except DateError:
            pass
    errors.append(where.cell(answer, "done_on", "receive.error.not_date", value=written))
    return None


def _text(value: Any) -> str | None:
    """A cell as text, exactly as written (a formula as its text); blank is None."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        written = format_day_first(
            value if isinstance(value, date) and not isinstance(value, datetime) else value.date()
        )
    elif isinstance(value, float) and value.is_integer():
        written = str(int(value))
    else:
        written = str(value)
    return written.strip() or None


# --- recording ---------------------------------------------------------------------------------


def _record(
    root: Path,
    planned: Sequence[Planned],
    repo: Repository,
    items: Mapping[str, Item],
    today: date,
    store: Store | None,
    dry_run: bool,
    before: LoadResult | None,
) -> Received:
    received = Received(answered=len(planned))
    by_file: dict[str, list[Planned]] = {}
    for entry in planned:
        kept = _new_only(entry, repo, items)
        if kept.done_on is None and entry.done_on is not None:
            received.kept.append(entry.target.label)
        if kept.count:
            by_file.setdefault(kept.target.file, []).append(kept)
            received.recorded += kept.count
    changes = {relative: _change(entries, today) for relative, entries in by_file.items()}
    received.outcomes = edit_files(root, changes, store=store, dry_run=dry_run, before=before)
    return received


def _new_only(entry: Planned, repo: Repository, items: Mapping[str, Item]) -> Planned:
    """The entry without what the data already holds: a done item, a note or difficulty recorded."""
    item = items.get(entry.target.label)
    done_on = entry.done_on
    if item is not None and item.done:
        done_on = None
    notes = {fold(update.note) for update in item.updates} if item is not None else set()
    known = {fold(obstacle.text) for obstacle in item.obstacles} if item is not None else set()
    if entry.target.kind == "milestone":  # a milestone's difficulties are its locality's
        locality = repo.localities.get(Path(entry.target.file).stem)
        known |= {fold(o.text) for o in (locality.data.obstacles if locality else [])}
    return Planned(
        entry.target,
        done_on,
        entry.result if done_on else None,
        None if entry.note is None or fold(entry.note) in notes else entry.note,
        None if entry.obstacle is None or fold(entry.obstacle) in known else entry.obstacle,
    )


def _change(entries: Sequence[Planned], today: date) -> Callable[[Document], None]:
    def change(doc: Document) -> None:
        for entry in entries:
            if entry.done_on is not None:
                try:
                    changes.done(doc, entry.target, entry.done_on, entry.result)
                except EditError as error:
                    if error.text.key != "edit.already_done":
                        raise
            if entry.note is not None:
                changes.update(doc, entry.target, today, entry.note, None, None)
            if entry.obstacle is not None:
                changes.obstacle(doc, entry.target, today, entry.obstacle, None)

    return change
