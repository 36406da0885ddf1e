"""The width a report is laid out in where no style is written (a pipe, a file) is the width Rich
would have chosen: ``status`` writes such a report without Rich (``render/status_lines``), and
gives standard output's console the same width, so that nothing changes for the reader."""

from __future__ import annotations

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

from dothi.cli.terminal import Terminal

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
