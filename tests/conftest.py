"""Shared test helpers: small data repositories written inline, and the CLI run in-process."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dothi.cli import app

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
        "COLUMNS": "100",
    }
    result = runner.invoke(app, list(args), env={**base, **(env or {})}, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    def make(files: Mapping[str, str | bytes] | None = None, members: bool = True) -> Path:
        return write_repo(tmp_path / "repo", files or {}, members=members)

    return make


@pytest.fixture(autouse=True, scope="session")
def project_data_is_never_written() -> Any:
    """The project's own data is a fixture that tests read, never write (edits run on copies)."""

    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in sorted((PROJECT_ROOT / "data").rglob("*")) if p.is_file()}

    before = snapshot()
    yield
    assert snapshot() == before, "a test wrote into the project's data/"
