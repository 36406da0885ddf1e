"""Changes over time (issue 15, SPEC §9): extensions, transfers and bodies that end.

Every report is computed as of a date, so each change is tested the day before it, the day of it
and the day after: before it the old deadline or lead holds, from its day on the new one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CAO_BANG, HA_NOI, MEMBERS, run_cli

# Bộ Thông tin và Truyền thông merged into Bộ Khoa học và Công nghệ on 1/3/2025 (domain.md §10).
ENDED_MINISTRY = MEMBERS.replace(
    "  - id: vpcp\n",
    """\
  - id: btttt
    name: Bộ Thông tin và Truyền thông
    short: BTTTT
    kind: ministry
    until: 2025-03-01
    successor: bkhcn
  - id: vpcp
""",
)

DIRECTIVE = """\
directive:
  number: 10/VPCP-CN
  kind: cong-van
  date: 2025-01-10
  issuer: vpcp
  subject: Thử nghiệm
tasks:
"""

EXTENDED = """\
  - id: gia-han
    title: Trình đề án
    lead: bxd
    deadline: 31/7/2025
    extensions:
      - on: 5/8/2025
        deadline: 31/8/2025
        by: 99/VPCP-CN
"""

TRANSFERRED = """\
  - id: chuyen-giao
    title: Xây dựng cơ sở dữ liệu
    lead: bxd
    deadline: 31/12/2025
    transfers:
      - on: 1/8/2025
        to: bkhcn
        by: 5/QĐ-TTg
"""

CARRIED = """\
  - id: ke-thua
    title: Hạ tầng số
    lead: btttt
    deadline: 31/12/2025
"""


def make(repo: Callable[..., Path], tasks: str, **extra: str) -> str:
    files = {"data/members.yaml": ENDED_MINISTRY, "data/tasks/cv-10.yaml": DIRECTIVE + tasks, **extra}
    return str(repo(files))


def items(root: str, day: str, *args: str) -> dict[str, dict[str, Any]]:
    result = run_cli("--root", root, "status", "--format", "json", "--all", "--as-of", day, *args)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return {entry["id"]: entry for entry in result.json()["items"]}


def validate(root: str) -> list[tuple[int, int, str, str]]:
    result = run_cli("--root", root, "--lang", "en", "validate", "--format", "json")
    return [(p["line"], p["column"], p["code"], p["message"]) for p in result.json()["problems"]]


# --- extensions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "due", "state", "extended", "deadline"),
    [
        ("4/8/2025", "2025-07-31", "overdue", False, "31/7/2025"),  # granted after the deadline passed
        ("5/8/2025", "2025-08-31", "in_progress", True, "31/8/2025"),
        ("6/8/2025", "2025-08-31", "in_progress", True, "31/8/2025"),
    ],
)
def test_an_extension_applies_from_its_day(
    repo: Callable[..., Path], day: str, due: str, state: str, extended: bool, deadline: str
) -> None:
    found = items(make(repo, EXTENDED), day)["gia-han"]
    assert (found["due"], found["state"], found["extended"], found["deadline"]) == (
        due,
        state,
        extended,
        deadline,
    )
    assert found["original_due"] == "2025-07-31"


def test_done_between_the_first_and_the_extended_due_date_is_done_on_time(repo: Callable[..., Path]) -> None:
    root = make(repo, EXTENDED + "    status: done\n    done_on: 20/8/2025\n")
    found = items(root, "1/9/2025")["gia-han"]
    assert (found["state"], found["done_on"], found["original_due"], found["due"]) == (
        "done_on_time",
        "2025-08-20",
        "2025-07-31",
        "2025-08-31",
    )


def test_the_overview_counts_the_items_extended(repo: Callable[..., Path]) -> None:
    root = make(repo, EXTENDED + TRANSFERRED)
    before = run_cli("--root", root, "status", "--format", "json", "--as-of", "4/8/2025").json()
    after = run_cli("--root", root, "status", "--format", "json", "--as-of", "5/8/2025").json()
    assert (before["extended"], after["extended"]) == (0, 1)
    shown = run_cli("--root", root, "--lang", "en", "status", "--as-of", "5/8/2025").stdout
    assert "Extended: 1 items are judged against a later deadline than the first\n" in shown
    assert "Extended" not in run_cli("--root", root, "--lang", "en", "status", "--as-of", "4/8/2025").stdout


def test_an_assignee_has_its_own_extension(repo: Callable[..., Path]) -> None:
    task = """\
  - id: moi-bo
    title: Gửi kế hoạch
    each: [bxd, bkhcn]
    deadline: 31/7/2025
    responses:
      bkhcn:
        extensions:
          - {on: 25/7/2025, deadline: 15/8/2025}
