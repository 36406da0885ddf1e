"""``dothi show ID`` for every kind of id, and ``dothi members --as-of``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CAO_BANG, HA_NOI, MEMBERS, Run, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "status"
AS_OF = "2025-09-01"
RULE = re.compile(r"^[\s─━═]*$")


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def fixture_files() -> dict[str, str]:
    return {
        "data/tasks/qd-100.yaml": _fixture("qd-100.yaml"),
        "data/tasks/tb-200.yaml": _fixture("tb-200.yaml"),
        "data/localities/ha-noi.yaml": HA_NOI + _fixture("ha-noi-roadmap.yaml"),
        "data/localities/cao-bang.yaml": CAO_BANG + _fixture("cao-bang-roadmap.yaml"),
    }


@pytest.fixture
def root(repo: Callable[..., Path]) -> str:
    """The repository of tests/test_status_cli.py (tests/fixtures/status)."""
    return str(repo(fixture_files()))


def run(root: str, *args: str, lang: str | None = None) -> Run:
    before = ("--lang", lang) if lang else ()
    result = run_cli("--root", root, *before, *args)
    assert "Traceback" not in result.stdout + result.stderr
    assert "\x1b" not in result.stdout
    return result


def lines(output: str) -> list[str]:
    """The output's lines, cells joined by " | " instead of padding, table rules left out."""
    return [re.sub(r"\s{2,}", " | ", line.strip()) for line in output.splitlines() if not RULE.match(line)]


def show(root: str, ident: str, as_of: str = AS_OF, lang: str | None = None) -> list[str]:
    result = run(root, "show", ident, "--as-of", as_of, lang=lang)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return lines(result.stdout)


def test_lead_task(root: str) -> None:
    assert show(root, "t7") == [
        "Nhiệm vụ t7: Trình Nghị định về đô thị thông minh",
        "Tính đến ngày 1/9/2025",
        "Loại | nhiệm vụ",
        "Văn bản giao | 100/QĐ-TTg — Về triển khai đô thị thông minh",
        "Cơ quan chủ trì | Bộ Xây dựng",
        "Cơ quan phối hợp | Bộ Khoa học và Công nghệ",
        "Thời hạn | trước ngày 15/8/2025",
        "Ngày đến hạn | 15/8/2025",
        "Trạng thái | Chưa hoàn thành, quá hạn",
        "Số ngày quá hạn | 17",
        "Cập nhật tiến độ",
        "10/7/2025 | Đã lấy ý kiến các bộ (deputy)",
    ]


def test_done_task(root: str) -> None:
    assert show(root, "t3") == [
        'Nhiệm vụ t3: Báo cáo, tổng hợp "Đề án 950"',
        "Tính đến ngày 1/9/2025",
        "Loại | nhiệm vụ",
        "Văn bản giao | 100/QĐ-TTg — Về triển khai đô thị thông minh",
        "Cơ quan chủ trì | Bộ Xây dựng",
        "Thời hạn | 31/7/2025",
        "Ngày đến hạn | 31/7/2025",
        "Trạng thái | Đã hoàn thành, đúng hạn",
        "Ngày hoàn thành | 30/7/2025",
        "Kết quả | Báo cáo 12/BC-BXD",
    ]


def test_ongoing_task_has_no_due_day(root: str) -> None:
    assert show(root, "t5")[2:] == [
        "Loại | nhiệm vụ",
        "Văn bản giao | 100/QĐ-TTg — Về triển khai đô thị thông minh",
        "Cơ quan chủ trì | Văn phòng Chính phủ",
        "Thời hạn | thường xuyên",
        "Trạng thái | Nhiệm vụ thường xuyên",
    ]


def test_each_task_lists_its_assignments(root: str) -> None:
    assert show(root, "t1") == [
        "Nhiệm vụ t1: Gửi kế hoạch hành động",
        "Tính đến ngày 1/9/2025",
        "Loại | nhiệm vụ",
        "Văn bản giao | 100/QĐ-TTg — Về triển khai đô thị thông minh",
        "Bộ, cơ quan, địa phương được giao | Thành phố Hà Nội, Tỉnh Cao Bằng",
        "Thời hạn | trước ngày 25/8/2025",
        "Ngày đến hạn | 25/8/2025",
        "Nhiệm vụ (2)",
        "Nhiệm vụ | Bộ, cơ quan, địa phương được giao | Trạng thái",
        "Gửi kế hoạch hành động | Hà Nội | Đã hoàn thành, đúng hạn",
        "t1@ha-noi",
        "Gửi kế hoạch hành động | Cao Bằng | Chưa hoàn thành, quá hạn (7 ngày)",
        "t1@cao-bang",
    ]


