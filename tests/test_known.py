"""What is known and what is not (SPEC §10, issue 16): unknown items, done on a day not known, no
deadline, hedged deadlines, rates over what is known, plans not recorded, plan kinds, sources and
the repository's notice — in the model, the states, every report and every renderer."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from conftest import CAO_BANG, HA_NOI, Run, run_cli
from dothi.calendar.deadline import DateError, parse_deadline
from dothi.data.repository import Repository, load_repository
from dothi.messages import Catalogue
from dothi.reports.briefing import briefing
from dothi.reports.item import State
from dothi.reports.states import Progress, classify, items_as_of
from dothi.reports.status import Tally
from test_docx import render_docx

DUE = date(2025, 8, 15)
AS_OF = "2025-09-01"
NOTICE = "Dữ liệu dựng lại từ nguồn công khai, chưa được các cơ quan xác nhận."

KNOWN = """\
directive:
  number: 100/QĐ-TTg
  kind: quyet-dinh
  date: 2025-07-01
  issuer: vpcp
  subject: Về đô thị thông minh
  url: https://example.org/100-qd-ttg
tasks:
  - id: u1
    title: Tổng kết Đề án 950
    lead: bxd
    deadline: trong tháng 7/2025
    status: unknown
    source: Không tìm thấy nguồn công khai nào
  - id: d1
    title: Đề xuất thành lập Tổ công tác
    lead: bxd
    deadline: trước ngày 5/7/2025
    status: done
    done_by: 2025-07-20
    result: Quyết định 1/QĐ-TTg
    source: https://example.org/qd-1
  - id: n1
    title: Rà soát các đề án
    lead: bkhcn
  - id: o1
    title: Theo dõi, đôn đốc
    lead: vpcp
    deadline: thường xuyên
  - id: h1
    title: Hội thảo toàn quốc
    lead: bxd
    deadline: dự kiến vào cuối năm 2025
  - id: late
    title: Trình Nghị định
    lead: bxd
    deadline: 15/8/2025
  - id: e1
    title: Cử đại diện
    each: ["@localities"]
    deadline: 10/7/2025
    responses:
      ha-noi: {status: done, done_by: 2025-07-16, source: "Thông báo 2/TB-VPCP: danh sách dự họp"}
      cao-bang: {status: unknown}
"""

PHU_THO = """\
name: Tỉnh Phú Thọ
code: "25"
kind: province
plan:
  title: Kế hoạch triển khai Nghị định số 269/2025/NĐ-CP
  kind: ke-hoach
  ref: 10345/KH-UBND
  status: approved
  approved_on: 2025-12-01
  source: http://example.org/phu-tho
"""

REQUIREMENTS = """\
sections:
  - id: hien-trang
    title: Đánh giá hiện trạng
    applies_to: [de-an]
  - id: muc-tieu
    title: Mục tiêu
    applies_to: [de-an]
  - id: to-chuc
    title: Tổ chức thực hiện
rules:
  council_before_approval: true
  published: true
  applies_to:
    council_before_approval: [de-an]
    published: [de-an]
