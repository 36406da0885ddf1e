"""The states engine (SPEC §4): ``classify`` and ``items_as_of`` as boundary tables."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import CAO_BANG, HA_NOI, MEMBERS
from dothi.data.repository import Repository, load_repository
from dothi.reports.item import Item, State
from dothi.reports.states import Progress, classify, items_as_of
from dothi.reports.status import Tally

DUE = date(2025, 8, 15)
DAY = timedelta(days=1)

DA_NANG = """\
name: Thành phố Đà Nẵng
code: "48"
kind: city
"""

LANG_SON = """\
name: Tỉnh Lạng Sơn
code: "20"
kind: province
"""

# Every locality: @localities lists them by administrative code (01, 04, 20, 48).
LOCALITIES = {
    "data/localities/da-nang.yaml": DA_NANG,
    "data/localities/ha-noi.yaml": HA_NOI,
    "data/localities/lang-son.yaml": LANG_SON,
    "data/localities/cao-bang.yaml": CAO_BANG,
}


def directive(tasks: str, day: str = "2025-07-01", assigned_on: str | None = None) -> str:
    """A directive file of ``day`` (and ``assigned_on``) holding the ``tasks`` YAML list."""
    header = textwrap.dedent(
        f"""\
        directive:
          number: 100/QĐ-TTg
          kind: quyet-dinh
          date: {day}
          issuer: vpcp
          subject: Về đô thị thông minh
        """
    )
    if assigned_on:
        header += f"  assigned_on: {assigned_on}\n"
    return header + "tasks:\n" + textwrap.indent(textwrap.dedent(tasks), "  ")


def load(make: Callable[..., Path], files: dict[str, str]) -> Repository:
    result = load_repository(make(files))
    assert result.errors == [], result.problems
    assert result.repository is not None
    return result.repository


def by_id(repo: Repository, as_of: date, soon: int = 14) -> dict[str, Item]:
    return {item.id: item for item in items_as_of(repo, as_of, soon)}


def one_task(make: Callable[..., Path], body: str, **header: Any) -> Repository:
    return load(make, {"data/tasks/qd-100.yaml": directive(body, **header)})


def summary(item: Item) -> tuple[State, bool, int | None, date | None]:
    return item.state, item.due_soon, item.days_overdue, item.done_on


# --- classify -----------------------------------------------------------------------------

OPEN = Progress("open", None, None)
STARTED = Progress("in_progress", None, None)


def done(on: date) -> Progress:
    return Progress("done", on, None)


def cancelled(on: date | None) -> Progress:
    return Progress("cancelled", None, on)


@pytest.mark.parametrize(
    ("progress", "due", "as_of", "expected"),
    [
        pytest.param(OPEN, DUE, DUE - DAY, (State.IN_PROGRESS, None), id="open-day-before-due"),
        pytest.param(OPEN, DUE, DUE, (State.IN_PROGRESS, None), id="open-on-due-day"),
        pytest.param(OPEN, DUE, DUE + DAY, (State.OVERDUE, None), id="open-day-after-due"),
        pytest.param(STARTED, DUE, DUE, (State.IN_PROGRESS, None), id="in-progress-on-due-day"),
        pytest.param(STARTED, DUE, DUE + DAY, (State.OVERDUE, None), id="in-progress-day-after-due"),
        pytest.param(done(DUE), DUE, DUE + 30 * DAY, (State.DONE_ON_TIME, DUE), id="done-on-due-day"),
        pytest.param(done(DUE - DAY), DUE, DUE, (State.DONE_ON_TIME, DUE - DAY), id="done-day-early"),
        pytest.param(done(DUE + DAY), DUE, DUE + DAY, (State.DONE_LATE, DUE + DAY), id="done-day-late"),
        pytest.param(done(DUE), DUE, DUE - DAY, (State.IN_PROGRESS, None), id="done-after-as-of-not-due"),
        pytest.param(done(DUE + 5 * DAY), DUE, DUE + DAY, (State.OVERDUE, None), id="done-after-as-of-due"),
        pytest.param(done(DUE), DUE, DUE, (State.DONE_ON_TIME, DUE), id="done-on-as-of-day"),
        pytest.param(OPEN, None, DUE, (State.ONGOING, None), id="no-due-open"),
        pytest.param(STARTED, None, DUE, (State.ONGOING, None), id="no-due-in-progress"),
        pytest.param(done(DUE), None, DUE, (State.DONE_ON_TIME, DUE), id="no-due-done"),
        pytest.param(done(DUE + DAY), None, DUE, (State.ONGOING, None), id="no-due-done-after-as-of"),
        pytest.param(cancelled(None), DUE, DUE + DAY, (State.CANCELLED, None), id="cancelled-no-date"),
        pytest.param(cancelled(DUE), DUE, DUE, (State.CANCELLED, None), id="cancelled-on-as-of-day"),
        pytest.param(cancelled(DUE + DAY), DUE, DUE, (State.IN_PROGRESS, None), id="cancelled-later-in-time"),
        pytest.param(
            cancelled(DUE + 9 * DAY), DUE, DUE + DAY, (State.OVERDUE, None), id="cancelled-later-due"
        ),
        pytest.param(cancelled(DUE + DAY), None, DUE, (State.ONGOING, None), id="cancelled-later-no-due"),
    ],
)
def test_classify(
    progress: Progress, due: date | None, as_of: date, expected: tuple[State, date | None]
) -> None:
    assert classify(progress, due, as_of) == expected


# --- one task with a lead -----------------------------------------------------------------

LEAD_TASK = """\
- id: t
  title: Trình Nghị định
  lead: bxd
  deadline: trước ngày 15/8/2025
