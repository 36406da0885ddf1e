"""``dothi validate`` through the command line: every bad input of SPEC §6 at its file, line, column."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from conftest import MEMBERS, PROJECT_ROOT, Run, run_cli, write_repo
from dothi import __version__
from dothi.data.models import SLUG

Repo = Callable[..., Path]
Where = tuple[str, int, int, str, str]

# A directive file written with directive() has its first task on line 8.
HEADER = """\
directive:
  number: 1413/QĐ-TTg
  kind: quyet-dinh
  date: 2025-06-30
  issuer: vpcp
  subject: Thành lập Tổ công tác
tasks:
"""

HA_NOI = 'name: Thành phố Hà Nội\ncode: "01"\nkind: city\n'
CAO_BANG = 'name: Tỉnh Cao Bằng\ncode: "04"\nkind: province\n'


def directive(tasks: str, number: str = "1413/QĐ-TTg") -> str:
    """A directive file: the header above, then ``tasks`` (written from column 0) indented under it."""
    return HEADER.replace("1413/QĐ-TTg", number) + textwrap.indent(textwrap.dedent(tasks), "  ")


def cli(*args: str, env: Mapping[str, str] | None = None) -> Run:
    """run_cli, and never a traceback in any output."""
    result = run_cli(*args, env=env)
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    return result


def validate(
    root: Path, *options: str, fmt: str = "json", strict: bool = False, env: Mapping[str, str] | None = None
) -> Run:
    """``dothi --root ROOT [OPTIONS] validate --format FMT [--strict]``."""
    extra = ("--strict",) if strict else ()
    return cli("--root", str(root), *options, "validate", "--format", fmt, *extra, env=env)


def where(result: Run) -> list[Where]:
    """(file, line, column, severity, code) of every problem, in the order given."""
    return [(p["file"], p["line"], p["column"], p["severity"], p["code"]) for p in result.json()["problems"]]


def problems(result: Run) -> list[dict[str, Any]]:
    return list(result.json()["problems"])


def problem(
    file: str,
    line: int,
    column: int,
    code: str,
    message: str,
    hint: str | None,
    severity: str = "error",
) -> dict[str, Any]:
    return {
        "file": file,
        "line": line,
        "column": column,
        "severity": severity,
        "code": code,
        "message": message,
        "hint": hint,
    }


TASKS = "data/tasks/qd.yaml"


def one_directive(repo: Repo, tasks: str, **files: str) -> Run:
    root = repo({TASKS: directive(tasks), **files})
    return validate(root)


# --- a clean repository ---------------------------------------------------------------------------


def test_clean_repository(repo: Repo) -> None:
    root = repo(
        {
            TASKS: directive(
                """\
                - id: t1
                  title: Xây dựng kế hoạch
                  lead: bxd
                  support: [bkhcn, ha-noi]
                  deadline: trước ngày 15/8/2025
                - id: t2
                  title: Gửi báo cáo
                  each: [bxd, "@localities"]
                  deadline: quý III/2025
                  responses:
                    ha-noi:
                      status: done
                      done_on: 2025-08-01
                """
            ),
            "data/localities/ha-noi.yaml": HA_NOI,
            "data/localities/cao-bang.yaml": CAO_BANG,
        }
    )
    result = validate(root)
    assert result.exit_code == 0
    assert result.json() == {"ok": True, "files": 4, "errors": 0, "warnings": 0, "problems": []}
    assert result.stderr == ""


# --- model errors ----------------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          deadlne: 15/8/2025
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            11,
            5,
            "unknown-key",
            "nhiệm vụ t1: khóa “deadlne” không hợp lệ",
            "có phải ý bạn là “deadline”?",
        )
    ]


def test_unknown_key_far_from_any_lists_the_allowed_keys(repo: Repo) -> None:
    root = repo({"data/localities/ha-noi.yaml": HA_NOI + "zzz: 1\n"})
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            "data/localities/ha-noi.yaml",
            4,
            1,
            "unknown-key",
            "khóa “zzz” không hợp lệ",
            "các khóa hợp lệ: aliases, code, focal_point, funding, kind, name, obstacles, plan, roadmap, "
            "since, successor, until",
        )
    ]


def test_missing_key(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          lead: bxd
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(TASKS, 8, 5, "missing-key", "nhiệm vụ t1: thiếu “title”", "thêm dòng “title: ...”")
    ]


def test_missing_key_of_a_file(repo: Repo) -> None:
    root = repo({"data/localities/ha-noi.yaml": 'name: Hà Nội\ncode: "01"\n'})
    result = validate(root)
    assert problems(result) == [
        problem("data/localities/ha-noi.yaml", 1, 1, "missing-key", "thiếu “kind”", "thêm dòng “kind: ...”")
    ]


def test_wrong_type(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: [a, b]
          lead: bxd
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(TASKS, 9, 12, "wrong-type", "nhiệm vụ t1: “title” phải là văn bản", None)
    ]


def test_invalid_choice(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          status: finished
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            11,
            13,
            "invalid-choice",
            "nhiệm vụ t1: “status” không nhận giá trị “finished”",
            "chọn một trong: open, in_progress, done, cancelled, unknown",
        )
    ]


def test_invalid_date(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          status: done
          done_on: 31/2/2025
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            12,
            14,
            "invalid-date",
            "nhiệm vụ t1: “done_on”: “31/2/2025” không phải là ngày có thật: tháng 2/2025 chỉ có 28 ngày",
            "viết theo thứ tự ngày/tháng/năm: 15/8/2025, hoặc 2025-08-15",
        )
    ]


def test_invalid_deadline(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          deadline: 20/7
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            11,
            15,
            "invalid-deadline",
            "nhiệm vụ t1: “deadline”: “20/7” thiếu năm; viết đủ ngày/tháng/năm, ví dụ 20/7/2025",
            "viết thời hạn như văn bản giao việc, ví dụ “trước ngày 15/8/2025” hoặc “quý III/2025”",
        )
    ]


def test_unknown_deadline_phrase_quotes_it_and_shows_the_accepted_forms(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          deadline: sớm nhất có thể
        """,
    )
    assert [p["message"] for p in problems(result)] == [
        "nhiệm vụ t1: “deadline”: không hiểu thời hạn “sớm nhất có thể”; các dạng được chấp nhận: "
        "“trước ngày 15/8/2025”, “trong tháng 8/2025”, “quý III/2025”, “6 tháng đầu năm 2025”, "
        "“năm 2025”, “trong vòng 5 ngày kể từ ngày ký”, “trong 10 ngày làm việc”, “thường xuyên”"
    ]
    assert where(result) == [(TASKS, 11, 15, "error", "invalid-deadline")]