"""


def files(**extra: str) -> dict[str, str]:
    found = {
        "data/tasks/qd-100.yaml": KNOWN,
        "data/localities/ha-noi.yaml": HA_NOI,
        "data/localities/cao-bang.yaml": CAO_BANG,
    }
    found.update(extra)
    return found


@pytest.fixture
def root(repo: Callable[..., Path]) -> str:
    return str(repo(files()))


def cli(root: str, *args: str, lang: str | None = None) -> Run:
    before = ("--lang", lang) if lang else ()
    result = run_cli("--root", root, *before, *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def loaded(root: str) -> Repository:
    result = load_repository(Path(root))
    assert result.problems == [], result.problems
    assert result.repository is not None
    return result.repository


def states(root: str, as_of: date) -> dict[str, State]:
    return {item.id: item.state for item in items_as_of(loaded(root), as_of)}


def status_json(root: str, *args: str) -> dict[str, Any]:
    result = cli(root, "status", "--as-of", AS_OF, "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    document: dict[str, Any] = result.json()
    return document


def squeezed(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


# --- classify: the new states -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("progress", "due", "as_of", "no_deadline", "expected"),
    [
        pytest.param(
            Progress("unknown", None, None), DUE, DUE + date.resolution, False, State.UNKNOWN, id="unknown"
        ),
        pytest.param(
            Progress("unknown", None, None), None, DUE, True, State.UNKNOWN, id="unknown-no-deadline"
        ),
        pytest.param(
            Progress("done", None, None, DUE), DUE, DUE, False, State.DONE_UNDATED, id="done-by-on-as-of"
        ),
        pytest.param(
            Progress("done", None, None, DUE + 9 * date.resolution),
            DUE,
            DUE + 10 * date.resolution,
            False,
            State.DONE_UNDATED,
            id="done-by-after-due-is-not-late",
        ),
        pytest.param(
            Progress("done", None, None, DUE),
            DUE,
            DUE - date.resolution,
            False,
            State.UNKNOWN,
            id="before-done-by-nobody-knows",
        ),
        pytest.param(
            Progress("done", None, None, DUE + date.resolution),
            DUE,
            DUE + date.resolution - date.resolution,
            False,
            State.UNKNOWN,
            id="before-done-by-never-overdue",
        ),
        pytest.param(Progress("open", None, None), None, DUE, True, State.NO_DEADLINE, id="no-deadline"),
        pytest.param(Progress("open", None, None), None, DUE, False, State.ONGOING, id="ongoing"),
        pytest.param(
            Progress("in_progress", None, None), None, DUE, True, State.NO_DEADLINE, id="started-no-deadline"
        ),
        pytest.param(Progress("done", DUE, None), None, DUE, True, State.DONE_ON_TIME, id="no-deadline-done"),
        pytest.param(
            Progress("cancelled", None, None), None, DUE, True, State.CANCELLED, id="no-deadline-cancelled"
        ),
    ],
)
def test_classify_what_is_not_known(
    progress: Progress, due: date | None, as_of: date, no_deadline: bool, expected: State
) -> None:
    assert classify(progress, due, as_of, no_deadline=no_deadline)[0] is expected
    assert (
        classify(progress, due, as_of, no_deadline=no_deadline)[1] is None or expected is State.DONE_ON_TIME
    )


# --- the states engine on a repository, at several dates --------------------------------------


def test_states_as_of_1_september(root: str) -> None:
    assert states(root, date(2025, 9, 1)) == {
        "u1": State.UNKNOWN,
        "d1": State.DONE_UNDATED,
        "n1": State.NO_DEADLINE,
        "o1": State.ONGOING,
        "h1": State.IN_PROGRESS,
        "late": State.OVERDUE,
        "e1@ha-noi": State.DONE_UNDATED,
        "e1@cao-bang": State.UNKNOWN,
    }


def test_before_done_by_nothing_is_claimed(root: str) -> None:
    """On 10/7 neither d1 (done by 20/7) nor Hà Nội's answer (by 16/7) can be said done or late."""
    found = states(root, date(2025, 7, 10))
    assert (found["d1"], found["e1@ha-noi"], found["late"]) == (
        State.UNKNOWN,
        State.UNKNOWN,
        State.IN_PROGRESS,
    )
    found = states(root, date(2025, 7, 18))
    assert (found["d1"], found["e1@ha-noi"]) == (State.UNKNOWN, State.DONE_UNDATED)


@pytest.mark.parametrize(
    ("as_of", "counts", "due", "overall"),
    [
        # unknown: u1, d1, e1@ha-noi, e1@cao-bang; nothing done or overdue yet
        pytest.param(date(2025, 7, 10), {"unknown": 4, "in_progress": 2}, None, 0.0, id="10-7"),
        # Hà Nội's answer is done by then: 1 done of 1 due; 1 done of 8 - 3 unknown
        pytest.param(
            date(2025, 7, 18), {"unknown": 3, "done_undated": 1, "in_progress": 2}, 1.0, 0.2, id="18-7"
        ),
        # done: d1 and Hà Nội (undated); overdue: late; 2 of 3 due, 2 of 8 - 2 unknown
        pytest.param(
            date(2025, 9, 1),
            {"unknown": 2, "done_undated": 2, "in_progress": 1, "overdue": 1},
            2 / 3,
            2 / 6,
            id="1-9",
        ),
    ],
)
def test_rates_count_what_is_known(
    root: str, as_of: date, counts: dict[str, int], due: float | None, overall: float
) -> None:
    tally = Tally.of(items_as_of(loaded(root), as_of))
    assert {state.value: n for state, n in tally.counts.items() if n and state.value in counts} == counts
    assert (tally.done, tally.unknown) == (counts.get("done_undated", 0), counts["unknown"])
    assert tally.rates.due == (pytest.approx(due) if due is not None else None)
    assert tally.rates.all == pytest.approx(overall)