"""


@pytest.mark.parametrize(
    ("extra", "as_of", "expected"),
    [
        pytest.param("", DUE - DAY, (State.IN_PROGRESS, True, None, None), id="day-before-due"),
        pytest.param("", DUE, (State.IN_PROGRESS, True, None, None), id="due-day"),
        pytest.param("", DUE + DAY, (State.OVERDUE, False, 1, None), id="day-after-due"),
        pytest.param("", date(2025, 9, 1), (State.OVERDUE, False, 17, None), id="17-days-after-due"),
        pytest.param(
            "status: done\ndone_on: 15/8/2025\n",
            date(2025, 9, 1),
            (State.DONE_ON_TIME, False, None, DUE),
            id="done-on-due-day",
        ),
        pytest.param(
            "status: done\ndone_on: 16/8/2025\n",
            date(2025, 9, 1),
            (State.DONE_LATE, False, None, DUE + DAY),
            id="done-day-late",
        ),
        pytest.param(
            "status: done\ndone_on: 2025-08-20\n",
            DUE - DAY,
            (State.IN_PROGRESS, True, None, None),
            id="done-after-as-of-before-due",
        ),
        pytest.param(
            "status: done\ndone_on: 2025-08-20\n",
            DUE + 2 * DAY,
            (State.OVERDUE, False, 2, None),
            id="done-after-as-of-after-due",
        ),
        pytest.param(
            "status: cancelled\ncancel_reason: Không còn cần thiết\n",
            DUE + DAY,
            (State.CANCELLED, False, None, None),
            id="cancelled",
        ),
        pytest.param(
            "status: cancelled\ncancel_reason: Gộp nhiệm vụ\ncancelled_on: 2025-08-20\n",
            DUE + 4 * DAY,
            (State.OVERDUE, False, 4, None),
            id="cancelled-after-as-of",
        ),
        pytest.param(
            "status: cancelled\ncancel_reason: Gộp nhiệm vụ\ncancelled_on: 2025-08-20\n",
            DUE + 5 * DAY,
            (State.CANCELLED, False, None, None),
            id="cancelled-on-as-of-day",
        ),
    ],
)
def test_lead_task_states(
    repo: Callable[..., Path],
    extra: str,
    as_of: date,
    expected: tuple[State, bool, int | None, date | None],
) -> None:
    body = LEAD_TASK + textwrap.indent(extra, "  ")
    items = by_id(one_task(repo, body), as_of)
    assert list(items) == ["t"]
    assert summary(items["t"]) == expected


def test_lead_task_fields(repo: Callable[..., Path]) -> None:
    body = LEAD_TASK + "  support: [bkhcn]\n  status: done\n  done_on: 2025-08-10\n  result: Tờ trình 1/TTr\n"
    item = by_id(one_task(repo, body), date(2025, 9, 1))["t"]
    assert (item.kind, item.directive, item.lead, item.support) == ("task", "qd-100", "bxd", ("bkhcn",))
    assert (item.title, item.deadline, item.due) == ("Trình Nghị định", "trước ngày 15/8/2025", DUE)
    assert (item.result, item.days_left, item.stale) == ("Tờ trình 1/TTr", None, False)


def test_result_appears_only_once_done(repo: Callable[..., Path]) -> None:
    body = LEAD_TASK + "  status: done\n  done_on: 2025-08-10\n  result: Tờ trình 1/TTr\n"
    repository = one_task(repo, body)
    assert by_id(repository, date(2025, 8, 9))["t"].result is None
    assert by_id(repository, date(2025, 8, 10))["t"].result == "Tờ trình 1/TTr"


@pytest.mark.parametrize(
    ("deadline", "status", "state"),
    [
        # SPEC §10: a task with no deadline at all is not an ongoing duty.
        pytest.param(None, "open", State.NO_DEADLINE, id="no-deadline"),
        pytest.param("thường xuyên", "open", State.ONGOING, id="thuong-xuyen"),
        pytest.param("Thuong xuyen", "in_progress", State.ONGOING, id="thuong-xuyen-without-marks"),
        pytest.param("ongoing", "open", State.ONGOING, id="ongoing"),
    ],
)
def test_no_due_date_is_ongoing(
    repo: Callable[..., Path], deadline: str | None, status: str, state: State
) -> None:
    line = f"  deadline: {deadline}\n" if deadline else ""
    body = f"- id: t\n  title: Theo dõi\n  lead: bxd\n  status: {status}\n{line}"
    item = by_id(one_task(repo, body), date(2030, 1, 1))["t"]
    assert (item.state, item.due, item.deadline, item.due_soon, item.days_overdue, item.days_left) == (
        state,
        None,
        deadline,
        False,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("header", "as_of", "exists"),
    [
        pytest.param({}, date(2025, 6, 30), False, id="day-before-directive-date"),
        pytest.param({}, date(2025, 7, 1), True, id="directive-date"),
        pytest.param(
            {"assigned_on": "2025-06-25"}, date(2025, 6, 24), False, id="day-before-earlier-assigned-on"
        ),
        pytest.param(
            {"assigned_on": "2025-06-25"}, date(2025, 6, 25), True, id="earlier-assigned-on-before-date"
        ),
        pytest.param(
            {"assigned_on": "2025-07-10"}, date(2025, 7, 9), False, id="day-before-later-assigned-on"
        ),
        pytest.param({"assigned_on": "2025-07-10"}, date(2025, 7, 10), True, id="later-assigned-on-day"),
    ],
)
def test_task_exists_from_assignment(
    repo: Callable[..., Path], header: dict[str, str], as_of: date, exists: bool
) -> None:
    items = by_id(one_task(repo, LEAD_TASK, **header), as_of)
    assert list(items) == (["t"] if exists else [])


@pytest.mark.parametrize(
    ("as_of", "soon", "due_soon", "days_left"),
    [
        pytest.param(DUE, 14, True, 0, id="0-days-left"),
        pytest.param(DUE - 14 * DAY, 14, True, 14, id="soon-days-left"),
        pytest.param(DUE - 15 * DAY, 14, False, 15, id="soon-plus-1-days-left"),
        pytest.param(DUE - 3 * DAY, 3, True, 3, id="soon-3-at-3"),
        pytest.param(DUE - 4 * DAY, 3, False, 4, id="soon-3-at-4"),
        pytest.param(DUE, 0, True, 0, id="soon-0-on-due-day"),
        pytest.param(DUE - DAY, 0, False, 1, id="soon-0-day-before"),
        pytest.param(DUE + DAY, 14, False, None, id="overdue-is-not-due-soon"),
    ],
)
def test_due_soon(
    repo: Callable[..., Path], as_of: date, soon: int, due_soon: bool, days_left: int | None
) -> None:
    item = by_id(one_task(repo, LEAD_TASK), as_of, soon)["t"]
    assert (item.due_soon, item.days_left) == (due_soon, days_left)


def test_done_item_is_never_due_soon(repo: Callable[..., Path]) -> None:
    body = LEAD_TASK + "  status: done\n  done_on: 2025-08-10\n"
    item = by_id(one_task(repo, body), DUE - DAY)["t"]
    assert (item.state, item.due_soon, item.days_left) == (State.DONE_ON_TIME, False, None)


# --- stale ------------------------------------------------------------------------------------


def _updates(*days: str) -> str:
    if not days:
        return ""
    return "  updates:\n" + "".join(f"    - on: {day}\n      note: Tiến độ\n" for day in days)


@pytest.mark.parametrize(
    ("deadline", "updates", "as_of", "stale", "last"),
    [
        pytest.param("31/12/2025", (), date(2025, 7, 31), False, None, id="never-updated-30-days"),
        pytest.param("31/12/2025", (), date(2025, 8, 1), True, None, id="never-updated-31-days"),
        pytest.param(
            "31/12/2025", ("2025-08-01",), date(2025, 8, 31), False, date(2025, 8, 1), id="update-30-days"
        ),
        pytest.param(
            "31/12/2025", ("2025-08-01",), date(2025, 9, 1), True, date(2025, 8, 1), id="update-31-days"
        ),
        pytest.param(
            "31/12/2025",
            ("2025-07-02", "2025-08-20"),
            date(2025, 9, 1),
            False,
            date(2025, 8, 20),
            id="newest-counts",
        ),
        pytest.param(
            "31/12/2025", ("2025-08-20",), date(2025, 8, 19), True, None, id="later-update-not-seen"
        ),
        pytest.param("15/7/2025", (), date(2025, 9, 1), True, None, id="overdue-stale"),
        pytest.param("thường xuyên", (), date(2025, 9, 1), True, None, id="ongoing-stale"),
    ],
)
def test_stale(
    repo: Callable[..., Path],
    deadline: str,
    updates: tuple[str, ...],
    as_of: date,
    stale: bool,
    last: date | None,
) -> None:
    body = f"- id: t\n  title: Việc\n  lead: bxd\n  deadline: {deadline}\n" + _updates(*updates)
    item = by_id(one_task(repo, body), as_of)["t"]
    assert (item.stale, item.last_update) == (stale, last)
    assert [u.on for u in item.updates] == [
        date.fromisoformat(u) for u in updates if date.fromisoformat(u) <= as_of
    ]


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param("  status: done\n  done_on: 2025-07-02\n", id="done"),
        pytest.param("  status: cancelled\n  cancel_reason: Thôi\n", id="cancelled"),
    ],
)
def test_closed_items_are_never_stale(repo: Callable[..., Path], extra: str) -> None:
    body = "- id: t\n  title: Việc\n  lead: bxd\n  deadline: 31/12/2025\n" + extra
    assert by_id(one_task(repo, body), date(2025, 12, 1))["t"].stale is False


# --- each: selectors and responses ----------------------------------------------------------

MORE_MEMBERS = """\
  - id: bkhcn-later
    name: Lê Văn C
    title: Thứ trưởng
    role: member
    org: bkhcn
    since: 2025-07-02
  - id: ha-noi-gone
    name: Phạm Văn D
    title: Phó Chủ tịch
    role: member
    org: ha-noi
    since: 2025-06-30
    until: 2025-07-01
  - id: cao-bang-leaving
    name: Hoàng Thị E
    title: Phó Chủ tịch
    role: invited
    org: cao-bang
    since: 2025-06-30
    until: 2025-07-02
