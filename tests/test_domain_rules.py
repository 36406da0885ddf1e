"""One place per domain rule (issue 20, item 2): each rule the checks, the reports and the renderers
share is written once, so that ``validate`` and ``status`` can no longer disagree about it."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import HA_NOI, MEMBERS, run_cli
from dothi.data import atomic
from dothi.data.models import SELECTORS
from dothi.data.names import short_locality_name
from dothi.data.repository import load_repository
from dothi.data.selectors import Directory, expand
from dothi.messages import Catalogue
from dothi.problem import Problem
from dothi.render.charts import _age_labels, overdue_age_data
from dothi.render.check import CheckView
from dothi.render.status import state_label
from dothi.reports.briefing import briefing
from dothi.reports.check import check_plans
from dothi.reports.item import State
from dothi.reports.status import AGE_LIMITS, LISTING_ORDER, Filters, select, status_report
from test_states import LOCALITIES, by_id, directive, load

# A member for bkhcn whose membership ended the day before the directive of 1/7/2025.
LEFT_EARLY = """\
  - id: former
    name: Lê Văn C
    title: Thứ trưởng
    role: member
    org: bkhcn
    since: 2025-06-30
    until: 2025-07-01
"""


def problems(make: Callable[..., Path], files: dict[str, str]) -> list[tuple[str, int, str, str]]:
    """Every problem of the repository, as (file, line, code, message key)."""
    found: list[Problem] = load_repository(make(files)).problems
    return [(p.file, p.line, p.code, p.message.key) for p in found]


# --- selectors: one expansion for the checks and the reports ---------------------------------------


def test_a_response_from_an_org_without_a_member_on_the_day_is_not_an_assignee(
    repo: Callable[..., Path],
) -> None:
    """``@members`` names the organizations with a member on the day the task was assigned: the
    states engine always counted so, and ignored bkhcn's answer; validate now says so."""
    body = (
        "- id: t\n  title: Báo cáo\n  each: ['@members']\n  deadline: 15/8/2025\n"
        "  responses:\n    bkhcn: {status: done, done_on: 2025-08-01}\n"
    )
    files = {"data/members.yaml": MEMBERS + LEFT_EARLY, "data/tasks/qd-100.yaml": directive(body)}
    assert problems(repo, files) == [
        ("data/tasks/qd-100.yaml", 13, "response-not-assignee", "problem.response-not-assignee")
    ]


def test_members_selector_with_nobody_seated_on_the_day_names_nobody(repo: Callable[..., Path]) -> None:
    """A directive older than the group: on its day ``@members`` names nobody, so the task would
    vanish from every report; the check that says so counts members as the reports do."""
    body = "- id: t\n  title: Báo cáo\n  each: ['@members']\n  deadline: 15/8/2025\n"
    files = {"data/tasks/qd-100.yaml": directive(body, day="2025-06-01")}
    assert problems(repo, files) == [
        ("data/tasks/qd-100.yaml", 10, "assignee-form", "problem.assignee-form.nobody")
    ]


def test_one_expansion_names_each_assignee_once_in_the_order_written() -> None:
    """Localities in the order the caller gives (the repository: by code), an unknown selector as
    itself (the reference check reports it), an id named twice once."""
    directory = Directory(
        {"ha-noi": "city", "cao-bang": "province", "da-nang": "city"},
        {"bxd": "ministry", "vpcp": "agency", "bkhcn": "ministry"},
        (),
    )
    each = ["@cities", "bxd", "@ministries", "@provinces", "@nowhere", "ha-noi"]
    assert expand(each, directory, None) == ["ha-noi", "da-nang", "bxd", "bkhcn", "cao-bang", "@nowhere"]
    assert expand(["@localities"], directory, None) == ["ha-noi", "cao-bang", "da-nang"]


def test_every_selector_the_model_accepts_is_one_the_expansion_knows() -> None:
    seated = SimpleNamespace(org="vpcp", active_on=lambda day: True)
    directory = Directory({"ha-noi": "city", "cao-bang": "province"}, {"bxd": "ministry"}, (seated,))
    assert {selector: expand([selector], directory, None) for selector in SELECTORS} == {
        "@localities": ["ha-noi", "cao-bang"],
        "@cities": ["ha-noi"],
        "@provinces": ["cao-bang"],
        "@ministries": ["bxd"],
        "@members": ["vpcp"],
    }


