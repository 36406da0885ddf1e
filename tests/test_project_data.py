"""The project's own data as a fixture (issue 16): valid with no warning, and true to its sources.

`dothi status` on this data is the first screen a Deputy Prime Minister's secretariat sees. Every
figure on it must rest on a source or say that it is not known: no item may be overdue, or done
late, unless a source shows that it was not done in time, and every item whose status is more than
"not done yet" says where that is known from.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Any

import pytest

from conftest import PROJECT_ROOT, run_cli
from dothi.data.repository import Repository, load_repository
from dothi.reports.item import DONE_STATES, Item, State
from dothi.reports.states import items_as_of

# The day the data was last checked against public sources (domain.md §10).
CHECKED_ON = date(2026, 12, 1)
# Items a source shows were not done in time, with that source: none is known. An entry here is the
# only way for a shipped item to be overdue or done late.
LATE_BY_SOURCE: dict[str, str] = {}


@functools.cache
def project() -> Repository:
    result = load_repository(PROJECT_ROOT)
    assert result.problems == []
    assert result.repository is not None
    return result.repository


def items(as_of: date) -> dict[str, Item]:
    return {item.id: item for item in items_as_of(project(), as_of)}


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from ``first`` to ``last``, and ``last`` itself."""
    found, day = [], first
    while day < last:
        following = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        found.append(following - timedelta(days=1))
        day = following
    return [*found, last]