def test_assignment(root: str) -> None:
    assert show(root, "t1@cao-bang") == [
        "Nhiệm vụ giao từng Bộ, cơ quan, địa phương t1@cao-bang: Gửi kế hoạch hành động",
        "Tính đến ngày 1/9/2025",
        "Loại | nhiệm vụ giao từng Bộ, cơ quan, địa phương",
        "Văn bản giao | 100/QĐ-TTg — Về triển khai đô thị thông minh",
        "Cơ quan chủ trì | Tỉnh Cao Bằng",
        "Thời hạn | trước ngày 25/8/2025",
        "Ngày đến hạn | 25/8/2025",
        "Trạng thái | Chưa hoàn thành, quá hạn",
        "Số ngày quá hạn | 7",
    ]


def test_done_assignment(root: str) -> None:
    assert show(root, "t1@ha-noi")[-3:] == [
        "Trạng thái | Đã hoàn thành, đúng hạn",
        "Ngày hoàn thành | 20/8/2025",
        "Kết quả | Kế hoạch 45/KH-UBND",
    ]


def test_milestone(root: str) -> None:
    assert show(root, "hn-2025") == [
        "Mốc lộ trình hn-2025: Vận hành trung tâm điều hành đô thị thông minh",
        "Tính đến ngày 1/9/2025",
        "Loại | mốc lộ trình",
        "Cơ quan chủ trì | Thành phố Hà Nội",
        "Ngày đến hạn | 31/12/2025",
        "Trạng thái | Chưa hoàn thành, trong hạn",
    ]


def test_milestone_exists_before_any_directive(root: str) -> None:
    assert show(root, "cb-2025", as_of="2020-01-01")[-1] == "Trạng thái | Chưa hoàn thành, trong hạn"