# --- locality short names ------------------------------------------------------------------------


def test_a_locality_is_shortened_by_one_rule() -> None:
    assert [short_locality_name(n) for n in ("Thành phố Hà Nội", "Tỉnh Cao Bằng", "Bộ Xây dựng")] == [
        "Hà Nội",
        "Cao Bằng",
        "Bộ Xây dựng",
    ]


def test_the_check_matrix_and_the_status_tables_shorten_a_locality_alike(repo: Callable[..., Path]) -> None:
    result = load_repository(repo(LOCALITIES))
    assert result.repository is not None
    checks = check_plans(result.repository)
    rows = CheckView(checks, result.repository.requirements, Catalogue("vi")).matrix_rows()
    assert [cells[0] for _, cells in rows] == [result.repository.short_name_of(c.locality.id) for c in checks]
    assert [cells[0] for _, cells in rows] == ["Hà Nội", "Cao Bằng", "Lạng Sơn", "Đà Nẵng"]


# --- the order of states ---------------------------------------------------------------------------


def test_every_state_has_one_place_in_the_listing_order() -> None:
    """A state added to the engine must be placed here, or listing it would fail."""
    assert sorted(LISTING_ORDER) == sorted(State) and len(LISTING_ORDER) == len(State)


def test_the_briefing_pages_list_a_lead_s_items_as_status_all_does(repo: Callable[..., Path]) -> None:
    body = (
        "- {id: a, title: A, lead: bxd, deadline: 1/8/2025}\n"
        "- {id: b, title: B, lead: bxd, deadline: 1/9/2025, status: done, done_on: 2025-08-01}\n"
        "- {id: c, title: C, lead: bxd, deadline: thường xuyên}\n"
        "- {id: d, title: D, lead: bxd, deadline: 1/7/2025, status: done, done_on: 2025-08-02}\n"
        "- {id: e, title: E, lead: bxd, deadline: 1/12/2025}\n"
        "- {id: f, title: F, lead: bxd, status: cancelled, cancel_reason: Thôi}\n"
        "- {id: g, title: G, lead: bxd, deadline: 15/7/2025}\n"
    )
    result = load_repository(repo({"data/tasks/qd-100.yaml": directive(body)}))
    assert result.repository is not None
    pack = briefing(result.repository, date(2025, 9, 1))
    page = next(page for page in pack.agencies if page.id == "bxd")
    listed = select(pack.status.items, Filters(leads=("bxd",), everything=True))
    assert [line.item.id for line in page.items] == [item.id for item in listed]
    assert [item.id for item in listed] == ["g", "a", "e", "c", "d", "b", "f"]


# --- the age buckets of overdue items ----------------------------------------------------------------

AGES = (
    "- {id: a30, title: A, lead: bxd, deadline: 1/12/2025}\n"
    "- {id: a31, title: B, lead: bxd, deadline: 30/11/2025}\n"
    "- {id: a90, title: C, lead: bxd, deadline: 2/10/2025}\n"
    "- {id: a91, title: D, lead: bxd, deadline: 1/10/2025}\n"
)


def test_overdue_items_fall_in_the_buckets_the_report_declares(repo: Callable[..., Path]) -> None:
    result = load_repository(repo({"data/tasks/qd-100.yaml": directive(AGES)}))
    assert result.repository is not None
    report = status_report(result.repository, date(2025, 12, 31))
    assert sorted(item.days_overdue or 0 for item in report.items) == [30, 31, 90, 91]
    assert AGE_LIMITS == (30, 90)
    assert report.overdue_by_age == (1, 2, 1)
    assert overdue_age_data(briefing(result.repository, date(2025, 12, 31))) == [1, 2, 1]


def test_the_chart_labels_its_bars_from_the_same_limits() -> None:
    assert _age_labels(Catalogue("vi")) == ["≤ 30 ngày", "31–90 ngày", "> 90 ngày"]
    assert _age_labels(Catalogue("en")) == ["≤ 30 days", "31–90 days", "> 90 days"]


