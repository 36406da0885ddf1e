"""Recurring duties: "báo cáo định kỳ hằng quý trước ngày 15 của tháng cuối quý".

A recurring task is done once per period (a month, a quarter, a half-year, a year); each period
is an item of its own, named by the task and the period (``t1#2026-Q1``, ``t1#2026-03``,
``t1#2026-H1``, ``t1#2026``), due on a day of the period that the directive states (the 15th of
its last month, say) or else on its last day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from dothi.calendar.dates import DateError
from dothi.problem import Text
from dothi.text import fold

Every = Literal["month", "quarter", "half-year", "year"]
MONTHS: dict[str, int] = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}
_RULE = re.compile(
    r"^(?:truoc\s+)?(?:ngay\s+)?(\d{1,2})"
    r"(?:\s+(?:cua\s+)?(?:hang thang|hang quy|hang nam|thang (dau|cuoi|thu (\d{1,2}))(?:\s+(?:cua\s+)?"
    r"(?:quy|ky|nam|nua nam|6 thang))?))?$"
)


@dataclass(frozen=True, slots=True)
class DueRule:
    """The day each period is due: ``day`` of the ``month``-th month of the period (0: the last)."""

    text: str
    day: int | None = None  # None: the month's last day
    month: int = 0  # 1 = the period's first month, 0 = its last
    before: bool = False  # written "trước ngày …", for repositories that count that day as late


@dataclass(frozen=True, slots=True)
class Period:
    """One period of a recurring duty: its key as an edit names it (``2026-Q1``), and its first
    and last days."""

    key: str
    start: date
    end: date


def parse_due_rule(value: Any) -> DueRule:
    """``"ngày 15 tháng cuối quý"`` or ``{day: 15, month_of_period: last}``."""
    if isinstance(value, dict):
        return _rule_mapping(value)
    if not isinstance(value, str):
        raise DateError(Text.of("recurrence.bad_due", written=str(value)))
    m = _RULE.match(fold(value).rstrip("."))
    if m is None:
        raise DateError(Text.of("recurrence.bad_due", written=value))
    month = 1 if m[2] == "dau" else int(m[3]) if m[3] else 0
    return DueRule(value, _day(int(m[1]), value), month, fold(value).startswith("truoc "))


def _rule_mapping(value: dict[str, Any]) -> DueRule:
    unknown = sorted(set(value) - {"day", "month_of_period"})
    day, month = value.get("day"), value.get("month_of_period", "last")
    if unknown or not isinstance(day, str) or not day.isdigit():
        raise DateError(Text.of("recurrence.bad_due", written=str(value)))
    if month in ("first", "last"):
        number = 1 if month == "first" else 0
    elif isinstance(month, str) and month.isdigit() and int(month) > 0:
        number = int(month)
    else:
        raise DateError(Text.of("recurrence.bad_due", written=str(value)))
    which = {0: "cuối", 1: "đầu"}.get(number, f"thứ {number}")
    return DueRule(f"ngày {day} tháng {which} kỳ", _day(int(day), str(value)), number)


def _day(day: int, written: str) -> int:
    if not 1 <= day <= 31:
        raise DateError(Text.of("recurrence.bad_due", written=written))
    return day


def period_of(every: Every, day: date) -> Period:
    size = MONTHS[every]
    first_month = (day.month - 1) // size * size + 1
    start = date(day.year, first_month, 1)
    end_month = first_month + size - 1
    end = date(day.year, end_month, calendar.monthrange(day.year, end_month)[1])
    return Period(_key(every, start), start, end)


def _key(every: Every, start: date) -> str:
    if every == "month":
        return f"{start.year}-{start.month:02d}"
    if every == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if every == "half-year":
        return f"{start.year}-H{1 if start.month <= 6 else 2}"
    return str(start.year)


def first_tracked(every: Every, start: date | None, assigned: date) -> date:
    """The day a recurring duty's periods are counted from: its “from” (default: the day it was
    assigned), but no earlier than the period in which it was assigned. A period that ended before
    the directive existed is not the directive's to ask for."""
    return max(start or assigned, period_of(every, assigned).start)


def periods(every: Every, first: date, last: date) -> Iterator[Period]:
    """The periods from the one holding ``first`` to the one holding ``last``."""
    period = period_of(every, first)
    while period.start <= last:
        yield period
        period = period_of(every, period.end + timedelta(days=1))


def due_in(period: Period, rule: DueRule | None) -> date:
    if rule is None:
        return period.end
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    offset = (rule.month or months) - 1
    month_index = period.start.month - 1 + min(offset, months - 1)
    year, month = period.start.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(rule.day or last, last))