def test_year_zero_is_an_invalid_deadline(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          deadline: 15/8/0000
        """,
    )
    assert where(result) == [(TASKS, 11, 15, "error", "invalid-deadline")]


def test_invalid_id(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: Nhiệm Vụ 1
          title: x
          lead: bxd
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            8,
            9,
            "invalid-id",
            "nhiệm vụ Nhiệm Vụ 1: mã “Nhiệm Vụ 1” không hợp lệ",
            "mã chỉ gồm chữ thường không dấu, số, “-”, “_”, “.”, ví dụ “nhiem-vu-1”",
        )
    ]


# --- references and identity -----------------------------------------------------------------------


def test_a_task_with_no_id_is_not_named_none(repo: Repo) -> None:
    """Its problems name it by its place in the list, as the model's problems do."""
    result = one_directive(
        repo,
        """\
        - title: x
          lead: bxdd
        """,
    )
    assert [p["message"] for p in problems(result)] == [
        "mục #1: thiếu “id”",
        "mục #1: “lead” nhắc đến “bxdd” nhưng không có tổ chức hay địa phương nào mang mã này",
    ]


def test_unknown_organization_reference(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxdd
          support: [bkhcn, nobody]
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            10,
            11,
            "unknown-reference",
            "nhiệm vụ t1: “lead” nhắc đến “bxdd” nhưng không có tổ chức hay địa phương nào mang mã này",
            "có phải ý bạn là “bxd”?",
        ),
        problem(
            TASKS,
            11,
            22,
            "unknown-reference",
            "nhiệm vụ t1: “support” nhắc đến “nobody” nhưng không có tổ chức hay địa phương nào mang mã này",
            "thêm “nobody” vào data/members.yaml (organizations) hoặc data/localities/ hoặc sửa lại mã",
        ),
    ]


def test_unknown_organization_of_a_member_and_of_an_issuer(repo: Repo) -> None:
    root = repo(
        {
            "data/members.yaml": MEMBERS.replace("org: bxd", "org: bxdd"),
            TASKS: HEADER.replace("issuer: vpcp", "issuer: vpcpp") + "  []\n",
        }
    )
    result = validate(root)
    assert result.exit_code == 1
    assert where(result) == [
        ("data/members.yaml", 29, 10, "error", "unknown-reference"),
        (TASKS, 5, 11, "error", "unknown-reference"),
    ]
    assert [p["message"] for p in problems(result)] == [
        "thành viên deputy: “org” nhắc đến “bxdd” nhưng không có tổ chức hay địa phương nào mang mã này",
        "“issuer” nhắc đến “vpcpp” nhưng không có tổ chức hay địa phương nào mang mã này",
    ]


def test_a_locality_is_an_organization(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: ha-noi
        """,
        **{"data/localities/ha-noi.yaml": HA_NOI},
    )
    assert result.exit_code == 0
    assert where(result) == []


def test_unknown_member_reference(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          updates:
            - on: 2025-07-01
              note: đã họp
              by: ghost
        """,
    )
    assert problems(result) == [
        problem(
            TASKS,
            14,
            13,
            "unknown-reference",
            "nhiệm vụ t1: “by” nhắc đến “ghost” nhưng không có thành viên hay tổ chức nào mang mã này",
            "thêm “ghost” vào data/members.yaml hoặc sửa lại mã",
        )
    ]


