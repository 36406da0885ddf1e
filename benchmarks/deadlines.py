"""Every way SPEC §3 lets a directive write a deadline, for the generated tasks and milestones.

Each form takes the day by which the work is wanted and writes it the way one kind of directive
would, returning the text and the due date the tool must compute from it (the end of the month,
quarter, half-year or year for the period forms, None for an ongoing duty). The generator uses the
due date to decide which items are done, late or overdue, so it must agree with SPEC §3.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

from yamltext import Raw

Written = tuple[str, date | None]
Form = Callable[[date], Written]
ROMAN = ("I", "II", "III", "IV")


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _quarter_end(day: date) -> date:
    return _month_end(date(day.year, 3 * _quarter(day), 1))


def _half_end(day: date) -> date:
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def _year_end(day: date) -> date:
    return date(day.year, 12, 31)


def dmy(day: date, sep: str = "/") -> str:
    """Day first, without leading zeros, as Vietnamese documents write it: 5/6/2025."""
    return f"{day.day}{sep}{day.month}{sep}{day.year}"


def _half_words(day: date) -> str:
    return f"6 tháng {'đầu' if day.month <= 6 else 'cuối'} năm {day.year}"


DAY_FORMS: tuple[Form, ...] = (
    lambda d: (Raw(d.isoformat()), d),
    lambda d: (dmy(d), d),
    lambda d: (dmy(d, "-"), d),
    lambda d: (dmy(d, "."), d),
    lambda d: (f"trước ngày {dmy(d)}", d),
    lambda d: (f"chậm nhất ngày {dmy(d)}", d),
    lambda d: (f"chậm nhất là ngày {dmy(d)}", d),
    lambda d: (f"trước {dmy(d)}", d),
    lambda d: (f"hạn {dmy(d)}", d),
    lambda d: (f"ngày {dmy(d)}", d),
    lambda d: (f"Trước ngày {d.day:02d}/{d.month:02d}/{d.year}", d),
    lambda d: (f"truoc ngay {dmy(d)}", d),
    lambda d: (f"trước ngày {d.day:02d} tháng {d.month} năm {d.year}", d),
)
PERIOD_FORMS: tuple[Form, ...] = (
    lambda d: (f"{d.month}/{d.year}", _month_end(d)),
    lambda d: (f"{d.year}-{d.month:02d}", _month_end(d)),
    lambda d: (f"tháng {d.month}/{d.year}", _month_end(d)),
    lambda d: (f"tháng {d.month} năm {d.year}", _month_end(d)),
    lambda d: (f"trong tháng {d.month}/{d.year}", _month_end(d)),
    lambda d: (f"Q{_quarter(d)}/{d.year}", _quarter_end(d)),
    lambda d: (f"quý {ROMAN[_quarter(d) - 1]}/{d.year}", _quarter_end(d)),
    lambda d: (f"quý {_quarter(d)}/{d.year}", _quarter_end(d)),
    lambda d: (f"quý {_quarter(d)} năm {d.year}", _quarter_end(d)),
    lambda d: (f"Quý {ROMAN[_quarter(d) - 1]} năm {d.year}", _quarter_end(d)),
    lambda d: (f"quy {ROMAN[_quarter(d) - 1]}/{d.year}", _quarter_end(d)),
    lambda d: (f"quý  {ROMAN[_quarter(d) - 1]} / {d.year}", _quarter_end(d)),
    lambda d: (_half_words(d), _half_end(d)),
    lambda d: (f"H{1 if d.month <= 6 else 2}/{d.year}", _half_end(d)),
    lambda d: (str(d.year), _year_end(d)),
    lambda d: (f"năm {d.year}", _year_end(d)),
    lambda d: (f"cuối năm {d.year}", _year_end(d)),
)
ONGOING_FORMS: tuple[Form, ...] = (
    lambda d: ("thường xuyên", None),
    lambda d: ("ongoing", None),
    lambda d: ("Thường xuyên", None),
)
FORMS: tuple[Form, ...] = DAY_FORMS + PERIOD_FORMS + ONGOING_FORMS
DATED_FORMS: tuple[Form, ...] = DAY_FORMS + PERIOD_FORMS
