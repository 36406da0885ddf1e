"""``dothi status`` answered from what an earlier run kept (``cli/quick.py``): the bytes the
application writes, or nothing at all, and the application answers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from conftest import CAO_BANG, HA_NOI, run_cli
from dothi.cli import quick
from dothi.cli.app import app
from dothi.data import names as names_module
from dothi.data import parallel

FIXTURES = Path(__file__).parent / "fixtures" / "status"
AS_OF = "2025-09-01"
# A task whose deadline counts from another's: a listing names the one it waits for by title.
WAITING = """
directive:
  number: 300/TB-VPCP
  kind: thong-bao
  date: 2025-08-01
  issuer: vpcp
  subject: Kết luận phiên họp thứ ba
tasks:
  - id: w1
    title: Ban hành bộ chỉ số đô thị thông minh
    lead: bxd
  - id: w2
    title: Hướng dẫn áp dụng bộ chỉ số
    lead: bkhcn
    deadline: {within: 10 ngày, from: w1}
"""


@pytest.fixture
def root(repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The status fixture (an item in every state as of 1/9/2025) and a task waiting for another,
    after the two runs that keep the day's listing; the environment run_cli gives the application."""
    for name in ("CI", "GITHUB_ACTIONS", "DOTHI_LANG", "DOTHI_ROOT", "DOTHI_PAGER", quick.COMPLETION):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    files = {
        "data/tasks/qd-100.yaml": (FIXTURES / "qd-100.yaml").read_text(encoding="utf-8"),
        "data/tasks/tb-200.yaml": (FIXTURES / "tb-200.yaml").read_text(encoding="utf-8"),
        "data/tasks/tb-300.yaml": WAITING,
        "data/localities/ha-noi.yaml": HA_NOI
        + (FIXTURES / "ha-noi-roadmap.yaml").read_text(encoding="utf-8"),
        "data/localities/cao-bang.yaml": CAO_BANG
        + (FIXTURES / "cao-bang-roadmap.yaml").read_text(encoding="utf-8"),
    }
    made = repo(files)
    for _ in range(2):  # the second run over the same files keeps the day
        assert run_cli("--root", str(made), "status", "--as-of", AS_OF).exit_code == 0
    assert (made / ".dothi-cache" / f"listing-{AS_OF}-14.pickle").is_file()
    return made


def answered(
    root: Path, before: list[str], args: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int | None, str]:
    capsys.readouterr()
    code = quick.answer(["--root", str(root), *before, "status", *args], dict(os.environ))
    return code, capsys.readouterr().out.replace("\r\n", "\n")  # as click's runner reads it back


SAME = [
    ([], ["--as-of", AS_OF]),
    ([], ["--as-of", "1/9/2025"]),
    ([], ["--as-of", AS_OF, "--format", "json"]),
    ([], ["--as-of", AS_OF, "--format=csv"]),
    ([], ["--as-of", AS_OF, "--format", "csv-excel"]),
    ([], ["--as-of", AS_OF, "--format", "md", "--all"]),
    ([], ["--as-of", AS_OF, "--all"]),
    ([], ["--as-of", AS_OF, "--all", "--limit", "2"]),
    ([], ["--as-of", AS_OF, "--quiet"]),
    ([], ["--as-of", AS_OF, "--no-limit", "--no-pager"]),
    ([], ["--as-of", AS_OF, "--state", "overdue", "--state", "in_progress"]),
    ([], ["--as-of", AS_OF, "--lead", "BXD", "--lead", "bxd", "--all"]),
    ([], ["--as-of", AS_OF, "--locality", "ha noi", "--format", "json"]),
    ([], ["--as-of", AS_OF, "--directive", "tb-300", "--all"]),
    (["--lang", "en"], ["--as-of", AS_OF, "--all"]),
    (["--lang=en", "--color", "never"], ["--as-of", AS_OF, "--format", "md", "--all"]),
    (["--color", "always"], ["--as-of", AS_OF, "--all"]),
]