"""
    found = items(make(repo, task), "1/8/2025")
    assert (found["moi-bo@bxd"]["state"], found["moi-bo@bxd"]["extended"]) == ("overdue", False)
    assert (found["moi-bo@bkhcn"]["state"], found["moi-bo@bkhcn"]["due"]) == ("in_progress", "2025-08-15")


def test_a_period_of_a_recurring_duty_has_its_own_extension(repo: Callable[..., Path]) -> None:
    task = """\
  - id: bao-cao-quy
    title: Báo cáo quý
    lead: bxd
    every: quarter
    responses:
      2025-Q2:
        extensions:
          - {on: 1/7/2025, deadline: 15/7/2025}
"""
    found = items(make(repo, task), "10/7/2025")
    assert (found["bao-cao-quy#2025-Q2"]["state"], found["bao-cao-quy#2025-Q2"]["due"]) == (
        "in_progress",
        "2025-07-15",
    )
    assert found["bao-cao-quy#2025-Q1"]["state"] == "overdue"


# --- transfers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "lead"), [("31/7/2025", "bxd"), ("1/8/2025", "bkhcn"), ("2/8/2025", "bkhcn")]
)
def test_a_transfer_moves_the_lead_from_its_day(repo: Callable[..., Path], day: str, lead: str) -> None:
    root = make(repo, TRANSFERRED)
    assert items(root, day)["chuyen-giao"]["lead"] == lead
    assert list(items(root, day, "--lead", lead)) == ["chuyen-giao"]
    document = run_cli("--root", root, "status", "--format", "json", "--as-of", day).json()
    assert [entry["lead"] for entry in document["by_lead"]] == [lead]


def test_the_briefing_groups_overdue_items_under_the_lead_of_the_day(repo: Callable[..., Path]) -> None:
    task = TRANSFERRED.replace("31/12/2025", "15/8/2025")
    root = make(repo, task)
    before = run_cli("--root", root, "brief", "--as-of", "31/7/2025").stdout
    after = run_cli("--root", root, "brief", "--as-of", "20/8/2025").stdout
    overdue_after = after.split("Bộ Khoa học và Công nghệ", 1)
    assert len(overdue_after) == 2 and "Xây dựng cơ sở dữ liệu" in after
    assert "Chưa hoàn thành, quá hạn" not in before.split("Xây dựng cơ sở dữ liệu")[0].split("##")[-1]


# --- bodies that end -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "lead", "carried"),
    [("28/2/2025", "btttt", None), ("1/3/2025", "bkhcn", "btttt"), ("2/3/2025", "bkhcn", "btttt")],
)
def test_the_successor_carries_an_ended_bodys_open_items(
    repo: Callable[..., Path], day: str, lead: str, carried: str | None
) -> None:
    found = items(make(repo, CARRIED), day)["ke-thua"]  # the id stays
    assert (found["lead"], found["carried_from"]) == (lead, carried)


def test_work_the_ended_body_finished_stays_its_own(repo: Callable[..., Path]) -> None:
    root = make(repo, CARRIED + "    status: done\n    done_on: 20/2/2025\n")
    found = items(root, "1/9/2025")["ke-thua"]
    assert (found["lead"], found["carried_from"], found["state"]) == ("btttt", None, "done_on_time")


def test_a_successor_that_itself_ended_passes_the_work_on(repo: Callable[..., Path]) -> None:
    members = ENDED_MINISTRY.replace(
        "    short: BKHCN\n    kind: ministry\n",
        "    short: BKHCN\n    kind: ministry\n    until: 2025-06-01\n    successor: bxd\n",
    )
    root = make(repo, CARRIED, **{"data/members.yaml": members})
    assert items(root, "1/4/2025")["ke-thua"]["lead"] == "bkhcn"
    assert items(root, "1/6/2025")["ke-thua"]["lead"] == "bxd"


MERGED_PROVINCE = """\
name: Tỉnh Bắc Kạn
code: "06"
kind: province
until: 2025-07-01
successor: cao-bang
"""


@pytest.mark.parametrize(
    ("assigned", "expected"),
    [("2025-06-30", ["cao-bang", "bac-kan", "ha-noi"]), ("2025-07-01", ["cao-bang", "ha-noi"])],
)
def test_selectors_name_the_bodies_in_existence_on_the_assignment_day(
    repo: Callable[..., Path], assigned: str, expected: list[str]
) -> None:
    task = "  - id: dia-phuong\n    title: Báo cáo\n    each: ['@provinces', ha-noi]\n    deadline: 2025\n"
    files = {
        "data/localities/ha-noi.yaml": HA_NOI,
        "data/localities/cao-bang.yaml": CAO_BANG,
        "data/localities/bac-kan.yaml": MERGED_PROVINCE,
    }
    root = make(repo, task, **files)
    directive = DIRECTIVE.replace("date: 2025-01-10", f"date: {assigned}")
    (Path(root) / "data/tasks/cv-10.yaml").write_text(directive + task, encoding="utf-8")
    found = items(root, "1/8/2025")
    assert sorted(ident.partition("@")[2] for ident in found) == sorted(expected)
    if "bac-kan" in expected:  # given before the merger: carried by the successor after it
        assert (found["dia-phuong@bac-kan"]["lead"], found["dia-phuong@bac-kan"]["carried_from"]) == (
            "cao-bang",
            "bac-kan",
        )


def test_selectors_before_a_ministry_merger_name_the_ministry(repo: Callable[..., Path]) -> None:
    task = "  - id: moi-bo\n    title: Báo cáo\n    each: ['@ministries']\n    deadline: 2025\n"
    before = items(make(repo, task), "20/2/2025")
    assert sorted(before) == ["moi-bo@bkhcn", "moi-bo@btttt", "moi-bo@bxd"]
    later = DIRECTIVE.replace("date: 2025-01-10", "date: 2025-03-01")
    root = make(repo, task)
    (Path(root) / "data/tasks/cv-10.yaml").write_text(later + task, encoding="utf-8")
    assert sorted(items(root, "2/3/2025")) == ["moi-bo@bkhcn", "moi-bo@bxd"]


# --- validation, each error at its line ----------------------------------------------------------

MISTAKES = """\
  - id: sai
    title: Sai lịch sử
    lead: bxd
    deadline: 31/7/2025
    extensions:
      - on: 1/1/2025
        deadline: 31/8/2025
      - on: 1/9/2025
        deadline: tháng 13/2025
      - on: 1/8/2025
        deadline: 30/9/2025
    transfers:
      - on: 1/8/2025
        to: btttt
  - id: moi
    title: Giao cho bộ đã hợp nhất
    lead: btttt
  - id: tung-bo
    title: Mỗi bộ
    each: [bxd]
    transfers:
      - {on: 1/8/2025, to: bkhcn}
