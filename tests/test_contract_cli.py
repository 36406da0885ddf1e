"""The CLI's side of the contract: the day a report defaults to, ``dothi schema``, the names of
the format switchboards."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import HA_NOI, Run, run_cli
from dothi.cli import check as check_command
from dothi.cli import status as status_command
from dothi.cli import validate as validate_command
from dothi.cli.app import app
from dothi.cli.values import Clock

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
    ("status", "csv-excel"): "\ufeffMã,Nội dung nhiệm vụ,",
    ("status", "md"): "# ",
    ("status", "xlsx"): "",  # a workbook goes to --out, never to standard output
    ("check", "table"): "Kế hoạch của Thành phố Hà Nội",
    ("check", "json"): "{",
    ("check", "md"): "# ",
    ("validate", "text"): "3 tệp, 0 lỗi, 0 cảnh báo.",
    ("validate", "json"): "{",
    ("validate", "github"): "",
    ("validate", "gitlab"): "[]",
    ("validate", "sarif"): "{",
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
        *(["--out", str(root / "status.xlsx")] if output == "xlsx" else []),
    )

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(STARTS[command, output]), result.stdout[:200]
    if output == "xlsx":
        assert (root / "status.xlsx").read_bytes()[:2] == b"PK"
    if output == "json":
        json.loads(result.stdout)


@pytest.mark.parametrize("command", sorted(SWITCHBOARDS))
def test_help_and_the_usage_error_name_the_formats_of_the_table(command: str) -> None:
    """The formats are written once, in the table: the help and the refusal are made from it."""
    formats = SWITCHBOARDS[command].FORMATS

    shown = run_cli("--lang", "en", command, "--help", env={"COLUMNS": "200"})
    refused = run_cli("--lang", "en", command, "--format", "xml")

    assert f"{', '.join(formats[:-1])} or {formats[-1]}" in " ".join(shown.stdout.split())
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"Error: Option --format: “xml” is not valid; choose one of: {', '.join(formats)}\n"
    )


# --- dothi schema -------------------------------------------------------------------------------

KINDS = ["calendar", "directive", "locality", "members", "requirements", "settings"]
REQUIRED = {
    "calendar": None,
    "directive": ["directive"],
    "locality": ["name", "code", "kind"],
    "members": ["group"],
    "requirements": None,
    "settings": None,
}
ID_PATTERN = "^[a-z0-9][a-z0-9._-]*$"


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every schema in ``node`` that describes a mapping with named keys."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


@pytest.fixture(scope="module")
def printed() -> dict[str, Any]:
    result = run_cli("schema")
    assert (result.exit_code, result.stderr) == (0, "")
    document: dict[str, Any] = result.json()
    return document


def test_schema_prints_one_strict_schema_per_file_kind(printed: dict[str, Any]) -> None:
    """Every kind of data file has a schema, and every mapping in it forbids unknown keys: an
    editor marks a misspelt key at once, as dothi validate does (unknown-key)."""
    assert sorted(printed) == KINDS
    for kind, schema in printed.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"] == f"dothi {kind} file"
        assert schema.get("required") == REQUIRED[kind]
        objects = _objects(schema)
        assert objects, kind
        assert [o.get("title") for o in objects if o.get("additionalProperties") is not False] == []


def test_schema_ids_carry_the_id_pattern(printed: dict[str, Any]) -> None:
    definitions = {kind: printed[kind]["$defs"] for kind in ("directive", "locality", "members")}
    ids = [
        definitions["directive"]["Task"]["properties"]["id"],
        definitions["directive"]["DirectiveHeader"]["properties"]["issuer"],
        definitions["locality"]["Milestone"]["properties"]["id"],
        definitions["members"]["Organization"]["properties"]["id"],
        definitions["members"]["Member"]["properties"]["org"],
    ]
    assert [schema["pattern"] for schema in ids] == [ID_PATTERN] * len(ids)


def test_schema_out_writes_the_printed_schemas_one_file_per_kind(
    tmp_path: Path, printed: dict[str, Any]
) -> None:
    folder = tmp_path / "schemas"

    result = run_cli("--lang", "en", "schema", "--out", str(folder))

    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"Wrote 6 schemas to {folder}\n"
    assert sorted(path.name for path in folder.iterdir()) == [f"{kind}.json" for kind in KINDS]
    for kind in KINDS:
        text = (folder / f"{kind}.json").read_text(encoding="utf-8")
        assert text.endswith("}\n")
        assert json.loads(text) == printed[kind]


# The schemas against data, read as an editor reads YAML, checked by jsonschema (the test extra).


def _as_an_editor_reads(text: str) -> Any:
    """YAML 1.2 as yaml-language-server and check-jsonschema read it: a date written 2025-06-30
    is the text of a date, like 30/6/2025."""
    import datetime as dt

    from ruamel.yaml import YAML

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {str(key): plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return plain(YAML(typ="safe", pure=True).load(text))


def _kind_of(relative: str) -> str:
    folder, _, name = relative.rpartition("/")
    return {"data/tasks": "directive", "data/localities": "locality"}.get(folder, name.removesuffix(".yaml"))


def _errors(printed: dict[str, Any], kind: str, document: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(printed[kind])
    return sorted(f"{error.json_path}: {error.validator}" for error in validator.iter_errors(document))


def test_the_schemas_are_valid_json_schemas(printed: dict[str, Any]) -> None:
    for schema in printed.values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_the_projects_data_and_a_new_repository_validate_against_the_schemas(printed: dict[str, Any]) -> None:
    """What dothi accepts, the schemas accept: the project's own data (every kind of file it has)
    and what ``dothi init`` writes."""
    from conftest import PROJECT_ROOT
    from dothi.init import skeleton_files

    files = {
        path.relative_to(PROJECT_ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((PROJECT_ROOT / "data").rglob("*.yaml"))
    }
    skeleton = skeleton_files().items()
    files.update(
        {name: text for name, text in skeleton if name.startswith("data/") and name.endswith(".yaml")}
    )
    assert {_kind_of(name) for name in files} >= {"directive", "locality", "members", "requirements"}

    failures = {
        name: _errors(printed, _kind_of(name), _as_an_editor_reads(text)) for name, text in files.items()
    }

    assert {name: errors for name, errors in failures.items() if errors} == {}


@pytest.mark.parametrize(
    ("task", "error"),
    [
        ("  - {id: nv-01, title: T, lead: bxd, deadlin: 15/8/2025}", "$.tasks[0]: additionalProperties"),
        ("  - {id: NV 01, title: T, lead: bxd}", "$.tasks[0].id: pattern"),
        ("  - {id: nv-01, title: T, lead: bxd, status: finished}", "$.tasks[0].status: enum"),
        ("  - {id: nv-01, title: T, lead: bxd, progress: 150}", "$.tasks[0].progress: anyOf"),
        ("  - {id: nv-01, lead: bxd}", "$.tasks[0]: required"),
    ],
    ids=["misspelt key", "id", "status", "progress", "no title"],
)
def test_the_schema_refuses_what_dothi_refuses(
    printed: dict[str, Any], repo: Callable[..., Path], task: str, error: str
) -> None:
    text = DIRECTIVE.split("tasks:\n")[0] + "tasks:\n" + task + "\n"

    assert _errors(printed, "directive", _as_an_editor_reads(text)) == [error]
    assert run_cli("--root", str(repo({"data/tasks/qd-1413.yaml": text})), "validate").exit_code == 1


def test_a_colour_choice_that_does_not_exist_is_a_usage_error() -> None:
    result = run_cli("--lang", "en", "--color", "sometimes", "validate")

    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "Error: Option --color: “sometimes” is not valid; choose one of: auto, always, never\n"
    )
