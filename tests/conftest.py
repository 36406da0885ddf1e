"""Shared test helpers: small data repositories written inline, and the CLI run in-process."""

from __future__ import annotations

import json
import os
import textwrap
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dothi.cli.app import app

PROJECT_ROOT = Path(__file__).resolve().parent.parent

MEMBERS = """\
group:
  name: Tổ công tác liên ngành
  established_by: 1413/QĐ-TTg
  established_on: 2025-06-30
organizations:
  - id: bxd
    name: Bộ Xây dựng
    short: BXD
    kind: ministry
  - id: bkhcn
    name: Bộ Khoa học và Công nghệ
    short: BKHCN
    kind: ministry
  - id: vpcp
    name: Văn phòng Chính phủ
    short: VPCP
    kind: agency
members:
  - id: leader
    name: Nguyễn Văn A
    title: Phó Thủ tướng
    role: leader
    org: vpcp
    since: 2025-06-30
  - id: deputy
    name: Trần Văn B
    title: Bộ trưởng
    role: deputy
    org: bxd
    since: 2025-06-30
"""

HA_NOI = """\
name: Thành phố Hà Nội
code: "01"
kind: city
"""

CAO_BANG = """\
name: Tỉnh Cao Bằng
code: "04"
kind: province
"""


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def write_repo(root: Path, files: Mapping[str, str | bytes], members: bool = True) -> Path:
    """Write a data repository under ``root``; text is dedented, bytes are written as given."""
    everything: dict[str, str | bytes] = {"data/members.yaml": MEMBERS} if members else {}
    everything.update(files)
    for relative, content in everything.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def run_cli(*args: str, env: Mapping[str, str] | None = None) -> Run:
    runner = CliRunner()
    base: dict[str, str | None] = {
        "NO_COLOR": "1",
        "DOTHI_LANG": None,
        "DOTHI_ROOT": None,
        "GITHUB_ACTIONS": None,
        "CI": None,  # CI distrusts the cache's signatures: a test says so when it means it
        "COLUMNS": "100",
    }
    result = runner.invoke(app, list(args), env={**base, **(env or {})}, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def refused_tries(monkeypatch: pytest.MonkeyPatch, thread: str) -> threading.Event:
    """An event set once a try of the thread named ``thread`` to take an edit lock is refused:
    it then waits on the lock file it holds open, which a test may change under it."""
    from dothi.edit import locks

    refused = threading.Event()
    try_lock = locks._try_lock

    def trying(handle: int) -> None:
        try:
            try_lock(handle)
        except OSError:
            if threading.current_thread().name == thread:
                refused.set()
            raise

    monkeypatch.setattr(locks, "_try_lock", trying)
    return refused


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    def make(files: Mapping[str, str | bytes] | None = None, members: bool = True) -> Path:
        return write_repo(tmp_path / "repo", files or {}, members=members)

    return make


# What tools other than dothi's tests write into the project tree while the tests run.
NOT_THE_PROJECTS = {".git", ".venv", ".ci-venv", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis"}


def _project_files() -> dict[str, tuple[int, int]]:
    """Every file of the project tree (size and modification time), tool folders and bytecode aside."""
    found: dict[str, tuple[int, int]] = {}
    for folder, subfolders, files in os.walk(PROJECT_ROOT):
        subfolders[:] = [d for d in subfolders if d not in NOT_THE_PROJECTS and d != "__pycache__"]
        for name in files:
            if name.startswith(".coverage"):
                continue
            path = os.path.join(folder, name)
            stat = os.stat(path, follow_symlinks=False)
            found[os.path.relpath(path, PROJECT_ROOT)] = (stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture(autouse=True, scope="session")
def project_tree_is_never_written(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The project's files (its data above all) are fixtures that tests read, never write.

    Edits run on copies; dothi's cache goes where a test puts it, and its signing key into a
    folder of the test session instead of the user's own.
    """
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    before = _project_files()
    yield
    after = _project_files()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert changed == [], f"tests wrote into the project tree: {changed[:10]}"