def test_a_task_unknown_as_a_whole_makes_every_silent_assignee_unknown(repo: Callable[..., Path]) -> None:
    body = KNOWN.replace(
        "    deadline: 10/7/2025\n    responses:",
        "    deadline: 10/7/2025\n    status: unknown\n    responses:",
    ).replace("      cao-bang: {status: unknown}\n", "")
    found = states(str(repo(files(**{"data/tasks/qd-100.yaml": body}))), date(2025, 9, 1))
    assert (found["e1@ha-noi"], found["e1@cao-bang"]) == (State.DONE_UNDATED, State.UNKNOWN)


def test_a_plan_not_recorded_is_an_unknown_submission(repo: Callable[..., Path]) -> None:
    root = str(
        repo(
            files(
                **{
                    "data/requirements.yaml": "rules:\n  submit_by: 31/12/2025\n",
                    "data/localities/phu-tho.yaml": PHU_THO,
                }
            )
        )
    )
    found = states(root, date(2026, 1, 5))
    assert (found["ke-hoach@ha-noi"], found["ke-hoach@phu-tho"]) == (State.UNKNOWN, State.DONE_ON_TIME)


# --- status: JSON, CSV, table, Markdown -------------------------------------------------------


def test_status_json_says_what_is_not_known(root: str) -> None:
    document = status_json(root, "--all")
    assert document["notice"] is None
    assert {key: n for key, n in document["counts"].items() if n} == {
        "done_undated": 2,
        "in_progress": 1,
        "overdue": 1,
        "ongoing": 1,
        "no_deadline": 1,
        "unknown": 2,
    }
    assert document["rates"] == {"due": 0.6667, "all": 0.3333}
    found = {entry["id"]: entry for entry in document["items"]}
    assert {key: found["d1"][key] for key in ("state", "done_on", "done_by", "indicative", "source")} == {
        "state": "done_undated",
        "done_on": None,
        "done_by": "2025-07-20",
        "indicative": False,
        "source": "https://example.org/qd-1",
    }
    assert (found["h1"]["deadline"], found["h1"]["due"], found["h1"]["indicative"]) == (
        "dự kiến vào cuối năm 2025",
        "2025-12-31",
        True,
    )
    assert found["e1@ha-noi"]["source"] == "Thông báo 2/TB-VPCP: danh sách dự họp"
    assert (found["n1"]["state"], found["n1"]["deadline"], found["n1"]["due"]) == ("no_deadline", None, None)
    assert [entry["id"] for entry in document["items"]] == [
        "late",
        "h1",
        "o1",
        "n1",
        "e1@cao-bang",
        "u1",
        "d1",
        "e1@ha-noi",
    ]


def test_status_csv_has_the_new_columns(root: str) -> None:
    result = cli(root, "status", "--as-of", AS_OF, "--format", "csv", "--state", "done_undated")
    assert result.stdout.splitlines() == [
        "id,title,kind,directive,lead,deadline,due,state,due_soon,days_overdue,done_on,done_by,indicative,source",
        "d1,Đề xuất thành lập Tổ công tác,task,qd-100,bxd,trước ngày 5/7/2025,2025-07-05,done_undated,"
        "false,,,2025-07-20,false,https://example.org/qd-1",
        "e1@ha-noi,Cử đại diện,assignment,qd-100,ha-noi,10/7/2025,2025-07-10,done_undated,false,,,2025-07-16,"
        "false,Thông báo 2/TB-VPCP: danh sách dự họp",
    ]


def test_status_table_labels_the_new_states_and_prints_the_unknown_count(root: str) -> None:
    result = cli(root, "status", "--as-of", AS_OF, "--all")
    assert result.exit_code == 0
    lines = squeezed(result.stdout)
    for expected in (
        "Đã hoàn thành, chưa rõ ngày 2 25,00%",
        "Chưa hoàn thành, chưa xác định thời hạn 1 12,50%",
        "Chưa có thông tin về kết quả 2 25,00%",
        "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 66,67%; trên tổng số nhiệm vụ: 33,33%",
        "Chưa có thông tin về kết quả: 2 nhiệm vụ (không tính vào hai tỷ lệ trên)",
    ):
        assert expected in lines
    assert "h1 · BXD · 100/QĐ-TTg · dự kiến vào cuối năm 2025 (thời hạn dự kiến) · Chưa hoàn" in lines
    assert "n1 · BKHCN · 100/QĐ-TTg · chưa xác định · Chưa hoàn thành, chưa xác định thời hạn" in lines


