"""Deadlines as directives write them (SPEC §3).

The text as written is what people recognise and what briefings quote, so it is kept beside the
computed due date. Matching ignores case, diacritics and extra spaces, and drops the lead-in words
("trước ngày", "chậm nhất ngày", "hạn", "trong") that do not change the date.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from dothi.calendar.dates import DateError, check_year, make_date, match_date
from dothi.problem import Text
from dothi.text import fold

FROM_DIRECTIVE = "directive"
Unit = Literal["day", "working_day", "week", "month"]


@dataclass(frozen=True, slots=True)
class Relative:
    """ "Trong vòng 5 ngày kể từ …": an amount of time counted from the directive or from a task."""

    amount: int
    unit: Unit
    start: str = FROM_DIRECTIVE  # "directive", or the id of the task whose completion starts it


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline: the words of the directive and what they mean.

    ``due`` is the day a dated deadline names; a relative one has none until it is counted from
    its start (see dothi.calendar.workdays); one with neither is an ongoing duty. ``before`` records the
    "trước ngày X" wording, for repositories that count day X itself as late. ``indicative`` records a
    hedge the document writes ("dự kiến vào cuối năm 2024"): the date is read from the rest, but it
    is only what the document expected, and reports say so.
    """

    text: str
    due: date | None
    before: bool = False
    relative: Relative | None = None
    indicative: bool = False

    @property
    def ongoing(self) -> bool:
        return self.due is None and self.relative is None


_LEAD_INS = (
    "cham nhat la ngay",
    "cham nhat ngay",
    "cham nhat",
    "truoc ngay",
    "truoc",
    "han",
    "ngay",
    "trong",
    "vao",  # "vào năm 2025", "vào cuối năm 2024"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR_TAIL = r"(?:\s?/\s?|\s?-\s?|\s+nam\s+)(\d{4})"
_MONTH = re.compile(r"^(?:thang\s+)?(\d{1,2})" + _YEAR_TAIL + "$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(?:q|quy)\s?(iv|iii|ii|i|[1-4])" + _YEAR_TAIL + "$")
_HALF = re.compile(r"^(?:6 thang (dau|cuoi) nam\s+(\d{4})|h([12])\s?/\s?(\d{4}))$")
_YEAR = re.compile(r"^(?:(?:cuoi\s+)?nam\s+)?(\d{4})$")
_ONGOING = frozenset({"thuong xuyen", "ongoing", "hang nam thuong xuyen"})
_UNITS: dict[str, Unit] = {"ngay lam viec": "working_day", "ngay": "day", "tuan": "week", "thang": "month"}
_RELATIVE = re.compile(
    r"^(?:trong\s+(?:vong\s+|thoi han\s+)?)?(\d{1,4})\s+(ngay lam viec|ngay|tuan|thang)(?:\s+ke tu\b.*)?$"
)
_BEFORE = ("truoc ngay ", "truoc ")  # "chậm nhất ngày X" names the last day allowed: not this
# A hedge the document writes before the date ("dự kiến vào cuối năm 2024"), with the words that may
# follow it; the date is read from what is left.
_HEDGE = re.compile(r"^du kien(?:\s+(?:vao|trong|den))?\s+")


def _drop_lead_ins(folded: str) -> str:
    """Remove one or more lead-in phrases: "trước ngày 15/8/2025" → "15/8/2025"."""
    changed = True
    while changed:
        changed = False
        for lead in _LEAD_INS:
            if folded.startswith(lead + " "):
                folded = folded[len(lead) + 1 :].lstrip()
                changed = True
    return folded


def _end_of_month(year: int, month: int, written: str) -> date:
    check_year(year, written)
    if not 1 <= month <= 12:
        raise DateError(Text.of("date.bad_month", written=written, month=month))
    return date(year, month, calendar.monthrange(year, month)[1])


def _period_end(core: str, written: str) -> date | None:
    """The last day of a month, quarter, half-year or year named in ``core``."""
    if m := _ISO_MONTH.match(core):
        return _end_of_month(int(m[1]), int(m[2]), written)
    if m := _MONTH.match(core):
        return _end_of_month(int(m[2]), int(m[1]), written)
    if m := _QUARTER.match(core):
        return _end_of_month(int(m[2]), 3 * _ROMAN[m[1]], written)
    if m := _HALF.match(core):
        first = m[1] == "dau" or m[3] == "1"
        year = check_year(int(m[2] or m[4]), written)
        return date(year, 6, 30) if first else date(year, 12, 31)
    if m := _YEAR.match(core):
        return date(check_year(int(m[1]), written), 12, 31)
    return None


@functools.lru_cache(maxsize=4096)  # directives repeat their deadlines: parse each text once
def parse_deadline(written: str) -> Deadline:
    """Compute the due date of a written deadline; raise DateError with the fix otherwise."""
    folded = fold(written).rstrip(".")
    hedged = _HEDGE.sub("", folded)
    found = _parse(hedged, written)
    if hedged == folded:
        return found
    if found.due is None:  # "dự kiến thường xuyên" hedges nothing a report could show
        raise DateError(Text.of("deadline.unknown", written=written))
    return Deadline(written, found.due, found.before, indicative=True)


def _parse(folded: str, written: str) -> Deadline:
    """The deadline that ``folded`` (the written text, folded and without a hedge) names."""
    if folded in _ONGOING:
        return Deadline(written, None)
    relative = parse_within(folded, written)
    if relative is not None:
        return Deadline(written, None, relative=relative)
    core = _drop_lead_ins(folded)
    found = match_date(core, written) or _period_end(core, written)
    if found is None:
        raise DateError(Text.of("deadline.unknown", written=written))
    return Deadline(written, found, before=folded.startswith(_BEFORE))


def parse_within(folded: str, written: str, start: str = FROM_DIRECTIVE) -> Relative | None:
    """ "trong vòng 5 ngày kể từ ngày ký", "10 ngày làm việc", "2 tháng": counted from ``start``."""
    m = _RELATIVE.match(folded)
    if m is None:
        return None
    amount = int(m[1])
    if amount == 0:
        raise DateError(Text.of("deadline.zero", written=written))
    return Relative(amount, _UNITS[m[2]], start)


def relative_deadline(within: str, start: str) -> Deadline:
    """The mapping form, ``{within: "5 ngày", from: directive | TASK_ID}``."""
    relative = parse_within(fold(within).rstrip("."), within, start)
    if relative is None:
        raise DateError(Text.of("deadline.bad_within", written=within))
    return Deadline(within, None, relative=relative)


__all__ = [
    "FROM_DIRECTIVE",
    "DateError",
    "Deadline",
    "Relative",
    "make_date",
    "parse_deadline",
    "relative_deadline",
]
