"""``dothi check``: section matching, thin/ok, the score, the rules, the CLI and its JSON (SPEC §2, §5).

The CLI fixture (tests/fixtures/check) has four localities whose matrix order (score, then code:
cao-bang, bac-ninh, tuyen-quang, ha-noi) differs from their JSON order (id):

| id          | code | plan      | score | why                                                      |
|-------------|------|-----------|-------|----------------------------------------------------------|
| cao-bang    | 04   | none      | 0     | no plan at all                                           |
| bac-ninh    | 24   | none      | 0     | ``status: none``: its sections are ignored               |
| tuyen-quang | 08   | draft     | 50    | 2 of 4 required sections; every rule fails               |
| ha-noi      | 01   | submitted | 88    | 3 ok + 1 thin of 4 = 87.5, half up; every rule passes    |
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import CAO_BANG, HA_NOI, PROJECT_ROOT, Run, run_cli
from dothi.data.models import LocalityFile, PlanSection, Requirement, RequirementsFile
from dothi.data.repository import load_repository
from dothi.reports.check import (
    PlanCheck,
    RuleResult,
    SectionResult,
    SectionState,
    check_rules,
    match_sections,
    normalize_heading,
)

FIXTURES = Path(__file__).parent / "fixtures" / "check"
GOLDEN = Path(__file__).parent / "golden"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- normalize_heading ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "normal"),
    [
        ("I. MỤC TIÊU", "muc tieu"),
        ("Mục tiêu", "muc tieu"),
        ("mục tiêu", "muc tieu"),
        ("1. Sự cần thiết", "su can thiet"),
        ("1.2. Đánh giá hiện trạng", "danh gia hien trang"),
        ("1.2.3. Đánh giá hiện trạng", "danh gia hien trang"),
        ("a) Kinh phí thực hiện", "kinh phi thuc hien"),
        ("đ) Kinh phí thực hiện", "kinh phi thuc hien"),
        ("- Tổ chức thực hiện", "to chuc thuc hien"),
        ("– Tổ chức thực hiện", "to chuc thuc hien"),
        ("• Hạ tầng số", "ha tang so"),
        ("IV/ Lộ trình", "lo trinh"),
        ("II.3) Mục tiêu", "muc tieu"),
        ("V.1.2) Mục tiêu", "muc tieu"),
        ("A.1. Mục tiêu", "muc tieu"),
        ("1) 2. Mục tiêu", "muc tieu"),
        ("  I .  Mục   tiêu  ", "muc tieu"),
        (nfd("Đánh giá hiện trạng"), "danh gia hien trang"),
        (nfd("ĐÁNH GIÁ HIỆN TRẠNG"), "danh gia hien trang"),
        ("ĐỊNH HƯỚNG ĐẦU TƯ", "dinh huong dau tu"),
        ("đường đô thị", "duong do thi"),
        ("Quan điểm, mục tiêu; chỉ tiêu!", "quan diem muc tieu chi tieu"),
        ("Trung tâm giám sát, điều hành (IOC)", "trung tam giam sat dieu hanh ioc"),
        ("IOC", "ioc"),
        ("Mục tiêu 2026-2030", "muc tieu 2026 2030"),
        ("", ""),
    ],
)
def test_normalize_heading(heading: str, normal: str) -> None:
    assert normalize_heading(heading) == normal


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("I. MỤC TIÊU", "Mục tiêu"),
        (nfd("1.2. Đánh giá hiện trạng"), "Đánh giá hiện trạng"),
        ("Đ", "d"),
        ("đ", "D"),
        ("a) KINH PHI THUC HIEN", "Kinh phí thực hiện"),
        ("II.3) Quan điểm – mục tiêu.", "Quan điểm, mục tiêu"),
    ],
)
def test_normalize_heading_equal_forms(left: str, right: str) -> None:
    assert normalize_heading(left) == normalize_heading(right)


@pytest.mark.parametrize(
    ("heading", "normal"),
    [("1.2 Đánh giá hiện trạng", "danh gia hien trang"), ("I.1 Mục tiêu", "muc tieu")],
)
def test_normalize_heading_numbering_without_final_dot(heading: str, normal: str) -> None:
    assert normalize_heading(heading) == normal


# --- match_sections --------------------------------------------------------------------------------


def req(
    ident: str, title: str, *aliases: str, required: bool = True, min_words: int | None = None
) -> Requirement:
    return Requirement(id=ident, title=title, aliases=list(aliases), required=required, min_words=min_words)


def sec(title: str, text: str = "") -> PlanSection:
    return PlanSection(title=title, text=text)


Met = tuple[str, str, str | None, int]
Extra = tuple[str, str | None, bool]


def match(
    sections: Sequence[PlanSection], requirements: Sequence[Requirement]
) -> tuple[list[Met], list[Extra]]:
    """Per requirement (id, state, section title, words); per extra (title, suggestion, duplicate)."""
    results, extras = match_sections(list(sections), list(requirements))
    met = [
        (r.requirement.id, r.state.value, r.section.title if r.section else None, r.words) for r in results
    ]
    extra = [(e.section.title, e.suggestion.id if e.suggestion else None, e.duplicate) for e in extras]
    return met, extra


GOALS = req("muc-tieu", "Quan điểm, mục tiêu", "Mục tiêu", "Mục tiêu, chỉ tiêu")
FUNDS = req("kinh-phi", "Nguồn lực, kinh phí", "Kinh phí thực hiện")
STATE = req("hien-trang", "Đánh giá hiện trạng")


def test_match_by_title_alias_numbering_capitals_and_nfd() -> None:
    sections = [
        sec("II. KINH PHÍ THỰC HIỆN", "a b"),
        sec(nfd("1.2. Đánh giá hiện trạng"), "a b c"),
        sec("a) Muc tieu, chi tieu", "a"),
    ]
    assert match(sections, [GOALS, FUNDS, STATE]) == (
        [
            ("muc-tieu", "ok", "a) Muc tieu, chi tieu", 1),
            ("kinh-phi", "ok", "II. KINH PHÍ THỰC HIỆN", 2),
            ("hien-trang", "ok", nfd("1.2. Đánh giá hiện trạng"), 3),
        ],
        [],
    )


def test_first_section_wins_and_a_repeat_is_a_duplicate_extra() -> None:
    sections = [sec("Mục tiêu", "một"), sec("2. Quan điểm, mục tiêu", "hai ba"), sec("- MỤC TIÊU", "bốn")]
    assert match(sections, [GOALS]) == (
        [("muc-tieu", "ok", "Mục tiêu", 1)],
        [("2. Quan điểm, mục tiêu", "muc-tieu", True), ("- MỤC TIÊU", "muc-tieu", True)],
    )


def test_a_section_meets_at_most_one_requirement() -> None:
    """Two requirements answering to the same heading: one section meets one of them, not both."""
    first = req("a", "Mục tiêu")
    second = req("b", "Quan điểm", "Mục tiêu")
    met, extras = match([sec("Mục tiêu", "x")], [first, second])
    assert sorted(state for _, state, _, _ in met) == ["missing", "ok"]
    assert extras == []


def test_near_miss_suggests_the_requirement() -> None:
    sections = [sec("Kinh phi thu hien", "a b c")]
    assert match(sections, [GOALS, FUNDS]) == (
        [("muc-tieu", "missing", None, 0), ("kinh-phi", "missing", None, 0)],
        [("Kinh phi thu hien", "kinh-phi", False)],
    )


def test_near_miss_of_a_met_requirement_is_not_a_duplicate() -> None:
    sections = [sec("Mục tiêu", "x"), sec("Mục tieeu", "y")]
    assert match(sections, [GOALS]) == (
        [("muc-tieu", "ok", "Mục tiêu", 1)],
        [("Mục tieeu", "muc-tieu", False)],
    )


def test_far_title_suggests_nothing_and_extras_keep_plan_order() -> None:
    sections = [sec("Lời mở đầu"), sec("Mục tiêu"), sec("Phụ lục ảnh chụp hiện trường")]
    assert match(sections, [GOALS, FUNDS]) == (
        [("muc-tieu", "ok", "Mục tiêu", 0), ("kinh-phi", "missing", None, 0)],
        [("Lời mở đầu", None, False), ("Phụ lục ảnh chụp hiện trường", None, False)],
    )


def test_issue_examples_against_the_project_requirements() -> None:
    """'Kinh phi thuc hien' (no diacritics) is an alias of ben-vung-tai-chinh (Decree 269 Art. 6.2(e));
    a longer variant is a near miss."""
    loaded = load_repository(PROJECT_ROOT).repository
    assert loaded is not None
    requirements = loaded.requirements.sections
    met, extras = match([sec("Kinh phi thuc hien", "x")], requirements)
    assert [entry for entry in met if entry[2] is not None] == [
        ("ben-vung-tai-chinh", "thin", "Kinh phi thuc hien", 1)
    ]
    assert extras == []
    met, extras = match([sec("Kinh phí thực hiện dự kiến", "x")], requirements)
    assert [entry for entry in met if entry[2] is not None] == []
    assert extras == [("Kinh phí thực hiện dự kiến", "ben-vung-tai-chinh", False)]


@pytest.mark.parametrize(
    ("text", "state", "words"),
    [
        ("", "thin", 0),
        ("một hai", "thin", 2),  # min_words - 1
        ("một hai ba", "ok", 3),  # exactly min_words
        ("một\nhai\tba  ", "ok", 3),  # whitespace-separated
        ("một hai ba bốn", "ok", 4),
    ],
)
def test_thin_below_min_words_ok_from_min_words(text: str, state: str, words: int) -> None:
    assert match([sec("Mục tiêu", text)], [req("muc-tieu", "Mục tiêu", min_words=3)]) == (
        [("muc-tieu", state, "Mục tiêu", words)],
        [],
    )


@pytest.mark.parametrize("min_words", [None, 0])
def test_never_thin_without_min_words(min_words: int | None) -> None:
    assert match([sec("Mục tiêu", "")], [req("muc-tieu", "Mục tiêu", min_words=min_words)]) == (
        [("muc-tieu", "ok", "Mục tiêu", 0)],
        [],
    )


def test_no_sections_every_requirement_missing() -> None:
    assert match([], [GOALS, req("phu-luc", "Phụ lục", required=False)]) == (
        [("muc-tieu", "missing", None, 0), ("phu-luc", "missing", None, 0)],
        [],
    )


# --- the score --------------------------------------------------------------------------------------


def plan_check(required: Sequence[str], optional: Sequence[str] = ()) -> PlanCheck:
    """A check whose required (then optional) requirements are in the given states."""
    results = [
        SectionResult(req(f"r{index}", f"R{index}", required=True), SectionState(state), None, 0)
        for index, state in enumerate(required)
    ] + [
        SectionResult(req(f"o{index}", f"O{index}", required=False), SectionState(state), None, 0)
        for index, state in enumerate(optional)
    ]
    return PlanCheck(locality=None, plan_status="draft", sections=tuple(results), extras=(), rules=())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("required", "score"),
    [
        (["ok", "thin", "missing"], 50),
        (["ok", "missing", "missing"], 33),
        (["ok", "ok", "missing"], 67),
        (["thin", "missing", "missing"], 17),  # 16.67
        (["ok", "ok", "thin"], 83),  # 83.33
        (["thin", "missing", "missing", "missing"], 13),  # 12.5, half up (round() gives 12)
        (["ok", "ok", "ok", "thin"], 88),  # 87.5
        (["ok"] * 5 + ["missing"] * 3, 63),  # 62.5, half up (round() gives 62)
        (["thin"], 50),
        (["ok", "ok", "ok"], 100),
        (["missing", "missing"], 0),
        (["thin", "thin"], 50),
    ],
)
def test_score(required: list[str], score: int) -> None:
    assert plan_check(required).score == score


@pytest.mark.parametrize("optional", [["ok"], ["missing"], ["thin", "ok", "missing"]])
def test_optional_requirements_are_not_in_the_score_nor_missing(optional: list[str]) -> None:
    check = plan_check(["ok", "missing", "thin", "missing"], optional)
    assert check.score == 38  # 1.5 / 4 = 37.5, half up
    assert check.missing == ["r1", "r3"]


# --- the rules -------------------------------------------------------------------------------------


def locality(**fields: Any) -> LocalityFile:
    return LocalityFile.model_validate({"name": "Tỉnh Thử", "code": "99", "kind": "province", **fields})


def rules(**fields: Any) -> RequirementsFile:
    return RequirementsFile.model_validate({"sections": [], "rules": fields})


def milestones(*years: int, status: str = "open") -> list[dict[str, Any]]:
    return [{"id": f"m-{year}", "title": f"Mốc {year}", "year": year, "status": status} for year in years]


def plan(**fields: Any) -> dict[str, Any]:
    return {"title": "Kế hoạch", **fields}


def test_no_rules_no_results() -> None:
    assert check_rules(locality(), rules()) == []


@pytest.mark.parametrize(
    ("data", "passed", "lacking"),
    [
        ({"plan": plan(period="2026-2028"), "roadmap": milestones(2026, 2027, 2028)}, True, ()),
        ({"plan": plan(period="2026-2028"), "roadmap": milestones(2026, 2026, 2027, 2028, 2029)}, True, ()),
        ({"plan": plan(period="2026-2028"), "roadmap": milestones(2026, 2028)}, False, ("2027",)),
        ({"plan": plan(period="2026 - 2027"), "roadmap": milestones(2027)}, False, ("2026",)),
        (
            {"plan": plan(period="2026-2028"), "roadmap": milestones(2025, 2029)},
            False,
            ("2026", "2027", "2028"),
        ),
        ({}, False, ("2026", "2027", "2028", "2029", "2030")),  # no plan: the default period 2026-2030
        ({"roadmap": milestones(2026, 2027, 2028, 2029, 2030)}, True, ()),
    ],
)
def test_rule_roadmap_years(data: dict[str, Any], passed: bool, lacking: tuple[str, ...]) -> None:
    assert check_rules(locality(**data), rules(roadmap_years=True)) == [
        RuleResult("roadmap_years", passed, lacking)
    ]


@pytest.mark.parametrize(
    ("funding", "passed"),
    [
        ([], False),
        ([{"source": "Ngân sách", "amount": 0}], False),
        ([{"source": "Ngân sách", "amount": 0}, {"source": "ODA", "amount": 12.5}], True),
        ([{"source": "Xã hội hóa", "amount": 300, "unit": "triệu đồng"}], True),
    ],
)
def test_rule_funding(funding: list[dict[str, Any]], passed: bool) -> None:
    assert check_rules(locality(funding=funding), rules(funding=True)) == [RuleResult("funding", passed)]


@pytest.mark.parametrize(
    ("data", "passed"),
    [
        ({"plan": plan(status="submitted", submitted_on="2025-11-30")}, True),  # before
        ({"plan": plan(status="submitted", submitted_on="2025-12-31")}, True),  # on the day
        ({"plan": plan(status="submitted", submitted_on="2026-01-01")}, False),  # after
        ({"plan": plan(status="approved", approved_on="2025-12-01")}, True),  # approved: it was sent
        ({"plan": plan(status="approved", submitted_on="2026-01-10", approved_on="2026-02-01")}, False),
        ({"plan": plan(status="draft", submitted_on="2025-11-30")}, False),  # a draft is not submitted
        ({"plan": plan(status="none")}, False),
        ({}, None),  # no plan recorded: not known (SPEC §10), never a failure
        ({"plan": plan(status="approved")}, None),  # sent, on a day not recorded
    ],
)
def test_rule_submit_by(data: dict[str, Any], passed: bool | None) -> None:
    assert check_rules(locality(**data), rules(submit_by="31/12/2025")) == [RuleResult("submit_by", passed)]


def test_all_rules_in_order() -> None:
    data = locality(roadmap=milestones(2026), funding=[{"source": "ODA", "amount": 1}])
    assert check_rules(data, rules(submit_by="2025-12-31", funding=True, roadmap_years=True)) == [
        RuleResult("roadmap_years", False, ("2027", "2028", "2029", "2030")),
        RuleResult("funding", True),
        RuleResult("submit_by", None),  # no plan recorded: not known whether one was sent (SPEC §10)
    ]


# --- the CLI fixture -------------------------------------------------------------------------------


def fixture_files() -> dict[str, str]:
    return {
        "data/requirements.yaml": _fixture("requirements.yaml"),
        "data/localities/ha-noi.yaml": HA_NOI + _fixture("ha-noi-plan.yaml"),
        "data/localities/cao-bang.yaml": CAO_BANG,
        "data/localities/tuyen-quang.yaml": _fixture("tuyen-quang.yaml"),
        "data/localities/bac-ninh.yaml": _fixture("bac-ninh.yaml"),
    }


@pytest.fixture
def root(repo: Callable[..., Path]) -> str:
    return str(repo(fixture_files()))


def check(root: str, *args: str, lang: str | None = None) -> Run:
    before = ("--lang", lang) if lang else ()
    result = run_cli("--root", root, *before, "check", *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def check_json(root: str, *args: str) -> dict[str, Any]:
    result = check(root, "--format", "json", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    document: dict[str, Any] = result.json()
    return document


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def sections(**states: str) -> dict[str, str]:
    every = dict.fromkeys(("muc-tieu", "hien-trang", "kinh-phi", "to-chuc", "phu-luc"), "missing")
    return {**every, **states}


NO_RULES = {"roadmap_years": False, "funding": False, "submit_by": False}
REQUIRED = ["muc-tieu", "hien-trang", "kinh-phi", "to-chuc"]
BAC_NINH_JSON = {
    "id": "bac-ninh",
    "name": "Tỉnh Bắc Ninh",
    "plan_status": "none",
    "score": 0,
    "sections": sections(),
    "missing": REQUIRED,
    "extra": [],
    "rules": NO_RULES,
    "kind": None,
    "source": None,
}
# Cao Bằng's file has no plan: nothing is known of one (SPEC §10), so nothing is missing or late.
CAO_BANG_JSON = {
    **BAC_NINH_JSON,
    "id": "cao-bang",
    "name": "Tỉnh Cao Bằng",
    "plan_status": "unknown",
    "score": None,
    "sections": dict.fromkeys(sections(), "unknown"),
    "missing": [],
    "rules": {**NO_RULES, "submit_by": None},
}
HA_NOI_JSON = {
    "id": "ha-noi",
    "name": "Thành phố Hà Nội",
    "plan_status": "submitted",
    "score": 88,
    "sections": sections(**{"muc-tieu": "ok", "hien-trang": "thin", "kinh-phi": "ok", "to-chuc": "ok"}),
    "missing": [],
    "extra": ["Lời mở đầu", "- Mục tiêu", "Phu luk"],
    "rules": {"roadmap_years": True, "funding": True, "submit_by": True},
    "kind": None,
    "source": None,
}
TUYEN_QUANG_JSON = {
    "id": "tuyen-quang",
    "name": "Tỉnh Tuyên Quang",
    "plan_status": "draft",
    "score": 50,
    "sections": sections(**{"muc-tieu": "ok", "to-chuc": "ok"}),
    "missing": ["hien-trang", "kinh-phi"],
    "extra": [],
    "rules": NO_RULES,
    "kind": None,
    "source": None,
}


def test_json_whole_document(root: str) -> None:
    assert check_json(root) == {"localities": [BAC_NINH_JSON, CAO_BANG_JSON, HA_NOI_JSON, TUYEN_QUANG_JSON]}


def test_json_text_is_utf8_and_keys_in_contract_order(root: str) -> None:
    result = check(root, "--format", "json", "ha-noi")
    assert '"name": "Thành phố Hà Nội"' in result.stdout
    assert list(result.json()["localities"][0]) == [
        "id",
        "name",
        "plan_status",
        "score",
        "sections",
        "missing",
        "extra",
        "rules",
        "kind",
        "source",
    ]
    assert list(result.json()["localities"][0]["sections"]) == [*REQUIRED, "phu-luc"]


def test_json_named_localities_are_listed_by_id(root: str) -> None:
    assert check_json(root, "tuyen-quang", "cao-bang", "ha-noi") == {
        "localities": [CAO_BANG_JSON, HA_NOI_JSON, TUYEN_QUANG_JSON]
    }
    assert check_json(root, "ha-noi") == {"localities": [HA_NOI_JSON]}


def test_json_locality_named_twice_is_listed_once(root: str) -> None:
    assert check_json(root, "ha-noi", "ha-noi") == {"localities": [HA_NOI_JSON]}


def test_matrix_golden(root: str) -> None:
    result = check(root)
    assert (result.exit_code, result.stderr) == (0, "")
    assert_golden("check_matrix_vi.txt", result.stdout)


def matrix_rows(stdout: str) -> list[str]:
    """The locality rows of the matrix: from under the header rule to the first blank line."""
    lines = stdout.splitlines()
    start = next(index for index, line in enumerate(lines) if line.lstrip().startswith("───")) + 1
    end = next(index for index in range(start, len(lines)) if not lines[index].strip())
    return [line.strip() for line in lines[start:end]]


def test_matrix_sorted_by_score_lowest_first_ties_by_code(root: str) -> None:
    assert matrix_rows(check(root).stdout) == [
        "Cao Bằng      Chưa rõ       —   ?????",
        "Bắc Ninh      Chưa có       0   ✗✗✗✗✗",
        "Tuyên Quang   Dự thảo      50   ✓✗✗✓✗",
        "Hà Nội        Đã trình     88   ✓~✓✓✗",
    ]


def test_matrix_of_named_localities(root: str) -> None:
    result = check(root, "ha-noi", "cao-bang")
    assert (result.exit_code, result.stderr) == (0, "")
    assert matrix_rows(result.stdout) == [
        "Cao Bằng     Chưa rõ       —   ?????",
        "Hà Nội       Đã trình     88   ✓~✓✓✗",
    ]


def test_detail_golden_vi(root: str) -> None:
    result = check(root, "ha-noi")
    assert (result.exit_code, result.stderr) == (0, "")
    assert_golden("check_detail_vi.txt", result.stdout)


def test_detail_golden_en(root: str) -> None:
    result = check(root, "ha-noi", lang="en")
    assert (result.exit_code, result.stderr) == (0, "")
    assert_golden("check_detail_en.txt", result.stdout)


def test_table_has_no_escape_codes(root: str) -> None:
    assert "\x1b[" not in check(root).stdout + check(root, "ha-noi").stdout


MD_MATRIX = """\
# Đối chiếu kế hoạch phát triển đô thị thông minh của các địa phương với yêu cầu

