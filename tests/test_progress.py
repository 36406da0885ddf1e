"""The loading bar: on a terminal, after a second of loading, gone when loading ends."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from conftest import run_cli
from dothi.cli.progress import LoadingBar, Working


def terminal() -> tuple[Console, io.StringIO]:
    stream = io.StringIO()
    return Console(file=stream, force_terminal=True, width=80), stream


def test_the_bar_appears_once_loading_takes_longer_than_the_delay() -> None:
    console, stream = terminal()
    bar = LoadingBar(console, "Đang đọc dữ liệu", delay=0.0)
    for done in range(1, 4):
        bar(done, 3)
    bar.close()
    assert "Đang đọc dữ liệu" in stream.getvalue()
    assert "3/3" in stream.getvalue()


def test_a_quick_load_shows_no_bar() -> None:
    console, stream = terminal()
    bar = LoadingBar(console, "Đang đọc dữ liệu", delay=3600.0)
    bar(1, 2)
    bar(2, 2)
    bar.close()
    assert stream.getvalue() == ""


# --- a sign of life for a long render (issue 18, item 16) -------------------------------------


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_long_step_shows_what_is_done_and_the_next_step() -> None:
    console, stream = terminal()
    working = Working(console, "Đang tổng hợp số liệu báo cáo", delay=0.0)
    _until(lambda: working.bar is not None)
    working.step("Đang soạn văn bản Word")
    _until(lambda: "Đang soạn văn bản Word" in stream.getvalue())
    working.close()
    written = stream.getvalue()
    assert "Đang tổng hợp số liệu báo cáo" in written and "Đang soạn văn bản Word" in written
    assert working.bar is None


def test_a_quick_step_shows_nothing() -> None:
    console, stream = terminal()
    working = Working(console, "Đang tổng hợp số liệu báo cáo", delay=3600.0)
    working.step("Đang soạn văn bản Word")
    working.close()
    assert stream.getvalue() == ""
    assert not working.timer.is_alive() or working.timer.finished.is_set()


def test_brief_into_a_pipe_says_only_what_it_wrote(repo: Callable[..., Path], tmp_path: Path) -> None:
    root = repo({})
    out = tmp_path / "b.docx"
    result = run_cli("--root", str(root), "brief", "--as-of", "1/9/2025", "--out", str(out))
    assert result.exit_code == 0
    assert result.stderr == f"Đã ghi {out}\n"
