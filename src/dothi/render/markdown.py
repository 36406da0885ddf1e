"""Markdown that shows data as data (SPEC §6, and issue 21: titles are text).

A value lands either in a table cell, where a ``|`` or a line break would end the cell or the
row, or in running text, where a ``#``, ``>``, ``|`` or list marker at the start of a line would
turn it into a heading, a quote, a table or a list, and a line of ``=`` or ``-`` would underline
the line above into a heading. Those are escaped, and so is every character that starts inline
markup anywhere (``\\ ` * _ [ ] < & ~``: emphasis, code, links and images, autolinks and raw HTML,
entities, strikethrough): a title ``![x](https://…)`` is the text ``![x](https://…)``, never an
image fetched from elsewhere. A backslash escape shows as the character itself, so what a reader
sees is the value as written. Control characters are dropped (``validate`` warns about them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dothi.render.controls import for_document

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# A line starts after any of Markdown's line endings: LF, CRLF and a lone CR.
_LINE_START = re.compile(
    r"(?:^|(?<=[\r\n]))([ \t]*)"
    r"(?:([#>|]|[-*+](?=\s|$)|[=-](?=[=-]*[ \t]*(?:[\r\n]|$)))|(\d+)([.)])(?=\s|$))"
)
# A tilde strikes text through (GFM) only when it touches text: a "~" alone, check's mark for a
# thin section, stays as it is.
_INLINE = re.compile(r"[\\`*_\[\]<&]|~(?=\S)|(?<=\S)~")


def _escape_marker(match: re.Match[str]) -> str:
    """A backslash only escapes punctuation, so an ordered marker is escaped at its ``.`` or ``)``."""
    indent, marker, digits, delimiter = match.groups()
    if marker is not None:
        return f"{indent}\\{marker}"
    return f"{indent}{digits}\\{delimiter}"


class Safe(str):
    """Text already escaped for where it lands; the briefing environment leaves it alone."""


def _inline(value: object) -> str:
    """Inline markup escaped, control characters dropped; a Safe value is escaped already."""
    if isinstance(value, Safe):
        return str(value)
    return _INLINE.sub(r"\\\g<0>", for_document(str(value)))


def cell(value: object) -> Safe:
    text = _inline(value)
    text = text.replace("|", "\\|").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return Safe(_LINE_START.sub(_escape_marker, text))


def text(value: object) -> Safe:
    return Safe(_LINE_START.sub(_escape_marker, _inline(value)))


def reader() -> MarkdownIt:
    """How dothi reads its own Markdown back (for HTML and Word): GFM tables, raw HTML as text.

    Escaped characters stay tokens of their own (``text_special``), so that the ``<br>`` a cell
    breaks its lines with, which is in a ``text`` token, is never confused with a title that
    reads ``<br>``, escaped as ``\\<br>``.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("text_join")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric_from: int = 99) -> list[str]:
    align = ["---:" if i >= numeric_from else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in cells) + " |" for cells in rows]
    return lines