| Địa phương | Kế hoạch | Điểm | 1 | 2 | 3 | 4 | 5 |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
| Cao Bằng | Chưa có thông tin | — | ? | ? | ? | ? | ? |
| Bắc Ninh | Chưa có kế hoạch | 0 | ✗ | ✗ | ✗ | ✗ | ✗ |
| Tuyên Quang | Dự thảo | 50 | ✓ | ✗ | ✗ | ✓ | ✗ |
| Hà Nội | Đã trình | 88 | ✓ | ~ | ✓ | ✓ | ✗ |

✓ đạt · ~ sơ sài (ít hơn số từ tối thiểu) · ✗ thiếu
? chưa có thông tin · (trống) không áp dụng cho loại kế hoạch này

Các mục yêu cầu:
 1. Quan điểm, mục tiêu
 2. Đánh giá hiện trạng
 3. Kinh phí thực hiện
 4. Tổ chức thực hiện
 5. Phụ lục (không bắt buộc)
"""

MD_DETAIL = """\
# Đối chiếu kế hoạch phát triển đô thị thông minh của các địa phương với yêu cầu

| Địa phương | Kế hoạch | Điểm | 1 | 2 | 3 | 4 | 5 |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
| Hà Nội | Đã trình | 88 | ✓ | ~ | ✓ | ✓ | ✗ |

