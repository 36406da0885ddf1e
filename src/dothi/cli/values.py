"""What the command line's values mean, apart from Typer: the clock, a report's day, a count.

The session (``context.Session``) turns a value that does not fit into a usage error; a run
answered without Typer (``cli/quick``) reads the same values by the same rules, and leaves any it
cannot read to the session, which says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7))
# The days a report may be asked about (--as-of, --since): the Working Group's century. Far
# outside it a date is a typo, and Word's ZIP container cannot even stamp it.
REPORT_OPTIONS = ("--as-of", "--since")
REPORT_DAYS = (date(2000, 1, 1), date(2099, 12, 31))
_COUNT = re.compile(r"[0-9]{1,6}")


def utc_now() -> datetime:
    """The real clock: the only one outside the tests."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Clock:
    """Where "now" comes from. A program that runs dothi in-process (a test above all) hands
    one in as Click's ``obj`` (``app(args, obj=Clock(fixed))``) to fix the instant."""

    now: Callable[[], datetime] = utc_now

    def today_in_vietnam(self) -> date:
        """The day it is in Vietnam (UTC+7 all year): the default date of every report, which
        takes its date as an argument and never reads the clock itself."""
        return self.now().astimezone(VIETNAM).date()


def in_report_range(day: date) -> bool:
    first, last = REPORT_DAYS
    return first <= day <= last


def count_of(written: str) -> int | None:
    """A count as an option takes it (--soon, --limit): up to six digits; None otherwise."""
    return int(written) if _COUNT.fullmatch(written) else None


__all__ = ["REPORT_DAYS", "REPORT_OPTIONS", "VIETNAM", "Clock", "count_of", "in_report_range", "utc_now"]
