"""Text comparison the way Vietnamese users expect it.

People type the same words with and without diacritics, in NFC or NFD (macOS), in any case and
with stray spaces; "quy III/2025" must mean "quý III/2025". Everything that compares user text
goes through :func:`fold`.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_MARKS = re.compile("[\u0300-\u036f]")  # the combining marks Vietnamese letters decompose into


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks; đ is a letter of its own and becomes d."""
    if text.isascii():
        return text
    bare = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Case-, diacritic- and whitespace-insensitive form of ``text``."""
    return _SPACES.sub(" ", strip_diacritics(text).casefold()).strip()
