"""Deadline phrases in running text: found as written, completed with the year the text omits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dothi.calendar.dates import DateError
from dothi.calendar.deadline import parse_deadline

_D = r"\d{1,2}"
_Y = r"(?:\s?/\s?\d{4}|\s+năm\s+\d{4})"
_HEDGE = r"(?:dự kiến\s+(?:vào\s+|trong\s+)?)?"
_PATTERNS = (
    # "trước ngày 15/8/2025", "chậm nhất ngày 15 tháng 8 năm 2025", "trước ngày 15/8" (no year)
    rf"(?:trước|chậm nhất(?: là)?|hạn)\s+ngày\s+{_D}(?:\s?/\s?{_D}|\s+tháng\s+{_D}){_Y}?",
    # before "trong 6 tháng", which alone would be six months from the signature
    rf"{_HEDGE}(?:trong\s+)?6 tháng (?:đầu|cuối) năm\s+\d{{4}}",
    # "trong vòng 30 ngày kể từ ngày ký"
    r"trong\s+(?:vòng\s+|thời hạn\s+)?\d{1,3}\s+(?:ngày làm việc|ngày|tuần|tháng)"
    r"(?:\s+kể từ ngày\s+(?:ký|ban hành|nhận được)"
    r"(?:\s+(?:văn bản|Thông báo|Công văn|Quyết định)(?:\s+này)?)?)?",
    rf"{_HEDGE}(?:trong\s+)?quý\s+(?:IV|III|II|I|[1-4])\b{_Y}?",
    rf"{_HEDGE}trong\s+tháng\s+{_D}{_Y}?",
    rf"{_HEDGE}(?:(?:vào|trong)\s+(?:cuối\s+)?|cuối\s+)năm\s+\d{{4}}",
)
FOUND = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.I)
_YEAR = re.compile(r"\d{4}")
_RELATIVE = re.compile(r"trong\s+(?:vòng\s+|thời hạn\s+)?\d", re.I)
_NO_YEAR_DAY = re.compile(rf"({_D})(?:\s?/\s?|\s+tháng\s+)({_D})$")
_NO_YEAR_MONTH = re.compile(rf"tháng\s+({_D})$", re.I)
_NO_YEAR_QUARTER = re.compile(r"quý\s+(IV|III|II|I|[1-4])$", re.I)


@dataclass(frozen=True, slots=True)
class Found:
    """A deadline phrase found in a directive's text, where it is, and what the file records for it."""

    written: str  # as in the text
    deadline: str | None  # what the file records (the year added where the text omits it), None: unread
    start: int
    end: int
    year_added: int | None = None


def find(text: str, issued: date | None) -> list[Found]:
    """Every deadline phrase in ``text``, in order."""
    found = []
    for m in FOUND.finditer(text):
        written = m.group().strip()
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        found.append(_complete(written, start, start + len(written), issued))
    return found


def _complete(written: str, start: int, end: int, issued: date | None) -> Found:
    """The phrase, a year added when the text omits it: the document's year, or the next one
    when the day would fall before the document was signed."""
    year_added = None
    deadline = written
    if not _YEAR.search(written) and not _RELATIVE.match(written):
        if issued is None:
            return Found(written, None, start, end)
        year = issued.year
        if (
            ((m := _NO_YEAR_DAY.search(written)) and _before(issued, year, int(m[2]), int(m[1])))
            or ((m := _NO_YEAR_MONTH.search(written)) and int(m[1]) < issued.month)
            or ((m := _NO_YEAR_QUARTER.search(written)) and _quarter(m[1]) < (issued.month + 2) // 3)
        ):
            year += 1
        deadline = f"{written}/{year}" if "/" in written else f"{written} năm {year}"
        year_added = year
    try:
        parse_deadline(deadline)
    except DateError:
        return Found(written, None, start, end)
    return Found(written, deadline, start, end, year_added)


def _before(issued: date, year: int, month: int, day: int) -> bool:
    try:
        return date(year, month, day) < issued
    except ValueError:
        return False


def _quarter(written: str) -> int:
    return {"I": 1, "II": 2, "III": 3, "IV": 4}.get(written.upper()) or int(written)