"""


EXPECTED = [
    (
        13,
        13,
        "history-date",
        "task sai: the entry of “extensions” dated 1/1/2025 is before the task was assigned (10/1/2025)",
    ),
    (16, 19, "invalid-deadline", "task sai: “deadline”: “tháng 13/2025”: there is no month 13"),
    (
        17,
        13,
        "history-date",
        "task sai: the entry of “extensions” dated 1/8/2025 comes after one dated later (1/9/2025)",
    ),
    (
        21,
        13,
        "ended-body",
        "task sai: “btttt” no longer exists on 1/8/2025: it ended on 1/3/2025, "
        "and its work passed to “bkhcn”",
    ),
    (28, 5, "transfer-without-lead", "task tung-bo: “transfers” on a task without a “lead”"),
]


def test_every_history_mistake_is_an_error_at_its_line(repo: Callable[..., Path]) -> None:
    assert validate(make(repo, MISTAKES)) == EXPECTED


def test_new_work_for_an_ended_body_names_its_successor(repo: Callable[..., Path]) -> None:
    task = "  - id: moi\n    title: Giao cho bộ đã hợp nhất\n    lead: btttt\n"
    root = make(repo, task)
    later = DIRECTIVE.replace("date: 2025-01-10", "date: 2025-04-10")
    (Path(root) / "data/tasks/cv-10.yaml").write_text(later + task, encoding="utf-8")
    assert validate(root) == [
        (
            10,
            11,
            "ended-body",
            "task moi: “btttt” no longer exists on 10/4/2025: it ended on 1/3/2025, and its work passed to "
            "“bkhcn”",
        )
    ]


# Bộ Nông nghiệp và Môi trường was formed on 1/3/2025 from two ministries (domain.md §10).
FORMED_MINISTRY = ENDED_MINISTRY.replace(
    "  - id: vpcp\n",
    """\
  - id: btnmt
    name: Bộ Tài nguyên và Môi trường
    kind: ministry
    until: 2025-03-01
    successor: bnnmt
  - id: bnnmt
    name: Bộ Nông nghiệp và Môi trường
    kind: ministry
    since: 2025-03-01
  - id: vpcp