✓ đạt · ~ sơ sài (ít hơn số từ tối thiểu) · ✗ thiếu

Các mục yêu cầu:
 1. Quan điểm, mục tiêu
 2. Đánh giá hiện trạng
 3. Kinh phí thực hiện
 4. Tổ chức thực hiện
 5. Phụ lục (không bắt buộc)

## Kế hoạch của Thành phố Hà Nội: 88 điểm

| Mục yêu cầu | Mục trong kế hoạch | Số từ | Đánh giá |
| --- | --- | --- | --- |
| Quan điểm, mục tiêu | I. MỤC TIÊU | 5/5 | ✓ Đạt |
| Đánh giá hiện trạng | II. Thực trạng | 4/5 | ~ Sơ sài |
| Kinh phí thực hiện | 1.2. Kinh phi thuc hien | 3/3 | ✓ Đạt |
| Tổ chức thực hiện | a) Tổ chức thực hiện | 0 | ✓ Đạt |
| Phụ lục (không bắt buộc) | — | — | ✗ Thiếu |

### Mục không khớp yêu cầu nào

- Lời mở đầu
- \\- Mục tiêu — trùng với mục đã khớp “Quan điểm, mục tiêu” (muc-tieu)
- Phu luk — gần giống “Phụ lục” (phu-luc)

