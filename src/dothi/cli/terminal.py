"""Where a run's output goes: standard output and error as Rich consoles, and plain text.

Apart from the session (``context.Session``), which holds it, so that a run answered without
Typer (``cli/quick``) prints through the same consoles, with the same colours and widths.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

COLORS = ("auto", "always", "never")  # --color
# What makes Rich take a pipe for a terminal, and write styles into it.
FORCING = frozenset({"FORCE_COLOR", "TTY_COMPATIBLE"})


class Terminal:
    """Standard output and error of one run, coloured as ``color`` says: ``auto`` (colours on a
    terminal, none with ``NO_COLOR``), ``always`` or ``never``."""

    def __init__(self, color: str) -> None:
        self.color = color
        self._out: Console | None = None
        self._err: Console | None = None

    @property
    def out(self) -> Console:
        if self._out is None:
            self._out = self._console(sys.stdout)
        return self._out

    @property
    def err(self) -> Console:
        if self._err is None:
            self._err = self._console(sys.stderr)
        return self._err

    def _console(self, stream: object) -> Console:
        from dothi.render.console import SafeConsole

        never = self.color == "never" or (self.color == "auto" and "NO_COLOR" in os.environ)
        return SafeConsole(
            file=stream,
            highlight=False,
            force_terminal=True if self.color == "always" else None,
            no_color=never,
            color_system=None if never else "auto",
            soft_wrap=True,
            width=self.plain_width() if stream is sys.stdout else None,
        )

    def plain_width(self) -> int | None:
        """How wide a report is laid out on standard output when nothing styled can be written
        there: not a terminal (a pipe, a file), and no colour forced (``--color always``, or the
        ``FORCE_COLOR`` and ``TTY_COMPATIBLE`` that Rich obeys). ``status`` then writes its report
        without Rich (``render/status_lines``), and standard output's console is given this width
        too. None where Rich decides: on a terminal, with colours forced, and on Windows, whose
        consoles Rich measures its own way."""
        return output_width(os.environ) if self._plain(sys.stdout) else None

    def console_like_out(self, stream: object) -> Console:
        """A console writing into ``stream`` what standard output's would write onto the
        terminal (its width, its colours): the text handed to a pager."""
        from dothi.render.console import SafeConsole

        out = self.out
        return SafeConsole(
            file=stream,
            highlight=False,
            force_terminal=True,
            no_color=out.no_color,
            color_system=out.color_system,
            width=out.width,
            soft_wrap=True,
        )

    def echo(self, text: str, nl: bool = True) -> None:
        """Print a report made for files and programs (Markdown, CSV, JSON) to standard output:
        as it is into a pipe or a file, without control characters onto a terminal."""
        if sys.stdout.isatty():
            from dothi.render.controls import for_terminal

            text = for_terminal(text)
        sys.stdout.write(text + "\n" if nl else text)
        sys.stdout.flush()

    def note(self, text: str) -> None:
        """One line with no style to standard error, as its console prints it (``err.print``:
        the data's control characters dropped, no wrapping, no colour where no style is), without
        making the console, whose import is a tenth of an edit. Rich is left the tabs it
        expands, and Windows, whose consoles it writes its own way."""
        if self._err is not None or "\t" in text or os.name != "posix":
            self.err.print(text, markup=False)
            return
        from dothi.render.controls import for_terminal

        sys.stderr.write(for_terminal(text) + "\n")
        sys.stderr.flush()

    def _plain(self, stream: TextIO) -> bool:
        """Whether ``stream`` is written as it is: not a terminal, no colour forced, POSIX."""
        if os.name != "posix" or self.color == "always" or not FORCING.isdisjoint(os.environ):
            return False
        try:
            return not stream.isatty()
        except ValueError:  # closed
            return False

    def echo_bytes(self, data: bytes) -> None:
        """Bytes as they are (a BOM and CRLF line ends), into a file or a pipe."""
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


# What every output of dothi must be able to write: Vietnamese as the data holds it (NFC).
VIETNAMESE = "Tình hình thực hiện nhiệm vụ — “Đ”"


def able_to_write_vietnamese(environ: Mapping[str, str]) -> None:
    """Standard output and error set to write Vietnamese whatever the locale, never a traceback.

    Into a pipe or a file Python writes in the locale's code page, which on Windows cannot hold
    precomposed Vietnamese (cp1252; even cp1258 spells “ữ” with a combining mark): ``dothi
    status > baocao.txt`` stopped on the first “ữ”. There such a stream writes UTF-8 (Python's
    own default from 3.15, PEP 686). An encoding the user chose (``PYTHONIOENCODING``) is kept,
    as is a terminal's, and what it cannot hold is written as “?”.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if not encoding or reconfigure is None or _can_write(encoding):
            continue
        try:
            if "PYTHONIOENCODING" in environ or stream.isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8")
        except ValueError:  # closed, or written to already: left as it is
            continue


def _can_write(encoding: str) -> bool:
    try:
        VIETNAMESE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def output_width(environ: Mapping[str, str]) -> int:
    """The width Rich gives a console that is not a terminal: ``COLUMNS`` when it is a number,
    else the width of the first of standard input, output and error that is a terminal (a
    report piped into a file from a terminal is as wide as the terminal), else 80."""
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    width = None
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):  # not a terminal
            continue
        break
    return width or 80  # a pseudo-terminal may say 0


__all__ = ["Terminal", "able_to_write_vietnamese", "output_width"]