def test_unknown_selector(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          each: ["@cities", "@towns"]
        """,
        **{"data/localities/ha-noi.yaml": HA_NOI},  # a city, so that “@cities” names someone
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            10,
            23,
            "unknown-reference",
            "nhiệm vụ t1: “each” nhắc đến “@towns” nhưng không có nhóm nào mang mã này",
            "dùng một trong các nhóm: @localities, @cities, @provinces, @ministries, @members",
        )
    ]


def test_duplicate_ids_across_two_files_name_both_places(repo: Repo) -> None:
    root = repo(
        {
            "data/tasks/a.yaml": directive("- id: t1\n  title: x\n  lead: bxd\n"),
            "data/tasks/b.yaml": directive(
                "- id: t0\n  title: y\n  lead: bxd\n- id: t1\n  title: y\n  lead: bxd\n"
            ),
        }
    )
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            "data/tasks/b.yaml",
            11,
            9,
            "duplicate-id",
            "mã “t1” đã được dùng ở data/tasks/a.yaml:8",
            "đổi một trong hai mã cho khác nhau",
        )
    ]


def test_task_and_milestone_share_one_namespace(repo: Repo) -> None:
    root = repo(
        {
            TASKS: directive("- id: m1\n  title: x\n  lead: ha-noi\n"),
            "data/localities/ha-noi.yaml": HA_NOI + "roadmap:\n  - id: m1\n    title: y\n    year: 2026\n",
        }
    )
    result = validate(root)
    assert where(result) == [(TASKS, 8, 9, "error", "duplicate-id")]
    assert problems(result)[0]["message"] == "mã “m1” đã được dùng ở data/localities/ha-noi.yaml:5"


def test_duplicate_locality_code(repo: Repo) -> None:
    root = repo(
        {
            "data/localities/ha-noi.yaml": HA_NOI,
            "data/localities/hai-phong.yaml": 'name: Thành phố Hải Phòng\ncode: "01"\nkind: city\n',
        }
    )
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            "data/localities/hai-phong.yaml",
            2,
            7,
            "duplicate-code",
            "mã hành chính “01” trùng với data/localities/ha-noi.yaml:2",
            None,
        )
    ]


# --- assignees and responses -----------------------------------------------------------------------

ASSIGNEE_FORM = (
    "cần đúng một trong hai: “lead” (cơ quan chủ trì) hoặc “each” "
    "(giao từng Bộ, cơ quan, địa phương thực hiện)",
    'viết “lead: bxd” cho một cơ quan chủ trì, hoặc “each: ["@localities"]”',
)


@pytest.mark.parametrize("assignees", ["lead: bxd\n  each: [bkhcn]\n", ""], ids=["lead-and-each", "neither"])
def test_lead_and_each_both_or_neither(repo: Repo, assignees: str) -> None:
    result = one_directive(repo, "- id: t1\n  title: x\n  " + assignees)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(TASKS, 8, 5, "assignee-form", "nhiệm vụ t1: " + ASSIGNEE_FORM[0], ASSIGNEE_FORM[1])
    ]


def test_support_with_each(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          each: [bxd]
          support: [bkhcn]
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            11,
            5,
            "support-with-each",
            "nhiệm vụ t1: “support” không dùng cùng “each”",
            "xóa “support”, hoặc thay “each” bằng “lead”",
        )
    ]


def test_responses_on_a_lead_task(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          responses:
            bxd:
              status: done
              done_on: 2025-07-01
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            11,
            5,
            "responses-without-each",
            "nhiệm vụ t1: “responses” chỉ dùng cho nhiệm vụ giao từng Bộ, cơ quan, địa phương (“each”)",
            "ghi kết quả vào “status”, “done_on” và “result” của nhiệm vụ",
        )
    ]


def test_response_from_someone_not_assigned(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          each: [bxd, "@cities"]
          responses:
            ha-noi:
              status: open
            vpcp:
              status: open
        """,
        **{"data/localities/ha-noi.yaml": HA_NOI},
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            14,
            7,
            "response-not-assignee",
            "nhiệm vụ t1: “vpcp” có phản hồi nhưng không thuộc danh sách “each”",
            "thêm “vpcp” vào “each” hoặc xóa phản hồi này",
        )
    ]


# --- required-when ------------------------------------------------------------------------------------


def test_done_without_done_on(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          status: done
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            11,
            13,
            "done-without-date",
            "nhiệm vụ t1: đã hoàn thành (“done”) nhưng thiếu “done_on”",
            "thêm “done_on: 15/8/2025” (ngày hoàn thành); chỉ biết hoàn thành chậm nhất vào một ngày"
            " thì ghi “done_by: 15/8/2025”",
        )
    ]


def test_done_response_and_milestone_without_done_on(repo: Repo) -> None:
    root = repo(
        {
            TASKS: directive(
                """\
                - id: t1
                  title: x
                  each: [bxd]
                  responses:
                    bxd:
                      status: done
                """
            ),
            "data/localities/ha-noi.yaml": HA_NOI
            + "roadmap:\n  - id: m1\n    title: y\n    year: 2026\n    status: done\n",
        }
    )
    result = validate(root)
    assert where(result) == [
        ("data/localities/ha-noi.yaml", 8, 13, "error", "done-without-date"),
        (TASKS, 13, 17, "error", "done-without-date"),
    ]
    assert [p["message"] for p in problems(result)] == [
        "mốc lộ trình m1: đã hoàn thành (“done”) nhưng thiếu “done_on”",
        "nhiệm vụ t1: đã hoàn thành (“done”) nhưng thiếu “done_on”",
    ]


