"""The CLI's side of the contract: the day a report defaults to, ``dothi schema``, the names of
the format switchboards."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import HA_NOI, Run, run_cli
from dothi.cli import app
from dothi.cli import check as check_command
from dothi.cli import status as status_command
from dothi.cli import validate as validate_command
from dothi.cli.context import Clock

DIRECTIVE = """\
directive:
  number: 1413/QĐ-TTg
  kind: quyet-dinh
  date: 2025-06-30
  issuer: vpcp
  subject: Thành lập Tổ công tác
tasks:
  - id: nv-01
    title: Xây dựng khung kiến trúc đô thị thông minh
    lead: bxd
    deadline: 14/8/2025
"""


def run_at(instant: datetime, *args: str) -> Run:
    """The CLI run in-process with its clock stopped at ``instant`` (handed in as Click's obj)."""
    env = {"NO_COLOR": "1", "DOTHI_LANG": None, "DOTHI_ROOT": None, "GITHUB_ACTIONS": None}
    result = CliRunner().invoke(app, list(args), env=env, obj=Clock(lambda: instant), catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


# --- the clock: the day it is in Vietnam, UTC+7 --------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "as_of", "state", "days_overdue"),
    [
        (datetime(2025, 8, 14, 16, 59, 59, tzinfo=UTC), "2025-08-14", "in_progress", None),
        (datetime(2025, 8, 14, 17, 0, 0, tzinfo=UTC), "2025-08-15", "overdue", 1),
    ],
    ids=["23:59:59 in Hanoi", "midnight in Hanoi"],
)
def test_status_without_as_of_reports_on_the_day_it_is_in_vietnam(
    repo: Callable[..., Path], instant: datetime, as_of: str, state: str, days_overdue: int | None
) -> None:
    """At 17:00 UTC a new day begins in Vietnam: the task due that day turns overdue then, not at
    midnight UTC (seven hours later) nor at midnight where the computer's clock is set."""
    root = repo({"data/tasks/qd-1413.yaml": DIRECTIVE})

    result = run_at(instant, "--root", str(root), "status", "--format", "json", "--all")

    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = result.json()
    assert document["as_of"] == as_of
    [item] = document["items"]
    assert (item["id"], item["state"], item["days_overdue"]) == ("nv-01", state, days_overdue)


def test_the_clock_is_read_in_vietnam_whatever_zone_the_instant_is_written_in() -> None:
    """An instant written in another zone is the same instant: 01:30 in Paris (UTC+2 in summer) on
    15 August is 06:30 in Hanoi."""
    from datetime import timedelta, timezone

    paris_summer = timezone(timedelta(hours=2))
    clock = Clock(lambda: datetime(2025, 8, 15, 1, 30, tzinfo=paris_summer))

    assert clock.today_in_vietnam().isoformat() == "2025-08-15"
    assert Clock(lambda: datetime(2025, 8, 14, 18, 59, 59, tzinfo=paris_summer)).today_in_vietnam().day == 14


def test_the_real_clock_is_aware_of_its_zone() -> None:
    """The default clock gives an instant with its zone: a naive one would be read in the
    computer's own zone, which is the bug this clock exists to avoid."""
    assert Clock().now().utcoffset() is not None


# --- the format switchboards: one table per command says which formats there are ----------------

SWITCHBOARDS = {"status": status_command, "check": check_command, "validate": validate_command}
# What each format's output starts with, on a repository with one task and one locality.
STARTS = {
    ("status", "table"): "Tình hình thực hiện nhiệm vụ",
    ("status", "json"): "{",
    ("status", "csv"): "id,title,kind,",
    ("status", "md"): "# ",
    ("check", "table"): "Kế hoạch của Thành phố Hà Nội",
    ("check", "json"): "{",
    ("check", "md"): "# ",
    ("validate", "text"): "3 tệp, 0 lỗi, 0 cảnh báo.",
    ("validate", "json"): "{",
    ("validate", "github"): "",
}


def test_every_format_of_every_switchboard_is_known_to_this_test() -> None:
    assert sorted(STARTS) == sorted(
        (name, f) for name, module in SWITCHBOARDS.items() for f in module.FORMATS
    )


@pytest.mark.parametrize(("command", "output"), sorted(STARTS))
def test_each_format_in_the_table_writes_that_format(
    repo: Callable[..., Path], command: str, output: str
) -> None:
    root = repo({"data/tasks/qd-1413.yaml": DIRECTIVE, "data/localities/ha-noi.yaml": HA_NOI})

    result = run_cli(
        "--root",
        str(root),
        command,
        "--format",
        output,
        *(["--as-of", "1/8/2025"] if command == "status" else []),
    )

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(STARTS[command, output]), result.stdout[:200]
    if output == "json":
        json.loads(result.stdout)


@pytest.mark.parametrize("command", sorted(SWITCHBOARDS))
def test_help_and_the_usage_error_name_the_formats_of_the_table(command: str) -> None:
    """The formats are written once, in the table: the help and the refusal are made from it."""
    formats = SWITCHBOARDS[command].FORMATS

    shown = run_cli(command, "--help", env={"COLUMNS": "200"})
    refused = run_cli("--lang", "en", command, "--format", "xml")

    assert f"{', '.join(formats[:-1])} or {formats[-1]}" in shown.stdout
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: Option --format: «xml» is not valid; choose one of: {', '.join(formats)}\n"
    )
