"""``--help`` speaks the user's language, names its values, and shows examples that work."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer.main

from conftest import PROJECT_ROOT, run_cli
from dothi.cli.app import app
from dothi.messages import LANGUAGES, catalogue


def _tree() -> list[tuple[str, Any]]:
    """Every command of the application by its catalogue path (``dothi``, ``status``, ``add.task``)."""
    found: list[tuple[str, Any]] = []

    def walk(command: Any, path: str) -> None:
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, name if path == "dothi" else f"{path}.{name}")

    walk(typer.main.get_command(app), "dothi")
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_option_and_value_has_its_text_in_the_catalogue(lang: str) -> None:
    texts = catalogue(lang)
    missing: list[str] = []
    for path, command in _tree():
        missing += [f"help.{path}"] if f"help.{path}" not in texts else []
        for param in command.params:
            if not {f"help.{path}.{param.name}", f"option.{param.name}"} & texts.keys():
                missing.append(f"help.{path}.{param.name}")
            takes_value = not getattr(param, "is_flag", False)
            if takes_value and not {f"metavar.{path}.{param.name}", f"metavar.{param.name}"} & texts.keys():
                missing.append(f"metavar.{param.name}")
        if not getattr(command, "commands", None) and f"example.{path}" not in texts:
            missing.append(f"example.{path}")
    assert missing == []


def test_status_help_in_vietnamese_with_names_for_values_and_examples() -> None:
    result = run_cli("status", "-h")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Cách dùng: dothi status [TÙY_CHỌN]\n\n"
        "  Tình hình thực hiện nhiệm vụ tại một ngày bất kỳ: đã hoàn thành, quá hạn, sắp\n"
        "  đến hạn, hai tỷ lệ hoàn thành và bảng theo cơ quan chủ trì.\n\n"
        "Tùy chọn:\n"
        "  --as-of NGÀY              Ngày tính số liệu: 15/8/2025 hoặc 2025-08-15; mặc\n"
        "                            định: hôm nay theo giờ Việt Nam.\n"
        "  --soon SỐ_NGÀY            Số ngày tới được tính là sắp đến hạn.\n"
        "                            [mặc\u00a0định:\u00a014]\n"
    )
    assert result.stdout.endswith(
        "  -h, --help                Hiện hướng dẫn này rồi thoát.\n\n"
        "  Ví dụ:\n"
        "    dothi status\n"
        "    dothi status --as-of 31/12/2025 --lead bxd\n"
        "    dothi status --state overdue --format csv-excel > qua-han.csv\n"
    )
    assert "<str>" not in result.stdout and "list[" not in result.stdout


def test_the_language_option_and_the_environment_choose_the_help_language() -> None:
    english = run_cli("--lang", "en", "done", "--help").stdout
    assert english.startswith("Usage: dothi done [OPTIONS] {ID}\n")
    assert "  --on DATE " in english and "Examples:" in english
    assert run_cli("done", "-h", env={"DOTHI_LANG": "en"}).stdout == english
    assert run_cli("--lang=en", "done", "-h").stdout == english
    vietnamese = run_cli("done", "-h").stdout
    assert vietnamese.startswith("Cách dùng: dothi done [TÙY_CHỌN] {MÃ}\n") and "Ví dụ:" in vietnamese


def test_the_root_help_lists_the_commands_in_the_chosen_language() -> None:
    result = run_cli("-h")
    assert result.exit_code == 0
    assert "\nLệnh:\n  validate   Kiểm tra mọi tệp" in result.stdout
    assert "--show-completion" in result.stdout  # how to install completion is in the README


def test_every_example_of_the_help_runs_on_the_project_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a user copies from ``-h`` works: on a copy of the repository's data, from an empty folder."""
    examples, english = (
        [
            line
            for key, text in catalogue(lang).items()
            if key.startswith("example.")
            for line in text.splitlines()
        ]
        for lang in LANGUAGES
    )
    assert examples == english
    root = tmp_path / "repo"
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    monkeypatch.chdir(tmp_path)
    # the file the examples of import read
    shutil.copy(PROJECT_ROOT / "tests" / "fixtures" / "import" / "tb-999-vpcp.pdf", tmp_path)
    for example in examples:
        words = shlex.split(example.split(" > ")[0].split(" && ")[0])
        assert words[0] == "dothi", example
        result = run_cli("--root", str(root), *words[1:])
        assert result.exit_code == 0, (example, result.stdout, result.stderr)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("status", "--zzz"), "Lỗi: không có tùy chọn “--zzz”\n"),
        (("status", "--lea", "bxd"), "Lỗi: không có tùy chọn “--lea”; có phải ý bạn là “--lead”, “--all”?\n"),
        (("statu",), "Lỗi: không có lệnh “statu”; có phải ý bạn là “status”?\n"),
        (("add", "task"), "Lỗi: thiếu “--directive”\n"),
        (("show",), "Lỗi: thiếu “MÃ”\n"),
        (("status", "x", "y"), "Lỗi: thừa tham số: “x y”\n"),
        (("status", "--as-of"), "Lỗi: “--as-of” cần có giá trị\n"),
    ],
)
def test_the_librarys_usage_errors_speak_the_users_language(args: tuple[str, ...], said: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr.endswith(said)
    assert "Error" not in result.stderr and "Usage" not in result.stderr


def test_a_usage_error_shows_the_usage_line_and_where_to_read_more_in_english_too() -> None:
    result = run_cli("--lang", "en", "show")
    assert result.stderr == (
        "Usage: dothi show [OPTIONS] {ID}\n"
        "See “dothi show -h” for how to use it.\n\n"
        "Error: “ID” is required\n"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_help_page_shows_a_python_type(lang: str) -> None:
    for path, _command in _tree():
        words = [] if path == "dothi" else path.split(".")
        shown = run_cli("--lang", lang, *words, "-h").stdout
        assert "<str>" not in shown and "list[" not in shown and "<int>" not in shown, (path, shown)
