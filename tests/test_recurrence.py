"""Recurring duties (issue 8): periods, their ids and due days, and which exist as of a date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from conftest import run_cli
from dothi.calendar.dates import DateError
from dothi.calendar.recurrence import Every, due_in, parse_due_rule, period_of, periods


@pytest.mark.parametrize(
    ("every", "first", "last", "keys"),
    [
        ("month", date(2025, 11, 20), date(2026, 2, 1), ["2025-11", "2025-12", "2026-01", "2026-02"]),
        ("quarter", date(2025, 11, 20), date(2026, 4, 1), ["2025-Q4", "2026-Q1", "2026-Q2"]),
        ("half-year", date(2025, 6, 30), date(2026, 7, 1), ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]),
        ("year", date(2025, 12, 31), date(2027, 1, 1), ["2025", "2026", "2027"]),
        ("quarter", date(2026, 1, 1), date(2025, 12, 31), []),
    ],
)
def test_periods_and_their_keys_across_year_ends(
    every: Every, first: date, last: date, keys: list[str]
) -> None:
    assert [p.key for p in periods(every, first, last)] == keys


@pytest.mark.parametrize(
    ("every", "day", "rule", "due"),
    [
        ("quarter", date(2025, 11, 1), "ngày 15 tháng cuối quý", date(2025, 12, 15)),
        ("quarter", date(2026, 2, 1), "trước ngày 15 của tháng cuối quý", date(2026, 3, 15)),
        ("quarter", date(2026, 5, 1), "ngày 31 tháng cuối quý", date(2026, 6, 30)),  # June has 30 days
        ("quarter", date(2026, 1, 1), "ngày 20 tháng đầu quý", date(2026, 1, 20)),
        ("quarter", date(2026, 7, 1), "ngày 10 tháng thứ 2 của quý", date(2026, 8, 10)),
        ("month", date(2026, 2, 1), "ngày 31 hằng tháng", date(2026, 2, 28)),
        ("month", date(2028, 2, 1), "ngày 31 hằng tháng", date(2028, 2, 29)),  # a leap year
        ("half-year", date(2026, 8, 1), "ngày 15 tháng cuối", date(2026, 12, 15)),
        ("year", date(2026, 3, 1), "ngày 20 tháng đầu năm", date(2026, 1, 20)),
        ("year", date(2026, 3, 1), None, date(2026, 12, 31)),
    ],
)
def test_due_day_of_each_period(every: Every, day: date, rule: str | None, due: date) -> None:
    assert due_in(period_of(every, day), parse_due_rule(rule) if rule else None) == due


def test_the_due_day_as_a_mapping() -> None:
    q1 = period_of("quarter", date(2026, 1, 1))
    assert due_in(q1, parse_due_rule({"day": "15", "month_of_period": "last"})) == date(2026, 3, 15)
    assert due_in(q1, parse_due_rule({"day": "15", "month_of_period": "first"})) == date(2026, 1, 15)
    assert due_in(q1, parse_due_rule({"day": "5", "month_of_period": "2"})) == date(2026, 2, 5)


@pytest.mark.parametrize(
    "written", ["sớm", "ngày 32 tháng cuối quý", "ngày 0", {"day": "x"}, {"day": "1", "x": "2"}]
)
def test_a_due_day_that_cannot_be_read(written: object) -> None:
    with pytest.raises(DateError):
        parse_due_rule(written)


# --- in the repository -----------------------------------------------------------------------------

MEMBERS = """\
group: {name: Tổ công tác}
organizations:
  - {id: vpcp, name: Văn phòng Chính phủ, kind: agency}
  - {id: bxd, name: Bộ Xây dựng, kind: ministry}
  - {id: bkhcn, name: Bộ Khoa học và Công nghệ, kind: ministry}
members:
  - {id: a, name: Nguyễn Văn A, title: Phó Thủ tướng, role: leader, org: vpcp}
"""
TASKS = """\
directive: {number: 1/QĐ-TTg, kind: quyet-dinh, date: 20/11/2025, issuer: vpcp, subject: Thử}
tasks:
  - id: bc-quy
    title: Báo cáo định kỳ
    lead: bxd
    every: quarter
    due: ngày 15 tháng cuối quý
    responses:
      2025-Q4: {status: done, done_on: 10/12/2025, result: Báo cáo 1/BC-BXD}
  - id: bc-thang
    title: Báo cáo tháng
    each: [bxd, bkhcn]
    every: month
    due: {day: 25, month_of_period: last}
    from: 1/12/2025
    until: 28/2/2026
    responses:
      2025-12:
        bxd: {status: done, done_on: 24/12/2025}
