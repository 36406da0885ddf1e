"""What a new user tripped over (issue 18): notes attributed to the right assignee, answers' notes
shown, leads named as the tables name them, dates written in the file's own style."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HA_NOI, run_cli, write_repo

DA_NANG = 'name: Thành phố Đà Nẵng\ncode: "48"\nkind: city\n'
EACH = """\
directive:
  number: 1/TB-VPCP
  kind: thong-bao
  date: 1/7/2025
  issuer: vpcp
  subject: Đô thị thông minh
tasks:
  - id: t1
    title: Xây dựng đề án
    each: [ha-noi, da-nang]
    deadline: 31/12/2025
"""
TASKS = "data/tasks/tb-1.yaml"


@pytest.fixture
def each_repo(tmp_path: Path) -> Path:
    files = {"data/localities/ha-noi.yaml": HA_NOI, "data/localities/da-nang.yaml": DA_NANG, TASKS: EACH}
    return write_repo(tmp_path / "repo", files)


def cli(root: Path, *args: str) -> str:
    run = run_cli("--root", str(root), *args)
    assert run.exit_code == 0, run.stderr
    return run.stdout


def test_an_assignees_note_and_obstacle_land_in_its_answer(each_repo: Path) -> None:
    cli(each_repo, "update", "t1@da-nang", "Đà Nẵng gửi dự thảo", "--on", "1/8/2025")
    cli(each_repo, "obstacle", "t1@da-nang", "Thiếu kinh phí", "--on", "2/8/2025")
    written = (each_repo / TASKS).read_text(encoding="utf-8")
    assert written == EACH + (
        "    responses:\n"
        "      da-nang:\n"
        "        updates:\n"
        "          - on: 1/8/2025\n"
        "            note: Đà Nẵng gửi dự thảo\n"
        "        obstacles:\n"
        "          - on: 2/8/2025\n"
        "            text: Thiếu kinh phí\n"
    )


def test_the_briefing_and_show_attribute_an_assignees_note_to_it_alone(each_repo: Path) -> None:
    cli(each_repo, "update", "t1@da-nang", "Đà Nẵng gửi dự thảo", "--on", "1/8/2025")
    cli(each_repo, "update", "t1@ha-noi", "Đã gửi báo cáo", "--on", "3/8/2025")
    cli(each_repo, "update", "t1@da-nang", "Đã gửi báo cáo", "--on", "3/8/2025")
    cli(each_repo, "obstacle", "t1@da-nang", "Thiếu kinh phí", "--on", "2/8/2025")
    brief = cli(each_repo, "brief", "--as-of", "10/8/2025", "--since", "1/7/2025")
    assert "- 2/8/2025 — Xây dựng đề án (Thành phố Đà Nẵng): Thiếu kinh phí\n" in brief
    updates = brief.split("### Cập nhật tiến độ\n\n", 1)[1].split("\n\n", 1)[0]
    assert updates == (
        "- 1/8/2025 — Xây dựng đề án (Thành phố Đà Nẵng): Đà Nẵng gửi dự thảo\n"
        "- 3/8/2025 — Xây dựng đề án (Thành phố Đà Nẵng): Đã gửi báo cáo\n"
        "- 3/8/2025 — Xây dựng đề án (Thành phố Hà Nội): Đã gửi báo cáo"
    )
    ha_noi = cli(each_repo, "show", "t1@ha-noi", "--as-of", "10/8/2025")
    assert "Đà Nẵng gửi dự thảo" not in ha_noi and "Thiếu kinh phí" not in ha_noi
    da_nang = cli(each_repo, "show", "t1@da-nang", "--as-of", "10/8/2025")
    assert "  1/8/2025  Đà Nẵng gửi dự thảo\n" in da_nang and "  2/8/2025  Thiếu kinh phí\n" in da_nang


def test_a_note_on_the_whole_each_task_is_named_after_no_assignee(each_repo: Path) -> None:
    """As found after the fix above: a note on the whole task took the first assignee's name."""
    cli(each_repo, "update", "t1", "Bộ Xây dựng đã đôn đốc các địa phương", "--on", "4/8/2025")
    brief = cli(each_repo, "brief", "--as-of", "10/8/2025", "--since", "1/7/2025")
    updates = brief.split("### Cập nhật tiến độ\n\n", 1)[1].split("\n\n", 1)[0]
    assert updates == "- 4/8/2025 — Xây dựng đề án: Bộ Xây dựng đã đôn đốc các địa phương"


