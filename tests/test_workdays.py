"""Working days and deadlines counted on them (issue 8): Tết, swapped Saturdays, calendar.yaml.

The expected dates below were counted by hand, day by day, on the holidays as the Government
published them, which the ``holidays`` package agrees with:
- Tết Ất Tỵ: civil servants off from Saturday 25/1 to Sunday 2/2/2025 (Monday 27/1 to Friday 31/1
  are the statutory days; the weekends around them are days off anyway);
- 30/4 and 1/5/2025 (Wednesday, Thursday), with Friday 2/5 off and Saturday 26/4 worked instead;
- Tết Bính Ngọ: off from Saturday 14/2 to Sunday 22/2/2026 (Monday 16/2 to Friday 20/2).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from dothi.calendar.deadline import parse_deadline, relative_deadline
from dothi.calendar.workdays import PLAIN, WorkCalendar

WORKING_DAY_TABLE = [
    # (counted from, working days, due, why)
    (
        date(2025, 1, 24),
        5,
        date(2025, 2, 7),
        "Friday before Tết Ất Tỵ: 3/2 is the first working day after it",
    ),
    (date(2025, 1, 24), 1, date(2025, 2, 3), "the day after is Saturday 25/1, then Tết until Sunday 2/2"),
    (date(2025, 4, 25), 3, date(2025, 4, 29), "Saturday 26/4/2025 was worked in exchange for Friday 2/5"),
    (date(2025, 4, 29), 2, date(2025, 5, 6), "30/4, 1/5 and the swapped 2/5 are off, then the weekend"),
    (date(2026, 2, 10), 10, date(2026, 3, 3), "Tết Bính Ngọ: 14/2 to 22/2/2026 off"),
    (date(2025, 8, 29), 1, date(2025, 9, 3), "National Day: 1/9 and 2/9/2025 are off"),
    (date(2025, 12, 31), 1, date(2026, 1, 2), "New Year's Day 1/1/2026"),
]


@pytest.mark.parametrize(("start", "count", "due", "why"), WORKING_DAY_TABLE)
def test_working_days_skip_weekends_holidays_and_tet(start: date, count: int, due: date, why: str) -> None:
    assert PLAIN.add_working_days(start, count) == due, why


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 4, 26), True),  # a Saturday worked in exchange for Friday 2/5/2025
        (date(2025, 5, 2), False),
        (date(2025, 1, 29), False),  # mùng 1 Tết Ất Tỵ
        (date(2026, 2, 17), False),  # mùng 1 Tết Bính Ngọ
        (date(2025, 9, 1), False),
        (date(2025, 9, 3), True),
        (date(2025, 9, 6), False),  # an ordinary Saturday
    ],
)
def test_which_days_are_working_days(day: date, working: bool) -> None:
    assert PLAIN.is_working_day(day) is working


def test_the_repositorys_calendar_wins_over_the_package() -> None:
    moved = WorkCalendar(days_off=frozenset({date(2025, 9, 3)}), working_days=frozenset({date(2025, 9, 6)}))
    assert not moved.is_working_day(date(2025, 9, 3))
    assert moved.is_working_day(date(2025, 9, 6))
    assert moved.add_working_days(date(2025, 8, 29), 2) == date(2025, 9, 5)


RELATIVE_TABLE = [
    ("trong vòng 5 ngày kể từ ngày ký", date(2025, 6, 30), date(2025, 7, 5)),
    (
        "trong 10 ngày làm việc kể từ ngày ban hành",
        date(2025, 1, 20),
        date(2025, 2, 10),
    ),  # 4 before Tết, 6 after
    ("trong vòng 2 tuần", date(2025, 7, 23), date(2025, 8, 6)),
    ("trong 2 tháng kể từ ngày Quyết định có hiệu lực", date(2025, 12, 31), date(2026, 2, 28)),
    ("Trong thời hạn 30 ngày", date(2025, 1, 15), date(2025, 2, 14)),
]


@pytest.mark.parametrize(("written", "start", "due"), RELATIVE_TABLE)
def test_relative_deadlines_count_from_their_start(written: str, start: date, due: date) -> None:
    assert PLAIN.due(parse_deadline(written), start) == due


def test_a_day_off_deadline_stays_unless_the_repository_rolls_forward() -> None:
    saturday_in_tet = parse_deadline("trước ngày 1/2/2025")
    assert PLAIN.due(saturday_in_tet) == date(2025, 2, 1)
    assert WorkCalendar(roll_forward=True).due(saturday_in_tet) == date(2025, 2, 3)


def test_before_day_x_is_inclusive_unless_the_repository_says_otherwise() -> None:
    strict = WorkCalendar(deadline_inclusive=False)
    assert PLAIN.due(parse_deadline("trước ngày 15/8/2025")) == date(2025, 8, 15)
    assert strict.due(parse_deadline("trước ngày 15/8/2025")) == date(2025, 8, 14)
    assert strict.due(parse_deadline("chậm nhất ngày 15/8/2025")) == date(2025, 8, 15)
    assert strict.due(parse_deadline("15/8/2025")) == date(2025, 8, 15)


def test_a_relative_deadline_has_no_due_date_until_it_starts() -> None:
    waiting = relative_deadline("5 ngày làm việc", "t1")
    assert PLAIN.due(waiting) is None
    assert PLAIN.due(waiting, date(2025, 1, 24)) == date(2025, 2, 7)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)))
def test_rolling_forward_never_lands_on_a_day_off(day: date) -> None:
    rolled = WorkCalendar(roll_forward=True).due(parse_deadline(f"{day.day}/{day.month}/{day.year}"))
    assert rolled is not None
    assert PLAIN.is_working_day(rolled)
    assert day <= rolled <= day + timedelta(days=12)  # the longest run of days off is Tết's nine
    assert all(not PLAIN.is_working_day(day + timedelta(days=n)) for n in range((rolled - day).days))


# --- in the repository -----------------------------------------------------------------------------

MEMBERS = """\
group: {name: Tổ công tác}
organizations:
  - {id: vpcp, name: Văn phòng Chính phủ, kind: agency}
  - {id: bxd, name: Bộ Xây dựng, kind: ministry}
