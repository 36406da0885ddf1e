"""``dothi status`` through a pager on a terminal, as git does (issue 18, item 15).

The pager is a shell command that writes what it is given into a file, so that the test reads
exactly what a person's ``less`` would have shown, and the environment it ran in.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dothi.cli.pager import LESS_DEFAULT, pager_command, pager_environment
from test_status_cli import AS_OF, root, status

__all__ = ["root"]  # the fixture, imported for the tests below


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dothi.cli.status_out.on_terminal", lambda: True)
    for name in ("DOTHI_PAGER", "PAGER", "LESS"):
        monkeypatch.delenv(name, raising=False)


def recording(tmp_path: Path) -> tuple[str, Path, Path]:
    """A pager command that keeps the text it was given and the LESS it ran with."""
    text, less = tmp_path / "paged.txt", tmp_path / "less.txt"
    return f'cat > "{text}"; printf %s "$LESS" > "{less}"', text, less


@pytest.mark.usefixtures("terminal")
def test_a_terminal_listing_goes_through_the_pager(
    root: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command, text, less = recording(tmp_path)
    monkeypatch.setenv("DOTHI_PAGER", command)
    result = status(root, "--as-of", AS_OF, "--no-limit")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    paged = text.read_text(encoding="utf-8")
    assert paged.splitlines()[0] == "Tình hình thực hiện nhiệm vụ tính đến ngày 1/9/2025"
    assert "t1@cao-bang · Cao Bằng · 100/QĐ-TTg" in paged
    assert less.read_text() == LESS_DEFAULT


@pytest.mark.usefixtures("terminal")
def test_pager_is_dothi_pager_then_pager_and_less_is_kept(
    root: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command, text, less = recording(tmp_path)
    monkeypatch.setenv("PAGER", command)
    monkeypatch.setenv("LESS", "-S")
    result = status(root, "--as-of", AS_OF, "--format", "md")
    assert (result.exit_code, result.stdout) == (0, "")
    title = "# Tình hình thực hiện nhiệm vụ tính đến ngày 1/9/2025\n"
    assert text.read_text(encoding="utf-8").startswith(title)
    assert less.read_text() == "-S"


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize("args", [["--no-pager"], ["--format", "json"], ["--format", "csv"]])
def test_no_pager_when_asked_or_for_scripts(
    root: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    command, text, _ = recording(tmp_path)
    monkeypatch.setenv("DOTHI_PAGER", command)
    result = status(root, "--as-of", AS_OF, *args)
    assert result.exit_code == 0
    assert result.stdout and not text.exists()


def test_never_when_not_a_terminal(root: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command, text, _ = recording(tmp_path)
    monkeypatch.setenv("DOTHI_PAGER", command)
    result = status(root, "--as-of", AS_OF)
    assert result.stdout.startswith("Tình hình thực hiện nhiệm vụ") and not text.exists()


@pytest.mark.usefixtures("terminal")
def test_a_pager_that_cannot_start_prints_directly(root: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOTHI_PAGER", "exit 0")  # reads nothing: the text meets a closed pipe
    result = status(root, "--as-of", AS_OF)
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "less"),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": "more", "DOTHI_PAGER": "less -S"}, "less -S"),
        ({"PAGER": "more", "DOTHI_PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
        ({"PAGER": "  "}, None),
    ],
)
def test_pager_command(environ: dict[str, str], expected: str | None) -> None:
    assert pager_command(environ) == expected


def test_pager_environment_sets_git_defaults_only_where_unset() -> None:
    assert pager_environment({"HOME": "/h"}) == {"LESS": "FRX", "LV": "-c", "HOME": "/h"}
    assert pager_environment({"LESS": "", "LV": "x"})["LESS"] == ""