"""


@pytest.mark.parametrize(
    ("each", "assignees"),
    [
        pytest.param('["@localities"]', ["ha-noi", "cao-bang", "lang-son", "da-nang"], id="localities"),
        pytest.param('["@cities"]', ["ha-noi", "da-nang"], id="cities"),
        pytest.param('["@provinces"]', ["cao-bang", "lang-son"], id="provinces"),
        pytest.param('["@ministries"]', ["bxd", "bkhcn"], id="ministries"),
        pytest.param('["@members"]', ["vpcp", "bxd", "cao-bang"], id="members-as-of-assignment"),
        pytest.param('[vpcp, bxd, "@ministries"]', ["vpcp", "bxd", "bkhcn"], id="ids-and-selector-once-each"),
        pytest.param('["@cities", cao-bang]', ["ha-noi", "da-nang", "cao-bang"], id="selector-and-id"),
    ],
)
def test_each_expands_into_assignments(repo: Callable[..., Path], each: str, assignees: list[str]) -> None:
    body = f"- id: t\n  title: Gửi kế hoạch\n  each: {each}\n  deadline: 25/7/2025\n"
    files = {
        "data/members.yaml": MEMBERS + MORE_MEMBERS,
        "data/tasks/qd-100.yaml": directive(body),
        **LOCALITIES,
    }
    items = items_as_of(load(repo, files), date(2025, 7, 20))
    assert [item.id for item in items] == [f"t@{org}" for org in assignees]
    assert [item.lead for item in items] == assignees
    assert {(i.kind, i.directive, i.title, i.deadline, i.due, i.state) for i in items} == {
        ("assignment", "qd-100", "Gửi kế hoạch", "25/7/2025", date(2025, 7, 25), State.IN_PROGRESS)
    }


def test_members_selector_uses_the_assigned_date_not_the_as_of_date(repo: Callable[..., Path]) -> None:
    body = "- id: t\n  title: Góp ý\n  each: ['@members']\n  deadline: 25/8/2025\n"
    files = {
        "data/members.yaml": MEMBERS + MORE_MEMBERS,
        "data/tasks/qd-100.yaml": directive(body, day="2025-07-20", assigned_on="2025-07-01"),
        **LOCALITIES,
    }
    repository = load(repo, files)
    # bkhcn joined on 2/7 and cao-bang left on 2/7: as of 10/8 that changes nothing.
    assert list(by_id(repository, date(2025, 8, 10))) == ["t@vpcp", "t@bxd", "t@cao-bang"]


RESPONSES = """\
- id: t
  title: Gửi kế hoạch hành động
  each: ["@localities"]
  deadline: 15/8/2025
  responses:
    ha-noi: {status: done, done_on: 2025-08-10, result: Kế hoạch 45/KH-UBND}
    cao-bang: {status: done, done_on: 2025-08-20}
    lang-son: {status: in_progress, note: Đang trình}