def test_directive(root: str) -> None:
    shown = show(root, "qd-100")
    assert shown[:9] == [
        "Văn bản qd-100: Về triển khai đô thị thông minh",
        "Tính đến ngày 1/9/2025",
        "Số ký hiệu | 100/QĐ-TTg",
        "Loại | Quyết định",
        "Ngày ban hành | 1/7/2025",
        "Cơ quan ban hành | Văn phòng Chính phủ",
        "Người ký | Nguyễn Văn A",
        "Nhiệm vụ (10)",
        "Nhiệm vụ | Cơ quan chủ trì | Trạng thái",
    ]
    assert shown[9::2] == [
        "Gửi kế hoạch hành động | Hà Nội | Đã hoàn thành, đúng hạn",
        "Gửi kế hoạch hành động | Cao Bằng | Chưa hoàn thành, quá hạn (7 ngày)",
        "Ban hành bộ chỉ số đô thị thông minh | BKHCN | Chưa hoàn thành, trong hạn",
        'Báo cáo, tổng hợp "Đề án 950" | BXD | Đã hoàn thành, đúng hạn',
        "Trình kế hoạch thí điểm | Hà Nội | Đã hoàn thành, quá hạn",
        "Theo dõi, đôn đốc các địa phương | VPCP | Nhiệm vụ thường xuyên",
        "Xây dựng cổng thông tin riêng | BXD | Đã dừng thực hiện",
        "Trình Nghị định về đô thị thông minh | BXD | Chưa hoàn thành, quá hạn (17 ngày)",
        "Đề xuất cơ chế thí điểm | BKHCN | Chưa hoàn thành, trong hạn",
        "Tổng hợp ý kiến các bộ | BXD | Chưa hoàn thành, trong hạn",
    ]
    assert shown[10::2] == ["t1@ha-noi", "t1@cao-bang", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"]


def test_directive_assigned_later(root: str) -> None:
    assert show(root, "tb-200") == [
        "Văn bản tb-200: Kết luận phiên họp thứ hai",
        "Tính đến ngày 1/9/2025",
        "Số ký hiệu | 200/TB-VPCP",
        "Loại | Thông báo",
        "Ngày ban hành | 20/9/2025",
        "Ngày giao | 15/9/2025",
        "Cơ quan ban hành | Văn phòng Chính phủ",
    ]


def test_locality(root: str) -> None:
    assert show(root, "ha-noi") == [
        "Địa phương ha-noi: Thành phố Hà Nội",
        "Tính đến ngày 1/9/2025",
        "Mã hành chính | 01",
        "Loại | Thành phố trực thuộc Trung ương",
        "Tình trạng kế hoạch | Chưa có thông tin",
        "Nhiệm vụ (3)",
        "Nhiệm vụ | Cơ quan chủ trì | Trạng thái",
        "Gửi kế hoạch hành động | Hà Nội | Đã hoàn thành, đúng hạn",
        "t1@ha-noi",
        "Trình kế hoạch thí điểm | Hà Nội | Đã hoàn thành, quá hạn",
        "t4",
        "Vận hành trung tâm điều hành đô thị thông minh | Hà Nội | Chưa hoàn thành, trong hạn",
        "hn-2025",
    ]


def test_organization(root: str) -> None:
    assert show(root, "bkhcn") == [
        "Cơ quan, tổ chức bkhcn: Bộ Khoa học và Công nghệ",
        "Tính đến ngày 1/9/2025",
        "Tên viết tắt | BKHCN",
        "Loại | Bộ",
        "Nhiệm vụ (3)",
        "Nhiệm vụ | Cơ quan chủ trì | Trạng thái",
        "Ban hành bộ chỉ số đô thị thông minh | BKHCN | Chưa hoàn thành, trong hạn",
        "t2",
        "Trình Nghị định về đô thị thông minh | BXD | Chưa hoàn thành, quá hạn (17 ngày)",
        "t7",
        "Đề xuất cơ chế thí điểm | BKHCN | Chưa hoàn thành, trong hạn",
        "t8",
    ]


def test_member(root: str) -> None:
    assert show(root, "deputy") == [
        "Thành viên deputy: Trần Văn B",
        "Tính đến ngày 1/9/2025",
        "Chức vụ | Bộ trưởng",
        "Vai trò | Tổ phó",
        "Cơ quan | Bộ Xây dựng",
        "Từ ngày | 30/6/2025",
    ]


def test_show_in_english(root: str) -> None:
    assert show(root, "t7", lang="en") == [
        "Task t7: Trình Nghị định về đô thị thông minh",
        "As of 2025-09-01",
        "Kind | task",
        "Directive | 100/QĐ-TTg — Về triển khai đô thị thông minh",
        "Lead | Bộ Xây dựng",
        "Support | Bộ Khoa học và Công nghệ",
        "Deadline | trước ngày 15/8/2025",
        "Due | 2025-08-15",
        "State | Overdue",
        "Days overdue | 17",
        "Updates",
        "2025-07-10 | Đã lấy ý kiến các bộ (deputy)",
    ]


@pytest.mark.parametrize(
    ("ident", "as_of", "tail"),
    [
        pytest.param("t7", "2025-07-05", ["Trạng thái | Chưa hoàn thành, trong hạn"], id="before-the-update"),
        pytest.param(
            "t7",
            "2025-08-15",
            [
                "Trạng thái | Chưa hoàn thành, trong hạn",
                "Cập nhật tiến độ",
                "10/7/2025 | Đã lấy ý kiến các bộ (deputy)",
            ],
            id="due-day",
        ),
        pytest.param(
            "t7",
            "2025-08-16",
            [
                "Trạng thái | Chưa hoàn thành, quá hạn",
                "Số ngày quá hạn | 1",
                "Cập nhật tiến độ",
                "10/7/2025 | Đã lấy ý kiến các bộ (deputy)",
            ],
            id="day-after",
        ),
        pytest.param(
            "t4",
            "2025-08-04",
            ["Trạng thái | Chưa hoàn thành, quá hạn", "Số ngày quá hạn | 4"],
            id="before-done",
        ),
        pytest.param(
            "t4",
            "2025-08-05",
            ["Trạng thái | Đã hoàn thành, quá hạn", "Ngày hoàn thành | 5/8/2025"],
            id="done-day",
        ),
        pytest.param("t6", "2025-08-19", ["Trạng thái | Chưa hoàn thành, trong hạn"], id="not-cancelled-yet"),
        pytest.param(
            "t6",
            "2025-08-20",
            [
                "Trạng thái | Đã dừng thực hiện",
                "Lý do dừng thực hiện | Gộp vào nhiệm vụ t7",
                "Ngày dừng thực hiện | 20/8/2025",
            ],
            id="cancelled",
        ),
        pytest.param(
            "t1@ha-noi", "2025-08-19", ["Trạng thái | Chưa hoàn thành, trong hạn"], id="response-later"
        ),
    ],
)
def test_as_of_changes_the_state(root: str, ident: str, as_of: str, tail: list[str]) -> None:
    shown = show(root, ident, as_of=as_of)
    assert shown[1] == f"Tính đến ngày {as_of[8:].lstrip('0')}/{as_of[5:7].lstrip('0')}/{as_of[:4]}"
    assert shown[-len(tail) :] == tail
    assert shown[-len(tail) - 1].startswith("Ngày đến hạn | ")


def test_as_of_changes_the_items_of_an_each_task(root: str) -> None:
    assert show(root, "t1", as_of="2025-08-19")[-4:] == [
        "Gửi kế hoạch hành động | Hà Nội | Chưa hoàn thành, trong hạn",
        "t1@ha-noi",
        "Gửi kế hoạch hành động | Cao Bằng | Chưa hoàn thành, trong hạn",
        "t1@cao-bang",
    ]


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        pytest.param(
            "t77",
            "Lỗi: Không có nhiệm vụ, văn bản, thành viên, tổ chức hay địa phương nào mang mã “t77”. "
            "Có phải ý bạn là “t7”?",
            id="near-task",
        ),
        pytest.param(
            "ha-nio",
            "Lỗi: Không có nhiệm vụ, văn bản, thành viên, tổ chức hay địa phương nào mang mã “ha-nio”. "
            "Có phải ý bạn là “ha-noi”?",
            id="near-locality",
        ),
        pytest.param(
            "deputi",
            "Lỗi: Không có nhiệm vụ, văn bản, thành viên, tổ chức hay địa phương nào mang mã “deputi”. "
            "Có phải ý bạn là “deputy”?",
            id="near-member",
        ),
        pytest.param(
            "khong-co-gi-ca",
            "Lỗi: Không có nhiệm vụ, văn bản, thành viên, tổ chức hay địa phương nào mang mã "
            "“khong-co-gi-ca”.",
            id="far-from-everything",
        ),
    ],
)
def test_unknown_id(root: str, ident: str, message: str) -> None:
    result = run(root, "show", ident, "--as-of", AS_OF)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_unknown_id_in_english(root: str) -> None:
    result = run(root, "show", "t77", lang="en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: There is no task, directive, member, organization or locality with id “t77”. "
        "Did you mean “t7”?\n"
    )


