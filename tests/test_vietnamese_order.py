"""Names in Vietnamese order, or in an official order, the same way in every place (issue 17 item 3).

The repository below holds names that code-point order gets wrong: “Bộ Công Thương” sorts before
“Bộ Công an” by code point (T is 0x54, a is 0x61) and “Đà Nẵng” after every other name (Đ is
U+0110), while a Vietnamese dictionary puts “an” before “Thương” (case ignored) and đ right after d.
Members are listed in the order of data/members.yaml, which keeps the founding decision's order;
localities in official lists go by administrative code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import run_cli

MEMBERS = """\
group:
  name: Tổ công tác liên ngành
  established_by: 1413/QĐ-TTg
  established_on: 2025-06-30
organizations:
  - {id: vpcp, name: Văn phòng Chính phủ, short: VPCP, kind: agency}
  - {id: bxd, name: Bộ Xây dựng, short: BXD, kind: ministry}
  - {id: bct, name: Bộ Công Thương, short: BCT, kind: ministry}
  - {id: bca, name: Bộ Công an, short: BCA, kind: ministry}
members:
  - {id: a, name: Nguyễn Văn A, title: Phó Thủ tướng, role: leader, org: vpcp, since: 2025-06-30}
  - {id: y, name: Đại diện lãnh đạo Bộ Xây dựng, title: Thứ trưởng, role: member, org: bxd, since: 2025-06-30}
  - {id: t, name: Đại diện lãnh đạo Bộ Công Thương, title: Thứ trưởng, role: member, org: bct,
     since: 2025-06-30}
  - {id: c, name: Đại diện lãnh đạo Bộ Công an, title: Thứ trưởng, role: member, org: bca, since: 2025-06-30}
  - {id: h, name: Đại diện lãnh đạo Thành phố Huế, title: Phó Chủ tịch, role: member, org: hue,
     since: 2025-06-30}
  - {id: d, name: Đại diện lãnh đạo Thành phố Đà Nẵng, title: Phó Chủ tịch, role: member, org: da-nang,
     since: 2025-06-30}
"""

LOCALITIES = {
    "ha-noi": ("Thành phố Hà Nội", "01"),
    "hue": ("Thành phố Huế", "46"),
    "da-nang": ("Thành phố Đà Nẵng", "48"),
    "ho-chi-minh": ("Thành phố Hồ Chí Minh", "79"),
}

TASKS = """\
directive:
  number: {number}
  kind: thong-bao
  date: {day}
  issuer: vpcp
  subject: {subject}
