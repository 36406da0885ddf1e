"""What a reader of rendered Markdown sees, for tests of data shown as data (SPEC §6).

Markdown is read with markdown-it-py (CommonMark plus GFM tables; installed with ``rich``, a
dependency of dothi), and compared as text: a line break, ``<br>`` in a cell or a softbreak in a
paragraph, is written ``¶``.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

MD = MarkdownIt("commonmark").enable("table")
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")  # GFM: a pipe preceded by a backslash does not split cells
PILCROW = "¶"  # stands for a line break when comparing what a reader sees


def pipes(line: str) -> int:
    return len(UNESCAPED_PIPE.findall(line))


def inline_text(inline: Any, markup: frozenset[str] = frozenset()) -> str:
    """What a reader sees of an inline token: text, escaped characters, and <br> or a break as ¶.

    Inline markup is an error, unless its token type is in ``markup`` (the template's own bold
    or links), which is then read through.
    """
    seen = []
    for child in inline.children:
        if child.type in ("text", "text_special"):
            seen.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and child.content == "<br>"
        ):
            seen.append(PILCROW)
        elif child.type not in markup:
            raise AssertionError(f"unexpected inline markup {child.type}: {child.content!r}")
    return "".join(seen)


def squash(value: str) -> str:
    """Whitespace as Markdown shows it: runs collapsed, none around a line break, none at the ends."""
    return re.sub(rf"\s*{PILCROW}\s*", PILCROW, re.sub(r"[ \t]+", " ", value)).strip()


def paragraphs(value: str) -> str:
    """As ``squash``, and a blank line (a new paragraph) counted as one break; none at the ends."""
    return re.sub(f"{PILCROW}+", PILCROW, squash(value)).strip(PILCROW)


def lines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", PILCROW)


def seen_as_paragraphs(markdown: str) -> str:
    """The text a reader sees, asserting that it is only paragraphs (no heading, quote, list…)."""
    tokens = MD.parse(markdown)
    kinds = {token.type for token in tokens}
    assert kinds <= {"paragraph_open", "inline", "paragraph_close"}, (markdown, sorted(kinds))
    return paragraphs(PILCROW.join(inline_text(token) for token in tokens if token.type == "inline"))