def status_json(*args: str) -> dict[str, Any]:
    result = run_cli("--no-cache", "--root", str(PROJECT_ROOT), "status", "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    document: dict[str, Any] = result.json()
    return document


def test_validate_strict_is_clean() -> None:
    result = run_cli("--no-cache", "--root", str(PROJECT_ROOT), "validate", "--strict", "--format", "json")
    assert result.exit_code == 0
    assert (result.json()["errors"], result.json()["warnings"]) == (0, 0)


@pytest.mark.parametrize("as_of", month_ends(date(2022, 5, 1), CHECKED_ON), ids=str)
def test_nothing_is_late_unless_a_source_shows_it(as_of: date) -> None:
    late = {
        ident: item.state.value
        for ident, item in items(as_of).items()
        if item.state in (State.OVERDUE, State.DONE_LATE) and ident not in LATE_BY_SOURCE
    }
    assert late == {}


def test_every_known_status_says_where_it_is_known_from() -> None:
    """Done, done on a day not known, or unknown: each item says so on the strength of a source."""
    unsourced = sorted(
        ident
        for ident, item in items(CHECKED_ON).items()
        if (item.state in DONE_STATES or item.state is State.UNKNOWN) and not item.source
    )
    assert unsourced == []


def test_the_first_screen() -> None:
    """The counts, the notice, and nothing overdue, as of the day the data was checked."""
    document = status_json("--as-of", CHECKED_ON.isoformat())
    assert document["notice"].startswith("Dữ liệu do dự án tổng hợp từ văn bản và tin công khai")
    counts = document["counts"]
    assert (counts["overdue"], counts["done_late"], counts["in_progress"], counts["ongoing"]) == (0, 0, 0, 0)
    assert counts["done_on_time"] == 1  # the 2022 report to the Prime Minister
    assert counts["unknown"] > 0 and counts["done_undated"] > 0 and counts["no_deadline"] > 0
    assert document["items"] == []  # nothing overdue, nothing due within 14 days
    table = run_cli("--no-cache", "--root", str(PROJECT_ROOT), "status", "--as-of", "2026-12-01").stdout
    assert table.splitlines()[0].startswith("Dữ liệu do dự án tổng hợp")


# --- the corrections of domain.md §10, one by one ---------------------------------------------


def test_the_2022_report_was_sent_on_time() -> None:
    item = items(CHECKED_ON)["bxd-2022-tong-hop-bao-cao-ttg"]
    assert (item.state, item.done_on, item.due) == (State.DONE_ON_TIME, date(2022, 6, 29), date(2022, 6, 30))
    assert item.result is not None and "2353/BXD-PTĐT" in item.result


@pytest.mark.parametrize(
    ("ident", "latest"),
    [
        ("382-nghi-dinh", date(2025, 10, 14)),
        ("4720-de-xuat-to-cong-tac", date(2025, 6, 30)),
        ("1413-cu-dai-dien@bca", date(2025, 7, 16)),
    ],
)
def test_guessed_done_dates_are_upper_bounds(ident: str, latest: date) -> None:
    item = items(CHECKED_ON)[ident]
    assert (item.state, item.done_on, item.done_by) == (State.DONE_UNDATED, None, latest)


def test_the_cities_nominations_are_read_as_the_ministries() -> None:
    found = items(CHECKED_ON)
    nominations = {ident: item for ident, item in found.items() if ident.startswith("1413-cu-dai-dien@")}
    assert len(nominations) == 15
    assert {(item.state, item.done_by) for item in nominations.values()} == {
        (State.DONE_UNDATED, date(2025, 7, 16))
    }


def test_comments_on_the_draft_decree_are_the_members_to_send() -> None:
    assignees = {
        ident.partition("@")[2]
        for ident, item in items(CHECKED_ON).items()
        if ident.startswith("382-gop-y-nghi-dinh@")
    }
    assert "chinh-phu" not in assignees and "bxd" not in assignees
    assert {"vnpt", "viettel", "cmc", "fpt", "hust", "ptit", "bkhcn", "ha-noi"} <= assignees
    assert {item.state for ident, item in items(CHECKED_ON).items() if ident.startswith("382-gop-y")} == {
        State.UNKNOWN
    }


def test_enterprises_and_universities_are_members() -> None:
    roles = {member.org: member.role for member in project().members.members}
    assert {roles[org] for org in ("vnpt", "viettel", "cmc", "fpt", "hust", "ptit")} == {"member"}


def test_tasks_known_only_from_the_news_say_so() -> None:
    found = items(CHECKED_ON)
    for ident in (
        "382-tong-ket-950",
        "382-quy-che",
        "382-ke-hoach-to-cong-tac",
        "382-ke-hoach-hanh-dong@bca",
    ):
        assert "tư liệu 001" in (found[ident].source or ""), ident


def test_deadlines_as_written() -> None:
    found = items(CHECKED_ON)
    proposal = found["4720-de-xuat-to-cong-tac"]
    assert (proposal.deadline, proposal.due) == ("trước ngày 05 tháng 6 năm 2025", date(2025, 6, 5))
    workshop = found["5802-hoi-thao-toan-quoc"]
    assert (workshop.deadline, workshop.due, workshop.indicative, workshop.state) == (
        "dự kiến vào cuối năm 2024",
        date(2024, 12, 31),
        True,
        State.UNKNOWN,
    )


def test_tasks_without_a_deadline_are_no_deadline() -> None:
    found = items(CHECKED_ON)
    for ident in (
        "1413-dieu-phoi-lo-trinh",
        "1413-kien-nghi-chinh-sach",
        "5802-thi-diem",
        "4720-ho-tro-dia-phuong",
    ):
        assert (found[ident].state, found[ident].deadline) == (State.NO_DEADLINE, None), ident
    assert not [item for item in found.values() if item.state is State.ONGOING]


def test_the_new_verified_facts() -> None:
    repo = project()
    plans = {ident: repo.localities[ident].data.plan for ident in ("ha-noi", "phu-tho")}
    assert {
        ident: (plan.kind, plan.ref, plan.status, plan.approved_on)
        for ident, plan in plans.items()
        if plan is not None
    } == {
        "ha-noi": ("ke-hoach", "243/KH-UBND", "approved", date(2025, 9, 8)),
        "phu-tho": ("ke-hoach", "10345/KH-UBND", "approved", date(2025, 12, 1)),
    }
    assert repo.directives["1413-qd-ttg"].data.directive.signer == "Phạm Minh Chính"
    instruction = repo.directives["bcd-cp-phien-hop-4-2025"].data.directive
    assert (instruction.number, instruction.date) == (None, date(2025, 9, 24))
    found = items(CHECKED_ON)
    approvals = {ident for ident in found if ident.startswith("bcd4-phe-duyet-de-an@")}
    assert len(approvals) == 6
    assert {found[ident].due for ident in approvals} == {date(2025, 9, 30)}
    assert {found[ident].state for ident in approvals} == {State.UNKNOWN}


def test_the_guidance_on_the_criteria_was_issued() -> None:
    [update] = [u for d, t in project().tasks() if t.id == "5802-bo-tieu-chi" for u in t.updates]
    assert "đã ban hành Hướng dẫn áp dụng Bộ tiêu chí" in update.note


def test_no_plan_is_said_to_be_missing() -> None:
    result = run_cli("--no-cache", "--root", str(PROJECT_ROOT), "check", "--format", "json")
    assert result.exit_code == 0
    assert {entry["plan_status"] for entry in result.json()["localities"]} == {"unknown", "approved"}
    assert [entry["missing"] for entry in result.json()["localities"] if entry["missing"]] == []


# --- the checklist of Decree 269/2025/NĐ-CP -------------------------------------------------------


def test_requirements_follow_decree_269_article_6_2() -> None:
    requirements = project().requirements
    points = [s.source for s in requirements.sections]
    assert [source.split("điểm ")[1][0] if source else None for source in points] == list("abcdđeghi")
    assert all(source and "không chính thức" in source for source in points)  # marked until checked
    assert {tuple(s.applies_to) for s in requirements.sections} == {("de-an",)}
    rules = requirements.rules
    assert (rules.council_before_approval, rules.published, rules.roadmap_years, rules.funding) == (
        True,
        True,
        False,
        False,
    )
    assert (rules.applies_to.council_before_approval, rules.applies_to.published) == (["de-an"], ["de-an"])


def test_implementation_plans_are_judged_as_what_they_are() -> None:
    """Hà Nội's and Phú Thọ's kế hoạch are not schemes: listed, not scored against Art. 6.2."""
    result = run_cli(
        "--no-cache", "--root", str(PROJECT_ROOT), "check", "--format", "json", "ha-noi", "phu-tho"
    )
    assert result.exit_code == 0
    for entry in result.json()["localities"]:
        assert (entry["plan_status"], entry["kind"], entry["score"], entry["rules"]) == (
            "approved",
            "ke-hoach",
            None,
            {},
        )
        assert set(entry["sections"].values()) == {"not_applicable"}
