"""The periods of a recurring duty, for an edit that names one (issue 21).

A recurring duty is done period by period (``r#2026-Q1``). Its own ``status`` counts for every
period, the ones still to come included, so ``done r`` would close 2026-Q2…Q4 on 1/2/2026; and
an answer under a period the duty does not have (``r#garbage``) is written where nothing reads
it. So an edit of a recurring duty names one of its periods, one that has begun by the day of
the edit; a duty without ``every`` has no periods to name. Read from the file's values as
loaded, so that it works on a repository that has errors elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from dothi.calendar.dates import DateError, format_day_first, parse_date
from dothi.calendar.recurrence import MONTHS, Every, Period, period_of, periods
from dothi.edit.errors import EditError
from dothi.problem import Text

CLOSED = ("done", "cancelled")
SHOWN = 12  # periods listed in a message; the most recent ones
_KEYS = {
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "half-year": re.compile(r"^(\d{4})-H([12])$"),
    "year": re.compile(r"^(\d{4})()$"),
}


@dataclass(frozen=True)
class Schedule:
    """A recurring duty's periods that have begun by a day, and which of them are answered."""

    ident: str
    every: Every
    first: date
    until: date | None
    begun: tuple[Period, ...]
    closed: frozenset[str]  # periods answered done or cancelled (by the assignee, if one is named)
    whole_closed: bool = False  # the duty's own status is done or cancelled: every period is

    def open_keys(self) -> list[str]:
        return [p.key for p in self.begun if not self._is_closed(p.key)]

    def closed_keys(self) -> list[str]:
        return [p.key for p in self.begun if self._is_closed(p.key)]

    def _is_closed(self, key: str) -> bool:
        return self.whole_closed or key in self.closed

    def period(self, key: str, day: date) -> Period | Text:
        """The period ``key`` names, or why it cannot be edited on ``day`` (unknown, not begun)."""
        found = self._parse(key)
        if found is None or found.end < self.first or (self.until is not None and found.start > self.until):
            return Text.of("edit.unknown_period", id=self.ident, period=key, periods=shown(self.all_keys()))
        if found.start > day:
            start = format_day_first(found.start)
            return Text.of("edit.period_not_begun", id=self.ident, period=key, start=start)
        return found

    def all_keys(self) -> list[str]:
        return [p.key for p in self.begun]

    def _parse(self, key: str) -> Period | None:
        matched = _KEYS[self.every].match(key)
        if matched is None:
            return None
        year, part = int(matched[1]), int(matched[2] or 1)
        month = part if self.every == "month" else (part - 1) * MONTHS[self.every] + 1
        if not 1 <= year <= 9999 or not 1 <= month <= 12:
            return None
        found = period_of(self.every, date(year, month, 1))
        return found if found.key == key else None


def shown(keys: list[str]) -> str:
    """Periods for a message: the most recent ones, the others left as “…”."""
    return ", ".join((["…"] if len(keys) > SHOWN else []) + keys[-SHOWN:])


def schedule(task: Mapping[str, Any], header: Any, day: date, assignee: str | None) -> Schedule | None:
    """The duty's schedule as of ``day``; None for a task that does not recur."""
    if "every" not in task:
        return None
    ident = str(task.get("id"))
    every = task.get("every")
    first = until = None
    try:
        first = _day(task.get("from")) or _day(_assigned(header))
        until = _day(task.get("until"))
    except DateError:
        first = None
    if every not in MONTHS or first is None:  # dothi validate says what is wrong
        raise EditError(Text.of("edit.bad_recurrence", id=ident))
    kind = cast(Every, every)
    begun = tuple(periods(kind, first, min(until, day) if until else day))
    whole = task.get("status") in CLOSED  # as ``done r`` used to write
    return Schedule(ident, kind, first, until, begun, _closed(task, assignee), whole)


def _assigned(header: Any) -> Any:
    if not isinstance(header, Mapping):
        return None
    return header.get("assigned_on") or header.get("date")


def _day(written: Any) -> date | None:
    return parse_date(written) if isinstance(written, str) else None


def _closed(task: Mapping[str, Any], assignee: str | None) -> frozenset[str]:
    """The periods whose answer (the assignee's, for an “each” duty) is done or cancelled."""
    found = set()
    responses = task.get("responses")
    for key, answer in responses.items() if isinstance(responses, Mapping) else ():
        if assignee is not None:
            answer = answer.get(assignee) if isinstance(answer, Mapping) else None
        if isinstance(answer, Mapping) and answer.get("status") in CLOSED:
            found.add(str(key))
    return frozenset(found)
