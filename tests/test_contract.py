"""The contract's corners that deliberate mutations of the code once slipped past (issue: one definition).

Each test here was written against a mutant that the rest of the suite did not catch: if one of them
is deleted, that mutant lives again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from dothi.messages import Catalogue
from dothi.reports.item import State
from test_states import LOCALITIES, by_id, directive, load


def test_a_relative_deadline_counts_from_the_signing_date_not_the_meeting_day(
    repo: Callable[..., Path],
) -> None:
    """Decision signed 10/7 for a meeting of 1/7: "5 days from signing" ends on 15/7, not 6/7."""
    body = "- id: t\n  title: Trình đề án\n  lead: bxd\n  deadline: trong vòng 5 ngày kể từ ngày ký\n"
    files = {"data/tasks/qd-100.yaml": directive(body, day="2025-07-10", assigned_on="2025-07-01")}
    item = by_id(load(repo, files), date(2025, 7, 12))["t"]
    assert (item.due, item.state) == (date(2025, 7, 15), State.IN_PROGRESS)


def test_an_each_task_done_as_a_whole_closes_every_assignment(repo: Callable[..., Path]) -> None:
    """Decided: the lead body closing the task closes its assignees' items on that day, as cancelling does."""
    body = (
        "- id: t\n  title: Gửi kế hoạch\n  each: ['@cities']\n  deadline: 15/8/2025\n"
        "  status: done\n  done_on: 2025-08-20\n"
        "  responses:\n    ha-noi: {status: done, done_on: 2025-08-01}\n"
    )
    items = by_id(load(repo, {"data/tasks/qd-100.yaml": directive(body), **LOCALITIES}), date(2025, 9, 1))
    assert {ident: (item.state, item.done_on) for ident, item in items.items()} == {
        "t@ha-noi": (State.DONE_ON_TIME, date(2025, 8, 1)),
        "t@da-nang": (State.DONE_LATE, date(2025, 8, 20)),
    }


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2026, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 28), "Hà Nội, ngày 28 tháng 02 năm 2026"),
        (date(2026, 3, 9), "Hà Nội, ngày 09 tháng 3 năm 2026"),
        (date(2026, 12, 2), "Hà Nội, ngày 02 tháng 12 năm 2026"),
    ],
)
def test_the_date_line_pads_days_below_ten_and_only_january_and_february(day: date, line: str) -> None:
    """Decree 30/2020, Appendix I: "ngày 05 tháng 01" but "tháng 3": from March on, never padded."""
    assert Catalogue("vi").dateline(day) == line
