"""The loading bar: on a terminal, after a second of loading, gone when loading ends."""

from __future__ import annotations

import io

from rich.console import Console

from dothi.cli.progress import LoadingBar


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