# --- when a task is finished, and deadlines counted from one ---------------------------------------

EACH_A = "- id: a\n  title: Gửi báo cáo\n  each: ['@cities']\n  deadline: 15/8/2025\n"
BOTH_DONE = (
    "  responses:\n    ha-noi: {status: done, done_on: 2025-08-01}\n"
    "    da-nang: {status: done, done_on: 2025-08-05}\n"
)
FROM_A = "- id: b\n  title: Tổng hợp\n  lead: bxd\n  deadline: {within: 10 ngày, from: a}\n"


def states_of(make: Callable[..., Path], body: str, as_of: date, extra: dict[str, str] | None = None) -> dict:
    """(state, due, waiting_for) of every item, the localities of test_states loaded."""
    files = {"data/tasks/qd-100.yaml": directive(body), **LOCALITIES, **(extra or {})}
    return {ident: (i.state, i.due, i.waiting_for) for ident, i in by_id(load(make, files), as_of).items()}


def test_a_deadline_counted_from_an_each_task_starts_when_its_last_assignee_is_done(
    repo: Callable[..., Path],
) -> None:
    """Was: an “each” task was never in the map of finished tasks, so “b” waited for ever and its
    17 days overdue were hidden."""
    assert states_of(repo, EACH_A + BOTH_DONE + FROM_A, date(2025, 9, 1))["b"] == (
        State.OVERDUE,
        date(2025, 8, 15),
        None,
    )


def test_an_each_task_with_an_assignee_still_at_work_is_not_finished(repo: Callable[..., Path]) -> None:
    answers = "  responses:\n    ha-noi: {status: done, done_on: 2025-08-01}\n"
    assert states_of(repo, EACH_A + answers + FROM_A, date(2025, 9, 1))["b"] == (State.IN_PROGRESS, None, "a")


def test_an_each_task_done_as_a_whole_is_finished_that_day(repo: Callable[..., Path]) -> None:
    """The rule of test_contract: marking the task done closes every assignment, so it is finished."""
    whole = "  status: done\n  done_on: 2025-08-20\n"
    found = states_of(repo, EACH_A + whole + FROM_A, date(2025, 9, 1))
    assert found["b"] == (State.OVERDUE, date(2025, 8, 30), None)


def test_an_assignee_let_off_does_not_hold_the_task_back(repo: Callable[..., Path]) -> None:
    answers = (
        "  responses:\n    ha-noi: {status: done, done_on: 2025-08-03}\n"
        "    da-nang: {status: cancelled, cancel_reason: Sáp nhập}\n"
    )
    assert states_of(repo, EACH_A + answers + FROM_A, date(2025, 9, 1))["b"] == (
        State.OVERDUE,
        date(2025, 8, 13),
        None,
    )


def test_a_cancelled_task_is_never_finished(repo: Callable[..., Path]) -> None:
    body = "- {id: a, title: A, lead: bxd, status: cancelled, cancel_reason: Thôi}\n" + FROM_A
    assert states_of(repo, body, date(2025, 9, 1))["b"] == (State.IN_PROGRESS, None, "a")


def test_the_finished_day_is_not_known_before_it(repo: Callable[..., Path]) -> None:
    assert states_of(repo, EACH_A + BOTH_DONE + FROM_A, date(2025, 8, 4))["b"] == (
        State.IN_PROGRESS,
        None,
        "a",
    )


MILESTONES = """\
roadmap:
  - id: hn-dan-cu
    title: Cơ sở dữ liệu dân cư
    year: 2025
    status: done
    done_on: 2025-08-01
  - id: hn-sau
    title: Kết nối dữ liệu
    year: 2026
    deadline: {within: 1 tháng, from: c}
"""