def test_cancelled_without_cancel_reason(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          status: cancelled
        """,
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            11,
            13,
            "cancel-without-reason",
            "nhiệm vụ t1: dừng thực hiện (“cancelled”) nhưng thiếu “cancel_reason”",
            "thêm “cancel_reason: ...” nêu văn bản hoặc lý do dừng thực hiện",
        )
    ]


# --- leaders ---------------------------------------------------------------------------------------

LEADER_HINT = "ghi “until” cho Tổ trưởng cũ và “since” cho người kế nhiệm"
SECOND_LEADER = """\
  - id: leader2
    name: Lê Văn C
    title: Bộ trưởng
    role: leader
    org: bxd
    since: 2025-08-01
"""


def test_two_leaders(repo: Repo) -> None:
    root = repo({"data/members.yaml": MEMBERS + SECOND_LEADER})
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            "data/members.yaml",
            22,
            11,
            "leader-count",
            "ngày 1/8/2025: Tổ công tác có 2 Tổ trưởng (phải có đúng một)",
            LEADER_HINT,
        )
    ]


def test_no_leader(repo: Repo) -> None:
    root = repo({"data/members.yaml": MEMBERS.replace("role: leader", "role: member")})
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            "data/members.yaml",
            18,
            1,
            "leader-count",
            "ngày 30/6/2025: Tổ công tác có 0 Tổ trưởng (phải có đúng một)",
            LEADER_HINT,
        )
    ]


def test_a_leader_succeeded_on_time_is_fine(repo: Repo) -> None:
    members = MEMBERS.replace(
        "org: vpcp\n    since: 2025-06-30\n", "org: vpcp\n    since: 2025-06-30\n    until: 2025-08-01\n"
    )
    root = repo({"data/members.yaml": members + SECOND_LEADER})
    result = validate(root)
    assert (result.exit_code, where(result)) == (0, [])


def test_leader_count_after_an_invalid_member_is_at_the_leader(repo: Repo) -> None:
    invalid = "members:\n  - id: Bad\n    name: X\n    title: Y\n    role: member\n    org: bxd\n"
    root = repo({"data/members.yaml": MEMBERS.replace("members:\n", invalid) + SECOND_LEADER})
    result = validate(root)
    assert where(result) == [
        ("data/members.yaml", 19, 9, "error", "invalid-id"),
        ("data/members.yaml", 27, 11, "error", "leader-count"),
    ]


# --- warnings and waivers --------------------------------------------------------------------------

DATE_ORDER_TASK = """\
- id: t1
  title: x
  lead: bxd
  deadline: 2025-06-01
"""


def test_date_order_warning(repo: Repo) -> None:
    result = one_directive(repo, DATE_ORDER_TASK)
    assert result.exit_code == 0
    assert result.json()["ok"] is True
    assert problems(result) == [
        problem(
            TASKS,
            11,
            15,
            "date-order",
            "nhiệm vụ t1: “deadline” (1/6/2025) sớm hơn ngày giao nhiệm vụ (30/6/2025)",
            "kiểm tra lại ngày; nếu đúng là như vậy, thêm “waive: [date-order]” vào nhiệm vụ",
            severity="warning",
        )
    ]


def test_date_order_uses_assigned_on(repo: Repo) -> None:
    root = repo(
        {
            TASKS: directive(DATE_ORDER_TASK).replace(
                "date: 2025-06-30\n", "date: 2025-06-30\n  assigned_on: 2025-05-20\n"
            )
        }
    )
    result = validate(root)
    assert (result.exit_code, where(result)) == (0, [])


def test_date_order_waived(repo: Repo) -> None:
    result = one_directive(repo, DATE_ORDER_TASK + "  waive: [date-order]\n")
    assert result.exit_code == 0
    assert result.json() == {"ok": True, "files": 2, "errors": 0, "warnings": 0, "problems": []}


def test_unknown_waive_code(repo: Repo) -> None:
    result = one_directive(repo, DATE_ORDER_TASK + "  waive: [date-order, stale]\n")
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            12,
            25,
            "unknown-code",
            "nhiệm vụ t1: “waive” nêu mã “stale”, mã này không bỏ qua được",
            "các mã có thể bỏ qua: date-order",
        )
    ]


def test_document_number_warning(repo: Repo) -> None:
    root = repo({TASKS: directive("[]\n", number="số 1413 QĐ-TTg")})
    result = validate(root)
    assert result.exit_code == 0
    assert problems(result) == [
        problem(
            TASKS,
            2,
            11,
            "document-number",
            "số ký hiệu “số 1413 QĐ-TTg” không theo mẫu của Nghị định 30/2020/NĐ-CP",
            "ví dụ: 1413/QĐ-TTg, 5802/VPCP-CN, 269/2025/NĐ-CP, 57-NQ/TW",
            severity="warning",
        )
    ]


@pytest.mark.parametrize(
    "number",
    [
        "1413/QĐ-TTg",
        "269/2025/NĐ-CP",
        "5802/VPCP-CN",
        "57-NQ/TW",
        "202/2025/QH15",
        "382/TB-VPCP",
        "4720/VPCP-KGVX",
    ],
)
def test_document_numbers_in_decree_30_form_are_accepted(repo: Repo, number: str) -> None:
    root = repo({TASKS: directive("[]\n", number=number)})
    result = validate(root, strict=True)
    assert (result.exit_code, where(result)) == (0, [])


def test_not_nfc_warning(repo: Repo) -> None:
    text = directive("- id: t1\n  title: Xây dựng kế hoạch\n  lead: bxd\n")
    root = repo({TASKS: unicodedata.normalize("NFD", text)})
    result = validate(root)
    assert result.exit_code == 0
    assert problems(result) == [
        problem(
            TASKS,
            6,
            12,
            "not-nfc",
            "2 giá trị không ở dạng Unicode NFC (dấu tiếng Việt tách rời); dothi đã chuẩn hóa",
            "lưu tệp ở dạng Unicode dựng sẵn (NFC), ví dụ bằng Unikey: “Unicode dựng sẵn”",
            severity="warning",
        )
    ]


def test_messages_quote_nfd_values_in_nfc(repo: Repo) -> None:
    text = directive("- id: t1\n  title: x\n  lead: bxd\n  status: hoàn thành\n")
    result = validate(repo({TASKS: unicodedata.normalize("NFD", text)}))
    assert where(result) == [
        (TASKS, 6, 12, "warning", "not-nfc"),
        (TASKS, 11, 13, "error", "invalid-choice"),
    ]
    assert problems(result)[1]["message"] == "nhiệm vụ t1: “status” không nhận giá trị “hoàn thành”"
    assert unicodedata.is_normalized("NFC", result.stdout)


# --- unreadable files ------------------------------------------------------------------------------


def test_tab_indentation(repo: Repo) -> None:
    root = repo({TASKS: directive("- id: t1\n  title: x\n") + "\tlead: bxd\n"})
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            10,
            1,
            "tab-indent",
            "thụt lề bằng ký tự tab; YAML chỉ cho phép dấu cách",
            "thay tab bằng dấu cách (thường là 2 dấu cách mỗi cấp)",
        )
    ]


def test_conflict_markers(repo: Repo) -> None:
    root = repo(
        {
            TASKS: directive("- id: t1\n  title: x\n")
            + "<<<<<<< HEAD\n    lead: bxd\n=======\n    lead: vpcp\n>>>>>>> b\n"
        }
    )
    result = validate(root)
    assert result.exit_code == 1
    hint = "giữ lại phiên bản đúng và xóa các dòng <<<<<<<, ======= và >>>>>>>"
    assert problems(result) == [
        problem(TASKS, 10, 1, "conflict-marker", "còn dấu xung đột git “<<<<<<<” chưa được giải quyết", hint),
        problem(TASKS, 12, 1, "conflict-marker", "còn dấu xung đột git “=======” chưa được giải quyết", hint),
        problem(TASKS, 14, 1, "conflict-marker", "còn dấu xung đột git “>>>>>>>” chưa được giải quyết", hint),
    ]


def test_non_utf8_file(repo: Repo) -> None:
    # saved in the Windows Vietnamese code page: “Đ” of 1413/QĐ-TTg is the byte 0xD0
    raw = directive("- id: t1\n  title: Hà Nội\n  lead: bxd\n").encode("cp1258", errors="replace")
    root = repo({TASKS: raw})
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            2,
            17,
            "encoding",
            "tệp không phải UTF-8 (byte 0xD0)",
            "lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)",
        )
    ]


def test_empty_file(repo: Repo) -> None:
    root = repo({TASKS: "", "data/localities/ha-noi.yaml": "# chưa điền\n"})
    result = validate(root)
    assert result.exit_code == 1
    hint = "điền nội dung cho tệp hoặc xóa tệp nếu không dùng"
    assert problems(result) == [
        problem("data/localities/ha-noi.yaml", 1, 1, "empty-file", "tệp rỗng", hint),
        problem(TASKS, 1, 1, "empty-file", "tệp rỗng", hint),
    ]


def test_duplicate_key(repo: Repo) -> None:
    result = one_directive(repo, "- id: t1\n  title: x\n  lead: bxd\n  title: y\n")
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            11,
            5,
            "duplicate-key",
            "khóa “title” lặp lại (đã có ở dòng 9)",
            "giữ một khóa “title” và xóa khóa còn lại",
        )
    ]


def test_unsafe_tag(repo: Repo, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    result = one_directive(
        repo,
        f"- id: t1\n  title: !!python/object/apply:os.system ['touch {marker}']\n  lead: bxd\n",
    )
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            9,
            12,
            "unsafe-tag",
            "thẻ YAML “!!python/object/apply:os.system” bị từ chối "
            "(dothi không bao giờ tạo đối tượng từ thẻ)",
            "xóa thẻ bắt đầu bằng “!” và ghi giá trị dạng văn bản",
        )
    ]
    assert not marker.exists()


def test_alias_bomb(repo: Repo) -> None:
    bomb = "".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
        for previous, name in zip("abcde", "bcdef", strict=True)
    )
    root = repo({TASKS: "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + bomb})
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            1,
            11,
            "alias-bomb",
            "các bí danh (*alias) khai triển ra quá 10000 giá trị",
            "viết trực tiếp các giá trị thay vì lồng bí danh",
        )
    ]


def test_yaml_syntax_error(repo: Repo) -> None:
    root = repo({TASKS: directive("- id: t1\n  title: Kết luận: họp\n  lead: bxd\n")})
    result = validate(root)
    assert result.exit_code == 1
    assert problems(result) == [
        problem(
            TASKS,
            9,
            20,
            "yaml-syntax",
            "có dấu hai chấm “: ” ở chỗ không thể bắt đầu một khóa mới",
            'giá trị có dấu “: ” phải đặt trong ngoặc kép, ví dụ title: "Kết luận: ..."',
        )
    ]


def test_bad_file_name(repo: Repo) -> None:
    root = repo({"data/tasks/QĐ 1413.yaml": directive("- id: t1\n  title: x\n  lead: bxd\n")})
    result = validate(root)
    assert result.exit_code == 1
    assert where(result) == [("data/tasks/QĐ 1413.yaml", 1, 1, "error", "invalid-id")]
    assert problems(result)[0]["message"] == "tên tệp “QĐ 1413” không dùng được làm mã"


def test_bad_file_name_hint_suggests_a_valid_id(repo: Repo) -> None:
    root = repo({"data/tasks/QĐ 1413.yaml": directive("- id: t1\n  title: x\n  lead: bxd\n")})
    hint = problems(validate(root))[0]["hint"]
    suggestion = hint.rsplit("“", 1)[1].removesuffix("”")
    assert SLUG.match(suggestion)


def test_missing_members_file(repo: Repo) -> None:
    root = repo({TASKS: directive("[]\n")}, members=False)
    result = cli("--root", str(root), "validate", "--format", "json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == not_a_repository(root)


# --- null values (SPEC §1) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        directive("- id: t1\n  title: x\n  lead: bxd\n  deadline: ~\n  support:\n  detail: null\n"),
        HEADER,
    ],
    ids=["null-deadline", "empty-tasks"],
)
def test_null_values_mean_absent(repo: Repo, text: str) -> None:
    result = validate(repo({TASKS: text}))
    assert (result.exit_code, where(result)) == (0, [])


def test_merge_of_a_tagged_mapping_is_reported_not_raised(repo: Repo) -> None:
    root = repo({TASKS: "base: &b !!set {a}\nother:\n  <<: *b\n"})
    result = validate(root)
    # The file also lacks “directive” and has unknown keys; what matters is the refusal, once.
    assert [w for w in where(result) if w[4] == "unsafe-tag"] == [(TASKS, 1, 7, "error", "unsafe-tag")]


# --- every problem, in one run ------------------------------------------------------------------------


def test_a_syntax_error_does_not_hide_the_problems_of_another_file(repo: Repo) -> None:
    root = repo(
        {
            "data/tasks/a.yaml": "directive: [\n",
            "data/tasks/b.yaml": directive("- id: t1\n  title: x\n  lead: bxd\n  statu: open\n"),
        }
    )
    result = validate(root)
    assert result.exit_code == 1
    assert where(result) == [
        ("data/tasks/a.yaml", 2, 1, "error", "yaml-syntax"),
        ("data/tasks/b.yaml", 11, 5, "error", "unknown-key"),
    ]


def test_invalid_deadline_does_not_stop_the_reference_checks(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: nobody
          deadline: 20/7
        """,
    )
    assert result.exit_code == 1
    assert where(result) == [
        (TASKS, 10, 11, "error", "unknown-reference"),
        (TASKS, 11, 15, "error", "invalid-deadline"),
    ]


