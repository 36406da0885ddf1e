"""Control characters in data: never sent to a terminal, never written into a document.

A title may hold an escape sequence (clear the screen, a hidden hyperlink, a changed window title),
a NUL, a carriage return that overwrites the line, or bidirectional overrides that show text in
another order than it is stored. ``validate`` warns about them in the data; outputs for people
drop them, and outputs for programs (JSON, CSV) keep every character, escaped where the format
escapes. A terminal keeps line feeds and tabs; a document keeps carriage returns too (they are line
breaks there) and also loses what XML cannot hold (lone surrogates, U+FFFE and U+FFFF).
"""

from __future__ import annotations

import re

_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_DOCUMENT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def for_terminal(text: str) -> str:
    """``text`` without what a terminal would obey rather than show."""
    return _TERMINAL.sub("", text)


def for_document(text: str) -> str:
    """``text`` without what a Markdown, HTML or Word document cannot or should not hold."""
    return _DOCUMENT.sub("", text)
