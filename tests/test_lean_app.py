"""A run builds only the command it runs (issue 19: what every command pays before it starts)."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from conftest import PROJECT_ROOT
from dothi.cli.app import app, reaching
from dothi.cli.argv import ROOT_OPTIONS, VALUED_OPTIONS, command_named


def test_the_root_options_read_ahead_are_the_roots_options() -> None:
    """The words read before parsing are those the root command declares, values and flags."""
    root = typer.main.get_command(app)
    declared = {name: param for param in root.params for name in param.opts}
    assert set(declared) | set(root.context_settings["help_option_names"]) == ROOT_OPTIONS
    valued = {name for name, param in declared.items() if not getattr(param, "is_flag", False)}
    assert valued == VALUED_OPTIONS


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["status"], "status"),
        (["--root", "status", "validate"], "validate"),  # a folder named “status”
        (["--root=x", "--lang", "en", "--no-cache", "add", "task"], "add"),
        (["--color", "never", "--", "check"], "check"),
        (["--version"], None),
        (["--help"], None),
        ([], None),
        (["--lang"], None),
        (["--bogus", "status"], None),  # the whole application says what is wrong
        (["-h", "status"], None),  # the root's help lists every command
        (["--no-cache", "--show-completion", "status"], None),
        (["status", "-h"], "status"),  # the command's own help
    ],
)
def test_the_command_is_read_before_the_line_is_parsed(args: list[str], name: str | None) -> None:
    assert command_named(args) == name


def commands_of(typer_app: typer.Typer) -> set[str]:
    return set(typer.main.get_command(typer_app).commands)  # type: ignore[attr-defined]


def test_a_run_builds_only_its_command_and_the_whole_app_when_unsure(monkeypatch: pytest.MonkeyPatch) -> None:
    everything = commands_of(app)
    assert len(everything) > 20
    for name in everything:  # a command, or a group of them (add, templates)
        assert commands_of(reaching(["--lang", "en", name, "--help"])) == {name}
    for args in (["statu"], ["--version"], []):  # a misspelt name is answered with the nearest ones
        assert reaching(args) is app
    monkeypatch.setenv("_DOTHI_COMPLETE", "complete_bash")  # completion lists every command
    assert reaching(["status"]) is app


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--as-of", "1/12/2026", "--format", "json"],
        ["--lang", "en", "status", "--bogus"],
        ["show", "--help"],
        ["add", "task", "--help"],
        ["-h", "status"],
    ],
)
def test_the_cut_application_says_what_the_whole_one_says(args: list[str]) -> None:
    line = ["--root", str(PROJECT_ROOT), "--no-cache", *args]
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "100", "DOTHI_LANG": None, "CI": None}
    whole = runner.invoke(app, line, env=env)
    cut = runner.invoke(reaching(line), line, env=env)
    assert (cut.exit_code, cut.stdout, cut.stderr) == (whole.exit_code, whole.stdout, whole.stderr)
    assert len(commands_of(app)) > 20  # the whole application is left as it was
