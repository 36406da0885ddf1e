"""``dothi done`` answered before Typer is imported (``cli/quick_edit.py``): what the application
says, refuses and writes, or nothing at all, and the application answers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from conftest import run_cli
from dothi.cli import quick_edit
from dothi.cli.app import app

FIXTURE = Path(__file__).parent / "fixtures" / "edit"
RECURRING = """\
directive:
  number: 101/TB-VPCP
  kind: thong-bao
  date: 24/7/2025
  issuer: vpcp
  subject: Báo cáo định kỳ
tasks:
  - id: q1
    title: Báo cáo hằng quý
    lead: bxd
    every: quarter
    due: ngày 15 tháng cuối quý
    from: 1/10/2025
"""


@pytest.fixture
def twins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two copies of the edit fixture and a recurring duty: one edited here, one by the
    application; the environment run_cli gives the application."""
    for name in ("CI", "GITHUB_ACTIONS", "DOTHI_LANG", "DOTHI_ROOT", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(quick_edit.COMPLETION, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    made = []
    for name in ("quick", "app"):
        root = tmp_path / name
        shutil.copytree(FIXTURE, root)
        (root / "data/tasks/tb-101.yaml").write_text(RECURRING, encoding="utf-8")
        made.append(root)
    return made[0], made[1]


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*.yaml"))}


SAME = [
    ["done", "t1", "--dry-run"],
    ["done", "t1", "--on", "1/8/2025"],
    ["done", "t1", "--on=1/8/2025", "--result", "Tờ trình số 12/TTr-BXD", "--dry-run"],
    ["done", "--on", "1/8/2025", "t1"],  # options before the argument
    ["done", "t3", "--on", "1/8/2025"],  # done already: the date is corrected, the diff shown
    ["done", "t3"],  # done already: refused
    ["done", "t2@bxd"],  # an assignee that answered already: refused
    ["done", "t2@bkhcn", "--on", "1/8/2025"],
    ["done", "t2"],  # an "each" task as a whole: refused
    ["done", "hn-2026", "--on", "1/8/2025", "--dry-run"],  # a milestone
    ["done", "q1", "--on", "1/12/2025"],  # a recurring duty needs its period
    ["done", "q1#2025-Q4", "--on", "1/12/2025"],
    ["done", "khong-co"],  # unknown: the nearest ids named
    ["done", "t1", "--on", "32/8/2025"],  # not a date
    ["done", "t1", "--on", "1/1/2099"],  # a day that has not come
    ["done", "t1", "--on", "1/1/2020"],  # before the directive assigned it
    ["done", "t1", "--result", " "],  # a blank text
    ["done", "ha-noi"],  # a locality is not done
    ["update", "t1", "Đã gửi dự thảo", "--on", "1/8/2025", "--dry-run"],
    ["update", "t1", "Đã gửi", "--on", "1/8/2025", "--by", "bxd", "--progress", "50"],
    ["update", "t1", "Đã gửi", "--progress", "007", "--on", "1/8/2025"],
    ["update", "t1", "Đã gửi", "--by", "nobody", "--on", "1/8/2025"],  # refused: an unknown member
    ["update", "t1", " "],
    ["update", "q1", "Đã nộp báo cáo", "--on", "1/12/2025"],  # a dated note finds its period
    ["respond", "t2", "bkhcn", "--status", "done", "--on", "1/8/2025", "--result", "Công văn số 1"],
    ["respond", "t2", "bkhcn", "--status", "finished"],
    ["respond", "t2", "xyz", "--status", "in_progress", "--note", "Đang làm"],
    ["obstacle", "ha-noi", "Thiếu kinh phí", "--on", "1/8/2025", "--needs", "pm"],
    ["obstacle", "t1", "Chậm", "--needs", "president"],
    ["cancel", "t1", "--reason", "Không còn phù hợp", "--on", "1/8/2025"],
    ["cancel", "t3", "--reason", "Trùng"],
    ["reopen", "t3", "--dry-run"],
    ["reopen", "t1"],  # open already
    ["extend", "t1", "--to", "31/12/2025", "--by", "12/VPCP-CN", "--on", "1/8/2025"],
    ["extend", "t1", "--to", "sớm"],
    ["transfer", "t1", "--to", "bkhcn", "--on", "1/8/2025"],
    ["transfer", "t1", "--to", "khong-co"],
]
BEFORE = [[], ["--lang", "en"], ["--no-cache"], ["--color", "never"]]


@pytest.mark.parametrize("before", BEFORE)
@pytest.mark.parametrize("args", SAME)
def test_an_edit_is_answered_as_the_application_answers_it(
    twins: tuple[Path, Path], capsys: pytest.CaptureFixture[str], before: list[str], args: list[str]
) -> None:
    quick, application = twins
    capsys.readouterr()
    code = quick_edit.answer(["--root", str(quick), *before, *args], dict(os.environ))
    said = capsys.readouterr()
    expected = run_cli("--root", str(application), *before, *args)
    assert code == expected.exit_code
    assert said.out.replace(str(quick), str(application)) == expected.stdout
    assert said.err.replace(str(quick), str(application)) == expected.stderr
    assert files(quick) == files(application)


LEFT = [
    ["validate"],  # another command
    ["add", "task", "--directive", "tb-100", "--id", "t9", "--title", "Việc mới", "--lead", "bxd"],
    ["cancel", "t1"],  # an option it must have, missing
    ["update", "t1", "Đã gửi", "--progress", "năm"],  # not a number
    ["update", "t1", "Đã gửi", "--progress", "+5"],  # a number written otherwise
    ["update", "t1", "- đã gửi"],  # a note that looks like an option
    ["done", "t1", "--help"],
    ["done", "t1", "-h"],
    ["done", "t1", "--on", "1/8/2025", "--on", "2/8/2025"],  # given twice
    ["done", "t1", "--dry-run=yes"],  # a flag given a value
    ["done", "t1", "--on"],  # a value missing
    ["done", "t1", "--on", "--dry-run"],  # an option where the value goes
    ["done", "t1", "--status", "done"],  # an option it does not have
    ["done", "t1", "t2"],  # one argument too many
    ["done"],  # one too few
    ["done", "--", "t1"],
]


@pytest.mark.parametrize("args", LEFT)
def test_anything_else_is_left_to_the_application(twins: tuple[Path, Path], args: list[str]) -> None:
    quick, _ = twins
    before = files(quick)
    assert quick_edit.answer(["--root", str(quick), *args], dict(os.environ)) is None
    assert files(quick) == before


@pytest.mark.parametrize(
    "before", [["--lang", "fr"], ["--color", "blue"], ["--version"], ["--no-cache=1"], ["--root"]]
)
def test_root_options_it_does_not_take_are_left_to_the_application(
    twins: tuple[Path, Path], before: list[str]
) -> None:
    quick, _ = twins
    args = [*before, "done", "t1", "--dry-run"] if before != ["--root"] else ["done", "t1", "--root"]
    assert quick_edit.answer(["--root", str(quick), *args], dict(os.environ)) is None


def test_completion_is_left_to_the_application(twins: tuple[Path, Path]) -> None:
    quick, _ = twins
    environ = {**os.environ, quick_edit.COMPLETION: "complete_bash"}
    assert quick_edit.answer(["--root", str(quick), "done", "t1", "--dry-run"], environ) is None


def test_its_options_are_the_commands() -> None:
    command = typer.main.get_command(app)
    for name, quick in quick_edit.COMMANDS.items():
        params = command.commands[name].params  # type: ignore[attr-defined]
        options = [param for param in params if param.opts[0].startswith("--")]
        assert {param.opts[0] for param in options if param.is_flag} == quick.flags
        assert {param.opts[0] for param in options if not param.is_flag} == quick.values
        assert {param.opts[0] for param in options if param.required} == quick.required
        numbers = {param.opts[0] for param in options if param.type_descriptor.annotation is int}
        assert numbers == quick.numbers
        assert len([param for param in params if not param.opts[0].startswith("-")]) == quick.arguments


def test_an_edit_imports_neither_typer_nor_richs_console(twins: tuple[Path, Path]) -> None:
    """Into a pipe, written or not: the diff and the message are written as the console would."""
    quick, application = twins
    for extra in (["--dry-run"], []):
        args = ["--root", str(quick), "done", "t1", "--on", "1/8/2025", *extra]
        probe = (
            "import sys\n"
            f"sys.argv = ['dothi', *{args!r}]\n"
            "from dothi.cli import main\n"
            "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
            "heavy = ('typer', 'click', 'dothi.cli.app', 'rich.console')\n"
            "print(code, sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ)
        )
        expected = run_cli("--root", str(application), "done", "t1", "--on", "1/8/2025", *extra)
        assert done.stderr.splitlines()[-1] == "0 []", done.stderr
        assert done.stdout == expected.stdout
        assert "".join(done.stderr.splitlines(keepends=True)[:-1]).replace(
            str(quick), ""
        ) == expected.stderr.replace(str(application), "")
    assert files(quick) == files(application)
