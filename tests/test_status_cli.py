"""``dothi status`` through the CLI: the JSON/CSV contract (SPEC §5), filters, formats, errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CAO_BANG, HA_NOI, PROJECT_ROOT, Run, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "status"
GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2025-09-01"
HEADER = (
    "id,title,kind,directive,lead,deadline,due,state,due_soon,days_overdue,done_on,done_by,indicative,source"
)


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def root(repo: Callable[..., Path]) -> str:
    """The fixture repository: one item in every state as of 1/9/2025 (see tests/fixtures/status)."""
    files = {
        "data/tasks/qd-100.yaml": _fixture("qd-100.yaml"),
        "data/tasks/tb-200.yaml": _fixture("tb-200.yaml"),
        "data/localities/ha-noi.yaml": HA_NOI + _fixture("ha-noi-roadmap.yaml"),
        "data/localities/cao-bang.yaml": CAO_BANG + _fixture("cao-bang-roadmap.yaml"),
    }
    return str(repo(files))


def status(root: str, *args: str, lang: str | None = None, env: dict[str, str] | None = None) -> Run:
    before = ("--lang", lang) if lang else ()
    result = run_cli("--root", root, *before, "status", *args, env=env)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def status_json(root: str, *args: str) -> dict[str, Any]:
    result = status(root, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    document: dict[str, Any] = result.json()
    return document


def ids(document: dict[str, Any]) -> list[str]:
    return [item["id"] for item in document["items"]]


def item(
    ident: str,
    title: str,
    lead: str,
    deadline: str | None,
    due: str | None,
    state: str,
    *,
    kind: str = "task",
    directive: str | None = "qd-100",
    due_soon: bool = False,
    days_overdue: int | None = None,
    done_on: str | None = None,
    done_by: str | None = None,
    indicative: bool = False,
    source: str | None = None,
    original_due: str | None = None,
    extended: bool = False,
    carried_from: str | None = None,
) -> dict[str, Any]:
    return {
        "id": ident,
        "title": title,
        "kind": kind,
        "directive": directive,
        "lead": lead,
        "deadline": deadline,
        "due": due,
        "state": state,
        "due_soon": due_soon,
        "days_overdue": days_overdue,
        "done_on": done_on,
        "done_by": done_by,
        "indicative": indicative,
        "source": source,
        "original_due": original_due if extended else due,
        "extended": extended,
        "carried_from": carried_from,
    }


def counts(
    done_on_time: int = 0,
    done_late: int = 0,
    in_progress: int = 0,
    overdue: int = 0,
    ongoing: int = 0,
    cancelled: int = 0,
    done_undated: int = 0,
    no_deadline: int = 0,
    unknown: int = 0,
) -> dict[str, int]:
    return {
        "done_on_time": done_on_time,
        "done_late": done_late,
        "done_undated": done_undated,
        "in_progress": in_progress,
        "overdue": overdue,
        "ongoing": ongoing,
        "no_deadline": no_deadline,
        "cancelled": cancelled,
        "unknown": unknown,
    }


T7 = item(
    "t7",
    "Trình Nghị định về đô thị thông minh",
    "bxd",
    "trước ngày 15/8/2025",
    "2025-08-15",
    "overdue",
    days_overdue=17,
)
T1_CAO_BANG = item(
    "t1@cao-bang",
    "Gửi kế hoạch hành động",
    "cao-bang",
    "trước ngày 25/8/2025",
    "2025-08-25",
    "overdue",
    kind="assignment",
    days_overdue=7,
)
T9 = item("t9", "Tổng hợp ý kiến các bộ", "bxd", "5/9/2025", "2025-09-05", "in_progress", due_soon=True)
T2 = item(
    "t2",
    "Ban hành bộ chỉ số đô thị thông minh",
    "bkhcn",
    "10/9/2025",
    "2025-09-10",
    "in_progress",
    due_soon=True,
)

COUNTS = counts(done_on_time=3, done_late=1, in_progress=4, overdue=2, ongoing=1, cancelled=1)
RATES = {"due": 0.6667, "all": 0.3636}
BY_LEAD = [
    {
        "lead": "bxd",
        "counts": counts(done_on_time=1, in_progress=1, overdue=1, cancelled=1),
        "rates": {"due": 0.5, "all": 0.3333},
    },
    {"lead": "cao-bang", "counts": counts(done_on_time=1, overdue=1), "rates": {"due": 0.5, "all": 0.5}},
    {"lead": "bkhcn", "counts": counts(in_progress=2), "rates": {"due": None, "all": 0.0}},
    {
        "lead": "ha-noi",
        "counts": counts(done_on_time=1, done_late=1, in_progress=1),
        "rates": {"due": 1.0, "all": 0.6667},
    },
    {"lead": "vpcp", "counts": counts(ongoing=1), "rates": {"due": None, "all": 0.0}},
]
ALL_IDS = ["t7", "t1@cao-bang", "t9", "t2", "t8", "hn-2025", "t5", "t4", "cb-2025", "t3", "t1@ha-noi", "t6"]


def test_json_document(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.json() == {
        "as_of": "2025-09-01",
        "notice": None,
        "counts": COUNTS,
        "rates": RATES,
        "extended": 0,
        "items": [T7, T1_CAO_BANG, T9, T2],
        "by_lead": BY_LEAD,
    }


def test_json_all_items(root: str) -> None:
    document = status_json(root, "--as-of", AS_OF, "--all")
    assert ids(document) == ALL_IDS
    found = {entry["id"]: entry for entry in document["items"]}
    assert found["t8"] == item(
        "t8", "Đề xuất cơ chế thí điểm", "bkhcn", "31/10/2025", "2025-10-31", "in_progress"
    )
    assert found["hn-2025"] == item(
        "hn-2025",
        "Vận hành trung tâm điều hành đô thị thông minh",
        "ha-noi",
        None,
        "2025-12-31",
        "in_progress",
        kind="milestone",
        directive=None,
    )
    assert found["t5"] == item(
        "t5", "Theo dõi, đôn đốc các địa phương", "vpcp", "thường xuyên", None, "ongoing"
    )
    assert found["t4"] == item(
        "t4",
        "Trình kế hoạch thí điểm",
        "ha-noi",
        "tháng 7/2025",
        "2025-07-31",
        "done_late",
        done_on="2025-08-05",
    )
    assert found["cb-2025"] == item(
        "cb-2025",
        "Số hoá hồ sơ địa chính",
        "cao-bang",
        "30/6/2025",
        "2025-06-30",
        "done_on_time",
        kind="milestone",
        directive=None,
        done_on="2025-06-15",
    )
    assert found["t1@ha-noi"] == item(
        "t1@ha-noi",
        "Gửi kế hoạch hành động",
        "ha-noi",
        "trước ngày 25/8/2025",
        "2025-08-25",
        "done_on_time",
        kind="assignment",
        done_on="2025-08-20",
    )
    assert found["t6"] == item(
        "t6", "Xây dựng cổng thông tin riêng", "bxd", "quý III/2025", "2025-09-30", "cancelled"
    )
    assert (document["counts"], document["rates"], document["by_lead"]) == (COUNTS, RATES, BY_LEAD)


BY_LEAD_ORDER = """\
directive:
  number: 1/QĐ-TTg
  kind: quyet-dinh
  date: 2025-07-01
  issuer: vpcp
  subject: Thứ tự đơn vị
