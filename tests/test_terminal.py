"""The width a report is laid out in where no style is written (a pipe, a file) is the width Rich
would have chosen: ``status`` writes such a report without Rich (``render/status_lines``), and
gives standard output's console the same width, so that nothing changes for the reader."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from typing import IO, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dothi.cli.terminal import Terminal, able_to_write_vietnamese
from test_status_cli import AS_OF, root

__all__ = ["root"]  # the fixture, imported for the tests below

PROBE = (
    "import sys\n"
    "from rich.console import Console\n"
    "from dothi.cli.terminal import Terminal\n"
    "print(Terminal('auto').plain_width(), Console(file=sys.stdout, soft_wrap=True).width)\n"
)


def terminal_of(columns: int) -> tuple[int, int]:
    """A pseudo-terminal ``columns`` wide: its two ends."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    return leader, follower


@pytest.mark.parametrize("columns", [None, "100", "abc", "", "0"])
@pytest.mark.parametrize(("where", "size"), [(None, 0), ("stdin", 120), ("stderr", 97), ("stdin", 0)])
def test_the_width_into_a_pipe_is_the_one_rich_chooses(
    columns: str | None, where: str | None, size: int
) -> None:
    environ = {
        k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE")
    }
    if columns is not None:
        environ["COLUMNS"] = columns
    ends = terminal_of(size) if where else None
    streams: dict[str, Any] = {"stdin": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    if ends is not None and where is not None:
        streams[where] = ends[1]
    try:
        done = subprocess.run(
            [sys.executable, "-c", PROBE], stdout=subprocess.PIPE, text=True, env=environ, **streams
        )
    finally:
        for end in ends or ():
            os.close(end)
    ours, richs = done.stdout.split()
    assert ours == richs


def test_a_terminal_or_forced_colours_leave_the_width_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    leader, follower = terminal_of(90)
    terminal_out: IO[str] = os.fdopen(follower, "w")
    try:
        monkeypatch.setattr(sys, "stdout", terminal_out)
        assert Terminal("auto").plain_width() is None
    finally:
        monkeypatch.undo()
        terminal_out.close()
        os.close(leader)
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # a pipe, even under ``pytest -s``
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert Terminal("auto").plain_width() is None
    monkeypatch.delenv("FORCE_COLOR")
    assert Terminal("always").plain_width() is None
    assert Terminal("never").plain_width() is not None


class _Stream(io.TextIOWrapper):
    """A text stream in a code page, a terminal or not."""

    def __init__(self, encoding: str, terminal: bool) -> None:
        super().__init__(io.BytesIO(), encoding=encoding)
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize(
    ("encoding", "terminal", "environ", "after", "errors"),
    [
        ("cp1252", False, {}, "utf-8", "strict"),  # Windows, `dothi status > baocao.txt`
        ("cp1258", False, {}, "utf-8", "strict"),  # even the Vietnamese code page
        ("cp1252", True, {}, "cp1252", "replace"),  # a terminal's own code page is kept
        ("latin-1", False, {"PYTHONIOENCODING": "latin-1"}, "latin-1", "replace"),  # as chosen
        ("utf-8", False, {}, "utf-8", "strict"),
    ],
)
def test_output_can_always_write_vietnamese(
    monkeypatch: pytest.MonkeyPatch,
    encoding: str,
    terminal: bool,
    environ: dict[str, str],
    after: str,
    errors: str,
) -> None:
    stream = _Stream(encoding, terminal)
    monkeypatch.setattr(sys, "stdout", stream)
    able_to_write_vietnamese(environ)
    assert (stream.encoding, stream.errors) == (after, errors)
    stream.write("Tình hình thực hiện nhiệm vụ")  # no UnicodeEncodeError
    stream.flush()


@pytest.mark.parametrize("output", [[], ["--format", "json"]])
def test_a_code_page_that_cannot_write_vietnamese_is_no_traceback(root: str, output: list[str]) -> None:
    """``PYTHONIOENCODING=ascii dothi status``: the report with “?” for what ASCII lacks, exit 0."""
    environ = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "dothi", "--root", root, "status", "--as-of", AS_OF, *output],
        capture_output=True,
        env=environ,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"T?nh h?nh" in done.stdout if not output else b'"title": "' in done.stdout
    assert done.stdout.isascii()


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.characters(codec="utf-8"), max_size=60),
    color=st.sampled_from(["auto", "never", "always"]),
)
def test_a_note_is_written_as_the_error_console_prints_it(text: str, color: str) -> None:
    """A message an edit ends with (``Terminal.note``) is written without Rich, as Rich's
    console of standard error writes it: control characters dropped, nothing wrapped, and no
    colour, even where colours are written (``always``: as onto a terminal)."""
    written, printed = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(written):
        Terminal(color).note(text)
    Terminal(color)._console(printed).print(text, markup=False)
    assert written.getvalue() == printed.getvalue()


def test_a_note_onto_a_terminal_is_what_the_console_prints() -> None:
    """Onto a pseudo-terminal, in a child process: Rich's console and ``note`` give the same bytes."""
    text = "Đã ghi data/tasks/tb-100.yaml \x1b[31m\u202e"
    probe = (
        "import sys\n"
        "from dothi.cli.terminal import Terminal\n"
        f"text = {text!r}\n"
        "Terminal('auto').note(text)\n"
        "Terminal('auto').err.print(text, markup=False)\n"
    )
    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        stderr=follower,
        stdout=subprocess.DEVNULL,
        env={**environ, "TERM": "xterm"},
    )
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        written += chunk
    os.close(leader)
    assert done.returncode == 0
    first, second, *_ = written.split(b"\r\n")
    assert first == second == "Đã ghi data/tasks/tb-100.yaml [31m".encode()


def test_a_tab_is_left_to_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    printed: list[str] = []
    monkeypatch.setattr(Terminal, "err", property(lambda self: Printer(printed)))
    Terminal("auto").note("Đã ghi\tdata/tasks/tb-100.yaml")
    assert printed == ["Đã ghi\tdata/tasks/tb-100.yaml"]


class Printer:
    def __init__(self, printed: list[str]) -> None:
        self.printed = printed

    def print(self, text: str, markup: bool) -> None:
        self.printed.append(text)