def test_deadlines_count_from_a_milestone_and_a_milestone_s_deadline_from_a_task(
    repo: Callable[..., Path],
) -> None:
    """Both were accepted and never started: milestones were not in the map of finished tasks,
    and a milestone's relative deadline was never counted."""
    body = (
        "- id: b\n  title: Tổng hợp\n  lead: bxd\n  deadline: {within: 10 ngày, from: hn-dan-cu}\n"
        "- {id: c, title: C, lead: bxd, deadline: 1/8/2025, status: done, done_on: 2025-08-10}\n"
    )
    extra = {"data/localities/ha-noi.yaml": HA_NOI + MILESTONES}
    found = states_of(repo, body, date(2025, 9, 15), extra)
    assert found["b"] == (State.OVERDUE, date(2025, 8, 11), None)
    assert found["hn-sau"] == (State.OVERDUE, date(2025, 9, 10), None)
    assert states_of(repo, body, date(2025, 8, 5), extra)["hn-sau"] == (State.IN_PROGRESS, None, "c")


# --- deadlines that can never start: validation refuses them ---------------------------------------

RECURRING = (
    "- id: r\n  title: Báo cáo quý\n  lead: bxd\n  every: quarter\n"
    "- id: b\n  title: Tổng hợp\n  lead: bxd\n  deadline: {within: 10 ngày, from: r}\n"
)


ROADMAP_M = "roadmap:\n  - id: m\n    title: Trung tâm IOC\n    year: 2026\n"  # its deadline on line 8


def test_a_deadline_counted_from_a_recurring_duty_is_refused_at_its_from(repo: Callable[..., Path]) -> None:
    """Was accepted, and “b” waited for ever: a recurring duty is done period by period, never whole."""
    assert problems(repo, {"data/tasks/qd-100.yaml": directive(RECURRING)}) == [
        ("data/tasks/qd-100.yaml", 15, "deadline-start", "problem.deadline-start.recurring")
    ]


def test_a_milestone_deadline_counted_from_the_directive_is_refused(repo: Callable[..., Path]) -> None:
    roadmap = ROADMAP_M + "    deadline: trong vòng 3 tháng kể từ ngày ký\n"
    assert problems(repo, {"data/localities/ha-noi.yaml": HA_NOI + roadmap}) == [
        ("data/localities/ha-noi.yaml", 8, "deadline-start", "problem.deadline-start.milestone")
    ]


def test_a_milestone_counting_from_an_unknown_task_is_refused(repo: Callable[..., Path]) -> None:
    roadmap = ROADMAP_M + "    deadline: {within: 3 tháng, from: nowhere}\n"
    assert problems(repo, {"data/localities/ha-noi.yaml": HA_NOI + roadmap}) == [
        ("data/localities/ha-noi.yaml", 8, "unknown-reference", "problem.unknown-reference")
    ]


def test_deadlines_counted_from_one_another_in_a_loop_are_refused_at_each_from(
    repo: Callable[..., Path],
) -> None:
    body = (
        "- {id: a, title: A, lead: bxd, deadline: {within: 5 ngày, from: b}}\n"
        "- {id: b, title: B, lead: bxd, deadline: {within: 5 ngày, from: c}}\n"
        "- {id: c, title: C, lead: bxd, deadline: {within: 5 ngày, from: a}}\n"
        "- {id: d, title: D, lead: bxd, deadline: {within: 5 ngày, from: a}}\n"
        "- {id: e, title: E, lead: bxd, deadline: {within: 5 ngày, from: e}}\n"
    )
    result = load_repository(repo({"data/tasks/qd-100.yaml": directive(body)}))
    assert [(p.line, p.code, dict(p.message.params)["chain"]) for p in result.problems] == [
        (8, "deadline-cycle", "a → b → c → a"),
        (9, "deadline-cycle", "b → c → a → b"),
        (10, "deadline-cycle", "c → a → b → c"),
        (12, "deadline-cycle", "e → e"),
    ]


def test_a_loop_through_a_milestone_is_a_loop_too(repo: Callable[..., Path]) -> None:
    body = "- {id: a, title: A, lead: bxd, deadline: {within: 5 ngày, from: m}}\n"
    roadmap = ROADMAP_M + "    deadline: {within: 3 tháng, from: a}\n"
    files = {"data/tasks/qd-100.yaml": directive(body), "data/localities/ha-noi.yaml": HA_NOI + roadmap}
    assert problems(repo, files) == [
        ("data/localities/ha-noi.yaml", 8, "deadline-cycle", "problem.deadline-cycle"),
        ("data/tasks/qd-100.yaml", 8, "deadline-cycle", "problem.deadline-cycle"),
    ]