def test_an_answers_note_is_shown_for_its_assignee(each_repo: Path) -> None:
    cli(
        each_repo,
        "respond",
        "t1",
        "ha-noi",
        "--status",
        "done",
        "--on",
        "5/8/2025",
        "--note",
        "Gửi kèm phụ lục",
    )
    cli(each_repo, "respond", "t1", "da-nang", "--status", "in_progress", "--note", "Đang lấy ý kiến")
    assert "Ghi chú          Gửi kèm phụ lục" in cli(each_repo, "show", "t1@ha-noi", "--as-of", "10/8/2025")
    da_nang = cli(each_repo, "--lang", "en", "show", "t1@da-nang", "--as-of", "10/8/2025")
    assert "Note       Đang lấy ý kiến" in da_nang and "phụ lục" not in da_nang
    brief = cli(each_repo, "brief", "--as-of", "10/8/2025", "--since", "1/7/2025")
    updates = brief.split("### Cập nhật tiến độ\n\n", 1)[1].split("\n\n", 1)[0]
    assert updates == "- 5/8/2025 — Xây dựng đề án (Thành phố Hà Nội): Gửi kèm phụ lục"


LEAD_TASK = """\
directive:
  number: 2/TB-VPCP
  kind: thong-bao
  date: 1/7/2025
  issuer: vpcp
  subject: Nghị định
tasks:
  - id: t2
    title: Trình Nghị định
    lead: bxd
    deadline: 31/12/2025
"""


@pytest.mark.parametrize(
    ("written", "ids"),
    [
        ("BXD", ["t2"]),
        ("Bxd", ["t2"]),
        ("bxd", ["t2"]),
        ("Bộ xây dựng", ["t2"]),
        ("hà nội", ["t1@ha-noi"]),
        ("HA NOI", ["t1@ha-noi"]),
    ],
)
def test_lead_is_accepted_as_the_tables_print_it(each_repo: Path, written: str, ids: list[str]) -> None:
    (each_repo / "data/tasks/tb-2.yaml").write_text(LEAD_TASK, encoding="utf-8")
    run = run_cli(
        "--root",
        str(each_repo),
        "status",
        "--lead",
        written,
        "--all",
        "--as-of",
        "10/8/2025",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    assert [item["id"] for item in run.json()["items"]] == ids


def test_locality_is_accepted_by_its_name(each_repo: Path) -> None:
    run = run_cli(
        "--root",
        str(each_repo),
        "status",
        "--locality",
        "Đà Nẵng",
        "--all",
        "--as-of",
        "10/8/2025",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    assert [item["id"] for item in run.json()["items"]] == ["t1@da-nang"]


def test_an_unknown_lead_is_refused_with_the_nearest_id(each_repo: Path) -> None:
    (each_repo / "data/tasks/tb-2.yaml").write_text(LEAD_TASK, encoding="utf-8")
    run = run_cli("--root", str(each_repo), "status", "--lead", "BXDD", "--as-of", "10/8/2025")
    assert run.exit_code == 2
    assert run.stderr == "Lỗi: Không có tổ chức hay địa phương nào mang mã “BXDD”. Có phải ý bạn là “bxd”?\n"


MIXED = """\
directive:
  number: 3/TB-VPCP
  kind: thong-bao
  date: 1/7/2025
  issuer: vpcp
  subject: Đô thị thông minh
tasks:
  - id: t3
    title: Báo cáo
    lead: bxd
    deadline: 31/12/2025
    status: done
    done_on: 2025-07-10
  - id: t4
    title: Đề án
    lead: bxd
    deadline: 30/11/2025
    updates:
      - on: 2025-07-15
        note: Đã gửi dự thảo ngày 14/7/2025
  - id: t5
    title: Kế hoạch
    lead: bxd
    deadline: 15/11/2025
"""


def test_an_edit_writes_a_date_in_the_style_of_the_same_field(tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", {"data/tasks/tb-3.yaml": MIXED})
    assert run_cli("--root", str(root), "done", "t5", "--on", "22/7/2025").exit_code == 0
    assert run_cli("--root", str(root), "update", "t5", "Đang làm", "--on", "20/7/2025").exit_code == 0
    assert run_cli("--root", str(root), "cancel", "t4", "--reason", "Gộp", "--on", "23/7/2025").exit_code == 0
    written = (root / "data/tasks/tb-3.yaml").read_text(encoding="utf-8")
    assert written.endswith(
        "  - id: t5\n"
        "    title: Kế hoạch\n"
        "    lead: bxd\n"
        "    deadline: 15/11/2025\n"
        "    status: done\n"
        "    done_on: 2025-07-22\n"
        "    updates:\n"
        "      - on: 2025-07-20\n"
        "        note: Đang làm\n"
    )
    # no cancelled_on yet: the date fields are four and four, so the dates in the text decide (day first)
    assert "    cancelled_on: 23/7/2025\n" in written