tasks:
  - {id: a, title: Gửi kế hoạch, each: ["@localities"], deadline: 30/9/2025}
  - {id: b, title: Báo cáo, lead: vpcp, deadline: 1/8/2025}
  - {id: c, title: Đề xuất, lead: bkhcn, deadline: 1/8/2025}
  - {id: d, title: Tổng hợp, lead: bkhcn, deadline: 2/8/2025}
"""


def test_by_lead_most_overdue_first_then_by_name(repo: Callable[..., Path]) -> None:
    files = {
        "data/tasks/qd-1.yaml": BY_LEAD_ORDER,
        "data/localities/cao-bang.yaml": CAO_BANG,
        "data/localities/ha-noi.yaml": HA_NOI,
    }
    document = status_json(str(repo(files)), "--as-of", AS_OF)
    # "Thành phố Hà Nội" comes before "Tỉnh Cao Bằng", though cao-bang comes before ha-noi.
    assert [(entry["lead"], entry["counts"]["overdue"]) for entry in document["by_lead"]] == [
        ("bkhcn", 2),
        ("vpcp", 1),
        ("ha-noi", 0),
        ("cao-bang", 0),
    ]
    assert document["by_lead"][0]["rates"] == {"due": 0.0, "all": 0.0}
    assert document["by_lead"][2]["rates"] == {"due": None, "all": 0.0}


@pytest.mark.parametrize(
    ("args", "listed"),
    [
        pytest.param(["--lead", "bxd"], ["t7", "t9"], id="lead"),
        pytest.param(["--lead", "bxd", "--lead", "cao-bang"], ["t7", "t1@cao-bang", "t9"], id="two-leads"),
        pytest.param(["--lead", "vpcp"], [], id="lead-with-nothing-to-act-on"),
        pytest.param(["--lead", "bxd", "--all"], ["t7", "t9", "t3", "t6"], id="lead-all"),
        pytest.param(["--state", "overdue"], ["t7", "t1@cao-bang"], id="state"),
        pytest.param(
            ["--state", "done_on_time", "--state", "cancelled"],
            ["cb-2025", "t3", "t1@ha-noi", "t6"],
            id="two-states",
        ),
        pytest.param(["--state", "ongoing"], ["t5"], id="state-ongoing"),
        pytest.param(["--locality", "cao-bang"], ["t1@cao-bang"], id="locality"),
        pytest.param(["--locality", "ha-noi", "--all"], ["hn-2025", "t4", "t1@ha-noi"], id="locality-all"),
        pytest.param(
            ["--directive", "qd-100", "--all"], [i for i in ALL_IDS if "-2025" not in i], id="directive"
        ),
        pytest.param(["--directive", "tb-200", "--all"], [], id="directive-not-assigned-yet"),
        pytest.param(["--lead", "bkhcn", "--state", "in_progress"], ["t2", "t8"], id="lead-and-state"),
        pytest.param(["--all"], ALL_IDS, id="all"),
    ],
)
def test_filters_keep_the_whole_counts(root: str, args: list[str], listed: list[str]) -> None:
    document = status_json(root, "--as-of", AS_OF, *args)
    assert ids(document) == listed
    assert (document["counts"], document["rates"], document["by_lead"]) == (COUNTS, RATES, BY_LEAD)


@pytest.mark.parametrize(
    ("soon", "due_soon"),
    [
        pytest.param("0", [], id="0"),
        pytest.param("3", [], id="3"),
        pytest.param("4", ["t9"], id="4-boundary"),
        pytest.param("14", ["t9", "t2"], id="default-14"),
        pytest.param("59", ["t9", "t2"], id="59"),
        pytest.param("60", ["t9", "t2", "t8"], id="60-boundary"),
    ],
)
def test_soon(root: str, soon: str, due_soon: list[str]) -> None:
    document = status_json(root, "--as-of", AS_OF, "--soon", soon)
    assert ids(document) == ["t7", "t1@cao-bang", *due_soon]
    everything = status_json(root, "--as-of", AS_OF, "--soon", soon, "--all")
    assert [entry["id"] for entry in everything["items"] if entry["due_soon"]] == due_soon
    assert document["counts"] == COUNTS


def test_default_soon_is_14(root: str) -> None:
    assert status_json(root, "--as-of", AS_OF) == status_json(root, "--as-of", AS_OF, "--soon", "14")


@pytest.mark.parametrize(
    "written", ["2025-09-01", "1/9/2025", "01/09/2025", "1-9-2025", "1.9.2025", "2025-9-1"]
)
def test_as_of_forms(root: str, written: str) -> None:
    assert status_json(root, "--as-of", written) == status_json(root, "--as-of", AS_OF)


def test_as_of_is_day_first(root: str) -> None:
    document = status_json(root, "--as-of", "5/6/2025", "--soon", "30", "--all")
    assert document["as_of"] == "2025-06-05"
    # qd-100 dates from 1/7/2025: only the two milestones exist, and cb-2025 is due in 25 days.
    assert document["counts"] == counts(in_progress=2)
    assert [(i["id"], i["state"], i["due_soon"]) for i in document["items"]] == [
        ("cb-2025", "in_progress", True),
        ("hn-2025", "in_progress", False),
    ]
    assert document["rates"] == {"due": None, "all": 0.0}


def test_as_of_before_a_later_directive(root: str) -> None:
    before = status_json(root, "--as-of", "2025-09-14", "--all")
    after = status_json(root, "--as-of", "2025-09-15", "--all")
    assert "t20" not in ids(before)
    assert [i for i in after["items"] if i["id"] == "t20"] == [
        item(
            "t20",
            "Chuẩn bị phiên họp thứ ba",
            "bxd",
            "30/9/2025",
            "2025-09-30",
            "in_progress",
            directive="tb-200",
        )
    ]
    assert sum(after["counts"].values()) == sum(before["counts"].values()) + 1


CSV_ALL = "\n".join(
    [
        HEADER,
        "t7,Trình Nghị định về đô thị thông minh,task,qd-100,bxd,"
        "trước ngày 15/8/2025,2025-08-15,overdue,false,17,,,false,",
        "t1@cao-bang,Gửi kế hoạch hành động,assignment,qd-100,cao-bang,"
        "trước ngày 25/8/2025,2025-08-25,overdue,false,7,,,false,",
        "t9,Tổng hợp ý kiến các bộ,task,qd-100,bxd,5/9/2025,2025-09-05,in_progress,true,,,,false,",
        "t2,Ban hành bộ chỉ số đô thị thông minh,task,qd-100,bkhcn,10/9/2025,2025-09-10,in_progress,true,"
        ",,,false,",
        "t8,Đề xuất cơ chế thí điểm,task,qd-100,bkhcn,31/10/2025,2025-10-31,in_progress,false,,,,false,",
        "hn-2025,Vận hành trung tâm điều hành đô thị thông minh,milestone,,ha-noi,,"
        "2025-12-31,in_progress,false,,,,false,",
        't5,"Theo dõi, đôn đốc các địa phương",task,qd-100,vpcp,thường xuyên,,ongoing,false,,,,false,',
        "t4,Trình kế hoạch thí điểm,task,qd-100,ha-noi,tháng 7/2025,2025-07-31,done_late,false,,"
        "2025-08-05,,false,",
        "cb-2025,Số hoá hồ sơ địa chính,milestone,,cao-bang,30/6/2025,2025-06-30,"
        "done_on_time,false,,2025-06-15,,false,",
        't3,"Báo cáo, tổng hợp ""Đề án 950""",task,qd-100,bxd,31/7/2025,2025-07-31,'
        "done_on_time,false,,2025-07-30,,false,",
        "t1@ha-noi,Gửi kế hoạch hành động,assignment,qd-100,ha-noi,"
        "trước ngày 25/8/2025,2025-08-25,done_on_time,false,,2025-08-20,,false,",
        "t6,Xây dựng cổng thông tin riêng,task,qd-100,bxd,quý III/2025,2025-09-30,cancelled,false,,,,false,",
        "",
    ]
)