def test_valid_tasks_next_to_an_invalid_one_still_get_their_warnings(repo: Repo) -> None:
    result = one_directive(repo, DATE_ORDER_TASK + "- id: t2\n  title: y\n  lead: bxd\n  deadline: 20/7\n")
    assert where(result) == [
        (TASKS, 11, 15, "warning", "date-order"),
        (TASKS, 15, 15, "error", "invalid-deadline"),
    ]


def test_warning_after_an_invalid_task_is_at_its_own_line(repo: Repo) -> None:
    result = one_directive(
        repo,
        """\
        - id: t1
          title: x
          lead: bxd
          deadline: 20/7
        - id: t2
          title: y
          lead: bxd
          deadline: 2025-06-01
        """,
    )
    assert where(result) == [
        (TASKS, 11, 15, "error", "invalid-deadline"),
        (TASKS, 15, 15, "warning", "date-order"),
    ]


def test_problems_are_ordered_by_file_line_column(repo: Repo) -> None:
    root = repo(
        {
            "data/tasks/b.yaml": directive("- id: t2\n  title: x\n  lead: nobody\n  statu: open\n"),
            "data/tasks/a.yaml": directive(
                "- id: t1\n  title: x\n  lead: bxd\n  deadline: 20/7\n  support: [nobody, bxd, nobody2]\n"
            ),
            "data/localities/ha-noi.yaml": 'name: Hà Nội\ncode: "01"\nkind: town\n',
            "data/members.yaml": MEMBERS.replace("org: bxd", "org: bxdd"),
            "data/requirements.yaml": "sections:\n  - id: Muc-tieu\n    title: Mục tiêu\n",
        }
    )
    result = validate(root)
    found = where(result)
    assert found == [
        ("data/localities/ha-noi.yaml", 3, 7, "error", "invalid-choice"),
        ("data/members.yaml", 29, 10, "error", "unknown-reference"),
        ("data/requirements.yaml", 2, 9, "error", "invalid-id"),
        ("data/tasks/a.yaml", 11, 15, "error", "invalid-deadline"),
        ("data/tasks/a.yaml", 12, 15, "error", "unknown-reference"),
        ("data/tasks/a.yaml", 12, 28, "error", "unknown-reference"),
        ("data/tasks/b.yaml", 10, 11, "error", "unknown-reference"),
        ("data/tasks/b.yaml", 11, 5, "error", "unknown-key"),
    ]
    assert found == sorted(found, key=lambda p: (p[0], p[1], p[2]))