members:
  - {id: a, name: Nguyễn Văn A, title: Phó Thủ tướng, role: leader, org: vpcp}
"""
TASKS = """\
directive: {number: 1/QĐ-TTg, kind: quyet-dinh, date: 20/1/2025, issuer: vpcp, subject: Thử}
tasks:
  - id: t1
    title: Cử đại diện
    lead: bxd
    deadline: trong vòng 5 ngày kể từ ngày ký
    status: done
    done_on: 24/1/2025
  - id: t2
    title: Lập kế hoạch sau khi có đại diện
    lead: bxd
    deadline: {within: 5 ngày làm việc, from: t1}
  - id: t3
    title: Báo cáo
    lead: bxd
    deadline: trước ngày 1/2/2025
"""


def status_items(repo: Callable[..., Path], files: dict[str, str], day: str) -> dict[str, dict[str, object]]:
    root = repo({"data/members.yaml": MEMBERS, **files})
    result = run_cli("--root", str(root), "status", "--as-of", day, "--all", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {item["id"]: item for item in result.json()["items"]}


def test_a_deadline_counted_from_a_task_waits_for_it(repo: Callable[..., Path]) -> None:
    before = status_items(
        repo,
        {"data/tasks/qd-1.yaml": TASKS.replace("    status: done\n    done_on: 24/1/2025\n", "")},
        "22/1/2025",
    )
    assert (before["t1"]["due"], before["t1"]["state"]) == ("2025-01-25", "in_progress")
    assert (before["t2"]["due"], before["t2"]["state"]) == (None, "in_progress")
    after = status_items(repo, {"data/tasks/qd-1.yaml": TASKS}, "10/2/2025")
    assert (after["t2"]["due"], after["t2"]["state"], after["t2"]["days_overdue"]) == (
        "2025-02-07",
        "overdue",
        3,
    )


def test_the_calendar_and_settings_files_change_due_dates(repo: Callable[..., Path]) -> None:
    files = {
        "data/tasks/qd-1.yaml": TASKS,
        "data/calendar.yaml": "roll_forward: true\ndays_off:\n  - {date: 3/2/2025, decision: 1/TB-VPCP}\n",
        "data/settings.yaml": "deadline_inclusive: false\n",
    }
    items = status_items(repo, files, "10/2/2025")
    assert items["t3"]["due"] == "2025-02-04"  # 31/1 (the day before 1/2), a Tết day: on to 4/2
    assert items["t2"]["due"] == "2025-02-10"  # 3/2 is off by the repository's decision


def test_the_table_says_what_a_waiting_item_waits_for(repo: Callable[..., Path]) -> None:
    root = repo(
        {"data/members.yaml": MEMBERS, "data/tasks/qd-1.yaml": TASKS.replace("    status: done\n", "")}
    )
    result = run_cli("--root", str(root), "status", "--as-of", "22/1/2025", "--all", "--format", "md")
    assert (
        "5 ngày làm việc, tính từ khi nhiệm vụ “Cử đại diện” hoàn thành (nhiệm vụ này chưa hoàn thành)"
        in result.stdout
    )


@pytest.mark.parametrize(
    ("deadline", "said"),
    [
        ("{within: 5 ngày, from: t9}", "“from” nhắc đến “t9” nhưng không có nhiệm vụ nào mang mã này"),
        ("{within: sớm, from: t1}", "“within: sớm” không đọc được"),
        ("{within: 5 ngày, since: t1}", "thừa hoặc thiếu: since"),
        ("trong vòng 0 ngày", "thời hạn 0 ngày không có nghĩa"),
    ],
)
def test_bad_relative_deadlines_are_explained(repo: Callable[..., Path], deadline: str, said: str) -> None:
    tasks = TASKS.replace("{within: 5 ngày làm việc, from: t1}", deadline)
    root = repo({"data/members.yaml": MEMBERS, "data/tasks/qd-1.yaml": tasks})
    result = run_cli("--root", str(root), "validate")
    assert result.exit_code == 1
    assert said in result.stdout