def test_status_markdown_in_english(root: str) -> None:
    result = cli(root, "status", "--as-of", AS_OF, "--format", "md", "--all", lang="en")
    assert "| Done, day not known | 2 | 25.00% |" in result.stdout
    assert "\n\nNo information: 2 items (left out of both rates)\n\n" in result.stdout
    assert (
        "| Hội thảo toàn quốc<br>h1 | BXD | 100/QĐ-TTg | dự kiến vào cuối năm 2025 (indicative) |"
        in result.stdout
    )
    assert (
        "| Lead | Total | Done on time | Done late | Done, day not known | Not done, within the deadline "
        "| Not done, overdue | Completion rate / items due | Completion rate / all items | No information |"
        in result.stdout
    )
    assert "| BXD | 4 | 0 | 0 | 1 | 1 | 1 | 50,00% | 33,33% | 1 |".replace(",", ".") in result.stdout


# --- the repository's notice ------------------------------------------------------------------


def test_notice_tops_status_and_every_document(repo: Callable[..., Path], tmp_path: Path) -> None:
    root = str(repo(files(**{"data/settings.yaml": f"notice: >-\n  {NOTICE}\n"})))
    table = cli(root, "status", "--as-of", AS_OF)
    assert table.stdout.splitlines()[0] == NOTICE
    markdown = cli(root, "status", "--as-of", AS_OF, "--format", "md")
    assert markdown.stdout.startswith(f"*{NOTICE}*\n\n# Tình hình")
    assert status_json(root)["notice"] == NOTICE
    brief = cli(root, "brief", "--as-of", AS_OF)
    assert brief.stdout.splitlines()[1:3] == [f"*{NOTICE}*", ""]
    pack = tmp_path / "pack"
    assert cli(root, "brief", "--as-of", AS_OF, "--pack", str(pack)).exit_code == 0
    pages = sorted(pack.rglob("*.md"))
    assert pages and all(f"*{NOTICE}*" in page.read_text(encoding="utf-8").splitlines()[:3] for page in pages)
    document = Document(
        io.BytesIO(render_docx(briefing(loaded(root), date(2025, 9, 1)), Catalogue("vi"), []))
    )
    assert document.paragraphs[0].text == NOTICE


def test_a_notice_on_several_lines_is_one_line(repo: Callable[..., Path]) -> None:
    root = str(
        repo(files(**{"data/settings.yaml": "notice: |\n  Dữ liệu dựng lại\n  từ nguồn công khai.\n"}))
    )
    assert (
        cli(root, "status", "--as-of", AS_OF).stdout.splitlines()[0] == "Dữ liệu dựng lại từ nguồn công khai."
    )


# --- the briefing -----------------------------------------------------------------------------


def test_briefing_counts_and_sources(root: str) -> None:
    text = cli(root, "brief", "--as-of", AS_OF).stdout
    assert (
        "Tổng số 8 nhiệm vụ đang theo dõi, trong đó: đã hoàn thành 2 (chưa rõ ngày 2); "
        "chưa hoàn thành 3 (trong hạn 1; quá hạn 1; chưa xác định thời hạn 1); nhiệm vụ thường xuyên 1; "
        "chưa có thông tin về kết quả 2." in text
    )
    assert (
        "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 66,67%; trên tổng số nhiệm vụ: 33,33% "
        "(không tính 2 nhiệm vụ chưa có thông tin về kết quả)." in text
    )
    assert "| Tỉnh Cao Bằng | Chưa có thông tin | — | — |" in text
    assert text.split("## NGUỒN SỐ LIỆU\n\n")[1].split("<!-- /dothi:appendix-head -->\n\n")[1] == (
        "Số liệu trong báo cáo được tổng hợp từ các văn bản và nguồn sau.\n\n"
        "- 100/QĐ-TTg ngày 1/7/2025: Về đô thị thông minh — https://example.org/100-qd-ttg\n"
        "- Tổng kết Đề án 950: Không tìm thấy nguồn công khai nào\n"
        "- Đề xuất thành lập Tổ công tác: https://example.org/qd-1\n"
        "- Cử đại diện: Thông báo 2/TB-VPCP: danh sách dự họp\n"
        "\n<!-- /dothi:appendix -->\n"
    )