# --- the JSON contract -----------------------------------------------------------------------------


def test_json_contract(repo: Repo) -> None:
    root = repo(
        {
            TASKS: directive(DATE_ORDER_TASK + "- id: t2\n  title: y\n  lead: nobody\n"),
            "data/localities/ha-noi.yaml": HA_NOI,
            "data/localities/notes.md": "not YAML, not read\n",
            "data/localities/cao-bang.yml": CAO_BANG,
            "data/requirements.yaml": "sections: []\n",
        }
    )
    result = validate(root)
    document = json.loads(result.stdout)
    assert list(document) == ["ok", "files", "errors", "warnings", "problems"]
    assert (document["ok"], document["files"], document["errors"], document["warnings"]) == (False, 5, 1, 1)
    assert [list(p) for p in document["problems"]] == [
        ["file", "line", "column", "severity", "code", "message", "hint"]
    ] * 2
    assert where(result) == [
        (TASKS, 11, 15, "warning", "date-order"),
        (TASKS, 14, 11, "error", "unknown-reference"),
    ]


def test_json_in_english(repo: Repo) -> None:
    result = validate(
        repo({TASKS: directive("- id: t1\n  title: x\n  lead: bxd\n  deadlne: 15/8/2025\n")}), "--lang", "en"
    )
    assert problems(result) == [
        problem(TASKS, 11, 5, "unknown-key", "task t1: unknown key “deadlne”", "did you mean “deadline”?")
    ]


def test_json_ok_is_false_with_warnings_under_strict(repo: Repo) -> None:
    root = repo({TASKS: directive(DATE_ORDER_TASK)})
    relaxed = validate(root)
    strict = validate(root, strict=True)
    assert (relaxed.exit_code, relaxed.json()["ok"]) == (0, True)
    assert (strict.exit_code, strict.json()["ok"]) == (1, False)
    assert strict.json()["problems"] == relaxed.json()["problems"]


# --- text and GitHub formats --------------------------------------------------------------------------

TYPO = "- id: t1\n  title: x\n  lead: bxd\n  deadlne: 15/8/2025\n"