def test_show_bad_as_of(root: str) -> None:
    result = run(root, "show", "t7", "--as-of", "31/2/2025")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Lỗi: Tùy chọn --as-of: “31/2/2025” không phải là ngày có thật: tháng 2/2025 chỉ có 28 ngày\n"
    )


def test_task_not_assigned_yet_is_not_an_unknown_id(root: str) -> None:
    result = run(root, "show", "t20", "--as-of", AS_OF)
    assert "Có phải ý bạn là “t20”" not in result.stderr
    assert "Không có nhiệm vụ" not in result.stderr


def test_cancelled_task_shows_why(root: str) -> None:
    shown = show(root, "t6")
    assert shown[-2:] == ["Lý do dừng thực hiện | Gộp vào nhiệm vụ t7", "Ngày dừng thực hiện | 20/8/2025"]


def test_task_shows_its_detail(repo: Callable[..., Path]) -> None:
    files = fixture_files()
    files["data/tasks/qd-100.yaml"] = files["data/tasks/qd-100.yaml"].replace(
        "    lead: bkhcn\n    deadline: 31/10/2025\n",
        "    detail: Bộ Khoa học và Công nghệ đề xuất cơ chế thí điểm trước ngày 31/10/2025.\n"
        "    lead: bkhcn\n    deadline: 31/10/2025\n",
    )
    shown = show(str(repo(files)), "t8")
    assert any("đề xuất cơ chế thí điểm trước ngày 31/10/2025" in line for line in shown)


