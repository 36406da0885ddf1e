"""``dothi brief``: the meeting briefing pack (SPEC §4, §5 and §6).

The fixture (tests/fixtures/brief) is read as of 1/9/2025 with ``--since 15/8/2025``: items done,
updates and obstacles fall before, on and after 15/8 (the boundary is excluded) and after 1/9 (not
true yet); the tasks of 200/TB-VPCP were assigned on 15/9 and do not exist yet; a member of Bộ KH&CN
was replaced on 10/8. Rendered pages are compared with golden files under tests/golden/brief/
(``UPDATE_GOLDEN=1`` rewrites them; review the diff), and the rules a golden file cannot state
(what a reader sees, the sandbox, determinism, safe writes) have tests of their own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CAO_BANG, HA_NOI, MEMBERS, PROJECT_ROOT, run_cli, write_repo
from markdown_reader import MD, PILCROW, inline_text, lines, paragraphs, squash

FIXTURES = Path(__file__).parent / "fixtures" / "brief"
GOLDEN = Path(__file__).parent / "golden" / "brief"
DATES = ("--as-of", "1/9/2025", "--since", "15/8/2025")
CHARTS = ["charts/overdue-age.svg", "charts/plans.svg", "charts/rates.svg"]
PACK_PAGES = [
    "agencies/bkhcn.md",
    "agencies/bxd.md",
    "agencies/vpcp.md",
    "index.md",
    "localities/cao-bang.md",
    "localities/ha-noi.md",
]
TEMPLATE_MARKUP = frozenset({"strong_open", "strong_close", "em_open", "em_close", "link_open", "link_close"})


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def brief_files() -> dict[str, str]:
    return {
        "data/members.yaml": MEMBERS + _fixture("members-extra.yaml"),
        "data/tasks/qd-100.yaml": _fixture("qd-100.yaml"),
        "data/tasks/tb-200.yaml": _fixture("tb-200.yaml"),
        "data/localities/ha-noi.yaml": HA_NOI + _fixture("ha-noi-extra.yaml"),
        "data/localities/cao-bang.yaml": CAO_BANG + _fixture("cao-bang-extra.yaml"),
        "data/requirements.yaml": _fixture("requirements.yaml"),
    }


@pytest.fixture
def root(repo: Callable[..., Path]) -> str:
    return str(repo(brief_files()))


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def brief(root: str, *args: str, lang: str = "vi") -> str:
    result = run_cli("--root", root, "--lang", lang, "brief", *DATES, *args)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


def read_pack(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


# --- golden files: every template in both languages ------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_briefing_golden(root: str, lang: str) -> None:
    assert_golden(f"briefing_{lang}.md", brief(root, lang=lang))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pack_golden(root: str, tmp_path: Path, lang: str) -> None:
    pack = tmp_path / "pack"
    result = run_cli("--root", root, "--lang", lang, "brief", *DATES, "--pack", str(pack))
    assert result.exit_code == 0
    wrote = {"vi": f"Đã ghi 9 tệp vào {pack}\n", "en": f"Wrote 9 files into {pack}\n"}
    assert result.stderr == wrote[lang]
    pages = read_pack(pack)
    assert sorted(pages) == sorted([*PACK_PAGES, *CHARTS])
    for name, text in pages.items():
        if name in CHARTS:  # drawn by matplotlib: tests/test_charts.py checks what they show
            assert text.startswith("<?xml") and "<svg" in text
        else:
            assert_golden(f"pack_{lang}/{name}", text)


# --- what the briefing says (SPEC §5 "What a briefing contains") ----------------------------------


def test_briefing_is_laid_out_as_an_administrative_document(root: str) -> None:
    text = brief(root)
    assert text.splitlines()[:16] == [
        "<!-- dothi briefing -->",
        "<!-- dothi:masthead -->",
        "",
        "|  | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |",
        "| :---: | :---: |",
        "| **TỔ CÔNG TÁC LIÊN NGÀNH** | **Độc lập - Tự do - Hạnh phúc** |",
        "| Số: " + "\u00a0" * 8 + "/BC-TCT | *Hà Nội, ngày 01 tháng 9 năm 2025* |",
        "",
        "<!-- /dothi:masthead -->",
        "",
        "<!-- dothi:title -->",
        "",
        "# BÁO CÁO",
        "",
        "**Tình hình thực hiện nhiệm vụ về phát triển đô thị thông minh tính đến ngày 1/9/2025**",
        "",
    ]
    assert (
        "Thực hiện nhiệm vụ được giao tại văn bản số 1413/QĐ-TTg ngày 30/6/2025, Tổ công tác báo cáo "
        "tình hình thực hiện các nhiệm vụ về phát triển đô thị thông minh tính đến ngày 1/9/2025 như sau:"
    ) in text
    assert [h for h in headings(text) if h.startswith(("# ", "## "))] == [
        "# BÁO CÁO",
        "## I. TỔNG QUAN",
        "## II. NHIỆM VỤ QUÁ HẠN",
        "## III. NHIỆM VỤ SẮP ĐẾN HẠN (TRONG 14 NGÀY TỚI)",
        "## IV. CÁC ĐỊA PHƯƠNG",
        "## V. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ",
        "## VI. KẾT QUẢ TỪ NGÀY 15/8/2025",
        "## DANH SÁCH THÀNH VIÊN TỔ CÔNG TÁC",
        "## NGUỒN SỐ LIỆU",
    ]


def test_overdue_items_are_grouped_by_lead_longest_overdue_first(root: str) -> None:
    text = brief(root)
    overdue = text[text.index("## II.") : text.index("## III.")]
    assert headings(overdue)[1:] == [
        "### 1. Văn phòng Chính phủ",  # 31 days
        "### 2. Bộ Xây dựng",  # 17 and 7 days
        "### 3. Bộ Khoa học và Công nghệ",  # 7 days, and by name
        "### 4. Tỉnh Cao Bằng",
    ]
    assert "| 1 | Trình Nghị định về đô thị thông minh | 100/QĐ-TTg | trước ngày 15/8/2025 | 17 |" in overdue
    assert "| 2 | Tổng hợp đề xuất của các địa phương | 100/QĐ-TTg | 25/8/2025 | 7 |" in overdue


def test_obstacles_needing_the_prime_minister_come_first(root: str) -> None:
    text = brief(root)
    obstacles = text[text.index("## V.") : text.index("## VI.")]
    assert [line for line in obstacles.splitlines() if line.startswith(("###", "- "))] == [
        "### 1. Đề nghị Thủ tướng Chính phủ xem xét, quyết định",
        "- 12/8/2025 — Trình Nghị định về đô thị thông minh (Bộ Xây dựng): "
        "Cần Thủ tướng cho ý kiến về phạm vi điều chỉnh của Nghị định",
        "- 20/8/2025 — Thành phố Hà Nội: Thiếu cơ chế chia sẻ dữ liệu giữa các sở",
        "### 2. Đề nghị Tổ công tác xử lý",
        "- 26/8/2025 — Ban hành bộ chỉ số đô thị thông minh (Bộ Khoa học và Công nghệ): "
        "Chưa thống nhất bộ chỉ số với các bộ",
        "### 3. Các khó khăn, vướng mắc khác",
        "- 5/8/2025 — Tỉnh Cao Bằng: Thiếu nhân lực công nghệ thông tin",
        "- 28/8/2025 — Đề xuất cơ chế thí điểm (Bộ Khoa học và Công nghệ): Thiếu kinh phí khảo sát",
    ]


def test_results_since_the_last_meeting_exclude_that_day_and_the_future(root: str) -> None:
    text = brief(root)
    since = text[text.index("## VI.") : text.index("<!-- dothi:signature -->")]
    assert [line for line in since.splitlines() if line.startswith("- ")] == [
        "- 20/8/2025 — Gửi kế hoạch hành động (Thành phố Hà Nội): Kế hoạch 45/KH-UBND",
        "- 28/8/2025 — Hướng dẫn lập kế hoạch đô thị thông minh (Bộ Xây dựng): Công văn 321/BXD-KHCN",
        "- 25/8/2025 — Ban hành bộ chỉ số đô thị thông minh (Bộ Khoa học và Công nghệ): "
        "Đang hoàn thiện dự thảo",
    ]


def test_without_since_the_briefing_leaves_results_out_and_never_hints_at_the_command_line(root: str) -> None:
    result = run_cli("--root", root, "brief", "--as-of", "1/9/2025")
    assert result.exit_code == 0
    assert "## VI" not in result.stdout
    assert re.search(r"(?<![-|:])--[a-z]", result.stdout) is None  # no "--since" or any other option


def test_localities_show_their_plan_and_who_has_not_answered(root: str) -> None:
    text = brief(root)
    assert "| Thành phố Hà Nội | Đã trình | 50 | 1 |" in text
    assert "| Tỉnh Cao Bằng | Chưa có thông tin | — | — |" in text  # no plan recorded (SPEC §10)
    assert (
        "- Gửi kế hoạch hành động (100/QĐ-TTg, thời hạn: trước ngày 25/8/2025): 2/3 Bộ, cơ quan, địa phương "
        "chưa thực hiện: Tỉnh Cao Bằng, Bộ Khoa học và Công nghệ." in text
    )


def test_roster_is_as_of_the_date(root: str) -> None:
    text = brief(root)
    assert "| 1 | Phạm Thị Mới | Thứ trưởng | Bộ Khoa học và Công nghệ |" in text
    assert "Lê Văn Cũ" not in text  # replaced on 10/8/2025
    assert "Lê Văn Cũ" in brief_at(root, "1/8/2025")


def brief_at(root: str, day: str) -> str:
    result = run_cli("--root", root, "brief", "--as-of", day)
    assert result.exit_code == 0
    return result.stdout


def test_tasks_assigned_after_the_date_do_not_exist_yet(root: str) -> None:
    assert "Chuẩn bị phiên họp thứ ba" not in brief(root)
    assert "Chuẩn bị phiên họp thứ ba" in brief_at(root, "20/9/2025")


def test_people_and_organizations_appear_by_name_never_by_id(root: str) -> None:
    ids = ["bxd", "bkhcn", "vpcp", "ha-noi", "cao-bang", "kh-new", "deputy", "t7", "qd-100"]
    text = brief(root)
    assert [ident for ident in ids if re.search(rf"(?<![\w/-]){re.escape(ident)}(?![\w-])", text)] == []


def test_english_briefing_writes_numbers_and_dates_in_english(root: str) -> None:
    text = brief(root, lang="en")
    assert "*Hanoi, 1 September 2025*" in text
    assert "Completion rate of the items already due: 54.55%; of all items: 37.50%." in text


def test_pack_links_are_relative_and_lead_to_pages_of_the_pack(root: str, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    assert run_cli("--root", root, "brief", *DATES, "--pack", str(pack)).exit_code == 0
    links = 0
    for page in pack.rglob("*.md"):
        for target in re.findall(r"\]\(([^)]+)\)", page.read_text(encoding="utf-8")):
            assert not target.startswith(("/", "http")), target
            assert (page.parent / target).resolve().is_file(), (page, target)
            links += 1
    assert links == 5 + 2 + 3 + 5  # index: 3 agencies, 2 localities by lead, 2 plans, 3 charts; 5 back links


def test_project_data_briefing_renders_in_both_languages(tmp_path: Path) -> None:
    for lang in ("vi", "en"):
        pack = tmp_path / lang
        result = run_cli(
            "--no-cache",
            "--root",
            str(PROJECT_ROOT),
            "--lang",
            lang,
            "brief",
            "--as-of",
            "30/11/2026",
            "--pack",
            str(pack),
        )
        assert result.exit_code == 0, result.stderr
        pages = read_pack(pack)
        assert len([p for p in pages if p.startswith("localities/")]) == 34
        assert all(
            text.startswith("<!-- dothi briefing -->\n")
            for name, text in pages.items()
            if name.endswith(".md")
        )


# --- data shown as data (SPEC §6) ------------------------------------------------------------------

# Block-level Markdown, table syntax, line breaks and Jinja syntax. Inline markup (*x*, `x`, [x](y))
# is left as written on purpose ("nothing else is changed") and would show as emphasis or code.
HOSTILE = st.lists(
    st.sampled_from(
        [
            "|",
            "||",
            "\n",
            "\r\n",
            "\n\n",
            "# ",
            "## ",
            "> ",
            "- ",
            "+ ",
            "1. ",
            "2) ",
            "{{ 7+7 }}",
            "{% if true %}",
            "{% endif %}",
            "{# x #}",
            "{{",
            "}}",
            "a",
            "Đề án ",
            "ệ",
            " ",
        ]
    ),
    min_size=1,
    max_size=12,
).map(lambda parts: "".join(parts) + "Z")


def table_shapes(markdown: str) -> list[list[int]]:
    """Each table a reader sees, as the number of cells in each of its rows."""
    shapes: list[list[int]] = []
    for token in MD.parse(markdown):
        if token.type == "table_open":
            shapes.append([])
        elif token.type == "tr_open":
            shapes[-1].append(0)
        elif token.type in ("th_open", "td_open"):
            shapes[-1][-1] += 1
    return shapes


def _seen_cells(markdown: str) -> list[str]:
    tokens = MD.parse(markdown)
    return [
        squash(inline_text(tokens[i + 1], TEMPLATE_MARKUP))
        for i, token in enumerate(tokens)
        if token.type in ("td_open", "th_open")
    ]


def _seen_text(markdown: str) -> str:
    tokens = MD.parse(markdown)
    return paragraphs(PILCROW.join(inline_text(t, TEMPLATE_MARKUP) for t in tokens if t.type == "inline"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=HOSTILE, note=HOSTILE)
def test_any_title_or_note_keeps_every_table_and_shows_as_written(
    tmp_path_factory: pytest.TempPathFactory, title: str, note: str
) -> None:
    files = brief_files()
    task_file = files["data/tasks/qd-100.yaml"]
    task_file = task_file.replace("title: Tổng hợp đề xuất của các địa phương", f"title: {json.dumps(title)}")
    task_file = task_file.replace("note: Đang hoàn thiện dự thảo", f"note: {json.dumps(note)}")
    files["data/tasks/qd-100.yaml"] = task_file
    root = write_repo(tmp_path_factory.mktemp("repo"), files)
    text = brief(str(root))
    shapes = table_shapes(text)
    assert len(shapes) == len(
        table_shapes(brief(str(write_repo(tmp_path_factory.mktemp("plain"), brief_files()))))
    )
    assert all(len(set(rows)) == 1 for rows in shapes), shapes
    assert squash(lines(title)) in _seen_cells(text)  # section II: the overdue table
    assert paragraphs(lines(note)) in _seen_text(text)  # section VI: the updates


# --- the sandbox -----------------------------------------------------------------------------------

ESCAPES = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "bị chặn"),
    ("{{ cycler.__init__.__globals__.os }}", "bị chặn"),
    ("{{ lipsum.__globals__ }}", "bị chặn"),
    ("{{ t.__self__ }}", "bị chặn"),
    ("{% set x = b.names.clear() %}", "bị chặn"),
    ("{% include '../data/members.yaml' %}", "TemplateNotFound"),
    ("{% include '/etc/passwd' %}", "TemplateNotFound"),
    ("{{ range(10**9) | list }}", "OverflowError"),
    ("x\n{{ 1 / 0 }}", "evil.md.j2:2: ZeroDivisionError"),
    ("{% for %}", "evil.md.j2:1: TemplateSyntaxError"),
]


@pytest.mark.parametrize(("template", "said"), ESCAPES)
def test_a_template_cannot_leave_its_sandbox(repo: Callable[..., Path], template: str, said: str) -> None:
    root = repo({**brief_files(), "templates/evil.md.j2": template})
    result = run_cli("--root", str(root), "brief", *DATES, "--template", "evil")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("Lỗi: Mẫu báo cáo “evil” ")
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_a_repository_template_overrides_the_builtin_one_by_name(repo: Callable[..., Path]) -> None:
    mine = "Họp ngày {{ b.as_of | day }}: {{ b.overdue | length }} nhóm quá hạn.\n"
    root = repo({**brief_files(), "templates/briefing.md.j2": mine})
    assert brief(str(root)) == "<!-- dothi briefing -->\nHọp ngày 1/9/2025: 4 nhóm quá hạn.\n"


def test_an_unknown_template_is_a_usage_error(root: str) -> None:
    result = run_cli("--root", root, "brief", "--template", "bao-cao")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Lỗi: Không có mẫu báo cáo “bao-cao”; các mẫu có sẵn: briefing\n"


# --- determinism -----------------------------------------------------------------------------------


def test_same_data_and_dates_give_the_same_bytes(root: str, tmp_path: Path) -> None:
    """In fresh processes with different hash seeds, so no set or dict order can leak in."""
    outputs = []
    for seed in ("1", "2"):
        pack = tmp_path / seed
        command = [sys.executable, "-m", "dothi", "--root", root, "brief", *DATES, "--pack", str(pack)]
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        subprocess.run(command, check=True, env=env, capture_output=True)
        outputs.append(read_pack(pack))
    assert outputs[0] == outputs[1]


# --- writing files ---------------------------------------------------------------------------------


def test_out_writes_the_briefing_and_rewrites_its_own_file(root: str, tmp_path: Path) -> None:
    out = tmp_path / "out" / "hop.md"
    for _ in range(2):
        result = run_cli("--root", root, "brief", *DATES, "--out", str(out))
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"Đã ghi {out}\n")
    assert out.read_text(encoding="utf-8") == brief(root)
    assert [p.name for p in out.parent.iterdir()] == ["hop.md"]  # no temporary file left behind


def test_out_refuses_a_file_dothi_did_not_write(root: str, tmp_path: Path) -> None:
    out = tmp_path / "ghi-chu.md"
    out.write_bytes(b"# Ghi ch\xc3\xba c\xe1\xbb\xa7a t\xc3\xb4i\n")
    result = run_cli("--root", root, "brief", *DATES, "--out", str(out))
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"Lỗi: “{out}” đã tồn tại và không phải báo cáo do dothi tạo; dùng --force để ghi đè.\n"
    )
    assert out.read_bytes() == b"# Ghi ch\xc3\xba c\xe1\xbb\xa7a t\xc3\xb4i\n"
    forced = run_cli("--root", root, "brief", *DATES, "--out", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8") == brief(root)


def test_pack_refuses_before_writing_anything(root: str, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "localities").mkdir(parents=True)
    (pack / "localities" / "ha-noi.md").write_text("Bản của tôi\n", encoding="utf-8")
    result = run_cli("--root", root, "brief", *DATES, "--pack", str(pack))
    assert result.exit_code == 2
    assert read_pack(pack) == {"localities/ha-noi.md": "Bản của tôi\n"}