def test_validate_says_why_a_loop_never_starts(repo: Callable[..., Path]) -> None:
    body = "- id: a\n  title: A\n  lead: bxd\n  deadline:\n    within: 5 ngày\n    from: a\n"
    root = repo({"data/tasks/qd-100.yaml": directive(body)})
    vi = run_cli("--root", str(root), "validate")
    en = run_cli("--root", str(root), "--lang", "en", "validate")
    assert (vi.exit_code, en.exit_code) == (1, 1)
    assert vi.stdout.splitlines()[:4] == [
        "data/tasks/qd-100.yaml:13:13: error deadline-cycle nhiệm vụ a: các thời hạn được tính nối tiếp nhau"
        " thành vòng khép kín (a → a): không thời hạn nào trong vòng có thể bắt đầu",
        "   13 |       from: a",
        "      |             ^",
        "      = gợi ý: cho một nhiệm vụ trong vòng tính thời hạn từ ngày ký văn bản (bỏ “from”)"
        " hoặc ghi ngày cụ thể",
    ]
    assert en.stdout.splitlines()[0] == (
        "data/tasks/qd-100.yaml:13:13: error deadline-cycle task a: deadlines counted from one another"
        " in a loop (a → a): none of them can ever start"
    )


# --- one way to replace a file -----------------------------------------------------------------------


def test_a_replaced_file_keeps_the_mode_asked_and_no_temporary_is_left(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("cũ", encoding="utf-8")
    atomic.replace(str(target), "mới".encode(), 0o640)
    assert (target.read_text(encoding="utf-8"), target.stat().st_mode & 0o777) == ("mới", 0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_a_failed_rename_leaves_the_target_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("cũ", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        atomic.replace(str(target), b"new")
    assert (target.read_text(encoding="utf-8"), sorted(p.name for p in tmp_path.iterdir())) == (
        "cũ",
        ["a.md"],
    )


def test_a_shard_is_replaced_through_the_folder_it_opened(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    handle = os.open(folder, os.O_RDONLY)
    try:
        atomic.replace("0.marshal", b"x", folder_fd=handle, durable=False)
    finally:
        os.close(handle)
    assert sorted(p.name for p in folder.iterdir()) == ["0.marshal"]
    assert (folder / "0.marshal").stat().st_mode & 0o777 == 0o600


def test_every_writer_replaces_files_through_the_one_helper(
    repo: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache (shards and key), the outputs and the edits had their own copies of this."""
    staged: list[str] = []
    real = atomic.stage

    def spy(target: str, data: bytes, mode: int, **options: Any) -> str:
        staged.append(Path(target).name)
        return real(target, data, mode, **options)

    monkeypatch.setattr(atomic, "stage", spy)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = repo(
        {"data/tasks/qd-100.yaml": directive("- {id: t1, title: T, lead: bxd, deadline: 1/8/2025}\n")}
    )
    assert run_cli("--root", str(root), "validate").exit_code == 0
    assert "key" in staged and any(name.endswith(".marshal") for name in staged)
    staged.clear()
    assert run_cli("--root", str(root), "update", "t1", "Đã trình", "--on", "1/8/2025").exit_code == 0
    assert "snapshot.pickle" in staged  # it loaded every file: the next edits start from it
    assert [name for name in staged if not name.endswith((".marshal", ".asked", ".pickle"))] == [
        "qd-100.yaml"
    ]
    staged.clear()
    out = tmp_path / "hop.md"
    assert run_cli("--root", str(root), "brief", "--as-of", "2025-08-02", "--out", str(out)).exit_code == 0
    assert [name for name in staged if not name.endswith((".marshal", ".asked"))] == ["hop.md"]


def test_an_overdue_item_s_state_reads_alike_in_status_and_show(repo: Callable[..., Path]) -> None:
    result = load_repository(repo({"data/tasks/qd-100.yaml": directive(AGES)}))
    assert result.repository is not None
    item = by_id(result.repository, date(2025, 12, 31))["a31"]
    assert state_label(Catalogue("vi"), item) == "Chưa hoàn thành, quá hạn (31 ngày)"
    assert state_label(Catalogue("en"), item) == "Overdue (31 days)"