def test_briefing_lists_plan_sources_and_word_has_them_too(repo: Callable[..., Path]) -> None:
    root = str(repo(files(**{"data/localities/phu-tho.yaml": PHU_THO})))
    context = briefing(loaded(root), date(2025, 12, 5))
    assert [(s.kind, s.label, s.source) for s in context.sources if s.kind == "plan"] == [
        ("plan", "Tỉnh Phú Thọ", "http://example.org/phu-tho")
    ]
    text = cli(root, "brief", "--as-of", "2025-12-05").stdout
    assert "- Kế hoạch của Tỉnh Phú Thọ: http://example.org/phu-tho\n" in text
    document = Document(io.BytesIO(render_docx(context, Catalogue("vi"), [])))
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("NGUỒN SỐ LIỆU") + 2  # then "(Kèm theo Báo cáo …)" and its rule
    assert paragraphs[start + 1 :] == [
        "Số liệu trong báo cáo được tổng hợp từ các văn bản và nguồn sau.",
        "- 100/QĐ-TTg ngày 1/7/2025: Về đô thị thông minh — https://example.org/100-qd-ttg",
        "- Tổng kết Đề án 950: Không tìm thấy nguồn công khai nào",
        "- Đề xuất thành lập Tổ công tác: https://example.org/qd-1",
        "- Cử đại diện: Thông báo 2/TB-VPCP: danh sách dự họp",
        "- Kế hoạch của Tỉnh Phú Thọ: http://example.org/phu-tho",
    ]
    overview = next(p for p in paragraphs if p.startswith("Tỷ lệ hoàn thành"))
    assert overview.endswith("(không tính 2 nhiệm vụ chưa có thông tin về kết quả).")


def test_briefing_without_sources_says_so(repo: Callable[..., Path]) -> None:
    root = str(repo({"data/localities/ha-noi.yaml": HA_NOI}))
    text = cli(root, "brief", "--as-of", AS_OF).stdout
    assert "## NGUỒN SỐ LIỆU\n\n" in text
    assert text.endswith(
        "<!-- /dothi:appendix-head -->\n\n"
        "Số liệu trong báo cáo được tổng hợp từ các văn bản và nguồn sau.\n\nKhông ghi nguồn.\n"
        "\n<!-- /dothi:appendix -->\n"
    )