FUNDING = """\
funding:
  - source: Ngân sách thành phố
    amount: 100
    unit: tỷ đồng
  - source: Xã hội hóa
    amount: 500
    unit: triệu đồng
"""


def test_locality_funding_in_one_unit(repo: Callable[..., Path]) -> None:
    files = fixture_files()
    files["data/localities/ha-noi.yaml"] = (
        HA_NOI + "funding:\n  - {source: Ngân sách, amount: 1234, unit: tỷ đồng}\n"
    )
    assert "Tổng kinh phí (tỷ đồng) | 1.234" in show(str(repo(files)), "ha-noi")


def test_locality_funding_total_converts_units(repo: Callable[..., Path]) -> None:
    files = fixture_files()
    files["data/localities/ha-noi.yaml"] = HA_NOI + FUNDING
    assert "Tổng kinh phí (tỷ đồng) | 100,5" in show(str(repo(files)), "ha-noi")


def test_locality_fractional_funding_in_vietnamese(repo: Callable[..., Path]) -> None:
    files = fixture_files()
    files["data/localities/ha-noi.yaml"] = HA_NOI + "funding:\n  - {source: Ngân sách, amount: 2.5}\n"
    assert "Tổng kinh phí (tỷ đồng) | 2,5" in show(str(repo(files)), "ha-noi")


# --- members --------------------------------------------------------------------------------

SUCCESSION = """\
  - id: bkhcn-old
    name: Lê Văn C
    title: Thứ trưởng
    role: member
    org: bkhcn
    since: 2025-06-30
    until: 2025-08-15
  - id: bkhcn-new
    name: Phạm Thị D
    title: Thứ trưởng
    role: member
    org: bkhcn
    since: 15/8/2025
"""


@pytest.fixture
def roster_root(repo: Callable[..., Path]) -> str:
    return str(repo({"data/members.yaml": MEMBERS + SUCCESSION}))


def members(root: str, as_of: str, lang: str | None = None) -> list[str]:
    result = run(root, "members", "--as-of", as_of, lang=lang)
    assert (result.exit_code, result.stderr) == (0, "")
    return lines(result.stdout)


HEAD = [
    "Tổ trưởng (1 thành viên)",
    "Họ và tên | Chức vụ | Cơ quan",
    "Nguyễn Văn A | Phó Thủ tướng | Văn phòng Chính phủ",
    "Tổ phó (1 thành viên)",
    "Họ và tên | Chức vụ | Cơ quan",
    "Trần Văn B | Bộ trưởng | Bộ Xây dựng",
    "Thành viên (1 thành viên)",
    "Họ và tên | Chức vụ | Cơ quan",
]


@pytest.mark.parametrize(
    ("as_of", "day", "present"),
    [
        pytest.param("2025-08-14", "14/8/2025", "Lê Văn C", id="day-before-succession"),
        pytest.param("15/8/2025", "15/8/2025", "Phạm Thị D", id="succession-day"),
    ],
)
def test_members_as_of(roster_root: str, as_of: str, day: str, present: str) -> None:
    assert members(roster_root, as_of) == [
        f"Danh sách thành viên Tổ công tác liên ngành tính đến ngày {day}",
        *HEAD,
        f"{present} | Thứ trưởng | Bộ Khoa học và Công nghệ",
    ]


def test_members_before_the_group(roster_root: str) -> None:
    assert members(roster_root, "2025-06-29") == [
        "Danh sách thành viên Tổ công tác liên ngành tính đến ngày 29/6/2025"
    ]


def test_members_in_english(roster_root: str) -> None:
    shown = members(roster_root, "2025-08-15", lang="en")
    assert shown[0] == "Members of the Tổ công tác liên ngành as of 2025-08-15"
    assert shown[-2:] == ["Name | Title | Organization", "Phạm Thị D | Thứ trưởng | Bộ Khoa học và Công nghệ"]


def test_members_english_singular(roster_root: str) -> None:
    assert "Leader (1 member)" in members(roster_root, "2025-08-15", lang="en")


def test_members_bad_as_of(roster_root: str) -> None:
    result = run(roster_root, "members", "--as-of", "2025-13-01")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Lỗi: Tùy chọn --as-of: “2025-13-01”: không có tháng 13\n"