def test_text_output_in_vietnamese(repo: Repo) -> None:
    result = validate(repo({TASKS: directive(TYPO)}), fmt="text")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/tasks/qd.yaml:11:5: error unknown-key nhiệm vụ t1: khóa “deadlne” không hợp lệ\n"
        "   11 |     deadlne: 15/8/2025\n"
        "      |     ^\n"
        "      = gợi ý: có phải ý bạn là “deadline”?\n"
        "2 tệp, 1 lỗi, 0 cảnh báo. Dữ liệu có lỗi; sửa các lỗi trên rồi chạy lại “dothi validate”.\n"
    )
    assert result.stderr == ""


def test_text_output_in_english(repo: Repo) -> None:
    result = validate(repo({TASKS: directive(TYPO)}), "--lang", "en", fmt="text")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/tasks/qd.yaml:11:5: error unknown-key task t1: unknown key “deadlne”\n"
        "   11 |     deadlne: 15/8/2025\n"
        "      |     ^\n"
        "      = hint: did you mean “deadline”?\n"
        "files: 2, errors: 1, warnings: 0. The data has errors; fix them and run “dothi validate” again.\n"
    )


def test_text_language_from_the_environment(repo: Repo) -> None:
    root = repo({TASKS: directive(TYPO)})
    result = cli("--root", str(root), "validate", env={"DOTHI_LANG": "en"})
    assert (
        result.stdout.splitlines()[0]
        == "data/tasks/qd.yaml:11:5: error unknown-key task t1: unknown key “deadlne”"
    )


def test_text_output_of_a_warning(repo: Repo) -> None:
    warned = validate(repo({TASKS: directive(DATE_ORDER_TASK)}), fmt="text")
    assert warned.exit_code == 0
    assert warned.stdout == (
        "data/tasks/qd.yaml:11:15: warning date-order "
        "nhiệm vụ t1: “deadline” (1/6/2025) sớm hơn ngày giao nhiệm vụ (30/6/2025)\n"
        "   11 |     deadline: 2025-06-01\n"
        "      |               ^\n"
        "      = gợi ý: kiểm tra lại ngày; nếu đúng là như vậy, thêm “waive: [date-order]” vào nhiệm vụ\n"
        "2 tệp, 0 lỗi, 1 cảnh báo. Dữ liệu hợp lệ.\n"
    )