"""


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        pytest.param(
            date(2025, 9, 1),
            {
                "t@ha-noi": (State.DONE_ON_TIME, False, None, date(2025, 8, 10)),
                "t@cao-bang": (State.DONE_LATE, False, None, date(2025, 8, 20)),
                "t@lang-son": (State.OVERDUE, False, 17, None),
                "t@da-nang": (State.OVERDUE, False, 17, None),
            },
            id="after-all-responses",
        ),
        pytest.param(
            date(2025, 8, 12),
            {
                "t@ha-noi": (State.DONE_ON_TIME, False, None, date(2025, 8, 10)),
                "t@cao-bang": (State.IN_PROGRESS, True, None, None),
                "t@lang-son": (State.IN_PROGRESS, True, None, None),
                "t@da-nang": (State.IN_PROGRESS, True, None, None),
            },
            id="before-the-late-response",
        ),
    ],
)
def test_each_responses(
    repo: Callable[..., Path], as_of: date, expected: dict[str, tuple[State, bool, int | None, date | None]]
) -> None:
    repository = load(repo, {"data/tasks/qd-100.yaml": directive(RESPONSES), **LOCALITIES})
    items = by_id(repository, as_of)
    assert {ident: summary(item) for ident, item in items.items()} == expected
    assert items["t@ha-noi"].result == "Kế hoạch 45/KH-UBND"


def test_each_response_cancelled_for_one_assignee(repo: Callable[..., Path]) -> None:
    body = (
        "- id: t\n  title: Gửi kế hoạch\n  each: ['@cities']\n  deadline: 15/8/2025\n"
        "  responses:\n    da-nang: {status: cancelled, cancel_reason: Đã gửi trong đề án}\n"
    )
    items = by_id(load(repo, {"data/tasks/qd-100.yaml": directive(body), **LOCALITIES}), date(2025, 9, 1))
    assert {ident: item.state for ident, item in items.items()} == {
        "t@ha-noi": State.OVERDUE,
        "t@da-nang": State.CANCELLED,
    }


CANCELLED_EACH = """\
- id: t
  title: Gửi kế hoạch
  each: ["@cities"]
  deadline: 15/8/2025
  status: cancelled
  cancel_reason: Thay bằng nhiệm vụ khác
  cancelled_on: 2025-08-20
  responses:
    ha-noi: {status: in_progress}
