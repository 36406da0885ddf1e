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
    (["extend", "t3", "--to", "31/12/2025"], 1, "“t3”"),  # done: nothing left to extend
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
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before


# --- issue 18 item 10: impossible histories are refused, new warnings are shown ------------------


IMPOSSIBLE = [
    (["done", "t1", "--on", "1/1/2099"], "muộn hơn ngày hôm nay theo giờ Việt Nam"),
    (["done", "t1", "--on", "1/7/2025"], "--on 1/7/2025 sớm hơn ngày giao “t1” (23/7/2025)."),
    (
        ["respond", "t2", "bkhcn", "--status", "done", "--on", "22/7/2025"],
        "--on 22/7/2025 sớm hơn ngày giao “t2@bkhcn” (23/7/2025).",
    ),
]


@pytest.mark.parametrize(("args", "said"), IMPOSSIBLE, ids=["future", "before", "answer-before"])
def test_a_done_date_that_cannot_be_true_is_refused(root: Path, args: list[str], said: str) -> None:
    before = snapshot(root)
    result = run_cli("--root", str(root), *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert said in result.stderr
    assert snapshot(root) == before


def test_reopen_forgets_the_result_of_the_work_it_undoes(root: Path) -> None:
    assert (
        run_cli("--root", str(root), "done", "t1", "--on", "14/10/2025", "--result", "NĐ 269").exit_code == 0
    )
    assert run_cli("--root", str(root), "reopen", "t1").exit_code == 0
    text = (root / TASKS).read_text(encoding="utf-8")
    assert "NĐ 269" not in text and "done_on: 14/10/2025" not in text


def test_an_edit_shows_the_warnings_it_brings(root: Path) -> None:
    args = ["add", "task", "--directive", "tb-100", "--id", "t9", "--title", "Sớm", "--lead", "bxd"]
    result = run_cli("--root", str(root), "--lang", "en", *args, "--deadline", "1/7/2025")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == "The change brings these new warnings:"
    assert lines[1].startswith(f"{TASKS}:42:15: warning date-order task t9:")
    assert lines[-1] == f"Wrote {TASKS}"


# --- issue 18 item 18: correct a done date; add org, member, locality; init -----------------------


def test_done_on_a_done_task_corrects_its_date_and_shows_the_diff(root: Path) -> None:
    result = run_cli("--root", str(root), "done", "t3", "--on", "15/12/2025")
    assert result.exit_code == 0
    assert result.stdout == (
        f"--- a/{TASKS}\n+++ b/{TASKS}\n@@ -30,7 +30,7 @@\n     lead: bxd\n     deadline: quý IV/2025\n"
        "     status: done\n-    done_on: 20/12/2025\n+    done_on: 15/12/2025\n     updates:\n"
        "       - on: 1/11/2025\n         note: Đã gửi dự thảo báo cáo\n"
    )
    assert result.stderr == f"Đã ghi {TASKS}\n"
    again = run_cli("--root", str(root), "done", "t3", "--on", "15/12/2025")  # nothing to correct
    assert again.exit_code == 1
    assert run_cli("--root", str(root), "done", "t3").exit_code == 1  # without --on: already done


ADDITIONS = {
    "add_org": (
        "data/members.yaml",
        ["add", "org", "bct", "--name", "Bộ Công Thương", "--kind", "ministry", "--short", "BCT"],
    ),
    "add_member": (
        "data/members.yaml",
        [
            *("add", "member", "dd-bkhcn", "--name", "Trần C", "--title", "Thứ trưởng", "--role", "member"),
            *("--org", "bkhcn", "--since", "1/8/2025"),
        ],
    ),
    "add_locality": (
        "data/localities/cao-bang.yaml",
        ["add", "locality", "cao-bang", "--name", "Tỉnh Cao Bằng", "--code", "04", "--kind", "province"],
    ),
    "add_directive_assigned_on": (
        "data/tasks/tb-300.yaml",
        [
            *("add", "directive", "tb-300", "--number", "300/TB-VPCP", "--kind", "thong-bao", "--date"),
            *("30/9/2025", "--assigned-on", "25/9/2025", "--issuer", "vpcp", "--subject", "Kết luận"),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(ADDITIONS))
def test_each_add_command_changes_exactly_the_intended_lines(root: Path, name: str) -> None:
    relative, args = ADDITIONS[name]
    before = snapshot(root)
    dry = run_cli("--root", str(root), *args, "--dry-run")
    assert (dry.exit_code, dry.stderr) == (0, ""), dry.stderr
    assert snapshot(root) == before
    result = run_cli("--root", str(root), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"Đã ghi {relative}\n")
    after = snapshot(root)
    assert {k for k in after if after[k] != before.get(k)} == {relative}
    diff = file_diff(relative, before.get(relative), after[relative])
    assert dry.stdout.replace("--- /dev/null", f"--- a/{relative}") == diff.replace(
        "--- /dev/null", f"--- a/{relative}"
    )
    assert_golden(name, diff)
    assert run_cli("--root", str(root), "validate", "--strict").exit_code == 0


ADD_REFUSED = [
    (["add", "org", "bxd", "--name", "X", "--kind", "ministry"], 1),  # there already
    (["add", "org", "Bxd", "--name", "X", "--kind", "ministry"], 2),  # not an id
    (["add", "org", "bct", "--name", "X", "--kind", "bo"], 2),
    (["add", "member", "m", "--name", "X", "--title", "Y", "--role", "member", "--org", "bkhc"], 2),
    (["add", "member", "m", "--name", "X", "--title", "Y", "--role", "boss", "--org", "bxd"], 2),
    (["add", "locality", "ha-noi", "--name", "X", "--code", "09", "--kind", "city"], 1),  # file exists
    (["add", "locality", "hai-phong", "--name", "X", "--code", "01", "--kind", "city"], 1),  # code taken
]


@pytest.mark.parametrize(
    ("args", "code"), ADD_REFUSED, ids=[f"{a[1]}-{i}" for i, (a, _) in enumerate(ADD_REFUSED)]
)
def test_a_refused_addition_writes_nothing(root: Path, args: list[str], code: int) -> None:
    before = snapshot(root)
    result = run_cli("--root", str(root), *args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before


def test_init_makes_the_localities_folder_and_a_workflow_that_installs_dothi(tmp_path: Path) -> None:
    from dothi import __version__

    target = tmp_path / "kho"
    assert run_cli("init", str(target)).exit_code == 0
    assert (target / "data" / "localities").is_dir()
    workflow = (target / ".github" / "workflows" / "dothi.yml").read_text(encoding="utf-8")
    assert "example.invalid" not in workflow and "{install}" not in workflow
    assert "        run: pip install " in workflow
    assert (
        run_cli(
            "--root", str(target), "add", "locality", "ha-noi", "--name", "Thành phố Hà Nội", "--code", "01"
        ).exit_code
        == 2
    )  # --kind is required
    made = ["add", "locality", "ha-noi", "--name", "Thành phố Hà Nội", "--code", "01", "--kind", "city"]
    assert run_cli("--root", str(target), *made).exit_code == 0
    assert run_cli("--root", str(target), "validate", "--strict").exit_code == 0
    assert __version__


@pytest.mark.parametrize(
    ("direct_url", "command"),
    [
        (None, 'pip install "dothi==1.2.3"'),
        ('{"url": "file:///home/a/dothi", "dir_info": {}}', 'pip install "dothi==1.2.3"'),
        (
            '{"url": "https://git.example.vn/dothi.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}',
            'pip install "git+https://git.example.vn/dothi.git@abc123"',
        ),
        (
            '{"url": "https://files.example.vn/dothi-1.2.3.tar.gz"}',
            'pip install "https://files.example.vn/dothi-1.2.3.tar.gz"',
        ),
        ("not json", 'pip install "dothi==1.2.3"'),
    ],
)
def test_the_install_command_is_where_this_dothi_came_from(direct_url: str | None, command: str) -> None:
    from dothi.init import install_from

    assert install_from(direct_url, "1.2.3") == command