def test_text_output_strict_with_warnings(repo: Repo) -> None:
    root = repo({TASKS: directive(DATE_ORDER_TASK)})
    result = cli("--root", str(root), "validate", "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "2 tệp, 0 lỗi, 1 cảnh báo. Có cảnh báo và đang dùng --strict."


def test_text_output_of_clean_data(repo: Repo) -> None:
    result = cli("--root", str(repo()), "validate")
    assert (result.exit_code, result.stdout) == (0, "1 tệp, 0 lỗi, 0 cảnh báo. Dữ liệu hợp lệ.\n")


def test_text_output_shows_the_tab_line_with_spaces(repo: Repo) -> None:
    root = repo({TASKS: "directive:\n\tkind: x\n"})
    result = validate(root, fmt="text")
    assert result.stdout.splitlines()[:3] == [
        "data/tasks/qd.yaml:2:1: error tab-indent thụt lề bằng ký tự tab; YAML chỉ cho phép dấu cách",
        "    2 |  kind: x",
        "      | ^",
    ]


GITHUB_ERROR = (
    "::error file=data/tasks/qd.yaml,line=11,col=5,title=unknown-key::"
    "nhiệm vụ t1: khóa “deadlne” không hợp lệ — có phải ý bạn là “deadline”?\n"
)


def test_github_output(repo: Repo) -> None:
    root = repo({TASKS: directive(DATE_ORDER_TASK + TYPO.replace("t1", "t2"))})
    result = validate(root, fmt="github")
    assert result.exit_code == 1
    assert result.stdout == (
        "::warning file=data/tasks/qd.yaml,line=11,col=15,title=date-order::"
        "nhiệm vụ t1: “deadline” (1/6/2025) sớm hơn ngày giao nhiệm vụ (30/6/2025) — "
        "kiểm tra lại ngày; nếu đúng là như vậy, thêm “waive: [date-order]” vào nhiệm vụ\n"
        "::error file=data/tasks/qd.yaml,line=15,col=5,title=unknown-key::"
        "nhiệm vụ t2: khóa “deadlne” không hợp lệ — có phải ý bạn là “deadline”?\n"
    )


def test_github_output_escapes_properties_and_data(repo: Repo) -> None:
    root = repo(
        {"data/tasks/a,b.yaml": directive('- id: t1\n  title: x\n  lead: bxd\n  status: "50%\\nxong"\n')}
    )
    result = validate(root, fmt="github")
    assert result.stdout.splitlines() == [
        "::error file=data/tasks/a%2Cb.yaml,line=1,col=1,title=invalid-id::"
        "tên tệp “a,b” không dùng được làm mã — "
        "mã chỉ gồm chữ thường không dấu, số, “-”, “_”, “.”, ví dụ “a-b”",
        "::error file=data/tasks/a%2Cb.yaml,line=11,col=13,title=invalid-choice::"
        "nhiệm vụ t1: “status” không nhận giá trị “50%25%0Axong” — "
        "chọn một trong: open, in_progress, done, cancelled, unknown",
    ]


def test_github_actions_picks_github_format(repo: Repo) -> None:
    root = repo({TASKS: directive(TYPO)})
    result = cli("--root", str(root), "validate", env={"GITHUB_ACTIONS": "true"})
    assert (result.exit_code, result.stdout) == (1, GITHUB_ERROR)


def test_explicit_format_wins_over_github_actions(repo: Repo) -> None:
    root = repo({TASKS: directive(TYPO)})
    result = cli("--root", str(root), "validate", "--format", "json", env={"GITHUB_ACTIONS": "true"})
    assert where(result) == [(TASKS, 11, 5, "error", "unknown-key")]


def test_clean_data_gives_no_github_lines(repo: Repo) -> None:
    result = validate(repo(), fmt="github")
    assert (result.exit_code, result.stdout) == (0, "")


# --- exit codes and usage errors -----------------------------------------------------------------


def test_exit_codes(repo: Repo, tmp_path: Path) -> None:
    clean = repo()
    assert cli("--root", str(clean), "validate").exit_code == 0
    assert cli("--root", str(clean), "validate", "--strict").exit_code == 0
    warned = write_repo(tmp_path / "warned", {TASKS: directive(DATE_ORDER_TASK)})
    assert cli("--root", str(warned), "validate").exit_code == 0
    assert cli("--root", str(warned), "validate", "--strict").exit_code == 1
    broken = write_repo(tmp_path / "broken", {TASKS: directive(TYPO)})
    assert cli("--root", str(broken), "validate").exit_code == 1
    assert cli("--root", str(broken), "validate", "--format", "github").exit_code == 1


def test_bad_format_is_a_usage_error(repo: Repo) -> None:
    result = cli("--root", str(repo()), "validate", "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Lỗi: Tùy chọn --format: “xml” không hợp lệ; chọn một trong: text, json, github, gitlab, sarif\n"
    )


def test_bad_lang_is_a_usage_error(repo: Repo) -> None:
    root = repo()
    result = cli("--root", str(root), "--lang", "fr", "validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Lỗi: Ngôn ngữ “fr” không được hỗ trợ; dùng vi hoặc en.\n"
    from_env = cli("--root", str(root), "validate", env={"DOTHI_LANG": "fr"})
    assert (from_env.exit_code, from_env.stderr) == (2, result.stderr)


def test_unknown_option_is_a_usage_error(repo: Repo) -> None:
    result = cli("--root", str(repo()), "validate", "--bogus")
    assert result.exit_code == 2
    assert result.stdout == ""


def not_a_repository(folder: Path) -> str:
    return f"Lỗi: “{folder}” không phải kho dữ liệu dothi: không có {folder}/data/members.yaml.\n"


def test_outside_a_data_repository_with_root(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("--root", str(empty), "validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == not_a_repository(empty)


def test_outside_a_data_repository_with_dothi_root(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("validate", "--format", "json", env={"DOTHI_ROOT": str(empty)})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == not_a_repository(empty)


def test_outside_a_data_repository_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    result = cli("--lang", "en", "validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: No dothi data repository (a folder holding data/members.yaml) in {empty} or above.\n"
        "Run the command inside one, or point at it with --root DIR or DOTHI_ROOT.\n"
    )


def test_root_is_found_from_a_subfolder(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo({TASKS: directive(TYPO)})
    monkeypatch.chdir(root / "data" / "tasks")
    result = cli("validate", "--format", "json")
    assert result.exit_code == 1
    assert where(result) == [(TASKS, 11, 5, "error", "unknown-key")]


def test_dothi_root_is_used(repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo({TASKS: directive(TYPO)})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = cli("validate", "--format", "json", env={"DOTHI_ROOT": str(root)})
    assert where(result) == [(TASKS, 11, 5, "error", "unknown-key")]


def test_root_option_wins_over_dothi_root(repo: Repo, tmp_path: Path) -> None:
    root = repo()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("--root", str(root), "validate", env={"DOTHI_ROOT": str(empty)})
    assert result.exit_code == 0


def test_version() -> None:
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"dothi {__version__}\n")


# --- never a traceback ---------------------------------------------------------------------------

BAD_FILES: dict[str, str | bytes] = {
    "data/tasks/syntax.yaml": "directive: [\n",
    "data/tasks/tabs.yaml": "a:\n\tb: 1\n",
    "data/tasks/conflict.yaml": "<<<<<<< HEAD\n",
    "data/tasks/latin1.yaml": b"subject: caf\xe9\n",
    "data/tasks/empty.yaml": "",
    "data/tasks/dup.yaml": "a: 1\na: 2\n",
    "data/tasks/tag.yaml": "x: !!python/object/apply:os.system ['true']\n",
    "data/tasks/recursive.yaml": "a: &a [*a]\n",
    "data/tasks/list.yaml": "- 1\n- 2\n",
    "data/tasks/text.yaml": "just text\n",
    "data/tasks/Bad Name.yaml": "directive: {}\n",
    "data/tasks/odd.yaml": directive(
        "- id: t1\n  title: [x]\n  each: {a: 1}\n  responses: [1]\n  updates: x\n  waive: 3\n"
        "- just text\n- id: [t2]\n  lead: [bxd, 1]\n"
    ),
    "data/localities/ha-noi.yaml": "name: x\ncode: [1]\nkind: city\nroadmap: {a: b}\n",
    "data/requirements.yaml": "sections: x\nrules: [1]\n",
}


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_bad_input_never_gives_a_traceback(repo: Repo, fmt: str) -> None:
    root = repo(BAD_FILES)
    result = validate(root, fmt=fmt)
    assert result.exit_code == 1
    assert result.stderr == ""


def test_bad_input_in_a_real_process(repo: Repo) -> None:
    root = repo(BAD_FILES)
    env = {k: v for k, v in os.environ.items() if k not in ("DOTHI_ROOT", "DOTHI_LANG", "GITHUB_ACTIONS")}
    done = subprocess.run(
        [sys.executable, "-m", "dothi", "--root", str(root), "validate", "--format", "json"],
        capture_output=True,
        text=True,
        env={**env, "NO_COLOR": "1"},
        cwd=PROJECT_ROOT,
        timeout=60,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["ok"] is False
    assert document["files"] == len(BAD_FILES) + 1