"""


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        pytest.param(date(2025, 8, 10), State.IN_PROGRESS, id="before-cancellation-in-time"),
        pytest.param(date(2025, 8, 19), State.OVERDUE, id="before-cancellation-overdue"),
        pytest.param(date(2025, 8, 20), State.CANCELLED, id="cancellation-day"),
        pytest.param(date(2026, 1, 1), State.CANCELLED, id="after-cancellation"),
    ],
)
def test_each_task_cancelled_as_a_whole_cancels_every_assignee(
    repo: Callable[..., Path], as_of: date, state: State
) -> None:
    items = by_id(load(repo, {"data/tasks/qd-100.yaml": directive(CANCELLED_EACH), **LOCALITIES}), as_of)
    assert {ident: item.state for ident, item in items.items()} == {"t@ha-noi": state, "t@da-nang": state}


def test_done_response_counts_before_the_task_is_cancelled(repo: Callable[..., Path]) -> None:
    body = CANCELLED_EACH.replace("{status: in_progress}", "{status: done, done_on: 2025-08-10}")
    items = by_id(load(repo, {"data/tasks/qd-100.yaml": directive(body), **LOCALITIES}), date(2025, 8, 15))
    assert summary(items["t@ha-noi"]) == (State.DONE_ON_TIME, False, None, date(2025, 8, 10))


# --- roadmap milestones ---------------------------------------------------------------------

ROADMAP = """\
roadmap:
  - id: hn-2026
    title: Vận hành trung tâm điều hành
    year: 2026
  - id: hn-q2
    title: Số hóa hồ sơ
    year: 2026
    deadline: quý II/2026
  - id: hn-done
    title: Cơ sở dữ liệu dân cư
    year: 2025
    status: done
    done_on: 2026-01-05