tasks:
{tasks}
"""

# Every lead has one task, none overdue on the day of the report: the order is the names' alone.
LEADS = ["ho-chi-minh", "bct", "hue", "bxd", "ha-noi", "da-nang", "bca"]

VIETNAMESE = [
    "Bộ Công an",
    "Bộ Công Thương",
    "Bộ Xây dựng",
    "Thành phố Đà Nẵng",
    "Thành phố Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Thành phố Huế",
]


def _repo(repo: Callable[..., Path]) -> str:
    tasks = "\n".join(
        f"  - {{id: t-{lead}, title: Việc của {lead}, lead: {lead}, deadline: 31/12/2025}}" for lead in LEADS
    )
    files = {
        "data/members.yaml": MEMBERS,
        # The later document first in file-name order: the appendix of sources must still list it last.
        "data/tasks/a-tb-2.yaml": TASKS.format(
            number="2/TB-VPCP",
            day="2025-09-01",
            subject="Văn bản sau",
            tasks="  - {id: x, title: Việc sau, lead: bxd, deadline: 31/12/2025, source: Nguồn của việc sau}",
        ),
        "data/tasks/b-tb-1.yaml": TASKS.format(
            number="1/TB-VPCP", day="2025-08-01", subject="Văn bản trước", tasks=tasks
        ),
    }
    for ident, (name, code) in LOCALITIES.items():
        files[f"data/localities/{ident}.yaml"] = f'name: {name}\ncode: "{code}"\nkind: city\n'
    return str(repo(files, members=False))


def _positions(text: str, names: list[str]) -> list[int]:
    return [text.index(f"| {name} |") for name in names]


def test_status_markdown_lists_leads_in_vietnamese_order(repo: Callable[..., Path]) -> None:
    root = _repo(repo)
    result = run_cli("--root", root, "status", "--as-of", "1/9/2025", "--format", "md")
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("## Theo cơ quan chủ trì")[1]
    shorts = ["BCA", "BCT", "BXD", "Đà Nẵng", "Hà Nội", "Hồ Chí Minh", "Huế"]
    positions = _positions(table, shorts)
    assert positions == sorted(positions)


def test_status_on_a_terminal_lists_leads_in_vietnamese_order(repo: Callable[..., Path]) -> None:
    root = _repo(repo)
    result = run_cli("--root", root, "status", "--as-of", "1/9/2025")
    table = result.stdout.split("Theo cơ quan chủ trì")[1].split("Nhiệm vụ quá hạn")[0]
    firsts = [
        line.split("  ")[1] for line in table.splitlines() if line.startswith("  ") and "  " in line[2:]
    ]
    leads = [name for name in firsts if name and name[0] in "BĐHT" and not name.startswith("chủ")]
    assert leads == ["BCA", "BCT", "BXD", "Đà Nẵng", "Hà Nội", "Hồ Chí Minh", "Huế"]


def test_the_briefing_lists_leads_in_vietnamese_order(repo: Callable[..., Path], tmp_path: Path) -> None:
    root = _repo(repo)
    out = tmp_path / "b.md"
    assert run_cli("--root", root, "brief", "--as-of", "1/9/2025", "--out", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    table = page.split("### Theo cơ quan chủ trì")[1]
    positions = _positions(table, VIETNAMESE)
    assert positions == sorted(positions)


def test_members_and_the_briefing_keep_the_files_order(repo: Callable[..., Path], tmp_path: Path) -> None:
    """Not alphabetical: the order of data/members.yaml, which is the founding decision's."""
    root = _repo(repo)
    in_file = [
        "Đại diện lãnh đạo Bộ Xây dựng",
        "Đại diện lãnh đạo Bộ Công Thương",
        "Đại diện lãnh đạo Bộ Công an",
        "Đại diện lãnh đạo Thành phố Huế",
        "Đại diện lãnh đạo Thành phố Đà Nẵng",
    ]
    listed = run_cli("--root", root, "members", "--as-of", "1/9/2025", env={"COLUMNS": "160"}).stdout
    positions = [listed.index(name) for name in in_file]
    assert positions == sorted(positions)
    out = tmp_path / "b.md"
    assert run_cli("--root", root, "brief", "--as-of", "1/9/2025", "--out", str(out)).exit_code == 0
    appendix = out.read_text(encoding="utf-8").split("DANH SÁCH THÀNH VIÊN")[1]
    positions = [appendix.index(f"| {name} |") for name in in_file]
    assert positions == sorted(positions)


def test_the_briefing_lists_its_sources_oldest_first(repo: Callable[..., Path], tmp_path: Path) -> None:
    """By the documents' dates, not by their files' names; an item's source under its document's."""
    root = _repo(repo)
    out = tmp_path / "b.md"
    assert run_cli("--root", root, "brief", "--as-of", "1/9/2025", "--out", str(out)).exit_code == 0
    sources = out.read_text(encoding="utf-8").split("NGUỒN SỐ LIỆU")[1]
    assert sources.index("1/TB-VPCP ngày 1/8/2025") < sources.index("2/TB-VPCP ngày 1/9/2025")
    assert "- Việc sau: Nguồn của việc sau" in sources  # by its title, never its id


def test_check_lists_localities_by_administrative_code(repo: Callable[..., Path]) -> None:
    """The official order of localities (Decision 19/2025/QĐ-TTg codes), in text and Markdown."""
    root = _repo(repo)
    for args in ((), ("--format", "md")):
        result = run_cli("--root", root, "check", *args, env={"COLUMNS": "160"})
        shown = [result.stdout.index(name) for name in ("Hà Nội", "Huế", "Đà Nẵng", "Hồ Chí Minh")]
        assert shown == sorted(shown), args
