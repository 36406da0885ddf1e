"""``dothi extend`` and ``dothi transfer`` (issue 15 item 4): one command records an extension or a
transfer, with the guarantees of every edit: validated, atomic, locked, ``--dry-run``, and a refusal
leaves the file byte-identical. Each edit's diff is a golden file under tests/golden/edit/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from test_edit import FIXTURE, TASKS, assert_golden, file_diff, snapshot


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    return target


EDITS = {
    "extend_task": [
        "extend",
        "t1",
        "--to",
        "trước ngày 31/8/2025",
        "--by",
        "123/VPCP-CN",
        "--on",
        "10/8/2025",
    ],
    "extend_assignment": ["extend", "t2@bkhcn", "--to", "15/8/2025", "--on", "24/7/2025"],
    "transfer": ["transfer", "t1", "--to", "bkhcn", "--by", "5/QĐ-TTg", "--on", "1/8/2025"],
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_each_history_command_changes_exactly_the_intended_lines(root: Path, name: str) -> None:
    args = EDITS[name]
    before = snapshot(root)
    dry = run_cli("--root", str(root), *args, "--dry-run")
    assert (dry.exit_code, dry.stderr) == (0, ""), dry.stderr
    assert snapshot(root) == before  # a dry run writes nothing
    result = run_cli("--root", str(root), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"Đã ghi {TASKS}\n")
    after = snapshot(root)
    assert {k for k in after if after[k] != before.get(k)} == {TASKS}
    diff = file_diff(TASKS, before[TASKS], after[TASKS])
    assert dry.stdout == diff
    assert_golden(name, diff)
    assert run_cli("--root", str(root), "validate", "--strict").exit_code == 0


def test_the_extension_and_the_transfer_reach_the_reports(root: Path) -> None:
    for args in (EDITS["extend_task"], EDITS["transfer"]):
        assert run_cli("--root", str(root), *args).exit_code == 0
    status = ["--root", str(root), "status", "--format", "json", "--all"]
    before = {i["id"]: i for i in run_cli(*status, "--as-of", "31/7/2025").json()["items"]}
    after = {i["id"]: i for i in run_cli(*status, "--as-of", "20/8/2025").json()["items"]}
    assert (before["t1"]["lead"], before["t1"]["due"], before["t1"]["extended"]) == (
        "bxd",
        "2025-08-15",
        False,
    )
    assert (after["t1"]["lead"], after["t1"]["due"], after["t1"]["extended"]) == ("bkhcn", "2025-08-31", True)


REFUSED = [
    (["extend", "t3", "--to", "31/12/2025"], 1, "«t3»"),  # done: nothing left to extend
    (["extend", "nope", "--to", "31/12/2025"], 2, "nope"),
    (["extend", "t1", "--to", "31/2/2026"], 2, "31/2/2026"),
    (["extend", "t1", "--to", "31/12/2025", "--on", "1/7/2025"], 1, "history-date"),
    (["transfer", "t2", "--to", "bkhcn"], 2, "t2"),
    (["transfer", "t1", "--to", "bkhc"], 2, "bkhcn"),
    (["transfer", "t1", "--to", "bxd", "--on", "1/8/2025"], 1, "bxd"),
    (["transfer", "nope", "--to", "bkhcn"], 2, "nope"),
]


@pytest.mark.parametrize(
    ("args", "code", "said"), REFUSED, ids=[f"{a[0]}-{i}" for i, (a, _, _) in enumerate(REFUSED)]
)
def test_a_refused_history_edit_writes_nothing(root: Path, args: list[str], code: int, said: str) -> None:
    before = snapshot(root)
    result = run_cli("--root", str(root), *args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert said in result.stderr.replace("“", "«").replace("”", "»") or said in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before