def test_locality_page_of_a_plan_not_recorded(root: str, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    assert cli(root, "brief", "--as-of", AS_OF, "--pack", str(pack), lang="en").exit_code == 0
    page = (pack / "localities" / "ha-noi.md").read_text(encoding="utf-8")
    assert "\nNo information on the locality's smart-city plan.\n" in page


# --- show -------------------------------------------------------------------------------------


def show(root: str, ident: str) -> list[str]:
    result = cli(root, "show", ident, "--as-of", AS_OF)
    assert (result.exit_code, result.stderr) == (0, "")
    return [re.sub(r"\s{2,}", " | ", line.strip()) for line in result.stdout.splitlines()]


def test_show_done_by_and_source(root: str) -> None:
    lines = show(root, "d1")
    for expected in (
        "Trạng thái | Đã hoàn thành, chưa rõ ngày",
        "Hoàn thành chậm nhất ngày | 20/7/2025",
        "Kết quả | Quyết định 1/QĐ-TTg",
        "Nguồn thông tin | https://example.org/qd-1",
    ):
        assert expected in lines
    assert not any(line.startswith("Ngày hoàn thành") for line in lines)


def test_show_assignment_source_and_indicative_deadline(root: str) -> None:
    assert "Nguồn thông tin | Thông báo 2/TB-VPCP: danh sách dự họp" in show(root, "e1@ha-noi")
    assert "Trạng thái | Chưa có thông tin về kết quả" in show(root, "e1@cao-bang")
    assert "Thời hạn | dự kiến vào cuối năm 2025 (thời hạn dự kiến)" in show(root, "h1")
    assert "Nguồn thông tin | Không tìm thấy nguồn công khai nào" in show(root, "u1")


def test_show_locality_plan_known_and_not(repo: Callable[..., Path]) -> None:
    root = str(repo(files(**{"data/localities/phu-tho.yaml": PHU_THO})))
    assert "Tình trạng kế hoạch | Chưa có thông tin" in show(root, "ha-noi")
    lines = show(root, "phu-tho")
    for expected in (
        "Loại kế hoạch | Kế hoạch",
        "Số ký hiệu kế hoạch | 10345/KH-UBND",
        "Tình trạng kế hoạch | Đã phê duyệt",
        "Nguồn thông tin | http://example.org/phu-tho",
    ):
        assert expected in lines


# --- check: plans not recorded, known to be none, and of each kind ----------------------------


def check_json(root: str, *args: str) -> dict[str, dict[str, Any]]:
    result = cli(root, "check", "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return {entry["id"]: entry for entry in result.json()["localities"]}


PLAN = """\
plan:
  title: Đề án phát triển đô thị thông minh
  kind: {kind}
  status: approved
  approved_on: 2025-10-01
  sections:
    - title: Đánh giá hiện trạng
      text: Hiện trạng.
"""


def test_check_says_unknown_none_and_applies_by_kind(repo: Callable[..., Path]) -> None:
    root = str(
        repo(
            files(
                **{
                    "data/requirements.yaml": REQUIREMENTS,
                    "data/localities/cao-bang.yaml": CAO_BANG + "plan:\n  title: —\n  status: none\n",
                    "data/localities/phu-tho.yaml": PHU_THO,
                    "data/localities/lang-son.yaml": 'name: Tỉnh Lạng Sơn\ncode: "20"\nkind: province\n'
                    + PLAN.format(kind="de-an"),
                }
            )
        )
    )
    found = check_json(root)
    assert {ident: (e["plan_status"], e["kind"], e["score"], e["missing"]) for ident, e in found.items()} == {
        "ha-noi": ("unknown", None, None, []),
        "cao-bang": ("none", None, 0, ["hien-trang", "muc-tieu", "to-chuc"]),
        "phu-tho": ("approved", "ke-hoach", None, []),
        "lang-son": ("approved", "de-an", 33, ["muc-tieu", "to-chuc"]),
    }
    assert found["ha-noi"]["sections"] == dict.fromkeys(("hien-trang", "muc-tieu", "to-chuc"), "unknown")
    # Phú Thọ's text is not recorded: the section for every kind is unknown, the others do not apply
    assert found["phu-tho"]["sections"] == {
        "hien-trang": "not_applicable",
        "muc-tieu": "not_applicable",
        "to-chuc": "unknown",
    }
    assert found["phu-tho"]["rules"] == {}  # Art. 7's rules are for a scheme (đề án)
    assert found["lang-son"]["rules"] == {"council_before_approval": None, "published": None}
    assert found["phu-tho"]["source"] == "http://example.org/phu-tho"


def test_check_matrix_marks_unknown_and_not_applicable(repo: Callable[..., Path]) -> None:
    root = str(
        repo(files(**{"data/requirements.yaml": REQUIREMENTS, "data/localities/phu-tho.yaml": PHU_THO}))
    )
    result = cli(root, "check", "--format", "md")
    assert "| Hà Nội | Chưa có thông tin | — | ? | ? | ? |" in result.stdout
    assert "| Phú Thọ | Đã phê duyệt | — |   |   | ? |" in result.stdout
    assert "? chưa có thông tin · (trống) không áp dụng cho loại kế hoạch này" in result.stdout
    table = squeezed(cli(root, "check", lang="en").stdout)
    assert "Hà Nội Unknown — ???" in table


@pytest.mark.parametrize(
    ("extra", "council", "published"),
    [
        ("  council_consulted_on: 2025-09-15\n", True, None),
        ("  council_consulted_on: 2025-10-02\n", False, None),
        ("  published: {provincial: https://a.example, national: https://b.example}\n", None, True),
        ("  published: {provincial: https://a.example}\n", None, None),  # the national one not recorded
    ],
)
def test_decree_269_article_7_rules(
    repo: Callable[..., Path], extra: str, council: bool | None, published: bool | None
) -> None:
    locality = 'name: Tỉnh Lạng Sơn\ncode: "20"\nkind: province\n' + PLAN.format(kind="de-an") + extra
    root = str(
        repo(files(**{"data/requirements.yaml": REQUIREMENTS, "data/localities/lang-son.yaml": locality}))
    )
    assert check_json(root, "lang-son")["lang-son"]["rules"] == {
        "council_before_approval": council,
        "published": published,
    }


def test_check_detail_prints_an_unknown_rule(repo: Callable[..., Path]) -> None:
    locality = 'name: Tỉnh Lạng Sơn\ncode: "20"\nkind: province\n' + PLAN.format(kind="de-an")
    root = str(
        repo(files(**{"data/requirements.yaml": REQUIREMENTS, "data/localities/lang-son.yaml": locality}))
    )
    lines = cli(root, "check", "lang-son").stdout.splitlines()
    assert (
        "- Hội đồng điều phối phát triển đô thị thông minh cấp tỉnh cho ý kiến trước khi phê duyệt: "
        "chưa có thông tin" in lines
    )
    english = cli(root, "check", "lang-son", lang="en").stdout.splitlines()
    assert english[1:3] == ["Plan status: Approved", "Kind of plan: Scheme"]
    assert (
        "- The approved scheme is published on the provincial portal and on the national smart-city portal: "
        "no information" in english
    )


# --- validation -------------------------------------------------------------------------------


def problems(root: str) -> list[tuple[str, int, int, str, str]]:
    result = cli(root, "validate", "--format", "json", lang="en")
    assert result.exit_code == 1
    return [(p["file"], p["line"], p["column"], p["code"], p["message"]) for p in result.json()["problems"]]


def test_done_by_with_done_on_is_an_error(repo: Callable[..., Path]) -> None:
    body = KNOWN.replace("    done_by: 2025-07-20\n", "    done_by: 2025-07-20\n    done_on: 2025-07-03\n")
    root = str(repo(files(**{"data/tasks/qd-100.yaml": body})))
    assert problems(root) == [
        ("data/tasks/qd-100.yaml", 20, 5, "done-by-with-done-on", "task d1: has both “done_by” and “done_on”")
    ]


def test_done_by_needs_status_done(repo: Callable[..., Path]) -> None:
    body = KNOWN.replace(
        "      cao-bang: {status: unknown}", "      cao-bang: {status: open, done_by: 16/7/2025}"
    )
    root = str(repo(files(**{"data/tasks/qd-100.yaml": body})))
    assert problems(root) == [
        (
            "data/tasks/qd-100.yaml",
            44,
            32,
            "done-by-not-done",
            "task e1: has “done_by” but its status is not “done”",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "column"),
    [
        ("    status: unknown\n", "    status: unknown\n    result: Báo cáo 1/BC\n", 14, 5),
        (
            "      cao-bang: {status: unknown}",
            "      cao-bang: {status: unknown, result: Kế hoạch 2/KH}",
            44,
            35,
        ),
    ],
    ids=["task", "response"],
)
def test_unknown_with_a_result_is_an_error(
    repo: Callable[..., Path], old: str, new: str, line: int, column: int
) -> None:
    root = str(repo(files(**{"data/tasks/qd-100.yaml": KNOWN.replace(old, new, 1)})))
    [(file, found_line, found_column, code, message)] = problems(root)
    assert (file, found_line, found_column, code) == (
        "data/tasks/qd-100.yaml",
        line,
        column,
        "unknown-with-result",
    )
    assert message.endswith("has status “unknown” (no information) and yet a “result”")


def test_vietnamese_messages(repo: Callable[..., Path]) -> None:
    body = KNOWN.replace("    done_by: 2025-07-20\n", "    done_by: 2025-07-20\n    done_on: 2025-07-03\n")
    root = str(repo(files(**{"data/tasks/qd-100.yaml": body})))
    result = cli(root, "validate")
    assert result.stdout.splitlines()[:4] == [
        "data/tasks/qd-100.yaml:20:5: error done-by-with-done-on nhiệm vụ d1: có cả “done_by” lẫn “done_on”",
        "   20 |     done_by: 2025-07-20",
        "      |     ^",
        "      = gợi ý: biết ngày hoàn thành thì chỉ giữ “done_on”; "
        "chỉ biết ngày muộn nhất thì chỉ giữ “done_by”",
    ]


@pytest.mark.parametrize(
    ("requirements", "line", "column", "code", "message"),
    [
        (
            "sections:\n  - id: a\n    title: A\n    applies_to: [de-an, du-an]\n",
            4,
            25,
            "invalid-choice",
            "requirement a: “applies_to” cannot be “du-an”",
        ),
        (
            "rules:\n  published: true\n  applies_to:\n    published: [scheme]\n",
            4,
            17,
            "invalid-choice",
            "“published” cannot be “scheme”",
        ),
        (
            "rules:\n  published: true\n  applies_to:\n    publish: [de-an]\n",
            4,
            5,
            "unknown-key",
            "unknown key “publish”",
        ),
    ],
    ids=["section-kind", "rule-kind", "rule-name"],
)
def test_applies_to_names_known_kinds_and_rules(
    repo: Callable[..., Path], requirements: str, line: int, column: int, code: str, message: str
) -> None:
    root = str(repo(files(**{"data/requirements.yaml": requirements})))
    assert problems(root) == [("data/requirements.yaml", line, column, code, message)]


def test_plan_kind_is_a_choice(repo: Callable[..., Path]) -> None:
    root = str(repo(files(**{"data/localities/phu-tho.yaml": PHU_THO.replace("ke-hoach", "chuong-trinh")})))
    assert problems(root) == [
        ("data/localities/phu-tho.yaml", 6, 9, "invalid-choice", "“kind” cannot be “chuong-trinh”")
    ]


def test_done_by_satisfies_done_without_date(root: str) -> None:
    assert cli(root, "validate").exit_code == 0


# --- hedged deadlines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "due", "before"),
    [
        ("dự kiến vào cuối năm 2024", date(2024, 12, 31), False),
        ("Dự kiến quý III/2025", date(2025, 9, 30), False),
        ("du kien truoc ngay 05 thang 6 nam 2025", date(2025, 6, 5), True),
        ("dự kiến trong tháng 7/2025", date(2025, 7, 31), False),
    ],
)
def test_hedged_deadlines_are_kept_and_read(written: str, due: date, before: bool) -> None:
    deadline = parse_deadline(written)
    assert (deadline.text, deadline.due, deadline.before, deadline.indicative) == (written, due, before, True)


def test_an_unhedged_deadline_is_not_indicative() -> None:
    assert parse_deadline("trước ngày 05 tháng 6 năm 2025").indicative is False


@pytest.mark.parametrize(
    "written", ["dự kiến", "dự kiến thường xuyên", "dự kiến vào 5 ngày", "dự kiến 31/2/2025"]
)
def test_a_hedge_needs_a_date(written: str) -> None:
    with pytest.raises(DateError):
        parse_deadline(written)


def test_reopen_forgets_done_by(repo: Callable[..., Path]) -> None:
    """A reopened task is no longer done, so the latest day it was done by goes with done_on's place."""
    root = str(repo(files()))
    result = cli(root, "reopen", "d1")
    assert (result.exit_code, result.stderr) == (0, "Đã ghi data/tasks/qd-100.yaml\n"), result.stdout
    text = (Path(root) / "data" / "tasks" / "qd-100.yaml").read_text(encoding="utf-8")
    assert "done_by: 2025-07-20" not in text
    assert states(root, date(2025, 9, 1))["d1"] is State.OVERDUE


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("vào năm 2025", date(2025, 12, 31)),
        ("vào cuối năm 2024", date(2024, 12, 31)),
        ("vào quý III/2025", date(2025, 9, 30)),
    ],
)
def test_vao_leads_in_a_deadline_as_letters_write_it(written: str, due: date) -> None:
    """5802/VPCP-CN: "lập báo cáo tổng kết Đề án vào năm 2025", transcribed as written."""
    deadline = parse_deadline(written)
    assert (deadline.text, deadline.due, deadline.indicative) == (written, due, False)


