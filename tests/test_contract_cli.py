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

from conftest import Run
from dothi.cli import app
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
