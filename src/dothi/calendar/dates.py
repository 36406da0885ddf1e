"""Calendar dates as Vietnamese documents write them: day first.

``5/6/2025`` is 5 June, never May 6. ISO dates are accepted too, because YAML editors and scripts
write them.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date

from dothi.problem import Text
from dothi.text import fold

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")
_SPELLED = re.compile(r"^(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4})$")
MIN_YEAR, MAX_YEAR = 1900, 2200
_NO_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$")


class DateError(ValueError):
    """A date that cannot be read; carries the catalogue text that explains the fix."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.key)
        self.text = text


def check_year(year: int, written: str) -> int:
    """Years a directive can name; year 0 or 10000 is a typo, not a date Python can hold."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(Text.of("date.bad_year", written=written, year=year))
    return year


def make_date(year: int, month: int, day: int, written: str) -> date:
    """Build a date, or explain why the written one does not exist (``31/2/2025``)."""
    check_year(year, written)
    if not 1 <= month <= 12:
        raise DateError(Text.of("date.bad_month", written=written, month=month))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(Text.of("date.bad_day", written=written, month=month, year=year, last=last))
    return date(year, month, day)


def match_date(folded: str, written: str) -> date | None:
    """The date written in ``folded`` text, None if it is not a full date."""
    if m := _ISO.match(folded):
        return make_date(int(m[1]), int(m[2]), int(m[3]), written)
    if m := _DAY_FIRST.match(folded):
        return make_date(int(m[4]), int(m[3]), int(m[1]), written)
    if m := _SPELLED.match(folded):
        return make_date(int(m[3]), int(m[2]), int(m[1]), written)
    if m := _NO_YEAR.match(folded):
        raise DateError(Text.of("date.no_year", written=written, day=m[1], month=m[2]))
    return None


@functools.lru_cache(maxsize=4096)  # the same dates recur in every file: parse each text once
def parse_date(written: str) -> date:
    """Read a date field (``done_on``, ``since``…): ISO or day first."""
    found = match_date(fold(written), written)
    if found is None:
        raise DateError(Text.of("date.unknown", written=written))
    return found


def format_day_first(day: date) -> str:
    """The short form people write in running Vietnamese text: 5/6/2025."""
    return f"{day.day}/{day.month}/{day.year}"