"""


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        pytest.param(
            date(2000, 1, 1),
            {
                "hn-2026": (State.IN_PROGRESS, False, None, None),
                "hn-q2": (State.IN_PROGRESS, False, None, None),
                "hn-done": (State.IN_PROGRESS, False, None, None),
            },
            id="long-before",
        ),
        pytest.param(
            date(2026, 7, 1),
            {
                "hn-2026": (State.IN_PROGRESS, False, None, None),
                "hn-q2": (State.OVERDUE, False, 1, None),
                "hn-done": (State.DONE_LATE, False, None, date(2026, 1, 5)),
            },
            id="mid-2026",
        ),
        pytest.param(
            date(2026, 12, 31),
            {
                "hn-2026": (State.IN_PROGRESS, True, None, None),
                "hn-q2": (State.OVERDUE, False, 184, None),
                "hn-done": (State.DONE_LATE, False, None, date(2026, 1, 5)),
            },
            id="last-day-of-year",
        ),
    ],
)
def test_milestones(
    repo: Callable[..., Path], as_of: date, expected: dict[str, tuple[State, bool, int | None, date | None]]
) -> None:
    repository = load(repo, {"data/localities/ha-noi.yaml": HA_NOI + ROADMAP})
    items = by_id(repository, as_of)
    assert {ident: summary(item) for ident, item in items.items()} == expected
    shape = {ident: (i.kind, i.directive, i.lead, i.deadline, i.due) for ident, i in items.items()}
    assert shape == {
        "hn-2026": ("milestone", None, "ha-noi", None, date(2026, 12, 31)),
        "hn-q2": ("milestone", None, "ha-noi", "quý II/2026", date(2026, 6, 30)),
        "hn-done": ("milestone", None, "ha-noi", None, date(2025, 12, 31)),
    }


# --- rates ----------------------------------------------------------------------------------


def _items(*states: State) -> list[Item]:
    return [SimpleNamespace(state=state) for state in states]  # type: ignore[misc]


S = State


@pytest.mark.parametrize(
    ("states", "due", "all_"),
    [
        pytest.param((), None, None, id="nothing"),
        pytest.param((S.CANCELLED, S.CANCELLED), None, None, id="only-cancelled"),
        pytest.param((S.IN_PROGRESS, S.ONGOING), None, 0.0, id="nothing-due-yet"),
        pytest.param((S.OVERDUE,), 0.0, 0.0, id="only-overdue"),
        pytest.param((S.DONE_LATE,), 1.0, 1.0, id="only-done-late"),
        pytest.param(
            (S.DONE_ON_TIME, S.DONE_LATE, S.OVERDUE, S.IN_PROGRESS, S.ONGOING, S.CANCELLED),
            2 / 3,
            2 / 5,
            id="one-of-each",
        ),
        pytest.param((S.DONE_ON_TIME,) * 3 + (S.OVERDUE,) + (S.IN_PROGRESS,) * 2, 3 / 4, 3 / 6, id="mixed"),
    ],
)
def test_rates(states: tuple[State, ...], due: float | None, all_: float | None) -> None:
    tally = Tally.of(_items(*states))
    assert (tally.rates.due, tally.rates.all) == (due, all_)
    assert tally.counts == {state: states.count(state) for state in State}
    assert tally.total == len(states)


def test_an_item_carries_each_field_of_its_source_to_the_field_of_that_name() -> None:
    """``build_item`` makes an Item by position (a keyword call of its 28 fields costs four times
    as much): every field a source gives as it is lands in the field of the same name."""
    from dothi.reports.item import Granted
    from dothi.reports.states import ItemSource, build_item

    day = date(2026, 6, 1)
    extension = Granted(date(2026, 3, 1), "30/6/2026", date(2026, 6, 30), "vpcp", "gia hạn")
    source = ItemSource(
        id="t-1",
        title="Tiêu đề",
        kind="task",
        directive="tb-1",
        lead="bxd",
        support=("btc",),
        deadline="31/3/2026",
        due=date(2026, 3, 31),
        progress=Progress("open", None, None),
        updates=(),
        obstacles=(),
        result="kết quả",
        active_since=date(2026, 1, 2),
        indicative=True,
        source="nguồn",
        note="ghi chú",
        extensions=(extension,),
    )
    item = build_item(source, day, 14)
    assert item is not None
    same = ("id", "title", "kind", "directive", "lead", "support", "indicative", "source", "note")
    assert {name: getattr(item, name) for name in same} == {name: getattr(source, name) for name in same}
    assert (item.deadline, item.due, item.original_due) == ("30/6/2026", date(2026, 6, 30), date(2026, 3, 31))
    assert (item.state, item.days_left, item.days_overdue, item.due_soon) == (
        State.IN_PROGRESS,
        29,
        None,
        False,
    )
    assert (item.extended, item.extensions, item.result, item.done_on) == (True, (extension,), None, None)
