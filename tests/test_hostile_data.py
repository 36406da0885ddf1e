"""Hostile and unlucky data (issue 21): files that are not read, control characters, ids with a
newline, assignees that are nobody, and a recurring duty from 1900.

Every test reproduces the case as it was found and failed before its fix.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import HA_NOI, Run, run_cli
from dothi.data.models import is_slug
from dothi.data.repository import load_repository
from dothi.render.problems import source_and_caret
from dothi.reports.states import items_as_of

Repo = Callable[..., Path]
TASKS = "data/tasks/qd.yaml"
HEADER = """\
directive:
  number: 1413/QĐ-TTg
  kind: quyet-dinh
  date: 2025-06-30
  issuer: vpcp
  subject: Thành lập Tổ công tác
tasks:
"""
ONE_TASK = HEADER + "  - id: t1\n    title: x\n    lead: bxd\n"
HO_CHI_MINH = 'name: Thành phố Hồ Chí Minh\ncode: "79"\nkind: city\n'
ROOT_SKIP = pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")


def directive(tasks: str) -> str:
    """A directive file: the header, then ``tasks`` (written from column 0) under “tasks:”."""
    return HEADER + textwrap.indent(textwrap.dedent(tasks), "  ")


def validate(root: Path, *options: str, strict: bool = False) -> Run:
    extra = ("--strict",) if strict else ()
    result = run_cli("--root", str(root), "--no-cache", *options, "validate", "--format", "json", *extra)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def found(result: Run) -> list[tuple[str, int, int, str, str, str, str | None]]:
    """Every problem: file, line, column, severity, code, message, hint."""
    return [
        (p["file"], p["line"], p["column"], p["severity"], p["code"], p["message"], p["hint"])
        for p in result.json()["problems"]
    ]


def english(root: Path) -> list[tuple[str, int, int, str, str, str, str | None]]:
    return found(validate(root, "--lang", "en"))


# --- 1. files that are not read are never silent ----------------------------------------------------

NESTED = "not read: dothi reads only the files directly in data/tasks/, not those in subfolders"
MOVE_UP = "move it up into data/tasks/ (its name is its id, so it must differ from the names there)"


def test_yml_beside_yaml_is_one_directive_twice(repo: Repo) -> None:
    """x.yml used to replace x.yaml's directive without a word: both are read, and clash."""
    other = HEADER + "  - id: t2\n    title: y\n    lead: bxd\n"
    root = repo({"data/tasks/x.yaml": ONE_TASK, "data/tasks/x.yml": other})
    assert english(root) == [
        (
            "data/tasks/x.yml",
            1,
            1,
            "error",
            "duplicate-id",
            "id “x” is already defined at data/tasks/x.yaml:1",
            "rename one of the two files: a file's name is the directive's id",
        )
    ]


def test_yaml_files_in_subfolders_are_reported_each(repo: Repo) -> None:
    root = repo(
        {
            TASKS: ONE_TASK,
            "data/tasks/2025/a.yaml": ONE_TASK,
            "data/tasks/2025/old/b.yml": ONE_TASK,
            "data/tasks/2025/notes.md": "not data\n",
            "data/localities/mien-bac/ha-noi.yaml": HA_NOI,
        }
    )
    result = validate(root, "--lang", "en")
    assert result.exit_code == 1
    assert found(result) == [
        (
            "data/localities/mien-bac/ha-noi.yaml",
            1,
            1,
            "error",
            "unread-file",
            "not read: dothi reads only the files directly in data/localities/, not those in subfolders",
            "move it up into data/localities/ (its name is its id, so it must differ from the names there)",
        ),
        ("data/tasks/2025/a.yaml", 1, 1, "error", "unread-file", NESTED, MOVE_UP),
        ("data/tasks/2025/old/b.yml", 1, 1, "error", "unread-file", NESTED, MOVE_UP),
    ]


def test_upper_case_suffix_is_reported_with_the_name_to_use(repo: Repo) -> None:
    root = repo({TASKS: ONE_TASK, "data/tasks/qd-2.YAML": ONE_TASK, "data/localities/hue.Yml": HA_NOI})
    rename = "not read: a data file's name must end in “.yaml”, in lower case"
    assert english(root) == [
        ("data/localities/hue.Yml", 1, 1, "error", "unread-file", rename, "rename it to “hue.yaml”"),
        ("data/tasks/qd-2.YAML", 1, 1, "error", "unread-file", rename, "rename it to “qd-2.yaml”"),
    ]


