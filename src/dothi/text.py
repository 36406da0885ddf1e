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


# --- Vietnamese dictionary order -----------------------------------------------------------------
#
# A small key function rather than PyICU: ICU's "vi" collation gives the same order for names, but
# PyICU is a compiled binding to a system library (no wheel for every platform and Python, a build
# with libicu-dev otherwise), all for one sort order that fits in thirty lines and a table of
# tests. The rule (TCVN 5712; Vietnamese dictionaries): letters in the order below, with ă â đ ê ô
# ơ ư letters of their own; words first by their letters, case and tone marks ignored; then, only
# between names equal so far, by tone marks in the order ngang, huyền, hỏi, ngã, sắc, nặng, letter by
# letter; then lower case before upper case. A space sorts before any letter, so a shorter word
# comes first ("Bộ Công an" before "Bộ Công Thương", "Nội" before "Nông").

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư): part of the letter
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_OTHER = len(_ALPHABET) + 10  # a character outside the alphabet: after the letters, by code point


def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """A sort key that orders names as a Vietnamese dictionary does (see above)."""
    letters: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in unicodedata.normalize("NFC", _SPACES.sub(" ", text.strip())):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", parts[0] + "".join(c for c in parts[1:] if c in _MODIFIERS))
        lower = base.lower()
        if lower in _LETTER:
            letters.append(_LETTER[lower] + 2)
        elif char == " ":
            letters.append(0)
        elif char.isdigit():
            letters.append(1)
            letters.append(ord(char))
        else:
            letters.append(_OTHER + ord(char))
        tones.append(next((_TONES[c] for c in parts[1:] if c in _TONES), 0))
        cases.append(0 if base == lower else 1)
    return tuple(letters), tuple(tones), tuple(cases)