"""


def items(repo: Callable[..., Path], day: str, tasks: str = TASKS) -> dict[str, tuple[object, ...]]:
    root = repo({"data/members.yaml": MEMBERS, "data/tasks/qd-1.yaml": tasks})
    result = run_cli("--root", str(root), "status", "--as-of", day, "--all", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {i["id"]: (i["kind"], i["due"], i["state"], i["done_on"]) for i in result.json()["items"]}


def test_each_period_is_an_item_with_its_own_answer(repo: Callable[..., Path]) -> None:
    assert items(repo, "1/4/2026") == {
        "bc-quy#2025-Q4": ("task", "2025-12-15", "done_on_time", "2025-12-10"),
        "bc-quy#2026-Q1": ("task", "2026-03-15", "overdue", None),
        "bc-quy#2026-Q2": ("task", "2026-06-15", "in_progress", None),
        "bc-thang#2025-12@bxd": ("assignment", "2025-12-25", "done_on_time", "2025-12-24"),
        "bc-thang#2025-12@bkhcn": ("assignment", "2025-12-25", "overdue", None),
        "bc-thang#2026-01@bxd": ("assignment", "2026-01-25", "overdue", None),
        "bc-thang#2026-01@bkhcn": ("assignment", "2026-01-25", "overdue", None),
        "bc-thang#2026-02@bxd": ("assignment", "2026-02-25", "overdue", None),
        "bc-thang#2026-02@bkhcn": ("assignment", "2026-02-25", "overdue", None),
    }


def test_a_period_that_has_not_begun_does_not_exist_yet(repo: Callable[..., Path]) -> None:
    assert sorted(items(repo, "31/3/2026")) == [
        "bc-quy#2025-Q4",
        "bc-quy#2026-Q1",
        *[f"bc-thang#{m}@{org}" for m in ("2025-12", "2026-01", "2026-02") for org in ("bkhcn", "bxd")],
    ]
    assert sorted(items(repo, "30/11/2025")) == ["bc-quy#2025-Q4"]
    assert items(repo, "19/11/2025") == {}  # before the directive was issued


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("due: ngày 15 tháng cuối quý", "deadline: trước ngày 15/3/2026"), "error recurrence"),
        (("    every: quarter\n", ""), "“due” chỉ dùng cho nhiệm vụ định kỳ"),
        (("due: ngày 15 tháng cuối quý", "due: sớm"), "không hiểu hạn định kỳ “sớm”"),
        (
            (
                "        bxd: {status: done, done_on: 24/12/2025}",
                "        bca: {status: done, done_on: 24/12/2025}",
            ),
            "error response-not-assignee",
        ),
        (
            ("        bxd: {status: done, done_on: 24/12/2025}", "        bxd: {status: done}"),
            "error done-without-date",
        ),
        (("        bxd: {status: done, done_on: 24/12/2025}", "        bxd: {status: xong}"), "“status”"),
    ],
)
def test_mistakes_in_a_recurring_duty_are_explained(
    repo: Callable[..., Path], change: tuple[str, str], said: str
) -> None:
    tasks = TASKS.replace(*change)
    assert tasks != TASKS
    root = repo({"data/members.yaml": MEMBERS, "data/tasks/qd-1.yaml": tasks})
    result = run_cli("--root", str(root), "validate")
    assert result.exit_code == 1
    assert said in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_wrong_answer_inside_a_period_is_shown_at_its_line(repo: Callable[..., Path]) -> None:
    tasks = TASKS.replace("        bxd: {status: done, done_on: 24/12/2025}", "        bxd: {status: xong}")
    root = repo({"data/members.yaml": MEMBERS, "data/tasks/qd-1.yaml": tasks})
    result = run_cli("--root", str(root), "validate", "--format", "json")
    [problem] = result.json()["problems"]
    assert (problem["line"], problem["code"]) == (19, "invalid-choice")
    assert problem["message"].startswith("nhiệm vụ bc-thang: “status”")


def test_a_period_is_edited_like_any_item(repo: Callable[..., Path]) -> None:
    root = repo({"data/members.yaml": MEMBERS, "data/tasks/qd-1.yaml": TASKS})
    for args in (
        ["done", "bc-quy#2026-Q1", "--on", "12/3/2026"],
        ["done", "bc-thang#2026-01@bkhcn", "--on", "20/1/2026"],
        ["respond", "bc-thang#2025-12", "bkhcn", "--status", "in_progress"],
    ):
        result = run_cli("--root", str(root), *args)
        assert result.exit_code == 0, result.stderr
    text = (root / "data/tasks/qd-1.yaml").read_text(encoding="utf-8")
    assert text == TASKS.replace(
        "      2025-Q4: {status: done, done_on: 10/12/2025, result: Báo cáo 1/BC-BXD}\n",
        "      2025-Q4: {status: done, done_on: 10/12/2025, result: Báo cáo 1/BC-BXD}\n"
        "      2026-Q1:\n        status: done\n        done_on: 12/3/2026\n",
    ).replace(
        "        bxd: {status: done, done_on: 24/12/2025}\n",
        "        bxd: {status: done, done_on: 24/12/2025}\n"
        "        bkhcn:\n          status: in_progress\n"
        "      2026-01:\n        bkhcn:\n          status: done\n          done_on: 20/1/2026\n",
    )
    assert items(repo, "1/4/2026", text)["bc-quy#2026-Q1"] == (
        "task",
        "2026-03-15",
        "done_on_time",
        "2026-03-12",
    )


def test_an_each_period_needs_its_assignee(repo: Callable[..., Path]) -> None:
    root = repo({"data/members.yaml": MEMBERS, "data/tasks/qd-1.yaml": TASKS})
    result = run_cli("--root", str(root), "done", "bc-thang#2026-01")
    assert result.exit_code == 2
    assert "bc-thang#2026-01@MÃ_CƠ_QUAN" in result.stderr


def test_show_a_recurring_duty_lists_its_periods(repo: Callable[..., Path]) -> None:
    root = repo({"data/members.yaml": MEMBERS, "data/tasks/qd-1.yaml": TASKS})
    result = run_cli("--root", str(root), "show", "bc-quy", "--as-of", "1/4/2026")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Nhiệm vụ bc-quy: Báo cáo định kỳ"
    assert "Cơ quan chủ trì  Bộ Xây dựng" in result.stdout
    assert [
        ident
        for ident in ("bc-quy#2025-Q4", "bc-quy#2026-Q1", "bc-quy#2026-Q2", "bc-quy#2026-Q3")
        if ident in result.stdout
    ] == [
        "bc-quy#2025-Q4",
        "bc-quy#2026-Q1",
        "bc-quy#2026-Q2",
    ]