""",
)


@pytest.mark.parametrize(
    ("assigned", "expected"),
    [
        ("2025-02-28", ["moi-bo@bkhcn", "moi-bo@btnmt", "moi-bo@btttt", "moi-bo@bxd"]),
        ("2025-03-01", ["moi-bo@bkhcn", "moi-bo@bnnmt", "moi-bo@bxd"]),
    ],
)
def test_selectors_name_a_merged_ministry_only_from_the_day_it_was_formed(
    repo: Callable[..., Path], assigned: str, expected: list[str]
) -> None:
    task = "  - id: moi-bo\n    title: Báo cáo\n    each: ['@ministries']\n    deadline: 2025\n"
    directive = DIRECTIVE.replace("date: 2025-01-10", f"date: {assigned}")
    root = make(repo, "", **{"data/members.yaml": FORMED_MINISTRY, "data/tasks/cv-10.yaml": directive + task})
    assert sorted(items(root, "1/4/2025")) == expected


def test_work_for_a_body_before_it_was_formed_is_an_error(repo: Callable[..., Path]) -> None:
    task = "  - id: som\n    title: Giao trước khi thành lập\n    lead: bnnmt\n"
    root = make(repo, task, **{"data/members.yaml": FORMED_MINISTRY})
    assert validate(root) == [
        (
            10,
            11,
            "not-yet-formed",
            "task som: “bnnmt” did not exist yet on 10/1/2025: it was formed on 1/3/2025",
        )
    ]


def test_a_member_of_a_body_before_it_was_formed_is_told_of_the_membership(repo: Callable[..., Path]) -> None:
    members = FORMED_MINISTRY.replace(
        "    org: bxd\n    since: 2025-06-30\n", "    org: bnnmt\n    since: 2025-01-30\n"
    )
    root = make(repo, "", **{"data/members.yaml": members})
    result = run_cli("--root", root, "--lang", "en", "validate", "--format", "json")
    (found,) = result.json()["problems"]
    assert (found["code"], found["message"]) == (
        "not-yet-formed",
        "member deputy: “bnnmt” did not exist yet on 30/1/2025: it was formed on 1/3/2025",
    )
    hint = (
        "a member can belong to “bnnmt” only from 1/3/2025: check this member's “since”, or that of “bnnmt”"
    )
    assert found["hint"] == hint


def test_a_body_ends_after_it_begins(repo: Callable[..., Path]) -> None:
    members = FORMED_MINISTRY.replace(
        "    since: 2025-03-01\n", "    since: 2025-03-01\n    until: 2025-01-01\n"
    )
    root = make(repo, "", **{"data/members.yaml": members})
    assert validate(root) == [
        (
            29,
            12,
            "history-date",
            "organization bnnmt: its end “until” (1/1/2025) is not after its start “since” (1/3/2025)",
        )
    ]


def test_a_successor_must_exist(repo: Callable[..., Path]) -> None:
    members = ENDED_MINISTRY.replace("successor: bkhcn", "successor: bkhcm")
    root = make(repo, "", **{"data/members.yaml": members})
    assert [(line, code) for line, _, code, _ in validate(root)] == [(19, "unknown-reference")]


# --- show and the briefing -------------------------------------------------------------------------


def test_show_tells_the_story_in_order(repo: Callable[..., Path]) -> None:
    task = EXTENDED.replace("  - id: gia-han", "  - id: gia-han") + (
        "    transfers:\n      - {on: 10/8/2025, to: bkhcn, by: 7/QĐ-TTg}\n"
        "    status: done\n    done_on: 20/8/2025\n    result: Tờ trình 12/TTr-BKHCN\n"
    )
    result = run_cli("--root", make(repo, task), "--lang", "en", "show", "gia-han", "--as-of", "1/9/2025")
    assert result.exit_code == 0
    story = result.stdout.split("Story\n", 1)[1]
    assert story == (
        "  2025-01-10  assigned (10/VPCP-CN)\n"
        "  2025-08-05  deadline extended from 2025-07-31 to 2025-08-31 (by 99/VPCP-CN)\n"
        "  2025-08-10  transferred from Bộ Xây dựng to Bộ Khoa học và Công nghệ (by 7/QĐ-TTg)\n"
        "  2025-08-20  done Tờ trình 12/TTr-BKHCN\n"
    )
    assert "First due date  2025-07-31" in result.stdout


def test_show_tells_who_carries_an_ended_bodys_task(repo: Callable[..., Path]) -> None:
    result = run_cli("--root", make(repo, CARRIED), "show", "ke-thua", "--as-of", "1/9/2025")
    assert "Tiếp nhận từ     Bộ Thông tin và Truyền thông\n" in result.stdout
    assert result.stdout.endswith(
        "Diễn biến\n"
        "  10/1/2025  giao nhiệm vụ (10/VPCP-CN)\n"
        "  1/3/2025  Bộ Thông tin và Truyền thông kết thúc hoạt động; Bộ Khoa học và Công nghệ tiếp nhận "
        "nhiệm vụ\n"
    )


def test_the_briefing_lists_the_extensions_granted_since_the_last_meeting(repo: Callable[..., Path]) -> None:
    root = make(repo, EXTENDED)
    since = run_cli("--root", root, "brief", "--as-of", "10/8/2025", "--since", "1/8/2025").stdout
    assert (
        "### Nhiệm vụ được gia hạn\n\n"
        "- 5/8/2025 — Trình đề án (Bộ Xây dựng): gia hạn từ 31/7/2025 đến 31/8/2025 (99/VPCP-CN)\n"
    ) in since
    earlier = run_cli("--root", root, "brief", "--as-of", "10/8/2025", "--since", "5/8/2025").stdout
    assert "Nhiệm vụ được gia hạn" not in earlier


# --- the project's own data ------------------------------------------------------------------------


def test_the_projects_data_carries_the_2025_ministry_mergers() -> None:
    from datetime import date

    from conftest import PROJECT_ROOT
    from dothi.data.repository import load_repository

    loaded = load_repository(PROJECT_ROOT)
    assert loaded.repository is not None
    ended = {ident: (e.until, e.successors) for ident, e in loaded.repository.endings.items()}
    merger = date(2025, 3, 1)  # domain.md §10
    assert ended == {
        "btttt": (merger, ("bkhcn",)),
        "bkhdt": (merger, ("btc",)),
        "btnmt": (merger, ("bnnmt",)),
        "bnnptnt": (merger, ("bnnmt",)),
        "bldtbxh": (merger, ("bnv", "bgddt")),
    }
    assigned = date(2025, 7, 16)  # 382/TB-VPCP: “@ministries” names none of them
    assert not set(loaded.repository.expand(["@ministries"], assigned)) & set(ended)


def test_a_unit_merged_away_owes_no_plan_and_has_no_briefing_page(repo: Callable[..., Path]) -> None:
    files = {
        "data/localities/cao-bang.yaml": CAO_BANG,
        "data/localities/bac-kan.yaml": MERGED_PROVINCE,
        "data/requirements.yaml": "sections: []\nrules:\n  submit_by: 2025-12-31\n",
    }
    root = make(repo, "", **files)
    assert sorted(items(root, "1/8/2025")) == ["ke-hoach@cao-bang"]
    page = run_cli("--root", root, "brief", "--as-of", "1/8/2025").stdout
    assert "Tỉnh Cao Bằng" in page and "Tỉnh Bắc Kạn" not in page
