"""Markdown that shows data as data (SPEC §6).

A value lands either in a table cell, where a ``|`` or a line break would end the cell or the
row, or in running text, where a ``#``, ``>``, ``|`` or list marker at the start of a line would
turn it into a heading, a quote, a table or a list. Those, and nothing else, are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# A line starts after any of Markdown's line endings: LF, CRLF and a lone CR.
_LINE_START = re.compile(r"(?:^|(?<=[\r\n]))([ \t]*)(?:([#>|]|[-*+](?=\s|$))|(\d+)([.)])(?=\s|$))")


def _escape_marker(match: re.Match[str]) -> str:
    """A backslash only escapes punctuation, so an ordered marker is escaped at its ``.`` or ``)``."""
    indent, marker, digits, delimiter = match.groups()
    if marker is not None:
        return f"{indent}\\{marker}"
    return f"{indent}{digits}\\{delimiter}"


class Safe(str):
    """Text already escaped for where it lands; the briefing environment leaves it alone."""


def cell(value: object) -> Safe:
    text = str(value)
    text = text.replace("|", "\\|").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return Safe(_LINE_START.sub(_escape_marker, text))


def text(value: object) -> Safe:
    return Safe(_LINE_START.sub(_escape_marker, str(value)))


def reader() -> MarkdownIt:
    """How dothi reads its own Markdown back (for HTML and Word): GFM tables, raw HTML as text."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric_from: int = 99) -> list[str]:
    align = ["---:" if i >= numeric_from else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in cells) + " |" for cells in rows]
    return lines
