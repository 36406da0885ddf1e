"""dothi import (SPEC §7): the reader on the two public letters and on notices written in the
Government Office's forms, the file readers, and the command."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PROJECT_ROOT, run_cli
from dothi.data.repository import load_repository
from dothi.drafts.writer import directory_of
from dothi.importer.files import ImportFileError, read_text
from dothi.importer.model import Draft
from dothi.importer.names import Directory
from dothi.importer.reader import file_id, read

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SELECTORS = {"@localities", "@cities", "@provinces", "@ministries", "@members"}
LETTERS = {"002-5802-vpcp-cn": "5802-vpcp-cn", "003-4720-vpcp-kgvx": "4720-vpcp-kgvx"}


@pytest.fixture(scope="module")
def directory() -> Directory:
    repository = load_repository(PROJECT_ROOT, None).repository
    assert repository is not None
    return directory_of(repository)


def _expected(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    return loaded


def _assignees(draft: Draft) -> list[dict[str, Any]]:
    return [
        {"lead": t.lead, "support": t.support, "each": t.each, "deadline": t.deadline} for t in draft.tasks
    ]


@pytest.mark.parametrize("name", ["002-5802-vpcp-cn", "003-4720-vpcp-kgvx", "tb-999-vpcp"])
def test_the_corpus_reads_as_written_by_hand(name: str, directory: Directory) -> None:
    draft = read((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), directory)
    expected = _expected(name)
    header = draft.header
    got = {
        "number": header.number,
        "kind": header.kind,
        "date": header.day,
        "issuer": header.issuer,
        "signer": header.signer,
        "subject": header.subject,
    }
    assert got == expected["header"]
    assert len(draft.tasks) == len(expected["tasks"])
    for task, want in zip(draft.tasks, expected["tasks"], strict=True):
        for field in ("lead", "support", "each", "deadline", "title"):
            if field in want:
                assert getattr(task, field) == want[field], (task.detail, field)
    unplaced = [
        {
            "where": dict(u.source.params).get("point") if u.source else None,
            "reason": u.reason.key,
            "text": u.text,
        }
        for u in draft.unplaced
    ]
    assert len(unplaced) == len(expected["unplaced"])
    for item, want in zip(unplaced, expected["unplaced"], strict=True):
        assert {k: item[k] for k in want} == want


@pytest.mark.parametrize("letter", sorted(LETTERS))
def test_the_public_letters_give_the_projects_own_tasks(letter: str, directory: Directory) -> None:
    """Done when: assignees, leads, supports and deadlines as in data/tasks, with no hand edits."""
    draft = read((FIXTURES / f"{letter}.txt").read_text(encoding="utf-8"), directory)
    project = yaml.safe_load((PROJECT_ROOT / "data" / "tasks" / f"{LETTERS[letter]}.yaml").read_text("utf-8"))
    wanted = [
        {
            "lead": t.get("lead"),
            "support": t.get("support", []),
            "each": t.get("each", []),
            "deadline": t.get("deadline"),
        }
        for t in project["tasks"]
    ]
    assert _assignees(draft) == wanted
    assert file_id(draft.header.number or "") == LETTERS[letter]
    assert draft.header.day == project["directive"]["date"]
    assert draft.header.issuer == project["directive"]["issuer"]


def test_file_ids_come_from_the_number() -> None:
    assert file_id("512/TB-VPCP") == "512-tb-vpcp"
    assert file_id("1413/QĐ-TTg") == "1413-qd-ttg"
    assert file_id("57-NQ/TW") == "57-nq-tw"


def _docx(text: str, path: Path) -> None:
    """The notice as a Word file: the header in a two-column table, as the Office lays it out."""
    import docx

    document = docx.Document()
    lines = text.split("\n")
    split = lines.index("THÔNG BÁO")
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "\n".join(lines[:3])
    right.text = "\n".join(lines[3:split])
    for line in lines[split:]:
        document.add_paragraph(line)
    document.save(str(path))


def test_word_and_pdf_read_as_the_text(tmp_path: Path, directory: Directory) -> None:
    text = (FIXTURES / "tb-999-vpcp.txt").read_text(encoding="utf-8")
    _docx(text, tmp_path / "tb.docx")
    plain = read(text, directory)
    for path in (tmp_path / "tb.docx", FIXTURES / "tb-999-vpcp.pdf"):
        draft = read(read_text(path), directory)
        assert draft.header == plain.header, path
        assert _assignees(draft) == _assignees(plain), path
        assert [t.title for t in draft.tasks] == [t.title for t in plain.tasks], path


def test_hard_line_breaks_and_nfd_are_normalised(directory: Directory) -> None:
    import unicodedata

    text = (FIXTURES / "003-4720-vpcp-kgvx.txt").read_text(encoding="utf-8")
    draft = read(unicodedata.normalize("NFD", text).replace("\n", "\r\n"), directory)
    assert _assignees(draft) == _assignees(read(text, directory))
    assert all(unicodedata.is_normalized("NFC", t.detail) for t in draft.tasks)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_never_crashes_the_reader(text: str) -> None:
    directory = Directory.build(
        [("bxd", "Bộ Xây dựng", "BXD", "ministry")], [("ha-noi", "Thành phố Hà Nội", [])]
    )
    draft = read(text, directory)
    assert all(t.placed for t in draft.tasks)
    for task in draft.tasks:
        assert {task.lead or "bxd", *task.support, *task.each} <= {"bxd", "ha-noi", *SELECTORS}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "1. ",
                "Bộ Xây dựng",
                " chủ trì",
                ", phối hợp với ",
                "Bộ Tư pháp",
                "Các Bộ: ",
                "Xây dựng",
                " trước ngày 15/8",
                " và ",
                "\n",
                ":",
                ".",
                "Nơi nhận:",
                "Số: 1/TB-VPCP",
                "UBND các tỉnh",
            ]
        ),
        max_size=40,
    )
)
def test_notice_shaped_text_never_invents_an_id(parts: list[str]) -> None:
    directory = Directory.build([("bxd", "Bộ Xây dựng", "BXD", "ministry")], [])
    draft = read("".join(parts), directory)
    for task in draft.tasks:
        assert {task.lead or "bxd", *task.support, *task.each} <= {"bxd", *SELECTORS}


# --- bad files ---------------------------------------------------------------------------------


def _scan(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as out:
        writer.write(out)


BAD: dict[str, tuple[Callable[[Path], None], str]] = {
    "scan.pdf": (_scan, "import.error.scan"),
    "broken.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n garbage"), "import.error.damaged"),
    "broken.docx": (lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), "import.error.damaged"),
    "cp1258.txt": (
        lambda p: p.write_bytes(b"S\xf4\xec: 1/TB-VPCP"),
        "import.error.encoding",
    ),  # "Số" in cp1258
    "empty.md": (lambda p: p.write_text("  \n", encoding="utf-8"), "import.error.no_text"),
    "notice.rtf": (lambda p: p.write_text("x", encoding="utf-8"), "import.error.suffix"),
    "missing.txt": (lambda p: None, "import.error.missing"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_a_clear_error(name: str, tmp_path: Path) -> None:
    make, key = BAD[name]
    make(tmp_path / name)
    with pytest.raises(ImportFileError) as raised:
        read_text(tmp_path / name)
    assert raised.value.text.key == key


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The project's own repository without the two letters' task files."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    for name in LETTERS.values():
        (root / "data" / "tasks" / f"{name}.yaml").unlink()
    return root


def test_import_writes_a_file_that_validates(project_copy: Path) -> None:
    run = run_cli(
        "--root",
        str(project_copy),
        "--no-cache",
        "--lang",
        "en",
        "import",
        str(FIXTURES / "003-4720-vpcp-kgvx.txt"),
    )
    assert run.exit_code == 0, run.stderr
    assert run.stderr.splitlines() == [
        "Wrote data/tasks/4720-vpcp-kgvx.yaml",
        "Read 3 tasks (1 with a deadline); 0 agency names not recognised; 0 items not placed.",
    ]
    written = yaml.safe_load((project_copy / "data" / "tasks" / "4720-vpcp-kgvx.yaml").read_text("utf-8"))
    assert [t["id"] for t in written["tasks"]] == ["4720-1", "4720-2", "4720-3"]
    assert written["tasks"][2]["deadline"] == "trước ngày 05 tháng 6 năm 2025"
    assert run_cli("--root", str(project_copy), "--no-cache", "validate").exit_code == 0


def test_import_never_overwrites(project_copy: Path) -> None:
    target = project_copy / "data" / "tasks" / "4720-vpcp-kgvx.yaml"
    shutil.copy(PROJECT_ROOT / "data" / "tasks" / "4720-vpcp-kgvx.yaml", target)
    before = target.read_bytes()
    run = run_cli(
        "--root",
        str(project_copy),
        "--no-cache",
        "--lang",
        "en",
        "import",
        str(FIXTURES / "003-4720-vpcp-kgvx.txt"),
    )
    assert run.exit_code == 2
    assert "data/tasks/4720-vpcp-kgvx.yaml already exists" in run.stderr
    assert target.read_bytes() == before


def test_dry_run_prints_the_yaml_and_writes_nothing(project_copy: Path) -> None:
    run = run_cli(
        "--root",
        str(project_copy),
        "--no-cache",
        "import",
        "--dry-run",
        str(FIXTURES / "002-5802-vpcp-cn.txt"),
    )
    assert run.exit_code == 0, run.stderr
    assert not (project_copy / "data" / "tasks" / "5802-vpcp-cn.yaml").exists()
    printed = yaml.safe_load(run.stdout)
    assert printed["directive"]["number"] == "5802/VPCP-CN"
    assert [t["deadline"] for t in printed["tasks"] if "deadline" in t] == [
        "dự kiến vào cuối năm 2024",
        "vào năm 2025",
    ]
    assert "# Mục 3: “Tổ chức Hội thảo toàn quốc" in run.stdout


def test_what_cannot_be_placed_is_reported_and_left_as_a_comment(project_copy: Path) -> None:
    run = run_cli(
        "--root",
        str(project_copy),
        "--no-cache",
        "--lang",
        "en",
        "import",
        "--id",
        "tb-999",
        str(FIXTURES / "tb-999-vpcp.txt"),
    )
    assert run.exit_code == 0, run.stderr
    assert "Not placed (Point II.6): “Bộ Tư pháp” matches no organization or locality" in run.stderr
    assert run.stderr.splitlines()[-1] == (
        "Read 7 tasks (7 with a deadline); 1 agency names not recognised; 4 items not placed."
    )
    text = (project_copy / "data" / "tasks" / "tb-999.yaml").read_text(encoding="utf-8")
    assert "# NOT PLACED, for a person to finish:" in text
    assert "#   “Các cơ quan liên quan tăng cường trao đổi thông tin về đô thị thông minh.”" in text
    assert "tu-phap" not in text
    assert "deadline: trước ngày 15/12/2025" in text and "without a year" in text


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nowhere.docx"], 2, "There is no file"),
        (["--id", "Bad Id", "x.txt"], 2, "is not a valid id"),
    ],
)
def test_usage_errors(project_copy: Path, args: list[str], code: int, message: str) -> None:
    run = run_cli("--root", str(project_copy), "--lang", "en", "import", *args)
    assert run.exit_code == code
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_a_text_without_tasks_is_exit_1(project_copy: Path, tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_text(
        "Số: 12/TB-VPCP\nHà Nội, ngày 1 tháng 2 năm 2025\nTHÔNG BÁO\nVề một việc\nCảm ơn.\n", encoding="utf-8"
    )
    run = run_cli("--root", str(project_copy), "--no-cache", "--lang", "en", "import", str(source))
    assert run.exit_code == 1
    assert "No task was found" in run.stderr


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300).map(
        lambda t: "Số: 7/TB-VPCP\n1. Bộ Xây dựng " + t
    )
)
def test_any_draft_is_written_as_yaml_that_reads_back(text: str) -> None:
    from dothi.drafts.writer import build
    from dothi.messages import Catalogue

    directory = Directory.build([("bxd", "Bộ Xây dựng", "BXD", "ministry")], [])
    draft = read(text, directory)
    doc = build(draft, "data/tasks/7-tb-vpcp.yaml", "7-tb-vpcp", set(), Catalogue("vi"), "x.txt")
    loaded = yaml.safe_load(doc.dump())
    assert [t["detail"] for t in loaded["tasks"]] == [t.detail for t in draft.tasks]


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".pdf", ".docx"]))
def test_any_bytes_are_read_or_refused_clearly(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"file{suffix}"
    path.write_bytes(data)
    try:
        read_text(path)
    except ImportFileError as error:
        assert error.text.key.startswith("import.error.")


NOTICE = (
    "Số: 77/TB-VPCP\nHà Nội, ngày 10 tháng 11 năm 2025\nTHÔNG BÁO\nKết luận về một việc\n"
    "{points}\nNơi nhận:\n- Lưu: VT.\n"
)
RULES = [
    # (the point as written, lead, support, each, deadline)
    ("1. Bộ Xây dựng phối hợp với BKHCN rà soát quy chuẩn.", "bxd", ["bkhcn"], [], None),
    (
        "1. Chủ tịch Ủy ban nhân dân TP. Hồ Chí Minh chỉ đạo xây dựng đề án trong 6 tháng đầu năm 2026.",
        "ho-chi-minh",
        [],
        [],
        "trong 6 tháng đầu năm 2026",
    ),
    (
        "1. Các Bộ, ngành, địa phương tổ chức thực hiện Đề án giai đoạn 2018 - 2025, "
        "định hướng đến năm 2030.",
        None,
        [],
        ["@ministries", "@localities"],
        None,
    ),
    (
        "1. Các thành viên Tổ công tác gửi ý kiến trước ngày 20/11/2025.",
        None,
        [],
        ["@members"],
        "trước ngày 20/11/2025",
    ),
    (
        "1. UBND thành phố Hải Phòng, Ủy ban nhân dân Thành phố Đà Nẵng khẩn trương báo cáo cuối năm 2025.",
        None,
        [],
        ["hai-phong", "da-nang"],
        "cuối năm 2025",
    ),
    (
        "1. Bộ Công an chủ trì, phối hợp với các Bộ, ngành xây dựng quy chế "
        "chậm nhất ngày 15 tháng 12 năm 2025.",
        "bca",
        [],
        [],
        "chậm nhất ngày 15 tháng 12 năm 2025",
    ),
    ("1. Các tỉnh rà soát quy hoạch trong quý IV/2025.", None, [], ["@provinces"], "trong quý IV/2025"),
    ("1. Đề nghị Bộ Thanh Hoá báo cáo.", None, None, None, None),  # no such ministry: not placed
]


@pytest.mark.parametrize(("point", "lead", "support", "each", "deadline"), RULES)
def test_each_rule_of_the_reader(
    point: str,
    lead: str | None,
    support: list[str] | None,
    each: list[str] | None,
    deadline: str | None,
    directory: Directory,
) -> None:
    draft = read(NOTICE.format(points=point), directory)
    if support is None:
        assert draft.tasks == []
        assert [u.reason.key for u in draft.unplaced] == [
            "import.unplaced.unknown_name",
            "import.unplaced.no_assignee",
        ]
        return
    assert _assignees(draft) == [{"lead": lead, "support": support, "each": each, "deadline": deadline}]


def test_a_topic_before_the_subject_is_read_through(directory: Directory) -> None:
    draft = read(
        NOTICE.format(points="a) Về thể chế: giao Bộ Công an chủ trì xây dựng quy chế bảo mật dữ liệu."),
        directory,
    )
    assert _assignees(draft) == [{"lead": "bca", "support": [], "each": [], "deadline": None}]
    assert draft.tasks[0].title == "Xây dựng quy chế bảo mật dữ liệu"