def test_csv_all(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--format", "csv", "--all")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == CSV_ALL


def test_csv_default_listing(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0
    lines = CSV_ALL.splitlines()
    assert result.stdout.splitlines() == lines[:5]


def test_csv_with_nothing_listed_is_the_header(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--format", "csv", "--lead", "vpcp")
    assert (result.exit_code, result.stdout) == (0, HEADER + "\n")


MARKDOWN = "\n".join(
    [
        "# Tình hình thực hiện nhiệm vụ tính đến ngày 1/9/2025",
        "",
        "## Số lượng theo trạng thái",
        "",
        "| Trạng thái | Số lượng | Tỷ lệ |",
        "| --- | ---: | ---: |",
        "| Đã hoàn thành, đúng hạn | 3 | 25,00% |",
        "| Đã hoàn thành, quá hạn | 1 | 8,33% |",
        "| Đã hoàn thành, chưa rõ ngày | 0 | 0,00% |",
        "| Chưa hoàn thành, trong hạn | 4 | 33,33% |",
        "| Chưa hoàn thành, quá hạn | 2 | 16,67% |",
        "| Nhiệm vụ thường xuyên | 1 | 8,33% |",
        "| Chưa hoàn thành, chưa xác định thời hạn | 0 | 0,00% |",
        "| Đã dừng thực hiện | 1 | 8,33% |",
        "| Chưa có thông tin về kết quả | 0 | 0,00% |",
        "| Tổng số | 12 | 100,00% |",
        "",
        "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 66,67%; trên tổng số nhiệm vụ: 36,36%",
        "",
        "Chưa có thông tin về kết quả: 0 nhiệm vụ (không tính vào hai tỷ lệ trên)",
        "",
        "## Theo cơ quan chủ trì",
        "",
        "| Cơ quan chủ trì | Tổng số | Đã hoàn thành, đúng hạn | Đã hoàn thành, quá hạn"
        " | Đã hoàn thành, chưa rõ ngày | Chưa hoàn thành, trong hạn | Chưa hoàn thành, quá hạn"
        " | Tỷ lệ hoàn thành / nhiệm vụ đến hạn | Tỷ lệ hoàn thành / tổng số nhiệm vụ"
        " | Chưa có thông tin về kết quả |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| BXD | 4 | 1 | 0 | 0 | 1 | 1 | 50,00% | 33,33% | 0 |",
        "| Cao Bằng | 2 | 1 | 0 | 0 | 0 | 1 | 50,00% | 50,00% | 0 |",
        "| BKHCN | 2 | 0 | 0 | 0 | 2 | 0 | — | 0,00% | 0 |",
        "| Hà Nội | 3 | 1 | 1 | 0 | 1 | 0 | 100,00% | 66,67% | 0 |",
        "| VPCP | 1 | 0 | 0 | 0 | 0 | 0 | — | 0,00% | 0 |",
        "",
        "## Nhiệm vụ quá hạn (2)",
        "",
        "| Nhiệm vụ | Cơ quan chủ trì | Văn bản | Thời hạn | Cập nhật | Số ngày quá hạn |",
        "| --- | --- | --- | --- | --- | --- |",
        "| Trình Nghị định về đô thị thông minh<br>t7 | BXD | 100/QĐ-TTg"
        " | trước ngày 15/8/2025 | 10/7/2025 (chưa cập nhật) | 17 |",
        "| Gửi kế hoạch hành động<br>t1@cao-bang | Cao Bằng | 100/QĐ-TTg"
        " | trước ngày 25/8/2025 | chưa cập nhật | 7 |",
        "",
        "## Nhiệm vụ sắp đến hạn trong 14 ngày tới (2)",
        "",
        "| Nhiệm vụ | Cơ quan chủ trì | Văn bản | Thời hạn | Số ngày còn lại |",
        "| --- | --- | --- | --- | --- |",
        "| Tổng hợp ý kiến các bộ<br>t9 | BXD | 100/QĐ-TTg | 5/9/2025 | 4 |",
        "| Ban hành bộ chỉ số đô thị thông minh<br>t2 | BKHCN | 100/QĐ-TTg | 10/9/2025 | 9 |",
        "",
    ]
)


def test_markdown(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--format", "md")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == MARKDOWN


def test_markdown_with_nothing_to_list(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--format", "md", "--lead", "vpcp")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "## Nhiệm vụ quá hạn (0)\n\nKhông có.\n\n"
        "## Nhiệm vụ sắp đến hạn trong 14 ngày tới (0)\n\nKhông có.\n\n"
        "*Số liệu trên đã lọc: chỉ tính 1 nhiệm vụ khớp điều kiện lọc, trên tổng số 12 nhiệm vụ.*\n"
    )


def test_markdown_listing_with_all(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--format", "md", "--all", "--locality", "ha-noi")
    assert result.exit_code == 0
    assert result.stdout.split("## Danh sách nhiệm vụ (3)\n\n")[1] == (
        "| Nhiệm vụ | Cơ quan chủ trì | Văn bản | Thời hạn | Trạng thái | Ngày đến hạn |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Vận hành trung tâm điều hành đô thị thông minh<br>hn-2025 | Hà Nội | mốc lộ trình | 31/12/2025 "
        "| Chưa hoàn thành, trong hạn | 31/12/2025 |\n"
        "| Trình kế hoạch thí điểm<br>t4 | Hà Nội | 100/QĐ-TTg | tháng 7/2025 "
        "| Đã hoàn thành, quá hạn | 31/7/2025 |\n"
        "| Gửi kế hoạch hành động<br>t1@ha-noi | Hà Nội | 100/QĐ-TTg | trước ngày 25/8/2025 "
        "| Đã hoàn thành, đúng hạn | 25/8/2025 |\n"
        "\n*Số liệu trên đã lọc: chỉ tính 3 nhiệm vụ khớp điều kiện lọc, trên tổng số 12 nhiệm vụ.*\n"
    )


# --- the Rich table: golden files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("golden", "lang", "args"),
    [
        pytest.param("status_vi.txt", None, [], id="vi"),
        pytest.param("status_en.txt", "en", [], id="en"),
        pytest.param("status_all_vi.txt", None, ["--all", "--lead", "bxd", "--lead", "ha-noi"], id="all-vi"),
    ],
)
def test_table_golden(root: str, golden: str, lang: str | None, args: list[str]) -> None:
    result = status(root, "--as-of", AS_OF, *args, lang=lang)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "\x1b" not in result.stdout
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


def test_table_is_deterministic_and_plain(root: str) -> None:
    first = status(root, "--as-of", AS_OF)
    second = status(root, "--as-of", AS_OF, env={"COLUMNS": "100", "TERM": "xterm-256color"})
    assert first.stdout == second.stdout
    assert "\x1b" not in second.stdout
    assert max(len(line) for line in first.stdout.splitlines()) <= 100


def test_table_key_lines(root: str) -> None:
    result = status(root, "--as-of", AS_OF)
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert lines[0] == "Tình hình thực hiện nhiệm vụ tính đến ngày 1/9/2025"
    for expected in (
        "Đã hoàn thành, đúng hạn 3 25,00%",
        "Đã hoàn thành, quá hạn 1 8,33%",
        "Chưa hoàn thành, trong hạn 4 33,33%",
        "Chưa hoàn thành, quá hạn 2 16,67%",
        "Nhiệm vụ thường xuyên 1 8,33%",
        "Đã dừng thực hiện 1 8,33%",
        "Tổng số 12 100,00%",
        "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 66,67%; trên tổng số nhiệm vụ: 36,36%",
        "Chưa có thông tin về kết quả: 0 nhiệm vụ (không tính vào hai tỷ lệ trên)",
        "BKHCN 2 0 0 0 2 0 — 0,00% 0",
        "Nhiệm vụ quá hạn (2)",
        "t7 · BXD · 100/QĐ-TTg · trước ngày 15/8/2025 · 10/7/2025 (chưa cập nhật)",
        "t1@cao-bang · Cao Bằng · 100/QĐ-TTg · trước ngày 25/8/2025 · chưa cập nhật",
        "Nhiệm vụ sắp đến hạn trong 14 ngày tới (2)",
    ):
        assert expected in lines


def test_all_without_filters_is_not_called_filtered(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--all")
    assert result.exit_code == 0
    assert "đã lọc" not in result.stdout


def test_filtered_table_says_so(root: str) -> None:
    result = status(root, "--as-of", AS_OF, "--lead", "bxd")
    assert result.stdout.splitlines()[-1] == (
        "Số liệu trên đã lọc: chỉ tính 4 nhiệm vụ khớp điều kiện lọc, trên tổng số 12 nhiệm vụ."
    )
    assert "đã lọc" not in status(root, "--as-of", AS_OF).stdout


# --- numbers as each language writes them --------------------------------------------------


@pytest.fixture(scope="module")
def big_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    """1,234 tasks of Bộ Xây dựng: 1,217 done on time and 17 overdue as of 1/9/2025 (98.62%)."""
    from conftest import write_repo

    rows = []
    for index in range(1234):
        closed = ", status: done, done_on: 2025-07-15" if index < 1217 else ""
        rows.append(
            f"  - {{id: n{index:04d}, title: Việc {index}, lead: bxd, deadline: 2025-08-01{closed}}}\n"
        )
    header = (
        "directive:\n  number: 1/QĐ-TTg\n  kind: quyet-dinh\n  date: 2025-07-01\n  issuer: vpcp\n"
        "  subject: Nhiều nhiệm vụ\ntasks:\n"
    )
    root = write_repo(tmp_path_factory.mktemp("big"), {"data/tasks/nhieu.yaml": header + "".join(rows)})
    return str(root)


def test_big_json(big_root: str) -> None:
    document = status_json(big_root, "--as-of", AS_OF)
    assert document["counts"] == counts(done_on_time=1217, overdue=17)
    assert document["rates"] == {"due": 0.9862, "all": 0.9862}
    assert len(document["items"]) == 17


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param(
            None,
            [
                "| Đã hoàn thành, đúng hạn | 1.217 | 98,62% |",
                "| Chưa hoàn thành, quá hạn | 17 | 1,38% |",
                "| Tổng số | 1.234 | 100,00% |",
                "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 98,62%; trên tổng số nhiệm vụ: 98,62%",
                "| BXD | 1.234 | 1.217 | 0 | 0 | 0 | 17 | 98,62% | 98,62% | 0 |",
            ],
            id="vi",
        ),
        pytest.param(
            "en",
            [
                "| Done on time | 1,217 | 98.62% |",
                "| Overdue | 17 | 1.38% |",
                "| Total | 1,234 | 100.00% |",
                "Completion: 98.62% of the items already due; 98.62% of all items",
                "| BXD | 1,234 | 1,217 | 0 | 0 | 0 | 17 | 98.62% | 98.62% | 0 |",
            ],
            id="en",
        ),
    ],
)
def test_big_numbers_markdown(big_root: str, lang: str | None, expected: list[str]) -> None:
    result = status(big_root, "--as-of", AS_OF, "--format", "md", lang=lang)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for line in expected:
        assert line in lines


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        pytest.param(
            None,
            [
                "Đã hoàn thành, đúng hạn 1.217 98,62%",
                "Tổng số 1.234 100,00%",
                "Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 98,62%; trên tổng số nhiệm vụ: 98,62%",
                "BXD 1.234 1.217 0 0 0 17 98,62% 98,62% 0",
            ],
            id="vi",
        ),
        pytest.param(
            "en",
            [
                "Done on time 1,217 98.62%",
                "Total 1,234 100.00%",
                "Completion: 98.62% of the items already due; 98.62% of all items",
                "BXD 1,234 1,217 0 0 0 17 98.62% 98.62% 0",
            ],
            id="en",
        ),
    ],
)
def test_big_numbers_table(big_root: str, lang: str | None, expected: list[str]) -> None:
    result = status(big_root, "--as-of", AS_OF, lang=lang)
    assert result.exit_code == 0
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    for line in expected:
        assert line in lines


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--lead", "bxdd"],
            "Lỗi: Không có tổ chức hay địa phương nào mang mã “bxdd”. Có phải ý bạn là “bxd”?",
            id="unknown-lead",
        ),
        pytest.param(
            ["--locality", "bxd"],
            "Lỗi: Không có địa phương nào mang mã “bxd”.",
            id="locality-that-is-a-ministry",
        ),
        pytest.param(
            ["--locality", "ha-nol"],
            "Lỗi: Không có địa phương nào mang mã “ha-nol”. Có phải ý bạn là “ha-noi”?",
            id="unknown-locality",
        ),
        pytest.param(
            ["--directive", "qd-10"],
            "Lỗi: Không có văn bản nào mang mã “qd-10”. Có phải ý bạn là “qd-100”?",
            id="unknown-directive",
        ),
        pytest.param(
            ["--state", "late"],
            "Lỗi: Tùy chọn --state: “late” không hợp lệ; chọn một trong: "
            "done_on_time, done_late, done_undated, in_progress, overdue, ongoing, no_deadline, cancelled, "
            "unknown",
            id="bad-state",
        ),
        pytest.param(
            ["--format", "xml"],
            "Lỗi: Tùy chọn --format: “xml” không hợp lệ; "
            "chọn một trong: table, json, csv, csv-excel, md, xlsx",
            id="bad-format",
        ),
        pytest.param(
            ["--as-of", "31/2/2025"],
            "Lỗi: Tùy chọn --as-of: “31/2/2025” không phải là ngày có thật: tháng 2/2025 chỉ có 28 ngày",
            id="impossible-as-of",
        ),
        pytest.param(
            ["--as-of", "15/8"],
            "Lỗi: Tùy chọn --as-of: “15/8” thiếu năm; viết đủ ngày/tháng/năm, ví dụ 15/8/2025",
            id="as-of-without-year",
        ),
        pytest.param(
            ["--as-of", "hôm qua"],
            "Lỗi: Tùy chọn --as-of: “hôm qua” không phải là ngày; "
            "viết 15/8/2025 (ngày/tháng/năm) hoặc 2025-08-15",
            id="as-of-not-a-date",
        ),
        pytest.param(
            ["--soon", "-1"], "Lỗi: Tùy chọn --soon: “-1” phải là số nguyên không âm", id="negative-soon"
        ),
        pytest.param(
            ["--soon", "abc"], "Lỗi: Tùy chọn --soon: “abc” phải là số nguyên không âm", id="non-numeric-soon"
        ),
        pytest.param(
            ["--soon", "1.5"], "Lỗi: Tùy chọn --soon: “1.5” phải là số nguyên không âm", id="fractional-soon"
        ),
    ],
)
def test_usage_errors(root: str, args: list[str], message: str) -> None:
    result = status(root, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_usage_error_in_english(root: str) -> None:
    result = status(root, "--state", "late", lang="en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: Option --state: “late” is not valid; choose one of: "
        "done_on_time, done_late, done_undated, in_progress, overdue, ongoing, no_deadline, cancelled, "
        "unknown\n"
    )


def test_superscript_soon_is_a_usage_error(root: str) -> None:
    result = status(root, "--soon", "²")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Lỗi: Tùy chọn --soon: “²” phải là số nguyên không âm\n"


def test_year_zero_as_of_is_a_usage_error(root: str) -> None:
    result = status(root, "--as-of", "0000-01-01")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Lỗi: Tùy chọn --as-of: “0000-01-01”")


def test_no_repository(tmp_path: Path) -> None:
    result = status(str(tmp_path), "--as-of", AS_OF)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "data/members.yaml" in result.stderr


@pytest.mark.parametrize("output", ["table", "json", "csv", "md"])
def test_data_errors_exit_1(repo: Callable[..., Path], output: str) -> None:
    broken = _fixture("qd-100.yaml").replace("    deadline: 31/10/2025", "    deadlne: 31/10/2025")
    root = str(repo({"data/tasks/qd-100.yaml": broken, "data/localities/ha-noi.yaml": HA_NOI}))
    result = status(root, "--as-of", AS_OF, "--format", output)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "data/tasks/qd-100.yaml:63:5: error unknown-key nhiệm vụ t8: khóa “deadlne” không hợp lệ",
        "   63 |     deadlne: 31/10/2025",
        "      |     ^",
        "      = gợi ý: có phải ý bạn là “deadline”?",
        "Dữ liệu có lỗi nên không lập báo cáo; sửa các lỗi trên trước.",
    ]