def test_vietnamese_message_for_a_file_in_a_subfolder(repo: Repo) -> None:
    root = repo({TASKS: ONE_TASK, "data/tasks/2025/a.yaml": ONE_TASK})
    assert found(validate(root)) == [
        (
            "data/tasks/2025/a.yaml",
            1,
            1,
            "error",
            "unread-file",
            "không đọc: dothi chỉ đọc các tệp nằm ngay trong data/tasks/, không đọc thư mục con",
            "chuyển tệp lên data/tasks/ (tên tệp là mã, nên phải khác tên các tệp đã có ở đó)",
        )
    ]


def test_dangling_link_and_link_loop_are_unreadable(repo: Repo) -> None:
    root = repo({TASKS: ONE_TASK})
    (root / "data/tasks/gone.yaml").symlink_to(root / "nowhere.yaml")
    (root / "data/tasks/loop.yaml").symlink_to("loop.yaml")
    fix = "correct the link, or put the data file itself in its place"
    assert english(root) == [
        (
            "data/tasks/gone.yaml",
            1,
            1,
            "error",
            "unreadable",
            f"cannot read the file: it is a link to “{root / 'nowhere.yaml'}”, which does not exist",
            fix,
        ),
        (
            "data/tasks/loop.yaml",
            1,
            1,
            "error",
            "unreadable",
            "cannot read the file: Too many levels of symbolic links",
            fix,
        ),
    ]


def test_a_fifo_is_reported_and_never_opened(repo: Repo) -> None:
    """Opening a pipe blocks until someone writes: in a subprocess, so that a regression fails."""
    root = repo({TASKS: ONE_TASK})
    os.mkfifo(root / "data/tasks/pipe.yaml")
    (root / "data/localities/zero.yaml").parent.mkdir(parents=True)
    (root / "data/localities/zero.yaml").symlink_to("/dev/zero")
    command = [
        sys.executable,
        "-m",
        "dothi",
        "--root",
        str(root),
        "--lang",
        "en",
        "validate",
        "--format",
        "json",
    ]
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, check=False)
    special = "not read: this is not a regular file (but a pipe, a device or a socket)"
    assert done.returncode == 1
    assert [(p["file"], p["code"], p["message"]) for p in json.loads(done.stdout)["problems"]] == [
        ("data/localities/zero.yaml", "unread-file", special),
        ("data/tasks/pipe.yaml", "unread-file", special),
    ]


def test_a_folder_named_like_a_data_file(repo: Repo) -> None:
    root = repo({TASKS: ONE_TASK, "data/tasks/x.yaml/a.yaml": ONE_TASK})
    (root / "data/requirements.yaml").mkdir()
    folder = (
        "not read: this is a folder, not a file",
        "data must be in a file: rename this folder (without “.yaml”)",
    )
    assert english(root) == [
        ("data/requirements.yaml", 1, 1, "error", "unread-file", *folder),
        ("data/tasks/x.yaml", 1, 1, "error", "unread-file", *folder),
    ]


def test_a_link_to_a_folder_is_reported_not_walked(repo: Repo) -> None:
    root = repo({TASKS: ONE_TASK})
    (root / "data/tasks/everything").symlink_to("/")
    assert english(root) == [
        (
            "data/tasks/everything",
            1,
            1,
            "error",
            "unread-file",
            "not read: this is a link to a folder, and dothi does not read subfolders",
            "move the .yaml files it holds in here, then delete the link",
        )
    ]


