"""Vietnam's working days, and the due date of a deadline counted on them.

Saturdays and Sundays are days off; so are the public holidays, lunar Tết included, which the
``holidays`` package computes (with the Saturdays the Government swaps into working days for a
long holiday). Each year the Government moves some days by decision; ``data/calendar.yaml``
records those (``days_off``, ``working_days``), and they win over the package.

A deadline that falls on a day off is not moved: the directive said that day. A repository that
follows the opposite practice sets ``roll_forward: true``, and every due date moves to the next
working day.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from dothi.calendar.deadline import Deadline, Relative


@functools.cache
def _public_holidays(year: int) -> Any:
    import holidays  # imported when a working day is first asked about: it takes 0.1 s

    return holidays.country_holidays("VN", years=year)


@dataclass(frozen=True)
class WorkCalendar:
    """The repository's working days and its rules for due dates."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    working_days: frozenset[date] = field(default_factory=frozenset)
    roll_forward: bool = False
    deadline_inclusive: bool = True

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return bool(_public_holidays(day.year).is_working_day(day))

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (the day it is counted from does not count)."""
        day = start
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def next_working_day(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def due(self, deadline: Deadline, start: date | None = None) -> date | None:
        """The due date of ``deadline``; a relative one needs the day it is counted from."""
        if deadline.relative is not None:
            if start is None:
                return None
            found = self._count(deadline.relative, start)
        elif deadline.due is None:
            return None
        else:
            found = deadline.due
            if deadline.before and not self.deadline_inclusive:
                found -= timedelta(days=1)  # "trước ngày X": X itself is already late here
        return self.next_working_day(found) if self.roll_forward else found

    def _count(self, relative: Relative, start: date) -> date:
        if relative.unit == "working_day":
            return self.add_working_days(start, relative.amount)
        if relative.unit == "month":
            return start + relativedelta(months=relative.amount)
        return start + timedelta(days=relative.amount * (7 if relative.unit == "week" else 1))


PLAIN = WorkCalendar()