# --- the project's own data -----------------------------------------------------------------


def project_items(as_of: str) -> dict[str, dict[str, Any]]:
    result = run_cli(
        "--no-cache", "--root", str(PROJECT_ROOT), "status", "--as-of", as_of, "--format", "json", "--all"
    )
    assert (result.exit_code, result.stderr) == (0, "")
    return {entry["id"]: entry for entry in result.json()["items"]}


def test_project_data_as_of_2025_08_01() -> None:
    result = run_cli(
        "--no-cache", "--root", str(PROJECT_ROOT), "status", "--as-of", "2025-08-01", "--format", "json"
    )
    assert result.exit_code == 0
    assert result.json()["as_of"] == "2025-08-01"
    found = project_items("2025-08-01")
    # submitted on a day not known, at the latest 14/10/2025: before then nobody can say (SPEC §10)
    assert (found["382-nghi-dinh"]["state"], found["382-nghi-dinh"]["done_on"]) == ("unknown", None)
    assert found["382-nghi-dinh"]["due"] == "2025-08-15"


def test_project_data_as_of_2025_11_01() -> None:
    found = project_items("2025-11-01")
    assert {key: found["382-nghi-dinh"][key] for key in ("state", "done_on", "done_by")} == {
        "state": "done_undated",
        "done_on": None,
        "done_by": "2025-10-14",
    }
    assert found["4720-de-xuat-to-cong-tac"]["state"] == "done_undated"


