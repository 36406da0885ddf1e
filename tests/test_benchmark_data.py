"""The benchmark's generated repository is valid data: a benchmark of a repository with errors
times the error report, not the work (as found twice: after the 2025 mergers were recorded, the
generated directives gave work to ministries that had ended, or had not been formed yet)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT, run_cli


def test_the_generated_repository_has_no_problem(tmp_path: Path) -> None:
    out = tmp_path / "bench"
    script = PROJECT_ROOT / "benchmarks" / "generate.py"
    made = subprocess.run(
        [sys.executable, str(script), str(out), "--items", "1500", "--seed", "3"],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    result = run_cli("--root", str(out), "--no-cache", "validate", "--strict")
    assert (result.exit_code, result.stdout.splitlines()[-1].split(". ", 1)[1]) == (0, "Dữ liệu hợp lệ."), (
        result.stdout
    )
    assert ", 0 lỗi, 0 cảnh báo" in result.stdout