@pytest.mark.parametrize(("before", "args"), SAME)
def test_a_kept_day_is_answered_with_the_applications_bytes(
    root: Path, before: list[str], args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = run_cli("--root", str(root), *before, "status", *args)
    assert expected.exit_code == 0
    assert answered(root, before, args, capsys) == (0, expected.stdout)


def test_the_listing_names_the_task_an_item_waits_for(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = answered(
        root, [], ["--as-of", AS_OF, "--directive", "tb-300", "--format", "md", "--all"], capsys
    )
    assert code == 0
    assert "tính từ khi nhiệm vụ “Ban hành bộ chỉ số đô thị thông minh” hoàn thành" in said


def test_today_is_the_clocks_day_in_vietnam(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from dothi.cli.values import Clock

    late = Clock(lambda: datetime(2025, 8, 31, 17, 30, tzinfo=UTC))  # 1/9/2025, 0:30 in Hà Nội
    code = quick.answer(["--root", str(root), "status", "--format", "json"], dict(os.environ), late)
    assert code == 0
    assert '"as_of": "2025-09-01"' in capsys.readouterr().out


LEFT = [
    ["validate"],
    ["status", "--as-of", AS_OF, "--help"],
    ["status", "--as-of", AS_OF, "-h"],
    ["status", "--as-of", AS_OF, "--format", "xlsx", "--out", "x.xlsx"],
    ["status", "--as-of", AS_OF, "--format", "yaml"],
    ["status", "--as-of", "31/2/2025"],
    ["status", "--as-of", "1/1/1999"],
    ["status", "--as-of", AS_OF, "--soon", "two"],
    ["status", "--as-of", AS_OF, "--limit", "3", "--format", "json"],
    ["status", "--as-of", AS_OF, "--limit", "3", "--no-limit"],
    ["status", "--as-of", AS_OF, "--quiet", "--format", "csv"],
    ["status", "--as-of", AS_OF, "--state", "late"],
    ["status", "--as-of", AS_OF, "--lead", "nobody"],
    ["status", "--as-of", AS_OF, "--directive", "tb-999"],
    ["status", "--as-of", AS_OF, "--all=yes"],
    ["status", "--as-of", AS_OF, "extra"],
    ["status", "--as-of"],
    ["status", "--as-of", AS_OF, "--soon", "7"],  # another reach of "due soon": not kept
    ["status", "--as-of", "2025-09-02"],  # another day: not kept
    ["--no-cache", "status", "--as-of", AS_OF],
    ["--version", "status", "--as-of", AS_OF],
    ["--lang", "fr", "status", "--as-of", AS_OF],
    ["--color", "pink", "status", "--as-of", AS_OF],
    ["--root"],
]


@pytest.mark.parametrize("args", LEFT)
def test_anything_else_is_left_to_the_application(
    root: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    given = ["--root", str(root), *args] if args != ["--root"] else args
    assert quick.answer(given, dict(os.environ)) is None
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("name", ["CI", quick.COMPLETION])
def test_ci_and_completion_are_left_to_the_application(root: Path, name: str) -> None:
    assert quick.answer(["--root", str(root), "status", "--as-of", AS_OF], {**os.environ, name: "1"}) is None


def test_a_changed_file_is_left_to_the_loader_which_reads_it_no_second_time(root: Path) -> None:
    task_file = root / "data/tasks/tb-300.yaml"
    task_file.write_text(WAITING + "# một ghi chú\n", encoding="utf-8")
    assert quick.answer(["--root", str(root), "status", "--as-of", AS_OF], dict(os.environ)) is None
    read = parallel.read_early(root)
    assert read[("data/tasks/tb-300.yaml")] == task_file.read_bytes()
    assert "data/members.yaml" in read


def test_a_listing_not_sealed_by_this_user_is_not_read(root: Path) -> None:
    kept = root / ".dothi-cache" / f"listing-{AS_OF}-14.pickle"
    data = bytearray(kept.read_bytes())
    data[-1] ^= 1
    kept.write_bytes(bytes(data))
    assert quick.answer(["--root", str(root), "status", "--as-of", AS_OF], dict(os.environ)) is None
    parallel.read_early(root)  # taken, as the loader would


def test_its_options_are_the_commands() -> None:
    command = typer.main.get_command(app)
    status = command.commands["status"]  # type: ignore[attr-defined]
    options = [param for param in status.params if param.opts[0].startswith("--")]
    flags = {param.opts[0] for param in options if param.is_flag}
    lists = {param.opts[0] for param in options if param.multiple}
    assert flags == quick.FLAGS
    assert lists == quick.LISTS
    assert {param.opts[0] for param in options} - flags - lists == quick.VALUES


@pytest.mark.parametrize("output", [["--format", "json"], ["--no-limit"]])
def test_a_kept_day_imports_neither_typer_nor_pydantic(root: Path, output: list[str]) -> None:
    """Nor Rich's console, into a pipe: the table is written without it (``print_plain``)."""
    args = ["--root", str(root), "status", "--as-of", AS_OF, *output]
    probe = (
        "import sys\n"
        f"sys.argv = ['dothi', *{args!r}]\n"
        "from dothi.cli import main\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        "heavy = ('typer', 'pydantic', 'yaml', 'ruamel', 'dothi.data.models', 'dothi.cli.app',"
        " 'rich.console')\n"
        "print(code, sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=environ)
    assert done.stderr.strip().splitlines()[-1] == "0 []", done.stderr
    assert done.stdout == run_cli(*args).stdout


def test_a_kept_listing_takes_the_waited_tasks_title_from_the_days_items(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every task's title is in the directives' models, which a warm run unpickles all at once
    (3 s at 100,000 items): the title of a task an item waits for comes from its own item."""

    def every_task(self: object) -> dict[str, str]:
        raise AssertionError("every directive's tasks were read")

    monkeypatch.setattr(names_module._TaskTitles, "_titles", property(every_task))
    day = "2025-09-02"  # a day not kept yet: a small one is kept when first asked
    assert run_cli("--root", str(root), "status", "--as-of", day, "--format", "json").exit_code == 0
    code, said = answered(
        root, [], ["--as-of", day, "--directive", "tb-300", "--format", "md", "--all"], capsys
    )
    assert code == 0
    assert "tính từ khi nhiệm vụ “Ban hành bộ chỉ số đô thị thông minh” hoàn thành" in said