### Quy tắc

- Mỗi năm của kỳ kế hoạch có ít nhất một mốc lộ trình: đạt
- Có nguồn kinh phí với số tiền cụ thể: đạt
- Đã trình kế hoạch đúng hạn (31/12/2025): đạt
"""


def test_markdown_matrix(root: str) -> None:
    result = check(root, "--format", "md")
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", MD_MATRIX)


def test_markdown_one_locality_in_full(root: str) -> None:
    result = check(root, "--format", "md", "ha-noi")
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", MD_DETAIL)


def test_markdown_rules_failed_with_lacking_years(root: str) -> None:
    result = check(root, "--format", "md", "tuyen-quang")
    assert result.exit_code == 0
    assert result.stdout.split("### Quy tắc\n\n")[1] == (
        "- Mỗi năm của kỳ kế hoạch có ít nhất một mốc lộ trình: chưa đạt"
        " (thiếu năm: 2027, 2028, 2029, 2030)\n"
        "- Có nguồn kinh phí với số tiền cụ thể: chưa đạt\n"
        "- Đã trình kế hoạch đúng hạn (31/12/2025): chưa đạt\n"
    )
    assert "### Mục không khớp yêu cầu nào" not in result.stdout


def test_markdown_escapes_a_pipe_in_a_section_title(repo: Callable[..., Path]) -> None:
    files = fixture_files()
    files["data/localities/ha-noi.yaml"] = HA_NOI + _fixture("ha-noi-plan.yaml").replace(
        "title: II. Thực trạng", "title: II. Thực trạng | hiện trạng"
    )
    files["data/requirements.yaml"] = _fixture("requirements.yaml").replace(
        "      - Thực trạng\n", "      - Thực trạng hiện trạng\n"
    )
    result = run_cli("--root", str(repo(files)), "check", "--format", "md", "ha-noi")
    assert result.exit_code == 0, result.stderr
    assert (
        "| Đánh giá hiện trạng | II. Thực trạng \\| hiện trạng | 4/5 | ~ Sơ sài |"
        in result.stdout.splitlines()
    )


def test_markdown_extra_title_with_line_break_stays_data(repo: Callable[..., Path]) -> None:
    files = fixture_files()
    files["data/localities/ha-noi.yaml"] = HA_NOI + _fixture("ha-noi-plan.yaml").replace(
        "- title: Lời mở đầu", '- title: "Lời mở đầu\\n# Chèn tiêu đề"'
    )
    result = run_cli("--root", str(repo(files)), "check", "--format", "md", "ha-noi")
    assert result.exit_code == 0, result.stderr
    assert "# Chèn tiêu đề" not in result.stdout.splitlines()


# --- exit codes ------------------------------------------------------------------------------------


def test_strict_exits_1_when_a_required_section_is_missing(root: str) -> None:
    plain = check(root)
    strict = check(root, "--strict")
    assert (plain.exit_code, strict.exit_code) == (0, 1)
    assert strict.stdout == plain.stdout  # the report is still printed
    assert strict.stderr == ""


def test_strict_json_still_prints_the_document(root: str) -> None:
    result = check(root, "--strict", "--format", "json", "tuyen-quang")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.json() == {"localities": [TUYEN_QUANG_JSON]}


@pytest.mark.parametrize("fmt", ["table", "json", "md"])
def test_strict_exits_0_when_nothing_required_is_missing(root: str, fmt: str) -> None:
    """Hà Nội: one thin section and the optional section missing, nothing required missing."""
    result = check(root, "--strict", "--format", fmt, "ha-noi")
    assert (result.exit_code, result.stderr) == (0, "")


def test_strict_one_missing_among_several_localities(root: str) -> None:
    assert check(root, "--strict", "ha-noi", "bac-ninh").exit_code == 1
    assert check(root, "--strict", "ha-noi", "cao-bang").exit_code == 0  # unknown is not missing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope",), "Lỗi: Không có địa phương nào mang mã “nope”.\n"),
        (("ha-noi", "ha-nio"), "Lỗi: Không có địa phương nào mang mã “ha-nio”. Có phải ý bạn là “ha-noi”?\n"),
        (("bxd",), "Lỗi: Không có địa phương nào mang mã “bxd”.\n"),  # an organization, not a locality
        (
            ("--format", "xml"),
            "Lỗi: Tùy chọn --format: “xml” không hợp lệ; chọn một trong: table, json, md\n",
        ),
    ],
)
def test_usage_errors_exit_2(root: str, args: tuple[str, ...], message: str) -> None:
    result = check(root, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_unknown_locality_in_english(root: str) -> None:
    result = check(root, "--strict", "nope", lang="en")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Error: There is no locality with id “nope”.\n",
    )


def test_data_errors_exit_1(repo: Callable[..., Path]) -> None:
    files = fixture_files()
    files["data/requirements.yaml"] = _fixture("requirements.yaml").replace(
        "    min_words: 3\n", "    min_word: 3\n"
    )
    result = run_cli("--root", str(repo(files)), "check", "--format", "json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "data/requirements.yaml:19:5: error unknown-key yêu cầu kinh-phi: khóa “min_word” không hợp lệ",
        "   19 |     min_word: 3",
        "      |     ^",
        "      = gợi ý: có phải ý bạn là “min_words”?",
        "Dữ liệu có lỗi nên không lập báo cáo; sửa các lỗi trên trước.",
    ]


def test_no_data_repository_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("check")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Lỗi: Không tìm thấy kho dữ liệu dothi (thư mục chứa data/members.yaml) từ {tmp_path} trở lên.\n"
        "Chạy lệnh trong kho dữ liệu, hoặc chỉ rõ bằng --root THƯ_MỤC hay biến DOTHI_ROOT.\n",
    )


def test_without_requirements_says_there_is_nothing_to_check(repo: Callable[..., Path]) -> None:
    files = fixture_files()
    del files["data/requirements.yaml"]
    root = str(repo(files))
    result = run_cli("--root", root, "check")
    assert result.exit_code == 0
    assert result.stderr == "Chưa có data/requirements.yaml: không có mục nào để đối chiếu.\n"
    scores = {
        entry["id"]: entry["score"]
        for entry in run_cli("--root", root, "check", "--format", "json").json()["localities"]
    }
    assert set(scores.values()) == {None}  # nothing is required, so nothing can be scored


def test_reversed_period_does_not_pass_roadmap_years(repo: Callable[..., Path]) -> None:
    body = "plan:\n  title: Kế hoạch\n  status: draft\n  period: 2030-2026\n"
    files = {
        "data/requirements.yaml": "rules:\n  roadmap_years: true\n",
        "data/localities/ha-noi.yaml": HA_NOI + body,
    }
    result = run_cli("--root", str(repo(files)), "check", "--format", "json")
    assert result.exit_code == 1 or result.json()["localities"][0]["rules"]["roadmap_years"] is False


# --- the project's own data ------------------------------------------------------------------------


def test_project_data_every_locality_without_a_plan() -> None:
    """A locality file that records no plan is unknown (SPEC §10), never "missing" everything; Hà Nội's
    and Phú Thọ's plans are known, their texts are not (data/localities)."""
    result = run_cli("--no-cache", "--root", str(PROJECT_ROOT), "check", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    stems = sorted(path.stem for path in (PROJECT_ROOT / "data" / "localities").glob("*.yaml"))
    localities = result.json()["localities"]
    assert len(stems) == 34
    assert [entry["id"] for entry in localities] == stems
    summary = {
        entry["id"]: (entry["plan_status"], entry["score"], tuple(entry["missing"])) for entry in localities
    }
    assert summary.pop("ha-noi") == summary.pop("phu-tho") == ("approved", None, ())
    assert set(summary.values()) == {("unknown", None, ())}
    assert {state for entry in localities for state in entry["sections"].values()} <= {
        "unknown",
        "not_applicable",
    }


def test_project_data_strict_does_not_fail_on_what_is_not_known() -> None:
    assert (
        run_cli("--no-cache", "--root", str(PROJECT_ROOT), "check", "--strict", "--format", "json").exit_code
        == 0
    )


# --- submit_by: the ke-hoach@<locality> item in status ---------------------------------------------


def status_items(root: str, as_of: str) -> dict[str, dict[str, Any]]:
    result = run_cli("--root", root, "status", "--format", "json", "--all", "--as-of", as_of)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return {item["id"]: item for item in result.json()["items"] if item["id"].startswith("ke-hoach@")}


def plan_item(lead: str, state: str, *, period: str = "2026-2030", **fields: Any) -> dict[str, Any]:
    return {
        "id": f"ke-hoach@{lead}",
        "title": f"Trình kế hoạch phát triển đô thị thông minh giai đoạn {period}",
        "kind": "assignment",
        "directive": None,
        "lead": lead,
        "deadline": None,
        "due": "2025-12-31",
        "state": state,
        "due_soon": False,
        "days_overdue": None,
        "done_on": None,
        "done_by": None,
        "indicative": False,
        "source": None,
        "original_due": "2025-12-31",
        "extended": False,
        "carried_from": None,
        **fields,
    }


def test_plan_submission_items_after_the_date(root: str) -> None:
    assert status_items(root, "2026-01-05") == {
        "ke-hoach@cao-bang": plan_item("cao-bang", "unknown"),
        "ke-hoach@bac-ninh": plan_item("bac-ninh", "overdue", days_overdue=5),
        "ke-hoach@ha-noi": plan_item("ha-noi", "done_on_time", period="2026-2028", done_on="2025-11-15"),
        "ke-hoach@tuyen-quang": plan_item("tuyen-quang", "overdue", days_overdue=5),
    }


def test_plan_submission_items_before_the_date(root: str) -> None:
    """On 20/12/2025 nobody is late yet, and Hà Nội's plan (sent 15/11) is done; on 10/11 it was not."""
    assert status_items(root, "2025-12-20") == {
        "ke-hoach@cao-bang": plan_item("cao-bang", "unknown"),
        "ke-hoach@bac-ninh": plan_item("bac-ninh", "in_progress", due_soon=True),
        "ke-hoach@ha-noi": plan_item("ha-noi", "done_on_time", period="2026-2028", done_on="2025-11-15"),
        "ke-hoach@tuyen-quang": plan_item("tuyen-quang", "in_progress", due_soon=True),
    }
    assert status_items(root, "2025-11-10")["ke-hoach@ha-noi"] == plan_item(
        "ha-noi", "in_progress", period="2026-2028"
    )


def test_plan_submission_late_and_approved(repo: Callable[..., Path]) -> None:
    files = {
        "data/requirements.yaml": "rules:\n  submit_by: 31/12/2025\n",
        "data/localities/ha-noi.yaml": HA_NOI
        + "plan:\n  title: KH\n  status: submitted\n  submitted_on: 2026-01-20\n",
        "data/localities/cao-bang.yaml": CAO_BANG
        + "plan:\n  title: KH\n  status: approved\n  approved_on: 2025-10-01\n",
    }
    root = str(repo(files))
    assert status_items(root, "2026-02-01") == {
        "ke-hoach@cao-bang": plan_item("cao-bang", "done_on_time", done_on="2025-10-01"),
        "ke-hoach@ha-noi": plan_item("ha-noi", "done_late", done_on="2026-01-20"),
    }
    assert status_items(root, "2026-01-10")["ke-hoach@ha-noi"] == plan_item(
        "ha-noi", "overdue", days_overdue=10
    )
    result = run_cli("--root", root, "check", "--format", "json")
    assert [(entry["id"], entry["rules"]) for entry in result.json()["localities"]] == [
        ("cao-bang", {"submit_by": True}),
        ("ha-noi", {"submit_by": False}),
    ]


def test_no_plan_submission_item_without_submit_by(root: str, repo: Callable[..., Path]) -> None:
    files = fixture_files()
    files["data/requirements.yaml"] = _fixture("requirements.yaml").replace("  submit_by: 2025-12-31\n", "")
    other = str(repo(files))
    assert status_items(other, "2026-01-05") == {}
    assert check_json(other, "ha-noi")["localities"][0]["rules"] == {"roadmap_years": True, "funding": True}


def test_plan_submission_rule_in_the_detail_view(root: str) -> None:
    assert (
        "- Đã trình kế hoạch đúng hạn (31/12/2025): chưa đạt" in check(root, "bac-ninh").stdout.splitlines()
    )


# --- a real plan -----------------------------------------------------------------------------------


def test_real_plan_is_checked_section_by_section(tmp_path: Path) -> None:
    """Phú Thọ's plan 10345/KH-UBND as published (tests/fixtures/real-plan gives the source).

    Typed without its kind, it is checked against every point of Decree 269 Art. 6.2 as if it were
    a scheme: its headings (Mục II's principles, Mục III's tasks) meet none, so all nine are missing.
    Recorded as what it is, an implementation plan (kind ke-hoach, as data/localities/phu-tho.yaml
    records it), the scheme's checklist does not apply and it is not scored (issue 16).
    """
    root = tmp_path / "repo"
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    fixture = Path(__file__).parent / "fixtures" / "real-plan" / "phu-tho.yaml"
    shutil.copy(fixture, root / "data" / "localities")
    result = run_cli("--root", str(root), "check", "--format", "json", "phu-tho")
    assert (result.exit_code, result.stderr) == (0, "")
    [entry] = result.json()["localities"]
    assert set(entry["sections"].values()) == {"missing"}
    assert (entry["plan_status"], entry["score"], len(entry["missing"]), len(entry["extra"])) == (
        "approved",
        0,
        9,
        13,
    )
    assert entry["rules"] == {"council_before_approval": None, "published": None}
    as_written = fixture.read_text(encoding="utf-8").replace(
        "  status: approved\n", "  kind: ke-hoach\n  status: approved\n"
    )
    (root / "data" / "localities" / "phu-tho.yaml").write_text(as_written, encoding="utf-8")
    [entry] = run_cli("--root", str(root), "check", "--format", "json", "phu-tho").json()["localities"]
    assert (entry["kind"], entry["score"], entry["missing"], entry["extra"], entry["rules"]) == (
        "ke-hoach",
        None,
        [],
        [],
        {},
    )
    assert set(entry["sections"].values()) == {"not_applicable"}
