from pathlib import Path

from conftest import PROJECT_ROOT, run_cli


def test_project_data_validates_clean() -> None:
    result = run_cli("--no-cache", "--root", str(PROJECT_ROOT), "validate", "--strict", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert result.json()["problems"] == []


def test_stderr_is_separate(tmp_path: Path) -> None:
    result = run_cli("--root", str(tmp_path), "validate")
    assert result.exit_code == 2
    assert "data/members.yaml" in result.stderr
    assert result.stdout == ""