def test_a_directive_without_a_number_is_named_by_its_date(repo: Callable[..., Path]) -> None:
    """A conclusion known only from the news has no number: the appendix says so, never shows an id."""
    body = KNOWN.replace("  number: 100/QĐ-TTg\n", "")
    root = str(repo(files(**{"data/tasks/qd-100.yaml": body})))
    text = cli(root, "brief", "--as-of", AS_OF).stdout
    assert (
        "- Văn bản chưa rõ số, ngày 1/7/2025: Về đô thị thông minh — https://example.org/100-qd-ttg\n" in text
    )
    english = cli(root, "brief", "--as-of", AS_OF, lang="en").stdout
    assert (
        "- Document of unknown number, 1 July 2025: Về đô thị thông minh — https://example.org/100-qd-ttg\n"
        in (english)
    )


def test_a_plan_not_scored_says_so(repo: Callable[..., Path]) -> None:
    root = str(
        repo(files(**{"data/requirements.yaml": REQUIREMENTS, "data/localities/phu-tho.yaml": PHU_THO}))
    )
    assert cli(root, "check", "ha-noi").stdout.splitlines()[:2] == [
        "Kế hoạch của Thành phố Hà Nội: không chấm điểm",
        "Tình trạng kế hoạch: Chưa có thông tin",
    ]
    assert (
        cli(root, "check", "--format", "md", "phu-tho", lang="en").stdout.count(
            "## Plan of Tỉnh Phú Thọ: not scored\n"
        )
        == 1
    )
