"""Markdown that shows data as data (SPEC §6).

A value lands either in a table cell, where a ``|`` or a line break would end the cell or the
row, or in running text, where a ``#``, ``>`` or list marker at the start of a line would turn it
into a heading, a quote or a list. Those, and nothing else, are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_LINE_START = re.compile(r"^(\s*)(#|>|[-*+](?=\s|$)|\d+[.)](?=\s|$))", re.MULTILINE)


class Safe(str):
    """Text already escaped for where it lands; the briefing environment leaves it alone."""


def cell(value: object) -> Safe:
    text = str(value)
    text = text.replace("|", "\\|").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return Safe(_LINE_START.sub(r"\1\\\2", text))


def text(value: object) -> Safe:
    return Safe(_LINE_START.sub(r"\1\\\2", str(value)))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric_from: int = 99) -> list[str]:
    align = ["---:" if i >= numeric_from else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in cells) + " |" for cells in rows]
    return lines