def test_unreadable_tasks_folder_is_an_error(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """As another user meets a folder made with “chmod 000” (simulated: root reads anything)."""
    root = repo({TASKS: ONE_TASK})
    scandir = os.scandir

    def refuse(path: Any) -> Any:
        if str(path).endswith("data/tasks"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = validate(root, "--lang", "en")
    assert result.exit_code == 1
    assert found(result) == [
        ("data/tasks", 1, 1, "error", "unreadable", "cannot read the folder: Permission denied", None)
    ]


@ROOT_SKIP
def test_unreadable_tasks_folder_for_real(repo: Repo) -> None:
    root = repo({TASKS: ONE_TASK})
    (root / "data/tasks").chmod(0)
    try:
        result = validate(root, "--lang", "en")
    finally:
        (root / "data/tasks").chmod(0o755)
    assert found(result) == [
        ("data/tasks", 1, 1, "error", "unreadable", "cannot read the folder: Permission denied", None)
    ]


def test_tasks_is_a_file_not_a_folder(repo: Repo) -> None:
    root = repo({"data/tasks": ONE_TASK})
    assert english(root) == [
        (
            "data/tasks",
            1,
            1,
            "error",
            "unread-file",
            "not read: this must be a folder of .yaml files, but it is a file",
            "move this file elsewhere, create a folder of that name and put the .yaml files in it",
        )
    ]


def test_yaml_files_in_data_that_dothi_does_not_read(repo: Repo) -> None:
    stray = (
        "not read: in data/, dothi reads only members.yaml, requirements.yaml, calendar.yaml, "
        "settings.yaml and the folders tasks/ and localities/"
    )
    elsewhere = (
        "put a directive in data/tasks/ and a locality in data/localities/; move any other file out of data/"
    )
    root = repo(
        {
            TASKS: ONE_TASK,
            "data/requirement.yml": "sections: []\n",
            "data/qd-382.yaml": ONE_TASK,
            "data/task/qd-5.yaml": ONE_TASK,
        }
    )
    assert english(root) == [
        ("data/qd-382.yaml", 1, 1, "error", "unread-file", stray, elsewhere),
        ("data/requirement.yml", 1, 1, "error", "unread-file", stray, "rename it to “requirements.yaml”"),
        ("data/task/qd-5.yaml", 1, 1, "error", "unread-file", stray, elsewhere),
    ]


def test_files_that_are_not_yaml_are_left_alone(repo: Repo) -> None:
    """README.md, editor backups and swap files are no data: no problem, as before."""
    root = repo(
        {
            TASKS: ONE_TASK,
            "data/tasks/README.md": "# Directives\n",
            "data/tasks/qd.yaml~": ONE_TASK,
            "data/tasks/.qd.yaml.swp": "x",
            "data/README.md": "# Data\n",
        }
    )
    result = validate(root)
    assert result.exit_code == 0
    assert result.json()["problems"] == []


def test_the_projects_own_data_is_valid_under_strict() -> None:
    result = run_cli("--no-cache", "validate", "--strict", "--format", "json")
    assert (result.exit_code, result.json()["problems"]) == (0, [])


# --- 10 (data) and 14. control characters ---------------------------------------------------------

CONTROL = "the value holds the control character {}: it cannot be printed, and it can garble a terminal"
DELETE_ESCAPE = (
    "delete the escape that makes it (such as “\\e”, “\\x1b”, “\\u001b”) from the double-quoted value"
)


ESCAPED = r"""- id: t1
  title: "Báo cáo \e[2J\e]8;;https://x.example\e\\link"
  lead: bxd
  detail: "bell \a, C1 \x9b, DEL \x7f"
  result: "tab\tand newline\n are fine"
- id: t2
  title: x
  lead: bxd
  "key\x07": 1
"""


def test_control_characters_in_values_are_warnings_at_their_line(repo: Repo) -> None:
    root = repo({TASKS: directive(ESCAPED)})
    result = validate(root, "--lang", "en")
    assert [p[1:6] for p in found(result)] == [
        (9, 12, "warning", "control-character", CONTROL.format("U+001B")),
        (11, 13, "warning", "control-character", CONTROL.format("U+0007")),
        (16, 5, "warning", "control-character", CONTROL.format("U+0007")),
        (16, 5, "error", "unknown-key", "task t2: unknown key “key\x07”"),
    ]
    assert found(result)[0][6] == DELETE_ESCAPE


def test_clean_escapes_and_crlf_files_give_no_warning(repo: Repo) -> None:
    text = directive('- id: t1\n  title: "a \\"quoted\\" word, \\u00e0 and \\t"\n  lead: bxd\n')
    root = repo({TASKS: text.replace("\n", "\r\n").encode("utf-8")})
    result = validate(root, strict=True)
    assert (result.exit_code, result.json()["problems"]) == (0, [])


def test_a_raw_control_character_is_at_its_real_line_and_column(repo: Repo) -> None:
    """It was “line 1, column 1 … position 3608”: libyaml counts bytes, the file has Vietnamese."""
    text = directive("- id: t1\n  title: Xây dựng \x1b[31mkế hoạch\n  lead: bxd\n")
    root = repo({TASKS: text})
    assert english(root) == [
        (
            TASKS,
            9,
            21,
            "error",
            "yaml-syntax",
            "the character U+001B is not allowed in a YAML file "
            "(a control or special character that cannot be printed)",
            "delete it: it usually comes in with text pasted from another program (a terminal, Word)",
        )
    ]


def test_the_echoed_source_line_shows_a_control_character_as_its_picture(repo: Repo) -> None:
    root = repo({TASKS: directive("- id: t1\n  title: Xây dựng \x1b[2Jkế hoạch\n  lead: bxd\n")})
    result = run_cli("--root", str(root), "--no-cache", "validate")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert result.stdout.splitlines()[1:3] == [
        "    9 |     title: Xây dựng ␛[2Jkế hoạch",
        "      |                     ^",
    ]


# --- 15. assignees that are nobody, sections listed twice --------------------------------------


def test_each_empty_is_an_error(repo: Repo) -> None:
    root = repo({TASKS: directive("- id: t1\n  title: x\n  each: []\n")})
    result = validate(root)
    assert result.exit_code == 1
    assert found(result) == [
        (
            TASKS,
            10,
            11,
            "error",
            "assignee-form",
            "nhiệm vụ t1: “each” rỗng: nhiệm vụ không giao cho cơ quan, địa phương nào "
            "nên sẽ không có trong báo cáo nào",
            "liệt kê các cơ quan, địa phương thực hiện, ví dụ “each: [bxd, ha-noi]”, hoặc ghi “lead: bxd”",
        )
    ]


def test_a_selector_that_names_nobody_is_a_warning(repo: Repo) -> None:
    root = repo({TASKS: directive('- id: t1\n  title: x\n  each: [bxd, "@provinces"]\n')})
    result = validate(root, "--lang", "en")
    assert result.exit_code == 0
    assert found(result) == [
        (
            TASKS,
            10,
            17,
            "warning",
            "empty-selector",
            "task t1: the selector “@provinces” names nobody in the data",
            "add localities with “kind: province” to data/localities/, or remove the selector from “each”",
        )
    ]


def test_each_of_selectors_that_all_name_nobody_is_an_error(repo: Repo) -> None:
    root = repo(
        {
            TASKS: directive('- id: t1\n  title: x\n  each: ["@cities"]\n'),
            "data/localities/cao-bang.yaml": 'name: Tỉnh Cao Bằng\ncode: "04"\nkind: province\n',
        }
    )
    assert english(root) == [
        (
            TASKS,
            10,
            11,
            "error",
            "assignee-form",
            "task t1: the selectors in “each” name nobody: no report would show the task",
            "list the assignees, e.g. “each: [bxd, ha-noi]”, or write “lead: bxd”",
        )
    ]


def test_duplicate_requirement_ids_are_an_error(repo: Repo) -> None:
    requirements = """\
    sections:
      - id: hien-trang
        title: Hiện trạng
      - id: hien-trang
        title: Đánh giá hiện trạng
    """
    root = repo({"data/requirements.yaml": requirements})
    assert english(root) == [
        (
            "data/requirements.yaml",
            4,
            9,
            "error",
            "duplicate-id",
            "id “hien-trang” is already defined at data/requirements.yaml:2",
            "give one of the two a different id",
        )
    ]


# --- 16. one anchored id rule, keys the user can write, source lines as written ----------------


def test_the_id_rule_is_anchored_at_the_very_end() -> None:
    assert is_slug("qd-1413")
    assert not is_slug("qd-1413\n")
    assert not is_slug("qd\n1413")


def test_an_id_with_a_final_newline_is_invalid(repo: Repo) -> None:
    root = repo({TASKS: directive('- id: "t1\\n"\n  title: x\n  lead: bxd\n')})
    assert english(root) == [
        (
            TASKS,
            8,
            9,
            "error",
            "invalid-id",
            "task t1\n: “t1\n” is not a valid id",
            "an id has lower-case ASCII letters, digits, “-”, “_”, “.”, e.g. “t1”",
        )
    ]


def test_a_file_name_with_a_final_newline_is_invalid(repo: Repo) -> None:
    root = repo({TASKS: ONE_TASK, "data/tasks/qd-2\n.yaml": HEADER + "  []\n"})
    assert [(p[0], p[4]) for p in english(root)] == [("data/tasks/qd-2\n.yaml", "invalid-id")]


def test_add_directive_refuses_an_id_with_a_newline(repo: Repo) -> None:
    root = repo({TASKS: ONE_TASK})
    options = [
        "--number",
        "1/TB",
        "--kind",
        "thong-bao",
        "--date",
        "1/1/2025",
        "--issuer",
        "vpcp",
        "--subject",
        "x",
    ]
    result = run_cli("--root", str(root), "--lang", "en", "add", "directive", "x\n", *options)
    assert result.exit_code == 2
    assert sorted(p.name for p in (root / "data/tasks").iterdir()) == ["qd.yaml"]


def test_start_is_not_suggested_for_start(repo: Repo) -> None:
    """“start” is the model's name for “from”: the user is told “from”, never “start” again."""
    root = repo({TASKS: directive("- id: t1\n  title: x\n  lead: bxd\n  every: month\n  start: 1/1/2026\n")})
    assert english(root) == [
        (TASKS, 12, 5, "error", "unknown-key", "task t1: unknown key “start”", "did you mean “from”?")
    ]


def test_allowed_keys_are_the_keys_a_user_writes(repo: Repo) -> None:
    root = repo({TASKS: directive("- id: t1\n  title: x\n  lead: bxd\n  zzz: 1\n")})
    allowed = (
        "allowed keys: cancel_reason, cancelled_on, deadline, detail, done_by, done_on, due, each, every, "
        "extensions, from, id, lead, obstacles, progress, responses, result, source, status, support, title, "
        "transfers, until, updates, waive"
    )
    assert english(root) == [(TASKS, 11, 5, "error", "unknown-key", "task t1: unknown key “zzz”", allowed)]


def test_an_emoji_shortcode_in_a_source_line_stays_as_written(repo: Repo) -> None:
    """Rich turned “:x:” into ❌ (one character for three) and the caret slid off the value."""
    root = repo({TASKS: directive('- {id: t1, title: ":x: họp :warning:", lead: bxdd}\n')})
    result = run_cli("--root", str(root), "--no-cache", "validate")
    assert result.stdout.splitlines()[1:3] == [
        '    8 |   - {id: t1, title: ":x: họp :warning:", lead: bxdd}',
        "      |                                                ^",
    ]


def test_an_emoji_shortcode_in_a_title_stays_as_written(repo: Repo) -> None:
    root = repo({TASKS: directive('- id: t1\n  title: "Họp :x: lần 2"\n  lead: bxd\n')})
    result = run_cli("--root", str(root), "--no-cache", "show", "t1")
    assert "Họp :x: lần 2" in result.stdout
    assert "❌" not in result.stdout


@pytest.mark.parametrize(
    ("line", "column", "shown", "padding"),
    [
        ("a\tb: c", 4, "a b: c", "   "),
        ("x: \x1b[2J!", 8, "x: ␛[2J!", "       "),
        ("x: \x9b\x7f", 5, "x: \ufffd\u2421", "    "),
        ("tên: 東京 x", 9, "tên: 東京 x", "          "),  # wide characters take two cells
        ("te\u0302n: x", 7, "te\u0302n: x", "     "),  # a decomposed mark takes none
    ],
)
def test_source_and_caret(line: str, column: int, shown: str, padding: str) -> None:
    assert source_and_caret(line, column) == (shown, padding)


# --- 17. a recurring duty from 1900 ------------------------------------------------------------

FROM_1900 = """\
- id: bao-cao
  title: Báo cáo tháng
  each: ["@localities", "@ministries"]
  every: month
  from: 1/1/1900
"""


def test_a_recurring_duty_from_1900_is_warned(repo: Repo) -> None:
    root = repo({TASKS: directive(FROM_1900), "data/localities/ha-noi.yaml": HA_NOI})
    assert english(root) == [
        (
            TASKS,
            12,
            11,
            "warning",
            "early-start",
            "task bao-cao: “from” (1/1/1900) is before the period in which the duty was assigned "
            "(30/6/2025): periods that ended earlier are not tracked",
            "check “from”; to track the work of an earlier period, add a task of its own with a “deadline”",
        )
    ]


def test_a_recurring_duty_from_1900_costs_only_the_periods_since_its_directive(repo: Repo) -> None:
    """1,514 months × every assignee used to be 70,000 overdue items and a 41 s “status”."""
    root = repo(
        {
            TASKS: directive(FROM_1900),
            "data/localities/ha-noi.yaml": HA_NOI,
            "data/localities/ho-chi-minh.yaml": HO_CHI_MINH,
        }
    )
    repository = load_repository(root).repository
    assert repository is not None
    items = items_as_of(repository, date(2025, 9, 1))
    assert sorted({item.id.split("@")[0] for item in items}) == [
        "bao-cao#2025-06",
        "bao-cao#2025-07",
        "bao-cao#2025-08",
        "bao-cao#2025-09",
    ]
    assert len(items) == 4 * 4  # two ministries, two localities
    overdue = {item.id for item in items if item.state == "overdue"}
    assert "bao-cao#2025-06@ha-noi" in overdue  # a past period not done is still overdue
    assert "bao-cao#2025-07@bxd" in overdue


def test_a_from_inside_the_directives_period_gives_no_warning(repo: Repo) -> None:
    root = repo(
        {TASKS: directive(FROM_1900.replace("1/1/1900", "1/6/2025")), "data/localities/ha-noi.yaml": HA_NOI}
    )
    result = validate(root, strict=True)
    assert (result.exit_code, result.json()["problems"]) == (0, [])