def test_project_data_before_the_first_meeting() -> None:
    before, on = project_items("2025-07-15"), project_items("2025-07-16")
    assert "382-nghi-dinh" not in before
    assert not [ident for ident, entry in before.items() if entry["directive"] == "382-tb-vpcp"]
    assert on["382-nghi-dinh"]["state"] == "unknown"
    assert before["4720-de-xuat-to-cong-tac"]["state"] == "done_undated"


# --- the table by lead: finished and unfinished items never read alike (issue 17) ---------------


def _by_lead(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    return lines[lines.index("Theo cơ quan chủ trì") : lines.index("Nhiệm vụ quá hạn (2)")]


def test_by_lead_groups_its_columns_under_the_state_labels(root: str) -> None:
    result = status(root, "--as-of", AS_OF)
    table = _by_lead(result.stdout)
    assert [line.rstrip() for line in table[:5]] == [
        "Theo cơ quan chủ trì",
        "                    ── Đã hoàn thành ───   ─ Chưa hoàn thành ─   ─ Tỷ lệ hoàn thành ─",
        "  Cơ quan    Tổng   Đúng   Quá   Chưa rõ                          Trên số        Trên   Chưa rõ",
        "  chủ trì      số    hạn   hạn      ngày   Trong hạn   Quá hạn    đến hạn     tổng số   kết quả",
        " " + "─" * 95,
    ]
    assert max(len(line) for line in table) <= 100
    # Each group's rule spans exactly the columns under it: from where the column after “Tổng số”
    # begins to where the group's last column ends.
    rule, headers = table[1], table[3]
    assert rule.index("─") == headers.index("số") + len("số") + 3
    assert rule.index("─ Chưa") + len("─ Chưa hoàn thành ─") == headers.index("Quá hạn") + len("Quá hạn")


def test_by_lead_on_an_80_column_terminal_comes_in_two_parts(root: str) -> None:
    """The counts, then the rates, each under its groups and led by the lead: nothing overflows."""
    result = status(root, "--as-of", AS_OF, env={"COLUMNS": "80"})
    table = [line.rstrip() for line in _by_lead(result.stdout)]
    assert max(len(line) for line in table) <= 80
    assert table[1] == "                    ── Đã hoàn thành ───   ─ Chưa hoàn thành ─"
    rates = table.index("             ─ Tỷ lệ hoàn thành ─")
    assert table[rates + 1].split() == ["Cơ", "quan", "Trên", "số", "Trên", "Chưa", "rõ"]
    leads = [line.split()[0] for line in table[5 : rates - 1]]
    assert leads == [line.split()[0] for line in table[rates + 4 :] if line]  # the same leads, in order


NARROWER = [
    (60, [["Đã hoàn thành"], ["Chưa hoàn thành", "Tỷ lệ hoàn thành"], []]),
    (40, [[], ["Đã hoàn thành"], ["Chưa hoàn thành"], ["Tỷ lệ hoàn thành"], []]),
]


@pytest.mark.parametrize(("columns", "groups"), NARROWER)
def test_by_lead_on_a_narrower_terminal_comes_in_more_parts(
    root: str, columns: int, groups: list[list[str]]
) -> None:
    """Each part led by the lead, a group's columns together, as many parts as the width needs:
    nothing overflows, and no column is dropped (at 60 columns one table of the full labels was
    90 wide; at 30 Rich left out most of its columns)."""
    result = status(root, "--as-of", AS_OF, env={"COLUMNS": str(columns)})
    table = [line.rstrip() for line in _by_lead(result.stdout)]
    assert max(len(line) for line in table) <= columns
    parts = [part for part in "\n".join(table[1:]).split("\n\n") if part]
    labels = [[label.strip("─ ") for label in part.splitlines()[0].split("   ")] for part in parts]
    assert [[label for label in found if label] for found in labels] == groups
    leads = [[line.split()[0] for line in part.splitlines()[4:]] for part in parts]
    assert all(found == leads[0] for found in leads) and len(leads[0]) == 5
    headers = " ".join(" ".join(part.splitlines()[1:3]) for part in parts).split()
    for word in ("Tổng", "Đúng", "Chưa", "rõ", "Trong", "Trên", "kết", "quả"):  # every column is there
        assert word in headers
